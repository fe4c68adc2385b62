/* test_analysis.c - retrieval (src/retrieve.c) and the analysis tables
 * (src/analysis*.c) on tests/fixtures/analysis/project.sql, a project
 * small enough that every figure is worked out by hand below.
 *
 * The project: Brigade HQ > Battalion 1 > Ana; Brigade HQ > Bo; Cy alone.
 * Codes Protection > Harm, and Training. Sources 1 (interview, Ana,
 * 2026-03-01, at Seminar), 2 (interview, Bo, 2026-03-05), 3 (observation,
 * Cy, 2026-04-01), and two survey answers: 4 by respondent x (Nation
 * France), 5 by y (Chad). Codings:
 *   1  source 1 [18, 43) Harm      amira  "The patrol saw harm here." memo m1
 *   2  source 1 [18, 43) Harm      tomas
 *   3  source 2 [8, 16)  Training  amira  "training"
 *   4  source 3 [0, 8)   Training  amira  "Training"
 *   5  source 3 [13, 17) Protection tomas "harm"
 *   6  source 4 [5, 13)  Training  amira  "training"
 *   7  source 5 [3, 7)   Harm      amira  "harm" */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "codebook.h"
#include "coding.h"
#include "journal.h"
#include "model.h"
#include "retrieve.h"
#include "testutil.h"
#include "xalloc.h"

/* The fixture project (a new one each time). */
static struct jaw_db *analysis_project_new(void)
{
	struct jaw_db *db = testutil_project_new(NULL);
	const char *top = getenv("top_srcdir");
	char *path = xasprintf("%s/tests/fixtures/analysis/project.sql", top && *top ? top : ".");
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	static char sql[16384];
	size_t n = fread(sql, 1, sizeof sql - 1, f);
	sql[n] = '\0';
	fclose(f);
	free(path);
	jaw_err err;
	err_clear(&err);
	assert_int_equal(db_exec(db, sql, &err), JAW_OK);
	return db;
}

/* The coding ids filter text retrieves, as "1 2 7". */
static char *retrieved_new(struct jaw_db *db, const char *text)
{
	struct retrieve_filter f = {0};
	jaw_err err;
	err_clear(&err);
	if (retrieve_filter_parse(db, text, &f, &err) != JAW_OK) {
		fprintf(stderr, "%s: %s\n", text, err.msg);
		fail();
	}
	int64_t count = retrieve_count(db, &f, &err);
	struct retrieve_row rows[16];
	int n = retrieve_page(db, &f, 0, 16, rows, &err);
	assert_int_equal(n, count);
	char *out = xstrdup("");
	for (int i = 0; i < n; i++) {
		char *next = xasprintf("%s%s%lld", out, i ? " " : "", (long long)rows[i].coding_id);
		free(out);
		out = next;
		retrieve_row_clear(&rows[i]);
	}
	retrieve_filter_clear(&f);
	return out;
}

static void expect_retrieved(struct jaw_db *db, const char *text, const char *ids)
{
	char *got = retrieved_new(db, text);
	if (strcmp(got, ids) != 0)
		fprintf(stderr, "%s: got \"%s\", want \"%s\"\n", text, got, ids);
	assert_string_equal(got, ids);
	free(got);
}

static void test_retrieve_filters(void **state)
{
	(void)state;
	struct jaw_db *db = analysis_project_new();
	expect_retrieved(db, "", "1 2 3 4 5 6 7");
	expect_retrieved(db, "code=Harm", "1 2 7");
	expect_retrieved(db, "code=Protection", "5");
	expect_retrieved(db, "code=Protection children=yes", "1 2 5 7");
	expect_retrieved(db, "code=protection/harm", "1 2 7");
	expect_retrieved(db, "kind=observation", "4 5");
	expect_retrieved(db, "kind=survey_answer", "6 7");
	expect_retrieved(db, "stakeholder=Bo", "3");
	/* an organisation takes in its people and the organisations below it */
	expect_retrieved(db, "organisation=\"Brigade HQ\"", "1 2 3");
	expect_retrieved(db, "organisation=\"Battalion 1\" code=Harm", "1 2");
	expect_retrieved(db, "event=Seminar", "1 2");
	expect_retrieved(db, "coder=tomas code=Protection children=yes", "2 5");
	/* dates are inclusive; undated survey answers pass neither */
	expect_retrieved(db, "from=2026-03-02 code=Training", "3 4");
	expect_retrieved(db, "to=2026-03-01", "1 2");
	expect_retrieved(db, "from=2026-03-01 to=2026-03-05", "1 2 3");
	expect_retrieved(db, "Nation=Chad", "7");
	expect_retrieved(db, "Nation=France code=Training", "6");
	expect_retrieved(db, "Nation=Peru", "");
	db_close(db);
}

/* Every page [offset, offset + limit) of filter text read by
 * retrieve_page_of (from the nearer end) is retrieve_page's. */
static void retrieve_pages_same(struct jaw_db *db, const char *text)
{
	struct retrieve_filter f = {0};
	jaw_err err;
	err_clear(&err);
	assert_int_equal(retrieve_filter_parse(db, text, &f, &err), JAW_OK);
	int64_t count = retrieve_count(db, &f, &err);
	assert_true(count >= 3);
	for (int limit = 1; limit <= 3; limit++)
		for (int64_t offset = 0; offset <= count; offset++) {
			struct retrieve_row a[3], b[3];
			int n = retrieve_page_of(db, &f, count, offset, limit, a, &err);
			assert_int_equal(n, retrieve_page(db, &f, offset, limit, b, &err));
			for (int i = 0; i < n; i++) {
				assert_int_equal(a[i].coding_id, b[i].coding_id);
				assert_string_equal(a[i].text, b[i].text);
				assert_string_equal(a[i].before, b[i].before);
				retrieve_row_clear(&a[i]);
				retrieve_row_clear(&b[i]);
			}
		}
	retrieve_filter_clear(&f);
}

/* Every page next to each row (after it, skipping 0 to 2, and before it)
 * is the page retrieve_page reads at that offset. */
static void retrieve_next_same(struct jaw_db *db, const char *text)
{
	struct retrieve_filter f = {0};
	jaw_err err;
	err_clear(&err);
	assert_int_equal(retrieve_filter_parse(db, text, &f, &err), JAW_OK);
	int64_t count = retrieve_count(db, &f, &err);
	struct retrieve_row all[16];
	assert_true(count >= 3 && count <= 16);
	assert_int_equal(retrieve_page(db, &f, 0, 16, all, &err), count);
	for (int64_t p = 0; p < count; p++)
		for (int skip = 0; skip <= 2; skip++)
			for (int back = 0; back <= 1; back++) {
				struct retrieve_key key;
				retrieve_key_of(&all[p], &key);
				struct retrieve_row a[2], b[2];
				int64_t from = back ? p - skip - 2 : p + 1 + skip;
				int limit = back && from < 0 ? (int)(2 + from) : 2;
				int n = retrieve_page_next(db, &f, &key, back, skip, 2, a, &err);
				int want = limit <= 0 ? 0
				         : retrieve_page(db, &f, from < 0 ? 0 : from, limit, b, &err);
				assert_int_equal(n, want);
				for (int i = 0; i < n; i++) {
					assert_int_equal(a[i].coding_id, b[i].coding_id);
					assert_string_equal(a[i].text, b[i].text);
					retrieve_row_clear(&a[i]);
					retrieve_row_clear(&b[i]);
				}
			}
	for (int64_t p = 0; p < count; p++)
		retrieve_row_clear(&all[p]);
	retrieve_filter_clear(&f);
}

