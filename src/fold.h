/* fold.h - folding case and accents for searching, the same everywhere:
 * the reader's search, list searches and filters (through the SQL
 * function fold), name matching.
 *
 * Folding a character applies Unicode full case folding (libunistring:
 * "Ł" is "ł", "ß" and "ẞ" are "ss", "Σ" and "ς" are "σ") and canonical
 * decomposition (NFD: "é" is "e" + U+0301), then drops the non-spacing
 * combining marks (general category Mn), so "muller" finds "Müller" and
 * "cafe" finds both "café" and "cafe" + U+0301. Letters that Unicode does
 * not decompose stay themselves ("ł" is not "l", "ø" not "o"). Invalid
 * UTF-8 bytes fold to U+FFFD, one per byte. */
#ifndef JAW_FOLD_H
#define JAW_FOLD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sqlite3.h>

#include "err.h"

/* What to fold. With either, the text is decomposed (NFD) too; with
 * neither, characters are compared as they are. */
enum fold_flags {
	FOLD_CASE = 1,  /* full case folding */
	FOLD_MARKS = 2, /* drop non-spacing marks (accents) */
	FOLD_ALL = FOLD_CASE | FOLD_MARKS,
};

/* The most code points one code point folds into. */
#define FOLD_CP_MAX 8

/* Folds cp into out; returns how many code points it became (0 for a
 * dropped mark). */
size_t fold_cp(uint32_t cp, int flags, uint32_t out[FOLD_CP_MAX]);
/* Returns a newly allocated, folded copy of the UTF-8 string s. */
char *fold_new(const char *s, int flags);
/* Folds the UTF-8 string s into a newly allocated array of code points;
 * *n gets their number. */
uint32_t *fold_cps_new(const char *s, int flags, size_t *n);
/* Like fold_cps_new, for the len bytes at s (no terminating NUL needed). */
uint32_t *fold_cps_n_new(const char *s, size_t len, int flags, size_t *n);

/* Finds needle (UTF-8, folded here with flags) in the code points
 * hay[0..n), folded with the same flags, among the matches that start in
 * [lo, hi): the first one, or the last one if backward. A match starts at
 * the start of a grapheme cluster of hay and ends at the end of one: with
 * FOLD_MARKS the end takes in the rest of the cluster it falls in (the
 * accents of the last letter), without it a match that ends inside a
 * cluster does not count. On a match sets [*start, *end) in code points
 * of hay (not of the folded text) and returns true. An empty needle (or
 * one of accents only) never matches. */
bool fold_find(const uint32_t *hay, size_t n, const char *needle, int flags, size_t lo,
               size_t hi, bool backward, size_t *start, size_t *end);
/* Finds needle in the UTF-8 string hay as fold_find does (the first
 * match); [*start, *end) are code point offsets into hay. */
bool fold_find_utf8(const char *hay, const char *needle, int flags, size_t *start, size_t *end);

/* Registers the SQL function fold(X) on db: X folded with FOLD_ALL, NULL
 * for NULL (deterministic and innocuous, so usable in indexes and
 * views). List searches write fold(title) LIKE '%' || fold(?) || '%'.
 * Returns JAW_OK, or JAW_FAIL with err set. */
int fold_register(sqlite3 *db, jaw_err *err);

#endif
