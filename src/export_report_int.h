/* export_report_int.h - what the parts of the Joint Analysis Report share
 * (export_report.c drives them; export_report_method.c writes the method,
 * export_report_annex.c the annexes). */
#ifndef JAW_EXPORT_REPORT_INT_H
#define JAW_EXPORT_REPORT_INT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "db.h"
#include "err.h"
#include "export.h"

/* How many records a part reads at a time. */
#define REPORT_PAGE 32

/* A report being written. */
struct report {
	struct jaw_db *db;
	FILE *out;
	size_t part;         /* the part being written (report_parts) */
	bool begun;          /* its beginning written */
	int64_t offset;      /* the records of it read so far */
	int64_t written;     /* the table rows or records of it written so far */
	sqlite3_stmt *stmt;  /* its query under way (report_step), or NULL */
};

/* One part of the report: a heading and what it says, and a table or a
 * list of records read a page at a time. */
struct report_part {
	/* The part's heading and what it says first, written as it is; NULL
	 * for none. */
	const char *text;
	/* Writes what the part says from the project before its records;
	 * NULL for nothing. */
	int (*begin)(struct report *r, jaw_err *err);
	/* Writes the next records (r->offset counts those read; each table
	 * row begins with report_row): EXPORT_MORE while there are more,
	 * EXPORT_DONE at the end; NULL for a part without records. */
	enum export_step (*rows)(struct report *r, jaw_err *err);
	/* The pipe table's header and rule (report_row writes them before
	 * the first row), or NULL. */
	const char *header;
	/* Said when the part wrote nothing (r->written 0), or NULL. */
	const char *none;
};

/* Before a table row: the part's header when it is the first row. */
void report_row(struct report *r);
/* Steps the part's query sql (prepared and bound by bind(stmt, ctx) when
 * r->stmt is NULL): 1 with a row in r->stmt, 0 at the end (the query
 * reset, r->stmt NULL), -1 with err set. */
int report_step(struct report *r, const char *sql, void (*bind)(sqlite3_stmt *, const void *),
                const void *ctx, jaw_err *err);
/* Runs sql, its ?1 bound to id, to its one row: the statement, to be
 * reset by the caller, or NULL with err set. */
sqlite3_stmt *report_one_row(struct report *r, const char *sql, int64_t id, jaw_err *err);
/* Writes rows of the part's query sql (no parameters), up to a page:
 * each row by write(r, stmt). */
enum export_step report_query_rows(struct report *r, const char *sql,
                                   void (*write)(struct report *, sqlite3_stmt *), jaw_err *err);
/* Writes column i of stmt as inline Markdown ("" for NULL). */
void report_text(struct report *r, sqlite3_stmt *stmt, int i);
/* Writes a pipe table cell: " TEXT |" with text escaped. */
void report_cell(struct report *r, const char *text);
/* Writes a pipe table cell of a number (an empty cell for NULL). */
void report_cell_int(struct report *r, sqlite3_stmt *stmt, int i);
/* Writes "N WORD" with the plural ("no WORD" for 0): report_count(out,
 * 3, "source", "sources") writes "3 sources". */
void report_count(FILE *out, int64_t n, const char *one, const char *many);
/* Writes a marked place for the analysts to write what jaw does not
 * store: "**[To be written by the analysts: WHAT]**" and a blank line. */
void report_todo(FILE *out, const char *what);
/* A source's kind in words ("survey answer" for survey_answer). */
const char *report_kind_words(const char *kind);

/* The parts, in export_report_method.c. */
int report_aim_begin(struct report *r, jaw_err *err);
int report_sources_begin(struct report *r, jaw_err *err);
enum export_step report_sources_rows(struct report *r, jaw_err *err);
enum export_step report_interviews_rows(struct report *r, jaw_err *err);
enum export_step report_surveys_rows(struct report *r, jaw_err *err);
enum export_step report_coders_rows(struct report *r, jaw_err *err);
enum export_step report_agreement_rows(struct report *r, jaw_err *err);

/* The annexes, in export_report_annex.c. */
enum export_step report_codebook_rows(struct report *r, jaw_err *err);
enum export_step report_timeline_rows(struct report *r, jaw_err *err);
enum export_step report_register_rows(struct report *r, jaw_err *err);
enum export_step report_by_role_rows(struct report *r, jaw_err *err);
int report_not_named_begin(struct report *r, jaw_err *err);

#endif
