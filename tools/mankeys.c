/* mankeys.c - build-time tool: writes jaw(1)'s key tables from the action
 * table (src/action.def) and the default bindings (data/jawrc), so the
 * manual cannot drift from the program.
 *
 * usage: mankeys < man/jaw.1.in > man/jaw.1
 * Copies its input, replacing a line "@KEY_TABLES@" with the tables and
 * "@VERSION@" with the version. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "action.h"
#include "jawrc.h"

/* Writes s with troff's special characters escaped. */
static void mankeys_text(const char *s)
{
	for (; *s; s++) {
		if (*s == '\\')
			fputs("\\e", stdout);
		else if (*s == '-')
			fputs("\\-", stdout);
		else
			putchar(*s);
	}
}

static void mankeys_table(const struct jawrc *rc, enum jawrc_keymap map, const char *heading)
{
	bool any = false;
	for (int a = ACTION_NONE + 1; a < ACTION_COUNT; a++) {
		char keys[256];
		if (jawrc_keys_for(rc, map, (enum action)a, keys, sizeof keys) == 0)
			continue;
		if (!any)
			printf(".SS %s\n", heading);
		any = true;
		fputs(".TP 18\n.B ", stdout);
		mankeys_text(keys);
		putchar('\n');
		mankeys_text(action_help((enum action)a));
		fputs(" (\\fB", stdout);
		mankeys_text(action_name((enum action)a));
		fputs("\\fR)\n", stdout);
	}
}

static void mankeys_tables(const struct jawrc *rc)
{
	mankeys_table(rc, JAWRC_GENERIC, "Everywhere");
	for (int m = JAWRC_GENERIC + 1; m < JAWRC_KEYMAP_COUNT; m++) {
		char heading[64];
		snprintf(heading, sizeof heading, "In the %s view", jawrc_keymap_name((enum jawrc_keymap)m));
		mankeys_table(rc, (enum jawrc_keymap)m, heading);
	}
	bool first = true;
	for (int a = ACTION_NONE + 1; a < ACTION_COUNT; a++) {
		char keys[256];
		bool bound = false;
		for (int m = 0; m < JAWRC_KEYMAP_COUNT; m++)
			bound |= jawrc_keys_for(rc, (enum jawrc_keymap)m, (enum action)a, keys,
			                        sizeof keys) > 0;
		if (bound)
			continue;
		fputs(first ? ".SS Actions without a default key\nThese can be bound in\n"
		              ".BR jawrc (5):\n" : ",\n", stdout);
		fputs(".B ", stdout);
		mankeys_text(action_name((enum action)a));
		first = false;
	}
	if (!first)
		fputs(".\n", stdout);
}

int main(void)
{
	struct jawrc *rc = jawrc_new();
	if (jawrc_load_defaults(rc, NULL, NULL) != 0) {
		fputs("mankeys: the built-in jawrc has errors\n", stderr);
		return 1;
	}
	char line[4096];
	while (fgets(line, sizeof line, stdin)) {
		if (strcmp(line, "@KEY_TABLES@\n") == 0) {
			mankeys_tables(rc);
			continue;
		}
		char *v = strstr(line, "@VERSION@");
		if (v) {
			*v = '\0';
			printf("%s%s%s", line, PACKAGE_VERSION, v + strlen("@VERSION@"));
			continue;
		}
		fputs(line, stdout);
	}
	jawrc_free(rc);
	return ferror(stdout) ? 1 : 0;
}
