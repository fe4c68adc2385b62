/* db.c - the project database. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "db.h"
#include "db_access.h"
#include "embedded.h"
#include "xalloc.h"

struct db_cached_stmt {
	const char *sql;
	sqlite3_stmt *stmt;
};

/* A writer's wait for another session's lock (db_busy). */
struct db_waiting {
	double start;      /* when it began (db_now) */
	double unknown;    /* since when no holder has said who they are */
	double next_peek;  /* when to look at who holds the lock again */
	bool known;        /* who says who */
	char who[400], brief[400];
};

struct jaw_db {
	sqlite3 *sqlite;
	sqlite3 *peek; /* reads who holds the lock while this one waits (or NULL) */
	struct db_waiting wait;
	char *path;
	const struct db_schema *schema;
	int depth; /* open transactions and savepoints */
	struct db_cached_stmt *cache;
	size_t ncache, cache_cap;
	bool readonly;      /* opened read-only */
	char *readonly_why; /* why, when the user may not write it (else NULL) */
	struct db_progress *progress; /* db_progress_set's, or NULL */
	struct db_checkpointer *bg;   /* db_checkpoint_in_background's, or NULL */
};

/* The page size of a new project: SQLite's own, so that a new project is
 * small (each table and index takes at least a page: 224 KiB with 4 KiB
 * pages, 3.2 MB with 64 KiB ones). Importing 200,000 survey rows took the
 * same time with 4, 16 and 64 KiB pages (2.7-3.4 s, within the noise of
 * one machine, 2026-12-05). A build may choose another (-DDB_PAGE_SIZE). */
#ifndef DB_PAGE_SIZE
#define DB_PAGE_SIZE 4096
#endif

/* While a writer waits for the lock: when it first looks at who holds it,
 * how often it looks again, and how long it sleeps between tries at most
 * (seconds). */
#define DB_PEEK_AFTER 0.1
#define DB_PEEK_EVERY 0.5
#define DB_SLEEP_MAX 0.02

/* The size the WAL is cut back to after a checkpoint (PRAGMA
 * journal_size_limit): 4 MiB. */
#define DB_WAL_LIMIT_TEXT "4194304"

sqlite3 *db_sqlite(struct jaw_db *db)
{
	return db->sqlite;
}

const char *db_path(struct jaw_db *db)
{
	return db->path;
}

const struct db_schema *db_schema(struct jaw_db *db)
{
	return db->schema;
}

int db_exec(struct jaw_db *db, const char *sql, jaw_err *err)
{
	char *msg = NULL;
	int rc = sqlite3_exec(db->sqlite, sql, NULL, NULL, &msg);
	if ((rc & 0xff) == SQLITE_FULL || (rc & 0xff) == SQLITE_BUSY) {
		sqlite3_free(msg);
		return err_db(err, db->sqlite, sql);
	}
	if (rc != SQLITE_OK) {
		err_set(err, JAW_FAIL, "database error in \"%.60s\": %s", sql,
		        msg ? msg : sqlite3_errmsg(db->sqlite));
		sqlite3_free(msg);
		return JAW_FAIL;
	}
	return JAW_OK;
}

sqlite3_stmt *db_stmt(struct jaw_db *db, const char *sql, jaw_err *err)
{
	for (size_t i = 0; i < db->ncache; i++) {
		if (db->cache[i].sql == sql || strcmp(db->cache[i].sql, sql) == 0) {
			sqlite3_stmt *s = db->cache[i].stmt;
			sqlite3_reset(s);
			sqlite3_clear_bindings(s);
			return s;
		}
	}
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v3(db->sqlite, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, NULL)
	    != SQLITE_OK) {
		err_db(err, db->sqlite, sql);
		sqlite3_finalize(s);
		return NULL;
	}
	if (db->ncache == db->cache_cap) {
		db->cache_cap = db->cache_cap ? db->cache_cap * 2 : 32;
		db->cache = xreallocarray(db->cache, db->cache_cap, sizeof *db->cache);
	}
	db->cache[db->ncache].sql = sql;
	db->cache[db->ncache].stmt = s;
	db->ncache++;
	return s;
}

