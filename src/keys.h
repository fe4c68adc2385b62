/* keys.h - key codes and their names in jawrc, independent of curses.
 * A key is a Unicode code point (control keys are their control codes:
 * Tab 9, Enter 10, Esc 27, Ctrl-L 12) or one of the special keys below. */
#ifndef JAW_KEYS_H
#define JAW_KEYS_H

#include <stddef.h>

/* Special keys, above the Unicode range. */
enum key_special {
	KEYS_SPECIAL = 0x200000,
	KEYS_DOWN, KEYS_UP, KEYS_LEFT, KEYS_RIGHT,
	KEYS_PGDN, KEYS_PGUP, KEYS_HOME, KEYS_END,
	KEYS_BACKTAB, KEYS_BACKSPACE, KEYS_DELETE, KEYS_INSERT,
	KEYS_F1, /* KEYS_F1 + n - 1 is F<n>, up to F12 */
	KEYS_F12 = KEYS_F1 + 11,
	KEYS_RESIZE, /* the terminal changed size (not bindable) */
	KEYS_LAST
};

/* Parses a key name as written in jawrc: a single character ("q", "?"),
 * <C-x> (Ctrl and a letter), or a name in angle brackets (<Tab>, <S-Tab>,
 * <Enter>, <Esc>, <Space>, <Down>, <Up>, <Left>, <Right>, <PgDn>, <PgUp>,
 * <Home>, <End>, <Backspace>, <Del>, <Ins>, <F1>..<F12>, <Lt>). Returns
 * the key, or -1 if the name is not a key. */
int keys_parse(const char *name);
/* Writes the jawrc name of key into out (e.g. "<C-l>", "j", "<PgDn>"). */
void keys_name(int key, char *out, size_t size);

#endif
