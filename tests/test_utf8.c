/* test_utf8.c - UTF-8 decoding, widths, truncation and sanitising. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "utf8.h"

static void test_decode_valid(void **state)
{
	(void)state;
	uint32_t cp;
	assert_int_equal(utf8_decode("A", 1, &cp), 1);
	assert_int_equal(cp, 'A');
	assert_int_equal(utf8_decode("\xC3\xA9", 2, &cp), 2); /* é */
	assert_int_equal(cp, 0xE9);
	assert_int_equal(utf8_decode("\xE4\xB8\xAD", 3, &cp), 3); /* 中 */
	assert_int_equal(cp, 0x4E2D);
	assert_int_equal(utf8_decode("\xF0\x9F\x98\x80", 4, &cp), 4); /* 😀 */
	assert_int_equal(cp, 0x1F600);
}

static void test_decode_invalid(void **state)
{
	(void)state;
	uint32_t cp;
	assert_int_equal(utf8_decode("\xC0\xAF", 2, &cp), 0);         /* overlong */
	assert_int_equal(utf8_decode("\xED\xA0\x80", 3, &cp), 0);     /* surrogate */
	assert_int_equal(utf8_decode("\xF4\x90\x80\x80", 4, &cp), 0); /* > U+10FFFF */
	assert_int_equal(utf8_decode("\xE4\xB8", 2, &cp), 0);         /* truncated */
	assert_int_equal(utf8_decode("\x80", 1, &cp), 0);             /* lone continuation */
	assert_int_equal(utf8_decode("\xFF", 1, &cp), 0);
}

static void test_valid_offset(void **state)
{
	(void)state;
	size_t bad = 99;
	const char ok[] = "Kraków – İzmir 中文 😀";
	assert_true(utf8_valid(ok, strlen(ok), &bad));
	const char broken[] = "abc\xC3\xA9x\xE2\x82z";
	assert_false(utf8_valid(broken, strlen(broken), &bad));
	assert_int_equal(bad, 6);
}

static void test_encode_roundtrip(void **state)
{
	(void)state;
	const uint32_t cps[] = {0x24, 0xA2, 0x20AC, 0x10348, 0x10FFFF};
	for (size_t i = 0; i < sizeof cps / sizeof *cps; i++) {
		char buf[4];
		uint32_t back;
		int n = utf8_encode(cps[i], buf);
		assert_true(n > 0);
		assert_int_equal(utf8_decode(buf, (size_t)n, &back), n);
		assert_int_equal(back, cps[i]);
	}
	char buf[4];
	assert_int_equal(utf8_encode(0xD800, buf), 0);
	assert_int_equal(utf8_encode(0x110000, buf), 0);
}

static void test_code_points(void **state)
{
	(void)state;
	const char s[] = "a😀é中b"; /* 1 + 4 + 2 + 3 + 1 bytes, 5 code points */
	assert_int_equal(utf8_cp_count(s, strlen(s)), 5);
	assert_int_equal(utf8_cp_to_byte(s, strlen(s), 0), 0);
	assert_int_equal(utf8_cp_to_byte(s, strlen(s), 1), 1);
	assert_int_equal(utf8_cp_to_byte(s, strlen(s), 2), 5);
	assert_int_equal(utf8_cp_to_byte(s, strlen(s), 3), 7);
	assert_int_equal(utf8_cp_to_byte(s, strlen(s), 4), 10);
	assert_int_equal(utf8_cp_to_byte(s, strlen(s), 9), strlen(s));
	/* an invalid byte counts as one code point */
	assert_int_equal(utf8_cp_count("a\xFF" "b", 3), 3);
}

static void test_width_wide_and_combining(void **state)
{
	(void)state;
	assert_int_equal(utf8_width("abc"), 3);
	assert_int_equal(utf8_width("中文"), 4);            /* CJK: two columns each */
	assert_int_equal(utf8_width("e\xCC\x81"), 1);       /* e + COMBINING ACUTE */
	assert_int_equal(utf8_width("Ayşe Yılmaz"), 11);
	assert_int_equal(utf8_width("a\tb"), 3);            /* tab shown as one placeholder */
	assert_int_equal(utf8_width("\xFF"), 1);            /* invalid byte: one placeholder */
}

static void test_fit_keeps_characters_whole(void **state)
{
	(void)state;
	int cols = -1;
	/* "中文字": 6 columns; 5 columns fit only two characters */
	assert_int_equal(utf8_fit("中文字", 5, &cols), 6);
	assert_int_equal(cols, 4);
	/* a combining mark stays with its base */
	assert_int_equal(utf8_fit("ae\xCC\x81x", 2, &cols), 4);
	assert_int_equal(cols, 2);
	assert_int_equal(utf8_fit("abc", 0, &cols), 0);
	assert_int_equal(cols, 0);
}

static void test_sanitize_controls(void **state)
{
	(void)state;
	/* ESC [ 2 J would clear the screen; it must come out as visible text */
	char *s = utf8_sanitize_new("a\x1b[2Jb\x07\x7f");
	assert_string_equal(s, "a\xE2\x90\x9B[2Jb\xE2\x90\x87\xE2\x90\xA1");
	assert_null(strchr(s, 0x1b));
	free(s);
	/* C1 control (CSI as U+009B), bidi override and an invalid byte */
	s = utf8_sanitize_new("x\xC2\x9By\xE2\x80\xAEz\xFF");
	assert_string_equal(s, "x\xEF\xBF\xBDy\xEF\xBF\xBDz\xEF\xBF\xBD");
	free(s);
	s = utf8_sanitize_new("Tromsø 中文");
	assert_string_equal(s, "Tromsø 中文");
	free(s);
}

static void test_display_ellipsis(void **state)
{
	(void)state;
	char *s = utf8_display_new("Interview trip to Kraków", 10);
	assert_string_equal(s, "Interview…");
	assert_int_equal(utf8_width(s), 10);
	free(s);
	s = utf8_display_new("中文中文", 5); /* 8 columns into 5: two wide + … */
	assert_string_equal(s, "中文…");
	free(s);
	s = utf8_display_new("short", 10);
	assert_string_equal(s, "short");
	free(s);
	s = utf8_display_new("anything", 0);
	assert_string_equal(s, "");
	free(s);
}

int main(void)
{
	testutil_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode_valid),
		cmocka_unit_test(test_decode_invalid),
		cmocka_unit_test(test_valid_offset),
		cmocka_unit_test(test_encode_roundtrip),
		cmocka_unit_test(test_code_points),
		cmocka_unit_test(test_width_wide_and_combining),
		cmocka_unit_test(test_fit_keeps_characters_whole),
		cmocka_unit_test(test_sanitize_controls),
		cmocka_unit_test(test_display_ellipsis),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
