/* finding.c - findings: adding, changing, ordering, deleting and listing
 * them, their areas and the strength of their evidence. Citations are in
 * finding_cite.c. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codebook.h"
#include "finding.h"
#include "finding_int.h"
#include "journal.h"
#include "kinds.h"
#include "utf8.h"
#include "xalloc.h"

static const char *const finding_status_text[] = {"observation", "lesson identified",
                                                  "action assigned", "lesson learned",
                                                  "rejected"};

_Static_assert(sizeof finding_status_text / sizeof *finding_status_text == 5,
               "a word for each status");

const char *finding_status_words(const char *status)
{
	for (size_t i = 0; status && kinds_finding_status[i]; i++)
		if (strcmp(status, kinds_finding_status[i]) == 0)
			return finding_status_text[i];
	return status ? status : "";
}

int finding_status_check(const char *status, jaw_err *err)
{
	if (status && model_one_of(status, kinds_finding_status))
		return JAW_OK;
	char words[128];
	return err_set(err, JAW_FAIL, "status \"%.100s\" is not %s", status ? status : "",
	               kinds_describe(kinds_finding_status, words, sizeof words));
}

int finding_text_check(const char *what, const char *text, bool one_line, jaw_err *err)
{
	if (!text)
		return JAW_OK;
	size_t len = strlen(text);
	if (!utf8_valid(text, len, NULL))
		return err_set(err, JAW_FAIL, "the %s is not valid UTF-8", what);
	for (const char *p = text; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if ((c < 0x20 && (one_line || (c != '\n' && c != '\t'))) || c == 0x7f)
			return err_set(err, JAW_FAIL, "the %s must be %s without control characters", what,
			               one_line ? "one line" : "text");
	}
	return JAW_OK;
}

int finding_exists(struct jaw_db *db, int64_t id, jaw_err *err)
{
	sqlite3_stmt *s = db_stmt(db, "SELECT count(*) FROM finding WHERE id = ?1", err);
	if (!s)
		return JAW_FAIL;
	sqlite3_bind_int64(s, 1, id);
	int64_t n = 0;
	if (db_step_int64(db, s, &n, err) != JAW_OK)
		return JAW_FAIL;
	return n ? JAW_OK : err_set(err, JAW_FAIL, "no finding %lld", (long long)id);
}

/* Checks what a finding may hold. */
static int finding_check(const struct finding *f, jaw_err *err)
{
	if (!f->title || !*f->title)
		return err_set(err, JAW_FAIL, "a finding needs a title");
	if (finding_text_check("title", f->title, true, err) != JAW_OK ||
	    finding_text_check("observation", f->observation, false, err) != JAW_OK ||
	    finding_text_check("discussion", f->discussion, false, err) != JAW_OK ||
	    finding_text_check("conclusion", f->conclusion, false, err) != JAW_OK ||
	    finding_text_check("recommendation", f->recommendation, false, err) != JAW_OK ||
	    finding_text_check("action body", f->action_body, true, err) != JAW_OK ||
	    finding_text_check("owner", f->owner, true, err) != JAW_OK)
		return JAW_FAIL;
	if (f->status && *f->status)
		return finding_status_check(f->status, err);
	return JAW_OK;
}

/* ---- areas ----------------------------------------------------------------- */

/* Checks that code id is at the top of the codebook. */
static int finding_area_check(struct jaw_db *db, int64_t code, jaw_err *err)
{
	struct code c = {0};
	if (codebook_get(db, code, &c, err) != JAW_OK)
		return JAW_FAIL;
	int rc = JAW_OK;
	if (c.parent_id) {
		char *path = codebook_path_new(db, code, NULL);
		rc = err_set(err, JAW_FAIL, "“%s” is not an area: a finding's areas are the codes at"
		             " the top of the codebook, and it is under another", path ? path : c.name);
		free(path);
	}
	codebook_code_clear(&c);
	return rc;
}

