/* test_filter.c - the :filter language (src/filter.c) and names typed for
 * records (src/model_names.c): parsing and its errors, resolving names,
 * names that several records have, "#ID", and how a filter is shown. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "filter.h"
#include "model.h"
#include "testutil.h"
#include "xalloc.h"

/* The demo, with a second "Battlegroup Delta" (an organisation under
 * another parent) and a second "Scoping workshop" (an event a day later). */
static struct jaw_db *filter_demo_new(void)
{
	struct jaw_db *db = testutil_demo_new(NULL);
	jaw_err err;
	err_clear(&err);
	assert_int_equal(db_exec(db, "INSERT INTO stakeholder (kind, name, parent_id, role) SELECT"
	                             " 'organisation', 'Battlegroup Delta', id, 'Reserve battlegroup'"
	                             " FROM stakeholder WHERE name = 'Combined CIMIC Centre';"
	                             "INSERT INTO timeline_item (kind, title, start_date, location)"
	                             " VALUES ('event', 'Scoping workshop', '2026-08-12', 'Izmir');",
	                     &err), JAW_OK);
	return db;
}

static void test_parse_and_describe(void **state)
{
	(void)state;
	struct filter_spec spec;
	jaw_err err;
	err_clear(&err);
	assert_int_equal(filter_parse("  kind=interview stakeholder=\"Ioana Căpraru\"  code=Training",
	                              &spec, &err), JAW_OK);
	assert_int_equal(spec.n, 3);
	assert_string_equal(spec.keys[1], "stakeholder");
	assert_string_equal(spec.values[1], "Ioana Căpraru");
	assert_string_equal(spec.values[2], "Training");
	char *shown = filter_spec_describe_new(&spec);
	assert_string_equal(shown, "kind=interview stakeholder=\"Ioana Căpraru\" code=Training");
	free(shown);
	filter_spec_choose(&spec, 2, 17, "Cross-cutting/Training");
	assert_string_equal(spec.values[2], "#17");
	shown = filter_spec_describe_new(&spec);
	assert_string_equal(shown, "kind=interview stakeholder=\"Ioana Căpraru\" code=Cross-cutting/Training");
	free(shown);
	filter_spec_clear(&spec);
	assert_int_equal(filter_parse("", &spec, &err), JAW_OK);
	assert_int_equal(spec.n, 0);
}

