/* memo.c - memos on the project, sources, codes, stakeholders, timeline
 * items and findings, listed with the memos on codings. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "finding_int.h"
#include "journal.h"
#include "kinds.h"
#include "memo.h"
#include "model.h"
#include "xalloc.h"

/* SQL: the path of the code whose id is the SQL expression id. */
#define MEMO_CODE_PATH(id)                                                                     \
	"(WITH RECURSIVE up (id, parent, path) AS (SELECT c.id, c.parent_id, c.name FROM code c" \
	" WHERE c.id = " id " UNION ALL SELECT p.id, p.parent_id, p.name || '/' || up.path"       \
	" FROM code p JOIN up ON p.id = up.parent) SELECT path FROM up WHERE parent IS NULL)"

/* SQL: what memo alias m is on, in words. */
#define MEMO_TARGET                                                                          \
	"coalesce(CASE m.target_kind WHEN 'project' THEN (SELECT title FROM project)"            \
	" WHEN 'source' THEN (SELECT " MODEL_SOURCE_TITLE("s") " FROM source s"                 \
	" WHERE s.id = m.target_id) WHEN 'code' THEN " MEMO_CODE_PATH("m.target_id")            \
	" WHEN 'stakeholder' THEN (SELECT name FROM stakeholder WHERE id = m.target_id)"        \
	" WHEN 'timeline_item' THEN (SELECT title FROM timeline_item WHERE id = m.target_id)"   \
	" WHEN 'finding' THEN (SELECT title FROM finding WHERE id = m.target_id) END,"          \
	" '(deleted)')"

/* The memos of the memo table and of codings that pass the filter (?1
 * target kind, ?2 target id, ?3 author, ?4 with codings), in columns
 * id, target_kind, target_id, target, title, text, author, created,
 * updated. */
#define MEMO_UNION                                                                             \
	"SELECT m.id, m.target_kind, m.target_id, " MEMO_TARGET " AS target, m.title, m.text,"     \
	" m.author, m.created, m.updated FROM memo m WHERE (?1 IS NULL OR (m.target_kind = ?1"    \
	" AND (?2 IS NULL OR m.target_id = ?2))) AND (?3 IS NULL OR m.author = ?3)"              \
	" UNION ALL SELECT 0, 'coding', k.id, " MEMO_CODE_PATH("k.code_id") " || ' in ' || "     \
	MODEL_SOURCE_TITLE("s") ", '', k.memo, k.coder, k.created, k.created FROM coding k"      \
	" JOIN source s ON s.id = k.source_id WHERE ?4 AND"           \
	" k.memo <> '' AND (?1 IS NULL OR (?1 = 'coding' AND (?2 IS NULL OR k.id = ?2)))"        \
	" AND (?3 IS NULL OR k.coder = ?3)"

/* The SQL that checks a target exists, by kind (?1 the id). */
static const struct {
	const char *kind, *sql;
} memo_targets[] = {
	{"source", "SELECT count(*) FROM source WHERE id = ?1"},
	{"code", "SELECT count(*) FROM code WHERE id = ?1"},
	{"stakeholder", "SELECT count(*) FROM stakeholder WHERE id = ?1"},
	{"timeline_item", "SELECT count(*) FROM timeline_item WHERE id = ?1"},
	{"finding", "SELECT count(*) FROM finding WHERE id = ?1"},
};

/* Checks m's target. */
static int memo_target_check(struct jaw_db *db, const struct memo *m, jaw_err *err)
{
	char words[160];
	if (!m->target_kind || !model_one_of(m->target_kind, kinds_memo_target))
		return err_set(err, JAW_FAIL, "a memo is on %s, not on \"%.60s\"",
		               kinds_describe(kinds_memo_target, words, sizeof words),
		               m->target_kind ? m->target_kind : "");
	if (strcmp(m->target_kind, "project") == 0)
		return m->target_id == 0 ? JAW_OK
		                         : err_set(err, JAW_FAIL, "a memo on the project names no"
		                                   " record (target id %lld)", (long long)m->target_id);
	for (size_t i = 0; i < sizeof memo_targets / sizeof *memo_targets; i++) {
		if (strcmp(m->target_kind, memo_targets[i].kind) != 0)
			continue;
		sqlite3_stmt *s = db_stmt(db, memo_targets[i].sql, err);
		if (!s)
			return JAW_FAIL;
		sqlite3_bind_int64(s, 1, m->target_id);
		int64_t n = 0;
		if (db_step_int64(db, s, &n, err) != JAW_OK)
			return JAW_FAIL;
		if (!n)
			return err_set(err, JAW_FAIL, "no %s %lld to write a memo on",
			               strcmp(m->target_kind, "timeline_item") == 0 ? "timeline item"
			                                                            : m->target_kind,
			               (long long)m->target_id);
	}
	return JAW_OK;
}

