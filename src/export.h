/* export.h - writing parts of a project out for other programs.
 *
 * Each kind of export (codings today; the codebook, timeline, stakeholders,
 * memos, findings, report, QDC and QDPX to come) is an exporter: a name and
 * three functions that begin, write one row (or record) at a time, and end.
 * export_run drives one into a stream; export_to_path into a file, written
 * atomically. An exporter reads the project a row at a time, never a whole
 * table, and writes nothing but to the stream it is given. */
#ifndef JAW_EXPORT_H
#define JAW_EXPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "db.h"
#include "err.h"

/* What an exporter's row function returns. */
enum export_step {
	EXPORT_FAILED = -1, /* err says why */
	EXPORT_DONE = 0,    /* nothing more to write */
	EXPORT_MORE = 1,    /* wrote one row; call again */
};

/* Called by export_run before the first row (done 0) and after each row:
 * the rows written so far and the rows the export will write, as its
 * exporter said in begin (export_expect_rows; 0 when it did not say).
 * Returns false to stop the export: it then fails with "export
 * cancelled", and export_to_path leaves no file. */
typedef bool (*export_progress_fn)(void *ctx, int64_t done, int64_t total);

/* How an export is written. */
struct export_options {
	/* CSV for Excel: a UTF-8 byte order mark first (so that Excel reads
	 * accents right) and rows ending in CR LF instead of LF. */
	bool excel;
	export_progress_fn progress; /* NULL: none (the command line) */
	void *progress_ctx;
	int64_t *expected; /* export_run's own: where export_expect_rows writes */
};

/* For an exporter's begin: says how many rows the export will write, so
 * that whoever follows its progress can show how far it is (optional). */
void export_expect_rows(const struct export_options *opt, int64_t rows);

/* What an exporter writes. */
enum export_format {
	EXPORT_CSV,    /* text, one row per record; export_options apply */
	EXPORT_XML,    /* text, one document */
	EXPORT_BINARY, /* bytes (a zip): never written to a terminal */
	EXPORT_MARKDOWN, /* text, one Markdown document (for pandoc) */
};

/* One kind of export. */
struct exporter {
	const char *name;    /* the word after `jaw export`, e.g. "codings" */
	const char *summary; /* what it writes, one line for the help */
	enum export_format format;
	/* Prepares the export into a new *state (queries, lookups) and writes
	 * what comes before the rows (a CSV header). opt is never NULL and
	 * outlives the export. JAW_OK or JAW_FAIL. */
	int (*begin)(struct jaw_db *db, FILE *out, const struct export_options *opt, void **state,
	             jaw_err *err);
	/* Writes the next row. */
	enum export_step (*row)(void *state, FILE *out, jaw_err *err);
	/* Writes what follows the rows when ok, then frees state; called once
	 * after every begin that succeeded, ok false when a row failed. */
	int (*end)(void *state, FILE *out, bool ok, jaw_err *err);
};

/* Every coding as CSV (RFC 4180 quoting by libcsv; rows end in LF), one
 * row per coding in order of source, start, end, with the header row
 *   source,code,coder,start,end,text,source_title,source_kind,
 *   stakeholder,code_path,memo,created,coding
 * where source and coding are ids, start and end code point offsets, text
 * the exact coded characters, source_title and stakeholder as attribution
 * allows (attrib.h: the title and name only when named, else the label),
 * code the code's name and code_path its path in the codebook. Numbers are written bare, every other field quoted.
 * Codings of survey answers also fill the columns
 *   survey,respondent
 * (the survey's name, the respondent's id) and one column per attribute
 * of the project's surveys, named "attribute:LABEL" (its heading), in
 * order of survey and column; a label shared by surveys is one column.
 * Reads one source's text at a time. */
extern const struct exporter exporter_codings;
/* The codebook as CSV, each code followed by the codes below it (by
 * position):
 *   code,path,name,parent,colour,quick_key,description,codings,guid
 * with parent the parent's path, codings the number coded with it and
 * guid its GUID in REFI-QDA interchange. */
extern const struct exporter exporter_codebook;
/* The timeline by date as CSV:
 *   item,kind,title,start,end,location,status,notes,sources */
extern const struct exporter exporter_timeline;
/* The stakeholder register as CSV, in the register's order:
 *   stakeholder,kind,name,organisation,role,power,interest,attitude,
 *   contact,notes,sources,attribution
 * as attribution allows (attrib.h): a stakeholder not named has its
 * label ("a brigade legal adviser", "an organisation") for a name, and
 * no organisation, contact or notes; attribution is the one that
 * applies. */
extern const struct exporter exporter_stakeholders;
/* Every memo as CSV by date, those of the memo table (on the project, a
 * source, code, stakeholder, timeline item or finding) and those on
 * codings:
 *   memo,target_kind,target_id,target,title,text,author,created,updated
 * with target what it is about in words (a code's path, a source's
 * title, "CODE in SOURCE" for a coding; a source or stakeholder as
 * attribution allows, attrib.h); memo is empty for a coding's. */
extern const struct exporter exporter_memos;
/* The findings in their order as CSV:
 *   finding,position,title,status,owner,areas,observation,discussion,
 *   conclusion,recommendation,action_body,citations,sources,
 *   organisations,stakeholders,respondents,changed,lost,evidence,
 *   created,updated
 * with areas the names of its areas joined by "; ", the strength of its
 * evidence (struct finding_strength, finding.h) and evidence its
 * citations as "CITATION:SOURCE:START-END" joined by "; " (SOURCE 0 once
 * the source is deleted). */
