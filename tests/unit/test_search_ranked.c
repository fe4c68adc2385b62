/* test_search_ranked.c - a search's hits ranked a chunk at a time into a
 * TEMP table (src/search_ranked.c): every page, within a chunk, across
 * chunks and at the end, is the page search_text_page reads; a query
 * with nothing to search for and a cancelled ranking fail and leave the
 * chunk to be ranked again; a new search replaces the table. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "search.h"
#include "search_ranked.h"
#include "testutil.h"
#include "xalloc.h"

/* Hits of "convoy": more than two chunks, ranked apart by how often the
 * word is in each note. */
enum { RANKED_NOTES = 2 * SEARCH_RANKED_CHUNK + 37 };

static struct jaw_db *ranked_project_new(void)
{
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	err_clear(&err);
	int rc = db_exec(db, "INSERT INTO source (kind, title, text)"
	                 " SELECT 'interview', 'Note ' || value, 'The ' ||"
	                 " substr('convoy convoy convoy convoy convoy ', 1, 7 * (1 + value % 5))"
	                 " || 'stopped at the checkpoint number ' || value || '.'"
	                 " FROM (WITH RECURSIVE g(value) AS (SELECT 1 UNION ALL SELECT value + 1"
	                 " FROM g WHERE value < 549) SELECT value FROM g)", &err);
	if (rc != JAW_OK)
		fail_msg("%s", err.msg);
	return db;
}

/* Page [offset, offset + limit) of r is search_text_page's. */
static void ranked_same(struct jaw_db *db, struct search_ranked *r, const char *query,
                        int64_t offset, int limit)
{
	jaw_err err;
	err_clear(&err);
	struct search_hit *got = xcalloc((size_t)limit, sizeof *got);
	struct search_hit *want = xcalloc((size_t)limit, sizeof *want);
	int n = search_ranked_page(r, offset, limit, got, &err);
	if (n < 0)
		fail_msg("page at %lld: %s", (long long)offset, err.msg);
	assert_int_equal(n, search_text_page(db, query, offset, limit, want, &err));
	for (int i = 0; i < n; i++) {
		assert_int_equal(got[i].source_id, want[i].source_id);
		assert_float_equal(got[i].rank, want[i].rank, 1e-9);
		assert_int_equal(got[i].start, want[i].start);
		assert_int_equal(got[i].end, want[i].end);
		assert_string_equal(got[i].snippet, want[i].snippet);
		assert_int_equal(got[i].mark_start, want[i].mark_start);
		assert_int_equal(got[i].mark_end, want[i].mark_end);
		search_hit_clear(&got[i]);
		search_hit_clear(&want[i]);
	}
	free(got);
	free(want);
}

static void test_pages(void **state)
{
	(void)state;
	struct jaw_db *db = ranked_project_new();
	jaw_err err;
	err_clear(&err);
	int64_t count = search_text_count(db, "convoy", &err);
	assert_int_equal(count, 549);
	struct search_ranked *r = search_ranked_new(db, "convoy", count, &err);
	assert_non_null(r);
	assert_int_equal(search_ranked_count(r), 549);
	/* nothing ranked yet: the table is empty */
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM temp.search_ranked"), 0);
	ranked_same(db, r, "convoy", 0, 21);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM temp.search_ranked"),
	                 SEARCH_RANKED_CHUNK);
	/* within the chunk, across two, from the end, past it */
	ranked_same(db, r, "convoy", 100, 21);
	ranked_same(db, r, "convoy", SEARCH_RANKED_CHUNK - 10, 21);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM temp.search_ranked"),
	                 2 * SEARCH_RANKED_CHUNK);
	ranked_same(db, r, "convoy", count - 21, 21);
	ranked_same(db, r, "convoy", count - 5, 21);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM temp.search_ranked"), count);
	ranked_same(db, r, "convoy", 0, (int)count);
	struct search_hit h[2];
	assert_int_equal(search_ranked_page(r, count, 2, h, &err), 0);
	assert_int_equal(search_ranked_page(r, 0, 0, h, &err), 0);
	search_ranked_free(r);
	/* a new search replaces the table */
	int64_t few = search_text_count(db, "number 17", &err);
	assert_true(few > 0 && few < 20);
	r = search_ranked_new(db, "number 17", few, &err);
	assert_non_null(r);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM temp.search_ranked"), 0);
	ranked_same(db, r, "number 17", 0, 21);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM temp.search_ranked"), few);
	search_ranked_free(r);
	search_ranked_free(NULL);
	db_close(db);
}

struct cancel_after {
	int calls, at;
};

static bool cancel_progress(void *ctx)
{
	struct cancel_after *c = ctx;
	return ++c->calls >= c->at;
}

static void test_errors(void **state)
{
	(void)state;
	struct jaw_db *db = ranked_project_new();
	jaw_err err;
	err_clear(&err);
	struct search_hit h[3];
	/* a query with nothing to search for: the page fails, saying why */
	struct search_ranked *r = search_ranked_new(db, "!!", 3, &err);
	assert_non_null(r);
	assert_int_equal(search_ranked_page(r, 0, 3, h, &err), -1);
	assert_true(*err.msg != '\0');
	search_ranked_free(r);
	/* cancelled: the chunk is ranked again at the next page */
	r = search_ranked_new(db, "convoy", 549, &err);
	struct cancel_after c = {0, 1};
	db_progress_set(db, cancel_progress, &c);
	assert_int_equal(search_ranked_page(r, 0, 3, h, &err), -1);
	assert_string_equal(err.msg, "cancelled");
	db_progress_set(db, NULL, NULL);
	ranked_same(db, r, "convoy", 0, 3);
	search_ranked_free(r);
	db_close(db);
}

int main(void)
{
	testutil_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pages),
		cmocka_unit_test(test_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
