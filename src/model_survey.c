/* model_survey.c - reading imported surveys: surveys, respondents, the
 * distribution of a column's answers, codings counted by an attribute. */
#include "config.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "search.h"
#include "xalloc.h"

/* The JSON path of a column's value in respondent.answers, from its id. */
#define MODEL_SURVEY_PATH(param) \
	"'$[' || ((SELECT position FROM survey_column WHERE id = " param ") - 1) || ']'"

/* A respondent r's attribute and Likert values (v.label, v.value) with
 * their scale labels (l.label), in column order. */
#define MODEL_SURVEY_VALUES \
	"(SELECT c.id, c.label, c.position," \
	"  json_extract(r.answers, '$[' || (c.position - 1) || ']') AS value" \
	"  FROM survey_column c WHERE c.survey_id = r.survey_id" \
	"  AND c.role IN ('attribute', 'likert') ORDER BY c.position) AS v" \
	" LEFT JOIN survey_label l ON l.column_id = v.id AND l.value = v.value"

int64_t model_survey_count(struct jaw_db *db, jaw_err *err)
{
	return model_scalar(db, "SELECT count(*) FROM survey", err);
}

static void model_survey_read(sqlite3_stmt *s, void *row)
{
	struct survey *v = row;
	v->id = sqlite3_column_int64(s, 0);
	v->name = db_column_text_new(s, 1);
	v->origin_file = db_column_text_new(s, 2);
	v->imported = db_column_text_new(s, 3);
	v->rows = sqlite3_column_int64(s, 4);
}

void model_survey_clear(struct survey *s)
{
	free(s->name);
	free(s->origin_file);
	free(s->imported);
	memset(s, 0, sizeof *s);
}

static void model_survey_clear_row(void *row)
{
	model_survey_clear(row);
}

int model_survey_page(struct jaw_db *db, int64_t offset, int limit, struct survey *rows,
                      jaw_err *err)
{
	static const char sql[] = "SELECT id, name, origin_file, imported, row_count FROM survey"
	                          " ORDER BY id LIMIT ? OFFSET ?";
	return model_read_page(db, sql, offset, limit, rows, sizeof *rows, model_survey_read,
	                       model_survey_clear_row, err);
}

/* Runs a count query with one id parameter. */
static int64_t model_respondent_count_sql(struct jaw_db *db, const char *sql, int64_t id,
                                          jaw_err *err)
{
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	int64_t n = -1;
	return db_step_int64(db, s, &n, err) == JAW_OK ? n : -1;
}

int64_t model_respondent_count(struct jaw_db *db, int64_t survey_id, jaw_err *err)
{
	return model_respondent_count_sql(db, "SELECT count(*) FROM respondent WHERE survey_id = ?",
	                                  survey_id, err);
}

/* Runs a page query whose first parameter is an id (then LIMIT, OFFSET). */
static int model_survey_page_of(struct jaw_db *db, const char *sql, int64_t id, int64_t offset,
                                int limit, void *rows, size_t size, model_read_fn read,
                                model_clear_fn clear, jaw_err *err)
{
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int(s, 2, limit);
	sqlite3_bind_int64(s, 3, offset);
	int n = 0, rc = SQLITE_DONE;
	while (n < limit && (rc = sqlite3_step(s)) == SQLITE_ROW)
		read(s, (char *)rows + (size_t)n++ * size);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		err_db(err, db_sqlite(db), sql);
		while (n > 0)
			clear((char *)rows + (size_t)--n * size);
		n = -1;
	}
	sqlite3_reset(s);
	return n;
}

static void model_respondent_read(sqlite3_stmt *s, void *row)
{
	struct survey_respondent *r = row;
	r->id = sqlite3_column_int64(s, 0);
	r->external_id = db_column_text_new(s, 1);
	r->line = sqlite3_column_int64(s, 2);
	r->answers = db_column_text_new(s, 3);
	r->open_answers = sqlite3_column_int(s, 4);
	r->values = db_column_text_new(s, 5);
	r->described = db_column_text_new(s, 6);
}

void model_respondent_clear(struct survey_respondent *r)
{
	free(r->external_id);
	free(r->answers);
	free(r->values);
	free(r->described);
	memset(r, 0, sizeof *r);
}

static void model_respondent_clear_row(void *row)
{
	model_respondent_clear(row);
}

/* A page of respondents: the page chosen in the subquery's order (ORDER BY
 * id, or id DESC for a page counted from the end), then shown in file
 * order. */
