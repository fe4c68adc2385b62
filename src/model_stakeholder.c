/* model_stakeholder.c - the stakeholder register. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "kinds.h"
#include "model.h"
#include "search.h"
#include "xalloc.h"

static int model_stakeholder_validate(struct jaw_db *db, struct stakeholder *s, jaw_err *err)
{
	char words[128];
	if (!s->name || !*s->name)
		return err_set(err, JAW_FAIL, "a stakeholder needs a name");
	if (!s->kind || !model_one_of(s->kind, kinds_stakeholder_kind))
		return err_set(err, JAW_FAIL, "%s: kind must be %s", s->name,
		               kinds_describe(kinds_stakeholder_kind, words, sizeof words));
	if (s->attitude && *s->attitude && !model_one_of(s->attitude, kinds_stakeholder_attitude))
		return err_set(err, JAW_FAIL, "%s: attitude must be %s", s->name,
		               kinds_describe(kinds_stakeholder_attitude, words, sizeof words));
	if (s->power < 0 || s->power > 5 || s->interest < 0 || s->interest > 5)
		return err_set(err, JAW_FAIL, "%s: power and interest go from 1 to 5", s->name);
	if (s->parent_id == 0 && s->parent_name && *s->parent_name) {
		s->parent_id = model_find_id(db, "SELECT id FROM stakeholder WHERE name = ?"
		                             " AND kind = 'organisation' ORDER BY id LIMIT 1",
		                             s->parent_name, err);
		if (s->parent_id < 0)
			return JAW_FAIL;
		if (s->parent_id == 0)
			return err_set(err, JAW_FAIL, "%s: no organisation called \"%s\"", s->name,
			               s->parent_name);
	}
	return JAW_OK;
}

static void model_stakeholder_bind(sqlite3_stmt *s, const struct stakeholder *st);

static int model_stakeholder_insert(struct jaw_db *db, struct stakeholder *st, jaw_err *err)
{
	if (model_stakeholder_validate(db, st, err) != JAW_OK)
		return JAW_FAIL;
	static const char sql[] =
		"INSERT INTO stakeholder (kind, name, parent_id, role, power, interest, attitude,"
		" contact, notes) VALUES (?, ?, ?, ?, ?, ?, coalesce(?, 'unknown'), ?, ?)";
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return JAW_FAIL;
	model_stakeholder_bind(s, st);
	if (db_step_done(db, s, err) != JAW_OK)
		return JAW_FAIL;
	st->id = sqlite3_last_insert_rowid(db_sqlite(db));
	return JAW_OK;
}

/* Binds the fields of st to parameters 1-9 of s. */
static void model_stakeholder_bind(sqlite3_stmt *s, const struct stakeholder *st)
{
	db_bind_text(s, 1, st->kind, false);
	db_bind_text(s, 2, st->name, false);
	if (st->parent_id > 0)
		sqlite3_bind_int64(s, 3, st->parent_id);
	db_bind_text(s, 4, st->role ? st->role : "", false);
	if (st->power > 0)
		sqlite3_bind_int(s, 5, st->power);
	if (st->interest > 0)
		sqlite3_bind_int(s, 6, st->interest);
	db_bind_text(s, 7, st->attitude, true);
	db_bind_text(s, 8, st->contact ? st->contact : "", false);
	db_bind_text(s, 9, st->notes ? st->notes : "", false);
}

int64_t model_stakeholder_count(struct jaw_db *db, jaw_err *err)
{
	return model_scalar(db, "SELECT count(*) FROM stakeholder", err);
}

static void model_stakeholder_read_row(sqlite3_stmt *s, void *row)
{
	struct stakeholder *st = row;
	st->id = sqlite3_column_int64(s, 0);
	st->parent_id = sqlite3_column_int64(s, 1);
	st->kind = db_column_text_new(s, 2);
	st->name = db_column_text_new(s, 3);
	st->parent_name = db_column_text_new(s, 4);
	st->role = db_column_text_new(s, 5);
	st->power = sqlite3_column_int(s, 6);
	st->interest = sqlite3_column_int(s, 7);
	st->attitude = db_column_text_new(s, 8);
	st->contact = db_column_text_new(s, 9);
	st->notes = db_column_text_new(s, 10);
	st->sources = sqlite3_column_int(s, 11);
	st->depth = sqlite3_column_int(s, 12);
}

