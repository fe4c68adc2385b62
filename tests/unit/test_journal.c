/* test_journal.c - the journal of the timeline, the stakeholders and the
 * evidence (edit.h), and undo and redo limited to where a change was made
 * (its context and subject). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codebook.h"
#include "coding.h"
#include "edit.h"
#include "journal.h"
#include "model.h"
#include "project_schema.h"
#include "testutil.h"
#include "xalloc.h"

/* ---- helpers ------------------------------------------------------------------------ */

/* Every row of table, column by column, as bytes with their types: two
 * dumps are equal only if the rows are byte-equal. Newly allocated. */
static char *dump_table_new(struct jaw_db *db, const char *table)
{
	char sql[128];
	snprintf(sql, sizeof sql, "SELECT * FROM %s ORDER BY rowid", table);
	sqlite3_stmt *s = NULL;
	assert_int_equal(sqlite3_prepare_v2(db_sqlite(db), sql, -1, &s, NULL), SQLITE_OK);
	size_t len = 0, cap = 256;
	char *out = xmalloc(cap);
	while (sqlite3_step(s) == SQLITE_ROW) {
		for (int i = 0; i < sqlite3_column_count(s); i++) {
			const void *bytes = sqlite3_column_blob(s, i);
			size_t n = (size_t)sqlite3_column_bytes(s, i);
			if (len + n + 32 > cap)
				out = xrealloc(out, cap = (len + n + 32) * 2);
			len += (size_t)snprintf(out + len, 32, "%d:%zu:", sqlite3_column_type(s, i), n);
			if (n)
				memcpy(out + len, bytes, n);
			len += n;
			out[len++] = '|';
		}
		out[len++] = '\n';
	}
	sqlite3_finalize(s);
	out[len] = '\0';
	return out;
}

/* The tables an undo may write, dumped together. */
static char *dump_new(struct jaw_db *db)
{
	static const char *const tables[] = {"timeline_item", "stakeholder", "source", "code",
	                                     "coding", "finding_evidence"};
	char *all = xstrdup("");
	for (size_t i = 0; i < sizeof tables / sizeof *tables; i++) {
		char *t = dump_table_new(db, tables[i]);
		char *joined = xasprintf("%s%s:\n%s", all, tables[i], t);
		free(t);
		free(all);
		all = joined;
	}
	return all;
}

/* Asserts that the rows are byte for byte as dumped in before. */
static void assert_rows_are(struct jaw_db *db, const char *before)
{
	char *now = dump_new(db);
	assert_string_equal(now, before);
	free(now);
}

/* Undoes (redoes) as analyst in context on subject; asserts it did, with
 * summary (unless NULL), and returns the record it names. */
static int64_t step_ok(struct jaw_db *db, const char *analyst, bool undo,
                       enum journal_context context, int64_t subject, const char *summary)
{
	struct journal_result res;
	struct journal_scope scope = {context, subject};
	jaw_err err;
	err_clear(&err);
	int rc = undo ? journal_undo_in(db, analyst, &scope, &res, &err)
	              : journal_redo_in(db, analyst, &scope, &res, &err);
	if (rc != JAW_OK)
		fail_msg("%s: %s", undo ? "undo" : "redo", err.msg);
	assert_true(res.entry > 0);
	if (summary)
		assert_string_equal(res.summary, summary);
	if (context != JOURNAL_ANYWHERE)
		assert_int_equal(res.context, context);
	int64_t record = res.record;
	journal_result_clear(&res);
	return record;
}

/* Asserts there is nothing to undo (redo) as analyst in context. */
static void step_nothing(struct jaw_db *db, const char *analyst, bool undo,
                         enum journal_context context, int64_t subject)
{
	struct journal_result res;
	struct journal_scope scope = {context, subject};
	jaw_err err;
	err_clear(&err);
	int rc = undo ? journal_undo_in(db, analyst, &scope, &res, &err)
	              : journal_redo_in(db, analyst, &scope, &res, &err);
	if (rc != JAW_OK)
		fail_msg("%s: %s", undo ? "undo" : "redo", err.msg);
	assert_int_equal(res.entry, 0);
	journal_result_clear(&res);
}

