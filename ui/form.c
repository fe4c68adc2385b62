/* form.c - a form over the screen for adding and editing records, as a
 * layer on the stack: one line per field, edited in place with readline
 * keys; choices cycle with Space; long text goes to $VISUAL/$EDITOR with
 * Ctrl-X. Enter saves (the record is committed before the form closes),
 * Esc cancels. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "lineedit.h"
#include "ui.h"
#include "utf8.h"
#include "xalloc.h"

#define CTRL(c) ((c) - 'a' + 1)

struct form {
	struct layer ly;
	struct ui *ui;
	char *title;
	struct form_field *fields;
	int n, current;
	struct lineedit le; /* the current field, while it is edited */
	char error[1100];
	WINDOW *win;
	form_save_fn save;
	void *ctx;
	void (*ctx_free)(void *);
};

static struct form *form_of(struct layer *ly)
{
	return (struct form *)ly;
}

static void form_load_field(struct form *f)
{
	lineedit_set(&f->le, f->fields[f->current].value);
}

static void form_store_field(struct form *f)
{
	struct form_field *fld = &f->fields[f->current];
	if (fld->long_text)
		return;
	free(fld->value);
	fld->value = xstrdup(f->le.buf);
}

static int form_label_width(const struct form *f)
{
	int w = 0;
	for (int i = 0; i < f->n; i++)
		if ((int)strlen(f->fields[i].label) > w)
			w = (int)strlen(f->fields[i].label);
	return w;
}

/* The text shown for a long field: its first line and how long it is. */
static char *form_long_preview_new(const char *value)
{
	size_t first = strcspn(value, "\n");
	size_t lines = 0;
	for (const char *p = value; *p; p++)
		lines += *p == '\n';
	if (!*value)
		return xstrdup("(empty; Ctrl-X writes it in the editor)");
	return xasprintf("%.*s%s", (int)first, value, lines > 1 ? " (more; Ctrl-X edits)" : "");
}

static void form_draw_field(struct form *f, int i, int y, int lw, int width)
{
	WINDOW *w = f->win;
	struct form_field *fld = &f->fields[i];
	bool cur = i == f->current;
	wattrset(w, colour_attr(ROLE_HEADER));
	wmove(w, y, 2);
	ui_put(w, fld->label, lw, true);
	wattrset(w, colour_attr(cur ? ROLE_CURSOR : ROLE_NORMAL));
	wmove(w, y, 3 + lw);
	int room = width - lw - 5;
	char *shown = fld->long_text ? form_long_preview_new(fld->value)
	            : xstrdup(cur ? f->le.buf : fld->value);
	if (fld->choices && cur) {
		char *c = xasprintf("%s  (Space: next choice)", shown);
		free(shown);
		shown = c;
	}
	ui_put(w, shown, room, true);
	free(shown);
}

/* The error, on up to two lines from line y, broken at a space. */
static void form_draw_error(struct form *f, int y, int width)
{
	const char *p = f->error;
	for (int i = 0; i < 2; i++) {
		size_t fit = utf8_fit(p, width, NULL), cut = fit;
		if (p[fit] && i == 0) {
			while (cut > 0 && p[cut] != ' ')
				cut--;
			if (cut == 0)
				cut = fit;
		}
		char *line = xstrndup(p, i == 0 ? cut : strlen(p));
		wattrset(f->win, colour_attr(*line ? ROLE_ERROR : ROLE_NORMAL));
		wmove(f->win, y + i, 2);
		ui_put(f->win, line, width, false);
		free(line);
		p += i == 0 ? cut : 0;
		while (*p == ' ')
			p++;
	}
}

static void form_layout(struct layer *ly)
{
	struct form *f = form_of(ly);
	struct ui *ui = f->ui;
	int width = ui->cols - 4 < 76 ? ui->cols - 4 : 76;
	int height = f->n + 7 < ui->lines ? f->n + 7 : ui->lines;
	if (f->win)
		delwin(f->win);
	f->win = newwin(height, width, (ui->lines - height) / 2, (ui->cols - width) / 2);
}

static void form_draw(struct layer *ly, bool all)
{
	(void)all;
	struct form *f = form_of(ly);
	WINDOW *w = f->win;
	int width = getmaxx(w), height = getmaxy(w);
	wattrset(w, colour_attr(ROLE_NORMAL));
	werase(w);
	box(w, 0, 0);
	wattrset(w, colour_attr(ROLE_HEADER));
	wmove(w, 0, 2);
	char title[128];
	snprintf(title, sizeof title, " %s ", f->title);
	ui_put(w, title, width - 4, false);
	int lw = form_label_width(f);
	for (int i = 0; i < f->n && i + 2 < height - 4; i++)
		form_draw_field(f, i, i + 2, lw, width);
	form_draw_error(f, height - 4, width - 4);
	wattrset(w, colour_attr(ROLE_DIM));
	wmove(w, height - 2, 2);
	ui_put(w, "Enter save  Esc cancel  Tab/\u2193 next  S-Tab/\u2191 previous  Ctrl-X editor",
	       width - 4, false);
	wnoutrefresh(w);
}

