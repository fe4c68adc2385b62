/* survey_import.c - the import dialog, a layer over the whole screen: a
 * CSV path, a preview of the plan (each column's label, role, type,
 * distinct values and why the role was guessed, and the problems found),
 * roles changed with Space, a Likert column's scale (the order of its
 * labels, numbered from 1, as --scale gives it) with s, the survey
 * renamed with n, then the import
 * with a progress bar in the status line: all of it or nothing; the new
 * survey is shown after. Esc cancels without importing. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvimport.h"
#include "keys.h"
#include "ui.h"
#include "xalloc.h"

enum { IMPORT_HEAD = 4, IMPORT_BAR = 20 };

struct import_dialog {
	struct layer ly;
	struct ui *ui;
	struct csvimport_plan *plan;
	struct csvimport_options opt;
	WINDOW *win;
	int cursor, top;
	int scale_column;  /* the column s asks the scale of (1-based) */
	char note[700];
	bool note_error;
	const char *phase; /* of the progress bar last drawn */
	int permille;
};

/* Draws the progress of the import in the status line. */
static void import_progress(void *ctx, const char *phase, int64_t done, int64_t total,
                            int64_t rows)
{
	struct import_dialog *d = ctx;
	int permille = total > 0 ? (int)(done * 1000 / total) : 0;
	permille = permille > 1000 ? 1000 : permille;
	if (d->phase == phase && permille / 10 == d->permille / 10)
		return;
	d->phase = phase;
	d->permille = permille;
	char bar[IMPORT_BAR * 3 + 1] = "";
	for (int i = 0; i < IMPORT_BAR; i++)
		strcat(bar, i < permille * IMPORT_BAR / 1000 ? "\u2588" : "\u00b7");
	char text[200];
	snprintf(text, sizeof text, "Importing: %s %s %3d%%  %lld rows", phase, bar, permille / 10,
	         (long long)rows);
	WINDOW *w = d->ui->status_win;
	wattrset(w, colour_attr(ROLE_STATUS));
	wmove(w, 0, 0);
	ui_put(w, text, d->ui->cols, true);
	wnoutrefresh(w);
	doupdate();
}

static const char *import_role_word(enum survey_role role)
{
	return role == SURVEY_ROLE_TEXT ? "open text" : survey_role_name(role);
}

/* The summary lines at the top: file, name, sizes, roles. */
static void import_draw_head(struct import_dialog *d, int cols)
{
	const struct csvimport_plan *p = d->plan;
	char line[1200];
	snprintf(line, sizeof line, " Import survey \"%.300s\" from %.500s", p->name, p->path);
	wattrset(d->win, colour_attr(ROLE_TITLE));
	wmove(d->win, 0, 0);
	ui_put(d->win, line, cols, true);
	char delim[8];
	snprintf(delim, sizeof delim, p->delimiter == '\t' ? "tab" : "'%c'", p->delimiter);
	snprintf(line, sizeof line, " %lld respondent%s, %d column%s, %lld open answer%s; delimiter"
	         " %s%s, %s, %d heading row%s%s%s%s", (long long)p->rows, p->rows == 1 ? "" : "s",
	         p->ncolumns, p->ncolumns == 1 ? "" : "s", (long long)p->answers,
	         p->answers == 1 ? "" : "s", delim,
	         p->quote == CSVREAD_QUOTE_NONE ? " without quoting" : "", p->encoding,
	         p->header_rows, p->header_rows == 1 ? "" : "s", p->layout.name ? " of a " : "",
	         p->layout.name ? p->layout.name : "", p->layout.name ? " export" : "");
	wattrset(d->win, colour_attr(ROLE_NORMAL));
	wmove(d->win, 1, 0);
	ui_put(d->win, line, cols, true);
	int n[SURVEY_ROLE_COUNT];
	csvimport_plan_role_counts(p, n);
	snprintf(line, sizeof line, " Roles: %d id, %d attribute, %d likert, %d open text, %d ignored",
	         n[SURVEY_ROLE_ID], n[SURVEY_ROLE_ATTRIBUTE], n[SURVEY_ROLE_LIKERT],
	         n[SURVEY_ROLE_TEXT], n[SURVEY_ROLE_IGNORE]);
	wmove(d->win, 2, 0);
	ui_put(d->win, line, cols, true);
	wattrset(d->win, colour_attr(ROLE_HEADER));
	wmove(d->win, 3, 0);
	ui_put(d->win, "   # Label          Role       Type     Values  Why", cols, true);
}