/* Pages next to a row read before: from its key, the same rows. */
static void test_retrieve_next(void **state)
{
	(void)state;
	struct jaw_db *db = analysis_project_new();
	/* codings 1 and 2 share source, span and code: the id breaks the tie */
	retrieve_next_same(db, "");
	retrieve_next_same(db, "code=Harm");
	retrieve_next_same(db, "code=Protection children=yes");
	retrieve_next_same(db, "kind=interview");
	/* a rare code among many codings: not quicker from the key (-2) */
	jaw_err err;
	err_clear(&err);
	assert_int_equal(db_exec(db, "INSERT INTO coding (source_id, start_cp, end_cp, code_id, coder)"
	                         " SELECT 1 + value % 3, value % 5, 6 + value % 7, 2, 'c' || value"
	                         " FROM (WITH RECURSIVE g(value) AS (SELECT 1 UNION ALL SELECT"
	                         " value + 1 FROM g WHERE value < 30000) SELECT value FROM g)", &err),
	                 JAW_OK);
	struct retrieve_filter f = {0};
	assert_int_equal(retrieve_filter_parse(db, "code=Training", &f, &err), JAW_OK);
	struct retrieve_row r[2];
	assert_int_equal(retrieve_page(db, &f, 0, 1, r, &err), 1);
	struct retrieve_key key;
	retrieve_key_of(&r[0], &key);
	retrieve_row_clear(&r[0]);
	assert_int_equal(retrieve_page_next(db, &f, &key, false, 0, 2, r, &err), -2);
	retrieve_filter_clear(&f);
	db_close(db);
}

/* Pages near the end are read from the end, in the same order. */
static void test_retrieve_from_end(void **state)
{
	(void)state;
	struct jaw_db *db = analysis_project_new();
	retrieve_pages_same(db, "");
	retrieve_pages_same(db, "code=Protection children=yes");
	retrieve_pages_same(db, "code=Harm");
	retrieve_pages_same(db, "kind=interview");
	/* two codings of one source, span and code: the id breaks the tie */
	jaw_err err;
	err_clear(&err);
	assert_int_equal(db_exec(db, "INSERT INTO coding (source_id, start_cp, end_cp, code_id,"
	                         " coder) VALUES (1, 18, 43, 2, 'kofi')", &err), JAW_OK);
	retrieve_pages_same(db, "code=Harm");
	/* a count larger than the rows (a change since it was counted): the
	 * last page is the last rows there are */
	struct retrieve_filter f = {0};
	assert_int_equal(retrieve_filter_parse(db, "code=Harm", &f, &err), JAW_OK);
	struct retrieve_row r[2], last[2];
	assert_int_equal(retrieve_page_of(db, &f, 10, 8, 2, r, &err), 2);
	assert_int_equal(retrieve_page(db, &f, 2, 2, last, &err), 2);
	for (int i = 0; i < 2; i++) {
		assert_int_equal(r[i].coding_id, last[i].coding_id);
		retrieve_row_clear(&r[i]);
		retrieve_row_clear(&last[i]);
	}
	retrieve_filter_clear(&f);
	db_close(db);
}

static void test_retrieve_rows(void **state)
{
	(void)state;
	struct jaw_db *db = analysis_project_new();
	struct retrieve_filter f = {0};
	jaw_err err;
	err_clear(&err);
	assert_int_equal(retrieve_filter_parse(db, "code=Harm", &f, &err), JAW_OK);
	struct retrieve_row r[4];
	assert_int_equal(retrieve_page(db, &f, 0, 4, r, &err), 3);
	assert_int_equal(r[0].source_id, 1);
	assert_int_equal(r[0].start, 18);
	assert_int_equal(r[0].end, 43);
	assert_string_equal(r[0].code, "Harm");
	assert_string_equal(r[0].text, "The patrol saw harm here.");
	assert_string_equal(r[0].before, "We met. ");
	assert_string_equal(r[0].after, " Done.");
	assert_string_equal(r[0].source_title, "Int Ana");
	assert_string_equal(r[0].source_kind, "interview");
	assert_string_equal(r[0].source_date, "2026-03-01");
	assert_string_equal(r[0].stakeholder, "Ana");
	assert_string_equal(r[0].organisation, "Battalion 1");
	assert_string_equal(r[0].event, "Seminar");
	assert_string_equal(r[0].respondent, "");
	assert_string_equal(r[0].coder, "amira");
	assert_string_equal(r[0].memo, "m1");
	assert_string_equal(r[1].coder, "tomas");
	/* a survey answer: its title is "RESPONDENT: QUESTION" */
	assert_string_equal(r[2].text, "harm");
	assert_string_equal(r[2].before, "No ");
	assert_string_equal(r[2].after, ".");
	assert_string_equal(r[2].source_title, "y: Q");
	assert_string_equal(r[2].respondent, "y");
	assert_string_equal(r[2].attributes, "Nation=Chad");
	assert_string_equal(r[2].stakeholder, "");
	for (int i = 0; i < 3; i++)
		retrieve_row_clear(&r[i]);
	/* pages */
	assert_int_equal(retrieve_page(db, &f, 2, 4, r, &err), 1);
	assert_int_equal(r[0].coding_id, 7);
	retrieve_row_clear(&r[0]);
	retrieve_filter_clear(&f);
	db_close(db);
}

/* A long line: the context is cut to RETRIEVE_CONTEXT code points, marked. */
static void test_retrieve_context_cut(void **state)
{
	(void)state;
	struct jaw_db *db = analysis_project_new();
	jaw_err err;
	err_clear(&err);
	/* 100 "é" (two bytes each), "X", 100 more */
	char text[512] = "", *p = text;
	for (int i = 0; i < 201; i++)
		p += sprintf(p, "%s", i == 100 ? "X" : "\xc3\xa9");
	sqlite3_stmt *s = db_stmt(db, "INSERT INTO source (id, kind, title, text) VALUES"
	                          " (9, 'document', 'Long', ?1)", &err);
	db_bind_text(s, 1, text, false);
	assert_int_equal(db_step_done(db, s, &err), JAW_OK);
	assert_int_equal(db_exec(db, "INSERT INTO coding (source_id, start_cp, end_cp, code_id, coder)"
	                         " VALUES (9, 100, 101, 3, 'ana')", &err), JAW_OK);
	struct retrieve_filter f = {0};
	assert_int_equal(retrieve_filter_parse(db, "coder=ana", &f, &err), JAW_OK);
	struct retrieve_row r;
	assert_int_equal(retrieve_page(db, &f, 0, 1, &r, &err), 1);
	assert_string_equal(r.text, "X");
	assert_int_equal(strncmp(r.before, "...\xc3\xa9", 5), 0);
	assert_int_equal(strlen(r.before), 3 + 2 * RETRIEVE_CONTEXT);
	assert_int_equal(strlen(r.after), 2 * RETRIEVE_CONTEXT + 3);
	assert_string_equal(r.after + 2 * RETRIEVE_CONTEXT, "...");
	retrieve_row_clear(&r);
	retrieve_filter_clear(&f);
	db_close(db);
}

static void expect_filter_error(struct jaw_db *db, const char *text, const char *msg)
{
	struct retrieve_filter f = {0};
	jaw_err err;
	err_clear(&err);
	assert_int_equal(retrieve_filter_parse(db, text, &f, &err), JAW_FAIL);
	if (strcmp(err.msg, msg) != 0)
		fprintf(stderr, "%s: \"%s\"\n", text, err.msg);
	assert_string_equal(err.msg, msg);
	assert_int_equal(f.code_id, 0);
	assert_null(f.kind);
}

static void test_retrieve_errors(void **state)
{
	(void)state;
	struct jaw_db *db = analysis_project_new();
	expect_filter_error(db, "code=Nope", "filter: no code called \"Nope\"");
	expect_filter_error(db, "kind=letter",
	                    "filter: kind is interview, observation, document or survey_answer");
	expect_filter_error(db, "organisation=Ana", "filter: no organisation called \"Ana\"");
	expect_filter_error(db, "stakeholder=Zed", "filter: no stakeholder called \"Zed\"");
	expect_filter_error(db, "children=maybe", "filter: children is yes or no");
	expect_filter_error(db, "from=2026-02-30",
	                    "filter: from: \"2026-02-30\": month 2 of 2026 has no day 30");
	expect_filter_error(db, "from=2026-04-01 to=2026-03-01",
	                    "filter: from=2026-04-01 is after to=2026-03-01");
	expect_filter_error(db, "Colour=red",
	                    "filter: no key or survey attribute called \"Colour\" (kind, stakeholder,"
	                    " organisation, event, code, children, with, overlap, coder, from, to, or"
	                    " an attribute column of a survey)");
	expect_filter_error(db, "Nation=Chad Nation=France",
	                    "filter: one survey attribute at a time (Nation= and Nation=)");
	expect_filter_error(db, "code=\"Harm", "filter: the quote after code= is not closed");
	expect_filter_error(db, "=x", "filter: write KEY=VALUE");
	db_close(db);
}

