/* genproject.c - fills the full-scale benchmark project (make bench-scale,
 * bench/scale.sh). The survey is already in it, imported by the real
 * `jaw import-csv`; this adds, deterministically and in one transaction,
 * 100 stakeholders (20 organisations, 80 people), 100 timeline items,
 * 200 codes in a tree (9 with quick keys), 500 interview notes from 2 KB to
 * 1 MB, 1,000,000 codings by three coders (90% on survey answers, 10% on
 * the notes, one code in ten on "Code 1", the largest), 200 findings in
 * the lessons process with their areas, citing 5,000 coded segments (with
 * the snapshots schema 6 keeps); then ANALYZE. It also writes FLAT, the
 * crosstab peer's input: one row per coding of a survey answer with its
 * code's name, coder, source and the respondent's Nation, flat.
 *
 * usage: genproject PROJECT FLAT [CODINGS]
 *
 * GENPROJECT_VERSION names what this writes: bench/scale.sh keeps the
 * project it made between runs while the version (and jaw's schema
 * version) stay the same. Change it whenever the output changes. */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchutil.h"
#include "db.h"
#include "model.h"
#include "project_schema.h"
#include "xalloc.h"

#define GENPROJECT_VERSION "2"

enum { GEN_NOTES = 500, GEN_NOTE_MIN = 2000, GEN_NOTE_MAX = 1000000 };

static void gen_fail(const char *what, const jaw_err *err)
{
	bench_fatal("genproject", what, err);
}

#define GEN_SERIES(n) \
	" FROM (WITH RECURSIVE g(value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM g" \
	" WHERE value < " n ") SELECT value FROM g)"

/* 20 organisations (ids 1-20), 80 people (21-100) in them; 10 phases, 20
 * milestones and 70 events over 2026. */
static const char gen_register_sql[] =
	"INSERT INTO stakeholder (id, kind, name, role, power, interest) SELECT value,"
	" 'organisation', 'Organisation ' || value, CASE value % 4 WHEN 0 THEN 'UN agency'"
	" WHEN 1 THEN 'headquarters' WHEN 2 THEN 'command' ELSE 'force structure unit' END,"
	" 1 + value % 5, 1 + value * 3 % 5" GEN_SERIES("20") ";"
	"INSERT INTO stakeholder (id, kind, name, parent_id, role, power, interest, attitude)"
	" SELECT 20 + value, 'person', 'Person ' || value, 1 + value % 20, CASE value % 3"
	" WHEN 0 THEN 'commander' WHEN 1 THEN 'adviser' ELSE 'liaison officer' END, 1 + value % 5,"
	" 1 + value * 7 % 5, CASE value % 4 WHEN 0 THEN 'supportive' WHEN 1 THEN 'neutral'"
	" WHEN 2 THEN 'resistant' ELSE 'unknown' END" GEN_SERIES("80") ";"
	"INSERT INTO timeline_item (id, kind, title, start_date, end_date, location, status)"
	" SELECT value, CASE WHEN value <= 10 THEN 'phase' WHEN value <= 30 THEN 'milestone'"
	" ELSE 'event' END, CASE WHEN value <= 10 THEN 'Phase ' WHEN value <= 30"
	" THEN 'Milestone ' ELSE 'Event ' END || value, date('2026-01-01', '+' || (value * 3)"
	" || ' days'), CASE WHEN value <= 10 THEN date('2026-01-01', '+' || (value * 3 + 60)"
	" || ' days') WHEN value > 30 THEN date('2026-01-01', '+' || (value * 3 + value % 4)"
	" || ' days') END, CASE WHEN value > 30 THEN 'Location ' || value % 17 ELSE '' END,"
	" CASE WHEN value < 60 THEN 'done' WHEN value < 70 THEN 'active' ELSE 'planned' END"
	GEN_SERIES("100") ";"
	/* colours, and quick keys 1-9 on Code 1 to Code 9 */
	"UPDATE code SET colour = printf('#%02x%02x%02x', id * 37 % 256, id * 91 % 256,"
	" id * 53 % 256);"
	"UPDATE code SET quick_key = id - 20 WHERE id BETWEEN 21 AND 29;";

