/* codebook_read.c - reading codes: one code, paths, lookups by name and
 * quick key, the visible rows of the tree. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codebook.h"
#include "search.h"
#include "xalloc.h"

#define CODEBOOK_COLUMNS                                                        \
	"SELECT c.id, coalesce(c.parent_id, 0), c.name, c.description, c.colour,"   \
	" coalesce(c.quick_key, 0), c.position"

static void codebook_read_code(sqlite3_stmt *s, struct code *c)
{
	c->id = sqlite3_column_int64(s, 0);
	c->parent_id = sqlite3_column_int64(s, 1);
	c->name = db_column_text_new(s, 2);
	c->description = db_column_text_new(s, 3);
	c->colour = db_column_text_new(s, 4);
	c->quick_key = sqlite3_column_int(s, 5);
	c->position = sqlite3_column_int(s, 6);
}

void codebook_code_clear(struct code *c)
{
	free(c->name);
	free(c->description);
	free(c->colour);
	memset(c, 0, sizeof *c);
}

int codebook_get(struct jaw_db *db, int64_t id, struct code *out, jaw_err *err)
{
	static const char sql[] = CODEBOOK_COLUMNS " FROM code c WHERE c.id = ?1";
	memset(out, 0, sizeof *out);
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return JAW_FAIL;
	sqlite3_bind_int64(s, 1, id);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		codebook_read_code(s, out);
	else if (rc == SQLITE_DONE)
		err_set(err, JAW_FAIL, "no code with id %lld", (long long)id);
	else
		err_db(err, db_sqlite(db), sql);
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? JAW_OK : JAW_FAIL;
}

char *codebook_path_new(struct jaw_db *db, int64_t id, jaw_err *err)
{
	static const char sql[] =
		"WITH RECURSIVE up(id, parent_id, name, depth) AS ("
		" SELECT id, parent_id, name, 0 FROM code WHERE id = ?1 UNION ALL"
		" SELECT c.id, c.parent_id, c.name, up.depth + 1 FROM code c JOIN up"
		" ON c.id = up.parent_id WHERE up.depth < 1000)"
		" SELECT group_concat(name, '/') FROM (SELECT name FROM up ORDER BY depth DESC)";
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return NULL;
	sqlite3_bind_int64(s, 1, id);
	char *path = NULL;
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL)
		path = db_column_text_new(s, 0);
	else
		err_set(err, JAW_FAIL, "no code with id %lld", (long long)id);
	sqlite3_reset(s);
	return path;
}

/* Says that name is ambiguous, giving two of the paths it could mean. */
static void codebook_ambiguous(struct jaw_db *db, const char *name, int64_t a, int64_t b,
                                  jaw_err *err)
{
	char *pa = codebook_path_new(db, a, NULL), *pb = codebook_path_new(db, b, NULL);
	err_set(err, JAW_FAIL, "more than one code is called \"%s\": name it by its path, "
	        "e.g. \"%s\" or \"%s\"", name, pa ? pa : "?", pb ? pb : "?");
	free(pa);
	free(pb);
}

/* The code called name (folded: ignoring case and accents): its id, 0 if
 * none, -1 on error, -2 when two are (err says which). */
static int64_t codebook_find_name(struct jaw_db *db, const char *name, bool folded, jaw_err *err)
{
	static const char exact[] = "SELECT id FROM code WHERE name = ?1 ORDER BY id LIMIT 2";
	static const char loose[] =
		"SELECT id FROM code WHERE fold(name) = fold(?1) ORDER BY id LIMIT 2";
	sqlite3_stmt *s = db_stmt(db, folded ? loose : exact, err);
	if (!s)
		return -1;
	db_bind_text(s, 1, name, false);
	int64_t ids[2] = {0, 0};
	int n = 0, rc;
	while (n < 2 && (rc = sqlite3_step(s)) == SQLITE_ROW)
		ids[n++] = sqlite3_column_int64(s, 0);
	if (n < 2 && rc != SQLITE_DONE) {
		err_db(err, db_sqlite(db), folded ? loose : exact);
		sqlite3_reset(s);
		return -1;
	}
	sqlite3_reset(s);
	if (n == 2) {
		codebook_ambiguous(db, name, ids[0], ids[1], err);
		return -2;
	}
	return n == 1 ? ids[0] : 0;
}

