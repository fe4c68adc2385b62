/* picker.c - list modals, as layers on the stack: each is a box over the
 * screen holding a paged list (so it scrolls to its last row whatever its
 * length), a line that filters it as you type and says "n of N", and a
 * callback for the row picked. The code picker filters codes by what is
 * typed (substring first, then letters in order) and makes a new code when
 * nothing matches; a chooser lists rows of any list source (j/k, g/G,
 * PgDn/PgUp; / filters). Both stay live while open: another session's
 * changes show at once. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codebook.h"
#include "keys.h"
#include "lineedit.h"
#include "search.h"
#include "ui.h"
#include "xalloc.h"

enum { PICKER_ROWS_MAX = 14, CHOOSER_WIDTH_MAX = 160 };

struct picker {
	struct layer ly;
	char *title;
	struct list *l;          /* the rows: a list of its own in the box */
	WINDOW *box;
	struct lineedit query;   /* what filters the rows */
	bool typing;             /* keys go to the query (the code picker; / in a chooser) */
	bool codes;              /* the code picker */
	bool allow_new;
	char *coder;
	int want_rows;           /* the rows the box was made for */
	ui_pick_fn picked;
	void *ctx;
	void (*ctx_free)(void *);
};

static struct picker *picker_of(struct layer *ly)
{
	return (struct picker *)ly;
}

/* ---- the box ------------------------------------------------------------------ */

/* How many rows the box shows: as many as there are, within the screen. */
static int picker_rows(const struct picker *p)
{
	struct ui *ui = p->ly.ui;
	int room = ui->lines - 6 - (p->l->no_header ? 0 : 1);
	int max = p->codes ? PICKER_ROWS_MAX : room;
	int want = p->codes ? max : (int)(p->l->count < max ? p->l->count : max);
	want = want < 1 ? 1 : want;
	return want < room ? want : (room > 1 ? room : 1);
}

static void picker_layout(struct layer *ly)
{
	struct picker *p = picker_of(ly);
	struct ui *ui = ly->ui;
	int max_w = p->codes ? 70 : CHOOSER_WIDTH_MAX;
	int width = ui->cols - 4 < max_w ? ui->cols - 4 : max_w;
	p->want_rows = picker_rows(p);
	int h = p->want_rows + 4 + (p->l->no_header ? 0 : 1);
	int y = (ui->lines - h) / 2, x = (ui->cols - width) / 2;
	if (p->box)
		delwin(p->box);
	p->box = newwin(h, width, y, x);
	list_place(p->l, y + 3, x + 2, p->want_rows + (p->l->no_header ? 0 : 1), width - 4);
	ly->dirty = true;
}

static int picker_update(struct layer *ly, jaw_err *err)
{
	struct picker *p = picker_of(ly);
	p->l->filter = p->query.buf; /* the buffer moves as it grows */
	if (ly->stale)
		list_reload(p->l);
	if (list_update(p->l, err) != JAW_OK)
		return JAW_FAIL;
	if (picker_rows(p) != p->want_rows) {
		picker_layout(ly);
		return list_update(p->l, err);
	}
	return JAW_OK;
}

/* The line under the title: the query (or how to filter) and "n of N". */
static void picker_draw_query(struct picker *p, int width)
{
	WINDOW *w = p->box;
	char info[300];
	if (p->codes && p->l->count == 0 && *p->query.buf)
		snprintf(info, sizeof info, p->allow_new ? "no code matches: Enter makes a new code"
		         " \"%.60s\"" : "no code matches \"%.60s\"", p->query.buf);
	else if (p->l->count == 0)
		snprintf(info, sizeof info, "nothing matches");
	else
		snprintf(info, sizeof info, "%lld of %lld", (long long)p->l->cursor + 1,
		         (long long)p->l->count);
	wattrset(w, colour_attr(ROLE_NORMAL));
	wmove(w, 1, 2);
	if (p->typing || *p->query.buf) {
		ui_put(w, p->codes ? "> " : "/ ", 2, false);
		ui_put(w, p->query.buf, width - 6, false);
	} else {
		wattrset(w, colour_attr(ROLE_DIM));
		ui_put(w, "/ filters", width - 6, false);
	}
	wattrset(w, colour_attr(ROLE_DIM));
	wmove(w, 2, 2);
	ui_put(w, info, width - 4, true);
}

