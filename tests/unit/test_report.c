/* test_report.c - the Joint Analysis Report (jaw export report): the
 * demo's report holds every finding, quote and annex and names no one
 * attribution hides; an empty project says what is missing; attribution
 * of interviews and of the register; changed and lost citations; parts
 * read a page at a time; a project that fails halfway leaves the file it
 * would replace as it was. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "markdown.h"
#include "testutil.h"
#include "xalloc.h"

/* The report of db as a new string. */
static char *report_new(struct jaw_db *db)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	assert_non_null(out);
	jaw_err err;
	err_clear(&err);
	int rc = export_run(&exporter_report, db, out, NULL, &err);
	fclose(out);
	if (rc != JAW_OK)
		fail_msg("export report: %s", err.msg);
	return buf;
}

static void has(const char *report, const char *text)
{
	if (!strstr(report, text))
		fail_msg("the report lacks \"%s\"", text);
}

static void lacks(const char *report, const char *text)
{
	const char *at = strstr(report, text);
	if (at)
		fail_msg("the report has \"%s\": ...%.80s", text, at);
}

/* The line "line" is in report, whole. */
static void has_line(const char *report, const char *line)
{
	size_t n = strlen(line);
	for (const char *p = report; (p = strstr(p, line)) != NULL; p++)
		if ((p == report || p[-1] == '\n') && (p[n] == '\n' || p[n] == '\0'))
			return;
	fail_msg("the report has no line \"%s\"", line);
}

static void exec(struct jaw_db *db, const char *sql)
{
	jaw_err err;
	err_clear(&err);
	if (db_exec(db, sql, &err) != JAW_OK)
		fail_msg("%s", err.msg);
}

/* Each row's first column of sql, one after the other, as fn(report, text). */
static void each_text(struct jaw_db *db, const char *sql, const char *report,
                      void (*fn)(const char *, const char *))
{
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(db_sqlite(db), sql, -1, &s, NULL), SQLITE_OK);
	int n = 0;
	while (sqlite3_step(s) == SQLITE_ROW) {
		fn(report, (const char *)sqlite3_column_text(s, 0));
		n++;
	}
	sqlite3_finalize(s);
	assert_true(n > 0);
}

/* The quote as the report writes it, a block quote. */
static void has_quote(const char *report, const char *quote)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	md_block(out, quote, "> ");
	fclose(out);
	has(report, buf);
	free(buf);
}

static void test_demo(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_demo_new(NULL);
	char *r = report_new(db);
	assert_true(strncmp(r, "---\ntitle: 'Human Security at the Tactical Level'\n", 50) == 0);
	has(r, "\nmarking: 'UNCLASSIFIED – DEMO DATA – FOR TRAINING ONLY'\n");
	has(r, "\\fancypagestyle{plain}");
	const char *const headings[] = {
		"# Aim and questions", "## Aim", "## Questions", "# Method", "## Sources",
		"## Interviews by organisation", "## Surveys", "## Coders and agreement", "# Findings",
		"# Annex A: Codebook", "# Annex B: Timeline", "# Annex C: Stakeholder register",
		"## Named", "## By role only", "## Not named",
	};
	for (size_t i = 0; i < sizeof headings / sizeof headings[0]; i++)
		has_line(r, headings[i]);
	/* every finding in order, every quote */
	has_line(r, "## Finding 1: Children held by units wait days for a handover");
	has_line(r, "## Finding 2: Protection information stops at the patrol report");
	has_line(r, "## Finding 3: Gender focal points and female interpreters are too few");
	each_text(db, "SELECT quote FROM finding_evidence", r, has_quote);
	has_line(r, "> — an interviewee (interview, 2026-11-05)");
	/* no one attribution hides, by name */
	each_text(db, "SELECT name FROM stakeholder WHERE coalesce(attribution, CASE kind WHEN"
	              " 'organisation' THEN 'named' ELSE 'anonymous' END) <> 'named'", r, lacks);
	has_line(r, "| a legal adviser (LEGAD) | person | 3 | 4 | supportive | 1 |");
	/* agreement of the demo's two coders, who coded the same interviews */
	has(r, "\n| amira and tomas | 7 | ");
	lacks(r, "No two coders");
	/* the codebook's roll-up only on codes with codes below */
	has_line(r, "| Cross-cutting/Training | Apply to pre-deployment training, courses, exercises,"
	            " training standards and whether lessons from training lead to change. | 3 | 3"
	            " |  |  |");
	free(r);
	db_close(db);
}

static void test_empty(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	exec(db, "INSERT INTO project (id, title) VALUES (1, '')");
	char *r = report_new(db);
	has(r, "title: '\\[The title, to be written by the analysts\\]'\n");
	lacks(r, "marking");
	lacks(r, "header-includes");
	has(r, "**\\[To be written by the analysts: the aim of the study\\]**");
	has(r, "**\\[To be written by the analysts: the questions");
	const char *const nones[] = {
		"No evidence has been gathered yet.", "No interviews are recorded.",
		"No survey results have been imported.", "No evidence has been coded yet.",
		"No two coders coded the same source, so their agreement cannot be measured.",
		"No findings have been written yet.", "The codebook is empty.",
		"The timeline is empty.", "No stakeholder may be named.",
		"No stakeholder is given by role only.",
		"Every stakeholder in the register may be named or given by role.",
	};
	for (size_t i = 0; i < sizeof nones / sizeof nones[0]; i++)
		has_line(r, nones[i]);
	lacks(r, "| Kind |");
	free(r);
	db_close(db);
}

