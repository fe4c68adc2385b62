/* test_coding.c - codings (offsets over multibyte text, ranges, steps,
 * segments), the codebook (tree, picker, add, rename, move, merge,
 * delete, quick keys) and the undo journal. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codebook.h"
#include "coding.h"
#include "journal.h"
#include "model.h"
#include "project_schema.h"
#include "testutil.h"
#include "text.h"
#include "xalloc.h"

/* Asserts that err holds status and exactly msg. */
#define assert_err(err, st, text)                                              \
	do {                                                                       \
		assert_int_equal((err).status, (st));                                  \
		assert_string_equal((err).msg, (text));                                \
	} while (0)

/* 4-byte characters, a combining mark (e + U+0301), wide characters. */
static const char note[] =
	"Zo\xC3\xAB said: \xF0\x9F\x98\x80 the caf\x65\xCC\x81 near \xE6\x97\xA5\xE6\x9C\xAC was "
	"shelled.\nThe \xF0\x90\x8D\x88 patrol did not stop. Civilians fled.\n";

static int64_t add_source(struct jaw_db *db, const char *title, const char *text)
{
	struct source src = {0};
	jaw_err err;
	err_clear(&err);
	src.kind = "interview";
	src.title = (char *)title;
	src.text = (char *)text;
	if (model_source_add(db, &src, &err) != JAW_OK)
		fail_msg("model_source_add: %s", err.msg);
	return src.id;
}

static int64_t add_code(struct jaw_db *db, const char *name, int64_t parent)
{
	struct code c = {0};
	jaw_err err;
	err_clear(&err);
	c.name = (char *)name;
	c.parent_id = parent;
	if (codebook_add(db, "setup", &c, &err) != JAW_OK)
		fail_msg("codebook_add %s: %s", name, err.msg);
	return c.id;
}

/* The offsets of the first occurrence of passage in note. */
static void find_passage(const char *passage, int64_t *start, int64_t *end)
{
	struct text *t = text_new(note, strlen(note));
	size_t a, b;
	assert_true(text_search(t, passage, 0, 0, &a, &b));
	*start = (int64_t)a;
	*end = (int64_t)b;
	text_free(t);
}

/* The text SQLite gives for a coding: substr counts code points. */
static char *sql_coded_text_new(struct jaw_db *db, int64_t id)
{
	sqlite3_stmt *s = NULL;
	assert_int_equal(sqlite3_prepare_v2(db_sqlite(db),
		"SELECT substr(s.text, k.start_cp + 1, k.end_cp - k.start_cp) FROM coding k"
		" JOIN source s ON s.id = k.source_id WHERE k.id = ?", -1, &s, NULL), SQLITE_OK);
	sqlite3_bind_int64(s, 1, id);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	char *text = xstrdup((const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	return text;
}

/* ---- codings ------------------------------------------------------------------- */

static void test_apply_multibyte_offsets(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	err_clear(&err);
	int64_t src = add_source(db, "Note", note), code = add_code(db, "Harm", 0);
	static const char *const passages[] = {
		"\xF0\x9F\x98\x80 the caf\x65\xCC\x81",     /* starts with a 4-byte character */
		"caf\x65\xCC\x81 near \xE6\x97\xA5\xE6\x9C\xAC", /* combining mark, wide chars */
		"\xF0\x90\x8D\x88 patrol",                 /* after a line feed */
		"Civilians fled.",
	};
	assert_int_equal(coding_source_length(db, src, &err), 86);
	for (size_t i = 0; i < sizeof passages / sizeof *passages; i++) {
		int64_t a, b, id;
		find_passage(passages[i], &a, &b);
		assert_int_equal(coding_apply(db, "ana", src, a, b, code, NULL, &id, &err), JAW_OK);
		char *got = sql_coded_text_new(db, id);
		assert_string_equal(got, passages[i]);
		free(got);
		struct coding c;
		assert_int_equal(coding_get(db, id, &c, &err), JAW_OK);
		assert_int_equal(c.start, a);
		assert_int_equal(c.end, b);
		assert_string_equal(c.coder, "ana");
		assert_string_equal(c.code_name, "Harm");
		assert_int_equal(strlen(c.created), 20);
		coding_clear(&c);
	}
	/* "😀" is code point 10: offsets count code points, not bytes */
	int64_t a, b;
	find_passage("\xF0\x9F\x98\x80", &a, &b);
	assert_int_equal(a, 10);
	assert_int_equal(b, 11);
	/* the whole text, up to its last code point */
	assert_int_equal(coding_apply(db, "ana", src, 0, 86, code, "all", NULL, &err), JAW_OK);
	db_close(db);
}

static void test_apply_refusals(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	int64_t src = add_source(db, "Note", note), code = add_code(db, "Harm", 0), id;
	static const struct {
		int64_t source, start, end, code;
		const char *coder, *msg;
	} bad[] = {
		{1, 80, 87, 1, "ana", "range [80, 87) is outside source 1, whose text has 86 characters"},
		{1, 5, 5, 1, "ana", "range [5, 5): the start must be 0 or more and less than the end"},
		{1, 9, 4, 1, "ana", "range [9, 4): the start must be 0 or more and less than the end"},
		{1, -1, 4, 1, "ana", "range [-1, 4): the start must be 0 or more and less than the end"},
		{7, 0, 4, 1, "ana", "no source with id 7"},
		{1, 0, 4, 9, "ana", "no code with id 9"},
		{1, 0, 4, 1, "", "the coder's name must not be empty"},
		{1, 0, 4, 1, "an\x1b" "a", "the coder's name holds a control character"},
	};
	assert_int_equal(src, 1);
	assert_int_equal(code, 1);
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		err_clear(&err);
		assert_int_not_equal(coding_apply(db, bad[i].coder, bad[i].source, bad[i].start,
		                                  bad[i].end, bad[i].code, NULL, &id, &err), JAW_OK);
		assert_string_equal(err.msg, bad[i].msg);
	}
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM coding"), 0);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM journal WHERE analyst = 'ana'"), 0);
	/* the same coder, code and range once only; another coder may */
	err_clear(&err);
	assert_int_equal(coding_apply(db, "ana", src, 0, 4, code, NULL, &id, &err), JAW_OK);
	assert_int_equal(coding_apply(db, "ana", src, 0, 4, code, NULL, &id, &err), JAW_FAIL);
	assert_err(err, JAW_FAIL, "source 1 [0, 4) is already coded with \"Harm\" by ana");
	assert_int_equal(coding_apply(db, "ben", src, 0, 4, code, NULL, &id, &err), JAW_OK);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM coding"), 2);
	db_close(db);
}

