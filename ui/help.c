/* help.c - the help: the keys of the view on screen, each with what it does
 * in that view (from the view's table of actions), the keys that work
 * everywhere, and the commands of the command line with their arguments;
 * or one topic (:help filter). The text is wrapped to the screen and
 * scrolls (j/k, PgDn/PgUp, g/G); q, Esc or ? closes it. The same entries
 * make the key tables of jaw(1) (tools/mankeys.c), so the two agree. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "ui.h"
#include "utf8.h"
#include "xalloc.h"

/* ---- what the help says ----------------------------------------------------- */

/* Moving in any list. */
static const struct view_action help_moving[] = {
	{ACTION_MOVE_DOWN, 0, "Move down one row"},
	{ACTION_MOVE_UP, 0, "Move up one row"},
	{ACTION_PAGE_DOWN, 0, "Move down one page"},
	{ACTION_PAGE_UP, 0, "Move up one page"},
	{ACTION_MOVE_FIRST, 0, "Move to the first row"},
	{ACTION_MOVE_LAST, 0, "Move to the last row"},
};

/* The panes that share the screen. */
static const struct view_action help_panes[] = {
	{ACTION_NEXT_PANE, 0, "Focus the next pane"},
	{ACTION_PREV_PANE, 0, "Focus the previous pane"},
	{ACTION_ZOOM, 0, "Zoom the focused pane to the whole screen, or back"},
};

/* Everywhere (the views' own keys come from the registry). Undo and redo are
 * not here: the views whose changes can be undone list them as their own. */
static const struct view_action help_everywhere[] = {
	{ACTION_HELP, 0, "Show these keys"},
	{ACTION_QUIT, 0, "Close this view and go back; in the panes, quit"},
	{ACTION_QUIT_NOW, 0, "Quit at once"},
	{ACTION_COMMAND, 0, "Type a command (the commands are below)"},
	{ACTION_SEARCH, 0, "Search what this view shows for text"},
	{ACTION_SEARCH_NEXT, 0, "Go to the next match"},
	{ACTION_SEARCH_PREV, 0, "Go to the previous match"},
	{ACTION_REDRAW, 0, "Read everything again and redraw the screen"},
};

/* True if a is one of the view's own actions (listed there, not again). */
static bool help_has(const struct view_ops *ops, enum action a)
{
	for (int i = 0; i < ops->nactions; i++)
		if (a >= ops->actions[i].action && a <= ops->actions[i].action + ops->actions[i].span)
			return true;
	return false;
}

/* Adds a heading and the actions of table (those the view does not list). */
static int help_section(struct help_entry *out, int n, int max, const char *heading,
                        const struct view_action *table, int count, const struct view_ops *own)
{
	if (n < max)
		out[n++] = (struct help_entry){.heading = heading};
	for (int i = 0; i < count && n < max; i++)
		if (!own || !help_has(own, table[i].action))
			out[n++] = (struct help_entry){.action = table[i].action, .span = table[i].span,
			                               .text = table[i].help};
	return n;
}

/* Adds the commands: the shell's, then each view's. */
static int help_commands(struct help_entry *out, int n, int max)
{
	if (n < max)
		out[n++] = (struct help_entry){.heading = "Commands (: then the command, Enter runs it)"};
	for (int i = 0; i < ui_shell_ncommands && n < max; i++)
		out[n++] = (struct help_entry){.command = &ui_shell_commands[i],
		                               .text = ui_shell_commands[i].help};
	for (int v = 0; v < VIEW_COUNT; v++)
		for (int i = 0; i < ui_views[v].ops->ncommands && n < max; i++)
			out[n++] = (struct help_entry){.command = &ui_views[v].ops->commands[i],
			                               .text = ui_views[v].ops->commands[i].help};
	return n;
}