static void expect_counts(const struct analysis_counts *c, int64_t segments, int64_t sources,
                          int64_t stakeholders, int64_t respondents)
{
	assert_int_equal(c->segments, segments);
	assert_int_equal(c->sources, sources);
	assert_int_equal(c->stakeholders, stakeholders);
	assert_int_equal(c->respondents, respondents);
}

static void test_codes(void **state)
{
	(void)state;
	struct jaw_db *db = analysis_project_new();
	jaw_err err;
	err_clear(&err);
	assert_int_equal(analysis_codes_count(db, &err), 3);
	assert_int_equal(analysis_codes_max(db, &err), 4);
	struct analysis_code_row r[4];
	assert_int_equal(analysis_codes_page(db, 0, 4, r, &err), 3);
	assert_string_equal(r[0].name, "Protection");
	assert_int_equal(r[0].depth, 0);
	assert_int_equal(r[0].children, 1);
	expect_counts(&r[0].own, 1, 1, 1, 0);
	expect_counts(&r[0].all, 4, 3, 2, 1);
	assert_string_equal(r[1].path, "Protection/Harm");
	assert_int_equal(r[1].depth, 1);
	expect_counts(&r[1].own, 3, 2, 1, 1);
	expect_counts(&r[1].all, 3, 2, 1, 1);
	assert_string_equal(r[2].name, "Training");
	expect_counts(&r[2].own, 3, 3, 2, 1);
	expect_counts(&r[2].all, 3, 3, 2, 1);
	for (int i = 0; i < 3; i++)
		analysis_code_row_clear(&r[i]);
	/* a page further on */
	assert_int_equal(analysis_codes_page(db, 2, 4, r, &err), 1);
	assert_string_equal(r[0].name, "Training");
	analysis_code_row_clear(&r[0]);
	db_close(db);
}

/* The cells of m as rows "a b c|total", one per code, then the column
 * totals and the whole table's: "=x y z|t". */
static char *matrix_text_new(const struct analysis_matrix *m)
{
	char *out = xstrdup("");
	for (int r = 0; r <= m->nrows; r++) {
		for (int c = 0; c < m->ncols; c++) {
			int64_t v = r < m->nrows ? m->cells[r * m->ncols + c] : m->col_total[c];
			char *next = xasprintf("%s%s%lld", out, c ? " " : r < m->nrows ? "" : "=",
			                       (long long)v);
			free(out);
			out = next;
		}
		char *next = xasprintf("%s|%lld\n", out,
		                       (long long)(r < m->nrows ? m->row_total[r] : m->total));
		free(out);
		out = next;
	}
	return out;
}

static void expect_crosstab(struct jaw_db *db, const char *attr, enum analysis_by by,
                            const char *columns, const char *cells)
{
	struct analysis_matrix *m;
	jaw_err err;
	err_clear(&err);
	assert_int_equal(analysis_crosstab_new(db, attr, by, &m, &err), JAW_OK);
	char *cols = xstrdup("");
	for (int c = 0; c < m->ncols; c++) {
		char *next = xasprintf("%s%s%s", cols, c ? "," : "", *m->col_names[c] ? m->col_names[c]
		                                                                      : "-");
		free(cols);
		cols = next;
	}
	char *text = matrix_text_new(m);
	if (strcmp(cols, columns) != 0 || strcmp(text, cells) != 0)
		fprintf(stderr, "%s by %d: columns %s\n%s", attr, (int)by, cols, text);
	assert_string_equal(cols, columns);
	assert_string_equal(text, cells);
	assert_int_equal(m->nrows, 3);
	assert_string_equal(m->row_paths[1], "Protection/Harm");
	free(cols);
	free(text);
	analysis_matrix_free(m);
}

/* Rows Protection, Harm, Training; totals count distinct sources and
 * respondents across a row or column. */
static void test_crosstab(void **state)
{
	(void)state;
	struct jaw_db *db = analysis_project_new();
	expect_crosstab(db, "source-kind", ANALYSIS_BY_SEGMENTS, "interview,observation,survey_answer",
	                "0 1 0|1\n2 0 1|3\n1 1 1|3\n=3 2 2|7\n");
	expect_crosstab(db, "source-kind", ANALYSIS_BY_SOURCES, "interview,observation,survey_answer",
	                "0 1 0|1\n1 0 1|2\n1 1 1|3\n=2 1 2|5\n");
	expect_crosstab(db, "source-kind", ANALYSIS_BY_RESPONDENTS,
	                "interview,observation,survey_answer", "0 0 0|0\n0 0 1|1\n0 0 1|1\n=0 0 2|2\n");
	/* Ana and Bo are under Brigade HQ; Cy and the respondents under none */
	expect_crosstab(db, "organisation", ANALYSIS_BY_SEGMENTS, "Brigade HQ,-",
	                "0 1|1\n2 1|3\n1 2|3\n=3 4|7\n");
	expect_crosstab(db, "organisation-direct", ANALYSIS_BY_SEGMENTS, "Battalion 1,Brigade HQ,-",
	                "0 0 1|1\n2 0 1|3\n0 1 2|3\n=2 1 4|7\n");
	expect_crosstab(db, "stakeholder-kind", ANALYSIS_BY_SOURCES, "person,-",
	                "1 0|1\n1 1|2\n2 1|3\n=3 2|5\n");
	expect_crosstab(db, "event", ANALYSIS_BY_SEGMENTS, "Seminar,-", "0 1|1\n2 1|3\n0 3|3\n=2 5|7\n");
	/* a survey attribute: only survey answers */
	expect_crosstab(db, "Nation", ANALYSIS_BY_RESPONDENTS, "Chad,France",
	                "0 0|0\n1 0|1\n0 1|1\n=1 1|2\n");
	/* percentages of the row's and the column's totals */
	struct analysis_matrix *m;
	jaw_err err;
	err_clear(&err);
	assert_int_equal(analysis_crosstab_new(db, "source-kind", ANALYSIS_BY_SEGMENTS, &m, &err),
	                 JAW_OK);
	assert_float_equal(analysis_matrix_percent(m, 1, 0, true), 200.0 / 3, 1e-9);
	assert_float_equal(analysis_matrix_percent(m, 2, 1, false), 50.0, 1e-9);
	assert_float_equal(analysis_matrix_percent(m, 0, 0, true), 0.0, 1e-9);
	assert_int_equal(m->max, 2);
	analysis_matrix_free(m);
	/* an attribute that is none */
	assert_int_equal(analysis_crosstab_new(db, "colour", ANALYSIS_BY_SEGMENTS, &m, &err), JAW_FAIL);
	assert_null(m);
	assert_string_equal(err.msg, "no attribute \"colour\" (organisation, organisation-direct,"
	                    " stakeholder-kind, role, event, source-kind, or a survey attribute's"
	                    " label)");
	db_close(db);
}

/* With coding 8 (source 2 [0, 16) Protection) overlapping coding 3
 * (Training [8, 16)): overlap in source 2 only; in the same source, also
 * source 3 (Training [0, 8), Protection [13, 17)). The diagonal: sources
 * with the code (Protection 2, Harm 2, Training 3). */
