/* view_analysis.c - the analysis, full screen (A; q goes back), in modes:
 * the retrieval of coded segments with their context and provenance (1),
 * Enter reading one in the reader (q there comes back to the same row);
 * the code frequencies (2), each code's segments, sources, stakeholders
 * and respondents with a bar, the codes with codes below them counted
 * with those (marked with a sigma), Enter retrieving its segments.
 * The segments retrieved are chosen with :retrieve, in the :filter
 * language of retrieve.h (code=NAME children=yes kind=... coder=...). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "codebook.h"
#include "retrieve.h"
#include "ui.h"
#include "utf8.h"
#include "xalloc.h"

enum analysis_mode { MODE_RETRIEVE, MODE_CODES, MODE_COUNT };

/* The cells of a retrieval row past the columns: the segment in context,
 * drawn at the right (l->chart_w). */
enum { CELL_BEFORE = 5, CELL_TEXT = 6, CELL_AFTER = 7 };

struct analysis_state {
	enum analysis_mode mode;
	struct retrieve_filter filter;
	char *label;                /* the filter as typed ("" for none) */
	char *code;                 /* the code's path, NULL for every code */
	int64_t cursor[MODE_COUNT]; /* where each mode's cursor was */
	int64_t max;                /* the largest figure of a table, for its bars */
	char title[400];
};

static const struct view_ops *const analysis_modes[MODE_COUNT];
static int analysis_set_mode(struct list *l, enum analysis_mode m);

static struct analysis_state *analysis_state(struct list *l)
{
	if (!l->state) {
		struct analysis_state *st = xcalloc(1, sizeof *st);
		st->label = xstrdup("");
		l->state = st;
	}
	return l->state;
}

static void analysis_free_state(void *p)
{
	struct analysis_state *st = p;
	if (!st)
		return;
	retrieve_filter_clear(&st->filter);
	free(st->label);
	free(st->code);
	free(st);
}

