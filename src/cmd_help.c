/* cmd_help.c - jaw --help and jaw COMMAND --help, written from the table
 * of commands (cmd.c), wrapped to 79 columns. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "kinds.h"

#define CMD_HELP_WIDTH 79
#define CMD_HELP_TEXT 21 /* the column an option's help starts in */

/* Writes text from column col, wrapping at word boundaries to lines that
 * start at column indent; ends the line. */
static void help_wrap(FILE *out, const char *text, int col, int indent)
{
	const char *p = text;
	while (*p) {
		size_t word = strcspn(p, " ");
		if (col > indent && col + 1 + (int)word > CMD_HELP_WIDTH) {
			fprintf(out, "\n%*s", indent, "");
			col = indent;
		} else if (col > indent) {
			fputc(' ', out);
			col++;
		}
		fwrite(p, 1, word, out);
		col += (int)word;
		p += word;
		while (*p == ' ')
			p++;
	}
	fputc('\n', out);
}

/* Writes label at column indent, then text from column at (on the next line
 * when the label reaches it). */
static void help_item(FILE *out, int indent, const char *label, int at, const char *text)
{
	int col = fprintf(out, "%*s%s", indent, "", label);
	if (col + 2 > at) {
		fputc('\n', out);
		col = 0;
	}
	fprintf(out, "%*s", at - col, "");
	help_wrap(out, text, at, at);
}

const char *cmd_option_help(const struct cmd_option *o, char *buf, size_t size)
{
	char words[256] = "";
	if (o->choices)
		kinds_describe(o->choices, words, sizeof words);
	snprintf(buf, size, "%s%s%s", o->help, *words ? ": " : "", words);
	return buf;
}

/* "--title T", "-o, --output OUT". */
static void help_option_label(const struct cmd_option *o, char *buf, size_t size)
{
	char letter[8] = "";
	if (o->letter)
		snprintf(letter, sizeof letter, "-%c, ", o->letter);
	snprintf(buf, size, "%s--%s%s%s", letter, o->name, o->arg ? " " : "", o->arg ? o->arg : "");
}

/* The usage of c on one line: "jaw init FILE [--title T] ...". */
static void help_usage_line(const struct cmd_command *c, char *buf, size_t size)
{
	size_t len = (size_t)snprintf(buf, size, "jaw %s %s", c->name, c->words);
	for (const struct cmd_option *o = c->options; o->name && len < size; o++) {
		char opt[128];
		if (o->letter)
			snprintf(opt, sizeof opt, "-%c%s%s", o->letter, o->arg ? " " : "",
			         o->arg ? o->arg : "");
		else
			snprintf(opt, sizeof opt, "--%s%s%s", o->name, o->arg ? " " : "",
			         o->arg ? o->arg : "");
		len += (size_t)snprintf(buf + len, size - len, o->required ? " %s" : " [%s]", opt);
	}
}

/* Writes c's usage after prefix, wrapped under the command's first word. */
static void help_usage(FILE *out, const char *prefix, const struct cmd_command *c)
{
	char line[1024];
	help_usage_line(c, line, sizeof line);
	int indent = (int)strlen(prefix) + (int)strlen("jaw ") + (int)strlen(c->name) + 1;
	/* keep "[--option ARG]" together: wrap at spaces outside brackets */
	int col = fprintf(out, "%s", prefix);
	const char *p = line;
	bool first = true;
	while (*p) {
		const char *end = p;
		int depth = 0;
		while (*end && (depth > 0 || *end != ' ')) {
			depth += *end == '[' ? 1 : *end == ']' ? -1 : 0;
			end++;
		}
		int n = (int)(end - p);
		if (!first && col + 1 + n > CMD_HELP_WIDTH) {
			col = fprintf(out, "\n%*s", indent, "") - 1;
		} else if (!first) {
			fputc(' ', out);
			col++;
		}
		fwrite(p, 1, (size_t)n, out);
		col += n;
		first = false;
		p = *end ? end + 1 : end;
	}
	fputc('\n', out);
}

/* Writes the options of c, indented by indent. */
static void help_options(FILE *out, const struct cmd_command *c, int indent, bool more)
{
	for (const struct cmd_option *o = c->options; o->name; o++) {
		char label[128], text[768];
		help_option_label(o, label, sizeof label);
		help_item(out, indent, label, CMD_HELP_TEXT, cmd_option_help(o, text, sizeof text));
		if (more && o->more) {
			fprintf(out, "%*s", CMD_HELP_TEXT, "");
			help_wrap(out, o->more, CMD_HELP_TEXT, CMD_HELP_TEXT);
		}
	}
}

void cmd_command_help(const struct cmd_command *c, FILE *out)
{
	help_usage(out, "usage: ", c);
	fputc('\n', out);
	help_wrap(out, c->description, 0, 0);
	fputs("\nOptions:\n", out);
	help_options(out, c, 2, true);
	help_item(out, 2, "-h, --help", CMD_HELP_TEXT, "show this help");
	fputs("\nExit status: 0 success, 1 failure (the message says why), 2 usage error.\n"
	      "See jaw(1).\n", out);
}

void cmd_help(FILE *out)
{
	fputs("usage: jaw FILE                 open a project in the interface\n"
	      "       jaw --demo               open the demo project (made the first time)\n", out);
	for (const struct cmd_command *c = cmd_commands; c->name; c++)
		help_usage(out, "       ", c);
	fputs("       jaw COMMAND --help       the usage and options of one command\n"
	      "       jaw --help | --version\n"
	      "\n"
	      "jaw, the Joint Analysis Workbench: timeline, stakeholders, evidence, coding\n"
	      "and findings of a joint analysis project, in one SQLite file per project.\n"
	      "\n"
	      "Commands:\n", out);
	for (const struct cmd_command *c = cmd_commands; c->name; c++) {
		char label[128];
		snprintf(label, sizeof label, "%s %s", c->name, c->words);
		help_item(out, 2, label, 19, c->summary);
		help_options(out, c, 4, false);
	}
	fputs("\n"
	      "Options:\n"
	      "  --demo           open the demo project, $XDG_DATA_HOME/jaw/demo.jaw\n"
	      "                   (~/.local/share/jaw): made the first time, then reused\n"
	      "  -h, --help       show this help\n"
	      "  -V, --version    show the version\n"
	      "\n"
	      "In the interface: ? help, Tab next pane, j/k move, a/e/d add/edit/delete,\n"
	      "Enter open (a source opens in the reader: v select, c code, u undo),\n"
	      "C codebook, : commands, / search, q quit.\n"
	      "A change waits for another session's import to end, saying so on stderr.\n"
	      "Exit status: 0 success, 1 failure (the message says why), 2 usage error.\n"
	      "See jaw(1), jaw(5) and jawrc(5).\n", out);
}
