/* analysis_codes.c - code frequencies (see analysis.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "model.h"

/* The codebook as a tree t(id, depth, sortkey, path), each code followed
 * by the codes below it in order of position. */
#define ANALYSIS_TREE                                                              \
	"WITH RECURSIVE t(id, depth, sortkey, path) AS ("                              \
	" SELECT id, 0, printf('%020d.%020d', position, id), name FROM code"            \
	" WHERE parent_id IS NULL UNION ALL"                                            \
	" SELECT c.id, t.depth + 1, t.sortkey || '/' || printf('%020d.%020d', c.position, c.id)," \
	" t.path || '/' || c.name FROM code c JOIN t ON c.parent_id = t.id WHERE t.depth < 1000)"

/* The counts of codes' rows t of coding_tally (schema version 8): the
 * segments and sources summed over the source kinds (dim 1), the
 * stakeholders and respondents (dims 3 and 4) counted. */
#define ANALYSIS_TALLY_COUNTS(DISTINCT)                                           \
	" sum(CASE WHEN t.dim = 1 THEN t.segments END) AS n,"                          \
	" sum(CASE WHEN t.dim = 1 THEN t.sources END) AS src,"                         \
	" count(" DISTINCT " CASE WHEN t.dim = 3 AND t.value <> 0 THEN t.value END) AS sth," \
	" count(" DISTINCT " CASE WHEN t.dim = 4 AND t.value <> 0 THEN t.value END) AS resp"

int64_t analysis_codes_count(struct jaw_db *db, jaw_err *err)
{
	return model_count_bound(db, "SELECT count(*) FROM code", NULL, NULL, err);
}

int64_t analysis_codes_max(struct jaw_db *db, jaw_err *err)
{
	/* the largest figure is a top code's with the codes below it */
	return model_count_bound(db,
		"WITH RECURSIVE sub(top, id) AS (SELECT id, id FROM code WHERE parent_id IS NULL"
		" UNION ALL SELECT sub.top, c.id FROM code c JOIN sub ON c.parent_id = sub.id)"
		" SELECT coalesce(max(n), 0) FROM (SELECT sum(t.segments) AS n FROM sub"
		" JOIN coding_tally t ON t.code_id = sub.id AND t.dim = 1 GROUP BY sub.top)",
		NULL, NULL, err);
}

void analysis_code_row_clear(struct analysis_code_row *r)
{
	free(r->name);
	free(r->path);
	memset(r, 0, sizeof *r);
}

static void analysis_read_counts(sqlite3_stmt *s, int i, struct analysis_counts *c)
{
	c->segments = sqlite3_column_int64(s, i);
	c->sources = sqlite3_column_int64(s, i + 1);
	c->stakeholders = sqlite3_column_int64(s, i + 2);
	c->respondents = sqlite3_column_int64(s, i + 3);
}

static void analysis_code_read(sqlite3_stmt *s, void *row)
{
	struct analysis_code_row *r = row;
	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(s, 0);
	r->name = db_column_text_new(s, 1);
	r->path = db_column_text_new(s, 2);
	r->depth = sqlite3_column_int(s, 3);
	r->children = sqlite3_column_int64(s, 4);
	analysis_read_counts(s, 5, &r->own);
	analysis_read_counts(s, 9, &r->all);
}

static void analysis_code_clear_row(void *row)
{
	analysis_code_row_clear(row);
}

int analysis_codes_page(struct jaw_db *db, int64_t offset, int limit,
                        struct analysis_code_row *rows, jaw_err *err)
{
	/* The page of codes first; then the counts of its codes alone and of
	 * each with codes below it with those (sub(top, id)), from the tally
	 * (a code without any: its own counts); the
	 * sources of a code with codes below it are counted over their
	 * codings (a source may have several of the codes), the codes first
	 * (CROSS JOIN: else SQLite reads every coding and looks its code up). */
	static const char sql[] = ANALYSIS_TREE
		", page AS MATERIALIZED (SELECT * FROM t ORDER BY sortkey LIMIT ? OFFSET ?),"
		" sub(top, id) AS (SELECT id, id FROM page UNION ALL"
		" SELECT sub.top, c.id FROM code c JOIN sub ON c.parent_id = sub.id),"
		" own AS (SELECT t.code_id AS id," ANALYSIS_TALLY_COUNTS("")
		" FROM coding_tally t WHERE t.code_id IN (SELECT id FROM page) GROUP BY t.code_id),"
		" rolled AS (SELECT sub.top AS id," ANALYSIS_TALLY_COUNTS("DISTINCT")
		" FROM sub JOIN coding_tally t ON t.code_id = sub.id"
		" WHERE EXISTS (SELECT 1 FROM code x WHERE x.parent_id = sub.top) GROUP BY sub.top),"
		" spread AS (SELECT sub.top AS id, count(DISTINCT k.source_id) AS src FROM sub"
		" CROSS JOIN coding k INDEXED BY coding_by_code ON k.code_id = sub.id"
		" WHERE sub.top <> sub.id OR EXISTS (SELECT 1 FROM code x WHERE x.parent_id = sub.top)"
		" GROUP BY sub.top)"
		" SELECT p.id, c.name, p.path, p.depth,"
		" (SELECT count(*) FROM code x WHERE x.parent_id = p.id),"
		" coalesce(o.n, 0), coalesce(o.src, 0), coalesce(o.sth, 0), coalesce(o.resp, 0),"
		" coalesce(r.n, o.n, 0), coalesce(sp.src, o.src, 0), coalesce(r.sth, o.sth, 0),"
		" coalesce(r.resp, o.resp, 0)"
		" FROM page p JOIN code c ON c.id = p.id LEFT JOIN own o ON o.id = p.id"
		" LEFT JOIN rolled r ON r.id = p.id LEFT JOIN spread sp ON sp.id = p.id"
		" ORDER BY p.sortkey";
	return model_read_page(db, sql, offset, limit, rows, sizeof *rows, analysis_code_read,
	                       analysis_code_clear_row, err);
}
