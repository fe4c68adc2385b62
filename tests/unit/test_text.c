/* test_text.c - the reader's text model: code point offsets over UTF-8,
 * wrapping to display columns, words, sentences, paragraphs, search. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "text.h"
#include "xalloc.h"

static struct text *text_of(const char *s)
{
	return text_new(s, strlen(s));
}

/* ---- offsets ------------------------------------------------------------- */

/* a (1 byte) é (2) € (3) 😀 (4) e + U+0301 (1 + 2) 中 (3) z */
static const char mixed[] = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80" "e\xCC\x81\xE4\xB8\xAD" "z";

static void test_offsets_multibyte(void **state)
{
	(void)state;
	struct text *t = text_of(mixed);
	assert_int_equal(text_length(t), 8);
	static const size_t bytes[] = {0, 1, 3, 6, 10, 11, 13, 16, 17};
	for (size_t cp = 0; cp <= 8; cp++) {
		assert_int_equal(text_cp_to_byte(t, cp), bytes[cp]);
		assert_int_equal(text_byte_to_cp(t, bytes[cp]), cp);
	}
	/* a byte inside a character belongs to that character */
	assert_int_equal(text_byte_to_cp(t, 7), 3);
	assert_int_equal(text_byte_to_cp(t, 9), 3);
	assert_int_equal(text_byte_to_cp(t, 12), 5);
	assert_int_equal(text_cp(t, 3), 0x1F600);
	assert_int_equal(text_cp(t, 5), 0x301);
	assert_int_equal(text_cp(t, 8), 0);
	char *s = text_slice_new(t, 3, 6);
	assert_string_equal(s, "\xF0\x9F\x98\x80" "e\xCC\x81");
	free(s);
	s = text_slice_new(t, 6, 99);
	assert_string_equal(s, "\xE4\xB8\xAD" "z");
	free(s);
	size_t len;
	assert_string_equal(text_utf8(t, &len), mixed);
	assert_int_equal(len, 17);
	text_free(t);
}

/* Offsets far into a long text go through the byte marks. */
static void test_offsets_long_text(void **state)
{
	(void)state;
	size_t reps = 1000, unit = 5; /* "ab😀中\n": 5 code points, 10 bytes */
	char *s = xmalloc(reps * 10 + 1);
	for (size_t i = 0; i < reps; i++)
		memcpy(s + i * 10, "ab\xF0\x9F\x98\x80\xE4\xB8\xAD\n", 10);
	s[reps * 10] = '\0';
	struct text *t = text_of(s);
	assert_int_equal(text_length(t), reps * unit);
	for (size_t cp = 0; cp < reps * unit; cp += 7) {
		size_t k = cp / unit, r = cp % unit;
		static const size_t within[] = {0, 1, 2, 6, 9};
		size_t b = k * 10 + within[r];
		assert_int_equal(text_cp_to_byte(t, cp), b);
		assert_int_equal(text_byte_to_cp(t, b), cp);
	}
	assert_int_equal(text_cp_to_byte(t, reps * unit), reps * 10);
	assert_int_equal(text_byte_to_cp(t, reps * 10), reps * unit);
	text_free(t);
	free(s);
}

static void test_offsets_invalid_and_empty(void **state)
{
	(void)state;
	struct text *t = text_new("a\xFF" "b", 3);
	assert_int_equal(text_length(t), 3);
	assert_int_equal(text_cp(t, 1), 0xFFFD);
	assert_int_equal(text_cp_to_byte(t, 2), 2);
	text_free(t);
	t = text_new("", 0);
	assert_int_equal(text_length(t), 0);
	assert_int_equal(text_cp_to_byte(t, 0), 0);
	assert_int_equal(text_byte_to_cp(t, 0), 0);
	text_free(t);
	text_free(NULL);
}

/* ---- wrapping -------------------------------------------------------------- */

/* The display lines of s wrapped to width, joined by "|". */
static char *wrapped_new(const char *s, int width)
{
	struct text *t = text_of(s);
	struct text_wrap *w = text_wrap_new(t, width);
	size_t cap = strlen(s) * 2 + 64, len = 0;
	char *out = xmalloc(cap);
	out[0] = '\0';
	for (size_t k = 0; k < text_wrap_count(w); k++) {
		size_t a, b;
		text_wrap_line(w, k, &a, &b);
		char *line = text_slice_new(t, a, b);
		len += (size_t)snprintf(out + len, cap - len, "%s%s", k ? "|" : "", line);
		free(line);
	}
	text_wrap_free(w);
	text_free(t);
	return out;
}

static void assert_wrap(const char *s, int width, const char *want)
{
	char *got = wrapped_new(s, width);
	if (strcmp(got, want) != 0)
		fail_msg("wrap \"%s\" to %d: got \"%s\", want \"%s\"", s, width, got, want);
	free(got);
}

