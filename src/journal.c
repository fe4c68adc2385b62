/* journal.c - writing changes with their journal entries; reading the
 * journal. Undo and redo are in journal_undo.c. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "journal_int.h"
#include "xalloc.h"

/* A touched row and its image before the change (NULL: absent). */
struct journal_row {
	enum journal_table table;
	int64_t id;
	char *before;
};

struct journal_tx {
	struct jaw_db *db;
	char *analyst, *action;
	enum journal_context context;
	int64_t subject; /* 0: none */
	struct journal_row *rows;
	size_t n, cap;
	size_t *slots; /* open addressing over rows: index + 1, 0 when empty */
	size_t nslots;
};

/* Each context: its name in journal.context, the first words of its
 * actions, and where it is in words. */
static const struct {
	const char *name, *prefix, *prefix2, *where;
} journal_contexts[] = {
	[JOURNAL_ANYWHERE] = {"", NULL, NULL, "anywhere"},
	[JOURNAL_IN_TIMELINE] = {"timeline", "timeline-", NULL, "in the timeline"},
	[JOURNAL_IN_STAKEHOLDERS] = {"stakeholders", "stakeholder-", NULL,
	                             "in the stakeholder register"},
	[JOURNAL_IN_EVIDENCE] = {"evidence", "source-", NULL, "in the evidence"},
	[JOURNAL_IN_CODEBOOK] = {"codebook", "code-", "codebook-", "in the codebook"},
	[JOURNAL_IN_CODING] = {"coding", "coding-", NULL, "in this source"},
	[JOURNAL_IN_FINDINGS] = {"findings", "finding-", "citation-", "in the findings"},
	[JOURNAL_IN_MEMOS] = {"memos", "memo-", NULL, "in the memos"},
	[JOURNAL_IN_PROJECT] = {"project", "project-", NULL, "in the project's settings"},
};

static bool journal_prefixed(const char *s, const char *prefix)
{
	return prefix && strncmp(s, prefix, strlen(prefix)) == 0;
}

enum journal_context journal_context_of_action(const char *action)
{
	for (size_t i = 1; action && i < sizeof journal_contexts / sizeof *journal_contexts; i++)
		if (journal_prefixed(action, journal_contexts[i].prefix) ||
		    journal_prefixed(action, journal_contexts[i].prefix2))
			return (enum journal_context)i;
	return JOURNAL_ANYWHERE;
}

const char *journal_context_name(enum journal_context context)
{
	return journal_contexts[context].name;
}

const char *journal_context_where(enum journal_context context)
{
	return journal_contexts[context].where;
}

void journal_set_subject(struct journal_tx *tx, int64_t subject)
{
	tx->subject = subject;
}

struct jaw_db *journal_db(struct journal_tx *tx)
{
	return tx->db;
}

size_t journal_touched(const struct journal_tx *tx)
{
	return tx->n;
}

struct journal_tx *journal_begin(struct jaw_db *db, const char *analyst, const char *action,
                                 jaw_err *err)
{
	if (!analyst || !*analyst) {
		err_set(err, JAW_FAIL, "internal error: a change without an analyst");
		return NULL;
	}
	enum journal_context context = journal_context_of_action(action);
	if (context == JOURNAL_ANYWHERE) {
		err_set(err, JAW_FAIL, "internal error: the change \"%s\" names no context",
		        action ? action : "");
		return NULL;
	}
	if (db_begin(db, err) != JAW_OK)
		return NULL;
	struct journal_tx *tx = xcalloc(1, sizeof *tx);
	tx->db = db;
	tx->analyst = xstrdup(analyst);
	tx->action = xstrdup(action);
	tx->context = context;
	return tx;
}

static void journal_tx_free(struct journal_tx *tx)
{
	for (size_t i = 0; i < tx->n; i++)
		free(tx->rows[i].before);
	free(tx->rows);
	free(tx->slots);
	free(tx->analyst);
	free(tx->action);
	free(tx);
}

void journal_abort(struct journal_tx *tx)
{
	if (!tx)
		return;
	db_rollback(tx->db);
	journal_tx_free(tx);
}

static size_t journal_hash(enum journal_table table, int64_t id, size_t nslots)
{
	uint64_t h = ((uint64_t)id * 0x9E3779B97F4A7C15u) ^ ((uint64_t)table << 61);
	return (size_t)(h >> 17) & (nslots - 1);
}

/* The slot of (table, id): holding it, or empty where it would go. */
static size_t *journal_slot(struct journal_tx *tx, enum journal_table table, int64_t id)
{
	size_t i = journal_hash(table, id, tx->nslots);
	for (;;) {
		size_t *s = &tx->slots[i];
		if (*s == 0 || (tx->rows[*s - 1].table == table && tx->rows[*s - 1].id == id))
			return s;
		i = (i + 1) & (tx->nslots - 1);
	}
}

