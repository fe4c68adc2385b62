/* view_reader.c - the reader: a source's text word-wrapped to the screen,
 * coded segments on their code's colour (black or white text), with a margin of
 * stripes naming the codes beside each line, and the keys to move by
 * lines, words, sentences, paragraphs and coded segments, select, code
 * (with the picker or a quick key), remove codings, write memos, search,
 * undo and redo. Offsets are code points (text.h). The reader is a layer
 * on the stack, opened by a request (view_reader_ops.open) with a source and
 * an offset; it reads its codings when it is updated, never when drawn, and
 * follows other sessions' changes like every view. */
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
	struct layer ly;
	struct ui *ui;
	WINDOW *win;
	int64_t source_id;
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
	attr_t *coding_attr;     /* each coding's text, and its name in the margin */
	attr_t *coding_label;
	int ncodings, cap;
	bool changed;    /* the project changed: every layer reads again */
	int64_t colour_code[64]; /* the colours of codes seen, by code id */
	attr_t colour_attr[64];  /* their coded text */
	attr_t colour_label[64]; /* their names and stripes in the margin */
	int ncolours;
};

/* The attributes of text coded with code id (*text) and of its name and
 * stripes in the margin (*label), remembered for the session. */
static void reader_code_attr(struct reader *r, int64_t code_id, attr_t *text, attr_t *label)
{
	for (int i = 0; i < r->ncolours; i++) {
		if (r->colour_code[i] == code_id) {
			*text = r->colour_attr[i];
			*label = r->colour_label[i];
			return;
		}
	}
	jaw_err err;
	err_clear(&err);
	char *colour = model_code_colour_new(r->ui->db, code_id, &err);
	*text = colour_coded_attr(colour);
	*label = colour_code_label_attr(colour);
	free(colour);
	if (r->ncolours < 64) {
		r->colour_code[r->ncolours] = code_id;
		r->colour_label[r->ncolours] = *label;
		r->colour_attr[r->ncolours++] = *text;
	}
}

static void reader_say(struct reader *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* A message in the status bar (until the next key). */
static void reader_say(struct reader *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->ui->message, sizeof r->ui->message, fmt, ap);
	va_end(ap);
	r->ui->message_is_error = false;
}

static struct reader *reader_of(struct layer *ly)
{
	return (struct reader *)ly;
}

static void reader_layout(struct layer *ly)
{
	struct reader *r = reader_of(ly);
	struct ui *ui = r->ui;
	r->margin = ui->cols >= 60 ? READER_MARGIN : 0;
	int width = ui->cols - r->margin - (r->margin ? 1 : 0);
	r->h = ui->lines - 2 > 1 ? ui->lines - 2 : 1;
	text_wrap_free(r->w);
	r->w = text_wrap_new(r->t, width > 1 ? width : 1);
	if (r->win)
		delwin(r->win);
	r->win = newwin(ui->lines - 1 > 1 ? ui->lines - 1 : 1, ui->cols, 0, 0);
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
		r->coding_label = xreallocarray(r->coding_label, (size_t)r->cap,
		                                sizeof *r->coding_label);
	}
	int n = want > 0 ? coding_range_page(r->ui->db, r->src->id, (int64_t)s, (int64_t)e2 + 1, 0,
	                                     (int)want, r->codings, &err) : (int)want;
	if (n < 0) {
		reader_say(r, "%s", err.msg);
		return;
	}
	r->ncodings = n;
	for (int i = 0; i < n; i++)
		reader_code_attr(r, r->codings[i].code_id, &r->coding_attr[i], &r->coding_label[i]);
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
	if (*end == *start) /* one character: the cluster under the cursor */
		*end = text_cluster_next(r->t, *start);
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
	wmove(r->win, y, 0);
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
			wattrset(r->win, colour_attr(ROLE_DIM));
			mvwaddstr(r->win, y, r->margin - 1, "+");
			break;
		}
		wattrset(r->win, r->coding_label[i]);
		mvwaddstr(r->win, y, x, label);
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

/* Draws one cell (a grapheme cluster, or a tab's blanks) at column col of
 * a line width columns wide; a cell that would run past the edge is drawn
 * as the blanks that fit. */
