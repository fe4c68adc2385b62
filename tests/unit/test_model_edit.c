/* test_model_edit.c - changing and finding records: updates, deletes,
 * positions, searches, filters and the power/interest quadrants. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "codebook.h"
#include "model.h"
#include "testutil.h"

static void test_timeline_update_delete(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_demo_new(NULL);
	jaw_err err;
	err_clear(&err);
	int64_t id = model_timeline_find(db, "Human security seminar", &err);
	assert_true(id > 0);
	struct timeline_item *it = model_timeline_get_new(db, id, &err);
	assert_non_null(it);
	assert_string_equal(it->start_date, "2026-12-04");
	free(it->location);
	it->location = strdup("İzmir, Türkiye");
	assert_int_equal(model_timeline_update(db, it, &err), JAW_OK);
	/* an update is validated like an insert */
	free(it->end_date);
	it->end_date = strdup("2026-12-01");
	assert_int_equal(model_timeline_update(db, it, &err), JAW_FAIL);
	assert_string_equal(err.msg, "Human security seminar: ends (2026-12-01) before it starts (2026-12-04)");
	model_timeline_item_free(it);
	it = model_timeline_get_new(db, id, &err);
	assert_string_equal(it->location, "İzmir, Türkiye");
	assert_string_equal(it->end_date, "2026-12-08");
	model_timeline_item_free(it);
	/* deleting keeps the evidence, without the link */
	int64_t linked = model_timeline_find(db, "Mission visit to MINUVE", &err);
	int64_t sources = model_source_count(db, &err);
	assert_int_equal(model_timeline_delete(db, linked, &err), JAW_OK);
	assert_int_equal(model_source_count(db, &err), sources);
	assert_null(model_timeline_get_new(db, linked, &err));
	assert_string_equal(err.msg, "no timeline item with id 14");
	/* updating a deleted item says so */
	struct timeline_item gone = {.id = linked, .kind = "event", .title = "Gone",
	                             .start_date = "2026-01-01"};
	assert_int_equal(model_timeline_update(db, &gone, &err), JAW_FAIL);
	assert_string_equal(err.msg, "Gone: it was deleted meanwhile");
	db_close(db);
}

static void test_timeline_positions_and_search(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_demo_new(NULL);
	jaw_err err;
	err_clear(&err);
	assert_int_equal(model_timeline_position_of_date(db, "2026-07-01", &err), 0);
	assert_int_equal(model_timeline_position_of_date(db, "2026-12-01", &err), 15);
	assert_int_equal(model_timeline_position_of_date(db, "2030-01-01", &err), 23); /* the last */
	assert_int_equal(model_timeline_position_of_date(db, "2026-02-30", &err), -1);
	assert_non_null(strstr(err.msg, "has no day 30"));
	int64_t id = model_timeline_find(db, "Human security seminar", &err);
	assert_int_equal(model_timeline_position_of_id(db, id, &err), 15);
	assert_int_equal(model_timeline_position_of_id(db, 99999, &err), -1);
	/* search: case-insensitive, in title and location, wrapping round */
	assert_int_equal(model_timeline_search(db, "INTERVIEW TRIP", -1, MODEL_FORWARD, &err), 6);
	assert_int_equal(model_timeline_search(db, "interview trip", 6, MODEL_FORWARD, &err), 7);
	assert_int_equal(model_timeline_search(db, "interview trip", 7, MODEL_FORWARD, &err), 6);
	assert_int_equal(model_timeline_search(db, "interview trip", 6, MODEL_BACKWARD, &err), 7);
	assert_int_equal(model_timeline_search(db, "Kraków", 0, MODEL_FORWARD, &err), 7);
	assert_int_equal(model_timeline_search(db, "no such text", 0, MODEL_FORWARD, &err), -1);
	/* LIKE wildcards in the text are plain characters */
	assert_int_equal(model_timeline_search(db, "%", 0, MODEL_FORWARD, &err), -1);
	assert_int_equal(model_timeline_search(db, "_", 0, MODEL_FORWARD, &err), -1);
	char first[11], last[11];
	assert_int_equal(model_timeline_span(db, first, last, &err), JAW_OK);
	assert_string_equal(first, "2026-07-01");
	assert_string_equal(last, "2027-03-31");
	db_close(db);
}