static void test_cooccurrence(void **state)
{
	(void)state;
	struct jaw_db *db = analysis_project_new();
	jaw_err err;
	err_clear(&err);
	assert_int_equal(db_exec(db, "INSERT INTO coding (id, source_id, start_cp, end_cp, code_id,"
	                         " coder) VALUES (8, 2, 0, 16, 1, 'tomas')", &err), JAW_OK);
	struct analysis_matrix *m;
	assert_int_equal(analysis_cooccur_new(db, ANALYSIS_OVERLAP, false, &m, &err), JAW_OK);
	char *text = matrix_text_new(m);
	assert_string_equal(text, "2 0 1|2\n0 2 0|2\n1 0 3|3\n=2 2 3|5\n");
	free(text);
	assert_string_equal(m->col_names[2], "Training");
	assert_int_equal(m->col_ids[2], 3);
	assert_null(m->ratio);
	analysis_matrix_free(m);
	assert_int_equal(analysis_cooccur_new(db, ANALYSIS_SAME_SOURCE, true, &m, &err), JAW_OK);
	text = matrix_text_new(m);
	assert_string_equal(text, "2 0 2|2\n0 2 0|2\n2 0 3|3\n=2 2 3|5\n");
	free(text);
	/* Jaccard: 2 / (2 + 3 - 2); a code with itself 1; codes apart 0 */
	assert_float_equal(m->ratio[0 * 3 + 2], 2.0 / 3, 1e-9);
	assert_float_equal(m->ratio[2 * 3 + 0], 2.0 / 3, 1e-9);
	assert_float_equal(m->ratio[1 * 3 + 1], 1.0, 1e-9);
	assert_float_equal(m->ratio[0 * 3 + 1], 0.0, 1e-9);
	analysis_matrix_free(m);
	assert_int_equal(analysis_cooccur_new(db, ANALYSIS_OVERLAP, true, &m, &err), JAW_OK);
	assert_float_equal(m->ratio[0 * 3 + 2], 1.0 / 4, 1e-9);
	analysis_matrix_free(m);
	db_close(db);
}

/* Codings overlap however far apart they start: in source 1, Training
 * [22, 51) is the longest coding (29) and overlaps Protection [50, 52) by
 * one character (the farthest start an overlap can have) and Harm
 * [18, 43), which Protection does not overlap. */
static void test_cooccurrence_longest_coding(void **state)
{
	(void)state;
	struct jaw_db *db = analysis_project_new();
	jaw_err err;
	err_clear(&err);
	assert_int_equal(db_exec(db, "INSERT INTO coding (id, source_id, start_cp, end_cp, code_id,"
	                         " coder) VALUES (8, 1, 22, 51, 3, 'kofi'), (9, 1, 50, 52, 1, 'kofi')",
	                         &err), JAW_OK);
	struct analysis_matrix *m;
	assert_int_equal(analysis_cooccur_new(db, ANALYSIS_OVERLAP, false, &m, &err), JAW_OK);
	char *text = matrix_text_new(m);
	assert_string_equal(text, "2 0 1|2\n0 2 1|2\n1 1 4|4\n=2 2 4|5\n");
	free(text);
	analysis_matrix_free(m);
	db_close(db);
}

/* Every cell of every crosstab by segments is the number of segments
 * retrieving it gives; and the same for co-occurrence (by sources). */
static void test_cells_retrieve(void **state)
{
	(void)state;
	struct jaw_db *db = analysis_project_new();
	jaw_err err;
	err_clear(&err);
	assert_int_equal(db_exec(db, "INSERT INTO coding (id, source_id, start_cp, end_cp, code_id,"
	                         " coder) VALUES (8, 2, 0, 16, 1, 'tomas')", &err), JAW_OK);
	assert_int_equal(model_stakeholder_prepare_order(db, &err), JAW_OK);
	static const char *const attrs[] = {NULL, "source-kind", "event", "stakeholder-kind", "role",
	                                    "organisation-direct", "organisation"};
	for (int a = 1; a <= RETRIEVE_ATTR_ORGANISATION; a++) {
		struct analysis_matrix *m;
		assert_int_equal(analysis_crosstab_new(db, attrs[a], ANALYSIS_BY_SEGMENTS, &m, &err),
		                 JAW_OK);
		for (int r = 0; r < m->nrows; r++)
			for (int c = 0; c < m->ncols; c++) {
				struct retrieve_filter f = {.code_id = m->row_ids[r],
				                            .attr = (enum retrieve_attr)a,
				                            .attr_value = m->col_names[c]};
				int64_t n = retrieve_count(db, &f, &err);
				if (n != m->cells[r * m->ncols + c])
					fprintf(stderr, "%s: %s x %s: %lld\n", attrs[a], m->row_names[r],
					        m->col_names[c], (long long)n);
				assert_int_equal(n, m->cells[r * m->ncols + c]);
			}
		analysis_matrix_free(m);
	}
	/* co-occurrence: Protection's segments that Training overlaps (coding
	 * 8), and in the same source (8 and 5) */
	expect_retrieved(db, "code=Protection with=Training overlap=yes", "8");
	expect_retrieved(db, "code=Protection with=Training", "8 5");
	expect_retrieved(db, "code=Training with=Protection", "3 4");
	expect_filter_error(db, "code=Harm overlap=yes", "filter: overlap= goes with with=CODE");
	expect_filter_error(db, "with=Nope", "filter: no code called \"Nope\"");
	db_close(db);
}

/* The worked examples of inter-coder agreement, computed by hand.
 * Sources 1 (100 characters) and 2 (50) are coded by a and b (and c);
 * source 3 (40) by a alone, so it does not count: N = 150.
 *   X: a [0, 50) and b [25, 75) in source 1 (a's [0, 40) in source 3 is
 *      left out): b 25, o1 25, o2 25, neither 75.
 *      agreement (150 - 50) / 150 = 66.67%; p1 = p2 = 1/3,
 *      pe = 1/9 + 4/9 = 5/9, kappa = (2/3 - 5/9) / (4/9) = 1/4;
 *      alpha: n = 300, n1 = 100, n0 = 200, D = 50,
 *      1 - 299 * 50 / (200 * 100) = 0.2525.
 *   Y: a [0, 10) and [5, 20) (one stretch, [0, 20)), b [0, 20) and
 *      [0, 10) of source 2: b 20, o1 0, o2 10.
 *      agreement 140/150 = 93.33%; p1 = 2/15, p2 = 3/15,
 *      pe = 6/225 + 156/225 = 162/225, kappa = (210 - 162) / (225 - 162)
 *      = 16/21; alpha: n1 = 50, n0 = 250, D = 10,
 *      1 - 299 * 10 / (250 * 50) = 0.7608.
 *   Z: a and b [0, 50) of source 2: agreement 100%, kappa 1, alpha 1.
 *   (all): b 95, o1 25, o2 35, N 450: po = 390/450 = 13/15,
 *      p1 = 120/450, p2 = 130/450, pe = 404/675, kappa = 181/271;
 *      alpha: n = 900, n1 = 250, n0 = 650, D = 60,
 *      1 - 899 * 60 / (650 * 250) = 0.668062.
 * With c coding X [0, 75) of source 1 and Z [0, 50) of source 2, alpha
 * of a, b, c on X: per character c coders of 3 coded it: [0, 25) 2,
 * [25, 50) 3, [50, 75) 2; n = 450, n1 = 175, n0 = 275,
 * D = (25 * 2 + 25 * 2) / 2 = 50: 1 - 449 * 50 / (275 * 175) = 0.533506. */
static struct jaw_db *agreement_project_new(void)
{
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	err_clear(&err);
	assert_int_equal(db_exec(db,
		"DELETE FROM code;"
		"INSERT INTO code (id, name, position) VALUES (1, 'X', 1), (2, 'Y', 2), (3, 'Z', 3);"
		"INSERT INTO source (id, kind, title, text) VALUES"
		" (1, 'interview', 'S1', printf('%.100c', 'a')),"
		" (2, 'interview', 'S2', printf('%.50c', 'b')),"
		" (3, 'interview', 'S3', printf('%.40c', 'c'));"
		"INSERT INTO coding (source_id, start_cp, end_cp, code_id, coder) VALUES"
		" (1, 0, 50, 1, 'a'), (1, 25, 75, 1, 'b'), (3, 0, 40, 1, 'a'),"
		" (1, 0, 10, 2, 'a'), (1, 5, 20, 2, 'a'), (1, 0, 20, 2, 'b'), (2, 0, 10, 2, 'b'),"
		" (2, 0, 50, 3, 'a'), (2, 0, 50, 3, 'b');", &err), JAW_OK);
	assert_int_equal(testutil_scalar(db, "SELECT length(text) FROM source WHERE id = 1"), 100);
	return db;
}