static int64_t scalar(struct jaw_db *db, const char *sql)
{
	return testutil_scalar(db, sql);
}

static int64_t add_item(struct jaw_db *db, const char *analyst, const char *title)
{
	struct timeline_item it = {.kind = "event", .title = (char *)title,
	                           .start_date = "2026-05-04"};
	jaw_err err;
	err_clear(&err);
	if (edit_timeline_add(db, analyst, &it, &err) != JAW_OK)
		fail_msg("edit_timeline_add: %s", err.msg);
	return it.id;
}

/* ---- contexts ----------------------------------------------------------------------- */

static void test_contexts_of_actions(void **state)
{
	(void)state;
	assert_int_equal(journal_context_of_action("timeline-delete"), JOURNAL_IN_TIMELINE);
	assert_int_equal(journal_context_of_action("stakeholder-add"), JOURNAL_IN_STAKEHOLDERS);
	assert_int_equal(journal_context_of_action("source-delete"), JOURNAL_IN_EVIDENCE);
	assert_int_equal(journal_context_of_action("code-merge"), JOURNAL_IN_CODEBOOK);
	assert_int_equal(journal_context_of_action("codebook-load"), JOURNAL_IN_CODEBOOK);
	assert_int_equal(journal_context_of_action("coding-apply"), JOURNAL_IN_CODING);
	assert_int_equal(journal_context_of_action("frobnicate"), JOURNAL_ANYWHERE);
	assert_string_equal(journal_context_where(JOURNAL_IN_TIMELINE), "in the timeline");

	/* a change must say where it is made */
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	err_clear(&err);
	assert_null(journal_begin(db, "ana", "frobnicate", &err));
	assert_string_equal(err.msg, "internal error: the change \"frobnicate\" names no context");
	db_close(db);
}

/* ---- the timeline ------------------------------------------------------------------- */

/* A deleted item comes back with the links of its evidence; the cursor's
 * record is the item. */
static void test_timeline_delete_undo(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_demo_new(NULL);
	int64_t id = scalar(db, "SELECT timeline_item_id FROM source WHERE timeline_item_id"
	                        " IS NOT NULL GROUP BY timeline_item_id ORDER BY count(*) DESC LIMIT 1");
	assert_true(id > 0);
	char title[200], want[300];
	struct timeline_item *it = model_timeline_get_new(db, id, NULL);
	snprintf(title, sizeof title, "%s", it->title);
	snprintf(want, sizeof want, "deleted %s “%s”", it->kind, it->title);
	model_timeline_item_free(it);
	char *before = dump_new(db);
	jaw_err err;
	err_clear(&err);
	assert_int_equal(edit_timeline_delete(db, "ana", id, &err), JAW_OK);
	char sql[160];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM timeline_item WHERE id = %lld", (long long)id);
	assert_int_equal(scalar(db, sql), 0);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM source WHERE timeline_item_id = %lld",
	         (long long)id);
	assert_int_equal(scalar(db, sql), 0);

	assert_int_equal(step_ok(db, "ana", true, JOURNAL_IN_TIMELINE, 0, want), id);
	assert_rows_are(db, before);
	assert_true(scalar(db, sql) > 0);

	/* redo deletes it again; undo brings it back again, byte for byte */
	step_ok(db, "ana", false, JOURNAL_IN_TIMELINE, 0, want);
	assert_int_equal(scalar(db, sql), 0);
	step_ok(db, "ana", true, JOURNAL_IN_TIMELINE, 0, want);
	assert_rows_are(db, before);
	free(before);
	db_close(db);
}

