/* csvread.c - streaming CSV files through libcsv with encodings, line
 * numbers and clear errors. The file is read in blocks; each block is
 * decoded to UTF-8 (as is, or through iconv), scanned once for line ends,
 * NUL bytes and invalid UTF-8, and fed to libcsv one line at a time so that
 * every row and every error knows its line. Memory stays flat: the block
 * buffers, one row and one field at most CSVREAD_MAX_FIELD long. */
#include "config.h"

#include <csv.h>
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csvread.h"
#include "hash.h"
#include "utf8.h"
#include "xalloc.h"

#define CSVREAD_BLOCK (256u << 10)  /* bytes read at a time */
#define CSVREAD_HEADROOM 16         /* room for bytes carried to the next block */
#define CSVREAD_SNIFF_ROWS 30       /* rows looked at to detect the delimiter */

struct csvread {
	const struct csvread_source *src;
	const char *path; /* the source's name, in messages */
	int fd;           /* the descriptor read from, or -1 */
	size_t at;        /* bytes of a buffer read so far */
	const struct csvread_options *opt;
	struct csvread_info *info;
	csvread_row_fn fn;
	void *ctx;
	jaw_err *err;
	int status;
	struct hash64 hash;
	/* decoding */
	iconv_t cd;                  /* (iconv_t)-1 when the file is UTF-8 */
	bool strip_bom;              /* drop a U+FEFF at the start of the decoded text */
	unsigned char *raw, *out;    /* block buffers, each with headroom in front */
	size_t raw_carry, out_carry; /* bytes kept for the next block */
	int64_t done;                /* bytes read so far */
	/* scanning */
	struct csv_parser parser;
	int64_t line;      /* line being scanned */
	int64_t next_line; /* line a row beginning now starts on */
	int64_t row_line;  /* line the current row started on (0: none yet) */
	int64_t quote_line; /* last line that did not begin inside a quoted field */
	bool cr_pending;   /* the last block ended in CR: is it CR LF? */
	bool line_start;   /* the next byte fed begins a line */
	/* the current row */
	char *rowbuf;
	size_t rowlen, rowcap;
	size_t *offs, *lens;
	char **fields;
	int nfields, fieldcap;
};

/* ---- small helpers -------------------------------------------------- */

size_t csvread_normalize_newlines(char *s, size_t len)
{
	char *cr = memchr(s, '\r', len);
	if (!cr)
		return len;
	size_t w = (size_t)(cr - s);
	for (size_t r = w; r < len; r++) {
		if (s[r] == '\r') {
			s[w++] = '\n';
			if (r + 1 < len && s[r + 1] == '\n')
				r++;
		} else {
			s[w++] = s[r];
		}
	}
	if (w < len)
		s[w] = '\0';
	return w;
}

bool csvread_blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
			return false;
	return true;
}

const char *csvread_delimiter_name(char delimiter)
{
	switch (delimiter) {
	case ',': return "comma";
	case ';': return "semicolon";
	case '\t': return "tab";
	case '|': return "pipe";
	default: {
		static char one[2];
		one[0] = delimiter;
		return one;
	}
	}
}

/* Sets the error "PATH line N: ..." and returns JAW_FAIL. */
__attribute__((format(printf, 3, 4)))
static int csvread_fail(struct csvread *r, int64_t line, const char *fmt, ...)
{
	char msg[768];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	r->status = err_set(r->err, JAW_FAIL, "%s line %lld: %s", r->path, (long long)line, msg);
	return JAW_FAIL;
}

/* libcsv grows a field's buffer through this; refusing to go past the
 * limit turns a runaway quoted field into an error instead of a file-sized
 * allocation. */
static void *csvread_realloc(void *p, size_t size)
{
	if (size > CSVREAD_MAX_FIELD + 1)
		return NULL;
	return realloc(p, size);
}

/* ---- rows --------------------------------------------------------------- */

