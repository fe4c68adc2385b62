/* project_schema.c - the schema of a jaw project file. */
#include "config.h"

#include <stddef.h>

#include "analysis.h"
#include "attrib.h"
#include "activity.h"
#include "coding.h"
#include "finding.h"
#include "fold.h"
#include "project_schema.h"
#include "search.h"
#include "survey_fts.h"

/* One script per version: migrations[v - 1] takes a file from version
 * v - 1 to v. A new file runs them all. */
static const struct db_migration project_migrations[] = {
	{1, "schema/001-core.sql", NULL},
	{2, "schema/002-journal.sql", NULL},
	/* each survey's answers get a full-text index of their own */
	{3, "schema/003-answers.sql", survey_fts_create_missing},
	/* each change knows where it was made, for undo in that view */
	{4, "schema/004-undo-context.sql", NULL},
	/* a GUID per code */
	{5, "schema/005-code-guid.sql", NULL},
	/* findings in the lessons process, citations with snapshots, attribution */
	{6, "schema/006-findings.sql", NULL},
	/* who holds the project for a long change (an import) */
	{7, "schema/007-activity.sql", NULL},
	/* the analysis tables' counts kept counted (coding_tally) */
	{8, "schema/008-analysis-index.sql", NULL},
	/* citations' state kept, notes' short columns indexed (the lists' moves) */
	{9, "schema/009-navigation.sql", NULL},
	/* a crosstab by a survey attribute's counts kept counted (coding_answer_tally) */
	{10, "schema/010-answer-tally.sql", NULL},
	/* its respondents too, kept from coding_tally's changes */
	{11, "schema/011-answer-respondents.sql", NULL},
};

_Static_assert(sizeof project_migrations / sizeof *project_migrations == PROJECT_SCHEMA_VERSION,
               "one migration per schema version");

/* Every full-text index matches what it indexes. */
static int project_check_fulltext(struct jaw_db *db, db_report_fn report, void *ctx,
                                  jaw_err *err)
{
	int n = db_check_fts5(db, "source_fts", report, ctx);
	int surveys = survey_fts_check(db, report, ctx, err);
	return surveys < 0 ? -1 : n + surveys;
}

static const struct db_check_hook project_checks[] = {
	{"coding offsets", false, coding_check_offsets},
	{"finding areas", false, finding_check_areas},
	{"citation states", false, finding_check_citations},
	{"analysis counts", false, analysis_tally_check},
	{"survey attribute counts", false, analysis_answer_tally_check},
	{"full-text indexes", true, project_check_fulltext},
};

/* fold(X) for names and filters, jaw_has(text, hay, ...) for searches,
 * jaw_attrib(...) for provenance as attribution allows. */
static int project_functions(sqlite3 *sqlite, jaw_err *err)
{
	if (fold_register(sqlite, err) != JAW_OK || attrib_register(sqlite, err) != JAW_OK)
		return JAW_FAIL;
	return search_register(sqlite, err);
}

const struct db_schema project_schema = {
	project_migrations, sizeof project_migrations / sizeof *project_migrations,
	project_checks, sizeof project_checks / sizeof *project_checks,
	project_functions,
	activity_holder,
};
