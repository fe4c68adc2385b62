/* finding.h - findings and the evidence cited for them.
 *
 * A finding is a lesson in the format Observation -> Discussion ->
 * Conclusion -> Recommendation, with a title, an action body, an owner
 * (an analyst's name), the human-security areas it concerns (codes at the
 * top of the codebook) and a status in the lessons process:
 *
 *   observation -> identified -> assigned -> learned, or rejected
 *   ("observation", "lesson identified", "action assigned",
 *    "lesson learned", "rejected" in words: finding_status_words).
 *
 * A citation is a stretch of a source cited as evidence for a finding,
 * from a coding (citation_add_coding) or any segment (citation_add_segment).
 * It keeps a snapshot of what was cited (the source's id, the stretch in
 * code points, the quoted text, the source's title and kind, the code's
 * path, who cited it and when), so it never dangles:
 *   - deleting the coding or the source keeps the citation and its
 *     snapshot; it is then CITATION_LOST (its source, or the coding it
 *     came from, is gone);
 *   - when the source's text at start..end no longer equals the quote, it
 *     is CITATION_CHANGED.
 * citation_impact says how many citations a deletion would leave lost, so
 * that the interface and the command line can ask first.
 *
 * Every change here is one transaction with its journal entry (journal.h)
 * in the context "findings" (actions finding-*, citation-*): u in the
 * findings view undoes it, jaw log shows who made it. Updates take the
 * record as the caller read it (was) and refuse, naming the fields, when
 * someone changed it since. Lists are read a page at a time (count +
 * page); nothing here loads a whole table. Strings in results are newly
 * allocated; clear a struct with its _clear, free one from _get_new with
 * its _free. */
#ifndef JAW_FINDING_H
#define JAW_FINDING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "err.h"
#include "model.h"

/* ---- findings ------------------------------------------------------------- */

/* How strongly the citations support a finding, computed in SQL: distinct
 * sources, organisations (a cited source's stakeholder if an organisation,
 * else its person's organisation), stakeholders (people and organisations
 * linked to the cited sources) and survey respondents behind the citations
 * that are not lost, and how many citations are changed or lost. */
struct finding_strength {
	int64_t citations;     /* all citations of the finding */
	int64_t sources;       /* distinct sources still there */
	int64_t organisations; /* distinct organisations */
	int64_t stakeholders;  /* distinct stakeholders */
	int64_t respondents;   /* distinct survey respondents */
	int64_t changed;       /* citations whose source's text changed there */
	int64_t lost;          /* citations whose source or coding is gone */
};

/* A finding. On add and update the caller fills the text fields; status
 * NULL or "" means "observation" (on add), owner NULL means "". */
struct finding {
	int64_t id;
	char *title;          /* required, one line */
	char *observation, *discussion, *conclusion, *recommendation;
	char *status;         /* a word of kinds_finding_status */
	char *action_body;    /* who is to act on the recommendation */
	char *owner;          /* the analyst who owns it ("" for none) */
	int64_t position;     /* order in the list and the report (read only) */
	char *created, *updated; /* UTC ISO 8601 (read only) */
	char *areas;          /* the areas' names joined by ", " (read only) */
	struct finding_strength strength; /* (read only) */
};

/* Which findings a list shows; zero/NULL fields do not filter. Lists are
 * in the findings' order (position, then id). */
struct finding_filter {
	const char *status; /* a word of kinds_finding_status */
	const char *owner;
	int64_t area;       /* a code id */
	const char *text;   /* in the title or any ODCR field, ignoring case */
};

/* The status words of kinds_finding_status in words, for display:
 * "observation", "lesson identified", "action assigned", "lesson learned",
 * "rejected"; the word itself if it is none of them. */
const char *finding_status_words(const char *status);
/* Checks a status word; JAW_FAIL with err listing the statuses if it is
 * none. */
int finding_status_check(const char *status, jaw_err *err);

/* Adds f as analyst, after the other findings, with the areas codes[0..n)
 * (each a code at the top of the codebook; NULL/0 for none). Sets f->id. */
int finding_add(struct jaw_db *db, const char *analyst, struct finding *f,
                const int64_t *areas, size_t nareas, jaw_err *err);
/* Writes the title, ODCR, status, action body and owner of f over
 * finding f->id as analyst. was (NULL: no check) is the finding as the
 * caller read it: if the stored one differs from it in one of those fields,
 * nothing is written and err says which fields someone changed since. */
int finding_update(struct jaw_db *db, const char *analyst, const struct finding *f,
                   const struct finding *was, jaw_err *err);
/* Sets finding id's status (a word of kinds_finding_status). */
int finding_set_status(struct jaw_db *db, const char *analyst, int64_t id, const char *status,
                       jaw_err *err);
/* Replaces finding id's areas by codes[0..n); refuses a code that is not
 * at the top of the codebook (naming it and its top) or does not exist. */
int finding_set_areas(struct jaw_db *db, const char *analyst, int64_t id, const int64_t *areas,
                      size_t nareas, jaw_err *err);
/* Moves finding id one place up (MODEL_BACKWARD) or down (MODEL_FORWARD)
 * in the order; at the end of the list it stays. */
int finding_move(struct jaw_db *db, const char *analyst, int64_t id, enum model_dir dir,
                 jaw_err *err);
/* Deletes finding id with its citations, areas and memos (one undo brings
 * all back). */
int finding_delete(struct jaw_db *db, const char *analyst, int64_t id, jaw_err *err);

/* Reads finding id with its areas and strength; NULL with err set if there
 * is none ("no finding N"). */