static void count_problem(void *ctx, const char *problem)
{
	fprintf(stderr, "# %s\n", problem);
	(*(int *)ctx)++;
}

/* jaw check's offsets check counts code points, not bytes. */
static void test_check_offsets(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	err_clear(&err);
	int64_t src = add_source(db, "Note", note), code = add_code(db, "Harm", 0), id;
	assert_int_equal(coding_apply(db, "ana", src, 80, 86, code, NULL, &id, &err), JAW_OK);
	assert_int_equal(coding_apply(db, "ana", src, 0, 4, code, NULL, NULL, &err), JAW_OK);
	int problems = 0;
	assert_int_equal(coding_check_offsets(db, count_problem, &problems, &err), 0);
	assert_int_equal(problems, 0);
	/* past the end (the text has more bytes than that, but 86 characters) */
	assert_int_equal(db_exec(db, "UPDATE coding SET end_cp = 87 WHERE start_cp = 80", &err), JAW_OK);
	assert_int_equal(coding_check_offsets(db, count_problem, &problems, &err), 1);
	/* start and end turned round, past the schema's CHECK */
	assert_int_equal(db_exec(db, "PRAGMA ignore_check_constraints = ON;"
	                             " UPDATE coding SET start_cp = 4, end_cp = 0 WHERE start_cp = 0;"
	                             " PRAGMA ignore_check_constraints = OFF", &err), JAW_OK);
	assert_int_equal(coding_check_offsets(db, count_problem, &problems, &err), 2);
	assert_int_equal(problems, 3);
	/* a text shortened under its codings */
	assert_int_equal(db_exec(db, "DELETE FROM coding WHERE start_cp = 4;"
	                             " UPDATE coding SET end_cp = 86;"
	                             " UPDATE source SET text = 'short'", &err), JAW_OK);
	assert_int_equal(coding_check_offsets(db, count_problem, &problems, &err), 1);
	db_close(db);
}

static void test_range_and_step(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	err_clear(&err);
	int64_t src = add_source(db, "Note", note), code = add_code(db, "Harm", 0);
	int64_t other = add_source(db, "Other", "Other text, long enough.");
	static const int64_t ranges[][2] = {{0, 3}, {5, 40}, {10, 12}, {30, 31}, {60, 86}};
	int64_t ids[5];
	for (int i = 0; i < 5; i++)
		assert_int_equal(coding_apply(db, "ana", src, ranges[i][0], ranges[i][1], code, NULL,
		                              &ids[i], &err), JAW_OK);
	assert_int_equal(coding_apply(db, "ana", other, 0, 20, code, NULL, NULL, &err), JAW_OK);
	/* codings overlapping [11, 31): [5,40) [10,12) [30,31) */
	assert_int_equal(coding_range_count(db, src, 11, 31, &err), 3);
	struct coding rows[8];
	assert_int_equal(coding_range_page(db, src, 11, 31, 0, 8, rows, &err), 3);
	assert_int_equal(rows[0].id, ids[1]);
	assert_int_equal(rows[1].id, ids[2]);
	assert_int_equal(rows[2].id, ids[3]);
	for (int i = 0; i < 3; i++)
		coding_clear(&rows[i]);
	/* half-open: [3, 5) touches nothing */
	assert_int_equal(coding_range_count(db, src, 3, 5, &err), 0);
	assert_int_equal(coding_range_count(db, src, 2, 3, &err), 1);
	/* paging */
	assert_int_equal(coding_range_page(db, src, 0, 86, 3, 8, rows, &err), 2);
	assert_int_equal(rows[0].id, ids[3]);
	coding_clear(&rows[0]);
	coding_clear(&rows[1]);
	/* next and previous coded segment */
	struct coding c;
	assert_int_equal(coding_step(db, src, 5, CODING_NEXT, &c, &err), 1);
	assert_int_equal(c.start, 10);
	coding_clear(&c);
	assert_int_equal(coding_step(db, src, 10, CODING_PREV, &c, &err), 1);
	assert_int_equal(c.start, 5);
	coding_clear(&c);
	assert_int_equal(coding_step(db, src, 60, CODING_NEXT, &c, &err), 0);
	assert_int_equal(coding_step(db, src, 0, CODING_PREV, &c, &err), 0);
	db_close(db);
}

static void test_segments(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	err_clear(&err);
	struct stakeholder sh = {0};
	sh.kind = "person";
	sh.name = "Zo\xC3\xAB Papadopoulou";
	assert_int_equal(model_stakeholder_add(db, &sh, &err), JAW_OK);
	struct source s1 = {0};
	s1.kind = "interview";
	s1.title = "With Zo\xC3\xAB";
	s1.text = (char *)note;
	s1.stakeholder_id = sh.id;
	assert_int_equal(model_source_add(db, &s1, &err), JAW_OK);
	int64_t s2 = add_source(db, "Second", "\xF0\x9F\x98\x80\xF0\x9F\x98\x80 abc");
	int64_t parent = add_code(db, "PoC", 0), child = add_code(db, "Harm", parent);
	int64_t a, b;
	find_passage("Civilians fled.", &a, &b);
	assert_int_equal(coding_apply(db, "ana", s1.id, a, b, child, "memo", NULL, &err), JAW_OK);
	assert_int_equal(coding_apply(db, "ben", s2, 1, 4, parent, NULL, NULL, &err), JAW_OK);
	assert_int_equal(coding_segments_count(db, parent, 0, &err), 1);
	assert_int_equal(coding_segments_count(db, parent, CODING_WITH_SUBCODES, &err), 2);
	struct coding_segment seg[4];
	assert_int_equal(coding_segments_page(db, parent, CODING_WITH_SUBCODES, 0, 4, seg, &err), 2);
	assert_string_equal(seg[0].text, "Civilians fled.");
	assert_string_equal(seg[0].source_title, "With Zo\xC3\xAB");
	assert_string_equal(seg[0].stakeholder, "Zo\xC3\xAB Papadopoulou");
	assert_string_equal(seg[0].coding.memo, "memo");
	assert_string_equal(seg[0].coding.code_name, "Harm");
	assert_string_equal(seg[1].text, "\xF0\x9F\x98\x80 a");
	assert_string_equal(seg[1].stakeholder, "");
	assert_string_equal(seg[1].coding.coder, "ben");
	coding_segment_clear(&seg[0]);
	coding_segment_clear(&seg[1]);
	assert_int_equal(coding_segments_page(db, parent, CODING_WITH_SUBCODES, 1, 4, seg, &err), 1);
	assert_string_equal(seg[0].text, "\xF0\x9F\x98\x80 a");
	coding_segment_clear(&seg[0]);
	db_close(db);
}

