/* model.h - queries and changes on the domain model. Lists are read a page
 * at a time (count + LIMIT/OFFSET in a stable order); nothing here loads a
 * whole table. Each change is its own transaction unless the caller has one
 * open. */
#ifndef JAW_MODEL_H
#define JAW_MODEL_H

#include <stdbool.h>
#include <stdint.h>

#include "db.h"
#include "err.h"

/* ---- helpers ---------------------------------------------------------- */

/* SQL for the title of source row alias s as shown: survey answers store
 * none (an empty title); theirs is "RESPONDENT: QUESTION". */
#define MODEL_SOURCE_TITLE(s)                                                        \
	"coalesce(nullif(" s ".title, ''), (SELECT r.external_id || ': ' || q.label"       \
	" FROM respondent r JOIN survey_column q ON q.id = " s ".column_id"                \
	" WHERE r.id = " s ".respondent_id), '')"

/* Returns the first value of a one-row, one-column count query, -1 on error. */
int64_t model_scalar(struct jaw_db *db, const char *sql, jaw_err *err);
/* True if value is one of the NULL-terminated allowed strings. */
bool model_one_of(const char *value, const char *const *allowed);
/* Binds a query's own parameters (filters) before paging; may be NULL. */
typedef void (*model_bind_fn)(sqlite3_stmt *stmt, const void *ctx);
/* Reads one row of a page query into row. */
typedef void (*model_read_fn)(sqlite3_stmt *stmt, void *row);
/* Frees what model_read_fn put into row. */
typedef void (*model_clear_fn)(void *row);
/* Runs a page query (sql ends in "LIMIT ? OFFSET ?"), reading up to limit
 * rows of row_size bytes into rows with read. Returns how many, or -1 with
 * err set and nothing left allocated. */
int model_read_page(struct jaw_db *db, const char *sql, int64_t offset, int limit, void *rows,
                    size_t row_size, model_read_fn read, model_clear_fn clear, jaw_err *err);
/* Like model_read_page, with bind(stmt, ctx) binding the other parameters. */
int model_read_page_bound(struct jaw_db *db, const char *sql, model_bind_fn bind,
                          const void *ctx, int64_t offset, int limit, void *rows,
                          size_t row_size, model_read_fn read, model_clear_fn clear,
                          jaw_err *err);
/* Runs a count query whose other parameters bind binds; -1 on error. */
int64_t model_count_bound(struct jaw_db *db, const char *sql, model_bind_fn bind,
                          const void *ctx, jaw_err *err);
/* The direction of a search through a list (see search.h). */
enum model_dir { MODEL_FORWARD = 1, MODEL_BACKWARD = -1 };
/* Runs sql with text bound to ?1; returns the integer of the first row,
 * 0 if there is no row, -1 on error. */
int64_t model_find_id(struct jaw_db *db, const char *sql, const char *text, jaw_err *err);

/* ---- names typed for records (model_names.c) ---------------------------- */

/* The kinds of record a name is typed for. */
enum model_name_kind {
	MODEL_NAME_ORGANISATION, /* a stakeholder that is an organisation */
	MODEL_NAME_STAKEHOLDER,
	MODEL_NAME_EVENT,        /* a timeline item */
	MODEL_NAME_CODE,
	MODEL_NAME_KINDS
};

/* A record a name may mean, with a label that tells it from others of the
 * same name ("Battlegroup Delta (in Brigade South)", "Workshop (event,
 * 2026-09-28)", "Cross-cutting/Training"). */
struct model_name_match {
	int64_t id;
	char *label;
	char *name; /* model_names_page only: the name itself */
};

/* The records of kind called exactly name, or if none is, those called
 * name but for case and accents (fold.h): fills up to limit of them into
 * rows (*nrows) in id order and returns how many there are in all (0 if
 * none), or -1 with err set. */
int64_t model_name_matches(struct jaw_db *db, enum model_name_kind kind, const char *name,
                           int limit, struct model_name_match *rows, int *nrows, jaw_err *err);
