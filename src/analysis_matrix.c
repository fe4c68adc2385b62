/* analysis_matrix.c - crosstabs of codes by an attribute, and the
 * co-occurrence of codes (see analysis.h). Each table is one statement
 * that aggregates in SQL; C only places the figures in the matrix. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "model.h"
#include "xalloc.h"

/* The most columns a crosstab has (an attribute of free text has more
 * values than a table can show). */
enum { ANALYSIS_MAX_VALUES = 500 };

void analysis_matrix_free(struct analysis_matrix *m)
{
	if (!m)
		return;
	for (int i = 0; i < m->nrows; i++) {
		free(m->row_names[i]);
		free(m->row_paths[i]);
	}
	for (int i = 0; i < m->ncols; i++)
		free(m->col_names[i]);
	free(m->row_ids);
	free(m->row_names);
	free(m->row_paths);
	free(m->row_depth);
	free(m->col_names);
	free(m->col_ids);
	free(m->cells);
	free(m->ratio);
	free(m->row_total);
	free(m->col_total);
	free(m);
}

double analysis_matrix_percent(const struct analysis_matrix *m, int r, int c, bool by_row)
{
	int64_t total = by_row ? m->row_total[r] : m->col_total[c];
	return total > 0 ? 100.0 * (double)m->cells[(size_t)r * (size_t)m->ncols + (size_t)c]
	                   / (double)total : 0.0;
}

/* Reads every code, in the codebook's order, as the rows of a new matrix. */
static struct analysis_matrix *analysis_matrix_rows_new(struct jaw_db *db, jaw_err *err)
{
	static const char sql[] =
		"WITH RECURSIVE t(id, depth, sortkey, path) AS ("
		" SELECT id, 0, printf('%020d.%020d', position, id), name FROM code"
		" WHERE parent_id IS NULL UNION ALL"
		" SELECT c.id, t.depth + 1, t.sortkey || '/' || printf('%020d.%020d', c.position, c.id),"
		" t.path || '/' || c.name FROM code c JOIN t ON c.parent_id = t.id WHERE t.depth < 1000)"
		" SELECT t.id, c.name, t.path, t.depth FROM t JOIN code c ON c.id = t.id"
		" ORDER BY t.sortkey";
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return NULL;
	struct analysis_matrix *m = xcalloc(1, sizeof *m);
	int cap = 0, rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (m->nrows == cap) {
			cap = cap ? cap * 2 : 64;
			m->row_ids = xreallocarray(m->row_ids, (size_t)cap, sizeof *m->row_ids);
			m->row_names = xreallocarray(m->row_names, (size_t)cap, sizeof *m->row_names);
			m->row_paths = xreallocarray(m->row_paths, (size_t)cap, sizeof *m->row_paths);
			m->row_depth = xreallocarray(m->row_depth, (size_t)cap, sizeof *m->row_depth);
		}
		m->row_ids[m->nrows] = sqlite3_column_int64(s, 0);
		m->row_names[m->nrows] = db_column_text_new(s, 1);
		m->row_paths[m->nrows] = db_column_text_new(s, 2);
		m->row_depth[m->nrows++] = sqlite3_column_int(s, 3);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		err_db(err, db_sqlite(db), sql);
		analysis_matrix_free(m);
		return NULL;
	}
	m->row_total = xcalloc((size_t)m->nrows + 1, sizeof *m->row_total);
	return m;
}

/* The row of code id, -1 if none (rows are few: a linear search). */
static int analysis_row_of(const struct analysis_matrix *m, int64_t id)
{
	for (int i = 0; i < m->nrows; i++)
		if (m->row_ids[i] == id)
			return i;
	return -1;
}

/* Makes the cells once the columns are known. */
static void analysis_matrix_cells(struct analysis_matrix *m)
{
	m->cells = xcalloc((size_t)m->nrows * (size_t)m->ncols + 1, sizeof *m->cells);
	if (!m->col_total)
		m->col_total = xcalloc((size_t)m->ncols + 1, sizeof *m->col_total);
}

static void analysis_matrix_set(struct analysis_matrix *m, int r, int c, int64_t v)
{
	m->cells[(size_t)r * (size_t)m->ncols + (size_t)c] = v;
	if (v > m->max)
		m->max = v;
}

/* ---- crosstabs ----------------------------------------------------------------- */

/* Segments and sources come from coding_tally (schema version 8): each
 * code's codings and sources by a property of the source, whose values
 * map to the attribute's (a stakeholder to its organisation); a source has
 * one value, so the figures of an attribute's value are sums. Distinct
 * respondents of register attributes are counted over the codings.
 *
 * x(code, v, segs, srcs, resp) for each kind of attribute: the tally's rows
 * of dimension DIM with the attribute's value v (NULL for none); code 0
 * counts any code (the columns' totals). */
