/* csvtest.c - what the survey import tests share. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvtest.h"
#include "testutil.h"
#include "xalloc.h"

char *csvtest_fixture_new(const char *name)
{
	const char *top = getenv("top_srcdir");
	return xasprintf("%s/tests/fixtures/csv/%s", top && *top ? top : ".", name);
}

/* Plans and imports a fixture; returns the status, err has the message. */
int csvtest_import_with(struct jaw_db *db, const char *name, struct csvimport_options *opt,
                        jaw_err *err)
{
	char *path = csvtest_fixture_new(name);
	err_clear(err);
	struct csvimport_plan *plan = csvimport_plan_new(path, opt, err);
	int rc = err->status;
	if (plan) {
		struct csvimport_result res;
		rc = csvimport_run(db, plan, opt, &res, err);
	}
	csvimport_plan_free(plan);
	free(path);
	return rc;
}

int csvtest_import(struct jaw_db *db, const char *name, jaw_err *err)
{
	struct csvimport_options opt = {0};
	return csvtest_import_with(db, name, &opt, err);
}

/* The expected message "PATH-OF-FIXTURE suffix". */
void csvtest_assert_error(const jaw_err *err, const char *name, const char *suffix)
{
	char *path = csvtest_fixture_new(name);
	char *want = xasprintf("%s%s", path, suffix);
	assert_string_equal(err->msg, want);
	free(want);
	free(path);
}

/* The text of a one-value query. */
char *csvtest_text_new(struct jaw_db *db, const char *sql)
{
	sqlite3_stmt *s = NULL;
	assert_int_equal(sqlite3_prepare_v2(db_sqlite(db), sql, -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	char *t = db_column_text_new(s, 0);
	sqlite3_finalize(s);
	return t;
}

void csvtest_assert_text(struct jaw_db *db, const char *sql, const char *want)
{
	char *t = csvtest_text_new(db, sql);
	if (strcmp(t, want) != 0)
		fail_msg("%s: got \"%s\", expected \"%s\"", sql, t, want);
	free(t);
}

static void csvtest_count_problem(void *ctx, const char *problem)
{
	fprintf(stderr, "# problem: %s\n", problem);
	(*(int *)ctx)++;
}

/* The project passes jaw check and the full-text trigger is as created. */
void csvtest_assert_sound(struct jaw_db *db)
{
	int problems = 0;
	jaw_err err;
	assert_int_equal(db_check(db, csvtest_count_problem, &problems, &err), 0);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM sqlite_master WHERE type ="
	                                     " 'trigger' AND name = 'source_fts_insert'"), 1);
}

char *csvtest_late_failure_new(int n, bool duplicate)
{
	char *path = testutil_path_new("late.csv");
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("id,unit,score,comment\n", f);
	for (int i = 1; i <= n; i++)
		if (i < n || duplicate)
			fprintf(f, "%d,Unit %d,%d,\"Answer number %d, about patrols\"\n", i < n ? i : 1,
			        i % 7, i % 5 + 1, i);
		else /* a row a field short */
			fprintf(f, "%d,Unit %d,%d\n", i, i % 7, i % 5 + 1);
	fclose(f);
	return path;
}

/* Imports path with csvimport_file; returns the status, err the message,
 * and the times the whole file was read (see csvimport_result.reads). */
int csvtest_import_file_reads(struct jaw_db *db, const char *path, int *reads, jaw_err *err)
{
	struct csvimport_options opt = {0};
	struct csvimport_plan *plan = NULL;
	struct csvimport_result res;
	err_clear(err);
	int rc = csvimport_file(db, path, &opt, &plan, &res, err);
	if (rc == JAW_OK) {
		assert_non_null(plan);
		assert_int_equal(res.respondents, plan->rows);
	}
	*reads = res.reads;
	csvimport_plan_free(plan);
	return rc;
}

int csvtest_import_file(struct jaw_db *db, const char *path, jaw_err *err)
{
	int reads;
	return csvtest_import_file_reads(db, path, &reads, err);
}

/* Writes a survey of n rows, about 170 bytes each (more than csvread's
 * block, and than the rows a guess reads, when n is large). */
char *csvtest_survey_rows_new(const char *name, int n)
{
	char *path = testutil_path_new(name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("Respondent ID,Nation,Trust,What should change?\n", f);
	for (int i = 1; i <= n; i++)
		fprintf(f, "R%05d,Nation %d,%d,\"Answer %d: more liaison officers, more interpreters,"
		        " and a \"\"protection of civilians\"\" annex in every operation order\"\n",
		        i, i % 9, i % 5 + 1, i);
	fclose(f);
	return path;
}
