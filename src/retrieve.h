/* retrieve.h - retrieval: every segment coded with a code (optionally with
 * the codes below it), with a line of context and where it comes from:
 * the source's title, kind and date, its stakeholder and their
 * organisation, the event, or the survey respondent and their attributes,
 * the coder and the memo. The analysis view's first mode and
 * `jaw retrieve` read the same rows.
 *
 * Which segments is a retrieve_filter, written in the :filter language
 * (filter.h) with these keys:
 *   kind=interview|observation|document|survey_answer
 *   stakeholder=NAME    sources from that stakeholder
 *   organisation=NAME   sources from the organisation, its people and the
 *                       organisations below it (and their people)
 *   event=TITLE         sources gathered at a timeline item
 *   code=NAME           the code (by name or path, as jaw code finds it)
 *   children=yes|no     with the codes below it, or not (the default)
 *   coder=NAME          segments that coder coded
 *   from=DATE to=DATE   sources dated in [from, to] (YYYY-MM-DD); undated
 *                       sources pass neither
 *   with=NAME           sources also coded with that code
 *   overlap=yes|no      with with=: only segments that a coding of that code
 *                       overlaps
 *   LABEL=VALUE         survey answers of respondents whose attribute
 *                       LABEL (any survey's attribute column of that
 *                       label) has VALUE (a Likert value by its number)
 * Names are found as model_name_resolve finds them ("#ID" too). */
#ifndef JAW_RETRIEVE_H
#define JAW_RETRIEVE_H

#include <stdbool.h>
#include <stdint.h>

#include "db.h"
#include "err.h"
#include "filter.h"

/* The attributes a crosstab counts by (analysis.h), for the segments
 * behind one of its cells. */
enum retrieve_attr {
	RETRIEVE_ATTR_NONE,
	RETRIEVE_ATTR_SOURCE_KIND,
	RETRIEVE_ATTR_EVENT,            /* the event's title */
	RETRIEVE_ATTR_STAKEHOLDER_KIND,
	RETRIEVE_ATTR_ROLE,
	RETRIEVE_ATTR_ORGANISATION_DIRECT,
	RETRIEVE_ATTR_ORGANISATION,     /* the top-level organisation's name */
};

/* Which segments to retrieve; zero or NULL fields do not filter. */
/* (A condition added here must also make retrieve_by_code_only, in
 * retrieve.c, false: without conditions, the count comes from the tally.) */
struct retrieve_filter {
	int64_t code_id;         /* 0: segments of every code */
	bool children;           /* also the codes below code_id */
	char *kind;
	int64_t stakeholder_id, organisation_id, timeline_item_id;
	char *coder;
	char *from, *to;         /* YYYY-MM-DD */
	char *attribute, *value; /* a survey attribute's label and value */
	int64_t with_code;       /* sources also coded with this code */
	bool overlap;            /* ... by a coding that overlaps the segment */
	/* the segments whose source has attr_value ("" for none) as the
	 * attribute attr (not in the filter language: a crosstab's cell); for
	 * RETRIEVE_ATTR_ORGANISATION the register's order must be up to date
	 * (model_stakeholder_prepare_order) */
	enum retrieve_attr attr;
	char *attr_value;
	/* the survey answers of respondents whose value in the survey column
	 * answer_column[i] (0: no condition) is answer_value[i] as text (""
	 * for none; NULL for any value at all) (not in the filter language:
	 * the respondents behind a bar of the Likert table, analysis.h) */
	int64_t answer_column[2];
	char *answer_value[2];
};

/* Resolves the pairs of spec (parsed with filter_parse_any) into f, which
 * it clears first and adds to (f->children is kept). JAW_OK, or JAW_FAIL
 * with err naming the key or name that is wrong ("filter: no organisation
 * called \"X\"", "filter: from= is not a date: ...", "filter: no survey
 * attribute called \"nation\""). */