/* Copies text with line breaks and tabs as spaces (for one row). */
static char *analysis_one_line_new(const char *text)
{
	char *s = xstrdup(text);
	for (char *p = s; *p; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	return s;
}

/* ---- the retrieval -------------------------------------------------------------- */

static int64_t analysis_retrieve_count(struct list *l, jaw_err *err)
{
	return retrieve_count(l->db, &analysis_state(l)->filter, err);
}

/* Who a segment comes from: the stakeholder (and organisation) or the
 * respondent. */
static char *analysis_who_new(const struct retrieve_row *r)
{
	if (*r->respondent)
		return xasprintf("%s", r->respondent);
	if (*r->organisation)
		return xasprintf("%s (%s)", r->stakeholder, r->organisation);
	return xstrdup(r->stakeholder);
}

static int analysis_retrieve_fetch(struct list *l, int64_t offset, int limit,
                                   struct list_row *rows, jaw_err *err)
{
	struct retrieve_row *r = xcalloc((size_t)limit, sizeof *r);
	int n = retrieve_page(l->db, &analysis_state(l)->filter, offset, limit, r, err);
	for (int i = 0; i < n; i++) {
		struct list_row *row = &rows[i];
		row->id = r[i].coding_id;
		row->aux[0] = (long)r[i].source_id;
		row->aux[1] = (long)r[i].start;
		row->cells[0] = xstrdup(r[i].code);
		row->cells[1] = xstrdup(r[i].source_title);
		row->cells[2] = analysis_who_new(&r[i]);
		row->cells[3] = xstrdup(r[i].source_date);
		row->cells[4] = xstrdup(r[i].coder);
		row->cells[CELL_BEFORE] = analysis_one_line_new(r[i].before);
		row->cells[CELL_TEXT] = analysis_one_line_new(r[i].text);
		row->cells[CELL_AFTER] = analysis_one_line_new(r[i].after);
		const char *kind = r[i].source_kind;
		row->detail = xasprintf("%s (%s%s%s)%s%s%s%s%s%s, coded %s by %s%s%s", r[i].source_title,
		                        kind, *r[i].source_date ? ", " : "", r[i].source_date,
		                        *row->cells[2] ? ", " : "", row->cells[2],
		                        *r[i].attributes ? ": " : "", r[i].attributes,
		                        *r[i].event ? ", at " : "", r[i].event, r[i].code, r[i].coder,
		                        *r[i].memo ? "; memo: " : "", r[i].memo);
		retrieve_row_clear(&r[i]);
	}
	free(r);
	return n;
}

/* The segment in context takes the right part of the row. */
static void analysis_retrieve_layout(struct list *l)
{
	l->chart_w = l->w >= 60 ? l->w * 3 / 5 : l->w - 20;
}

static void analysis_retrieve_header(struct list *l)
{
	wattrset(l->win, colour_attr(ROLE_HEADER));
	ui_put(l->win, "Segment, in its line", l->chart_w, true);
}

/* The last cols columns of s (a cut start marked with "..."). */
static const char *analysis_tail(const char *s, int cols)
{
	int w = utf8_width(s);
	while (*s && w > cols) {
		size_t len = strlen(s), next = utf8_cluster_next(s, len, 0);
		char *c = xstrndup(s, next);
		w -= utf8_width(c);
		free(c);
		s += next;
	}
	return s;
}

/* Draws the context dim and the coded text plain (the cursor row whole in
 * the cursor's colours). */
static void analysis_retrieve_chart(struct list *l, const struct list_row *row, attr_t attr)
{
	bool cursor = attr != colour_attr(ROLE_NORMAL);
	int room = l->chart_w, tw = utf8_width(row->cells[CELL_TEXT]);
	/* a quarter for the context before, more when the text is short */
	int bw = room - tw > room / 4 ? (room - tw) / 2 : room / 4;
	const char *before = analysis_tail(row->cells[CELL_BEFORE], bw);
	int used = utf8_width(before);
	wattrset(l->win, cursor ? attr : colour_attr(ROLE_DIM));
	ui_put(l->win, before, used, false);
	wattrset(l->win, cursor ? attr : colour_attr(ROLE_NORMAL) | A_BOLD);
	int text = tw < room - used ? tw : room - used;
	ui_put(l->win, row->cells[CELL_TEXT], text, false);
	wattrset(l->win, cursor ? attr : colour_attr(ROLE_DIM));
	ui_put(l->win, row->cells[CELL_AFTER], room - used - text, true);
}

/* ---- the frequencies ------------------------------------------------------------- */

static int64_t analysis_codes_rows(struct list *l, jaw_err *err)
{
	struct analysis_state *st = analysis_state(l);
	st->max = analysis_codes_max(l->db, err);
	return st->max < 0 ? -1 : analysis_codes_count(l->db, err);
}

/* A figure of a code, after a sigma when it counts the codes below it too. */
static char *analysis_figure_new(const struct analysis_code_row *r, int64_t all)
{
	return xasprintf("%s%lld", r->children ? "\u03a3 " : "", (long long)all);
}

static int analysis_codes_fetch(struct list *l, int64_t offset, int limit,
                                struct list_row *rows, jaw_err *err)
{
	struct analysis_code_row *r = xcalloc((size_t)limit, sizeof *r);
	int n = analysis_codes_page(l->db, offset, limit, r, err);
	for (int i = 0; i < n; i++) {
		struct list_row *row = &rows[i];
		const struct analysis_counts *o = &r[i].own, *a = &r[i].all;
		row->id = r[i].id;
		row->aux[0] = (long)r[i].children;
		row->aux[1] = (long)a->segments;
		row->cells[0] = xasprintf("%*s%s", r[i].depth * 2, "", r[i].name);
		row->cells[1] = analysis_figure_new(&r[i], a->segments);
		row->cells[2] = analysis_figure_new(&r[i], a->sources);
		row->cells[3] = analysis_figure_new(&r[i], a->stakeholders);
		row->cells[4] = analysis_figure_new(&r[i], a->respondents);
		row->cells[5] = xstrdup(r[i].path);
		if (r[i].children)
			row->detail = xasprintf("%s: %lld segment%s itself; with the %lld code%s below it"
			                        " (\u03a3): %lld segments in %lld sources, %lld stakeholders,"
			                        " %lld respondents (Enter retrieves them)", r[i].path,
			                        (long long)o->segments, o->segments == 1 ? "" : "s",
			                        (long long)r[i].children, r[i].children == 1 ? "" : "s",
			                        (long long)a->segments, (long long)a->sources,
			                        (long long)a->stakeholders, (long long)a->respondents);
		else
			row->detail = xasprintf("%s: %lld segments in %lld sources, %lld stakeholders,"
			                        " %lld respondents (Enter retrieves them)", r[i].path,
			                        (long long)o->segments, (long long)o->sources,
			                        (long long)o->stakeholders, (long long)o->respondents);
		analysis_code_row_clear(&r[i]);
	}
	free(r);
	return n;
}

static void analysis_bar_layout(struct list *l)
{
	l->chart_w = l->w >= 70 ? l->w / 3 : 0;
}

static void analysis_bar_header(struct list *l)
{
	wattrset(l->win, colour_attr(ROLE_HEADER));
	ui_put(l->win, "Segments", l->chart_w, true);
}

/* A bar of aux[1] against the table's largest figure: in the bar colour
 * of events, roll-ups (aux[0] codes below) in that of phases. */
static void analysis_bar(struct list *l, const struct list_row *row, attr_t attr)
{
	struct analysis_state *st = analysis_state(l);
	int64_t v = row->aux[1];
	int len = st->max > 0 ? (int)(v * l->chart_w / st->max) : 0;
	if (len == 0 && v > 0)
		len = 1;
	wattrset(l->win, colour_attr(row->aux[0] ? ROLE_BAR_PHASE : ROLE_BAR_EVENT));
	for (int i = 0; i < len; i++)
		waddstr(l->win, row->aux[0] ? "▓" : "█");
	wattrset(l->win, attr);
	for (int i = len; i < l->chart_w; i++)
		waddch(l->win, ' ');
}

/* Enter on a code: its segments (with the codes below, when it has any). */
static int analysis_codes_open(struct ui *ui, struct list *l, const struct list_row *row)
{
	struct analysis_state *st = analysis_state(l);
	retrieve_filter_clear(&st->filter);
	st->filter.code_id = row->id;
	st->filter.children = row->aux[0] > 0;
	free(st->code);
	st->code = xstrdup(row->cells[5]);
	free(st->label);
	st->label = xstrdup("");
	st->cursor[MODE_RETRIEVE] = 0;
	ui_message(ui, "The segments of %s%s.", st->code, row->aux[0] ? " and the codes below it" : "");
	return analysis_set_mode(l, MODE_RETRIEVE);
}

/* ---- the modes, the title and the filter ------------------------------------ */

static int64_t analysis_count(struct list *l, jaw_err *err)
{
	switch (analysis_state(l)->mode) {
	case MODE_CODES: return analysis_codes_rows(l, err);
	default: return analysis_retrieve_count(l, err);
	}
}

static int analysis_fetch(struct list *l, int64_t offset, int limit, struct list_row *rows,
                          jaw_err *err)
{
	switch (analysis_state(l)->mode) {
	case MODE_CODES: return analysis_codes_fetch(l, offset, limit, rows, err);
	default: return analysis_retrieve_fetch(l, offset, limit, rows, err);
	}
}

static const char *analysis_describe(struct list *l)
{
	struct analysis_state *st = analysis_state(l);
	if (st->mode == MODE_CODES)
		return "\u03a3: with the codes below";
	const char *code = st->code ? st->code : "every code";
	snprintf(st->title, sizeof st->title, "%.200s%s%s%.150s", code,
	         st->code && st->filter.children ? " and below" : "", *st->label ? "  " : "",
	         st->label);
	return st->title;
}

static const char *analysis_empty(struct list *l)
{
	struct analysis_state *st = analysis_state(l);
	if (st->mode == MODE_RETRIEVE && (st->code || *st->label))
		return "no segment matches: x shows every coded segment";
	return NULL;
}

/* Switches to mode m, where the cursor was when that mode was left. */
static int analysis_set_mode(struct list *l, enum analysis_mode m)
{
	struct analysis_state *st = analysis_state(l);
	st->cursor[st->mode] = l->cursor;
	st->mode = m;
	l->ops = analysis_modes[m];
	l->cursor = st->cursor[m];
	l->top = 0;
	list_reload(l);
	return UI_LAYOUT;
}

/* Retrieves what the filter text lets through (the code with code=). */
static int analysis_retrieve(struct ui *ui, struct list *l, const char *text)
{
	struct analysis_state *st = analysis_state(l);
	struct retrieve_filter f = {0};
	jaw_err err;
	err_clear(&err);
	if (retrieve_filter_parse(l->db, text, &f, &err) != JAW_OK) {
		ui_error(ui, err.msg);
		return UI_REDRAW;
	}
	char *code = f.code_id ? codebook_path_new(l->db, f.code_id, &err) : NULL;
	if (f.code_id && !code) {
		retrieve_filter_clear(&f);
		ui_error(ui, err.msg);
		return UI_REDRAW;
	}
	retrieve_filter_clear(&st->filter);
	st->filter = f;
	free(st->code);
	st->code = code;
	free(st->label);
	st->label = xstrdup(text);
	st->cursor[MODE_RETRIEVE] = 0;
	if (st->mode != MODE_RETRIEVE)
		analysis_set_mode(l, MODE_RETRIEVE);
	l->cursor = l->top = 0;
	list_reload(l);
	ui_request_view(ui, VIEW_ANALYSIS);
	return UI_LAYOUT;
}

/* :retrieve [code=NAME] [children=yes] [kind=K] ... */
static int analysis_command_retrieve(struct ui *ui, struct list *l, const char *args)
{
	return analysis_retrieve(ui, l, args);
}

/* + : the codes below the code too, or not. */
static int analysis_toggle_children(struct ui *ui, struct list *l)
{
	struct analysis_state *st = analysis_state(l);
	if (!st->code) {
		ui_message(ui, "Every code is retrieved: :retrieve code=NAME chooses one.");
		return UI_REDRAW;
	}
	st->filter.children = !st->filter.children;
	ui_message(ui, st->filter.children ? "With the codes below %s." : "%s alone.", st->code);
	l->cursor = l->top = 0;
	list_reload(l);
	return UI_REDRAW;
}

static int analysis_action(struct ui *ui, struct list *l, enum action a)
{
	const struct list_row *row = list_selected(l);
	switch (a) {
	case ACTION_ANALYSIS_RETRIEVE: return analysis_set_mode(l, MODE_RETRIEVE);
	case ACTION_ANALYSIS_CODES: return analysis_set_mode(l, MODE_CODES);
	case ACTION_TOGGLE_VIEW:
		return analysis_set_mode(l, (analysis_state(l)->mode + 1) % MODE_COUNT);
	case ACTION_ANALYSIS_CHILDREN: return analysis_toggle_children(ui, l);
	case ACTION_CLEAR_FILTER:
		ui_message(ui, "Every coded segment.");
		return analysis_retrieve(ui, l, "");
	case ACTION_OPEN:
		if (!row)
			return -1;
		if (analysis_state(l)->mode == MODE_CODES)
			return analysis_codes_open(ui, l, row);
		ui_request_source(ui, row->aux[0], row->aux[1]);
		return UI_REDRAW;
	default: return -1;
	}
}

static const struct ui_command analysis_commands[] = {
	{"retrieve", "[code=NAME] [children=yes] [kind=K] [organisation=NAME] [coder=C] [from=D]"
	 " [to=D] ...", "Retrieve the coded segments that match in the analysis view (no"
	 " argument: all)", analysis_command_retrieve},
};

static const struct view_action analysis_actions[] = {
	{ACTION_ANALYSIS_RETRIEVE, 0, "The coded segments (:retrieve chooses which), in context"},
	{ACTION_ANALYSIS_CODES, 0, "Code frequencies: segments, sources, stakeholders, respondents"},
	{ACTION_TOGGLE_VIEW, 0, "Go round the modes"},
	{ACTION_OPEN, 0, "On a segment: read it in the reader (q there comes back here); on a"
	 " code: retrieve its segments"},
	{ACTION_ANALYSIS_CHILDREN, 0, "Retrieve the codes below the code too, or not"},
	{ACTION_CLEAR_FILTER, 0, "Retrieve every coded segment again"},
};

static const struct list_column retrieve_columns[] = {
	{"Code", 16, 1, 0}, {"Source", 0, 0, 14}, {"From", 18, 2, 0}, {"Date", 10, 3, 0},
	{"Coder", 8, 4, 0},
};

static const struct list_column code_columns[] = {
	{"Code", 0, 0, 16}, {"Segm.", 7, 0, 0}, {"Sources", 7, 1, 0}, {"Stakeh.", 7, 2, 0},
	{"Resp.", 7, 3, 0},
};

#define ANALYSIS_OPS(TITLE, COLUMNS, LAYOUT, CHART, HEADER, EMPTY) \
	{ \
		.name = "analysis", .title = TITLE, .columns = COLUMNS, \
		.ncolumns = sizeof COLUMNS / sizeof *COLUMNS, .count = analysis_count, \
		.fetch = analysis_fetch, .action = analysis_action, \
		.describe_state = analysis_describe, .empty_state = analysis_empty, \
		.free_state = analysis_free_state, .commands = analysis_commands, \
		.ncommands = sizeof analysis_commands / sizeof *analysis_commands, \
		.actions = analysis_actions, \
		.nactions = sizeof analysis_actions / sizeof *analysis_actions, \
		.layout_chart = LAYOUT, .draw_chart = CHART, .draw_chart_header = HEADER, \
		.empty = EMPTY, \
	}

const struct view_ops view_analysis_ops =
	ANALYSIS_OPS("Analysis: retrieval", retrieve_columns, analysis_retrieve_layout,
	             analysis_retrieve_chart, analysis_retrieve_header,
	             "nothing is coded yet: code a source in the reader (Enter on it in Evidence)");

static const struct view_ops analysis_codes_ops =
	ANALYSIS_OPS("Analysis: code frequencies", code_columns, analysis_bar_layout, analysis_bar,
	             analysis_bar_header, "no codes yet: C opens the codebook");

static const struct view_ops *const analysis_modes[MODE_COUNT] = {
	&view_analysis_ops, &analysis_codes_ops,
};
