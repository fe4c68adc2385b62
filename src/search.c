/* search.c - list search: the next row whose text contains what the
 * analyst typed, found with a few queries (see search.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fold.h"
#include "search.h"
#include "utf8.h"
#include "xalloc.h"

/* Rows counted from each side of a match before counting from one. */
#define SEARCH_STRETCH 4096

/* Parameters search binds, above the list's own (?1 to ?29). */
enum {
	SEARCH_P_TEXT = 60,    /* SEARCH_TEXT */
	SEARCH_P_N = 61,       /* an offset or a limit */
	SEARCH_P_OFFSET = 62,  /* an offset with a limit */
	SEARCH_P_LO = 71,      /* a lower key bound: ?71 ... */
	SEARCH_P_HI = 81,      /* an upper key bound: ?81 ... */
};

/* ---- the match: jaw_has(text, hay, ...) ------------------------------------ */

/* ASCII letters to lower case: the quick path's folding, which agrees
 * with fold.c's on ASCII text. */
static unsigned char search_fold(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

/* How common a character is in text, to look first for the rarest one of
 * the typed text: letters in English order of frequency (n, u and l last,
 * for JSON's null), digits, then spaces and JSON's punctuation; other
 * characters count as rare. */
static int search_commonness(unsigned char c)
{
	static const char letters[] = "zqxjkvbpygfwmcdhrsioateunl";
	c = search_fold(c);
	const char *at = c ? strchr(letters, c) : NULL;
	if (at)
		return 10 + (int)(at - letters);
	if (c >= '0' && c <= '9')
		return 50;
	return c == ' ' || c == '"' || c == ',' ? 100 : 1;
}

/* The typed text made ready for many matches: folded (fold.c, case and
 * accents), as code points for text with letters beyond ASCII and, when
 * the folded text is ASCII, as bytes with the character to look for first
 * (at k) in both cases, for the quick path over ASCII text. */
struct search_needle {
	size_t m, k;       /* bytes of text, the rarest one */
	bool ascii;        /* the folded text is ASCII */
	unsigned char lower, upper;
	size_t ncps;       /* the folded code points */
	uint32_t *cps;
	unsigned char text[];
};

static void search_needle_free(void *p)
{
	struct search_needle *nd = p;
	if (nd)
		free(nd->cps);
	sqlite3_free(nd);
}

static struct search_needle *search_needle_new(const unsigned char *text, size_t m)
{
	size_t ncps = 0;
	uint32_t *cps = fold_cps_n_new((const char *)text, m, FOLD_ALL, &ncps);
	struct search_needle *nd = sqlite3_malloc64(sizeof *nd + ncps + 1);
	if (!nd) {
		free(cps);
		return NULL;
	}
	*nd = (struct search_needle){.m = ncps, .ascii = true, .ncps = ncps, .cps = cps};
	for (size_t i = 0; i < ncps; i++) {
		nd->ascii = nd->ascii && cps[i] < 0x80;
		nd->text[i] = (unsigned char)cps[i];
		if (search_commonness(nd->text[i]) < search_commonness(nd->text[nd->k]))
			nd->k = i;
	}
	nd->lower = ncps ? nd->text[nd->k] : 0;
	nd->upper = nd->lower >= 'a' && nd->lower <= 'z' ? (unsigned char)(nd->lower - 32)
	                                                  : nd->lower;
	return nd;
}

/* The first of c1 and c2 in [p, end), NULL if neither is there. */
static const unsigned char *search_find_either(const unsigned char *p, const unsigned char *end,
                                               unsigned char c1, unsigned char c2)
{
	const unsigned char *a = memchr(p, c1, (size_t)(end - p));
	if (c1 == c2)
		return a;
	const unsigned char *b = memchr(p, c2, (size_t)((a ? a : end) - p));
	return b ? b : a;
}

/* The quick path: an ASCII needle in the bytes of hay, ASCII letters
 * folded. Exact for ASCII hay; a hay beyond ASCII may still match after
 * folding (search_needle_in_folded). */
static bool search_needle_in_ascii(const struct search_needle *nd, const unsigned char *hay,
                                   size_t n)
{
	size_t m = nd->m, k = nd->k;
	if (m > n)
		return false;
	const unsigned char *end = hay + (n - m) + k + 1;
	for (const unsigned char *p = hay + k; (p = search_find_either(p, end, nd->lower, nd->upper));
	     p++) {
		const unsigned char *at = p - k;
		size_t i = 0;
		while (i < m && search_fold(at[i]) == nd->text[i])
			i++;
		if (i == m)
			return true;
	}
	return false;
}

/* True if hay[0..n) has a byte beyond ASCII. */
static bool search_beyond_ascii(const unsigned char *hay, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (hay[i] >= 0x80)
			return true;
	return false;
}

/* The full path: hay folded as the needle was, code point by code point
 * (ASCII quickly, the rest through fold.c), into a buffer kept for the
 * next row. */
static bool search_needle_in_folded(const struct search_needle *nd, const unsigned char *hay,
                                    size_t n)
{
	static _Thread_local uint32_t *buf;
	static _Thread_local size_t cap;
	if (n * FOLD_CP_MAX > cap) {
		cap = n * FOLD_CP_MAX;
		buf = xreallocarray(buf, cap, sizeof *buf);
	}
	size_t k = 0;
	for (size_t i = 0; i < n;) {
		if (hay[i] < 0x80) {
			buf[k++] = search_fold(hay[i++]);
			continue;
		}
		uint32_t cp;
		i += utf8_next((const char *)hay + i, n - i, &cp);
		k += fold_cp(cp, FOLD_ALL, buf + k);
	}
	for (size_t i = 0; i + nd->ncps <= k; i++)
		if (buf[i] == nd->cps[0] && memcmp(buf + i, nd->cps, nd->ncps * sizeof *buf) == 0)
			return true;
	return false;
}

static bool search_needle_in(const struct search_needle *nd, const unsigned char *hay, size_t n)
{
	if (nd->ncps == 0)
		return true;
	if (nd->ascii && search_needle_in_ascii(nd, hay, n))
		return true;
	return search_beyond_ascii(hay, n) && search_needle_in_folded(nd, hay, n);
}

bool search_has(const char *hay, size_t n, const char *text, size_t m)
{
	struct search_needle *nd = search_needle_new((const unsigned char *)text, m);
	if (!nd)
		return false;
	bool in = search_needle_in(nd, (const unsigned char *)hay, n);
	search_needle_free(nd);
	return in;
}

/* jaw_has(text, hay, ...): 1 if one of the hays (NULL ones aside, numbers
 * as text) holds text, else 0; NULL if text is NULL. The prepared text is
 * kept with the statement, for every row. */
static void search_has_sql(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL)
		return;
	struct search_needle *nd = sqlite3_get_auxdata(ctx, 0);
	if (!nd) {
		const unsigned char *text = sqlite3_value_text(argv[0]);
		nd = search_needle_new(text, (size_t)sqlite3_value_bytes(argv[0]));
		if (!nd) {
			sqlite3_result_error_nomem(ctx);
			return;
		}
		sqlite3_set_auxdata(ctx, 0, nd, search_needle_free);
		if (!(nd = sqlite3_get_auxdata(ctx, 0))) {
			sqlite3_result_error_nomem(ctx);
			return;
		}
	}
	for (int i = 1; i < argc; i++) {
		if (sqlite3_value_type(argv[i]) == SQLITE_NULL)
			continue;
		const unsigned char *hay = sqlite3_value_text(argv[i]);
		if (hay && search_needle_in(nd, hay, (size_t)sqlite3_value_bytes(argv[i]))) {
			sqlite3_result_int(ctx, 1);
			return;
		}
	}
	sqlite3_result_int(ctx, 0);
}

