/* test_finding.c - findings, citations, memos and attribution (finding.h,
 * memo.h, attrib.h) on a small project whose every figure is known, and
 * the migration of a version-5 project. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attrib.h"
#include "codebook.h"
#include "coding.h"
#include "edit.h"
#include "finding.h"
#include "journal.h"
#include "memo.h"
#include "model.h"
#include "project_schema.h"
#include "testutil.h"
#include "xalloc.h"

/* ---- the small project ------------------------------------------------------------ */

/* Ids of the small project's records. */
struct small {
	int64_t brigade, unicef, jones, smith, doe;      /* stakeholders */
	int64_t s_jones, s_smith, s_doe, s_doc, s_r1, s_r2; /* sources */
	int64_t poc, caac, cross, training;              /* codes (training under cross) */
	int64_t k_jones, k_doe;                          /* codings */
};

static void ok(int rc, const jaw_err *err, const char *what)
{
	if (rc != JAW_OK)
		fail_msg("%s: %s", what, err->msg);
}

static int64_t stakeholder(struct jaw_db *db, const char *kind, const char *name,
                           int64_t parent, const char *role)
{
	struct stakeholder s = {.kind = (char *)kind, .name = (char *)name, .parent_id = parent,
	                        .role = (char *)role};
	jaw_err err;
	err_clear(&err);
	ok(model_stakeholder_add(db, &s, &err), &err, "stakeholder");
	return s.id;
}

static int64_t source(struct jaw_db *db, const char *kind, const char *title, const char *text,
                      int64_t stakeholder_id)
{
	struct source s = {.kind = (char *)kind, .title = (char *)title, .text = (char *)text,
	                   .source_date = "2025-12-05", .stakeholder_id = stakeholder_id};
	jaw_err err;
	err_clear(&err);
	ok(model_source_add(db, &s, &err), &err, "source");
	return s.id;
}

static int64_t code(struct jaw_db *db, const char *name, int64_t parent)
{
	struct code c = {.name = (char *)name, .parent_id = parent};
	jaw_err err;
	err_clear(&err);
	ok(codebook_add(db, "ana", &c, &err), &err, "code");
	return c.id;
}

static struct jaw_db *small_new(struct small *p)
{
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	err_clear(&err);
	ok(db_exec(db, "INSERT INTO project (id, title) VALUES (1, 'Small')", &err), &err, "project");
	p->brigade = stakeholder(db, "organisation", "3rd Brigade", 0, "");
	p->unicef = stakeholder(db, "organisation", "UNICEF", 0, "UN agency");
	p->jones = stakeholder(db, "person", "Col. A. Jones", p->brigade, "3 Bde legal adviser");
	p->smith = stakeholder(db, "person", "Maj. B. Smith", p->brigade,
	                       "Civil-military liaison officer");
	p->doe = stakeholder(db, "person", "Capt. C. Doe", p->unicef, "Child protection officer");
	ok(attrib_stakeholder_set(db, "ana", p->jones, "named", &err), &err, "named");
	ok(attrib_stakeholder_set(db, "ana", p->smith, "role", &err), &err, "role");
	p->s_jones = source(db, "interview", "Interview with Col. Jones",
	                    "We train every platoon on civilian harm. Reporting is slow.", p->jones);
	p->s_smith = source(db, "interview", "Interview with Maj. Smith",
	                    "Liaison with the mayor works.", p->smith);
	p->s_doe = source(db, "interview", "Interview with Capt. Doe",
	                  "Children are recruited at checkpoints.", p->doe);
	p->s_doc = source(db, "document", "UNICEF report", "Grave violations rose by a third.",
	                  p->unicef);
	ok(db_exec(db, "INSERT INTO survey (id, name) VALUES (1, 'Unit survey');"
	               " INSERT INTO survey_column (id, survey_id, position, label, role)"
	               " VALUES (1, 1, 1, 'id', 'id'), (2, 1, 2, 'Q1', 'open_text');"
	               " INSERT INTO respondent (id, survey_id, external_id) VALUES (1, 1, 'R1'),"
	               " (2, 1, 'R2');"
	               " INSERT INTO source (id, kind, title, text, respondent_id, column_id)"
	               " VALUES (101, 'survey_answer', '', 'More training please.', 1, 2),"
	               " (102, 'survey_answer', '', 'Reporting takes weeks.', 2, 2)", &err),
	   &err, "survey");
	p->s_r1 = 101;
	p->s_r2 = 102;
	p->poc = code(db, "Protection of civilians", 0);
	p->caac = code(db, "Children and armed conflict", 0);
	p->cross = code(db, "Cross-cutting", 0);
	p->training = code(db, "Training", p->cross);
	ok(coding_apply(db, "ana", p->s_jones, 0, 40, p->training, NULL, &p->k_jones, &err), &err,
	   "coding");
	ok(coding_apply(db, "ana", p->s_doe, 0, 38, p->caac, NULL, &p->k_doe, &err), &err,
	   "coding");
	return db;
}

static int64_t scalar(struct jaw_db *db, const char *sql)
{
	return testutil_scalar(db, sql);
}

static int64_t finding_new(struct jaw_db *db, const char *title, const int64_t *areas,
                           size_t n)
{
	struct finding f = {.title = (char *)title, .observation = "Obs.", .discussion = "Disc.",
	                    .conclusion = "Conc.", .recommendation = "Rec.", .owner = "ana"};
	jaw_err err;
	err_clear(&err);
	ok(finding_add(db, "ana", &f, areas, n, &err), &err, "finding_add");
	return f.id;
}

/* Undoes ana's latest change in context (on subject); returns its action
 * (newly allocated). */
static char *undo_in_new(struct jaw_db *db, enum journal_context context, int64_t subject)
{
	struct journal_result res;
	struct journal_scope scope = {context, subject};
	jaw_err err;
	err_clear(&err);
	ok(journal_undo_in(db, "ana", &scope, &res, &err), &err, "undo");
	char *action = xstrdup(res.action ? res.action : "");
	journal_result_clear(&res);
	return action;
}

/* Undoes ana's latest change in context. */
static void undo_in(struct jaw_db *db, enum journal_context context, int64_t subject)
{
	free(undo_in_new(db, context, subject));
}

