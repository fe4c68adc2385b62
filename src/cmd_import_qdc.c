/* cmd_import_qdc.c - jaw import-qdc FILE CODEBOOK.qdc and jaw import-qdpx
 * FILE PROJECT.qdpx: REFI-QDA codebooks and projects into a project, each
 * as one change the coder can undo. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "coding.h"
#include "project_schema.h"
#include "refi.h"

/* Runs import (refi_import_qdc or refi_import_qdpx) on the command's
 * words; prints what it did. */
static int cmd_import_refi(const struct cmd_args *a,
                           int (*import)(struct jaw_db *, const char *, const char *,
                                         struct refi_import_result *, jaw_err *))
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
		rc = import(db, coder, a->words[1], &res, &err);
	db_close(db);
	free(coder);
	if (rc != JAW_OK) {
		cmd_fail(JAW_FAIL, err.msg);
		return cmd_fail(JAW_FAIL, "nothing imported");
	}
	printf("%zu codes added, %zu already in the project\n", res.codes_added, res.codes_matched);
	if (import == refi_import_qdpx) {
		printf("%zu sources added, %zu already in the project\n", res.sources_added,
		       res.sources_matched);
		printf("%zu codings added, %zu already in the project\n", res.codings_added,
		       res.codings_matched);
		if (res.sources_skipped || res.codings_skipped)
			printf("%zu sources skipped (not text, or blank) with %zu codings\n",
			       res.sources_skipped, res.codings_skipped);
	}
	return 0;
}

int cmd_import_qdc(const struct cmd_args *a)
{
	return cmd_import_refi(a, refi_import_qdc);
}

int cmd_import_qdpx(const struct cmd_args *a)
{
	return cmd_import_refi(a, refi_import_qdpx);
}
