/* demo.h - the demo project: a fictional study of human security at the
 * tactical level, compiled in from data/demo/. */
#ifndef JAW_DEMO_H
#define JAW_DEMO_H

#include "db.h"
#include "err.h"

/* Writes the demo project (project record, starter codebook, timeline,
 * stakeholders, notes) into an empty project, in one transaction. */
int demo_load(struct jaw_db *db, jaw_err *err);

#endif
