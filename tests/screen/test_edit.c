/* test_edit.c - editing in the interface on a virtual terminal: forms,
 * the command line, search, filters, deleting, reading a source. Keys are
 * fed to the interface through ui_script, as a user would type them. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "model.h"
#include "screenutil.h"
#include "xalloc.h"

#define CTRL(c) ((c) - 'a' + 1)

/* Runs key (an action key) with the script of keys for its prompt or form. */
static void edit_run(struct screen_fixture *f, int key, const int *script, int n)
{
	ui_script(f->ui, script, n);
	ui_key(f->ui, key);
	ui_draw(f->ui);
}

/* Saves the screen at the end of a script (the form is still open). */
static char *edit_captured;

static void edit_capture(struct ui *ui, void *ctx)
{
	(void)ui, (void)ctx;
	free(edit_captured);
	edit_captured = screen_text_new();
}

static void test_add_timeline_item_with_the_form(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 24, 80);
	int keys[128], n = 0;
	keys[n++] = '\t'; /* Kind stays "event"; to Title */
	screen_type(keys, &n, "Workshop in Tromsø");
	keys[n++] = '\t';
	keys[n++] = CTRL('u');
	screen_type(keys, &n, "2026-12-10");
	keys[n++] = '\t';
	screen_type(keys, &n, "2026-12-11");
	keys[n++] = '\t';
	screen_type(keys, &n, "Tromsø");
	keys[n++] = '\n';
	edit_run(&f, 'a', keys, n);
	jaw_err err;
	err_clear(&err);
	assert_int_equal(model_timeline_count(f.db, &err), 25);
	assert_int_equal(testutil_scalar(f.db, "SELECT count(*) FROM timeline_item WHERE title ="
	                                       " 'Workshop in Tromsø' AND start_date = '2026-12-10'"
	                                       " AND end_date = '2026-12-11' AND kind = 'event'"
	                                       " AND location = 'Tromsø'"), 1);
	/* the cursor is on the new item and the screen shows it */
	screen_assert_has(" Timeline  17/25");
	screen_assert_has("Workshop in Trom…            │▮");
	screen_assert_has("Saved.");
	screen_stop(&f);
}

static void test_form_shows_errors_and_keeps_the_input(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 24, 80);
	int keys[64], n = 0;
	keys[n++] = '\t';
	screen_type(keys, &n, "Bad date");
	keys[n++] = '\t';
	keys[n++] = CTRL('u');
	screen_type(keys, &n, "2026-02-30");
	keys[n++] = '\n';
	f.ui->script_end = edit_capture;
	edit_run(&f, 'a', keys, n);
	assert_non_null(strstr(edit_captured, "\"2026-02-30\": month 2 of 2026 has no day 30"));
	assert_non_null(strstr(edit_captured, "Bad date"));
	jaw_err err;
	err_clear(&err);
	assert_int_equal(model_timeline_count(f.db, &err), 24); /* cancelled: nothing stored */
	free(edit_captured);
	edit_captured = NULL;
	/* the panes come back whole after the form closes */
	screen_expect("demo-80x24");
	screen_stop(&f);
}

static void test_edit_stakeholder_and_refuse_a_cycle(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 24, 80);
	const int focus[] = {'S', 'j', 'j'}; /* Joint Strategic Headquarters Valmont */
	screen_keys(&f, focus, 3);
	screen_assert_has("Joint Strategic Headquarters Valmont (organisation)");
	/* make it a member of one of its own members: refused, in the form */
	int keys[64], n = 0;
	keys[n++] = '\t';
	keys[n++] = '\t';
	keys[n++] = CTRL('u');
	screen_type(keys, &n, "Battlegroup Delta");
	keys[n++] = '\n';
	f.ui->script_end = edit_capture;
	edit_run(&f, 'e', keys, n);
	if (!strstr(edit_captured, "cannot belong to \"Battlegroup"))
		fprintf(stderr, "no refusal in the form:\n%s", edit_captured), fail();
	free(edit_captured);
	edit_captured = NULL;
	/* a plain edit goes through */
	n = 0;
	keys[n++] = '\t';
	keys[n++] = '\t';
	keys[n++] = '\t';
	keys[n++] = CTRL('u');
	screen_type(keys, &n, "Sponsor of the study");
	keys[n++] = '\n';
	edit_run(&f, 'e', keys, n);
	assert_int_equal(testutil_scalar(f.db, "SELECT count(*) FROM stakeholder WHERE role ="
	                                       " 'Sponsor of the study'"), 1);
	screen_stop(&f);
}

