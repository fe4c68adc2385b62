/* view_evidence.c - the evidence list: every source with its kind, date,
 * stakeholder, event and number of codings; filtered by kind, stakeholder,
 * event or code, sorted by date or title. Enter reads a source. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attrib.h"
#include "date.h"
#include "edit.h"
#include "kinds.h"
#include "filter.h"
#include "ui.h"
#include "xalloc.h"

struct evidence_state {
	struct source_filter filter;
	char kind[16];
	char label[300];
};


static const struct list_column evidence_columns[] = {
	{"Date", 10, 0, 0}, {"Kind", 11, 1, 0}, {"Title", 0, 0, 24}, {"Stakeholder", 20, 3, 0},
	{"Event", 20, 4, 0}, {"Cod.", 4, 2, 0},
};

static struct evidence_state *evidence_state(struct list *l)
{
	if (!l->state)
		l->state = xcalloc(1, sizeof(struct evidence_state));
	return l->state;
}

static int64_t evidence_count(struct list *l, jaw_err *err)
{
	return model_source_count_filtered(l->db, &evidence_state(l)->filter, err);
}

/* Adds to a row's detail how its source is quoted, as attribution allows. */
static void evidence_detail_attribution(struct list *l, struct list_row *r)
{
	struct attrib_setting a = {0};
	char *label = attrib_source_label_new(l->db, r->id, NULL);
	if (label && attrib_source_get(l->db, r->id, &a, NULL) == JAW_OK) {
		char *words = ui_attribution_words_new(&a, true);
		char *detail = xasprintf("%s; quoted as \"%s\", attribution %s", r->detail, label, words);
		free(r->detail);
		r->detail = detail;
		free(words);
	}
	attrib_setting_clear(&a);
	free(label);
}

static int evidence_fetch(struct list *l, int64_t offset, int limit, struct list_row *rows,
                          jaw_err *err)
{
	struct source *items = xcalloc((size_t)limit, sizeof *items);
	int n = model_source_page_filtered(l->db, &evidence_state(l)->filter, offset, limit, items,
	                                   err);
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
		r->detail = xasprintf("%s (%s%s%s)%s%s%s%s; %d coding%s; Enter reads it", s->title,
		                      s->kind, *s->source_date ? " " : "", s->source_date,
		                      *s->stakeholder_name ? " with " : "", s->stakeholder_name,
		                      *s->event_title ? " at " : "", s->event_title, s->codings,
		                      s->codings == 1 ? "" : "s");
		evidence_detail_attribution(l, r);
		model_source_clear(s);
	}
	free(items);
	memo_mark_rows(l, "source", rows, n, 2, true);
	return n;
}

static int64_t evidence_search(struct list *l, const char *text, int64_t from,
                               enum model_dir dir, jaw_err *err)
{
	return model_source_search(l->db, &evidence_state(l)->filter, text, from, dir, err);
}

/* Replaces the evidence filter (NULL: all sources); label describes it. */
static void evidence_set_filter(struct list *l, const struct source_filter *f, const char *label)
{
	struct evidence_state *st = evidence_state(l);
	bool by_title = st->filter.by_title;
	memset(&st->filter, 0, sizeof st->filter);
	st->label[0] = '\0';
	if (f) {
		st->filter = *f;
		snprintf(st->kind, sizeof st->kind, "%s", f->kind ? f->kind : "");
		st->filter.kind = *st->kind ? st->kind : NULL;
		snprintf(st->label, sizeof st->label, "%s", label ? label : "filtered");
	}
	st->filter.by_title = by_title;
	l->cursor = 0;
	l->top = 0;
	list_reload(l);
}

/* The context of the question which record a filter's name means. */
struct evidence_ask {
	struct list *l;
	struct filter_spec spec;
	int which;
};

static void evidence_ask_free(void *p)
{
	struct evidence_ask *a = p;
	if (a)
		filter_spec_clear(&a->spec);
	free(a);
}

