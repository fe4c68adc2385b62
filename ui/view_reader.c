/* view_reader.c - the reader: a source's text word-wrapped to the screen,
 * coded segments underlined in their code's colour with a margin of
 * stripes naming the codes beside each line, and the keys to move by
 * lines, words, sentences, paragraphs and coded segments, select, code
 * (with the picker or a quick key), remove codings, write memos, search,
 * undo and redo. Offsets are code points (text.h). */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codebook.h"
#include "coding.h"
#include "journal.h"
#include "keys.h"
#include "text.h"
#include "ui.h"
#include "utf8.h"
#include "xalloc.h"

enum { READER_MARGIN = 16, READER_MAX_CODINGS = 20000 };

struct reader {
	struct ui *ui;
	struct source *src;
	struct text *t;
	struct text_wrap *w;
	char *coder;
	size_t cursor;
	long anchor;     /* where the selection started; -1: none */
	bool line_mode;  /* V: the selection is whole lines */
	size_t top;      /* first display line shown */
	int margin, h;
	struct coding *codings; /* those on the screen */
	attr_t *coding_attr;
	int ncodings, cap;
	char message[512];
	bool changed;    /* codings changed: the panes read again on close */
	int64_t colour_code[64]; /* the colours of codes seen, by code id */
	attr_t colour_attr[64];  /* their coded text */
	attr_t colour_label[64]; /* their names and stripes in the margin */
	int ncolours;
};

/* The attributes of text coded with code id (label: of its name and
 * stripes in the margin), remembered for the session. */
static attr_t reader_code_attr(struct reader *r, int64_t code_id, bool label)
{
	for (int i = 0; i < r->ncolours; i++)
		if (r->colour_code[i] == code_id)
			return label ? r->colour_label[i] : r->colour_attr[i];
	jaw_err err;
	err_clear(&err);
	char *colour = model_code_colour_new(r->ui->db, code_id, &err);
	attr_t a = colour_coded_attr(colour), l = colour_code_label_attr(colour);
	free(colour);
	if (r->ncolours < 64) {
		r->colour_code[r->ncolours] = code_id;
		r->colour_label[r->ncolours] = l;
		r->colour_attr[r->ncolours++] = a;
	}
	return label ? l : a;
}

static void reader_say(struct reader *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void reader_say(struct reader *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->message, sizeof r->message, fmt, ap);
	va_end(ap);
}

static void reader_layout(struct reader *r)
{
	struct ui *ui = r->ui;
	r->margin = ui->cols >= 60 ? READER_MARGIN : 0;
	int width = ui->cols - r->margin - (r->margin ? 1 : 0);
	r->h = ui->lines - 2 > 1 ? ui->lines - 2 : 1;
	text_wrap_free(r->w);
	r->w = text_wrap_new(r->t, width > 1 ? width : 1);
}

/* Keeps the cursor's line on the screen. */
static void reader_scroll(struct reader *r)
{
	size_t line = text_wrap_line_of(r->w, r->cursor);
	if (line < r->top)
		r->top = line;
	if (line >= r->top + (size_t)r->h)
		r->top = line - (size_t)r->h + 1;
}

static void reader_drop_codings(struct reader *r)
{
	for (int i = 0; i < r->ncodings; i++)
		coding_clear(&r->codings[i]);
	r->ncodings = 0;
}

