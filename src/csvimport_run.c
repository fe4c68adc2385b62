/* csvimport_run.c - importing a planned survey file in one transaction.
 *
 * Three threads share the work. A reader thread parses the file again and
 * turns each row into what the database needs (the respondent's id, its
 * answers as one JSON array, its open answers with LF line ends and the
 * source id each will have) in a few reusable batches. This thread writes
 * the batches with prepared statements, and an index thread builds the
 * survey's full-text index from the same batches in a temporary file
 * (csvimport_fts.c), copied in before the commit. Inside a caller's
 * transaction (the demo) there is no index thread: the index is built in
 * place at the end.
 *
 * csvimport_file reads the file once: it imports by a plan guessed from
 * the first rows while the reader thread also plans the whole file, and
 * commits only if both plans import alike (else it imports again by the
 * whole plan). */
#include "config.h"

#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "activity.h"
#include "csvbatch.h"
#include "csvbatch_vtab.h"
#include "csvimport_fts.h"
#include "csvimport_int.h"
#include "csvread.h"
#include "hash.h"
#include "model.h"
#include "survey_fts.h"
#include "utf8.h"
#include "xalloc.h"

#define RUN_SAMPLE_ROWS 2000       /* rows a quick plan reads before an import */

/* The reader thread's state. */
struct run_reader {
	const struct csvimport_plan *plan;
	const struct csvimport_options *opt;
	struct csvbatch_queue *q;
	struct csvbatch *cur;
	int headers_left;
	int id_col;
	int64_t next_id;     /* the next open answer's source id */
	int64_t rows, values, answers, done;
	int status;
	jaw_err err;
	struct csvread_info info;
	struct csvimport_planner *planner; /* plans the whole file as it goes, or NULL */
	struct csvimport_plan *full;       /* the planner's plan, when it is done */
	bool planner_failed;               /* the error is the planner's own */
};

/* An import by a guessed plan (csvimport_file): the whole file's plan,
 * and whether the import must be done again by it. */
struct run_guess {
	struct csvimport_plan *full;
	bool retry;
};

/* ---- the reader thread: rows into batches -------------------------------- */

/* Makes room for n more bytes in the batch's arena. */
static char *run_reserve(struct csvbatch *b, size_t n)
{
	if (b->used + n > b->cap) {
		while (b->used + n > b->cap)
			b->cap *= 2;
		b->arena = xrealloc(b->arena, b->cap);
	}
	return b->arena + b->used;
}

static void run_put(struct csvbatch *b, const char *s, size_t n)
{
	memcpy(run_reserve(b, n), s, n);
	b->used += n;
}

/* Appends s as a JSON string. */
static void run_put_json_string(struct csvbatch *b, const char *s, size_t len)
{
	size_t special = 0;
	for (size_t i = 0; i < len; i++)
		special += (unsigned char)s[i] < 0x20 || s[i] == '"' || s[i] == '\\';
	char *out = run_reserve(b, len + special * 6 + 3), *o = out;
	*o++ = '"';
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\') {
			*o++ = '\\';
			*o++ = (char)c;
		} else if (c < 0x20) {
			o += sprintf(o, c == '\n' ? "\\n" : c == '\t' ? "\\t" : c == '\r' ? "\\r"
			                : "\\u%04x", c);
		} else {
			*o++ = (char)c;
		}
	}
	*o++ = '"';
	b->used += (size_t)(o - out);
}

/* Appends n in decimal (snprintf took a sixth of the reader's time). */
static void run_put_uint(struct csvbatch *b, unsigned n)
{
	char num[16], *p = num + sizeof num;
	do
		*--p = (char)('0' + n % 10);
	while ((n /= 10) > 0);
	run_put(b, p, (size_t)(num + sizeof num - p));
}

/* Appends one value of column c to the answers array. */
static int run_put_value(struct run_reader *rd, const struct csvimport_column *c, const char *v,
                         size_t len, jaw_err *err)
{
	struct csvbatch *b = rd->cur;
	bool stored = c->role == SURVEY_ROLE_ATTRIBUTE || c->role == SURVEY_ROLE_LIKERT;
	if (!stored || len == 0 || csvread_blank(v, len)) {
		run_put(b, "null", 4);
		return JAW_OK;
	}
	rd->values++;
	if (c->role == SURVEY_ROLE_LIKERT) {
		int n = csvimport_likert_value(c, v, len);
		if (n < 0)
			return err_set(err, JAW_FAIL, "\"%.40s\" is not on the scale of column %d (%s);"
			               " has the file changed?", v, c->position, c->label);
		run_put_uint(b, (unsigned)n);
	} else if (c->type == SURVEY_TYPE_INTEGER ? csvimport_is_integer(v, len)
	           : c->type == SURVEY_TYPE_REAL && csvimport_is_number(v, len)) {
		run_put(b, v, len); /* a number JSON holds and SQLite shows as written */
	} else { /* text, or one of a number column's few outliers */
		run_put_json_string(b, v, len);
	}
	return JAW_OK;
}

