/* test_demo.c - the demo project loader and what the demo holds. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attrib.h"
#include "csvdata.h"
#include "demo.h"
#include "embedded.h"
#include "finding.h"
#include "model.h"
#include "testutil.h"
#include "utf8.h"
#include "xalloc.h"

static void test_demo_counts(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_demo_new(NULL);
	jaw_err err;
	err_clear(&err);
	assert_true(model_timeline_count(db, &err) >= 12);
	assert_true(model_stakeholder_count(db, &err) >= 20);
	assert_true(model_source_count(db, &err) >= 12);
	assert_true(model_code_count(db, &err) >= 25);
	/* the three kinds of timeline item, over about nine months */
	assert_int_equal(testutil_scalar(db, "SELECT count(DISTINCT kind) FROM timeline_item"), 3);
	assert_true(testutil_scalar(db, "SELECT julianday(max(coalesce(end_date, start_date)))"
	                                " - julianday(min(start_date)) FROM timeline_item") >= 240);
	/* a week-long seminar */
	assert_true(testutil_scalar(db, "SELECT count(*) FROM timeline_item WHERE kind = 'event'"
	                                " AND julianday(end_date) - julianday(start_date) >= 4") >= 1);
	/* organisations and people, every person in an organisation */
	assert_true(testutil_scalar(db, "SELECT count(*) FROM stakeholder WHERE kind = 'organisation'") >= 5);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM stakeholder"
	                                     " WHERE kind = 'person' AND parent_id IS NULL"), 0);
	/* the codebook is a tree with definitions */
	assert_true(testutil_scalar(db, "SELECT count(*) FROM code WHERE parent_id IS NOT NULL") >= 18);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM code WHERE description = ''"), 0);
	db_close(db);
}

static int test_word_count(const char *text)
{
	int words = 0;
	bool in = false;
	for (const char *p = text; *p; p++) {
		bool space = isspace((unsigned char)*p);
		if (!space && !in)
			words++;
		in = !space;
	}
	return words;
}

static void test_demo_notes(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_demo_new(NULL);
	jaw_err err;
	err_clear(&err);
	/* the notes come first; the survey's answers follow */
	int64_t n = testutil_scalar(db, "SELECT count(*) FROM source WHERE kind <> 'survey_answer'");
	int non_ascii = 0;
	for (int64_t id = 1; id <= n; id++) {
		struct source *src = model_source_get_new(db, id, &err);
		assert_non_null(src);
		int words = test_word_count(src->text);
		if (words < 300 || words > 1500)
			fail_msg("%s: %d words", src->title, words);
		assert_true(utf8_valid(src->text, strlen(src->text), NULL));
		assert_null(strchr(src->text, '\r'));
		for (const char *p = src->text; *p; p++)
			if ((unsigned char)*p >= 0x80) {
				non_ascii++;
				break;
			}
		assert_true(*src->source_date != '\0');
		model_source_free(src);
	}
	assert_true(non_ascii >= 4);
	/* notes are linked to stakeholders and events, and searchable */
	assert_true(testutil_scalar(db, "SELECT count(*) FROM source WHERE stakeholder_id IS NOT NULL") >= 12);
	assert_true(testutil_scalar(db, "SELECT count(*) FROM source WHERE timeline_item_id IS NOT NULL") >= 8);
	assert_true(testutil_scalar(db, "SELECT count(*) FROM source_fts WHERE source_fts MATCH 'checkpoint*'") >= 1);
	db_close(db);
}

/* Loading the demo twice fails on the duplicate codes: all or nothing. */
static void test_demo_all_or_nothing(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_demo_new(NULL);
	jaw_err err;
	err_clear(&err);
	int64_t sources = model_source_count(db, &err);
	int64_t items = model_timeline_count(db, &err);
	assert_int_equal(demo_load(db, &err), JAW_FAIL);
	assert_non_null(strstr(err.msg, "codebooks/human-security.csv line 2"));
	assert_int_equal(model_source_count(db, &err), sources);
	assert_int_equal(model_timeline_count(db, &err), items);
	db_close(db);
}

