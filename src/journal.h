/* journal.h - the audit and undo journal.
 *
 * Every change an analyst makes to codings and codes is one transaction
 * that also writes one journal entry. The entry holds each row the change
 * touched (in the tables code, coding and finding_evidence) as it was
 * before and after, as JSON (the format is in jaw(5)). Undo writes the
 * "before" rows back; redo writes the "after" rows. So any change is
 * undone the same way, however many rows it touched (a code deleted with
 * all its codings comes back whole).
 *
 * Undo and redo belong to each analyst and are kept in the project, so they
 * work after jaw is closed and opened again, and one analyst's undo never
 * takes back another's work:
 *   - undo takes back the analyst's latest change that is not undone;
 *   - redo makes again the analyst's earliest undone change;
 *   - a new change clears the analyst's redo list (the undone entries stay
 *     in the journal, as history, but can no longer be redone);
 *   - if a row the entry touched was changed since (by another analyst, or
 *     another session), undo or redo changes nothing, says which row, and
 *     takes the entry off the analyst's list so the next undo goes on with
 *     the change before it.
 *
 * How a change is written:
 *     struct journal_tx *tx = journal_begin(db, coder, "coding-apply", err);
 *     ... journal_touch(tx, JOURNAL_CODING, id, err) before changing a row,
 *     ... journal_touch_added(tx, JOURNAL_CODING, id, err) after adding one,
 *     journal_commit(tx, "apply ...", &entry, err);  or journal_abort(tx);
 */
#ifndef JAW_JOURNAL_H
#define JAW_JOURNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "db.h"
#include "err.h"

/* The tables whose rows a journal entry can hold. */
enum journal_table {
	JOURNAL_CODE,
	JOURNAL_CODING,
	JOURNAL_EVIDENCE, /* finding_evidence */
};

/* A change being made: a transaction and the rows it touches. Opaque. */
struct journal_tx;

/* Begins a change by analyst (the coder) of kind action (e.g.
 * "coding-apply"): opens a transaction. Returns NULL with err set on
 * failure. */
struct journal_tx *journal_begin(struct jaw_db *db, const char *analyst, const char *action,
                                 jaw_err *err);
/* Records row id of table as it is now, before the change alters or deletes
 * it. Touching a row twice keeps the first image. A row that does not
 * exist is recorded as absent. */
int journal_touch(struct journal_tx *tx, enum journal_table table, int64_t id, jaw_err *err);
/* Records that the change added row id of table (it had no row before). */
int journal_touch_added(struct journal_tx *tx, enum journal_table table, int64_t id,
                        jaw_err *err);
/* Touches every row of table whose id the static SQL sql returns with
 * param bound to ?1 (e.g. all codings of a code). */
int journal_touch_each(struct journal_tx *tx, enum journal_table table, const char *sql,
                       int64_t param, jaw_err *err);
/* The number of rows touched so far. */
size_t journal_touched(const struct journal_tx *tx);
/* Borrows the database of tx. */
struct jaw_db *journal_db(struct journal_tx *tx);
/* Finishes the change: reads every touched row as it is now, writes the
 * entry with summary (what changed, in words) unless no row changed, clears
 * the analyst's redo list, and commits. *entry (if not NULL) gets the
 * entry's id, 0 if nothing changed. On failure rolls back. Frees tx. */
int journal_commit(struct journal_tx *tx, const char *summary, int64_t *entry, jaw_err *err);
/* Rolls the change back and frees tx (NULL is fine). */
void journal_abort(struct journal_tx *tx);

/* What an undo or redo did, for the interface to show and move to. */
struct journal_result {
	int64_t entry;     /* the journal entry; 0 if there was nothing to do */
	char *action;      /* its kind, e.g. "coding-apply" */
	char *summary;     /* what it changed, in words */
	int64_t source_id; /* the first coding it touched: its source and */
	int64_t start;     /* start offset (code points); source_id 0 if none */
	int64_t code_id;   /* the first code it touched, or that coding's code */
};

/* Undoes analyst's latest live change. With nothing to undo returns JAW_OK
 * with res->entry 0. If its rows were changed since, returns JAW_FAIL with
 * err saying so and takes the entry off the list. Free res with
 * journal_result_clear. */
int journal_undo(struct jaw_db *db, const char *analyst, struct journal_result *res,
                 jaw_err *err);
/* Redoes analyst's earliest undone live change; as journal_undo. */
int journal_redo(struct jaw_db *db, const char *analyst, struct journal_result *res,
                 jaw_err *err);
/* Frees the strings of res. */
void journal_result_clear(struct journal_result *res);
/* How many changes analyst can undo; -1 on error. */
int64_t journal_undo_count(struct jaw_db *db, const char *analyst, jaw_err *err);
/* How many changes analyst can redo; -1 on error. */
int64_t journal_redo_count(struct jaw_db *db, const char *analyst, jaw_err *err);

/* A journal entry, for a history view. */
struct journal_entry {
	int64_t id;
	char *at, *analyst, *action, *summary, *changed;
	bool undone, live;
};

/* The number of entries (of analyst, or of everyone when NULL). */
int64_t journal_count(struct jaw_db *db, const char *analyst, jaw_err *err);
/* Reads a page of entries, newest first (of analyst, or everyone when
 * NULL). Returns how many, or -1. Clear each with journal_entry_clear. */
int journal_page(struct jaw_db *db, const char *analyst, int64_t offset, int limit,
                 struct journal_entry *rows, jaw_err *err);
/* Frees the strings of e. */
void journal_entry_clear(struct journal_entry *e);

#endif
