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
#include "finding.h"
#include "memo.h"
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

/* Runs the static sql with text bound to ?1 (NULL when "") and id to ?2:
 * what the demo sets beyond the model's records (attribution, marking). */
static int demo_set(struct jaw_db *db, const char *sql, int64_t id, const char *text,
                    jaw_err *err)
{
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return JAW_FAIL;
	db_bind_text(s, 1, text, true);
	sqlite3_bind_int64(s, 2, id);
	return db_step_done(db, s, err);
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
	if (rc == JAW_OK)
		rc = demo_set(db, "UPDATE project SET marking = ?1 WHERE id = ?2", 1,
		              demo_header(&h, "Marking"), err);
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
	if (model_stakeholder_add(t->db, &s, err) != JAW_OK)
		return JAW_FAIL;
	return demo_set(t->db, "UPDATE stakeholder SET attribution = ?1 WHERE id = ?2", s.id,
	                demo_field(t, row, "attribution"), err);
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
	if (rc == JAW_OK)
		rc = demo_set(db, "UPDATE source SET attribution = ?1 WHERE id = ?2", src.id,
		              demo_header(&h, "Attribution"), err);
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

/* After a failed row (rc not JAW_OK) of file, says where in err. */
static void demo_where(int rc, const char *file, const struct csvdata_row *row, jaw_err *err)
{
	if (rc == JAW_OK)
		return;
	char where[128];
	snprintf(where, sizeof where, "%s line %d", file, row->line);
	err_prefix(err, where);
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
	demo_where(rc, "demo/codings.csv", row, err);
	free(src.text);
	free(src.date);
	return rc;
}

/* The areas of a finding: top-level codes named in text, separated by
 * "; " (at most max); how many, or -1. */
static int demo_areas(struct jaw_db *db, const char *text, int64_t *areas, int max, jaw_err *err)
{
	int n = 0;
	char *copy = xstrdup(text), *save = NULL;
	for (char *name = strtok_r(copy, ";", &save); name && n < max;
	     name = strtok_r(NULL, ";", &save)) {
		while (*name == ' ')
			name++;
		if ((areas[n++] = codebook_find(db, name, err)) <= 0) {
			n = -1;
			break;
		}
	}
	free(copy);
	return n;
}

/* The demo's findings, citations and memos are changes of the program
 * (CODEBOOK_STARTER_ANALYST), as the starter codebook is, so that no
 * analyst's undo takes them back; each citation and memo then gets the
 * analyst who wrote it. */

/* One row of demo/findings.csv. */
static int demo_finding_row(void *ctx, const struct csvdata_row *row, jaw_err *err)
{
	struct demo_table *t = ctx;
	if (demo_table_header(t, row))
		return JAW_OK;
	struct finding f = {
		.title = (char *)demo_field(t, row, "title"),
		.status = (char *)demo_field(t, row, "status"),
		.owner = (char *)demo_field(t, row, "owner"),
		.observation = (char *)demo_field(t, row, "observation"),
		.discussion = (char *)demo_field(t, row, "discussion"),
		.conclusion = (char *)demo_field(t, row, "conclusion"),
		.recommendation = (char *)demo_field(t, row, "recommendation"),
		.action_body = (char *)demo_field(t, row, "action_body"),
	};
	int64_t areas[8];
	int n = demo_areas(t->db, demo_field(t, row, "areas"), areas, 8, err);
	return n < 0 ? JAW_FAIL
	             : finding_add(t->db, CODEBOOK_STARTER_ANALYST, &f, areas, (size_t)n, err);
}

/* The demo's finding called title; 0 with err set if none. */
static int64_t demo_finding_find(struct jaw_db *db, const char *title, jaw_err *err)
{
	int64_t id = model_find_id(db, "SELECT id FROM finding WHERE title = ?1", title, err);
	if (id == 0)
		err_set(err, JAW_FAIL, "no demo finding \"%s\"", title);
	return id;
}

/* The coding coder made of exactly start..end of source; 0 if none. */
static int64_t demo_coding_at(struct jaw_db *db, int64_t source, int64_t start, int64_t end,
                              const char *coder, jaw_err *err)
{
	sqlite3_stmt *s = db_stmt(db, "SELECT id FROM coding WHERE source_id = ?1 AND start_cp = ?2"
	                              " AND end_cp = ?3 AND coder = ?4", err);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, source);
	sqlite3_bind_int64(s, 2, start);
	sqlite3_bind_int64(s, 3, end);
	db_bind_text(s, 4, coder, false);
	int64_t id = 0;
	if (db_step_int64(db, s, &id, err) != JAW_OK)
		return -1;
	if (id == 0)
		err_set(err, JAW_FAIL, "%s made no coding of the passage", coder);
	return id;
}