#define XT_TALLY(DIM, VALUE, JOINS) \
	" x AS (SELECT t.code_id AS code, " VALUE " AS v, t.segments AS segs," \
	" t.sources AS srcs, 1 AS resp FROM coding_tally t" JOINS " WHERE t.dim = " DIM ")"

/* The groupings, in one statement over x: 0 cells, 1 rows, 2 columns,
 * 3 the whole table; each with its segments, sources and respondents. */
#define XT_MEASURES ", sum(segs), sum(srcs), sum(resp)"
#define XT_ORDER                                                                    \
	" ORDER BY w = 2 DESC, v IS NULL, (CASE WHEN v GLOB '[0-9]*' THEN 0 ELSE 1 END),"  \
	" CAST(v AS REAL), v"
#define XT_GROUPS                                                                   \
	" SELECT * FROM (SELECT 2 AS w, NULL AS code, v" XT_MEASURES " FROM x WHERE code = 0" \
	" GROUP BY v"                                                                    \
	" UNION ALL SELECT 0, code, v" XT_MEASURES " FROM x WHERE code <> 0 GROUP BY code, v" \
	" UNION ALL SELECT 1, code, NULL" XT_MEASURES " FROM x WHERE code <> 0 GROUP BY code" \
	" UNION ALL SELECT 3, NULL, NULL" XT_MEASURES " FROM x WHERE code = 0)" XT_ORDER

/* Distinct respondents, which are not sums: counted over the codings of
 * survey answers (sources with a question and a respondent, on their
 * index: nothing when there are none), x(code, v, resp); the columns are
 * the values of every coded source, from the tally: cols(v). */
#define XT_ANSWERS(VALUE, JOINS)                                                     \
	" x AS MATERIALIZED (SELECT k.code_id AS code, " VALUE " AS v, s.respondent_id AS resp" \
	" FROM source s INDEXED BY source_by_answer JOIN coding k ON k.source_id = s.id" JOINS  \
	" WHERE s.column_id IS NOT NULL AND s.respondent_id IS NOT NULL)"
#define XT_COLS(DIM, VALUE, JOINS)                                                  \
	" cols AS (SELECT DISTINCT " VALUE " AS v FROM coding_tally t" JOINS               \
	" WHERE t.dim = " DIM " AND t.code_id = 0),"
#define XT_RESPONDENTS                                                              \
	" SELECT * FROM (SELECT 2 AS w, NULL AS code, c.v, 0, 0,"                         \
	" (SELECT count(DISTINCT resp) FROM x WHERE x.v IS c.v) FROM cols c"              \
	" UNION ALL SELECT 0, code, v, 0, 0, count(DISTINCT resp) FROM x GROUP BY code, v" \
	" UNION ALL SELECT 1, code, NULL, 0, 0, count(DISTINCT resp) FROM x GROUP BY code" \
	" UNION ALL SELECT 3, NULL, NULL, 0, 0, count(DISTINCT resp) FROM x)" XT_ORDER

#define XT_STAKEHOLDER(ON) " LEFT JOIN stakeholder st ON st.id = " ON
#define XT_DIRECT(ON)                                                               \
	XT_STAKEHOLDER(ON) " LEFT JOIN stakeholder po ON po.id = st.parent_id"            \
	" AND po.kind = 'organisation'"
#define XT_DIRECT_VALUE "CASE WHEN st.kind = 'organisation' THEN st.name ELSE po.name END"
/* tops(id, top): each stakeholder's top-level ancestor */
#define XT_TOPS                                                                      \
	"WITH RECURSIVE tops(id, top) AS (SELECT id, id FROM stakeholder WHERE parent_id IS NULL" \
	" UNION ALL SELECT x.id, tops.top FROM stakeholder x JOIN tops ON x.parent_id = tops.id),"
#define XT_TOP(ON)                                                                   \
	" LEFT JOIN tops ON tops.id = " ON                                                 \
	" LEFT JOIN stakeholder tp ON tp.id = tops.top AND tp.kind = 'organisation'"

/* A kind of attribute and its statements: by segments or sources (from
 * the tally), and by respondents (over the codings of survey answers). */
struct analysis_attr {
	const char *name;
	const char *sql, *respondents_sql;
};