static void csvread_on_field(void *data, size_t len, void *p)
{
	struct csvread *r = p;
	if (r->status != JAW_OK)
		return;
	if (r->row_line == 0)
		r->row_line = r->next_line;
	if (r->nfields == CSVREAD_MAX_FIELDS) {
		csvread_fail(r, r->row_line, "more than %d fields in one row", CSVREAD_MAX_FIELDS);
		return;
	}
	if (r->nfields == r->fieldcap) {
		r->fieldcap = r->fieldcap ? r->fieldcap * 2 : 64;
		r->offs = xreallocarray(r->offs, (size_t)r->fieldcap, sizeof *r->offs);
		r->lens = xreallocarray(r->lens, (size_t)r->fieldcap, sizeof *r->lens);
		r->fields = xreallocarray(r->fields, (size_t)r->fieldcap, sizeof *r->fields);
	}
	if (r->rowlen + len + 1 > r->rowcap) {
		while (r->rowlen + len + 1 > r->rowcap)
			r->rowcap = r->rowcap ? r->rowcap * 2 : 4096;
		r->rowbuf = xrealloc(r->rowbuf, r->rowcap);
	}
	if (len)
		memcpy(r->rowbuf + r->rowlen, data, len);
	r->rowbuf[r->rowlen + len] = '\0';
	r->offs[r->nfields] = r->rowlen;
	r->lens[r->nfields] = len;
	r->nfields++;
	r->rowlen += len + 1;
}

static bool csvread_row_empty(const struct csvread *r)
{
	for (int i = 0; i < r->nfields; i++)
		if (r->lens[i] > 0)
			return false;
	return true;
}

static void csvread_on_row(int c, void *p)
{
	struct csvread *r = p;
	(void)c;
	if (r->status == JAW_OK && r->nfields > 0) {
		if (csvread_row_empty(r)) {
			r->info->empty_rows++;
		} else {
			for (int i = 0; i < r->nfields; i++)
				r->fields[i] = r->rowbuf + r->offs[i];
			struct csvread_row row = {r->row_line, r->nfields, r->fields, r->lens, r->line};
			r->status = r->fn(r->ctx, &row, r->err);
			if (r->status != JAW_OK && r->status != CSVREAD_STOP) {
				char prefix[512];
				snprintf(prefix, sizeof prefix, "%s line %lld", r->path, (long long)row.line);
				err_prefix(r->err, prefix);
			}
		}
	}
	r->nfields = 0;
	r->rowlen = 0;
	r->row_line = 0;
}

/* ---- feeding libcsv ------------------------------------------------------ */

/* The message for a strict-mode parse error, from the parser's state. */
static const char *csvread_parse_error(struct csv_parser *p)
{
	if (csv_error(p) == CSV_ENOMEM)
		return NULL;
	if (p->pstate == 3) /* after a quote inside a quoted field */
		return "unexpected text after the closing quote of a quoted field"
		       " (a quote inside a quoted field must be doubled: \"\")";
	return "a quote (\") inside a field that does not begin with one"
	       " (quote the whole field and double the quote)";
}

/* True if the parser stopped at a quote inside a field that did not begin
 * with one (libcsv's strict mode refuses it). */
static bool csvread_stray_quote(struct csv_parser *p)
{
	return csv_error(p) == CSV_EPARSE && p->pstate == 2 && !p->quoted;
}

/* Gives the parser the quote it stopped at, as data. */
static int csvread_take_quote(struct csvread *r)
{
	static const char quote = '"';
	r->parser.status = 0;
	r->parser.options &= (unsigned char)~CSV_STRICT;
	size_t n = csv_parse(&r->parser, &quote, 1, csvread_on_field, csvread_on_row, r);
	r->parser.options |= CSV_STRICT;
	return n == 1 ? JAW_OK : JAW_FAIL;
}

