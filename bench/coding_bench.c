/* coding_bench.c - benchmark of the coding core (make bench).
 *
 * Builds a project in a temporary directory with a 1 MB interview note,
 * 200 small notes and 100,000 codings (80,000 of them in the big note),
 * then times what the reader and the codebook do, and prints p50, p99 and
 * the maximum in milliseconds. Not a test: nothing fails on slowness.
 * Applying a code is timed twice: with SQLite checkpointing the WAL in
 * the commit that fills it, then as the interface does it, with the
 * checkpoints in a thread (db_checkpoint_in_background).
 * With an argument, runs only the benchmarks whose names contain it:
 *     ./bench/coding_bench segments
 * With JAW_BENCH_KEEP set in the environment, the project is kept. 
 *
 * To add a benchmark (reader keys, say), write a function like
 * bench_wrap and add it to bench_table in main. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "codebook.h"
#include "coding.h"
#include "db.h"
#include "export.h"
#include "journal.h"
#include "model.h"
#include "project_schema.h"
#include "text.h"
#include "utf8.h"
#include "xalloc.h"

#define BENCH_NOTE_BYTES 1000000
#define BENCH_CODINGS 100000
#define BENCH_BIG_NOTE_CODINGS 80000
#define BENCH_SMALL_NOTES 200
#define BENCH_CODES 40

/* What every benchmark works on. */
struct bench {
	struct jaw_db *db;
	int64_t big;                 /* the 1 MB note's source id */
	int64_t codes[BENCH_CODES];
	struct text *text;           /* the big note */
	struct text_wrap *wrap;      /* it wrapped to 80 columns */
	uint64_t rng;
};

static uint64_t bench_rand(struct bench *b)
{
	b->rng ^= b->rng << 13;
	b->rng ^= b->rng >> 7;
	b->rng ^= b->rng << 17;
	return b->rng;
}

static size_t bench_below(struct bench *b, size_t n)
{
	return n ? (size_t)(bench_rand(b) % n) : 0;
}

static double bench_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void bench_die(const char *what, const jaw_err *err)
{
	fprintf(stderr, "bench: %s: %s\n", what, err ? err->msg : "failed");
	exit(1);
}

/* ---- the project ------------------------------------------------------------- */

/* A note of about bytes bytes: paragraphs of sentences of words, some of
 * them multibyte, wide or with combining marks. */
static char *bench_note_new(struct bench *b, size_t bytes)
{
	static const char *const words[] = {
		"the", "patrol", "reported", "civilians", "near", "checkpoint", "Kraków", "Zoë",
		"Bucureşti", "commander", "training", "liaison", "\xE6\x97\xA5\xE6\x9C\xAC",
		"\xF0\x9F\x98\x80", "caf\x65\xCC\x81", "interpreter", "women", "children", "said",
		"e.g.", "Col.", "report", "MINUVE", "village", "school", "and", "of", "to", "in",
	};
	size_t n = sizeof words / sizeof *words, len = 0;
	char *s = xmalloc(bytes + 4096);
	while (len < bytes) {
		int sentences = 3 + (int)bench_below(b, 6);
		for (int k = 0; k < sentences; k++) {
			int count = 8 + (int)bench_below(b, 18);
			for (int w = 0; w < count; w++)
				len += (size_t)sprintf(s + len, "%s%s", w ? " " : (k ? " " : ""),
				                       words[bench_below(b, n)]);
			len += (size_t)sprintf(s + len, "%s", bench_below(b, 5) ? "." : "?");
		}
		len += (size_t)sprintf(s + len, "\n\n");
	}
	s[len] = '\0';
	return s;
}

static int64_t bench_add_source(struct jaw_db *db, const char *title, const char *text)
{
	struct source src = {0};
	jaw_err err;
	err_clear(&err);
	src.kind = "interview";
	src.title = (char *)title;
	src.text = (char *)text;
	if (model_source_add(db, &src, &err) != JAW_OK)
		bench_die("adding a source", &err);
	return src.id;
}