/* Adds an open answer to the batch, with LF line ends. */
static void run_put_text(struct run_reader *rd, int column, const char *v, size_t len)
{
	struct csvbatch *b = rd->cur;
	if (b->ntexts == b->textcap) {
		b->textcap *= 2;
		b->texts = xreallocarray(b->texts, (size_t)b->textcap, sizeof *b->texts);
	}
	char *at = run_reserve(b, len);
	memcpy(at, v, len);
	size_t n = csvread_normalize_newlines(at, len);
	b->texts[b->ntexts++] = (struct csvbatch_text){column, (uint32_t)b->used, (uint32_t)n,
	                                          rd->next_id++};
	b->used += n;
	rd->answers++;
}

/* The respondent's id: its column, or the number of the data row. */
static void run_put_id(struct run_reader *rd, const struct csvread_row *row, struct csvbatch_row *r)
{
	struct csvbatch *b = rd->cur;
	r->id_off = (uint32_t)b->used;
	if (rd->id_col >= 0) {
		run_put(b, row->fields[rd->id_col], row->lens[rd->id_col]);
	} else {
		char num[24];
		run_put(b, num, (size_t)snprintf(num, sizeof num, "%" PRId64, rd->rows));
	}
	r->id_len = (uint32_t)(b->used - r->id_off);
}

/* Turns one data row into a respondent of the current batch. */
static int run_add_row(struct run_reader *rd, const struct csvread_row *row, jaw_err *err)
{
	const struct csvimport_plan *plan = rd->plan;
	struct csvbatch *b = rd->cur;
	struct csvbatch_row *r = &b->rows[b->nrows];
	r->line = row->line;
	run_put_id(rd, row, r);
	r->json_off = (uint32_t)b->used;
	run_put(b, "[", 1);
	for (int i = 0; i < plan->ncolumns; i++) {
		if (i > 0)
			run_put(b, ",", 1);
		if (run_put_value(rd, &plan->columns[i], row->fields[i], row->lens[i], err) != JAW_OK)
			return JAW_FAIL;
	}
	run_put(b, "]", 1);
	r->json_len = (uint32_t)(b->used - r->json_off);
	r->first_text = b->ntexts;
	for (int i = 0; i < plan->ncolumns; i++)
		if (plan->columns[i].role == SURVEY_ROLE_TEXT && row->lens[i] > 0 &&
		    !csvread_blank(row->fields[i], row->lens[i]))
			run_put_text(rd, i, row->fields[i], row->lens[i]);
	r->ntexts = b->ntexts - r->first_text;
	b->nrows++;
	return JAW_OK;
}

/* Hands the current batch over if it is full (or always, when flush). */
static int run_hand_over(struct run_reader *rd, bool flush)
{
	struct csvbatch *b = rd->cur;
	if (!b || (!flush && b->nrows < CSVBATCH_ROWS && b->used < CSVBATCH_BYTES))
		return JAW_OK;
	b->bytes_done = rd->done;
	csvbatch_queue_put_full(rd->q, b);
	rd->cur = NULL;
	return JAW_OK;
}

static int run_reader_row(void *ctx, const struct csvread_row *row, jaw_err *err)
{
	struct run_reader *rd = ctx;
	if (rd->planner && csvimport_planner_row(rd->planner, row, err) != JAW_OK) {
		rd->planner_failed = true; /* the message planning first would give */
		return JAW_FAIL;
	}
	if (rd->headers_left > 0) {
		rd->headers_left--;
		return JAW_OK;
	}
	if (row->nfields != rd->plan->ncolumns)
		return err_set(err, JAW_FAIL, "%d fields, but the heading has %d; has the file changed?",
		               row->nfields, rd->plan->ncolumns);
	if (!rd->cur && !(rd->cur = csvbatch_queue_take_free(rd->q)))
		return err_set(err, JAW_FAIL, "import stopped");
	rd->rows++;
	if (run_add_row(rd, row, err) != JAW_OK)
		return JAW_FAIL;
	return run_hand_over(rd, false);
}

static void run_reader_progress(void *ctx, int64_t done, int64_t total)
{
	(void)total;
	((struct run_reader *)ctx)->done = done;
}

