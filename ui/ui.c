/* ui.c - the display loop: layout of panes, title and status bars, key
 * dispatch, live refresh when another session changes the project. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coding.h"
#include "journal.h"
#include "keys.h"
#include "ui.h"
#include "utf8.h"
#include "xalloc.h"

enum { UI_MIN_COLS = 40, UI_MIN_LINES = 12, UI_WIDE = 80, UI_DETAIL_COLS = 140,
       UI_DETAIL_LINES = 30 };

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
	ui->panes[0] = list_new(&view_timeline_ops, ui, db);
	ui->panes[1] = list_new(&view_stakeholders_ops, ui, db);
	ui->panes[2] = list_new(&view_evidence_ops, ui, db);
	ui->panes[3] = list_new(&view_codebook_ops, ui, db);
	ui->panes[4] = list_new(&view_survey_ops, ui, db);
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
	ui_delwin(&ui->detail_win);
	for (int i = 0; i < ui->nhistory; i++)
		free(ui->history[i]);
	free(ui->script);
	free(ui->search);
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

void ui_error(struct ui *ui, const char *msg)
{
	snprintf(ui->message, sizeof ui->message, "%.1000s", msg);
	ui->message_is_error = true;
}

/* Places the panes in the area x..x+w: at 80 columns and more, timeline
 * and stakeholders side by side above the evidence; narrower, stacked. */
