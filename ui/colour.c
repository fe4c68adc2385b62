/* colour.c - semantic colour roles with a monochrome fallback; the colours
 * come from jawrc (`color ROLE FG BG ATTR`); NO_COLOR (no-color.org) or a
 * terminal without colours uses each role's monochrome form. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "ui.h"

/* How each role looks without colour. */
static const attr_t colour_mono[ROLE_COUNT] = {
	[ROLE_NORMAL] = A_NORMAL,
	[ROLE_TITLE] = A_REVERSE,
	[ROLE_STATUS] = A_REVERSE,
	[ROLE_PANE_TITLE] = A_UNDERLINE,
	[ROLE_PANE_TITLE_FOCUS] = A_REVERSE | A_BOLD,
	[ROLE_HEADER] = A_BOLD,
	[ROLE_CURSOR] = A_REVERSE,
	[ROLE_CURSOR_UNFOCUSED] = A_BOLD,
	[ROLE_ERROR] = A_REVERSE | A_BOLD,
	[ROLE_DIM] = A_DIM,
	[ROLE_OVERDUE] = A_BOLD | A_UNDERLINE,
	[ROLE_TODAY] = A_BOLD,
	[ROLE_BAR_PHASE] = A_NORMAL,
	[ROLE_BAR_MILESTONE] = A_BOLD,
	[ROLE_BAR_EVENT] = A_NORMAL,
	[ROLE_QUADRANT] = A_BOLD,
	[ROLE_SELECTION] = A_REVERSE,
	[ROLE_CODED] = A_UNDERLINE,
};

/* xterm's first 16 colours. */
static const unsigned char colour_base[16][3] = {
	{0, 0, 0},       {205, 0, 0},     {0, 205, 0},     {205, 205, 0},
	{0, 0, 238},     {205, 0, 205},   {0, 205, 205},   {229, 229, 229},
	{127, 127, 127}, {255, 0, 0},     {0, 255, 0},     {255, 255, 0},
	{92, 92, 255},   {255, 0, 255},   {0, 255, 255},   {255, 255, 255},
};

/* Colour c of xterm's palette of ncolours (256 or 88) as red, green, blue. */
static void colour_palette(int c, int ncolours, unsigned char rgb[3])
{
	static const unsigned char cube6[6] = {0, 95, 135, 175, 215, 255};
	static const unsigned char cube4[4] = {0, 139, 205, 255};
	static const unsigned char grey88[8] = {46, 92, 115, 139, 162, 185, 208, 231};
	if (c < 0 || c >= ncolours)
		c = 0;
	if (c < 16) {
		for (int i = 0; i < 3; i++)
			rgb[i] = colour_base[c][i];
	} else if (ncolours == 88 && c < 80) {
		rgb[0] = cube4[(c - 16) / 16];
		rgb[1] = cube4[(c - 16) / 4 % 4];
		rgb[2] = cube4[(c - 16) % 4];
	} else if (ncolours == 88) {
		rgb[0] = rgb[1] = rgb[2] = grey88[c - 80];
	} else if (c < 232) {
		rgb[0] = cube6[(c - 16) / 36];
		rgb[1] = cube6[(c - 16) / 6 % 6];
		rgb[2] = cube6[(c - 16) % 6];
	} else {
		rgb[0] = rgb[1] = rgb[2] = (unsigned char)(8 + 10 * (c - 232));
	}
}

void colour_rgb(int c, unsigned char rgb[3])
{
	colour_palette(c, COLORS >= 88 && COLORS < 256 ? 88 : 256, rgb);
}

/* The relative luminance of WCAG 2 (0 black to 1 white). */
static double colour_luminance(const unsigned char rgb[3])
{
	static const double weight[3] = {0.2126, 0.7152, 0.0722};
	double l = 0;
	for (int i = 0; i < 3; i++) {
		double v = rgb[i] / 255.0;
		v = v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
		l += weight[i] * v;
	}
	return l;
}

