/* kinds.h - the words of the project file's enumerations, each listed once.
 *
 * The schema's CHECK constraints (data/schema) accept exactly these words
 * (tests/unit/test_kinds.c holds them to it); the model validates with them, its
 * messages list them, and the views offer them. Each array is
 * NULL-terminated, in the order a form offers the words; membership is
 * model_one_of (model.h). */
#ifndef JAW_KINDS_H
#define JAW_KINDS_H

#include <stddef.h>

/* timeline_item.kind: phase, milestone, event. */
extern const char *const kinds_timeline_kind[];
/* timeline_item.status: planned, active, done, cancelled. */
extern const char *const kinds_timeline_status[];
/* stakeholder.kind: organisation, person. */
extern const char *const kinds_stakeholder_kind[];
/* stakeholder.attitude: supportive, neutral, resistant, unknown. */
extern const char *const kinds_stakeholder_attitude[];
/* source.kind: interview, observation, document, survey_answer. */
extern const char *const kinds_source_kind[];
/* The kinds of source an analyst writes or imports as notes: those of
 * kinds_source_kind but survey_answer (which jaw import-csv makes). */
extern const char *const kinds_note_kind[];
/* survey_column.role: id, attribute, likert, open_text, ignore (in the
 * order of enum survey_role, csvimport.h). */
extern const char *const kinds_column_role[];
/* survey_column.value_type: text, integer, real (enum survey_type). */
extern const char *const kinds_value_type[];
/* finding.status, the lessons process: observation, identified (lesson
 * identified), assigned (action assigned), learned (lesson learned),
 * rejected. */
extern const char *const kinds_finding_status[];
/* stakeholder.attribution and source.attribution (attrib.h): named, role,
 * anonymous. */
extern const char *const kinds_attribution[];
/* memo.target_kind: project, source, code, stakeholder, timeline_item,
 * finding. */
extern const char *const kinds_memo_target[];

/* The number of words in kinds. */
size_t kinds_count(const char *const *kinds);
/* Writes the words for a message into buf: "phase, milestone or event".
 * Returns buf. */
const char *kinds_describe(const char *const *kinds, char *buf, size_t size);

#endif
