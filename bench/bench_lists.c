/* bench_lists.c - how fast the interface's lists page through 200,000
 * rows. It fills a project with 200,000 timeline items, stakeholders (in
 * 1,000 organisations) and sources, then times what the panes ask for on
 * each key: the row count and a page of 20 rows at the top, the middle and
 * the end, and finding a row's position. The peer, in the same run, is the
 * least SQLite must do to reach the same rows: a plain
 * "SELECT id FROM t ORDER BY rowid LIMIT 20 OFFSET n" on the table. Then
 * it times / (list search) from the top for a text no row holds and for
 * one only the last row holds, in those lists and, given a project with
 * a survey (bench/gensurvey's, imported), in its respondents and the open
 * answers to its first question; the peer is the plain scan for the first
 * row that holds the text ("SELECT ... WHERE ... LIKE ... LIMIT 1"). It
 * prints milliseconds per call (median of 9) and the ratio to the peer.
 *
 * usage: bench_lists [ROWS] [SURVEY.jaw] */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "db.h"
#include "model.h"
#include "project_schema.h"
#include "xalloc.h"

enum { PAGE = 20, RUNS = 9 };

static double bench_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int bench_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* What one timed call does. */
struct bench_call {
	struct jaw_db *db;
	const char *list; /* timeline, stakeholders, evidence */
	int64_t offset;
	const char *peer_table;
};

static void bench_page(const struct bench_call *c)
{
	jaw_err err;
	err_clear(&err);
	if (strcmp(c->list, "timeline") == 0) {
		struct timeline_item rows[PAGE];
		memset(rows, 0, sizeof rows);
		model_timeline_count(c->db, &err);
		int n = model_timeline_page(c->db, c->offset, PAGE, rows, &err);
		for (int i = 0; i < n; i++)
			model_timeline_item_clear(&rows[i]);
	} else if (strcmp(c->list, "stakeholders") == 0) {
		struct stakeholder rows[PAGE];
		memset(rows, 0, sizeof rows);
		model_stakeholder_count(c->db, &err);
		int n = model_stakeholder_page(c->db, c->offset, PAGE, rows, &err);
		for (int i = 0; i < n; i++)
			model_stakeholder_clear(&rows[i]);
	} else {
		struct source rows[PAGE];
		memset(rows, 0, sizeof rows);
		model_source_count_filtered(c->db, NULL, &err);
		int n = model_source_page_filtered(c->db, NULL, c->offset, PAGE, rows, &err);
		for (int i = 0; i < n; i++)
			model_source_clear(&rows[i]);
	}
}

/* The peer: reaching the same offset in the table itself. */
static void bench_peer(const struct bench_call *c)
{
	char sql[128];
	snprintf(sql, sizeof sql, "SELECT id FROM %s ORDER BY rowid LIMIT %d OFFSET %lld",
	         c->peer_table, PAGE, (long long)c->offset);
	sqlite3_stmt *s = NULL;
	sqlite3_prepare_v2(db_sqlite(c->db), sql, -1, &s, NULL);
	while (sqlite3_step(s) == SQLITE_ROW)
		;
	sqlite3_finalize(s);
}

/* The median time of RUNS calls of fn(c), in milliseconds. */
#define bench_median(fn, c) bench_median_of((void (*)(const void *))(fn), (c))

static double bench_median_of(void (*fn)(const void *), const void *c)
{
	double t[RUNS];
	for (int i = 0; i < RUNS; i++) {
		double start = bench_now_ms();
		fn(c);
		t[i] = bench_now_ms() - start;
	}
	qsort(t, RUNS, sizeof *t, bench_cmp);
	return t[RUNS / 2];
}

