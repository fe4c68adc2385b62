/* form.c - a form over the screen for adding and editing records, as a
 * layer on the stack: one line per field, edited in place with readline
 * keys; choices cycle with Space; long text goes to $VISUAL/$EDITOR with
 * Ctrl-X; a field that names a record completes with Tab and picks with
 * Ctrl-P (names.c). Enter saves (the record is committed before the form closes),
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
	char **original; /* the values when the form opened, to see changes */
	char typed[16];  /* what was typed in a choice field, to pick by it */
	/* Tab in a field that names a record: what was typed, and which
	 * completion comes next (0: not completing) */
	char *completing;
	int nth;
	bool edited; /* the current field was typed in since the cursor came */
	form_fresh_fn fresh; /* reads the record as it is now (form_watch) */
	char **theirs;       /* its values when a save found them changed */
};

static void form_take_theirs(struct form *f);

static struct form *form_of(struct layer *ly)
{
	return (struct form *)ly;
}

static void form_load_field(struct form *f)
{
	lineedit_set(&f->le, f->fields[f->current].value);
	f->edited = false;
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
	ui_put(w, f->fields[f->current].names
	          ? "Enter save  Esc cancel  Tab complete  Ctrl-P pick  \u2193 next  \u2191 previous"
	          : "Enter save  Esc cancel  Tab/\u2193 next  S-Tab/\u2191 previous  Ctrl-X editor",
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

/* The index of a choice field's value among its choices (0 if none). */
static int form_choice_index(const struct form_field *fld)
{
	for (int i = 0; fld->choices[i]; i++)
		if (strcmp(fld->choices[i], fld->value) == 0)
			return i;
	return 0;
}

static void form_next_choice(struct form *f, int delta)
{
	struct form_field *fld = &f->fields[f->current];
	int n = 0, at = form_choice_index(fld);
	while (fld->choices[n])
		n++;
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

/* The choices of a field, for a message: "phase, milestone or event". */
static void form_choice_words(const struct form_field *fld, char *buf, size_t size)
{
	buf[0] = '\0';
	int n = 0;
	while (fld->choices[n])
		n++;
	for (int i = 0; i < n; i++)
		snprintf(buf + strlen(buf), size - strlen(buf), "%s%s", i == 0 ? "" : i == n - 1
		         ? " or " : ", ", *fld->choices[i] ? fld->choices[i] : "none");
}

/* A character typed in a choice field picks the first choice that starts
 * with what was typed there (the next one, typed again); a character no
 * choice starts with is refused, saying what the field takes. */
static void form_type_choice(struct form *f, int key)
{
	struct form_field *fld = &f->fields[f->current];
	char c[8] = {0};
	if (key < 0x20 || key >= KEYS_SPECIAL || utf8_encode((uint32_t)key, c) == 0)
		return;
	size_t len = strlen(f->typed);
	bool again = len == strlen(c) && strcmp(f->typed, c) == 0;
	if (!again && len + strlen(c) < sizeof f->typed)
		strcat(f->typed, c);
	int n = 0, at = -1;
	while (fld->choices[n])
		n++;
	for (int k = 1; k <= n; k++) {
		int i = again ? (form_choice_index(fld) + k) % n : k - 1;
		if (strncasecmp(fld->choices[i], again ? c : f->typed, strlen(again ? c : f->typed)) == 0) {
			at = i;
			break;
		}
	}
	if (at < 0 && !again) {
		/* a new start: what was typed before is forgotten */
		snprintf(f->typed, sizeof f->typed, "%s", c);
		for (int i = 0; i < n && at < 0; i++)
			if (strncasecmp(fld->choices[i], c, strlen(c)) == 0)
				at = i;
	}
	if (at < 0) {
		char words[300];
		form_choice_words(fld, words, sizeof words);
		snprintf(f->error, sizeof f->error, "%s is %s: type its first letters or press Space.",
		         fld->label, words);
		f->typed[0] = '\0';
		return;
	}
	free(fld->value);
	fld->value = xstrdup(fld->choices[at]);
	form_load_field(f);
}

static void form_stop_completing(struct form *f)
{
	free(f->completing);
	f->completing = NULL;
	f->nth = 0;
}

/* Tab in a field that names a record, once typed in: the next name that
 * begins with what was typed (case and accents aside), round and round;
 * with nothing to complete (an empty field, or the one name that begins
 * so already there), Tab goes to the next field, as it does in a field
 * not typed in (so that Tab through a form changes nothing). */
static bool form_complete(struct form *f)
{
	struct form_field *fld = &f->fields[f->current];
	if (!f->completing) {
		f->completing = xstrdup(f->le.buf);
		f->nth = 0;
	}
	char *name = NULL;
	if (!ui_name_complete(f->ui, fld, f->completing, f->nth, &name)) {
		if (*f->completing && !f->ui->message_is_error)
			snprintf(f->error, sizeof f->error, "No %s begins with \"%.100s\": Ctrl-P lists"
			         " them all.", model_name_kind_word(fld->kind), f->completing);
		bool empty = !*f->completing;
		form_stop_completing(f);
		return !empty && !f->ui->message_is_error;
	}
	bool same = strcmp(name, f->le.buf) == 0;
	f->nth++;
	if (same) {
		/* the only completion is there already: Tab moves on */
		char *next = NULL;
		bool more = ui_name_complete(f->ui, fld, f->completing, f->nth, &next) &&
		            strcmp(next, name) != 0;
		free(name);
		if (!more) {
			free(next);
			form_stop_completing(f);
			return false;
		}
		name = next;
		f->nth++;
	}
	lineedit_set(&f->le, name);
	free(name);
	return true;
}

/* Handles a key; returns 1 to save, -1 to cancel, 0 to go on. */
static int form_edit_key(struct form *f, int key)
{
	struct form_field *fld = &f->fields[f->current];
	if (key != 27)
		f->error[0] = '\0';
	if (key != '\t')
		form_stop_completing(f);
	if (fld->names && key == '\t' && (f->edited || f->completing) && form_complete(f))
		return 0;
	if (key == CTRL('t')) {
		form_take_theirs(f);
		return 0;
	}
	if (fld->names && key == CTRL('p')) {
		ui_name_pick(f->ui, fld, f->le.buf);
		return 0;
	}
	switch (key) {
	case 27: return -1;
	case '\n': form_store_field(f); return 1;
	case '\t': case KEYS_DOWN: f->typed[0] = '\0'; form_move(f, 1); return 0;
	case KEYS_BACKTAB: case KEYS_UP: f->typed[0] = '\0'; form_move(f, -1); return 0;
	case CTRL('x'): form_edit_long(f); return 0;
	default: break;
	}
	if (fld->choices) {
		if (key == ' ' || key == KEYS_RIGHT)
			form_next_choice(f, 1);
		else if (key == KEYS_LEFT)
			form_next_choice(f, -1);
		else
			form_type_choice(f, key);
		return 0;
	}
	if (fld->long_text) {
		if (key >= 0x20 && key < KEYS_SPECIAL)
			snprintf(f->error, sizeof f->error, "%s holds several lines: Ctrl-X writes it in"
			         " the editor.", fld->label);
		return 0;
	}
	if (lineedit_key(&f->le, key))
		f->edited = true;
	return 0;
}

static void form_theirs_free(struct form *f)
{
	if (f->theirs)
		form_values_free(f->theirs, f->n);
	f->theirs = NULL;
}

/* Appends to buf what someone else changed in field i: "Title is now "X"". */
static void form_describe_change(struct form *f, int i, char *buf, size_t size)
{
	char *shown = utf8_display_new(f->fields[i].long_text ? "(several lines)" : f->theirs[i],
	                               40);
	snprintf(buf + strlen(buf), size - strlen(buf), "%s%s is now \"%s\"", *buf ? "; " : "",
	         f->fields[i].label, shown);
	free(shown);
}

/* Before a save: true if someone changed the record since the form opened
 * (or since its last check); the form then shows what, and keeps theirs. */
static bool form_conflict(struct form *f)
{
	if (!f->fresh || f->theirs)
		return false;
	char **now = xcalloc((size_t)f->n, sizeof *now);
	jaw_err err;
	err_clear(&err);
	if (f->fresh(f->ui, f->ctx, now, &err) != JAW_OK) {
		form_values_free(now, f->n);
		snprintf(f->error, sizeof f->error, "%s", err.msg);
		return true;
	}
	f->theirs = now;
	char what[900] = "";
	for (int i = 0; i < f->n; i++)
		if (strcmp(now[i], f->original[i]) != 0)
			form_describe_change(f, i, what, sizeof what);
	if (!*what) {
		form_theirs_free(f);
		return false;
	}
	snprintf(f->error, sizeof f->error, "Changed by someone else since you opened this form: %s."
	         " Enter saves yours over it; Ctrl-T takes theirs.", what);
	return true;
}

/* Ctrl-T after a conflict: the fields someone else changed take their
 * values; the others keep what was typed. */
static void form_take_theirs(struct form *f)
{
	if (!f->theirs) {
		snprintf(f->error, sizeof f->error, "Nobody else changed this record.");
		return;
	}
	form_store_field(f);
	for (int i = 0; i < f->n; i++) {
		if (strcmp(f->theirs[i], f->original[i]) == 0)
			continue;
		free(f->fields[i].value);
		f->fields[i].value = xstrdup(f->theirs[i]);
		free(f->original[i]);
		f->original[i] = xstrdup(f->theirs[i]);
	}
	form_theirs_free(f);
	form_load_field(f);
	snprintf(f->error, sizeof f->error, "Took their changes; Enter saves the form.");
}

/* Enter: saves; the form closes when the record is committed. */
static int form_save(struct form *f)
{
	jaw_err err;
	err_clear(&err);
	if (form_conflict(f))
		return UI_REDRAW;
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

/* True if a field differs from what it was when the form opened. */
static bool form_changed(struct form *f)
{
	form_store_field(f);
	for (int i = 0; i < f->n; i++)
		if (strcmp(f->original[i], f->fields[i].value) != 0)
			return true;
	return false;
}

static int form_discard_yes(struct ui *ui, void *ctx)
{
	(void)ui;
	ui_close(ctx);
	return UI_REDRAW;
}

static int form_key(struct layer *ly, int key)
{
	struct form *f = form_of(ly);
	int r = form_edit_key(f, key);
	if (r < 0 && form_changed(f)) {
		char q[200];
		snprintf(q, sizeof q, "Discard your changes to this form (%.100s)? (y/n)", f->title);
		prompt_confirm(f->ui, q, form_discard_yes, ly, NULL);
		return UI_REDRAW;
	}
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

int form_reload_field(struct ui *ui)
{
	for (int i = ui->depth - 1; i > 0; i--) {
		struct layer *ly = ui->stack[i];
		if (ly->ops == &form_ops && !ly->closing) {
			form_load_field(form_of(ly));
			break;
		}
	}
	return UI_REDRAW;
}

void form_watch(struct ui *ui, form_fresh_fn fresh)
{
	for (int i = ui->depth - 1; i > 0; i--) {
		struct layer *ly = ui->stack[i];
		if (ly->ops == &form_ops && !ly->closing) {
			form_of(ly)->fresh = fresh;
			return;
		}
	}
}

static void form_free(struct layer *ly)
{
	struct form *f = form_of(ly);
	free(f->completing);
	form_theirs_free(f);
	if (f->ctx_free)
		f->ctx_free(f->ctx);
	form_fields_free(f->fields, f->n);
	free(f->fields);
	for (int i = 0; i < f->n; i++)
		free(f->original[i]);
	free(f->original);
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
	f->original = xcalloc((size_t)n, sizeof *f->original);
	for (int i = 0; i < n; i++)
		f->original[i] = xstrdup(fields[i].value);
	f->save = save;
	f->ctx = ctx;
	f->ctx_free = ctx_free;
	lineedit_init(&f->le, fields[0].value);
	ui_push(ui, &f->ly);
}

void form_values_free(char **values, int n)
{
	for (int i = 0; i < n; i++)
		free(values[i]);
	free(values);
}

void form_fields_free(struct form_field *fields, int n)
{
	for (int i = 0; i < n; i++) {
		free(fields[i].value);
		free(fields[i].chosen_for);
	}
}