/* One column of the plan at line y. */
static void import_draw_column(struct import_dialog *d, int y, int i, int cols)
{
	const struct csvimport_column *c = &d->plan->columns[i];
	char values[16];
	if (c->distinct >= CSVIMPORT_MANY)
		snprintf(values, sizeof values, "many");
	else
		snprintf(values, sizeof values, "%d", c->distinct);
	char line[1200], mapping[600];
	csvimport_column_mapping(c, mapping, sizeof mapping);
	snprintf(line, sizeof line, " %3d %-14.14s %-10s %-8s %6s  %s%s%s", c->position, c->label,
	         import_role_word(c->role), survey_type_name(c->type), values,
	         c->reason ? c->reason : "", *mapping ? ": " : "", mapping);
	wattrset(d->win, colour_attr(i == d->cursor ? ROLE_CURSOR : ROLE_NORMAL));
	wmove(d->win, y, 0);
	ui_put(d->win, line, cols, true);
}

/* The problems the plan found, from line y to the end of the window. */
static void import_draw_problems(struct import_dialog *d, int y, int h, int cols)
{
	const struct csvimport_plan *p = d->plan;
	if (p->nproblems == 0 || y >= h)
		return;
	char line[1200];
	snprintf(line, sizeof line, " Problems (%d%s):", p->nproblems + (int)p->problems_left_out,
	         p->errors ? ", they stop the import" : "");
	wattrset(d->win, colour_attr(p->errors ? ROLE_ERROR : ROLE_HEADER));
	wmove(d->win, y++, 0);
	ui_put(d->win, line, cols, true);
	wattrset(d->win, colour_attr(ROLE_NORMAL));
	for (int i = 0; i < p->nproblems && y < h; i++, y++) {
		snprintf(line, sizeof line, "   %s", p->problems[i]);
		wmove(d->win, y, 0);
		ui_put(d->win, line, cols, true);
	}
}

/* Lines left for the problems (at most a third of the room). */
static int import_problem_lines(const struct import_dialog *d, int room)
{
	int want = d->plan->nproblems ? d->plan->nproblems + 1 : 0;
	return want > room / 3 ? room / 3 : want;
}

static struct import_dialog *import_of(struct layer *ly)
{
	return (struct import_dialog *)ly;
}

static void import_layout(struct layer *ly)
{
	struct import_dialog *d = import_of(ly);
	struct ui *ui = d->ui;
	int h = ui->lines - 1, cols = ui->cols;
	if (d->win)
		delwin(d->win);
	d->win = newwin(h > 1 ? h : 1, cols > 1 ? cols : 1, 0, 0);
}

static void import_draw(struct layer *ly, bool all)
{
	(void)all;
	struct import_dialog *d = import_of(ly);
	struct ui *ui = d->ui;
	int h = ui->lines - 1, cols = ui->cols;
	werase(d->win);
	import_draw_head(d, cols);
	int room = h - IMPORT_HEAD, plines = import_problem_lines(d, room);
	int rows = room - plines - (plines ? 1 : 0);
	rows = rows < 1 ? 1 : rows;
	if (d->cursor < d->top)
		d->top = d->cursor;
	if (d->cursor >= d->top + rows)
		d->top = d->cursor - rows + 1;
	int y = IMPORT_HEAD;
	for (int i = d->top; i < d->plan->ncolumns && y < IMPORT_HEAD + rows; i++)
		import_draw_column(d, y++, i, cols);
	import_draw_problems(d, IMPORT_HEAD + rows + 1, h, cols);
	wnoutrefresh(d->win);
}

static void import_describe(struct layer *ly, char *buf, size_t size)
{
	struct import_dialog *d = import_of(ly);
	(void)d;
	snprintf(buf, size, "j/k column  Space change role  s scale  n name  Enter import"
	         "  Esc cancel");
}

