/* text_motion.c - words, sentences and paragraphs of a text. */
#include "config.h"

#include <string.h>
#include <wctype.h>

#include "cluster.h"
#include "text.h"

/* ---- words ----------------------------------------------------------------- */

enum text_class { TEXT_SPACE, TEXT_WORD, TEXT_PUNCT };

static bool text_is_apostrophe(uint32_t c)
{
	return c == '\'' || c == 0x2019;
}

static bool text_alnum(uint32_t c)
{
	return iswalnum((wint_t)c) || c == '_';
}

/* The class of the cluster holding i: that of its first character. */
static enum text_class text_class_at(const uint32_t *cps, size_t n, size_t i)
{
	if (i > 0 && !cluster_ascii_at(cps, n, i - 1))
		i = cluster_start(cps, n, i);
	uint32_t c = cps[i];
	if (iswspace((wint_t)c))
		return TEXT_SPACE;
	if (text_alnum(c))
		return TEXT_WORD;
	if (text_is_apostrophe(c) && i > 0) {
		size_t next = cluster_end(cps, n, i);
		if (next < n && text_alnum(cps[cluster_start(cps, n, i - 1)]) && text_alnum(cps[next]))
			return TEXT_WORD;
	}
	return TEXT_PUNCT;
}

size_t text_word_next(const struct text *t, size_t cp)
{
	const uint32_t *cps = text_cps(t);
	size_t n = text_length(t), i = cp;
	if (i >= n)
		return n;
	enum text_class cls = text_class_at(cps, n, i);
	if (cls != TEXT_SPACE)
		while (i < n && text_class_at(cps, n, i) == cls)
			i++;
	while (i < n && text_class_at(cps, n, i) == TEXT_SPACE)
		i++;
	return i;
}

size_t text_word_prev(const struct text *t, size_t cp)
{
	const uint32_t *cps = text_cps(t);
	size_t n = text_length(t);
	if (cp > n)
		cp = n;
	if (cp == 0)
		return 0;
	size_t i = cp - 1;
	while (i > 0 && text_class_at(cps, n, i) == TEXT_SPACE)
		i--;
	enum text_class cls = text_class_at(cps, n, i);
	if (cls == TEXT_SPACE)
		return 0;
	while (i > 0 && text_class_at(cps, n, i - 1) == cls)
		i--;
	return i;
}

size_t text_word_end(const struct text *t, size_t cp)
{
	const uint32_t *cps = text_cps(t);
	size_t n = text_length(t), i = cp;
	while (i < n && text_class_at(cps, n, i) == TEXT_SPACE)
		i++;
	if (i >= n)
		return n;
	enum text_class cls = text_class_at(cps, n, i);
	while (i < n && text_class_at(cps, n, i) == cls)
		i++;
	return i;
}

/* ---- lines and paragraphs -------------------------------------------------- */

static bool text_blank_char(uint32_t c)
{
	return c == ' ' || c == '\t';
}

static size_t text_line_start(const uint32_t *cps, size_t i)
{
	while (i > 0 && cps[i - 1] != '\n')
		i--;
	return i;
}

/* The offset of the line feed ending the line at i, or n. */
static size_t text_line_end(const uint32_t *cps, size_t n, size_t i)
{
	while (i < n && cps[i] != '\n')
		i++;
	return i;
}

void text_line_at(const struct text *t, size_t cp, size_t *start, size_t *end)
{
	const uint32_t *cps = text_cps(t);
	size_t n = text_length(t);
	if (cp > n)
		cp = n;
	*start = text_line_start(cps, cp);
	*end = text_line_end(cps, n, cp);
}

/* True if the line starting at ls holds only spaces and tabs. */
static bool text_line_blank(const uint32_t *cps, size_t n, size_t ls)
{
	for (size_t i = ls; i < n && cps[i] != '\n'; i++)
		if (!text_blank_char(cps[i]))
			return false;
	return true;
}

/* The start of the first non-blank line at or after the line starting at
 * ls, or n if none. */
static size_t text_next_nonblank(const uint32_t *cps, size_t n, size_t ls)
{
	while (ls < n && text_line_blank(cps, n, ls)) {
		size_t le = text_line_end(cps, n, ls);
		ls = le < n ? le + 1 : n;
	}
	return ls;
}

