/* test_csvfile.c - whole survey imports: all or nothing, one read by a
 * guessed plan, the index thread and its temporary file, re-import. */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "csvimport.h"
#include "csvimport_fts.h"
#include "csvtest.h"
#include "model.h"
#include "testutil.h"
#include "xalloc.h"

/* One read by a guessed plan stores what two reads store: the file's hash
 * and row count, so the same file is recognised again. */
static void test_file_in_one_read(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	char *path = csvtest_fixture_new("basic.csv");
	jaw_err err;
	int reads = 0;
	assert_int_equal(csvtest_import_file_reads(db, path, &reads, &err), JAW_OK);
	assert_int_equal(reads, 1);
	struct csvimport_options opt = {0};
	struct csvimport_plan *plan = csvimport_plan_new(path, &opt, &err);
	char *want = xasprintf("%s|4", plan->hash);
	csvtest_assert_text(db, "SELECT content_hash || '|' || row_count FROM survey", want);
	free(want);
	csvimport_plan_free(plan);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM survey_fts_1 WHERE survey_fts_1"
	                                     " MATCH 'annex'"), 1);
	/* a taken name is refused at once: the file is not read again */
	assert_int_equal(csvtest_import_file_reads(db, path, &reads, &err), JAW_FAIL);
	csvtest_assert_error(&err, "basic.csv", ": a survey called \"basic\" is already in the project;"
	             " choose another name with --name");
	assert_int_equal(reads, 1);
	free(path);
	/* a file larger than the guess and than a block read is read once too,
	 * and stores the whole file's hash */
	path = csvtest_survey_rows_new("large.csv", 5000);
	assert_int_equal(csvtest_import_file_reads(db, path, &reads, &err), JAW_OK);
	assert_int_equal(reads, 1);
	plan = csvimport_plan_new(path, &opt, &err);
	want = xasprintf("%s|5000", plan->hash);
	csvtest_assert_text(db, "SELECT content_hash || '|' || row_count FROM survey WHERE id = 2", want);
	free(want);
	csvimport_plan_free(plan);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM survey_fts_2 WHERE survey_fts_2"
	                                     " MATCH '\"protection of civilians\"'"), 5000);
	csvtest_assert_sound(db);
	free(path);
	db_close(db);
}

/* The values, roles and types of a whole import, as one text. */
static char *import_summary_new(struct jaw_db *db)
{
	sqlite3_stmt *s = NULL;
	sqlite3_prepare_v2(db_sqlite(db),
		"SELECT coalesce((SELECT group_concat(role || ':' || value_type || ':' || label, ' ')"
		" FROM survey_column), '') || '|' || coalesce((SELECT row_count || content_hash"
		" FROM survey), '') || '|' || coalesce((SELECT group_concat(answers, ';')"
		" FROM respondent), '') || '|' || (SELECT count(*) || '/' || coalesce(sum(length(text)),"
		" 0) FROM source)", -1, &s, NULL);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	char *text = xstrdup((const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	return text;
}

/* When the first rows mislead the guess (a score that turns to text after
 * 3,000 rows), the import is done again by the whole file's plan: the
 * result is what planning first would give. */
static void test_file_guess_corrected(void **state)
{
	(void)state;
	char *path = testutil_path_new("turns.csv");
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("id,unit,score,comment\n", f);
	for (int i = 1; i <= 3500; i++)
		fprintf(f, "%d,Unit %d,%s,\"Answer %d\"\n", i, i % 7, i > 3000 ? "many" : "12", i);
	fclose(f);
	struct jaw_db *once = testutil_project_new(NULL), *twice = testutil_project_new(NULL);
	jaw_err err;
	int reads = 0;
	assert_int_equal(csvtest_import_file_reads(once, path, &reads, &err), JAW_OK);
	assert_int_equal(reads, 3);
	struct csvimport_options opt = {0};
	struct csvimport_plan *plan = csvimport_plan_new(path, &opt, &err);
	struct csvimport_result res;
	assert_int_equal(csvimport_run(twice, plan, &opt, &res, &err), JAW_OK);
	csvimport_plan_free(plan);
	char *a = import_summary_new(once), *b = import_summary_new(twice);
	assert_string_equal(a, b);
	assert_non_null(strstr(a, "attribute:text:score"));
	free(a);
	free(b);
	csvtest_assert_sound(once);
	db_close(once);
	db_close(twice);
	free(path);
}

/* An error near the end of the file: the message planning first gives,
 * and nothing written. */
static void test_file_late_error(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	char *path = csvtest_late_failure_new(5000, false);
	jaw_err err;
	assert_int_equal(csvtest_import_file(db, path, &err), JAW_FAIL);
	char *want = xasprintf("%s line 5001: 3 fields, but the heading has 4 (is a quote missing, or a"
	                       " delimiter inside an unquoted field?)", path);
	assert_string_equal(err.msg, want);
	free(want);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM survey"), 0);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM source"), 0);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM sqlite_master WHERE name GLOB"
	                                     " 'survey_fts_*'"), 0);
	csvtest_assert_sound(db);
	free(path);
	db_close(db);
}

