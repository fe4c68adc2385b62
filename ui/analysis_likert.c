/* analysis_likert.c - the analysis view's survey questions mode (8): for
 * each Likert item a heading row with n per group, then a row per answer
 * in the scale's order, a cell per group (every respondent first, then
 * each value of the attribute :likert chose) shaded by its share of the
 * group's most frequent answer, with the count or the percentage of n (p). Enter on a cell retrieves the
 * coded answers of the respondents behind it. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "analysis_likert.h"
#include "utf8.h"
#include "xalloc.h"

enum { LIKERT_NAME_MAX = 30, LIKERT_CELL = 9 };

struct likert_mode {
	char *attribute;            /* the groups' attribute, or NULL */
	bool percent;               /* cells as percentages of n */
	int col, col0;              /* the selected and the first visible group */
	struct analysis_likert *table;
	int64_t nrows;
	int *row_item, *row_point;  /* per row: the item and its answer (-1: heading) */
	char title[300];
};

struct likert_mode *likert_mode_new(void)
{
	return xcalloc(1, sizeof(struct likert_mode));
}

static void likert_mode_drop(struct likert_mode *m)
{
	analysis_likert_free(m->table);
	m->table = NULL;
	free(m->row_item);
	free(m->row_point);
	m->row_item = m->row_point = NULL;
	m->nrows = 0;
}

void likert_mode_free(struct likert_mode *m)
{
	if (!m)
		return;
	likert_mode_drop(m);
	free(m->attribute);
	free(m);
}

int64_t likert_mode_rows(struct likert_mode *m, struct list *l, jaw_err *err)
{
	likert_mode_drop(m);
	if (analysis_likert_new(l->db, NULL, m->attribute, &m->table, err) != JAW_OK)
		return -1;
	const struct analysis_likert *t = m->table;
	for (int i = 0; i < t->nitems; i++)
		m->nrows += 1 + t->items[i].npoints;
	m->row_item = xcalloc((size_t)m->nrows + 1, sizeof *m->row_item);
	m->row_point = xcalloc((size_t)m->nrows + 1, sizeof *m->row_point);
	int64_t r = 0;
	for (int i = 0; i < t->nitems; i++)
		for (int p = -1; p < t->items[i].npoints; p++, r++) {
			m->row_item[r] = i;
			m->row_point[r] = p;
		}
	if (m->col >= t->ngroups)
		m->col = t->ngroups - 1;
	if (m->col0 > m->col)
		m->col0 = m->col;
	return m->nrows;
}

/* The name of row r: an item's label, or an answer indented. */
static char *likert_row_name_new(const struct likert_mode *m, int64_t r)
{
	const struct analysis_likert_item *it = &m->table->items[m->row_item[r]];
	if (m->row_point[r] < 0)
		return xstrdup(it->label);
	const struct analysis_likert_point *p = &it->points[m->row_point[r]];
	if (p->kind == ANALYSIS_LIKERT_MISSING)
		return xstrdup("  (no answer)");
	if (p->kind == ANALYSIS_LIKERT_OUTSIDE)
		return xasprintf("  %s (not on the scale)", p->value);
	return xasprintf("  %s", *p->label ? p->label : p->value);
}

int likert_mode_fetch(struct likert_mode *m, int64_t offset, int limit, struct list_row *rows)
{
	int n = 0;
	for (int64_t r = offset; m->table && r < m->nrows && n < limit; r++, n++) {
		rows[n].id = r;
		rows[n].aux[0] = m->row_point[r] < 0;
		rows[n].cells[0] = likert_row_name_new(m, r);
	}
	return n;
}

/* The width of the answers' column and how many groups fit beside it. */
static void likert_widths(const struct list *l, int *name_w, int *ncells)
{
	*name_w = l->w / 3 < LIKERT_NAME_MAX ? l->w / 3 : LIKERT_NAME_MAX;
	*ncells = (l->w - *name_w) / (LIKERT_CELL + 1);
	if (*ncells < 1)
		*ncells = 1;
}

/* A group's name as the table shows it. */
static const char *likert_group_name(const struct analysis_likert *t, int g)
{
	return g == 0 || *t->groups[g] ? t->groups[g] : "(none)";
}

/* Cell (row r, group g) as text, and its share (0-1) for the shade. */
static void likert_cell_text(const struct likert_mode *m, int64_t r, int g, char *buf,
                             size_t size, double *share)
{
	const struct analysis_likert_item *it = &m->table->items[m->row_item[r]];
	int p = m->row_point[r];
	*share = 0;
	if (p < 0) {
		snprintf(buf, size, "n=%lld", (long long)it->n[g]);
		return;
	}
	int64_t count = it->points[p].counts[g];
	double pc = analysis_likert_percent(it, p, g);
	if (m->percent && pc >= 0)
		snprintf(buf, size, "%.1f%%", pc);
	else
		snprintf(buf, size, "%lld", (long long)count);
	/* the shade is the share of the group's most frequent answer, so each
	 * group's distribution shows its shape whatever its size */
	int64_t most = 0;
	for (int i = 0; i < it->npoints; i++)
		if (it->points[i].kind != ANALYSIS_LIKERT_MISSING && it->points[i].counts[g] > most)
			most = it->points[i].counts[g];
	if (pc >= 0 && most > 0)
		*share = (double)count / (double)most;
}

