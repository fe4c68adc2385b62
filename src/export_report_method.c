/* export_report_method.c - the report's aim and method: the sources by
 * kind, the interviews by organisation as attribution allows, each
 * survey's size and respondent profile, the coders and their agreement. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "attrib.h"
#include "export_report_int.h"
#include "markdown.h"
#include "model.h"

/* ---- aim and questions ------------------------------------------------------------ */

int report_aim_begin(struct report *r, jaw_err *err)
{
	struct project *p = model_project_get_new(r->db, err);
	if (!p)
		return JAW_FAIL;
	FILE *out = r->out;
	fputs("# Aim and questions\n\n## Aim\n\n", out);
	if (strspn(p->aim, " \t\r\n") < strlen(p->aim)) {
		md_block(out, p->aim, "");
		fputc('\n', out);
	} else {
		report_todo(out, "the aim of the study");
	}
	if (*p->sponsor || *p->start_date || *p->end_date) {
		fputs("**Sponsor:** ", out);
		md_inline(out, *p->sponsor ? p->sponsor : "not recorded");
		fputs("\\\n**Period:** ", out);
		md_inline(out, *p->start_date ? p->start_date : "not recorded");
		fputs(" to ", out);
		md_inline(out, *p->end_date ? p->end_date : "not recorded");
		fputs("\n\n", out);
	}
	fputs("## Questions\n\n", out);
	report_todo(out, "the questions the study answers (the project does not record them)");
	model_project_free(p);
	return JAW_OK;
}

/* ---- sources ----------------------------------------------------------------------- */

int report_sources_begin(struct report *r, jaw_err *err)
{
	static const char sql[] = "SELECT count(*), min(source_date), max(source_date) FROM source";
	FILE *out = r->out;
	sqlite3_stmt *s = report_one_row(r, sql, 0, err);
	if (!s)
		return JAW_FAIL;
	int64_t n = sqlite3_column_int64(s, 0);
	if (n > 0) {
		fputs("The evidence is ", out);
		report_count(out, n, "source", "sources");
		const char *first = (const char *)sqlite3_column_text(s, 1);
		const char *last = (const char *)sqlite3_column_text(s, 2);
		if (first && strcmp(first, last) == 0) {
			fputs(", dated ", out);
			md_inline(out, first);
		} else if (first) {
			fputs(", dated from ", out);
			md_inline(out, first);
			fputs(" to ", out);
			md_inline(out, last);
		}
		fputs(" (each open answer to a survey question is a source):\n\n", out);
	}
	sqlite3_reset(s);
	return JAW_OK;
}

static void report_source_row(struct report *r, sqlite3_stmt *s)
{
	fputc('|', r->out);
	report_cell(r, report_kind_words((const char *)sqlite3_column_text(s, 0)));
	report_cell_int(r, s, 1);
	report_cell_int(r, s, 2);
	report_cell_int(r, s, 3);
	fputc('\n', r->out);
}

enum export_step report_sources_rows(struct report *r, jaw_err *err)
{
	static const char sql[] =
		"SELECT s.kind, count(DISTINCT s.id), count(DISTINCT k.source_id), count(k.id)"
		" FROM source s LEFT JOIN coding k ON k.source_id = s.id GROUP BY s.kind"
		" ORDER BY CASE s.kind WHEN 'interview' THEN 0 WHEN 'observation' THEN 1"
		" WHEN 'document' THEN 2 ELSE 3 END, s.kind";
	return report_query_rows(r, sql, report_source_row, err);
}

/* ---- interviews by organisation ------------------------------------------------------ */

static void report_interview_row(struct report *r, sqlite3_stmt *s)
{
	static const char *const groups[] = {NULL, "No organisation recorded",
	                                     "No stakeholder recorded", "Not named (attribution)"};
	int group = sqlite3_column_int(s, 0);
	fputc('|', r->out);
	if (group == 0)
		report_cell(r, (const char *)sqlite3_column_text(s, 1));
	else
		fprintf(r->out, " *%s* |", groups[group]);
	report_cell_int(r, s, 2);
	report_cell_int(r, s, 3);
	fputc('\n', r->out);
}

