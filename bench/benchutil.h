/* benchutil.h - what the benchmarks share (make bench, never make check):
 * a clock, percentiles, SQL scripts with two bound numbers, generated
 * text, and the 200-code codebook of the large projects. */
#ifndef JAW_BENCHUTIL_H
#define JAW_BENCHUTIL_H

#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "err.h"

/* Milliseconds on the monotonic clock. */
double bench_now_ms(void);

/* The median, 99th percentile and maximum of n samples (n > 0; t is
 * left as it was). */
struct bench_pct {
	double p50, p99, max;
};
struct bench_pct bench_percentiles(const double *t, int n);

/* Prints "prog: what: err->msg" to stderr and exits with status 1. */
void bench_fatal(const char *prog, const char *what, const jaw_err *err)
	__attribute__((noreturn));

/* Runs the statements of sql one after another, binding ?1 to p1 and ?2
 * to p2 in each statement that has them. JAW_OK, or JAW_FAIL with err
 * naming the statement. */
int bench_sql_run(struct jaw_db *db, const char *sql, int64_t p1, int64_t p2, jaw_err *err);

/* About bytes of UTF-8 prose (sentences of a small vocabulary with
 * accented names, in paragraphs) drawn from seed: the same seed gives the
 * same text. Newly allocated. */
char *bench_text_new(size_t bytes, unsigned seed);

/* 200 codes in a tree: 20 themes (ids 1-20, "Theme N") with 9 codes
 * below each (ids 21-200, "Code N"). Run with bench_sql_run. */
extern const char bench_codes_sql[];

#endif
