/* view_codebook.c - the codebook as a tree: each code with its quick key,
 * number of codings and description; fold and unfold with Space; add, add
 * a child, edit (name, quick key), move under another code, merge into
 * another code, delete (says how many codings go with it). Enter lists
 * every segment coded with the code; Enter on a segment opens the reader
 * there. Changes are journaled: u and Ctrl-R undo and redo them. */
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

static const struct list_column codebook_columns[] = {
	{"Code", 0, 0, 20}, {"Key", 3, 1, 0}, {"Cod.", 5, 2, 0}, {"Description", 40, 3, 0},
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
		r->cells[2] = xasprintf("%lld", (long long)c->codings);
		r->cells[3] = xstrdup(c->code.description);
		r->detail = xasprintf("%s: %lld coding%s%s%s; Enter lists them", c->code.name,
		                      (long long)c->codings, c->codings == 1 ? "" : "s",
		                      *c->code.description ? "; " : "", c->code.description);
		codebook_row_clear(c);
	}
	free(items);
	return n;
}

static int64_t codebook_search(struct list *l, const char *text, int64_t from,
                               enum model_dir dir, jaw_err *err)
{
	/* codebooks hold tens or hundreds of codes: look through the rows */
	int64_t n = codebook_count(l, err);
	for (int64_t k = 1; k <= n; k++) {
		int64_t at = ((from + dir * k) % n + n) % n;
		struct list_row row = {0};
		if (codebook_fetch(l, at, 1, &row, err) != 1)
			return -2;
		bool hit = strcasestr(row.cells[0], text) || strcasestr(row.cells[3], text);
		list_row_clear(&row);
		if (hit)
			return at;
	}
	return -1;
}

