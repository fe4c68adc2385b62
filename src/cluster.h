/* cluster.h - grapheme clusters: the characters a reader sees.
 *
 * A cluster is an extended grapheme cluster of Unicode UAX #29 (found by
 * libunistring): a base character with its combining marks ("a" + U+0306
 * is "ă"), an emoji sequence joined by U+200D, a flag (two regional
 * indicators), a character with its variation selector or skin-tone
 * modifier. The cursor stops only between clusters and a cluster is
 * drawn as one unit; offsets stay in code points.
 *
 * A cluster's width is what ncursesw counts when it draws the cluster's
 * text (wcwidth(3) of each character; zero-width ones join the cell
 * before), so the interface and the terminal library agree. Where
 * terminals disagree on a cluster (flags, variation selector 16, skin
 * tones) at least 2 columns are reserved, the extra ones drawn as blanks
 * (the pad). An emoji ZWJ sequence is drawn without its joiners, its
 * emoji side by side: a terminal that joins them draws fewer columns than
 * wcwidth counts (tmux 3.3 draws a family of three in 2 columns, ncursesw
 * counts 6) and would leave the rest of the line displaced.
 *
 * What is shown for a character: itself; a Unicode control picture for a
 * C0 control (U+2400 + c, DEL is U+2421); U+FFFD for other characters that
 * are unsafe (C1 controls, bidirectional overrides and isolates, code
 * points wcwidth(3) does not know) or invisible (format characters,
 * general category Cf, and other default-ignorable code points such as
 * U+200B, U+2060, U+FEFF, U+00AD, U+180E). Left out: U+200D inside an
 * emoji sequence (see above). Kept as they are: tag characters after an
 * emoji (flags of regions); U+200C and U+200D between two letters of a script that
 * writes with them (Arabic, Syriac, N'Ko, Mongolian and the Brahmic
 * scripts of South Asia); variation selectors after an emoji, or after a
 * character that is not Latin, Greek or Cyrillic. A cluster that starts
 * with a combining mark (nothing to sit on) is shown on a dotted circle,
 * U+25CC.
 *
 * Widths come from wcwidth(3): the caller must have set an LC_CTYPE
 * locale with UTF-8. */
#ifndef JAW_CLUSTER_H
#define JAW_CLUSTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The most bytes of UTF-8 drawn for one cluster, with the NUL. Characters
 * of a longer cluster that do not fit are left out of its text (and of
 * its width). */
#define CLUSTER_TEXT_MAX 64

/* The end (exclusive) of the cluster that starts at i in cps[0..n): the
 * next boundary after i (n for i >= n). i must be a cluster start. */
size_t cluster_end(const uint32_t *cps, size_t n, size_t i);
/* The start of the cluster holding offset i of cps[0..n) (n for i >= n). */
size_t cluster_start(const uint32_t *cps, size_t n, size_t i);
/* True if a cluster starts at i (always at 0 and at n or past it). */
bool cluster_is_start(const uint32_t *cps, size_t n, size_t i);

/* True if cps[i] is a cluster by itself one column wide: printable ASCII
 * that the next character does not join (a quick test for the common
 * case; false does not mean it is not). */
static inline bool cluster_ascii_at(const uint32_t *cps, size_t n, size_t i)
{
	return cps[i] >= 0x20 && cps[i] < 0x7F && (i + 1 >= n || cps[i + 1] < 0x300);
}

/* How one cluster is drawn. */
struct cluster_cell {
	int width;  /* columns taken: those ncursesw counts for text, plus pad */
	int pad;    /* blank columns to draw after text */
	size_t len; /* bytes of text */
	char text[CLUSTER_TEXT_MAX]; /* UTF-8 to draw, NUL-terminated */
};

/* Describes how the cluster [s, e) of cps[0..n) is drawn (the characters
 * around it decide whether a joiner is kept). A tab or line feed is
 * shown as its control picture here; the reader lays tabs out itself. */
void cluster_cell(const uint32_t *cps, size_t n, size_t s, size_t e, struct cluster_cell *cell);
/* The width of the cluster [s, e) of cps[0..n), as cluster_cell gives it
 * (faster for plain characters). */
int cluster_width(const uint32_t *cps, size_t n, size_t s, size_t e);
/* True if cp is shown as a placeholder wherever it stands (unsafe, or
 * invisible and never kept); the joiners, variation selectors and tags
 * that depend on their neighbours are not. */
bool cluster_cp_hidden(uint32_t cp);

#endif