static void test_add_stakeholder_choices_cycle(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 24, 80);
	const int focus[] = {'S'};
	screen_keys(&f, focus, 1);
	int keys[64], n = 0;
	keys[n++] = ' '; /* person -> organisation */
	keys[n++] = '\t';
	screen_type(keys, &n, "Veldrian Red Crescent");
	for (int i = 0; i < 3; i++)
		keys[n++] = '\t';
	keys[n++] = ' '; /* power: "" -> 1 */
	keys[n++] = ' '; /* -> 2 */
	keys[n++] = '\t';
	keys[n++] = KEYS_LEFT; /* interest: "" -> 5 */
	keys[n++] = '\n';
	edit_run(&f, 'a', keys, n);
	assert_int_equal(testutil_scalar(f.db, "SELECT count(*) FROM stakeholder WHERE name ="
	                                       " 'Veldrian Red Crescent' AND kind = 'organisation'"
	                                       " AND power = 2 AND interest = 5"), 1);
	screen_stop(&f);
}

static void test_delete_asks_first(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 24, 80);
	const int go[] = {':'};
	const int to_seminar[] = {'g', 'o', 't', 'o', ' ', '2', '0', '2', '6', '-', '1', '1', '-',
	                          '0', '2', '\n'};
	ui_script(f.ui, to_seminar, (int)(sizeof to_seminar / sizeof *to_seminar));
	screen_keys(&f, go, 1);
	screen_assert_has("Mission visit to MINUVE (event, done)");
	int64_t sources = testutil_scalar(f.db, "SELECT count(*) FROM source");
	int64_t gathered = testutil_scalar(f.db, "SELECT count(*) FROM source s JOIN timeline_item t"
	                                         " ON t.id = s.timeline_item_id"
	                                         " WHERE t.title = 'Mission visit to MINUVE'");
	assert_true(gathered > 0);
	static const char unlinked_sql[] = "SELECT count(*) FROM source WHERE timeline_item_id IS NULL";
	int64_t unlinked = testutil_scalar(f.db, unlinked_sql);
	const int no[] = {'n'};
	f.ui->script_end = NULL;
	edit_run(&f, 'd', no, 1);
	jaw_err err;
	err_clear(&err);
	assert_int_equal(model_timeline_count(f.db, &err), 24);
	const int yes[] = {'y'};
	edit_run(&f, 'd', yes, 1);
	assert_int_equal(model_timeline_count(f.db, &err), 23);
	/* its evidence stays, without the link */
	assert_int_equal(model_source_count(f.db, &err), sources);
	assert_int_equal(testutil_scalar(f.db, unlinked_sql), unlinked + gathered);
	screen_assert_has("Deleted \"Mission visit to MINUVE\" (u undoes).");
	screen_stop(&f);
}