static int evidence_apply_spec(struct ui *ui, struct list *l, struct filter_spec *spec);

static int evidence_ask_picked(struct ui *ui, void *ctx, int64_t id, const struct list_row *row)
{
	struct evidence_ask *a = ctx;
	filter_spec_choose(&a->spec, a->which, id, row->cells[0]);
	return evidence_apply_spec(ui, a->l, &a->spec);
}

/* Several records have the name of pair which: a chooser tells them apart
 * (spec moves into its context). */
static int evidence_ask(struct ui *ui, struct list *l, struct filter_spec *spec, int which)
{
	enum { MAX = 50 };
	struct model_name_match m[MAX];
	int n = 0;
	jaw_err err;
	err_clear(&err);
	int kind = filter_key_kind(spec->keys[which]);
	int64_t total = model_name_matches(ui->db, (enum model_name_kind)kind, spec->values[which],
	                                   MAX, m, &n, &err);
	if (total < 0) {
		ui_error(ui, err.msg);
		filter_spec_clear(spec);
		return UI_REDRAW;
	}
	char *items[MAX];
	int64_t ids[MAX];
	for (int i = 0; i < n; i++) {
		items[i] = m[i].label;
		ids[i] = m[i].id;
	}
	struct evidence_ask *a = xcalloc(1, sizeof *a);
	a->l = l;
	a->spec = *spec;
	a->which = which;
	memset(spec, 0, sizeof *spec);
	char title[300];
	snprintf(title, sizeof title, " %lld %ss are called \"%.120s\": which one? ",
	         (long long)total, model_name_kind_word((enum model_name_kind)kind),
	         a->spec.values[which]);
	chooser_open_items(ui, title, items, ids, n, evidence_ask_picked, a, evidence_ask_free);
	for (int i = 0; i < n; i++)
		model_name_match_clear(&m[i]);
	return UI_REDRAW;
}

/* Shows the evidence that spec lets through (spec is cleared). */
static int evidence_apply_spec(struct ui *ui, struct list *l, struct filter_spec *spec)
{
	struct source_filter f;
	char kind[16] = "";
	int which = 0;
	jaw_err err;
	err_clear(&err);
	int rc = filter_resolve(ui->db, spec, &f, kind, &which, &err);
	if (rc == FILTER_AMBIGUOUS)
		return evidence_ask(ui, l, spec, which);
	if (rc != JAW_OK) {
		ui_error(ui, err.msg);
		filter_spec_clear(spec);
		return UI_REDRAW;
	}
	char *label = filter_spec_describe_new(spec);
	bool any = spec->n > 0;
	evidence_set_filter(l, any ? &f : NULL, label);
	free(label);
	filter_spec_clear(spec);
	ui_request_view(ui, VIEW_EVIDENCE);
	ui_message(ui, any ? "Evidence filtered: x or :filter shows all." : "Showing all evidence.");
	return UI_REDRAW;
}

static const char *evidence_describe_state(struct list *l)
{
	struct evidence_state *st = evidence_state(l);
	static char buf[400];
	if (!*st->label && !st->filter.by_title)
		return NULL;
	snprintf(buf, sizeof buf, "%s%s%s", *st->label ? st->label : "",
	         *st->label && st->filter.by_title ? ", " : "",
	         st->filter.by_title ? "by title" : "");
	return buf;
}

/* A filter that lets nothing through says how to show all again. */
static const char *evidence_empty_state(struct list *l)
{
	return *evidence_state(l)->label ? "no evidence matches: x clears the filter" : NULL;
}

/* ---- editing ------------------------------------------------------------ */

enum { F_TITLE, F_KIND, F_DATE, F_STAKEHOLDER, F_EVENT, F_ATTRIB, F_TEXT, F_COUNT };

/* The form's context: the source edited (0 for a new note). The links'
 * fields keep the records they named when the form opened. */
struct evidence_edit {
	int64_t id;
};

/* Resolves the name typed for a link: the same name as when the form
 * opened keeps the link it had (even when names repeat, as the field
 * keeps it); a new one is looked up, asking which when several records
 * have it. */
