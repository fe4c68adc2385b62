/* coding_list.c - reading codings: one, a range, the next or previous,
 * every segment of a code. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "coding.h"
#include "model.h"
#include "utf8.h"
#include "xalloc.h"

/* The columns read into a struct coding, first in every query here. */
#define CODING_COLUMNS                                                          \
	"SELECT k.id, k.source_id, k.code_id, k.start_cp, k.end_cp, k.coder,"     \
	" k.created, k.memo, c.name, c.colour, coalesce(c.quick_key, 0)"
#define CODING_FROM " FROM coding k JOIN code c ON c.id = k.code_id"
#define CODING_NCOLUMNS 11

static void coding_read(sqlite3_stmt *s, struct coding *c)
{
	memset(c, 0, sizeof *c);
	c->id = sqlite3_column_int64(s, 0);
	c->source_id = sqlite3_column_int64(s, 1);
	c->code_id = sqlite3_column_int64(s, 2);
	c->start = sqlite3_column_int64(s, 3);
	c->end = sqlite3_column_int64(s, 4);
	c->coder = db_column_text_new(s, 5);
	c->created = db_column_text_new(s, 6);
	c->memo = db_column_text_new(s, 7);
	c->code_name = db_column_text_new(s, 8);
	c->code_colour = db_column_text_new(s, 9);
	c->code_quick_key = sqlite3_column_int(s, 10);
}

/* Steps s for at most one row into *out: 1 read, 0 none, -1 error. */
static int coding_read_one(struct jaw_db *db, sqlite3_stmt *s, struct coding *out,
                           jaw_err *err)
{
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		coding_read(s, out);
	else if (rc != SQLITE_DONE)
		err_db(err, db_sqlite(db), sqlite3_sql(s));
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int coding_get(struct jaw_db *db, int64_t id, struct coding *out, jaw_err *err)
{
	sqlite3_stmt *s = db_stmt(db, CODING_COLUMNS CODING_FROM " WHERE k.id = ?1", err);
	if (!s)
		return JAW_FAIL;
	sqlite3_bind_int64(s, 1, id);
	int rc = coding_read_one(db, s, out, err);
	if (rc == 0)
		err_set(err, JAW_FAIL, "no coding with id %lld", (long long)id);
	return rc == 1 ? JAW_OK : JAW_FAIL;
}

/* Codings of source ?1 overlapping [?2, ?3). Only codings that start at
 * most the longest coding's length before ?2 can reach it, which keeps the
 * index scan short however many codings the source has. */
#define CODING_OVERLAP                                                          \
	" WHERE k.source_id = ?1 AND k.start_cp < ?3 AND k.end_cp > ?2"            \
	" AND k.start_cp >= ?2 - (SELECT ifnull(max(end_cp - start_cp), 0)"        \
	" FROM coding WHERE source_id = ?1)"

int64_t coding_range_count(struct jaw_db *db, int64_t source_id, int64_t start, int64_t end,
                           jaw_err *err)
{
	static const char sql[] = "SELECT count(*) FROM coding k" CODING_OVERLAP;
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, source_id);
	sqlite3_bind_int64(s, 2, start);
	sqlite3_bind_int64(s, 3, end);
	int64_t n = -1;
	return db_step_int64(db, s, &n, err) == JAW_OK ? n : -1;
}

/* Reads up to limit rows of s (parameters bound) with read; -1 on error. */
static int coding_read_rows(struct jaw_db *db, sqlite3_stmt *s, int limit, void *rows,
                            size_t size, void (*read)(sqlite3_stmt *, void *),
                            void (*clear)(void *), jaw_err *err)
{
	int n = 0, rc = SQLITE_DONE;
	while (n < limit && (rc = sqlite3_step(s)) == SQLITE_ROW)
		read(s, (char *)rows + (size_t)n++ * size);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		err_db(err, db_sqlite(db), sqlite3_sql(s));
		while (n > 0)
			clear((char *)rows + (size_t)--n * size);
		n = -1;
	}
	sqlite3_reset(s);
	return n;
}

static void coding_read_row(sqlite3_stmt *s, void *row)
{
	coding_read(s, row);
}

static void coding_clear_row(void *row)
{
	coding_clear(row);
}

int coding_range_page(struct jaw_db *db, int64_t source_id, int64_t start, int64_t end,
                      int64_t offset, int limit, struct coding *rows, jaw_err *err)
{
	static const char sql[] = CODING_COLUMNS CODING_FROM CODING_OVERLAP
		" ORDER BY k.start_cp, k.end_cp, k.id LIMIT ?4 OFFSET ?5";
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, source_id);
	sqlite3_bind_int64(s, 2, start);
	sqlite3_bind_int64(s, 3, end);
	sqlite3_bind_int(s, 4, limit);
	sqlite3_bind_int64(s, 5, offset);
	return coding_read_rows(db, s, limit, rows, sizeof *rows, coding_read_row, coding_clear_row,
	                        err);
}

