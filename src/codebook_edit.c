/* codebook_edit.c - changing the codebook: add, edit, rename, move, merge,
 * delete, quick keys. Each change is one transaction with its journal
 * entry (journal.h), so it can be undone. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codebook.h"
#include "journal.h"
#include "utf8.h"
#include "xalloc.h"

/* The codes at and below ?1. */
#define CODEBOOK_SUBTREE                                                        \
	"WITH RECURSIVE sub(id) AS (SELECT ?1 UNION"                               \
	" SELECT c.id FROM code c JOIN sub ON c.parent_id = sub.id) "

/* Binds ?1.. to the n integers of v (0 binds NULL where null0 is set). */
static sqlite3_stmt *codebook_stmt(struct jaw_db *db, const char *sql, const int64_t *v,
                                   int n, jaw_err *err)
{
	sqlite3_stmt *s = db_stmt(db, sql, err);
	for (int i = 0; s && i < n; i++)
		sqlite3_bind_int64(s, i + 1, v[i]);
	return s;
}

/* Runs static sql with up to three integers bound to ?1, ?2, ?3. */
static int codebook_exec(struct jaw_db *db, const char *sql, int64_t a, int64_t b, int64_t c,
                         jaw_err *err)
{
	const int64_t v[] = {a, b, c};
	sqlite3_stmt *s = codebook_stmt(db, sql, v, 3, err);
	return s ? db_step_done(db, s, err) : JAW_FAIL;
}

/* Runs a one-number query with ?1 and ?2 bound; -1 on error. */
static int64_t codebook_number(struct jaw_db *db, const char *sql, int64_t a, int64_t b,
                               jaw_err *err)
{
	const int64_t v[] = {a, b};
	sqlite3_stmt *s = codebook_stmt(db, sql, v, 2, err);
	if (!s)
		return -1;
	int64_t n = -1;
	return db_step_int64(db, s, &n, err) == JAW_OK ? n : -1;
}

static int codebook_name_check(const char *name, jaw_err *err)
{
	size_t len = name ? strlen(name) : 0;
	if (len == 0)
		return err_set(err, JAW_FAIL, "a code needs a name");
	if (!utf8_valid(name, len, NULL))
		return err_set(err, JAW_FAIL, "a code's name must be valid UTF-8");
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		i += (size_t)utf8_decode(name + i, len - i, &cp);
		if (utf8_cp_is_unsafe(cp))
			return err_set(err, JAW_FAIL, "a code's name must not hold control characters");
	}
	return JAW_OK;
}

int codebook_colour_check(const char *colour, jaw_err *err)
{
	bool ok = !colour || !*colour;
	if (!ok && colour[0] == '#' && strlen(colour) == 7) {
		ok = true;
		for (int i = 1; i < 7; i++)
			ok = ok && isxdigit((unsigned char)colour[i]);
	}
	if (ok)
		return JAW_OK;
	char *shown = utf8_sanitize_new(colour);
	err_set(err, JAW_FAIL, "colour \"%.40s\" is not #RRGGBB (such as #1F77B4) or empty", shown);
	free(shown);
	return JAW_FAIL;
}

/* Checks what a code may hold: a name, a colour, a quick key, a description. */
static int codebook_code_check(const struct code *c, jaw_err *err)
{
	if (codebook_name_check(c->name, err) != JAW_OK)
		return JAW_FAIL;
	int rc = codebook_colour_check(c->colour, err);
	if (rc == JAW_OK && (c->quick_key < 0 || c->quick_key > 9))
		rc = err_set(err, JAW_FAIL, "quick keys go from 1 to 9 (0 for none)");
	if (rc == JAW_OK && c->description &&
	    !utf8_valid(c->description, strlen(c->description), NULL))
		rc = err_set(err, JAW_FAIL, "a code's description must be valid UTF-8");
	if (rc != JAW_OK)
		err_prefix(err, c->name);
	return rc;
}

/* The position after the last code below parent (0: the top). */
static int64_t codebook_next_position(struct jaw_db *db, int64_t parent, jaw_err *err)
{
	return codebook_number(db, "SELECT coalesce(max(position), 0) + 1 FROM code"
	                           " WHERE ifnull(parent_id, 0) = ?1", parent, 0, err);
}

