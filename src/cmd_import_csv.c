/* cmd_import_csv.c - jaw import-csv: survey results from a CSV file. */
#include "config.h"

#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "csvimport.h"
#include "csvread.h"
#include "db.h"
#include "project_schema.h"
#include "utf8.h"
#include "xalloc.h"

/* The progress bar on stderr, redrawn at most ten times a second. */
struct cmd_bar {
	bool on;
	double start, last;
	const char *phase;
	double phase_start;
};

static double cmd_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void cmd_bar_progress(void *ctx, const char *phase, int64_t done, int64_t total,
                             int64_t rows)
{
	struct cmd_bar *bar = ctx;
	double now = cmd_now();
	if (bar->phase != phase && (!bar->phase || strcmp(bar->phase, phase) != 0)) {
		bar->phase = phase;
		bar->phase_start = now;
	}
	if (!bar->on || now - bar->last < 0.1)
		return;
	bar->last = now;
	double frac = total > 0 ? (double)done / (double)total : 0;
	frac = frac > 1 ? 1 : frac;
	double secs = now - bar->phase_start;
	char cells[21];
	int full = (int)(frac * 20);
	for (int i = 0; i < 20; i++)
		cells[i] = i < full ? '#' : '.';
	cells[20] = '\0';
	char rate[32] = "", eta[32] = "";
	if (strcmp(phase, "indexing") != 0 && secs > 0)
		snprintf(rate, sizeof rate, "%6.1f MB/s", (double)done / 1e6 / secs);
	if (frac > 0.02 && frac < 1)
		snprintf(eta, sizeof eta, "ETA %3.0f s", secs / frac - secs);
	fprintf(stderr, "\r%-9s [%s] %3.0f%% %9lld rows %s %s \r", phase, cells, frac * 100,
	        (long long)rows, rate, eta);
	fflush(stderr);
}

static void cmd_bar_clear(struct cmd_bar *bar)
{
	if (bar->on && bar->last > 0)
		fprintf(stderr, "\r%79s\r", "");
}

/* ---- options ------------------------------------------------------------ */

/* Reads --delimiter: one character, or a name. */
static int cmd_delimiter(const struct cmd_args *c, const char *arg, char *out)
{
	static const struct {
		const char *name;
		char c;
	} names[] = {{"comma", ','}, {"semicolon", ';'}, {"tab", '\t'}, {"\\t", '\t'},
	             {"pipe", '|'}};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (strcmp(arg, names[i].name) == 0) {
			*out = names[i].c;
			return JAW_OK;
		}
	if (strlen(arg) != 1 || arg[0] == '"' || arg[0] == '\n' || arg[0] == '\r')
		return cmd_usage(c, "--delimiter takes one character (or comma, semicolon, tab, pipe)");
	*out = arg[0];
	return JAW_OK;
}

/* Reads a heading row's number (--header-rows, --names-row, --question-row)
 * if the option is given. */
static int cmd_row_number(const struct cmd_args *c, const char *option, int *out)
{
	const char *arg = cmd_value(c, option);
	if (!arg)
		return JAW_OK;
	char *end;
	long n = strtol(arg, &end, 10);
	if (*arg == '\0' || *end != '\0' || n < 1 || n > CSVIMPORT_MAX_HEADER_ROWS)
		return cmd_usage(c, "--%s takes a number from 1 to %d", option,
		                 CSVIMPORT_MAX_HEADER_ROWS);
	*out = (int)n;
	return JAW_OK;
}

struct cmd_import_args {
	struct csvimport_options opt;
	bool dry_run;
	const char *project, *csv;
};

