/* view_findings.c - the findings, full screen (F; q goes back): each
 * finding in the report's order with its status in words, owner, areas
 * and the strength of its evidence at a glance ("5 src · 3 org · 4 sh ·
 * 12 resp"), marked when citations were changed (~) or lost (!). Keys add
 * a finding, edit its title inline and its Observation, Discussion,
 * Conclusion, Recommendation and action body in $VISUAL/$EDITOR, set its
 * status, owner and areas, move it in the order, delete it, undo and
 * redo; :filter chooses by status, owner and area.
 *
 * Enter opens a finding: its text, then its citations, each with its
 * quote, provenance (as attribution allows), code and state; Enter on a
 * citation reads it in the reader (q comes back to the same row), d
 * removes it, e edits its note, r keeps a changed one as its source now
 * reads.
 *
 * Also the picker that cites evidence in a finding (findings_cite), used
 * by the reader and the analysis view. Lists are read a page at a time
 * through finding.h; nothing loads the whole table. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "codebook.h"
#include "filter.h"
#include "finding.h"
#include "kinds.h"
#include "search.h"
#include "text.h"
#include "ui.h"
#include "utf8.h"
#include "xalloc.h"
#include "xdg.h"

/* The parts of a finding written in the editor, in the lessons' order. */
enum { PART_OBSERVATION, PART_DISCUSSION, PART_CONCLUSION, PART_RECOMMENDATION,
       PART_ACTION_BODY, PART_COUNT };

static const char *const findings_part_names[PART_COUNT] = {
	"Observation", "Discussion", "Conclusion", "Recommendation", "Action body",
};

/* The text of part p of f (a borrowed pointer into f). */
static char **findings_part(struct finding *f, int p)
{
	switch (p) {
	case PART_OBSERVATION: return &f->observation;
	case PART_DISCUSSION: return &f->discussion;
	case PART_CONCLUSION: return &f->conclusion;
	case PART_RECOMMENDATION: return &f->recommendation;
	default: return &f->action_body;
	}
}

/* ---- the list's state: its filter ------------------------------------------ */

struct findings_state {
	struct finding_filter filter;
	char *status, *owner; /* the filter's (owned) */
	char *label;          /* the filter as typed, for the title ("" for none) */
};

static struct findings_state *findings_state(struct list *l)
{
	if (!l->state) {
		struct findings_state *st = xcalloc(1, sizeof *st);
		st->label = xstrdup("");
		l->state = st;
	}
	return l->state;
}

static void findings_filter_drop(struct findings_state *st)
{
	free(st->status);
	free(st->owner);
	free(st->label);
	st->status = st->owner = NULL;
	st->label = xstrdup("");
	memset(&st->filter, 0, sizeof st->filter);
}

static void findings_free_state(void *p)
{
	struct findings_state *st = p;
	if (!st)
		return;
	findings_filter_drop(st);
	free(st->label);
	free(st);
}

/* ---- strength at a glance --------------------------------------------------------- */

/* "5 src · 3 org · 4 sh · 12 resp" (newly allocated). */
static char *findings_strength_new(const struct finding_strength *s)
{
	return xasprintf("%lld src \u00b7 %lld org \u00b7 %lld sh \u00b7 %lld resp",
	                 (long long)s->sources, (long long)s->organisations,
	                 (long long)s->stakeholders, (long long)s->respondents);
}

/* What became of the citations, in words ("1 changed, 2 lost"; "" when
 * nothing did), into buf. */
static void findings_damage(const struct finding_strength *s, char *buf, size_t size)
{
	buf[0] = '\0';
	if (s->changed)
		snprintf(buf, size, "%lld changed", (long long)s->changed);
	if (s->lost)
		snprintf(buf + strlen(buf), size - strlen(buf), "%s%lld lost", *buf ? ", " : "",
		         (long long)s->lost);
}

/* ---- the list ----------------------------------------------------------------------- */

/* The cells past the columns: the strength, drawn at the right. */
enum { CELL_STRENGTH = 4 };
/* aux of a row: citations, changed, lost. */
enum { AUX_CITATIONS, AUX_CHANGED, AUX_LOST };

static const struct list_column findings_columns[] = {
	{"Finding", 0, 0, 24}, {"Status", 17, 1, 0}, {"Owner", 10, 2, 0}, {"Areas", 24, 3, 0},
};

static int64_t findings_count(struct list *l, jaw_err *err)
{
	return finding_count(l->db, &findings_state(l)->filter, err);
}

/* The number of finding id in the report's order (1 for the first). */
static int64_t findings_number(struct jaw_db *db, int64_t id)
{
	int64_t pos = finding_position_of_id(db, NULL, id, NULL);
	return pos >= 0 ? pos + 1 : 0;
}

static void findings_row(struct jaw_db *db, const struct finding *f, struct list_row *r)
{
	const struct finding_strength *s = &f->strength;
	char damage[100];
	findings_damage(s, damage, sizeof damage);
	r->id = f->id;
	r->cells[0] = xasprintf("%lld. %s", (long long)findings_number(db, f->id), f->title);
	r->cells[1] = xstrdup(finding_status_words(f->status));
	r->cells[2] = xstrdup(f->owner);
	r->cells[3] = xstrdup(f->areas);
	r->cells[CELL_STRENGTH] = findings_strength_new(s);
	r->aux[AUX_CITATIONS] = (long)s->citations;
	r->aux[AUX_CHANGED] = (long)s->changed;
	r->aux[AUX_LOST] = (long)s->lost;
	r->detail = xasprintf("%s: %s%s%s%s%s; %lld citation%s%s%s%s (Enter opens it)",
	                      f->title, finding_status_words(f->status), *f->owner ? ", owner " : "",
	                      f->owner, *f->areas ? ", areas " : "", f->areas,
	                      (long long)s->citations, s->citations == 1 ? "" : "s",
	                      *damage ? " (" : "", damage, *damage ? ")" : "");
}

static int findings_fetch(struct list *l, int64_t offset, int limit, struct list_row *rows,
                          jaw_err *err)
{
	struct finding *f = xcalloc((size_t)limit, sizeof *f);
	int n = finding_page(l->db, &findings_state(l)->filter, offset, limit, f, err);
	for (int i = 0; i < n; i++) {
		findings_row(l->db, &f[i], &rows[i]);
		finding_clear(&f[i]);
	}
	free(f);
	return n;
}

/* The strength takes the right of the row, after a mark. */
static void findings_layout_chart(struct list *l)
{
	l->chart_w = l->w >= 60 ? 34 : 0;
}

static void findings_chart_header(struct list *l)
{
	wattrset(l->win, colour_attr(ROLE_HEADER));
	ui_put(l->win, "  Evidence", l->chart_w, true);
}

/* The mark of a row's citations, in its colour on the cursor's row too:
 * ! some lost, ~ some changed. */
static void findings_draw_mark(WINDOW *w, long changed, long lost, attr_t attr)
{
	wattrset(w, lost || changed ? colour_attr(lost ? ROLE_LOST : ROLE_CHANGED) : attr);
	ui_put(w, lost ? "!" : changed ? "~" : " ", 1, false);
	wattrset(w, attr);
	ui_put(w, " ", 1, false);
}

static void findings_chart(struct list *l, const struct list_row *row, attr_t attr)
{
	bool cursor = attr != colour_attr(ROLE_NORMAL);
	findings_draw_mark(l->win, row->aux[AUX_CHANGED], row->aux[AUX_LOST], attr);
	if (row->aux[AUX_CITATIONS] == 0) {
		wattrset(l->win, cursor ? attr : colour_attr(ROLE_DIM));
		ui_put(l->win, "no evidence yet", l->chart_w - 2, true);
		return;
	}
	wattrset(l->win, attr);
	ui_put(l->win, row->cells[CELL_STRENGTH], l->chart_w - 2, true);
}