/* The index thread's temporary file is gone after an import, and after
 * one that fails. */
static void test_no_temporary_files_left(void **state)
{
	(void)state;
	char *tmp = getenv("TMPDIR") ? xstrdup(getenv("TMPDIR")) : NULL;
	char *dir = testutil_path_new("tmp");
	assert_int_equal(mkdir(dir, 0700), 0);
	setenv("TMPDIR", dir, 1);
	struct jaw_db *db = testutil_project_new(NULL);
	char *ok = csvtest_survey_rows_new("ok.csv", 3000), *bad = csvtest_late_failure_new(3000, false);
	jaw_err err;
	assert_int_equal(csvtest_import_file(db, ok, &err), JAW_OK);
	assert_int_equal(csvtest_import_file(db, bad, &err), JAW_FAIL);
	if (tmp)
		setenv("TMPDIR", tmp, 1);
	else
		unsetenv("TMPDIR");
	DIR *d = opendir(dir);
	assert_non_null(d);
	int left = 0;
	for (struct dirent *e; (e = readdir(d)) != NULL;)
		left += e->d_name[0] != '.';
	closedir(d);
	assert_int_equal(left, 0);
	db_close(db);
	free(ok);
	free(bad);
	free(dir);
	free(tmp);
}

/* A survey whose last answers were deleted keeps its id range: the next
 * import's answers go above it, and each index stays right. */
static void test_ranges_not_reused(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	char *first = csvtest_survey_rows_new("first.csv", 200), *second = csvtest_fixture_new("basic.csv");
	jaw_err err;
	assert_int_equal(csvtest_import_file(db, first, &err), JAW_OK);
	int64_t last = testutil_scalar(db, "SELECT max(id) FROM source");
	assert_int_equal(testutil_scalar(db, "SELECT last_source FROM survey WHERE id = 1"), last);
	assert_int_equal(db_exec(db, "DELETE FROM source WHERE id >= (SELECT max(id) - 9 FROM source)",
	                         &err), JAW_OK);
	assert_int_equal(csvtest_import_file(db, second, &err), JAW_OK);
	assert_true(testutil_scalar(db, "SELECT first_source FROM survey WHERE id = 2") > last);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM survey_fts_1 WHERE survey_fts_1"
	                                     " MATCH 'liaison'"), 190);
	csvtest_assert_sound(db);
	free(first);
	free(second);
	db_close(db);
}

static void test_all_or_nothing(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_demo_new(NULL);
	int64_t sources = testutil_scalar(db, "SELECT count(*) FROM source");
	int64_t surveys = testutil_scalar(db, "SELECT count(*) FROM survey");
	int64_t patrols = testutil_scalar(db, "SELECT count(*) FROM source_fts WHERE source_fts"
	                                      " MATCH 'patrols'");
	char *path = csvtest_late_failure_new(60000, true);
	jaw_err err;
	err_clear(&err);
	struct csvimport_options opt = {.roles[SURVEY_ROLE_ID] = "id"};
	struct csvimport_plan *plan = csvimport_plan_new(path, &opt, &err);
	assert_non_null(plan);
	struct csvimport_result res;
	assert_int_equal(csvimport_run(db, plan, &opt, &res, &err), JAW_FAIL);
	char *want = xasprintf("%s line 60001: duplicate respondent id \"1\" (first on line 2)", path);
	assert_string_equal(err.msg, want);
	free(want);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM source"), sources);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM survey"), surveys);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM source_fts WHERE source_fts"
	                                     " MATCH 'patrols'"), patrols);
	csvtest_assert_sound(db);
	csvimport_plan_free(plan);
	free(path);
	db_close(db);
}

/* Without a temporary file for the index thread, the index is built in
 * the project's connection: the same answers are found. */