static const struct analysis_attr analysis_attrs[] = {
	{"source-kind", "WITH" XT_TALLY("1", "t.value", "") XT_GROUPS,
	 "WITH" XT_COLS("1", "t.value", "") XT_ANSWERS("s.kind", "") XT_RESPONDENTS},
	{"event",
	 "WITH" XT_TALLY("2", "ti.title", " LEFT JOIN timeline_item ti ON ti.id = t.value")
	 XT_GROUPS,
	 "WITH" XT_COLS("2", "ti.title", " LEFT JOIN timeline_item ti ON ti.id = t.value")
	 XT_ANSWERS("ti.title", " LEFT JOIN timeline_item ti ON ti.id = s.timeline_item_id")
	 XT_RESPONDENTS},
	{"stakeholder-kind", "WITH" XT_TALLY("3", "st.kind", XT_STAKEHOLDER("t.value")) XT_GROUPS,
	 "WITH" XT_COLS("3", "st.kind", XT_STAKEHOLDER("t.value"))
	 XT_ANSWERS("st.kind", XT_STAKEHOLDER("s.stakeholder_id")) XT_RESPONDENTS},
	{"role", "WITH" XT_TALLY("3", "nullif(st.role, '')", XT_STAKEHOLDER("t.value")) XT_GROUPS,
	 "WITH" XT_COLS("3", "nullif(st.role, '')", XT_STAKEHOLDER("t.value"))
	 XT_ANSWERS("nullif(st.role, '')", XT_STAKEHOLDER("s.stakeholder_id")) XT_RESPONDENTS},
	{"organisation-direct",
	 "WITH" XT_TALLY("3", XT_DIRECT_VALUE, XT_DIRECT("t.value")) XT_GROUPS,
	 "WITH" XT_COLS("3", XT_DIRECT_VALUE, XT_DIRECT("t.value"))
	 XT_ANSWERS(XT_DIRECT_VALUE, XT_DIRECT("s.stakeholder_id")) XT_RESPONDENTS},
	{"organisation", XT_TOPS XT_TALLY("3", "tp.name", XT_TOP("t.value")) XT_GROUPS,
	 XT_TOPS XT_COLS("3", "tp.name", XT_TOP("t.value"))
	 XT_ANSWERS("tp.name", XT_TOP("s.stakeholder_id")) XT_RESPONDENTS},
};

/* A survey attribute in a file older than schema version 11 (read without
 * its upgrade): the tally by respondent (each row one respondent, so every
 * measure is a sum), the respondents of the surveys that have the
 * attribute. Each respondent's value is read from
 * its answers once (rv), and the tally summed by code and value once (x,
 * a few thousand rows), before the groupings read x four times. */
static const char analysis_survey_attr_sql[] =
	"WITH rv AS MATERIALIZED (SELECT r.id,"
	" CAST(json_extract(r.answers, '$[' || (q.position - 1) || ']') AS TEXT) AS v"
	" FROM respondent r JOIN survey_column q ON q.survey_id = r.survey_id"
	" AND q.role = 'attribute' AND q.label = ?1),"
	" x AS MATERIALIZED (SELECT t.code_id AS code, rv.v AS v, sum(t.segments) AS segs,"
	" sum(t.sources) AS srcs, count(*) AS resp FROM coding_tally t JOIN rv ON rv.id = t.value"
	" WHERE t.dim = 4 GROUP BY t.code_id, rv.v)"
	XT_GROUPS;

/* A survey attribute: coding_answer_tally (schema version 11) counts the
 * segments, sources and respondents by each attribute column's value (the
 * integer 0 for none), a few hundred rows a column; the columns with the
 * label, one a survey, sum. At full scale 0.9 s by respondents' answers
 * (above), ms here. */
static const char analysis_survey_attr_tally_sql[] =
	"WITH x AS (SELECT t.code_id AS code, nullif(t.value, 0) AS v, t.segments AS segs,"
	" t.sources AS srcs, t.respondents AS resp FROM survey_column q"
	" JOIN coding_answer_tally t ON t.column_id = q.id"
	" WHERE q.role = 'attribute' AND q.label = ?1)"
	XT_GROUPS;

/* The statement for attribute counted by, or NULL with err set. */
static const char *analysis_attr_sql(struct jaw_db *db, const char *attribute,
                                     enum analysis_by by, jaw_err *err)
{
	for (size_t i = 0; i < sizeof analysis_attrs / sizeof *analysis_attrs; i++)
		if (strcmp(analysis_attrs[i].name, attribute) == 0)
			return by == ANALYSIS_BY_RESPONDENTS ? analysis_attrs[i].respondents_sql
			                                     : analysis_attrs[i].sql;
	static const char labels[] =
		"SELECT count(*) FROM survey_column WHERE role = 'attribute' AND label = ?1";
	int64_t n = model_find_id(db, labels, attribute, err);
	if (n < 0)
		return NULL;
	if (n == 0) {
		err_set(err, JAW_FAIL, "no attribute \"%.80s\" (" ANALYSIS_ATTR_NAMES ")", attribute);
		return NULL;
	}
	/* a file of an older version, read without its upgrade, has no tally */
	return db_schema_version(db) < 11 ? analysis_survey_attr_sql
	                                  : analysis_survey_attr_tally_sql;
}