/* The code whose path is path (folded as above): its id, 0 if none. */
static int64_t codebook_find_path(struct jaw_db *db, const char *path, bool folded, jaw_err *err)
{
	static const char exact[] =
		"WITH RECURSIVE p(id, path) AS ("
		" SELECT id, name FROM code WHERE parent_id IS NULL UNION ALL"
		" SELECT c.id, p.path || '/' || c.name FROM code c JOIN p ON c.parent_id = p.id)"
		" SELECT id FROM p WHERE path = ?1 ORDER BY id LIMIT 1";
	static const char loose[] =
		"WITH RECURSIVE p(id, path) AS ("
		" SELECT id, name FROM code WHERE parent_id IS NULL UNION ALL"
		" SELECT c.id, p.path || '/' || c.name FROM code c JOIN p ON c.parent_id = p.id)"
		" SELECT id FROM p WHERE fold(path) = fold(?1) ORDER BY id LIMIT 1";
	sqlite3_stmt *s = db_stmt(db, folded ? loose : exact, err);
	if (!s)
		return -1;
	db_bind_text(s, 1, path, false);
	int64_t id = 0;
	return db_step_int64(db, s, &id, err) == JAW_OK ? id : -1;
}

int64_t codebook_find(struct jaw_db *db, const char *name, jaw_err *err)
{
	/* exactly first, as a name then as a path; then the same folded */
	for (int folded = 0; folded < 2; folded++) {
		int64_t id = codebook_find_name(db, name, folded, err);
		if (id == 0)
			id = codebook_find_path(db, name, folded, err);
		if (id == -2)
			return 0;
		if (id != 0)
			return id;
	}
	err_set(err, JAW_FAIL, "no code called \"%s\"", name);
	return 0;
}

int64_t codebook_quick_key_code(struct jaw_db *db, int key, jaw_err *err)
{
	static const char sql[] = "SELECT id FROM code WHERE quick_key = ?1";
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return -1;
	sqlite3_bind_int(s, 1, key);
	int64_t id = 0;
	return db_step_int64(db, s, &id, err) == JAW_OK ? id : -1;
}

/* ---- the tree ---------------------------------------------------------------- */

/* The visible codes, t(id, depth, sortkey): ?1 is a JSON array of the
 * collapsed codes, whose children are not visited. */
#define CODEBOOK_TREE                                                           \
	"WITH RECURSIVE t(id, depth, sortkey) AS ("                                \
	" SELECT id, 0, printf('%020d.%020d', position, id) FROM code"              \
	" WHERE parent_id IS NULL UNION ALL"                                        \
	" SELECT c.id, t.depth + 1,"                                                \
	" t.sortkey || '/' || printf('%020d.%020d', c.position, c.id)"              \
	" FROM code c JOIN t ON c.parent_id = t.id"                                 \
	" WHERE t.id NOT IN (SELECT value FROM json_each(?1)) AND t.depth < 1000) "

/* The collapsed set as a JSON array, newly allocated. */
static char *codebook_json_ids_new(const int64_t *ids, size_t n)
{
	size_t cap = n * 22 + 3, len = 1;
	char *s = xmalloc(cap);
	s[0] = '[';
	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(s + len, cap - len, "%s%lld", i ? "," : "", (long long)ids[i]);
	snprintf(s + len, cap - len, "]");
	return s;
}

/* Prepares sql with the collapsed set bound to ?1. */
static sqlite3_stmt *codebook_tree_stmt(struct jaw_db *db, const char *sql,
                                        const int64_t *collapsed, size_t n, jaw_err *err)
{
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return NULL;
	char *json = codebook_json_ids_new(collapsed, collapsed ? n : 0);
	sqlite3_bind_text(s, 1, json, -1, free);
	return s;
}

static int64_t codebook_tree_number(struct jaw_db *db, const char *sql,
                                    const int64_t *collapsed, size_t n, int64_t id,
                                    jaw_err *err)
{
	sqlite3_stmt *s = codebook_tree_stmt(db, sql, collapsed, n, err);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 2, id); /* ignored by SQL without ?2 */
	int64_t v = -1;
	return db_step_int64(db, s, &v, err) == JAW_OK ? v : -1;
}

int64_t codebook_tree_count(struct jaw_db *db, const int64_t *collapsed, size_t ncollapsed,
                            jaw_err *err)
{
	return codebook_tree_number(db, CODEBOOK_TREE "SELECT count(*) FROM t", collapsed,
	                            ncollapsed, 0, err);
}

