/* test_lock.c - waiting for another session's write lock, with two
 * connections to one project: a long writer that announced itself
 * (activity.h) is waited for and named, a stale announcement of a process
 * that is gone names no one, giving up says so (never SQLite's "database
 * is locked"), and a reader is never held up. */
#include "config.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "activity.h"
#include "db.h"
#include "project_schema.h"
#include "testutil.h"
#include "xalloc.h"

/* The other session: holds the write lock for a while, announced or not. */
struct holder {
	char *path;
	bool announce;
	int hold_ms;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	bool holding;  /* it has the lock */
	int64_t activity;
};

static void sleep_ms(int ms)
{
	struct timespec t = {ms / 1000, (long)(ms % 1000) * 1000000L};
	nanosleep(&t, NULL);
}

static void *holder_main(void *arg)
{
	struct holder *h = arg;
	struct jaw_db *db = NULL;
	jaw_err err;
	err_clear(&err);
	assert_int_equal(db_open(h->path, 0, &project_schema, &db, &err), JAW_OK);
	h->activity = h->announce ? activity_begin(db, "tester", "an import", "survey.csv", &err) : 0;
	assert_true(h->activity >= 0);
	assert_int_equal(db_begin(db, &err), JAW_OK);
	assert_int_equal(db_exec(db, "INSERT INTO code (name) VALUES ('from the import')", &err),
	                 JAW_OK);
	pthread_mutex_lock(&h->mu);
	h->holding = true;
	pthread_cond_signal(&h->cv);
	pthread_mutex_unlock(&h->mu);
	sleep_ms(h->hold_ms);
	assert_int_equal(db_commit(db, &err), JAW_OK);
	activity_end(db, h->activity);
	db_close(db);
	return NULL;
}

/* Starts the other session and returns once it holds the lock. */
static void holder_start(struct holder *h, pthread_t *t)
{
	pthread_mutex_init(&h->mu, NULL);
	pthread_cond_init(&h->cv, NULL);
	assert_int_equal(pthread_create(t, NULL, holder_main, h), 0);
	pthread_mutex_lock(&h->mu);
	while (!h->holding)
		pthread_cond_wait(&h->cv, &h->mu);
	pthread_mutex_unlock(&h->mu);
}

static void holder_join(struct holder *h, pthread_t t)
{
	pthread_join(t, NULL);
	pthread_mutex_destroy(&h->mu);
	pthread_cond_destroy(&h->cv);
}

/* What the waiting side's hook saw. */
struct seen {
	int calls;
	int named;          /* calls that named a holder */
	char holder[600];   /* the last name */
	char brief[600];    /* and its brief form */
	bool give_up;       /* answer false once a holder is named */
	double seconds;
};

static bool seen_hook(void *ctx, const struct db_wait *w)
{
	struct seen *s = ctx;
	s->calls++;
	s->seconds = w->seconds;
	if (w->holder) {
		s->named++;
		snprintf(s->holder, sizeof s->holder, "%s", w->holder);
		snprintf(s->brief, sizeof s->brief, "%s", w->brief ? w->brief : "");
		return !s->give_up;
	}
	return true;
}

/* A project with an open connection (the waiting session). */
static struct jaw_db *lock_project(char **path)
{
	struct jaw_db *db = testutil_project_new(path);
	return db;
}

static void test_waits_for_an_announced_import(void **state)
{
	(void)state;
	char *path = NULL;
	struct jaw_db *db = lock_project(&path);
	struct holder h = {.path = path, .announce = true, .hold_ms = 700};
	pthread_t t;
	holder_start(&h, &t);
	struct seen seen = {0};
	db_set_wait_hook(seen_hook, &seen);
	/* a reader is not held up: it sees the project as it was */
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM code WHERE name = 'from the import'"), 0);
	assert_int_equal(seen.calls, 0);
	/* a writer waits, is told by whom, and gets through */
	jaw_err err;
	err_clear(&err);
	assert_int_equal(db_exec(db, "INSERT INTO code (name) VALUES ('waited')", &err), JAW_OK);
	holder_join(&h, t);
	db_set_wait_hook(NULL, NULL);
	assert_true(seen.named > 0);
	char want[128];
	snprintf(want, sizeof want, "an import of survey.csv by tester (pid %ld, started ",
	         (long)getpid());
	assert_non_null(strstr(seen.holder, want));
	snprintf(want, sizeof want, "an import by tester (pid %ld, started ", (long)getpid());
	assert_non_null(strstr(seen.brief, want));
	assert_true(seen.seconds >= 0.4);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM code WHERE name IN"
	                                     " ('waited', 'from the import')"), 2);
	/* the import's row is gone with it */
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM activity"), 0);
	db_close(db);
	free(path);
}

