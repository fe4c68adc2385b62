/* view_timeline.c - the timeline pane: phases, milestones and events as a
 * list beside a Gantt-style chart (by week or month, with a today marker;
 * overdue milestones highlighted). Add, edit and delete from the keyboard. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "edit.h"
#include "kinds.h"
#include "ui.h"
#include "xalloc.h"

enum timeline_kind { KIND_PHASE, KIND_MILESTONE, KIND_EVENT };

struct timeline_state {
	bool chart_hidden;
	long first, last; /* the chart's span in days since 1970 */
	long today;
	bool weeks;       /* the chart's scale: weeks, or months */
};

/* Beside a narrow chart only the title is left: the chart shows the dates. */
static const struct list_column timeline_columns[] = {
	{"Start", 10, 1, 0}, {"Kind", 9, 2, 0}, {"Title", 0, 0, 18}, {"End", 10, 4, 0},
	{"Location", 16, 5, 0}, {"Status", 9, 3, 0}, {"Ev.", 3, 6, 0},
};

static struct timeline_state *timeline_state(struct list *l)
{
	if (!l->state)
		l->state = xcalloc(1, sizeof(struct timeline_state));
	return l->state;
}

static long timeline_days(const char *iso)
{
	struct date d;
	return date_parse(iso, &d, NULL) == JAW_OK ? date_to_days(d) : 0;
}

/* Reads the chart's span and chooses its scale (jawrc: set date-scale). */
static int64_t timeline_count(struct list *l, jaw_err *err)
{
	struct timeline_state *st = timeline_state(l);
	char first[11] = "", last[11] = "";
	if (model_timeline_span(l->db, first, last, err) != JAW_OK)
		return -1;
	st->today = date_to_days(date_today());
	st->first = *first ? timeline_days(first) : st->today;
	st->last = *last ? timeline_days(last) : st->today;
	if (st->today >= st->first - 31 && st->today <= st->last + 31) {
		st->first = st->today < st->first ? st->today : st->first;
		st->last = st->today > st->last ? st->today : st->last;
	}
	const char *scale = jawrc_option(l->ui->rc, "date-scale");
	long weeks = (st->last - st->first) / 7 + 1;
	st->weeks = strcmp(scale, "week") == 0 ||
	            (strcmp(scale, "month") != 0 && weeks <= l->chart_w);
	return model_timeline_count(l->db, err);
}

static enum timeline_kind timeline_kind_of(const char *kind)
{
	return strcmp(kind, "phase") == 0 ? KIND_PHASE
	     : strcmp(kind, "milestone") == 0 ? KIND_MILESTONE : KIND_EVENT;
}

static void timeline_format_row(struct list *l, struct timeline_item *it, struct list_row *r)
{
	struct timeline_state *st = timeline_state(l);
	r->id = it->id;
	r->aux[0] = timeline_days(it->start_date);
	r->aux[1] = *it->end_date ? timeline_days(it->end_date) : r->aux[0];
	r->aux[2] = timeline_kind_of(it->kind);
	r->aux[3] = r->aux[2] == KIND_MILESTONE && r->aux[0] < st->today &&
	            strcmp(it->status, "done") != 0 && strcmp(it->status, "cancelled") != 0;
	r->cells[0] = xstrdup(it->start_date);
	r->cells[1] = xstrdup(it->kind);
	r->cells[2] = xstrdup(it->title);
	r->cells[3] = xstrdup(it->end_date);
	r->cells[4] = xstrdup(it->location);
	r->cells[5] = xstrdup(r->aux[3] ? "OVERDUE" : it->status);
	r->cells[6] = xasprintf("%d", it->sources);
	r->detail = xasprintf("%s (%s, %s%s) %s%s%s%s%s; %d source%s", it->title, it->kind,
	                      it->status, r->aux[3] ? ", overdue" : "", it->start_date,
	                      *it->end_date ? " to " : "", it->end_date,
	                      *it->location ? ", " : "", it->location, it->sources,
	                      it->sources == 1 ? "" : "s");
}

static int timeline_fetch(struct list *l, int64_t offset, int limit, struct list_row *rows,
                          jaw_err *err)
{
	struct timeline_item *items = xcalloc((size_t)limit, sizeof *items);
	int n = model_timeline_page(l->db, offset, limit, items, err);
	for (int i = 0; i < n; i++) {
		timeline_format_row(l, &items[i], &rows[i]);
		model_timeline_item_clear(&items[i]);
	}
	free(items);
	memo_mark_rows(l, "timeline_item", rows, n, 2, true);
	return n;
}

