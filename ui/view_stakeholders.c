/* view_stakeholders.c - the stakeholder register as a tree grouped by
 * organisation, or as a power/interest grid (manage closely, keep
 * satisfied, keep informed, monitor). Add, edit and delete. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attrib.h"
#include "edit.h"
#include "kinds.h"
#include "ui.h"
#include "xalloc.h"

/* One quadrant of the power/interest grid, read when the list is. */
struct stakeholder_quadrant {
	int64_t total;
	struct stakeholder *rows;
	int n;
};

struct stakeholder_state {
	bool grid;
	struct stakeholder_quadrant quad[4]; /* by power * 2 + interest */
	int room;                            /* rows each quadrant was read for */
};

static const struct list_column stakeholder_columns[] = {
	{"Name", 0, 0, 24}, {"Role", 22, 2, 0}, {"P/I", 3, 1, 0}, {"Attitude", 10, 3, 0},
	{"Ev.", 3, 4, 0},
};

static struct stakeholder_state *stakeholder_state(struct list *l)
{
	if (!l->state)
		l->state = xcalloc(1, sizeof(struct stakeholder_state));
	return l->state;
}

static char *stakeholder_power_interest_new(const struct stakeholder *s)
{
	if (s->power == 0 && s->interest == 0)
		return xstrdup("");
	return xasprintf("%c/%c", s->power ? '0' + s->power : '-',
	                 s->interest ? '0' + s->interest : '-');
}

static int64_t stakeholder_count(struct list *l, jaw_err *err)
{
	if (model_stakeholder_prepare_order(l->db, err) != JAW_OK)
		return -1;
	return model_stakeholder_count(l->db, err);
}

/* Adds to a row's detail the attribution that applies to the stakeholder. */
static void stakeholder_detail_attribution(struct list *l, struct list_row *r)
{
	struct attrib_setting a = {0};
	if (attrib_stakeholder_get(l->db, r->id, &a, NULL) == JAW_OK) {
		char *words = ui_attribution_words_new(&a, false);
		char *detail = xasprintf("%s; attribution %s", r->detail, words);
		free(r->detail);
		r->detail = detail;
		free(words);
	}
	attrib_setting_clear(&a);
}

static int stakeholder_fetch(struct list *l, int64_t offset, int limit, struct list_row *rows,
                             jaw_err *err)
{
	struct stakeholder *items = xcalloc((size_t)limit, sizeof *items);
	int n = model_stakeholder_page(l->db, offset, limit, items, err);
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
		r->detail = xasprintf("%s (%s%s%s) %s; power %d, interest %d, %s; %d source%s",
		                      s->name, s->kind, *s->parent_name ? " in " : "",
		                      s->parent_name, s->role, s->power, s->interest, s->attitude,
		                      s->sources, s->sources == 1 ? "" : "s");
		stakeholder_detail_attribution(l, r);
		model_stakeholder_clear(s);
	}
	free(items);
	memo_mark_rows(l, "stakeholder", rows, n, 0, false);
	return n;
}

static int64_t stakeholder_search(struct list *l, const char *text, int64_t from,
                                  enum model_dir dir, jaw_err *err)
{
	return model_stakeholder_search(l->db, text, from, dir, err);
}

static void stakeholder_drop_quadrants(struct stakeholder_state *st)
{
	for (int q = 0; q < 4; q++) {
		for (int i = 0; i < st->quad[q].n; i++)
			model_stakeholder_clear(&st->quad[q].rows[i]);
		free(st->quad[q].rows);
		memset(&st->quad[q], 0, sizeof st->quad[q]);
	}
}

static void stakeholder_free_state(void *p)
{
	struct stakeholder_state *st = p;
	if (st)
		stakeholder_drop_quadrants(st);
	free(st);
}