static void reader_draw_cell(struct reader *r, int y, int x0, int width,
                             const struct text_cell *c)
{
	int text_w = c->width - c->pad;
	wmove(r->win, y, x0 + c->col);
	if (c->col + text_w <= width) {
		waddstr(r->win, c->text);
	} else {
		for (int k = c->col; k < width; k++)
			waddch(r->win, ' ');
		return;
	}
	for (int k = c->col + text_w; k < c->col + c->width && k < width; k++)
		waddch(r->win, ' ');
}

static void reader_draw_line(struct reader *r, int y, size_t line, bool sel, size_t sel_s,
                             size_t sel_e)
{
	size_t s, e;
	text_wrap_line(r->w, line, &s, &e);
	if (r->margin)
		reader_draw_margin(r, y, s, e);
	int x0 = r->margin ? r->margin + 1 : 0, col = 0, width = r->ui->cols - x0;
	struct text_cells it;
	struct text_cell c;
	text_wrap_cells(r->w, line, &it);
	while (text_cells_next(&it, &c) && c.col < width) {
		wattrset(r->win, reader_cell_attr(r, c.start, sel_s, sel_e, sel));
		reader_draw_cell(r, y, x0, width, &c);
		col = c.col + c.width;
	}
	if (r->cursor == e && e >= s && (e < text_length(r->t) ? text_cp(r->t, e) == '\n' : 1) &&
	    text_wrap_line_of(r->w, r->cursor) == line && col < width) {
		wattrset(r->win, colour_attr(ROLE_NORMAL) | A_REVERSE);
		mvwaddch(r->win, y, x0 + col, ' ');
	}
}

static void reader_draw(struct layer *ly, bool all)
{
	(void)all;
	struct reader *r = reader_of(ly);
	struct ui *ui = r->ui;
	werase(r->win);
	size_t sel_s = 0, sel_e = 0;
	bool sel = reader_selection(r, &sel_s, &sel_e);
	char title[700];
	/* the kind in words: a survey answer, an interview */
	const char *kind = strcmp(r->src->kind, "survey_answer") == 0 ? "survey answer"
	                 : r->src->kind;
	snprintf(title, sizeof title, " %zu/%zu%s  %s  (%s%s%s%s%s)", r->cursor, text_length(r->t),
	         sel ? " selecting" : "", r->src->title, kind, *r->src->source_date ? " " : "",
	         r->src->source_date, *r->src->stakeholder_name ? ", " : "",
	         r->src->stakeholder_name);
	wattrset(r->win, colour_attr(ROLE_PANE_TITLE_FOCUS));
	wmove(r->win, 0, 0);
	ui_put(r->win, title, ui->cols, true);
	size_t lines = text_wrap_count(r->w);
	for (int i = 0; i < r->h && r->top + (size_t)i < lines; i++)
		reader_draw_line(r, 1 + i, r->top + (size_t)i, sel, sel_s, sel_e);
	wnoutrefresh(r->win);
}

