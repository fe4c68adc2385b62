/* test_markdown.c - text escaped for pandoc's Markdown: every character
 * that is markup escaped, the rest (Unicode) as written, line structure
 * kept, control characters replaced, YAML quoting. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "markdown.h"
#include "testutil.h"

/* The output of one of the writers, as a new string. */
struct capture {
	char *buf;
	size_t len;
	FILE *out;
};

static void capture_start(struct capture *c)
{
	c->buf = NULL;
	c->out = open_memstream(&c->buf, &c->len);
	assert_non_null(c->out);
}

static char *capture_end(struct capture *c)
{
	fclose(c->out);
	return c->buf;
}

static void assert_inline(const char *in, const char *want)
{
	struct capture c;
	capture_start(&c);
	md_inline(c.out, in);
	char *got = capture_end(&c);
	if (strcmp(got, want) != 0)
		fail_msg("md_inline(\"%s\"): \"%s\", expected \"%s\"", in, got, want);
	free(got);
}

static void assert_block(const char *in, const char *prefix, const char *want)
{
	struct capture c;
	capture_start(&c);
	md_block(c.out, in, prefix);
	char *got = capture_end(&c);
	if (strcmp(got, want) != 0)
		fail_msg("md_block(\"%s\"): \"%s\", expected \"%s\"", in, got, want);
	free(got);
}

static void test_inline_markup(void **state)
{
	(void)state;
	assert_inline("plain words", "plain words");
	assert_inline("*bold* _it_ `code`", "\\*bold\\* \\_it\\_ \\`code\\`");
	assert_inline("a | b", "a \\| b");
	assert_inline("<b>x</b> &amp;", "\\<b\\>x\\</b\\> \\&amp;");
	assert_inline("[link](http://x) ![img](y)", "\\[link\\](http://x) !\\[img\\](y)");
	assert_inline("$x$ @cite ^sup^ ~sub~ {.class}",
	              "\\$x\\$ \\@cite \\^sup\\^ \\~sub\\~ \\{.class\\}");
	assert_inline("back\\slash", "back\\\\slash");
	assert_inline("# not a heading #", "\\# not a heading \\#");
	assert_inline("> not a quote", "\\> not a quote");
	/* only at a line's start: lists, definitions, divs, example lists */
	assert_inline("- item", "\\- item");
	assert_inline("+ item", "\\+ item");
	assert_inline(": term", "\\: term");
	assert_inline("::: div", "\\::: div");
	assert_inline("(@) ex", "\\(\\@) ex");
	assert_inline("= x", "\\= x");
	assert_inline("a - b + c = d: e", "a - b + c = d: e");
	assert_inline("1. first", "1\\. first");
	assert_inline("12) twelfth", "12\\) twelfth");
	assert_inline("iv. fourth", "iv\\. fourth");
	assert_inline("B. Smith", "B\\. Smith");
	assert_inline("The end. 1. Not a list", "The end. 1. Not a list");
}

static void test_inline_smart(void **state)
{
	(void)state;
	/* pandoc's smart typography would change these characters */
	assert_inline("\"q\" 'a'", "\\\"q\\\" \\'a\\'");
	assert_inline("a--b c---d", "a\\--b c\\-\\--d");
	assert_inline("wait...", "wait\\.\\..");
	assert_inline("Dr. Who and Capt. Cy, e.g. this", "Dr\\. Who and Capt\\. Cy, e.g\\. this");
	assert_inline("see Col. Jones. Mr.X", "see Col. Jones. Mr.X");
	assert_inline("ÄMr. x", "ÄMr. x");
	/* Unicode as written */
	assert_inline("Ayşe Yılmaz – “quoted” — Σ 😀 İzmir",
	              "Ayşe Yılmaz – “quoted” — Σ 😀 İzmir");
	assert_inline("e\xCC\x81", "e\xCC\x81");
}

static void test_inline_blanks_and_controls(void **state)
{
	(void)state;
	assert_inline("    indented  ", "indented");
	assert_inline("two\nlines\r\nhere", "two lines  here");
	assert_inline("tab\there", "tab\there");
	assert_inline("esc\x1b[31m bell\x07", "esc\xEF\xBF\xBD\\[31m bell\xEF\xBF\xBD");
	assert_inline("del\x7f c1\xC2\x85", "del\xEF\xBF\xBD c1\xEF\xBF\xBD");
	assert_inline("bad\xff byte", "bad\xEF\xBF\xBD byte");
	assert_inline("", "");
	assert_inline(NULL, "");
}

static void test_block(void **state)
{
	(void)state;
	assert_block("one line", "", "one line\n");
	/* lines kept by hard breaks; paragraphs by a blank line */
	assert_block("a\nb\n\n\nc", "", "a\\\nb\n\nc\n");
	assert_block("a\nb\n\nc\n", "> ", "> a\\\n> b\n>\n> c\n");
	/* each line's start is a line's start */
	assert_block("text\n- item\n1. one\n    code\n> quote\n# head", "",
	             "text\\\n\\- item\\\n1\\. one\\\ncode\\\n\\> quote\\\n\\# head\n");
	/* a line ending in a backslash stays one */
	assert_block("ends in \\\nnext", "", "ends in \\\\\\\nnext\n");
	/* blank text writes nothing */
	assert_block("", "> ", "");
	assert_block(" \n\t\n", "", "");
	assert_block("\n\nlate", "", "late\n");
	assert_block("crlf\r\nlines\r\n", "", "crlf\\\nlines\n");
}

static void test_yaml(void **state)
{
	(void)state;
	struct capture c;
	capture_start(&c);
	md_yaml(c.out, "title", "It's *the* \"study\": 1. phase\n2");
	char *got = capture_end(&c);
	assert_string_equal(got, "title: 'It\\''s \\*the\\* \\\"study\\\": 1. phase 2'\n");
	free(got);
	capture_start(&c);
	md_yaml(c.out, "title", "1. Numbered");
	got = capture_end(&c);
	assert_string_equal(got, "title: '1\\. Numbered'\n");
	free(got);
}

int main(void)
{
	testutil_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_inline_markup),
		cmocka_unit_test(test_inline_smart),
		cmocka_unit_test(test_inline_blanks_and_controls),
		cmocka_unit_test(test_block),
		cmocka_unit_test(test_yaml),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