int db_step_done(struct jaw_db *db, sqlite3_stmt *stmt, jaw_err *err)
{
	int rc = sqlite3_step(stmt);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		err_db(err, db->sqlite, sqlite3_sql(stmt));
		sqlite3_reset(stmt);
		return JAW_FAIL;
	}
	sqlite3_reset(stmt);
	return JAW_OK;
}

int db_step_int64(struct jaw_db *db, sqlite3_stmt *stmt, int64_t *out, jaw_err *err)
{
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(stmt, 0);
	else if (rc != SQLITE_DONE)
		err_db(err, db->sqlite, sqlite3_sql(stmt));
	sqlite3_reset(stmt);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? JAW_OK : JAW_FAIL;
}

int db_begin(struct jaw_db *db, jaw_err *err)
{
	char sql[32];
	if (db->depth == 0)
		snprintf(sql, sizeof sql, "BEGIN IMMEDIATE");
	else
		snprintf(sql, sizeof sql, "SAVEPOINT jaw_sp%d", db->depth);
	if (db_exec(db, sql, err) != JAW_OK)
		return JAW_FAIL;
	db->depth++;
	return JAW_OK;
}

int db_commit(struct jaw_db *db, jaw_err *err)
{
	char sql[32];
	if (db->depth <= 0)
		return err_set(err, JAW_FAIL, "internal error: commit without a transaction");
	if (db->depth == 1)
		snprintf(sql, sizeof sql, "COMMIT");
	else
		snprintf(sql, sizeof sql, "RELEASE jaw_sp%d", db->depth - 1);
	if (db_exec(db, sql, err) != JAW_OK) {
		db_rollback(db);
		return JAW_FAIL;
	}
	db->depth--;
	return JAW_OK;
}

void db_rollback(struct jaw_db *db)
{
	char sql[64];
	if (db->depth <= 0)
		return;
	if (db->depth == 1)
		snprintf(sql, sizeof sql, "ROLLBACK");
	else
		snprintf(sql, sizeof sql, "ROLLBACK TO jaw_sp%d; RELEASE jaw_sp%d",
		         db->depth - 1, db->depth - 1);
	/* A rollback only fails when SQLite already rolled back by itself. */
	sqlite3_exec(db->sqlite, sql, NULL, NULL, NULL);
	db->depth--;
}

/* Returns the integer a one-row pragma answers, or -1 on error. */
static int db_pragma_int(struct jaw_db *db, const char *sql, jaw_err *err)
{
	sqlite3_stmt *s = NULL;
	int value = -1;
	if (sqlite3_prepare_v2(db->sqlite, sql, -1, &s, NULL) != SQLITE_OK) {
		err_db(err, db->sqlite, sql);
	} else if (sqlite3_step(s) == SQLITE_ROW) {
		value = sqlite3_column_int(s, 0);
	} else {
		err_db(err, db->sqlite, sql);
	}
	sqlite3_finalize(s);
	return value;
}

int db_schema_version(struct jaw_db *db)
{
	return db_pragma_int(db, "PRAGMA user_version", NULL);
}

int db_checkpoint(struct jaw_db *db, jaw_err *err)
{
	int rc = sqlite3_wal_checkpoint_v2(db->sqlite, "main", SQLITE_CHECKPOINT_TRUNCATE, NULL,
	                                   NULL);
	if (rc != SQLITE_OK)
		return err_db(err, db->sqlite, "PRAGMA wal_checkpoint(TRUNCATE)");
	return JAW_OK;
}

bool db_readonly(struct jaw_db *db)
{
	return db->readonly;
}

const char *db_readonly_why(struct jaw_db *db)
{
	return db->readonly_why;
}

bool db_in_transaction(struct jaw_db *db)
{
	return db->depth > 0;
}

int db_data_version(struct jaw_db *db)
{
	return db_pragma_int(db, "PRAGMA data_version", NULL);
}

int64_t db_total_changes(struct jaw_db *db)
{
	return sqlite3_total_changes64(db->sqlite);
}

