/* test_search.c - list search (/, n, N) in every list: each search is
 * checked against the rows as their pages show them, from every position
 * (or many), forward and backward, for texts that are absent, common, on
 * one row only, and with % _ \ and quotes; lists long enough to take each
 * path (the rows near the cursor, the scan, counting from either side);
 * the evidence list's filters and orders, notes without a date, collapsed
 * codes, several surveys, scale labels, missing and escaped values. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codebook.h"
#include "coding.h"
#include "csvimport.h"
#include "fold.h"
#include "model.h"
#include "project_schema.h"
#include "search.h"
#include "testutil.h"
#include "xalloc.h"

/* ---- the oracle: what a search must find, worked out from the pages ---- */

/* True if hay holds needle, both folded by fold.c (case and accents). */
static bool contains(const char *hay, const char *needle)
{
	char *h = fold_new(hay, FOLD_ALL), *n = fold_new(needle, FOLD_ALL);
	bool in = strstr(h, n) != NULL;
	free(h);
	free(n);
	return in;
}

/* A list as its pages show it: nfields texts per row, any of which may hold
 * the text searched for, and the search under test. */
struct oracle {
	int64_t n;
	int nfields;
	char **fields; /* row i's are fields[i * nfields ...] */
	int64_t (*search)(struct jaw_db *db, const void *ctx, const char *text, int64_t from,
	                  enum model_dir dir, jaw_err *err);
	struct jaw_db *db;
	const void *ctx;
};

static void oracle_init(struct oracle *o, int nfields)
{
	memset(o, 0, sizeof *o);
	o->nfields = nfields;
}

/* Adds a row (nfields strings, copied). */
static void oracle_row(struct oracle *o, const char *const *f)
{
	o->fields = xreallocarray(o->fields, (size_t)(o->n + 1) * (size_t)o->nfields,
	                          sizeof *o->fields);
	for (int i = 0; i < o->nfields; i++)
		o->fields[o->n * o->nfields + i] = xstrdup(f[i] ? f[i] : "");
	o->n++;
}

static void oracle_clear(struct oracle *o)
{
	for (int64_t i = 0; i < o->n * o->nfields; i++)
		free(o->fields[i]);
	free(o->fields);
	o->fields = NULL;
	o->n = 0;
}

static bool oracle_match(const struct oracle *o, int64_t row, const char *text)
{
	for (int i = 0; i < o->nfields; i++)
		if (contains(o->fields[row * o->nfields + i], text))
			return true;
	return false;
}

/* The position a search from `from` must find. */
static int64_t oracle_expect(const struct oracle *o, const char *text, int64_t from,
                             enum model_dir dir)
{
	if (dir == MODEL_FORWARD) {
		for (int64_t i = from + 1; i < o->n; i++)
			if (oracle_match(o, i, text))
				return i;
		for (int64_t i = 0; i <= from && i < o->n; i++)
			if (oracle_match(o, i, text))
				return i;
	} else {
		for (int64_t i = (from < o->n ? from : o->n) - 1; i >= 0; i--)
			if (oracle_match(o, i, text))
				return i;
		for (int64_t i = o->n - 1; i >= from && i >= 0; i--)
			if (oracle_match(o, i, text))
				return i;
	}
	return -1;
}

static void oracle_check_at(const struct oracle *o, const char *text, int64_t from,
                            enum model_dir dir)
{
	jaw_err err;
	err_clear(&err);
	int64_t want = oracle_expect(o, text, from, dir);
	int64_t got = o->search(o->db, o->ctx, text, from, dir, &err);
	if (got != want)
		fail_msg("search for \"%s\" %s from %lld of %lld: %lld, not %lld (%s)", text,
		         dir == MODEL_FORWARD ? "forward" : "backward", (long long)from,
		         (long long)o->n, (long long)got, (long long)want, err.msg);
}

/* Checks text from every step-th position, the ends and round them. */
static void oracle_check(const struct oracle *o, const char *text, int64_t step)
{
	for (int64_t from = -1; from <= o->n; from++) {
		if (step > 1 && from > 1 && from < o->n - 2 && from % step != 0)
			continue;
		oracle_check_at(o, text, from, MODEL_FORWARD);
		oracle_check_at(o, text, from, MODEL_BACKWARD);
	}
}

/* Texts every list is searched for. */
static const char *const oracle_texts[] = {
	"alpha", "ALPHA", "%", "_", "\\", "'", "\"", "50%_", "x_y", "caf\xC3\xA9", "nowhere at all",
	"e", "",
};

static void oracle_check_all(const struct oracle *o, int64_t step)
{
	for (size_t i = 0; i < sizeof oracle_texts / sizeof *oracle_texts; i++)
		oracle_check(o, oracle_texts[i], step);
}

/* ---- test data ------------------------------------------------------------ */

static uint32_t rand_state;

static uint32_t rand_below(uint32_t n)
{
	rand_state = rand_state * 1103515245u + 12345u;
	return (rand_state >> 16) % n;
}

/* Words the rows are made of: the ones searched for, and others. */
static const char *const words[] = {
	"alpha", "Beta", "GAMMA", "50%_off", "back\\slash", "O'Brien", "\"quoted\"", "na\xC3\xAFve",
	"caf\xC3\xA9", "x_y", "delta", "Alphabet", "omega", "plain",
};

static const char *word(void)
{
	return words[rand_below(sizeof words / sizeof *words)];
}

static void exec(struct jaw_db *db, const char *sql)
{
	jaw_err err;
	err_clear(&err);
	if (db_exec(db, sql, &err) != JAW_OK)
		fail_msg("%s", err.msg);
}

/* Runs sql with text parameters ?1.. (NULL binds NULL). */
static void exec_bound(struct jaw_db *db, const char *sql, int n, const char *const *v)
{
	sqlite3_stmt *s = NULL;
	assert_int_equal(sqlite3_prepare_v2(db_sqlite(db), sql, -1, &s, NULL), SQLITE_OK);
	for (int i = 0; i < n; i++)
		if (v[i])
			sqlite3_bind_text(s, i + 1, v[i], -1, SQLITE_TRANSIENT);
	assert_int_equal(sqlite3_step(s), SQLITE_DONE);
	sqlite3_finalize(s);
}

/* ---- timeline ------------------------------------------------------------- */

static int64_t timeline_search(struct jaw_db *db, const void *ctx, const char *text,
                               int64_t from, enum model_dir dir, jaw_err *err)
{
	(void)ctx;
	return model_timeline_search(db, text, from, dir, err);
}

static void timeline_oracle(struct jaw_db *db, struct oracle *o)
{
	oracle_init(o, 2);
	o->db = db;
	o->search = timeline_search;
	jaw_err err;
	int64_t n = model_timeline_count(db, &err);
	struct timeline_item *rows = xcalloc(64, sizeof *rows);
	for (int64_t at = 0; at < n; at += 64) {
		int got = model_timeline_page(db, at, 64, rows, &err);
		assert_true(got > 0);
		for (int i = 0; i < got; i++) {
			const char *f[] = {rows[i].title, rows[i].location};
			oracle_row(o, f);
			model_timeline_item_clear(&rows[i]);
		}
	}
	free(rows);
}

