/* attrib.h - consent and attribution: how a quote's provenance may name
 * the people it comes from, and the project's marking line.
 *
 * A stakeholder's attribution is one of (kinds_attribution):
 *   named      its name may be given: "Col. A. Jones, 3 Bde legal adviser"
 *              (a person: name, then role, or organisation when no role);
 *              an organisation: its name;
 *   role       its role only, with an article: "a brigade legal adviser"
 *              (the analyst writes the role as it may be printed; an
 *              article already there is kept); without a role, as
 *              anonymous;
 *   anonymous  no name at all, not even its organisation's: a person is
 *              "an interviewee" (in interviews), "a participant" (in
 *              observations) or "an individual"; an organisation "an
 *              organisation".
 * Unset (NULL), it is the default for its kind, which protects people: an
 * organisation named, a person anonymous.
 *
 * A source inherits its stakeholder's attribution unless it has its own
 * (an override either way, for consent given per interview). A source
 * without a stakeholder names no one but by its title, and is named by
 * default: its title (a survey answer: "respondent ID, SURVEY"); set to
 * role or anonymous, it is "an interviewee", "a participant", "a
 * document" or "a survey respondent". A source's provenance is the label
 * with its kind and date: "a brigade legal adviser (interview,
 * 2025-12-05)". A citation whose source is gone is "a deleted source
 * (KIND)": its snapshot's title is not printed, since consent may have
 * changed since.
 *
 * The marking line (project.marking) is a classification or handling
 * caveat the report prints on every page ("" for none). */
#ifndef JAW_ATTRIB_H
#define JAW_ATTRIB_H

#include <sqlite3.h>
#include <stdint.h>

#include "db.h"
#include "err.h"

/* What a label is made from; NULL or "" for what is not there. */
struct attrib_facts {
	const char *source_kind, *source_attribution, *source_title, *source_date;
	const char *stakeholder_kind, *stakeholder_name, *stakeholder_role;
	const char *organisation;  /* the name of a person's organisation */
	const char *stakeholder_attribution;
	const char *respondent, *survey; /* a survey answer's respondent id and survey */
};

/* The attribution that applies to facts: "named", "role" or "anonymous". */
const char *attrib_effective(const struct attrib_facts *facts);
/* Who the evidence comes from, as the attribution allows (newly allocated). */
char *attrib_label_new(const struct attrib_facts *facts);
/* The label with the source's kind and date, "LABEL (interview,
 * 2025-12-05)" (newly allocated). */
char *attrib_provenance_new(const struct attrib_facts *facts);
/* Registers the SQL functions jaw_attrib(WHAT, source_kind,
 * source_attribution, source_title, source_date, stakeholder_kind,
 * stakeholder_name, stakeholder_role, organisation,
 * stakeholder_attribution, respondent, survey), WHAT 0 for the label, 1
 * the provenance, 2 the effective attribution; queries use them through
 * ATTRIB_SQL. */
int attrib_register(sqlite3 *sqlite, jaw_err *err);

/* SQL: the arguments after WHAT of jaw_attrib for source alias x, its
 * stakeholder st, st's organisation org (joined only for a person),
 * respondent r and survey sv. */
#define ATTRIB_ARGS(x, st, org, r, sv)                                                        \
	x ".kind, " x ".attribution, " x ".title, " x ".source_date, " st ".kind, " st ".name, "  \
	st ".role, " org ".name, " st ".attribution, " r ".external_id, " sv ".name"
/* SQL: the joins ATTRIB_ARGS needs for source alias x; a person's
 * organisation only when it may be named itself (an organisation is named
 * unless set otherwise), so a named person's label never names one that
 * may not be. */
#define ATTRIB_JOINS(x, st, org, r, sv)                                                       \
	" LEFT JOIN stakeholder " st " ON " st ".id = " x ".stakeholder_id"                      \
	" LEFT JOIN stakeholder " org " ON " org ".id = " st ".parent_id AND " st ".kind = 'person'" \
	" AND coalesce(" org ".attribution, 'named') = 'named'"                                  \
	" LEFT JOIN respondent " r " ON " r ".id = " x ".respondent_id"                           \
	" LEFT JOIN survey " sv " ON " sv ".id = " r ".survey_id"

