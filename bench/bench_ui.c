/* bench_ui.c - the interface at full scale (make bench-scale, through
 * bench/scale.sh): the real interface (libjawui) on a virtual terminal of
 * LINES x COLS (80x24 unless given), its output going through a pipe that
 * counts the bytes an SSH link would carry, driven by a script of keys.
 * Every key is timed from the key to the screen written (the handler, the
 * queries, the drawing and doupdate), as the loop does it.
 *
 * It prints, in Markdown, a table of actions with the number of keys, the
 * median (p50), 99th percentile and maximum in milliseconds, and the bytes
 * written to the terminal per key (mean and maximum); then the time to the
 * first full screen, the peak RSS, and the targets of issue 15 it can
 * judge (first screen, navigation keys, RSS, bytes per scroll key), each
 * "met" or "MISSED", also appended to TARGETS for bench/scale.sh.
 *
 * The project is changed (the reader codes): run it on a copy. With
 * JAW_BENCH_TRACE=FILE, every byte written goes to FILE too, each key's
 * after a line "=== ACTION"; JAW_BENCH_ONLY=PHASE,... runs only those
 * parts of the session (panes, reader, analysis, survey, codebook,
 * findings), to profile one.
 *
 * usage: bench_ui PROJECT TARGETS [LINES COLS] */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "benchutil.h"
#include "db.h"
#include "keys.h"
#include "project_schema.h"
#include "ui.h"
#include "xalloc.h"

enum { MAX_ACTIONS = 160, OPENS = 10, KEY_ENTER_ = '\n' };

/* The targets (issue 15). */
#define TARGET_FIRST_MS 100.0
#define TARGET_NAV_P99_MS 16.0
#define TARGET_RSS_MB 64.0
#define TARGET_SCROLL_BYTES 2048.0

/* What an action is, for the targets. */
enum act_kind {
	ACT_OTHER,  /* opening a table, a search, a filter, coding: timed, no target */
	ACT_NAV,    /* a navigation key: p99 under 16 ms */
	ACT_SCROLL, /* a key that scrolls a list or the reader: also at most 2 KB written */
	ACT_READER, /* another navigation key in the reader */
};

struct act {
	char name[80];
	enum act_kind kind;
	double *ms;
	long *bytes;
	int n, cap;
	long rss_rise_kb; /* how much the peak RSS rose during its keys */
};

static struct act bench_acts[MAX_ACTIONS];
static int bench_nacts;
static int bench_out_fd = -1; /* the pipe's reading end */
static FILE *bench_trace;      /* JAW_BENCH_TRACE: every byte, under each key's name */
static struct ui *bench_ui_;

/* Reads what the interface wrote to the terminal since the last call;
 * returns the number of bytes. */
static long bench_drain(void)
{
	char buf[65536];
	long total = 0;
	for (;;) {
		ssize_t n = read(bench_out_fd, buf, sizeof buf);
		if (n > 0) {
			total += n;
			if (bench_trace)
				fwrite(buf, 1, (size_t)n, bench_trace);
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		return total;
	}
}

static long bench_rss_kb(void);

static struct act *bench_act(const char *name, enum act_kind kind)
{
	for (int i = 0; i < bench_nacts; i++)
		if (strcmp(bench_acts[i].name, name) == 0)
			return &bench_acts[i];
	if (bench_nacts == MAX_ACTIONS) {
		fprintf(stderr, "bench_ui: more than %d actions\n", MAX_ACTIONS);
		exit(1);
	}
	struct act *a = &bench_acts[bench_nacts++];
	snprintf(a->name, sizeof a->name, "%s", name);
	a->kind = kind;
	return a;
}

static void bench_add(struct act *a, double ms, long bytes)
{
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 64;
		a->ms = xreallocarray(a->ms, (size_t)a->cap, sizeof *a->ms);
		a->bytes = xreallocarray(a->bytes, (size_t)a->cap, sizeof *a->bytes);
	}
	a->ms[a->n] = ms;
	a->bytes[a->n++] = bytes;
}

