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

/* ---- matrices: crosstabs and co-occurrence ----------------------------------

   A table of codes (rows, in the codebook's order, every code) by columns
   (the values of an attribute, or the codes again), counted by SQL
   aggregation; the result, a few hundred rows and columns at most, is
   held in memory. */

/* What a crosstab counts in each cell. */
enum analysis_by {
	ANALYSIS_BY_SEGMENTS,    /* codings */
	ANALYSIS_BY_SOURCES,     /* distinct sources */
	ANALYSIS_BY_RESPONDENTS, /* distinct survey respondents */
};

/* A table. cells[r * ncols + c]; totals count distinct sources or
 * respondents over the whole row, column or table (not the sum of the
 * cells). */
struct analysis_matrix {
	int nrows, ncols;
	int64_t *row_ids;   /* the codes */
	char **row_names, **row_paths;
	int *row_depth;
	char **col_names;   /* a value ("" for none) or a code's name */
	int64_t *col_ids;   /* co-occurrence: the codes; crosstab: 0 */
	int64_t *cells;
	double *ratio;      /* co-occurrence with Jaccard: the coefficient, else NULL */
	int64_t *row_total, *col_total, total;
	int64_t max;        /* the largest cell */
};

/* The attributes a crosstab takes (ANALYSIS_ATTR_NAMES lists them):
 * organisation (the top-level organisation of the source's stakeholder),
 * organisation-direct (the organisation a stakeholder belongs to
 * directly, or the stakeholder when it is one), stakeholder-kind, role,
 * event, source-kind, or else the label of a survey attribute column. */
#define ANALYSIS_ATTR_NAMES \
	"organisation, organisation-direct, stakeholder-kind, role, event, source-kind," \
	" or a survey attribute's label"

/* Codes by the values of attribute, counted by: a new matrix into *out,
 * or JAW_FAIL with err set ("no attribute \"x\" (organisation, ...)"). */
int analysis_crosstab_new(struct jaw_db *db, const char *attribute, enum analysis_by by,
                          struct analysis_matrix **out, jaw_err *err);

/* How codes co-occur. */
enum analysis_cooccur_mode {
	ANALYSIS_OVERLAP,     /* codings of both overlap in a source */
	ANALYSIS_SAME_SOURCE, /* both codes occur in a source */
};

/* Codes by codes: the number of sources in which codings of the two codes
 * overlap (or, ANALYSIS_SAME_SOURCE, occur at all); the diagonal is the
 * number of sources with the code. With jaccard, ratio holds
 * |both| / (|row code's sources| + |column code's sources| - |both|). */
int analysis_cooccur_new(struct jaw_db *db, enum analysis_cooccur_mode mode, bool jaccard,
                         struct analysis_matrix **out, jaw_err *err);

/* ---- inter-coder agreement -----------------------------------------------------

   Over the sources that every coder compared coded (with any code), each
   character of their text is a unit, and each coder either coded it with
   a code or not. For each code either coder used there, with N the
   characters of those sources, b those both coders coded, o1 and o2 those
   only the first or only the second did:
     agreement = (N - o1 - o2) / N, as a percentage
     kappa     = (po - pe) / (1 - pe), po = (N - o1 - o2) / N,
                 pe = p1 p2 + (1 - p1)(1 - p2), p1 = (b + o1) / N, p2 = (b + o2) / N
                 (Cohen's kappa at character level, as NVivo computes it; 1
                 when pe is 1)
   and for m coders, Krippendorff's alpha for nominal data, each character
   a unit with m values (coded or not):
     alpha = 1 - (n - 1) D / (n0 n1),  n = N m, n1 the values "coded",
             n0 = n - n1, D = the sum over characters of c (m - c) / (m - 1),
             c the coders who coded it (1 when n0 n1 is 0).
   The pooled row, "(all)", takes every code's characters together as
   units (N times the number of codes). */

/* One code's agreement (code_id 0 and name "(all)": pooled). */
struct analysis_agreement_row {
	int64_t code_id;
	char *name, *path;
	int64_t characters;          /* N */
	int64_t both, first, second; /* b, o1, o2 (two coders) */
	double agreement, kappa;     /* two coders; agreement as a percentage */
	double alpha;
};