static struct jaw_db *db_new(sqlite3 *sqlite, const char *path, const struct db_schema *schema)
{
	struct jaw_db *db = xcalloc(1, sizeof *db);
	db->sqlite = sqlite;
	db->path = xstrdup(path);
	db->schema = schema;
	return db;
}

/* SQLite's progress handler: a nonzero return interrupts the statement. */
struct db_progress {
	db_progress_fn fn;
	void *ctx;
};

static int db_progress_call(void *p)
{
	const struct db_progress *pr = p;
	return pr->fn(pr->ctx) ? 1 : 0;
}

void db_progress_set(struct jaw_db *db, db_progress_fn fn, void *ctx)
{
	free(db->progress);
	db->progress = NULL;
	if (!fn) {
		sqlite3_progress_handler(db->sqlite, 0, NULL, NULL);
		return;
	}
	db->progress = xmalloc(sizeof *db->progress);
	*db->progress = (struct db_progress){fn, ctx};
	sqlite3_progress_handler(db->sqlite, DB_PROGRESS_STEPS, db_progress_call, db->progress);
}

/* ---- checkpoints in a thread of their own ----------------------------------- */

/* The pages in the WAL after which a commit wakes the checkpointer
 * (SQLite's own autocheckpoint threshold). */
enum { DB_CHECKPOINT_PAGES = 1000 };

struct db_checkpointer {
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	sqlite3 *conn;  /* the thread's own connection */
	bool wanted;    /* a commit left DB_CHECKPOINT_PAGES or more */
	bool stop;
};

