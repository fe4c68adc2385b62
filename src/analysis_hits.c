/* analysis_hits.c - coding every hit of a full-text search at once (see
 * analysis.h): the hits are gathered first (search_text_each), turned
 * into the stretches to code, and coded in one journaled change. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "codebook.h"
#include "coding.h"
#include "journal.h"
#include "retrieve.h"
#include "search.h"
#include "text.h"
#include "xalloc.h"

/* A stretch to code. */
struct hit_unit {
	int64_t source, start, end;
};

/* The stretches gathered, with the text of the last source read. */
struct hit_units {
	struct jaw_db *db;
	enum analysis_hit_unit unit;
	struct hit_unit *v;
	size_t n, cap;
	int64_t hits, sources;
	struct retrieve_text text;
};

static int hit_add(void *ctx, int64_t source, int64_t start, int64_t end, double rank,
                   jaw_err *err)
{
	(void)rank;
	struct hit_units *u = ctx;
	u->hits++;
	if (u->n == 0 || u->v[u->n - 1].source != source)
		u->sources++;
	if (u->unit == ANALYSIS_HIT_SENTENCE) {
		if (retrieve_text_load(u->db, &u->text, source, err) != JAW_OK)
			return JAW_FAIL;
		size_t s0, s1;
		if (text_sentence_at(u->text.text, (size_t)start, &s0, &s1) && s1 > s0) {
			start = (int64_t)s0;
			end = (int64_t)s1 > end ? (int64_t)s1 : end;
		}
	}
	struct hit_unit *last = u->n ? &u->v[u->n - 1] : NULL;
	if (last && last->source == source && last->start == start && last->end == end)
		return JAW_OK; /* a sentence with more than one hit */
	if (u->n == u->cap)
		u->v = xreallocarray(u->v, u->cap = u->cap ? u->cap * 2 : 64, sizeof *u->v);
	u->v[u->n++] = (struct hit_unit){source, start, end};
	return JAW_OK;
}

/* Gathers the stretches query's hits make. */
static int hit_gather(struct jaw_db *db, const char *query, enum analysis_hit_unit unit,
                      struct hit_units *u, jaw_err *err)
{
	memset(u, 0, sizeof *u);
	u->db = db;
	u->unit = unit;
	int rc = search_text_each(db, query, hit_add, u, err);
	retrieve_text_clear(&u->text);
	return rc;
}

/* True if coder coded [start, end) of source with code_id already. */
static int hit_coded(struct jaw_db *db, const struct hit_unit *h, int64_t code_id,
                     const char *coder, jaw_err *err)
{
	static const char sql[] = "SELECT count(*) FROM coding WHERE source_id = ?1 AND code_id = ?2"
		" AND coder = ?3 AND start_cp = ?4 AND end_cp = ?5";
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, h->source);
	sqlite3_bind_int64(s, 2, code_id);
	db_bind_text(s, 3, coder, false);
	sqlite3_bind_int64(s, 4, h->start);
	sqlite3_bind_int64(s, 5, h->end);
	int64_t n = -1;
	return db_step_int64(db, s, &n, err) == JAW_OK ? (n > 0) : -1;
}

int analysis_hits_count(struct jaw_db *db, const char *query, enum analysis_hit_unit unit,
                        const char *coder, int64_t code_id, struct analysis_hits *out,
                        jaw_err *err)
{
	memset(out, 0, sizeof *out);
	struct hit_units u;
	int rc = hit_gather(db, query, unit, &u, err);
	for (size_t i = 0; rc == JAW_OK && code_id && i < u.n; i++) {
		int coded = hit_coded(db, &u.v[i], code_id, coder, err);
		if (coded < 0)
			rc = JAW_FAIL;
		out->already += coded > 0;
	}
	out->hits = u.hits;
	out->sources = u.sources;
	out->units = (int64_t)u.n;
	free(u.v);
	return rc;
}

/* Codes the stretches of u in tx; counts them into out. */
static int hit_code_all(struct journal_tx *tx, const struct hit_units *u, int64_t code_id,
                        const char *coder, struct analysis_hits *out, jaw_err *err)
{
	struct jaw_db *db = journal_db(tx);
	for (size_t i = 0; i < u->n; i++) {
		int coded = hit_coded(db, &u->v[i], code_id, coder, err);
		if (coded < 0)
			return JAW_FAIL;
		if (coded) {
			out->already++;
			continue;
		}
		struct coding c = {.source_id = u->v[i].source, .code_id = code_id,
		                   .start = u->v[i].start, .end = u->v[i].end, .coder = (char *)coder,
		                   .created = (char *)""};
		if (coding_insert(db, &c, err) != JAW_OK ||
		    journal_touch_added(tx, JOURNAL_CODING, c.id, err) != JAW_OK)
			return JAW_FAIL;
		out->coded++;
	}
	return JAW_OK;
}

int analysis_code_hits(struct jaw_db *db, const char *coder, const char *query, int64_t code_id,
                       enum analysis_hit_unit unit, struct analysis_hits *out, jaw_err *err)
{
	memset(out, 0, sizeof *out);
	struct code code;
	if (coding_coder_check(coder, err) != JAW_OK || codebook_get(db, code_id, &code, err) != JAW_OK)
		return JAW_FAIL;
	struct hit_units u;
	int rc = hit_gather(db, query, unit, &u, err);
	out->hits = u.hits;
	out->sources = u.sources;
	out->units = (int64_t)u.n;
	struct journal_tx *tx = rc == JAW_OK ? journal_begin(db, coder, "coding-apply", err) : NULL;
	if (tx && hit_code_all(tx, &u, code_id, coder, out, err) != JAW_OK) {
		journal_abort(tx);
		tx = NULL;
		rc = JAW_FAIL;
	} else if (tx && out->coded == 0) {
		journal_abort(tx);
		tx = NULL;
		rc = err_set(err, JAW_FAIL, u.n ? "every hit of \"%s\" is coded %s already"
		             : "\"%s\" is not in the text of any source", query, code.name);
	}
	if (tx) {
		char *summary = xasprintf("apply \"%s\" to %lld %s of \"%s\"", code.name,
		                          (long long)out->coded,
		                          unit == ANALYSIS_HIT_SENTENCE ? "sentences" : "hits", query);
		rc = journal_commit(tx, summary, NULL, err);
		free(summary);
	} else if (rc == JAW_OK) {
		rc = JAW_FAIL;
	}
	free(u.v);
	codebook_code_clear(&code);
	return rc;
}