/* Adds the areas codes[0..n) to finding id inside tx. */
static int finding_areas_add(struct journal_tx *tx, int64_t id, const int64_t *codes, size_t n,
                             jaw_err *err)
{
	struct jaw_db *db = journal_db(tx);
	for (size_t i = 0; i < n; i++) {
		if (finding_area_check(db, codes[i], err) != JAW_OK)
			return JAW_FAIL;
		sqlite3_stmt *s = db_stmt(db, "INSERT OR IGNORE INTO finding_area (finding_id, code_id)"
		                              " VALUES (?1, ?2)", err);
		if (!s)
			return JAW_FAIL;
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int64(s, 2, codes[i]);
		if (db_step_done(db, s, err) != JAW_OK)
			return JAW_FAIL;
		if (sqlite3_changes(db_sqlite(db)) &&
		    journal_touch_added(tx, JOURNAL_FINDING_AREA, sqlite3_last_insert_rowid(db_sqlite(db)),
		                        err) != JAW_OK)
			return JAW_FAIL;
	}
	return JAW_OK;
}

/* ---- changes ------------------------------------------------------------------ */

/* Binds f's title, ODCR, status (NULL when unset), action body and owner
 * to ?1 .. ?8. */
static void finding_bind_fields(sqlite3_stmt *s, const struct finding *f)
{
	const char *const texts[] = {f->title, f->observation, f->discussion, f->conclusion,
	                             f->recommendation};
	for (int i = 0; i < 5; i++)
		db_bind_text(s, i + 1, texts[i] ? texts[i] : "", false);
	db_bind_text(s, 6, f->status, true);
	db_bind_text(s, 7, f->action_body ? f->action_body : "", false);
	db_bind_text(s, 8, f->owner ? f->owner : "", false);
}

int finding_add(struct jaw_db *db, const char *analyst, struct finding *f,
                const int64_t *areas, size_t nareas, jaw_err *err)
{
	if (finding_check(f, err) != JAW_OK)
		return JAW_FAIL;
	struct journal_tx *tx = journal_begin(db, analyst, "finding-add", err);
	if (!tx)
		return JAW_FAIL;
	static const char sql[] =
		"INSERT INTO finding (title, observation, discussion, conclusion, recommendation,"
		" status, action_body, owner, position) VALUES (?1, ?2, ?3, ?4, ?5,"
		" coalesce(?6, 'observation'), ?7, ?8,"
		" (SELECT coalesce(max(position), 0) + 1 FROM finding))";
	sqlite3_stmt *s = db_stmt(db, sql, err);
	int rc = s ? JAW_OK : JAW_FAIL;
	if (rc == JAW_OK) {
		finding_bind_fields(s, f);
		rc = db_step_done(db, s, err);
	}
	if (rc == JAW_OK) {
		f->id = sqlite3_last_insert_rowid(db_sqlite(db));
		rc = journal_touch_added(tx, JOURNAL_FINDING, f->id, err);
	}
	if (rc == JAW_OK)
		rc = finding_areas_add(tx, f->id, areas, nareas, err);
	return journal_finish(tx, rc, xasprintf("added finding “%s”", f->title), err);
}

/* Appends name to the list in buf when a and b differ. */
static void finding_differs(char *buf, size_t size, const char *name, const char *a,
                            const char *b)
{
	if (strcmp(a ? a : "", b ? b : "") == 0)
		return;
	size_t len = strlen(buf);
	snprintf(buf + len, size - len, "%s%s", len ? ", " : "", name);
}

static int finding_conflict(const struct finding *now, const struct finding *was, jaw_err *err)
{
	char fields[256] = "";
	finding_differs(fields, sizeof fields, "title", now->title, was->title);
	finding_differs(fields, sizeof fields, "observation", now->observation, was->observation);
	finding_differs(fields, sizeof fields, "discussion", now->discussion, was->discussion);
	finding_differs(fields, sizeof fields, "conclusion", now->conclusion, was->conclusion);
	finding_differs(fields, sizeof fields, "recommendation", now->recommendation,
	                was->recommendation);
	finding_differs(fields, sizeof fields, "status", now->status, was->status);
	finding_differs(fields, sizeof fields, "action body", now->action_body, was->action_body);
	finding_differs(fields, sizeof fields, "owner", now->owner, was->owner);
	if (!fields[0])
		return JAW_OK;
	return err_set(err, JAW_FAIL, "finding %lld was changed by someone else since you read it"
	               " (%s); nothing was saved: read it again", (long long)now->id, fields);
}

/* Writes f's fields over finding f->id inside the open change. */
static int finding_write(struct jaw_db *db, const struct finding *f, jaw_err *err)
{
	static const char sql[] =
		"UPDATE finding SET title = ?1, observation = ?2, discussion = ?3, conclusion = ?4,"
		" recommendation = ?5, status = coalesce(?6, status), action_body = ?7, owner = ?8,"
		" updated = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?9";
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return JAW_FAIL;
	finding_bind_fields(s, f);
	sqlite3_bind_int64(s, 9, f->id);
	return db_step_done(db, s, err);
}

