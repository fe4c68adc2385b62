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
#include <stdio.h>

#include "db.h"
#include "err.h"

/* What an exporter's row function returns. */
enum export_step {
	EXPORT_FAILED = -1, /* err says why */
	EXPORT_DONE = 0,    /* nothing more to write */
	EXPORT_MORE = 1,    /* wrote one row; call again */
};

/* One kind of export. */
struct exporter {
	const char *name;    /* the word after `jaw export`, e.g. "codings" */
	const char *summary; /* what it writes, one line for the help */
	/* Prepares the export into a new *state (queries, lookups) and writes
	 * what comes before the rows (a CSV header). JAW_OK or JAW_FAIL. */
	int (*begin)(struct jaw_db *db, FILE *out, void **state, jaw_err *err);
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
 * the exact coded characters, code the code's name and code_path its path
 * in the codebook. Numbers are written bare, every other field quoted.
 * Reads one source's text at a time. */
extern const struct exporter exporter_codings;

/* The exporters, in the order the help lists them, NULL-terminated. */
extern const struct exporter *const export_all[];
/* Returns the exporter called name, or NULL. */
const struct exporter *export_find(const char *name);
/* Writes the exporters' names, separated by sep, into buf (truncated to
 * size). */
void export_names(char *buf, size_t size, const char *sep);

/* Runs exporter x over db into out. */
int export_run(const struct exporter *x, struct jaw_db *db, FILE *out, jaw_err *err);
/* Runs exporter x over db into the file path, atomically: into a temporary
 * file beside it, synced and renamed over path only when all went well, so
 * a failure leaves no half-written file. path "-" writes to stdout. */
int export_to_path(const struct exporter *x, struct jaw_db *db, const char *path, jaw_err *err);

/* ---- for exporters ---------------------------------------------------------- */

/* Writes len bytes of s as a quoted CSV field, then a comma, or the line
 * end when last. */
void export_csv_field(FILE *out, const char *s, size_t len, bool last);
/* export_csv_field of the string s. */
void export_csv_text(FILE *out, const char *s, bool last);

#endif
