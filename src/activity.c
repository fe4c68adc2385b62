/* activity.c - who holds a project for a long change (see activity.h). */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "activity.h"
#include "coding.h"
#include "xalloc.h"

/* This host's name ("" if it has none). */
static void activity_host(char *host, size_t size)
{
	if (gethostname(host, size) != 0)
		host[0] = '\0';
	host[size - 1] = '\0';
}

/* Reads the first line of path into buf (without its line feed); false if
 * it cannot. */
static bool activity_read_line(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return false;
	bool ok = fgets(buf, (int)size, f) != NULL;
	fclose(f);
	if (ok)
		buf[strcspn(buf, "\n")] = '\0';
	return ok && buf[0];
}

/* The identity of process pid beyond its number: this boot's id and the
 * process's start time in clock ticks after boot ("BOOT/TICKS", from
 * Linux's /proc); false where there is no /proc to say. */
static bool activity_process_start(long pid, char *out, size_t size)
{
	char boot[64], path[64], stat[1024];
	snprintf(path, sizeof path, "/proc/%ld/stat", pid);
	if (!activity_read_line("/proc/sys/kernel/random/boot_id", boot, sizeof boot) ||
	    !activity_read_line(path, stat, sizeof stat))
		return false;
	/* the name, in parentheses, may hold spaces: fields count from its end */
	const char *p = strrchr(stat, ')');
	for (int field = 2; p && field < 22; field++)
		p = strchr(p + 1, ' ');
	if (!p)
		return false;
	snprintf(out, size, "%s/%lld", boot, strtoll(p + 1, NULL, 10));
	return true;
}

bool activity_alive(const char *host, long pid, const char *process_start)
{
	char here[256];
	activity_host(here, sizeof here);
	if (!host || strcmp(host, here) != 0)
		return true; /* another host's process: no way to tell */
	if (pid <= 0 || (kill((pid_t)pid, 0) != 0 && errno != EPERM))
		return false;
	char now[128];
	if (process_start && *process_start && activity_process_start(pid, now, sizeof now))
		return strcmp(now, process_start) == 0; /* else a reused pid */
	return true;
}

/* Deletes the rows of processes that are gone, inside the caller's
 * transaction. */
static int activity_sweep(struct jaw_db *db, jaw_err *err)
{
	static const char sql[] = "SELECT id, host, pid, process_start FROM activity";
	static const char del[] = "DELETE FROM activity WHERE id = ?";
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return JAW_FAIL;
	int64_t stale[64];
	int n = 0, rc;
	while (n < 64 && (rc = sqlite3_step(s)) == SQLITE_ROW)
		if (!activity_alive((const char *)sqlite3_column_text(s, 1),
		                    (long)sqlite3_column_int64(s, 2),
		                    (const char *)sqlite3_column_text(s, 3)))
			stale[n++] = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	for (int i = 0; i < n; i++) {
		sqlite3_stmt *d = db_stmt(db, del, err);
		if (!d)
			return JAW_FAIL;
		sqlite3_bind_int64(d, 1, stale[i]);
		if (db_step_done(db, d, err) != JAW_OK)
			return JAW_FAIL;
	}
	return JAW_OK;
}

/* Writes this process's row; its id in *id. */
static int activity_insert(struct jaw_db *db, const char *analyst, const char *what,
                           const char *object, int64_t *id, jaw_err *err)
{
	static const char sql[] =
		"INSERT INTO activity (analyst, host, pid, process_start, what, object, started)"
		" VALUES (?, ?, ?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))";
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return JAW_FAIL;
	char host[256], start[128];
	activity_host(host, sizeof host);
	long pid = (long)getpid();
	char *who = coding_coder_new(analyst);
	db_bind_text(s, 1, who, false);
	db_bind_text(s, 2, host, false);
	sqlite3_bind_int64(s, 3, pid);
	db_bind_text(s, 4, activity_process_start(pid, start, sizeof start) ? start : NULL, false);
	db_bind_text(s, 5, what, false);
	db_bind_text(s, 6, object ? object : "", false);
	int rc = db_step_done(db, s, err);
	free(who);
	*id = sqlite3_last_insert_rowid(db_sqlite(db));
	return rc;
}

