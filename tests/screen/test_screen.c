/* test_screen.c - screen tests of the interface on a virtual terminal:
 * ncurses writes to /dev/null, the screen is read back from curscr and
 * compared with the expected screens in tests/screen/golden/. Run with
 * JAW_UPDATE_SCREENS=1 to rewrite the expected screens after a deliberate
 * change (then read the diff). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wchar.h>

#include "keys.h"
#include "model.h"
#include "project_schema.h"
#include "screenutil.h"
#include "xalloc.h"

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
	assert_int_equal(db_open("demo.jaw", 0, &project_schema, &other, &err), JAW_OK);
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

static void test_gantt_chart(void **state)
{
	(void)state;
	setenv("JAW_TODAY", "2026-11-25", 1);
	struct screen_fixture f;
	screen_open_demo(&f, 30, 100);
	const int keys[] = {'z'};
	screen_keys(&f, keys, 1);
	screen_expect("timeline-gantt-100x30");
	/* an overdue milestone: planned, dated before today */
	jaw_err err;
	err_clear(&err);
	struct jaw_db *other = NULL;
	assert_int_equal(db_open("demo.jaw", 0, &project_schema, &other, &err), JAW_OK);
	struct timeline_item it = {.kind = "milestone", .title = "Late deliverable",
	                           .start_date = "2026-11-20", .status = "planned"};
	assert_int_equal(model_timeline_add(other, &it, &err), JAW_OK);
	db_close(other);
	assert_true(ui_poll_changes(f.ui));
	ui_draw(f.ui);
	screen_assert_has("Late deliverable");
	ui_search_for(f.ui, "Late deliv");
	ui_draw(f.ui);
	screen_assert_has("Late deliverable (milestone, planned, overdue) 2026-11-20");
	/* v hides the chart, and brings it back */
	const int v[] = {'v'};
	screen_keys(&f, v, 1);
	screen_assert_has("Location");
	screen_stop(&f);
	unsetenv("JAW_TODAY");
}

static void test_power_interest_grid(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 30, 100);
	const int keys[] = {'S', 'z', 'v'};
	screen_keys(&f, keys, 3);
	screen_expect("stakeholders-grid-100x30");
	screen_stop(&f);
}

static void test_detail_pane(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 40, 160);
	const int keys[] = {'j', 'j', 'j', 'j', 'j', 'j', 'j'};
	screen_keys(&f, keys, 7);
	screen_expect("demo-160x40-detail");
	screen_stop(&f);
}

static void test_help_scrolls(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 24, 80);
	const int keys[] = {'?', 'j', 'j'};
	screen_keys(&f, keys, 3);
	screen_assert_has("Keys: Timeline: lines 3-20 of");
	/* G goes to the end: the last command */
	const int end[] = {'G'};
	screen_keys(&f, end, 1);
	screen_assert_has(":agreement CODER CODER...");
	const int close[] = {'q'};
	screen_keys(&f, close, 1);
	screen_expect("demo-80x24");
	screen_stop(&f);
}

/* On a terminal without colours (vt100) the roles use reverse and bold. */
static void test_vt100_monochrome(void **state)
{
	(void)state;
	struct screen_fixture f;
	memset(&f, 0, sizeof f);
	f.rc = jawrc_new();
	jawrc_load_defaults(f.rc, NULL, NULL);
	setenv("LINES", "24", 1);
	setenv("COLUMNS", "80", 1);
	f.out = fopen("/dev/null", "w");
	f.in = fopen("/dev/null", "r");
	f.sp = newterm("vt100", f.out, f.in);
	assert_non_null(f.sp);
	set_term(f.sp);
	colour_init(f.rc);
	assert_false(colour_enabled());
	assert_int_equal(colour_attr(ROLE_CURSOR), A_REVERSE);
	endwin();
	delscreen(f.sp);
	fclose(f.out);
	fclose(f.in);
	jawrc_free(f.rc);
	/* NO_COLOR does the same on a colour terminal */
	setenv("NO_COLOR", "1", 1);
	screen_open_demo(&f, 24, 80);
	assert_false(colour_enabled());
	cchar_t cell;
	attr_t attrs;
	short pair;
	wchar_t wch[CCHARW_MAX + 1];
	mvwin_wch(curscr, 3, 5, &cell);
	getcchar(&cell, wch, &attrs, &pair, NULL);
	assert_true(attrs & A_REVERSE);
	assert_int_equal(pair, 0);
	screen_expect("demo-80x24");
	screen_stop(&f);
	unsetenv("NO_COLOR");
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
		cmocka_unit_test(test_gantt_chart),
		cmocka_unit_test(test_power_interest_grid),
		cmocka_unit_test(test_detail_pane),
		cmocka_unit_test(test_help_scrolls),
		cmocka_unit_test(test_vt100_monochrome),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
