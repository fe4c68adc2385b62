/* screenutil.h - helpers for screen tests on a virtual terminal. */
#ifndef JAW_SCREENUTIL_H
#define JAW_SCREENUTIL_H

#include "jawrc.h"
#include "testutil.h"
#include "ui.h"

/* A project open in the interface on a virtual terminal. */
struct screen_fixture {
	SCREEN *sp;
	FILE *out, *in;
	struct jaw_db *db;
	struct jawrc *rc;
	struct ui *ui;
};

/* Starts a virtual terminal of lines x cols (TERM xterm-256color). */
void screen_start(struct screen_fixture *f, int lines, int cols);
/* Closes the interface, the terminal and the project. */
void screen_stop(struct screen_fixture *f);
/* Opens the demo project (as "demo.jaw" in a fresh directory, so that the
 * title bar is the same in every run) in a ui of lines x cols. */
void screen_open_demo(struct screen_fixture *f, int lines, int cols);
/* Returns the screen as UTF-8 text, one line per row, trailing spaces cut. */
char *screen_text_new(void);
/* Compares the screen with tests/screens/NAME.txt. */
void screen_expect(const char *name);
/* Sends keys to the interface and draws it. */
void screen_keys(struct screen_fixture *f, const int *keys, int n);
/* Sends the UTF-8 text as keys (for typing into prompts and forms). */
void screen_type(int *keys, int *n, const char *text);
/* Asserts that the screen contains text (prints the screen if not). */
void screen_assert_has(const char *text);

#endif
