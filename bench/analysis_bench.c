/* analysis_bench.c - benchmark of the analysis tables (make bench).
 *
 * Builds a project in a temporary directory with N sources (600,000 by
 * default; the first argument changes it), 1,000,000 codings scaled to it
 * (5/3 per source), 200 codes (20 with 9 below each), 2,000 stakeholders
 * under 100 organisations, 20 events and two coders, all by SQL in one
 * transaction; then times each table of the analysis view and jaw stats:
 * the first screen (40 rows) and the complete result. Each time is also
 * printed as a ratio to a peer measured in the same run: one pass over
 * every coding joined to its source (SELECT count(*) ... JOIN), the least
 * any table over all codings must do. Not a test: nothing fails on
 * slowness. JAW_BENCH_KEEP keeps the project. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "analysis.h"
#include "benchutil.h"
#include "db.h"
#include "model.h"
#include "project_schema.h"
#include "retrieve.h"
#include "search.h"
#include "xalloc.h"

enum { BENCH_SCREEN = 40 };

static double bench_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void bench_die(const char *what, const jaw_err *err)
{
	fprintf(stderr, "analysis_bench: %s: %s\n", what, err->msg);
	exit(1);
}

/* The project: ?1 sources, ?2 codings (the codes: bench_codes_sql). Texts
 * draw on a few hundred words so that searches find something. */
static const char bench_fill_sql[] =
	"INSERT INTO stakeholder (id, kind, name) SELECT value, 'organisation', 'Org ' || value"
	" FROM (WITH RECURSIVE g(value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM g"
	" WHERE value < 100) SELECT value FROM g);"
	"INSERT INTO stakeholder (id, kind, name, parent_id, role) SELECT 100 + value, 'person',"
	" 'Person ' || value, 1 + value % 100, CASE value % 3 WHEN 0 THEN 'commander'"
	" WHEN 1 THEN 'adviser' ELSE 'liaison officer' END FROM (WITH RECURSIVE g(value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM g"
	" WHERE value < 1900) SELECT value FROM g);"
	"INSERT INTO timeline_item (id, kind, title, start_date) SELECT value, 'event',"
	" 'Event ' || value, date('2026-01-01', '+' || (value * 7) || ' days')"
	" FROM (WITH RECURSIVE g(value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM g"
	" WHERE value < 20) SELECT value FROM g);"
	"INSERT INTO source (id, kind, title, text, source_date, stakeholder_id, timeline_item_id)"
	" SELECT value, CASE value % 3 WHEN 0 THEN 'interview' WHEN 1 THEN 'observation'"
	" ELSE 'document' END, 'Note ' || value,"
	" 'Patrol ' || (value % 997) || ' met the liaison officer about training and harm.'"
	" || char(10) || 'Word' || (value % 311) || ' reporting gap ' || (value % 53)"
	" || '. The commander said civilians were at risk near checkpoint ' || (value % 71) || '.',"
	" date('2026-01-01', '+' || (value % 300) || ' days'), 101 + value % 1900,"
	" 1 + value % 20 FROM (WITH RECURSIVE g(value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM g"
	" WHERE value < ?1) SELECT value FROM g);"
	"INSERT INTO coding (source_id, start_cp, end_cp, code_id, coder)"
	" SELECT 1 + (value * 7919) % ?1, (value % 5) * 10, (value % 5) * 10 + 8 + value % 30,"
	" 1 + (value * 31) % 200, CASE (value - 1) / ?1 % 2 WHEN 0 THEN 'amira' ELSE 'tomas' END"
	" FROM (WITH RECURSIVE g(value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM g"
	" WHERE value < ?2) SELECT value FROM g) WHERE 1 ON CONFLICT DO NOTHING;";

static struct jaw_db *bench_project_new(const char *path, int64_t sources, int64_t codings)
{
	jaw_err err;
	err_clear(&err);
	struct jaw_db *db = NULL;
	if (db_create(path, &project_schema, &db, &err) != JAW_OK)
		bench_die("create", &err);
	if (db_begin(db, &err) != JAW_OK)
		bench_die("begin", &err);
	if (bench_sql_run(db, bench_codes_sql, 0, 0, &err) != JAW_OK ||
	    bench_sql_run(db, bench_fill_sql, sources, codings, &err) != JAW_OK)
		bench_die("fill", &err);
	if (db_commit(db, &err) != JAW_OK || model_stakeholder_prepare_order(db, &err) != JAW_OK ||
	    db_exec(db, "ANALYZE", &err) != JAW_OK)
		bench_die("commit", &err);
	return db;
}

/* Prints one measurement against the peer. */
static void bench_report(const char *what, double ms, double peer)
{
	printf("  %-44s %9.1f ms  %6.2fx the pass\n", what, ms, peer > 0 ? ms / peer : 0);
	fflush(stdout);
}

static void bench_retrieval(struct jaw_db *db, double peer)
{
	jaw_err err;
	err_clear(&err);
	struct retrieve_filter f = {.code_id = 7};
	struct retrieve_row rows[BENCH_SCREEN];
	double t0 = bench_now();
	int64_t n = retrieve_count(db, &f, &err);
	int got = retrieve_page(db, &f, 0, BENCH_SCREEN, rows, &err);
	if (n < 0 || got < 0)
		bench_die("retrieve", &err);
	bench_report("retrieval of a code: first screen", bench_now() - t0, peer);
	for (int i = 0; i < got; i++)
		retrieve_row_clear(&rows[i]);
	f.children = true;
	f.code_id = 1;
	t0 = bench_now();
	n = retrieve_count(db, &f, &err);
	got = retrieve_page(db, &f, 0, BENCH_SCREEN, rows, &err);
	if (n < 0 || got < 0)
		bench_die("retrieve", &err);
	bench_report("retrieval with the codes below: first screen", bench_now() - t0, peer);
	for (int i = 0; i < got; i++)
		retrieve_row_clear(&rows[i]);
}