/* Presses key times times, each timed and its output counted under the
 * action name. */
static void bench_press(const char *name, enum act_kind kind, int key, int times)
{
	struct act *a = bench_act(name, kind);
	for (int i = 0; i < times; i++) {
		bench_drain();
		if (bench_trace)
			fprintf(bench_trace, "\n=== %s\n", name);
		long rss = bench_rss_kb();
		double t0 = bench_now_ms();
		ui_key(bench_ui_, key);
		ui_draw(bench_ui_);
		double ms = bench_now_ms() - t0;
		bench_add(a, ms, bench_drain());
		a->rss_rise_kb += bench_rss_kb() - rss;
	}
}

/* Types text at a prompt (each character timed as "typing in a prompt"),
 * then Enter, timed under name. */
static void bench_type(const char *name, const char *text)
{
	for (const char *p = text; *p; p++)
		bench_press("typing in a prompt or picker", ACT_OTHER, (unsigned char)*p, 1);
	bench_press(name, ACT_OTHER, KEY_ENTER_, 1);
}

/* A command line: ':' then text and Enter. */
static void bench_command(const char *name, const char *text)
{
	bench_press("':' (open the command line)", ACT_OTHER, ':', 1);
	bench_type(name, text);
}

/* Moving about a list: pages down and up, lines, the end and the top. */
static void bench_list(const char *list, int pages, int lines)
{
	char name[80];
	snprintf(name, sizeof name, "%s: PgDn", list);
	bench_press(name, ACT_SCROLL, KEYS_PGDN, pages);
	snprintf(name, sizeof name, "%s: PgUp", list);
	bench_press(name, ACT_SCROLL, KEYS_PGUP, pages / 2);
	snprintf(name, sizeof name, "%s: j (line down)", list);
	bench_press(name, ACT_SCROLL, 'j', lines);
	snprintf(name, sizeof name, "%s: k (line up)", list);
	bench_press(name, ACT_SCROLL, 'k', lines / 2);
	snprintf(name, sizeof name, "%s: G (the end)", list);
	bench_press(name, ACT_NAV, 'G', 1);
	snprintf(name, sizeof name, "%s: g (the top)", list);
	bench_press(name, ACT_NAV, 'g', 1);
}