static void *run_reader_main(void *arg)
{
	struct run_reader *rd = arg;
	struct csvread_options ropt = {
		.encoding = rd->opt->encoding,
		.delimiter = rd->plan->delimiter,
		.progress = run_reader_progress,
		.progress_ctx = rd,
		.quote = rd->plan->quote,
		.strict = rd->opt->strict,
	};
	rd->status = csvread(&rd->plan->source, &ropt, run_reader_row, rd, &rd->info, &rd->err);
	if (rd->planner) {
		rd->full = csvimport_planner_finish(rd->planner, rd->status, &rd->info, NULL);
		rd->planner = NULL;
	}
	if (rd->status == JAW_OK)
		run_hand_over(rd, true);
	else if (rd->cur)
		csvbatch_queue_put_free(rd->q, rd->cur);
	rd->cur = NULL;
	csvbatch_queue_set(rd->q, &rd->q->reader_done);
	return NULL;
}

/* ---- the writer: statements -------------------------------------------- */

/* The writer's state. */
struct run_writer {
	struct jaw_db *db;
	const struct csvimport_plan *plan;
	const struct csvimport_options *opt;
	struct csvimport_fts *fts; /* the index thread's index, or NULL: index in place */
	struct run_guess *guess; /* plan is a guess from the first rows (csvimport_file) */
	struct csvimport_plan *full; /* then: the plan of the whole file, made while importing */
	int64_t survey_id;
	int64_t *column_ids;
	int64_t first_source; /* the first answer's source id */
	int64_t next_respondent; /* the next respondent's id */
	int64_t answers;      /* answers written */
	int64_t rows;
	char created[32];
	sqlite3_stmt *ins_respondents, *ins_answers; /* a batch at a time */
};

static int run_insert_survey(struct run_writer *w, jaw_err *err)
{
	const struct csvimport_plan *p = w->plan;
	static const char sql[] =
		"INSERT INTO survey (name, origin_file, content_hash, row_count, encoding, delimiter,"
		" header_rows) VALUES (?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *s = db_stmt(w->db, sql, err);
	if (!s)
		return JAW_FAIL;
	char delim[2] = {p->delimiter, '\0'};
	db_bind_text(s, 1, p->name, false);
	db_bind_text(s, 2, p->path, false);
	db_bind_text(s, 3, p->hash, false);
	sqlite3_bind_int64(s, 4, p->rows);
	db_bind_text(s, 5, p->encoding, false);
	db_bind_text(s, 6, delim, false);
	sqlite3_bind_int(s, 7, p->header_rows);
	if (db_step_done(w->db, s, err) != JAW_OK)
		return JAW_FAIL;
	w->survey_id = sqlite3_last_insert_rowid(db_sqlite(w->db));
	return JAW_OK;
}

static int run_insert_labels(struct run_writer *w, const struct csvimport_column *c, int64_t id,
                             jaw_err *err)
{
	static const char sql[] = "INSERT INTO survey_label (column_id, value, label) VALUES (?, ?, ?)";
	for (int i = 0; i < c->nlabels; i++) {
		sqlite3_stmt *s = db_stmt(w->db, sql, err);
		if (!s)
			return JAW_FAIL;
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int(s, 2, c->labels[i].value);
		db_bind_text(s, 3, c->labels[i].label, false);
		if (db_step_done(w->db, s, err) != JAW_OK)
			return JAW_FAIL;
	}
	return JAW_OK;
}

static int run_insert_columns(struct run_writer *w, jaw_err *err)
{
	static const char sql[] =
		"INSERT INTO survey_column (survey_id, position, label, question, role, value_type)"
		" VALUES (?, ?, ?, ?, ?, ?)";
	for (int i = 0; i < w->plan->ncolumns; i++) {
		const struct csvimport_column *c = &w->plan->columns[i];
		sqlite3_stmt *s = db_stmt(w->db, sql, err);
		if (!s)
			return JAW_FAIL;
		sqlite3_bind_int64(s, 1, w->survey_id);
		sqlite3_bind_int(s, 2, c->position);
		db_bind_text(s, 3, c->label, false);
		db_bind_text(s, 4, strcmp(c->question, c->label) ? c->question : "", false);
		db_bind_text(s, 5, survey_role_name(c->role), false);
		db_bind_text(s, 6, survey_type_name(c->type), false);
		if (db_step_done(w->db, s, err) != JAW_OK)
			return JAW_FAIL;
		w->column_ids[i] = sqlite3_last_insert_rowid(db_sqlite(w->db));
		if (c->role == SURVEY_ROLE_LIKERT && run_insert_labels(w, c, w->column_ids[i], err) != JAW_OK)
			return JAW_FAIL;
	}
	return JAW_OK;
}

