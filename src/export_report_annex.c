/* export_report_annex.c - the report's annexes: the codebook with its
 * definitions and frequencies, the timeline, and the stakeholder register
 * as attribution allows (the named by name, the others by role only or
 * counted, never listed where their organisation would show). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "attrib.h"
#include "export_report_int.h"
#include "markdown.h"
#include "model.h"
#include "xalloc.h"

/* ---- the codebook ------------------------------------------------------------------ */

/* Writes code id's description as a table cell. */
static int report_definition(struct report *r, int64_t id, jaw_err *err)
{
	static const char sql[] = "SELECT description FROM code WHERE id = ?1";
	sqlite3_stmt *s = db_stmt(r->db, sql, err);
	if (!s)
		return JAW_FAIL;
	sqlite3_bind_int64(s, 1, id);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		report_cell(r, rc == SQLITE_ROW ? (const char *)sqlite3_column_text(s, 0) : "");
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? JAW_OK : err_db(err, db_sqlite(r->db), sql);
}

static int report_code_row(struct report *r, const struct analysis_code_row *c, jaw_err *err)
{
	report_row(r);
	fputc('|', r->out);
	report_cell(r, c->path);
	if (report_definition(r, c->id, err) != JAW_OK)
		return JAW_FAIL;
	fprintf(r->out, " %lld | %lld |", (long long)c->own.segments, (long long)c->own.sources);
	if (c->children > 0)
		fprintf(r->out, " %lld | %lld |\n", (long long)c->all.segments,
		        (long long)c->all.sources);
	else
		fputs("  |  |\n", r->out);
	return JAW_OK;
}

enum export_step report_codebook_rows(struct report *r, jaw_err *err)
{
	struct analysis_code_row page[REPORT_PAGE];
	int n = analysis_codes_page(r->db, r->offset, REPORT_PAGE, page, err);
	if (n < 0)
		return EXPORT_FAILED;
	int rc = JAW_OK;
	for (int i = 0; i < n; i++) {
		if (rc == JAW_OK)
			rc = report_code_row(r, &page[i], err);
		analysis_code_row_clear(&page[i]);
	}
	r->offset += n;
	if (rc != JAW_OK)
		return EXPORT_FAILED;
	return n < REPORT_PAGE ? EXPORT_DONE : EXPORT_MORE;
}

/* ---- the timeline ------------------------------------------------------------------------ */

enum export_step report_timeline_rows(struct report *r, jaw_err *err)
{
	struct timeline_item page[REPORT_PAGE];
	int n = model_timeline_page(r->db, r->offset, REPORT_PAGE, page, err);
	if (n < 0)
		return EXPORT_FAILED;
	for (int i = 0; i < n; i++) {
		struct timeline_item *t = &page[i];
		report_row(r);
		fputc('|', r->out);
		report_cell(r, t->kind);
		report_cell(r, t->title);
		report_cell(r, t->start_date);
		report_cell(r, t->end_date);
		report_cell(r, t->location);
		report_cell(r, t->status);
		fprintf(r->out, " %d |\n", t->sources);
		model_timeline_item_clear(t);
	}
	r->offset += n;
	return n < REPORT_PAGE ? EXPORT_DONE : EXPORT_MORE;
}

/* ---- the stakeholder register ------------------------------------------------------------- */

/* SQL: every stakeholder s with the attribution that applies (attribution),
 * its label as attribution allows (label) and its number of sources. */
#define REPORT_STAKEHOLDERS                                                                  \
	"SELECT s.*, " ATTRIB_STAKEHOLDER_SQL("2", "s", "org") " AS attribution_is,"            \
	" " ATTRIB_STAKEHOLDER_SQL("0", "s", "org") " AS label,"                                \
	" (SELECT count(*) FROM source x WHERE x.stakeholder_id = s.id) AS sources"            \
	" FROM stakeholder s LEFT JOIN stakeholder org ON org.id = s.parent_id"                  \
	" AND s.kind = 'person'"

/* SQL: who of REPORT_STAKEHOLDERS is given by role only (a role to give). */
#define REPORT_BY_ROLE " attribution_is = 'role' AND role <> ''"

/* Power, interest, attitude and sources of the row's columns from i. */
static void report_standing(struct report *r, sqlite3_stmt *s, int i)
{
	report_cell_int(r, s, i);
	report_cell_int(r, s, i + 1);
	report_cell(r, (const char *)sqlite3_column_text(s, i + 2));
	report_cell_int(r, s, i + 3);
	fputc('\n', r->out);
}

static void report_named_row(struct report *r, sqlite3_stmt *s)
{
	fputc('|', r->out);
	for (int i = 0; i < 4; i++)
		report_cell(r, (const char *)sqlite3_column_text(s, i));
	report_standing(r, s, 4);
}

enum export_step report_register_rows(struct report *r, jaw_err *err)
{
	/* the organisation only when it may be named itself */
	static const char sql[] =
		"WITH x AS (" REPORT_STAKEHOLDERS ")"
		" SELECT x.name, x.kind, CASE WHEN p.attribution_is = 'named' THEN p.name ELSE '' END,"
		" x.role, x.power, x.interest, x.attitude, x.sources"
		" FROM x LEFT JOIN x p ON p.id = x.parent_id WHERE x.attribution_is = 'named'"
		" ORDER BY x.sort_key IS NULL, x.sort_key, x.id";
	return report_query_rows(r, sql, report_named_row, err);
}

static void report_by_role_row(struct report *r, sqlite3_stmt *s)
{
	fputc('|', r->out);
	report_cell(r, (const char *)sqlite3_column_text(s, 0));
	report_cell(r, (const char *)sqlite3_column_text(s, 1));
	report_standing(r, s, 2);
}

enum export_step report_by_role_rows(struct report *r, jaw_err *err)
{
	static const char sql[] =
		"WITH x AS (" REPORT_STAKEHOLDERS ")"
		" SELECT label, kind, power, interest, attitude, sources FROM x WHERE" REPORT_BY_ROLE
		" ORDER BY label, id";
	return report_query_rows(r, sql, report_by_role_row, err);
}

int report_not_named_begin(struct report *r, jaw_err *err)
{
	static const char sql[] =
		"WITH x AS (" REPORT_STAKEHOLDERS ")"
		" SELECT coalesce(sum(kind = 'person'), 0), coalesce(sum(kind = 'organisation'), 0),"
		" coalesce(sum(sources), 0) FROM x"
		" WHERE attribution_is <> 'named' AND NOT (" REPORT_BY_ROLE ")";
	sqlite3_stmt *s = report_one_row(r, sql, 0, err);
	if (!s)
		return JAW_FAIL;
	int64_t people = sqlite3_column_int64(s, 0), orgs = sqlite3_column_int64(s, 1);
	FILE *out = r->out;
	if (people + orgs == 0) {
		fputs("Every stakeholder in the register may be named or given by role.\n\n", out);
	} else {
		report_count(out, people, "person", "people");
		fputs(" and ", out);
		report_count(out, orgs, "organisation", "organisations");
		fputs(" in the register may not be named; ", out);
		report_count(out, sqlite3_column_int64(s, 2), "source comes", "sources come");
		fputs(" from them.\n\n", out);
	}
	sqlite3_reset(s);
	return JAW_OK;
}