/* Adds n items, titled and placed from the words, on few dates (ties). */
static void timeline_fill(struct jaw_db *db, int n)
{
	exec(db, "BEGIN");
	for (int i = 0; i < n; i++) {
		char title[128], date[16];
		snprintf(title, sizeof title, "Item %d %s", i, word());
		snprintf(date, sizeof date, "2026-%02u-%02u", 1 + rand_below(3), 1 + rand_below(3));
		const char *v[] = {title, date, rand_below(3) ? "" : word()};
		exec_bound(db, "INSERT INTO timeline_item (kind, title, start_date, location)"
		               " VALUES ('event', ?1, ?2, ?3)", 3, v);
	}
	exec(db, "COMMIT");
}

static void test_timeline(void **state)
{
	(void)state;
	rand_state = 1;
	struct jaw_db *db = testutil_project_new(NULL);
	struct oracle o;
	/* short: every position; longer than the rows read near the cursor */
	timeline_fill(db, 40);
	timeline_oracle(db, &o);
	oracle_check_all(&o, 1);
	oracle_clear(&o);
	timeline_fill(db, 700);
	timeline_oracle(db, &o);
	oracle_check_all(&o, 29);
	oracle_clear(&o);
	/* an empty list finds nothing */
	exec(db, "DELETE FROM timeline_item");
	jaw_err err;
	assert_int_equal(model_timeline_search(db, "alpha", 0, MODEL_FORWARD, &err), -1);
	assert_int_equal(model_timeline_search(db, "", -1, MODEL_BACKWARD, &err), -1);
	db_close(db);
}

/* A list longer than the stretch counted from each side of a match: the
 * match near the start, the middle and the end, found from either end. */
static void test_timeline_long(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	exec(db, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 12000)"
	         " INSERT INTO timeline_item (kind, title, start_date) SELECT 'event', 'Item ' || i,"
	         " date('2026-01-01', '+' || (i * 7 % 300) || ' days') FROM n");
	/* needles on rows 3, 6000 and 11996 of the list */
	exec(db, "UPDATE timeline_item SET title = title || ' needle' WHERE id IN (SELECT id FROM"
	         " (SELECT id, row_number() OVER (ORDER BY start_date, id) - 1 AS rn"
	         " FROM timeline_item) WHERE rn IN (3, 6000, 11996))");
	struct oracle o;
	timeline_oracle(db, &o);
	assert_int_equal(o.n, 12000);
	static const int64_t from[] = {-1, 0, 2, 3, 4, 100, 5999, 6000, 6001, 9000, 11995, 11996,
	                               11997, 11999, 12000};
	for (size_t i = 0; i < sizeof from / sizeof *from; i++) {
		oracle_check_at(&o, "needle", from[i], MODEL_FORWARD);
		oracle_check_at(&o, "needle", from[i], MODEL_BACKWARD);
		oracle_check_at(&o, "nowhere", from[i], MODEL_FORWARD);
		oracle_check_at(&o, "Item 1199", from[i], MODEL_BACKWARD);
	}
	oracle_clear(&o);
	db_close(db);
}

/* The demo's timeline, as the interface searches it. */
static void test_timeline_demo(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_demo_new(NULL);
	jaw_err err;
	err_clear(&err);
	assert_int_equal(model_timeline_search(db, "INTERVIEW TRIP", -1, MODEL_FORWARD, &err), 6);
	assert_int_equal(model_timeline_search(db, "interview trip", 6, MODEL_FORWARD, &err), 7);
	assert_int_equal(model_timeline_search(db, "interview trip", 7, MODEL_FORWARD, &err), 6);
	assert_int_equal(model_timeline_search(db, "interview trip", 6, MODEL_BACKWARD, &err), 7);
	assert_int_equal(model_timeline_search(db, "Krak\xC3\xB3w", 0, MODEL_FORWARD, &err), 7);
	/* from the last row forward, round to the first match */
	assert_int_equal(model_timeline_search(db, "interview trip", 23, MODEL_FORWARD, &err), 6);
	/* from the first row backward, round to the last */
	assert_int_equal(model_timeline_search(db, "interview trip", 0, MODEL_BACKWARD, &err), 7);
	/* the only match is the cursor's row: found last */
	assert_int_equal(model_timeline_search(db, "Krak\xC3\xB3w", 7, MODEL_FORWARD, &err), 7);
	assert_int_equal(model_timeline_search(db, "Krak\xC3\xB3w", 7, MODEL_BACKWARD, &err), 7);
	db_close(db);
}

static void test_errors(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_demo_new(NULL);
	jaw_err err;
	err_clear(&err);
	/* another tool broke the file: the search says what failed */
	exec(db, "PRAGMA foreign_keys = OFF; DROP TABLE timeline_item");
	assert_int_equal(model_timeline_search(db, "trip", 0, MODEL_FORWARD, &err), -2);
	assert_non_null(strstr(err.msg, "no such table: timeline_item"));
	/* the notes' index gone: text search says so */
	exec(db, "DROP TABLE source_fts");
	struct search_hit hits[2];
	err_clear(&err);
	assert_int_equal(search_text_page(db, "liaison", 0, 2, hits, &err), -1);
	assert_non_null(strstr(err.msg, "cannot search for \"liaison\""));
	assert_non_null(strstr(err.msg, "no such table: source_fts"));
	assert_int_equal(search_text_count(db, "liaison", &err), -1);
	exec(db, "DROP TABLE survey_column");
	err_clear(&err);
	assert_int_equal(model_respondent_search(db, 1, "x", 0, MODEL_FORWARD, &err), -2);
	assert_non_null(strstr(err.msg, "no such table: survey_column"));
	err_clear(&err);
	assert_int_equal(model_survey_answer_search(db, 1, "x", 0, MODEL_FORWARD, &err), -2);
	assert_non_null(strstr(err.msg, "no such table: survey_column"));
	db_close(db);
}

/* ---- stakeholders ----------------------------------------------------------- */

static int64_t stakeholder_search(struct jaw_db *db, const void *ctx, const char *text,
                                  int64_t from, enum model_dir dir, jaw_err *err)
{
	(void)ctx;
	return model_stakeholder_search(db, text, from, dir, err);
}

