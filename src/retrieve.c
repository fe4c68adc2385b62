/* retrieve.c - retrieval: the segments of a code with their context and
 * provenance (see retrieve.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "codebook.h"
#include "date.h"
#include "kinds.h"
#include "model.h"
#include "retrieve.h"
#include "text.h"
#include "xalloc.h"

void retrieve_filter_clear(struct retrieve_filter *f)
{
	free(f->kind);
	free(f->coder);
	free(f->from);
	free(f->to);
	free(f->attribute);
	free(f->value);
	free(f->attr_value);
	free(f->answer_value[0]);
	free(f->answer_value[1]);
	memset(f, 0, sizeof *f);
}

/* Sets *id to the record of kind that value names. */
static int retrieve_name(struct jaw_db *db, enum model_name_kind kind, const char *value,
                         int64_t *id, jaw_err *err)
{
	*id = model_name_resolve(db, kind, value, err);
	if (*id <= 0) {
		if (*id == 0)
			err_prefix(err, "filter");
		return JAW_FAIL;
	}
	return JAW_OK;
}

/* Checks that some survey has an attribute column called label. */
static int retrieve_attribute(struct jaw_db *db, const char *label, jaw_err *err)
{
	static const char sql[] =
		"SELECT count(*) FROM survey_column WHERE role = 'attribute' AND label = ?1";
	int64_t n = model_find_id(db, sql, label, err);
	if (n < 0)
		return JAW_FAIL;
	if (n == 0)
		return err_set(err, JAW_FAIL, "filter: no key or survey attribute called \"%.80s\""
		               " (kind, stakeholder, organisation, event, code, children, with, overlap, coder,"
		               " from, to, or an"
		               " attribute column of a survey)", label);
	return JAW_OK;
}

/* Resolves one pair of a filter into f. */
static int retrieve_pair(struct jaw_db *db, const char *key, const char *value,
                         struct retrieve_filter *f, jaw_err *err)
{
	if (strcmp(key, "kind") == 0) {
		if (!model_one_of(value, kinds_source_kind))
			return err_set(err, JAW_FAIL, "filter: kind is interview, observation, document"
			               " or survey_answer");
		free(f->kind);
		f->kind = xstrdup(value);
		return JAW_OK;
	}
	if (strcmp(key, "stakeholder") == 0)
		return retrieve_name(db, MODEL_NAME_STAKEHOLDER, value, &f->stakeholder_id, err);
	if (strcmp(key, "organisation") == 0 || strcmp(key, "organization") == 0)
		return retrieve_name(db, MODEL_NAME_ORGANISATION, value, &f->organisation_id, err);
	if (strcmp(key, "event") == 0)
		return retrieve_name(db, MODEL_NAME_EVENT, value, &f->timeline_item_id, err);
	if (strcmp(key, "code") == 0 || strcmp(key, "with") == 0) {
		int64_t *id = key[0] == 'c' ? &f->code_id : &f->with_code;
		*id = codebook_find(db, value, err);
		if (*id <= 0) {
			if (*id == 0)
				err_prefix(err, "filter");
			return JAW_FAIL;
		}
		return JAW_OK;
	}
	if (strcmp(key, "children") == 0 || strcmp(key, "overlap") == 0) {
		if (strcmp(value, "yes") != 0 && strcmp(value, "no") != 0)
			return err_set(err, JAW_FAIL, "filter: %s is yes or no", key);
		*(key[0] == 'c' ? &f->children : &f->overlap) = value[0] == 'y';
		return JAW_OK;
	}
	if (strcmp(key, "coder") == 0) {
		free(f->coder);
		f->coder = xstrdup(value);
		return JAW_OK;
	}
	if (strcmp(key, "from") == 0 || strcmp(key, "to") == 0) {
		struct date d;
		if (date_parse(value, &d, err) != JAW_OK) {
			err_prefix(err, key[0] == 'f' ? "filter: from" : "filter: to");
			return JAW_FAIL;
		}
		char **slot = key[0] == 'f' ? &f->from : &f->to;
		free(*slot);
		*slot = xstrdup(value);
		return JAW_OK;
	}
	if (f->attribute)
		return err_set(err, JAW_FAIL, "filter: one survey attribute at a time (%s= and %s=)",
		               f->attribute, key);
	if (retrieve_attribute(db, key, err) != JAW_OK)
		return JAW_FAIL;
	f->attribute = xstrdup(key);
	f->value = xstrdup(value);
	return JAW_OK;
}