/* Feeds one piece of a line to libcsv. */
static int csvread_feed(struct csvread *r, const unsigned char *p, size_t len)
{
	if (len == 0)
		return JAW_OK;
	if (r->parser.pstate == 0) /* between rows: a row beginning now starts here */
		r->next_line = r->line;
	if (r->line_start) {
		if (!(r->parser.pstate == 2 && r->parser.quoted))
			r->quote_line = r->line;
		r->line_start = false;
	}
	size_t n = csv_parse(&r->parser, p, len, csvread_on_field, csvread_on_row, r);
	/* a quote inside an unquoted field: data, unless strict */
	while (r->status == JAW_OK && n != len && !r->opt->strict && csvread_stray_quote(&r->parser)) {
		if (csvread_take_quote(r) != JAW_OK)
			break;
		n += 1 + csv_parse(&r->parser, p + n + 1, len - n - 1, csvread_on_field, csvread_on_row, r);
	}
	if (r->status != JAW_OK)
		return JAW_FAIL;
	if (n != len) {
		const char *what = csvread_parse_error(&r->parser);
		if (!what)
			return csvread_fail(r, r->quote_line,
			                    "a field longer than %u MB: is a quoted field never closed?",
			                    CSVREAD_MAX_FIELD >> 20);
		return csvread_fail(r, r->line, "%s", what);
	}
	return JAW_OK;
}

/* Length of the UTF-8 sequence a lead byte announces, 0 if it cannot lead. */
static int csvread_utf8_len(unsigned char c)
{
	if (c >= 0xC2 && c <= 0xDF)
		return 2;
	if (c >= 0xE0 && c <= 0xEF)
		return 3;
	if (c >= 0xF0 && c <= 0xF4)
		return 4;
	return 0;
}

/* True if the 8 bytes at p are printable ASCII or space (the common case). */
static bool csvread_plain8(const unsigned char *p)
{
	uint64_t x;
	memcpy(&x, p, 8);
	const uint64_t high = 0x8080808080808080u, low = 0x2020202020202020u;
	return ((x | ((x - low) & ~x)) & high) == 0;
}

/* Ends a line: feeds [start, end) and counts the line. */
static int csvread_end_line(struct csvread *r, const unsigned char *start, const unsigned char *end)
{
	if (csvread_feed(r, start, (size_t)(end - start)) != JAW_OK)
		return JAW_FAIL;
	r->line++;
	r->line_start = true;
	return JAW_OK;
}

/* A CR ended the previous block: if this one begins with LF, that LF
 * belongs to the same line end. Returns how many bytes it took. */
static int csvread_resolve_cr(struct csvread *r, const unsigned char *p, size_t len, size_t *used)
{
	*used = 0;
	if (!r->cr_pending || len == 0)
		return JAW_OK;
	r->cr_pending = false;
	if (p[0] == '\n') {
		if (csvread_feed(r, p, 1) != JAW_OK)
			return JAW_FAIL;
		*used = 1;
	}
	r->line++;
	r->line_start = true;
	return JAW_OK;
}

/* Scans decoded text p[0..len): splits it into lines for libcsv and checks
 * for NUL bytes and invalid UTF-8. An incomplete UTF-8 sequence at the end
 * is left unconsumed (unless eof); *consumed says how far it got. */
static int csvread_scan(struct csvread *r, const unsigned char *p, size_t len, bool eof,
                        size_t *consumed)
{
	size_t i, start;
	if (csvread_resolve_cr(r, p, len, &i) != JAW_OK)
		return JAW_FAIL;
	start = i;
	while (i < len) {
		if (i + 8 <= len && csvread_plain8(p + i)) {
			i += 8;
			continue;
		}
		unsigned char c = p[i];
		if (c == '\n' || (c == '\r' && i + 1 < len)) {
			size_t end = i + 1 + (c == '\r' && p[i + 1] == '\n');
			if (csvread_end_line(r, p + start, p + end) != JAW_OK)
				return JAW_FAIL;
			start = i = end;
		} else if (c == '\r') { /* the last byte: CR, or the first half of CR LF */
			if (csvread_feed(r, p + start, len - start) != JAW_OK)
				return JAW_FAIL;
			if (eof) {
				r->line++;
				r->line_start = true;
			} else {
				r->cr_pending = true;
			}
			start = i = len;
		} else if (c == 0) {
			return csvread_fail(r, r->line, "a NUL byte: is this a binary file?");
		} else if (c < 0x80) {
			i++;
		} else {
			int n = csvread_utf8_len(c);
			uint32_t cp;
			if (n > 0 && i + (size_t)n > len && !eof)
				break; /* finish it with the next block */
			if (n == 0 || i + (size_t)n > len || utf8_decode((const char *)p + i, (size_t)n, &cp) != n)
				return csvread_fail(r, r->line,
				                    "invalid UTF-8 (byte 0x%02X); if the file is in another"
				                    " encoding, name it with --encoding (e.g. latin1, cp1252)", c);
			i += (size_t)n;
		}
	}
	*consumed = i;
	return csvread_feed(r, p + start, i - start);
}

