/* colour.c - semantic colour roles with a monochrome fallback; the colours
 * come from jawrc (`color ROLE FG BG ATTR`); NO_COLOR (no-color.org) or a
 * terminal without colours uses each role's monochrome form.
 *
 * Every colour pair handed out was made by init_pair here and accepted by
 * the terminal: a role or a code whose pair could not be made (too few
 * pairs, a colour the terminal refuses) gets its monochrome form instead,
 * never an uninitialised pair (which ncurses draws black on black). Pairs
 * 1 to ROLE_COUNT - 1 are the roles'; the code colours' pairs follow, made
 * on demand, one per foreground and background. */
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
	[ROLE_CHANGED] = A_BOLD,
	[ROLE_LOST] = A_BOLD | A_UNDERLINE,
};

/* COLOR_PAIR() keeps a pair number in 8 bits of an attr_t. */
enum { COLOUR_PAIR_LIMIT = 256 };

static attr_t colour_attrs[ROLE_COUNT];
static bool colour_on;
static bool colour_defaults;     /* -1 is the terminal's own colour */
static int colour_count;         /* the colours jaw uses: 8, 16, 88 or 256 */
static int colour_pairs;         /* pairs usable: 1 to colour_pairs - 1 */
static int colour_next;          /* the next pair for a code colour */
static bool colour_made[COLOUR_PAIR_LIMIT];
static short colour_pair_fg[COLOUR_PAIR_LIMIT], colour_pair_bg[COLOUR_PAIR_LIMIT];
static struct jawrc_colour colour_coded; /* the coded role as configured */

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
	colour_palette(c, colour_count == 88 ? 88 : 256, rgb);
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

/* The colour of 8 or 16 nearest in hue to r, g, b: greys by lightness,
 * other colours by the sixth of the hue circle they are in (red, yellow,
 * green, cyan, blue, magenta), bright ones (on 16 colours) when light. */
static short colour_basic(int r, int g, int b, bool sixteen)
{
	int max = r > g ? (r > b ? r : b) : (g > b ? g : b);
	int min = r < g ? (r < b ? r : b) : (g < b ? g : b);
	if (max - min < max / 4 || max == 0) {
		if (!sixteen)
			return max >= 128 ? COLOR_WHITE : COLOR_BLACK;
		return max < 64 ? COLOR_BLACK : max < 160 ? 8 : max < 224 ? COLOR_WHITE : 15;
	}
	double d = max - min, h;
	if (max == r)
		h = (g - b) / d;
	else if (max == g)
		h = 2 + (b - r) / d;
	else
		h = 4 + (r - g) / d;
	static const short hues[6] = {COLOR_RED, COLOR_YELLOW, COLOR_GREEN,
	                              COLOR_CYAN, COLOR_BLUE, COLOR_MAGENTA};
	int sixth = (int)floor(h + 0.5);
	short c = hues[((sixth % 6) + 6) % 6];
	return (short)(sixteen && max > 200 ? c + 8 : c);
}

/* The terminal's colour nearest to r, g, b: on 88 and 256 colours the
 * nearest of the cube and the greys (not 0-15, which themes redefine). */
static short colour_nearest(int r, int g, int b)
{
	if (colour_count < 88)
		return colour_basic(r, g, b, colour_count >= 16);
	short best = 16;
	long best_d = -1;
	for (int c = 16; c < colour_count; c++) {
		unsigned char p[3];
		colour_palette(c, colour_count, p);
		long d = (long)(p[0] - r) * (p[0] - r) + (long)(p[1] - g) * (p[1] - g) +
		         (long)(p[2] - b) * (p[2] - b);
		if (best_d < 0 || d < best_d) {
			best = (short)c;
			best_d = d;
		}
	}
	return best;
}

/* The terminal's colour for jawrc colour n (xterm's numbering, -1 default):
 * 8-15 become 0-7 without 16 colours; 16-255 the nearest the terminal has. */
static short colour_of_number(int n, bool foreground)
{
	if (n < 0 && !colour_defaults)
		return foreground ? COLOR_WHITE : COLOR_BLACK;
	if (n < 0 || n < 8 || (n < 16 && colour_count >= 16) || colour_count == 256)
		return (short)n;
	if (n < 16)
		return (short)(n - 8);
	unsigned char p[3];
	colour_palette(n, 256, p);
	return colour_nearest(p[0], p[1], p[2]);
}

/* Black or white, whichever reads better on bg (-1: the terminal's own). */
static short colour_text_on(short bg)
{
	if (bg < 0)
		return -1;
	short black = colour_count >= 88 ? 16 : COLOR_BLACK;
	short white = colour_count == 256 ? 231 : colour_count == 88 ? 79
	            : colour_count >= 16 ? 15 : COLOR_WHITE;
	unsigned char b[3], k[3], w[3];
	colour_rgb(bg, b);
	colour_rgb(black, k);
	colour_rgb(white, w);
	return colour_contrast(b, k) >= colour_contrast(b, w) ? black : white;
}