static int64_t timeline_search(struct list *l, const char *text, int64_t from,
                               enum model_dir dir, jaw_err *err)
{
	return model_timeline_search(l->db, text, from, dir, err);
}

/* ---- the chart ---------------------------------------------------------- */

/* The chart takes what the list leaves: beside the start, kind and title
 * in a pane of 64 columns or more; beside the title alone in a narrower
 * one (36 to 63 columns: the timeline pane of an 80-column terminal). */
static void timeline_layout_chart(struct list *l)
{
	struct timeline_state *st = timeline_state(l);
	int list_w = l->w * 2 / 5 < 36 ? 36 : (l->w * 2 / 5 > 60 ? 60 : l->w * 2 / 5);
	if (l->w < 64)
		list_w = l->w * 9 / 20 < 16 ? 16 : l->w * 9 / 20;
	l->chart_w = !st->chart_hidden && l->w >= 36 ? l->w - list_w - 1 : 0;
}

/* The chart column of a day, or -1 when it is outside the chart. */
static int timeline_col(const struct list *l, long day)
{
	const struct timeline_state *st = l->state;
	long span = st->last - st->first + 1;
	if (day < st->first || day > st->last || l->chart_w <= 0)
		return -1;
	return (int)((day - st->first) * l->chart_w / span);
}

static void timeline_draw_chart(struct list *l, const struct list_row *row, attr_t attr)
{
	const struct timeline_state *st = l->state;
	int y = getcury(l->win), x0 = getcurx(l->win);
	int from = timeline_col(l, row->aux[0]), to = timeline_col(l, row->aux[1]);
	int today = timeline_col(l, st->today);
	enum jawrc_role bar = row->aux[2] == KIND_PHASE ? ROLE_BAR_PHASE
	                    : row->aux[2] == KIND_MILESTONE ? ROLE_BAR_MILESTONE : ROLE_BAR_EVENT;
	if (row->aux[3])
		bar = ROLE_OVERDUE;
	for (int c = 0; c < l->chart_w; c++) {
		wmove(l->win, y, x0 + c);
		bool on = from >= 0 && c >= from && c <= (to >= 0 ? to : l->chart_w - 1);
		if (on && row->aux[2] == KIND_MILESTONE) {
			wattrset(l->win, colour_attr(bar));
			waddch(l->win, c == from ? ACS_DIAMOND : ' ');
		} else if (on) {
			wattrset(l->win, colour_attr(bar));
			waddch(l->win, row->aux[2] == KIND_PHASE ? ACS_HLINE : ACS_BLOCK);
		} else if (c == today) {
			wattrset(l->win, colour_attr(ROLE_TODAY));
			waddch(l->win, ACS_VLINE);
		} else {
			wattrset(l->win, attr);
			waddch(l->win, ' ');
		}
	}
}

/* The axis: month names where months start, a dot at each Monday on the
 * week scale, today marked. */
static void timeline_draw_chart_header(struct list *l)
{
	const struct timeline_state *st = l->state;
	int y = getcury(l->win), x0 = getcurx(l->win);
	static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	/* 1970-01-01 was a Thursday: days % 7 == 4 is a Monday */
	for (long d = st->first; st->weeks && d <= st->last; d++) {
		int c = timeline_col(l, d);
		if (((d % 7) + 7) % 7 == 4 && c >= 0)
			mvwaddch(l->win, y, x0 + c, ACS_BULLET);
	}
	int next_free = 0, today = timeline_col(l, st->today);
	for (long d = st->first; d <= st->last; d++) {
		struct date dt = date_from_days(d);
		int c = timeline_col(l, d);
		if ((dt.day != 1 && d != st->first) || c < next_free || c + 3 > l->chart_w)
			continue;
		if (today >= c && today < c + 3)
			continue; /* the today marker is there */
		wmove(l->win, y, x0 + c);
		ui_put(l->win, months[dt.month - 1], 3, false);
		next_free = c + 4;
	}
	if (today >= 0) {
		wattrset(l->win, colour_attr(ROLE_TODAY));
		mvwaddch(l->win, y, x0 + today, ACS_DARROW);
	}
}

/* ---- editing -------------------------------------------------------------- */


enum { F_KIND, F_TITLE, F_START, F_END, F_LOCATION, F_STATUS, F_NOTES, F_COUNT };

