/* survey_fts.h - the full-text index of one survey's open answers.
 *
 * Each survey's answers have an FTS5 table of their own, survey_fts_<id>,
 * whose content is the view survey_answer_<id>: the survey_answer sources
 * whose ids lie in the range the import gave them. Triggers keep it in step
 * when such a source is deleted or its text changed. One table per survey
 * lets jaw import-csv build the index on a second core, in a file of its
 * own, and copy it in (see csvimport_run.c). */
#ifndef JAW_SURVEY_FTS_H
#define JAW_SURVEY_FTS_H

#include <stdint.h>

#include "db.h"
#include "err.h"

/* Room for a table name with a survey id. */
#define SURVEY_FTS_NAME_MAX 48

/* Writes "survey_fts_<id>" into name. */
void survey_fts_name(int64_t survey_id, char name[SURVEY_FTS_NAME_MAX]);

/* Creates survey_fts_<id>, its content view and its triggers, for the
 * answers with ids first..last (an empty index; see survey_fts_rebuild). */
int survey_fts_create(struct jaw_db *db, int64_t survey_id, int64_t first, int64_t last,
                      jaw_err *err);

/* Indexes every answer of the survey again. */
int survey_fts_rebuild(struct jaw_db *db, int64_t survey_id, jaw_err *err);

/* Gives the id range of the survey's answers in *first and *last (0 and -1
 * when it has none). */
int survey_fts_range(struct jaw_db *db, int64_t survey_id, int64_t *first, int64_t *last,
                     jaw_err *err);

/* Creates and fills the index of every survey that has none (the upgrade to
 * schema 3). */
int survey_fts_create_missing(struct jaw_db *db, jaw_err *err);

/* Runs FTS5's integrity-check on every survey's full-text table (see
 * db_check_fts5); returns the number of problems, or -1 with err set. */
int survey_fts_check(struct jaw_db *db, db_report_fn report, void *ctx, jaw_err *err);

/* Calls fn with the name of every survey's full-text table; stops at the
 * first nonzero return and gives it back (or -1 on a database error). */
int survey_fts_each(struct jaw_db *db, int (*fn)(void *ctx, const char *table), void *ctx,
                    jaw_err *err);

#endif