/* Refuses name if a code other than id below parent (0: the top) has it. */
static int codebook_name_free(struct jaw_db *db, int64_t parent, const char *name, int64_t id,
                              jaw_err *err)
{
	static const char sql[] = "SELECT count(*) FROM code WHERE ifnull(parent_id, 0) = ?1"
	                          " AND name = ?2 AND id <> ?3";
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return JAW_FAIL;
	sqlite3_bind_int64(s, 1, parent);
	db_bind_text(s, 2, name, false);
	sqlite3_bind_int64(s, 3, id);
	int64_t n = 0;
	if (db_step_int64(db, s, &n, err) != JAW_OK)
		return JAW_FAIL;
	if (n > 0)
		return err_set(err, JAW_FAIL, "there is a code called \"%s\" there already", name);
	return JAW_OK;
}

/* Gives code id quick key key (0: none) inside tx, taking it from the code
 * that had it; *taken_from gets that code (0 if none). */
static int codebook_give_key(struct journal_tx *tx, int64_t id, int key, int64_t *taken_from,
                             jaw_err *err)
{
	struct jaw_db *db = journal_db(tx);
	int64_t holder = key ? codebook_quick_key_code(db, key, err) : 0;
	*taken_from = 0;
	if (holder < 0)
		return JAW_FAIL;
	if (holder > 0 && holder != id) {
		if (journal_touch(tx, JOURNAL_CODE, holder, err) != JAW_OK ||
		    codebook_exec(db, "UPDATE code SET quick_key = NULL WHERE id = ?1", holder, 0, 0,
		                  err) != JAW_OK)
			return JAW_FAIL;
		*taken_from = holder;
	}
	if (journal_touch(tx, JOURNAL_CODE, id, err) != JAW_OK)
		return JAW_FAIL;
	return codebook_exec(db, "UPDATE code SET quick_key = nullif(?1, 0) WHERE id = ?2", key, id,
	                     0, err);
}

/* Inserts code c (checked) below c->parent_id inside tx; sets c->id. */
static int codebook_insert(struct journal_tx *tx, struct code *c, jaw_err *err)
{
	static const char sql[] =
		"INSERT INTO code (parent_id, name, description, colour, position)"
		" VALUES (nullif(?1, 0), ?2, ?3, ?4, ?5)";
	struct jaw_db *db = journal_db(tx);
	struct code parent = {0};
	int rc = c->parent_id > 0 ? codebook_get(db, c->parent_id, &parent, err) : JAW_OK;
	codebook_code_clear(&parent);
	if (rc != JAW_OK || codebook_name_free(db, c->parent_id, c->name, 0, err) != JAW_OK)
		return JAW_FAIL;
	if (c->position == 0) {
		int64_t pos = codebook_next_position(db, c->parent_id, err);
		if (pos < 0)
			return JAW_FAIL;
		c->position = (int)pos;
	}
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return JAW_FAIL;
	sqlite3_bind_int64(s, 1, c->parent_id);
	db_bind_text(s, 2, c->name, false);
	db_bind_text(s, 3, c->description ? c->description : "", false);
	db_bind_text(s, 4, c->colour ? c->colour : "", false);
	sqlite3_bind_int(s, 5, c->position);
	if (db_step_done(db, s, err) != JAW_OK)
		return JAW_FAIL;
	c->id = sqlite3_last_insert_rowid(db_sqlite(db));
	int64_t taken;
	if (journal_touch_added(tx, JOURNAL_CODE, c->id, err) != JAW_OK)
		return JAW_FAIL;
	return c->quick_key ? codebook_give_key(tx, c->id, c->quick_key, &taken, err) : JAW_OK;
}

/* Writes the name, description, colour and quick key of c (checked) over
 * code old inside tx. */
static int codebook_write(struct journal_tx *tx, const struct code *old, const struct code *c,
                          jaw_err *err)
{
	static const char sql[] = "UPDATE code SET name = ?1, description = ?2, colour = ?3"
	                          " WHERE id = ?4";
	struct jaw_db *db = journal_db(tx);
	if (codebook_name_free(db, old->parent_id, c->name, old->id, err) != JAW_OK ||
	    journal_touch(tx, JOURNAL_CODE, old->id, err) != JAW_OK)
		return JAW_FAIL;
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return JAW_FAIL;
	db_bind_text(s, 1, c->name, false);
	db_bind_text(s, 2, c->description ? c->description : "", false);
	db_bind_text(s, 3, c->colour ? c->colour : "", false);
	sqlite3_bind_int64(s, 4, old->id);
	int64_t taken;
	if (db_step_done(db, s, err) != JAW_OK)
		return JAW_FAIL;
	return c->quick_key != old->quick_key
	       ? codebook_give_key(tx, old->id, c->quick_key, &taken, err) : JAW_OK;
}

