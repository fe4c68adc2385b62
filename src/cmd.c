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
	{"encoding", 0, "ENCODING", false, "the notes' encoding, if not UTF-8 or UTF-16 with a byte"
	 " order mark (e.g. latin1)", NULL,
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

static const struct cmd_option cmd_log_options[] = {
	{"since", 0, "WHEN", false, "only the changes made from WHEN on: a date (YYYY-MM-DD) or a"
	 " time (YYYY-MM-DDTHH:MM:SSZ, UTC)", NULL, NULL},
	{"analyst", 0, "NAME", false, "only the changes this analyst made", NULL, NULL},
	{NULL, 0, NULL, false, NULL, NULL, NULL},
};

static const struct cmd_option cmd_csv_options[] = {
	{"name", 0, "N", false, "the survey's name (default: the CSV file's name)", NULL,
	 "A new name also allows importing the same file again."},
	{"id", 0, "COL", false, "the column of respondent ids", NULL,
	 "An id given is strict: a repeated or missing id stops the import. A guessed one"
	 " that repeats or is missing (-, NA) gives way to row numbers, with a warning."},
	{"attribute", 0, "COLS", false, "columns that describe the respondent", NULL, NULL},
	{"likert", 0, "COLS", false, "columns of answers on a scale", NULL, NULL},
	{"text", 0, "COLS", false, "columns of open answers, each to become a source", NULL, NULL},
	{"ignore", 0, "COLS", false, "columns not to import", NULL, NULL},
	{"delimiter", 0, "C", false, "the delimiter: one character, or comma, semicolon, tab or"
	 " pipe (default: detected)", NULL, NULL},
	{"encoding", 0, "E", false, "the file's encoding, e.g. latin1 or cp1252 (default: UTF-8,"
	 " or UTF-16 with a byte order mark)", NULL, NULL},
	{"quote", 0, "Q", false, "how fields are quoted: double (RFC 4180) or none (default:"
	 " detected)", NULL,
	 "A tab-delimited file whose first rows hold quotes no quoting program writes (a quote"
	 " inside a field, text after a closing quote) is read as written without quoting;"
	 " any other file with double quotes."},
	{"strict", 0, NULL, false, "refuse a quote inside a field that does not begin with one",
	 NULL, "By default such a quote (5\" long) is data, as sqlite3, Python and csvkit read"
	 " it; text after a closing quote is always refused."},
	{"header-rows", 0, "N", false, "rows of headings before the data (default 1, or as a"
	 " known export's first rows show)", NULL,
	 "An empty cell in an upper heading row continues the cell to its left, and the rows"
	 " of a column are joined into its question. Exports of Qualtrics (names, question"
	 " text, ImportId), SurveyMonkey (questions, then Response or each choice), Google"
	 " Forms, Typeform and LimeSurvey are recognised and named in the dry run."},
	{"names-row", 0, "N", false, "the heading row that names each column (its label)", NULL,
	 "With --names-row or --question-row the other heading rows are not joined in."},
	{"question-row", 0, "N", false, "the heading row that holds each question's text", NULL,
	 NULL},
	{"skip-rows", 0, "LIST", false, "heading rows to ignore, e.g. 3 (Qualtrics' ImportId"
	 " row)", NULL, "Rows up to the last one named by --header-rows, --names-row,"
	 " --question-row or --skip-rows are headings; the data starts after them."},
	{"scale", 0, "COL=L1|L2|...", false, "make COL Likert with these labels, numbered from 1"
	 " (several separated by ;)", NULL,
	 "It changes the mapping of labels to numbers the dry run shows: each value must be"
	 " one of the labels, exactly as written."},
	{"keep-personal", 0, "COLS", false, "store these columns of personal data all the same",
	 NULL, "Columns headed or filled with e-mail addresses, IP addresses, names, phone"
	 " numbers, addresses or locations (jaw(5) lists what is detected) are not stored"
	 " unless named here; giving one a role without naming it here is refused."},
	{"dry-run", 0, NULL, false, "print the plan (columns, roles, types, rows, problems) and"
	 " import nothing", NULL, "It exits with status 1 if the plan has errors (duplicate"
	 " ids)."},
	{NULL, 0, NULL, false, NULL, NULL, NULL},
};

static const struct cmd_option cmd_retrieve_options[] = {
	{"code", 0, "NAME", true, "the code, by name or path, as in jaw code", NULL, NULL},
	{"children", 0, NULL, false, "also the segments of the codes below it", NULL, NULL},
	{"filter", 0, "FILTER", false, "conditions in the :filter language, e.g."
	 " \"kind=interview coder=amira\"", NULL,
	 "Keys: kind, stakeholder, organisation (with its people and the organisations below"
	 " it), event, coder, from and to (dates, inclusive), and the label of a survey"
	 " attribute (nation=France). The options below add to it."},
	{"kind", 0, "KIND", false, "only sources of this kind", kinds_source_kind, NULL},
	{"stakeholder", 0, "NAME", false, "only sources from this stakeholder", NULL, NULL},
	{"organisation", 0, "NAME", false, "only sources from this organisation, its people and"
	 " the organisations below it", NULL, NULL},
	{"event", 0, "TITLE", false, "only sources gathered at this timeline item", NULL, NULL},
	{"coder", 0, "CODER", false, "only segments this analyst coded", NULL, NULL},
	{"from", 0, "DATE", false, "only sources dated on or after DATE (YYYY-MM-DD)", NULL, NULL},
	{"to", 0, "DATE", false, "only sources dated on or before DATE", NULL, NULL},
	{"attribute", 0, "LABEL=VALUE", false, "only answers of respondents whose survey"
	 " attribute LABEL is VALUE", NULL, NULL},
	{"csv", 0, NULL, false, "write CSV (the default)", NULL, NULL},
	{"md", 0, NULL, false, "write Markdown block quotes with their provenance", NULL, NULL},
	{NULL, 0, NULL, false, NULL, NULL, NULL},
};

static const char *const cmd_stats_percent[] = {"row", "column", NULL};

static const struct cmd_option cmd_stats_options[] = {
	{"codes", 0, NULL, false, "each code's segments, sources, stakeholders and respondents",
	 NULL, "In the codebook's order, with the totals of each code together with the codes"
	 " below it (all_segments and so on in CSV; the rows \"with the codes below\" in text)."},
	{"crosstab", 0, "ATTR", false, "codes by the values of an attribute", NULL,
	 "ATTR is organisation (the top-level organisation of the source's stakeholder),"
	 " organisation-direct (the one it belongs to directly), stakeholder-kind, role, event,"
	 " source-kind, or the label of a survey attribute (then only survey answers count)."
	 " The CSV has code (its path) then one column per value, (none) for sources without"
	 " one."},
	{"likert", 0, NULL, false, "the distribution of each Likert item (or of the QUESTION named"
	 " after FILE), overall and, with --by ATTR, by a survey attribute", NULL,
	 "Each item's answers in its scale's order (a labelled scale's labels, every one; an"
	 " unlabelled item's whole numbers from the least to the greatest given), then values"
	 " outside the scale, then no answer; with the respondents behind each (count), their"
	 " share of n (percent) and n, the respondents of the group who answered. The CSV"
	 " columns are survey, question, kind (point, outside or missing), value (as stored),"
	 " label, attribute, group ((all), a value, or (none)), count, percent (empty for"
	 " missing) and n."},
	{"by", 0, "WHAT", false, "what a crosstab counts (segments, sources or respondents; default"
	 " segments), or the survey attribute that groups --likert's respondents", NULL, NULL},
	{"percent", 0, "WAY", false, "a crosstab's cells as percentages of their row's or column's"
	 " total", cmd_stats_percent, NULL},
	{"cooccurrence", 0, NULL, false, "codes by codes: the sources in which their codings"
	 " overlap", NULL, "The diagonal is the number of sources with the code."},
	{"same-source", 0, NULL, false, "co-occurrence: count codes in the same source, overlapping"
	 " or not", NULL, NULL},
	{"jaccard", 0, NULL, false, "co-occurrence: the Jaccard coefficient instead of the count",
	 NULL, "both / (sources of the one + sources of the other - both), from 0 to 1."},
	{"agreement", 0, NULL, false, "inter-coder agreement of the CODERs named after FILE, per"
	 " code", NULL, "Over the sources every CODER coded, at character level: with two"
	 " coders, percent agreement, Cohen's kappa and Krippendorff's alpha; with more, alpha;"
	 " the last row, (all), pools the codes. jaw(1) gives the formulas."},
	{"saturation", 0, NULL, false, "the coded sources in date order: the codes each used"
	 " first, and the codes used so far", NULL, "Undated sources come last. A flat running"
	 " total means new sources stop adding codes: the themes are saturated."},
	{"csv", 0, NULL, false, "write CSV instead of an aligned table", NULL, NULL},
	{NULL, 0, NULL, false, NULL, NULL, NULL},
};

static const struct cmd_option cmd_search_options[] = {
	{"csv", 0, NULL, false, "write every match as CSV: source,start,end,text,title,rank", NULL,
	 "start and end are code points of the source's text; text is the matched text;"
	 " rank is FTS5's bm25 (lower is better). Matches in a title alone are left out."},
	{"code", 0, "NAME", false, "code every hit with the code NAME, as one change the coder"
	 " can undo", NULL, "What the coder coded so already is left out."},
	{"sentences", 0, NULL, false, "with --code: code the sentence each hit is in", NULL, NULL},
	{"coder", 0, "CODER", false, "with --code: who codes (default: your login name)", NULL,
	 NULL},
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
	 "check integrity, foreign keys, coding offsets, findings' areas, full-text index and"
	 " schema version;"
	 " exit 1 if anything is wrong",
	 "Checks that FILE is a jaw project this program reads, that SQLite finds it intact,"
	 " that every reference points to an existing row, that every coding fits its"
	 " source's text, that every area of a finding is a code at the top of the codebook"
	 " and that the full-text indexes match the evidence (this last check"
	 " needs write permission). Prints FILE: ok, or each problem and their number on"
	 " standard error. Changes nothing, and does not upgrade an older schema.",
	 cmd_no_options, cmd_check},
	{"import-notes", "FILE NOTE...", 2, -1, "name the project FILE and at least one NOTE",
	 "store text files as sources, all or none; prints the id and title (the first line)"
	 " of each; skips repeated texts",
	 "Stores each NOTE as a source of evidence in the project FILE, in one transaction: if"
	 " one note is refused, none is stored. Text is stored as UTF-8 with LF line ends; a"
	 " text already in the project is not stored again. The import is one change in the"
	 " journal: u in the interface's evidence pane takes it back.",
	 cmd_notes_options, cmd_import_notes},
	{"code", "FILE", 1, 1, "name one project FILE",
	 "apply a code to code points [N, N) of a source; undo it in the interface (u)",
	 "Applies the code NAME to the text of source ID from offset --start up to but not"
	 " including offset --end. Offsets count Unicode code points of the stored text. The"
	 " coding goes into the journal, so the coder can undo it in the interface.",
	 cmd_code_options, cmd_code},
	{"export", "WHAT FILE", 2, 2, "say what to export and from which project FILE",
	 "write codings, the codebook, the timeline, stakeholders, memos, findings or"
	 " citations as CSV, the report as Markdown for pandoc (report), or the"
	 " codebook as a REFI-QDA codebook (qdc) or the project as a REFI-QDA project (qdpx)",
	 "Writes part of the project FILE as CSV (RFC 4180, UTF-8, a header row, every text"
	 " field quoted). WHAT is codings (one row per coding in order of source, start and"
	 " end: source, code, coder, start, end, text, source_title, source_kind, stakeholder,"
	 " code_path, memo, created, coding, survey, respondent and one attribute:LABEL column"
	 " per survey attribute), codebook (each code after its parent: code, path, name,"
	 " parent, colour, quick_key, description, codings, guid), timeline (by date: item, kind,"
	 " title, start, end, location, status, notes, sources), stakeholders (in the"
	 " register's order: stakeholder, kind, name, organisation, role, power, interest,"
	 " attitude, contact, notes, sources, attribution), memos (by date: memo, target_kind,"
	 " target_id, target, title, text, author, created, updated), findings (in order:"
	 " finding, position, title, status, owner, areas, observation, discussion, conclusion,"
	 " recommendation, action_body, citations, sources, organisations, stakeholders,"
	 " respondents, changed, lost, evidence, created, updated) or citations (by finding:"
	 " citation, finding, finding_title, state, provenance, quote, code, note, source,"
	 " coding, start, end, source_kind, cited_by, cited). Names of stakeholders appear only"
	 " as their attribution allows (named, role, anonymous; see jaw(5)). WHAT report writes"
	 " the Joint Analysis Report as a skeleton in Markdown that pandoc turns into docx or"
	 " PDF: front matter with the title, the date and the project's marking line, printed at"
	 " the head and foot of every page of a PDF; the aim (the questions marked for the"
	 " analysts to write); the method (sources by kind, interviews by organisation, each"
	 " survey's size and respondent profile, coders and their pooled agreement); each"
	 " finding in ODCR form with its status, owner, areas, action body, evidence strength"
	 " and quotes with their provenance, changed and lost citations marked; annexes with"
	 " the codebook (definitions, frequencies), the timeline and the stakeholder register."
	 " Every text from the project is escaped, and attribution is followed (no name of a"
	 " stakeholder who is not named, nor of the organisation of one). Make a PDF with"
	 " `pandoc report.md -o report.pdf --pdf-engine=xelatex`, a docx with `pandoc report.md"
	 " -o report.docx`. WHAT qdc writes the codebook as a"
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
	{"backup", "FILE DEST", 2, 2, "name the project FILE and a new DEST",
	 "copy a project safely while others work in it, and check the copy",
	 "Copies the project FILE to DEST, which must not exist, with SQLite's online backup:"
	 " others may go on working in FILE meanwhile, and the copy is of one moment. The copy"
	 " is checked as jaw check does before it takes the name DEST; a copy that fails the"
	 " check is not kept.",
	 cmd_no_options, cmd_backup},
	{"checkpoint", "FILE", 1, 1, "name one project FILE",
	 "copy into the project file the changes its WAL holds (jaw import-csv starts it)",
	 "Copies into the project FILE the changes that SQLite keeps beside it in FILE-wal, so"
	 " that FILE alone has them; others may go on reading and writing meanwhile. FILE-wal"
	 " stays until the next change starts it afresh, or the last jaw to close the project"
	 " removes it. jaw import-csv runs jaw checkpoint in the background once it has"
	 " reported an import, rather than make you wait while a large survey is written a"
	 " second time; until then the import is safe in FILE-wal (jaw backup copies both).",
	 cmd_no_options, cmd_checkpoint},
	{"log", "FILE", 1, 1, "name one project FILE",
	 "list the changes made to a project, oldest first: when, who, what",
	 "Lists the audit journal of the project FILE: one line per change, with the time (UTC),"
	 " the analyst, the kind of change and what it changed, and (undone) when it was undone"
	 " since. Every change made in the interface or with jaw import-notes and jaw code is"
	 " there.",
	 cmd_log_options, cmd_log},
	{"retrieve", "FILE", 1, 1, "name one project FILE",
	 "write every segment coded with a code, with context and provenance, as CSV or"
	 " Markdown",
	 "Writes every segment coded with the code NAME (with --children, also with the codes"
	 " below it) that the filters let through, in order of source and offset: as CSV with"
	 " the columns coding, source, code, start, end, text, before, after, source_title,"
	 " source_kind, source_date, stakeholder, organisation, event, respondent, attributes,"
	 " coder and memo (start and end in code points; before and after the rest of the"
	 " segment's line, at most 80 characters each), or with --md as Markdown block quotes,"
	 " each followed by its source, stakeholder or respondent, event, code and coder.",
	 cmd_retrieve_options, cmd_retrieve},
	{"stats", "FILE [CODER...|QUESTION]", 1, -1, "name one project FILE (and, with --agreement,"
	 " the coders; with --likert, a question)",
	 "write a table of the analysis: code frequencies, a crosstab, co-occurrence,"
	 " inter-coder agreement, saturation or the Likert items' answers",
	 "Writes one table of the analysis of the project FILE, counted by SQL over the whole"
	 " project, as aligned text or, with --csv, as CSV with a header row.",
	 cmd_stats_options, cmd_stats},
	{"search", "FILE QUERY", 2, 2, "name the project FILE and the QUERY",
	 "search the text of the notes and every survey's answers, best first; code every hit",
	 "Searches the project FILE's full-text indexes (the notes' and every survey's answers')"
	 " for QUERY: words, \"phrases\", prefix*, AND, OR, NOT, NEAR(), ignoring case and"
	 " most accents. A QUERY that is not valid FTS5 syntax is searched as its words;"
	 " one with no word is refused. Prints a line per source, best (bm25) first: its id,"
	 " the first match's offsets in code points, and the match in its context.",
	 cmd_search_options, cmd_search},
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
