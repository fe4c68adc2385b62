/* csvimport_fts.c - a survey's full-text index, built on a second core.
 *
 * FTS5 does its work in the connection that writes, so indexing hundreds
 * of thousands of answers in the project's own connection would double an
 * import's time. Instead a thread indexes the answers into an FTS5 table
 * of the same definition in a temporary file, while the main thread
 * writes the rows; at the end the main thread creates the survey's table
 * in the project and copies the index's rows into its shadow tables, in
 * the import's transaction. (Not through ATTACH: the import's BEGIN
 * IMMEDIATE would lock the temporary file against the index thread.) The connection that copied must not use the
 * new table afterwards (its FTS5 object still holds the empty index it
 * created), so csvimport_run does this on a connection of its own. */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvimport_fts.h"
#include "survey_fts.h"
#include "xalloc.h"

#define FTS_HASHSIZE (8 << 20) /* FTS5's buffer of new index data (default 1 MiB) */

struct csvimport_fts {
	char *path;         /* the temporary file */
	sqlite3 *sqlite;    /* the index thread's connection to it */
	sqlite3_stmt *insert;
	jaw_err err;        /* the index thread's error */
};

static int fts_fail(struct csvimport_fts *f, const char *what)
{
	return err_set(&f->err, JAW_FAIL, "the temporary file %s (the answers' index, in TMPDIR):"
	               " %s: %s", f->path, what, f->sqlite ? sqlite3_errmsg(f->sqlite) : "cannot open");
}

/* Opens the thread's connection and starts the index. */
static int fts_open(struct csvimport_fts *f)
{
	char sql[512];
	if (sqlite3_open_v2(f->path, &f->sqlite, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL)
	    != SQLITE_OK)
		return fts_fail(f, "cannot open");
	/* No merging of segments as it goes (automerge 0): for the survey of
	 * 200,000 rows it took 15% of the index's time, and left 6 segments
	 * where there are now 5. FTS5 still merges a level of 16 (crisismerge),
	 * and the project's table keeps the default, as only the format
	 * version is copied. */
	snprintf(sql, sizeof sql,
	         "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -4096;"
	         " CREATE VIRTUAL TABLE answers USING fts5 (text, content = '', columnsize = 0);"
	         " INSERT INTO answers (answers, rank) VALUES ('hashsize', %d);"
	         " INSERT INTO answers (answers, rank) VALUES ('automerge', 0); BEGIN", FTS_HASHSIZE);
	if (sqlite3_exec(f->sqlite, sql, NULL, NULL, NULL) != SQLITE_OK)
		return fts_fail(f, "cannot start the index");
	if (sqlite3_prepare_v2(f->sqlite, "INSERT INTO answers (rowid, text) VALUES (?, ?)", -1,
	                       &f->insert, NULL) != SQLITE_OK)
		return fts_fail(f, "cannot start the index");
	/* Open, it needs no name: nothing is left behind even if jaw is
	 * killed. (SQLite refuses to write a file unlinked while open only
	 * when it keeps a rollback journal, which this one does not.) */
	unlink(f->path);
	return JAW_OK;
}