static void expect_agreement(const struct analysis_agreement_row *r, const char *name,
                             int64_t n, int64_t both, int64_t first, int64_t second,
                             double agreement, double kappa, double alpha)
{
	assert_string_equal(r->name, name);
	assert_int_equal(r->characters, n);
	assert_int_equal(r->both, both);
	assert_int_equal(r->first, first);
	assert_int_equal(r->second, second);
	assert_float_equal(r->agreement, agreement, 1e-9);
	assert_float_equal(r->kappa, kappa, 1e-9);
	assert_float_equal(r->alpha, alpha, 1e-9);
}

static void test_agreement(void **state)
{
	(void)state;
	struct jaw_db *db = agreement_project_new();
	jaw_err err;
	err_clear(&err);
	const char *ab[] = {"a", "b"};
	struct analysis_agreement_row *rows;
	int n;
	assert_int_equal(analysis_agreement_new(db, ab, 2, &rows, &n, &err), JAW_OK);
	assert_int_equal(n, 4);
	expect_agreement(&rows[0], "X", 150, 25, 25, 25, 100.0 * 2 / 3, 0.25, 1 - 299.0 * 50 / 20000);
	expect_agreement(&rows[1], "Y", 150, 20, 0, 10, 100.0 * 14 / 15, 16.0 / 21,
	                 1 - 299.0 * 10 / 12500);
	expect_agreement(&rows[2], "Z", 150, 50, 0, 0, 100.0, 1.0, 1.0);
	expect_agreement(&rows[3], "(all)", 450, 95, 25, 35, 100.0 * 13 / 15, 181.0 / 271,
	                 1 - 899.0 * 60 / 162500);
	assert_int_equal(rows[3].code_id, 0);
	analysis_agreement_free(rows, n);
	/* the other way round: o1 and o2 change places, the figures do not */
	const char *ba[] = {"b", "a"};
	assert_int_equal(analysis_agreement_new(db, ba, 2, &rows, &n, &err), JAW_OK);
	expect_agreement(&rows[1], "Y", 150, 20, 10, 0, 100.0 * 14 / 15, 16.0 / 21,
	                 1 - 299.0 * 10 / 12500);
	analysis_agreement_free(rows, n);
	/* three coders: alpha */
	assert_int_equal(db_exec(db, "INSERT INTO coding (source_id, start_cp, end_cp, code_id, coder)"
	                         " VALUES (1, 0, 75, 1, 'c'), (2, 0, 50, 3, 'c')", &err), JAW_OK);
	const char *abc[] = {"a", "b", "c"};
	assert_int_equal(analysis_agreement_new(db, abc, 3, &rows, &n, &err), JAW_OK);
	assert_string_equal(rows[0].name, "X");
	assert_float_equal(rows[0].alpha, 1 - 449.0 * 50 / (275.0 * 175), 1e-9);
	analysis_agreement_free(rows, n);
	db_close(db);
}

static void test_agreement_errors(void **state)
{
	(void)state;
	struct jaw_db *db = agreement_project_new();
	jaw_err err;
	err_clear(&err);
	struct analysis_agreement_row *rows;
	int n;
	const char *one[] = {"a"}, *twice[] = {"a", "a"}, *apart[] = {"a", "nobody"};
	assert_int_equal(analysis_agreement_new(db, one, 1, &rows, &n, &err), JAW_FAIL);
	assert_string_equal(err.msg, "agreement: name two coders or more");
	assert_int_equal(analysis_agreement_new(db, twice, 2, &rows, &n, &err), JAW_FAIL);
	assert_string_equal(err.msg, "agreement: a is named twice");
	assert_int_equal(analysis_agreement_new(db, apart, 2, &rows, &n, &err), JAW_FAIL);
	assert_string_equal(err.msg, "agreement: a and nobody coded no source in common");
	assert_null(rows);
	assert_int_equal(n, 0);
	/* coefficients of degenerate counts: nothing to disagree on */
	struct analysis_agreement_row r = {.characters = 0};
	analysis_agreement_figures(&r, 2, 0, 0);
	assert_float_equal(r.kappa, 1.0, 1e-9);
	assert_float_equal(r.alpha, 1.0, 1e-9);
	db_close(db);
}

/* Sources 1, 2, 3 by date, then the undated answers 4 and 5: Harm is
 * first used in 1, Training in 2, Protection in 3; 4 and 5 bring none. */
static void test_saturation(void **state)
{
	(void)state;
	struct jaw_db *db = analysis_project_new();
	jaw_err err;
	err_clear(&err);
	assert_int_equal(analysis_saturation_count(db, &err), 5);
	assert_int_equal(analysis_saturation_total(db, &err), 3);
	struct analysis_saturation_row r[6];
	assert_int_equal(analysis_saturation_page(db, 0, 6, r, &err), 5);
	static const int64_t source[] = {1, 2, 3, 4, 5}, fresh[] = {1, 1, 1, 0, 0},
	                     total[] = {1, 2, 3, 3, 3};
	static const char *const codes[] = {"Harm", "Training", "Protection", "", ""};
	for (int i = 0; i < 5; i++) {
		assert_int_equal(r[i].position, i + 1);
		assert_int_equal(r[i].source_id, source[i]);
		assert_int_equal(r[i].new_codes, fresh[i]);
		assert_int_equal(r[i].total_codes, total[i]);
		assert_string_equal(r[i].codes, codes[i]);
	}
	assert_string_equal(r[0].title, "Int Ana");
	assert_string_equal(r[0].date, "2026-03-01");
	assert_string_equal(r[4].date, "");
	assert_string_equal(r[4].title, "y: Q");
	for (int i = 0; i < 5; i++)
		analysis_saturation_row_clear(&r[i]);
	/* a later page; a source that brings two codes at once */
	assert_int_equal(db_exec(db, "UPDATE source SET source_date = '2026-01-01' WHERE id = 3",
	                         &err), JAW_OK);
	assert_int_equal(analysis_saturation_page(db, 0, 2, r, &err), 2);
	assert_int_equal(r[0].source_id, 3);
	assert_int_equal(r[0].new_codes, 2);
	assert_string_equal(r[0].codes, "Protection; Training");
	assert_int_equal(r[1].new_codes, 1);
	assert_int_equal(r[1].total_codes, 3);
	for (int i = 0; i < 2; i++)
		analysis_saturation_row_clear(&r[i]);
	db_close(db);
}

/* Compares what analysis_saturation_build kept, page by page from
 * offset, with rows computed afresh. */
static void saturation_same(struct jaw_db *db, int64_t offset, int limit)
{
	jaw_err err;
	err_clear(&err);
	struct analysis_saturation_row built[6], fresh[6];
	int n = analysis_saturation_built_page(db, offset, limit, built, &err);
	assert_int_equal(n, analysis_saturation_page(db, offset, limit, fresh, &err));
	for (int i = 0; i < n; i++) {
		assert_int_equal(built[i].position, fresh[i].position);
		assert_int_equal(built[i].source_id, fresh[i].source_id);
		assert_int_equal(built[i].new_codes, fresh[i].new_codes);
		assert_int_equal(built[i].total_codes, fresh[i].total_codes);
		assert_string_equal(built[i].codes, fresh[i].codes);
		assert_string_equal(built[i].title, fresh[i].title);
		assert_string_equal(built[i].date, fresh[i].date);
		analysis_saturation_row_clear(&built[i]);
		analysis_saturation_row_clear(&fresh[i]);
	}
}

/* The rows computed once into the TEMP table: the same as afresh, on
 * every page; they stay as they were until built again after a change. */
