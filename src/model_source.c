/* model_source.c - sources of evidence: notes, documents, survey answers. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "kinds.h"
#include "model.h"
#include "search.h"
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
	size_t bad;
	char words[128];
	if (!src->title || !*src->title)
		return err_set(err, JAW_FAIL, "a source needs a title");
	if (!src->kind || !model_one_of(src->kind, kinds_source_kind))
		return err_set(err, JAW_FAIL, "%s: kind must be %s", src->title,
		               kinds_describe(kinds_source_kind, words, sizeof words));
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
	/* an answer belongs to a survey and its full-text index */
	char words[128];
	if (src->kind && strcmp(src->kind, "survey_answer") == 0)
		return err_set(err, JAW_FAIL, "%s: survey answers come from jaw import-csv; a source"
		               " added by hand is an %s", src->title ? src->title : "source",
		               kinds_describe(kinds_note_kind, words, sizeof words));
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

/* Columns and joins shared by the page and single-row queries. */
#define MODEL_SOURCE_SELECT                                                    \
	"SELECT s.id, s.kind, " MODEL_SOURCE_TITLE("s") ", coalesce(s.source_date, ''),"  \
	" s.origin_file,"                                                              \
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

/* The filter's conditions; parameters 1-4 (see model_source_bind_filter). */
#define MODEL_SOURCE_WHERE                                                      \
	" WHERE s.kind <> 'survey_answer' AND (?1 IS NULL OR s.kind = ?1)"           \
	" AND (?2 IS NULL OR s.stakeholder_id = ?2)"                                   \
	" AND (?3 IS NULL OR s.timeline_item_id = ?3) AND (?4 IS NULL OR EXISTS"     \
	" (SELECT 1 FROM coding c WHERE c.source_id = s.id AND c.code_id = ?4))"
/* A row of the list matches: its title, stakeholder or event. */
#define MODEL_SOURCE_MATCH                                                      \
	SEARCH_HAS("s.title, st.name, t.title")
#define MODEL_SOURCE_BY_DATE " ORDER BY s.source_date IS NULL, s.source_date, s.id"
#define MODEL_SOURCE_BY_TITLE " ORDER BY s.title, s.id"

static void model_source_bind_filter(sqlite3_stmt *s, const void *ctx)
{
	const struct source_filter *f = ctx;
	if (!f)
		return;
	db_bind_text(s, 1, f->kind, true);
	if (f->stakeholder_id > 0)
		sqlite3_bind_int64(s, 2, f->stakeholder_id);
	if (f->timeline_item_id > 0)
		sqlite3_bind_int64(s, 3, f->timeline_item_id);
	if (f->code_id > 0)
		sqlite3_bind_int64(s, 4, f->code_id);
}

int64_t model_source_count(struct jaw_db *db, jaw_err *err)
{
	return model_scalar(db, "SELECT count(*) FROM source", err);
}

/* True when filter lets every source through. */
static bool model_source_unfiltered(const struct source_filter *f)
{
	return !f || (!(f->kind && *f->kind) && f->stakeholder_id <= 0 && f->timeline_item_id <= 0 &&
	              f->code_id <= 0);
}

int64_t model_source_count_filtered(struct jaw_db *db, const struct source_filter *filter,
                                    jaw_err *err)
{
	if (model_source_unfiltered(filter))
		/* counted on the smallest index that leaves survey answers out: as
		 * many steps as notes, however many answers the surveys have */
		return model_scalar(db, "SELECT count(*) FROM source INDEXED BY source_by_date"
		                        " WHERE kind <> 'survey_answer'", err);
	static const char sql[] = "SELECT count(*) FROM source s" MODEL_SOURCE_WHERE;
	return model_count_bound(db, sql, model_source_bind_filter, filter, err);
}

int model_source_page(struct jaw_db *db, int64_t offset, int limit, struct source *rows,
                      jaw_err *err)
{
	return model_source_page_filtered(db, NULL, offset, limit, rows, err);
}

