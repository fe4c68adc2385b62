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
 * slowness. JAW_BENCH_KEEP keeps the project.
 *
 * JAW_BENCH_PROJECT=FILE times an existing project instead (a copy: the
 * benchmark only reads it, but the full-scale project in the cache is
 * never to be opened read-write); JAW_BENCH_ONLY=search times the search
 * alone (for perf record and callgrind), JAW_BENCH_QUERY=TEXT searches
 * for TEXT alone instead of the usual searches. */
#include "config.h"

#include <locale.h>
#include <stdbool.h>
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

/* ---- timing ------------------------------------------------------------------ */

/* Times fn(db, arg) repeat times: the fastest and the slowest, in ms. */
typedef void (*bench_fn)(struct jaw_db *db, const void *arg);
static int bench_repeat = 3;

static void bench_time(struct jaw_db *db, bench_fn fn, const void *arg, double *lo, double *hi)
{
	*lo = 1e18;
	*hi = 0;
	for (int i = 0; i < bench_repeat; i++) {
		double t0 = bench_now();
		fn(db, arg);
		double t = bench_now() - t0;
		*lo = t < *lo ? t : *lo;
		*hi = t > *hi ? t : *hi;
	}
}

/* Prints one measurement, its range over the runs and its ratio (of the
 * fastest runs) to a peer measured in the same run. */
static void bench_report(const char *what, bench_fn fn, const void *arg, struct jaw_db *db,
                         const char *peer_name, double peer)
{
	double lo, hi;
	bench_time(db, fn, arg, &lo, &hi);
	printf("  %-46s %8.1f-%-8.1f ms", what, lo, hi);
	if (peer >= 0.1)
		printf("  %7.2fx %s", lo / peer, peer_name);
	else
		printf("  (%s under 0.1 ms)", peer_name);
	printf("\n");
	fflush(stdout);
}

/* Times a peer: SQL run as it is; prints it and returns its fastest. */
static void bench_sql(struct jaw_db *db, const void *arg)
{
	jaw_err err;
	err_clear(&err);
	if (db_exec(db, arg, &err) != JAW_OK)
		bench_die("peer", &err);
}

static double bench_peer(struct jaw_db *db, const char *name, const char *sql)
{
	double lo, hi;
	bench_time(db, bench_sql, sql, &lo, &hi);
	printf("  peer: %-40s %8.1f-%-8.1f ms\n", name, lo, hi);
	fflush(stdout);
	return lo;
}

/* ---- what the analysis view does --------------------------------------------------- */

/* The retrieval's first screen: the count and the first page. */
static void bench_retrieve_screen(struct jaw_db *db, const void *arg)
{
	jaw_err err;
	err_clear(&err);
	struct retrieve_row rows[BENCH_SCREEN];
	int64_t n = retrieve_count(db, arg, &err);
	int got = n < 0 ? -1 : retrieve_page(db, arg, 0, BENCH_SCREEN, rows, &err);
	if (got < 0)
		bench_die("retrieve", &err);
	for (int i = 0; i < got; i++)
		retrieve_row_clear(&rows[i]);
}

static int bench_retrieve_row(void *ctx, struct retrieve_row *row, jaw_err *err)
{
	(void)row, (void)err;
	(*(int64_t *)ctx)++;
	return JAW_OK;
}

/* Every row of the retrieval, as jaw retrieve writes them. */
static void bench_retrieve_all(struct jaw_db *db, const void *arg)
{
	jaw_err err;
	err_clear(&err);
	int64_t n = 0;
	if (retrieve_each(db, arg, bench_retrieve_row, &n, &err) != JAW_OK)
		bench_die("retrieve", &err);
}

static void bench_codes_page(struct jaw_db *db, const void *arg)
{
	int limit = *(const int *)arg;
	jaw_err err;
	err_clear(&err);
	struct analysis_code_row rows[200];
	int n = analysis_codes_count(db, &err) < 0 || analysis_codes_max(db, &err) < 0 ? -1
	      : analysis_codes_page(db, 0, limit, rows, &err);
	if (n < 0)
		bench_die("codes", &err);
	for (int i = 0; i < n; i++)
		analysis_code_row_clear(&rows[i]);
}

struct bench_crosstab {
	const char *attr;
	enum analysis_by by;
};

static void bench_crosstab(struct jaw_db *db, const void *arg)
{
	const struct bench_crosstab *x = arg;
	jaw_err err;
	err_clear(&err);
	struct analysis_matrix *m;
	if (analysis_crosstab_new(db, x->attr, x->by, &m, &err) != JAW_OK)
		bench_die(x->attr, &err);
	analysis_matrix_free(m);
}

