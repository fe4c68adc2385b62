/* kinds.c - the words of the project file's enumerations. */
#include "config.h"

#include <stdio.h>

#include "kinds.h"

#define KINDS_NOTE "interview", "observation", "document"

const char *const kinds_timeline_kind[] = {"phase", "milestone", "event", NULL};
const char *const kinds_timeline_status[] = {"planned", "active", "done", "cancelled", NULL};
const char *const kinds_stakeholder_kind[] = {"organisation", "person", NULL};
const char *const kinds_stakeholder_attitude[] = {"supportive", "neutral", "resistant", "unknown",
                                                  NULL};
const char *const kinds_source_kind[] = {KINDS_NOTE, "survey_answer", NULL};
const char *const kinds_note_kind[] = {KINDS_NOTE, NULL};
const char *const kinds_column_role[] = {"id", "attribute", "likert", "open_text", "ignore",
                                         NULL};
const char *const kinds_value_type[] = {"text", "integer", "real", NULL};
const char *const kinds_finding_status[] = {"observation", "identified", "assigned", "learned",
                                            "rejected", NULL};
const char *const kinds_attribution[] = {"named", "role", "anonymous", NULL};
const char *const kinds_memo_target[] = {"project", "source", "code", "stakeholder",
                                         "timeline_item", "finding", NULL};

size_t kinds_count(const char *const *kinds)
{
	size_t n = 0;
	while (kinds[n])
		n++;
	return n;
}

const char *kinds_describe(const char *const *kinds, char *buf, size_t size)
{
	size_t n = kinds_count(kinds), len = 0;
	if (size)
		buf[0] = '\0';
	for (size_t i = 0; i < n && len < size; i++) {
		const char *sep = i == 0 ? "" : i + 1 == n ? " or " : ", ";
		int k = snprintf(buf + len, size - len, "%s%s", sep, kinds[i]);
		len += k > 0 ? (size_t)k : 0;
	}
	return buf;
}