static void test_index_in_place(void **state)
{
	(void)state;
	char *tmp = getenv("TMPDIR") ? xstrdup(getenv("TMPDIR")) : NULL;
	setenv("TMPDIR", "/nonexistent-jaw-dir", 1);
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	/* the index's temporary file cannot be made: the message says it is one */
	err_clear(&err);
	assert_null(csvimport_fts_new(&err));
	assert_true(strncmp(err.msg, "/nonexistent-jaw-dir/jaw-index-", 31) == 0);
	assert_string_equal(err.msg + 37, ": cannot create a temporary file (the answers' index, in"
	                                  " TMPDIR): No such file or directory");
	int rc = csvtest_import(db, "basic.csv", &err);
	if (tmp)
		setenv("TMPDIR", tmp, 1);
	else
		unsetenv("TMPDIR");
	free(tmp);
	assert_int_equal(rc, JAW_OK);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM survey_fts_1 WHERE survey_fts_1"
	                                     " MATCH 'annex'"), 1);
	csvtest_assert_sound(db);
	db_close(db);
}

/* The import runs without jaw's own triggers (they do nothing for new
 * answers) and without the answers' CHECK constraints: a project's
 * tally of codings stays exact, the constraints hold again after it, and
 * a trigger the project's owner added on the answers still fires. */
static void test_triggers_and_checks(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_demo_new(NULL);
	jaw_err err;
	assert_true(testutil_scalar(db, "SELECT count(*) FROM coding") > 0);
	assert_int_equal(csvtest_import(db, "basic.csv", &err), JAW_OK);
	csvtest_assert_sound(db); /* the coding tally among the checks */
	assert_int_equal(db_exec(db, "UPDATE source SET kind = 'letter' WHERE id ="
	                             " (SELECT max(id) FROM source)", &err), JAW_FAIL);
	assert_int_equal(db_exec(db, "CREATE TABLE answer_log (id INTEGER);"
	                             " CREATE TRIGGER answer_logged AFTER INSERT ON source BEGIN"
	                             " INSERT INTO answer_log VALUES (new.id); END", &err), JAW_OK);
	struct csvimport_options opt = {.name = "again"};
	assert_int_equal(csvtest_import_with(db, "basic.csv", &opt, &err), JAW_OK);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM answer_log"), 3);
	csvtest_assert_sound(db);
	db_close(db);
}

/* A trigger of the project's own that refuses the respondents, or the
 * answers (which the import writes a batch at a time), or a UNIQUE index
 * of its own, fails the import with its message; nothing of the survey
 * is left. */
static void test_trigger_refuses(void **state)
{
	(void)state;
	static const char *const triggers[][2] = {
		{"CREATE TRIGGER no_respondents BEFORE INSERT ON respondent"
		 " BEGIN SELECT RAISE(ABORT, 'no respondents here'); END", "no respondents here"},
		{"CREATE TRIGGER no_answers BEFORE INSERT ON source WHEN new.kind = 'survey_answer'"
		 " BEGIN SELECT RAISE(ABORT, 'no answers here'); END", "no answers here"},
		/* not a repeated id: SQLite's message, not "duplicate respondent id" */
		{"CREATE UNIQUE INDEX one_respondent ON respondent (survey_id)",
		 "UNIQUE constraint failed: respondent.survey_id"},
	};
	for (size_t i = 0; i < sizeof triggers / sizeof *triggers; i++) {
		char *path = NULL;
		struct jaw_db *db = testutil_project_new(&path);
		jaw_err err;
		err_clear(&err);
		assert_int_equal(db_exec(db, triggers[i][0], &err), JAW_OK);
		assert_int_equal(csvtest_import(db, "basic.csv", &err), JAW_FAIL);
		char *want = xasprintf("%s: database error in \"INSERT OR FAIL INTO ", path);
		assert_true(strncmp(err.msg, want, strlen(want)) == 0);
		if (!strstr(err.msg, triggers[i][1]))
			fail_msg("%s", err.msg);
		free(want);
		assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM survey"), 0);
		assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM respondent"), 0);
		assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM source"), 0);
		db_close(db);
		free(path);
	}
}

/* The size of a file (0 when it is not there). */
static long long file_size(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 ? (long long)st.st_size : 0;
}

/* With defer_checkpoint (jaw import-csv) the commit leaves the import's
 * pages in the WAL: the project file has not grown, yet every connection
 * finds the survey and searches its answers; a checkpoint then moves it
 * into the file. Without it, the commit's checkpoint does. */