static void test_stakeholders(void **state)
{
	(void)state;
	rand_state = 2;
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	err_clear(&err);
	for (int i = 0; i < 330; i++) {
		struct stakeholder s = {0};
		char name[64], role[64];
		snprintf(name, sizeof name, "%s %d", word(), i);
		snprintf(role, sizeof role, "%s", rand_below(2) ? word() : "");
		s.kind = i < 30 || rand_below(5) == 0 ? "organisation" : "person";
		s.name = name;
		s.role = role;
		s.parent_id = i >= 30 ? 1 + rand_below(30) : 0;
		assert_int_equal(model_stakeholder_add(db, &s, &err), JAW_OK);
	}
	/* a row another tool wrote, without its place in the order */
	exec(db, "INSERT INTO stakeholder (kind, name, role) VALUES ('person', 'Zed alpha', '')");
	assert_int_equal(model_stakeholder_prepare_order(db, &err), JAW_OK);
	exec(db, "INSERT INTO stakeholder (kind, name, role) VALUES ('person', 'Late alpha', '')");
	struct oracle o;
	oracle_init(&o, 2);
	o.db = db;
	o.search = stakeholder_search;
	/* the search puts the late row in the order, as the pane's count does */
	assert_true(model_stakeholder_search(db, "Late", 0, MODEL_FORWARD, &err) >= 0);
	int64_t n = model_stakeholder_count(db, &err);
	struct stakeholder rows[50];
	for (int64_t at = 0; at < n; at += 50) {
		int got = model_stakeholder_page(db, at, 50, rows, &err);
		for (int i = 0; i < got; i++) {
			const char *f[] = {rows[i].name, rows[i].role};
			oracle_row(&o, f);
			model_stakeholder_clear(&rows[i]);
		}
	}
	assert_int_equal(o.n, 332);
	oracle_check_all(&o, 7);
	oracle_clear(&o);
	db_close(db);
}

/* ---- evidence ------------------------------------------------------------------ */

struct source_case {
	struct source_filter filter;
};

static int64_t source_search(struct jaw_db *db, const void *ctx, const char *text,
                             int64_t from, enum model_dir dir, jaw_err *err)
{
	return model_source_search(db, ctx, text, from, dir, err);
}

static void source_oracle(struct jaw_db *db, const struct source_filter *f, struct oracle *o)
{
	oracle_init(o, 3);
	o->db = db;
	o->ctx = f;
	o->search = source_search;
	jaw_err err;
	int64_t n = model_source_count_filtered(db, f, &err);
	struct source rows[40];
	for (int64_t at = 0; at < n; at += 40) {
		int got = model_source_page_filtered(db, f, at, 40, rows, &err);
		assert_true(got > 0);
		for (int i = 0; i < got; i++) {
			const char *fields[] = {rows[i].title, rows[i].stakeholder_name,
			                        rows[i].event_title};
			oracle_row(o, fields);
			model_source_clear(&rows[i]);
		}
	}
	assert_int_equal(o->n, n);
}

static void test_evidence(void **state)
{
	(void)state;
	rand_state = 3;
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	err_clear(&err);
	exec(db, "INSERT INTO stakeholder (kind, name) VALUES ('organisation', 'Alpha command'),"
	         " ('person', 'Omega 50%_off'), ('person', 'Plain person')");
	exec(db, "INSERT INTO timeline_item (kind, title, start_date) VALUES"
	         " ('event', 'Seminar caf\xC3\xA9', '2026-01-01'), ('event', 'Trip', '2026-02-01')");
	exec(db, "INSERT INTO code (name) VALUES ('Training'), ('Reporting')");
	exec(db, "BEGIN");
	for (int i = 0; i < 620; i++) {
		char title[96], date[16], who[8], event[8];
		static const char *const kinds[] = {"interview", "observation", "document"};
		snprintf(title, sizeof title, "Note %d %s", i, word());
		snprintf(date, sizeof date, "2026-%02u-%02u", 1 + rand_below(2), 1 + rand_below(4));
		snprintf(who, sizeof who, "%u", rand_below(4));
		snprintf(event, sizeof event, "%u", rand_below(3));
		/* about one note in five has no date: it comes last */
		const char *v[] = {kinds[rand_below(3)], title, rand_below(5) ? date : NULL,
		                   strcmp(who, "0") ? who : NULL, strcmp(event, "0") ? event : NULL};
		exec_bound(db, "INSERT INTO source (kind, title, text, source_date, stakeholder_id,"
		               " timeline_item_id) VALUES (?1, ?2, 'text', ?3, ?4, ?5)", 5, v);
	}
	exec(db, "INSERT INTO coding (source_id, start_cp, end_cp, code_id, coder)"
	         " SELECT id, 0, 2, 1 + id % 2, 'ana' FROM source WHERE id % 3 = 0");
	exec(db, "COMMIT");
	/* a survey's answers are not evidence rows: they never match */
	exec(db, "INSERT INTO source (kind, title, text) VALUES ('survey_answer', 'alpha', 'alpha')");
	struct source_filter filters[] = {
		{0},
		{.by_title = true},
		{.kind = "interview"},
		{.stakeholder_id = 2},
		{.timeline_item_id = 1, .by_title = true},
		{.code_id = 2},
		{.kind = "document", .stakeholder_id = 1, .code_id = 1},
	};
	for (size_t i = 0; i < sizeof filters / sizeof *filters; i++) {
		struct oracle o;
		source_oracle(db, &filters[i], &o);
		oracle_check_all(&o, i < 2 ? 13 : 3);
		/* a stakeholder's or an event's name matches its notes */
		oracle_check(&o, "50%_off", 5);
		oracle_check(&o, "seminar", 5);
		oracle_clear(&o);
	}
	/* NULL for a filter is no filter */
	struct oracle o;
	source_oracle(db, NULL, &o);
	oracle_check(&o, "alpha", 11);
	oracle_clear(&o);
	db_close(db);
}

/* ---- the codebook tree --------------------------------------------------------- */

struct codebook_case {
	const int64_t *collapsed;
	size_t n;
};

static int64_t codebook_search(struct jaw_db *db, const void *ctx, const char *text,
                               int64_t from, enum model_dir dir, jaw_err *err)
{
	const struct codebook_case *c = ctx;
	return codebook_tree_search(db, c->collapsed, c->n, text, from, dir, err);
}

static void test_codebook(void **state)
{
	(void)state;
	rand_state = 4;
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	err_clear(&err);
	for (int i = 0; i < 90; i++) {
		char name[64], desc[64];
		snprintf(name, sizeof name, "%s %d", word(), i);
		snprintf(desc, sizeof desc, "%s", rand_below(2) ? word() : "");
		const char *v[] = {name, desc};
		char sql[160], parent[16] = "NULL";
		/* the first ten at the top, the others under an earlier code */
		if (i >= 10)
			snprintf(parent, sizeof parent, "%u", 1 + rand_below((uint32_t)i));
		snprintf(sql, sizeof sql, "INSERT INTO code (parent_id, name, description, position)"
		         " VALUES (%s, ?1, ?2, %u)", parent, rand_below(4));
		exec_bound(db, sql, 2, v);
	}
	static const int64_t none[] = {0}, some[] = {1, 3, 12, 40};
	struct codebook_case cases[] = {{NULL, 0}, {none, 0}, {some, 4}};
	for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
		struct oracle o;
		oracle_init(&o, 2);
		o.db = db;
		o.ctx = &cases[k];
		o.search = codebook_search;
		int64_t n = codebook_tree_count(db, cases[k].collapsed, cases[k].n, &err);
		struct codebook_row *rows = xcalloc((size_t)n, sizeof *rows);
		assert_int_equal(codebook_tree_page(db, cases[k].collapsed, cases[k].n, 0, (int)n, rows,
		                                    &err), n);
		for (int64_t i = 0; i < n; i++) {
			const char *f[] = {rows[i].code.name, rows[i].code.description};
			oracle_row(&o, f);
			codebook_row_clear(&rows[i]);
		}
		free(rows);
		if (k == 2)
			assert_true(n < 90); /* the codes below collapsed ones are hidden */
		oracle_check_all(&o, 1);
		oracle_clear(&o);
	}
	db_close(db);
}