/* The survey is imported through the importer: respondents, roles, varied
 * open answers with some left empty, all searchable. */
static void test_demo_survey(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_demo_new(NULL);
	assert_true(testutil_scalar(db, "SELECT count(*) FROM respondent") >= 300);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM survey_column WHERE role = 'likert'"), 10);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM survey_column WHERE role = 'open_text'"), 3);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM survey_column WHERE role = 'attribute'"), 4);
	int64_t answers = testutil_scalar(db, "SELECT count(*) FROM source WHERE kind = 'survey_answer'");
	assert_true(answers > 600 && answers < 3 * 312);
	assert_true(testutil_scalar(db, "SELECT count(DISTINCT text) FROM source WHERE kind = 'survey_answer'") > answers / 2);
	assert_true(testutil_scalar(db, "SELECT count(*) FROM survey_fts_1 WHERE survey_fts_1 MATCH 'interpreter*'") >= 10);
	db_close(db);
}

/* The demo's survey is read from memory: it loads with no temporary
 * directory to write to, and names its embedded file as its origin. */
static void test_demo_survey_from_memory(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	char *saved = getenv("TMPDIR") ? xstrdup(getenv("TMPDIR")) : NULL;
	setenv("TMPDIR", "/nonexistent/jaw-no-temporary-files", 1);
	jaw_err err;
	err_clear(&err);
	int rc = demo_load(db, &err);
	if (saved)
		setenv("TMPDIR", saved, 1);
	else
		unsetenv("TMPDIR");
	free(saved);
	if (rc != JAW_OK)
		fail_msg("demo_load: %s", err.msg);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM survey"
	                                     " WHERE origin_file = 'demo/survey.csv'"), 1);
	db_close(db);
}

static void test_demo_project_record(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_demo_new(NULL);
	jaw_err err;
	err_clear(&err);
	struct project *p = model_project_get_new(db, &err);
	assert_non_null(p);
	assert_true(strlen(p->title) > 5);
	assert_string_equal(p->start_date, "2026-07-01");
	assert_string_equal(p->end_date, "2027-03-31");
	model_project_free(p);
	db_close(db);
}

/* Checks that a row of demo/codings.csv became exactly one coding whose
 * text is the passage. */
static int test_demo_coding_row(void *ctx, const struct csvdata_row *row, jaw_err *err)
{
	struct jaw_db *db = ctx;
	(void)err;
	if (row->line == 1)
		return JAW_OK;
	assert_true(row->nfields >= 4);
	sqlite3_stmt *s = NULL;
	assert_int_equal(sqlite3_prepare_v2(db_sqlite(db),
		"SELECT count(*) FROM coding k JOIN source s ON s.id = k.source_id"
		" JOIN code c ON c.id = k.code_id WHERE s.origin_file = 'demo/notes/' || ?1"
		" AND c.name = ?2 AND k.coder = ?3"
		" AND substr(s.text, k.start_cp + 1, k.end_cp - k.start_cp) = ?4"
		" AND k.created = s.source_date || 'T17:00:00Z'", -1, &s, NULL), SQLITE_OK);
	for (int i = 0; i < 4; i++)
		sqlite3_bind_text(s, i + 1, row->fields[i], -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	if (sqlite3_column_int(s, 0) != 1)
		fail_msg("demo/codings.csv line %d: no coding of that passage", row->line);
	sqlite3_finalize(s);
	return JAW_OK;
}

/* Two analysts coded several notes; the offsets hit the passages. */
static void test_demo_codings(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_demo_new(NULL);
	jaw_err err;
	err_clear(&err);
	assert_true(testutil_scalar(db, "SELECT count(*) FROM coding") >= 40);
	assert_int_equal(testutil_scalar(db, "SELECT count(DISTINCT coder) FROM coding"), 2);
	assert_true(testutil_scalar(db, "SELECT count(DISTINCT source_id) FROM coding") >= 6);
	assert_true(testutil_scalar(db, "SELECT count(*) FROM coding WHERE memo <> ''") >= 5);
	/* the two analysts agree on some passages and differ on others */
	assert_true(testutil_scalar(db, "SELECT count(*) FROM coding a JOIN coding b"
	                                " ON a.source_id = b.source_id AND a.code_id = b.code_id"
	                                " AND a.start_cp = b.start_cp AND a.end_cp = b.end_cp"
	                                " AND a.coder < b.coder") >= 3);
	/* loading the demo is not an analyst's change: nothing to undo; the
	 * starter codebook is one entry of the program's, and so are the
	 * demo's findings, citations and memos */
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM journal WHERE analyst = 'jaw'"
	                                     " AND action = 'codebook-load'"), 1);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM journal WHERE analyst <> 'jaw'"),
	                 0);
	const struct embedded_file *f = embedded_find("demo/codings.csv");
	assert_non_null(f);
	assert_int_equal(csvdata_each_row("demo/codings.csv", (const char *)f->data, f->size,
	                                  test_demo_coding_row, db, &err), JAW_OK);
	db_close(db);
}