/* The pid of a process that has ended. */
static long dead_pid(void)
{
	pid_t child = fork();
	if (child == 0)
		_exit(0);
	waitpid(child, NULL, 0);
	return (long)child;
}

static void test_stale_announcement_names_no_one(void **state)
{
	(void)state;
	char *path = NULL;
	struct jaw_db *db = lock_project(&path);
	char host[256];
	gethostname(host, sizeof host);
	host[sizeof host - 1] = '\0';
	/* an import killed with SIGKILL left its row behind */
	sqlite3_stmt *s = NULL;
	assert_int_equal(sqlite3_prepare_v2(db_sqlite(db),
		"INSERT INTO activity (analyst, host, pid, what, object, started)"
		" VALUES ('ghost', ?, ?, 'an import', 'old.csv', '2026-01-01T00:00:00Z')", -1, &s, NULL),
		SQLITE_OK);
	sqlite3_bind_text(s, 1, host, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 2, dead_pid());
	assert_int_equal(sqlite3_step(s), SQLITE_DONE);
	sqlite3_finalize(s);
	char who[600], brief[600];
	assert_false(activity_holder(db_sqlite(db), who, brief, sizeof who));
	assert_string_equal(who, "");
	assert_string_equal(brief, "");

	struct holder h = {.path = path, .announce = false, .hold_ms = 500};
	pthread_t t;
	holder_start(&h, &t);
	struct seen seen = {0};
	db_set_wait_hook(seen_hook, &seen);
	jaw_err err;
	err_clear(&err);
	assert_int_equal(db_exec(db, "INSERT INTO code (name) VALUES ('after the ghost')", &err),
	                 JAW_OK);
	holder_join(&h, t);
	db_set_wait_hook(NULL, NULL);
	assert_true(seen.calls > 0);
	assert_int_equal(seen.named, 0);
	/* the next import sweeps the stale row away */
	int64_t id = activity_begin(db, "tester", "an import", NULL, &err);
	assert_true(id > 0);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM activity WHERE analyst = 'ghost'"),
	                 0);
	activity_end(db, id);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM activity"), 0);
	db_close(db);
	free(path);
}

static void test_giving_up_says_for_whom(void **state)
{
	(void)state;
	char *path = NULL;
	struct jaw_db *db = lock_project(&path);
	struct holder h = {.path = path, .announce = true, .hold_ms = 600};
	pthread_t t;
	holder_start(&h, &t);
	struct seen seen = {.give_up = true};
	db_set_wait_hook(seen_hook, &seen);
	jaw_err err;
	err_clear(&err);
	assert_int_equal(db_begin(db, &err), JAW_FAIL);
	db_set_wait_hook(NULL, NULL);
	assert_null(strstr(err.msg, "database is locked"));
	assert_non_null(strstr(err.msg, "the project is busy: you stopped waiting for an import of"
	                                " survey.csv by tester"));
	assert_non_null(strstr(err.msg, "nothing was changed"));
	assert_false(db_in_transaction(db));
	holder_join(&h, t);
	/* once it is over, the same change goes through */
	assert_int_equal(db_begin(db, &err), JAW_OK);
	assert_int_equal(db_commit(db, &err), JAW_OK);
	db_close(db);
	free(path);
}

static void test_alive(void **state)
{
	(void)state;
	char host[256];
	gethostname(host, sizeof host);
	host[sizeof host - 1] = '\0';
	assert_true(activity_alive(host, (long)getpid(), NULL));
	assert_false(activity_alive(host, dead_pid(), NULL));
	assert_false(activity_alive(host, 0, NULL));
	/* the same pid, started at another time (reused, or another boot) */
	assert_false(activity_alive(host, (long)getpid(), "another-boot/12345"));
	/* another host's process cannot be checked */
	assert_true(activity_alive("some-other-host.example", dead_pid(), NULL));
}

int main(void)
{
	testutil_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_waits_for_an_announced_import),
		cmocka_unit_test(test_stale_announcement_names_no_one),
		cmocka_unit_test(test_giving_up_says_for_whom),
		cmocka_unit_test(test_alive),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
