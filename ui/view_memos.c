/* view_memos.c - every memo of the project: on the project, sources,
 * codes, stakeholders, timeline items, findings, and the memos on codings,
 * newest first or by author (s), each with what it is on, its author and
 * date. Enter reads a memo; o goes to what it is on; a writes a memo on the
 * project; e edits one in $VISUAL/$EDITOR (refused when someone changed it
 * since it was read); d deletes one (asks); u and Ctrl-R undo and redo
 * memo changes; :memos filters by author and kind. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coding.h"
#include "kinds.h"
#include "memo.h"
#include "model.h"
#include "ui.h"
#include "utf8.h"
#include "xalloc.h"

struct memos_state {
	struct memo_filter filter;
	char author[128], kind[32];
	char label[200];
};

static const struct list_column memos_columns[] = {
	{"Date", 10, 0, 0}, {"Author", 10, 2, 0}, {"On", 28, 1, 0}, {"Memo", 0, 0, 20},
};

static struct memos_state *memos_state(struct list *l)
{
	if (!l->state) {
		struct memos_state *st = xcalloc(1, sizeof *st);
		st->filter.with_codings = true;
		st->filter.order = MEMO_NEWEST;
		l->state = st;
	}
	return l->state;
}

/* The kind of a memo's target in words. */
static const char *memos_kind_word(const char *kind)
{
	return strcmp(kind, "timeline_item") == 0 ? "timeline item" : kind;
}

/* The memo's title and text on one line. */
static char *memos_line_new(const struct memo *m)
{
	char *line = xasprintf("%s%s%s", m->title, *m->title && *m->text ? ": " : "", m->text);
	for (char *p = line; *p; p++)
		if (*p == '\n' || *p == '\t')
			*p = ' ';
	return line;
}

/* A row's id: the memo's, or minus the coding's for a coding's memo. */
static int64_t memos_row_id(const struct memo *m)
{
	return m->id ? m->id : -m->target_id;
}

static int64_t memos_count(struct list *l, jaw_err *err)
{
	return memo_count(l->db, &memos_state(l)->filter, err);
}

static int memos_fetch(struct list *l, int64_t offset, int limit, struct list_row *rows,
                       jaw_err *err)
{
	struct memo *items = xcalloc((size_t)limit, sizeof *items);
	int n = memo_page(l->db, &memos_state(l)->filter, offset, limit, items, err);
	for (int i = 0; i < n; i++) {
		struct memo *m = &items[i];
		struct list_row *r = &rows[i];
		r->id = memos_row_id(m);
		r->aux[0] = (long)m->target_id;
		char *line = memos_line_new(m);
		r->cells[0] = xstrndup(m->created, 10);
		r->cells[1] = xstrdup(m->author);
		r->cells[2] = strcmp(m->target_kind, "project") == 0
		            ? xstrdup("the project")
		            : xasprintf("%s: %s", memos_kind_word(m->target_kind), m->target);
		r->cells[3] = line;
		bool edited = strcmp(m->created, m->updated) != 0;
		r->detail = xasprintf("Memo on %s%s%s by %s, %.10s%s%.10s: %s; Enter reads it, o goes"
		                      " to it", strcmp(m->target_kind, "project") == 0 ? "the project"
		                      : memos_kind_word(m->target_kind),
		                      strcmp(m->target_kind, "project") == 0 ? "" : " ",
		                      strcmp(m->target_kind, "project") == 0 ? "" : m->target, m->author,
		                      m->created, edited ? ", edited " : "", edited ? m->updated : "",
		                      line);
		memo_clear(m);
	}
	free(items);
	return n;
}

static int64_t memos_search(struct list *l, const char *text, int64_t from, enum model_dir dir,
                            jaw_err *err)
{
	return memo_search(l->db, &memos_state(l)->filter, text, from, dir, err);
}

/* Where memo id is in the list (after an undo brings it back). */
static int64_t memos_position_of(struct list *l, int64_t id, jaw_err *err)
{
	int64_t pos = id > 0 ? memo_position_of(l->db, &memos_state(l)->filter, id, 0, err)
	                     : memo_position_of(l->db, &memos_state(l)->filter, 0, -id, err);
	return pos >= 0 ? pos : -1;
}

