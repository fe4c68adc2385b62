/* busy.c - a long computation in the interface (ui.h, ui_busy_begin):
 * the database calls busy_progress every few thousand steps; once the
 * computation has taken ui->busy_after milliseconds, it draws a progress
 * line in the status bar ten times a second and looks, without waiting,
 * for Esc, which cancels the computation. Other keys typed meanwhile are
 * given back to the input afterwards, in order. */
#include "config.h"

#include <stdio.h>
#include <time.h>

#include "ui.h"

/* How often the progress line is drawn and the keyboard read, in ms. */
enum { BUSY_EVERY = 100 };

static double busy_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void busy_draw(struct ui_busy *b, double now)
{
	struct ui *ui = b->ui;
	WINDOW *w = ui->status_win;
	if (!w)
		return;
	char text[300];
	snprintf(text, sizeof text, "%.200s\u2026 %.1f s  (Esc cancels)", b->what,
	         (now - b->start) / 1e3);
	wattrset(w, colour_attr(ROLE_STATUS));
	wmove(w, 0, 0);
	ui_put(w, text, ui->cols, true);
	wnoutrefresh(w);
	doupdate();
	b->drawn = now;
	b->shown = true;
	if (ui->busy_drawn)
		ui->busy_drawn(ui);
}

/* Reads the keys typed so far without waiting: Esc cancels, the others
 * are kept. */
static void busy_keys(struct ui_busy *b)
{
	WINDOW *w = b->ui->status_win;
	if (!w)
		return;
	wtimeout(w, 0);
	wint_t ch;
	int rc;
	while (!b->cancelled && (rc = wget_wch(w, &ch)) != ERR) {
		if (rc == OK && ch == 27) {
			b->cancelled = true;
		} else if (b->nkeys < UI_BUSY_KEYS) {
			b->keys[b->nkeys] = ch;
			b->codes[b->nkeys++] = rc;
		}
	}
}

static bool busy_progress(void *ctx)
{
	struct ui_busy *b = ctx;
	if (b->cancelled)
		return true;
	double now = busy_now();
	/* busy_after 0 (tests): at every call */
	int every = b->ui->busy_after > 0 ? BUSY_EVERY : 0;
	if (now - b->start < b->ui->busy_after || (b->shown && now - b->drawn < every))
		return false;
	busy_keys(b);
	if (!b->cancelled)
		busy_draw(b, now);
	return b->cancelled;
}

void ui_busy_begin(struct ui *ui, struct ui_busy *b, const char *what)
{
	*b = (struct ui_busy){.ui = ui, .what = what, .start = busy_now()};
	db_progress_set(ui->db, busy_progress, b);
}

bool ui_busy_end(struct ui_busy *b)
{
	db_progress_set(b->ui->db, NULL, NULL);
	/* the keys typed meanwhile, for the loop to read next: the input is a
	 * stack, so the last goes back first */
	for (int i = b->nkeys - 1; i >= 0; i--) {
		if (b->codes[i] == KEY_CODE_YES)
			ungetch((int)b->keys[i]);
		else
			unget_wch((wchar_t)b->keys[i]);
	}
	b->nkeys = 0;
	return b->cancelled;
}