/* ---- surveys ------------------------------------------------------------------ */

/* Imports CSV text as a survey, with the roles given. */
static int64_t survey_import(struct jaw_db *db, const char *name, const char *csv,
                             const char *attributes, const char *likert, const char *text)
{
	char *path = testutil_path_new(name);
	testutil_write_file(path, csv, strlen(csv));
	struct csvimport_options opt = {0};
	opt.roles[SURVEY_ROLE_ID] = "id";
	opt.roles[SURVEY_ROLE_ATTRIBUTE] = attributes;
	opt.roles[SURVEY_ROLE_LIKERT] = likert;
	opt.roles[SURVEY_ROLE_TEXT] = text;
	struct csvimport_plan *plan = NULL;
	struct csvimport_result res;
	jaw_err err;
	err_clear(&err);
	if (csvimport_file(db, path, &opt, &plan, &res, &err) != JAW_OK)
		fail_msg("%s", err.msg);
	csvimport_plan_free(plan);
	free(path);
	return res.survey_id;
}

/* Copies s into out (of room enough) with its quotes doubled, as CSV has
 * them in a quoted field. */
static void csv_quote(const char *s, char *out)
{
	for (; *s; s++) {
		if (*s == '"')
			*out++ = '"';
		*out++ = *s;
	}
	*out = '\0';
}

/* A survey of n respondents made of the words; scales with labels, reals
 * written with exponents, values with quotes, missing values. */
static char *survey_csv_new(int n)
{
	static const char *const scale[] = {"Strongly disagree", "Disagree",
	                                    "Neither agree nor disagree", "Agree", "Strongly agree"};
	static const char *const reals[] = {"1e3", "2.50", "0.000012", "12345678.123456789", "7"};
	size_t cap = 512 + (size_t)n * 200, len = 0;
	char *csv = xmalloc(cap);
	len += (size_t)snprintf(csv, cap, "id,Unit,Score,Training,Comment\n");
	for (int i = 0; i < n; i++) {
		char unit[64], comment[64];
		csv_quote(rand_below(6) ? word() : "", unit);
		csv_quote(rand_below(4) ? word() : "", comment);
		len += (size_t)snprintf(csv + len, cap - len, "R%04d,\"%s\",%s,%s,\"%s %s\"\n", i, unit,
		                        rand_below(5) ? reals[rand_below(5)] : "",
		                        rand_below(6) ? scale[rand_below(5)] : "", comment,
		                        i % 3 ? "said" : "wrote");
	}
	return csv;
}

struct survey_case {
	int64_t id; /* the survey, or the column */
	int mode;   /* 0 respondents, 1 questions, 2 answers, 3 codings */
};

static int64_t survey_search(struct jaw_db *db, const void *ctx, const char *text,
                             int64_t from, enum model_dir dir, jaw_err *err)
{
	const struct survey_case *c = ctx;
	switch (c->mode) {
	case 0: return model_respondent_search(db, c->id, text, from, dir, err);
	case 1: return model_survey_column_search(db, c->id, text, from, dir, err);
	case 2: return model_survey_answer_search(db, c->id, text, from, dir, err);
	default: return model_survey_codings_search(db, c->id, text, from, dir, err);
	}
}

/* The respondents as their page shows them: the id, then each value. */
static void respondent_oracle(struct jaw_db *db, struct survey_case *c, struct oracle *o)
{
	oracle_init(o, 5);
	o->db = db;
	o->ctx = c;
	o->search = survey_search;
	jaw_err err;
	int64_t n = model_respondent_count(db, c->id, &err);
	struct survey_respondent rows[32];
	for (int64_t at = 0; at < n; at += 32) {
		int got = model_respondent_page(db, c->id, at, 32, rows, &err);
		for (int i = 0; i < got; i++) {
			char *v[4] = {0};
			char *p = rows[i].values;
			for (int k = 0; k < 4 && p; k++) {
				char *bar = strstr(p, " | ");
				v[k] = bar ? xstrndup(p, (size_t)(bar - p)) : xstrdup(p);
				p = bar ? bar + 3 : NULL;
			}
			const char *f[] = {rows[i].external_id, v[0], v[1], v[2], v[3]};
			oracle_row(o, f);
			for (int k = 0; k < 4; k++)
				free(v[k]);
			model_respondent_clear(&rows[i]);
		}
	}
}

static void answer_oracle(struct jaw_db *db, struct survey_case *c, struct oracle *o)
{
	oracle_init(o, 2);
	o->db = db;
	o->ctx = c;
	o->search = survey_search;
	jaw_err err;
	int64_t n = model_survey_answer_count(db, c->id, &err);
	struct survey_answer rows[32];
	for (int64_t at = 0; at < n; at += 32) {
		int got = model_survey_answer_page(db, c->id, at, 32, rows, &err);
		for (int i = 0; i < got; i++) {
			const char *f[] = {rows[i].text, rows[i].respondent};
			oracle_row(o, f);
			model_survey_answer_clear(&rows[i]);
		}
	}
}

static void test_surveys(void **state)
{
	(void)state;
	rand_state = 5;
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	err_clear(&err);
	char *csv = survey_csv_new(400);
	int64_t first = survey_import(db, "first.csv", csv, "Unit,Score", "Training", "Comment");
	free(csv);
	csv = survey_csv_new(90);
	int64_t second = survey_import(db, "second.csv", csv, "Unit,Score", "Training", "Comment");
	free(csv);
	assert_true(first > 0 && second > first);
	/* respondents: their ids and values as shown, in each survey alone */
	int64_t surveys[] = {first, second};
	for (int k = 0; k < 2; k++) {
		struct survey_case c = {surveys[k], 0};
		struct oracle o;
		respondent_oracle(db, &c, &o);
		oracle_check_all(&o, k ? 1 : 17);
		/* a scale's label; a missing value shows "-"; a real as SQLite
		 * shows it, whatever form the file wrote it in */
		static const char *const shown[] = {"strongly AGREE", "-", "1000.0", "2.5", "1.2e-05",
		                                    "12345678.1234568", "R0003", "\"quo", "uoted\""};
		for (size_t i = 0; i < sizeof shown / sizeof *shown; i++)
			oracle_check(&o, shown[i], k ? 1 : 23);
		oracle_clear(&o);
	}
	/* questions */
	struct survey_case q = {second, 1};
	struct oracle o;
	oracle_init(&o, 2);
	o.db = db;
	o.ctx = &q;
	o.search = survey_search;
	struct survey_column_info cols[8];
	int ncols = model_survey_column_page(db, second, 0, 8, cols, &err);
	assert_int_equal(ncols, 5);
	for (int i = 0; i < ncols; i++) {
		const char *f[] = {cols[i].label, cols[i].question};
		oracle_row(&o, f);
		model_survey_column_clear(&cols[i]);
	}
	oracle_check(&o, "t", 1);
	oracle_check(&o, "TRAIN", 1);
	oracle_check(&o, "nowhere", 1);
	oracle_clear(&o);
	/* open answers: whole words through the full-text index, fragments
	 * and punctuation with LIKE alone; the respondent's id too */
	int64_t comment = model_survey_first_column(db, first, "open_text", &err);
	struct survey_case a = {comment, 2};
	answer_oracle(db, &a, &o);
	oracle_check_all(&o, 11);
	static const char *const answers[] = {"alpha said", "ALPHABET", "lpha sa", "plain wrote",
	                                      " said", "O'Brien said", "R0042", "na\xC3\xAFve"};
	for (size_t i = 0; i < sizeof answers / sizeof *answers; i++)
		oracle_check(&o, answers[i], 11);
	oracle_clear(&o);
	/* a survey whose index is gone is searched with LIKE */
	char sql[80];
	snprintf(sql, sizeof sql, "DROP TABLE survey_fts_%lld", (long long)first);
	exec(db, sql);
	answer_oracle(db, &a, &o);
	oracle_check(&o, "alpha said", 11);
	oracle_clear(&o);
	db_close(db);
}

