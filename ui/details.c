/* details.c - the Details pane of wide terminals (140x30 and more): the
 * selected row of a list described in full and, for views that link
 * evidence to their rows, that evidence. It reads the evidence when the
 * selection changes (details_update), never when it is drawn. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "utf8.h"
#include "xalloc.h"

enum { DETAILS_COLS = 140, DETAILS_LINES = 30 };

static void details_drop_evidence(struct details *d)
{
	for (int i = 0; i < d->nevidence; i++)
		free(d->evidence[i]);
	free(d->evidence);
	d->evidence = NULL;
	d->nevidence = 0;
}

int details_place(struct details *d, const struct ui *ui)
{
	if (d->win)
		delwin(d->win);
	d->win = NULL;
	d->view = NULL; /* read it again for the new size */
	if (ui->cols < DETAILS_COLS || ui->lines < DETAILS_LINES)
		return ui->cols;
	int detail_w = ui->cols / 4, w = ui->cols - detail_w - 1;
	d->win = newwin(ui->lines - 2, detail_w + 1, 1, w);
	return w;
}

int details_update(struct details *d, struct list *l, bool stale, jaw_err *err)
{
	const struct list_row *row = list_selected(l);
	int64_t id = row ? row->id : -1;
	if (!d->win || (!stale && d->view == l->ops && d->row == id))
		return JAW_OK;
	d->view = l->ops;
	d->row = id;
	details_drop_evidence(d);
	struct source_filter f = {0};
	d->linked = row && l->ops->detail_filter && l->ops->detail_filter(l, row, &f);
	int room = getmaxy(d->win) - 4;
	if (!d->linked || room <= 0)
		return JAW_OK;
	struct source *rows = xcalloc((size_t)room, sizeof *rows);
	int n = model_source_page_filtered(l->db, &f, 0, room, rows, err);
	d->evidence = xcalloc((size_t)(n > 0 ? n : 1), sizeof *d->evidence);
	for (int i = 0; i < n; i++) {
		d->evidence[i] = xasprintf("%s %s", rows[i].source_date, rows[i].title);
		model_source_clear(&rows[i]);
	}
	d->nevidence = n > 0 ? n : 0;
	free(rows);
	return n < 0 ? JAW_FAIL : JAW_OK;
}

/* Word-wraps text into w from line y; returns the next free line. */
static int details_wrap(WINDOW *w, const char *p, int y, int width)
{
	int h = getmaxy(w);
	for (; y < h && *p; y++) {
		size_t fit = utf8_fit(p, width - 1, NULL), cut = fit;
		if (p[fit]) {
			while (cut > 0 && p[cut] != ' ')
				cut--;
			if (cut == 0)
				cut = fit;
		}
		char *line = xstrndup(p, cut);
		wmove(w, y, 2);
		ui_put(w, line, width - 1, false);
		free(line);
		p += cut;
		while (*p == ' ')
			p++;
	}
	return y;
}

void details_draw(struct details *d, struct list *l)
{
	WINDOW *w = d->win;
	if (!w)
		return;
	int h = getmaxy(w), width = getmaxx(w) - 1;
	werase(w);
	wattrset(w, colour_attr(ROLE_DIM));
	mvwvline(w, 0, 0, ACS_VLINE, h);
	wattrset(w, colour_attr(ROLE_PANE_TITLE));
	wmove(w, 0, 1);
	ui_put(w, " Details", width, true);
	char text[1100];
	list_describe(l, text, sizeof text);
	wattrset(w, colour_attr(ROLE_NORMAL));
	int y = details_wrap(w, text, 1, width);
	if (d->linked && y + 2 < h) {
		wattrset(w, colour_attr(ROLE_HEADER));
		wmove(w, y + 1, 2);
		ui_put(w, d->nevidence > 0 ? "Evidence (Enter lists it):" : "No evidence linked.",
		       width - 1, false);
		wattrset(w, colour_attr(ROLE_NORMAL));
		for (int i = 0; i < d->nevidence && y + 2 + i < h; i++) {
			wmove(w, y + 2 + i, 2);
			ui_put(w, d->evidence[i], width - 1, false);
		}
	}
	wnoutrefresh(w);
}

void details_free(struct details *d)
{
	if (d->win)
		delwin(d->win);
	d->win = NULL;
	details_drop_evidence(d);
}
