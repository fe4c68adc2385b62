/* search_text.c - full-text search over the notes' index and every
 * survey's index together (see search.h). */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "search.h"
#include "survey_fts.h"
#include "utf8.h"
#include "xalloc.h"

/* Code points of context a snippet keeps on each side of the match. */
#define SEARCH_CONTEXT 40

/* ---- where the match is: the FTS5 function jaw_fts_match(T) ------------------ */

/* Finds the bytes of tokens first..last of a text. */
struct search_tokens {
	int first, last, at;
	int start, end;
};

static int search_token(void *ctx, int flags, const char *token, int ntoken, int start, int end)
{
	(void)token, (void)ntoken;
	struct search_tokens *t = ctx;
	if (flags & FTS5_TOKEN_COLOCATED)
		return SQLITE_OK;
	if (t->at == t->first)
		t->start = start;
	if (t->at == t->last) {
		t->end = end;
		return SQLITE_DONE; /* the rest of the text does not matter */
	}
	t->at++;
	return SQLITE_OK;
}

/* jaw_fts_match(T): "COLUMN START END", the first match of the query in
 * the last column (the text) or else in the first one that has one, in
 * code points of that column; NULL when nothing matched. */
static void search_fts_match(const Fts5ExtensionApi *api, Fts5Context *fts,
                             sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc, (void)argv;
	int n, best = -1, phrase = 0, col = 0, off = 0;
	int text = api->xColumnCount(fts) - 1, rc = api->xInstCount(fts, &n);
	for (int i = 0; rc == SQLITE_OK && i < n; i++) {
		int p, c, o;
		if ((rc = api->xInst(fts, i, &p, &c, &o)) != SQLITE_OK)
			break;
		bool better = best < 0 || (c == text && col != text) ||
		              (c == col && o < off) || (c < col && col != text);
		if (better) {
			best = i;
			phrase = p, col = c, off = o;
		}
	}
	const char *z = NULL;
	int nz = 0;
	if (rc == SQLITE_OK && best >= 0)
		rc = api->xColumnText(fts, col, &z, &nz);
	if (rc != SQLITE_OK) {
		sqlite3_result_error_code(ctx, rc);
		return;
	}
	if (best < 0 || !z)
		return;
	struct search_tokens t = {off, off + api->xPhraseSize(fts, phrase) - 1, 0, -1, -1};
	rc = api->xTokenize(fts, z, nz, &t, search_token);
	if (rc != SQLITE_OK && rc != SQLITE_DONE) {
		sqlite3_result_error_code(ctx, rc);
		return;
	}
	if (t.start < 0 || t.end < t.start)
		return;
	char out[64];
	snprintf(out, sizeof out, "%d %zu %zu", col, utf8_cp_count(z, (size_t)t.start),
	         utf8_cp_count(z, (size_t)t.end));
	sqlite3_result_text(ctx, out, -1, SQLITE_TRANSIENT);
}

/* A growing list of "START END" pairs. */
struct search_spans {
	char *text;
	size_t len, cap;
};

static void search_spans_add(struct search_spans *sp, size_t start, size_t end)
{
	char pair[48];
	int n = snprintf(pair, sizeof pair, "%s%zu %zu", sp->len ? " " : "", start, end);
	if (sp->len + (size_t)n + 1 > sp->cap) {
		sp->cap = (sp->len + (size_t)n + 1) * 2;
		sp->text = xrealloc(sp->text, sp->cap);
	}
	memcpy(sp->text + sp->len, pair, (size_t)n + 1);
	sp->len += (size_t)n;
}

/* jaw_fts_all(T): every match of the query in the last column (the
 * text), "START END START END ...", in code points and in order of the
 * phrases' instances; NULL when the text has none. */
