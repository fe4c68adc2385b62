/* codebook.c - loading starter codebooks. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codebook.h"
#include "csvdata.h"
#include "embedded.h"
#include "journal.h"
#include "model.h"
#include "xalloc.h"

/* Which header column holds each field, and the change adding the codes. */
struct codebook_columns {
	int name, parent, colour, quick_key, description;
	int position;
	struct journal_tx *tx;
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

/* Refuses quick key key for code name: code holder has it. */
static int codebook_key_taken(struct jaw_db *db, const char *name, int key, int64_t holder,
                              jaw_err *err)
{
	struct code h;
	if (codebook_get(db, holder, &h, err) != JAW_OK)
		return JAW_FAIL;
	err_set(err, JAW_FAIL, "%s: quick key %d is taken by the code \"%s\"", name, key, h.name);
	codebook_code_clear(&h);
	return JAW_FAIL;
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
	struct jaw_db *db = journal_db(c->tx);
	const char *key = codebook_field(row, c->quick_key);
	if (*key) {
		char *end;
		code.quick_key = (int)strtol(key, &end, 10);
		if (*end || code.quick_key < 1 || code.quick_key > 9)
			return err_set(err, JAW_FAIL, "%s: quick key \"%s\" is not a digit 1-9",
			               code.name, key);
		/* codebook_add takes a key from its holder; a file gives it once */
		int64_t holder = codebook_quick_key_code(db, code.quick_key, err);
		if (holder != 0)
			return holder < 0 ? JAW_FAIL
			                  : codebook_key_taken(db, code.name, code.quick_key, holder, err);
	}
	const char *parent = codebook_field(row, c->parent);
	if (*parent) {
		code.parent_id = model_code_find(db, parent, err);
		if (code.parent_id < 0)
			return JAW_FAIL;
		if (code.parent_id == 0)
			return err_set(err, JAW_FAIL, "%s: parent code \"%s\" is not defined above it",
			               code.name, parent);
	}
	return codebook_add_in(c->tx, &code, err);
}

int codebook_load_csv(struct jaw_db *db, const char *coder, const char *file, const char *data,
                      size_t len, jaw_err *err)
{
	struct codebook_columns c = {.position = -1};
	if (!(c.tx = journal_begin(db, coder, "codebook-load", err)))
		return JAW_FAIL;
	if (csvdata_each_row(file, data, len, codebook_row, &c, err) != JAW_OK) {
		journal_abort(c.tx);
		return JAW_FAIL;
	}
	char *summary = xasprintf("load codebook %s (%d codes)", file, c.position);
	int rc = journal_commit(c.tx, summary, NULL, err);
	free(summary);
	return rc;
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
	return codebook_load_csv(db, CODEBOOK_STARTER_ANALYST, path, (const char *)f->data, f->size,
	                         err);
}