/* ---- decoding ------------------------------------------------------------ */

/* Scans decoded text, carrying an incomplete UTF-8 tail in r->out. */
static int csvread_scan_out(struct csvread *r, unsigned char *p, size_t len, bool eof)
{
	if (r->strip_bom) {
		if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
			p += 3;
			len -= 3;
		}
		if (len > 0 || eof)
			r->strip_bom = false;
	}
	size_t used = 0;
	if (csvread_scan(r, p, len, eof, &used) != JAW_OK)
		return JAW_FAIL;
	r->out_carry = len - used;
	memmove(r->out + CSVREAD_HEADROOM - r->out_carry, p + used, r->out_carry);
	return JAW_OK;
}

/* Converts raw bytes through iconv into r->out and scans the result.
 * Leaves an incomplete multibyte sequence in *in for the next block. */
static int csvread_convert(struct csvread *r, char **in, size_t *inleft, bool eof)
{
	while (*inleft > 0 || eof) {
		char *outp = (char *)r->out + CSVREAD_HEADROOM;
		size_t outleft = CSVREAD_BLOCK * 2;
		size_t rc = iconv(r->cd, *inleft ? in : NULL, inleft, &outp, &outleft);
		int e = errno;
		unsigned char *start = r->out + CSVREAD_HEADROOM - r->out_carry;
		size_t n = (size_t)((unsigned char *)outp - start);
		bool at_end = eof && (rc != (size_t)-1 || e != E2BIG);
		if (csvread_scan_out(r, start, n, at_end && *inleft == 0) != JAW_OK)
			return JAW_FAIL;
		if (rc != (size_t)-1) {
			if (eof)
				return JAW_OK;
			continue;
		}
		if (e == E2BIG)
			continue;
		if (e == EINVAL && !eof)
			return JAW_OK;
		return csvread_fail(r, r->line, "not valid %s text (byte 0x%02X)%s",
		                    r->opt->encoding ? r->opt->encoding : r->info->encoding,
		                    (unsigned char)**in, e == EINVAL ? " at the end of the file" : "");
	}
	return JAW_OK;
}

/* Handles one block of raw bytes (with any carried bytes in front). */
static int csvread_block(struct csvread *r, unsigned char *p, size_t len, bool eof)
{
	if (r->cd == (iconv_t)-1) {
		size_t used = 0;
		if (r->strip_bom && len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
			p += 3;
			len -= 3;
		}
		r->strip_bom = false;
		if (csvread_scan(r, p, len, eof, &used) != JAW_OK)
			return JAW_FAIL;
		r->raw_carry = len - used;
		memmove(r->raw + CSVREAD_HEADROOM - r->raw_carry, p + used, r->raw_carry);
		return JAW_OK;
	}
	char *in = (char *)p;
	size_t inleft = len;
	if (csvread_convert(r, &in, &inleft, eof) != JAW_OK)
		return JAW_FAIL;
	if (inleft > CSVREAD_HEADROOM)
		return csvread_fail(r, r->line, "not valid %s text", r->info->encoding);
	r->raw_carry = inleft;
	memmove(r->raw + CSVREAD_HEADROOM - inleft, in, inleft);
	return JAW_OK;
}