int search_register(sqlite3 *sqlite, jaw_err *err)
{
	if (sqlite3_create_function(sqlite, "jaw_has", -1,
	                            SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
	                            search_has_sql, NULL, NULL) != SQLITE_OK)
		return err_db(err, sqlite, "registering the search function jaw_has");
	return JAW_OK;
}

static bool search_ascii_alnum(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* An ASCII character unicode61 splits words at: any but letters and digits. */
static bool search_ascii_separator(char c)
{
	return (unsigned char)c < 0x80 && !search_ascii_alnum(c);
}

char *search_fts_prefilter_new(const char *text)
{
	size_t len = strlen(text);
	char *q = xmalloc(len * 8 + 1), *o = q;
	*o = '\0';
	for (size_t i = 0; i < len;) {
		if (!search_ascii_alnum(text[i])) {
			i++;
			continue;
		}
		size_t start = i;
		while (i < len && search_ascii_alnum(text[i]))
			i++;
		/* a word that starts inside a word of the row says nothing */
		if (start == 0 || !search_ascii_separator(text[start - 1]))
			continue;
		bool whole = i < len && search_ascii_separator(text[i]);
		if (!whole && i < len)
			continue; /* ends in a character unicode61 may join to it */
		o += sprintf(o, "%s\"%.*s\"%s", o == q ? "" : " AND ", (int)(i - start), text + start,
		             whole ? "" : "*");
	}
	if (o == q) {
		free(q);
		return NULL;
	}
	return q;
}

/* A row's sort key, as values copied out of a statement. */
struct search_key {
	sqlite3_value *v[SEARCH_MAX_KEY];
	int n;
};

static void search_key_clear(struct search_key *k)
{
	for (int i = 0; i < k->n; i++)
		sqlite3_value_free(k->v[i]);
	k->n = 0;
}

/* Copies columns 0..n-1 of the current row of s into k. */
static void search_key_read(sqlite3_stmt *s, int n, struct search_key *k)
{
	search_key_clear(k);
	for (int i = 0; i < n; i++)
		k->v[i] = sqlite3_value_dup(sqlite3_column_value(s, i));
	k->n = n;
}

static void search_key_bind(sqlite3_stmt *s, int first, const struct search_key *k)
{
	for (int i = 0; k && i < k->n; i++)
		sqlite3_bind_value(s, first + i, k->v[i]);
}

/* The key's expressions joined by ", ", each followed by suffix. */
static char *search_join_new(const struct search_list *l, const char *suffix)
{
	size_t len = 1;
	for (int i = 0; i < l->nkey; i++)
		len += strlen(l->key[i]) + strlen(suffix) + 2;
	char *out = xmalloc(len), *o = out;
	for (int i = 0; i < l->nkey; i++)
		o += sprintf(o, "%s%s%s", i ? ", " : "", l->key[i], suffix);
	return out;
}

/* SQL comparing a row's key with k bound from ?first: "(k1, k3) > (?71,
 * ?73)". A component that is NULL in k is left out: a list has NULL only
 * where the components before it already set those rows apart (see
 * search_list), so the others decide. */
static char *search_compare_new(const struct search_list *l, const struct search_key *k,
                                const char *op, int first)
{
	size_t len = 16;
	for (int i = 0; i < l->nkey; i++)
		len += strlen(l->key[i]) + 12;
	char *left = xmalloc(len), *right = xmalloc(len), *lo = left, *ro = right;
	for (int i = 0; i < l->nkey; i++) {
		if (sqlite3_value_type(k->v[i]) == SQLITE_NULL)
			continue;
		lo += sprintf(lo, "%s%s", lo == left ? "" : ", ", l->key[i]);
		ro += sprintf(ro, "%s?%d", ro == right ? "" : ", ", first + i);
	}
	char *out = xasprintf("(%s) %s (%s)", left, op, right);
	free(left);
	free(right);
	return out;
}

/* One search in progress. */
struct search_run {
	struct jaw_db *db;
	const struct search_list *list;
	const char *text;
	jaw_err *err;
	char *cols; /* k1, k2 */
	char *asc;  /* k1 ASC, k2 ASC */
	char *desc; /* k1 DESC, k2 DESC */
};

/* Prepares sql (built from the program's own fragments: the typed text is
 * only ever bound) with the list's parameters and the typed text bound. */
static sqlite3_stmt *search_prepare(struct search_run *r, const char *sql)
{
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(db_sqlite(r->db), sql, -1, &s, NULL) != SQLITE_OK) {
		err_db(r->err, db_sqlite(r->db), sql);
		sqlite3_finalize(s);
		return NULL;
	}
	if (r->list->bind)
		r->list->bind(s, r->list->ctx);
	if (sqlite3_bind_parameter_count(s) >= SEARCH_P_TEXT)
		sqlite3_bind_text(s, SEARCH_P_TEXT, r->text, -1, SQLITE_STATIC);
	return s;
}