static void model_stakeholder_clear_row(void *row)
{
	model_stakeholder_clear(row);
}

int model_stakeholder_page(struct jaw_db *db, int64_t offset, int limit,
                           struct stakeholder *rows, jaw_err *err)
{
	/* The register as a tree: each organisation followed by its
	 * sub-organisations, then its people, each group in name order (see
	 * model_stakeholder_order.c). */
	static const char sql[] =
		"SELECT s.id, coalesce(s.parent_id, 0), s.kind, s.name, coalesce(p.name, ''), s.role,"
		" coalesce(s.power, 0), coalesce(s.interest, 0), s.attitude, s.contact, s.notes,"
		" (SELECT count(*) FROM source x WHERE x.stakeholder_id = s.id),"
		" length(s.sort_key) - length(replace(s.sort_key, char(31), ''))"
		" FROM (SELECT id FROM stakeholder ORDER BY sort_key, id LIMIT ? OFFSET ?) AS page"
		" JOIN stakeholder s ON s.id = page.id LEFT JOIN stakeholder p ON p.id = s.parent_id"
		" ORDER BY s.sort_key, s.id";
	return model_read_page(db, sql, offset, limit, rows, sizeof *rows,
	                       model_stakeholder_read_row, model_stakeholder_clear_row, err);
}

void model_stakeholder_clear(struct stakeholder *s)
{
	free(s->kind);
	free(s->name);
	free(s->parent_name);
	free(s->role);
	free(s->attitude);
	free(s->contact);
	free(s->notes);
	memset(s, 0, sizeof *s);
}

int64_t model_stakeholder_find(struct jaw_db *db, const char *name, jaw_err *err)
{
	return model_find_id(db, "SELECT id FROM stakeholder WHERE name = ? ORDER BY id LIMIT 1",
	                     name, err);
}

#define MODEL_STAKEHOLDER_SELECT                                                   \
	"SELECT s.id, coalesce(s.parent_id, 0), s.kind, s.name, coalesce(p.name, ''), s.role," \
	" coalesce(s.power, 0), coalesce(s.interest, 0), s.attitude, s.contact, s.notes,"    \
	" (SELECT count(*) FROM source x WHERE x.stakeholder_id = s.id), 0"                 \
	" FROM stakeholder s LEFT JOIN stakeholder p ON p.id = s.parent_id"

struct stakeholder *model_stakeholder_get_new(struct jaw_db *db, int64_t id, jaw_err *err)
{
	static const char sql[] = MODEL_STAKEHOLDER_SELECT " WHERE s.id = ?";
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return NULL;
	sqlite3_bind_int64(s, 1, id);
	struct stakeholder *st = NULL;
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		st = xcalloc(1, sizeof *st);
		model_stakeholder_read_row(s, st);
	} else if (rc == SQLITE_DONE) {
		err_set(err, JAW_FAIL, "no stakeholder with id %lld", (long long)id);
	} else {
		err_db(err, db_sqlite(db), sql);
	}
	sqlite3_reset(s);
	return st;
}

void model_stakeholder_free(struct stakeholder *s)
{
	if (!s)
		return;
	model_stakeholder_clear(s);
	free(s);
}

