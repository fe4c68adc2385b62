/* model_util.c - small queries shared by the model modules. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

#include "model.h"

int64_t model_scalar(struct jaw_db *db, const char *sql, jaw_err *err)
{
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return -1;
	int64_t v = -1;
	return db_step_int64(db, s, &v, err) == JAW_OK ? v : -1;
}

bool model_one_of(const char *value, const char *const *allowed)
{
	for (; *allowed; allowed++)
		if (strcmp(value, *allowed) == 0)
			return true;
	return false;
}

int64_t model_find_id(struct jaw_db *db, const char *sql, const char *text, jaw_err *err)
{
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return -1;
	db_bind_text(s, 1, text, false);
	int64_t id = 0;
	return db_step_int64(db, s, &id, err) == JAW_OK ? id : -1;
}

int model_read_page(struct jaw_db *db, const char *sql, int64_t offset, int limit, void *rows,
                    size_t row_size, model_read_fn read, model_clear_fn clear, jaw_err *err)
{
	return model_read_page_bound(db, sql, NULL, NULL, offset, limit, rows, row_size, read,
	                             clear, err);
}

int model_read_page_bound(struct jaw_db *db, const char *sql, model_bind_fn bind,
                          const void *ctx, int64_t offset, int limit, void *rows,
                          size_t row_size, model_read_fn read, model_clear_fn clear,
                          jaw_err *err)
{
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return -1;
	if (bind)
		bind(s, ctx);
	int params = sqlite3_bind_parameter_count(s);
	sqlite3_bind_int(s, params - 1, limit);
	sqlite3_bind_int64(s, params, offset);
	int n = 0, rc = SQLITE_DONE;
	while (n < limit && (rc = sqlite3_step(s)) == SQLITE_ROW)
		read(s, (char *)rows + (size_t)n++ * row_size);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		err_db(err, db_sqlite(db), sql);
		while (n > 0)
			clear((char *)rows + (size_t)--n * row_size);
		n = -1;
	}
	sqlite3_reset(s);
	return n;
}

int64_t model_count_bound(struct jaw_db *db, const char *sql, model_bind_fn bind,
                          const void *ctx, jaw_err *err)
{
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return -1;
	if (bind)
		bind(s, ctx);
	int64_t v = -1;
	return db_step_int64(db, s, &v, err) == JAW_OK ? v : -1;
}

/* Makes a LIKE pattern that matches text anywhere, with % _ and \ escaped. */
static char *model_like_pattern_new(const char *text)
{
	char *p = xmalloc(strlen(text) * 2 + 3), *o = p;
	*o++ = '%';
	for (; *text; text++) {
		if (*text == '%' || *text == '_' || *text == '\\')
			*o++ = '\\';
		*o++ = *text;
	}
	*o++ = '%';
	*o = '\0';
	return p;
}

/* One search pass: the first rn in (lo, hi) going dir; -1 none, -2 error. */
static int64_t model_find_pass(struct jaw_db *db, const char *rows_sql, model_bind_fn bind,
                               const void *ctx, const char *pattern, int64_t lo, int64_t hi,
                               enum model_dir dir, jaw_err *err)
{
	char *sql = xasprintf("SELECT rn FROM (%s) WHERE rn > ? AND rn < ? AND text LIKE ? ESCAPE '\\'"
	                      " ORDER BY rn %s LIMIT 1", rows_sql, dir == MODEL_FORWARD ? "ASC" : "DESC");
	/* The SQL is made of the caller's static text only: user text is bound. */
	sqlite3_stmt *s = NULL;
	int64_t rn = -2;
	if (sqlite3_prepare_v2(db_sqlite(db), sql, -1, &s, NULL) != SQLITE_OK) {
		err_db(err, db_sqlite(db), sql);
	} else {
		if (bind)
			bind(s, ctx);
		int params = sqlite3_bind_parameter_count(s);
		sqlite3_bind_int64(s, params - 2, lo);
		sqlite3_bind_int64(s, params - 1, hi);
		sqlite3_bind_text(s, params, pattern, -1, SQLITE_STATIC);
		int rc = sqlite3_step(s);
		if (rc == SQLITE_ROW)
			rn = sqlite3_column_int64(s, 0);
		else if (rc == SQLITE_DONE)
			rn = -1;
		else
			err_db(err, db_sqlite(db), sql);
	}
	sqlite3_finalize(s);
	free(sql);
	return rn;
}

int64_t model_find_row(struct jaw_db *db, const char *rows_sql, model_bind_fn bind,
                       const void *ctx, const char *text, int64_t from, enum model_dir dir,
                       jaw_err *err)
{
	char *pattern = model_like_pattern_new(text);
	int64_t rn;
	if (dir == MODEL_FORWARD) {
		rn = model_find_pass(db, rows_sql, bind, ctx, pattern, from, INT64_MAX, dir, err);
		if (rn == -1)
			rn = model_find_pass(db, rows_sql, bind, ctx, pattern, -1, from + 1, dir, err);
	} else {
		rn = model_find_pass(db, rows_sql, bind, ctx, pattern, -1, from, dir, err);
		if (rn == -1)
			rn = model_find_pass(db, rows_sql, bind, ctx, pattern, from - 1, INT64_MAX, dir, err);
	}
	free(pattern);
	return rn;
}