static void test_command_line(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 24, 80);
	int keys[64], n = 0;
	screen_type(keys, &n, "go");
	keys[n++] = '\t'; /* completes to goto */
	screen_type(keys, &n, " 2026-12-01\n");
	edit_run(&f, ':', keys, n);
	screen_assert_has(" Timeline  16/24");
	screen_assert_has("Human security seminar (event, planned)");
	/* history: Up brings the last command back */
	n = 0;
	keys[n++] = KEYS_UP;
	keys[n++] = CTRL('w');
	screen_type(keys, &n, "2026-09-01\n");
	edit_run(&f, ':', keys, n);
	screen_assert_has(" Timeline  6/24");
	/* today, a title, part of a title */
	n = 0;
	screen_type(keys, &n, "goto today\n");
	edit_run(&f, ':', keys, n);
	screen_assert_has(" Timeline  16/24"); /* the seminar, on 2026-12-04 */
	n = 0;
	screen_type(keys, &n, "goto Scoping workshop\n");
	edit_run(&f, ':', keys, n);
	screen_assert_has(" Timeline  4/24");
	n = 0;
	screen_type(keys, &n, "goto tabletop\n");
	edit_run(&f, ':', keys, n);
	screen_assert_has("Tabletop exercise NORTHERN SHIELD (event");
	/* errors say what is wrong */
	n = 0;
	screen_type(keys, &n, "goto tomorrow\n");
	edit_run(&f, ':', keys, n);
	screen_assert_has("goto: no date, and no timeline item called \"tomorrow\" or with it in");
	n = 0;
	screen_type(keys, &n, "goto 2026-02-30\n");
	edit_run(&f, ':', keys, n);
	screen_assert_has("\"2026-02-30\": month 2 of 2026 has no day 30");
	n = 0;
	screen_type(keys, &n, "fly\n");
	edit_run(&f, ':', keys, n);
	screen_assert_has("no command \"fly\" (Tab completes; :help)");
	/* jawrc lines work for the session */
	n = 0;
	screen_type(keys, &n, "bind generic % move-last\n");
	edit_run(&f, ':', keys, n);
	const int pct[] = {'%'};
	screen_keys(&f, pct, 1);
	screen_assert_has(" Timeline  24/24");
	screen_stop(&f);
}

static void test_search_and_next(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 24, 80);
	int keys[32], n = 0;
	screen_type(keys, &n, "interview trip\n");
	edit_run(&f, '/', keys, n);
	screen_assert_has(" Timeline  7/24");
	const int next[] = {'n'};
	screen_keys(&f, next, 1);
	screen_assert_has(" Timeline  8/24");
	screen_keys(&f, next, 1);
	screen_assert_has(" Timeline  7/24");
	screen_assert_has("Search wrapped round.");
	const int prev[] = {'N'};
	screen_keys(&f, prev, 1);
	screen_assert_has(" Timeline  8/24");
	n = 0;
	screen_type(keys, &n, "zanzibar\n");
	edit_run(&f, '/', keys, n);
	screen_assert_has("\"zanzibar\" is not in the timeline.");
	screen_stop(&f);
}

static void test_evidence_filter_sort_and_links(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 24, 80);
	int keys[64], n = 0;
	screen_type(keys, &n, "filter kind=observation\n");
	edit_run(&f, ':', keys, n);
	screen_assert_has(" Evidence  1/3  kind=observation");
	const int sort[] = {'s'};
	screen_keys(&f, sort, 1);
	screen_assert_has("kind=observation, by title");
	screen_assert_has("Sorted by title.");
	const int clear[] = {'x'};
	screen_keys(&f, clear, 1);
	screen_assert_has(" Evidence  1/16  by title");
	n = 0;
	screen_type(keys, &n, "filter stakeholder=\"Nobody Here\"\n");
	edit_run(&f, ':', keys, n);
	screen_assert_has("filter: no stakeholder called \"Nobody Here\"");
	n = 0;
	screen_type(keys, &n, "filter kind=survey_answer\n");
	edit_run(&f, ':', keys, n);
	screen_assert_has("survey answers are listed by question");
	/* Enter on a timeline event lists the evidence gathered there */
	const int open_event[] = {'T', 'j', 'j', 'j', 'j', 'j', 'j', 'j', '\n'};
	screen_keys(&f, open_event, 9);
	screen_assert_has(" Evidence  1/2  at Interview trip to LCC Kraków");
	/* and Enter on a stakeholder the evidence linked to them */
	const int open_person[] = {'S', 'j', '\n'};
	screen_keys(&f, open_person, 3);
	screen_assert_has(" Evidence  (none)  with François Lefèvre");
	screen_stop(&f);
}