static void test_wrap_words(void **state)
{
	(void)state;
	assert_wrap("the quick brown fox", 10, "the quick |brown fox");
	assert_wrap("the quick brown fox", 9, "the quick |brown fox");
	assert_wrap("the quick brown fox", 8, "the |quick |brown |fox");
	assert_wrap("abcdefghijkl", 5, "abcde|fghij|kl");
	assert_wrap("ab abcdefghijkl x", 5, "ab |abcde|fghij|kl x");
	/* spaces at a break hang at the end of the line */
	assert_wrap("word      next", 6, "word      |next");
	assert_wrap("a b", 100, "a b");
	assert_wrap("", 10, "");
	/* line feeds end lines; no line after a final line feed */
	assert_wrap("one\ntwo\n", 10, "one|two");
	assert_wrap("one\n\nthree", 10, "one||three");
	assert_wrap("\n", 10, "");
	assert_wrap("\n\n", 10, "|");
	/* width 1 still moves forward */
	assert_wrap("ab c", 1, "a|b |c");
}

static void test_wrap_wide_and_combining(void **state)
{
	(void)state;
	/* 日本語です: five wide characters, two columns each */
	assert_wrap("\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\xE3\x81\xA7\xE3\x81\x99", 5,
	            "\xE6\x97\xA5\xE6\x9C\xAC|\xE8\xAA\x9E\xE3\x81\xA7|\xE3\x81\x99");
	/* a wide character that does not fit goes to the next line whole */
	assert_wrap("abc\xE4\xB8\xAD", 4, "abc|\xE4\xB8\xAD");
	/* combining marks stay with their base: e + U+0301 five times is five
	 * columns */
	assert_wrap("e\xCC\x81" "e\xCC\x81" "e\xCC\x81" "e\xCC\x81" "e\xCC\x81", 3,
	            "e\xCC\x81" "e\xCC\x81" "e\xCC\x81|e\xCC\x81" "e\xCC\x81");
	assert_wrap("caf" "e\xCC\x81" " ok", 4, "caf" "e\xCC\x81" " |ok");
	/* 4-byte characters: emoji are wide */
	assert_wrap("\xF0\x9F\x98\x80\xF0\x9F\x98\x80\xF0\x9F\x98\x80", 4,
	            "\xF0\x9F\x98\x80\xF0\x9F\x98\x80|\xF0\x9F\x98\x80");
}

static void test_wrap_tabs(void **state)
{
	(void)state;
	assert_int_equal(text_cell_width('\t', 0), 8);
	assert_int_equal(text_cell_width('\t', 3), 5);
	assert_int_equal(text_cell_width('\n', 0), 0);
	assert_int_equal(text_cell_width(0x301, 4), 0);
	assert_int_equal(text_cell_width(0x4E2D, 0), 2);
	assert_int_equal(text_cell_width(0x1B, 0), 1); /* shown as a placeholder */
	struct text *t = text_of("a\tb");
	struct text_wrap *w = text_wrap_new(t, 20);
	assert_int_equal(text_wrap_col_of(w, 2), 8);
	assert_int_equal(text_wrap_cp_at(w, 0, 5), 1);
	text_wrap_free(w);
	text_free(t);
}

/* Every character that takes columns maps to its line and column and back;
 * every line fits the width, except for hanging spaces. */
static void check_wrap_roundtrip(const char *s, int width)
{
	struct text *t = text_of(s);
	struct text_wrap *w = text_wrap_new(t, width);
	const uint32_t *cps = text_cps(t);
	size_t n = text_length(t);
	for (size_t cp = 0; cp < n; cp++) {
		size_t line = text_wrap_line_of(w, cp), a, b;
		text_wrap_line(w, line, &a, &b);
		assert_true(cp >= a && cp <= b);
		int col = text_wrap_col_of(w, cp);
		int cw = text_cell_width(cps[cp], col);
		if (cw > 0 && cps[cp] != ' ' && cps[cp] != '\t') {
			assert_true(col + cw <= width || col == 0);
			if (text_wrap_cp_at(w, line, col) != cp)
				fail_msg("\"%s\" width %d: cp %zu at line %zu col %d maps to %zu", s, width,
				         cp, line, col, text_wrap_cp_at(w, line, col));
		}
	}
	/* lines are in order and cover the text */
	size_t prev = 0;
	for (size_t k = 0; k < text_wrap_count(w); k++) {
		size_t a, b;
		text_wrap_line(w, k, &a, &b);
		assert_true(a >= prev && b >= a);
		prev = b;
	}
	assert_int_equal(text_wrap_line_of(w, n), text_wrap_count(w) - 1);
	text_wrap_free(w);
	text_free(t);
}

