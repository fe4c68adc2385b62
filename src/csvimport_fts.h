/* csvimport_fts.h - a survey's full-text index, built on a second core
 * while the import writes the rows, then copied into the project (see
 * csvimport_fts.c). Private to the importer. */
#ifndef JAW_CSVIMPORT_FTS_H
#define JAW_CSVIMPORT_FTS_H

#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "err.h"

struct csvimport_fts;

/* Makes the temporary file and opens the index thread's connection to it.
 * NULL with err set on failure. */
struct csvimport_fts *csvimport_fts_new(jaw_err *err);
/* Index thread: indexes one answer under its source id. */
int csvimport_fts_add(struct csvimport_fts *f, int64_t id, const char *text, size_t len);
/* Index thread: finishes the index. */
int csvimport_fts_finish(struct csvimport_fts *f);
/* The index thread's error, or NULL. */
const char *csvimport_fts_error(const struct csvimport_fts *f);
/* Main thread, in the import's transaction: creates the survey's index
 * (survey_fts.h) for the answers first..last and copies the built one in.
 * db must not use the new table again: close it after the commit. */
int csvimport_fts_copy(struct csvimport_fts *f, struct jaw_db *db, int64_t survey_id,
                       int64_t first, int64_t last, jaw_err *err);
/* Main thread, after a failure of the index thread: gives back the
 * temporary file's space at once (the index is then built in place). */
void csvimport_fts_discard(struct csvimport_fts *f);
/* Closes and removes the temporary file (NULL is fine). */
void csvimport_fts_free(struct csvimport_fts *f);

#endif