int finding_update(struct jaw_db *db, const char *analyst, const struct finding *f,
                   const struct finding *was, jaw_err *err)
{
	if (finding_check(f, err) != JAW_OK)
		return JAW_FAIL;
	struct journal_tx *tx = journal_begin(db, analyst, "finding-edit", err);
	if (!tx)
		return JAW_FAIL;
	struct finding *now = finding_get_new(db, f->id, err);
	int rc = now ? JAW_OK : JAW_FAIL;
	if (rc == JAW_OK && was)
		rc = finding_conflict(now, was, err);
	if (rc == JAW_OK)
		rc = journal_touch(tx, JOURNAL_FINDING, f->id, err);
	if (rc == JAW_OK)
		rc = finding_write(db, f, err);
	finding_free(now);
	return journal_finish(tx, rc, xasprintf("edited finding “%s”", f->title), err);
}

int finding_set_status(struct jaw_db *db, const char *analyst, int64_t id, const char *status,
                       jaw_err *err)
{
	if (finding_status_check(status, err) != JAW_OK)
		return JAW_FAIL;
	struct journal_tx *tx = journal_begin(db, analyst, "finding-status", err);
	if (!tx)
		return JAW_FAIL;
	int rc = finding_exists(db, id, err);
	if (rc == JAW_OK)
		rc = journal_touch(tx, JOURNAL_FINDING, id, err);
	sqlite3_stmt *s = NULL;
	if (rc == JAW_OK && !(s = db_stmt(db, "UPDATE finding SET status = ?1, updated ="
	                                      " strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?2",
	                                  err)))
		rc = JAW_FAIL;
	if (rc == JAW_OK) {
		db_bind_text(s, 1, status, false);
		sqlite3_bind_int64(s, 2, id);
		rc = db_step_done(db, s, err);
	}
	return journal_finish(tx, rc, xasprintf("finding %lld: %s", (long long)id,
	                                        finding_status_words(status)), err);
}

int finding_set_areas(struct jaw_db *db, const char *analyst, int64_t id, const int64_t *areas,
                      size_t nareas, jaw_err *err)
{
	struct journal_tx *tx = journal_begin(db, analyst, "finding-areas", err);
	if (!tx)
		return JAW_FAIL;
	int rc = finding_exists(db, id, err);
	if (rc == JAW_OK)
		rc = journal_touch_each(tx, JOURNAL_FINDING_AREA,
		                        "SELECT id FROM finding_area WHERE finding_id = ?1", id, err);
	sqlite3_stmt *s = NULL;
	if (rc == JAW_OK && !(s = db_stmt(db, "DELETE FROM finding_area WHERE finding_id = ?1", err)))
		rc = JAW_FAIL;
	if (rc == JAW_OK) {
		sqlite3_bind_int64(s, 1, id);
		rc = db_step_done(db, s, err);
	}
	if (rc == JAW_OK)
		rc = finding_areas_add(tx, id, areas, nareas, err);
	return journal_finish(tx, rc, xasprintf("finding %lld: %zu area%s", (long long)id, nareas,
	                                        nareas == 1 ? "" : "s"), err);
}

/* Numbers the findings 1, 2, ... in their order (positions another tool
 * left equal), inside tx. */
static int finding_renumber(struct journal_tx *tx, jaw_err *err)
{
	if (journal_touch_each(tx, JOURNAL_FINDING, "SELECT id FROM finding WHERE ?1 = ?1", 0,
	                       err) != JAW_OK)
		return JAW_FAIL;
	return db_exec(journal_db(tx),
	               "UPDATE finding SET position = (SELECT count(*) FROM finding g"
	               " WHERE (g.position, g.id) < (finding.position, finding.id)) + 1", err);
}