/* Refuses a parent that is the stakeholder itself or one of its members. */
static int model_stakeholder_check_cycle(struct jaw_db *db, const struct stakeholder *st,
                                         jaw_err *err)
{
	if (st->parent_id == 0)
		return JAW_OK;
	static const char sql[] =
		"WITH RECURSIVE up (id, depth) AS (SELECT ?1, 0 UNION ALL"
		" SELECT s.parent_id, up.depth + 1 FROM stakeholder s JOIN up ON s.id = up.id"
		" WHERE s.parent_id IS NOT NULL AND up.depth < 64)"
		" SELECT count(*) FROM up WHERE id = ?2";
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return JAW_FAIL;
	sqlite3_bind_int64(s, 1, st->parent_id);
	sqlite3_bind_int64(s, 2, st->id);
	int64_t loops = 0;
	if (db_step_int64(db, s, &loops, err) != JAW_OK)
		return JAW_FAIL;
	if (loops > 0)
		return err_set(err, JAW_FAIL, "%s cannot belong to \"%s\": that is itself or one of "
		               "its members", st->name, st->parent_name ? st->parent_name : "");
	return JAW_OK;
}

static int model_stakeholder_write(struct jaw_db *db, struct stakeholder *st, jaw_err *err)
{
	if (st->parent_name)
		st->parent_id = 0; /* the parent is given by name */
	if (model_stakeholder_validate(db, st, err) != JAW_OK ||
	    model_stakeholder_check_cycle(db, st, err) != JAW_OK)
		return JAW_FAIL;
	static const char sql[] =
		"UPDATE stakeholder SET kind = ?1, name = ?2, parent_id = ?3, role = ?4, power = ?5,"
		" interest = ?6, attitude = coalesce(?7, 'unknown'), contact = ?8, notes = ?9"
		" WHERE id = ?10";
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return JAW_FAIL;
	model_stakeholder_bind(s, st);
	sqlite3_bind_int64(s, 10, st->id);
	if (db_step_done(db, s, err) != JAW_OK)
		return JAW_FAIL;
	if (sqlite3_changes(db_sqlite(db)) == 0)
		return err_set(err, JAW_FAIL, "%s: it was deleted meanwhile", st->name);
	return JAW_OK;
}

static int model_stakeholder_remove(struct jaw_db *db, int64_t id, jaw_err *err)
{
	static const char sql[] = "DELETE FROM stakeholder WHERE id = ?";
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return JAW_FAIL;
	sqlite3_bind_int64(s, 1, id);
	return db_step_done(db, s, err);
}

static void model_stakeholder_bind_id(sqlite3_stmt *s, const void *id)
{
	sqlite3_bind_int64(s, 1, *(const int64_t *)id);
}

int64_t model_stakeholder_members(struct jaw_db *db, int64_t id, jaw_err *err)
{
	return model_count_bound(db, "SELECT count(*) FROM stakeholder WHERE parent_id = ?",
	                         model_stakeholder_bind_id, &id, err);
}

int64_t model_stakeholder_position_of_id(struct jaw_db *db, int64_t id, jaw_err *err)
{
	static const char sql[] =
		"SELECT coalesce((SELECT count(*) FROM stakeholder s, stakeholder x WHERE x.id = ?1"
		" AND (s.sort_key, s.id) < (x.sort_key, x.id)"
		" HAVING (SELECT count(*) FROM stakeholder WHERE id = ?1) > 0), -1)";
	return model_count_bound(db, sql, model_stakeholder_bind_id, &id, err);
}

int64_t model_stakeholder_search(struct jaw_db *db, const char *text, int64_t from,
                                 enum model_dir dir, jaw_err *err)
{
	static const struct search_list list = {
		.rows = "FROM stakeholder s WHERE 1",
		.keys = "FROM stakeholder s WHERE 1",
		.key = {"s.sort_key", "s.id"},
		.nkey = 2,
		.match = SEARCH_HAS("s.name, s.role"),
		.count = "SELECT count(*) FROM stakeholder",
		.ranged = true,
		.lookahead = SEARCH_LOOKAHEAD,
	};
	/* the order has no gaps, as the pages have it */
	if (model_stakeholder_prepare_order(db, err) != JAW_OK)
		return -2;
	return search_list_find(db, &list, text, from, dir, err);
}