static void journal_grow(struct journal_tx *tx)
{
	if ((tx->n + 1) * 2 <= tx->nslots)
		return;
	free(tx->slots);
	tx->nslots = tx->nslots ? tx->nslots * 2 : 64;
	tx->slots = xcalloc(tx->nslots, sizeof *tx->slots);
	for (size_t k = 0; k < tx->n; k++)
		*journal_slot(tx, tx->rows[k].table, tx->rows[k].id) = k + 1;
}

/* Reads the image of row id of table (NULL when there is no such row);
 * returns -1 on error. */
static int journal_image(struct jaw_db *db, enum journal_table table, int64_t id, char **out,
                         jaw_err *err)
{
	const char *sql = journal_table_get(table)->image;
	sqlite3_stmt *s = db_stmt(db, sql, err);
	*out = NULL;
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*out = db_column_text_new(s, 0);
	else if (rc != SQLITE_DONE)
		err_db(err, db_sqlite(db), sql);
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

/* Adds (table, id) with its image now, unless it was touched already. */
static int journal_add(struct journal_tx *tx, enum journal_table table, int64_t id,
                       bool read_image, jaw_err *err)
{
	journal_grow(tx);
	size_t *slot = journal_slot(tx, table, id);
	if (*slot)
		return JAW_OK;
	char *before = NULL;
	if (read_image && journal_image(tx->db, table, id, &before, err) < 0)
		return JAW_FAIL;
	if (tx->n == tx->cap) {
		tx->cap = tx->cap ? tx->cap * 2 : 16;
		tx->rows = xreallocarray(tx->rows, tx->cap, sizeof *tx->rows);
	}
	tx->rows[tx->n] = (struct journal_row){table, id, before};
	*slot = ++tx->n;
	return JAW_OK;
}

int journal_touch(struct journal_tx *tx, enum journal_table table, int64_t id, jaw_err *err)
{
	return journal_add(tx, table, id, true, err);
}

int journal_touch_added(struct journal_tx *tx, enum journal_table table, int64_t id,
                        jaw_err *err)
{
	return journal_add(tx, table, id, false, err);
}

int journal_touch_each(struct journal_tx *tx, enum journal_table table, const char *sql,
                       int64_t param, jaw_err *err)
{
	/* Collect the ids first: journal_touch runs statements of its own. */
	sqlite3_stmt *s = db_stmt(tx->db, sql, err);
	if (!s)
		return JAW_FAIL;
	sqlite3_bind_int64(s, 1, param);
	int64_t *ids = NULL;
	size_t n = 0, cap = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			ids = xreallocarray(ids, cap, sizeof *ids);
		}
		ids[n++] = sqlite3_column_int64(s, 0);
	}
	sqlite3_reset(s);
	int status = rc == SQLITE_DONE ? JAW_OK : err_db(err, db_sqlite(tx->db), sql);
	for (size_t i = 0; i < n && status == JAW_OK; i++)
		status = journal_touch(tx, table, ids[i], err);
	free(ids);
	return status;
}

/* A growing string. */
struct journal_buf {
	char *s;
	size_t len, cap;
};

static void journal_buf_add(struct journal_buf *b, const char *text)
{
	size_t n = strlen(text);
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->len, text, n + 1);
	b->len += n;
}

/* Builds the payload from the rows as they were and are; returns how many
 * rows changed. */
static int journal_payload(struct journal_tx *tx, struct journal_buf *b, jaw_err *err)
{
	int changed = 0;
	journal_buf_add(b, "{\"format\":1,\"rows\":[");
	for (size_t i = 0; i < tx->n; i++) {
		struct journal_row *r = &tx->rows[i];
		char *after = NULL;
		if (journal_image(tx->db, r->table, r->id, &after, err) < 0)
			return -1;
		bool same = r->before && after ? strcmp(r->before, after) == 0 : r->before == after;
		if (!same) {
			char head[96];
			snprintf(head, sizeof head, "%s{\"table\":\"%s\",\"id\":%lld,\"before\":",
			         changed++ ? "," : "", journal_table_get(r->table)->name,
			         (long long)r->id);
			journal_buf_add(b, head);
			journal_buf_add(b, r->before ? r->before : "null");
			journal_buf_add(b, ",\"after\":");
			journal_buf_add(b, after ? after : "null");
			journal_buf_add(b, "}");
		}
		free(after);
	}
	journal_buf_add(b, "]}");
	return changed;
}

/* Binds the context of tx to ?2 and its subject (NULL if none) to ?3. */
static void journal_bind_context(sqlite3_stmt *s, const struct journal_tx *tx)
{
	db_bind_text(s, 2, journal_context_name(tx->context), false);
	if (tx->subject)
		sqlite3_bind_int64(s, 3, tx->subject);
	else
		sqlite3_bind_null(s, 3);
}

/* Writes the entry; the analyst's redo list in its context (and subject)
 * is cleared first. */
