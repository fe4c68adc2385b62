/* export_report.c - the Joint Analysis Report as Markdown for pandoc: the
 * front matter with the marking line on every page, then the parts in
 * order (the method and the annexes are in export_report_method.c and
 * export_report_annex.c), each finding in ODCR form with its quotes. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "attrib.h"
#include "date.h"
#include "export_report_int.h"
#include "finding.h"
#include "markdown.h"
#include "model.h"
#include "xalloc.h"

/* ---- what the parts share ------------------------------------------------------ */

const char *report_kind_words(const char *kind)
{
	return kind && strcmp(kind, "survey_answer") == 0 ? "survey answer" : kind ? kind : "";
}

void report_count(FILE *out, int64_t n, const char *one, const char *many)
{
	if (n == 0)
		fprintf(out, "no %s", one);
	else
		fprintf(out, "%lld %s", (long long)n, n == 1 ? one : many);
}

void report_todo(FILE *out, const char *what)
{
	fprintf(out, "**\\[To be written by the analysts: %s\\]**\n\n", what);
}

void report_text(struct report *r, sqlite3_stmt *stmt, int i)
{
	md_inline(r->out, (const char *)sqlite3_column_text(stmt, i));
}

void report_cell(struct report *r, const char *text)
{
	fputc(' ', r->out);
	md_inline(r->out, text);
	fputs(" |", r->out);
}

void report_cell_int(struct report *r, sqlite3_stmt *stmt, int i)
{
	if (sqlite3_column_type(stmt, i) == SQLITE_NULL)
		fputs("  |", r->out);
	else
		fprintf(r->out, " %lld |", (long long)sqlite3_column_int64(stmt, i));
}

int report_step(struct report *r, const char *sql, void (*bind)(sqlite3_stmt *, const void *),
                const void *ctx, jaw_err *err)
{
	if (!r->stmt) {
		r->stmt = db_stmt(r->db, sql, err);
		if (!r->stmt)
			return -1;
		if (bind)
			bind(r->stmt, ctx);
	}
	int rc = sqlite3_step(r->stmt);
	if (rc == SQLITE_ROW)
		return 1;
	sqlite3_reset(r->stmt);
	sqlite3_clear_bindings(r->stmt);
	r->stmt = NULL;
	if (rc == SQLITE_DONE)
		return 0;
	err_db(err, db_sqlite(r->db), sql);
	return -1;
}

sqlite3_stmt *report_one_row(struct report *r, const char *sql, int64_t id, jaw_err *err)
{
	sqlite3_stmt *s = db_stmt(r->db, sql, err);
	if (!s)
		return NULL;
	if (sqlite3_bind_parameter_count(s) > 0)
		sqlite3_bind_int64(s, 1, id);
	if (sqlite3_step(s) == SQLITE_ROW)
		return s;
	sqlite3_reset(s);
	err_db(err, db_sqlite(r->db), sql);
	return NULL;
}

enum export_step report_query_rows(struct report *r, const char *sql,
                                   void (*write)(struct report *, sqlite3_stmt *), jaw_err *err)
{
	for (int n = 0; n < REPORT_PAGE; n++) {
		int rc = report_step(r, sql, NULL, NULL, err);
		if (rc <= 0)
			return rc == 0 ? EXPORT_DONE : EXPORT_FAILED;
		report_row(r);
		write(r, r->stmt);
		r->offset++;
	}
	return EXPORT_MORE;
}

/* ---- the front matter ------------------------------------------------------------- */

/* The LaTeX that prints the marking at the head and foot of every page of
 * a PDF (the title page's plain style too), as one raw LaTeX inline of
 * header-includes around the marking, which pandoc escapes for LaTeX. */
static void report_marking_latex(FILE *out, const char *marking)
{
	fputs("header-includes:\n- '`\\usepackage{fancyhdr}\\setlength{\\headheight}{15pt}"
	      "\\newcommand{\\jawmarking}{`{=latex}", out);
	md_yaml_inline(out, marking);
	fputs("`}\\newcommand{\\jawpagestyle}{\\fancyhf{}\\renewcommand{\\headrulewidth}{0pt}"
	      "\\fancyhead[C]{\\small\\textbf{\\jawmarking}}"
	      "\\fancyfoot[C]{\\small\\textbf{\\jawmarking}\\\\\\thepage}}"
	      "\\fancypagestyle{plain}{\\jawpagestyle}\\pagestyle{fancy}\\jawpagestyle`{=latex}'\n",
	      out);
}