/* Reads the codings that overlap the lines on the screen. */
static void reader_load_codings(struct reader *r)
{
	reader_drop_codings(r);
	size_t lines = text_wrap_count(r->w), s, e, s2, e2;
	size_t last = r->top + (size_t)r->h - 1 < lines ? r->top + (size_t)r->h - 1 : lines - 1;
	text_wrap_line(r->w, r->top, &s, &e);
	text_wrap_line(r->w, last, &s2, &e2);
	jaw_err err;
	err_clear(&err);
	int64_t want = coding_range_count(r->ui->db, r->src->id, (int64_t)s, (int64_t)e2 + 1, &err);
	if (want > READER_MAX_CODINGS)
		want = READER_MAX_CODINGS;
	if (want > r->cap) {
		r->cap = (int)want;
		r->codings = xreallocarray(r->codings, (size_t)r->cap, sizeof *r->codings);
		r->coding_attr = xreallocarray(r->coding_attr, (size_t)r->cap, sizeof *r->coding_attr);
	}
	int n = want > 0 ? coding_range_page(r->ui->db, r->src->id, (int64_t)s, (int64_t)e2 + 1, 0,
	                                     (int)want, r->codings, &err) : (int)want;
	if (n < 0) {
		reader_say(r, "%s", err.msg);
		return;
	}
	r->ncodings = n;
	for (int i = 0; i < n; i++)
		r->coding_attr[i] = reader_code_attr(r, r->codings[i].code_id, false);
}

/* The selection as a range [*start, *end); false if there is none. It
 * runs from where v was pressed up to the cursor (not including the
 * character under it, so v ) selects a sentence); with the cursor still
 * where it started, it is that one character. */
static bool reader_selection(const struct reader *r, size_t *start, size_t *end)
{
	if (r->anchor < 0)
		return false;
	size_t a = (size_t)r->anchor, b = r->cursor;
	*start = a < b ? a : b;
	*end = a < b ? b : a;
	if (*end == *start)
		(*end)++;
	if (r->line_mode) {
		const uint32_t *cp = text_cps(r->t);
		size_t len = text_length(r->t);
		while (*start > 0 && cp[*start - 1] != '\n')
			(*start)--;
		while (*end < len && cp[*end - 1] != '\n' && cp[*end] != '\n')
			(*end)++;
	}
	if (*end > text_length(r->t))
		*end = text_length(r->t);
	return *end > *start;
}

/* ---- drawing --------------------------------------------------------------- */

/* The stripes beside a line: each coding on it, named where it starts. */
static void reader_draw_margin(struct reader *r, int y, size_t s, size_t e)
{
	int x = 0;
	wmove(stdscr, y, 0);
	for (int i = 0; i < r->ncodings && x < r->margin; i++) {
		const struct coding *c = &r->codings[i];
		if ((size_t)c->start > e || (size_t)c->end <= s)
			continue;
		char label[64];
		if ((size_t)c->start >= s)
			snprintf(label, sizeof label, "%.7s", c->code_name);
		else
			snprintf(label, sizeof label, "\u2502");
		int w = utf8_width(label);
		if (x + w + 1 > r->margin) {
			wattrset(stdscr, colour_attr(ROLE_DIM));
			mvwaddstr(stdscr, y, r->margin - 1, "+");
			break;
		}
		wattrset(stdscr, reader_code_attr(r, c->code_id, true));
		mvwaddstr(stdscr, y, x, label);
		x += w + 1;
	}
}

/* The attributes of code point i of the text. */
static attr_t reader_cell_attr(const struct reader *r, size_t i, size_t sel_s, size_t sel_e,
                               bool sel)
{
	attr_t a = colour_attr(ROLE_NORMAL);
	for (int k = 0; k < r->ncodings; k++) {
		if ((size_t)r->codings[k].start <= i && i < (size_t)r->codings[k].end) {
			a = r->coding_attr[k];
			break;
		}
	}
	if (sel && i >= sel_s && i < sel_e)
		a = colour_attr(ROLE_SELECTION);
	if (i == r->cursor)
		a |= A_REVERSE;
	return a;
}

