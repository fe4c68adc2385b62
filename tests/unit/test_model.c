/* test_model.c - the core APIs: dates and the model (timeline,
 * stakeholders, sources, codes). */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "action.h"
#include "codebook.h"
#include "csvdata.h"
#include "date.h"
#include "jawrc.h"
#include "keys.h"
#include "model.h"
#include "testutil.h"
#include "xalloc.h"

/* Asserts that err holds status and exactly msg. */
#define assert_err(err, st, text)                                              \
	do {                                                                       \
		assert_int_equal((err).status, (st));                                  \
		assert_string_equal((err).msg, (text));                                \
	} while (0)

/* ---- dates ------------------------------------------------------------ */

static void test_date_parse_good(void **state)
{
	(void)state;
	struct date d;
	jaw_err err;
	err_clear(&err);
	assert_int_equal(date_parse("2026-12-04", &d, &err), JAW_OK);
	assert_int_equal(d.year, 2026);
	assert_int_equal(d.month, 12);
	assert_int_equal(d.day, 4);
	assert_int_equal(date_parse("2028-02-29", &d, &err), JAW_OK); /* leap year */
	assert_int_equal(d.year, 2028);
	assert_int_equal(d.month, 2);
	assert_int_equal(d.day, 29);
	assert_int_equal(date_parse("2000-02-29", &d, &err), JAW_OK); /* divisible by 400 */
	assert_int_equal(date_parse("1000-01-01", &d, &err), JAW_OK);
	assert_int_equal(date_parse("9999-12-31", &d, &err), JAW_OK);
	assert_int_equal(d.year, 9999);
	assert_int_equal(date_parse("2026-04-30", NULL, &err), JAW_OK);
	assert_int_equal(err.status, JAW_OK);
	assert_string_equal(err.msg, "");
	assert_true(date_valid("2026-01-31"));
	assert_true(date_valid("2024-02-29"));
}

