/* colour.c - semantic colour roles with a monochrome fallback; NO_COLOR
 * (https://no-color.org) turns colours off. */
#include "config.h"

#include <stdlib.h>

#include "ui.h"

struct colour_role {
	short fg, bg;
	attr_t colour_extra; /* added in colour */
	attr_t mono;         /* used without colour */
};

static const struct colour_role colour_roles[ROLE_COUNT] = {
	[ROLE_NORMAL] = {-1, -1, 0, A_NORMAL},
	[ROLE_TITLE] = {COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE},
	[ROLE_STATUS] = {COLOR_WHITE, COLOR_BLUE, 0, A_REVERSE},
	[ROLE_PANE_TITLE] = {COLOR_CYAN, -1, 0, A_UNDERLINE},
	[ROLE_PANE_TITLE_FOCUS] = {COLOR_BLACK, COLOR_CYAN, A_BOLD, A_REVERSE | A_BOLD},
	[ROLE_HEADER] = {COLOR_YELLOW, -1, 0, A_BOLD},
	[ROLE_CURSOR] = {COLOR_BLACK, COLOR_GREEN, 0, A_REVERSE},
	[ROLE_CURSOR_UNFOCUSED] = {-1, -1, A_BOLD, A_BOLD},
	[ROLE_ERROR] = {COLOR_WHITE, COLOR_RED, A_BOLD, A_REVERSE | A_BOLD},
	[ROLE_DIM] = {COLOR_BLUE, -1, A_BOLD, A_DIM},
};

static bool colour_on;

void colour_init(void)
{
	const char *no_color = getenv("NO_COLOR");
	colour_on = has_colors() && !(no_color && *no_color);
	if (!colour_on)
		return;
	start_color();
	if (use_default_colors() != OK) {
		/* No default colours: -1 is not allowed, use white on black. */
		assume_default_colors(COLOR_WHITE, COLOR_BLACK);
	}
	for (int r = 1; r < ROLE_COUNT; r++)
		init_pair((short)r, colour_roles[r].fg, colour_roles[r].bg);
}

bool colour_enabled(void)
{
	return colour_on;
}

attr_t colour_attr(enum ui_role role)
{
	if (role <= ROLE_NORMAL || role >= ROLE_COUNT)
		return A_NORMAL;
	if (!colour_on)
		return colour_roles[role].mono;
	return COLOR_PAIR(role) | colour_roles[role].colour_extra;
}
