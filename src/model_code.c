/* model_code.c - the codebook. */
#include "config.h"

#include <string.h>

#include "xalloc.h"

#include "model.h"

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
