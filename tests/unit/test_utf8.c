/* test_utf8.c - UTF-8 decoding, widths, truncation and sanitising. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "safeout.h"
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

/* Grapheme clusters of every kind, in UTF-8. */
#define CAPRARU "Ca\xCC\x86praru"                                        /* a + U+0306 */
#define HEALTH_WORKER "\xF0\x9F\x91\xA9\xE2\x80\x8D\xE2\x9A\x95\xEF\xB8\x8F" /* 👩‍⚕️ */
#define FAMILY "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7"
/* as they are shown: their emoji side by side, without the joiners */
#define HEALTH_WORKER_SHOWN "\xF0\x9F\x91\xA9\xE2\x9A\x95\xEF\xB8\x8F"
#define FAMILY_SHOWN "\xF0\x9F\x91\xA8\xF0\x9F\x91\xA9\xF0\x9F\x91\xA7"
#define FLAG_EE "\xF0\x9F\x87\xAA\xF0\x9F\x87\xAA"                      /* 🇪🇪 */
#define HEART "\xE2\x9D\xA4\xEF\xB8\x8F"                                 /* ❤️ */
#define THUMB_TONE "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD"                    /* 👍🏽 */
#define KEYCAP_1 "1\xEF\xB8\x8F\xE2\x83\xA3"                             /* 1️⃣ */
#define SCOTLAND "\xF0\x9F\x8F\xB4\xF3\xA0\x81\xA7\xF3\xA0\x81\xA2\xF3\xA0\x81\xB3" \
	"\xF3\xA0\x81\xA3\xF3\xA0\x81\xB4\xF3\xA0\x81\xBF"             /* 🏴 + tags */
#define REPL "\xEF\xBF\xBD"

static void test_cluster_widths(void **state)
{
	(void)state;
	assert_int_equal(utf8_width(CAPRARU), 7);
	/* drawn without the joiner: the woman (2) and the staff with VS16 (1,
	 * 2 reserved, as terminals differ), as if they stood apart */
	assert_int_equal(utf8_width(HEALTH_WORKER), 4);
	assert_int_equal(utf8_width(HEALTH_WORKER), utf8_width(HEALTH_WORKER_SHOWN));
	assert_int_equal(utf8_width(FAMILY), 6);
	assert_int_equal(utf8_width(FLAG_EE), 2);
	assert_int_equal(utf8_width(FLAG_EE FLAG_EE), 4);
	assert_int_equal(utf8_width("\xF0\x9F\x87\xAA"), 2); /* a lone regional indicator */
	/* ❤ is one column alone; with VS16 terminals differ: reserve 2 */
	assert_int_equal(utf8_width("\xE2\x9D\xA4"), 1);
	assert_int_equal(utf8_width(HEART), 2);
	assert_int_equal(utf8_width(KEYCAP_1), 2);
	assert_int_equal(utf8_width(THUMB_TONE), 4);
	assert_int_equal(utf8_width(SCOTLAND), 2);
	/* a mark with nothing to sit on is shown on a dotted circle */
	assert_int_equal(utf8_width("\xCC\x81" "a"), 2);
}

static void test_fit_keeps_clusters_whole(void **state)
{
	(void)state;
	int cols = -1;
	assert_int_equal(utf8_fit(CAPRARU, 2, &cols), 4); /* "Că" */
	assert_int_equal(cols, 2);
	assert_int_equal(utf8_fit("x" HEALTH_WORKER "y", 4, &cols), 1);
	assert_int_equal(cols, 1);
	assert_int_equal(utf8_fit("x" HEALTH_WORKER "y", 5, &cols), 1 + strlen(HEALTH_WORKER));
	assert_int_equal(cols, 5);
	assert_int_equal(utf8_fit(FLAG_EE FLAG_EE, 3, &cols), 8);
	assert_int_equal(cols, 2);
	assert_int_equal(utf8_fit(HEART "x", 1, &cols), 0);
	assert_int_equal(utf8_fit(THUMB_TONE, 3, &cols), 0);
	assert_int_equal(utf8_fit(THUMB_TONE, 4, &cols), strlen(THUMB_TONE));
}

