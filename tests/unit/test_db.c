/* test_db.c - the database layer: create, reopen, migrate, refuse, check. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db.h"
#include "project_schema.h"
#include "testutil.h"
#include "xalloc.h"

static void test_create_and_reopen(void **state)
{
	(void)state;
	char *path = NULL;
	struct jaw_db *db = testutil_project_new(&path);
	assert_int_equal(db_schema_version(db), PROJECT_SCHEMA_VERSION);
	assert_int_equal(testutil_scalar(db, "PRAGMA application_id"), DB_APPLICATION_ID);
	assert_int_equal(testutil_scalar(db, "PRAGMA foreign_keys"), 1);
	db_close(db);

	jaw_err err;
	err_clear(&err);
	assert_int_equal(db_open(path, 0, &project_schema, &db, &err), JAW_OK);
	sqlite3_stmt *s = NULL;
	assert_int_equal(sqlite3_prepare_v2(db_sqlite(db), "PRAGMA journal_mode", -1, &s, NULL),
	                 SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(s, 0), "wal");
	sqlite3_finalize(s);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM sqlite_master WHERE name = 'source_fts'"), 1);
	db_close(db);
	free(path);
}

static void test_create_refuses_existing_file(void **state)
{
	(void)state;
	char *path = testutil_path_new("exists.jaw");
	testutil_write_file(path, "keep me", 7);
	struct jaw_db *db = NULL;
	jaw_err err;
	err_clear(&err);
	assert_int_equal(db_create(path, &project_schema, &db, &err), JAW_FAIL);
	assert_null(db);
	assert_non_null(strstr(err.msg, "already exists"));
	/* the file is untouched */
	FILE *f = fopen(path, "r");
	char buf[16] = {0};
	assert_int_equal(fread(buf, 1, sizeof buf, f), 7);
	fclose(f);
	assert_string_equal(buf, "keep me");
	free(path);
}

static void test_open_missing_file(void **state)
{
	(void)state;
	char *path = testutil_path_new("missing.jaw");
	struct jaw_db *db = NULL;
	jaw_err err;
	err_clear(&err);
	assert_int_equal(db_open(path, 0, &project_schema, &db, &err), JAW_FAIL);
	assert_non_null(strstr(err.msg, "no such project; create one with: jaw init"));
	/* opening must not have created it */
	assert_int_not_equal(access(path, F_OK), 0);
	free(path);
}

static void test_open_refuses_text_file(void **state)
{
	(void)state;
	char *path = testutil_path_new("notes.txt");
	const char text[] = "These are interview notes, not a database.\n";
	testutil_write_file(path, text, sizeof text - 1);
	struct jaw_db *db = NULL;
	jaw_err err;
	err_clear(&err);
	assert_int_equal(db_open(path, 0, &project_schema, &db, &err), JAW_FAIL);
	assert_non_null(strstr(err.msg, "not a jaw project (not an SQLite database)"));
	free(path);
}

static void test_open_refuses_other_sqlite(void **state)
{
	(void)state;
	char *path = testutil_path_new("other.db");
	sqlite3 *raw = NULL;
	assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw, "CREATE TABLE t(x); PRAGMA user_version = 2", NULL, NULL,
	                              NULL), SQLITE_OK);
	sqlite3_close(raw);
	struct jaw_db *db = NULL;
	jaw_err err;
	err_clear(&err);
	assert_int_equal(db_open(path, 0, &project_schema, &db, &err), JAW_FAIL);
	assert_non_null(strstr(err.msg, "an SQLite database of another program"));
	free(path);
}

static void test_open_refuses_newer_version(void **state)
{
	(void)state;
	char *path = NULL;
	struct jaw_db *db = testutil_project_new(&path);
	jaw_err err;
	err_clear(&err);
	assert_int_equal(db_exec(db, "PRAGMA user_version = 99", &err), JAW_OK);
	db_close(db);
	assert_int_equal(db_open(path, 0, &project_schema, &db, &err), JAW_FAIL);
	assert_non_null(strstr(err.msg, "made by a newer jaw (schema version 99"));
	/* read-only open refuses it as well */
	assert_int_equal(db_open(path, DB_OPEN_READONLY, &project_schema, &db, &err), JAW_FAIL);
	free(path);
}