static void ui_place_panes(struct ui *ui, int w)
{
	int body = ui->lines - 2;
	if (ui->zoomed || ui->focus >= UI_SHARED_PANES) {
		for (int i = 0; i < UI_NPANES; i++)
			if (i != ui->focus)
				list_place(ui->panes[i], 1, 0, 0, 0);
		list_place(ui->panes[ui->focus], 1, 0, body, w);
	} else if (w >= UI_WIDE) {
		int top = body / 2, left = (w - 1) / 2;
		list_place(ui->panes[0], 1, 0, top, left);
		list_place(ui->panes[1], 1, left + 1, top, w - left - 1);
		list_place(ui->panes[2], 1 + top, 0, body - top, w);
		ui->sep_win = newwin(top, 1, 1, left);
	} else {
		int h = body / 3;
		list_place(ui->panes[0], 1, 0, h, w);
		list_place(ui->panes[1], 1 + h, 0, h, w);
		list_place(ui->panes[2], 1 + 2 * h, 0, body - 2 * h, w);
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
	ui_delwin(&ui->detail_win);
	ui->too_small = cols < UI_MIN_COLS || lines < UI_MIN_LINES;
	/* The status window always exists: it is the one keys are read from. */
	ui->status_win = newwin(1, cols > 0 ? cols : 1, lines > 0 ? lines - 1 : 0, 0);
	keypad(ui->status_win, TRUE);
	if (ui->too_small)
		return;
	ui->title_win = newwin(1, cols, 0, 0);
	int w = cols;
	if (cols >= UI_DETAIL_COLS && lines >= UI_DETAIL_LINES) {
		int detail_w = cols / 4;
		w = cols - detail_w - 1;
		ui->detail_win = newwin(lines - 2, detail_w + 1, 1, w);
	}
	ui_place_panes(ui, w);
	ui->clear_all = true;
	ui_reload(ui);
}

static void ui_draw_title(struct ui *ui)
{
	WINDOW *w = ui->title_win;
	wattrset(w, colour_attr(ROLE_TITLE));
	wmove(w, 0, 0);
	char left[512];
	snprintf(left, sizeof left, " jaw  %s", ui->title);
	const char *path = db_path(ui->db);
	int pathw = (int)strlen(path) + 3;
	if (pathw > ui->cols / 3)
		pathw = 0;
	ui_put(w, left, ui->cols - pathw, true);
	if (pathw) {
		waddch(w, ' ');
		ui_put(w, path, pathw - 2, true);
		waddch(w, ' ');
	}
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
	char size[64], need[64];
	snprintf(size, sizeof size, "This one is %dx%d;", ui->cols, ui->lines);
	snprintf(need, sizeof need, "jaw needs %dx%d.", UI_MIN_COLS, UI_MIN_LINES);
	const char *lines[] = {"Terminal too small.", size, need, "Enlarge it, or q to quit."};
	werase(stdscr);
	for (int i = 0; i < 4 && i < ui->lines; i++) {
		wmove(stdscr, i, 0);
		ui_put(stdscr, lines[i], ui->cols, false);
	}
	wnoutrefresh(stdscr);
}

/* Lists, from line y of the detail pane, the evidence linked to the
 * selected timeline item or stakeholder. */
static void ui_draw_detail_evidence(struct ui *ui, WINDOW *w, int y, int width)
{
	const struct list_row *row = list_selected(ui->panes[ui->focus]);
	int h = getmaxy(w);
	if (!row || ui->focus >= 2 || y + 2 >= h)
		return;
	struct source_filter f = {0};
	if (ui->focus == 0)
		f.timeline_item_id = row->id;
	else
		f.stakeholder_id = row->id;
	jaw_err err;
	err_clear(&err);
	int room = h - y - 2;
	struct source *rows = xcalloc((size_t)room, sizeof *rows);
	int n = model_source_page_filtered(ui->db, &f, 0, room, rows, &err);
	wattrset(w, colour_attr(ROLE_HEADER));
	wmove(w, y + 1, 2);
	ui_put(w, n > 0 ? "Evidence (Enter lists it):" : "No evidence linked.", width - 1, false);
	wattrset(w, colour_attr(ROLE_NORMAL));
	for (int i = 0; i < n; i++) {
		char *line = xasprintf("%s %s", rows[i].source_date, rows[i].title);
		wmove(w, y + 2 + i, 2);
		ui_put(w, line, width - 1, false);
		free(line);
		model_source_clear(&rows[i]);
	}
	free(rows);
}

/* The detail pane (wide terminals): the selected record in full and the
 * evidence linked to it. */
static void ui_draw_detail(struct ui *ui)
{
	WINDOW *w = ui->detail_win;
	struct list *l = ui->panes[ui->focus];
	int h = getmaxy(w), width = getmaxx(w);
	werase(w);
	wattrset(w, colour_attr(ROLE_DIM));
	mvwvline(w, 0, 0, ACS_VLINE, h);
	wattrset(w, colour_attr(ROLE_PANE_TITLE));
	wmove(w, 0, 1);
	width--;
	ui_put(w, " Details", width, true);
	char text[sizeof ui->message];
	list_describe(l, text, sizeof text);
	wattrset(w, colour_attr(ROLE_NORMAL));
	/* word-wrap the description */
	const char *p = text;
	int y = 1;
	for (; y < h && *p; y++) {
		size_t fit = utf8_fit(p, width - 1, NULL), cut = fit;
		if (p[fit]) {
			while (cut > 0 && p[cut] != ' ')
				cut--;
			if (cut == 0)
				cut = fit;
		}
		char *line = xstrndup(p, cut);
		wmove(w, y, 2);
		ui_put(w, line, width - 1, false);
		free(line);
		p += cut;
		while (*p == ' ')
			p++;
	}
	ui_draw_detail_evidence(ui, w, y, width);
	wnoutrefresh(w);
}

void ui_draw(struct ui *ui)
{
	if (ui->too_small) {
		ui_draw_too_small(ui);
		doupdate();
		return;
	}
	if (ui->clear_all) {
		/* cells no window covers after a new layout must not keep old text */
		werase(stdscr);
		wnoutrefresh(stdscr);
	}
	ui_draw_title(ui);
	bool all = ui->help_win != NULL || ui->clear_all;
	ui->clear_all = false;
	bool alone = ui->zoomed || ui->focus >= UI_SHARED_PANES;
	for (int i = 0; i < UI_NPANES; i++)
		if (alone ? i == ui->focus : i < UI_SHARED_PANES)
			list_draw(ui->panes[i], all);
	if (ui->sep_win && !alone) {
		wattrset(ui->sep_win, colour_attr(ROLE_DIM));
		mvwvline(ui->sep_win, 0, 0, ACS_VLINE, ui->lines);
		wnoutrefresh(ui->sep_win);
	}
	if (ui->detail_win)
		ui_draw_detail(ui);
	ui_delwin(&ui->help_win);
	ui_draw_status(ui);
	if (ui->help) {
		const struct view_ops *ops = ui->panes[ui->focus]->ops;
		ui->help_top = help_draw(&ui->help_win, ui->rc, ops->title, ops->keymap, ui->lines,
		                         ui->cols, ui->help_top, &ui->help_scrolls);
	}
	doupdate();
}

void ui_focus_pane(struct ui *ui, int i)
{
	list_set_focus(ui->panes[ui->focus], false);
	if (i >= UI_SHARED_PANES && i < UI_NPANES && ui->focus < UI_SHARED_PANES)
		ui->focus_before_codebook = ui->focus;
	ui->focus = i >= UI_SHARED_PANES && i < UI_NPANES ? i : (i + UI_SHARED_PANES) % UI_SHARED_PANES;
	list_set_focus(ui->panes[ui->focus], true);
}

/* Tab and Shift-Tab: the next shared pane (from the codebook, back). */
static int ui_cycle(struct ui *ui, int delta)
{
	bool was_codebook = ui->focus >= UI_SHARED_PANES;
	ui_focus_pane(ui, was_codebook ? ui->focus_before_codebook : ui->focus + delta);
	return ui->zoomed || was_codebook ? UI_LAYOUT : UI_REDRAW;
}

/* Searches the focused list for ui->search from the cursor. */
static int ui_search(struct ui *ui, enum model_dir dir)
{
	struct list *l = ui->panes[ui->focus];
	if (!ui->search || !*ui->search) {
		ui_message(ui, "No search yet: / searches the focused list.");
		return UI_REDRAW;
	}
	jaw_err err;
	err_clear(&err);
	int64_t pos = l->ops->search(l, ui->search, l->cursor, dir, &err);
	if (pos == -2)
		ui_error(ui, err.msg);
	else if (pos < 0)
		ui_message(ui, "\"%.200s\" is not in the %s.", ui->search, l->ops->name);
	else {
		if ((dir == MODEL_FORWARD && pos <= l->cursor) || (dir == MODEL_BACKWARD && pos >= l->cursor))
			ui_message(ui, "Search wrapped round.");
		list_goto(l, pos);
	}
	return UI_REDRAW;
}

int ui_search_for(struct ui *ui, const char *text)
{
	free(ui->search);
	ui->search = xstrdup(text);
	return ui_search(ui, MODEL_FORWARD);
}

static int ui_prompt_search(struct ui *ui)
{
	char *text = prompt_line_new(ui, "/", NULL, false);
	if (!text)
		return UI_REDRAW;
	int flags = ui_search_for(ui, text);
	free(text);
	return flags;
}

static int ui_prompt_command(struct ui *ui)
{
	char *line = prompt_line_new(ui, ":", NULL, true);
	if (!line)
		return UI_REDRAW;
	int flags = ui_command(ui, line);
	free(line);
	return flags;
}

/* u and Ctrl-R in the panes: undo or redo the analyst's last coding change. */
static int ui_undo_redo(struct ui *ui, bool redo)
{
	const char *set = jawrc_option(ui->rc, "coder");
	char *coder = coding_coder_new(*set ? set : NULL);
	struct journal_result res = {0};
	jaw_err err;
	err_clear(&err);
	int rc = redo ? journal_redo(ui->db, coder, &res, &err)
	              : journal_undo(ui->db, coder, &res, &err);
	if (rc != JAW_OK)
		ui_error(ui, err.msg);
	else if (res.entry == 0)
		ui_message(ui, redo ? "Nothing to redo." : "Nothing to undo.");
	else
		ui_message(ui, "%s: %.900s", redo ? "Redone" : "Undone", res.summary);
	journal_result_clear(&res);
	free(coder);
	return UI_RELOAD;
}

/* Actions the shell handles itself, whatever the view; -1 if not one. */
static int ui_shell_action(struct ui *ui, enum action a)
{
	switch (a) {
	case ACTION_HELP: ui->help = true; ui->help_top = 0; return UI_REDRAW;
	case ACTION_QUIT:
		if (ui->focus >= UI_SHARED_PANES) {
			ui_focus_pane(ui, ui->focus_before_codebook);
			return UI_LAYOUT;
		}
		if (ui->zoomed) {
			ui->zoomed = false;
			return UI_LAYOUT;
		}
		return UI_QUIT;
	case ACTION_QUIT_NOW: return UI_QUIT;
	case ACTION_NEXT_PANE: return ui_cycle(ui, 1);
	case ACTION_PREV_PANE: return ui_cycle(ui, -1);
	case ACTION_VIEW_TIMELINE:
	case ACTION_VIEW_STAKEHOLDERS:
	case ACTION_VIEW_EVIDENCE:
	case ACTION_VIEW_CODEBOOK:
	case ACTION_VIEW_SURVEY: {
		bool was_codebook = ui->focus >= UI_SHARED_PANES;
		ui_focus_pane(ui, (int)(a - ACTION_VIEW_TIMELINE));
		return ui->zoomed || was_codebook || ui->focus >= UI_SHARED_PANES ? UI_LAYOUT : UI_REDRAW;
	}
	case ACTION_ZOOM: ui->zoomed = !ui->zoomed; return UI_LAYOUT;
	case ACTION_REDRAW: clearok(curscr, TRUE); return UI_RELOAD;
	case ACTION_COMMAND: return ui_prompt_command(ui);
	case ACTION_SEARCH: return ui_prompt_search(ui);
	case ACTION_SEARCH_NEXT: return ui_search(ui, MODEL_FORWARD);
	case ACTION_SEARCH_PREV: return ui_search(ui, MODEL_BACKWARD);
	case ACTION_UNDO: return ui_undo_redo(ui, false);
	case ACTION_REDO: return ui_undo_redo(ui, true);
	default: return -1;
	}
}

static void ui_apply(struct ui *ui, int flags);

/* What a key asks for, before the flags are applied. */
static int ui_key_flags(struct ui *ui, int key)
{
	ui->message[0] = '\0';
	ui->message_is_error = false;
	struct list *l = ui->panes[ui->focus];
	enum action a = jawrc_lookup(ui->rc, l->ops->keymap, key);
	if (ui->help) {
		/* scroll the help, or close it */
		int step = a == ACTION_MOVE_DOWN ? 1 : a == ACTION_MOVE_UP ? -1
		         : a == ACTION_PAGE_DOWN ? ui->lines / 2 : a == ACTION_PAGE_UP ? -ui->lines / 2 : 0;
		ui->help_top += step;
		ui->help = step != 0 && ui->help_scrolls;
		return UI_REDRAW;
	}
	if (ui->too_small && a != ACTION_QUIT && a != ACTION_QUIT_NOW)
		return UI_NONE;
	int flags = ui_shell_action(ui, a);
	if (flags < 0)
		flags = list_action(l, a);
	if (flags < 0 && l->ops->action)
		flags = l->ops->action(ui, l, a);
	if (flags < 0) {
		char name[32];
		keys_name(key, name, sizeof name);
		if (a == ACTION_NONE)
			ui_message(ui, "%s does nothing here; press ? for the keys", name);
		else
			ui_message(ui, "%s (%s) does nothing in the %s", name, action_name(a),
			           l->ops->name);
		flags = UI_REDRAW;
	}
	return ui->quit_now ? flags | UI_QUIT : flags;
}

int ui_key(struct ui *ui, int key)
{
	int flags = ui_key_flags(ui, key);
	ui_apply(ui, flags);
	return flags;
}

void ui_reload(struct ui *ui)
{
	if (ui->too_small)
		return;
	for (int i = 0; i < UI_NPANES; i++) {
		jaw_err err;
		err_clear(&err);
		if (list_reload(ui->panes[i], &err) != JAW_OK)
			ui_error(ui, err.msg);
	}
	ui->data_version = db_data_version(ui->db);
}

bool ui_poll_changes(struct ui *ui)
{
	int v = db_data_version(ui->db);
	if (v == ui->data_version || ui->too_small)
		return false;
	ui_reload(ui);
	return true;
}

void ui_script(struct ui *ui, const int *keys, int n)
{
	free(ui->script);
	ui->script = xmalloc((size_t)(n > 0 ? n : 1) * sizeof *ui->script);
	memcpy(ui->script, keys, (size_t)n * sizeof *keys);
	ui->nscript = n;
	ui->script_pos = 0;
	ui->scripted = true;
}

int ui_read_key(struct ui *ui)
{
	if (ui->scripted) {
		if (ui->script_pos < ui->nscript) {
			if (ui->script_key)
				ui->script_key(ui, ui->script_ctx);
			return ui->script[ui->script_pos++];
		}
		if (ui->script_end) {
			doupdate();
			ui->script_end(ui, ui->script_ctx);
			ui->script_end = NULL;
		}
		return -1;
	}
	for (;;) {
		if (ui_stop_signal)
			return -1;
		wtimeout(ui->status_win, 1000);
		wint_t ch;
		int rc = wget_wch(ui->status_win, &ch);
		if (ui_stop_signal)
			return -1;
		if (rc == ERR)
			continue;
		if (rc == KEY_CODE_YES && ch == KEY_RESIZE) {
			/* lay the panes out under the dialog; it draws itself again */
			ui_layout(ui, LINES, COLS);
			ui_draw(ui);
			return KEYS_RESIZE;
		}
		int key = input_key(rc, ch);
		if (key >= 0)
			return key;
	}
}

static void ui_apply(struct ui *ui, int flags)
{
	if (flags & UI_LAYOUT) {
		ui_layout(ui, ui->lines, ui->cols);
		clearok(curscr, TRUE);
	} else if (flags & UI_RELOAD) {
		ui_reload(ui);
	}
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
		if (ui_key(ui, key) & UI_QUIT)
			break;
	}
	return ui_stop_signal ? 128 + ui_stop_signal : 0;
}
