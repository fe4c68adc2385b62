/* view_codebook.c - the codebook as a tree: each code with its quick key,
 * number of codings and description; fold and unfold with Space; add, add
 * a child, edit (name, quick key, description, colour), move under another code, merge into
 * another code, delete (says how many codings go with it). Enter lists
 * every segment coded with the code; Enter on a segment opens the reader
 * there. Changes are journaled: u and Ctrl-R undo and redo them; a merge
 * or a move that takes codings with it asks first, saying how many. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codebook.h"
#include "coding.h"
#include "ui.h"
#include "xalloc.h"

struct codebook_state {
	int64_t *collapsed; /* folded codes */
	size_t ncollapsed, cap;
};

/* Cod. counts a code's own codings; Tree, those of the codes below it too
 * (for a code that has some). */
static const struct list_column codebook_columns[] = {
	{"Code", 0, 0, 20}, {"Key", 3, 1, 0}, {"Cod.", 5, 2, 0}, {"Tree", 5, 3, 0},
	{"Description", 40, 4, 0},
};

static struct codebook_state *codebook_state(struct list *l)
{
	if (!l->state)
		l->state = xcalloc(1, sizeof(struct codebook_state));
	return l->state;
}

static void codebook_free_state(void *p)
{
	struct codebook_state *st = p;
	if (st)
		free(st->collapsed);
	free(st);
}

static int64_t codebook_count(struct list *l, jaw_err *err)
{
	struct codebook_state *st = codebook_state(l);
	return codebook_tree_count(l->db, st->collapsed, st->ncollapsed, err);
}

static int codebook_fetch(struct list *l, int64_t offset, int limit, struct list_row *rows,
                          jaw_err *err)
{
	struct codebook_state *st = codebook_state(l);
	struct codebook_row *items = xcalloc((size_t)limit, sizeof *items);
	int n = codebook_tree_page(l->db, st->collapsed, st->ncollapsed, offset, limit, items, err);
	for (int i = 0; i < n; i++) {
		struct codebook_row *c = &items[i];
		struct list_row *r = &rows[i];
		r->id = c->code.id;
		const char *fold = c->children == 0 ? "  " : c->collapsed ? "+ " : "- ";
		r->cells[0] = xasprintf("%*s%s%s", 2 * (c->depth < 8 ? c->depth : 8), "", fold,
		                        c->code.name);
		r->cells[1] = c->code.quick_key ? xasprintf("%d", c->code.quick_key) : xstrdup("");
		r->aux[0] = (long)c->children;
		r->aux[1] = c->collapsed;
		r->aux[2] = (long)c->code.parent_id;
		r->cells[2] = xasprintf("%lld", (long long)c->codings);
		r->cells[3] = c->children ? xasprintf("%lld", (long long)c->with_below) : xstrdup("");
		r->cells[4] = xstrdup(c->code.description);
		if (c->children)
			r->detail = xasprintf("%s: %lld coding%s of its own, %lld with the codes below it;"
			                      " Enter lists those %lld%s%s", c->code.name,
			                      (long long)c->codings, c->codings == 1 ? "" : "s",
			                      (long long)c->with_below, (long long)c->with_below,
			                      *c->code.description ? "; " : "", c->code.description);
		else
			r->detail = xasprintf("%s: %lld coding%s; Enter lists %s%s%s", c->code.name,
			                      (long long)c->codings, c->codings == 1 ? "" : "s",
			                      c->codings == 1 ? "it" : "them",
			                      *c->code.description ? "; " : "", c->code.description);
		codebook_row_clear(c);
	}
	free(items);
	memo_mark_rows(l, "code", rows, n, 0, false);
	return n;
}

static int64_t codebook_search(struct list *l, const char *text, int64_t from,
                               enum model_dir dir, jaw_err *err)
{
	struct codebook_state *st = codebook_state(l);
	return codebook_tree_search(l->db, st->collapsed, st->ncollapsed, text, from, dir, err);
}