static int evidence_link(struct ui *ui, struct form_field *fld, int64_t *id, jaw_err *err)
{
	*id = 0;
	return *fld->value ? ui_name_resolve(ui, fld, id, err) : JAW_OK;
}

static int evidence_save(struct ui *ui, void *ctx, struct form_field *f, jaw_err *err)
{
	struct evidence_edit *e = ctx;
	struct jaw_db *db = ui->db;
	/* a stored source's form has no Text field (evidence_form) */
	struct source s = {.id = e->id, .kind = f[F_KIND].value, .title = f[F_TITLE].value,
	                   .source_date = f[F_DATE].value, .text = e->id ? NULL : f[F_TEXT].value};
	int rc = evidence_link(ui, &f[F_STAKEHOLDER], &s.stakeholder_id, err);
	if (rc == JAW_OK)
		rc = evidence_link(ui, &f[F_EVENT], &s.timeline_item_id, err);
	if (rc != JAW_OK)
		return rc;
	if (!e->id && !*s.text)
		return err_set(err, JAW_FAIL, "the note is empty: Ctrl-X on Text writes it in the editor");
	char *coder = ui_coder_new(ui);
	if (e->id) {
		rc = edit_source_update_meta(db, coder, &s, err);
	} else {
		rc = edit_source_add(db, coder, &s, err);
		e->id = s.id;
	}
	/* the attribution, when it changed: a change of its own (u undoes it first) */
	struct attrib_setting a = {0};
	if (rc == JAW_OK && (rc = attrib_source_get(db, e->id, &a, err)) == JAW_OK &&
	    strcmp(a.stored, ui_attribution_stored(f[F_ATTRIB].value)) != 0)
		rc = attrib_source_set(db, coder, e->id, ui_attribution_stored(f[F_ATTRIB].value), err);
	attrib_setting_clear(&a);
	free(coder);
	if (rc == JAW_OK)
		ui_message(ui, "Saved.");
	return rc;
}

/* The form's values for source s but its text (a new note's when NULL),
 * with its attribution a (NULL: inherited). */
static void evidence_values(const struct source *s, const struct attrib_setting *a, char **v)
{
	v[F_ATTRIB] = a ? ui_attribution_value_new(a, true) : xstrdup("inherit");
	char today[11];
	date_format(date_today(), today);
	v[F_TITLE] = xstrdup(s ? s->title : "");
	v[F_KIND] = xstrdup(s ? s->kind : "interview");
	v[F_DATE] = xstrdup(s ? s->source_date : today);
	v[F_STAKEHOLDER] = xstrdup(s ? s->stakeholder_name : "");
	v[F_EVENT] = xstrdup(s ? s->event_title : "");
}

/* The source edited as it is now (form_watch). */
static int evidence_fresh(struct ui *ui, void *ctx, char **v, jaw_err *err)
{
	const struct evidence_edit *e = ctx;
	struct source *s = model_source_get_new(ui->db, e->id, err);
	struct attrib_setting a = {0};
	if (!s || attrib_source_get(ui->db, e->id, &a, err) != JAW_OK) {
		model_source_free(s);
		return err_set(err, JAW_FAIL, "Someone else deleted this source since you opened the"
		               " form; Esc closes it.");
	}
	evidence_values(s, &a, v);
	attrib_setting_clear(&a);
	model_source_free(s);
	return JAW_OK;
}

