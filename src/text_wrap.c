/* text_wrap.c - wrapping a text into display lines, and columns in them. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cluster.h"
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

/* True if the cluster [i, e) is one space or tab (a place to break). */
static bool text_wrap_is_space(const uint32_t *cps, size_t i, size_t e)
{
	return e == i + 1 && (cps[i] == ' ' || cps[i] == '\t');
}

/* The columns the cluster [i, e) of cps[0..n) takes at column col. */
static int text_wrap_cluster_width(const uint32_t *cps, size_t n, size_t i, size_t e, int col)
{
	if (e == i + 1 && cps[i] >= 0x20 && cps[i] < 0x7F)
		return 1;
	if (e == i + 1 && (cps[i] == '\t' || cps[i] == '\n'))
		return text_cell_width(cps[i], col);
	return cluster_width(cps, n, i, e);
}

/* The end of the cluster starting at i in cps[0..n). */
static size_t text_wrap_cluster_end(const uint32_t *cps, size_t n, size_t i)
{
	return cluster_ascii_at(cps, n, i) ? i + 1 : cluster_end(cps, n, i);
}

/* The columns taken by the clusters of [from, to) starting at column 0
 * (from a cluster start; a cluster that to falls inside is not counted). */
static int text_wrap_span(const uint32_t *cps, size_t n, size_t from, size_t to)
{
	int col = 0;
	for (size_t i = from, e; i < to; i = e) {
		e = text_wrap_cluster_end(cps, n, i);
		if (e > to)
			break;
		col += text_wrap_cluster_width(cps, n, i, e, col);
	}
	return col;
}

/* Wraps the hard line [s, e) (e is its line feed or the end of the text). */
static void text_wrap_hard_line(struct text_wrap *w, const uint32_t *cps, size_t n, size_t s,
                                size_t e)
{
	size_t ls = s, brk = s; /* brk: just after the last run of spaces */
	int col = 0;
	text_wrap_push(w, s);
	for (size_t i = s, ce; i < e; i = ce) {
		ce = text_wrap_cluster_end(cps, e, i);
		int cw = text_wrap_cluster_width(cps, n, i, ce, col);
		if (text_wrap_is_space(cps, i, ce)) {
			col += cw;
			brk = ce;
			continue;
		}
		if (cw > 0 && i > ls && col + cw > w->width) {
			ls = brk > ls ? brk : i;
			text_wrap_push(w, ls);
			col = text_wrap_span(cps, n, ls, i);
			cw = text_wrap_cluster_width(cps, n, i, ce, col);
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
		text_wrap_hard_line(w, cps, n, s, e);
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
	return text_wrap_span(text_cps(w->t), n, w->start[line], cp);
}

size_t text_wrap_cp_at(const struct text_wrap *w, size_t line, int col)
{
	size_t s, e, last = 0, n = text_length(w->t);
	text_wrap_line(w, line, &s, &e);
	const uint32_t *cps = text_cps(w->t);
	int c = 0;
	for (size_t i = s, ce; i < e; i = ce) {
		ce = text_wrap_cluster_end(cps, e, i);
		int cw = text_wrap_cluster_width(cps, n, i, ce, c);
		if (cw > 0 && c + cw > col)
			return i;
		c += cw;
		last = i;
	}
	/* Past the end: a line that wraps has no position of its own after its
	 * last cluster (that is the next line's start), so stop on it. */
	if (e > s && e == text_wrap_next_start(w, line) && e < n)
		return last;
	return e;
}

void text_wrap_cells(const struct text_wrap *w, size_t line, struct text_cells *it)
{
	it->t = w->t;
	text_wrap_line(w, line, &it->next, &it->end);
	it->col = 0;
}

bool text_cells_next(struct text_cells *it, struct text_cell *cell)
{
	if (it->next >= it->end)
		return false;
	const uint32_t *cps = text_cps(it->t);
	size_t n = text_length(it->t), i = it->next, e = text_wrap_cluster_end(cps, it->end, i);
	cell->start = i;
	cell->end = e;
	cell->col = it->col;
	cell->pad = 0;
	if (e == i + 1 && cps[i] >= 0x20 && cps[i] < 0x7F) {
		cell->width = 1;
		cell->text[0] = (char)cps[i];
		cell->text[1] = '\0';
	} else if (e == i + 1 && cps[i] == '\t') {
		cell->width = text_cell_width('\t', it->col);
		memset(cell->text, ' ', (size_t)cell->width);
		cell->text[cell->width] = '\0';
	} else {
		struct cluster_cell cc;
		cluster_cell(cps, n, i, e, &cc);
		cell->width = cc.width;
		cell->pad = cc.pad;
		memcpy(cell->text, cc.text, cc.len + 1);
	}
	it->col += cell->width;
	it->next = e;
	return true;
}
