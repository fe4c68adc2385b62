/* cmd_export.c - jaw export WHAT FILE [-o OUT]: runs one of the exporters
 * (export.h) over a project opened read-only. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "export.h"
#include "project_schema.h"

int cmd_export(int argc, char **argv)
{
	static const struct option opts[] = {
		{"output", required_argument, NULL, 'o'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *output = "-";
	int c;
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":ho:", opts, NULL)) != -1) {
		switch (c) {
		case 'o': output = optarg; break;
		case 'h': cmd_help(stdout); return 0;
		case ':': return cmd_fail(JAW_USAGE, "export: an option needs a value");
		default: return cmd_fail(JAW_USAGE, "export: unknown option");
		}
	}
	if (optind != argc - 2)
		return cmd_fail(JAW_USAGE, "export: say what to export and from which project FILE");
	const struct exporter *x = export_find(argv[optind]);
	if (!x) {
		char names[256], msg[512];
		export_names(names, sizeof names, ", ");
		snprintf(msg, sizeof msg, "export: cannot export \"%.200s\" (this jaw exports: %s)",
		         argv[optind], names);
		return cmd_fail(JAW_USAGE, msg);
	}
	jaw_err err;
	err_clear(&err);
	struct jaw_db *db = NULL;
	if (db_open(argv[optind + 1], DB_OPEN_READONLY, &project_schema, &db, &err) != JAW_OK)
		return cmd_fail(JAW_FAIL, err.msg);
	int rc = export_to_path(x, db, output, &err);
	db_close(db);
	return rc == JAW_OK ? 0 : cmd_fail(JAW_FAIL, err.msg);
}
