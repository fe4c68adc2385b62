/* command.c - the command line (`:`): the shell's commands (:search,
 * :view, :zoom, :help, :quit and any jawrc line: :bind, :set, ...) and
 * the commands each view registers in its view_ops (:goto, :filter,
 * :sort, :import, ...). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "xalloc.h"

static int command_quit(struct ui *ui, struct list *l, const char *args)
{
	(void)ui, (void)l, (void)args;
	return UI_QUIT;
}

static int command_search(struct ui *ui, struct list *l, const char *args)
{
	(void)l;
	return ui_search_for(ui, args);
}

/* The names of the views :view takes, for its messages. */
static void command_view_names(char *buf, size_t size)
{
	buf[0] = '\0';
	for (int v = 0; v < VIEW_COUNT; v++)
		if (ui_views[v].action != ACTION_NONE)
			snprintf(buf + strlen(buf), size - strlen(buf), "%s%s", *buf ? ", " : "",
			         ui_views[v].name);
}

static int command_view(struct ui *ui, struct list *l, const char *args)
{
	(void)l;
	int v = ui_view_find(args);
	if (v >= 0 && ui_views[v].action != ACTION_NONE) {
		ui_request_view(ui, (enum view_id)v);
		return UI_REDRAW;
	}
	char names[400], msg[600];
	command_view_names(names, sizeof names);
	if (v >= 0)
		snprintf(msg, sizeof msg, "view: the %s opens from another view (%.200s)", args,
		         ui_views[v].help);
	else
		snprintf(msg, sizeof msg, "view: no view \"%.60s\" (%s)", args, names);
	ui_error(ui, msg);
	return UI_REDRAW;
}

static int command_zoom(struct ui *ui, struct list *l, const char *args)
{
	(void)l, (void)args;
	if (ui_view_layer(ui) != ui->stack[0]) {
		ui_message(ui, "This view takes the whole screen already.");
		return UI_REDRAW;
	}
	return panes_toggle_zoom(ui->stack[0]);
}

static int command_help(struct ui *ui, struct list *l, const char *args)
{
	(void)l;
	if (!*args)
		return ui_common_action(ui, ui_view_layer(ui), ACTION_HELP);
	if (!help_open_topic(ui, args)) {
		char msg[200];
		snprintf(msg, sizeof msg, "help: no topic \"%.60s\" (filter, or a command such as goto)",
		         args);
		ui_error(ui, msg);
	}
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

const struct ui_command ui_shell_commands[] = {
	{"search", "TEXT", "Search the focused list (then n, N)", command_search},
	{"view", "NAME", "Show a view (timeline, stakeholders, evidence, codebook, survey, analysis)",
	 command_view},
	{"zoom", "", "Zoom the focused pane, or back", command_zoom},
	{"help", "[TOPIC]", "Show the keys and commands; :help filter shows the filter syntax",
	 command_help},
	{"quit", "", "Leave jaw", command_quit},
	{"export", "[--excel] FORMAT PATH", "Export the project (jaw export's formats) into a file",
	 ui_export_command},
	{"marking", "[TEXT]", "Set the project's marking line (a caveat on every page of the"
	 " report); no TEXT: edit it", ui_marking_command},
	{"bind", "KEYMAP KEY ACTION", "Bind a key for this session (see jawrc(5))", NULL},
	{"unbind", "KEYMAP KEY", "Unbind a key for this session", NULL},
	{"color", "ROLE FG BG [ATTR]", "Change a colour for this session", NULL},
	{"colour", "ROLE FG BG [ATTR]", "The same as color", NULL},
	{"set", "OPTION VALUE", "Set an option for this session", NULL},
};
enum { SHELL_NCOMMANDS = sizeof ui_shell_commands / sizeof *ui_shell_commands };
const int ui_shell_ncommands = SHELL_NCOMMANDS;

/* The nth command of all: the shell's, then each view's in registry order;
 * *view is the view that registered it (-1 for the shell's). */
static const struct ui_command *command_nth(int nth, int *view)
{
	*view = -1;
	if (nth < SHELL_NCOMMANDS)
		return &ui_shell_commands[nth];
	nth -= SHELL_NCOMMANDS;
	for (int v = 0; v < VIEW_COUNT; v++) {
		const struct view_ops *ops = ui_views[v].ops;
		if (nth < ops->ncommands) {
			*view = v;
			return &ops->commands[nth];
		}
		nth -= ops->ncommands;
	}
	return NULL;
}

const char *ui_command_complete(const char *prefix, int nth)
{
	size_t n = strlen(prefix);
	const struct ui_command *c;
	int view;
	for (int i = 0; (c = command_nth(i, &view)) != NULL; i++)
		if (strncmp(c->name, prefix, n) == 0 && nth-- == 0)
			return c->name;
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
	const struct ui_command *c;
	int view;
	for (int i = 0; (c = command_nth(i, &view)) != NULL; i++) {
		if (strlen(c->name) != n || strncmp(c->name, line, n) != 0)
			continue;
		if (!c->run)
			return command_jawrc(ui, line);
		return c->run(ui, view >= 0 ? ui->lists[view] : NULL, args);
	}
	char msg[300];
	snprintf(msg, sizeof msg, "no command \"%.*s\" (Tab completes; :help)", (int)(n < 60 ? n : 60),
	         line);
	ui_error(ui, msg);
	return UI_REDRAW;
}