/* Adding and editing are undone too; the item's notes with them. */
static void test_timeline_add_edit_undo(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	int64_t id = add_item(db, "ana", "Workshop 2");
	struct timeline_item *it = model_timeline_get_new(db, id, NULL);
	free(it->notes);
	it->notes = xstrdup("Bring the survey forms.\n");
	jaw_err err;
	err_clear(&err);
	assert_int_equal(edit_timeline_update(db, "ana", it, &err), JAW_OK);
	model_timeline_item_free(it);
	assert_int_equal(scalar(db, "SELECT count(*) FROM timeline_item WHERE notes <> ''"), 1);
	assert_int_equal(step_ok(db, "ana", true, JOURNAL_IN_TIMELINE, 0,
	                         "edited event “Workshop 2”"), id);
	assert_int_equal(scalar(db, "SELECT count(*) FROM timeline_item WHERE notes <> ''"), 0);
	step_ok(db, "ana", true, JOURNAL_IN_TIMELINE, 0, "added event “Workshop 2”");
	assert_int_equal(scalar(db, "SELECT count(*) FROM timeline_item"), 0);
	step_nothing(db, "ana", true, JOURNAL_IN_TIMELINE, 0);

	/* a refused change writes nothing */
	struct timeline_item bad = {.kind = "event", .title = "Late", .start_date = "2026-05-04",
	                            .end_date = "2026-05-01"};
	assert_int_equal(edit_timeline_add(db, "ana", &bad, &err), JAW_FAIL);
	assert_string_equal(err.msg, "Late: ends (2026-05-01) before it starts (2026-05-04)");
	assert_int_equal(scalar(db, "SELECT count(*) FROM journal WHERE action = 'timeline-add'"), 1);
	assert_int_equal(edit_timeline_delete(db, "ana", 999, &err), JAW_FAIL);
	assert_string_equal(err.msg, "no timeline item with id 999");
	db_close(db);
}

/* ---- stakeholders ------------------------------------------------------------------- */

/* Deleting an organisation frees its members and unlinks its evidence;
 * undo puts all back, the register's order too. Renaming one moves its
 * members in the order; undo moves them back. */
static void test_stakeholder_delete_rename_undo(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_demo_new(NULL);
	int64_t org = scalar(db, "SELECT p.id FROM stakeholder p WHERE p.kind = 'organisation'"
	                         " AND EXISTS (SELECT 1 FROM stakeholder c WHERE c.parent_id = p.id)"
	                         " AND EXISTS (SELECT 1 FROM stakeholder c JOIN source s"
	                         " ON s.stakeholder_id = c.id WHERE c.parent_id = p.id)"
	                         " ORDER BY p.id LIMIT 1");
	assert_true(org > 0);
	int64_t person = scalar(db, "SELECT s.stakeholder_id FROM source s JOIN stakeholder c"
	                            " ON c.id = s.stakeholder_id WHERE c.kind = 'person' LIMIT 1");
	char *before = dump_new(db);
	jaw_err err;
	err_clear(&err);
	assert_int_equal(edit_stakeholder_delete(db, "ana", org, &err), JAW_OK);
	assert_int_equal(edit_stakeholder_delete(db, "ana", person, &err), JAW_OK);
	step_ok(db, "ana", true, JOURNAL_IN_STAKEHOLDERS, 0, NULL);
	assert_int_equal(step_ok(db, "ana", true, JOURNAL_IN_STAKEHOLDERS, 0, NULL), org);
	assert_rows_are(db, before);

	struct stakeholder *s = model_stakeholder_get_new(db, org, &err);
	free(s->name);
	s->name = xstrdup("Aardvark Command");
	free(s->parent_name);
	s->parent_name = NULL;
	assert_int_equal(edit_stakeholder_update(db, "ana", s, &err), JAW_OK);
	model_stakeholder_free(s);
	char *after = dump_new(db);
	assert_string_not_equal(after, before);
	free(after);
	step_ok(db, "ana", true, JOURNAL_IN_STAKEHOLDERS, 0, "edited organisation “Aardvark Command”");
	assert_rows_are(db, before);
	free(before);

	struct stakeholder add = {.kind = "person", .name = "Ioana Căpraru"};
	assert_int_equal(edit_stakeholder_add(db, "ana", &add, &err), JAW_OK);
	assert_int_equal(step_ok(db, "ana", true, JOURNAL_IN_STAKEHOLDERS, 0,
	                         "added person “Ioana Căpraru”"), add.id);
	assert_int_equal(edit_stakeholder_delete(db, "ana", add.id, &err), JAW_FAIL);
	db_close(db);
}

