/* codebook_filter.c - the picker: codes ranked by how well their names
 * match what the analyst typed. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "codebook.h"
#include "utf8.h"
#include "xalloc.h"

/* Decodes s into lower-cased code points (newly allocated); *n gets how
 * many. */
static uint32_t *codebook_fold_new(const char *s, size_t *n)
{
	size_t len = strlen(s);
	uint32_t *out = xreallocarray(NULL, len + 1, sizeof *out);
	*n = 0;
	for (size_t i = 0; i < len;) {
		uint32_t c;
		int k = utf8_decode(s + i, len - i, &c);
		if (k <= 0) {
			c = 0xFFFD;
			k = 1;
		}
		out[(*n)++] = (uint32_t)towlower((wint_t)c);
		i += (size_t)k;
	}
	return out;
}

static bool codebook_word_start(const uint32_t *s, size_t i)
{
	return i == 0 || !iswalnum((wint_t)s[i - 1]);
}

static int codebook_min(size_t a, int b)
{
	return a < (size_t)b ? (int)a : b;
}

/* Scores q as a substring of s (0 if it is not one): the best occurrence. */
static int codebook_substring_score(const uint32_t *s, size_t n, const uint32_t *q, size_t m)
{
	int best = 0;
	for (size_t p = 0; p + m <= n; p++) {
		if (memcmp(s + p, q, m * sizeof *q) != 0)
			continue;
		int bonus = p == 0 ? 500 : codebook_word_start(s, p) ? 250 : 0;
		int score = 3000 + bonus - codebook_min(p, 500) - codebook_min(n - m, 500) / 2;
		if (score > best)
			best = score;
	}
	return best;
}

/* Scores q as a subsequence of s, taking each character at its first
 * place: fewer gaps and more word starts score higher (1-1999). */
static int codebook_subsequence_score(const uint32_t *s, size_t n, const uint32_t *q, size_t m)
{
	size_t i = 0, last = 0;
	int gaps = 0, starts = 0;
	for (size_t k = 0; k < m; k++) {
		while (i < n && s[i] != q[k])
			i++;
		if (i == n)
			return 0;
		if (k > 0 && i > last + 1)
			gaps++;
		if (codebook_word_start(s, i))
			starts++;
		last = i++;
	}
	int score = 1000 + 40 * starts - 30 * gaps - codebook_min(n, 400) / 4;
	return score < 1 ? 1 : score > 1999 ? 1999 : score;
}

int codebook_match_score(const char *name, const char *query)
{
	size_t n, m;
	uint32_t *s = codebook_fold_new(name, &n), *q = codebook_fold_new(query, &m);
	int score = m == 0 ? 1 : codebook_substring_score(s, n, q, m);
	if (score == 0)
		score = codebook_subsequence_score(s, n, q, m);
	free(s);
	free(q);
	return score;
}

void codebook_match_clear(struct codebook_match *m)
{
	free(m->name);
	free(m->path);
	memset(m, 0, sizeof *m);
}

static int codebook_match_order(const void *a, const void *b)
{
	const struct codebook_match *x = a, *y = b;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	int c = strcmp(x->name, y->name);
	if (c)
		return c;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* Reads every code that matches query into *out; returns how many, or -1. */
static int64_t codebook_matches(struct jaw_db *db, const char *query,
                                struct codebook_match **out, jaw_err *err)
{
	static const char sql[] = "SELECT id, name, coalesce(quick_key, 0) FROM code";
	sqlite3_stmt *s = db_stmt(db, sql, err);
	*out = NULL;
	if (!s)
		return -1;
	size_t n = 0, cap = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(s, 1);
		int score = codebook_match_score(name ? name : "", query);
		if (score == 0)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			*out = xreallocarray(*out, cap, sizeof **out);
		}
		(*out)[n++] = (struct codebook_match){sqlite3_column_int64(s, 0),
		                                      xstrdup(name ? name : ""), NULL,
		                                      sqlite3_column_int(s, 2), score};
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		for (size_t i = 0; i < n; i++)
			codebook_match_clear(&(*out)[i]);
		free(*out);
		*out = NULL;
		err_db(err, db_sqlite(db), sql);
		return -1;
	}
	if (n > 1)
		qsort(*out, n, sizeof **out, codebook_match_order);
	return (int64_t)n;
}

int codebook_filter_page(struct jaw_db *db, const char *query, int64_t offset, int limit,
                         struct codebook_match *rows, int64_t *total, jaw_err *err)
{
	struct codebook_match *all;
	int64_t n = codebook_matches(db, query ? query : "", &all, err);
	if (total)
		*total = n;
	if (n < 0)
		return -1;
	int got = 0;
	for (int64_t i = 0; i < n; i++) {
		if (i >= offset && got < limit) {
			rows[got] = all[i];
			rows[got].path = codebook_path_new(db, all[i].id, NULL);
			if (!rows[got].path)
				rows[got].path = xstrdup(all[i].name);
			got++;
		} else {
			codebook_match_clear(&all[i]);
		}
	}
	free(all);
	return got;
}