/* Steps s once: 1 with a row, 0 without, -1 on error (err set). */
static int search_step(struct search_run *r, sqlite3_stmt *s)
{
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	err_db(r->err, db_sqlite(r->db), sqlite3_sql(s));
	return -1;
}

/* Runs sql, and frees it, with keys bound at ?71 and ?81 and n at ?61: 1
 * with a row (its key read into *k, or its first column into *v), 0
 * without, -1 on error. */
static int search_query(struct search_run *r, char *sql, const struct search_key *lo,
                        const struct search_key *hi, int64_t n, struct search_key *k,
                        int64_t *v)
{
	sqlite3_stmt *s = search_prepare(r, sql);
	free(sql);
	int got = -1;
	if (s) {
		search_key_bind(s, SEARCH_P_LO, lo);
		search_key_bind(s, SEARCH_P_HI, hi);
		sqlite3_bind_int64(s, SEARCH_P_N, n);
		got = search_step(r, s);
		if (got == 1 && k)
			search_key_read(s, r->list->nkey, k);
		if (got == 1 && v)
			*v = sqlite3_column_int64(s, 0);
	}
	sqlite3_finalize(s);
	return got;
}

/* Reads the key of the row at position pos into k: 1 if there is one, 0
 * if the list is shorter, -1 on error. */