static const char *findings_describe_state(struct list *l)
{
	struct findings_state *st = findings_state(l);
	return *st->label ? st->label : NULL;
}

static const char *findings_empty_state(struct list *l)
{
	return *findings_state(l)->label ? "no finding matches: x shows them all" : NULL;
}

static int64_t findings_position_of(struct list *l, int64_t id, jaw_err *err)
{
	return finding_position_of_id(l->db, &findings_state(l)->filter, id, err);
}

/* /: the next finding after from (before it, backward) whose title or
 * text holds text, wrapping round; -1 if none, -2 on error. */
static int64_t findings_search(struct list *l, const char *text, int64_t from,
                               enum model_dir dir, jaw_err *err)
{
	enum { CHUNK = 64 };
	struct finding_filter f = findings_state(l)->filter;
	f.text = text;
	int64_t best = -1, first = -1, last = -1;
	struct finding rows[CHUNK];
	for (int64_t off = 0;; off += CHUNK) {
		int n = finding_page(l->db, &f, off, CHUNK, rows, err);
		if (n < 0)
			return -2;
		for (int i = 0; i < n; i++) {
			int64_t pos = finding_position_of_id(l->db, &findings_state(l)->filter, rows[i].id,
			                                     err);
			finding_clear(&rows[i]);
			if (pos < 0)
				continue;
			if (first < 0)
				first = pos;
			last = pos;
			if (dir == MODEL_FORWARD && pos > from && best < 0)
				best = pos;
			if (dir == MODEL_BACKWARD && pos < from)
				best = pos;
		}
		if (n < CHUNK)
			break;
	}
	if (best >= 0)
		return best;
	return dir == MODEL_FORWARD ? first : last;
}

/* ---- changing a finding ------------------------------------------------------------ */

/* Reads finding id; NULL with the error shown if it is gone. */
static struct finding *findings_get(struct ui *ui, int64_t id)
{
	jaw_err err;
	err_clear(&err);
	struct finding *f = finding_get_new(ui->db, id, &err);
	if (!f)
		ui_error(ui, err.msg);
	return f;
}

/* Puts the list's cursor on finding id. */
static void findings_goto(struct ui *ui, int64_t id)
{
	struct list *l = ui_list(ui, VIEW_FINDINGS);
	int64_t pos = finding_position_of_id(ui->db, &findings_state(l)->filter, id, NULL);
	if (pos >= 0)
		list_goto(l, pos);
}

/* Writes f over the finding as it was read (was): a change someone made
 * since is refused by finding_update and shown. */
static int findings_save(struct ui *ui, const struct finding *f, const struct finding *was,
                         jaw_err *err)
{
	char *analyst = ui_coder_new(ui);
	int rc = finding_update(ui->db, analyst, f, was, err);
	free(analyst);
	return rc;
}

/* a: a new finding, owned by the analyst who adds it. */
static int findings_add_done(struct ui *ui, void *ctx, const char *title)
{
	(void)ctx;
	if (!*title) {
		ui_message(ui, "No title: nothing added.");
		return UI_REDRAW;
	}
	char *analyst = ui_coder_new(ui);
	struct finding f = {.title = (char *)title, .owner = analyst};
	jaw_err err;
	err_clear(&err);
	int rc = finding_add(ui->db, analyst, &f, NULL, 0, &err);
	free(analyst);
	if (rc == JAW_OK)
		findings_goto(ui, f.id);
	return ui_after_change(ui, rc, &err, "Added finding %lld (Enter opens it; Ctrl-E writes"
	                       " its observation; u undoes).", (long long)findings_number(ui->db, f.id));
}

/* What a prompt about finding id changes. */
struct findings_edit {
	int64_t id;
	int part; /* the part edited, a FIELD_*, or -1 */
};

static struct findings_edit *findings_edit_new(int64_t id, int part)
{
	struct findings_edit *e = xcalloc(1, sizeof *e);
	e->id = id;
	e->part = part;
	return e;
}

/* The one-line fields a prompt edits (findings_edit.part). */
enum { FIELD_TITLE = -1, FIELD_OWNER = -2 };

/* e and o: the title or the owner, typed at a prompt, saved over the
 * finding as it is now. */
static int findings_line_done(struct ui *ui, void *ctx, const char *text)
{
	struct findings_edit *e = ctx;
	struct finding *was = findings_get(ui, e->id);
	if (!was)
		return UI_RELOAD;
	struct finding f = *was;
	*(e->part == FIELD_TITLE ? &f.title : &f.owner) = (char *)text;
	jaw_err err;
	err_clear(&err);
	int rc = findings_save(ui, &f, was, &err);
	finding_free(was);
	if (e->part == FIELD_TITLE)
		return ui_after_change(ui, rc, &err, "Title saved (u undoes).");
	return ui_after_change(ui, rc, &err, *text ? "Owner: %.200s (u undoes)." :
	                       "No owner now (u undoes).%.0s", text);
}

static int findings_edit_title(struct ui *ui, const struct finding *f)
{
	prompt_open(ui, "Title: ", f->title, false, findings_line_done,
	            findings_edit_new(f->id, FIELD_TITLE), free);
	return UI_REDRAW;
}

static int findings_edit_owner(struct ui *ui, const struct finding *f)
{
	char *analyst = ui_coder_new(ui);
	prompt_open(ui, "Owner (Enter: as shown; empty: none): ", *f->owner ? f->owner : analyst,
	            false, findings_line_done, findings_edit_new(f->id, FIELD_OWNER), free);
	free(analyst);
	return UI_REDRAW;
}

/* s: the status, from the five in words. */
static int findings_status_picked(struct ui *ui, void *ctx, int64_t id, const struct list_row *row)
{
	(void)row;
	struct findings_edit *e = ctx;
	char *analyst = ui_coder_new(ui);
	jaw_err err;
	err_clear(&err);
	int rc = finding_set_status(ui->db, analyst, e->id, kinds_finding_status[id], &err);
	free(analyst);
	return ui_after_change(ui, rc, &err, "Status: %s (u undoes).",
	                       finding_status_words(kinds_finding_status[id]));
}

static int findings_edit_status(struct ui *ui, const struct finding *f)
{
	char *items[8];
	int n = 0;
	for (; kinds_finding_status[n] && n < 8; n++)
		items[n] = xasprintf("%s%s", finding_status_words(kinds_finding_status[n]),
		                     strcmp(kinds_finding_status[n], f->status) == 0 ? "  (now)" : "");
	char title[300];
	snprintf(title, sizeof title, " Status of \"%.200s\" ", f->title);
	chooser_open_items(ui, title, items, NULL, n, findings_status_picked,
	                   findings_edit_new(f->id, -1), free);
	for (int i = 0; i < n; i++)
		free(items[i]);
	return UI_REDRAW;
}

/* d: deletes the finding with its citations, after asking. */
static int findings_delete_yes(struct ui *ui, void *ctx)
{
	struct ui_ref *r = ctx;
	char *analyst = ui_coder_new(ui);
	jaw_err err;
	err_clear(&err);
	int rc = finding_delete(ui->db, analyst, r->id, &err);
	free(analyst);
	return ui_after_change(ui, rc, &err, "Deleted \"%.200s\" (u undoes).", r->name);
}

static int findings_delete(struct ui *ui, const struct finding *f)
{
	char q[400];
	int64_t n = f->strength.citations;
	if (n)
		snprintf(q, sizeof q, "Delete finding \"%.200s\" and its %lld citation%s? u undoes it."
		         " (y/n)", f->title, (long long)n, n == 1 ? "" : "s");
	else
		snprintf(q, sizeof q, "Delete finding \"%.200s\"? u undoes it. (y/n)", f->title);
	prompt_confirm(ui, q, findings_delete_yes, ui_ref_new(f->id, f->title), ui_ref_free);
	return UI_REDRAW;
}