static void test_survey_codings(void **state)
{
	(void)state;
	rand_state = 6;
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	err_clear(&err);
	char *csv = survey_csv_new(120);
	int64_t sv = survey_import(db, "coded.csv", csv, "Unit,Score", "Training", "Comment");
	free(csv);
	for (int i = 0; i < 12; i++) {
		char name[64];
		snprintf(name, sizeof name, "%s code %d", word(), i);
		const char *v[] = {name};
		exec_bound(db, "INSERT INTO code (name, position) VALUES (?1, 0)", 1, v);
	}
	exec(db, "INSERT INTO coding (source_id, start_cp, end_cp, code_id, coder)"
	         " SELECT s.id, 0, 1, 1 + (s.id * 7) % 12, 'ana' FROM source s"
	         " WHERE s.kind = 'survey_answer'");
	int64_t unit = model_survey_first_column(db, sv, "attribute", &err);
	struct survey_case c = {unit, 3};
	struct oracle o;
	oracle_init(&o, 2);
	o.db = db;
	o.ctx = &c;
	o.search = survey_search;
	int64_t n = model_survey_codings_by_count(db, unit, &err);
	struct survey_coding_count *rows = xcalloc((size_t)n, sizeof *rows);
	assert_int_equal(model_survey_codings_by(db, unit, 0, (int)n, rows, &err), n);
	for (int64_t i = 0; i < n; i++) {
		const char *f[] = {rows[i].value, rows[i].code};
		oracle_row(&o, f);
		model_survey_coding_count_clear(&rows[i]);
	}
	free(rows);
	assert_true(n > 20);
	oracle_check_all(&o, 1);
	oracle_check(&o, "code 1", 1);
	oracle_clear(&o);
	db_close(db);
}

/* ---- full-text search ----------------------------------------------------------- */

/* Adds a note; returns its id. */
static int64_t note(struct jaw_db *db, const char *title, const char *text)
{
	struct source src = {0};
	src.kind = "interview";
	src.title = (char *)title;
	src.text = (char *)text;
	jaw_err err;
	err_clear(&err);
	if (model_source_add(db, &src, &err) != JAW_OK)
		fail_msg("%s", err.msg);
	return src.id;
}

/* A project whose hits are known: three notes and two surveys. */
struct text_fixture {
	struct jaw_db *db;
	int64_t liaison, child, title_only, first, second;
};

static void text_fixture(struct text_fixture *f)
{
	f->db = testutil_project_new(NULL);
	f->liaison = note(f->db, "Brigade legal adviser",
	                  "Zo\xC3\xAB said:\nliaison with the mission depends on people. Liaison"
	                  " officers rotate too often.");
	f->child = note(f->db, "MINUVE child protection",
	                "Child protection advisers report to the mission. Protecting children"
	                " takes liaison.");
	f->title_only = note(f->db, "Interpreter shortage", "Nothing here about the subject.");
	survey_import(f->db, "one.csv", "id,Unit,Comment\nR1,A,\"More liaison officers\"\n"
	              "R2,B,\"Fewer meetings\"\n", "Unit", NULL, "Comment");
	survey_import(f->db, "two.csv", "id,Unit,Comment\nS1,A,\"Child protection training\"\n",
	              "Unit", NULL, "Comment");
	f->first = testutil_scalar(f->db, "SELECT s.id FROM source s JOIN respondent r"
	                                  " ON r.id = s.respondent_id WHERE r.external_id = 'R1'");
	f->second = testutil_scalar(f->db, "SELECT s.id FROM source s JOIN respondent r"
	                                   " ON r.id = s.respondent_id WHERE r.external_id = 'S1'");
}

/* Searches for query; the hits' ids, in order, into ids (n of them). */
static int text_ids(struct jaw_db *db, const char *query, int64_t *ids, struct search_hit *hits)
{
	jaw_err err;
	err_clear(&err);
	int n = search_text_page(db, query, 0, 10, hits, &err);
	if (n < 0)
		fail_msg("search for %s: %s", query, err.msg);
	assert_int_equal(search_text_count(db, query, &err), n);
	for (int i = 0; i < n; i++) {
		ids[i] = hits[i].source_id;
		if (i > 0)
			assert_true(hits[i - 1].rank <= hits[i].rank); /* best first */
	}
	return n;
}

static bool text_has(const int64_t *ids, int n, int64_t id)
{
	for (int i = 0; i < n; i++)
		if (ids[i] == id)
			return true;
	return false;
}

static void text_clear(struct search_hit *hits, int n)
{
	for (int i = 0; i < n; i++)
		search_hit_clear(&hits[i]);
}