static void test_read_a_source(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 24, 80);
	const int focus[] = {'E', 'j', 'j'};
	screen_keys(&f, focus, 3);
	const int keys[] = {'G'};
	f.ui->script_end = edit_capture;
	edit_run(&f, '\n', keys, 1);
	assert_non_null(strstr(edit_captured, "Interview with the brigade legal adviser"));
	assert_non_null(strstr(edit_captured, "q close"));
	free(edit_captured);
	edit_captured = NULL;
	/* back in the panes after it closes */
	screen_assert_has(" Evidence  3/16");
	screen_stop(&f);
}

static void test_form_choices_typed_and_changes_kept(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 24, 80);
	/* Kind takes its first letters */
	const int open[] = {'a', 'm'};
	screen_keys(&f, open, 2);
	screen_assert_has("Kind                 milestone");
	const int stray[] = {'x'};
	screen_keys(&f, stray, 1);
	screen_assert_has("Kind is phase, milestone or event: type its first letters or");
	screen_assert_has("Kind                 milestone");
	const int phase[] = {'p'};
	screen_keys(&f, phase, 1);
	screen_assert_has("Kind                 phase");
	/* Status: d for done, c for cancelled */
	const int status[] = {'\t', '\t', '\t', '\t', '\t', 'c'};
	screen_keys(&f, status, 6);
	screen_assert_has("Status               cancelled");
	/* typing in Notes says how it is written */
	const int notes[] = {'\t', 'z'};
	screen_keys(&f, notes, 2);
	screen_assert_has("Notes holds several lines: Ctrl-X writes it in the editor.");
	/* Esc with changes asks; n keeps the form, y discards it */
	const int esc[] = {27};
	screen_keys(&f, esc, 1);
	screen_assert_has("Discard your changes to this form (Add a timeline item)? (y/n)");
	const int no[] = {'n'};
	screen_keys(&f, no, 1);
	screen_assert_has("Status               cancelled");
	const int yes[] = {27, 'y'};
	screen_keys(&f, yes, 2);
	assert_int_equal(f.ui->depth, 1);
	assert_int_equal(testutil_scalar(f.db, "SELECT count(*) FROM timeline_item"), 24);
	/* a number field takes its digit, and refuses one out of range */
	const int person[] = {'S', 'a', '\t', '\t', '\t', '\t', '4', '9'};
	screen_keys(&f, person, 8);
	screen_assert_has("Power (1-5)    4");
	screen_assert_has("Power (1-5) is none, 1, 2, 3, 4 or 5: type its first letters");
	const int discard[] = {27, 'y'};
	screen_keys(&f, discard, 2);
	assert_int_equal(f.ui->depth, 1);
	/* Esc without changes closes at once */
	const int unchanged[] = {'a', 27};
	screen_keys(&f, unchanged, 2);
	assert_int_equal(f.ui->depth, 1);
	screen_stop(&f);
}

/* A field that names a record: Tab completes what was typed (case and
 * accents aside), Ctrl-P picks from a list that tells records of the same
 * name apart, and the record picked is saved without asking again. */