/* ---- start: file type, encoding, delimiter ------------------------------- */

/* True if the start of a file has several NUL bytes: binary data, or
 * UTF-16 without a byte order mark. A single stray NUL is left for the
 * scan to report with its line, as is an invalid byte; other control
 * characters (a vertical tab in a heading) are text. */
static bool csvread_looks_binary(const unsigned char *p, size_t len)
{
	size_t nul = 0;
	for (size_t i = 0; i < len; i++)
		nul += p[i] == 0;
	return nul >= 2;
}

/* Refuses files that are clearly not text, naming what they look like. */
static int csvread_sniff_binary(struct csvread *r, const unsigned char *p, size_t len)
{
	static const struct {
		const char *magic;
		size_t len;
		const char *what;
	} kinds[] = {
		{"PK\x03\x04", 4, "a ZIP archive, such as an Excel workbook (.xlsx): save it as CSV first"},
		{"\xD0\xCF\x11\xE0", 4, "an Office document, such as an Excel workbook (.xls): save it as CSV first"},
		{"%PDF", 4, "a PDF document"},
		{"SQLite format 3", 16, "an SQLite database (a jaw project?): the project comes first,"
		                        " as in: jaw import-csv PROJECT CSV"},
		{"\x1F\x8B", 2, "a gzip-compressed file: uncompress it first"},
		{"\x89PNG", 4, "a PNG image"},
		{"\xFF\xD8\xFF", 3, "a JPEG image"},
	};
	for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++)
		if (len >= kinds[k].len && memcmp(p, kinds[k].magic, kinds[k].len) == 0)
			return csvread_fail(r, 1, "not a CSV file: it is %s", kinds[k].what);
	if (r->cd == (iconv_t)-1 && csvread_looks_binary(p, len < 1024 ? len : 1024))
		return csvread_fail(r, 1, "not a CSV file: it holds binary data; if it is"
		                          " UTF-16 text without a byte order mark, name the encoding"
		                          " with --encoding UTF-16LE or UTF-16BE");
	return JAW_OK;
}

static bool csvread_is_utf8_name(const char *e)
{
	return strcasecmp(e, "UTF-8") == 0 || strcasecmp(e, "UTF8") == 0;
}

/* Chooses the decoder from --encoding or a byte order mark. */
static int csvread_setup_encoding(struct csvread *r, const unsigned char *p, size_t len)
{
	const char *from = NULL, *enc = r->opt->encoding;
	char *name = r->info->encoding;
	size_t size = sizeof r->info->encoding;
	r->strip_bom = true;
	if (enc && !csvread_is_utf8_name(enc)) {
		from = enc;
		snprintf(name, size, "%s", enc);
	} else if (!enc && len >= 2 && p[0] == 0xFF && p[1] == 0xFE) {
		from = "UTF-16LE";
		snprintf(name, size, "UTF-16LE (BOM)");
	} else if (!enc && len >= 2 && p[0] == 0xFE && p[1] == 0xFF) {
		from = "UTF-16BE";
		snprintf(name, size, "UTF-16BE (BOM)");
	} else {
		bool bom = len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0;
		snprintf(name, size, bom ? "UTF-8 (BOM)" : "UTF-8");
		return JAW_OK;
	}
	r->cd = iconv_open("UTF-8", from);
	if (r->cd == (iconv_t)-1) {
		r->status = err_set(r->err, JAW_USAGE,
		                    "unknown encoding \"%s\" (iconv -l lists the names it knows)", from);
		return JAW_USAGE;
	}
	return JAW_OK;
}

struct csvread_sniff {
	int fields, counts[CSVREAD_SNIFF_ROWS], rows;
};

static void csvread_sniff_field(void *data, size_t len, void *p)
{
	(void)data;
	(void)len;
	((struct csvread_sniff *)p)->fields++;
}

static void csvread_sniff_row(int c, void *p)
{
	struct csvread_sniff *s = p;
	(void)c;
	if (s->rows < CSVREAD_SNIFF_ROWS)
		s->counts[s->rows++] = s->fields;
	s->fields = 0;
}