/* Takes the command line of import-csv. */
static int cmd_import_args(const struct cmd_args *c, struct cmd_import_args *a)
{
	static const char *const roles[SURVEY_ROLE_COUNT] = {"id", "attribute", "likert", "text",
	                                                     "ignore"};
	a->opt.name = cmd_value(c, "name");
	for (int r = 0; r < SURVEY_ROLE_COUNT; r++)
		a->opt.roles[r] = cmd_value(c, roles[r]);
	a->opt.encoding = cmd_value(c, "encoding");
	a->dry_run = cmd_value(c, "dry-run") != NULL;
	a->opt.strict = cmd_value(c, "strict") != NULL;
	const char *quote = cmd_value(c, "quote");
	if (quote && strcmp(quote, "double") == 0)
		a->opt.quote = CSVREAD_QUOTE_DOUBLE;
	else if (quote && strcmp(quote, "none") == 0)
		a->opt.quote = CSVREAD_QUOTE_NONE;
	else if (quote)
		return cmd_usage(c, "--quote takes double or none");
	const char *delimiter = cmd_value(c, "delimiter");
	if (delimiter && cmd_delimiter(c, delimiter, &a->opt.delimiter) != JAW_OK)
		return JAW_USAGE;
	if (cmd_row_number(c, "header-rows", &a->opt.header_rows) != JAW_OK ||
	    cmd_row_number(c, "names-row", &a->opt.names_row) != JAW_OK ||
	    cmd_row_number(c, "question-row", &a->opt.question_row) != JAW_OK)
		return JAW_USAGE;
	a->opt.skip_rows = cmd_value(c, "skip-rows");
	a->opt.keep_personal = cmd_value(c, "keep-personal");
	a->opt.scales = cmd_value(c, "scale");
	a->project = c->words[0];
	a->csv = c->words[1];
	if (a->opt.encoding && !*a->opt.encoding)
		return cmd_usage(c, "--encoding must not be empty");
	return JAW_OK;
}

/* ---- the dry run's plan ------------------------------------------------- */

/* Prints before, text (from the file) made safe for a terminal, and after. */
static void cmd_put_safe(const char *before, const char *text, const char *after)
{
	char *safe = utf8_sanitize_new(text);
	printf("%s%s%s", before, safe, after);
	free(safe);
}

/* What a column's values look like, in a few words. */
static void cmd_column_detail(const struct csvimport_column *c, char *out, size_t size)
{
	out[0] = '\0';
	if (c->role == SURVEY_ROLE_LIKERT && c->nlabels > 0)
		csvimport_column_mapping(c, out, size);
	else if (c->role == SURVEY_ROLE_LIKERT || (c->type != SURVEY_TYPE_TEXT && c->values > 0))
		snprintf(out, size, "%.15g-%.15g", c->min, c->max);
	else if (c->role == SURVEY_ROLE_ATTRIBUTE && c->distinct < CSVIMPORT_MANY)
		snprintf(out, size, "%d distinct", c->distinct);
	else if (c->role == SURVEY_ROLE_ATTRIBUTE)
		snprintf(out, size, "many distinct");
}

static void cmd_print_column(const struct csvimport_column *c)
{
	char detail[1024];
	cmd_column_detail(c, detail, sizeof detail);
	printf("  %3d  %-9s  %-7s  %7lld  ", c->position, survey_role_name(c->role),
	       survey_type_name(c->type), (long long)c->values);
	cmd_put_safe("", c->label, "  (");
	printf("%s%s", c->role_given ? "given" : c->reason, *detail ? "; " : "");
	cmd_put_safe("", detail, ")\n");
	if (strcmp(c->question, c->label) != 0 && *c->question)
		cmd_put_safe("                                      question: ", c->question, "\n");
}

