/* search_text.c - full-text search over the notes' index and every
 * survey's index together (see search.h). */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "search.h"
#include "survey_fts.h"
#include "utf8.h"
#include "xalloc.h"

/* Code points of context a snippet keeps on each side of the match. */
#define SEARCH_CONTEXT 40
/* The most bytes SEARCH_CONTEXT code points take (4 each). */
#define SEARCH_CONTEXT_BYTES (4 * SEARCH_CONTEXT)
/* The first bytes of a text read to find where a match is; doubled until
 * they hold it. */
#define SEARCH_PREFIX 16384

/* Builds the snippet of a match at bytes [bs, be), code point start, of a
 * text whose first avail bytes are z (total bytes in all; avail covers at
 * least SEARCH_CONTEXT code points after be, or the whole text): up to
 * SEARCH_CONTEXT code points each side, cut at a space where one is near,
 * control characters as spaces. The match is *mark_start..*mark_end of the
 * snippet (newly allocated). */
static char *search_snippet_new(const char *z, size_t avail, size_t total, size_t bs, size_t be,
                                size_t start, size_t *mark_start, size_t *mark_end)
{
	size_t from = start > SEARCH_CONTEXT ? utf8_cp_to_byte(z, bs, start - SEARCH_CONTEXT) : 0;
	size_t to = be + utf8_cp_to_byte(z + be, avail - be, SEARCH_CONTEXT);
	/* whole words at the cut ends */
	for (size_t i = from; from > 0 && i < bs; i++)
		if (z[i] == ' ' || z[i] == '\n') {
			from = i + 1;
			break;
		}
	for (size_t i = to; to < total && i > be; i--)
		if (z[i - 1] == ' ' || z[i - 1] == '\n') {
			to = i - 1;
			break;
		}
	const char *pre = from > 0 ? "..." : "", *post = to < total ? "..." : "";
	char *snippet = xasprintf("%s%.*s%s", pre, (int)(to - from), z + from, post);
	for (char *p = snippet; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	*mark_start = strlen(pre) + (bs - from);
	*mark_end = *mark_start + (be - bs);
	return snippet;
}

/* ---- the first bytes of a source's column ---------------------------------------- */

/* A column of one row read from its start a piece at a time (incremental
 * blob I/O), so that finding a match near the start of a 1 MB note reads
 * a few pages of it, not all of it. */
struct search_prefix {
	sqlite3_blob *blob;
	char *bytes; /* the first len bytes, NUL after them */
	size_t len, total;
};

/* Opens column col of row id of table (of the main database). A NULL
 * value or a row deleted meanwhile reads as an empty text. */
static int search_prefix_open(sqlite3 *db, const char *table, const char *col, int64_t id,
                              struct search_prefix *p)
{
	memset(p, 0, sizeof *p);
	int rc = sqlite3_blob_open(db, "main", table, col, id, 0, &p->blob);
	if (rc == SQLITE_ERROR) { /* no such row, or not a text */
		p->blob = NULL;
		rc = SQLITE_OK;
	}
	if (p->blob)
		p->total = (size_t)sqlite3_blob_bytes(p->blob);
	p->bytes = xstrdup("");
	return rc;
}

/* Makes p hold at least want bytes, or all of them. */
static int search_prefix_read(struct search_prefix *p, size_t want)
{
	if (want > p->total)
		want = p->total;
	if (want <= p->len)
		return SQLITE_OK;
	p->bytes = xrealloc(p->bytes, want + 1);
	int rc = sqlite3_blob_read(p->blob, p->bytes + p->len, (int)(want - p->len), (int)p->len);
	if (rc != SQLITE_OK)
		return rc;
	p->len = want;
	p->bytes[want] = '\0';
	return SQLITE_OK;
}

static void search_prefix_close(struct search_prefix *p)
{
	sqlite3_blob_close(p->blob);
	free(p->bytes);
	memset(p, 0, sizeof *p);
}

/* ---- where the match is: the FTS5 function jaw_fts_match(T, TABLE, COLUMN...) -------- */

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

/* Finds tokens t->first..t->last in the text of p, reading no more of it
 * than it takes: the tokens found in the first bytes of a text are those
 * of the whole text up to the last character that is followed by another
 * whole one (a UTF-8 character has at most 4 bytes). */
static int search_prefix_tokens(const Fts5ExtensionApi *api, Fts5Context *fts,
                                struct search_prefix *p, struct search_tokens *t)
{
	struct search_tokens want = *t;
	for (size_t size = SEARCH_PREFIX;; size *= 2) {
		int rc = search_prefix_read(p, size);
		if (rc != SQLITE_OK)
			return rc;
		*t = want;
		rc = api->xTokenize(fts, p->bytes, (int)p->len, t, search_token);
		if (rc != SQLITE_OK && rc != SQLITE_DONE)
			return rc;
		bool whole = p->len == p->total;
		if (whole || (t->end >= 0 && (size_t)t->end + 4 <= p->len))
			return SQLITE_OK;
	}
}

/* The first match of the row: in the last column (the text), else in
 * the first column that has one; the earliest there, the first phrase
 * on a tie. *col is -1 when no phrase has a place in the row. */
static int search_first_match(const Fts5ExtensionApi *api, Fts5Context *fts, int *col, int *off,
                              int *phrase)
{
	int text = api->xColumnCount(fts) - 1, nphrase = api->xPhraseCount(fts);
	*col = -1;
	for (int i = 0; i < nphrase; i++) {
		Fts5PhraseIter it;
		int c, o, fc = -1, fo = 0;
		int rc = api->xPhraseFirst(fts, i, &it, &c, &o);
		if (rc != SQLITE_OK)
			return rc;
		for (; c >= 0; api->xPhraseNext(fts, &it, &c, &o)) {
			if (fc < 0 || c == text) {
				fc = c;
				fo = o;
			}
			if (c == text)
				break; /* positions come by column, then offset */
		}
		if (fc < 0)
			continue;
		int kb = *col == text ? -1 : *col, kf = fc == text ? -1 : fc;
		if (*col < 0 || kf < kb || (kf == kb && fo < *off)) {
			*col = fc;
			*off = fo;
			*phrase = i;
		}
	}
	return SQLITE_OK;
}

/* jaw_fts_match(T, TABLE, COLUMN...): where the row's first match is (see
 * search_first_match) and its snippet, "COLUMN START END MARK_START
 * MARK_END SNIPPET": START and END in code points of that column, the
 * match bytes MARK_START..MARK_END of SNIPPET. The row's text is read
 * from column COLUMN (one for each column of T) of TABLE, the table T's
 * content comes from, no further than the match and its context. NULL
 * when nothing matched. */
static void search_fts_match(const Fts5ExtensionApi *api, Fts5Context *fts,
                             sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	if (argc != 1 + api->xColumnCount(fts)) {
		sqlite3_result_error(ctx, "jaw_fts_match: a table and a column for each column", -1);
		return;
	}
	int col, off = 0, phrase = 0;
	int rc = search_first_match(api, fts, &col, &off, &phrase);
	if (rc != SQLITE_OK || col < 0) {
		if (rc != SQLITE_OK)
			sqlite3_result_error_code(ctx, rc);
		return;
	}
	struct search_prefix p;
	rc = search_prefix_open(sqlite3_context_db_handle(ctx), (const char *)sqlite3_value_text(argv[0]),
	                        (const char *)sqlite3_value_text(argv[1 + col]), api->xRowid(fts), &p);
	struct search_tokens t = {off, off + api->xPhraseSize(fts, phrase) - 1, 0, -1, -1};
	if (rc == SQLITE_OK)
		rc = search_prefix_tokens(api, fts, &p, &t);
	if (rc == SQLITE_OK && t.start >= 0 && t.end >= t.start)
		rc = search_prefix_read(&p, (size_t)t.end + SEARCH_CONTEXT_BYTES + 1);
	if (rc != SQLITE_OK) {
		sqlite3_result_error_code(ctx, rc);
	} else if (t.start >= 0 && t.end >= t.start) {
		size_t bs = (size_t)t.start, be = (size_t)t.end, ms, me;
		size_t start = utf8_cp_count(p.bytes, bs), end = start + utf8_cp_count(p.bytes + bs, be - bs);
		char *snippet = search_snippet_new(p.bytes, p.len, p.total, bs, be, start, &ms, &me);
		char *out = xasprintf("%d %zu %zu %zu %zu %s", col, start, end, ms, me, snippet);
		sqlite3_result_text(ctx, out, -1, free);
		free(snippet);
	}
	search_prefix_close(&p);
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

/* The token an instance of a match starts or ends at, and where that is
 * in code points once the text is tokenized. */
struct search_edge {
	int token;
	bool end;   /* the instance's last token (else its first) */
	int inst;   /* which instance */
	int64_t cp; /* -1 until found */
};

static int search_edge_cmp(const void *a, const void *b)
{
	const struct search_edge *x = a, *y = b;
	if (x->token != y->token)
		return (x->token > y->token) - (x->token < y->token);
	return (int)x->end - (int)y->end;
}

/* One pass over a text, finding every edge (in order of token, starts
 * before ends) and counting code points as it goes. */
struct search_walk {
	const char *z;
	struct search_edge *edges;
	int n, next, at;
	size_t byte;  /* where cp was counted to */
	int64_t cp;
};

static int64_t search_walk_cp(struct search_walk *w, size_t byte)
{
	w->cp += (int64_t)utf8_cp_count(w->z + w->byte, byte - w->byte);
	w->byte = byte;
	return w->cp;
}

static int search_walk_token(void *ctx, int flags, const char *token, int ntoken, int start,
                             int end)
{
	(void)token, (void)ntoken;
	struct search_walk *w = ctx;
	if (flags & FTS5_TOKEN_COLOCATED)
		return SQLITE_OK;
	for (; w->next < w->n && w->edges[w->next].token == w->at; w->next++) {
		struct search_edge *e = &w->edges[w->next];
		e->cp = search_walk_cp(w, (size_t)(e->end ? end : start));
	}
	w->at++;
	return w->next == w->n ? SQLITE_DONE : SQLITE_OK;
}

/* jaw_fts_all(T): every match of the query in the last column (the
 * text), "START END START END ...", in code points and in order of the
 * phrases' instances; NULL when the text has none. The text is tokenized
 * once, however many matches it has. */
static void search_fts_all(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
                           int argc, sqlite3_value **argv)
{
	(void)argc, (void)argv;
	int n, text = api->xColumnCount(fts) - 1, rc = api->xInstCount(fts, &n);
	const char *z = NULL;
	int nz = 0;
	if (rc == SQLITE_OK)
		rc = api->xColumnText(fts, text, &z, &nz);
	struct search_edge *edges = xcalloc((size_t)(n > 0 ? 2 * n : 1), sizeof *edges);
	int nedges = 0, ninst = 0;
	for (int i = 0; rc == SQLITE_OK && z && i < n; i++) {
		int p, c, o;
		if ((rc = api->xInst(fts, i, &p, &c, &o)) != SQLITE_OK || c != text)
			continue;
		edges[nedges++] = (struct search_edge){o, false, ninst, -1};
		edges[nedges++] = (struct search_edge){o + api->xPhraseSize(fts, p) - 1, true, ninst, -1};
		ninst++;
	}
	struct search_spans sp = {NULL, 0, 0};
	if (rc == SQLITE_OK && nedges > 0) {
		qsort(edges, (size_t)nedges, sizeof *edges, search_edge_cmp);
		struct search_walk w = {z, edges, nedges, 0, 0, 0, 0};
		rc = api->xTokenize(fts, z, nz, &w, search_walk_token);
		if (rc == SQLITE_DONE)
			rc = SQLITE_OK;
		/* back in order of instances: [2i] its start, [2i + 1] its end */
		int64_t *at = xmalloc((size_t)nedges * sizeof *at);
		for (int i = 0; i < nedges; i++)
			at[2 * edges[i].inst + edges[i].end] = edges[i].cp;
		for (int i = 0; rc == SQLITE_OK && i < ninst; i++)
			if (at[2 * i] >= 0 && at[2 * i + 1] >= at[2 * i])
				search_spans_add(&sp, (size_t)at[2 * i], (size_t)at[2 * i + 1]);
		free(at);
	}
	free(edges);
	if (rc != SQLITE_OK)
		sqlite3_result_error_code(ctx, rc);
	else if (sp.text)
		sqlite3_result_text(ctx, sp.text, (int)sp.len, SQLITE_TRANSIENT);
	free(sp.text);
}

/* ---- the rank: the FTS5 function jaw_rank(T, TABLE, QUERY) ------------------------- */

/* FTS5's bm25 needs, for each phrase of a query, how many rows of the
 * index hold it: a pass over every row that does (600,000 of them for a
 * common word). jaw_rank is bm25 to the last bit, but counts no further
 * than half the rows (where bm25's inverse document frequency stops
 * changing) and keeps what it counted for the connection until the
 * database changes, so that the pages of one search count once. */
enum { SEARCH_IDF_KEEP = 16 };

struct search_idf {
	char *table, *query;
	int nphrase;
	double *idf;
};

/* What a connection keeps between searches while its database does not
 * change: the data version of the main database and the connection's
 * count of changes when it was kept; the last SEARCH_IDF_KEEP queries'
 * figures, newest first; the query whose hits are in
 * temp.jaw_search_ranked, best first. */
struct search_kept {
	sqlite3 *db;
	struct search_kept *next;
	unsigned version;
	int64_t changes;
	int n;
	struct search_idf entry[SEARCH_IDF_KEEP];
	char *ranked;
};

/* Every connection's, to find it outside FTS5's functions. */
static struct search_kept *search_kept_all;

static void search_idf_clear(struct search_idf *e)
{
	free(e->table);
	free(e->query);
	free(e->idf);
	memset(e, 0, sizeof *e);
}

static void search_kept_forget(struct search_kept *k)
{
	for (int i = 0; i < k->n; i++)
		search_idf_clear(&k->entry[i]);
	k->n = 0;
	free(k->ranked);
	k->ranked = NULL;
}

/* Called as the connection closes. */
static void search_kept_free(void *p)
{
	struct search_kept *k = p, **at = &search_kept_all;
	while (*at && *at != k)
		at = &(*at)->next;
	if (*at)
		*at = k->next;
	search_kept_forget(k);
	free(k);
}

static struct search_kept *search_kept_new(sqlite3 *db)
{
	struct search_kept *k = xcalloc(1, sizeof *k);
	k->db = db;
	k->next = search_kept_all;
	search_kept_all = k;
	return k;
}

/* The connection's (search_fts_register made it). */
static struct search_kept *search_kept_get(sqlite3 *db)
{
	struct search_kept *k = search_kept_all;
	while (k && k->db != db)
		k = k->next;
	return k;
}

/* Forgets everything kept if the database changed since it was kept.
 * False, with everything forgotten, inside a transaction: nothing is
 * kept there, as its changes may yet be rolled back, and a rollback
 * changes neither the data version nor the count of changes. */
static bool search_kept_check(struct search_kept *k)
{
	unsigned version = 0;
	sqlite3_file_control(k->db, "main", SQLITE_FCNTL_DATA_VERSION, &version);
	int64_t changes = sqlite3_total_changes64(k->db);
	bool keep = sqlite3_get_autocommit(k->db) != 0;
	if (keep && version == k->version && changes == k->changes)
		return true;
	search_kept_forget(k);
	k->version = version;
	k->changes = changes;
	return keep;
}

/* After the search's own changes to its TEMP table (which the count of
 * changes counts): what was kept before them is still good. */
static void search_kept_own(struct search_kept *k, int64_t before)
{
	if (k->changes == before)
		k->changes = sqlite3_total_changes64(k->db);
}

/* Counts rows up to half of them: *ctx is {count, rows}. */
static int search_idf_count(const Fts5ExtensionApi *api, Fts5Context *fts, void *ctx)
{
	(void)api, (void)fts;
	int64_t *n = ctx;
	return 2 * ++n[0] >= n[1] ? SQLITE_DONE : SQLITE_OK;
}

/* The figures of one query on one index, for every row it reads. */
struct search_rank {
	int nphrase;
	double avgdl;
	double *idf, *freq;
};

static void search_rank_free(void *p)
{
	struct search_rank *r = p;
	free(r->idf);
	free(r->freq);
	free(r);
}

/* bm25's inverse document frequencies of the query's phrases, as it
 * computes them (fts5_aux.c), from the cache or counted into it. */
static int search_rank_idf(const Fts5ExtensionApi *api, Fts5Context *fts, const char *table,
                           const char *query, int64_t rows, double *idf, int nphrase)
{
	struct search_kept *c = api->xUserData(fts);
	bool keep = search_kept_check(c);
	for (int i = 0; i < c->n; i++) {
		struct search_idf *e = &c->entry[i];
		if (e->nphrase == nphrase && strcmp(e->table, table) == 0 &&
		    strcmp(e->query, query) == 0) {
			memcpy(idf, e->idf, (size_t)nphrase * sizeof *idf);
			return SQLITE_OK;
		}
	}
	for (int i = 0; i < nphrase; i++) {
		int64_t n[2] = {0, rows};
		int rc = api->xQueryPhrase(fts, i, n, search_idf_count);
		if (rc != SQLITE_OK)
			return rc;
		/* once 2n >= rows the logarithm is <= 0 and bm25 takes 1e-6 */
		idf[i] = log((rows - n[0] + 0.5) / (n[0] + 0.5));
		if (idf[i] <= 0.0)
			idf[i] = 1e-6;
	}
	if (!keep)
		return SQLITE_OK;
	if (c->n == SEARCH_IDF_KEEP)
		search_idf_clear(&c->entry[--c->n]);
	memmove(&c->entry[1], &c->entry[0], (size_t)c->n * sizeof *c->entry);
	c->entry[0] = (struct search_idf){xstrdup(table), xstrdup(query), nphrase,
	                                  xmemdup(idf, (size_t)nphrase * sizeof *idf)};
	c->n++;
	return SQLITE_OK;
}

static int search_rank_new(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
                           sqlite3_value **argv, struct search_rank **out)
{
	struct search_rank *r = xcalloc(1, sizeof *r);
	r->nphrase = api->xPhraseCount(fts);
	r->idf = xcalloc((size_t)(r->nphrase > 0 ? r->nphrase : 1), sizeof *r->idf);
	r->freq = xcalloc((size_t)(r->nphrase > 0 ? r->nphrase : 1), sizeof *r->freq);
	sqlite3_int64 rows = 0, tokens = 0;
	int rc = api->xRowCount(fts, &rows);
	if (rc == SQLITE_OK)
		rc = api->xColumnTotalSize(fts, -1, &tokens);
	if (rc == SQLITE_OK) {
		r->avgdl = (double)tokens / (double)rows;
		rc = search_rank_idf(api, fts, (const char *)sqlite3_value_text(argv[0]),
		                     (const char *)sqlite3_value_text(argv[1]), rows, r->idf, r->nphrase);
	}
	if (rc == SQLITE_OK)
		rc = api->xSetAuxdata(fts, r, search_rank_free);
	else
		search_rank_free(r);
	*out = rc == SQLITE_OK ? r : NULL;
	return rc;
}

/* jaw_rank(T, TABLE, QUERY): bm25(T) of the row, T being the index
 * TABLE and QUERY the text it is matched against. */
static void search_fts_rank(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
                            int argc, sqlite3_value **argv)
{
	const double k1 = 1.2, b = 0.75; /* bm25's constants */
	if (argc != 2 || !sqlite3_value_text(argv[0]) || !sqlite3_value_text(argv[1])) {
		sqlite3_result_error(ctx, "jaw_rank: an index's name and the query", -1);
		return;
	}
	struct search_rank *r = api->xGetAuxdata(fts, 0);
	int rc = r ? SQLITE_OK : search_rank_new(api, fts, ctx, argv, &r);
	/* how often each phrase is in the row */
	for (int i = 0; rc == SQLITE_OK && i < r->nphrase; i++) {
		Fts5PhraseIter it;
		int c, o;
		r->freq[i] = 0.0;
		rc = api->xPhraseFirst(fts, i, &it, &c, &o);
		for (; rc == SQLITE_OK && c >= 0; api->xPhraseNext(fts, &it, &c, &o))
			r->freq[i] += 1.0;
	}
	int ntok = 0;
	if (rc == SQLITE_OK)
		rc = api->xColumnSize(fts, -1, &ntok);
	if (rc != SQLITE_OK) {
		sqlite3_result_error_code(ctx, rc);
		return;
	}
	/* bm25's sum, term for term (fts5_aux.c) */
	double score = 0.0, D = (double)ntok;
	for (int i = 0; i < r->nphrase; i++)
		score += r->idf[i] * ((r->freq[i] * (k1 + 1.0)) /
		                      (r->freq[i] + k1 * (1 - b + b * D / r->avgdl)));
	sqlite3_result_double(ctx, -1.0 * score);
}

/* Registers jaw_fts_match, jaw_fts_all and jaw_rank with FTS5 on db's
 * connection unless they are there already. */
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
	    api->xCreateFunction(api, "jaw_rank", search_kept_new(sq), search_fts_rank,
	                         search_kept_free) != SQLITE_OK ||
	    api->xCreateFunction(api, "jaw_fts_all", NULL, search_fts_all, NULL) != SQLITE_OK ||
	    api->xCreateFunction(api, "jaw_fts_match", NULL, search_fts_match, NULL) != SQLITE_OK)
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

/* True if table is the notes' index (title and text), not a survey's
 * (text alone). */
static bool search_is_notes(const char *table)
{
	return strcmp(table, "source_fts") == 0;
}

/* The SQL of a page's hits on index table: the rank (jaw_rank, bm25's
 * figures counted once), ?1 the query. */
static char *search_rank_sql_new(const char *table)
{
	return xasprintf("jaw_rank(%1$s, '%1$s', ?1)", table);
}

/* Reads where hit h matched, and its snippet, with s (search_hit_stmt's
 * for h's index; reset after). */
static int search_hit_read(struct jaw_db *db, sqlite3_stmt *s, bool notes, struct search_hit *h,
                           jaw_err *err)
{
	sqlite3_bind_int64(s, 2, h->source_id);
	int rc = sqlite3_step(s);
	h->start = h->end = -1;
	int col, used = 0;
	long long start, end;
	size_t ms, me;
	const char *where = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(s, 0) : NULL;
	if (where && sscanf(where, "%d %lld %lld %zu %zu %n", &col, &start, &end, &ms, &me, &used) == 5
	    && used > 0) {
		h->snippet = xstrdup(where + used);
		h->mark_start = ms;
		h->mark_end = me;
		if (col == (notes ? 1 : 0)) { /* the text, not the title */
			h->start = start;
			h->end = end;
		}
	} else {
		h->snippet = xstrdup(""); /* deleted meanwhile */
	}
	int status = rc == SQLITE_ROW || rc == SQLITE_DONE ? JAW_OK
	           : err_db(err, db_sqlite(db), sqlite3_sql(s));
	sqlite3_reset(s);
	return status;
}

/* The statement that reads a hit of index table: its first match and
 * snippet, from the source's title and text read no further than they
 * must be (jaw_fts_match). NULL with err set on failure. */
static sqlite3_stmt *search_hit_stmt(struct jaw_db *db, const struct search_query *q,
                                     const char *table, jaw_err *err)
{
	char *sql = xasprintf("SELECT jaw_fts_match(%1$s, 'source', %2$s) FROM %1$s"
	                      " WHERE %1$s MATCH ?1 AND rowid = ?2", table,
	                      search_is_notes(table) ? "'title', 'text'" : "'text'");
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(db_sqlite(db), sql, -1, &s, NULL) != SQLITE_OK) {
		err_db(err, db_sqlite(db), sql);
		sqlite3_finalize(s);
		s = NULL;
	} else {
		sqlite3_bind_text(s, 1, q->match, -1, SQLITE_STATIC);
	}
	free(sql);
	return s;
}