/* A brigade (named) with Pat (named), Rae (by role) and Sam (by role,
 * with no role to give); a network that may not be named with Quinn
 * (named). */
static const char attribution_sql[] =
	"INSERT INTO project (id, title) VALUES (1, 'Attribution');"
	"INSERT INTO stakeholder (id, kind, name, parent_id, role, attribution) VALUES"
	" (1, 'organisation', 'First Brigade', NULL, '', NULL),"
	" (2, 'organisation', 'Hidden Network', NULL, '', 'anonymous'),"
	" (3, 'person', 'Pat Named', 1, 'Operations officer', 'named'),"
	" (4, 'person', 'Quinn Named', 2, 'Programme manager', 'named'),"
	" (5, 'person', 'Rae Roleonly', 1, 'Brigade legal adviser', 'role'),"
	" (6, 'person', 'Sam Norole', 1, '', 'role'),"
	" (7, 'person', 'Val Named', 2, '', 'named');"
	"INSERT INTO source (id, kind, title, text, source_date, stakeholder_id, attribution) VALUES"
	" (1, 'interview', 'Pat 1', 'one', '2026-01-01', 3, NULL),"
	" (2, 'interview', 'Pat 2', 'two', '2026-01-02', 3, 'anonymous'),"
	" (3, 'interview', 'Quinn', 'three', '2026-01-03', 4, NULL),"
	" (4, 'interview', 'Rae', 'four', '2026-01-04', 5, NULL),"
	" (5, 'interview', 'Sam', 'five', '2026-01-05', 6, NULL),"
	" (6, 'interview', 'Nobody', 'six', '2026-01-06', NULL, NULL),"
	" (7, 'document', 'Paper', 'seven', NULL, 1, NULL),"
	" (8, 'observation', 'Val', 'eight', NULL, 7, NULL);";

static void test_attribution(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	exec(db, attribution_sql);
	char *r = report_new(db);
	has_line(r, "| First Brigade | 1 | 1 |");
	has_line(r, "| *Not named (attribution)* | 4 | 4 |");
	has_line(r, "| *No stakeholder recorded* | 1 | 0 |");
	/* the register: Quinn named, the network not */
	has_line(r, "| Pat Named | person | First Brigade | Operations officer |  |  | unknown | 2 |");
	has_line(r, "| Quinn Named | person |  | Programme manager |  |  | unknown | 1 |");
	has_line(r, "| Val Named | person |  |  |  |  | unknown | 1 |");
	has_line(r, "| a brigade legal adviser | person |  |  | unknown | 1 |");
	has_line(r, "1 person and 1 organisation in the register may not be named; 1 source comes"
	            " from them.");
	lacks(r, "Hidden Network");
	lacks(r, "Rae Roleonly");
	lacks(r, "Sam Norole");
	has_line(r, "| interview | 6 | 0 | 0 |");
	has_line(r, "| document | 1 | 0 | 0 |");
	free(r);
	db_close(db);
}

static void test_citations(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	exec(db, attribution_sql);
	exec(db, "INSERT INTO code (id, name, description) VALUES (1, 'Training', 'Cells | *x*');"
	         "INSERT INTO coding (id, source_id, start_cp, end_cp, code_id, coder) VALUES"
	         " (1, 1, 0, 3, 1, 'ana'), (2, 3, 0, 5, 1, 'ana'), (3, 3, 0, 5, 1, 'bo');"
	         "INSERT INTO finding (id, title, observation, status, owner, action_body, position)"
	         " VALUES (1, '*Bold* | # claim', 'We saw:\n- a\n- b\n\n> so', 'assigned', 'ana',"
	         " 'G3', 1);"
	         "INSERT INTO finding_area (finding_id, code_id) VALUES (1, 1);"
	         "INSERT INTO finding_evidence (finding_id, coding_id, note) VALUES (1, 1, 'key');"
	         "INSERT INTO finding_evidence (finding_id, source_id, start_cp, end_cp, quote,"
	         " cited_source, source_kind) VALUES (1, 4, 0, 4, 'four', 4, 'interview'),"
	         " (1, 5, 0, 4, 'five', 5, 'interview');"
	         "INSERT INTO finding_evidence (finding_id, source_id) VALUES (1, 8);"
	         "UPDATE source SET text = 'FOUR' WHERE id = 4;"
	         "DELETE FROM source WHERE id = 5;");
	char *r = report_new(db);
	has_line(r, "## Finding 1: \\*Bold\\* \\| \\# claim");
	has(r, "**Status:** action assigned\\\n**Owner:** ana\\\n**Areas:** Training\\\n"
	       "**Action body:** G3\n");
	has(r, "### Observation\n\nWe saw:\\\n\\- a\\\n\\- b\n\n\\> so\n");
	has(r, "**\\[To be written by the analysts: the discussion\\]**");
	has(r, "**\\[To be written by the analysts: the recommendation\\]**");
	has(r, "**Evidence strength:** 4 citations from 3 sources, 2 organisations, 3 stakeholders"
	       " and no survey respondent; 1 citation changed and 1 citation lost since cited.\n");
	has(r, "> one\n>\n> — Pat Named, Operations officer (interview, 2026-01-01); coded Training\n"
	       ">\n> **Note:** key\n");
	has(r, "> four\n>\n> — a brigade legal adviser (interview, 2026-01-04)\n>\n"
	       "> **Changed since cited:**");
	has(r, "> five\n>\n> — a deleted source (interview)\n>\n> **Lost since cited:** the source"
	       " cited was deleted");
	/* a named person of an organisation that may not be named: the name alone */
	has(r, "> eight\n>\n> — Val Named (observation)\n");
	lacks(r, "Hidden Network");
	has_line(r, "| Training | Cells \\| \\*x\\* | 3 | 2 |  |  |");
	/* Quinn's interview was coded by both */
	has_line(r, "| ana | 2 | 2 |");
	has_line(r, "| bo | 1 | 1 |");
	has_line(r, "| ana and bo | 1 | 100.0 % | 1.000 | 1.000 |");
	free(r);
	db_close(db);
}

