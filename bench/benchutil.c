/* benchutil.c - what the benchmarks share; see benchutil.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "benchutil.h"
#include "xalloc.h"

double bench_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int bench_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

struct bench_pct bench_percentiles(const double *t, int n)
{
	double *d = xmalloc((size_t)n * sizeof *d);
	memcpy(d, t, (size_t)n * sizeof *d);
	qsort(d, (size_t)n, sizeof *d, bench_cmp_double);
	struct bench_pct p = {d[n / 2], d[(n * 99) / 100], d[n - 1]};
	free(d);
	return p;
}

void bench_fatal(const char *prog, const char *what, const jaw_err *err)
{
	fprintf(stderr, "%s: %s: %s\n", prog, what, err->msg);
	exit(1);
}

int bench_sql_run(struct jaw_db *db, const char *sql, int64_t p1, int64_t p2, jaw_err *err)
{
	while (*sql) {
		sqlite3_stmt *s = NULL;
		const char *tail = NULL;
		if (sqlite3_prepare_v2(db_sqlite(db), sql, -1, &s, &tail) != SQLITE_OK) {
			err_db(err, db_sqlite(db), sql);
			return JAW_FAIL;
		}
		if (!s)
			break;
		if (sqlite3_bind_parameter_count(s) >= 1)
			sqlite3_bind_int64(s, 1, p1);
		if (sqlite3_bind_parameter_count(s) >= 2)
			sqlite3_bind_int64(s, 2, p2);
		int rc;
		while ((rc = sqlite3_step(s)) == SQLITE_ROW)
			;
		if (rc != SQLITE_DONE) {
			err_db(err, db_sqlite(db), sql);
			sqlite3_finalize(s);
			return JAW_FAIL;
		}
		sqlite3_finalize(s);
		sql = tail;
	}
	return JAW_OK;
}

char *bench_text_new(size_t bytes, unsigned seed)
{
	static const char *const words[] = {"the", "patrol", "reported", "civilians", "near",
	                                    "Kraków", "checkpoint", "children", "were", "moved",
	                                    "interpreter", "said", "commander", "Żaneta", "risk"};
	size_t cap = bytes + 1000, len = 0;
	char *t = xmalloc(cap);
	t[0] = '\0';
	while (len < bytes) {
		int sentence = 6 + (int)(seed % 14);
		for (int i = 0; i < sentence; i++) {
			seed = seed * 1103515245u + 12345u;
			len += (size_t)snprintf(t + len, cap - len, "%s%s", i ? " " : "",
			                        words[(seed >> 16) % 15]);
		}
		len += (size_t)snprintf(t + len, cap - len, seed % 7 == 0 ? ".\n\n" : ". ");
	}
	return t;
}

#define BENCH_SERIES(n) \
	" FROM (WITH RECURSIVE g(value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM g" \
	" WHERE value < " #n ") SELECT value FROM g)"

const char bench_codes_sql[] =
	"INSERT INTO code (id, parent_id, name, position) SELECT value, NULL, 'Theme ' || value,"
	" value" BENCH_SERIES(20) ";"
	"INSERT INTO code (id, parent_id, name, position) SELECT 20 + value, 1 + (value - 1) / 9,"
	" 'Code ' || value, value" BENCH_SERIES(180) ";";
