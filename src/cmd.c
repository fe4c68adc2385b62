/* cmd.c - the table of subcommands: their words, options and help. The
 * parsing is in cmd_line.c, the help screens in cmd_help.c. */
#include "config.h"

#include <string.h>

#include "cmd.h"
#include "kinds.h"

static const struct cmd_option cmd_init_options[] = {
	{"title", 0, "T", false, "the project's title (default: the file name)", NULL,
	 "It must not be empty; for ~/projects/study.jaw the default is study."},
	{"codebook", 0, "NAME", false, "the starter codebook: human-security (the default) or empty",
	 NULL,
	 "human-security holds 33 codes: protection of civilians, children and armed conflict,"
	 " conflict-related sexual violence, trafficking in human beings, cultural property"
	 " protection, and women, peace and security, each with sub-codes, and cross-cutting"
	 " codes (training, reporting, liaison, information sharing, leadership, resources);"
	 " nine of them have the quick keys 1 to 9. empty starts with no codes."},
	{"demo", 0, NULL, false, "write the demo project into FILE instead", NULL,
	 "The demo brings its own title and codebook, so --demo cannot be combined with"
	 " --title or with --codebook empty."},
	{NULL, 0, NULL, false, NULL, NULL, NULL},
};

static const struct cmd_option cmd_no_options[] = {
	{NULL, 0, NULL, false, NULL, NULL, NULL},
};

static const struct cmd_option cmd_notes_options[] = {
	{"kind", 0, "KIND", false, "the notes' kind", kinds_note_kind, "interview when not given."},
	{"stakeholder", 0, "NAME", false, "the stakeholder the notes come from, by name (case and"
	 " accents aside when none has it exactly) or as #ID", NULL, NULL},
	{"event", 0, "TITLE", false, "the timeline event at which they were gathered, by title"
	 " or as #ID", NULL, NULL},
	{"date", 0, "DATE", false, "the date they were gathered, as YYYY-MM-DD", NULL, NULL},
	{"encoding", 0, "ENCODING", false, "the notes' encoding, if not UTF-8 (e.g. latin1)", NULL,
	 "Any name iconv(1) knows, such as latin1, WINDOWS-1252 or UTF-16; the notes are"
	 " converted to UTF-8, and a byte sequence not valid in that encoding is refused with"
	 " its byte offset."},
	{NULL, 0, NULL, false, NULL, NULL, NULL},
};

static const struct cmd_option cmd_code_options[] = {
	{"source", 0, "ID", true, "the source's id (as jaw import-notes prints it)", NULL, NULL},
	{"start", 0, "N", true, "the offset of the passage's first code point, from 0", NULL, NULL},
	{"end", 0, "N", true, "the offset just after its last code point", NULL, NULL},
	{"code", 0, "NAME", true, "the code's name, or its path (Cross-cutting/Training) when"
	 " several codes have that name; case and accents count only if needed", NULL, NULL},
	{"coder", 0, "CODER", false, "who codes (default: your login name)", NULL, NULL},
	{"memo", 0, "TEXT", false, "a memo on the coding", NULL, NULL},
	{NULL, 0, NULL, false, NULL, NULL, NULL},
};

static const struct cmd_option cmd_export_options[] = {
	{"output", 'o', "OUT", false, "write to OUT instead of standard output", NULL,
	 "OUT is replaced only when the whole export has been written."},
	{"excel", 0, NULL, false, "CSV for Excel: a byte order mark first, rows ending in CR LF",
	 NULL, "Without it, CSV is UTF-8 with LF line ends and no byte order mark."},
	{NULL, 0, NULL, false, NULL, NULL, NULL},
};

static const struct cmd_option cmd_csv_options[] = {
	{"name", 0, "N", false, "the survey's name (default: the CSV file's name)", NULL,
	 "A new name also allows importing the same file again."},
	{"id", 0, "COL", false, "the column of respondent ids", NULL, NULL},
	{"attribute", 0, "COLS", false, "columns that describe the respondent", NULL, NULL},
	{"likert", 0, "COLS", false, "columns of answers on a scale", NULL, NULL},
	{"text", 0, "COLS", false, "columns of open answers, each to become a source", NULL, NULL},
	{"ignore", 0, "COLS", false, "columns not to import", NULL, NULL},
	{"delimiter", 0, "C", false, "the delimiter: one character, or comma, semicolon, tab or"
	 " pipe (default: detected)", NULL, NULL},
	{"encoding", 0, "E", false, "the file's encoding, e.g. latin1 or cp1252 (default: UTF-8,"
	 " or UTF-16 with a byte order mark)", NULL, NULL},
	{"header-rows", 0, "N", false, "rows of headings before the data (default 1)", NULL,
	 "An empty cell in an upper heading row continues the cell to its left, and the rows"
	 " of a column are joined into its question."},
	{"dry-run", 0, NULL, false, "print the plan (columns, roles, types, rows, problems) and"
	 " import nothing", NULL, "It exits with status 1 if the plan has errors (duplicate"
	 " ids)."},
	{NULL, 0, NULL, false, NULL, NULL, NULL},
};

static const struct cmd_option cmd_qdc_options[] = {
	{"coder", 0, "CODER", false, "who imports, for the journal (default: your login name)",
	 NULL, "The import is one change in CODER's journal: undo (u) in the interface takes it"
	 " back."},
	{NULL, 0, NULL, false, NULL, NULL, NULL},
};

