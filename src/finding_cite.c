/* finding_cite.c - citations: evidence cited for findings, with the
 * snapshot that keeps them from dangling. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attrib.h"
#include "codebook.h"
#include "coding.h"
#include "finding.h"
#include "finding_int.h"
#include "journal.h"
#include "xalloc.h"

/* Inserts a citation of source_id's start..end (cited from coding_id, 0
 * for a segment, whose code's path is code) into finding_id, with its
 * snapshot, inside tx; *id gets its id. */
static int citation_insert(struct journal_tx *tx, const char *analyst, int64_t finding_id,
                           int64_t source_id, int64_t coding_id, int64_t start, int64_t end,
                           const char *code, const char *note, int64_t *id, jaw_err *err)
{
	static const char sql[] =
		"INSERT INTO finding_evidence (finding_id, coding_id, source_id, cited_source,"
		" cited_coding, start_cp, end_cp, quote, source_title, source_kind, code, note,"
		" cited_by, position) SELECT ?1, ?2, s.id, s.id, ?2, ?4, ?5,"
		" substr(s.text, ?4 + 1, ?5 - ?4), " MODEL_SOURCE_TITLE("s") ", s.kind, ?6, ?7, ?8,"
		" (SELECT coalesce(max(position), 0) + 1 FROM finding_evidence WHERE finding_id = ?1)"
		" FROM source s WHERE s.id = ?3";
	struct jaw_db *db = journal_db(tx);
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return JAW_FAIL;
	sqlite3_bind_int64(s, 1, finding_id);
	if (coding_id)
		sqlite3_bind_int64(s, 2, coding_id);
	sqlite3_bind_int64(s, 3, source_id);
	sqlite3_bind_int64(s, 4, start);
	sqlite3_bind_int64(s, 5, end);
	db_bind_text(s, 6, code ? code : "", false);
	db_bind_text(s, 7, note ? note : "", false);
	db_bind_text(s, 8, analyst, false);
	if (db_step_done(db, s, err) != JAW_OK)
		return JAW_FAIL;
	int64_t new_id = sqlite3_last_insert_rowid(db_sqlite(db));
	if (id)
		*id = new_id;
	return journal_touch_added(tx, JOURNAL_EVIDENCE, new_id, err);
}

/* Refuses coding coding_id when finding_id already cites it. */
static int citation_not_twice(struct jaw_db *db, int64_t finding_id, int64_t coding_id,
                              jaw_err *err)
{
	sqlite3_stmt *s = db_stmt(db, "SELECT count(*) FROM finding_evidence WHERE finding_id = ?1"
	                              " AND coding_id = ?2", err);
	if (!s)
		return JAW_FAIL;
	sqlite3_bind_int64(s, 1, finding_id);
	sqlite3_bind_int64(s, 2, coding_id);
	int64_t n = 0;
	if (db_step_int64(db, s, &n, err) != JAW_OK)
		return JAW_FAIL;
	return n ? err_set(err, JAW_FAIL, "finding %lld already cites coding %lld",
	                   (long long)finding_id, (long long)coding_id)
	         : JAW_OK;
}

int citation_add_coding(struct jaw_db *db, const char *analyst, int64_t finding_id,
                        int64_t coding_id, const char *note, int64_t *id, jaw_err *err)
{
	if (finding_text_check("note", note, false, err) != JAW_OK)
		return JAW_FAIL;
	struct journal_tx *tx = journal_begin(db, analyst, "citation-add", err);
	if (!tx)
		return JAW_FAIL;
	struct coding c = {0};
	char *path = NULL;
	int rc = finding_exists(db, finding_id, err);
	if (rc == JAW_OK && coding_get(db, coding_id, &c, err) != JAW_OK)
		rc = JAW_FAIL;
	if (rc == JAW_OK)
		rc = citation_not_twice(db, finding_id, coding_id, err);
	if (rc == JAW_OK && !(path = codebook_path_new(db, c.code_id, err)))
		rc = JAW_FAIL;
	if (rc == JAW_OK)
		rc = citation_insert(tx, analyst, finding_id, c.source_id, coding_id, c.start, c.end,
		                     path, note, id, err);
	rc = journal_finish(tx, rc, xasprintf("cited coding %lld (%s) in finding %lld",
	                                      (long long)coding_id, path ? path : "",
	                                      (long long)finding_id), err);
	free(path);
	coding_clear(&c);
	return rc;
}

