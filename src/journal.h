/* journal.h - the audit and undo journal.
 *
 * Every change an analyst makes to the timeline, the stakeholders, the
 * evidence (sources), the codebook, codings, findings and their citations,
 * memos and the project's marking line is one transaction that
 * also writes one journal entry. The entry holds each row the change
 * touched (in the tables of enum journal_table) as it was before and
 * after, as JSON (the format is in jaw(5)). Undo writes the "before" rows
 * back; redo writes the "after" rows. So any change is undone the same
 * way, however many rows it touched (a code deleted with all its codings,
 * or a source with its codings, comes back whole).
 *
 * Each entry records where the change was made, its context (enum
 * journal_context, named by the action's first word: "timeline-delete" was
 * made in the timeline), and for codings the source whose codings changed
 * (its subject). Undo and redo can be limited to one context (and
 * subject): u in the timeline takes back the latest timeline change, u in
 * the reader the latest coding change on that source, never a change
 * elsewhere that is not on screen.
 *
 * Undo and redo belong to each analyst and are kept in the project, so they
 * work after jaw is closed and opened again, and one analyst's undo never
 * takes back another's work:
 *   - undo takes back the analyst's latest change (in the context) that
 *     is not undone;
 *   - redo makes again the analyst's earliest undone change (in the
 *     context);
 *   - a new change clears the analyst's redo list of its context and
 *     subject (the undone entries stay in the journal, as history, but can
 *     no longer be redone);
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
	JOURNAL_TIMELINE_ITEM,
	JOURNAL_STAKEHOLDER,
	JOURNAL_SOURCE,
	JOURNAL_FINDING,
	JOURNAL_FINDING_AREA,
	JOURNAL_MEMO,
	JOURNAL_PROJECT,
};

/* Where a change is made: the view whose u takes it back. */
enum journal_context {
	JOURNAL_ANYWHERE,        /* (to undo) every context */
	JOURNAL_IN_TIMELINE,     /* actions timeline-*: "timeline" */
	JOURNAL_IN_STAKEHOLDERS, /* stakeholder-*: "stakeholders" */
	JOURNAL_IN_EVIDENCE,     /* source-*: "evidence" (sources added, edited, deleted) */
	JOURNAL_IN_CODEBOOK,     /* code-*, codebook-*: "codebook" */
	JOURNAL_IN_CODING,       /* coding-*: "coding"; subject is the source */
	JOURNAL_IN_FINDINGS,     /* finding-*, citation-*: "findings" */
	JOURNAL_IN_MEMOS,        /* memo-*: "memos" */
	JOURNAL_IN_PROJECT,      /* project-*: "project" (its marking line) */
};

/* The context of action ("timeline-delete" -> JOURNAL_IN_TIMELINE);
 * JOURNAL_ANYWHERE if its first word names none. */
enum journal_context journal_context_of_action(const char *action);
/* The context's name as stored in journal.context ("timeline"). */
const char *journal_context_name(enum journal_context context);
/* Where the context is, in words, for messages ("in the timeline"). */
const char *journal_context_where(enum journal_context context);

/* Which changes an undo or redo may take: those made in context (every
 * one for JOURNAL_ANYWHERE) on subject (0: those without a subject, as in
 * every context but JOURNAL_IN_CODING). */
struct journal_scope {
	enum journal_context context;
	int64_t subject;
};

/* A change being made: a transaction and the rows it touches. Opaque. */
struct journal_tx;

/* Begins a change by analyst (the coder) of kind action (e.g.
 * "coding-apply"; its first word names the context): opens a transaction.
 * Returns NULL with err set on failure, or when action names no context. */
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
/* Sets the change's subject: the record within its context it changes
 * (for codings, their source). */
void journal_set_subject(struct journal_tx *tx, int64_t subject);
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
/* Ends a change: journal_commit with summary when rc is JAW_OK, else
 * journal_abort; frees summary. Returns the outcome. */
int journal_finish(struct journal_tx *tx, int rc, char *summary, jaw_err *err);

/* What an undo or redo did, for the interface to show and move to. */
struct journal_result {
	int64_t entry;     /* the journal entry; 0 if there was nothing to do */
	char *action;      /* its kind, e.g. "coding-apply" */
	char *summary;     /* what it changed, in words */
	int64_t source_id; /* the first coding it touched: its source and */
	int64_t start;     /* start offset (code points); source_id 0 if none */
	int64_t code_id;   /* the first code it touched, or that coding's code */
	enum journal_context context; /* where it was made */
	int64_t record;    /* the first row it touched of its context's own table
	                    * (timeline item, stakeholder, source, code, coding,
	                    * finding, memo, project); 0 if none */
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
/* Undoes analyst's latest live change within scope (NULL: anywhere); as
 * journal_undo. */
int journal_undo_in(struct jaw_db *db, const char *analyst, const struct journal_scope *scope,
                    struct journal_result *res, jaw_err *err);
/* Redoes analyst's earliest undone live change within scope; as journal_undo. */
int journal_redo_in(struct jaw_db *db, const char *analyst, const struct journal_scope *scope,
                    struct journal_result *res, jaw_err *err);
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