static void fails_with(int rc, const jaw_err *err, const char *want)
{
	assert_int_equal(rc, JAW_FAIL);
	if (!strstr(err->msg, want))
		fail_msg("expected \"%s\" in \"%s\"", want, err->msg);
}

/* ---- findings --------------------------------------------------------------------- */

static void test_finding_add_get_page(void **state)
{
	(void)state;
	struct small p;
	struct jaw_db *db = small_new(&p);
	int64_t areas[] = {p.caac, p.poc};
	int64_t a = finding_new(db, "Reporting is slow", areas, 2);
	int64_t b = finding_new(db, "Liaison works", NULL, 0);
	jaw_err err;
	err_clear(&err);
	struct finding *f = finding_get_new(db, a, &err);
	assert_non_null(f);
	assert_string_equal(f->title, "Reporting is slow");
	assert_string_equal(f->status, "observation");
	assert_string_equal(f->owner, "ana");
	assert_string_equal(f->areas, "Protection of civilians, Children and armed conflict");
	finding_free(f);
	assert_int_equal(finding_count(db, NULL, &err), 2);
	struct finding rows[4];
	assert_int_equal(finding_page(db, NULL, 0, 4, rows, &err), 2);
	assert_int_equal(rows[0].id, a);
	assert_int_equal(rows[1].id, b);
	for (int i = 0; i < 2; i++)
		finding_clear(&rows[i]);
	/* filters: area, status, text (ignoring case), owner */
	struct finding_filter by_area = {.area = p.poc};
	assert_int_equal(finding_count(db, &by_area, &err), 1);
	struct finding_filter by_text = {.text = "LIAISON"};
	assert_int_equal(finding_count(db, &by_text, &err), 1);
	assert_int_equal(finding_position_of_id(db, &by_text, b, &err), 0);
	assert_int_equal(finding_position_of_id(db, &by_text, a, &err), -1);
	assert_int_equal(finding_position_of_id(db, NULL, b, &err), 1);
	ok(finding_set_status(db, "ana", b, "identified", &err), &err, "status");
	struct finding_filter by_status = {.status = "identified"};
	assert_int_equal(finding_count(db, &by_status, &err), 1);
	struct finding_filter by_owner = {.owner = "bob"};
	assert_int_equal(finding_count(db, &by_owner, &err), 0);
	assert_string_equal(finding_status_words("identified"), "lesson identified");
	assert_string_equal(finding_status_words("learned"), "lesson learned");
	struct finding_area ar[4];
	assert_int_equal(finding_area_count(db, a, &err), 2);
	assert_int_equal(finding_area_page(db, a, 1, 4, ar, &err), 1);
	assert_string_equal(ar[0].name, "Children and armed conflict");
	finding_area_clear(&ar[0]);
	/* the order: b moves up, then stays at the top */
	ok(finding_move(db, "ana", b, MODEL_BACKWARD, &err), &err, "move");
	assert_int_equal(finding_position_of_id(db, NULL, b, &err), 0);
	ok(finding_move(db, "ana", b, MODEL_BACKWARD, &err), &err, "move");
	assert_int_equal(finding_position_of_id(db, NULL, b, &err), 0);
	db_close(db);
}

static char last_problem[256];

static void check_report(void *ctx, const char *problem)
{
	(void)ctx;
	snprintf(last_problem, sizeof last_problem, "%s", problem);
}

/* An area moved below another code is a problem jaw check reports;
 * deleting a code that is a finding's area takes the area with it; undo
 * in the codebook brings it back. */
static void test_finding_area_code_deleted(void **state)
{
	(void)state;
	struct small p;
	struct jaw_db *db = small_new(&p);
	int64_t areas[] = {p.caac};
	int64_t id = finding_new(db, "F", areas, 1);
	jaw_err err;
	err_clear(&err);
	/* moved below another, it is reported by jaw check */
	ok(codebook_move(db, "ana", p.caac, p.poc, &err), &err, "move");
	assert_int_equal(db_check(db, check_report, NULL, &err), 1);
	assert_string_equal(last_problem, "finding 1: its area \"Children and armed conflict\" is"
	                                  " no longer a code at the top of the codebook");
	ok(codebook_delete(db, "ana", p.caac, NULL, &err), &err, "delete code");
	assert_int_equal(db_check(db, check_report, NULL, &err), 0);
	assert_int_equal(finding_area_count(db, id, &err), 0);
	undo_in(db, JOURNAL_IN_CODEBOOK, 0);
	assert_int_equal(finding_area_count(db, id, &err), 1);
	db_close(db);
}

static void test_finding_errors(void **state)
{
	(void)state;
	struct small p;
	struct jaw_db *db = small_new(&p);
	jaw_err err;
	err_clear(&err);
	struct finding f = {.title = ""};
	fails_with(finding_add(db, "ana", &f, NULL, 0, &err), &err, "needs a title");
	f.title = "Two\nlines";
	fails_with(finding_add(db, "ana", &f, NULL, 0, &err), &err, "one line");
	f.title = "T";
	f.status = "draft";
	fails_with(finding_add(db, "ana", &f, NULL, 0, &err), &err,
	           "observation, identified, assigned, learned or rejected");
	f.status = NULL;
	int64_t child[] = {p.training};
	fails_with(finding_add(db, "ana", &f, child, 1, &err), &err,
	           "“Cross-cutting/Training” is not an area");
	assert_int_equal(scalar(db, "SELECT count(*) FROM finding"), 0);
	int64_t none[] = {9999};
	fails_with(finding_add(db, "ana", &f, none, 1, &err), &err, "9999");
	fails_with(finding_set_status(db, "ana", 77, "learned", &err), &err, "no finding 77");
	fails_with(finding_set_areas(db, "ana", 77, NULL, 0, &err), &err, "no finding 77");
	fails_with(finding_delete(db, "ana", 77, &err), &err, "no finding 77");
	fails_with(finding_move(db, "ana", 77, MODEL_FORWARD, &err), &err, "no finding 77");
	assert_null(finding_get_new(db, 77, &err));
	assert_string_equal(err.msg, "no finding 77");
	int64_t id = finding_new(db, "T", NULL, 0);
	fails_with(finding_set_areas(db, "ana", id, child, 1, &err), &err, "not an area");
	fails_with(finding_set_status(db, "ana", id, "done", &err), &err, "is not observation");
	struct finding g = {.id = 77, .title = "x"};
	fails_with(finding_update(db, "ana", &g, NULL, &err), &err, "no finding 77");
	db_close(db);
}

