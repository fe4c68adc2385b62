/* test_cmd.c - the table of commands: well formed (options fit the parser,
 * names and letters are unique, every command runs and names its words),
 * option values found by name, and help text built from it. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "testutil.h"

static void test_table_well_formed(void **state)
{
	(void)state;
	int commands = 0;
	for (const struct cmd_command *c = cmd_commands; c->name; c++, commands++) {
		assert_ptr_equal(cmd_find(c->name), c);
		assert_non_null(c->run);
		assert_non_null(c->words);
		assert_non_null(c->words_error);
		assert_non_null(c->summary);
		assert_non_null(c->description);
		assert_true(c->min_words >= 1);
		assert_true(c->max_words < 0 || c->max_words >= c->min_words);
		int n = 0;
		for (const struct cmd_option *o = c->options; o->name; o++, n++) {
			assert_non_null(o->help);
			assert_true(strcmp(o->name, "help") != 0);
			assert_true(o->letter != 'h');
			for (const struct cmd_option *p = c->options; p != o; p++) {
				if (strcmp(p->name, o->name) == 0)
					fail_msg("%s: --%s twice", c->name, o->name);
				if (o->letter && p->letter == o->letter)
					fail_msg("%s: -%c twice", c->name, o->letter);
			}
		}
		if (n > CMD_MAX_OPTIONS)
			fail_msg("%s has %d options; the parser takes %d", c->name, n, CMD_MAX_OPTIONS);
	}
	assert_int_equal(commands, 14);
	assert_null(cmd_find("findings"));
}


/* cmd_value finds a value by the option's name, in the table's order. */
static void test_values_by_name(void **state)
{
	(void)state;
	const struct cmd_command *init = cmd_find("init");
	struct cmd_args a = {.cmd = init};
	a.values[0] = "Study";
	a.values[2] = "";
	assert_string_equal(cmd_value(&a, "title"), "Study");
	assert_null(cmd_value(&a, "codebook"));
	assert_string_equal(cmd_value(&a, "demo"), "");
	assert_null(cmd_value(&a, "nothing"));
}

static void test_option_help(void **state)
{
	(void)state;
	const struct cmd_command *c = cmd_find("import-notes");
	char buf[256];
	assert_string_equal(cmd_option_help(&c->options[0], buf, sizeof buf),
	                    "the notes' kind: interview, observation or document");
	c = cmd_find("export");
	assert_string_equal(cmd_option_help(&c->options[0], buf, sizeof buf),
	                    "write to OUT instead of standard output");
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	cmd_command_help(cmd_find("code"), out);
	fclose(out);
	assert_non_null(strstr(text, "usage: jaw code FILE --source ID --start N --end N --code"
	                             " NAME [--coder CODER]\n"));
	assert_non_null(strstr(text, "  --memo TEXT        a memo on the coding\n"));
	assert_non_null(strstr(text, "  -h, --help         show this help\n"));
	free(text);
}

int main(void)
{
	testutil_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_well_formed),
		cmocka_unit_test(test_values_by_name),
		cmocka_unit_test(test_option_help),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