/* The codings: ?1 of them on survey answers, ?2 on the notes; three
 * coders code each segment, the third with another code one time in six. */
static const char gen_codings_sql[] =
	"CREATE TEMP TABLE gen_answer (n INTEGER PRIMARY KEY, id INTEGER, len INTEGER);"
	"INSERT INTO gen_answer (n, id, len) SELECT row_number() OVER (ORDER BY id), id,"
	" length(text) FROM source WHERE kind = 'survey_answer';"
	"CREATE TEMP TABLE gen_note (cum INTEGER PRIMARY KEY, id INTEGER, len INTEGER);"
	"INSERT INTO gen_note (cum, id, len) SELECT sum(length(text)) OVER (ORDER BY id)"
	" - length(text), id, length(text) FROM source WHERE kind <> 'survey_answer';"
	"INSERT INTO coding (source_id, start_cp, end_cp, code_id, coder)"
	" SELECT id, st, min(len, st + 8 + seg % 30 + (c = 1) * (seg % 3)), code,"
	" CASE c WHEN 0 THEN 'amira' WHEN 1 THEN 'tomas' ELSE 'kofi' END FROM ("
	"  SELECT a.id, a.len, seg, c, (seg * 13) % max(a.len - 10, 1) AS st,"
	"  CASE WHEN seg % 10 = 0 THEN 21 WHEN c = 2 AND seg % 6 = 5 THEN 1 + (seg * 37) % 200"
	"  ELSE 1 + (seg * 31) % 200 END AS code FROM ("
	"   SELECT (value - 1) / 3 AS seg, (value - 1) % 3 AS c FROM (WITH RECURSIVE"
	"   g(value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM g WHERE value < ?1)"
	"   SELECT value FROM g))"
	"  JOIN gen_answer a ON a.n = 1 + (seg * 7919) % (SELECT count(*) FROM gen_answer))"
	" WHERE 1 ON CONFLICT DO NOTHING;"
	"INSERT INTO coding (source_id, start_cp, end_cp, code_id, coder)"
	" SELECT n.id, pos - n.cum, min(n.len, pos - n.cum + 20 + seg % 380 + (c = 1) * (seg % 3)),"
	" CASE WHEN seg % 10 = 0 THEN 21 WHEN c = 2 AND seg % 6 = 5 THEN 1 + (seg * 37) % 200"
	" ELSE 1 + (seg * 31) % 200 END,"
	" CASE c WHEN 0 THEN 'amira' WHEN 1 THEN 'tomas' ELSE 'kofi' END FROM ("
	"  SELECT seg, c, (seg * 1000003) % (SELECT sum(len) FROM gen_note) AS pos FROM ("
	"   SELECT (value - 1) / 3 AS seg, (value - 1) % 3 AS c FROM (WITH RECURSIVE"
	"   g(value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM g WHERE value < ?2)"
	"   SELECT value FROM g)))"
	" JOIN gen_note n ON n.cum = (SELECT max(cum) FROM gen_note WHERE cum <= pos)"
	" WHERE 1 ON CONFLICT DO NOTHING;"
	"DROP TABLE temp.gen_answer;"
	"DROP TABLE temp.gen_note;";

/* 200 findings in the lessons format (schema 6: the lessons process,
 * owners, and one or two areas each among the top-level codes). */