/* ---- folding ------------------------------------------------------------- */

static void codebook_toggle(struct list *l, int64_t id)
{
	struct codebook_state *st = codebook_state(l);
	for (size_t i = 0; i < st->ncollapsed; i++) {
		if (st->collapsed[i] == id) {
			st->collapsed[i] = st->collapsed[--st->ncollapsed];
			return;
		}
	}
	if (st->ncollapsed == st->cap)
		st->collapsed = xreallocarray(st->collapsed, st->cap = st->cap ? st->cap * 2 : 16,
		                              sizeof *st->collapsed);
	st->collapsed[st->ncollapsed++] = id;
}

/* Left (h): folds an unfolded code; on any other, goes to its parent.
 * Right (l): unfolds a folded code. */
static int codebook_fold(struct ui *ui, struct list *l, const struct list_row *row, bool fold)
{
	bool folded = row->aux[1] != 0, parent = row->aux[0] > 0;
	if (fold && parent && !folded) {
		codebook_toggle(l, row->id);
		list_reload(l);
	} else if (fold && row->aux[2]) {
		struct codebook_state *st = codebook_state(l);
		jaw_err err;
		err_clear(&err);
		int64_t at = codebook_tree_index(l->db, st->collapsed, st->ncollapsed, row->aux[2], &err);
		if (at >= 0)
			list_goto(l, at);
	} else if (!fold && folded) {
		codebook_toggle(l, row->id);
		list_reload(l);
	} else if (!fold) {
		ui_message(ui, parent ? "Unfolded already." : "No codes below this one.");
	}
	return UI_REDRAW;
}

/* ---- segments ------------------------------------------------------------- */

/* The chooser of segments coded with a code (and its children). */
struct codebook_segments {
	int64_t code_id;
};

static int64_t codebook_segments_count(struct list *l, jaw_err *err)
{
	struct codebook_segments *c = l->state;
	return coding_segments_count_matching(l->db, c->code_id, CODING_WITH_SUBCODES, l->filter, err);
}

static int codebook_segments_fetch(struct list *l, int64_t offset, int limit,
                                   struct list_row *rows, jaw_err *err)
{
	struct codebook_segments *c = l->state;
	struct coding_segment *segs = xcalloc((size_t)limit, sizeof *segs);
	int n = coding_segments_page_matching(l->db, c->code_id, CODING_WITH_SUBCODES, l->filter,
	                                      offset, limit, segs, err);
	for (int i = 0; i < n; i++) {
		char *text = xstrdup(segs[i].text);
		for (char *p = text; *p; p++)
			if (*p == '\n' || *p == '\t')
				*p = ' ';
		rows[i].id = segs[i].coding.id;
		rows[i].aux[0] = (long)segs[i].coding.source_id;
		rows[i].aux[1] = (long)segs[i].coding.start;
		rows[i].cells[0] = xstrdup(text);
		rows[i].cells[1] = xstrdup(segs[i].source_title);
		rows[i].cells[2] = xstrdup(segs[i].stakeholder);
		rows[i].cells[3] = xstrdup(segs[i].coding.code_name);
		rows[i].detail = xasprintf("%s%s%s, %s by %s: %s", segs[i].source_title,
		                           *segs[i].stakeholder ? ", " : "", segs[i].stakeholder,
		                           segs[i].coding.code_name, segs[i].coding.coder, text);
		free(text);
		coding_segment_clear(&segs[i]);
	}
	free(segs);
	return n;
}

/* The text first; its source, stakeholder and code beside it as the
 * window is wider (all of them from about 120 columns). */
static const struct list_column codebook_segment_columns[] = {
	{"Segment", 0, 0, 30}, {"Source", 24, 1, 0}, {"Stakeholder", 18, 2, 0}, {"Code", 18, 3, 0},
};