const struct cmd_command cmd_commands[] = {
	{"init", "FILE", 1, 1, "name one new project FILE",
	 "create a new project file (it must not exist)",
	 "Creates the project FILE with the current schema, a title and a starter codebook,"
	 " and says what it holds and how to open it. FILE must not exist; if anything fails,"
	 " nothing is left behind.",
	 cmd_init_options, cmd_init},
	{"check", "FILE", 1, 1, "name one project FILE",
	 "check integrity, foreign keys, coding offsets, full-text index and schema version;"
	 " exit 1 if anything is wrong",
	 "Checks that FILE is a jaw project this program reads, that SQLite finds it intact,"
	 " that every reference points to an existing row, that every coding fits its"
	 " source's text and that the full-text indexes match the evidence (this last check"
	 " needs write permission). Prints FILE: ok, or each problem and their number on"
	 " standard error. Changes nothing, and does not upgrade an older schema.",
	 cmd_no_options, cmd_check},
	{"import-notes", "FILE NOTE...", 2, -1, "name the project FILE and at least one NOTE",
	 "store text files as sources, all or none; prints the id and title (the first line)"
	 " of each; skips repeated texts",
	 "Stores each NOTE as a source of evidence in the project FILE, in one transaction: if"
	 " one note is refused, none is stored. Text is stored as UTF-8 with LF line ends; a"
	 " text already in the project is not stored again.",
	 cmd_notes_options, cmd_import_notes},
	{"code", "FILE", 1, 1, "name one project FILE",
	 "apply a code to code points [N, N) of a source; undo it in the interface (u)",
	 "Applies the code NAME to the text of source ID from offset --start up to but not"
	 " including offset --end. Offsets count Unicode code points of the stored text. The"
	 " coding goes into the journal, so the coder can undo it in the interface.",
	 cmd_code_options, cmd_code},
	{"export", "WHAT FILE", 2, 2, "say what to export and from which project FILE",
	 "write codings, the codebook, the timeline, stakeholders or memos as CSV, or the"
	 " codebook as a REFI-QDA codebook (qdc) or the project as a REFI-QDA project (qdpx)",
	 "Writes part of the project FILE as CSV (RFC 4180, UTF-8, a header row, every text"
	 " field quoted). WHAT is codings (one row per coding in order of source, start and"
	 " end: source, code, coder, start, end, text, source_title, source_kind, stakeholder,"
	 " code_path, memo, created, coding, survey, respondent and one attribute:LABEL column"
	 " per survey attribute), codebook (each code after its parent: code, path, name,"
	 " parent, colour, quick_key, description, codings, guid), timeline (by date: item, kind,"
	 " title, start, end, location, status, notes, sources), stakeholders (in the"
	 " register's order: stakeholder, kind, name, organisation, role, power, interest,"
	 " attitude, contact, notes, sources) or memos (by date: memo, target_kind, target_id,"
	 " target, title, text, author, created, updated). WHAT qdc writes the codebook as a"
	 " REFI-QDA codebook (QDA-XML 1.0) that other QDA programs import: the codes nested as"
	 " in the codebook, with their GUIDs, colours and descriptions. WHAT qdpx writes the"
	 " project as a REFI-QDA project (a zip of project.qde and Sources/): coders as users,"
	 " the codebook, survey respondents as cases with their attributes and Likert answers"
	 " as variables, every source as a text source with its codings, memos as notes; it"
	 " needs -o OUT or a pipe, not a terminal.",
	 cmd_export_options, cmd_export},
	{"import-csv", "FILE CSV", 2, 2, "name the project FILE and the CSV file",
	 "import survey results (one row per respondent) in one transaction; roles and types"
	 " are guessed",
	 "Imports the survey results in CSV into the project FILE, all of it or nothing. Each"
	 " column's role (id, attribute, likert, open text or ignore) and type are guessed"
	 " unless an option gives them. COL names a column by its heading or its number from"
	 " 1; COLS is a comma-separated list of them, with ranges such as 7-16.",
	 cmd_csv_options, cmd_import_csv},
	{"import-qdc", "FILE CODEBOOK", 2, 2, "name the project FILE and the CODEBOOK (.qdc)",
	 "add the codes of a REFI-QDA codebook (.qdc), all or none, as one undoable change",
	 "Adds the codes of the REFI-QDA codebook CODEBOOK (QDA-XML, as NVivo, ATLAS.ti,"
	 " MAXQDA, QualCoder and jaw export qdc write it) to the project FILE, keeping their"
	 " hierarchy, colours, descriptions and GUIDs. A code the project already has (the"
	 " same GUID, or the same name under the same parent) is not added twice. Malformed"
	 " XML is refused naming its line and column, and then nothing is imported.",
	 cmd_qdc_options, cmd_import_qdc},
	{"import-qdpx", "FILE PROJECT", 2, 2, "name the project FILE and the REFI-QDA PROJECT (.qdpx)",
	 "add the text sources, codes and codings of a REFI-QDA project (.qdpx), all or none",
	 "Adds the text sources, the codebook and the codings of the REFI-QDA project PROJECT"
	 " (a .qdpx file, as NVivo, ATLAS.ti, MAXQDA, QualCoder and jaw export qdpx write it)"
	 " to the project FILE, in one transaction. Each source's text is stored as"
	 " import-notes stores a note (UTF-8, LF line ends) and each coding keeps the same"
	 " characters. A text, code or coding the project has already is not added again;"
	 " sources that are not text (PDF, pictures, audio, video) and blank texts are skipped"
	 " and counted. The codes and codings are one change in the journal, which undo"
	 " takes back (the sources stay).",
	 cmd_qdc_options, cmd_import_qdpx},
	{NULL, NULL, 0, 0, NULL, NULL, NULL, NULL, NULL},
};

const struct cmd_command *cmd_find(const char *name)
{
	for (const struct cmd_command *c = cmd_commands; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

const char *cmd_value(const struct cmd_args *a, const char *name)
{
	for (int i = 0; a->cmd->options[i].name; i++)
		if (strcmp(a->cmd->options[i].name, name) == 0)
			return a->values[i];
	return NULL;
}