static const char *memos_describe_state(struct list *l)
{
	struct memos_state *st = memos_state(l);
	static char buf[300];
	const char *order = st->filter.order == MEMO_BY_AUTHOR ? "by author"
	                  : st->filter.order == MEMO_OLDEST ? "oldest first" : "newest first";
	snprintf(buf, sizeof buf, "%s%s%s", st->label, *st->label ? ", " : "", order);
	return buf;
}

static const char *memos_empty_state(struct list *l)
{
	return *memos_state(l)->label ? "no memo matches: x shows them all" : NULL;
}

/* ---- reading and going to a memo's target -------------------------------- */

/* The selected memo, read again (NULL with a message when it is gone). A
 * coding's memo comes back with id 0 and target_id the coding. */
static struct memo *memos_selected_new(struct ui *ui, struct list *l)
{
	const struct list_row *row = list_selected(l);
	if (!row) {
		ui_message(ui, "No memos here: a writes one on the project, m on a record.");
		return NULL;
	}
	jaw_err err;
	err_clear(&err);
	struct memo *m = NULL;
	if (row->id > 0) {
		m = memo_get_new(l->db, row->id, &err);
	} else {
		struct memo_filter f = {.target_kind = "coding", .target_id = -row->id,
		                        .with_codings = true};
		m = xcalloc(1, sizeof *m);
		if (memo_page(l->db, &f, 0, 1, m, &err) != 1) {
			memo_free(m);
			m = NULL;
			if (err.status == JAW_OK)
				err_set(&err, JAW_FAIL, "Someone removed this memo since: Ctrl-L reads the"
				        " list again.");
		}
	}
	if (!m)
		ui_error(ui, err.msg);
	return m;
}

/* The view that shows records of a memo's target kind, by name (so that a
 * view added later, the findings, is found when it is there); -1: none. */
static int memos_target_view(const char *kind)
{
	static const struct {
		const char *kind, *view;
	} views[] = {
		{"code", "codebook"}, {"stakeholder", "stakeholders"}, {"timeline_item", "timeline"},
		{"finding", "findings"},
	};
	for (size_t i = 0; i < sizeof views / sizeof *views; i++)
		if (strcmp(kind, views[i].kind) == 0)
			return ui_view_find(views[i].view);
	return -1;
}

/* o: the source in the reader (at the coding for a coding's memo), the
 * code in the codebook, the stakeholder or timeline item in its pane. */
static int memos_goto(struct ui *ui, const struct memo *m)
{
	if (strcmp(m->target_kind, "project") == 0) {
		ui_message(ui, "This memo is on the project itself.");
		return UI_REDRAW;
	}
	jaw_err err;
	err_clear(&err);
	if (strcmp(m->target_kind, "source") == 0 || strcmp(m->target_kind, "coding") == 0) {
		struct coding c = {0};
		if (strcmp(m->target_kind, "coding") == 0 &&
		    coding_get(ui->db, m->target_id, &c, &err) != JAW_OK) {
			ui_error(ui, err.msg);
			return UI_REDRAW;
		}
		ui_request_source(ui, c.id ? c.source_id : m->target_id, c.id ? c.start : 0);
		coding_clear(&c);
		return UI_REDRAW;
	}
	int view = memos_target_view(m->target_kind);
	struct list *l = view >= 0 ? ui_list(ui, (enum view_id)view) : NULL;
	if (!l || !l->ops->position_of) {
		ui_message(ui, "No view shows the %s this memo is on.", memos_kind_word(m->target_kind));
		return UI_REDRAW;
	}
	int64_t pos = l->ops->position_of(l, m->target_id, &err);
	if (pos < 0) {
		ui_message(ui, err.status != JAW_OK ? "%s" : "The %s \"%.200s\" is not in its list now"
		           " (deleted, or folded away).", err.status != JAW_OK ? err.msg
		           : memos_kind_word(m->target_kind), m->target);
		return UI_REDRAW;
	}
	struct ui_target t = {.view = (enum view_id)view, .id = m->target_id, .at = pos};
	ui_request(ui, &t);
	return UI_REDRAW;
}

