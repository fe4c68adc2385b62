/* ui.c - the display loop: layout of panes, title and status bars, key
 * dispatch, live refresh when another session changes the project. */
#include "config.h"

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "help.h"
#include "keys.h"
#include "model.h"
#include "ui.h"
#include "xalloc.h"

enum { UI_NPANES = 3, UI_MIN_COLS = 40, UI_MIN_LINES = 12, UI_WIDE = 80 };

extern volatile sig_atomic_t ui_stop_signal;

struct ui {
	struct jaw_db *db;
	struct jawrc *rc;
	char *title;
	struct list *panes[UI_NPANES];
	int focus;
	int lines, cols;
	bool too_small, help;
	WINDOW *title_win, *status_win, *sep_win, *help_win;
	char message[1100];
	bool message_is_error;
	int data_version;
};

struct ui *ui_new(struct jaw_db *db, struct jawrc *rc, jaw_err *err)
{
	struct project *p = model_project_get_new(db, err);
	if (!p)
		return NULL;
	struct ui *ui = xcalloc(1, sizeof *ui);
	ui->db = db;
	ui->rc = rc;
	ui->title = xstrdup(p->title);
	model_project_free(p);
	ui->panes[0] = list_new(&view_timeline_ops, db);
	ui->panes[1] = list_new(&view_stakeholders_ops, db);
	ui->panes[2] = list_new(&view_evidence_ops, db);
	list_set_focus(ui->panes[0], true);
	ui->data_version = db_data_version(db);
	return ui;
}

static void ui_delwin(WINDOW **w)
{
	if (*w)
		delwin(*w);
	*w = NULL;
}

void ui_free(struct ui *ui)
{
	if (!ui)
		return;
	for (int i = 0; i < UI_NPANES; i++)
		list_free(ui->panes[i]);
	ui_delwin(&ui->title_win);
	ui_delwin(&ui->status_win);
	ui_delwin(&ui->sep_win);
	ui_delwin(&ui->help_win);
	free(ui->title);
	free(ui);
}

void ui_message(struct ui *ui, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(ui->message, sizeof ui->message, fmt, ap);
	va_end(ap);
	ui->message_is_error = false;
}

static void ui_error(struct ui *ui, const char *msg)
{
	snprintf(ui->message, sizeof ui->message, "%.1000s", msg);
	ui->message_is_error = true;
}

/* Places the panes: at 80 columns and more, timeline and stakeholders side
 * by side above the evidence; narrower, the three stacked. */
static void ui_place_panes(struct ui *ui)
{
	int body = ui->lines - 2;
	if (ui->cols >= UI_WIDE) {
		int top = body / 2, left = (ui->cols - 1) / 2;
		list_place(ui->panes[0], 1, 0, top, left);
		list_place(ui->panes[1], 1, left + 1, top, ui->cols - left - 1);
		list_place(ui->panes[2], 1 + top, 0, body - top, ui->cols);
		ui->sep_win = newwin(top, 1, 1, left);
	} else {
		int h = body / 3;
		list_place(ui->panes[0], 1, 0, h, ui->cols);
		list_place(ui->panes[1], 1 + h, 0, h, ui->cols);
		list_place(ui->panes[2], 1 + 2 * h, 0, body - 2 * h, ui->cols);
	}
}

void ui_layout(struct ui *ui, int lines, int cols)
{
	ui->lines = lines;
	ui->cols = cols;
	ui_delwin(&ui->title_win);
	ui_delwin(&ui->status_win);
	ui_delwin(&ui->sep_win);
	ui_delwin(&ui->help_win);
	ui->too_small = cols < UI_MIN_COLS || lines < UI_MIN_LINES;
	/* The status window always exists: it is the one keys are read from. */
	ui->status_win = newwin(1, cols > 0 ? cols : 1, lines > 0 ? lines - 1 : 0, 0);
	keypad(ui->status_win, TRUE);
	if (ui->too_small)
		return;
	ui->title_win = newwin(1, cols, 0, 0);
	ui_place_panes(ui);
	for (int i = 0; i < UI_NPANES; i++) {
		jaw_err err;
		err_clear(&err);
		if (list_reload(ui->panes[i], &err) != JAW_OK)
			ui_error(ui, err.msg);
	}
}

static void ui_draw_title(struct ui *ui)
{
	WINDOW *w = ui->title_win;
	wattrset(w, colour_attr(ROLE_TITLE));
	wmove(w, 0, 0);
	char left[512];
	snprintf(left, sizeof left, " jaw  %s", ui->title);
	const char *path = db_path(ui->db);
	int pathw = (int)strlen(path) + 2;
	if (pathw > ui->cols / 3)
		pathw = 0;
	ui_put(w, left, ui->cols - pathw, true);
	if (pathw)
		ui_put(w, path, pathw - 1, true), waddch(w, ' ');
	wnoutrefresh(w);
}