/* Frees the label of m. */
void model_name_match_clear(struct model_name_match *m);
/* The one record of kind that value names, for the command line: "#ID"
 * (checked to exist), or a name as model_name_matches finds it. Returns
 * its id; 0 with err set when none is, or when several are (err lists
 * them with their ids, to name one as "#ID"); -1 on a database error. */
int64_t model_name_resolve(struct jaw_db *db, enum model_name_kind kind, const char *value,
                           jaw_err *err);
/* The records of kind whose name or label holds filter (as list search
 * matches; all when filter is NULL or empty): how many, or -1. */
int64_t model_names_count(struct jaw_db *db, enum model_name_kind kind, const char *filter,
                          jaw_err *err);
/* A page of those records, in the order of their folded names, labelled
 * as model_name_matches labels them; returns how many rows, or -1. */
int model_names_page(struct jaw_db *db, enum model_name_kind kind, const char *filter,
                     int64_t offset, int limit, struct model_name_match *rows, jaw_err *err);
/* Completes typed: the nth (from 0) of the distinct names of records of
 * kind that begin with typed, ignoring case and accents, in their folded
 * order (newly allocated); NULL when there is no nth one (err untouched)
 * or on error (err set). */
char *model_name_complete_new(struct jaw_db *db, enum model_name_kind kind, const char *typed,
                              int nth, jaw_err *err);
/* "organisation", "stakeholder", "timeline item", "code". */
const char *model_name_kind_word(enum model_name_kind kind);

/* ---- project ---------------------------------------------------------- */

/* The project record. */
struct project {
	char *title, *aim, *sponsor, *start_date, *end_date;
};

/* Writes the project record (there is one per file). */
int model_project_set(struct jaw_db *db, const struct project *p, jaw_err *err);
/* Reads the project record into a newly allocated struct (NULL on error). */
struct project *model_project_get_new(struct jaw_db *db, jaw_err *err);
/* Frees a project from model_project_get_new. */
void model_project_free(struct project *p);

/* ---- timeline --------------------------------------------------------- */

/* A timeline item: a phase, milestone or event. end_date is "" when none. */
struct timeline_item {
	int64_t id;
	char *kind, *title, *start_date, *end_date, *location, *status, *notes;
	int sources; /* evidence gathered at this item (read only) */
};

/* Validates and inserts item; its id is stored in item->id. */
int model_timeline_add(struct jaw_db *db, struct timeline_item *item, jaw_err *err);
/* Number of timeline items. */
int64_t model_timeline_count(struct jaw_db *db, jaw_err *err);
/* Reads up to limit items from offset in date order into rows (caller frees
 * each with model_timeline_item_clear). Returns how many, or -1. */
int model_timeline_page(struct jaw_db *db, int64_t offset, int limit,
                        struct timeline_item *rows, jaw_err *err);
/* Frees the strings of item. */
void model_timeline_item_clear(struct timeline_item *item);
/* Finds an item by exact title; returns its id, 0 if none, -1 on error. */
int64_t model_timeline_find(struct jaw_db *db, const char *title, jaw_err *err);
/* Reads one item into a newly allocated struct (NULL with err if none). */
struct timeline_item *model_timeline_get_new(struct jaw_db *db, int64_t id, jaw_err *err);
/* Frees an item from model_timeline_get_new. */
void model_timeline_item_free(struct timeline_item *item);
/* Validates and writes item over the item with item->id. */
int model_timeline_update(struct jaw_db *db, const struct timeline_item *item, jaw_err *err);
/* Deletes an item; evidence gathered there loses its link to it. */
int model_timeline_delete(struct jaw_db *db, int64_t id, jaw_err *err);
/* The list position (from 0) of the first item starting on or after date,
 * or of the last item if none does; -1 on error. */
int64_t model_timeline_position_of_date(struct jaw_db *db, const char *date, jaw_err *err);
/* The list position of the item with id, -1 if none or on error. */
int64_t model_timeline_position_of_id(struct jaw_db *db, int64_t id, jaw_err *err);
/* Searches titles and locations: the position of the next item after
 * from (before it, backward) that holds text, wrapping round (see
 * search.h); -1 if none does, -2 on error. */