static void test_coder_names(void **state)
{
	(void)state;
	jaw_err err;
	err_clear(&err);
	char *me = coding_coder_new(NULL);
	assert_true(strlen(me) > 0);
	assert_int_equal(coding_coder_check(me, &err), JAW_OK);
	free(me);
	me = coding_coder_new("");
	assert_true(strlen(me) > 0);
	free(me);
	me = coding_coder_new("zo\xC3\xAB");
	assert_string_equal(me, "zo\xC3\xAB");
	free(me);
	assert_int_equal(coding_coder_check("zo\xC3\xAB", &err), JAW_OK);
	assert_int_equal(coding_coder_check("", &err), JAW_USAGE);
	assert_int_equal(coding_coder_check("a\tb", &err), JAW_USAGE);
	assert_int_equal(coding_coder_check("\xFF", &err), JAW_USAGE);
	char longname[CODING_CODER_MAX + 2];
	memset(longname, 'x', sizeof longname - 1);
	longname[sizeof longname - 1] = '\0';
	assert_int_equal(coding_coder_check(longname, &err), JAW_USAGE);
}

/* ---- undo journal ---------------------------------------------------------------- */

/* Undoes (or redoes) as analyst; asserts it did something. */
static void undo_ok(struct jaw_db *db, const char *analyst, bool undo, const char *summary)
{
	struct journal_result res;
	jaw_err err;
	err_clear(&err);
	int rc = undo ? journal_undo(db, analyst, &res, &err) : journal_redo(db, analyst, &res, &err);
	if (rc != JAW_OK)
		fail_msg("%s: %s", undo ? "undo" : "redo", err.msg);
	assert_true(res.entry > 0);
	if (summary)
		assert_string_equal(res.summary, summary);
	journal_result_clear(&res);
}

/* Asserts there is nothing to undo (or redo) for analyst. */
static void undo_nothing(struct jaw_db *db, const char *analyst, bool undo)
{
	struct journal_result res;
	jaw_err err;
	err_clear(&err);
	int rc = undo ? journal_undo(db, analyst, &res, &err) : journal_redo(db, analyst, &res, &err);
	assert_int_equal(rc, JAW_OK);
	assert_int_equal(res.entry, 0);
	journal_result_clear(&res);
}

static int64_t count(struct jaw_db *db, const char *sql)
{
	return testutil_scalar(db, sql);
}

static void test_undo_redo_codings(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	err_clear(&err);
	int64_t src = add_source(db, "Note", note), code = add_code(db, "Harm", 0), id;
	assert_int_equal(coding_apply(db, "ana", src, 10, 20, code, NULL, &id, &err), JAW_OK);
	assert_int_equal(coding_set_memo(db, "ana", id, "first memo", &err), JAW_OK);
	assert_int_equal(coding_set_memo(db, "ana", id, "second memo", &err), JAW_OK);
	assert_int_equal(journal_undo_count(db, "ana", &err), 3);
	assert_int_equal(journal_redo_count(db, "ana", &err), 0);

	undo_ok(db, "ana", true, "memo on \"Harm\" in source 1 [10, 20)");
	assert_int_equal(count(db, "SELECT count(*) FROM coding WHERE memo = 'first memo'"), 1);
	undo_ok(db, "ana", true, NULL);
	assert_int_equal(count(db, "SELECT count(*) FROM coding WHERE memo = ''"), 1);
	struct journal_result res;
	assert_int_equal(journal_undo(db, "ana", &res, &err), JAW_OK);
	assert_string_equal(res.summary, "apply \"Harm\" to source 1 [10, 20)");
	assert_string_equal(res.action, "coding-apply");
	assert_int_equal(res.source_id, src);
	assert_int_equal(res.start, 10);
	assert_int_equal(res.code_id, code);
	journal_result_clear(&res);
	assert_int_equal(count(db, "SELECT count(*) FROM coding"), 0);
	undo_nothing(db, "ana", true);
	assert_int_equal(journal_redo_count(db, "ana", &err), 3);

	/* redo in order, the coding keeps its id and time */
	undo_ok(db, "ana", false, "apply \"Harm\" to source 1 [10, 20)");
	assert_int_equal(count(db, "SELECT id FROM coding"), id);
	undo_ok(db, "ana", false, NULL);
	undo_ok(db, "ana", false, NULL);
	assert_int_equal(count(db, "SELECT count(*) FROM coding WHERE memo = 'second memo'"), 1);
	undo_nothing(db, "ana", false);

	/* remove, undo, redo */
	assert_int_equal(coding_remove(db, "ana", id, &err), JAW_OK);
	assert_int_equal(count(db, "SELECT count(*) FROM coding"), 0);
	undo_ok(db, "ana", true, "remove \"Harm\" from source 1 [10, 20)");
	assert_int_equal(count(db, "SELECT count(*) FROM coding WHERE memo = 'second memo'"), 1);
	undo_ok(db, "ana", false, NULL);
	assert_int_equal(count(db, "SELECT count(*) FROM coding"), 0);
	/* the journal keeps the history, in order */
	assert_int_equal(journal_count(db, "ana", &err), 4);
	struct journal_entry rows[8];
	assert_int_equal(journal_page(db, NULL, 0, 8, rows, &err), 5); /* and setup's code-add */
	assert_string_equal(rows[0].action, "coding-remove");
	assert_false(rows[0].undone);
	assert_true(rows[0].live);
	assert_true(strlen(rows[0].changed) > 0);
	for (int i = 0; i < 5; i++)
		journal_entry_clear(&rows[i]);
	db_close(db);
}