static void test_text_search(void **state)
{
	(void)state;
	struct text_fixture f;
	text_fixture(&f);
	struct search_hit hits[10];
	int64_t ids[10];
	/* a word: notes and both surveys' answers, where it matched */
	int n = text_ids(f.db, "liaison", ids, hits);
	assert_int_equal(n, 3);
	assert_true(text_has(ids, n, f.liaison) && text_has(ids, n, f.child) &&
	            text_has(ids, n, f.first));
	for (int i = 0; i < n; i++) {
		if (hits[i].source_id == f.liaison) {
			/* code points of the text: "Zoë said:\n" is 10 of them */
			assert_int_equal(hits[i].start, 10);
			assert_int_equal(hits[i].end, 17);
			/* up to 40 code points each side, cut at a space, the
			 * line break as a space */
			assert_string_equal(hits[i].snippet, "Zo\xC3\xAB said: liaison with the mission"
			                    " depends on people....");
			assert_int_equal(hits[i].mark_start, 11);
			assert_int_equal(hits[i].mark_end, 18);
		} else if (hits[i].source_id == f.child) {
			/* cut before: from the first whole word, and "..." */
			assert_int_equal(hits[i].start, 75);
			assert_string_equal(hits[i].snippet, "...the mission. Protecting children takes"
			                    " liaison.");
			assert_int_equal(hits[i].mark_start, 42);
		} else if (hits[i].source_id == f.first) {
			assert_int_equal(hits[i].start, 5);
			assert_int_equal(hits[i].end, 12);
			assert_string_equal(hits[i].snippet, "More liaison officers");
		}
	}
	text_clear(hits, n);
	/* a phrase; a prefix; AND, OR, NOT */
	n = text_ids(f.db, "\"child protection\"", ids, hits);
	assert_int_equal(n, 2);
	assert_true(text_has(ids, n, f.child) && text_has(ids, n, f.second));
	for (int i = 0; i < n; i++)
		if (hits[i].source_id == f.child) {
			assert_int_equal(hits[i].start, 0);
			assert_int_equal(hits[i].end, 16);
		}
	text_clear(hits, n);
	n = text_ids(f.db, "protect*", ids, hits);
	assert_int_equal(n, 2);
	text_clear(hits, n);
	n = text_ids(f.db, "liaison AND officers", ids, hits);
	assert_int_equal(n, 2);
	assert_true(text_has(ids, n, f.liaison) && text_has(ids, n, f.first));
	text_clear(hits, n);
	n = text_ids(f.db, "meetings OR training", ids, hits);
	assert_int_equal(n, 2);
	text_clear(hits, n);
	n = text_ids(f.db, "liaison NOT officers", ids, hits);
	assert_int_equal(n, 1);
	assert_int_equal(ids[0], f.child);
	text_clear(hits, n);
	/* the title alone: no place in the text, the title as context */
	n = text_ids(f.db, "interpreter", ids, hits);
	assert_int_equal(n, 1);
	assert_int_equal(ids[0], f.title_only);
	assert_int_equal(hits[0].start, -1);
	assert_int_equal(hits[0].end, -1);
	assert_string_equal(hits[0].snippet, "Interpreter shortage");
	assert_int_equal(hits[0].mark_end, 11);
	text_clear(hits, n);
	/* a column only the notes have: the surveys are left out */
	n = text_ids(f.db, "title:child", ids, hits);
	assert_int_equal(n, 1);
	assert_int_equal(ids[0], f.child);
	text_clear(hits, n);
	/* pages */
	jaw_err err;
	err_clear(&err);
	assert_int_equal(search_text_page(f.db, "liaison", 1, 10, hits, &err), 2);
	text_clear(hits, 2);
	assert_int_equal(search_text_page(f.db, "liaison", 5, 10, hits, &err), 0);
	assert_int_equal(search_text_count(f.db, "nothing matches this", &err), 0);
	db_close(f.db);
}

static void test_text_search_syntax(void **state)
{
	(void)state;
	struct text_fixture f;
	text_fixture(&f);
	struct search_hit hits[10];
	int64_t ids[10];
	/* not FTS5's syntax: searched as plain words (an operator too) */
	static const char *const plain[] = {"liaison AND", "liaison officers NOT", "(liaison",
	                                    "\"liaison", "liaison-officers", "e-mail liaison",
	                                    "nosuch:liaison", "liaison*officers"};
	static const int want[] = {0, 0, 3, 3, 2, 0, 0, 2};
	for (size_t i = 0; i < sizeof plain / sizeof *plain; i++) {
		int n = text_ids(f.db, plain[i], ids, hits);
		if (n != want[i])
			fail_msg("\"%s\": %d hits, not %d", plain[i], n, want[i]);
		text_clear(hits, n);
	}
	/* nothing to search for: refused, with a message */
	static const char *const empty[] = {"", "   ", "***", "\"\"", "-"};
	for (size_t i = 0; i < sizeof empty / sizeof *empty; i++) {
		jaw_err err;
		err_clear(&err);
		assert_int_equal(search_text_page(f.db, empty[i], 0, 10, hits, &err), -1);
		assert_non_null(strstr(err.msg, "nothing to search for"));
		assert_int_equal(search_text_count(f.db, empty[i], &err), -1);
	}
	db_close(f.db);
}

/* Every rank jaw gives the hits of query on index table is bm25's, to
 * the last bit (jaw_rank counts the phrases' rows no further than half
 * the index and keeps the figures until the database changes). */
static void text_ranks_are_bm25(struct jaw_db *db, const char *table, const char *query)
{
	jaw_err err;
	err_clear(&err);
	assert_true(search_text_count(db, query, &err) >= 0); /* registers jaw_rank */
	char *sql = xasprintf("SELECT rowid, bm25(%1$s), jaw_rank(%1$s, '%1$s', ?1) FROM %1$s"
	                      " WHERE %1$s MATCH ?1", table);
	sqlite3_stmt *s = NULL;
	assert_int_equal(sqlite3_prepare_v2(db_sqlite(db), sql, -1, &s, NULL), SQLITE_OK);
	sqlite3_bind_text(s, 1, query, -1, SQLITE_STATIC);
	int rows = 0, rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		double want = sqlite3_column_double(s, 1), got = sqlite3_column_double(s, 2);
		if (memcmp(&want, &got, sizeof want) != 0)
			fail_msg("%s on %s, row %lld: jaw_rank %.17g, bm25 %.17g", query, table,
			         (long long)sqlite3_column_int64(s, 0), got, want);
		rows++;
	}
	assert_int_equal(rc, SQLITE_DONE);
	assert_true(rows > 0);
	sqlite3_finalize(s);
	free(sql);
}

static void test_text_rank(void **state)
{
	(void)state;
	struct text_fixture f;
	text_fixture(&f);
	static const char *const notes[] = {"liaison", "protect*", "\"child protection\"",
	                                    "liaison OR training", "liaison AND officers",
	                                    "NEAR(liaison mission, 5)", "title:child", "mission",
	                                    "liaison NOT officers", "zoe OR liaison OR child"};
	for (size_t i = 0; i < sizeof notes / sizeof *notes; i++)
		text_ranks_are_bm25(f.db, "source_fts", notes[i]);
	text_ranks_are_bm25(f.db, "survey_fts_1", "liaison OR meetings");
	text_ranks_are_bm25(f.db, "survey_fts_2", "\"child protection\"");
	/* the hits' ranks too, before and after the index changes (the
	 * figures kept are counted again) */
	for (int round = 0; round < 3; round++) {
		struct search_hit hits[10];
		jaw_err err;
		err_clear(&err);
		int n = search_text_page_in(f.db, "liaison OR mission", SEARCH_SOURCES, 0, 10, hits, &err);
		assert_true(n >= 2);
		for (int i = 0; i < n; i++) {
			char *sql = xasprintf("SELECT bm25(source_fts) FROM source_fts WHERE source_fts"
			                      " MATCH 'liaison OR mission' AND rowid = %lld",
			                      (long long)hits[i].source_id);
			sqlite3_stmt *s = NULL;
			assert_int_equal(sqlite3_prepare_v2(db_sqlite(f.db), sql, -1, &s, NULL), SQLITE_OK);
			if (sqlite3_step(s) == SQLITE_ROW) { /* a note, not an answer */
				double want = sqlite3_column_double(s, 0);
				assert_memory_equal(&want, &hits[i].rank, sizeof want);
			}
			sqlite3_finalize(s);
			free(sql);
			search_hit_clear(&hits[i]);
		}
		/* more rows, and more of them with the words */
		note(f.db, "Another", round ? "the mission again" : "liaison and mission");
		note(f.db, "Unrelated", "nothing to find");
	}
	text_ranks_are_bm25(f.db, "source_fts", "liaison OR mission");
	db_close(f.db);
}