struct csvimport_fts *csvimport_fts_new(jaw_err *err)
{
	const char *tmp = getenv("TMPDIR");
	struct csvimport_fts *f = xcalloc(1, sizeof *f);
	f->path = xasprintf("%s/jaw-index-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	int fd = mkstemp(f->path);
	if (fd < 0) {
		err_set(err, JAW_FAIL, "%s: cannot create a temporary file (the answers' index, in"
		        " TMPDIR): %s", f->path, strerror(errno));
		free(f->path);
		f->path = NULL;
		csvimport_fts_free(f);
		return NULL;
	}
	close(fd);
	if (fts_open(f) != JAW_OK) {
		err_set(err, JAW_FAIL, "%s", f->err.msg);
		csvimport_fts_free(f);
		return NULL;
	}
	return f;
}

int csvimport_fts_add(struct csvimport_fts *f, int64_t id, const char *text, size_t len)
{
	if (f->err.status != JAW_OK)
		return JAW_FAIL;
	sqlite3_bind_int64(f->insert, 1, id);
	sqlite3_bind_text(f->insert, 2, text, (int)len, SQLITE_STATIC);
	int rc = sqlite3_step(f->insert);
	sqlite3_reset(f->insert);
	return rc == SQLITE_DONE ? JAW_OK : fts_fail(f, "cannot index an answer");
}

int csvimport_fts_finish(struct csvimport_fts *f)
{
	sqlite3_finalize(f->insert);
	f->insert = NULL;
	if (f->err.status == JAW_OK && sqlite3_exec(f->sqlite, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		fts_fail(f, "cannot finish the index");
	return f->err.status == JAW_OK ? JAW_OK : JAW_FAIL;
}

const char *csvimport_fts_error(const struct csvimport_fts *f)
{
	return f->err.status == JAW_OK ? NULL : f->err.msg;
}

/* Copies the rows of the built index's shadow table from_table into the
 * project's table to_table (both named by the caller). */
static int fts_copy_table(struct csvimport_fts *f, struct jaw_db *db, const char *select,
                          const char *insert, jaw_err *err)
{
	sqlite3_stmt *from = NULL, *to = NULL;
	int rc = SQLITE_ERROR, ncols = 0;
	if (sqlite3_prepare_v2(f->sqlite, select, -1, &from, NULL) != SQLITE_OK) {
		err_set(err, JAW_FAIL, "the temporary file %s (the answers' index, in TMPDIR): %s",
		        f->path, sqlite3_errmsg(f->sqlite));
		goto done;
	}
	if (sqlite3_prepare_v2(db_sqlite(db), insert, -1, &to, NULL) != SQLITE_OK) {
		err_db(err, db_sqlite(db), insert);
		goto done;
	}
	ncols = sqlite3_column_count(from);
	while ((rc = sqlite3_step(from)) == SQLITE_ROW) {
		for (int i = 0; i < ncols; i++)
			sqlite3_bind_value(to, i + 1, sqlite3_column_value(from, i));
		if (db_step_done(db, to, err) != JAW_OK) {
			rc = SQLITE_ERROR;
			goto done;
		}
	}
	if (rc != SQLITE_DONE)
		err_set(err, JAW_FAIL, "%s: %s", f->path, sqlite3_errmsg(f->sqlite));
done:
	sqlite3_finalize(from);
	sqlite3_finalize(to);
	return rc == SQLITE_DONE ? JAW_OK : JAW_FAIL;
}

int csvimport_fts_copy(struct csvimport_fts *f, struct jaw_db *db, int64_t survey_id,
                       int64_t first, int64_t last, jaw_err *err)
{
	if (survey_fts_create(db, survey_id, first, last, err) != JAW_OK)
		return JAW_FAIL;
	char *clear = xasprintf(
		"DELETE FROM survey_fts_%1$" PRId64 "_data; DELETE FROM survey_fts_%1$" PRId64 "_idx;"
		" DELETE FROM survey_fts_%1$" PRId64 "_config", survey_id);
	int rc = db_exec(db, clear, err);
	free(clear);
	/* The same definition gives the same format: the rows move as they are.
	 * Of the settings only the format version goes; the import's buffer
	 * size stays behind. */
	static const char *const tables[][2] = {
		{"SELECT id, block FROM answers_data", "data (id, block) VALUES (?, ?)"},
		{"SELECT segid, term, pgno FROM answers_idx", "idx (segid, term, pgno) VALUES (?, ?, ?)"},
		{"SELECT k, v FROM answers_config WHERE k = 'version'", "config (k, v) VALUES (?, ?)"},
	};
	for (size_t i = 0; rc == JAW_OK && i < sizeof tables / sizeof *tables; i++) {
		char *insert = xasprintf("INSERT INTO survey_fts_%" PRId64 "_%s", survey_id,
		                         tables[i][1]);
		rc = fts_copy_table(f, db, tables[i][0], insert, err);
		free(insert);
	}
	return rc;
}

void csvimport_fts_discard(struct csvimport_fts *f)
{
	sqlite3_finalize(f->insert);
	f->insert = NULL;
	sqlite3_close(f->sqlite);
	f->sqlite = NULL;
}

void csvimport_fts_free(struct csvimport_fts *f)
{
	if (!f)
		return;
	csvimport_fts_discard(f);
	if (f->path)
		unlink(f->path); /* if it failed before it was opened */
	free(f->path);
	free(f);
}