static const struct view_ops codebook_segments_ops = {
	.name = "segments",
	.title = "Segments",
	.columns = codebook_segment_columns,
	.ncolumns = sizeof codebook_segment_columns / sizeof *codebook_segment_columns,
	.count = codebook_segments_count,
	.fetch = codebook_segments_fetch,
	.free_state = free,
	.empty = "",
};

/* Enter on a segment: the reader, at the segment. */
static int codebook_segment_picked(struct ui *ui, void *ctx, int64_t id, const struct list_row *row)
{
	(void)ctx, (void)id;
	ui_request_source(ui, row->aux[0], row->aux[1]);
	return UI_REDRAW | UI_STAY;
}

/* Lists every segment coded with code id; Enter reads the source there. */
static void codebook_segments(struct ui *ui, int64_t id, const char *name, bool below)
{
	jaw_err err;
	err_clear(&err);
	int64_t n = coding_segments_count(ui->db, id, CODING_WITH_SUBCODES, &err);
	if (n <= 0) {
		ui_message(ui, n < 0 ? "%s" : "Nothing is coded with %s yet.", n < 0 ? err.msg : name);
		return;
	}
	struct codebook_segments *c = xcalloc(1, sizeof *c);
	c->code_id = id;
	char title[300];
	snprintf(title, sizeof title, " %.200s: %lld segment%s%s (Enter reads, q back) ", name,
	         (long long)n, n == 1 ? "" : "s", below ? " with the codes below it" : "");
	chooser_open(ui, title, &codebook_segments_ops, c, codebook_segment_picked, NULL, NULL);
}

/* ---- editing -------------------------------------------------------------- */

static const char *const codebook_keys[] = {"", "1", "2", "3", "4", "5", "6", "7", "8", "9",
                                            NULL};

enum { F_NAME, F_KEY, F_DESCRIPTION, F_COLOUR, F_COUNT };

/* The form's context: the code edited (0 when adding) and its parent. */
struct codebook_edit {
	int64_t id, parent_id;
};

/* Adds the code the form describes, or writes it over the code edited:
 * one journaled change either way (codebook_add, codebook_update). */
static int codebook_save_fields(struct ui *ui, struct codebook_edit *e, const char *coder,
                                struct form_field *f, jaw_err *err)
{
	struct code c = {.parent_id = e->parent_id, .name = f[F_NAME].value,
	                 .description = f[F_DESCRIPTION].value, .colour = f[F_COLOUR].value,
	                 .quick_key = atoi(f[F_KEY].value)};
	if (e->id)
		return codebook_update(ui->db, coder, e->id, &c, err);
	if (codebook_add(ui->db, coder, &c, err) != JAW_OK)
		return JAW_FAIL;
	e->id = c.id;
	return JAW_OK;
}

static int codebook_save(struct ui *ui, void *ctx, struct form_field *f, jaw_err *err)
{
	struct codebook_edit *e = ctx;
	char *coder = ui_coder_new(ui);
	int rc = codebook_save_fields(ui, e, coder, f, err);
	free(coder);
	if (rc != JAW_OK)
		return rc;
	struct list *l = ui_list(ui, VIEW_CODEBOOK);
	struct codebook_state *st = codebook_state(l);
	int64_t pos = codebook_tree_index(ui->db, st->collapsed, st->ncollapsed, e->id, NULL);
	if (pos >= 0)
		list_goto(l, pos);
	ui_message(ui, "Saved (u undoes).");
	return JAW_OK;
}

/* The form's values for code c (a new code's when NULL). */
static void codebook_values(const struct code *c, char **v)
{
	v[F_NAME] = xstrdup(c ? c->name : "");
	v[F_KEY] = c && c->quick_key ? xasprintf("%d", c->quick_key) : xstrdup("");
	v[F_DESCRIPTION] = xstrdup(c ? c->description : "");
	v[F_COLOUR] = xstrdup(c ? c->colour : "");
}

