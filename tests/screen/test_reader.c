/* test_reader.c - the reader on a virtual terminal: moving by sentences,
 * selecting, coding with a quick key and with the picker, stripes for
 * overlapping codings, removing, undo and redo (also after reopening). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "model.h"
#include "screenutil.h"
#include "xalloc.h"

#define CTRL(c) ((c) - 'a' + 1)

static char *captured;

static void capture(struct ui *ui, void *ctx)
{
	(void)ui, (void)ctx;
	free(captured);
	captured = screen_text_new();
}

/* Opens source id in the reader with a script of keys; the screen at the
 * end of the script is in `captured`. */
static void read_with(struct screen_fixture *f, int64_t id, const int *keys, int n)
{
	int depth = f->ui->depth;
	struct ui_target t = {.view = VIEW_READER, .id = id, .at = 0};
	ui_show(f->ui, &t);
	for (int i = 0; i < n; i++)
		ui_key(f->ui, keys[i]);
	ui_draw(f->ui);
	capture(f->ui, NULL);
	ui_close_to(f->ui, depth);
	ui_draw(f->ui);
}

static void expect_captured(const char *text)
{
	if (!strstr(captured, text)) {
		fprintf(stderr, "# \"%s\" is not on the screen:\n%s", text, captured);
		fail();
	}
}

/* The text of the latest coding, cut from the source in SQL: substr
 * counts characters, so this also checks the offsets are code points. */
static char *coded_text_new(struct screen_fixture *f)
{
	const char *sql =
		"SELECT substr(s.text, c.start_cp + 1, c.end_cp - c.start_cp) FROM coding c"
		" JOIN source s ON s.id = c.source_id ORDER BY c.id DESC LIMIT 1";
	sqlite3_stmt *s = NULL;
	assert_int_equal(sqlite3_prepare_v2(db_sqlite(f->db), sql, -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	char *text = xstrdup((const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	return text;
}

static void test_code_a_selection_with_a_quick_key(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 30, 100);
	int64_t before = testutil_scalar(f.db, "SELECT count(*) FROM coding");
	/* two sentences on, select to the next one, quick key 1 */
	const int keys[] = {')', ')', 'v', ')', '1'};
	read_with(&f, 3, keys, 5);
	expect_captured("Coded 56 characters with Protection of civilians (u undoes).");
	expect_captured("Protect");
	assert_int_equal(testutil_scalar(f.db, "SELECT count(*) FROM coding"), before + 1);
	char *text = coded_text_new(&f);
	assert_string_equal(text, "The interviewee agreed to be quoted without attribution.");
	free(text);
	screen_stop(&f);
}

static void test_code_the_sentence_with_the_picker(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 30, 100);
	int keys[32], n = 0;
	keys[n++] = ')';
	keys[n++] = 'c';
	screen_type(keys, &n, "train");
	read_with(&f, 3, keys, n);
	/* the picker filters as you type, with the code's place in the tree */
	expect_captured("> train");
	expect_captured("7 Cross-cutting/Training");
	/* Enter takes the first match: the sentence under the cursor is coded */
	n = 0;
	keys[n++] = ')';
	keys[n++] = 'c';
	screen_type(keys, &n, "train");
	keys[n++] = '\n';
	read_with(&f, 3, keys, n);
	expect_captured("with Cross-cutting/Training (u undoes).");
	char *text = coded_text_new(&f);
	assert_string_equal(text, "Interviewer: team lead; notes typed by the second analyst.");
	free(text);
	/* a name nothing matches makes a new code */
	n = 0;
	keys[n++] = 'c';
	screen_type(keys, &n, "Checkpoints");
	keys[n++] = '\n';
	read_with(&f, 3, keys, n);
	expect_captured("with Checkpoints (u undoes).");
	assert_int_equal(testutil_scalar(f.db, "SELECT count(*) FROM code WHERE name = 'Checkpoints'"
	                                       " AND parent_id IS NULL"), 1);
	screen_stop(&f);
}

static void test_overlapping_codings_remove_and_undo(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 30, 100);
	/* two codings over the same sentence: both stripes show */
	const int code_twice[] = {')', '1', '7'};
	read_with(&f, 3, code_twice, 3);
	expect_captured("Protect Trainin");
	/* x with two codings under the cursor asks which; j Enter takes the second */
	int64_t codings = testutil_scalar(f.db, "SELECT count(*) FROM coding");
	const int remove[] = {')', 'x', 'j', '\n'};
	read_with(&f, 3, remove, 4);
	expect_captured("Removed the coding with Training (u undoes).");
	assert_int_equal(testutil_scalar(f.db, "SELECT count(*) FROM coding"), codings - 1);
	/* undo brings it back, after the reader was closed and opened again */
	const int undo[] = {'u'};
	read_with(&f, 3, undo, 1);
	expect_captured("Undid: remove \"Training\"");
	assert_int_equal(testutil_scalar(f.db, "SELECT count(*) FROM coding"), codings);
	const int redo[] = {CTRL('r')};
	read_with(&f, 3, redo, 1);
	expect_captured("Redid: remove \"Training\"");
	assert_int_equal(testutil_scalar(f.db, "SELECT count(*) FROM coding"), codings - 1);
	/* ] goes to the coded segment and names it */
	const int next[] = {'g', ']'};
	read_with(&f, 3, next, 2);
	expect_captured("Protection of civilians [");
	screen_stop(&f);
}

static void test_reader_moves_and_searches(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 24, 80);
	int keys[32], n = 0;
	keys[n++] = '/';
	screen_type(keys, &n, "Łukasz\n");
	read_with(&f, 3, keys, n);
	expect_captured("Łukasz");
	/* the title bar shows the cursor's offset in code points */
	expect_captured("/6359  Interview with");
	n = 0;
	keys[n++] = 'G';
	read_with(&f, 3, keys, n);
	expect_captured(" 6359/6359  Interview");
	n = 0;
	keys[n++] = '%';
	read_with(&f, 3, keys, n);
	expect_captured("That key does nothing in the reader; ? shows the keys.");
	screen_stop(&f);
}

