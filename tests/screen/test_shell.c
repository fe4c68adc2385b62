/* test_shell.c - the shell of the interface on a virtual terminal: drawing
 * runs no query (a trace hook on the connection counts every statement),
 * a chooser of 60 rows on a 24-line screen reaches its last row with G and
 * with j, the code picker and the reader behind it follow another
 * session's changes, requests between views, and the stack (q goes back
 * to what was there). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "model.h"
#include "project_schema.h"
#include "screenutil.h"
#include "xalloc.h"

/* Counts the statements the connection runs (sqlite3_trace_v2). */
static int shell_statements;

static int shell_count_statement(unsigned type, void *ctx, void *p, void *x)
{
	(void)type, (void)ctx, (void)p, (void)x;
	shell_statements++;
	return 0;
}

/* Redraws the whole screen; returns how many statements that ran. */
static int shell_redraw_statements(struct screen_fixture *f)
{
	f->ui->clear_all = true;
	shell_statements = 0;
	sqlite3_trace_v2(db_sqlite(f->db), SQLITE_TRACE_STMT, shell_count_statement, NULL);
	ui_draw(f->ui);
	sqlite3_trace_v2(db_sqlite(f->db), 0, NULL, NULL);
	return shell_statements;
}

/* Asserts that a redraw of the screen as it is now runs no query. */
static void shell_expect_no_query(struct screen_fixture *f, const char *what)
{
	int n = shell_redraw_statements(f);
	if (n != 0)
		fail_msg("drawing %s ran %d statement(s)", what, n);
}

static void test_drawing_runs_no_query(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 40, 160);
	/* the hook counts: reading the panes again runs queries */
	shell_statements = 0;
	sqlite3_trace_v2(db_sqlite(f.db), SQLITE_TRACE_STMT, shell_count_statement, NULL);
	ui_reload(f.ui);
	ui_update(f.ui);
	sqlite3_trace_v2(db_sqlite(f.db), 0, NULL, NULL);
	assert_true(shell_statements > 0);
	shell_expect_no_query(&f, "the panes with the Details pane");
	const int grid[] = {'S', 'v'};
	screen_keys(&f, grid, 2);
	screen_assert_has("Manage closely");
	shell_expect_no_query(&f, "the power/interest grid");
	const int chart[] = {'v', 'T', 'z'};
	screen_keys(&f, chart, 3);
	shell_expect_no_query(&f, "the Gantt chart");
	const int survey[] = {'z', 'U', '2', 'j', 'j', 'j'};
	screen_keys(&f, survey, 6);
	screen_assert_has("Answers to Unit type");
	shell_expect_no_query(&f, "the survey's chart");
	const int codebook[] = {'C', '\n'};
	screen_keys(&f, codebook, 2);
	screen_assert_has("segments with the codes below it");
	shell_expect_no_query(&f, "a chooser over the codebook");
	const int reader[] = {'\n'};
	screen_keys(&f, reader, 1);
	screen_assert_has("Interview with the brigade legal adviser");
	shell_expect_no_query(&f, "the reader");
	const int picker[] = {'c', 't'};
	screen_keys(&f, picker, 2);
	screen_assert_has("> t");
	shell_expect_no_query(&f, "the code picker over the reader");
	const int form[] = {27, 'q', 'q', 'a'};
	screen_keys(&f, form, 4);
	screen_assert_has(" Add a code ");
	shell_expect_no_query(&f, "a form");
	const int help[] = {27, '?'};
	screen_keys(&f, help, 2);
	screen_assert_has("Keys: Codebook");
	shell_expect_no_query(&f, "the help");
	screen_stop(&f);
}

/* Codes 60 segments of source 3 with a new code "Sixty". */
static void shell_sixty_segments(struct screen_fixture *f)
{
	jaw_err err;
	err_clear(&err);
	assert_int_equal(db_exec(f->db, "INSERT INTO code (name, position) VALUES ('Sixty', 0);"
	                                "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1"
	                                " FROM n WHERE i < 59) INSERT INTO coding (source_id,"
	                                " start_cp, end_cp, code_id, coder) SELECT 3, i * 10,"
	                                " i * 10 + 5, (SELECT id FROM code WHERE name = 'Sixty'),"
	                                " 'test' FROM n;", &err), JAW_OK);
}