/* The code edited as it is now (form_watch). */
static int codebook_fresh(struct ui *ui, void *ctx, char **v, jaw_err *err)
{
	const struct codebook_edit *e = ctx;
	struct code c = {0};
	if (codebook_get(ui->db, e->id, &c, err) != JAW_OK)
		return err_set(err, JAW_FAIL, "Someone else deleted this code since you opened the"
		               " form; Esc closes it.");
	codebook_values(&c, v);
	codebook_code_clear(&c);
	return JAW_OK;
}

static int codebook_form(struct ui *ui, const struct code *c, int64_t parent)
{
	char *v[F_COUNT];
	codebook_values(c, v);
	struct form_field f[F_COUNT] = {
		{"Name", NULL, false, .value = v[F_NAME]},
		{"Quick key", codebook_keys, false, .value = v[F_KEY]},
		{"Description", NULL, false, .value = v[F_DESCRIPTION]},
		{"Colour (#RRGGBB)", NULL, false, .value = v[F_COLOUR]},
	};
	struct codebook_edit *e = xcalloc(1, sizeof *e);
	e->id = c ? c->id : 0;
	e->parent_id = parent;
	form_open(ui, c ? "Edit code" : parent ? "Add a code under the selected one" : "Add a code",
	          f, F_COUNT, codebook_save, e, free);
	if (c)
		form_watch(ui, codebook_fresh);
	return UI_REDRAW;
}

static int codebook_delete_yes(struct ui *ui, void *ctx)
{
	struct ui_ref *r = ctx;
	jaw_err err;
	err_clear(&err);
	char *coder = ui_coder_new(ui);
	int flags = ui_after_change(ui, codebook_delete(ui->db, coder, r->id, NULL, &err), &err,
	                            "Deleted \"%.200s\" (u undoes).", r->name);
	free(coder);
	return flags;
}

static int codebook_delete_code(struct ui *ui, struct list *l, const struct code *c)
{
	jaw_err err;
	err_clear(&err);
	struct codebook_impact impact;
	if (codebook_delete_impact(l->db, c->id, &impact, &err) != JAW_OK) {
		ui_error(ui, err.msg);
		return UI_REDRAW;
	}
	char q[600];
	snprintf(q, sizeof q, "Delete code \"%.200s\"%s%lld%s and %lld coding%s? u undoes it. (y/n)",
	         c->name, impact.codes ? ", the " : "", (long long)impact.codes,
	         impact.codes ? " code(s) below it" : "", (long long)impact.codings,
	         impact.codings == 1 ? "" : "s");
	if (!impact.codes)
		snprintf(q, sizeof q, "Delete code \"%.200s\" and its %lld coding%s? u undoes it. (y/n)",
		         c->name, (long long)impact.codings, impact.codings == 1 ? "" : "s");
	prompt_confirm(ui, q, codebook_delete_yes, ui_ref_new(c->id, c->name), ui_ref_free);
	return UI_REDRAW;
}

/* A merge or move under way: the code, and the other code picked. */
struct codebook_pick {
	struct ui *ui;
	int64_t id, other;
	char *name, *other_name;
	bool merge;
	bool picked; /* the picker did not end in Esc */
};

static void codebook_pick_free(void *p)
{
	struct codebook_pick *k = p;
	if (!k)
		return;
	if (!k->picked)
		ui_message(k->ui, "%s cancelled: \"%.200s\" stays as it was.",
		           k->merge ? "Merge" : "Move", k->name);
	free(k->name);
	free(k->other_name);
	free(k);
}

