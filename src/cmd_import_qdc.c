/* cmd_import_qdc.c - jaw import-qdc FILE CODEBOOK.qdc: adds the codes of a
 * REFI-QDA codebook to a project, as one change the coder can undo. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "coding.h"
#include "project_schema.h"
#include "refi.h"

int cmd_import_qdc(const struct cmd_args *a)
{
	char *coder = coding_coder_new(cmd_value(a, "coder"));
	jaw_err err;
	err_clear(&err);
	if (coding_coder_check(coder, &err) != JAW_OK) {
		free(coder);
		return cmd_usage(a, "--coder: %s", err.msg);
	}
	struct jaw_db *db = NULL;
	struct refi_import_result res;
	int rc = db_open(a->words[0], 0, &project_schema, &db, &err);
	if (rc == JAW_OK)
		rc = refi_import_qdc(db, coder, a->words[1], &res, &err);
	db_close(db);
	free(coder);
	if (rc != JAW_OK) {
		cmd_fail(JAW_FAIL, err.msg);
		return cmd_fail(JAW_FAIL, "nothing imported");
	}
	printf("%zu codes added, %zu already in the project\n", res.codes_added, res.codes_matched);
	return 0;
}
