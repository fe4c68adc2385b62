/* test_likert.c - the distribution of Likert items (src/analysis_likert.c)
 * and the retrieval of the segments behind one of its bars, on a survey
 * small enough that every figure is worked out by hand below.
 *
 * The survey (survey.csv), imported with Q1 on the scale Strongly
 * disagree|Disagree|Neutral|Agree|Strongly agree (1-5) and Q2 Likert:
 *   id  Nation  Q1              Q2  Comment
 *   r1  Chad    Agree (4)       1   good     coded Training
 *   r2  Chad    Strongly agree  2
 *   r3  Mali    Agree (4)       -   bad      coded Training
 *   r4  Mali    -               5
 *   r5  -       Disagree (2)    2   ok       coded Training
 *   r6  Chad    Neutral, then 7 3            (7 is written into the
 *                                             project: outside the scale)
 * Q1 overall: SD 0, D 1, N 0, A 2, SA 1, "7" 1, no answer 1; n 5.
 *   Chad: A 1, SA 1, "7" 1 (n 3); Mali: A 1, no answer 1 (n 1); none: D 1 (n 1).
 * Q2 overall: 1 1, 2 2, 3 1, 4 0, 5 1, no answer 1; n 5. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "csvimport.h"
#include "retrieve.h"
#include "testutil.h"
#include "xalloc.h"

static const char survey_csv[] =
	"id,Nation,Q1,Q2,Comment\n"
	"r1,Chad,Agree,1,good\n"
	"r2,Chad,Strongly agree,2,\n"
	"r3,Mali,Agree,,bad\n"
	"r4,Mali,,5,\n"
	"r5,,Disagree,2,ok\n"
	"r6,Chad,Neutral,3,\n";

/* A project with the survey above, r6's Q1 set to 7 and three answers coded. */
static struct jaw_db *likert_project_new(void)
{
	struct jaw_db *db = testutil_project_new(NULL);
	struct csvread_source src = csvread_buffer(survey_csv, strlen(survey_csv), "survey.csv");
	struct csvimport_options opt = {0};
	opt.roles[SURVEY_ROLE_ID] = "id";
	opt.roles[SURVEY_ROLE_ATTRIBUTE] = "Nation";
	opt.roles[SURVEY_ROLE_LIKERT] = "Q2";
	opt.roles[SURVEY_ROLE_TEXT] = "Comment";
	opt.scales = "Q1=Strongly disagree|Disagree|Neutral|Agree|Strongly agree";
	struct csvimport_plan *plan = NULL;
	struct csvimport_result res;
	jaw_err err;
	err_clear(&err);
	if (csvimport_source(db, &src, &opt, &plan, &res, &err) != JAW_OK)
		fail_msg("%s", err.msg);
	csvimport_plan_free(plan);
	assert_int_equal(res.respondents, 6);
	assert_int_equal(db_exec(db, "UPDATE respondent SET answers = json_set(answers, '$[2]', 7)"
	                         " WHERE external_id = 'r6';"
	                         "INSERT INTO code (id, name, position) VALUES (900, 'Training', 99);"
	                         "INSERT INTO coding (source_id, start_cp, end_cp, code_id, coder)"
	                         " SELECT s.id, 0, 2, 900, 'amira' FROM source s"
	                         " WHERE s.kind = 'survey_answer';", &err), JAW_OK);
	return db;
}

/* The answers of item it as "label or value:count/n ..." for group g. */
static char *item_text_new(const struct analysis_likert_item *it, int g)
{
	char *out = xstrdup("");
	for (int i = 0; i < it->npoints; i++) {
		const struct analysis_likert_point *p = &it->points[i];
		const char *kind = p->kind == ANALYSIS_LIKERT_OUTSIDE ? "!" :
		                   p->kind == ANALYSIS_LIKERT_MISSING ? "-" : "";
		char *next = xasprintf("%s%s%s%s:%lld", out, i ? " " : "", kind,
		                       *p->label ? p->label : p->value, (long long)p->counts[g]);
		free(out);
		out = next;
	}
	char *next = xasprintf("%s n=%lld", out, (long long)it->n[g]);
	free(out);
	return next;
}

static void expect_item(const struct analysis_likert_item *it, int g, const char *want)
{
	char *got = item_text_new(it, g);
	if (strcmp(got, want) != 0)
		fprintf(stderr, "%s group %d: got \"%s\"\n", it->label, g, got);
	assert_string_equal(got, want);
	free(got);
}

static void test_overall(void **state)
{
	(void)state;
	struct jaw_db *db = likert_project_new();
	struct analysis_likert *t;
	jaw_err err;
	err_clear(&err);
	assert_int_equal(analysis_likert_new(db, NULL, NULL, &t, &err), JAW_OK);
	assert_int_equal(t->ngroups, 1);
	assert_string_equal(t->groups[0], "(all)");
	assert_int_equal(t->nitems, 2);
	assert_string_equal(t->items[0].label, "Q1");
	assert_string_equal(t->items[0].survey, "survey");
	/* the scale's order, not the alphabet's; a point nobody chose stays */
	expect_item(&t->items[0], 0, "Strongly disagree:0 Disagree:1 Neutral:0 Agree:2"
	            " Strongly agree:1 !7:1 -:1 n=5");
	/* an unlabelled item: every whole number from the least to the greatest */
	expect_item(&t->items[1], 0, "1:1 2:2 3:1 4:0 5:1 -:1 n=5");
	assert_int_equal(t->max, 2);
	assert_true(analysis_likert_percent(&t->items[0], 3, 0) == 40.0);
	assert_true(analysis_likert_percent(&t->items[0], 5, 0) == 20.0);
	assert_true(analysis_likert_percent(&t->items[0], 6, 0) == -1.0);
	assert_int_equal(t->items[0].points[5].kind, ANALYSIS_LIKERT_OUTSIDE);
	assert_string_equal(t->items[0].points[5].value, "7");
	assert_string_equal(t->items[0].points[3].value, "4");
	analysis_likert_free(t);
	db_close(db);
}