int64_t model_timeline_search(struct jaw_db *db, const char *text, int64_t from,
                              enum model_dir dir, jaw_err *err);
/* The first and last dates of the timeline ("" when empty) into 11-byte buffers. */
int model_timeline_span(struct jaw_db *db, char *first, char *last, jaw_err *err);

/* ---- stakeholders ----------------------------------------------------- */

/* An organisation or person. power/interest are 0 when unknown. */
struct stakeholder {
	int64_t id, parent_id;
	char *kind, *name, *parent_name, *role, *attitude, *contact, *notes;
	int power, interest;
	int sources; /* evidence linked to this stakeholder (read only) */
	int depth;   /* levels below the top of the register (read only) */
};

/* Validates and inserts s; its id is stored in s->id. */
int model_stakeholder_add(struct jaw_db *db, struct stakeholder *s, jaw_err *err);
/* Number of stakeholders. */
int64_t model_stakeholder_count(struct jaw_db *db, jaw_err *err);
/* Reads a page of the register as a tree: each organisation followed by its
 * sub-organisations and people (depth says how deep). Returns how many, or -1. */
int model_stakeholder_page(struct jaw_db *db, int64_t offset, int limit,
                           struct stakeholder *rows, jaw_err *err);
/* Frees the strings of s. */
void model_stakeholder_clear(struct stakeholder *s);
/* Finds a stakeholder by exact name; returns its id, 0 if none, -1 on error. */
int64_t model_stakeholder_find(struct jaw_db *db, const char *name, jaw_err *err);
/* Reads one stakeholder into a newly allocated struct (NULL with err if none). */
struct stakeholder *model_stakeholder_get_new(struct jaw_db *db, int64_t id, jaw_err *err);
/* Frees a stakeholder from model_stakeholder_get_new. */
void model_stakeholder_free(struct stakeholder *s);
/* Validates and writes s over the stakeholder with s->id; refuses a parent
 * that is not an organisation, the stakeholder itself or one of its members.
 * The parent is s->parent_name when that is not NULL ("" for none), else
 * s->parent_id. */
int model_stakeholder_update(struct jaw_db *db, struct stakeholder *s, jaw_err *err);
/* Deletes a stakeholder: its evidence loses the link, its members lose
 * their organisation. */
int model_stakeholder_delete(struct jaw_db *db, int64_t id, jaw_err *err);
/* Number of direct members of an organisation. */
int64_t model_stakeholder_members(struct jaw_db *db, int64_t id, jaw_err *err);
/* The list position of the stakeholder with id, -1 if none or on error. */
int64_t model_stakeholder_position_of_id(struct jaw_db *db, int64_t id, jaw_err *err);
/* Computes the register's order (stakeholder.sort_key) afresh. */
int model_stakeholder_rebuild_order(struct jaw_db *db, jaw_err *err);
/* Computes the order if another tool left rows without one (before paging). */
int model_stakeholder_prepare_order(struct jaw_db *db, jaw_err *err);
/* Puts stakeholder id, and everything under it, in its place in the order
 * after it was added, renamed or moved. */
int model_stakeholder_rekey(struct jaw_db *db, int64_t id, jaw_err *err);
/* Reads up to limit stakeholders of one quadrant of the power/interest
 * grid (high means 3 or more), strongest first; power and interest must
 * be known. Returns how many, or -1. */
int model_stakeholder_quadrant(struct jaw_db *db, bool high_power, bool high_interest,
                               int limit, struct stakeholder *rows, jaw_err *err);
/* Number of stakeholders in a quadrant (see model_stakeholder_quadrant). */
int64_t model_stakeholder_quadrant_count(struct jaw_db *db, bool high_power,
                                         bool high_interest, jaw_err *err);
/* Searches names and roles (as model_timeline_search searches); first
 * orders rows another tool added, as model_stakeholder_prepare_order. */
