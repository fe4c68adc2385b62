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
/* True if cp would be shown as a placeholder by utf8_sanitize_new:
 * C0/C1 controls, DEL, bidirectional overrides, non-printable code points. */
bool utf8_cp_is_unsafe(uint32_t cp);
/* Display width in columns of cp as drawn by jaw (placeholders count 1). */
int utf8_cp_width(uint32_t cp);
/* Display width in columns of the NUL-terminated string s as drawn. */
int utf8_width(const char *s);
/* Returns how many bytes of s fit into max_cols columns without splitting a
 * character or separating a base character from its combining marks; the
 * width used is stored in *cols_used (if not NULL). */
size_t utf8_fit(const char *s, int max_cols, int *cols_used);
/* Returns a newly allocated copy of s that is safe to write to a terminal:
 * control characters become Unicode control pictures (U+2400 + c; DEL is
 * U+2421), C1 controls, bidi overrides, unprintable code points and invalid
 * bytes become U+FFFD. */
char *utf8_sanitize_new(const char *s);
/* Returns a newly allocated, sanitised copy of s cut to at most cols
 * columns; a cut string ends in an ellipsis. */
char *utf8_display_new(const char *s, int cols);

#endif