static void test_wrap_roundtrip(void **state)
{
	(void)state;
	static const char *const texts[] = {
		"Interview at brigade main HQ, Bucure\xC5\x9F" "ti, 0930\xE2\x80\x93" "1100. "
		"\xC5\x81ukasz and Zo\xC3\xAB met in Krak\xC3\xB3w.\n\nQ: \xE4\xB8\xAD\xE6\x96\x87 "
		"\xF0\x9F\x98\x80 caf" "e\xCC\x81 na\xC3\xAF" "ve\ttab\n",
		"short\n\n\nlines\nand  double  spaces   here",
	};
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
		for (int width = 1; width <= 30; width++)
			check_wrap_roundtrip(texts[i], width);
}

static void test_wrap_cursor_columns(void **state)
{
	(void)state;
	struct text *t = text_of("the quick brown fox\nend");
	struct text_wrap *w = text_wrap_new(t, 10);
	assert_int_equal(text_wrap_count(w), 3); /* "the quick " "brown fox" "end" */
	assert_int_equal(text_wrap_line_of(w, 10), 1);
	assert_int_equal(text_wrap_col_of(w, 10), 0);
	assert_int_equal(text_wrap_col_of(w, 14), 4);
	/* past the end of a wrapped line: its last character */
	assert_int_equal(text_wrap_cp_at(w, 0, 50), 9);
	/* past the end of a hard line: its line feed */
	assert_int_equal(text_wrap_cp_at(w, 1, 50), 19);
	assert_int_equal(text_wrap_line_of(w, 19), 1);
	/* past the end of the text */
	assert_int_equal(text_wrap_cp_at(w, 2, 50), 23);
	assert_int_equal(text_wrap_line_of(w, 23), 2);
	assert_int_equal(text_wrap_width(w), 10);
	text_wrap_free(w);
	text_free(t);
}

/* ---- words --------------------------------------------------------------- */

static void test_words(void **state)
{
	(void)state;
	/*                 0         1         2         3
	 *                 0123456789012345678901234567890123 */
	struct text *t = text_of("Don't stop -- the caf\xC3\xA9's end.");
	size_t n = text_length(t);
	assert_int_equal(text_word_next(t, 0), 6);   /* Don't -> stop */
	assert_int_equal(text_word_next(t, 6), 11);  /* stop -> -- */
	assert_int_equal(text_word_next(t, 11), 14); /* -- -> the */
	assert_int_equal(text_word_next(t, 14), 18); /* the -> café's */
	assert_int_equal(text_word_next(t, 18), 25); /* café's -> end */
	assert_int_equal(text_word_next(t, 25), 28); /* end -> . */
	assert_int_equal(text_word_next(t, 28), n);
	assert_int_equal(text_word_next(t, n), n);
	assert_int_equal(text_word_prev(t, n), 28);
	assert_int_equal(text_word_prev(t, 28), 25);
	assert_int_equal(text_word_prev(t, 27), 25);
	assert_int_equal(text_word_prev(t, 25), 18);
	assert_int_equal(text_word_prev(t, 14), 11);
	assert_int_equal(text_word_prev(t, 3), 0);
	assert_int_equal(text_word_prev(t, 0), 0);
	assert_int_equal(text_word_end(t, 0), 5);
	assert_int_equal(text_word_end(t, 5), 10);
	assert_int_equal(text_word_end(t, 18), 24);
	text_free(t);

	/* combining marks and wide characters are part of words */
	t = text_of("nai\xCC\x88ve \xE4\xB8\xAD\xE6\x96\x87 x");
	assert_int_equal(text_word_next(t, 0), 7);
	assert_int_equal(text_word_next(t, 7), 10);
	assert_int_equal(text_word_end(t, 0), 6);
	assert_int_equal(text_word_prev(t, 5), 0);
	text_free(t);
}

/* ---- paragraphs -------------------------------------------------------------- */

