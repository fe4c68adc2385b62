/* utf8.c - UTF-8 helpers: validation, widths, safe display. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "cluster.h"
#include "utf8.h"
#include "xalloc.h"

#define UTF8_REPLACEMENT 0xFFFDu

int utf8_decode(const char *str, size_t len, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	if (len == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	int n;
	uint32_t c, min;
	if ((s[0] & 0xE0) == 0xC0) {
		n = 2, c = s[0] & 0x1F, min = 0x80;
	} else if ((s[0] & 0xF0) == 0xE0) {
		n = 3, c = s[0] & 0x0F, min = 0x800;
	} else if ((s[0] & 0xF8) == 0xF0) {
		n = 4, c = s[0] & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if ((size_t)n > len)
		return 0;
	for (int i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return n;
}

int utf8_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp >= 0xD800 && cp <= 0xDFFF)
		return 0;
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	if (cp > 0x10FFFF)
		return 0;
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

bool utf8_valid(const char *s, size_t len, size_t *bad_offset)
{
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		int n = utf8_decode(s + i, len - i, &cp);
		if (n == 0) {
			if (bad_offset)
				*bad_offset = i;
			return false;
		}
		i += (size_t)n;
	}
	return true;
}

size_t utf8_cp_count(const char *s, size_t len)
{
	size_t count = 0;
	for (size_t i = 0; i < len; count++) {
		uint32_t cp;
		int n = utf8_decode(s + i, len - i, &cp);
		i += n ? (size_t)n : 1;
	}
	return count;
}

size_t utf8_cp_to_byte(const char *s, size_t len, size_t cp_index)
{
	size_t i = 0;
	for (size_t k = 0; k < cp_index && i < len; k++) {
		uint32_t cp;
		int n = utf8_decode(s + i, len - i, &cp);
		i += n ? (size_t)n : 1;
	}
	return i;
}

bool utf8_cp_is_unsafe(uint32_t cp)
{
	return cluster_cp_hidden(cp);
}

int utf8_cp_width(uint32_t cp)
{
	if (utf8_cp_is_unsafe(cp))
		return 1;
	return wcwidth((wchar_t)cp);
}

size_t utf8_next(const char *s, size_t len, uint32_t *cp)
{
	if (len == 0)
		return 0;
	int n = utf8_decode(s, len, cp);
	if (n > 0)
		return (size_t)n;
	*cp = UTF8_REPLACEMENT;
	return 1;
}

/* A string decoded into code points, with the byte offset of each
 * (off[n] is the length). */
struct utf8_decoded {
	uint32_t *cps;
	size_t *off;
	size_t n;
};

static void utf8_decoded_init(struct utf8_decoded *d, const char *s, size_t len)
{
	d->cps = xreallocarray(NULL, len + 1, sizeof *d->cps);
	d->off = xreallocarray(NULL, len + 1, sizeof *d->off);
	d->n = 0;
	for (size_t i = 0; i < len; d->n++) {
		d->off[d->n] = i;
		i += utf8_next(s + i, len - i, &d->cps[d->n]);
	}
	d->off[d->n] = len;
}

static void utf8_decoded_free(struct utf8_decoded *d)
{
	free(d->cps);
	free(d->off);
}

uint32_t *utf8_cps_new(const char *s, size_t len, size_t *n)
{
	struct utf8_decoded d;
	utf8_decoded_init(&d, s, len);
	free(d.off);
	*n = d.n;
	return d.cps;
}

/* True if s is printable ASCII only: one column and one cluster a byte. */
static bool utf8_plain(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s >= 0x7F)
			return false;
	return true;
}

int utf8_width(const char *s)
{
	if (utf8_plain(s))
		return (int)strlen(s);
	int w = 0;
	struct utf8_decoded d;
	utf8_decoded_init(&d, s, strlen(s));
	for (size_t i = 0, e; i < d.n; i = e) {
		e = cluster_end(d.cps, d.n, i);
		w += cluster_width(d.cps, d.n, i, e);
	}
	utf8_decoded_free(&d);
	return w;
}

size_t utf8_fit(const char *s, int max_cols, int *cols_used)
{
	int w = 0;
	size_t i = 0, e, fit;
	if (utf8_plain(s)) {
		size_t len = strlen(s);
		fit = max_cols <= 0 ? 0 : (size_t)max_cols < len ? (size_t)max_cols : len;
		w = (int)fit;
	} else {
		struct utf8_decoded d;
		utf8_decoded_init(&d, s, strlen(s));
		for (; i < d.n; i = e) {
			e = cluster_end(d.cps, d.n, i);
			int cw = cluster_width(d.cps, d.n, i, e);
			if (w + cw > max_cols)
				break;
			w += cw;
		}
		fit = d.off[i];
		utf8_decoded_free(&d);
	}
	if (cols_used)
		*cols_used = w;
	return fit;
}

/* The byte offset of the cluster boundary after off (forward) or before
 * it, in s[0..len). */
static size_t utf8_cluster_step(const char *s, size_t len, size_t off, bool forward)
{
	struct utf8_decoded d;
	utf8_decoded_init(&d, s, len);
	size_t i = 0, prev = 0;
	while (i < d.n && d.off[i] < off) {
		prev = i;
		i = cluster_end(d.cps, d.n, i);
	}
	size_t at = forward ? d.off[i < d.n && d.off[i] == off ? cluster_end(d.cps, d.n, i) : i]
	                    : d.off[prev];
	utf8_decoded_free(&d);
	return at;
}

size_t utf8_cluster_next(const char *s, size_t len, size_t off)
{
	return off >= len ? len : utf8_cluster_step(s, len, off, true);
}

size_t utf8_cluster_prev(const char *s, size_t len, size_t off)
{
	return off == 0 ? 0 : utf8_cluster_step(s, len, off > len ? len : off, false);
}

char *utf8_sanitize_new(const char *s)
{
	if (utf8_plain(s))
		return xstrdup(s);
	struct utf8_decoded d;
	utf8_decoded_init(&d, s, strlen(s));
	size_t cap = d.off[d.n] * 3 + 16, o = 0;
	char *out = xmalloc(cap);
	for (size_t i = 0, e; i < d.n; i = e) {
		e = cluster_end(d.cps, d.n, i);
		struct cluster_cell cell;
		cluster_cell(d.cps, d.n, i, e, &cell);
		if (o + cell.len + 1 > cap) {
			cap = (o + cell.len + 1) * 2;
			out = xrealloc(out, cap);
		}
		memcpy(out + o, cell.text, cell.len);
		o += cell.len;
	}
	out[o] = '\0';
	utf8_decoded_free(&d);
	return out;
}

char *utf8_display_new(const char *s, int cols)
{
	if (cols <= 0)
		return xstrdup("");
	if (utf8_width(s) <= cols)
		return utf8_sanitize_new(s);
	/* cut between the clusters of s, then show what is kept */
	char *kept = xstrndup(s, utf8_fit(s, cols - 1, NULL));
	char *safe = utf8_sanitize_new(kept);
	char *out = xasprintf("%s\xE2\x80\xA6", safe); /* U+2026 */
	free(kept);
	free(safe);
	return out;
}