/* Asserts that s cut to cols columns is want, and no wider. */
static void displayed_is(const char *s, int cols, const char *want)
{
	char *got = utf8_display_new(s, cols);
	assert_string_equal(got, want);
	assert_true(utf8_width(got) <= cols);
	free(got);
}

static void test_display_cuts_between_clusters(void **state)
{
	(void)state;
	displayed_is(CAPRARU, 3, "Ca\xCC\x86\xE2\x80\xA6"); /* "Că…" */
	displayed_is("ab" FAMILY "cd", 8, "ab\xE2\x80\xA6");
	displayed_is("ab" FAMILY "cd", 9, "ab" FAMILY_SHOWN "\xE2\x80\xA6");
	displayed_is(FLAG_EE FLAG_EE FLAG_EE, 5, FLAG_EE FLAG_EE "\xE2\x80\xA6");
	displayed_is("x" HEART "yz", 3, "x\xE2\x80\xA6");
	displayed_is("x" HEART "yz", 4, "x" HEART "\xE2\x80\xA6");
	displayed_is("x" THUMB_TONE "yz", 5, "x\xE2\x80\xA6");
	displayed_is("x" THUMB_TONE "yz", 6, "x" THUMB_TONE "\xE2\x80\xA6");
}

static void test_cluster_steps(void **state)
{
	(void)state;
	const char s[] = CAPRARU " " HEALTH_WORKER FLAG_EE FLAG_EE "\xFF" "e";
	size_t len = strlen(s);
	/* the boundaries, in bytes */
	const size_t stops[] = {0, 1, 4, 5, 6, 7, 8, 9, 10, 10 + strlen(HEALTH_WORKER),
	                        18 + strlen(HEALTH_WORKER), 26 + strlen(HEALTH_WORKER),
	                        27 + strlen(HEALTH_WORKER), len};
	size_t n = sizeof stops / sizeof *stops;
	for (size_t i = 0; i + 1 < n; i++) {
		assert_int_equal(utf8_cluster_next(s, len, stops[i]), stops[i + 1]);
		assert_int_equal(utf8_cluster_prev(s, len, stops[i + 1]), stops[i]);
	}
	assert_int_equal(utf8_cluster_next(s, len, len), len);
	assert_int_equal(utf8_cluster_prev(s, len, 0), 0);
	/* from inside a cluster: to its end, or its start */
	assert_int_equal(utf8_cluster_next(s, len, 2), 4);
	assert_int_equal(utf8_cluster_prev(s, len, 2), 1);
}

/* Asserts that s is sanitised to want, and that sanitising is stable. */
static void sanitized_is(const char *s, const char *want)
{
	char *got = utf8_sanitize_new(s);
	assert_string_equal(got, want);
	char *again = utf8_sanitize_new(got);
	assert_string_equal(again, got);
	assert_int_equal(utf8_width(again), utf8_width(s));
	free(again);
	free(got);
}

