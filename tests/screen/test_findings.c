/* test_findings.c - the findings view (F) on a virtual terminal with the
 * demo and findings made through the core: the list with its strength and
 * the marks of changed and lost citations (characters and colours), a
 * finding opened with ok, changed and lost citations, Enter on a citation
 * reading it and q coming back to the same row, the picker that cites
 * from the reader (a new finding, then an existing one), :filter and its
 * errors, the status chooser, and the question before a cited coding is
 * removed. The demo's own findings are deleted first. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codebook.h"
#include "coding.h"
#include "finding.h"
#include "screenutil.h"
#include "xalloc.h"

/* What the fixture made. */
struct made {
	int64_t liaison, tasking, empty; /* findings */
	int64_t coding;                  /* a demo coding cited by liaison */
	int64_t source_changed, source_lost;
};

static void ok(int rc, const jaw_err *err)
{
	if (rc != JAW_OK)
		fail_msg("%s", err->msg);
}

/* The id of the first coding of the demo's third source. */
static int64_t first_coding(struct jaw_db *db)
{
	return testutil_scalar(db, "SELECT min(id) FROM coding WHERE source_id = 3");
}

/* Three findings: one citing a coding (ok), a changed segment and a lost
 * one; one citing nothing; one empty, second in the order. */
static void make_findings(struct jaw_db *db, struct made *m)
{
	jaw_err err;
	err_clear(&err);
	/* these findings only, not the demo's */
	assert_int_equal(db_exec(db, "DELETE FROM finding", &err), JAW_OK);
	int64_t poc = codebook_find(db, "Protection of civilians", &err);
	assert_true(poc > 0);
	struct finding f = {.title = "Liaison with civil actors is thin", .owner = "amira",
	                    .status = "identified",
	                    .observation = "Brigade staffs rarely met the civil actors in their area"
	                                   " of operations before the exercise began."};
	ok(finding_add(db, "amira", &f, &poc, 1, &err), &err);
	m->liaison = f.id;
	struct finding g = {.title = "Tasking is unclear", .owner = "tomas"};
	ok(finding_add(db, "tomas", &g, NULL, 0, &err), &err);
	m->tasking = g.id;
	m->coding = first_coding(db);
	assert_true(m->coding > 0);
	ok(citation_add_coding(db, "amira", m->liaison, m->coding, "the key quote", NULL, &err),
	   &err);
	m->source_changed = 1;
	m->source_lost = 2;
	ok(citation_add_segment(db, "amira", m->liaison, m->source_changed, 0, 20, NULL, NULL,
	                        &err), &err);
	ok(citation_add_segment(db, "amira", m->liaison, m->source_lost, 0, 25, NULL, NULL, &err),
	   &err);
	/* the first source's text changes where it was cited; the second goes */
	assert_int_equal(db_exec(db, "UPDATE source SET text = 'Rewritten: ' || text WHERE id = 1",
	                         &err), JAW_OK);
	assert_int_equal(db_exec(db, "DELETE FROM coding WHERE source_id = 2;"
	                         " DELETE FROM source WHERE id = 2", &err), JAW_OK);
}

static void open_findings(struct screen_fixture *f, struct made *m, int lines, int cols)
{
	screen_open_demo(f, lines, cols);
	make_findings(f->db, m);
	ui_reload(f->ui);
	const int keys[] = {'F'};
	screen_keys(f, keys, 1);
}

static void keys_typed(struct screen_fixture *f, const char *text, bool enter)
{
	int keys[256], n = 0;
	screen_type(keys, &n, text);
	if (enter)
		keys[n++] = '\n';
	screen_keys(f, keys, n);
}

static void test_list(void **state)
{
	(void)state;
	struct screen_fixture f;
	struct made m;
	open_findings(&f, &m, 24, 80);
	screen_expect_colours("findings-80x24");
	/* the mark of the first finding is in the lost role, on the cursor's
	 * row as elsewhere; the second has none */
	struct screen_cell mark, none;
	screen_cell_get(3, 46, &mark);
	screen_cell_get(4, 46, &none);
	assert_int_equal(mark.ch, '!');
	assert_int_equal(mark.pair, (int)PAIR_NUMBER(colour_attr(ROLE_LOST)));
	assert_int_equal(none.ch, ' ');
	const int down[] = {'j'};
	screen_keys(&f, down, 1);
	screen_cell_get(3, 46, &mark);
	assert_int_equal(mark.ch, '!');
	assert_int_equal(mark.pair, (int)PAIR_NUMBER(colour_attr(ROLE_LOST)));
	/* wider, owner and areas show */
	screen_stop(&f);
	open_findings(&f, &m, 30, 140);
	screen_assert_has("amira");
	screen_assert_has("Protection of civilians");
	screen_stop(&f);
}

static void test_opened(void **state)
{
	(void)state;
	struct screen_fixture f;
	struct made m;
	open_findings(&f, &m, 24, 80);
	const int open[] = {'\n', 'G'};
	screen_keys(&f, open, 2);
	screen_expect_colours("findings-opened-80x24");
	/* the lost citation's status line says what was lost */
	screen_assert_has("LOST: its source was deleted");
	/* the changed one, up a row: Enter reads it, q comes back to it */
	const int up[] = {'k'};
	screen_keys(&f, up, 1);
	screen_assert_has("CHANGED: the source no longer says this there");
	const int read[] = {'\n'};
	screen_keys(&f, read, 1);
	screen_assert_has("Rewritten:");
	const int back[] = {'q'};
	screen_keys(&f, back, 1);
	screen_assert_has("CHANGED: the source no longer says this there");
	/* r keeps it as the source now reads: it is ok then */
	const int refresh[] = {'r'};
	screen_keys(&f, refresh, 1);
	screen_assert_has("The citation now quotes its source as it reads");
	const int top[] = {'g'};
	screen_keys(&f, top, 1);
	screen_assert_has("0 resp \u00b7 1 lost");
	/* u takes that back */
	const int undo[] = {'u'};
	screen_keys(&f, undo, 1);
	screen_assert_has("1 changed, 1 lost");
	/* r on a lost one says why not */
	const int last[] = {'G', 'r'};
	screen_keys(&f, last, 2);
	screen_assert_has("This citation is lost");
	/* d removes it after asking */
	const int del[] = {'d', 'y'};
	screen_keys(&f, del, 2);
	screen_assert_has("Removed the citation");
	screen_assert_has("Citations (2)");
	screen_stop(&f);
}

