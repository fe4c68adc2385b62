/* listview.c - a list view over the whole screen (the views of
 * src/views.def placed FULL: the codebook, the survey). Its list lives as
 * long as the interface, so a view opened again shows what it showed; q
 * and Tab go back to the panes. Also the search of any list. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "ui.h"
#include "xalloc.h"

struct listview {
	struct layer ly;
	struct list *l;
	struct details details;
};

static struct list *listview_list(struct layer *ly)
{
	return ((struct listview *)ly)->l;
}

static void listview_layout(struct layer *ly)
{
	struct ui *ui = ly->ui;
	struct listview *v = (struct listview *)ly;
	int w = details_place(&v->details, ui);
	list_place(v->l, 1, 0, ui->lines - 2, w);
}

static int listview_update(struct layer *ly, jaw_err *err)
{
	struct listview *v = (struct listview *)ly;
	if (ly->stale)
		list_reload(v->l);
	if (list_update(v->l, err) != JAW_OK)
		return JAW_FAIL;
	return details_update(&v->details, v->l, ly->stale, err);
}

static void listview_draw(struct layer *ly, bool all)
{
	struct listview *v = (struct listview *)ly;
	list_draw(v->l, all);
	details_draw(&v->details, v->l);
}

static int listview_key(struct layer *ly, int key)
{
	struct list *l = listview_list(ly);
	enum action a = jawrc_lookup(ly->ui->rc, l->keymap, key);
	switch (a) {
	case ACTION_QUIT:
	case ACTION_NEXT_PANE:
	case ACTION_PREV_PANE:
		ui_close(ly);
		return UI_REDRAW;
	case ACTION_ZOOM:
		ui_message(ly->ui, "The %s takes the whole screen already: q goes back to the panes.",
		           l->ops->name);
		return UI_REDRAW;
	default: return ui_list_key(ly->ui, ly, l, key);
	}
}

static void listview_describe(struct layer *ly, char *buf, size_t size)
{
	list_describe(listview_list(ly), buf, size);
}

static int listview_search(struct layer *ly, const char *text, enum model_dir dir)
{
	return ui_list_search(ly->ui, listview_list(ly), text, dir);
}

static void listview_free(struct layer *ly)
{
	struct list *l = listview_list(ly);
	list_set_focus(l, false);
	if (l->win)
		delwin(l->win);
	l->win = NULL;
	details_free(&((struct listview *)ly)->details);
	free(ly);
}

static const struct layer_ops listview_ops = {
	.name = "listview",
	.layout = listview_layout,
	.update = listview_update,
	.draw = listview_draw,
	.key = listview_key,
	.describe = listview_describe,
	.search = listview_search,
	.free = listview_free,
};

struct layer *listview_new(struct ui *ui, enum view_id view)
{
	struct listview *v = xcalloc(1, sizeof *v);
	v->ly.ops = &listview_ops;
	v->ly.ui = ui;
	v->ly.view = (int)view;
	v->ly.keymap = ui_views[view].keymap;
	v->ly.full = true;
	v->ly.title = true;
	v->l = ui->lists[view];
	list_set_focus(v->l, true);
	return &v->ly;
}

int ui_list_search(struct ui *ui, struct list *l, const char *text, enum model_dir dir)
{
	if (!l->ops->search) {
		ui_message(ui, "The %s cannot be searched.", l->ops->name);
		return UI_REDRAW;
	}
	jaw_err err;
	err_clear(&err);
	int64_t pos = l->ops->search(l, text, l->cursor, dir, &err);
	if (pos == -2)
		ui_error(ui, err.msg);
	else if (pos < 0)
		ui_message(ui, "\"%.200s\" is not in the %s.", text, l->ops->name);
	else {
		if ((dir == MODEL_FORWARD && pos <= l->cursor) || (dir == MODEL_BACKWARD && pos >= l->cursor))
			ui_message(ui, "Search wrapped round.");
		list_goto(l, pos);
	}
	return UI_REDRAW;
}
