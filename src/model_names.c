/* model_names.c - what a name typed for a record can mean: every record of
 * a kind called exactly that (or else called that but for case and
 * accents), with a label that tells records of the same
 * name apart (the organisation a person or unit belongs to, an event's
 * date, a code's place in the codebook). Forms and :filter ask which one
 * when there are several. Completing a name, and the rows a picker of
 * names lists. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "xalloc.h"

/* Each kind's rows (FROM and WHERE, with an alias r for the record and p
 * for its parent where it has one), its name and a label that tells
 * records of the same name apart. */
#define NAMES_ORG_ROWS                                                          \
	" FROM stakeholder r LEFT JOIN stakeholder p ON p.id = r.parent_id"          \
	" WHERE r.kind = 'organisation'"
#define NAMES_ORG_LABEL "r.name || coalesce(' (in ' || p.name || ')', ' (at the top)')"
#define NAMES_PERSON_ROWS                                                       \
	" FROM stakeholder r LEFT JOIN stakeholder p ON p.id = r.parent_id WHERE 1"
#define NAMES_PERSON_LABEL                                                      \
	"r.name || ' (' || r.kind || coalesce(' in ' || p.name, '')"                 \
	" || coalesce(', ' || nullif(r.role, ''), '') || ')'"
#define NAMES_EVENT_ROWS " FROM timeline_item r WHERE 1"
#define NAMES_EVENT_LABEL                                                       \
	"r.title || ' (' || r.kind || ', ' || r.start_date"                          \
	" || coalesce(' to ' || r.end_date, '') || coalesce(', ' || nullif(r.location, ''), '') || ')'"
#define NAMES_CODE_ROWS " FROM code r LEFT JOIN code p ON p.id = r.parent_id WHERE 1"
#define NAMES_CODE_LABEL "coalesce(p.name || '/', '') || r.name"

/* ?3 = 0: the name exactly; ?3 = 1: the name folded (case and accents). */
#define NAMES_IS(name) " AND (CASE WHEN ?3 THEN fold(" name ") = fold(?1) ELSE " name " = ?1 END)"

/* The queries of model_name_matches: ?1 the name, ?2 the limit, ?3 folded;
 * each gives id and label, in id order. */
static const char *const model_name_sql[MODEL_NAME_KINDS] = {
	[MODEL_NAME_ORGANISATION] =
		"SELECT r.id, " NAMES_ORG_LABEL NAMES_ORG_ROWS NAMES_IS("r.name")
		" ORDER BY r.id LIMIT ?2",
	[MODEL_NAME_STAKEHOLDER] =
		"SELECT r.id, " NAMES_PERSON_LABEL NAMES_PERSON_ROWS NAMES_IS("r.name")
		" ORDER BY r.id LIMIT ?2",
	[MODEL_NAME_EVENT] =
		"SELECT r.id, " NAMES_EVENT_LABEL NAMES_EVENT_ROWS NAMES_IS("r.title")
		" ORDER BY r.id LIMIT ?2",
	/* a code's label is its whole path */
	[MODEL_NAME_CODE] =
		"WITH RECURSIVE up(id, code, name, path) AS (SELECT id, id, name, name FROM code r"
		" WHERE 1" NAMES_IS("r.name") " UNION ALL SELECT c.parent_id, up.code, p.name,"
		" p.name || '/' || up.path"
		" FROM up JOIN code c ON c.id = up.id JOIN code p ON p.id = c.parent_id)"
		" SELECT code, path FROM up WHERE id NOT IN (SELECT id FROM code WHERE parent_id"
		" IS NOT NULL) ORDER BY code LIMIT ?2",
};

static const char *const model_name_count_sql[MODEL_NAME_KINDS] = {
	[MODEL_NAME_ORGANISATION] = "SELECT count(*)" NAMES_ORG_ROWS NAMES_IS("r.name"),
	[MODEL_NAME_STAKEHOLDER] = "SELECT count(*)" NAMES_PERSON_ROWS NAMES_IS("r.name"),
	[MODEL_NAME_EVENT] = "SELECT count(*)" NAMES_EVENT_ROWS NAMES_IS("r.title"),
	[MODEL_NAME_CODE] = "SELECT count(*) FROM code r WHERE 1" NAMES_IS("r.name"),
};

/* The rows a picker lists: ?1 a text the name or label holds (all when
 * NULL), ?2 and ?3 the page; in the order of their folded names. */
