/* safeout.c - sanitised text for the terminal (safeout.h). */
#include "config.h" /* _GNU_SOURCE, for fopencookie */

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "safeout.h"
#include "utf8.h"
#include "xalloc.h"

char *safeout_lines_new(const char *text)
{
	size_t cap = strlen(text) * 3 + 1, len = 0;
	char *out = xmalloc(cap);
	for (const char *p = text; *p;) {
		size_t n = strcspn(p, "\n");
		char *line = xstrndup(p, n);
		char *safe = utf8_sanitize_new(line);
		size_t k = strlen(safe);
		if (len + k + 2 > cap) {
			cap = (len + k + 2) * 2;
			out = xrealloc(out, cap);
		}
		memcpy(out + len, safe, k);
		len += k;
		if (p[n] == '\n')
			out[len++] = '\n';
		free(line);
		free(safe);
		p += n + (p[n] == '\n');
	}
	out[len] = '\0';
	return out;
}

void safeout_printf(FILE *out, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *text = NULL;
	int n = vasprintf(&text, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	char *safe = safeout_lines_new(text);
	fputs(safe, out);
	free(safe);
	free(text);
}

/* The stream's state: the part of a line not yet written. */
struct safeout_cookie {
	FILE *under;
	char *held;
	size_t len, cap;
};

/* Writes the held text up to its last line feed (all of it when all). */
static void safeout_emit(struct safeout_cookie *c, bool all)
{
	size_t upto = c->len;
	if (!all) {
		while (upto > 0 && c->held[upto - 1] != '\n')
			upto--;
	}
	if (upto == 0)
		return;
	char *text = xstrndup(c->held, upto);
	char *safe = safeout_lines_new(text);
	fputs(safe, c->under);
	free(safe);
	free(text);
	memmove(c->held, c->held + upto, c->len - upto);
	c->len -= upto;
}

static ssize_t safeout_write(void *p, const char *buf, size_t size)
{
	struct safeout_cookie *c = p;
	if (c->len + size + 1 > c->cap) {
		c->cap = (c->len + size + 1) * 2;
		c->held = xrealloc(c->held, c->cap);
	}
	/* a NUL byte would end the text early: it is shown as a placeholder */
	for (size_t i = 0; i < size; i++)
		c->held[c->len + i] = buf[i] ? buf[i] : '\x7F';
	c->len += size;
	safeout_emit(c, false);
	return ferror(c->under) ? -1 : (ssize_t)size;
}

static int safeout_close(void *p)
{
	struct safeout_cookie *c = p;
	safeout_emit(c, true);
	int rc = fflush(c->under) == 0 && !ferror(c->under) ? 0 : EOF;
	free(c->held);
	free(c);
	return rc;
}

FILE *safeout_stream_open(FILE *under)
{
	struct safeout_cookie *c = xcalloc(1, sizeof *c);
	c->under = under;
	cookie_io_functions_t io = {.write = safeout_write, .close = safeout_close};
	FILE *f = fopencookie(c, "w", io);
	if (!f)
		free(c);
	return f;
}