int retrieve_filter_resolve(struct jaw_db *db, const struct filter_spec *spec,
                            struct retrieve_filter *f, jaw_err *err)
{
	bool children = f->children;
	retrieve_filter_clear(f);
	f->children = children;
	int rc = JAW_OK;
	for (int i = 0; i < spec->n && rc == JAW_OK; i++)
		rc = retrieve_pair(db, spec->keys[i], spec->values[i], f, err);
	if (rc == JAW_OK && f->from && f->to && strcmp(f->from, f->to) > 0)
		rc = err_set(err, JAW_FAIL, "filter: from=%s is after to=%s", f->from, f->to);
	if (rc == JAW_OK && f->overlap && !f->with_code)
		rc = err_set(err, JAW_FAIL, "filter: overlap= goes with with=CODE");
	if (rc != JAW_OK) {
		retrieve_filter_clear(f);
		f->children = children;
	}
	return rc;
}

int retrieve_filter_parse(struct jaw_db *db, const char *text, struct retrieve_filter *f,
                          jaw_err *err)
{
	struct filter_spec spec;
	if (filter_parse_any(text, &spec, err) != JAW_OK)
		return JAW_FAIL;
	int rc = retrieve_filter_resolve(db, &spec, f, err);
	filter_spec_clear(&spec);
	return rc;
}

/* ---- the queries ------------------------------------------------------------ */

/* The codes (?1 and, when ?2, those below it) and the organisations (?5
 * and those below it) the conditions use. */
#define RETRIEVE_WITH                                                              \
	"WITH RECURSIVE sub(id) AS (SELECT ?1 UNION SELECT c.id FROM code c"         \
	" JOIN sub ON c.parent_id = sub.id WHERE ?2),"                               \
	" org(id) AS (SELECT ?5 WHERE ?5 <> 0 UNION SELECT x.id FROM stakeholder x"  \
	" JOIN org ON x.parent_id = org.id)"

/* The value of the crosstab attribute ?16 of source s (analysis_matrix.c
 * counts them): the top-level organisation from the register's order,
 * whose first component is "0" (an organisation), its name, U+001E and
 * its id in twelve digits. */
#define RETRIEVE_ATTR_VALUE                                                                \
	"CASE ?16 WHEN 1 THEN s.kind"                                                           \
	" WHEN 2 THEN (SELECT title FROM timeline_item WHERE id = s.timeline_item_id)"          \
	" WHEN 3 THEN (SELECT kind FROM stakeholder WHERE id = s.stakeholder_id)"              \
	" WHEN 4 THEN (SELECT nullif(role, '') FROM stakeholder WHERE id = s.stakeholder_id)"   \
	" WHEN 5 THEN (SELECT CASE WHEN x.kind = 'organisation' THEN x.name ELSE p.name END"    \
	" FROM stakeholder x LEFT JOIN stakeholder p ON p.id = x.parent_id"                    \
	" AND p.kind = 'organisation' WHERE x.id = s.stakeholder_id)"                          \
	" WHEN 6 THEN (SELECT t.name FROM stakeholder x JOIN stakeholder t"                    \
	" ON t.id = CAST(substr(x.sort_key, instr(x.sort_key, char(30)) + 1, 12) AS INTEGER)"  \
	" WHERE x.id = s.stakeholder_id AND substr(x.sort_key, 1, 1) = '0') END"

/* The respondent of source s has the value V (NULL: any) in column C. */
#define RETRIEVE_ANSWER(C, V)                                                            \
	" AND (" C " = 0 OR EXISTS (SELECT 1 FROM respondent r JOIN survey_column q"          \
	" ON q.id = " C " AND q.survey_id = r.survey_id WHERE r.id = s.respondent_id AND"     \
	" CASE WHEN " V " IS NULL THEN json_extract(r.answers, '$[' || (q.position - 1) || ']')" \
	" IS NOT NULL ELSE coalesce(CAST(json_extract(r.answers, '$[' || (q.position - 1) || ']')" \
	" AS TEXT), '') = " V " END))"