int help_entries(enum view_id view, int parts, struct help_entry *out, int max)
{
	const struct view_ops *ops = ui_views[view].ops;
	static char heading[VIEW_COUNT][64];
	snprintf(heading[view], sizeof heading[view], "In the %s", ui_views[view].name);
	/* the view's own keys are not listed again in the other parts */
	const struct view_ops *own = parts & HELP_OWN ? ops : NULL;
	int n = 0;
	if ((parts & HELP_OWN) && ops->nactions > 0)
		n = help_section(out, n, max, heading[view], ops->actions, ops->nactions, NULL);
	if ((parts & HELP_MOVING) && ops->count)
		n = help_section(out, n, max, "Moving", help_moving,
		                 (int)(sizeof help_moving / sizeof *help_moving), own);
	if ((parts & HELP_PANES) && ui_views[view].place == VIEW_PLACE_PANE)
		n = help_section(out, n, max, "The panes", help_panes,
		                 (int)(sizeof help_panes / sizeof *help_panes), own);
	if (parts & HELP_EVERYWHERE) {
		n = help_section(out, n, max, "Everywhere", help_everywhere,
		                 (int)(sizeof help_everywhere / sizeof *help_everywhere), own);
		for (int v = 0; v < VIEW_COUNT && n < max; v++)
			if (ui_views[v].action != ACTION_NONE)
				out[n++] = (struct help_entry){.action = ui_views[v].action,
				                               .text = ui_views[v].help};
	}
	return parts & HELP_COMMANDS ? help_commands(out, n, max) : n;
}

/* ---- the layer -------------------------------------------------------------- */

/* A line of the help as drawn: left (keys) and right (what they do). */
struct help_line {
	char *left, *right;
	enum jawrc_role role;
};

struct help {
	struct layer ly;
	char *title;
	enum view_id view;    /* the view whose keys are shown */
	char *topic;          /* or a topic's text */
	struct help_line *lines;
	int n, cap, top, rows;
	int keyw;             /* the keys' column */
	WINDOW *win;
};

static struct help *help_of(struct layer *ly)
{
	return (struct help *)ly;
}

static void help_drop_lines(struct help *h)
{
	for (int i = 0; i < h->n; i++) {
		free(h->lines[i].left);
		free(h->lines[i].right);
	}
	h->n = 0;
}

static void help_add(struct help *h, const char *left, const char *right, enum jawrc_role role)
{
	if (h->n == h->cap)
		h->lines = xreallocarray(h->lines, (size_t)(h->cap = h->cap ? h->cap * 2 : 64),
		                         sizeof *h->lines);
	h->lines[h->n++] = (struct help_line){xstrdup(left), xstrdup(right), role};
}

/* Adds text wrapped to width, left beside its first line. */
static void help_add_wrapped(struct help *h, const char *left, const char *text, int width,
                             enum jawrc_role role)
{
	const char *p = text;
	bool first = true;
	do {
		size_t fit = utf8_fit(p, width > 8 ? width : 8, NULL), cut = fit;
		if (p[fit]) {
			while (cut > 0 && p[cut] != ' ')
				cut--;
			if (cut == 0)
				cut = fit;
		}
		char *line = xstrndup(p, cut);
		help_add(h, first ? left : "", line, role);
		free(line);
		first = false;
		p += cut;
		while (*p == ' ')
			p++;
	} while (*p);
}

/* The keys of entry e in the view, or "" when none is bound; a span of
 * actions with a key each is written first-last ("1-9"). */
static void help_keys(const struct help *h, const struct help_entry *e, char *keys, size_t size)
{
	enum jawrc_keymap map = ui_views[h->view].keymap;
	const struct jawrc *rc = h->ly.ui->rc;
	keys[0] = '\0';
	char first[64] = "", last[64] = "";
	bool single = true;
	for (int k = 0; k <= e->span; k++) {
		char one[64];
		int n = jawrc_keys_effective(rc, map, (enum action)(e->action + k), one, sizeof one);
		single &= n == 1;
		if (n > 0)
			snprintf(keys + strlen(keys), size - strlen(keys), "%s%s", *keys ? ", " : "", one);
		snprintf(k == 0 ? first : last, sizeof first, "%s", one);
	}
	if (e->span > 0 && single)
		snprintf(keys, size, "%s-%s", first, last);
}