#define NAMES_HAS(label) " AND (?1 IS NULL OR jaw_has(?1, " label "))"
static const char *const model_names_page_sql[MODEL_NAME_KINDS] = {
	[MODEL_NAME_ORGANISATION] = "SELECT r.id, " NAMES_ORG_LABEL ", r.name" NAMES_ORG_ROWS
		NAMES_HAS(NAMES_ORG_LABEL) " ORDER BY fold(r.name), r.id LIMIT ?2 OFFSET ?3",
	[MODEL_NAME_STAKEHOLDER] = "SELECT r.id, " NAMES_PERSON_LABEL ", r.name" NAMES_PERSON_ROWS
		NAMES_HAS(NAMES_PERSON_LABEL) " ORDER BY fold(r.name), r.id LIMIT ?2 OFFSET ?3",
	[MODEL_NAME_EVENT] = "SELECT r.id, " NAMES_EVENT_LABEL ", r.title" NAMES_EVENT_ROWS
		NAMES_HAS(NAMES_EVENT_LABEL) " ORDER BY fold(r.title), r.id LIMIT ?2 OFFSET ?3",
	[MODEL_NAME_CODE] = "SELECT r.id, " NAMES_CODE_LABEL ", r.name" NAMES_CODE_ROWS
		NAMES_HAS(NAMES_CODE_LABEL) " ORDER BY fold(r.name), r.id LIMIT ?2 OFFSET ?3",
};
static const char *const model_names_count_sql[MODEL_NAME_KINDS] = {
	[MODEL_NAME_ORGANISATION] = "SELECT count(*)" NAMES_ORG_ROWS NAMES_HAS(NAMES_ORG_LABEL),
	[MODEL_NAME_STAKEHOLDER] =
		"SELECT count(*)" NAMES_PERSON_ROWS NAMES_HAS(NAMES_PERSON_LABEL),
	[MODEL_NAME_EVENT] = "SELECT count(*)" NAMES_EVENT_ROWS NAMES_HAS(NAMES_EVENT_LABEL),
	[MODEL_NAME_CODE] = "SELECT count(*)" NAMES_CODE_ROWS NAMES_HAS(NAMES_CODE_LABEL),
};

/* The distinct names that begin with ?1 (folded), in their folded order:
 * the ?2-th of them. */
#define NAMES_BEGIN(name) \
	" AND substr(fold(" name "), 1, length(fold(?1))) = fold(?1)"
static const char *const model_name_complete_sql[MODEL_NAME_KINDS] = {
	[MODEL_NAME_ORGANISATION] = "SELECT r.name" NAMES_ORG_ROWS NAMES_BEGIN("r.name")
		" GROUP BY r.name ORDER BY fold(r.name), r.name LIMIT 1 OFFSET ?2",
	[MODEL_NAME_STAKEHOLDER] = "SELECT r.name" NAMES_PERSON_ROWS NAMES_BEGIN("r.name")
		" GROUP BY r.name ORDER BY fold(r.name), r.name LIMIT 1 OFFSET ?2",
	[MODEL_NAME_EVENT] = "SELECT r.title" NAMES_EVENT_ROWS NAMES_BEGIN("r.title")
		" GROUP BY r.title ORDER BY fold(r.title), r.title LIMIT 1 OFFSET ?2",
	[MODEL_NAME_CODE] = "SELECT r.name FROM code r WHERE 1" NAMES_BEGIN("r.name")
		" GROUP BY r.name ORDER BY fold(r.name), r.name LIMIT 1 OFFSET ?2",
};

static void model_names_bind_filter(sqlite3_stmt *s, const void *filter)
{
	if (filter && *(const char *)filter)
		db_bind_text(s, 1, filter, false);
	else
		sqlite3_bind_null(s, 1);
}

struct model_name_bound {
	const char *name;
	int folded;
};

static void model_name_bind(sqlite3_stmt *s, const void *ctx)
{
	const struct model_name_bound *b = ctx;
	db_bind_text(s, 1, b->name, false);
	sqlite3_bind_int(s, 3, b->folded);
}

/* The records called name (folded when folded) into rows; see
 * model_name_matches. */
