/* text_wrap.c - wrapping a text into display lines, and columns in them. */
#include "config.h"

#include <stdlib.h>

#include "text.h"
#include "xalloc.h"

struct text_wrap {
	const struct text *t;
	int width;
	size_t n, cap;
	size_t *start; /* start[k]: first code point of display line k */
};

static void text_wrap_push(struct text_wrap *w, size_t start)
{
	if (w->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 256;
		w->start = xreallocarray(w->start, w->cap, sizeof *w->start);
	}
	w->start[w->n++] = start;
}

static bool text_wrap_is_space(uint32_t c)
{
	return c == ' ' || c == '\t';
}

/* The columns taken by cps [from, to) starting at column 0. */
static int text_wrap_span(const uint32_t *cps, size_t from, size_t to)
{
	int col = 0;
	for (size_t i = from; i < to; i++)
		col += text_cell_width(cps[i], col);
	return col;
}

/* Wraps the hard line [s, e) (e is its line feed or the end of the text). */
static void text_wrap_hard_line(struct text_wrap *w, const uint32_t *cps, size_t s, size_t e)
{
	size_t ls = s, brk = s; /* brk: just after the last run of spaces */
	int col = 0;
	text_wrap_push(w, s);
	for (size_t i = s; i < e; i++) {
		uint32_t c = cps[i];
		int cw = text_cell_width(c, col);
		if (text_wrap_is_space(c)) {
			col += cw;
			brk = i + 1;
			continue;
		}
		if (cw > 0 && i > ls && col + cw > w->width) {
			ls = brk > ls ? brk : i;
			text_wrap_push(w, ls);
			col = text_wrap_span(cps, ls, i);
			cw = text_cell_width(c, col);
		}
		col += cw;
	}
}

struct text_wrap *text_wrap_new(const struct text *t, int width)
{
	struct text_wrap *w = xcalloc(1, sizeof *w);
	w->t = t;
	w->width = width < 1 ? 1 : width;
	const uint32_t *cps = text_cps(t);
	size_t n = text_length(t), s = 0;
	for (;;) {
		size_t e = s;
		while (e < n && cps[e] != '\n')
			e++;
		text_wrap_hard_line(w, cps, s, e);
		if (e >= n || e + 1 == n)
			break;
		s = e + 1;
	}
	return w;
}

void text_wrap_free(struct text_wrap *w)
{
	if (!w)
		return;
	free(w->start);
	free(w);
}

int text_wrap_width(const struct text_wrap *w)
{
	return w->width;
}

size_t text_wrap_count(const struct text_wrap *w)
{
	return w->n;
}

/* The offset where the line after `line` starts (the length after the last). */
static size_t text_wrap_next_start(const struct text_wrap *w, size_t line)
{
	return line + 1 < w->n ? w->start[line + 1] : text_length(w->t);
}

void text_wrap_line(const struct text_wrap *w, size_t line, size_t *start, size_t *end)
{
	if (line >= w->n)
		line = w->n - 1;
	size_t s = w->start[line], e = text_wrap_next_start(w, line);
	if (e > s && text_cp(w->t, e - 1) == '\n')
		e--;
	*start = s;
	*end = e;
}

size_t text_wrap_line_of(const struct text_wrap *w, size_t cp)
{
	size_t lo = 0, hi = w->n; /* the last line starting at or before cp */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (w->start[mid] <= cp)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

int text_wrap_col_of(const struct text_wrap *w, size_t cp)
{
	size_t line = text_wrap_line_of(w, cp), n = text_length(w->t);
	if (cp > n)
		cp = n;
	return text_wrap_span(text_cps(w->t), w->start[line], cp);
}

size_t text_wrap_cp_at(const struct text_wrap *w, size_t line, int col)
{
	size_t s, e;
	text_wrap_line(w, line, &s, &e);
	const uint32_t *cps = text_cps(w->t);
	int c = 0;
	for (size_t i = s; i < e; i++) {
		int cw = text_cell_width(cps[i], c);
		if (cw > 0 && c + cw > col)
			return i;
		c += cw;
	}
	/* Past the end: a line that wraps has no position of its own after its
	 * last character (that is the next line's start), so stop on it. */
	if (e > s && e == text_wrap_next_start(w, line) && e < text_length(w->t)) {
		size_t i = e - 1;
		while (i > s && text_cell_width(cps[i], 0) == 0)
			i--;
		return i;
	}
	return e;
}