static const char gen_findings_sql[] =
	"INSERT INTO finding (id, title, observation, discussion, conclusion, recommendation,"
	" status, action_body, owner, position) SELECT value, 'Finding ' || value || ': '"
	" || CASE value % 4 WHEN 0 THEN 'reporting of harm to civilians is late'"
	" WHEN 1 THEN 'gender advisers are not in the planning cycle'"
	" WHEN 2 THEN 'child protection referrals lack a pathway'"
	" ELSE 'interpreters are trained too late' END,"
	" 'Observation ' || value || ': units reported the gap in ' || (3 + value % 40)"
	" || ' interviews and in the survey answers.',"
	" 'Discussion ' || value || ': the evidence from the seminar and the patrol reports'"
	" || ' shows the same pattern across commands.',"
	" 'Conclusion ' || value || ': the procedure exists but is not applied at the tactical'"
	" || ' level.', 'Recommendation ' || value || ': include the procedure in pre-deployment'"
	" || ' training and in the orders template.', CASE value % 5 WHEN 0 THEN 'observation'"
	" WHEN 1 THEN 'identified' WHEN 2 THEN 'assigned' WHEN 3 THEN 'learned' ELSE 'rejected'"
	" END, 'Organisation ' || (1 + value % 20), CASE value % 3 WHEN 0 THEN 'amira'"
	" WHEN 1 THEN 'tomas' ELSE 'kofi' END, value" GEN_SERIES("200") ";"
	"INSERT INTO finding_area (finding_id, code_id) SELECT value, 1 + value % 20"
	GEN_SERIES("200") ";"
	"INSERT INTO finding_area (finding_id, code_id) SELECT value, 1 + (value * 7) % 20"
	GEN_SERIES("200") " WHERE value % 2 = 0 AND (value * 7) % 20 <> value % 20;";

/* The findings' citations: 5,000 codings, 25 a finding, in schema 6's
 * finding_evidence (its trigger takes each citation's snapshot: source,
 * stretch, quote, title, kind and code path). */
static const char gen_citations_sql[] =
	"INSERT INTO finding_evidence (finding_id, coding_id, note, cited_by, position)"
	" SELECT 1 + (value - 1) % 200, 1 + (value * 7919) % (SELECT max(id) FROM coding),"
	" 'segment ' || value, CASE value % 3 WHEN 0 THEN 'amira' WHEN 1 THEN 'tomas'"
	" ELSE 'kofi' END, (value - 1) / 200" GEN_SERIES("5000") ";";

/* A note's size: from GEN_NOTE_MAX (note 1) down to GEN_NOTE_MIN (the
 * last), evenly on a log scale. */
static size_t gen_note_size(int i)
{
	double f = (double)(i - 1) / (GEN_NOTES - 1);
	return (size_t)(GEN_NOTE_MAX * pow((double)GEN_NOTE_MIN / GEN_NOTE_MAX, f));
}

static void gen_notes(struct jaw_db *db)
{
	static const char *const kinds[] = {"interview", "interview", "interview", "observation",
	                                    "document"};
	jaw_err err;
	err_clear(&err);
	for (int i = 1; i <= GEN_NOTES; i++) {
		char *text = bench_text_new(gen_note_size(i), (unsigned)i * 2654435761u);
		const char *kind = kinds[i % 5];
		if (i == 1)
			kind = "interview";
		char title[120], date[16];
		snprintf(title, sizeof title, "%s %03d with Person %d (%zu KB)",
		         strcmp(kind, "interview") == 0 ? "Interview" : strcmp(kind, "observation") == 0
		         ? "Observation" : "Document", i, 1 + i % 80, gen_note_size(i) / 1000);
		snprintf(date, sizeof date, "2026-%02d-%02d", 1 + (i * 7) % 12, 1 + (i * 11) % 28);
		struct source src = {.kind = (char *)kind, .title = title, .text = text,
		                     .source_date = date, .stakeholder_id = 21 + i % 80,
		                     .timeline_item_id = 31 + i % 70};
		if (model_source_add(db, &src, &err) != JAW_OK)
			gen_fail(title, &err);
		free(text);
	}
}

static void gen_step(struct jaw_db *db, const char *what, const char *sql, int64_t p1,
                     int64_t p2)
{
	jaw_err err;
	err_clear(&err);
	double t0 = bench_now_ms();
	if (bench_sql_run(db, sql, p1, p2, &err) != JAW_OK)
		gen_fail(what, &err);
	printf("  %-28s %7.1f s\n", what, (bench_now_ms() - t0) / 1e3);
	fflush(stdout);
}