static void test_paragraphs(void **state)
{
	(void)state;
	/*   0-9 "First one." 10 \n 11-21 "still first" 22 \n 23 \n
	 *   24-26 "  \n" (blank with spaces) 27-32 "Second" 33 \n 34 \n */
	const char *s = "First one.\nstill first\n\n  \nSecond\n\n";
	struct text *t = text_of(s);
	size_t a, b, n = text_length(t);
	assert_int_equal(n, 35);
	assert_true(text_paragraph_at(t, 5, &a, &b));
	assert_int_equal(a, 0);
	assert_int_equal(b, 22);
	assert_true(text_paragraph_at(t, 15, &a, &b));
	assert_int_equal(a, 0);
	assert_int_equal(b, 22);
	/* on a blank line: the next paragraph */
	assert_true(text_paragraph_at(t, 23, &a, &b));
	assert_int_equal(a, 27);
	assert_int_equal(b, 33);
	assert_true(text_paragraph_at(t, 25, &a, &b));
	assert_int_equal(a, 27);
	/* after the last: the previous one */
	assert_true(text_paragraph_at(t, 34, &a, &b));
	assert_int_equal(a, 27);
	assert_true(text_paragraph_at(t, n, &a, &b));
	assert_int_equal(a, 27);

	assert_int_equal(text_paragraph_next(t, 0), 27);
	assert_int_equal(text_paragraph_next(t, 15), 27);
	assert_int_equal(text_paragraph_next(t, 23), 27);
	assert_int_equal(text_paragraph_next(t, 27), n);
	assert_int_equal(text_paragraph_prev(t, n), 27);
	assert_int_equal(text_paragraph_prev(t, 30), 27);
	assert_int_equal(text_paragraph_prev(t, 27), 0);
	assert_int_equal(text_paragraph_prev(t, 24), 0);
	assert_int_equal(text_paragraph_prev(t, 5), 0);
	assert_int_equal(text_paragraph_prev(t, 0), 0);

	/* hard lines */
	text_line_at(t, 15, &a, &b);
	assert_int_equal(a, 11);
	assert_int_equal(b, 22);
	text_line_at(t, 10, &a, &b); /* its line feed */
	assert_int_equal(a, 0);
	assert_int_equal(b, 10);
	text_line_at(t, 23, &a, &b); /* an empty line */
	assert_int_equal(a, 23);
	assert_int_equal(b, 23);
	text_line_at(t, n, &a, &b);
	assert_int_equal(a, n);
	assert_int_equal(b, n);
	text_free(t);

	t = text_of(" \n\n\t\n");
	assert_false(text_paragraph_at(t, 1, &a, &b));
	assert_int_equal(a, 1);
	assert_int_equal(text_paragraph_next(t, 0), text_length(t));
	assert_int_equal(text_paragraph_prev(t, 3), 0);
	text_free(t);
}

/* ---- sentences ----------------------------------------------------------------- */

/* The sentences of s, joined by "|", found by moving with text_sentence_next
 * from 0 and taking text_sentence_at each time. */
static char *sentences_new(const char *s)
{
	struct text *t = text_of(s);
	size_t cap = strlen(s) * 2 + 16, len = 0, cp = 0, n = text_length(t);
	char *out = xmalloc(cap);
	out[0] = '\0';
	size_t first, last;
	if (text_sentence_at(t, 0, &first, &last))
		cp = first;
	for (int guard = 0; cp < n && guard < 1000; guard++) {
		size_t a, b;
		if (!text_sentence_at(t, cp, &a, &b))
			break;
		char *one = text_slice_new(t, a, b);
		len += (size_t)snprintf(out + len, cap - len, "%s%s", len ? "|" : "", one);
		free(one);
		size_t next = text_sentence_next(t, cp);
		assert_true(next > cp);
		cp = next;
	}
	text_free(t);
	return out;
}

static void assert_sentences(const char *s, const char *want)
{
	char *got = sentences_new(s);
	if (strcmp(got, want) != 0)
		fail_msg("sentences of \"%s\": got \"%s\", want \"%s\"", s, got, want);
	free(got);
}

static void test_sentences(void **state)
{
	(void)state;
	assert_sentences("One. Two! Three? Four", "One.|Two!|Three?|Four");
	assert_sentences("  Lead spaces.  Two  ", "Lead spaces.|Two");
	/* quotes and brackets after the punctuation */
	assert_sentences("He said \"Stop.\" Then left. (Aside.) Done.",
	                 "He said \"Stop.\"|Then left.|(Aside.)|Done.");
	assert_sentences("\xE2\x80\x9CWhere?\xE2\x80\x9D she asked. Fine.",
	                 "\xE2\x80\x9CWhere?\xE2\x80\x9D she asked.|Fine.");
	/* runs of punctuation, the ellipsis */
	assert_sentences("What?! No... Yes\xE2\x80\xA6 Maybe.", "What?!|No...|Yes\xE2\x80\xA6|Maybe.");
	/* no end inside numbers, before lower case, after abbreviations */
	assert_sentences("It cost 3.5 million. Next.", "It cost 3.5 million.|Next.");
	assert_sentences("Use e.g. the form. Col. Smith agreed. Mr. Jones too.",
	                 "Use e.g. the form.|Col. Smith agreed.|Mr. Jones too.");
	assert_sentences("See No. 5 and J. R. Tolkien. The U.N. Mission left.",
	                 "See No. 5 and J. R. Tolkien.|The U.N. Mission left.");
	assert_sentences("So did I. Then we left.", "So did I.|Then we left.");
	assert_sentences("It was late... and dark. End.", "It was late... and dark.|End.");
	/* a single line feed does not end a sentence; a blank line does */
	assert_sentences("A sentence\nover lines. Next\n\nNew paragraph", 
	                 "A sentence\nover lines.|Next|New paragraph");
	assert_sentences("Q: Who?\nA: Me.\n", "Q: Who?|A: Me.");
	/* non-ASCII */
	assert_sentences("\xC5\x81ukasz is in Krak\xC3\xB3w. \xC3\x89tienne is not.",
	                 "\xC5\x81ukasz is in Krak\xC3\xB3w.|\xC3\x89tienne is not.");
	assert_sentences("", "");
	assert_sentences(" \n\n ", "");
}