/* The conditions of the filter, over coding k and source s. */
#define RETRIEVE_WHERE                                                                  \
	" (?3 IS NULL OR s.kind = ?3) AND (?4 = 0 OR s.stakeholder_id = ?4)"              \
	" AND (?5 = 0 OR s.stakeholder_id IN (SELECT id FROM org))"                       \
	" AND (?6 = 0 OR s.timeline_item_id = ?6) AND (?7 IS NULL OR k.coder = ?7)"       \
	" AND (?8 IS NULL OR s.source_date >= ?8) AND (?9 IS NULL OR s.source_date <= ?9)" \
	" AND (?10 IS NULL OR EXISTS (SELECT 1 FROM respondent r JOIN survey_column q"    \
	" ON q.survey_id = r.survey_id AND q.role = 'attribute' AND q.label = ?10"        \
	" WHERE r.id = s.respondent_id"                                                   \
	" AND CAST(json_extract(r.answers, '$[' || (q.position - 1) || ']') AS TEXT) = ?11))" \
	" AND (?14 = 0 OR EXISTS (SELECT 1 FROM coding b WHERE b.source_id = k.source_id"   \
	" AND b.code_id = ?14 AND (NOT ?15 OR (b.start_cp < k.end_cp AND b.end_cp > k.start_cp))))" \
	" AND (?16 = 0 OR coalesce(" RETRIEVE_ATTR_VALUE ", '') = ?17)"                    \
	RETRIEVE_ANSWER("?18", "?19") RETRIEVE_ANSWER("?20", "?21")

/* The coding k's source s passes the filter: looked up row by row (as a
 * join, SQLite would first read every source into a Bloom filter: 0.2 s
 * at 600,000 sources, for a page of 40). */
#define RETRIEVE_SOURCE                                                           \
	" EXISTS (SELECT 1 FROM source s WHERE s.id = k.source_id AND" RETRIEVE_WHERE ")"

/* The rows of one code (and those below it), on the code's index; of all
 * codes, in the order of the sources. */
#define RETRIEVE_CODE_ROWS                                                         \
	" FROM coding k INDEXED BY coding_by_code WHERE k.code_id IN (SELECT id FROM sub)"  \
	" AND" RETRIEVE_SOURCE
#define RETRIEVE_ALL_ROWS                                                          \
	" FROM coding k INDEXED BY coding_by_source WHERE" RETRIEVE_SOURCE
/* The rows of codes that are common among the codings: read in the order
 * of sources on coding_by_source, which holds code_id, until the page is
 * full, instead of sorting them all (see retrieve_scan). */
#define RETRIEVE_SCAN_ROWS                                                           \
	" FROM coding k INDEXED BY coding_by_source WHERE k.code_id IN (SELECT id FROM sub)"  \
	" AND" RETRIEVE_SOURCE
/* coding_by_source's order (code_id, then the rowid, break ties) */
#define RETRIEVE_ORDER " ORDER BY k.source_id, k.start_cp, k.end_cp, k.code_id, k.id"
/* The same backwards: a page near the end is found from the end. */
#define RETRIEVE_ORDER_DESC                                                          \
	" ORDER BY k.source_id DESC, k.start_cp DESC, k.end_cp DESC, k.code_id DESC, k.id DESC"

/* What a row holds, for the page of ids in page(id). */
#define RETRIEVE_COLUMNS                                                              \
	" SELECT k.id, k.source_id, k.code_id, k.start_cp, k.end_cp, c.name,"              \
	" " MODEL_SOURCE_TITLE("s") ", s.kind, coalesce(s.source_date, ''),"               \
	" coalesce(st.name, ''), coalesce(o.name, ''), coalesce(ti.title, ''),"            \
	" coalesce(r.external_id, ''),"                                                    \
	" coalesce((SELECT group_concat(v.label || '=' || coalesce(v.value, ''), ', ')"    \
	" FROM (SELECT q.label, json_extract(r.answers, '$[' || (q.position - 1) || ']')"  \
	" AS value FROM survey_column q WHERE q.survey_id = r.survey_id"                   \
	" AND q.role = 'attribute' ORDER BY q.position) AS v), ''),"                       \
	" k.coder, k.memo, k.created"                                                      \
	" FROM page JOIN coding k ON k.id = page.id JOIN code c ON c.id = k.code_id"       \
	" JOIN source s ON s.id = k.source_id"                                             \
	" LEFT JOIN stakeholder st ON st.id = s.stakeholder_id"                            \
	" LEFT JOIN stakeholder o ON o.id = st.parent_id AND o.kind = 'organisation'"      \
	" LEFT JOIN timeline_item ti ON ti.id = s.timeline_item_id"                        \
	" LEFT JOIN respondent r ON r.id = s.respondent_id" RETRIEVE_ORDER

