/* analysis_agree.c - inter-coder agreement at character level: percent
 * agreement, Cohen's kappa and Krippendorff's alpha (see analysis.h for
 * the formulas). SQL cuts each source's coded stretches into elementary
 * pieces between the codings' ends, counts for each piece the coders who
 * coded it, and sums the pieces' lengths by code; C only works out the
 * coefficients from those sums. Window functions keep it to a sort of
 * the codings, with no lookup per piece. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "xalloc.h"

/* ?1 the coders (a JSON array), ?2 and ?3 the first two. Each coder's
 * codings of a code in a source are merged into disjoint stretches (u:
 * islands of k in order of start); their ends are events that raise or
 * lower the number of coders (and of the first and second) coding the
 * text from there on, summed in order (run): between two events, c coders
 * coded each character. For each code: its name and path, N, the sums of
 * c and of c (m - c), and b, o1, o2. */
static const char analysis_agreement_sql[] =
	"WITH RECURSIVE cs(coder) AS (SELECT value FROM json_each(?1)),"
	" src AS MATERIALIZED (SELECT source_id FROM coding WHERE coder IN (SELECT coder FROM cs)"
	" GROUP BY source_id HAVING count(DISTINCT coder) = (SELECT count(*) FROM cs)),"
	" k AS (SELECT source_id, code_id, coder, start_cp AS s0, end_cp AS s1,"
	" max(end_cp) OVER (PARTITION BY source_id, code_id, coder ORDER BY start_cp, end_cp"
	" ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before"
	" FROM coding WHERE coder IN (SELECT coder FROM cs)"
	" AND source_id IN (SELECT source_id FROM src)),"
	" isl AS (SELECT *, sum(before IS NULL OR s0 > before) OVER (PARTITION BY source_id,"
	" code_id, coder ORDER BY s0, s1 ROWS UNBOUNDED PRECEDING) AS island FROM k),"
	" u AS (SELECT source_id, code_id, coder, min(s0) AS s0, max(s1) AS s1 FROM isl"
	" GROUP BY source_id, code_id, coder, island),"
	" ev AS (SELECT source_id, code_id, s0 AS p, 1 AS d, coder = ?2 AS f, coder = ?3 AS g FROM u"
	" UNION ALL SELECT source_id, code_id, s1, -1, coder = ?2, coder = ?3 FROM u),"
	" agg AS (SELECT source_id, code_id, p, sum(d) AS dc, sum(d * f) AS d1, sum(d * g) AS d2"
	" FROM ev GROUP BY source_id, code_id, p),"
	" run AS (SELECT code_id, p, lead(p) OVER w AS b, sum(dc) OVER w AS c, sum(d1) OVER w AS c1,"
	" sum(d2) OVER w AS c2 FROM agg WINDOW w AS (PARTITION BY source_id, code_id ORDER BY p)),"
	" cov AS (SELECT code_id AS code, b - p AS w, c, c1 > 0 AS c1, c2 > 0 AS c2 FROM run"
	" WHERE b IS NOT NULL),"
	" t(id, sortkey, path) AS (SELECT id, printf('%020d.%020d', position, id), name FROM code"
	" WHERE parent_id IS NULL UNION ALL SELECT c.id, t.sortkey || '/'"
	" || printf('%020d.%020d', c.position, c.id), t.path || '/' || c.name"
	" FROM code c JOIN t ON c.parent_id = t.id)"
	" SELECT v.code, c.name, t.path,"
	" (SELECT sum(length(s.text)) FROM source s WHERE s.id IN (SELECT source_id FROM src)),"
	" v.n1, v.d, v.both, v.first, v.second"
	" FROM (SELECT code, sum(w * c) AS n1, sum(w * c * ((SELECT count(*) FROM cs) - c)) AS d,"
	" sum(w * (c1 AND c2)) AS both, sum(w * (c1 AND NOT c2)) AS first,"
	" sum(w * (c2 AND NOT c1)) AS second FROM cov GROUP BY code) AS v"
	" JOIN code c ON c.id = v.code JOIN t ON t.id = v.code ORDER BY t.sortkey";

void analysis_agreement_figures(struct analysis_agreement_row *r, int m, double n1, double d)
{
	double n = (double)r->characters;
	if (n <= 0) {
		r->agreement = 100.0;
		r->kappa = r->alpha = 1.0;
		return;
	}
	double po = (n - (double)r->first - (double)r->second) / n;
	double p1 = (double)(r->both + r->first) / n, p2 = (double)(r->both + r->second) / n;
	double pe = p1 * p2 + (1 - p1) * (1 - p2);
	r->agreement = 100.0 * po;
	r->kappa = pe >= 1.0 ? 1.0 : (po - pe) / (1 - pe);
	double values = n * m, n0 = values - n1;
	r->alpha = n0 * n1 <= 0 ? 1.0 : 1.0 - (values - 1) * (d / (m - 1)) / (n0 * n1);
}