/* The grid's quadrants, read when the list is (the grid draws them). */
static int stakeholder_update(struct list *l, jaw_err *err)
{
	struct stakeholder_state *st = stakeholder_state(l);
	stakeholder_drop_quadrants(st);
	if (!st->grid)
		return JAW_OK;
	int h = l->h - 2, room = (h - h / 2) - 1;
	st->room = room;
	for (int q = 0; q < 4 && room > 0; q++) {
		bool power = q >= 2, interest = q & 1;
		st->quad[q].total = model_stakeholder_quadrant_count(l->db, power, interest, err);
		if (st->quad[q].total < 0)
			return JAW_FAIL;
		st->quad[q].rows = xcalloc((size_t)room, sizeof *st->quad[q].rows);
		int n = model_stakeholder_quadrant(l->db, power, interest, room, st->quad[q].rows, err);
		if (n < 0)
			return JAW_FAIL;
		st->quad[q].n = n;
	}
	return JAW_OK;
}

/* ---- the power/interest grid ----------------------------------------- */

/* Draws one quadrant: its name, then its stakeholders, strongest first. */
static void stakeholder_draw_quadrant(struct list *l, int y, int x, int h, int w,
                                      bool power, bool interest, const char *name)
{
	const struct stakeholder_quadrant *quad =
		&stakeholder_state(l)->quad[(power ? 2 : 0) + (interest ? 1 : 0)];
	int64_t total = quad->total;
	char head[96];
	snprintf(head, sizeof head, "%s (%lld)", name, (long long)(total > 0 ? total : 0));
	wattrset(l->win, colour_attr(ROLE_QUADRANT));
	wmove(l->win, y, x);
	ui_put(l->win, head, w, false);
	int room = h - 1;
	if (room <= 0)
		return;
	const struct stakeholder *rows = quad->rows;
	int n = quad->n < room ? quad->n : room;
	const struct list_row *sel = list_selected(l);
	for (int i = 0; i < n; i++) {
		bool selected = sel && sel->id == rows[i].id;
		wattrset(l->win, colour_attr(selected ? (l->focused ? ROLE_CURSOR : ROLE_CURSOR_UNFOCUSED)
		                                       : ROLE_NORMAL));
		wmove(l->win, y + 1 + i, x);
		char line[256];
		bool more = i == room - 1 && total > room;
		if (more)
			snprintf(line, sizeof line, "+%lld more", (long long)(total - room + 1));
		else
			snprintf(line, sizeof line, "%d/%d %s", rows[i].power, rows[i].interest,
			         rows[i].name);
		ui_put(l->win, line, w, false);
	}
}

static bool stakeholder_draw_body(struct list *l)
{
	if (!stakeholder_state(l)->grid)
		return false;
	int top = 2, h = l->h - 2, half_h = h / 2, half_w = (l->w - 1) / 2;
	wattrset(l->win, colour_attr(ROLE_HEADER));
	wmove(l->win, 1, 0);
	ui_put(l->win, "Power \u2191 / interest \u2192 (high: 3 or more)", l->w, true);
	stakeholder_draw_quadrant(l, top, 0, half_h, half_w, true, false, "Keep satisfied");
	stakeholder_draw_quadrant(l, top, half_w + 1, half_h, l->w - half_w - 1, true, true,
	                          "Manage closely");
	stakeholder_draw_quadrant(l, top + half_h, 0, h - half_h, half_w, false, false, "Monitor");
	stakeholder_draw_quadrant(l, top + half_h, half_w + 1, h - half_h, l->w - half_w - 1,
	                          false, true, "Keep informed");
	wattrset(l->win, colour_attr(ROLE_DIM));
	mvwvline(l->win, top, half_w, ACS_VLINE, h);
	return true;
}

/* ---- editing ------------------------------------------------------------ */

static const char *const stakeholder_scores[] = {"", "1", "2", "3", "4", "5", NULL};

enum { F_KIND, F_NAME, F_PARENT, F_ROLE, F_POWER, F_INTEREST, F_ATTITUDE, F_CONTACT, F_ATTRIB,
       F_NOTES, F_COUNT };

/* The form's context: the stakeholder edited (0 for a new one). */
struct stakeholder_edit {
	int64_t id;
};

