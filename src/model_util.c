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