int64_t codebook_tree_index(struct jaw_db *db, const int64_t *collapsed, size_t ncollapsed,
                            int64_t id, jaw_err *err)
{
	return codebook_tree_number(db, CODEBOOK_TREE
		"SELECT CASE WHEN EXISTS (SELECT 1 FROM t WHERE id = ?2)"
		" THEN (SELECT count(*) FROM t WHERE sortkey < (SELECT sortkey FROM t WHERE id = ?2))"
		" ELSE -1 END", collapsed, ncollapsed, id, err);
}

void codebook_row_clear(struct codebook_row *row)
{
	codebook_code_clear(&row->code);
	memset(row, 0, sizeof *row);
}

int codebook_tree_page(struct jaw_db *db, const int64_t *collapsed, size_t ncollapsed,
                       int64_t offset, int limit, struct codebook_row *rows, jaw_err *err)
{
	/* the page is chosen first: the codings are counted for its rows
	 * only, not for every code before the sort; they come from
	 * coding_tally (a code's codings by the kind of their source: a few
	 * rows), not from the codings themselves (5,000 a code at full scale) */
	static const char sql[] = CODEBOOK_TREE CODEBOOK_COLUMNS ", t.depth,"
		" (SELECT count(*) FROM code x WHERE x.parent_id = c.id),"
		" (SELECT coalesce(sum(y.segments), 0) FROM coding_tally y"
		" WHERE y.code_id = c.id AND y.dim = 1),"
		" c.id IN (SELECT value FROM json_each(?1)),"
		" (WITH RECURSIVE sub(id) AS (SELECT c.id UNION ALL SELECT x.id FROM code x"
		" JOIN sub ON x.parent_id = sub.id) SELECT coalesce(sum(y.segments), 0)"
		" FROM coding_tally y WHERE y.code_id IN (SELECT id FROM sub) AND y.dim = 1)"
		" FROM (SELECT id, depth, sortkey FROM t ORDER BY sortkey LIMIT ?2 OFFSET ?3) AS t"
		" JOIN code c ON c.id = t.id ORDER BY t.sortkey";
	sqlite3_stmt *s = codebook_tree_stmt(db, sql, collapsed, ncollapsed, err);
	if (!s)
		return -1;
	sqlite3_bind_int(s, 2, limit);
	sqlite3_bind_int64(s, 3, offset);
	int n = 0, rc = SQLITE_DONE;
	while (n < limit && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct codebook_row *r = &rows[n++];
		memset(r, 0, sizeof *r);
		codebook_read_code(s, &r->code);
		r->depth = sqlite3_column_int(s, 7);
		r->children = sqlite3_column_int64(s, 8);
		r->codings = sqlite3_column_int64(s, 9);
		r->collapsed = sqlite3_column_int(s, 10) != 0;
		r->with_below = sqlite3_column_int64(s, 11);
	}
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		err_db(err, db_sqlite(db), sql);
		while (n > 0)
			codebook_row_clear(&rows[--n]);
		n = -1;
	}
	sqlite3_reset(s);
	return n;
}

static void codebook_bind_json(sqlite3_stmt *s, const void *json)
{
	sqlite3_bind_text(s, 1, json, -1, SQLITE_STATIC);
}

int64_t codebook_tree_search(struct jaw_db *db, const int64_t *collapsed, size_t ncollapsed,
                             const char *text, int64_t from, enum model_dir dir, jaw_err *err)
{
	/* the visible rows as codebook_tree_page reads them */
#define CODEBOOK_VISIBLE "FROM (" CODEBOOK_TREE "SELECT * FROM t) AS t"
	static const struct search_list list = {
		.rows = CODEBOOK_VISIBLE " JOIN code c ON c.id = t.id WHERE 1",
		.keys = CODEBOOK_VISIBLE " WHERE 1",
		.key = {"t.sortkey"},
		.nkey = 1,
		.match = SEARCH_HAS("c.name, c.description"),
		.ordered = true,
		.bind = codebook_bind_json,
	};
#undef CODEBOOK_VISIBLE
	char *json = codebook_json_ids_new(collapsed, collapsed ? ncollapsed : 0);
	struct search_list l = list;
	l.ctx = json;
	int64_t pos = search_list_find(db, &l, text, from, dir, err);
	free(json);
	return pos;
}