/* The front matter, and the marking line first in the text. */
static int report_front_begin(struct report *r, jaw_err *err)
{
	struct project *p = model_project_get_new(r->db, err);
	char *marking = p ? attrib_marking_get_new(r->db, err) : NULL;
	if (!marking) {
		model_project_free(p);
		return JAW_FAIL;
	}
	char today[16];
	date_format(date_today(), today);
	fputs("---\n", r->out);
	md_yaml(r->out, "title", *p->title ? p->title : "[The title, to be written by the analysts]");
	md_yaml(r->out, "subtitle", "Joint Analysis Report");
	md_yaml(r->out, "date", today);
	if (*marking) {
		md_yaml(r->out, "marking", marking);
		report_marking_latex(r->out, marking);
	}
	fputs("---\n\n", r->out);
	if (*marking) {
		fputs("**", r->out);
		md_inline(r->out, marking);
		fputs("**\n\n", r->out);
	}
	model_project_free(p);
	free(marking);
	return JAW_OK;
}

/* The marking again at the end of the document. */
static int report_close_begin(struct report *r, jaw_err *err)
{
	char *marking = attrib_marking_get_new(r->db, err);
	if (!marking)
		return JAW_FAIL;
	if (*marking) {
		fputs("**", r->out);
		md_inline(r->out, marking);
		fputs("**\n", r->out);
	}
	free(marking);
	return JAW_OK;
}

/* ---- findings ------------------------------------------------------------------------- */

/* A field of a finding's head: "**NAME:** VALUE" (or none when it is
 * empty), ending in a hard line break unless last. */
static void report_field(struct report *r, const char *name, const char *value,
                         const char *none, bool last)
{
	fprintf(r->out, "**%s:** ", name);
	if (value && *value)
		md_inline(r->out, value);
	else
		fputs(none, r->out);
	fputs(last ? "\n\n" : "\\\n", r->out);
}

/* One of the ODCR sections, or a place to write it (what). */
static void report_odcr(struct report *r, const char *heading, const char *what,
                        const char *text)
{
	fprintf(r->out, "### %s\n\n", heading);
	if (!text || strspn(text, " \t\r\n") == strlen(text)) {
		report_todo(r->out, what);
		return;
	}
	md_block(r->out, text, "");
	fputc('\n', r->out);
}

/* The strength of the finding's evidence in one sentence. */
static void report_strength(struct report *r, const struct finding_strength *s)
{
	FILE *out = r->out;
	fputs("**Evidence strength:** ", out);
	report_count(out, s->citations, "citation", "citations");
	fputs(" from ", out);
	report_count(out, s->sources, "source", "sources");
	fputs(", ", out);
	report_count(out, s->organisations, "organisation", "organisations");
	fputs(", ", out);
	report_count(out, s->stakeholders, "stakeholder", "stakeholders");
	fputs(" and ", out);
	report_count(out, s->respondents, "survey respondent", "survey respondents");
	if (s->changed || s->lost) {
		fputs("; ", out);
		report_count(out, s->changed, "citation changed", "citations changed");
		fputs(" and ", out);
		report_count(out, s->lost, "citation lost", "citations lost");
		fputs(" since cited", out);
	}
	fputs(".\n\n", out);
}

/* A citation as a block quote with its provenance, and what became of it. */
static void report_citation(struct report *r, const struct citation *c)
{
	FILE *out = r->out;
	md_block(out, c->quote, "> ");
	fputs(">\n> \xE2\x80\x94 ", out);
	md_inline(out, c->provenance);
	if (c->code && *c->code) {
		fputs("; coded ", out);
		md_inline(out, c->code);
	}
	fputc('\n', out);
	if (c->note && *c->note) {
		fputs(">\n> **Note:** ", out);
		md_inline(out, c->note);
		fputc('\n', out);
	}
	if (c->state == CITATION_CHANGED)
		fputs(">\n> **Changed since cited:** the source no longer says this here; the quote"
		      " is as it was cited.\n", out);
	else if (c->state == CITATION_LOST)
		fprintf(out, ">\n> **Lost since cited:** the %s cited was deleted; the quote is as it"
		        " was cited.\n", c->source_id ? "coding" : "source");
	fputc('\n', out);
}

