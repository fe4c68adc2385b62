/* demo.c - loading the demo project from the embedded data/demo files. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codebook.h"
#include "coding.h"
#include "csvimport.h"
#include "csvdata.h"
#include "demo.h"
#include "embedded.h"
#include "model.h"
#include "utf8.h"
#include "xalloc.h"

#define DEMO_MAX_HEADERS 8

/* "Key: value" lines at the top of a demo text file, up to a blank line. */
struct demo_headers {
	int n;
	char *key[DEMO_MAX_HEADERS], *value[DEMO_MAX_HEADERS];
	const char *body; /* what follows the blank line (borrowed) */
};

static int demo_headers_parse(const char *name, const char *text, struct demo_headers *h,
                              jaw_err *err)
{
	memset(h, 0, sizeof *h);
	const char *p = text;
	int line = 1;
	while (*p && *p != '\n') {
		const char *eol = strchr(p, '\n');
		size_t len = eol ? (size_t)(eol - p) : strlen(p);
		const char *colon = memchr(p, ':', len);
		if (!colon || h->n == DEMO_MAX_HEADERS)
			return err_set(err, JAW_FAIL, "%s line %d: expected \"Key: value\"", name, line);
		const char *v = colon + 1;
		while (*v == ' ')
			v++;
		h->key[h->n] = xstrndup(p, (size_t)(colon - p));
		h->value[h->n] = xstrndup(v, len - (size_t)(v - p));
		h->n++;
		p += len + (eol != NULL);
		line++;
	}
	h->body = *p == '\n' ? p + 1 : p;
	return JAW_OK;
}

static const char *demo_header(const struct demo_headers *h, const char *key)
{
	for (int i = 0; i < h->n; i++)
		if (strcmp(h->key[i], key) == 0)
			return h->value[i];
	return "";
}

static void demo_headers_clear(struct demo_headers *h)
{
	for (int i = 0; i < h->n; i++) {
		free(h->key[i]);
		free(h->value[i]);
	}
	h->n = 0;
}

static const struct embedded_file *demo_file(const char *name, jaw_err *err)
{
	const struct embedded_file *f = embedded_find(name);
	if (!f)
		err_set(err, JAW_FAIL, "internal error: demo file %s is missing", name);
	return f;
}

static int demo_load_project(struct jaw_db *db, jaw_err *err)
{
	const struct embedded_file *f = demo_file("demo/project.txt", err);
	struct demo_headers h;
	if (!f || demo_headers_parse("demo/project.txt", (const char *)f->data, &h, err) != JAW_OK)
		return JAW_FAIL;
	struct project p = {
		(char *)demo_header(&h, "Title"), (char *)demo_header(&h, "Aim"),
		(char *)demo_header(&h, "Sponsor"), (char *)demo_header(&h, "Start"),
		(char *)demo_header(&h, "End"),
	};
	int rc = model_project_set(db, &p, err);
	demo_headers_clear(&h);
	return rc;
}

/* Maps a CSV row to named fields through its header row. */
struct demo_table {
	struct jaw_db *db;
	struct csvdata_row header; /* fields borrowed from a copy kept here */
	char *header_store[16];
};

static const char *demo_field(const struct demo_table *t, const struct csvdata_row *row,
                              const char *column)
{
	int i = csvdata_column(&t->header, column);
	return i >= 0 && i < row->nfields ? row->fields[i] : "";
}

/* Keeps the header row; returns true if row was the header. */
static bool demo_table_header(struct demo_table *t, const struct csvdata_row *row)
{
	if (t->header.nfields > 0)
		return false;
	int n = row->nfields < 16 ? row->nfields : 16;
	for (int i = 0; i < n; i++)
		t->header_store[i] = xstrdup(row->fields[i]);
	t->header.fields = t->header_store;
	t->header.nfields = n;
	return true;
}

static void demo_table_clear(struct demo_table *t)
{
	for (int i = 0; i < t->header.nfields; i++)
		free(t->header_store[i]);
	t->header.nfields = 0;
}

