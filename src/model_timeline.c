/* model_timeline.c - phases, milestones and events. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "kinds.h"
#include "model.h"
#include "search.h"
#include "xalloc.h"

/* Checks an item before it is written; err says which field is wrong. */
static int model_timeline_validate(const struct timeline_item *it, jaw_err *err)
{
	char words[128];
	if (!it->title || !*it->title)
		return err_set(err, JAW_FAIL, "a timeline item needs a title");
	if (!it->kind || !model_one_of(it->kind, kinds_timeline_kind))
		return err_set(err, JAW_FAIL, "\"%s\": kind must be %s", it->title,
		               kinds_describe(kinds_timeline_kind, words, sizeof words));
	if (it->status && *it->status && !model_one_of(it->status, kinds_timeline_status))
		return err_set(err, JAW_FAIL, "\"%s\": status must be %s", it->title,
		               kinds_describe(kinds_timeline_status, words, sizeof words));
	if (!it->start_date || date_parse(it->start_date, NULL, err) != JAW_OK) {
		if (!it->start_date)
			err_set(err, JAW_FAIL, "a timeline item needs a start date");
		err_prefix(err, it->title);
		return JAW_FAIL;
	}
	if (it->end_date && *it->end_date) {
		if (date_parse(it->end_date, NULL, err) != JAW_OK) {
			err_prefix(err, it->title);
			return JAW_FAIL;
		}
		if (strcmp(it->end_date, it->start_date) < 0)
			return err_set(err, JAW_FAIL, "%s: ends (%s) before it starts (%s)", it->title,
			               it->end_date, it->start_date);
	}
	return JAW_OK;
}

/* Binds the fields of it to parameters 1-7 of s. */
static void model_timeline_bind(sqlite3_stmt *s, const struct timeline_item *it)
{
	db_bind_text(s, 1, it->kind, false);
	db_bind_text(s, 2, it->title, false);
	db_bind_text(s, 3, it->start_date, false);
	db_bind_text(s, 4, it->end_date, true);
	db_bind_text(s, 5, it->location ? it->location : "", false);
	db_bind_text(s, 6, it->status, true);
	db_bind_text(s, 7, it->notes ? it->notes : "", false);
}

int model_timeline_add(struct jaw_db *db, struct timeline_item *it, jaw_err *err)
{
	if (model_timeline_validate(it, err) != JAW_OK)
		return JAW_FAIL;
	static const char sql[] =
		"INSERT INTO timeline_item (kind, title, start_date, end_date, location, status, notes)"
		" VALUES (?, ?, ?, ?, ?, coalesce(?, 'planned'), ?)";
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return JAW_FAIL;
	model_timeline_bind(s, it);
	if (db_step_done(db, s, err) != JAW_OK)
		return JAW_FAIL;
	it->id = sqlite3_last_insert_rowid(db_sqlite(db));
	return JAW_OK;
}

int model_timeline_update(struct jaw_db *db, const struct timeline_item *it, jaw_err *err)
{
	if (model_timeline_validate(it, err) != JAW_OK)
		return JAW_FAIL;
	static const char sql[] =
		"UPDATE timeline_item SET kind = ?1, title = ?2, start_date = ?3, end_date = ?4,"
		" location = ?5, status = coalesce(?6, 'planned'), notes = ?7 WHERE id = ?8";
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return JAW_FAIL;
	model_timeline_bind(s, it);
	sqlite3_bind_int64(s, 8, it->id);
	if (db_step_done(db, s, err) != JAW_OK)
		return JAW_FAIL;
	if (sqlite3_changes(db_sqlite(db)) == 0)
		return err_set(err, JAW_FAIL, "%s: it was deleted meanwhile", it->title);
	return JAW_OK;
}

int model_timeline_delete(struct jaw_db *db, int64_t id, jaw_err *err)
{
	static const char sql[] = "DELETE FROM timeline_item WHERE id = ?";
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return JAW_FAIL;
	sqlite3_bind_int64(s, 1, id);
	return db_step_done(db, s, err);
}

int64_t model_timeline_count(struct jaw_db *db, jaw_err *err)
{
	return model_scalar(db, "SELECT count(*) FROM timeline_item", err);
}

static void model_timeline_read_row(sqlite3_stmt *s, void *row)
{
	struct timeline_item *it = row;
	it->id = sqlite3_column_int64(s, 0);
	it->kind = db_column_text_new(s, 1);
	it->title = db_column_text_new(s, 2);
	it->start_date = db_column_text_new(s, 3);
	it->end_date = db_column_text_new(s, 4);
	it->location = db_column_text_new(s, 5);
	it->status = db_column_text_new(s, 6);
	it->notes = db_column_text_new(s, 7);
	it->sources = sqlite3_column_int(s, 8);
}