static void test_a_chooser_of_60_rows_scrolls_to_the_last(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 24, 80);
	shell_sixty_segments(&f);
	/* the codebook lists Sixty first (position 0); Enter lists its segments */
	const int open[] = {'C', 'g', '\n'};
	screen_keys(&f, open, 3);
	screen_assert_has(" Sixty: 60 segments (Enter reads, q back) ");
	screen_assert_has("1 of 60");
	const int last[] = {'G'};
	screen_keys(&f, last, 1);
	screen_assert_has("60 of 60");
	int64_t start = testutil_scalar(f.db, "SELECT max(start_cp) FROM coding WHERE code_id ="
	                                      " (SELECT id FROM code WHERE name = 'Sixty')");
	assert_int_equal(start, 590);
	/* the last row is on the screen and selected: Enter reads it there */
	const int read[] = {'\n'};
	screen_keys(&f, read, 1);
	screen_assert_has(" 590/");
	/* q goes back to the chooser, Esc to the codebook; again with j */
	const int back[] = {'q', 27, '\n'};
	screen_keys(&f, back, 3);
	screen_assert_has("1 of 60");
	int keys[59];
	for (int i = 0; i < 59; i++)
		keys[i] = 'j';
	screen_keys(&f, keys, 59);
	screen_assert_has("60 of 60");
	screen_keys(&f, read, 1);
	screen_assert_has(" 590/");
	/* / filters as you type: nothing has "zqzq" */
	int typed[16], n = 0;
	typed[n++] = 'q';
	typed[n++] = '/';
	screen_type(typed, &n, "zqzq");
	screen_keys(&f, typed, n);
	screen_assert_has("nothing matches");
	/* the last segment's text: as many rows as segments hold it */
	const char *sixty = "(SELECT id FROM code WHERE name = 'Sixty')";
	char *sql = xasprintf("SELECT substr(text, 591, 5) FROM source WHERE id = 3");
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(db_sqlite(f.db), sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	char *piece = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	free(sql);
	sql = xasprintf("SELECT count(*) FROM coding k JOIN source s ON s.id = k.source_id WHERE"
	                " k.code_id = %s AND instr(substr(s.text, k.start_cp + 1, 5), '%s') > 0",
	                sixty, piece);
	int64_t expected = testutil_scalar(f.db, sql);
	free(sql);
	assert_true(expected >= 1 && expected < 60);
	n = 0;
	typed[n++] = 21; /* Ctrl-U */
	screen_type(typed, &n, piece);
	screen_keys(&f, typed, n);
	char want[32];
	snprintf(want, sizeof want, "1 of %lld", (long long)expected);
	screen_assert_has(want);
	free(piece);
	screen_stop(&f);
}

static void test_picker_and_reader_follow_another_session(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 30, 100);
	struct ui_target t = {.view = VIEW_READER, .id = 3, .at = 0};
	ui_show(f.ui, &t);
	const int pick[] = {'c', 'Z', 'e', 'b'};
	screen_keys(&f, pick, 4);
	screen_assert_has("no code matches: Enter makes a new code \"Zeb\"");
	/* another session adds a code and codes the start of the source with it */
	struct jaw_db *other = NULL;
	jaw_err err;
	err_clear(&err);
	assert_int_equal(db_open("demo.jaw", 0, &project_schema, &other, &err), JAW_OK);
	assert_int_equal(db_exec(other, "INSERT INTO code (name, position) VALUES ('Zebra crossing',"
	                                " 99); INSERT INTO coding (source_id, start_cp, end_cp,"
	                                " code_id, coder) VALUES (3, 0, 9, (SELECT id FROM code"
	                                " WHERE name = 'Zebra crossing'), 'other');", &err), JAW_OK);
	db_close(other);
	assert_true(ui_poll_changes(f.ui));
	ui_draw(f.ui);
	/* the picker lists it, and the reader's margin behind it names it */
	screen_assert_has("1 of 1");
	screen_assert_has("Zebra crossing");
	screen_assert_has("Zebra c");
	const int take[] = {'\n'};
	screen_keys(&f, take, 1);
	assert_int_equal(testutil_scalar(f.db, "SELECT count(*) FROM coding WHERE code_id ="
	                                       " (SELECT id FROM code WHERE name = 'Zebra crossing')"),
	                 2);
	screen_stop(&f);
}

