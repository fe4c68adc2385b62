/* cmd_notes.c - jaw import-notes: store notes as sources, all or nothing. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "coding.h"
#include "safeout.h"
#include "date.h"
#include "kinds.h"
#include "model.h"
#include "notes.h"
#include "project_schema.h"
#include "utf8.h"

/* The command line of import-notes. */
struct cmd_notes_args {
	const char *kind, *stakeholder, *event, *date, *encoding;
	const char *path;
	char **notes;
	int nnotes;
};

/* Takes the command line of import-notes. */
static void cmd_notes_args(const struct cmd_args *c, struct cmd_notes_args *a)
{
	a->kind = cmd_value(c, "kind") ? cmd_value(c, "kind") : kinds_note_kind[0];
	a->stakeholder = cmd_value(c, "stakeholder");
	a->event = cmd_value(c, "event");
	a->date = cmd_value(c, "date");
	a->encoding = cmd_value(c, "encoding");
	a->path = c->words[0];
	a->notes = c->words + 1;
	a->nnotes = c->nwords - 1;
}

/* Checks the options that need no project. */
static int cmd_notes_check(const struct cmd_args *c, const struct cmd_notes_args *a)
{
	jaw_err err;
	err_clear(&err);
	char words[128];
	if (!model_one_of(a->kind, kinds_note_kind))
		return cmd_usage(c, "--kind must be %s",
		                 kinds_describe(kinds_note_kind, words, sizeof words));
	if (a->date && date_parse(a->date, NULL, &err) != JAW_OK)
		return cmd_usage(c, "--date: %s", err.msg);
	if (a->encoding && *a->encoding && notes_encoding_check(a->encoding, &err) != JAW_OK)
		return cmd_usage(c, "%s", err.msg);
	return JAW_OK;
}

/* Finds the stakeholder or event named by an option (0 when not given):
 * its name (case and accents aside when none has it exactly) or "#ID". */
static int cmd_notes_link(struct jaw_db *db, const char *path, const char *value,
                          enum model_name_kind kind, int64_t *id)
{
	jaw_err err;
	err_clear(&err);
	*id = 0;
	if (!value)
		return JAW_OK;
	*id = model_name_resolve(db, kind, value, &err);
	if (*id <= 0) {
		char msg[1200];
		snprintf(msg, sizeof msg, "%s: %s", path, err.msg);
		return cmd_fail(JAW_FAIL, msg);
	}
	return JAW_OK;
}

/* Reads every note; reports each one refused. Returns how many were. */
static int cmd_notes_read(struct notes_batch *b, const struct cmd_notes_args *a)
{
	int refused = 0;
	for (int i = 0; i < a->nnotes; i++) {
		jaw_err err;
		err_clear(&err);
		if (notes_batch_add_file(b, a->notes[i], &err) != JAW_OK) {
			cmd_fail(JAW_FAIL, err.msg);
			refused++;
		}
	}
	return refused;
}

/* Prints one line per stored note (id, tab, title) and reports repeats. */
static void cmd_notes_report(const struct notes_batch *b)
{
	for (size_t i = 0; i < notes_batch_count(b); i++) {
		const struct notes_item *it = notes_batch_item(b, i);
		char *title = utf8_sanitize_new(it->duplicate ? it->duplicate_of : it->title);
		if (it->duplicate)
			safeout_printf(stderr, "jaw: %s: same text as source %lld (%s); not imported"
			               " again\n", it->name, (long long)it->id, title);
		else
			printf("%lld\t%s\n", (long long)it->id, title);
		free(title);
	}
}

/* Stores the notes as the Unix user (the journal's analyst: the
 * interface's undo in the evidence takes them back). */
static int cmd_notes_store(struct jaw_db *db, struct notes_batch *b, jaw_err *err)
{
	char *analyst = coding_coder_new(NULL);
	int rc = notes_batch_store(db, analyst, b, err);
	free(analyst);
	return rc;
}

/* Opens the project, reads the notes and stores them. */
static int cmd_notes_run(const struct cmd_notes_args *a)
{
	jaw_err err;
	err_clear(&err);
	struct jaw_db *db = NULL;
	if (db_open(a->path, 0, &project_schema, &db, &err) != JAW_OK)
		return cmd_fail(JAW_FAIL, err.msg);
	struct notes_options opts = {.kind = a->kind, .date = a->date, .encoding = a->encoding};
	int status = cmd_notes_link(db, a->path, a->stakeholder, MODEL_NAME_STAKEHOLDER,
	                            &opts.stakeholder_id);
	if (status == JAW_OK)
		status = cmd_notes_link(db, a->path, a->event, MODEL_NAME_EVENT,
		                        &opts.timeline_item_id);
	struct notes_batch *b = notes_batch_new(&opts);
	int refused = status == JAW_OK ? cmd_notes_read(b, a) : 0;
	if (status == JAW_OK && refused > 0) {
		char msg[128];
		snprintf(msg, sizeof msg, "nothing imported: %d of %d notes refused", refused,
		         a->nnotes);
		status = cmd_fail(JAW_FAIL, msg);
	} else if (status == JAW_OK && cmd_notes_store(db, b, &err) != JAW_OK) {
		status = cmd_fail(JAW_FAIL, err.msg);
	} else if (status == JAW_OK) {
		cmd_notes_report(b);
	}
	notes_batch_free(b);
	db_close(db);
	return status;
}

int cmd_import_notes(const struct cmd_args *c)
{
	struct cmd_notes_args a;
	cmd_notes_args(c, &a);
	int rc = cmd_notes_check(c, &a);
	return rc == JAW_OK ? cmd_notes_run(&a) : rc;
}