int citation_add_segment(struct jaw_db *db, const char *analyst, int64_t finding_id,
                         int64_t source_id, int64_t start, int64_t end, const char *note,
                         int64_t *id, jaw_err *err)
{
	if (finding_text_check("note", note, false, err) != JAW_OK)
		return JAW_FAIL;
	if (start < 0 || end <= start)
		return err_set(err, JAW_FAIL, "characters %lld..%lld of source %lld are no stretch to"
		               " cite: the end must come after the start, which is 0 or more",
		               (long long)start, (long long)end, (long long)source_id);
	if (finding_exists(db, finding_id, err) != JAW_OK)
		return JAW_FAIL;
	int64_t len = coding_source_length(db, source_id, err);
	if (len < 0)
		return JAW_FAIL;
	if (end > len)
		return err_set(err, JAW_FAIL, "source %lld has %lld characters: %lld..%lld ends beyond"
		               " them", (long long)source_id, (long long)len, (long long)start,
		               (long long)end);
	struct journal_tx *tx = journal_begin(db, analyst, "citation-add", err);
	if (!tx)
		return JAW_FAIL;
	int rc = citation_insert(tx, analyst, finding_id, source_id, 0, start, end, NULL, note, id,
	                         err);
	return journal_finish(tx, rc, xasprintf("cited source %lld, %lld..%lld, in finding %lld",
	                                        (long long)source_id, (long long)start,
	                                        (long long)end, (long long)finding_id), err);
}

/* Runs sql (?1 the citation's id, ?2 text) on citation id as one change. */
static int citation_change(struct jaw_db *db, const char *analyst, const char *action,
                           const char *sql, int64_t id, const char *text, char *summary,
                           jaw_err *err)
{
	struct journal_tx *tx = journal_begin(db, analyst, action, err);
	if (!tx) {
		free(summary);
		return JAW_FAIL;
	}
	struct citation *c = citation_get_new(db, id, err);
	int rc = c ? JAW_OK : JAW_FAIL;
	if (rc == JAW_OK && c->state == CITATION_LOST && strcmp(action, "citation-refresh") == 0)
		rc = err_set(err, JAW_FAIL, "citation %lld is lost: its %s was deleted; cite the"
		             " evidence again", (long long)id, c->source_id ? "coding" : "source");
	if (rc == JAW_OK)
		rc = journal_touch(tx, JOURNAL_EVIDENCE, id, err);
	sqlite3_stmt *s = NULL;
	if (rc == JAW_OK && !(s = db_stmt(db, sql, err)))
		rc = JAW_FAIL;
	if (rc == JAW_OK) {
		sqlite3_bind_int64(s, 1, id);
		if (text)
			db_bind_text(s, 2, text, false);
		rc = db_step_done(db, s, err);
	}
	citation_free(c);
	return journal_finish(tx, rc, summary, err);
}

int citation_set_note(struct jaw_db *db, const char *analyst, int64_t id, const char *note,
                      jaw_err *err)
{
	if (finding_text_check("note", note, false, err) != JAW_OK)
		return JAW_FAIL;
	return citation_change(db, analyst, "citation-note",
	                       "UPDATE finding_evidence SET note = ?2 WHERE id = ?1", id,
	                       note ? note : "", xasprintf("note on citation %lld", (long long)id),
	                       err);
}

int citation_refresh(struct jaw_db *db, const char *analyst, int64_t id, jaw_err *err)
{
	static const char sql[] =
		"UPDATE finding_evidence AS e SET start_cp = n.a, end_cp = n.b,"
		" quote = substr(n.text, n.a + 1, n.b - n.a), source_title = n.title,"
		" source_kind = n.kind FROM (SELECT x.id AS eid, coalesce(k.start_cp, x.start_cp) AS a,"
		" coalesce(k.end_cp, x.end_cp) AS b, s.text, " MODEL_SOURCE_TITLE("s") " AS title,"
		" s.kind FROM finding_evidence x JOIN source s ON s.id = x.source_id"
		" LEFT JOIN coding k ON k.id = x.coding_id WHERE x.id = ?1) AS n WHERE e.id = n.eid";
	return citation_change(db, analyst, "citation-refresh", sql, id, NULL,
	                       xasprintf("citation %lld read again from its source", (long long)id),
	                       err);
}

int citation_delete(struct jaw_db *db, const char *analyst, int64_t id, jaw_err *err)
{
	return citation_change(db, analyst, "citation-delete",
	                       "DELETE FROM finding_evidence WHERE id = ?1", id, NULL,
	                       xasprintf("removed citation %lld", (long long)id), err);
}

/* ---- reading ------------------------------------------------------------------- */

#define CITATION_COLUMNS                                                                     \
	"e.id, e.finding_id, e.source_id, e.coding_id, e.cited_source, e.cited_coding,"          \
	" e.start_cp, e.end_cp, e.quote, e.source_title, e.source_kind, e.code, e.note,"          \
	" e.cited_by, e.cited, " CITATION_STATE_SQL ", " ATTRIB_CITATION_SQL                    \
	" FROM finding_evidence e LEFT JOIN source s ON s.id = e.source_id"

