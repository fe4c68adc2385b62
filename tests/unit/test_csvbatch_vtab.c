/* test_csvbatch_vtab.c - the importer's batch as two table-valued
 * functions: the rows and values they give, the respondents' ids the
 * answers get across rows without answers, and their refusals (no
 * argument, a pointer of another type, use inside a view). */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "csvbatch_vtab.h"
#include "testutil.h"

/* A batch of three respondents: "a" with two answers, "b" with none and
 * "c" with one. */
static char arena[] = "a[1]first answersecond answerb[2]c[3]third";
static struct csvbatch_row rows[] = {
	/* line, id_off, id_len, json_off, json_len, first_text, ntexts */
	{2, 0, 1, 1, 3, 0, 2},
	{3, 29, 1, 30, 3, 2, 0},
	{5, 33, 1, 34, 3, 2, 1},
};
static struct csvbatch_text texts[] = {
	{.column = 1, .off = 4, .len = 12, .id = 100},
	{.column = 2, .off = 16, .len = 13, .id = 101},
	{.column = 1, .off = 37, .len = 5, .id = 102},
};
static const int64_t column_ids[] = {7, 8, 9};

static sqlite3 *open_registered(void)
{
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	assert_int_equal(csvbatch_vtab_register(db), SQLITE_OK);
	assert_int_equal(csvbatch_vtab_register(db), SQLITE_OK); /* again: harmless */
	return db;
}

/* Runs sql with the batch bound to ?1 (as type, when not NULL) and
 * returns its rows, a line each, columns separated by '|'. */
static void run_rows(sqlite3 *db, const char *sql, const char *type, char *out, size_t size)
{
	struct csvbatch b = {.arena = arena, .rows = rows, .nrows = 3, .texts = texts, .ntexts = 3};
	struct csvbatch_vtab_arg arg = {&b, 40, column_ids};
	sqlite3_stmt *s = NULL;
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	if (type)
		sqlite3_bind_pointer(s, 1, &arg, type, NULL);
	size_t n = 0;
	out[0] = '\0';
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		for (int i = 0; i < sqlite3_column_count(s); i++)
			n += (size_t)snprintf(out + n, size - n, "%s%s", i ? "|" : "",
			                      (const char *)sqlite3_column_text(s, i));
		n += (size_t)snprintf(out + n, size - n, "\n");
	}
	assert_int_equal(rc, SQLITE_DONE);
	sqlite3_finalize(s);
}

static void test_respondents(void **state)
{
	(void)state;
	sqlite3 *db = open_registered();
	char out[512];
	run_rows(db, "SELECT id, external_id, line, answers FROM jaw_batch_respondents(?1)",
	         CSVBATCH_VTAB_POINTER, out, sizeof out);
	assert_string_equal(out, "40|a|2|[1]\n41|b|3|[2]\n42|c|5|[3]\n");
	sqlite3_close(db);
}

/* The answer of "c" follows "b", which has none: it is respondent 42's. */
static void test_answers(void **state)
{
	(void)state;
	sqlite3 *db = open_registered();
	char out[512];
	run_rows(db, "SELECT id, text, respondent_id, column_id FROM jaw_batch_answers(?1)",
	         CSVBATCH_VTAB_POINTER, out, sizeof out);
	assert_string_equal(out, "100|first answer|40|8\n101|second answer|40|9\n102|third|42|8\n");
	sqlite3_close(db);
}

/* The rows as the writer inserts them, into tables of the same shape. */
static void test_insert_select(void **state)
{
	(void)state;
	sqlite3 *db = open_registered();
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE r (id INTEGER PRIMARY KEY, ext UNIQUE);"
	                              " CREATE TABLE s (id INTEGER PRIMARY KEY, text, r, c)",
	                              NULL, NULL, NULL), SQLITE_OK);
	char out[512];
	run_rows(db, "INSERT INTO r SELECT id, external_id FROM jaw_batch_respondents(?1)",
	         CSVBATCH_VTAB_POINTER, out, sizeof out);
	run_rows(db, "INSERT INTO s SELECT id, text, respondent_id, column_id"
	         " FROM jaw_batch_answers(?1)", CSVBATCH_VTAB_POINTER, out, sizeof out);
	run_rows(db, "SELECT ext, group_concat(text, '+') FROM r JOIN s ON s.r = r.id GROUP BY ext",
	         NULL, out, sizeof out);
	assert_string_equal(out, "a|first answer+second answer\nc|third\n");
	sqlite3_close(db);
}

/* Without its argument, a function says so; with a pointer of another
 * type, or none bound, it has no rows. */
static void test_refusals(void **state)
{
	(void)state;
	sqlite3 *db = open_registered();
	sqlite3_stmt *s = NULL;
	assert_int_not_equal(sqlite3_prepare_v2(db, "SELECT * FROM jaw_batch_answers", -1, &s, NULL),
	                     SQLITE_OK);
	assert_string_equal(sqlite3_errmsg(db), "jaw_batch_answers needs its argument");
	char out[512];
	run_rows(db, "SELECT * FROM jaw_batch_respondents(?1)", "another_type", out, sizeof out);
	assert_string_equal(out, "");
	run_rows(db, "SELECT * FROM jaw_batch_answers(?1)", NULL, out, sizeof out);
	assert_string_equal(out, "");
	sqlite3_close(db);
}

/* Only the program's own statements use them: not a view (which a
 * project file could bring). */
static void test_direct_only(void **state)
{
	(void)state;
	sqlite3 *db = open_registered();
	assert_int_equal(sqlite3_exec(db, "CREATE VIEW v AS SELECT * FROM jaw_batch_answers(1)",
	                              NULL, NULL, NULL), SQLITE_OK);
	sqlite3_stmt *s = NULL;
	assert_int_not_equal(sqlite3_prepare_v2(db, "SELECT * FROM v", -1, &s, NULL), SQLITE_OK);
	assert_non_null(strstr(sqlite3_errmsg(db), "unsafe use of virtual table"));
	sqlite3_close(db);
}

/* Registering again, as a second import on the same connection does,
 * leaves a statement prepared before it working. */
static void test_registered_again(void **state)
{
	(void)state;
	sqlite3 *db = open_registered();
	struct csvbatch b = {.arena = arena, .rows = rows, .nrows = 3, .texts = texts, .ntexts = 3};
	struct csvbatch_vtab_arg arg = {&b, 40, column_ids};
	sqlite3_stmt *s = NULL;
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM jaw_batch_answers(?1)", -1, &s,
	                                    NULL), SQLITE_OK);
	sqlite3_bind_pointer(s, 1, &arg, CSVBATCH_VTAB_POINTER, NULL);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(s, 0), 3);
	sqlite3_reset(s);
	assert_int_equal(csvbatch_vtab_register(db), SQLITE_OK);
	sqlite3_bind_pointer(s, 1, &arg, CSVBATCH_VTAB_POINTER, NULL);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(s, 0), 3);
	sqlite3_finalize(s);
	sqlite3_close(db);
}

int main(void)
{
	testutil_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_respondents),
		cmocka_unit_test(test_answers),
		cmocka_unit_test(test_insert_select),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_direct_only),
		cmocka_unit_test(test_registered_again),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
