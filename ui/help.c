/* help.c - the help overlay: the keys of the focused view, made from the
 * action table and the current bindings. */
#include "config.h"

#include <stdio.h>

#include "ui.h"
#include "xalloc.h"

/* Fills keys/actions with every action that has a key in the view. */
static int help_lines(const struct jawrc *rc, enum jawrc_keymap map, char keys[][48],
                      enum action *actions, int max)
{
	int n = 0;
	for (int a = ACTION_NONE + 1; a < ACTION_COUNT && n < max; a++) {
		if (jawrc_keys_effective(rc, map, (enum action)a, keys[n], sizeof keys[n]) > 0)
			actions[n++] = (enum action)a;
	}
	return n;
}

int help_draw(WINDOW **winp, const struct jawrc *rc, const char *view_title,
              enum jawrc_keymap map, int lines, int cols, int top, bool *scrolls)
{
	enum { MAX = 64 };
	char keys[MAX][48];
	enum action actions[MAX];
	int n = help_lines(rc, map, keys, actions, MAX);
	int h = n + 4 < lines - 2 ? n + 4 : lines - 2;
	int w = cols - 4 < 76 ? cols - 4 : 76;
	int rows = h - 4 > 0 ? h - 4 : 0;
	if (top > n - rows)
		top = n - rows;
	if (top < 0)
		top = 0;
	*scrolls = rows < n;
	if (*winp)
		delwin(*winp);
	*winp = newwin(h, w, (lines - h) / 2, (cols - w) / 2);
	WINDOW *win = *winp;
	wattrset(win, colour_attr(ROLE_NORMAL));
	werase(win);
	box(win, 0, 0);
	char title[128];
	if (rows < n)
		snprintf(title, sizeof title, " Keys: %s %d-%d of %d (j/k scroll, any other key closes) ",
		         view_title, top + 1, top + rows, n);
	else
		snprintf(title, sizeof title, " Keys: %s (any key closes) ", view_title);
	wattrset(win, colour_attr(ROLE_HEADER));
	wmove(win, 0, 2);
	ui_put(win, title, w - 4, false);
	int keyw = w / 3;
	for (int i = 0; i < rows && top + i < n; i++) {
		wattrset(win, colour_attr(ROLE_HEADER));
		wmove(win, i + 2, 2);
		ui_put(win, keys[top + i], keyw - 1, true);
		wattrset(win, colour_attr(ROLE_NORMAL));
		wmove(win, i + 2, 2 + keyw);
		ui_put(win, action_help(actions[top + i]), w - keyw - 4, false);
	}
	wnoutrefresh(win);
	return top;
}
