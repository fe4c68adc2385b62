/* view_text.c - reading a source: its text word-wrapped to the screen,
 * scrolled with the list keys; q closes it. (Coding comes with the reader.) */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "ui.h"
#include "utf8.h"
#include "xalloc.h"

struct text_lines {
	size_t *start; /* byte offset where each display line starts */
	size_t *len;   /* its length in bytes, without the line break */
	int n, cap;
};

static void text_lines_add(struct text_lines *t, size_t start, size_t len)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 256;
		t->start = xreallocarray(t->start, (size_t)t->cap, sizeof *t->start);
		t->len = xreallocarray(t->len, (size_t)t->cap, sizeof *t->len);
	}
	t->start[t->n] = start;
	t->len[t->n] = len;
	t->n++;
}

/* Wraps one paragraph (no newline inside) at spaces to width columns. */
static void text_wrap_paragraph(struct text_lines *t, const char *text, size_t from, size_t to,
                                int width)
{
	while (from < to) {
		char *rest = xstrndup(text + from, to - from);
		size_t fit = utf8_fit(rest, width, NULL);
		free(rest);
		if (fit == 0)
			fit = 1;
		size_t cut = fit;
		if (from + fit < to) {
			while (cut > 0 && text[from + cut] != ' ')
				cut--;
			if (cut == 0)
				cut = fit;
		}
		text_lines_add(t, from, cut);
		from += cut;
		while (from < to && text[from] == ' ')
			from++;
	}
}

static void text_wrap(struct text_lines *t, const char *text, int width)
{
	size_t len = strlen(text), p = 0;
	while (p <= len) {
		const char *nl = memchr(text + p, '\n', len - p);
		size_t end = nl ? (size_t)(nl - text) : len;
		if (end == p)
			text_lines_add(t, p, 0);
		else
			text_wrap_paragraph(t, text, p, end, width);
		p = end + 1;
	}
}

static void text_draw(struct ui *ui, const struct source *src, const struct text_lines *t,
                      int top)
{
	int h = ui->lines - 2, w = ui->cols;
	werase(stdscr);
	wattrset(stdscr, colour_attr(ROLE_PANE_TITLE_FOCUS));
	wmove(stdscr, 0, 0);
	char title[600];
	snprintf(title, sizeof title, " %s  (%s %s%s%s)  line %d/%d ", src->title, src->kind,
	         src->source_date, *src->stakeholder_name ? ", " : "", src->stakeholder_name,
	         t->n ? top + 1 : 0, t->n);
	ui_put(stdscr, title, w, true);
	wattrset(stdscr, colour_attr(ROLE_NORMAL));
	for (int i = 0; i < h && top + i < t->n; i++) {
		char *line = xstrndup(src->text + t->start[top + i], t->len[top + i]);
		wmove(stdscr, 1 + i, 0);
		ui_put(stdscr, line, w, false);
		free(line);
	}
	wattrset(stdscr, colour_attr(ROLE_STATUS));
	wmove(stdscr, ui->lines - 1, 0);
	ui_put(stdscr, " j/k scroll  Space/PgDn page  g/G start/end  q close", w, true);
	wnoutrefresh(stdscr);
	doupdate();
}

/* Moves top for a movement action; false if a is not one. */
static bool text_move(int *top, int n, int page, enum action a)
{
	switch (a) {
	case ACTION_MOVE_DOWN: (*top)++; break;
	case ACTION_MOVE_UP: (*top)--; break;
	case ACTION_PAGE_DOWN: *top += page; break;
	case ACTION_PAGE_UP: *top -= page; break;
	case ACTION_MOVE_FIRST: *top = 0; break;
	case ACTION_MOVE_LAST: *top = n - page; break;
	default: return false;
	}
	if (*top > n - page)
		*top = n - page;
	if (*top < 0)
		*top = 0;
	return true;
}

void ui_open_source(struct ui *ui, int64_t id)
{
	jaw_err err;
	err_clear(&err);
	struct source *src = model_source_get_new(ui->db, id, &err);
	if (!src) {
		ui_error(ui, err.msg);
		return;
	}
	struct text_lines t = {0};
	text_wrap(&t, src->text, ui->cols > 1 ? ui->cols - 1 : 1);
	int top = 0;
	for (;;) {
		text_draw(ui, src, &t, top);
		int key = ui_read_key(ui);
		if (key < 0)
			break;
		if (key == KEYS_RESIZE) {
			t.n = 0;
			text_wrap(&t, src->text, ui->cols > 1 ? ui->cols - 1 : 1);
			continue;
		}
		enum action a = jawrc_lookup(ui->rc, JAWRC_READER, key);
		if (a == ACTION_QUIT_NOW)
			ui->quit_now = true;
		if (a == ACTION_QUIT || a == ACTION_QUIT_NOW)
			break;
		text_move(&top, t.n, ui->lines - 2, a);
	}
	free(t.start);
	free(t.len);
	model_source_free(src);
	ui->clear_all = true; /* the panes are drawn anew */
}
