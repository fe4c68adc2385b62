/* bench_reader.c - the reader's keys on a 1 MB note in a project with
 * 100,000 codings, through the real interface on a virtual terminal
 * (ncurses writing to /dev/null, 100x40). It opens the note, then presses
 * each reader key many times and prints, per key, the median (p50), the
 * 99th percentile and the maximum time in milliseconds from reading the key
 * to the next key (the action, the codings of the screen and the drawing).
 * The peer is the budget of one frame at 60 Hz (16.7 ms): the ratio says
 * how much of a frame a key's p99 takes. It also times applying a code.
 *
 * usage: bench_reader [CODINGS] */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "benchutil.h"
#include "coding.h"
#include "db.h"
#include "keys.h"
#include "model.h"
#include "project_schema.h"
#include "ui.h"
#include "xalloc.h"

enum { PRESSES = 400, FRAME_US = 16667 };

static void bench_fill(struct jaw_db *db, long codings)
{
	jaw_err err;
	err_clear(&err);
	char *text = bench_text_new(1000000, 7);
	struct source src = {.kind = "interview", .title = "A 1 MB interview", .text = text};
	if (model_source_add(db, &src, &err) != JAW_OK) {
		fprintf(stderr, "bench_reader: %s\n", err.msg);
		exit(1);
	}
	free(text);
	char sql[1024];
	snprintf(sql, sizeof sql,
		"BEGIN;"
		"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40)"
		" INSERT INTO code (name, colour) SELECT 'Code ' || i, printf('#%%02x%%02x%%02x',"
		" i * 37 %% 256, i * 91 %% 256, i * 53 %% 256) FROM n;"
		"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %ld)"
		" INSERT INTO coding (source_id, start_cp, end_cp, code_id, coder)"
		" SELECT %lld, (i * 9973) %% 990000, (i * 9973) %% 990000 + 20 + i %% 400,"
		" 1 + i %% 40, 'bench' FROM n;"
		"COMMIT;", codings, (long long)src.id);
	if (db_exec(db, sql, &err) != JAW_OK) {
		fprintf(stderr, "bench_reader: %s\n", err.msg);
		exit(1);
	}
}

static void bench_report(const char *name, const double *t, int n)
{
	struct bench_pct p = bench_percentiles(t, n);
	printf("%-22s p50 %6.2f ms  p99 %6.2f ms  max %6.2f ms  p99/frame %4.2f\n", name, p.p50,
	       p.p99, p.max, p.p99 * 1000 / FRAME_US);
}

/* Presses key PRESSES times in one reader session and reports the time
 * of each, from the key to the screen drawn (as the loop does). */
static void bench_key(struct ui *ui, const char *name, int key)
{
	double opened = bench_now_ms();
	struct ui_target t = {.view = VIEW_READER, .id = 1, .at = 500000};
	int depth = ui->depth;
	ui_show(ui, &t);
	ui_draw(ui);
	if (strcmp(name, "open") == 0) {
		printf("%-22s %6.2f ms (decode, wrap and first screen)\n", "open the 1 MB note",
		       bench_now_ms() - opened);
		ui_close_to(ui, depth);
		return;
	}
	double *per = xmalloc(PRESSES * sizeof *per);
	for (int i = 0; i < PRESSES; i++) {
		double start = bench_now_ms();
		ui_key(ui, key);
		ui_draw(ui);
		per[i] = bench_now_ms() - start;
	}
	bench_report(name, per, PRESSES);
	free(per);
	ui_close_to(ui, depth);
}

static void bench_apply(struct jaw_db *db)
{
	enum { N = 200 };
	double t[N];
	jaw_err err;
	err_clear(&err);
	for (int i = 0; i < N; i++) {
		double start = bench_now_ms();
		if (coding_apply(db, "bench", 1, 1000 + i * 50, 1030 + i * 50, 1 + i % 40, NULL, NULL,
		                 &err) != JAW_OK) {
			fprintf(stderr, "bench_reader: %s\n", err.msg);
			exit(1);
		}
		t[i] = bench_now_ms() - start;
	}
	bench_report("apply a code", t, N);
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "C.UTF-8");
	long codings = argc > 1 ? atol(argv[1]) : 100000;
	char path[] = "/tmp/jaw-bench-reader-XXXXXX";
	int fd = mkstemp(path);
	close(fd);
	unlink(path);
	jaw_err err;
	err_clear(&err);
	struct jaw_db *db = NULL;
	if (db_create(path, &project_schema, &db, &err) != JAW_OK) {
		fprintf(stderr, "bench_reader: %s\n", err.msg);
		return 1;
	}
	bench_fill(db, codings);
	printf("a 1 MB note with %ld codings, on a 100x40 virtual terminal\n", codings);
	struct jawrc *rc = jawrc_new();
	jawrc_load_defaults(rc, NULL, NULL);
	setenv("LINES", "40", 1);
	setenv("COLUMNS", "100", 1);
	FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
	SCREEN *sp = newterm("xterm-256color", out, in);
	set_term(sp);
	colour_init(rc);
	struct ui *ui = ui_new(db, rc, &err);
	ui->headless = true;
	ui_layout(ui, 40, 100);
	static const struct {
		const char *name;
		int key;
	} keys[] = {
		{"open", 'j'}, {"j (line down)", 'j'}, {"k (line up)", 'k'}, {"w (word)", 'w'},
		{"b (word back)", 'b'}, {") (sentence)", ')'}, {"( (sentence back)", '('},
		{"} (paragraph)", '}'}, {"{ (paragraph back)", '{'}, {"PgDn", KEYS_PGDN},
		{"PgUp", KEYS_PGUP}, {"] (next coded)", ']'}, {"[ (previous coded)", '['},
		{"v (select)", 'v'}, {"l (right)", 'l'},
	};
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
		bench_key(ui, keys[i].name, keys[i].key);
	bench_apply(db);
	ui_free(ui);
	endwin();
	delscreen(sp);
	fclose(out);
	fclose(in);
	jawrc_free(rc);
	db_close(db);
	db_remove_files(path);
	return 0;
}