static void bench_cooccur(struct jaw_db *db, const void *arg)
{
	jaw_err err;
	err_clear(&err);
	struct analysis_matrix *m;
	if (analysis_cooccur_new(db, *(const enum analysis_cooccur_mode *)arg, true, &m, &err)
	    != JAW_OK)
		bench_die("cooccurrence", &err);
	analysis_matrix_free(m);
}

/* Saturation: the count, the total and the page at offset *arg (-1: the
 * last page). */
static void bench_saturation(struct jaw_db *db, const void *arg)
{
	jaw_err err;
	err_clear(&err);
	struct analysis_saturation_row rows[BENCH_SCREEN];
	int64_t n = analysis_saturation_count(db, &err);
	int64_t at = *(const int64_t *)arg < 0 ? n - BENCH_SCREEN : *(const int64_t *)arg;
	int got = n < 0 || analysis_saturation_total(db, &err) < 0 ? -1
	        : analysis_saturation_page(db, at < 0 ? 0 : at, BENCH_SCREEN, rows, &err);
	if (got < 0)
		bench_die("saturation", &err);
	for (int i = 0; i < got; i++)
		analysis_saturation_row_clear(&rows[i]);
}

/* The interface's first screen of a search: the count up to 10,000 and,
 * with more than 2,000 hits, the first page in the order of sources (it
 * counts and ranks them all after); else the first page best first. */
enum { BENCH_COUNT_AT_ONCE = 10000, BENCH_RANK_AT_ONCE = 2000 };

static void bench_hits_clear(struct search_hit *hits, int n)
{
	for (int i = 0; i < n; i++)
		search_hit_clear(&hits[i]);
}

/* query as a query new to the connection, as when it is typed: spelled
 * with one more space each time, so that nothing the search keeps for a
 * query it has seen (bm25's figures, the hits ranked) is used. */
static char *bench_new_query(const char *query)
{
	static int spaces;
	return xasprintf("%s%*s", query, ++spaces, "");
}

static void bench_search_screen(struct jaw_db *db, const void *arg)
{
	char *query = bench_new_query(arg);
	jaw_err err;
	err_clear(&err);
	struct search_hit hits[BENCH_SCREEN];
	int64_t n = search_text_count_upto(db, query, BENCH_COUNT_AT_ONCE, &err);
	int got = n < 0 ? -1 : search_text_page_in(db, query, n > BENCH_RANK_AT_ONCE
	                                           ? SEARCH_SOURCES : SEARCH_BEST, 0, BENCH_SCREEN,
	                                           hits, &err);
	if (got < 0)
		bench_die("search", &err);
	bench_hits_clear(hits, got);
	free(query);
}

/* The count alone, up to 10,000. */
static void bench_search_count(struct jaw_db *db, const void *arg)
{
	jaw_err err;
	err_clear(&err);
	if (search_text_count_upto(db, arg, BENCH_COUNT_AT_ONCE, &err) < 0)
		bench_die("search", &err);
}

/* The first page alone, in the order of sources, of a new query. */
static void bench_search_sources(struct jaw_db *db, const void *arg)
{
	char *query = bench_new_query(arg);
	jaw_err err;
	err_clear(&err);
	struct search_hit hits[BENCH_SCREEN];
	int got = search_text_page_in(db, query, SEARCH_SOURCES, 0, BENCH_SCREEN, hits, &err);
	if (got < 0)
		bench_die("search", &err);
	bench_hits_clear(hits, got);
	free(query);
}

/* The first page best first of a new query: every hit counted and
 * ranked. */
static void bench_search_ranked(struct jaw_db *db, const void *arg)
{
	char *query = bench_new_query(arg);
	jaw_err err;
	err_clear(&err);
	struct search_hit hits[BENCH_SCREEN];
	int got = search_text_count(db, query, &err) < 0 ? -1
	        : search_text_page(db, query, 0, BENCH_SCREEN, hits, &err);
	if (got < 0)
		bench_die("search", &err);
	bench_hits_clear(hits, got);
	free(query);
}

/* The next page best first (PgDn) of a query ranked before. */
static void bench_search_next(struct jaw_db *db, const void *arg)
{
	jaw_err err;
	err_clear(&err);
	struct search_hit hits[BENCH_SCREEN];
	int got = search_text_page(db, arg, BENCH_SCREEN, BENCH_SCREEN, hits, &err);
	if (got < 0)
		bench_die("search", &err);
	bench_hits_clear(hits, got);
}

/* Times the search for query: its first screen, its parts, all of it
 * ranked, each as a query new to the connection; then a page of it best
 * first after it was ranked. */