/* An update refuses when someone changed the finding since it was read,
 * naming what they changed; without a conflict it writes. */
static void test_finding_update_conflict(void **state)
{
	(void)state;
	struct small p;
	struct jaw_db *db = small_new(&p);
	int64_t id = finding_new(db, "Reporting is slow", NULL, 0);
	jaw_err err;
	err_clear(&err);
	struct finding *was = finding_get_new(db, id, &err);
	ok(finding_set_status(db, "bob", id, "assigned", &err), &err, "bob's status");
	struct finding mine = *was;
	mine.title = "Reporting is too slow";
	mine.status = NULL;
	fails_with(finding_update(db, "ana", &mine, was, &err), &err,
	           "changed by someone else since you read it (status)");
	struct finding *now = finding_get_new(db, id, &err);
	assert_string_equal(now->title, "Reporting is slow");
	ok(finding_update(db, "ana", &mine, now, &err), &err, "update");
	finding_free(now);
	now = finding_get_new(db, id, &err);
	assert_string_equal(now->title, "Reporting is too slow");
	assert_string_equal(now->status, "assigned");
	finding_free(now);
	finding_free(was);
	db_close(db);
}

/* Deleting a finding takes its citations, areas and memos; one undo in the
 * findings brings all back. */
static void test_finding_delete_undo(void **state)
{
	(void)state;
	struct small p;
	struct jaw_db *db = small_new(&p);
	int64_t areas[] = {p.poc};
	int64_t id = finding_new(db, "Reporting is slow", areas, 1);
	jaw_err err;
	err_clear(&err);
	ok(citation_add_coding(db, "ana", id, p.k_jones, "key quote", NULL, &err), &err, "cite");
	struct memo m = {.target_kind = "finding", .target_id = id, .text = "check with J5"};
	ok(memo_add(db, "ana", &m, &err), &err, "memo");
	ok(finding_delete(db, "ana", id, &err), &err, "delete");
	assert_int_equal(scalar(db, "SELECT count(*) FROM finding_evidence"), 0);
	assert_int_equal(scalar(db, "SELECT count(*) FROM finding_area"), 0);
	assert_int_equal(scalar(db, "SELECT count(*) FROM memo"), 0);
	char *action = undo_in_new(db, JOURNAL_IN_FINDINGS, 0);
	assert_string_equal(action, "finding-delete");
	free(action);
	struct finding *back = finding_get_new(db, id, &err);
	assert_non_null(back);
	finding_free(back);
	assert_int_equal(scalar(db, "SELECT count(*) FROM finding_evidence WHERE note = 'key quote'"),
	                 1);
	assert_int_equal(scalar(db, "SELECT count(*) FROM finding_area"), 1);
	assert_int_equal(scalar(db, "SELECT count(*) FROM memo"), 1);
	/* the memo is undone in the memos, not in the findings */
	action = undo_in_new(db, JOURNAL_IN_MEMOS, 0);
	assert_string_equal(action, "memo-add");
	free(action);
	assert_int_equal(scalar(db, "SELECT count(*) FROM memo"), 0);
	assert_int_equal(scalar(db, "SELECT count(*) FROM journal WHERE analyst = 'ana'"
	                            " AND context = 'findings'"), 3);
	db_close(db);
}

/* ---- citations ----------------------------------------------------------------------- */

static void test_citation_add_errors(void **state)
{
	(void)state;
	struct small p;
	struct jaw_db *db = small_new(&p);
	int64_t id = finding_new(db, "F", NULL, 0);
	jaw_err err;
	err_clear(&err);
	int64_t cid = 0;
	fails_with(citation_add_segment(db, "ana", id, p.s_smith, 0, 31, NULL, &cid, &err), &err,
	           "source 2 has 29 characters: 0..31 ends beyond them");
	fails_with(citation_add_segment(db, "ana", id, p.s_smith, 5, 5, NULL, &cid, &err), &err,
	           "no stretch to cite");
	fails_with(citation_add_segment(db, "ana", id, p.s_smith, -1, 3, NULL, &cid, &err), &err,
	           "no stretch to cite");
	fails_with(citation_add_segment(db, "ana", id, 999, 0, 3, NULL, &cid, &err), &err, "999");
	fails_with(citation_add_segment(db, "ana", 42, p.s_smith, 0, 3, NULL, &cid, &err), &err,
	           "no finding 42");
	fails_with(citation_add_coding(db, "ana", 42, p.k_jones, NULL, &cid, &err), &err,
	           "no finding 42");
	fails_with(citation_add_coding(db, "ana", id, 999, NULL, &cid, &err), &err, "999");
	ok(citation_add_coding(db, "ana", id, p.k_jones, NULL, &cid, &err), &err, "cite");
	fails_with(citation_add_coding(db, "ana", id, p.k_jones, NULL, &cid, &err), &err,
	           "already cites coding");
	fails_with(citation_add_segment(db, "ana", id, p.s_smith, 0, 3, "a\001b", &cid, &err), &err,
	           "control characters");
	fails_with(citation_set_note(db, "ana", 999, "x", &err), &err, "no citation 999");
	fails_with(citation_delete(db, "ana", 999, &err), &err, "no citation 999");
	fails_with(citation_refresh(db, "ana", 999, &err), &err, "no citation 999");
	assert_null(citation_get_new(db, 999, &err));
	assert_int_equal(scalar(db, "SELECT count(*) FROM finding_evidence"), 1);
	db_close(db);
}

/* A citation keeps its snapshot: the quote, the source's title and kind,
 * the code's path, who cited it. */
