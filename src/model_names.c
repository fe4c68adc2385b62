/* model_names.c - what a name typed for a record can mean: every record of
 * a kind called exactly that, with a label that tells records of the same
 * name apart (the organisation a person or unit belongs to, an event's
 * date, a code's place in the codebook). Forms and :filter ask which one
 * when there are several. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "xalloc.h"

/* The queries: ?1 is the name; each gives id and label, in id order. */
static const char *const model_name_sql[MODEL_NAME_KINDS] = {
	[MODEL_NAME_ORGANISATION] =
		"SELECT s.id, s.name || coalesce(' (in ' || p.name || ')', ' (at the top)')"
		" FROM stakeholder s LEFT JOIN stakeholder p ON p.id = s.parent_id"
		" WHERE s.name = ?1 AND s.kind = 'organisation' ORDER BY s.id LIMIT ?2",
	[MODEL_NAME_STAKEHOLDER] =
		"SELECT s.id, s.name || ' (' || s.kind || coalesce(' in ' || p.name, '')"
		" || coalesce(', ' || nullif(s.role, ''), '') || ')'"
		" FROM stakeholder s LEFT JOIN stakeholder p ON p.id = s.parent_id"
		" WHERE s.name = ?1 ORDER BY s.id LIMIT ?2",
	[MODEL_NAME_EVENT] =
		"SELECT id, title || ' (' || kind || ', ' || start_date"
		" || coalesce(' to ' || end_date, '') || coalesce(', ' || nullif(location, ''), '') || ')'"
		" FROM timeline_item WHERE title = ?1 ORDER BY id LIMIT ?2",
	[MODEL_NAME_CODE] =
		"WITH RECURSIVE up(id, code, name, path) AS (SELECT id, id, name, name FROM code"
		" WHERE name = ?1 UNION ALL SELECT c.parent_id, up.code, p.name, p.name || '/' || up.path"
		" FROM up JOIN code c ON c.id = up.id JOIN code p ON p.id = c.parent_id)"
		" SELECT code, path FROM up WHERE id NOT IN (SELECT id FROM code WHERE parent_id"
		" IS NOT NULL) ORDER BY code LIMIT ?2",
};

static const char *const model_name_count_sql[MODEL_NAME_KINDS] = {
	[MODEL_NAME_ORGANISATION] =
		"SELECT count(*) FROM stakeholder WHERE name = ?1 AND kind = 'organisation'",
	[MODEL_NAME_STAKEHOLDER] = "SELECT count(*) FROM stakeholder WHERE name = ?1",
	[MODEL_NAME_EVENT] = "SELECT count(*) FROM timeline_item WHERE title = ?1",
	[MODEL_NAME_CODE] = "SELECT count(*) FROM code WHERE name = ?1",
};

static void model_name_bind(sqlite3_stmt *s, const void *name)
{
	db_bind_text(s, 1, name, false);
}

int64_t model_name_matches(struct jaw_db *db, enum model_name_kind kind, const char *name,
                           int limit, struct model_name_match *rows, int *nrows, jaw_err *err)
{
	*nrows = 0;
	int64_t total = model_count_bound(db, model_name_count_sql[kind], model_name_bind, name,
	                                  err);
	if (total <= 0 || limit <= 0)
		return total;
	const char *sql = model_name_sql[kind];
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return -1;
	db_bind_text(s, 1, name, false);
	sqlite3_bind_int(s, 2, limit);
	int rc;
	while (*nrows < limit && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		rows[*nrows].id = sqlite3_column_int64(s, 0);
		rows[*nrows].label = db_column_text_new(s, 1);
		(*nrows)++;
	}
	if (*nrows < limit && rc != SQLITE_DONE) {
		err_db(err, db_sqlite(db), sql);
		while (*nrows > 0)
			model_name_match_clear(&rows[--*nrows]);
		total = -1;
	}
	sqlite3_reset(s);
	return total;
}

void model_name_match_clear(struct model_name_match *m)
{
	free(m->label);
	memset(m, 0, sizeof *m);
}

const char *model_name_kind_word(enum model_name_kind kind)
{
	static const char *const words[MODEL_NAME_KINDS] = {
		[MODEL_NAME_ORGANISATION] = "organisation", [MODEL_NAME_STAKEHOLDER] = "stakeholder",
		[MODEL_NAME_EVENT] = "timeline item", [MODEL_NAME_CODE] = "code",
	};
	return kind < MODEL_NAME_KINDS ? words[kind] : "";
}