static void test_migrate_from_version_1(void **state)
{
	(void)state;
	char *path = testutil_path_new("v1.jaw");
	struct jaw_db *db = NULL;
	jaw_err err;
	err_clear(&err);
	assert_int_equal(db_create_version(path, &project_schema, 1, &db, &err), JAW_OK);
	assert_int_equal(db_schema_version(db), 1);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM sqlite_master WHERE name = 'journal'"), 0);
	assert_int_equal(db_exec(db, "INSERT INTO project (id, title) VALUES (1, 'Old study')", &err), JAW_OK);
	db_close(db);

	/* a read-only open (jaw check) leaves the old version alone */
	assert_int_equal(db_open(path, DB_OPEN_READONLY, &project_schema, &db, &err), JAW_OK);
	assert_int_equal(db_schema_version(db), 1);
	db_close(db);

	assert_int_equal(db_open(path, 0, &project_schema, &db, &err), JAW_OK);
	assert_int_equal(db_schema_version(db), PROJECT_SCHEMA_VERSION);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM sqlite_master WHERE name = 'journal'"), 1);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM project WHERE title = 'Old study'"), 1);
	db_close(db);
	free(path);
}

static void count_check_problem(void *ctx, const char *problem)
{
	fprintf(stderr, "# problem: %s\n", problem);
	(*(int *)ctx)++;
}

static int check_problems(struct jaw_db *db)
{
	int problems = 0;
	jaw_err err;
	err_clear(&err);
	assert_true(db_check(db, count_check_problem, &problems, &err) >= 0);
	return problems;
}

/* Schema 3 moves a survey's answers out of source_fts into an index of
 * their own and keeps notes, codings and links. */
static void test_migrate_survey_from_version_2(void **state)
{
	(void)state;
	char *path = testutil_path_new("v2.jaw");
	struct jaw_db *db = NULL;
	jaw_err err;
	err_clear(&err);
	assert_int_equal(db_create_version(path, &project_schema, 2, &db, &err), JAW_OK);
	assert_int_equal(db_exec(db,
		"INSERT INTO survey (id, name) VALUES (4, 'Staff survey');"
		"INSERT INTO survey_column (id, survey_id, position, label, role)"
		" VALUES (7, 4, 1, 'Comments', 'open_text');"
		"INSERT INTO respondent (id, survey_id, external_id) VALUES (1, 4, 'R1'), (2, 4, 'R2');"
		"INSERT INTO source (id, kind, title, text) VALUES (1, 'interview', 'Chief', 'liaison works');"
		"INSERT INTO source (id, kind, title, text, respondent_id, column_id) VALUES"
		" (2, 'survey_answer', 'R1: Comments', 'more liaison officers', 1, 7),"
		" (3, 'survey_answer', 'R2: Comments', 'fewer meetings', 2, 7);"
		"INSERT INTO code (id, name) VALUES (1, 'Liaison');"
		"INSERT INTO coding (source_id, start_cp, end_cp, code_id, coder)"
		" VALUES (2, 5, 12, 1, 'ana'), (1, 0, 7, 1, 'ana');", &err), JAW_OK);
	db_close(db);

	assert_int_equal(db_open(path, 0, &project_schema, &db, &err), JAW_OK);
	assert_int_equal(db_schema_version(db), PROJECT_SCHEMA_VERSION);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM coding"), 2);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM source_fts WHERE source_fts MATCH"
	                                     " 'liaison'"), 1);
	assert_int_equal(testutil_scalar(db, "SELECT rowid FROM survey_fts_4 WHERE survey_fts_4 MATCH"
	                                     " 'liaison'"), 2);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM survey_fts_4 WHERE survey_fts_4"
	                                     " MATCH 'meetings OR officers'"), 2);
	assert_int_equal(check_problems(db), 0);
	/* the triggers keep both indexes in step */
	assert_int_equal(db_exec(db, "DELETE FROM source WHERE id = 3;"
	                             " UPDATE source SET text = 'liaison cells' WHERE id = 2;"
	                             " UPDATE source SET text = 'patrols' WHERE id = 1", &err), JAW_OK);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM survey_fts_4 WHERE survey_fts_4"
	                                     " MATCH 'meetings OR officers'"), 0);
	assert_int_equal(testutil_scalar(db, "SELECT rowid FROM survey_fts_4 WHERE survey_fts_4 MATCH"
	                                     " 'cells'"), 2);
	assert_int_equal(testutil_scalar(db, "SELECT rowid FROM source_fts WHERE source_fts MATCH"
	                                     " 'patrols'"), 1);
	assert_int_equal(check_problems(db), 0);
	/* an index out of step with its answers is a problem jaw check names */
	assert_int_equal(db_exec(db, "DROP TRIGGER survey_fts_4_delete; DELETE FROM source WHERE id = 2",
	                         &err), JAW_OK);
	assert_int_equal(check_problems(db), 1);
	db_close(db);
	free(path);
}