static void test_citation_snapshot(void **state)
{
	(void)state;
	struct small p;
	struct jaw_db *db = small_new(&p);
	int64_t id = finding_new(db, "F", NULL, 0);
	jaw_err err;
	err_clear(&err);
	int64_t a = 0, b = 0;
	ok(citation_add_coding(db, "ana", id, p.k_jones, NULL, &a, &err), &err, "coding");
	ok(citation_add_segment(db, "bob", id, p.s_smith, 0, 7, "the mayor", &b, &err), &err,
	   "segment");
	struct citation *c = citation_get_new(db, a, &err);
	assert_string_equal(c->quote, "We train every platoon on civilian harm.");
	assert_string_equal(c->code, "Cross-cutting/Training");
	assert_string_equal(c->source_title, "Interview with Col. Jones");
	assert_string_equal(c->source_kind, "interview");
	assert_int_equal(c->cited_coding, p.k_jones);
	assert_int_equal(c->state, CITATION_OK);
	assert_string_equal(c->provenance, "Col. A. Jones, 3 Bde legal adviser (interview, 2025-12-05)");
	citation_free(c);
	struct citation rows[3];
	assert_int_equal(citation_count(db, id, &err), 2);
	assert_int_equal(citation_page(db, id, 0, 3, rows, &err), 2);
	assert_int_equal(rows[1].id, b);
	assert_string_equal(rows[1].quote, "Liaison");
	assert_string_equal(rows[1].cited_by, "bob");
	assert_string_equal(rows[1].note, "the mayor");
	assert_int_equal(rows[1].coding_id, 0);
	assert_string_equal(rows[1].provenance,
	                    "a civil-military liaison officer (interview, 2025-12-05)");
	citation_clear(&rows[0]);
	citation_clear(&rows[1]);
	ok(citation_set_note(db, "ana", b, "mayor of Izmir", &err), &err, "note");
	c = citation_get_new(db, b, &err);
	assert_string_equal(c->note, "mayor of Izmir");
	citation_free(c);
	ok(citation_delete(db, "ana", b, &err), &err, "delete");
	assert_int_equal(citation_count(db, id, &err), 1);
	db_close(db);
}

/* Deleting a cited coding asks first (citation_impact), then leaves the
 * citation lost but whole; undo brings the link back. */
static void test_citation_lost_coding(void **state)
{
	(void)state;
	struct small p;
	struct jaw_db *db = small_new(&p);
	int64_t f1 = finding_new(db, "F1", NULL, 0), f2 = finding_new(db, "F2", NULL, 0);
	jaw_err err;
	err_clear(&err);
	int64_t a = 0;
	ok(citation_add_coding(db, "ana", f1, p.k_jones, NULL, &a, &err), &err, "cite 1");
	ok(citation_add_coding(db, "ana", f2, p.k_jones, NULL, NULL, &err), &err, "cite 2");
	ok(citation_add_segment(db, "ana", f2, p.s_jones, 0, 5, NULL, NULL, &err), &err, "cite 3");
	assert_int_equal(citation_impact(db, CITATION_OF_CODING, p.k_jones, &err), 2);
	assert_int_equal(citation_impact(db, CITATION_OF_SOURCE, p.s_jones, &err), 3);
	assert_int_equal(citation_impact(db, CITATION_OF_CODE, p.cross, &err), 2);
	assert_int_equal(citation_impact(db, CITATION_OF_CODE, p.poc, &err), 0);
	ok(coding_remove(db, "ana", p.k_jones, &err), &err, "remove");
	struct citation *c = citation_get_new(db, a, &err);
	assert_int_equal(c->state, CITATION_LOST);
	assert_int_equal(c->coding_id, 0);
	assert_int_equal(c->source_id, p.s_jones);
	assert_string_equal(c->quote, "We train every platoon on civilian harm.");
	citation_free(c);
	struct finding_strength st;
	ok(finding_strength_get(db, f2, &st, &err), &err, "strength");
	assert_int_equal(st.citations, 2);
	assert_int_equal(st.lost, 1);
	assert_int_equal(st.sources, 1);
	fails_with(citation_refresh(db, "ana", a, &err), &err, "is lost: its coding was deleted");
	undo_in(db, JOURNAL_IN_CODING, p.s_jones);
	c = citation_get_new(db, a, &err);
	assert_int_equal(c->state, CITATION_OK);
	assert_int_equal(c->coding_id, p.k_jones);
	citation_free(c);
	/* the whole source: its citations stay, lost, and say so without its title */
	ok(edit_source_delete(db, "ana", p.s_jones, &err), &err, "source delete");
	c = citation_get_new(db, a, &err);
	assert_int_equal(c->state, CITATION_LOST);
	assert_int_equal(c->source_id, 0);
	assert_int_equal(c->cited_source, p.s_jones);
	assert_string_equal(c->provenance, "a deleted source (interview)");
	assert_string_equal(c->source_title, "Interview with Col. Jones");
	citation_free(c);
	ok(finding_strength_get(db, f2, &st, &err), &err, "strength");
	assert_int_equal(st.lost, 2);
	assert_int_equal(st.sources, 0);
	db_close(db);
}

/* A source whose text at the cited stretch changed makes the citation
 * changed; refreshing takes the new text. */
static void test_citation_changed(void **state)
{
	(void)state;
	struct small p;
	struct jaw_db *db = small_new(&p);
	int64_t f = finding_new(db, "F", NULL, 0);
	jaw_err err;
	err_clear(&err);
	int64_t a = 0, b = 0;
	ok(citation_add_segment(db, "ana", f, p.s_smith, 0, 7, NULL, &a, &err), &err, "a");
	ok(citation_add_segment(db, "ana", f, p.s_smith, 20, 29, NULL, &b, &err), &err, "b");
	ok(db_exec(db, "UPDATE source SET text = 'Contact with the mayor works.'"
	               " WHERE title = 'Interview with Maj. Smith'", &err),
	   &err, "edit text");
	struct citation *c = citation_get_new(db, a, &err);
	assert_int_equal(c->state, CITATION_CHANGED);
	assert_string_equal(c->quote, "Liaison");
	citation_free(c);
	c = citation_get_new(db, b, &err);
	assert_int_equal(c->state, CITATION_OK); /* "or works." is still there */
	citation_free(c);
	struct finding_strength st;
	ok(finding_strength_get(db, f, &st, &err), &err, "strength");
	assert_int_equal(st.changed, 1);
	assert_int_equal(st.lost, 0);
	ok(citation_refresh(db, "ana", a, &err), &err, "refresh");
	c = citation_get_new(db, a, &err);
	assert_int_equal(c->state, CITATION_OK);
	assert_string_equal(c->quote, "Contact");
	citation_free(c);
	db_close(db);
}