static void test_names_complete_and_pick(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 24, 80);
	jaw_err err;
	err_clear(&err);
	assert_int_equal(db_exec(f.db, "INSERT INTO stakeholder (kind, name, parent_id) SELECT"
	                               " 'organisation', 'Battlegroup Delta', id FROM stakeholder"
	                               " WHERE name = 'Combined CIMIC Centre'", &err), JAW_OK);
	int64_t second = testutil_scalar(f.db, "SELECT max(id) FROM stakeholder");
	const int focus[] = {'S'};
	screen_keys(&f, focus, 1);
	/* Tab completes "combined c" to the organisation's name */
	int keys[96], n = 0;
	keys[n++] = '\t';
	screen_type(keys, &n, "Ada Tabbed");
	keys[n++] = '\t';
	screen_type(keys, &n, "combined c");
	keys[n++] = '\t';
	keys[n++] = '\n';
	edit_run(&f, 'a', keys, n);
	assert_int_equal(testutil_scalar(f.db, "SELECT count(*) FROM stakeholder s JOIN stakeholder p"
	                                       " ON p.id = s.parent_id WHERE s.name = 'Ada Tabbed'"
	                                       " AND p.name = 'Combined CIMIC Centre'"), 1);
	/* Ctrl-P lists the organisations that match, told apart */
	n = 0;
	keys[n++] = '\t';
	screen_type(keys, &n, "Bea Picked");
	keys[n++] = '\t';
	screen_type(keys, &n, "battlegroup");
	keys[n++] = CTRL('p');
	f.ui->script_end = edit_capture;
	edit_run(&f, 'a', keys, n);
	f.ui->script_end = NULL;
	if (!strstr(edit_captured, "Battlegroup Delta (in Multinational Brigade South-East)") ||
	    !strstr(edit_captured, "Battlegroup Delta (in Combined CIMIC Centre)") ||
	    !strstr(edit_captured, "Pick the organisation") || !strstr(edit_captured, "1 of 2"))
		fprintf(stderr, "the picker:\n%s", edit_captured), fail();
	/* the second one picked: saved with it, no question */
	keys[n++] = 'j';
	keys[n++] = '\n';
	keys[n++] = '\n';
	edit_run(&f, 'a', keys, n);
	assert_int_equal(testutil_scalar(f.db, "SELECT parent_id FROM stakeholder"
	                                       " WHERE name = 'Bea Picked'"), second);
	/* nothing begins so: Tab says so and stays */
	n = 0;
	keys[n++] = '\t';
	screen_type(keys, &n, "Cy");
	keys[n++] = '\t';
	screen_type(keys, &n, "zz");
	keys[n++] = '\t';
	f.ui->script_end = edit_capture;
	edit_run(&f, 'a', keys, n);
	f.ui->script_end = NULL;
	if (!strstr(edit_captured, "No organisation begins with \"zz\""))
		fprintf(stderr, "no message:\n%s", edit_captured), fail();
	free(edit_captured);
	edit_captured = NULL;
	screen_stop(&f);
}

/* Tab on the command line completes the name in key=VALUE, quoted. */
static void test_filter_value_completes(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 24, 80);
	int keys[64], n = 0;
	screen_type(keys, &n, "filter stakeholder=ioana");
	keys[n++] = '\t';
	keys[n++] = '\n';
	edit_run(&f, ':', keys, n);
	screen_assert_has("stakeholder=\"Ioana C\xC4\x83praru");
	/* a name typed in other case and without accents is found too */
	n = 0;
	screen_type(keys, &n, "filter stakeholder=\"IOANA CAPRARU\"\n");
	edit_run(&f, ':', keys, n);
	screen_assert_has("stakeholder=\"IOANA CAPRARU\"");
	screen_stop(&f);
}

/* u in each pane takes back the last change made there, says what it
 * undid (or that there is nothing), and puts the cursor on the row that
 * came back; Esc on an edit form with changes asks first. */
