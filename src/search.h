/* search.h - finding text: in the lists of the interface (/, n, N), and in
 * the evidence's full text through the FTS5 indexes.
 *
 * List search. A list is a set of rows in a stable order; the cursor is a
 * position in it (from 0). A search finds the position of the next row
 * after the cursor (before it, backward) whose text contains what the
 * analyst typed, wrapping round the ends; the cursor's own row is found
 * last. It runs as a handful of queries, never one per row: it reads the
 * cursor row's sort key, looks ahead a few rows in the list's order, and
 * otherwise scans the rows once for the nearest match by key; then it
 * counts the rows between the cursor and the match on the list's index.
 * Text matches anywhere in a row's text, ignoring case and accents as
 * fold.c folds them (the reader's search folds the same way): "muller"
 * finds "Müller", "łukasz" finds "Łukasz"; % _ and \ are plain
 * characters. The match is written in
 * one place: the SQL function jaw_has (SEARCH_HAS), which search_has
 * implements and search_register registers. */
#ifndef JAW_SEARCH_H
#define JAW_SEARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "err.h"
#include "model.h"

/* The SQL parameter that holds the typed text in a list's match. */
#define SEARCH_TEXT "?60"
/* SQL true when one of the comma-separated expressions exprs holds the
 * typed text (NULL ones never do): "jaw_has(?60, t.title, t.location)". */
#define SEARCH_HAS(exprs) "jaw_has(" SEARCH_TEXT ", " exprs ")"

/* True if hay[0..n) holds text[0..m), both folded (fold.h, FOLD_ALL):
 * the match jaw_has makes. */
bool search_has(const char *hay, size_t n, const char *text, size_t m);

/* Registers the SQL function jaw_has on a connection (the project schema
 * does so on every connection it opens). JAW_OK, or JAW_FAIL with err set. */
int search_register(sqlite3 *sqlite, jaw_err *err);

/* Rows a search reads ahead in a list's order (on its index) before it
 * scans the whole list: enough for n on common text, few enough to cost
 * well under a millisecond. */
#define SEARCH_LOOKAHEAD 256

/* Most columns a list's sort key has. */
#define SEARCH_MAX_KEY 5

/* A list as search sees it. Parameters ?1 to ?29 are the list's own,
 * bound by bind; search binds ?60 (the typed text) and above. */
struct search_list {
	/* "FROM ... WHERE ..." of the rows to match, with the tables the
	 * match needs, the list's own first (it begins with "FROM", after
	 * spaces); search appends "AND ...". */
	const char *rows;
	/* "FROM ... WHERE ..." of the same rows for reading and counting
	 * keys: no more than the key needs, so that an index serves it. */
	const char *keys;
	/* The list's order, as its pages are read: nkey expressions over both
	 * rows and keys, ascending; the last is the row's unique id. A
	 * component may be NULL only where the ones before it already set the
	 * rows with NULL there apart (e.g. "date IS NULL", "date", "id"). */
	const char *key[SEARCH_MAX_KEY];
	int nkey;
	/* SQL true when a row matches: SEARCH_HAS(...) of its texts. */
	const char *match;
	/* The same, row by row, for the few rows near the cursor, where match
	 * works out a set of rows first (an index); NULL: match. */
	const char *near_match;
	/* A quick count of the rows (the list's own count query), or NULL. */
	const char *count;
	/* True if an index serves ranges of the key ("(k1, k2) > (?, ?)"):
	 * then rows are counted a stretch at a time from the nearer end. */
	bool ranged;
	/* Rows on each side of the cursor a search reads first, in the list's
	 * order as a page is read, before it scans them all; 0 for none. */
	int lookahead;
	/* Read the rows in order, a step each, instead: for a list whose
	 * order has no index but is worked out whole for a page anyway. */
	bool ordered;
	/* Binds the list's own parameters; may be NULL. */
	model_bind_fn bind;
	const void *ctx;
};

