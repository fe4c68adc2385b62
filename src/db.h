/* db.h - the project database: open/create, schema migrations, statements,
 * transactions and checks. One SQLite file per project, in WAL mode with
 * foreign keys on and a busy timeout so several analysts can share it.
 *
 * The base knows no table of its own: what a file holds comes from a
 * struct db_schema that the module above passes in (project_schema.h):
 * the migrations from version to version and the checks jaw check runs
 * beyond SQLite's own. */
#ifndef JAW_DB_H
#define JAW_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sqlite3.h>

#include "err.h"

/* PRAGMA application_id of a jaw project: "JAW!" in ASCII. */
#define DB_APPLICATION_ID 0x4A415721
/* How long a writer waits for another session's lock, in milliseconds,
 * when no one said they hold it for long (see lock_holder below): an
 * announced holder (an import) is waited for until it is done, or until
 * the wait hook gives up. */
#define DB_BUSY_TIMEOUT_MS 10000

struct jaw_db;

/* Takes a problem a check found: one line, e.g. "foreign key: ...". */
typedef void (*db_report_fn)(void *ctx, const char *problem);

/* One step of a schema: takes a file from version - 1 to version. */
struct db_migration {
	int version;
	/* The SQL script: the name of an embedded data file (embedded.h), e.g.
	 * "schema/003-answers.sql"; NULL for none. */
	const char *script;
	/* Runs after the script in the same transaction, for what SQL alone
	 * cannot do (tables named after rows); NULL for none. */
	int (*step)(struct jaw_db *db, jaw_err *err);
};

/* A check of db_check beyond SQLite's own: reports each problem it finds
 * and returns how many, or -1 with err set if it could not run. */
struct db_check_hook {
	const char *name;
	bool needs_write; /* skipped on a read-only connection (FTS5 checks) */
	int (*run)(struct jaw_db *db, db_report_fn report, void *ctx, jaw_err *err);
};

/* What a program keeps in its files. */
struct db_schema {
	const struct db_migration *migrations; /* versions 1, 2, ... in order */
	size_t nmigrations;                     /* the newest version */
	const struct db_check_hook *checks;
	size_t nchecks;
	/* Registers the SQL functions the schema's queries use on each new
	 * connection (NULL for none); JAW_OK, or JAW_FAIL with err set. */
	int (*functions)(sqlite3 *sqlite, jaw_err *err);
	/* Writes into who, over reader (a connection that only reads), who
	 * announced that they hold the write lock for long ("an import of
	 * survey.csv by alice (pid 1234, started 10:02:11)"), and into brief
	 * the same without what of ("an import by alice (...)"), each of
	 * size bytes; false, with both empty, when no one did (NULL: the
	 * files never say). */
	bool (*lock_holder)(sqlite3 *reader, char *who, char *brief, size_t size);
};

/* What a writer waiting for another session's write lock is told. */
struct db_wait {
	const char *path;   /* the project */
	const char *holder; /* who holds it, in words (lock_holder), or NULL if unknown */
	const char *brief;  /* the same without what of, for a narrow screen (or NULL) */
	double seconds;     /* how long it has waited */
};
/* Called about every 20 ms while a writer waits for the lock (from inside
 * SQLite: it must not use the waiting connection); returns false to stop
 * waiting (the change then fails, saying the wait was given up). */
typedef bool (*db_wait_fn)(void *ctx, const struct db_wait *wait);
/* Sets the process's wait hook (NULL: wait without a word): the interface
 * shows the wait in its status line, the command line on stderr. */
void db_set_wait_hook(db_wait_fn fn, void *ctx);

/* Flags for db_open. */
enum db_open_flags {
	DB_OPEN_READONLY = 1,   /* open read-only and never migrate */
	DB_OPEN_NO_MIGRATE = 2, /* open read-write but leave an older schema as it is */
	DB_OPEN_AS_ALLOWED = 4, /* read-write if this user may write it, else read-only */
};

/* Creates a new project file at path (it must not exist) with the newest
 * version of schema (borrowed: it must outlive the db). On failure nothing
 * is left behind. */
int db_create(const char *path, const struct db_schema *schema, struct jaw_db **out,
              jaw_err *err);
/* Like db_create but stops at schema version `version` (tests use it to
 * make files as older versions of jaw wrote them). */
int db_create_version(const char *path, const struct db_schema *schema, int version,
                      struct jaw_db **out, jaw_err *err);
/* Opens an existing project. Refuses a missing file, a file that is not a
 * jaw project and a file newer than schema; migrates an older file forward
 * in one transaction (unless DB_OPEN_READONLY or DB_OPEN_NO_MIGRATE).
 * A user who may not write the file (or the -wal and -shm files beside it,
 * or the directory where they would go) is refused, saying what to
 * change, unless DB_OPEN_READONLY or DB_OPEN_AS_ALLOWED: then the file is
 * opened read-only without creating anything beside it (a snapshot when
 * no one has it open). */
int db_open(const char *path, int flags, const struct db_schema *schema, struct jaw_db **out,
            jaw_err *err);
/* Writes everything in the WAL into the project file and empties the WAL
 * (waiting for readers, within the busy timeout); fails, with err saying
 * why (a full disk), when it cannot. */