/* ---- sources ------------------------------------------------------------------------ */

/* A source deleted with its codings and their links to findings is one
 * change; one undo brings every row back byte for byte, and the search
 * finds it again. */
static void test_source_delete_undo_whole(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_demo_new(NULL);
	int64_t id = scalar(db, "SELECT source_id FROM coding GROUP BY source_id"
	                        " ORDER BY count(*) DESC LIMIT 1");
	jaw_err err;
	err_clear(&err);
	char sql[300];
	snprintf(sql, sizeof sql, "INSERT INTO finding (id, title) VALUES (1, 'Liaison works');"
	         " INSERT INTO finding_evidence (finding_id, coding_id) SELECT 1, min(id) FROM coding"
	         " WHERE source_id = %lld; INSERT INTO finding_evidence (finding_id, source_id)"
	         " VALUES (1, %lld)", (long long)id, (long long)id);
	assert_int_equal(db_exec(db, sql, &err), JAW_OK);
	int64_t codings = scalar(db, "SELECT count(*) FROM coding");
	snprintf(sql, sizeof sql, "SELECT count(*) FROM coding WHERE source_id = %lld", (long long)id);
	int64_t own = scalar(db, sql);
	assert_true(own > 1);
	/* the full-text index agrees with the sources, whatever undo and redo do */
	static const char fts_check[] =
		"INSERT INTO source_fts (source_fts, rank) VALUES ('integrity-check', 1)";
	char *before = dump_new(db);

	assert_int_equal(edit_source_delete(db, "ana", id, &err), JAW_OK);
	assert_int_equal(scalar(db, "SELECT count(*) FROM coding"), codings - own);
	assert_int_equal(scalar(db, "SELECT count(*) FROM finding_evidence"), 0);
	assert_int_equal(scalar(db, "SELECT count(*) FROM journal WHERE action = 'source-delete'"), 1);
	assert_int_equal(step_ok(db, "ana", true, JOURNAL_IN_EVIDENCE, 0, NULL), id);
	assert_rows_are(db, before);
	assert_int_equal(db_exec(db, fts_check, &err), JAW_OK);
	step_ok(db, "ana", false, JOURNAL_IN_EVIDENCE, 0, NULL);
	assert_int_equal(db_exec(db, fts_check, &err), JAW_OK);
	assert_int_equal(scalar(db, sql), 0);
	step_ok(db, "ana", true, JOURNAL_IN_EVIDENCE, 0, NULL);
	assert_int_equal(db_exec(db, fts_check, &err), JAW_OK);
	assert_rows_are(db, before);
	free(before);
	db_close(db);
}

/* A new note and a corrected title are undone in the evidence. */
static void test_source_add_edit_undo(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	struct source src = {.kind = "interview", .title = "Chief of staff",
	                     .text = "Liaison works.\nZoë said so.\n"};
	jaw_err err;
	err_clear(&err);
	assert_int_equal(edit_source_add(db, "ana", &src, &err), JAW_OK);
	struct source *s = model_source_get_new(db, src.id, &err);
	free(s->title);
	s->title = xstrdup("Chief of staff, 2nd visit");
	assert_int_equal(edit_source_update_meta(db, "ana", s, &err), JAW_OK);
	model_source_free(s);
	step_ok(db, "ana", true, JOURNAL_IN_EVIDENCE, 0, "edited source “Chief of staff, 2nd visit”");
	assert_int_equal(scalar(db, "SELECT count(*) FROM source WHERE title = 'Chief of staff'"), 1);
	step_ok(db, "ana", true, JOURNAL_IN_EVIDENCE, 0, "added source “Chief of staff”");
	assert_int_equal(scalar(db, "SELECT count(*) FROM source"), 0);
	assert_int_equal(edit_source_delete(db, "ana", src.id, &err), JAW_FAIL);
	db_close(db);
}

/* ---- undo where the change was made ---------------------------------------------- */