/* Enter on a line of a memo being read: go to what it is on. */
static int memos_read_picked(struct ui *ui, void *ctx, int64_t id, const struct list_row *row)
{
	(void)id, (void)row;
	return memos_goto(ui, ctx);
}

static void memos_memo_free(void *m)
{
	memo_free(m);
}

/* Splits text into lines of at most width columns, breaking at spaces;
 * returns how many lines (*lines newly allocated, each line too). */
static int memos_wrap(const char *text, int width, char ***lines)
{
	int n = 0, cap = 16;
	*lines = xcalloc((size_t)cap, sizeof **lines);
	for (const char *p = text; *p || n == 0;) {
		size_t para = strcspn(p, "\n");
		size_t fit = utf8_fit(p, width, NULL), cut = fit < para ? fit : para;
		if (cut < para) {
			size_t space = cut;
			while (space > 0 && p[space] != ' ')
				space--;
			cut = space > 0 ? space : cut;
		}
		if (n == cap)
			*lines = xreallocarray(*lines, (size_t)(cap *= 2), sizeof **lines);
		(*lines)[n++] = xstrndup(p, cut);
		p += cut;
		if (*p == ' ' && cut < para)
			p++;
		else if (*p == '\n')
			p++;
		if (!*p)
			break;
	}
	return n;
}

/* Enter: the memo's text, wrapped, in a list that scrolls; Enter there
 * goes to what it is on. */