/* One row of demo/citations.csv: finding, note, coder, passage, note_text.
 * With a coder, cites that coder's coding of the passage; without, the
 * passage as a segment, cited by the finding's owner. */
static int demo_citation_row(void *ctx, const struct csvdata_row *row, jaw_err *err)
{
	struct demo_table *t = ctx;
	if (demo_table_header(t, row))
		return JAW_OK;
	struct demo_source src = {0};
	int64_t start = 0, end = 0, coding = 0;
	const char *coder = demo_field(t, row, "coder");
	int64_t finding = demo_finding_find(t->db, demo_field(t, row, "finding"), err);
	int rc = finding > 0 ? demo_source_get(t->db, demo_field(t, row, "note"), &src, err)
	                     : JAW_FAIL;
	if (rc == JAW_OK)
		rc = demo_passage(src.text, demo_field(t, row, "passage"), &start, &end, err);
	if (rc == JAW_OK && *coder && (coding = demo_coding_at(t->db, src.id, start, end, coder,
	                                                       err)) <= 0)
		rc = JAW_FAIL;
	struct finding *f = rc == JAW_OK ? finding_get_new(t->db, finding, err) : NULL;
	if (rc == JAW_OK && !f)
		rc = JAW_FAIL;
	const char *note = demo_field(t, row, "note_text");
	int64_t id = 0;
	if (rc == JAW_OK)
		rc = coding ? citation_add_coding(t->db, CODEBOOK_STARTER_ANALYST, finding, coding, note,
		                                  &id, err)
		            : citation_add_segment(t->db, CODEBOOK_STARTER_ANALYST, finding, src.id,
		                                   start, end, note, &id, err);
	if (rc == JAW_OK)
		rc = demo_set(t->db, "UPDATE finding_evidence SET cited_by = ?1 WHERE id = ?2", id,
		              f->owner, err);
	demo_where(rc, "demo/citations.csv", row, err);
	finding_free(f);
	free(src.text);
	free(src.date);
	return rc;
}

/* One row of demo/memos.csv: target_kind, target (a note's file name, a
 * code's path, a finding's title; empty for the project), author, title,
 * text. */
static int demo_memo_row(void *ctx, const struct csvdata_row *row, jaw_err *err)
{
	struct demo_table *t = ctx;
	if (demo_table_header(t, row))
		return JAW_OK;
	struct memo m = {.target_kind = (char *)demo_field(t, row, "target_kind"),
	                 .title = (char *)demo_field(t, row, "title"),
	                 .text = (char *)demo_field(t, row, "text")};
	const char *target = demo_field(t, row, "target");
	struct demo_source src = {0};
	int rc = JAW_OK;
	if (strcmp(m.target_kind, "source") == 0) {
		rc = demo_source_get(t->db, target, &src, err);
		m.target_id = src.id;
	} else if (strcmp(m.target_kind, "code") == 0) {
		m.target_id = codebook_find(t->db, target, err);
	} else if (strcmp(m.target_kind, "finding") == 0) {
		m.target_id = demo_finding_find(t->db, target, err);
	}
	if (rc == JAW_OK && m.target_id < 0)
		rc = JAW_FAIL;
	if (rc == JAW_OK)
		rc = memo_add(t->db, CODEBOOK_STARTER_ANALYST, &m, err);
	if (rc == JAW_OK)
		rc = demo_set(t->db, "UPDATE memo SET author = ?1 WHERE id = ?2", m.id,
		              demo_field(t, row, "author"), err);
	demo_where(rc, "demo/memos.csv", row, err);
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
	if (demo_load_table(db, "demo/codings.csv", demo_coding_row, err) != JAW_OK ||
	    demo_load_table(db, "demo/findings.csv", demo_finding_row, err) != JAW_OK ||
	    demo_load_table(db, "demo/citations.csv", demo_citation_row, err) != JAW_OK ||
	    demo_load_table(db, "demo/memos.csv", demo_memo_row, err) != JAW_OK)
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