#define MODEL_RESPONDENT_PAGE(order)                                                     \
	"SELECT r.id, r.external_id, coalesce(r.line, 0), r.answers,"                          \
	/* by question: answers are indexed by column, then respondent */                      \
	" (SELECT count(*) FROM survey_column c JOIN source s ON s.column_id = c.id"            \
	"   AND s.respondent_id = r.id WHERE c.survey_id = r.survey_id AND c.role = 'open_text'),"\
	" (SELECT group_concat(coalesce(l.label, v.value, '-'), ' | ') FROM " MODEL_SURVEY_VALUES "),"\
	" (SELECT group_concat(v.label || '=' || coalesce(l.label, v.value, ''), ', ')"        \
	"   FROM " MODEL_SURVEY_VALUES ")"                                                      \
	/* the page first: the values are worked out for its rows only */                      \
	" FROM (SELECT * FROM respondent WHERE survey_id = ? ORDER BY " order " LIMIT ? OFFSET ?)"\
	" AS r ORDER BY r.id"

int model_respondent_page(struct jaw_db *db, int64_t survey_id, int64_t offset, int limit,
                          struct survey_respondent *rows, jaw_err *err)
{
	static const char sql[] = MODEL_RESPONDENT_PAGE("id");
	return model_survey_page_of(db, sql, survey_id, offset, limit, rows, sizeof *rows,
	                            model_respondent_read, model_respondent_clear_row, err);
}

int model_respondent_page_from_end(struct jaw_db *db, int64_t survey_id, int64_t from_end,
                                   int limit, struct survey_respondent *rows, jaw_err *err)
{
	static const char sql[] = MODEL_RESPONDENT_PAGE("id DESC");
	return model_survey_page_of(db, sql, survey_id, from_end, limit, rows, sizeof *rows,
	                            model_respondent_read, model_respondent_clear_row, err);
}
#undef MODEL_RESPONDENT_PAGE

/* The codings counted by an attribute are worked out once, into the TEMP
 * table survey_codings_by (rows in the page's order: the rowid is the
 * position), from coding_tally's counts by respondent (schema version 8:
 * 350,000 rows instead of 1,000,000 codings), each respondent's value read
 * once; survey_codings_key says for which column and which state of the
 * database. Any change since, by this connection (sqlite3_total_changes64)
 * or another (PRAGMA data_version), works them out again. Both tables are
 * made by CREATE TABLE AS, which SQLite does not count as changes: a
 * table worked out leaves the state as it was. */
static const char model_survey_codings_drop[] =
	"DROP TABLE IF EXISTS temp.survey_codings_key; DROP TABLE IF EXISTS temp.survey_codings_by";

static const char model_survey_codings_fill[] =
	"CREATE TEMP TABLE survey_codings_by AS"
	" WITH rv AS MATERIALIZED (SELECT r.id, json_extract(r.answers, " MODEL_SURVEY_PATH("?1") ")"
	" AS v FROM respondent r WHERE r.survey_id = (SELECT survey_id FROM survey_column"
	" WHERE id = ?1))"
	" SELECT rv.v AS v, k.id AS code_id, k.name AS name, k.position AS position,"
	" sum(t.segments) AS codings, count(*) AS respondents"
	" FROM coding_tally t CROSS JOIN rv ON rv.id = t.value JOIN code k ON k.id = t.code_id"
	" WHERE t.dim = 4 AND t.code_id <> 0 GROUP BY rv.v, k.id"
	" ORDER BY rv.v IS NULL, rv.v, k.position, k.name, k.id";

static const char model_survey_codings_key[] =
	"CREATE TEMP TABLE survey_codings_key AS SELECT ?1 AS column_id, ?2 AS version,"
	" ?3 AS changes";

/* The state of the database as a pair that changes with every change. */
static void model_survey_codings_stamp(struct jaw_db *db, int64_t *version, int64_t *changes)
{
	*version = db_data_version(db);
	*changes = sqlite3_total_changes64(db_sqlite(db));
}

/* True if the table that sql reads (its row: version, changes; ?1 is id)
 * was worked out as the database is now. */
static bool model_survey_temp_fresh(struct jaw_db *db, const char *sql, int64_t id)
{
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(db_sqlite(db), sql, -1, &s, NULL) != SQLITE_OK) {
		sqlite3_finalize(s);
		return false; /* not made yet on this connection */
	}
	if (sqlite3_bind_parameter_count(s) >= 1)
		sqlite3_bind_int64(s, 1, id);
	int64_t version, changes;
	model_survey_codings_stamp(db, &version, &changes);
	bool fresh = sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int64(s, 0) == version &&
	             sqlite3_column_int64(s, 1) == changes;
	sqlite3_finalize(s);
	return fresh;
}