/* K and J: one place up or down in the order. */
static int findings_move(struct ui *ui, const struct finding *f, enum model_dir dir)
{
	char *analyst = ui_coder_new(ui);
	jaw_err err;
	err_clear(&err);
	int rc = finding_move(ui->db, analyst, f->id, dir, &err);
	free(analyst);
	if (rc == JAW_OK)
		findings_goto(ui, f->id);
	return ui_after_change(ui, rc, &err, "Finding %lld now (u undoes).",
	                       (long long)findings_number(ui->db, f->id));
}

/* ---- the parts in the editor ---------------------------------------------------------- */

/* Keeps text the analyst wrote and could not save in the drafts directory,
 * into where (the path, or why it could not be kept). */
static void findings_keep_draft(const char *text, int64_t id, int part, char *where, size_t size)
{
	jaw_err err;
	err_clear(&err);
	char *dir = xdg_data_dir_new("drafts", &err);
	if (!dir) {
		snprintf(where, size, "nowhere (%.500s)", err.msg);
		return;
	}
	char *path = xasprintf("%s/finding-%lld-%s-%ld-%ld.txt", dir, (long long)id,
	                       part == PART_ACTION_BODY ? "action-body" : findings_part_names[part],
	                       (long)time(NULL), (long)getpid());
	FILE *fp = fopen(path, "w");
	if (fp && fputs(text, fp) >= 0 && fclose(fp) == 0)
		snprintf(where, size, "%s", path);
	else
		snprintf(where, size, "nowhere (%s: %s)", path, strerror(errno));
	free(path);
	free(dir);
}

/* A part written in the editor that someone changed meanwhile: the text,
 * until the analyst says whose to keep. */
struct findings_clash {
	int64_t id;
	int part;
	char *text;
	bool answered;
	struct ui *ui;
};

static void findings_clash_free(void *p)
{
	struct findings_clash *c = p;
	if (!c)
		return;
	if (!c->answered) {
		char where[600];
		findings_keep_draft(c->text, c->id, c->part, where, sizeof where);
		ui_message(c->ui, "Theirs kept; your %s is in %s.", findings_part_names[c->part], where);
	}
	free(c->text);
	free(c);
}

/* y: the analyst's text over theirs. */
static int findings_clash_yes(struct ui *ui, void *ctx)
{
	struct findings_clash *c = ctx;
	c->answered = true;
	struct finding *now = findings_get(ui, c->id);
	if (!now)
		return UI_RELOAD;
	char **part = findings_part(now, c->part);
	free(*part);
	*part = xstrdup(c->text);
	jaw_err err;
	err_clear(&err);
	int rc = findings_save(ui, now, NULL, &err);
	finding_free(now);
	return ui_after_change(ui, rc, &err, "%s saved over theirs (u undoes).",
	                       findings_part_names[c->part]);
}

/* Cuts the line ends an editor leaves after the text. */
static void findings_trim_end(char *s)
{
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
}

/* Writes part of finding id in the editor and saves it; if someone
 * changed the finding while the editor ran, asks whose text to keep. */
static int findings_edit_part(struct ui *ui, int64_t id, int part)
{
	struct finding *was = findings_get(ui, id);
	if (!was)
		return UI_RELOAD;
	char *text = xstrdup(*findings_part(was, part));
	char name[64];
	snprintf(name, sizeof name, "finding-%s", part == PART_ACTION_BODY ? "action-body"
	                                          : findings_part_names[part]);
	int flags = UI_REDRAW;
	if (ui_edit_text(ui, &text, name)) {
		findings_trim_end(text);
		struct finding f = *was;
		*findings_part(&f, part) = text;
		jaw_err err;
		err_clear(&err);
		int rc = findings_save(ui, &f, was, &err);
		if (rc != JAW_OK && strstr(err.msg, "someone else")) {
			struct findings_clash *c = xcalloc(1, sizeof *c);
			c->id = id;
			c->part = part;
			c->text = text;
			c->ui = ui;
			text = NULL;
			char q[300];
			snprintf(q, sizeof q, "Someone changed this finding while you wrote: save your %s"
			         " over theirs? n keeps theirs and yours as a draft (y/n)",
			         findings_part_names[part]);
			prompt_confirm(ui, q, findings_clash_yes, c, findings_clash_free);
			flags = UI_RELOAD;
		} else {
			flags = ui_after_change(ui, rc, &err, "%s saved (u undoes).",
			                        findings_part_names[part]);
		}
	}
	free(text);
	finding_free(was);
	return flags;
}

static int findings_part_picked(struct ui *ui, void *ctx, int64_t id, const struct list_row *row)
{
	(void)row;
	struct findings_edit *e = ctx;
	return findings_edit_part(ui, e->id, (int)id);
}

/* Ctrl-E: which part to write. */
static int findings_choose_part(struct ui *ui, const struct finding *f)
{
	char *items[PART_COUNT];
	struct finding *g = (struct finding *)f;
	for (int i = 0; i < PART_COUNT; i++)
		items[i] = xasprintf("%-15s %s", findings_part_names[i],
		                     **findings_part(g, i) ? "" : "(empty)");
	char title[300];
	snprintf(title, sizeof title, " Write which part of \"%.200s\"? ", f->title);
	chooser_open_items(ui, title, items, NULL, PART_COUNT, findings_part_picked,
	                   findings_edit_new(f->id, -1), free);
	for (int i = 0; i < PART_COUNT; i++)
		free(items[i]);
	return UI_REDRAW;
}

/* ---- areas: codes at the top of the codebook ---------------------------------------- */

/* The chooser of areas: the codes at the top, each marked when it is one
 * of the finding's. */
struct findings_areas {
	int64_t id;          /* the finding */
	int64_t *tops;       /* the top codes, folded: the tree shows only them */
	size_t ntops;
};

static void findings_areas_free(void *p)
{
	struct findings_areas *a = p;
	if (a)
		free(a->tops);
	free(a);
}

/* Finds the codes at the top of the codebook, a page of the tree at a
 * time. */
static int findings_areas_tops(struct jaw_db *db, struct findings_areas *a, jaw_err *err)
{
	enum { CHUNK = 128 };
	struct codebook_row rows[CHUNK];
	size_t cap = 0;
	for (int64_t off = 0;; off += CHUNK) {
		int n = codebook_tree_page(db, NULL, 0, off, CHUNK, rows, err);
		if (n < 0)
			return JAW_FAIL;
		for (int i = 0; i < n; i++) {
			if (rows[i].depth == 0) {
				if (a->ntops == cap)
					a->tops = xreallocarray(a->tops, cap = cap ? cap * 2 : 16, sizeof *a->tops);
				a->tops[a->ntops++] = rows[i].code.id;
			}
			codebook_row_clear(&rows[i]);
		}
		if (n < CHUNK)
			return JAW_OK;
	}
}

/* Reads the finding's areas into ids (up to max); returns how many, or -1. */
static int findings_areas_of(struct jaw_db *db, int64_t id, int64_t *ids, int max, jaw_err *err)
{
	struct finding_area *areas = xcalloc((size_t)max, sizeof *areas);
	int n = finding_area_page(db, id, 0, max, areas, err);
	for (int i = 0; i < n; i++) {
		ids[i] = areas[i].code_id;
		finding_area_clear(&areas[i]);
	}
	free(areas);
	return n;
}

enum { FINDINGS_MAX_AREAS = 256 };

