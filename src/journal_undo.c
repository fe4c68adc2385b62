/* journal_undo.c - undo and redo: writing a journal entry's rows back as
 * they were before (undo) or after (redo) the change. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "journal_int.h"
#include "xalloc.h"

/* One row of an entry: the image it must have now (from) and the image to
 * give it (to); NULL means no row. */
struct journal_step {
	enum journal_table table;
	int64_t id;
	char *from, *to;
	bool done;
};

/* The entry being undone or redone. */
struct journal_work {
	struct jaw_db *db;
	bool undo;
	int64_t entry;
	char *action, *summary;
	enum journal_context context;
	struct journal_step *steps;
	size_t n, cap;
	char conflict[160]; /* set when a row is not as the entry left it */
};

static void journal_work_clear(struct journal_work *w)
{
	for (size_t i = 0; i < w->n; i++) {
		free(w->steps[i].from);
		free(w->steps[i].to);
	}
	free(w->steps);
	free(w->action);
	free(w->summary);
}

static char *journal_column_or_null(sqlite3_stmt *s, int i)
{
	return sqlite3_column_type(s, i) == SQLITE_NULL ? NULL : db_column_text_new(s, i);
}

/* Reads the rows of payload into w->steps. */
static int journal_load_rows(struct journal_work *w, const char *payload, jaw_err *err)
{
	static const char sql[] =
		"SELECT json_extract(value, '$.table'), json_extract(value, '$.id'),"
		" json_extract(value, '$.before'), json_extract(value, '$.after')"
		" FROM json_each(?1, '$.rows')";
	sqlite3_stmt *s = db_stmt(w->db, sql, err);
	if (!s)
		return JAW_FAIL;
	db_bind_text(s, 1, payload, false);
	int rc, status = JAW_OK;
	while (status == JAW_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		int table = journal_table_find((const char *)sqlite3_column_text(s, 0));
		if (table < 0) {
			status = err_set(err, JAW_FAIL, "journal entry %lld names an unknown table",
			                 (long long)w->entry);
			break;
		}
		if (w->n == w->cap) {
			w->cap = w->cap ? w->cap * 2 : 16;
			w->steps = xreallocarray(w->steps, w->cap, sizeof *w->steps);
		}
		char *before = journal_column_or_null(s, 2), *after = journal_column_or_null(s, 3);
		w->steps[w->n++] = (struct journal_step){
			(enum journal_table)table, sqlite3_column_int64(s, 1),
			w->undo ? after : before, w->undo ? before : after, false};
	}
	if (status == JAW_OK && rc != SQLITE_DONE)
		status = err_db(err, db_sqlite(w->db), sql);
	sqlite3_reset(s);
	return status;
}

/* Finds the entry to undo or redo within scope (NULL: anywhere) and reads
 * its rows. Returns 1 if there is one, 0 if not, -1 on error. */
