/* picker.c - choosing a code by typing part of its name: the codes are
 * filtered as you type (substring first, then letters in order), with
 * their place in the codebook; Enter takes the selected one, or makes a
 * new code from what was typed when nothing matches. Also a plain list to
 * choose from (which coding to remove). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codebook.h"
#include "keys.h"
#include "lineedit.h"
#include "ui.h"
#include "xalloc.h"

enum { PICKER_ROWS_MAX = 14 };

static WINDOW *picker_window(struct ui *ui, int rows, const char *title, int *width)
{
	*width = ui->cols - 4 < 70 ? ui->cols - 4 : 70;
	int h = rows + 4 < ui->lines ? rows + 4 : ui->lines;
	WINDOW *w = newwin(h, *width, (ui->lines - h) / 2, (ui->cols - *width) / 2);
	wattrset(w, colour_attr(ROLE_NORMAL));
	werase(w);
	box(w, 0, 0);
	wattrset(w, colour_attr(ROLE_HEADER));
	wmove(w, 0, 2);
	ui_put(w, title, *width - 4, false);
	return w;
}

/* Draws the query and the matches; returns the number of matches shown. */
static int picker_draw(struct ui *ui, const struct lineedit *q, struct codebook_match *m, int n,
                       int64_t total, int sel)
{
	int rows = ui->lines - 6 < PICKER_ROWS_MAX ? ui->lines - 6 : PICKER_ROWS_MAX;
	int width;
	WINDOW *w = picker_window(ui, rows + 1, " Code with (type to filter; Enter takes; Esc) ",
	                          &width);
	wattrset(w, colour_attr(ROLE_NORMAL));
	wmove(w, 1, 2);
	ui_put(w, "> ", 2, false);
	ui_put(w, q->buf, width - 6, false);
	for (int i = 0; i < n && i < rows; i++) {
		char line[512];
		if (m[i].quick_key)
			snprintf(line, sizeof line, "%d %s", m[i].quick_key, m[i].path);
		else
			snprintf(line, sizeof line, "  %s", m[i].path);
		wattrset(w, colour_attr(i == sel ? ROLE_CURSOR : ROLE_NORMAL));
		wmove(w, 3 + i, 2);
		ui_put(w, line, width - 4, true);
	}
	wattrset(w, colour_attr(ROLE_DIM));
	wmove(w, 2, 2);
	char info[160];
	if (total == 0 && *q->buf)
		snprintf(info, sizeof info, "no code matches: Enter makes a new code \"%.60s\"", q->buf);
	else
		snprintf(info, sizeof info, "%lld code%s", (long long)total, total == 1 ? "" : "s");
	ui_put(w, info, width - 4, false);
	wnoutrefresh(w);
	doupdate();
	delwin(w);
	return n < rows ? n : rows;
}

int64_t picker_code(struct ui *ui, const char *coder, jaw_err *err)
{
	struct lineedit q;
	lineedit_init(&q, NULL);
	struct codebook_match m[PICKER_ROWS_MAX];
	int sel = 0;
	int64_t chosen = 0;
	for (;;) {
		int64_t total = 0;
		int n = codebook_filter_page(ui->db, q.buf, 0, PICKER_ROWS_MAX, m, &total, err);
		if (n < 0) {
			chosen = -1;
			break;
		}
		int shown = picker_draw(ui, &q, m, n, total, sel);
		int key = ui_read_key(ui);
		int64_t sel_id = sel < shown ? m[sel].id : 0;
		for (int i = 0; i < n; i++)
			codebook_match_clear(&m[i]);
		if (key < 0 || key == 27)
			break;
		if (key == '\n') {
			if (sel_id) {
				chosen = sel_id;
			} else if (*q.buf) {
				struct code c = {.name = q.buf};
				chosen = codebook_add(ui->db, coder, &c, err) == JAW_OK ? c.id : -1;
			}
			break;
		}
		if (key == KEYS_DOWN || key == 14 /* Ctrl-N */)
			sel = sel + 1 < shown ? sel + 1 : sel;
		else if (key == KEYS_UP || key == 16 /* Ctrl-P */)
			sel = sel > 0 ? sel - 1 : 0;
		else if (lineedit_key(&q, key))
			sel = 0;
	}
	lineedit_free(&q);
	ui->clear_all = true;
	return chosen;
}

int picker_choose(struct ui *ui, const char *title, char *const *items, int n)
{
	int sel = 0;
	for (;;) {
		int rows = n < ui->lines - 6 ? n : ui->lines - 6, width;
		WINDOW *w = picker_window(ui, rows, title, &width);
		for (int i = 0; i < rows; i++) {
			wattrset(w, colour_attr(i == sel ? ROLE_CURSOR : ROLE_NORMAL));
			wmove(w, 2 + i, 2);
			ui_put(w, items[i], width - 4, true);
		}
		wnoutrefresh(w);
		doupdate();
		delwin(w);
		int key = ui_read_key(ui);
		enum action a = key >= 0 ? jawrc_lookup(ui->rc, JAWRC_READER, key) : ACTION_NONE;
		if (key < 0 || key == 27 || a == ACTION_QUIT) {
			sel = -1;
			break;
		}
		if (key == '\n')
			break;
		if (a == ACTION_MOVE_DOWN && sel + 1 < rows)
			sel++;
		else if (a == ACTION_MOVE_UP && sel > 0)
			sel--;
	}
	ui->clear_all = true;
	return sel;
}
