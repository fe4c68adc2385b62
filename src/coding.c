/* coding.c - applying, removing and annotating codings; coder names. */
#include "config.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "coding.h"
#include "journal.h"
#include "utf8.h"
#include "xalloc.h"

void coding_clear(struct coding *c)
{
	free(c->coder);
	free(c->created);
	free(c->memo);
	free(c->code_name);
	free(c->code_colour);
	memset(c, 0, sizeof *c);
}

/* ---- coders ------------------------------------------------------------------ */

char *coding_coder_new(const char *given)
{
	if (given && *given)
		return xstrdup(given);
	struct passwd *pw = getpwuid(getuid());
	if (pw && pw->pw_name && *pw->pw_name)
		return xstrdup(pw->pw_name);
	const char *env = getenv("LOGNAME");
	if (!env || !*env)
		env = getenv("USER");
	return xstrdup(env && *env ? env : "analyst");
}

int coding_coder_check(const char *coder, jaw_err *err)
{
	size_t len = coder ? strlen(coder) : 0;
	if (len == 0)
		return err_set(err, JAW_USAGE, "the coder's name must not be empty");
	if (len > CODING_CODER_MAX)
		return err_set(err, JAW_USAGE, "the coder's name is longer than %d bytes",
		               CODING_CODER_MAX);
	if (!utf8_valid(coder, len, NULL))
		return err_set(err, JAW_USAGE, "the coder's name is not valid UTF-8");
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		int k = utf8_decode(coder + i, len - i, &cp);
		if (utf8_cp_is_unsafe(cp))
			return err_set(err, JAW_USAGE, "the coder's name holds a control character");
		i += (size_t)k;
	}
	return JAW_OK;
}

/* ---- checks -------------------------------------------------------------------- */

int64_t coding_source_length(struct jaw_db *db, int64_t source_id, jaw_err *err)
{
	static const char sql[] = "SELECT length(text) FROM source WHERE id = ?1";
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, source_id);
	int64_t len = -1;
	if (db_step_int64(db, s, &len, err) != JAW_OK)
		return -1;
	if (len < 0)
		err_set(err, JAW_FAIL, "no source with id %lld", (long long)source_id);
	return len;
}

static void coding_offsets_problem(sqlite3_stmt *s, char *line, size_t size)
{
	snprintf(line, size, "coding %lld of source %lld: [%lld, %lld) does not fit the source's"
	         " text of %lld characters", (long long)sqlite3_column_int64(s, 0),
	         (long long)sqlite3_column_int64(s, 1), (long long)sqlite3_column_int64(s, 2),
	         (long long)sqlite3_column_int64(s, 3), (long long)sqlite3_column_int64(s, 4));
}

int coding_check_offsets(struct jaw_db *db, db_report_fn report, void *ctx, jaw_err *err)
{
	static const char sql[] =
		"SELECT k.id, k.source_id, k.start_cp, k.end_cp, length(s.text)"
		" FROM coding k JOIN source s ON s.id = k.source_id"
		" WHERE NOT (k.start_cp >= 0 AND k.start_cp < k.end_cp AND k.end_cp <= length(s.text))"
		" ORDER BY k.id";
	return db_check_each(db, sql, coding_offsets_problem, report, ctx, err);
}

/* The name of code id (newly allocated), or NULL with err set. */
static char *coding_code_name_new(struct jaw_db *db, int64_t id, jaw_err *err)
{
	static const char sql[] = "SELECT name FROM code WHERE id = ?1";
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return NULL;
	sqlite3_bind_int64(s, 1, id);
	int rc = sqlite3_step(s);
	char *name = rc == SQLITE_ROW ? db_column_text_new(s, 0) : NULL;
	if (rc == SQLITE_DONE)
		err_set(err, JAW_FAIL, "no code with id %lld", (long long)id);
	else if (rc != SQLITE_ROW)
		err_db(err, db_sqlite(db), sql);
	sqlite3_reset(s);
	return name;
}