static void bench_codes(struct jaw_db *db, double peer)
{
	jaw_err err;
	err_clear(&err);
	struct analysis_code_row rows[200];
	double t0 = bench_now();
	int n = analysis_codes_count(db, &err) < 0 || analysis_codes_max(db, &err) < 0 ? -1
	      : analysis_codes_page(db, 0, BENCH_SCREEN, rows, &err);
	if (n < 0)
		bench_die("codes", &err);
	bench_report("frequencies: first screen", bench_now() - t0, peer);
	for (int i = 0; i < n; i++)
		analysis_code_row_clear(&rows[i]);
	t0 = bench_now();
	if ((n = analysis_codes_page(db, 0, 200, rows, &err)) < 0)
		bench_die("codes", &err);
	bench_report("frequencies: complete", bench_now() - t0, peer);
	for (int i = 0; i < n; i++)
		analysis_code_row_clear(&rows[i]);
}

static void bench_matrices(struct jaw_db *db, double peer)
{
	static const char *const attrs[] = {"source-kind", "organisation", "organisation-direct",
	                                    "role", "event"};
	jaw_err err;
	err_clear(&err);
	for (size_t i = 0; i < sizeof attrs / sizeof *attrs; i++) {
		struct analysis_matrix *m;
		double t0 = bench_now();
		if (analysis_crosstab_new(db, attrs[i], ANALYSIS_BY_SOURCES, &m, &err) != JAW_OK)
			bench_die(attrs[i], &err);
		char what[80];
		snprintf(what, sizeof what, "crosstab by %s (complete)", attrs[i]);
		bench_report(what, bench_now() - t0, peer);
		analysis_matrix_free(m);
	}
	struct analysis_matrix *m;
	double t0 = bench_now();
	if (analysis_cooccur_new(db, ANALYSIS_OVERLAP, true, &m, &err) != JAW_OK)
		bench_die("cooccurrence", &err);
	bench_report("co-occurrence of 200 codes, overlap (complete)", bench_now() - t0, peer);
	analysis_matrix_free(m);
	t0 = bench_now();
	if (analysis_cooccur_new(db, ANALYSIS_SAME_SOURCE, true, &m, &err) != JAW_OK)
		bench_die("cooccurrence", &err);
	bench_report("co-occurrence, same source (complete)", bench_now() - t0, peer);
	analysis_matrix_free(m);
}

static void bench_others(struct jaw_db *db, double peer)
{
	jaw_err err;
	err_clear(&err);
	struct analysis_saturation_row sat[BENCH_SCREEN];
	double t0 = bench_now();
	int n = analysis_saturation_total(db, &err) < 0 || analysis_saturation_count(db, &err) < 0
	      ? -1 : analysis_saturation_page(db, 0, BENCH_SCREEN, sat, &err);
	if (n < 0)
		bench_die("saturation", &err);
	bench_report("saturation: first screen", bench_now() - t0, peer);
	for (int i = 0; i < n; i++)
		analysis_saturation_row_clear(&sat[i]);
	struct search_hit hits[BENCH_SCREEN];
	t0 = bench_now();
	if ((n = search_text_page(db, "checkpoint AND gap", 0, BENCH_SCREEN, hits, &err)) < 0)
		bench_die("search", &err);
	bench_report("search: first screen", bench_now() - t0, peer);
	for (int i = 0; i < n; i++)
		search_hit_clear(&hits[i]);
	t0 = bench_now();
	if (search_text_count(db, "word17", &err) < 0)
		bench_die("search", &err);
	bench_report("search: the count of a rare word", bench_now() - t0, peer);
	const char *coders[] = {"amira", "tomas"};
	struct analysis_agreement_row *rows;
	t0 = bench_now();
	if (analysis_agreement_new(db, coders, 2, &rows, &n, &err) != JAW_OK)
		bench_die("agreement", &err);
	bench_report("inter-coder agreement of two coders (complete)", bench_now() - t0, peer);
	analysis_agreement_free(rows, n);
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	int64_t sources = argc > 1 ? atoll(argv[1]) : 600000;
	int64_t codings = sources * 5 / 3;
	char dir[] = "/tmp/jaw-analysis-bench-XXXXXX";
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	char *path = xasprintf("%s/bench.jaw", dir);
	double t0 = bench_now();
	struct jaw_db *db = bench_project_new(path, sources, codings);
	jaw_err err;
	err_clear(&err);
	printf("analysis_bench: %lld sources, %lld codings, 200 codes (built in %.1f s)\n",
	       (long long)model_scalar(db, "SELECT count(*) FROM source", &err),
	       (long long)model_scalar(db, "SELECT count(*) FROM coding", &err),
	       (bench_now() - t0) / 1e3);
	t0 = bench_now();
	int64_t pass = model_scalar(db, "SELECT count(*) FROM coding k JOIN source s"
	                            " ON s.id = k.source_id WHERE s.kind <> ''", &err);
	double peer = bench_now() - t0;
	printf("  %-44s %9.1f ms  (the peer: %lld rows)\n", "one pass over the codings and sources",
	       peer, (long long)pass);
	bench_retrieval(db, peer);
	bench_codes(db, peer);
	bench_matrices(db, peer);
	bench_others(db, peer);
	db_close(db);
	if (!getenv("JAW_BENCH_KEEP")) {
		db_remove_files(path);
		rmdir(dir);
	} else {
		printf("kept %s\n", path);
	}
	free(path);
	return 0;
}
