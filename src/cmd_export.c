/* cmd_export.c - jaw export WHAT FILE [-o OUT] [--excel]: runs one of the exporters
 * (export.h) over a project opened read-only. */
#include "config.h"

#include <stdio.h>

#include "cmd.h"
#include "export.h"
#include "project_schema.h"

int cmd_export(const struct cmd_args *a)
{
	const char *output = cmd_value(a, "output");
	const struct exporter *x = export_find(a->words[0]);
	if (!x) {
		char names[256];
		export_names(names, sizeof names, ", ");
		return cmd_usage(a, "cannot export \"%.200s\" (this jaw exports: %s)", a->words[0],
		                 names);
	}
	struct export_options opt = {.excel = cmd_value(a, "excel") != NULL};
	if (opt.excel && x->format != EXPORT_CSV)
		return cmd_usage(a, "--excel is for CSV exports, not for %s", x->name);
	jaw_err err;
	err_clear(&err);
	struct jaw_db *db = NULL;
	if (db_open(a->words[1], DB_OPEN_READONLY, &project_schema, &db, &err) != JAW_OK)
		return cmd_fail(JAW_FAIL, err.msg);
	int rc = export_to_path(x, db, output ? output : "-", &opt, &err);
	db_close(db);
	return rc == JAW_OK ? 0 : cmd_fail(rc == JAW_USAGE ? JAW_USAGE : JAW_FAIL, err.msg);
}
