/* export_dialog.c - :export [--excel] FORMAT PATH in the interface: any
 * exporter of export_all (the formats jaw export knows), into a file
 * written atomically (export_to_path: a temporary file renamed at the
 * end), asking before it replaces a file. A long export shows a progress
 * bar in the status line; Esc stops it and leaves no file behind. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "export.h"
#include "keys.h"
#include "ui.h"
#include "xalloc.h"

enum {
	EXPORT_BAR = 20,       /* cells of the bar */
	EXPORT_SHOW_MS = 200,  /* an export shorter than this shows no bar */
	EXPORT_DRAW_MS = 100,  /* the bar is drawn again at most this often */
	EXPORT_POLL_ROWS = 16, /* Esc is looked for every so many rows */
};

/* An export asked for: the exporter, the file, how. */
struct export_job {
	struct ui *ui;
	const struct exporter *x;
	char *path;
	struct export_options opt;
	bool ran;       /* the question was answered y */
	bool cancelled; /* Esc stopped it */
	long start_ms, drawn_ms;
};

static void export_job_free(void *p)
{
	struct export_job *j = p;
	if (!j)
		return;
	if (!j->ran)
		ui_message(j->ui, "Nothing exported: \"%.300s\" stays as it was.", j->path);
	free(j->path);
	free(j);
}

static long export_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Draws the bar (or, when the exporter cannot say how many rows, the rows
 * so far) in the status line. */
static void export_draw(struct export_job *j, int64_t done, int64_t total)
{
	char text[300];
	if (total > 0) {
		int permille = (int)(done * 1000 / total);
		permille = permille > 1000 ? 1000 : permille;
		char bar[EXPORT_BAR * 3 + 1] = "";
		for (int i = 0; i < EXPORT_BAR; i++)
			strcat(bar, i < permille * EXPORT_BAR / 1000 ? "\u2588" : "\u00b7");
		snprintf(text, sizeof text, "Exporting %s: %s %3d%%  %lld of %lld rows  (Esc stops)",
		         j->x->name, bar, permille / 10, (long long)done, (long long)total);
	} else {
		snprintf(text, sizeof text, "Exporting %s: %lld rows  (Esc stops)", j->x->name,
		         (long long)done);
	}
	WINDOW *w = j->ui->status_win;
	wattrset(w, colour_attr(ROLE_STATUS));
	wmove(w, 0, 0);
	waddch(w, ' ');
	ui_put(w, text, j->ui->cols - 1, true);
	wnoutrefresh(w);
	doupdate();
}

/* True if Esc was pressed (other keys are dropped while exporting). */
static bool export_escaped(struct ui *ui)
{
	bool esc = false;
	wtimeout(ui->status_win, 0);
	wint_t ch;
	int rc;
	while ((rc = wget_wch(ui->status_win, &ch)) != ERR)
		if (input_key(rc, ch) == 27 /* Esc */)
			esc = true;
	return esc;
}

/* The exporter's progress: the bar once the export has taken a while, and
 * Esc. */
static bool export_progress(void *ctx, int64_t done, int64_t total)
{
	struct export_job *j = ctx;
	if (done % EXPORT_POLL_ROWS == 0 && export_escaped(j->ui)) {
		j->cancelled = true;
		return false;
	}
	long now = export_now_ms();
	if (now - j->start_ms >= EXPORT_SHOW_MS && now - j->drawn_ms >= EXPORT_DRAW_MS) {
		export_draw(j, done, total);
		j->drawn_ms = now;
	}
	return true;
}

/* Runs the export (the analyst agreed to replace the file, or there was
 * none). */
static int export_run_job(struct ui *ui, void *ctx)
{
	struct export_job *j = ctx;
	j->ran = true;
	j->opt.progress = export_progress;
	j->opt.progress_ctx = j;
	j->start_ms = j->drawn_ms = export_now_ms();
	jaw_err err;
	err_clear(&err);
	int rc = export_to_path(j->x, ui->db, j->path, &j->opt, &err);
	if (j->cancelled)
		ui_message(ui, "Export cancelled: \"%.300s\" was not written.", j->path);
	else if (rc != JAW_OK)
		ui_error(ui, err.msg);
	else
		ui_message(ui, "Exported %s to \"%.300s\".", j->x->name, j->path);
	return UI_REDRAW;
}

/* The path as typed, with ~/ for the home directory (newly allocated). */
static char *export_path_new(const char *typed)
{
	const char *home = getenv("HOME");
	if (strncmp(typed, "~/", 2) == 0 && home && *home)
		return xasprintf("%s/%s", home, typed + 2);
	return xstrdup(typed);
}

/* Refuses the command with why, listing the formats. */
static int export_refuse(struct ui *ui, const char *why)
{
	char names[300], msg[700];
	export_names(names, sizeof names, ", ");
	snprintf(msg, sizeof msg, "export: %s (this jaw exports: %s)", why, names);
	ui_error(ui, msg);
	return UI_REDRAW;
}

int ui_export_command(struct ui *ui, struct list *l, const char *args)
{
	(void)l;
	bool excel = strncmp(args, "--excel", 7) == 0 && (args[7] == ' ' || !args[7]);
	if (excel)
		for (args += 7; *args == ' '; args++)
			;
	size_t n = strcspn(args, " ");
	char format[64];
	snprintf(format, sizeof format, "%.*s", (int)(n < 63 ? n : 63), args);
	const char *typed = args + n;
	while (*typed == ' ')
		typed++;
	if (!*format)
		return export_refuse(ui, "write :export FORMAT PATH");
	const struct exporter *x = export_find(format);
	if (!x) {
		char why[100];
		snprintf(why, sizeof why, "no format \"%.60s\"", format);
		return export_refuse(ui, why);
	}
	if (excel && x->format != EXPORT_CSV) {
		ui_message(ui, "export: --excel is for CSV exports, not for %s", x->name);
		ui->message_is_error = true;
		return UI_REDRAW;
	}
	if (!*typed || strcmp(typed, "-") == 0) {
		ui_message(ui, "export: name the file to write: :export %s PATH", x->name);
		ui->message_is_error = true;
		return UI_REDRAW;
	}
	struct export_job *j = xcalloc(1, sizeof *j);
	j->ui = ui;
	j->x = x;
	j->path = export_path_new(typed);
	j->opt.excel = excel;
	struct stat st;
	if (stat(j->path, &st) == 0 && S_ISDIR(st.st_mode)) {
		ui_message(ui, "export: \"%.300s\" is a directory: name a file in it", j->path);
		ui->message_is_error = true;
		j->ran = true;
		export_job_free(j);
		return UI_REDRAW;
	}
	if (stat(j->path, &st) == 0) {
		char q[500];
		snprintf(q, sizeof q, "\"%.300s\" exists: replace it with the %s export? (y/n)", j->path,
		         x->name);
		prompt_confirm(ui, q, export_run_job, j, export_job_free);
		return UI_REDRAW;
	}
	int flags = export_run_job(ui, j);
	export_job_free(j);
	return flags;
}