/* A coding a finding cites, removed: the citation keeps its snapshot and
 * loses the link; undo brings the link back, redo takes it again. */
static void test_undo_remove_cited(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	err_clear(&err);
	int64_t src = add_source(db, "Note", note), code = add_code(db, "Harm", 0), id;
	assert_int_equal(coding_apply(db, "ana", src, 10, 20, code, NULL, &id, &err), JAW_OK);
	char sql[200];
	snprintf(sql, sizeof sql, "INSERT INTO finding (id, title) VALUES (1, 'F');"
	         " INSERT INTO finding_evidence (finding_id, coding_id) VALUES (1, %lld)",
	         (long long)id);
	assert_int_equal(db_exec(db, sql, &err), JAW_OK);
	assert_int_equal(coding_remove(db, "ana", id, &err), JAW_OK);
	assert_int_equal(count(db, "SELECT count(*) FROM finding_evidence WHERE coding_id IS NULL"
	                           " AND quote <> ''"), 1);
	undo_ok(db, "ana", true, "remove \"Harm\" from source 1 [10, 20)");
	assert_int_equal(count(db, "SELECT coding_id FROM finding_evidence"), id);
	assert_int_equal(count(db, "SELECT count(*) FROM coding"), 1);
	undo_ok(db, "ana", false, NULL);
	assert_int_equal(count(db, "SELECT count(*) FROM finding_evidence WHERE coding_id IS NULL"),
	                 1);
	db_close(db);
}

/* A new change clears the redo list; the undone entries stay as history. */
static void test_redo_cleared_by_new_change(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	err_clear(&err);
	int64_t src = add_source(db, "Note", note), code = add_code(db, "Harm", 0);
	assert_int_equal(coding_apply(db, "ana", src, 0, 5, code, NULL, NULL, &err), JAW_OK);
	assert_int_equal(coding_apply(db, "ana", src, 5, 9, code, NULL, NULL, &err), JAW_OK);
	undo_ok(db, "ana", true, NULL);
	assert_int_equal(journal_redo_count(db, "ana", &err), 1);
	/* another analyst's change does not touch ana's redo */
	assert_int_equal(coding_apply(db, "ben", src, 20, 30, code, NULL, NULL, &err), JAW_OK);
	assert_int_equal(journal_redo_count(db, "ana", &err), 1);
	/* ana's own does */
	assert_int_equal(coding_apply(db, "ana", src, 40, 50, code, NULL, NULL, &err), JAW_OK);
	assert_int_equal(journal_redo_count(db, "ana", &err), 0);
	undo_nothing(db, "ana", false);
	assert_int_equal(count(db, "SELECT count(*) FROM journal WHERE analyst = 'ana'"
	                           " AND undone = 1 AND live = 0"), 1);
	/* undo goes back past it */
	undo_ok(db, "ana", true, "apply \"Harm\" to source 1 [40, 50)");
	undo_ok(db, "ana", true, "apply \"Harm\" to source 1 [0, 5)");
	undo_nothing(db, "ana", true);
	assert_int_equal(count(db, "SELECT count(*) FROM coding"), 1); /* ben's */
	/* analysts are recorded */
	assert_int_equal(count(db, "SELECT count(*) FROM analyst WHERE name IN ('ana', 'ben')"), 2);
	db_close(db);
}

/* Undo works after the project is closed and opened again. */
static void test_undo_survives_reopen(void **state)
{
	(void)state;
	char *path = NULL;
	struct jaw_db *db = testutil_project_new(&path);
	jaw_err err;
	err_clear(&err);
	int64_t src = add_source(db, "Note", note), code = add_code(db, "Harm", 0), id;
	assert_int_equal(coding_apply(db, "ana", src, 3, 7, code, NULL, &id, &err), JAW_OK);
	assert_int_equal(coding_set_memo(db, "ana", id, "why", &err), JAW_OK);
	db_close(db);
	assert_int_equal(db_open(path, 0, &project_schema, &db, &err), JAW_OK);
	undo_ok(db, "ana", true, "memo on \"Harm\" in source 1 [3, 7)");
	db_close(db);
	assert_int_equal(db_open(path, 0, &project_schema, &db, &err), JAW_OK);
	undo_ok(db, "ana", true, "apply \"Harm\" to source 1 [3, 7)");
	assert_int_equal(count(db, "SELECT count(*) FROM coding"), 0);
	db_close(db);
	assert_int_equal(db_open(path, 0, &project_schema, &db, &err), JAW_OK);
	undo_ok(db, "ana", false, NULL);
	undo_ok(db, "ana", false, NULL);
	assert_int_equal(count(db, "SELECT count(*) FROM coding WHERE memo = 'why'"), 1);
	db_close(db);
	free(path);
}

/* When another analyst changed the rows, undo refuses, changes nothing and
 * moves on to the change before next time. */
static void test_undo_conflict(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	err_clear(&err);
	int64_t src = add_source(db, "Note", note), code = add_code(db, "Harm", 0), a, b;
	assert_int_equal(coding_apply(db, "ana", src, 0, 5, code, NULL, &a, &err), JAW_OK);
	assert_int_equal(coding_apply(db, "ana", src, 6, 9, code, NULL, &b, &err), JAW_OK);
	assert_int_equal(coding_set_memo(db, "ben", b, "ben was here", &err), JAW_OK);
	struct journal_result res;
	err_clear(&err);
	assert_int_equal(journal_undo(db, "ana", &res, &err), JAW_FAIL);
	assert_string_equal(err.msg, "cannot undo \"apply \"Harm\" to source 1 [6, 9)\": coding 2 was "
	                    "changed or deleted since; nothing changed, and it is off your undo list");
	assert_int_equal(count(db, "SELECT count(*) FROM coding"), 2);
	assert_int_equal(journal_undo_count(db, "ana", &err), 1);
	undo_ok(db, "ana", true, "apply \"Harm\" to source 1 [0, 5)");
	assert_int_equal(count(db, "SELECT count(*) FROM coding"), 1);
	/* redo of a change whose rows came back in the meantime */
	assert_int_equal(coding_apply(db, "ben", src, 0, 5, code, NULL, NULL, &err), JAW_OK);
	assert_int_equal(journal_redo(db, "ana", &res, &err), JAW_OK); /* a new row: no clash */
	journal_result_clear(&res);
	db_close(db);
}