static void test_undo_in_each_pane(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 24, 80);
	int keys[64], n = 0;
	screen_type(keys, &n, "goto 2026-11-02\n");
	edit_run(&f, ':', keys, n);
	int64_t at = ui_list(f.ui, VIEW_TIMELINE)->cursor;
	const int yes[] = {'y'};
	edit_run(&f, 'd', yes, 1);
	assert_int_equal(testutil_scalar(f.db, "SELECT count(*) FROM timeline_item"), 23);
	const int top_undo[] = {'g', 'u'};
	screen_keys(&f, top_undo, 2);
	screen_assert_has("Undid: deleted event “Mission visit to MINUVE”");
	assert_int_equal(testutil_scalar(f.db, "SELECT count(*) FROM timeline_item"), 24);
	assert_int_equal(ui_list(f.ui, VIEW_TIMELINE)->cursor, at);
	const int undo[] = {'u'};
	screen_keys(&f, undo, 1);
	screen_assert_has("Nothing to undo in the timeline.");
	const int redo[] = {CTRL('r')};
	screen_keys(&f, redo, 1);
	screen_assert_has("Redid: deleted event “Mission visit to MINUVE”");
	assert_int_equal(testutil_scalar(f.db, "SELECT count(*) FROM timeline_item"), 23);
	/* the other panes have nothing of their own to undo */
	const int stakeholders_undo[] = {'S', 'u'};
	screen_keys(&f, stakeholders_undo, 2);
	screen_assert_has("Nothing to undo in the stakeholder register.");
	const int evidence_undo[] = {'E', 'u'};
	screen_keys(&f, evidence_undo, 2);
	screen_assert_has("Nothing to undo in the evidence.");

	/* a stakeholder edited: Esc asks before it drops the change */
	n = 0;
	keys[n++] = '\t';
	keys[n++] = CTRL('u');
	screen_type(keys, &n, "Zed Command");
	keys[n++] = 27;
	f.ui->script_end = edit_capture;
	const int to_stakeholders[] = {'S', 'g'};
	screen_keys(&f, to_stakeholders, 2);
	edit_run(&f, 'e', keys, n);
	assert_non_null(strstr(edit_captured, "Discard your changes to this form (Edit stakeholder)?"));
	keys[n++] = 'n';
	keys[n++] = '\n';
	f.ui->script_end = NULL;
	edit_run(&f, 'e', keys, n);
	assert_int_equal(testutil_scalar(f.db, "SELECT count(*) FROM stakeholder"
	                                       " WHERE name = 'Zed Command'"), 1);
	/* the timeline's u skips it: the deleted item comes back, Zed stays */
	const int timeline_undo[] = {'T', 'u'};
	screen_keys(&f, timeline_undo, 2);
	screen_assert_has("Undid: deleted event “Mission visit to MINUVE”");
	assert_int_equal(testutil_scalar(f.db, "SELECT count(*) FROM stakeholder"
	                                       " WHERE name = 'Zed Command'"), 1);
	screen_keys(&f, stakeholders_undo, 2);
	screen_assert_has("Undid: edited organisation “Zed Command”");
	assert_int_equal(testutil_scalar(f.db, "SELECT count(*) FROM stakeholder"
	                                       " WHERE name = 'Zed Command'"), 0);
	screen_stop(&f);
}

/* A question longer than the screen is cut before "(y/n)", which shows. */
static void test_long_question_keeps_y_n(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 24, 80);
	jaw_err err;
	err_clear(&err);
	assert_int_equal(db_exec(f.db, "UPDATE source SET title = 'A very long title of an"
	                               " interview that goes on and on past the edge of the screen'"
	                               " WHERE title = 'Summary of the tasking letter'", &err), JAW_OK);
	const int focus[] = {'E', 'g'};
	screen_keys(&f, focus, 2);
	const int del[] = {'d'};
	screen_keys(&f, del, 1);
	char *screen = screen_text_new();
	const char *last = strrchr(screen, '\n');
	while (last > screen && last[-1] == '\n')
		last--;
	const char *line = last;
	while (line > screen && line[-1] != '\n')
		line--;
	if (!strstr(line, "Delete") || !strstr(line, "\xE2\x80\xA6 (y/n)"))
		fprintf(stderr, "the question:\n%s", screen), fail();
	free(screen);
	const int no[] = {'n'};
	screen_keys(&f, no, 1);
	screen_stop(&f);
}

/* Two analysts edit the same stakeholder: the second save shows what the
 * other changed meanwhile instead of writing over it; Enter again keeps
 * hers, Ctrl-T takes theirs. */