/* The finding next to id in direction dir: its id and position (0 if none). */
static int finding_neighbour(struct jaw_db *db, int64_t id, enum model_dir dir, int64_t *other,
                             int64_t *pos, int64_t *other_pos, jaw_err *err)
{
	static const char next[] =
		"SELECT g.id, f.position, g.position FROM finding f JOIN finding g"
		" ON (g.position, g.id) > (f.position, f.id) WHERE f.id = ?1"
		" ORDER BY g.position, g.id LIMIT 1";
	static const char prev[] =
		"SELECT g.id, f.position, g.position FROM finding f JOIN finding g"
		" ON (g.position, g.id) < (f.position, f.id) WHERE f.id = ?1"
		" ORDER BY g.position DESC, g.id DESC LIMIT 1";
	const char *sql = dir == MODEL_FORWARD ? next : prev;
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return JAW_FAIL;
	sqlite3_bind_int64(s, 1, id);
	*other = 0;
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*other = sqlite3_column_int64(s, 0);
		*pos = sqlite3_column_int64(s, 1);
		*other_pos = sqlite3_column_int64(s, 2);
	}
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? JAW_OK : err_db(err, db_sqlite(db), sql);
}

/* Sets finding id's position. */
static int finding_put(struct jaw_db *db, int64_t id, int64_t position, jaw_err *err)
{
	sqlite3_stmt *s = db_stmt(db, "UPDATE finding SET position = ?1 WHERE id = ?2", err);
	if (!s)
		return JAW_FAIL;
	sqlite3_bind_int64(s, 1, position);
	sqlite3_bind_int64(s, 2, id);
	return db_step_done(db, s, err);
}

int finding_move(struct jaw_db *db, const char *analyst, int64_t id, enum model_dir dir,
                 jaw_err *err)
{
	struct journal_tx *tx = journal_begin(db, analyst, "finding-move", err);
	if (!tx)
		return JAW_FAIL;
	int64_t other = 0, pos = 0, other_pos = 0;
	int rc = finding_exists(db, id, err);
	if (rc == JAW_OK)
		rc = finding_neighbour(db, id, dir, &other, &pos, &other_pos, err);
	if (rc == JAW_OK && other && pos == other_pos) {
		rc = finding_renumber(tx, err);
		if (rc == JAW_OK)
			rc = finding_neighbour(db, id, dir, &other, &pos, &other_pos, err);
	}
	if (rc == JAW_OK && other) {
		rc = journal_touch(tx, JOURNAL_FINDING, id, err);
		if (rc == JAW_OK)
			rc = journal_touch(tx, JOURNAL_FINDING, other, err);
		if (rc == JAW_OK)
			rc = finding_put(db, id, other_pos, err);
		if (rc == JAW_OK)
			rc = finding_put(db, other, pos, err);
	}
	return journal_finish(tx, rc, xasprintf("moved finding %lld %s", (long long)id,
	                                        dir == MODEL_FORWARD ? "down" : "up"), err);
}

int finding_delete(struct jaw_db *db, const char *analyst, int64_t id, jaw_err *err)
{
	struct journal_tx *tx = journal_begin(db, analyst, "finding-delete", err);
	if (!tx)
		return JAW_FAIL;
	struct finding *f = finding_get_new(db, id, err);
	int rc = f ? JAW_OK : JAW_FAIL;
	if (rc == JAW_OK)
		rc = journal_touch_each(tx, JOURNAL_EVIDENCE,
		                        "SELECT id FROM finding_evidence WHERE finding_id = ?1", id, err);
	if (rc == JAW_OK)
		rc = journal_touch_each(tx, JOURNAL_FINDING_AREA,
		                        "SELECT id FROM finding_area WHERE finding_id = ?1", id, err);
	if (rc == JAW_OK)
		rc = journal_touch_each(tx, JOURNAL_MEMO, "SELECT id FROM memo WHERE target_kind ="
		                        " 'finding' AND target_id = ?1", id, err);
	if (rc == JAW_OK)
		rc = journal_touch(tx, JOURNAL_FINDING, id, err);
	sqlite3_stmt *s = NULL;
	if (rc == JAW_OK && !(s = db_stmt(db, "DELETE FROM memo WHERE target_kind = 'finding'"
	                                      " AND target_id = ?1", err)))
		rc = JAW_FAIL;
	if (rc == JAW_OK) {
		sqlite3_bind_int64(s, 1, id);
		rc = db_step_done(db, s, err);
	}
	if (rc == JAW_OK && !(s = db_stmt(db, "DELETE FROM finding WHERE id = ?1", err)))
		rc = JAW_FAIL;
	if (rc == JAW_OK) {
		sqlite3_bind_int64(s, 1, id);
		rc = db_step_done(db, s, err);
	}
	rc = journal_finish(tx, rc, f ? xasprintf("deleted finding “%s”", f->title) : NULL, err);
	finding_free(f);
	return rc;
}

