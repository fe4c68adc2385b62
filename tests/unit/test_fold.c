/* test_fold.c - case and accent folding, folded search, the SQL fold(). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fold.h"
#include "testutil.h"
#include "utf8.h"

/* Asserts that s folds (FOLD_ALL) to want. */
static void fold_is(const char *s, const char *want)
{
	char *got = fold_new(s, FOLD_ALL);
	assert_string_equal(got, want);
	free(got);
}

static void test_fold_case_and_accents(void **state)
{
	(void)state;
	fold_is("Łukasz", "łukasz");
	fold_is("Müller", "muller");
	fold_is("café", "cafe");
	fold_is("cafe\xCC\x81", "cafe");            /* decomposed */
	fold_is("Ioana Căpraru", "ioana capraru");
	fold_is("Ca\xCC\x86praru", "capraru");
	fold_is("ΣΊΣΥΦΟΣ", "σισυφοσ");              /* capital, accented, final sigma */
	fold_is("σίσυφος", "σισυφοσ");
	fold_is("ПРИВЕТ Ёлка", "привет елка");
	fold_is("Straße STRASSE ẞ", "strasse strasse ss");
	fold_is("İzmir", "izmir");                  /* dotted capital I */
	fold_is("Ayşe Yılmaz", "ayse yılmaz");       /* dotless i stays itself */
	fold_is("中文 😀", "中文 😀");
}

static void test_fold_flags(void **state)
{
	(void)state;
	char *s = fold_new("Müller", FOLD_MARKS);
	assert_string_equal(s, "Muller");
	free(s);
	s = fold_new("Café", FOLD_CASE);
	assert_string_equal(s, "cafe\xCC\x81"); /* decomposed, the accent kept */
	free(s);
	s = fold_new("Café", 0);
	assert_string_equal(s, "Café");
	free(s);
	uint32_t out[FOLD_CP_MAX];
	assert_int_equal(fold_cp(0x301, FOLD_ALL, out), 0);
	assert_int_equal(fold_cp(0x301, FOLD_CASE, out), 1);
	assert_int_equal(fold_cp(0xDF, FOLD_ALL, out), 2); /* ß */
	assert_int_equal(out[0], 's');
	assert_int_equal(out[1], 's');
	assert_int_equal(fold_cp('Q', FOLD_ALL, out), 1);
	assert_int_equal(out[0], 'q');
	/* the memo gives the same answer for other flags */
	assert_int_equal(fold_cp(0xC9, FOLD_ALL, out), 1);
	assert_int_equal(out[0], 'e');
	assert_int_equal(fold_cp(0xC9, FOLD_CASE, out), 2);
	assert_int_equal(out[0], 'e');
	assert_int_equal(out[1], 0x301);
	assert_int_equal(fold_cp(0xC9, FOLD_MARKS, out), 1);
	assert_int_equal(out[0], 'E');
}

static void test_fold_empty_and_invalid(void **state)
{
	(void)state;
	fold_is("", "");
	fold_is("\xFF" "ab", "\xEF\xBF\xBD" "ab");            /* invalid byte: U+FFFD */
	fold_is("x\xE4\xB8", "x\xEF\xBF\xBD\xEF\xBF\xBD");    /* truncated: one each */
	fold_is("\xCC\x81", "");                              /* only an accent */
	size_t n = 99;
	uint32_t *cps = fold_cps_new("", FOLD_ALL, &n);
	assert_int_equal(n, 0);
	free(cps);
	size_t s, e;
	assert_false(fold_find_utf8("anything", "", FOLD_ALL, &s, &e));
	assert_false(fold_find_utf8("", "a", FOLD_ALL, &s, &e));
	assert_false(fold_find_utf8("cafe\xCC\x81", "\xCC\x81", FOLD_ALL, &s, &e));
	/* invalid bytes fold alike, so they find each other */
	assert_true(fold_find_utf8("ab\xFF" "cd", "B\xFE" "C", FOLD_ALL, &s, &e));
	assert_int_equal(s, 1);
	assert_int_equal(e, 4);
}