/* jaw check's report of one problem. */
static void note_problem(void *ctx, const char *line)
{
	char **out = ctx;
	free(*out);
	*out = xstrdup(line);
}

/* A citation's state is kept (schema version 9) under every change of its
 * source's text and of the citation, by jaw and by other tools; jaw check
 * finds a state kept wrong. */
static void test_citation_state_kept(void **state)
{
	(void)state;
	struct small p;
	struct jaw_db *db = small_new(&p);
	int64_t f = finding_new(db, "F", NULL, 0);
	jaw_err err;
	err_clear(&err);
	int64_t a = 0;
	ok(citation_add_segment(db, "ana", f, p.s_smith, 0, 7, NULL, &a, &err), &err, "a");
	char *sql = xasprintf("SELECT changed FROM finding_evidence WHERE id = %lld", (long long)a);
	assert_int_equal(scalar(db, sql), 0);
	char *text = testutil_text_new(db, "SELECT text FROM source WHERE title ="
	                                   " 'Interview with Maj. Smith'");
	ok(db_exec(db, "UPDATE source SET text = 'Contact with the mayor works.'"
	               " WHERE title = 'Interview with Maj. Smith'", &err), &err, "edit text");
	assert_int_equal(scalar(db, sql), 1);
	/* the text as it was: unchanged again */
	sqlite3_stmt *s = NULL;
	assert_int_equal(sqlite3_prepare_v2(db_sqlite(db), "UPDATE source SET text = ?1"
	                                    " WHERE title = 'Interview with Maj. Smith'", -1, &s,
	                                    NULL), SQLITE_OK);
	sqlite3_bind_text(s, 1, text, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(s), SQLITE_DONE);
	sqlite3_finalize(s);
	assert_int_equal(scalar(db, sql), 0);
	/* a stretch moved by another tool, then a row it writes with a quote
	 * of its own */
	ok(db_exec(db, "UPDATE finding_evidence SET start_cp = 1", &err), &err, "move");
	assert_int_equal(scalar(db, sql), 1);
	char *insert = xasprintf("INSERT INTO finding_evidence (finding_id, source_id, start_cp,"
	                         " end_cp, quote) VALUES (%lld, %lld, 0, 7, 'Nothing')", (long long)f,
	                         (long long)p.s_smith);
	ok(db_exec(db, insert, &err), &err, "insert");
	assert_int_equal(scalar(db, "SELECT changed FROM finding_evidence WHERE quote = 'Nothing'"), 1);
	/* a row without a snapshot gets one, and is unchanged */
	free(insert);
	insert = xasprintf("INSERT INTO finding_evidence (finding_id, coding_id) VALUES (%lld, %lld)",
	                   (long long)f, (long long)p.k_jones);
	ok(db_exec(db, insert, &err), &err, "insert without a snapshot");
	assert_int_equal(scalar(db, "SELECT changed FROM finding_evidence WHERE coding_id IS NOT NULL"
	                            " AND quote IS NOT NULL"), 0);
	struct finding_strength st;
	ok(finding_strength_get(db, f, &st, &err), &err, "strength");
	assert_int_equal(st.changed, 2);
	/* jaw check: sound; then a state set wrong by hand */
	char *problem = NULL;
	assert_int_equal(finding_check_citations(db, note_problem, &problem, &err), 0);
	char *wrong = xasprintf("UPDATE finding_evidence SET changed = 0 WHERE id = %lld", (long long)a);
	ok(db_exec(db, wrong, &err), &err, "set wrong");
	assert_int_equal(finding_check_citations(db, note_problem, &problem, &err), 1);
	char *want = xasprintf("citation %lld of finding %lld: kept as unchanged, but its source's"
	                       " text there is no longer its quote (jaw(5), CHECKING A PROJECT, says"
	                       " how to work the states out again)", (long long)a, (long long)f);
	assert_string_equal(problem, want);
	assert_int_equal(db_check(db, note_problem, &problem, &err), 1);
	free(want);
	free(wrong);
	free(problem);
	free(insert);
	free(text);
	free(sql);
	db_close(db);
}

/* Every figure of the strength of a finding citing each kind of evidence. */
static void test_finding_strength(void **state)
{
	(void)state;
	struct small p;
	struct jaw_db *db = small_new(&p);
	int64_t f = finding_new(db, "F", NULL, 0), empty = finding_new(db, "E", NULL, 0);
	jaw_err err;
	err_clear(&err);
	ok(citation_add_coding(db, "ana", f, p.k_jones, NULL, NULL, &err), &err, "1");
	ok(citation_add_segment(db, "ana", f, p.s_jones, 41, 59, NULL, NULL, &err), &err, "2");
	ok(citation_add_segment(db, "ana", f, p.s_smith, 0, 7, NULL, NULL, &err), &err, "3");
	ok(citation_add_coding(db, "ana", f, p.k_doe, NULL, NULL, &err), &err, "4");
	ok(citation_add_segment(db, "ana", f, p.s_doc, 0, 5, NULL, NULL, &err), &err, "5");
	ok(citation_add_segment(db, "ana", f, p.s_r1, 0, 4, NULL, NULL, &err), &err, "6");
	ok(citation_add_segment(db, "ana", f, p.s_r2, 0, 9, NULL, NULL, &err), &err, "7");
	struct finding_strength st;
	ok(finding_strength_get(db, f, &st, &err), &err, "strength");
	assert_int_equal(st.citations, 7);
	assert_int_equal(st.sources, 6);       /* Jones twice */
	assert_int_equal(st.stakeholders, 4);  /* Jones, Smith, Doe, UNICEF */
	assert_int_equal(st.organisations, 2); /* 3rd Brigade (Jones, Smith), UNICEF (Doe, itself) */
	assert_int_equal(st.respondents, 2);
	assert_int_equal(st.changed, 0);
	assert_int_equal(st.lost, 0);
	struct finding *g = finding_get_new(db, f, &err);
	assert_int_equal(g->strength.sources, 6);
	finding_free(g);
	ok(finding_strength_get(db, empty, &st, &err), &err, "empty");
	assert_int_equal(st.citations + st.sources + st.organisations + st.stakeholders, 0);
	db_close(db);
}

