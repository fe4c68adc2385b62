/* text.h - the text model of the reader: a source's text as Unicode code
 * points, with conversions between code points and bytes, wrapping into
 * display lines, motions (word, sentence, paragraph), the sentence under
 * the cursor, and search.
 *
 * Every offset here is a code point index into the text (0 .. length), the
 * same unit as coding.start_cp and coding.end_cp in the project file. Ranges
 * are half open: [start, end). Each function costs time in proportion to
 * the stretch of text it looks at (a line, a sentence, a paragraph, or one
 * pass for wrapping and search), never more, so a 1 MB note is fine.
 *
 * Display widths come from wcwidth(3): the caller must have set an LC_CTYPE
 * locale with UTF-8 (jaw does; tests use C.UTF-8). Character classes
 * (letters, lower case) also come from the locale. */
#ifndef JAW_TEXT_H
#define JAW_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cluster.h"

/* Tab stops are every TEXT_TAB_WIDTH columns; the interface draws a tab
 * as spaces up to the next stop. */
#define TEXT_TAB_WIDTH 8

/* A text, decoded once. Opaque. */
struct text;

/* Decodes utf8[0..len) into a new text (the bytes are copied). An invalid
 * byte becomes one U+FFFD code point (stored sources are always valid). */
struct text *text_new(const char *utf8, size_t len);
/* Frees t (NULL is fine). */
void text_free(struct text *t);
/* The number of code points. */
size_t text_length(const struct text *t);
/* Borrows the code points (text_length of them; wchar_t-compatible on
 * Linux, so the interface can draw from them directly). */
const uint32_t *text_cps(const struct text *t);
/* The code point at offset i, or 0 if i is at or past the end. */
uint32_t text_cp(const struct text *t, size_t i);
/* Borrows the UTF-8 bytes (NUL-terminated); *len gets their number if not
 * NULL. */
const char *text_utf8(const struct text *t, size_t *len);
/* The byte offset at which code point cp starts (the byte length for cp at
 * or past the end). */
size_t text_cp_to_byte(const struct text *t, size_t cp);
/* The code point that contains byte offset byte (the length for byte at or
 * past the end). */
size_t text_byte_to_cp(const struct text *t, size_t byte);
/* Returns a newly allocated UTF-8 copy of code points [start, end)
 * (clamped to the text). */
char *text_slice_new(const struct text *t, size_t start, size_t end);

/* ---- grapheme clusters -------------------------------------------------- */
/* The cursor stops only between grapheme clusters (see cluster.h: a
 * letter with its accents, an emoji sequence, a flag); offsets stay in
 * code points. */

/* The start of the cluster holding cp (the length for cp at or past the
 * end): cp moved back to where the cursor can stop. */
size_t text_cluster_start(const struct text *t, size_t cp);
/* cp if a cluster starts there, else the end of the cluster holding it:
 * cp moved forward to where the cursor can stop (for the end of a range). */
size_t text_cluster_up(const struct text *t, size_t cp);
/* The start of the cluster after the one holding cp (the length at the
 * end): moving the cursor right. */
size_t text_cluster_next(const struct text *t, size_t cp);
/* The start of the cluster before cp (0 at the start): moving the cursor
 * left. */
size_t text_cluster_prev(const struct text *t, size_t cp);

/* ---- display cells ----------------------------------------------------- */

/* The columns code point cp takes alone when it starts at column col: a
 * tab runs to the next tab stop, a line feed takes 0, combining marks take
 * 0, wide characters 2; characters shown as placeholders take 1 (see
 * utf8_cp_is_unsafe). Drawing goes by clusters (text_cells_next); this is
 * for code that looks at one code point. */
int text_cell_width(uint32_t cp, int col);

/* One cluster of a display line as it is drawn. */
struct text_cell {
	size_t start, end; /* its code points [start, end) in the text */
	int col;           /* the column it starts at, in its display line */
	int width;         /* the columns it takes: text, then pad blanks */
	int pad;           /* blank columns to draw after text */
	char text[CLUSTER_TEXT_MAX]; /* UTF-8 to draw (NUL-terminated): the
	                              * cluster with placeholders where cluster.h
	                              * says; spaces to the next stop for a tab */
};

/* Walks the cells of one display line (see text_wrap_cells). */
struct text_cells {
	const struct text *t;
	size_t next, end;
	int col;
};

/* ---- wrapping ------------------------------------------------------------ */
/* ---- wrapping ------------------------------------------------------------ */

/* The text cut into display lines no wider than a width. Lines break after
 * the spaces that end a word; a word wider than the whole line is cut
 * between clusters (a cluster is never split). Spaces at a break stay at the end of the
 * line even if they run past the width (the interface draws only what
 * fits). A line feed ends a display line; there is no display line after a
 * final line feed. An empty text has one empty line. */
struct text_wrap;

/* Wraps t to width columns (at least 1) in one pass. t must outlive the
 * result. */
struct text_wrap *text_wrap_new(const struct text *t, int width);
/* Frees w (NULL is fine). */
void text_wrap_free(struct text_wrap *w);
/* The width w was made for. */
int text_wrap_width(const struct text_wrap *w);
/* The number of display lines (at least 1). */
size_t text_wrap_count(const struct text_wrap *w);
/* Display line `line` (0-based) covers code points [*start, *end): what to
 * draw. The line feed that ends it, if any, is at *end and is not drawn. */
void text_wrap_line(const struct text_wrap *w, size_t line, size_t *start, size_t *end);
/* The display line holding offset cp (a line feed belongs to the line it
 * ends; the end of the text to the last line). */
