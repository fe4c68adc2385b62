/* utf8.c - UTF-8 helpers: validation, widths, safe display. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

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
	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
		return true;
	if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069))
		return true;
	return wcwidth((wchar_t)cp) < 0;
}

/* The code point shown in place of an unsafe one. */
static uint32_t utf8_placeholder(uint32_t cp)
{
	if (cp < 0x20)
		return 0x2400 + cp;
	if (cp == 0x7F)
		return 0x2421;
	return UTF8_REPLACEMENT;
}

int utf8_cp_width(uint32_t cp)
{
	if (utf8_cp_is_unsafe(cp))
		return 1;
	return wcwidth((wchar_t)cp);
}

/* Decodes the next code point of s as it will be drawn: an invalid byte
 * reads as U+FFFD with *invalid set. Returns the bytes consumed (0 at the
 * end). */
static size_t utf8_next_drawn(const char *s, uint32_t *cp, bool *invalid)
{
	if (*s == '\0')
		return 0;
	size_t avail = strnlen(s, 4);
	int n = utf8_decode(s, avail, cp);
	*invalid = n == 0;
	if (n == 0) {
		*cp = UTF8_REPLACEMENT;
		return 1;
	}
	return (size_t)n;
}

int utf8_width(const char *s)
{
	int w = 0;
	uint32_t cp;
	size_t n;
	bool invalid;
	while ((n = utf8_next_drawn(s, &cp, &invalid)) > 0) {
		w += utf8_cp_width(cp);
		s += n;
	}
	return w;
}

size_t utf8_fit(const char *s, int max_cols, int *cols_used)
{
	size_t off = 0;
	int w = 0;
	uint32_t cp;
	size_t n;
	bool invalid;
	while ((n = utf8_next_drawn(s + off, &cp, &invalid)) > 0) {
		int cw = utf8_cp_width(cp);
		if (w + cw > max_cols)
			break;
		w += cw;
		off += n;
	}
	if (cols_used)
		*cols_used = w;
	return off;
}

char *utf8_sanitize_new(const char *s)
{
	size_t len = strlen(s);
	/* every input byte becomes at most 3 output bytes */
	char *out = xmalloc(len * 3 + 1);
	size_t o = 0;
	uint32_t cp;
	size_t n;
	bool invalid;
	while ((n = utf8_next_drawn(s, &cp, &invalid)) > 0) {
		if (invalid || utf8_cp_is_unsafe(cp)) {
			o += (size_t)utf8_encode(utf8_placeholder(cp), out + o);
		} else {
			memcpy(out + o, s, n);
			o += n;
		}
		s += n;
	}
	out[o] = '\0';
	return out;
}

char *utf8_display_new(const char *s, int cols)
{
	char *safe = utf8_sanitize_new(s);
	if (cols <= 0) {
		safe[0] = '\0';
		return safe;
	}
	if (utf8_width(safe) <= cols)
		return safe;
	size_t keep = utf8_fit(safe, cols - 1, NULL);
	char *out = xmalloc(keep + 4);
	memcpy(out, safe, keep);
	memcpy(out + keep, "\xE2\x80\xA6", 4); /* U+2026 and the NUL */
	free(safe);
	return out;
}