#define RETRIEVE_PAGE(ROWS, ORDER)                                                  \
	RETRIEVE_WITH ", page(id) AS MATERIALIZED (SELECT k.id" ROWS ORDER                  \
	" LIMIT ?12 OFFSET ?13)" RETRIEVE_COLUMNS

static const char retrieve_count_code_sql[] =
	RETRIEVE_WITH " SELECT count(*)" RETRIEVE_CODE_ROWS;
static const char retrieve_count_all_sql[] =
	RETRIEVE_WITH " SELECT count(*)" RETRIEVE_ALL_ROWS;
/* The pages from the first row ([0]) and from the last ([1]: OFFSET
 * counts from the end; the rows still come in order). */
static const char *const retrieve_page_code_sql[2] = {
	RETRIEVE_PAGE(RETRIEVE_CODE_ROWS, RETRIEVE_ORDER),
	RETRIEVE_PAGE(RETRIEVE_CODE_ROWS, RETRIEVE_ORDER_DESC),
};
static const char *const retrieve_page_all_sql[2] = {
	RETRIEVE_PAGE(RETRIEVE_ALL_ROWS, RETRIEVE_ORDER),
	RETRIEVE_PAGE(RETRIEVE_ALL_ROWS, RETRIEVE_ORDER_DESC),
};
static const char *const retrieve_page_scan_sql[2] = {
	RETRIEVE_PAGE(RETRIEVE_SCAN_ROWS, RETRIEVE_ORDER),
	RETRIEVE_PAGE(RETRIEVE_SCAN_ROWS, RETRIEVE_ORDER_DESC),
};

/* The rows after the key ?22-?26 (a row's place in the order), or
 * before it, on coding_by_source: a page next to one read before costs
 * the page, however far down it is. */
#define RETRIEVE_KEY " (k.source_id, k.start_cp, k.end_cp, k.code_id, k.id)"
#define RETRIEVE_AFTER " AND" RETRIEVE_KEY " > (?22, ?23, ?24, ?25, ?26)"
#define RETRIEVE_BEFORE " AND" RETRIEVE_KEY " < (?22, ?23, ?24, ?25, ?26)"
static const char *const retrieve_near_all_sql[2] = {
	RETRIEVE_PAGE(RETRIEVE_ALL_ROWS RETRIEVE_AFTER, RETRIEVE_ORDER),
	RETRIEVE_PAGE(RETRIEVE_ALL_ROWS RETRIEVE_BEFORE, RETRIEVE_ORDER_DESC),
};
static const char *const retrieve_near_scan_sql[2] = {
	RETRIEVE_PAGE(RETRIEVE_SCAN_ROWS RETRIEVE_AFTER, RETRIEVE_ORDER),
	RETRIEVE_PAGE(RETRIEVE_SCAN_ROWS RETRIEVE_BEFORE, RETRIEVE_ORDER_DESC),
};
/* The segments of the code (and those below it), or of every code (?1 0),
 * from coding_tally. */
static const char retrieve_tally_sql[] =
	"WITH RECURSIVE sub(id) AS (SELECT ?1 UNION SELECT c.id FROM code c"
	" JOIN sub ON c.parent_id = sub.id WHERE ?2)"
	" SELECT coalesce(sum(segments), 0) FROM coding_tally"
	" WHERE dim = 1 AND code_id IN (SELECT id FROM sub)";

/* True if f chooses segments by their code alone, as the tally counts. */
static bool retrieve_by_code_only(const struct retrieve_filter *f)
{
	return !f->kind && !f->stakeholder_id && !f->organisation_id && !f->timeline_item_id &&
	       !f->coder && !f->from && !f->to && !f->attribute && !f->with_code && !f->attr &&
	       !f->answer_column[0] && !f->answer_column[1];
}

