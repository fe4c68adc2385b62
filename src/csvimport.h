/* csvimport.h - importing survey results from a CSV file, in two steps.
 *
 * csvimport_plan_new reads the whole file once (streaming, flat memory),
 * names its columns and guesses each column's role and type, or takes
 * them from the options; nothing is written. The interface shows the plan
 * and lets the user change roles (csvimport_plan_set_role) before
 * csvimport_run imports the file by the plan in one transaction: all of it
 * or, on any error, nothing. */
#ifndef JAW_CSVIMPORT_H
#define JAW_CSVIMPORT_H

#include <stdbool.h>
#include <stdint.h>

#include "csvread.h"
#include "db.h"
#include "err.h"

/* What a column holds (survey_column.role). */
enum survey_role {
	SURVEY_ROLE_ID,        /* the respondent's identifier */
	SURVEY_ROLE_ATTRIBUTE, /* a category or number that describes the respondent */
	SURVEY_ROLE_LIKERT,    /* an answer on a small ordered scale */
	SURVEY_ROLE_TEXT,      /* an open answer: each one becomes a source */
	SURVEY_ROLE_IGNORE,    /* not imported */
	SURVEY_ROLE_COUNT
};

/* The type of a column's values (survey_column.value_type). */
enum survey_type { SURVEY_TYPE_TEXT, SURVEY_TYPE_INTEGER, SURVEY_TYPE_REAL };

/* The name of a role as stored: "id", "attribute", "likert", "open_text", "ignore". */
const char *survey_role_name(enum survey_role role);
/* The name of a type as stored: "text", "integer", "real". */
const char *survey_type_name(enum survey_type type);

/* Called during a long step: phase ("reading", "importing", "indexing"),
 * work done and total in that phase (bytes, or answers when indexing;
 * total 0 when unknown), and rows so far. */
typedef void (*csvimport_progress_fn)(void *ctx, const char *phase, int64_t done,
                                      int64_t total, int64_t rows);

/* Heading rows at most. */
#define CSVIMPORT_MAX_HEADER_ROWS 10

/* The heading rows of a file: how many, which names the columns and which
 * holds the question text (1-based; 0: the rows' cells are joined into the
 * question), and rows that are neither (bit r for row r). */
struct csvimport_layout {
	const char *name; /* the tool that writes this layout ("Qualtrics"), or NULL */
	int header_rows;
	int names_row, question_row;
	unsigned skip_mask;
};

/* Writes the options that read a file as layout l ("--names-row 1
 * --question-row 2 --skip-rows 3"). */
void csvimport_layout_options(const struct csvimport_layout *l, char *out, size_t size);

/* What the user asked for; zero (and NULL) means "guess". */
struct csvimport_options {
	const char *name;      /* the survey's name; default: the file name without extension */
	const char *encoding;  /* an iconv name such as latin1; default: UTF-8 or a BOM */
	char delimiter;        /* default: detected among , ; tab | */
	int header_rows;       /* rows of headings before the data; default 1, or as the
	                          first rows show (struct csvimport_layout) */
	int names_row;         /* the heading row that names each column (1-based), or 0 */
	int question_row;      /* the heading row with each question's text, or 0 */
	const char *skip_rows; /* heading rows to ignore: a comma-separated list, or NULL */
	/* Columns of personal data to store all the same (COLS as for the
	 * roles); others are not stored (csvimport_column.personal). */
	const char *keep_personal;
	/* Likert columns with their labels in order, numbered from 1:
	 * "COL=LABEL|LABEL|...", several separated by ';', or NULL. */
	const char *scales;
	enum csvread_quote quote; /* default: detected (see csvread_options) */
	bool strict;           /* refuse a quote inside an unquoted field */
	/* Columns given a role, per role: a comma-separated list of header
	 * names or 1-based numbers (ranges such as 7-16 too), or NULL. */
	const char *roles[SURVEY_ROLE_COUNT];
	bool check_ids;        /* the plan also looks for duplicate ids (for a dry run) */
	/* The import's commit leaves its pages in the WAL, without the
	 * checkpoint that would copy them into the project file (hundreds of
	 * MB for a large survey): the caller checkpoints later (jaw
	 * import-csv: a process of its own, once the import is reported). */
	bool defer_checkpoint;
	csvimport_progress_fn progress;
	void *progress_ctx;
};

/* One label of a labelled Likert scale. */
struct csvimport_label {
	int value;
	char *label;
};

/* One column of the file as planned. */
struct csvimport_column {
	int position;              /* 1-based */
	char *label;               /* short, unique heading */
	char *question;            /* the full heading */
	enum survey_role role;
	enum survey_type type;
	bool role_given;           /* set by an option, not guessed */
	const char *reason;        /* why the role was guessed, in words (static) */
	const char *personal;      /* the personal data it holds ("e-mail addresses"), or NULL */
	bool keep;                 /* kept although personal (--keep-personal) */
	int64_t values;            /* non-empty values */
	int distinct;              /* distinct values, or CSVIMPORT_MANY when more */
	double min, max;           /* for numeric columns with values */
	int nlabels;               /* labels of a labelled Likert scale, in order */
	struct csvimport_label *labels;
	void *stats;               /* private to the planner */
};