/* ---- add, edit, rename, move --------------------------------------------------- */

int codebook_add_in(struct journal_tx *tx, struct code *c, jaw_err *err)
{
	if (codebook_code_check(c, err) != JAW_OK)
		return JAW_FAIL;
	return codebook_insert(tx, c, err);
}

int codebook_add(struct jaw_db *db, const char *coder, struct code *c, jaw_err *err)
{
	struct journal_tx *tx = journal_begin(db, coder, "code-add", err);
	if (!tx)
		return JAW_FAIL;
	int rc = codebook_add_in(tx, c, err);
	return journal_finish(tx, rc, xasprintf("add code \"%s\"", c->name ? c->name : ""), err);
}

/* Changes code id to c in one journaled step: a rename (only the name
 * differs) or an edit. */
static int codebook_change(struct jaw_db *db, const char *coder, int64_t id, const struct code *c,
                           bool rename, jaw_err *err)
{
	struct code old = {0};
	if (codebook_code_check(c, err) != JAW_OK)
		return JAW_FAIL;
	struct journal_tx *tx = journal_begin(db, coder, rename ? "code-rename" : "code-edit", err);
	if (!tx)
		return JAW_FAIL;
	int rc = codebook_get(db, id, &old, err);
	if (rc == JAW_OK)
		rc = codebook_write(tx, &old, c, err);
	const char *was = old.name ? old.name : "";
	char *summary = rename ? xasprintf("rename code \"%s\" to \"%s\"", was, c->name)
	                : strcmp(was, c->name) == 0 ? xasprintf("edit code \"%s\"", was)
	                : xasprintf("edit code \"%s\" (now \"%s\")", was, c->name);
	rc = journal_finish(tx, rc, summary, err);
	codebook_code_clear(&old);
	return rc;
}

int codebook_update(struct jaw_db *db, const char *coder, int64_t id, const struct code *c,
                    jaw_err *err)
{
	return codebook_change(db, coder, id, c, false, err);
}

int codebook_rename(struct jaw_db *db, const char *coder, int64_t id, const char *name,
                    jaw_err *err)
{
	struct code c = {0};
	if (codebook_get(db, id, &c, err) != JAW_OK)
		return JAW_FAIL;
	free(c.name);
	c.name = xstrdup(name ? name : "");
	int rc = codebook_change(db, coder, id, &c, true, err);
	codebook_code_clear(&c);
	return rc;
}

/* 1 if code b is code a or below it, 0 if not, -1 on error. */
static int codebook_below(struct jaw_db *db, int64_t a, int64_t b, jaw_err *err)
{
	int64_t n = codebook_number(db, CODEBOOK_SUBTREE "SELECT count(*) FROM sub WHERE id = ?2",
	                            a, b, err);
	return n < 0 ? -1 : n > 0;
}

/* Checks that code c may move under parent (0: the top). */
static int codebook_move_check(struct jaw_db *db, const struct code *c, int64_t parent,
                               jaw_err *err)
{
	if (parent > 0) {
		struct code p;
		if (codebook_get(db, parent, &p, err) != JAW_OK)
			return JAW_FAIL;
		int below = codebook_below(db, c->id, parent, err);
		if (below > 0)
			err_set(err, JAW_FAIL, "cannot move \"%s\" under \"%s\": that is the code itself "
			        "or a code below it", c->name, p.name);
		codebook_code_clear(&p);
		if (below != 0)
			return JAW_FAIL;
	}
	return codebook_name_free(db, parent, c->name, c->id, err);
}

/* Moves code id under parent, after its children, inside tx. */
static int codebook_set_parent(struct journal_tx *tx, int64_t id, int64_t parent, jaw_err *err)
{
	struct jaw_db *db = journal_db(tx);
	int64_t pos = codebook_next_position(db, parent, err);
	if (pos < 0 || journal_touch(tx, JOURNAL_CODE, id, err) != JAW_OK)
		return JAW_FAIL;
	return codebook_exec(db, "UPDATE code SET parent_id = nullif(?1, 0), position = ?2"
	                         " WHERE id = ?3", parent, pos, id, err);
}