/* Schema 10 counts the codings of survey answers by each attribute's
 * value (coding_answer_tally) from the codings already there, and schema
 * 11 their distinct respondents: from a project of version 9 and one of
 * version 10 alike. R1 answered twice, both coded Liaison. */
static void migrate_answer_tally_from(int version)
{
	char *path = testutil_path_new(version == 9 ? "v9.jaw" : "v10.jaw");
	struct jaw_db *db = NULL;
	jaw_err err;
	err_clear(&err);
	assert_int_equal(db_create_version(path, &project_schema, version, &db, &err), JAW_OK);
	assert_int_equal(db_exec(db,
		"INSERT INTO survey (id, name) VALUES (4, 'Staff survey');"
		"INSERT INTO survey_column (id, survey_id, position, label, role) VALUES"
		" (6, 4, 1, 'Unit', 'attribute'), (7, 4, 2, 'Comments', 'open_text'),"
		" (8, 4, 3, 'Years', 'attribute'), (9, 4, 4, 'More', 'open_text');"
		"INSERT INTO respondent (id, survey_id, external_id, line, answers) VALUES"
		" (1, 4, 'R1', 2, '[\"HQ\",null,3,null]'), (2, 4, 'R2', 3, '[\"HQ\",null,null,null]'),"
		" (3, 4, 'R3', 4, '[\"Field\",null,3,null]');"
		"INSERT INTO source (id, kind, title, text) VALUES (1, 'interview', 'Chief', 'liaison works');"
		"INSERT INTO source (id, kind, title, text, respondent_id, column_id) VALUES"
		" (2, 'survey_answer', 'R1: Comments', 'more liaison officers', 1, 7),"
		" (3, 'survey_answer', 'R2: Comments', 'fewer meetings', 2, 7),"
		" (4, 'survey_answer', 'R3: Comments', 'more patrols', 3, 7),"
		" (5, 'survey_answer', 'R1: More', 'liaison again', 1, 9);"
		"INSERT INTO code (id, name) VALUES (1, 'Liaison'), (2, 'Meetings');"
		"INSERT INTO coding (source_id, start_cp, end_cp, code_id, coder) VALUES"
		" (2, 5, 12, 1, 'ana'), (2, 0, 4, 1, 'ana'), (3, 0, 6, 2, 'ana'), (4, 0, 4, 1, 'ana'),"
		" (5, 0, 7, 1, 'ana'), (1, 0, 7, 1, 'ana');", &err), JAW_OK);
	db_close(db);

	assert_int_equal(db_open(path, 0, &project_schema, &db, &err), JAW_OK);
	assert_int_equal(db_schema_version(db), PROJECT_SCHEMA_VERSION);
	/* segments * 100 + sources * 10 + respondents; the interview has no
	 * respondent */
	static const char row[] = "SELECT group_concat(code_id || ':' || value || '=' ||"
		" (segments * 100 + sources * 10 + respondents), ' ') FROM (SELECT *"
		" FROM coding_answer_tally WHERE column_id = %d ORDER BY code_id, typeof(value), value)";
	char sql[300];
	snprintf(sql, sizeof sql, row, 6);
	char *got = testutil_text_new(db, sql);
	assert_string_equal(got, "0:Field=111 0:HQ=432 1:Field=111 1:HQ=321 2:HQ=111");
	free(got);
	snprintf(sql, sizeof sql, row, 8);
	got = testutil_text_new(db, sql);
	/* R2 gave no years: the integer 0 */
	assert_string_equal(got, "0:0=111 0:3=432 1:3=432 2:0=111");
	free(got);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM coding_answer_tally"
	                                     " WHERE column_id IN (7, 9)"), 0);
	assert_int_equal(check_problems(db), 0);
	/* the triggers of schema 10 on codings and sources are gone, the new
	 * ones keep it: R1's second answer uncoded, R1 stays */
	assert_int_equal(db_exec(db, "DELETE FROM coding WHERE source_id = 5", &err), JAW_OK);
	snprintf(sql, sizeof sql, row, 6);
	got = testutil_text_new(db, sql);
	assert_string_equal(got, "0:Field=111 0:HQ=322 1:Field=111 1:HQ=211 2:HQ=111");
	free(got);
	assert_int_equal(check_problems(db), 0);
	db_close(db);
	free(path);
}

static void test_migrate_answer_tally_from_version_9(void **state)
{
	(void)state;
	migrate_answer_tally_from(9);
}