static int64_t findings_areas_count(struct list *l, jaw_err *err)
{
	struct findings_areas *a = l->state;
	return codebook_tree_count(l->db, a->tops, a->ntops, err);
}

static int findings_areas_fetch(struct list *l, int64_t offset, int limit, struct list_row *rows,
                                jaw_err *err)
{
	struct findings_areas *a = l->state;
	int64_t mine[FINDINGS_MAX_AREAS];
	int nmine = findings_areas_of(l->db, a->id, mine, FINDINGS_MAX_AREAS, err);
	if (nmine < 0)
		return -1;
	struct codebook_row *c = xcalloc((size_t)limit, sizeof *c);
	int n = codebook_tree_page(l->db, a->tops, a->ntops, offset, limit, c, err);
	for (int i = 0; i < n; i++) {
		bool on = false;
		for (int k = 0; k < nmine; k++)
			on = on || mine[k] == c[i].code.id;
		rows[i].id = c[i].code.id;
		rows[i].cells[0] = xasprintf("[%s] %s", on ? "x" : " ", c[i].code.name);
		rows[i].detail = xasprintf("%s: Enter %s", c[i].code.name,
		                           on ? "takes it off the finding's areas" : "adds it");
		codebook_row_clear(&c[i]);
	}
	free(c);
	return n;
}

static const struct list_column findings_area_columns[] = {{"", 0, 0, 10}};

static const struct view_ops findings_areas_ops = {
	.name = "areas",
	.title = "Areas",
	.columns = findings_area_columns,
	.ncolumns = 1,
	.count = findings_areas_count,
	.fetch = findings_areas_fetch,
	.free_state = findings_areas_free,
	.empty = "the codebook is empty: areas are its codes at the top",
};

/* Enter on an area: adds it to the finding's areas, or takes it off; the
 * chooser stays for more. */
static int findings_area_picked(struct ui *ui, void *ctx, int64_t code, const struct list_row *row)
{
	(void)row;
	struct findings_edit *e = ctx;
	int64_t ids[FINDINGS_MAX_AREAS];
	jaw_err err;
	err_clear(&err);
	int n = findings_areas_of(ui->db, e->id, ids, FINDINGS_MAX_AREAS - 1, &err), k = 0;
	if (n < 0) {
		ui_error(ui, err.msg);
		return UI_REDRAW | UI_STAY;
	}
	bool had = false;
	for (int i = 0; i < n; i++) {
		if (ids[i] == code)
			had = true;
		else
			ids[k++] = ids[i];
	}
	if (!had)
		ids[k++] = code;
	char *analyst = ui_coder_new(ui);
	int rc = finding_set_areas(ui->db, analyst, e->id, ids, (size_t)k, &err);
	free(analyst);
	char *name = codebook_path_new(ui->db, code, NULL);
	int flags = ui_after_change(ui, rc, &err, "%s %.200s (u undoes; q when done).",
	                            had ? "Taken off:" : "Added:", name ? name : "?");
	free(name);
	return flags | UI_STAY;
}

static int findings_edit_areas(struct ui *ui, const struct finding *f)
{
	struct findings_areas *a = xcalloc(1, sizeof *a);
	a->id = f->id;
	jaw_err err;
	err_clear(&err);
	if (findings_areas_tops(ui->db, a, &err) != JAW_OK) {
		ui_error(ui, err.msg);
		findings_areas_free(a);
		return UI_REDRAW;
	}
	char title[300];
	snprintf(title, sizeof title, " Areas of \"%.150s\" (Enter adds or takes off; q done) ",
	         f->title);
	chooser_open(ui, title, &findings_areas_ops, a, findings_area_picked,
	             findings_edit_new(f->id, -1), free);
	return UI_REDRAW;
}

/* ---- the keys that act on one finding -------------------------------------------------- */

static int findings_open(struct ui *ui, int64_t id);

/* True if a acts on one finding (findings_act). */
static bool findings_acts_on_one(enum action a)
{
	return a == ACTION_EDIT || a == ACTION_EDIT_NOTES || a == ACTION_DELETE ||
	       a == ACTION_FINDING_STATUS || a == ACTION_FINDING_OWNER || a == ACTION_FINDING_AREAS ||
	       a == ACTION_MOVE_ITEM_UP || a == ACTION_MOVE_ITEM_DOWN || a == ACTION_OPEN ||
	       a == ACTION_MEMO;
}

/* The action a on finding id (from the list or the finding opened); -1
 * if a is not one of them. */
static int findings_act(struct ui *ui, int64_t id, enum action a)
{
	if (!findings_acts_on_one(a))
		return -1;
	struct finding *f = findings_get(ui, id);
	if (!f)
		return UI_RELOAD;
	int flags;
	switch (a) {
	case ACTION_EDIT: flags = findings_edit_title(ui, f); break;
	case ACTION_EDIT_NOTES: flags = findings_choose_part(ui, f); break;
	case ACTION_DELETE: flags = findings_delete(ui, f); break;
	case ACTION_FINDING_STATUS: flags = findings_edit_status(ui, f); break;
	case ACTION_FINDING_OWNER: flags = findings_edit_owner(ui, f); break;
	case ACTION_FINDING_AREAS: flags = findings_edit_areas(ui, f); break;
	case ACTION_MOVE_ITEM_UP: flags = findings_move(ui, f, MODEL_BACKWARD); break;
	case ACTION_MOVE_ITEM_DOWN: flags = findings_move(ui, f, MODEL_FORWARD); break;
	case ACTION_MEMO: flags = ui_memo_write(ui, "finding", f->id, f->title, false); break;
	default: flags = findings_open(ui, f->id); break;
	}
	finding_free(f);
	return flags;
}

static int findings_action(struct ui *ui, struct list *l, enum action a)
{
	if (a == ACTION_ADD) {
		prompt_open(ui, "Title of the new finding: ", NULL, false, findings_add_done, NULL, NULL);
		return UI_REDRAW;
	}
	if (a == ACTION_CLEAR_FILTER) {
		findings_filter_drop(findings_state(l));
		list_reload(l);
		ui_message(ui, "Every finding.");
		return UI_REDRAW;
	}
	if (a == ACTION_REFRESH_CITATION || a == ACTION_CITE) {
		ui_message(ui, a == ACTION_CITE ? "! cites evidence from the reader or the analysis"
		           " view." : "r keeps a changed citation: Enter opens the finding, then r on"
		           " the citation.");
		return UI_REDRAW;
	}
	const struct list_row *row = list_selected(l);
	if (!row && findings_acts_on_one(a)) {
		ui_message(ui, *findings_state(l)->label ? "No finding matches the filter: x shows them"
		           " all." : "No findings yet: a adds one.");
		return UI_REDRAW;
	}
	return row ? findings_act(ui, row->id, a) : -1;
}

/* ---- :filter ------------------------------------------------------------------------- */

/* The stored status a word names: "identified" or "lesson identified". */
static const char *findings_status_named(const char *word)
{
	for (int i = 0; kinds_finding_status[i]; i++)
		if (strcasecmp(word, kinds_finding_status[i]) == 0 ||
		    strcasecmp(word, finding_status_words(kinds_finding_status[i])) == 0)
			return kinds_finding_status[i];
	return NULL;
}

