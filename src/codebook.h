/* codebook.h - the codebook: starter codebooks shipped with jaw
 * (data/codebooks/NAME.csv), reading codes, the tree for the codebook pane,
 * the picker's filter, and editing codes (journaled, so undo works). */
#ifndef JAW_CODEBOOK_H
#define JAW_CODEBOOK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "err.h"
#include "model.h"

/* The analyst a starter codebook's journal entry is written under: the
 * program, so that no analyst's undo takes the codebook back. */
#define CODEBOOK_STARTER_ANALYST "jaw"

/* Adds the codes of the starter codebook called name ("human-security",
 * "empty") to the project, as one journaled change by
 * CODEBOOK_STARTER_ANALYST. */
int codebook_load_starter(struct jaw_db *db, const char *name, jaw_err *err);
/* Adds the codes of CSV text (columns name,parent,colour,quick_key,
 * description; parent names a code on an earlier row) as one journaled
 * change by coder (one undo takes them all back), each as codebook_add
 * would, all or none. file names the text in messages. */
int codebook_load_csv(struct jaw_db *db, const char *coder, const char *file, const char *data,
                      size_t len, jaw_err *err);
/* The names of the starter codebooks, separated by "|", for usage text. */
const char *codebook_starter_names(void);

/* ---- reading codes -------------------------------------------------------

   Codes are the rows of the code table (struct code, model.h). A code's
   path is the names from the top of the codebook down to it, joined by
   "/": "Cross-cutting/Training". */

/* Reads code id into *out (free its strings with codebook_code_clear). */
int codebook_get(struct jaw_db *db, int64_t id, struct code *out, jaw_err *err);
/* Frees the strings of c. */
void codebook_code_clear(struct code *c);
/* The path of code id, newly allocated; NULL with err set if none. */
char *codebook_path_new(struct jaw_db *db, int64_t id, jaw_err *err);
/* Finds a code by name, or by path when the name is not found; then, if
 * neither is, the same ignoring case and accents ("training" finds
 * Training when no code is called "training"). Returns its id, or 0 with
 * err set if there is none or the name is ambiguous (the message suggests
 * the paths); -1 on a database error. */
int64_t codebook_find(struct jaw_db *db, const char *name, jaw_err *err);
/* The code with quick key key (1-9); 0 if none, -1 on error. */
int64_t codebook_quick_key_code(struct jaw_db *db, int key, jaw_err *err);

/* ---- the tree, for the codebook pane --------------------------------------

   The codebook as a flat list of visible rows: each code followed by the
   codes below it, in order of position (then id), indented by depth. The
   codes below a collapsed code are hidden. collapsed is an array of
   ncollapsed code ids (NULL when none). */

/* A visible row of the tree. */
struct codebook_row {
	struct code code;
	int depth;        /* 0 at the top */
	int64_t children; /* codes directly below it */
	int64_t codings;  /* codings with this code (not counting codes below) */
	int64_t with_below; /* codings with this code and the codes below it */
	bool collapsed;   /* it is in the collapsed set */
};

/* The number of visible rows; -1 on error. */
int64_t codebook_tree_count(struct jaw_db *db, const int64_t *collapsed, size_t ncollapsed,
                            jaw_err *err);
/* Reads up to limit visible rows from offset. Returns how many, or -1.
 * Clear each with codebook_row_clear. */
int codebook_tree_page(struct jaw_db *db, const int64_t *collapsed, size_t ncollapsed,
                       int64_t offset, int limit, struct codebook_row *rows, jaw_err *err);
/* The row number of code id among the visible rows (to keep the cursor on
 * a code after a change); -1 if it is hidden or missing, or on error. */
int64_t codebook_tree_index(struct jaw_db *db, const int64_t *collapsed, size_t ncollapsed,
                            int64_t id, jaw_err *err);
/* Frees the strings of row. */
void codebook_row_clear(struct codebook_row *row);
/* Searches the visible rows' names and descriptions for text: the
 * position of the next row after from (before it, backward) that holds
 * it, wrapping round (see search.h); -1 if none does, -2 on error. */
int64_t codebook_tree_search(struct jaw_db *db, const int64_t *collapsed, size_t ncollapsed,
                             const char *text, int64_t from, enum model_dir dir, jaw_err *err);

/* ---- the picker -------------------------------------------------------------

   Codes filtered by what the analyst typed, best first: names holding the
   typed text (ignoring case; at the start of the name best, then at the
   start of a word, then earlier), then names holding its characters in
   order with gaps ("cvl" finds "Civilian harm mitigation"), fewer and
   shorter gaps first. */

