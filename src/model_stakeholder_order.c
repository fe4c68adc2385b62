/* model_stakeholder_order.c - the register's order as a tree, kept in
 * stakeholder.sort_key (a materialised path) so that pages of 200,000
 * stakeholders come from an index. A key is the path of components from
 * the top, separated by U+001F; a component is 0 (organisation) or
 * 1 (person), the name, U+001E and the id in twelve digits, so that
 * organisations come before people, names sort, and keys are unique.
 * Rows that no top-level organisation reaches (a loop of parents made by
 * another tool) get a key starting with 2 and come last. */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>

#include "model.h"

/* A row's own component, in SQL, for the table alias a. */
#define SK_COMPONENT(a) \
	"(" a ".kind = 'person') || " a ".name || char(30) || printf('%012d', " a ".id)"

int model_stakeholder_rebuild_order(struct jaw_db *db, jaw_err *err)
{
	static const char rebuild[] =
		"WITH RECURSIVE tree (id, path, depth) AS ("
		" SELECT s.id, " SK_COMPONENT("s") ", 0 FROM stakeholder s WHERE s.parent_id IS NULL"
		" UNION ALL SELECT c.id, t.path || char(31) || " SK_COMPONENT("c") ", t.depth + 1"
		" FROM stakeholder c JOIN tree t ON c.parent_id = t.id WHERE t.depth < 64)"
		" UPDATE stakeholder SET sort_key = tree.path FROM tree"
		" WHERE tree.id = stakeholder.id AND stakeholder.sort_key IS NOT tree.path";
	static const char orphans[] =
		"UPDATE stakeholder SET sort_key = '2' || name || char(30) || printf('%012d', id)"
		" WHERE sort_key IS NULL";
	sqlite3_stmt *s;
	if (db_begin(db, err) != JAW_OK)
		return JAW_FAIL;
	if (!(s = db_stmt(db, rebuild, err)) || db_step_done(db, s, err) != JAW_OK ||
	    !(s = db_stmt(db, orphans, err)) || db_step_done(db, s, err) != JAW_OK) {
		db_rollback(db);
		return JAW_FAIL;
	}
	return db_commit(db, err);
}

int model_stakeholder_prepare_order(struct jaw_db *db, jaw_err *err)
{
	int64_t missing = model_scalar(db, "SELECT count(*) FROM stakeholder WHERE sort_key IS NULL",
	                               err);
	if (missing < 0)
		return JAW_FAIL;
	return missing ? model_stakeholder_rebuild_order(db, err) : JAW_OK;
}

int model_stakeholder_rekey(struct jaw_db *db, int64_t id, jaw_err *err)
{
	/* The row's new key from its parent's; then the row and everything
	 * under it (keys that start with the old key and U+001F) move over. */
	static const char keys[] =
		"SELECT coalesce((SELECT p.sort_key || char(31) FROM stakeholder p"
		" WHERE p.id = s.parent_id), '') || " SK_COMPONENT("s") ", s.sort_key,"
		" s.parent_id IS NULL OR (SELECT p.sort_key FROM stakeholder p WHERE p.id = s.parent_id)"
		" IS NOT NULL FROM stakeholder s WHERE s.id = ?";
	static const char move[] =
		"UPDATE stakeholder SET sort_key = ?1 || substr(sort_key, length(?2) + 1)"
		" WHERE sort_key = ?2 OR (sort_key > ?2 || char(31) AND sort_key < ?2 || char(32))";
	sqlite3_stmt *s = db_stmt(db, keys, err);
	if (!s)
		return JAW_FAIL;
	sqlite3_bind_int64(s, 1, id);
	if (sqlite3_step(s) != SQLITE_ROW) {
		sqlite3_reset(s);
		return JAW_OK; /* gone: nothing to order */
	}
	char *new_key = db_column_text_new(s, 0);
	char *old_key = sqlite3_column_type(s, 1) == SQLITE_NULL ? NULL : db_column_text_new(s, 1);
	bool parent_known = sqlite3_column_int(s, 2);
	sqlite3_reset(s);
	int rc;
	if (!old_key || !parent_known) {
		/* written by another tool, or under such a row: order it all */
		rc = model_stakeholder_rebuild_order(db, err);
	} else {
		s = db_stmt(db, move, err);
		if (!s) {
			rc = JAW_FAIL;
		} else {
			db_bind_text(s, 1, new_key, false);
			db_bind_text(s, 2, old_key, false);
			rc = db_step_done(db, s, err);
		}
	}
	free(new_key);
	free(old_key);
	return rc;
}