/* The agreement of ncoders coders (2 or more, all different) on each
 * code either used in the sources all of them coded, in the codebook's
 * order, then the pooled row: a new array into *rows (*nrows), freed with
 * analysis_agreement_free. JAW_FAIL with err set when fewer than two
 * coders are named, a name repeats, or they coded no source in common
 * (err says so, naming them). */
int analysis_agreement_new(struct jaw_db *db, const char *const *coders, int ncoders,
                           struct analysis_agreement_row **rows, int *nrows, jaw_err *err);
/* Frees rows from analysis_agreement_new. */
void analysis_agreement_free(struct analysis_agreement_row *rows, int nrows);
/* Cohen's kappa, percent agreement (0-100) and Krippendorff's alpha of
 * counts: N characters, both, first and second as above, and for alpha
 * the number of coders m, the values "coded" n1 and the disagreement D. */
void analysis_agreement_figures(struct analysis_agreement_row *r, int m, double n1, double d);

/* ---- saturation -------------------------------------------------------------------

   The coded sources in date order (undated ones last, then by id): how
   many codes each one used for the first time, and the running total of
   codes used so far. When more sources stop adding codes, the themes are
   saturated. */

/* A source's row. */
struct analysis_saturation_row {
	int64_t position;      /* from 1 */
	int64_t source_id;
	char *title, *date;    /* date "" when none */
	int64_t new_codes, total_codes;
	char *codes;           /* the new codes' names, joined by "; " */
};

/* The number of coded sources; -1 with err set. */
int64_t analysis_saturation_count(struct jaw_db *db, jaw_err *err);
/* The number of codes used at all (the last running total); -1 on error. */
int64_t analysis_saturation_total(struct jaw_db *db, jaw_err *err);
/* Reads up to limit rows from offset; returns how many, or -1. Clear each
 * with analysis_saturation_row_clear. */
int analysis_saturation_page(struct jaw_db *db, int64_t offset, int limit,
                             struct analysis_saturation_row *rows, jaw_err *err);
/* Computes every row once into the connection's TEMP table
 * analysis_saturation (replacing what it held), for paging with
 * analysis_saturation_built_page; returns the number of rows, or -1 with
 * err set (interrupted: no table is left). Build again after a change. */
int64_t analysis_saturation_build(struct jaw_db *db, jaw_err *err);
/* Reads up to limit rows from offset of what analysis_saturation_build
 * computed last (a range of its key, however far); returns how many, or
 * -1 with err set (none built). */
int analysis_saturation_built_page(struct jaw_db *db, int64_t offset, int limit,
                                   struct analysis_saturation_row *rows, jaw_err *err);
/* Frees the strings of r and zeroes it. */
void analysis_saturation_row_clear(struct analysis_saturation_row *r);

/* ---- coding the hits of a search ---------------------------------------------------- */

/* What coding a search's hits codes. */
enum analysis_hit_unit {
	ANALYSIS_HIT_WORDS,    /* the matched words themselves */
	ANALYSIS_HIT_SENTENCE, /* the sentence each is in (once, however many it holds) */
};

/* What coding a search's hits did, or would do. */
struct analysis_hits {
	int64_t hits;    /* matches in the sources' text (search_text_each) */
	int64_t sources; /* sources with a match */
	int64_t units;   /* stretches to code: the hits, or their sentences */
	int64_t already; /* of those, the ones coder already coded with the code */
	int64_t coded;   /* coded now */
};

/* Counts query's hits and what coding them as unit would code (already
 * counts those coder coded with code_id before; code_id 0: none). */
int analysis_hits_count(struct jaw_db *db, const char *query, enum analysis_hit_unit unit,
                        const char *coder, int64_t code_id, struct analysis_hits *out,
                        jaw_err *err);
/* Codes every hit of query (or its sentence) with code_id as coder, in
 * one journaled change (one undo takes it all back), leaving out what the
 * coder coded so already. JAW_FAIL with err set when the query has
 * nothing to search for, the code or coder is not valid, or nothing is
 * left to code (then nothing is journaled). */