static void reader_describe(struct layer *ly, char *buf, size_t size)
{
	(void)ly;
	snprintf(buf, size, "v select  c code  1-9 quick  x remove  m memo  ! cite  u undo  ? help  q close");
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

static int reader_code_picked(struct ui *ui, void *ctx, int64_t id, const struct list_row *row)
{
	(void)ui, (void)row;
	struct reader *r = ctx;
	reader_apply(r, id);
	return UI_RELOAD;
}

static void reader_pick_and_code(struct reader *r)
{
	picker_code(r->ui, " Code with (type to filter; Enter takes; Esc) ", r->coder, PICKER_NEW,
	            reader_code_picked, r, NULL);
}

/* What to do with a coding under the cursor. */
enum reader_deed { READER_REMOVE, READER_MEMO, READER_CITE };

/* Removes coding id (with code name) as the reader's coder. */
static int reader_remove_yes(struct ui *ui, void *ctx)
{
	struct ui_ref *ref = ctx;
	char *coder = ui_coder_new(ui);
	jaw_err err;
	err_clear(&err);
	int rc = coding_remove(ui->db, coder, ref->id, &err);
	free(coder);
	return ui_after_change(ui, rc, &err, "Removed the coding with %s (u undoes).", ref->name);
}

/* x: removes the coding; a coding cited in findings asks first. */
static void reader_remove(struct reader *r, const struct coding *c)
{
	char lost[100];
	int64_t cited = findings_impact(r->ui, CITATION_OF_CODING, c->id, lost, sizeof lost);
	struct ui_ref *ref = ui_ref_new(c->id, c->code_name);
	if (cited <= 0) {
		if (cited == 0)
			reader_remove_yes(r->ui, ref);
		ui_ref_free(ref);
		r->changed = true;
		return;
	}
	char q[400];
	snprintf(q, sizeof q, "%sRemove the coding with %.200s? u undoes it. (y/n)", lost,
	         c->code_name);
	prompt_confirm(r->ui, q, reader_remove_yes, ref, ui_ref_free);
}

/* !: cites a coding in a finding picked. */
static void reader_cite_coding(struct reader *r, const struct coding *c)
{
	struct findings_cite_target t = {.coding_id = c->id};
	char what[200];
	snprintf(what, sizeof what, "the coding with %.150s", c->code_name);
	findings_cite(r->ui, &t, what);
}

static void reader_memo(struct reader *r, const struct coding *c)
{
	char *memo = xstrdup(c->memo);
	if (ui_edit_text(r->ui, &memo, "memo")) {
		jaw_err err;
		err_clear(&err);
		if (coding_set_memo(r->ui->db, r->coder, c->id, memo, &err) != JAW_OK)
			reader_say(r, "%s", err.msg);
		else
			reader_say(r, "Memo saved on the coding with %s.", c->code_name);
		r->changed = true;
	}
	free(memo);
}

static void reader_do(struct reader *r, enum reader_deed deed, const struct coding *c)
{
	if (deed == READER_REMOVE)
		reader_remove(r, c);
	else if (deed == READER_CITE)
		reader_cite_coding(r, c);
	else
		reader_memo(r, c);
}

/* The context of the chooser of codings under the cursor. */
struct reader_choice {
	struct reader *r;
	enum reader_deed deed;
};

static int reader_coding_picked(struct ui *ui, void *ctx, int64_t id, const struct list_row *row)
{
	(void)row;
	struct reader_choice *choice = ctx;
	struct coding c;
	jaw_err err;
	err_clear(&err);
	if (coding_get(ui->db, id, &c, &err) != JAW_OK) {
		ui_error(ui, err.msg);
		return UI_RELOAD;
	}
	reader_do(choice->r, choice->deed, &c);
	coding_clear(&c);
	return UI_RELOAD;
}

/* x and m: the coding under the cursor, or the one chosen among several. */
static void reader_coding_under_cursor(struct reader *r, enum reader_deed deed)
{
	enum { MAX = 64 };
	struct coding found[MAX];
	jaw_err err;
	err_clear(&err);
	int n = coding_range_page(r->ui->db, r->src->id, (int64_t)r->cursor,
	                          (int64_t)r->cursor + 1, 0, MAX, found, &err);
	if (n <= 0) {
		reader_say(r, n < 0 ? "%s" : "No coding under the cursor.", err.msg);
		return;
	}
	if (n == 1) {
		reader_do(r, deed, &found[0]);
		coding_clear(&found[0]);
		return;
	}
	char *items[MAX];
	int64_t ids[MAX];
	for (int i = 0; i < n; i++) {
		items[i] = xasprintf("%s  [%lld-%lld] by %s%s", found[i].code_name,
		                     (long long)found[i].start, (long long)found[i].end,
		                     found[i].coder, *found[i].memo ? "  (memo)" : "");
		ids[i] = found[i].id;
	}
	struct reader_choice *choice = xcalloc(1, sizeof *choice);
	choice->r = r;
	choice->deed = deed;
	chooser_open_items(r->ui, deed == READER_REMOVE ? " Remove which coding? "
	                   : deed == READER_CITE ? " Cite which coding? "
	                   : " Memo on which coding? ", items, ids, n, reader_coding_picked, choice,
	                   free);
	for (int i = 0; i < n; i++) {
		free(items[i]);
		coding_clear(&found[i]);
	}
}

/* !: cites the selection, else the coding under the cursor (one chosen
 * among several), else the sentence, in a finding picked. */
static void reader_cite(struct reader *r)
{
	size_t start, end;
	jaw_err err;
	err_clear(&err);
	if (r->anchor < 0 && coding_range_count(r->ui->db, r->src->id, (int64_t)r->cursor,
	                                        (int64_t)r->cursor + 1, &err) > 0) {
		reader_coding_under_cursor(r, READER_CITE);
		return;
	}
	bool selection = r->anchor >= 0;
	if (!reader_target(r, &start, &end)) {
		reader_say(r, "Nothing to cite here.");
		return;
	}
	struct findings_cite_target t = {.source_id = r->src->id, .start = (int64_t)start,
	                                 .end = (int64_t)end};
	findings_cite(r->ui, &t, selection ? "the selection" : "the sentence");
	r->anchor = -1;
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
		r->cursor = text_cluster_start(r->t, (size_t)c.start);
		reader_say(r, "%s [%lld-%lld] by %s%s%s", c.code_name, (long long)c.start,
		           (long long)c.end, c.coder, *c.memo ? ": " : "", c.memo);
		coding_clear(&c);
	}
}