/* Checks m's title and text. */
static int memo_check(const struct memo *m, jaw_err *err)
{
	if ((!m->title || !*m->title) && (!m->text || !*m->text))
		return err_set(err, JAW_FAIL, "a memo needs a title or a text");
	if (finding_text_check("memo's title", m->title, true, err) != JAW_OK)
		return JAW_FAIL;
	return finding_text_check("memo", m->text, false, err);
}

int memo_add(struct jaw_db *db, const char *analyst, struct memo *m, jaw_err *err)
{
	if (memo_check(m, err) != JAW_OK || memo_target_check(db, m, err) != JAW_OK)
		return JAW_FAIL;
	struct journal_tx *tx = journal_begin(db, analyst, "memo-add", err);
	if (!tx)
		return JAW_FAIL;
	sqlite3_stmt *s = db_stmt(db, "INSERT INTO memo (target_kind, target_id, title, text, author)"
	                              " VALUES (?1, ?2, ?3, ?4, ?5)", err);
	int rc = s ? JAW_OK : JAW_FAIL;
	if (rc == JAW_OK) {
		db_bind_text(s, 1, m->target_kind, false);
		if (strcmp(m->target_kind, "project") != 0)
			sqlite3_bind_int64(s, 2, m->target_id);
		db_bind_text(s, 3, m->title ? m->title : "", false);
		db_bind_text(s, 4, m->text ? m->text : "", false);
		db_bind_text(s, 5, analyst, false);
		rc = db_step_done(db, s, err);
	}
	if (rc == JAW_OK) {
		m->id = sqlite3_last_insert_rowid(db_sqlite(db));
		rc = journal_touch_added(tx, JOURNAL_MEMO, m->id, err);
	}
	return journal_finish(tx, rc, xasprintf("memo on %s %lld", m->target_kind,
	                                        (long long)m->target_id), err);
}

int memo_update(struct jaw_db *db, const char *analyst, const struct memo *m,
                const struct memo *was, jaw_err *err)
{
	if (memo_check(m, err) != JAW_OK)
		return JAW_FAIL;
	struct journal_tx *tx = journal_begin(db, analyst, "memo-edit", err);
	if (!tx)
		return JAW_FAIL;
	struct memo *now = memo_get_new(db, m->id, err);
	int rc = now ? JAW_OK : JAW_FAIL;
	if (rc == JAW_OK && was &&
	    (strcmp(now->title, was->title ? was->title : "") != 0 ||
	     strcmp(now->text, was->text ? was->text : "") != 0))
		rc = err_set(err, JAW_FAIL, "memo %lld was changed by someone else since you read it;"
		             " nothing was saved: read it again", (long long)m->id);
	if (rc == JAW_OK)
		rc = journal_touch(tx, JOURNAL_MEMO, m->id, err);
	sqlite3_stmt *s = NULL;
	if (rc == JAW_OK &&
	    !(s = db_stmt(db, "UPDATE memo SET title = ?1, text = ?2, updated ="
	                      " strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?3", err)))
		rc = JAW_FAIL;
	if (rc == JAW_OK) {
		db_bind_text(s, 1, m->title ? m->title : "", false);
		db_bind_text(s, 2, m->text ? m->text : "", false);
		sqlite3_bind_int64(s, 3, m->id);
		rc = db_step_done(db, s, err);
	}
	memo_free(now);
	return journal_finish(tx, rc, xasprintf("edited memo %lld", (long long)m->id), err);
}

