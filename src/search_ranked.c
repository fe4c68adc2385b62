/* search_ranked.c - a search's ranked hits in a TEMP table, a chunk at a
 * time (see search_ranked.h). */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "search_ranked.h"
#include "xalloc.h"

struct search_ranked {
	struct jaw_db *db;
	char *query;
	int64_t count;
	bool *ranked; /* per chunk: in the table */
	int64_t nchunks;
};

struct search_ranked *search_ranked_new(struct jaw_db *db, const char *query, int64_t count,
                                        jaw_err *err)
{
	static const char sql[] =
		"DROP TABLE IF EXISTS temp.search_ranked;"
		"CREATE TEMP TABLE search_ranked (position INTEGER PRIMARY KEY,"
		" source_id INTEGER NOT NULL, rank REAL NOT NULL, start INTEGER NOT NULL,"
		" end INTEGER NOT NULL, snippet TEXT NOT NULL, mark_start INTEGER NOT NULL,"
		" mark_end INTEGER NOT NULL)";
	if (db_exec(db, sql, err) != JAW_OK)
		return NULL;
	struct search_ranked *r = xcalloc(1, sizeof *r);
	r->db = db;
	r->query = xstrdup(query);
	r->count = count > 0 ? count : 0;
	r->nchunks = (r->count + SEARCH_RANKED_CHUNK - 1) / SEARCH_RANKED_CHUNK;
	r->ranked = xcalloc(r->nchunks > 0 ? (size_t)r->nchunks : 1, sizeof *r->ranked);
	return r;
}

void search_ranked_free(struct search_ranked *r)
{
	if (!r)
		return;
	free(r->query);
	free(r->ranked);
	free(r);
}

int64_t search_ranked_count(const struct search_ranked *r)
{
	return r->count;
}

/* Stores hits [0, n) of chunk c. */
static int search_ranked_store(struct search_ranked *r, int64_t c, const struct search_hit *h,
                               int n, jaw_err *err)
{
	sqlite3_stmt *s = db_stmt(r->db, "INSERT OR REPLACE INTO temp.search_ranked VALUES"
	                          " (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", err);
	if (!s)
		return JAW_FAIL;
	for (int i = 0; i < n; i++) {
		sqlite3_bind_int64(s, 1, c * SEARCH_RANKED_CHUNK + i);
		sqlite3_bind_int64(s, 2, h[i].source_id);
		sqlite3_bind_double(s, 3, h[i].rank);
		sqlite3_bind_int64(s, 4, h[i].start);
		sqlite3_bind_int64(s, 5, h[i].end);
		sqlite3_bind_text(s, 6, h[i].snippet ? h[i].snippet : "", -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 7, (int64_t)h[i].mark_start);
		sqlite3_bind_int64(s, 8, (int64_t)h[i].mark_end);
		if (db_step_done(r->db, s, err) != JAW_OK)
			return JAW_FAIL;
	}
	return JAW_OK;
}

/* Ranks chunk c into the table, once. */
static int search_ranked_chunk(struct search_ranked *r, int64_t c, jaw_err *err)
{
	if (r->ranked[c])
		return JAW_OK;
	struct search_hit *h = xcalloc(SEARCH_RANKED_CHUNK, sizeof *h);
	int n = search_text_page_in(r->db, r->query, SEARCH_BEST, c * SEARCH_RANKED_CHUNK,
	                            SEARCH_RANKED_CHUNK, h, err);
	int rc = n < 0 ? JAW_FAIL : search_ranked_store(r, c, h, n, err);
	for (int i = 0; i < n; i++)
		search_hit_clear(&h[i]);
	free(h);
	r->ranked[c] = rc == JAW_OK;
	return rc;
}

static void search_ranked_read(sqlite3_stmt *s, void *row)
{
	struct search_hit *h = row;
	memset(h, 0, sizeof *h);
	h->source_id = sqlite3_column_int64(s, 0);
	h->rank = sqlite3_column_double(s, 1);
	h->start = sqlite3_column_int64(s, 2);
	h->end = sqlite3_column_int64(s, 3);
	h->snippet = db_column_text_new(s, 4);
	h->mark_start = (size_t)sqlite3_column_int64(s, 5);
	h->mark_end = (size_t)sqlite3_column_int64(s, 6);
	/* a snippet is never shorter than its mark; clamped all the same */
	size_t len = strlen(h->snippet);
	if (h->mark_end > len)
		h->mark_end = len;
	if (h->mark_start > h->mark_end)
		h->mark_start = h->mark_end;
}

static void search_ranked_clear_row(void *row)
{
	search_hit_clear(row);
}

int search_ranked_page(struct search_ranked *r, int64_t offset, int limit,
                       struct search_hit *hits, jaw_err *err)
{
	if (offset < 0)
		offset = 0;
	if (limit <= 0 || offset >= r->count)
		return 0;
	int64_t last = offset + limit < r->count ? offset + limit - 1 : r->count - 1;
	for (int64_t c = offset / SEARCH_RANKED_CHUNK; c <= last / SEARCH_RANKED_CHUNK; c++)
		if (search_ranked_chunk(r, c, err) != JAW_OK)
			return -1;
	/* ?1 the limit, ?2 the offset: a range of the table's key */
	return model_read_page(r->db, "SELECT source_id, rank, start, end, snippet, mark_start,"
	                       " mark_end FROM temp.search_ranked WHERE position BETWEEN ?2"
	                       " AND ?2 + ?1 - 1 ORDER BY position LIMIT ?1", offset, limit, hits,
	                       sizeof *hits, search_ranked_read, search_ranked_clear_row, err);
}
