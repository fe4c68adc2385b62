/* cmd_init.c - jaw init: create a project file. */
#include "config.h"

#include <libgen.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "safeout.h"
#include "codebook.h"
#include "db.h"
#include "demo.h"
#include "model.h"
#include "project_schema.h"
#include "xalloc.h"

/* The default title: the file name without directory and extension. */
static char *cmd_init_default_title_new(const char *path)
{
	char *copy = xstrdup(path);
	char *title = xstrdup(basename(copy));
	free(copy);
	char *dot = strrchr(title, '.');
	if (dot && dot != title)
		*dot = '\0';
	return title;
}

/* Fills a new project: title and codebook, or the demo. */
static int cmd_init_fill(struct jaw_db *db, const char *path, const char *title,
                         const char *codebook, bool demo, jaw_err *err)
{
	if (demo)
		return demo_load(db, err);
	char *def = title ? NULL : cmd_init_default_title_new(path);
	struct project p = {(char *)(title ? title : def), "", "", NULL, NULL};
	int rc = model_project_set(db, &p, err);
	free(def);
	if (rc == JAW_OK)
		rc = codebook_load_starter(db, codebook, err);
	return rc;
}

/* Prints what the new project holds. */
static void cmd_init_summary(struct jaw_db *db, const char *path)
{
	safeout_printf(stdout,
	               "created %s: %lld timeline items, %lld stakeholders, %lld sources, %lld codes\n"
	               "open it with: jaw %s\n", path,
	               (long long)model_timeline_count(db, NULL),
	               (long long)model_stakeholder_count(db, NULL),
	               (long long)model_source_count(db, NULL), (long long)model_code_count(db, NULL),
	               path);
}

int cmd_create_demo(const char *path, char *msg, size_t msg_size)
{
	jaw_err err;
	struct jaw_db *db = NULL;
	err_clear(&err);
	int rc = db_create(path, &project_schema, &db, &err);
	if (rc == JAW_OK && ((rc = demo_load(db, &err)) != JAW_OK ||
	                     (rc = db_checkpoint(db, &err)) != JAW_OK)) {
		db_close(db);
		db = NULL;
		db_remove_files(path);
	}
	db_close(db);
	if (rc != JAW_OK)
		snprintf(msg, msg_size, "%s", err.msg);
	return rc;
}

int cmd_init(const struct cmd_args *a)
{
	const char *title = cmd_value(a, "title"), *codebook = cmd_value(a, "codebook");
	bool demo = cmd_value(a, "demo") != NULL;
	if (!codebook)
		codebook = "human-security";
	const char *path = a->words[0];
	if (title && !*title)
		return cmd_usage(a, "--title must not be empty");
	if (demo && (title || strcmp(codebook, "human-security") != 0))
		return cmd_usage(a, "--demo brings its own title and codebook");
	jaw_err err;
	err_clear(&err);
	struct jaw_db *db = NULL;
	if (db_create(path, &project_schema, &db, &err) != JAW_OK)
		return cmd_fail(JAW_FAIL, err.msg);
	/* all of it in the project file before it is called made: a disk too
	 * full for that leaves nothing */
	if (cmd_init_fill(db, path, title, codebook, demo, &err) != JAW_OK ||
	    db_checkpoint(db, &err) != JAW_OK) {
		db_close(db);
		db_remove_files(path);
		return cmd_fail(err.status == JAW_USAGE ? JAW_USAGE : JAW_FAIL, err.msg);
	}
	cmd_init_summary(db, path);
	db_close(db);
	return 0;
}
