/* command.c - the command line (`:`): :goto, :filter, :sort, :search,
 * :view, :zoom, :help, :quit, and any jawrc line (:bind, :set, ...). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "xalloc.h"

/* A command: its name, what its argument is, and what it does. */
struct command {
	const char *name, *args, *help;
	int (*run)(struct ui *ui, const char *args);
};

static int command_quit(struct ui *ui, const char *args)
{
	(void)ui, (void)args;
	return UI_QUIT;
}

static int command_goto(struct ui *ui, const char *args)
{
	jaw_err err;
	err_clear(&err);
	int64_t pos = model_timeline_position_of_date(ui->db, args, &err);
	if (pos < 0) {
		ui_error(ui, err.msg);
		return UI_REDRAW;
	}
	ui_focus_pane(ui, 0);
	list_goto(ui->panes[0], pos);
	return ui->zoomed ? UI_LAYOUT : UI_REDRAW;
}

static int command_filter(struct ui *ui, const char *args)
{
	jaw_err err;
	err_clear(&err);
	if (view_evidence_filter_command(ui->panes[2], args, &err) != JAW_OK) {
		ui_error(ui, err.msg);
		return UI_REDRAW;
	}
	ui_focus_pane(ui, 2);
	ui_message(ui, *args ? "Evidence filtered: x or :filter shows all." : "Showing all evidence.");
	return ui->zoomed ? UI_LAYOUT : UI_RELOAD;
}

static int command_sort(struct ui *ui, const char *args)
{
	struct list *l = ui->panes[2];
	bool title = strcmp(args, "title") == 0;
	if (!title && strcmp(args, "date") != 0) {
		ui_error(ui, "sort: write :sort date or :sort title");
		return UI_REDRAW;
	}
	/* the evidence view toggles; ask it only when the order changes */
	const char *state = l->ops->describe_state ? l->ops->describe_state(l) : NULL;
	bool now_title = state && strstr(state, "by title");
	if (now_title != title)
		l->ops->action(ui, l, ACTION_SORT);
	ui_focus_pane(ui, 2);
	return UI_RELOAD;
}

static int command_search(struct ui *ui, const char *args)
{
	return ui_search_for(ui, args);
}

static int command_view(struct ui *ui, const char *args)
{
	for (int i = 0; i < UI_NPANES; i++) {
		if (strcmp(ui->panes[i]->ops->name, args) == 0) {
			ui_focus_pane(ui, i);
			return ui->zoomed ? UI_LAYOUT : UI_REDRAW;
		}
	}
	ui_error(ui, "view: write :view timeline, :view stakeholders, :view evidence or :view codebook");
	return UI_REDRAW;
}

static int command_zoom(struct ui *ui, const char *args)
{
	(void)args;
	ui->zoomed = !ui->zoomed;
	return UI_LAYOUT;
}

static int command_help(struct ui *ui, const char *args)
{
	(void)args;
	ui->help = true;
	ui->help_top = 0;
	return UI_REDRAW;
}

/* bind, unbind, color, set: a jawrc line, for this session. */
static int command_jawrc(struct ui *ui, const char *line)
{
	jaw_err err;
	err_clear(&err);
	if (jawrc_apply_line(ui->rc, line, &err) != JAW_OK) {
		ui_error(ui, err.msg);
		return UI_REDRAW;
	}
	if (strncmp(line, "color", 5) == 0 || strncmp(line, "colour", 6) == 0)
		colour_init(ui->rc);
	ui_message(ui, "Done (for this session; put it in your jawrc to keep it).");
	return UI_LAYOUT;
}

static const struct command commands[] = {
	{"goto", "DATE", "move the timeline to the first item on or after DATE", command_goto},
	{"filter", "[kind=K] [stakeholder=NAME] [event=TITLE] [code=NAME]",
	 "show only the evidence that matches (no argument: all)", command_filter},
	{"sort", "date|title", "sort the evidence", command_sort},
	{"search", "TEXT", "search the focused list (then n, N)", command_search},
	{"view", "timeline|stakeholders|evidence|codebook", "focus a pane", command_view},
	{"zoom", "", "zoom the focused pane, or back", command_zoom},
	{"help", "", "show the keys", command_help},
	{"quit", "", "leave jaw", command_quit},
	{"bind", "KEYMAP KEY ACTION", "bind a key for this session (see jawrc(5))", NULL},
	{"unbind", "KEYMAP KEY", "unbind a key for this session", NULL},
	{"color", "ROLE FG BG [ATTR]", "change a colour for this session", NULL},
	{"colour", "ROLE FG BG [ATTR]", "the same as color", NULL},
	{"set", "OPTION VALUE", "set an option for this session", NULL},
};

const char *ui_command_complete(const char *prefix, int nth)
{
	size_t n = strlen(prefix);
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
		if (strncmp(commands[i].name, prefix, n) == 0 && nth-- == 0)
			return commands[i].name;
	return NULL;
}

int ui_command(struct ui *ui, const char *line)
{
	while (*line == ' ' || *line == ':')
		line++;
	size_t n = strcspn(line, " ");
	const char *args = line + n;
	while (*args == ' ')
		args++;
	if (n == 0)
		return UI_REDRAW;
	if (strncmp(line, "q", n) == 0 && n == 1)
		return UI_QUIT;
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++) {
		if (strlen(commands[i].name) != n || strncmp(commands[i].name, line, n) != 0)
			continue;
		return commands[i].run ? commands[i].run(ui, args) : command_jawrc(ui, line);
	}
	char msg[300];
	snprintf(msg, sizeof msg, "no command \"%.*s\" (Tab completes; :help)", (int)(n < 60 ? n : 60),
	         line);
	ui_error(ui, msg);
	return UI_REDRAW;
}