/* distinct is CSVIMPORT_MANY when a column has more distinct values than it tracks. */
#define CSVIMPORT_MANY 1000

/* A plan: what importing the file would do. */
struct csvimport_plan {
	char *path;                /* the file, or the name of the text read */
	struct csvread_source source; /* what csvimport_run reads again (name: path) */
	char *name;                /* the survey's name */
	bool name_given;           /* given by the user (--name) */
	char delimiter;
	enum csvread_quote quote;  /* the quoting read: CSVREAD_QUOTE_DOUBLE or _NONE */
	char encoding[32];
	int header_rows;
	struct csvimport_layout layout; /* the heading rows as read; name set if recognised */
	char hash[17];             /* XXH64 of the file's bytes, hex */
	int64_t bytes, lines;
	int64_t rows;              /* data rows: respondents */
	int64_t empty_rows;        /* rows skipped because they were empty */
	int64_t answers;           /* non-empty open answers (sources to be made) */
	int ncolumns;
	struct csvimport_column *columns;
	int nproblems;             /* messages worth showing, in file order */
	char **problems;
	int errors;                /* problems that stop an import (duplicate ids) */
	int64_t problems_left_out; /* problems beyond the ones kept */
};

/* Reads path and plans its import. Returns NULL with err set when the file
 * cannot be read as CSV ("FILE line N: WHAT", JAW_FAIL) or an option is
 * wrong (JAW_USAGE). */
struct csvimport_plan *csvimport_plan_new(const char *path, const struct csvimport_options *opt,
                                          jaw_err *err);
/* Like csvimport_plan_new, for any source (a buffer, a descriptor): what it
 * borrows (data, fd) must stay until the plan is freed, and csvimport_run
 * reads it again. Errors name src->name as they would a file. */
struct csvimport_plan *csvimport_plan_source_new(const struct csvread_source *src,
                                                 const struct csvimport_options *opt,
                                                 jaw_err *err);
/* Frees a plan (NULL is fine). */
void csvimport_plan_free(struct csvimport_plan *plan);
/* Gives column position (1-based) a role the user chose; refuses a second
 * id column and a role the column's values cannot take. */
int csvimport_plan_set_role(struct csvimport_plan *plan, int position, enum survey_role role,
                            jaw_err *err);
/* Makes column position (1-based) Likert on the scale labels, "A|B|C"
 * (numbered from 1 in that order, as --scale gives it): the mapping the
 * import stores, values kept as written. Refuses (JAW_USAGE) fewer than
 * two labels, an empty or repeated label, and (JAW_FAIL) a scale without
 * one of the column's values; then the plan is as it was. */
int csvimport_plan_set_scale(struct csvimport_plan *plan, int position, const char *labels,
                             jaw_err *err);
/* Writes the mapping of a labelled Likert column's labels to numbers
 * ("1=Strongly disagree, 2=disagree, ..."), or "" for other columns. */
void csvimport_column_mapping(const struct csvimport_column *c, char *out, size_t size);
/* Counts the plan's columns per role into counts[SURVEY_ROLE_COUNT]. */
void csvimport_plan_role_counts(const struct csvimport_plan *plan, int counts[SURVEY_ROLE_COUNT]);

/* What an import did. */
struct csvimport_result {
	int64_t survey_id;
	int64_t respondents;
	int64_t values;   /* non-empty attribute and Likert values */
	int64_t answers;  /* open answers, each now a source */
	int reads;        /* times csvimport_file read the whole file: 1, or 2 (3 after a wrong guess) */
	double seconds;
};

/* Imports the planned file into db in one transaction, reading it again
 * (it must not have changed). Refuses a file already imported unless the
 * plan's name was given and is new, and a name already taken. On failure
 * nothing is written. */
int csvimport_run(struct jaw_db *db, const struct csvimport_plan *plan,
                  const struct csvimport_options *opt, struct csvimport_result *res,
                  jaw_err *err);

/* Plans and imports path in one step, as csvimport_plan_new and
 * csvimport_run would, reading the file once when it can: by a plan
 * guessed from its first rows, checked against the whole file's plan
 * before the commit (and done again by that plan if they differ). Gives
 * the plan in *plan_out (the caller frees it; it may be set on failure
 * too). Returns JAW_OK, or the status with err set. */
int csvimport_file(struct jaw_db *db, const char *path, const struct csvimport_options *opt,
                   struct csvimport_plan **plan_out, struct csvimport_result *res, jaw_err *err);
/* Like csvimport_file, for any source (see csvimport_plan_source_new). */
int csvimport_source(struct jaw_db *db, const struct csvread_source *src,
                     const struct csvimport_options *opt, struct csvimport_plan **plan_out,
                     struct csvimport_result *res, jaw_err *err);

/* Returns the id of the survey already imported from a file with the
 * plan's content (0 if none, -1 on error), and its name in *name_out
 * (newly allocated) if name_out is not NULL. */
int64_t csvimport_find_imported(struct jaw_db *db, const struct csvimport_plan *plan,
                                char **name_out, jaw_err *err);

/* Returns the number of triggers on the tables an import writes that do
 * something for its new rows (none of jaw's own; a project's own
 * triggers), or -1 on error: with none, the import runs without triggers. */
int64_t csvimport_other_triggers(struct jaw_db *db);

#endif
