/* cmd_line.c - reading a command's line by the table (cmd.c) with
 * getopt_long, and the usage errors it names. */
#include "config.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "db.h"
#include "safeout.h"
#include "err.h"

/* getopt_long's value for option i of a table (above any character). */
#define CMD_LONG_BASE 256

int cmd_fail(int status, const char *msg)
{
	safeout_printf(stderr, "jaw: %s\n", msg);
	if (status == JAW_USAGE)
		fputs("Try 'jaw --help' for more information.\n", stderr);
	return status;
}

int cmd_usage(const struct cmd_args *a, const char *fmt, ...)
{
	char msg[768];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	safeout_printf(stderr, "jaw: %s: %s\nTry 'jaw %s --help' for more information.\n",
	               a->cmd->name, msg, a->cmd->name);
	return JAW_USAGE;
}

int cmd_unknown(const char *word, const char *next)
{
	if (word[0] != '-' && !strchr(word, '.') && !strchr(word, '/') && access(word, F_OK) != 0) {
		safeout_printf(stderr, "jaw: unknown command \"%s\"; see jaw --help\n", word);
		return JAW_USAGE;
	}
	char msg[512];
	snprintf(msg, sizeof msg, "unexpected \"%.200s\" after %.200s", next, word);
	return cmd_fail(JAW_USAGE, msg);
}

/* The table's index of the option getopt_long returned as val, or -1. */
static int cmd_option_index(const struct cmd_command *c, int val)
{
	if (val >= CMD_LONG_BASE)
		return val - CMD_LONG_BASE;
	for (int i = 0; val > 0 && c->options[i].name; i++)
		if (c->options[i].letter == val)
			return i;
	return -1;
}

/* Builds getopt_long's tables from c's options (and -h, --help). */
static void cmd_getopt_tables(const struct cmd_command *c, struct option *longopts,
                              char *shortopts)
{
	int n = 0, k = 0;
	shortopts[k++] = ':';
	shortopts[k++] = 'h';
	for (; c->options[n].name && n < CMD_MAX_OPTIONS; n++) {
		const struct cmd_option *o = &c->options[n];
		longopts[n] = (struct option){o->name, o->arg ? required_argument : no_argument, NULL,
		                              CMD_LONG_BASE + n};
		if (o->letter) {
			shortopts[k++] = o->letter;
			if (o->arg)
				shortopts[k++] = ':';
		}
	}
	longopts[n++] = (struct option){"help", no_argument, NULL, 'h'};
	longopts[n] = (struct option){NULL, 0, NULL, 0};
	shortopts[k] = '\0';
}

/* Names the option getopt_long stopped at: the word as typed, without a
 * value after "=". */
static void cmd_bad_option(int argc, char **argv, char *out, size_t size)
{
	const char *word = optind > 0 && optind <= argc ? argv[optind - 1] : "";
	if (optopt > 0 && optopt < CMD_LONG_BASE && strncmp(word, "--", 2) != 0)
		snprintf(out, size, "-%c", optopt);
	else
		snprintf(out, size, "%.*s", (int)strcspn(word, "="), word);
}

/* Says what is wrong with the option at which getopt_long returned ch. */
static int cmd_option_error(const struct cmd_args *a, int ch, int argc, char **argv)
{
	char name[128];
	cmd_bad_option(argc, argv, name, sizeof name);
	if (ch == ':')
		return cmd_usage(a, "%s needs a value", name);
	if (cmd_option_index(a->cmd, optopt) >= 0)
		return cmd_usage(a, "%s takes no value", name);
	return cmd_usage(a, "unknown option %s", name);
}

/* Refuses a command without one of its required options, naming them all. */
static int cmd_check_required(const struct cmd_args *a)
{
	const struct cmd_option *o = a->cmd->options;
	bool missing = false;
	for (int i = 0; o[i].name; i++)
		missing |= o[i].required && !a->values[i];
	if (!missing)
		return JAW_OK;
	char list[512] = "";
	size_t len = 0;
	for (int i = 0; o[i].name && len < sizeof list; i++)
		if (o[i].required)
			len += (size_t)snprintf(list + len, sizeof list - len, "%s--%s %s", len ? " " : "",
			                        o[i].name, o[i].arg ? o[i].arg : "");
	return cmd_usage(a, "say %s", list);
}

/* A command waiting for another session's lock says so on stderr, once
 * for each holder: at once for an announced one (an import), after a
 * second for one that said nothing. It waits on: a command is ended with
 * Ctrl-C. */
static bool cmd_wait(void *ctx, const struct db_wait *w)
{
	char *said = ctx; /* what it last said */
	char line[600];
	if (w->holder)
		snprintf(line, sizeof line, "waiting for %s to end", w->holder);
	else if (w->seconds >= 1.0 && !said[0])
		snprintf(line, sizeof line, "waiting for another session's change to end");
	else
		return true;
	if (strcmp(line, said) != 0) {
		safeout_printf(stderr, "jaw: %s: %s...\n", w->path, line);
		snprintf(said, 600, "%s", line);
	}
	return true;
}

int cmd_run(const struct cmd_command *c, int argc, char **argv)
{
	static char said[600];
	said[0] = '\0';
	db_set_wait_hook(cmd_wait, said);
	struct cmd_args a = {.cmd = c};
	struct option longopts[CMD_MAX_OPTIONS + 2];
	char shortopts[2 * CMD_MAX_OPTIONS + 4];
	cmd_getopt_tables(c, longopts, shortopts);
	int ch;
	optind = 0; /* GNU: start again, with argv permuted so options may follow words */
	opterr = 0;
	while ((ch = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		if (ch == 'h') {
			cmd_command_help(c, stdout);
			return JAW_OK;
		}
		int i = cmd_option_index(c, ch);
		if (ch == '?' || ch == ':' || i < 0)
			return cmd_option_error(&a, ch, argc, argv);
		a.values[i] = optarg ? optarg : "";
	}
	a.nwords = argc - optind;
	a.words = argv + optind;
	if (a.nwords < c->min_words || (c->max_words >= 0 && a.nwords > c->max_words))
		return cmd_usage(&a, "%s", c->words_error);
	if (cmd_check_required(&a) != JAW_OK)
		return JAW_USAGE;
	return c->run(&a);
}