int coding_step(struct jaw_db *db, int64_t source_id, int64_t offset,
                enum coding_direction dir, struct coding *out, jaw_err *err)
{
	static const char next_sql[] = CODING_COLUMNS CODING_FROM
		" WHERE k.source_id = ?1 AND k.start_cp > ?2"
		" ORDER BY k.start_cp, k.end_cp, k.id LIMIT 1";
	static const char prev_sql[] = CODING_COLUMNS CODING_FROM
		" WHERE k.source_id = ?1 AND k.start_cp < ?2"
		" ORDER BY k.start_cp DESC, k.end_cp DESC, k.id DESC LIMIT 1";
	sqlite3_stmt *s = db_stmt(db, dir == CODING_NEXT ? next_sql : prev_sql, err);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, source_id);
	sqlite3_bind_int64(s, 2, offset);
	return coding_read_one(db, s, out, err);
}

/* ---- segments of a code ------------------------------------------------------ */

/* The codes whose segments are listed: ?1 and, when ?2, all below it. */
#define CODING_SUBCODES                                                         \
	"WITH RECURSIVE sub(id) AS (SELECT ?1 UNION"                               \
	" SELECT x.id FROM code x JOIN sub ON x.parent_id = sub.id WHERE ?2) "

int64_t coding_segments_count(struct jaw_db *db, int64_t code_id, int flags, jaw_err *err)
{
	static const char sql[] = CODING_SUBCODES
		"SELECT count(*) FROM coding k WHERE k.code_id IN (SELECT id FROM sub)";
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, code_id);
	sqlite3_bind_int(s, 2, (flags & CODING_WITH_SUBCODES) != 0);
	int64_t n = -1;
	return db_step_int64(db, s, &n, err) == JAW_OK ? n : -1;
}

void coding_segment_clear(struct coding_segment *seg)
{
	coding_clear(&seg->coding);
	free(seg->text);
	free(seg->source_title);
	free(seg->source_kind);
	free(seg->source_date);
	free(seg->stakeholder);
	memset(seg, 0, sizeof *seg);
}

static void coding_segment_read(sqlite3_stmt *s, void *row)
{
	struct coding_segment *seg = row;
	memset(seg, 0, sizeof *seg);
	coding_read(s, &seg->coding);
	int i = CODING_NCOLUMNS;
	seg->source_title = db_column_text_new(s, i++);
	seg->source_kind = db_column_text_new(s, i++);
	seg->source_date = db_column_text_new(s, i++);
	seg->stakeholder_id = sqlite3_column_int64(s, i++);
	seg->stakeholder = db_column_text_new(s, i++);
}

static void coding_segment_clear_row(void *row)
{
	coding_segment_clear(row);
}

/* Reads the text of source id (newly allocated; *len its bytes). */
static char *coding_source_text_new(struct jaw_db *db, int64_t id, size_t *len, jaw_err *err)
{
	static const char sql[] = "SELECT text FROM source WHERE id = ?1";
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return NULL;
	sqlite3_bind_int64(s, 1, id);
	char *text = NULL;
	if (sqlite3_step(s) == SQLITE_ROW) {
		*len = (size_t)sqlite3_column_bytes(s, 0);
		text = xstrndup((const char *)sqlite3_column_text(s, 0), *len);
	} else {
		err_db(err, db_sqlite(db), sql);
	}
	sqlite3_reset(s);
	return text;
}

/* Cuts the coded text of rows[0..n) out of their sources, which are read
 * once each: the rows come in order of source and start, so one walk
 * through each text finds every start. */
static int coding_segments_cut(struct jaw_db *db, struct coding_segment *rows, int n,
                               jaw_err *err)
{
	char *text = NULL;
	size_t len = 0, cp = 0, byte = 0;
	for (int i = 0; i < n; i++) {
		const struct coding *c = &rows[i].coding;
		if (!text || c->source_id != rows[i - 1].coding.source_id) {
			free(text);
			if (!(text = coding_source_text_new(db, c->source_id, &len, err)))
				return JAW_FAIL;
			cp = byte = 0;
		}
		byte += utf8_cp_to_byte(text + byte, len - byte, (size_t)c->start - cp);
		cp = (size_t)c->start;
		size_t end = byte + utf8_cp_to_byte(text + byte, len - byte, (size_t)(c->end - c->start));
		rows[i].text = xstrndup(text + byte, end - byte);
	}
	free(text);
	return JAW_OK;
}