static void picker_draw(struct layer *ly, bool all)
{
	(void)all;
	struct picker *p = picker_of(ly);
	WINDOW *w = p->box;
	int width = getmaxx(w);
	wattrset(w, colour_attr(ROLE_NORMAL));
	werase(w);
	box(w, 0, 0);
	wattrset(w, colour_attr(ROLE_HEADER));
	wmove(w, 0, 2);
	ui_put(w, p->title, width - 4, false);
	picker_draw_query(p, width);
	wnoutrefresh(w);
	list_draw(p->l, true);
}

static bool picker_cursor(struct layer *ly, WINDOW **win, int *y, int *x)
{
	struct picker *p = picker_of(ly);
	if (!p->typing)
		return false;
	int col = 4 + lineedit_cursor_col(&p->query);
	*win = p->box;
	*y = 1;
	*x = col < getmaxx(p->box) - 2 ? col : getmaxx(p->box) - 2;
	return true;
}

/* ---- keys --------------------------------------------------------------------- */

/* Splits "Parent/Child" (spaces round the names dropped): the parent's
 * path (newly allocated) and where the child's name starts; NULL when the
 * text has no slash. */
static char *picker_split_path_new(const char *text, const char **child)
{
	const char *slash = strrchr(text, '/');
	if (!slash)
		return NULL;
	*child = slash + 1;
	while (**child == ' ')
		(*child)++;
	while (slash > text && slash[-1] == ' ')
		slash--;
	return xstrndup(text, (size_t)(slash - text));
}

/* Makes code name under parent (0: at the top) and calls back with it. */
static int picker_make(struct picker *p, int64_t parent, const char *name)
{
	struct ui *ui = p->ly.ui;
	struct code c = {.name = (char *)name, .parent_id = parent};
	jaw_err err;
	err_clear(&err);
	ui_close(&p->ly);
	if (codebook_add(ui->db, p->coder, &c, &err) != JAW_OK) {
		ui_error(ui, err.msg);
		return UI_RELOAD;
	}
	return p->picked(ui, p->ctx, c.id, NULL) | UI_RELOAD;
}

/* y to "make Parent too?": the parent at the top, the child under it. */
static int picker_make_both_yes(struct ui *ui, void *ctx)
{
	struct picker *p = ctx;
	const char *child;
	char *parent = picker_split_path_new(p->query.buf, &child);
	struct code c = {.name = parent};
	jaw_err err;
	err_clear(&err);
	int flags;
	if (codebook_add(ui->db, p->coder, &c, &err) != JAW_OK) {
		ui_error(ui, err.msg);
		ui_close(&p->ly);
		flags = UI_RELOAD;
	} else {
		flags = picker_make(p, c.id, child);
	}
	free(parent);
	return flags;
}

/* Enter with no match: a new code from what was typed; "Parent/Child"
 * makes Child under Parent (asking first when there is no Parent), never a
 * code whose name holds a slash. */
