/* list.c - a paged list: a title row (optional), a header row and the
 * visible rows, read from the model a page at a time. Keys move the cursor;
 * list_update reads the page when the cursor left it (and everything when
 * the list is stale); list_draw paints without a query, and a move within
 * the page repaints only the two rows that changed (after htop). */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "xalloc.h"

struct list *list_new(const struct view_ops *ops, struct ui *ui, struct jaw_db *db,
                      enum jawrc_keymap keymap)
{
	struct list *l = xcalloc(1, sizeof *l);
	l->ops = ops;
	l->ui = ui;
	l->db = db;
	l->keymap = keymap;
	l->chrome = true;
	l->drawn_cursor = -1;
	l->updated_cursor = -1;
	l->fetched_top = -1;
	l->dirty_all = true;
	l->stale = true;
	return l;
}

/* The rows above the list's body: its title (if any) and its header. */
static int list_head(const struct list *l)
{
	return (l->chrome ? 1 : 0) + (l->no_header ? 0 : 1);
}

void list_row_clear(struct list_row *row)
{
	for (int i = 0; i < LIST_MAX_COLUMNS; i++)
		free(row->cells[i]);
	free(row->detail);
	memset(row, 0, sizeof *row);
}

static void list_drop_rows(struct list *l)
{
	for (int i = 0; i < l->nrows; i++)
		list_row_clear(&l->rows[i]);
	l->nrows = 0;
	l->fetched_top = -1;
}

void list_free(struct list *l)
{
	if (!l)
		return;
	list_drop_rows(l);
	free(l->rows);
	if (l->win)
		delwin(l->win);
	if (l->ops->free_state)
		l->ops->free_state(l->state);
	free(l);
}

/* What the list says when it has no rows. */
static const char *list_empty_text(const struct list *l)
{
	const char *text = l->ops->empty_state ? l->ops->empty_state((struct list *)l) : NULL;
	if (!text)
		text = l->ops->empty;
	return text ? text : "nothing here yet: a adds one";
}

int list_visible(const struct list *l)
{
	return l->h > list_head(l) ? l->h - list_head(l) : 0;
}

/* Chooses column widths for the window width: the flexible column takes
 * what is left; low-priority columns go when there is no room. */
static void list_layout_columns(struct list *l)
{
	const struct view_ops *ops = l->ops;
	int max_prio = 0, flex_min = 0;
	l->chart_w = 0;
	if (ops->layout_chart)
		ops->layout_chart(l);
	int width = l->w - (l->chart_w > 0 ? l->chart_w + 1 : 0);
	for (int i = 0; i < ops->ncolumns; i++) {
		if (ops->columns[i].priority > max_prio)
			max_prio = ops->columns[i].priority;
		if (ops->columns[i].width == 0)
			flex_min = ops->columns[i].min_width;
	}
	for (int prio = max_prio; prio >= 0; prio--) {
		int used = 0, flex = -1;
		for (int i = 0; i < ops->ncolumns; i++) {
			const struct list_column *c = &ops->columns[i];
			l->colw[i] = c->priority <= prio ? c->width : -1;
			if (c->width == 0 && l->colw[i] == 0)
				flex = i;
			else if (l->colw[i] > 0)
				used += l->colw[i] + 1;
		}
		int left = width - used;
		if (left >= flex_min || prio == 0) {
			if (flex >= 0)
				l->colw[flex] = left > 0 ? left : 0;
			return;
		}
	}
}

void list_place(struct list *l, int y, int x, int h, int w)
{
	if (l->win)
		delwin(l->win);
	l->win = newwin(h, w, y, x);
	l->h = h;
	l->w = w;
	l->dirty_all = true;
	int chart_w = l->chart_w;
	list_layout_columns(l);
	l->fetched_top = -1; /* the page may hold more or fewer rows: read it again */
	if (l->chart_w != chart_w)
		l->stale = true; /* a chart's scale depends on its width */
}

