/* test_lineedit.c - the one-line editor and the jawrc colour and option
 * commands. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "jawrc.h"
#include "keys.h"
#include "lineedit.h"
#include "testutil.h"
#include "utf8.h"

#define CTRL(c) ((c) - 'a' + 1)

static void type(struct lineedit *le, const char *text)
{
	while (*text) {
		uint32_t cp;
		int n = utf8_decode(text, strlen(text), &cp);
		assert_true(lineedit_key(le, (int)cp));
		text += n;
	}
}

static void test_insert_and_move(void **state)
{
	(void)state;
	struct lineedit le;
	lineedit_init(&le, NULL);
	type(&le, "Kraków");
	assert_string_equal(le.buf, "Kraków");
	assert_int_equal(lineedit_cursor_col(&le), 6);
	assert_true(lineedit_key(&le, KEYS_LEFT));
	assert_true(lineedit_key(&le, KEYS_LEFT)); /* over the two-byte ó */
	assert_int_equal(le.cursor, 4);
	type(&le, "X");
	assert_string_equal(le.buf, "KrakXów");
	assert_true(lineedit_key(&le, CTRL('a')));
	type(&le, "<");
	assert_true(lineedit_key(&le, CTRL('e')));
	type(&le, ">");
	assert_string_equal(le.buf, "<KrakXów>");
	/* control keys that are not editing keys are not taken */
	assert_false(lineedit_key(&le, '\n'));
	assert_false(lineedit_key(&le, 27));
	lineedit_free(&le);
}

static void test_delete_and_kill(void **state)
{
	(void)state;
	struct lineedit le;
	lineedit_init(&le, "protection of civilians");
	assert_true(lineedit_key(&le, CTRL('w')));
	assert_string_equal(le.buf, "protection of ");
	assert_true(lineedit_key(&le, CTRL('y')));
	assert_string_equal(le.buf, "protection of civilians");
	assert_true(lineedit_key(&le, KEYS_HOME));
	assert_true(lineedit_key(&le, KEYS_DELETE));
	assert_string_equal(le.buf, "rotection of civilians");
	assert_true(lineedit_key(&le, KEYS_RIGHT));
	assert_true(lineedit_key(&le, CTRL('k')));
	assert_string_equal(le.buf, "r");
	assert_true(lineedit_key(&le, CTRL('y')));
	assert_string_equal(le.buf, "rotection of civilians");
	assert_true(lineedit_key(&le, CTRL('u')));
	assert_string_equal(le.buf, "");
	assert_true(lineedit_key(&le, KEYS_BACKSPACE)); /* nothing to delete: fine */
	assert_string_equal(le.buf, "");
	lineedit_free(&le);
}

static void test_wide_and_combining(void **state)
{
	(void)state;
	struct lineedit le;
	lineedit_init(&le, "中文e\xCC\x81x"); /* two wide, e + combining acute, x */
	assert_int_equal(lineedit_cursor_col(&le), 6);
	assert_true(lineedit_key(&le, KEYS_LEFT));
	assert_true(lineedit_key(&le, KEYS_LEFT)); /* over e and its mark together */
	assert_int_equal(lineedit_cursor_col(&le), 4);
	assert_true(lineedit_key(&le, KEYS_BACKSPACE));
	assert_string_equal(le.buf, "中e\xCC\x81x");
	assert_true(lineedit_key(&le, KEYS_DELETE));
	assert_string_equal(le.buf, "中x");
	lineedit_free(&le);
}

/* Moves left from the end over every cluster, checking the byte offsets
 * and cursor columns it stops at (from the end back to 0). */
static void moves_left_over(const char *text, const size_t *stops, const int *cols, size_t n)
{
	struct lineedit le;
	lineedit_init(&le, text);
	for (size_t i = n; i-- > 0;) {
		assert_int_equal(le.cursor, stops[i]);
		assert_int_equal(lineedit_cursor_col(&le), cols[i]);
		assert_true(lineedit_key(&le, KEYS_LEFT));
	}
	assert_int_equal(le.cursor, 0);
	for (size_t i = 1; i < n; i++) {
		assert_true(lineedit_key(&le, KEYS_RIGHT));
		assert_int_equal(le.cursor, stops[i]);
	}
	lineedit_free(&le);
}