static int picker_new_code(struct picker *p)
{
	struct ui *ui = p->ly.ui;
	const char *child;
	char *parent = picker_split_path_new(p->query.buf, &child);
	if (!parent)
		return picker_make(p, 0, p->query.buf);
	int flags = UI_REDRAW;
	jaw_err err;
	err_clear(&err);
	struct model_name_match m;
	int n = 0;
	int64_t named = model_name_matches(ui->db, MODEL_NAME_CODE, parent, 0, &m, &n, &err);
	int64_t id = *parent && *child ? codebook_find(ui->db, parent, &err) : 0;
	if (!*parent || !*child) {
		ui_error(ui, "Write the new code as Name, or as Parent/Name to put it under Parent.");
	} else if (id > 0) {
		flags = picker_make(p, id, child);
	} else if (id == 0 && named == 0 && !strchr(parent, '/')) {
		char q[300];
		snprintf(q, sizeof q, "There is no code \"%.100s\": make it at the top, with \"%.100s\""
		         " under it? (y/n)", parent, child);
		prompt_confirm(ui, q, picker_make_both_yes, p, NULL);
	} else {
		ui_error(ui, err.msg);
	}
	free(parent);
	return flags;
}

/* Enter: calls back with the selected row, or makes a new code. */
static int picker_take(struct picker *p)
{
	struct ui *ui = p->ly.ui;
	const struct list_row *row = list_selected(p->l);
	if (row) {
		int flags = p->picked(ui, p->ctx, row->id, row);
		if (!(flags & UI_STAY))
			ui_close(&p->ly);
		return flags & ~UI_STAY;
	}
	if (p->codes && p->allow_new && *p->query.buf)
		return picker_new_code(p);
	ui_close(&p->ly);
	return UI_REDRAW;
}

/* A key while typing into the query. */
static int picker_type(struct picker *p, int key)
{
	switch (key) {
	case KEYS_DOWN: case 14: /* Ctrl-N */ return list_action(p->l, ACTION_MOVE_DOWN);
	case KEYS_UP: case 16: /* Ctrl-P */ return list_action(p->l, ACTION_MOVE_UP);
	case KEYS_PGDN: return list_action(p->l, ACTION_PAGE_DOWN);
	case KEYS_PGUP: return list_action(p->l, ACTION_PAGE_UP);
	default: break;
	}
	if (!p->codes && key == '\t') {
		p->typing = false;
		return UI_REDRAW;
	}
	if (lineedit_key(&p->query, key)) {
		p->l->cursor = 0;
		p->l->top = 0;
		list_reload(p->l);
	}
	return UI_REDRAW;
}

static int picker_key(struct layer *ly, int key)
{
	struct picker *p = picker_of(ly);
	if (key == 27 && p->typing && !p->codes) {
		/* Esc leaves the filter first */
		p->typing = false;
		return UI_REDRAW;
	}
	if (key == 27) {
		ui_close(ly);
		return UI_REDRAW;
	}
	if (key == '\n')
		return picker_take(p);
	if (p->typing)
		return picker_type(p, key);
	enum action a = jawrc_lookup(ly->ui->rc, JAWRC_GENERIC, key);
	if (a == ACTION_QUIT) {
		ui_close(ly);
		return UI_REDRAW;
	}
	if (a == ACTION_SEARCH) {
		p->typing = true;
		return UI_REDRAW;
	}
	int flags = list_action(p->l, a);
	return flags < 0 ? UI_REDRAW : flags;
}

static void picker_describe(struct layer *ly, char *buf, size_t size)
{
	struct picker *p = picker_of(ly);
	if (p->codes)
		snprintf(buf, size, "Type to filter the codes; \u2191\u2193 choose; Enter takes; Esc cancels.");
	else if (p->typing)
		snprintf(buf, size, "Type to filter; Enter takes; Tab or Esc goes back to the list.");
	else
		list_describe(p->l, buf, size);
}

static void picker_free(struct layer *ly)
{
	struct picker *p = picker_of(ly);
	if (p->ctx_free)
		p->ctx_free(p->ctx);
	list_free(p->l);
	if (p->box)
		delwin(p->box);
	lineedit_free(&p->query);
	free(p->coder);
	free(p->title);
	free(p);
}