size_t text_wrap_line_of(const struct text_wrap *w, size_t cp);
/* The display column at which the cluster holding cp starts within its
 * line. */
int text_wrap_col_of(const struct text_wrap *w, size_t cp);
/* The offset shown at column col of display line `line`: the start of the
 * cluster covering that column, or, past the end of the line, the line's last
 * position (its line feed or the end of the text, or the last character
 * of a line that wraps). For moving the cursor up and down. */
size_t text_wrap_cp_at(const struct text_wrap *w, size_t line, int col);
/* Starts walking the cells of display line `line` for drawing it:
 *     struct text_cells it;
 *     struct text_cell c;
 *     text_wrap_cells(w, line, &it);
 *     while (text_cells_next(&it, &c))
 *             draw c.text at column c.col, then c.pad blanks;
 * A cell may run past the width only if it is a space or tab at a break. */
void text_wrap_cells(const struct text_wrap *w, size_t line, struct text_cells *it);
/* Fills *cell with the next cell; false after the last one. */
bool text_cells_next(struct text_cells *it, struct text_cell *cell);

/* ---- motions ------------------------------------------------------------- */
/* A word is a run of letters, digits, underscores, and apostrophes between
 * letters ("don't", "commander’s"); a run of other non-space characters
 * (punctuation) is a word of its own. A cluster counts as its first
 * character. Each motion returns an offset in [0, length] where a cluster
 * starts (or ends, for an end). */

/* The start of the next word after cp (the length if none). */
size_t text_word_next(const struct text *t, size_t cp);
/* The start of the word before cp, or of the word cp is inside. */
size_t text_word_prev(const struct text *t, size_t cp);
/* The end (exclusive) of the word at or after cp. */
size_t text_word_end(const struct text *t, size_t cp);

/* The line (between line feeds) holding cp: [*start, *end), *end being
 * its line feed or the end of the text. For selecting whole lines. */
void text_line_at(const struct text *t, size_t cp, size_t *start, size_t *end);

/* A paragraph is a run of lines separated from others by blank lines
 * (lines holding nothing or only spaces and tabs). It starts at the start
 * of its first line and ends at the end of its last line (before the line
 * feed). */

/* Finds the paragraph at cp: if cp is on a blank line, the next paragraph,
 * or the previous one when none follows. Returns false (with *start and
 * *end set to cp) if the text holds no paragraph at all. */
bool text_paragraph_at(const struct text *t, size_t cp, size_t *start, size_t *end);
/* The start of the next paragraph after cp (the length if none). */
size_t text_paragraph_next(const struct text *t, size_t cp);
/* The start of the paragraph cp is in if cp is after it, else the start
 * of the previous paragraph (0 if none). */
size_t text_paragraph_prev(const struct text *t, size_t cp);

/* A sentence ends after ". ! ? …" (or a run of them, like "?!" or "...")
 * and any closing quotes or brackets after them (" ' ” ’ ) ] } » › 」 』),
 * when a space, a line feed or the end of the text follows. A paragraph's
 * end also ends a sentence; a single line feed does not. It does not end
 * (these are simple rules, not a grammar):
 *   - when the next word starts with a lower-case letter ("e.g. the");
 *   - after a full stop, when the next word starts with a digit ("No. 5")
 *     or the word before the stop is an abbreviation: a single letter
 *     other than "I" (initials: "J. Smith"), a word with a full stop inside
 *     it ("U.N.", "i.e."), or one of Mr Mrs Ms Dr Prof Sr Jr St Mt Col Lt
 *     Gen Maj Capt Cpt Sgt Cpl Pte Pvt Brig Adm Cdr Cmdr Gov Rev Hon approx
 *     incl cf vs viz al.
 * A sentence starts at its first non-space character and ends after its
 * closing punctuation; the spaces after it are not part of it. */

/* Finds the sentence at cp. The spaces after a sentence count as part of
 * it for this (a cursor there selects the sentence before); on blank lines
 * the next paragraph's first sentence is found. Returns false (with both
 * set to cp) if the text holds only white space. */
bool text_sentence_at(const struct text *t, size_t cp, size_t *start, size_t *end);
/* The start of the next sentence after the one at cp (the length if none). */
size_t text_sentence_next(const struct text *t, size_t cp);
/* The start of the sentence at cp if cp is after its start, else the start
 * of the previous sentence (0 if none). */
size_t text_sentence_prev(const struct text *t, size_t cp);

/* ---- search -------------------------------------------------------------- */

/* Flags for text_search. Without IGNORE_CASE or SMART_CASE characters
 * are compared as they are; with either, accents are ignored (fold.h:
 * "muller" finds "Müller", "cafe" finds "café"), and case is ignored too
 * with IGNORE_CASE, or with SMART_CASE when the pattern has no capital
 * ("lukasz" is not "Łukasz", but "łukasz" is). */
enum text_search_flags {
	TEXT_SEARCH_BACKWARD = 1,    /* search towards the start */
	TEXT_SEARCH_IGNORE_CASE = 2, /* fold case and accents */
	TEXT_SEARCH_SMART_CASE = 4,  /* fold accents; case too unless the pattern has a capital */
	TEXT_SEARCH_WRAP = 8,        /* go on from the other end of the text */
};

/* Finds the UTF-8 string pattern in t: forwards, the first match starting
 * at or after from; backwards, the last match starting before from. With
 * TEXT_SEARCH_WRAP the search goes on from the other end. On a match sets
 * [*start, *end) and returns true; a match starts and ends between
 * clusters (fold_find). An empty pattern never matches. */
bool text_search(const struct text *t, const char *pattern, size_t from, int flags,
                 size_t *start, size_t *end);

#endif