static int stakeholder_save(struct ui *ui, void *ctx, struct form_field *f, jaw_err *err)
{
	struct stakeholder_edit *e = ctx;
	struct stakeholder s = {
		.id = e->id, .kind = f[F_KIND].value, .name = f[F_NAME].value,
		.parent_name = f[F_PARENT].value, .role = f[F_ROLE].value,
		.power = atoi(f[F_POWER].value), .interest = atoi(f[F_INTEREST].value),
		.attitude = f[F_ATTITUDE].value, .contact = f[F_CONTACT].value,
		.notes = f[F_NOTES].value,
	};
	/* An organisation name that did not change keeps the same parent, even
	 * when another organisation has the same name (the field keeps it); a
	 * new one that several have asks which. */
	if (*f[F_PARENT].value) {
		int rc = ui_name_resolve(ui, &f[F_PARENT], &s.parent_id, err);
		if (rc == JAW_FAIL)
			err_prefix(err, *s.name ? s.name : "the stakeholder");
		if (rc != JAW_OK)
			return rc;
	}
	char *coder = ui_coder_new(ui);
	int rc = e->id ? edit_stakeholder_update(ui->db, coder, &s, err)
	               : edit_stakeholder_add(ui->db, coder, &s, err);
	if (rc == JAW_OK && !e->id)
		e->id = s.id; /* saved: a second Enter (after an error below) edits it */
	/* the attribution, when it changed: a change of its own (u undoes it first) */
	struct attrib_setting a = {0};
	const char *want = ui_attribution_stored(f[F_ATTRIB].value);
	if (rc == JAW_OK && (rc = attrib_stakeholder_get(ui->db, e->id, &a, err)) == JAW_OK &&
	    strcmp(a.stored, want) != 0)
		rc = attrib_stakeholder_set(ui->db, coder, e->id, want, err);
	attrib_setting_clear(&a);
	free(coder);
	if (rc != JAW_OK)
		return rc;
	int64_t pos = model_stakeholder_position_of_id(ui->db, s.id ? s.id : e->id, NULL);
	if (pos >= 0)
		list_goto(ui_list(ui, VIEW_STAKEHOLDERS), pos);
	ui_message(ui, "Saved.");
	return JAW_OK;
}

static char *stakeholder_score_new(int v)
{
	return v ? xasprintf("%d", v) : xstrdup("");
}

/* The form's values for stakeholder s (a new one's defaults when NULL),
 * with its attribution a (NULL: the default). */
static void stakeholder_values(const struct stakeholder *s, const struct attrib_setting *a,
                               char **v)
{
	v[F_ATTRIB] = a ? ui_attribution_value_new(a, false) : xstrdup("default");
	v[F_KIND] = xstrdup(s ? s->kind : "person");
	v[F_NAME] = xstrdup(s ? s->name : "");
	v[F_PARENT] = xstrdup(s ? s->parent_name : "");
	v[F_ROLE] = xstrdup(s ? s->role : "");
	v[F_POWER] = stakeholder_score_new(s ? s->power : 0);
	v[F_INTEREST] = stakeholder_score_new(s ? s->interest : 0);
	v[F_ATTITUDE] = xstrdup(s ? s->attitude : "unknown");
	v[F_CONTACT] = xstrdup(s ? s->contact : "");
	v[F_NOTES] = xstrdup(s ? s->notes : "");
}

/* The stakeholder edited as it is now (form_watch). */
static int stakeholder_fresh(struct ui *ui, void *ctx, char **v, jaw_err *err)
{
	const struct stakeholder_edit *e = ctx;
	struct stakeholder *s = model_stakeholder_get_new(ui->db, e->id, err);
	struct attrib_setting a = {0};
	if (!s || attrib_stakeholder_get(ui->db, e->id, &a, err) != JAW_OK) {
		model_stakeholder_free(s);
		return err_set(err, JAW_FAIL, "Someone else deleted this stakeholder since you opened"
		               " the form; Esc closes it.");
	}
	stakeholder_values(s, &a, v);
	attrib_setting_clear(&a);
	model_stakeholder_free(s);
	return JAW_OK;
}

