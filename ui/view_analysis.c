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
#include "analysis_likert.h"
#include "codebook.h"
#include "retrieve.h"
#include "search.h"
#include "search_ranked.h"
#include "text.h"
#include "model.h"
#include "ui.h"
#include "utf8.h"
#include "xalloc.h"

enum analysis_mode {
	MODE_RETRIEVE, MODE_CODES, MODE_CROSSTAB, MODE_COOCCUR, MODE_AGREEMENT, MODE_SATURATION,
	MODE_SEARCH, MODE_LIKERT, MODE_COUNT
};

enum { ANALYSIS_MAX_CODERS = 8 };

/* The retrieval keeps the places of its last page's rows (up to this
 * many), to read the page next to it from there. */
enum { LIST_PAGE_KEYS = 256 };

/* A search with more hits than this shows its first page by source at
 * once, and ranks after (ranking 2,000 hits takes about 2 ms); with more
 * than ANALYSIS_COUNT_AT_ONCE, it counts them after too. */
enum { ANALYSIS_RANK_AT_ONCE = 2000, ANALYSIS_COUNT_AT_ONCE = 10000 };

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
	struct analysis_matrix *matrix; /* the crosstab's or co-occurrence's */
	char *xt_attr;              /* the crosstab's attribute */
	enum analysis_by xt_by;
	enum analysis_cooccur_mode co_mode;
	int measure;                /* 0 counts; 'r', 'c' percentages; 1 Jaccard */
	int col, col0;              /* the selected and the first visible column */
	char *coders[ANALYSIS_MAX_CODERS]; /* compared by the agreement */
	int ncoders;
	struct analysis_agreement_row *agree;
	int nagree;
	char *query;                /* the full-text search */
	struct search_ranked *hits; /* its hits best first, ranked as pages need them */
	struct likert_mode *likert; /* the survey questions (analysis_likert.c) */
	struct retrieve_key keys[LIST_PAGE_KEYS]; /* the retrieval's last page's rows */
	int nkeys;
	int64_t keys_top;           /* the position of keys[0] */
	struct analysis_code_row *codes; /* the frequencies, computed at the count */
	int ncodes;
	int64_t codes_max;          /* their largest figure */
	int64_t saturated;          /* saturation's rows built (temp table), -1: none */
	int64_t saturated_max;      /* its codes used at all */
	int counted_version;        /* the project when the last count ended: */
	int64_t counted_changes;    /* db_data_version and db_total_changes */
	int64_t own_changes;        /* changes to TEMP tables since, by the search */
	enum analysis_mode prev;    /* the mode shown before this one */
	enum analysis_mode matrix_mode; /* the mode st->matrix was computed for */
	bool keep;                  /* show the matrix or agreement held (after a cancel) */
	bool restoring;             /* going back to prev after a cancel */
	bool ranked;                /* the search's hits are best first (else by source) */
	bool unranked;              /* Esc cancelled the ranking: by source until :find */
	bool counted;               /* the search's count is exact (else a bound) */
	char title[400];
	char empty[200];
};

static const struct view_ops *const analysis_modes[MODE_COUNT];
static int analysis_set_mode(struct list *l, enum analysis_mode m);

static struct analysis_state *analysis_state(struct list *l)
{
	if (!l->state) {
		struct analysis_state *st = xcalloc(1, sizeof *st);
		st->label = xstrdup("");
		st->xt_attr = xstrdup("organisation");
		st->likert = likert_mode_new();
		st->saturated = -1;
		l->state = st;
	}
	return l->state;
}

static void analysis_drop_agreement(struct analysis_state *st)
{
	analysis_agreement_free(st->agree, st->nagree);
	st->agree = NULL;
	st->nagree = 0;
}

static void analysis_drop_codes(struct analysis_state *st)
{
	for (int i = 0; i < st->ncodes; i++)
		analysis_code_row_clear(&st->codes[i]);
	free(st->codes);
	st->codes = NULL;
	st->ncodes = 0;
}

static void analysis_drop_coders(struct analysis_state *st)
{
	for (int i = 0; i < st->ncoders; i++)
		free(st->coders[i]);
	st->ncoders = 0;
}

static void analysis_free_state(void *p)
{
	struct analysis_state *st = p;
	if (!st)
		return;
	retrieve_filter_clear(&st->filter);
	free(st->label);
	free(st->code);
	free(st->xt_attr);
	analysis_matrix_free(st->matrix);
	analysis_drop_agreement(st);
	analysis_drop_coders(st);
	analysis_drop_codes(st);
	free(st->query);
	search_ranked_free(st->hits);
	likert_mode_free(st->likert);
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
	analysis_state(l)->nkeys = 0; /* another filter, or the project changed */
	return retrieve_count(l->db, &analysis_state(l)->filter, err);
}

/* The page [offset, offset + limit) read from a row of the last page
 * next to it (a line or a page down or up): its cost is a page's,
 * however far down; -2 when there is no such row or that is not quicker. */