extern const struct exporter exporter_findings;
/* Every citation as CSV, by finding in order, then as cited:
 *   citation,finding,finding_title,state,provenance,quote,code,note,
 *   source,coding,start,end,source_kind,cited_by,cited
 * with state ok, changed or lost, provenance as attribution allows
 * (attrib.h), quote the text as cited; source and coding empty once
 * deleted. */
extern const struct exporter exporter_citations;

/* The Joint Analysis Report as a skeleton in pandoc's Markdown, to be
 * turned into docx or PDF by pandoc: YAML front matter (title, subtitle,
 * date, the marking line as marking, and header-includes that print it at
 * the head and foot of every page of a PDF); the aim and, marked for the
 * analysts to write, the questions; the method (sources by kind,
 * interviews by organisation, each survey's size and respondent profile,
 * coders and their pooled agreement); each finding in ODCR form with its
 * status, owner, areas and action body, the strength of its evidence and
 * its quotes as block quotes with their provenance (changed and lost
 * citations marked); annexes: the codebook with definitions and
 * frequencies (roll-ups marked), the timeline and the stakeholder
 * register. Names follow attribution (attrib.h): a stakeholder not named
 * is never named, nor is the organisation of one; every text from the
 * project is escaped (markdown.h). Reads a page of records at a time. */
extern const struct exporter exporter_report;

/* The codebook as a REFI-QDA codebook (QDA-XML 1.0, Codebook.xsd): the
 * codes nested as in the tree, with their GUIDs, colours and
 * descriptions. */
extern const struct exporter exporter_qdc;
/* The project as a REFI-QDA project (a .qdpx zip: project.qde, valid
 * against Project-mrt2019.xsd, and Sources/GUID.txt for each source): the
 * coders as users, the codebook, survey attributes and Likert answers as
 * variables and respondents as cases, every source as a text source with
 * its codings (PlainTextSelection, code point positions), memos as notes.
 * Built in memory, then written. */
extern const struct exporter exporter_qdpx;

/* The exporters, in the order the help lists them, NULL-terminated. */
extern const struct exporter *const export_all[];
/* Returns the exporter called name, or NULL. */
const struct exporter *export_find(const char *name);
/* Writes the exporters' names, separated by sep, into buf (truncated to
 * size). */
void export_names(char *buf, size_t size, const char *sep);

/* Runs exporter x over db into out, as opt says (NULL: the defaults),
 * telling opt->progress how far it got after each row. */
int export_run(const struct exporter *x, struct jaw_db *db, FILE *out,
               const struct export_options *opt, jaw_err *err);
/* Runs exporter x over db into the file path, atomically: into a temporary
 * file beside it, synced and renamed over path only when all went well, so
 * a failure leaves no half-written file. path "-" writes to stdout, which
 * for an EXPORT_BINARY exporter must not be a terminal. */
int export_to_path(const struct exporter *x, struct jaw_db *db, const char *path,
                   const struct export_options *opt, jaw_err *err);

/* ---- CSV exporters ---------------------------------------------------------- */

/* Where a CSV exporter writes: the stream and how rows end. */
struct export_csv {
	FILE *out;
	const char *eol; /* "\n", or "\r\n" for Excel */
};

/* Sets w up to write into out as opt says, and writes the byte order mark
 * Excel needs when opt->excel. */
void export_csv_start(struct export_csv *w, FILE *out, const struct export_options *opt);
/* Writes len bytes of s as a quoted CSV field (RFC 4180, by libcsv), then a
 * comma, or the line end when last. */
void export_csv_field(const struct export_csv *w, const char *s, size_t len, bool last);
/* export_csv_field of the string s. */
void export_csv_text(const struct export_csv *w, const char *s, bool last);
/* export_csv_text to out with LF line ends (the jaw stats, retrieve and
 * search listings). */
void export_csv_text_to(FILE *out, const char *s, bool last);
/* Writes the number n bare, then a comma or the line end. */
void export_csv_int(const struct export_csv *w, long long n, bool last);
/* Writes the row's header: the comma-separated names in names as they are,
 * then the line end. */
void export_csv_header(const struct export_csv *w, const char *names);
/* Writes column i of stmt's row: an integer bare, NULL as an empty field,
 * anything else as quoted text. */
void export_csv_column(const struct export_csv *w, sqlite3_stmt *stmt, int i, bool last);

/* SQL: the common table expression paths(id, path, key, depth) of every
 * code: its path ("Cross-cutting/Training"), a key that sorts each code
 * after its parent and siblings by position, then id, and its depth (0 at
 * the top). A query goes on after it. */
#define EXPORT_CODE_TREE                                                                  \
	"WITH RECURSIVE paths(id, path, key, depth) AS ("                                     \
	" SELECT id, name, printf('%010d.%019d', position, id), 0 FROM code"                  \
	" WHERE parent_id IS NULL UNION ALL"                                                  \
	" SELECT c.id, p.path || '/' || c.name,"                                              \
	" p.key || '/' || printf('%010d.%019d', c.position, c.id), p.depth + 1"               \
	" FROM code c JOIN paths p ON c.parent_id = p.id) "

/* A CSV export that is one query: its header and SQL (static, run with no
 * parameters), each column of a row written with export_csv_column. */
struct export_table {
	const char *header;
	const char *sql;
};

/* For an exporter's begin: starts writing table t (its header now). */
int export_table_begin(struct jaw_db *db, FILE *out, const struct export_options *opt,
                       const struct export_table *t, void **state, jaw_err *err);
/* The row function of an exporter that began with export_table_begin. */
enum export_step export_table_row(void *state, FILE *out, jaw_err *err);
/* Its end function. */
int export_table_end(void *state, FILE *out, bool ok, jaw_err *err);

#endif