static void test_sanitize_invisible(void **state)
{
	(void)state;
	/* "Training" and "Train" U+200B "ing" must not look alike */
	sanitized_is("Train\xE2\x80\x8Bing", "Train" REPL "ing");
	assert_int_equal(utf8_width("Train\xE2\x80\x8Bing"), 9);
	sanitized_is("a\xE2\x80\x8C" "b", "a" REPL "b");           /* ZWNJ between Latin */
	sanitized_is("a\xE2\x80\x8D" "b", "a" REPL "b");           /* ZWJ outside emoji */
	sanitized_is(HEART "\xE2\x80\x8D", HEART REPL);            /* ZWJ with nothing to join */
	sanitized_is("a\xE2\x81\xA0" "b", "a" REPL "b");           /* WORD JOINER */
	sanitized_is("\xEF\xBB\xBFname", REPL "name");             /* BOM */
	sanitized_is("Kom\xC2\xADpanie", "Kom" REPL "panie");      /* soft hyphen */
	sanitized_is("a\xE1\xA0\x8E" "b", "a" REPL "b");           /* MONGOLIAN VOWEL SEP. */
	sanitized_is("a\xE2\x80\x8F" "b", "a" REPL "b");           /* RLM */
	sanitized_is("a\xE2\x81\xA6" "b", "a" REPL "b");           /* LRI */
	sanitized_is("\xF3\xA0\x80\x81" "x", REPL "x");            /* LANGUAGE TAG */
	sanitized_is("A\xEF\xB8\x8F", "A" REPL);                   /* VS16 on a letter */
	sanitized_is("n\xCD\x8F" "g", "n" REPL "g");               /* COMBINING GRAPHEME JOINER */
	/* kept: joiners and selectors that are part of what is written */
	sanitized_is(HEALTH_WORKER FAMILY HEART KEYCAP_1 SCOTLAND THUMB_TONE,
	             HEALTH_WORKER_SHOWN FAMILY_SHOWN HEART KEYCAP_1 SCOTLAND THUMB_TONE);
	sanitized_is("\xD9\x85\xDB\x8C\xE2\x80\x8C\xD8\xAE", /* Persian: mi + ZWNJ + kh */
	             "\xD9\x85\xDB\x8C\xE2\x80\x8C\xD8\xAE");
	sanitized_is("\xE0\xA4\x95\xE0\xA5\x8D\xE2\x80\x8D\xE0\xA4\xB7", /* Devanagari k+virama+ZWJ+ss */
	             "\xE0\xA4\x95\xE0\xA5\x8D\xE2\x80\x8D\xE0\xA4\xB7");
	sanitized_is("\xE8\xBE\xBB\xF3\xA0\x84\x80", "\xE8\xBE\xBB\xF3\xA0\x84\x80"); /* 辻 + IVS */
	/* a mark with nothing to sit on goes on a dotted circle */
	sanitized_is("\xCC\x81" "a", "\xE2\x97\x8C\xCC\x81" "a");
	sanitized_is("x\n\xCC\x81", "x\xE2\x90\x8A\xE2\x97\x8C\xCC\x81");
	sanitized_is(CAPRARU, CAPRARU);
	sanitized_is("", "");
	assert_true(utf8_cp_is_unsafe(0x200B));
	assert_true(utf8_cp_is_unsafe(0xFEFF));
	assert_false(utf8_cp_is_unsafe(0x200D)); /* decided by its neighbours */
	assert_false(utf8_cp_is_unsafe(0xE9));
	assert_int_equal(utf8_cp_width(0x200B), 1);
}

/* Text for the terminal from the command line: line by line, sanitised,
 * even when a character arrives in two writes. */
static void test_safeout(void **state)
{
	(void)state;
	char *lines = safeout_lines_new("a\x1b]0;X\x07" "b\nTrain\xE2\x80\x8Bing\n");
	assert_string_equal(lines, "a\xE2\x90\x9B]0;X\xE2\x90\x87" "b\nTrain" REPL "ing\n");
	free(lines);
	char *buf = NULL;
	size_t size = 0;
	FILE *under = open_memstream(&buf, &size);
	assert_non_null(under);
	FILE *f = safeout_stream_open(under);
	assert_non_null(f);
	fputs("one \xE2", f);             /* the first byte of U+241B ... */
	fflush(f);
	fputs("\x90\x9B \x1b[2J\nlast", f); /* ... its others, and ESC itself */
	fputc('\0', f);
	assert_int_equal(fclose(f), 0);
	fclose(under);
	assert_string_equal(buf, "one \xE2\x90\x9B \xE2\x90\x9B[2J\nlast\xE2\x90\xA1");
	free(buf);
}

int main(void)
{
	testutil_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_safeout),
		cmocka_unit_test(test_decode_valid),
		cmocka_unit_test(test_decode_invalid),
		cmocka_unit_test(test_valid_offset),
		cmocka_unit_test(test_encode_roundtrip),
		cmocka_unit_test(test_code_points),
		cmocka_unit_test(test_width_wide_and_combining),
		cmocka_unit_test(test_fit_keeps_characters_whole),
		cmocka_unit_test(test_sanitize_controls),
		cmocka_unit_test(test_display_ellipsis),
		cmocka_unit_test(test_cluster_widths),
		cmocka_unit_test(test_fit_keeps_clusters_whole),
		cmocka_unit_test(test_display_cuts_between_clusters),
		cmocka_unit_test(test_cluster_steps),
		cmocka_unit_test(test_sanitize_invisible),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