/* Sets the list's filter from spec; JAW_FAIL with err naming what is wrong. */
static int findings_filter_set(struct list *l, const struct filter_spec *spec, const char *label,
                               jaw_err *err)
{
	struct findings_state *st = findings_state(l);
	const char *status = NULL, *owner = NULL;
	int64_t area = 0;
	for (int i = 0; i < spec->n; i++) {
		const char *k = spec->keys[i], *v = spec->values[i];
		if (strcmp(k, "status") == 0) {
			status = findings_status_named(v);
			if (!status)
				return err_set(err, JAW_FAIL, "filter: no status \"%s\" (observation, identified,"
				               " assigned, learned, rejected)", v);
		} else if (strcmp(k, "owner") == 0) {
			owner = v;
		} else if (strcmp(k, "area") == 0 || strcmp(k, "code") == 0) {
			area = codebook_find(l->db, v, err);
			if (area <= 0)
				return area < 0 ? JAW_FAIL
				                : err_set(err, JAW_FAIL, "filter: no code \"%s\"", v);
		} else {
			return err_set(err, JAW_FAIL, "filter: no key \"%s\" (status, owner, area)", k);
		}
	}
	findings_filter_drop(st);
	free(st->label);
	st->label = xstrdup(label);
	st->status = status ? xstrdup(status) : NULL;
	st->owner = owner ? xstrdup(owner) : NULL;
	st->filter.status = st->status;
	st->filter.owner = st->owner;
	st->filter.area = area;
	return JAW_OK;
}

/* :filter [status=S] [owner=NAME] [area=CODE] */
static int findings_command_filter(struct ui *ui, struct list *l, const char *args)
{
	struct filter_spec spec;
	jaw_err err;
	err_clear(&err);
	int rc = filter_parse_any(args, &spec, &err);
	if (rc == JAW_OK)
		rc = findings_filter_set(l, &spec, args, &err);
	if (rc == JAW_OK && spec.n == 0)
		findings_filter_drop(findings_state(l));
	filter_spec_clear(&spec);
	if (rc != JAW_OK) {
		ui_error(ui, err.msg);
		return UI_REDRAW;
	}
	l->cursor = l->top = 0;
	list_reload(l);
	ui_request_view(ui, VIEW_FINDINGS);
	return UI_REDRAW;
}

static const struct ui_command findings_commands[] = {
	{"filter", "[status=S] [owner=NAME] [area=CODE]", "Findings: show only those that match"
	 " (no argument: all)", findings_command_filter},
};

/* ---- a finding opened: its text, then its citations -------------------------------------- */

/* The kinds of rows of an opened finding. */
enum { DOC_TEXT, DOC_CITATION };
/* aux of a row: its kind, then for text its part (-1: the title and what
 * is not a part) and role, for a citation its source, start and state. */
enum { DOC_KIND, DOC_PART, DOC_ROLE, DOC_SOURCE = 1, DOC_START = 2, DOC_STATE = 3 };

/* A line of the finding's text, wrapped. */
struct doc_line {
	char *text;
	int part;
	enum jawrc_role role;
	int indent;
};

struct doc_state {
	int64_t id;
	struct finding *f;
	struct doc_line *lines;
	int nlines, cap;
	bool gone; /* the finding was deleted */
};

static void doc_drop_lines(struct doc_state *d)
{
	for (int i = 0; i < d->nlines; i++)
		free(d->lines[i].text);
	d->nlines = 0;
}

static void doc_free_state(void *p)
{
	struct doc_state *d = p;
	if (!d)
		return;
	doc_drop_lines(d);
	free(d->lines);
	finding_free(d->f);
	free(d);
}

static void doc_add(struct doc_state *d, char *text, int part, enum jawrc_role role, int indent)
{
	if (d->nlines == d->cap)
		d->lines = xreallocarray(d->lines, (size_t)(d->cap = d->cap ? d->cap * 2 : 64),
		                         sizeof *d->lines);
	d->lines[d->nlines++] = (struct doc_line){text, part, role, indent};
}

/* Adds s wrapped to width columns, as lines of part, indented. */
static void doc_wrap(struct doc_state *d, const char *s, int width, int part, int indent,
                     enum jawrc_role role)
{
	struct text *t = text_new(s, strlen(s));
	struct text_wrap *w = text_wrap_new(t, width > 10 ? width : 10);
	for (size_t i = 0; i < text_wrap_count(w); i++) {
		size_t a, b;
		text_wrap_line(w, i, &a, &b);
		char *line = text_slice_new(t, a, b);
		findings_trim_end(line);
		doc_add(d, line, part, role, indent);
	}
	text_wrap_free(w);
	text_free(t);
}

/* Lays the finding out in lines of width columns. */
static void doc_layout_text(struct doc_state *d, int width)
{
	struct finding *f = d->f;
	const struct finding_strength *s = &f->strength;
	char damage[100];
	findings_damage(s, damage, sizeof damage);
	doc_drop_lines(d);
	doc_wrap(d, f->title, width - 2, -1, 1, ROLE_HEADER);
	char *about = xasprintf("%s%s%s%s%s", finding_status_words(f->status),
	                        *f->owner ? " \u00b7 owner " : "", f->owner,
	                        *f->areas ? " \u00b7 areas: " : "", f->areas);
	doc_wrap(d, about, width - 2, -1, 1, ROLE_NORMAL);
	free(about);
	char *strength = findings_strength_new(s);
	doc_add(d, xasprintf("Evidence: %lld citation%s \u00b7 %s%s%s", (long long)s->citations,
	                     s->citations == 1 ? "" : "s", strength, *damage ? " \u00b7 " : "",
	                     damage), -1, s->lost ? ROLE_LOST : s->changed ? ROLE_CHANGED
	                                                                   : ROLE_NORMAL, 1);
	free(strength);
	for (int p = 0; p < PART_COUNT; p++) {
		doc_add(d, xstrdup(""), p, ROLE_NORMAL, 0);
		doc_add(d, xstrdup(findings_part_names[p]), p, ROLE_HEADER, 1);
		const char *text = *findings_part(f, p);
		if (*text)
			doc_wrap(d, text, width - 4, p, 3, ROLE_NORMAL);
		else
			doc_add(d, xstrdup("(not written yet: Enter writes it)"), p, ROLE_DIM, 3);
	}
	doc_add(d, xstrdup(""), -1, ROLE_NORMAL, 0);
	char *head = s->citations ? xasprintf("Citations (%lld): Enter reads one, d removes it,"
	                                      " e edits its note, r keeps a changed one",
	                                      (long long)s->citations)
	                          : xstrdup("Citations: none yet (! in the reader or the analysis"
	                                    " view cites evidence here)");
	doc_wrap(d, head, width - 2, -1, 1, ROLE_HEADER);
	free(head);
}

static int64_t doc_count(struct list *l, jaw_err *err)
{
	struct doc_state *d = l->state;
	struct finding *f = finding_get_new(l->db, d->id, err);
	if (!f) {
		d->gone = true;
		return 0;
	}
	finding_free(d->f);
	d->f = f;
	doc_layout_text(d, l->w);
	int64_t n = citation_count(l->db, d->id, err);
	return n < 0 ? -1 : d->nlines + n;
}

static const char *doc_state_word(enum citation_state s)
{
	return s == CITATION_LOST ? "lost" : s == CITATION_CHANGED ? "changed" : "ok";
}

/* What the status bar says of citation c. */
static char *doc_citation_detail_new(const struct citation *c)
{
	const char *what = "";
	if (c->state == CITATION_LOST)
		what = c->source_id ? "LOST: the coding it cited was removed (the source is still"
		                      " there; Enter reads it). "
		                    : "LOST: its source was deleted; this is the quote as cited. ";
	else if (c->state == CITATION_CHANGED)
		what = "CHANGED: the source no longer says this there (Enter reads it; r keeps it as"
		       " it now reads). ";
	return xasprintf("%s\u201c%s\u201d \u2014 %s%s%s; cited by %s %.10s%s%s", what, c->quote,
	                 c->provenance, *c->code ? ", coded " : "", c->code, c->cited_by, c->cited,
	                 *c->note ? "; note: " : "", c->note);
}