/* The lines of a view's help for a text column of width. */
static void help_build_keys(struct help *h, int width)
{
	struct help_entry e[ACTION_COUNT + 64];
	int n = help_entries(h->view, HELP_ALL, e, (int)(sizeof e / sizeof *e));
	for (int i = 0; i < n; i++) {
		if (e[i].heading) {
			if (h->n)
				help_add(h, "", "", ROLE_NORMAL);
			help_add(h, e[i].heading, "", ROLE_PANE_TITLE);
			continue;
		}
		char left[300];
		if (e[i].command) {
			snprintf(left, sizeof left, ":%s%s%s", e[i].command->name, *e[i].command->args
			         ? " " : "", e[i].command->args);
		} else {
			help_keys(h, &e[i], left, sizeof left);
			if (!*left)
				continue; /* unbound here */
		}
		/* keys or a command too long for their column take a line of their own */
		if (utf8_width(left) > h->keyw - 1) {
			help_add(h, left, "", ROLE_HEADER);
			left[0] = '\0';
		}
		help_add_wrapped(h, left, e[i].text, width, ROLE_HEADER);
	}
}

/* The lines of a topic: paragraphs wrapped to the window. */
static void help_build_topic(struct help *h, int width)
{
	const char *p = h->topic;
	while (*p) {
		size_t len = strcspn(p, "\n");
		char *para = xstrndup(p, len);
		if (*para)
			help_add_wrapped(h, "", para, width, ROLE_NORMAL);
		else
			help_add(h, "", "", ROLE_NORMAL);
		free(para);
		p += len + (p[len] == '\n');
	}
}

/* The left column's width. */
static int help_keyw(const struct help *h, int w)
{
	return h->topic ? 0 : (w / 3 < 26 ? w / 3 : 26);
}

static void help_layout(struct layer *ly)
{
	struct help *h = help_of(ly);
	struct ui *ui = ly->ui;
	int w = ui->cols - 4 < 100 ? ui->cols - 4 : 100;
	help_drop_lines(h);
	h->keyw = help_keyw(h, w);
	int text_w = w - 4 - h->keyw;
	if (h->topic)
		help_build_topic(h, text_w);
	else
		help_build_keys(h, text_w);
	int height = h->n + 4 < ui->lines - 2 ? h->n + 4 : ui->lines - 2;
	h->rows = height - 4 > 0 ? height - 4 : 0;
	if (h->win)
		delwin(h->win);
	h->win = newwin(height, w, (ui->lines - height) / 2, (ui->cols - w) / 2);
}

/* Keeps the first line shown within the lines. */
static void help_clamp(struct help *h)
{
	if (h->top > h->n - h->rows)
		h->top = h->n - h->rows;
	if (h->top < 0)
		h->top = 0;
}

static void help_draw(struct layer *ly, bool all)
{
	(void)all;
	struct help *h = help_of(ly);
	WINDOW *win = h->win;
	int w = getmaxx(win);
	help_clamp(h);
	wattrset(win, colour_attr(ROLE_NORMAL));
	werase(win);
	box(win, 0, 0);
	char title[200];
	if (h->rows < h->n)
		snprintf(title, sizeof title, " %s: lines %d-%d of %d (j/k PgDn/PgUp g/G scroll, q closes) ",
		         h->title, h->top + 1, h->top + h->rows, h->n);
	else
		snprintf(title, sizeof title, " %s (q closes) ", h->title);
	wattrset(win, colour_attr(ROLE_HEADER));
	wmove(win, 0, 2);
	ui_put(win, title, w - 4, false);
	int keyw = help_keyw(h, w);
	for (int i = 0; i < h->rows && h->top + i < h->n; i++) {
		const struct help_line *l = &h->lines[h->top + i];
		wattrset(win, colour_attr(l->role));
		wmove(win, i + 2, 2);
		if (!*l->right || !keyw) {
			ui_put(win, *l->left ? l->left : l->right, w - 4, false);
			continue;
		}
		ui_put(win, l->left, keyw - 1, true);
		wattrset(win, colour_attr(ROLE_NORMAL));
		wmove(win, i + 2, 2 + keyw);
		ui_put(win, l->right, w - keyw - 4, false);
	}
	wnoutrefresh(win);
}