/* Scores a delimiter on the first rows of text: rows with as many fields
 * as the first one, which must have more than one. */
static int csvread_score(const char *text, size_t len, char delim, int *width)
{
	struct csv_parser p;
	struct csvread_sniff s = {0};
	if (csv_init(&p, 0) != 0)
		return 0;
	csv_set_delim(&p, (unsigned char)delim);
	csv_parse(&p, text, len, csvread_sniff_field, csvread_sniff_row, &s);
	csv_free(&p);
	*width = s.rows > 0 ? s.counts[0] : 0;
	if (*width < 2)
		return 0;
	int score = 1;
	for (int i = 1; i < s.rows; i++)
		score += s.counts[i] == s.counts[0];
	return score;
}

/* Picks the delimiter that splits the first rows most consistently. */
static char csvread_detect_delimiter(const unsigned char *p, size_t len)
{
	static const char candidates[] = {',', ';', '\t', '|'};
	/* Only whole lines: cut after the last line end. */
	size_t cut = len;
	while (cut > 0 && p[cut - 1] != '\n' && p[cut - 1] != '\r')
		cut--;
	if (cut == 0)
		cut = len;
	char best = ',';
	int best_score = 0, best_width = 0;
	for (size_t i = 0; i < sizeof candidates; i++) {
		int width = 0, score = csvread_score((const char *)p, cut, candidates[i], &width);
		if (score > best_score || (score == best_score && score > 0 && width > best_width)) {
			best = candidates[i];
			best_score = score;
			best_width = width;
		}
	}
	return best;
}

/* libcsv's test for spaces to trim at the edges of unquoted fields: none
 * are, as in RFC 4180, sqlite3 and Python. */
static int csvread_no_space(unsigned char c)
{
	(void)c;
	return 0;
}

/* Sets a parser up for the delimiter and quoting (none: a quote character
 * the decoded text never holds, as NUL bytes are refused). */
static void csvread_setup_parser(struct csv_parser *p, char delimiter, enum csvread_quote quote)
{
	csv_set_delim(p, (unsigned char)delimiter);
	csv_set_quote(p, quote == CSVREAD_QUOTE_NONE ? 0 : '"');
	csv_set_space_func(p, csvread_no_space);
}

/* True if a tab-delimited text has quotes that no quoting writer would
 * write (a quote inside a field, text after a closing one): it is a plain
 * TSV, written without quoting. Looks at whole lines only. */
static bool csvread_unquoted_tsv(const unsigned char *p, size_t len)
{
	while (len > 0 && p[len - 1] != '\n' && p[len - 1] != '\r')
		len--;
	if (!memchr(p, '"', len))
		return false;
	struct csv_parser parser;
	struct csvread_sniff s = {0};
	if (csv_init(&parser, CSV_STRICT) != 0)
		return false;
	csvread_setup_parser(&parser, '\t', CSVREAD_QUOTE_DOUBLE);
	size_t n = csv_parse(&parser, p, len, csvread_sniff_field, csvread_sniff_row, &s);
	bool bad = n != len && csv_error(&parser) == CSV_EPARSE;
	csv_free(&parser);
	return bad;
}

/* Calls look on a decoded copy of the first block. */
static bool csvread_on_decoded(struct csvread *r, const unsigned char *p, size_t len,
                               bool (*look)(const unsigned char *, size_t, void *), void *ctx)
{
	if (r->cd == (iconv_t)-1)
		return look(p, len, ctx);
	size_t outsize = len * 4 + 16, inleft = len, outleft = outsize;
	char *out = xmalloc(outsize), *outp = out, *in = (char *)p;
	iconv(r->cd, &in, &inleft, &outp, &outleft);
	iconv(r->cd, NULL, NULL, NULL, NULL); /* back to the initial state */
	bool yes = look((unsigned char *)out, (size_t)(outp - out), ctx);
	free(out);
	return yes;
}

