/* cmd_code.c - jaw code: apply a code from the command line. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "codebook.h"
#include "coding.h"
#include "project_schema.h"
#include "utf8.h"
#include "xalloc.h"

/* The command line of jaw code. */
struct cmd_code_args {
	const char *path, *source, *start, *end, *code, *coder, *memo;
};

/* Parses a whole decimal number from 0 up. */
static bool cmd_code_number(const char *s, int64_t *out)
{
	char *end;
	errno = 0;
	long long v = s && *s ? strtoll(s, &end, 10) : -1;
	if (!s || !*s || *end || errno || v < 0)
		return false;
	*out = v;
	return true;
}

static int cmd_code_parse(int argc, char **argv, struct cmd_code_args *a)
{
	static const struct option opts[] = {
		{"source", required_argument, NULL, 's'},
		{"start", required_argument, NULL, 'b'},
		{"end", required_argument, NULL, 'e'},
		{"code", required_argument, NULL, 'c'},
		{"coder", required_argument, NULL, 'C'},
		{"memo", required_argument, NULL, 'm'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int c;
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 's': a->source = optarg; break;
		case 'b': a->start = optarg; break;
		case 'e': a->end = optarg; break;
		case 'c': a->code = optarg; break;
		case 'C': a->coder = optarg; break;
		case 'm': a->memo = optarg; break;
		case 'h': cmd_help(stdout); return -1;
		case ':': return cmd_fail(JAW_USAGE, "code: an option needs a value");
		default: return cmd_fail(JAW_USAGE, "code: unknown option");
		}
	}
	if (optind != argc - 1)
		return cmd_fail(JAW_USAGE, "code: name one project FILE");
	a->path = argv[optind];
	if (!a->source || !a->start || !a->end || !a->code)
		return cmd_fail(JAW_USAGE, "code: say --source ID --start N --end N --code NAME");
	return JAW_OK;
}

/* Prints what was coded: id, range, code, coder and the text. */
static void cmd_code_report(struct jaw_db *db, int64_t id)
{
	jaw_err err;
	err_clear(&err);
	struct coding c;
	if (coding_get(db, id, &c, &err) != JAW_OK)
		return;
	char *text = NULL;
	sqlite3_stmt *s = db_stmt(db, "SELECT substr(text, ?2 + 1, ?3 - ?2) FROM source WHERE id = ?1",
	                          &err);
	if (s) {
		sqlite3_bind_int64(s, 1, c.source_id);
		sqlite3_bind_int64(s, 2, c.start);
		sqlite3_bind_int64(s, 3, c.end);
		if (sqlite3_step(s) == SQLITE_ROW)
			text = db_column_text_new(s, 0);
		sqlite3_reset(s);
	}
	char *shown = utf8_display_new(text ? text : "", 60);
	char *name = utf8_sanitize_new(c.code_name), *coder = utf8_sanitize_new(c.coder);
	printf("coding %lld: source %lld [%lld, %lld) \"%s\" by %s: %s\n", (long long)c.id,
	       (long long)c.source_id, (long long)c.start, (long long)c.end, name, coder, shown);
	free(name);
	free(coder);
	free(shown);
	free(text);
	coding_clear(&c);
}

/* Opens the project and applies the code. */
static int cmd_code_run(const struct cmd_code_args *a, int64_t source, int64_t start,
                        int64_t end, const char *coder)
{
	jaw_err err;
	err_clear(&err);
	struct jaw_db *db = NULL;
	if (db_open(a->path, 0, &project_schema, &db, &err) != JAW_OK)
		return cmd_fail(JAW_FAIL, err.msg);
	int64_t code = codebook_find(db, a->code, &err), id = 0;
	int rc = code > 0 ? coding_apply(db, coder, source, start, end, code, a->memo, &id, &err)
	                  : JAW_FAIL;
	if (rc == JAW_OK) {
		cmd_code_report(db, id);
	} else {
		err_prefix(&err, a->path);
		rc = cmd_fail(JAW_FAIL, err.msg);
	}
	db_close(db);
	return rc;
}

int cmd_code(int argc, char **argv)
{
	struct cmd_code_args a = {0};
	int rc = cmd_code_parse(argc, argv, &a);
	if (rc < 0)
		return 0;
	if (rc != JAW_OK)
		return rc;
	int64_t source, start, end;
	if (!cmd_code_number(a.source, &source))
		return cmd_fail(JAW_USAGE, "code: --source must be a source's id (a number)");
	if (!cmd_code_number(a.start, &start) || !cmd_code_number(a.end, &end))
		return cmd_fail(JAW_USAGE, "code: --start and --end must be offsets (numbers from 0)");
	jaw_err err;
	err_clear(&err);
	char *coder = coding_coder_new(a.coder);
	if (coding_coder_check(coder, &err) != JAW_OK) {
		free(coder);
		err_prefix(&err, "code: --coder");
		return cmd_fail(JAW_USAGE, err.msg);
	}
	rc = cmd_code_run(&a, source, start, end, coder);
	free(coder);
	return rc;
}