static void *db_checkpointer_run(void *p)
{
	struct db_checkpointer *c = p;
	pthread_mutex_lock(&c->mu);
	for (;;) {
		while (!c->wanted && !c->stop)
			pthread_cond_wait(&c->cv, &c->mu);
		if (c->stop)
			break;
		c->wanted = false;
		pthread_mutex_unlock(&c->mu);
		/* PASSIVE: copies what no reader still needs, never waits */
		sqlite3_wal_checkpoint_v2(c->conn, "main", SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
		pthread_mutex_lock(&c->mu);
	}
	pthread_mutex_unlock(&c->mu);
	return NULL;
}

/* SQLite's WAL hook, after each commit of db's connection: pages, the
 * frames now in the WAL. */
static int db_checkpointer_hook(void *p, sqlite3 *sqlite, const char *name, int pages)
{
	(void)sqlite;
	(void)name;
	struct db_checkpointer *c = p;
	if (pages < DB_CHECKPOINT_PAGES)
		return SQLITE_OK;
	pthread_mutex_lock(&c->mu);
	c->wanted = true;
	pthread_cond_signal(&c->cv);
	pthread_mutex_unlock(&c->mu);
	return SQLITE_OK;
}

int db_checkpoint_in_background(struct jaw_db *db, jaw_err *err)
{
	if (db->readonly || db->bg)
		return JAW_OK;
	if (!sqlite3_threadsafe())
		return err_set(err, JAW_FAIL, "%s: this SQLite was built without threads: the WAL"
		               " is checkpointed in the commits", db->path);
	struct db_checkpointer *c = xcalloc(1, sizeof *c);
	/* a first read opens the WAL, without which a checkpoint does nothing */
	if (sqlite3_open_v2(db->path, &c->conn, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
	    sqlite3_busy_timeout(c->conn, 2000) != SQLITE_OK ||
	    sqlite3_exec(c->conn, "PRAGMA schema_version", NULL, NULL, NULL) != SQLITE_OK) {
		err_db(err, c->conn, "opening a connection for checkpoints");
		sqlite3_close(c->conn);
		free(c);
		return JAW_FAIL;
	}
	pthread_mutex_init(&c->mu, NULL);
	pthread_cond_init(&c->cv, NULL);
	int rc = pthread_create(&c->thread, NULL, db_checkpointer_run, c);
	if (rc != 0) {
		pthread_mutex_destroy(&c->mu);
		pthread_cond_destroy(&c->cv);
		sqlite3_close(c->conn);
		free(c);
		return err_set(err, JAW_FAIL, "%s: cannot start a thread for checkpoints: %s",
		               db->path, strerror(rc));
	}
	db->bg = c;
	/* replaces the autocheckpoint, which is a WAL hook too */
	sqlite3_wal_hook(db->sqlite, db_checkpointer_hook, c);
	return JAW_OK;
}

/* Stops db's checkpointer (if any) and gives the commits their
 * checkpoints back. */
static void db_checkpointer_stop(struct jaw_db *db)
{
	struct db_checkpointer *c = db->bg;
	if (!c)
		return;
	sqlite3_wal_autocheckpoint(db->sqlite, DB_CHECKPOINT_PAGES);
	pthread_mutex_lock(&c->mu);
	c->stop = true;
	pthread_cond_signal(&c->cv);
	pthread_mutex_unlock(&c->mu);
	pthread_join(c->thread, NULL);
	pthread_mutex_destroy(&c->mu);
	pthread_cond_destroy(&c->cv);
	sqlite3_close(c->conn);
	free(c);
	db->bg = NULL;
}

void db_close(struct jaw_db *db)
{
	if (!db)
		return;
	while (db->depth > 0)
		db_rollback(db);
	for (size_t i = 0; i < db->ncache; i++)
		sqlite3_finalize(db->cache[i].stmt);
	free(db->cache);
	db_checkpointer_stop(db);
	sqlite3_close(db->sqlite);
	sqlite3_close(db->peek);
	free(db->path);
	free(db->readonly_why);
	free(db->progress);
	free(db);
}

/* ---- waiting for another session's lock ------------------------------------ */

static db_wait_fn db_wait_hook;
static void *db_wait_ctx;

void db_set_wait_hook(db_wait_fn fn, void *ctx)
{
	db_wait_hook = fn;
	db_wait_ctx = ctx;
}

static double db_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Looks, on a connection of its own that only reads (a WAL reader is
 * never blocked), at who announced that they hold the lock. */
static bool db_peek_holder(struct jaw_db *db)
{
	db->wait.who[0] = db->wait.brief[0] = '\0';
	if (!db->schema || !db->schema->lock_holder)
		return false;
	if (!db->peek) {
		if (sqlite3_open_v2(db->path, &db->peek, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
		                    NULL) != SQLITE_OK) {
			sqlite3_close(db->peek);
			db->peek = NULL;
			return false;
		}
		sqlite3_busy_timeout(db->peek, 50);
	}
	return db->schema->lock_holder(db->peek, db->wait.who, db->wait.brief, sizeof db->wait.who);
}

/* SQLite's busy handler of every connection: waits as long as a holder
 * that announced itself is at work, else up to DB_BUSY_TIMEOUT_MS since
 * the last one did; tells the wait hook, which may give up. Returns 0 to
 * give up (the statement fails with SQLITE_BUSY, and err_db says why). */
static int db_busy(void *arg, int count)
{
	struct jaw_db *db = arg;
	struct db_waiting *w = &db->wait;
	double now = db_now();
	if (count == 0) {
		w->start = w->unknown = now;
		w->next_peek = now + DB_PEEK_AFTER;
		w->known = false;
		w->who[0] = w->brief[0] = '\0';
	}
	if (now >= w->next_peek) {
		w->known = db_peek_holder(db);
		w->next_peek = now + DB_PEEK_EVERY;
	}
	if (w->known)
		w->unknown = now;
	char note[600];
	if ((now - w->unknown) * 1000 >= DB_BUSY_TIMEOUT_MS) {
		snprintf(note, sizeof note, "another program kept it locked for %d s without saying"
		         " who it is (an sqlite3 shell? jaw's imports say so); try again",
		         DB_BUSY_TIMEOUT_MS / 1000);
		err_busy_note(note);
		return 0;
	}
	struct db_wait info = {db->path, w->known ? w->who : NULL, w->known ? w->brief : NULL,
	                       now - w->start};
	if (db_wait_hook && !db_wait_hook(db_wait_ctx, &info)) {
		snprintf(note, sizeof note, "you stopped waiting for %s",
		         w->known ? w->who : "another session's change");
		err_busy_note(note);
		return 0;
	}
	double sleep = count < 20 ? 0.001 * (count + 1) : DB_SLEEP_MAX;
	struct timespec ts = {0, (long)(sleep * 1e9)};
	nanosleep(&ts, NULL);
	return 1;
}

/* Settings of the SQLite library, made once before its first use (it
 * refuses them once initialised): no memory statistics, which would take
 * a lock on every allocation. */
static void db_configure_library(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

/* Opens the SQLite connection with the settings every session uses; uri,
 * when not NULL, is what SQLite opens instead of path (a snapshot). */
static int db_connect_as(const char *path, const char *uri, int sqlite_flags,
                         const struct db_schema *schema, struct jaw_db **out, jaw_err *err)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, db_configure_library);
	sqlite3 *sqlite = NULL;
	/* each connection is used by one thread at a time: no locking of its own */
	int rc = sqlite3_open_v2(uri ? uri : path, &sqlite,
	                         sqlite_flags | SQLITE_OPEN_NOMUTEX | (uri ? SQLITE_OPEN_URI : 0),
	                         NULL);
	if (rc != SQLITE_OK) {
		err_set(err, JAW_FAIL, "%s: cannot open: %s", path,
		        sqlite ? sqlite3_errmsg(sqlite) : "out of memory");
		sqlite3_close(sqlite);
		return JAW_FAIL;
	}
	sqlite3_extended_result_codes(sqlite, 1);
	if (schema && schema->functions && schema->functions(sqlite, err) != JAW_OK) {
		sqlite3_close(sqlite);
		return JAW_FAIL;
	}
	*out = db_new(sqlite, path, schema);
	sqlite3_busy_handler(sqlite, db_busy, *out);
	return JAW_OK;
}

static int db_connect(const char *path, int sqlite_flags, const struct db_schema *schema,
                      struct jaw_db **out, jaw_err *err)
{
	return db_connect_as(path, NULL, sqlite_flags, schema, out, err);
}

/* Settings that must be made outside a transaction, on each connection. */
static int db_configure(struct jaw_db *db, bool readonly, jaw_err *err)
{
	/* 2 MiB of page cache: 512 of the 4 KiB pages of a new project. The
	 * pages are in the system's cache anyway; SQLite's sorters take up to
	 * this much each, and an analysis query runs several at once: 8 MiB
	 * made the agreement of three coders at full scale peak at 71 MB, 2 MiB
	 * at 34 MB, no slower (bench-scale) */
	if (db_exec(db, "PRAGMA foreign_keys = ON", err) != JAW_OK ||
	    db_exec(db, "PRAGMA cache_size = -2048", err) != JAW_OK)
		return JAW_FAIL;
	if (readonly)
		return JAW_OK;
	/* the WAL is checkpointed every 1000 pages (SQLite's default, 4 MiB)
	 * and cut back to 4 MiB after each checkpoint that empties it, so that a
	 * long import does not leave a WAL of its own size behind */
	if (db_exec(db, "PRAGMA journal_mode = WAL", err) != JAW_OK ||
	    db_exec(db, "PRAGMA synchronous = FULL", err) != JAW_OK ||
	    db_exec(db, "PRAGMA journal_size_limit = " DB_WAL_LIMIT_TEXT, err) != JAW_OK)
		return JAW_FAIL;
	return JAW_OK;
}

/* Refuses a schema whose migrations are not numbered 1, 2, ... */
static int db_schema_valid(const struct db_schema *schema, jaw_err *err)
{
	if (!schema || schema->nmigrations == 0)
		return err_set(err, JAW_FAIL, "internal error: a schema with no version");
	for (size_t i = 0; i < schema->nmigrations; i++)
		if (schema->migrations[i].version != (int)i + 1)
			return err_set(err, JAW_FAIL, "internal error: schema step %zu is numbered %d",
			               i + 1, schema->migrations[i].version);
	return JAW_OK;
}

/* The version a schema's files end at. */
static int db_newest(const struct db_schema *schema)
{
	return (int)schema->nmigrations;
}

/* Runs one migration: its script, then its C step. */
static int db_migrate_one(struct jaw_db *db, const struct db_migration *m, jaw_err *err)
{
	char name[32];
	snprintf(name, sizeof name, "schema version %d", m->version);
	const char *what = m->script ? m->script : name;
	if (m->script) {
		const struct embedded_file *f = embedded_find(m->script);
		if (!f)
			return err_set(err, JAW_FAIL, "internal error: schema script %s missing",
			               m->script);
		if (db_exec(db, (const char *)f->data, err) != JAW_OK) {
			err_prefix(err, what);
			return JAW_FAIL;
		}
	}
	if (m->step && m->step(db, err) != JAW_OK) {
		err_prefix(err, what);
		return JAW_FAIL;
	}
	return JAW_OK;
}

/* Runs the migrations that take the file from version `from` to `to`,
 * inside the caller's transaction. */
static int db_migrate(struct jaw_db *db, int from, int to, jaw_err *err)
{
	for (int v = from + 1; v <= to; v++)
		if (db_migrate_one(db, &db->schema->migrations[v - 1], err) != JAW_OK)
			return JAW_FAIL;
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", to);
	if (db_exec(db, sql, err) != JAW_OK)
		return JAW_FAIL;
	snprintf(sql, sizeof sql, "PRAGMA application_id = %d", DB_APPLICATION_ID);
	return db_exec(db, sql, err);
}

/* The rows a statement gives (-1 if it fails). */
static int64_t db_count_rows(struct jaw_db *db, const char *sql)
{
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(db->sqlite, sql, -1, &s, NULL) != SQLITE_OK)
		return -1;
	int64_t n = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		n++;
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? n : -1;
}