static void reader_draw_line(struct reader *r, int y, size_t line, bool sel, size_t sel_s,
                             size_t sel_e)
{
	size_t s, e;
	text_wrap_line(r->w, line, &s, &e);
	if (r->margin)
		reader_draw_margin(r, y, s, e);
	int x0 = r->margin ? r->margin + 1 : 0, col = 0, width = r->ui->cols - x0;
	for (size_t i = s; i < e && col < width; i++) {
		uint32_t cp = text_cp(r->t, i);
		int cw = text_cell_width(cp, col);
		wattrset(stdscr, reader_cell_attr(r, i, sel_s, sel_e, sel));
		wmove(stdscr, y, x0 + col);
		if (cp == '\t' || cp == ' ') {
			for (int k = 0; k < cw && col + k < width; k++)
				waddch(stdscr, ' ');
		} else {
			char buf[8] = {0};
			utf8_encode(utf8_cp_is_unsafe(cp) ? (cp < 0x20 ? 0x2400 + cp : 0xFFFD) : cp, buf);
			if (cw == 0 && i > s) /* a combining mark: onto the cell before */
				wmove(stdscr, y, x0 + col - 1);
			waddstr(stdscr, buf);
		}
		col += cw;
	}
	if (r->cursor == e && e >= s && (e < text_length(r->t) ? text_cp(r->t, e) == '\n' : 1) &&
	    text_wrap_line_of(r->w, r->cursor) == line && col < width) {
		wattrset(stdscr, colour_attr(ROLE_NORMAL) | A_REVERSE);
		mvwaddch(stdscr, y, x0 + col, ' ');
	}
}

static void reader_draw(struct reader *r)
{
	struct ui *ui = r->ui;
	werase(stdscr);
	size_t sel_s = 0, sel_e = 0;
	bool sel = reader_selection(r, &sel_s, &sel_e);
	char title[700];
	snprintf(title, sizeof title, " %zu/%zu%s  %s  (%s %s%s%s)", r->cursor, text_length(r->t),
	         sel ? " selecting" : "", r->src->title, r->src->kind, r->src->source_date,
	         *r->src->stakeholder_name ? ", " : "", r->src->stakeholder_name);
	wattrset(stdscr, colour_attr(ROLE_PANE_TITLE_FOCUS));
	wmove(stdscr, 0, 0);
	ui_put(stdscr, title, ui->cols, true);
	size_t lines = text_wrap_count(r->w);
	for (int i = 0; i < r->h && r->top + (size_t)i < lines; i++)
		reader_draw_line(r, 1 + i, r->top + (size_t)i, sel, sel_s, sel_e);
	wattrset(stdscr, colour_attr(r->message[0] ? ROLE_STATUS : ROLE_STATUS));
	wmove(stdscr, ui->lines - 1, 0);
	ui_put(stdscr, r->message[0] ? r->message
	       : " v select  c code  1-9 quick code  x remove  m memo  u undo  ? help  q close",
	       ui->cols, true);
	wnoutrefresh(stdscr);
	doupdate();
}

/* ---- coding ---------------------------------------------------------------- */

static bool reader_is_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == 0xA0;
}

/* The range to code: the selection, or the sentence under the cursor,
 * without the white space at its ends. */
static bool reader_target(struct reader *r, size_t *start, size_t *end)
{
	if (!reader_selection(r, start, end) && !text_sentence_at(r->t, r->cursor, start, end))
		return false;
	while (*end > *start && reader_is_space(text_cp(r->t, *end - 1)))
		(*end)--;
	while (*start < *end && reader_is_space(text_cp(r->t, *start)))
		(*start)++;
	return *end > *start;
}

static void reader_apply(struct reader *r, int64_t code_id)
{
	r->ncolours = 0; /* a new code may have come with the picker */
	size_t start, end;
	if (!reader_target(r, &start, &end)) {
		reader_say(r, "Nothing to code here.");
		return;
	}
	jaw_err err;
	err_clear(&err);
	if (coding_apply(r->ui->db, r->coder, r->src->id, (int64_t)start, (int64_t)end, code_id, NULL,
	                 NULL, &err) != JAW_OK) {
		reader_say(r, "%s", err.msg);
		return;
	}
	char *path = codebook_path_new(r->ui->db, code_id, &err);
	reader_say(r, "Coded %zu characters with %s (u undoes).", end - start, path ? path : "?");
	free(path);
	r->anchor = -1;
	r->changed = true;
}