static int search_key_at(struct search_run *r, int64_t pos, struct search_key *k)
{
	return search_query(r, xasprintf("SELECT %s %s ORDER BY %s LIMIT 1 OFFSET ?%d", r->cols,
	                                 r->list->keys, r->asc, SEARCH_P_N),
	                    NULL, NULL, pos, k, NULL);
}

/* Counts the rows whose keys lie strictly between lo and hi (NULL: no
 * bound), stopping at limit (0: none). -1 on error. */
static int64_t search_count(struct search_run *r, const struct search_key *lo,
                            const struct search_key *hi, int64_t limit)
{
	char *above = lo ? search_compare_new(r->list, lo, ">", SEARCH_P_LO) : NULL;
	char *below = hi ? search_compare_new(r->list, hi, "<", SEARCH_P_HI) : NULL;
	char *where = xasprintf("%s%s%s%s%s", r->list->keys, lo ? " AND " : "", lo ? above : "",
	                        hi ? " AND " : "", hi ? below : "");
	char *sql = limit ? xasprintf("SELECT count(*) FROM (SELECT 1 %s LIMIT ?%d)", where,
	                              SEARCH_P_N)
	                  : xasprintf("SELECT count(*) %s", where);
	free(above);
	free(below);
	free(where);
	int64_t n = -1;
	if (search_query(r, sql, lo, hi, limit, NULL, &n) != 1)
		n = -1;
	return n;
}

/* The number of rows in the list (its quick count, else counted). */
static int64_t search_total(struct search_run *r)
{
	if (!r->list->count)
		return search_count(r, NULL, NULL, 0);
	int64_t n = -1;
	if (search_query(r, xstrdup(r->list->count), NULL, NULL, 0, NULL, &n) != 1)
		n = -1;
	return n;
}

/* Reads the rows near the cursor (list->lookahead of them, on the list's
 * index, as a page is read) with the cursor's own, in order: *found gets
 * the position of the nearest match past the cursor (-1 if none is there)
 * and *cursor the cursor row's key. Returns 0, or -1 on error. */