/* Reads where each of the n hits matched and its snippet; table[i] the
 * index of hits[i]. */
static int search_hits_read(struct jaw_db *db, const struct search_query *q, const int *table,
                            struct search_hit *hits, int n, jaw_err *err)
{
	sqlite3_stmt **stmt = xcalloc((size_t)q->ntables, sizeof *stmt);
	int status = JAW_OK;
	for (int i = 0; status == JAW_OK && i < n; i++) {
		int t = table[i];
		if (!stmt[t] && !(stmt[t] = search_hit_stmt(db, q, q->tables[t], err)))
			status = JAW_FAIL;
		else
			status = search_hit_read(db, stmt[t], search_is_notes(q->tables[t]), &hits[i], err);
	}
	for (int t = 0; t < q->ntables; t++)
		sqlite3_finalize(stmt[t]);
	free(stmt);
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

/* The hits of q on every index: "SELECT source_id, rank, t" (t: the
 * index, of q->tables) of each, joined by UNION ALL; ?1 the query. */
static char *search_hits_sql_new(const struct search_query *q)
{
	char *parts = xstrdup("");
	for (int t = 0; t < q->ntables; t++) {
		char *rank = search_rank_sql_new(q->tables[t]);
		parts = search_append(parts, " UNION ALL ",
		                      xasprintf("SELECT rowid AS source_id, %2$s AS rank, %3$d AS t"
		                                " FROM %1$s WHERE %1$s MATCH ?1", q->tables[t], rank, t));
		free(rank);
	}
	return parts;
}

/* Ranks every hit of q into temp.jaw_search_ranked (pos 1 the best)
 * unless it holds them already: a page of them best first then reads
 * no more than the page, where ranking them is a pass over every hit.
 * 1 when the table holds them, 0 when they are not kept (inside a
 * transaction), -1 with err set on error. */
static int search_rank_all(struct jaw_db *db, const struct search_query *q, jaw_err *err)
{
	static const char make[] =
		"CREATE TEMP TABLE IF NOT EXISTS jaw_search_ranked (pos INTEGER PRIMARY KEY,"
		" source_id INTEGER NOT NULL, rank REAL NOT NULL, t INTEGER NOT NULL);"
		"DELETE FROM temp.jaw_search_ranked;";
	sqlite3 *sq = db_sqlite(db);
	struct search_kept *k = search_kept_get(sq);
	if (!k || !search_kept_check(k))
		return 0;
	if (k->ranked && strcmp(k->ranked, q->match) == 0)
		return 1;
	free(k->ranked);
	k->ranked = NULL;
	int64_t before = sqlite3_total_changes64(sq);
	if (db_exec(db, make, err) != JAW_OK)
		return -1;
	search_kept_own(k, before);
	char *parts = search_hits_sql_new(q);
	char *sql = xasprintf("INSERT INTO temp.jaw_search_ranked (source_id, rank, t)"
	                      " SELECT source_id, rank, t FROM (%s) ORDER BY rank, source_id", parts);
	free(parts);
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(sq, sql, -1, &s, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(s, 1, q->match, -1, SQLITE_STATIC);
		before = sqlite3_total_changes64(sq);
		rc = sqlite3_step(s);
	}
	int status = rc == SQLITE_DONE ? JAW_OK : err_db(err, sq, sql);
	sqlite3_finalize(s);
	free(sql);
	if (status == JAW_OK) {
		search_kept_own(k, before);
		k->ranked = xstrdup(q->match);
	}
	return status == JAW_OK ? 1 : -1;
}

int search_text_page_in(struct jaw_db *db, const char *query, enum search_order order,
                        int64_t offset, int limit, struct search_hit *hits, jaw_err *err)
{
	struct search_query q;
	if (search_query_prepare(db, query, &q, err) != JAW_OK)
		return -1;
	char *sql = NULL;
	int kept = order == SEARCH_SOURCES ? 0 : search_rank_all(db, &q, err);
	if (kept == 1) {
		sql = xstrdup("SELECT source_id, rank, t FROM temp.jaw_search_ranked WHERE pos > ?3"
		              " ORDER BY pos LIMIT ?2");
	} else if (kept == 0) {
		/* by source: the indexes' own order, merged, so that only the
		 * page's hits are read (and ranked) */
		char *parts = search_hits_sql_new(&q);
		sql = order == SEARCH_SOURCES
		    ? xasprintf("%s ORDER BY source_id LIMIT ?2 OFFSET ?3", parts)
		    : xasprintf("SELECT source_id, rank, t FROM (%s) ORDER BY rank, source_id"
		                " LIMIT ?2 OFFSET ?3", parts);
		free(parts);
	}
	sqlite3_stmt *s = NULL;
	int n = -1, rc = sql ? sqlite3_prepare_v2(db_sqlite(db), sql, -1, &s, NULL) : SQLITE_ERROR;
	int *table = xcalloc(limit > 0 ? (size_t)limit : 1, sizeof *table);
	if (rc == SQLITE_OK) {
		if (kept == 0)
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
	if (sql && rc != SQLITE_ROW && rc != SQLITE_DONE)
		err_db(err, db_sqlite(db), sql);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		n = -1;
	sqlite3_finalize(s);
	free(sql);
	/* where each hit of the page matched, and its context */
	if (n > 0 && search_hits_read(db, &q, table, hits, n, err) != JAW_OK) {
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

/* Counts the hits of q on index table, no further than limit (-1: all). */
static int64_t search_count_in(struct jaw_db *db, const struct search_query *q,
                               const char *table, int64_t limit, jaw_err *err)
{
	char *sql = xasprintf("SELECT count(*) FROM (SELECT 1 FROM %1$s WHERE %1$s MATCH ?1"
	                      " LIMIT ?2)", table);
	sqlite3_stmt *s = NULL;
	int64_t n = -1;
	if (sqlite3_prepare_v2(db_sqlite(db), sql, -1, &s, NULL) == SQLITE_OK) {
		sqlite3_bind_text(s, 1, q->match, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 2, limit);
		if (sqlite3_step(s) == SQLITE_ROW)
			n = sqlite3_column_int64(s, 0);
	}
	if (n < 0)
		err_db(err, db_sqlite(db), sql);
	sqlite3_finalize(s);
	free(sql);
	return n;
}

int64_t search_text_count_upto(struct jaw_db *db, const char *query, int64_t max, jaw_err *err)
{
	struct search_query q;
	if (search_query_prepare(db, query, &q, err) != JAW_OK)
		return -1;
	/* one index after the other, each counting what is left of max + 1 */
	int64_t n = 0;
	for (int t = 0; n >= 0 && t < q.ntables && (max < 0 || n <= max); t++) {
		int64_t k = search_count_in(db, &q, q.tables[t], max < 0 ? -1 : max + 1 - n, err);
		n = k < 0 ? -1 : n + k;
	}
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
		                      xasprintf("SELECT rowid AS source_id, jaw_rank(%1$s, '%1$s', ?1)"
		                                " AS rank, jaw_fts_all(%1$s) AS spans FROM %1$s"
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
