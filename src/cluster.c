/* cluster.c - grapheme clusters (libunistring), their widths and what is
 * shown for them. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unigbrk.h>
#include <unictype.h>
#include <wchar.h>

#include "cluster.h"
#include "utf8.h"
#include "xalloc.h"

#define CLUSTER_REPLACEMENT 0xFFFDu
#define CLUSTER_DOTTED_CIRCLE 0x25CCu
#define CLUSTER_ZWNJ 0x200Cu
#define CLUSTER_ZWJ 0x200Du

/* ---- boundaries -------------------------------------------------------------- */

/* True if c is in a range whose characters all have the grapheme cluster
 * break property Other (or are controls): Latin, Greek and Cyrillic
 * letters, general punctuation, kana, CJK ideographs, most emoji. Between
 * two of them there is always a boundary (but CR LF). */
static bool cluster_plain(uint32_t c)
{
	if (c < 0x2010)
		return c < 0x300 || (c >= 0x370 && c < 0x483);
	if (c < 0x10000)
		return (c <= 0x2027) || (c >= 0x2030 && c <= 0x205E) || (c >= 0x3040 && c <= 0x3098) ||
		       (c >= 0x309B && c <= 0x30FF) || (c >= 0x4E00 && c <= 0x9FFF);
	return (c >= 0x1F300 && c <= 0x1F3FA) || (c >= 0x1F400 && c <= 0x1F64F) ||
	       (c >= 0x1F680 && c <= 0x1F6FF) || (c >= 0x1F900 && c <= 0x1F9FF);
}

/* True if a and b (in this order) are two plain characters, which a
 * boundary always separates (but CR LF). */
static bool cluster_simple_break(uint32_t a, uint32_t b)
{
	return cluster_plain(a) && cluster_plain(b) && !(a == '\r' && b == '\n');
}

/* True if there is a boundary between a and b whatever comes before a:
 * the pairwise rules say so and no rule that looks further back (emoji
 * ZWJ sequences, pairs of regional indicators, Indic conjuncts after a
 * virama) applies. */
static bool cluster_certain_break(uint32_t a, uint32_t b)
{
	if (cluster_simple_break(a, b))
		return true;
	if (!uc_is_grapheme_break(a, b))
		return false;
	if (a == CLUSTER_ZWJ && uc_is_property_extended_pictographic(b))
		return false;
	if (uc_is_property_regional_indicator(a) && uc_is_property_regional_indicator(b))
		return false;
	return uc_combining_class(a) != UC_CCC_VR;
}

size_t cluster_end(const uint32_t *cps, size_t n, size_t i)
{
	if (i + 1 >= n)
		return n;
	if (cluster_simple_break(cps[i], cps[i + 1]))
		return i + 1;
	char small[8], *p = small;
	size_t window = sizeof small;
	for (;;) {
		size_t len = n - i < window ? n - i : window;
		u32_grapheme_breaks(cps + i, len, p);
		size_t k = 1;
		while (k < len && !p[k])
			k++;
		if (k < len || len == n - i) {
			if (p != small)
				free(p);
			return i + k;
		}
		window *= 2;
		p = p == small ? xmalloc(window) : xrealloc(p, window);
	}
}

size_t cluster_start(const uint32_t *cps, size_t n, size_t i)
{
	if (i >= n)
		return n;
	size_t a = i;
	while (a > 0 && !cluster_certain_break(cps[a - 1], cps[a]))
		a--;
	if (a == i)
		return i;
	for (;;) {
		size_t e = cluster_end(cps, n, a);
		if (e > i)
			return a;
		a = e;
	}
}

bool cluster_is_start(const uint32_t *cps, size_t n, size_t i)
{
	return i == 0 || i >= n || cluster_start(cps, n, i) == i;
}

/* ---- what is shown ------------------------------------------------------------- */

static bool cluster_is_vs(uint32_t c)
{
	return (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF) ||
	       (c >= 0x180B && c <= 0x180D) || c == 0x180F;
}

static bool cluster_is_tag(uint32_t c)
{
	return c >= 0xE0020 && c <= 0xE007F;
}

/* True if whether c is shown depends on its neighbours. */
static bool cluster_contextual(uint32_t c)
{
	return c == CLUSTER_ZWNJ || c == CLUSTER_ZWJ || cluster_is_vs(c) || cluster_is_tag(c);
}

bool cluster_cp_hidden(uint32_t c)
{
	if (c < 0x20 || (c >= 0x7F && c < 0xA0))
		return true;
	if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069))
		return true;
	if (c < 0xAD || (c > 0xAD && c < 0x300))
		return false;
	if (wcwidth((wchar_t)c) < 0)
		return true;
	if (cluster_contextual(c))
		return false;
	return uc_is_general_category(c, UC_CATEGORY_Cf) ||
	       uc_is_property_default_ignorable_code_point(c);
}

/* True if c is a letter or mark of a script written with joiners
 * (U+200C, U+200D); *name gets the script's name. */
static bool cluster_joining_script(uint32_t c, const char **name)
{
	static const char *const scripts[] = {
		"Arabic", "Syriac", "Nko", "Mongolian", "Devanagari", "Bengali", "Gurmukhi",
		"Gujarati", "Oriya", "Tamil", "Telugu", "Kannada", "Malayalam", "Sinhala", NULL,
	};
	const uc_script_t *s = uc_script(c);
	if (!s || cluster_cp_hidden(c))
		return false;
	for (const char *const *k = scripts; *k; k++) {
		if (strcmp(*k, s->name) == 0) {
			*name = *k;
			return true;
		}
	}
	return false;
}