/* The start of the last non-blank line before the line starting at ls, or
 * n if none. */
static size_t text_prev_nonblank(const uint32_t *cps, size_t n, size_t ls)
{
	while (ls > 0) {
		ls = text_line_start(cps, ls - 1);
		if (!text_line_blank(cps, n, ls))
			return ls;
	}
	return n;
}

bool text_paragraph_at(const struct text *t, size_t cp, size_t *start, size_t *end)
{
	const uint32_t *cps = text_cps(t);
	size_t n = text_length(t);
	if (cp > n)
		cp = n;
	size_t ls = text_line_start(cps, cp);
	if (text_line_blank(cps, n, ls)) {
		size_t next = text_next_nonblank(cps, n, ls);
		ls = next < n ? next : text_prev_nonblank(cps, n, ls);
		if (ls >= n) {
			*start = *end = cp;
			return false;
		}
	}
	size_t s = ls;
	while (s > 0) {
		size_t prev = text_line_start(cps, s - 1);
		if (text_line_blank(cps, n, prev))
			break;
		s = prev;
	}
	size_t e = text_line_end(cps, n, ls);
	while (e + 1 < n && !text_line_blank(cps, n, e + 1))
		e = text_line_end(cps, n, e + 1);
	*start = s;
	*end = e;
	return true;
}

size_t text_paragraph_next(const struct text *t, size_t cp)
{
	size_t n = text_length(t), s, e;
	if (!text_paragraph_at(t, cp, &s, &e))
		return n;
	if (s > cp)
		return s;
	if (e >= n)
		return n;
	return text_next_nonblank(text_cps(t), n, e + 1);
}

/* The last offset before cp that is not white space, or n if none. */
static size_t text_prev_nonspace(const uint32_t *cps, size_t n, size_t cp)
{
	while (cp > 0) {
		cp--;
		if (!iswspace((wint_t)cps[cp]))
			return cp;
	}
	return n;
}

size_t text_paragraph_prev(const struct text *t, size_t cp)
{
	size_t n = text_length(t), s, e;
	if (cp > n)
		cp = n;
	if (!text_paragraph_at(t, cp, &s, &e))
		return 0;
	if (s < cp)
		return s;
	size_t q = text_prev_nonspace(text_cps(t), n, s < cp ? s : cp);
	if (q >= n || !text_paragraph_at(t, q, &s, &e))
		return 0;
	return s;
}

/* ---- sentences ------------------------------------------------------------- */

static bool text_is_terminal(uint32_t c)
{
	return c == '.' || c == '!' || c == '?' || c == 0x2026 /* … */ ||
	       c == 0x203C || c == 0x2047 || c == 0x2048 || c == 0x2049; /* ‼ ⁇ ⁈ ⁉ */
}

static bool text_is_closer(uint32_t c)
{
	static const uint32_t closers[] = {'"', '\'', ')', ']', '}', 0x201D, 0x2019, 0xBB,
	                                   0x203A, 0x300D, 0x300F};
	for (size_t i = 0; i < sizeof closers / sizeof *closers; i++)
		if (c == closers[i])
			return true;
	return false;
}

static bool text_is_opener(uint32_t c)
{
	return c == '(' || c == '[' || c == '"' || c == '\'' || c == 0x201C || c == 0x2018 ||
	       c == 0xAB;
}

/* True if the ASCII word w[0..len) is in the list of abbreviations. */
static bool text_abbreviation_listed(const uint32_t *w, size_t len)
{
	static const char *const list[] = {
		"Mr", "Mrs", "Ms", "Dr", "Prof", "Sr", "Jr", "St", "Mt", "Col", "Lt", "Gen", "Maj",
		"Capt", "Cpt", "Sgt", "Cpl", "Pte", "Pvt", "Brig", "Adm", "Cdr", "Cmdr", "Gov",
		"Rev", "Hon", "approx", "incl", "cf", "vs", "viz", "al", NULL,
	};
	for (const char *const *a = list; *a; a++) {
		if (strlen(*a) != len)
			continue;
		size_t k = 0;
		while (k < len && w[k] == (uint32_t)(unsigned char)(*a)[k])
			k++;
		if (k == len)
			return true;
	}
	return false;
}

