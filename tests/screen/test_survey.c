/* test_survey.c - the survey view and the import dialog on a virtual
 * terminal: the demo survey's respondents, the chart of a question's
 * answers, an open answer coded in the reader and counted by attribute,
 * and importing a CSV file through the dialog (changing a role, a refused
 * file, a cancelled import, a file whose ids repeat). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "model.h"
#include "screenutil.h"
#include "xalloc.h"

static char *captured;

static void capture(struct ui *ui, void *ctx)
{
	(void)ui, (void)ctx;
	free(captured);
	captured = screen_text_new();
}

/* Runs key with a script of keys for what it opens (a prompt, the dialog,
 * the reader); the screen when the script ran out is in `captured`. */
static void run_with(struct screen_fixture *f, int key, const int *script, int n)
{
	ui_script(f->ui, script, n);
	f->ui->script_end = capture;
	ui_key(f->ui, key);
	ui_draw(f->ui);
}

static void expect_captured(const char *text)
{
	if (!captured || !strstr(captured, text)) {
		fprintf(stderr, "# \"%s\" is not on the screen:\n%s", text, captured ? captured : "");
		fail();
	}
}

static char *fixture_new(const char *name)
{
	const char *top = getenv("top_srcdir");
	return xasprintf("%s/tests/fixtures/csv/%s", top ? top : "..", name);
}

/* Types the path of fixture name, then Enter, then the keys in more. */
static int import_script(int *keys, const char *name, const int *more, int nmore)
{
	int n = 0;
	char *path = fixture_new(name);
	screen_type(keys, &n, path);
	free(path);
	keys[n++] = '\n';
	for (int i = 0; i < nmore; i++)
		keys[n++] = more[i];
	return n;
}

static void test_respondents(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 24, 80);
	const int keys[] = {'U'};
	screen_keys(&f, keys, 1);
	screen_assert_has(" Survey: respondents  1/312  Online survey of deployed staff");
	screen_assert_has("ID         Line  Open Attributes and answers");
	screen_assert_has("S0001      2     3    Estonia | Gender adviser | Component command | 17");
	screen_assert_has("S0001 (line 2): Nation=Estonia, Role=Gender adviser");
	const int down[] = {'G'};
	screen_keys(&f, down, 1);
	screen_assert_has(" Survey: respondents  312/312");
	const int back[] = {'q'};
	screen_keys(&f, back, 1);
	screen_assert_has(" Timeline  ");
	/* :view survey opens it too */
	int cmd[64], n = 0;
	screen_type(cmd, &n, "view survey");
	cmd[n++] = '\n';
	run_with(&f, ':', cmd, n);
	screen_assert_has(" Survey: respondents  312/312");
	screen_stop(&f);
}

static void test_a_respondents_open_answers(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 24, 80);
	const int keys[] = {'U'};
	screen_keys(&f, keys, 1);
	/* Enter lists the respondent's open answers */
	const int look[] = {'j'};
	run_with(&f, '\n', look, 1);
	expect_captured(" S0001: 3 open answers (Enter reads, q back) ");
	expect_captured("What worked well in protecting…: Having an interpreter");
	expect_captured("Any other comments?: Reporting feels like a box-ticking exercise.");
	/* Enter on the third reads it */
	const int read[] = {'j', 'j', '\n'};
	run_with(&f, '\n', read, 3);
	expect_captured("Reporting feels like a box-ticking exercise.");
	expect_captured("q close");
	screen_assert_has(" Survey: respondents  1/312");
	screen_stop(&f);
}

