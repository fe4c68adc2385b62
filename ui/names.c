/* names.c - names typed for records, in forms: Tab completes a name, Ctrl-P
 * picks the record from a list, and a name that several records have (two
 * organisations called "Battlegroup Delta", two events called "Workshop")
 * opens a chooser that tells them apart; the choice is kept in the field
 * for that name and the form is saved again. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "xalloc.h"

enum { NAMES_MAX = 50 };

/* Where a choice goes: the form's field keeps it. */
struct names_choice {
	struct form_field *fld;
	char *name;
};

static void names_choice_free(void *p)
{
	struct names_choice *c = p;
	if (c)
		free(c->name);
	free(c);
}

/* Keeps id as the record meant by name in fld. */
static void names_keep(struct form_field *fld, int64_t id, const char *name)
{
	fld->chosen = id;
	free(fld->chosen_for);
	fld->chosen_for = xstrdup(name);
}

static int names_picked(struct ui *ui, void *ctx, int64_t id, const struct list_row *row)
{
	(void)row;
	struct names_choice *c = ctx;
	names_keep(c->fld, id, c->name);
	return form_resubmit(ui);
}

int ui_name_resolve(struct ui *ui, struct form_field *fld, int64_t *id, jaw_err *err)
{
	const char *name = fld->value;
	enum model_name_kind kind = fld->kind;
	if (fld->chosen_for && strcmp(fld->chosen_for, name) == 0 && fld->chosen > 0) {
		*id = fld->chosen;
		return JAW_OK;
	}
	struct model_name_match m[NAMES_MAX];
	int n = 0;
	int64_t total = model_name_matches(ui->db, kind, name, NAMES_MAX, m, &n, err);
	if (total < 0)
		return JAW_FAIL;
	if (total == 0)
		return err_set(err, JAW_FAIL, "no %s called \"%s\": Tab completes a name, Ctrl-P"
		               " lists them", model_name_kind_word(kind), name);
	if (total == 1) {
		*id = m[0].id;
		model_name_match_clear(&m[0]);
		return JAW_OK;
	}
	char *items[NAMES_MAX];
	int64_t ids[NAMES_MAX];
	for (int i = 0; i < n; i++) {
		items[i] = m[i].label;
		ids[i] = m[i].id;
	}
	char title[300];
	snprintf(title, sizeof title, " %lld %ss are called \"%.120s\": which one? ",
	         (long long)total, model_name_kind_word(kind), name);
	struct names_choice *c = xcalloc(1, sizeof *c);
	c->fld = fld;
	c->name = xstrdup(name);
	chooser_open_items(ui, title, items, ids, n, names_picked, c, names_choice_free);
	for (int i = 0; i < n; i++)
		model_name_match_clear(&m[i]);
	return FORM_ASKED;
}

bool ui_name_complete(struct ui *ui, struct form_field *fld, const char *typed, int nth,
                      char **name_out)
{
	*name_out = NULL;
	if (!*typed)
		return false;
	jaw_err err;
	err_clear(&err);
	char *name = model_name_complete_new(ui->db, fld->kind, typed, nth, &err);
	if (!name && err.status != JAW_OK) {
		ui_error(ui, err.msg);
		return false;
	}
	if (!name && nth > 0) /* past the last: round again */
		name = model_name_complete_new(ui->db, fld->kind, typed, 0, &err);
	if (!name)
		return false;
	*name_out = name;
	return true;
}

/* ---- the picker: the records of a kind, paged ------------------------------------- */

static int64_t names_count(struct list *l, jaw_err *err)
{
	const enum model_name_kind *kind = l->state;
	return model_names_count(l->db, *kind, l->filter, err);
}

static int names_fetch(struct list *l, int64_t offset, int limit, struct list_row *rows,
                       jaw_err *err)
{
	const enum model_name_kind *kind = l->state;
	struct model_name_match *m = xcalloc((size_t)(limit > 0 ? limit : 1), sizeof *m);
	int n = model_names_page(l->db, *kind, l->filter, offset, limit, m, err);
	for (int i = 0; i < n; i++) {
		rows[i].id = m[i].id;
		rows[i].cells[0] = m[i].label;
		rows[i].detail = m[i].name;
	}
	free(m);
	return n;
}

static const struct list_column names_columns[] = {{"", 0, 0, 10}};

static const struct view_ops names_ops = {
	.name = "names",
	.title = "Names",
	.columns = names_columns,
	.ncolumns = 1,
	.count = names_count,
	.fetch = names_fetch,
	.free_state = free,
	.empty = "",
};

static int names_taken(struct ui *ui, void *ctx, int64_t id, const struct list_row *row)
{
	struct names_choice *c = ctx;
	free(c->fld->value);
	c->fld->value = xstrdup(row->detail ? row->detail : "");
	names_keep(c->fld, id, c->fld->value);
	return form_reload_field(ui);
}

void ui_name_pick(struct ui *ui, struct form_field *fld, const char *typed)
{
	enum model_name_kind *kind = xmalloc(sizeof *kind);
	*kind = fld->kind;
	char title[120];
	snprintf(title, sizeof title, " Pick the %s ", model_name_kind_word(fld->kind));
	struct names_choice *c = xcalloc(1, sizeof *c);
	c->fld = fld;
	chooser_open_filtered(ui, title, &names_ops, kind, typed, names_taken, c, names_choice_free);
}