int64_t csvimport_find_imported(struct jaw_db *db, const struct csvimport_plan *plan,
                                char **name_out, jaw_err *err)
{
	static const char sql[] = "SELECT id, name FROM survey WHERE content_hash = ? ORDER BY id";
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return -1;
	db_bind_text(s, 1, plan->hash, false);
	int rc = sqlite3_step(s);
	int64_t id = 0;
	if (rc == SQLITE_ROW) {
		id = sqlite3_column_int64(s, 0);
		if (name_out)
			*name_out = db_column_text_new(s, 1);
	} else if (rc != SQLITE_DONE) {
		err_db(err, db_sqlite(db), sql);
		id = -1;
	}
	sqlite3_reset(s);
	return id;
}

/* Refuses a taken name, and the same file again under a default name. */
static int run_check_new(struct run_writer *w, jaw_err *err)
{
	const struct csvimport_plan *p = w->plan;
	int64_t taken = model_find_id(w->db, "SELECT id FROM survey WHERE name = ?", p->name, err);
	if (taken < 0)
		return JAW_FAIL;
	if (taken > 0)
		return err_set(err, JAW_FAIL, "%s: a survey called \"%s\" is already in the project;"
		               " choose another name with --name", p->path, p->name);
	if (w->guess)
		return JAW_OK; /* the file's hash is known at the end (run_confirm) */
	char *before = NULL;
	int64_t same = csvimport_find_imported(w->db, p, &before, err);
	if (same < 0)
		return JAW_FAIL;
	if (same > 0 && !p->name_given)
		err_set(err, JAW_FAIL, "%s: already imported as the survey \"%s\"; to import it again"
		        " as a new survey, give it a new name with --name", p->path, before);
	free(before);
	return same > 0 && !p->name_given ? JAW_FAIL : JAW_OK;
}

/* The id the first answer will have: above any source and any survey's
 * range (whose last answers may have been deleted), then in order. */
static int run_first_source(struct run_writer *w, jaw_err *err)
{
	w->first_source = model_scalar(w->db, "SELECT max(coalesce((SELECT max(id) FROM source), 0),"
	                                      " coalesce((SELECT max(last_source) FROM survey), 0)) + 1",
	                               err);
	if (w->first_source <= 0)
		return JAW_FAIL;
	w->next_respondent = model_scalar(w->db, "SELECT coalesce(max(id), 0) + 1 FROM respondent", err);
	return w->next_respondent > 0 ? JAW_OK : JAW_FAIL;
}

/* Gives the survey its full-text index: the index thread's, copied in, or
 * one built here. */
static int run_finish_index(struct run_writer *w, jaw_err *err)
{
	int64_t last = w->first_source + w->answers - 1;
	if (w->fts)
		return csvimport_fts_copy(w->fts, w->db, w->survey_id, w->first_source, last, err);
	if (w->opt->progress)
		w->opt->progress(w->opt->progress_ctx, "indexing", 0, w->answers, w->rows);
	if (survey_fts_create(w->db, w->survey_id, w->first_source, last, err) != JAW_OK)
		return JAW_FAIL;
	return survey_fts_rebuild(w->db, w->survey_id, err);
}

/* Runs one of the batch statements on the batch. Returns SQLITE_DONE, or
 * the error's code with err set (before the binding that clears it). */
static int run_batch_step(struct run_writer *w, sqlite3_stmt *s,
                          const struct csvbatch_vtab_arg *arg, jaw_err *err)
{
	sqlite3_bind_pointer(s, 1, (void *)arg, CSVBATCH_VTAB_POINTER, NULL);
	int rc = sqlite3_step(s);
	if (rc != SQLITE_DONE)
		err_db(err, db_sqlite(w->db), sqlite3_sql(s));
	sqlite3_reset(s);
	sqlite3_bind_null(s, 1); /* the pointer is to the caller's stack */
	return rc;
}

/* The first line with the respondent id of row r, or 0. */
static int64_t run_first_line(struct run_writer *w, const struct csvbatch *b,
                              const struct csvbatch_row *r)
{
	static const char sql[] = "SELECT line FROM respondent WHERE survey_id = ? AND external_id = ?";
	sqlite3_stmt *s = db_stmt(w->db, sql, NULL);
	int64_t first = 0;
	if (!s)
		return 0;
	sqlite3_bind_int64(s, 1, w->survey_id);
	sqlite3_bind_text(s, 2, b->arena + r->id_off, (int)r->id_len, SQLITE_STATIC);
	return db_step_int64(w->db, s, &first, NULL) == JAW_OK ? first : 0;
}

/* The respondents statement of batch b broke a UNIQUE constraint. OR FAIL
 * kept the rows before the one it stopped at, so the ids written tell
 * which row that is: if its id is the survey's already, names both
 * lines; otherwise (a constraint of the project's own) SQLite's message,
 * in err already, stands. */