/* Asserts that needle is found in hay at code points [start, end). */
static void found_at(const char *hay, const char *needle, int flags, size_t start, size_t end)
{
	size_t s = 99, e = 99;
	assert_true(fold_find_utf8(hay, needle, flags, &s, &e));
	assert_int_equal(s, start);
	assert_int_equal(e, end);
}

static void test_find_original_offsets(void **state)
{
	(void)state;
	found_at("Ewa Łukasz", "łukasz", FOLD_ALL, 4, 10);
	found_at("Herr Müller", "muller", FOLD_ALL, 5, 11);
	found_at("Herr Mu\xCC\x88ller", "müller", FOLD_ALL, 5, 12);
	found_at("un café noir", "cafe", FOLD_ALL, 3, 7);
	found_at("un cafe\xCC\x81 noir", "cafe", FOLD_ALL, 3, 8); /* takes in the accent */
	found_at("Hauptstraße 5", "strasse", FOLD_ALL, 5, 11);
	found_at("Hauptstraße 5", "STRASSE 5", FOLD_ALL, 5, 13);
	found_at("Straße", "ss", FOLD_ALL, 4, 5);                   /* inside ß */
	found_at("Straße", "sse", FOLD_ALL, 4, 6);
	found_at("Ο ΣΊΣΥΦΟΣ", "σίσυφος", FOLD_ALL, 2, 9);
	found_at("Ivan ПЕТРОВ", "петров", FOLD_ALL, 5, 11);
	/* a match covers whole clusters: the emoji sequence, not half of it */
	found_at("a\xF0\x9F\x91\xA9\xE2\x80\x8D\xE2\x9A\x95\xEF\xB8\x8F" "b",
	         "\xF0\x9F\x91\xA9", FOLD_ALL, 1, 5);
	size_t s, e;
	/* nor does it start inside one */
	assert_false(fold_find_utf8("\xF0\x9F\x91\xA9\xE2\x80\x8D\xE2\x9A\x95\xEF\xB8\x8F",
	                            "\xE2\x9A\x95", FOLD_ALL, &s, &e));
	/* without FOLD_MARKS, e is not e + U+0301 */
	assert_false(fold_find_utf8("cafe\xCC\x81", "cafe", FOLD_CASE, &s, &e));
	assert_false(fold_find_utf8("cafe\xCC\x81", "cafe", 0, &s, &e));
	found_at("cafe\xCC\x81", "CAFÉ", FOLD_CASE, 0, 5);
	found_at("Café", "Café", 0, 0, 4);
	assert_false(fold_find_utf8("Café", "café", 0, &s, &e));
	assert_false(fold_find_utf8("Łukasz", "lukasz", FOLD_ALL, &s, &e)); /* ł is its own letter */
}

static void test_find_range_and_direction(void **state)
{
	(void)state;
	size_t n, s, e;
	uint32_t *hay = utf8_cps_new("Müller, MULLER, muller", strlen("Müller, MULLER, muller"), &n);
	assert_true(fold_find(hay, n, "muller", FOLD_ALL, 0, n, false, &s, &e));
	assert_int_equal(s, 0);
	assert_true(fold_find(hay, n, "muller", FOLD_ALL, 1, n, false, &s, &e));
	assert_int_equal(s, 8);
	assert_true(fold_find(hay, n, "muller", FOLD_ALL, 0, n, true, &s, &e));
	assert_int_equal(s, 16);
	assert_true(fold_find(hay, n, "muller", FOLD_ALL, 0, 16, true, &s, &e));
	assert_int_equal(s, 8);
	assert_false(fold_find(hay, n, "muller", FOLD_ALL, 1, 8, false, &s, &e));
	assert_false(fold_find(hay, n, "muller", FOLD_ALL, 17, 99, false, &s, &e));
	free(hay);
}

/* ---- SQL ------------------------------------------------------------------------- */