static void test_distribution_chart(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 24, 80);
	const int keys[] = {'U', '2', 'j', 'j', 'j'};
	screen_keys(&f, keys, 5);
	screen_assert_has(" Survey: questions  4/18  Online survey of deployed staff");
	screen_assert_has("Answers to Unit type");
	screen_assert_has("Component command \u2588");
	screen_assert_has(" 72  23%");
	/* a Likert question: the scale in order, then those who gave no answer */
	const int likert[] = {'j', 'j'};
	screen_keys(&f, likert, 2);
	screen_assert_has("Answers to Q1. My unit");
	screen_assert_has("3           \u2588");
	screen_assert_has(" 84  27%");
	screen_assert_has("(no answer) \u2588");
	/* an open question says how many answers it has */
	const int last[] = {'G'};
	screen_keys(&f, last, 1);
	screen_assert_has("Any other comments?: open answers");
	screen_assert_has("263 answers; Enter lists them for coding");
	screen_stop(&f);
}

static void test_open_answer_in_the_reader_then_codings_by_nation(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 24, 80);
	/* Enter on the last question lists its open answers */
	const int keys[] = {'U', '2', 'G', '\n'};
	screen_keys(&f, keys, 4);
	screen_assert_has(" Survey: open answers  1/263  Online survey of deployed staff  answers to");
	screen_assert_has("S0001      0    Reporting feels like a box-ticking exercise.");
	assert_int_equal(testutil_scalar(f.db, "SELECT count(*) FROM coding g JOIN source s"
	                                       " ON s.id = g.source_id WHERE s.respondent_id"
	                                       " IS NOT NULL"), 0);
	/* Enter reads the answer; quick key 1 codes its first sentence */
	const int reader[] = {'1'};
	run_with(&f, '\n', reader, 1);
	expect_captured("Reporting feels like a box-ticking exercise.");
	expect_captured("with Protection of civilians");
	assert_int_equal(testutil_scalar(f.db, "SELECT count(*) FROM coding g JOIN source s"
	                                       " ON s.id = g.source_id WHERE s.respondent_id"
	                                       " IS NOT NULL"), 1);
	/* back in the list, the answer counts one coding */
	screen_assert_has("S0001      1    Reporting feels like");
	/* 4: the codings counted by the first attribute, Nation */
	const int table[] = {'4'};
	screen_keys(&f, table, 1);
	screen_assert_has(" Survey: codings  1/1  Online survey of deployed staff  by Nation");
	screen_assert_has("Value");
	screen_assert_has("Estonia");
	screen_assert_has("Protection of civilians");
	screen_assert_has("Nation = Estonia: 1 coding of Protection of civilians by 1 re");
	/* Enter lists the coded segments there; Enter reads one at the coding */
	const int segments[] = {'k'};
	run_with(&f, '\n', segments, 1);
	expect_captured(" Nation = Estonia, Protection of civilians: 1 segment (Enter read");
	expect_captured("S0001, Any other comments?: Reporting feels like a box-ticking ex");
	const int read[] = {'\n'};
	run_with(&f, '\n', read, 1);
	expect_captured("S0001: Any other comments?");
	screen_assert_has(" Survey: codings  1/1");
	/* by another attribute, chosen on the questions list */
	const int by_role[] = {'2', 'g', 'j', 'j', '\n'};
	screen_keys(&f, by_role, 5);
	screen_assert_has(" Survey: codings  1/1  Online survey of deployed staff  by Role");
	screen_assert_has("Gender adviser");
	screen_stop(&f);
}

/* What the screen showed when a count's progress line was first drawn. */
static char *progress_screen;

static void progress_seen(struct ui *ui)
{
	(void)ui;
	if (!progress_screen)
		progress_screen = screen_text_new();
}

/* The codings by attribute are counted once, showing the progress (busy_after
 * 0: every count is long enough); after a change Esc cancels the count
 * again: the table is empty and says how to count, and 4 counts. */