/* ---- attribution ------------------------------------------------------------------------ */

static void label_is(const struct attrib_facts *f, const char *want)
{
	char *got = attrib_label_new(f);
	assert_string_equal(got, want);
	free(got);
}

static void test_attrib_labels(void **state)
{
	(void)state;
	struct attrib_facts f = {.source_kind = "interview", .source_title = "Interview with Jones",
	                         .source_date = "2025-12-05", .stakeholder_kind = "person",
	                         .stakeholder_name = "Col. A. Jones",
	                         .stakeholder_role = "Brigade legal adviser",
	                         .organisation = "3rd Brigade"};
	label_is(&f, "an interviewee"); /* a person's default */
	assert_string_equal(attrib_effective(&f), "anonymous");
	f.stakeholder_attribution = "named";
	label_is(&f, "Col. A. Jones, Brigade legal adviser");
	f.stakeholder_role = "";
	label_is(&f, "Col. A. Jones, 3rd Brigade");
	f.stakeholder_role = "Brigade legal adviser";
	f.stakeholder_attribution = "role";
	label_is(&f, "a brigade legal adviser");
	char *prov = attrib_provenance_new(&f);
	assert_string_equal(prov, "a brigade legal adviser (interview, 2025-12-05)");
	free(prov);
	f.stakeholder_role = "Officer of the UN";
	label_is(&f, "an officer of the UN");
	f.stakeholder_role = "UN official";
	label_is(&f, "a UN official");
	f.stakeholder_role = "MP commander";
	label_is(&f, "an MP commander");
	f.stakeholder_role = "the chief of staff";
	label_is(&f, "the chief of staff");
	f.stakeholder_role = "";
	label_is(&f, "an interviewee"); /* no role to give */
	f.stakeholder_role = "Brigade legal adviser";
	f.source_attribution = "anonymous"; /* the source overrides */
	label_is(&f, "an interviewee");
	f.source_kind = "observation";
	label_is(&f, "a participant");
	f.source_attribution = "named";
	label_is(&f, "Col. A. Jones, Brigade legal adviser");
	/* organisations: named by default */
	struct attrib_facts o = {.source_kind = "document", .source_title = "Annual report",
	                         .stakeholder_kind = "organisation", .stakeholder_name = "UNICEF",
	                         .stakeholder_role = "UN agency"};
	label_is(&o, "UNICEF");
	o.stakeholder_attribution = "role";
	label_is(&o, "a UN agency");
	o.stakeholder_attribution = "anonymous";
	label_is(&o, "an organisation");
	/* no stakeholder */
	struct attrib_facts n = {.source_kind = "document", .source_title = "Annual report"};
	label_is(&n, "Annual report");
	n.source_attribution = "anonymous";
	label_is(&n, "a document");
	n.source_kind = "interview";
	label_is(&n, "an interviewee");
	n.source_attribution = NULL;
	label_is(&n, "Annual report"); /* no stakeholder: named by default */
	struct attrib_facts r = {.source_kind = "survey_answer", .respondent = "R1",
	                         .survey = "Unit survey"};
	label_is(&r, "respondent R1, Unit survey");
	r.source_attribution = "role";
	label_is(&r, "a survey respondent");
	prov = attrib_provenance_new(&r);
	assert_string_equal(prov, "a survey respondent (survey answer)");
	free(prov);
	struct attrib_facts q = {.stakeholder_kind = "person", .stakeholder_name = "X"};
	label_is(&q, "an individual"); /* the register, without a source */
}

static void test_attrib_settings(void **state)
{
	(void)state;
	struct small p;
	struct jaw_db *db = small_new(&p);
	jaw_err err;
	err_clear(&err);
	struct attrib_setting s;
	ok(attrib_stakeholder_get(db, p.doe, &s, &err), &err, "doe");
	assert_string_equal(s.stored, "");
	assert_string_equal(s.effective, "anonymous");
	attrib_setting_clear(&s);
	ok(attrib_stakeholder_get(db, p.unicef, &s, &err), &err, "unicef");
	assert_string_equal(s.effective, "named");
	attrib_setting_clear(&s);
	ok(attrib_source_get(db, p.s_smith, &s, &err), &err, "smith's interview");
	assert_string_equal(s.stored, "");
	assert_string_equal(s.effective, "role");
	attrib_setting_clear(&s);
	char *label = attrib_source_label_new(db, p.s_doe, &err);
	assert_string_equal(label, "an interviewee");
	free(label);
	label = attrib_source_label_new(db, p.s_smith, &err);
	assert_string_equal(label, "a civil-military liaison officer");
	free(label);
	ok(attrib_source_set(db, "ana", p.s_smith, "anonymous", &err), &err, "override");
	label = attrib_source_provenance_new(db, p.s_smith, &err);
	assert_string_equal(label, "an interviewee (interview, 2025-12-05)");
	free(label);
	label = attrib_source_label_new(db, p.s_r1, &err);
	assert_string_equal(label, "respondent R1, Unit survey");
	free(label);
	/* undo in the evidence takes the override back */
	undo_in(db, JOURNAL_IN_EVIDENCE, 0);
	label = attrib_source_label_new(db, p.s_smith, &err);
	assert_string_equal(label, "a civil-military liaison officer");
	free(label);
	/* undoing a stakeholder's deletion keeps its attribution */
	ok(edit_stakeholder_delete(db, "ana", p.smith, &err), &err, "delete");
	undo_in(db, JOURNAL_IN_STAKEHOLDERS, 0);
	ok(attrib_stakeholder_get(db, p.smith, &s, &err), &err, "smith");
	assert_string_equal(s.stored, "role");
	attrib_setting_clear(&s);
	/* errors */
	fails_with(attrib_stakeholder_set(db, "ana", p.doe, "secret", &err), &err,
	           "is not named, role or anonymous");
	fails_with(attrib_stakeholder_set(db, "ana", 999, "named", &err), &err, "no stakeholder 999");
	fails_with(attrib_source_set(db, "ana", 999, NULL, &err), &err, "no source 999");
	fails_with(attrib_stakeholder_get(db, 999, &s, &err), &err, "no stakeholder 999");
	fails_with(attrib_source_get(db, 999, &s, &err), &err, "no source 999");
	assert_null(attrib_source_label_new(db, 999, &err));
	assert_string_equal(err.msg, "no source 999");
	assert_null(attrib_citation_provenance_new(db, 999, &err));
	assert_string_equal(err.msg, "no citation 999");
	/* back to the default */
	ok(attrib_stakeholder_set(db, "ana", p.smith, "", &err), &err, "default");
	label = attrib_source_label_new(db, p.s_smith, &err);
	assert_string_equal(label, "an interviewee");
	free(label);
	db_close(db);
}