static void test_migrate_answer_tally_from_version_10(void **state)
{
	(void)state;
	migrate_answer_tally_from(10);
}

/* References another tool broke before do not stop the upgrade; jaw
 * check still names them. */
static void test_upgrade_keeps_broken_references(void **state)
{
	(void)state;
	char *path = testutil_path_new("broken.jaw");
	struct jaw_db *db = NULL;
	jaw_err err;
	err_clear(&err);
	assert_int_equal(db_create_version(path, &project_schema, 2, &db, &err), JAW_OK);
	assert_int_equal(db_exec(db, "PRAGMA foreign_keys = OFF;"
	                             " INSERT INTO code (id, name) VALUES (1, 'Liaison');"
	                             " INSERT INTO coding (source_id, start_cp, end_cp, code_id, coder)"
	                             " VALUES (99999, 0, 5, 1, 'ana')", &err), JAW_OK);
	db_close(db);
	assert_int_equal(db_open(path, 0, &project_schema, &db, &err), JAW_OK);
	assert_int_equal(db_schema_version(db), PROJECT_SCHEMA_VERSION);
	assert_int_equal(check_problems(db), 1);
	db_close(db);
	free(path);
}

/* A new project is small: SQLite's own page size, under 512 KiB in all. */
static void test_new_page_size(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	assert_int_equal(testutil_scalar(db, "PRAGMA page_size"), 4096);
	assert_true(testutil_scalar(db, "PRAGMA page_count") * 4096 < 512 * 1024);
	assert_int_equal(testutil_scalar(db, "PRAGMA foreign_keys"), 1);
	db_close(db);
}

/* The whole schema of a file, tables, indexes, triggers and views, as one
 * text (newly allocated). */