static void test_requests_and_the_stack(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 24, 80);
	/* Enter on a timeline item asks for its evidence: the Evidence pane,
	 * filtered, takes the focus */
	const int item[] = {'j', 'j', 'j', 'j', 'j', 'j', 'j', '\n'};
	screen_keys(&f, item, 8);
	screen_assert_has(" Evidence  1/2  at Interview trip to LCC Kraków");
	/* the codebook over the panes, the reader over the codebook's list:
	 * q goes back one step at a time */
	const int deep[] = {'C', '\n', '\n'};
	screen_keys(&f, deep, 3);
	assert_int_equal(f.ui->depth, 4);
	const int q[] = {'q'};
	screen_keys(&f, q, 1);
	screen_assert_has("segments with the codes below it");
	const int esc[] = {27};
	screen_keys(&f, esc, 1);
	screen_assert_has(" Codebook  1/33");
	/* a view key goes straight there, closing what was open */
	const int to[] = {'\n', '\n', 'S'};
	screen_keys(&f, to, 3);
	assert_int_equal(f.ui->depth, 1);
	screen_assert_has(" Stakeholders  1/29");
	/* :view names the views of the registry */
	int keys[64], n = 0;
	keys[n++] = ':';
	screen_type(keys, &n, "view nowhere\n");
	screen_keys(&f, keys, n);
	screen_assert_has("view: no view \"nowhere\" (timeline, stakeholders, evidence, codebook, survey, a");
	n = 0;
	keys[n++] = ':';
	screen_type(keys, &n, "view reader\n");
	screen_keys(&f, keys, n);
	screen_assert_has("view: the reader opens from another view");
	screen_stop(&f);
}

static void test_names_that_repeat_ask_which(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 24, 80);
	jaw_err err;
	err_clear(&err);
	assert_int_equal(db_exec(f.db, "INSERT INTO stakeholder (kind, name, parent_id) SELECT"
	                               " 'organisation', 'Battlegroup Delta', id FROM stakeholder"
	                               " WHERE name = 'Combined CIMIC Centre';"
	                               "INSERT INTO timeline_item (kind, title, start_date, location)"
	                               " VALUES ('event', 'Scoping workshop', '2026-08-12', 'Izmir');",
	                       &err), JAW_OK);
	int64_t second = testutil_scalar(f.db, "SELECT max(id) FROM stakeholder WHERE name ="
	                                       " 'Battlegroup Delta'");
	/* a person in "Battlegroup Delta": which one? */
	int keys[128], n = 0;
	keys[n++] = 'S';
	keys[n++] = 'a';
	keys[n++] = '\t';
	screen_type(keys, &n, "Kari Nordmann");
	keys[n++] = '\t';
	screen_type(keys, &n, "Battlegroup Delta\n");
	screen_keys(&f, keys, n);
	screen_assert_has(" 2 organisations are called \"Battlegroup Delta\": which one? ");
	screen_assert_has("Battlegroup Delta (in Multinational Brigade South-East)");
	screen_assert_has("Battlegroup Delta (in Combined CIMIC Centre)");
	assert_int_equal(testutil_scalar(f.db, "SELECT count(*) FROM stakeholder WHERE name ="
	                                       " 'Kari Nordmann'"), 0);
	const int second_one[] = {'j', '\n'};
	screen_keys(&f, second_one, 2);
	char *sql = xasprintf("SELECT count(*) FROM stakeholder WHERE name = 'Kari Nordmann' AND"
	                      " parent_id = %lld", (long long)second);
	assert_int_equal(testutil_scalar(f.db, sql), 1);
	free(sql);
	screen_assert_has("Saved.");
	assert_int_equal(f.ui->depth, 1);
	/* :filter with an event title two items have */
	n = 0;
	keys[n++] = ':';
	screen_type(keys, &n, "filter event=\"Scoping workshop\"\n");
	screen_keys(&f, keys, n);
	screen_assert_has(" 2 timeline items are called \"Scoping workshop\": which one? ");
	const int first_one[] = {'\n'};
	screen_keys(&f, first_one, 1);
	screen_assert_has(" Evidence  1/1  event=\"Scoping workshop (event, 2026-08-11 to 2026-08-12,");
	screen_stop(&f);
}

/* Asserts that the screen does not hold text. */
static void shell_assert_hasnt(const char *text)
{
	char *screen = screen_text_new();
	if (strstr(screen, text)) {
		fprintf(stderr, "# \"%s\" is on the screen:\n%s", text, screen);
		fail_msg("\"%s\" is on the screen (see above)", text);
	}
	free(screen);
}

/* Asserts that no line inside the box drawn from column x (its left
 * border) to the next border is cut with an ellipsis. */