/* Makes pair p fg on bg; false if the terminal refuses it. */
static bool colour_make_pair(int p, short fg, short bg)
{
	if (p <= 0 || p >= colour_pairs || init_pair((short)p, fg, bg) != OK)
		return false;
	colour_made[p] = true;
	colour_pair_fg[p] = fg;
	colour_pair_bg[p] = bg;
	return true;
}

/* COLOR_PAIR(p) if pair p was made, else 0 (the terminal's colours). */
static attr_t colour_pair_attr(int p)
{
	return p > 0 && p < colour_pairs && colour_made[p] ? COLOR_PAIR(p) : 0;
}

/* The pair for fg on bg among the code colours' pairs, made if need be;
 * 0 when there is none left or the terminal refuses it. */
static int colour_code_pair(short fg, short bg)
{
	for (int p = ROLE_COUNT; p < colour_next; p++)
		if (colour_made[p] && colour_pair_fg[p] == fg && colour_pair_bg[p] == bg)
			return p;
	if (colour_next >= colour_pairs)
		return 0;
	int p = colour_next++;
	return colour_make_pair(p, fg, bg) ? p : 0;
}

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

/* Gives role r its pair (r) from rc, or leaves it monochrome. */
static void colour_init_role(const struct jawrc *rc, int r)
{
	struct jawrc_colour c = jawrc_colour(rc, (enum jawrc_role)r);
	/* A role with no colours of its own keeps its monochrome form. */
	if (c.fg < 0 && c.bg < 0 && c.attrs == 0)
		return;
	if (colour_make_pair(r, colour_of_number(c.fg, true), colour_of_number(c.bg, false)))
		colour_attrs[r] = colour_pair_attr(r) | colour_from_jawrc(c.attrs);
}

void colour_init(const struct jawrc *rc)
{
	const char *no_color = getenv("NO_COLOR");
	colour_on = has_colors() && !(no_color && *no_color);
	for (int r = 0; r < ROLE_COUNT; r++)
		colour_attrs[r] = colour_mono[r];
	for (int p = 0; p < COLOUR_PAIR_LIMIT; p++)
		colour_made[p] = false;
	colour_pairs = colour_next = 0;
	colour_coded = jawrc_colour(rc, ROLE_CODED);
	if (!colour_on || start_color() != OK || COLORS < 8) {
		colour_on = false;
		return;
	}
	/* a direct-colour terminal numbers colours by RGB beyond its first 8 */
	colour_count = COLORS >= 256 ? (COLORS == 256 ? 256 : 8)
	             : COLORS >= 88 ? 88 : COLORS >= 16 ? 16 : 8;
	colour_pairs = COLOR_PAIRS < COLOUR_PAIR_LIMIT ? COLOR_PAIRS : COLOUR_PAIR_LIMIT;
	colour_defaults = use_default_colors() == OK;
	struct jawrc_colour normal = jawrc_colour(rc, ROLE_NORMAL);
	if (colour_defaults && (normal.fg >= 0 || normal.bg >= 0))
		assume_default_colors(colour_of_number(normal.fg, true),
		                      colour_of_number(normal.bg, false));
	colour_attrs[ROLE_NORMAL] = colour_from_jawrc(normal.attrs);
	for (int r = 1; r < ROLE_COUNT; r++)
		colour_init_role(rc, r);
	colour_next = ROLE_COUNT;
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

/* The terminal's colour nearest to hex (#RRGGBB); false if hex is none. */
static bool colour_of_hex(const char *hex, short *c)
{
	unsigned r, g, b;
	char end;
	if (!colour_on || !hex || sscanf(hex, "#%2x%2x%2x%c", &r, &g, &b, &end) != 3)
		return false;
	*c = colour_nearest((int)r, (int)g, (int)b);
	return true;
}

attr_t colour_coded_attr(const char *hex)
{
	short code;
	if (!colour_of_hex(hex, &code))
		return colour_attr(ROLE_CODED);
	short bg = colour_coded.bg >= 0 ? colour_of_number(colour_coded.bg, false) : code;
	short fg = colour_coded.fg >= 0 ? colour_of_number(colour_coded.fg, true)
	                                : colour_text_on(bg);
	int p = colour_code_pair(fg, bg);
	if (!p)
		return colour_mono[ROLE_CODED];
	return colour_pair_attr(p) | colour_from_jawrc(colour_coded.attrs);
}

attr_t colour_code_label_attr(const char *hex)
{
	short code;
	if (!colour_of_hex(hex, &code))
		return A_NORMAL;
	return colour_pair_attr(colour_code_pair(colour_text_on(code), code));
}