/* The form's context: the item edited (0 when adding). */
struct timeline_edit {
	int64_t id;
};

static int timeline_save(struct ui *ui, void *ctx, struct form_field *f, jaw_err *err)
{
	struct timeline_edit *e = ctx;
	struct timeline_item it = {
		.id = e->id, .kind = f[F_KIND].value, .title = f[F_TITLE].value,
		.start_date = f[F_START].value, .end_date = f[F_END].value,
		.location = f[F_LOCATION].value, .status = f[F_STATUS].value,
		.notes = f[F_NOTES].value,
	};
	char *coder = ui_coder_new(ui);
	int rc = e->id ? edit_timeline_update(ui->db, coder, &it, err)
	               : edit_timeline_add(ui->db, coder, &it, err);
	free(coder);
	if (rc != JAW_OK)
		return rc;
	/* the cursor goes to the item saved */
	int64_t pos = model_timeline_position_of_id(ui->db, it.id, NULL);
	if (pos >= 0)
		list_goto(ui_list(ui, VIEW_TIMELINE), pos);
	ui_message(ui, "Saved.");
	return JAW_OK;
}

/* The form's values for item it (a new item's defaults when NULL). */
static void timeline_values(const struct timeline_item *it, char **v)
{
	char today[11];
	date_format(date_today(), today);
	v[F_KIND] = xstrdup(it ? it->kind : "event");
	v[F_TITLE] = xstrdup(it ? it->title : "");
	v[F_START] = xstrdup(it ? it->start_date : today);
	v[F_END] = xstrdup(it ? it->end_date : "");
	v[F_LOCATION] = xstrdup(it ? it->location : "");
	v[F_STATUS] = xstrdup(it ? it->status : "planned");
	v[F_NOTES] = xstrdup(it ? it->notes : "");
}

/* The item edited as it is now (form_watch). */
static int timeline_fresh(struct ui *ui, void *ctx, char **v, jaw_err *err)
{
	const struct timeline_edit *e = ctx;
	struct timeline_item *it = model_timeline_get_new(ui->db, e->id, err);
	if (!it)
		return err_set(err, JAW_FAIL, "Someone else deleted this item since you opened the"
		               " form; Esc closes it (u in the timeline may bring it back).");
	timeline_values(it, v);
	model_timeline_item_free(it);
	return JAW_OK;
}

static int timeline_form(struct ui *ui, const struct timeline_item *it)
{
	char *v[F_COUNT];
	timeline_values(it, v);
	struct form_field f[F_COUNT] = {
		{"Kind", kinds_timeline_kind, false, .value = v[F_KIND]},
		{"Title", NULL, false, .value = v[F_TITLE]},
		{"Start (YYYY-MM-DD)", NULL, false, .value = v[F_START]},
		{"End (empty for none)", NULL, false, .value = v[F_END]},
		{"Location", NULL, false, .value = v[F_LOCATION]},
		{"Status", kinds_timeline_status, false, .value = v[F_STATUS]},
		{"Notes", NULL, true, .value = v[F_NOTES]},
	};
	struct timeline_edit *e = xcalloc(1, sizeof *e);
	e->id = it ? it->id : 0;
	form_open(ui, it ? "Edit timeline item" : "Add a timeline item", f, F_COUNT, timeline_save,
	          e, free);
	if (it)
		form_watch(ui, timeline_fresh);
	return UI_REDRAW;
}

static struct timeline_item *timeline_selected_new(struct ui *ui, struct list *l)
{
	const struct list_row *row = list_selected(l);
	if (!row) {
		ui_message(ui, "The timeline is empty: a adds an item.");
		return NULL;
	}
	jaw_err err;
	err_clear(&err);
	struct timeline_item *it = model_timeline_get_new(l->db, row->id, &err);
	if (!it)
		ui_error(ui, err.msg);
	return it;
}

static int timeline_delete_yes(struct ui *ui, void *ctx)
{
	struct ui_ref *r = ctx;
	jaw_err err;
	err_clear(&err);
	char *coder = ui_coder_new(ui);
	int rc = edit_timeline_delete(ui->db, coder, r->id, &err);
	free(coder);
	return ui_after_change(ui, rc, &err, "Deleted \"%.200s\" (u undoes).", r->name);
}