/* Takes the file to the newest schema in one transaction, with foreign
 * keys off while tables are rebuilt and checked before the commit. */
static int db_upgrade(struct jaw_db *db, jaw_err *err)
{
	if (db_exec(db, "PRAGMA foreign_keys = OFF", err) != JAW_OK)
		return JAW_FAIL;
	int rc = db_begin(db, err);
	if (rc == JAW_OK) {
		/* Another session may have migrated it while we waited for the lock. */
		int version = db_schema_version(db), newest = db_newest(db->schema);
		/* references already broken (by another tool) are not the upgrade's */
		int64_t broken = db_count_rows(db, "PRAGMA foreign_key_check");
		if (version < newest)
			rc = db_migrate(db, version, newest, err);
		if (rc == JAW_OK && db_count_rows(db, "PRAGMA foreign_key_check") > broken)
			rc = err_set(err, JAW_FAIL, "the upgrade to schema %d would break references"
			             " between rows; nothing was changed (jaw check lists the project's"
			             " problems)", newest);
		if (rc == JAW_OK)
			rc = db_commit(db, err);
		else
			db_rollback(db);
	}
	if (db_exec(db, "PRAGMA foreign_keys = ON", rc == JAW_OK ? err : NULL) != JAW_OK)
		rc = JAW_FAIL;
	return rc;
}