static int stakeholder_form(struct ui *ui, const struct stakeholder *s)
{
	char *v[F_COUNT];
	struct attrib_setting a = {0};
	jaw_err err;
	err_clear(&err);
	if (s && attrib_stakeholder_get(ui->db, s->id, &a, &err) != JAW_OK) {
		ui_error(ui, err.msg);
		return UI_REDRAW;
	}
	stakeholder_values(s, s ? &a : NULL, v);
	attrib_setting_clear(&a);
	struct form_field f[F_COUNT] = {
		{"Kind", kinds_stakeholder_kind, false, .value = v[F_KIND]},
		{"Name", NULL, false, .value = v[F_NAME]},
		{"Organisation", NULL, false, .value = v[F_PARENT], .names = true,
		 .kind = MODEL_NAME_ORGANISATION, .chosen = s ? s->parent_id : 0,
		 .chosen_for = s ? xstrdup(s->parent_name) : NULL},
		{"Role", NULL, false, .value = v[F_ROLE]},
		{"Power (1-5)", stakeholder_scores, false, .value = v[F_POWER]},
		{"Interest (1-5)", stakeholder_scores, false, .value = v[F_INTEREST]},
		{"Attitude", kinds_stakeholder_attitude, false, .value = v[F_ATTITUDE]},
		{"Contact", NULL, false, .value = v[F_CONTACT]},
		{"Attribution", ui_attribution_stakeholder_choices, false, .value = v[F_ATTRIB]},
		{"Notes", NULL, true, .value = v[F_NOTES]},
	};
	struct stakeholder_edit *e = xcalloc(1, sizeof *e);
	e->id = s ? s->id : 0;
	form_open(ui, s ? "Edit stakeholder" : "Add a stakeholder", f, F_COUNT, stakeholder_save, e,
	          free);
	if (s)
		form_watch(ui, stakeholder_fresh);
	return UI_REDRAW;
}

static int stakeholder_delete_yes(struct ui *ui, void *ctx)
{
	struct ui_ref *r = ctx;
	jaw_err err;
	err_clear(&err);
	char *coder = ui_coder_new(ui);
	int rc = edit_stakeholder_delete(ui->db, coder, r->id, &err);
	free(coder);
	return ui_after_change(ui, rc, &err, "Deleted \"%.200s\" (u undoes).", r->name);
}

static int stakeholder_delete(struct ui *ui, struct list *l, struct stakeholder *s)
{
	jaw_err err;
	err_clear(&err);
	int64_t members = model_stakeholder_members(l->db, s->id, &err);
	char q[700], what[300] = "";
	if (s->sources && members > 0)
		snprintf(what, sizeof what, " Its %d source(s) stay without the link to it, and its "
		         "%lld member(s) stay without an organisation.", s->sources, (long long)members);
	else if (s->sources)
		snprintf(what, sizeof what, " Its %d source(s) stay, without the link to it.",
		         s->sources);
	else if (members > 0)
		snprintf(what, sizeof what, " Its %lld member(s) stay, without an organisation.",
		         (long long)members);
	snprintf(q, sizeof q, "Delete %s \"%.200s\"?%s (y/n)", s->kind, s->name, what);
	prompt_confirm(ui, q, stakeholder_delete_yes, ui_ref_new(s->id, s->name), ui_ref_free);
	return UI_REDRAW;
}

static int stakeholder_edit_notes(struct ui *ui, struct list *l, struct stakeholder *s)
{
	if (!ui_edit_text(ui, &s->notes, "stakeholder-notes"))
		return UI_REDRAW;
	free(s->parent_name);
	s->parent_name = NULL; /* keep the parent by its id */
	jaw_err err;
	err_clear(&err);
	char *coder = ui_coder_new(ui);
	int rc = edit_stakeholder_update(l->db, coder, s, &err);
	free(coder);
	return ui_after_change(ui, rc, &err, "Notes saved (u undoes).");
}

/* Enter: the evidence linked to this stakeholder, in the evidence pane. */
static int stakeholder_open(struct ui *ui, struct stakeholder *s)
{
	struct ui_target t = {.view = VIEW_EVIDENCE, .at = -1, .has_filter = true,
	                      .filter = {.stakeholder_id = s->id}};
	snprintf(t.label, sizeof t.label, "with %.200s", s->name);
	ui_request(ui, &t);
	return UI_REDRAW;
}

