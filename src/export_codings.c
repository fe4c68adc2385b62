/* export_codings.c - the codings exporter: every coding as CSV, with the
 * exact coded text. */
#include "config.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "attrib.h"
#include "export.h"
#include "model.h"
#include "strset.h"
#include "text.h"
#include "xalloc.h"

/* The paths of all codes, by id, for the code_path column. */
struct export_paths {
	int64_t *id;
	char **path;
	size_t n;
};

/* The attribute columns: every attribute label of the surveys, and the
 * values of the respondent whose answer is being written. */
struct export_attributes {
	struct strset *index; /* label -> its column */
	char **label;
	char **value;         /* of the current source's respondent; NULL if none */
	size_t n;
};

/* An export of codings under way. */
struct export_codings {
	struct jaw_db *db;
	struct export_csv csv;
	struct export_paths paths;
	struct export_attributes attrs;
	sqlite3_stmt *rows;
	struct text *text; /* the text of source `source` */
	int64_t source;
};

static const char export_codings_sql[] =
	"SELECT k.id, k.source_id, k.start_cp, k.end_cp, k.coder, k.created, k.memo,"
	/* the title and stakeholder as attribution allows (attrib.h) */
	" c.name, k.code_id, CASE jaw_attrib(2, " ATTRIB_ARGS("s", "st", "org", "r", "sv") ")"
	" WHEN 'named' THEN " MODEL_SOURCE_TITLE("s") " ELSE jaw_attrib(0, "
	ATTRIB_ARGS("s", "st", "org", "r", "sv") ") END, s.kind, CASE WHEN st.id IS NULL THEN ''"
	" WHEN jaw_attrib(2, " ATTRIB_ARGS("s", "st", "org", "r", "sv") ") = 'named' THEN st.name"
	" ELSE jaw_attrib(0, " ATTRIB_ARGS("s", "st", "org", "r", "sv") ") END,"
	" sv.name, r.external_id"
	" FROM coding k JOIN code c ON c.id = k.code_id JOIN source s ON s.id = k.source_id"
	ATTRIB_JOINS("s", "st", "org", "r", "sv")
	" ORDER BY k.source_id, k.start_cp, k.end_cp, k.id";

static int export_paths_load(struct jaw_db *db, struct export_paths *p, jaw_err *err)
{
	static const char sql[] =
		"WITH RECURSIVE t(id, path) AS ("
		" SELECT id, name FROM code WHERE parent_id IS NULL UNION ALL"
		" SELECT c.id, t.path || '/' || c.name FROM code c JOIN t ON c.parent_id = t.id)"
		" SELECT id, path FROM t ORDER BY id";
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return JAW_FAIL;
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (p->n == cap) {
			cap = cap ? cap * 2 : 64;
			p->id = xreallocarray(p->id, cap, sizeof *p->id);
			p->path = xreallocarray(p->path, cap, sizeof *p->path);
		}
		p->id[p->n] = sqlite3_column_int64(s, 0);
		p->path[p->n++] = db_column_text_new(s, 1);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? JAW_OK : err_db(err, db_sqlite(db), sql);
}

static const char *export_path(const struct export_paths *p, int64_t id)
{
	size_t lo = 0, hi = p->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (p->id[mid] == id)
			return p->path[mid];
		if (p->id[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return "";
}

static void export_paths_free(struct export_paths *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->path[i]);
	free(p->id);
	free(p->path);
}

/* Reads the attribute labels, in order of survey and column. */
static int export_attributes_load(struct jaw_db *db, struct export_attributes *a, jaw_err *err)
{
	static const char sql[] =
		"SELECT label FROM survey_column WHERE role = 'attribute' GROUP BY label"
		" ORDER BY min(printf('%020d %020d', survey_id, position))";
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return JAW_FAIL;
	a->index = strset_new();
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (a->n == cap) {
			cap = cap ? cap * 2 : 16;
			a->label = xreallocarray(a->label, cap, sizeof *a->label);
		}
		a->label[a->n] = db_column_text_new(s, 0);
		strset_add(a->index, a->label[a->n], strlen(a->label[a->n]), (int64_t)a->n, NULL);
		a->n++;
	}
	sqlite3_reset(s);
	a->value = xcalloc(a->n ? a->n : 1, sizeof *a->value);
	return rc == SQLITE_DONE ? JAW_OK : err_db(err, db_sqlite(db), sql);
}

static void export_attributes_clear_values(struct export_attributes *a)
{
	for (size_t i = 0; i < a->n; i++) {
		free(a->value[i]);
		a->value[i] = NULL;
	}
}

/* Reads the attribute values of the respondent who gave answer source. */
static int export_attributes_read(struct jaw_db *db, struct export_attributes *a, int64_t source,
                                  jaw_err *err)
{
	static const char sql[] =
		"SELECT c.label, json_extract(r.answers, '$[' || (c.position - 1) || ']')"
		" FROM source s JOIN respondent r ON r.id = s.respondent_id"
		" JOIN survey_column c ON c.survey_id = r.survey_id AND c.role = 'attribute'"
		" WHERE s.id = ?1";
	export_attributes_clear_values(a);
	if (a->n == 0)
		return JAW_OK;
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return JAW_FAIL;
	sqlite3_bind_int64(s, 1, source);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *label = (const char *)sqlite3_column_text(s, 0);
		int64_t i = -1;
		if (label && !strset_add(a->index, label, strlen(label), -1, &i) && i >= 0 &&
		    sqlite3_column_type(s, 1) != SQLITE_NULL) {
			free(a->value[i]);
			a->value[i] = db_column_text_new(s, 1);
		}
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? JAW_OK : err_db(err, db_sqlite(db), sql);
}

