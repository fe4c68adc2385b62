/* cmd_log.c - jaw log FILE [--since WHEN] [--analyst NAME]: the audit
 * journal, oldest first: when, who, what (and whether it was undone). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "date.h"
#include "project_schema.h"
#include "safeout.h"

/* True if text is a valid date YYYY-MM-DD. */
static bool cmd_log_is_date(const char *text)
{
	struct date d;
	jaw_err err;
	err_clear(&err);
	return date_parse(text, &d, &err) == JAW_OK;
}

/* --since: a date (YYYY-MM-DD, from its start) or a time as the journal
 * writes them (YYYY-MM-DDTHH:MM:SSZ), into since ("" for none). */
static int cmd_log_since(const struct cmd_args *a, char *since, size_t size)
{
	const char *v = cmd_value(a, "since");
	since[0] = '\0';
	if (!v)
		return JAW_OK;
	char date[11] = "";
	int h = 99, mi = 99, s = 99;
	char z = 0;
	snprintf(date, sizeof date, "%s", v);
	bool ok = cmd_log_is_date(date) &&
	          (strlen(v) == 10 ||
	           (strlen(v) == 20 && sscanf(v + 10, "T%2d:%2d:%2d%c", &h, &mi, &s, &z) == 4 &&
	            z == 'Z' && h < 24 && mi < 60 && s < 61));
	if (!ok)
		return cmd_usage(a, "--since takes a date (YYYY-MM-DD) or a time"
		                 " (YYYY-MM-DDTHH:MM:SSZ), not \"%s\"", v);
	snprintf(since, size, "%s", v);
	return JAW_OK;
}

int cmd_log(const struct cmd_args *a)
{
	char since[32];
	int rc = cmd_log_since(a, since, sizeof since);
	if (rc != JAW_OK)
		return rc;
	const char *analyst = cmd_value(a, "analyst");
	jaw_err err;
	err_clear(&err);
	struct jaw_db *db = NULL;
	if (db_open(a->words[0], DB_OPEN_READONLY, &project_schema, &db, &err) != JAW_OK)
		return cmd_fail(JAW_FAIL, err.msg);
	static const char sql[] =
		"SELECT at, analyst, action, summary, undone FROM journal"
		" WHERE (?1 = '' OR at >= ?1) AND (?2 IS NULL OR analyst = ?2) ORDER BY id";
	sqlite3_stmt *s = db_stmt(db, sql, &err);
	if (!s) {
		db_close(db);
		return cmd_fail(JAW_FAIL, err.msg);
	}
	sqlite3_bind_text(s, 1, since, -1, SQLITE_TRANSIENT);
	db_bind_text(s, 2, analyst, false);
	int step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		const char *summary = (const char *)sqlite3_column_text(s, 3);
		safeout_printf(stdout, "%s  %s  %s: %s%s\n", sqlite3_column_text(s, 0),
		               sqlite3_column_text(s, 1), sqlite3_column_text(s, 2),
		               summary && *summary ? summary : "(no summary)",
		               sqlite3_column_int(s, 4) ? " (undone)" : "");
	}
	int status = 0;
	if (step != SQLITE_DONE)
		status = cmd_fail(JAW_FAIL, sqlite3_errmsg(db_sqlite(db)));
	sqlite3_reset(s);
	db_close(db);
	return status;
}
