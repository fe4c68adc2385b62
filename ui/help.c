/* help.c - the help: the keys of the view below, made from the action table
 * and the current bindings, in a box that scrolls (j/k, PgDn/PgUp, g/G);
 * any other key closes it. A layer on the stack, like every modal. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "ui.h"
#include "xalloc.h"

enum { HELP_MAX = ACTION_COUNT };

struct help {
	struct layer ly;
	char *title;
	char keys[HELP_MAX][48];
	enum action actions[HELP_MAX];
	int n, top, rows;
	WINDOW *win;
};

static struct help *help_of(struct layer *ly)
{
	return (struct help *)ly;
}

static void help_layout(struct layer *ly)
{
	struct help *h = help_of(ly);
	struct ui *ui = ly->ui;
	int height = h->n + 4 < ui->lines - 2 ? h->n + 4 : ui->lines - 2;
	int w = ui->cols - 4 < 76 ? ui->cols - 4 : 76;
	h->rows = height - 4 > 0 ? height - 4 : 0;
	if (h->win)
		delwin(h->win);
	h->win = newwin(height, w, (ui->lines - height) / 2, (ui->cols - w) / 2);
}

/* Keeps the first line shown within the lines. */
static void help_clamp(struct help *h)
{
	if (h->top > h->n - h->rows)
		h->top = h->n - h->rows;
	if (h->top < 0)
		h->top = 0;
}

static void help_draw(struct layer *ly, bool all)
{
	(void)all;
	struct help *h = help_of(ly);
	WINDOW *win = h->win;
	int w = getmaxx(win);
	help_clamp(h);
	wattrset(win, colour_attr(ROLE_NORMAL));
	werase(win);
	box(win, 0, 0);
	char title[160];
	if (h->rows < h->n)
		snprintf(title, sizeof title, " Keys: %s %d-%d of %d (j/k scroll, any other key closes) ",
		         h->title, h->top + 1, h->top + h->rows, h->n);
	else
		snprintf(title, sizeof title, " Keys: %s (any key closes) ", h->title);
	wattrset(win, colour_attr(ROLE_HEADER));
	wmove(win, 0, 2);
	ui_put(win, title, w - 4, false);
	int keyw = w / 3;
	for (int i = 0; i < h->rows && h->top + i < h->n; i++) {
		wattrset(win, colour_attr(ROLE_HEADER));
		wmove(win, i + 2, 2);
		ui_put(win, h->keys[h->top + i], keyw - 1, true);
		wattrset(win, colour_attr(ROLE_NORMAL));
		wmove(win, i + 2, 2 + keyw);
		ui_put(win, action_help(h->actions[h->top + i]), w - keyw - 4, false);
	}
	wnoutrefresh(win);
}

static int help_key(struct layer *ly, int key)
{
	struct help *h = help_of(ly);
	enum action a = jawrc_lookup(ly->ui->rc, JAWRC_GENERIC, key);
	int page = h->rows > 1 ? h->rows - 1 : 1;
	switch (h->rows < h->n ? a : ACTION_NONE) {
	case ACTION_MOVE_DOWN: h->top++; break;
	case ACTION_MOVE_UP: h->top--; break;
	case ACTION_PAGE_DOWN: h->top += page; break;
	case ACTION_PAGE_UP: h->top -= page; break;
	case ACTION_MOVE_FIRST: h->top = 0; break;
	case ACTION_MOVE_LAST: h->top = h->n; break;
	default: ui_close(ly); break;
	}
	help_clamp(h);
	return UI_REDRAW;
}

static void help_free(struct layer *ly)
{
	struct help *h = help_of(ly);
	if (h->win)
		delwin(h->win);
	free(h->title);
	free(h);
}

static const struct layer_ops help_ops = {
	.name = "help",
	.layout = help_layout,
	.draw = help_draw,
	.key = help_key,
	.free = help_free,
};

void help_open(struct ui *ui, const char *view_title, enum jawrc_keymap map)
{
	struct help *h = xcalloc(1, sizeof *h);
	h->ly.ops = &help_ops;
	h->ly.view = -1;
	h->ly.keymap = map;
	h->title = xstrdup(view_title);
	for (int a = ACTION_NONE + 1; a < ACTION_COUNT && h->n < HELP_MAX; a++)
		if (jawrc_keys_effective(ui->rc, map, (enum action)a, h->keys[h->n],
		                         sizeof h->keys[h->n]) > 0)
			h->actions[h->n++] = (enum action)a;
	ui_push(ui, &h->ly);
}
