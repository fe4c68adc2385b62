/* analysis_saturation.c - new codes per source in date order (see
 * analysis.h), counted by SQL window functions. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "model.h"

int64_t analysis_saturation_count(struct jaw_db *db, jaw_err *err)
{
	/* coding_tally: the sources coded with any code, by kind */
	return model_count_bound(db, "SELECT coalesce(sum(sources), 0) FROM coding_tally"
	                         " WHERE code_id = 0 AND dim = 1", NULL, NULL, err);
}

int64_t analysis_saturation_total(struct jaw_db *db, jaw_err *err)
{
	return model_count_bound(db, "SELECT count(DISTINCT code_id) FROM coding_tally"
	                         " WHERE code_id <> 0 AND dim = 1", NULL, NULL, err);
}

void analysis_saturation_row_clear(struct analysis_saturation_row *r)
{
	free(r->title);
	free(r->date);
	free(r->codes);
	memset(r, 0, sizeof *r);
}

static void analysis_saturation_read(sqlite3_stmt *s, void *row)
{
	struct analysis_saturation_row *r = row;
	memset(r, 0, sizeof *r);
	r->position = sqlite3_column_int64(s, 0);
	r->source_id = sqlite3_column_int64(s, 1);
	r->title = db_column_text_new(s, 2);
	r->date = db_column_text_new(s, 3);
	r->new_codes = sqlite3_column_int64(s, 4);
	r->total_codes = sqlite3_column_int64(s, 5);
	r->codes = db_column_text_new(s, 6);
}

static void analysis_saturation_clear_row(void *row)
{
	analysis_saturation_row_clear(row);
}

/* o: the coded sources numbered in date order; first: where each code is
 * first used (both over every coded source). */
#define ANALYSIS_SATURATION_ORDER                                                  \
	"WITH o AS MATERIALIZED (SELECT s.id, s.source_date, row_number() OVER"        \
	" (ORDER BY s.source_date IS NULL, s.source_date, s.id) AS n FROM source s"     \
	" WHERE s.id IN (SELECT source_id FROM coding)),"                               \
	" first AS MATERIALIZED (SELECT k.code_id, min(o.n) AS n FROM coding k"         \
	" JOIN o ON o.id = k.source_id GROUP BY k.code_id)"

int analysis_saturation_page(struct jaw_db *db, int64_t offset, int limit,
                             struct analysis_saturation_row *rows, jaw_err *err)
{
	/* for the page's sources only, the codes each brings and the codes so
	 * far (no running sum over every source) */
	static const char sql[] = ANALYSIS_SATURATION_ORDER ","
		" page AS (SELECT * FROM o ORDER BY n LIMIT ? OFFSET ?)"
		" SELECT p.n, p.id, " MODEL_SOURCE_TITLE("s") ", coalesce(p.source_date, ''),"
		" (SELECT count(*) FROM first f WHERE f.n = p.n),"
		" (SELECT count(*) FROM first f WHERE f.n <= p.n),"
		" coalesce((SELECT group_concat(c.name, '; ') FROM (SELECT c.name FROM first f"
		" JOIN code c ON c.id = f.code_id WHERE f.n = p.n ORDER BY c.name) AS c), '')"
		" FROM page p JOIN source s ON s.id = p.id ORDER BY p.n";
	return model_read_page(db, sql, offset, limit, rows, sizeof *rows, analysis_saturation_read,
	                       analysis_saturation_clear_row, err);
}

int64_t analysis_saturation_build(struct jaw_db *db, jaw_err *err)
{
	static const char table[] =
		"DROP TABLE IF EXISTS temp.analysis_saturation;"
		"CREATE TEMP TABLE analysis_saturation (n INTEGER PRIMARY KEY, id INTEGER NOT NULL,"
		" source_date TEXT NOT NULL, new_codes INTEGER NOT NULL, total_codes INTEGER NOT NULL,"
		" codes TEXT NOT NULL)";
	/* every row at once: each source's new codes (their names in order),
	 * the running total a window sum over them */
	static const char fill[] =
		"INSERT INTO temp.analysis_saturation " ANALYSIS_SATURATION_ORDER ","
		" news AS (SELECT n, count(*) AS k, group_concat(name, '; ') AS codes FROM"
		" (SELECT f.n, c.name FROM first f JOIN code c ON c.id = f.code_id ORDER BY f.n, c.name)"
		" GROUP BY n)"
		" SELECT o.n, o.id, coalesce(o.source_date, ''), coalesce(w.k, 0),"
		" sum(coalesce(w.k, 0)) OVER (ORDER BY o.n), coalesce(w.codes, '')"
		" FROM o LEFT JOIN news w ON w.n = o.n ORDER BY o.n";
	if (db_exec(db, table, err) != JAW_OK)
		return -1;
	sqlite3_stmt *s = db_stmt(db, fill, err);
	if (!s || db_step_done(db, s, err) != JAW_OK) {
		/* interrupted (Esc) or failed: no table half filled is read */
		jaw_err ignored;
		db_exec(db, "DROP TABLE IF EXISTS temp.analysis_saturation", &ignored);
		return -1;
	}
	return model_count_bound(db, "SELECT count(*) FROM temp.analysis_saturation", NULL, NULL,
	                         err);
}

int analysis_saturation_built_page(struct jaw_db *db, int64_t offset, int limit,
                                   struct analysis_saturation_row *rows, jaw_err *err)
{
	/* ?1 the limit, ?2 the offset: a range of the table's key */
	static const char sql[] =
		"SELECT p.n, p.id, " MODEL_SOURCE_TITLE("s") ", p.source_date, p.new_codes,"
		" p.total_codes, p.codes FROM temp.analysis_saturation p JOIN source s ON s.id = p.id"
		" WHERE p.n BETWEEN ?2 + 1 AND ?2 + ?1 ORDER BY p.n LIMIT ?1";
	return model_read_page(db, sql, offset, limit, rows, sizeof *rows, analysis_saturation_read,
	                       analysis_saturation_clear_row, err);
}