/* SQL: jaw_attrib(what, ...) of the source whose id is the SQL expression
 * id (NULL when there is no such source). */
#define ATTRIB_SQL(what, id)                                                                 \
	"(SELECT jaw_attrib(" what ", " ATTRIB_ARGS("x", "st", "org", "r", "sv") ") FROM source x" \
	ATTRIB_JOINS("x", "st", "org", "r", "sv") " WHERE x.id = " id ")"

/* SQL: jaw_attrib(what, ...) of stakeholder alias st alone (no source),
 * with its organisation org (ATTRIB_JOINS's). */
#define ATTRIB_STAKEHOLDER_SQL(what, st, org)                                                \
	"jaw_attrib(" what ", NULL, NULL, NULL, NULL, " st ".kind, " st ".name, " st ".role, "    \
	org ".name, " st ".attribution, NULL, NULL)"

/* SQL: the provenance of citation alias e (a finding_evidence row): its
 * source's, or "a deleted source (KIND)" once the source is gone. */
#define ATTRIB_CITATION_SQL                                                                  \
	"coalesce(" ATTRIB_SQL("1", "e.source_id") ", 'a deleted source (' || CASE e.source_kind" \
	" WHEN 'survey_answer' THEN 'survey answer' WHEN '' THEN 'source' ELSE e.source_kind END" \
	" || ')')"

/* Who source id comes from as attribution allows (newly allocated); NULL
 * with err set if there is no such source. */
char *attrib_source_label_new(struct jaw_db *db, int64_t id, jaw_err *err);
/* Source id's provenance (attrib_provenance_new); NULL with err if none. */
char *attrib_source_provenance_new(struct jaw_db *db, int64_t id, jaw_err *err);
/* Citation id's provenance: its source's, or "a deleted source (KIND)"
 * once the source is gone; NULL with err set if there is no citation id. */
char *attrib_citation_provenance_new(struct jaw_db *db, int64_t id, jaw_err *err);

/* The attribution of a stakeholder or source: as set, and as it applies. */
struct attrib_setting {
	char *stored;    /* "named", "role", "anonymous", or "" when unset */
	char *effective; /* what applies: stored, or the default / inherited */
};

/* Reads stakeholder id's attribution. */
int attrib_stakeholder_get(struct jaw_db *db, int64_t id, struct attrib_setting *out,
                           jaw_err *err);
/* Reads source id's attribution (effective: as attrib_effective). */
int attrib_source_get(struct jaw_db *db, int64_t id, struct attrib_setting *out, jaw_err *err);
/* Frees the strings of s. */
void attrib_setting_clear(struct attrib_setting *s);
/* Sets stakeholder id's attribution as analyst (journaled, context
 * "stakeholders"): a word of kinds_attribution, or NULL/"" for the default
 * of its kind. */
int attrib_stakeholder_set(struct jaw_db *db, const char *analyst, int64_t id,
                           const char *attribution, jaw_err *err);
/* Sets source id's attribution as analyst (journaled, context
 * "evidence"): a word of kinds_attribution, or NULL/"" to inherit. */
int attrib_source_set(struct jaw_db *db, const char *analyst, int64_t id,
                      const char *attribution, jaw_err *err);

/* The project's marking line (newly allocated, "" for none; NULL on error). */
char *attrib_marking_get_new(struct jaw_db *db, jaw_err *err);
/* Sets the marking line as analyst (journaled, context "project"): one
 * line of at most ATTRIB_MARKING_MAX characters without control
 * characters; "" or NULL for none. */
int attrib_marking_set(struct jaw_db *db, const char *analyst, const char *marking,
                       jaw_err *err);
/* The longest marking line, in characters. */
#define ATTRIB_MARKING_MAX 200

#endif