/* Runs sql (one statement, made here: it creates a table) with column_id
 * at ?1, and the state of the database at ?2 and ?3 (when it has them). */
static int model_survey_temp_make(struct jaw_db *db, const char *sql, int64_t column_id,
                                    jaw_err *err)
{
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(db_sqlite(db), sql, -1, &s, NULL) != SQLITE_OK) {
		sqlite3_finalize(s);
		return err_db(err, db_sqlite(db), sql);
	}
	int64_t version, changes;
	model_survey_codings_stamp(db, &version, &changes);
	sqlite3_bind_int64(s, 1, column_id);
	if (sqlite3_bind_parameter_count(s) >= 3) {
		sqlite3_bind_int64(s, 2, version);
		sqlite3_bind_int64(s, 3, changes);
	}
	int rc = sqlite3_step(s) == SQLITE_DONE ? JAW_OK : err_db(err, db_sqlite(db), sql);
	sqlite3_finalize(s);
	return rc;
}

static void model_survey_count_read(sqlite3_stmt *s, void *row)
{
	struct survey_count *c = row;
	c->value = db_column_text_new(s, 0);
	c->label = db_column_text_new(s, 1);
	c->count = sqlite3_column_int64(s, 2);
}

void model_survey_count_clear(struct survey_count *c)
{
	free(c->value);
	free(c->label);
	memset(c, 0, sizeof *c);
}

/* A column's distribution is worked out once into the TEMP table
 * survey_dist_N (N the column's id; each row carries the state of the
 * database it was worked out in), in the chart's order: moving back to a
 * question reads it, not every respondent's answers again. */
int model_survey_distribution(struct jaw_db *db, int64_t column_id, int limit,
                              struct survey_count *rows, jaw_err *err)
{
	char fresh[120], drop[80], page[160], *make;
	snprintf(fresh, sizeof fresh, "SELECT version, changes FROM temp.survey_dist_%lld LIMIT 1",
	         (long long)column_id);
	if (!model_survey_temp_fresh(db, fresh, column_id)) {
		snprintf(drop, sizeof drop, "DROP TABLE IF EXISTS temp.survey_dist_%lld",
		         (long long)column_id);
		make = xasprintf("CREATE TEMP TABLE survey_dist_%lld AS SELECT ?2 AS version,"
		                 " ?3 AS changes, d.v AS v, coalesce(l.label, '') AS label, d.n AS n FROM"
		                 " (SELECT json_extract(r.answers, " MODEL_SURVEY_PATH("?1") ") AS v,"
		                 " count(*) AS n FROM respondent r WHERE r.survey_id ="
		                 " (SELECT survey_id FROM survey_column WHERE id = ?1) GROUP BY v) AS d"
		                 " LEFT JOIN survey_label l ON l.column_id = ?1 AND l.value = d.v"
		                 " ORDER BY d.v IS NULL, CASE WHEN typeof(d.v) IN ('integer', 'real')"
		                 " THEN d.v END, d.n DESC, d.v", (long long)column_id);
		int rc = db_exec(db, drop, err);
		if (rc == JAW_OK)
			rc = model_survey_temp_make(db, make, column_id, err);
		free(make);
		if (rc != JAW_OK)
			return -1;
	}
	/* prepared here, not kept: db_stmt keeps the text it is given */
	snprintf(page, sizeof page, "SELECT v, label, n FROM temp.survey_dist_%lld"
	         " ORDER BY rowid LIMIT ?1", (long long)column_id);
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(db_sqlite(db), page, -1, &s, NULL) != SQLITE_OK) {
		err_db(err, db_sqlite(db), page);
		sqlite3_finalize(s);
		return -1;
	}
	sqlite3_bind_int(s, 1, limit);
	int n = 0, rc = SQLITE_DONE;
	while (n < limit && (rc = sqlite3_step(s)) == SQLITE_ROW)
		model_survey_count_read(s, &rows[n++]);
	if (n < limit && rc != SQLITE_DONE) {
		err_db(err, db_sqlite(db), page);
		while (n > 0)
			model_survey_count_clear(&rows[--n]);
		n = -1;
	}
	sqlite3_finalize(s);
	return n;
}

static void model_survey_coding_read(sqlite3_stmt *s, void *row)
{
	struct survey_coding_count *c = row;
	c->value = db_column_text_new(s, 0);
	c->code_id = sqlite3_column_int64(s, 1);
	c->code = db_column_text_new(s, 2);
	c->codings = sqlite3_column_int64(s, 3);
	c->respondents = sqlite3_column_int64(s, 4);
}

