/* err.h - the status/error convention: a status code plus a message the user can act on. */
#ifndef JAW_ERR_H
#define JAW_ERR_H

#include <sqlite3.h>

/* Status codes; they double as the program's exit status. */
enum jaw_status {
	JAW_OK = 0,    /* success */
	JAW_FAIL = 1,  /* a failure the message explains */
	JAW_USAGE = 2, /* the command line was wrong */
};

/* An error: the status and a one-line message, e.g.
 * "survey.csv line 1042: unterminated quoted field". */
typedef struct jaw_err {
	int status;
	char msg[1024];
} jaw_err;

/* Clears err (status JAW_OK, empty message). err may be NULL. */
void err_clear(jaw_err *err);
/* Sets err to status and a printf-formatted message; returns status.
 * err may be NULL, in which case only the status is returned. */
int err_set(jaw_err *err, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Sets err from a failed SQLite call on db: names what was being done
 * (usually the SQL) and sqlite3_errmsg. Returns JAW_FAIL. */
int err_db(jaw_err *err, sqlite3 *db, const char *what);
/* Says why the last wait of this thread for a busy project's lock ended
 * ("you stopped waiting for ..."), for the next err_db of a busy project,
 * which says it instead of SQLite's "database is locked". */
void err_busy_note(const char *note);
/* Prefixes the message in err with "prefix: " (e.g. a file name). */
void err_prefix(jaw_err *err, const char *prefix);

#endif