static int evidence_form(struct ui *ui, const struct source *s)
{
	char *v[F_COUNT];
	struct attrib_setting a = {0};
	jaw_err err;
	err_clear(&err);
	if (s && attrib_source_get(ui->db, s->id, &a, &err) != JAW_OK) {
		ui_error(ui, err.msg);
		return UI_REDRAW;
	}
	evidence_values(s, s ? &a : NULL, v);
	attrib_setting_clear(&a);
	struct form_field f[F_COUNT] = {
		{"Title", NULL, false, .value = v[F_TITLE]},
		{"Kind", s && strcmp(s->kind, "survey_answer") == 0 ? kinds_source_kind : kinds_note_kind,
		 false, .value = v[F_KIND]},
		{"Date (YYYY-MM-DD)", NULL, false, .value = v[F_DATE]},
		{"Stakeholder", NULL, false, .value = v[F_STAKEHOLDER], .names = true,
		 .kind = MODEL_NAME_STAKEHOLDER, .chosen = s ? s->stakeholder_id : 0,
		 .chosen_for = s ? xstrdup(s->stakeholder_name) : NULL},
		{"Event", NULL, false, .value = v[F_EVENT], .names = true,
		 .kind = MODEL_NAME_EVENT, .chosen = s ? s->timeline_item_id : 0,
		 .chosen_for = s ? xstrdup(s->event_title) : NULL},
		{"Attribution", ui_attribution_source_choices, false, .value = v[F_ATTRIB]},
		{"Text", NULL, true, .value = xstrdup("")},
	};
	struct evidence_edit *e = xcalloc(1, sizeof *e);
	e->id = s ? s->id : 0;
	/* a stored source's text is not edited here */
	int n = s ? F_COUNT - 1 : F_COUNT;
	if (s)
		free(f[F_TEXT].value);
	form_open(ui, s ? "Edit source" : "New note", f, n, evidence_save, e, free);
	if (s)
		form_watch(ui, evidence_fresh);
	return UI_REDRAW;
}

static int evidence_delete_yes(struct ui *ui, void *ctx)
{
	struct ui_ref *r = ctx;
	jaw_err err;
	err_clear(&err);
	char *coder = ui_coder_new(ui);
	int rc = edit_source_delete(ui->db, coder, r->id, &err);
	free(coder);
	return ui_after_change(ui, rc, &err, "Deleted \"%.200s\" (u undoes).", r->name);
}

static int evidence_delete(struct ui *ui, const struct source *s)
{
	char q[600], lost[100];
	if (findings_impact(ui, CITATION_OF_SOURCE, s->id, lost, sizeof lost) < 0)
		return UI_REDRAW;
	if (s->codings)
		snprintf(q, sizeof q, "%sDelete source \"%.200s\" and its %d coding%s? (y/n)", lost,
		         s->title, s->codings, s->codings == 1 ? "" : "s");
	else
		snprintf(q, sizeof q, "%sDelete source \"%.200s\"? (y/n)", lost, s->title);
	prompt_confirm(ui, q, evidence_delete_yes, ui_ref_new(s->id, s->title), ui_ref_free);
	return UI_REDRAW;
}

static int evidence_selected_action(struct ui *ui, struct list *l, enum action a)
{
	const struct list_row *row = list_selected(l);
	if (!row) {
		ui_message(ui, "No evidence here: a writes a new note, x shows all.");
		return UI_REDRAW;
	}
	if (a == ACTION_OPEN) {
		ui_request_source(ui, row->id, 0);
		return UI_REDRAW;
	}
	jaw_err err;
	err_clear(&err);
	struct source *s = model_source_get_new(l->db, row->id, &err);
	if (!s) {
		ui_error(ui, err.msg);
		return UI_REDRAW;
	}
	int flags = a == ACTION_EDIT ? evidence_form(ui, s)
	          : a == ACTION_MEMO ? ui_memo_write(ui, "source", s->id, s->title, false)
	          : evidence_delete(ui, s);
	model_source_free(s);
	return flags;
}

/* Sorts by title (or by date); says so. */
static void evidence_sort(struct ui *ui, struct list *l, bool by_title)
{
	struct evidence_state *st = evidence_state(l);
	st->filter.by_title = by_title;
	ui_message(ui, st->filter.by_title ? "Sorted by title." : "Sorted by date.");
	list_reload(l);
}