void db_remove_files(const char *path)
{
	static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
	for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++) {
		char *p = xasprintf("%s%s", path, suffixes[i]);
		unlink(p);
		free(p);
	}
}

int db_create_version(const char *path, const struct db_schema *schema, int version,
                      struct jaw_db **out, jaw_err *err)
{
	*out = NULL;
	if (db_schema_valid(schema, err) != JAW_OK)
		return JAW_FAIL;
	if (version < 1 || version > db_newest(schema))
		return err_set(err, JAW_FAIL, "internal error: no schema version %d", version);
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (fd < 0) {
		if (errno == EEXIST)
			return err_set(err, JAW_FAIL, "%s: already exists; choose another name", path);
		return err_set(err, JAW_FAIL, "%s: cannot create: %s", path, strerror(errno));
	}
	close(fd);
	struct jaw_db *db = NULL;
	if (db_connect(path, SQLITE_OPEN_READWRITE, schema, &db, err) != JAW_OK)
		goto fail;
	char page_size[48];
	snprintf(page_size, sizeof page_size, "PRAGMA page_size = %d", DB_PAGE_SIZE);
	if (db_exec(db, page_size, err) != JAW_OK || db_configure(db, false, err) != JAW_OK)
		goto fail;
	if (version == db_newest(schema)) {
		if (db_upgrade(db, err) != JAW_OK)
			goto fail;
	} else if (db_begin(db, err) != JAW_OK || db_migrate(db, 0, version, err) != JAW_OK ||
	           db_commit(db, err) != JAW_OK) {
		goto fail;
	}
	*out = db;
	return JAW_OK;
fail:
	db_close(db);
	db_remove_files(path);
	return JAW_FAIL;
}