static void test_checkpoint_deferred(void **state)
{
	(void)state;
	char *path = NULL;
	struct jaw_db *db = testutil_project_new(&path);
	char *wal = xasprintf("%s-wal", path), *csv = csvtest_survey_rows_new("deferred.csv", 16000);
	long long empty = file_size(path);
	struct csvimport_options opt = {.defer_checkpoint = true};
	struct csvimport_plan *plan = NULL;
	struct csvimport_result res;
	jaw_err err;
	assert_int_equal(csvimport_file(db, csv, &opt, &plan, &res, &err), JAW_OK);
	csvimport_plan_free(plan);
	assert_int_equal(file_size(path), empty);
	/* more than SQLite checkpoints at (1000 pages, with their headers) */
	assert_true(file_size(wal) > 4200000);
	struct jaw_db *other = NULL;
	assert_int_equal(db_open(path, 0, db_schema(db), &other, &err), JAW_OK);
	assert_int_equal(testutil_scalar(other, "SELECT count(*) FROM respondent"), 16000);
	assert_int_equal(testutil_scalar(other, "SELECT count(*) FROM survey_fts_1 WHERE survey_fts_1"
	                                        " MATCH '\"protection of civilians\"'"), 16000);
	db_close(other);
	assert_int_equal(db_checkpoint(db, &err), JAW_OK);
	long long checkpointed = file_size(path);
	assert_true(checkpointed > empty + 4000000);
	assert_int_equal(file_size(wal), 0);
	csvtest_assert_sound(db);
	/* the same import without: the file takes it at the commit */
	opt = (struct csvimport_options){.name = "again"};
	assert_int_equal(csvimport_file(db, csv, &opt, &plan, &res, &err), JAW_OK);
	csvimport_plan_free(plan);
	assert_true(file_size(path) > checkpointed + 4000000);
	db_close(db);
	free(csv);
	free(wal);
	free(path);
}

static void test_reimport(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	assert_int_equal(csvtest_import(db, "basic.csv", &err), JAW_OK);
	assert_int_equal(csvtest_import(db, "basic.csv", &err), JAW_FAIL);
	csvtest_assert_error(&err, "basic.csv", ": a survey called \"basic\" is already in the project;"
	             " choose another name with --name");
	struct csvimport_options opt = {.name = "basic"};
	assert_int_equal(csvtest_import_with(db, "basic.csv", &opt, &err), JAW_FAIL);
	opt.name = "second wave";
	assert_int_equal(csvtest_import_with(db, "basic.csv", &opt, &err), JAW_OK);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM survey"), 2);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM respondent"), 8);
	/* each survey has its own full-text index of its answers */
	assert_int_equal(testutil_scalar(db, "SELECT rowid FROM survey_fts_2 WHERE survey_fts_2"
	                                     " MATCH 'annex'"),
	                 testutil_scalar(db, "SELECT max(id) FROM source"));
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM survey_fts_1 WHERE survey_fts_1"
	                                     " MATCH 'annex'"), 1);
	/* the same content under another file name is recognised too */
	char *copy = testutil_path_new("copy.csv"), *orig = csvtest_fixture_new("basic.csv");
	FILE *in = fopen(orig, "rb");
	char buf[4096];
	size_t n = fread(buf, 1, sizeof buf, in);
	fclose(in);
	testutil_write_file(copy, buf, n);
	struct csvimport_options none = {0};
	struct csvimport_plan *plan = csvimport_plan_new(copy, &none, &err);
	struct csvimport_result res;
	assert_int_equal(csvimport_run(db, plan, &none, &res, &err), JAW_FAIL);
	char *want = xasprintf("%s: already imported as the survey \"basic\"; to import it again as a"
	                       " new survey, give it a new name with --name", copy);
	assert_string_equal(err.msg, want);
	free(want);
	csvimport_plan_free(plan);
	free(copy);
	free(orig);
	csvtest_assert_sound(db);
	db_close(db);
}

int main(void)
{
	testutil_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_file_in_one_read),
		cmocka_unit_test(test_file_guess_corrected),
		cmocka_unit_test(test_file_late_error),
		cmocka_unit_test(test_no_temporary_files_left),
		cmocka_unit_test(test_ranges_not_reused),
		cmocka_unit_test(test_all_or_nothing),
		cmocka_unit_test(test_index_in_place),
		cmocka_unit_test(test_reimport),
		cmocka_unit_test(test_triggers_and_checks),
		cmocka_unit_test(test_trigger_refuses),
		cmocka_unit_test(test_checkpoint_deferred),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