/* ---- reading ------------------------------------------------------------------- */

/* The columns a finding is read from, for alias f. */
#define FINDING_COLUMNS                                                                      \
	"f.id, f.title, f.observation, f.discussion, f.conclusion, f.recommendation, f.status,"  \
	" f.action_body, f.owner, f.position, f.created, f.updated, (SELECT group_concat(name,"   \
	" ', ') FROM (SELECT c.name FROM finding_area a JOIN code c ON c.id = a.code_id"          \
	" WHERE a.finding_id = f.id ORDER BY c.position, c.id))"

/* The filter of struct finding_filter, parameters ?1 to ?4, for alias f. */
#define FINDING_WHERE                                                                         \
	" WHERE (?1 IS NULL OR f.status = ?1) AND (?2 IS NULL OR f.owner = ?2)"                   \
	" AND (?3 IS NULL OR EXISTS (SELECT 1 FROM finding_area a WHERE a.finding_id = f.id"      \
	" AND a.code_id = ?3)) AND (?4 IS NULL OR instr(fold(f.title || ' ' || f.observation"     \
	" || ' ' || f.discussion || ' ' || f.conclusion || ' ' || f.recommendation), fold(?4)) > 0)"

static void finding_read(sqlite3_stmt *s, void *row)
{
	struct finding *f = row;
	memset(f, 0, sizeof *f);
	f->id = sqlite3_column_int64(s, 0);
	f->title = db_column_text_new(s, 1);
	f->observation = db_column_text_new(s, 2);
	f->discussion = db_column_text_new(s, 3);
	f->conclusion = db_column_text_new(s, 4);
	f->recommendation = db_column_text_new(s, 5);
	f->status = db_column_text_new(s, 6);
	f->action_body = db_column_text_new(s, 7);
	f->owner = db_column_text_new(s, 8);
	f->position = sqlite3_column_int64(s, 9);
	f->created = db_column_text_new(s, 10);
	f->updated = db_column_text_new(s, 11);
	f->areas = db_column_text_new(s, 12);
}

void finding_clear(struct finding *f)
{
	free(f->title);
	free(f->observation);
	free(f->discussion);
	free(f->conclusion);
	free(f->recommendation);
	free(f->status);
	free(f->action_body);
	free(f->owner);
	free(f->created);
	free(f->updated);
	free(f->areas);
	memset(f, 0, sizeof *f);
}

static void finding_clear_row(void *row)
{
	finding_clear(row);
}

void finding_free(struct finding *f)
{
	if (!f)
		return;
	finding_clear(f);
	free(f);
}

struct finding *finding_get_new(struct jaw_db *db, int64_t id, jaw_err *err)
{
	static const char sql[] = "SELECT " FINDING_COLUMNS " FROM finding f WHERE f.id = ?1";
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return NULL;
	sqlite3_bind_int64(s, 1, id);
	struct finding *f = NULL;
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		f = xmalloc(sizeof *f);
		finding_read(s, f);
	} else if (rc == SQLITE_DONE) {
		err_set(err, JAW_FAIL, "no finding %lld", (long long)id);
	} else {
		err_db(err, db_sqlite(db), sql);
	}
	sqlite3_reset(s);
	if (f && finding_strength_get(db, id, &f->strength, err) != JAW_OK) {
		finding_free(f);
		f = NULL;
	}
	return f;
}

static void finding_bind_filter(sqlite3_stmt *s, const void *ctx)
{
	const struct finding_filter *flt = ctx;
	if (!flt)
		return;
	db_bind_text(s, 1, flt->status, true);
	db_bind_text(s, 2, flt->owner, true);
	if (flt->area)
		sqlite3_bind_int64(s, 3, flt->area);
	db_bind_text(s, 4, flt->text, true);
}

int64_t finding_count(struct jaw_db *db, const struct finding_filter *filter, jaw_err *err)
{
	return model_count_bound(db, "SELECT count(*) FROM finding f" FINDING_WHERE,
	                         finding_bind_filter, filter, err);
}