int db_create(const char *path, const struct db_schema *schema, struct jaw_db **out,
              jaw_err *err)
{
	return db_create_version(path, schema, schema ? db_newest(schema) : 0, out, err);
}

/* Checks that the open file is a jaw project this program can read. */
static int db_check_identity(struct jaw_db *db, int *version, jaw_err *err)
{
	jaw_err e;
	err_clear(&e);
	int app = db_pragma_int(db, "PRAGMA application_id", &e);
	if (app < 0 && e.status != JAW_OK) {
		int code = sqlite3_errcode(db->sqlite);
		if (code == SQLITE_NOTADB)
			return err_set(err, JAW_FAIL, "%s: not a jaw project (not an SQLite database)",
			               db->path);
		return err_set(err, JAW_FAIL, "%s: %s", db->path, e.msg);
	}
	if (app != DB_APPLICATION_ID && db_pragma_int(db, "PRAGMA page_count", NULL) == 0)
		return err_set(err, JAW_FAIL, "%s: not a jaw project (an empty file)", db->path);
	if (app != DB_APPLICATION_ID)
		return err_set(err, JAW_FAIL,
		               "%s: not a jaw project (an SQLite database of another program)",
		               db->path);
	*version = db_schema_version(db);
	if (*version > db_newest(db->schema))
		return err_set(err, JAW_FAIL,
		               "%s: made by a newer jaw (schema version %d; this jaw reads up to %d): "
		               "upgrade jaw to open it", db->path, *version, db_newest(db->schema));
	if (*version < 1)
		return err_set(err, JAW_FAIL, "%s: not a jaw project (schema version %d)", db->path,
		               *version);
	return JAW_OK;
}

int db_open(const char *path, int flags, const struct db_schema *schema, struct jaw_db **out,
            jaw_err *err)
{
	*out = NULL;
	if (db_schema_valid(schema, err) != JAW_OK)
		return JAW_FAIL;
	struct stat st;
	if (stat(path, &st) != 0) {
		if (errno == ENOENT)
			return err_set(err, JAW_FAIL,
			               "%s: no such project; create one with: jaw init %s", path, path);
		return err_set(err, JAW_FAIL, "%s: %s", path, strerror(errno));
	}
	if (!S_ISREG(st.st_mode))
		return err_set(err, JAW_FAIL, "%s: not a jaw project (not a regular file)", path);
	bool readonly = flags & DB_OPEN_READONLY;
	char why[900] = "";
	bool may_write = db_access_may_write(path, why, sizeof why);
	if (!readonly && !may_write) {
		if (!(flags & DB_OPEN_AS_ALLOWED))
			return err_set(err, JAW_FAIL, "%s", why);
		readonly = true;
	}
	/* a reader who may not write never creates the -wal and -shm files:
	 * with none there (no one has the project open), it reads a snapshot */
	char *uri = readonly && !may_write && !db_access_has_shm(path)
	          ? db_access_snapshot_uri_new(path) : NULL;
	struct jaw_db *db = NULL;
	int version = 0;
	int rc = db_connect_as(path, uri, readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE,
	                       schema, &db, err);
	free(uri);
	if (rc != JAW_OK)
		return JAW_FAIL;
	db->readonly = readonly;
	db->readonly_why = may_write ? NULL : xstrdup(why);
	if (db_check_identity(db, &version, err) != JAW_OK ||
	    db_configure(db, readonly, err) != JAW_OK)
		goto fail;
	if (!readonly && !(flags & DB_OPEN_NO_MIGRATE) && version < db_newest(schema) &&
	    db_upgrade(db, err) != JAW_OK) {
		err_prefix(err, path);
		goto fail;
	}
	if (!readonly)
		db_access_share_side_files(path);
	*out = db;
	return JAW_OK;
fail:
	db_close(db);
	return JAW_FAIL;
}