static void test_saturation_built(void **state)
{
	(void)state;
	struct jaw_db *db = analysis_project_new();
	jaw_err err;
	err_clear(&err);
	struct analysis_saturation_row r[6];
	/* nothing built yet: an error, not a page */
	assert_int_equal(analysis_saturation_built_page(db, 0, 6, r, &err), -1);
	assert_non_null(strstr(err.msg, "analysis_saturation"));
	assert_int_equal(analysis_saturation_build(db, &err), 5);
	for (int64_t offset = 0; offset <= 5; offset++)
		saturation_same(db, offset, 2);
	saturation_same(db, 0, 6);
	assert_int_equal(analysis_saturation_built_page(db, 5, 6, r, &err), 0);
	/* a change: the table keeps the old order until it is built again */
	assert_int_equal(db_exec(db, "UPDATE source SET source_date = '2026-01-01' WHERE id = 3",
	                         &err), JAW_OK);
	assert_int_equal(analysis_saturation_built_page(db, 0, 1, r, &err), 1);
	assert_int_equal(r[0].source_id, 1);
	analysis_saturation_row_clear(&r[0]);
	assert_int_equal(analysis_saturation_build(db, &err), 5);
	saturation_same(db, 0, 6);
	assert_int_equal(analysis_saturation_built_page(db, 0, 1, r, &err), 1);
	assert_int_equal(r[0].source_id, 3);
	assert_string_equal(r[0].codes, "Protection; Training");
	analysis_saturation_row_clear(&r[0]);
	/* a coding fewer: one source fewer */
	assert_int_equal(db_exec(db, "DELETE FROM coding WHERE id = 7", &err), JAW_OK);
	assert_int_equal(analysis_saturation_build(db, &err), 4);
	saturation_same(db, 0, 6);
	db_close(db);
}

/* "harm" is in the text of sources 1 ([33, 37), in the sentence
 * [18, 43)) and 3 ([13, 17), in "Training and harm." [0, 18)); the
 * answers have no full-text index in this project, so they are not
 * searched. */
static void test_code_hits(void **state)
{
	(void)state;
	struct jaw_db *db = analysis_project_new();
	jaw_err err;
	err_clear(&err);
	struct analysis_hits h;
	assert_int_equal(analysis_hits_count(db, "harm", ANALYSIS_HIT_WORDS, "ana", 2, &h, &err),
	                 JAW_OK);
	assert_int_equal(h.hits, 2);
	assert_int_equal(h.sources, 2);
	assert_int_equal(h.units, 2);
	assert_int_equal(h.already, 0);
	/* one change codes both; the second time there is nothing left */
	assert_int_equal(analysis_code_hits(db, "ana", "harm", 2, ANALYSIS_HIT_WORDS, &h, &err),
	                 JAW_OK);
	assert_int_equal(h.coded, 2);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM coding WHERE coder = 'ana' AND"
	                                 " code_id = 2 AND ((source_id = 1 AND start_cp = 33 AND"
	                                 " end_cp = 37) OR (source_id = 3 AND start_cp = 13 AND"
	                                 " end_cp = 17))"), 2);
	assert_int_equal(analysis_code_hits(db, "ana", "harm", 2, ANALYSIS_HIT_WORDS, &h, &err),
	                 JAW_FAIL);
	assert_string_equal(err.msg, "every hit of \"harm\" is coded Harm already");
	assert_int_equal(h.already, 2);
	/* one undo takes them all back */
	struct journal_result res;
	assert_int_equal(journal_undo(db, "ana", &res, &err), JAW_OK);
	journal_result_clear(&res);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM coding WHERE coder = 'ana'"), 0);
	/* sentences: amira coded source 1's with Harm already */
	assert_int_equal(analysis_code_hits(db, "amira", "harm", 2, ANALYSIS_HIT_SENTENCE, &h, &err),
	                 JAW_OK);
	assert_int_equal(h.units, 2);
	assert_int_equal(h.already, 1);
	assert_int_equal(h.coded, 1);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM coding WHERE coder = 'amira'"
	                                 " AND source_id = 3 AND start_cp = 0 AND end_cp = 18"), 1);
	db_close(db);
}

static void test_code_hits_errors(void **state)
{
	(void)state;
	struct jaw_db *db = analysis_project_new();
	jaw_err err;
	err_clear(&err);
	struct analysis_hits h;
	/* not valid FTS5: searched as its words */
	assert_int_equal(analysis_hits_count(db, "harm AND (", ANALYSIS_HIT_WORDS, "ana", 0, &h,
	                                     &err), JAW_OK);
	assert_int_equal(h.sources, 1);
	/* no word at all: refused */
	assert_int_equal(analysis_hits_count(db, "!! ((", ANALYSIS_HIT_WORDS, "ana", 0, &h, &err),
	                 JAW_FAIL);
	assert_string_equal(err.msg, "nothing to search for in \"!! ((\": type a word");
	assert_int_equal(analysis_code_hits(db, "ana", "zebra", 2, ANALYSIS_HIT_WORDS, &h, &err),
	                 JAW_FAIL);
	assert_string_equal(err.msg, "\"zebra\" is not in the text of any source");
	assert_int_equal(analysis_code_hits(db, "ana", "harm", 99, ANALYSIS_HIT_WORDS, &h, &err),
	                 JAW_FAIL);
	assert_string_equal(err.msg, "no code with id 99");
	assert_int_equal(analysis_code_hits(db, "", "harm", 2, ANALYSIS_HIT_WORDS, &h, &err),
	                 JAW_FAIL);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM journal WHERE analyst = 'ana'"), 0);
	db_close(db);
}

/* ---- the tally (coding_tally) ------------------------------------------------ */

static void tally_report(void *ctx, const char *problem)
{
	(void)problem;
	(*(int *)ctx)++;
}

/* The rows of coding_tally that differ from the codings. */
static int tally_problems(struct jaw_db *db)
{
	int n = 0;
	jaw_err err;
	err_clear(&err);
	int got = analysis_tally_check(db, tally_report, &n, &err);
	assert_int_equal(got, n);
	int answers = 0;
	got = analysis_answer_tally_check(db, tally_report, &answers, &err);
	assert_int_equal(got, answers);
	return n + answers;
}

static void tally_exec(struct jaw_db *db, const char *sql)
{
	jaw_err err;
	err_clear(&err);
	if (db_exec(db, sql, &err) != JAW_OK)
		fail_msg("%s: %s", sql, err.msg);
	assert_int_equal(tally_problems(db), 0);
}

static void tally_undo(struct jaw_db *db, bool redo)
{
	struct journal_result res = {0};
	jaw_err err;
	err_clear(&err);
	assert_int_equal((redo ? journal_redo : journal_undo)(db, "amira", &res, &err), JAW_OK);
	assert_true(res.entry > 0);
	journal_result_clear(&res);
	assert_int_equal(tally_problems(db), 0);
}

/* The tally stays exact through every kind of change to codings and
 * sources, undo and redo included; and jaw check sees a tally that is off. */