int db_checkpoint(struct jaw_db *db, jaw_err *err);
/* Moves the WAL's checkpoints out of the commits: from now on a commit that
 * leaves 1000 pages or more in the WAL (4 MiB at 4 KiB pages) wakes a
 * thread of db's own, which checkpoints them (PASSIVE) through a
 * connection of its own, so that the commit itself only appends to the
 * WAL; the WAL is still cut back to 4 MiB when it restarts. For the
 * interface, where a checkpoint in a commit was the p99 of applying a
 * code. Nothing for a read-only db. Fails (err) when the thread or its
 * connection cannot start; the commits then checkpoint as before.
 * db_close stops it. */
int db_checkpoint_in_background(struct jaw_db *db, jaw_err *err);
/* True if db was opened read-only (asked for, or DB_OPEN_AS_ALLOWED for a
 * user who may not write it). */
bool db_readonly(struct jaw_db *db);
/* Why this user may not write db, with what to change (mode, owner,
 * group); NULL when they may. */
const char *db_readonly_why(struct jaw_db *db);
/* Removes a project file with its -wal, -shm and -journal files (used to
 * leave nothing behind when creating a project fails). */
void db_remove_files(const char *path);
/* Closes the project and frees db (NULL is fine). */
void db_close(struct jaw_db *db);

/* Borrows the SQLite handle. */
sqlite3 *db_sqlite(struct jaw_db *db);
/* Borrows the path the project was opened with. */
const char *db_path(struct jaw_db *db);
/* Returns the schema version (PRAGMA user_version) of the open file. */
int db_schema_version(struct jaw_db *db);
/* Borrows the schema db was opened or created with. */
const struct db_schema *db_schema(struct jaw_db *db);

/* Returns a prepared statement for the static SQL text sql, reset and with
 * its bindings cleared; statements are cached per db and owned by it, and
 * the cache keeps the pointer sql, so it must live as long as db (a string
 * literal or static array). Only for SQL written in the program: user input
 * goes into bound parameters.
 * Returns NULL with err set on failure. */
sqlite3_stmt *db_stmt(struct jaw_db *db, const char *sql, jaw_err *err);
/* Steps stmt (from db_stmt) expecting SQLITE_DONE; resets it. */
int db_step_done(struct jaw_db *db, sqlite3_stmt *stmt, jaw_err *err);
/* Steps stmt (from db_stmt, its parameters bound) to its first row, stores
 * the row's first column in *out (left as it was when there is no row) and
 * resets stmt. Returns JAW_OK, or JAW_FAIL with err naming the SQL. */
int db_step_int64(struct jaw_db *db, sqlite3_stmt *stmt, int64_t *out, jaw_err *err);
/* Runs static SQL that takes no parameters (schema scripts, pragmas). */
int db_exec(struct jaw_db *db, const char *sql, jaw_err *err);

/* Begins a transaction (BEGIN IMMEDIATE), or a savepoint when one is open. */
int db_begin(struct jaw_db *db, jaw_err *err);
/* Commits the innermost transaction or savepoint. */
int db_commit(struct jaw_db *db, jaw_err *err);
/* Rolls back the innermost transaction or savepoint. */
void db_rollback(struct jaw_db *db);

/* A long computation's progress: called every DB_PROGRESS_STEPS steps of
 * SQLite's virtual machine while a statement of db runs. Returns true to
 * cancel: the statement then fails (SQLITE_INTERRUPT) and the function
 * that ran it fails with the message "cancelled", leaving no partial
 * result. */
typedef bool (*db_progress_fn)(void *ctx);
#define DB_PROGRESS_STEPS 1000
/* Calls fn(ctx) while db's statements run, until set again; fn NULL: no
 * more. The interface uses it to draw a progress line and to cancel on
 * Esc; the core never calls it otherwise. */
void db_progress_set(struct jaw_db *db, db_progress_fn fn, void *ctx);

/* Returns PRAGMA data_version: it changes when another connection commits. */
int db_data_version(struct jaw_db *db);
/* The rows this connection's statements inserted, updated or deleted
 * since it was opened (in TEMP tables too): with db_data_version (the
 * other connections' commits), what tells a table computed before is
 * still the project's. */
int64_t db_total_changes(struct jaw_db *db);

/* True while a transaction opened with db_begin is open. */
bool db_in_transaction(struct jaw_db *db);

/* Runs integrity_check, foreign_key_check and the schema's checks (those
 * that need a connection that may write are skipped without one); calls
 * report once per problem found. Returns the number of problems, or -1 with
 * err set if the checks could not run. */
int db_check(struct jaw_db *db, db_report_fn report, void *ctx, jaw_err *err);
/* Runs FTS5's integrity-check on the full-text table `table` (a name the
 * program made, never user text); reports and returns 1 if the index does
 * not match its content, else 0. Needs a connection that may write. */
int db_check_fts5(struct jaw_db *db, const char *table, db_report_fn report, void *ctx);
/* Writes what the row of a checking statement says is wrong into line. */
typedef void (*db_problem_fn)(sqlite3_stmt *row, char *line, size_t size);
/* Runs sql, a check whose every row is a problem, and reports each row as
 * problem words it (for the hooks of db_check); returns how many, or -1
 * with err set. */
int db_check_each(struct jaw_db *db, const char *sql, db_problem_fn problem,
                  db_report_fn report, void *ctx, jaw_err *err);

/* Returns a newly allocated copy of column i of the current row ("" for NULL). */
char *db_column_text_new(sqlite3_stmt *stmt, int i);
/* Binds text to parameter i, or NULL when text is NULL or empty and
 * empty_is_null is true. */
int db_bind_text(sqlite3_stmt *stmt, int i, const char *text, bool empty_is_null);

#endif
