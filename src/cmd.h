/* cmd.h - the batch subcommands (jaw init, jaw check, ...), as one table.
 *
 * cmd_commands (cmd.c) holds each command's name, the words it takes, its
 * options with their help and the function that runs it. The table drives
 * the parsing of the command line (getopt_long), `jaw --help`,
 * `jaw COMMAND --help`, and the commands' synopsis and option lists in
 * jaw(1), which tools/mankeys.c writes at build time. A new command is a
 * run function and an entry in the table.
 *
 * A command prints errors as "jaw: WHAT: WHY" on stderr and returns the
 * exit status: 0 success, 1 failure, 2 usage error. */
#ifndef JAW_CMD_H
#define JAW_CMD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "err.h"

struct jaw_db;

/* The most options a command has. */
#define CMD_MAX_OPTIONS 24

/* An option of a command. */
struct cmd_option {
	const char *name;  /* the long name without "--", e.g. "title" */
	char letter;       /* the short form ('o' for -o), 0 for none */
	const char *arg;   /* what its value is called ("T"), NULL for a flag */
	bool required;     /* the command cannot run without it */
	const char *help;  /* a short phrase, for the help screens */
	const char *const *choices; /* the words it takes (NULL-terminated), or NULL */
	const char *more;  /* more about it, for jaw COMMAND --help and jaw(1), or NULL */
};

struct cmd_args;

/* A command. */
struct cmd_command {
	const char *name;        /* the word after jaw: "init" */
	const char *words;       /* the words it takes, for its usage: "FILE NOTE..." */
	int min_words, max_words; /* how many (max_words -1: no limit) */
	const char *words_error; /* what is said when their number is wrong */
	const char *summary;     /* one line, for jaw --help */
	const char *description; /* a paragraph, for jaw COMMAND --help */
	const struct cmd_option *options; /* ends with an option whose name is NULL */
	int (*run)(const struct cmd_args *args);
};

/* What a command was given on its command line. */
struct cmd_args {
	const struct cmd_command *cmd;
	const char *values[CMD_MAX_OPTIONS]; /* by option: its value ("" for a flag), or NULL */
	int nwords;                          /* the words that are not options */
	char **words;
};

/* The commands, in the order the help lists them; ends with a NULL name. */
extern const struct cmd_command cmd_commands[];

/* Returns the command called name, or NULL. */
const struct cmd_command *cmd_find(const char *name);
/* Parses argv (argv[0] the command's name) by c's options and runs c.
 * -h or --help prints the command's help. An unknown option, an option
 * without its value, a required option missing and a wrong number of words
 * are usage errors, named on stderr (exit status 2). Otherwise returns
 * what c->run returns. */
int cmd_run(const struct cmd_command *c, int argc, char **argv);
/* Says why `jaw WORD NEXT` is wrong: WORD is no command (when it does not
 * look like a project file: no "." or "/", and no such file), or NEXT
 * follows the project FILE WORD. Returns JAW_USAGE. */
int cmd_unknown(const char *word, const char *next);

/* The value of option name as given ("" for a flag), NULL if it was not. */
const char *cmd_value(const struct cmd_args *a, const char *name);
/* Prints "jaw: COMMAND: msg" and a pointer to the command's help to
 * stderr; returns JAW_USAGE. */
int cmd_usage(const struct cmd_args *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Ends a command that read the project db (at path) and wrote to
 * standard output: flushes it, closes db, and when rc is not JAW_OK (or
 * the output could not be written) prints err named by path. Returns the
 * exit status. */
int cmd_finish(struct jaw_db *db, const char *path, int rc, jaw_err *err);

/* Writes the program's usage (jaw --help) to out. */
void cmd_help(FILE *out);
/* Writes the usage, words and options of c (jaw COMMAND --help) to out. */
void cmd_command_help(const struct cmd_command *c, FILE *out);
/* Writes the help of option o (with its choices) into buf. Returns buf. */
const char *cmd_option_help(const struct cmd_option *o, char *buf, size_t size);
/* Prints "jaw: msg" to stderr and returns status (for usage errors adds a
 * hint to run jaw --help). */
int cmd_fail(int status, const char *msg);
/* Creates a project at path holding the demo project; on failure removes
 * what it made. */
int cmd_create_demo(const char *path, char *msg, size_t msg_size);

/* The commands' run functions (one file each). */
int cmd_init(const struct cmd_args *a);
int cmd_check(const struct cmd_args *a);
int cmd_import_notes(const struct cmd_args *a);
int cmd_code(const struct cmd_args *a);
int cmd_export(const struct cmd_args *a);
int cmd_import_csv(const struct cmd_args *a);
int cmd_backup(const struct cmd_args *a);
/* jaw checkpoint FILE: copies what the WAL holds into the project file. */
int cmd_checkpoint(const struct cmd_args *a);
int cmd_log(const struct cmd_args *a);
int cmd_retrieve(const struct cmd_args *a);
int cmd_stats(const struct cmd_args *a);
int cmd_search(const struct cmd_args *a);
int cmd_import_qdc(const struct cmd_args *a);
int cmd_import_qdpx(const struct cmd_args *a);

#endif