static int demo_timeline_row(void *ctx, const struct csvdata_row *row, jaw_err *err)
{
	struct demo_table *t = ctx;
	if (demo_table_header(t, row))
		return JAW_OK;
	struct timeline_item it = {0};
	it.kind = (char *)demo_field(t, row, "kind");
	it.title = (char *)demo_field(t, row, "title");
	it.start_date = (char *)demo_field(t, row, "start");
	it.end_date = (char *)demo_field(t, row, "end");
	it.location = (char *)demo_field(t, row, "location");
	it.status = (char *)demo_field(t, row, "status");
	it.notes = (char *)demo_field(t, row, "notes");
	return model_timeline_add(t->db, &it, err);
}

static int demo_stakeholder_row(void *ctx, const struct csvdata_row *row, jaw_err *err)
{
	struct demo_table *t = ctx;
	if (demo_table_header(t, row))
		return JAW_OK;
	struct stakeholder s = {0};
	s.kind = (char *)demo_field(t, row, "kind");
	s.name = (char *)demo_field(t, row, "name");
	s.parent_name = (char *)demo_field(t, row, "parent");
	s.role = (char *)demo_field(t, row, "role");
	s.power = atoi(demo_field(t, row, "power"));
	s.interest = atoi(demo_field(t, row, "interest"));
	s.attitude = (char *)demo_field(t, row, "attitude");
	s.contact = (char *)demo_field(t, row, "contact");
	s.notes = (char *)demo_field(t, row, "notes");
	return model_stakeholder_add(t->db, &s, err);
}

static int demo_load_table(struct jaw_db *db, const char *name, csvdata_row_fn fn, jaw_err *err)
{
	const struct embedded_file *f = demo_file(name, err);
	if (!f)
		return JAW_FAIL;
	struct demo_table t = {.db = db};
	int rc = csvdata_each_row(name, (const char *)f->data, f->size, fn, &t, err);
	demo_table_clear(&t);
	return rc;
}

/* Resolves a note's Stakeholder or Event header to an id (0 if absent). */
static int demo_note_link(struct jaw_db *db, const char *name, const char *value,
                          int64_t (*find)(struct jaw_db *, const char *, jaw_err *),
                          int64_t *id, jaw_err *err)
{
	*id = 0;
	if (!*value)
		return JAW_OK;
	*id = find(db, value, err);
	if (*id < 0)
		return JAW_FAIL;
	if (*id == 0)
		return err_set(err, JAW_FAIL, "%s: \"%s\" is not in the demo project", name, value);
	return JAW_OK;
}

static int demo_load_note(struct jaw_db *db, const struct embedded_file *f, jaw_err *err)
{
	struct demo_headers h;
	if (demo_headers_parse(f->name, (const char *)f->data, &h, err) != JAW_OK)
		return JAW_FAIL;
	struct source src = {0};
	src.kind = (char *)demo_header(&h, "Kind");
	src.title = (char *)demo_header(&h, "Title");
	src.source_date = (char *)demo_header(&h, "Date");
	src.text = (char *)h.body;
	src.origin_file = (char *)f->name;
	int rc = demo_note_link(db, f->name, demo_header(&h, "Stakeholder"), model_stakeholder_find,
	                        &src.stakeholder_id, err);
	if (rc == JAW_OK)
		rc = demo_note_link(db, f->name, demo_header(&h, "Event"), model_timeline_find,
		                    &src.timeline_item_id, err);
	if (rc == JAW_OK)
		rc = model_source_add(db, &src, err);
	demo_headers_clear(&h);
	return rc;
}

/* A demo note's source: id, text and date (date "" if none). */
struct demo_source {
	int64_t id;
	char *text, *date;
};

static int demo_source_get(struct jaw_db *db, const char *note, struct demo_source *src,
                           jaw_err *err)
{
	static const char sql[] =
		"SELECT id, text, coalesce(source_date, '') FROM source WHERE origin_file = ?1";
	char *origin = xasprintf("demo/notes/%s", note);
	sqlite3_stmt *s = db_stmt(db, sql, err);
	int rc = s ? JAW_OK : JAW_FAIL;
	if (s) {
		db_bind_text(s, 1, origin, false);
		if (sqlite3_step(s) == SQLITE_ROW) {
			src->id = sqlite3_column_int64(s, 0);
			src->text = db_column_text_new(s, 1);
			src->date = db_column_text_new(s, 2);
		} else {
			rc = err_set(err, JAW_FAIL, "no demo note %s", note);
		}
		sqlite3_reset(s);
	}
	free(origin);
	return rc;
}