void model_survey_coding_count_clear(struct survey_coding_count *c)
{
	free(c->value);
	free(c->code);
	memset(c, 0, sizeof *c);
}

static void model_survey_coding_clear_row(void *row)
{
	model_survey_coding_count_clear(row);
}

int model_survey_codings_ready(struct jaw_db *db, int64_t column_id, jaw_err *err)
{
	if (model_survey_temp_fresh(db, "SELECT version, changes FROM temp.survey_codings_key"
	                            " WHERE column_id = ?1", column_id))
		return JAW_OK;
	if (db_exec(db, model_survey_codings_drop, err) != JAW_OK ||
	    model_survey_temp_make(db, model_survey_codings_fill, column_id, err) != JAW_OK)
		return JAW_FAIL;
	return model_survey_temp_make(db, model_survey_codings_key, column_id, err);
}

int model_survey_codings_by(struct jaw_db *db, int64_t column_id, int64_t offset, int limit,
                            struct survey_coding_count *rows, jaw_err *err)
{
	static const char sql[] =
		"SELECT v, code_id, name, codings, respondents FROM temp.survey_codings_by"
		" ORDER BY rowid LIMIT ?2 OFFSET ?3";
	if (model_survey_codings_ready(db, column_id, err) != JAW_OK)
		return -1;
	return model_survey_page_of(db, sql, column_id, offset, limit, rows, sizeof *rows,
	                            model_survey_coding_read, model_survey_coding_clear_row, err);
}

int64_t model_survey_codings_by_count(struct jaw_db *db, int64_t column_id, jaw_err *err)
{
	if (model_survey_codings_ready(db, column_id, err) != JAW_OK)
		return -1;
	return model_scalar(db, "SELECT count(*) FROM temp.survey_codings_by", err);
}

static void model_survey_column_read(sqlite3_stmt *s, void *row)
{
	struct survey_column_info *c = row;
	c->id = sqlite3_column_int64(s, 0);
	c->position = sqlite3_column_int(s, 1);
	c->label = db_column_text_new(s, 2);
	c->question = db_column_text_new(s, 3);
	c->role = db_column_text_new(s, 4);
	c->value_type = db_column_text_new(s, 5);
	c->answers = sqlite3_column_int64(s, 6);
}

void model_survey_column_clear(struct survey_column_info *c)
{
	free(c->label);
	free(c->question);
	free(c->role);
	free(c->value_type);
	memset(c, 0, sizeof *c);
}

static void model_survey_column_clear_row(void *row)
{
	model_survey_column_clear(row);
}

int64_t model_survey_column_count(struct jaw_db *db, int64_t survey_id, jaw_err *err)
{
	return model_respondent_count_sql(db, "SELECT count(*) FROM survey_column WHERE survey_id = ?",
	                                  survey_id, err);
}

int model_survey_column_page(struct jaw_db *db, int64_t survey_id, int64_t offset, int limit,
                             struct survey_column_info *rows, jaw_err *err)
{
	static const char sql[] =
		"SELECT c.id, c.position, c.label, c.question, c.role, c.value_type,"
		" (SELECT count(*) FROM source s WHERE s.column_id = c.id)"
		" FROM survey_column c WHERE c.survey_id = ? ORDER BY c.position LIMIT ? OFFSET ?";
	return model_survey_page_of(db, sql, survey_id, offset, limit, rows, sizeof *rows,
	                            model_survey_column_read, model_survey_column_clear_row, err);
}

int model_survey_column_get(struct jaw_db *db, int64_t id, struct survey_column_info *c,
                            jaw_err *err)
{
	static const char sql[] =
		"SELECT c.id, c.position, c.label, c.question, c.role, c.value_type,"
		" (SELECT count(*) FROM source s WHERE s.column_id = c.id)"
		" FROM survey_column c WHERE c.id = ? LIMIT ? OFFSET ?";
	int n = model_survey_page_of(db, sql, id, 0, 1, c, sizeof *c, model_survey_column_read,
	                             model_survey_column_clear_row, err);
	if (n == 0)
		err_set(err, JAW_FAIL, "no survey column %lld", (long long)id);
	return n == 1 ? JAW_OK : JAW_FAIL;
}