static void bench_search(struct jaw_db *db, const char *query, double fts)
{
	jaw_err err;
	err_clear(&err);
	int64_t n = search_text_count(db, query, &err);
	if (n < 0)
		bench_die("search", &err);
	printf("search \"%s\" (%lld hits)\n", query, (long long)n);
	bench_report("first screen (the interface's, a new query)", bench_search_screen, query, db,
	             "FTS5 by rank", fts);
	bench_report("the count up to 10,000", bench_search_count, query, db, "FTS5 by rank", fts);
	bench_report("the first page by source", bench_search_sources, query, db, "FTS5 by rank",
	             fts);
	bench_report("complete: counted, first page best first", bench_search_ranked, query, db,
	             "FTS5 by rank", fts);
	bench_search_next(db, query); /* ranked once, as the interface does first */
	bench_report("the next page best first (PgDn)", bench_search_next, query, db, "FTS5 by rank",
	             fts);
}

static void bench_agreement(struct jaw_db *db, const void *arg)
{
	(void)arg;
	const char *coders[] = {"amira", "tomas"};
	struct analysis_agreement_row *rows;
	int n;
	jaw_err err;
	err_clear(&err);
	if (analysis_agreement_new(db, coders, 2, &rows, &n, &err) != JAW_OK)
		bench_die("agreement", &err);
	analysis_agreement_free(rows, n);
}

/* ---- the peers ---------------------------------------------------------------------- */

/* A flat table of every coding with its source's organisation, as a
 * spreadsheet export would give it, for sqlite3's own crosstab (made
 * once, not timed). */
static const char bench_flat_sql[] =
	"CREATE TEMP TABLE flat AS WITH RECURSIVE tops(id, top) AS (SELECT id, id FROM stakeholder"
	" WHERE parent_id IS NULL UNION ALL SELECT x.id, tops.top FROM stakeholder x JOIN tops"
	" ON x.parent_id = tops.id) SELECT k.code_id AS code, k.source_id AS source,"
	" s.kind AS kind, tp.name AS org FROM coding k JOIN source s ON s.id = k.source_id"
	" LEFT JOIN tops ON tops.id = s.stakeholder_id LEFT JOIN stakeholder tp ON tp.id = tops.top";

static void bench_load(const char *when)
{
	double l[3];
	if (getloadavg(l, 3) == 3)
		printf("load average %s: %.2f %.2f %.2f (2 cores, shared)\n", when, l[0], l[1], l[2]);
}

/* The searches timed: every note of the generated project; the
 * interface benchmark's (answers of the full-scale project's survey);
 * a word with an accent in the full-scale project's notes alone (up to
 * 1 MB each), a word of its notes and its answers, a rare word. */
static const char *const bench_queries[] = {
	"checkpoint AND gap", "checkpoint convoy", "krakow", "interpreter", "word17",
};

/* A new project of sources sources in a new directory (*dir, *path). */
static struct jaw_db *bench_build(int64_t sources, char **dir, char **path)
{
	int64_t codings = sources * 5 / 3;
	*dir = xstrdup("/tmp/jaw-analysis-bench-XXXXXX");
	if (!mkdtemp(*dir)) {
		perror("mkdtemp");
		exit(1);
	}
	*path = xasprintf("%s/bench.jaw", *dir);
	double t0 = bench_now();
	struct jaw_db *db = bench_project_new(*path, sources, codings);
	printf("analysis_bench: built in %.1f s\n", (bench_now() - t0) / 1e3);
	return db;
}

