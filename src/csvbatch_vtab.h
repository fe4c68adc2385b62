/* csvbatch_vtab.h - a batch of parsed survey rows as two table-valued
 * functions of SQLite, so that the importer's writer inserts a batch with
 * one INSERT ... SELECT per table instead of one statement per row.
 * SQLite then opens the cursors of a table and of its indexes once a
 * batch, not once a row: the answers of a 200,000-row survey are written
 * in about half the time. Private to csvimport_run.c. */
#ifndef JAW_CSVBATCH_VTAB_H
#define JAW_CSVBATCH_VTAB_H
#include <sqlite3.h>
#include <stdint.h>

#include "csvbatch.h"

/* The type of the pointer the functions take as their argument. */
#define CSVBATCH_VTAB_POINTER "jaw_csvbatch_vtab_arg"

/* What the functions read: bound to their one argument with
 * sqlite3_bind_pointer(stmt, i, arg, CSVBATCH_VTAB_POINTER, NULL); it
 * must outlive the statement's run. */
struct csvbatch_vtab_arg {
	const struct csvbatch *batch;
	int64_t first_respondent;  /* the id of the batch's first respondent */
	const int64_t *column_ids; /* the survey_column id of each column */
};

/* Registers, on the connection, the table-valued functions
 * jaw_batch_respondents(arg), with the columns id, external_id, line and
 * answers (the respondents' ids are first_respondent, first_respondent +
 * 1, ...), and jaw_batch_answers(arg), with the columns id, text,
 * respondent_id and column_id. They may be used only in statements the
 * program prepares, not in triggers or views. Returns an SQLite code. */
int csvbatch_vtab_register(sqlite3 *db);

#endif