static int search_near(struct search_run *r, int64_t from, enum model_dir dir,
                       struct search_key *cursor, int64_t *found)
{
	bool fwd = dir == MODEL_FORWARD;
	int64_t first = fwd ? (from < 0 ? 0 : from) : from - r->list->lookahead;
	if (first < 0)
		first = 0;
	int64_t n = (fwd ? from + r->list->lookahead : from) - first + 1;
	const char *match = r->list->near_match ? r->list->near_match : r->list->match;
	const char *tables = r->list->rows + strspn(r->list->rows, " ") + strlen("FROM ");
	/* the page's ids first, then their rows one by one (CROSS JOIN keeps
	 * that order of the loops); in CASE, not as a value, the match stops
	 * at its first false AND, as in a WHERE */
	char *sql = xasprintf("SELECT %1$s, CASE WHEN %2$s THEN 1 ELSE 0 END FROM (SELECT %3$s"
	                      " AS search_id %4$s ORDER BY %5$s LIMIT ?%6$d OFFSET ?%7$d)"
	                      " AS search_page CROSS JOIN %8$s"
	                      " AND %3$s = search_page.search_id ORDER BY %5$s", r->cols, match,
	                      r->list->key[r->list->nkey - 1], r->list->keys, r->asc, SEARCH_P_N,
	                      SEARCH_P_OFFSET, tables);
	sqlite3_stmt *s = search_prepare(r, sql);
	free(sql);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, SEARCH_P_N, n);
	sqlite3_bind_int64(s, SEARCH_P_OFFSET, first);
	int rc;
	*found = -1;
	for (int64_t pos = first; (rc = sqlite3_step(s)) == SQLITE_ROW; pos++) {
		if (pos == from)
			search_key_read(s, r->list->nkey, cursor);
		if (sqlite3_column_int(s, r->list->nkey) && (fwd ? pos > from : pos < from)) {
			*found = pos;
			if (fwd)
				break;
		}
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		err_db(r->err, db_sqlite(r->db), sqlite3_sql(s));
	sqlite3_finalize(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

/* Where a match lies: past the cursor, at it, or round the end. */
enum search_where { SEARCH_PAST, SEARCH_AT, SEARCH_ROUND };

/* Scans every row for the nearest match past the cursor, or else the first
 * (last, backward) of all: 1 with its key in *hit, 0 if no row matches,
 * -1 on error. */
static int search_scan(struct search_run *r, const struct search_key *cursor,
                       enum model_dir dir, struct search_key *hit, enum search_where *where)
{
	bool fwd = dir == MODEL_FORWARD;
	/* with no cursor both flags are NULL, and the order alone decides */
	char *past = cursor ? search_compare_new(r->list, cursor, fwd ? ">" : "<", SEARCH_P_LO)
	                    : xstrdup("NULL");
	char *at = cursor ? search_compare_new(r->list, cursor, "=", SEARCH_P_LO) : xstrdup("NULL");
	char *sql = xasprintf("SELECT %s, %s AS past, %s %s AND (%s) ORDER BY past DESC, %s LIMIT 1",
	                      r->cols, past, at, r->list->rows, r->list->match,
	                      fwd ? r->asc : r->desc);
	free(past);
	free(at);
	sqlite3_stmt *s = search_prepare(r, sql);
	free(sql);
	int got = -1;
	if (s) {
		search_key_bind(s, SEARCH_P_LO, cursor);
		got = search_step(r, s);
		if (got == 1) {
			search_key_read(s, r->list->nkey, hit);
			*where = sqlite3_column_int(s, r->list->nkey) ? SEARCH_PAST
			       : sqlite3_column_int(s, r->list->nkey + 1) ? SEARCH_AT : SEARCH_ROUND;
		}
	}
	sqlite3_finalize(s);
	return got;
}

/* The position of hit, which lies strictly between two rows of known
 * position: lo (lo_pos; NULL for the start, -1) and hi (hi_pos; NULL for
 * the end, the number of rows). Where an index serves ranges of the key,
 * it first counts a stretch from each side, so that a match near either
 * costs little; else it counts from lo. -1 on error. */
static int64_t search_locate(struct search_run *r, const struct search_key *lo, int64_t lo_pos,
                             const struct search_key *hi, int64_t hi_pos,
                             const struct search_key *hit)
{
	int64_t n;
	if (r->list->ranged) {
		if ((n = search_count(r, lo, hit, SEARCH_STRETCH)) < SEARCH_STRETCH)
			return n < 0 ? -1 : lo_pos + 1 + n;
		/* the end's position takes a count unless the list has a quick one */
		if ((hi || r->list->count) &&
		    (n = search_count(r, hit, hi, SEARCH_STRETCH)) < SEARCH_STRETCH) {
			if (n >= 0 && !hi)
				hi_pos = search_total(r);
			return n < 0 || hi_pos < 0 ? -1 : hi_pos - 1 - n;
		}
	}
	n = search_count(r, lo, hit, 0);
	return n < 0 ? -1 : lo_pos + 1 + n;
}

/* Searches with the list's index: the rows near the cursor, else every
 * row; then where the match is. */
static int64_t search_indexed(struct search_run *r, int64_t from, enum model_dir dir)
{
	struct search_key cursor = {0}, hit = {0};
	enum search_where where = SEARCH_PAST;
	int64_t pos = -1;
	int got;
	if (r->list->lookahead > 0 && from >= 0)
		got = search_near(r, from, dir, &cursor, &pos);
	else
		got = from >= 0 ? search_key_at(r, from, &cursor) : 0;
	if (got >= 0 && pos < 0)
		got = search_scan(r, cursor.n ? &cursor : NULL, dir, &hit, &where);
	if (got < 0) {
		pos = -2;
	} else if (pos < 0 && got == 1) {
		const struct search_key *c = cursor.n ? &cursor : NULL;
		/* past the cursor forward, or round the end backward: between the
		 * cursor and the end; else between the start and the cursor */
		if (where == SEARCH_AT)
			pos = from;
		else if ((dir == MODEL_FORWARD) == (where == SEARCH_PAST))
			pos = search_locate(r, c, c ? from : -1, NULL, 0, &hit);
		else
			pos = search_locate(r, NULL, -1, c, from, &hit);
		if (pos < 0)
			pos = -2;
	}
	search_key_clear(&cursor);
	search_key_clear(&hit);
	return pos;
}

/* Reads the rows in order, a step each, for lists whose order has no index
 * but is worked out whole for every page anyway (a tree, a count): the
 * position comes with the step. */
static int64_t search_ordered(struct search_run *r, int64_t from, enum model_dir dir)
{
	char *sql = xasprintf("SELECT CASE WHEN %s THEN 1 ELSE 0 END %s ORDER BY %s", r->list->match,
	                      r->list->rows, r->asc);
	sqlite3_stmt *s = search_prepare(r, sql);
	free(sql);
	if (!s)
		return -2;
	/* before: forward the first match up to the cursor, backward the last
	 * before it; after: backward the last from the cursor on */
	int64_t pos = 0, before = -1, after = -1, found = -1;
	bool fwd = dir == MODEL_FORWARD;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (!fwd && pos >= from && before >= 0)
			break;
		if (sqlite3_column_int(s, 0)) {
			if (fwd && pos > from) {
				found = pos;
				break;
			}
			if (fwd && before < 0)
				before = pos;
			else if (!fwd && pos < from)
				before = pos;
			else if (!fwd)
				after = pos;
		}
		pos++;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		err_db(r->err, db_sqlite(r->db), sqlite3_sql(s));
		found = -2;
	} else if (found < 0) {
		found = before >= 0 ? before : after;
	}
	sqlite3_finalize(s);
	return found;
}

int64_t search_list_find(struct jaw_db *db, const struct search_list *list, const char *text,
                         int64_t from, enum model_dir dir, jaw_err *err)
{
	struct search_run r = {db, list, text, err, search_join_new(list, ""),
	                       search_join_new(list, " ASC"), search_join_new(list, " DESC")};
	int64_t pos = list->ordered ? search_ordered(&r, from, dir) : search_indexed(&r, from, dir);
	free(r.cols);
	free(r.asc);
	free(r.desc);
	return pos;
}