static void doc_citation_row(const struct citation *c, struct list_row *r)
{
	r->id = c->id;
	r->aux[DOC_KIND] = DOC_CITATION;
	r->aux[DOC_SOURCE] = (long)c->source_id;
	r->aux[DOC_START] = (long)c->start;
	r->aux[DOC_STATE] = c->state;
	char *quote = xasprintf("\u201c%s\u201d", c->quote);
	for (char *p = quote; *p; p++)
		if (*p == '\n' || *p == '\t')
			*p = ' ';
	r->cells[0] = xstrdup(doc_state_word(c->state));
	r->cells[1] = quote;
	r->cells[2] = xstrdup(c->provenance);
	r->cells[3] = xstrdup(*c->code ? c->code : "(a segment)");
	r->detail = doc_citation_detail_new(c);
}

static int doc_fetch(struct list *l, int64_t offset, int limit, struct list_row *rows,
                     jaw_err *err)
{
	struct doc_state *d = l->state;
	int got = 0;
	for (; offset < d->nlines && got < limit; offset++, got++) {
		const struct doc_line *dl = &d->lines[offset];
		rows[got].id = 0;
		rows[got].aux[DOC_KIND] = DOC_TEXT;
		rows[got].aux[DOC_PART] = dl->part;
		rows[got].aux[DOC_ROLE] = dl->role;
		rows[got].cells[0] = xasprintf("%*s%s", dl->indent, "", dl->text);
		rows[got].detail = xstrdup(dl->part >= 0 ? "Enter or e writes this part in your editor"
		                           : "e edits the title; s status, o owner, t areas; q back to"
		                             " the list");
	}
	if (got == limit)
		return got;
	int want = limit - got;
	struct citation *c = xcalloc((size_t)want, sizeof *c);
	int n = citation_page(l->db, d->id, offset - d->nlines, want, c, err);
	for (int i = 0; i < n; i++) {
		doc_citation_row(&c[i], &rows[got + i]);
		citation_clear(&c[i]);
	}
	free(c);
	return n < 0 ? -1 : got + n;
}

/* Draws a citation: its state (in its colour), quote, provenance and
 * (when there is room) code. */
static void doc_draw_citation(struct list *l, int y, const struct list_row *r, bool cursor)
{
	attr_t base = colour_attr(cursor ? ROLE_CURSOR : ROLE_NORMAL);
	int w = l->w, prov = w >= 100 ? 30 : 24, code = w >= 100 ? 22 : 0;
	int quote = w - 2 - 10 - prov - 1 - (code ? code + 1 : 0);
	enum citation_state s = (enum citation_state)r->aux[DOC_STATE];
	wmove(l->win, y, 0);
	wattrset(l->win, base);
	ui_put(l->win, "  ", 2, false);
	if (!cursor && s != CITATION_OK)
		wattrset(l->win, colour_attr(s == CITATION_LOST ? ROLE_LOST : ROLE_CHANGED));
	else if (!cursor)
		wattrset(l->win, colour_attr(ROLE_DIM));
	char state[16];
	snprintf(state, sizeof state, "%s %s", s == CITATION_LOST ? "!" : s == CITATION_CHANGED
	                                       ? "~" : " ", r->cells[0]);
	ui_put(l->win, state, 10, true);
	wattrset(l->win, base);
	ui_put(l->win, r->cells[1], quote > 4 ? quote : 4, true);
	waddch(l->win, ' ');
	if (!cursor)
		wattrset(l->win, colour_attr(ROLE_DIM));
	ui_put(l->win, r->cells[2], prov, true);
	if (code) {
		waddch(l->win, ' ');
		ui_put(l->win, r->cells[3], code, true);
	}
	wattrset(l->win, base);
	wclrtoeol(l->win);
}

/* The body: text lines and citations, each drawn its own way. */
static bool doc_draw_body(struct list *l)
{
	int head = 1;
	for (int i = 0; i < list_visible(l); i++) {
		int64_t index = l->top + i;
		wmove(l->win, head + i, 0);
		wattrset(l->win, colour_attr(ROLE_NORMAL));
		wclrtoeol(l->win);
		if (l->fetched_top != l->top || i >= l->nrows)
			continue;
		const struct list_row *r = &l->rows[i];
		bool cursor = index == l->cursor;
		if (r->aux[DOC_KIND] == DOC_CITATION) {
			doc_draw_citation(l, head + i, r, cursor);
			continue;
		}
		wattrset(l->win, colour_attr(cursor ? ROLE_CURSOR : (enum jawrc_role)r->aux[DOC_ROLE]));
		ui_put(l->win, r->cells[0], l->w, true);
	}
	struct doc_state *d = l->state;
	if (d->gone) {
		wattrset(l->win, colour_attr(ROLE_DIM));
		wmove(l->win, head, 1);
		ui_put(l->win, "This finding was deleted (u in the list brings it back).", l->w - 1,
		       false);
	}
	return true;
}

static const char *doc_describe_state(struct list *l)
{
	struct doc_state *d = l->state;
	return d->f ? d->f->title : NULL;
}

static const struct list_column doc_columns[] = {{"", 0, 0, 10}};

static const struct view_ops doc_ops = {
	.name = "finding",
	.title = "Finding",
	.columns = doc_columns,
	.ncolumns = 1,
	.count = doc_count,
	.fetch = doc_fetch,
	.draw_body = doc_draw_body,
	.describe_state = doc_describe_state,
	.free_state = doc_free_state,
	.empty = "",
};

/* The layer of a finding opened. */
struct doc {
	struct layer ly;
	struct list *l;
};

static struct doc *doc_of(struct layer *ly)
{
	return (struct doc *)ly;
}

static void doc_layout(struct layer *ly)
{
	struct doc *v = doc_of(ly);
	list_place(v->l, 1, 0, ly->ui->lines - 2, ly->ui->cols);
	list_reload(v->l); /* the text wraps to the new width */
}

static int doc_update(struct layer *ly, jaw_err *err)
{
	struct doc *v = doc_of(ly);
	if (ly->stale)
		list_reload(v->l);
	return list_update(v->l, err);
}

static void doc_draw(struct layer *ly, bool all)
{
	list_draw(doc_of(ly)->l, all);
}

static void doc_describe(struct layer *ly, char *buf, size_t size)
{
	list_describe(doc_of(ly)->l, buf, size);
}

/* The citation of the selected row; NULL (and a message) if it is text. */
static const struct list_row *doc_citation(struct ui *ui, struct list *l, const char *what)
{
	const struct list_row *r = list_selected(l);
	if (r && r->aux[DOC_KIND] == DOC_CITATION)
		return r;
	ui_message(ui, "%s: move to a citation first (below the text).", what);
	return NULL;
}

static int doc_remove_yes(struct ui *ui, void *ctx)
{
	struct ui_ref *r = ctx;
	char *analyst = ui_coder_new(ui);
	jaw_err err;
	err_clear(&err);
	int rc = citation_delete(ui->db, analyst, r->id, &err);
	free(analyst);
	return ui_after_change(ui, rc, &err, "Removed the citation %.200s (u undoes).", r->name);
}

static int doc_note_done(struct ui *ui, void *ctx, const char *note)
{
	struct ui_ref *r = ctx;
	char *analyst = ui_coder_new(ui);
	jaw_err err;
	err_clear(&err);
	int rc = citation_set_note(ui->db, analyst, r->id, note, &err);
	free(analyst);
	return ui_after_change(ui, rc, &err, "Note saved (u undoes).");
}