static const struct layer_ops picker_ops = {
	.name = "picker",
	.layout = picker_layout,
	.update = picker_update,
	.draw = picker_draw,
	.key = picker_key,
	.describe = picker_describe,
	.cursor = picker_cursor,
	.free = picker_free,
};

static struct picker *picker_new(struct ui *ui, const char *title, const struct view_ops *ops,
                                 void *state, ui_pick_fn picked, void *ctx,
                                 void (*ctx_free)(void *))
{
	struct picker *p = xcalloc(1, sizeof *p);
	p->ly.ops = &picker_ops;
	p->ly.view = -1;
	p->ly.keymap = JAWRC_GENERIC;
	p->title = xstrdup(title);
	p->l = list_new(ops, ui, ui->db, JAWRC_GENERIC);
	p->l->state = state;
	p->l->chrome = false;
	/* a list of several columns names them */
	p->l->no_header = ops->ncolumns < 2;
	p->l->focused = true;
	lineedit_init(&p->query, NULL);
	p->l->filter = p->query.buf;
	p->picked = picked;
	p->ctx = ctx;
	p->ctx_free = ctx_free;
	return p;
}

/* ---- the code picker --------------------------------------------------------------- */

/* The code picker's own rows: the top of the codebook, when offered and
 * nothing is typed. */
static int picker_code_extra(const struct list *l)
{
	const int *flags = l->state;
	return (*flags & PICKER_TOP) && (!l->filter || !*l->filter) ? 1 : 0;
}

static int64_t picker_code_count(struct list *l, jaw_err *err)
{
	int64_t total = 0;
	struct codebook_match m;
	int n = codebook_filter_page(l->db, l->filter ? l->filter : "", 0, 0, &m, &total, err);
	return n < 0 ? -1 : total + picker_code_extra(l);
}

static int picker_code_fetch(struct list *l, int64_t offset, int limit, struct list_row *rows,
                             jaw_err *err)
{
	int got = 0;
	if (picker_code_extra(l)) {
		if (offset == 0 && limit > 0) {
			rows[0].id = 0;
			rows[0].cells[0] = xstrdup("  (the top of the codebook: no parent)");
			rows[0].detail = xstrdup("the top of the codebook");
			got = 1;
			limit--;
		} else {
			offset--;
		}
	}
	struct codebook_match *m = xcalloc((size_t)(limit > 0 ? limit : 1), sizeof *m);
	int64_t total;
	int n = codebook_filter_page(l->db, l->filter ? l->filter : "", offset, limit, m, &total,
	                             err);
	for (int i = 0; i < n; i++, got++) {
		rows[got].id = m[i].id;
		rows[got].cells[0] = m[i].quick_key ? xasprintf("%d %s", m[i].quick_key, m[i].path)
		                                    : xasprintf("  %s", m[i].path);
		rows[got].detail = xstrdup(m[i].path);
		codebook_match_clear(&m[i]);
	}
	free(m);
	return n < 0 ? -1 : got;
}

static const struct list_column picker_code_columns[] = {{"", 0, 0, 10}};

static const struct view_ops picker_code_ops = {
	.name = "codes",
	.title = "Codes",
	.columns = picker_code_columns,
	.ncolumns = 1,
	.count = picker_code_count,
	.fetch = picker_code_fetch,
	.free_state = free,
	.empty = "",
};

void picker_code(struct ui *ui, const char *title, const char *coder, int flags,
                 ui_pick_fn picked, void *ctx, void (*ctx_free)(void *))
{
	int *state = xmalloc(sizeof *state);
	*state = flags;
	struct picker *p = picker_new(ui, title, &picker_code_ops, state, picked, ctx, ctx_free);
	p->codes = true;
	p->typing = true;
	p->allow_new = (flags & PICKER_NEW) != 0;
	p->coder = xstrdup(coder);
	ui_push(ui, &p->ly);
}

/* ---- choosers -------------------------------------------------------------------------- */

