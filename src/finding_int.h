/* finding_int.h - inside findings: what finding.c and finding_cite.c
 * share. */
#ifndef JAW_FINDING_INT_H
#define JAW_FINDING_INT_H

#include <stdbool.h>

#include "finding.h"

/* SQL: the enum citation_state of citation alias e whose source is alias s
 * (LEFT JOINed on e.source_id): lost when the source, or the coding it was
 * cited from, is gone; changed when the source's text there is not the
 * quote. */
#define CITATION_STATE_SQL                                                                  \
	"(CASE WHEN e.source_id IS NULL OR (e.cited_coding IS NOT NULL AND e.coding_id IS NULL)" \
	" THEN 2 WHEN substr(s.text, e.start_cp + 1, e.end_cp - e.start_cp) IS NOT e.quote"     \
	" THEN 1 ELSE 0 END)"

/* SQL: the strength of the evidence of each finding as finding_id,
 * citations, sources, organisations, stakeholders, respondents, changed,
 * lost (struct finding_strength), from citations e with sources s and
 * stakeholders st; a query adds WHERE or GROUP BY e.finding_id. */
#define FINDING_STRENGTH_SQL                                                                 \
	"SELECT e.finding_id AS finding_id, count(*) AS citations, count(DISTINCT s.id) AS sources," \
	" count(DISTINCT CASE st.kind WHEN 'organisation' THEN st.id ELSE st.parent_id END)"     \
	" AS organisations, count(DISTINCT s.stakeholder_id) AS stakeholders,"                   \
	" count(DISTINCT s.respondent_id) AS respondents,"                                       \
	" coalesce(sum(" CITATION_STATE_SQL " = 1), 0) AS changed,"                              \
	" coalesce(sum(" CITATION_STATE_SQL " = 2), 0) AS lost"                                  \
	" FROM finding_evidence e LEFT JOIN source s ON s.id = e.source_id"                      \
	" AND (e.cited_coding IS NULL OR e.coding_id IS NOT NULL)"                               \
	" LEFT JOIN stakeholder st ON st.id = s.stakeholder_id"

/* Checks a text field called what: valid UTF-8 and, without control
 * characters (one_line: no line breaks or tabs either); NULL is fine. */
int finding_text_check(const char *what, const char *text, bool one_line, jaw_err *err);
/* JAW_OK if finding id exists, else JAW_FAIL with err "no finding ID". */
int finding_exists(struct jaw_db *db, int64_t id, jaw_err *err);

#endif