/* More records than a page in each part that pages. */
static void test_paging(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	exec(db, "INSERT INTO project (id, title) VALUES (1, 'Pages');"
	         "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 70)"
	         " INSERT INTO timeline_item (kind, title, start_date)"
	         " SELECT 'event', 'Event ' || i, printf('2026-01-%02d', 1 + i % 28) FROM n;"
	         "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 70)"
	         " INSERT INTO code (name, position) SELECT printf('Code %02d', i), i FROM n;"
	         "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 70)"
	         " INSERT INTO stakeholder (kind, name, attribution)"
	         " SELECT 'organisation', printf('Org %02d', i), 'named' FROM n;"
	         "INSERT INTO source (id, kind, title, text) VALUES (1, 'document', 'D', 'text');"
	         "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 70)"
	         " INSERT INTO finding (title, position) SELECT 'Finding ' || i, i FROM n;"
	         "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 70)"
	         " INSERT INTO finding_evidence (finding_id, source_id, start_cp, end_cp, quote,"
	         " cited_source, position) SELECT 1, 1, 0, 4, 'Quote ' || i, 1, i FROM n;");
	char *r = report_new(db);
	char line[64];
	for (int i = 1; i <= 70; i++) {
		snprintf(line, sizeof line, "## Finding %d: Finding %d", i, i);
		has_line(r, line);
		snprintf(line, sizeof line, "> Quote %d", i);
		has_line(r, line);
		snprintf(line, sizeof line, " | Event %d | ", i);
		has(r, line);
		snprintf(line, sizeof line, "| Code %02d |  | 0 | 0 |  |  |", i);
		has_line(r, line);
		snprintf(line, sizeof line, "| Org %02d | organisation |", i);
		has(r, line);
	}
	/* in order: the last quote after the first, the last code after the first */
	assert_true(strstr(r, "> Quote 70\n") > strstr(r, "> Quote 1\n"));
	assert_true(strstr(r, "| Code 70 |") > strstr(r, "| Code 01 |"));
	free(r);
	db_close(db);
}

/* A project broken in one table: the report fails naming it, and the file
 * it would have replaced is as it was. */
static void test_broken(void **state)
{
	(void)state;
	const char *const tables[] = {"project", "source", "survey", "coding", "finding",
	                              "finding_evidence", "code", "timeline_item", "stakeholder"};
	char *path = testutil_path_new("report.md");
	testutil_write_file(path, "old\n", 4);
	for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
		struct jaw_db *db = testutil_demo_new(NULL);
		char sql[128];
		snprintf(sql, sizeof sql, "ALTER TABLE %s RENAME TO gone", tables[i]);
		exec(db, sql);
		jaw_err err;
		err_clear(&err);
		assert_int_equal(export_to_path(&exporter_report, db, path, NULL, &err), JAW_FAIL);
		snprintf(sql, sizeof sql, "no such table: %s", tables[i]);
		if (!strstr(err.msg, sql) && !strstr(err.msg, "no such table: main."))
			fail_msg("%s: %s", tables[i], err.msg);
		FILE *f = fopen(path, "r");
		char buf[8] = "";
		assert_non_null(fgets(buf, sizeof buf, f));
		fclose(f);
		assert_string_equal(buf, "old\n");
		db_close(db);
	}
	free(path);
}

int main(void)
{
	testutil_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_demo),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_attribution),
		cmocka_unit_test(test_citations),
		cmocka_unit_test(test_paging),
		cmocka_unit_test(test_broken),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