static void test_sentence_at_and_prev(void **state)
{
	(void)state;
	/*                      0         1         2
	 *                      0123456789012345678901234567 */
	struct text *t = text_of("One two.  Three four.\n\nFive.");
	size_t a, b;
	assert_true(text_sentence_at(t, 2, &a, &b));
	assert_int_equal(a, 0);
	assert_int_equal(b, 8);
	assert_true(text_sentence_at(t, 7, &a, &b)); /* on the full stop */
	assert_int_equal(a, 0);
	assert_int_equal(b, 8);
	assert_true(text_sentence_at(t, 9, &a, &b)); /* in the spaces after it */
	assert_int_equal(a, 0);
	assert_int_equal(b, 8);
	assert_true(text_sentence_at(t, 10, &a, &b));
	assert_int_equal(a, 10);
	assert_int_equal(b, 21);
	assert_true(text_sentence_at(t, 22, &a, &b)); /* blank line: the next one */
	assert_int_equal(a, 23);
	assert_int_equal(b, 28);
	assert_int_equal(text_sentence_next(t, 0), 10);
	assert_int_equal(text_sentence_next(t, 9), 10);
	assert_int_equal(text_sentence_next(t, 10), 23);
	assert_int_equal(text_sentence_next(t, 23), 28);
	assert_int_equal(text_sentence_prev(t, 28), 23);
	assert_int_equal(text_sentence_prev(t, 25), 23);
	assert_int_equal(text_sentence_prev(t, 23), 10);
	assert_int_equal(text_sentence_prev(t, 22), 10);
	assert_int_equal(text_sentence_prev(t, 12), 10);
	assert_int_equal(text_sentence_prev(t, 10), 0);
	assert_int_equal(text_sentence_prev(t, 0), 0);
	text_free(t);
}

/* Moving through a large text by sentences and paragraphs takes linear
 * time: a quadratic walk would not finish here. */
static void test_motions_large_text(void **state)
{
	(void)state;
	const char *para = "Col. Smith said \xE2\x80\x9Cno\xE2\x80\x9D. The patrol left at dawn, e.g. "
	                   "0500! Did it reach the village? Yes\xE2\x80\xA6\n\n";
	size_t plen = strlen(para), reps = 4000;
	char *s = xmalloc(plen * reps + 1);
	for (size_t i = 0; i < reps; i++)
		memcpy(s + i * plen, para, plen);
	s[plen * reps] = '\0';
	struct text *t = text_of(s);
	size_t n = text_length(t), cp = 0, count = 0;
	while (cp < n) {
		cp = text_sentence_next(t, cp);
		count++;
	}
	assert_int_equal(count, reps * 4);
	for (cp = n, count = 0; cp > 0; count++)
		cp = text_sentence_prev(t, cp);
	assert_int_equal(count, reps * 4);
	for (cp = 0, count = 0; cp < n; count++)
		cp = text_paragraph_next(t, cp);
	assert_int_equal(count, reps);
	for (cp = 0, count = 0; cp < n; count++)
		cp = text_word_next(t, cp);
	assert_true(count > reps * 20);
	struct text_wrap *w = text_wrap_new(t, 72);
	assert_true(text_wrap_count(w) >= reps * 3);
	text_wrap_free(w);
	text_free(t);
	free(s);
}

/* ---- search ------------------------------------------------------------------ */