static int timeline_delete(struct ui *ui, struct timeline_item *it)
{
	char q[600];
	if (it->sources)
		snprintf(q, sizeof q, "Delete %s \"%.200s\"? Its %d source%s stay%s, without the link "
		         "to it. (y/n)", it->kind, it->title, it->sources, it->sources == 1 ? "" : "s",
		         it->sources == 1 ? "s" : "");
	else
		snprintf(q, sizeof q, "Delete %s \"%.200s\"? (y/n)", it->kind, it->title);
	prompt_confirm(ui, q, timeline_delete_yes, ui_ref_new(it->id, it->title), ui_ref_free);
	return UI_REDRAW;
}

static int timeline_edit_notes(struct ui *ui, struct list *l, struct timeline_item *it)
{
	if (!ui_edit_text(ui, &it->notes, "timeline-notes"))
		return UI_REDRAW;
	jaw_err err;
	err_clear(&err);
	char *coder = ui_coder_new(ui);
	int rc = edit_timeline_update(l->db, coder, it, &err);
	free(coder);
	return ui_after_change(ui, rc, &err, "Notes saved (u undoes).");
}

/* Enter: the evidence gathered at this item, in the evidence pane. */
static int timeline_open(struct ui *ui, struct timeline_item *it)
{
	struct ui_target t = {.view = VIEW_EVIDENCE, .at = -1, .has_filter = true,
	                      .filter = {.timeline_item_id = it->id}};
	snprintf(t.label, sizeof t.label, "at %.200s", it->title);
	ui_request(ui, &t);
	return UI_REDRAW;
}

static int timeline_action(struct ui *ui, struct list *l, enum action a)
{
	struct timeline_state *st = timeline_state(l);
	if (a == ACTION_ADD)
		return timeline_form(ui, NULL);
	if (a == ACTION_TOGGLE_VIEW) {
		st->chart_hidden = !st->chart_hidden;
		ui_message(ui, st->chart_hidden ? "Chart hidden (v shows it)." :
		           "Chart shown (v hides it; z zooms the pane for more dates).");
		return UI_LAYOUT;
	}
	if (a != ACTION_EDIT && a != ACTION_DELETE && a != ACTION_OPEN && a != ACTION_EDIT_NOTES &&
	    a != ACTION_MEMO)
		return -1;
	struct timeline_item *it = timeline_selected_new(ui, l);
	if (!it)
		return UI_REDRAW;
	int flags = a == ACTION_EDIT ? timeline_form(ui, it)
	          : a == ACTION_MEMO ? ui_memo_write(ui, "timeline_item", it->id, it->title, false)
	          : a == ACTION_DELETE ? timeline_delete(ui, it)
	          : a == ACTION_OPEN ? timeline_open(ui, it) : timeline_edit_notes(ui, l, it);
	model_timeline_item_free(it);
	return flags;
}

/* The Details pane lists the evidence gathered at the item. */
static bool timeline_detail_filter(struct list *l, const struct list_row *row,
                                   struct source_filter *f)
{
	(void)l;
	f->timeline_item_id = row->id;
	return true;
}

/* A request to show the timeline at a position (:goto). */
static int timeline_show(struct ui *ui, struct list *l, const struct ui_target *t)
{
	(void)ui;
	if (t->at >= 0)
		list_goto(l, t->at);
	return UI_REDRAW;
}

/* Moves the timeline to the item with id (the chosen one of a title). */
static int timeline_goto_id(struct ui *ui, int64_t id)
{
	jaw_err err;
	err_clear(&err);
	int64_t pos = model_timeline_position_of_id(ui->db, id, &err);
	if (pos < 0) {
		ui_error(ui, err.msg[0] ? err.msg : "goto: the item is gone");
		return UI_REDRAW;
	}
	struct ui_target t = {.view = VIEW_TIMELINE, .at = pos};
	ui_request(ui, &t);
	return UI_REDRAW;
}

static int timeline_goto_picked(struct ui *ui, void *ctx, int64_t id, const struct list_row *row)
{
	(void)ctx, (void)row;
	return timeline_goto_id(ui, id);
}

/* :goto TITLE: the item called so (asking which when several are), else
 * the first whose title or location contains it. */