static long bench_rss_kb(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

/* Opens the project and draws its first screen, as jaw does; returns
 * the time in ms and leaves the interface in bench_ui_. */
static double bench_open(const char *path, struct jawrc *rc, int lines, int cols, long *bytes)
{
	jaw_err err;
	err_clear(&err);
	bench_drain();
	clearok(curscr, TRUE); /* a new terminal: everything is written */
	double t0 = bench_now_ms();
	struct jaw_db *db = NULL;
	if (db_open(path, DB_OPEN_AS_ALLOWED, &project_schema, &db, &err) != JAW_OK)
		bench_fatal("bench_ui", path, &err);
	struct ui *ui = ui_new(db, rc, &err);
	if (!ui)
		bench_fatal("bench_ui", path, &err);
	ui->headless = true;
	ui_layout(ui, lines, cols);
	ui_update(ui);
	ui_draw(ui);
	double ms = bench_now_ms() - t0;
	*bytes = bench_drain();
	bench_ui_ = ui;
	return ms;
}

static void bench_close(void)
{
	struct jaw_db *db = bench_ui_->db;
	ui_free(bench_ui_);
	bench_ui_ = NULL;
	db_close(db);
}

/* The panes: the timeline, the stakeholders, the evidence (filtered,
 * searched). */
static void bench_panes(void)
{
	bench_press("T (focus the timeline)", ACT_NAV, 'T', 1);
	bench_list("timeline", 20, 120);
	bench_press("S (focus the stakeholders)", ACT_NAV, 'S', 1);
	bench_list("stakeholders", 20, 120);
	bench_press("E (focus the evidence)", ACT_NAV, 'E', 1);
	bench_list("evidence", 80, 300);
	bench_command("evidence: :filter kind=observation", "filter kind=observation");
	bench_press("evidence: x (every source again)", ACT_OTHER, 'x', 1);
	bench_press("'/' (open the search prompt)", ACT_OTHER, '/', 1);
	bench_type("evidence: / a title (Document 497)", "Document 497");
	bench_press("evidence: n (next match)", ACT_OTHER, 'n', 5);
}

/* The reader on the 1 MB note (found in the evidence): moving, selecting
 * and coding. */
static void bench_reader(void)
{
	bench_press("E (focus the evidence)", ACT_NAV, 'E', 1);
	bench_press("evidence: g (the top)", ACT_NAV, 'g', 1);
	bench_press("'/' (open the search prompt)", ACT_OTHER, '/', 1);
	bench_type("evidence: / a title (Interview 001)", "Interview 001 ");
	bench_press("open the 1 MB note (Enter)", ACT_OTHER, KEY_ENTER_, 1);
	static const struct {
		const char *name;
		int key, times;
		enum act_kind kind;
	} moves[] = {
		{"reader: j (line down)", 'j', 300, ACT_SCROLL},
		{"reader: k (line up)", 'k', 150, ACT_SCROLL},
		{"reader: w (word)", 'w', 300, ACT_READER},
		{"reader: b (word back)", 'b', 150, ACT_READER},
		{"reader: ) (sentence)", ')', 200, ACT_READER},
		{"reader: ( (sentence back)", '(', 100, ACT_READER},
		{"reader: } (paragraph)", '}', 100, ACT_READER},
		{"reader: { (paragraph back)", '{', 50, ACT_READER},
		{"reader: PgDn", KEYS_PGDN, 200, ACT_SCROLL},
		{"reader: PgUp", KEYS_PGUP, 100, ACT_SCROLL},
		{"reader: ] (next coded)", ']', 200, ACT_READER},
		{"reader: [ (previous coded)", '[', 100, ACT_READER},
		{"reader: l (right)", 'l', 100, ACT_READER},
	};
	for (size_t i = 0; i < sizeof moves / sizeof *moves; i++)
		bench_press(moves[i].name, moves[i].kind, moves[i].key, moves[i].times);
	for (int i = 0; i < 30; i++) {
		bench_press("reader: v (select)", ACT_READER, 'v', 1);
		bench_press("reader: w (word)", ACT_READER, 'w', 3);
		bench_press("reader: 1-9 (quick code)", ACT_OTHER, '1' + i % 9, 1);
		bench_press("reader: ) (sentence)", ACT_READER, ')', 2);
	}
	for (int i = 0; i < 10; i++) {
		bench_press("reader: c (the code picker)", ACT_OTHER, 'c', 1);
		bench_type("reader: code with the picker (Enter)", i % 2 ? "Code 17" : "Code 1");
		bench_press("reader: } (paragraph)", ACT_READER, '}', 2);
	}
	bench_press("reader: q (back to the evidence)", ACT_OTHER, 'q', 1);
}

/* The analysis: the largest code's segments, the tables, the search, the
 * survey questions (Likert items). */
static void bench_analysis(void)
{
	bench_press("A (analysis: every coded segment)", ACT_OTHER, 'A', 1);
	bench_command("retrieval of the largest code (Code 1)", "retrieve code=\"Code 1\"");
	bench_list("retrieval", 60, 200);
	bench_press("frequencies (2)", ACT_OTHER, '2', 1);
	bench_list("frequencies", 4, 20);
	bench_press("crosstab by organisation (3)", ACT_OTHER, '3', 1);
	bench_command("crosstab by Nation, respondents", "crosstab Nation respondents");
	bench_command("crosstab by Nation, segments", "crosstab Nation segments");
	bench_press("crosstab: l (column right)", ACT_NAV, 'l', 10);
	bench_list("crosstab", 4, 20);
	bench_press("co-occurrence (4)", ACT_OTHER, '4', 1);
	bench_press("co-occurrence: l (column right)", ACT_NAV, 'l', 10);
	bench_list("co-occurrence", 4, 20);
	bench_press("agreement (5)", ACT_OTHER, '5', 1);
	bench_command("agreement of amira, tomas, kofi", "agreement amira tomas kofi");
	bench_list("agreement", 4, 20);
	bench_press("saturation (6)", ACT_OTHER, '6', 1);
	bench_list("saturation", 4, 20);
	bench_press("search (7)", ACT_OTHER, '7', 1);
	bench_command("full-text search (:find checkpoint convoy)", "find checkpoint convoy");
	bench_list("search", 10, 40);
	bench_press("survey questions (8)", ACT_OTHER, '8', 1);
	bench_list("survey questions", 4, 20);
	bench_press("q (back to the panes)", ACT_OTHER, 'q', 1);
}

/* The survey: respondents and open answers. */
static void bench_survey(void)
{
	bench_press("U (the survey: respondents)", ACT_OTHER, 'U', 1);
	bench_list("respondents", 80, 200);
	bench_press("'/' (open the search prompt)", ACT_OTHER, '/', 1);
	bench_type("respondents: / R0150000", "R0150000");
	bench_press("questions (2)", ACT_OTHER, '2', 1);
	bench_press("open answers (3)", ACT_OTHER, '3', 1);
	bench_list("open answers", 80, 200);
	bench_press("codings by attribute (4)", ACT_OTHER, '4', 1);
	bench_press("q (back to the panes)", ACT_OTHER, 'q', 1);
}

/* The codebook. */
static void bench_codebook(void)
{
	bench_press("C (the codebook)", ACT_OTHER, 'C', 1);
	bench_list("codebook", 20, 100);
	bench_press("q (back to the panes)", ACT_OTHER, 'q', 1);
}

static FILE *bench_notes; /* what the report says besides the table */

/* The findings view, when there is one. */
static void bench_findings(void)
{
	FILE *notes = bench_notes;
	int v = ui_view_find("findings");
	if (v < 0) {
		fprintf(notes, "- The findings view: skipped, this build has none (no view named"
		        " \"findings\" in src/views.def).\n");
		return;
	}
	struct ui_target t = {.view = v, .at = -1};
	double t0 = bench_now_ms();
	bench_drain();
	ui_show(bench_ui_, &t);
	ui_draw(bench_ui_);
	bench_add(bench_act("the findings view (open)", ACT_OTHER), bench_now_ms() - t0,
	          bench_drain());
	bench_list("findings", 20, 100);
	bench_press("findings: Enter (a finding)", ACT_OTHER, KEY_ENTER_, 1);
	bench_press("q (back to the panes)", ACT_OTHER, 'q', 1);
}

/* The parts of the session, in order; JAW_BENCH_ONLY=reader,survey runs
 * only those named (to profile one: perf record with it). */
static const struct {
	const char *name;
	void (*run)(void);
} bench_phases[] = {
	{"panes", bench_panes}, {"reader", bench_reader}, {"analysis", bench_analysis},
	{"survey", bench_survey}, {"codebook", bench_codebook}, {"findings", bench_findings},
};

/* Runs the phases asked for, saying the peak RSS after each. */
static void bench_session(void)
{
	const char *only = getenv("JAW_BENCH_ONLY");
	for (size_t i = 0; i < sizeof bench_phases / sizeof *bench_phases; i++) {
		const char *name = bench_phases[i].name;
		const char *at = only ? strstr(only, name) : NULL;
		size_t len = strlen(name);
		if (only && !(at && (at == only || at[-1] == ',') && (at[len] == ',' || !at[len])))
			continue;
		double t0 = bench_now_ms();
		bench_phases[i].run();
		fprintf(bench_notes, "- %s: %.1f s; peak RSS so far %.1f MB.\n", name,
		        (bench_now_ms() - t0) / 1e3, bench_rss_kb() / 1024.0);
	}
}

/* The actions that raised the peak RSS by a megabyte or more. */
static void bench_print_rises(void)
{
	bool any = false;
	for (int i = 0; i < bench_nacts; i++) {
		const struct act *a = &bench_acts[i];
		if (a->rss_rise_kb < 1024)
			continue;
		printf("%s %s (+%.1f MB)", any ? "," : "- The peak RSS rose most in:", a->name,
		       a->rss_rise_kb / 1024.0);
		any = true;
	}
	if (any)
		printf(".\n");
}

static void bench_print_row(const struct act *a)
{
	struct bench_pct p = bench_percentiles(a->ms, a->n);
	long sum = 0, max = 0;
	for (int i = 0; i < a->n; i++) {
		sum += a->bytes[i];
		if (a->bytes[i] > max)
			max = a->bytes[i];
	}
	printf("| %s | %d | %.2f | %.2f | %.2f | %ld | %ld |\n", a->name, a->n, p.p50, p.p99, p.max,
	       sum / a->n, max);
}

/* The worst action of kind (by p99, or by mean bytes when bytes). */
static const struct act *bench_worst(enum act_kind kind, bool bytes, double *value)
{
	const struct act *worst = NULL;
	*value = 0;
	for (int i = 0; i < bench_nacts; i++) {
		const struct act *a = &bench_acts[i];
		if (a->kind != kind && !(kind == ACT_NAV && a->kind != ACT_OTHER))
			continue;
		double v = 0;
		if (bytes) {
			for (int k = 0; k < a->n; k++)
				v += (double)a->bytes[k];
			v /= a->n;
		} else {
			v = bench_percentiles(a->ms, a->n).p99;
		}
		if (!worst || v > *value) {
			worst = a;
			*value = v;
		}
	}
	return worst;
}

static void bench_target(FILE *t, const char *what, const char *measured, bool met,
                         const char *target)
{
	fprintf(t, "| %s | %s | %s | %s |\n", what, measured, target, met ? "met" : "**MISSED**");
}

static void bench_targets(FILE *t, double first_ms, long rss_kb)
{
	char m[200];
	snprintf(m, sizeof m, "%.1f ms", first_ms);
	bench_target(t, "time to the first full screen (first open)", m,
	             first_ms < TARGET_FIRST_MS, "< 100 ms");
	double v;
	const struct act *a = bench_worst(ACT_NAV, false, &v);
	snprintf(m, sizeof m, "%.2f ms (worst: %s)", v, a ? a->name : "none");
	bench_target(t, "p99 of every navigation key", m, v < TARGET_NAV_P99_MS, "< 16 ms");
	snprintf(m, sizeof m, "%.1f MB", rss_kb / 1024.0);
	bench_target(t, "peak RSS of the interface (whole session)", m,
	             rss_kb / 1024.0 < TARGET_RSS_MB, "< 64 MB");
	a = bench_worst(ACT_SCROLL, true, &v);
	snprintf(m, sizeof m, "%.0f bytes (worst mean: %s)", v, a ? a->name : "none");
	bench_target(t, "bytes written per scroll key at 80x24", m, v <= TARGET_SCROLL_BYTES,
	             "<= 2 KB");
}

/* The terminal: a pipe (as large as the system lets it be) read after
 * every key; curses set up as ui_start_terminal does. */
static SCREEN *bench_terminal(int lines, int cols, FILE **out, FILE **in)
{
	int fds[2];
	if (pipe(fds) != 0) {
		perror("bench_ui: pipe");
		exit(1);
	}
	fcntl(fds[0], F_SETPIPE_SZ, 1 << 20);
	fcntl(fds[0], F_SETFL, O_NONBLOCK);
	bench_out_fd = fds[0];
	char l[16], c[16];
	snprintf(l, sizeof l, "%d", lines);
	snprintf(c, sizeof c, "%d", cols);
	setenv("LINES", l, 1);
	setenv("COLUMNS", c, 1);
	*out = fdopen(fds[1], "w");
	*in = fopen("/dev/null", "r");
	SCREEN *sp = newterm("xterm-256color", *out, *in);
	if (!sp) {
		fputs("bench_ui: no xterm-256color terminal description\n", stderr);
		exit(1);
	}
	set_term(sp);
	noecho();
	nonl();
	curs_set(0);
	return sp;
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "C.UTF-8");
	if (argc != 3 && argc != 5) {
		fputs("usage: bench_ui PROJECT TARGETS [LINES COLS]\n", stderr);
		return 2;
	}
	int lines = argc == 5 ? atoi(argv[3]) : 24, cols = argc == 5 ? atoi(argv[4]) : 80;
	FILE *targets = fopen(argv[2], "a");
	if (!targets) {
		perror(argv[2]);
		return 1;
	}
	if (getenv("JAW_BENCH_TRACE") && !(bench_trace = fopen(getenv("JAW_BENCH_TRACE"), "w"))) {
		perror(getenv("JAW_BENCH_TRACE"));
		return 1;
	}
	struct jawrc *rc = jawrc_new();
	jawrc_load_defaults(rc, NULL, NULL);
	FILE *out, *in;
	SCREEN *sp = bench_terminal(lines, cols, &out, &in);
	colour_init(rc);

	double open_ms[OPENS], first_ms = 0;
	long first_bytes = 0;
	for (int i = 0; i < OPENS; i++) {
		long bytes;
		open_ms[i] = bench_open(argv[1], rc, lines, cols, &bytes);
		if (i == 0) {
			first_ms = open_ms[i];
			first_bytes = bytes;
		}
		if (i < OPENS - 1)
			bench_close();
	}
	long open_rss = bench_rss_kb();
	struct bench_pct open = bench_percentiles(open_ms, OPENS);

	char *notes_text = NULL;
	size_t notes_len = 0;
	bench_notes = open_memstream(&notes_text, &notes_len);
	double t0 = bench_now_ms();
	bench_session();
	double session_s = (bench_now_ms() - t0) / 1e3;
	long rss = bench_rss_kb();
	fclose(bench_notes);

	printf("The interface at %dx%d (xterm-256color), every key timed from the key to the"
	       " screen written; bytes are what it wrote to the terminal for that key.\n\n",
	       cols, lines);
	printf("- Opening the project (db_open to the first full screen): first %.1f ms, then p50"
	       " %.1f ms, max %.1f ms over %d opens; %ld bytes for the first screen; peak RSS"
	       " after it %.1f MB.\n", first_ms, open.p50, open.max, OPENS, first_bytes,
	       open_rss / 1024.0);
	printf("- The whole session: %.1f s, peak RSS %.1f MB. Its parts:\n", session_s,
	       rss / 1024.0);
	fputs(notes_text, stdout);
	free(notes_text);
	bench_print_rises();
	printf("\n| action | keys | p50 ms | p99 ms | max ms | bytes/key | max bytes |\n"
	       "| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
	for (int i = 0; i < bench_nacts; i++)
		bench_print_row(&bench_acts[i]);
	bench_targets(targets, first_ms, rss);
	fclose(targets);

	bench_close();
	endwin();
	delscreen(sp);
	fclose(out);
	fclose(in);
	jawrc_free(rc);
	if (bench_trace)
		fclose(bench_trace);
	for (int i = 0; i < bench_nacts; i++) {
		free(bench_acts[i].ms);
		free(bench_acts[i].bytes);
	}
	return 0;
}