/* Adds a column for value v (NULL: none) with its total. */
static int analysis_add_column(struct analysis_matrix *m, sqlite3_stmt *s, int64_t total,
                               jaw_err *err)
{
	if (m->ncols == ANALYSIS_MAX_VALUES)
		return err_set(err, JAW_FAIL, "the attribute has more than %d values: too many for a"
		               " table", ANALYSIS_MAX_VALUES);
	m->col_names = xreallocarray(m->col_names, (size_t)m->ncols + 1, sizeof *m->col_names);
	m->col_ids = xreallocarray(m->col_ids, (size_t)m->ncols + 1, sizeof *m->col_ids);
	m->col_total = xreallocarray(m->col_total, (size_t)m->ncols + 1, sizeof *m->col_total);
	m->col_names[m->ncols] = db_column_text_new(s, 2);
	m->col_ids[m->ncols] = 0;
	m->col_total[m->ncols++] = total;
	return JAW_OK;
}

/* The column of value v (NULL: none), -1 if none (columns are few). */
static int analysis_col_of(const struct analysis_matrix *m, const char *v)
{
	for (int i = 0; i < m->ncols; i++)
		if (strcmp(m->col_names[i], v ? v : "") == 0)
			return i;
	return -1;
}

/* Places one row of the statement's result. */
static int analysis_crosstab_row(struct analysis_matrix *m, sqlite3_stmt *s, enum analysis_by by,
                                 jaw_err *err)
{
	int what = sqlite3_column_int(s, 0);
	int64_t v = sqlite3_column_int64(s, 3 + (int)by);
	if (what == 2)
		return analysis_add_column(m, s, v, err);
	if (what == 3) {
		m->total = v;
		return JAW_OK;
	}
	if (!m->cells)
		analysis_matrix_cells(m);
	int r = analysis_row_of(m, sqlite3_column_int64(s, 1));
	if (r < 0)
		return JAW_OK;
	if (what == 1) {
		m->row_total[r] = v;
		return JAW_OK;
	}
	int c = analysis_col_of(m, (const char *)sqlite3_column_text(s, 2));
	if (c >= 0)
		analysis_matrix_set(m, r, c, v);
	return JAW_OK;
}

int analysis_crosstab_new(struct jaw_db *db, const char *attribute, enum analysis_by by,
                          struct analysis_matrix **out, jaw_err *err)
{
	*out = NULL;
	const char *sql = analysis_attr_sql(db, attribute, by, err);
	if (!sql)
		return JAW_FAIL;
	struct analysis_matrix *m = analysis_matrix_rows_new(db, err);
	sqlite3_stmt *s = m ? db_stmt(db, sql, err) : NULL;
	if (!s) {
		analysis_matrix_free(m);
		return JAW_FAIL;
	}
	if (sql == analysis_survey_attr_sql || sql == analysis_survey_attr_tally_sql)
		db_bind_text(s, 1, attribute, false);
	int rc = JAW_OK, step;
	while (rc == JAW_OK && (step = sqlite3_step(s)) == SQLITE_ROW)
		rc = analysis_crosstab_row(m, s, by, err);
	if (rc == JAW_OK && step != SQLITE_DONE)
		rc = err_db(err, db_sqlite(db), sql);
	sqlite3_reset(s);
	if (rc == JAW_OK && !m->cells)
		analysis_matrix_cells(m);
	if (rc != JAW_OK) {
		analysis_matrix_free(m);
		return JAW_FAIL;
	}
	*out = m;
	return JAW_OK;
}

/* ---- co-occurrence ------------------------------------------------------------ */

/* half(ca, cb, src): two codes coded in a source, as the mode counts
 * them, the lower id first (each pair is found once, from its lower code's
 * codings, and counted both ways); then, for each pair, the sources (w 0),
 * and for each code the sources it is in (w 1, the diagonal) and all coded
 * sources (w 2), from coding_tally. Both sides of a pair are read in the
 * order of sources from one index, so that each source's codings are read
 * once, together. */