/* Merges or moves the code, now that the analyst agreed. */
static int codebook_pick_run(struct ui *ui, void *ctx)
{
	struct codebook_pick *k = ctx;
	k->picked = true; /* (for the question's copy: it was answered y) */
	char *coder = ui_coder_new(ui);
	jaw_err err;
	err_clear(&err);
	int flags;
	if (k->merge) {
		struct codebook_merge_result res = {0};
		int rc = codebook_merge(ui->db, coder, k->id, k->other, &res, &err);
		flags = ui_after_change(ui, rc, &err, "Merged \"%.200s\" into \"%.200s\": %lld"
		                        " coding(s) moved, %lld the same as one there (u undoes).",
		                        k->name, k->other_name, (long long)res.moved,
		                        (long long)res.collapsed);
	} else {
		int rc = codebook_move(ui->db, coder, k->id, k->other, &err);
		flags = ui_after_change(ui, rc, &err, "Moved \"%.200s\" %s%.200s%s (u undoes).",
		                        k->name, k->other ? "under \"" : "to the top",
		                        k->other ? k->other_name : "", k->other ? "\"" : "");
	}
	free(coder);
	return flags;
}

/* The codings a merge recodes (the code's own) or a move carries along
 * (the code's and those of the codes below it); -1 on error. */
static int64_t codebook_pick_codings(struct ui *ui, const struct codebook_pick *k, jaw_err *err)
{
	return coding_segments_count(ui->db, k->id, k->merge ? 0 : CODING_WITH_SUBCODES, err);
}

/* The code picked for M or o: asks first when codings go with the change. */
static int codebook_picked(struct ui *ui, void *ctx, int64_t other, const struct list_row *row)
{
	(void)row;
	struct codebook_pick *k = ctx;
	k->picked = true;
	jaw_err err;
	err_clear(&err);
	k->other = other;
	struct code c = {0};
	int64_t n = -1;
	if (!other || codebook_get(ui->db, other, &c, &err) == JAW_OK) {
		k->other_name = xstrdup(other ? c.name : "");
		n = codebook_pick_codings(ui, k, &err);
	}
	codebook_code_clear(&c);
	if (n < 0) {
		ui_error(ui, err.msg);
		return UI_REDRAW;
	}
	if (n == 0)
		return codebook_pick_run(ui, k);
	struct codebook_pick *ask = xcalloc(1, sizeof *ask);
	*ask = *k;
	ask->picked = false; /* until the question is answered y */
	ask->name = xstrdup(k->name);
	ask->other_name = xstrdup(k->other_name);
	/* short enough for the status bar at 80 columns */
	char q[700];
	if (k->merge)
		snprintf(q, sizeof q, "Merge \"%.200s\" into \"%.200s\"? Its %lld coding%s get that"
		         " code. (y/n)", k->name, k->other_name, (long long)n, n == 1 ? "" : "s");
	else
		snprintf(q, sizeof q, "Move \"%.200s\" and its %lld coding%s %s%.200s%s? (y/n)",
		         k->name, (long long)n, n == 1 ? "" : "s", other ? "under \"" : "to the top",
		         other ? k->other_name : "", other ? "\"" : "");
	prompt_confirm(ui, q, codebook_pick_run, ask, codebook_pick_free);
	return UI_REDRAW;
}

/* M and o: another code picked by name. */
static int codebook_merge_or_move(struct ui *ui, const struct code *c, bool merge)
{
	char *coder = ui_coder_new(ui);
	char title[300];
	snprintf(title, sizeof title, merge ? " Merge \"%.200s\" into which code? (Esc cancels) "
	         : " Move \"%.200s\" under which code? (Esc cancels) ", c->name);
	struct codebook_pick *k = xcalloc(1, sizeof *k);
	k->ui = ui;
	k->id = c->id;
	k->name = xstrdup(c->name);
	k->merge = merge;
	picker_code(ui, title, coder, merge ? 0 : PICKER_TOP, codebook_picked, k, codebook_pick_free);
	free(coder);
	return UI_REDRAW;
}