static int analysis_retrieve_near(struct list *l, int64_t offset, int limit,
                                  struct retrieve_row *r, jaw_err *err)
{
	struct analysis_state *st = analysis_state(l);
	int64_t first = st->keys_top, last = st->keys_top + st->nkeys - 1;
	if (st->nkeys == 0)
		return -2;
	if (offset > first) { /* after a row of the last page */
		int64_t p = offset - 1 < last ? offset - 1 : last;
		if (offset - 1 - p <= limit)
			return retrieve_page_next(l->db, &st->filter, &st->keys[p - first], false,
			                          offset - 1 - p, limit, r, err);
	}
	int64_t end = offset + limit;
	if (end <= last) { /* before one */
		int64_t p = end > first ? end : first;
		if (p - end <= limit)
			return retrieve_page_next(l->db, &st->filter, &st->keys[p - first], true, p - end,
			                          limit, r, err);
	}
	return -2;
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
	struct analysis_state *st = analysis_state(l);
	struct retrieve_row *r = xcalloc((size_t)limit, sizeof *r);
	int n = analysis_retrieve_near(l, offset, limit, r, err);
	if (n == -2)
		n = retrieve_page_of(l->db, &st->filter, l->count, offset, limit, r, err);
	st->nkeys = 0;
	for (int i = 0; i < n && i < LIST_PAGE_KEYS; i++)
		retrieve_key_of(&r[i], &st->keys[st->nkeys++]);
	st->keys_top = offset;
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

static void analysis_search_header(struct list *l)
{
	wattrset(l->win, colour_attr(ROLE_HEADER));
	ui_put(l->win, "The first match, in its context", l->chart_w, true);
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

/* Draws the coded text bold in its context (the cursor row whole in the
 * cursor's colours). The context is plain, not dim: two attribute
 * switches a row, not four, keep a page of rows under 2 KB. */
static void analysis_retrieve_chart(struct list *l, const struct list_row *row, attr_t attr)
{
	bool cursor = attr != colour_attr(ROLE_NORMAL);
	int room = l->chart_w, tw = utf8_width(row->cells[CELL_TEXT]);
	/* a quarter for the context before, more when the text is short */
	int bw = room - tw > room / 4 ? (room - tw) / 2 : room / 4;
	const char *before = analysis_tail(row->cells[CELL_BEFORE], bw);
	int used = utf8_width(before);
	ui_put(l->win, before, used, false);
	wattrset(l->win, cursor ? attr : attr | A_BOLD);
	int text = tw < room - used ? tw : room - used;
	ui_put(l->win, row->cells[CELL_TEXT], text, false);
	wattrset(l->win, attr);
	ui_put(l->win, row->cells[CELL_AFTER], room - used - text, true);
}

/* ---- the frequencies ------------------------------------------------------------- */

/* Computes the whole table (a row per code: a small aggregate) once, at
 * the count, kept while other modes are shown until the project changes;
 * the pages are read from it. */
static int64_t analysis_codes_rows(struct list *l, jaw_err *err)
{
	struct analysis_state *st = analysis_state(l);
	if (st->codes) {
		st->max = st->codes_max;
		return st->ncodes;
	}
	st->max = analysis_codes_max(l->db, err);
	int64_t n = st->max < 0 ? -1 : analysis_codes_count(l->db, err);
	if (n <= 0)
		return n;
	st->codes = xcalloc((size_t)n, sizeof *st->codes);
	int got = analysis_codes_page(l->db, 0, (int)n, st->codes, err);
	if (got < 0) {
		free(st->codes);
		st->codes = NULL;
		return -1;
	}
	st->ncodes = got;
	st->codes_max = st->max;
	return got;
}

/* A figure of a code, after a sigma when it counts the codes below it too. */
static char *analysis_figure_new(const struct analysis_code_row *r, int64_t all)
{
	return xasprintf("%s%lld", r->children ? "\u03a3 " : "", (long long)all);
}

/* "1 segment in 2 sources, 1 stakeholder, 0 respondents" */
static char *analysis_counts_new(const struct analysis_counts *c)
{
	return xasprintf("%lld segment%s in %lld source%s, %lld stakeholder%s, %lld respondent%s",
	                 (long long)c->segments, c->segments == 1 ? "" : "s",
	                 (long long)c->sources, c->sources == 1 ? "" : "s",
	                 (long long)c->stakeholders, c->stakeholders == 1 ? "" : "s",
	                 (long long)c->respondents, c->respondents == 1 ? "" : "s");
}

static int analysis_codes_fetch(struct list *l, int64_t offset, int limit,
                                struct list_row *rows, jaw_err *err)
{
	(void)err;
	struct analysis_state *st = analysis_state(l);
	if (!st->codes)
		return 0;
	const struct analysis_code_row *r = st->codes + offset;
	int n = 0;
	for (int64_t i = 0; offset + i < st->ncodes && n < limit; i++, n++) {
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
		char *counts = analysis_counts_new(r[i].children ? a : o);
		if (r[i].children)
			row->detail = xasprintf("%s: %lld segment%s itself; with the %lld code%s below it"
			                        " (\u03a3): %s (Enter retrieves them)", r[i].path,
			                        (long long)o->segments, o->segments == 1 ? "" : "s",
			                        (long long)r[i].children, r[i].children == 1 ? "" : "s",
			                        counts);
		else
			row->detail = xasprintf("%s: %s (Enter retrieves them)", r[i].path, counts);
		free(counts);
	}
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

/* ---- the matrices: crosstab (3) and co-occurrence (4) ------------------------ */

enum { MATRIX_NAME_MAX = 30, MATRIX_CELL = 9 };

/* The attributes a crosstab takes that are not survey attributes, in the
 * order of enum retrieve_attr (from RETRIEVE_ATTR_SOURCE_KIND). */
static const char *const analysis_attr_names[] = {
	"source-kind", "event", "stakeholder-kind", "role", "organisation-direct", "organisation",
};

static const char *const analysis_by_words[] = {"segments", "sources", "respondents"};

/* Reads the matrix of the mode afresh. */
static int64_t analysis_matrix_rows(struct list *l, jaw_err *err)
{
	struct analysis_state *st = analysis_state(l);
	/* the one held stays until a new one is complete (Esc keeps it) */
	if (!(st->keep && st->matrix && st->matrix_mode == st->mode)) {
		struct analysis_matrix *m = NULL;
		int rc = st->mode == MODE_CROSSTAB
		       ? analysis_crosstab_new(l->db, st->xt_attr, st->xt_by, &m, err)
		       : analysis_cooccur_new(l->db, st->co_mode, true, &m, err);
		if (rc != JAW_OK)
			return -1;
		analysis_matrix_free(st->matrix);
		st->matrix = m;
		st->matrix_mode = st->mode;
	}
	st->keep = false;
	if (st->col >= st->matrix->ncols)
		st->col = st->matrix->ncols > 0 ? st->matrix->ncols - 1 : 0;
	/* no column: nothing coded has a value of the attribute */
	return st->matrix->ncols > 0 ? st->matrix->nrows : 0;
}

static int analysis_matrix_fetch(struct list *l, int64_t offset, int limit,
                                 struct list_row *rows, jaw_err *err)
{
	(void)err;
	const struct analysis_matrix *m = analysis_state(l)->matrix;
	int n = 0;
	for (int64_t r = offset; m && r < m->nrows && n < limit; r++, n++) {
		rows[n].id = m->row_ids[r];
		rows[n].aux[0] = (long)r;
		rows[n].cells[0] = xasprintf("%*s%s", m->row_depth[r] * 2, "", m->row_names[r]);
	}
	return n;
}

/* The width of the codes' column and how many cells fit beside it. */
static void analysis_matrix_widths(const struct list *l, int *name_w, int *ncells)
{
	*name_w = l->w / 3 < MATRIX_NAME_MAX ? l->w / 3 : MATRIX_NAME_MAX;
	*ncells = (l->w - *name_w) / (MATRIX_CELL + 1);
	if (*ncells < 1)
		*ncells = 1;
}

/* Cell r, c as the measure shows it, and its share of the largest (0-1). */
static void analysis_cell_text(const struct analysis_state *st, int r, int c, char *buf,
                               size_t size, double *share)
{
	const struct analysis_matrix *m = st->matrix;
	size_t i = (size_t)r * (size_t)m->ncols + (size_t)c;
	if (st->mode == MODE_COOCCUR && st->measure) {
		snprintf(buf, size, "%.3f", m->ratio[i]);
		*share = m->ratio[i];
	} else if (st->mode == MODE_CROSSTAB && st->measure) {
		double p = analysis_matrix_percent(m, r, c, st->measure == 'r');
		snprintf(buf, size, "%.1f", p);
		*share = p / 100.0;
	} else {
		snprintf(buf, size, "%lld", (long long)m->cells[i]);
		*share = m->max > 0 ? (double)m->cells[i] / (double)m->max : 0.0;
	}
}

/* One cell: a shade of its share, then its figure right-aligned. */
static void analysis_draw_cell(struct list *l, int r, int c, attr_t attr, bool cursor_row)
{
	struct analysis_state *st = analysis_state(l);
	static const char *const shades[] = {" ", "\u2591", "\u2592", "\u2593", "\u2588"};
	char buf[32];
	double share;
	analysis_cell_text(st, r, c, buf, sizeof buf, &share);
	int level = share <= 0 ? 0 : 1 + (int)(share * 3.999);
	if (cursor_row && c == st->col)
		attr = colour_attr(ROLE_SELECTION);
	waddch(l->win, ' ');
	wattrset(l->win, cursor_row ? attr : colour_attr(ROLE_BAR_EVENT));
	waddstr(l->win, shades[level > 4 ? 4 : level]);
	wattrset(l->win, attr);
	wprintw(l->win, "%*s", MATRIX_CELL - 1, buf);
}

/* One line: the code, then the visible cells (row -1: the header). */
static void analysis_draw_matrix_line(struct list *l, int y, int r, attr_t attr)
{
	struct analysis_state *st = analysis_state(l);
	const struct analysis_matrix *m = st->matrix;
	int name_w, ncells;
	analysis_matrix_widths(l, &name_w, &ncells);
	wmove(l->win, y, 0);
	wattrset(l->win, attr);
	const struct list_row *row = r >= 0 && r - l->top < l->nrows ? &l->rows[r - l->top] : NULL;
	ui_put(l->win, r < 0 ? "Code" : row ? row->cells[0] : "", name_w, true);
	for (int c = st->col0; c < m->ncols && c < st->col0 + ncells; c++) {
		if (r >= 0) {
			analysis_draw_cell(l, r, c, attr, r == l->cursor);
			continue;
		}
		waddch(l->win, ' ');
		wattrset(l->win, c == st->col ? colour_attr(ROLE_HEADER) | A_BOLD : attr);
		char *name = utf8_display_new(*m->col_names[c] ? m->col_names[c] : "(none)",
		                              MATRIX_CELL);
		for (int w = utf8_width(name); w < MATRIX_CELL; w++)
			waddch(l->win, ' ');
		waddstr(l->win, name);
		free(name);
		wattrset(l->win, attr);
	}
	wclrtoeol(l->win);
}

static bool analysis_draw_matrix(struct list *l)
{
	struct analysis_state *st = analysis_state(l);
	if (!st->matrix || l->count == 0 || st->matrix->ncols == 0)
		return false;
	int vis = l->h - 2;
	analysis_draw_matrix_line(l, 1, -1, colour_attr(ROLE_HEADER));
	for (int i = 0; i < vis; i++) {
		int64_t r = l->top + i;
		enum jawrc_role role = ROLE_NORMAL;
		if (r == l->cursor)
			role = l->focused ? ROLE_CURSOR : ROLE_CURSOR_UNFOCUSED;
		if (r < l->count)
			analysis_draw_matrix_line(l, 2 + i, (int)r, colour_attr(role));
		else {
			wmove(l->win, 2 + i, 0);
			wclrtoeol(l->win);
		}
	}
	return true;
}

/* The status bar for the selected cell. */
static int analysis_matrix_update(struct list *l, jaw_err *err)
{
	(void)err;
	struct analysis_state *st = analysis_state(l);
	const struct analysis_matrix *m = st->matrix;
	if (!m || l->cursor < l->top || l->cursor - l->top >= l->nrows || m->ncols == 0)
		return JAW_OK;
	struct list_row *row = &l->rows[l->cursor - l->top];
	int r = (int)l->cursor, c = st->col;
	int64_t v = m->cells[(size_t)r * (size_t)m->ncols + (size_t)c];
	const char *col = *m->col_names[c] ? m->col_names[c] : "(none)";
	free(row->detail);
	if (st->mode == MODE_CROSSTAB)
		row->detail = xasprintf("%s \u00d7 %s: %lld %.*s, %.1f%% of the row's %lld, %.1f%% of the"
		                        " column's %lld (Enter retrieves them)", m->row_names[r], col,
		                        (long long)v, (int)strlen(analysis_by_words[st->xt_by]) - (v == 1),
		                        analysis_by_words[st->xt_by],
		                        analysis_matrix_percent(m, r, c, true), (long long)m->row_total[r],
		                        analysis_matrix_percent(m, r, c, false),
		                        (long long)m->col_total[c]);
	else
		row->detail = xasprintf("%s \u00d7 %s: %lld source%s (Jaccard %.3f; %lld and %lld sources"
		                        " each) (Enter retrieves them)", m->row_names[r], col,
		                        (long long)v, v == 1 ? "" : "s",
		                        m->ratio[(size_t)r * (size_t)m->ncols + (size_t)c],
		                        (long long)m->row_total[r], (long long)m->col_total[c]);
	return JAW_OK;
}

/* h and l: the column to the left or right, scrolling to keep it seen. */
static int analysis_matrix_column(struct list *l, int delta)
{
	struct analysis_state *st = analysis_state(l);
	if (!st->matrix || st->matrix->ncols == 0)
		return UI_NONE;
	int name_w, ncells;
	analysis_matrix_widths(l, &name_w, &ncells);
	st->col += delta;
	if (st->col < 0)
		st->col = 0;
	if (st->col >= st->matrix->ncols)
		st->col = st->matrix->ncols - 1;
	if (st->col < st->col0)
		st->col0 = st->col;
	if (st->col >= st->col0 + ncells)
		st->col0 = st->col - ncells + 1;
	jaw_err err;
	analysis_matrix_update(l, &err);
	l->dirty_all = true;
	return UI_REDRAW;
}

/* Enter on a cell: the segments behind it. */
static int analysis_matrix_open(struct ui *ui, struct list *l)
{
	struct analysis_state *st = analysis_state(l);
	const struct analysis_matrix *m = st->matrix;
	if (!m || m->ncols == 0 || l->cursor >= m->nrows)
		return UI_NONE;
	int r = (int)l->cursor, c = st->col;
	struct retrieve_filter f = {.code_id = m->row_ids[r]};
	const char *col = m->col_names[c];
	char *label;
	if (st->mode == MODE_COOCCUR) {
		if (m->col_ids[c] != f.code_id) {
			f.with_code = m->col_ids[c];
			f.overlap = st->co_mode == ANALYSIS_OVERLAP;
		}
		label = xasprintf("with=\"%s\"%s", col, f.overlap ? " overlap=yes" : "");
	} else {
		int a = 0;
		while (a < 6 && strcmp(analysis_attr_names[a], st->xt_attr) != 0)
			a++;
		if (a < 6) {
			f.attr = (enum retrieve_attr)(a + 1);
			f.attr_value = xstrdup(col);
		} else {
			f.attribute = xstrdup(st->xt_attr);
			f.value = xstrdup(col);
		}
		label = xasprintf("%s=\"%s\"", st->xt_attr, *col ? col : "(none)");
		jaw_err err;
		err_clear(&err);
		if (f.attr == RETRIEVE_ATTR_ORGANISATION &&
		    model_stakeholder_prepare_order(l->db, &err) != JAW_OK) {
			ui_error(ui, err.msg);
			free(label);
			retrieve_filter_clear(&f);
			return UI_REDRAW;
		}
	}
	retrieve_filter_clear(&st->filter);
	st->filter = f;
	free(st->code);
	st->code = xstrdup(m->row_paths[r]);
	free(st->label);
	st->label = label;
	st->cursor[MODE_RETRIEVE] = 0;
	return analysis_set_mode(l, MODE_RETRIEVE);
}

/* %: counts, row and column percentages (crosstab); counts and Jaccard. */
static int analysis_measure(struct ui *ui, struct list *l)
{
	struct analysis_state *st = analysis_state(l);
	if (st->mode == MODE_CROSSTAB) {
		st->measure = st->measure == 0 ? 'r' : st->measure == 'r' ? 'c' : 0;
		ui_message(ui, st->measure == 'r' ? "Percentages of each row's total."
		           : st->measure == 'c' ? "Percentages of each column's total." : "Counts.");
	} else if (st->mode == MODE_COOCCUR) {
		st->measure = !st->measure;
		ui_message(ui, st->measure ? "Jaccard coefficients." : "Counts of sources.");
	} else {
		return -1;
	}
	jaw_err err;
	analysis_matrix_update(l, &err);
	l->dirty_all = true;
	return UI_REDRAW;
}

/* Shows mode m afresh from its first row. */
static void analysis_show_mode(struct list *l, enum analysis_mode m)
{
	struct analysis_state *st = analysis_state(l);
	st->cursor[m] = 0;
	if (st->mode != m)
		analysis_set_mode(l, m);
	l->cursor = l->top = 0;
	list_reload(l);
}

/* A matrix a command computed (with progress, busy): shown from now on
 * (true), or cancelled or failed, with a message, and the view left as
 * it was (false). */
static bool analysis_matrix_take(struct ui *ui, struct analysis_state *st,
                                 enum analysis_mode mode, struct ui_busy *busy, int rc,
                                 struct analysis_matrix *m, const jaw_err *err)
{
	if (ui_busy_end(busy)) {
		analysis_matrix_free(m);
		ui_message(ui, "The %s was cancelled (Esc): the view is as it was.",
		           mode == MODE_CROSSTAB ? "crosstab" : "co-occurrence");
		return false;
	}
	if (rc != JAW_OK) {
		ui_error(ui, err->msg);
		return false;
	}
	analysis_matrix_free(st->matrix);
	st->matrix = m;
	st->matrix_mode = mode;
	st->keep = true;
	return true;
}

/* :crosstab ATTR [segments|sources|respondents] */
static int analysis_command_crosstab(struct ui *ui, struct list *l, const char *args)
{
	struct analysis_state *st = analysis_state(l);
	char attr[200];
	const char *by = strchr(args, ' ');
	snprintf(attr, sizeof attr, "%.*s", by ? (int)(by - args) : (int)strlen(args), args);
	int b = 0;
	while (by && *by == ' ')
		by++;
	while (by && *by && b < 3 && strcmp(analysis_by_words[b], by) != 0)
		b++;
	if (!*attr || b == 3) {
		ui_error(ui, "crosstab: write :crosstab ATTR [segments|sources|respondents], ATTR one of "
		         ANALYSIS_ATTR_NAMES);
		return UI_REDRAW;
	}
	struct analysis_matrix *m = NULL;
	jaw_err err;
	err_clear(&err);
	struct ui_busy busy;
	ui_busy_begin(ui, &busy, "Computing the crosstab");
	int rc = analysis_crosstab_new(l->db, attr, (enum analysis_by)b, &m, &err);
	if (!analysis_matrix_take(ui, st, MODE_CROSSTAB, &busy, rc, m, &err))
		return UI_REDRAW;
	free(st->xt_attr);
	st->xt_attr = xstrdup(attr);
	st->xt_by = (enum analysis_by)b;
	st->col = st->col0 = st->measure = 0;
	analysis_show_mode(l, MODE_CROSSTAB);
	ui_request_view(ui, VIEW_ANALYSIS);
	return UI_LAYOUT;
}

/* :cooccurrence [overlap|same-source] */
static int analysis_command_cooccurrence(struct ui *ui, struct list *l, const char *args)
{
	struct analysis_state *st = analysis_state(l);
	if (*args && strcmp(args, "overlap") != 0 && strcmp(args, "same-source") != 0) {
		ui_error(ui, "cooccurrence: write :cooccurrence overlap or :cooccurrence same-source");
		return UI_REDRAW;
	}
	enum analysis_cooccur_mode mode = strcmp(args, "same-source") == 0 ? ANALYSIS_SAME_SOURCE
	                                                                  : ANALYSIS_OVERLAP;
	struct analysis_matrix *m = NULL;
	jaw_err err;
	err_clear(&err);
	struct ui_busy busy;
	ui_busy_begin(ui, &busy, "Computing the co-occurrence");
	int rc = analysis_cooccur_new(l->db, mode, true, &m, &err);
	if (!analysis_matrix_take(ui, st, MODE_COOCCUR, &busy, rc, m, &err))
		return UI_REDRAW;
	st->co_mode = mode;
	st->col = st->col0 = 0;
	analysis_show_mode(l, MODE_COOCCUR);
	ui_request_view(ui, VIEW_ANALYSIS);
	return UI_LAYOUT;
}

/* ---- inter-coder agreement (5) ------------------------------------------------- */


static int64_t analysis_agreement_rows(struct list *l, jaw_err *err)
{
	struct analysis_state *st = analysis_state(l);
	if (st->keep && st->agree) {
		st->keep = false;
		return st->nagree;
	}
	st->keep = false;
	if (st->ncoders < 2) {
		analysis_drop_agreement(st);
		return 0;
	}
	jaw_err why;
	err_clear(&why);
	struct analysis_agreement_row *rows = NULL;
	int nrows = 0;
	int rc = analysis_agreement_new(l->db, (const char *const *)st->coders, st->ncoders, &rows,
	                                &nrows, &why);
	/* the rows held stay until new ones are complete (Esc keeps them) */
	if (rc == JAW_OK || strcmp(why.msg, "cancelled") != 0) {
		analysis_drop_agreement(st);
		st->agree = rows;
		st->nagree = nrows;
	}
	if (rc != JAW_OK) {
		/* an empty table that says why (coders who share no source) */
		(void)err;
		snprintf(st->empty, sizeof st->empty, "%.180s", why.msg);
		return 0;
	}
	return st->nagree;
}

static int analysis_agreement_fetch(struct list *l, int64_t offset, int limit,
                                    struct list_row *rows, jaw_err *err)
{
	(void)err;
	struct analysis_state *st = analysis_state(l);
	bool two = st->ncoders == 2;
	int n = 0;
	for (int64_t i = offset; i < st->nagree && n < limit; i++, n++) {
		const struct analysis_agreement_row *r = &st->agree[i];
		struct list_row *row = &rows[n];
		row->id = r->code_id;
		row->aux[0] = (long)(1000 * (two ? r->kappa : r->alpha));
		row->cells[0] = xstrdup(r->path);
		row->cells[1] = two ? xasprintf("%.2f%%", r->agreement) : xstrdup("-");
		row->cells[2] = two ? xasprintf("%.4f", r->kappa) : xstrdup("-");
		row->cells[3] = xasprintf("%.4f", r->alpha);
		if (two)
			row->detail = xasprintf("%s: of %lld characters, %lld coded by both, %lld by %s"
			                        " alone, %lld by %s alone%s", r->path,
			                        (long long)r->characters, (long long)r->both,
			                        (long long)r->first, st->coders[0], (long long)r->second,
			                        st->coders[1], r->code_id ? " (Enter retrieves them)" : "");
		else
			row->detail = xasprintf("%s: alpha %.4f over %lld characters%s", r->path, r->alpha,
			                        (long long)r->characters,
			                        r->code_id ? " (Enter retrieves them)" : "");
	}
	return n;
}

static void analysis_agreement_header(struct list *l)
{
	wattrset(l->win, colour_attr(ROLE_HEADER));
	ui_put(l->win, analysis_state(l)->ncoders == 2 ? "Kappa" : "Alpha", l->chart_w, true);
}

/* A bar of the coefficient (aux[0], thousandths) from 0 to 1. */
static void analysis_agreement_bar(struct list *l, const struct list_row *row, attr_t attr)
{
	long v = row->aux[0] < 0 ? 0 : row->aux[0] > 1000 ? 1000 : row->aux[0];
	int len = (int)(v * l->chart_w / 1000);
	wattrset(l->win, colour_attr(row->id ? ROLE_BAR_EVENT : ROLE_BAR_PHASE));
	for (int i = 0; i < len; i++)
		waddstr(l->win, row->id ? "\u2588" : "\u2593");
	wattrset(l->win, attr);
	for (int i = len; i < l->chart_w; i++)
		waddch(l->win, ' ');
}

/* Enter on a code: its segments, by every coder. */
static int analysis_agreement_open(struct list *l, const struct list_row *row)
{
	struct analysis_state *st = analysis_state(l);
	if (!row->id)
		return UI_NONE;
	retrieve_filter_clear(&st->filter);
	st->filter.code_id = row->id;
	free(st->code);
	st->code = xstrdup(row->cells[0]);
	free(st->label);
	st->label = xstrdup("");
	st->cursor[MODE_RETRIEVE] = 0;
	return analysis_set_mode(l, MODE_RETRIEVE);
}


/* :agreement CODER CODER... */
static int analysis_command_agreement(struct ui *ui, struct list *l, const char *args)
{
	struct analysis_state *st = analysis_state(l);
	char *coders[ANALYSIS_MAX_CODERS];
	int n = 0;
	for (const char *p = args; *p && n < ANALYSIS_MAX_CODERS;) {
		size_t len = strcspn(p, " ");
		coders[n++] = xstrndup(p, len);
		p += len;
		while (*p == ' ')
			p++;
	}
	if (n < 2) {
		while (n > 0)
			free(coders[--n]);
		ui_error(ui, "agreement: write :agreement CODER CODER (two coders or more)");
		return UI_REDRAW;
	}
	/* computed here, so that Esc leaves the view as it was */
	struct analysis_agreement_row *rows = NULL;
	int nrows = 0;
	jaw_err why;
	err_clear(&why);
	struct ui_busy busy;
	ui_busy_begin(ui, &busy, "Computing the agreement");
	int rc = analysis_agreement_new(l->db, (const char *const *)coders, n, &rows, &nrows, &why);
	if (ui_busy_end(&busy)) {
		ui_message(ui, "The agreement was cancelled (Esc): the view is as it was.");
		while (n > 0)
			free(coders[--n]);
		return UI_REDRAW;
	}
	analysis_drop_coders(st);
	memcpy(st->coders, coders, (size_t)n * sizeof *coders);
	st->ncoders = n;
	analysis_drop_agreement(st);
	if (rc == JAW_OK) {
		st->agree = rows;
		st->nagree = nrows;
		st->keep = true;
	}
	analysis_show_mode(l, MODE_AGREEMENT);
	ui_request_view(ui, VIEW_ANALYSIS);
	return UI_LAYOUT;
}

/* ---- saturation (6) ------------------------------------------------------------ */

static int64_t analysis_saturation_rows(struct list *l, jaw_err *err)
{
	struct analysis_state *st = analysis_state(l);
	/* every row computed once into a TEMP table, the pages read from it;
	 * kept while other modes are shown until the project changes */
	if (st->saturated >= 0) {
		st->max = st->saturated_max;
		return st->saturated;
	}
	st->max = analysis_saturation_total(l->db, err);
	st->saturated = st->max < 0 ? -1 : analysis_saturation_build(l->db, err);
	st->saturated_max = st->max;
	return st->saturated;
}

static int analysis_saturation_fetch(struct list *l, int64_t offset, int limit,
                                     struct list_row *rows, jaw_err *err)
{
	struct analysis_saturation_row *r = xcalloc((size_t)limit, sizeof *r);
	int n = analysis_saturation_built_page(l->db, offset, limit, r, err);
	for (int i = 0; i < n; i++) {
		struct list_row *row = &rows[i];
		row->id = r[i].source_id;
		row->aux[0] = (long)r[i].new_codes;
		row->aux[1] = (long)r[i].total_codes;
		row->cells[0] = xasprintf("%lld", (long long)r[i].position);
		row->cells[1] = xstrdup(*r[i].date ? r[i].date : "-");
		row->cells[2] = xasprintf("%lld", (long long)r[i].new_codes);
		row->cells[3] = xasprintf("%lld", (long long)r[i].total_codes);
		row->cells[4] = xstrdup(r[i].title);
		row->detail = r[i].new_codes
		            ? xasprintf("%s: %lld new code%s (%s), %lld so far (Enter reads it)",
		                        r[i].title, (long long)r[i].new_codes,
		                        r[i].new_codes == 1 ? "" : "s", r[i].codes,
		                        (long long)r[i].total_codes)
		            : xasprintf("%s: no new code, %lld so far (Enter reads it)", r[i].title,
		                        (long long)r[i].total_codes);
		analysis_saturation_row_clear(&r[i]);
	}
	free(r);
	return n;
}

static void analysis_saturation_header(struct list *l)
{
	wattrset(l->win, colour_attr(ROLE_HEADER));
	ui_put(l->win, "Codes so far (\u2593 new)", l->chart_w, true);
}

/* The running total (aux[1]) against all the codes used, its new codes
 * (aux[0]) at the end in the shade and colour of roll-ups. */
static void analysis_saturation_bar(struct list *l, const struct list_row *row, attr_t attr)
{
	int64_t max = analysis_state(l)->max;
	int all = max > 0 ? (int)(row->aux[1] * l->chart_w / max) : 0;
	int old = max > 0 ? (int)((row->aux[1] - row->aux[0]) * l->chart_w / max) : 0;
	if (row->aux[0] > 0 && all == old && all < l->chart_w)
		all++;
	wattrset(l->win, colour_attr(ROLE_BAR_EVENT));
	for (int i = 0; i < old; i++)
		waddstr(l->win, "\u2588");
	wattrset(l->win, colour_attr(ROLE_BAR_PHASE));
	for (int i = old; i < all; i++)
		waddstr(l->win, "\u2593");
	wattrset(l->win, attr);
	for (int i = all; i < l->chart_w; i++)
		waddch(l->win, ' ');
}

/* ---- full-text search (7) and coding its hits ------------------------------------ */

static int64_t analysis_search_rows(struct list *l, jaw_err *err)
{
	struct analysis_state *st = analysis_state(l);
	/* a new query or a changed project: ranked afresh */
	search_ranked_free(st->hits);
	st->hits = NULL;
	if (!st->query)
		return 0;
	jaw_err why;
	err_clear(&why);
	/* many hits: counted to the end after the first page is shown */
	int64_t n = search_text_count_upto(l->db, st->query, ANALYSIS_COUNT_AT_ONCE, &why);
	if (n < 0) {
		/* a query with nothing to search for: an empty list that says so */
		(void)err;
		snprintf(st->empty, sizeof st->empty, "%.180s", why.msg);
		return 0;
	}
	snprintf(st->empty, sizeof st->empty, "nothing matches \"%.100s\"", st->query);
	/* many hits: the first page by source at once, ranked after it is
	 * shown (analysis_search_rank) */
	st->ranked = n <= ANALYSIS_RANK_AT_ONCE && !st->unranked;
	st->counted = n <= ANALYSIS_COUNT_AT_ONCE;
	if (st->ranked && !(st->hits = search_ranked_new(l->db, st->query, n, err)))
		return -1;
	return n;
}

static int analysis_search_fetch(struct list *l, int64_t offset, int limit,
                                 struct list_row *rows, jaw_err *err);

/* Ranks the hits of a search shown by source, once its first page is on
 * screen: the page best first replaces it; Esc leaves it by source. */
static int analysis_search_rank(struct list *l, jaw_err *err)
{
	struct analysis_state *st = analysis_state(l);
	if (st->ranked || st->unranked || l->nrows == 0)
		return JAW_OK;
	list_draw(l, true);
	doupdate();
	int vis = l->nrows;
	struct list_row *rows = xcalloc((size_t)vis, sizeof *rows);
	char what[80];
	snprintf(what, sizeof what, st->counted ? "Ranking %lld hits" : "Counting and ranking the hits",
	         (long long)l->count);
	struct ui_busy busy;
	ui_busy_begin(l->ui, &busy, what);
	int64_t count = st->counted ? l->count : search_text_count(l->db, st->query, err);
	search_ranked_free(st->hits);
	st->hits = count < 0 ? NULL : search_ranked_new(l->db, st->query, count, err);
	st->ranked = st->hits != NULL;
	int n = !st->hits ? -1 : analysis_search_fetch(l, l->top, vis, rows, err);
	bool cancelled = ui_busy_end(&busy);
	if (cancelled || n < 0) {
		st->ranked = false;
		st->unranked = cancelled;
		for (int i = 0; n > 0 && i < n; i++)
			list_row_clear(&rows[i]);
		free(rows);
		if (cancelled)
			ui_message(l->ui, st->counted ? "The ranking was cancelled (Esc): the hits are in"
			           " the order of sources." : "The count was cancelled (Esc): the first"
			           " hits are shown in the order of sources.");
		return cancelled ? JAW_OK : JAW_FAIL;
	}
	for (int i = 0; i < l->nrows; i++)
		list_row_clear(&l->rows[i]);
	l->count = count;
	st->counted = true;
	memcpy(l->rows, rows, (size_t)n * sizeof *rows);
	l->nrows = n;
	l->dirty_all = true;
	free(rows);
	return JAW_OK;
}

static int analysis_search_fetch(struct list *l, int64_t offset, int limit,
                                 struct list_row *rows, jaw_err *err)
{
	struct analysis_state *st = analysis_state(l);
	struct search_hit *h = xcalloc((size_t)limit, sizeof *h);
	/* ranked: the page from the hits kept, and the last hits ranked with
	 * the first (G goes there) */
	int64_t changes = db_total_changes(l->db); /* the chunks ranked into the TEMP table */
	int n = st->ranked && st->hits
	      ? search_ranked_page(st->hits, offset, limit, h, err)
	      : search_text_page_in(l->db, st->query, SEARCH_SOURCES, offset, limit, h, err);
	if (n >= 0 && st->ranked && st->hits) {
		struct search_hit end;
		int64_t last = search_ranked_count(st->hits) - 1;
		int got = last >= offset + limit ? search_ranked_page(st->hits, last, 1, &end, err) : 0;
		if (got > 0)
			search_hit_clear(&end);
		if (got < 0) {
			while (n > 0)
				search_hit_clear(&h[--n]);
			n = -1;
		}
	}
	st->own_changes += db_total_changes(l->db) - changes;
	for (int i = 0; i < n; i++) {
		struct list_row *row = &rows[i];
		const char *sn = h[i].snippet;
		row->id = h[i].source_id;
		row->aux[0] = (long)(h[i].start > 0 ? h[i].start : 0);
		row->aux[1] = (long)(h[i].end > 0 ? h[i].end : 0);
		row->cells[0] = model_source_label_new(l->db, h[i].source_id, err);
		row->cells[1] = xasprintf("%.2f", -h[i].rank);
		row->cells[CELL_BEFORE] = xstrndup(sn, h[i].mark_start);
		row->cells[CELL_TEXT] = xstrndup(sn + h[i].mark_start, h[i].mark_end - h[i].mark_start);
		row->cells[CELL_AFTER] = xstrdup(sn + h[i].mark_end);
		row->detail = xasprintf("%s: %s (Enter reads it there; c codes every hit, S every"
		                        " hit's sentence)", row->cells[0], sn);
		search_hit_clear(&h[i]);
	}
	free(h);
	return n;
}

/* What coding the hits is asked to do. */
struct analysis_code_ask {
	char *query;
	enum analysis_hit_unit unit;
	int64_t code_id;
	char *code;
};

static void analysis_code_ask_free(void *p)
{
	struct analysis_code_ask *k = p;
	if (!k)
		return;
	free(k->query);
	free(k->code);
	free(k);
}

static const char *analysis_unit_word(enum analysis_hit_unit unit)
{
	return unit == ANALYSIS_HIT_SENTENCE ? "sentences" : "hits";
}

/* y: codes them, as one change. */
static int analysis_code_hits_yes(struct ui *ui, void *ctx)
{
	struct analysis_code_ask *k = ctx;
	char *coder = ui_coder_new(ui);
	struct analysis_hits h;
	jaw_err err;
	err_clear(&err);
	int rc = analysis_code_hits(ui->db, coder, k->query, k->code_id, k->unit, &h, &err);
	free(coder);
	return ui_after_change(ui, rc, &err, "Coded %lld %s of \"%.100s\" with %.100s (u undoes"
	                       " them all).", (long long)h.coded, analysis_unit_word(k->unit),
	                       k->query, k->code);
}

/* The code picked: how many that codes, then y/n. */
static int analysis_code_hits_picked(struct ui *ui, void *ctx, int64_t id,
                                     const struct list_row *row)
{
	(void)row;
	struct analysis_code_ask *k = ctx, *ask = xcalloc(1, sizeof *ask);
	char *coder = ui_coder_new(ui);
	struct analysis_hits h;
	jaw_err err;
	err_clear(&err);
	struct code code;
	int rc = codebook_get(ui->db, id, &code, &err);
	if (rc == JAW_OK)
		rc = analysis_hits_count(ui->db, k->query, k->unit, coder, id, &h, &err);
	free(coder);
	if (rc != JAW_OK) {
		free(ask);
		ui_error(ui, err.msg);
		return UI_REDRAW;
	}
	ask->query = xstrdup(k->query);
	ask->unit = k->unit;
	ask->code_id = id;
	ask->code = xstrdup(code.name);
	codebook_code_clear(&code);
	if (h.units == h.already) {
		ui_message(ui, "Every one of the %lld %s is coded %s already.", (long long)h.units,
		           analysis_unit_word(k->unit), ask->code);
		analysis_code_ask_free(ask);
		return UI_REDRAW;
	}
	char question[400];
	snprintf(question, sizeof question, "Code %lld %s (%lld hits in %lld sources%s) with %.80s?",
	         (long long)(h.units - h.already), analysis_unit_word(k->unit), (long long)h.hits,
	         (long long)h.sources, h.already ? ", less those coded already" : "", ask->code);
	prompt_confirm(ui, question, analysis_code_hits_yes, ask, analysis_code_ask_free);
	return UI_REDRAW;
}

/* c and S: code every hit, or its sentence, with a code picked. */
static int analysis_code_hits_ask(struct ui *ui, struct list *l, enum analysis_hit_unit unit)
{
	struct analysis_state *st = analysis_state(l);
	if (st->mode != MODE_SEARCH)
		return -1;
	if (!st->query || l->count == 0) {
		ui_message(ui, "Nothing to code: :find WORDS searches the evidence first.");
		return UI_REDRAW;
	}
	struct analysis_code_ask *k = xcalloc(1, sizeof *k);
	k->query = xstrdup(st->query);
	k->unit = unit;
	char *coder = ui_coder_new(ui);
	picker_code(ui, unit == ANALYSIS_HIT_SENTENCE ? " Code every hit's sentence with (Esc) "
	                                               : " Code every hit with (Esc) ",
	            coder, 0, analysis_code_hits_picked, k, analysis_code_ask_free);
	free(coder);
	return UI_REDRAW;
}

/* !: cites a retrieved segment (its coding), or the sentence of a search
 * hit, in a finding picked. */
static int analysis_cite(struct ui *ui, struct list *l, const struct list_row *row)
{
	enum analysis_mode mode = analysis_state(l)->mode;
	if ((mode != MODE_RETRIEVE && mode != MODE_SEARCH) || !row) {
		ui_message(ui, "! cites a segment: retrieve some (1) or search (7) first.");
		return UI_REDRAW;
	}
	if (mode == MODE_RETRIEVE) {
		struct findings_cite_target t = {.coding_id = row->id};
		findings_cite(ui, &t, "the segment");
		return UI_REDRAW;
	}
	if (row->aux[1] <= row->aux[0]) {
		ui_message(ui, "Only the title of this source matches: open it and cite from the"
		           " reader.");
		return UI_REDRAW;
	}
	jaw_err err;
	err_clear(&err);
	struct source *src = model_source_get_new(ui->db, row->id, &err);
	if (!src) {
		ui_error(ui, err.msg);
		return UI_REDRAW;
	}
	struct text *t = text_new(src->text, strlen(src->text));
	size_t s = (size_t)row->aux[0], e = (size_t)row->aux[1];
	if (!text_sentence_at(t, s, &s, &e) || e <= s || s > (size_t)row->aux[0])
		s = (size_t)row->aux[0], e = (size_t)row->aux[1];
	for (uint32_t c; e > s && ((c = text_cp(t, e - 1)) == ' ' || c == '\t' || c == '\n');)
		e--;
	text_free(t);
	model_source_free(src);
	struct findings_cite_target target = {.source_id = row->id, .start = (int64_t)s,
	                                      .end = (int64_t)e};
	findings_cite(ui, &target, "the hit's sentence");
	return UI_REDRAW;
}

/* :find WORDS */
static int analysis_command_find(struct ui *ui, struct list *l, const char *args)
{
	struct analysis_state *st = analysis_state(l);
	if (!*args) {
		ui_error(ui, "find: write :find WORDS (\"a phrase\", prefix*, AND, OR, NOT)");
		return UI_REDRAW;
	}
	free(st->query);
	st->query = xstrdup(args);
	st->unranked = false;
	analysis_show_mode(l, MODE_SEARCH);
	ui_request_view(ui, VIEW_ANALYSIS);
	return UI_LAYOUT;
}

/* ---- survey questions (8; analysis_likert.c) ---------------------------------- */

/* :likert [ATTR] */
static int analysis_command_likert(struct ui *ui, struct list *l, const char *args)
{
	if (!likert_mode_set_attribute(analysis_state(l)->likert, ui, l, args))
		return UI_REDRAW;
	analysis_show_mode(l, MODE_LIKERT);
	ui_request_view(ui, VIEW_ANALYSIS);
	return UI_LAYOUT;
}

/* Enter on a Likert cell: the coded answers of the respondents behind it. */
static int analysis_likert_open(struct ui *ui, struct list *l)
{
	struct analysis_state *st = analysis_state(l);
	struct retrieve_filter f = {0};
	char *label;
	if (!likert_mode_open(st->likert, ui, l, &f, &label))
		return UI_REDRAW;
	retrieve_filter_clear(&st->filter);
	st->filter = f;
	free(st->code);
	st->code = NULL;
	free(st->label);
	st->label = label;
	st->cursor[MODE_RETRIEVE] = 0;
	return analysis_set_mode(l, MODE_RETRIEVE);
}

/* ---- the modes, the title and the filter ------------------------------------ */

static int64_t analysis_count_mode(struct list *l, jaw_err *err)
{
	struct analysis_state *st = analysis_state(l);
	/* the project changed since the last count (here or in another
	 * session): the tables kept are computed again */
	if (db_data_version(l->db) != st->counted_version ||
	    db_total_changes(l->db) - st->own_changes != st->counted_changes) {
		analysis_drop_codes(st);
		st->saturated = -1;
	}
	switch (st->mode) {
	case MODE_CODES: return analysis_codes_rows(l, err);
	case MODE_CROSSTAB:
	case MODE_COOCCUR: return analysis_matrix_rows(l, err);
	case MODE_AGREEMENT: return analysis_agreement_rows(l, err);
	case MODE_SATURATION: return analysis_saturation_rows(l, err);
	case MODE_SEARCH: return analysis_search_rows(l, err);
	case MODE_LIKERT: return likert_mode_rows(analysis_state(l)->likert, l, err);
	default: return analysis_retrieve_count(l, err);
	}
}

static int analysis_fetch_mode(struct list *l, int64_t offset, int limit,
                               struct list_row *rows, jaw_err *err)
{
	switch (analysis_state(l)->mode) {
	case MODE_CODES: return analysis_codes_fetch(l, offset, limit, rows, err);
	case MODE_CROSSTAB:
	case MODE_COOCCUR: return analysis_matrix_fetch(l, offset, limit, rows, err);
	case MODE_AGREEMENT: return analysis_agreement_fetch(l, offset, limit, rows, err);
	case MODE_SATURATION: return analysis_saturation_fetch(l, offset, limit, rows, err);
	case MODE_SEARCH: return analysis_search_fetch(l, offset, limit, rows, err);
	case MODE_LIKERT: return likert_mode_fetch(analysis_state(l)->likert, offset, limit, rows);
	default: return analysis_retrieve_fetch(l, offset, limit, rows, err);
	}
}

/* What each mode computes, for the progress line of a long computation
 * ("Computing the crosstab...") and the message of a cancel. */
static const char *analysis_busy_what(enum analysis_mode m)
{
	static const char *const what[MODE_COUNT] = {
		[MODE_RETRIEVE] = "retrieval", [MODE_CODES] = "frequencies", [MODE_CROSSTAB] = "crosstab",
		[MODE_COOCCUR] = "co-occurrence", [MODE_AGREEMENT] = "agreement",
		[MODE_SATURATION] = "saturation", [MODE_SEARCH] = "search",
		[MODE_LIKERT] = "survey questions",
	};
	return what[m] ? what[m] : "table";
}

static int64_t analysis_count(struct list *l, jaw_err *err);

/* Esc cancelled the computation of the mode shown: back to the mode
 * shown before, with what it held (a matrix, an agreement) and its
 * cursor; returns its count. Cancelled again, or with none before, the
 * list is empty and says so. */
static int64_t analysis_cancelled(struct list *l, jaw_err *err)
{
	struct analysis_state *st = analysis_state(l);
	enum analysis_mode was = st->mode;
	ui_message(l->ui, "The %s was cancelled (Esc): the view is as it was.",
	           analysis_busy_what(was));
	if (st->restoring || st->prev == was) {
		snprintf(st->empty, sizeof st->empty, "the %s was cancelled: Ctrl-L computes it again",
		         analysis_busy_what(was));
		st->keep = false;
		return 0;
	}
	st->cursor[was] = 0;
	st->mode = st->prev;
	l->ops = analysis_modes[st->mode];
	l->cursor = st->cursor[st->mode];
	l->top = 0;
	st->keep = true;
	st->restoring = true;
	int64_t n = analysis_count(l, err);
	st->restoring = false;
	st->keep = false;
	return n;
}

/* The mode's count, the long computations with their progress and Esc. */
static int64_t analysis_count(struct list *l, jaw_err *err)
{
	struct ui_busy busy;
	char what[80];
	snprintf(what, sizeof what, "Computing the %s", analysis_busy_what(analysis_state(l)->mode));
	ui_busy_begin(l->ui, &busy, what);
	int64_t n = analysis_count_mode(l, err);
	/* the project as the tables kept have it (with the TEMP tables filled) */
	struct analysis_state *st = analysis_state(l);
	st->counted_version = db_data_version(l->db);
	st->counted_changes = db_total_changes(l->db);
	st->own_changes = 0;
	if (ui_busy_end(&busy))
		return analysis_cancelled(l, err);
	return n;
}

/* The mode's page, the same way; cancelled, the page of the mode shown
 * before. */
static int analysis_fetch(struct list *l, int64_t offset, int limit, struct list_row *rows,
                          jaw_err *err)
{
	struct ui_busy busy;
	char what[80];
	snprintf(what, sizeof what, "Computing the %s", analysis_busy_what(analysis_state(l)->mode));
	ui_busy_begin(l->ui, &busy, what);
	int n = analysis_fetch_mode(l, offset, limit, rows, err);
	if (!ui_busy_end(&busy))
		return n;
	while (n > 0)
		list_row_clear(&rows[--n]);
	int64_t count = analysis_cancelled(l, err);
	if (count < 0)
		return -1;
	l->count = count;
	l->top = l->cursor < limit ? 0 : l->cursor - limit + 1;
	return count > 0 ? analysis_fetch_mode(l, l->top, limit, rows, err) : 0;
}

static const char *analysis_describe(struct list *l)
{
	struct analysis_state *st = analysis_state(l);
	if (st->mode == MODE_CODES)
		return "\u03a3: with the codes below";
	if (st->mode == MODE_LIKERT)
		return likert_mode_describe(st->likert);
	static const char *const measures[] = {"counts", "% of rows", "% of columns", "Jaccard"};
	int measure = st->measure == 'r' ? 1 : st->measure == 'c' ? 2 : st->measure ? 3 : 0;
	if (st->mode == MODE_CROSSTAB) {
		snprintf(st->title, sizeof st->title, "by %.100s, %s, %s  (h l: columns, p: percent)",
		         st->xt_attr, analysis_by_words[st->xt_by], measures[measure]);
		return st->title;
	}
	if (st->mode == MODE_SATURATION)
		return "coded sources by date: new codes, codes so far";
	if (st->mode == MODE_SEARCH) {
		snprintf(st->title, sizeof st->title, "%.200s, %s%s", st->query ? st->query : "",
		         st->ranked ? "best first" : "in the order of sources",
		         st->counted ? "" : " (over 10,000 hits, not all counted)");
		return st->query ? st->title : NULL;
	}
	if (st->mode == MODE_AGREEMENT) {
		size_t len = (size_t)snprintf(st->title, sizeof st->title, "of");
		for (int i = 0; i < st->ncoders && len < sizeof st->title; i++)
			len += (size_t)snprintf(st->title + len, sizeof st->title - len, "%s%.60s",
			                        i == 0 ? " " : i == st->ncoders - 1 ? " and " : ", ",
			                        st->coders[i]);
		return st->ncoders ? st->title : NULL;
	}
	if (st->mode == MODE_COOCCUR) {
		snprintf(st->title, sizeof st->title, "sources where codings %s, %s  (h l: columns,"
		         " p: Jaccard)", st->co_mode == ANALYSIS_OVERLAP ? "overlap" : "share the source",
		         measures[measure ? 3 : 0]);
		return st->title;
	}
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
	if (st->mode == MODE_CROSSTAB) {
		snprintf(st->empty, sizeof st->empty, "no coded segment has a value of %.100s:"
		         " :crosstab chooses another attribute", st->xt_attr);
		return st->empty;
	}
	if (st->mode == MODE_COOCCUR)
		return "nothing is coded yet: code a source in the reader (Enter on it in Evidence)";
	if (st->mode == MODE_SEARCH)
		return st->query ? st->empty : "search the evidence: :find WORDS";
	if (st->mode == MODE_AGREEMENT)
		return st->ncoders ? st->empty : "name the coders to compare: :agreement CODER CODER";
	return NULL;
}

/* Switches to mode m, where the cursor was when that mode was left. */
static int analysis_set_mode(struct list *l, enum analysis_mode m)
{
	struct analysis_state *st = analysis_state(l);
	st->cursor[st->mode] = l->cursor;
	if (st->mode != m)
		st->prev = st->mode;
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
	case ACTION_ANALYSIS_CROSSTAB: return analysis_set_mode(l, MODE_CROSSTAB);
	case ACTION_ANALYSIS_COOCCURRENCE: return analysis_set_mode(l, MODE_COOCCUR);
	case ACTION_ANALYSIS_AGREEMENT: return analysis_set_mode(l, MODE_AGREEMENT);
	case ACTION_ANALYSIS_SATURATION: return analysis_set_mode(l, MODE_SATURATION);
	case ACTION_ANALYSIS_SEARCH: return analysis_set_mode(l, MODE_SEARCH);
	case ACTION_ANALYSIS_LIKERT: return analysis_set_mode(l, MODE_LIKERT);
	case ACTION_CODE_HITS: return analysis_code_hits_ask(ui, l, ANALYSIS_HIT_WORDS);
	case ACTION_CODE_SENTENCES: return analysis_code_hits_ask(ui, l, ANALYSIS_HIT_SENTENCE);
	case ACTION_ANALYSIS_MEASURE:
		if (analysis_state(l)->mode == MODE_LIKERT)
			return likert_mode_measure(analysis_state(l)->likert, ui, l);
		return analysis_measure(ui, l);
	case ACTION_MOVE_LEFT:
	case ACTION_MOVE_RIGHT:
		if (analysis_state(l)->mode == MODE_LIKERT)
			return likert_mode_column(analysis_state(l)->likert, l,
			                          a == ACTION_MOVE_LEFT ? -1 : 1);
		if (analysis_state(l)->mode != MODE_CROSSTAB && analysis_state(l)->mode != MODE_COOCCUR)
			return -1;
		return analysis_matrix_column(l, a == ACTION_MOVE_LEFT ? -1 : 1);
	case ACTION_TOGGLE_VIEW:
		return analysis_set_mode(l, (analysis_state(l)->mode + 1) % MODE_COUNT);
	case ACTION_ANALYSIS_CHILDREN: return analysis_toggle_children(ui, l);
	case ACTION_CITE: return analysis_cite(ui, l, row);
	case ACTION_CLEAR_FILTER:
		ui_message(ui, "Every coded segment.");
		return analysis_retrieve(ui, l, "");
	case ACTION_OPEN:
		if (!row)
			return -1;
		if (analysis_state(l)->mode == MODE_CODES)
			return analysis_codes_open(ui, l, row);
		if (analysis_state(l)->mode == MODE_AGREEMENT)
			return analysis_agreement_open(l, row);
		if (analysis_state(l)->mode == MODE_LIKERT)
			return analysis_likert_open(ui, l);
		if (analysis_state(l)->mode == MODE_SATURATION || analysis_state(l)->mode == MODE_SEARCH) {
			ui_request_source(ui, row->id, row->aux[0]);
			return UI_REDRAW;
		}
		if (analysis_state(l)->mode >= MODE_CROSSTAB)
			return analysis_matrix_open(ui, l);
		ui_request_source(ui, row->aux[0], row->aux[1]);
		return UI_REDRAW;
	default: return -1;
	}
}

static const struct ui_command analysis_commands[] = {
	{"retrieve", "[code=NAME] [children=yes] [kind=K] [organisation=NAME] [coder=C] [from=D]"
	 " [to=D] ...", "Retrieve the coded segments that match in the analysis view (no"
	 " argument: all)", analysis_command_retrieve},
	{"crosstab", "ATTR [segments|sources|respondents]", "Count the codes by an attribute"
	 " (organisation, organisation-direct, stakeholder-kind, role, event, source-kind or a"
	 " survey attribute)", analysis_command_crosstab},
	{"cooccurrence", "[overlap|same-source]", "Count the sources where two codes' codings"
	 " overlap (or share the source)", analysis_command_cooccurrence},
	{"find", "WORDS", "Search the text of the evidence and survey answers, best first (in"
	 " the analysis view; c there codes every hit)", analysis_command_find},
	{"agreement", "CODER CODER...", "Compare coders: percent agreement, Cohen's kappa and"
	 " Krippendorff's alpha per code", analysis_command_agreement},
	{"likert", "[ATTR]", "The answers to each Likert item, overall and by a survey attribute"
	 " (in the analysis view)", analysis_command_likert},
};

static const struct view_action analysis_actions[] = {
	{ACTION_ANALYSIS_RETRIEVE, 0, "The coded segments (:retrieve chooses which), in context"},
	{ACTION_ANALYSIS_CODES, 0, "Code frequencies: segments, sources, stakeholders, respondents"},
	{ACTION_ANALYSIS_CROSSTAB, 0, "Crosstab: codes by an attribute (:crosstab chooses it)"},
	{ACTION_ANALYSIS_COOCCURRENCE, 0, "Co-occurrence: codes by codes (:cooccurrence)"},
	{ACTION_ANALYSIS_AGREEMENT, 0, "Inter-coder agreement per code (:agreement names the"
	 " coders)"},
	{ACTION_ANALYSIS_SATURATION, 0, "Saturation: the new codes of each source in date order"},
	{ACTION_ANALYSIS_SEARCH, 0, "Full-text search (:find WORDS): each source's best match"
	 " in context"},
	{ACTION_ANALYSIS_LIKERT, 0, "Survey questions: each Likert item's answers, overall and"
	 " by a survey attribute (:likert ATTR chooses it)"},
	{ACTION_CODE_HITS, 0, "Search: code every hit with a code (asks first; u undoes all)"},
	{ACTION_CODE_SENTENCES, 0, "Search: code the sentence of every hit (asks first)"},
	{ACTION_TOGGLE_VIEW, 0, "Go round the modes"},
	{ACTION_MOVE_LEFT, 1, "Crosstab, co-occurrence, survey questions: the column to the left,"
	 " or right"},
	{ACTION_ANALYSIS_MEASURE, 0, "Crosstab: counts, row or column percentages;"
	 " co-occurrence: counts or Jaccard; survey questions: counts or percentages of n"},
	{ACTION_OPEN, 0, "On a segment or a source: read it in the reader (q there comes back"
	 " here); on a code or a cell: retrieve its segments"},
	{ACTION_ANALYSIS_CHILDREN, 0, "Retrieve the codes below the code too, or not"},
	{ACTION_CITE, 0, "Cite the segment (or the search hit's sentence) in a finding you pick,"
	 " or a new one"},
	{ACTION_CLEAR_FILTER, 0, "Retrieve every coded segment again"},
};

static const struct list_column retrieve_columns[] = {
	{"Code", 16, 1, 0}, {"Source", 0, 0, 14}, {"From", 18, 2, 0}, {"Date", 10, 3, 0},
	{"Coder", 8, 4, 0},
};

static bool analysis_draw_body(struct list *l)
{
	enum analysis_mode m = analysis_state(l)->mode;
	if (m == MODE_LIKERT)
		return likert_mode_draw(analysis_state(l)->likert, l);
	return (m == MODE_CROSSTAB || m == MODE_COOCCUR) && analysis_draw_matrix(l);
}

static int analysis_update(struct list *l, jaw_err *err)
{
	enum analysis_mode m = analysis_state(l)->mode;
	if (m == MODE_LIKERT)
		likert_mode_update(analysis_state(l)->likert, l);
	if (m == MODE_SEARCH)
		return analysis_search_rank(l, err);
	return m == MODE_CROSSTAB || m == MODE_COOCCUR ? analysis_matrix_update(l, err) : JAW_OK;
}

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
		.empty = EMPTY, .draw_body = analysis_draw_body, .update = analysis_update, \
	}

const struct view_ops view_analysis_ops =
	ANALYSIS_OPS("Analysis: retrieval", retrieve_columns, analysis_retrieve_layout,
	             analysis_retrieve_chart, analysis_retrieve_header,
	             "nothing is coded yet: code a source in the reader (Enter on it in Evidence)");

static const struct view_ops analysis_codes_ops =
	ANALYSIS_OPS("Analysis: code frequencies", code_columns, analysis_bar_layout, analysis_bar,
	             analysis_bar_header, "no codes yet: C opens the codebook");

static const struct list_column matrix_columns[] = {{"Code", 0, 0, 10}};

static const struct view_ops analysis_crosstab_ops =
	ANALYSIS_OPS("Analysis: crosstab", matrix_columns, NULL, NULL, NULL,
	             "no codes yet: C opens the codebook");
static const struct view_ops analysis_cooccur_ops =
	ANALYSIS_OPS("Analysis: co-occurrence", matrix_columns, NULL, NULL, NULL,
	             "no codes yet: C opens the codebook");

static const struct list_column agreement_columns[] = {
	{"Code", 0, 0, 16}, {"Agreement", 9, 1, 0}, {"Kappa", 7, 0, 0}, {"Alpha", 7, 2, 0},
};

static const struct view_ops analysis_agreement_ops =
	ANALYSIS_OPS("Analysis: inter-coder agreement", agreement_columns, analysis_bar_layout,
	             analysis_agreement_bar, analysis_agreement_header,
	             "name the coders to compare: :agreement CODER CODER");

static const struct list_column saturation_columns[] = {
	{"#", 5, 3, 0}, {"Date", 10, 2, 0}, {"New", 4, 0, 0}, {"Codes", 5, 1, 0},
	{"Source", 0, 0, 12},
};

static const struct view_ops analysis_saturation_ops =
	ANALYSIS_OPS("Analysis: saturation", saturation_columns, analysis_bar_layout,
	             analysis_saturation_bar, analysis_saturation_header,
	             "nothing is coded yet: code a source in the reader (Enter on it in Evidence)");

static const struct list_column search_columns[] = {
	{"Source", 0, 0, 14}, {"Score", 6, 1, 0},
};

static const struct view_ops analysis_search_ops =
	ANALYSIS_OPS("Analysis: search", search_columns, analysis_retrieve_layout,
	             analysis_retrieve_chart, analysis_search_header,
	             "search the evidence: :find WORDS");

static const struct list_column likert_columns[] = {{"Answer", 0, 0, 10}};

static const struct view_ops analysis_likert_ops =
	ANALYSIS_OPS("Analysis: survey questions", likert_columns, NULL, NULL, NULL,
	             "no Likert item yet: import a survey (i in the survey view, U)");

static const struct view_ops *const analysis_modes[MODE_COUNT] = {
	&view_analysis_ops, &analysis_codes_ops, &analysis_crosstab_ops, &analysis_cooccur_ops,
	&analysis_agreement_ops, &analysis_saturation_ops, &analysis_search_ops, &analysis_likert_ops,
};