/* Checks the range of c against its source's text. */
static int coding_check_range(struct jaw_db *db, const struct coding *c, jaw_err *err)
{
	int64_t len = coding_source_length(db, c->source_id, err);
	if (len < 0)
		return JAW_FAIL;
	if (c->start < 0 || c->end <= c->start)
		return err_set(err, JAW_FAIL, "range [%lld, %lld): the start must be 0 or more and "
		               "less than the end", (long long)c->start, (long long)c->end);
	if (c->end > len)
		return err_set(err, JAW_FAIL, "range [%lld, %lld) is outside source %lld, whose text "
		               "has %lld characters", (long long)c->start, (long long)c->end,
		               (long long)c->source_id, (long long)len);
	return JAW_OK;
}

static int coding_check(struct jaw_db *db, const struct coding *c, jaw_err *err)
{
	if (coding_coder_check(c->coder, err) != JAW_OK)
		return JAW_FAIL;
	if (c->memo && !utf8_valid(c->memo, strlen(c->memo), NULL))
		return err_set(err, JAW_FAIL, "the memo is not valid UTF-8");
	if (coding_check_range(db, c, err) != JAW_OK)
		return JAW_FAIL;
	char *name = coding_code_name_new(db, c->code_id, err);
	free(name);
	return name ? JAW_OK : JAW_FAIL;
}

/* Explains a failed insert: the coder coded that already, or SQLite's error. */
static int coding_insert_failed(struct jaw_db *db, const struct coding *c, const char *sql,
                                jaw_err *err)
{
	if (sqlite3_extended_errcode(db_sqlite(db)) != SQLITE_CONSTRAINT_UNIQUE)
		return err_db(err, db_sqlite(db), sql);
	char *name = coding_code_name_new(db, c->code_id, NULL);
	err_set(err, JAW_FAIL, "source %lld [%lld, %lld) is already coded with \"%s\" by %s",
	        (long long)c->source_id, (long long)c->start, (long long)c->end,
	        name ? name : "?", c->coder);
	free(name);
	return JAW_FAIL;
}

int coding_insert(struct jaw_db *db, struct coding *c, jaw_err *err)
{
	static const char sql[] =
		"INSERT INTO coding (source_id, start_cp, end_cp, code_id, coder, created, memo)"
		" VALUES (?1, ?2, ?3, ?4, ?5,"
		" coalesce(?6, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')), ?7)";
	if (coding_check(db, c, err) != JAW_OK)
		return JAW_FAIL;
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return JAW_FAIL;
	sqlite3_bind_int64(s, 1, c->source_id);
	sqlite3_bind_int64(s, 2, c->start);
	sqlite3_bind_int64(s, 3, c->end);
	sqlite3_bind_int64(s, 4, c->code_id);
	db_bind_text(s, 5, c->coder, false);
	db_bind_text(s, 6, c->created, true);
	db_bind_text(s, 7, c->memo ? c->memo : "", false);
	if (sqlite3_step(s) != SQLITE_DONE) {
		coding_insert_failed(db, c, sql, err);
		sqlite3_reset(s);
		return JAW_FAIL;
	}
	sqlite3_reset(s);
	c->id = sqlite3_last_insert_rowid(db_sqlite(db));
	return JAW_OK;
}

/* ---- journaled changes ---------------------------------------------------------- */

/* Commits tx with the summary: VERB "CODE" PREP source S [a, b). */
static int coding_commit(struct journal_tx *tx, const char *verb, const char *prep,
                         const struct coding *c, jaw_err *err)
{
	char *name = coding_code_name_new(journal_db(tx), c->code_id, NULL);
	char *summary = xasprintf("%s \"%s\" %s source %lld [%lld, %lld)", verb, name ? name : "?",
	                          prep, (long long)c->source_id, (long long)c->start,
	                          (long long)c->end);
	int rc = journal_commit(tx, summary, NULL, err);
	free(summary);
	free(name);
	return rc;
}