/* A code that matches. */
struct codebook_match {
	int64_t id;
	char *name, *path;
	int quick_key; /* 0 for none */
	int score;     /* higher is better */
};

/* How well name matches query: 0 if it does not, more is better. An empty
 * query matches everything equally. */
int codebook_match_score(const char *name, const char *query);
/* Reads up to limit matches of query from offset, best first (ties in
 * order of name). *total (if not NULL) gets the number of matches. Returns
 * how many were read, or -1. Reads the names of all codes (codebooks hold
 * tens or hundreds). Clear each with codebook_match_clear. */
int codebook_filter_page(struct jaw_db *db, const char *query, int64_t offset, int limit,
                         struct codebook_match *rows, int64_t *total, jaw_err *err);
/* Frees the strings of m. */
void codebook_match_clear(struct codebook_match *m);

/* ---- editing, each change journaled (journal.h) ------------------------------

   Every code is made by codebook_add or codebook_add_in, and changed by the
   functions below, so each change can be undone. What a code may hold: a
   name (UTF-8 without control characters) that no sibling has, a colour
   "#RRGGBB" or "", a quick key 1-9 or 0 for none, a UTF-8 description. */

struct journal_tx;

/* Checks a code's colour: "" (NULL too) or #RRGGBB in hex digits. */
int codebook_colour_check(const char *colour, jaw_err *err);
/* Adds code c (name, description, colour, quick key) below c->parent_id
 * (0: at the top) as coder; with position 0 it goes after its siblings.
 * A quick key is taken from the code that had it. Sets c->id. */
int codebook_add(struct jaw_db *db, const char *coder, struct code *c, jaw_err *err);
/* Like codebook_add, inside the change tx the caller began (journal_begin)
 * and commits: for imports that add many codes as one undoable change. */
int codebook_add_in(struct journal_tx *tx, struct code *c, jaw_err *err);
/* Changes code id's name, description, colour and quick key to those of
 * *c (its parent and position stay) in one undoable step; a quick key is
 * taken from the code that had it. */
int codebook_update(struct jaw_db *db, const char *coder, int64_t id, const struct code *c,
                    jaw_err *err);
/* Renames code id to name. */
int codebook_rename(struct jaw_db *db, const char *coder, int64_t id, const char *name,
                    jaw_err *err);
/* Moves code id (with the codes below it) under parent_id (0: to the top),
 * after its new siblings. Refuses to move a code under itself or a code
 * below it, and a name its new siblings have. */
int codebook_move(struct jaw_db *db, const char *coder, int64_t id, int64_t parent_id,
                  jaw_err *err);

/* What a merge did. */
struct codebook_merge_result {
	int64_t moved;     /* codings now coded with the other code */
	int64_t collapsed; /* codings dropped as the same as one already there */
	int64_t children;  /* codes moved under the other code */
};

/* Merges code from into code into: from's codings get code into (a coding
 * that would repeat one the same coder made of the same text with into is
 * dropped, its memo added to that one's, its links to findings moved to
 * it), the codes below from move under into, and from is deleted. Refuses
 * to merge a code into itself or into a code below it, and codes below
 * from whose names into's children have. res may be NULL. */
int codebook_merge(struct jaw_db *db, const char *coder, int64_t from, int64_t into,
                   struct codebook_merge_result *res, jaw_err *err);

/* What deleting a code takes with it. */
struct codebook_impact {
	int64_t codes;   /* codes below it, at any depth */
	int64_t codings; /* codings with it and with the codes below it */
};

/* Says what deleting code id would take with it (for "delete? y/n"). */
int codebook_delete_impact(struct jaw_db *db, int64_t id, struct codebook_impact *out,
                           jaw_err *err);
/* Deletes code id, the codes below it and all their codings; *out (if not
 * NULL) gets what went with it. */
int codebook_delete(struct jaw_db *db, const char *coder, int64_t id,
                    struct codebook_impact *out, jaw_err *err);
/* Gives code id quick key key (1-9), taking it from the code that had it;
 * key 0 takes code id's quick key away. *taken_from (if not NULL) gets the
 * code that lost the key, 0 if none. */
int codebook_set_quick_key(struct jaw_db *db, const char *coder, int64_t id, int key,
                           int64_t *taken_from, jaw_err *err);

#endif
