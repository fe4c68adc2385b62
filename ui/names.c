/* names.c - names typed for records, in forms: a name that several records
 * have (two organisations called "Battlegroup Delta", two events called
 * "Workshop") opens a chooser that tells them apart; the choice is kept
 * for that name and the form is saved again. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "xalloc.h"

enum { NAMES_MAX = 50 };

/* Where a choice goes: the form's context owns both slots. */
struct names_choice {
	int64_t *id;
	char **chosen_for;
	char *name;
};

static void names_choice_free(void *p)
{
	struct names_choice *c = p;
	if (c)
		free(c->name);
	free(c);
}

static int names_picked(struct ui *ui, void *ctx, int64_t id, const struct list_row *row)
{
	(void)row;
	struct names_choice *c = ctx;
	*c->id = id;
	free(*c->chosen_for);
	*c->chosen_for = xstrdup(c->name);
	return form_resubmit(ui);
}

int ui_name_resolve(struct ui *ui, enum model_name_kind kind, const char *name, int64_t *id,
                    char **chosen_for, jaw_err *err)
{
	if (*chosen_for && strcmp(*chosen_for, name) == 0 && *id > 0)
		return JAW_OK;
	struct model_name_match m[NAMES_MAX];
	int n = 0;
	int64_t total = model_name_matches(ui->db, kind, name, NAMES_MAX, m, &n, err);
	if (total < 0)
		return JAW_FAIL;
	if (total == 0)
		return err_set(err, JAW_FAIL, "no %s called \"%s\"", model_name_kind_word(kind), name);
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
	c->id = id;
	c->chosen_for = chosen_for;
	c->name = xstrdup(name);
	chooser_open_items(ui, title, items, ids, n, names_picked, c, names_choice_free);
	for (int i = 0; i < n; i++)
		model_name_match_clear(&m[i]);
	return FORM_ASKED;
}
