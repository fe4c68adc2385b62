/* view_timeline.c - the timeline pane: phases, milestones and events. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "model.h"
#include "ui.h"
#include "xalloc.h"

static const struct list_column timeline_columns[] = {
	{"Start", 10, 0, 0}, {"Kind", 9, 1, 0}, {"Title", 0, 0, 18}, {"End", 10, 3, 0},
	{"Location", 16, 4, 0}, {"Status", 9, 2, 0}, {"Ev.", 3, 5, 0},
};

static int timeline_fetch(struct jaw_db *db, int64_t offset, int limit, struct list_row *rows,
                          jaw_err *err)
{
	struct timeline_item *items = xcalloc((size_t)limit, sizeof *items);
	int n = model_timeline_page(db, offset, limit, items, err);
	for (int i = 0; i < n; i++) {
		struct timeline_item *it = &items[i];
		struct list_row *r = &rows[i];
		r->id = it->id;
		r->cells[0] = xstrdup(it->start_date);
		r->cells[1] = xstrdup(it->kind);
		r->cells[2] = xstrdup(it->title);
		r->cells[3] = xstrdup(it->end_date);
		r->cells[4] = xstrdup(it->location);
		r->cells[5] = xstrdup(it->status);
		r->cells[6] = xasprintf("%d", it->sources);
		r->detail = xasprintf("%s (%s, %s) %s%s%s%s%s", it->title, it->kind, it->status,
		                      it->start_date, *it->end_date ? " to " : "", it->end_date,
		                      *it->location ? ", " : "", it->location);
		model_timeline_item_clear(it);
	}
	free(items);
	return n;
}

const struct view_ops view_timeline_ops = {
	"timeline", "Timeline", JAWRC_TIMELINE,
	timeline_columns, sizeof timeline_columns / sizeof *timeline_columns,
	model_timeline_count, timeline_fetch,
};
