/* test_memo_find.c - the memos view's search and positions over memos and
 * codings' memos (memo_search, memo_position_of), and the marks of records
 * that have a memo (memo_marks). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "memo.h"
#include "testutil.h"

/* Six memos in a known order (newest first): four of the memo table, two
 * on codings, with more than a page of others between. */
static struct jaw_db *memos_project(void)
{
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	err_clear(&err);
	assert_int_equal(db_exec(db,
		"INSERT INTO source (id, kind, title, text) VALUES (1, 'interview', 'Talk with Jones',"
		" 'We met the battalion.');"
		"INSERT INTO code (id, name) VALUES (1, 'Training');"
		"INSERT INTO stakeholder (id, kind, name) VALUES (1, 'person', 'Zoë Müller');"
		"INSERT INTO memo (id, target_kind, target_id, text, author, created) VALUES"
		" (1, 'project', NULL, 'Scope agreed', 'ana', '2026-01-01T00:00:00Z'),"
		" (2, 'source', 1, 'Ask for the SOP', 'bob', '2026-01-03T00:00:00Z'),"
		" (3, 'stakeholder', 1, 'Prefers e-mail', 'ana', '2026-01-05T00:00:00Z'),"
		" (4, 'code', 1, 'Split by level?', 'cem', '2026-01-07T00:00:00Z');"
		"INSERT INTO coding (id, source_id, start_cp, end_cp, code_id, coder, created, memo)"
		" VALUES (1, 1, 0, 2, 1, 'bob', '2026-01-04T00:00:00Z', 'strong quote'),"
		" (2, 1, 3, 6, 1, 'ana', '2026-01-06T00:00:00Z', 'check the date');"
		/* 300 more, older than all of them, so that a search reads pages */
		"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)"
		" INSERT INTO memo (target_kind, target_id, text, author, created)"
		" SELECT 'source', 1, 'filler ' || i, 'dan', '2025-01-01T00:00:00Z' FROM n",
		&err), JAW_OK);
	return db;
}

static void test_search(void **state)
{
	(void)state;
	struct jaw_db *db = memos_project();
	jaw_err err;
	err_clear(&err);
	struct memo_filter f = {.with_codings = true, .order = MEMO_NEWEST};
	assert_int_equal(memo_count(db, &f, &err), 306);
	/* newest first: code memo 4 (0), coding 2 (1), stakeholder 3 (2),
	 * coding 1 (3), source 2 (4), project 1 (5), then the fillers */
	assert_int_equal(memo_search(db, &f, "SOP", -1, MODEL_FORWARD, &err), 4);
	/* what a memo is on: the stakeholder's name, accents folded */
	assert_int_equal(memo_search(db, &f, "muller", -1, MODEL_FORWARD, &err), 2);
	/* a coding's memo and its target "CODE in SOURCE" */
	assert_int_equal(memo_search(db, &f, "strong", 0, MODEL_FORWARD, &err), 3);
	assert_int_equal(memo_search(db, &f, "Training in", 1, MODEL_FORWARD, &err), 3);
	/* the author */
	assert_int_equal(memo_search(db, &f, "cem", 2, MODEL_FORWARD, &err), 0); /* wrapped */
	/* backward, wrapping round past the start */
	assert_int_equal(memo_search(db, &f, "Scope", 2, MODEL_BACKWARD, &err), 5);
	assert_int_equal(memo_search(db, &f, "filler 1", 0, MODEL_BACKWARD, &err) >= 6, true);
	/* the fillers are found pages away */
	int64_t last = memo_search(db, &f, "filler 300", 0, MODEL_FORWARD, &err);
	assert_true(last >= 6 && last < 306);
	assert_int_equal(memo_search(db, &f, "nowhere", 3, MODEL_FORWARD, &err), -1);
	/* by author, filtered to one analyst */
	struct memo_filter ana = {.with_codings = true, .author = "ana", .order = MEMO_BY_AUTHOR};
	assert_int_equal(memo_count(db, &ana, &err), 3);
	assert_int_equal(memo_search(db, &ana, "date", -1, MODEL_FORWARD, &err), 2);
	db_close(db);
}

static void test_position_of(void **state)
{
	(void)state;
	struct jaw_db *db = memos_project();
	jaw_err err;
	err_clear(&err);
	struct memo_filter f = {.with_codings = true, .order = MEMO_OLDEST};
	assert_int_equal(memo_position_of(db, &f, 1, 0, &err), 300);
	assert_int_equal(memo_position_of(db, &f, 0, 2, &err), 304); /* coding 2's memo */
	assert_int_equal(memo_position_of(db, &f, 4, 0, &err), 305);
	assert_int_equal(memo_position_of(db, &f, 999, 0, &err), -1);
	f.with_codings = false;
	assert_int_equal(memo_position_of(db, &f, 0, 2, &err), -1);
	db_close(db);
}

static void test_marks(void **state)
{
	(void)state;
	struct jaw_db *db = memos_project();
	jaw_err err;
	err_clear(&err);
	int64_t ids[] = {1, 2};
	bool has[2] = {false, true};
	assert_int_equal(memo_marks(db, "stakeholder", ids, 2, has, &err), JAW_OK);
	assert_true(has[0]);
	assert_false(has[1]);
	assert_int_equal(memo_marks(db, "timeline_item", ids, 2, has, &err), JAW_OK);
	assert_false(has[0]);
	/* a coding's memo marks no source: only memos on the source do */
	assert_int_equal(db_exec(db, "DELETE FROM memo WHERE target_kind = 'source'", &err), JAW_OK);
	assert_int_equal(memo_marks(db, "source", ids, 1, has, &err), JAW_OK);
	assert_false(has[0]);
	db_close(db);
}

int main(void)
{
	testutil_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_search),
		cmocka_unit_test(test_position_of),
		cmocka_unit_test(test_marks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