static void shell_assert_box_uncut(void)
{
	char *screen = screen_text_new();
	for (char *line = strtok(screen, "\n"); line; line = strtok(NULL, "\n")) {
		char *left = strstr(line, "\u2502");
		char *right = left ? strstr(left + 3, "\u2502") : NULL;
		if (!right)
			continue;
		*right = '\0';
		if (strstr(left, "\u2026"))
			fail_msg("a line of the box is cut: %s", left);
	}
	free(screen);
}

static void test_help_fits_the_view(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 24, 80);
	/* the reader's help: its keys, none of the lists' */
	struct ui_target t = {.view = VIEW_READER, .id = 3, .at = 0};
	ui_show(f.ui, &t);
	const int help[] = {'?'};
	screen_keys(&f, help, 1);
	screen_assert_has(" Keys: Reader: lines 1-");
	screen_assert_has("In the reader");
	screen_assert_has("To the next sentence");
	shell_assert_hasnt("Add a");
	shell_assert_hasnt("Delete");
	/* descriptions wrap instead of being cut at 80 columns */
	int keys[80], n = 0;
	for (int i = 0; i < 1; i++)
		keys[n++] = KEYS_PGDN;
	screen_keys(&f, keys, n);
	screen_assert_has("1-9                      Apply the code with that quick key");
	shell_assert_box_uncut();
	const int end[] = {'G'};
	screen_keys(&f, end, 1);
	screen_assert_has(":likert [ATTR]");
	screen_assert_has(":agreement CODER CODER...");
	const int close[] = {'q', 'q'};
	screen_keys(&f, close, 2);
	/* the survey's: v goes round its modes */
	const int survey[] = {'U', '?'};
	screen_keys(&f, survey, 2);
	screen_assert_has("Go round the four modes");
	shell_assert_hasnt("Focus the next pane");
	const int back[] = {'q', 'q'};
	screen_keys(&f, back, 2);
	/* :help filter shows the syntax; an unknown topic says what there is */
	n = 0;
	keys[n++] = ':';
	screen_type(keys, &n, "help filter\n");
	screen_keys(&f, keys, n);
	screen_assert_has(" Help: filter ");
	screen_assert_has("names a record by its id: :filter event=#12.");
	const int q[] = {'q'};
	screen_keys(&f, q, 1);
	n = 0;
	keys[n++] = ':';
	screen_type(keys, &n, "help goto\n");
	screen_keys(&f, keys, n);
	screen_assert_has(":goto DATE");
	screen_keys(&f, q, 1);
	n = 0;
	keys[n++] = ':';
	screen_type(keys, &n, "help nowhere\n");
	screen_keys(&f, keys, n);
	screen_assert_has("help: no topic \"nowhere\" (filter, or a command such as goto)");
	screen_stop(&f);
}

static void test_search_in_the_survey_and_the_codebook(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 24, 80);
	int keys[64], n = 0;
	keys[n++] = 'U';
	keys[n++] = '/';
	screen_type(keys, &n, "Estonia\n");
	screen_keys(&f, keys, n);
	/* from S0001 (Estonia) on: the next respondent from Estonia */
	int64_t next = testutil_scalar(f.db, "SELECT count(*) FROM respondent WHERE external_id <"
	                                     " (SELECT min(external_id) FROM respondent WHERE"
	                                     " external_id > 'S0001' AND answers LIKE '%Estonia%')");
	char want[64];
	snprintf(want, sizeof want, " Survey: respondents  %lld/312", (long long)next + 1);
	screen_assert_has(want);
	const int again[] = {'N'};
	screen_keys(&f, again, 1);
	screen_assert_has(" Survey: respondents  1/312");
	/* the questions mode searches the questions */
	n = 0;
	keys[n++] = '2';
	keys[n++] = '/';
	screen_type(keys, &n, "comments\n");
	screen_keys(&f, keys, n);
	screen_assert_has(" Survey: questions  18/18");
	/* the codebook, descriptions too */
	n = 0;
	keys[n++] = 'C';
	keys[n++] = '/';
	screen_type(keys, &n, "no-strike\n");
	screen_keys(&f, keys, n);
	screen_assert_has("Targeting and no-strike lists: ");
	n = 0;
	keys[n++] = '/';
	screen_type(keys, &n, "zzqq\n");
	screen_keys(&f, keys, n);
	screen_assert_has("\"zzqq\" is not in the codebook.");
	screen_stop(&f);
}