/* The ids of the hits of query best first, a page of one at a time
 * (the hits kept ranked for the pages) and all in one page; both the
 * same. Returns how many. */
static int text_best(struct jaw_db *db, const char *query, int64_t *ids)
{
	struct search_hit one, all[10];
	jaw_err err;
	err_clear(&err);
	int n = search_text_page_in(db, query, SEARCH_BEST, 0, 10, all, &err);
	assert_true(n >= 0);
	for (int i = 0; i < n; i++) {
		assert_int_equal(search_text_page_in(db, query, SEARCH_BEST, i, 1, &one, &err), 1);
		assert_int_equal(one.source_id, all[i].source_id);
		assert_memory_equal(&one.rank, &all[i].rank, sizeof one.rank);
		assert_string_equal(one.snippet, all[i].snippet);
		ids[i] = all[i].source_id;
		search_hit_clear(&one);
		search_hit_clear(&all[i]);
	}
	assert_int_equal(search_text_page_in(db, query, SEARCH_BEST, n, 1, &one, &err), 0);
	return n;
}

static void test_text_kept(void **state)
{
	(void)state;
	char *path;
	struct jaw_db *db = testutil_project_new(&path);
	int64_t a = note(db, "A", "liaison liaison"), b = note(db, "B", "the liaison officer"), ids[10];
	assert_int_equal(text_best(db, "liaison", ids), 2);
	assert_int_equal(ids[0], a);
	/* a change on this connection: counted again */
	int64_t c = note(db, "C", "liaison liaison liaison");
	assert_int_equal(text_best(db, "liaison", ids), 3);
	assert_int_equal(ids[0], c);
	/* inside a transaction nothing is kept: a rollback leaves no trace */
	jaw_err err;
	err_clear(&err);
	assert_int_equal(db_begin(db, &err), JAW_OK);
	int64_t d = note(db, "D", "liaison officer officer");
	assert_int_equal(text_best(db, "liaison", ids), 4);
	assert_int_equal(text_best(db, "officer", ids), 2);
	assert_true(ids[0] == d && ids[1] == b);
	db_rollback(db);
	assert_int_equal(text_best(db, "officer", ids), 1);
	assert_int_equal(ids[0], b);
	text_ranks_are_bm25(db, "source_fts", "officer");
	assert_int_equal(text_best(db, "liaison", ids), 3);
	assert_int_equal(ids[0], c);
	/* a change another connection commits */
	struct jaw_db *other = NULL;
	assert_int_equal(db_open(path, 0, &project_schema, &other, &err), JAW_OK);
	char *sql = xasprintf("DELETE FROM source WHERE id = %lld", (long long)c);
	assert_int_equal(db_exec(other, sql, &err), JAW_OK);
	free(sql);
	db_close(other);
	assert_int_equal(text_best(db, "liaison", ids), 2);
	assert_true(ids[0] == a && ids[1] == b);
	db_close(db);
	free(path);
}

/* The first match and its snippet in a long text, beyond the first bytes
 * read to find it, agree with every match as search_text_each finds it
 * from the whole text. */
struct text_first {
	int64_t source, start, end, n;
};

static int text_first_match(void *ctx, int64_t source, int64_t start, int64_t end, double rank,
                            jaw_err *err)
{
	(void)rank, (void)err;
	struct text_first *t = ctx;
	if (t->n++ == 0 || source != t->source) {
		t->source = source;
		t->start = start;
		t->end = end;
	}
	return JAW_OK;
}

/* A text of about bytes bytes of words with accents (2 bytes each), with
 * word at byte at or just after it (where a word starts). */
static char *text_long_new(size_t bytes, const char *word, size_t at, size_t *cp)
{
	char *out = xmalloc(bytes + strlen(word) + 64), *o = out;
	static const char *const filler[] = {"caf\xC3\xA9 ", "na\xC3\xAFve ", "r\xC3\xB4le ", "a "};
	size_t k = 0;
	bool placed = false;
	*cp = 0;
	while ((size_t)(o - out) < bytes) {
		if (!placed && (size_t)(o - out) >= at) {
			o += sprintf(o, "%s ", word);
			placed = true;
			continue;
		}
		const char *w = filler[k++ % 4];
		if (!placed)
			*cp += strlen(w) - (strchr(w, '\xC3') ? 1 : 0);
		o += sprintf(o, "%s", w);
	}
	*o = '\0';
	return out;
}

static void test_text_long(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	/* a word past the first 16 KB read; one across their end, its accent
	 * cut in two there; one near the start of a 1 MB text */
	static const struct {
		const char *word, *query;
		size_t at, bytes;
	} cases[] = {
		{"zebulon", "zebulon", 50000, 80000},
		{"\xC3\xA9tienne", "etienne", 16383, 40000},
		{"quixote", "quixote", 16380, 40000},
		{"mandolin", "mandolin", 100, 1 << 20},
		{"left behind", "\"left behind\"", 33000, 70000},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		size_t cp;
		char *text = text_long_new(cases[i].bytes, cases[i].word, cases[i].at, &cp);
		int64_t id = note(db, "Long", text);
		jaw_err err;
		err_clear(&err);
		struct search_hit h;
		assert_int_equal(search_text_page(db, cases[i].query, 0, 1, &h, &err), 1);
		assert_int_equal(h.source_id, id);
		const char *w = cases[i].word;
		size_t wcp = strlen(w) - (strchr(w, '\xC3') ? 1 : 0);
		if (h.start != (int64_t)cp || h.end != (int64_t)(cp + wcp))
			fail_msg("%s: [%lld, %lld), not [%zu, %zu)", cases[i].query, (long long)h.start,
			         (long long)h.end, cp, cp + wcp);
		assert_memory_equal(h.snippet + h.mark_start, w, strlen(w));
		assert_int_equal(h.mark_end - h.mark_start, strlen(w));
		assert_int_equal(strncmp(h.snippet, "...", 3), 0); /* cut before */
		struct text_first t = {0, 0, 0, 0};
		assert_int_equal(search_text_each(db, cases[i].query, text_first_match, &t, &err), JAW_OK);
		assert_int_equal(t.source, id);
		assert_int_equal(t.start, h.start);
		assert_int_equal(t.end, h.end);
		search_hit_clear(&h);
		free(text);
		/* the next case's word is in this text no more */
		char *sql = xasprintf("DELETE FROM source WHERE id = %lld", (long long)id);
		assert_int_equal(db_exec(db, sql, &err), JAW_OK);
		free(sql);
	}
	db_close(db);
}