/* Reads the visible page starting at top. */
static int list_fetch(struct list *l, jaw_err *err)
{
	list_drop_rows(l);
	int vis = list_visible(l);
	if (vis <= 0 || l->count == 0)
		return JAW_OK;
	if (vis > l->cap) {
		l->rows = xreallocarray(l->rows, (size_t)vis, sizeof *l->rows);
		memset(l->rows + l->cap, 0, (size_t)(vis - l->cap) * sizeof *l->rows);
		l->cap = vis;
	}
	int n = l->ops->fetch(l, l->top, vis, l->rows, err);
	if (n < 0)
		return JAW_FAIL;
	l->nrows = n;
	l->fetched_top = l->top;
	return JAW_OK;
}

/* Keeps cursor and top within the rows and the cursor on the page. */
static void list_clamp(struct list *l)
{
	int vis = list_visible(l);
	if (l->cursor >= l->count)
		l->cursor = l->count - 1;
	if (l->cursor < 0)
		l->cursor = 0;
	if (vis <= 0)
		return;
	if (l->cursor < l->top)
		l->top = l->cursor;
	if (l->cursor >= l->top + vis)
		l->top = l->cursor - vis + 1;
	if (l->top > l->count - vis)
		l->top = l->count - vis;
	if (l->top < 0)
		l->top = 0;
}

void list_reload(struct list *l)
{
	l->stale = true;
}

int list_update(struct list *l, jaw_err *err)
{
	bool changed = l->stale;
	if (l->stale) {
		int64_t n = l->ops->count(l, err);
		if (n < 0)
			return JAW_FAIL;
		l->count = n;
		l->stale = false;
		l->fetched_top = -1;
	}
	list_clamp(l);
	if (l->fetched_top != l->top || (l->nrows == 0 && l->count > 0)) {
		l->dirty_all = true;
		changed = true;
		if (list_fetch(l, err) != JAW_OK)
			return JAW_FAIL;
	}
	if (l->ops->update && (changed || l->updated_cursor != l->cursor)) {
		l->updated_cursor = l->cursor;
		return l->ops->update(l, err);
	}
	return JAW_OK;
}

void list_set_focus(struct list *l, bool focused)
{
	if (l->focused != focused)
		l->dirty_all = true;
	l->focused = focused;
}

static void list_draw_title(struct list *l)
{
	char title[256];
	const char *state = l->ops->describe_state ? l->ops->describe_state(l) : NULL;
	if (!l->chrome)
		return;
	if (l->count > 0)
		snprintf(title, sizeof title, " %s  %" PRId64 "/%" PRId64 "%s%s ", l->ops->title,
		         l->cursor + 1, l->count, state ? "  " : "", state ? state : "");
	else
		snprintf(title, sizeof title, " %s  (none)%s%s ", l->ops->title, state ? "  " : "",
		         state ? state : "");
	wattrset(l->win, colour_attr(l->focused ? ROLE_PANE_TITLE_FOCUS : ROLE_PANE_TITLE));
	wmove(l->win, 0, 0);
	ui_put(l->win, title, l->w, true);
}

/* Draws the cells of one row (or the header when row is NULL) at line y,
 * then the view's chart part, if any. */
static void list_draw_cells(struct list *l, int y, const struct list_row *row, attr_t attr)
{
	int width = l->w - (l->chart_w > 0 ? l->chart_w + 1 : 0);
	wattrset(l->win, attr);
	wmove(l->win, y, 0);
	int x = 0;
	for (int i = 0; i < l->ops->ncolumns && x < width; i++) {
		if (l->colw[i] <= 0)
			continue;
		int w = l->colw[i] < width - x ? l->colw[i] : width - x;
		const char *text = row ? (row->cells[i] ? row->cells[i] : "") : l->ops->columns[i].header;
		ui_put(l->win, text, w, true);
		x += w;
		if (x < width) {
			waddch(l->win, ' ');
			x++;
		}
	}
	for (; x < width; x++)
		waddch(l->win, ' ');
	if (l->chart_w <= 0)
		return;
	waddch(l->win, ' ');
	if (row)
		l->ops->draw_chart(l, row, attr);
	else
		l->ops->draw_chart_header(l);
}

