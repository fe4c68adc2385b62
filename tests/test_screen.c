/* test_screen.c - screen tests of the interface on a virtual terminal:
 * ncurses writes to /dev/null, the screen is read back from curscr and
 * compared with the expected screens in tests/screens/. Run with
 * JAW_UPDATE_SCREENS=1 to rewrite the expected screens after a deliberate
 * change (then read the diff). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wchar.h>

#include "demo.h"
#include "jawrc.h"
#include "keys.h"
#include "model.h"
#include "testutil.h"
#include "ui.h"
#include "utf8.h"
#include "xalloc.h"

struct screen_fixture {
	SCREEN *sp;
	FILE *out, *in;
	struct jaw_db *db;
	struct jawrc *rc;
	struct ui *ui;
};

/* Starts a virtual terminal of lines x cols. */
static void screen_start(struct screen_fixture *f, int lines, int cols)
{
	char buf[16];
	snprintf(buf, sizeof buf, "%d", lines);
	setenv("LINES", buf, 1);
	snprintf(buf, sizeof buf, "%d", cols);
	setenv("COLUMNS", buf, 1);
	f->out = fopen("/dev/null", "w");
	f->in = fopen("/dev/null", "r");
	f->sp = newterm("xterm-256color", f->out, f->in);
	assert_non_null(f->sp);
	set_term(f->sp);
	colour_init();
}

static void screen_stop(struct screen_fixture *f)
{
	ui_free(f->ui);
	endwin();
	delscreen(f->sp);
	fclose(f->out);
	fclose(f->in);
	jawrc_free(f->rc);
	db_close(f->db);
}

/* Opens the demo project (as "demo.jaw" in a fresh directory, so that the
 * title bar is the same in every run) in a ui of lines x cols. */
static void screen_open_demo(struct screen_fixture *f, int lines, int cols)
{
	memset(f, 0, sizeof *f);
	char *dir = testutil_path_new("screen");
	assert_int_equal(mkdir(dir, 0700), 0);
	assert_int_equal(chdir(dir), 0);
	free(dir);
	jaw_err err;
	err_clear(&err);
	assert_int_equal(db_create("demo.jaw", &f->db, &err), JAW_OK);
	assert_int_equal(demo_load(f->db, &err), JAW_OK);
	f->rc = jawrc_new();
	assert_int_equal(jawrc_load_defaults(f->rc, NULL, NULL), 0);
	screen_start(f, lines, cols);
	f->ui = ui_new(f->db, f->rc, &err);
	assert_non_null(f->ui);
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
	default: return "?";
	}
}

/* Returns the screen as UTF-8 text, one line per row, trailing spaces cut. */
static char *screen_text_new(void)
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

/* Compares the screen with tests/screens/NAME.txt. */
static void screen_expect(const char *name)
{
	char *actual = screen_text_new();
	const char *srcdir = getenv("top_srcdir");
	char *path = xasprintf("%s/tests/screens/%s.txt", srcdir ? srcdir : ".", name);
	if (getenv("JAW_UPDATE_SCREENS")) {
		testutil_write_file(path, actual, strlen(actual));
	}
	FILE *fp = fopen(path, "r");
	if (!fp)
		fail_msg("%s: missing; the screen was:\n%s", path, actual);
	char *expected = xcalloc(1, 1 << 16);
	size_t n = fread(expected, 1, (1 << 16) - 1, fp);
	fclose(fp);
	expected[n] = '\0';
	if (strcmp(expected, actual) != 0)
		fail_msg("screen %s differs from %s; the screen was:\n%s", name, path, actual);
	free(expected);
	free(actual);
	free(path);
}

static void screen_keys(struct screen_fixture *f, const int *keys, int n)
{
	for (int i = 0; i < n; i++)
		ui_key(f->ui, keys[i]);
	ui_draw(f->ui);
}

static void test_first_screen(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 24, 80);
	screen_expect("demo-80x24");
	screen_stop(&f);
}

static void test_move_and_focus(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 24, 80);
	const int keys[] = {'\t', 'j', 'j', KEYS_DOWN};
	screen_keys(&f, keys, 4);
	screen_expect("demo-80x24-stakeholders");
	/* the cursor row of the focused pane is drawn in reverse (no colour
	 * in this terminal description's monochrome form) or with its colour */
	cchar_t cell;
	attr_t attrs;
	short pair;
	wchar_t wch[CCHARW_MAX + 1];
	mvwin_wch(curscr, 6, 45, &cell);
	getcchar(&cell, wch, &attrs, &pair, NULL);
	assert_true((attrs & A_REVERSE) || pair == ROLE_CURSOR);
	screen_stop(&f);
}

static void test_help_overlay(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 24, 80);
	const int keys[] = {'?'};
	screen_keys(&f, keys, 1);
	screen_expect("demo-80x24-help");
	/* any key closes it and the panes come back */
	const int close[] = {'x'};
	screen_keys(&f, close, 1);
	screen_expect("demo-80x24");
	screen_stop(&f);
}

static void test_unbound_key_message(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 24, 80);
	const int keys[] = {'%'};
	screen_keys(&f, keys, 1);
	char *text = screen_text_new();
	assert_non_null(strstr(text, "% does nothing here; press ? for the keys"));
	free(text);
	screen_stop(&f);
}

static void test_too_small(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 24, 80);
	resizeterm(10, 30);
	ui_layout(f.ui, 10, 30);
	ui_draw(f.ui);
	screen_expect("too-small-30x10");
	/* and back: the panes return without garbage */
	resizeterm(24, 80);
	ui_layout(f.ui, 24, 80);
	clearok(curscr, TRUE);
	ui_draw(f.ui);
	screen_expect("demo-80x24");
	screen_stop(&f);
}

static void test_resize_wide_and_narrow(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 24, 80);
	resizeterm(40, 120);
	ui_layout(f.ui, 40, 120);
	ui_draw(f.ui);
	screen_expect("demo-120x40");
	resizeterm(30, 60);
	ui_layout(f.ui, 30, 60);
	ui_draw(f.ui);
	screen_expect("demo-60x30");
	screen_stop(&f);
}

static void test_control_characters_are_shown_as_placeholders(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 24, 80);
	jaw_err err;
	err_clear(&err);
	struct source src = {0};
	src.kind = "document";
	src.title = "Bad\x1b[2Jtitle\x07 with \xe4\xb8\xad\xe6\x96\x87";
	src.text = "text";
	src.source_date = "2026-01-01";
	/* written by another connection, as another analyst's session would */
	struct jaw_db *other = NULL;
	assert_int_equal(db_open("demo.jaw", 0, &other, &err), JAW_OK);
	assert_int_equal(model_source_add(other, &src, &err), JAW_OK);
	db_close(other);
	assert_true(ui_poll_changes(f.ui));
	assert_false(ui_poll_changes(f.ui));
	ui_draw(f.ui);
	char *text = screen_text_new();
	if (!strstr(text, "Bad␛[2Jtitle␇ with 中文"))
		fail_msg("placeholders missing; the screen was:\n%s", text);
	assert_null(strchr(text, '\x1b'));
	free(text);
	screen_stop(&f);
}

int main(void)
{
	testutil_init();
	unsetenv("NO_COLOR");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_first_screen),
		cmocka_unit_test(test_move_and_focus),
		cmocka_unit_test(test_help_overlay),
		cmocka_unit_test(test_unbound_key_message),
		cmocka_unit_test(test_too_small),
		cmocka_unit_test(test_resize_wide_and_narrow),
		cmocka_unit_test(test_control_characters_are_shown_as_placeholders),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