/* Inserts n codings of source (length len code points) in bulk. */
static void bench_add_codings(struct bench *b, int64_t source, size_t len, int n)
{
	static const char sql[] = "INSERT OR IGNORE INTO coding (source_id, start_cp, end_cp,"
	                          " code_id, coder, memo) VALUES (?1, ?2, ?3, ?4, ?5, '')";
	static const char *const coders[] = {"amira", "tomas", "ana"};
	jaw_err err;
	err_clear(&err);
	for (int i = 0; i < n; i++) {
		size_t span = bench_below(b, 100) == 0 ? 500 + bench_below(b, 1500)
		                                         : 10 + bench_below(b, 290);
		if (span >= len)
			span = len - 1;
		size_t start = bench_below(b, len - span);
		sqlite3_stmt *s = db_stmt(b->db, sql, &err);
		if (!s)
			bench_die("preparing", &err);
		sqlite3_bind_int64(s, 1, source);
		sqlite3_bind_int64(s, 2, (int64_t)start);
		sqlite3_bind_int64(s, 3, (int64_t)(start + span));
		sqlite3_bind_int64(s, 4, b->codes[bench_below(b, BENCH_CODES)]);
		sqlite3_bind_text(s, 5, coders[bench_below(b, 3)], -1, SQLITE_STATIC);
		if (db_step_done(b->db, s, &err) != JAW_OK)
			bench_die("inserting codings", &err);
	}
}

static void bench_add_codes(struct bench *b)
{
	jaw_err err;
	err_clear(&err);
	for (int i = 0; i < BENCH_CODES; i++) {
		char name[32];
		snprintf(name, sizeof name, "Code %02d", i);
		struct code c = {0};
		c.name = name;
		c.parent_id = i >= 8 ? b->codes[i % 8] : 0;
		c.position = i + 1;
		if (codebook_add(b->db, "setup", &c, &err) != JAW_OK)
			bench_die("adding codes", &err);
		b->codes[i] = c.id;
	}
}

static void bench_setup(struct bench *b, const char *path)
{
	jaw_err err;
	err_clear(&err);
	if (db_create(path, &project_schema, &b->db, &err) != JAW_OK || db_begin(b->db, &err) != JAW_OK)
		bench_die(path, &err);
	bench_add_codes(b);
	char *note = bench_note_new(b, BENCH_NOTE_BYTES);
	b->text = text_new(note, strlen(note));
	b->big = bench_add_source(b->db, "The 1 MB interview", note);
	bench_add_codings(b, b->big, text_length(b->text), BENCH_BIG_NOTE_CODINGS);
	free(note);
	int per = (BENCH_CODINGS - BENCH_BIG_NOTE_CODINGS) / BENCH_SMALL_NOTES;
	for (int i = 0; i < BENCH_SMALL_NOTES; i++) {
		char *small = bench_note_new(b, 3000), title[32];
		snprintf(title, sizeof title, "Small note %d", i + 1);
		bench_add_codings(b, bench_add_source(b->db, title, small), utf8_cp_count(small, strlen(small)), per);
		free(small);
	}
	if (db_commit(b->db, &err) != JAW_OK || db_exec(b->db, "ANALYZE", &err) != JAW_OK)
		bench_die("committing", &err);
	b->wrap = text_wrap_new(b->text, 80);
}

/* ---- timing ---------------------------------------------------------------------- */

/* Samples of one benchmark, in milliseconds. */
struct bench_samples {
	double *ms;
	int n;
};

static int bench_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static void bench_report(const char *name, struct bench_samples *s)
{
	qsort(s->ms, (size_t)s->n, sizeof *s->ms, bench_cmp);
	int p99 = s->n * 99 / 100;
	printf("%-44s %6d %10.3f %10.3f %10.3f\n", name, s->n, s->ms[s->n / 2],
	       s->ms[p99 < s->n ? p99 : s->n - 1], s->ms[s->n - 1]);
	free(s->ms);
}

/* Runs fn n times, timing each run. */
static void bench_run(const char *name, struct bench *b, int n,
                      void (*fn)(struct bench *b, int i))
{
	struct bench_samples s = {xreallocarray(NULL, (size_t)n, sizeof(double)), n};
	for (int i = 0; i < n; i++) {
		double t0 = bench_now_ms();
		fn(b, i);
		s.ms[i] = bench_now_ms() - t0;
	}
	bench_report(name, &s);
}

/* ---- the benchmarks ---------------------------------------------------------------- */

static size_t bench_cp(struct bench *b)
{
	return bench_below(b, text_length(b->text));
}

static void bench_apply(struct bench *b, int i)
{
	jaw_err err;
	err_clear(&err);
	size_t start = bench_below(b, text_length(b->text) - 400);
	if (coding_apply(b->db, "bench", b->big, (int64_t)start, (int64_t)start + 40 + i % 300,
	                 b->codes[i % BENCH_CODES], NULL, NULL, &err) != JAW_OK)
		bench_die("applying a code", &err);
}

static void bench_undo(struct bench *b, int i)
{
	struct journal_result res;
	jaw_err err;
	err_clear(&err);
	(void)i;
	if (journal_undo(b->db, "bench", &res, &err) != JAW_OK || !res.entry)
		bench_die("undoing", &err);
	journal_result_clear(&res);
}