/* An error about the plan's file without the file's name in front. */
static const char *import_reason(const struct import_dialog *d, const char *msg)
{
	size_t n = strlen(d->plan->path);
	if (strncmp(msg, d->plan->path, n) == 0 && msg[n] == ':' && msg[n + 1] == ' ')
		return msg + n + 2;
	return msg;
}

/* Shows an error about file path in the status line with the file's
 * name in place of its whole path (a long path would hide the line). */
static void import_error(struct ui *ui, const char *path, const char *msg)
{
	size_t n = strlen(path);
	const char *base = strrchr(path, '/');
	if (strncmp(msg, path, n) != 0 || !base) {
		ui_error(ui, msg);
		return;
	}
	char *short_msg = xasprintf("%s%s", base + 1, msg + n);
	ui_error(ui, short_msg);
	free(short_msg);
}

/* Space: the next role the column can take (id, attribute, likert, open
 * text, ignore, round again); says why a role was refused. */
static void import_cycle_role(struct import_dialog *d)
{
	struct csvimport_column *c = &d->plan->columns[d->cursor];
	jaw_err err, first;
	err_clear(&first);
	for (int k = 1; k < SURVEY_ROLE_COUNT; k++) {
		enum survey_role r = (enum survey_role)((c->role + k) % SURVEY_ROLE_COUNT);
		err_clear(&err);
		if (csvimport_plan_set_role(d->plan, c->position, r, &err) == JAW_OK) {
			snprintf(d->note, sizeof d->note, "%.200s is now %s%s%.400s%s", c->label,
			         import_role_word(r), first.msg[0] ? " (" : ".", first.msg,
			         first.msg[0] ? ")" : "");
			d->note_error = false;
			return;
		}
		if (!first.msg[0])
			snprintf(first.msg, sizeof first.msg, "not %s: %.300s", import_role_word(r),
			         import_reason(d, err.msg));
	}
	snprintf(d->note, sizeof d->note, "%.600s", first.msg);
	d->note_error = true;
}

static int import_renamed(struct ui *ui, void *ctx, const char *name)
{
	(void)ui;
	struct import_dialog *d = ctx;
	if (!*name)
		return UI_REDRAW;
	free(d->plan->name);
	d->plan->name = xstrdup(name);
	d->plan->name_given = true;
	return UI_REDRAW;
}

/* n: a new name for the survey. */
static void import_rename(struct import_dialog *d)
{
	prompt_open(d->ui, "Survey name: ", d->plan->name, false, import_renamed, d, NULL);
}

/* The scale typed for the column s asked about. */
static int import_scaled(struct ui *ui, void *ctx, const char *labels)
{
	struct import_dialog *d = ctx;
	if (!*labels)
		return UI_REDRAW;
	const struct csvimport_column *c = &d->plan->columns[d->scale_column - 1];
	jaw_err err;
	err_clear(&err);
	if (csvimport_plan_set_scale(d->plan, d->scale_column, labels, &err) != JAW_OK) {
		ui_error(ui, import_reason(d, err.msg));
		return UI_REDRAW;
	}
	char map[600];
	csvimport_column_mapping(c, map, sizeof map);
	ui_message(ui, "%.200s is Likert: %.400s.", c->label, map);
	return UI_REDRAW;
}

/* s: the column's scale, its labels in order from 1 between |, the
 * labels it has now to start with. */
static void import_scale(struct import_dialog *d)
{
	const struct csvimport_column *c = &d->plan->columns[d->cursor];
	size_t len = 1;
	for (int i = 0; c->role == SURVEY_ROLE_LIKERT && i < c->nlabels; i++)
		len += strlen(c->labels[i].label) + 1;
	char *initial = xcalloc(1, len);
	for (int i = 0; c->role == SURVEY_ROLE_LIKERT && i < c->nlabels; i++) {
		if (i)
			strcat(initial, "|");
		strcat(initial, c->labels[i].label);
	}
	d->scale_column = c->position;
	char *label = xasprintf("Scale of %.60s (labels in order from 1, between |): ", c->label);
	prompt_open(d->ui, label, initial, false, import_scaled, d, NULL);
	free(label);
	free(initial);
}