static void test_codings_count_progress_and_cancel(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 24, 80);
	jaw_err err;
	err_clear(&err);
	assert_int_equal(db_exec(f.db, "INSERT INTO coding (source_id, start_cp, end_cp, code_id,"
	                               " coder) SELECT min(id), 0, 9, (SELECT min(id) FROM code),"
	                               " 'ana' FROM source WHERE respondent_id IS NOT NULL", &err),
	                 JAW_OK);
	f.ui->busy_after = 0;
	f.ui->busy_drawn = progress_seen;
	const int keys[] = {'U', '4'};
	screen_keys(&f, keys, 2);
	assert_non_null(progress_screen);
	assert_non_null(strstr(progress_screen, "\nCounting the codings by Nation\u2026 "));
	assert_non_null(strstr(progress_screen, " s  (Esc cancels)"));
	free(progress_screen);
	progress_screen = NULL;
	f.ui->busy_drawn = NULL;
	screen_assert_has(" Survey: codings  1/1  Online survey of deployed staff  by Nation");
	/* paging reads the counts: no progress */
	f.ui->busy_drawn = progress_seen;
	const int moves[] = {'j', 'G', 'g'};
	screen_keys(&f, moves, 3);
	assert_null(progress_screen);
	/* a change, then Esc while the codings are counted again */
	assert_int_equal(db_exec(f.db, "UPDATE code SET name = name || ' (renamed)'"
	                               " WHERE id = (SELECT min(id) FROM code)", &err), JAW_OK);
	f.ui->busy_drawn = NULL;
	ungetch(27);
	const int two_four[] = {'2', '4'};
	screen_keys(&f, two_four, 2);
	screen_expect("survey-codings-cancelled-80x24");
	const int four[] = {'4'};
	screen_keys(&f, four, 1);
	screen_assert_has(" Survey: codings  1/1  Online survey of deployed staff  by Nation");
	screen_assert_has("1 coding of Protection of civilians (rename");
	screen_stop(&f);
}

static void test_import_dialog_with_a_role_changed(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 24, 80);
	const int open[] = {'U'};
	screen_keys(&f, open, 1);
	/* the preview: columns, guessed roles, types, values, reasons */
	int keys[512];
	const int preview[] = {'j', ' '};
	int n = import_script(keys, "likert-labels.csv", preview, 2);
	run_with(&f, 'i', keys, n);
	expect_captured(" Import survey \"likert-labels\" from ");
	expect_captured(" 5 respondents, 5 columns, 5 open answers; delimiter ',', UTF-8");
	expect_captured(" Roles: 1 id, 1 attribute, 2 likert, 1 open text, 0 ignored");
	expect_captured("   1 id             id         text          5  heading names an id");
	expect_captured("   5 Unit           attribute  text          3  categories");
	expect_captured("   2 Training was s open text  text          4  given");
	expect_captured("   3 How often do y likert     integer       5  labels of a scale: 1=Never,");
	expect_captured("Training was sufficient is now open text.");
	/* the script ran out: the dialog was left without importing */
	screen_assert_has("Import cancelled: nothing was imported.");
	assert_int_equal(testutil_scalar(f.db, "SELECT count(*) FROM survey"), 1);
	/* again, with Enter: the import, all of it */
	const int import[] = {'j', ' ', '\n'};
	n = import_script(keys, "likert-labels.csv", import, 3);
	run_with(&f, 'i', keys, n);
	assert_int_equal(testutil_scalar(f.db, "SELECT count(*) FROM survey"), 2);
	assert_int_equal(testutil_scalar(f.db, "SELECT count(*) FROM survey_column c JOIN survey s"
	                                       " ON s.id = c.survey_id WHERE s.name = 'likert-labels'"
	                                       " AND c.position = 2 AND c.role = 'open_text'"), 1);
	assert_int_equal(testutil_scalar(f.db, "SELECT count(*) FROM source WHERE kind ="
	                                       " 'survey_answer' AND text = 'Strongly agree'"), 1);
	screen_assert_has("Imported \"likert-labels\": 5 respondents, 5 open answers");
	screen_assert_has(" Survey: respondents  1/5  likert-labels (2 of 2; [ ] switch)");
	screen_assert_has("1          2     1    Never | 1 - Very poor | Alpha");
	/* the chart shows the labels of the scale */
	const int chart[] = {'2', 'j', 'j'};
	screen_keys(&f, chart, 3);
	screen_assert_has("Answers to How often do you report inciden");
	screen_assert_has("2 Rarely    \u2588");
	screen_assert_has("1 Never");
	/* a label that starts with its number is shown once, as written */
	const int rating[] = {'j'};
	screen_keys(&f, rating, 1);
	screen_assert_has("Answers to Overall rating");
	screen_assert_has("1 - Very poor \u2588");
	char *all = screen_text_new();
	assert_null(strstr(all, "1 1 - Very poor"));
	free(all);
	/* ] goes round to the first survey */
	const int next[] = {']'};
	screen_keys(&f, next, 1);
	screen_assert_has("Online survey of deployed staff (1 of 2; [ ] switch)");
	screen_stop(&f);
}

