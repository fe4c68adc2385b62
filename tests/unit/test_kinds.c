/* test_kinds.c - the words of the enumerations (kinds.h) are exactly those
 * the schema's CHECK constraints accept: each word can be written, a word
 * not in the list cannot, and the CHECK names no other word. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvimport.h"
#include "kinds.h"
#include "model.h"
#include "testutil.h"
#include "xalloc.h"

/* An enumeration: where the schema keeps it and how to write a row with a
 * word (?1) in it. */
struct enumeration {
	const char *table, *column;
	const char *const *kinds;
	const char *insert;
};

static const struct enumeration enumerations[] = {
	{"timeline_item", "kind", kinds_timeline_kind,
	 "INSERT INTO timeline_item (kind, title, start_date) VALUES (?1, 't', '2026-01-01')"},
	{"timeline_item", "status", kinds_timeline_status,
	 "INSERT INTO timeline_item (kind, title, start_date, status)"
	 " VALUES ('event', 't', '2026-01-01', ?1)"},
	{"stakeholder", "kind", kinds_stakeholder_kind,
	 "INSERT INTO stakeholder (kind, name) VALUES (?1, 'n')"},
	{"stakeholder", "attitude", kinds_stakeholder_attitude,
	 "INSERT INTO stakeholder (kind, name, attitude) VALUES ('person', 'n', ?1)"},
	{"source", "kind", kinds_source_kind,
	 "INSERT INTO source (kind, title, text) VALUES (?1, 't', 'x')"},
	{"survey_column", "role", kinds_column_role,
	 "INSERT INTO survey_column (survey_id, position, label, role) VALUES"
	 " (1, (SELECT count(*) + 1 FROM survey_column), (SELECT count(*) FROM survey_column), ?1)"},
	{"survey_column", "value_type", kinds_value_type,
	 "INSERT INTO survey_column (survey_id, position, label, role, value_type) VALUES"
	 " (1, (SELECT count(*) + 1 FROM survey_column), (SELECT count(*) FROM survey_column),"
	 " 'attribute', ?1)"},
	{"finding", "status", kinds_finding_status,
	 "INSERT INTO finding (title, status) VALUES ('f', ?1)"},
	{"stakeholder", "attribution", kinds_attribution,
	 "INSERT INTO stakeholder (kind, name, attribution) VALUES ('person', 'n', ?1)"},
	{"source", "attribution", kinds_attribution,
	 "INSERT INTO source (kind, title, text, attribution) VALUES ('document', 't', 'x', ?1)"},
	{"memo", "target_kind", kinds_memo_target,
	 "INSERT INTO memo (target_kind) VALUES (?1)"},
};