static int help_key(struct layer *ly, int key)
{
	struct help *h = help_of(ly);
	enum action a = jawrc_lookup(ly->ui->rc, JAWRC_GENERIC, key);
	int page = h->rows > 1 ? h->rows - 1 : 1;
	switch (a) {
	case ACTION_MOVE_DOWN: h->top++; break;
	case ACTION_MOVE_UP: h->top--; break;
	case ACTION_PAGE_DOWN: h->top += page; break;
	case ACTION_PAGE_UP: h->top -= page; break;
	case ACTION_MOVE_FIRST: h->top = 0; break;
	case ACTION_MOVE_LAST: h->top = h->n; break;
	default: ui_close(ly); break;
	}
	help_clamp(h);
	return UI_REDRAW;
}

static void help_free(struct layer *ly)
{
	struct help *h = help_of(ly);
	help_drop_lines(h);
	free(h->lines);
	if (h->win)
		delwin(h->win);
	free(h->topic);
	free(h->title);
	free(h);
}

static const struct layer_ops help_ops = {
	.name = "help",
	.layout = help_layout,
	.draw = help_draw,
	.key = help_key,
	.free = help_free,
};

static struct help *help_new(const char *title)
{
	struct help *h = xcalloc(1, sizeof *h);
	h->ly.ops = &help_ops;
	h->ly.view = -1;
	h->ly.keymap = JAWRC_GENERIC;
	h->title = xstrdup(title);
	return h;
}

void help_open(struct ui *ui, enum view_id view)
{
	char title[100];
	snprintf(title, sizeof title, "Keys: %s", ui_views[view].ops->title);
	struct help *h = help_new(title);
	h->view = view;
	ui_push(ui, &h->ly);
}

/* ---- topics ------------------------------------------------------------------- */

static const struct {
	const char *name, *text;
} help_topics[] = {
	{"filter",
	 ":filter [kind=KIND] [stakeholder=NAME] [event=TITLE] [code=NAME]\n"
	 "\n"
	 "Shows only the evidence that matches every condition given, in the Evidence pane. "
	 "KIND is interview, observation or document (survey answers are listed by question in "
	 "the survey view, U). NAME after stakeholder= is a stakeholder's name, TITLE a timeline "
	 "item's title, NAME after code= a code's name: the sources with a coding with that code. "
	 "Names are written in full, as they are in the project.\n"
	 "\n"
	 "Put a value that holds spaces in double quotes: "
	 ":filter stakeholder=\"Helga Brandvold\" kind=interview\n"
	 "\n"
	 "When several records have the name given, a list asks which one. #ID names a record "
	 "by its id: :filter event=#12.\n"
	 "\n"
	 ":filter alone, or x in the Evidence pane, shows all the evidence again."},
};

/* The text of a command's help: its line and what it does. */
static char *help_command_text_new(const char *name)
{
	const struct ui_command *c = NULL;
	for (int i = 0; i < ui_shell_ncommands && !c; i++)
		if (strcmp(ui_shell_commands[i].name, name) == 0)
			c = &ui_shell_commands[i];
	for (int v = 0; v < VIEW_COUNT && !c; v++)
		for (int i = 0; i < ui_views[v].ops->ncommands && !c; i++)
			if (strcmp(ui_views[v].ops->commands[i].name, name) == 0)
				c = &ui_views[v].ops->commands[i];
	return c ? xasprintf(":%s%s%s\n\n%s.", c->name, *c->args ? " " : "", c->args, c->help)
	         : NULL;
}

bool help_open_topic(struct ui *ui, const char *topic)
{
	char *text = NULL;
	for (size_t i = 0; i < sizeof help_topics / sizeof *help_topics && !text; i++)
		if (strcmp(help_topics[i].name, topic) == 0)
			text = xstrdup(help_topics[i].text);
	if (!text)
		text = help_command_text_new(topic);
	if (!text)
		return false;
	char title[100];
	snprintf(title, sizeof title, "Help: %.60s", topic);
	struct help *h = help_new(title);
	h->topic = text;
	ui_push(ui, &h->ly);
	return true;
}
