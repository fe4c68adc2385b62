/* view_evidence.c - the evidence list: every source with its kind, date,
 * stakeholder, event and number of codings; filtered by kind, stakeholder,
 * event or code, sorted by date or title. Enter reads a source. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "ui.h"
#include "xalloc.h"

struct evidence_state {
	struct source_filter filter;
	char kind[16];
	char label[300];
};

static const char *const evidence_kinds[] = {"interview", "observation", "document", NULL};
static const char *const evidence_all_kinds[] = {"interview", "observation", "document",
                                                 "survey_answer", NULL};

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
		model_source_clear(s);
	}
	free(items);
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

/* Splits "key=value" words; values may be in double quotes. Returns the
 * next word's start, or NULL at the end. */
static char *evidence_next_pair(char *p, char **key, char **value)
{
	while (*p == ' ')
		p++;
	if (!*p)
		return NULL;
	*key = p;
	char *eq = strchr(p, '=');
	if (!eq) {
		*value = NULL;
		return p + strlen(p);
	}
	*eq = '\0';
	p = eq + 1;
	if (*p == '"') {
		*value = ++p;
		char *q = strchr(p, '"');
		if (q)
			*q++ = '\0';
		return q ? q : p + strlen(p);
	}
	*value = p;
	p += strcspn(p, " ");
	if (*p)
		*p++ = '\0';
	return p;
}

/* Applies one key=value of a filter command. */
static int evidence_filter_pair(struct list *l, struct source_filter *f, char *kind_buf,
                                const char *key, const char *value, jaw_err *err)
{
	int64_t id = 0;
	if (!value || !*value)
		return err_set(err, JAW_FAIL, "filter: write %s=VALUE", key);
	if (strcmp(key, "kind") == 0) {
		if (strcmp(value, "survey_answer") == 0)
			return err_set(err, JAW_FAIL, "filter: survey answers are listed by question in"
			               " the survey view (U)");
		if (!model_one_of(value, evidence_kinds))
			return err_set(err, JAW_FAIL, "filter: kind is interview, observation or document");
		snprintf(kind_buf, 16, "%s", value);
		f->kind = kind_buf;
		return JAW_OK;
	}
	if (strcmp(key, "stakeholder") == 0)
		id = f->stakeholder_id = model_stakeholder_find(l->db, value, err);
	else if (strcmp(key, "event") == 0)
		id = f->timeline_item_id = model_timeline_find(l->db, value, err);
	else if (strcmp(key, "code") == 0)
		id = f->code_id = model_code_find(l->db, value, err);
	else
		return err_set(err, JAW_FAIL, "filter: no \"%s\" (kind, stakeholder, event, code)", key);
	if (id < 0)
		return JAW_FAIL;
	if (id == 0)
		return err_set(err, JAW_FAIL, "filter: no %s called \"%s\"", key, value);
	return JAW_OK;
}

/* Parses "kind=K stakeholder=NAME event=TITLE code=NAME" (values may be
 * in double quotes) into the evidence filter; "" clears it. */
