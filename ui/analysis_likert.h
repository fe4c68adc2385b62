/* analysis_likert.h - the analysis view's survey questions mode (8): the
 * distribution of each Likert item (analysis.h), overall and by a survey
 * attribute chosen with :likert ATTR, as shaded cells with counts or
 * percentages of n; view_analysis.c calls these from its mode hooks. */
#ifndef JAW_ANALYSIS_LIKERT_H
#define JAW_ANALYSIS_LIKERT_H

#include <stdbool.h>

#include "retrieve.h"
#include "ui.h"

/* The mode's state. */
struct likert_mode;

/* A new state (overall only, counts); free it with likert_mode_free. */
struct likert_mode *likert_mode_new(void);
/* Frees m (NULL is fine). */
void likert_mode_free(struct likert_mode *m);
/* Reads the table afresh; returns its rows (an item's heading, then its
 * answers), or -1 with err set. */
int64_t likert_mode_rows(struct likert_mode *m, struct list *l, jaw_err *err);
/* Fills rows from offset (their names; the cells are drawn from the table). */
int likert_mode_fetch(struct likert_mode *m, int64_t offset, int limit, struct list_row *rows);
/* Draws the table (false when there is nothing to draw). */
bool likert_mode_draw(struct likert_mode *m, struct list *l);
/* Sets the selected row's status line to what its selected cell counts. */
void likert_mode_update(struct likert_mode *m, struct list *l);
/* h and l: the group to the left or right (delta -1 or 1). */
int likert_mode_column(struct likert_mode *m, struct list *l, int delta);
/* p: counts, or percentages of n. */
int likert_mode_measure(struct likert_mode *m, struct ui *ui, struct list *l);
/* Enter: the retrieval behind the selected cell, the survey answers of
 * the respondents who gave its answer (a heading: any) in its group, into
 * f (cleared first) with a label for the title (*label, the caller frees
 * it). False, with a message, when no respondent is behind it. */
bool likert_mode_open(struct likert_mode *m, struct ui *ui, struct list *l,
                      struct retrieve_filter *f, char **label);
/* :likert [ATTR]: groups by the survey attribute ATTR (none: overall
 * only); false with an error shown when there is no such attribute. */
bool likert_mode_set_attribute(struct likert_mode *m, struct ui *ui, struct list *l,
                               const char *attr);
/* The title's description of the mode. */
const char *likert_mode_describe(struct likert_mode *m);

#endif