int64_t model_stakeholder_search(struct jaw_db *db, const char *text, int64_t from,
                                 enum model_dir dir, jaw_err *err);

/* ---- sources (evidence) ----------------------------------------------- */

/* A source of evidence. In lists, text is NULL (it is read separately). */
struct source {
	int64_t id, stakeholder_id, timeline_item_id;
	char *kind, *title, *text, *source_date, *origin_file;
	char *stakeholder_name, *event_title; /* read only, "" when none */
	int codings;                          /* read only */
};

/* Source id as a list shows it, "TITLE (KIND)" (newly allocated; "" when
 * there is no such source, or on error with err set). */
char *model_source_label_new(struct jaw_db *db, int64_t id, jaw_err *err);
/* Validates and inserts src (text must be valid UTF-8); sets src->id. */
int model_source_add(struct jaw_db *db, struct source *src, jaw_err *err);
/* Which sources a list shows and in what order; zero/NULL fields do not
 * filter. */
struct source_filter {
	const char *kind;
	int64_t stakeholder_id, timeline_item_id, code_id;
	bool by_title; /* sort by title instead of date */
};

/* Number of sources. */
int64_t model_source_count(struct jaw_db *db, jaw_err *err);
/* Number of sources that pass filter (NULL: all). */
int64_t model_source_count_filtered(struct jaw_db *db, const struct source_filter *filter,
                                    jaw_err *err);
/* Reads a page of sources in date order, without their text. */
int model_source_page(struct jaw_db *db, int64_t offset, int limit, struct source *rows,
                      jaw_err *err);
/* Reads a page of the sources that pass filter, in its order. */
int model_source_page_filtered(struct jaw_db *db, const struct source_filter *filter,
                               int64_t offset, int limit, struct source *rows, jaw_err *err);
/* Searches titles, stakeholders and events of the filtered list, in its
 * order (as model_timeline_search searches). */
int64_t model_source_search(struct jaw_db *db, const struct source_filter *filter,
                            const char *text, int64_t from, enum model_dir dir, jaw_err *err);
/* The position of source id in the list filter (NULL: all) shows, in its
 * order; -1 if the list does not show it (or on error, with err set). */
int64_t model_source_position_of_id(struct jaw_db *db, const struct source_filter *filter,
                                    int64_t id, jaw_err *err);
/* Reads one source with its text into a newly allocated struct. */
struct source *model_source_get_new(struct jaw_db *db, int64_t id, jaw_err *err);
/* Writes the title, kind, date and links of src->id (not its text). */
int model_source_update_meta(struct jaw_db *db, const struct source *src, jaw_err *err);
/* Deletes a source with its codings. */
int model_source_delete(struct jaw_db *db, int64_t id, jaw_err *err);
/* Frees the strings of src. */
void model_source_clear(struct source *src);
/* Frees a source from model_source_get_new. */
void model_source_free(struct source *src);
/* Finds a note, observation or document (not a survey answer) whose text
 * is exactly text, through the content hash; returns its id, 0 if none,
 * -1 on error. */
int64_t model_source_find_text(struct jaw_db *db, const char *text, jaw_err *err);

/* ---- codes ------------------------------------------------------------ */

/* A code of the codebook. */
struct code {
	int64_t id, parent_id; /* parent_id 0 at the top */
	char *name, *description, *colour;
	int quick_key; /* 1-9, 0 for none */
	int position;
};

/* (Codes are added and changed through codebook.h, journaled.) */
/* Finds a code by name (anywhere in the tree); id, 0 if none, -1 on error. */
int64_t model_code_find(struct jaw_db *db, const char *name, jaw_err *err);
/* Number of codes. */
int64_t model_code_count(struct jaw_db *db, jaw_err *err);
/* The colour a code is drawn in: its own, or the nearest parent's
 * (#RRGGBB, "" if none up the tree); newly allocated, NULL on error. */
char *model_code_colour_new(struct jaw_db *db, int64_t id, jaw_err *err);

