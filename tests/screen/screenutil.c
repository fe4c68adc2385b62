/* screenutil.c - a virtual terminal for screen tests: ncurses writes to
 * /dev/null, the screen is read back from curscr and compared with the
 * expected screens in tests/screen/golden/. Run with JAW_UPDATE_SCREENS=1 to
 * rewrite the expected screens after a deliberate change (then read the
 * diff). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wchar.h>

#include "demo.h"
#include "project_schema.h"
#include "screenutil.h"
#include "utf8.h"
#include "xalloc.h"

/* Starts a virtual terminal of lines x cols. */
void screen_start(struct screen_fixture *f, int lines, int cols)
{
	screen_start_term(f, lines, cols, "xterm-256color");
}

void screen_start_term(struct screen_fixture *f, int lines, int cols, const char *term)
{
	/* screens show today (the timeline's marker): the same day in every run */
	setenv("JAW_TODAY", SCREEN_TODAY, 1);
	char buf[16];
	snprintf(buf, sizeof buf, "%d", lines);
	setenv("LINES", buf, 1);
	snprintf(buf, sizeof buf, "%d", cols);
	setenv("COLUMNS", buf, 1);
	f->out = fopen("/dev/null", "w");
	/* input from an empty pipe whose writer stays open: a poll for keys
	 * finds none, as on a terminal where nobody types (ncurses reads its
	 * own output back from /dev/null as keys) */
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	f->in = fdopen(fds[0], "r");
	f->in_writer = fds[1];
	f->sp = newterm(term, f->out, f->in);
	assert_non_null(f->sp);
	set_term(f->sp);
	colour_init(f->rc);
}

void screen_stop(struct screen_fixture *f)
{
	ui_free(f->ui);
	endwin();
	delscreen(f->sp);
	fclose(f->out);
	fclose(f->in);
	close(f->in_writer);
	jawrc_free(f->rc);
	db_close(f->db);
}

/* Opens the demo project (as "demo.jaw" in a fresh directory, so that the
 * title bar is the same in every run) in a ui of lines x cols. */
void screen_open_demo(struct screen_fixture *f, int lines, int cols)
{
	screen_open_demo_term(f, lines, cols, "xterm-256color");
}

void screen_open_demo_term(struct screen_fixture *f, int lines, int cols, const char *term)
{
	memset(f, 0, sizeof *f);
	char *dir = testutil_path_new("screen");
	assert_int_equal(mkdir(dir, 0700), 0);
	assert_int_equal(chdir(dir), 0);
	free(dir);
	jaw_err err;
	err_clear(&err);
	assert_int_equal(db_create("demo.jaw", &project_schema, &f->db, &err), JAW_OK);
	assert_int_equal(demo_load(f->db, &err), JAW_OK);
	f->rc = jawrc_new();
	assert_int_equal(jawrc_load_defaults(f->rc, NULL, NULL), 0);
	screen_start_term(f, lines, cols, term);
	f->ui = ui_new(f->db, f->rc, &err);
	assert_non_null(f->ui);
	f->ui->headless = true;
	ui_layout(f->ui, lines, cols);
	ui_draw(f->ui);
}

/* Text of an alternate-charset cell as drawn by a UTF-8 terminal. */
static const char *screen_acs(wchar_t c)
{
	switch (c) {
	case 'x': return "│";
	case 'q': return "─";
	case 'l': return "┌";
	case 'k': return "┐";
	case 'm': return "└";
	case 'j': return "┘";
	case '`': return "◆";
	case '~': return "·";
	case '0': return "▮";
	case '.': return "↓";
	default: return "?";
	}
}

/* Returns the screen as UTF-8 text, one line per row, trailing spaces cut. */
char *screen_text_new(void)
{
	size_t cap = (size_t)(LINES * (COLS * 4 + 1) + 1), len = 0;
	char *text = xmalloc(cap);
	for (int y = 0; y < LINES; y++) {
		size_t line_start = len;
		for (int x = 0; x < COLS; x++) {
			cchar_t cell;
			wchar_t wch[CCHARW_MAX + 1];
			attr_t attrs;
			short pair;
			mvwin_wch(curscr, y, x, &cell);
			getcchar(&cell, wch, &attrs, &pair, NULL);
			if (attrs & A_ALTCHARSET) {
				const char *s = screen_acs(wch[0]);
				memcpy(text + len, s, strlen(s));
				len += strlen(s);
				continue;
			}
			for (int i = 0; wch[i]; i++)
				len += (size_t)utf8_encode((uint32_t)wch[i], text + len);
			if (wch[0] && wcwidth(wch[0]) == 2)
				x++; /* the next cell continues this character */
		}
		while (len > line_start && text[len - 1] == ' ')
			len--;
		text[len++] = '\n';
	}
	text[len] = '\0';
	return text;
}

/* Compares the screen with tests/screen/golden/NAME.txt. */
/* Compares actual with the golden file tests/screen/golden/FILE (written
 * first when JAW_UPDATE_SCREENS is set); frees actual. */