static char *schema_text_new(struct jaw_db *db)
{
	const char *sql = "SELECT group_concat(type || ' ' || name || ' ' || coalesce(sql, ''),"
	                  " char(10)) FROM (SELECT * FROM sqlite_master ORDER BY name)";
	sqlite3_stmt *s = NULL;
	assert_int_equal(sqlite3_prepare_v2(db_sqlite(db), sql, -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	char *text = xstrdup((const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	return text;
}

/* A file made by every older version, upgraded, has exactly the schema of
 * a new file. */
static void test_migrated_schema_equals_new(void **state)
{
	(void)state;
	jaw_err err;
	err_clear(&err);
	struct jaw_db *fresh = testutil_project_new(NULL);
	char *want = schema_text_new(fresh);
	for (int v = 1; v < PROJECT_SCHEMA_VERSION; v++) {
		char *old = testutil_path_new("old.jaw");
		struct jaw_db *db = NULL;
		assert_int_equal(db_create_version(old, &project_schema, v, &db, &err), JAW_OK);
		assert_int_equal(db_schema_version(db), v);
		db_close(db);
		assert_int_equal(db_open(old, 0, &project_schema, &db, &err), JAW_OK);
		assert_int_equal(db_schema_version(db), PROJECT_SCHEMA_VERSION);
		assert_int_equal(testutil_scalar(db, "PRAGMA application_id"), DB_APPLICATION_ID);
		char *got = schema_text_new(db);
		if (strcmp(got, want) != 0)
			fail_msg("the upgrade from version %d differs from a new file", v);
		free(got);
		db_close(db);
		free(old);
	}
	free(want);
	db_close(fresh);
}

/* ---- a schema of the test's own: its C steps and checks run ------------------ */

static int hook_steps, hook_checks;

/* A C step: makes a table named after the rows of another, as SQL alone
 * cannot; fails when the project's title is "fail". */
static int hook_step(struct jaw_db *db, jaw_err *err)
{
	hook_steps++;
	if (testutil_scalar(db, "SELECT count(*) FROM project WHERE title = 'fail'") > 0)
		return err_set(err, JAW_FAIL, "the step refused");
	return db_exec(db, "CREATE TABLE hook_made (x)", err);
}

/* A check: every project title is a problem. */
static int hook_check(struct jaw_db *db, db_report_fn report, void *ctx, jaw_err *err)
{
	hook_checks++;
	sqlite3_stmt *s = db_stmt(db, "SELECT title FROM project", err);
	if (!s)
		return -1;
	int n = 0;
	while (sqlite3_step(s) == SQLITE_ROW) {
		report(ctx, (const char *)sqlite3_column_text(s, 0));
		n++;
	}
	sqlite3_reset(s);
	return n;
}

/* A check that cannot run. */
static int hook_check_broken(struct jaw_db *db, db_report_fn report, void *ctx, jaw_err *err)
{
	(void)report;
	(void)ctx;
	return db_stmt(db, "SELECT nothing FROM nowhere", err) ? 0 : -1;
}

/* The project's migrations and one more, a C step only. */
static struct db_migration hook_migrations[PROJECT_SCHEMA_VERSION + 1];
static const struct db_check_hook hook_checks_table[] = {
	{"titles", false, hook_check},
	{"written", true, hook_check},
};
static struct db_schema hook_schema = {hook_migrations, PROJECT_SCHEMA_VERSION + 1,
                                       hook_checks_table, 2, NULL, NULL};

static void hook_schema_init(void)
{
	for (int i = 0; i < PROJECT_SCHEMA_VERSION; i++)
		hook_migrations[i] = project_schema.migrations[i];
	hook_migrations[PROJECT_SCHEMA_VERSION] =
		(struct db_migration){PROJECT_SCHEMA_VERSION + 1, NULL, hook_step};
	hook_steps = hook_checks = 0;
}

static void test_schema_hooks_run(void **state)
{
	(void)state;
	hook_schema_init();
	char *path = testutil_path_new("hooks.jaw");
	struct jaw_db *db = NULL;
	jaw_err err;
	err_clear(&err);
	assert_int_equal(db_create(path, &project_schema, &db, &err), JAW_OK);
	assert_int_equal(db_exec(db, "INSERT INTO project (id, title) VALUES (1, 'fail')", &err),
	                 JAW_OK);
	db_close(db);

	/* a C step that fails: the file stays as it was, the message names the step */
	assert_int_equal(db_open(path, 0, &hook_schema, &db, &err), JAW_FAIL);
	assert_int_equal(hook_steps, 1);
	char refused[64];
	snprintf(refused, sizeof refused, "schema version %d: the step refused",
	         PROJECT_SCHEMA_VERSION + 1);
	assert_non_null(strstr(err.msg, refused));
	assert_int_equal(db_open(path, DB_OPEN_READONLY, &project_schema, &db, &err), JAW_OK);
	assert_int_equal(db_schema_version(db), PROJECT_SCHEMA_VERSION);
	db_close(db);

	/* the step runs once, in the upgrade */
	assert_int_equal(db_open(path, 0, &project_schema, &db, &err), JAW_OK);
	assert_int_equal(db_exec(db, "UPDATE project SET title = 'Study'", &err), JAW_OK);
	db_close(db);
	assert_int_equal(db_open(path, 0, &hook_schema, &db, &err), JAW_OK);
	assert_int_equal(hook_steps, 2);
	assert_int_equal(db_schema_version(db), PROJECT_SCHEMA_VERSION + 1);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM sqlite_master WHERE name = 'hook_made'"), 1);
	assert_ptr_equal(db_schema(db), &hook_schema);
	db_close(db);
	assert_int_equal(db_open(path, 0, &hook_schema, &db, &err), JAW_OK);
	assert_int_equal(hook_steps, 2);

	/* both checks run on a connection that may write; one on a read-only one */
	int problems = 0;
	assert_int_equal(db_check(db, count_check_problem, &problems, &err), 2);
	assert_int_equal(hook_checks, 2);
	db_close(db);
	assert_int_equal(db_open(path, DB_OPEN_READONLY, &hook_schema, &db, &err), JAW_OK);
	assert_int_equal(db_check(db, count_check_problem, &problems, &err), 1);
	assert_int_equal(hook_checks, 3);
	db_close(db);

	/* the project's schema cannot read a file of the newer one */
	assert_int_equal(db_open(path, 0, &project_schema, &db, &err), JAW_FAIL);
	char newest[64];
	snprintf(newest, sizeof newest, "this jaw reads up to %d", PROJECT_SCHEMA_VERSION);
	assert_non_null(strstr(err.msg, newest));
	free(path);
}

/* A check that cannot run stops db_check with its name in the message; a
 * schema numbered wrongly is refused. */
static void test_schema_errors(void **state)
{
	(void)state;
	hook_schema_init();
	static const struct db_check_hook broken[] = {{"broken check", false, hook_check_broken}};
	struct db_schema schema = {project_schema.migrations, PROJECT_SCHEMA_VERSION, broken, 1, NULL, NULL};
	char *path = testutil_path_new("broken-check.jaw");
	struct jaw_db *db = NULL;
	jaw_err err;
	err_clear(&err);
	assert_int_equal(db_create(path, &schema, &db, &err), JAW_OK);
	int problems = 0;
	assert_int_equal(db_check(db, count_check_problem, &problems, &err), -1);
	assert_non_null(strstr(err.msg, "broken check: database error in \"SELECT nothing"));
	db_close(db);

	hook_migrations[1].version = 7;
	assert_int_equal(db_open(path, 0, &hook_schema, &db, &err), JAW_FAIL);
	assert_string_equal(err.msg, "internal error: schema step 2 is numbered 7");
	char *other = testutil_path_new("misnumbered.jaw");
	assert_int_equal(db_create(other, &hook_schema, &db, &err), JAW_FAIL);
	assert_true(access(other, F_OK) != 0);
	free(other);
	free(path);
}

static void test_foreign_keys_enforced(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	err_clear(&err);
	assert_int_equal(db_exec(db, "INSERT INTO coding (source_id, start_cp, end_cp, code_id, coder)"
	                             " VALUES (42, 0, 5, 7, 'ana')", &err), JAW_FAIL);
	assert_non_null(strstr(err.msg, "FOREIGN KEY constraint failed"));
	assert_non_null(strstr(err.msg, "INSERT INTO coding"));
	/* deleting a source deletes its codings (ON DELETE CASCADE) */
	assert_int_equal(db_exec(db,
		"INSERT INTO source (id, kind, title, text) VALUES (1, 'interview', 'A', 'text');"
		"INSERT INTO code (id, name) VALUES (1, 'Training');"
		"INSERT INTO coding (source_id, start_cp, end_cp, code_id, coder) VALUES (1, 0, 4, 1, 'ana');"
		"DELETE FROM source WHERE id = 1;", &err), JAW_OK);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM coding"), 0);
	db_close(db);
}

static void test_nested_transactions(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	err_clear(&err);
	assert_int_equal(db_begin(db, &err), JAW_OK);
	assert_int_equal(db_exec(db, "INSERT INTO code (name) VALUES ('outer')", &err), JAW_OK);
	assert_int_equal(db_begin(db, &err), JAW_OK);
	assert_int_equal(db_exec(db, "INSERT INTO code (name) VALUES ('inner')", &err), JAW_OK);
	db_rollback(db);
	assert_int_equal(db_commit(db, &err), JAW_OK);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM code WHERE name = 'outer'"), 1);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM code WHERE name = 'inner'"), 0);
	assert_int_equal(db_commit(db, &err), JAW_FAIL);
	assert_non_null(strstr(err.msg, "commit without a transaction"));
	db_close(db);
}

/* This connection's changes count up, TEMP tables' too; another
 * connection's commit shows in the data version instead. */
static void test_change_counts(void **state)
{
	(void)state;
	char *path = NULL;
	struct jaw_db *db = testutil_project_new(&path);
	jaw_err err;
	err_clear(&err);
	int64_t n = db_total_changes(db);
	int v = db_data_version(db);
	assert_int_equal(db_exec(db, "INSERT INTO code (name) VALUES ('a'), ('b')", &err), JAW_OK);
	int64_t m = db_total_changes(db);
	assert_true(m >= n + 2); /* (and the triggers' rows) */
	assert_int_equal(db_exec(db, "CREATE TEMP TABLE t (x); INSERT INTO t VALUES (1)", &err),
	                 JAW_OK);
	assert_int_equal(db_total_changes(db), m + 1);
	assert_int_equal(db_data_version(db), v);
	struct jaw_db *other = NULL;
	assert_int_equal(db_open(path, 0, &project_schema, &other, &err), JAW_OK);
	assert_int_equal(db_exec(other, "INSERT INTO code (name) VALUES ('c')", &err), JAW_OK);
	db_close(other);
	assert_int_equal(db_total_changes(db), m + 1);
	assert_int_not_equal(db_data_version(db), v);
	db_close(db);
	free(path);
}

static void test_stmt_cache_and_errors(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	err_clear(&err);
	static const char sql[] = "SELECT count(*) FROM code";
	sqlite3_stmt *a = db_stmt(db, sql, &err);
	sqlite3_stmt *b = db_stmt(db, sql, &err);
	assert_non_null(a);
	assert_ptr_equal(a, b);
	assert_null(db_stmt(db, "SELECT x FROM nowhere", &err));
	assert_non_null(strstr(err.msg, "database error in \"SELECT x FROM nowhere\": no such table: nowhere"));
	db_close(db);
}

/* db_step_int64: a row's value, no row, and a step that fails. */
static void test_step_int64(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	err_clear(&err);
	static const char sql[] = "SELECT abs(?1) WHERE ?1 <> 0";
	sqlite3_stmt *s = db_stmt(db, sql, &err);
	assert_non_null(s);
	int64_t v = 7;
	sqlite3_bind_int64(s, 1, -42);
	assert_int_equal(db_step_int64(db, s, &v, &err), JAW_OK);
	assert_int_equal(v, 42);
	/* no row: the value is left as it was */
	sqlite3_bind_int64(s, 1, 0);
	assert_int_equal(db_step_int64(db, s, &v, &err), JAW_OK);
	assert_int_equal(v, 42);
	/* a step that fails names the SQL and leaves the statement reusable */
	sqlite3_bind_int64(s, 1, INT64_MIN);
	assert_int_equal(db_step_int64(db, s, &v, &err), JAW_FAIL);
	assert_int_equal(v, 42);
	assert_non_null(strstr(err.msg, "SELECT abs(?1)"));
	assert_non_null(strstr(err.msg, "integer overflow"));
	sqlite3_bind_int64(s, 1, 5);
	assert_int_equal(db_step_int64(db, s, &v, &err), JAW_OK);
	assert_int_equal(v, 5);
	db_close(db);
}

struct check_log {
	int n;
	char last[512];
};

static void check_report(void *ctx, const char *problem)
{
	struct check_log *log = ctx;
	log->n++;
	snprintf(log->last, sizeof log->last, "%s", problem);
}

static void test_check_finds_problems(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_demo_new(NULL);
	jaw_err err;
	err_clear(&err);
	struct check_log log = {0};
	assert_int_equal(db_check(db, check_report, &log, &err), 0);
	assert_int_equal(log.n, 0);
	/* a dangling reference made with foreign keys off */
	assert_int_equal(db_exec(db, "PRAGMA foreign_keys = OFF;"
	                             " UPDATE source SET stakeholder_id = 9999 WHERE id = 1;"
	                             " PRAGMA foreign_keys = ON", &err), JAW_OK);
	assert_int_equal(db_check(db, check_report, &log, &err), 1);
	assert_string_equal(log.last, "foreign key: source row 1 refers to a missing row of stakeholder");
	db_close(db);
}

static void test_check_finds_stale_fulltext_index(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_demo_new(NULL);
	jaw_err err;
	err_clear(&err);
	/* change a text behind the index's back (the trigger is dropped first) */
	assert_int_equal(db_exec(db, "DROP TRIGGER source_fts_update;"
	                             " UPDATE source SET text = 'rewritten' WHERE id = 2", &err), JAW_OK);
	struct check_log log = {0};
	assert_int_equal(db_check(db, check_report, &log, &err), 1);
	assert_non_null(strstr(log.last, "full-text index"));
	db_close(db);
}

/* The WAL does not stay the size of the largest change: after a big one,
 * the next checkpoint cuts it back to 4 MiB. */
static void test_wal_is_bounded(void **state)
{
	(void)state;
	char *path = NULL;
	struct jaw_db *db = testutil_project_new(&path);
	jaw_err err;
	err_clear(&err);
	assert_int_equal(testutil_scalar(db, "PRAGMA journal_size_limit"), 4194304);
	/* about 16 MB in one change */
	assert_int_equal(db_exec(db, "CREATE TABLE big (b BLOB);"
	                             "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
	                             " WHERE i < 4000) INSERT INTO big SELECT zeroblob(4000) FROM n",
	                         &err), JAW_OK);
	char *wal = xasprintf("%s-wal", path);
	struct stat st;
	assert_int_equal(stat(wal, &st), 0);
	assert_true(st.st_size > 8 * 1024 * 1024);
	/* small changes after it: the checkpoint runs and the WAL shrinks */
	for (int i = 0; i < 3; i++)
		assert_int_equal(db_exec(db, "INSERT INTO big VALUES (x'00')", &err), JAW_OK);
	assert_int_equal(stat(wal, &st), 0);
	assert_true(st.st_size <= 4194304 + 65536);
	free(wal);
	db_close(db);
	free(path);
}

/* With the checkpoints in a thread (as in the interface) the WAL is still
 * checkpointed and cut back: the project file takes the big change within
 * seconds, and the WAL shrinks at the next small change. */
static void test_wal_bounded_with_background_checkpoints(void **state)
{
	(void)state;
	char *path = NULL;
	struct jaw_db *db = testutil_project_new(&path);
	jaw_err err;
	err_clear(&err);
	assert_int_equal(db_checkpoint_in_background(db, &err), JAW_OK);
	assert_int_equal(db_checkpoint_in_background(db, &err), JAW_OK); /* once is enough */
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	off_t before = st.st_size;
	assert_int_equal(db_exec(db, "CREATE TABLE big (b BLOB);"
	                             "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
	                             " WHERE i < 4000) INSERT INTO big SELECT zeroblob(4000) FROM n",
	                         &err), JAW_OK);
	/* the thread copies the WAL into the project: wait for it, 30 s at most */
	for (int i = 0; i < 300 && st.st_size < before + 8 * 1024 * 1024; i++) {
		usleep(100 * 1000);
		assert_int_equal(stat(path, &st), 0);
	}
	assert_true(st.st_size >= before + 8 * 1024 * 1024);
	/* the file grows as the checkpoint begins; once it has ended, the
	 * next change starts the WAL again and cuts it back */
	char *wal = xasprintf("%s-wal", path);
	int changes = 0;
	do {
		assert_int_equal(db_exec(db, "INSERT INTO big VALUES (x'00')", &err), JAW_OK);
		changes++;
		assert_int_equal(stat(wal, &st), 0);
	} while (st.st_size > 4194304 + 65536 && changes < 300 && usleep(100 * 1000) == 0);
	assert_true(st.st_size <= 4194304 + 65536);
	free(wal);
	db_close(db);
	/* closed: the thread is gone and the file is whole */
	assert_int_equal(db_open(path, 0, &project_schema, &db, &err), JAW_OK);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM big"), 4000 + changes);
	db_close(db);
	free(path);
}

/* When the checkpointer's connection cannot open (the file moved away),
 * it says so and the commits keep their checkpoints. */
static void test_background_checkpoints_cannot_start(void **state)
{
	(void)state;
	char *path = NULL;
	struct jaw_db *db = testutil_project_new(&path);
	char *moved = xasprintf("%s.moved", path);
	assert_int_equal(rename(path, moved), 0);
	jaw_err err;
	err_clear(&err);
	assert_int_equal(db_checkpoint_in_background(db, &err), JAW_FAIL);
	assert_non_null(strstr(err.msg, "checkpoints"));
	assert_int_equal(rename(moved, path), 0);
	assert_int_equal(testutil_scalar(db, "PRAGMA wal_autocheckpoint"), 1000);
	db_close(db);
	free(moved);
	free(path);
}

/* A read-only project has no checkpoints to make: nothing starts. */
static void test_background_checkpoints_read_only(void **state)
{
	(void)state;
	char *path = NULL;
	struct jaw_db *db = testutil_project_new(&path);
	db_close(db);
	jaw_err err;
	err_clear(&err);
	assert_int_equal(db_open(path, DB_OPEN_READONLY, &project_schema, &db, &err), JAW_OK);
	assert_int_equal(db_checkpoint_in_background(db, &err), JAW_OK);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM code") >= 0, 1);
	db_close(db);
	free(path);
}

int main(void)
{
	testutil_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_create_and_reopen),
		cmocka_unit_test(test_create_refuses_existing_file),
		cmocka_unit_test(test_open_missing_file),
		cmocka_unit_test(test_open_refuses_text_file),
		cmocka_unit_test(test_open_refuses_other_sqlite),
		cmocka_unit_test(test_open_refuses_newer_version),
		cmocka_unit_test(test_migrate_from_version_1),
		cmocka_unit_test(test_migrate_survey_from_version_2),
		cmocka_unit_test(test_migrate_answer_tally_from_version_9),
		cmocka_unit_test(test_migrate_answer_tally_from_version_10),
		cmocka_unit_test(test_new_page_size),
		cmocka_unit_test(test_wal_is_bounded),
		cmocka_unit_test(test_wal_bounded_with_background_checkpoints),
		cmocka_unit_test(test_background_checkpoints_read_only),
		cmocka_unit_test(test_background_checkpoints_cannot_start),
		cmocka_unit_test(test_upgrade_keeps_broken_references),
		cmocka_unit_test(test_migrated_schema_equals_new),
		cmocka_unit_test(test_schema_hooks_run),
		cmocka_unit_test(test_schema_errors),
		cmocka_unit_test(test_foreign_keys_enforced),
		cmocka_unit_test(test_nested_transactions),
		cmocka_unit_test(test_change_counts),
		cmocka_unit_test(test_stmt_cache_and_errors),
		cmocka_unit_test(test_step_int64),
		cmocka_unit_test(test_check_finds_problems),
		cmocka_unit_test(test_check_finds_stale_fulltext_index),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