static void test_stakeholder_update_and_cycles(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_demo_new(NULL);
	jaw_err err;
	err_clear(&err);
	int64_t hq = model_stakeholder_find(db, "Joint Strategic Headquarters Valmont", &err);
	struct stakeholder *s = model_stakeholder_get_new(db, hq, &err);
	assert_non_null(s);
	/* its own member as its parent: refused */
	free(s->parent_name);
	s->parent_name = strdup("Battlegroup Delta");
	assert_int_equal(model_stakeholder_update(db, s, &err), JAW_FAIL);
	assert_string_equal(err.msg, "Joint Strategic Headquarters Valmont cannot belong to "
	                             "\"Battlegroup Delta\": that is itself or one of its members");
	free(s->parent_name);
	s->parent_name = strdup("Joint Strategic Headquarters Valmont");
	assert_int_equal(model_stakeholder_update(db, s, &err), JAW_FAIL);
	/* a person cannot be a parent */
	free(s->parent_name);
	s->parent_name = strdup("Ayşe Yılmaz");
	assert_int_equal(model_stakeholder_update(db, s, &err), JAW_FAIL);
	assert_non_null(strstr(err.msg, "no organisation called \"Ayşe Yılmaz\""));
	/* a plain change, and no parent */
	free(s->parent_name);
	s->parent_name = strdup("");
	s->power = 4;
	assert_int_equal(model_stakeholder_update(db, s, &err), JAW_OK);
	model_stakeholder_free(s);
	assert_int_equal(testutil_scalar(db, "SELECT power FROM stakeholder WHERE name ="
	                                     " 'Joint Strategic Headquarters Valmont'"), 4);
	/* members and delete */
	int64_t bg = model_stakeholder_find(db, "Battlegroup Delta", &err);
	assert_true(model_stakeholder_members(db, bg, &err) >= 3);
	assert_int_equal(model_stakeholder_delete(db, bg, &err), JAW_OK);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM stakeholder WHERE name = 'Amira Haddad'"
	                                     " AND parent_id IS NULL"), 1);
	db_close(db);
}

static void test_stakeholder_positions_search_quadrants(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_demo_new(NULL);
	jaw_err err;
	err_clear(&err);
	int64_t total = model_stakeholder_count(db, &err);
	int64_t id = model_stakeholder_find(db, "François Lefèvre", &err);
	assert_int_equal(model_stakeholder_position_of_id(db, id, &err), 1);
	int64_t pos = model_stakeholder_search(db, "interpreter", -1, MODEL_FORWARD, &err);
	assert_true(pos >= 0);
	struct stakeholder row = {0};
	assert_int_equal(model_stakeholder_page(db, pos, 1, &row, &err), 1);
	assert_non_null(strstr(row.role, "nterpreter"));
	model_stakeholder_clear(&row);
	/* the quadrants hold everyone with power and interest, once */
	int64_t sum = 0;
	for (int p = 0; p < 2; p++)
		for (int i = 0; i < 2; i++)
			sum += model_stakeholder_quadrant_count(db, p, i, &err);
	assert_int_equal(sum, testutil_scalar(db, "SELECT count(*) FROM stakeholder WHERE power"
	                                          " IS NOT NULL AND interest IS NOT NULL"));
	assert_true(sum <= total);
	struct stakeholder top[3];
	memset(top, 0, sizeof top);
	int n = model_stakeholder_quadrant(db, true, true, 3, top, &err);
	assert_int_equal(n, 3);
	assert_true(top[0].power + top[0].interest >= top[1].power + top[1].interest);
	for (int i = 0; i < n; i++) {
		assert_true(top[i].power >= 3 && top[i].interest >= 3);
		model_stakeholder_clear(&top[i]);
	}
	db_close(db);
}

static void test_source_filters_and_edits(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_demo_new(NULL);
	jaw_err err;
	err_clear(&err);
	struct source_filter f = {.kind = "observation"};
	assert_int_equal(model_source_count_filtered(db, &f, &err), 3);
	assert_int_equal(model_source_count_filtered(db, NULL, &err), testutil_scalar(db, "SELECT count(*) FROM source WHERE kind <> 'survey_answer'"));
	struct source_filter at = {.timeline_item_id =
	                           model_timeline_find(db, "Mission visit to MINUVE", &err)};
	assert_int_equal(model_source_count_filtered(db, &at, &err), 4);
	struct source rows[4];
	memset(rows, 0, sizeof rows);
	at.by_title = true;
	assert_int_equal(model_source_page_filtered(db, &at, 0, 4, rows, &err), 4);
	for (int i = 1; i < 4; i++)
		assert_true(strcmp(rows[i - 1].title, rows[i].title) <= 0);
	for (int i = 0; i < 4; i++)
		model_source_clear(&rows[i]);
	/* a code filter: only sources with a coding of that code */
	struct code fresh = {.name = "Used once"};
	assert_int_equal(codebook_add(db, "ana", &fresh, &err), JAW_OK);
	struct source_filter coded = {.code_id = fresh.id};
	assert_int_equal(model_source_count_filtered(db, &coded, &err), 0);
	assert_int_equal(db_exec(db, "INSERT INTO coding (source_id, start_cp, end_cp, code_id, coder)"
	                             " SELECT 3, 0, 5, id, 'ana' FROM code WHERE name = 'Used once'",
	                         &err), JAW_OK);
	assert_int_equal(model_source_count_filtered(db, &coded, &err), 1);
	/* search in the filtered list */
	assert_int_equal(model_source_search(db, NULL, "legal adviser", -1, MODEL_FORWARD, &err), 2);
	/* metadata edits keep the text; a delete takes the codings */
	struct source *s = model_source_get_new(db, 3, &err);
	free(s->title);
	s->title = strdup("Renamed interview");
	assert_int_equal(model_source_update_meta(db, s, &err), JAW_OK);
	free(s->source_date);
	s->source_date = strdup("2026-02-31");
	assert_int_equal(model_source_update_meta(db, s, &err), JAW_FAIL);
	/* a note does not become a survey answer, which only an import makes */
	free(s->source_date);
	s->source_date = strdup("2026-02-03");
	free(s->kind);
	s->kind = strdup("survey_answer");
	assert_int_equal(model_source_update_meta(db, s, &err), JAW_FAIL);
	assert_string_equal(err.msg, "Renamed interview: a survey answer stays a survey answer, and a"
	                             " note cannot become one");
	s->id = 999999;
	assert_int_equal(model_source_update_meta(db, s, &err), JAW_FAIL);
	assert_string_equal(err.msg, "Renamed interview: it was deleted meanwhile");
	model_source_free(s);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM source WHERE title ="
	                                     " 'Renamed interview' AND length(text) > 1000"), 1);
	assert_int_equal(model_source_delete(db, 3, &err), JAW_OK);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM coding WHERE source_id = 3"), 0);
	db_close(db);
}