/* True if the joiner at i sits between two letters of one joining script. */
static bool cluster_joiner_in_word(const uint32_t *cps, size_t n, size_t i)
{
	const char *a, *b;
	return i > 0 && i + 1 < n && cluster_joining_script(cps[i - 1], &a) &&
	       cluster_joining_script(cps[i + 1], &b) && a == b;
}

/* True if the variation selector c may follow base. */
static bool cluster_vs_kept(uint32_t c, uint32_t base)
{
	if (c == 0xFE0E || c == 0xFE0F)
		return uc_is_property_emoji(base);
	const uc_script_t *s = uc_script(base);
	if (base < 0x80 || !s)
		return false;
	return strcmp(s->name, "Latin") != 0 && strcmp(s->name, "Greek") != 0 &&
	       strcmp(s->name, "Cyrillic") != 0;
}

/* A run of a cluster drawn on one base: the cluster's first character,
 * or a placeholder inside it, which the characters after it sit on. */
struct cluster_run {
	size_t at;      /* where the run starts */
	uint32_t shown; /* what is shown there */
};

/* The code point shown for cps[i] of a cluster that ends at e, in run r;
 * 0 for none (a joiner between emoji, left out of what is drawn). */
static uint32_t cluster_shown_in(const uint32_t *cps, size_t n, const struct cluster_run *r,
                                 size_t e, size_t i)
{
	uint32_t c = cps[i];
	if (cluster_cp_hidden(c)) {
		if (c < 0x20)
			return 0x2400 + c;
		return c == 0x7F ? 0x2421 : CLUSTER_REPLACEMENT;
	}
	if (!cluster_contextual(c))
		return c;
	bool on_base = i > r->at, emoji = on_base && uc_is_property_extended_pictographic(r->shown);
	bool kept;
	if (c == CLUSTER_ZWJ && emoji && i + 1 < e)
		return 0;
	if (c == CLUSTER_ZWJ || c == CLUSTER_ZWNJ)
		kept = cluster_joiner_in_word(cps, n, i);
	else if (cluster_is_tag(c))
		kept = emoji;
	else
		kept = on_base && cluster_vs_kept(c, r->shown);
	return kept ? c : CLUSTER_REPLACEMENT;
}

/* ---- widths ---------------------------------------------------------------------- */

/* True if a shown character makes terminals disagree on its cluster's width. */
static bool cluster_uncertain(uint32_t c)
{
	return c == 0xFE0F || c == CLUSTER_ZWJ || c == 0x20E3 || cluster_is_tag(c) ||
	       uc_is_property_regional_indicator(c) || uc_is_property_emoji_modifier(c);
}

/* The blank columns reserved after a run of `len` characters that
 * ncursesw counts as cols columns. */
static int cluster_run_pad(size_t len, bool uncertain, uint32_t first, int cols)
{
	if (len == 1 && uc_is_property_regional_indicator(first))
		uncertain = true;
	return uncertain && len > 0 && cols < 2 ? 2 - cols : 0;
}

void cluster_cell(const uint32_t *cps, size_t n, size_t s, size_t e, struct cluster_cell *cell)
{
	struct cluster_run run = {s, 0};
	int cols = 0, run_cols = 0, pad = 0;
	size_t len = 0, run_len = 0;
	bool uncertain = false;
	for (size_t i = s; i < e; i++) {
		uint32_t c = cluster_shown_in(cps, n, &run, e, i);
		if (c == 0 || (i > run.at && c != cps[i])) {
			/* a joiner left out ends a run; a placeholder starts one */
			pad += cluster_run_pad(run_len, uncertain, run.shown, run_cols);
			run = (struct cluster_run){c ? i : i + 1, c};
			run_cols = 0;
			run_len = 0;
			uncertain = false;
			if (c == 0)
				continue;
		} else if (i == run.at) {
			run.shown = c;
		}
		int w = wcwidth((wchar_t)c);
		char buf[8];
		size_t k = 0;
		if (w <= 0 && i == s) { /* nothing to sit on */
			k = (size_t)utf8_encode(CLUSTER_DOTTED_CIRCLE, buf);
			w = 1;
		}
		k += (size_t)utf8_encode(c, buf + k);
		if (len + k >= CLUSTER_TEXT_MAX)
			break;
		memcpy(cell->text + len, buf, k);
		len += k;
		run_cols += w > 0 ? w : 0;
		cols += w > 0 ? w : 0;
		uncertain = uncertain || (run_len > 0 && cluster_uncertain(c));
		run_len++;
	}
	pad += cluster_run_pad(run_len, uncertain, run.shown, run_cols);
	cell->text[len] = '\0';
	cell->len = len;
	cell->pad = pad;
	cell->width = cols + pad;
}

int cluster_width(const uint32_t *cps, size_t n, size_t s, size_t e)
{
	if (e == s + 1 && cps[s] >= 0x20 && cps[s] < 0x300 && !cluster_cp_hidden(cps[s]) &&
	    cps[s] != 0xAD)
		return 1;
	struct cluster_cell cell;
	cluster_cell(cps, n, s, e, &cell);
	return cell.width;
}