static int memos_read(struct ui *ui, struct memo *m)
{
	char **lines = NULL;
	char *text = xasprintf("%s%s%s", m->title, *m->title ? "\n\n" : "", m->text);
	int n = memos_wrap(text, ui->cols > 20 ? ui->cols - 8 : 12, &lines);
	free(text);
	char title[400];
	bool project = strcmp(m->target_kind, "project") == 0;
	snprintf(title, sizeof title, " Enter goes to it: %.60s's memo of %.10s on %s%s%.150s ",
	         m->author, m->created, project ? "the project" : memos_kind_word(m->target_kind),
	         project ? "" : " ", project ? "" : m->target);
	chooser_open_items(ui, title, lines, NULL, n, memos_read_picked, m, memos_memo_free);
	for (int i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
	return UI_REDRAW;
}

/* ---- changing memos -------------------------------------------------------- */

/* e: the memo's text in the editor; saved unless someone changed it since. */
static int memos_edit(struct ui *ui, struct list *l, struct memo *m)
{
	char *text = xstrdup(m->text);
	int flags = UI_REDRAW;
	if (ui_edit_text(ui, &text, "memo")) {
		char *analyst = ui_coder_new(ui);
		jaw_err err;
		err_clear(&err);
		int rc;
		if (m->id) {
			struct memo now = *m;
			now.text = text;
			rc = memo_update(ui->db, analyst, &now, m, &err);
		} else {
			rc = coding_set_memo(ui->db, analyst, m->target_id, text, &err);
		}
		flags = ui_after_change(ui, rc, &err, m->id ? "Memo saved (u undoes)."
		                        : "Memo on the coding saved (u in the reader undoes).");
		if (rc == JAW_OK) {
			int64_t pos = memo_position_of(ui->db, &memos_state(l)->filter, m->id,
			                               m->id ? 0 : m->target_id, NULL);
			if (pos >= 0)
				list_goto(l, pos);
		}
		free(analyst);
	}
	free(text);
	return flags;
}

/* a: a new memo on the project. */
static int memos_add(struct ui *ui, struct list *l)
{
	int flags = ui_memo_write(ui, "project", 0, "the project", true);
	if (flags & UI_RELOAD)
		list_goto(l, memos_state(l)->filter.order == MEMO_NEWEST ? 0 : l->count);
	return flags;
}

static int memos_delete_yes(struct ui *ui, void *ctx)
{
	struct memo *m = ctx;
	char *analyst = ui_coder_new(ui);
	jaw_err err;
	err_clear(&err);
	int rc = m->id ? memo_delete(ui->db, analyst, m->id, &err)
	               : coding_set_memo(ui->db, analyst, m->target_id, "", &err);
	free(analyst);
	return ui_after_change(ui, rc, &err, m->id ? "Memo deleted (u undoes)."
	                       : "Memo on the coding deleted (u in the reader undoes).");
}

static int memos_delete(struct ui *ui, struct memo *m)
{
	char q[500];
	snprintf(q, sizeof q, "Delete %.40s's memo on %s%s%.150s? (y/n)", m->author,
	         strcmp(m->target_kind, "project") == 0 ? "the project" : memos_kind_word(m->target_kind),
	         strcmp(m->target_kind, "project") == 0 ? "" : " ",
	         strcmp(m->target_kind, "project") == 0 ? "" : m->target);
	prompt_confirm(ui, q, memos_delete_yes, m, memos_memo_free);
	return UI_REDRAW;
}

/* s: newest first, by author, oldest first, and round. */
static int memos_sort(struct ui *ui, struct list *l, enum memo_order order)
{
	memos_state(l)->filter.order = order;
	list_reload(l);
	l->cursor = l->top = 0;
	ui_message(ui, order == MEMO_BY_AUTHOR ? "Sorted by author (s: oldest first)."
	           : order == MEMO_OLDEST ? "Oldest first (s: newest first)."
	           : "Newest first (s: by author).");
	return UI_REDRAW;
}

/* Shows only the memos of author and kind ("" for any); label says so. */
static void memos_set_filter(struct list *l, const char *author, const char *kind)
{
	struct memos_state *st = memos_state(l);
	snprintf(st->author, sizeof st->author, "%s", author);
	snprintf(st->kind, sizeof st->kind, "%s", kind);
	st->filter.author = *st->author ? st->author : NULL;
	st->filter.target_kind = *st->kind ? st->kind : NULL;
	st->filter.with_codings = !*st->kind || strcmp(st->kind, "coding") == 0;
	snprintf(st->label, sizeof st->label, "%s%s%s%s%s", *kind ? "on " : "",
	         *kind ? memos_kind_word(kind) : "", *kind && *author ? ", " : "",
	         *author ? "by " : "", author);
	l->cursor = l->top = 0;
	list_reload(l);
}

static int memos_action(struct ui *ui, struct list *l, enum action a)
{
	struct memos_state *st = memos_state(l);
	switch (a) {
	case ACTION_ADD: return memos_add(ui, l);
	case ACTION_SORT:
		return memos_sort(ui, l, st->filter.order == MEMO_NEWEST ? MEMO_BY_AUTHOR
		                         : st->filter.order == MEMO_BY_AUTHOR ? MEMO_OLDEST : MEMO_NEWEST);
	case ACTION_CLEAR_FILTER:
		memos_set_filter(l, "", "");
		ui_message(ui, "Showing every memo.");
		return UI_REDRAW;
	case ACTION_OPEN: case ACTION_EDIT: case ACTION_DELETE: case ACTION_GOTO_TARGET: break;
	default: return -1;
	}
	struct memo *m = memos_selected_new(ui, l);
	if (!m)
		return UI_REDRAW;
	switch (a) {
	case ACTION_OPEN: return memos_read(ui, m); /* the chooser owns m */
	case ACTION_DELETE: return memos_delete(ui, m); /* the question owns m */
	default: break;
	}
	int flags = a == ACTION_EDIT ? memos_edit(ui, l, m) : memos_goto(ui, m);
	memo_free(m);
	return flags;
}

/* :memos [author=NAME] [kind=KIND]: the memos view, filtered. */
static int memos_command(struct ui *ui, struct list *l, const char *args)
{
	char author[128] = "", kind[32] = "";
	const char *p = args;
	while (*p) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		const char *eq = strchr(p, '=');
		/* a value runs to the next " key=" (names have spaces) */
		const char *end = eq ? strstr(eq, " author=") : NULL;
		const char *end2 = eq ? strstr(eq, " kind=") : NULL;
		if (!end || (end2 && end2 < end))
			end = end2;
		if (!end)
			end = p + strlen(p);
		size_t klen = eq ? (size_t)(eq - p) : 0;
		int vlen = eq ? (int)(end - eq - 1) : 0;
		if (eq && klen == 6 && strncmp(p, "author", 6) == 0) {
			snprintf(author, sizeof author, "%.*s", vlen, eq + 1);
		} else if (eq && klen == 4 && strncmp(p, "kind", 4) == 0) {
			snprintf(kind, sizeof kind, "%.*s", vlen, eq + 1);
			if (strcmp(kind, "timeline") == 0 || strcmp(kind, "timeline item") == 0)
				snprintf(kind, sizeof kind, "timeline_item");
			if (!model_one_of(kind, kinds_memo_target) && strcmp(kind, "coding") != 0) {
				char words[200], msg[400];
				kinds_describe(kinds_memo_target, words, sizeof words);
				snprintf(msg, sizeof msg, "memos: kind=%.40s is not a kind of memo (%s, or"
				         " coding)", kind, words);
				ui_error(ui, msg);
				return UI_REDRAW;
			}
		} else {
			char msg[300];
			snprintf(msg, sizeof msg, "memos: write :memos author=NAME kind=KIND, not \"%.80s\"",
			         p);
			ui_error(ui, msg);
			return UI_REDRAW;
		}
		p = end;
	}
	memos_set_filter(l, author, kind);
	ui_request_view(ui, VIEW_MEMOS);
	ui_message(ui, *author || *kind ? "Memos filtered: x or :memos shows all." : "Showing every memo.");
	return UI_REDRAW;
}