int model_source_page_filtered(struct jaw_db *db, const struct source_filter *filter,
                               int64_t offset, int limit, struct source *rows, jaw_err *err)
{
	/* The page is chosen on the index alone, then joined: the rows skipped
	 * by OFFSET are never joined (200,000 rows page in milliseconds). */
#define MODEL_SOURCE_PAGE(order)                                                  \
	MODEL_SOURCE_SELECT " FROM (SELECT s.id FROM source s" MODEL_SOURCE_WHERE order    \
	" LIMIT ? OFFSET ?) AS page JOIN source s ON s.id = page.id"                     \
	" LEFT JOIN stakeholder st ON st.id = s.stakeholder_id"                          \
	" LEFT JOIN timeline_item t ON t.id = s.timeline_item_id" order
	static const char by_date[] = MODEL_SOURCE_PAGE(MODEL_SOURCE_BY_DATE);
	static const char by_title[] = MODEL_SOURCE_PAGE(MODEL_SOURCE_BY_TITLE);
	/* with no filter, the page comes from the index alone */
#define MODEL_SOURCE_PAGE_ALL(order)                                              \
	MODEL_SOURCE_SELECT " FROM (SELECT s.id FROM source s"                             \
	" WHERE s.kind <> 'survey_answer'" order                                           \
	" LIMIT ? OFFSET ?) AS page JOIN source s ON s.id = page.id"                     \
	" LEFT JOIN stakeholder st ON st.id = s.stakeholder_id"                          \
	" LEFT JOIN timeline_item t ON t.id = s.timeline_item_id" order
	static const char all_by_date[] = MODEL_SOURCE_PAGE_ALL(MODEL_SOURCE_BY_DATE);
	static const char all_by_title[] = MODEL_SOURCE_PAGE_ALL(MODEL_SOURCE_BY_TITLE);
#undef MODEL_SOURCE_PAGE_ALL
#undef MODEL_SOURCE_PAGE
	bool by_title_order = filter && filter->by_title;
	if (model_source_unfiltered(filter))
		return model_read_page(db, by_title_order ? all_by_title : all_by_date, offset, limit,
		                       rows, sizeof *rows, model_source_read_page_row,
		                       model_source_clear_row, err);
	return model_read_page_bound(db, filter && filter->by_title ? by_title : by_date,
	                             model_source_bind_filter, filter, offset, limit, rows,
	                             sizeof *rows, model_source_read_page_row,
	                             model_source_clear_row, err);
}

/* Binds the filter to ?1-?4 and ctx's id to ?5. */
struct model_source_at {
	const struct source_filter *filter;
	int64_t id;
};

static void model_source_bind_at(sqlite3_stmt *s, const void *ctx)
{
	const struct model_source_at *at = ctx;
	model_source_bind_filter(s, at->filter);
	sqlite3_bind_int64(s, 5, at->id);
}

int64_t model_source_position_of_id(struct jaw_db *db, const struct source_filter *filter,
                                    int64_t id, jaw_err *err)
{
	/* the rows of the list before it, in its order (no date sorts last) */
#define MODEL_SOURCE_POSITION(key)                                                       \
	"SELECT CASE WHEN EXISTS (SELECT 1 FROM source s" MODEL_SOURCE_WHERE " AND s.id = ?5)" \
	" THEN (SELECT count(*) FROM source s, source x" MODEL_SOURCE_WHERE " AND x.id = ?5"    \
	" AND (" key("s") ") < (" key("x") ")) ELSE -1 END"
#define MODEL_SOURCE_DATE_KEY(a) a ".source_date IS NULL, coalesce(" a ".source_date, ''), " a ".id"
#define MODEL_SOURCE_TITLE_KEY(a) a ".title, " a ".id"
	static const char by_date[] = MODEL_SOURCE_POSITION(MODEL_SOURCE_DATE_KEY);
	static const char by_title[] = MODEL_SOURCE_POSITION(MODEL_SOURCE_TITLE_KEY);
#undef MODEL_SOURCE_TITLE_KEY
#undef MODEL_SOURCE_DATE_KEY
#undef MODEL_SOURCE_POSITION
	struct model_source_at at = {filter, id};
	return model_count_bound(db, filter && filter->by_title ? by_title : by_date,
	                         model_source_bind_at, &at, err);
}