int coding_segments_page(struct jaw_db *db, int64_t code_id, int flags, int64_t offset,
                         int limit, struct coding_segment *rows, jaw_err *err)
{
	/* The page is chosen first, on the code's index (without INDEXED BY,
	 * SQLite may walk every coding in source order instead); the coded
	 * texts are cut out afterwards, reading each source once. */
	static const char sql[] = CODING_SUBCODES
		", page(id) AS MATERIALIZED (SELECT k.id FROM coding k INDEXED BY coding_by_code"
		" WHERE k.code_id IN (SELECT id FROM sub)"
		" ORDER BY k.source_id, k.start_cp, k.end_cp, k.id LIMIT ?3 OFFSET ?4) "
		CODING_COLUMNS ", " MODEL_SOURCE_TITLE("s") ", s.kind,"
		" coalesce(s.source_date, ''), coalesce(s.stakeholder_id, 0), coalesce(st.name, '')"
		" FROM page JOIN coding k ON k.id = page.id JOIN code c ON c.id = k.code_id"
		" JOIN source s ON s.id = k.source_id"
		" LEFT JOIN stakeholder st ON st.id = s.stakeholder_id"
		" ORDER BY k.source_id, k.start_cp, k.end_cp, k.id";
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, code_id);
	sqlite3_bind_int(s, 2, (flags & CODING_WITH_SUBCODES) != 0);
	sqlite3_bind_int(s, 3, limit);
	sqlite3_bind_int64(s, 4, offset);
	int n = coding_read_rows(db, s, limit, rows, sizeof *rows, coding_segment_read,
	                         coding_segment_clear_row, err);
	if (n > 0 && coding_segments_cut(db, rows, n, err) != JAW_OK) {
		while (n > 0)
			coding_segment_clear(&rows[--n]);
		return -1;
	}
	return n;
}

/* The segments of the code (and its children) whose text, source title or
 * stakeholder hold ?5, as list search matches. */
#define CODING_MATCHING                                                          \
	CODING_SUBCODES ", hit(id) AS MATERIALIZED (SELECT k.id FROM coding k"     \
	" JOIN source s ON s.id = k.source_id"                                     \
	" LEFT JOIN stakeholder st ON st.id = s.stakeholder_id"                    \
	" WHERE k.code_id IN (SELECT id FROM sub)"                                 \
	" AND jaw_has(?5, substr(s.text, k.start_cp + 1, k.end_cp - k.start_cp),"  \
	" " MODEL_SOURCE_TITLE("s") ", st.name)) "

int64_t coding_segments_count_matching(struct jaw_db *db, int64_t code_id, int flags,
                                       const char *text, jaw_err *err)
{
	if (!text || !*text)
		return coding_segments_count(db, code_id, flags, err);
	static const char sql[] = CODING_MATCHING
		"SELECT count(*) FROM hit";
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, code_id);
	sqlite3_bind_int(s, 2, (flags & CODING_WITH_SUBCODES) != 0);
	sqlite3_bind_text(s, 5, text, -1, SQLITE_TRANSIENT);
	int64_t n = -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	else
		err_db(err, db_sqlite(db), sql);
	sqlite3_reset(s);
	return n;
}

int coding_segments_page_matching(struct jaw_db *db, int64_t code_id, int flags,
                                  const char *text, int64_t offset, int limit,
                                  struct coding_segment *rows, jaw_err *err)
{
	if (!text || !*text)
		return coding_segments_page(db, code_id, flags, offset, limit, rows, err);
	static const char sql[] = CODING_MATCHING
		", page(id) AS MATERIALIZED (SELECT k.id FROM hit JOIN coding k ON k.id = hit.id"
		" ORDER BY k.source_id, k.start_cp, k.end_cp, k.id LIMIT ?3 OFFSET ?4) "
		CODING_COLUMNS ", " MODEL_SOURCE_TITLE("s") ", s.kind,"
		" coalesce(s.source_date, ''), coalesce(s.stakeholder_id, 0), coalesce(st.name, '')"
		" FROM page JOIN coding k ON k.id = page.id JOIN code c ON c.id = k.code_id"
		" JOIN source s ON s.id = k.source_id"
		" LEFT JOIN stakeholder st ON st.id = s.stakeholder_id"
		" ORDER BY k.source_id, k.start_cp, k.end_cp, k.id";
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, code_id);
	sqlite3_bind_int(s, 2, (flags & CODING_WITH_SUBCODES) != 0);
	sqlite3_bind_int(s, 3, limit);
	sqlite3_bind_int64(s, 4, offset);
	sqlite3_bind_text(s, 5, text, -1, SQLITE_TRANSIENT);
	int n = coding_read_rows(db, s, limit, rows, sizeof *rows, coding_segment_read,
	                         coding_segment_clear_row, err);
	if (n > 0 && coding_segments_cut(db, rows, n, err) != JAW_OK) {
		while (n > 0)
			coding_segment_clear(&rows[--n]);
		return -1;
	}
	return n;
}