/* Undoing the removal of a coding whose source was deleted since fails
 * cleanly. */
static void test_undo_after_source_deleted(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	err_clear(&err);
	int64_t src = add_source(db, "Note", note), code = add_code(db, "Harm", 0), id;
	assert_int_equal(coding_apply(db, "ana", src, 0, 5, code, NULL, &id, &err), JAW_OK);
	assert_int_equal(coding_remove(db, "ana", id, &err), JAW_OK);
	assert_int_equal(db_exec(db, "DELETE FROM source", &err), JAW_OK);
	struct journal_result res;
	assert_int_equal(journal_undo(db, "ana", &res, &err), JAW_FAIL);
	assert_string_equal(err.msg, "cannot undo \"remove \"Harm\" from source 1 [0, 5)\": a row it "
	                    "refers to was deleted since; nothing changed, and it is off your undo list");
	assert_int_equal(count(db, "SELECT count(*) FROM coding"), 0);
	assert_int_equal(count(db, "PRAGMA foreign_keys"), 1);
	db_close(db);
}

/* ---- codebook ----------------------------------------------------------------------- */

static void test_code_add_rename_move(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	err_clear(&err);
	int64_t poc = add_code(db, "PoC", 0), harm = add_code(db, "Harm", poc);
	int64_t training = add_code(db, "Training", 0), sub = add_code(db, "Drills", harm);
	struct code c = {0};
	c.name = "Harm";
	c.parent_id = poc;
	assert_int_equal(codebook_add(db, "ana", &c, &err), JAW_FAIL);
	assert_string_equal(err.msg, "there is a code called \"Harm\" there already");
	c.parent_id = 99;
	assert_int_equal(codebook_add(db, "ana", &c, &err), JAW_FAIL);
	assert_string_equal(err.msg, "no code with id 99");

	assert_int_equal(codebook_rename(db, "ana", harm, "Civilian harm", &err), JAW_OK);
	char *path = codebook_path_new(db, sub, &err);
	assert_string_equal(path, "PoC/Civilian harm/Drills");
	free(path);
	assert_int_equal(codebook_rename(db, "ana", training, "PoC", &err), JAW_FAIL);
	assert_string_equal(err.msg, "there is a code called \"PoC\" there already");
	assert_int_equal(codebook_rename(db, "ana", training, "", &err), JAW_FAIL);

	/* moving under itself or below itself is refused */
	assert_int_equal(codebook_move(db, "ana", poc, sub, &err), JAW_FAIL);
	assert_string_equal(err.msg, "cannot move \"PoC\" under \"Drills\": that is the code itself "
	                    "or a code below it");
	assert_int_equal(codebook_move(db, "ana", poc, poc, &err), JAW_FAIL);
	assert_int_equal(codebook_move(db, "ana", sub, training, &err), JAW_OK);
	path = codebook_path_new(db, sub, &err);
	assert_string_equal(path, "Training/Drills");
	free(path);
	assert_int_equal(codebook_move(db, "ana", sub, 0, &err), JAW_OK);
	assert_int_equal(count(db, "SELECT count(*) FROM code WHERE name = 'Drills' AND parent_id IS NULL"), 1);

	/* undo puts it all back */
	undo_ok(db, "ana", true, "move code \"Drills\" to the top");
	undo_ok(db, "ana", true, "move code \"Drills\" under \"Training\"");
	undo_ok(db, "ana", true, "rename code \"Harm\" to \"Civilian harm\"");
	path = codebook_path_new(db, sub, &err);
	assert_string_equal(path, "PoC/Harm/Drills");
	free(path);
	undo_nothing(db, "ana", true);
	/* the code finder: by name, by path, ambiguous */
	add_code(db, "Drills", training);
	assert_int_equal(codebook_find(db, "PoC/Harm/Drills", &err), sub);
	assert_int_equal(codebook_find(db, "Harm", &err), harm);
	err_clear(&err);
	assert_int_equal(codebook_find(db, "Drills", &err), 0);
	assert_string_equal(err.msg, "more than one code is called \"Drills\": name it by its path, "
	                    "e.g. \"PoC/Harm/Drills\" or \"Training/Drills\"");
	assert_int_equal(codebook_find(db, "Nothing", &err), 0);
	assert_string_equal(err.msg, "no code called \"Nothing\"");
	/* then ignoring case and accents, by name and by path */
	assert_int_equal(codebook_find(db, "HARM", &err), harm);
	assert_int_equal(codebook_find(db, "poc/harm/drills", &err), sub);
	err_clear(&err);
	assert_int_equal(codebook_find(db, "DRILLS", &err), 0);
	assert_non_null(strstr(err.msg, "more than one code is called \"DRILLS\""));
	add_code(db, "R\xC3\xA9" "fugi\xC3\xA9s", 0);
	assert_true(codebook_find(db, "refugies", &err) > 0);
	/* an exact name wins over one that differs in case */
	int64_t lower = add_code(db, "harm", 0);
	assert_int_equal(codebook_find(db, "harm", &err), lower);
	assert_int_equal(codebook_find(db, "Harm", &err), harm);
	db_close(db);
}