/* Writes a row with word; returns SQLite's result (extended). */
static int try_word(struct jaw_db *db, const char *sql, const char *word)
{
	sqlite3_stmt *s = NULL;
	assert_int_equal(sqlite3_prepare_v2(db_sqlite(db), sql, -1, &s, NULL), SQLITE_OK);
	sqlite3_bind_text(s, 1, word, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	if (rc != SQLITE_DONE)
		rc = sqlite3_extended_errcode(db_sqlite(db));
	sqlite3_finalize(s);
	return rc;
}

/* The CHECK of table whose expression starts with column, newly allocated
 * (the text between its parentheses); fails the test if there is none. */
static char *check_of_new(struct jaw_db *db, const char *table, const char *column)
{
	sqlite3_stmt *s = NULL;
	assert_int_equal(sqlite3_prepare_v2(db_sqlite(db), "SELECT sql FROM sqlite_master"
	                                    " WHERE type = 'table' AND name = ?1", -1, &s, NULL),
	                 SQLITE_OK);
	sqlite3_bind_text(s, 1, table, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	char *sql = xstrdup((const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	size_t len = strlen(column);
	for (char *p = strstr(sql, "CHECK ("); p; p = strstr(p + 1, "CHECK (")) {
		char *e = p + strlen("CHECK (");
		if (strncmp(e, column, len) != 0 || e[len] != ' ')
			continue;
		int depth = 1;
		char *q = e;
		for (; *q && depth > 0; q++)
			depth += *q == '(' ? 1 : *q == ')' ? -1 : 0;
		char *check = xstrndup(e, (size_t)(q - 1 - e));
		free(sql);
		return check;
	}
	fail_msg("%s has no CHECK on %s", table, column);
	return NULL;
}

/* The quoted words of a CHECK, each checked against kinds; returns how
 * many it names. */
static size_t check_words(const char *check, const struct enumeration *e)
{
	size_t n = 0;
	for (const char *p = strchr(check, '\''); p; p = strchr(p + 1, '\'')) {
		const char *end = strchr(p + 1, '\'');
		assert_non_null(end);
		char *word = xstrndup(p + 1, (size_t)(end - p - 1));
		if (!model_one_of(word, e->kinds))
			fail_msg("%s.%s: the schema allows \"%s\", kinds.h does not", e->table, e->column,
			         word);
		free(word);
		n++;
		p = end;
	}
	return n;
}

static void test_schema_accepts_exactly_the_kinds(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	err_clear(&err);
	assert_int_equal(db_exec(db, "INSERT INTO survey (id, name) VALUES (1, 'S')", &err), JAW_OK);
	for (size_t i = 0; i < sizeof enumerations / sizeof *enumerations; i++) {
		const struct enumeration *e = &enumerations[i];
		for (const char *const *k = e->kinds; *k; k++)
			if (try_word(db, e->insert, *k) != SQLITE_DONE)
				fail_msg("%s.%s refuses \"%s\": %s", e->table, e->column, *k,
				         sqlite3_errmsg(db_sqlite(db)));
		/* a word not in the list, and one in another case */
		char upper[64];
		snprintf(upper, sizeof upper, "%s", e->kinds[0]);
		upper[0] = (char)toupper((unsigned char)upper[0]);
		assert_int_equal(try_word(db, e->insert, "bogus"), SQLITE_CONSTRAINT_CHECK);
		assert_int_equal(try_word(db, e->insert, upper), SQLITE_CONSTRAINT_CHECK);
		assert_int_equal(try_word(db, e->insert, ""), SQLITE_CONSTRAINT_CHECK);
		/* the CHECK names every word once and no other */
		char *check = check_of_new(db, e->table, e->column);
		assert_int_equal(check_words(check, e), kinds_count(e->kinds));
		free(check);
	}
	db_close(db);
}

static void test_describe_and_names(void **state)
{
	(void)state;
	char buf[128];
	assert_string_equal(kinds_describe(kinds_timeline_kind, buf, sizeof buf),
	                    "phase, milestone or event");
	assert_string_equal(kinds_describe(kinds_stakeholder_kind, buf, sizeof buf),
	                    "organisation or person");
	static const char *const one[] = {"only", NULL}, *const none[] = {NULL};
	assert_string_equal(kinds_describe(one, buf, sizeof buf), "only");
	assert_string_equal(kinds_describe(none, buf, sizeof buf), "");
	char small[12];
	assert_string_equal(kinds_describe(kinds_timeline_kind, small, sizeof small), "phase, mile");
	/* notes are every source kind but survey answers */
	assert_int_equal(kinds_count(kinds_note_kind) + 1, kinds_count(kinds_source_kind));
	for (const char *const *k = kinds_note_kind; *k; k++)
		assert_true(model_one_of(*k, kinds_source_kind));
	assert_false(model_one_of("survey_answer", kinds_note_kind));
	/* the importer's roles and types are these words, in the enums' order */
	assert_int_equal(kinds_count(kinds_column_role), SURVEY_ROLE_COUNT);
	for (int r = 0; r < SURVEY_ROLE_COUNT; r++)
		assert_string_equal(survey_role_name((enum survey_role)r), kinds_column_role[r]);
	assert_int_equal(kinds_count(kinds_value_type), 3);
	assert_string_equal(survey_type_name(SURVEY_TYPE_REAL), "real");
}

int main(void)
{
	testutil_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_schema_accepts_exactly_the_kinds),
		cmocka_unit_test(test_describe_and_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