int analysis_code_hits(struct jaw_db *db, const char *coder, const char *query, int64_t code_id,
                       enum analysis_hit_unit unit, struct analysis_hits *out, jaw_err *err);

/* ---- the tally ------------------------------------------------------------------------

   coding_tally (jaw(5)) holds each code's segments and sources by the
   kind, event, stakeholder and respondent of the sources, kept by
   triggers; the frequencies, crosstabs and co-occurrence read it. */

/* jaw check's step: compares coding_tally with the codings it counts and
 * reports each row that differs. Returns the number of problems, or -1
 * with err set. */
int analysis_tally_check(struct jaw_db *db, db_report_fn report, void *ctx, jaw_err *err);

/* jaw check's step: compares coding_answer_tally (schema version 10) with
 * the codings of survey answers it counts and reports each row that
 * differs. Returns the number of problems, or -1 with err set. */
int analysis_answer_tally_check(struct jaw_db *db, db_report_fn report, void *ctx,
                                jaw_err *err);

/* A cell as a percentage of its row's (by_row) or column's total; 0 when
 * that is 0. */
double analysis_matrix_percent(const struct analysis_matrix *m, int r, int c, bool by_row);
/* Frees m (NULL is fine). */
void analysis_matrix_free(struct analysis_matrix *m);

/* ---- survey questions: the distribution of each Likert item --------------------

   For each Likert column (an item) of every survey, in the order of the
   surveys and their columns: how many respondents gave each answer,
   overall and in each group of respondents that share a value of a survey
   attribute. The answers are the points of the item's scale (a labelled
   scale's labels in the scale's order, every one even when nobody chose
   it; an unlabelled item's whole numbers from the least to the greatest
   given), then the values a labelled scale does not have, then "no
   answer". n, a group's respondents who answered (any value but "no
   answer"), is what percentages are of. Counted by SQL aggregation; the
   table, a few items by a few points by the attribute's values, is held
   in memory. */

/* What an answer of an item's distribution is. */
enum analysis_likert_kind {
	ANALYSIS_LIKERT_POINT,   /* a point of the scale */
	ANALYSIS_LIKERT_OUTSIDE, /* a value the labelled scale does not have */
	ANALYSIS_LIKERT_MISSING, /* no answer (left out of n) */
};

/* One answer and the respondents who gave it, per group. */
struct analysis_likert_point {
	enum analysis_likert_kind kind;
	char *value;     /* as stored, as text ("" for no answer) */
	char *label;     /* the scale's label as written, or "" */
	int64_t *counts; /* per group (struct analysis_likert.ngroups) */
};

/* An item: a Likert column and its distribution. */
struct analysis_likert_item {
	int64_t column_id;
	int64_t survey_id;
	int position;       /* the column's, from 1 */
	int64_t by_column;  /* its survey's column of the attribute, 0 when none */
	int by_position;    /* that column's position, 0 when none */
	char *survey, *label, *question; /* the survey's name, the column's label and heading */
	int npoints;
	struct analysis_likert_point *points;
	int64_t *n;         /* per group: the respondents who answered */
};

/* The table. Group 0 is every respondent; groups 1 and up the values of
 * the attribute, in the crosstab's order ("" for respondents without one,
 * last). */
struct analysis_likert {
	char *attribute;  /* NULL: no group but the first */
	int ngroups;
	char **groups;    /* groups[0] is "(all)" */
	int nitems;
	struct analysis_likert_item *items;
	int64_t max;      /* the largest count of an answer (not "no answer") */
};

/* The distribution of the Likert item labelled question (every survey's
 * column of that label; NULL: every item), by the survey attribute
 * labelled attribute (NULL: overall only): a new table into *out, or
 * JAW_FAIL with err set when no Likert column has that label or no
 * survey has that attribute (err names the labels there are). */
int analysis_likert_new(struct jaw_db *db, const char *question, const char *attribute,
                        struct analysis_likert **out, jaw_err *err);
/* An answer's count as a percentage of the group's n (0 when n is 0);
 * -1 for "no answer", which n leaves out. */
double analysis_likert_percent(const struct analysis_likert_item *it, int point, int group);
/* Frees t (NULL is fine). */
void analysis_likert_free(struct analysis_likert *t);

#endif
