/* edit.h - the analyst's changes to the timeline, the stakeholder register
 * and the evidence, each one transaction with its journal entry
 * (journal.h), so that u in the view where it was made undoes it.
 *
 * The functions of model.h write the rows; these wrap them in a journaled
 * change by an analyst and touch every row the change alters, deletes or
 * adds: a deleted timeline item with the links of its evidence to it, a
 * stakeholder with its members and evidence links (and the register's
 * order below it), a source with its codings and their links to findings.
 * The interface and the commands change these records only through here;
 * model.h's own writes are for the demo and for building these. */
#ifndef JAW_EDIT_H
#define JAW_EDIT_H

#include <stdint.h>

#include "db.h"
#include "err.h"
#include "model.h"

/* Adds it as analyst (model_timeline_add); sets it->id. */
int edit_timeline_add(struct jaw_db *db, const char *analyst, struct timeline_item *it,
                      jaw_err *err);
/* Writes it over item it->id as analyst (model_timeline_update). */
int edit_timeline_update(struct jaw_db *db, const char *analyst, const struct timeline_item *it,
                         jaw_err *err);
/* Deletes timeline item id as analyst; its evidence loses the link (undo
 * brings both back). */
int edit_timeline_delete(struct jaw_db *db, const char *analyst, int64_t id, jaw_err *err);

/* Adds s as analyst (model_stakeholder_add); sets s->id. */
int edit_stakeholder_add(struct jaw_db *db, const char *analyst, struct stakeholder *s,
                         jaw_err *err);
/* Writes s over stakeholder s->id as analyst (model_stakeholder_update). */
int edit_stakeholder_update(struct jaw_db *db, const char *analyst, struct stakeholder *s,
                            jaw_err *err);
/* Deletes stakeholder id as analyst: its members lose their organisation,
 * its evidence the link (undo brings all back). */
int edit_stakeholder_delete(struct jaw_db *db, const char *analyst, int64_t id, jaw_err *err);

/* Adds src as analyst (model_source_add); sets src->id. */
int edit_source_add(struct jaw_db *db, const char *analyst, struct source *src, jaw_err *err);
/* Writes the title, kind, date and links of src->id as analyst
 * (model_source_update_meta). */
int edit_source_update_meta(struct jaw_db *db, const char *analyst, const struct source *src,
                            jaw_err *err);
/* Deletes source id with its codings and their links to findings as
 * analyst, as one change (one undo brings every row back). */
int edit_source_delete(struct jaw_db *db, const char *analyst, int64_t id, jaw_err *err);

#endif