static void test_parse_errors(void **state)
{
	(void)state;
	static const struct {
		const char *text, *msg;
	} cases[] = {
		{"kind", "filter: write kind=VALUE"},
		{"stakeholder= kind=document", "filter: write stakeholder=VALUE"},
		{"event=\"Scoping workshop", "filter: the quote after event= is not closed"},
		{"colour=red", "filter: no key \"colour\" (kind, stakeholder, event, code)"},
		{"kind=a kind=b kind=c kind=d kind=e kind=f kind=g kind=h kind=i",
		 "filter: at most 8 conditions"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct filter_spec spec;
		jaw_err err;
		err_clear(&err);
		assert_int_equal(filter_parse(cases[i].text, &spec, &err), JAW_FAIL);
		assert_string_equal(err.msg, cases[i].msg);
		assert_int_equal(spec.n, 0);
	}
}

/* Resolves text; returns the status and fills f and which. */
static int filter_try(struct jaw_db *db, const char *text, struct source_filter *f, int *which,
                      jaw_err *err)
{
	static char kind[16];
	struct filter_spec spec;
	assert_int_equal(filter_parse(text, &spec, err), JAW_OK);
	int rc = filter_resolve(db, &spec, f, kind, which, err);
	filter_spec_clear(&spec);
	return rc;
}

static void test_resolve(void **state)
{
	(void)state;
	struct jaw_db *db = filter_demo_new();
	struct source_filter f;
	int which = -1;
	jaw_err err;
	err_clear(&err);
	assert_int_equal(filter_try(db, "kind=document stakeholder=\"Ioana Căpraru\" event=\"Interview"
	                                " trip to MNB-SE\" code=Training", &f, &which, &err), JAW_OK);
	assert_string_equal(f.kind, "document");
	assert_int_equal(f.stakeholder_id, testutil_scalar(db, "SELECT id FROM stakeholder WHERE"
	                                                       " name = 'Ioana Căpraru'"));
	assert_int_equal(f.timeline_item_id, testutil_scalar(db, "SELECT id FROM timeline_item WHERE"
	                                                         " title = 'Interview trip to MNB-SE'"));
	assert_int_equal(f.code_id, testutil_scalar(db, "SELECT id FROM code WHERE name = 'Training'"));
	/* refusals */
	assert_int_equal(filter_try(db, "kind=survey_answer", &f, &which, &err), JAW_FAIL);
	assert_string_equal(err.msg, "filter: survey answers are listed by question in the survey"
	                             " view (U)");
	assert_int_equal(filter_try(db, "kind=memo", &f, &which, &err), JAW_FAIL);
	assert_string_equal(err.msg, "filter: kind is interview, observation or document");
	assert_int_equal(filter_try(db, "kind=interview event=Nowhere", &f, &which, &err), JAW_FAIL);
	assert_string_equal(err.msg, "filter: no event called \"Nowhere\"");
	assert_int_equal(which, 1);
	/* a name two records have: which one is asked */
	assert_int_equal(filter_try(db, "kind=interview event=\"Scoping workshop\"", &f, &which, &err),
	                 FILTER_AMBIGUOUS);
	assert_int_equal(which, 1);
	/* "#ID" names one by its id */
	int64_t second = testutil_scalar(db, "SELECT max(id) FROM timeline_item WHERE title ="
	                                     " 'Scoping workshop'");
	char text[64];
	snprintf(text, sizeof text, "event=#%lld", (long long)second);
	assert_int_equal(filter_try(db, text, &f, &which, &err), JAW_OK);
	assert_int_equal(f.timeline_item_id, second);
	db_close(db);
}

static void test_names_told_apart(void **state)
{
	(void)state;
	struct jaw_db *db = filter_demo_new();
	struct model_name_match m[4];
	int n = 0;
	jaw_err err;
	err_clear(&err);
	assert_int_equal(model_name_matches(db, MODEL_NAME_ORGANISATION, "Battlegroup Delta", 4, m,
	                                    &n, &err), 2);
	assert_int_equal(n, 2);
	assert_string_equal(m[0].label, "Battlegroup Delta (in Multinational Brigade South-East)");
	assert_string_equal(m[1].label, "Battlegroup Delta (in Combined CIMIC Centre)");
	assert_true(m[0].id < m[1].id);
	for (int i = 0; i < n; i++)
		model_name_match_clear(&m[i]);
	assert_int_equal(model_name_matches(db, MODEL_NAME_EVENT, "Scoping workshop", 4, m, &n, &err),
	                 2);
	assert_string_equal(m[0].label, "Scoping workshop (event, 2026-08-11 to 2026-08-12, Valmont)");
	assert_string_equal(m[1].label, "Scoping workshop (event, 2026-08-12, Izmir)");
	for (int i = 0; i < n; i++)
		model_name_match_clear(&m[i]);
	/* a person is no organisation; a code is shown by its path */
	assert_int_equal(model_name_matches(db, MODEL_NAME_ORGANISATION, "Ioana Căpraru", 4, m, &n,
	                                    &err), 0);
	assert_int_equal(n, 0);
	assert_int_equal(model_name_matches(db, MODEL_NAME_CODE, "Training", 4, m, &n, &err), 1);
	assert_string_equal(m[0].label, "Cross-cutting/Training");
	model_name_match_clear(&m[0]);
	/* only as many rows as asked for, but the count of them all */
	assert_int_equal(model_name_matches(db, MODEL_NAME_EVENT, "Scoping workshop", 1, m, &n, &err),
	                 2);
	assert_int_equal(n, 1);
	model_name_match_clear(&m[0]);
	db_close(db);
}

/* Names ignore case and accents when no record has the name exactly; an
 * exact name wins over one that differs only so. */
static void test_names_folded(void **state)
{
	(void)state;
	struct jaw_db *db = filter_demo_new();
	struct model_name_match m[4];
	int n = 0;
	jaw_err err;
	err_clear(&err);
	assert_int_equal(model_name_matches(db, MODEL_NAME_STAKEHOLDER, "IOANA CAPRARU", 4, m, &n,
	                                    &err), 1);
	assert_non_null(strstr(m[0].label, "Ioana C\xC4\x83praru ("));
	model_name_match_clear(&m[0]);
	assert_int_equal(model_name_matches(db, MODEL_NAME_EVENT, "scoping WORKSHOP", 4, m, &n, &err),
	                 2);
	for (int i = 0; i < n; i++)
		model_name_match_clear(&m[i]);
	/* "training" exactly is a second code: it alone is meant */
	assert_int_equal(db_exec(db, "INSERT INTO code (name, position) VALUES ('training', 99)", &err),
	                 JAW_OK);
	assert_int_equal(model_name_matches(db, MODEL_NAME_CODE, "training", 4, m, &n, &err), 1);
	assert_string_equal(m[0].label, "training");
	model_name_match_clear(&m[0]);
	assert_int_equal(model_name_matches(db, MODEL_NAME_CODE, "TRAINING", 4, m, &n, &err), 2);
	for (int i = 0; i < n; i++)
		model_name_match_clear(&m[i]);
	assert_int_equal(model_name_matches(db, MODEL_NAME_CODE, "Trainings", 4, m, &n, &err), 0);
	db_close(db);
}

/* Tab's completions: the distinct names that begin with what was typed,
 * folded, in order; none past the last. */
static void test_names_complete(void **state)
{
	(void)state;
	struct jaw_db *db = filter_demo_new();
	jaw_err err;
	err_clear(&err);
	char *a = model_name_complete_new(db, MODEL_NAME_STAKEHOLDER, "ioana c", 0, &err);
	assert_non_null(a);
	assert_string_equal(a, "Ioana C\xC4\x83praru");
	free(a);
	/* two organisations called Battlegroup Delta complete to one name */
	char *b0 = model_name_complete_new(db, MODEL_NAME_ORGANISATION, "BATTLEGROUP", 0, &err);
	char *b1 = model_name_complete_new(db, MODEL_NAME_ORGANISATION, "BATTLEGROUP", 1, &err);
	assert_non_null(b0);
	assert_string_equal(b0, "Battlegroup Delta");
	assert_true(b1 == NULL || strcmp(b1, "Battlegroup Delta") != 0);
	free(b0);
	free(b1);
	assert_null(model_name_complete_new(db, MODEL_NAME_EVENT, "zzz no such", 0, &err));
	assert_int_equal(err.status, JAW_OK);
	/* the picker's rows: filtered, folded, labelled, paged */
	int64_t all = model_names_count(db, MODEL_NAME_ORGANISATION, NULL, &err);
	int64_t delta = model_names_count(db, MODEL_NAME_ORGANISATION, "battlegroup DELTA", &err);
	assert_true(all > delta);
	assert_int_equal(delta, 2);
	struct model_name_match m[4];
	assert_int_equal(model_names_page(db, MODEL_NAME_ORGANISATION, "battlegroup delta", 0, 4, m,
	                                  &err), 2);
	assert_string_not_equal(m[0].label, m[1].label);
	for (int i = 0; i < 2; i++)
		model_name_match_clear(&m[i]);
	assert_int_equal(model_names_page(db, MODEL_NAME_CODE, "cross-cutting/train", 0, 4, m, &err),
	                 1);
	assert_string_equal(m[0].label, "Cross-cutting/Training");
	model_name_match_clear(&m[0]);
	/* a broken file: an error, not an empty list */
	assert_int_equal(db_exec(db, "PRAGMA foreign_keys = OFF; DROP TABLE timeline_item", &err),
	                 JAW_OK);
	assert_int_equal(model_names_count(db, MODEL_NAME_EVENT, NULL, &err), -1);
	assert_int_equal(model_names_page(db, MODEL_NAME_EVENT, NULL, 0, 4, m, &err), -1);
	err_clear(&err);
	assert_null(model_name_complete_new(db, MODEL_NAME_EVENT, "S", 0, &err));
	assert_int_not_equal(err.status, JAW_OK);
	db_close(db);
}

int main(void)
{
	testutil_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_and_describe),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_resolve),
		cmocka_unit_test(test_names_told_apart),
		cmocka_unit_test(test_names_folded),
		cmocka_unit_test(test_names_complete),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