static void test_code_merge(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	err_clear(&err);
	int64_t src = add_source(db, "Note", note);
	int64_t from = add_code(db, "Liaison", 0), into = add_code(db, "Coordination", 0);
	int64_t kid = add_code(db, "LNO", from);
	int64_t a, b, c, d;
	/* a and c are the same coding (coder, range) with the two codes */
	assert_int_equal(coding_apply(db, "ana", src, 0, 5, from, "from memo", &a, &err), JAW_OK);
	assert_int_equal(coding_apply(db, "ana", src, 6, 9, from, NULL, &b, &err), JAW_OK);
	assert_int_equal(coding_apply(db, "ana", src, 0, 5, into, "into memo", &c, &err), JAW_OK);
	assert_int_equal(coding_apply(db, "ben", src, 0, 5, from, NULL, &d, &err), JAW_OK);
	/* a finding rests on the coding that will be dropped */
	assert_int_equal(db_exec(db, "INSERT INTO finding (id, title) VALUES (1, 'F');"
	                             "INSERT INTO finding_evidence (finding_id, coding_id) VALUES (1, 1)",
	                         &err), JAW_OK);
	assert_int_equal(codebook_merge(db, "ana", from, kid, NULL, &err), JAW_FAIL);
	assert_string_equal(err.msg, "cannot merge \"Liaison\" into \"LNO\", which is below it");
	assert_int_equal(codebook_merge(db, "ana", from, from, NULL, &err), JAW_FAIL);

	struct codebook_merge_result res;
	assert_int_equal(codebook_merge(db, "ana", from, into, &res, &err), JAW_OK);
	assert_int_equal(res.moved, 2);
	assert_int_equal(res.collapsed, 1);
	assert_int_equal(res.children, 1);
	assert_int_equal(count(db, "SELECT count(*) FROM code WHERE name = 'Liaison'"), 0);
	assert_int_equal(count(db, "SELECT count(*) FROM coding"), 3);
	assert_int_equal(count(db, "SELECT count(*) FROM coding WHERE code_id <> 2"), 0);
	assert_int_equal(count(db, "SELECT count(*) FROM coding WHERE id = 3"
	                           " AND memo = 'into memo' || char(10) || 'from memo'"), 1);
	assert_int_equal(count(db, "SELECT coding_id FROM finding_evidence"), c);
	assert_int_equal(count(db, "SELECT parent_id FROM code WHERE name = 'LNO'"), into);

	/* undo brings back the code, its codings, memos and the finding's link */
	undo_ok(db, "ana", true, "merge code \"Liaison\" into \"Coordination\" (2 codings moved, "
	                          "1 the same as one there)");
	assert_int_equal(count(db, "SELECT count(*) FROM coding WHERE code_id = 1"), 3);
	assert_int_equal(count(db, "SELECT count(*) FROM coding WHERE id = 3 AND memo = 'into memo'"), 1);
	assert_int_equal(count(db, "SELECT coding_id FROM finding_evidence"), a);
	assert_int_equal(count(db, "SELECT parent_id FROM code WHERE name = 'LNO'"), from);
	assert_int_equal(count(db, "SELECT count(*) FROM code WHERE id = 1 AND name = 'Liaison'"), 1);
	undo_ok(db, "ana", false, NULL);
	assert_int_equal(count(db, "SELECT count(*) FROM coding"), 3);
	assert_int_equal(count(db, "SELECT count(*) FROM code"), 2);
	(void)b;
	(void)d;
	db_close(db);
}

static void test_code_delete_and_undo(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	err_clear(&err);
	int64_t src = add_source(db, "Note", note);
	int64_t top = add_code(db, "CAAC", 0), mid = add_code(db, "Grave violations", top);
	int64_t leaf = add_code(db, "Recruitment", mid), keep = add_code(db, "Training", 0);
	assert_int_equal(coding_apply(db, "ana", src, 0, 5, top, NULL, NULL, &err), JAW_OK);
	assert_int_equal(coding_apply(db, "ana", src, 0, 5, leaf, "m", NULL, &err), JAW_OK);
	assert_int_equal(coding_apply(db, "ben", src, 3, 9, leaf, NULL, NULL, &err), JAW_OK);
	assert_int_equal(coding_apply(db, "ben", src, 3, 9, keep, NULL, NULL, &err), JAW_OK);
	struct codebook_impact imp;
	assert_int_equal(codebook_delete_impact(db, top, &imp, &err), JAW_OK);
	assert_int_equal(imp.codes, 2);
	assert_int_equal(imp.codings, 3);
	char *before = NULL;
	{
		sqlite3_stmt *s = NULL;
		sqlite3_prepare_v2(db_sqlite(db), "SELECT group_concat(id || ':' || code_id || ':' ||"
		                   " coder || ':' || created || ':' || memo, ',') FROM coding", -1, &s, NULL);
		assert_int_equal(sqlite3_step(s), SQLITE_ROW);
		before = xstrdup((const char *)sqlite3_column_text(s, 0));
		sqlite3_finalize(s);
	}
	assert_int_equal(codebook_delete(db, "ana", top, &imp, &err), JAW_OK);
	assert_int_equal(imp.codings, 3);
	assert_int_equal(count(db, "SELECT count(*) FROM code"), 1);
	assert_int_equal(count(db, "SELECT count(*) FROM coding"), 1);
	undo_ok(db, "ana", true, "delete code \"CAAC\" (2 codes below it, 3 codings)");
	assert_int_equal(count(db, "SELECT count(*) FROM code"), 4);
	{
		sqlite3_stmt *s = NULL;
		sqlite3_prepare_v2(db_sqlite(db), "SELECT group_concat(id || ':' || code_id || ':' ||"
		                   " coder || ':' || created || ':' || memo, ',') FROM coding", -1, &s, NULL);
		assert_int_equal(sqlite3_step(s), SQLITE_ROW);
		assert_string_equal((const char *)sqlite3_column_text(s, 0), before);
		sqlite3_finalize(s);
	}
	free(before);
	char *path = codebook_path_new(db, leaf, &err);
	assert_string_equal(path, "CAAC/Grave violations/Recruitment");
	free(path);
	/* redo deletes it all again; undo of the redo restores it again */
	undo_ok(db, "ana", false, NULL);
	assert_int_equal(count(db, "SELECT count(*) FROM code"), 1);
	undo_ok(db, "ana", true, NULL);
	assert_int_equal(count(db, "SELECT count(*) FROM coding"), 4);
	/* undoing the adding of a code that codings use since is refused */
	struct journal_result res;
	assert_int_equal(journal_undo(db, "setup", &res, &err), JAW_FAIL);
	assert_string_equal(err.msg, "cannot undo \"add code \"Training\"\": code 4 is used by rows "
	                    "made since; nothing changed, and it is off your undo list");
	assert_int_equal(count(db, "SELECT count(*) FROM code"), 4);
	assert_int_equal(count(db, "SELECT count(*) FROM coding"), 4);
	db_close(db);
}

/* Asserts code id holds name, description, colour and quick key. */
static void assert_code(struct jaw_db *db, int64_t id, const char *name, const char *description,
                        const char *colour, int key)
{
	struct code c;
	jaw_err err;
	err_clear(&err);
	assert_int_equal(codebook_get(db, id, &c, &err), JAW_OK);
	assert_string_equal(c.name, name);
	assert_string_equal(c.description, description);
	assert_string_equal(c.colour, colour);
	assert_int_equal(c.quick_key, key);
	codebook_code_clear(&c);
}