enum export_step report_interviews_rows(struct report *r, jaw_err *err)
{
	/* group 0: a named organisation; 1: a named person without one; 2: no
	 * stakeholder; 3: not named (the interview's attribution is not named,
	 * or its organisation's) */
	static const char sql[] =
		"SELECT grp, CASE grp WHEN 0 THEN name END, count(*), count(DISTINCT person) FROM ("
		"SELECT CASE WHEN st.id IS NULL THEN 2"
		" WHEN jaw_attrib(2, " ATTRIB_ARGS("s", "st", "org", "r", "sv") ") <> 'named' THEN 3"
		" WHEN o.id IS NULL THEN 1"
		" WHEN " ATTRIB_STAKEHOLDER_SQL("2", "o", "oo") " <> 'named' THEN 3"
		" ELSE 0 END AS grp, o.id AS org_id, o.name AS name, st.id AS person"
		" FROM source s" ATTRIB_JOINS("s", "st", "org", "r", "sv")
		" LEFT JOIN stakeholder o ON o.id = CASE st.kind WHEN 'organisation' THEN st.id"
		" ELSE st.parent_id END"
		" LEFT JOIN stakeholder oo ON oo.id = o.parent_id AND o.kind = 'person'"
		" WHERE s.kind = 'interview')"
		" GROUP BY grp, CASE grp WHEN 0 THEN org_id END"
		" ORDER BY grp, count(*) DESC, name";
	return report_query_rows(r, sql, report_interview_row, err);
}

/* ---- surveys ------------------------------------------------------------------------------ */

/* The size of survey id: respondents, questions and open answers. */
static int report_survey_size(struct report *r, int64_t id, jaw_err *err)
{
	static const char sql[] =
		"SELECT (SELECT count(*) FROM respondent WHERE survey_id = ?1),"
		" (SELECT count(*) FROM survey_column WHERE survey_id = ?1 AND role = 'likert'),"
		" (SELECT count(*) FROM survey_column WHERE survey_id = ?1 AND role = 'open_text'),"
		" (SELECT count(*) FROM source x JOIN respondent p ON p.id = x.respondent_id"
		" WHERE p.survey_id = ?1)";
	sqlite3_stmt *s = report_one_row(r, sql, id, err);
	if (!s)
		return JAW_FAIL;
	FILE *out = r->out;
	report_count(out, sqlite3_column_int64(s, 0), "respondent", "respondents");
	fputs("; ", out);
	report_count(out, sqlite3_column_int64(s, 1), "closed (Likert) question",
	             "closed (Likert) questions");
	fputs("; ", out);
	report_count(out, sqlite3_column_int64(s, 2), "open question", "open questions");
	fputs(", with ", out);
	report_count(out, sqlite3_column_int64(s, 3), "answer", "answers");
	fputs(".\n\n", out);
	sqlite3_reset(s);
	return JAW_OK;
}

/* The respondents of column (an attribute at position, of survey id) by
 * its values: a table of value, respondents and percentage, the
 * respondents without one last. */
static int report_attribute(struct report *r, int64_t id, int64_t position, const char *label,
                            jaw_err *err)
{
	static const char sql[] =
		"SELECT v, n, 100.0 * n / (SELECT count(*) FROM respondent WHERE survey_id = ?1) FROM"
		" (SELECT v, count(*) AS n FROM (SELECT json_extract(answers, '$[' || (?2 - 1) || ']')"
		" AS v FROM respondent WHERE survey_id = ?1) GROUP BY v)"
		" ORDER BY v IS NULL, typeof(v) = 'text', CASE typeof(v) WHEN 'text' THEN -n END, v";
	sqlite3_stmt *s = db_stmt(r->db, sql, err);
	if (!s)
		return JAW_FAIL;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, position);
	FILE *out = r->out;
	fputs("| ", out);
	md_inline(out, label);
	fputs(" | Respondents | % |\n|:------------|----:|----:|\n", out);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		fputc('|', out);
		if (sqlite3_column_type(s, 0) == SQLITE_NULL)
			fputs(" *no answer* |", out);
		else
			report_cell(r, (const char *)sqlite3_column_text(s, 0));
		fprintf(out, " %lld | %.1f |\n", (long long)sqlite3_column_int64(s, 1),
		        sqlite3_column_double(s, 2));
	}
	sqlite3_reset(s);
	fputc('\n', out);
	return rc == SQLITE_DONE ? JAW_OK : err_db(err, db_sqlite(r->db), sql);
}