int64_t model_survey_first_column(struct jaw_db *db, int64_t survey_id, const char *role,
                                  jaw_err *err)
{
	static const char sql[] = "SELECT coalesce(min(id), 0) FROM survey_column"
	                          " WHERE survey_id = ? AND role = ?";
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, survey_id);
	sqlite3_bind_text(s, 2, role, -1, SQLITE_TRANSIENT);
	int64_t id = -1;
	return db_step_int64(db, s, &id, err) == JAW_OK ? id : -1;
}

static void model_survey_answer_read(sqlite3_stmt *s, void *row)
{
	struct survey_answer *a = row;
	a->source_id = sqlite3_column_int64(s, 0);
	a->respondent = db_column_text_new(s, 1);
	a->text = db_column_text_new(s, 2);
	a->codings = sqlite3_column_int64(s, 3);
	a->question = db_column_text_new(s, 4);
	a->start = sqlite3_column_count(s) > 5 ? sqlite3_column_int64(s, 5) : 0;
}

void model_survey_answer_clear(struct survey_answer *a)
{
	free(a->respondent);
	free(a->question);
	free(a->text);
	memset(a, 0, sizeof *a);
}

static void model_survey_answer_clear_row(void *row)
{
	model_survey_answer_clear(row);
}

int64_t model_survey_answer_count(struct jaw_db *db, int64_t column_id, jaw_err *err)
{
	return model_respondent_count_sql(db, "SELECT count(*) FROM source WHERE column_id = ?",
	                                  column_id, err);
}

/* A page of the open answers of column ?1: the page chosen on the answer
 * index alone (in the file's order, or backward for a page counted from
 * the end), then joined, so that the rows stepped over are never joined. */
#define MODEL_SURVEY_ANSWER_PAGE(dir)                                                    \
	"SELECT s.id, r.external_id, s.text,"                                                  \
	" (SELECT count(*) FROM coding g WHERE g.source_id = s.id), c.label"                   \
	" FROM (SELECT a.id FROM source a WHERE a.column_id = ?"                              \
	" ORDER BY a.respondent_id " dir ", a.id " dir " LIMIT ? OFFSET ?) AS p"              \
	" JOIN source s ON s.id = p.id JOIN respondent r ON r.id = s.respondent_id"            \
	" JOIN survey_column c ON c.id = s.column_id ORDER BY s.respondent_id, s.id"

int model_survey_answer_page(struct jaw_db *db, int64_t column_id, int64_t offset, int limit,
                             struct survey_answer *rows, jaw_err *err)
{
	static const char sql[] = MODEL_SURVEY_ANSWER_PAGE("ASC");
	return model_survey_page_of(db, sql, column_id, offset, limit, rows, sizeof *rows,
	                            model_survey_answer_read, model_survey_answer_clear_row, err);
}

int model_survey_answer_page_from_end(struct jaw_db *db, int64_t column_id, int64_t from_end,
                                      int limit, struct survey_answer *rows, jaw_err *err)
{
	static const char sql[] = MODEL_SURVEY_ANSWER_PAGE("DESC");
	return model_survey_page_of(db, sql, column_id, from_end, limit, rows, sizeof *rows,
	                            model_survey_answer_read, model_survey_answer_clear_row, err);
}
#undef MODEL_SURVEY_ANSWER_PAGE

/* The open answers of respondent ?1 whose question or text holds ?6, as
 * list search matches (all when ?6 is NULL). */
#define MODEL_RESPONDENT_ANSWERS                                                  \
	" FROM respondent r JOIN survey_column c ON c.survey_id = r.survey_id"        \
	" AND c.role = 'open_text' JOIN source s ON s.column_id = c.id AND s.respondent_id = r.id" \
	" WHERE r.id = ?1 AND (?6 IS NULL OR jaw_has(?6, s.text, c.label))"

/* The segments coded ?4 in the answers of the respondents whose value in
 * column ?1 is ?5, whose text or respondent holds ?6 (all when NULL). */
#define MODEL_SURVEY_CODED                                                        \
	" FROM coding g JOIN source s ON s.id = g.source_id"                           \
	" JOIN respondent r ON r.id = s.respondent_id JOIN survey_column c ON c.id = s.column_id" \
	" WHERE r.survey_id = (SELECT survey_id FROM survey_column WHERE id = ?1)"     \
	" AND g.code_id = ?4"                                                          \
	" AND coalesce(CAST(json_extract(r.answers, " MODEL_SURVEY_PATH("?1") ") AS TEXT), '') = ?5" \
	" AND (?6 IS NULL OR jaw_has(?6, substr(s.text, g.start_cp + 1, g.end_cp - g.start_cp)," \
	" r.external_id))"

