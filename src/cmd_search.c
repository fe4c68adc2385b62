/* cmd_search.c - jaw search FILE QUERY: the full-text search over the
 * notes and every survey's answers (search.h), as ranked lines or every
 * match as CSV; with --code, codes every hit (analysis.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "cmd.h"
#include "codebook.h"
#include "coding.h"
#include "export.h"
#include "model.h"
#include "project_schema.h"
#include "retrieve.h"
#include "search.h"
#include "text.h"
#include "utf8.h"
#include "xalloc.h"

enum { SEARCH_PAGE = 200 };

/* The CSV of every match: the source's text and title, read once each. */
struct search_csv {
	struct jaw_db *db;
	struct retrieve_text text;
	char *title;
};

/* Reads the title of source id into c->title. */
static int search_csv_title(struct search_csv *c, int64_t id, jaw_err *err)
{
	static const char sql[] = "SELECT " MODEL_SOURCE_TITLE("s") " FROM source s WHERE s.id = ?1";
	sqlite3_stmt *s = db_stmt(c->db, sql, err);
	if (!s)
		return JAW_FAIL;
	sqlite3_bind_int64(s, 1, id);
	free(c->title);
	c->title = sqlite3_step(s) == SQLITE_ROW ? db_column_text_new(s, 0) : xstrdup("");
	sqlite3_reset(s);
	return JAW_OK;
}

static int search_csv_row(void *ctx, int64_t source, int64_t start, int64_t end, double rank,
                          jaw_err *err)
{
	struct search_csv *c = ctx;
	bool same = c->text.text && c->text.source_id == source;
	if (retrieve_text_load(c->db, &c->text, source, err) != JAW_OK ||
	    (!same && search_csv_title(c, source, err) != JAW_OK))
		return JAW_FAIL;
	char *text = text_slice_new(c->text.text, (size_t)start, (size_t)end);
	printf("%lld,%lld,%lld,", (long long)source, (long long)start, (long long)end);
	export_csv_text_to(stdout, text, false);
	export_csv_text_to(stdout, c->title, false);
	printf("%.6f\n", rank);
	free(text);
	return JAW_OK;
}

/* --csv: every match. */
static int search_csv(struct jaw_db *db, const char *query, jaw_err *err)
{
	struct search_csv c = {db, {0, NULL}, NULL};
	fputs("source,start,end,text,title,rank\n", stdout);
	int rc = search_text_each(db, query, search_csv_row, &c, err);
	retrieve_text_clear(&c.text);
	free(c.title);
	return rc;
}

/* Without --csv: a line per source, best first, with its first match in
 * its context. */
static int search_lines(struct jaw_db *db, const char *query, jaw_err *err)
{
	struct search_hit hits[SEARCH_PAGE];
	for (int64_t offset = 0;; offset += SEARCH_PAGE) {
		int n = search_text_page(db, query, offset, SEARCH_PAGE, hits, err);
		if (n < 0)
			return JAW_FAIL;
		for (int i = 0; i < n; i++) {
			char *snippet = utf8_sanitize_new(hits[i].snippet);
			if (hits[i].start >= 0)
				printf("%lld [%lld, %lld) %s\n", (long long)hits[i].source_id,
				       (long long)hits[i].start, (long long)hits[i].end, snippet);
			else
				printf("%lld (title) %s\n", (long long)hits[i].source_id, snippet);
			free(snippet);
			search_hit_clear(&hits[i]);
		}
		if (n < SEARCH_PAGE)
			return JAW_OK;
	}
}

/* --code NAME: codes every hit (or its sentence) as one undoable change. */
static int search_code(const struct cmd_args *a, struct jaw_db *db, const char *query,
                       jaw_err *err)
{
	int64_t code = codebook_find(db, cmd_value(a, "code"), err);
	if (code <= 0)
		return JAW_FAIL;
	char *coder = coding_coder_new(cmd_value(a, "coder"));
	bool sentences = cmd_value(a, "sentences") != NULL;
	struct analysis_hits h;
	int rc = analysis_code_hits(db, coder, query, code,
	                            sentences ? ANALYSIS_HIT_SENTENCE : ANALYSIS_HIT_WORDS, &h, err);
	if (rc == JAW_OK)
		printf("coded %lld %s (%lld hits in %lld sources) with %s as %s; %lld coded so"
		       " already\n", (long long)h.coded, sentences ? "sentences" : "hits",
		       (long long)h.hits, (long long)h.sources, cmd_value(a, "code"), coder,
		       (long long)h.already);
	free(coder);
	return rc;
}

int cmd_search(const struct cmd_args *a)
{
	if (cmd_value(a, "code") && cmd_value(a, "csv"))
		return cmd_usage(a, "--code codes the hits; --csv lists them: choose one");
	if ((cmd_value(a, "sentences") || cmd_value(a, "coder")) && !cmd_value(a, "code"))
		return cmd_usage(a, "--sentences and --coder go with --code");
	jaw_err err;
	err_clear(&err);
	struct jaw_db *db = NULL;
	const char *path = a->words[0], *query = a->words[1];
	bool code = cmd_value(a, "code") != NULL;
	if (db_open(path, code ? 0 : DB_OPEN_READONLY, &project_schema, &db, &err) != JAW_OK)
		return cmd_fail(JAW_FAIL, err.msg);
	int rc = code ? search_code(a, db, query, &err)
	       : cmd_value(a, "csv") ? search_csv(db, query, &err) : search_lines(db, query, &err);
	return cmd_finish(db, path, rc, &err);
}