static void test_search(void **state)
{
	(void)state;
	/*                      0         1         2         3
	 *                      0123456789012345678901234567890123 */
	struct text *t = text_of("Zo\xC3\xAB met ZO\xC3\x8B; zo\xC3\xAB left \xF0\x9F\x98\x80 zo");
	size_t a, b;
	assert_true(text_search(t, "zo\xC3\xAB", 0, 0, &a, &b));
	assert_int_equal(a, 13);
	assert_int_equal(b, 16);
	assert_true(text_search(t, "zo\xC3\xAB", 0, TEXT_SEARCH_IGNORE_CASE, &a, &b));
	assert_int_equal(a, 0);
	assert_true(text_search(t, "zo\xC3\xAB", 1, TEXT_SEARCH_IGNORE_CASE, &a, &b));
	assert_int_equal(a, 8);
	/* smart case: lower-case pattern ignores case, a capital does not */
	assert_true(text_search(t, "zo\xC3\xAB", 0, TEXT_SEARCH_SMART_CASE, &a, &b));
	assert_int_equal(a, 0);
	assert_true(text_search(t, "ZO", 1, TEXT_SEARCH_SMART_CASE, &a, &b));
	assert_int_equal(a, 8);
	/* backwards: the last match before from */
	assert_true(text_search(t, "zo", 14, TEXT_SEARCH_BACKWARD, &a, &b));
	assert_int_equal(a, 13);
	assert_false(text_search(t, "zo", 13, TEXT_SEARCH_BACKWARD, &a, &b));
	assert_true(text_search(t, "zo", 13, TEXT_SEARCH_BACKWARD | TEXT_SEARCH_WRAP, &a, &b));
	assert_int_equal(a, 24);
	assert_int_equal(b, 26);
	/* forwards from past the last match, wrapping */
	assert_false(text_search(t, "met", 5, 0, &a, &b));
	assert_true(text_search(t, "met", 5, TEXT_SEARCH_WRAP, &a, &b));
	assert_int_equal(a, 4);
	/* a 4-byte character */
	assert_true(text_search(t, "\xF0\x9F\x98\x80 z", 0, 0, &a, &b));
	assert_int_equal(a, 22);
	assert_int_equal(b, 25);
	assert_false(text_search(t, "", 0, TEXT_SEARCH_WRAP, &a, &b));
	assert_false(text_search(t, "absent", 0, TEXT_SEARCH_WRAP, &a, &b));
	assert_false(text_search(t, "a much longer pattern than the text itself", 0, 0, &a, &b));
	text_free(t);
}

/* ---- grapheme clusters ---------------------------------------------------- */

#define CAPRARU "Ca\xCC\x86praru"                                        /* a + U+0306 */
#define HEALTH_WORKER "\xF0\x9F\x91\xA9\xE2\x80\x8D\xE2\x9A\x95\xEF\xB8\x8F" /* 4 cps */
#define FAMILY "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7"
#define FLAG_EE "\xF0\x9F\x87\xAA\xF0\x9F\x87\xAA"                      /* 2 cps */
#define HEART "\xE2\x9D\xA4\xEF\xB8\x8F"                                 /* 2 cps */
#define THUMB_TONE "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD"                    /* 2 cps */

/* 0-7 Căpraru, 8 space, 9-12 👩‍⚕️, 13, 14-18 👨‍👩‍👧, 19, 20-21 🇪🇪, 22,
 * 23-24 ❤️, 25, 26-27 👍🏽, 28, 29 x */
static const char clusters[] = CAPRARU " " HEALTH_WORKER " " FAMILY " " FLAG_EE " " HEART
                               " " THUMB_TONE " x";
static const size_t cluster_stops[] = {0,  1,  3,  4,  5,  6,  7,  8,  9,  13,
                                       14, 19, 20, 22, 23, 25, 26, 28, 29, 30};

static void test_cluster_motion(void **state)
{
	(void)state;
	struct text *t = text_of(clusters);
	size_t n = sizeof cluster_stops / sizeof *cluster_stops;
	assert_int_equal(text_length(t), 30);
	for (size_t i = 0; i + 1 < n; i++) {
		assert_int_equal(text_cluster_next(t, cluster_stops[i]), cluster_stops[i + 1]);
		assert_int_equal(text_cluster_prev(t, cluster_stops[i + 1]), cluster_stops[i]);
		/* every offset inside a cluster snaps to its ends */
		for (size_t cp = cluster_stops[i]; cp < cluster_stops[i + 1]; cp++) {
			assert_int_equal(text_cluster_start(t, cp), cluster_stops[i]);
			assert_int_equal(text_cluster_up(t, cp),
			                 cp == cluster_stops[i] ? cp : cluster_stops[i + 1]);
			assert_int_equal(text_cluster_next(t, cp), cluster_stops[i + 1]);
		}
	}
	assert_int_equal(text_cluster_next(t, 30), 30);
	assert_int_equal(text_cluster_next(t, 99), 30);
	assert_int_equal(text_cluster_prev(t, 0), 0);
	assert_int_equal(text_cluster_prev(t, 99), 29);
	assert_int_equal(text_cluster_start(t, 99), 30);
	text_free(t);
	/* regional indicators pair up from the start of their run */
	t = text_of(FLAG_EE FLAG_EE "\xF0\x9F\x87\xAA");
	assert_int_equal(text_cluster_next(t, 0), 2);
	assert_int_equal(text_cluster_next(t, 2), 4);
	assert_int_equal(text_cluster_next(t, 4), 5);
	assert_int_equal(text_cluster_start(t, 3), 2);
	assert_int_equal(text_cluster_prev(t, 5), 4);
	text_free(t);
	/* a long run of combining marks is one cluster */
	char marks[2 + 200 * 2 + 1] = "xa";
	for (int i = 0; i < 200; i++)
		memcpy(marks + 2 + i * 2, "\xCC\x81", 2);
	marks[sizeof marks - 1] = '\0';
	t = text_of(marks);
	assert_int_equal(text_cluster_next(t, 1), 202);
	assert_int_equal(text_cluster_start(t, 150), 1);
	text_free(t);
}

