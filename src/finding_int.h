/* finding_int.h - inside findings: what finding.c and finding_cite.c
 * share. */
#ifndef JAW_FINDING_INT_H
#define JAW_FINDING_INT_H

#include <stdbool.h>

#include "finding.h"

/* SQL: the enum citation_state of citation alias e: lost when its source,
 * or the coding it was cited from, is gone; changed when the source's
 * text there is not the quote (e.changed, kept by triggers since schema
 * version 9: no text is read). */
#define CITATION_STATE_SQL                                                                  \
	"(CASE WHEN e.source_id IS NULL OR (e.cited_coding IS NOT NULL AND e.coding_id IS NULL)" \
	" THEN 2 WHEN e.changed THEN 1 ELSE 0 END)"

/* SQL: a cited source's column col, read from the row for a survey answer
 * (short) and from the index source_note_meta for a note, whose row has
 * the column after its text (schema version 9). */
#define FINDING_SOURCE_COLUMN(col) \
	"(CASE WHEN s.kind = 'survey_answer' THEN s." col " ELSE n." col " END)"

/* SQL: the strength of the evidence of each finding as finding_id,
 * citations, sources, organisations, stakeholders, respondents, changed,
 * lost (struct finding_strength), from citations e with sources s (notes
 * also n) and stakeholders st; a query adds WHERE or GROUP BY
 * e.finding_id. */
#define FINDING_STRENGTH_SQL                                                                 \
	"SELECT e.finding_id AS finding_id, count(*) AS citations, count(DISTINCT s.id) AS sources," \
	" count(DISTINCT CASE st.kind WHEN 'organisation' THEN st.id ELSE st.parent_id END)"     \
	" AS organisations, count(DISTINCT " FINDING_SOURCE_COLUMN("stakeholder_id") ")"         \
	" AS stakeholders, count(DISTINCT " FINDING_SOURCE_COLUMN("respondent_id") ")"           \
	" AS respondents,"                                                                       \
	" coalesce(sum(" CITATION_STATE_SQL " = 1), 0) AS changed,"                              \
	" coalesce(sum(" CITATION_STATE_SQL " = 2), 0) AS lost"                                  \
	" FROM finding_evidence e LEFT JOIN source s ON s.id = e.source_id"                      \
	" AND (e.cited_coding IS NULL OR e.coding_id IS NOT NULL)"                               \
	" LEFT JOIN source n INDEXED BY source_note_meta ON n.id = s.id"                         \
	" AND n.kind <> 'survey_answer'"                                                         \
	" LEFT JOIN stakeholder st ON st.id = " FINDING_SOURCE_COLUMN("stakeholder_id")

/* Checks a text field called what: valid UTF-8 and, without control
 * characters (one_line: no line breaks or tabs either); NULL is fine. */
int finding_text_check(const char *what, const char *text, bool one_line, jaw_err *err);
/* JAW_OK if finding id exists, else JAW_FAIL with err "no finding ID". */
int finding_exists(struct jaw_db *db, int64_t id, jaw_err *err);

#endif
