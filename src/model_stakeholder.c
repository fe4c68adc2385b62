/* model_stakeholder.c - the stakeholder register. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model.h"

static int model_stakeholder_validate(struct jaw_db *db, struct stakeholder *s, jaw_err *err)
{
	static const char *const kinds[] = {"organisation", "person", NULL};
	static const char *const attitudes[] = {"supportive", "neutral", "resistant", "unknown",
	                                        NULL};
	if (!s->name || !*s->name)
		return err_set(err, JAW_FAIL, "a stakeholder needs a name");
	if (!s->kind || !model_one_of(s->kind, kinds))
		return err_set(err, JAW_FAIL, "%s: kind must be organisation or person", s->name);
	if (s->attitude && *s->attitude && !model_one_of(s->attitude, attitudes))
		return err_set(err, JAW_FAIL,
		               "%s: attitude must be supportive, neutral, resistant or unknown",
		               s->name);
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

int model_stakeholder_add(struct jaw_db *db, struct stakeholder *st, jaw_err *err)
{
	if (model_stakeholder_validate(db, st, err) != JAW_OK)
		return JAW_FAIL;
	static const char sql[] =
		"INSERT INTO stakeholder (kind, name, parent_id, role, power, interest, attitude,"
		" contact, notes) VALUES (?, ?, ?, ?, ?, ?, coalesce(?, 'unknown'), ?, ?)";
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return JAW_FAIL;
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
	if (db_step_done(db, s, err) != JAW_OK)
		return JAW_FAIL;
	st->id = sqlite3_last_insert_rowid(db_sqlite(db));
	return JAW_OK;
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
	 * sub-organisations, then its people, each group in name order. The
	 * sort key is the path of names from the top, each name prefixed by
	 * 0 (organisation) or 1 (person) and separated by U+001F. */
	static const char sql[] =
		"WITH RECURSIVE tree (id, depth, path) AS ("
		" SELECT id, 0, (kind = 'person') || name FROM stakeholder WHERE parent_id IS NULL"
		" UNION ALL SELECT c.id, t.depth + 1, t.path || char(31) || (c.kind = 'person') || c.name"
		" FROM stakeholder c JOIN tree t ON c.parent_id = t.id WHERE t.depth < 32)"
		" SELECT s.id, coalesce(s.parent_id, 0), s.kind, s.name, coalesce(p.name, ''), s.role,"
		" coalesce(s.power, 0), coalesce(s.interest, 0), s.attitude, s.contact, s.notes,"
		" (SELECT count(*) FROM source x WHERE x.stakeholder_id = s.id), tree.depth"
		" FROM tree JOIN stakeholder s ON s.id = tree.id"
		" LEFT JOIN stakeholder p ON p.id = s.parent_id"
		" ORDER BY tree.path, s.id LIMIT ? OFFSET ?";
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