static void reader_quick_code(struct reader *r, int key)
{
	jaw_err err;
	err_clear(&err);
	int64_t code = codebook_quick_key_code(r->ui->db, key, &err);
	if (code <= 0)
		reader_say(r, code < 0 ? "%s" : "No code has quick key %s (set one in the codebook).",
		           code < 0 ? err.msg : (char[]){(char)('0' + key), 0});
	else
		reader_apply(r, code);
}

static void reader_pick_and_code(struct reader *r)
{
	jaw_err err;
	err_clear(&err);
	int64_t code = picker_code(r->ui, r->coder, &err);
	if (code < 0)
		reader_say(r, "%s", err.msg);
	else if (code > 0)
		reader_apply(r, code);
}

/* Lets the analyst choose one of the codings under the cursor; returns its
 * index in *c (filled; clear it), or false if none or cancelled. */
static bool reader_coding_under_cursor(struct reader *r, const char *what, struct coding *out)
{
	struct coding found[16];
	jaw_err err;
	err_clear(&err);
	int n = coding_range_page(r->ui->db, r->src->id, (int64_t)r->cursor,
	                          (int64_t)r->cursor + 1, 0, 16, found, &err);
	if (n <= 0) {
		reader_say(r, n < 0 ? "%s" : "No coding under the cursor.", err.msg);
		return false;
	}
	int pick = 0;
	if (n > 1) {
		char *items[16];
		for (int i = 0; i < n; i++)
			items[i] = xasprintf("%s  [%lld-%lld] by %s%s", found[i].code_name,
			                     (long long)found[i].start, (long long)found[i].end,
			                     found[i].coder, *found[i].memo ? "  (memo)" : "");
		pick = picker_choose(r->ui, what, items, n);
		for (int i = 0; i < n; i++)
			free(items[i]);
	}
	for (int i = 0; i < n; i++) {
		if (i == pick)
			*out = found[i];
		else
			coding_clear(&found[i]);
	}
	return pick >= 0;
}

static void reader_remove(struct reader *r)
{
	struct coding c;
	if (!reader_coding_under_cursor(r, " Remove which coding? ", &c))
		return;
	jaw_err err;
	err_clear(&err);
	if (coding_remove(r->ui->db, r->coder, c.id, &err) != JAW_OK)
		reader_say(r, "%s", err.msg);
	else
		reader_say(r, "Removed the coding with %s (u undoes).", c.code_name);
	r->changed = true;
	coding_clear(&c);
}

static void reader_memo(struct reader *r)
{
	struct coding c;
	if (!reader_coding_under_cursor(r, " Memo on which coding? ", &c))
		return;
	char *memo = xstrdup(c.memo);
	if (ui_edit_text(r->ui, &memo, "memo")) {
		jaw_err err;
		err_clear(&err);
		if (coding_set_memo(r->ui->db, r->coder, c.id, memo, &err) != JAW_OK)
			reader_say(r, "%s", err.msg);
		else
			reader_say(r, "Memo saved on the coding with %s.", c.code_name);
	} else {
		reader_say(r, "%s", r->ui->message);
	}
	free(memo);
	coding_clear(&c);
}

static void reader_step_coded(struct reader *r, enum coding_direction dir)
{
	struct coding c;
	jaw_err err;
	err_clear(&err);
	int found = coding_step(r->ui->db, r->src->id, (int64_t)r->cursor, dir, &c, &err);
	if (found < 0)
		reader_say(r, "%s", err.msg);
	else if (found == 0)
		reader_say(r, dir == CODING_NEXT ? "No coded segment after this." :
		           "No coded segment before this.");
	else {
		r->cursor = (size_t)c.start;
		reader_say(r, "%s [%lld-%lld] by %s%s%s", c.code_name, (long long)c.start,
		           (long long)c.end, c.coder, *c.memo ? ": " : "", c.memo);
		coding_clear(&c);
	}
}