/* Finds the only place of passage in text, as code point offsets. */
static int demo_passage(const char *text, const char *passage, int64_t *start, int64_t *end,
                        jaw_err *err)
{
	const char *at = *passage ? strstr(text, passage) : NULL;
	if (!at)
		return err_set(err, JAW_FAIL, "passage not found in the note");
	if (strstr(at + 1, passage))
		return err_set(err, JAW_FAIL, "passage found more than once in the note");
	size_t before = (size_t)(at - text);
	*start = (int64_t)utf8_cp_count(text, before);
	*end = *start + (int64_t)utf8_cp_count(at, strlen(passage));
	return JAW_OK;
}

/* One row of demo/codings.csv: note, code, coder, passage, memo. The
 * passage is looked up in the note, so the offsets are always right. */
static int demo_coding_row(void *ctx, const struct csvdata_row *row, jaw_err *err)
{
	struct demo_table *t = ctx;
	if (demo_table_header(t, row))
		return JAW_OK;
	struct demo_source src = {0};
	struct coding c = {0};
	int rc = demo_source_get(t->db, demo_field(t, row, "note"), &src, err);
	if (rc == JAW_OK)
		rc = demo_passage(src.text, demo_field(t, row, "passage"), &c.start, &c.end, err);
	c.code_id = rc == JAW_OK ? codebook_find(t->db, demo_field(t, row, "code"), err) : 0;
	if (rc == JAW_OK && c.code_id > 0) {
		c.source_id = src.id;
		c.coder = (char *)demo_field(t, row, "coder");
		c.memo = (char *)demo_field(t, row, "memo");
		c.created = *src.date ? xasprintf("%sT17:00:00Z", src.date) : xstrdup("");
		rc = coding_insert(t->db, &c, err);
		free(c.created);
	} else {
		rc = JAW_FAIL;
	}
	if (rc != JAW_OK) {
		char where[64];
		snprintf(where, sizeof where, "demo/codings.csv line %d", row->line);
		err_prefix(err, where);
	}
	free(src.text);
	free(src.date);
	return rc;
}

/* Imports the demo survey through the survey importer, from the embedded
 * file in memory. */
static int demo_load_survey(struct jaw_db *db, jaw_err *err)
{
	const struct embedded_file *f = demo_file("demo/survey.csv", err);
	if (!f)
		return JAW_FAIL;
	struct csvread_source src = csvread_buffer(f->data, f->size, f->name);
	struct csvimport_options opt = {.name = "Online survey of deployed staff"};
	struct csvimport_plan *plan = csvimport_plan_source_new(&src, &opt, err);
	struct csvimport_result res;
	int rc = plan ? csvimport_run(db, plan, &opt, &res, err) : JAW_FAIL;
	csvimport_plan_free(plan);
	return rc;
}

static int demo_load_all(struct jaw_db *db, jaw_err *err)
{
	if (demo_load_project(db, err) != JAW_OK ||
	    codebook_load_starter(db, "human-security", err) != JAW_OK ||
	    demo_load_table(db, "demo/timeline.csv", demo_timeline_row, err) != JAW_OK ||
	    demo_load_table(db, "demo/stakeholders.csv", demo_stakeholder_row, err) != JAW_OK)
		return JAW_FAIL;
	static const char notes[] = "demo/notes/";
	for (const struct embedded_file *f = embedded_files; f->name; f++)
		if (strncmp(f->name, notes, sizeof notes - 1) == 0 &&
		    demo_load_note(db, f, err) != JAW_OK)
			return JAW_FAIL;
	if (demo_load_table(db, "demo/codings.csv", demo_coding_row, err) != JAW_OK)
		return JAW_FAIL;
	return demo_load_survey(db, err);
}

int demo_load(struct jaw_db *db, jaw_err *err)
{
	if (db_begin(db, err) != JAW_OK)
		return JAW_FAIL;
	if (demo_load_all(db, err) != JAW_OK) {
		db_rollback(db);
		return JAW_FAIL;
	}
	return db_commit(db, err);
}