static void bench_redo(struct bench *b, int i)
{
	struct journal_result res;
	jaw_err err;
	err_clear(&err);
	(void)i;
	if (journal_redo(b->db, "bench", &res, &err) != JAW_OK || !res.entry)
		bench_die("redoing", &err);
	journal_result_clear(&res);
}

static void bench_remove(struct bench *b, int i)
{
	jaw_err err;
	err_clear(&err);
	struct coding c;
	(void)i;
	if (coding_step(b->db, b->big, (int64_t)bench_cp(b), CODING_NEXT, &c, &err) != 1)
		return;
	if (coding_remove(b->db, "bench", c.id, &err) != JAW_OK)
		bench_die("removing a coding", &err);
	coding_clear(&c);
}

static void bench_text_new(struct bench *b, int i)
{
	size_t len;
	const char *s = text_utf8(b->text, &len);
	(void)i;
	text_free(text_new(s, len));
}

static void bench_wrap(struct bench *b, int i)
{
	text_wrap_free(text_wrap_new(b->text, 60 + i % 40));
}

static void bench_words(struct bench *b, int i)
{
	size_t cp = bench_cp(b);
	for (int k = 0; k < 100; k++)
		cp = i % 2 ? text_word_prev(b->text, cp) : text_word_next(b->text, cp);
}

static void bench_sentences(struct bench *b, int i)
{
	size_t cp = bench_cp(b);
	for (int k = 0; k < 100; k++)
		cp = i % 2 ? text_sentence_prev(b->text, cp) : text_sentence_next(b->text, cp);
}

static void bench_paragraphs(struct bench *b, int i)
{
	size_t cp = bench_cp(b);
	for (int k = 0; k < 100; k++)
		cp = i % 2 ? text_paragraph_prev(b->text, cp) : text_paragraph_next(b->text, cp);
}

static void bench_sentence_at(struct bench *b, int i)
{
	size_t s, e;
	(void)i;
	text_sentence_at(b->text, bench_cp(b), &s, &e);
}

static void bench_line_moves(struct bench *b, int i)
{
	size_t cp = bench_cp(b);
	int col = text_wrap_col_of(b->wrap, cp);
	size_t line = text_wrap_line_of(b->wrap, cp);
	for (int k = 0; k < 100 && line + 1 < text_wrap_count(b->wrap); k++)
		cp = text_wrap_cp_at(b->wrap, i % 2 ? line-- : ++line, col);
}

static void bench_search(struct bench *b, int i)
{
	size_t s, e;
	(void)i;
	text_search(b->text, "interpreter women", bench_cp(b),
	            TEXT_SEARCH_SMART_CASE | TEXT_SEARCH_WRAP, &s, &e);
}

/* The codings of a screenful of 50 lines, read a page of 200 at a time. */
static void bench_screen_codings(struct bench *b, int i)
{
	struct coding rows[200];
	jaw_err err;
	err_clear(&err);
	size_t first = bench_below(b, text_wrap_count(b->wrap) - 50), a, e, z;
	text_wrap_line(b->wrap, first, &a, &e);
	text_wrap_line(b->wrap, first + 49, &z, &e);
	(void)i;
	for (int64_t off = 0;; off += 200) {
		int n = coding_range_page(b->db, b->big, (int64_t)a, (int64_t)e, off, 200, rows, &err);
		if (n < 0)
			bench_die("listing codings", &err);
		for (int k = 0; k < n; k++)
			coding_clear(&rows[k]);
		if (n < 200)
			break;
	}
}

/* Stripes: the number of codings on each of 50 lines. */
static void bench_stripes(struct bench *b, int i)
{
	jaw_err err;
	err_clear(&err);
	size_t first = bench_below(b, text_wrap_count(b->wrap) - 50), a, e;
	(void)i;
	for (size_t k = first; k < first + 50; k++) {
		text_wrap_line(b->wrap, k, &a, &e);
		if (coding_range_count(b->db, b->big, (int64_t)a, (int64_t)e + 1, &err) < 0)
			bench_die("counting codings", &err);
	}
}

static void bench_step(struct bench *b, int i)
{
	struct coding c;
	jaw_err err;
	err_clear(&err);
	if (coding_step(b->db, b->big, (int64_t)bench_cp(b), i % 2 ? CODING_PREV : CODING_NEXT, &c,
	                &err) == 1)
		coding_clear(&c);
}

static void bench_segments(struct bench *b, int i)
{
	struct coding_segment rows[50];
	jaw_err err;
	err_clear(&err);
	int64_t code = b->codes[i % 8];
	int64_t total = coding_segments_count(b->db, code, CODING_WITH_SUBCODES, &err);
	int n = coding_segments_page(b->db, code, CODING_WITH_SUBCODES,
	                             (int64_t)bench_below(b, (size_t)(total > 50 ? total - 50 : 1)),
	                             50, rows, &err);
	if (n < 0)
		bench_die("listing segments", &err);
	for (int k = 0; k < n; k++)
		coding_segment_clear(&rows[k]);
}