static void reader_undo_redo(struct reader *r, bool redo)
{
	r->ncolours = 0;
	struct journal_result res = {0};
	jaw_err err;
	err_clear(&err);
	int rc = redo ? journal_redo(r->ui->db, r->coder, &res, &err)
	              : journal_undo(r->ui->db, r->coder, &res, &err);
	if (rc != JAW_OK)
		reader_say(r, "%s", err.msg);
	else if (res.entry == 0)
		reader_say(r, redo ? "Nothing to redo." : "Nothing to undo.");
	else {
		reader_say(r, "%s: %s", redo ? "Redone" : "Undone", res.summary);
		if (res.source_id == r->src->id && (size_t)res.start <= text_length(r->t))
			r->cursor = (size_t)res.start;
	}
	r->changed = true;
	journal_result_clear(&res);
}

/* ---- moving ---------------------------------------------------------------- */

static void reader_vertical(struct reader *r, long lines)
{
	size_t line = text_wrap_line_of(r->w, r->cursor), count = text_wrap_count(r->w);
	int col = text_wrap_col_of(r->w, r->cursor);
	long target = (long)line + lines;
	if (target < 0)
		target = 0;
	if ((size_t)target >= count)
		target = (long)count - 1;
	r->cursor = text_wrap_cp_at(r->w, (size_t)target, col);
}

static void reader_search(struct reader *r, bool backward)
{
	if (!r->ui->search || !*r->ui->search) {
		reader_say(r, "No search yet: / searches the text.");
		return;
	}
	size_t s, e;
	int flags = TEXT_SEARCH_SMART_CASE | TEXT_SEARCH_WRAP | (backward ? TEXT_SEARCH_BACKWARD : 0);
	size_t from = backward ? r->cursor : r->cursor + 1;
	if (text_search(r->t, r->ui->search, from, flags, &s, &e))
		r->cursor = s;
	else
		reader_say(r, "\"%.200s\" is not in this text.", r->ui->search);
}

/* Movement actions; false if a is not one. */
static bool reader_move(struct reader *r, enum action a)
{
	size_t len = text_length(r->t);
	switch (a) {
	case ACTION_MOVE_DOWN: reader_vertical(r, 1); break;
	case ACTION_MOVE_UP: reader_vertical(r, -1); break;
	case ACTION_PAGE_DOWN: reader_vertical(r, r->h); break;
	case ACTION_PAGE_UP: reader_vertical(r, -r->h); break;
	case ACTION_MOVE_FIRST: r->cursor = 0; break;
	case ACTION_MOVE_LAST: r->cursor = len; break;
	case ACTION_MOVE_LEFT: r->cursor = r->cursor > 0 ? r->cursor - 1 : 0; break;
	case ACTION_MOVE_RIGHT: r->cursor = r->cursor < len ? r->cursor + 1 : len; break;
	case ACTION_WORD_NEXT: r->cursor = text_word_next(r->t, r->cursor); break;
	case ACTION_WORD_PREV: r->cursor = text_word_prev(r->t, r->cursor); break;
	case ACTION_SENTENCE_NEXT: r->cursor = text_sentence_next(r->t, r->cursor); break;
	case ACTION_SENTENCE_PREV: r->cursor = text_sentence_prev(r->t, r->cursor); break;
	case ACTION_PARAGRAPH_NEXT: r->cursor = text_paragraph_next(r->t, r->cursor); break;
	case ACTION_PARAGRAPH_PREV: r->cursor = text_paragraph_prev(r->t, r->cursor); break;
	case ACTION_NEXT_CODED: reader_step_coded(r, CODING_NEXT); break;
	case ACTION_PREV_CODED: reader_step_coded(r, CODING_PREV); break;
	case ACTION_SEARCH_NEXT: reader_search(r, false); break;
	case ACTION_SEARCH_PREV: reader_search(r, true); break;
	default: return false;
	}
	return true;
}