static void cmd_print_plan(const struct csvimport_plan *p, const char *imported_as)
{
	cmd_put_safe("", p->path, ": ");
	printf("%lld respondent%s, %d column%s, %lld open answer%s (%s-delimited%s, %s, %d heading"
	       " row%s)\n", (long long)p->rows, p->rows == 1 ? "" : "s", p->ncolumns,
	       p->ncolumns == 1 ? "" : "s", (long long)p->answers, p->answers == 1 ? "" : "s",
	       csvread_delimiter_name(p->delimiter),
	       p->quote == CSVREAD_QUOTE_NONE ? " without quoting" : "", p->encoding,
	       p->header_rows, p->header_rows == 1 ? "" : "s");
	cmd_put_safe("survey: ", p->name, "");
	if (imported_as)
		cmd_put_safe(" (this file was already imported as \"", imported_as, "\")");
	if (p->layout.name) {
		char options[128];
		csvimport_layout_options(&p->layout, options, sizeof options);
		printf("\nlayout: a %s export (read as %s)", p->layout.name, options);
	}
	printf("\n  col  role       type      values  label  (why)\n");
	for (int i = 0; i < p->ncolumns; i++)
		cmd_print_column(&p->columns[i]);
	if (p->nproblems > 0)
		printf("problems:\n");
	for (int i = 0; i < p->nproblems; i++)
		cmd_put_safe("  ", p->problems[i], "\n");
	if (p->problems_left_out > 0)
		printf("  and %lld more\n", (long long)p->problems_left_out);
	printf("dry run: nothing imported\n");
}

/* ---- the import ---------------------------------------------------------- */

static void cmd_print_summary(const struct csvimport_plan *p, const struct csvimport_result *r,
                              const char *project)
{
	int counts[SURVEY_ROLE_COUNT];
	csvimport_plan_role_counts(p, counts);
	cmd_put_safe("imported survey \"", p->name, "\"");
	cmd_put_safe(" from ", p->path, "");
	cmd_put_safe(" into ", project, ":\n");
	int64_t all = r->values + r->answers;
	printf("  %lld respondent%s, %lld answer%s (%lld value%s, %lld open answer%s, now"
	       " sources)\n", (long long)r->respondents, r->respondents == 1 ? "" : "s",
	       (long long)all, all == 1 ? "" : "s", (long long)r->values, r->values == 1 ? "" : "s",
	       (long long)r->answers, r->answers == 1 ? "" : "s");
	printf("  columns: %d id, %d attribute, %d likert, %d open text, %d ignored\n",
	       counts[SURVEY_ROLE_ID], counts[SURVEY_ROLE_ATTRIBUTE], counts[SURVEY_ROLE_LIKERT],
	       counts[SURVEY_ROLE_TEXT], counts[SURVEY_ROLE_IGNORE]);
	const char *sep = "  personal data not stored: ";
	for (int i = 0; i < p->ncolumns; i++)
		if (p->columns[i].personal && !p->columns[i].keep) {
			cmd_put_safe(sep, p->columns[i].label, "");
			sep = ", ";
		}
	if (*sep == ',')
		printf(" (--keep-personal keeps a column)\n");
	printf("  took %.1f s\n", r->seconds);
}

/* The dry run: print the plan; exit 1 if it has errors. */
static int cmd_dry_run(struct jaw_db *db, const struct csvimport_plan *plan)
{
	jaw_err err;
	err_clear(&err);
	char *before = NULL;
	csvimport_find_imported(db, plan, &before, &err);
	cmd_print_plan(plan, before);
	free(before);
	return plan->errors > 0 ? JAW_FAIL : 0;
}

/* The import left its pages in the WAL (defer_checkpoint): `jaw
 * checkpoint` copies them into the project file after the import is
 * reported, in a process of its own (so that the command does not wait
 * while hundreds of MB are written a second time). It is started while
 * this process still has the project open, and waited for until it has
 * it open too (its first line), so that it finds the WAL's index in
 * shared memory instead of rebuilding it, which would hold up readers for
 * a moment. True if it has the project open; otherwise the caller's close
 * checkpoints, as usual. */