static void test_date_parse_bad(void **state)
{
	(void)state;
	struct date d;
	jaw_err err;
	static const struct {
		const char *text, *msg;
	} bad[] = {
		{"2027-02-29", "\"2027-02-29\": month 2 of 2027 has no day 29"},
		{"1900-02-29", "\"1900-02-29\": month 2 of 1900 has no day 29"},
		{"2026-13-01", "\"2026-13-01\": there is no month 13"},
		{"2026-00-10", "\"2026-00-10\": there is no month 0"},
		{"2026-04-31", "\"2026-04-31\": month 4 of 2026 has no day 31"},
		{"2026-01-00", "\"2026-01-00\": month 1 of 2026 has no day 0"},
		{"0999-12-31", "\"0999-12-31\": year 999 is out of range"},
		{"2026-4-1", "\"2026-4-1\" is not a date: write YYYY-MM-DD, e.g. 2026-12-04"},
		{"", "\"\" is not a date: write YYYY-MM-DD, e.g. 2026-12-04"},
		{"yesterday", "\"yesterday\" is not a date: write YYYY-MM-DD, e.g. 2026-12-04"},
		{"2026-01-01x", "\"2026-01-01x\" is not a date: write YYYY-MM-DD, e.g. 2026-12-04"},
		{" 2026-01-01", "\" 2026-01-01\" is not a date: write YYYY-MM-DD, e.g. 2026-12-04"},
		{"2026/01/01", "\"2026/01/01\" is not a date: write YYYY-MM-DD, e.g. 2026-12-04"},
		{"+026-01-01", "\"+026-01-01\" is not a date: write YYYY-MM-DD, e.g. 2026-12-04"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		err_clear(&err);
		assert_int_equal(date_parse(bad[i].text, &d, &err), JAW_FAIL);
		assert_err(err, JAW_FAIL, bad[i].msg);
		assert_false(date_valid(bad[i].text));
	}
	/* a NULL err is allowed */
	assert_int_equal(date_parse("2026-02-30", NULL, NULL), JAW_FAIL);
}

static void test_date_days(void **state)
{
	(void)state;
	assert_int_equal(date_to_days((struct date){1970, 1, 1}), 0);
	assert_int_equal(date_to_days((struct date){1970, 1, 2}), 1);
	assert_int_equal(date_to_days((struct date){1969, 12, 31}), -1);
	assert_int_equal(date_to_days((struct date){2000, 3, 1}), 11017);
	assert_int_equal(date_to_days((struct date){2026, 12, 4}), 20791);
	assert_int_equal(date_to_days((struct date){1000, 1, 1}), -354285);
	assert_int_equal(date_to_days((struct date){9999, 12, 31}), 2932896);
	struct date d = date_from_days(-1);
	assert_int_equal(d.year, 1969);
	assert_int_equal(d.month, 12);
	assert_int_equal(d.day, 31);
	d = date_from_days(0);
	assert_int_equal(d.year, 1970);
	assert_int_equal(d.month, 1);
	assert_int_equal(d.day, 1);
	d = date_from_days(date_to_days((struct date){2028, 2, 29}) + 1);
	assert_int_equal(d.month, 3);
	assert_int_equal(d.day, 1);

	/* Every day from 1000-01-01 to 9999-12-31: round trip, consecutive,
	 * and each one a date date_parse accepts. */
	long first = date_to_days((struct date){1000, 1, 1});
	long last = date_to_days((struct date){9999, 12, 31});
	struct date prev = date_from_days(first - 1);
	assert_int_equal(prev.year, 999);
	assert_int_equal(prev.month, 12);
	assert_int_equal(prev.day, 31);
	for (long n = first; n <= last; n++) {
		d = date_from_days(n);
		assert_int_equal(date_to_days(d), n);
		if (d.day == 1) {
			assert_true(prev.day >= 28);
			assert_int_equal(d.month, prev.month % 12 + 1);
		} else {
			assert_int_equal(d.day, prev.day + 1);
			assert_int_equal(d.month, prev.month);
			assert_int_equal(d.year, prev.year);
		}
		if (n % 97 == 0 || d.day >= 28) {
			char buf[11];
			date_format(d, buf);
			assert_true(date_valid(buf));
		}
		prev = d;
	}
}

static void test_date_format(void **state)
{
	(void)state;
	char buf[11];
	date_format((struct date){2026, 12, 4}, buf);
	assert_string_equal(buf, "2026-12-04");
	date_format((struct date){1970, 1, 1}, buf);
	assert_string_equal(buf, "1970-01-01");
	date_format((struct date){1000, 10, 31}, buf);
	assert_string_equal(buf, "1000-10-31");
	date_format(date_from_days(20791), buf);
	assert_string_equal(buf, "2026-12-04");
	struct date d;
	assert_int_equal(date_parse("2028-02-29", &d, NULL), JAW_OK);
	date_format(d, buf);
	assert_string_equal(buf, "2028-02-29");
}

/* ---- timeline --------------------------------------------------------- */

static struct timeline_item item_of(const char *kind, const char *title, const char *start,
                                    const char *end, const char *status)
{
	struct timeline_item it = {0};
	it.kind = (char *)kind;
	it.title = (char *)title;
	it.start_date = (char *)start;
	it.end_date = (char *)end;
	it.status = (char *)status;
	return it;
}

static void test_timeline_add(void **state)
{
	(void)state;
	char *path;
	struct jaw_db *db = testutil_project_new(&path);
	jaw_err err;
	err_clear(&err);
	struct timeline_item it = item_of("event", "Seminar in Izmir", "2026-12-04", "2026-12-08",
	                                  "active");
	it.location = "Izmir";
	it.notes = "Three days of syndicate work";
	assert_int_equal(model_timeline_add(db, &it, &err), JAW_OK);
	assert_true(it.id > 0);
	assert_int_equal(model_timeline_count(db, &err), 1);
	struct timeline_item m = item_of("milestone", "Report due", "2027-09-30", NULL, NULL);
	assert_int_equal(model_timeline_add(db, &m, &err), JAW_OK);
	assert_true(m.id > it.id);
	/* a one-day item may end on the day it starts */
	struct timeline_item one = item_of("phase", "Tasking", "2026-03-01", "2026-03-01", "");
	assert_int_equal(model_timeline_add(db, &one, &err), JAW_OK);
	assert_int_equal(model_timeline_count(db, &err), 3);
	assert_int_equal(err.status, JAW_OK);

	struct timeline_item rows[3];
	assert_int_equal(model_timeline_page(db, 0, 3, rows, &err), 3);
	assert_int_equal(rows[0].id, one.id);
	assert_string_equal(rows[0].status, "planned"); /* "" status takes the default */
	assert_int_equal(rows[1].id, it.id);
	assert_string_equal(rows[1].kind, "event");
	assert_string_equal(rows[1].title, "Seminar in Izmir");
	assert_string_equal(rows[1].start_date, "2026-12-04");
	assert_string_equal(rows[1].end_date, "2026-12-08");
	assert_string_equal(rows[1].location, "Izmir");
	assert_string_equal(rows[1].status, "active");
	assert_string_equal(rows[1].notes, "Three days of syndicate work");
	assert_int_equal(rows[1].sources, 0);
	assert_int_equal(rows[2].id, m.id);
	assert_string_equal(rows[2].end_date, "");
	assert_string_equal(rows[2].status, "planned");
	assert_string_equal(rows[2].location, "");
	for (int i = 0; i < 3; i++)
		model_timeline_item_clear(&rows[i]);
	db_close(db);
	free(path);
}

static void test_timeline_add_refused(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	static const struct {
		const char *kind, *title, *start, *end, *status, *msg;
	} bad[] = {
		{"workshop", "Seminar", "2026-12-04", NULL, NULL,
		 "\"Seminar\": kind must be phase, milestone or event"},
		{NULL, "Seminar", "2026-12-04", NULL, NULL,
		 "\"Seminar\": kind must be phase, milestone or event"},
		{"event", "", "2026-12-04", NULL, NULL, "a timeline item needs a title"},
		{"event", NULL, "2026-12-04", NULL, NULL, "a timeline item needs a title"},
		{"event", "Seminar", "2026-13-01", NULL, NULL,
		 "Seminar: \"2026-13-01\": there is no month 13"},
		{"event", "Seminar", "4 Dec", NULL, NULL,
		 "Seminar: \"4 Dec\" is not a date: write YYYY-MM-DD, e.g. 2026-12-04"},
		{"event", "Seminar", "", NULL, NULL,
		 "Seminar: \"\" is not a date: write YYYY-MM-DD, e.g. 2026-12-04"},
		{"event", "Seminar", NULL, NULL, NULL, "Seminar: a timeline item needs a start date"},
		{"event", "Seminar", "2026-12-04", "2026-12-32", NULL,
		 "Seminar: \"2026-12-32\": month 12 of 2026 has no day 32"},
		{"event", "Seminar", "2026-12-04", "2026-12-01", NULL,
		 "Seminar: ends (2026-12-01) before it starts (2026-12-04)"},
		{"event", "Seminar", "2026-12-04", NULL, "finished",
		 "\"Seminar\": status must be planned, active, done or cancelled"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		err_clear(&err);
		struct timeline_item it =
			item_of(bad[i].kind, bad[i].title, bad[i].start, bad[i].end, bad[i].status);
		assert_int_equal(model_timeline_add(db, &it, &err), JAW_FAIL);
		assert_err(err, JAW_FAIL, bad[i].msg);
		assert_int_equal(it.id, 0);
		assert_int_equal(model_timeline_count(db, &err), 0);
		assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM timeline_item"), 0);
	}
	db_close(db);
}

static void test_timeline_page(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	err_clear(&err);
	/* added out of date order; two share a start date (then id order) */
	static const struct {
		const char *kind, *title, *start;
	} add[] = {
		{"milestone", "Report released", "2027-11-15"},
		{"phase", "Scoping", "2026-04-01"},
		{"event", "Interview trip to Kraków", "2026-10-12"},
		{"phase", "Tasking", "2026-03-01"},
		{"event", "Workshop in Brussels", "2026-10-12"},
		{"phase", "Drafting", "2027-03-01"},
		{"event", "Seminar in Izmir", "2026-12-04"},
	};
	int64_t ids[7];
	for (int i = 0; i < 7; i++) {
		struct timeline_item it = item_of(add[i].kind, add[i].title, add[i].start, NULL, NULL);
		assert_int_equal(model_timeline_add(db, &it, &err), JAW_OK);
		ids[i] = it.id;
	}
	/* evidence gathered at two events */
	for (int i = 0; i < 3; i++) {
		struct source src = {0};
		src.kind = "interview";
		src.title = i < 2 ? "Kraków notes" : "Izmir notes";
		src.text = "notes";
		src.timeline_item_id = i < 2 ? ids[2] : ids[6];
		assert_int_equal(model_source_add(db, &src, &err), JAW_OK);
	}
	static const char *const order[] = {
		"Tasking", "Scoping", "Interview trip to Kraków", "Workshop in Brussels",
		"Seminar in Izmir", "Drafting", "Report released",
	};
	static const int sources[] = {0, 0, 2, 0, 1, 0, 0};
	assert_int_equal(model_timeline_count(db, &err), 7);
	struct timeline_item rows[3];
	int seen = 0;
	for (int64_t offset = 0; offset < 9; offset += 3) {
		int n = model_timeline_page(db, offset, 3, rows, &err);
		assert_int_equal(n, offset == 6 ? 1 : 3);
		for (int i = 0; i < n; i++) {
			assert_string_equal(rows[i].title, order[seen]);
			assert_int_equal(rows[i].sources, sources[seen]);
			seen++;
			model_timeline_item_clear(&rows[i]);
		}
	}
	assert_int_equal(seen, 7);
	/* a page that starts in the middle and one past the end */
	assert_int_equal(model_timeline_page(db, 4, 2, rows, &err), 2);
	assert_string_equal(rows[0].title, "Seminar in Izmir");
	assert_int_equal(rows[0].id, ids[6]);
	assert_string_equal(rows[1].title, "Drafting");
	model_timeline_item_clear(&rows[0]);
	model_timeline_item_clear(&rows[1]);
	assert_int_equal(model_timeline_page(db, 7, 3, rows, &err), 0);
	assert_int_equal(model_timeline_page(db, 100, 3, rows, &err), 0);
	assert_int_equal(err.status, JAW_OK);
	db_close(db);
}

static void test_timeline_find(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	err_clear(&err);
	struct timeline_item a = item_of("event", "Seminar in Izmir", "2026-12-04", NULL, NULL);
	struct timeline_item b = item_of("event", "Seminar in Izmir", "2027-01-10", NULL, NULL);
	struct timeline_item c = item_of("phase", "Scoping", "2026-04-01", NULL, NULL);
	assert_int_equal(model_timeline_add(db, &a, &err), JAW_OK);
	assert_int_equal(model_timeline_add(db, &b, &err), JAW_OK);
	assert_int_equal(model_timeline_add(db, &c, &err), JAW_OK);
	assert_int_equal(model_timeline_find(db, "Scoping", &err), c.id);
	assert_int_equal(model_timeline_find(db, "Seminar in Izmir", &err), a.id); /* the first */
	assert_int_equal(model_timeline_find(db, "scoping", &err), 0);             /* exact */
	assert_int_equal(model_timeline_find(db, "Seminar", &err), 0);
	assert_int_equal(model_timeline_find(db, "", &err), 0);
	assert_int_equal(err.status, JAW_OK);
	db_close(db);
}

/* ---- stakeholders ----------------------------------------------------- */

static int64_t add_stakeholder(struct jaw_db *db, const char *kind, const char *name,
                               const char *parent)
{
	jaw_err err;
	err_clear(&err);
	struct stakeholder s = {0};
	s.kind = (char *)kind;
	s.name = (char *)name;
	s.parent_name = (char *)parent;
	if (model_stakeholder_add(db, &s, &err) != JAW_OK)
		fail_msg("adding %s: %s", name, err.msg);
	assert_true(s.id > 0);
	return s.id;
}

static void test_stakeholder_add(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	err_clear(&err);
	struct stakeholder org = {0};
	org.kind = "organisation";
	org.name = "UN Mission";
	org.role = "Host of the seminar";
	org.power = 5;
	org.interest = 3;
	org.attitude = "supportive";
	assert_int_equal(model_stakeholder_add(db, &org, &err), JAW_OK);
	assert_true(org.id > 0);
	struct stakeholder p = {0};
	p.kind = "person";
	p.name = "Ana Ruiz";
	p.parent_name = "UN Mission";
	assert_int_equal(model_stakeholder_add(db, &p, &err), JAW_OK);
	assert_int_equal(p.parent_id, org.id); /* resolved by name */
	assert_int_equal(model_stakeholder_count(db, &err), 2);
	assert_int_equal(model_stakeholder_find(db, "Ana Ruiz", &err), p.id);
	assert_int_equal(model_stakeholder_find(db, "ana ruiz", &err), 0);

	struct stakeholder rows[2];
	assert_int_equal(model_stakeholder_page(db, 0, 2, rows, &err), 2);
	assert_string_equal(rows[0].name, "UN Mission");
	assert_string_equal(rows[0].kind, "organisation");
	assert_string_equal(rows[0].role, "Host of the seminar");
	assert_string_equal(rows[0].attitude, "supportive");
	assert_string_equal(rows[0].parent_name, "");
	assert_int_equal(rows[0].parent_id, 0);
	assert_int_equal(rows[0].power, 5);
	assert_int_equal(rows[0].interest, 3);
	assert_string_equal(rows[1].name, "Ana Ruiz");
	assert_string_equal(rows[1].parent_name, "UN Mission");
	assert_int_equal(rows[1].parent_id, org.id);
	assert_string_equal(rows[1].attitude, "unknown"); /* the default */
	assert_int_equal(rows[1].power, 0);               /* unknown */
	assert_int_equal(rows[1].interest, 0);
	model_stakeholder_clear(&rows[0]);
	model_stakeholder_clear(&rows[1]);
	assert_int_equal(err.status, JAW_OK);

	static const struct {
		const char *kind, *name, *parent, *attitude;
		int power, interest;
		const char *msg;
	} bad[] = {
		{"person", "Bo Li", "UN Missoin", NULL, 0, 0,
		 "Bo Li: no organisation called \"UN Missoin\""},
		{"person", "Bo Li", NULL, NULL, 6, 0, "Bo Li: power and interest go from 1 to 5"},
		{"person", "Bo Li", NULL, NULL, -1, 0, "Bo Li: power and interest go from 1 to 5"},
		{"person", "Bo Li", NULL, NULL, 3, 6, "Bo Li: power and interest go from 1 to 5"},
		{"person", "Bo Li", NULL, "hostile", 0, 0,
		 "Bo Li: attitude must be supportive, neutral, resistant or unknown"},
		{"people", "Bo Li", NULL, NULL, 0, 0, "Bo Li: kind must be organisation or person"},
		{NULL, "Bo Li", NULL, NULL, 0, 0, "Bo Li: kind must be organisation or person"},
		{"person", "", NULL, NULL, 0, 0, "a stakeholder needs a name"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		struct stakeholder s = {0};
		s.kind = (char *)bad[i].kind;
		s.name = (char *)bad[i].name;
		s.parent_name = (char *)bad[i].parent;
		s.attitude = (char *)bad[i].attitude;
		s.power = bad[i].power;
		s.interest = bad[i].interest;
		err_clear(&err);
		assert_int_equal(model_stakeholder_add(db, &s, &err), JAW_FAIL);
		assert_err(err, JAW_FAIL, bad[i].msg);
		assert_int_equal(model_stakeholder_count(db, &err), 2);
	}
	db_close(db);
}

/* The register says "parent organisation" and the message says "no
 * organisation called": a person is not a parent. */
static void test_stakeholder_parent_must_be_organisation(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	err_clear(&err);
	add_stakeholder(db, "organisation", "UN Mission", NULL);
	add_stakeholder(db, "person", "Ana Ruiz", "UN Mission");
	struct stakeholder s = {0};
	s.kind = "person";
	s.name = "Bo Li";
	s.parent_name = "Ana Ruiz";
	int rc = model_stakeholder_add(db, &s, &err);
	int64_t count = model_stakeholder_count(db, NULL);
	db_close(db); /* before asserting, so that a failure leaks nothing */
	assert_int_equal(rc, JAW_FAIL);
	assert_non_null(strstr(err.msg, "Bo Li: "));
	assert_non_null(strstr(err.msg, "organisation"));
	assert_non_null(strstr(err.msg, "Ana Ruiz"));
	assert_int_equal(count, 2);
}

static void test_stakeholder_tree(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	err_clear(&err);
	/* Added in an order that is neither the tree's nor the names'. A person
	 * whose name sorts before a sub-organisation still comes after it, and
	 * "Alpha Command Support" (a name that extends "Alpha Command") comes
	 * after the whole of Alpha Command's branch. */
	int64_t beta = add_stakeholder(db, "organisation", "Beta Agency", NULL);
	int64_t alpha = add_stakeholder(db, "organisation", "Alpha Command", NULL);
	add_stakeholder(db, "person", "Carl Jensen", "Beta Agency");
	add_stakeholder(db, "person", "Maria Lopez", "Alpha Command");
	add_stakeholder(db, "organisation", "Alpha Command Support", NULL);
	int64_t brigade = add_stakeholder(db, "organisation", "Alpha Brigade", "Alpha Command");
	add_stakeholder(db, "person", "Adam Smith", "Alpha Command");
	add_stakeholder(db, "person", "Zoe Brown", "Alpha Brigade");
	add_stakeholder(db, "person", "Ivan Free", NULL);
	/* a source about Zoe Brown */
	struct source src = {0};
	src.kind = "interview";
	src.title = "Interview with Zoe Brown";
	src.text = "text";
	src.stakeholder_id = model_stakeholder_find(db, "Zoe Brown", &err);
	assert_int_equal(model_source_add(db, &src, &err), JAW_OK);

	static const struct {
		const char *name, *parent;
		int depth;
	} want[] = {
		{"Alpha Command", "", 0},
		{"Alpha Brigade", "Alpha Command", 1},
		{"Zoe Brown", "Alpha Brigade", 2},
		{"Adam Smith", "Alpha Command", 1},
		{"Maria Lopez", "Alpha Command", 1},
		{"Alpha Command Support", "", 0},
		{"Beta Agency", "", 0},
		{"Carl Jensen", "Beta Agency", 1},
		{"Ivan Free", "", 0},
	};
	assert_int_equal(model_stakeholder_count(db, &err), 9);
	struct stakeholder rows[9];
	assert_int_equal(model_stakeholder_page(db, 0, 9, rows, &err), 9);
	for (int i = 0; i < 9; i++) {
		assert_string_equal(rows[i].name, want[i].name);
		assert_string_equal(rows[i].parent_name, want[i].parent);
		assert_int_equal(rows[i].depth, want[i].depth);
		assert_int_equal(rows[i].sources, i == 2 ? 1 : 0);
	}
	assert_int_equal(rows[0].id, alpha);
	assert_int_equal(rows[1].parent_id, alpha);
	assert_int_equal(rows[2].parent_id, brigade);
	assert_int_equal(rows[6].id, beta);
	assert_int_equal(rows[8].parent_id, 0);
	for (int i = 0; i < 9; i++)
		model_stakeholder_clear(&rows[i]);
	/* pages of the same tree */
	assert_int_equal(model_stakeholder_page(db, 3, 3, rows, &err), 3);
	assert_string_equal(rows[0].name, "Adam Smith");
	assert_string_equal(rows[1].name, "Maria Lopez");
	assert_string_equal(rows[2].name, "Alpha Command Support");
	for (int i = 0; i < 3; i++)
		model_stakeholder_clear(&rows[i]);
	assert_int_equal(model_stakeholder_page(db, 7, 5, rows, &err), 2);
	assert_string_equal(rows[0].name, "Carl Jensen");
	assert_string_equal(rows[1].name, "Ivan Free");
	model_stakeholder_clear(&rows[0]);
	model_stakeholder_clear(&rows[1]);
	assert_int_equal(model_stakeholder_page(db, 9, 5, rows, &err), 0);
	assert_int_equal(err.status, JAW_OK);
	db_close(db);
}

/* ---- sources ---------------------------------------------------------- */

static void test_source_add_refused(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	static const struct {
		const char *kind, *title, *text, *date, *msg;
	} bad[] = {
		{"interview", "Notes", "abc\xC3\xA9x\xE2\x82z", NULL,
		 "Notes: text is not valid UTF-8 at byte 6"},
		{"interview", "Notes", "\xFF", NULL, "Notes: text is not valid UTF-8 at byte 0"},
		{"interview", "Notes", "ok \xC0\xAF", NULL, "Notes: text is not valid UTF-8 at byte 3"},
		{"email", "Notes", "text", NULL,
		 "Notes: kind must be interview, observation, document or survey_answer"},
		{NULL, "Notes", "text", NULL,
		 "Notes: kind must be interview, observation, document or survey_answer"},
		{"survey_answer", "Notes", "text", NULL,
		 "Notes: survey answers come from jaw import-csv; a source added by hand is an"
		 " interview, observation or document"},
		{"interview", "Notes", "text", "2026-02-30",
		 "Notes: \"2026-02-30\": month 2 of 2026 has no day 30"},
		{"interview", "Notes", "text", "12/04/2026",
		 "Notes: \"12/04/2026\" is not a date: write YYYY-MM-DD, e.g. 2026-12-04"},
		{"interview", "Notes", NULL, NULL, "Notes: no text"},
		{"interview", "", "text", NULL, "a source needs a title"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		struct source src = {0};
		src.kind = (char *)bad[i].kind;
		src.title = (char *)bad[i].title;
		src.text = (char *)bad[i].text;
		src.source_date = (char *)bad[i].date;
		err_clear(&err);
		assert_int_equal(model_source_add(db, &src, &err), JAW_FAIL);
		assert_err(err, JAW_FAIL, bad[i].msg);
		assert_int_equal(src.id, 0);
		assert_int_equal(model_source_count(db, &err), 0);
	}
	/* links to rows that do not exist are refused by the foreign keys */
	struct source src = {0};
	src.kind = "interview";
	src.title = "Notes";
	src.text = "text";
	src.stakeholder_id = 999;
	err_clear(&err);
	assert_int_equal(model_source_add(db, &src, &err), JAW_FAIL);
	assert_non_null(strstr(err.msg, "FOREIGN KEY"));
	src.stakeholder_id = 0;
	src.timeline_item_id = 999;
	err_clear(&err);
	assert_int_equal(model_source_add(db, &src, &err), JAW_FAIL);
	assert_non_null(strstr(err.msg, "FOREIGN KEY"));
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM source"), 0);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM source_fts"), 0);
	db_close(db);
}

static void test_source_links_and_text(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	err_clear(&err);
	add_stakeholder(db, "organisation", "Brigade HQ", NULL);
	int64_t who = add_stakeholder(db, "person", "Col. Petra Novak", "Brigade HQ");
	struct timeline_item ev = item_of("event", "Seminar in Izmir", "2026-12-04", "2026-12-08",
	                                  NULL);
	assert_int_equal(model_timeline_add(db, &ev, &err), JAW_OK);

	const char text[] = "Liaison with the UN mission was weak.\nKraków – İzmir 中文 😀\n";
	struct source a = {0};
	a.kind = "interview";
	a.title = "Interview with Col. Novak";
	a.text = (char *)text;
	a.source_date = "2026-12-05";
	a.stakeholder_id = who;
	a.timeline_item_id = ev.id;
	a.origin_file = "novak.txt";
	assert_int_equal(model_source_add(db, &a, &err), JAW_OK);
	assert_true(a.id > 0);
	struct source b = {0}; /* no date, no links: listed last */
	b.kind = "document";
	b.title = "Standing orders";
	b.text = "";
	assert_int_equal(model_source_add(db, &b, &err), JAW_OK);
	struct source c = {0};
	c.kind = "observation";
	c.title = "Patrol";
	c.text = "Observed a patrol.";
	c.source_date = "2026-10-01";
	assert_int_equal(model_source_add(db, &c, &err), JAW_OK);
	assert_int_equal(model_source_count(db, &err), 3);

	struct source rows[3];
	memset(rows, 0, sizeof rows); /* see test_source_page_leaves_text_null */
	assert_int_equal(model_source_page(db, 0, 3, rows, &err), 3);
	assert_int_equal(rows[0].id, c.id);
	assert_string_equal(rows[0].stakeholder_name, "");
	assert_string_equal(rows[0].event_title, "");
	assert_int_equal(rows[0].stakeholder_id, 0);
	assert_int_equal(rows[0].timeline_item_id, 0);
	assert_int_equal(rows[1].id, a.id);
	assert_string_equal(rows[1].kind, "interview");
	assert_string_equal(rows[1].title, "Interview with Col. Novak");
	assert_null(rows[1].text); /* lists leave the text out */
	assert_string_equal(rows[1].source_date, "2026-12-05");
	assert_string_equal(rows[1].origin_file, "novak.txt");
	assert_int_equal(rows[1].stakeholder_id, who);
	assert_string_equal(rows[1].stakeholder_name, "Col. Petra Novak");
	assert_int_equal(rows[1].timeline_item_id, ev.id);
	assert_string_equal(rows[1].event_title, "Seminar in Izmir");
	assert_int_equal(rows[1].codings, 0);
	assert_int_equal(rows[2].id, b.id);
	assert_string_equal(rows[2].source_date, "");
	for (int i = 0; i < 3; i++)
		model_source_clear(&rows[i]);
	assert_int_equal(model_source_page(db, 1, 1, rows, &err), 1);
	assert_int_equal(rows[0].id, a.id);
	model_source_clear(&rows[0]);
	assert_int_equal(err.status, JAW_OK);

	struct source *got = model_source_get_new(db, a.id, &err);
	assert_non_null(got);
	assert_string_equal(got->text, text);
	assert_string_equal(got->title, "Interview with Col. Novak");
	assert_string_equal(got->stakeholder_name, "Col. Petra Novak");
	assert_string_equal(got->event_title, "Seminar in Izmir");
	model_source_free(got);
	got = model_source_get_new(db, b.id, &err);
	assert_non_null(got);
	assert_string_equal(got->text, "");
	model_source_free(got);
	model_source_free(NULL);

	err_clear(&err);
	assert_null(model_source_get_new(db, 999, &err));
	assert_err(err, JAW_FAIL, "no source with id 999");
	db_close(db);
}

/* model.h: "In lists, text is NULL". A page must say so itself, whatever
 * the caller's array held before (model_source_clear frees text). */
static void test_source_page_leaves_text_null(void **state)
{
	(void)state;
	static char sentinel[] = "not from the page";
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	err_clear(&err);
	struct source a = {0};
	a.kind = "interview";
	a.title = "Notes";
	a.text = "Some text";
	assert_int_equal(model_source_add(db, &a, &err), JAW_OK);
	struct source rows[2];
	memset(rows, 0, sizeof rows);
	rows[0].text = sentinel; /* as left by an earlier use of the array */
	assert_int_equal(model_source_page(db, 0, 2, rows, &err), 1);
	bool was_null = rows[0].text == NULL;
	if (rows[0].text == sentinel)
		rows[0].text = NULL; /* so that clearing does not free it */
	model_source_clear(&rows[0]);
	db_close(db);
	assert_true(was_null);
}

static void test_source_fts(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	err_clear(&err);
	assert_int_equal(
		testutil_scalar(db, "SELECT count(*) FROM source_fts WHERE source_fts MATCH 'liaison'"),
		0);
	struct source a = {0};
	a.kind = "interview";
	a.title = "Interview in Kraków";
	a.text = "Liaison with the UN mission was weak; trafficking was not reported.";
	assert_int_equal(model_source_add(db, &a, &err), JAW_OK);
	struct source b = {0};
	b.kind = "observation";
	b.title = "Checkpoint";
	b.text = "Children were seen at the checkpoint. Reporting went to the brigade.";
	assert_int_equal(model_source_add(db, &b, &err), JAW_OK);
	assert_int_equal(
		testutil_scalar(db, "SELECT count(*) FROM source_fts WHERE source_fts MATCH 'liaison'"),
		1);
	assert_int_equal(testutil_scalar(db, "SELECT rowid FROM source_fts"
	                                     " WHERE source_fts MATCH 'trafficking'"),
	                 a.id);
	assert_int_equal(testutil_scalar(db, "SELECT rowid FROM source_fts"
	                                     " WHERE source_fts MATCH 'checkpoint'"),
	                 b.id);
	assert_int_equal(
		testutil_scalar(db, "SELECT count(*) FROM source_fts WHERE source_fts MATCH 'krakow'"),
		1); /* titles are indexed too, diacritics folded */
	assert_int_equal(
		testutil_scalar(db, "SELECT count(*) FROM source_fts WHERE source_fts MATCH 'was'"), 1);
	assert_int_equal(
		testutil_scalar(db, "SELECT count(*) FROM source_fts WHERE source_fts MATCH 'the'"), 2);
	assert_int_equal(
		testutil_scalar(db, "SELECT count(*) FROM source_fts WHERE source_fts MATCH 'absent'"),
		0);
	db_close(db);
}

/* ---- codes ------------------------------------------------------------ */

static int64_t add_code(struct jaw_db *db, const char *name, int64_t parent, int key)
{
	jaw_err err;
	err_clear(&err);
	struct code c = {0};
	c.name = (char *)name;
	c.parent_id = parent;
	c.quick_key = key;
	if (codebook_add(db, "ana", &c, &err) != JAW_OK)
		fail_msg("adding code %s: %s", name, err.msg);
	return c.id;
}

static void test_code_add(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	err_clear(&err);
	struct code c = {0};
	c.name = "Training";
	c.colour = "#5fafFF";
	c.quick_key = 7;
	c.description = "Courses and exercises";
	assert_int_equal(codebook_add(db, "ana", &c, &err), JAW_OK);
	assert_true(c.id > 0);
	assert_int_equal(testutil_scalar(db, "SELECT quick_key FROM code WHERE name = 'Training'"),
	                 7);
	int64_t poc = add_code(db, "Protection of civilians", 0, 0);
	int64_t caac = add_code(db, "Children and armed conflict", 0, 0);
	/* the same name under different parents */
	int64_t r1 = add_code(db, "Reporting", poc, 0);
	int64_t r2 = add_code(db, "Reporting", caac, 0);
	assert_true(r1 > 0 && r2 > 0 && r1 != r2);
	assert_int_equal(model_code_count(db, &err), 5);
	assert_int_equal(model_code_find(db, "Reporting", &err), r1);
	assert_int_equal(model_code_find(db, "Children and armed conflict", &err), caac);
	assert_int_equal(model_code_find(db, "reporting", &err), 0);
	assert_int_equal(err.status, JAW_OK);

	static const struct {
		const char *name, *colour;
		int key;
		const char *msg;
	} bad[] = {
		{"Liaison", "red", 0, "Liaison: colour \"red\" is not #RRGGBB (such as #1F77B4) or empty"},
		{"Liaison", "#12345", 0, "Liaison: colour \"#12345\" is not #RRGGBB (such as #1F77B4) or empty"},
		{"Liaison", "#12345G", 0, "Liaison: colour \"#12345G\" is not #RRGGBB (such as #1F77B4) or empty"},
		{"Liaison", "#1234567", 0, "Liaison: colour \"#1234567\" is not #RRGGBB (such as #1F77B4) or empty"},
		{"Liaison", "", 10, "Liaison: quick keys go from 1 to 9 (0 for none)"},
		{"Liaison", "", -1, "Liaison: quick keys go from 1 to 9 (0 for none)"},
		{"", "", 0, "a code needs a name"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		struct code b = {0};
		b.name = (char *)bad[i].name;
		b.colour = (char *)bad[i].colour;
		b.quick_key = bad[i].key;
		err_clear(&err);
		assert_int_equal(codebook_add(db, "ana", &b, &err), JAW_FAIL);
		assert_err(err, JAW_FAIL, bad[i].msg);
		assert_int_equal(model_code_count(db, &err), 5);
	}
	/* duplicates: a name under the same parent, at the top, a quick key */
	struct code dup = {0};
	dup.name = "Reporting";
	dup.parent_id = poc;
	err_clear(&err);
	assert_int_equal(codebook_add(db, "ana", &dup, &err), JAW_FAIL);
	assert_err(err, JAW_FAIL, "there is a code called \"Reporting\" there already");
	dup.name = "Training";
	dup.parent_id = 0;
	err_clear(&err);
	assert_int_equal(codebook_add(db, "ana", &dup, &err), JAW_FAIL);
	assert_err(err, JAW_FAIL, "there is a code called \"Training\" there already");
	assert_int_equal(model_code_count(db, &err), 5);
	/* a quick key is taken from the code that had it */
	dup.name = "Leadership";
	dup.quick_key = 7;
	err_clear(&err);
	assert_int_equal(codebook_add(db, "ana", &dup, &err), JAW_OK);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM code WHERE quick_key = 7"
	                                     " AND name = 'Leadership'"), 1);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM code WHERE quick_key IS NULL"
	                                     " AND name = 'Training'"), 1);
	assert_int_equal(model_code_count(db, &err), 6);
	db_close(db);
}