static void test_cluster_words(void **state)
{
	(void)state;
	struct text *t = text_of(CAPRARU " said " HEALTH_WORKER " Zo" "e\xCC\x88" "'s x");
	/* 0-7 Căpraru, 9-12 said, 14-17 emoji, 19-23 Zoë ('s at 23) */
	assert_int_equal(text_word_next(t, 0), 9);
	assert_int_equal(text_word_next(t, 2), 9);
	assert_int_equal(text_word_end(t, 0), 8);
	assert_int_equal(text_word_prev(t, 9), 0);
	assert_int_equal(text_word_next(t, 9), 14);
	assert_int_equal(text_word_end(t, 14), 18); /* the emoji sequence is one word */
	assert_int_equal(text_word_next(t, 14), 19);
	/* the apostrophe after ë (e + U+0308) is inside the word */
	assert_int_equal(text_word_end(t, 19), 25);
	text_free(t);
}

/* The cells of display line `line` as "text:col+width" joined by "|". */
static char *cells_new(const struct text_wrap *w, size_t line)
{
	char *out = xmalloc(1024);
	size_t len = 0;
	struct text_cells it;
	struct text_cell c;
	text_wrap_cells(w, line, &it);
	out[0] = '\0';
	while (text_cells_next(&it, &c))
		len += (size_t)snprintf(out + len, 1024 - len, "%s%s:%d+%d%s", len ? "|" : "", c.text,
		                        c.col, c.width, c.pad ? "p" : "");
	return out;
}

static void test_wrap_clusters(void **state)
{
	(void)state;
	assert_wrap(CAPRARU, 4, "Ca\xCC\x86pr|aru");
	/* 4 columns each: drawn without the joiner, the staff with VS16 reserves 2 */
	assert_wrap(HEALTH_WORKER HEALTH_WORKER, 3, HEALTH_WORKER "|" HEALTH_WORKER);
	assert_wrap(HEALTH_WORKER HEALTH_WORKER, 7, HEALTH_WORKER "|" HEALTH_WORKER);
	assert_wrap(HEALTH_WORKER HEALTH_WORKER, 8, HEALTH_WORKER HEALTH_WORKER);
	assert_wrap(FAMILY "ab", 7, FAMILY "a|b");
	assert_wrap(FLAG_EE FLAG_EE FLAG_EE, 5, FLAG_EE FLAG_EE "|" FLAG_EE);
	assert_wrap("a" HEART "b", 2, "a|" HEART "|b");
	assert_wrap("a" HEART "b", 3, "a" HEART "|b");
	assert_wrap(THUMB_TONE THUMB_TONE, 5, THUMB_TONE "|" THUMB_TONE);
	/* a zero-width space takes a column: it is shown */
	assert_wrap("Train\xE2\x80\x8Bing", 8, "Train\xE2\x80\x8Bin|g");
	static const char *const texts[] = {clusters, "x " CAPRARU " " FAMILY FAMILY " " HEART
	                                              HEART FLAG_EE FLAG_EE "\tend\n"};
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
		for (int width = 1; width <= 24; width++) {
			struct text *t = text_of(texts[i]);
			struct text_wrap *w = text_wrap_new(t, width);
			for (size_t line = 0; line < text_wrap_count(w); line++) {
				size_t a, b, at;
				text_wrap_line(w, line, &a, &b);
				assert_true(text_cluster_start(t, a) == a);
				assert_true(text_cluster_up(t, b) == b);
				struct text_cells it;
				struct text_cell c;
				text_wrap_cells(w, line, &it);
				at = a;
				while (text_cells_next(&it, &c)) {
					assert_int_equal(c.start, at);
					at = c.end;
					/* no cluster runs past the width but alone on a line */
					assert_true(c.col + c.width <= width || c.col == 0 ||
					            text_cp(t, c.start) == ' ' || text_cp(t, c.start) == '\t');
					assert_int_equal(text_wrap_col_of(w, c.start), c.col);
					assert_int_equal(text_wrap_col_of(w, c.end - 1), c.col);
					if (c.width > 0)
						assert_int_equal(text_wrap_cp_at(w, line, c.col + c.width - 1),
						                 c.start);
				}
				assert_int_equal(at, b);
			}
			text_wrap_free(w);
			text_free(t);
		}
	}
}