/* The segments of f's code (of every code with code_id 0), from the tally;
 * -1 with err set. */
static int64_t retrieve_tally(struct jaw_db *db, int64_t code_id, bool children, jaw_err *err)
{
	sqlite3_stmt *s = db_stmt(db, retrieve_tally_sql, err);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, code_id);
	sqlite3_bind_int(s, 2, children);
	int64_t n = -1;
	return db_step_int64(db, s, &n, err) == JAW_OK ? n : -1;
}

/* Rows of coding_by_source read to fill a page in the order of sources
 * before sorting the code's rows costs less. */
#define RETRIEVE_SCAN_MAX 20000

/* True if the page [offset, offset + limit) of f's code is found sooner by
 * reading the codings in the order of sources (about (offset + limit)
 * times all codings over the code's) than by sorting the code's; false
 * on an error too (the sort is always right). */
static bool retrieve_scan(struct jaw_db *db, const struct retrieve_filter *f, int64_t offset,
                          int64_t limit, jaw_err *err)
{
	if (limit < 0)
		return false;
	int64_t mine = retrieve_tally(db, f->code_id, f->children, err);
	int64_t all = mine > 0 ? retrieve_tally(db, 0, false, err) : -1;
	return mine > 0 && all > 0 && (offset + limit) * (all / mine + 1) <= RETRIEVE_SCAN_MAX;
}

static void retrieve_bind(sqlite3_stmt *s, const struct retrieve_filter *f)
{
	sqlite3_bind_int64(s, 1, f->code_id);
	sqlite3_bind_int(s, 2, f->children);
	db_bind_text(s, 3, f->kind, true);
	sqlite3_bind_int64(s, 4, f->stakeholder_id);
	sqlite3_bind_int64(s, 5, f->organisation_id);
	sqlite3_bind_int64(s, 6, f->timeline_item_id);
	db_bind_text(s, 7, f->coder, true);
	db_bind_text(s, 8, f->from, true);
	db_bind_text(s, 9, f->to, true);
	db_bind_text(s, 10, f->attribute, true);
	db_bind_text(s, 11, f->value, false);
	sqlite3_bind_int64(s, 14, f->with_code);
	sqlite3_bind_int(s, 15, f->overlap);
	sqlite3_bind_int(s, 16, (int)f->attr);
	db_bind_text(s, 17, f->attr_value ? f->attr_value : "", false);
	for (int i = 0; i < 2; i++) {
		sqlite3_bind_int64(s, 18 + 2 * i, f->answer_column[i]);
		db_bind_text(s, 19 + 2 * i, f->answer_value[i], false);
	}
}

int64_t retrieve_count(struct jaw_db *db, const struct retrieve_filter *f, jaw_err *err)
{
	if (retrieve_by_code_only(f))
		return retrieve_tally(db, f->code_id, f->children, err);
	sqlite3_stmt *s = db_stmt(db, f->code_id ? retrieve_count_code_sql : retrieve_count_all_sql,
	                          err);
	if (!s)
		return -1;
	retrieve_bind(s, f);
	int64_t n = -1;
	return db_step_int64(db, s, &n, err) == JAW_OK ? n : -1;
}

void retrieve_row_clear(struct retrieve_row *r)
{
	char **strings[] = {&r->code, &r->text, &r->before, &r->after, &r->source_title,
	                    &r->source_kind, &r->source_date, &r->stakeholder, &r->organisation,
	                    &r->event, &r->respondent, &r->attributes, &r->coder, &r->memo,
	                    &r->created};
	for (size_t i = 0; i < sizeof strings / sizeof *strings; i++)
		free(*strings[i]);
	memset(r, 0, sizeof *r);
}

static void retrieve_read(sqlite3_stmt *s, struct retrieve_row *r)
{
	memset(r, 0, sizeof *r);
	r->coding_id = sqlite3_column_int64(s, 0);
	r->source_id = sqlite3_column_int64(s, 1);
	r->code_id = sqlite3_column_int64(s, 2);
	r->start = sqlite3_column_int64(s, 3);
	r->end = sqlite3_column_int64(s, 4);
	char **strings[] = {&r->code, &r->source_title, &r->source_kind, &r->source_date,
	                    &r->stakeholder, &r->organisation, &r->event, &r->respondent,
	                    &r->attributes, &r->coder, &r->memo, &r->created};
	for (int i = 0; i < (int)(sizeof strings / sizeof *strings); i++)
		*strings[i] = db_column_text_new(s, 5 + i);
}