static void test_marking(void **state)
{
	(void)state;
	struct small p;
	struct jaw_db *db = small_new(&p);
	jaw_err err;
	err_clear(&err);
	char *m = attrib_marking_get_new(db, &err);
	assert_string_equal(m, "");
	free(m);
	ok(attrib_marking_set(db, "ana", "NATO UNCLASSIFIED – releasable to the public", &err), &err,
	   "set");
	m = attrib_marking_get_new(db, &err);
	assert_string_equal(m, "NATO UNCLASSIFIED – releasable to the public");
	free(m);
	fails_with(attrib_marking_set(db, "ana", "two\nlines", &err), &err, "one line");
	char long_line[ATTRIB_MARKING_MAX + 2];
	memset(long_line, 'x', sizeof long_line - 1);
	long_line[sizeof long_line - 1] = '\0';
	fails_with(attrib_marking_set(db, "ana", long_line, &err), &err, "201 characters");
	fails_with(attrib_marking_set(db, "ana", "\xff", &err), &err, "not valid UTF-8");
	struct journal_result res;
	struct journal_scope scope = {JOURNAL_IN_PROJECT, 0};
	ok(journal_undo_in(db, "ana", &scope, &res, &err), &err, "undo");
	assert_string_equal(res.summary, "marking set to “NATO UNCLASSIFIED – releasable to the"
	                                 " public”");
	journal_result_clear(&res);
	m = attrib_marking_get_new(db, &err);
	assert_string_equal(m, "");
	free(m);
	db_close(db);
}

/* ---- memos --------------------------------------------------------------------------- */

static int64_t memo_new(struct jaw_db *db, const char *author, const char *kind, int64_t target,
                        const char *text)
{
	struct memo m = {.target_kind = (char *)kind, .target_id = target, .text = (char *)text};
	jaw_err err;
	err_clear(&err);
	ok(memo_add(db, author, &m, &err), &err, "memo_add");
	return m.id;
}

static void test_memos(void **state)
{
	(void)state;
	struct small p;
	struct jaw_db *db = small_new(&p);
	jaw_err err;
	err_clear(&err);
	int64_t f = finding_new(db, "F", NULL, 0);
	int64_t m1 = memo_new(db, "ana", "project", 0, "Scope agreed");
	int64_t m2 = memo_new(db, "bob", "source", p.s_jones, "Ask for the SOP");
	int64_t m3 = memo_new(db, "ana", "code", p.training, "Split by level?");
	int64_t m4 = memo_new(db, "bob", "finding", f, "Needs a second source");
	ok(db_exec(db, "UPDATE memo SET created = '2026-01-0' || id || 'T00:00:00Z'", &err), &err,
	   "dates");
	ok(coding_set_memo(db, "carl", p.k_doe, "Strong quote", &err), &err, "coding memo");
	ok(db_exec(db, "UPDATE coding SET created = '2026-01-09T00:00:00Z'", &err), &err, "date");
	assert_int_equal(memo_count(db, NULL, &err), 4);
	struct memo_filter all = {.with_codings = true};
	assert_int_equal(memo_count(db, &all, &err), 5);
	struct memo rows[6];
	assert_int_equal(memo_page(db, &all, 0, 6, rows, &err), 5);
	assert_string_equal(rows[0].target_kind, "coding"); /* newest first */
	assert_string_equal(rows[0].target, "Children and armed conflict in Interview with Capt. Doe");
	assert_string_equal(rows[0].author, "ana"); /* a coding's memo is its coder's */
	assert_int_equal(rows[1].id, m4);
	assert_string_equal(rows[1].target, "F");
	assert_int_equal(rows[2].id, m3);
	assert_string_equal(rows[2].target, "Cross-cutting/Training");
	assert_int_equal(rows[4].id, m1);
	assert_string_equal(rows[4].target, "Small");
	for (int i = 0; i < 5; i++)
		memo_clear(&rows[i]);
	struct memo_filter by_author = {.with_codings = true, .order = MEMO_BY_AUTHOR};
	assert_int_equal(memo_page(db, &by_author, 0, 6, rows, &err), 5);
	assert_int_equal(rows[0].id, m1);
	assert_int_equal(rows[1].id, m3);
	assert_string_equal(rows[2].target_kind, "coding");
	assert_int_equal(rows[3].id, m2);
	assert_int_equal(rows[4].id, m4);
	for (int i = 0; i < 5; i++)
		memo_clear(&rows[i]);
	struct memo_filter on_source = {.target_kind = "source", .target_id = p.s_jones};
	assert_int_equal(memo_count(db, &on_source, &err), 1);
	struct memo_filter on_project = {.target_kind = "project"};
	assert_int_equal(memo_count(db, &on_project, &err), 1);
	struct memo_filter of_bob = {.author = "bob", .order = MEMO_OLDEST};
	assert_int_equal(memo_page(db, &of_bob, 0, 6, rows, &err), 2);
	assert_int_equal(rows[0].id, m2);
	memo_clear(&rows[0]);
	memo_clear(&rows[1]);
	/* edit with a conflict check, delete, undo */
	struct memo *was = memo_get_new(db, m2, &err);
	struct memo mine = *was;
	mine.text = "Ask for the SOP and the ROE";
	ok(memo_update(db, "ana", &mine, was, &err), &err, "update");
	fails_with(memo_update(db, "ana", &mine, was, &err), &err, "changed by someone else");
	memo_free(was);
	ok(memo_delete(db, "ana", m2, &err), &err, "delete");
	assert_null(memo_get_new(db, m2, &err));
	assert_string_equal(err.msg, "no memo 2");
	undo_in(db, JOURNAL_IN_MEMOS, 0);
	struct memo *back = memo_get_new(db, m2, &err);
	assert_string_equal(back->text, "Ask for the SOP and the ROE");
	assert_string_equal(back->author, "bob");
	memo_free(back);
	/* a memo whose target is gone says so */
	ok(db_exec(db, "DELETE FROM code WHERE name = 'Cross-cutting'", &err), &err, "delete code");
	back = memo_get_new(db, m3, &err);
	assert_string_equal(back->target, "(deleted)");
	memo_free(back);
	db_close(db);
}