static sqlite3 *sql_open(void)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	jaw_err err;
	err_clear(&err);
	assert_int_equal(fold_register(db, &err), JAW_OK);
	assert_int_equal(sqlite3_exec(db,
		"CREATE TABLE t (title TEXT);"
		"INSERT INTO t VALUES ('Ewa Łukasz'), ('Herr Müller'), ('un café'), ('Straße'),"
		" (NULL), ('Training'), ('ΣΊΣΥΦΟΣ');", NULL, NULL, NULL), SQLITE_OK);
	return db;
}

/* The number of rows whose fold(title) holds fold(needle). */
static int sql_count_like(sqlite3 *db, const char *needle)
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db,
		"SELECT count(*) FROM t WHERE fold(title) LIKE '%' || fold(?1) || '%'", -1, &st,
		NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, needle, -1, SQLITE_TRANSIENT);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* The text of a one-value query. */
static char *sql_text_new(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	const char *v = (const char *)sqlite3_column_text(st, 0);
	char *out = v ? strdup(v) : NULL;
	sqlite3_finalize(st);
	return out;
}

static void test_sql_function(void **state)
{
	(void)state;
	sqlite3 *db = sql_open();
	assert_int_equal(sql_count_like(db, "łukasz"), 1);
	assert_int_equal(sql_count_like(db, "MULLER"), 1);
	assert_int_equal(sql_count_like(db, "cafe"), 1);
	assert_int_equal(sql_count_like(db, "strasse"), 1);
	assert_int_equal(sql_count_like(db, "σίσυφος"), 1);
	assert_int_equal(sql_count_like(db, "nobody"), 0);
	char *v = sql_text_new(db, "SELECT fold('Ca' || char(0x306) || 'praru')");
	assert_string_equal(v, "capraru");
	free(v);
	assert_null(sql_text_new(db, "SELECT fold(NULL)"));
	v = sql_text_new(db, "SELECT fold('')");
	assert_string_equal(v, "");
	free(v);
	v = sql_text_new(db, "SELECT fold(42)");
	assert_string_equal(v, "42");
	free(v);
	v = sql_text_new(db, "SELECT fold(CAST(x'ff41' AS TEXT))"); /* invalid UTF-8 */
	assert_string_equal(v, "\xEF\xBF\xBD" "a");
	free(v);
	sqlite3_close(db);
}

static void test_sql_deterministic_innocuous(void **state)
{
	(void)state;
	sqlite3 *db = sql_open();
	/* only a deterministic function may be used in an index */
	assert_int_equal(sqlite3_exec(db, "CREATE INDEX t_fold ON t (fold(title))", NULL, NULL,
	                              NULL), SQLITE_OK);
	/* only an innocuous one in a view when the schema is not trusted */
	assert_int_equal(sqlite3_exec(db, "CREATE VIEW v AS SELECT fold(title) AS f FROM t;"
	                              "PRAGMA trusted_schema = OFF;", NULL, NULL, NULL), SQLITE_OK);
	char *v = sql_text_new(db, "SELECT f FROM v WHERE f LIKE 'herr%'");
	assert_string_equal(v, "herr muller");
	free(v);
	sqlite3_close(db);
}

static void test_sql_register_fails(void **state)
{
	(void)state;
	sqlite3 *db = sql_open();
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT fold(title) FROM t", -1, &st, NULL),
	                 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	/* SQLite refuses to replace a function while a statement runs */
	jaw_err err;
	err_clear(&err);
	assert_int_equal(fold_register(db, &err), JAW_FAIL);
	assert_non_null(strstr(err.msg, "fold(text)"));
	sqlite3_finalize(st);
	sqlite3_close(db);
}

int main(void)
{
	testutil_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold_case_and_accents),
		cmocka_unit_test(test_fold_flags),
		cmocka_unit_test(test_fold_empty_and_invalid),
		cmocka_unit_test(test_find_original_offsets),
		cmocka_unit_test(test_find_range_and_direction),
		cmocka_unit_test(test_sql_function),
		cmocka_unit_test(test_sql_deterministic_innocuous),
		cmocka_unit_test(test_sql_register_fails),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
