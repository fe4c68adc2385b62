/* analysis.h - the tables that turn coded evidence into findings: code
 * frequencies (more to come: crosstabs, co-occurrence, inter-coder
 * agreement, saturation). Every figure is counted by SQL aggregation over
 * the project's indexes; nothing pulls rows into C to count them. The
 * analysis view (A) and `jaw stats` read the same rows. */
#ifndef JAW_ANALYSIS_H
#define JAW_ANALYSIS_H

#include <stdbool.h>
#include <stdint.h>

#include "db.h"
#include "err.h"

/* ---- frequencies -------------------------------------------------------------

   For each code, in the codebook's order (each code followed by the codes
   below it): its segments (codings), the distinct sources, stakeholders
   (of the sources) and survey respondents (of the answers) they are in;
   and the same over the code together with every code below it (the
   tree's roll-up, marked as such wherever it is shown). */

/* Counts of segments and of what they are in. */
struct analysis_counts {
	int64_t segments, sources, stakeholders, respondents;
};

/* A code's row of the frequencies table. */
struct analysis_code_row {
	int64_t id;
	char *name, *path;
	int depth;                 /* 0 at the top of the codebook */
	int64_t children;          /* codes directly below it */
	struct analysis_counts own; /* with this code */
	struct analysis_counts all; /* with it or a code below it (own when no children) */
};

/* The number of rows (codes); -1 with err set. */
int64_t analysis_codes_count(struct jaw_db *db, jaw_err *err);
/* Reads up to limit rows from offset in the codebook's order; returns how
 * many, or -1. Clear each with analysis_code_row_clear. */
int analysis_codes_page(struct jaw_db *db, int64_t offset, int limit,
                        struct analysis_code_row *rows, jaw_err *err);
/* The most segments of any row, own or with the codes below (for scaling
 * bars); -1 on error. */
int64_t analysis_codes_max(struct jaw_db *db, jaw_err *err);
/* Frees the strings of r and zeroes it. */
void analysis_code_row_clear(struct analysis_code_row *r);

#endif