static void test_codebook_folds_counts_and_paths(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 24, 100);
	const int open[] = {'C'};
	screen_keys(&f, open, 1);
	/* counts say what they count: own, and with the codes below */
	screen_assert_has("Key Cod.  Tree  Description");
	screen_assert_has("Protection of civilians: 0 codings of its own, 8 with the codes below it;");
	/* h on a child goes to its parent, h again folds it, l unfolds it */
	const int child_up[] = {'j', 'h'};
	screen_keys(&f, child_up, 2);
	screen_assert_has(" Codebook  1/33");
	const int fold[] = {'h'};
	screen_keys(&f, fold, 1);
	screen_assert_has("+ Protection of civilians");
	screen_assert_has(" Codebook  1/29");
	const int unfold[] = {KEYS_RIGHT};
	screen_keys(&f, unfold, 1);
	screen_assert_has("- Protection of civilians");
	/* Parent/Child in the picker: the child goes under the parent */
	struct ui_target t = {.view = VIEW_READER, .id = 3, .at = 0};
	ui_show(f.ui, &t);
	int keys[64], n = 0;
	keys[n++] = 'c';
	screen_type(keys, &n, "Cross-cutting/Checkpoints\n");
	screen_keys(&f, keys, n);
	assert_int_equal(testutil_scalar(f.db, "SELECT count(*) FROM code c JOIN code p ON p.id ="
	                                       " c.parent_id WHERE c.name = 'Checkpoints' AND p.name ="
	                                       " 'Cross-cutting'"), 1);
	assert_int_equal(testutil_scalar(f.db, "SELECT count(*) FROM code WHERE name LIKE '%/%'"), 0);
	screen_assert_has("with Cross-cutting/Checkpoints (u undoes).");
	/* a parent that does not exist: asked first, then both are made */
	n = 0;
	keys[n++] = ')';
	keys[n++] = 'c';
	screen_type(keys, &n, "Security/Perimeter\n");
	screen_keys(&f, keys, n);
	screen_assert_has("There is no code \"Security\": make it at the top, with \"Perimeter\" under");
	assert_int_equal(testutil_scalar(f.db, "SELECT count(*) FROM code WHERE name = 'Security'"), 0);
	const int yes[] = {'y'};
	screen_keys(&f, yes, 1);
	assert_int_equal(testutil_scalar(f.db, "SELECT count(*) FROM code c JOIN code p ON p.id ="
	                                       " c.parent_id WHERE c.name = 'Perimeter' AND p.name ="
	                                       " 'Security' AND p.parent_id IS NULL"), 1);
	screen_assert_has("with Security/Perimeter (u undoes).");
	screen_stop(&f);
}

static void test_titles_and_messages_say_what_is_on_screen(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 24, 80);
	/* a filter nothing passes says how to see everything again */
	int keys[64], n = 0;
	keys[n++] = ':';
	screen_type(keys, &n, "filter kind=document code=Training\n");
	screen_keys(&f, keys, n);
	assert_int_equal(testutil_scalar(f.db, "SELECT count(*) FROM source s JOIN coding k ON"
	                                       " k.source_id = s.id JOIN code c ON c.id = k.code_id"
	                                       " WHERE s.kind = 'document' AND c.name = 'Training'"), 0);
	screen_assert_has("no evidence matches: x clears the filter");
	const int clear[] = {'x'};
	screen_keys(&f, clear, 1);
	screen_assert_has(" Evidence  1/16");
	/* the reader names a survey answer's kind in words */
	int64_t answer = testutil_scalar(f.db, "SELECT min(id) FROM source WHERE kind = 'survey_answer'");
	struct ui_target t = {.view = VIEW_READER, .id = answer, .at = 0};
	ui_show(f.ui, &t);
	ui_draw(f.ui);
	screen_assert_has("(survey answer");
	shell_assert_hasnt("survey_answer");
	screen_stop(&f);
}

int main(void)
{
	testutil_init();
	unsetenv("NO_COLOR");
	setenv("VISUAL", "false", 1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_drawing_runs_no_query),
		cmocka_unit_test(test_a_chooser_of_60_rows_scrolls_to_the_last),
		cmocka_unit_test(test_picker_and_reader_follow_another_session),
		cmocka_unit_test(test_requests_and_the_stack),
		cmocka_unit_test(test_names_that_repeat_ask_which),
		cmocka_unit_test(test_help_fits_the_view),
		cmocka_unit_test(test_search_in_the_survey_and_the_codebook),
		cmocka_unit_test(test_codebook_folds_counts_and_paths),
		cmocka_unit_test(test_titles_and_messages_say_what_is_on_screen),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