/* One cell: a shade of its share, then its figure right-aligned. */
static void likert_draw_cell(struct list *l, const struct likert_mode *m, int64_t r, int g,
                             attr_t attr, bool cursor_row)
{
	static const char *const shades[] = {" ", "\u2591", "\u2592", "\u2593", "\u2588"};
	char buf[32];
	double share;
	likert_cell_text(m, r, g, buf, sizeof buf, &share);
	int level = share <= 0 ? 0 : 1 + (int)(share * 3.999);
	if (cursor_row && g == m->col)
		attr = colour_attr(ROLE_SELECTION);
	waddch(l->win, ' ');
	wattrset(l->win, cursor_row ? attr : colour_attr(ROLE_BAR_EVENT));
	waddstr(l->win, shades[level > 4 ? 4 : level]);
	wattrset(l->win, attr);
	wprintw(l->win, "%*s", LIKERT_CELL - 1, buf);
}

/* The attributes of row r's line: headings bold, "no answer" dim. */
static attr_t likert_line_attr(const struct likert_mode *m, int64_t r, attr_t attr, bool cursor)
{
	if (cursor)
		return attr;
	if (m->row_point[r] < 0)
		return attr | A_BOLD;
	const struct analysis_likert_item *it = &m->table->items[m->row_item[r]];
	return it->points[m->row_point[r]].kind == ANALYSIS_LIKERT_MISSING
	     ? colour_attr(ROLE_DIM) : attr;
}

/* The header line: "Answer", then the groups' names, the selected bold. */
static void likert_draw_header(struct list *l, const struct likert_mode *m)
{
	int name_w, ncells;
	likert_widths(l, &name_w, &ncells);
	attr_t attr = colour_attr(ROLE_HEADER);
	wmove(l->win, 1, 0);
	wattrset(l->win, attr);
	ui_put(l->win, "Answer", name_w, true);
	for (int g = m->col0; g < m->table->ngroups && g < m->col0 + ncells; g++) {
		waddch(l->win, ' ');
		wattrset(l->win, g == m->col ? attr | A_BOLD : attr);
		char *name = utf8_display_new(likert_group_name(m->table, g), LIKERT_CELL);
		for (int w = utf8_width(name); w < LIKERT_CELL; w++)
			waddch(l->win, ' ');
		waddstr(l->win, name);
		free(name);
		wattrset(l->win, attr);
	}
	wclrtoeol(l->win);
}

/* One row's line at y. */
static void likert_draw_line(struct list *l, const struct likert_mode *m, int y, int64_t r,
                             attr_t attr)
{
	int name_w, ncells;
	likert_widths(l, &name_w, &ncells);
	bool cursor = r == l->cursor;
	attr_t line = likert_line_attr(m, r, attr, cursor);
	const struct list_row *row = r - l->top < l->nrows ? &l->rows[r - l->top] : NULL;
	wmove(l->win, y, 0);
	wattrset(l->win, line);
	ui_put(l->win, row ? row->cells[0] : "", name_w, true);
	for (int g = m->col0; g < m->table->ngroups && g < m->col0 + ncells; g++)
		likert_draw_cell(l, m, r, g, line, cursor);
	wattrset(l->win, line);
	wclrtoeol(l->win);
}

bool likert_mode_draw(struct likert_mode *m, struct list *l)
{
	if (!m->table || l->count == 0)
		return false;
	likert_draw_header(l, m);
	for (int i = 0; i < l->h - 2; i++) {
		int64_t r = l->top + i;
		enum jawrc_role role = ROLE_NORMAL;
		if (r == l->cursor)
			role = l->focused ? ROLE_CURSOR : ROLE_CURSOR_UNFOCUSED;
		if (r < l->count) {
			likert_draw_line(l, m, 2 + i, r, colour_attr(role));
		} else {
			wmove(l->win, 2 + i, 0);
			wclrtoeol(l->win);
		}
	}
	return true;
}