/* codebook_update: name, description, colour and quick key in one undoable
 * step; refusals change nothing. */
static void test_code_update(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	err_clear(&err);
	struct code a = {.name = "Liaison", .description = "Talks", .colour = "#112233",
	                 .quick_key = 4};
	assert_int_equal(codebook_add(db, "ana", &a, &err), JAW_OK);
	int64_t b = add_code(db, "Training", 0), child = add_code(db, "Drills", a.id);
	struct code edit = {.name = "Liaison cells", .description = "Officers\nand cells",
	                    .colour = "#a0B0c0", .quick_key = 2};
	assert_int_equal(codebook_update(db, "ana", a.id, &edit, &err), JAW_OK);
	assert_code(db, a.id, "Liaison cells", "Officers\nand cells", "#a0B0c0", 2);
	/* the parent and position stay; the code below keeps its parent */
	assert_int_equal(count(db, "SELECT position FROM code WHERE name = 'Liaison cells'"), 1);
	assert_int_equal(count(db, "SELECT parent_id FROM code WHERE name = 'Drills'"), a.id);
	/* undo takes all four back in one step, redo makes them again */
	undo_ok(db, "ana", true, "edit code \"Liaison\" (now \"Liaison cells\")");
	assert_code(db, a.id, "Liaison", "Talks", "#112233", 4);
	undo_ok(db, "ana", false, NULL);
	assert_code(db, a.id, "Liaison cells", "Officers\nand cells", "#a0B0c0", 2);
	/* colour and description only; an empty colour clears it */
	struct code recolour = {.name = "Liaison cells", .description = "", .colour = "",
	                        .quick_key = 2};
	assert_int_equal(codebook_update(db, "ana", a.id, &recolour, &err), JAW_OK);
	assert_code(db, a.id, "Liaison cells", "", "", 2);
	undo_ok(db, "ana", true, "edit code \"Liaison cells\"");
	/* a quick key another code has is taken from it, and undone with it */
	struct code key = {.name = "Training", .description = "", .colour = "", .quick_key = 2};
	assert_int_equal(codebook_update(db, "ana", b, &key, &err), JAW_OK);
	assert_code(db, a.id, "Liaison cells", "Officers\nand cells", "#a0B0c0", 0);
	assert_code(db, b, "Training", "", "", 2);
	undo_ok(db, "ana", true, NULL);
	assert_code(db, a.id, "Liaison cells", "Officers\nand cells", "#a0B0c0", 2);
	assert_code(db, b, "Training", "", "", 0);

	/* refusals: a bad colour, a sibling's name, no name, a bad key, no code */
	static const struct {
		const char *name, *colour;
		int key;
		int64_t id;
		const char *msg;
	} bad[] = {
		{"Liaison cells", "blue", 0, 1, "Liaison cells: colour \"blue\" is not #RRGGBB (such as #1F77B4) or empty"},
		{"Liaison cells", "#12345", 0, 1, "Liaison cells: colour \"#12345\" is not #RRGGBB (such as #1F77B4) or empty"},
		{"Liaison cells", "#12 456", 0, 1, "Liaison cells: colour \"#12 456\" is not #RRGGBB (such as #1F77B4) or empty"},
		{"Training", "", 0, 1, "there is a code called \"Training\" there already"},
		{"", "", 0, 1, "a code needs a name"},
		{"Liaison cells", "", 11, 1, "Liaison cells: quick keys go from 1 to 9 (0 for none)"},
		{"Elsewhere", "", 0, 99, "no code with id 99"},
	};
	int64_t entries = count(db, "SELECT count(*) FROM journal");
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		struct code c = {.name = (char *)bad[i].name, .colour = (char *)bad[i].colour,
		                 .quick_key = bad[i].key};
		err_clear(&err);
		assert_int_equal(codebook_update(db, "ana", bad[i].id, &c, &err), JAW_FAIL);
		assert_string_equal(err.msg, bad[i].msg);
	}
	assert_code(db, a.id, "Liaison cells", "Officers\nand cells", "#a0B0c0", 2);
	assert_int_equal(count(db, "SELECT count(*) FROM journal"), entries);
	/* the same name in another parent is fine */
	struct code same = {.name = "Training"};
	assert_int_equal(codebook_update(db, "ana", child, &same, &err), JAW_OK);
	assert_code(db, child, "Training", "", "", 0);
	db_close(db);
}

/* Loading a codebook from CSV is one change its analyst can undo. */
static void test_codebook_load_undo(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	err_clear(&err);
	/* the starter codebook is the program's: no analyst's undo takes it back */
	assert_int_equal(codebook_load_starter(db, "empty", &err), JAW_OK);
	assert_int_equal(codebook_load_starter(db, "human-security", &err), JAW_OK);
	int64_t starter = count(db, "SELECT count(*) FROM code");
	assert_true(starter >= 25);
	const char csv[] = "name,parent,colour\nAccess,,#FF0000\nCheckpoints,Access,\n";
	assert_int_equal(codebook_load_csv(db, "ana", "mine.csv", csv, strlen(csv), &err), JAW_OK);
	assert_int_equal(count(db, "SELECT count(*) FROM code"), starter + 2);
	assert_int_equal(count(db, "SELECT count(*) FROM journal WHERE action = 'codebook-load'"), 2);
	undo_ok(db, "ana", true, "load codebook mine.csv (2 codes)");
	assert_int_equal(count(db, "SELECT count(*) FROM code"), starter);
	undo_ok(db, "ana", false, NULL);
	assert_int_equal(count(db, "SELECT count(*) FROM code WHERE colour = '#FF0000'"
	                           " AND name = 'Access'"), 1);
	undo_ok(db, "ana", true, NULL);
	undo_nothing(db, "ana", true);
	assert_int_equal(count(db, "SELECT count(*) FROM code"), starter);
	db_close(db);
}