/* "under "PATH"" or "to the top", for summaries. */
static char *codebook_where_new(struct jaw_db *db, int64_t parent)
{
	char *path = parent ? codebook_path_new(db, parent, NULL) : NULL;
	char *s = path ? xasprintf("under \"%s\"", path) : xstrdup("to the top");
	free(path);
	return s;
}

int codebook_move(struct jaw_db *db, const char *coder, int64_t id, int64_t parent_id,
                  jaw_err *err)
{
	struct code c = {0};
	struct journal_tx *tx = journal_begin(db, coder, "code-move", err);
	if (!tx)
		return JAW_FAIL;
	int rc = codebook_get(db, id, &c, err);
	if (rc == JAW_OK && c.parent_id != parent_id) {
		rc = codebook_move_check(db, &c, parent_id, err);
		if (rc == JAW_OK)
			rc = codebook_set_parent(tx, id, parent_id, err);
	}
	char *where = codebook_where_new(db, parent_id);
	rc = journal_finish(tx, rc, xasprintf("move code \"%s\" %s", c.name ? c.name : "", where),
	                     err);
	free(where);
	codebook_code_clear(&c);
	return rc;
}

/* ---- merge --------------------------------------------------------------------- */

/* Checks that from may merge into into. */
static int codebook_merge_check(struct jaw_db *db, const struct code *from,
                                const struct code *into, jaw_err *err)
{
	static const char clash_sql[] =
		"SELECT a.name FROM code a JOIN code b ON b.parent_id = ?2 AND b.name = a.name"
		" WHERE a.parent_id = ?1 LIMIT 1";
	if (from->id == into->id)
		return err_set(err, JAW_FAIL, "cannot merge \"%s\" into itself", from->name);
	int below = codebook_below(db, from->id, into->id, err);
	if (below != 0)
		return below < 0 ? JAW_FAIL
		                 : err_set(err, JAW_FAIL, "cannot merge \"%s\" into \"%s\", which is "
		                           "below it", from->name, into->name);
	const int64_t v[] = {from->id, into->id};
	sqlite3_stmt *s = codebook_stmt(db, clash_sql, v, 2, err);
	if (!s)
		return JAW_FAIL;
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		err_set(err, JAW_FAIL, "cannot merge \"%s\" into \"%s\": both have a code called "
		        "\"%s\" below them", from->name, into->name, sqlite3_column_text(s, 0));
	else if (rc != SQLITE_DONE)
		err_db(err, db_sqlite(db), clash_sql);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? JAW_OK : JAW_FAIL;
}

/* Pairs of codings: a coding of from and the same coding (source, coder,
 * range) already made with into. */
struct codebook_twins {
	int64_t (*pair)[2];
	size_t n;
};

static int codebook_find_twins(struct jaw_db *db, int64_t from, int64_t into,
                               struct codebook_twins *t, jaw_err *err)
{
	static const char sql[] =
		"SELECT a.id, b.id FROM coding a JOIN coding b ON b.source_id = a.source_id"
		" AND b.code_id = ?2 AND b.coder = a.coder AND b.start_cp = a.start_cp"
		" AND b.end_cp = a.end_cp WHERE a.code_id = ?1";
	const int64_t v[] = {from, into};
	sqlite3_stmt *s = codebook_stmt(db, sql, v, 2, err);
	if (!s)
		return JAW_FAIL;
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (t->n == cap) {
			cap = cap ? cap * 2 : 16;
			t->pair = xreallocarray(t->pair, cap, sizeof *t->pair);
		}
		t->pair[t->n][0] = sqlite3_column_int64(s, 0);
		t->pair[t->n++][1] = sqlite3_column_int64(s, 1);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? JAW_OK : err_db(err, db_sqlite(db), sql);
}

