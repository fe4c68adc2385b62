/* cmd_retrieve.c - jaw retrieve FILE --code NAME: every segment coded with
 * a code, with its context and provenance, as CSV or as Markdown quotes
 * for a report (retrieve.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "codebook.h"
#include "export.h"
#include "project_schema.h"
#include "retrieve.h"
#include "xalloc.h"

/* The options that add a filter pair, with the pair's key. */
static const char *const cmd_retrieve_keys[][2] = {
	{"kind", "kind"}, {"stakeholder", "stakeholder"}, {"organisation", "organisation"},
	{"event", "event"}, {"coder", "coder"}, {"from", "from"}, {"to", "to"},
};

static void cmd_retrieve_csv_header(FILE *out)
{
	fputs("coding,source,code,start,end,text,before,after,source_title,source_kind,"
	      "source_date,stakeholder,organisation,event,respondent,attributes,coder,memo\n", out);
}

static int cmd_retrieve_csv_row(void *ctx, struct retrieve_row *r, jaw_err *err)
{
	(void)err;
	FILE *out = ctx;
	fprintf(out, "%lld,%lld,", (long long)r->coding_id, (long long)r->source_id);
	export_csv_text_to(out, r->code, false);
	fprintf(out, "%lld,%lld,", (long long)r->start, (long long)r->end);
	const char *cells[] = {r->text, r->before, r->after, r->source_title, r->source_kind,
	                       r->source_date, r->stakeholder, r->organisation, r->event,
	                       r->respondent, r->attributes, r->coder, r->memo};
	int n = (int)(sizeof cells / sizeof *cells);
	for (int i = 0; i < n; i++)
		export_csv_text_to(out, cells[i], i == n - 1);
	return JAW_OK;
}

/* Writes text as the lines of a block quote. */
static void cmd_retrieve_quote(FILE *out, const char *text)
{
	fputs("> ", out);
	for (const char *p = text; *p; p++) {
		fputc(*p, out);
		if (*p == '\n')
			fputs("> ", out);
	}
	fputc('\n', out);
}

/* A segment as a Markdown block quote with where it comes from. */
static int cmd_retrieve_md_row(void *ctx, struct retrieve_row *r, jaw_err *err)
{
	(void)err;
	FILE *out = ctx;
	cmd_retrieve_quote(out, r->text);
	fprintf(out, ">\n> \xe2\x80\x94 *%s* (%s%s%s)", r->source_title, r->source_kind,
	        *r->source_date ? ", " : "", r->source_date);
	if (*r->stakeholder)
		fprintf(out, ", %s%s%s%s", r->stakeholder, *r->organisation ? " (" : "", r->organisation,
		        *r->organisation ? ")" : "");
	if (*r->respondent)
		fprintf(out, ", respondent %s%s%s%s", r->respondent, *r->attributes ? " (" : "",
		        r->attributes, *r->attributes ? ")" : "");
	if (*r->event)
		fprintf(out, ", at %s", r->event);
	fprintf(out, "; coded %s by %s; source %lld [%lld, %lld)\n", r->code, r->coder,
	        (long long)r->source_id, (long long)r->start, (long long)r->end);
	if (*r->memo) {
		fputs(">\n", out);
		char *memo = xasprintf("Memo: %s", r->memo);
		cmd_retrieve_quote(out, memo);
		free(memo);
	}
	fputc('\n', out);
	return JAW_OK;
}

/* Builds the filter of the options into f. */
static int cmd_retrieve_filter(const struct cmd_args *a, struct jaw_db *db,
                               struct retrieve_filter *f, jaw_err *err)
{
	struct filter_spec spec;
	const char *text = cmd_value(a, "filter");
	if (filter_parse_any(text ? text : "", &spec, err) != JAW_OK)
		return JAW_FAIL;
	int rc = JAW_OK;
	for (size_t i = 0; i < sizeof cmd_retrieve_keys / sizeof *cmd_retrieve_keys; i++) {
		const char *v = cmd_value(a, cmd_retrieve_keys[i][0]);
		if (v && spec.n == FILTER_MAX)
			rc = err_set(err, JAW_FAIL, "filter: at most %d conditions", FILTER_MAX);
		else if (v) {
			spec.keys[spec.n] = xstrdup(cmd_retrieve_keys[i][1]);
			spec.values[spec.n++] = xstrdup(v);
		}
	}
	const char *attr = cmd_value(a, "attribute");
	if (attr && rc == JAW_OK) {
		const char *eq = strchr(attr, '=');
		if (!eq || eq == attr)
			rc = err_set(err, JAW_FAIL, "--attribute: write LABEL=VALUE");
		else if (spec.n == FILTER_MAX)
			rc = err_set(err, JAW_FAIL, "filter: at most %d conditions", FILTER_MAX);
		else {
			spec.keys[spec.n] = xstrndup(attr, (size_t)(eq - attr));
			spec.values[spec.n++] = xstrdup(eq + 1);
		}
	}
	f->children = cmd_value(a, "children") != NULL;
	if (rc == JAW_OK)
		rc = retrieve_filter_resolve(db, &spec, f, err);
	filter_spec_clear(&spec);
	if (rc == JAW_OK) {
		f->code_id = codebook_find(db, cmd_value(a, "code"), err);
		rc = f->code_id > 0 ? JAW_OK : JAW_FAIL;
	}
	return rc;
}

int cmd_retrieve(const struct cmd_args *a)
{
	bool md = cmd_value(a, "md") != NULL;
	if (md && cmd_value(a, "csv"))
		return cmd_usage(a, "--csv and --md: choose one");
	jaw_err err;
	err_clear(&err);
	struct jaw_db *db = NULL;
	const char *path = a->words[0];
	if (db_open(path, DB_OPEN_READONLY, &project_schema, &db, &err) != JAW_OK)
		return cmd_fail(JAW_FAIL, err.msg);
	struct retrieve_filter f = {0};
	int rc = cmd_retrieve_filter(a, db, &f, &err);
	if (rc == JAW_OK && md) {
		char *code = codebook_path_new(db, f.code_id, &err);
		int64_t n = retrieve_count(db, &f, &err);
		if (code && n >= 0)
			printf("# %s%s: %lld segment%s\n\n", code, f.children ? " and the codes below it" : "",
			       (long long)n, n == 1 ? "" : "s");
		else
			rc = JAW_FAIL;
		free(code);
	} else if (rc == JAW_OK) {
		cmd_retrieve_csv_header(stdout);
	}
	if (rc == JAW_OK)
		rc = retrieve_each(db, &f, md ? cmd_retrieve_md_row : cmd_retrieve_csv_row, stdout, &err);
	retrieve_filter_clear(&f);
	return cmd_finish(db, path, rc, &err);
}
