/* prompt.c - questions in the status bar, as layers on the stack: a line
 * of text (with history, and Tab completion of command names and of the
 * names in key=value words) and yes/no.
 * While one is open the views behind it stay live. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "filter.h"
#include "keys.h"
#include "lineedit.h"
#include "ui.h"
#include "utf8.h"
#include "xalloc.h"

/* What a prompt or question does when it is answered. */
struct prompt {
	struct layer ly;
	char *label;
	struct lineedit le;
	bool commands;          /* history and Tab completion of command names */
	bool yes_no;            /* a question: y or n */
	int hist, nth;          /* where in the history; which completion */
	char prefix[32];        /* what Tab completes: a command's name */
	char *base;             /* or the line whose last key=value it completes */
	ui_text_fn done;
	ui_yes_fn yes;
	void *ctx;
	void (*ctx_free)(void *);
	int col;                /* where the cursor was drawn */
};

static struct prompt *prompt_of(struct layer *ly)
{
	return (struct prompt *)ly;
}

/* A question on one line of width cols: a question too long is cut
 * before its last words, "(y/n)", which always show. */
static void prompt_draw_question(WINDOW *w, const char *q, int cols)
{
	const char *tail = strrchr(q, '(');
	int tail_w = tail ? utf8_width(tail) : 0;
	if (utf8_width(q) <= cols || !tail || tail_w + 2 > cols) {
		ui_put(w, q, cols, true);
		return;
	}
	char *head = xstrndup(q, (size_t)(tail - q));
	ui_put(w, head, cols - tail_w - 1, false); /* cut with an ellipsis */
	free(head);
	waddch(w, ' ');
	ui_put(w, tail, tail_w, false);
}

static void prompt_draw(struct layer *ly, bool all)
{
	(void)all;
	struct prompt *p = prompt_of(ly);
	struct ui *ui = ly->ui;
	WINDOW *w = ui->status_win;
	if (p->yes_no) {
		wattrset(w, colour_attr(ROLE_ERROR));
		werase(w);
		wmove(w, 0, 0);
		prompt_draw_question(w, p->label, ui->cols);
		wnoutrefresh(w);
		return;
	}
	int lw = utf8_width(p->label);
	wattrset(w, colour_attr(ROLE_NORMAL));
	werase(w);
	wmove(w, 0, 0);
	ui_put(w, p->label, lw, false);
	/* keep the cursor visible: scroll the text left when it is long */
	int room = ui->cols - lw - 1, col = lineedit_cursor_col(&p->le);
	const char *text = p->le.buf;
	while (col >= room && *text) {
		/* a whole cluster at a time, as it is drawn */
		size_t len = strlen(text), n = utf8_cluster_next(text, len, 0);
		char *cluster = xstrndup(text, n ? n : 1);
		col -= utf8_width(cluster);
		free(cluster);
		text += n ? n : 1;
	}
	ui_put(w, text, room, false);
	p->col = lw + col;
	wnoutrefresh(w);
}

static bool prompt_cursor(struct layer *ly, WINDOW **win, int *y, int *x)
{
	struct prompt *p = prompt_of(ly);
	if (p->yes_no)
		return false;
	*win = ly->ui->status_win;
	*y = 0;
	*x = p->col;
	return true;
}

static void prompt_remember(struct ui *ui, const char *line)
{
	if (!*line)
		return;
	if (ui->nhistory > 0 && strcmp(ui->history[ui->nhistory - 1], line) == 0)
		return;
	if (ui->nhistory == (int)(sizeof ui->history / sizeof *ui->history)) {
		free(ui->history[0]);
		memmove(ui->history, ui->history + 1, sizeof ui->history - sizeof *ui->history);
		ui->nhistory--;
	}
	ui->history[ui->nhistory++] = xstrdup(line);
}

/* Where the last word of line begins (after the last space outside double
 * quotes). */
static size_t prompt_last_word(const char *line)
{
	size_t at = 0;
	bool quoted = false;
	for (size_t i = 0; line[i]; i++) {
		if (line[i] == '"')
			quoted = !quoted;
		else if (line[i] == ' ' && !quoted)
			at = i + 1;
	}
	return at;
}

/* Tab after a command's name: a last word key=VALUE whose key names
 * records (stakeholder=, event=, code= of the filter language) completes
 * VALUE to a name, ignoring case and accents, quoted when it has spaces;
 * Tab again gives the next name. */