/* The tables of the analysis view (all but the search). */
static void bench_tables(struct jaw_db *db, double pass, double flat, double page)
{
	printf("retrieval (first screen: count and 40 rows)\n");
	struct retrieve_filter one = {.code_id = 7}, below = {.code_id = 1, .children = true};
	bench_report("a code: first screen", bench_retrieve_screen, &one, db, "the SQL", page);
	bench_report("a code: complete (every row, in context)", bench_retrieve_all, &one, db, "the pass",
	             pass);
	bench_report("with the codes below: first screen", bench_retrieve_screen, &below, db,
	             "the SQL", page);
	bench_report("with the codes below: complete", bench_retrieve_all, &below, db,
	             "the pass", pass);
	printf("frequencies\n");
	int screen = BENCH_SCREEN, all = 200;
	bench_report("first screen (40 codes)", bench_codes_page, &screen, db, "the pass", pass);
	bench_report("complete (200 codes)", bench_codes_page, &all, db, "the pass", pass);
	printf("crosstabs (the first screen is the complete table)\n");
	static const struct bench_crosstab xt[] = {
		{"source-kind", ANALYSIS_BY_SOURCES}, {"organisation", ANALYSIS_BY_SOURCES},
		{"organisation-direct", ANALYSIS_BY_SOURCES}, {"role", ANALYSIS_BY_SEGMENTS},
		{"event", ANALYSIS_BY_SOURCES}, {"organisation", ANALYSIS_BY_RESPONDENTS},
	};
	for (size_t i = 0; i < sizeof xt / sizeof *xt; i++) {
		char what[80];
		snprintf(what, sizeof what, "by %s, %s", xt[i].attr,
		         xt[i].by == ANALYSIS_BY_SOURCES ? "sources"
		         : xt[i].by == ANALYSIS_BY_SEGMENTS ? "segments" : "respondents");
		bench_report(what, bench_crosstab, &xt[i], db, "sqlite3 on the flat table", flat);
	}
	printf("co-occurrence of 200 codes (complete)\n");
	static const enum analysis_cooccur_mode overlap = ANALYSIS_OVERLAP,
	                                        same = ANALYSIS_SAME_SOURCE;
	bench_report("codings overlap", bench_cooccur, &overlap, db, "the pass", pass);
	bench_report("same source", bench_cooccur, &same, db, "the pass", pass);
	printf("saturation\n");
	static const int64_t first = 0, last = -1;
	bench_report("first screen", bench_saturation, &first, db, "the pass", pass);
	bench_report("last screen", bench_saturation, &last, db, "the pass", pass);
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	if (getenv("JAW_BENCH_REPEAT"))
		bench_repeat = atoi(getenv("JAW_BENCH_REPEAT")) > 0 ? atoi(getenv("JAW_BENCH_REPEAT")) : 1;
	const char *only = getenv("JAW_BENCH_ONLY"), *project = getenv("JAW_BENCH_PROJECT");
	bool search_only = only && *only;
	if (search_only && strcmp(only, "search") != 0) {
		fprintf(stderr, "analysis_bench: JAW_BENCH_ONLY=%s: the one part that runs alone is"
		        " \"search\"\n", only);
		return 1;
	}
	jaw_err err;
	err_clear(&err);
	char *dir = NULL, *path = NULL;
	struct jaw_db *db = NULL;
	if (project && *project) {
		if (db_open(project, DB_OPEN_READONLY, &project_schema, &db, &err) != JAW_OK)
			bench_die(project, &err);
	} else {
		db = bench_build(argc > 1 ? atoll(argv[1]) : 600000, &dir, &path);
	}
	printf("analysis_bench: %lld sources, %lld codings, %lld codes;"
	       " each figure the fastest-slowest of %d runs, ratios of the fastest\n",
	       (long long)model_scalar(db, "SELECT count(*) FROM source", &err),
	       (long long)model_scalar(db, "SELECT count(*) FROM coding", &err),
	       (long long)model_scalar(db, "SELECT count(*) FROM code", &err), bench_repeat);
	bench_load("before");
	double pass = 0;
	if (!search_only) {
		if (db_exec(db, bench_flat_sql, &err) != JAW_OK)
			bench_die("flat", &err);
		pass = bench_peer(db, "a pass over codings joined to sources",
		                  "SELECT count(*) FROM coding k JOIN source s ON s.id = k.source_id"
		                  " WHERE s.kind <> ''");
		double flat = bench_peer(db, "sqlite3 crosstab of a flat table",
		                         "SELECT code, org, count(*), count(DISTINCT source) FROM flat"
		                         " GROUP BY code, org");
		double page = bench_peer(db, "40 codings of a code, with text, SQL",
		                         "SELECT k.id, s.title, s.text FROM coding k JOIN source s"
		                         " ON s.id = k.source_id WHERE k.code_id = 7"
		                         " ORDER BY k.source_id, k.start_cp LIMIT 40");
		bench_tables(db, pass, flat, page);
	}
	double fts = bench_peer(db, "FTS5 first page by rank, one index",
	                        "SELECT rowid FROM source_fts WHERE source_fts MATCH"
	                        " 'checkpoint' ORDER BY rank LIMIT 40");
	const char *query = getenv("JAW_BENCH_QUERY");
	for (size_t i = 0; i < sizeof bench_queries / sizeof *bench_queries && !(query && *query); i++)
		bench_search(db, bench_queries[i], fts);
	if (query && *query)
		bench_search(db, query, fts);
	if (!search_only) {
		printf("inter-coder agreement\n");
		bench_report("two coders (complete)", bench_agreement, NULL, db, "the pass", pass);
	}
	bench_load("after");
	db_close(db);
	if (path && !getenv("JAW_BENCH_KEEP")) {
		db_remove_files(path);
		rmdir(dir);
	} else if (path) {
		printf("kept %s\n", path);
	}
	free(path);
	free(dir);
	return 0;
}