/* True if the full stop at i follows an abbreviation. */
static bool text_abbreviation_before(const uint32_t *cps, size_t i)
{
	size_t s = i;
	while (s > 0 && !iswspace((wint_t)cps[s - 1]))
		s--;
	while (s < i && text_is_opener(cps[s]))
		s++;
	size_t len = i - s;
	if (len == 0)
		return false;
	for (size_t k = s; k < i; k++)
		if (cps[k] == '.')
			return true;
	if (len == 1)
		return iswalpha((wint_t)cps[s]) && cps[s] != 'I';
	return text_abbreviation_listed(cps + s, len);
}

/* If a sentence ends with the run of closing punctuation starting at i,
 * returns the offset just after it (and its closers); 0 if not. Only the
 * first character of a run ("...", "?!") is considered. */
static size_t text_sentence_end_at(const uint32_t *cps, size_t n, size_t i)
{
	if (!text_is_terminal(cps[i]) || (i > 0 && text_is_terminal(cps[i - 1])))
		return 0;
	size_t j = i;
	while (j < n && text_is_terminal(cps[j]))
		j++;
	bool single_stop = j == i + 1 && cps[i] == '.';
	while (j < n && text_is_closer(cps[j]))
		j++;
	if (j < n && !iswspace((wint_t)cps[j]))
		return 0;
	size_t k = j;
	int feeds = 0;
	for (; k < n && iswspace((wint_t)cps[k]); k++)
		if (cps[k] == '\n' && ++feeds == 2)
			return j; /* a blank line: the paragraph ends */
	if (k >= n)
		return j;
	if (iswlower((wint_t)cps[k]))
		return 0;
	if (single_stop && (iswdigit((wint_t)cps[k]) || text_abbreviation_before(cps, i)))
		return 0;
	return j;
}

/* The first non-space offset at or after i, but not past limit. */
static size_t text_skip_space(const uint32_t *cps, size_t i, size_t limit)
{
	while (i < limit && iswspace((wint_t)cps[i]))
		i++;
	return i;
}

bool text_sentence_at(const struct text *t, size_t cp, size_t *start, size_t *end)
{
	const uint32_t *cps = text_cps(t);
	size_t n = text_length(t), ps, pe;
	if (!text_paragraph_at(t, cp, &ps, &pe)) {
		*start = *end = cp > n ? n : cp;
		return false;
	}
	size_t c = cp < ps ? ps : cp > pe ? pe : cp;
	size_t s = text_skip_space(cps, ps, pe);
	for (size_t i = c; i-- > ps;) {
		size_t e = text_sentence_end_at(cps, n, i);
		size_t next = e > 0 ? text_skip_space(cps, e, pe) : pe;
		if (e > 0 && next <= c && next < pe) {
			s = next;
			break;
		}
	}
	size_t e = pe;
	for (size_t i = s; i < pe; i++) {
		size_t se = text_sentence_end_at(cps, n, i);
		if (se > 0) {
			e = se < pe ? se : pe;
			break;
		}
	}
	while (e > s && iswspace((wint_t)cps[e - 1]))
		e--;
	*start = s;
	*end = e;
	return true;
}

size_t text_sentence_next(const struct text *t, size_t cp)
{
	const uint32_t *cps = text_cps(t);
	size_t n = text_length(t), s, e, ps, pe;
	if (!text_sentence_at(t, cp, &s, &e))
		return n;
	if (s > cp)
		return s;
	text_paragraph_at(t, s, &ps, &pe);
	size_t next = text_skip_space(cps, e, pe);
	if (next < pe)
		return next;
	size_t np = text_paragraph_next(t, s);
	return np >= n ? n : text_skip_space(cps, np, n);
}

size_t text_sentence_prev(const struct text *t, size_t cp)
{
	const uint32_t *cps = text_cps(t);
	size_t n = text_length(t), s, e;
	if (cp > n)
		cp = n;
	if (!text_sentence_at(t, cp, &s, &e))
		return 0;
	if (s < cp)
		return s;
	size_t q = text_prev_nonspace(cps, n, s < cp ? s : cp);
	if (q >= n || !text_sentence_at(t, q, &s, &e))
		return 0;
	return s;
}