/* ---- surveys (imported with csvimport.h) ------------------------------ */

/* A survey: one imported results file. */
struct survey {
	int64_t id, rows;
	char *name, *origin_file, *imported;
};

/* Number of surveys. */
int64_t model_survey_count(struct jaw_db *db, jaw_err *err);
/* Reads a page of surveys in the order they were imported. */
int model_survey_page(struct jaw_db *db, int64_t offset, int limit, struct survey *rows,
                      jaw_err *err);
/* Frees the strings of s. */
void model_survey_clear(struct survey *s);

/* A respondent of a survey. answers is the JSON array of values (see jaw(5)). */
struct survey_respondent {
	int64_t id, line;
	char *external_id, *answers;
	char *values;     /* attribute and Likert values joined by " | " */
	char *described;  /* "label=value, ..." of the same values */
	int open_answers; /* sources made from this respondent's open answers */
};

/* Number of respondents of a survey. */
int64_t model_respondent_count(struct jaw_db *db, int64_t survey_id, jaw_err *err);
/* Reads a page of a survey's respondents in file order. */
int model_respondent_page(struct jaw_db *db, int64_t survey_id, int64_t offset, int limit,
                          struct survey_respondent *rows, jaw_err *err);
/* The same page counted from the end: the limit respondents before the
 * last from_end ones, in file order (a page near the end of 200,000 without
 * stepping over every respondent before it). */
int model_respondent_page_from_end(struct jaw_db *db, int64_t survey_id, int64_t from_end,
                                   int limit, struct survey_respondent *rows, jaw_err *err);
/* Frees the strings of r. */
void model_respondent_clear(struct survey_respondent *r);
/* Searches a survey's respondents for text in the external id or in an
 * attribute or Likert value as model_respondent_page shows it (its scale
 * label, the value, or "-" when missing): the position of the next
 * respondent after from (before it, backward), wrapping round (see
 * search.h); -1 if none, -2 on error. */
int64_t model_respondent_search(struct jaw_db *db, int64_t survey_id, const char *text,
                                int64_t from, enum model_dir dir, jaw_err *err);

/* One answer of a column and how many respondents gave it. value is ""
 * for "no answer"; label is a Likert scale label or "". */
struct survey_count {
	char *value, *label;
	int64_t count;
};

/* The distribution of the answers in a column (attribute or Likert):
 * numbers in order, text by frequency, "no answer" last. Returns how many
 * rows (at most limit), or -1. */
int model_survey_distribution(struct jaw_db *db, int64_t column_id, int limit,
                              struct survey_count *rows, jaw_err *err);
/* Frees the strings of c. */
void model_survey_count_clear(struct survey_count *c);

/* Codings of a survey's answers counted by a respondent attribute: for
 * each value of the attribute and each code, how many codings and how many
 * respondents. value is "" for respondents without one. */
struct survey_coding_count {
	char *value, *code;
	int64_t code_id, codings, respondents;
};

/* Works out the codings of the open answers of the survey of attribute
 * column column_id, counted by that attribute's value and code, into a
 * TEMP table of the connection, unless it holds them already as the
 * database is now (any change since, on this connection or another, works
 * them out again). The three functions below call it; a caller calls it
 * first to show the progress of the long part (a second at 1,000,000
 * codings) and let Esc cancel it (db_progress_set). */
int model_survey_codings_ready(struct jaw_db *db, int64_t column_id, jaw_err *err);
/* Reads a page of the codings of the open answers of the survey of
 * attribute column column_id, counted by that attribute's value and code. */
int model_survey_codings_by(struct jaw_db *db, int64_t column_id, int64_t offset, int limit,
                            struct survey_coding_count *rows, jaw_err *err);
/* Frees the strings of c. */
void model_survey_coding_count_clear(struct survey_coding_count *c);
/* Number of rows model_survey_codings_by gives for column_id. */
int64_t model_survey_codings_by_count(struct jaw_db *db, int64_t column_id, jaw_err *err);
/* Searches the rows of model_survey_codings_by for text in the value or
 * the code's name (as model_respondent_search searches). */
