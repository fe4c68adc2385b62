/* test_survey_pages.c - the survey's lists as the interface pages them
 * (model.h): pages counted from the end, and the codings counted by an
 * attribute, worked out once and again after every change. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coding.h"
#include "csvtest.h"
#include "model.h"
#include "project_schema.h"
#include "testutil.h"
#include "xalloc.h"

static void ok(int rc, const jaw_err *err, const char *what)
{
	if (rc != JAW_OK)
		fail_msg("%s: %s", what, err->msg);
}

/* A page from the end holds the rows of the page at the same place from
 * the start, in the same order, for every place and size. */
static void test_pages_from_end(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	err_clear(&err);
	ok(csvtest_import(db, "basic.csv", &err), &err, "import");
	int64_t n = model_respondent_count(db, 1, &err);
	assert_int_equal(n, 4);
	for (int limit = 1; limit <= 4; limit++)
		for (int64_t after = 0; after + limit <= n; after++) {
			struct survey_respondent a[4], b[4];
			int64_t offset = n - after - limit;
			assert_int_equal(model_respondent_page(db, 1, offset, limit, a, &err), limit);
			assert_int_equal(model_respondent_page_from_end(db, 1, after, limit, b, &err), limit);
			for (int i = 0; i < limit; i++) {
				assert_int_equal(a[i].id, b[i].id);
				assert_string_equal(a[i].values, b[i].values);
				model_respondent_clear(&a[i]);
				model_respondent_clear(&b[i]);
			}
		}
	int64_t text = model_survey_first_column(db, 1, "open_text", &err);
	n = model_survey_answer_count(db, text, &err);
	assert_int_equal(n, 3);
	for (int limit = 1; limit <= 3; limit++)
		for (int64_t after = 0; after + limit <= n; after++) {
			struct survey_answer a[3], b[3];
			int64_t offset = n - after - limit;
			assert_int_equal(model_survey_answer_page(db, text, offset, limit, a, &err), limit);
			assert_int_equal(model_survey_answer_page_from_end(db, text, after, limit, b, &err),
			                 limit);
			for (int i = 0; i < limit; i++) {
				assert_int_equal(a[i].source_id, b[i].source_id);
				assert_string_equal(a[i].respondent, b[i].respondent);
				model_survey_answer_clear(&a[i]);
				model_survey_answer_clear(&b[i]);
			}
		}
	/* the last page of the answers: R02's and R04's, in the file's order */
	struct survey_answer last[2];
	assert_int_equal(model_survey_answer_page_from_end(db, text, 0, 2, last, &err), 2);
	assert_string_equal(last[0].respondent, "R02");
	assert_string_equal(last[1].respondent, "R04");
	model_survey_answer_clear(&last[0]);
	model_survey_answer_clear(&last[1]);
	db_close(db);
}

/* The codings by attribute column as counted straight from the codings,
 * in the page's order: "value|code|codings|respondents;..." (newly
 * allocated). */
static char *counted_new(struct jaw_db *db, int64_t column)
{
	char sql[1200];
	snprintf(sql, sizeof sql,
	         "SELECT coalesce(group_concat(line, ';'), '') FROM (SELECT coalesce(v, '(none)')"
	         " || '|' || name || '|' || n || '|' || r AS line FROM (SELECT json_extract(r.answers,"
	         " '$[' || ((SELECT position FROM survey_column WHERE id = %1$lld) - 1) || ']') AS v,"
	         " k.name AS name, k.position AS pos, k.id AS kid, count(*) AS n,"
	         " count(DISTINCT r.id) AS r FROM coding g JOIN source s ON s.id = g.source_id"
	         " JOIN respondent r ON r.id = s.respondent_id JOIN code k ON k.id = g.code_id"
	         " WHERE r.survey_id = (SELECT survey_id FROM survey_column WHERE id = %1$lld)"
	         " GROUP BY v, k.id) ORDER BY v IS NULL, v, pos, name, kid)", (long long)column);
	return testutil_text_new(db, sql);
}

/* The same, as model_survey_codings_by pages them. */
static char *paged_new(struct jaw_db *db, int64_t column)
{
	jaw_err err;
	err_clear(&err);
	int64_t n = model_survey_codings_by_count(db, column, &err);
	assert_true(n >= 0);
	char *out = xstrdup("");
	for (int64_t off = 0; off < n; off += 2) {
		struct survey_coding_count c[2];
		int got = model_survey_codings_by(db, column, off, 2, c, &err);
		assert_true(got > 0);
		for (int i = 0; i < got; i++) {
			char *line = xasprintf("%s%s%s|%s|%lld|%lld", out, *out ? ";" : "",
			                       *c[i].value ? c[i].value : "(none)", c[i].code,
			                       (long long)c[i].codings, (long long)c[i].respondents);
			free(out);
			out = line;
			model_survey_coding_count_clear(&c[i]);
		}
	}
	return out;
}

static void same_counts(struct jaw_db *db, int64_t column, const char *want)
{
	char *counted = counted_new(db, column), *paged = paged_new(db, column);
	assert_string_equal(paged, counted);
	if (want)
		assert_string_equal(paged, want);
	free(counted);
	free(paged);
}

