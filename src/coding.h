/* coding.h - coding the evidence: applying a code to a stretch of a
 * source's text, removing it, writing a memo on it, and finding codings
 * again: those overlapping a range (the stripes beside the reader's lines),
 * the next or previous coded segment, and every segment coded with a code.
 *
 * Offsets are Unicode code points into the source's stored text (UTF-8 with
 * LF line ends), ranges are half open, [start, end): the unit of text.h and
 * of coding.start_cp and coding.end_cp in the project file, so they survive
 * multibyte text, wide characters and combining marks.
 *
 * coding_apply, coding_remove and coding_set_memo are changes an analyst
 * makes: each is one transaction with its journal entry, and can be undone
 * and redone (journal.h). coding_insert is not journaled: it is for
 * importers and the demo. Lists are read a page at a time. */
#ifndef JAW_CODING_H
#define JAW_CODING_H

#include <stdbool.h>
#include <stdint.h>

#include "db.h"
#include "err.h"

/* A coding: code code_id applied to [start, end) of source source_id. */
struct coding {
	int64_t id, source_id, code_id;
	int64_t start, end; /* code points */
	char *coder;        /* who applied it */
	char *created;      /* when (UTC, YYYY-MM-DDTHH:MM:SSZ) */
	char *memo;         /* "" for none */
	char *code_name, *code_colour; /* read only; colour "" for none */
	int code_quick_key;            /* read only; 0 for none */
};

/* Frees the strings of c. */
void coding_clear(struct coding *c);

/* ---- coders -------------------------------------------------------------- */

/* The longest coder name, in bytes. */
#define CODING_CODER_MAX 64

/* The name to record as coder: given if it is not NULL or empty, else the
 * Unix user's login name (getpwuid), else $LOGNAME or $USER, else
 * "analyst". Newly allocated. */
char *coding_coder_new(const char *given);
/* Checks a coder name: not empty, at most CODING_CODER_MAX bytes of UTF-8,
 * no control characters. JAW_USAGE with a message if not. */
int coding_coder_check(const char *coder, jaw_err *err);

/* ---- changes --------------------------------------------------------------- */

/* The length of source source_id's text in code points; -1 with err set if
 * there is no such source. */
int64_t coding_source_length(struct jaw_db *db, int64_t source_id, jaw_err *err);
/* Reports every coding whose range does not fit its source's text
 * (0 <= start < end <= length in code points, SQLite's length()), one line each through
 * report. Returns how many, or -1 with err set. (A check of jaw check.) */
int coding_check_offsets(struct jaw_db *db, db_report_fn report, void *ctx, jaw_err *err);
/* Applies code code_id to [start, end) of source source_id as coder, with
 * memo (NULL for none); journaled. Refuses a range outside the text
 * (0 <= start < end <= length), a missing source or code, and a coding the
 * coder already made (same source, code and range). *id (if not NULL) gets
 * the new coding's id. */
int coding_apply(struct jaw_db *db, const char *coder, int64_t source_id, int64_t start,
                 int64_t end, int64_t code_id, const char *memo, int64_t *id, jaw_err *err);
/* Removes coding id (whoever made it) as coder; journaled. Links of
 * findings to it go with it, and come back on undo. */
int coding_remove(struct jaw_db *db, const char *coder, int64_t id, jaw_err *err);
/* Sets the memo of coding id to memo ("" clears it) as coder; journaled. */
int coding_set_memo(struct jaw_db *db, const char *coder, int64_t id, const char *memo,
                    jaw_err *err);
/* Adds c as it is (c->coder and c->created must be set; created may be ""
 * for now), validated like coding_apply but not journaled; sets c->id. */
int coding_insert(struct jaw_db *db, struct coding *c, jaw_err *err);

/* ---- reading ----------------------------------------------------------------- */

/* Reads coding id into *out (clear it with coding_clear). */
int coding_get(struct jaw_db *db, int64_t id, struct coding *out, jaw_err *err);
/* The number of codings of source_id that overlap [start, end) (codings
 * with start < end' and end > start'); -1 on error. */
int64_t coding_range_count(struct jaw_db *db, int64_t source_id, int64_t start, int64_t end,
                           jaw_err *err);
/* Reads up to limit of those codings from offset, in order of start, end,
 * id. Returns how many, or -1. For a screenful, ask for the range of its
 * first to last display line and sort the codings into lines. */
int coding_range_page(struct jaw_db *db, int64_t source_id, int64_t start, int64_t end,
                      int64_t offset, int limit, struct coding *rows, jaw_err *err);

/* Directions for coding_step. */
enum coding_direction {
	CODING_NEXT, /* the first coding starting after the offset */
	CODING_PREV, /* the last coding starting before the offset */
};

/* Finds the next or previous coded segment of source_id from offset
 * (ordered by start, end, id). Returns 1 and fills *out, 0 if there is
 * none, -1 on error. */
int coding_step(struct jaw_db *db, int64_t source_id, int64_t offset,
                enum coding_direction dir, struct coding *out, jaw_err *err);

/* ---- retrieval ------------------------------------------------------------------ */

/* A coded segment with what it says and where it comes from. */
struct coding_segment {
	struct coding coding;
	char *text;         /* the coded characters, exactly */
	char *source_title; /* the source */
	char *source_kind;
	char *source_date;  /* "" if none */
	int64_t stakeholder_id;
	char *stakeholder;  /* its stakeholder's name, "" if none */
};

/* Flags for the segment lists. */
enum coding_segment_flags {
	CODING_WITH_SUBCODES = 1, /* also segments coded with codes below it */
};

/* The number of segments coded with code_id; -1 on error. */
int64_t coding_segments_count(struct jaw_db *db, int64_t code_id, int flags, jaw_err *err);
/* Reads a page of them, in order of source, start, end. Returns how many,
 * or -1. Clear each with coding_segment_clear. */
int coding_segments_page(struct jaw_db *db, int64_t code_id, int flags, int64_t offset,
                         int limit, struct coding_segment *rows, jaw_err *err);
/* The same two for the segments whose text, source title or stakeholder
 * contains text (ASCII case-insensitively); all of them when text is NULL
 * or "". */
int64_t coding_segments_count_matching(struct jaw_db *db, int64_t code_id, int flags,
                                       const char *text, jaw_err *err);
int coding_segments_page_matching(struct jaw_db *db, int64_t code_id, int flags,
                                  const char *text, int64_t offset, int limit,
                                  struct coding_segment *rows, jaw_err *err);
/* Frees the strings of seg. */
void coding_segment_clear(struct coding_segment *seg);

#endif
