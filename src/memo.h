/* memo.h - memos: an analyst's notes on the project, a source, a code, a
 * stakeholder, a timeline item or a finding (the memo table), listed with
 * the memos written on codings (coding.memo, set through coding.h).
 *
 * Every change is one transaction with its journal entry in the context
 * "memos" (actions memo-*): u in the memos view undoes it, jaw log shows
 * who made it. Lists are read a page at a time. */
#ifndef JAW_MEMO_H
#define JAW_MEMO_H

#include <stdbool.h>
#include <stdint.h>

#include "db.h"
#include "err.h"
#include "model.h"

/* A memo. target_kind is a word of kinds_memo_target, or "coding" for a
 * coding's memo in lists (those have id 0 and are changed with
 * coding_set_memo, coding.h). target_id is 0 for the project. */
struct memo {
	int64_t id;
	char *target_kind;
	int64_t target_id;
	char *target;          /* what it is on, in words (read only): a code's
	                        * path, a source's title, "CODE in SOURCE" for a
	                        * coding, "(deleted)" when the target is gone */
	char *title, *text;
	char *author;          /* the analyst who wrote it (read only); for a
	                        * coding's memo, the coding's coder */
	char *created, *updated; /* UTC ISO 8601 (read only) */
};

/* The order of a list of memos. */
enum memo_order {
	MEMO_NEWEST,    /* by date written, newest first */
	MEMO_OLDEST,    /* by date written, oldest first */
	MEMO_BY_AUTHOR, /* by author, then oldest first */
};

/* Which memos a list shows; zero/NULL fields do not filter. */
struct memo_filter {
	const char *target_kind; /* with target_id: the memos on one record;
	                          * "project" for the project's */
	int64_t target_id;
	const char *author;
	bool with_codings;       /* also the memos on codings */
	enum memo_order order;
};

/* Adds m (target_kind, target_id, title, text) as analyst, its author;
 * refuses a target kind that is not one of kinds_memo_target, a target
 * that does not exist, and a memo with neither title nor text. Sets m->id. */
int memo_add(struct jaw_db *db, const char *analyst, struct memo *m, jaw_err *err);
/* Writes m's title and text over memo m->id as analyst. was (NULL: no
 * check) is the memo as the caller read it: if the stored title or text
 * differs from it, nothing is written and err says someone changed it. */
int memo_update(struct jaw_db *db, const char *analyst, const struct memo *m,
                const struct memo *was, jaw_err *err);
/* Deletes memo id as analyst. */
int memo_delete(struct jaw_db *db, const char *analyst, int64_t id, jaw_err *err);

/* Reads memo id; NULL with err set if there is none. */
struct memo *memo_get_new(struct jaw_db *db, int64_t id, jaw_err *err);
/* Frees a memo from memo_get_new (NULL is fine). */
void memo_free(struct memo *m);
/* Frees the strings of m. */
void memo_clear(struct memo *m);
/* The number of memos that pass filter (NULL: all memos of the memo
 * table); -1 on error. */
int64_t memo_count(struct jaw_db *db, const struct memo_filter *filter, jaw_err *err);
/* Reads up to limit of them from offset in filter's order. Returns how
 * many, or -1. */
int memo_page(struct jaw_db *db, const struct memo_filter *filter, int64_t offset, int limit,
              struct memo *rows, jaw_err *err);

/* ---- the memos view and the marks of other lists (memo_find.c) ---------- */

/* The position of the next memo in filter's list whose target (in words),
 * kind, title, text or author contains text (as list search matches,
 * search.h) after position from (before it, backward), wrapping round; from
 * may be -1 or the count. -1 if none matches, -2 on error with err set.
 * Reads the list a page at a time. */
int64_t memo_search(struct jaw_db *db, const struct memo_filter *filter, const char *text,
                    int64_t from, enum model_dir dir, jaw_err *err);
/* The position of memo id (or, with id 0, of the memo on coding
 * coding_id) in filter's list; -1 if it is not there, -2 on error. */
int64_t memo_position_of(struct jaw_db *db, const struct memo_filter *filter, int64_t id,
                         int64_t coding_id, jaw_err *err);
/* Sets has[i] to whether record ids[i] of target_kind (a word of
 * kinds_memo_target) has a memo, for marks on a list's rows (one indexed
 * lookup per row of the page). JAW_OK, or JAW_FAIL with err set. */
int memo_marks(struct jaw_db *db, const char *target_kind, const int64_t *ids, int n, bool *has,
               jaw_err *err);

#endif