static void bench_fill(struct jaw_db *db, long rows)
{
	char sql[2048];
	jaw_err err;
	err_clear(&err);
	snprintf(sql, sizeof sql,
		"BEGIN;"
		"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %ld)"
		" INSERT INTO timeline_item (kind, title, start_date) SELECT"
		" CASE i %% 3 WHEN 0 THEN 'phase' WHEN 1 THEN 'milestone' ELSE 'event' END,"
		" 'Item ' || i, date('2026-01-01', '+' || (i %% 700) || ' days') FROM n;"
		"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)"
		" INSERT INTO stakeholder (kind, name, power, interest) SELECT 'organisation',"
		" 'Org ' || i, 1 + i %% 5, 1 + (i / 5) %% 5 FROM n;"
		"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %ld)"
		" INSERT INTO stakeholder (kind, name, parent_id) SELECT 'person', 'Person ' || i,"
		" 1 + i %% 1000 FROM n;"
		"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %ld)"
		" INSERT INTO source (kind, title, text, source_date, stakeholder_id, timeline_item_id)"
		" SELECT 'interview', 'Source ' || i, 'Notes of interview ' || i || ' on the"
		" protection of civilians.', date('2026-01-01', '+' || (i %% 500) || ' days'),"
		" 1 + i %% %ld, 1 + i %% %ld FROM n;"
		"COMMIT;", rows, rows - 1000, rows, rows, rows);
	if (db_exec(db, sql, &err) != JAW_OK || model_stakeholder_prepare_order(db, &err) != JAW_OK) {
		fprintf(stderr, "bench_lists: %s\n", err.msg);
		exit(1);
	}
}

static void bench_report(struct jaw_db *db, const char *list, const char *table, long rows)
{
	const int64_t offsets[] = {0, rows / 2, rows - PAGE};
	const char *where[] = {"top", "middle", "end"};
	for (int i = 0; i < 3; i++) {
		struct bench_call c = {db, list, offsets[i], table};
		double ours = bench_median(bench_page, &c), peer = bench_median(bench_peer, &c);
		printf("%-13s page at the %-6s  jaw %7.2f ms   peer %7.2f ms   ratio %5.1f\n", list,
		       where[i], ours, peer, peer > 0.001 ? ours / peer : 0);
	}
}

static void bench_position(struct jaw_db *db)
{
	jaw_err err;
	err_clear(&err);
	int64_t id = model_stakeholder_find(db, "Person 150000", &err);
	double start = bench_now_ms();
	int64_t at = model_stakeholder_position_of_id(db, id, &err);
	printf("stakeholders  position of a row (%lld)  %7.2f ms\n", (long long)at,
	       bench_now_ms() - start);
}

/* ---- list search: / from the top for a text that no row holds, and for one
 * only the last row holds; the peer is the plain scan SQLite does for
 * "the first row that holds it", on the same connection. */

/* One search timed. */
struct bench_find {
	struct jaw_db *db;
	const char *list, *what, *text;
	int64_t id;                                 /* the survey or question */
	int64_t (*search)(const struct bench_find *f, jaw_err *err);
	const char *peer;                           /* ?1 the pattern, ?2 the id */
	int64_t found;
};

static int64_t bench_find_timeline(const struct bench_find *f, jaw_err *err)
{
	return model_timeline_search(f->db, f->text, 0, MODEL_FORWARD, err);
}

static int64_t bench_find_stakeholders(const struct bench_find *f, jaw_err *err)
{
	return model_stakeholder_search(f->db, f->text, 0, MODEL_FORWARD, err);
}

static int64_t bench_find_evidence(const struct bench_find *f, jaw_err *err)
{
	return model_source_search(f->db, NULL, f->text, 0, MODEL_FORWARD, err);
}

static int64_t bench_find_respondents(const struct bench_find *f, jaw_err *err)
{
	return model_respondent_search(f->db, f->id, f->text, 0, MODEL_FORWARD, err);
}

static int64_t bench_find_answers(const struct bench_find *f, jaw_err *err)
{
	return model_survey_answer_search(f->db, f->id, f->text, 0, MODEL_FORWARD, err);
}

static void bench_find(struct bench_find *f)
{
	jaw_err err;
	err_clear(&err);
	f->found = f->search(f, &err);
	if (f->found < -1) {
		fprintf(stderr, "bench_lists: %s\n", err.msg);
		exit(1);
	}
}

