/* memo_mark.c - memos where analysts need them: m on a source, a code, a
 * stakeholder or a timeline item writes the analyst's memo on it in
 * $VISUAL/$EDITOR (or edits the one they wrote), and lists mark the
 * records that have a memo. The memos view (view_memos.c) lists them all. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memo.h"
#include "ui.h"
#include "xalloc.h"

enum { MEMO_MARK_MAX = 256 };

void memo_mark_rows(struct list *l, const char *target_kind, struct list_row *rows, int n,
                    int cell, bool before)
{
	int64_t ids[MEMO_MARK_MAX];
	bool has[MEMO_MARK_MAX];
	for (int at = 0; at < n; at += MEMO_MARK_MAX) {
		int k = n - at < MEMO_MARK_MAX ? n - at : MEMO_MARK_MAX;
		for (int i = 0; i < k; i++)
			ids[i] = rows[at + i].id;
		if (memo_marks(l->db, target_kind, ids, k, has, NULL) != JAW_OK)
			return;
		for (int i = 0; i < k; i++) {
			char **c = &rows[at + i].cells[cell];
			if (!has[i] || !*c)
				continue;
			char *marked = before ? xasprintf(UI_MEMO_MARK " %s", *c)
			                      : xasprintf("%s " UI_MEMO_MARK, *c);
			free(*c);
			*c = marked;
		}
	}
}

/* The analyst's newest memo on the target, or NULL (err set on failure). */
static struct memo *memo_mine_new(struct ui *ui, const char *kind, int64_t id,
                                  const char *analyst, jaw_err *err)
{
	struct memo_filter f = {.target_kind = kind, .target_id = id, .author = analyst,
	                        .order = MEMO_NEWEST};
	struct memo *m = xcalloc(1, sizeof *m);
	int n = memo_page(ui->db, &f, 0, 1, m, err);
	if (n == 1)
		return m;
	free(m);
	return NULL;
}

int ui_memo_write(struct ui *ui, const char *target_kind, int64_t id, const char *name,
                  bool new_one)
{
	char *analyst = ui_coder_new(ui);
	jaw_err err;
	err_clear(&err);
	struct memo *was = new_one ? NULL : memo_mine_new(ui, target_kind, id, analyst, &err);
	int flags = UI_REDRAW;
	char *text = xstrdup(was ? was->text : "");
	if (err.status != JAW_OK) {
		ui_error(ui, err.msg);
	} else if (!ui_edit_text(ui, &text, "memo")) {
		/* unchanged, or the editor failed: ui_edit_text said so */
	} else if (!*text && (!was || !*was->title)) {
		ui_error(ui, was ? "The memo is empty now; nothing was saved: d in the memos (M)"
		                   " deletes a memo."
		                 : "The memo is empty; nothing was written.");
	} else {
		struct memo m = {.id = was ? was->id : 0, .target_kind = (char *)target_kind,
		                 .target_id = strcmp(target_kind, "project") == 0 ? 0 : id,
		                 .title = was ? was->title : (char *)"", .text = text};
		int rc = was ? memo_update(ui->db, analyst, &m, was, &err)
		             : memo_add(ui->db, analyst, &m, &err);
		bool project = strcmp(target_kind, "project") == 0;
		flags = ui_after_change(ui, rc, &err, "Memo %s on %s%.200s%s (M lists memos).", was ? "saved" : "written", project ? "" : "\"",
		                        project ? "the project" : name, project ? "" : "\"");
	}
	free(text);
	memo_free(was);
	free(analyst);
	return flags;
}
