/* attribution.c - consent and attribution in the interface: the words the
 * forms and the Details pane use for a stakeholder's or a source's
 * attribution, and the project's marking line (a classification or
 * handling caveat the report prints on every page): :marking sets it, the
 * title bar shows it. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attrib.h"
#include "ui.h"
#include "xalloc.h"

void ui_marking_read(struct ui *ui)
{
	char *marking = attrib_marking_get_new(ui->db, NULL);
	if (!marking && ui->marking)
		return; /* keep what it was: the next reload reads it again */
	free(ui->marking);
	ui->marking = marking ? marking : xstrdup("");
}

/* Sets the marking line to text ("" clears it). */
static int marking_set(struct ui *ui, void *ctx, const char *text)
{
	(void)ctx;
	char *analyst = ui_coder_new(ui);
	jaw_err err;
	err_clear(&err);
	int rc = attrib_marking_set(ui->db, analyst, text, &err);
	free(analyst);
	if (*text)
		return ui_after_change(ui, rc, &err, "Marking line set: \"%.300s\" (the report prints it"
		                       " on every page).", text);
	return ui_after_change(ui, rc, &err, "Marking line cleared.");
}

int ui_marking_command(struct ui *ui, struct list *l, const char *args)
{
	(void)l;
	if (*args)
		return marking_set(ui, NULL, args);
	prompt_open(ui, "Marking line (empty clears it): ", ui->marking, false, marking_set, NULL,
	            NULL);
	return UI_REDRAW;
}

const char *const ui_attribution_stakeholder_choices[] = {"default", "named", "role", "anonymous",
                                                          NULL};
const char *const ui_attribution_source_choices[] = {"inherit", "named", "role", "anonymous",
                                                     NULL};

char *ui_attribution_value_new(const struct attrib_setting *s, bool source)
{
	return xstrdup(*s->stored ? s->stored : source ? "inherit" : "default");
}

const char *ui_attribution_stored(const char *value)
{
	return strcmp(value, "default") == 0 || strcmp(value, "inherit") == 0 ? "" : value;
}

char *ui_attribution_words_new(const struct attrib_setting *s, bool source)
{
	if (*s->stored)
		return xasprintf("%s (%s)", s->effective, source ? "set for this source" : "set");
	return xasprintf("%s (%s)", s->effective, source ? "as its stakeholder's, or the default"
	                                                 : "the default for its kind");
}