static int run_duplicate(struct run_writer *w, const struct csvbatch *b, jaw_err *err)
{
	int64_t last = model_scalar(w->db, "SELECT coalesce(max(id), 0) FROM respondent", NULL);
	int64_t i = last >= w->next_respondent ? last - w->next_respondent + 1 : 0;
	const struct csvbatch_row *r = i < b->nrows ? &b->rows[i] : NULL;
	int64_t first = r ? run_first_line(w, b, r) : 0;
	if (first <= 0)
		return JAW_FAIL;
	/* by a guessed plan whose id was guessed too: the whole file's plan
	 * numbers the respondents by row instead */
	for (int c = 0; w->guess && c < w->plan->ncolumns; c++)
		if (w->plan->columns[c].role == SURVEY_ROLE_ID && !w->plan->columns[c].role_given)
			w->guess->retry = true;
	char *copy = xstrndup(b->arena + r->id_off, r->id_len), *safe = utf8_sanitize_new(copy);
	err_set(err, JAW_FAIL, "%s line %lld: duplicate respondent id \"%s\" (first on line %lld)",
	        w->plan->path, (long long)r->line, safe, (long long)first);
	free(safe);
	free(copy);
	return JAW_FAIL;
}

/* Writes a batch with two statements. They are OR FAIL: a failure ends
 * the import, which is rolled back whole, so a statement that fails need
 * not undo its own rows; SQLite then keeps no statement journal (for the
 * survey of 200,000 rows it wrote 138 MB of one). Respondents get their
 * ids here, the ones SQLite would give them. */
static int run_write_batch(struct run_writer *w, const struct csvbatch *b, jaw_err *err)
{
	const struct csvbatch_vtab_arg arg = {b, w->next_respondent, w->column_ids};
	int rc = run_batch_step(w, w->ins_respondents, &arg, err);
	if (rc == SQLITE_CONSTRAINT_UNIQUE)
		return run_duplicate(w, b, err);
	if (rc != SQLITE_DONE || run_batch_step(w, w->ins_answers, &arg, err) != SQLITE_DONE)
		return JAW_FAIL;
	w->next_respondent += b->nrows;
	w->rows += b->nrows;
	w->answers += b->ntexts;
	if (w->opt->progress)
		w->opt->progress(w->opt->progress_ctx, "importing", b->bytes_done, w->plan->bytes, w->rows);
	return JAW_OK;
}