/* u in one context never takes back a change made in another. */
static void test_undo_only_in_context(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	err_clear(&err);
	add_item(db, "ana", "Workshop 1");
	struct stakeholder s = {.kind = "organisation", .name = "Brigade South"};
	assert_int_equal(edit_stakeholder_add(db, "ana", &s, &err), JAW_OK);
	struct code c = {.name = "Liaison"};
	assert_int_equal(codebook_add(db, "ana", &c, &err), JAW_OK);

	/* the timeline's undo skips the newer stakeholder and code */
	step_ok(db, "ana", true, JOURNAL_IN_TIMELINE, 0, "added event “Workshop 1”");
	assert_int_equal(scalar(db, "SELECT count(*) FROM stakeholder"), 1);
	assert_int_equal(scalar(db, "SELECT count(*) FROM code"), 1);
	step_nothing(db, "ana", true, JOURNAL_IN_TIMELINE, 0);
	step_nothing(db, "ana", true, JOURNAL_IN_EVIDENCE, 0);
	step_ok(db, "ana", true, JOURNAL_IN_CODEBOOK, 0, "add code \"Liaison\"");
	assert_int_equal(scalar(db, "SELECT count(*) FROM stakeholder"), 1);

	/* a new change clears the redo list of its own context only */
	add_item(db, "ana", "Workshop 2");
	step_ok(db, "ana", false, JOURNAL_IN_CODEBOOK, 0, "add code \"Liaison\"");
	step_ok(db, "ana", true, JOURNAL_IN_TIMELINE, 0, "added event “Workshop 2”");
	add_item(db, "ana", "Workshop 3");
	step_nothing(db, "ana", false, JOURNAL_IN_TIMELINE, 0);
	/* anywhere: the latest change, whatever it was */
	step_ok(db, "ana", true, JOURNAL_ANYWHERE, 0, "added event “Workshop 3”");
	step_ok(db, "ana", true, JOURNAL_ANYWHERE, 0, "add code \"Liaison\"");
	db_close(db);
}

/* Another analyst's change is never undone, even in the same context. */
static void test_undo_not_another_analyst(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	add_item(db, "ana", "Workshop 1");
	int64_t bobs = add_item(db, "bob", "Workshop 2");
	step_ok(db, "ana", true, JOURNAL_IN_TIMELINE, 0, "added event “Workshop 1”");
	step_nothing(db, "ana", true, JOURNAL_IN_TIMELINE, 0);
	char sql[96];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM timeline_item WHERE id = %lld",
	         (long long)bobs);
	assert_int_equal(scalar(db, sql), 1);

	/* bob changed ana's item since: her undo refuses and says which row */
	int64_t anas = add_item(db, "ana", "Workshop 3");
	struct timeline_item *it = model_timeline_get_new(db, anas, NULL);
	free(it->location);
	it->location = xstrdup("Izmir");
	jaw_err err;
	err_clear(&err);
	assert_int_equal(edit_timeline_update(db, "bob", it, &err), JAW_OK);
	model_timeline_item_free(it);
	struct journal_result res;
	struct journal_scope scope = {JOURNAL_IN_TIMELINE, 0};
	assert_int_equal(journal_undo_in(db, "ana", &scope, &res, &err), JAW_FAIL);
	char want[200];
	snprintf(want, sizeof want, "cannot undo \"added event “Workshop 3”\": timeline item %lld"
	         " was changed or deleted since; nothing changed, and it is off your undo list",
	         (long long)anas);
	assert_string_equal(err.msg, want);
	assert_int_equal(scalar(db, "SELECT count(*) FROM timeline_item WHERE location = 'Izmir'"), 1);
	db_close(db);
}