static void search_fts_all(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
                           int argc, sqlite3_value **argv)
{
	(void)argc, (void)argv;
	int n, text = api->xColumnCount(fts) - 1, rc = api->xInstCount(fts, &n);
	const char *z = NULL;
	int nz = 0;
	if (rc == SQLITE_OK)
		rc = api->xColumnText(fts, text, &z, &nz);
	struct search_spans sp = {NULL, 0, 0};
	for (int i = 0; rc == SQLITE_OK && z && i < n; i++) {
		int p, c, o;
		if ((rc = api->xInst(fts, i, &p, &c, &o)) != SQLITE_OK || c != text)
			continue;
		struct search_tokens t = {o, o + api->xPhraseSize(fts, p) - 1, 0, -1, -1};
		rc = api->xTokenize(fts, z, nz, &t, search_token);
		if (rc == SQLITE_DONE)
			rc = SQLITE_OK;
		if (rc == SQLITE_OK && t.start >= 0 && t.end >= t.start)
			search_spans_add(&sp, utf8_cp_count(z, (size_t)t.start),
			                 utf8_cp_count(z, (size_t)t.end));
	}
	if (rc != SQLITE_OK)
		sqlite3_result_error_code(ctx, rc);
	else if (sp.text)
		sqlite3_result_text(ctx, sp.text, (int)sp.len, SQLITE_TRANSIENT);
	free(sp.text);
}

/* Registers jaw_fts_match (and jaw_fts_all) with FTS5 on db's connection
 * unless they are there already. */
static int search_fts_register(struct jaw_db *db, jaw_err *err)
{
	sqlite3 *sq = db_sqlite(db);
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(sq, "SELECT jaw_fts_match()", -1, &s, NULL) == SQLITE_OK) {
		sqlite3_finalize(s);
		return JAW_OK;
	}
	fts5_api *api = NULL;
	if (sqlite3_prepare_v2(sq, "SELECT fts5(?1)", -1, &s, NULL) == SQLITE_OK) {
		sqlite3_bind_pointer(s, 1, (void *)&api, "fts5_api_ptr", NULL);
		sqlite3_step(s);
	}
	sqlite3_finalize(s);
	if (!api || api->iVersion < 2 ||
	    api->xCreateFunction(api, "jaw_fts_match", NULL, search_fts_match, NULL) != SQLITE_OK ||
	    api->xCreateFunction(api, "jaw_fts_all", NULL, search_fts_all, NULL) != SQLITE_OK)
		return err_set(err, JAW_FAIL, "full-text search needs SQLite's FTS5, which this"
		               " SQLite lacks");
	return JAW_OK;
}

/* ---- the query ------------------------------------------------------------------- */

/* A user's query made ready: the FTS5 query and the indexes it runs on. */
struct search_query {
	char *match;
	char **tables;
	int ntables, cap;
};

static void search_query_clear(struct search_query *q)
{
	free(q->match);
	for (int i = 0; i < q->ntables; i++)
		free(q->tables[i]);
	free(q->tables);
	memset(q, 0, sizeof *q);
}

/* Runs query on table once: 1 if FTS5 takes it, 0 if it refuses it (its
 * message in err), -1 on another error. */
static int search_query_try(struct jaw_db *db, const char *table, const char *match,
                            jaw_err *err)
{
	char *sql = xasprintf("SELECT 1 FROM %1$s WHERE %1$s MATCH ?1 LIMIT 1", table);
	sqlite3_stmt *s = NULL;
	int ok = -1;
	if (sqlite3_prepare_v2(db_sqlite(db), sql, -1, &s, NULL) != SQLITE_OK) {
		err_db(err, db_sqlite(db), sql);
	} else {
		sqlite3_bind_text(s, 1, match, -1, SQLITE_STATIC);
		int rc = sqlite3_step(s);
		ok = rc == SQLITE_ROW || rc == SQLITE_DONE;
		if (!ok) {
			/* FTS5 says what is wrong with the query */
			err_set(err, JAW_FAIL, "%s", sqlite3_errmsg(db_sqlite(db)));
			ok = (sqlite3_errcode(db_sqlite(db)) & 0xff) == SQLITE_ERROR ? 0 : -1;
		}
	}
	sqlite3_finalize(s);
	free(sql);
	return ok;
}

/* The query's words, each quoted as a phrase: "w1" "w2" (newly allocated). */
static char *search_query_quoted_new(const char *query)
{
	char *out = xmalloc(strlen(query) * 3 + 1), *o = out;
	for (const char *p = query; *p;) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (!*p)
			break;
		if (o > out)
			*o++ = ' ';
		*o++ = '"';
		for (; *p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r'; p++) {
			if (*p == '"')
				*o++ = '"';
			*o++ = *p;
		}
		*o++ = '"';
	}
	*o = '\0';
	return out;
}

/* True if text holds a character that can be part of a word: a letter or
 * digit of ASCII, or anything beyond ASCII. */