static int timeline_goto_title(struct ui *ui, const char *title)
{
	enum { MAX = 50 };
	struct model_name_match m[MAX];
	int n = 0;
	jaw_err err;
	err_clear(&err);
	int64_t total = model_name_matches(ui->db, MODEL_NAME_EVENT, title, MAX, m, &n, &err);
	int flags = UI_REDRAW;
	if (total == 1) {
		flags = timeline_goto_id(ui, m[0].id);
	} else if (total > 1) {
		char *items[MAX];
		int64_t ids[MAX];
		for (int i = 0; i < n; i++)
			items[i] = m[i].label, ids[i] = m[i].id;
		char head[200];
		snprintf(head, sizeof head, " %lld timeline items are called \"%.100s\": which one? ",
		         (long long)total, title);
		chooser_open_items(ui, head, items, ids, n, timeline_goto_picked, NULL, NULL);
	} else if (total == 0) {
		int64_t pos = model_timeline_search(ui->db, title, -1, MODEL_FORWARD, &err);
		if (pos >= 0) {
			struct ui_target t = {.view = VIEW_TIMELINE, .at = pos};
			ui_request(ui, &t);
		} else {
			char msg[300];
			snprintf(msg, sizeof msg, pos == -1 ? "goto: no date, and no timeline item called"
			         " \"%.100s\" or with it in its title (write YYYY-MM-DD, today or a title)"
			         : "%s", pos == -1 ? title : err.msg);
			ui_error(ui, msg);
		}
	} else {
		ui_error(ui, err.msg);
	}
	for (int i = 0; i < n; i++)
		model_name_match_clear(&m[i]);
	return flags;
}

/* :goto DATE|today|TITLE */
static int timeline_command_goto(struct ui *ui, struct list *l, const char *args)
{
	(void)l;
	char today[11];
	date_format(date_today(), today);
	const char *date = strcmp(args, "today") == 0 ? today : args;
	if (!*args)
		date = today;
	if (date_parse(date, NULL, NULL) != JAW_OK) {
		/* not a date: a title; a string that looks like a date but is not
		 * one says why */
		if (strlen(args) == 10 && args[4] == '-' && args[7] == '-') {
			jaw_err err;
			err_clear(&err);
			date_parse(args, NULL, &err);
			ui_error(ui, err.msg);
			return UI_REDRAW;
		}
		return timeline_goto_title(ui, args);
	}
	jaw_err err;
	err_clear(&err);
	int64_t pos = model_timeline_position_of_date(ui->db, date, &err);
	if (pos < 0) {
		ui_error(ui, err.msg);
		return UI_REDRAW;
	}
	struct ui_target t = {.view = VIEW_TIMELINE, .at = pos};
	ui_request(ui, &t);
	return UI_REDRAW;
}

static const struct ui_command timeline_commands[] = {
	{"goto", "DATE|today|TITLE", "Move the timeline to the first item on or after DATE (today"
	 " without one), or to the item called TITLE (or with it in its title)",
	 timeline_command_goto},
};

static const struct view_action timeline_actions[] = {
	{ACTION_OPEN, 0, "Show the evidence gathered at this item in the Evidence pane"},
	{ACTION_ADD, 0, "Add a phase, milestone or event"},
	{ACTION_EDIT, 0, "Edit the selected item"},
	{ACTION_DELETE, 0, "Delete the selected item (asks first; its sources stay)"},
	{ACTION_UNDO, 0, "Undo your last change to the timeline (the cursor goes to the item)"},
	{ACTION_REDO, 0, "Redo the timeline change you undid"},
	{ACTION_EDIT_NOTES, 0, "Write the item's notes in $VISUAL or $EDITOR"},
	{ACTION_MEMO, 0, "Write your memo on the item in $VISUAL or $EDITOR (M lists memos)"},
	{ACTION_TOGGLE_VIEW, 0, "Show or hide the chart"},
};

/* Where item id is in the list (after an undo). */
static int64_t timeline_position_of(struct list *l, int64_t id, jaw_err *err)
{
	return model_timeline_position_of_id(l->db, id, err);
}

const struct view_ops view_timeline_ops = {
	.name = "timeline",
	.title = "Timeline",
	.columns = timeline_columns,
	.ncolumns = sizeof timeline_columns / sizeof *timeline_columns,
	.count = timeline_count,
	.fetch = timeline_fetch,
	.search = timeline_search,
	.action = timeline_action,
	.draw_chart = timeline_draw_chart,
	.draw_chart_header = timeline_draw_chart_header,
	.layout_chart = timeline_layout_chart,
	.detail_filter = timeline_detail_filter,
	.show = timeline_show,
	.position_of = timeline_position_of,
	.commands = timeline_commands,
	.ncommands = sizeof timeline_commands / sizeof *timeline_commands,
	.actions = timeline_actions,
	.nactions = sizeof timeline_actions / sizeof *timeline_actions,
	.free_state = free,
};