int64_t model_source_search(struct jaw_db *db, const struct source_filter *filter,
                            const char *text, int64_t from, enum model_dir dir, jaw_err *err)
{
	/* the row's title, stakeholder and event as the list shows them; an
	 * index serves ranges of titles, not of the date key. The rows are
	 * read from source_note_meta (schema version 9), which holds every
	 * column the match and the filter read: a note's row has its
	 * stakeholder and event after its text, a walk through a megabyte */
#define MODEL_SOURCE_SEARCHED                                                   \
	" FROM source s INDEXED BY source_note_meta"                                 \
	" LEFT JOIN stakeholder st ON st.id = s.stakeholder_id"                      \
	" LEFT JOIN timeline_item t ON t.id = s.timeline_item_id" MODEL_SOURCE_WHERE
	static const struct search_list by_date = {
		.rows = MODEL_SOURCE_SEARCHED,
		.keys = " FROM source s" MODEL_SOURCE_WHERE,
		.key = {"s.source_date IS NULL", "s.source_date", "s.id"},
		.nkey = 3,
		.match = MODEL_SOURCE_MATCH,
		.lookahead = SEARCH_LOOKAHEAD,
		.bind = model_source_bind_filter,
	};
	static const struct search_list by_title = {
		.rows = MODEL_SOURCE_SEARCHED,
		.keys = " FROM source s" MODEL_SOURCE_WHERE,
		.key = {"s.title", "s.id"},
		.nkey = 2,
		.match = MODEL_SOURCE_MATCH,
		.ranged = true,
		.lookahead = SEARCH_LOOKAHEAD,
		.bind = model_source_bind_filter,
	};
#undef MODEL_SOURCE_SEARCHED
	struct search_list list = filter && filter->by_title ? by_title : by_date;
	list.ctx = filter;
	if (model_source_unfiltered(filter)) {
		/* keys come from the order's own index (notes only) */
		list.keys = filter && filter->by_title
		          ? " FROM source s INDEXED BY source_by_title WHERE s.kind <> 'survey_answer'"
		          : " FROM source s INDEXED BY source_by_date WHERE s.kind <> 'survey_answer'";
		list.count = "SELECT count(*) FROM source INDEXED BY source_by_date"
		             " WHERE kind <> 'survey_answer'";
	}
	return search_list_find(db, &list, text, from, dir, err);
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

int model_source_update_meta(struct jaw_db *db, const struct source *src, jaw_err *err)
{
	struct source check = *src;
	check.text = "";
	if (model_source_validate(&check, err) != JAW_OK)
		return JAW_FAIL;
	static const char sql[] =
		"UPDATE source SET kind = ?1, title = ?2, source_date = ?3, stakeholder_id = ?4,"
		" timeline_item_id = ?5 WHERE id = ?6"
		" AND (kind = 'survey_answer') = (?1 = 'survey_answer')";
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return JAW_FAIL;
	db_bind_text(s, 1, src->kind, false);
	db_bind_text(s, 2, src->title, false);
	db_bind_text(s, 3, src->source_date, true);
	if (src->stakeholder_id > 0)
		sqlite3_bind_int64(s, 4, src->stakeholder_id);
	if (src->timeline_item_id > 0)
		sqlite3_bind_int64(s, 5, src->timeline_item_id);
	sqlite3_bind_int64(s, 6, src->id);
	if (db_step_done(db, s, err) != JAW_OK)
		return JAW_FAIL;
	if (sqlite3_changes(db_sqlite(db)) > 0)
		return JAW_OK;
	static const char exists[] = "SELECT 1 FROM source WHERE id = ?";
	sqlite3_stmt *e = db_stmt(db, exists, err);
	if (!e)
		return JAW_FAIL;
	sqlite3_bind_int64(e, 1, src->id);
	int rc = sqlite3_step(e);
	sqlite3_reset(e);
	if (rc != SQLITE_ROW)
		return err_set(err, JAW_FAIL, "%s: it was deleted meanwhile", src->title);
	return err_set(err, JAW_FAIL, "%s: a survey answer stays a survey answer, and a note cannot"
	               " become one", src->title);
}

int model_source_delete(struct jaw_db *db, int64_t id, jaw_err *err)
{
	static const char sql[] = "DELETE FROM source WHERE id = ?";
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return JAW_FAIL;
	sqlite3_bind_int64(s, 1, id);
	return db_step_done(db, s, err);
}

int64_t model_source_find_text(struct jaw_db *db, const char *text, jaw_err *err)
{
	static const char sql[] =
		"SELECT id FROM source WHERE content_hash = ?1 AND content_hash <> '' AND text = ?2"
		" AND kind <> 'survey_answer' ORDER BY id LIMIT 1";
	char hash[17];
	model_source_hash(text, hash);
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return -1;
	db_bind_text(s, 1, hash, false);
	db_bind_text(s, 2, text, false);
	int64_t id = 0;
	return db_step_int64(db, s, &id, err) == JAW_OK ? id : -1;
}

char *model_source_label_new(struct jaw_db *db, int64_t id, jaw_err *err)
{
	static const char sql[] = "SELECT " MODEL_SOURCE_TITLE("s") ", s.kind FROM source s"
		" WHERE s.id = ?1";
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return xstrdup("");
	sqlite3_bind_int64(s, 1, id);
	char *label = sqlite3_step(s) == SQLITE_ROW
	            ? xasprintf("%s (%s)", sqlite3_column_text(s, 0), sqlite3_column_text(s, 1))
	            : xstrdup("");
	sqlite3_reset(s);
	return label;
}