/* Binds the parameters of the two queries above: ?1 the id, ?2 and ?3
 * the page, ?4 and ?5 the code and value (when value is not NULL), ?6 the
 * filter's text. */
static void model_survey_bind_pick(sqlite3_stmt *s, int64_t id, int limit, int64_t offset,
                                   int64_t code_id, const char *value, const char *filter)
{
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int(s, 2, limit);
	sqlite3_bind_int64(s, 3, offset);
	if (value) {
		sqlite3_bind_int64(s, 4, code_id);
		sqlite3_bind_text(s, 5, value, -1, SQLITE_TRANSIENT);
	}
	if (filter && *filter) {
		sqlite3_bind_text(s, 6, filter, -1, SQLITE_TRANSIENT);
	} else {
		sqlite3_bind_null(s, 6);
	}
}

/* Reads the page of answers s selects; returns how many, or -1. */
static int model_survey_read_answers(struct jaw_db *db, sqlite3_stmt *s, const char *sql,
                                     int limit, struct survey_answer *rows, jaw_err *err)
{
	int n = 0, rc = SQLITE_DONE;
	while (n < limit && (rc = sqlite3_step(s)) == SQLITE_ROW)
		model_survey_answer_read(s, &rows[n++]);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		err_db(err, db_sqlite(db), sql);
		while (n > 0)
			model_survey_answer_clear(&rows[--n]);
		n = -1;
	}
	sqlite3_reset(s);
	return n;
}

/* Runs a count query bound as model_survey_bind_pick binds. */
static int64_t model_survey_pick_count(struct jaw_db *db, const char *sql, int64_t id,
                                       int64_t code_id, const char *value, const char *filter,
                                       jaw_err *err)
{
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return -1;
	model_survey_bind_pick(s, id, 0, 0, code_id, value, filter);
	int64_t n = -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	else
		err_db(err, db_sqlite(db), sql);
	sqlite3_reset(s);
	return n;
}

int64_t model_respondent_answer_count(struct jaw_db *db, int64_t respondent_id,
                                      const char *filter, jaw_err *err)
{
	static const char sql[] = "SELECT count(*)" MODEL_RESPONDENT_ANSWERS;
	return model_survey_pick_count(db, sql, respondent_id, 0, NULL, filter, err);
}

int model_respondent_answer_page(struct jaw_db *db, int64_t respondent_id, const char *filter,
                                 int64_t offset, int limit, struct survey_answer *rows,
                                 jaw_err *err)
{
	static const char sql[] =
		"SELECT s.id, r.external_id, s.text,"
		" (SELECT count(*) FROM coding g WHERE g.source_id = s.id), c.label"
		MODEL_RESPONDENT_ANSWERS " ORDER BY c.position, s.id LIMIT ?2 OFFSET ?3";
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return -1;
	model_survey_bind_pick(s, respondent_id, limit, offset, 0, NULL, filter);
	return model_survey_read_answers(db, s, sql, limit, rows, err);
}

int64_t model_survey_coded_count(struct jaw_db *db, int64_t column_id, const char *value,
                                 int64_t code_id, const char *filter, jaw_err *err)
{
	static const char sql[] = "SELECT count(*)" MODEL_SURVEY_CODED;
	return model_survey_pick_count(db, sql, column_id, code_id, value, filter, err);
}

int model_survey_coded_page(struct jaw_db *db, int64_t column_id, const char *value,
                            int64_t code_id, const char *filter, int64_t offset, int limit,
                            struct survey_answer *rows, jaw_err *err)
{
	static const char sql[] =
		"SELECT s.id, r.external_id, substr(s.text, g.start_cp + 1, g.end_cp - g.start_cp), 1,"
		" c.label, g.start_cp" MODEL_SURVEY_CODED
		" ORDER BY s.id, g.start_cp LIMIT ?2 OFFSET ?3";
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return -1;
	model_survey_bind_pick(s, column_id, limit, offset, code_id, value, filter);
	return model_survey_read_answers(db, s, sql, limit, rows, err);
}

/* ---- searching the four lists (see search.h) ---------------------------- */

/* What the respondents' search binds: the survey (?1) and what the typed
 * text holds (?21, ?22). */
struct model_respondent_search {
	int64_t survey_id;
	bool escaped; /* a character a JSON writer may escape */
	bool numeric; /* nothing but what a number is written with */
};

static void model_respondent_search_bind(sqlite3_stmt *s, const void *ctx)
{
	const struct model_respondent_search *c = ctx;
	sqlite3_bind_int64(s, 1, c->survey_id);
	sqlite3_bind_int(s, 21, c->escaped);
	sqlite3_bind_int(s, 22, c->numeric);
}