/* Folds coding dup into its twin keep: memo, links to findings; deletes dup. */
static int codebook_collapse(struct journal_tx *tx, int64_t dup, int64_t keep, jaw_err *err)
{
	struct jaw_db *db = journal_db(tx);
	if (journal_touch_each(tx, JOURNAL_EVIDENCE, "SELECT id FROM finding_evidence"
	                       " WHERE coding_id = ?1", dup, err) != JAW_OK ||
	    journal_touch(tx, JOURNAL_CODING, dup, err) != JAW_OK ||
	    journal_touch(tx, JOURNAL_CODING, keep, err) != JAW_OK)
		return JAW_FAIL;
	if (codebook_exec(db, "UPDATE finding_evidence SET coding_id = ?2 WHERE coding_id = ?1",
	                  dup, keep, 0, err) != JAW_OK ||
	    codebook_exec(db, "UPDATE coding SET memo = CASE"
	                      " WHEN (SELECT memo FROM coding WHERE id = ?1) IN ('', memo) THEN memo"
	                      " WHEN memo = '' THEN (SELECT memo FROM coding WHERE id = ?1)"
	                      " ELSE memo || char(10) || (SELECT memo FROM coding WHERE id = ?1)"
	                      " END WHERE id = ?2", dup, keep, 0, err) != JAW_OK)
		return JAW_FAIL;
	return codebook_exec(db, "DELETE FROM coding WHERE id = ?1", dup, 0, 0, err);
}

/* Moves from's codings and children to into, then deletes from. */
static int codebook_merge_rows(struct journal_tx *tx, int64_t from, int64_t into,
                               struct codebook_merge_result *res, jaw_err *err)
{
	struct jaw_db *db = journal_db(tx);
	struct codebook_twins twins = {0};
	int rc = codebook_find_twins(db, from, into, &twins, err);
	for (size_t i = 0; rc == JAW_OK && i < twins.n; i++)
		rc = codebook_collapse(tx, twins.pair[i][0], twins.pair[i][1], err);
	res->collapsed = (int64_t)twins.n;
	free(twins.pair);
	if (rc != JAW_OK ||
	    journal_touch_each(tx, JOURNAL_CODING, "SELECT id FROM coding WHERE code_id = ?1", from,
	                       err) != JAW_OK ||
	    codebook_exec(db, "UPDATE coding SET code_id = ?2 WHERE code_id = ?1", from, into, 0,
	                  err) != JAW_OK)
		return JAW_FAIL;
	res->moved = sqlite3_changes(db_sqlite(db));
	int64_t pos = codebook_next_position(db, into, err);
	if (pos < 0 || journal_touch_each(tx, JOURNAL_CODE, "SELECT id FROM code WHERE parent_id = ?1",
	                                  from, err) != JAW_OK ||
	    codebook_exec(db, "UPDATE code SET parent_id = ?2, position = position + ?3"
	                      " WHERE parent_id = ?1", from, into, pos, err) != JAW_OK)
		return JAW_FAIL;
	res->children = sqlite3_changes(db_sqlite(db));
	/* findings concerned with from go with it (undo brings them back) */
	if (journal_touch_each(tx, JOURNAL_FINDING_AREA, "SELECT id FROM finding_area"
	                       " WHERE code_id = ?1", from, err) != JAW_OK ||
	    journal_touch(tx, JOURNAL_CODE, from, err) != JAW_OK)
		return JAW_FAIL;
	return codebook_exec(db, "DELETE FROM code WHERE id = ?1", from, 0, 0, err);
}

int codebook_merge(struct jaw_db *db, const char *coder, int64_t from, int64_t into,
                   struct codebook_merge_result *res, jaw_err *err)
{
	struct codebook_merge_result local = {0};
	struct code a = {0}, b = {0};
	if (!res)
		res = &local;
	memset(res, 0, sizeof *res);
	struct journal_tx *tx = journal_begin(db, coder, "code-merge", err);
	if (!tx)
		return JAW_FAIL;
	int rc = codebook_get(db, from, &a, err);
	if (rc == JAW_OK)
		rc = codebook_get(db, into, &b, err);
	if (rc == JAW_OK)
		rc = codebook_merge_check(db, &a, &b, err);
	if (rc == JAW_OK)
		rc = codebook_merge_rows(tx, from, into, res, err);
	rc = journal_finish(tx, rc, xasprintf("merge code \"%s\" into \"%s\" (%lld codings moved, "
	                     "%lld the same as one there)", a.name ? a.name : "",
	                     b.name ? b.name : "", (long long)res->moved, (long long)res->collapsed),
	                     err);
	if (rc != JAW_OK)
		memset(res, 0, sizeof *res);
	codebook_code_clear(&a);
	codebook_code_clear(&b);
	return rc;
}