/* Enter: imports by the plan; returns the survey id, 0 on failure. */
static int64_t import_run(struct import_dialog *d)
{
	if (d->plan->errors) {
		snprintf(d->note, sizeof d->note, "%d problem%s stop%s the import; fix the file or give"
		         " another column the id role.", d->plan->errors, d->plan->errors == 1 ? "" : "s",
		         d->plan->errors == 1 ? "s" : "");
		d->note_error = true;
		return 0;
	}
	struct csvimport_result res;
	jaw_err err;
	err_clear(&err);
	d->phase = NULL;
	if (csvimport_run(d->ui->db, d->plan, &d->opt, &res, &err) != JAW_OK) {
		import_error(d->ui, d->plan->path, err.msg);
		return 0;
	}
	ui_message(d->ui, "Imported \"%.300s\": %lld respondent%s, %lld open answer%s, %lld value%s"
	           " (%.1f s).", d->plan->name, (long long)res.respondents,
	           res.respondents == 1 ? "" : "s", (long long)res.answers,
	           res.answers == 1 ? "" : "s", (long long)res.values, res.values == 1 ? "" : "s",
	           res.seconds);
	return res.survey_id;
}

static int import_key(struct layer *ly, int key)
{
	struct import_dialog *d = import_of(ly);
	d->note[0] = '\0';
	d->note_error = false;
	if (key == 27 || key == 'q') {
		ui_message(d->ui, "Import cancelled: nothing was imported.");
		ui_close(ly);
		return UI_REDRAW;
	}
	if (key == 'j' || key == KEYS_DOWN)
		d->cursor += d->cursor + 1 < d->plan->ncolumns;
	else if (key == 'k' || key == KEYS_UP)
		d->cursor -= d->cursor > 0;
	else if ((key == ' ' || key == 'r') && d->plan->ncolumns > 0)
		import_cycle_role(d);
	else if (key == 'n')
		import_rename(d);
	else if (key == 's' && d->plan->ncolumns > 0)
		import_scale(d);
	else if (key == '\n') {
		int64_t id = import_run(d);
		if (id > 0) {
			struct ui_target t = {.view = VIEW_SURVEY, .id = id, .at = -1};
			ui_request(d->ui, &t);
			ui_close(ly);
			return UI_RELOAD;
		}
		if (!d->note[0])
			ui_close(ly); /* the import failed: the error is in the status bar */
	}
	if (d->note[0] && d->note_error)
		ui_error(d->ui, d->note);
	else if (d->note[0])
		ui_message(d->ui, "%s", d->note);
	return UI_REDRAW;
}

/* Closed by the shell (not by Esc): nothing is imported. */
static void import_cancel(struct layer *ly)
{
	ui_message(import_of(ly)->ui, "Import cancelled: nothing was imported.");
}

static void import_free(struct layer *ly)
{
	struct import_dialog *d = import_of(ly);
	csvimport_plan_free(d->plan);
	if (d->win)
		delwin(d->win);
	free(d);
}

static const struct layer_ops import_ops = {
	.name = "import",
	.layout = import_layout,
	.draw = import_draw,
	.key = import_key,
	.describe = import_describe,
	.cancel = import_cancel,
	.free = import_free,
};

/* Opens the dialog on the plan of the file at path. */
static void import_open(struct ui *ui, const char *path)
{
	struct import_dialog *d = xcalloc(1, sizeof *d);
	d->ly.ops = &import_ops;
	d->ly.view = -1;
	d->ly.keymap = JAWRC_GENERIC;
	d->ly.full = true;
	d->ui = ui;
	d->opt.check_ids = true;
	d->opt.progress = import_progress;
	d->opt.progress_ctx = d;
	jaw_err err;
	err_clear(&err);
	d->plan = csvimport_plan_new(path, &d->opt, &err);
	if (!d->plan) {
		import_error(ui, path, err.msg);
		free(d);
		return;
	}
	ui_push(ui, &d->ly);
}

static int import_path_given(struct ui *ui, void *ctx, const char *path)
{
	(void)ctx;
	if (*path)
		import_open(ui, path);
	return UI_REDRAW;
}

void ui_import_csv(struct ui *ui, const char *path)
{
	if (path)
		import_open(ui, path);
	else
		prompt_open(ui, "CSV file to import: ", NULL, false, import_path_given, NULL, NULL);
}