static int journal_write(struct journal_tx *tx, const char *summary, const char *payload,
                         int64_t *entry, jaw_err *err)
{
	static const char analyst_sql[] =
		"INSERT INTO analyst (name) VALUES (?1) ON CONFLICT (name) DO NOTHING";
	static const char clear_sql[] =
		"UPDATE journal SET live = 0 WHERE analyst = ?1 AND context = ?2 AND subject IS ?3"
		" AND live = 1 AND undone = 1";
	static const char insert_sql[] =
		"INSERT INTO journal (analyst, context, subject, action, summary, payload)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	sqlite3_stmt *s;
	if (!(s = db_stmt(tx->db, analyst_sql, err)))
		return JAW_FAIL;
	db_bind_text(s, 1, tx->analyst, false);
	if (db_step_done(tx->db, s, err) != JAW_OK || !(s = db_stmt(tx->db, clear_sql, err)))
		return JAW_FAIL;
	db_bind_text(s, 1, tx->analyst, false);
	journal_bind_context(s, tx);
	if (db_step_done(tx->db, s, err) != JAW_OK || !(s = db_stmt(tx->db, insert_sql, err)))
		return JAW_FAIL;
	db_bind_text(s, 1, tx->analyst, false);
	journal_bind_context(s, tx);
	db_bind_text(s, 4, tx->action, false);
	db_bind_text(s, 5, summary ? summary : "", false);
	db_bind_text(s, 6, payload, false);
	if (db_step_done(tx->db, s, err) != JAW_OK)
		return JAW_FAIL;
	if (entry)
		*entry = sqlite3_last_insert_rowid(db_sqlite(tx->db));
	return JAW_OK;
}

int journal_commit(struct journal_tx *tx, const char *summary, int64_t *entry, jaw_err *err)
{
	struct journal_buf b = {0};
	if (entry)
		*entry = 0;
	int changed = journal_payload(tx, &b, err);
	int rc = changed < 0 ? JAW_FAIL : JAW_OK;
	if (rc == JAW_OK && changed > 0)
		rc = journal_write(tx, summary, b.s, entry, err);
	free(b.s);
	if (rc != JAW_OK) {
		journal_abort(tx);
		if (entry)
			*entry = 0;
		return JAW_FAIL;
	}
	rc = db_commit(tx->db, err);
	journal_tx_free(tx);
	if (rc != JAW_OK && entry)
		*entry = 0;
	return rc;
}

int journal_finish(struct journal_tx *tx, int rc, char *summary, jaw_err *err)
{
	if (rc == JAW_OK)
		rc = journal_commit(tx, summary, NULL, err);
	else
		journal_abort(tx);
	free(summary);
	return rc;
}

/* ---- reading the journal ------------------------------------------------------ */

static int64_t journal_count_where(struct jaw_db *db, const char *sql, const char *analyst,
                                   jaw_err *err)
{
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return -1;
	db_bind_text(s, 1, analyst, false);
	int64_t n = -1;
	return db_step_int64(db, s, &n, err) == JAW_OK ? n : -1;
}

int64_t journal_undo_count(struct jaw_db *db, const char *analyst, jaw_err *err)
{
	return journal_count_where(db, "SELECT count(*) FROM journal WHERE analyst = ?1"
	                               " AND live = 1 AND undone = 0", analyst, err);
}

int64_t journal_redo_count(struct jaw_db *db, const char *analyst, jaw_err *err)
{
	return journal_count_where(db, "SELECT count(*) FROM journal WHERE analyst = ?1"
	                               " AND live = 1 AND undone = 1", analyst, err);
}

int64_t journal_count(struct jaw_db *db, const char *analyst, jaw_err *err)
{
	return journal_count_where(db, "SELECT count(*) FROM journal"
	                               " WHERE ?1 IS NULL OR analyst = ?1", analyst, err);
}

void journal_entry_clear(struct journal_entry *e)
{
	free(e->at);
	free(e->analyst);
	free(e->action);
	free(e->summary);
	free(e->changed);
	memset(e, 0, sizeof *e);
}

int journal_page(struct jaw_db *db, const char *analyst, int64_t offset, int limit,
                 struct journal_entry *rows, jaw_err *err)
{
	static const char sql[] =
		"SELECT id, at, analyst, action, summary, coalesce(changed, ''), undone, live"
		" FROM journal WHERE ?1 IS NULL OR analyst = ?1 ORDER BY id DESC LIMIT ?2 OFFSET ?3";
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return -1;
	db_bind_text(s, 1, analyst, false);
	sqlite3_bind_int(s, 2, limit);
	sqlite3_bind_int64(s, 3, offset);
	int n = 0, rc = SQLITE_DONE;
	while (n < limit && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct journal_entry *e = &rows[n++];
		e->id = sqlite3_column_int64(s, 0);
		e->at = db_column_text_new(s, 1);
		e->analyst = db_column_text_new(s, 2);
		e->action = db_column_text_new(s, 3);
		e->summary = db_column_text_new(s, 4);
		e->changed = db_column_text_new(s, 5);
		e->undone = sqlite3_column_int(s, 6) != 0;
		e->live = sqlite3_column_int(s, 7) != 0;
	}
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		err_db(err, db_sqlite(db), sql);
		while (n > 0)
			journal_entry_clear(&rows[--n]);
		n = -1;
	}
	sqlite3_reset(s);
	return n;
}
