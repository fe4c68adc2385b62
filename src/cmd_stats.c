/* cmd_stats.c - jaw stats FILE --codes: the analysis tables (analysis.h)
 * as aligned text or CSV. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "cmd.h"
#include "export.h"
#include "project_schema.h"
#include "utf8.h"
#include "xalloc.h"

enum { STATS_PAGE = 256, STATS_NAME_COLS = 44 };

/* Writes s padded with spaces to cols columns (not cut). */
static void stats_pad(FILE *out, const char *s, int cols)
{
	char *safe = utf8_sanitize_new(s);
	fputs(safe, out);
	for (int w = utf8_width(safe); w < cols; w++)
		fputc(' ', out);
	free(safe);
}

static void stats_counts_text(FILE *out, const struct analysis_counts *c)
{
	fprintf(out, " %8lld %8lld %12lld %11lld\n", (long long)c->segments, (long long)c->sources,
	        (long long)c->stakeholders, (long long)c->respondents);
}

static void stats_counts_csv(FILE *out, const struct analysis_counts *c, bool last)
{
	fprintf(out, "%lld,%lld,%lld,%lld%s", (long long)c->segments, (long long)c->sources,
	        (long long)c->stakeholders, (long long)c->respondents, last ? "\n" : ",");
}

static void stats_code_row(FILE *out, const struct analysis_code_row *r, bool csv)
{
	if (csv) {
		export_csv_text(out, r->name, false);
		export_csv_text(out, r->path, false);
		fprintf(out, "%d,%lld,", r->depth, (long long)r->children);
		stats_counts_csv(out, &r->own, false);
		stats_counts_csv(out, &r->all, true);
		return;
	}
	char *name = xasprintf("%*s%s", r->depth * 2, "", r->name);
	stats_pad(out, name, STATS_NAME_COLS);
	stats_counts_text(out, &r->own);
	free(name);
	if (r->children == 0)
		return;
	char *total = xasprintf("%*s\xce\xa3 with the %lld code%s below", r->depth * 2 + 2, "",
	                        (long long)r->children, r->children == 1 ? "" : "s");
	stats_pad(out, total, STATS_NAME_COLS);
	stats_counts_text(out, &r->all);
	free(total);
}

/* --codes: every code's frequencies, a page at a time. */
static int stats_codes(struct jaw_db *db, bool csv, jaw_err *err)
{
	if (csv)
		fputs("code,path,depth,children,segments,sources,stakeholders,respondents,"
		      "all_segments,all_sources,all_stakeholders,all_respondents\n", stdout);
	else {
		stats_pad(stdout, "Code (\xce\xa3: with the codes below it)", STATS_NAME_COLS);
		printf(" %8s %8s %12s %11s\n", "Segments", "Sources", "Stakeholders", "Respondents");
	}
	struct analysis_code_row rows[STATS_PAGE];
	for (int64_t offset = 0;; offset += STATS_PAGE) {
		int n = analysis_codes_page(db, offset, STATS_PAGE, rows, err);
		if (n < 0)
			return JAW_FAIL;
		for (int i = 0; i < n; i++) {
			stats_code_row(stdout, &rows[i], csv);
			analysis_code_row_clear(&rows[i]);
		}
		if (n < STATS_PAGE)
			return JAW_OK;
	}
}

int cmd_finish(struct jaw_db *db, const char *path, int rc, jaw_err *err)
{
	if (rc == JAW_OK && fflush(stdout) != 0)
		rc = err_set(err, JAW_FAIL, "cannot write the output");
	db_close(db);
	if (rc == JAW_OK)
		return 0;
	err_prefix(err, path);
	return cmd_fail(JAW_FAIL, err->msg);
}

int cmd_stats(const struct cmd_args *a)
{
	if (!cmd_value(a, "codes"))
		return cmd_usage(a, "say which table: --codes");
	jaw_err err;
	err_clear(&err);
	struct jaw_db *db = NULL;
	const char *path = a->words[0];
	if (db_open(path, DB_OPEN_READONLY, &project_schema, &db, &err) != JAW_OK)
		return cmd_fail(JAW_FAIL, err.msg);
	int rc = stats_codes(db, cmd_value(a, "csv") != NULL, &err);
	return cmd_finish(db, path, rc, &err);
}