/* ---- delete -------------------------------------------------------------------- */

int codebook_delete_impact(struct jaw_db *db, int64_t id, struct codebook_impact *out,
                           jaw_err *err)
{
	memset(out, 0, sizeof *out);
	struct code c;
	if (codebook_get(db, id, &c, err) != JAW_OK)
		return JAW_FAIL;
	codebook_code_clear(&c);
	out->codes = codebook_number(db, CODEBOOK_SUBTREE "SELECT count(*) - 1 FROM sub", id, 0,
	                             err);
	out->codings = codebook_number(db, CODEBOOK_SUBTREE "SELECT count(*) FROM coding"
	                               " WHERE code_id IN (SELECT id FROM sub)", id, 0, err);
	return out->codes < 0 || out->codings < 0 ? JAW_FAIL : JAW_OK;
}

/* Touches every row that deleting code id takes with it, and deletes it. */
static int codebook_delete_rows(struct journal_tx *tx, int64_t id, jaw_err *err)
{
	if (journal_touch_each(tx, JOURNAL_EVIDENCE, CODEBOOK_SUBTREE
	                       "SELECT e.id FROM finding_evidence e JOIN coding k"
	                       " ON k.id = e.coding_id WHERE k.code_id IN (SELECT id FROM sub)",
	                       id, err) != JAW_OK ||
	    journal_touch_each(tx, JOURNAL_CODING, CODEBOOK_SUBTREE "SELECT id FROM coding"
	                       " WHERE code_id IN (SELECT id FROM sub)", id, err) != JAW_OK ||
	    journal_touch_each(tx, JOURNAL_FINDING_AREA, CODEBOOK_SUBTREE "SELECT id FROM"
	                       " finding_area WHERE code_id IN (SELECT id FROM sub)", id, err)
	    != JAW_OK ||
	    journal_touch_each(tx, JOURNAL_CODE, CODEBOOK_SUBTREE "SELECT id FROM sub", id, err)
	    != JAW_OK)
		return JAW_FAIL;
	return codebook_exec(journal_db(tx), "DELETE FROM code WHERE id = ?1", id, 0, 0, err);
}

int codebook_delete(struct jaw_db *db, const char *coder, int64_t id,
                    struct codebook_impact *out, jaw_err *err)
{
	struct codebook_impact local;
	struct code c = {0};
	if (!out)
		out = &local;
	memset(out, 0, sizeof *out);
	struct journal_tx *tx = journal_begin(db, coder, "code-delete", err);
	if (!tx)
		return JAW_FAIL;
	int rc = codebook_delete_impact(db, id, out, err);
	if (rc == JAW_OK)
		rc = codebook_get(db, id, &c, err);
	if (rc == JAW_OK)
		rc = codebook_delete_rows(tx, id, err);
	rc = journal_finish(tx, rc, xasprintf("delete code \"%s\" (%lld codes below it, %lld "
	                                       "codings)", c.name ? c.name : "",
	                                       (long long)out->codes, (long long)out->codings), err);
	codebook_code_clear(&c);
	return rc;
}

/* ---- quick keys ------------------------------------------------------------------ */

int codebook_set_quick_key(struct jaw_db *db, const char *coder, int64_t id, int key,
                           int64_t *taken_from, jaw_err *err)
{
	int64_t local;
	struct code c = {0};
	if (!taken_from)
		taken_from = &local;
	*taken_from = 0;
	if (key < 0 || key > 9)
		return err_set(err, JAW_FAIL, "quick keys go from 1 to 9 (0 for none)");
	struct journal_tx *tx = journal_begin(db, coder, "code-quick-key", err);
	if (!tx)
		return JAW_FAIL;
	int rc = codebook_get(db, id, &c, err);
	if (rc == JAW_OK && c.quick_key != key)
		rc = codebook_give_key(tx, id, key, taken_from, err);
	char *summary = key ? xasprintf("quick key %d for code \"%s\"", key, c.name ? c.name : "")
	                    : xasprintf("no quick key for code \"%s\"", c.name ? c.name : "");
	rc = journal_finish(tx, rc, summary, err);
	if (rc != JAW_OK)
		*taken_from = 0;
	codebook_code_clear(&c);
	return rc;
}