static int evidence_filter_parse(struct list *l, const char *args, jaw_err *err)
{
	struct source_filter f = {0};
	char kind[16] = "";
	char *copy = xstrdup(args), *p = copy, *key, *value;
	int rc = JAW_OK;
	while (rc == JAW_OK && (p = evidence_next_pair(p, &key, &value)) != NULL)
		rc = evidence_filter_pair(l, &f, kind, key, value, err);
	if (rc == JAW_OK) {
		bool any = f.kind || f.stakeholder_id || f.timeline_item_id || f.code_id;
		evidence_set_filter(l, any ? &f : NULL, args);
	}
	free(copy);
	return rc;
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

/* ---- editing ------------------------------------------------------------ */

enum { F_TITLE, F_KIND, F_DATE, F_STAKEHOLDER, F_EVENT, F_TEXT, F_COUNT };

/* The form's context: the source and its links when the form opened. */
struct evidence_edit {
	int64_t id;
	int64_t stakeholder_id, timeline_item_id;
	char *stakeholder_name, *event_title;
};

static void evidence_edit_free(void *p)
{
	struct evidence_edit *e = p;
	if (e) {
		free(e->stakeholder_name);
		free(e->event_title);
	}
	free(e);
}

/* Resolves an optional name to an id through find; err if unknown. */
static int evidence_link(struct jaw_db *db, const char *what, const char *name,
                         int64_t (*find)(struct jaw_db *, const char *, jaw_err *),
                         int64_t *id, jaw_err *err)
{
	*id = 0;
	if (!*name)
		return JAW_OK;
	*id = find(db, name, err);
	if (*id == 0)
		return err_set(err, JAW_FAIL, "no %s called \"%s\"", what, name);
	return *id < 0 ? JAW_FAIL : JAW_OK;
}

static int evidence_save(struct ui *ui, void *ctx, struct form_field *f, jaw_err *err)
{
	struct evidence_edit *e = ctx;
	struct jaw_db *db = ui->db;
	struct source s = {.id = e->id, .kind = f[F_KIND].value, .title = f[F_TITLE].value,
	                   .source_date = f[F_DATE].value, .text = f[F_TEXT].value};
	if (evidence_link(db, "stakeholder", f[F_STAKEHOLDER].value, model_stakeholder_find,
	                  &s.stakeholder_id, err) != JAW_OK ||
	    evidence_link(db, "timeline item", f[F_EVENT].value, model_timeline_find,
	                  &s.timeline_item_id, err) != JAW_OK)
		return JAW_FAIL;
	/* names that did not change keep their links, even when names repeat */
	if (e->stakeholder_name && strcmp(e->stakeholder_name, f[F_STAKEHOLDER].value) == 0)
		s.stakeholder_id = e->stakeholder_id;
	if (e->event_title && strcmp(e->event_title, f[F_EVENT].value) == 0)
		s.timeline_item_id = e->timeline_item_id;
	int rc;
	if (e->id) {
		rc = model_source_update_meta(db, &s, err);
	} else if (!*s.text) {
		return err_set(err, JAW_FAIL, "the note is empty: Ctrl-X on Text writes it in the editor");
	} else {
		rc = model_source_add(db, &s, err);
		e->id = s.id;
	}
	if (rc == JAW_OK)
		ui_message(ui, "Saved.");
	return rc;
}

static int evidence_form(struct ui *ui, const struct source *s)
{
	char today[11];
	date_format(date_today(), today);
	struct form_field f[F_COUNT] = {
		{"Title", NULL, false, xstrdup(s ? s->title : "")},
		{"Kind", s && strcmp(s->kind, "survey_answer") == 0 ? evidence_all_kinds : evidence_kinds,
		 false, xstrdup(s ? s->kind : "interview")},
		{"Date (YYYY-MM-DD)", NULL, false, xstrdup(s ? s->source_date : today)},
		{"Stakeholder", NULL, false, xstrdup(s ? s->stakeholder_name : "")},
		{"Event", NULL, false, xstrdup(s ? s->event_title : "")},
		{"Text", NULL, !s, xstrdup(s ? "(the text of a stored source is not edited here)" : "")},
	};
	struct evidence_edit *e = xcalloc(1, sizeof *e);
	if (s) {
		e->id = s->id;
		e->stakeholder_id = s->stakeholder_id;
		e->timeline_item_id = s->timeline_item_id;
		e->stakeholder_name = xstrdup(s->stakeholder_name);
		e->event_title = xstrdup(s->event_title);
	}
	int n = s ? F_COUNT - 1 : F_COUNT;
	if (s)
		free(f[F_TEXT].value);
	form_open(ui, s ? "Edit source" : "New note", f, n, evidence_save, e, evidence_edit_free);
	return UI_REDRAW;
}

static int evidence_delete_yes(struct ui *ui, void *ctx)
{
	struct ui_ref *r = ctx;
	jaw_err err;
	err_clear(&err);
	return ui_after_change(ui, model_source_delete(ui->db, r->id, &err), &err,
	                       "Deleted \"%.200s\".", r->name);
}

static int evidence_delete(struct ui *ui, const struct source *s)
{
	char q[600];
	if (s->codings)
		snprintf(q, sizeof q, "Delete source \"%.200s\" and its %d coding%s? (y/n)", s->title,
		         s->codings, s->codings == 1 ? "" : "s");
	else
		snprintf(q, sizeof q, "Delete source \"%.200s\"? (y/n)", s->title);
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
	int flags = a == ACTION_EDIT ? evidence_form(ui, s) : evidence_delete(ui, s);
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
	jaw_err err;
	err_clear(&err);
	if (evidence_filter_parse(l, args, &err) != JAW_OK) {
		ui_error(ui, err.msg);
		return UI_REDRAW;
	}
	ui_request_view(ui, VIEW_EVIDENCE);
	ui_message(ui, *args ? "Evidence filtered: x or :filter shows all." : "Showing all evidence.");
	return UI_REDRAW;
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
	 "show only the evidence that matches (no argument: all)", evidence_command_filter},
	{"sort", "date|title", "sort the evidence", evidence_command_sort},
};

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
	.show = evidence_show,
	.commands = evidence_commands,
	.ncommands = sizeof evidence_commands / sizeof *evidence_commands,
	.free_state = free,
};