struct finding *finding_get_new(struct jaw_db *db, int64_t id, jaw_err *err);
/* Frees a finding from finding_get_new (NULL is fine). */
void finding_free(struct finding *f);
/* Frees the strings of f. */
void finding_clear(struct finding *f);
/* The number of findings that pass filter (NULL: all); -1 on error. */
int64_t finding_count(struct jaw_db *db, const struct finding_filter *filter, jaw_err *err);
/* Reads up to limit of them from offset, in order, each with its areas and
 * strength. Returns how many, or -1. */
int finding_page(struct jaw_db *db, const struct finding_filter *filter, int64_t offset,
                 int limit, struct finding *rows, jaw_err *err);
/* The position of finding id in the list filter shows; -1 if not there
 * (or on error, with err set). */
int64_t finding_position_of_id(struct jaw_db *db, const struct finding_filter *filter,
                               int64_t id, jaw_err *err);
/* The strength of finding id's evidence (all zero for none). */
int finding_strength_get(struct jaw_db *db, int64_t id, struct finding_strength *out,
                         jaw_err *err);

/* An area of a finding: a code at the top of the codebook. */
struct finding_area {
	int64_t code_id;
	char *name;
};

/* The number of areas of finding id; -1 on error. */
int64_t finding_area_count(struct jaw_db *db, int64_t id, jaw_err *err);
/* Reads a page of them in the codebook's order. Returns how many, or -1. */
int finding_area_page(struct jaw_db *db, int64_t id, int64_t offset, int limit,
                      struct finding_area *rows, jaw_err *err);
/* Frees the name of a. */
void finding_area_clear(struct finding_area *a);

/* Reports each area of a finding that is no longer a code at the top of
 * the codebook (moved below another since), one line each. Returns how
 * many, or -1 with err set. (A check of jaw check.) */
int finding_check_areas(struct jaw_db *db, db_report_fn report, void *ctx, jaw_err *err);

/* ---- citations -------------------------------------------------------------- */

/* What became of a citation's evidence. */
enum citation_state {
	CITATION_OK,      /* the source still says the quote there */
	CITATION_CHANGED, /* the source's text there is no longer the quote */
	CITATION_LOST,    /* the source, or the coding it came from, is gone */
};

/* A citation of evidence for a finding. */
struct citation {
	int64_t id, finding_id;
	int64_t source_id;    /* 0 once the source is deleted */
	int64_t coding_id;    /* 0 for a segment, or once the coding is deleted */
	int64_t cited_source; /* the snapshot: the source's id when cited */
	int64_t cited_coding; /* the coding's id when cited; 0 for a segment */
	int64_t start, end;   /* the stretch, in code points of the source's text */
	char *quote;          /* the text cited, as it was */
	char *source_title, *source_kind; /* the source's, when cited */
	char *code;           /* the coding's code path when cited ("" for a segment) */
	char *note;           /* the analyst's note on it */
	char *cited_by, *cited; /* who cited it, and when (UTC ISO 8601) */
	enum citation_state state;
	char *provenance;     /* where it comes from, as attribution allows (attrib.h) */
};

/* What a deletion would leave lost. */
enum citation_target {
	CITATION_OF_CODING, /* a coding */
	CITATION_OF_SOURCE, /* a source (with its codings) */
	CITATION_OF_CODE,   /* a code with the codes below it and their codings */
};

/* Cites coding coding_id as evidence for finding finding_id as analyst,
 * with note (NULL: none); *id (if not NULL) gets the citation's id.
 * Refuses an unknown finding or coding, and the same coding twice. */
int citation_add_coding(struct jaw_db *db, const char *analyst, int64_t finding_id,
                        int64_t coding_id, const char *note, int64_t *id, jaw_err *err);
/* Cites characters start..end (code points, end exclusive) of source
 * source_id. Refuses an unknown finding or source, an empty stretch and
 * one beyond the source's end (saying how long it is). */
int citation_add_segment(struct jaw_db *db, const char *analyst, int64_t finding_id,
                         int64_t source_id, int64_t start, int64_t end, const char *note,
                         int64_t *id, jaw_err *err);
/* Sets the note of citation id. */
int citation_set_note(struct jaw_db *db, const char *analyst, int64_t id, const char *note,
                      jaw_err *err);
/* Takes a changed citation's snapshot afresh from its source as it is now
 * (the analyst read the new text and keeps the citation); refuses a lost
 * one. */
int citation_refresh(struct jaw_db *db, const char *analyst, int64_t id, jaw_err *err);
/* Removes citation id from its finding. */
int citation_delete(struct jaw_db *db, const char *analyst, int64_t id, jaw_err *err);

/* Reads citation id; NULL with err set if there is none. */
struct citation *citation_get_new(struct jaw_db *db, int64_t id, jaw_err *err);
/* Frees a citation from citation_get_new (NULL is fine). */
void citation_free(struct citation *c);
/* Frees the strings of c. */
void citation_clear(struct citation *c);
/* The number of citations of finding finding_id; -1 on error. */
int64_t citation_count(struct jaw_db *db, int64_t finding_id, jaw_err *err);
/* Reads up to limit of them from offset, in the order they were cited.
 * Returns how many, or -1. */
int citation_page(struct jaw_db *db, int64_t finding_id, int64_t offset, int limit,
                  struct citation *rows, jaw_err *err);
/* How many citations deleting the coding, source or code id would leave
 * lost (for "delete? y/n"); -1 on error. */
int64_t citation_impact(struct jaw_db *db, enum citation_target target, int64_t id,
                        jaw_err *err);

/* Reports each citation whose kept state (changed or not, schema version
 * 9) is not what its source's text says now, one line each. Returns how
 * many, or -1 with err set. (A check of jaw check.) */
int finding_check_citations(struct jaw_db *db, db_report_fn report, void *ctx, jaw_err *err);

#endif