/* The respondent profile of survey id: each attribute by its values. */
static int report_profile(struct report *r, int64_t id, jaw_err *err)
{
	struct survey_column_info page[REPORT_PAGE];
	bool any = false;
	for (int64_t offset = 0;; offset += REPORT_PAGE) {
		int n = model_survey_column_page(r->db, id, offset, REPORT_PAGE, page, err);
		if (n < 0)
			return JAW_FAIL;
		int rc = JAW_OK;
		for (int i = 0; i < n; i++) {
			if (rc == JAW_OK && strcmp(page[i].role, "attribute") == 0) {
				if (!any)
					fputs("Respondent profile:\n\n", r->out);
				any = true;
				rc = report_attribute(r, id, page[i].position, page[i].label, err);
			}
			model_survey_column_clear(&page[i]);
		}
		if (rc != JAW_OK)
			return rc;
		if (n < REPORT_PAGE)
			break;
	}
	if (!any)
		fputs("The survey has no respondent attributes.\n\n", r->out);
	return JAW_OK;
}

enum export_step report_surveys_rows(struct report *r, jaw_err *err)
{
	struct survey sv;
	int n = model_survey_page(r->db, r->offset, 1, &sv, err);
	if (n <= 0)
		return n == 0 ? EXPORT_DONE : EXPORT_FAILED;
	fputs("### ", r->out);
	md_inline(r->out, sv.name);
	fputs("\n\n", r->out);
	int rc = report_survey_size(r, sv.id, err);
	if (rc == JAW_OK)
		rc = report_profile(r, sv.id, err);
	model_survey_clear(&sv);
	r->offset++;
	r->written++;
	return rc == JAW_OK ? EXPORT_MORE : EXPORT_FAILED;
}

/* ---- coders and agreement ------------------------------------------------------------------ */

static void report_coder_row(struct report *r, sqlite3_stmt *s)
{
	fputc('|', r->out);
	report_cell(r, (const char *)sqlite3_column_text(s, 0));
	report_cell_int(r, s, 1);
	report_cell_int(r, s, 2);
	fputc('\n', r->out);
}

enum export_step report_coders_rows(struct report *r, jaw_err *err)
{
	static const char sql[] = "SELECT coder, count(*), count(DISTINCT source_id) FROM coding"
	                          " GROUP BY coder ORDER BY coder";
	return report_query_rows(r, sql, report_coder_row, err);
}

/* The pooled agreement of the two coders of the query's row. */
static int report_pair(struct report *r, sqlite3_stmt *s, jaw_err *err)
{
	const char *coders[2] = {(const char *)sqlite3_column_text(s, 0),
	                         (const char *)sqlite3_column_text(s, 1)};
	struct analysis_agreement_row *rows;
	int n;
	if (analysis_agreement_new(r->db, coders, 2, &rows, &n, err) != JAW_OK)
		return JAW_FAIL;
	const struct analysis_agreement_row *all = &rows[n - 1];
	FILE *out = r->out;
	report_row(r);
	fputs("| ", out);
	md_inline(out, coders[0]);
	fputs(" and ", out);
	md_inline(out, coders[1]);
	fprintf(out, " | %lld | %.1f %% | %.3f | %.3f |\n", (long long)sqlite3_column_int64(s, 2),
	        all->agreement, all->kappa, all->alpha);
	analysis_agreement_free(rows, n);
	return JAW_OK;
}

enum export_step report_agreement_rows(struct report *r, jaw_err *err)
{
	static const char sql[] =
		"WITH cs AS (SELECT DISTINCT coder, source_id FROM coding)"
		" SELECT a.coder, b.coder, count(*) FROM cs a JOIN cs b"
		" ON b.source_id = a.source_id AND b.coder > a.coder"
		" GROUP BY a.coder, b.coder ORDER BY a.coder, b.coder";
	int rc = report_step(r, sql, NULL, NULL, err);
	if (rc <= 0)
		return rc == 0 ? EXPORT_DONE : EXPORT_FAILED;
	r->offset++;
	return report_pair(r, r->stmt, err) == JAW_OK ? EXPORT_MORE : EXPORT_FAILED;
}