/* e on a citation: its note, inline. */
static int doc_note(struct ui *ui, const struct list_row *r)
{
	jaw_err err;
	err_clear(&err);
	struct citation *c = citation_get_new(ui->db, r->id, &err);
	if (!c) {
		ui_error(ui, err.msg);
		return UI_RELOAD;
	}
	prompt_open(ui, "Note on the citation: ", c->note, false, doc_note_done,
	            ui_ref_new(c->id, ""), ui_ref_free);
	citation_free(c);
	return UI_REDRAW;
}

static int doc_refresh(struct ui *ui, const struct list_row *r)
{
	if (r->aux[DOC_STATE] != CITATION_CHANGED) {
		ui_message(ui, r->aux[DOC_STATE] == CITATION_LOST ? "This citation is lost: there is"
		           " no text to take afresh (d removes it)." : "This citation is as its source"
		           " reads: nothing to refresh.");
		return UI_REDRAW;
	}
	char *analyst = ui_coder_new(ui);
	jaw_err err;
	err_clear(&err);
	int rc = citation_refresh(ui->db, analyst, r->id, &err);
	free(analyst);
	return ui_after_change(ui, rc, &err, "The citation now quotes its source as it reads"
	                       " (u undoes).");
}

/* Enter on a citation: the reader at the segment. */
static int doc_read(struct ui *ui, const struct list_row *r)
{
	if (!r->aux[DOC_SOURCE]) {
		ui_message(ui, "Its source was deleted: the quote is all that is left (d removes the"
		           " citation).");
		return UI_REDRAW;
	}
	ui_request_source(ui, r->aux[DOC_SOURCE], r->aux[DOC_START]);
	return UI_REDRAW;
}

/* The keys of the citations and the text. */
static int doc_action(struct ui *ui, struct doc *v, enum action a)
{
	struct list *l = v->l;
	struct doc_state *d = l->state;
	const struct list_row *r = list_selected(l);
	bool citation = r && r->aux[DOC_KIND] == DOC_CITATION;
	int part = r && !citation ? (int)r->aux[DOC_PART] : -1;
	switch (a) {
	case ACTION_OPEN:
		if (citation)
			return doc_read(ui, r);
		if (part >= 0)
			return findings_edit_part(ui, d->id, part);
		return findings_act(ui, d->id, ACTION_EDIT);
	case ACTION_EDIT:
		if (citation)
			return doc_note(ui, r);
		if (part >= 0)
			return findings_edit_part(ui, d->id, part);
		return findings_act(ui, d->id, ACTION_EDIT);
	case ACTION_DELETE:
		if (!(r = doc_citation(ui, l, "d removes a citation")))
			return UI_REDRAW;
		{
			char q[400];
			snprintf(q, sizeof q, "Remove the citation %.200s from this finding? u undoes it."
			         " (y/n)", r->cells[1]);
			prompt_confirm(ui, q, doc_remove_yes, ui_ref_new(r->id, r->cells[1]), ui_ref_free);
		}
		return UI_REDRAW;
	case ACTION_REFRESH_CITATION:
		if (!(r = doc_citation(ui, l, "r keeps a changed citation")))
			return UI_REDRAW;
		return doc_refresh(ui, r);
	case ACTION_ADD:
		ui_message(ui, "! in the reader or the analysis view cites evidence here; a adds a"
		           " finding in the list.");
		return UI_REDRAW;
	case ACTION_MOVE_ITEM_UP:
	case ACTION_MOVE_ITEM_DOWN:
		ui_message(ui, "K and J move findings in the list (q goes back to it).");
		return UI_REDRAW;
	default: return findings_act(ui, d->id, a);
	}
}

static int doc_key(struct layer *ly, int key)
{
	struct doc *v = doc_of(ly);
	struct ui *ui = ly->ui;
	enum action a = jawrc_lookup(ui->rc, JAWRC_FINDINGS, key);
	if (a == ACTION_QUIT || a == ACTION_NEXT_PANE || a == ACTION_PREV_PANE) {
		ui_close(ly);
		return UI_REDRAW;
	}
	int flags = ui_common_action(ui, ly, a);
	if (flags < 0)
		flags = list_action(v->l, a);
	if (flags < 0 && a != ACTION_NONE && a != ACTION_CLEAR_FILTER)
		flags = doc_action(ui, v, a);
	if (flags < 0) {
		ui_message(ui, "That key does nothing here; ? shows the keys.");
		flags = UI_REDRAW;
	}
	return flags;
}

/* /: the next row (text or citation) that holds text. */
static int doc_search(struct layer *ly, const char *text, enum model_dir dir)
{
	struct list *l = doc_of(ly)->l;
	enum { CHUNK = 64 };
	struct list_row rows[CHUNK];
	jaw_err err;
	err_clear(&err);
	int64_t found = -1, first = -1, last = -1;
	for (int64_t off = 0; off < l->count; off += CHUNK) {
		memset(rows, 0, sizeof rows);
		int n = doc_fetch(l, off, CHUNK, rows, &err);
		for (int i = 0; i < n; i++) {
			int64_t pos = off + i;
			bool hit = false;
			for (int k = 0; k < 4 && !hit; k++)
				hit = rows[i].cells[k] && search_has(rows[i].cells[k], strlen(rows[i].cells[k]),
				                                     text, strlen(text));
			list_row_clear(&rows[i]);
			if (!hit)
				continue;
			first = first < 0 ? pos : first;
			last = pos;
			if (dir == MODEL_FORWARD && pos > l->cursor && found < 0)
				found = pos;
			if (dir == MODEL_BACKWARD && pos < l->cursor)
				found = pos;
		}
		if (n < CHUNK)
			break;
	}
	if (found < 0 && first >= 0) {
		found = dir == MODEL_FORWARD ? first : last;
		ui_message(ly->ui, "Search wrapped round.");
	}
	if (found < 0)
		ui_message(ly->ui, "\"%.200s\" is not in this finding.", text);
	else
		list_goto(l, found);
	return UI_REDRAW;
}

static void doc_free(struct layer *ly)
{
	list_free(doc_of(ly)->l);
	free(ly);
}

static const struct layer_ops doc_layer_ops = {
	.name = "finding",
	.layout = doc_layout,
	.update = doc_update,
	.draw = doc_draw,
	.key = doc_key,
	.describe = doc_describe,
	.search = doc_search,
	.free = doc_free,
};

/* Enter: opens finding id over the list. */
static int findings_open(struct ui *ui, int64_t id)
{
	struct doc *v = xcalloc(1, sizeof *v);
	v->ly.ops = &doc_layer_ops;
	v->ly.view = VIEW_FINDINGS;
	v->ly.keymap = JAWRC_FINDINGS;
	v->ly.full = true;
	v->ly.title = true;
	struct doc_state *d = xcalloc(1, sizeof *d);
	d->id = id;
	v->l = list_new(&doc_ops, ui, ui->db, JAWRC_FINDINGS);
	v->l->state = d;
	v->l->no_header = true;
	list_set_focus(v->l, true);
	ui_push(ui, &v->ly);
	return UI_REDRAW;
}

/* ---- citing: the picker of findings --------------------------------------------------- */

/* What is cited, and the text typed to pick the finding. */
struct cite {
	struct findings_cite_target t;
	struct ui *ui;
};

/* The picker's rows: the findings whose text holds what is typed, and a
 * row "new finding..." (id 0): first when nothing is typed, else last
 * (l->state holds how many findings match). */
static bool cite_typed(const struct list *l)
{
	return l->filter && *l->filter;
}

static int64_t cite_count(struct list *l, jaw_err *err)
{
	struct finding_filter f = {.text = cite_typed(l) ? l->filter : NULL};
	int64_t *matches = l->state, n = finding_count(l->db, &f, err);
	*matches = n;
	return n < 0 ? -1 : n + 1;
}