static char *codebook_coder_new(struct ui *ui)
{
	const char *set = jawrc_option(ui->rc, "coder");
	return coding_coder_new(*set ? set : NULL);
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

/* ---- segments ------------------------------------------------------------- */

/* Lists every segment coded with code id; Enter reads the source there. */
static void codebook_segments(struct ui *ui, int64_t id, const char *name)
{
	enum { SHOW = 200 };
	jaw_err err;
	err_clear(&err);
	struct coding_segment *segs = xcalloc(SHOW, sizeof *segs);
	int n = coding_segments_page(ui->db, id, CODING_WITH_SUBCODES, 0, SHOW, segs, &err);
	if (n <= 0) {
		ui_message(ui, n < 0 ? "%s" : "Nothing is coded with %s yet.", n < 0 ? err.msg : name);
		free(segs);
		return;
	}
	char **items = xcalloc((size_t)n, sizeof *items);
	for (int i = 0; i < n; i++) {
		char *text = xstrdup(segs[i].text);
		for (char *p = text; *p; p++)
			if (*p == '\n' || *p == '\t')
				*p = ' ';
		items[i] = xasprintf("%s | %s%s%s | %s", text, segs[i].source_title,
		                     *segs[i].stakeholder ? ", " : "", segs[i].stakeholder,
		                     segs[i].coding.code_name);
		free(text);
	}
	char title[200];
	snprintf(title, sizeof title, " %s: %d segment%s%s (Enter reads, q back) ", name, n,
	         n == 1 ? "" : "s", n == SHOW ? " or more" : "");
	int pick = picker_choose(ui, title, items, n);
	if (pick >= 0)
		ui_open_source_at(ui, segs[pick].coding.source_id, (size_t)segs[pick].coding.start);
	for (int i = 0; i < n; i++) {
		free(items[i]);
		coding_segment_clear(&segs[i]);
	}
	free(items);
	free(segs);
}

/* ---- editing -------------------------------------------------------------- */

static const char *const codebook_keys[] = {"", "1", "2", "3", "4", "5", "6", "7", "8", "9",
                                            NULL};

enum { F_NAME, F_KEY, F_DESCRIPTION, F_COLOUR, F_COUNT };

struct codebook_edit {
	struct ui *ui;
	int64_t id, parent_id;
	char *coder;
	const char *old_name;
	int old_key;
};

static int codebook_save(void *ctx, struct form_field *f, jaw_err *err)
{
	struct codebook_edit *e = ctx;
	int key = atoi(f[F_KEY].value);
	if (e->id == 0) {
		struct code c = {.parent_id = e->parent_id, .name = f[F_NAME].value,
		                 .description = f[F_DESCRIPTION].value, .colour = f[F_COLOUR].value,
		                 .quick_key = 0};
		if (codebook_add(e->ui->db, e->coder, &c, err) != JAW_OK)
			return JAW_FAIL;
		e->id = c.id;
		return key ? codebook_set_quick_key(e->ui->db, e->coder, c.id, key, NULL, err) : JAW_OK;
	}
	if (strcmp(e->old_name, f[F_NAME].value) != 0 &&
	    codebook_rename(e->ui->db, e->coder, e->id, f[F_NAME].value, err) != JAW_OK)
		return JAW_FAIL;
	if (key != e->old_key)
		return codebook_set_quick_key(e->ui->db, e->coder, e->id, key, NULL, err);
	return JAW_OK;
}

static int codebook_form(struct ui *ui, struct list *l, const struct code *c, int64_t parent)
{
	struct form_field f[F_COUNT] = {
		{"Name", NULL, false, xstrdup(c ? c->name : "")},
		{"Quick key", codebook_keys, false,
		 c && c->quick_key ? xasprintf("%d", c->quick_key) : xstrdup("")},
		{"Description", NULL, false, xstrdup(c ? c->description : "")},
		{"Colour (#RRGGBB)", NULL, false, xstrdup(c ? c->colour : "")},
	};
	struct codebook_edit e = {ui, c ? c->id : 0, parent, codebook_coder_new(ui),
	                          c ? c->name : NULL, c ? c->quick_key : 0};
	/* an existing code's description and colour are shown, not edited here */
	bool saved = form_run(ui, c ? "Edit code" : parent ? "Add a code under the selected one"
	                                                   : "Add a code", f, c ? 2 : F_COUNT,
	                      codebook_save, &e);
	form_fields_free(f, F_COUNT);
	free(e.coder);
	struct codebook_state *st = codebook_state(l);
	if (saved)
		ui_after_save(ui, l, codebook_tree_index(l->db, st->collapsed, st->ncollapsed, e.id, NULL),
		              "Saved (u undoes).");
	return UI_REDRAW;
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
	if (!prompt_yes_no(ui, q))
		return UI_REDRAW;
	char *coder = codebook_coder_new(ui);
	ui_after_change(ui, codebook_delete(l->db, coder, c->id, NULL, &err), &err,
	                "Deleted \"%.200s\" (u undoes).", c->name);
	free(coder);
	return UI_REDRAW;
}

/* M and o: another code picked by name (o: none for the top). */
static int codebook_merge_or_move(struct ui *ui, struct list *l, const struct code *c, bool merge)
{
	char *coder = codebook_coder_new(ui);
	jaw_err err;
	err_clear(&err);
	ui_message(ui, merge ? "Merge \"%.200s\" into which code?" :
	           "Move \"%.200s\" under which code? (Esc: to the top)", c->name);
	ui_draw(ui);
	int64_t other = picker_code(ui, coder, &err);
	int rc = JAW_OK;
	if (other < 0) {
		rc = JAW_FAIL;
	} else if (merge && other > 0) {
		struct codebook_merge_result res;
		rc = codebook_merge(l->db, coder, c->id, other, &res, &err);
		if (rc == JAW_OK)
			snprintf(err.msg, sizeof err.msg, "Merged: %lld coding(s) moved, %lld the same as "
			         "one there (u undoes).", (long long)res.moved, (long long)res.collapsed);
	} else if (!merge) {
		rc = codebook_move(l->db, coder, c->id, other, &err);
		snprintf(err.msg, sizeof err.msg, "%s", rc == JAW_OK ? "Moved (u undoes)." : err.msg);
	} else {
		ui_message(ui, "Not merged.");
		free(coder);
		return UI_REDRAW;
	}
	free(coder);
	ui_after_change(ui, rc, &err, "%s", err.msg);
	return UI_REDRAW;
}

static int codebook_action(struct ui *ui, struct list *l, enum action a)
{
	const struct list_row *row = list_selected(l);
	if (a == ACTION_ADD)
		return codebook_form(ui, l, NULL, 0);
	if (a != ACTION_ADD_CHILD && a != ACTION_EDIT && a != ACTION_DELETE && a != ACTION_OPEN &&
	    a != ACTION_MERGE && a != ACTION_MOVE_UNDER && a != ACTION_TOGGLE)
		return -1;
	if (!row) {
		ui_message(ui, "The codebook is empty: a adds a code.");
		return UI_REDRAW;
	}
	if (a == ACTION_TOGGLE) {
		codebook_toggle(l, row->id);
		return UI_RELOAD;
	}
	jaw_err err;
	err_clear(&err);
	struct code c;
	if (codebook_get(l->db, row->id, &c, &err) != JAW_OK) {
		ui_error(ui, err.msg);
		return UI_REDRAW;
	}
	int flags = UI_REDRAW;
	switch (a) {
	case ACTION_ADD_CHILD: flags = codebook_form(ui, l, NULL, c.id); break;
	case ACTION_EDIT: flags = codebook_form(ui, l, &c, c.parent_id); break;
	case ACTION_DELETE: flags = codebook_delete_code(ui, l, &c); break;
	case ACTION_OPEN: codebook_segments(ui, c.id, c.name); break;
	case ACTION_MERGE: flags = codebook_merge_or_move(ui, l, &c, true); break;
	default: flags = codebook_merge_or_move(ui, l, &c, false); break;
	}
	codebook_code_clear(&c);
	return flags;
}

const struct view_ops view_codebook_ops = {
	.name = "codebook",
	.title = "Codebook",
	.keymap = JAWRC_CODEBOOK,
	.columns = codebook_columns,
	.ncolumns = sizeof codebook_columns / sizeof *codebook_columns,
	.count = codebook_count,
	.fetch = codebook_fetch,
	.search = codebook_search,
	.action = codebook_action,
	.free_state = codebook_free_state,
};