static bool cmd_checkpoint_behind(const char *project)
{
	int fds[2];
	if (pipe(fds) != 0)
		return false;
	fflush(stdout);
	fflush(stderr);
	pid_t pid = fork();
	if (pid == 0) {
		/* in a session of its own, with none of the command's output open;
		 * a grandchild, so that no one waits for it */
		int null = open("/dev/null", O_RDWR);
		dup2(null, STDIN_FILENO);
		dup2(fds[1], STDOUT_FILENO);
		dup2(null, STDERR_FILENO);
		for (int fd = 3; fd < 1024; fd++)
			close(fd);
		if (setsid() < 0 || fork() != 0)
			_exit(0);
		execl("/proc/self/exe", "jaw", "checkpoint", project, (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	if (pid > 0)
		waitpid(pid, NULL, 0);
	char first;
	bool ready = pid > 0 && read(fds[0], &first, 1) == 1;
	close(fds[0]);
	return ready;
}

int cmd_checkpoint(const struct cmd_args *c)
{
	const char *path = c->words[0];
	signal(SIGPIPE, SIG_IGN); /* the import that started it may be gone */
	jaw_err err;
	err_clear(&err);
	struct jaw_db *db = NULL;
	if (db_open(path, 0, &project_schema, &db, &err) != JAW_OK)
		return cmd_fail(JAW_FAIL, err.msg);
	cmd_put_safe("", path, ": copying what the WAL holds into the file\n");
	fflush(stdout);
	/* Passive, and the close leaves the WAL be: emptying or removing it
	 * would lock others out for a moment, and a script's sqlite3, which
	 * does not wait, would fail. The next writer starts it afresh (and
	 * cuts it back to 4 MiB), the next jaw to close the project last
	 * removes it. */
	int logged = 0, copied = 0;
	int rc = sqlite3_wal_checkpoint_v2(db_sqlite(db), "main", SQLITE_CHECKPOINT_PASSIVE, &logged,
	                                   &copied);
	sqlite3_db_config(db_sqlite(db), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, (int *)NULL);
	if (rc != SQLITE_OK) {
		err_db(&err, db_sqlite(db), "PRAGMA wal_checkpoint");
		db_close(db);
		return cmd_fail(JAW_FAIL, err.msg);
	}
	if (copied < logged)
		printf("%d of %d pages copied (readers still use the rest; a later checkpoint copies"
		       " it)\n", copied > 0 ? copied : 0, logged);
	else
		printf("%d pages copied\n", logged > 0 ? logged : 0);
	db_close(db);
	return 0;
}

static int cmd_import_with(struct cmd_import_args *a, struct cmd_bar *bar)
{
	jaw_err err;
	err_clear(&err);
	struct jaw_db *db = NULL;
	if (db_open(a->project, 0, &project_schema, &db, &err) != JAW_OK)
		return cmd_fail(JAW_FAIL, err.msg);
	a->opt.check_ids = a->dry_run;
	struct csvimport_plan *plan = NULL;
	int status;
	if (a->dry_run) {
		plan = csvimport_plan_new(a->csv, &a->opt, &err);
		cmd_bar_clear(bar);
		status = plan ? cmd_dry_run(db, plan)
		              : cmd_fail(err.status == JAW_USAGE ? JAW_USAGE : JAW_FAIL, err.msg);
	} else {
		/* planned and imported in one read of the file when it can be */
		struct csvimport_result res;
		a->opt.defer_checkpoint = true;
		int rc = csvimport_file(db, a->csv, &a->opt, &plan, &res, &err);
		cmd_bar_clear(bar);
		res.seconds = cmd_now() - bar->start;
		if (rc == JAW_OK) {
			cmd_print_summary(plan, &res, a->project);
			if (cmd_checkpoint_behind(a->project))
				sqlite3_db_config(db_sqlite(db), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1,
				                  (int *)NULL);
		}
		status = rc == JAW_OK ? 0 : cmd_fail(rc == JAW_USAGE ? JAW_USAGE : JAW_FAIL, err.msg);
	}
	csvimport_plan_free(plan);
	db_close(db);
	return status;
}

int cmd_import_csv(const struct cmd_args *c)
{
	struct cmd_import_args a;
	memset(&a, 0, sizeof a);
	int rc = cmd_import_args(c, &a);
	if (rc != JAW_OK)
		return rc;
	struct cmd_bar bar = {.on = isatty(STDERR_FILENO), .start = cmd_now()};
	a.opt.progress = cmd_bar_progress;
	a.opt.progress_ctx = &bar;
	return cmd_import_with(&a, &bar);
}
