/* lineedit.h - a one-line text editor with readline-style keys, UTF-8
 * aware: the cursor moves and deletes by grapheme clusters (a character
 * with its combining marks, an emoji sequence, a flag; see cluster.h).
 * No curses: the interface draws it and feeds it keys (keys.h codes). */
#ifndef JAW_LINEEDIT_H
#define JAW_LINEEDIT_H

#include <stdbool.h>
#include <stddef.h>

/* A line being edited. */
struct lineedit {
	char *buf;     /* NUL-terminated UTF-8 */
	size_t len, cap;
	size_t cursor; /* byte offset, always at a character boundary */
	char *killed;  /* the last killed text, for Ctrl-Y */
};

/* Starts editing text (NULL for empty), cursor at the end. */
void lineedit_init(struct lineedit *le, const char *text);
/* Frees what le holds. */
void lineedit_free(struct lineedit *le);
/* Replaces the text, cursor at the end. */
void lineedit_set(struct lineedit *le, const char *text);
/* Applies one key: printable characters insert; Ctrl-A/Home, Ctrl-E/End,
 * Ctrl-B/Left, Ctrl-F/Right, Backspace, Ctrl-D/Delete, Ctrl-K, Ctrl-U,
 * Ctrl-W (kill the word before), Ctrl-Y (yank), Alt-less word moves with
 * Ctrl-Left are not needed. Returns true if the key was an editing key. */
bool lineedit_key(struct lineedit *le, int key);
/* Display columns of the text before the cursor. */
int lineedit_cursor_col(const struct lineedit *le);

#endif
