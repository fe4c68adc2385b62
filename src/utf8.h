/* utf8.h - UTF-8 decoding, display width, truncation and sanitising.
 * Widths come from wcwidth(3), so the caller must have set an LC_CTYPE
 * locale with UTF-8 (the program does; tests use C.UTF-8). */
#ifndef JAW_UTF8_H
#define JAW_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decodes one UTF-8 sequence from s (at most len bytes). Returns its length
 * (1-4) and stores the code point in *cp, or returns 0 if the bytes are not
 * valid UTF-8 (truncated, overlong, surrogate, above U+10FFFF). */
int utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Encodes cp into out (at least 4 bytes); returns the length, 0 if cp is
 * not a Unicode scalar value. */
int utf8_encode(uint32_t cp, char *out);
/* Returns true if s[0..len) is valid UTF-8; otherwise false, with the byte
 * offset of the first invalid sequence in *bad_offset (if not NULL). */
bool utf8_valid(const char *s, size_t len, size_t *bad_offset);
/* Counts the code points in s[0..len) (an invalid byte counts as one). */
size_t utf8_cp_count(const char *s, size_t len);
/* Returns the byte offset of code point index cp_index in s[0..len)
 * (len if past the end). */
size_t utf8_cp_to_byte(const char *s, size_t len, size_t cp_index);
/* Decodes one character of s[0..len): returns its length, an invalid byte
 * reading as one byte of U+FFFD; 0 if len is 0. */
size_t utf8_next(const char *s, size_t len, uint32_t *cp);
/* Decodes s[0..len) into a newly allocated array of code points (*n of
 * them; an invalid byte is one U+FFFD). */
uint32_t *utf8_cps_new(const char *s, size_t len, size_t *n);

/* The functions below work on grapheme clusters (see cluster.h): a
 * cluster is never split, its width is the one ncursesw draws (at least 2
 * columns for emoji sequences, flags and variation selector 16), and what
 * is shown for a character follows cluster.h: control pictures for C0
 * controls, U+FFFD for other unsafe characters, for invisible ones
 * (U+200B, U+2060, U+FEFF, U+00AD, other format characters, bidi
 * controls, U+200D outside an emoji sequence...) and for invalid bytes. */

/* True if cp is shown as a placeholder wherever it stands: controls,
 * bidirectional controls, non-printable and invisible code points (the
 * joiners and selectors that depend on their neighbours are not). */
bool utf8_cp_is_unsafe(uint32_t cp);
/* Display width in columns of the code point cp alone (placeholders
 * count 1, combining marks 0). */
int utf8_cp_width(uint32_t cp);
/* Display width in columns of the NUL-terminated string s as drawn. */
int utf8_width(const char *s);
/* Returns how many bytes of s fit into max_cols columns without splitting a
 * cluster; the width used is stored in *cols_used (if not NULL). */
size_t utf8_fit(const char *s, int max_cols, int *cols_used);
/* The byte offset of the cluster boundary after byte offset off in
 * s[0..len) (len at the end); for moving a cursor right. */
size_t utf8_cluster_next(const char *s, size_t len, size_t off);
/* The byte offset of the cluster boundary before off (0 at the start). */
size_t utf8_cluster_prev(const char *s, size_t len, size_t off);
/* Returns a newly allocated copy of s that is safe to write to a terminal,
 * every character replaced by what is shown for it (see above). */
char *utf8_sanitize_new(const char *s);
/* Returns a newly allocated, sanitised copy of s cut to at most cols
 * columns between two clusters; a cut string ends in an ellipsis. */
char *utf8_display_new(const char *s, int cols);

#endif