static void reader_undo_redo(struct reader *r, bool redo)
{
	r->ncolours = 0;
	struct journal_result res = {0};
	/* only the codings of this source: what the reader shows */
	struct journal_scope scope = {JOURNAL_IN_CODING, r->source_id};
	jaw_err err;
	err_clear(&err);
	int rc = redo ? journal_redo_in(r->ui->db, r->coder, &scope, &res, &err)
	              : journal_undo_in(r->ui->db, r->coder, &scope, &res, &err);
	if (rc != JAW_OK)
		reader_say(r, "%s", err.msg);
	else if (res.entry == 0)
		reader_say(r, "Nothing to %s %s.", redo ? "redo" : "undo",
		           journal_context_where(JOURNAL_IN_CODING));
	else {
		reader_say(r, "%s: %s", redo ? "Redid" : "Undid", res.summary);
		if (res.source_id == r->src->id && (size_t)res.start <= text_length(r->t))
			r->cursor = text_cluster_start(r->t, (size_t)res.start);
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
	case ACTION_MOVE_LEFT: r->cursor = text_cluster_prev(r->t, r->cursor); break;
	case ACTION_MOVE_RIGHT: r->cursor = text_cluster_next(r->t, r->cursor); break;
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

/* Handles one action; returns ui_flags. */
static int reader_action(struct reader *r, enum action a)
{
	if (reader_move(r, a))
		return UI_REDRAW;
	if (a != ACTION_UNDO && a != ACTION_REDO) {
		int flags = ui_common_action(r->ui, &r->ly, a);
		if (flags >= 0)
			return flags;
	}
	switch (a) {
	case ACTION_QUIT: ui_close(&r->ly); break;
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
	case ACTION_REMOVE_CODING: reader_coding_under_cursor(r, READER_REMOVE); break;
	case ACTION_MEMO: reader_coding_under_cursor(r, READER_MEMO); break;
	case ACTION_CITE: reader_cite(r); break;
	case ACTION_UNDO: reader_undo_redo(r, false); break;
	case ACTION_REDO: reader_undo_redo(r, true); break;
	default:
		if (a >= ACTION_QUICK_CODE_1 && a <= ACTION_QUICK_CODE_9)
			reader_quick_code(r, (int)(a - ACTION_QUICK_CODE_1) + 1);
		else
			reader_say(r, "That key does nothing in the reader; ? shows the keys.");
		break;
	}
	return UI_REDRAW;
}

static int reader_key(struct layer *ly, int key)
{
	struct reader *r = reader_of(ly);
	int flags = reader_action(r, jawrc_lookup(r->ui->rc, JAWRC_READER, key));
	if (r->changed) {
		r->changed = false;
		flags |= UI_RELOAD;
	}
	return flags;
}

/* /, n and N search the text from the cursor. */
static int reader_search_layer(struct layer *ly, const char *text, enum model_dir dir)
{
	(void)text;
	reader_search(reader_of(ly), dir == MODEL_BACKWARD);
	return UI_REDRAW;
}

/* Reads the source again (another session may have changed or deleted
 * it), then the codings on the screen. */
static int reader_update(struct layer *ly, jaw_err *err)
{
	struct reader *r = reader_of(ly);
	if (ly->stale) {
		r->ncolours = 0;
		struct source *src = model_source_get_new(r->ui->db, r->source_id, err);
		if (!src) {
			ui_close(ly);
			return JAW_FAIL;
		}
		model_source_free(r->src);
		r->src = src;
		if (strcmp(text_utf8(r->t, NULL), src->text) != 0) {
			text_free(r->t);
			r->t = text_new(src->text, strlen(src->text));
			r->cursor = text_cluster_start(r->t, r->cursor);
			r->anchor = -1;
			reader_layout(ly);
		}
	}
	reader_scroll(r);
	reader_load_codings(r);
	return JAW_OK;
}

static void reader_free(struct layer *ly)
{
	struct reader *r = reader_of(ly);
	reader_drop_codings(r);
	free(r->codings);
	free(r->coding_attr);
	free(r->coding_label);
	text_wrap_free(r->w);
	text_free(r->t);
	free(r->coder);
	model_source_free(r->src);
	if (r->win)
		delwin(r->win);
	free(r);
}

static const struct layer_ops reader_layer_ops = {
	.name = "reader",
	.layout = reader_layout,
	.update = reader_update,
	.draw = reader_draw,
	.key = reader_key,
	.describe = reader_describe,
	.search = reader_search_layer,
	.free = reader_free,
};

/* A request to read source t->id at code point t->at. */
static struct layer *reader_open(struct ui *ui, const struct ui_target *t, jaw_err *err)
{
	struct source *src = model_source_get_new(ui->db, t->id, err);
	if (!src)
		return NULL;
	struct reader *r = xcalloc(1, sizeof *r);
	r->ly.ops = &reader_layer_ops;
	r->ly.ui = ui;
	r->ly.view = VIEW_READER;
	r->ly.keymap = JAWRC_READER;
	r->ly.full = true;
	r->ui = ui;
	r->anchor = -1;
	r->source_id = t->id;
	r->src = src;
	r->coder = ui_coder_new(ui);
	r->t = text_new(src->text, strlen(src->text));
	size_t at = t->at > 0 ? (size_t)t->at : 0;
	r->cursor = text_cluster_start(r->t, at); /* never inside a cluster */
	return &r->ly;
}

static const struct view_action reader_actions[] = {
	{ACTION_MOVE_DOWN, 0, "Down a line"},
	{ACTION_MOVE_UP, 0, "Up a line"},
	{ACTION_PAGE_DOWN, 0, "Down a screen"},
	{ACTION_PAGE_UP, 0, "Up a screen"},
	{ACTION_MOVE_FIRST, 0, "To the start of the text"},
	{ACTION_MOVE_LAST, 0, "To the end of the text"},
	{ACTION_MOVE_LEFT, 0, "Left one character"},
	{ACTION_MOVE_RIGHT, 0, "Right one character"},
	{ACTION_WORD_NEXT, 0, "To the next word"},
	{ACTION_WORD_PREV, 0, "To the previous word"},
	{ACTION_SENTENCE_NEXT, 0, "To the next sentence"},
	{ACTION_SENTENCE_PREV, 0, "To the previous sentence"},
	{ACTION_PARAGRAPH_NEXT, 0, "To the next paragraph"},
	{ACTION_PARAGRAPH_PREV, 0, "To the previous paragraph"},
	{ACTION_NEXT_CODED, 0, "To the next coded segment"},
	{ACTION_PREV_CODED, 0, "To the previous coded segment"},
	{ACTION_SELECT, 0, "Start a selection where the cursor is, or end it"},
	{ACTION_SELECT_LINES, 0, "Select whole lines"},
	{ACTION_CANCEL, 0, "Cancel the selection"},
	{ACTION_CODE, 0, "Code the selection (or the sentence under the cursor) with a code you pick"},
	{ACTION_QUICK_CODE_1, 8, "Apply the code with that quick key to the selection (or the sentence)"},
	{ACTION_REMOVE_CODING, 0, "Remove a coding under the cursor"},
	{ACTION_MEMO, 0, "Write a memo on a coding under the cursor"},
	{ACTION_CITE, 0, "Cite the selection (or the coding under the cursor, or the sentence) in"
	 " a finding you pick, or a new one"},
	{ACTION_UNDO, 0, "Undo your last coding change in this source (the cursor goes there)"},
	{ACTION_REDO, 0, "Redo the coding change you undid"},
};

const struct view_ops view_reader_ops = {
	.name = "reader",
	.title = "Reader",
	.open = reader_open,
	.actions = reader_actions,
	.nactions = sizeof reader_actions / sizeof *reader_actions,
};