static int64_t model_name_matches_as(struct jaw_db *db, enum model_name_kind kind,
                                     const char *name, int folded, int limit,
                                     struct model_name_match *rows, int *nrows, jaw_err *err)
{
	struct model_name_bound b = {name, folded};
	int64_t total = model_count_bound(db, model_name_count_sql[kind], model_name_bind, &b, err);
	if (total <= 0 || limit <= 0)
		return total;
	const char *sql = model_name_sql[kind];
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return -1;
	model_name_bind(s, &b);
	sqlite3_bind_int(s, 2, limit);
	int rc;
	while (*nrows < limit && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		rows[*nrows].id = sqlite3_column_int64(s, 0);
		rows[*nrows].label = db_column_text_new(s, 1);
		rows[*nrows].name = NULL;
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

int64_t model_name_matches(struct jaw_db *db, enum model_name_kind kind, const char *name,
                           int limit, struct model_name_match *rows, int *nrows, jaw_err *err)
{
	*nrows = 0;
	int64_t total = model_name_matches_as(db, kind, name, 0, limit, rows, nrows, err);
	if (total == 0)
		total = model_name_matches_as(db, kind, name, 1, limit, rows, nrows, err);
	return total;
}

int64_t model_names_count(struct jaw_db *db, enum model_name_kind kind, const char *filter,
                          jaw_err *err)
{
	return model_count_bound(db, model_names_count_sql[kind], model_names_bind_filter,
	                         filter, err);
}

int model_names_page(struct jaw_db *db, enum model_name_kind kind, const char *filter,
                     int64_t offset, int limit, struct model_name_match *rows, jaw_err *err)
{
	const char *sql = model_names_page_sql[kind];
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return -1;
	model_names_bind_filter(s, filter);
	sqlite3_bind_int(s, 2, limit);
	sqlite3_bind_int64(s, 3, offset);
	int n = 0, rc;
	while (n < limit && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		rows[n].id = sqlite3_column_int64(s, 0);
		rows[n].label = db_column_text_new(s, 1);
		rows[n].name = db_column_text_new(s, 2);
		n++;
	}
	if (n < limit && rc != SQLITE_DONE) {
		err_db(err, db_sqlite(db), sql);
		while (n > 0)
			model_name_match_clear(&rows[--n]);
		n = -1;
	}
	sqlite3_reset(s);
	return n;
}

char *model_name_complete_new(struct jaw_db *db, enum model_name_kind kind, const char *typed,
                              int nth, jaw_err *err)
{
	const char *sql = model_name_complete_sql[kind];
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return NULL;
	db_bind_text(s, 1, typed, false);
	sqlite3_bind_int(s, 2, nth);
	char *name = NULL;
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		name = db_column_text_new(s, 0);
	else if (rc != SQLITE_DONE)
		err_db(err, db_sqlite(db), sql);
	sqlite3_reset(s);
	return name;
}

/* Whether record ?1 of each kind exists. */
static const char *const model_name_exists_sql[MODEL_NAME_KINDS] = {
	[MODEL_NAME_ORGANISATION] =
		"SELECT count(*) FROM stakeholder WHERE id = ?1 AND kind = 'organisation'",
	[MODEL_NAME_STAKEHOLDER] = "SELECT count(*) FROM stakeholder WHERE id = ?1",
	[MODEL_NAME_EVENT] = "SELECT count(*) FROM timeline_item WHERE id = ?1",
	[MODEL_NAME_CODE] = "SELECT count(*) FROM code WHERE id = ?1",
};

static void model_name_bind_id(sqlite3_stmt *s, const void *id)
{
	sqlite3_bind_int64(s, 1, *(const int64_t *)id);
}

/* "#ID": its id; 0 if value is not one. */
static int64_t model_name_hash_id(const char *value)
{
	if (value[0] != '#' || !value[1] || strspn(value + 1, "0123456789") != strlen(value + 1) ||
	    strlen(value + 1) > 18)
		return 0;
	return strtoll(value + 1, NULL, 10);
}

/* The message for a name several records have: up to five of them with
 * their ids. */
static void model_name_ambiguous(enum model_name_kind kind, const char *value, int64_t total,
                                 const struct model_name_match *m, int n, jaw_err *err)
{
	char list[700] = "";
	for (int i = 0; i < n; i++)
		snprintf(list + strlen(list), sizeof list - strlen(list), "%s#%lld %s",
		         i ? "; " : "", (long long)m[i].id, m[i].label);
	err_set(err, JAW_FAIL, "%lld %ss are called \"%s\": %s%s; name one by its id, as \"#%lld\"",
	        (long long)total, model_name_kind_word(kind), value, list, total > n ? "; ..." : "",
	        (long long)m[0].id);
}

int64_t model_name_resolve(struct jaw_db *db, enum model_name_kind kind, const char *value,
                           jaw_err *err)
{
	int64_t id = model_name_hash_id(value);
	if (id > 0) {
		int64_t n = model_count_bound(db, model_name_exists_sql[kind], model_name_bind_id, &id,
		                              err);
		if (n < 0)
			return -1;
		if (n == 0)
			err_set(err, JAW_FAIL, "no %s with id %lld", model_name_kind_word(kind),
			        (long long)id);
		return n ? id : 0;
	}
	struct model_name_match m[5];
	int n = 0;
	int64_t total = model_name_matches(db, kind, value, 5, m, &n, err);
	if (total < 0)
		return -1;
	if (total == 0)
		err_set(err, JAW_FAIL, "no %s called \"%s\"", model_name_kind_word(kind), value);
	else if (total == 1)
		id = m[0].id;
	else
		model_name_ambiguous(kind, value, total, m, n, err);
	for (int i = 0; i < n; i++)
		model_name_match_clear(&m[i]);
	return id;
}

void model_name_match_clear(struct model_name_match *m)
{
	free(m->label);
	free(m->name);
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
