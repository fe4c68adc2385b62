/* screenutil.h - helpers for screen tests on a virtual terminal. */
#ifndef JAW_SCREENUTIL_H
#define JAW_SCREENUTIL_H

#include "jawrc.h"
#include "testutil.h"
#include "ui.h"

/* The day screen tests take for today (JAW_TODAY). */
#define SCREEN_TODAY "2026-11-25"

/* A project open in the interface on a virtual terminal. */
struct screen_fixture {
	SCREEN *sp;
	FILE *out, *in;
	int in_writer; /* the input pipe's other end, kept open */
	struct jaw_db *db;
	struct jawrc *rc;
	struct ui *ui;
};

/* Starts a virtual terminal of lines x cols (TERM xterm-256color). */
void screen_start(struct screen_fixture *f, int lines, int cols);
/* The same on terminal type term ("linux", "vt100"...). */
void screen_start_term(struct screen_fixture *f, int lines, int cols, const char *term);
/* Closes the interface, the terminal and the project. */
void screen_stop(struct screen_fixture *f);
/* Opens the demo project (as "demo.jaw" in a fresh directory, so that the
 * title bar is the same in every run) in a ui of lines x cols. */
void screen_open_demo(struct screen_fixture *f, int lines, int cols);
/* The same on terminal type term. */
void screen_open_demo_term(struct screen_fixture *f, int lines, int cols, const char *term);
/* Returns the screen as UTF-8 text, one line per row, trailing spaces cut. */
char *screen_text_new(void);
/* Compares the screen with tests/screen/golden/NAME.txt. */
void screen_expect(const char *name);
/* Compares the screen with tests/screen/golden/NAME.txt, and its colours
 * (each cell's colour role, see screenutil.c) with NAME.colours. */
void screen_expect_colours(const char *name);
/* Sends keys to the interface and draws it. */
void screen_keys(struct screen_fixture *f, const int *keys, int n);
/* Sends the UTF-8 text as keys (for typing into prompts and forms). */
void screen_type(int *keys, int *n, const char *text);
/* Asserts that the screen contains text (prints the screen if not). */
void screen_assert_has(const char *text);

/* A cell of the screen (curscr) as the terminal shows it. */
struct screen_cell {
	wchar_t ch;     /* its (first) character */
	attr_t attrs;   /* A_BOLD, A_UNDERLINE, A_REVERSE...; not the pair */
	int pair;       /* its colour pair; 0: the terminal's own colours */
	int fg, bg;     /* the pair's colours; -1: the terminal's own */
	bool pair_ok;   /* pair 0, or a pair the terminal has */
};

/* Reads the cell at y, x of the screen. */
void screen_cell_get(int y, int x, struct screen_cell *cell);
/* The WCAG 2 contrast ratio of a cell's text on its background (xterm's
 * palette), on a dark terminal (its own colours white on black) or a light
 * one (black on white). Reverse video does not change it. */
double screen_cell_contrast(const struct screen_cell *cell, bool dark);

#endif
