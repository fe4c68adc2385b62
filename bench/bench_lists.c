/* bench_lists.c - how fast the interface's lists page through 200,000
 * rows. It fills a project with 200,000 timeline items, stakeholders (in
 * 1,000 organisations) and sources, then times what the panes ask for on
 * each key: the row count and a page of 20 rows at the top, the middle and
 * the end, a search, and finding a row's position. The peer, in the same
 * run, is the least SQLite must do to reach the same rows: a plain
 * "SELECT id FROM t ORDER BY rowid LIMIT 20 OFFSET n" on the table. It
 * prints milliseconds per call (median of 9) and the ratio to the peer.
 *
 * usage: bench_lists [ROWS] */
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

static double bench_median(void (*fn)(const struct bench_call *), const struct bench_call *c)
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

static void bench_search(struct jaw_db *db, long rows)
{
	jaw_err err;
	err_clear(&err);
	char text[32];
	snprintf(text, sizeof text, "Item %ld", rows - 5);
	double start = bench_now_ms();
	int64_t pos = model_timeline_search(db, text, 0, MODEL_FORWARD, &err);
	double search = bench_now_ms() - start;
	int64_t id = model_stakeholder_find(db, "Person 150000", &err);
	start = bench_now_ms();
	int64_t at = model_stakeholder_position_of_id(db, id, &err);
	double position = bench_now_ms() - start;
	printf("timeline      search to row %lld        %7.2f ms\n", (long long)pos, search);
	printf("stakeholders  position of a row (%lld)  %7.2f ms\n", (long long)at, position);
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "C.UTF-8");
	long rows = argc > 1 ? atol(argv[1]) : 200000;
	if (rows < 2000) {
		fputs("usage: bench_lists [ROWS >= 2000]\n", stderr);
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
	bench_search(db, rows);
	db_close(db);
	db_remove_files(path);
	return 0;
}
