/* cmd_backup.c - jaw backup FILE DEST: a copy of a project made with
 * SQLite's online backup, safe while others write, then checked. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "project_schema.h"
#include "safeout.h"
#include "xalloc.h"

/* Pages copied per step: small steps let writers in between. */
enum { BACKUP_STEP_PAGES = 256 };

/* Copies db into the new file tmp page by page; JAW_OK or JAW_FAIL. */
static int cmd_backup_copy(struct jaw_db *db, const char *tmp, jaw_err *err)
{
	sqlite3 *dest = NULL;
	if (sqlite3_open_v2(tmp, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
	    SQLITE_OK) {
		err_set(err, JAW_FAIL, "%s: cannot create: %s", tmp,
		        dest ? sqlite3_errmsg(dest) : "out of memory");
		sqlite3_close(dest);
		return JAW_FAIL;
	}
	sqlite3_backup *b = sqlite3_backup_init(dest, "main", db_sqlite(db), "main");
	int rc = SQLITE_OK;
	if (b) {
		do {
			rc = sqlite3_backup_step(b, BACKUP_STEP_PAGES);
			if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
				sqlite3_sleep(20);
		} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
		sqlite3_backup_finish(b);
	}
	int status = JAW_OK;
	if (!b || rc != SQLITE_DONE)
		status = err_set(err, JAW_FAIL, "%s: the copy failed: %s", tmp, sqlite3_errmsg(dest));
	sqlite3_close(dest);
	return status;
}

/* Keeps the first problem the check of the copy finds. */
static void cmd_backup_problem(void *ctx, const char *problem)
{
	char *first = ctx;
	if (!*first)
		snprintf(first, 512, "%s", problem);
}

/* Opens the copy as a project and checks it whole. */
static int cmd_backup_verify(const char *tmp, jaw_err *err)
{
	struct jaw_db *copy = NULL;
	if (db_open(tmp, DB_OPEN_NO_MIGRATE, &project_schema, &copy, err) != JAW_OK)
		return JAW_FAIL;
	char first[512] = "";
	int problems = db_check(copy, cmd_backup_problem, first, err);
	db_close(copy);
	if (problems < 0)
		return JAW_FAIL;
	if (problems > 0)
		return err_set(err, JAW_FAIL, "%s: the copy has %d problem%s (%s); it was not kept",
		               tmp, problems, problems == 1 ? "" : "s", first);
	return JAW_OK;
}

int cmd_backup(const struct cmd_args *a)
{
	const char *path = a->words[0], *dest = a->words[1];
	if (access(dest, F_OK) == 0) {
		char msg[600];
		snprintf(msg, sizeof msg, "%s: exists; jaw backup writes a new file", dest);
		return cmd_fail(JAW_FAIL, msg);
	}
	jaw_err err;
	err_clear(&err);
	struct jaw_db *db = NULL;
	if (db_open(path, DB_OPEN_READONLY, &project_schema, &db, &err) != JAW_OK)
		return cmd_fail(JAW_FAIL, err.msg);
	char *tmp = xasprintf("%s.part", dest);
	db_remove_files(tmp);
	int rc = cmd_backup_copy(db, tmp, &err);
	db_close(db);
	if (rc == JAW_OK)
		rc = cmd_backup_verify(tmp, &err);
	if (rc == JAW_OK && link(tmp, dest) != 0)
		rc = err_set(&err, JAW_FAIL, "%s: cannot write: %s", dest, strerror(errno));
	db_remove_files(tmp);
	free(tmp);
	if (rc != JAW_OK)
		return cmd_fail(JAW_FAIL, err.msg);
	safeout_printf(stdout, "%s: a checked copy of %s\n", dest, path);
	return 0;
}