static void model_timeline_clear_row(void *row)
{
	model_timeline_item_clear(row);
}

#define MODEL_TIMELINE_SELECT                                                   \
	"SELECT t.id, t.kind, t.title, t.start_date, coalesce(t.end_date, ''), t.location," \
	" t.status, t.notes, (SELECT count(*) FROM source s WHERE s.timeline_item_id = t.id)" \
	" FROM timeline_item t"

int model_timeline_page(struct jaw_db *db, int64_t offset, int limit,
                        struct timeline_item *rows, jaw_err *err)
{
	static const char sql[] =
		MODEL_TIMELINE_SELECT " ORDER BY t.start_date, t.id LIMIT ? OFFSET ?";
	return model_read_page(db, sql, offset, limit, rows, sizeof *rows, model_timeline_read_row,
	                       model_timeline_clear_row, err);
}

void model_timeline_item_clear(struct timeline_item *it)
{
	free(it->kind);
	free(it->title);
	free(it->start_date);
	free(it->end_date);
	free(it->location);
	free(it->status);
	free(it->notes);
	memset(it, 0, sizeof *it);
}

int64_t model_timeline_find(struct jaw_db *db, const char *title, jaw_err *err)
{
	return model_find_id(db, "SELECT id FROM timeline_item WHERE title = ? ORDER BY id LIMIT 1",
	                     title, err);
}

struct timeline_item *model_timeline_get_new(struct jaw_db *db, int64_t id, jaw_err *err)
{
	static const char sql[] = MODEL_TIMELINE_SELECT " WHERE t.id = ?";
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return NULL;
	sqlite3_bind_int64(s, 1, id);
	struct timeline_item *it = NULL;
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		it = xcalloc(1, sizeof *it);
		model_timeline_read_row(s, it);
	} else if (rc == SQLITE_DONE) {
		err_set(err, JAW_FAIL, "no timeline item with id %lld", (long long)id);
	} else {
		err_db(err, db_sqlite(db), sql);
	}
	sqlite3_reset(s);
	return it;
}

void model_timeline_item_free(struct timeline_item *it)
{
	if (!it)
		return;
	model_timeline_item_clear(it);
	free(it);
}

static void model_bind_text1(sqlite3_stmt *s, const void *text)
{
	db_bind_text(s, 1, text, false);
}

static void model_bind_id1(sqlite3_stmt *s, const void *id)
{
	sqlite3_bind_int64(s, 1, *(const int64_t *)id);
}

int64_t model_timeline_position_of_date(struct jaw_db *db, const char *date, jaw_err *err)
{
	if (date_parse(date, NULL, err) != JAW_OK)
		return -1;
	static const char sql[] =
		"SELECT min((SELECT count(*) FROM timeline_item WHERE start_date < ?1),"
		" max(0, (SELECT count(*) FROM timeline_item) - 1))";
	return model_count_bound(db, sql, model_bind_text1, date, err);
}

int64_t model_timeline_position_of_id(struct jaw_db *db, int64_t id, jaw_err *err)
{
	static const char sql[] =
		"SELECT coalesce((SELECT count(*) FROM timeline_item t, timeline_item x"
		" WHERE x.id = ?1 AND (t.start_date < x.start_date"
		" OR (t.start_date = x.start_date AND t.id < x.id))"
		" HAVING (SELECT count(*) FROM timeline_item WHERE id = ?1) > 0), -1)";
	return model_count_bound(db, sql, model_bind_id1, &id, err);
}

int64_t model_timeline_search(struct jaw_db *db, const char *text, int64_t from,
                              enum model_dir dir, jaw_err *err)
{
	static const struct search_list list = {
		.rows = "FROM timeline_item t WHERE 1",
		.keys = "FROM timeline_item t WHERE 1",
		.key = {"t.start_date", "t.id"},
		.nkey = 2,
		.match = SEARCH_HAS("t.title, t.location"),
		.count = "SELECT count(*) FROM timeline_item",
		.ranged = true,
		.lookahead = SEARCH_LOOKAHEAD,
	};
	return search_list_find(db, &list, text, from, dir, err);
}

int model_timeline_span(struct jaw_db *db, char *first, char *last, jaw_err *err)
{
	static const char sql[] =
		"SELECT coalesce(min(start_date), ''), coalesce(max(coalesce(end_date, start_date)), '')"
		" FROM timeline_item";
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return JAW_FAIL;
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		snprintf(first, 11, "%.10s", (const char *)sqlite3_column_text(s, 0));
		snprintf(last, 11, "%.10s", (const char *)sqlite3_column_text(s, 1));
	}
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? JAW_OK : err_db(err, db_sqlite(db), sql);
}