/* The order of the register follows renames, moves and deletes, and rows
 * written by another tool (sort_key NULL) are put in place. */
static void test_stakeholder_order_follows_changes(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	err_clear(&err);
	struct stakeholder a = {.kind = "organisation", .name = "Alpha"};
	struct stakeholder b = {.kind = "organisation", .name = "Bravo"};
	struct stakeholder p = {.kind = "person", .name = "Pat", .parent_name = "Bravo"};
	assert_int_equal(model_stakeholder_add(db, &a, &err), JAW_OK);
	assert_int_equal(model_stakeholder_add(db, &b, &err), JAW_OK);
	assert_int_equal(model_stakeholder_add(db, &p, &err), JAW_OK);
	struct stakeholder rows[4];
	memset(rows, 0, sizeof rows);
	assert_int_equal(model_stakeholder_page(db, 0, 4, rows, &err), 3);
	assert_string_equal(rows[0].name, "Alpha");
	assert_string_equal(rows[1].name, "Bravo");
	assert_string_equal(rows[2].name, "Pat");
	assert_int_equal(rows[2].depth, 1);
	for (int i = 0; i < 3; i++)
		model_stakeholder_clear(&rows[i]);
	/* renaming Bravo to Aardvark moves it, with Pat, to the top */
	struct stakeholder *bravo = model_stakeholder_get_new(db, b.id, &err);
	free(bravo->name);
	bravo->name = strdup("Aardvark");
	assert_int_equal(model_stakeholder_update(db, bravo, &err), JAW_OK);
	model_stakeholder_free(bravo);
	assert_int_equal(model_stakeholder_page(db, 0, 4, rows, &err), 3);
	assert_string_equal(rows[0].name, "Aardvark");
	assert_string_equal(rows[1].name, "Pat");
	assert_string_equal(rows[2].name, "Alpha");
	for (int i = 0; i < 3; i++)
		model_stakeholder_clear(&rows[i]);
	/* another tool adds a row without a key: it is put in place */
	assert_int_equal(db_exec(db, "INSERT INTO stakeholder (kind, name, parent_id)"
	                             " VALUES ('person', 'Quinn', 1)", &err), JAW_OK);
	assert_int_equal(model_stakeholder_prepare_order(db, &err), JAW_OK);
	assert_int_equal(model_stakeholder_page(db, 0, 4, rows, &err), 4);
	assert_string_equal(rows[3].name, "Quinn");
	assert_int_equal(rows[3].depth, 1);
	for (int i = 0; i < 4; i++)
		model_stakeholder_clear(&rows[i]);
	/* deleting Aardvark puts Pat at the top level, in name order */
	assert_int_equal(model_stakeholder_delete(db, b.id, &err), JAW_OK);
	assert_int_equal(model_stakeholder_page(db, 0, 4, rows, &err), 3);
	assert_string_equal(rows[0].name, "Alpha");
	assert_string_equal(rows[1].name, "Quinn");
	assert_string_equal(rows[2].name, "Pat");
	assert_int_equal(rows[2].depth, 0);
	for (int i = 0; i < 3; i++)
		model_stakeholder_clear(&rows[i]);
	assert_int_equal(model_stakeholder_position_of_id(db, p.id, &err), 2);
	db_close(db);
}

int main(void)
{
	testutil_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_timeline_update_delete),
		cmocka_unit_test(test_timeline_positions_and_search),
		cmocka_unit_test(test_stakeholder_update_and_cycles),
		cmocka_unit_test(test_stakeholder_positions_search_quadrants),
		cmocka_unit_test(test_source_filters_and_edits),
		cmocka_unit_test(test_stakeholder_order_follows_changes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