static void test_quick_keys(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	err_clear(&err);
	int64_t a = add_code(db, "A", 0), b = add_code(db, "B", 0), from;
	assert_int_equal(codebook_set_quick_key(db, "ana", a, 3, &from, &err), JAW_OK);
	assert_int_equal(from, 0);
	assert_int_equal(codebook_quick_key_code(db, 3, &err), a);
	assert_int_equal(codebook_set_quick_key(db, "ana", b, 3, &from, &err), JAW_OK);
	assert_int_equal(from, a);
	assert_int_equal(codebook_quick_key_code(db, 3, &err), b);
	assert_int_equal(codebook_set_quick_key(db, "ana", b, 10, &from, &err), JAW_FAIL);
	/* undo swaps the key back (the unique key is freed first) */
	undo_ok(db, "ana", true, "quick key 3 for code \"B\"");
	assert_int_equal(codebook_quick_key_code(db, 3, &err), a);
	undo_ok(db, "ana", false, NULL);
	assert_int_equal(codebook_quick_key_code(db, 3, &err), b);
	assert_int_equal(codebook_set_quick_key(db, "ana", b, 0, &from, &err), JAW_OK);
	assert_int_equal(codebook_quick_key_code(db, 3, &err), 0);
	db_close(db);
}

/* ---- tree and picker -------------------------------------------------------------- */

static void test_tree_page(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_demo_new(NULL);
	jaw_err err;
	err_clear(&err);
	int64_t total = codebook_tree_count(db, NULL, 0, &err);
	assert_int_equal(total, count(db, "SELECT count(*) FROM code"));
	struct codebook_row rows[64];
	assert_int_equal(codebook_tree_page(db, NULL, 0, 0, 64, rows, &err), total);
	assert_string_equal(rows[0].code.name, "Protection of civilians");
	assert_int_equal(rows[0].depth, 0);
	assert_int_equal(rows[0].children, 4);
	assert_false(rows[0].collapsed);
	assert_string_equal(rows[1].code.name, "Civilian harm mitigation");
	assert_int_equal(rows[1].depth, 1);
	assert_string_equal(rows[5].code.name, "Children and armed conflict");
	int64_t poc = rows[0].code.id, caac = rows[5].code.id, mrm = rows[8].code.id;
	for (int64_t i = 0; i < total; i++)
		codebook_row_clear(&rows[i]);
	/* collapsing hides the codes below */
	int64_t collapsed[] = {poc, caac};
	assert_int_equal(codebook_tree_count(db, collapsed, 2, &err), total - 7);
	assert_int_equal(codebook_tree_page(db, collapsed, 2, 0, 3, rows, &err), 3);
	assert_string_equal(rows[0].code.name, "Protection of civilians");
	assert_true(rows[0].collapsed);
	assert_string_equal(rows[1].code.name, "Children and armed conflict");
	assert_string_equal(rows[2].code.name, "Conflict-related sexual violence");
	for (int i = 0; i < 3; i++)
		codebook_row_clear(&rows[i]);
	assert_int_equal(codebook_tree_index(db, NULL, 0, mrm, &err), 8);
	assert_int_equal(codebook_tree_index(db, collapsed, 2, mrm, &err), -1);
	assert_int_equal(codebook_tree_index(db, collapsed, 2, caac, &err), 1);
	db_close(db);
}

static void test_picker(void **state)
{
	(void)state;
	/* substring beats subsequence; at the start beats a word start beats inside */
	assert_true(codebook_match_score("Training", "train") > codebook_match_score("Constraint", "train"));
	assert_true(codebook_match_score("Reporting", "rep") > codebook_match_score("Monitoring and reporting", "rep"));
	assert_true(codebook_match_score("Monitoring and reporting", "rep") >
	            codebook_match_score("Trepidation", "rep"));
	assert_true(codebook_match_score("Civilian harm mitigation", "chm") > 0);
	assert_true(codebook_match_score("Civilian harm mitigation", "civ") >
	            codebook_match_score("Civilian harm mitigation", "chm"));
	assert_int_equal(codebook_match_score("Liaison", "xyz"), 0);
	assert_int_equal(codebook_match_score("Liaison", "nosial"), 0);
	assert_true(codebook_match_score("\xC3\x89tudes", "\xC3\xA9tu") > 0); /* case, non-ASCII */
	assert_true(codebook_match_score("Anything", "") > 0);

	struct jaw_db *db = testutil_demo_new(NULL);
	jaw_err err;
	err_clear(&err);
	struct codebook_match rows[8];
	int64_t total;
	int n = codebook_filter_page(db, "report", 0, 8, rows, &total, &err);
	assert_true(n >= 2);
	assert_string_equal(rows[0].name, "Reporting");
	assert_string_equal(rows[0].path, "Cross-cutting/Reporting");
	assert_int_equal(rows[0].quick_key, 8);
	for (int i = 0; i < n; i++)
		codebook_match_clear(&rows[i]);
	n = codebook_filter_page(db, "gfp", 0, 8, rows, &total, &err);
	assert_true(n >= 1);
	assert_string_equal(rows[0].name, "Gender focal points");
	for (int i = 0; i < n; i++)
		codebook_match_clear(&rows[i]);
	n = codebook_filter_page(db, "", 5, 8, rows, &total, &err);
	assert_int_equal(n, 8);
	assert_int_equal(total, count(db, "SELECT count(*) FROM code"));
	for (int i = 0; i < n; i++)
		codebook_match_clear(&rows[i]);
	assert_int_equal(codebook_filter_page(db, "zzzz", 0, 8, rows, &total, &err), 0);
	assert_int_equal(total, 0);
	db_close(db);
}

int main(void)
{
	testutil_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_apply_multibyte_offsets),
		cmocka_unit_test(test_apply_refusals),
		cmocka_unit_test(test_check_offsets),
		cmocka_unit_test(test_range_and_step),
		cmocka_unit_test(test_segments),
		cmocka_unit_test(test_coder_names),
		cmocka_unit_test(test_undo_redo_codings),
		cmocka_unit_test(test_undo_remove_cited),
		cmocka_unit_test(test_redo_cleared_by_new_change),
		cmocka_unit_test(test_undo_survives_reopen),
		cmocka_unit_test(test_undo_conflict),
		cmocka_unit_test(test_undo_after_source_deleted),
		cmocka_unit_test(test_code_add_rename_move),
		cmocka_unit_test(test_code_merge),
		cmocka_unit_test(test_code_delete_and_undo),
		cmocka_unit_test(test_code_update),
		cmocka_unit_test(test_codebook_load_undo),
		cmocka_unit_test(test_quick_keys),
		cmocka_unit_test(test_tree_page),
		cmocka_unit_test(test_picker),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
