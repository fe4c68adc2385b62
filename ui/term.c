/* term.c - starting and stopping curses, and the signals that end a session.
 * Signal handlers only set a flag; the display loop does the curses work
 * (after calcurse and tig). */
#include "config.h"

#include <locale.h>
#include <signal.h>
#include <string.h>

#include "ui.h"

volatile sig_atomic_t ui_stop_signal;
static bool term_started;

static void term_on_signal(int sig)
{
	ui_stop_signal = sig;
}

/* SIGTERM, SIGHUP and SIGINT end the loop cleanly; no SA_RESTART, so a
 * blocking read returns and the loop sees the flag. */
static void term_install_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = term_on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

void ui_start_terminal(const struct jawrc *rc)
{
	term_install_signals();
	initscr();
	term_started = true;
	cbreak();
	noecho();
	nonl();
	curs_set(0);
	set_escdelay(25);
	colour_init(rc);
}

void ui_stop_terminal(void)
{
	if (!term_started)
		return;
	term_started = false;
	curs_set(1);
	endwin();
}

void ui_suspend_terminal(void)
{
	def_prog_mode();
	curs_set(1);
	endwin();
}

void ui_resume_terminal(void)
{
	reset_prog_mode();
	curs_set(0);
	clearok(curscr, TRUE);
	refresh();
}