int finding_page(struct jaw_db *db, const struct finding_filter *filter, int64_t offset,
                 int limit, struct finding *rows, jaw_err *err)
{
	static const char sql[] = "SELECT " FINDING_COLUMNS " FROM finding f" FINDING_WHERE
	                          " ORDER BY f.position, f.id LIMIT ?5 OFFSET ?6";
	int n = model_read_page_bound(db, sql, finding_bind_filter, filter, offset, limit, rows,
	                              sizeof *rows, finding_read, finding_clear_row, err);
	for (int i = 0; i < n; i++)
		if (finding_strength_get(db, rows[i].id, &rows[i].strength, err) != JAW_OK) {
			for (int j = 0; j < n; j++)
				finding_clear(&rows[j]);
			return -1;
		}
	return n;
}

int64_t finding_position_of_id(struct jaw_db *db, const struct finding_filter *filter,
                               int64_t id, jaw_err *err)
{
	static const char sql[] =
		"SELECT CASE WHEN EXISTS (SELECT 1 FROM finding f" FINDING_WHERE " AND f.id = ?5)"
		" THEN (SELECT count(*) FROM finding f JOIN finding t ON t.id = ?5" FINDING_WHERE
		" AND (f.position, f.id) < (t.position, t.id)) ELSE -1 END";
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return -1;
	finding_bind_filter(s, filter);
	sqlite3_bind_int64(s, 5, id);
	int64_t pos = -1;
	return db_step_int64(db, s, &pos, err) == JAW_OK ? pos : -1;
}

int finding_strength_get(struct jaw_db *db, int64_t id, struct finding_strength *out,
                         jaw_err *err)
{
	static const char sql[] = "SELECT citations, sources, organisations, stakeholders,"
	                          " respondents, changed, lost FROM (" FINDING_STRENGTH_SQL
	                          " WHERE e.finding_id = ?1)";
	memset(out, 0, sizeof *out);
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return JAW_FAIL;
	sqlite3_bind_int64(s, 1, id);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		int64_t *v[] = {&out->citations, &out->sources, &out->organisations,
		                &out->stakeholders, &out->respondents, &out->changed, &out->lost};
		for (int i = 0; i < 7; i++)
			*v[i] = sqlite3_column_int64(s, i);
	}
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? JAW_OK : err_db(err, db_sqlite(db), sql);
}

/* ---- areas, read ---------------------------------------------------------------- */

int64_t finding_area_count(struct jaw_db *db, int64_t id, jaw_err *err)
{
	sqlite3_stmt *s = db_stmt(db, "SELECT count(*) FROM finding_area WHERE finding_id = ?1", err);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	int64_t n = -1;
	return db_step_int64(db, s, &n, err) == JAW_OK ? n : -1;
}

static void finding_area_read(sqlite3_stmt *s, void *row)
{
	struct finding_area *a = row;
	a->code_id = sqlite3_column_int64(s, 0);
	a->name = db_column_text_new(s, 1);
}

void finding_area_clear(struct finding_area *a)
{
	free(a->name);
	a->name = NULL;
}

static void finding_area_clear_row(void *row)
{
	finding_area_clear(row);
}

static void finding_bind_id(sqlite3_stmt *s, const void *ctx)
{
	sqlite3_bind_int64(s, 1, *(const int64_t *)ctx);
}

int finding_area_page(struct jaw_db *db, int64_t id, int64_t offset, int limit,
                      struct finding_area *rows, jaw_err *err)
{
	return model_read_page_bound(db, "SELECT c.id, c.name FROM finding_area a JOIN code c"
	                             " ON c.id = a.code_id WHERE a.finding_id = ?1"
	                             " ORDER BY c.position, c.id LIMIT ?2 OFFSET ?3",
	                             finding_bind_id, &id, offset, limit, rows, sizeof *rows,
	                             finding_area_read, finding_area_clear_row, err);
}

static void finding_area_problem(sqlite3_stmt *s, char *line, size_t size)
{
	snprintf(line, size, "finding %lld: its area \"%.100s\" is no longer a code at the top of"
	         " the codebook", (long long)sqlite3_column_int64(s, 0),
	         (const char *)sqlite3_column_text(s, 1));
}

int finding_check_areas(struct jaw_db *db, db_report_fn report, void *ctx, jaw_err *err)
{
	static const char sql[] =
		"SELECT a.finding_id, c.name FROM finding_area a JOIN code c ON c.id = a.code_id"
		" WHERE c.parent_id IS NOT NULL ORDER BY a.finding_id, c.id";
	return db_check_each(db, sql, finding_area_problem, report, ctx, err);
}
