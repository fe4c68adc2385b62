/* cmd.h - the batch subcommands (jaw init, jaw check, ...). They share the
 * core with the interface. Each takes the subcommand's argv (argv[0] is the
 * subcommand's name), prints errors as "jaw: WHAT: WHY" on stderr and
 * returns the exit status: 0 success, 1 failure, 2 usage error. */
#ifndef JAW_CMD_H
#define JAW_CMD_H

#include <stdio.h>

/* jaw init FILE [--title T] [--codebook NAME] [--demo] */
int cmd_init(int argc, char **argv);
/* jaw check FILE */
int cmd_check(int argc, char **argv);
/* jaw import-notes FILE NOTE... [--kind K] [--stakeholder NAME]
 * [--event TITLE] [--date D] [--encoding E] */
int cmd_import_notes(int argc, char **argv);
/* jaw code FILE --source ID --start N --end N --code NAME [--coder C]
 * [--memo T] */
int cmd_code(int argc, char **argv);
/* jaw export codings FILE [-o OUT] */
int cmd_export(int argc, char **argv);
/* jaw import-csv FILE CSV [options]: survey results from a CSV file */
int cmd_import_csv(int argc, char **argv);
/* A subcommand: its name and the function that runs it. */
struct cmd_entry {
	const char *name;
	int (*run)(int argc, char **argv);
};

/* Returns the subcommand called name, or NULL. */
const struct cmd_entry *cmd_find(const char *name);
/* Writes the program's usage (jaw --help) to out. */
void cmd_help(FILE *out);
/* Prints "jaw: msg" to stderr and returns status (for usage errors adds a
 * hint to run jaw --help). */
int cmd_fail(int status, const char *msg);
/* Creates a project at path holding the demo project; on failure removes
 * what it made. */
int cmd_create_demo(const char *path, char *msg, size_t msg_size);

#endif
