/* csvtest.h - what the survey import tests share: fixtures, imports and
 * checks of the stored result. */
#ifndef JAW_CSVTEST_H
#define JAW_CSVTEST_H

#include "csvimport.h"
#include "db.h"
#include "err.h"

/* The path of tests/fixtures/csv/NAME (newly allocated). */
char *csvtest_fixture_new(const char *name);
/* Plans and imports a fixture; returns the status, err has the message. */
int csvtest_import_with(struct jaw_db *db, const char *name, struct csvimport_options *opt,
                        jaw_err *err);
/* Plans and imports a fixture with no options. */
int csvtest_import(struct jaw_db *db, const char *name, jaw_err *err);
/* The expected message "PATH-OF-FIXTURE suffix". */
void csvtest_assert_error(const jaw_err *err, const char *name, const char *suffix);
/* The text of a one-value query. */
char *csvtest_text_new(struct jaw_db *db, const char *sql);
/* Fails unless the one-value query sql gives the text want. */
void csvtest_assert_text(struct jaw_db *db, const char *sql, const char *want);
/* The project passes jaw check and the full-text trigger is as created. */
void csvtest_assert_sound(struct jaw_db *db);
/* Writes a file of n rows whose last row is one field short, or (with
 * duplicate) repeats the first id: an error only --id "id" makes. */
char *csvtest_late_failure_new(int n, bool duplicate);
/* Imports path with csvimport_file; returns the status, err the message,
 * and the times the whole file was read (see csvimport_result.reads). */
int csvtest_import_file_reads(struct jaw_db *db, const char *path, int *reads, jaw_err *err);
/* Imports path with csvimport_file; returns the status, err the message. */
int csvtest_import_file(struct jaw_db *db, const char *path, jaw_err *err);
/* Writes a survey of n rows, about 170 bytes each (more than csvread's
 * block, and than the rows a guess reads, when n is large). */
char *csvtest_survey_rows_new(const char *name, int n);

#endif
