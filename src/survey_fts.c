/* survey_fts.c - the full-text index of one survey's open answers. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "survey_fts.h"
#include "xalloc.h"

void survey_fts_name(int64_t survey_id, char name[SURVEY_FTS_NAME_MAX])
{
	snprintf(name, SURVEY_FTS_NAME_MAX, "survey_fts_%" PRId64, survey_id);
}

int survey_fts_create(struct jaw_db *db, int64_t survey_id, int64_t first, int64_t last,
                      jaw_err *err)
{
	/* Answers keep their ids and their kind: the range names them. */
	char *sql = xasprintf(
		"CREATE VIEW survey_answer_%1$" PRId64 " AS SELECT id, text FROM source"
		" WHERE kind = 'survey_answer' AND id BETWEEN %2$" PRId64 " AND %3$" PRId64 ";\n"
		"CREATE VIRTUAL TABLE survey_fts_%1$" PRId64 " USING fts5 (text,"
		" content = 'survey_answer_%1$" PRId64 "', content_rowid = 'id', columnsize = 0);\n"
		"CREATE TRIGGER survey_fts_%1$" PRId64 "_delete AFTER DELETE ON source"
		" WHEN old.kind = 'survey_answer' AND old.id BETWEEN %2$" PRId64 " AND %3$" PRId64
		" BEGIN INSERT INTO survey_fts_%1$" PRId64 " (survey_fts_%1$" PRId64 ", rowid, text)"
		" VALUES ('delete', old.id, old.text); END;\n"
		"CREATE TRIGGER survey_fts_%1$" PRId64 "_update AFTER UPDATE OF kind, text ON source"
		" WHEN old.id BETWEEN %2$" PRId64 " AND %3$" PRId64 " BEGIN"
		" INSERT INTO survey_fts_%1$" PRId64 " (survey_fts_%1$" PRId64 ", rowid, text)"
		" SELECT 'delete', old.id, old.text WHERE old.kind = 'survey_answer';"
		" INSERT INTO survey_fts_%1$" PRId64 " (rowid, text)"
		" SELECT new.id, new.text WHERE new.kind = 'survey_answer'; END;\n"
		"UPDATE survey SET first_source = %2$" PRId64 ", last_source = %3$" PRId64
		" WHERE id = %1$" PRId64 ";",
		survey_id, first, last);
	int rc = db_exec(db, sql, err);
	free(sql);
	return rc;
}

int survey_fts_rebuild(struct jaw_db *db, int64_t survey_id, jaw_err *err)
{
	char name[SURVEY_FTS_NAME_MAX];
	survey_fts_name(survey_id, name);
	char *sql = xasprintf("INSERT INTO %s (%s) VALUES ('rebuild')", name, name);
	int rc = db_exec(db, sql, err);
	free(sql);
	return rc;
}

int survey_fts_range(struct jaw_db *db, int64_t survey_id, int64_t *first, int64_t *last,
                     jaw_err *err)
{
	static const char sql[] =
		"SELECT coalesce(min(s.id), 0), coalesce(max(s.id), -1) FROM survey_column c"
		" JOIN source s ON s.column_id = c.id WHERE c.survey_id = ?";
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return JAW_FAIL;
	sqlite3_bind_int64(s, 1, survey_id);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*first = sqlite3_column_int64(s, 0);
		*last = sqlite3_column_int64(s, 1);
	}
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? JAW_OK : err_db(err, db_sqlite(db), sql);
}

int survey_fts_create_missing(struct jaw_db *db, jaw_err *err)
{
	static const char sql[] =
		"SELECT id FROM survey WHERE NOT EXISTS (SELECT 1 FROM sqlite_master"
		" WHERE type = 'table' AND name = 'survey_fts_' || survey.id) ORDER BY id";
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return JAW_FAIL;
	int64_t ids[64];
	int n = 0, rc;
	/* a few at a time: creating tables while the query runs is not allowed */
	while (n < 64 && (rc = sqlite3_step(s)) == SQLITE_ROW)
		ids[n++] = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	for (int i = 0; i < n; i++) {
		int64_t first, last;
		if (survey_fts_range(db, ids[i], &first, &last, err) != JAW_OK ||
		    survey_fts_create(db, ids[i], first, last, err) != JAW_OK ||
		    survey_fts_rebuild(db, ids[i], err) != JAW_OK)
			return JAW_FAIL;
	}
	return n == 64 ? survey_fts_create_missing(db, err) : JAW_OK;
}

int survey_fts_each(struct jaw_db *db, int (*fn)(void *ctx, const char *table), void *ctx,
                    jaw_err *err)
{
	static const char sql[] =
		"SELECT name FROM sqlite_master WHERE type = 'table'"
		" AND name GLOB 'survey_fts_[0-9]*' AND sql LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name";
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return -1;
	int stop = 0, rc;
	while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW)
		stop = fn(ctx, (const char *)sqlite3_column_text(s, 0));
	if (!stop && rc != SQLITE_DONE) {
		err_db(err, db_sqlite(db), sql);
		stop = -1;
	}
	sqlite3_reset(s);
	return stop;
}

/* What checking the surveys' indexes needs. */
struct survey_fts_checking {
	struct jaw_db *db;
	db_report_fn report;
	void *ctx;
	int problems;
};

static int survey_fts_check_one(void *arg, const char *table)
{
	struct survey_fts_checking *c = arg;
	c->problems += db_check_fts5(c->db, table, c->report, c->ctx);
	return 0;
}

int survey_fts_check(struct jaw_db *db, db_report_fn report, void *ctx, jaw_err *err)
{
	struct survey_fts_checking c = {db, report, ctx, 0};
	return survey_fts_each(db, survey_fts_check_one, &c, err) < 0 ? -1 : c.problems;
}