static void screen_compare_golden(const char *file, char *actual)
{
	const char *srcdir = getenv("top_srcdir");
	char *path = xasprintf("%s/tests/screen/golden/%s", srcdir ? srcdir : ".", file);
	if (getenv("JAW_UPDATE_SCREENS"))
		testutil_write_file(path, actual, strlen(actual));
	FILE *fp = fopen(path, "r");
	if (!fp)
		fail_msg("%s: missing; the screen was:\n%s", path, actual);
	char *expected = xcalloc(1, 1 << 17);
	size_t n = fread(expected, 1, (1 << 17) - 1, fp);
	fclose(fp);
	expected[n] = '\0';
	if (strcmp(expected, actual) != 0)
		fail_msg("screen %s differs from %s; the screen was:\n%s", file, path, actual);
	free(expected);
	free(actual);
	free(path);
}

void screen_expect(const char *name)
{
	char *file = xasprintf("%s.txt", name);
	screen_compare_golden(file, screen_text_new());
	free(file);
}

/* The character that stands for a cell's colours in a colours golden: the
 * role whose colour pair it has (0-9, then a-z, in the order of enum
 * jawrc_role), '#' for a code's colours, '.' for the terminal's own; in
 * upper case when it is also bold and the role is not. */
static char screen_colour_char(const struct screen_cell *c)
{
	static const char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
	char ch = c->pair ? '#' : '.';
	attr_t role_attrs = A_NORMAL;
	for (int r = 1; r < ROLE_COUNT && c->pair; r++) {
		attr_t a = colour_attr((enum jawrc_role)r);
		if ((int)PAIR_NUMBER(a) == c->pair) {
			ch = digits[r];
			role_attrs = a & ~A_COLOR;
			break;
		}
	}
	if ((c->attrs & A_BOLD) && !(role_attrs & A_BOLD) && ch >= 'a' && ch <= 'z')
		ch = (char)(ch - 'a' + 'A');
	return ch;
}

/* The colours of the screen, one character a cell (screen_colour_char),
 * after a line naming the roles (newly allocated). */
static char *screen_colours_new(void)
{
	size_t cap = (size_t)(LINES + 2) * (size_t)(COLS + 1) + 1024, len = 0;
	char *out = xmalloc(cap);
	len += (size_t)snprintf(out, cap, "# colours:");
	for (int r = 1; r < ROLE_COUNT; r++)
		len += (size_t)snprintf(out + len, cap - len, " %c=%s", "0123456789abcdefghijklmnopqrstuvwxyz"[r],
		                        jawrc_role_name((enum jawrc_role)r));
	len += (size_t)snprintf(out + len, cap - len, " #=a code .=own\n");
	for (int y = 0; y < LINES; y++) {
		for (int x = 0; x < COLS; x++) {
			struct screen_cell c;
			screen_cell_get(y, x, &c);
			out[len++] = screen_colour_char(&c);
		}
		out[len++] = '\n';
	}
	out[len] = '\0';
	return out;
}

void screen_expect_colours(const char *name)
{
	screen_expect(name);
	char *file = xasprintf("%s.colours", name);
	screen_compare_golden(file, screen_colours_new());
	free(file);
}

void screen_keys(struct screen_fixture *f, const int *keys, int n)
{
	/* the screen is drawn after every key, as the display loop does */
	for (int i = 0; i < n; i++) {
		ui_key(f->ui, keys[i]);
		ui_draw(f->ui);
	}
	ui_draw(f->ui);
}

void screen_type(int *keys, int *n, const char *text)
{
	while (*text) {
		uint32_t cp;
		int len = utf8_decode(text, strlen(text), &cp);
		assert_true(len > 0);
		keys[(*n)++] = (int)cp;
		text += len;
	}
}

void screen_assert_has(const char *text)
{
	char *screen = screen_text_new();
	if (!strstr(screen, text)) {
		/* cmocka cuts long messages: the screen goes to stderr whole */
		fprintf(stderr, "# \"%s\" is not on the screen:\n%s", text, screen);
		fail_msg("\"%s\" is not on the screen (see above)", text);
	}
	free(screen);
}

void screen_cell_get(int y, int x, struct screen_cell *cell)
{
	cchar_t cc;
	wchar_t wch[CCHARW_MAX + 1];
	attr_t attrs;
	short pair;
	int ext_pair = 0;
	memset(cell, 0, sizeof *cell);
	mvwin_wch(curscr, y, x, &cc);
	getcchar(&cc, wch, &attrs, &pair, &ext_pair);
	cell->ch = wch[0];
	cell->attrs = attrs & ~A_COLOR;
	cell->pair = ext_pair ? ext_pair : pair;
	cell->fg = cell->bg = -1;
	cell->pair_ok = cell->pair == 0;
	if (cell->pair > 0 && cell->pair < COLOR_PAIRS)
		cell->pair_ok = extended_pair_content(cell->pair, &cell->fg, &cell->bg) == OK;
}

double screen_cell_contrast(const struct screen_cell *cell, bool dark)
{
	/* the terminal's own colours: white on black, or black on white */
	unsigned char fg[3], bg[3];
	for (int i = 0; i < 3; i++) {
		fg[i] = dark ? 255 : 0;
		bg[i] = dark ? 0 : 255;
	}
	if (cell->fg >= 0)
		colour_rgb(cell->fg, fg);
	if (cell->bg >= 0)
		colour_rgb(cell->bg, bg);
	return colour_contrast(fg, bg);
}