#define CO_GROUPS                                                                   \
	" SELECT 0 AS w, ca, cb, count(*) FROM half GROUP BY ca, cb"                      \
	" UNION ALL SELECT 0, cb, ca, count(*) FROM half GROUP BY ca, cb"                 \
	" UNION ALL SELECT 1, code_id, code_id, sum(sources) FROM coding_tally"           \
	" WHERE dim = 1 AND code_id <> 0 GROUP BY code_id"                                \
	" UNION ALL SELECT 2, NULL, NULL, coalesce(sum(sources), 0) FROM coding_tally"    \
	" WHERE dim = 1 AND code_id = 0"

/* Codings that overlap: b starts before a ends and ends after a starts,
 * so b starts after a's start less the longest coding: that bound (the
 * same condition, implied) lets the index read only the codings near a,
 * not all those before it in the source (1.35 s to 0.9 s at 1,000,000
 * codings, with 200 codings in each of 500 notes). */
static const char analysis_overlap_sql[] =
	"WITH half AS MATERIALIZED (SELECT DISTINCT a.code_id AS ca, b.code_id AS cb,"
	" a.source_id AS src FROM coding a INDEXED BY coding_by_source"
	" JOIN coding b INDEXED BY coding_by_source ON b.source_id = a.source_id"
	" AND b.start_cp < a.end_cp"
	" AND b.start_cp > a.start_cp - (SELECT max(end_cp - start_cp) FROM coding)"
	" AND b.end_cp > a.start_cp AND b.code_id > a.code_id)" CO_GROUPS;

static const char analysis_same_source_sql[] =
	"WITH half AS MATERIALIZED (SELECT DISTINCT a.code_id AS ca, b.code_id AS cb,"
	" a.source_id AS src FROM coding a INDEXED BY coding_once JOIN coding b INDEXED BY"
	" coding_once ON b.source_id = a.source_id AND b.code_id > a.code_id)" CO_GROUPS;

/* The codes become the columns too. */
static void analysis_cooccur_columns(struct analysis_matrix *m)
{
	m->ncols = m->nrows;
	m->col_names = xcalloc((size_t)m->ncols + 1, sizeof *m->col_names);
	m->col_ids = xcalloc((size_t)m->ncols + 1, sizeof *m->col_ids);
	for (int i = 0; i < m->ncols; i++) {
		m->col_names[i] = xstrdup(m->row_names[i]);
		m->col_ids[i] = m->row_ids[i];
	}
	analysis_matrix_cells(m);
}

/* Works out the Jaccard coefficients from the cells and the diagonal. */
static void analysis_jaccard(struct analysis_matrix *m)
{
	size_t n = (size_t)m->nrows;
	m->ratio = xcalloc(n * n + 1, sizeof *m->ratio);
	for (size_t r = 0; r < n; r++)
		for (size_t c = 0; c < n; c++) {
			int64_t both = m->cells[r * n + c];
			int64_t either = m->row_total[r] + m->col_total[c] - (r == c ? m->row_total[r] : both);
			m->ratio[r * n + c] = either > 0 ? (double)(r == c ? m->row_total[r] : both)
			                                   / (double)either : 0.0;
		}
}

int analysis_cooccur_new(struct jaw_db *db, enum analysis_cooccur_mode mode, bool jaccard,
                         struct analysis_matrix **out, jaw_err *err)
{
	*out = NULL;
	const char *sql = mode == ANALYSIS_OVERLAP ? analysis_overlap_sql : analysis_same_source_sql;
	struct analysis_matrix *m = analysis_matrix_rows_new(db, err);
	sqlite3_stmt *s = m ? db_stmt(db, sql, err) : NULL;
	if (!s) {
		analysis_matrix_free(m);
		return JAW_FAIL;
	}
	analysis_cooccur_columns(m);
	int step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		int what = sqlite3_column_int(s, 0);
		int64_t v = sqlite3_column_int64(s, 3);
		if (what == 2) {
			m->total = v;
			continue;
		}
		int r = analysis_row_of(m, sqlite3_column_int64(s, 1));
		int c = analysis_row_of(m, sqlite3_column_int64(s, 2));
		if (r < 0 || c < 0)
			continue;
		analysis_matrix_set(m, r, c, v);
		if (what == 1)
			m->row_total[r] = m->col_total[c] = v;
	}
	sqlite3_reset(s);
	if (step != SQLITE_DONE) {
		err_db(err, db_sqlite(db), sql);
		analysis_matrix_free(m);
		return JAW_FAIL;
	}
	if (jaccard)
		analysis_jaccard(m);
	*out = m;
	return JAW_OK;
}
