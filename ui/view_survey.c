/* view_survey.c - the survey results, full screen (U; q goes back), in four
 * modes: the respondents with their attribute and Likert values (1); the
 * questions, with the answers to the selected one as a bar chart (2); the
 * open answers to a question, Enter reads and codes one in the reader (3);
 * the codings of the open answers counted by a respondent attribute (4),
 * where Enter lists the coded segments behind a count.
 * Enter on a question opens its open answers or its codings table; [ and ]
 * switch between surveys; i (or a) imports a CSV file. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "utf8.h"
#include "xalloc.h"

enum survey_mode { MODE_RESPONDENTS, MODE_QUESTIONS, MODE_ANSWERS, MODE_CODINGS, MODE_COUNT };

enum { SURVEY_CHROME = 2, SURVEY_MAX_BARS = 100 };

struct survey_state {
	enum survey_mode mode;
	int64_t index;                 /* the survey shown, in import order */
	int64_t nsurveys;
	struct survey survey;          /* the survey shown (id 0: none) */
	int64_t text_column;           /* the question of the answers mode */
	int64_t attr_column;           /* the attribute of the codings mode */
	char *text_label, *attr_label;
	int64_t cursor[MODE_COUNT];    /* where each mode's cursor was */
	bool codings_cancelled;        /* Esc cancelled the count of the codings mode */
	int64_t dist_column;           /* the column whose distribution is read */
	struct survey_count *dist;
	int ndist;
	char title[400];
};

static const struct view_ops *const survey_modes[MODE_COUNT];

static struct survey_state *survey_state(struct list *l)
{
	if (!l->state)
		l->state = xcalloc(1, sizeof(struct survey_state));
	return l->state;
}

static void survey_drop_dist(struct survey_state *st)
{
	for (int i = 0; i < st->ndist; i++)
		model_survey_count_clear(&st->dist[i]);
	free(st->dist);
	st->dist = NULL;
	st->ndist = 0;
	st->dist_column = 0;
}

/* Forgets the columns chosen for the answers and codings modes. */
static void survey_drop_columns(struct survey_state *st)
{
	st->text_column = st->attr_column = 0;
	free(st->text_label);
	free(st->attr_label);
	st->text_label = st->attr_label = NULL;
	survey_drop_dist(st);
}

static void survey_free_state(void *p)
{
	struct survey_state *st = p;
	if (!st)
		return;
	survey_drop_columns(st);
	model_survey_clear(&st->survey);
	free(st);
}

/* Reads the survey at st->index (the last one if there are fewer). */
static int survey_load(struct list *l, jaw_err *err)
{
	struct survey_state *st = survey_state(l);
	st->nsurveys = model_survey_count(l->db, err);
	if (st->nsurveys < 0)
		return JAW_FAIL;
	if (st->index >= st->nsurveys)
		st->index = st->nsurveys > 0 ? st->nsurveys - 1 : 0;
	int64_t old = st->survey.id;
	model_survey_clear(&st->survey);
	if (st->nsurveys > 0 && model_survey_page(l->db, st->index, 1, &st->survey, err) != 1)
		return JAW_FAIL;
	if (st->survey.id != old)
		survey_drop_columns(st);
	return JAW_OK;
}

/* Makes *column a column of the survey shown: the first with role if unset. */
static int survey_pick_column(struct list *l, int64_t *column, char **label, const char *role,
                              jaw_err *err)
{
	struct survey_state *st = survey_state(l);
	if (*column == 0) {
		*column = model_survey_first_column(l->db, st->survey.id, role, err);
		if (*column < 0) {
			*column = 0;
			return JAW_FAIL;
		}
	}
	if (*column > 0 && !*label) {
		struct survey_column_info c;
		if (model_survey_column_get(l->db, *column, &c, err) != JAW_OK)
			return JAW_FAIL;
		*label = xstrdup(c.label);
		model_survey_column_clear(&c);
	}
	return JAW_OK;
}

/* Counts the codings by the attribute chosen, once (a second or more at
 * full scale: the status line says so, Esc cancels it; then the table is
 * empty and says how to count again); the pages are read from the counts. */