/* The row that makes a new finding. */
static void cite_new_row(const struct list *l, struct list_row *r)
{
	r->id = 0;
	r->cells[0] = cite_typed(l) ? xasprintf("new finding \u201c%s\u201d\u2026", l->filter)
	                            : xstrdup("new finding\u2026");
	r->cells[1] = xstrdup(cite_typed(l) ? l->filter : ""); /* the title offered */
	r->detail = xstrdup("Enter asks the title of a new finding, and cites this in it");
}

static int cite_fetch(struct list *l, int64_t offset, int limit, struct list_row *rows,
                      jaw_err *err)
{
	int64_t matches = *(int64_t *)l->state, at_new = cite_typed(l) ? matches : 0;
	struct finding_filter f = {.text = cite_typed(l) ? l->filter : NULL};
	struct finding *rs = xcalloc((size_t)limit, sizeof *rs);
	int64_t from = offset > at_new ? offset - 1 : offset;
	int n = finding_page(l->db, &f, from, limit, rs, err), got = 0;
	for (int i = 0; n >= 0 && got < limit && (i < n || offset + got == at_new); got++) {
		struct list_row *r = &rows[got];
		if (offset + got == at_new) {
			cite_new_row(l, r);
			continue;
		}
		r->id = rs[i].id;
		r->cells[0] = xasprintf("%lld. %s  (%s, %lld citation%s)",
		                        (long long)findings_number(l->db, rs[i].id), rs[i].title,
		                        finding_status_words(rs[i].status),
		                        (long long)rs[i].strength.citations,
		                        rs[i].strength.citations == 1 ? "" : "s");
		r->detail = xasprintf("Enter cites it in \"%s\"", rs[i].title);
		i++;
	}
	for (int i = 0; i < (n > 0 ? n : 0); i++)
		finding_clear(&rs[i]);
	free(rs);
	return n < 0 ? -1 : got;
}

static const struct list_column cite_columns[] = {{"", 0, 0, 10}};

static const struct view_ops cite_ops = {
	.name = "findings",
	.title = "Findings",
	.columns = cite_columns,
	.ncolumns = 1,
	.count = cite_count,
	.fetch = cite_fetch,
	.free_state = free,
	.empty = "",
};

/* Cites c's evidence in finding id (titled title), saying so. */
static int cite_in(struct ui *ui, const struct cite *c, int64_t id, const char *title)
{
	char *analyst = ui_coder_new(ui);
	jaw_err err;
	err_clear(&err);
	int rc = c->t.coding_id
	       ? citation_add_coding(ui->db, analyst, id, c->t.coding_id, NULL, NULL, &err)
	       : citation_add_segment(ui->db, analyst, id, c->t.source_id, c->t.start, c->t.end,
	                              NULL, NULL, &err);
	free(analyst);
	return ui_after_change(ui, rc, &err, "Cited in finding %lld: %.200s (u in the findings"
	                       " view undoes it).", (long long)findings_number(ui->db, id), title);
}

static int cite_new_done(struct ui *ui, void *ctx, const char *title)
{
	struct cite *c = ctx;
	if (!*title) {
		ui_message(ui, "No title: nothing cited.");
		return UI_REDRAW;
	}
	char *analyst = ui_coder_new(ui);
	struct finding f = {.title = (char *)title, .owner = analyst};
	jaw_err err;
	err_clear(&err);
	int rc = finding_add(ui->db, analyst, &f, NULL, 0, &err);
	free(analyst);
	if (rc != JAW_OK)
		return ui_after_change(ui, rc, &err, "%s", "");
	findings_goto(ui, f.id);
	return cite_in(ui, c, f.id, title);
}

static int cite_picked(struct ui *ui, void *ctx, int64_t id, const struct list_row *row)
{
	(void)row;
	struct cite *c = ctx;
	if (id == 0) {
		struct cite *again = xmalloc(sizeof *again);
		*again = *c;
		prompt_open(ui, "Title of the new finding: ", row ? row->cells[1] : NULL, false,
		            cite_new_done, again, free);
		return UI_REDRAW;
	}
	struct finding *f = findings_get(ui, id);
	if (!f)
		return UI_RELOAD;
	int flags = cite_in(ui, c, id, f->title);
	finding_free(f);
	return flags;
}

void findings_cite(struct ui *ui, const struct findings_cite_target *t, const char *what)
{
	struct cite *c = xcalloc(1, sizeof *c);
	c->t = *t;
	c->ui = ui;
	char title[300];
	snprintf(title, sizeof title, " Cite %.200s in which finding? (type to filter; Esc) ",
	         what);
	chooser_open_typed(ui, title, &cite_ops, xcalloc(1, sizeof(int64_t)), cite_picked, c, free);
}

int64_t findings_impact(struct ui *ui, enum citation_target target, int64_t id, char *buf,
                        size_t size)
{
	jaw_err err;
	err_clear(&err);
	int64_t n = citation_impact(ui->db, target, id, &err);
	buf[0] = '\0';
	if (n < 0)
		ui_error(ui, err.msg);
	else if (n > 0)
		snprintf(buf, size, "%lld citation%s in findings will be lost. ", (long long)n,
		         n == 1 ? "" : "s");
	return n;
}

/* ---- the view -------------------------------------------------------------------------- */

static const struct view_action findings_actions[] = {
	{ACTION_OPEN, 0, "Open the finding: its text and citations; on a citation, read it in the"
	 " reader (q comes back); on a part, write it"},
	{ACTION_ADD, 0, "Add a finding (asks its title)"},
	{ACTION_EDIT, 0, "Edit the title; in a finding opened, the part or the citation's note"},
	{ACTION_EDIT_NOTES, 0, "Write the Observation, Discussion, Conclusion, Recommendation or"
	 " action body in $VISUAL or $EDITOR"},
	{ACTION_FINDING_STATUS, 0, "Set the status: observation, lesson identified, action"
	 " assigned, lesson learned or rejected"},
	{ACTION_FINDING_OWNER, 0, "Set the owner (you, unless you type another name)"},
	{ACTION_FINDING_AREAS, 0, "Choose the areas: codes at the top of the codebook"},
	{ACTION_MOVE_ITEM_UP, 0, "Move the finding up in the order of the report"},
	{ACTION_MOVE_ITEM_DOWN, 0, "Move the finding down in the order of the report"},
	{ACTION_DELETE, 0, "Delete the finding with its citations (asks first); in a finding"
	 " opened, remove the citation"},
	{ACTION_REFRESH_CITATION, 0, "In a finding opened: keep a changed citation, quoting its"
	 " source as it now reads"},
	{ACTION_MEMO, 0, "Write your memo on the finding in $VISUAL or $EDITOR (M lists memos)"},
	{ACTION_CLEAR_FILTER, 0, "Show every finding again (after :filter)"},
	{ACTION_UNDO, 0, "Undo your last change to the findings and their citations"},
	{ACTION_REDO, 0, "Redo the findings change you undid"},
};

const struct view_ops view_findings_ops = {
	.name = "findings",
	.title = "Findings",
	.columns = findings_columns,
	.ncolumns = sizeof findings_columns / sizeof *findings_columns,
	.count = findings_count,
	.fetch = findings_fetch,
	.search = findings_search,
	.action = findings_action,
	.layout_chart = findings_layout_chart,
	.draw_chart = findings_chart,
	.draw_chart_header = findings_chart_header,
	.describe_state = findings_describe_state,
	.position_of = findings_position_of,
	.commands = findings_commands,
	.ncommands = sizeof findings_commands / sizeof *findings_commands,
	.actions = findings_actions,
	.nactions = sizeof findings_actions / sizeof *findings_actions,
	.free_state = findings_free_state,
	.empty = "no findings yet: a adds one; ! in the reader cites evidence in one",
	.empty_state = findings_empty_state,
};