void chooser_open(struct ui *ui, const char *title, const struct view_ops *ops, void *state,
                  ui_pick_fn picked, void *ctx, void (*ctx_free)(void *))
{
	ui_push(ui, &picker_new(ui, title, ops, state, picked, ctx, ctx_free)->ly);
}

void chooser_open_filtered(struct ui *ui, const char *title, const struct view_ops *ops,
                           void *state, const char *filter, ui_pick_fn picked, void *ctx,
                           void (*ctx_free)(void *))
{
	struct picker *p = picker_new(ui, title, ops, state, picked, ctx, ctx_free);
	lineedit_set(&p->query, filter ? filter : "");
	p->l->filter = p->query.buf;
	ui_push(ui, &p->ly);
}

void chooser_open_typed(struct ui *ui, const char *title, const struct view_ops *ops, void *state,
                        ui_pick_fn picked, void *ctx, void (*ctx_free)(void *))
{
	struct picker *p = picker_new(ui, title, ops, state, picked, ctx, ctx_free);
	p->typing = true;
	ui_push(ui, &p->ly);
}

/* Strings in memory, filtered by l->filter as list search matches (case
 * and accents folded). */
struct chooser_items {
	char **items;
	int64_t *ids;
	int n;
	int *match;  /* the indices of the items that pass the filter */
	int nmatch;
	char *filtered_by;
};

static void chooser_items_free(void *p)
{
	struct chooser_items *c = p;
	if (!c)
		return;
	for (int i = 0; i < c->n; i++)
		free(c->items[i]);
	free(c->items);
	free(c->ids);
	free(c->match);
	free(c->filtered_by);
	free(c);
}

static int64_t chooser_items_count(struct list *l, jaw_err *err)
{
	(void)err;
	struct chooser_items *c = l->state;
	const char *f = l->filter ? l->filter : "";
	c->nmatch = 0;
	for (int i = 0; i < c->n; i++)
		if (!*f || search_has(c->items[i], strlen(c->items[i]), f, strlen(f)))
			c->match[c->nmatch++] = i;
	free(c->filtered_by);
	c->filtered_by = xstrdup(f);
	return c->nmatch;
}

static int chooser_items_fetch(struct list *l, int64_t offset, int limit, struct list_row *rows,
                               jaw_err *err)
{
	(void)err;
	struct chooser_items *c = l->state;
	int n = 0;
	for (int64_t i = offset; i < c->nmatch && n < limit; i++, n++) {
		int k = c->match[i];
		rows[n].id = c->ids[k];
		rows[n].cells[0] = xstrdup(c->items[k]);
		rows[n].detail = xstrdup(c->items[k]);
	}
	return n;
}

static const struct list_column chooser_item_columns[] = {{"", 0, 0, 10}};

static const struct view_ops chooser_items_ops = {
	.name = "list",
	.title = "Choose",
	.columns = chooser_item_columns,
	.ncolumns = 1,
	.count = chooser_items_count,
	.fetch = chooser_items_fetch,
	.free_state = chooser_items_free,
	.empty = "",
};

void chooser_open_items(struct ui *ui, const char *title, char *const *items,
                        const int64_t *ids, int n, ui_pick_fn picked, void *ctx,
                        void (*ctx_free)(void *))
{
	struct chooser_items *c = xcalloc(1, sizeof *c);
	c->n = n;
	c->items = xcalloc((size_t)(n > 0 ? n : 1), sizeof *c->items);
	c->ids = xcalloc((size_t)(n > 0 ? n : 1), sizeof *c->ids);
	c->match = xcalloc((size_t)(n > 0 ? n : 1), sizeof *c->match);
	for (int i = 0; i < n; i++) {
		c->items[i] = xstrdup(items[i]);
		c->ids[i] = ids ? ids[i] : i;
	}
	struct picker *p = picker_new(ui, title, &chooser_items_ops, c, picked, ctx, ctx_free);
	ui_push(ui, &p->ly);
}