void analysis_agreement_free(struct analysis_agreement_row *rows, int nrows)
{
	for (int i = 0; i < nrows; i++) {
		free(rows[i].name);
		free(rows[i].path);
	}
	free(rows);
}

/* The coders as a JSON array (names checked to differ), or NULL with err. */
static char *analysis_coders_json_new(const char *const *coders, int n, jaw_err *err)
{
	if (n < 2) {
		err_set(err, JAW_FAIL, "agreement: name two coders or more");
		return NULL;
	}
	size_t cap = 3, len = 1;
	for (int i = 0; i < n; i++) {
		for (int j = 0; j < i; j++)
			if (strcmp(coders[i], coders[j]) == 0) {
				err_set(err, JAW_FAIL, "agreement: %s is named twice", coders[i]);
				return NULL;
			}
		cap += strlen(coders[i]) * 6 + 3;
	}
	char *json = xmalloc(cap);
	json[0] = '[';
	for (int i = 0; i < n; i++) {
		len += (size_t)snprintf(json + len, cap - len, "%s\"", i ? "," : "");
		for (const unsigned char *p = (const unsigned char *)coders[i]; *p; p++)
			len += (size_t)(*p == '"' || *p == '\\' ? snprintf(json + len, cap - len, "\\%c", *p)
			                : *p < 0x20 ? snprintf(json + len, cap - len, "\\u%04x", *p)
			                : snprintf(json + len, cap - len, "%c", *p));
		len += (size_t)snprintf(json + len, cap - len, "\"");
	}
	snprintf(json + len, cap - len, "]");
	return json;
}

/* Reads the codes' rows, adding their sums into all; returns how many. */
static int analysis_agreement_read(struct jaw_db *db, sqlite3_stmt *s, int m,
                                   struct analysis_agreement_row **rows, double sums[2],
                                   struct analysis_agreement_row *all, jaw_err *err)
{
	int n = 0, cap = 0, rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (n + 1 >= cap) {
			cap = cap ? cap * 2 : 32;
			*rows = xreallocarray(*rows, (size_t)cap, sizeof **rows);
		}
		struct analysis_agreement_row *r = &(*rows)[n++];
		memset(r, 0, sizeof *r);
		r->code_id = sqlite3_column_int64(s, 0);
		r->name = db_column_text_new(s, 1);
		r->path = db_column_text_new(s, 2);
		r->characters = sqlite3_column_int64(s, 3);
		double n1 = sqlite3_column_double(s, 4), d = sqlite3_column_double(s, 5);
		r->both = sqlite3_column_int64(s, 6);
		r->first = sqlite3_column_int64(s, 7);
		r->second = sqlite3_column_int64(s, 8);
		analysis_agreement_figures(r, m, n1, d);
		all->characters += r->characters;
		all->both += r->both;
		all->first += r->first;
		all->second += r->second;
		sums[0] += n1;
		sums[1] += d;
	}
	if (rc != SQLITE_DONE) {
		err_db(err, db_sqlite(db), analysis_agreement_sql);
		return -1;
	}
	return n;
}

int analysis_agreement_new(struct jaw_db *db, const char *const *coders, int ncoders,
                           struct analysis_agreement_row **rows, int *nrows, jaw_err *err)
{
	*rows = NULL;
	*nrows = 0;
	char *json = analysis_coders_json_new(coders, ncoders, err);
	if (!json)
		return JAW_FAIL;
	sqlite3_stmt *s = db_stmt(db, analysis_agreement_sql, err);
	if (!s) {
		free(json);
		return JAW_FAIL;
	}
	sqlite3_bind_text(s, 1, json, -1, free);
	db_bind_text(s, 2, coders[0], false);
	db_bind_text(s, 3, coders[1], false);
	struct analysis_agreement_row all = {0};
	double sums[2] = {0, 0};
	int n = analysis_agreement_read(db, s, ncoders, rows, sums, &all, err);
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	if (n <= 0) {
		analysis_agreement_free(*rows, n > 0 ? n : 0);
		*rows = NULL;
		if (n == 0)
			err_set(err, JAW_FAIL, "agreement: %s and %s%s coded no source in common", coders[0],
			        coders[1], ncoders > 2 ? " (and the others)" : "");
		return JAW_FAIL;
	}
	all.name = xstrdup("(all)");
	all.path = xstrdup("(all)");
	analysis_agreement_figures(&all, ncoders, sums[0], sums[1]);
	(*rows)[n++] = all;
	*nrows = n;
	return JAW_OK;
}