static void citation_read(sqlite3_stmt *s, void *row)
{
	struct citation *c = row;
	memset(c, 0, sizeof *c);
	int64_t *ids[] = {&c->id, &c->finding_id, &c->source_id, &c->coding_id, &c->cited_source,
	                  &c->cited_coding, &c->start, &c->end};
	for (int i = 0; i < 8; i++)
		*ids[i] = sqlite3_column_int64(s, i);
	char **texts[] = {&c->quote, &c->source_title, &c->source_kind, &c->code, &c->note,
	                  &c->cited_by, &c->cited};
	for (int i = 0; i < 7; i++)
		*texts[i] = db_column_text_new(s, 8 + i);
	c->state = (enum citation_state)sqlite3_column_int(s, 15);
	c->provenance = db_column_text_new(s, 16);
}

void citation_clear(struct citation *c)
{
	free(c->quote);
	free(c->source_title);
	free(c->source_kind);
	free(c->code);
	free(c->note);
	free(c->cited_by);
	free(c->cited);
	free(c->provenance);
	memset(c, 0, sizeof *c);
}

static void citation_clear_row(void *row)
{
	citation_clear(row);
}

void citation_free(struct citation *c)
{
	if (!c)
		return;
	citation_clear(c);
	free(c);
}

struct citation *citation_get_new(struct jaw_db *db, int64_t id, jaw_err *err)
{
	static const char sql[] = "SELECT " CITATION_COLUMNS " WHERE e.id = ?1";
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return NULL;
	sqlite3_bind_int64(s, 1, id);
	struct citation *c = NULL;
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		c = xmalloc(sizeof *c);
		citation_read(s, c);
	} else if (rc == SQLITE_DONE) {
		err_set(err, JAW_FAIL, "no citation %lld", (long long)id);
	} else {
		err_db(err, db_sqlite(db), sql);
	}
	sqlite3_reset(s);
	return c;
}

int64_t citation_count(struct jaw_db *db, int64_t finding_id, jaw_err *err)
{
	sqlite3_stmt *s = db_stmt(db, "SELECT count(*) FROM finding_evidence WHERE finding_id = ?1",
	                          err);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, finding_id);
	int64_t n = -1;
	return db_step_int64(db, s, &n, err) == JAW_OK ? n : -1;
}

static void citation_bind_finding(sqlite3_stmt *s, const void *ctx)
{
	sqlite3_bind_int64(s, 1, *(const int64_t *)ctx);
}

int citation_page(struct jaw_db *db, int64_t finding_id, int64_t offset, int limit,
                  struct citation *rows, jaw_err *err)
{
	static const char sql[] = "SELECT " CITATION_COLUMNS " WHERE e.finding_id = ?1"
	                          " ORDER BY e.position, e.id LIMIT ?2 OFFSET ?3";
	return model_read_page_bound(db, sql, citation_bind_finding, &finding_id, offset, limit,
	                             rows, sizeof *rows, citation_read, citation_clear_row, err);
}

int64_t citation_impact(struct jaw_db *db, enum citation_target target, int64_t id,
                        jaw_err *err)
{
	static const char *const sql[] = {
		[CITATION_OF_CODING] = "SELECT count(*) FROM finding_evidence WHERE coding_id = ?1",
		[CITATION_OF_SOURCE] = "SELECT count(*) FROM finding_evidence WHERE source_id = ?1",
		[CITATION_OF_CODE] =
			"WITH RECURSIVE sub (id) AS (SELECT ?1 UNION SELECT c.id FROM code c JOIN sub"
			" ON c.parent_id = sub.id) SELECT count(*) FROM finding_evidence e JOIN coding k"
			" ON k.id = e.coding_id WHERE k.code_id IN sub",
	};
	sqlite3_stmt *s = db_stmt(db, sql[target], err);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	int64_t n = -1;
	return db_step_int64(db, s, &n, err) == JAW_OK ? n : -1;
}

static void finding_citation_problem(sqlite3_stmt *s, char *line, size_t size)
{
	snprintf(line, size, "citation %lld of finding %lld: kept as %s, but its source's text"
	         " there %s its quote (jaw(5), CHECKING A PROJECT, says how to work the states"
	         " out again)", (long long)sqlite3_column_int64(s, 0),
	         (long long)sqlite3_column_int64(s, 1),
	         sqlite3_column_int(s, 2) ? "changed" : "unchanged",
	         sqlite3_column_int(s, 3) ? "is no longer" : "is still");
}

int finding_check_citations(struct jaw_db *db, db_report_fn report, void *ctx, jaw_err *err)
{
	static const char sql[] =
		"SELECT e.id, e.finding_id, e.changed, x.now FROM finding_evidence e JOIN (SELECT"
		" substr(s.text, e.start_cp + 1, e.end_cp - e.start_cp) IS NOT e.quote AS now, e.id"
		" FROM finding_evidence e JOIN source s ON s.id = e.source_id) AS x ON x.id = e.id"
		" WHERE e.changed IS NOT x.now ORDER BY e.id";
	if (db_schema_version(db) < 9)
		return 0; /* kept since schema version 9: the upgrade works them out */
	return db_check_each(db, sql, finding_citation_problem, report, ctx, err);
}