int64_t activity_begin(struct jaw_db *db, const char *analyst, const char *what,
                       const char *object, jaw_err *err)
{
	int64_t id = 0;
	if (db_in_transaction(db))
		return 0;
	if (db_begin(db, err) != JAW_OK)
		return -1;
	if (activity_sweep(db, err) != JAW_OK ||
	    activity_insert(db, analyst, what, object, &id, err) != JAW_OK) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, err) == JAW_OK ? id : -1;
}

void activity_end(struct jaw_db *db, int64_t id)
{
	static const char sql[] = "DELETE FROM activity WHERE id = ?";
	if (id <= 0)
		return;
	sqlite3_stmt *s = db_stmt(db, sql, NULL);
	if (!s)
		return;
	sqlite3_bind_int64(s, 1, id);
	db_step_done(db, s, NULL);
}

/* started (UTC, as stored) in local time: the time of day if it is today,
 * else the date and time. */
static void activity_local_time(const char *started, char *out, size_t size)
{
	struct tm tm = {0};
	const char *end = started ? strptime(started, "%Y-%m-%dT%H:%M:%SZ", &tm) : NULL;
	if (!end || *end) {
		snprintf(out, size, "%s", started ? started : "?");
		return;
	}
	time_t t = timegm(&tm), now = time(NULL);
	struct tm local, today;
	localtime_r(&t, &local);
	localtime_r(&now, &today);
	bool same_day = local.tm_year == today.tm_year && local.tm_yday == today.tm_yday;
	strftime(out, size, same_day ? "%H:%M:%S" : "%Y-%m-%d %H:%M", &local);
}

/* The row of s (activity_holder's query) in words, with what of or not. */
static void activity_describe(sqlite3_stmt *s, bool of, char *who, size_t size)
{
	const char *analyst = (const char *)sqlite3_column_text(s, 0);
	const char *host = (const char *)sqlite3_column_text(s, 1);
	const char *what = (const char *)sqlite3_column_text(s, 4);
	const char *object = (const char *)sqlite3_column_text(s, 5);
	char here[256], when[64], on[300] = "";
	activity_host(here, sizeof here);
	activity_local_time((const char *)sqlite3_column_text(s, 6), when, sizeof when);
	if (host && strcmp(host, here) != 0)
		snprintf(on, sizeof on, " on %s", host);
	snprintf(who, size, "%s%s%s by %s (pid %lld%s, started %s)", what ? what : "a change",
	         of && object && *object ? " of " : "", of && object ? object : "",
	         analyst ? analyst : "?",
	         (long long)sqlite3_column_int64(s, 2), on, when);
}

bool activity_holder(sqlite3 *reader, char *who, char *brief, size_t size)
{
	static const char sql[] = "SELECT analyst, host, pid, process_start, what, object, started"
	                          " FROM activity ORDER BY id";
	sqlite3_stmt *s = NULL;
	bool found = false;
	who[0] = brief[0] = '\0';
	if (sqlite3_prepare_v2(reader, sql, -1, &s, NULL) != SQLITE_OK) {
		sqlite3_finalize(s);
		return false;
	}
	while (!found && sqlite3_step(s) == SQLITE_ROW) {
		if (!activity_alive((const char *)sqlite3_column_text(s, 1),
		                    (long)sqlite3_column_int64(s, 2),
		                    (const char *)sqlite3_column_text(s, 3)))
			continue;
		activity_describe(s, true, who, size);
		activity_describe(s, false, brief, size);
		found = true;
	}
	sqlite3_finalize(s);
	return found;
}