/* The citations of finding id, a page at a time. */
static int report_citations(struct report *r, int64_t id, jaw_err *err)
{
	struct citation page[REPORT_PAGE];
	for (int64_t offset = 0;; offset += REPORT_PAGE) {
		int n = citation_page(r->db, id, offset, REPORT_PAGE, page, err);
		if (n < 0)
			return JAW_FAIL;
		for (int i = 0; i < n; i++) {
			report_citation(r, &page[i]);
			citation_clear(&page[i]);
		}
		if (n < REPORT_PAGE)
			return JAW_OK;
	}
}

/* One finding: its head, ODCR and evidence. */
static int report_finding(struct report *r, const struct finding *f, jaw_err *err)
{
	FILE *out = r->out;
	fprintf(out, "## Finding %lld: ", (long long)r->offset + 1);
	md_inline(out, f->title);
	fputs("\n\n", out);
	report_field(r, "Status", finding_status_words(f->status), "", false);
	report_field(r, "Owner", f->owner, "none", false);
	report_field(r, "Areas", f->areas, "none", false);
	report_field(r, "Action body", f->action_body, "none", true);
	report_odcr(r, "Observation", "the observation", f->observation);
	report_odcr(r, "Discussion", "the discussion", f->discussion);
	report_odcr(r, "Conclusion", "the conclusion", f->conclusion);
	report_odcr(r, "Recommendation", "the recommendation", f->recommendation);
	fputs("### Evidence\n\n", out);
	report_strength(r, &f->strength);
	return report_citations(r, f->id, err);
}

static enum export_step report_findings_rows(struct report *r, jaw_err *err)
{
	struct finding f;
	int n = finding_page(r->db, NULL, r->offset, 1, &f, err);
	if (n <= 0)
		return n == 0 ? EXPORT_DONE : EXPORT_FAILED;
	int rc = report_finding(r, &f, err);
	finding_clear(&f);
	r->offset++;
	r->written++;
	return rc == JAW_OK ? EXPORT_MORE : EXPORT_FAILED;
}

/* ---- the driver ------------------------------------------------------------------------- */