/* Respondent r's value in column c as model_respondent_page shows it. */
#define MODEL_SURVEY_VALUE_RC "json_extract(r.answers, '$[' || (c.position - 1) || ']')"
#define MODEL_SURVEY_SHOWN "coalesce(l.label, " MODEL_SURVEY_VALUE_RC ", '-')"

int64_t model_respondent_search(struct jaw_db *db, int64_t survey_id, const char *text,
                                int64_t from, enum model_dir dir, jaw_err *err)
{
	/* A value is shown as its scale label, or as json_extract gives it,
	 * or "-" when missing. Reading every value of every respondent is
	 * slow, so it is done only for rows whose stored JSON holds the text,
	 * or that may show it although their JSON does not: when a scale
	 * label or "-" matches (all rows); when the text has a character JSON
	 * escapes (rows with an escape); when the text could be part of a
	 * real number shown other than as written (rows with an exponent, a
	 * run of 8 digits, as any number of 16 or more significant digits
	 * has, or 4 zeros after a point). */
	static const struct search_list list = {
		.rows = "FROM respondent r NOT INDEXED WHERE r.survey_id = ?1",
		.keys = "FROM respondent r NOT INDEXED WHERE r.survey_id = ?1",
		.key = {"r.id"},
		.nkey = 1,
		/* one call for most rows: (id or JSON, or a reason to look) and
		 * (the id, or a value as shown) */
		.match = "(" SEARCH_HAS("r.external_id, r.answers")
			" OR EXISTS (SELECT 1 FROM survey_label l JOIN survey_column c ON c.id = l.column_id"
			"  WHERE c.survey_id = ?1 AND " SEARCH_HAS("l.label") ")"
			" OR " SEARCH_HAS("'-'")
			" OR (?21 AND instr(r.answers, '\\') > 0)"
			" OR (?22 AND (r.answers GLOB '*[0-9][eE]*' OR r.answers GLOB '*[0-9].0000*'"
			"  OR r.answers GLOB '*[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]*'))"
			") AND (" SEARCH_HAS("r.external_id") " OR EXISTS (SELECT 1 FROM survey_column c"
			"  LEFT JOIN survey_label l ON l.column_id = c.id AND l.value = " MODEL_SURVEY_VALUE_RC
			"  WHERE c.survey_id = r.survey_id AND c.role IN ('attribute', 'likert')"
			"  AND " SEARCH_HAS(MODEL_SURVEY_SHOWN) "))",
		.count = "SELECT count(*) FROM respondent WHERE survey_id = ?1",
		.ranged = true,
		.lookahead = SEARCH_LOOKAHEAD,
		.bind = model_respondent_search_bind,
	};
	struct model_respondent_search ctx = {survey_id, false, true};
	for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
		ctx.escaped = ctx.escaped || *p < 0x20 || *p >= 0x7f || strchr("\"\\/<>&'", *p);
		ctx.numeric = ctx.numeric && strchr("0123456789.eE+-", *p);
	}
	struct search_list l = list;
	l.ctx = &ctx;
	return search_list_find(db, &l, text, from, dir, err);
}

static void model_survey_bind_id(sqlite3_stmt *s, const void *id)
{
	sqlite3_bind_int64(s, 1, *(const int64_t *)id);
}

int64_t model_survey_column_search(struct jaw_db *db, int64_t survey_id, const char *text,
                                   int64_t from, enum model_dir dir, jaw_err *err)
{
	static const struct search_list list = {
		.rows = "FROM survey_column c WHERE c.survey_id = ?1",
		.keys = "FROM survey_column c WHERE c.survey_id = ?1",
		.key = {"c.position"},
		.nkey = 1,
		.match = SEARCH_HAS("c.label, c.question"),
		.count = "SELECT count(*) FROM survey_column WHERE survey_id = ?1",
		.ranged = true,
		.lookahead = SEARCH_LOOKAHEAD,
		.bind = model_survey_bind_id,
	};
	struct search_list l = list;
	l.ctx = &survey_id;
	return search_list_find(db, &l, text, from, dir, err);
}

/* What the answers' search binds: the question (?1), the survey (?24) and
 * the full-text query that preselects answers (?23). */
struct model_answer_search {
	int64_t column_id, survey_id;
	const char *fts;
};

static void model_answer_search_bind(sqlite3_stmt *s, const void *ctx)
{
	const struct model_answer_search *c = ctx;
	sqlite3_bind_int64(s, 1, c->column_id);
	sqlite3_bind_text(s, 23, c->fts, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 24, c->survey_id);
}