static void list_draw_row(struct list *l, int64_t index)
{
	int i = (int)(index - l->top), head = list_head(l);
	if (i < 0 || i >= list_visible(l))
		return;
	if (l->fetched_top != l->top || i >= l->nrows) {
		wattrset(l->win, colour_attr(ROLE_NORMAL));
		wmove(l->win, head + i, 0);
		wclrtoeol(l->win);
		return;
	}
	enum jawrc_role role = ROLE_NORMAL;
	if (index == l->cursor)
		role = l->focused ? ROLE_CURSOR : ROLE_CURSOR_UNFOCUSED;
	list_draw_cells(l, head + i, &l->rows[i], colour_attr(role));
}

static void list_draw_all(struct list *l)
{
	werase(l->win);
	list_draw_title(l);
	if (l->ops->draw_body && l->ops->draw_body(l))
		return;
	if (!l->no_header)
		list_draw_cells(l, list_head(l) - 1, NULL, colour_attr(ROLE_HEADER));
	for (int i = 0; i < list_visible(l); i++)
		list_draw_row(l, l->top + i);
	if (l->count == 0 && list_visible(l) > 0) {
		wattrset(l->win, colour_attr(ROLE_DIM));
		wmove(l->win, list_head(l), 1);
		ui_put(l->win, list_empty_text(l), l->w - 1,
		       false);
	}
}

void list_draw(struct list *l, bool all)
{
	if (!l->win)
		return;
	if (all || l->dirty_all) {
		list_draw_all(l);
	} else if (l->drawn_cursor != l->cursor) {
		list_draw_title(l);
		if (l->ops->draw_body && l->ops->draw_body(l)) {
			/* a chart body is drawn whole */
		} else {
			list_draw_row(l, l->drawn_cursor);
			list_draw_row(l, l->cursor);
		}
	}
	l->dirty_all = false;
	l->drawn_cursor = l->cursor;
	wnoutrefresh(l->win);
}

/* Moves the cursor and the top row (the page is read at the update). */
static void list_move_to(struct list *l, int64_t cursor, int64_t top)
{
	l->cursor = cursor;
	l->top = top;
	list_clamp(l);
}

void list_goto(struct list *l, int64_t pos)
{
	/* not clamped here: the list may be stale and grow at the update */
	l->cursor = pos > 0 ? pos : 0;
}

int list_action(struct list *l, enum action a)
{
	int vis = list_visible(l) > 0 ? list_visible(l) : 1;
	switch (a) {
	case ACTION_MOVE_DOWN: list_move_to(l, l->cursor + 1, l->top); break;
	case ACTION_MOVE_UP: list_move_to(l, l->cursor - 1, l->top); break;
	case ACTION_PAGE_DOWN: list_move_to(l, l->cursor + vis, l->top + vis); break;
	case ACTION_PAGE_UP: list_move_to(l, l->cursor - vis, l->top - vis); break;
	case ACTION_MOVE_FIRST: list_move_to(l, 0, l->top); break;
	case ACTION_MOVE_LAST: list_move_to(l, l->count - 1, l->top); break;
	default: return -1;
	}
	return UI_REDRAW;
}

const struct list_row *list_selected(const struct list *l)
{
	int64_t i = l->cursor - l->fetched_top;
	if (l->count == 0 || l->fetched_top < 0 || i < 0 || i >= l->nrows)
		return NULL;
	return &l->rows[i];
}

void list_describe(const struct list *l, char *buf, size_t size)
{
	const struct list_row *row = list_selected(l);
	if (!row) {
		snprintf(buf, size, "%s: %s", l->ops->title,
		         list_empty_text(l));
		return;
	}
	snprintf(buf, size, "%s", row->detail ? row->detail : (row->cells[0] ? row->cells[0] : ""));
}

int64_t list_row_at_line(const struct list *l, int y)
{
	int i = y - list_head(l);
	return i >= 0 && i < l->nrows && l->fetched_top >= 0 ? l->fetched_top + i : -1;
}
