/* err.c - error messages a user can act on. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "err.h"

void err_clear(jaw_err *err)
{
	if (!err)
		return;
	err->status = JAW_OK;
	err->msg[0] = '\0';
}

int err_set(jaw_err *err, int status, const char *fmt, ...)
{
	if (!err)
		return status;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	err->status = status;
	return status;
}

/* Shortens SQL for a message: first line, at most 60 bytes. */
static void err_sql_excerpt(const char *sql, char *out, size_t size)
{
	while (*sql == ' ' || *sql == '\n' || *sql == '\t')
		sql++;
	size_t n = strcspn(sql, "\n");
	if (n > 60)
		n = 60;
	if (n >= size)
		n = size - 1;
	memcpy(out, sql, n);
	out[n] = '\0';
}

int err_db(jaw_err *err, sqlite3 *db, const char *what)
{
	char excerpt[64];
	err_sql_excerpt(what ? what : "", excerpt, sizeof excerpt);
	return err_set(err, JAW_FAIL, "database error in \"%s\": %s", excerpt,
	               db ? sqlite3_errmsg(db) : "out of memory");
}

void err_prefix(jaw_err *err, const char *prefix)
{
	if (!err)
		return;
	size_t plen = strlen(prefix) + 2, mlen = strlen(err->msg);
	if (plen >= sizeof err->msg)
		plen = sizeof err->msg - 1;
	if (plen + mlen >= sizeof err->msg)
		mlen = sizeof err->msg - 1 - plen;
	memmove(err->msg + plen, err->msg, mlen);
	err->msg[plen + mlen] = '\0';
	memcpy(err->msg, prefix, plen - 2);
	memcpy(err->msg + plen - 2, ": ", 2);
}
