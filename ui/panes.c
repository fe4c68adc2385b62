/* panes.c - the bottom layer: the views of src/views.def placed PANE share
 * the screen (at 80 columns and more the first ones side by side above the
 * last; narrower, stacked), Tab moves the focus, z zooms the focused one;
 * on wide terminals the Details pane (details.c) is at the right. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "xalloc.h"

enum { PANES_WIDE = 80 };

struct panes {
	struct layer ly;
	enum view_id views[VIEW_COUNT]; /* the PANE views, in order */
	int n, focus;
	bool zoomed;
	WINDOW *sep_win[VIEW_COUNT];
	int nsep;
	struct details details;
};

static struct panes *panes_of(struct layer *ly)
{
	return (struct panes *)ly;
}

static struct list *panes_list(struct panes *p, int i)
{
	return p->ly.ui->lists[p->views[i]];
}

/* ---- layout ------------------------------------------------------------------- */

static void panes_drop_windows(struct panes *p)
{
	for (int i = 0; i < p->nsep; i++)
		delwin(p->sep_win[i]);
	p->nsep = 0;
}

static void panes_place_shared(struct panes *p, int y, int body, int w)
{
	int n = p->n;
	if (w >= PANES_WIDE && n > 1) {
		/* the first n-1 side by side on top, the last below */
		int top = body / 2, x = 0;
		for (int i = 0; i < n - 1; i++) {
			int pw = i == n - 2 ? w - x : (w - (n - 2)) / (n - 1);
			list_place(panes_list(p, i), y, x, top, pw);
			x += pw + 1;
			if (i < n - 2)
				p->sep_win[p->nsep++] = newwin(top, 1, y, x - 1);
		}
		list_place(panes_list(p, n - 1), y + top, 0, body - top, w);
		return;
	}
	int h = body / n;
	for (int i = 0; i < n; i++)
		list_place(panes_list(p, i), y + i * h, 0, i == n - 1 ? body - i * h : h, w);
}

static void panes_layout(struct layer *ly)
{
	struct panes *p = panes_of(ly);
	struct ui *ui = ly->ui;
	panes_drop_windows(p);
	int body = ui->lines - 2, w = details_place(&p->details, ui);
	if (p->zoomed) {
		for (int i = 0; i < p->n; i++)
			if (i != p->focus)
				list_place(panes_list(p, i), 1, 0, 0, 0);
		list_place(panes_list(p, p->focus), 1, 0, body, w);
	} else {
		panes_place_shared(p, 1, body, w);
	}
}

/* ---- the layer -------------------------------------------------------------------- */

static int panes_update(struct layer *ly, jaw_err *err)
{
	struct panes *p = panes_of(ly);
	int rc = JAW_OK;
	for (int i = 0; i < p->n; i++) {
		struct list *l = panes_list(p, i);
		if (ly->stale)
			list_reload(l);
		if (p->zoomed && i != p->focus)
			continue;
		if (list_update(l, err) != JAW_OK)
			rc = JAW_FAIL;
	}
	if (rc == JAW_OK)
		rc = details_update(&p->details, panes_list(p, p->focus), ly->stale, err);
	return rc;
}

static void panes_draw(struct layer *ly, bool all)
{
	struct panes *p = panes_of(ly);
	for (int i = 0; i < p->n; i++)
		if (!p->zoomed || i == p->focus)
			list_draw(panes_list(p, i), all);
	for (int i = 0; i < p->nsep && !p->zoomed; i++) {
		wattrset(p->sep_win[i], colour_attr(ROLE_DIM));
		mvwvline(p->sep_win[i], 0, 0, ACS_VLINE, getmaxy(p->sep_win[i]));
		wnoutrefresh(p->sep_win[i]);
	}
	details_draw(&p->details, panes_list(p, p->focus));
}

void panes_focus(struct layer *ly, enum view_id view)
{
	struct panes *p = panes_of(ly);
	for (int i = 0; i < p->n; i++) {
		if (p->views[i] != view)
			continue;
		list_set_focus(panes_list(p, p->focus), false);
		if (p->zoomed && i != p->focus)
			ly->ui->clear_all = true;
		p->focus = i;
		list_set_focus(panes_list(p, i), true);
		ly->view = (int)view;
		ly->keymap = ui_views[view].keymap;
		if (p->zoomed)
			panes_layout(ly);
		return;
	}
}

enum view_id panes_focused(struct layer *ly)
{
	struct panes *p = panes_of(ly);
	return p->views[p->focus];
}

struct list *panes_focused_list(struct layer *ly)
{
	struct panes *p = panes_of(ly);
	return panes_list(p, p->focus);
}

static int panes_key(struct layer *ly, int key)
{
	struct panes *p = panes_of(ly);
	struct list *l = panes_list(p, p->focus);
	enum action a = jawrc_lookup(ly->ui->rc, l->keymap, key);
	switch (a) {
	case ACTION_QUIT:
		if (!p->zoomed)
			return UI_QUIT;
		p->zoomed = false;
		return UI_LAYOUT;
	case ACTION_NEXT_PANE:
	case ACTION_PREV_PANE:
		panes_focus(ly, p->views[(p->focus + (a == ACTION_NEXT_PANE ? 1 : -1) + p->n) % p->n]);
		return UI_REDRAW;
	case ACTION_ZOOM:
		p->zoomed = !p->zoomed;
		return UI_LAYOUT;
	default: return ui_list_key(ly->ui, ly, l, key);
	}
}

static void panes_describe(struct layer *ly, char *buf, size_t size)
{
	list_describe(panes_focused_list(ly), buf, size);
}

static int panes_search(struct layer *ly, const char *text, enum model_dir dir)
{
	return ui_list_search(ly->ui, panes_focused_list(ly), text, dir);
}

static void panes_free(struct layer *ly)
{
	struct panes *p = panes_of(ly);
	panes_drop_windows(p);
	details_free(&p->details);
	free(p);
}

static const struct layer_ops panes_ops = {
	.name = "panes",
	.layout = panes_layout,
	.update = panes_update,
	.draw = panes_draw,
	.key = panes_key,
	.describe = panes_describe,
	.search = panes_search,
	.free = panes_free,
};

int panes_toggle_zoom(struct layer *ly)
{
	struct panes *p = panes_of(ly);
	p->zoomed = !p->zoomed;
	return UI_LAYOUT;
}

struct layer *panes_new(struct ui *ui)
{
	struct panes *p = xcalloc(1, sizeof *p);
	p->ly.ops = &panes_ops;
	p->ly.ui = ui;
	p->ly.full = true;
	p->ly.title = true;
	for (int v = 0; v < VIEW_COUNT; v++)
		if (ui_views[v].place == VIEW_PLACE_PANE && ui->lists[v])
			p->views[p->n++] = (enum view_id)v;
	p->ly.view = (int)p->views[0];
	p->ly.keymap = ui_views[p->views[0]].keymap;
	list_set_focus(panes_list(p, 0), true);
	return &p->ly;
}