static int journal_load(struct journal_work *w, const char *analyst,
                        const struct journal_scope *scope, jaw_err *err)
{
	/* anywhere: on journal_by_analyst; in a context, on journal_by_context
	 * (?2 the context, ?3 the subject or NULL), the latest first */
#define JOURNAL_PICK(where, undone, order)                                              \
	"SELECT id, action, summary, payload FROM journal WHERE analyst = ?1" where          \
	" AND live = 1 AND undone = " undone " ORDER BY id " order " LIMIT 1"
#define JOURNAL_IN " AND context = ?2 AND subject IS ?3"
	static const char *const sqls[2][2] = {
		{JOURNAL_PICK("", "1", "ASC"), JOURNAL_PICK("", "0", "DESC")},
		{JOURNAL_PICK(JOURNAL_IN, "1", "ASC"), JOURNAL_PICK(JOURNAL_IN, "0", "DESC")},
	};
#undef JOURNAL_IN
#undef JOURNAL_PICK
	bool scoped = scope && scope->context != JOURNAL_ANYWHERE;
	const char *sql = sqls[scoped][w->undo];
	sqlite3_stmt *s = db_stmt(w->db, sql, err);
	if (!s)
		return -1;
	db_bind_text(s, 1, analyst, false);
	if (scoped) {
		db_bind_text(s, 2, journal_context_name(scope->context), false);
		if (scope->subject)
			sqlite3_bind_int64(s, 3, scope->subject);
		else
			sqlite3_bind_null(s, 3);
	}
	int rc = sqlite3_step(s);
	char *payload = NULL;
	if (rc == SQLITE_ROW) {
		w->entry = sqlite3_column_int64(s, 0);
		w->action = db_column_text_new(s, 1);
		w->summary = db_column_text_new(s, 2);
		payload = db_column_text_new(s, 3);
		w->context = journal_context_of_action(w->action);
	} else if (rc != SQLITE_DONE) {
		err_db(err, db_sqlite(w->db), sql);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? 0 : -1;
	int status = journal_load_rows(w, payload, err);
	free(payload);
	return status == JAW_OK ? 1 : -1;
}

/* Runs a one-number query on a row: ?1 the id, ?2 the image (if any). */
static int64_t journal_query(struct jaw_db *db, const char *sql, int64_t id, const char *image,
                             jaw_err *err)
{
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	if (image)
		db_bind_text(s, 2, image, false);
	int64_t v = -1;
	return db_step_int64(db, s, &v, err) == JAW_OK ? v : -1;
}

/* Runs a statement that changes a row: ?1 the image or id, ?2 the id. */
static int journal_run(struct jaw_db *db, const char *sql, const char *image, int64_t id,
                       jaw_err *err)
{
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return JAW_FAIL;
	if (image) {
		db_bind_text(s, 1, image, false);
		sqlite3_bind_int64(s, 2, id);
	} else {
		sqlite3_bind_int64(s, 1, id);
	}
	return db_step_done(db, s, err);
}

static void journal_conflict(struct journal_work *w, const struct journal_step *st,
                             const char *what)
{
	snprintf(w->conflict, sizeof w->conflict, "%s %lld %s",
	         journal_table_get(st->table)->noun, (long long)st->id, what);
}

/* Checks that every row is as the entry left it. */
static int journal_check(struct journal_work *w, jaw_err *err)
{
	for (size_t i = 0; i < w->n; i++) {
		const struct journal_step *st = &w->steps[i];
		const struct journal_table_def *d = journal_table_get(st->table);
		int64_t v = st->from ? journal_query(w->db, d->matches, st->id, st->from, err)
		                     : journal_query(w->db, d->exists, st->id, NULL, err);
		if (v < 0)
			return JAW_FAIL;
		if ((st->from && v != 1) || (!st->from && v != 0)) {
			journal_conflict(w, st, st->from ? "was changed or deleted since"
			                                 : "was made again since");
			return JAW_FAIL;
		}
	}
	return JAW_OK;
}

/* Deletes the rows of table that go, each once nothing refers to it any
 * more; returns how many are left. */
static int journal_delete_pass(struct journal_work *w, enum journal_table table, size_t *left,
                               jaw_err *err)
{
	const struct journal_table_def *d = journal_table_get(table);
	*left = 0;
	for (size_t i = 0; i < w->n; i++) {
		struct journal_step *st = &w->steps[i];
		if (st->table != table || st->to || st->done)
			continue;
		int64_t refs = d->dependents ? journal_query(w->db, d->dependents, st->id, NULL, err)
		                             : 0;
		if (refs < 0)
			return JAW_FAIL;
		if (refs > 0) {
			(*left)++;
			continue;
		}
		if (journal_run(w->db, d->remove, NULL, st->id, err) != JAW_OK)
			return JAW_FAIL;
		st->done = true;
	}
	return JAW_OK;
}

/* Deletes rows, those others refer to last (citations, findings' areas,
 * memos, findings, codings, codes from the leaves up, sources, timeline
 * items, stakeholders from the leaves up, the project). A row still referred to stays for a later call, once the rows
 * referring to it have been updated; in the final call it is a conflict
 * (rows made since refer to it). */
static int journal_delete(struct journal_work *w, bool final, jaw_err *err)
{
	static const enum journal_table order[] = {
		JOURNAL_EVIDENCE, JOURNAL_FINDING_AREA, JOURNAL_MEMO,        JOURNAL_FINDING,
		JOURNAL_CODING,   JOURNAL_CODE,         JOURNAL_SOURCE,      JOURNAL_TIMELINE_ITEM,
		JOURNAL_STAKEHOLDER, JOURNAL_PROJECT};
	for (size_t k = 0; k < sizeof order / sizeof *order; k++) {
		size_t left = 0, before;
		do {
			before = left;
			if (journal_delete_pass(w, order[k], &left, err) != JAW_OK)
				return JAW_FAIL;
		} while (left > 0 && (before == 0 || left < before));
		if (left > 0 && final) {
			for (size_t i = 0; i < w->n; i++)
				if (w->steps[i].table == order[k] && !w->steps[i].to && !w->steps[i].done) {
					journal_conflict(w, &w->steps[i], "is used by rows made since");
					break;
				}
			return JAW_FAIL;
		}
	}
	return JAW_OK;
}

/* Updates rows to their images, after freeing the unique values they hold
 * so that rows can swap names or quick keys. */
static int journal_update(struct journal_work *w, jaw_err *err)
{
	for (size_t i = 0; i < w->n; i++) {
		const struct journal_step *st = &w->steps[i];
		const char *neutral = journal_table_get(st->table)->neutral;
		if (st->from && st->to && neutral &&
		    journal_run(w->db, neutral, NULL, st->id, err) != JAW_OK)
			return JAW_FAIL;
	}
	for (size_t i = 0; i < w->n; i++) {
		const struct journal_step *st = &w->steps[i];
		const struct journal_table_def *d = journal_table_get(st->table);
		if (st->from && st->to && journal_run(w->db, d->update, st->to, st->id, err) != JAW_OK)
			return JAW_FAIL;
	}
	return JAW_OK;
}

/* Inserts the rows the entry brings back. */
static int journal_insert(struct journal_work *w, jaw_err *err)
{
	for (size_t i = 0; i < w->n; i++) {
		const struct journal_step *st = &w->steps[i];
		if (st->from || !st->to)
			continue;
		sqlite3_stmt *s = db_stmt(w->db, journal_table_get(st->table)->insert, err);
		if (!s)
			return JAW_FAIL;
		db_bind_text(s, 1, st->to, false);
		if (db_step_done(w->db, s, err) != JAW_OK)
			return JAW_FAIL;
	}
	return JAW_OK;
}

/* Marks the entry undone or redone. */
static int journal_mark(struct journal_work *w, jaw_err *err)
{
	sqlite3_stmt *s = db_stmt(w->db, "UPDATE journal SET undone = ?1,"
	                          " changed = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?2",
	                          err);
	if (!s)
		return JAW_FAIL;
	sqlite3_bind_int(s, 1, w->undo);
	sqlite3_bind_int64(s, 2, w->entry);
	return db_step_done(w->db, s, err);
}

/* Takes an entry that can no longer be applied off the analyst's list. */
static void journal_drop(struct jaw_db *db, int64_t entry)
{
	jaw_err e;
	err_clear(&e);
	sqlite3_stmt *s = db_stmt(db, "UPDATE journal SET live = 0 WHERE id = ?1", &e);
	if (s) {
		sqlite3_bind_int64(s, 1, entry);
		db_step_done(db, s, &e);
	}
}

/* Applies the loaded entry inside the open transaction. */
static int journal_apply(struct journal_work *w, jaw_err *err)
{
	/* Deletes first free unique values for the updates; rows that are
	 * referred to go after the updates that move the references away.
	 * Foreign keys are checked at commit, when every row is in place. */
	if (db_exec(w->db, "PRAGMA defer_foreign_keys = ON", err) != JAW_OK ||
	    journal_check(w, err) != JAW_OK || journal_delete(w, false, err) != JAW_OK ||
	    journal_update(w, err) != JAW_OK || journal_delete(w, true, err) != JAW_OK ||
	    journal_insert(w, err) != JAW_OK)
		return JAW_FAIL;
	return journal_mark(w, err);
}

/* The table whose rows a context shows. */
static enum journal_table journal_context_table(enum journal_context context)
{
	switch (context) {
	case JOURNAL_IN_TIMELINE: return JOURNAL_TIMELINE_ITEM;
	case JOURNAL_IN_STAKEHOLDERS: return JOURNAL_STAKEHOLDER;
	case JOURNAL_IN_EVIDENCE: return JOURNAL_SOURCE;
	case JOURNAL_IN_CODEBOOK: return JOURNAL_CODE;
	case JOURNAL_IN_FINDINGS: return JOURNAL_FINDING;
	case JOURNAL_IN_MEMOS: return JOURNAL_MEMO;
	case JOURNAL_IN_PROJECT: return JOURNAL_PROJECT;
	case JOURNAL_ANYWHERE:
	case JOURNAL_IN_CODING: break;
	}
	return JOURNAL_CODING;
}

/* Fills res from the first coding and the first code the entry holds, and
 * the first row of its context's table. */
static void journal_describe(struct journal_work *w, struct journal_result *res)
{
	static const char sql[] = "SELECT json_extract(?1, '$.source_id'),"
	                          " json_extract(?1, '$.start_cp'), json_extract(?1, '$.code_id'),"
	                          " json_extract(?1, '$.id')";
	res->entry = w->entry;
	res->action = xstrdup(w->action);
	res->summary = xstrdup(w->summary);
	res->context = w->context;
	enum journal_table own = journal_context_table(w->context);
	for (size_t i = 0; i < w->n && !res->record; i++)
		if (w->steps[i].table == own)
			res->record = w->steps[i].id;
	for (size_t i = 0; i < w->n && (!res->source_id || !res->code_id); i++) {
		const struct journal_step *st = &w->steps[i];
		const char *image = st->to ? st->to : st->from;
		sqlite3_stmt *s = db_stmt(w->db, sql, NULL);
		if (!s || (st->table != JOURNAL_CODING && st->table != JOURNAL_CODE))
			continue;
		db_bind_text(s, 1, image, false);
		if (sqlite3_step(s) == SQLITE_ROW && st->table == JOURNAL_CODING && !res->source_id) {
			res->source_id = sqlite3_column_int64(s, 0);
			res->start = sqlite3_column_int64(s, 1);
			if (!res->code_id)
				res->code_id = sqlite3_column_int64(s, 2);
		} else if (st->table == JOURNAL_CODE && !res->code_id) {
			res->code_id = sqlite3_column_int64(s, 3);
		}
		sqlite3_reset(s);
	}
}

/* Says why the entry could not be applied (e holds the error, if any);
 * drops it when its rows conflict with changes made since. */
static int journal_refuse(struct journal_work *w, const jaw_err *e, jaw_err *err)
{
	const char *verb = w->undo ? "undo" : "redo";
	if (!w->conflict[0] && strstr(e->msg, "FOREIGN KEY constraint failed"))
		snprintf(w->conflict, sizeof w->conflict, "a row it refers to was deleted since");
	if (!w->conflict[0])
		return err_set(err, e->status ? e->status : JAW_FAIL, "%s", e->msg);
	journal_drop(w->db, w->entry);
	return err_set(err, JAW_FAIL, "cannot %s \"%s\": %s; nothing changed, and it is off "
	               "your %s list", verb, w->summary, w->conflict, verb);
}

static int journal_undo_redo(struct jaw_db *db, const char *analyst,
                             const struct journal_scope *scope, bool undo,
                             struct journal_result *res, jaw_err *err)
{
	memset(res, 0, sizeof *res);
	struct journal_work w = {.db = db, .undo = undo};
	jaw_err e;
	err_clear(&e);
	if (db_begin(db, err) != JAW_OK)
		return JAW_FAIL;
	int found = journal_load(&w, analyst, scope, &e);
	int rc = found < 0 ? JAW_FAIL : JAW_OK;
	if (found > 0)
		rc = journal_apply(&w, &e);
	if (rc == JAW_OK)
		rc = db_commit(db, &e);
	else
		db_rollback(db);
	if (rc == JAW_OK && found > 0)
		journal_describe(&w, res);
	if (rc != JAW_OK && found > 0)
		rc = journal_refuse(&w, &e, err);
	else if (rc != JAW_OK)
		err_set(err, e.status ? e.status : JAW_FAIL, "%s", e.msg);
	journal_work_clear(&w);
	return rc;
}

int journal_undo(struct jaw_db *db, const char *analyst, struct journal_result *res,
                 jaw_err *err)
{
	return journal_undo_redo(db, analyst, NULL, true, res, err);
}

int journal_redo(struct jaw_db *db, const char *analyst, struct journal_result *res,
                 jaw_err *err)
{
	return journal_undo_redo(db, analyst, NULL, false, res, err);
}

int journal_undo_in(struct jaw_db *db, const char *analyst, const struct journal_scope *scope,
                    struct journal_result *res, jaw_err *err)
{
	return journal_undo_redo(db, analyst, scope, true, res, err);
}

int journal_redo_in(struct jaw_db *db, const char *analyst, const struct journal_scope *scope,
                    struct journal_result *res, jaw_err *err)
{
	return journal_undo_redo(db, analyst, scope, false, res, err);
}

void journal_result_clear(struct journal_result *res)
{
	free(res->action);
	free(res->summary);
	memset(res, 0, sizeof *res);
}