static void test_by_attribute(void **state)
{
	(void)state;
	struct jaw_db *db = likert_project_new();
	struct analysis_likert *t;
	jaw_err err;
	err_clear(&err);
	assert_int_equal(analysis_likert_new(db, "Q1", "Nation", &t, &err), JAW_OK);
	assert_int_equal(t->nitems, 1);
	assert_int_equal(t->ngroups, 4);
	assert_string_equal(t->groups[1], "Chad");
	assert_string_equal(t->groups[2], "Mali");
	assert_string_equal(t->groups[3], "");
	const struct analysis_likert_item *it = &t->items[0];
	expect_item(it, 0, "Strongly disagree:0 Disagree:1 Neutral:0 Agree:2 Strongly agree:1"
	            " !7:1 -:1 n=5");
	expect_item(it, 1, "Strongly disagree:0 Disagree:0 Neutral:0 Agree:1 Strongly agree:1"
	            " !7:1 -:0 n=3");
	expect_item(it, 2, "Strongly disagree:0 Disagree:0 Neutral:0 Agree:1 Strongly agree:0"
	            " !7:0 -:1 n=1");
	expect_item(it, 3, "Strongly disagree:0 Disagree:1 Neutral:0 Agree:0 Strongly agree:0"
	            " !7:0 -:0 n=1");
	assert_true(analysis_likert_percent(it, 3, 1) > 33.3 && analysis_likert_percent(it, 3, 1)
	            < 33.4);
	assert_true(analysis_likert_percent(it, 3, 2) == 100.0);
	assert_true(it->by_column > 0);
	analysis_likert_free(t);
	db_close(db);
}

static void test_errors(void **state)
{
	(void)state;
	struct jaw_db *db = likert_project_new();
	struct analysis_likert *t = (struct analysis_likert *)1;
	jaw_err err;
	err_clear(&err);
	assert_int_equal(analysis_likert_new(db, "Q9", NULL, &t, &err), JAW_FAIL);
	assert_null(t);
	assert_string_equal(err.msg, "no Likert question \"Q9\" (the Likert questions: Q1, Q2)");
	err_clear(&err);
	assert_int_equal(analysis_likert_new(db, NULL, "Rank", &t, &err), JAW_FAIL);
	assert_string_equal(err.msg, "no survey attribute \"Rank\" (the survey attributes: Nation)");
	db_close(db);
	/* a project without surveys says how to get one */
	db = testutil_project_new(NULL);
	err_clear(&err);
	assert_int_equal(analysis_likert_new(db, "Q1", NULL, &t, &err), JAW_FAIL);
	assert_non_null(strstr(err.msg, "no Likert question \"Q1\" (the project has none: import"));
	/* and no item at all is an empty table, not an error */
	assert_int_equal(analysis_likert_new(db, NULL, NULL, &t, &err), JAW_OK);
	assert_int_equal(t->nitems, 0);
	analysis_likert_free(t);
	db_close(db);
}

/* The respondents (external ids) whose coded answers f retrieves. */
static char *respondents_new(struct jaw_db *db, const struct retrieve_filter *f)
{
	jaw_err err;
	err_clear(&err);
	struct retrieve_row rows[16];
	int n = retrieve_page(db, f, 0, 16, rows, &err);
	assert_true(n >= 0);
	assert_int_equal(retrieve_count(db, f, &err), n);
	char *out = xstrdup("");
	for (int i = 0; i < n; i++) {
		char *next = xasprintf("%s%s%s", out, i ? " " : "", rows[i].respondent);
		free(out);
		out = next;
		retrieve_row_clear(&rows[i]);
	}
	return out;
}

static void expect_behind(struct jaw_db *db, int64_t q, const char *v, int64_t a,
                          const char *g, const char *want)
{
	struct retrieve_filter f = {0};
	f.answer_column[0] = q;
	f.answer_value[0] = v ? xstrdup(v) : NULL;
	f.answer_column[1] = a;
	f.answer_value[1] = g ? xstrdup(g) : NULL;
	char *got = respondents_new(db, &f);
	if (strcmp(got, want) != 0)
		fprintf(stderr, "%s/%s: got \"%s\"\n", v ? v : "any", g ? g : "any", got);
	assert_string_equal(got, want);
	free(got);
	retrieve_filter_clear(&f);
}

static void test_behind_a_bar(void **state)
{
	(void)state;
	struct jaw_db *db = likert_project_new();
	struct analysis_likert *t;
	jaw_err err;
	err_clear(&err);
	assert_int_equal(analysis_likert_new(db, "Q1", "Nation", &t, &err), JAW_OK);
	int64_t q = t->items[0].column_id, a = t->items[0].by_column;
	expect_behind(db, q, "4", 0, NULL, "r1 r3");     /* Agree */
	expect_behind(db, q, "4", a, "Chad", "r1");      /* Agree, Chad */
	expect_behind(db, q, "2", a, "", "r5");          /* Disagree, no nation */
	expect_behind(db, q, NULL, 0, NULL, "r1 r3 r5"); /* answered */
	expect_behind(db, q, "", 0, NULL, "");           /* no answer: r4, who wrote nothing */
	expect_behind(db, q, NULL, a, "Mali", "r3");
	expect_behind(db, q, "1", 0, NULL, "");
	analysis_likert_free(t);
	db_close(db);
}

int main(void)
{
	testutil_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_overall),
		cmocka_unit_test(test_by_attribute),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_behind_a_bar),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