int retrieve_text_load(struct jaw_db *db, struct retrieve_text *t, int64_t id, jaw_err *err)
{
	if (t->text && t->source_id == id)
		return JAW_OK;
	static const char sql[] = "SELECT text FROM source WHERE id = ?1";
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return JAW_FAIL;
	sqlite3_bind_int64(s, 1, id);
	text_free(t->text);
	t->text = NULL;
	if (sqlite3_step(s) == SQLITE_ROW)
		t->text = text_new((const char *)sqlite3_column_text(s, 0),
		                   (size_t)sqlite3_column_bytes(s, 0));
	sqlite3_reset(s);
	t->source_id = id;
	return t->text ? JAW_OK : err_set(err, JAW_FAIL, "no source with id %lld", (long long)id);
}

void retrieve_text_clear(struct retrieve_text *t)
{
	text_free(t->text);
	memset(t, 0, sizeof *t);
}

/* [from, to) of t as a string, with "..." where it was cut short. */
static char *retrieve_slice_new(const struct text *t, size_t from, size_t to, bool cut_front,
                                bool cut_back)
{
	char *s = text_slice_new(t, from, to);
	if (!cut_front && !cut_back)
		return s;
	char *out = xasprintf("%s%s%s", cut_front ? "..." : "", s, cut_back ? "..." : "");
	free(s);
	return out;
}

/* Cuts the coded text and its context out of the source's text. */
static void retrieve_cut(const struct text *t, struct retrieve_row *r)
{
	size_t n = text_length(t);
	size_t start = (size_t)r->start < n ? (size_t)r->start : n;
	size_t end = (size_t)r->end < n ? (size_t)r->end : n;
	size_t line0, line1, last0, last1;
	text_line_at(t, start, &line0, &line1);
	text_line_at(t, end > start ? end - 1 : end, &last0, &last1);
	size_t b = line0;
	if (start - line0 > RETRIEVE_CONTEXT)
		b = text_cluster_start(t, start - RETRIEVE_CONTEXT);
	size_t a = last1 < end ? end : last1;
	if (a - end > RETRIEVE_CONTEXT)
		a = text_cluster_start(t, end + RETRIEVE_CONTEXT);
	r->text = text_slice_new(t, start, end);
	r->before = retrieve_slice_new(t, b, start, b > line0, false);
	r->after = retrieve_slice_new(t, end, a, false, a < last1);
}

static int retrieve_run_sql(struct jaw_db *db, const struct retrieve_filter *f, const char *sql,
                            const struct retrieve_key *key, int64_t offset, int64_t limit,
                            retrieve_fn fn, void *ctx, jaw_err *err);

/* Runs a page query (limit -1: every row), calling fn with each row in
 * order; offset counts from the last row when back. */
static int retrieve_run(struct jaw_db *db, const struct retrieve_filter *f, int64_t offset,
                        int64_t limit, bool back, retrieve_fn fn, void *ctx, jaw_err *err)
{
	const char *sql = !f->code_id ? retrieve_page_all_sql[back]
	                : retrieve_scan(db, f, offset, limit, err) ? retrieve_page_scan_sql[back]
	                : retrieve_page_code_sql[back];
	return retrieve_run_sql(db, f, sql, NULL, offset, limit, fn, ctx, err);
}

/* Runs page query sql (key: its row ?22-?26, or NULL), calling fn with
 * each row. */
