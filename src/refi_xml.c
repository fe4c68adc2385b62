/* refi_xml.c - writing QDA-XML: escaping text and attributes, and GUIDs. */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "refi.h"
#include "utf8.h"

/* True if XML 1.0 can hold cp (its Char production). */
static bool refi_xml_char(uint32_t cp)
{
	return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
	       (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
}

/* Writes s escaped; in an attribute also " and white space other than the
 * space as references (an XML parser would turn them into spaces). */
static void refi_xml_escape(FILE *out, const char *s, bool attr)
{
	size_t len = strlen(s);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		int n = utf8_decode(s + i, len - i, &cp);
		if (n <= 0 || !refi_xml_char(cp)) {
			fputs("\xEF\xBF\xBD", out); /* U+FFFD */
			i += n > 0 ? (size_t)n : 1;
			continue;
		}
		switch (cp) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '\r': fputs("&#13;", out); break;
		case '"': fputs(attr ? "&quot;" : "\"", out); break;
		case '\n': fputs(attr ? "&#10;" : "\n", out); break;
		case '\t': fputs(attr ? "&#9;" : "\t", out); break;
		default: fwrite(s + i, 1, (size_t)n, out);
		}
		i += (size_t)n;
	}
}

void refi_xml_text(FILE *out, const char *s)
{
	refi_xml_escape(out, s, false);
}

void refi_xml_attr(FILE *out, const char *name, const char *value)
{
	fprintf(out, " %s=\"", name);
	refi_xml_escape(out, value ? value : "", true);
	fputc('"', out);
}

void refi_guid_random(char out[37])
{
	unsigned char b[16];
	sqlite3_randomness(sizeof b, b);
	b[6] = (unsigned char)((b[6] & 0x0F) | 0x40); /* version 4 */
	b[8] = (unsigned char)((b[8] & 0x3F) | 0x80); /* RFC 4122 variant */
	static const char hex[] = "0123456789abcdef";
	size_t o = 0;
	for (int i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			out[o++] = '-';
		out[o++] = hex[b[i] >> 4];
		out[o++] = hex[b[i] & 0xF];
	}
	out[o] = '\0';
}