static void test_tally(void **state)
{
	(void)state;
	struct jaw_db *db = analysis_project_new();
	jaw_err err;
	err_clear(&err);
	assert_int_equal(tally_problems(db), 0);
	/* Harm (2) in source 1: 2 segments, 1 source; any code in interviews: 3 in 2 */
	assert_int_equal(model_scalar(db, "SELECT segments * 10 + sources FROM coding_tally"
	                              " WHERE code_id = 2 AND dim = 1 AND value = 'interview'", &err), 21);
	assert_int_equal(model_scalar(db, "SELECT segments * 10 + sources FROM coding_tally"
	                              " WHERE code_id = 0 AND dim = 1 AND value = 'interview'", &err), 32);
	/* codings come and go, one by one and many at once */
	int64_t id = 0;
	assert_int_equal(coding_apply(db, "amira", 2, 0, 2, 2, NULL, &id, &err), JAW_OK);
	assert_int_equal(tally_problems(db), 0);
	assert_int_equal(coding_remove(db, "amira", id, &err), JAW_OK);
	assert_int_equal(tally_problems(db), 0);
	tally_undo(db, false); /* the removal */
	tally_undo(db, false); /* the coding */
	tally_undo(db, true);
	tally_exec(db, "INSERT INTO coding (source_id, start_cp, end_cp, code_id, coder)"
	           " VALUES (3, 0, 4, 2, 'x'), (3, 1, 4, 2, 'x'), (4, 0, 3, 1, 'x')");
	tally_exec(db, "DELETE FROM coding WHERE coder = 'x'");
	/* a coding moves to another code, another source */
	tally_exec(db, "UPDATE coding SET code_id = 1 WHERE id = 3");
	tally_exec(db, "UPDATE coding SET source_id = 1 WHERE id = 4");
	/* a source changes stakeholder, event, kind; goes with its codings */
	tally_exec(db, "UPDATE source SET stakeholder_id = 5, timeline_item_id = 1 WHERE id = 2");
	tally_exec(db, "UPDATE source SET kind = 'document', stakeholder_id = NULL WHERE id = 1");
	tally_exec(db, "UPDATE source SET title = 'Renamed' WHERE id = 3");
	tally_exec(db, "DELETE FROM source WHERE id = 3");
	/* a source that comes back after its codings (foreign keys deferred) */
	tally_exec(db, "PRAGMA defer_foreign_keys = ON; BEGIN;"
	           " INSERT INTO coding (id, source_id, start_cp, end_cp, code_id, coder)"
	           " VALUES (40, 30, 0, 4, 3, 'y');"
	           " INSERT INTO source (id, kind, title, text, stakeholder_id)"
	           " VALUES (30, 'interview', 'Late', 'Some text', 4); COMMIT");
	/* codes merged and deleted, as the codebook does it */
	assert_int_equal(codebook_merge(db, "amira", 3, 1, NULL, &err), JAW_OK);
	assert_int_equal(tally_problems(db), 0);
	tally_undo(db, false);
	assert_int_equal(codebook_delete(db, "amira", 1, NULL, &err), JAW_OK);
	assert_int_equal(tally_problems(db), 0);
	tally_undo(db, false);
	/* no row is left at zero */
	assert_int_equal(model_scalar(db, "SELECT count(*) FROM coding_tally WHERE segments <= 0"
	                              " OR sources <= 0 OR sources > segments", &err), 0);
	/* a tally that is off is reported, row by row */
	assert_int_equal(db_exec(db, "UPDATE coding_tally SET sources = sources + 1"
	                         " WHERE code_id = 2 AND dim = 3", &err), JAW_OK);
	assert_true(tally_problems(db) >= 1);
	assert_int_equal(db_exec(db, "DELETE FROM coding_tally WHERE code_id = 0", &err), JAW_OK);
	assert_true(tally_problems(db) >= 4);
	db_close(db);
}

static void answer_tally_last(void *ctx, const char *problem)
{
	snprintf(ctx, 300, "%s", problem);
}

/* The survey answers' crosstabs by Nation: by segments, by sources and by
 * respondents. */
static void expect_nation(struct jaw_db *db, const char *columns, const char *segments,
                          const char *sources, const char *respondents)
{
	assert_int_equal(tally_problems(db), 0);
	expect_crosstab(db, "Nation", ANALYSIS_BY_SEGMENTS, columns, segments);
	expect_crosstab(db, "Nation", ANALYSIS_BY_SOURCES, columns, sources);
	expect_crosstab(db, "Nation", ANALYSIS_BY_RESPONDENTS, columns, respondents);
}

/* A crosstab by a survey attribute reads coding_answer_tally, which stays
 * exact through codings that come, go and move, undo and redo, sources
 * and respondents that change or go, and a survey deleted; jaw check sees
 * a row that is off. */
static void test_answer_tally(void **state)
{
	(void)state;
	struct jaw_db *db = analysis_project_new();
	jaw_err err;
	err_clear(&err);
	/* Harm in source 5 (Chad), Training in source 4 (France) */
	expect_nation(db, "Chad,France", "0 0|0\n1 0|1\n0 1|1\n=1 1|2\n",
	              "0 0|0\n1 0|1\n0 1|1\n=1 1|2\n",
	              "0 0|0\n1 0|1\n0 1|1\n=1 1|2\n");
	/* Harm in source 4 (France), twice: two segments, one source */
	tally_exec(db, "INSERT INTO coding (source_id, start_cp, end_cp, code_id, coder)"
	           " VALUES (4, 1, 4, 2, 'x')");
	expect_nation(db, "Chad,France", "0 0|0\n1 1|2\n0 1|1\n=1 2|3\n",
	              "0 0|0\n1 1|2\n0 1|1\n=1 1|2\n",
	              "0 0|0\n1 1|2\n0 1|1\n=1 1|2\n");
	int64_t id = 0;
	assert_int_equal(coding_apply(db, "amira", 4, 0, 2, 2, NULL, &id, &err), JAW_OK);
	expect_nation(db, "Chad,France", "0 0|0\n1 2|3\n0 1|1\n=1 3|4\n",
	              "0 0|0\n1 1|2\n0 1|1\n=1 1|2\n",
	              "0 0|0\n1 1|2\n0 1|1\n=1 1|2\n");
	assert_int_equal(coding_remove(db, "amira", id, &err), JAW_OK);
	expect_nation(db, "Chad,France", "0 0|0\n1 1|2\n0 1|1\n=1 2|3\n",
	              "0 0|0\n1 1|2\n0 1|1\n=1 1|2\n",
	              "0 0|0\n1 1|2\n0 1|1\n=1 1|2\n");
	tally_undo(db, false);
	expect_nation(db, "Chad,France", "0 0|0\n1 2|3\n0 1|1\n=1 3|4\n",
	              "0 0|0\n1 1|2\n0 1|1\n=1 1|2\n",
	              "0 0|0\n1 1|2\n0 1|1\n=1 1|2\n");
	tally_undo(db, true);
	/* coding 7 (Harm) moves from Chad's answer to France's: Chad goes */
	tally_exec(db, "UPDATE coding SET source_id = 4 WHERE id = 7");
	expect_nation(db, "France", "0|0\n2|2\n1|1\n=3|3\n", "0|0\n1|1\n1|1\n=1|1\n",
	              "0|0\n1|1\n1|1\n=1|1\n");
	/* an answer of a respondent who gave no Nation: the column none */
	tally_exec(db, "INSERT INTO respondent (id, survey_id, external_id, line, answers)"
	           " VALUES (3, 1, 'z', 4, '[null,null,null]');"
	           " INSERT INTO source (id, kind, title, text, respondent_id, column_id)"
	           " VALUES (6, 'survey_answer', '', 'Train more.', 3, 3);"
	           " INSERT INTO coding (source_id, start_cp, end_cp, code_id, coder)"
	           " VALUES (6, 0, 5, 3, 'x')");
	expect_nation(db, "France,-", "0 0|0\n2 0|2\n1 1|2\n=3 1|4\n",
	              "0 0|0\n1 0|1\n1 1|2\n=1 1|2\n",
	              "0 0|0\n1 0|1\n1 1|2\n=1 1|2\n");
	/* the answer's respondent changes; a respondent's answers change */
	tally_exec(db, "UPDATE source SET respondent_id = 2 WHERE id = 6");
	expect_nation(db, "Chad,France", "0 0|0\n0 2|2\n1 1|2\n=1 3|4\n",
	              "0 0|0\n0 1|1\n1 1|2\n=1 1|2\n",
	              "0 0|0\n0 1|1\n1 1|2\n=1 1|2\n");
	tally_exec(db, "UPDATE respondent SET answers = '[null,\"Mali\",null]' WHERE id = 2");
	expect_nation(db, "France,Mali", "0 0|0\n2 0|2\n1 1|2\n=3 1|4\n",
	              "0 0|0\n1 0|1\n1 1|2\n=1 1|2\n",
	              "0 0|0\n1 0|1\n1 1|2\n=1 1|2\n");
	/* a source goes with its codings */
	tally_exec(db, "DELETE FROM source WHERE id = 4");
	expect_nation(db, "Mali", "0|0\n0|0\n1|1\n=1|1\n", "0|0\n0|0\n1|1\n=1|1\n",
	              "0|0\n0|0\n1|1\n=1|1\n");
	/* a second answer of the same respondent (2, Mali): Training twice,
	 * Harm once; one respondent however many answers and codings */
	tally_exec(db, "INSERT INTO survey_column (id, survey_id, position, label, role)"
	           " VALUES (4, 1, 4, 'More', 'open_text');"
	           " INSERT INTO source (id, kind, title, text, respondent_id, column_id)"
	           " VALUES (8, 'survey_answer', '', 'Train and protect.', 2, 4);"
	           " INSERT INTO coding (source_id, start_cp, end_cp, code_id, coder)"
	           " VALUES (8, 0, 5, 3, 'w'), (8, 1, 5, 3, 'w'), (8, 10, 17, 2, 'w')");
	expect_nation(db, "Mali", "0|0\n1|1\n3|3\n=4|4\n", "0|0\n1|1\n2|2\n=2|2\n",
	              "0|0\n1|1\n1|1\n=1|1\n");
	tally_exec(db, "DELETE FROM coding WHERE source_id = 8 AND code_id = 3");
	expect_nation(db, "Mali", "0|0\n1|1\n1|1\n=2|2\n", "0|0\n1|1\n1|1\n=2|2\n",
	              "0|0\n1|1\n1|1\n=1|1\n");
	tally_exec(db, "DELETE FROM source WHERE id = 8");
	expect_nation(db, "Mali", "0|0\n0|0\n1|1\n=1|1\n", "0|0\n0|0\n1|1\n=1|1\n",
	              "0|0\n0|0\n1|1\n=1|1\n");
	/* a row that is off is reported, and named */
	char line[300] = "";
	assert_int_equal(db_exec(db, "UPDATE coding_answer_tally SET segments = 5"
	                         " WHERE code_id = 3", &err), JAW_OK);
	assert_int_equal(analysis_answer_tally_check(db, answer_tally_last, line, &err), 1);
	assert_string_equal(line, "coding_answer_tally: survey column 2, code 3, value Mali: counts 5"
	                    " segments in 1 sources of 1 respondents, the codings are 1 in 1 of 1"
	                    " (jaw(5), CHECKING A PROJECT, says how to count them again)");
	assert_int_equal(db_exec(db, "DELETE FROM coding_answer_tally WHERE code_id = 0", &err),
	                 JAW_OK);
	assert_int_equal(analysis_answer_tally_check(db, answer_tally_last, line, &err), 2);
	assert_string_equal(line, "coding_answer_tally: survey column 2, code 3, value Mali: counts 5"
	                    " segments in 1 sources of 1 respondents, the codings are 1 in 1 of 1"
	                    " (jaw(5), CHECKING A PROJECT, says how to count them again)");
	/* respondents that are off, alone */
	assert_int_equal(db_exec(db, "UPDATE coding_answer_tally SET segments = 1, respondents = 2"
	                         " WHERE code_id = 3", &err), JAW_OK);
	assert_int_equal(analysis_answer_tally_check(db, answer_tally_last, line, &err), 2);
	assert_string_equal(line, "coding_answer_tally: survey column 2, code 3, value Mali: counts 1"
	                    " segments in 1 sources of 2 respondents, the codings are 1 in 1 of 1"
	                    " (jaw(5), CHECKING A PROJECT, says how to count them again)");
	tally_exec(db, "DELETE FROM coding_answer_tally; INSERT INTO coding_answer_tally"
	           " VALUES (2, 0, 'Mali', 1, 1, 1), (2, 3, 'Mali', 1, 1, 1)");
	/* the survey goes, its columns, respondents and answers with it */
	tally_exec(db, "DELETE FROM survey WHERE id = 1");
	assert_int_equal(model_scalar(db, "SELECT count(*) FROM coding_answer_tally", &err), 0);
	db_close(db);
}

