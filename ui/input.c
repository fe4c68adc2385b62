/* input.c - keys from curses to jaw's key codes, and safe text output. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "ui.h"
#include "utf8.h"

int input_key(int rc, wint_t ch)
{
	if (rc == ERR)
		return -1;
	if (rc == KEY_CODE_YES) {
		switch (ch) {
		case KEY_DOWN: return KEYS_DOWN;
		case KEY_UP: return KEYS_UP;
		case KEY_LEFT: return KEYS_LEFT;
		case KEY_RIGHT: return KEYS_RIGHT;
		case KEY_NPAGE: return KEYS_PGDN;
		case KEY_PPAGE: return KEYS_PGUP;
		case KEY_HOME: return KEYS_HOME;
		case KEY_END: return KEYS_END;
		case KEY_BTAB: return KEYS_BACKTAB;
		case KEY_BACKSPACE: return KEYS_BACKSPACE;
		case KEY_DC: return KEYS_DELETE;
		case KEY_IC: return KEYS_INSERT;
		case KEY_ENTER: return '\n';
		default:
			if (ch >= KEY_F(1) && ch <= KEY_F(12))
				return KEYS_F1 + (int)(ch - KEY_F(1));
			return -1;
		}
	}
	if (ch == '\r')
		return '\n';
	if (ch == 127 || ch == 8)
		return KEYS_BACKSPACE;
	return (int)ch;
}

void ui_put(WINDOW *win, const char *s, int cols, bool pad)
{
	if (cols <= 0)
		return;
	char *text = utf8_display_new(s, cols);
	int used = utf8_width(text);
	waddstr(win, text);
	free(text);
	for (; pad && used < cols; used++)
		waddch(win, ' ');
}