/* A duplicate name with no quick key should not blame "quick key 0". */
static void test_code_duplicate_message(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	err_clear(&err);
	add_code(db, "Training", 0, 0);
	struct code dup = {0};
	dup.name = "Training";
	int rc = codebook_add(db, "ana", &dup, &err);
	db_close(db);
	assert_int_equal(rc, JAW_FAIL);
	assert_non_null(strstr(err.msg, "\"Training\""));
	assert_null(strstr(err.msg, "quick key 0"));
}

int main(void)
{
	testutil_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_date_parse_good),
		cmocka_unit_test(test_date_parse_bad),
		cmocka_unit_test(test_date_days),
		cmocka_unit_test(test_date_format),
		cmocka_unit_test(test_timeline_add),
		cmocka_unit_test(test_timeline_add_refused),
		cmocka_unit_test(test_timeline_page),
		cmocka_unit_test(test_timeline_find),
		cmocka_unit_test(test_stakeholder_add),
		cmocka_unit_test(test_stakeholder_parent_must_be_organisation),
		cmocka_unit_test(test_stakeholder_tree),
		cmocka_unit_test(test_source_add_refused),
		cmocka_unit_test(test_source_links_and_text),
		cmocka_unit_test(test_source_page_leaves_text_null),
		cmocka_unit_test(test_source_fts),
		cmocka_unit_test(test_code_add),
		cmocka_unit_test(test_code_duplicate_message),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