/* Shows the reader's keys until a key closes the help. */
static void reader_help(struct reader *r)
{
	WINDOW *win = NULL;
	int top = 0;
	for (;;) {
		bool scrolls;
		top = help_draw(&win, r->ui->rc, "Reader", JAWRC_READER, r->ui->lines, r->ui->cols,
		                top, &scrolls);
		doupdate();
		int key = ui_read_key(r->ui);
		enum action a = key >= 0 ? jawrc_lookup(r->ui->rc, JAWRC_READER, key) : ACTION_NONE;
		if (!scrolls || (a != ACTION_MOVE_DOWN && a != ACTION_MOVE_UP))
			break;
		top += a == ACTION_MOVE_DOWN ? 1 : -1;
	}
	delwin(win);
}

/* Handles one action; false to close the reader. */
static bool reader_action(struct reader *r, enum action a)
{
	if (reader_move(r, a))
		return true;
	switch (a) {
	case ACTION_QUIT: return false;
	case ACTION_QUIT_NOW: r->ui->quit_now = true; return false;
	case ACTION_SELECT:
		if (r->anchor >= 0 && !r->line_mode)
			r->anchor = -1;
		else
			r->anchor = (long)r->cursor, r->line_mode = false;
		break;
	case ACTION_SELECT_LINES:
		r->anchor = (long)r->cursor;
		r->line_mode = true;
		break;
	case ACTION_CANCEL: r->anchor = -1; break;
	case ACTION_CODE: reader_pick_and_code(r); break;
	case ACTION_REMOVE_CODING: reader_remove(r); break;
	case ACTION_MEMO: reader_memo(r); break;
	case ACTION_UNDO: reader_undo_redo(r, false); break;
	case ACTION_REDO: reader_undo_redo(r, true); break;
	case ACTION_HELP: reader_help(r); break;
	case ACTION_SEARCH: {
		char *text = prompt_line_new(r->ui, "/", NULL, false);
		if (text) {
			free(r->ui->search);
			r->ui->search = text;
			reader_search(r, false);
		}
		break;
	}
	default:
		if (a >= ACTION_QUICK_CODE_1 && a <= ACTION_QUICK_CODE_9)
			reader_quick_code(r, (int)(a - ACTION_QUICK_CODE_1) + 1);
		else
			reader_say(r, "That key does nothing in the reader; ? shows the keys.");
		break;
	}
	return true;
}

static void reader_loop(struct reader *r)
{
	for (;;) {
		reader_scroll(r);
		reader_load_codings(r);
		reader_draw(r);
		r->message[0] = '\0';
		int key = ui_read_key(r->ui);
		if (key < 0)
			break;
		if (key == KEYS_RESIZE) {
			reader_layout(r);
			continue;
		}
		if (!reader_action(r, jawrc_lookup(r->ui->rc, JAWRC_READER, key)))
			break;
	}
}

void ui_open_source(struct ui *ui, int64_t id)
{
	ui_open_source_at(ui, id, 0);
}

void ui_open_source_at(struct ui *ui, int64_t id, size_t offset)
{
	jaw_err err;
	err_clear(&err);
	struct reader r = {.ui = ui, .anchor = -1};
	r.src = model_source_get_new(ui->db, id, &err);
	if (!r.src) {
		ui_error(ui, err.msg);
		return;
	}
	const char *coder = jawrc_option(ui->rc, "coder");
	r.coder = coding_coder_new(*coder ? coder : NULL);
	r.t = text_new(r.src->text, strlen(r.src->text));
	r.cursor = offset <= text_length(r.t) ? offset : text_length(r.t);
	reader_layout(&r);
	reader_loop(&r);
	reader_drop_codings(&r);
	free(r.codings);
	free(r.coding_attr);
	text_wrap_free(r.w);
	text_free(r.t);
	free(r.coder);
	model_source_free(r.src);
	ui->clear_all = true; /* the panes are drawn anew */
	if (r.changed)
		ui_reload(ui);
}