static void test_codebook_pane(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 30, 100);
	const int code[] = {')', '1'};
	read_with(&f, 3, code, 2); /* a coding with Protection of civilians */
	int64_t all = testutil_scalar(f.db, "SELECT count(*) FROM coding");
	int64_t poc = testutil_scalar(f.db, "WITH RECURSIVE t(id) AS (SELECT id FROM code WHERE"
	                                    " name = 'Protection of civilians' UNION ALL SELECT c.id"
	                                    " FROM code c JOIN t ON c.parent_id = t.id)"
	                                    " SELECT count(*) FROM coding WHERE code_id IN t");
	const int open[] = {'C'};
	screen_keys(&f, open, 1);
	screen_assert_has(" Codebook  1/33");
	screen_assert_has("- Protection of civilians");
	/* Enter lists the segments; Enter on one opens the reader there */
	const int pick[] = {'\n'};
	ui_script(f.ui, pick, 1);
	f.ui->script_end = capture;
	ui_key(f.ui, '\n');
	expect_captured(" 52/6359  Interview with the brigade legal adviser");
	/* Space folds a code */
	const int fold[] = {' '};
	screen_keys(&f, fold, 1);
	screen_assert_has("+ Protection of civilians");
	screen_assert_has(" Codebook  1/29");
	screen_keys(&f, fold, 1);
	/* A adds a code under the selected one */
	int keys[32], n = 0;
	screen_type(keys, &n, "Checkpoints\n");
	ui_script(f.ui, keys, n);
	f.ui->script_end = NULL;
	ui_key(f.ui, 'A');
	ui_draw(f.ui);
	assert_int_equal(testutil_scalar(f.db, "SELECT count(*) FROM code c JOIN code p ON"
	                                       " p.id = c.parent_id WHERE c.name = 'Checkpoints'"
	                                       " AND p.name = 'Protection of civilians'"), 1);
	screen_assert_has("Saved (u undoes).");
	/* M merges it into another code picked by name */
	n = 0;
	screen_type(keys, &n, "Physical prot\n");
	ui_script(f.ui, keys, n);
	ui_key(f.ui, 'M');
	ui_draw(f.ui);
	screen_assert_has("Merged \"Checkpoints\" into \"Physical protection\": 0 coding(s) moved");
	assert_int_equal(testutil_scalar(f.db, "SELECT count(*) FROM code WHERE name = 'Checkpoints'"), 0);
	/* d deletes after asking, with its codings; u brings them back */
	const int top[] = {'g'};
	screen_keys(&f, top, 1);
	const int yes[] = {'y'};
	ui_script(f.ui, yes, 1);
	ui_key(f.ui, 'd');
	ui_draw(f.ui);
	screen_assert_has("Deleted \"Protection of civilians\" (u undoes).");
	assert_int_equal(testutil_scalar(f.db, "SELECT count(*) FROM coding"), all - poc);
	const int undo[] = {'u'};
	screen_keys(&f, undo, 1);
	screen_assert_has("Undid: delete code \"Protection of civilians\"");
	assert_int_equal(testutil_scalar(f.db, "SELECT count(*) FROM coding"), all);
	assert_int_equal(testutil_scalar(f.db, "SELECT count(*) FROM code WHERE name ="
	                                       " 'Protection of civilians'"), 1);
	/* q goes back to the panes */
	const int back[] = {'q'};
	screen_keys(&f, back, 1);
	screen_assert_has(" Timeline  1/24");
	screen_stop(&f);
}

