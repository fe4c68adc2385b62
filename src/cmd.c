/* cmd.c - help text and the shared parts of the subcommands. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "err.h"

/* Every subcommand; add new ones here (and to cmd_help, jaw(1), README). */
static const struct cmd_entry cmd_table[] = {
	{"init", cmd_init},
	{"check", cmd_check},
	{"import-notes", cmd_import_notes},
	{"code", cmd_code},
	{"export", cmd_export},
	{"import-csv", cmd_import_csv},
};

const struct cmd_entry *cmd_find(const char *name)
{
	for (size_t i = 0; i < sizeof cmd_table / sizeof *cmd_table; i++)
		if (strcmp(cmd_table[i].name, name) == 0)
			return &cmd_table[i];
	return NULL;
}

void cmd_help(FILE *out)
{
	fputs(
	"usage: jaw FILE                 open a project in the interface\n"
	"       jaw --demo               open a fresh copy of the demo project\n"
	"       jaw init FILE [--title T] [--codebook human-security|empty] [--demo]\n"
	"       jaw check FILE\n"
	"       jaw import-notes FILE NOTE... [--kind K] [--stakeholder NAME]\n"
	"                        [--event TITLE] [--date D] [--encoding E]\n"
	"       jaw code FILE --source ID --start N --end N --code NAME [--coder C]\n"
	"                [--memo TEXT]\n"
	"       jaw export codings FILE [-o OUT]\n"
	"       jaw import-csv FILE CSV [--name N] [--id COL] [--attribute COLS]\n"
	"                  [--likert COLS] [--text COLS] [--ignore COLS] [--delimiter C]\n"
	"                  [--encoding E] [--header-rows N] [--dry-run]\n"
	"       jaw --help | --version\n"
	"\n"
	"jaw, the Joint Analysis Workbench: timeline, stakeholders, evidence, coding\n"
	"and findings of a joint analysis project, in one SQLite file per project.\n"
	"\n"
	"Commands:\n"
	"  init FILE        create a new project file (it must not exist)\n"
	"    --title T        the project's title (default: the file name)\n"
	"    --codebook NAME  starter codebook: human-security (default) or empty\n"
	"    --demo           write the demo project into FILE instead\n"
	"  check FILE       check integrity, foreign keys, coding offsets, full-text\n"
	"                   index and schema version; exit 1 if anything is wrong\n"
	"  import-notes FILE NOTE...\n"
	"                   store text files as sources, all or none; prints the id\n"
	"                   and title (the first line) of each; skips repeated texts\n"
	"    --kind K         interview (default), observation or document\n"
	"    --stakeholder NAME, --event TITLE, --date YYYY-MM-DD  link them\n"
	"    --encoding E     the notes' encoding, if not UTF-8 (e.g. latin1)\n"
	"  code FILE        apply the code NAME (or its path, A/B) to code points\n"
	"                   [N, N) of source ID; undo it in the interface (u)\n"
	"    --coder C        who codes (default: your login name)\n"
	"    --memo TEXT      a memo on the coding\n"
	"  export codings FILE\n"
	"                   write every coding as CSV: source,code,coder,start,end,\n"
	"                   text,... (offsets in code points; text exactly as coded)\n"
	"    -o OUT           write to OUT instead of standard output\n"
	"  import-csv FILE CSV  import survey results (one row per respondent) in\n"
	"                   one transaction; roles and types are guessed\n"
	"    --name N         the survey's name (default: the CSV file's name); a new\n"
	"                     name also allows importing the same file again\n"
	"    --id COL         the column of respondent ids (COL: heading or number)\n"
	"    --attribute COLS, --likert COLS, --text COLS, --ignore COLS\n"
	"                     give columns a role (COLS: a comma-separated list of\n"
	"                     headings, numbers or ranges such as 7-16)\n"
	"    --delimiter C    , ; tab or | (default: detected)\n"
	"    --encoding E     the file's encoding, e.g. latin1, cp1252 (default:\n"
	"                     UTF-8, or UTF-16 with a byte order mark)\n"
	"    --header-rows N  rows of headings before the data (default 1)\n"
	"    --dry-run        print the plan (columns, roles, types, rows, problems)\n"
	"                     and import nothing\n"
	"\n"
	"Options:\n"
	"  --demo           create a fresh copy of the demo project under\n"
	"                   $XDG_DATA_HOME/jaw (~/.local/share/jaw), say where, open it\n"
	"  -h, --help       show this help\n"
	"  -V, --version    show the version\n"
	"\n"
	"In the interface: ? help, Tab next pane, j/k move, a/e/d add/edit/delete,\n"
	"Enter open (a source opens in the reader: v select, c code, u undo),\n"
	"C codebook, : commands, / search, q quit.\n"
	"Exit status: 0 success, 1 failure (the message says why), 2 usage error.\n"
	"See jaw(1), jaw(5) and jawrc(5).\n", out);
}

int cmd_fail(int status, const char *msg)
{
	fprintf(stderr, "jaw: %s\n", msg);
	if (status == JAW_USAGE)
		fputs("Try 'jaw --help' for more information.\n", stderr);
	return status;
}