static int evidence_action(struct ui *ui, struct list *l, enum action a)
{
	struct evidence_state *st = evidence_state(l);
	switch (a) {
	case ACTION_ADD: return evidence_form(ui, NULL);
	case ACTION_SORT:
		evidence_sort(ui, l, !st->filter.by_title);
		return UI_REDRAW;
	case ACTION_CLEAR_FILTER:
		evidence_set_filter(l, NULL, NULL);
		ui_message(ui, "Showing all evidence.");
		return UI_REDRAW;
	case ACTION_OPEN:
	case ACTION_EDIT:
	case ACTION_MEMO:
	case ACTION_DELETE: return evidence_selected_action(ui, l, a);
	default: return -1;
	}
}

/* A request to show the evidence filtered (Enter on an item or a person). */
static int evidence_show(struct ui *ui, struct list *l, const struct ui_target *t)
{
	(void)ui;
	if (t->has_filter)
		evidence_set_filter(l, &t->filter, t->label);
	return UI_REDRAW;
}

/* :filter [kind=K] [stakeholder=NAME] [event=TITLE] [code=NAME] */
static int evidence_command_filter(struct ui *ui, struct list *l, const char *args)
{
	struct filter_spec spec;
	jaw_err err;
	err_clear(&err);
	if (filter_parse(args, &spec, &err) != JAW_OK) {
		ui_error(ui, err.msg);
		return UI_REDRAW;
	}
	return evidence_apply_spec(ui, l, &spec);
}

/* :sort date|title */
static int evidence_command_sort(struct ui *ui, struct list *l, const char *args)
{
	bool title = strcmp(args, "title") == 0;
	if (!title && strcmp(args, "date") != 0) {
		ui_error(ui, "sort: write :sort date or :sort title");
		return UI_REDRAW;
	}
	evidence_sort(ui, l, title);
	ui_request_view(ui, VIEW_EVIDENCE);
	return UI_REDRAW;
}

static const struct ui_command evidence_commands[] = {
	{"filter", "[kind=K] [stakeholder=NAME] [event=TITLE] [code=NAME]",
	 "Show only the evidence that matches (no argument: all)", evidence_command_filter},
	{"sort", "date|title", "Sort the evidence", evidence_command_sort},
};

static const struct view_action evidence_actions[] = {
	{ACTION_OPEN, 0, "Read and code the selected source"},
	{ACTION_ADD, 0, "Write a new note (its text in $VISUAL or $EDITOR)"},
	{ACTION_EDIT, 0, "Correct the title, kind, date, stakeholder, event or attribution of the"
	 " source"},
	{ACTION_MEMO, 0, "Write your memo on the source in $VISUAL or $EDITOR (M lists memos)"},
	{ACTION_DELETE, 0, "Delete the source with its codings (asks first)"},
	{ACTION_UNDO, 0, "Undo your last change to the evidence (a source comes back with its codings)"},
	{ACTION_REDO, 0, "Redo the evidence change you undid"},
	{ACTION_SORT, 0, "Sort by date or by title"},
	{ACTION_CLEAR_FILTER, 0, "Show all the evidence again"},
};

/* Where source id is in the list as filtered (after an undo). */
static int64_t evidence_position_of(struct list *l, int64_t id, jaw_err *err)
{
	return model_source_position_of_id(l->db, &evidence_state(l)->filter, id, err);
}

const struct view_ops view_evidence_ops = {
	.name = "evidence",
	.title = "Evidence",
	.columns = evidence_columns,
	.ncolumns = sizeof evidence_columns / sizeof *evidence_columns,
	.count = evidence_count,
	.fetch = evidence_fetch,
	.search = evidence_search,
	.action = evidence_action,
	.describe_state = evidence_describe_state,
	.empty_state = evidence_empty_state,
	.show = evidence_show,
	.position_of = evidence_position_of,
	.commands = evidence_commands,
	.ncommands = sizeof evidence_commands / sizeof *evidence_commands,
	.actions = evidence_actions,
	.nactions = sizeof evidence_actions / sizeof *evidence_actions,
	.free_state = free,
};
