/* model_timeline.c - phases, milestones and events. */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "model.h"

/* Checks an item before it is written; err says which field is wrong. */
static int model_timeline_validate(const struct timeline_item *it, jaw_err *err)
{
	static const char *const kinds[] = {"phase", "milestone", "event", NULL};
	static const char *const statuses[] = {"planned", "active", "done", "cancelled", NULL};
	if (!it->title || !*it->title)
		return err_set(err, JAW_FAIL, "a timeline item needs a title");
	if (!it->kind || !model_one_of(it->kind, kinds))
		return err_set(err, JAW_FAIL, "\"%s\": kind must be phase, milestone or event",
		               it->title);
	if (it->status && *it->status && !model_one_of(it->status, statuses))
		return err_set(err, JAW_FAIL,
		               "\"%s\": status must be planned, active, done or cancelled", it->title);
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
	db_bind_text(s, 1, it->kind, false);
	db_bind_text(s, 2, it->title, false);
	db_bind_text(s, 3, it->start_date, false);
	db_bind_text(s, 4, it->end_date, true);
	db_bind_text(s, 5, it->location ? it->location : "", false);
	db_bind_text(s, 6, it->status, true);
	db_bind_text(s, 7, it->notes ? it->notes : "", false);
	if (db_step_done(db, s, err) != JAW_OK)
		return JAW_FAIL;
	it->id = sqlite3_last_insert_rowid(db_sqlite(db));
	return JAW_OK;
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

int model_timeline_page(struct jaw_db *db, int64_t offset, int limit,
                        struct timeline_item *rows, jaw_err *err)
{
	static const char sql[] =
		"SELECT t.id, t.kind, t.title, t.start_date, coalesce(t.end_date, ''), t.location,"
		" t.status, t.notes,"
		" (SELECT count(*) FROM source s WHERE s.timeline_item_id = t.id)"
		" FROM timeline_item t ORDER BY t.start_date, t.id LIMIT ? OFFSET ?";
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