static void export_attributes_free(struct export_attributes *a)
{
	export_attributes_clear_values(a);
	for (size_t i = 0; i < a->n; i++)
		free(a->label[i]);
	free(a->label);
	free(a->value);
	strset_free(a->index);
}

/* Reads the text of source id into a new text (NULL with err set). */
static struct text *export_source_text_new(struct jaw_db *db, int64_t id, jaw_err *err)
{
	static const char sql[] = "SELECT text FROM source WHERE id = ?1";
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return NULL;
	sqlite3_bind_int64(s, 1, id);
	struct text *t = NULL;
	if (sqlite3_step(s) == SQLITE_ROW)
		t = text_new((const char *)sqlite3_column_text(s, 0), (size_t)sqlite3_column_bytes(s, 0));
	else
		err_db(err, db_sqlite(db), sql);
	sqlite3_reset(s);
	return t;
}

static const char *export_col(sqlite3_stmt *s, int i)
{
	const char *t = (const char *)sqlite3_column_text(s, i);
	return t ? t : "";
}

/* Writes one coding: the row of s, its text from x->text. */
static void export_coding_write(struct export_codings *x, sqlite3_stmt *s)
{
	const struct export_csv *w = &x->csv;
	const struct text *t = x->text;
	int64_t start = sqlite3_column_int64(s, 2), end = sqlite3_column_int64(s, 3);
	size_t b0 = text_cp_to_byte(t, (size_t)start), b1 = text_cp_to_byte(t, (size_t)end);
	export_csv_int(w, sqlite3_column_int64(s, 1), false);
	export_csv_text(w, export_col(s, 7), false);
	export_csv_text(w, export_col(s, 4), false);
	export_csv_int(w, start, false);
	export_csv_int(w, end, false);
	export_csv_field(w, text_utf8(t, NULL) + b0, b1 - b0, false);
	export_csv_text(w, export_col(s, 9), false);
	export_csv_text(w, export_col(s, 10), false);
	export_csv_text(w, export_col(s, 11), false);
	export_csv_text(w, export_path(&x->paths, sqlite3_column_int64(s, 8)), false);
	export_csv_text(w, export_col(s, 6), false);
	export_csv_text(w, export_col(s, 5), false);
	export_csv_int(w, sqlite3_column_int64(s, 0), false);
	export_csv_text(w, export_col(s, 12), false);
	export_csv_text(w, export_col(s, 13), x->attrs.n == 0);
	for (size_t i = 0; i < x->attrs.n; i++)
		export_csv_text(w, x->attrs.value[i] ? x->attrs.value[i] : "", i + 1 == x->attrs.n);
}

static void export_codings_free(struct export_codings *x)
{
	text_free(x->text);
	export_paths_free(&x->paths);
	export_attributes_free(&x->attrs);
	free(x);
}

static int export_codings_begin(struct jaw_db *db, FILE *out, const struct export_options *opt,
                                void **state, jaw_err *err)
{
	struct export_codings *x = xcalloc(1, sizeof *x);
	x->db = db;
	if (export_paths_load(db, &x->paths, err) != JAW_OK ||
	    export_attributes_load(db, &x->attrs, err) != JAW_OK ||
	    !(x->rows = db_stmt(db, export_codings_sql, err))) {
		export_codings_free(x);
		return JAW_FAIL;
	}
	if (opt->progress)
		export_expect_rows(opt, model_scalar(db, "SELECT count(*) FROM coding", NULL));
	export_csv_start(&x->csv, out, opt);
	fputs("source,code,coder,start,end,text,source_title,source_kind,stakeholder,code_path,"
	      "memo,created,coding,survey,respondent", out);
	for (size_t i = 0; i < x->attrs.n; i++) {
		fputc(',', out);
		char *name = xasprintf("attribute:%s", x->attrs.label[i]);
		csv_fwrite(out, name, strlen(name));
		free(name);
	}
	fputs(x->csv.eol, out);
	*state = x;
	return JAW_OK;
}

static enum export_step export_codings_row(void *state, FILE *out, jaw_err *err)
{
	struct export_codings *x = state;
	int rc = sqlite3_step(x->rows);
	if (rc == SQLITE_DONE)
		return EXPORT_DONE;
	if (rc != SQLITE_ROW) {
		err_db(err, db_sqlite(x->db), export_codings_sql);
		return EXPORT_FAILED;
	}
	int64_t source = sqlite3_column_int64(x->rows, 1);
	if (!x->text || source != x->source) {
		text_free(x->text);
		x->source = source;
		if (!(x->text = export_source_text_new(x->db, source, err)) ||
		    export_attributes_read(x->db, &x->attrs, source, err) != JAW_OK)
			return EXPORT_FAILED;
	}
	export_coding_write(x, x->rows);
	return EXPORT_MORE;
}

static int export_codings_end(void *state, FILE *out, bool ok, jaw_err *err)
{
	struct export_codings *x = state;
	(void)out;
	(void)ok;
	(void)err;
	sqlite3_reset(x->rows);
	export_codings_free(x);
	return JAW_OK;
}

const struct exporter exporter_codings = {
	.name = "codings",
	.summary = "every coding as CSV, with the exact coded text",
	.format = EXPORT_CSV,
	.begin = export_codings_begin,
	.row = export_codings_row,
	.end = export_codings_end,
};