/* s in the dialog: the scale of a Likert column in another order, its
 * mapping shown at once; a scale without one of the values refused with
 * the mapping kept; the import stores the new numbers, values as written. */
static void test_import_dialog_with_a_scale_changed(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 24, 120);
	const int open[] = {'U'};
	screen_keys(&f, open, 1);
	int keys[512], n;
	/* column 3, s, the line cleared (Ctrl-U at its end), a scale lacking "Often" */
	const int bad[] = {'j', 'j', 's', KEYS_END, 'U' & 0x1f, 'N', 'e', 'v', 'e', 'r', '|', 'A', 'l',
	                   'w', 'a', 'y', 's', '\n'};
	n = import_script(keys, "likert-labels.csv", bad, (int)(sizeof bad / sizeof *bad));
	run_with(&f, 'i', keys, n);
	expect_captured("column 3 (How often do you report incidents?) holds \"Sometimes\", not one");
	expect_captured("   3 How often do y likert     integer       5  labels of a scale: 1=Never,"
	                " 2=Rarely, 3=Sometimes, 4=Often, 5=Always");
	/* the error in the error's colours */
	struct screen_cell error, normal;
	screen_cell_get(23, 1, &error);
	screen_cell_get(4, 1, &normal);
	assert_int_not_equal(error.pair, normal.pair);
	/* the scale the other way round: the preview shows it, then the import */
	int more[64], m = 0;
	more[m++] = 'j';
	more[m++] = 'j';
	more[m++] = 's';
	more[m++] = KEYS_END;
	more[m++] = 'U' & 0x1f;
	screen_type(more, &m, "Always|Often|Sometimes|Rarely|Never");
	more[m++] = '\n';
	n = import_script(keys, "likert-labels.csv", more, m);
	run_with(&f, 'i', keys, n);
	expect_captured("   3 How often do y likert     integer       5  given: 1=Always, 2=Often,"
	                " 3=Sometimes, 4=Rarely, 5=N");
	expect_captured("How often do you report incidents? is Likert: 1=Always, 2=Often,");
	assert_int_equal(testutil_scalar(f.db, "SELECT count(*) FROM survey"), 1);
	more[m++] = '\n';
	n = import_script(keys, "likert-labels.csv", more, m);
	run_with(&f, 'i', keys, n);
	assert_int_equal(testutil_scalar(f.db, "SELECT count(*) FROM survey"), 2);
	/* respondent 1 wrote Never: now 5, shown as Never; 5 wrote Rarely: 4 */
	assert_int_equal(testutil_scalar(f.db, "SELECT json_extract(r.answers, '$[2]') FROM respondent r"
	                                       " JOIN survey s ON s.id = r.survey_id"
	                                       " WHERE s.name = 'likert-labels' AND r.external_id = '1'"),
	                 5);
	assert_int_equal(testutil_scalar(f.db, "SELECT json_extract(r.answers, '$[2]') FROM respondent r"
	                                       " JOIN survey s ON s.id = r.survey_id"
	                                       " WHERE s.name = 'likert-labels' AND r.external_id = '5'"),
	                 4);
	assert_int_equal(testutil_scalar(f.db, "SELECT count(*) FROM survey_label l JOIN survey_column c"
	                                       " ON c.id = l.column_id JOIN survey s ON s.id = c.survey_id"
	                                       " WHERE s.name = 'likert-labels' AND c.position = 3 AND"
	                                       " ((l.value = 5 AND l.label = 'Never') OR (l.value = 1 AND"
	                                       " l.label = 'Always'))"), 2);
	screen_assert_has("1          2     0    Strongly agree | Never | 1 - Very poor | Alpha");
	screen_stop(&f);
}