/* The demo's findings are in full ODCR form with statuses, owners and
 * areas, each citing real passages of the notes; memos sit on a source, a
 * code, a finding and the project; one stakeholder is named by role only,
 * one is anonymous, one interview overrides its stakeholder; and the
 * project has a marking line. */
static void test_demo_findings(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_demo_new(NULL);
	jaw_err err;
	err_clear(&err);
	assert_true(finding_count(db, NULL, &err) >= 3);
	struct finding rows[8];
	int n = finding_page(db, NULL, 0, 8, rows, &err);
	assert_true(n >= 3);
	for (int i = 0; i < n; i++) {
		assert_true(*rows[i].observation && *rows[i].discussion && *rows[i].conclusion &&
		            *rows[i].recommendation && *rows[i].owner && *rows[i].areas);
		assert_true(rows[i].strength.citations >= 2);
		assert_int_equal(rows[i].strength.changed + rows[i].strength.lost, 0);
		finding_clear(&rows[i]);
	}
	assert_true(testutil_scalar(db, "SELECT count(DISTINCT status) FROM finding") >= 3);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM finding_evidence"
	                                     " WHERE cited_by = 'jaw'"), 0);
	assert_true(testutil_scalar(db, "SELECT count(*) FROM finding_evidence"
	                                " WHERE coding_id IS NOT NULL") >= 1);
	assert_int_equal(testutil_scalar(db, "SELECT count(DISTINCT target_kind) FROM memo"
	                                     " WHERE target_kind IN ('project', 'source', 'code',"
	                                     " 'finding')"), 4);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM memo WHERE author = 'jaw'"), 0);
	assert_true(testutil_scalar(db, "SELECT count(*) FROM stakeholder WHERE kind = 'person'"
	                                " AND attribution = 'role'") >= 1);
	assert_true(testutil_scalar(db, "SELECT count(*) FROM stakeholder WHERE kind = 'person'"
	                                " AND attribution = 'anonymous'") >= 1);
	assert_true(testutil_scalar(db, "SELECT count(*) FROM source"
	                                " WHERE attribution IS NOT NULL") >= 1);
	char *marking = attrib_marking_get_new(db, &err);
	assert_true(*marking);
	free(marking);
	db_close(db);
}

int main(void)
{
	testutil_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_demo_counts),
		cmocka_unit_test(test_demo_notes),
		cmocka_unit_test(test_demo_all_or_nothing),
		cmocka_unit_test(test_demo_survey),
		cmocka_unit_test(test_demo_survey_from_memory),
		cmocka_unit_test(test_demo_project_record),
		cmocka_unit_test(test_demo_codings),
		cmocka_unit_test(test_demo_findings),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
