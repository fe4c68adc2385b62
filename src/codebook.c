/* codebook.c - loading starter codebooks. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codebook.h"
#include "csvdata.h"
#include "embedded.h"
#include "model.h"

/* Which header column holds each field. */
struct codebook_columns {
	int name, parent, colour, quick_key, description;
	int position;
	struct jaw_db *db;
};

static int codebook_header(struct codebook_columns *c, const struct csvdata_row *row,
                           jaw_err *err)
{
	c->name = csvdata_column(row, "name");
	c->parent = csvdata_column(row, "parent");
	c->colour = csvdata_column(row, "colour");
	c->quick_key = csvdata_column(row, "quick_key");
	c->description = csvdata_column(row, "description");
	if (c->name < 0)
		return err_set(err, JAW_FAIL, "the header has no \"name\" column");
	return JAW_OK;
}

static const char *codebook_field(const struct csvdata_row *row, int column)
{
	return column >= 0 && column < row->nfields ? row->fields[column] : "";
}

static int codebook_row(void *ctx, const struct csvdata_row *row, jaw_err *err)
{
	struct codebook_columns *c = ctx;
	if (c->position < 0) {
		c->position = 0;
		return codebook_header(c, row, err);
	}
	struct code code = {0};
	code.name = (char *)codebook_field(row, c->name);
	code.description = (char *)codebook_field(row, c->description);
	code.colour = (char *)codebook_field(row, c->colour);
	code.position = ++c->position;
	const char *key = codebook_field(row, c->quick_key);
	if (*key) {
		char *end;
		code.quick_key = (int)strtol(key, &end, 10);
		if (*end || code.quick_key < 1 || code.quick_key > 9)
			return err_set(err, JAW_FAIL, "%s: quick key \"%s\" is not a digit 1-9",
			               code.name, key);
	}
	const char *parent = codebook_field(row, c->parent);
	if (*parent) {
		code.parent_id = model_code_find(c->db, parent, err);
		if (code.parent_id < 0)
			return JAW_FAIL;
		if (code.parent_id == 0)
			return err_set(err, JAW_FAIL, "%s: parent code \"%s\" is not defined above it",
			               code.name, parent);
	}
	return model_code_add(c->db, &code, err);
}

int codebook_load_csv(struct jaw_db *db, const char *file, const char *data, size_t len,
                      jaw_err *err)
{
	struct codebook_columns c = {.position = -1, .db = db};
	if (db_begin(db, err) != JAW_OK)
		return JAW_FAIL;
	if (csvdata_each_row(file, data, len, codebook_row, &c, err) != JAW_OK) {
		db_rollback(db);
		return JAW_FAIL;
	}
	return db_commit(db, err);
}

const char *codebook_starter_names(void)
{
	return "human-security|empty";
}

int codebook_load_starter(struct jaw_db *db, const char *name, jaw_err *err)
{
	char path[128];
	snprintf(path, sizeof path, "codebooks/%s.csv", name);
	const struct embedded_file *f = strchr(name, '/') ? NULL : embedded_find(path);
	if (!f)
		return err_set(err, JAW_USAGE, "no starter codebook called \"%s\" (choose %s)", name,
		               codebook_starter_names());
	return codebook_load_csv(db, path, (const char *)f->data, f->size, err);
}
