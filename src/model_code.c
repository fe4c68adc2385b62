/* model_code.c - the codebook. */
#include "config.h"

#include <ctype.h>
#include <string.h>

#include "xalloc.h"

#include "model.h"

/* True for "" and #RRGGBB. */
static bool model_colour_valid(const char *c)
{
	if (!*c)
		return true;
	if (c[0] != '#' || strlen(c) != 7)
		return false;
	for (int i = 1; i < 7; i++)
		if (!isxdigit((unsigned char)c[i]))
			return false;
	return true;
}

int model_code_add(struct jaw_db *db, struct code *c, jaw_err *err)
{
	if (!c->name || !*c->name)
		return err_set(err, JAW_FAIL, "a code needs a name");
	if (c->colour && !model_colour_valid(c->colour))
		return err_set(err, JAW_FAIL, "%s: colour \"%s\" is not #RRGGBB", c->name, c->colour);
	if (c->quick_key < 0 || c->quick_key > 9)
		return err_set(err, JAW_FAIL, "%s: quick keys go from 1 to 9", c->name);
	static const char sql[] =
		"INSERT INTO code (parent_id, name, description, colour, quick_key, position)"
		" VALUES (?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return JAW_FAIL;
	if (c->parent_id > 0)
		sqlite3_bind_int64(s, 1, c->parent_id);
	db_bind_text(s, 2, c->name, false);
	db_bind_text(s, 3, c->description ? c->description : "", false);
	db_bind_text(s, 4, c->colour ? c->colour : "", false);
	if (c->quick_key > 0)
		sqlite3_bind_int(s, 5, c->quick_key);
	sqlite3_bind_int(s, 6, c->position);
	if (sqlite3_step(s) != SQLITE_DONE) {
		int ext = sqlite3_extended_errcode(db_sqlite(db));
		bool key = strstr(sqlite3_errmsg(db_sqlite(db)), "quick_key") != NULL;
		sqlite3_reset(s);
		if (ext == SQLITE_CONSTRAINT_UNIQUE && key)
			return err_set(err, JAW_FAIL, "%s: quick key %d is taken by another code",
			               c->name, c->quick_key);
		if (ext == SQLITE_CONSTRAINT_UNIQUE)
			return err_set(err, JAW_FAIL, "%s: there is a code of that name there already",
			               c->name);
		return err_db(err, db_sqlite(db), sql);
	}
	sqlite3_reset(s);
	c->id = sqlite3_last_insert_rowid(db_sqlite(db));
	return JAW_OK;
}

int64_t model_code_find(struct jaw_db *db, const char *name, jaw_err *err)
{
	return model_find_id(db, "SELECT id FROM code WHERE name = ? ORDER BY id LIMIT 1", name,
	                     err);
}

int64_t model_code_count(struct jaw_db *db, jaw_err *err)
{
	return model_scalar(db, "SELECT count(*) FROM code", err);
}

char *model_code_colour_new(struct jaw_db *db, int64_t id, jaw_err *err)
{
	static const char sql[] =
		"WITH RECURSIVE up (id, colour, depth) AS (SELECT id, colour, 0 FROM code WHERE id = ?"
		" UNION ALL SELECT c.parent_id, p.colour, up.depth + 1 FROM up JOIN code c ON c.id = up.id"
		" JOIN code p ON p.id = c.parent_id WHERE up.colour = '' AND up.depth < 64)"
		" SELECT colour FROM up WHERE colour <> '' ORDER BY depth LIMIT 1";
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return NULL;
	sqlite3_bind_int64(s, 1, id);
	int rc = sqlite3_step(s);
	char *colour = rc == SQLITE_ROW ? db_column_text_new(s, 0) : NULL;
	if (rc == SQLITE_DONE)
		colour = xstrdup("");
	else if (rc != SQLITE_ROW)
		err_db(err, db_sqlite(db), sql);
	sqlite3_reset(s);
	return colour;
}