/* The reader's undo takes back codings of its own source only. */
static void test_undo_codings_of_one_source(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	err_clear(&err);
	struct source a = {.kind = "interview", .title = "A", .text = "Liaison works well."};
	struct source b = {.kind = "interview", .title = "B", .text = "Training is short."};
	assert_int_equal(edit_source_add(db, "ana", &a, &err), JAW_OK);
	assert_int_equal(edit_source_add(db, "ana", &b, &err), JAW_OK);
	struct code c = {.name = "Liaison"};
	assert_int_equal(codebook_add(db, "ana", &c, &err), JAW_OK);
	int64_t ca = 0, cb = 0;
	assert_int_equal(coding_apply(db, "ana", a.id, 0, 7, c.id, NULL, &ca, &err), JAW_OK);
	assert_int_equal(coding_apply(db, "ana", b.id, 0, 8, c.id, NULL, &cb, &err), JAW_OK);
	assert_int_equal(step_ok(db, "ana", true, JOURNAL_IN_CODING, a.id, NULL), ca);
	char sql[96];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM coding WHERE id = %lld", (long long)cb);
	assert_int_equal(scalar(db, sql), 1);
	step_nothing(db, "ana", true, JOURNAL_IN_CODING, a.id);
	/* a code deleted in the codebook (with b's coding) is not the reader's to undo */
	assert_int_equal(codebook_delete(db, "ana", c.id, NULL, &err), JAW_OK);
	step_nothing(db, "ana", true, JOURNAL_IN_CODING, a.id);
	assert_int_equal(scalar(db, "SELECT count(*) FROM coding"), 0);
	step_ok(db, "ana", true, JOURNAL_IN_CODEBOOK, 0, NULL);
	assert_int_equal(scalar(db, "SELECT count(*) FROM coding"), 1);
	assert_int_equal(step_ok(db, "ana", true, JOURNAL_IN_CODING, b.id, NULL), cb);
	assert_int_equal(scalar(db, "SELECT count(*) FROM coding"), 0);
	db_close(db);
}

/* A code deleted and brought back by undo keeps its GUID (REFI-QDA
 * exchange depends on it), and so does a code whose rename is undone. */
static void test_code_undo_keeps_guid(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	err_clear(&err);
	struct code c = {.name = "Liaison"};
	assert_int_equal(codebook_add(db, "ana", &c, &err), JAW_OK);
	char *guid = testutil_text_new(db, "SELECT guid FROM code");
	assert_int_equal(strlen(guid), 36);
	assert_int_equal(codebook_delete(db, "ana", c.id, NULL, &err), JAW_OK);
	assert_int_equal(scalar(db, "SELECT count(*) FROM code"), 0);
	step_ok(db, "ana", true, JOURNAL_IN_CODEBOOK, 0, NULL);
	char *back = testutil_text_new(db, "SELECT guid FROM code");
	assert_string_equal(back, guid);
	free(back);
	step_ok(db, "ana", false, JOURNAL_IN_CODEBOOK, 0, NULL);
	assert_int_equal(scalar(db, "SELECT count(*) FROM code"), 0);
	step_ok(db, "ana", true, JOURNAL_IN_CODEBOOK, 0, NULL);
	back = testutil_text_new(db, "SELECT guid FROM code");
	assert_string_equal(back, guid);
	free(back);
	free(guid);
	db_close(db);
}