struct model_quadrant {
	bool high_power, high_interest;
};

static void model_stakeholder_bind_quadrant(sqlite3_stmt *s, const void *ctx)
{
	const struct model_quadrant *q = ctx;
	sqlite3_bind_int(s, 1, q->high_power);
	sqlite3_bind_int(s, 2, q->high_interest);
}

#define MODEL_QUADRANT_WHERE                                                     \
	" WHERE s.power IS NOT NULL AND s.interest IS NOT NULL"                      \
	" AND (s.power >= 3) = ?1 AND (s.interest >= 3) = ?2"

int model_stakeholder_quadrant(struct jaw_db *db, bool high_power, bool high_interest,
                               int limit, struct stakeholder *rows, jaw_err *err)
{
	static const char sql[] = MODEL_STAKEHOLDER_SELECT MODEL_QUADRANT_WHERE
		" ORDER BY s.power + s.interest DESC, s.name, s.id LIMIT ? OFFSET ?";
	struct model_quadrant q = {high_power, high_interest};
	return model_read_page_bound(db, sql, model_stakeholder_bind_quadrant, &q, 0, limit, rows,
	                             sizeof *rows, model_stakeholder_read_row,
	                             model_stakeholder_clear_row, err);
}

int64_t model_stakeholder_quadrant_count(struct jaw_db *db, bool high_power,
                                         bool high_interest, jaw_err *err)
{
	static const char sql[] = "SELECT count(*) FROM stakeholder s" MODEL_QUADRANT_WHERE;
	struct model_quadrant q = {high_power, high_interest};
	return model_count_bound(db, sql, model_stakeholder_bind_quadrant, &q, err);
}

/* Ends a change: commits it (rc == JAW_OK) or rolls it back. */
static int model_stakeholder_finish(struct jaw_db *db, int rc, jaw_err *err)
{
	if (rc != JAW_OK) {
		db_rollback(db);
		return rc;
	}
	return db_commit(db, err);
}

int model_stakeholder_add(struct jaw_db *db, struct stakeholder *st, jaw_err *err)
{
	if (db_begin(db, err) != JAW_OK)
		return JAW_FAIL;
	int rc = model_stakeholder_insert(db, st, err);
	if (rc == JAW_OK)
		rc = model_stakeholder_rekey(db, st->id, err);
	return model_stakeholder_finish(db, rc, err);
}

int model_stakeholder_update(struct jaw_db *db, struct stakeholder *st, jaw_err *err)
{
	if (db_begin(db, err) != JAW_OK)
		return JAW_FAIL;
	int rc = model_stakeholder_write(db, st, err);
	if (rc == JAW_OK)
		rc = model_stakeholder_rekey(db, st->id, err);
	return model_stakeholder_finish(db, rc, err);
}

int model_stakeholder_delete(struct jaw_db *db, int64_t id, jaw_err *err)
{
	/* its members go to the top of the register: they move in the order */
	static const char members[] = "SELECT id FROM stakeholder WHERE parent_id = ?";
	if (db_begin(db, err) != JAW_OK)
		return JAW_FAIL;
	sqlite3_stmt *s = db_stmt(db, members, err);
	int64_t *ids = NULL;
	size_t n = 0, cap = 0;
	int rc = s ? JAW_OK : JAW_FAIL;
	if (s) {
		sqlite3_bind_int64(s, 1, id);
		while (sqlite3_step(s) == SQLITE_ROW) {
			if (n == cap)
				ids = xreallocarray(ids, cap = cap ? cap * 2 : 16, sizeof *ids);
			ids[n++] = sqlite3_column_int64(s, 0);
		}
		sqlite3_reset(s);
	}
	if (rc == JAW_OK)
		rc = model_stakeholder_remove(db, id, err);
	for (size_t i = 0; rc == JAW_OK && i < n; i++)
		rc = model_stakeholder_rekey(db, ids[i], err);
	free(ids);
	return model_stakeholder_finish(db, rc, err);
}
