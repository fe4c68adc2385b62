/* mankeys.c - build-time tool: writes jaw(1)'s key tables from the same
 * entries the interface's help shows (ui/help.c: each view's table of
 * actions, the keys that work everywhere, the commands of every view) and
 * the default bindings (data/jawrc and src/views.def), and the commands'
 * synopsis and options from the table of commands (src/cmd.c), so the
 * manual cannot drift from the program.
 *
 * usage: mankeys < man/jaw.1.in > man/jaw.1
 * Copies its input, replacing a line "@KEY_TABLES@" with the tables,
 * "@COMMAND_SYNOPSIS@" with the commands' synopsis, "@COMMAND_OPTIONS
 * NAME@" with the options of the command NAME, and "@VERSION@" with the
 * version. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "action.h"
#include "cmd.h"
#include "jawrc.h"
#include "ui.h"

enum { MANKEYS_MAX = ACTION_COUNT + 64 };

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

/* The default keys of entry e in view's keymap; false when none. */
static bool mankeys_keys(const struct jawrc *rc, enum jawrc_keymap map,
                         const struct help_entry *e, char *keys, size_t size)
{
	keys[0] = '\0';
	for (int k = 0; k <= e->span; k++) {
		char one[64];
		if (jawrc_keys_effective(rc, map, (enum action)(e->action + k), one, sizeof one) > 0)
			snprintf(keys + strlen(keys), size - strlen(keys), "%s%s", *keys ? ", " : "", one);
	}
	return *keys != '\0';
}

/* One key: its keys, what it does, and the names of its actions. */
static void mankeys_entry(const struct jawrc *rc, enum jawrc_keymap map,
                          const struct help_entry *e)
{
	char keys[256];
	if (!mankeys_keys(rc, map, e, keys, sizeof keys))
		return;
	fputs(".TP 18\n.B ", stdout);
	mankeys_text(keys);
	putchar('\n');
	mankeys_text(e->text);
	fputs(" (", stdout);
	for (int k = 0; k <= e->span; k++) {
		fputs(k ? ", \\fB" : "\\fB", stdout);
		mankeys_text(action_name((enum action)(e->action + k)));
		fputs("\\fR", stdout);
	}
	fputs(")\n", stdout);
}

/* The parts of view's help, each heading a subsection. */
static void mankeys_view(const struct jawrc *rc, enum view_id view, int parts,
                         const char *prefix)

{
	struct help_entry e[MANKEYS_MAX];
	int n = help_entries(view, parts, e, MANKEYS_MAX);
	for (int i = 0; i < n; i++) {
		if (e[i].heading) {
			printf(".SS %s", prefix);
			mankeys_text(e[i].heading);
			putchar('\n');
		} else if (e[i].command) {
			fputs(".TP 18\n.B :", stdout);
			mankeys_text(e[i].command->name);
			if (*e[i].command->args) {
				fputs(" \\fI", stdout);
				mankeys_text(e[i].command->args);
				fputs("\\fR", stdout);
			}
			putchar('\n');
			mankeys_text(e[i].text);
			fputs(".\n", stdout);
		} else {
			mankeys_entry(rc, ui_views[view].keymap, &e[i]);
		}
	}
}

/* Actions no keymap binds by default. */
static void mankeys_unbound(const struct jawrc *rc)
{
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

static void mankeys_tables(const struct jawrc *rc)
{
	for (int v = 0; v < VIEW_COUNT; v++)
		mankeys_view(rc, (enum view_id)v, HELP_OWN, "");
	/* the keys every list and the panes share, and those that work
	 * everywhere, as a pane with no keys of its own would list them */
	mankeys_view(rc, VIEW_TIMELINE, HELP_MOVING | HELP_PANES | HELP_EVERYWHERE, "");
	mankeys_unbound(rc);
	mankeys_view(rc, VIEW_TIMELINE, HELP_COMMANDS, "");
}

/* The synopsis lines of c's words: literal words bold, names italic. */
static void mancmd_words(const char *words)
{
	char copy[256];
	snprintf(copy, sizeof copy, "%s", words);
	for (char *w = strtok(copy, " "); w; w = strtok(NULL, " ")) {
		size_t len = strlen(w);
		bool dots = len > 3 && strcmp(w + len - 3, "...") == 0;
		if (dots)
			w[len - 3] = '\0';
		bool name = w[0] >= 'A' && w[0] <= 'Z';
		fputs(dots ? ".IR " : name ? ".I " : ".B ", stdout);
		mankeys_text(w);
		fputs(dots ? " ...\n" : "\n", stdout);
	}
}

/* "\-o" or "\-\-title". */
static void mancmd_option_name(const struct cmd_option *o, bool short_form)
{
	if (short_form && o->letter) {
		printf("\\-%c", o->letter);
		return;
	}
	fputs("\\-\\-", stdout);
	mankeys_text(o->name);
}

static void mancmd_synopsis(void)
{
	for (const struct cmd_command *c = cmd_commands; c->name; c++) {
		if (c != cmd_commands)
			fputs(".br\n", stdout);
		fputs(".B jaw ", stdout);
		mankeys_text(c->name);
		putchar('\n');
		mancmd_words(c->words);
		for (const struct cmd_option *o = c->options; o->name; o++) {
			fputs(o->required ? ".B " : ".RB [ ", stdout);
			mancmd_option_name(o, true);
			if (o->arg) {
				fputs(o->required ? "\n.I " : "\n.IR ", stdout);
				mankeys_text(o->arg);
			}
			fputs(o->required ? "\n" : " ]\n", stdout);
		}
	}
}

/* The options of the command name, as a list of tagged paragraphs. */
static int mancmd_options(const char *name)
{
	const struct cmd_command *c = cmd_find(name);
	if (!c) {
		fprintf(stderr, "mankeys: no command \"%s\"\n", name);
		return 1;
	}
	fputs(".RS\n", stdout);
	for (const struct cmd_option *o = c->options; o->name; o++) {
		/* the tag on one line: .BI "\-o, \-\-output " OUT */
		fputs(o->arg ? ".TP\n.BI \"" : ".TP\n.B \"", stdout);
		if (o->letter)
			printf("\\-%c, ", o->letter);
		mancmd_option_name(o, false);
		if (o->arg) {
			fputs(" \" ", stdout);
			mankeys_text(o->arg);
		} else {
			putchar('"');
		}
		char help[768];
		cmd_option_help(o, help, sizeof help);
		help[0] = (char)(help[0] >= 'a' && help[0] <= 'z' ? help[0] - 'a' + 'A' : help[0]);
		putchar('\n');
		mankeys_text(help);
		fputs(".\n", stdout);
		if (o->more) {
			mankeys_text(o->more);
			putchar('\n');
		}
	}
	fputs(".RE\n", stdout);
	return 0;
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
		if (strcmp(line, "@COMMAND_SYNOPSIS@\n") == 0) {
			mancmd_synopsis();
			continue;
		}
		if (strncmp(line, "@COMMAND_OPTIONS ", 17) == 0) {
			char *end = strchr(line + 17, '@');
			if (end)
				*end = '\0';
			if (!end || mancmd_options(line + 17) != 0)
				return 1;
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