static void test_memo_errors(void **state)
{
	(void)state;
	struct small p;
	struct jaw_db *db = small_new(&p);
	jaw_err err;
	err_clear(&err);
	struct memo m = {.target_kind = "coding", .target_id = 1, .text = "x"};
	fails_with(memo_add(db, "ana", &m, &err), &err, "not on \"coding\"");
	m.target_kind = "source";
	m.target_id = 999;
	fails_with(memo_add(db, "ana", &m, &err), &err, "no source 999 to write a memo on");
	m.target_kind = "timeline_item";
	fails_with(memo_add(db, "ana", &m, &err), &err, "no timeline item 999");
	m.target_kind = "project";
	fails_with(memo_add(db, "ana", &m, &err), &err, "names no record");
	m.target_id = 0;
	m.text = "";
	fails_with(memo_add(db, "ana", &m, &err), &err, "needs a title or a text");
	m.title = "a\tb";
	fails_with(memo_add(db, "ana", &m, &err), &err, "one line");
	struct memo u = {.id = 999, .text = "x"};
	fails_with(memo_update(db, "ana", &u, NULL, &err), &err, "no memo 999");
	fails_with(memo_delete(db, "ana", 999, &err), &err, "no memo 999");
	assert_int_equal(scalar(db, "SELECT count(*) FROM memo"), 0);
	db_close(db);
}

/* ---- migration -------------------------------------------------------------------------- */

/* A version-5 project with findings in the old statuses and citations
 * without snapshots opens as version 6 with every one kept. */
static void test_migrate_v5(void **state)
{
	(void)state;
	char *path = testutil_path_new("v5.jaw");
	struct jaw_db *db = NULL;
	jaw_err err;
	err_clear(&err);
	ok(db_create_version(path, &project_schema, 5, &db, &err), &err, "create v5");
	ok(db_exec(db,
	           "INSERT INTO project (id, title) VALUES (1, 'Old');"
	           " INSERT INTO source (id, kind, title, text) VALUES (1, 'interview', 'I',"
	           " 'Patrols stop at dusk.');"
	           " INSERT INTO code (id, name) VALUES (1, 'Patrols');"
	           " INSERT INTO coding (id, source_id, start_cp, end_cp, code_id, coder)"
	           " VALUES (1, 1, 0, 7, 1, 'ana');"
	           " INSERT INTO finding (id, title, status) VALUES (1, 'a', 'draft'), (2, 'b',"
	           " 'review'), (3, 'c', 'agreed'), (4, 'd', 'released');"
	           " INSERT INTO finding_evidence (id, finding_id, coding_id) VALUES (1, 1, 1);"
	           " INSERT INTO finding_evidence (id, finding_id, source_id, note)"
	           " VALUES (2, 2, 1, 'all of it')", &err),
	   &err, "fill v5");
	db_close(db);
	ok(db_open(path, 0, &project_schema, &db, &err), &err, "open");
	assert_int_equal(db_schema_version(db), PROJECT_SCHEMA_VERSION);
	assert_int_equal(scalar(db, "SELECT count(*) FROM finding WHERE id = 1 AND status ="
	                            " 'observation'"), 1);
	assert_int_equal(scalar(db, "SELECT count(*) FROM finding WHERE id = 2 AND status ="
	                            " 'identified'"), 1);
	assert_int_equal(scalar(db, "SELECT count(*) FROM finding WHERE id = 3 AND status ="
	                            " 'assigned'"), 1);
	assert_int_equal(scalar(db, "SELECT count(*) FROM finding WHERE id = 4 AND status ="
	                            " 'learned'"), 1);
	struct citation *c = citation_get_new(db, 1, &err);
	assert_non_null(c);
	assert_string_equal(c->quote, "Patrols");
	assert_int_equal(c->source_id, 1);
	assert_int_equal(c->cited_coding, 1);
	assert_int_equal(c->state, CITATION_OK);
	citation_free(c);
	c = citation_get_new(db, 2, &err);
	assert_string_equal(c->quote, "Patrols stop at dusk.");
	assert_string_equal(c->note, "all of it");
	assert_int_equal(c->cited_coding, 0);
	citation_free(c);
	/* a row written by another tool without a snapshot gets one */
	ok(db_exec(db, "INSERT INTO finding_evidence (id, finding_id, coding_id) VALUES (3, 3, 1)",
	           &err), &err, "tool");
	c = citation_get_new(db, 3, &err);
	assert_string_equal(c->quote, "Patrols");
	assert_string_equal(c->code, "Patrols");
	citation_free(c);
	db_close(db);
	free(path);
}

int main(void)
{
	testutil_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_finding_add_get_page),
		cmocka_unit_test(test_finding_area_code_deleted),
		cmocka_unit_test(test_finding_errors),
		cmocka_unit_test(test_finding_update_conflict),
		cmocka_unit_test(test_finding_delete_undo),
		cmocka_unit_test(test_citation_add_errors),
		cmocka_unit_test(test_citation_snapshot),
		cmocka_unit_test(test_citation_lost_coding),
		cmocka_unit_test(test_citation_changed),
		cmocka_unit_test(test_finding_strength),
		cmocka_unit_test(test_citation_state_kept),
		cmocka_unit_test(test_attrib_labels),
		cmocka_unit_test(test_attrib_settings),
		cmocka_unit_test(test_marking),
		cmocka_unit_test(test_memos),
		cmocka_unit_test(test_memo_errors),
		cmocka_unit_test(test_migrate_v5),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