/* The crosstab peer's input: codings of survey answers, flat. */
static void gen_flat(struct jaw_db *db, const char *flat)
{
	jaw_err err;
	err_clear(&err);
	remove(flat);
	/* ATTACH opens with the project's flags, which do not create files */
	sqlite3 *created = NULL;
	if (sqlite3_open_v2(flat, &created, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
	    SQLITE_OK) {
		err_set(&err, JAW_FAIL, "%s: %s", flat, sqlite3_errmsg(created));
		gen_fail("flat", &err);
	}
	sqlite3_close(created);
	sqlite3_stmt *s = NULL;
	const char *attach = "ATTACH ?1 AS flat";
	if (sqlite3_prepare_v2(db_sqlite(db), attach, -1, &s, NULL) != SQLITE_OK) {
		err_db(&err, db_sqlite(db), attach);
		gen_fail("flat", &err);
	}
	sqlite3_bind_text(s, 1, flat, -1, SQLITE_STATIC);
	if (sqlite3_step(s) != SQLITE_DONE) {
		err_db(&err, db_sqlite(db), attach);
		gen_fail("flat", &err);
	}
	sqlite3_finalize(s);
	int64_t nation = model_scalar(db, "SELECT position - 1 FROM survey_column"
	                              " WHERE label = 'Nation'", &err);
	if (nation < 0)
		gen_fail("the survey's Nation column", &err);
	gen_step(db, "the crosstab peer's table",
	         "CREATE TABLE flat.coding_flat AS SELECT c.name AS code, k.coder AS coder,"
	         " k.source_id AS source, json_extract(r.answers, '$[' || ?1 || ']') AS nation"
	         " FROM coding k JOIN code c ON c.id = k.code_id JOIN source s ON s.id = k.source_id"
	         " JOIN respondent r ON r.id = s.respondent_id;"
	         "DETACH flat;", nation, 0);
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "C.UTF-8");
	if (argc == 2 && strcmp(argv[1], "--version") == 0) {
		puts(GENPROJECT_VERSION);
		return 0;
	}
	if (argc < 3 || argc > 4) {
		fputs("usage: genproject PROJECT FLAT [CODINGS] | genproject --version\n", stderr);
		return 2;
	}
	int64_t codings = argc > 3 ? atoll(argv[3]) : 1000000;
	jaw_err err;
	err_clear(&err);
	struct jaw_db *db = NULL;
	if (db_open(argv[1], 0, &project_schema, &db, &err) != JAW_OK)
		gen_fail(argv[1], &err);
	if (model_scalar(db, "SELECT count(*) FROM source WHERE kind = 'survey_answer'", &err) <= 0) {
		fprintf(stderr, "genproject: %s holds no survey answers: import the survey first\n",
		        argv[1]);
		return 1;
	}
	double t0 = bench_now_ms();
	if (db_begin(db, &err) != JAW_OK)
		gen_fail("begin", &err);
	gen_step(db, "codes, stakeholders, timeline", bench_codes_sql, 0, 0);
	gen_step(db, "colours, quick keys, register", gen_register_sql, 0, 0);
	double t1 = bench_now_ms();
	gen_notes(db);
	printf("  %-28s %7.1f s\n", "500 notes", (bench_now_ms() - t1) / 1e3);
	gen_step(db, "codings", gen_codings_sql, codings * 9 / 10, codings - codings * 9 / 10);
	gen_step(db, "findings", gen_findings_sql, 0, 0);
	gen_step(db, "citations", gen_citations_sql, 0, 0);
	if (db_commit(db, &err) != JAW_OK || model_stakeholder_prepare_order(db, &err) != JAW_OK)
		gen_fail("commit", &err);
	gen_step(db, "ANALYZE", "ANALYZE", 0, 0);
	gen_flat(db, argv[2]);
	printf("genproject %s: %lld sources, %lld codings, %lld codes, %lld findings citing %lld"
	       " segments (%.1f s)\n", GENPROJECT_VERSION,
	       (long long)model_scalar(db, "SELECT count(*) FROM source", &err),
	       (long long)model_scalar(db, "SELECT count(*) FROM coding", &err),
	       (long long)model_scalar(db, "SELECT count(*) FROM code", &err),
	       (long long)model_scalar(db, "SELECT count(*) FROM finding", &err),
	       (long long)model_scalar(db, "SELECT count(*) FROM finding_evidence", &err),
	       (bench_now_ms() - t0) / 1e3);
	db_close(db);
	return 0;
}