/* Finds the next row of list containing text after position from (before
 * it, backward), wrapping round; from may be -1 (before the first row) or
 * the number of rows (after the last). Returns the row's position, -1 if
 * no row matches, -2 on error with err set. */
int64_t search_list_find(struct jaw_db *db, const struct search_list *list, const char *text,
                         int64_t from, enum model_dir dir, jaw_err *err);

/* Makes an FTS5 query that every text containing text (as SEARCH_HAS
 * finds it) matches, so that a full-text index (unicode61 tokenizer) can
 * preselect the rows LIKE then confirms: the words of text that are whole
 * in it (ASCII letters and digits with an ASCII separator on each side),
 * and the word it ends with as a prefix. NULL when text has no such word
 * (a fragment inside a word); else newly allocated. */
char *search_fts_prefilter_new(const char *text);

/* ---- full-text search ------------------------------------------------------

   A query runs over the notes' index (source_fts: title and text of every
   source that is not a survey answer) and every survey's index
   (survey_fts_N: the text of its open answers) together, best first. It
   takes FTS5's syntax: words, "phrases", prefix*, AND, OR, NOT, NEAR(),
   column:word. A query that is not valid FTS5 is searched as plain words,
   each quoted; one with no word in it is refused. Matching ignores case
   and, for most Latin letters, diacritics (the unicode61 tokenizer). */

/* One source that matches. */
struct search_hit {
	int64_t source_id;
	/* The first match in the source's text, in code points of its
	 * LF-normalised text; both -1 when only the title matches. */
	int64_t start, end;
	/* A line of context around the match, control characters as spaces,
	 * cut ends marked "..."; the match is bytes [mark_start, mark_end). */
	char *snippet;
	size_t mark_start, mark_end;
	/* FTS5's bm25 score: lower is better. */
	double rank;
};

/* Reads up to limit hits of query, best first, from offset. Returns how
 * many, or -1 with err set (a query with nothing to search for). Clear
 * each hit with search_hit_clear. Ranking reads every hit's figures (0.6 s
 * for 600,000 hits), once: the connection keeps the query's hits ranked
 * (in temp.jaw_search_ranked) until the database changes, so that its
 * next pages read no more than themselves; nothing is kept inside a
 * transaction. search_text_page_in reads a page without ranking. A hit's
 * place and snippet read its text no further than the match and its
 * context. */
int search_text_page(struct jaw_db *db, const char *query, int64_t offset, int limit,
                     struct search_hit *hits, jaw_err *err);
/* The order of a page of hits. */
enum search_order {
	SEARCH_BEST,    /* by bm25, best first (then by source) */
	/* by source id: read as the index holds them, only the page's hits
	 * scored (bm25 counts, once a query and connection, how many rows
	 * hold each of its phrases, up to half the index) */
	SEARCH_SOURCES,
};
/* search_text_page in either order. */
int search_text_page_in(struct jaw_db *db, const char *query, enum search_order order,
                        int64_t offset, int limit, struct search_hit *hits, jaw_err *err);
/* The number of sources query matches, -1 with err set. */
int64_t search_text_count(struct jaw_db *db, const char *query, jaw_err *err);
/* The same, counting no further than max + 1 (at once, however many
 * match); max -1: all. */
int64_t search_text_count_upto(struct jaw_db *db, const char *query, int64_t max, jaw_err *err);
/* Called with each match of a query: [start, end) of source's text in
 * code points, and the source's bm25 rank. Returns JAW_OK to go on. */
typedef int (*search_match_fn)(void *ctx, int64_t source, int64_t start, int64_t end,
                               double rank, jaw_err *err);
/* Calls fn with every match of query in the text of every source it
 * finds (matches in a title alone are left out), best source first, each
 * source's matches in order of their start (repeats once). JAW_FAIL (err set) on
 * a query with nothing to search for or when fn fails. */
int search_text_each(struct jaw_db *db, const char *query, search_match_fn fn, void *ctx,
                     jaw_err *err);
/* Frees the strings of h. */
void search_hit_clear(struct search_hit *h);

#endif