static int64_t survey_count_codings(struct list *l, jaw_err *err)
{
	struct survey_state *st = survey_state(l);
	char what[200];
	snprintf(what, sizeof what, "Counting the codings by %.100s",
	         st->attr_label ? st->attr_label : "the attribute");
	struct ui_busy busy;
	ui_busy_begin(l->ui, &busy, what);
	int rc = model_survey_codings_ready(l->db, st->attr_column, err);
	st->codings_cancelled = ui_busy_end(&busy);
	if (st->codings_cancelled) {
		err_clear(err);
		ui_message(l->ui, "The count was cancelled (Esc): 4 counts again.");
		return 0;
	}
	return rc == JAW_OK ? model_survey_codings_by_count(l->db, st->attr_column, err) : -1;
}

static int64_t survey_count(struct list *l, jaw_err *err)
{
	struct survey_state *st = survey_state(l);
	survey_drop_dist(st);
	if (survey_load(l, err) != JAW_OK)
		return -1;
	if (st->survey.id == 0)
		return 0;
	switch (st->mode) {
	case MODE_RESPONDENTS: return model_respondent_count(l->db, st->survey.id, err);
	case MODE_QUESTIONS: return model_survey_column_count(l->db, st->survey.id, err);
	case MODE_ANSWERS:
		if (survey_pick_column(l, &st->text_column, &st->text_label, "open_text", err) != JAW_OK)
			return -1;
		return st->text_column ? model_survey_answer_count(l->db, st->text_column, err) : 0;
	default:
		if (survey_pick_column(l, &st->attr_column, &st->attr_label, "attribute", err) != JAW_OK)
			return -1;
		return st->attr_column ? survey_count_codings(l, err) : 0;
	}
}

