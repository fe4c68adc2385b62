/* model_source.c - sources of evidence: notes, documents, survey answers. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "model.h"
#include "utf8.h"
#include "xalloc.h"

/* A content hash for spotting a re-imported note: FNV-1a over the bytes,
 * 64 bits, as hex. Equal hashes are confirmed by comparing the texts. */
static void model_source_hash(const char *text, char out[17])
{
	uint64_t h = 0xcbf29ce484222325u;
	for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
		h ^= *p;
		h *= 0x100000001b3u;
	}
	snprintf(out, 17, "%016" PRIx64, h);
}

static int model_source_validate(const struct source *src, jaw_err *err)
{
	static const char *const kinds[] = {"interview", "observation", "document",
	                                    "survey_answer", NULL};
	size_t bad;
	if (!src->title || !*src->title)
		return err_set(err, JAW_FAIL, "a source needs a title");
	if (!src->kind || !model_one_of(src->kind, kinds))
		return err_set(err, JAW_FAIL,
		               "%s: kind must be interview, observation, document or survey_answer",
		               src->title);
	if (!src->text)
		return err_set(err, JAW_FAIL, "%s: no text", src->title);
	if (!utf8_valid(src->text, strlen(src->text), &bad))
		return err_set(err, JAW_FAIL, "%s: text is not valid UTF-8 at byte %zu", src->title,
		               bad);
	if (src->source_date && *src->source_date &&
	    date_parse(src->source_date, NULL, err) != JAW_OK) {
		err_prefix(err, src->title);
		return JAW_FAIL;
	}
	return JAW_OK;
}

int model_source_add(struct jaw_db *db, struct source *src, jaw_err *err)
{
	if (model_source_validate(src, err) != JAW_OK)
		return JAW_FAIL;
	char hash[17];
	model_source_hash(src->text, hash);
	static const char sql[] =
		"INSERT INTO source (kind, title, text, source_date, stakeholder_id,"
		" timeline_item_id, origin_file, content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return JAW_FAIL;
	db_bind_text(s, 1, src->kind, false);
	db_bind_text(s, 2, src->title, false);
	db_bind_text(s, 3, src->text, false);
	db_bind_text(s, 4, src->source_date, true);
	if (src->stakeholder_id > 0)
		sqlite3_bind_int64(s, 5, src->stakeholder_id);
	if (src->timeline_item_id > 0)
		sqlite3_bind_int64(s, 6, src->timeline_item_id);
	db_bind_text(s, 7, src->origin_file ? src->origin_file : "", false);
	db_bind_text(s, 8, hash, false);
	if (db_step_done(db, s, err) != JAW_OK)
		return JAW_FAIL;
	src->id = sqlite3_last_insert_rowid(db_sqlite(db));
	return JAW_OK;
}

int64_t model_source_count(struct jaw_db *db, jaw_err *err)
{
	return model_scalar(db, "SELECT count(*) FROM source", err);
}

/* Columns and joins shared by the page and single-row queries. */
#define MODEL_SOURCE_SELECT                                                    \
	"SELECT s.id, s.kind, s.title, coalesce(s.source_date, ''), s.origin_file," \
	" coalesce(s.stakeholder_id, 0), coalesce(st.name, ''),"                    \
	" coalesce(s.timeline_item_id, 0), coalesce(t.title, ''),"                  \
	" (SELECT count(*) FROM coding c WHERE c.source_id = s.id)"
#define MODEL_SOURCE_FROM                                                      \
	" FROM source s LEFT JOIN stakeholder st ON st.id = s.stakeholder_id"       \
	" LEFT JOIN timeline_item t ON t.id = s.timeline_item_id"

static void model_source_read_row(sqlite3_stmt *s, struct source *src)
{
	memset(src, 0, sizeof *src);
	src->id = sqlite3_column_int64(s, 0);
	src->kind = db_column_text_new(s, 1);
	src->title = db_column_text_new(s, 2);
	src->source_date = db_column_text_new(s, 3);
	src->origin_file = db_column_text_new(s, 4);
	src->stakeholder_id = sqlite3_column_int64(s, 5);
	src->stakeholder_name = db_column_text_new(s, 6);
	src->timeline_item_id = sqlite3_column_int64(s, 7);
	src->event_title = db_column_text_new(s, 8);
	src->codings = sqlite3_column_int(s, 9);
}

static void model_source_read_page_row(sqlite3_stmt *s, void *row)
{
	model_source_read_row(s, row);
}

static void model_source_clear_row(void *row)
{
	model_source_clear(row);
}

int model_source_page(struct jaw_db *db, int64_t offset, int limit, struct source *rows,
                      jaw_err *err)
{
	static const char sql[] = MODEL_SOURCE_SELECT MODEL_SOURCE_FROM
		" ORDER BY s.source_date IS NULL, s.source_date, s.id LIMIT ? OFFSET ?";
	return model_read_page(db, sql, offset, limit, rows, sizeof *rows, model_source_read_page_row,
	                       model_source_clear_row, err);
}

struct source *model_source_get_new(struct jaw_db *db, int64_t id, jaw_err *err)
{
	static const char sql_row[] =
		MODEL_SOURCE_SELECT ", s.text" MODEL_SOURCE_FROM " WHERE s.id = ?";
	sqlite3_stmt *s = db_stmt(db, sql_row, err);
	if (!s)
		return NULL;
	sqlite3_bind_int64(s, 1, id);
	struct source *src = NULL;
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		src = xcalloc(1, sizeof *src);
		model_source_read_row(s, src);
		src->text = db_column_text_new(s, 10);
	} else if (rc == SQLITE_DONE) {
		err_set(err, JAW_FAIL, "no source with id %" PRId64, id);
	} else {
		err_db(err, db_sqlite(db), sql_row);
	}
	sqlite3_reset(s);
	return src;
}

void model_source_clear(struct source *src)
{
	free(src->kind);
	free(src->title);
	free(src->text);
	free(src->source_date);
	free(src->origin_file);
	free(src->stakeholder_name);
	free(src->event_title);
	memset(src, 0, sizeof *src);
}

void model_source_free(struct source *src)
{
	if (!src)
		return;
	model_source_clear(src);
	free(src);
}

int64_t model_source_find_text(struct jaw_db *db, const char *text, jaw_err *err)
{
	static const char sql[] =
		"SELECT id FROM source WHERE content_hash = ?1 AND text = ?2"
		" AND kind <> 'survey_answer' ORDER BY id LIMIT 1";
	char hash[17];
	model_source_hash(text, hash);
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return -1;
	db_bind_text(s, 1, hash, false);
	db_bind_text(s, 2, text, false);
	int rc = sqlite3_step(s);
	int64_t id = 0;
	if (rc == SQLITE_ROW)
		id = sqlite3_column_int64(s, 0);
	else if (rc != SQLITE_DONE) {
		err_db(err, db_sqlite(db), sql);
		id = -1;
	}
	sqlite3_reset(s);
	return id;
}