int coding_apply(struct jaw_db *db, const char *coder, int64_t source_id, int64_t start,
                 int64_t end, int64_t code_id, const char *memo, int64_t *id, jaw_err *err)
{
	if (coding_coder_check(coder, err) != JAW_OK)
		return JAW_FAIL;
	struct journal_tx *tx = journal_begin(db, coder, "coding-apply", err);
	if (!tx)
		return JAW_FAIL;
	journal_set_subject(tx, source_id);
	struct coding c = {.source_id = source_id, .code_id = code_id, .start = start,
	                   .end = end, .coder = (char *)coder, .memo = (char *)memo};
	if (coding_insert(db, &c, err) != JAW_OK ||
	    journal_touch_added(tx, JOURNAL_CODING, c.id, err) != JAW_OK) {
		journal_abort(tx);
		return JAW_FAIL;
	}
	if (coding_commit(tx, "apply", "to", &c, err) != JAW_OK)
		return JAW_FAIL;
	if (id)
		*id = c.id;
	return JAW_OK;
}

/* What coding_change does to a coding. */
struct coding_edit {
	const char *action;   /* for the journal */
	const char *sql;      /* ?1 the coding's id, ?2 text (if any) */
	const char *text;
	bool evidence;        /* the change deletes the coding's links to findings */
	const char *verb, *prep; /* for the summary */
};

/* Changes coding id as coder in one journaled transaction: reads it,
 * touches it (and its links to findings), runs the edit's statement. */
static int coding_change(struct jaw_db *db, const char *coder, int64_t id,
                         const struct coding_edit *e, jaw_err *err)
{
	static const char evidence_sql[] = "SELECT id FROM finding_evidence WHERE coding_id = ?1";
	if (coding_coder_check(coder, err) != JAW_OK)
		return JAW_FAIL;
	struct journal_tx *tx = journal_begin(db, coder, e->action, err);
	if (!tx)
		return JAW_FAIL;
	struct coding c = {0};
	sqlite3_stmt *s = NULL;
	int rc = coding_get(db, id, &c, err);
	if (rc == JAW_OK)
		journal_set_subject(tx, c.source_id);
	if (rc == JAW_OK && e->evidence)
		rc = journal_touch_each(tx, JOURNAL_EVIDENCE, evidence_sql, id, err);
	if (rc == JAW_OK && (journal_touch(tx, JOURNAL_CODING, id, err) != JAW_OK ||
	                     !(s = db_stmt(db, e->sql, err))))
		rc = JAW_FAIL;
	if (rc == JAW_OK) {
		sqlite3_bind_int64(s, 1, id);
		if (e->text)
			db_bind_text(s, 2, e->text, false);
		rc = db_step_done(db, s, err);
	}
	if (rc == JAW_OK)
		rc = coding_commit(tx, e->verb, e->prep, &c, err);
	else
		journal_abort(tx);
	coding_clear(&c);
	return rc;
}

int coding_remove(struct jaw_db *db, const char *coder, int64_t id, jaw_err *err)
{
	static const struct coding_edit e = {"coding-remove", "DELETE FROM coding WHERE id = ?1",
	                                     NULL, true, "remove", "from"};
	return coding_change(db, coder, id, &e, err);
}

int coding_set_memo(struct jaw_db *db, const char *coder, int64_t id, const char *memo,
                    jaw_err *err)
{
	if (!memo)
		memo = "";
	if (!utf8_valid(memo, strlen(memo), NULL))
		return err_set(err, JAW_FAIL, "the memo is not valid UTF-8");
	struct coding_edit e = {"coding-memo", "UPDATE coding SET memo = ?2 WHERE id = ?1", memo,
	                        false, "memo on", "in"};
	return coding_change(db, coder, id, &e, err);
}