/* The terminal's cursor is in the field being edited (not in choices). */
static bool form_cursor(struct layer *ly, WINDOW **win, int *y, int *x)
{
	struct form *f = form_of(ly);
	struct form_field *cur = &f->fields[f->current];
	if (cur->long_text || cur->choices || f->current + 2 >= getmaxy(f->win) - 4)
		return false;
	int width = getmaxx(f->win), lw = form_label_width(f);
	int col = lineedit_cursor_col(&f->le);
	*win = f->win;
	*y = f->current + 2;
	*x = 3 + lw + (col < width - lw - 6 ? col : width - lw - 6);
	return true;
}

static void form_move(struct form *f, int delta)
{
	form_store_field(f);
	f->current = (f->current + delta + f->n) % f->n;
	form_load_field(f);
}

static void form_next_choice(struct form *f, int delta)
{
	struct form_field *fld = &f->fields[f->current];
	int n = 0, at = 0;
	for (; fld->choices[n]; n++)
		if (strcmp(fld->choices[n], fld->value) == 0)
			at = n;
	free(fld->value);
	fld->value = xstrdup(fld->choices[(at + delta + n) % n]);
	form_load_field(f);
}

/* Ctrl-X: the current field in the editor. */
static void form_edit_long(struct form *f)
{
	form_store_field(f);
	struct form_field *fld = &f->fields[f->current];
	if (ui_edit_text(f->ui, &fld->value, fld->label)) {
		/* a one-line field keeps one line */
		if (!fld->long_text)
			fld->value[strcspn(fld->value, "\n")] = '\0';
		form_load_field(f);
	} else if (f->ui->message_is_error) {
		snprintf(f->error, sizeof f->error, "%s", f->ui->message);
	}
}

/* Handles a key; returns 1 to save, -1 to cancel, 0 to go on. */
static int form_edit_key(struct form *f, int key)
{
	struct form_field *fld = &f->fields[f->current];
	switch (key) {
	case 27: return -1;
	case '\n': form_store_field(f); return 1;
	case '\t': case KEYS_DOWN: form_move(f, 1); return 0;
	case KEYS_BACKTAB: case KEYS_UP: form_move(f, -1); return 0;
	case CTRL('x'): form_edit_long(f); return 0;
	default: break;
	}
	if (fld->choices) {
		if (key == ' ' || key == KEYS_RIGHT)
			form_next_choice(f, 1);
		else if (key == KEYS_LEFT)
			form_next_choice(f, -1);
		return 0;
	}
	if (!fld->long_text)
		lineedit_key(&f->le, key);
	return 0;
}

/* Enter: saves; the form closes when the record is committed. */
static int form_save(struct form *f)
{
	jaw_err err;
	err_clear(&err);
	int rc = f->save(f->ui, f->ctx, f->fields, &err);
	if (rc == JAW_OK) {
		ui_close(&f->ly);
		return UI_RELOAD;
	}
	f->error[0] = '\0';
	if (rc == FORM_ASKED)
		return UI_REDRAW;
	snprintf(f->error, sizeof f->error, "%s", err.msg);
	/* a failed save never leaves an old "Saved." behind */
	f->ui->message[0] = '\0';
	return UI_REDRAW;
}

static int form_key(struct layer *ly, int key)
{
	struct form *f = form_of(ly);
	int r = form_edit_key(f, key);
	if (r < 0) {
		ui_close(ly);
		return UI_REDRAW;
	}
	return r > 0 ? form_save(f) : UI_REDRAW;
}

static const struct layer_ops form_ops;

int form_resubmit(struct ui *ui)
{
	for (int i = ui->depth - 1; i > 0; i--) {
		struct layer *ly = ui->stack[i];
		if (ly->ops == &form_ops && !ly->closing)
			return form_save(form_of(ly));
	}
	return UI_REDRAW;
}

static void form_free(struct layer *ly)
{
	struct form *f = form_of(ly);
	if (f->ctx_free)
		f->ctx_free(f->ctx);
	form_fields_free(f->fields, f->n);
	free(f->fields);
	free(f->title);
	if (f->win)
		delwin(f->win);
	lineedit_free(&f->le);
	free(f);
}

static const struct layer_ops form_ops = {
	.name = "form",
	.layout = form_layout,
	.draw = form_draw,
	.key = form_key,
	.cursor = form_cursor,
	.free = form_free,
};

void form_open(struct ui *ui, const char *title, const struct form_field *fields, int n,
               form_save_fn save, void *ctx, void (*ctx_free)(void *))
{
	struct form *f = xcalloc(1, sizeof *f);
	f->ly.ops = &form_ops;
	f->ly.view = -1;
	f->ly.keymap = JAWRC_GENERIC;
	f->ui = ui;
	f->title = xstrdup(title);
	f->fields = xmemdup(fields, (size_t)n * sizeof *fields);
	f->n = n;
	f->save = save;
	f->ctx = ctx;
	f->ctx_free = ctx_free;
	lineedit_init(&f->le, fields[0].value);
	ui_push(ui, &f->ly);
}

void form_fields_free(struct form_field *fields, int n)
{
	for (int i = 0; i < n; i++)
		free(fields[i].value);
}