void likert_mode_update(struct likert_mode *m, struct list *l)
{
	if (!m->table || l->cursor < l->top || l->cursor - l->top >= l->nrows ||
	    l->cursor >= m->nrows)
		return;
	struct list_row *row = &l->rows[l->cursor - l->top];
	const struct analysis_likert *t = m->table;
	const struct analysis_likert_item *it = &t->items[m->row_item[l->cursor]];
	int p = m->row_point[l->cursor], g = m->col;
	char *group = g == 0 ? xstrdup("") : xasprintf(" with %s=%s", t->attribute,
	                                                likert_group_name(t, g));
	free(row->detail);
	if (p < 0) {
		row->detail = xasprintf("%lld respondent%s%s answered %s (Enter retrieves their coded"
		                        " answers); %s: %s", (long long)it->n[g], it->n[g] == 1 ? "" : "s",
		                        group, it->label, it->survey, it->question);
	} else if (it->points[p].kind == ANALYSIS_LIKERT_MISSING) {
		row->detail = xasprintf("%lld respondent%s%s gave no answer to %s, not counted in n"
		                        " (Enter retrieves their coded answers)",
		                        (long long)it->points[p].counts[g],
		                        it->points[p].counts[g] == 1 ? "" : "s", group, it->label);
	} else {
		const struct analysis_likert_point *pt = &it->points[p];
		row->detail = xasprintf("%lld of %lld (%.1f%%)%s answered %s%s to %s (Enter retrieves"
		                        " their coded answers)", (long long)pt->counts[g],
		                        (long long)it->n[g], analysis_likert_percent(it, p, g), group,
		                        *pt->label ? pt->label : pt->value,
		                        pt->kind == ANALYSIS_LIKERT_OUTSIDE ? " (not on the scale)" : "",
		                        it->label);
	}
	free(group);
}

int likert_mode_column(struct likert_mode *m, struct list *l, int delta)
{
	if (!m->table)
		return UI_NONE;
	int name_w, ncells;
	likert_widths(l, &name_w, &ncells);
	m->col += delta;
	if (m->col < 0)
		m->col = 0;
	if (m->col >= m->table->ngroups)
		m->col = m->table->ngroups - 1;
	if (m->col < m->col0)
		m->col0 = m->col;
	if (m->col >= m->col0 + ncells)
		m->col0 = m->col - ncells + 1;
	likert_mode_update(m, l);
	l->dirty_all = true;
	return UI_REDRAW;
}

int likert_mode_measure(struct likert_mode *m, struct ui *ui, struct list *l)
{
	m->percent = !m->percent;
	ui_message(ui, m->percent ? "Percentages of n, the respondents who answered."
	                          : "Counts of respondents.");
	likert_mode_update(m, l);
	l->dirty_all = true;
	return UI_REDRAW;
}

bool likert_mode_open(struct likert_mode *m, struct ui *ui, struct list *l,
                      struct retrieve_filter *f, char **label)
{
	retrieve_filter_clear(f);
	*label = NULL;
	if (!m->table || l->cursor >= m->nrows)
		return false;
	const struct analysis_likert_item *it = &m->table->items[m->row_item[l->cursor]];
	int p = m->row_point[l->cursor], g = m->col;
	int64_t count = p < 0 ? it->n[g] : it->points[p].counts[g];
	if (count == 0) {
		ui_message(ui, "No respondent is behind that cell.");
		return false;
	}
	f->answer_column[0] = it->column_id;
	f->answer_value[0] = p < 0 ? NULL : xstrdup(it->points[p].value);
	const char *answer = p < 0 ? "(answered)" : it->points[p].kind == ANALYSIS_LIKERT_MISSING
	                   ? "(none)" : *it->points[p].label ? it->points[p].label
	                   : it->points[p].value;
	if (g > 0) {
		f->answer_column[1] = it->by_column;
		f->answer_value[1] = xstrdup(m->table->groups[g]);
		*label = xasprintf("%s=\"%s\" %s=\"%s\"", it->label, answer, m->table->attribute,
		                   likert_group_name(m->table, g));
	} else {
		*label = xasprintf("%s=\"%s\"", it->label, answer);
	}
	ui_message(ui, "The coded answers of the %lld respondent%s behind the cell.",
	           (long long)count, count == 1 ? "" : "s");
	return true;
}

bool likert_mode_set_attribute(struct likert_mode *m, struct ui *ui, struct list *l,
                               const char *attr)
{
	struct analysis_likert *t;
	jaw_err err;
	err_clear(&err);
	/* checked (and its values counted) before the mode shows it */
	if (*attr && analysis_likert_new(l->db, NULL, attr, &t, &err) != JAW_OK) {
		ui_error(ui, err.msg);
		return false;
	}
	if (*attr)
		analysis_likert_free(t);
	free(m->attribute);
	m->attribute = *attr ? xstrdup(attr) : NULL;
	m->col = m->col0 = 0;
	m->percent = false;
	return true;
}

const char *likert_mode_describe(struct likert_mode *m)
{
	snprintf(m->title, sizeof m->title, "%s%.100s, %s  (h l: groups, p: percent)",
	         m->attribute ? "by " : "overall", m->attribute ? m->attribute : "",
	         m->percent ? "% of n" : "counts");
	return m->title;
}
