/* activity.h - who holds a project for a long change.
 *
 * An import holds the project's write lock for as long as it takes (it is
 * all or nothing: one transaction). So that the analysts whose changes
 * wait meanwhile are told what they wait for, and by whom, a long writer
 * first commits a row in the table activity (schema version 6: analyst,
 * host, pid, what, started), then takes the lock, and deletes the row when
 * it is done:
 *
 *     int64_t id = activity_begin(db, analyst, "an import", "survey.csv", err);
 *     if (id < 0) return JAW_FAIL;
 *     ... db_begin ... db_commit or db_rollback ...
 *     activity_end(db, id);
 *
 * A waiting writer reads the table on a connection that only reads (WAL
 * readers are never blocked) through activity_holder, which project_schema
 * registers as the schema's lock_holder (db.h). A row whose process is
 * gone (killed with SIGKILL) is stale: on this host its pid is not alive,
 * or is a process started at another time (a reused pid, another boot).
 * It never makes anyone wait and is deleted by the next activity_begin. */
#ifndef JAW_ACTIVITY_H
#define JAW_ACTIVITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sqlite3.h>

#include "db.h"
#include "err.h"

/* Announces that this process is about to hold db's write lock for long:
 * deletes the stale rows and commits one naming analyst (NULL: the login
 * name), this host and process, what it does ("an import") and of what
 * (a file's name, or NULL), now. Returns the row's id, or -1 with err set
 * (the project is read only, or the wait for another session was given
 * up); 0, announcing nothing, inside a transaction (whose lock is held
 * already). */
int64_t activity_begin(struct jaw_db *db, const char *analyst, const char *what,
                       const char *object, jaw_err *err);
/* Deletes row id that activity_begin wrote (0 or less: nothing to do);
 * best effort: a row left behind is stale once this process is gone. */
void activity_end(struct jaw_db *db, int64_t id);
/* Writes into who, over reader (a connection that only reads), who holds
 * the project: the oldest row of a process still alive, in words: "an
 * import of survey.csv by alice (pid 1234, started 10:02:11)", and into
 * brief the same without "of survey.csv"; each of size bytes. False, with
 * both empty, when there is none (or no table to say so). */
bool activity_holder(sqlite3 *reader, char *who, char *brief, size_t size);
/* True if the process (host, pid, process_start as activity_begin writes
 * it; NULL: unknown) may still be running: another host's process cannot
 * be checked and counts as running. */
bool activity_alive(const char *host, long pid, const char *process_start);

#endif
