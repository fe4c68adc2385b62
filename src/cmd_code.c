/* cmd_code.c - jaw code: apply a code from the command line. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "safeout.h"
#include "codebook.h"
#include "coding.h"
#include "project_schema.h"
#include "utf8.h"
#include "xalloc.h"

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
	safeout_printf(stdout, "coding %lld: source %lld [%lld, %lld) \"%s\" by %s: %s\n",
	               (long long)c.id, (long long)c.source_id, (long long)c.start, (long long)c.end,
	               name, coder, shown);
	free(name);
	free(coder);
	free(shown);
	free(text);
	coding_clear(&c);
}

/* Opens the project and applies the code. */
static int cmd_code_run(const struct cmd_args *a, int64_t source, int64_t start,
                        int64_t end, const char *coder)
{
	jaw_err err;
	err_clear(&err);
	struct jaw_db *db = NULL;
	const char *path = a->words[0];
	if (db_open(path, 0, &project_schema, &db, &err) != JAW_OK)
		return cmd_fail(JAW_FAIL, err.msg);
	int64_t code = codebook_find(db, cmd_value(a, "code"), &err), id = 0;
	int rc = code > 0 ? coding_apply(db, coder, source, start, end, code, cmd_value(a, "memo"),
	                                 &id, &err)
	                  : JAW_FAIL;
	if (rc == JAW_OK) {
		cmd_code_report(db, id);
	} else {
		err_prefix(&err, path);
		rc = cmd_fail(JAW_FAIL, err.msg);
	}
	db_close(db);
	return rc;
}

int cmd_code(const struct cmd_args *a)
{
	int64_t source, start, end;
	if (!cmd_code_number(cmd_value(a, "source"), &source))
		return cmd_usage(a, "--source must be a source's id (a number)");
	if (!cmd_code_number(cmd_value(a, "start"), &start) ||
	    !cmd_code_number(cmd_value(a, "end"), &end))
		return cmd_usage(a, "--start and --end must be offsets (numbers from 0)");
	jaw_err err;
	err_clear(&err);
	char *coder = coding_coder_new(cmd_value(a, "coder"));
	if (coding_coder_check(coder, &err) != JAW_OK) {
		free(coder);
		return cmd_usage(a, "--coder: %s", err.msg);
	}
	int rc = cmd_code_run(a, source, start, end, coder);
	free(coder);
	return rc;
}