/* A project of schema 3 opens: its journal's changes get their contexts. */
static void test_migrate_journal_contexts(void **state)
{
	(void)state;
	char *path = testutil_path_new("v3.jaw");
	struct jaw_db *db = NULL;
	jaw_err err;
	err_clear(&err);
	assert_int_equal(db_create_version(path, &project_schema, 3, &db, &err), JAW_OK);
	assert_int_equal(db_exec(db,
		"INSERT INTO source (id, kind, title, text) VALUES (7, 'interview', 'A', 'Liaison');"
		"INSERT INTO code (id, name) VALUES (1, 'Liaison');"
		"INSERT INTO coding (id, source_id, start_cp, end_cp, code_id, coder, created)"
		" VALUES (3, 7, 0, 7, 1, 'ana', 'x');"
		"INSERT INTO journal (analyst, action, summary, payload) VALUES"
		" ('ana', 'code-add', 'add code \"Liaison\"', '{\"format\":1,\"rows\":[{\"table\":\"code\","
		"\"id\":1,\"before\":null,\"after\":{\"id\":1,\"parent_id\":null,\"name\":\"Liaison\","
		"\"description\":\"\",\"colour\":\"\",\"quick_key\":null,\"position\":0}}]}'),"
		" ('ana', 'coding-apply', 'apply', '{\"format\":1,\"rows\":[{\"table\":\"coding\","
		"\"id\":3,\"before\":null,\"after\":{\"id\":3,\"source_id\":7,\"start_cp\":0,"
		"\"end_cp\":7,\"code_id\":1,\"coder\":\"ana\",\"created\":\"x\",\"memo\":\"\"}}]}')",
		&err), JAW_OK);
	db_close(db);
	assert_int_equal(db_open(path, 0, &project_schema, &db, &err), JAW_OK);
	assert_int_equal(db_schema_version(db), PROJECT_SCHEMA_VERSION);
	assert_int_equal(scalar(db, "SELECT count(*) FROM journal WHERE action = 'code-add'"
	                            " AND context = 'codebook' AND subject IS NULL"), 1);
	assert_int_equal(scalar(db, "SELECT count(*) FROM journal WHERE action = 'coding-apply'"
	                            " AND context = 'coding' AND subject = 7"), 1);
	/* and undo finds them where they were made */
	step_nothing(db, "ana", true, JOURNAL_IN_CODING, 8);
	assert_int_equal(step_ok(db, "ana", true, JOURNAL_IN_CODING, 7, "apply"), 3);
	assert_int_equal(step_ok(db, "ana", true, JOURNAL_IN_CODEBOOK, 0, NULL), 1);
	assert_int_equal(scalar(db, "SELECT count(*) FROM code"), 0);
	db_close(db);
	free(path);
}

/* Where the evidence list shows a source (the cursor goes there after an
 * undo): in the list's order, -1 when its filter leaves it out. */
static void test_source_position_for_the_cursor(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_demo_new(NULL);
	jaw_err err;
	err_clear(&err);
	/* undated notes come last in date order */
	struct source undated[] = {{.kind = "document", .title = "Aaa", .text = "one"},
	                           {.kind = "document", .title = "Zzz", .text = "two"}};
	for (size_t i = 0; i < 2; i++)
		assert_int_equal(edit_source_add(db, "ana", &undated[i], &err), JAW_OK);
	int64_t n = model_source_count_filtered(db, NULL, &err);
	struct source_filter by_title = {.by_title = true};
	struct source *rows = xcalloc((size_t)n, sizeof *rows);
	const struct source_filter *orders[] = {NULL, &by_title};
	for (size_t k = 0; k < 2; k++) {
		assert_int_equal(model_source_page_filtered(db, orders[k], 0, (int)n, rows, &err), n);
		for (int64_t i = 0; i < n; i++) {
			assert_int_equal(model_source_position_of_id(db, orders[k], rows[i].id, &err), i);
			model_source_clear(&rows[i]);
		}
	}
	free(rows);
	int64_t id = scalar(db, "SELECT id FROM source WHERE kind <> 'survey_answer'"
	                        " AND stakeholder_id IS NOT NULL LIMIT 1");
	int64_t other = scalar(db, "SELECT id FROM stakeholder WHERE id NOT IN (SELECT stakeholder_id"
	                           " FROM source WHERE stakeholder_id IS NOT NULL) LIMIT 1");
	struct source_filter someone_else = {.stakeholder_id = other};
	assert_int_equal(model_source_position_of_id(db, &someone_else, id, &err), -1);
	assert_int_equal(model_source_position_of_id(db, NULL, 99999999, &err), -1);
	db_close(db);
}

int main(void)
{
	testutil_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_contexts_of_actions),
		cmocka_unit_test(test_code_undo_keeps_guid),
		cmocka_unit_test(test_timeline_delete_undo),
		cmocka_unit_test(test_timeline_add_edit_undo),
		cmocka_unit_test(test_stakeholder_delete_rename_undo),
		cmocka_unit_test(test_source_delete_undo_whole),
		cmocka_unit_test(test_source_add_edit_undo),
		cmocka_unit_test(test_source_position_for_the_cursor),
		cmocka_unit_test(test_undo_only_in_context),
		cmocka_unit_test(test_undo_not_another_analyst),
		cmocka_unit_test(test_undo_codings_of_one_source),
		cmocka_unit_test(test_migrate_journal_contexts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