/* A letter with a combining accent, a flag and an invisible character: the
 * cursor and a one-character selection take a cluster whole, and an
 * invisible character is shown, not hidden. */
static void test_clusters_in_the_reader(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 24, 80);
	jaw_err err;
	err_clear(&err);
	struct source src = {
		.kind = "interview", .title = "Clusters", .source_date = "2026-11-02",
		.text = "Ca\xCC\x86praru \xF0\x9F\x87\xB3\xF0\x9F\x87\xB4 Train\xE2\x80\x8Bing ends.",
		.origin_file = "",
	};
	assert_int_equal(model_source_add(f.db, &src, &err), JAW_OK);
	/* Right once: on the a with its breve; v 1 codes both code points */
	const int one[] = {KEYS_RIGHT, 'v', '1'};
	read_with(&f, src.id, one, 3);
	expect_captured("Ca\xCC\x86praru \xF0\x9F\x87\xB3\xF0\x9F\x87\xB4 Train\xEF\xBF\xBDing ends.");
	char *text = coded_text_new(&f);
	assert_string_equal(text, "a\xCC\x86");
	free(text);
	/* eight clusters on: the flag, both of its code points */
	const int flag[] = {'l', 'l', 'l', 'l', 'l', 'l', 'l', 'l', 'v', '1'};
	read_with(&f, src.id, flag, 10);
	text = coded_text_new(&f);
	assert_string_equal(text, "\xF0\x9F\x87\xB3\xF0\x9F\x87\xB4");
	free(text);
	/* and back: Left from after the flag's space lands on the flag */
	const int back[] = {'l', 'l', 'l', 'l', 'l', 'l', 'l', 'l', 'l', KEYS_LEFT, 'v', '1'};
	read_with(&f, src.id, back, 12);
	text = coded_text_new(&f);
	assert_string_equal(text, "\xF0\x9F\x87\xB3\xF0\x9F\x87\xB4");
	free(text);
	screen_stop(&f);
}

/* The codebook asks before a move or merge takes codings along, says so
 * when o or M ends in Esc, edits every field of a code in one undoable
 * change, and its u takes back only codebook changes. */