/* The LIKE pattern that finds text anywhere, with % _ and \ escaped. */
static char *bench_pattern_new(const char *text)
{
	char *p = xmalloc(strlen(text) * 2 + 3), *o = p;
	*o++ = '%';
	for (; *text; text++) {
		if (*text == '%' || *text == '_' || *text == '\\')
			*o++ = '\\';
		*o++ = *text;
	}
	strcpy(o, "%");
	return p;
}

static void bench_find_peer(const struct bench_find *f)
{
	sqlite3_stmt *s = NULL;
	char *pattern = bench_pattern_new(f->text);
	if (sqlite3_prepare_v2(db_sqlite(f->db), f->peer, -1, &s, NULL) != SQLITE_OK) {
		fprintf(stderr, "bench_lists: %s: %s\n", f->peer, sqlite3_errmsg(db_sqlite(f->db)));
		exit(1);
	}
	sqlite3_bind_text(s, 1, pattern, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, f->id);
	sqlite3_step(s);
	sqlite3_finalize(s);
	free(pattern);
}

static void bench_find_report(struct bench_find *f)
{
	double ours = bench_median(bench_find, f), peer = bench_median(bench_find_peer, f);
	printf("%-12s / %-13s jaw %7.2f ms   peer %7.2f ms   ratio %5.1f   (row %lld)\n", f->list,
	       f->what, ours, peer, peer > 0.001 ? ours / peer : 0, (long long)f->found);
}

/* Runs sql, which changes the rows; exits on failure. */
static void bench_exec(struct jaw_db *db, const char *sql)
{
	jaw_err err;
	err_clear(&err);
	if (db_exec(db, sql, &err) != JAW_OK) {
		fprintf(stderr, "bench_lists: %s\n", err.msg);
		exit(1);
	}
}

#define BENCH_LIKE(col) col " LIKE ?1 ESCAPE '\\'"

static void bench_search(struct jaw_db *db)
{
	/* the text only the last row of each list holds */
	bench_exec(db, "UPDATE timeline_item SET title = title || ' needle' WHERE id ="
	               " (SELECT id FROM timeline_item ORDER BY start_date DESC, id DESC LIMIT 1);"
	               "UPDATE stakeholder SET role = 'needle' WHERE id ="
	               " (SELECT id FROM stakeholder ORDER BY sort_key DESC, id DESC LIMIT 1);"
	               "UPDATE source SET title = title || ' needle' WHERE id = (SELECT id FROM source"
	               " WHERE kind <> 'survey_answer'"
	               " ORDER BY source_date IS NULL DESC, source_date DESC, id DESC LIMIT 1)");
	struct bench_find f[] = {
		{db, "timeline", "absent", "no such text", 0, bench_find_timeline,
		 "SELECT id FROM timeline_item WHERE " BENCH_LIKE("title") " OR "
		 BENCH_LIKE("location") " LIMIT 1", 0},
		{db, "timeline", "last row", "needle", 0, bench_find_timeline, NULL, 0},
		{db, "stakeholders", "absent", "no such text", 0, bench_find_stakeholders,
		 "SELECT id FROM stakeholder WHERE " BENCH_LIKE("name") " OR " BENCH_LIKE("role")
		 " LIMIT 1", 0},
		{db, "stakeholders", "last row", "needle", 0, bench_find_stakeholders, NULL, 0},
		{db, "evidence", "absent", "no such text", 0, bench_find_evidence,
		 "SELECT s.id FROM source s LEFT JOIN stakeholder st ON st.id = s.stakeholder_id"
		 " LEFT JOIN timeline_item t ON t.id = s.timeline_item_id"
		 " WHERE s.kind <> 'survey_answer' AND (" BENCH_LIKE("s.title") " OR "
		 BENCH_LIKE("st.name") " OR " BENCH_LIKE("t.title") ") LIMIT 1", 0},
		{db, "evidence", "last row", "needle", 0, bench_find_evidence, NULL, 0},
	};
	for (size_t i = 0; i < sizeof f / sizeof *f; i++) {
		if (!f[i].peer)
			f[i].peer = f[i - 1].peer;
		bench_find_report(&f[i]);
	}
}

