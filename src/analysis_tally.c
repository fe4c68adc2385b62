/* analysis_tally.c - jaw check's comparison of coding_tally (schema
 * version 8: the analysis tables' counts, kept by triggers) with the
 * codings it counts (see analysis.h). */
#include "config.h"

#include <stdio.h>

#include "analysis.h"

/* c(code, dim, value, segments, sources): the tally counted afresh, as
 * 008-analysis-index.sql first fills it; then the rows that differ, with
 * the tally's figures (NULL: no row) and the codings' (NULL: none). */
static const char analysis_tally_sql[] =
	"WITH g AS (SELECT k.code_id AS code, s.kind AS kind, coalesce(s.timeline_item_id, 0) AS ev,"
	" coalesce(s.stakeholder_id, 0) AS st, coalesce(s.respondent_id, 0) AS resp, count(*) AS n"
	" FROM coding k JOIN source s ON s.id = k.source_id GROUP BY k.source_id, k.code_id"
	" UNION ALL SELECT 0, s.kind, coalesce(s.timeline_item_id, 0), coalesce(s.stakeholder_id, 0),"
	" coalesce(s.respondent_id, 0), count(*) FROM coding k JOIN source s ON s.id = k.source_id"
	" GROUP BY k.source_id),"
	" c AS (SELECT g.code, d.dim, CASE d.dim WHEN 1 THEN g.kind WHEN 2 THEN g.ev WHEN 3 THEN g.st"
	" ELSE g.resp END AS value, sum(g.n) AS segments, count(*) AS sources FROM g,"
	" (SELECT 1 AS dim UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4) AS d"
	" GROUP BY g.code, d.dim, 3)"
	" SELECT t.code_id, t.dim, t.value, t.segments, t.sources, c.segments, c.sources"
	" FROM coding_tally t LEFT JOIN c ON c.code = t.code_id AND c.dim = t.dim"
	" AND c.value = t.value WHERE c.segments IS NOT t.segments OR c.sources IS NOT t.sources"
	" UNION ALL SELECT c.code, c.dim, c.value, NULL, NULL, c.segments, c.sources FROM c"
	" WHERE NOT EXISTS (SELECT 1 FROM coding_tally t WHERE t.code_id = c.code"
	" AND t.dim = c.dim AND t.value = c.value)"
	" ORDER BY 1, 2, 3";

static void analysis_tally_line(sqlite3_stmt *s, char *line, size_t size)
{
	static const char *const dims[] = {"", "source kind", "event", "stakeholder", "respondent"};
	int dim = sqlite3_column_int(s, 1);
	snprintf(line, size, "coding_tally: code %lld, %s %.80s: counts %lld segments in"
	         " %lld sources, the codings are %lld in %lld (jaw(5), CHECKING A PROJECT, says"
	         " how to count them again)",
	         (long long)sqlite3_column_int64(s, 0), dims[dim >= 1 && dim <= 4 ? dim : 0],
	         (const char *)sqlite3_column_text(s, 2),
	         (long long)sqlite3_column_int64(s, 3), (long long)sqlite3_column_int64(s, 4),
	         (long long)sqlite3_column_int64(s, 5), (long long)sqlite3_column_int64(s, 6));
}

int analysis_tally_check(struct jaw_db *db, db_report_fn report, void *ctx, jaw_err *err)
{
	return db_check_each(db, analysis_tally_sql, analysis_tally_line, report, ctx, err);
}

/* c(col, code, value, segments, sources, respondents): coding_answer_tally
 * counted afresh from the codings of sources with a respondent (not from
 * coding_tally, which its triggers keep it from); then the rows that
 * differ, as above. */
static const char analysis_answer_tally_sql[] =
	"WITH g AS (SELECT k.code_id AS code, s.respondent_id AS resp, count(*) AS n"
	" FROM coding k JOIN source s ON s.id = k.source_id WHERE s.respondent_id IS NOT NULL"
	" GROUP BY k.source_id, k.code_id"
	" UNION ALL SELECT 0, s.respondent_id, count(*) FROM coding k JOIN source s"
	" ON s.id = k.source_id WHERE s.respondent_id IS NOT NULL GROUP BY k.source_id),"
	" c AS (SELECT q.id AS col, g.code AS code,"
	" coalesce(CAST(json_extract(r.answers, '$[' || (q.position - 1) || ']') AS TEXT), 0) AS value,"
	" sum(g.n) AS segments, count(*) AS sources, count(DISTINCT g.resp) AS respondents"
	" FROM g JOIN respondent r ON r.id = g.resp"
	" JOIN survey_column q ON q.survey_id = r.survey_id AND q.role = 'attribute'"
	" GROUP BY 1, 2, 3)"
	" SELECT t.column_id, t.code_id, t.value, t.segments, t.sources, t.respondents,"
	" c.segments, c.sources, c.respondents"
	" FROM coding_answer_tally t LEFT JOIN c ON c.col = t.column_id AND c.code = t.code_id"
	" AND c.value = t.value WHERE c.segments IS NOT t.segments OR c.sources IS NOT t.sources"
	" OR c.respondents IS NOT t.respondents"
	" UNION ALL SELECT c.col, c.code, c.value, NULL, NULL, NULL, c.segments, c.sources,"
	" c.respondents FROM c"
	" WHERE NOT EXISTS (SELECT 1 FROM coding_answer_tally t WHERE t.column_id = c.col"
	" AND t.code_id = c.code AND t.value = c.value)"
	" ORDER BY 1, 2, 3";

static void analysis_answer_tally_line(sqlite3_stmt *s, char *line, size_t size)
{
	const char *v = sqlite3_column_type(s, 2) == SQLITE_INTEGER
	                    ? "(none)" : (const char *)sqlite3_column_text(s, 2);
	snprintf(line, size, "coding_answer_tally: survey column %lld, code %lld, value %.80s:"
	         " counts %lld segments in %lld sources of %lld respondents, the codings are"
	         " %lld in %lld of %lld (jaw(5), CHECKING A PROJECT, says how to count them"
	         " again)",
	         (long long)sqlite3_column_int64(s, 0), (long long)sqlite3_column_int64(s, 1),
	         v ? v : "", (long long)sqlite3_column_int64(s, 3),
	         (long long)sqlite3_column_int64(s, 4), (long long)sqlite3_column_int64(s, 5),
	         (long long)sqlite3_column_int64(s, 6), (long long)sqlite3_column_int64(s, 7),
	         (long long)sqlite3_column_int64(s, 8));
}

int analysis_answer_tally_check(struct jaw_db *db, db_report_fn report, void *ctx, jaw_err *err)
{
	if (db_schema_version(db) < 11)
		return 0; /* kept as it is since schema version 11: the upgrade counts it */
	return db_check_each(db, analysis_answer_tally_sql, analysis_answer_tally_line,
	                              report, ctx, err);
}