int retrieve_filter_resolve(struct jaw_db *db, const struct filter_spec *spec,
                            struct retrieve_filter *f, jaw_err *err);
/* Parses and resolves text (the :filter language, keys as above). */
int retrieve_filter_parse(struct jaw_db *db, const char *text, struct retrieve_filter *f,
                          jaw_err *err);
/* Frees the strings of f and zeroes it. */
void retrieve_filter_clear(struct retrieve_filter *f);

/* A retrieved segment. Strings are "" when there is none. */
struct retrieve_row {
	int64_t coding_id, source_id, code_id;
	int64_t start, end;     /* code points of the source's text */
	char *code;             /* the code's name */
	char *text;             /* the coded characters, exactly */
	char *before, *after;   /* the rest of its line(s) on each side, cut to
	                         * RETRIEVE_CONTEXT code points with "..." */
	char *source_title, *source_kind, *source_date;
	char *stakeholder, *organisation; /* the source's, and its direct parent */
	char *event;
	char *respondent, *attributes; /* "label=value, ..." of the respondent */
	char *coder, *memo, *created;
};

/* The most code points of context on each side of a segment. */
#define RETRIEVE_CONTEXT 80

/* The number of segments f lets through; -1 with err set. */
int64_t retrieve_count(struct jaw_db *db, const struct retrieve_filter *f, jaw_err *err);
/* Reads up to limit of them from offset, in order of source, start, end
 * (and coding id); returns how many, or -1. Clear each row with
 * retrieve_row_clear. */
int retrieve_page(struct jaw_db *db, const struct retrieve_filter *f, int64_t offset, int limit,
                  struct retrieve_row *rows, jaw_err *err);
/* retrieve_page, knowing there are count segments (retrieve_count): a
 * page nearer the end than the start is read from the end, so that
 * reading it costs its distance from the nearer end. */
int retrieve_page_of(struct jaw_db *db, const struct retrieve_filter *f, int64_t count,
                     int64_t offset, int limit, struct retrieve_row *rows, jaw_err *err);
/* A row's place in the order of retrieve_page. */
struct retrieve_key {
	int64_t source_id, start, end, code_id, coding_id;
};
/* The place of row r. */
void retrieve_key_of(const struct retrieve_row *r, struct retrieve_key *key);
/* Reads up to limit rows next to a row read before (key): those after
 * it, the first skip left out, or (back) those before it, the skip
 * nearest left out, in order either way; its cost is the page's, however
 * far down the key is. Returns how many, -1 with err set, or -2 when
 * that is not quicker than retrieve_page_of (a rare code's segments:
 * read them from an end). */
int retrieve_page_next(struct jaw_db *db, const struct retrieve_filter *f,
                       const struct retrieve_key *key, bool back, int64_t skip, int limit,
                       struct retrieve_row *rows, jaw_err *err);
/* Called with each row by retrieve_each; it may take the row's strings
 * (zeroing the row), which is cleared after. Returns JAW_OK to go on. */
typedef int (*retrieve_fn)(void *ctx, struct retrieve_row *row, jaw_err *err);
/* Calls fn with every segment f lets through, in the order of
 * retrieve_page, reading each source's text once. */
int retrieve_each(struct jaw_db *db, const struct retrieve_filter *f, retrieve_fn fn, void *ctx,
                  jaw_err *err);
/* Frees the strings of r and zeroes it. */
void retrieve_row_clear(struct retrieve_row *r);

struct text;

/* The text of one source, kept while the same source is asked for again
 * (rows come a source at a time). Zero it to begin. */
struct retrieve_text {
	int64_t source_id;
	struct text *text;
};
/* Makes t hold the text of source id (read unless it holds it already);
 * JAW_FAIL with err set when there is no such source. */
int retrieve_text_load(struct jaw_db *db, struct retrieve_text *t, int64_t id, jaw_err *err);
/* Frees what t holds and zeroes it. */
void retrieve_text_clear(struct retrieve_text *t);

#endif