static int stakeholder_action(struct ui *ui, struct list *l, enum action a)
{
	if (a == ACTION_ADD)
		return stakeholder_form(ui, NULL);
	if (a == ACTION_TOGGLE_VIEW) {
		struct stakeholder_state *st = stakeholder_state(l);
		st->grid = !st->grid;
		list_reload(l);
		return UI_REDRAW | UI_LAYOUT;
	}
	if (a != ACTION_EDIT && a != ACTION_DELETE && a != ACTION_OPEN && a != ACTION_EDIT_NOTES &&
	    a != ACTION_MEMO)
		return -1;
	const struct list_row *row = list_selected(l);
	if (!row) {
		ui_message(ui, "The register is empty: a adds a stakeholder.");
		return UI_REDRAW;
	}
	jaw_err err;
	err_clear(&err);
	struct stakeholder *s = model_stakeholder_get_new(l->db, row->id, &err);
	if (!s) {
		ui_error(ui, err.msg);
		return UI_REDRAW;
	}
	int flags = a == ACTION_EDIT ? stakeholder_form(ui, s)
	          : a == ACTION_MEMO ? ui_memo_write(ui, "stakeholder", s->id, s->name, false)
	          : a == ACTION_DELETE ? stakeholder_delete(ui, l, s)
	          : a == ACTION_OPEN ? stakeholder_open(ui, s) : stakeholder_edit_notes(ui, l, s);
	model_stakeholder_free(s);
	return flags;
}

/* The Details pane lists the evidence from the stakeholder. */
static bool stakeholder_detail_filter(struct list *l, const struct list_row *row,
                                      struct source_filter *f)
{
	(void)l;
	f->stakeholder_id = row->id;
	return true;
}

static const char *stakeholder_describe_state(struct list *l)
{
	return stakeholder_state(l)->grid ? "power/interest grid (v: list)" : NULL;
}

static const struct view_action stakeholder_actions[] = {
	{ACTION_OPEN, 0, "Show the evidence from this stakeholder in the Evidence pane"},
	{ACTION_ADD, 0, "Add an organisation or a person"},
	{ACTION_EDIT, 0, "Edit the selected stakeholder (its attribution: how quotes may name it)"},
	{ACTION_MEMO, 0, "Write your memo on the stakeholder in $VISUAL or $EDITOR (M lists memos)"},
	{ACTION_DELETE, 0, "Delete the selected stakeholder (asks first; its sources and members stay)"},
	{ACTION_UNDO, 0, "Undo your last change to the register (the cursor goes to the stakeholder)"},
	{ACTION_REDO, 0, "Redo the register change you undid"},
	{ACTION_EDIT_NOTES, 0, "Write the stakeholder's notes in $VISUAL or $EDITOR"},
	{ACTION_TOGGLE_VIEW, 0, "Switch between the tree and the power/interest grid"},
};

/* Where stakeholder id is in the register (after an undo). */
static int64_t stakeholder_position_of(struct list *l, int64_t id, jaw_err *err)
{
	return model_stakeholder_position_of_id(l->db, id, err);
}

const struct view_ops view_stakeholders_ops = {
	.name = "stakeholders",
	.title = "Stakeholders",
	.columns = stakeholder_columns,
	.ncolumns = sizeof stakeholder_columns / sizeof *stakeholder_columns,
	.count = stakeholder_count,
	.fetch = stakeholder_fetch,
	.search = stakeholder_search,
	.position_of = stakeholder_position_of,
	.action = stakeholder_action,
	.update = stakeholder_update,
	.draw_body = stakeholder_draw_body,
	.describe_state = stakeholder_describe_state,
	.detail_filter = stakeholder_detail_filter,
	.free_state = stakeholder_free_state,
	.actions = stakeholder_actions,
	.nactions = sizeof stakeholder_actions / sizeof *stakeholder_actions,
};