static const struct report_part report_parts[] = {
	{NULL, report_front_begin, NULL, NULL, NULL},
	{NULL, report_aim_begin, NULL, NULL, NULL},
	{"# Method\n\n## Sources\n\n", report_sources_begin, report_sources_rows,
	 "| Kind | Sources | Coded sources | Coded segments |\n|:-----|----:|----:|----:|\n",
	 "No evidence has been gathered yet."},
	{"## Interviews by organisation\n\n"
	 "Each interview counts under the organisation of the person interviewed (or the"
	 " organisation itself), where attribution allows it to be named; the others count"
	 " together as not named.\n\n", NULL, report_interviews_rows,
	 "| Organisation | Interviews | Stakeholders |\n|:-----------|----:|----:|\n",
	 "No interviews are recorded."},
	{"## Surveys\n\n", NULL, report_surveys_rows, NULL, "No survey results have been imported."},
	{"## Coders and agreement\n\n", NULL, report_coders_rows,
	 "| Coder | Coded segments | Sources coded |\n|:-----|----:|----:|\n",
	 "No evidence has been coded yet."},
	{NULL, NULL, report_agreement_rows,
	 "Agreement of each two coders over the sources both coded, pooled over the codes at"
	 " character level: percent agreement, Cohen's kappa and Krippendorff's alpha (as `jaw"
	 " stats --agreement` computes them).\n\n"
	 "| Coders | Sources in common | Agreement | Cohen's kappa | Krippendorff's alpha |\n"
	 "|:------|----:|----:|----:|----:|\n",
	 "No two coders coded the same source, so their agreement cannot be measured."},
	{"# Findings\n\n", NULL, report_findings_rows, NULL, "No findings have been written yet."},
	{"# Annex A: Codebook\n\n"
	 "Each code with its definition, the segments coded with it and the sources they are"
	 " in; for a code with codes below it, the last two columns count it together with"
	 " all the codes below it (a roll-up, not a sum of the rows).\n\n", NULL, report_codebook_rows,
	 "| Code | Definition | Segments | Sources | Segments with codes below |"
	 " Sources with codes below |\n"
	 "|:-----------|:--------------------|---:|---:|-----:|-----:|\n",
	 "The codebook is empty."},
	{"# Annex B: Timeline\n\n"
	 "The phases, milestones and events of the study by date, with the number of sources"
	 " gathered at each.\n\n", NULL, report_timeline_rows,
	 "| Kind | Title | Start | End | Location | Status | Sources |\n"
	 "|:---|:-------------|:---|:---|:------|:---|---:|\n",
	 "The timeline is empty."},
	{"# Annex C: Stakeholder register\n\n"
	 "As attribution allows: the stakeholders who may be named, in the register's order;"
	 " then those given by their role only; those who may not be named are only"
	 " counted.\n\n## Named\n\n", NULL, report_register_rows,
	 "| Name | Kind | Organisation | Role | Power | Interest | Attitude | Sources |\n"
	 "|:--------|:---|:--------|:----------|---:|---:|:---|---:|\n",
	 "No stakeholder may be named."},
	{"## By role only\n\n", NULL, report_by_role_rows,
	 "| Role | Kind | Power | Interest | Attitude | Sources |\n"
	 "|:---------------|:---|---:|---:|:---|---:|\n",
	 "No stakeholder is given by role only."},
	{"## Not named\n\n", report_not_named_begin, NULL, NULL, NULL},
	{NULL, report_close_begin, NULL, NULL, NULL},
};

#define REPORT_NPARTS (sizeof report_parts / sizeof report_parts[0])

void report_row(struct report *r)
{
	const char *header = report_parts[r->part].header;
	if (r->written++ == 0 && header)
		fputs(header, r->out);
}

/* The end of a part: a blank line after its table, or what it says when
 * it wrote nothing. */
static void report_part_end(struct report *r, const struct report_part *p)
{
	if (r->written == 0 && p->none)
		fprintf(r->out, "%s\n\n", p->none);
	else if (r->written > 0 && p->header)
		fputc('\n', r->out);
}

static int report_begin(struct jaw_db *db, FILE *out, const struct export_options *opt,
                        void **state, jaw_err *err)
{
	(void)opt;
	(void)err;
	struct report *r = xcalloc(1, sizeof *r);
	r->db = db;
	r->out = out;
	*state = r;
	return JAW_OK;
}

static enum export_step report_next(void *state, FILE *out, jaw_err *err)
{
	struct report *r = state;
	(void)out;
	if (r->part == REPORT_NPARTS)
		return EXPORT_DONE;
	const struct report_part *p = &report_parts[r->part];
	if (!r->begun) {
		r->begun = true;
		r->offset = r->written = 0;
		if (p->text)
			fputs(p->text, r->out);
		if (p->begin && p->begin(r, err) != JAW_OK)
			return EXPORT_FAILED;
		return EXPORT_MORE;
	}
	enum export_step step = p->rows ? p->rows(r, err) : EXPORT_DONE;
	if (step == EXPORT_DONE) {
		report_part_end(r, p);
		r->part++;
		r->begun = false;
		return EXPORT_MORE;
	}
	return step;
}

static int report_end(void *state, FILE *out, bool ok, jaw_err *err)
{
	struct report *r = state;
	(void)out;
	(void)ok;
	(void)err;
	if (r->stmt)
		sqlite3_reset(r->stmt);
	free(r);
	return JAW_OK;
}

const struct exporter exporter_report = {
	"report", "a Joint Analysis Report skeleton in Markdown for pandoc (docx, PDF): aim,"
	" method, the findings in ODCR form with their quotes as attribution allows, annexes",
	EXPORT_MARKDOWN, report_begin, report_next, report_end,
};