/* The counts are worked out once and again after a change by this
 * connection (a coding added, one removed, a code renamed) or by another
 * (PRAGMA data_version), and for another attribute. */
static void test_codings_by_kept_fresh(void **state)
{
	(void)state;
	char *path = NULL;
	struct jaw_db *db = testutil_project_new(&path);
	jaw_err err;
	err_clear(&err);
	ok(csvtest_import(db, "basic.csv", &err), &err, "import");
	ok(db_exec(db, "INSERT INTO code (name, position) VALUES ('Training', 1), ('Liaison', 2)",
	           &err), &err, "codes");
	int64_t training = testutil_scalar(db, "SELECT id FROM code WHERE name = 'Training'");
	int64_t liaison = testutil_scalar(db, "SELECT id FROM code WHERE name = 'Liaison'");
	int64_t r01 = testutil_scalar(db, "SELECT s.id FROM source s JOIN respondent r ON"
	                                  " r.id = s.respondent_id WHERE r.external_id = 'R01'");
	int64_t nation = 2, role = 3;
	same_counts(db, nation, "");
	/* working the counts out is no change: they stay fresh */
	int64_t before = sqlite3_total_changes64(db_sqlite(db));
	ok(model_survey_codings_ready(db, role, &err), &err, "ready");
	assert_int_equal(sqlite3_total_changes64(db_sqlite(db)), before);
	int64_t k1 = 0, k2 = 0;
	ok(coding_apply(db, "ana", r01, 0, 4, training, NULL, &k1, &err), &err, "code R01");
	same_counts(db, nation, "Norway|Training|1|1");
	ok(coding_apply(db, "ana", r01, 5, 13, training, NULL, &k2, &err), &err, "again");
	same_counts(db, nation, "Norway|Training|2|1");
	same_counts(db, role, "Commander|Training|2|1");
	same_counts(db, nation, "Norway|Training|2|1");
	ok(db_exec(db, "UPDATE code SET name = 'Training and exercises' WHERE name = 'Training'",
	           &err), &err, "rename");
	same_counts(db, nation, "Norway|Training and exercises|2|1");
	ok(coding_remove(db, "ana", k2, &err), &err, "remove");
	same_counts(db, nation, "Norway|Training and exercises|1|1");

	/* another session codes R02's answer */
	struct jaw_db *other = NULL;
	ok(db_open(path, 0, &project_schema, &other, &err), &err, "open again");
	int64_t r02 = testutil_scalar(other, "SELECT s.id FROM source s JOIN respondent r ON"
	                                     " r.id = s.respondent_id WHERE r.external_id = 'R02'");
	ok(coding_apply(other, "ben", r02, 0, 9, liaison, NULL, NULL, &err), &err, "other codes");
	db_close(other);
	same_counts(db, nation, "Norway|Training and exercises|1|1;Poland|Liaison|1|1");

	/* the rows as the search finds them: by value and by code */
	assert_int_equal(model_survey_codings_search(db, nation, "poland", 0, MODEL_FORWARD, &err), 1);
	assert_int_equal(model_survey_codings_search(db, nation, "exercises", 1, MODEL_FORWARD, &err),
	                 0);
	assert_int_equal(model_survey_codings_search(db, nation, "nowhere", 0, MODEL_FORWARD, &err), -1);
	db_close(db);
	free(path);
}

/* "value n, ..." of column's distribution (newly allocated). */
static char *distribution_new(struct jaw_db *db, int64_t column)
{
	jaw_err err;
	err_clear(&err);
	struct survey_count c[8];
	int n = model_survey_distribution(db, column, 8, c, &err);
	assert_true(n >= 0);
	char *out = xstrdup("");
	for (int i = 0; i < n; i++) {
		char *line = xasprintf("%s%s%s %lld", out, i ? ", " : "", c[i].value,
		                       (long long)c[i].count);
		free(out);
		out = line;
		model_survey_count_clear(&c[i]);
	}
	return out;
}

static void distribution_is(struct jaw_db *db, int64_t column, const char *want)
{
	char *got = distribution_new(db, column);
	assert_string_equal(got, want);
	free(got);
}

/* A question's answers are counted once, and again after a change. */
static void test_distribution_kept_fresh(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	err_clear(&err);
	ok(csvtest_import(db, "basic.csv", &err), &err, "import");
	int64_t nation = 2;
	int64_t before = sqlite3_total_changes64(db_sqlite(db));
	distribution_is(db, nation, "Norway 2, Italy 1, Poland 1");
	assert_int_equal(sqlite3_total_changes64(db_sqlite(db)), before);
	distribution_is(db, nation, "Norway 2, Italy 1, Poland 1");
	ok(db_exec(db, "UPDATE respondent SET answers = json_replace(answers, '$[1]', 'Italy')"
	               " WHERE external_id = 'R03'", &err), &err, "change an answer");
	distribution_is(db, nation, "Italy 2, Norway 1, Poland 1");
	db_close(db);
}

int main(void)
{
	testutil_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pages_from_end),
		cmocka_unit_test(test_codings_by_kept_fresh),
		cmocka_unit_test(test_distribution_kept_fresh),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
