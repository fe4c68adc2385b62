/* view_stakeholders.c - the stakeholder register, grouped by organisation. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "model.h"
#include "ui.h"
#include "xalloc.h"

static const struct list_column stakeholder_columns[] = {
	{"Name", 0, 0, 24}, {"Role", 22, 2, 0}, {"P/I", 3, 1, 0}, {"Attitude", 10, 3, 0}, {"Ev.", 3, 4, 0},
};

static char *stakeholder_power_interest_new(const struct stakeholder *s)
{
	if (s->power == 0 && s->interest == 0)
		return xstrdup("");
	return xasprintf("%c/%c", s->power ? '0' + s->power : '-',
	                 s->interest ? '0' + s->interest : '-');
}

static int stakeholder_fetch(struct jaw_db *db, int64_t offset, int limit,
                             struct list_row *rows, jaw_err *err)
{
	struct stakeholder *items = xcalloc((size_t)limit, sizeof *items);
	int n = model_stakeholder_page(db, offset, limit, items, err);
	for (int i = 0; i < n; i++) {
		struct stakeholder *s = &items[i];
		struct list_row *r = &rows[i];
		r->id = s->id;
		/* Members are indented under their organisation. */
		r->cells[0] = xasprintf("%*s%s", 2 * (s->depth < 8 ? s->depth : 8), "", s->name);
		r->cells[1] = xstrdup(s->role);
		r->cells[2] = stakeholder_power_interest_new(s);
		r->cells[3] = xstrdup(s->attitude);
		r->cells[4] = xasprintf("%d", s->sources);
		r->detail = xasprintf("%s (%s%s%s) %s, power %d, interest %d, %s", s->name, s->kind,
		                      *s->parent_name ? ", " : "", s->parent_name, s->role, s->power,
		                      s->interest, s->attitude);
		model_stakeholder_clear(s);
	}
	free(items);
	return n;
}

const struct view_ops view_stakeholders_ops = {
	"stakeholders", "Stakeholders", JAWRC_STAKEHOLDERS,
	stakeholder_columns, sizeof stakeholder_columns / sizeof *stakeholder_columns,
	model_stakeholder_count, stakeholder_fetch,
};