static int retrieve_run_sql(struct jaw_db *db, const struct retrieve_filter *f, const char *sql,
                            const struct retrieve_key *key, int64_t offset, int64_t limit,
                            retrieve_fn fn, void *ctx, jaw_err *err)
{
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return JAW_FAIL;
	retrieve_bind(s, f);
	if (key) {
		sqlite3_bind_int64(s, 22, key->source_id);
		sqlite3_bind_int64(s, 23, key->start);
		sqlite3_bind_int64(s, 24, key->end);
		sqlite3_bind_int64(s, 25, key->code_id);
		sqlite3_bind_int64(s, 26, key->coding_id);
	}
	sqlite3_bind_int64(s, 12, limit);
	sqlite3_bind_int64(s, 13, offset);
	struct retrieve_text t = {0, NULL};
	int rc = JAW_OK, step;
	while (rc == JAW_OK && (step = sqlite3_step(s)) == SQLITE_ROW) {
		struct retrieve_row r;
		retrieve_read(s, &r);
		rc = retrieve_text_load(db, &t, r.source_id, err);
		if (rc == JAW_OK) {
			retrieve_cut(t.text, &r);
			rc = fn(ctx, &r, err);
		}
		retrieve_row_clear(&r);
	}
	if (rc == JAW_OK && step != SQLITE_DONE)
		rc = err_db(err, db_sqlite(db), sql);
	sqlite3_reset(s);
	retrieve_text_clear(&t);
	return rc;
}

int retrieve_each(struct jaw_db *db, const struct retrieve_filter *f, retrieve_fn fn, void *ctx,
                  jaw_err *err)
{
	return retrieve_run(db, f, 0, -1, false, fn, ctx, err);
}

/* Collects rows into a page. */
struct retrieve_collect {
	struct retrieve_row *rows;
	int n;
};

static int retrieve_collect_row(void *ctx, struct retrieve_row *row, jaw_err *err)
{
	(void)err;
	struct retrieve_collect *c = ctx;
	c->rows[c->n++] = *row;
	memset(row, 0, sizeof *row);
	return JAW_OK;
}

/* Reads a page from the first row, or (back) from the last; or with sql,
 * from key. */
static int retrieve_page_from(struct jaw_db *db, const struct retrieve_filter *f,
                              int64_t offset, int limit, bool back, struct retrieve_row *rows,
                              const char *sql, const struct retrieve_key *key, jaw_err *err)
{
	struct retrieve_collect c = {rows, 0};
	int rc = sql ? retrieve_run_sql(db, f, sql, key, offset, limit, retrieve_collect_row, &c, err)
	             : retrieve_run(db, f, offset, limit, back, retrieve_collect_row, &c, err);
	if (rc != JAW_OK) {
		while (c.n > 0)
			retrieve_row_clear(&rows[--c.n]);
		return -1;
	}
	return c.n;
}

int retrieve_page(struct jaw_db *db, const struct retrieve_filter *f, int64_t offset, int limit,
                  struct retrieve_row *rows, jaw_err *err)
{
	return retrieve_page_from(db, f, offset, limit, false, rows, NULL, NULL, err);
}

int retrieve_page_of(struct jaw_db *db, const struct retrieve_filter *f, int64_t count,
                     int64_t offset, int limit, struct retrieve_row *rows, jaw_err *err)
{
	if (offset < 0)
		offset = 0;
	int64_t end = offset + limit < count ? offset + limit : count;
	/* nearer the end: as many rows from there, counted backwards */
	if (end > offset && count - end < offset)
		return retrieve_page_from(db, f, count - end, (int)(end - offset), true, rows, NULL,
		                          NULL, err);
	return retrieve_page_from(db, f, offset, limit, false, rows, NULL, NULL, err);
}

void retrieve_key_of(const struct retrieve_row *r, struct retrieve_key *key)
{
	key->source_id = r->source_id;
	key->start = r->start;
	key->end = r->end;
	key->code_id = r->code_id;
	key->coding_id = r->coding_id;
}

int retrieve_page_next(struct jaw_db *db, const struct retrieve_filter *f,
                       const struct retrieve_key *key, bool back, int64_t skip, int limit,
                       struct retrieve_row *rows, jaw_err *err)
{
	/* the codings in the order of sources from the key: of every code, or
	 * of a code common enough that a page is found within a few thousand
	 * of them; else -2, for the caller to count from an end */
	const char *sql = !f->code_id ? retrieve_near_all_sql[back]
	                : retrieve_scan(db, f, skip, limit, err) ? retrieve_near_scan_sql[back] : NULL;
	if (!sql)
		return -2;
	return retrieve_page_from(db, f, skip, limit, back, rows, sql, key, err);
}
