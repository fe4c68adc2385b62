/* err.c - error messages a user can act on. */
#include "config.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/statvfs.h>
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

/* The free space of the file system holding path, in KiB (-1: unknown). */
static long long err_free_kib(const char *path)
{
	struct statvfs fs;
	if (!path || statvfs(path, &fs) != 0)
		return -1;
	return (long long)(fs.f_bavail * fs.f_frsize / 1024);
}

/* A full disk: which of the project's and the temporary files' file
 * systems it is, with what is free on each. */
static int err_disk_full(jaw_err *err, sqlite3 *db)
{
	const char *file = db ? sqlite3_db_filename(db, "main") : NULL;
	char dir[1024] = ".";
	if (file && *file) {
		snprintf(dir, sizeof dir, "%s", file);
		char *slash = strrchr(dir, '/');
		if (slash)
			*(slash == dir ? slash + 1 : slash) = '\0';
		else
			snprintf(dir, sizeof dir, ".");
	}
	const char *tmp = getenv("SQLITE_TMPDIR");
	if (!tmp || !*tmp)
		tmp = getenv("TMPDIR");
	if (!tmp || !*tmp)
		tmp = "/tmp";
	long long at_project = err_free_kib(dir), at_tmp = err_free_kib(tmp);
	bool tmp_fuller = at_tmp >= 0 && at_project >= 0 && at_tmp < at_project;
	return err_set(err, JAW_FAIL, "the disk is full: %s %s has %lld KiB free (the %s %s: %lld"
	               " KiB); free some space and try again; nothing was changed",
	               tmp_fuller ? "the temporary directory" : "the project's directory",
	               tmp_fuller ? tmp : dir, tmp_fuller ? at_tmp : at_project,
	               tmp_fuller ? "project's directory" : "temporary directory",
	               tmp_fuller ? dir : tmp, tmp_fuller ? at_project : at_tmp);
}

/* Why this thread's last wait for a lock ended (db.c's busy handler). */
static _Thread_local char err_busy_why[512];

void err_busy_note(const char *note)
{
	snprintf(err_busy_why, sizeof err_busy_why, "%s", note ? note : "");
}

/* A project another session kept locked: why the wait ended, never
 * SQLite's "database is locked". */
static int err_busy(jaw_err *err)
{
	err_set(err, JAW_FAIL, "the project is busy: %s; nothing was changed",
	        err_busy_why[0] ? err_busy_why : "another session is changing it; try again");
	err_busy_why[0] = '\0';
	return JAW_FAIL;
}

int err_db(jaw_err *err, sqlite3 *db, const char *what)
{
	if (db && (sqlite3_errcode(db) & 0xff) == SQLITE_FULL)
		return err_disk_full(err, db);
	/* another session's lock (not a statement still running) */
	if (db && (sqlite3_errcode(db) & 0xff) == SQLITE_BUSY &&
	    strcmp(sqlite3_errmsg(db), sqlite3_errstr(SQLITE_BUSY)) == 0)
		return err_busy(err);
	/* only a progress function (db_progress_set) interrupts a statement */
	if (db && (sqlite3_errcode(db) & 0xff) == SQLITE_INTERRUPT)
		return err_set(err, JAW_FAIL, "cancelled");
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