/* Prepares the statements of the hot path. */
static int run_prepare(struct run_writer *w, jaw_err *err)
{
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(w->created, sizeof w->created, "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (csvbatch_vtab_register(db_sqlite(w->db)) != SQLITE_OK)
		return err_db(err, db_sqlite(w->db), "sqlite3_create_module");
	w->ins_respondents = db_stmt(w->db, "INSERT OR FAIL INTO respondent (id, survey_id,"
	                                    " external_id, line, answers) SELECT id, ?2, external_id,"
	                                    " line, answers FROM jaw_batch_respondents(?1)", err);
	if (!w->ins_respondents)
		return JAW_FAIL;
	sqlite3_bind_int64(w->ins_respondents, 2, w->survey_id);
	/* no title: an answer's is shown as "RESPONDENT: QUESTION" (MODEL_SOURCE_TITLE) */
	w->ins_answers = db_stmt(w->db, "INSERT OR FAIL INTO source (id, kind, title, text,"
	                                " respondent_id, column_id, created) SELECT id, 'survey_answer',"
	                                " '', text, respondent_id, column_id, ?2"
	                                " FROM jaw_batch_answers(?1)", err);
	if (!w->ins_answers)
		return JAW_FAIL;
	sqlite3_bind_text(w->ins_answers, 2, w->created, -1, SQLITE_TRANSIENT);
	return JAW_OK;
}

/* Writes batches as the reader fills them. On an error, stops the reader. */
static int run_consume(struct run_writer *w, struct csvbatch_queue *q, jaw_err *err)
{
	int rc = JAW_OK;
	struct csvbatch *b;
	while ((b = csvbatch_queue_take_full(q, CSVBATCH_WRITER)) != NULL) {
		if (rc == JAW_OK && (rc = run_write_batch(w, b, err)) != JAW_OK)
			csvbatch_queue_set(q, &q->cancel);
		csvbatch_queue_release(q, b);
	}
	return rc;
}

/* The index thread's state. */
struct run_indexer {
	struct csvbatch_queue *q;
	struct csvimport_fts *fts;
};

/* Index thread: indexes the answers of each batch, then finishes. After
 * an error it only gives the batches back. */
static void *run_indexer_main(void *arg)
{
	struct run_indexer *ix = arg;
	int rc = JAW_OK;
	struct csvbatch *b;
	while ((b = csvbatch_queue_take_full(ix->q, CSVBATCH_INDEXER)) != NULL) {
		for (int t = 0; rc == JAW_OK && t < b->ntexts; t++) {
			const struct csvbatch_text *x = &b->texts[t];
			rc = csvimport_fts_add(ix->fts, x->id, b->arena + x->off, x->len);
		}
		pthread_mutex_lock(&ix->q->mu);
		ix->q->indexed += b->ntexts;
		pthread_mutex_unlock(&ix->q->mu);
		csvbatch_queue_release(ix->q, b);
	}
	csvimport_fts_finish(ix->fts);
	return NULL;
}

/* Checks what the reader read is what was planned. */
static int run_check_reader(const struct run_reader *rd, struct run_guess *guess, jaw_err *err)
{
	/* by a guess, an error that depends on the plan calls for the whole one */
	if (rd->status != JAW_OK && guess && !rd->planner_failed)
		guess->retry = true;
	if (rd->status != JAW_OK)
		return err_set(err, rd->status, "%s", rd->err.msg);
	if (rd->full)
		return JAW_OK; /* planned as it was read: run_confirm compares */
	char hash[17];
	hash64_hex(rd->info.hash, hash);
	if (strcmp(hash, rd->plan->hash) != 0 || rd->rows != rd->plan->rows)
		return err_set(err, JAW_FAIL, "%s: the file changed while it was being imported;"
		               " import it again", rd->plan->path);
	return JAW_OK;
}

/* Starts the index thread, if there is an index to build there. */
static bool run_start_indexer(struct run_writer *w, struct run_indexer *ix, pthread_t *thread)
{
	return w->fts && pthread_create(thread, NULL, run_indexer_main, ix) == 0;
}

/* Waits for the index thread, reporting how far it is; on its failure the
 * index is built here instead. */
static void run_join_indexer(struct run_writer *w, struct csvbatch_queue *q, pthread_t thread)
{
	if (w->opt->progress) {
		for (;;) {
			pthread_mutex_lock(&q->mu);
			int64_t indexed = q->indexed;
			pthread_mutex_unlock(&q->mu);
			if (indexed >= w->answers)
				break;
			w->opt->progress(w->opt->progress_ctx, "indexing", indexed, w->answers, w->rows);
			nanosleep(&(struct timespec){0, 50 * 1000 * 1000}, NULL);
		}
	}
	pthread_join(thread, NULL);
	if (csvimport_fts_error(w->fts)) {
		csvimport_fts_discard(w->fts); /* its space may be what building in place needs */
		w->fts = NULL;
	}
}

/* Runs the reader (and index) thread and writes what they read. */
static int run_rows(struct run_writer *w, struct csvimport_result *res, jaw_err *err)
{
	struct csvbatch_queue q;
	struct run_indexer ix = {&q, w->fts};
	pthread_t reader, indexer;
	csvbatch_queue_init(&q, w->fts ? 2 : 1);
	bool indexing = run_start_indexer(w, &ix, &indexer);
	if (!indexing) {
		q.consumers = 1;
		w->fts = NULL;
	}
	struct run_reader rd = {.plan = w->plan, .opt = w->opt, .q = &q, .id_col = -1,
	                        .headers_left = w->plan->header_rows, .next_id = w->first_source};
	if (w->guess)
		rd.planner = csvimport_planner_new(&w->plan->source, w->opt, NULL);
	for (int i = 0; i < w->plan->ncolumns; i++)
		if (w->plan->columns[i].role == SURVEY_ROLE_ID)
			rd.id_col = i;
	int rc = JAW_OK;
	if (pthread_create(&reader, NULL, run_reader_main, &rd) != 0) {
		rc = err_set(err, JAW_FAIL, "cannot start the reader thread");
		csvbatch_queue_set(&q, &q.reader_done);
	} else {
		rc = run_consume(w, &q, err);
		pthread_join(reader, NULL);
		if (rc == JAW_OK)
			rc = run_check_reader(&rd, w->guess, err);
	}
	if (indexing)
		run_join_indexer(w, &q, indexer);
	res->respondents = rd.rows;
	res->values = rd.values;
	res->answers = rd.answers;
	csvimport_planner_free(rd.planner); /* if the reader did not start */
	w->full = rd.full;
	if (rc == JAW_OK && w->guess && !w->full) {
		w->guess->retry = true; /* the whole plan failed: plan first, for the message */
		rc = JAW_FAIL;
	}
	csvbatch_queue_destroy(&q);
	return rc;
}

/* After an import by a guessed plan: the whole file's plan must be the
 * same, without errors, and the file not imported before; the survey row
 * gets the file's hash and row count. JAW_FAIL means "import it again by
 * the whole plan", which gives the right message if there is an error. */
static int run_confirm(struct run_writer *w, jaw_err *err)
{
	const struct csvimport_plan *full = w->full;
	/* the first survey with the file's content: another one, or this one */
	int64_t same = full ? csvimport_find_imported(w->db, full, NULL, err) : 0;
	if (same < 0)
		return JAW_FAIL;
	if (!full || full->errors > 0 || !csvimport_plan_same(w->plan, full) ||
	    (same > 0 && same != w->survey_id && !full->name_given)) {
		w->guess->retry = true; /* planning first gives the roles, or the message */
		return JAW_FAIL;
	}
	static const char sql[] = "UPDATE survey SET content_hash = ?, row_count = ? WHERE id = ?";
	sqlite3_stmt *s = db_stmt(w->db, sql, err);
	if (!s)
		return JAW_FAIL;
	db_bind_text(s, 1, full->hash, false);
	sqlite3_bind_int64(s, 2, full->rows);
	sqlite3_bind_int64(s, 3, w->survey_id);
	return db_step_done(w->db, s, err);
}

/* Writes the rows. The answers' CHECK constraints concern the kind, here
 * a constant that meets them, and the attribution, here NULL; SQLite
 * checks an IN list by building a temporary table for each row (a tenth
 * of the writer's time), so the rows' statements are made without them.
 * (Setting the pragma makes SQLite prepare every statement again.) */
static int run_write(struct run_writer *w, struct csvimport_result *res, jaw_err *err)
{
	if (db_exec(w->db, "PRAGMA ignore_check_constraints = ON", err) != JAW_OK)
		return JAW_FAIL;
	int rc = run_prepare(w, err) == JAW_OK ? run_rows(w, res, err) : JAW_FAIL;
	if (db_exec(w->db, "PRAGMA ignore_check_constraints = OFF", rc == JAW_OK ? err : NULL)
	    != JAW_OK)
		rc = JAW_FAIL;
	return rc;
}

static int run_all(struct run_writer *w, struct csvimport_result *res, jaw_err *err)
{
	if (run_check_new(w, err) != JAW_OK || run_insert_survey(w, err) != JAW_OK ||
	    run_insert_columns(w, err) != JAW_OK || run_first_source(w, err) != JAW_OK ||
	    run_write(w, res, err) != JAW_OK)
		return JAW_FAIL;
	if (w->guess && run_confirm(w, err) != JAW_OK)
		return JAW_FAIL;
	return run_finish_index(w, err);
}

static double run_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Imports on db in one transaction; fts is the index thread's index or
 * NULL. With guess (not NULL), plan is a guess and guess->full gets the
 * plan of the whole file. */
static int run_on(struct jaw_db *db, struct csvimport_fts *fts,
                  const struct csvimport_plan *plan, const struct csvimport_options *opt,
                  struct run_guess *guess, struct csvimport_result *res, jaw_err *err)
{
	struct run_writer w = {.db = db, .plan = plan, .opt = opt, .fts = fts, .guess = guess};
	w.column_ids = xcalloc((size_t)plan->ncolumns, sizeof *w.column_ids);
	int64_t cache = model_scalar(db, "PRAGMA cache_size", err);
	/* A larger page cache while importing: 16 MiB. */
	int rc = cache < -1000000 ? JAW_FAIL : db_exec(db, "PRAGMA cache_size = -16384", err);
	if (rc == JAW_OK && (rc = db_begin(db, err)) == JAW_OK) {
		rc = run_all(&w, res, err);
		if (rc == JAW_OK)
			rc = db_commit(db, err);
		else
			db_rollback(db);
	}
	char restore[64];
	snprintf(restore, sizeof restore, "PRAGMA cache_size = %lld", (long long)cache);
	db_exec(db, restore, NULL);
	free(w.column_ids);
	res->survey_id = rc == JAW_OK ? w.survey_id : 0;
	if (guess)
		guess->full = w.full;
	else
		csvimport_plan_free(w.full);
	if (rc != JAW_OK && err && strncmp(err->msg, "database error", 14) == 0)
		err_prefix(err, db_path(db)); /* say which file */
	return rc;
}

/* The import's rows refer only to rows it writes first, and jaw's own
 * triggers on the tables it writes do nothing for new answers (they index
 * other kinds of source, or tally codings, and a new answer has none;
 * those on respondent and survey_column tally codings too, on a change
 * or delete, which the import does not do; and a new answer has no
 * citations whose state a change of its text would keep):
 * without foreign key checks and triggers (unless the project has
 * triggers of its own on those tables), SQLite runs no trigger program
 * and needs no statement journal for each insert. Triggers on the tables
 * it does not write (code, coding, finding_evidence) cannot fire. */
int64_t csvimport_other_triggers(struct jaw_db *db)
{
	static const char others[] =
		"SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"
		" AND tbl_name IN ('survey', 'survey_column', 'survey_label', 'respondent', 'source',"
		" 'activity') AND name NOT IN ('source_fts_insert', 'source_fts_delete',"
		" 'source_fts_update', 'source_tally_insert', 'source_tally_delete',"
		" 'source_tally_update', 'respondent_answer_tally_delete',"
		" 'respondent_answer_tally_update', 'survey_column_answer_tally_delete',"
		" 'survey_column_answer_tally_update', 'source_text_citations')"
		" AND name NOT GLOB 'survey_fts_[0-9]*'";
	return model_scalar(db, others, NULL);
}

static void run_lighten(struct jaw_db *own)
{
	db_exec(own, "PRAGMA foreign_keys = OFF", NULL);
	if (csvimport_other_triggers(own) == 0)
		sqlite3_db_config(db_sqlite(own), SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, (int *)NULL);
}

/* Imports on a connection of its own, with the index built on a second
 * core (see csvimport_fts.c for why the connection must be new). */
static int run_alone(struct jaw_db *db, const struct csvimport_plan *plan,
                     const struct csvimport_options *opt, struct run_guess *guess,
                     struct csvimport_result *res, jaw_err *err)
{
	struct jaw_db *own = NULL;
	if (db_open(db_path(db), 0, db_schema(db), &own, err) != JAW_OK)
		return JAW_FAIL;
	run_lighten(own);
	if (opt->defer_checkpoint) { /* neither at the commit nor when it closes */
		db_exec(own, "PRAGMA wal_autocheckpoint = 0", NULL);
		sqlite3_db_config(db_sqlite(own), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, (int *)NULL);
	}
	/* the sessions that wait for it meanwhile can say for what */
	int64_t activity = activity_begin(own, NULL, "an import", plan->path, err);
	if (activity < 0) {
		db_close(own);
		return JAW_FAIL;
	}
	/* Without a temporary file the index is built in place, more slowly. */
	struct csvimport_fts *fts = csvimport_fts_new(NULL);
	int rc = run_on(own, fts, plan, opt, guess, res, err);
	csvimport_fts_free(fts);
	activity_end(own, activity);
	db_close(own);
	return rc;
}

int csvimport_run(struct jaw_db *db, const struct csvimport_plan *plan,
                  const struct csvimport_options *opt, struct csvimport_result *res,
                  jaw_err *err)
{
	double start = run_now();
	memset(res, 0, sizeof *res);
	if (plan->errors > 0)
		return err_set(err, JAW_FAIL, "%s: %s", plan->path, plan->problems[0]);
	int rc = db_in_transaction(db) ? run_on(db, NULL, plan, opt, NULL, res, err)
	                               : run_alone(db, plan, opt, NULL, res, err);
	res->seconds = run_now() - start;
	return rc;
}

int csvimport_file(struct jaw_db *db, const char *path, const struct csvimport_options *opt,
                   struct csvimport_plan **plan_out, struct csvimport_result *res, jaw_err *err)
{
	struct csvread_source src = csvread_path(path);
	return csvimport_source(db, &src, opt, plan_out, res, err);
}

int csvimport_source(struct jaw_db *db, const struct csvread_source *src,
                     const struct csvimport_options *opt, struct csvimport_plan **plan_out,
                     struct csvimport_result *res, jaw_err *err)
{
	double start = run_now();
	*plan_out = NULL;
	/* First by a plan guessed from the first rows, with the whole file
	 * planned as it is read (once); if that plan differs, or anything
	 * fails, again by the whole plan as csvimport_plan_new makes it. */
	struct csvimport_plan *sample = db_in_transaction(db) ? NULL
		: csvimport_plan_sample_new(src, opt, RUN_SAMPLE_ROWS, NULL);
	bool tried = sample && sample->errors == 0;
	if (tried) {
		struct run_guess guess = {NULL, false};
		memset(res, 0, sizeof *res);
		int rc = run_alone(db, sample, opt, &guess, res, err);
		csvimport_plan_free(sample);
		res->reads = 1;
		res->seconds = run_now() - start;
		if (rc == JAW_OK || !guess.retry) {
			*plan_out = guess.full;
			return rc; /* done, or an error that planning first would meet too */
		}
		csvimport_plan_free(guess.full);
		err_clear(err);
	} else {
		csvimport_plan_free(sample);
	}
	struct csvimport_plan *plan = csvimport_plan_source_new(src, opt, err);
	res->reads = tried ? 2 : 1;
	if (!plan)
		return err->status;
	*plan_out = plan;
	int rc = csvimport_run(db, plan, opt, res, err);
	res->reads = tried ? 3 : 2;
	res->seconds = run_now() - start;
	return rc;
}