/* Every match of a text, phrases overlapping words, in code points. */
struct text_spans {
	int64_t v[16];
	int n;
};

static int text_span(void *ctx, int64_t source, int64_t start, int64_t end, double rank,
                     jaw_err *err)
{
	(void)source, (void)rank, (void)err;
	struct text_spans *t = ctx;
	assert_true(t->n < 8);
	t->v[2 * t->n] = start;
	t->v[2 * t->n++ + 1] = end;
	return JAW_OK;
}

static void test_text_each(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	note(db, "Spans", "Zo\xC3\xAB: alpha beta alpha beta gamma alpha");
	struct text_spans t = {{0}, 0};
	jaw_err err;
	err_clear(&err);
	assert_int_equal(search_text_each(db, "alpha OR \"alpha beta\"", text_span, &t, &err), JAW_OK);
	static const int64_t want[] = {5, 10, 5, 15, 16, 21, 16, 26, 33, 38};
	assert_int_equal(t.n, 5);
	assert_memory_equal(t.v, want, sizeof want);
	db_close(db);
}

/* The choosers' filters match as list search does: case and accents
 * folded, on every connection the project opens. */
static void test_chooser_filters(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_demo_new(NULL);
	jaw_err err;
	err_clear(&err);
	exec(db, "UPDATE stakeholder SET name = 'Dr \xC5\x81ucja M\xC3\xBCller' WHERE id ="
	         " (SELECT s.stakeholder_id FROM coding k JOIN source s ON s.id = k.source_id"
	         "  WHERE s.stakeholder_id IS NOT NULL ORDER BY k.id LIMIT 1)");
	int64_t code = 0;
	sqlite3_stmt *s = NULL;
	assert_int_equal(sqlite3_prepare_v2(db_sqlite(db),
	                 "SELECT k.code_id FROM coding k JOIN source s ON s.id = k.source_id"
	                 " JOIN stakeholder st ON st.id = s.stakeholder_id"
	                 " WHERE st.name LIKE 'Dr %' ORDER BY k.id LIMIT 1", -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	code = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	int64_t exact = coding_segments_count_matching(db, code, 0, "\xC5\x81ucja M\xC3\xBCller", &err);
	assert_true(exact > 0);
	assert_int_equal(coding_segments_count_matching(db, code, 0, "\xC5\x82UCJA MULLER", &err), exact);
	assert_int_equal(coding_segments_count_matching(db, code, 0, "lucja", &err), 0);
	struct coding_segment rows[4];
	int n = coding_segments_page_matching(db, code, 0, "muller", 0, 4, rows, &err);
	assert_true(n > 0);
	while (n > 0)
		coding_segment_clear(&rows[--n]);
	db_close(db);
}

/* ---- the match ------------------------------------------------------------------ */

static bool has(const char *hay, const char *text)
{
	return search_has(hay, strlen(hay), text, strlen(text));
}

static void test_match(void **state)
{
	(void)state;
	/* anywhere, ignoring case and accents (fold.c) */
	assert_true(has("Liaison officer", "OFFICER"));
	assert_true(has("Liaison officer", "son of"));
	assert_true(has("xxzx", "zx"));          /* the rare letter found twice */
	assert_true(has("null,null,\"nx\"", "NX"));
	assert_false(has("Liaison officer", "officers"));
	assert_false(has("ab", "abc"));
	assert_true(has("abc", ""));
	assert_true(has("", ""));
	assert_false(has("", "a"));
	assert_true(has("Caf\xC3\xA9", "CAF\xC3\xA9"));
	assert_true(has("CAF\xC3\x89", "caf\xC3\xA9"));  /* É and é */
	assert_true(has("Dr M\xC3\xBCller", "muller"));   /* Müller */
	assert_true(has("Dr Mu\xCC\x88ller", "M\xC3\xBCLLER")); /* u + U+0308 */
	assert_true(has("\xC5\x81ukasz Nowak", "\xC5\x82ukasz")); /* Ł, ł */
	assert_true(has("Stra\xC3\x9F" "e", "STRASSE"));   /* ß */
	assert_false(has("Lukasz", "\xC5\x82ukasz"));     /* ł is not l */
	assert_false(has("M\xC3\xBCller", "mueller"));
	assert_true(has("\xC3\xA9t\xC3\xA9", "ete"));
	assert_false(has("\xC3\xA9t\xC3\xA9", "eta"));
	/* wildcards of LIKE are plain characters */
	assert_true(has("50%_off", "%_"));
	assert_false(has("50 off", "%"));
	assert_false(has("a_b", "a%b"));
	assert_true(has("back\\slash", "k\\s"));
	/* the match's first and last characters */
	assert_true(has("zebra", "zeb"));
	assert_true(has("zebra", "bra"));
	assert_false(has("zebr", "bra"));
}

/* ---- the full-text preselection ------------------------------------------------ */

static void expect_prefilter(const char *text, const char *want)
{
	char *got = search_fts_prefilter_new(text);
	if (want == NULL ? got != NULL : !got || strcmp(got, want) != 0)
		fail_msg("prefilter of \"%s\": %s, not %s", text, got ? got : "NULL",
		         want ? want : "NULL");
	free(got);
}

static void test_prefilter(void **state)
{
	(void)state;
	/* a word is used only where the text shows it whole: the first may
	 * be the end of a longer word, the last the start of one */
	expect_prefilter("alpha", NULL);
	expect_prefilter("lpha sai", "\"sai\"*");
	expect_prefilter("alpha said more", "\"said\" AND \"more\"*");
	expect_prefilter(" alpha", "\"alpha\"*");
	expect_prefilter(" alpha ", "\"alpha\"");
	expect_prefilter("O'Brien said", "\"Brien\" AND \"said\"*");
	expect_prefilter("\"quoted\"", "\"quoted\"");
	/* next to a character beyond ASCII, a word may go on */
	expect_prefilter(" caf\xC3\xA9 au", "\"au\"*");
	expect_prefilter(" na\xC3\xAFve", NULL);
	expect_prefilter("", NULL);
	expect_prefilter("%_\\", NULL);
}

int main(void)
{
	testutil_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_timeline),
		cmocka_unit_test(test_timeline_long),
		cmocka_unit_test(test_timeline_demo),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_stakeholders),
		cmocka_unit_test(test_evidence),
		cmocka_unit_test(test_codebook),
		cmocka_unit_test(test_surveys),
		cmocka_unit_test(test_survey_codings),
		cmocka_unit_test(test_text_search),
		cmocka_unit_test(test_text_search_syntax),
		cmocka_unit_test(test_text_rank),
		cmocka_unit_test(test_text_long),
		cmocka_unit_test(test_text_kept),
		cmocka_unit_test(test_text_each),
		cmocka_unit_test(test_chooser_filters),
		cmocka_unit_test(test_match),
		cmocka_unit_test(test_prefilter),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
