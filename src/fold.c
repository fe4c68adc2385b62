/* fold.c - case and accent folding (libunistring), folded search, and
 * the SQL function fold(). */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>

#include "cluster.h"
#include "fold.h"
#include "utf8.h"
#include "xalloc.h"

/* Folding calls into libunistring are slow next to a comparison, so the
 * last results are remembered, per thread, in a small table indexed by
 * the code point. */
#define FOLD_MEMO_SIZE 1024

struct fold_memo {
	uint32_t cp; /* 0: empty (code points below 0x80 never get here) */
	uint8_t flags, n;
	uint32_t out[FOLD_CP_MAX];
};

static _Thread_local struct fold_memo fold_memo[FOLD_MEMO_SIZE];

/* Folds cp with libunistring. */
static size_t fold_cp_slow(uint32_t cp, int flags, uint32_t out[FOLD_CP_MAX])
{
	uint32_t buf[32];
	size_t len = sizeof buf / sizeof *buf;
	uint32_t *r = flags & FOLD_CASE ? u32_casefold(&cp, 1, NULL, UNINORM_NFD, buf, &len)
	                                : u32_normalize(UNINORM_NFD, &cp, 1, buf, &len);
	if (!r) {
		out[0] = cp;
		return 1;
	}
	size_t n = 0;
	for (size_t i = 0; i < len && n < FOLD_CP_MAX; i++)
		if (!(flags & FOLD_MARKS) || !uc_is_general_category(r[i], UC_CATEGORY_Mn))
			out[n++] = r[i];
	if (r != buf)
		free(r);
	return n;
}

size_t fold_cp(uint32_t cp, int flags, uint32_t out[FOLD_CP_MAX])
{
	flags &= FOLD_ALL;
	if (cp < 0x80 || !flags) {
		out[0] = (flags & FOLD_CASE) && cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp;
		return 1;
	}
	struct fold_memo *m = &fold_memo[cp % FOLD_MEMO_SIZE];
	if (m->cp != cp || m->flags != flags) {
		m->n = (uint8_t)fold_cp_slow(cp, flags, m->out);
		m->cp = cp;
		m->flags = (uint8_t)flags;
	}
	memcpy(out, m->out, m->n * sizeof *out);
	return m->n;
}

uint32_t *fold_cps_n_new(const char *s, size_t len, int flags, size_t *n)
{
	size_t cap = len + 1, k = 0;
	uint32_t *out = xreallocarray(NULL, cap, sizeof *out);
	for (size_t i = 0; i < len;) {
		uint32_t cp, f[FOLD_CP_MAX];
		i += utf8_next(s + i, len - i, &cp);
		size_t m = fold_cp(cp, flags, f);
		if (k + m > cap) {
			cap = (k + m) * 2;
			out = xreallocarray(out, cap, sizeof *out);
		}
		memcpy(out + k, f, m * sizeof *f);
		k += m;
	}
	*n = k;
	return out;
}

uint32_t *fold_cps_new(const char *s, int flags, size_t *n)
{
	return fold_cps_n_new(s, strlen(s), flags, n);
}

/* Encodes cps[0..n) as a new UTF-8 string; *len gets its length. */
static char *fold_encode_new(const uint32_t *cps, size_t n, size_t *len)
{
	char *out = xmalloc(n * 4 + 1);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += (size_t)utf8_encode(cps[i], out + k);
	out[k] = '\0';
	if (len)
		*len = k;
	return out;
}

char *fold_new(const char *s, int flags)
{
	size_t n;
	uint32_t *cps = fold_cps_new(s, flags, &n);
	char *out = fold_encode_new(cps, n, NULL);
	free(cps);
	return out;
}

/* ---- search -------------------------------------------------------------------- */

/* True if the folded needle p[0..m) matches hay from unit `unit` of the
 * fold of hay[i]; *end gets the offset after the last code point used. */
static bool fold_match_at(const uint32_t *hay, size_t n, size_t i, size_t unit,
                          const uint32_t *p, size_t m, int flags, size_t *end)
{
	size_t k = 0;
	for (size_t j = i; j < n; j++, unit = 0) {
		uint32_t f[FOLD_CP_MAX];
		size_t fn = fold_cp(hay[j], flags, f);
		for (size_t u = unit; u < fn; u++) {
			if (f[u] != p[k])
				return false;
			if (++k == m) {
				*end = j + 1;
				return true;
			}
		}
	}
	return false;
}

/* If a match of p[0..m) starts at hay[i], sets *end (cluster-aligned). */
static bool fold_match(const uint32_t *hay, size_t n, size_t i, const uint32_t *p, size_t m,
                       int flags, size_t *end)
{
	uint32_t f[FOLD_CP_MAX];
	size_t fn = fold_cp(hay[i], flags, f);
	for (size_t u = 0; u < fn; u++) {
		if (f[u] != p[0] || !fold_match_at(hay, n, i, u, p, m, flags, end))
			continue;
		if (!cluster_is_start(hay, n, i))
			return false;
		if (flags & FOLD_MARKS)
			*end = cluster_end(hay, n, cluster_start(hay, n, *end - 1));
		return cluster_is_start(hay, n, *end);
	}
	return false;
}

bool fold_find(const uint32_t *hay, size_t n, const char *needle, int flags, size_t lo,
               size_t hi, bool backward, size_t *start, size_t *end)
{
	size_t m;
	uint32_t *p = fold_cps_new(needle, flags, &m);
	if (hi > n)
		hi = n;
	bool found = false;
	for (size_t k = lo; m > 0 && k < hi && !found; k++) {
		size_t i = backward ? hi - 1 - (k - lo) : k;
		if (fold_match(hay, n, i, p, m, flags, end)) {
			*start = i;
			found = true;
		}
	}
	free(p);
	return found;
}

bool fold_find_utf8(const char *hay, const char *needle, int flags, size_t *start, size_t *end)
{
	size_t n;
	uint32_t *cps = utf8_cps_new(hay, strlen(hay), &n);
	bool found = fold_find(cps, n, needle, flags, 0, n, false, start, end);
	free(cps);
	return found;
}

/* ---- SQL ------------------------------------------------------------------------ */

static void fold_sql(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	const char *s = (const char *)sqlite3_value_text(argv[0]);
	if (!s) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	size_t n, len;
	uint32_t *cps = fold_cps_n_new(s, (size_t)sqlite3_value_bytes(argv[0]), FOLD_ALL, &n);
	char *out = fold_encode_new(cps, n, &len);
	free(cps);
	sqlite3_result_text64(ctx, out, len, free, SQLITE_UTF8);
}

int fold_register(sqlite3 *db, jaw_err *err)
{
	int rc = sqlite3_create_function_v2(db, "fold", 1,
	                                    SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
	                                    NULL, fold_sql, NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return err_db(err, db, "registering the SQL function fold(text)");
	return JAW_OK;
}
