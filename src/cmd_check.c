/* cmd_check.c - jaw check: is this project file sound? */
#include "config.h"

#include <stdio.h>

#include "cmd.h"
#include "safeout.h"
#include "project_schema.h"

struct cmd_check_ctx {
	const char *path;
};

static void cmd_check_report(void *ctx, const char *problem)
{
	const struct cmd_check_ctx *c = ctx;
	safeout_printf(stderr, "jaw: %s: %s\n", c->path, problem);
}

int cmd_check(const struct cmd_args *a)
{
	const char *path = a->words[0];
	jaw_err err;
	err_clear(&err);
	struct jaw_db *db = NULL;
	if (db_open(path, DB_OPEN_NO_MIGRATE | DB_OPEN_AS_ALLOWED, &project_schema, &db, &err) != JAW_OK)
		return cmd_fail(JAW_FAIL, err.msg);
	struct cmd_check_ctx ctx = {path};
	int problems = db_check(db, cmd_check_report, &ctx, &err);
	int version = db_schema_version(db);
	bool readonly = db_readonly(db);
	db_close(db);
	if (problems < 0)
		return cmd_fail(JAW_FAIL, err.msg);
	if (problems > 0) {
		safeout_printf(stderr, "jaw: %s: %d problem%s found\n", path, problems,
		               problems == 1 ? "" : "s");
		return JAW_FAIL;
	}
	if (readonly)
		safeout_printf(stdout, "%s: ok (schema version %d; read only for you: the checks of the"
		               " full-text indexes, which need to write, were skipped)\n", path, version);
	else if (version < PROJECT_SCHEMA_VERSION)
		safeout_printf(stdout, "%s: ok (schema version %d; jaw upgrades it to %d when it next"
		               " opens it)\n", path, version, PROJECT_SCHEMA_VERSION);
	else
		safeout_printf(stdout, "%s: ok (schema version %d)\n", path, version);
	return 0;
}