static void test_import_refused_cancelled_and_stopped(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 24, 80);
	const int open[] = {'U'};
	screen_keys(&f, open, 1);
	int keys[512];
	/* a file that is not CSV is refused with its name and line */
	int n = import_script(keys, "unterminated.csv", NULL, 0);
	run_with(&f, 'i', keys, n);
	screen_assert_has(" unterminated.csv line ");
	assert_true(f.ui->message_is_error);
	assert_int_equal(testutil_scalar(f.db, "SELECT count(*) FROM survey"), 1);
	/* Esc in the preview cancels */
	const int esc[] = {27};
	n = import_script(keys, "basic.csv", esc, 1);
	run_with(&f, 'i', keys, n);
	screen_assert_has("Import cancelled: nothing was imported.");
	assert_int_equal(testutil_scalar(f.db, "SELECT count(*) FROM survey"), 1);
	/* a guessed id that repeats is shown, and rows number the respondents */
	n = import_script(keys, "dup-ids.csv", NULL, 0);
	run_with(&f, 'i', keys, n);
	expect_captured("Problems (");
	expect_captured("looks like the respondent id, but line 6: duplicate");
	const int enter[] = {'\n'};
	n = import_script(keys, "dup-ids.csv", enter, 1);
	run_with(&f, 'i', keys, n);
	screen_assert_has("5          6     0    A2 | Italy | 1");
	assert_int_equal(testutil_scalar(f.db, "SELECT count(*) FROM survey"), 2);
	screen_stop(&f);
}

static void test_wide_and_narrow_terminals(void **state)
{
	(void)state;
	struct screen_fixture f;
	/* wide: the details pane describes the respondent, with no evidence list */
	screen_open_demo(&f, 40, 160);
	const int keys[] = {'U'};
	screen_keys(&f, keys, 1);
	screen_assert_has(" Details");
	screen_assert_has("Nation=Estonia");
	char *screen = screen_text_new();
	assert_null(strstr(screen, "Evidence (Enter lists it)"));
	assert_null(strstr(screen, "No evidence linked."));
	free(screen);
	screen_stop(&f);
	/* narrow: the questions without the chart */
	screen_open_demo(&f, 16, 50);
	const int narrow[] = {'U', '2', 'j'};
	screen_keys(&f, narrow, 3);
	screen_assert_has(" Survey: questions  2/18");
	screen_assert_has("Nation");
	screen = screen_text_new();
	assert_null(strstr(screen, "Answers to"));
	free(screen);
	screen_stop(&f);
}

int main(void)
{
	testutil_init();
	unsetenv("NO_COLOR");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_respondents),
		cmocka_unit_test(test_a_respondents_open_answers),
		cmocka_unit_test(test_distribution_chart),
		cmocka_unit_test(test_open_answer_in_the_reader_then_codings_by_nation),
		cmocka_unit_test(test_codings_count_progress_and_cancel),
		cmocka_unit_test(test_import_dialog_with_a_role_changed),
		cmocka_unit_test(test_import_dialog_with_a_scale_changed),
		cmocka_unit_test(test_import_refused_cancelled_and_stopped),
		cmocka_unit_test(test_wide_and_narrow_terminals),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