/* Cancels at the nth call. */
struct cancel_after {
	int calls, at;
};

static bool cancel_progress(void *ctx)
{
	struct cancel_after *c = ctx;
	return ++c->calls >= c->at;
}

/* A progress function that cancels interrupts each table, which then
 * fails with "cancelled" and gives back nothing; without it, the same
 * call completes. */
static void test_cancel(void **state)
{
	(void)state;
	struct jaw_db *db = analysis_project_new();
	jaw_err err;
	err_clear(&err);
	/* enough codings for each table to take many steps */
	assert_int_equal(db_exec(db, "INSERT INTO coding (source_id, start_cp, end_cp, code_id, coder)"
	                         " SELECT 1 + value % 3, value % 5, 6 + value % 7, 1 + value % 3,"
	                         " CASE value % 2 WHEN 0 THEN 'amira' ELSE 'tomas' END FROM"
	                         " (WITH RECURSIVE g(value) AS (SELECT 1 UNION ALL SELECT value + 1"
	                         " FROM g WHERE value < 2000) SELECT value FROM g) WHERE true"
	                         " ON CONFLICT DO NOTHING", &err), JAW_OK);
	struct cancel_after c = {0, 1};
	db_progress_set(db, cancel_progress, &c);
	struct analysis_matrix *m = (struct analysis_matrix *)&c;
	assert_int_equal(analysis_cooccur_new(db, ANALYSIS_OVERLAP, false, &m, &err), JAW_FAIL);
	assert_null(m);
	assert_string_equal(err.msg, "cancelled");
	assert_true(c.calls >= 1);
	c.calls = 0;
	m = (struct analysis_matrix *)&c;
	assert_int_equal(analysis_cooccur_new(db, ANALYSIS_SAME_SOURCE, true, &m, &err), JAW_FAIL);
	assert_null(m);
	const char *coders[] = {"amira", "tomas"};
	struct analysis_agreement_row *rows = (struct analysis_agreement_row *)&c;
	int n = -1;
	c.calls = 0;
	assert_int_equal(analysis_agreement_new(db, coders, 2, &rows, &n, &err), JAW_FAIL);
	assert_null(rows);
	assert_int_equal(n, 0);
	assert_string_equal(err.msg, "cancelled");
	struct analysis_code_row codes[4];
	c.calls = 0;
	assert_int_equal(analysis_codes_page(db, 0, 4, codes, &err), -1);
	assert_string_equal(err.msg, "cancelled");
	/* the saturation built before is dropped, not left half rebuilt */
	db_progress_set(db, NULL, NULL);
	assert_int_equal(analysis_saturation_build(db, &err), 5);
	db_progress_set(db, cancel_progress, &c);
	c.calls = 0;
	assert_int_equal(analysis_saturation_build(db, &err), -1);
	assert_string_equal(err.msg, "cancelled");
	db_progress_set(db, NULL, NULL);
	struct analysis_saturation_row sat[1];
	assert_int_equal(analysis_saturation_built_page(db, 0, 1, sat, &err), -1);
	db_progress_set(db, cancel_progress, &c);
	/* no progress function: the same tables complete */
	db_progress_set(db, NULL, NULL);
	assert_int_equal(analysis_crosstab_new(db, "organisation", ANALYSIS_BY_RESPONDENTS, &m, &err),
	                 JAW_OK);
	analysis_matrix_free(m);
	/* one that lets it run to the end changes nothing */
	c = (struct cancel_after){0, 1000000};
	db_progress_set(db, cancel_progress, &c);
	assert_int_equal(analysis_agreement_new(db, coders, 2, &rows, &n, &err), JAW_OK);
	assert_true(c.calls > 0);
	analysis_agreement_free(rows, n);
	db_progress_set(db, NULL, NULL);
	db_close(db);
}

int main(void)
{
	testutil_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_retrieve_filters),
		cmocka_unit_test(test_retrieve_rows),
		cmocka_unit_test(test_retrieve_from_end),
		cmocka_unit_test(test_retrieve_next),
		cmocka_unit_test(test_retrieve_context_cut),
		cmocka_unit_test(test_retrieve_errors),
		cmocka_unit_test(test_codes),
		cmocka_unit_test(test_crosstab),
		cmocka_unit_test(test_cooccurrence),
		cmocka_unit_test(test_cooccurrence_longest_coding),
		cmocka_unit_test(test_cells_retrieve),
		cmocka_unit_test(test_agreement),
		cmocka_unit_test(test_agreement_errors),
		cmocka_unit_test(test_saturation),
		cmocka_unit_test(test_saturation_built),
		cmocka_unit_test(test_code_hits),
		cmocka_unit_test(test_code_hits_errors),
		cmocka_unit_test(test_tally),
		cmocka_unit_test(test_answer_tally),
		cmocka_unit_test(test_cancel),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
