/* cmd_stats.c - jaw stats FILE --codes | --crosstab ATTR | --cooccurrence |
 * --agreement C1 C2... | --saturation | --likert [QUESTION] [--by ATTR]:
 * the analysis tables (analysis.h) as aligned text or CSV. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "cmd.h"
#include "export.h"
#include "model.h"
#include "project_schema.h"
#include "utf8.h"
#include "xalloc.h"

enum { STATS_PAGE = 256, STATS_NAME_COLS = 44 };

/* Writes s cut or padded with spaces to cols columns. */
static void stats_pad(FILE *out, const char *s, int cols)
{
	char *safe = utf8_display_new(s, cols);
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
		export_csv_text_to(out, r->name, false);
		export_csv_text_to(out, r->path, false);
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

/* ---- matrices ----------------------------------------------------------------- */

/* How a matrix's cells are written. */
struct stats_cells {
	bool csv;
	int percent;  /* 0 counts, 'r' row percentages, 'c' column percentages */
	bool jaccard; /* the Jaccard coefficients */
};

/* Cell r, c as the options ask, into buf. */
static const char *stats_cell(const struct analysis_matrix *m, int r, int c,
                              const struct stats_cells *how, char *buf, size_t size)
{
	size_t i = (size_t)r * (size_t)m->ncols + (size_t)c;
	if (how->jaccard)
		snprintf(buf, size, "%.3f", m->ratio[i]);
	else if (how->percent)
		snprintf(buf, size, "%.1f", analysis_matrix_percent(m, r, c, how->percent == 'r'));
	else
		snprintf(buf, size, "%lld", (long long)m->cells[i]);
	return buf;
}

/* A column's heading: its value or code, "(none)" for no value. */
static const char *stats_col_name(const struct analysis_matrix *m, int c)
{
	return *m->col_names[c] ? m->col_names[c] : "(none)";
}

/* code, then a column per value (or code); a row per code, by its path. */
static void stats_matrix_csv(FILE *out, const struct analysis_matrix *m,
                             const struct stats_cells *how)
{
	char buf[48];
	export_csv_text_to(out, "code", m->ncols == 0);
	for (int c = 0; c < m->ncols; c++)
		export_csv_text_to(out, stats_col_name(m, c), c == m->ncols - 1);
	for (int r = 0; r < m->nrows; r++) {
		export_csv_text_to(out, m->row_paths[r], m->ncols == 0);
		for (int c = 0; c < m->ncols; c++)
			fprintf(out, "%s%c", stats_cell(m, r, c, how, buf, sizeof buf),
			        c == m->ncols - 1 ? '\n' : ',');
	}
}

enum { STATS_CELL_COLS = 12 };

/* The same aligned, with the row totals and, last, the column totals. */
static void stats_matrix_text(FILE *out, const struct analysis_matrix *m,
                              const struct stats_cells *how, bool totals)
{
	char buf[48];
	stats_pad(out, "Code", STATS_NAME_COLS);
	for (int c = 0; c < m->ncols; c++) {
		char *name = utf8_display_new(stats_col_name(m, c), STATS_CELL_COLS);
		fputc(' ', out);
		for (int w = utf8_width(name); w < STATS_CELL_COLS; w++)
			fputc(' ', out);
		fputs(name, out);
		free(name);
	}
	fprintf(out, totals ? " %*s\n" : "\n", STATS_CELL_COLS, "Total");
	for (int r = 0; r < m->nrows; r++) {
		char *name = xasprintf("%*s%s", m->row_depth[r] * 2, "", m->row_names[r]);
		stats_pad(out, name, STATS_NAME_COLS);
		free(name);
		for (int c = 0; c < m->ncols; c++)
			fprintf(out, " %*s", STATS_CELL_COLS, stats_cell(m, r, c, how, buf, sizeof buf));
		if (totals)
			fprintf(out, " %*lld", STATS_CELL_COLS, (long long)m->row_total[r]);
		fputc('\n', out);
	}
	if (!totals)
		return;
	stats_pad(out, "Total", STATS_NAME_COLS);
	for (int c = 0; c < m->ncols; c++)
		fprintf(out, " %*lld", STATS_CELL_COLS, (long long)m->col_total[c]);
	fprintf(out, " %*lld\n", STATS_CELL_COLS, (long long)m->total);
}

/* The words --by takes, in the order of enum analysis_by. */
static const char *const stats_by_words[] = {"segments", "sources", "respondents", NULL};

/* --crosstab ATTR [--by B] [--percent row|column] */
static int stats_crosstab(const struct cmd_args *a, struct jaw_db *db, jaw_err *err)
{
	const char *by = cmd_value(a, "by"), *percent = cmd_value(a, "percent");
	int b = 0;
	while (by && stats_by_words[b] && strcmp(stats_by_words[b], by) != 0)
		b++;
	struct stats_cells how = {cmd_value(a, "csv") != NULL, 0, false};
	if (percent)
		how.percent = strcmp(percent, "row") == 0 ? 'r' : 'c';
	struct analysis_matrix *m;
	if (analysis_crosstab_new(db, cmd_value(a, "crosstab"), (enum analysis_by)b, &m, err)
	    != JAW_OK)
		return JAW_FAIL;
	if (how.csv)
		stats_matrix_csv(stdout, m, &how);
	else
		stats_matrix_text(stdout, m, &how, true);
	analysis_matrix_free(m);
	return JAW_OK;
}

/* --cooccurrence [--same-source] [--jaccard] */
static int stats_cooccurrence(const struct cmd_args *a, struct jaw_db *db, jaw_err *err)
{
	struct stats_cells how = {cmd_value(a, "csv") != NULL, 0, cmd_value(a, "jaccard") != NULL};
	struct analysis_matrix *m;
	enum analysis_cooccur_mode mode = cmd_value(a, "same-source") ? ANALYSIS_SAME_SOURCE
	                                                               : ANALYSIS_OVERLAP;
	if (analysis_cooccur_new(db, mode, how.jaccard, &m, err) != JAW_OK)
		return JAW_FAIL;
	if (how.csv)
		stats_matrix_csv(stdout, m, &how);
	else
		stats_matrix_text(stdout, m, &how, false);
	analysis_matrix_free(m);
	return JAW_OK;
}

enum { STATS_CHART_COLS = 30 };

/* One source of --saturation, with a bar of the running total in text. */
static void stats_saturation_row(FILE *out, const struct analysis_saturation_row *r,
                                 int64_t total, bool csv)
{
	if (csv) {
		fprintf(out, "%lld,%lld,", (long long)r->position, (long long)r->source_id);
		export_csv_text_to(out, r->date, false);
		export_csv_text_to(out, r->title, false);
		fprintf(out, "%lld,%lld,", (long long)r->new_codes, (long long)r->total_codes);
		export_csv_text_to(out, r->codes, true);
		return;
	}
	int old = total > 0 ? (int)((r->total_codes - r->new_codes) * STATS_CHART_COLS / total) : 0;
	int all = total > 0 ? (int)(r->total_codes * STATS_CHART_COLS / total) : 0;
	fprintf(out, "%6lld %-10s %4lld %5lld ", (long long)r->position, *r->date ? r->date : "-",
	        (long long)r->new_codes, (long long)r->total_codes);
	for (int i = 0; i < STATS_CHART_COLS; i++)
		fputs(i < old ? "\xe2\x96\x88" : i < all ? "\xe2\x96\x93" : " ", out);
	char *title = utf8_display_new(r->title, 60);
	fprintf(out, " %s\n", title);
	free(title);
}

/* --saturation: computed once into a TEMP table, then written a page at
 * a time (each page computed afresh took a second at 600,000 sources). */
static int stats_saturation(struct jaw_db *db, bool csv, jaw_err *err)
{
	int64_t total = analysis_saturation_total(db, err);
	if (total < 0 || analysis_saturation_build(db, err) < 0)
		return JAW_FAIL;
	if (csv)
		fputs("position,source,date,title,new_codes,total_codes,new\n", stdout);
	else
		printf("%6s %-10s %4s %5s %-*s %s\n", "#", "Date", "New", "Codes", STATS_CHART_COLS,
		       "Codes so far (\xe2\x96\x93 new)", "Source");
	struct analysis_saturation_row rows[STATS_PAGE];
	for (int64_t offset = 0;; offset += STATS_PAGE) {
		int n = analysis_saturation_built_page(db, offset, STATS_PAGE, rows, err);
		if (n < 0)
			return JAW_FAIL;
		for (int i = 0; i < n; i++) {
			stats_saturation_row(stdout, &rows[i], total, csv);
			analysis_saturation_row_clear(&rows[i]);
		}
		if (n < STATS_PAGE)
			return JAW_OK;
	}
}

/* --agreement CODER CODER...: per code and pooled. */
static int stats_agreement(const struct cmd_args *a, struct jaw_db *db, jaw_err *err)
{
	bool csv = cmd_value(a, "csv") != NULL, two = a->nwords == 3;
	struct analysis_agreement_row *rows;
	int n;
	if (analysis_agreement_new(db, (const char *const *)a->words + 1, a->nwords - 1, &rows, &n,
	                           err) != JAW_OK)
		return JAW_FAIL;
	if (csv)
		fputs(two ? "code,agreement,kappa,alpha,characters,both,first_only,second_only\n"
		          : "code,alpha,characters\n", stdout);
	else if (two)
		printf("%-*s %9s %7s %7s %10s %9s %9s %9s\n", STATS_NAME_COLS, "Code", "Agreement",
		       "Kappa", "Alpha", "Characters", "Both", "1st only", "2nd only");
	else
		printf("%-*s %7s %10s\n", STATS_NAME_COLS, "Code", "Alpha", "Characters");
	for (int i = 0; i < n; i++) {
		const struct analysis_agreement_row *r = &rows[i];
		if (csv)
			export_csv_text_to(stdout, r->path, false);
		else
			stats_pad(stdout, r->path, STATS_NAME_COLS);
		if (csv && two)
			printf("%.2f,%.4f,%.4f,%lld,%lld,%lld,%lld\n", r->agreement, r->kappa, r->alpha,
			       (long long)r->characters, (long long)r->both, (long long)r->first,
			       (long long)r->second);
		else if (csv)
			printf("%.4f,%lld\n", r->alpha, (long long)r->characters);
		else if (two)
			printf(" %8.2f%% %7.4f %7.4f %10lld %9lld %9lld %9lld\n", r->agreement, r->kappa,
			       r->alpha, (long long)r->characters, (long long)r->both, (long long)r->first,
			       (long long)r->second);
		else
			printf(" %7.4f %10lld\n", r->alpha, (long long)r->characters);
	}
	analysis_agreement_free(rows, n);
	return JAW_OK;
}

/* ---- Likert items -------------------------------------------------------------- */

enum { STATS_LIKERT_CELL = 13 };

/* A group's name as the tables write it. */
static const char *stats_group_name(const struct analysis_likert *t, int g)
{
	return g == 0 || *t->groups[g] ? t->groups[g] : "(none)";
}

/* An answer's name: its label, or its value, or "(no answer)". */
static const char *stats_point_name(const struct analysis_likert_point *p)
{
	return p->kind == ANALYSIS_LIKERT_MISSING ? "(no answer)" : *p->label ? p->label : p->value;
}

/* One row of --likert --csv: an answer of item it in group g. */
static void stats_likert_csv_row(FILE *out, const struct analysis_likert *t,
                                 const struct analysis_likert_item *it, int p, int g)
{
	static const char *const kinds[] = {"point", "outside", "missing"};
	const struct analysis_likert_point *pt = &it->points[p];
	export_csv_text_to(out, it->survey, false);
	export_csv_text_to(out, it->label, false);
	fprintf(out, "%s,", kinds[pt->kind]);
	export_csv_text_to(out, pt->value, false);
	export_csv_text_to(out, pt->label, false);
	export_csv_text_to(out, g ? t->attribute : "", false);
	export_csv_text_to(out, stats_group_name(t, g), false);
	fprintf(out, "%lld,", (long long)pt->counts[g]);
	double pc = analysis_likert_percent(it, p, g);
	if (pc >= 0)
		fprintf(out, "%.1f", pc);
	fprintf(out, ",%lld\n", (long long)it->n[g]);
}

/* One item of --likert as aligned text: an answer per line, a group per
 * column (count and percentage of n), n last. */
static void stats_likert_text(FILE *out, const struct analysis_likert *t,
                              const struct analysis_likert_item *it)
{
	bool asked = *it->question && strcmp(it->question, it->label) != 0;
	char *title = xasprintf("%s / %s%s%s", it->survey, it->label, asked ? ": " : "",
	                        asked ? it->question : "");
	char *safe = utf8_display_new(title, 120);
	fprintf(out, "%s\n", safe);
	free(safe);
	free(title);
	stats_pad(out, "Answer", STATS_NAME_COLS - 14);
	for (int g = 0; g < t->ngroups; g++) {
		fputc(' ', out);
		char *name = utf8_display_new(stats_group_name(t, g), STATS_LIKERT_CELL);
		for (int w = utf8_width(name); w < STATS_LIKERT_CELL; w++)
			fputc(' ', out);
		fputs(name, out);
		free(name);
	}
	fputc('\n', out);
	for (int p = 0; p < it->npoints; p++) {
		const struct analysis_likert_point *pt = &it->points[p];
		char *name = pt->kind == ANALYSIS_LIKERT_OUTSIDE
		           ? xasprintf("%s (not on the scale)", pt->value) : xstrdup(stats_point_name(pt));
		stats_pad(out, name, STATS_NAME_COLS - 14);
		free(name);
		for (int g = 0; g < t->ngroups; g++) {
			double pc = analysis_likert_percent(it, p, g);
			if (pc < 0)
				fprintf(out, " %6lld%s", (long long)pt->counts[g],
				        g < t->ngroups - 1 ? "       " : "");
			else
				fprintf(out, " %6lld %5.1f%%", (long long)pt->counts[g], pc);
		}
		fputc('\n', out);
	}
	stats_pad(out, "n (answered)", STATS_NAME_COLS - 14);
	for (int g = 0; g < t->ngroups; g++)
		fprintf(out, " %6lld%s", (long long)it->n[g], g < t->ngroups - 1 ? "       " : "");
	fputs("\n\n", out);
}

/* --likert [QUESTION] [--by ATTR] */
static int stats_likert(const struct cmd_args *a, struct jaw_db *db, jaw_err *err)
{
	bool csv = cmd_value(a, "csv") != NULL;
	struct analysis_likert *t;
	if (analysis_likert_new(db, a->nwords > 1 ? a->words[1] : NULL, cmd_value(a, "by"), &t, err)
	    != JAW_OK)
		return JAW_FAIL;
	if (csv)
		fputs("survey,question,kind,value,label,attribute,group,count,percent,n\n", stdout);
	for (int i = 0; i < t->nitems; i++) {
		const struct analysis_likert_item *it = &t->items[i];
		if (!csv) {
			stats_likert_text(stdout, t, it);
			continue;
		}
		for (int g = 0; g < t->ngroups; g++)
			for (int p = 0; p < it->npoints; p++)
				stats_likert_csv_row(stdout, t, it, p, g);
	}
	if (!csv && t->nitems == 0)
		puts("No Likert item: import a survey with jaw import-csv (--likert COLS).");
	analysis_likert_free(t);
	return JAW_OK;
}

#define STATS_TABLES \
	"--codes, --crosstab ATTR, --cooccurrence, --agreement C1 C2, --saturation or --likert"

/* Checks the options' combinations; returns a usage message or NULL. */
static const char *stats_check(const struct cmd_args *a)
{
	bool agreement = cmd_value(a, "agreement") != NULL;
	bool likert = cmd_value(a, "likert") != NULL;
	int tables = (cmd_value(a, "codes") != NULL) + (cmd_value(a, "crosstab") != NULL) +
	             (cmd_value(a, "cooccurrence") != NULL) + agreement +
	             (cmd_value(a, "saturation") != NULL) + likert;
	if (tables == 0)
		return "say which table: " STATS_TABLES;
	if (tables > 1)
		return "one table at a time: " STATS_TABLES;
	if (agreement && a->nwords < 3)
		return "--agreement compares two coders or more: jaw stats FILE --agreement C1 C2";
	if (likert && a->nwords > 2)
		return "--likert takes one QUESTION at most: jaw stats FILE --likert [QUESTION]";
	if (!agreement && !likert && a->nwords > 1)
		return "only --agreement (the coders) and --likert (a question) take more words than"
		       " FILE";
	const char *by = cmd_value(a, "by"), *percent = cmd_value(a, "percent");
	bool crosstab = cmd_value(a, "crosstab") != NULL, co = cmd_value(a, "cooccurrence") != NULL;
	if (percent && !crosstab)
		return "--percent goes with --crosstab";
	if (by && !crosstab && !likert)
		return "--by goes with --crosstab (what it counts) or --likert (a survey attribute)";
	if ((cmd_value(a, "jaccard") || cmd_value(a, "same-source")) && !co)
		return "--jaccard and --same-source go with --cooccurrence";
	if (by && crosstab && !model_one_of(by, stats_by_words))
		return "--by is segments, sources or respondents";
	if (percent && strcmp(percent, "row") != 0 && strcmp(percent, "column") != 0)
		return "--percent is row or column";
	return NULL;
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
	const char *wrong = stats_check(a);
	if (wrong)
		return cmd_usage(a, "%s", wrong);
	jaw_err err;
	err_clear(&err);
	struct jaw_db *db = NULL;
	const char *path = a->words[0];
	if (db_open(path, DB_OPEN_READONLY, &project_schema, &db, &err) != JAW_OK)
		return cmd_fail(JAW_FAIL, err.msg);
	int rc;
	if (cmd_value(a, "crosstab"))
		rc = stats_crosstab(a, db, &err);
	else if (cmd_value(a, "cooccurrence"))
		rc = stats_cooccurrence(a, db, &err);
	else if (cmd_value(a, "agreement"))
		rc = stats_agreement(a, db, &err);
	else if (cmd_value(a, "likert"))
		rc = stats_likert(a, db, &err);
	else if (cmd_value(a, "saturation"))
		rc = stats_saturation(db, cmd_value(a, "csv") != NULL, &err);
	else
		rc = stats_codes(db, cmd_value(a, "csv") != NULL, &err);
	return cmd_finish(db, path, rc, &err);
}