int memo_delete(struct jaw_db *db, const char *analyst, int64_t id, jaw_err *err)
{
	struct journal_tx *tx = journal_begin(db, analyst, "memo-delete", err);
	if (!tx)
		return JAW_FAIL;
	struct memo *m = memo_get_new(db, id, err);
	int rc = m ? journal_touch(tx, JOURNAL_MEMO, id, err) : JAW_FAIL;
	sqlite3_stmt *s = NULL;
	if (rc == JAW_OK && !(s = db_stmt(db, "DELETE FROM memo WHERE id = ?1", err)))
		rc = JAW_FAIL;
	if (rc == JAW_OK) {
		sqlite3_bind_int64(s, 1, id);
		rc = db_step_done(db, s, err);
	}
	rc = journal_finish(tx, rc, m ? xasprintf("deleted memo on %s", m->target) : NULL, err);
	memo_free(m);
	return rc;
}

/* ---- reading ------------------------------------------------------------------- */

static void memo_read(sqlite3_stmt *s, void *row)
{
	struct memo *m = row;
	m->id = sqlite3_column_int64(s, 0);
	m->target_kind = db_column_text_new(s, 1);
	m->target_id = sqlite3_column_int64(s, 2);
	m->target = db_column_text_new(s, 3);
	m->title = db_column_text_new(s, 4);
	m->text = db_column_text_new(s, 5);
	m->author = db_column_text_new(s, 6);
	m->created = db_column_text_new(s, 7);
	m->updated = db_column_text_new(s, 8);
}

void memo_clear(struct memo *m)
{
	free(m->target_kind);
	free(m->target);
	free(m->title);
	free(m->text);
	free(m->author);
	free(m->created);
	free(m->updated);
	memset(m, 0, sizeof *m);
}

static void memo_clear_row(void *row)
{
	memo_clear(row);
}

void memo_free(struct memo *m)
{
	if (!m)
		return;
	memo_clear(m);
	free(m);
}

struct memo *memo_get_new(struct jaw_db *db, int64_t id, jaw_err *err)
{
	static const char sql[] = "SELECT m.id, m.target_kind, m.target_id, " MEMO_TARGET ","
	                          " m.title, m.text, m.author, m.created, m.updated FROM memo m"
	                          " WHERE m.id = ?1";
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return NULL;
	sqlite3_bind_int64(s, 1, id);
	struct memo *m = NULL;
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		m = xcalloc(1, sizeof *m);
		memo_read(s, m);
	} else if (rc == SQLITE_DONE) {
		err_set(err, JAW_FAIL, "no memo %lld", (long long)id);
	} else {
		err_db(err, db_sqlite(db), sql);
	}
	sqlite3_reset(s);
	return m;
}

static void memo_bind_filter(sqlite3_stmt *s, const void *ctx)
{
	const struct memo_filter *f = ctx;
	sqlite3_bind_int(s, 4, f && f->with_codings);
	if (!f)
		return;
	db_bind_text(s, 1, f->target_kind, true);
	if (f->target_kind && strcmp(f->target_kind, "project") != 0 && f->target_id)
		sqlite3_bind_int64(s, 2, f->target_id);
	db_bind_text(s, 3, f->author, true);
}

int64_t memo_count(struct jaw_db *db, const struct memo_filter *filter, jaw_err *err)
{
	return model_count_bound(db, "SELECT count(*) FROM (" MEMO_UNION ")", memo_bind_filter,
	                         filter, err);
}

int memo_page(struct jaw_db *db, const struct memo_filter *filter, int64_t offset, int limit,
              struct memo *rows, jaw_err *err)
{
	static const char *const sql[] = {
		[MEMO_NEWEST] = MEMO_UNION " ORDER BY 8 DESC, 1 DESC, 3 DESC LIMIT ?5 OFFSET ?6",
		[MEMO_OLDEST] = MEMO_UNION " ORDER BY 8, 1, 3 LIMIT ?5 OFFSET ?6",
		[MEMO_BY_AUTHOR] = MEMO_UNION " ORDER BY 7, 8, 1, 3 LIMIT ?5 OFFSET ?6",
	};
	enum memo_order order = filter ? filter->order : MEMO_NEWEST;
	return model_read_page_bound(db, sql[order], memo_bind_filter, filter, offset, limit, rows,
	                             sizeof *rows, memo_read, memo_clear_row, err);
}