static void test_codebook_asks_edits_and_undoes(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 30, 100);
	static const char parent_sql[] =
		"SELECT coalesce(parent_id, 0) FROM code WHERE name = 'Protection of civilians'";
	int64_t training = testutil_scalar(f.db, "SELECT id FROM code WHERE name = 'Training'");
	int64_t moved = testutil_scalar(f.db, "WITH RECURSIVE t(id) AS (SELECT id FROM code WHERE"
	                                      " name = 'Protection of civilians' UNION ALL SELECT"
	                                      " c.id FROM code c JOIN t ON c.parent_id = t.id)"
	                                      " SELECT count(*) FROM coding WHERE code_id IN t");
	assert_true(moved > 0);
	const int open[] = {'C', 'g'};
	screen_keys(&f, open, 2);
	/* o then Esc: nothing moves, and the status bar says so */
	const int esc[] = {27};
	ui_script(f.ui, esc, 1);
	ui_key(f.ui, 'o');
	ui_draw(f.ui);
	screen_assert_has("Move cancelled: \"Protection of civilians\" stays as it was.");
	assert_int_equal(testutil_scalar(f.db, parent_sql), 0);
	/* a move that takes codings along asks first, saying how many */
	int keys[64], n = 0;
	screen_type(keys, &n, "Training\n");
	ui_script(f.ui, keys, n);
	f.ui->script_end = capture;
	ui_key(f.ui, 'o');
	ui_draw(f.ui);
	char question[200];
	snprintf(question, sizeof question, "Move \"Protection of civilians\" and its %lld codings"
	         " under \"Training\"? (y/n)", (long long)moved);
	expect_captured(question);
	screen_assert_has("Move cancelled: \"Protection of civilians\" stays as it was.");
	assert_int_equal(testutil_scalar(f.db, parent_sql), 0);
	keys[n++] = 'y';
	ui_script(f.ui, keys, n);
	f.ui->script_end = NULL;
	ui_key(f.ui, 'o');
	ui_draw(f.ui);
	screen_assert_has("Moved \"Protection of civilians\" under \"Training\" (u undoes).");
	assert_int_equal(testutil_scalar(f.db, parent_sql), training);
	/* u in the reader does not take the move back: it is not a coding there */
	const int code_it[] = {')', '1'};
	read_with(&f, 3, code_it, 2);
	const int undo_in_reader[] = {'u'};
	read_with(&f, 3, undo_in_reader, 1);
	expect_captured("Undid: apply \"Protection of civilians\" to source 3");
	read_with(&f, 3, undo_in_reader, 1);
	expect_captured("Nothing to undo in this source.");
	assert_int_equal(testutil_scalar(f.db, parent_sql), training);
	/* the codebook's u does, and the cursor goes to the code */
	const int bottom[] = {'G'};
	screen_keys(&f, bottom, 1);
	assert_true(ui_list(f.ui, VIEW_CODEBOOK)->cursor > 0);
	const int undo[] = {'u'};
	screen_keys(&f, undo, 1);
	screen_assert_has("Undid: move code \"Protection of civilians\" under \"Cross-cutting/Training\"");
	assert_int_equal(testutil_scalar(f.db, parent_sql), 0);
	assert_int_equal(ui_list(f.ui, VIEW_CODEBOOK)->cursor, 0);

	/* e edits the name, quick key, description and colour: one change */
	n = 0;
	keys[n++] = '\t';
	keys[n++] = '\t';
	keys[n++] = CTRL('u');
	screen_type(keys, &n, "Civilians first");
	keys[n++] = '\t';
	keys[n++] = CTRL('u');
	screen_type(keys, &n, "#112233");
	f.ui->script_end = capture;
	ui_script(f.ui, keys, n);
	ui_key(f.ui, 'e');
	ui_draw(f.ui);
	expect_captured("Description");
	expect_captured("Civilians first");
	expect_captured("#112233");
	keys[n++] = '\n';
	f.ui->script_end = NULL;
	ui_script(f.ui, keys, n);
	ui_key(f.ui, 'e');
	ui_draw(f.ui);
	assert_int_equal(testutil_scalar(f.db, "SELECT count(*) FROM code WHERE description ="
	                                       " 'Civilians first' AND colour = '#112233'"
	                                       " AND quick_key = 1"), 1);
	screen_keys(&f, undo, 1);
	screen_assert_has("Undid: edit code \"Protection of civilians\"");
	assert_int_equal(testutil_scalar(f.db, "SELECT count(*) FROM code WHERE colour = '#5FAFFF'"
	                                       " AND description LIKE 'Apply to passages about"
	                                       " protecting civilians%'"), 1);
	/* M asks too when codings are recoded; y merges, u brings all back */
	int64_t all = testutil_scalar(f.db, "SELECT count(*) FROM coding");
	int64_t liaison = testutil_scalar(f.db, "SELECT count(*) FROM coding WHERE code_id ="
	                                        " (SELECT id FROM code WHERE name = 'Liaison')");
	assert_true(liaison > 0);
	n = 0;
	screen_type(keys, &n, "Liaison\n");
	ui_script(f.ui, keys, n);
	ui_key(f.ui, '/');
	ui_draw(f.ui);
	n = 0;
	screen_type(keys, &n, "Training\ny");
	ui_script(f.ui, keys, n);
	ui_key(f.ui, 'M');
	ui_draw(f.ui);
	screen_assert_has("Merged \"Liaison\" into \"Training\"");
	assert_int_equal(testutil_scalar(f.db, "SELECT count(*) FROM code WHERE name = 'Liaison'"), 0);
	screen_keys(&f, undo, 1);
	screen_assert_has("Undid: merge code \"Liaison\"");
	assert_int_equal(testutil_scalar(f.db, "SELECT count(*) FROM coding WHERE code_id ="
	                                       " (SELECT id FROM code WHERE name = 'Liaison')"),
	                 liaison);
	assert_int_equal(testutil_scalar(f.db, "SELECT count(*) FROM coding"), all);
	screen_stop(&f);
}

int main(void)
{
	testutil_init();
	unsetenv("NO_COLOR");
	setenv("VISUAL", "false", 1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_code_a_selection_with_a_quick_key),
		cmocka_unit_test(test_code_the_sentence_with_the_picker),
		cmocka_unit_test(test_overlapping_codings_remove_and_undo),
		cmocka_unit_test(test_reader_moves_and_searches),
		cmocka_unit_test(test_codebook_pane),
		cmocka_unit_test(test_codebook_asks_edits_and_undoes),
		cmocka_unit_test(test_clusters_in_the_reader),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	free(captured);
	return rc;
}
