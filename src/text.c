/* text.c - the text model: decoding, code point and byte offsets, cells,
 * search. Wrapping is in text_wrap.c, motions in text_motion.c. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unictype.h>

#include "cluster.h"
#include "fold.h"
#include "text.h"
#include "utf8.h"
#include "xalloc.h"

/* One byte offset is kept for every TEXT_MARK_EVERY code points, so a
 * conversion decodes at most that many characters. */
#define TEXT_MARK_EVERY 64

struct text {
	char *utf8;
	size_t bytes;
	uint32_t *cps;
	size_t n;
	size_t *marks; /* marks[k]: byte offset of code point k * TEXT_MARK_EVERY */
	size_t nmarks;
};

struct text *text_new(const char *utf8, size_t len)
{
	struct text *t = xcalloc(1, sizeof *t);
	t->utf8 = xmalloc(len + 1);
	memcpy(t->utf8, utf8, len);
	t->utf8[len] = '\0';
	t->bytes = len;
	t->cps = xreallocarray(NULL, len + 1, sizeof *t->cps);
	t->marks = xreallocarray(NULL, len / TEXT_MARK_EVERY + 2, sizeof *t->marks);
	size_t i = 0;
	while (i < len) {
		if (t->n % TEXT_MARK_EVERY == 0)
			t->marks[t->nmarks++] = i;
		if ((unsigned char)t->utf8[i] < 0x80)
			t->cps[t->n++] = (unsigned char)t->utf8[i++];
		else
			i += utf8_next(t->utf8 + i, len - i, &t->cps[t->n++]);
	}
	if (t->n % TEXT_MARK_EVERY == 0)
		t->marks[t->nmarks++] = len;
	t->cps[t->n] = 0;
	return t;
}

void text_free(struct text *t)
{
	if (!t)
		return;
	free(t->utf8);
	free(t->cps);
	free(t->marks);
	free(t);
}

size_t text_length(const struct text *t)
{
	return t->n;
}

const uint32_t *text_cps(const struct text *t)
{
	return t->cps;
}

uint32_t text_cp(const struct text *t, size_t i)
{
	return i < t->n ? t->cps[i] : 0;
}

const char *text_utf8(const struct text *t, size_t *len)
{
	if (len)
		*len = t->bytes;
	return t->utf8;
}

size_t text_cp_to_byte(const struct text *t, size_t cp)
{
	if (cp >= t->n)
		return t->bytes;
	size_t b = t->marks[cp / TEXT_MARK_EVERY];
	uint32_t c;
	for (size_t k = cp % TEXT_MARK_EVERY; k > 0; k--)
		b += utf8_next(t->utf8 + b, t->bytes - b, &c);
	return b;
}

size_t text_byte_to_cp(const struct text *t, size_t byte)
{
	if (byte >= t->bytes)
		return t->n;
	size_t lo = 0, hi = t->nmarks; /* find the last mark <= byte */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->marks[mid] <= byte)
			lo = mid;
		else
			hi = mid;
	}
	size_t cp = lo * TEXT_MARK_EVERY, b = t->marks[lo];
	uint32_t c;
	for (;;) {
		size_t k = utf8_next(t->utf8 + b, t->bytes - b, &c);
		if (b + k > byte)
			return cp;
		b += k;
		cp++;
	}
}

char *text_slice_new(const struct text *t, size_t start, size_t end)
{
	if (end > t->n)
		end = t->n;
	if (start > end)
		start = end;
	size_t b0 = text_cp_to_byte(t, start), b1 = text_cp_to_byte(t, end);
	return xstrndup(t->utf8 + b0, b1 - b0);
}

int text_cell_width(uint32_t cp, int col)
{
	if (cp == '\t')
		return TEXT_TAB_WIDTH - col % TEXT_TAB_WIDTH;
	if (cp == '\n')
		return 0;
	return utf8_cp_width(cp);
}

/* ---- clusters -------------------------------------------------------------- */

size_t text_cluster_start(const struct text *t, size_t cp)
{
	return cluster_start(t->cps, t->n, cp);
}

size_t text_cluster_next(const struct text *t, size_t cp)
{
	if (cp >= t->n)
		return t->n;
	return cluster_end(t->cps, t->n, cluster_start(t->cps, t->n, cp));
}

size_t text_cluster_prev(const struct text *t, size_t cp)
{
	if (cp == 0)
		return 0;
	return cluster_start(t->cps, t->n, (cp > t->n ? t->n : cp) - 1);
}

size_t text_cluster_up(const struct text *t, size_t cp)
{
	if (cp >= t->n)
		return t->n;
	size_t s = cluster_start(t->cps, t->n, cp);
	return s == cp ? cp : cluster_end(t->cps, t->n, s);
}

/* ---- search -------------------------------------------------------------- */

/* True if pattern holds an upper-case letter. */
static bool text_has_upper(const char *pattern)
{
	size_t len = strlen(pattern);
	for (size_t i = 0; i < len;) {
		uint32_t c;
		i += utf8_next(pattern + i, len - i, &c);
		if (uc_is_upper(c))
			return true;
	}
	return false;
}

bool text_search(const struct text *t, const char *pattern, size_t from, int flags,
                 size_t *start, size_t *end)
{
	int fold = 0;
	if (flags & (TEXT_SEARCH_IGNORE_CASE | TEXT_SEARCH_SMART_CASE))
		fold = FOLD_MARKS;
	if ((flags & TEXT_SEARCH_IGNORE_CASE) ||
	    ((flags & TEXT_SEARCH_SMART_CASE) && !text_has_upper(pattern)))
		fold |= FOLD_CASE;
	bool back = flags & TEXT_SEARCH_BACKWARD;
	if (from > t->n)
		from = t->n;
	size_t lo = back ? 0 : from, hi = back ? from : t->n;
	if (fold_find(t->cps, t->n, pattern, fold, lo, hi, back, start, end))
		return true;
	if (!(flags & TEXT_SEARCH_WRAP))
		return false;
	lo = back ? from : 0;
	hi = back ? t->n : from;
	return fold_find(t->cps, t->n, pattern, fold, lo, hi, back, start, end);
}