static void test_wrap_cells(void **state)
{
	(void)state;
	struct text *t = text_of("a" HEART "\tb" CAPRARU "\n" HEALTH_WORKER "Train\xE2\x80\x8B" "e"
	                         "\n\xCC\x81x\x1b");
	struct text_wrap *w = text_wrap_new(t, 40);
	char *s = cells_new(w, 0);
	assert_string_equal(s, "a:0+1|" HEART ":1+2p|     :3+5|b:8+1|C:9+1|a\xCC\x86:10+1|p:11+1|"
	                       "r:12+1|a:13+1|r:14+1|u:15+1");
	free(s);
	s = cells_new(w, 1);
	/* the joiner is not drawn: the emoji side by side, as ncursesw counts them */
	assert_string_equal(s, "\xF0\x9F\x91\xA9\xE2\x9A\x95\xEF\xB8\x8F" ":0+4p|T:4+1|r:5+1|a:6+1|i:7+1|n:8+1|"
	                       "\xEF\xBF\xBD:9+1|e:10+1");
	free(s);
	/* a mark that starts a line sits on a dotted circle; ESC is a picture */
	s = cells_new(w, 2);
	assert_string_equal(s, "\xE2\x97\x8C\xCC\x81:0+1|x:1+1|\xE2\x90\x9B:2+1");
	free(s);
	/* the cursor's column for every code point of a cluster is its start */
	assert_int_equal(text_wrap_col_of(w, 2), 1);
	assert_int_equal(text_wrap_col_of(w, 3), 3);
	assert_int_equal(text_wrap_cp_at(w, 0, 2), 1);
	assert_int_equal(text_wrap_cp_at(w, 0, 10), 6);
	text_wrap_free(w);
	text_free(t);
}

static void test_search_folds(void **state)
{
	(void)state;
	/*                       0123456789012345678901234567890 */
	struct text *t = text_of("Ewa \xC5\x81ukasz, Herr M\xC3\xBCller, cafe\xCC\x81, Stra\xC3\x9F" "e");
	size_t a, b;
	int smart = TEXT_SEARCH_SMART_CASE | TEXT_SEARCH_WRAP;
	assert_true(text_search(t, "\xC5\x82ukasz", 0, smart, &a, &b)); /* łukasz */
	assert_int_equal(a, 4);
	assert_int_equal(b, 10);
	assert_false(text_search(t, "lukasz", 0, smart, &a, &b));
	assert_true(text_search(t, "muller", 0, smart, &a, &b));
	assert_int_equal(a, 17);
	assert_int_equal(b, 23);
	/* a capital: case counts, accents still do not */
	assert_true(text_search(t, "Muller", 0, smart, &a, &b));
	assert_int_equal(a, 17);
	assert_false(text_search(t, "MULLER", 0, smart, &a, &b));
	assert_true(text_search(t, "MULLER", 0, TEXT_SEARCH_IGNORE_CASE, &a, &b));
	assert_true(text_search(t, "cafe", 0, smart, &a, &b));
	assert_int_equal(a, 25);
	assert_int_equal(b, 30); /* with the accent */
	assert_true(text_search(t, "caf\xC3\xA9", 0, smart, &a, &b)); /* precomposed é */
	assert_int_equal(a, 25);
	assert_true(text_search(t, "strasse", 0, smart, &a, &b));
	assert_int_equal(a, 32);
	assert_int_equal(b, 38);
	/* exact: the decomposed é is not e */
	assert_false(text_search(t, "cafe", 0, 0, &a, &b));
	assert_true(text_search(t, "cafe\xCC\x81", 0, 0, &a, &b));
	/* the cursor never lands inside a cluster */
	assert_false(text_search(t, "\xCC\x81", 0, TEXT_SEARCH_WRAP, &a, &b));
	text_free(t);
}

int main(void)
{
	testutil_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_offsets_multibyte),
		cmocka_unit_test(test_offsets_long_text),
		cmocka_unit_test(test_offsets_invalid_and_empty),
		cmocka_unit_test(test_wrap_words),
		cmocka_unit_test(test_wrap_wide_and_combining),
		cmocka_unit_test(test_wrap_tabs),
		cmocka_unit_test(test_wrap_roundtrip),
		cmocka_unit_test(test_wrap_cursor_columns),
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_paragraphs),
		cmocka_unit_test(test_sentences),
		cmocka_unit_test(test_sentence_at_and_prev),
		cmocka_unit_test(test_motions_large_text),
		cmocka_unit_test(test_search),
		cmocka_unit_test(test_cluster_motion),
		cmocka_unit_test(test_cluster_words),
		cmocka_unit_test(test_wrap_clusters),
		cmocka_unit_test(test_wrap_cells),
		cmocka_unit_test(test_search_folds),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
