/* csvimport_run.c - importing a planned survey file in one transaction.
 *
 * Three threads share the work. A reader thread (csvimport_reader.c)
 * parses the file again and turns each row into what the database needs
 * in a few reusable batches. This thread writes the batches, each with
 * two statements (csvbatch_vtab.c), and an index thread builds the
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
#include "csvimport_reader.h"
#include "csvread.h"
#include "hash.h"
#include "model.h"
#include "survey_fts.h"
#include "utf8.h"
#include "xalloc.h"

#define RUN_SAMPLE_ROWS 2000       /* rows a quick plan reads before an import */


/* An import by a guessed plan (csvimport_file): the whole file's plan,
 * and whether the import must be done again by it. */
struct run_guess {
	struct csvimport_plan *full;
	bool retry;
};

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
static int run_check_reader(const struct csvimport_reader *rd, struct run_guess *guess,
                            jaw_err *err)
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
	struct csvimport_reader rd = {.plan = w->plan, .opt = w->opt, .q = &q, .id_col = -1,
	                        .headers_left = w->plan->header_rows, .next_id = w->first_source};
	if (w->guess)
		rd.planner = csvimport_planner_new(&w->plan->source, w->opt, NULL);
	for (int i = 0; i < w->plan->ncolumns; i++)
		if (w->plan->columns[i].role == SURVEY_ROLE_ID)
			rd.id_col = i;
	int rc = JAW_OK;
	if (pthread_create(&reader, NULL, csvimport_reader_main, &rd) != 0) {
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
