/* prompt.c - questions in the status bar: a line of text (with history
 * and Tab completion of command names) and yes/no. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "lineedit.h"
#include "ui.h"
#include "utf8.h"
#include "xalloc.h"

static void prompt_draw(struct ui *ui, const char *label, const struct lineedit *le)
{
	WINDOW *w = ui->status_win;
	int lw = (int)strlen(label);
	wattrset(w, colour_attr(ROLE_NORMAL));
	werase(w);
	wmove(w, 0, 0);
	ui_put(w, label, lw, false);
	/* keep the cursor visible: scroll the text left when it is long */
	int room = ui->cols - lw - 1, col = lineedit_cursor_col(le);
	const char *text = le->buf;
	while (col >= room && *text) {
		uint32_t cp;
		int n = utf8_decode(text, strlen(text), &cp);
		col -= utf8_cp_width(n ? cp : 0xFFFD);
		text += n ? n : 1;
	}
	ui_put(w, text, room, false);
	wmove(w, 0, lw + col);
	wnoutrefresh(w);
	doupdate();
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

/* Tab: completes the command name (the first word), cycling through names. */
static void prompt_complete(struct lineedit *le, char *prefix, int *nth)
{
	if (strchr(le->buf, ' '))
		return;
	if (*nth == 0)
		snprintf(prefix, 32, "%s", le->buf);
	const char *name = ui_command_complete(prefix, (*nth)++);
	if (!name) {
		*nth = 0;
		name = ui_command_complete(prefix, (*nth)++);
	}
	if (name)
		lineedit_set(le, name);
}

char *prompt_line_new(struct ui *ui, const char *label, const char *initial, bool commands)
{
	struct lineedit le;
	lineedit_init(&le, initial);
	int hist = ui->nhistory, nth = 0;
	char prefix[32] = "";
	char *result = NULL;
	curs_set(1);
	for (;;) {
		prompt_draw(ui, label, &le);
		int key = ui_read_key(ui);
		if (key < 0 || key == 27 || key == 7) /* Esc, Ctrl-G */
			break;
		if (key == '\n') {
			result = xstrdup(le.buf);
			break;
		}
		if (key == '\t' && commands) {
			prompt_complete(&le, prefix, &nth);
			continue;
		}
		nth = 0;
		if (commands && (key == KEYS_UP || key == KEYS_DOWN)) {
			hist += key == KEYS_UP ? -1 : 1;
			hist = hist < 0 ? 0 : hist > ui->nhistory ? ui->nhistory : hist;
			lineedit_set(&le, hist < ui->nhistory ? ui->history[hist] : "");
			continue;
		}
		lineedit_key(&le, key);
	}
	curs_set(0);
	if (result && commands)
		prompt_remember(ui, result);
	lineedit_free(&le);
	return result;
}

bool prompt_yes_no(struct ui *ui, const char *question)
{
	WINDOW *w = ui->status_win;
	for (;;) {
		wattrset(w, colour_attr(ROLE_ERROR));
		wmove(w, 0, 0);
		ui_put(w, question, ui->cols, true);
		wnoutrefresh(w);
		doupdate();
		int key = ui_read_key(ui);
		if (key == 'y' || key == 'Y')
			return true;
		if (key < 0 || key == 'n' || key == 'N' || key == 27 || key == 'q')
			return false;
	}
}
