/* demo.h - the demo project: a fictional study of human security at the
 * tactical level, compiled in from data/demo/. */
#ifndef JAW_DEMO_H
#define JAW_DEMO_H

#include "db.h"
#include "err.h"

/* Writes the demo project (project record, starter codebook, timeline,
 * stakeholders, notes, and codings by two analysts from demo/codings.csv,
 * whose passages are found in the notes) into an empty project, in one
 * transaction. The codings are not journaled. */
int demo_load(struct jaw_db *db, jaw_err *err);

#endif