static void ui_draw_status(struct ui *ui)
{
	WINDOW *w = ui->status_win;
	char text[sizeof ui->message];
	if (ui->message[0])
		snprintf(text, sizeof text, "%s", ui->message);
	else
		list_describe(ui->panes[ui->focus], text, sizeof text);
	static const char hint[] = "  ? help  q quit ";
	int hintw = (int)sizeof hint - 1;
	if (ui->cols < 2 * hintw)
		hintw = 0;
	wattrset(w, colour_attr(ui->message_is_error ? ROLE_ERROR : ROLE_STATUS));
	wmove(w, 0, 0);
	waddch(w, ' ');
	ui_put(w, text, ui->cols - hintw - 1, true);
	if (hintw) {
		wattrset(w, colour_attr(ROLE_STATUS));
		ui_put(w, hint, hintw, true);
	}
	wnoutrefresh(w);
}

static void ui_draw_too_small(struct ui *ui)
{
	char size[64];
	snprintf(size, sizeof size, "This one is %dx%d;", ui->cols, ui->lines);
	char need[64];
	snprintf(need, sizeof need, "jaw needs %dx%d.", UI_MIN_COLS, UI_MIN_LINES);
	const char *lines[] = {"Terminal too small.", size, need, "Enlarge it, or q to quit."};
	werase(stdscr);
	for (int i = 0; i < 4 && i < ui->lines; i++) {
		wmove(stdscr, i, 0);
		ui_put(stdscr, lines[i], ui->cols, false);
	}
	wnoutrefresh(stdscr);
}

void ui_draw(struct ui *ui)
{
	if (ui->too_small) {
		ui_draw_too_small(ui);
		doupdate();
		return;
	}
	ui_draw_title(ui);
	for (int i = 0; i < UI_NPANES; i++)
		list_draw(ui->panes[i], ui->help_win != NULL);
	if (ui->sep_win) {
		wattrset(ui->sep_win, colour_attr(ROLE_DIM));
		mvwvline(ui->sep_win, 0, 0, ACS_VLINE, ui->lines);
		wnoutrefresh(ui->sep_win);
	}
	ui_delwin(&ui->help_win);
	ui_draw_status(ui);
	if (ui->help) {
		const struct view_ops *ops = list_ops(ui->panes[ui->focus]);
		help_draw(&ui->help_win, ui->rc, ops->title, ops->keymap, ui->lines, ui->cols);
	}
	doupdate();
}

static void ui_focus(struct ui *ui, int delta)
{
	list_set_focus(ui->panes[ui->focus], false);
	ui->focus = (ui->focus + delta + UI_NPANES) % UI_NPANES;
	list_set_focus(ui->panes[ui->focus], true);
}

int ui_key(struct ui *ui, int key)
{
	ui->message[0] = '\0';
	ui->message_is_error = false;
	if (ui->help) {
		ui->help = false;
		return UI_REDRAW;
	}
	const struct view_ops *ops = list_ops(ui->panes[ui->focus]);
	enum action a = jawrc_lookup(ui->rc, ops->keymap, key);
	switch (a) {
	case ACTION_HELP: ui->help = true; return UI_REDRAW;
	case ACTION_QUIT:
	case ACTION_QUIT_NOW: return UI_QUIT;
	case ACTION_NEXT_PANE: ui_focus(ui, 1); return UI_REDRAW;
	case ACTION_PREV_PANE: ui_focus(ui, -1); return UI_REDRAW;
	case ACTION_REDRAW: clearok(curscr, TRUE); return UI_RELOAD;
	case ACTION_NONE: {
		char name[32];
		keys_name(key, name, sizeof name);
		ui_message(ui, "%s does nothing here; press ? for the keys", name);
		return UI_REDRAW;
	}
	default: return list_action(ui->panes[ui->focus], a);
	}
}

static void ui_reload(struct ui *ui)
{
	for (int i = 0; i < UI_NPANES; i++) {
		jaw_err err;
		err_clear(&err);
		if (list_reload(ui->panes[i], &err) != JAW_OK)
			ui_error(ui, err.msg);
	}
}

bool ui_poll_changes(struct ui *ui)
{
	int v = db_data_version(ui->db);
	if (v == ui->data_version || ui->too_small)
		return false;
	ui->data_version = v;
	ui_reload(ui);
	return true;
}

int ui_run(struct ui *ui)
{
	ui_layout(ui, LINES, COLS);
	while (!ui_stop_signal) {
		ui_draw(ui);
		/* Wake once a second to see whether another session wrote. */
		wtimeout(ui->status_win, 1000);
		wint_t ch;
		int rc = wget_wch(ui->status_win, &ch);
		if (ui_stop_signal)
			break;
		if (rc == ERR) {
			ui_poll_changes(ui);
			continue;
		}
		if (rc == KEY_CODE_YES && ch == KEY_RESIZE) {
			ui_layout(ui, LINES, COLS);
			clearok(curscr, TRUE);
			continue;
		}
		int key = input_key(rc, ch);
		if (key < 0)
			continue;
		int flags = ui_key(ui, key);
		if (flags & UI_QUIT)
			break;
		if (flags & UI_RELOAD)
			ui_reload(ui);
	}
	return ui_stop_signal ? 128 + ui_stop_signal : 0;
}