static bool search_has_word(const char *text)
{
	for (const unsigned char *p = (const unsigned char *)text; *p; p++)
		if ((*p >= '0' && *p <= '9') || ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z') || *p >= 0x80)
			return true;
	return false;
}

static int search_query_add(void *ctx, const char *table)
{
	struct search_query *q = ctx;
	if (q->ntables == q->cap)
		q->tables = xreallocarray(q->tables, (size_t)(q->cap = q->cap ? q->cap * 2 : 8),
		                          sizeof *q->tables);
	q->tables[q->ntables++] = xstrdup(table);
	return 0;
}

/* Makes query ready: as FTS5 syntax if FTS5 takes it, else as its words
 * quoted; with the indexes that take it (a column filter such as title:
 * leaves out the surveys' indexes, which have only text). */
static int search_query_prepare(struct jaw_db *db, const char *query, struct search_query *q,
                                jaw_err *err)
{
	memset(q, 0, sizeof *q);
	if (!search_has_word(query))
		return err_set(err, JAW_FAIL, "nothing to search for in \"%s\": type a word", query);
	if (search_fts_register(db, err) != JAW_OK)
		return JAW_FAIL;
	jaw_err why;
	err_clear(&why);
	q->match = xstrdup(query);
	int ok = search_query_try(db, "source_fts", q->match, &why);
	if (ok == 0) {
		free(q->match);
		q->match = search_query_quoted_new(query);
		ok = search_query_try(db, "source_fts", q->match, &why);
	}
	if (ok <= 0) {
		search_query_clear(q);
		return err_set(err, JAW_FAIL, "cannot search for \"%s\": %s", query, why.msg);
	}
	search_query_add(q, "source_fts");
	struct search_query all = {0};
	if (survey_fts_each(db, search_query_add, &all, err) < 0) {
		search_query_clear(q);
		return JAW_FAIL;
	}
	for (int i = 0; i < all.ntables && ok >= 0; i++)
		if ((ok = search_query_try(db, all.tables[i], q->match, &why)) == 1)
			search_query_add(q, all.tables[i]);
	search_query_clear(&all);
	if (ok < 0) {
		search_query_clear(q);
		return err_set(err, JAW_FAIL, "cannot search for \"%s\": %s", query, why.msg);
	}
	return JAW_OK;
}

/* ---- hits ----------------------------------------------------------------------- */

/* The byte where the code point cp starts, walking from byte at (code
 * point at_cp) of s[0..n). */
static size_t search_byte_of(const char *s, size_t n, size_t at, size_t at_cp, size_t cp)
{
	return at + utf8_cp_to_byte(s + at, n - at, cp - at_cp);
}

/* Builds h->snippet from z[0..n) around the match at code points
 * [start, end): up to SEARCH_CONTEXT code points each side, cut at a
 * space where one is near, control characters as spaces. */
static void search_snippet(struct search_hit *h, const char *z, size_t n, size_t start,
                           size_t end)
{
	size_t bs = utf8_cp_to_byte(z, n, start), be = search_byte_of(z, n, bs, start, end);
	size_t from = start > SEARCH_CONTEXT ? utf8_cp_to_byte(z, n, start - SEARCH_CONTEXT) : 0;
	size_t to = search_byte_of(z, n, be, end, end + SEARCH_CONTEXT);
	/* whole words at the cut ends */
	for (size_t i = from; from > 0 && i < bs; i++)
		if (z[i] == ' ' || z[i] == '\n') {
			from = i + 1;
			break;
		}
	for (size_t i = to; to < n && i > be; i--)
		if (z[i - 1] == ' ' || z[i - 1] == '\n') {
			to = i - 1;
			break;
		}
	const char *pre = from > 0 ? "..." : "", *post = to < n ? "..." : "";
	h->snippet = xasprintf("%s%.*s%s", pre, (int)(to - from), z + from, post);
	for (char *p = h->snippet; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	h->mark_start = strlen(pre) + (bs - from);
	h->mark_end = h->mark_start + (be - bs);
}

/* Reads where hit h matched, and its snippet, from index table. */
static int search_hit_read(struct jaw_db *db, const struct search_query *q, const char *table,
                           struct search_hit *h, jaw_err *err)
{
	bool notes = strcmp(table, "source_fts") == 0;
	char *sql = xasprintf("SELECT jaw_fts_match(%1$s), %2$s, text FROM %1$s"
	                      " WHERE %1$s MATCH ?1 AND rowid = ?2", table, notes ? "title" : "''");
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(db_sqlite(db), sql, -1, &s, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(s, 1, q->match, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 2, h->source_id);
		rc = sqlite3_step(s);
	}
	h->start = h->end = -1;
	int col;
	long long start, end;
	const char *where = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(s, 0) : NULL;
	if (where && sscanf(where, "%d %lld %lld", &col, &start, &end) == 3) {
		int i = notes ? 1 + col : 2; /* the title or the text */
		const char *z = (const char *)sqlite3_column_text(s, i);
		search_snippet(h, z ? z : "", (size_t)sqlite3_column_bytes(s, i), (size_t)start,
		               (size_t)end);
		if (i == 2) {
			h->start = start;
			h->end = end;
		}
	} else {
		h->snippet = xstrdup(""); /* deleted meanwhile */
	}
	int status = rc == SQLITE_ROW || rc == SQLITE_DONE ? JAW_OK : err_db(err, db_sqlite(db), sql);
	sqlite3_finalize(s);
	free(sql);
	return status;
}

/* Joins SQL a and b with glue (a may be empty); frees a. */
static char *search_append(char *a, const char *glue, char *b)
{
	char *out = xasprintf("%s%s%s", a, *a ? glue : "", b);
	free(a);
	free(b);
	return out;
}

int search_text_page(struct jaw_db *db, const char *query, int64_t offset, int limit,
                     struct search_hit *hits, jaw_err *err)
{
	return search_text_page_in(db, query, SEARCH_BEST, offset, limit, hits, err);
}

int search_text_page_in(struct jaw_db *db, const char *query, enum search_order order,
                        int64_t offset, int limit, struct search_hit *hits, jaw_err *err)
{
	struct search_query q;
	if (search_query_prepare(db, query, &q, err) != JAW_OK)
		return -1;
	char *parts = xstrdup("");
	for (int t = 0; t < q.ntables; t++)
		parts = search_append(parts, " UNION ALL ",
		                      xasprintf("SELECT rowid AS source_id, bm25(%1$s) AS rank, %2$d AS t"
		                                " FROM %1$s WHERE %1$s MATCH ?1", q.tables[t], t));
	/* by source: the indexes' own order, merged, so that only the page's
	 * hits are read (and ranked) */
	char *sql = order == SEARCH_SOURCES
	          ? xasprintf("%s ORDER BY source_id LIMIT ?2 OFFSET ?3", parts)
	          : xasprintf("SELECT source_id, rank, t FROM (%s) ORDER BY rank, source_id"
	                      " LIMIT ?2 OFFSET ?3", parts);
	free(parts);
	sqlite3_stmt *s = NULL;
	int n = -1, rc = sqlite3_prepare_v2(db_sqlite(db), sql, -1, &s, NULL);
	int *table = xcalloc(limit > 0 ? (size_t)limit : 1, sizeof *table);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(s, 1, q.match, -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 2, limit);
		sqlite3_bind_int64(s, 3, offset);
		for (n = 0; n < limit && (rc = sqlite3_step(s)) == SQLITE_ROW; n++) {
			memset(&hits[n], 0, sizeof hits[n]);
			hits[n].source_id = sqlite3_column_int64(s, 0);
			hits[n].rank = sqlite3_column_double(s, 1);
			table[n] = sqlite3_column_int(s, 2);
		}
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		err_db(err, db_sqlite(db), sql);
		n = -1;
	}
	sqlite3_finalize(s);
	free(sql);
	/* where each hit of the page matched, and its context */
	int i = 0;
	while (n > 0 && i < n && search_hit_read(db, &q, q.tables[table[i]], &hits[i], err) == JAW_OK)
		i++;
	if (n > 0 && i < n) {
		for (int k = 0; k < n; k++)
			search_hit_clear(&hits[k]);
		n = -1;
	}
	free(table);
	search_query_clear(&q);
	return n;
}

int64_t search_text_count(struct jaw_db *db, const char *query, jaw_err *err)
{
	return search_text_count_upto(db, query, -1, err);
}

int64_t search_text_count_upto(struct jaw_db *db, const char *query, int64_t max, jaw_err *err)
{
	struct search_query q;
	if (search_query_prepare(db, query, &q, err) != JAW_OK)
		return -1;
	/* each index stops at max + 1 (LIMIT -1: none) */
	char *parts = xstrdup("");
	for (int t = 0; t < q.ntables; t++)
		parts = search_append(parts, " + ", xasprintf("(SELECT count(*) FROM (SELECT 1 FROM %1$s"
		                                              " WHERE %1$s MATCH ?1 LIMIT ?2))",
		                                              q.tables[t]));
	char *sql = xasprintf("SELECT min(%s, ?2)", parts);
	free(parts);
	sqlite3_stmt *s = NULL;
	int64_t n = -1;
	if (sqlite3_prepare_v2(db_sqlite(db), sql, -1, &s, NULL) == SQLITE_OK) {
		sqlite3_bind_text(s, 1, q.match, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 2, max < 0 ? INT64_MAX : max + 1);
		if (sqlite3_step(s) == SQLITE_ROW)
			n = sqlite3_column_int64(s, 0);
	}
	if (n < 0)
		err_db(err, db_sqlite(db), sql);
	sqlite3_finalize(s);
	free(sql);
	search_query_clear(&q);
	return n;
}

static int search_span_cmp(const void *a, const void *b)
{
	const int64_t *x = a, *y = b;
	return x[0] != y[0] ? (x[0] > y[0]) - (x[0] < y[0]) : (x[1] > y[1]) - (x[1] < y[1]);
}

/* The pairs of jaw_fts_all's text, in order of start and end, without
 * repeats: 2 * *n numbers, newly allocated. */
static int64_t *search_spans_parse_new(const char *p, size_t *n)
{
	size_t cap = 0;
	int64_t *v = NULL;
	long long start, end;
	int used;
	*n = 0;
	while (p && sscanf(p, "%lld %lld%n", &start, &end, &used) == 2) {
		if (*n == cap)
			v = xreallocarray(v, (cap = cap ? cap * 2 : 8) * 2, sizeof *v);
		v[2 * *n] = start;
		v[2 * (*n)++ + 1] = end;
		p += used;
	}
	if (*n > 1)
		qsort(v, *n, 2 * sizeof *v, search_span_cmp);
	size_t k = 0;
	for (size_t i = 0; i < *n; i++)
		if (k == 0 || v[2 * i] != v[2 * (k - 1)] || v[2 * i + 1] != v[2 * (k - 1) + 1]) {
			v[2 * k] = v[2 * i];
			v[2 * k++ + 1] = v[2 * i + 1];
		}
	*n = k;
	return v;
}

int search_text_each(struct jaw_db *db, const char *query, search_match_fn fn, void *ctx,
                     jaw_err *err)
{
	struct search_query q;
	if (search_query_prepare(db, query, &q, err) != JAW_OK)
		return JAW_FAIL;
	char *parts = xstrdup("");
	for (int t = 0; t < q.ntables; t++)
		parts = search_append(parts, " UNION ALL ",
		                      xasprintf("SELECT rowid AS source_id, bm25(%1$s) AS rank,"
		                                " jaw_fts_all(%1$s) AS spans FROM %1$s"
		                                " WHERE %1$s MATCH ?1", q.tables[t]));
	char *sql = xasprintf("SELECT source_id, rank, spans FROM (%s) WHERE spans IS NOT NULL"
	                      " ORDER BY rank, source_id", parts);
	free(parts);
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(db_sqlite(db), sql, -1, &s, NULL), status = JAW_OK;
	if (rc == SQLITE_OK)
		sqlite3_bind_text(s, 1, q.match, -1, SQLITE_STATIC);
	while (status == JAW_OK && rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t source = sqlite3_column_int64(s, 0);
		double rank = sqlite3_column_double(s, 1);
		size_t n = 0;
		int64_t *spans = search_spans_parse_new((const char *)sqlite3_column_text(s, 2), &n);
		for (size_t i = 0; status == JAW_OK && i < n; i++)
			status = fn(ctx, source, spans[2 * i], spans[2 * i + 1], rank, err);
		free(spans);
		rc = SQLITE_OK;
	}
	if (status == JAW_OK && rc != SQLITE_DONE)
		status = err_db(err, db_sqlite(db), sql);
	sqlite3_finalize(s);
	free(sql);
	search_query_clear(&q);
	return status;
}

void search_hit_clear(struct search_hit *h)
{
	free(h->snippet);
	memset(h, 0, sizeof *h);
}