int64_t model_survey_codings_search(struct jaw_db *db, int64_t column_id, const char *text,
                                    int64_t from, enum model_dir dir, jaw_err *err);

/* A column of a survey. role and value_type are as stored. */
struct survey_column_info {
	int64_t id;
	int position;
	char *label, *question, *role, *value_type;
	int64_t answers; /* open answers (sources) of an open_text column */
};

/* Number of columns of a survey. */
int64_t model_survey_column_count(struct jaw_db *db, int64_t survey_id, jaw_err *err);
/* Reads a page of a survey's columns in file order. */
int model_survey_column_page(struct jaw_db *db, int64_t survey_id, int64_t offset, int limit,
                             struct survey_column_info *rows, jaw_err *err);
/* Reads column id into c; JAW_FAIL with err set if there is none. */
int model_survey_column_get(struct jaw_db *db, int64_t id, struct survey_column_info *c,
                            jaw_err *err);
/* The id of the first column of a survey with role (as stored); 0 if none, -1 on error. */
int64_t model_survey_first_column(struct jaw_db *db, int64_t survey_id, const char *role,
                                  jaw_err *err);
/* Frees the strings of c. */
void model_survey_column_clear(struct survey_column_info *c);
/* Searches a survey's columns for text in the label or the question (as
 * model_respondent_search searches). */
int64_t model_survey_column_search(struct jaw_db *db, int64_t survey_id, const char *text,
                                   int64_t from, enum model_dir dir, jaw_err *err);

/* An open answer of a survey: a source made from one respondent's answer. */
struct survey_answer {
	int64_t source_id;
	char *respondent, *question, *text; /* question: the column's label */
	int64_t codings;
	int64_t start; /* of a coded segment: its start in code points */
};

/* Number of open answers of column column_id. */
int64_t model_survey_answer_count(struct jaw_db *db, int64_t column_id, jaw_err *err);
/* Reads a page of the open answers of column column_id in file order. */
int model_survey_answer_page(struct jaw_db *db, int64_t column_id, int64_t offset, int limit,
                             struct survey_answer *rows, jaw_err *err);
/* The same page counted from the end: the limit answers before the last
 * from_end ones, in file order. */
int model_survey_answer_page_from_end(struct jaw_db *db, int64_t column_id, int64_t from_end,
                                      int limit, struct survey_answer *rows, jaw_err *err);
/* The number of open answers of respondent respondent_id whose question or
 * text contains filter (ASCII case-insensitively; all when NULL or ""). */
int64_t model_respondent_answer_count(struct jaw_db *db, int64_t respondent_id,
                                      const char *filter, jaw_err *err);
/* Reads a page of them in column order. */
int model_respondent_answer_page(struct jaw_db *db, int64_t respondent_id, const char *filter,
                                 int64_t offset, int limit, struct survey_answer *rows,
                                 jaw_err *err);
/* The number of segments coded with code_id in the open answers of
 * respondents whose value in column column_id is value ("": none), as
 * model_survey_codings_by counts them, whose text or respondent contains
 * filter (all when NULL or ""). */
int64_t model_survey_coded_count(struct jaw_db *db, int64_t column_id, const char *value,
                                 int64_t code_id, const char *filter, jaw_err *err);
/* Reads a page of them; text is the coded text. */
int model_survey_coded_page(struct jaw_db *db, int64_t column_id, const char *value,
                            int64_t code_id, const char *filter, int64_t offset, int limit,
                            struct survey_answer *rows, jaw_err *err);
/* Frees the strings of a. */
void model_survey_answer_clear(struct survey_answer *a);
/* Searches the open answers of column column_id (model_survey_answer_page)
 * for text in the answer or the respondent's id (as
 * model_respondent_search searches); the survey's full-text index
 * preselects answers where the text has whole words. */
int64_t model_survey_answer_search(struct jaw_db *db, int64_t column_id, const char *text,
                                   int64_t from, enum model_dir dir, jaw_err *err);


#endif