/* :sort-memos newest|oldest|author */
static int memos_command_order(struct ui *ui, struct list *l, const char *args)
{
	enum memo_order order = strcmp(args, "author") == 0 ? MEMO_BY_AUTHOR
	                      : strcmp(args, "oldest") == 0 ? MEMO_OLDEST : MEMO_NEWEST;
	if (order == MEMO_NEWEST && strcmp(args, "newest") != 0) {
		ui_error(ui, "memo-order: write :memo-order newest, oldest or author");
		return UI_REDRAW;
	}
	ui_request_view(ui, VIEW_MEMOS);
	return memos_sort(ui, l, order);
}

static const struct ui_command memos_commands[] = {
	{"memos", "[author=NAME] [kind=KIND]", "Show the memos of one analyst or on one kind of"
	 " record (project, source, code, stakeholder, timeline, finding, coding); no argument:"
	 " all", memos_command},
	{"memo-order", "newest|oldest|author", "Order the memos", memos_command_order},
};

static const struct view_action memos_actions[] = {
	{ACTION_OPEN, 0, "Read the memo (Enter there goes to what it is on)"},
	{ACTION_GOTO_TARGET, 0, "Go to what the memo is on: the source in the reader, the code in"
	 " the codebook, the stakeholder, the timeline item"},
	{ACTION_ADD, 0, "Write a memo on the project (m in another view writes one on its item)"},
	{ACTION_EDIT, 0, "Edit the memo in $VISUAL or $EDITOR (refused if someone changed it since)"},
	{ACTION_DELETE, 0, "Delete the memo (asks first)"},
	{ACTION_UNDO, 0, "Undo your last change to a memo (a coding's memo: u in the reader)"},
	{ACTION_REDO, 0, "Redo the memo change you undid"},
	{ACTION_SORT, 0, "Newest first, by author, oldest first"},
	{ACTION_CLEAR_FILTER, 0, "Show every memo again"},
};

const struct view_ops view_memos_ops = {
	.name = "memos",
	.title = "Memos",
	.columns = memos_columns,
	.ncolumns = sizeof memos_columns / sizeof *memos_columns,
	.count = memos_count,
	.fetch = memos_fetch,
	.search = memos_search,
	.position_of = memos_position_of,
	.action = memos_action,
	.describe_state = memos_describe_state,
	.empty_state = memos_empty_state,
	.commands = memos_commands,
	.ncommands = sizeof memos_commands / sizeof *memos_commands,
	.actions = memos_actions,
	.nactions = sizeof memos_actions / sizeof *memos_actions,
	.free_state = free,
	.empty = "no memos yet: a writes one on the project, m on a source, code or stakeholder",
};