/* The survey lists of a project with an imported survey (gensurvey's). */
static void bench_search_survey(const char *path)
{
	jaw_err err;
	err_clear(&err);
	struct jaw_db *db = NULL;
	if (db_open(path, 0, &project_schema, &db, &err) != JAW_OK) {
		fprintf(stderr, "bench_lists: %s\n", err.msg);
		exit(1);
	}
	int64_t survey = model_scalar(db, "SELECT max(id) FROM survey", &err);
	int64_t question = model_survey_first_column(db, survey, "open_text", &err);
	int64_t rows = model_respondent_count(db, survey, &err);
	if (survey <= 0 || question <= 0 || rows <= 0) {
		fprintf(stderr, "bench_lists: %s holds no survey with open answers\n", path);
		exit(1);
	}
	/* the last respondent's nation, and the last answer to the question */
	bench_exec(db, "UPDATE respondent SET answers = json_set(answers, '$[1]', 'Atlantis')"
	               " WHERE id = (SELECT max(id) FROM respondent WHERE survey_id ="
	               " (SELECT max(id) FROM survey))");
	char *sql = xasprintf("UPDATE source SET text = text || ' zyzzyva' WHERE id = (SELECT id"
	                      " FROM source WHERE column_id = %lld ORDER BY respondent_id DESC, id"
	                      " DESC LIMIT 1)", (long long)question);
	bench_exec(db, sql);
	free(sql);
	printf("survey: %lld respondents, %lld answers to the first open question\n",
	       (long long)rows, (long long)model_survey_answer_count(db, question, &err));
	static const char respondent_peer[] =
		"SELECT id FROM respondent WHERE survey_id = ?2 AND (" BENCH_LIKE("external_id")
		" OR " BENCH_LIKE("answers") ") LIMIT 1";
	static const char answer_peer[] =
		"SELECT id FROM source WHERE column_id = ?2 AND " BENCH_LIKE("text") " LIMIT 1";
	struct bench_find f[] = {
		{db, "respondents", "absent", "no such text", survey, bench_find_respondents,
		 respondent_peer, 0},
		{db, "respondents", "last row", "Atlantis", survey, bench_find_respondents,
		 respondent_peer, 0},
		{db, "answers", "absent word", "no such words", question, bench_find_answers,
		 answer_peer, 0},
		{db, "answers", "absent part", "qzxv", question, bench_find_answers, answer_peer, 0},
		{db, "answers", "last row", " zyzzyva", question, bench_find_answers, answer_peer, 0},
		{db, "answers", "last row part", "yzzyv", question, bench_find_answers, answer_peer, 0},
	};
	for (size_t i = 0; i < sizeof f / sizeof *f; i++)
		bench_find_report(&f[i]);
	db_close(db);
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "C.UTF-8");
	long rows = argc > 1 ? atol(argv[1]) : 200000;
	if (rows < 2000) {
		fputs("usage: bench_lists [ROWS >= 2000] [SURVEY.jaw]\n", stderr);
		return 2;
	}
	char path[] = "/tmp/jaw-bench-lists-XXXXXX";
	int fd = mkstemp(path);
	close(fd);
	unlink(path);
	jaw_err err;
	err_clear(&err);
	struct jaw_db *db = NULL;
	if (db_create(path, &project_schema, &db, &err) != JAW_OK) {
		fprintf(stderr, "bench_lists: %s\n", err.msg);
		return 1;
	}
	double start = bench_now_ms();
	bench_fill(db, rows);
	printf("filled %ld timeline items, stakeholders and sources in %.0f ms\n", rows,
	       bench_now_ms() - start);
	bench_report(db, "timeline", "timeline_item", rows);
	bench_report(db, "stakeholders", "stakeholder", rows);
	bench_report(db, "evidence", "source", rows);
	bench_position(db);
	bench_search(db);
	db_close(db);
	db_remove_files(path);
	if (argc > 2)
		bench_search_survey(argv[2]);
	return 0;
}