double colour_contrast(const unsigned char a[3], const unsigned char b[3])
{
	double la = colour_luminance(a), lb = colour_luminance(b);
	return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

static attr_t colour_attrs[ROLE_COUNT];
static bool colour_on;

static attr_t colour_from_jawrc(unsigned attrs)
{
	attr_t a = A_NORMAL;
	if (attrs & JAWRC_ATTR_BOLD)
		a |= A_BOLD;
	if (attrs & JAWRC_ATTR_UNDERLINE)
		a |= A_UNDERLINE;
	if (attrs & JAWRC_ATTR_REVERSE)
		a |= A_REVERSE;
	if (attrs & JAWRC_ATTR_DIM)
		a |= A_DIM;
	if (attrs & JAWRC_ATTR_BLINK)
		a |= A_BLINK;
	return a;
}

void colour_init(const struct jawrc *rc)
{
	const char *no_color = getenv("NO_COLOR");
	colour_on = has_colors() && !(no_color && *no_color);
	for (int r = 0; r < ROLE_COUNT; r++)
		colour_attrs[r] = colour_mono[r];
	if (!colour_on)
		return;
	start_color();
	bool defaults = use_default_colors() == OK;
	struct jawrc_colour normal = jawrc_colour(rc, ROLE_NORMAL);
	if (normal.fg >= 0 || normal.bg >= 0)
		assume_default_colors(normal.fg < COLORS ? normal.fg : -1,
		                      normal.bg < COLORS ? normal.bg : -1);
	colour_attrs[ROLE_NORMAL] = colour_from_jawrc(normal.attrs);
	for (int r = 1; r < ROLE_COUNT; r++) {
		struct jawrc_colour c = jawrc_colour(rc, (enum jawrc_role)r);
		short fg = (short)(c.fg >= COLORS ? c.fg % 8 : c.fg);
		short bg = (short)(c.bg >= COLORS ? c.bg % 8 : c.bg);
		if (!defaults) {
			fg = fg < 0 ? COLOR_WHITE : fg;
			bg = bg < 0 ? COLOR_BLACK : bg;
		}
		init_pair((short)r, fg, bg);
		colour_attrs[r] = COLOR_PAIR(r) | colour_from_jawrc(c.attrs);
		/* A role with no colours of its own keeps its monochrome form. */
		if (c.fg < 0 && c.bg < 0 && c.attrs == 0)
			colour_attrs[r] = colour_mono[r];
	}
}

bool colour_enabled(void)
{
	return colour_on;
}

attr_t colour_attr(enum jawrc_role role)
{
	if (role >= ROLE_COUNT)
		return A_NORMAL;
	return colour_attrs[role];
}

/* The nearest of the terminal's colours to r, g, b (0-255 each). */
static short colour_nearest(int r, int g, int b)
{
	if (COLORS >= 256) {
		/* the 6x6x6 cube of xterm's 256 colours */
		int cr = (r * 5 + 127) / 255, cg = (g * 5 + 127) / 255, cb = (b * 5 + 127) / 255;
		return (short)(16 + 36 * cr + 6 * cg + cb);
	}
	int bright = (r + g + b) / 3 > 170;
	short c = (short)((r > 127) | ((g > 127) << 1) | ((b > 127) << 2));
	if (c == 0 && bright)
		c = 7;
	return c;
}

attr_t colour_of_hex(const char *hex)
{
	unsigned r, g, b;
	if (!colour_on || !hex || sscanf(hex, "#%2x%2x%2x", &r, &g, &b) != 3)
		return A_UNDERLINE;
	short c = colour_nearest((int)r, (int)g, (int)b);
	short pair = (short)(ROLE_COUNT + c);
	if (pair >= COLOR_PAIRS)
		return A_UNDERLINE;
	init_pair(pair, c, -1);
	return COLOR_PAIR(pair) | A_UNDERLINE;
}