/* Copies text with line breaks and tabs as spaces (for one row). */
static char *survey_one_line_new(const char *text)
{
	char *s = xstrdup(text);
	for (char *p = s; *p; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	return s;
}

/* How many rows follow the page at offset when it lies in the second half
 * of the list (it is read from the end then: G and the pages near the end
 * step over few rows, not 200,000); -1 for a page read from the start. */
static int64_t survey_from_end(const struct list *l, int64_t offset, int limit)
{
	int64_t after = l->count - offset - limit;
	return offset > l->count / 2 && after >= 0 ? after : -1;
}

static int survey_fetch_respondents(struct list *l, int64_t offset, int limit,
                                    struct list_row *rows, jaw_err *err)
{
	struct survey_state *st = survey_state(l);
	struct survey_respondent *r = xcalloc((size_t)limit, sizeof *r);
	int64_t after = survey_from_end(l, offset, limit);
	int n = after >= 0 ? model_respondent_page_from_end(l->db, st->survey.id, after, limit, r, err)
	                   : model_respondent_page(l->db, st->survey.id, offset, limit, r, err);
	for (int i = 0; i < n; i++) {
		rows[i].id = r[i].id;
		rows[i].cells[0] = xstrdup(r[i].external_id);
		rows[i].cells[1] = xasprintf("%lld", (long long)r[i].line);
		rows[i].cells[2] = xasprintf("%d", r[i].open_answers);
		rows[i].cells[3] = xstrdup(r[i].values);
		rows[i].detail = xasprintf("%s (line %lld): %s; %d open answer%s (Enter)", r[i].external_id,
		                           (long long)r[i].line, r[i].described, r[i].open_answers,
		                           r[i].open_answers == 1 ? "" : "s");
		model_respondent_clear(&r[i]);
	}
	free(r);
	return n;
}

static const char *survey_role_word(const char *role)
{
	return strcmp(role, "open_text") == 0 ? "open text" : role;
}

static int survey_fetch_questions(struct list *l, int64_t offset, int limit,
                                  struct list_row *rows, jaw_err *err)
{
	struct survey_state *st = survey_state(l);
	struct survey_column_info *c = xcalloc((size_t)limit, sizeof *c);
	int n = model_survey_column_page(l->db, st->survey.id, offset, limit, c, err);
	for (int i = 0; i < n; i++) {
		bool text = strcmp(c[i].role, "open_text") == 0;
		bool counted = strcmp(c[i].role, "attribute") == 0 || strcmp(c[i].role, "likert") == 0;
		rows[i].id = c[i].id;
		rows[i].aux[0] = text ? 1 : counted ? 2 : 0;
		rows[i].aux[1] = (long)c[i].answers;
		rows[i].cells[0] = xasprintf("%d", c[i].position);
		rows[i].cells[1] = xstrdup(c[i].label);
		rows[i].cells[2] = xstrdup(survey_role_word(c[i].role));
		const char *question = *c[i].question ? c[i].question : c[i].label;
		rows[i].cells[3] = survey_one_line_new(question);
		rows[i].detail = xasprintf("%s: %s (%s, %s)%s", c[i].label, question,
		                           survey_role_word(c[i].role), c[i].value_type,
		                           text ? "; Enter lists the open answers"
		                           : counted ? "; Enter counts the codings by it" : "");
		model_survey_column_clear(&c[i]);
	}
	free(c);
	return n;
}

static int survey_fetch_answers(struct list *l, int64_t offset, int limit,
                                struct list_row *rows, jaw_err *err)
{
	struct survey_state *st = survey_state(l);
	struct survey_answer *a = xcalloc((size_t)limit, sizeof *a);
	int64_t after = survey_from_end(l, offset, limit);
	int n = after >= 0 ? model_survey_answer_page_from_end(l->db, st->text_column, after, limit,
	                                                       a, err)
	                   : model_survey_answer_page(l->db, st->text_column, offset, limit, a, err);
	for (int i = 0; i < n; i++) {
		rows[i].id = a[i].source_id;
		rows[i].cells[0] = xstrdup(a[i].respondent);
		rows[i].cells[1] = xasprintf("%lld", (long long)a[i].codings);
		rows[i].cells[2] = survey_one_line_new(a[i].text);
		rows[i].detail = xasprintf("%s, %lld coding%s: %s (Enter reads and codes it)",
		                           a[i].respondent, (long long)a[i].codings,
		                           a[i].codings == 1 ? "" : "s", rows[i].cells[2]);
		model_survey_answer_clear(&a[i]);
	}
	free(a);
	return n;
}

static int survey_fetch_codings(struct list *l, int64_t offset, int limit,
                                struct list_row *rows, jaw_err *err)
{
	struct survey_state *st = survey_state(l);
	struct survey_coding_count *c = xcalloc((size_t)limit, sizeof *c);
	int n = model_survey_codings_by(l->db, st->attr_column, offset, limit, c, err);
	for (int i = 0; i < n; i++) {
		const char *value = *c[i].value ? c[i].value : "(none)";
		rows[i].id = c[i].code_id;
		rows[i].cells[0] = xstrdup(value);
		rows[i].cells[1] = xstrdup(c[i].code);
		rows[i].cells[2] = xasprintf("%lld", (long long)c[i].codings);
		rows[i].cells[3] = xasprintf("%lld", (long long)c[i].respondents);
		rows[i].cells[4] = xstrdup(c[i].value); /* not drawn: the value as stored */
		rows[i].detail = xasprintf("%s = %s: %lld coding%s of %s by %lld respondent%s",
		                           st->attr_label ? st->attr_label : "", value,
		                           (long long)c[i].codings, c[i].codings == 1 ? "" : "s",
		                           c[i].code, (long long)c[i].respondents,
		                           c[i].respondents == 1 ? "" : "s");
		model_survey_coding_count_clear(&c[i]);
	}
	free(c);
	return n;
}

static int survey_fetch(struct list *l, int64_t offset, int limit, struct list_row *rows,
                        jaw_err *err)
{
	switch (survey_state(l)->mode) {
	case MODE_RESPONDENTS: return survey_fetch_respondents(l, offset, limit, rows, err);
	case MODE_QUESTIONS: return survey_fetch_questions(l, offset, limit, rows, err);
	case MODE_ANSWERS: return survey_fetch_answers(l, offset, limit, rows, err);
	default: return survey_fetch_codings(l, offset, limit, rows, err);
	}
}

/* / in each mode: a few queries for the next row that holds the text. */
static int64_t survey_search(struct list *l, const char *text, int64_t from, enum model_dir dir,
                             jaw_err *err)
{
	struct survey_state *st = survey_state(l);
	if (st->survey.id == 0)
		return -1;
	switch (st->mode) {
	case MODE_RESPONDENTS:
		return model_respondent_search(l->db, st->survey.id, text, from, dir, err);
	case MODE_QUESTIONS:
		return model_survey_column_search(l->db, st->survey.id, text, from, dir, err);
	case MODE_ANSWERS:
		return st->text_column ? model_survey_answer_search(l->db, st->text_column, text, from,
		                                                    dir, err) : -1;
	default:
		return st->attr_column ? model_survey_codings_search(l->db, st->attr_column, text,
		                                                     from, dir, err) : -1;
	}
}

static const char *survey_empty_state(struct list *l)
{
	struct survey_state *st = survey_state(l);
	return st->mode == MODE_CODINGS && st->codings_cancelled
	     ? "the count was cancelled (Esc): 4 counts the codings again" : NULL;
}

static const char *survey_describe(struct list *l)
{
	struct survey_state *st = survey_state(l);
	if (st->survey.id == 0)
		return "no survey yet: i imports a CSV file";
	char which[64] = "";
	if (st->nsurveys > 1)
		snprintf(which, sizeof which, " (%lld of %lld; [ ] switch)", (long long)st->index + 1,
		         (long long)st->nsurveys);
	const char *what = "", *label = "";
	if (st->mode == MODE_ANSWERS) {
		what = st->text_column ? "  answers to " : "  no open-text question";
		label = st->text_label ? st->text_label : "";
	} else if (st->mode == MODE_CODINGS) {
		what = st->attr_column ? "  by " : "  no attribute";
		label = st->attr_label ? st->attr_label : "";
	}
	snprintf(st->title, sizeof st->title, "%.200s%s%s%.100s", st->survey.name, which, what, label);
	return st->title;
}

/* ---- the questions mode: a chart of the selected question's answers ----- */

static void survey_layout_chart(struct list *l)
{
	l->chart_w = l->w >= 60 ? l->w - l->w * 9 / 20 - 1 : 0;
}

/* Reads the distribution of the selected question's answers when the
 * cursor moved to another question or the list was read again. */
static int survey_update(struct list *l, jaw_err *err)
{
	struct survey_state *st = survey_state(l);
	const struct list_row *row = list_selected(l);
	if (st->mode != MODE_QUESTIONS || !row || row->aux[0] != 2 || l->chart_w <= 0) {
		survey_drop_dist(st);
		return JAW_OK;
	}
	if (st->dist_column == row->id)
		return JAW_OK;
	survey_drop_dist(st);
	st->dist = xcalloc(SURVEY_MAX_BARS + 1, sizeof *st->dist);
	/* every respondent's answer the first time (a quarter of a second for
	 * 200,000), the counts kept after (model_survey_distribution) */
	char what[200];
	snprintf(what, sizeof what, "Counting the answers to %.100s", row->cells[1]);
	struct ui_busy busy;
	ui_busy_begin(l->ui, &busy, what);
	int n = model_survey_distribution(l->db, row->id, SURVEY_MAX_BARS + 1, st->dist, err);
	if (ui_busy_end(&busy)) {
		err_clear(err);
		ui_message(l->ui, "The count of the answers was cancelled (Esc): the chart is empty.");
		n = 0;
	}
	st->ndist = n > 0 ? n : 0;
	st->dist_column = row->id;
	return n < 0 ? JAW_FAIL : JAW_OK;
}

/* Writes text at line y of the chart area (padded to its width). */
static void survey_chart_text(struct list *l, int y, const char *text, attr_t attr)
{
	wattrset(l->win, attr);
	wmove(l->win, y, l->w - l->chart_w);
	ui_put(l->win, text, l->chart_w, true);
}

static char *survey_bar_name_new(const struct survey_count *c)
{
	/* a label that starts with its value ("3 - Sometimes") says it already */
	size_t n = strlen(c->value);
	bool says_value = n && strncmp(c->label, c->value, n) == 0 &&
	                  !(c->label[n] >= '0' && c->label[n] <= '9');
	if (*c->label && says_value)
		return xstrdup(c->label);
	if (*c->label)
		return xasprintf("%s %s", c->value, c->label);
	return xstrdup(*c->value ? c->value : "(no answer)");
}

/* One bar: the answer's name in nw columns, the bar, the count and share. */
static void survey_draw_bar(struct list *l, int y, const struct survey_count *c, int nw,
                            int64_t max, int64_t total)
{
	char *name = survey_bar_name_new(c);
	char num[48];
	snprintf(num, sizeof num, " %lld %3lld%%", (long long)c->count,
	         (long long)(total ? (c->count * 100 + total / 2) / total : 0));
	int numw = (int)strlen(num), barw = l->chart_w - nw - 1 - numw;
	int len = barw > 0 && max > 0 ? (int)(c->count * barw / max) : 0;
	if (len == 0 && c->count > 0 && barw > 0)
		len = 1;
	wattrset(l->win, colour_attr(ROLE_NORMAL));
	wmove(l->win, y, l->w - l->chart_w);
	ui_put(l->win, name, nw, true);
	waddch(l->win, ' ');
	wattrset(l->win, colour_attr(ROLE_BAR_EVENT));
	for (int i = 0; i < len; i++)
		waddstr(l->win, "\u2588");
	wattrset(l->win, colour_attr(ROLE_NORMAL));
	ui_put(l->win, num, l->chart_w - nw - 1 - len, true);
	free(name);
}

/* The bars of the selected column's answers, from line first on. */
static void survey_draw_bars(struct list *l, int first, int room)
{
	struct survey_state *st = survey_state(l);
	int shown = st->ndist > room ? room - 1 : st->ndist;
	int64_t max = 0, total = 0;
	int nw = 4;
	for (int i = 0; i < st->ndist; i++) {
		total += st->dist[i].count;
		max = st->dist[i].count > max ? st->dist[i].count : max;
		char *name = survey_bar_name_new(&st->dist[i]);
		int w = utf8_width(name);
		nw = w > nw ? w : nw;
		free(name);
	}
	nw = nw > l->chart_w * 2 / 5 ? l->chart_w * 2 / 5 : nw;
	for (int i = 0; i < shown; i++)
		survey_draw_bar(l, first + i, &st->dist[i], nw, max, total);
	if (shown < st->ndist)
		survey_chart_text(l, first + shown, "  ... more answers than fit here",
		                  colour_attr(ROLE_DIM));
}

/* The chart area: what the selected question's answers look like. */
static void survey_draw_chart_area(struct list *l, int vis)
{
	const struct list_row *row = list_selected(l);
	for (int y = 1; y < SURVEY_CHROME + vis; y++)
		survey_chart_text(l, y, "", colour_attr(ROLE_NORMAL));
	if (!row)
		return;
	char head[300];
	if (row->aux[0] == 1) {
		snprintf(head, sizeof head, "%s: open answers", row->cells[1]);
		survey_chart_text(l, 1, head, colour_attr(ROLE_HEADER));
		snprintf(head, sizeof head, "  %ld answer%s; Enter lists them for coding", row->aux[1],
		         row->aux[1] == 1 ? "" : "s");
		survey_chart_text(l, SURVEY_CHROME, head, colour_attr(ROLE_NORMAL));
		return;
	}
	if (row->aux[0] == 0) {
		snprintf(head, sizeof head, "%s: %s, not counted", row->cells[1], row->cells[2]);
		survey_chart_text(l, 1, head, colour_attr(ROLE_HEADER));
		return;
	}
	snprintf(head, sizeof head, "Answers to %s", row->cells[1]);
	survey_chart_text(l, 1, head, colour_attr(ROLE_HEADER));
	survey_draw_bars(l, SURVEY_CHROME, vis);
}

/* Draws the cells of a row (the header when row is NULL and header is
 * true, else nothing) left of the chart. */
static void survey_draw_cells(struct list *l, int y, const struct list_row *row, bool header,
                              attr_t attr)
{
	int width = l->w - l->chart_w - 1, x = 0;
	wattrset(l->win, attr);
	wmove(l->win, y, 0);
	for (int i = 0; i < l->ops->ncolumns && x < width; i++) {
		if (l->colw[i] <= 0)
			continue;
		int w = l->colw[i] < width - x ? l->colw[i] : width - x;
		ui_put(l->win, row ? row->cells[i] : header ? l->ops->columns[i].header : "", w, true);
		x += w;
		if (x < width) {
			waddch(l->win, ' ');
			x++;
		}
	}
	for (; x < width; x++)
		waddch(l->win, ' ');
	wattrset(l->win, colour_attr(ROLE_NORMAL));
	waddch(l->win, ' ');
}

/* The questions mode's body: the questions on the left, the chart right. */
static bool survey_draw_body(struct list *l)
{
	if (l->chart_w <= 0 || l->count == 0 || survey_state(l)->mode != MODE_QUESTIONS)
		return false;
	int vis = l->h - SURVEY_CHROME;
	survey_draw_cells(l, 1, NULL, true, colour_attr(ROLE_HEADER));
	for (int i = 0; i < vis; i++) {
		int64_t index = l->top + i;
		enum jawrc_role role = ROLE_NORMAL;
		if (index == l->cursor)
			role = l->focused ? ROLE_CURSOR : ROLE_CURSOR_UNFOCUSED;
		if (i < l->nrows)
			survey_draw_cells(l, SURVEY_CHROME + i, &l->rows[i], false, colour_attr(role));
		else
			survey_draw_cells(l, SURVEY_CHROME + i, NULL, false, colour_attr(ROLE_NORMAL));
	}
	survey_draw_chart_area(l, vis);
	return true;
}

/* ---- actions ----------------------------------------------------------- */

/* Switches to mode m, where the cursor was when that mode was left. */
static int survey_set_mode(struct list *l, enum survey_mode m)
{
	struct survey_state *st = survey_state(l);
	st->cursor[st->mode] = l->cursor;
	st->mode = m;
	l->ops = survey_modes[m];
	l->cursor = st->cursor[m];
	l->top = 0;
	list_reload(l);
	return UI_LAYOUT;
}

/* Enter on a question: its open answers, or the codings counted by it. */
static int survey_open_question(struct ui *ui, struct list *l, const struct list_row *row)
{
	struct survey_state *st = survey_state(l);
	if (row->aux[0] == 0) {
		ui_message(ui, "%.200s is not counted: Enter works on open-text, attribute and Likert "
		           "questions.", row->cells[1]);
		return UI_REDRAW;
	}
	bool text = row->aux[0] == 1;
	int64_t *column = text ? &st->text_column : &st->attr_column;
	char **label = text ? &st->text_label : &st->attr_label;
	*column = row->id;
	free(*label);
	*label = xstrdup(row->cells[1]);
	st->cursor[text ? MODE_ANSWERS : MODE_CODINGS] = 0;
	return survey_set_mode(l, text ? MODE_ANSWERS : MODE_CODINGS);
}

/* ---- the choosers behind a row: a respondent's answers, coded segments --- */

/* What a chooser of answers lists: a respondent's answers (code_id 0), or
 * the segments coded code_id by respondents with value in column. */
struct survey_pick {
	int64_t id;      /* the respondent, or the column */
	int64_t code_id;
	char *value;
};

static void survey_pick_free(void *p)
{
	struct survey_pick *k = p;
	if (k)
		free(k->value);
	free(k);
}

static int64_t survey_pick_count(struct list *l, jaw_err *err)
{
	struct survey_pick *k = l->state;
	if (!k->code_id)
		return model_respondent_answer_count(l->db, k->id, l->filter, err);
	return model_survey_coded_count(l->db, k->id, k->value, k->code_id, l->filter, err);
}

static int survey_pick_fetch(struct list *l, int64_t offset, int limit, struct list_row *rows,
                             jaw_err *err)
{
	struct survey_pick *k = l->state;
	struct survey_answer *a = xcalloc((size_t)limit, sizeof *a);
	int n = k->code_id
	      ? model_survey_coded_page(l->db, k->id, k->value, k->code_id, l->filter, offset, limit,
	                                a, err)
	      : model_respondent_answer_page(l->db, k->id, l->filter, offset, limit, a, err);
	for (int i = 0; i < n; i++) {
		char *text = survey_one_line_new(a[i].text);
		rows[i].id = a[i].source_id;
		rows[i].aux[0] = (long)(k->code_id ? a[i].start : 0);
		rows[i].cells[0] = k->code_id ? xasprintf("%s, %s: %s", a[i].respondent, a[i].question, text)
		                              : xasprintf("%s: %s", a[i].question, text);
		rows[i].detail = xstrdup(rows[i].cells[0]);
		free(text);
		model_survey_answer_clear(&a[i]);
	}
	free(a);
	return n;
}

static const struct list_column survey_pick_columns[] = {{"", 0, 0, 10}};

static const struct view_ops survey_pick_ops = {
	.name = "answers",
	.title = "Answers",
	.columns = survey_pick_columns,
	.ncolumns = 1,
	.count = survey_pick_count,
	.fetch = survey_pick_fetch,
	.free_state = survey_pick_free,
	.empty = "",
};

/* Enter on an answer or a segment: the reader, there. */
static int survey_pick_read(struct ui *ui, void *ctx, int64_t id, const struct list_row *row)
{
	(void)ctx;
	ui_request_source(ui, id, row->aux[0]);
	return UI_REDRAW | UI_STAY;
}

/* Enter on a respondent: their open answers; Enter reads one. */
static int survey_respondent_answers(struct ui *ui, struct list *l, const struct list_row *row)
{
	jaw_err err;
	err_clear(&err);
	int64_t n = model_respondent_answer_count(l->db, row->id, NULL, &err);
	if (n <= 0) {
		ui_message(ui, n < 0 ? "%s" : "%s gave no open answers.", n < 0 ? err.msg : row->cells[0]);
		return UI_REDRAW;
	}
	struct survey_pick *k = xcalloc(1, sizeof *k);
	k->id = row->id;
	char title[200];
	snprintf(title, sizeof title, " %.100s: %lld open answer%s (Enter reads, q back) ",
	         row->cells[0], (long long)n, n == 1 ? "" : "s");
	chooser_open(ui, title, &survey_pick_ops, k, survey_pick_read, NULL, NULL);
	return UI_REDRAW;
}

/* Enter on a row of the codings table: its coded segments; Enter reads one. */
static int survey_coded_segments(struct ui *ui, struct list *l, const struct list_row *row)
{
	struct survey_state *st = survey_state(l);
	jaw_err err;
	err_clear(&err);
	int64_t n = model_survey_coded_count(l->db, st->attr_column, row->cells[4], row->id, NULL,
	                                     &err);
	if (n <= 0) {
		ui_message(ui, "%s", n < 0 ? err.msg : "Nothing is coded there any more.");
		return UI_RELOAD;
	}
	struct survey_pick *k = xcalloc(1, sizeof *k);
	k->id = st->attr_column;
	k->code_id = row->id;
	k->value = xstrdup(row->cells[4]);
	char title[300];
	snprintf(title, sizeof title, " %.100s = %.60s, %.80s: %lld segment%s (Enter reads) ",
	         st->attr_label ? st->attr_label : "", row->cells[0], row->cells[1], (long long)n,
	         n == 1 ? "" : "s");
	chooser_open(ui, title, &survey_pick_ops, k, survey_pick_read, NULL, NULL);
	return UI_REDRAW;
}

static int survey_open(struct ui *ui, struct list *l)
{
	struct survey_state *st = survey_state(l);
	const struct list_row *row = list_selected(l);
	if (!row)
		return -1;
	switch (st->mode) {
	case MODE_QUESTIONS: return survey_open_question(ui, l, row);
	case MODE_ANSWERS:
		ui_request_source(ui, row->id, 0);
		return UI_REDRAW;
	case MODE_RESPONDENTS: return survey_respondent_answers(ui, l, row);
	default: return survey_coded_segments(ui, l, row);
	}
}

/* [ and ]: the previous or next survey. */
static int survey_switch(struct ui *ui, struct list *l, int delta)
{
	struct survey_state *st = survey_state(l);
	if (st->nsurveys < 2) {
		ui_message(ui, st->nsurveys ? "This project has one survey." : "No survey yet: i imports one.");
		return UI_REDRAW;
	}
	st->index = (st->index + delta + st->nsurveys) % st->nsurveys;
	memset(st->cursor, 0, sizeof st->cursor);
	l->cursor = l->top = 0;
	list_reload(l);
	return UI_REDRAW;
}

/* A request to show survey t->id (after an import). */
static int survey_show(struct ui *ui, struct list *l, const struct ui_target *t)
{
	(void)ui;
	struct survey_state *st = survey_state(l);
	jaw_err err;
	err_clear(&err);
	int64_t n = t->id ? model_survey_count(l->db, &err) : 0;
	for (int64_t i = 0; i < n; i++) {
		struct survey s;
		if (model_survey_page(l->db, i, 1, &s, &err) != 1)
			break;
		bool hit = s.id == t->id;
		model_survey_clear(&s);
		if (hit) {
			st->index = i;
			memset(st->cursor, 0, sizeof st->cursor);
			survey_set_mode(l, MODE_RESPONDENTS);
			l->cursor = 0;
			return UI_LAYOUT;
		}
	}
	return UI_REDRAW;
}

/* :import FILE */
static int survey_command_import(struct ui *ui, struct list *l, const char *args)
{
	(void)l;
	ui_import_csv(ui, *args ? args : NULL);
	return UI_REDRAW;
}

static const struct ui_command survey_commands[] = {
	{"import", "FILE", "Import a CSV survey results file (a preview first)",
	 survey_command_import},
};

static int survey_action(struct ui *ui, struct list *l, enum action a)
{
	struct survey_state *st = survey_state(l);
	switch (a) {
	case ACTION_SURVEY_RESPONDENTS: return survey_set_mode(l, MODE_RESPONDENTS);
	case ACTION_SURVEY_QUESTIONS: return survey_set_mode(l, MODE_QUESTIONS);
	case ACTION_SURVEY_ANSWERS: return survey_set_mode(l, MODE_ANSWERS);
	case ACTION_SURVEY_CODINGS: return survey_set_mode(l, MODE_CODINGS);
	case ACTION_TOGGLE_VIEW: return survey_set_mode(l, (st->mode + 1) % MODE_COUNT);
	case ACTION_NEXT_SURVEY: return survey_switch(ui, l, 1);
	case ACTION_PREV_SURVEY: return survey_switch(ui, l, -1);
	case ACTION_OPEN: return survey_open(ui, l);
	case ACTION_ADD:
	case ACTION_IMPORT_CSV:
		ui_import_csv(ui, NULL);
		return UI_REDRAW;
	default: return -1;
	}
}

static const struct list_column respondent_columns[] = {
	{"ID", 10, 0, 0}, {"Line", 5, 2, 0}, {"Open", 4, 1, 0}, {"Attributes and answers", 0, 0, 10},
};
static const struct list_column question_columns[] = {
	{"#", 3, 3, 0}, {"Label", 14, 0, 0}, {"Role", 9, 1, 0}, {"Question", 0, 2, 8},
};
static const struct list_column answer_columns[] = {
	{"Respondent", 10, 0, 0}, {"Cod.", 4, 1, 0}, {"Answer", 0, 0, 20},
};
static const struct list_column coding_columns[] = {
	{"Value", 0, 0, 12}, {"Code", 28, 0, 0}, {"Codings", 7, 1, 0}, {"Resp.", 5, 2, 0},
};

static const struct view_action survey_actions[] = {
	{ACTION_SURVEY_RESPONDENTS, 0, "The respondents with their attributes and answers"},
	{ACTION_SURVEY_QUESTIONS, 0, "The questions, with a chart of the selected one's answers"},
	{ACTION_SURVEY_ANSWERS, 0, "The open answers to a question"},
	{ACTION_SURVEY_CODINGS, 0, "The codings of the open answers counted by an attribute"},
	{ACTION_TOGGLE_VIEW, 0, "Go round the four modes"},
	{ACTION_OPEN, 0, "On a respondent: their open answers; on a question: its answers or the"
	 " codings counted by it; on an answer: read and code it; on a count: its segments"},
	{ACTION_NEXT_SURVEY, 0, "Show the next survey"},
	{ACTION_PREV_SURVEY, 0, "Show the previous survey"},
	{ACTION_IMPORT_CSV, 0, "Import a CSV file of survey results (a preview first)"},
};

#define SURVEY_OPS(NAME, TITLE, COLUMNS, EMPTY) \
	{ \
		.name = "survey", .title = TITLE, .columns = COLUMNS, \
		.ncolumns = sizeof COLUMNS / sizeof *COLUMNS, .count = survey_count, \
		.fetch = survey_fetch, .search = survey_search, .action = survey_action, \
		.update = survey_update, .describe_state = survey_describe, \
		.free_state = survey_free_state, .show = survey_show, .commands = survey_commands, \
		.ncommands = sizeof survey_commands / sizeof *survey_commands, \
		.actions = survey_actions, \
		.nactions = sizeof survey_actions / sizeof *survey_actions, \
		.draw_body = survey_draw_body, .layout_chart = NAME, .empty = EMPTY, \
		.empty_state = survey_empty_state, \
	}

const struct view_ops view_survey_ops =
	SURVEY_OPS(NULL, "Survey: respondents", respondent_columns,
	           "no respondents: i imports a CSV file of survey results");
static const struct view_ops survey_questions_ops =
	SURVEY_OPS(survey_layout_chart, "Survey: questions", question_columns,
	           "no questions: i imports a CSV file of survey results");
static const struct view_ops survey_answers_ops =
	SURVEY_OPS(NULL, "Survey: open answers", answer_columns,
	           "no open answers here: 2 lists the questions, Enter on one shows its answers");
static const struct view_ops survey_codings_ops =
	SURVEY_OPS(NULL, "Survey: codings", coding_columns,
	           "no open answer is coded yet: 3 lists them, Enter codes one in the reader");

static const struct view_ops *const survey_modes[MODE_COUNT] = {
	&view_survey_ops, &survey_questions_ops, &survey_answers_ops, &survey_codings_ops,
};
