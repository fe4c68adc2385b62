/* markdown.c - text escaped for pandoc's Markdown (see markdown.h). */
#include "config.h"

#include <stdbool.h>
#include <string.h>

#include "markdown.h"
#include "utf8.h"

/* ASCII punctuation that is markup wherever it stands (or, quotes, what
 * "smart" typography would change). */
static const char md_always[] = "\\`*_[]<>#|$^~@\"'&{}";
/* Punctuation that begins a block (a list, a definition, a fenced div, a
 * setext underline, an example list) only at a line's start. */
static const char md_at_start[] = "-+=:(%!";

/* What one line is written into. */
struct md_line {
	FILE *out;
	bool yaml; /* inside a YAML single-quoted string: ' doubled */
};

static bool md_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static bool md_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool md_alnum(char c)
{
	return md_alpha(c) || (c >= '0' && c <= '9');
}

/* The offset of the "." or ")" that would make s[0..len) begin an
 * ordered list ("1.", "iv)", "B."), or len if none. */
static size_t md_list_marker(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len && md_alnum(s[i]))
		i++;
	return i > 0 && i < len && (s[i] == '.' || s[i] == ')') ? i : len;
}

/* The abbreviations after which pandoc's smart typography writes a
 * no-break space instead of the space that follows (pandoc's default
 * list, `pandoc --print-default-data-file abbreviations`). */
static const char md_abbreviations[] =
	" aet. aetat. al. Apr. Aug. bk. Bros. c. Capt. cf. ch. chap. chs. Co. col. Corp. cp. d."
	" Dec. Dr. e.g. ed. eds. esp. f. fasc. Feb. ff. fig. fl. fol. fols. Fr. Gen. Gov. Hon."
	" i.e. ill. Inc. incl. Jan. Jr. Jul. Jun. Ltd. M.A. M.D. Mar. Mr. Mrs. Ms. n. n.b. nn."
	" No. Nov. Oct. p. Ph.D. pp. Pres. Prof. pt. q.v. Rep. Rev. s.v. s.vv. saec. sec. Sen."
	" Sep. Sept. Sgt. Sr. St. univ. viz. vol. vs. ";

/* True if the "." at s[i] ends one of those abbreviations (the word of
 * letters, digits and dots pandoc reads before it) and a blank follows. */
static bool md_abbreviation(const char *s, size_t len, size_t i)
{
	if (i + 1 < len && !md_blank(s[i + 1]))
		return false;
	size_t start = i;
	while (start > 0 && (md_alnum(s[start - 1]) || s[start - 1] == '.' ||
	                     (unsigned char)s[start - 1] >= 0x80))
		start--;
	size_t n = i + 1 - start;
	if (n < 2 || n > 8)
		return false;
	char word[12];
	word[0] = ' ';
	memcpy(word + 1, s + start, n);
	word[n + 1] = ' ';
	word[n + 2] = '\0';
	return strstr(md_abbreviations, word) != NULL;
}

/* True if the ASCII character s[i] must be escaped. */
static bool md_needs_escape(const char *s, size_t len, size_t i, size_t marker)
{
	char c = s[i];
	if (strchr(md_always, c))
		return true;
	if (i == 0 && strchr(md_at_start, c))
		return true;
	if (i == marker)
		return true;
	if (c == '-')
		return i + 1 < len && s[i + 1] == '-';
	if (c == '.')
		return (i + 1 < len && s[i + 1] == '.') || md_abbreviation(s, len, i);
	return false;
}

/* Writes the code point cp: controls (but tab) as U+FFFD, line breaks as
 * spaces. */
static void md_put_cp(const struct md_line *w, uint32_t cp, const char *s, size_t n)
{
	if (cp == '\n' || cp == '\r') {
		fputc(' ', w->out);
	} else if ((cp < 0x20 && cp != '\t') || (cp >= 0x7f && cp < 0xa0) || cp == 0xfffd) {
		fputs("\xEF\xBF\xBD", w->out);
	} else if (cp == '\'' && w->yaml) {
		fputs("''", w->out);
	} else {
		fwrite(s, 1, n, w->out);
	}
}

/* Writes s[0..len), one line without its surrounding blanks, escaped. */
static void md_write_line(const struct md_line *w, const char *s, size_t len)
{
	while (len > 0 && md_blank(*s)) {
		s++;
		len--;
	}
	while (len > 0 && md_blank(s[len - 1]))
		len--;
	size_t marker = md_list_marker(s, len);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = utf8_next(s + i, len - i, &cp);
		if (cp < 0x80 && md_needs_escape(s, len, i, marker))
			fputc('\\', w->out);
		md_put_cp(w, cp, s + i, n);
		i += n;
	}
}

void md_inline(FILE *out, const char *s)
{
	struct md_line w = {out, false};
	md_write_line(&w, s ? s : "", s ? strlen(s) : 0);
}

void md_yaml_inline(FILE *out, const char *s)
{
	struct md_line w = {out, true};
	md_write_line(&w, s ? s : "", s ? strlen(s) : 0);
}

void md_yaml(FILE *out, const char *key, const char *s)
{
	fprintf(out, "%s: '", key);
	md_yaml_inline(out, s);
	fputs("'\n", out);
}

/* True if s[0..len) holds nothing but blanks. */
static bool md_blank_line(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!md_blank(s[i]))
			return false;
	return true;
}

/* Writes prefix without its trailing blanks (the line between two
 * paragraphs). */
static void md_gap(FILE *out, const char *prefix)
{
	size_t n = strlen(prefix);
	while (n > 0 && md_blank(prefix[n - 1]))
		n--;
	fwrite(prefix, 1, n, out);
	fputc('\n', out);
}

void md_block(FILE *out, const char *s, const char *prefix)
{
	struct md_line w = {out, false};
	bool in_para = false, gap = false;
	for (const char *p = s ? s : ""; *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		if (md_blank_line(p, len)) {
			gap = in_para;
		} else {
			if (in_para && gap) {
				fputc('\n', out); /* the paragraph before ends */
				md_gap(out, prefix);
			} else if (in_para) {
				fputs("\\\n", out); /* a hard line break ends the line before */
			}
			fputs(prefix, out);
			md_write_line(&w, p, len);
			in_para = true;
			gap = false;
		}
		p += nl ? len + 1 : len;
	}
	if (in_para)
		fputc('\n', out);
}