static void test_cite_from_reader(void **state)
{
	(void)state;
	struct screen_fixture f;
	struct made m;
	open_findings(&f, &m, 24, 80);
	/* the reader on source 4, its first sentence selected */
	struct ui_target t = {.view = VIEW_READER, .id = 4, .at = 0};
	ui_show(f.ui, &t);
	ui_draw(f.ui);
	const int sel[] = {'v', ')', '!'};
	screen_keys(&f, sel, 3);
	screen_expect_colours("findings-cite-picker-80x24");
	/* typing filters; the new finding comes last then, with what was typed */
	keys_typed(&f, "tasking", false);
	screen_assert_has("Tasking is unclear  (observation, 0 citations)");
	screen_assert_has("new finding \u201ctasking\u201d\u2026");
	const int take[] = {'\n'};
	screen_keys(&f, take, 1);
	screen_assert_has("Cited in finding 2: Tasking is unclear");
	/* and a new one: the first row */
	const int again[] = {'v', ')', '!', '\n'};
	screen_keys(&f, again, 4);
	screen_assert_has("Title of the new finding:");
	keys_typed(&f, "Training gaps", true);
	screen_assert_has("Cited in finding 3: Training gaps");
	/* citing the same stretch twice in one finding is fine; nothing is lost */
	const int list[] = {'q', 'F'};
	screen_keys(&f, list, 2);
	screen_assert_has("3. Training gaps");
	screen_stop(&f);
}

static void test_remove_cited_coding_asks(void **state)
{
	(void)state;
	struct screen_fixture f;
	struct made m;
	open_findings(&f, &m, 24, 100);
	jaw_err err;
	err_clear(&err);
	struct coding c;
	ok(coding_get(f.db, m.coding, &c, &err), &err);
	struct ui_target t = {.view = VIEW_READER, .id = c.source_id, .at = c.start};
	char *which = xasprintf("[%lld-%lld]", (long long)c.start, (long long)c.end);
	coding_clear(&c);
	ui_show(f.ui, &t);
	ui_draw(f.ui);
	/* x on the cited coding (chosen among those under the cursor) asks
	 * first, saying what is lost; n keeps it */
	int64_t n = testutil_scalar(f.db, "SELECT count(*) FROM coding");
	const int x[] = {'x', '/'};
	screen_keys(&f, x, 2);
	keys_typed(&f, which, true);
	screen_assert_has("1 citation in findings will be lost. Remove the coding");
	const int no[] = {'n'};
	screen_keys(&f, no, 1);
	assert_int_equal(testutil_scalar(f.db, "SELECT count(*) FROM coding"), n);
	/* y removes it; the finding's citation is lost then */
	const int again[] = {'x', '/'};
	screen_keys(&f, again, 2);
	keys_typed(&f, which, true);
	free(which);
	const int yes[] = {'y'};
	screen_keys(&f, yes, 1);
	assert_int_equal(testutil_scalar(f.db, "SELECT count(*) FROM coding"), n - 1);
	struct finding_strength st;
	ok(finding_strength_get(f.db, m.liaison, &st, &err), &err);
	assert_int_equal(st.lost, 2);
	screen_stop(&f);
}

static void test_filter_and_status(void **state)
{
	(void)state;
	struct screen_fixture f;
	struct made m;
	open_findings(&f, &m, 24, 80);
	int keys[64], n = 0;
	keys[n++] = ':';
	screen_type(keys, &n, "filter status=\"lesson identified\"");
	keys[n++] = '\n';
	screen_keys(&f, keys, n);
	screen_assert_has(" Findings  1/1  status=\"lesson identified\"");
	n = 0;
	keys[n++] = ':';
	screen_type(keys, &n, "filter colour=red");
	keys[n++] = '\n';
	screen_keys(&f, keys, n);
	screen_assert_has("filter: no key \"colour\" (status, owner, area)");
	n = 0;
	keys[n++] = ':';
	screen_type(keys, &n, "filter status=draft");
	keys[n++] = '\n';
	screen_keys(&f, keys, n);
	screen_assert_has("filter: no status \"draft\"");
	const int clear[] = {'x'};
	screen_keys(&f, clear, 1);
	screen_assert_has(" Findings  1/2\n");
	/* s: the five statuses in words; the third is taken */
	const int status[] = {'j', 's', 'j', 'j', '\n'};
	screen_keys(&f, status, 5);
	screen_assert_has("Status: action assigned (u undoes).");
	const int undo[] = {'u'};
	screen_keys(&f, undo, 1);
	screen_assert_has("Undid");
	/* K moves it up, to first */
	const int up[] = {'K'};
	screen_keys(&f, up, 1);
	screen_assert_has("1. Tasking is unclear");
	screen_stop(&f);
}

int main(void)
{
	testutil_init();
	setenv("JAW_TODAY", SCREEN_TODAY, 1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_list),
		cmocka_unit_test(test_opened),
		cmocka_unit_test(test_cite_from_reader),
		cmocka_unit_test(test_remove_cited_coding_asks),
		cmocka_unit_test(test_filter_and_status),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