static void test_conflicting_edits_are_shown(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 24, 80);
	jaw_err err;
	err_clear(&err);
	const int focus[] = {'S', 'j', 'e'}; /* François Lefèvre */
	screen_keys(&f, focus, 3);
	screen_assert_has("Edit stakeholder");
	/* she changes the contact; meanwhile someone else changes the role */
	int keys[64], n = 0;
	for (int i = 0; i < 7; i++)
		keys[n++] = KEYS_DOWN;
	keys[n++] = CTRL('u');
	screen_type(keys, &n, "francois@example.org");
	screen_keys(&f, keys, n);
	assert_int_equal(db_exec(f.db, "UPDATE stakeholder SET role = 'Head of liaison'"
	                               " WHERE name = 'Fran\xC3\xA7ois Lef\xC3\xA8vre'", &err), JAW_OK);
	const int enter[] = {'\n'};
	screen_keys(&f, enter, 1);
	screen_assert_has("Changed by someone else since you opened");
	screen_assert_has("Role is now \"Head of");
	/* nothing was written over theirs */
	static const char contact_sql[] = "SELECT count(*) FROM stakeholder WHERE contact ="
	                                  " 'francois@example.org'";
	assert_int_equal(testutil_scalar(f.db, contact_sql), 0);
	/* Ctrl-T takes theirs; Enter saves both changes */
	const int take[] = {CTRL('t'), '\n'};
	screen_keys(&f, take, 2);
	assert_int_equal(testutil_scalar(f.db, "SELECT count(*) FROM stakeholder WHERE role ="
	                                       " 'Head of liaison' AND contact ="
	                                       " 'francois@example.org'"), 1);
	/* again: this time Enter twice keeps hers */
	screen_keys(&f, (const int[]){'e'}, 1);
	n = 0;
	for (int i = 0; i < 3; i++)
		keys[n++] = KEYS_DOWN;
	keys[n++] = CTRL('u');
	screen_type(keys, &n, "Liaison officer");
	screen_keys(&f, keys, n);
	assert_int_equal(db_exec(f.db, "UPDATE stakeholder SET role = 'Someone else''s'"
	                               " WHERE name = 'Fran\xC3\xA7ois Lef\xC3\xA8vre'", &err), JAW_OK);
	screen_keys(&f, enter, 1);
	screen_assert_has("Role is now \"Someone");
	screen_keys(&f, enter, 1);
	assert_int_equal(testutil_scalar(f.db, "SELECT count(*) FROM stakeholder WHERE role ="
	                                       " 'Liaison officer'"), 1);
	/* a record deleted meanwhile: said, not saved */
	screen_keys(&f, (const int[]){'e'}, 1);
	assert_int_equal(db_exec(f.db, "PRAGMA foreign_keys = OFF; DELETE FROM stakeholder WHERE"
	                               " name = 'Fran\xC3\xA7ois Lef\xC3\xA8vre'", &err), JAW_OK);
	screen_keys(&f, enter, 1);
	screen_assert_has("Someone else deleted this stakeholder");
	screen_keys(&f, (const int[]){27, 'y'}, 2);
	screen_stop(&f);
}

int main(void)
{
	testutil_init();
	unsetenv("NO_COLOR");
	setenv("VISUAL", "false", 1); /* no editor runs in these tests */
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add_timeline_item_with_the_form),
		cmocka_unit_test(test_form_shows_errors_and_keeps_the_input),
		cmocka_unit_test(test_edit_stakeholder_and_refuse_a_cycle),
		cmocka_unit_test(test_add_stakeholder_choices_cycle),
		cmocka_unit_test(test_delete_asks_first),
		cmocka_unit_test(test_undo_in_each_pane),
		cmocka_unit_test(test_command_line),
		cmocka_unit_test(test_search_and_next),
		cmocka_unit_test(test_evidence_filter_sort_and_links),
		cmocka_unit_test(test_read_a_source),
		cmocka_unit_test(test_form_choices_typed_and_changes_kept),
		cmocka_unit_test(test_names_complete_and_pick),
		cmocka_unit_test(test_filter_value_completes),
		cmocka_unit_test(test_long_question_keeps_y_n),
		cmocka_unit_test(test_conflicting_edits_are_shown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