static bool csvread_look_delimiter(const unsigned char *p, size_t len, void *ctx)
{
	*(char *)ctx = csvread_detect_delimiter(p, len);
	return true;
}

static bool csvread_look_unquoted(const unsigned char *p, size_t len, void *ctx)
{
	(void)ctx;
	return csvread_unquoted_tsv(p, len);
}

/* Detects the delimiter in the first block. */
static char csvread_detect_in_block(struct csvread *r, const unsigned char *p, size_t len)
{
	char d = ',';
	csvread_on_decoded(r, p, len, csvread_look_delimiter, &d);
	return d;
}

/* True if the first block is a plain TSV, written without quoting. */
static bool csvread_detect_unquoted(struct csvread *r, const unsigned char *p, size_t len)
{
	return csvread_on_decoded(r, p, len, csvread_look_unquoted, NULL);
}

/* ---- the whole file ------------------------------------------------------ */

static int csvread_init_parser(struct csvread *r, char delimiter, enum csvread_quote quote)
{
	if (csv_init(&r->parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		return err_set(r->err, JAW_FAIL, "%s: cannot start the CSV parser", r->path);
	csvread_setup_parser(&r->parser, delimiter, quote);
	csv_set_realloc_func(&r->parser, csvread_realloc);
	csv_set_blk_size(&r->parser, 16384);
	r->info->delimiter = delimiter;
	r->info->quote = quote;
	return JAW_OK;
}

/* Reads one block into r->raw after any carried bytes; returns its length,
 * or -1 with the error set. */
static ssize_t csvread_read_block(struct csvread *r)
{
	ssize_t n;
	if (r->src->from == CSVREAD_FROM_BUFFER) {
		size_t left = r->src->len - r->at;
		n = (ssize_t)(left < CSVREAD_BLOCK ? left : CSVREAD_BLOCK);
		memcpy(r->raw + CSVREAD_HEADROOM, (const unsigned char *)r->src->data + r->at,
		       (size_t)n);
		r->at += (size_t)n;
	} else {
		do
			n = read(r->fd, r->raw + CSVREAD_HEADROOM, CSVREAD_BLOCK);
		while (n < 0 && errno == EINTR);
	}
	if (n < 0) {
		r->status = err_set(r->err, JAW_FAIL, "%s: cannot read: %s", r->path, strerror(errno));
		return -1;
	}
	hash64_update(&r->hash, r->raw + CSVREAD_HEADROOM, (size_t)n);
	r->done += n;
	if (r->opt->progress)
		r->opt->progress(r->opt->progress_ctx, r->done, r->info->bytes);
	return n;
}

/* Sets up decoding and the parser from the first block. */
static int csvread_start(struct csvread *r, const unsigned char *p, size_t len)
{
	int rc = csvread_setup_encoding(r, p, len);
	if (rc != JAW_OK)
		return rc;
	if (csvread_sniff_binary(r, p, len) != JAW_OK)
		return JAW_FAIL;
	char d = r->opt->delimiter ? r->opt->delimiter : csvread_detect_in_block(r, p, len);
	enum csvread_quote quote = r->opt->quote;
	if (quote == CSVREAD_QUOTE_DETECT)
		quote = d == '\t' && csvread_detect_unquoted(r, p, len) ? CSVREAD_QUOTE_NONE
		                                                         : CSVREAD_QUOTE_DOUBLE;
	return csvread_init_parser(r, d, quote);
}

static int csvread_loop(struct csvread *r)
{
	bool first = true;
	for (;;) {
		ssize_t n = csvread_read_block(r);
		if (n < 0)
			return JAW_FAIL;
		unsigned char *p = r->raw + CSVREAD_HEADROOM - r->raw_carry;
		size_t len = r->raw_carry + (size_t)n;
		if (first) {
			if (n == 0)
				return csvread_fail(r, 1, "the file is empty");
			int rc = csvread_start(r, p, len);
			if (rc != JAW_OK)
				return rc;
			first = false;
		}
		if (csvread_block(r, p, len, n == 0) != JAW_OK)
			return JAW_FAIL;
		if (n == 0)
			break;
	}
	if (r->cr_pending) {
		r->line++;
		r->line_start = true;
	}
	if (csv_fini(&r->parser, csvread_on_field, csvread_on_row, r) != 0)
		return csvread_fail(r, r->quote_line, "unterminated quoted field: the quote that opens"
		                                      " it on this line is never closed");
	if (r->status != JAW_OK)
		return r->status;
	r->info->lines = r->line - (r->line_start ? 1 : 0);
	return JAW_OK;
}

static void csvread_free_state(struct csvread *r)
{
	if (r->cd != (iconv_t)-1)
		iconv_close(r->cd);
	if (r->info->delimiter)
		csv_free(&r->parser);
	free(r->raw);
	free(r->out);
	free(r->rowbuf);
	free(r->offs);
	free(r->lens);
	free(r->fields);
	if (r->fd >= 0 && r->src->from == CSVREAD_FROM_PATH)
		close(r->fd);
}

/* Opens the source and records its size. */
static int csvread_open(struct csvread *r)
{
	if (r->src->from == CSVREAD_FROM_BUFFER) {
		r->info->bytes = (int64_t)r->src->len;
		return JAW_OK;
	}
	if (r->src->from == CSVREAD_FROM_PATH) {
		r->fd = open(r->path, O_RDONLY | O_CLOEXEC);
		if (r->fd < 0)
			return r->status = err_set(r->err, JAW_FAIL, "%s: cannot open: %s", r->path,
			                           strerror(errno));
	} else {
		r->fd = r->src->fd;
		/* from the start, as a path is read; a pipe is read from where it is */
		if (lseek(r->fd, 0, SEEK_SET) < 0 && errno != ESPIPE)
			return r->status = err_set(r->err, JAW_FAIL, "%s: cannot read: %s", r->path,
			                           strerror(errno));
	}
	struct stat st = {0};
	if (fstat(r->fd, &st) == 0 && S_ISDIR(st.st_mode))
		return r->status = err_set(r->err, JAW_FAIL, "%s: is a directory, not a CSV file",
		                           r->path);
	r->info->bytes = S_ISREG(st.st_mode) ? st.st_size : 0;
#ifdef POSIX_FADV_SEQUENTIAL
	posix_fadvise(r->fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
	return JAW_OK;
}

struct csvread_source csvread_path(const char *path)
{
	return (struct csvread_source){CSVREAD_FROM_PATH, path, -1, NULL, 0};
}

struct csvread_source csvread_fd(int fd, const char *name)
{
	return (struct csvread_source){CSVREAD_FROM_FD, name, fd, NULL, 0};
}

struct csvread_source csvread_buffer(const void *data, size_t len, const char *name)
{
	return (struct csvread_source){CSVREAD_FROM_BUFFER, name, -1, data, len};
}

int csvread(const struct csvread_source *src, const struct csvread_options *opt,
            csvread_row_fn fn, void *ctx, struct csvread_info *info, jaw_err *err)
{
	struct csvread_info scratch;
	struct csvread r = {0};
	r.src = src;
	r.path = src->name;
	r.fd = -1;
	r.opt = opt;
	r.info = info ? info : &scratch;
	memset(r.info, 0, sizeof *r.info);
	r.fn = fn;
	r.ctx = ctx;
	r.err = err;
	r.cd = (iconv_t)-1;
	r.line = r.next_line = r.quote_line = 1;
	r.line_start = true;
	hash64_init(&r.hash);
	r.raw = xmalloc(CSVREAD_HEADROOM + CSVREAD_BLOCK);
	r.out = xmalloc(CSVREAD_HEADROOM + CSVREAD_BLOCK * 2);
	int rc = csvread_open(&r);
	if (rc == JAW_OK)
		rc = csvread_loop(&r);
	if (rc != JAW_OK && r.status != JAW_OK)
		rc = r.status;
	r.info->hash = hash64_final(&r.hash);
	csvread_free_state(&r);
	return rc;
}