static void test_grapheme_clusters(void **state)
{
	(void)state;
	/* Ca + U+0306 praru: the cursor never stops between a and its breve */
	static const size_t caprarustops[] = {0, 1, 4, 5, 6, 7, 8, 9};
	static const int capraru_cols[] = {0, 1, 2, 3, 4, 5, 6, 7};
	moves_left_over("Ca\xCC\x86praru", caprarustops, capraru_cols, 8);
	/* 👩‍⚕️ (13 bytes, 4 columns: the staff with VS16 reserves 2), 👨‍👩‍👧 (18, 6),
	 * 🇪🇪 (8, 2), ❤️ (6, 2), 👍🏽 (8, 4) */
	static const char emoji[] = "\xF0\x9F\x91\xA9\xE2\x80\x8D\xE2\x9A\x95\xEF\xB8\x8F"
		"\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7"
		"\xF0\x9F\x87\xAA\xF0\x9F\x87\xAA" "\xE2\x9D\xA4\xEF\xB8\x8F"
		"\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD";
	static const size_t emoji_stops[] = {0, 13, 31, 39, 45, 53};
	static const int emoji_cols[] = {0, 4, 10, 12, 14, 18};
	moves_left_over(emoji, emoji_stops, emoji_cols, 6);
	/* Backspace and Delete take a whole cluster */
	struct lineedit le;
	lineedit_init(&le, "x\xF0\x9F\x87\xAA\xF0\x9F\x87\xAA" "Ca\xCC\x86");
	assert_true(lineedit_key(&le, KEYS_BACKSPACE));
	assert_string_equal(le.buf, "x\xF0\x9F\x87\xAA\xF0\x9F\x87\xAA" "C");
	assert_true(lineedit_key(&le, KEYS_LEFT));
	assert_true(lineedit_key(&le, KEYS_BACKSPACE));
	assert_string_equal(le.buf, "xC");
	assert_true(lineedit_key(&le, KEYS_HOME));
	lineedit_set(&le, "\xE2\x9D\xA4\xEF\xB8\x8Fz");
	assert_true(lineedit_key(&le, KEYS_HOME));
	assert_true(lineedit_key(&le, KEYS_DELETE));
	assert_string_equal(le.buf, "z");
	/* typing a combining mark joins the character before the cursor */
	lineedit_set(&le, "Ca");
	type(&le, "\xCC\x86");
	assert_int_equal(lineedit_cursor_col(&le), 2);
	assert_true(lineedit_key(&le, KEYS_LEFT));
	assert_int_equal(le.cursor, 1);
	/* an invalid byte is a cluster of its own */
	lineedit_set(&le, "a\xFF\xCC\x81");
	assert_true(lineedit_key(&le, KEYS_LEFT));
	assert_int_equal(le.cursor, 1);
	lineedit_free(&le);
}

static void test_jawrc_colours_and_options(void **state)
{
	(void)state;
	struct jawrc *rc = jawrc_new();
	jaw_err err;
	err_clear(&err);
	assert_int_equal(jawrc_load_defaults(rc, NULL, NULL), 0);
	struct jawrc_colour c = jawrc_colour(rc, ROLE_CURSOR);
	assert_int_equal(c.fg, 0); /* black */
	assert_int_equal(c.bg, 2); /* green */
	assert_int_equal(jawrc_apply_line(rc, "color cursor color208 default bold underline", &err),
	                 JAW_OK);
	c = jawrc_colour(rc, ROLE_CURSOR);
	assert_int_equal(c.fg, 208);
	assert_int_equal(c.bg, -1);
	assert_int_equal(c.attrs, JAWRC_ATTR_BOLD | JAWRC_ATTR_UNDERLINE);
	assert_int_equal(jawrc_apply_line(rc, "color nothing red blue", &err), JAW_FAIL);
	assert_string_equal(err.msg, "no colour role \"nothing\" (see jawrc(5))");
	assert_int_equal(jawrc_apply_line(rc, "color cursor purple blue", &err), JAW_FAIL);
	assert_non_null(strstr(err.msg, "\"purple\" is not a colour"));
	assert_int_equal(jawrc_apply_line(rc, "color cursor red color256", &err), JAW_FAIL);
	assert_int_equal(jawrc_apply_line(rc, "color cursor red blue shiny", &err), JAW_FAIL);
	assert_non_null(strstr(err.msg, "\"shiny\" is not an attribute"));
	assert_int_equal(jawrc_apply_line(rc, "color cursor red", &err), JAW_FAIL);
	/* options */
	assert_string_equal(jawrc_option(rc, "date-scale"), "auto");
	assert_int_equal(jawrc_apply_line(rc, "set date-scale week", &err), JAW_OK);
	assert_string_equal(jawrc_option(rc, "date-scale"), "week");
	assert_int_equal(jawrc_apply_line(rc, "set date-scale fortnight", &err), JAW_FAIL);
	assert_string_equal(err.msg, "\"fortnight\" is not a value of date-scale");
	assert_int_equal(jawrc_apply_line(rc, "set coder ana", &err), JAW_OK);
	assert_string_equal(jawrc_option(rc, "coder"), "ana");
	assert_int_equal(jawrc_apply_line(rc, "set speed fast", &err), JAW_FAIL);
	assert_string_equal(err.msg, "no option \"speed\" (date-scale, coder)");
	assert_int_equal(jawrc_apply_line(rc, "set coder", &err), JAW_FAIL);
	assert_string_equal(jawrc_option(rc, "nothing"), "");
	assert_string_equal(jawrc_role_name(ROLE_OVERDUE), "overdue");
	jawrc_free(rc);
}

static void test_today(void **state)
{
	(void)state;
	setenv("JAW_TODAY", "2026-12-04", 1);
	struct date d = date_today();
	assert_int_equal(d.year, 2026);
	assert_int_equal(d.month, 12);
	assert_int_equal(d.day, 4);
	setenv("JAW_TODAY", "not a date", 1);
	d = date_today(); /* ignored: the real date */
	assert_true(d.year >= 2024);
	unsetenv("JAW_TODAY");
}

int main(void)
{
	testutil_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_insert_and_move),
		cmocka_unit_test(test_delete_and_kill),
		cmocka_unit_test(test_wide_and_combining),
		cmocka_unit_test(test_grapheme_clusters),
		cmocka_unit_test(test_jawrc_colours_and_options),
		cmocka_unit_test(test_today),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