static int codebook_action(struct ui *ui, struct list *l, enum action a)
{
	const struct list_row *row = list_selected(l);
	if (a == ACTION_ADD)
		return codebook_form(ui, NULL, 0);
	if (a != ACTION_ADD_CHILD && a != ACTION_EDIT && a != ACTION_DELETE && a != ACTION_OPEN &&
	    a != ACTION_MERGE && a != ACTION_MOVE_UNDER && a != ACTION_TOGGLE && a != ACTION_FOLD &&
	    a != ACTION_UNFOLD && a != ACTION_MEMO)
		return -1;
	if (!row) {
		ui_message(ui, "The codebook is empty: a adds a code.");
		return UI_REDRAW;
	}
	if (a == ACTION_TOGGLE) {
		if (row->aux[0] == 0) {
			ui_message(ui, "No codes below this one to fold.");
			return UI_REDRAW;
		}
		codebook_toggle(l, row->id);
		list_reload(l);
		return UI_REDRAW;
	}
	if (a == ACTION_FOLD || a == ACTION_UNFOLD)
		return codebook_fold(ui, l, row, a == ACTION_FOLD);
	jaw_err err;
	err_clear(&err);
	struct code c;
	if (codebook_get(l->db, row->id, &c, &err) != JAW_OK) {
		ui_error(ui, err.msg);
		return UI_REDRAW;
	}
	int flags = UI_REDRAW;
	switch (a) {
	case ACTION_ADD_CHILD: flags = codebook_form(ui, NULL, c.id); break;
	case ACTION_EDIT: flags = codebook_form(ui, &c, c.parent_id); break;
	case ACTION_DELETE: flags = codebook_delete_code(ui, l, &c); break;
	case ACTION_OPEN: codebook_segments(ui, c.id, c.name, row->aux[0] > 0); break;
	case ACTION_MERGE: flags = codebook_merge_or_move(ui, &c, true); break;
	case ACTION_MEMO: flags = ui_memo_write(ui, "code", c.id, c.name, false); break;
	default: flags = codebook_merge_or_move(ui, &c, false); break;
	}
	codebook_code_clear(&c);
	return flags;
}

static const struct view_action codebook_actions[] = {
	{ACTION_OPEN, 0, "List every segment coded with the code and the codes below it"},
	{ACTION_TOGGLE, 0, "Fold or unfold the codes below the selected one"},
	{ACTION_FOLD, 0, "Fold the codes below the selected one; on a folded code or one"
	 " without codes below, go to its parent"},
	{ACTION_UNFOLD, 0, "Unfold the codes below the selected one"},
	{ACTION_ADD, 0, "Add a code at the top of the codebook"},
	{ACTION_ADD_CHILD, 0, "Add a code below the selected one"},
	{ACTION_EDIT, 0, "Edit the code: name, quick key, description, colour"},
	{ACTION_DELETE, 0, "Delete the code, the codes below it and their codings (asks first)"},
	{ACTION_UNDO, 0, "Undo your last change to the codebook (add, edit, move, merge, delete)"},
	{ACTION_REDO, 0, "Redo the codebook change you undid"},
	{ACTION_MERGE, 0, "Merge the code into another: its codings move there"},
	{ACTION_MOVE_UNDER, 0, "Move the code under another, or to the top"},
	{ACTION_MEMO, 0, "Write your memo on the code in $VISUAL or $EDITOR (M lists memos)"},
};

/* Where code id is in the tree as folded (after an undo). */
static int64_t codebook_position_of(struct list *l, int64_t id, jaw_err *err)
{
	struct codebook_state *st = codebook_state(l);
	return codebook_tree_index(l->db, st->collapsed, st->ncollapsed, id, err);
}

const struct view_ops view_codebook_ops = {
	.name = "codebook",
	.title = "Codebook",
	.columns = codebook_columns,
	.ncolumns = sizeof codebook_columns / sizeof *codebook_columns,
	.count = codebook_count,
	.fetch = codebook_fetch,
	.search = codebook_search,
	.position_of = codebook_position_of,
	.action = codebook_action,
	.free_state = codebook_free_state,
	.actions = codebook_actions,
	.nactions = sizeof codebook_actions / sizeof *codebook_actions,
};
