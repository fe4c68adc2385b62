/* ui.c - the shell: the stack of layers, the one loop, key dispatch, the
 * requests views post to each other, the title and status bars, and live
 * refresh when another session changes the project. */
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

enum { UI_MIN_COLS = 40, UI_MIN_LINES = 12 };

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
	ui_marking_read(ui);
	for (int v = 0; v < VIEW_COUNT; v++)
		if (ui_views[v].ops->count)
			ui->lists[v] = list_new(ui_views[v].ops, ui, db, ui_views[v].keymap);
	ui->data_version = db_data_version(db);
	ui->busy_after = 100;
	ui->stack[ui->depth++] = panes_new(ui);
	db_set_wait_hook(ui_wait, ui);
	return ui;
}

static void ui_delwin(WINDOW **w)
{
	if (*w)
		delwin(*w);
	*w = NULL;
}

static void ui_free_layer(struct layer *ly)
{
	if (ly && ly->ops->free)
		ly->ops->free(ly);
	else
		free(ly);
}

void ui_free(struct ui *ui)
{
	if (!ui)
		return;
	db_set_wait_hook(NULL, NULL);
	while (ui->depth > 0)
		ui_free_layer(ui->stack[--ui->depth]);
	for (int v = 0; v < VIEW_COUNT; v++)
		list_free(ui->lists[v]);
	ui_delwin(&ui->title_win);
	ui_delwin(&ui->status_win);
	for (int i = 0; i < ui->nhistory; i++)
		free(ui->history[i]);
	free(ui->script);
	free(ui->search);
	free(ui->title);
	free(ui->marking);
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

struct list *ui_list(struct ui *ui, enum view_id view)
{
	return view < VIEW_COUNT ? ui->lists[view] : NULL;
}

/* ---- the stack -------------------------------------------------------------- */

struct layer *ui_top(struct ui *ui)
{
	return ui->stack[ui->depth - 1];
}

struct layer *ui_view_layer(struct ui *ui)
{
	for (int i = ui->depth - 1; i > 0; i--)
		if (ui->stack[i]->view >= 0 && !ui->stack[i]->closing)
			return ui->stack[i];
	return ui->stack[0];
}

void ui_push(struct ui *ui, struct layer *ly)
{
	if (ui->depth == UI_MAX_LAYERS) {
		ui_error(ui, "Too many windows open: close some with q or Esc.");
		ui_free_layer(ly);
		return;
	}
	ly->ui = ui;
	ly->stale = true;
	ly->dirty = true;
	ui->stack[ui->depth++] = ly;
	if (ui->lines > 0 && ly->ops->layout && !ui->too_small)
		ly->ops->layout(ly);
	ui->clear_all = true;
}

void ui_close(struct layer *ly)
{
	ly->closing = true;
}

/* Frees the layers marked closing (not the bottom one). */
static void ui_sweep(struct ui *ui)
{
	int o = 1;
	for (int i = 1; i < ui->depth; i++) {
		if (ui->stack[i]->closing) {
			ui_free_layer(ui->stack[i]);
			ui->clear_all = true;
		} else {
			ui->stack[o++] = ui->stack[i];
		}
	}
	ui->depth = o;
}

/* Closes ly for the user: what it asked is cancelled. */
static void ui_cancel(struct layer *ly)
{
	if (ly->closing)
		return;
	ly->closing = true;
	if (ly->ops->cancel)
		ly->ops->cancel(ly);
}

/* Closes every layer above the bottom one (cancelling any modal). */
static void ui_pop_to_bottom(struct ui *ui)
{
	for (int i = 1; i < ui->depth; i++)
		ui_cancel(ui->stack[i]);
	ui_sweep(ui);
}

/* The lowest layer that is drawn: the topmost one that covers the screen. */
static int ui_bottom_visible(const struct ui *ui)
{
	int b = 0;
	for (int i = 1; i < ui->depth; i++)
		if (ui->stack[i]->full)
			b = i;
	return b;
}

/* ---- requests ---------------------------------------------------------------- */

void ui_request(struct ui *ui, const struct ui_target *t)
{
	if (ui->nrequests < UI_MAX_REQUESTS)
		ui->requests[ui->nrequests++] = *t;
}

void ui_request_view(struct ui *ui, enum view_id view)
{
	struct ui_target t = {.view = view, .at = -1};
	ui_request(ui, &t);
}

void ui_request_source(struct ui *ui, int64_t source_id, int64_t at)
{
	struct ui_target t = {.view = VIEW_READER, .id = source_id, .at = at};
	ui_request(ui, &t);
}

/* Carries out one request: focuses or opens the view, then lets it show
 * what was asked for. Returns ui_flags. */
static int ui_carry_out(struct ui *ui, const struct ui_target *t)
{
	const struct view_info *v = &ui_views[t->view];
	struct list *l = ui->lists[t->view];
	if (v->place == VIEW_PLACE_OPENED) {
		jaw_err err;
		err_clear(&err);
		struct layer *ly = v->ops->open ? v->ops->open(ui, t, &err) : NULL;
		if (!ly) {
			ui_error(ui, err.msg);
			return UI_REDRAW;
		}
		ui_push(ui, ly);
		return UI_REDRAW;
	}
	ui_pop_to_bottom(ui);
	if (v->place == VIEW_PLACE_PANE)
		panes_focus(ui->stack[0], t->view);
	else
		ui_push(ui, listview_new(ui, t->view));
	if (l && !v->ops->show && t->at >= 0)
		list_goto(l, t->at); /* a row (a memo's target) */
	return v->ops->show && l ? v->ops->show(ui, l, t) : UI_REDRAW;
}

/* ---- updating, layout and drawing ------------------------------------------- */

void ui_reload(struct ui *ui)
{
	for (int i = 0; i < ui->depth; i++)
		ui->stack[i]->stale = true;
	ui->data_version = db_data_version(ui->db);
	ui_marking_read(ui);
}

void ui_update(struct ui *ui)
{
	if (ui->too_small || ui->lines == 0)
		return;
	for (int i = ui_bottom_visible(ui); i < ui->depth; i++) {
		struct layer *ly = ui->stack[i];
		jaw_err err;
		err_clear(&err);
		if (ly->ops->update && ly->ops->update(ly, &err) != JAW_OK)
			ui_error(ui, err.msg);
		ly->stale = false;
	}
}

bool ui_poll_changes(struct ui *ui)
{
	int v = db_data_version(ui->db);
	if (v == ui->data_version || ui->too_small)
		return false;
	ui_reload(ui);
	ui_update(ui);
	return true;
}

void ui_layout(struct ui *ui, int lines, int cols)
{
	ui->lines = lines;
	ui->cols = cols;
	ui_delwin(&ui->title_win);
	ui_delwin(&ui->status_win);
	ui->too_small = cols < UI_MIN_COLS || lines < UI_MIN_LINES;
	/* The status window always exists: it is the one keys are read from. */
	ui->status_win = newwin(1, cols > 0 ? cols : 1, lines > 0 ? lines - 1 : 0, 0);
	keypad(ui->status_win, TRUE);
	ui->clear_all = true;
	if (ui->too_small)
		return;
	ui->title_win = newwin(1, cols, 0, 0);
	for (int i = 0; i < ui->depth; i++) {
		ui->stack[i]->dirty = true;
		if (ui->stack[i]->ops->layout)
			ui->stack[i]->ops->layout(ui->stack[i]);
	}
	ui_update(ui); /* pages of another size */
}

static void ui_draw_title(struct ui *ui)
{
	WINDOW *w = ui->title_win;
	wattrset(w, colour_attr(ROLE_TITLE));
	wmove(w, 0, 0);
	char head[512];
	snprintf(head, sizeof head, " jaw  %s", ui->title);
	const char *ro = db_readonly(ui->db) ? "  [read only]" : "";
	int row = (int)strlen(ro);
	/* on the right the project's marking line when it has one: it is a
	 * handling caveat the team must see whole, so the title is cut first
	 * (down to a few characters); else the file, when it fits */
	bool marked = *ui->marking;
	const char *right = marked ? ui->marking : db_path(ui->db);
	int rightw = utf8_width(right) + 3, room = ui->cols - row - 8;
	if (marked && rightw > room)
		rightw = room > 0 ? room : 0;
	else if (!marked && rightw > ui->cols / 3)
		rightw = 0;
	int headw = ui->cols - rightw - row;
	if (headw > utf8_width(head))
		headw = utf8_width(head);
	ui_put(w, head, headw, true);
	ui_put(w, ro, ui->cols - rightw - headw, true);
	if (rightw) {
		waddch(w, ' ');
		ui_put(w, right, rightw - 2, true);
		waddch(w, ' ');
	}
	wnoutrefresh(w);
}

static void ui_draw_status(struct ui *ui)
{
	WINDOW *w = ui->status_win;
	char text[sizeof ui->message] = "";
	struct layer *top = ui_top(ui);
	/* a modal that says nothing of its own leaves the view's line */
	struct layer *said = top->ops->describe ? top : ui_view_layer(ui);
	if (ui->message[0])
		snprintf(text, sizeof text, "%s", ui->message);
	else if (said->ops->describe)
		said->ops->describe(said, text, sizeof text);
	const char *hint = said == ui->stack[0] ? "  ? help  q quit " : "  ? help  q back ";
	int hintw = (int)strlen(hint);
	/* modals and the reader say what their keys are themselves */
	if (ui->cols < 2 * hintw || said->view < 0 || ui_views[said->view].place == VIEW_PLACE_OPENED)
		hintw = 0;
	/* a message that would be cut takes the hint's place */
	if (ui->message[0] && utf8_width(text) > ui->cols - hintw - 1)
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

/* Puts the terminal's cursor where the top layer edits text, or hides it. */
static void ui_place_cursor(struct ui *ui)
{
	struct layer *top = ui_top(ui);
	WINDOW *w = NULL;
	int y = 0, x = 0;
	if (top->ops->cursor && top->ops->cursor(top, &w, &y, &x) && w) {
		curs_set(1);
		wmove(w, y, x);
		wnoutrefresh(w);
	} else {
		curs_set(0);
	}
}

void ui_draw(struct ui *ui)
{
	if (ui->too_small) {
		ui_draw_too_small(ui);
		doupdate();
		return;
	}
	bool all = ui->clear_all;
	if (all) {
		/* cells no window covers after a new layout must not keep old text */
		werase(stdscr);
		wnoutrefresh(stdscr);
	}
	ui->clear_all = false;
	int b = ui_bottom_visible(ui);
	if (ui->stack[b]->title)
		ui_draw_title(ui);
	for (int i = b; i < ui->depth; i++) {
		struct layer *ly = ui->stack[i];
		/* a modal is drawn whole: what is below may have painted over it */
		ly->ops->draw(ly, all || ly->dirty || i > b);
		ly->dirty = false;
	}
	if (!ui_top(ui)->in_status)
		ui_draw_status(ui);
	ui_place_cursor(ui);
	doupdate();
}

/* ---- keys ------------------------------------------------------------------------ */

static int ui_prompt_command_done(struct ui *ui, void *ctx, const char *text)
{
	(void)ctx;
	return ui_command(ui, text);
}

static int ui_prompt_search_done(struct ui *ui, void *ctx, const char *text)
{
	(void)ctx;
	return ui_search_for(ui, text);
}

/* The changes u takes back in view: those made there (JOURNAL_ANYWHERE:
 * none are made there). */
static enum journal_context ui_undo_context(int view)
{
	switch (view) {
	case VIEW_TIMELINE: return JOURNAL_IN_TIMELINE;
	case VIEW_STAKEHOLDERS: return JOURNAL_IN_STAKEHOLDERS;
	case VIEW_EVIDENCE: return JOURNAL_IN_EVIDENCE;
	case VIEW_CODEBOOK: return JOURNAL_IN_CODEBOOK;
	case VIEW_MEMOS: return JOURNAL_IN_MEMOS;
	/* coding every hit of a search: codings on many sources, no subject */
	case VIEW_ANALYSIS: return JOURNAL_IN_CODING;
	case VIEW_FINDINGS: return JOURNAL_IN_FINDINGS;
	default: return JOURNAL_ANYWHERE;
	}
}

/* Moves view's list to the row res brought back (or changed), if it shows it. */
static void ui_undo_goto(struct ui *ui, int view, const struct journal_result *res)
{
	struct list *l = ui_list(ui, (enum view_id)view);
	if (!l || !l->ops->position_of || !res->record)
		return;
	int64_t pos = l->ops->position_of(l, res->record, NULL);
	if (pos >= 0)
		list_goto(l, pos);
}

/* u and Ctrl-R: undo or redo the analyst's last change made in the
 * focused view. */
static int ui_undo_redo(struct ui *ui, struct layer *ly, bool redo)
{
	enum journal_context context = ui_undo_context(ly->view);
	const char *verb = redo ? "redo" : "undo";
	if (context == JOURNAL_ANYWHERE) {
		ui_message(ui, "Nothing to %s here: changes are undone where they were made.", verb);
		return UI_REDRAW;
	}
	char *coder = ui_coder_new(ui);
	struct journal_result res = {0};
	struct journal_scope scope = {context, 0};
	jaw_err err;
	err_clear(&err);
	int rc = redo ? journal_redo_in(ui->db, coder, &scope, &res, &err)
	              : journal_undo_in(ui->db, coder, &scope, &res, &err);
	if (rc != JAW_OK) {
		ui_error(ui, err.msg);
	} else if (res.entry == 0) {
		ui_message(ui, "Nothing to %s %s.", verb, journal_context_where(context));
	} else {
		ui_message(ui, "%s: %.900s", redo ? "Redid" : "Undid", res.summary);
		ui_undo_goto(ui, ly->view, &res);
	}
	journal_result_clear(&res);
	free(coder);
	return UI_RELOAD;
}

int ui_common_action(struct ui *ui, struct layer *ly, enum action a)
{
	int view = ui_view_of_action(a);
	if (view >= 0) {
		ui_request_view(ui, (enum view_id)view);
		return UI_REDRAW;
	}
	switch (a) {
	case ACTION_HELP:
		if (ly->view >= 0)
			help_open(ui, (enum view_id)ly->view);
		return UI_REDRAW;
	case ACTION_QUIT_NOW: ui->quit_now = true; return UI_QUIT;
	case ACTION_REDRAW: clearok(curscr, TRUE); return UI_RELOAD;
	case ACTION_COMMAND:
		prompt_open(ui, ":", NULL, true, ui_prompt_command_done, NULL, NULL);
		return UI_REDRAW;
	case ACTION_SEARCH:
		prompt_open(ui, "/", NULL, false, ui_prompt_search_done, NULL, NULL);
		return UI_REDRAW;
	case ACTION_SEARCH_NEXT: return ui_search_again(ui, MODEL_FORWARD);
	case ACTION_SEARCH_PREV: return ui_search_again(ui, MODEL_BACKWARD);
	case ACTION_UNDO: return ui_undo_redo(ui, ly, false);
	case ACTION_REDO: return ui_undo_redo(ui, ly, true);
	default: return -1;
	}
}

int ui_list_key(struct ui *ui, struct layer *ly, struct list *l, int key)
{
	enum action a = jawrc_lookup(ui->rc, l->keymap, key);
	int flags = ui_common_action(ui, ly, a);
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
	return flags;
}

/* After a handler: what its flags ask for, the layers that closed, the
 * requests it posted, then what must be read again. */
static int ui_settle(struct ui *ui, int flags)
{
	if (flags & UI_RELOAD)
		ui_reload(ui);
	ui_sweep(ui);
	for (int i = 0; i < ui->nrequests; i++) {
		struct ui_target t = ui->requests[i];
		flags |= ui_carry_out(ui, &t);
		ui_sweep(ui);
	}
	ui->nrequests = 0;
	if (flags & UI_RELOAD)
		ui_reload(ui);
	if (flags & UI_LAYOUT) {
		ui_layout(ui, ui->lines, ui->cols);
		clearok(curscr, TRUE);
	}
	if (ui->quit_now)
		flags |= UI_QUIT;
	ui_update(ui);
	return flags;
}

int ui_show(struct ui *ui, const struct ui_target *t)
{
	ui_request(ui, t);
	return ui_settle(ui, UI_NONE);
}

void ui_close_to(struct ui *ui, int depth)
{
	for (int i = depth > 1 ? depth : 1; i < ui->depth; i++)
		ui_cancel(ui->stack[i]);
	ui_settle(ui, UI_NONE);
}

/* True if a changes the project (refused up front when it is read only). */
static bool ui_action_edits(enum action a)
{
	switch (a) {
	case ACTION_ADD: case ACTION_EDIT: case ACTION_EDIT_NOTES: case ACTION_DELETE:
	case ACTION_CODE: case ACTION_REMOVE_CODING: case ACTION_MEMO: case ACTION_UNDO:
	case ACTION_REDO: case ACTION_ADD_CHILD: case ACTION_MERGE: case ACTION_MOVE_UNDER:
	case ACTION_IMPORT_CSV: case ACTION_CITE: case ACTION_FINDING_STATUS:
	case ACTION_FINDING_OWNER: case ACTION_FINDING_AREAS: case ACTION_MOVE_ITEM_UP:
	case ACTION_MOVE_ITEM_DOWN: case ACTION_REFRESH_CITATION:
		return true;
	default:
		return a >= ACTION_QUICK_CODE_1 && a <= ACTION_QUICK_CODE_9;
	}
}

/* On a read-only project, a key that would change it is refused, saying
 * why and what to change; true if key was. */
static bool ui_refuse_edit(struct ui *ui, struct layer *top, int key)
{
	if (!db_readonly(ui->db) || top->view < 0 || !ui_action_edits(jawrc_lookup(ui->rc,
	                                                                          top->keymap, key)))
		return false;
	const char *why = db_readonly_why(ui->db);
	char msg[sizeof ui->message];
	snprintf(msg, sizeof msg, "Read only: %s", why ? why : "opened read only");
	ui_error(ui, msg);
	return true;
}

/* One key through the top layer. */
static int ui_key_one(struct ui *ui, int key)
{
	ui->message[0] = '\0';
	ui->message_is_error = false;
	if (ui->too_small) {
		enum action a = jawrc_lookup(ui->rc, JAWRC_GENERIC, key);
		return a == ACTION_QUIT || a == ACTION_QUIT_NOW ? UI_QUIT : UI_NONE;
	}
	struct layer *top = ui_top(ui);
	if (ui_refuse_edit(ui, top, key))
		return UI_REDRAW;
	return ui_settle(ui, top->ops->key(top, key));
}

int ui_key(struct ui *ui, int key)
{
	if (!ui->script)
		return ui_key_one(ui, key);
	/* a test's script: the key, then the queued keys, then cancel what
	 * the key opened */
	int *script = ui->script, n = ui->nscript, depth = ui->depth;
	ui->script = NULL;
	int flags = ui_key_one(ui, key);
	for (int i = 0; i < n && !(flags & UI_QUIT); i++)
		flags |= ui_key_one(ui, script[i]);
	free(script);
	if (ui->script_end) {
		ui_draw(ui);
		ui->script_end(ui, ui->script_ctx);
		ui->script_end = NULL;
	}
	/* what still waits for input is cancelled: modals and the reader */
	for (int i = depth > 1 ? depth : 1; i < ui->depth; i++) {
		int view = ui->stack[i]->view;
		if (view < 0 || ui_views[view].place == VIEW_PLACE_OPENED)
			ui_cancel(ui->stack[i]);
	}
	flags |= ui_settle(ui, UI_NONE);
	return flags;
}

void ui_script(struct ui *ui, const int *keys, int n)
{
	free(ui->script);
	ui->script = xmalloc((size_t)(n > 0 ? n : 1) * sizeof *ui->script);
	memcpy(ui->script, keys, (size_t)n * sizeof *keys);
	ui->nscript = n;
}

/* ---- search ------------------------------------------------------------------------ */

int ui_search_for(struct ui *ui, const char *text)
{
	free(ui->search);
	ui->search = xstrdup(text);
	return ui_search_again(ui, MODEL_FORWARD);
}

int ui_search_again(struct ui *ui, enum model_dir dir)
{
	struct layer *ly = ui_view_layer(ui);
	if (!ui->search || !*ui->search) {
		ui_message(ui, "No search yet: / searches what is on screen.");
		return UI_REDRAW;
	}
	if (!ly->ops->search) {
		ui_message(ui, "Nothing to search here.");
		return UI_REDRAW;
	}
	return ly->ops->search(ly, ui->search, dir);
}

/* ---- the loop ---------------------------------------------------------------------- */

int ui_run(struct ui *ui)
{
	ui_layout(ui, LINES, COLS);
	ui_update(ui);
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
			ui_update(ui);
			continue;
		}
		int key = input_key(rc, ch);
		if (key < 0)
			continue;
		ui->wait_text[0] = '\0';
		if (ui_key(ui, key) & UI_QUIT)
			break;
		if (ui->resized_while_waiting) {
			ui->resized_while_waiting = false;
			ui_layout(ui, LINES, COLS);
			clearok(curscr, TRUE);
			ui_update(ui);
		}
	}
	return ui_stop_signal ? 128 + ui_stop_signal : 0;
}