int db_check_fts5(struct jaw_db *db, const char *table, db_report_fn report, void *ctx)
{
	char *sql = xasprintf("INSERT INTO \"%s\" (\"%s\", rank) VALUES ('integrity-check', 1)",
	                      table, table);
	sqlite3_stmt *s = NULL;
	int problems = 0;
	if (sqlite3_prepare_v2(db->sqlite, sql, -1, &s, NULL) != SQLITE_OK ||
	    sqlite3_step(s) != SQLITE_DONE) {
		char line[512];
		snprintf(line, sizeof line, "full-text index %s: %s", table, sqlite3_errmsg(db->sqlite));
		report(ctx, line);
		problems = 1;
	}
	sqlite3_finalize(s);
	free(sql);
	return problems;
}

/* Runs a checking statement whose rows are problems; returns their count. */
static int db_check_rows(struct jaw_db *db, const char *sql, const char *ok,
                         db_report_fn report, void *ctx, jaw_err *err)
{
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(db->sqlite, sql, -1, &s, NULL) != SQLITE_OK) {
		err_db(err, db->sqlite, sql);
		return -1;
	}
	int problems = 0, rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		char line[512];
		if (sqlite3_column_count(s) == 1) {
			const char *text = (const char *)sqlite3_column_text(s, 0);
			if (ok && text && strcmp(text, ok) == 0)
				continue;
			snprintf(line, sizeof line, "%s", text ? text : "(null)");
		} else {
			/* foreign_key_check: table, rowid, parent, fkid */
			snprintf(line, sizeof line,
			         "foreign key: %s row %lld refers to a missing row of %s",
			         (const char *)sqlite3_column_text(s, 0),
			         (long long)sqlite3_column_int64(s, 1),
			         (const char *)sqlite3_column_text(s, 2));
		}
		report(ctx, line);
		problems++;
	}
	if (rc != SQLITE_DONE) {
		err_db(err, db->sqlite, sql);
		problems = -1;
	}
	sqlite3_finalize(s);
	return problems;
}

int db_check_each(struct jaw_db *db, const char *sql, db_problem_fn problem,
                  db_report_fn report, void *ctx, jaw_err *err)
{
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return -1;
	int problems = 0, rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		char line[512];
		problem(s, line, sizeof line);
		report(ctx, line);
		problems++;
	}
	if (rc != SQLITE_DONE) {
		err_db(err, db->sqlite, sql);
		problems = -1;
	}
	sqlite3_reset(s);
	return problems;
}

int db_check(struct jaw_db *db, db_report_fn report, void *ctx, jaw_err *err)
{
	int total = 0, n;
	n = db_check_rows(db, "PRAGMA integrity_check", "ok", report, ctx, err);
	if (n < 0)
		return -1;
	total += n;
	n = db_check_rows(db, "PRAGMA foreign_key_check", NULL, report, ctx, err);
	if (n < 0)
		return -1;
	total += n;
	bool readonly = sqlite3_db_readonly(db->sqlite, "main");
	for (size_t i = 0; i < db->schema->nchecks; i++) {
		const struct db_check_hook *c = &db->schema->checks[i];
		if (c->needs_write && readonly)
			continue;
		if ((n = c->run(db, report, ctx, err)) < 0) {
			err_prefix(err, c->name);
			return -1;
		}
		total += n;
	}
	return total;
}

char *db_column_text_new(sqlite3_stmt *stmt, int i)
{
	const char *t = (const char *)sqlite3_column_text(stmt, i);
	return xstrdup(t ? t : "");
}

int db_bind_text(sqlite3_stmt *stmt, int i, const char *text, bool empty_is_null)
{
	if (!text || (empty_is_null && !*text))
		return sqlite3_bind_null(stmt, i);
	return sqlite3_bind_text(stmt, i, text, -1, SQLITE_TRANSIENT);
}