/* The survey of column_id and whether its full-text index exists:
 * JAW_OK, or JAW_FAIL with err set. */
static int model_answer_survey(struct jaw_db *db, int64_t column_id, int64_t *survey_id,
                               bool *indexed, jaw_err *err)
{
	static const char sql[] =
		"SELECT c.survey_id, EXISTS (SELECT 1 FROM sqlite_master"
		" WHERE type = 'table' AND name = 'survey_fts_' || c.survey_id)"
		" FROM survey_column c WHERE c.id = ?";
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return JAW_FAIL;
	sqlite3_bind_int64(s, 1, column_id);
	int rc = sqlite3_step(s);
	*survey_id = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	*indexed = rc == SQLITE_ROW && sqlite3_column_int(s, 1);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return JAW_OK;
	return err_db(err, db_sqlite(db), sql);
}

int64_t model_survey_answer_search(struct jaw_db *db, int64_t column_id, const char *text,
                                   int64_t from, enum model_dir dir, jaw_err *err)
{
	/* The answer's text, or its respondent's id. Where the text has whole
	 * words (search_fts_prefilter_new), the survey's full-text index and
	 * the respondents whose ids hold it give the answers to look at, and
	 * the match confirms them; else (a fragment inside a word) every
	 * answer to the question is looked at. */
#define MODEL_ANSWER_RESPONDENTS                                                     \
	"(SELECT r.id FROM respondent r WHERE r.survey_id = ?24 AND "                     \
	SEARCH_HAS("r.external_id") ")"
#define MODEL_ANSWER_MATCH SEARCH_HAS("s.text") " OR s.respondent_id IN " MODEL_ANSWER_RESPONDENTS
	struct model_answer_search ctx = {column_id, 0, NULL};
	bool indexed;
	if (model_answer_survey(db, column_id, &ctx.survey_id, &indexed, err) != JAW_OK)
		return -2;
	char *fts = indexed ? search_fts_prefilter_new(text) : NULL;
	char *match = NULL;
	if (fts)
		match = xasprintf("s.id IN (SELECT rowid FROM survey_fts_%1$" PRId64
		                  " WHERE survey_fts_%1$" PRId64 " MATCH ?23"
		                  " UNION ALL SELECT a.id FROM source a WHERE a.column_id = ?1"
		                  " AND a.respondent_id IN %2$s) AND (%3$s)", ctx.survey_id,
		                  MODEL_ANSWER_RESPONDENTS, MODEL_ANSWER_MATCH);
	ctx.fts = fts;
	struct search_list list = {
		/* "+": the scan goes by the answers the sets give, not the index */
		.rows = fts ? "FROM source s WHERE +s.column_id = ?1" : "FROM source s WHERE s.column_id = ?1",
		.keys = "FROM source s WHERE s.column_id = ?1",
		.key = {"s.respondent_id", "s.id"},
		.nkey = 2,
		.match = fts ? match : MODEL_ANSWER_MATCH,
		/* near the cursor, answer by answer */
		.near_match = SEARCH_HAS("s.text") " OR EXISTS (SELECT 1 FROM respondent r"
			" WHERE r.id = s.respondent_id AND " SEARCH_HAS("r.external_id") ")",
		.count = "SELECT count(*) FROM source WHERE column_id = ?1",
		.ranged = true,
		.lookahead = SEARCH_LOOKAHEAD,
		.bind = model_answer_search_bind,
		.ctx = &ctx,
	};
#undef MODEL_ANSWER_MATCH
#undef MODEL_ANSWER_RESPONDENTS
	int64_t pos = search_list_find(db, &list, text, from, dir, err);
	free(match);
	free(fts);
	return pos;
}

int64_t model_survey_codings_search(struct jaw_db *db, int64_t column_id, const char *text,
                                    int64_t from, enum model_dir dir, jaw_err *err)
{
	/* the rows as the page reads them: in the order of their rowid */
	static const struct search_list list = {
		.rows = "FROM temp.survey_codings_by g WHERE 1",
		.keys = "FROM temp.survey_codings_by g WHERE 1",
		.key = {"g.rowid"},
		.nkey = 1,
		.match = SEARCH_HAS("g.v, g.name"),
		.ranged = true,
		.lookahead = SEARCH_LOOKAHEAD,
	};
	if (model_survey_codings_ready(db, column_id, err) != JAW_OK)
		return -2;
	struct search_list l = list;
	return search_list_find(db, &l, text, from, dir, err);
}
