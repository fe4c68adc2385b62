/* wait.c - while a change waits for another session's write lock (an
 * import by someone else): the status line says for what and whose, keys
 * are read without touching the project (Ctrl-L redraws, Esc gives up, a
 * resized terminal is laid out once the wait is over), and a signal that
 * ends jaw ends the wait. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ui.h"
#include "utf8.h"

/* How long a wait goes unsaid (seconds): most last a few milliseconds. */
#define WAIT_SAY_AFTER 0.2
/* The width of the way out, on the right of the status bar. */
#define WAIT_HINT_COLS 17

/* Paints the waiting line in the status bar, the way out on its right. */
static void wait_draw(struct ui *ui, const char *text)
{
	static const char hint[] = "  Esc to give up ";
	_Static_assert(sizeof hint - 1 == WAIT_HINT_COLS, "the hint's width");
	WINDOW *w = ui->status_win;
	int hintw = WAIT_HINT_COLS;
	if (ui->cols < 2 * hintw)
		hintw = 0;
	wattrset(w, colour_attr(ROLE_STATUS));
	wmove(w, 0, 0);
	waddch(w, ' ');
	ui_put(w, text, ui->cols - hintw - 1, true);
	if (hintw)
		ui_put(w, hint, hintw, true);
	wnoutrefresh(w);
	curs_set(0);
	doupdate();
}

/* Moves the status bar to the last line of a resized terminal (the rest is
 * laid out when the wait is over: that reads the project). */
static void wait_resized(struct ui *ui)
{
	ui->resized_while_waiting = true;
	ui->cols = COLS;
	wresize(ui->status_win, 1, COLS > 0 ? COLS : 1);
	mvwin(ui->status_win, LINES > 0 ? LINES - 1 : 0, 0);
	clearok(curscr, TRUE);
}

/* Reads the keys typed meanwhile: false on Esc. Other keys are dropped
 * (they were meant for a screen that is not there yet). */
static bool wait_keys(struct ui *ui, bool *redraw)
{
	wint_t ch;
	int rc;
	wtimeout(ui->status_win, 0);
	while ((rc = wget_wch(ui->status_win, &ch)) != ERR) {
		if (rc == KEY_CODE_YES && ch == KEY_RESIZE) {
			wait_resized(ui);
			*redraw = true;
		} else if (rc == OK && ch == 27) { /* Esc */
			return false;
		} else if (rc == OK && ch == 12 /* Ctrl-L */) {
			clearok(curscr, TRUE);
			*redraw = true;
		}
	}
	return true;
}

bool ui_wait(void *ctx, const struct db_wait *wait)
{
	struct ui *ui = ctx;
	if (ui_stop_signal)
		return false;
	if (wait->seconds < WAIT_SAY_AFTER || ui->headless || !ui->status_win)
		return true;
	char text[sizeof ui->wait_text];
	snprintf(text, sizeof text, "Waiting for %s…",
	         wait->holder ? wait->holder : "another session's change to end");
	if (wait->brief && utf8_width(text) > ui->cols - WAIT_HINT_COLS - 1)
		snprintf(text, sizeof text, "Waiting for %s…", wait->brief);
	bool redraw = strcmp(text, ui->wait_text) != 0;
	if (!wait_keys(ui, &redraw))
		return false;
	if (redraw) {
		snprintf(ui->wait_text, sizeof ui->wait_text, "%s", text);
		wait_draw(ui, text);
	}
	return true;
}