static void bench_tree(struct bench *b, int i)
{
	struct codebook_row rows[40];
	jaw_err err;
	err_clear(&err);
	int64_t collapsed[] = {b->codes[i % 8]};
	int n = codebook_tree_page(b->db, collapsed, 1, 0, 40, rows, &err);
	for (int k = 0; k < n; k++)
		codebook_row_clear(&rows[k]);
}

static void bench_filter(struct bench *b, int i)
{
	static const char *const queries[] = {"co", "code 1", "c3", "de 2"};
	struct codebook_match rows[20];
	int64_t total;
	jaw_err err;
	err_clear(&err);
	int n = codebook_filter_page(b->db, queries[i % 4], 0, 20, rows, &total, &err);
	for (int k = 0; k < n; k++)
		codebook_match_clear(&rows[k]);
}

static void bench_export(struct bench *b, int i)
{
	jaw_err err;
	err_clear(&err);
	FILE *out = fopen("/dev/null", "w");
	(void)i;
	if (!out || export_run(&exporter_codings, b->db, out, NULL, &err) != JAW_OK)
		bench_die("exporting", &err);
	fclose(out);
}

int main(int argc, char **argv)
{
	if (!setlocale(LC_ALL, "C.UTF-8"))
		setlocale(LC_ALL, "");
	const char *tmp = getenv("TMPDIR");
	char *dir = xasprintf("%s/jaw-bench-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir))
		bench_die(dir, NULL);
	char *path = xasprintf("%s/bench.jaw", dir);
	struct bench b = {.rng = 0x9E3779B97F4A7C15u};
	double t0 = bench_now_ms();
	bench_setup(&b, path);
	printf("project: %zu code points (%zu bytes) in the big note, %lld codings, %zu display"
	       " lines at 80 columns; set up in %.0f ms\n\n", text_length(b.text),
	       (size_t)strlen(text_utf8(b.text, NULL)),
	       (long long)model_scalar(b.db, "SELECT count(*) FROM coding", NULL),
	       text_wrap_count(b.wrap), bench_now_ms() - t0);
	printf("%-44s %6s %10s %10s %10s\n", "benchmark (ms per run)", "runs", "p50", "p99", "max");
	static const struct {
		const char *name;
		int runs;
		void (*fn)(struct bench *, int);
	} table[] = {
		{"apply a code (journaled), checkpoints in it", 300, bench_apply},
		{"undo an apply", 100, bench_undo},
		{"redo an apply", 100, bench_redo},
		{"remove a coding (journaled)", 100, bench_remove},
		{"decode the 1 MB note (text_new)", 20, bench_text_new},
		{"wrap the 1 MB note (60-99 columns)", 20, bench_wrap},
		{"100 word motions", 200, bench_words},
		{"100 sentence motions", 200, bench_sentences},
		{"100 paragraph motions", 200, bench_paragraphs},
		{"sentence under the cursor", 1000, bench_sentence_at},
		{"100 line moves (j/k) keeping the column", 200, bench_line_moves},
		{"search from the cursor", 100, bench_search},
		{"codings of a 50-line screen", 300, bench_screen_codings},
		{"stripes: counts for each of 50 lines", 100, bench_stripes},
		{"next/previous coded segment", 500, bench_step},
		{"50 segments of a code, with sub-codes", 100, bench_segments},
		{"codebook tree page", 100, bench_tree},
		{"picker filter", 100, bench_filter},
		{"export all codings as CSV", 3, bench_export},
	};
	for (size_t i = 0; i < sizeof table / sizeof *table; i++)
		if (argc < 2 || strstr(table[i].name, argv[1]))
			bench_run(table[i].name, &b, table[i].runs, table[i].fn);
	/* the interface checkpoints the WAL in a thread instead (ui/main.c) */
	if (argc < 2 || strstr("apply a code (journaled), as the interface", argv[1])) {
		jaw_err err;
		err_clear(&err);
		if (db_checkpoint_in_background(b.db, &err) != JAW_OK)
			bench_die("starting the checkpointer", &err);
		bench_run("apply a code (journaled), as the interface", &b, 300, bench_apply);
	}
	text_wrap_free(b.wrap);
	text_free(b.text);
	db_close(b.db);
	if (getenv("JAW_BENCH_KEEP")) {
		printf("\nthe project is kept at %s\n", path);
	} else {
		db_remove_files(path);
		rmdir(dir);
	}
	free(path);
	free(dir);
	return 0;
}
