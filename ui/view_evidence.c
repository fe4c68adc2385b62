/* view_evidence.c - the evidence list: every source with its links. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "model.h"
#include "ui.h"
#include "xalloc.h"

static const struct list_column evidence_columns[] = {
	{"Date", 10, 0, 0}, {"Kind", 11, 1, 0}, {"Title", 0, 0, 24}, {"Stakeholder", 20, 3, 0},
	{"Event", 20, 4, 0}, {"Cod.", 4, 2, 0},
};

static int evidence_fetch(struct jaw_db *db, int64_t offset, int limit, struct list_row *rows,
                          jaw_err *err)
{
	struct source *items = xcalloc((size_t)limit, sizeof *items);
	int n = model_source_page(db, offset, limit, items, err);
	for (int i = 0; i < n; i++) {
		struct source *s = &items[i];
		struct list_row *r = &rows[i];
		r->id = s->id;
		r->cells[0] = xstrdup(s->source_date);
		r->cells[1] = xstrdup(s->kind);
		r->cells[2] = xstrdup(s->title);
		r->cells[3] = xstrdup(s->stakeholder_name);
		r->cells[4] = xstrdup(s->event_title);
		r->cells[5] = xasprintf("%d", s->codings);
		r->detail = xasprintf("%s (%s %s)%s%s%s%s", s->title, s->kind, s->source_date,
		                      *s->stakeholder_name ? " with " : "", s->stakeholder_name,
		                      *s->event_title ? " at " : "", s->event_title);
		model_source_clear(s);
	}
	free(items);
	return n;
}

const struct view_ops view_evidence_ops = {
	"evidence", "Evidence", JAWRC_EVIDENCE,
	evidence_columns, sizeof evidence_columns / sizeof *evidence_columns,
	model_source_count, evidence_fetch,
};
