/* csvimport_int.h - what the survey planner and importer share (private to
 * csvimport_*.c). */
#ifndef JAW_CSVIMPORT_INT_H
#define JAW_CSVIMPORT_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "csvimport.h"
#include "csvread.h"

/* A known labelled scale: its points in order, each with its spellings
 * separated by '|' (the first is the label stored). */
struct csvimport_scale {
	const char *name;
	int npoints;
	const char *points[7];
};

/* How a Likert column's values become numbers. */
enum csvimport_likert_kind {
	CSVIMPORT_LIKERT_NUMBER,   /* the values are the numbers */
	CSVIMPORT_LIKERT_SCALE,    /* labels of a known scale: 1 for the first point */
	CSVIMPORT_LIKERT_NUMBERED, /* "3 - Sometimes": the number in front */
	CSVIMPORT_LIKERT_GIVEN,    /* labels in the order --scale gives: 1 for the first */
};

/* Slots of a column's table of distinct values (a power of two, at least
 * twice as many as the values tracked). */
#define CSVIMPORT_DISTINCT_BITS 7
#define CSVIMPORT_DISTINCT_SLOTS (1 << CSVIMPORT_DISTINCT_BITS)

/* The planner's private record of a column (csvimport_column.stats). */
struct csvimport_stats {
	bool all_int, all_num, newline; /* all_*: set when the read ends */
	int64_t n_int, n_num;    /* values that are integers, numbers (integers too) */
	int64_t n_email, n_ip;   /* values that are e-mail addresses, IP addresses */
	/* the first value that is not an integer [0], not a number [1]: its
	 * line (0: none) and start */
	int64_t odd_line[2];
	char odd[2][44];
	int64_t total_len;
	size_t max_len;
	/* distinct values while there are few of them */
	int ndistinct;
	bool many;
	char **distinct;
	size_t *distinct_len;
	uint64_t *distinct_hash;
	int distinct_cap;
	/* open addressing: 1 + the index of a distinct value, or 0 */
	unsigned char distinct_slot[CSVIMPORT_DISTINCT_SLOTS];
	/* Likert */
	enum csvimport_likert_kind likert;
	char **given;             /* the labels --scale gives, in order, or NULL */
	int ngiven;
	const struct csvimport_scale *scale;
	int64_t first_empty_line; /* first data row without a value (0: none) */
};

/* True if s[0..len) is an integer JSON can hold as written: an optional
 * minus sign and digits without a leading zero, at most 18 digits (not -0). */
bool csvimport_is_integer(const char *s, size_t len);
/* True if s[0..len) is a number JSON holds and SQLite shows exactly as
 * written: an integer, or a decimal such as -2.5 or 10.0 (not 2.50, 1e3,
 * .5, -0.0, 0.00001 or one of more than 15 digits). */
bool csvimport_is_number(const char *s, size_t len);
/* The scale point (1-based) value is a spelling of, or 0. */
int csvimport_scale_point(const struct csvimport_scale *scale, const char *value, size_t len);
/* Splits "3 - Sometimes" into its number (returned, 0-10) and the label's
 * start and length; returns -1 if value does not have that form. */
int csvimport_numbered(const char *value, size_t len, const char **label, size_t *label_len);
/* The Likert number of a value of column c (by its kind), or -1. */
int csvimport_likert_value(const struct csvimport_column *c, const char *value, size_t len);

/* Recognises the heading rows of a survey tool's export from the first
 * nrows rows (up to 3, each width cells): fills *out and returns true. */
bool csvimport_layout_detect(char *const *const *rows, int nrows, int width,
                             struct csvimport_layout *out);

/* True if s[0..len) looks like an e-mail address (name@host.domain). */
bool csvimport_is_email(const char *s, size_t len);
/* True if s[0..len) is an IPv4 (192.0.2.1) or IPv6 (2001:db8::1) address. */
bool csvimport_is_ip(const char *s, size_t len);
/* What personal data column c holds, by its heading or by most of its
 * values ("e-mail addresses", "names"...), or NULL. */
const char *csvimport_personal(const struct csvimport_column *c);

/* True if a heading names the respondent identifier ("Respondent ID", "id"...). */
bool csvimport_guess_is_id_heading(const char *heading);
/* The first distinct value of c that is not one of the labels --scale
 * gives it, or NULL. */
const char *csvimport_not_given(const struct csvimport_column *c);
/* Decides whether c can be a Likert column (forced: the user says so) and
 * how, and fills in its labels. */
bool csvimport_guess_likert(struct csvimport_column *c, bool forced);
/* The type of an attribute column from its values: a number type when all
 * of them are numbers but a small share (csvimport_outliers). */
enum survey_type csvimport_guess_type(const struct csvimport_column *c);
/* How many values of c are not of its number type (0 for text). */
int64_t csvimport_outliers(const struct csvimport_column *c);
/* Guesses the role and type of c from its heading and values (never id:
 * the planner picks the id column). */
void csvimport_guess_role(struct csvimport_column *c);

/* A plan made from rows someone else reads (the importer's reader thread),
 * the same as csvimport_plan_new would make. */
struct csvimport_planner;
/* Starts a plan of src; NULL with err set (JAW_USAGE) for bad options. */
struct csvimport_planner *csvimport_planner_new(const struct csvread_source *src,
                                                const struct csvimport_options *opt, jaw_err *err);
/* A csvread_row_fn: takes one row of the file, heading rows too. */
int csvimport_planner_row(void *planner, const struct csvread_row *row, jaw_err *err);
/* Ends the plan after a read that returned rc with info; frees planner.
 * Returns the plan, or NULL with err set. */
struct csvimport_plan *csvimport_planner_finish(struct csvimport_planner *planner, int rc,
                                                const struct csvread_info *info, jaw_err *err);
/* Frees a planner that will not be finished (NULL is fine). */
void csvimport_planner_free(struct csvimport_planner *planner);
/* Plans from the first max_rows data rows only: a guess of the plan of the
 * whole file, made quickly. */
struct csvimport_plan *csvimport_plan_sample_new(const struct csvread_source *src,
                                                 const struct csvimport_options *opt,
                                                 int64_t max_rows, jaw_err *err);
/* True if importing by a and by b writes the same: the same columns,
 * roles, types, labels and scales, read the same way. */
bool csvimport_plan_same(const struct csvimport_plan *a, const struct csvimport_plan *b);

#endif