static void prompt_complete_value(struct prompt *p)
{
	if (p->nth == 0) {
		free(p->base);
		p->base = xstrdup(p->le.buf);
	}
	size_t w = prompt_last_word(p->base);
	const char *eq = strchr(p->base + w, '=');
	if (!eq)
		return;
	char *key = xstrndup(p->base + w, (size_t)(eq - (p->base + w)));
	int kind = filter_key_kind(key);
	const char *typed = eq[1] == '"' ? eq + 2 : eq + 1;
	jaw_err err;
	err_clear(&err);
	char *name = kind < 0 ? NULL
	           : model_name_complete_new(p->ly.ui->db, (enum model_name_kind)kind, typed,
	                                     p->nth++, &err);
	if (!name && kind >= 0 && err.status == JAW_OK && p->nth > 1) {
		p->nth = 1;
		name = model_name_complete_new(p->ly.ui->db, (enum model_name_kind)kind, typed, 0,
		                               &err);
	}
	if (err.status != JAW_OK)
		ui_error(p->ly.ui, err.msg);
	if (name) {
		bool quote = strpbrk(name, " \"") != NULL;
		char *line = xasprintf("%.*s%s=%s%s%s", (int)w, p->base, key, quote ? "\"" : "", name,
		                       quote ? "\"" : "");
		lineedit_set(&p->le, line);
		free(line);
	}
	free(name);
	free(key);
}

/* Tab: completes the command name (the first word), cycling through names,
 * or a name after it (prompt_complete_value). */
static void prompt_complete(struct prompt *p)
{
	if (strchr(p->le.buf, ' ')) {
		prompt_complete_value(p);
		return;
	}
	if (p->nth == 0)
		snprintf(p->prefix, sizeof p->prefix, "%s", p->le.buf);
	const char *name = ui_command_complete(p->prefix, p->nth++);
	if (!name) {
		p->nth = 0;
		name = ui_command_complete(p->prefix, p->nth++);
	}
	if (name)
		lineedit_set(&p->le, name);
}

static int prompt_key_yes_no(struct prompt *p, int key)
{
	if (key == 'y' || key == 'Y') {
		ui_close(&p->ly);
		return p->yes(p->ly.ui, p->ctx);
	}
	if (key == 'n' || key == 'N' || key == 27 || key == 'q' || key == 7)
		ui_close(&p->ly);
	return UI_REDRAW;
}

static int prompt_key(struct layer *ly, int key)
{
	struct prompt *p = prompt_of(ly);
	struct ui *ui = ly->ui;
	if (p->yes_no)
		return prompt_key_yes_no(p, key);
	if (key == 27 || key == 7) { /* Esc, Ctrl-G */
		ui_close(ly);
		return UI_REDRAW;
	}
	if (key == '\n') {
		ui_close(ly);
		if (p->commands)
			prompt_remember(ui, p->le.buf);
		return p->done(ui, p->ctx, p->le.buf);
	}
	if (key == '\t' && p->commands) {
		prompt_complete(p);
		return UI_REDRAW;
	}
	p->nth = 0;
	if (p->commands && (key == KEYS_UP || key == KEYS_DOWN)) {
		p->hist += key == KEYS_UP ? -1 : 1;
		p->hist = p->hist < 0 ? 0 : p->hist > ui->nhistory ? ui->nhistory : p->hist;
		lineedit_set(&p->le, p->hist < ui->nhistory ? ui->history[p->hist] : "");
		return UI_REDRAW;
	}
	lineedit_key(&p->le, key);
	return UI_REDRAW;
}

static void prompt_free(struct layer *ly)
{
	struct prompt *p = prompt_of(ly);
	if (p->ctx_free)
		p->ctx_free(p->ctx);
	lineedit_free(&p->le);
	free(p->label);
	free(p->base);
	free(p);
}

static const struct layer_ops prompt_ops = {
	.name = "prompt",
	.draw = prompt_draw,
	.key = prompt_key,
	.cursor = prompt_cursor,
	.free = prompt_free,
};

static struct prompt *prompt_new(struct ui *ui, const char *label, void *ctx,
                                 void (*ctx_free)(void *))
{
	struct prompt *p = xcalloc(1, sizeof *p);
	p->ly.ops = &prompt_ops;
	p->ly.view = -1;
	p->ly.keymap = JAWRC_GENERIC;
	p->ly.in_status = true;
	p->label = xstrdup(label);
	p->ctx = ctx;
	p->ctx_free = ctx_free;
	p->hist = ui->nhistory;
	return p;
}

void prompt_open(struct ui *ui, const char *label, const char *initial, bool commands,
                 ui_text_fn done, void *ctx, void (*ctx_free)(void *))
{
	struct prompt *p = prompt_new(ui, label, ctx, ctx_free);
	lineedit_init(&p->le, initial);
	p->commands = commands;
	p->done = done;
	ui_push(ui, &p->ly);
}

void prompt_confirm(struct ui *ui, const char *question, ui_yes_fn yes, void *ctx,
                    void (*ctx_free)(void *))
{
	struct prompt *p = prompt_new(ui, question, ctx, ctx_free);
	lineedit_init(&p->le, NULL);
	p->yes_no = true;
	p->yes = yes;
	ui_push(ui, &p->ly);
}
