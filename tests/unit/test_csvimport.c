/* test_csvimport.c - survey import: every oddity of tests/fixtures/csv, the
 * guesser's decisions, errors, queries (whole imports: test_csvfile.c). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvimport.h"
#include "csvimport_int.h"
#include "csvread.h"
#include "hash.h"
#include "model.h"
#include "csvtest.h"
#include "strset.h"
#include "testutil.h"
#include "xalloc.h"

static void test_hash_vectors(void **state)
{
	(void)state;
	struct hash64 h;
	char hex[17];
	hash64_init(&h);
	hash64_hex(hash64_final(&h), hex);
	assert_string_equal(hex, "ef46db3751d8e999");
	hash64_update(&h, "abc", 3);
	hash64_hex(hash64_final(&h), hex);
	assert_string_equal(hex, "44bc2cf5ad770999");
	hash64_init(&h);
	const char *t = "Nobody inspects the spammish repetition";
	for (const char *p = t; *p; p++)
		hash64_update(&h, p, 1);
	hash64_hex(hash64_final(&h), hex);
	assert_string_equal(hex, "fbcea83c8a378bf1");
}

/* The string set behind the duplicate id check: new strings, repeats with
 * the value first given, the empty string, strings that differ only past a
 * NUL or in length, and growth to many strings (all found again). */
static void test_strset(void **state)
{
	(void)state;
	struct strset *set = strset_new();
	int64_t first = -1;
	assert_int_equal(strset_count(set), 0);
	assert_true(strset_add(set, "R1", 2, 10, &first));
	assert_int_equal(first, -1);
	assert_false(strset_add(set, "R1", 2, 11, &first));
	assert_int_equal(first, 10);
	assert_false(strset_add(set, "R1", 2, 12, NULL));
	assert_true(strset_add(set, "R1x", 2 + 1, 13, &first)); /* longer */
	assert_true(strset_add(set, "R", 1, 14, &first));       /* a prefix */
	assert_true(strset_add(set, "", 0, 15, &first));
	assert_false(strset_add(set, "", 0, 16, &first));
	assert_int_equal(first, 15);
	assert_true(strset_add(set, "a\0b", 3, 17, &first));
	assert_true(strset_add(set, "a\0c", 3, 18, &first)); /* differs after the NUL */
	assert_true(strset_add(set, "a", 1, 19, &first));
	assert_true(strset_add(set, "a\0", 2, 20, &first));
	assert_false(strset_add(set, "a\0c", 3, 21, &first));
	assert_int_equal(first, 18);
	assert_int_equal(strset_count(set), 8);
	assert_true(strset_add(set, "min", 3, INT64_MIN, &first));
	assert_true(strset_add(set, "max", 3, INT64_MAX, &first));
	assert_false(strset_add(set, "min", 3, 0, &first));
	assert_true(first == INT64_MIN);
	assert_false(strset_add(set, "max", 3, 0, &first));
	assert_true(first == INT64_MAX);

	/* growth: many strings of many lengths (a table past 2 MB), one long
	 * one past the one-byte length */
	char buf[64], big[300];
	memset(big, 'x', sizeof big);
	assert_true(strset_add(set, big, sizeof big, -5, &first));
	for (int i = 0; i < 200000; i++) {
		int n = snprintf(buf, sizeof buf, "%0*d", 1 + i % 20, i);
		assert_true(strset_add(set, buf, (size_t)n, i, &first));
	}
	assert_int_equal(strset_count(set), 10 + 1 + 200000);
	for (int i = 0; i < 200000; i++) {
		int n = snprintf(buf, sizeof buf, "%0*d", 1 + i % 20, i);
		strset_prefetch(set, buf, (size_t)n);
		assert_false(strset_add(set, buf, (size_t)n, -1, &first));
		assert_int_equal(first, i);
	}
	assert_false(strset_add(set, big, sizeof big, 0, &first));
	assert_int_equal(first, -5);
	assert_true(strset_add(set, big, sizeof big - 1, 0, &first));
	assert_false(strset_add(set, "R1", 2, 0, &first));
	assert_int_equal(first, 10);
	assert_int_equal(strset_count(set), 10 + 2 + 200000);
	strset_free(set);
	strset_free(NULL);
}

struct lines_seen {
	int rows;
	int64_t line[8], end_line[8];
};

static int collect_lines(void *ctx, const struct csvread_row *row, jaw_err *err)
{
	struct lines_seen *seen = ctx;
	(void)err;
	assert_true(seen->rows < 8);
	seen->line[seen->rows] = row->line;
	seen->end_line[seen->rows++] = row->end_line;
	return JAW_OK;
}

/* Each row knows the lines it starts and ends on, whatever the line ends
 * and wherever a quoted value holds one. */
static void test_reader_lines(void **state)
{
	(void)state;
	static const char text[] = "h1,h2\n"
	                           "a,\"x\ny\"\n"
	                           "b,c\r\n"
	                           "\"p\r\nq\",r\r"
	                           "z,\"m\rn\"\n"
	                           "last,row";
	static const int64_t want[][2] = {{1, 1}, {2, 3}, {4, 4}, {5, 6}, {7, 8}, {9, 9}};
	char *path = testutil_path_new("lines.csv");
	testutil_write_file(path, text, sizeof text - 1);
	struct csvread_options opt = {0};
	struct lines_seen seen = {0};
	jaw_err err;
	struct csvread_source src = csvread_path(path);
	assert_int_equal(csvread(&src, &opt, collect_lines, &seen, NULL, &err), JAW_OK);
	assert_int_equal(seen.rows, 6);
	for (int i = 0; i < 6; i++) {
		assert_int_equal(seen.line[i], want[i][0]);
		assert_int_equal(seen.end_line[i], want[i][1]);
	}
	free(path);
}

static void test_basic(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	assert_int_equal(csvtest_import(db, "basic.csv", &err), JAW_OK);
	csvtest_assert_text(db, "SELECT name || '|' || row_count || '|' || encoding || '|' || delimiter"
	                " FROM survey", "basic|4|UTF-8|,");
	csvtest_assert_text(db, "SELECT group_concat(role || ':' || value_type, ' ') FROM survey_column",
	            "id:text attribute:text attribute:text attribute:integer likert:integer"
	            " likert:integer open_text:text");
	csvtest_assert_text(db, "SELECT answers FROM respondent WHERE external_id = 'R01'",
	            "[null,\"Norway\",\"Commander\",12,4,5,null]");
	csvtest_assert_text(db, "SELECT answers FROM respondent WHERE external_id = 'R03'",
	            "[null,\"Norway\",\"Staff officer\",3,5,null,null]");
	/* an answer stores no title; it is shown as "RESPONDENT: QUESTION" */
	csvtest_assert_text(db, "SELECT '[' || title || ']' || " MODEL_SOURCE_TITLE("s") " || '|' || text"
	                " FROM source s WHERE respondent_id ="
	                " (SELECT id FROM respondent WHERE external_id = 'R04')",
	            "[]R04: What should change?|We need a \"protection of civilians\" annex in every"
	            " operation order.");
	int64_t answer = testutil_scalar(db, "SELECT max(id) FROM source");
	struct source *src = model_source_get_new(db, answer, &err);
	assert_string_equal(src->title, "R04: What should change?");
	model_source_free(src);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM source WHERE kind ="
	                                     " 'survey_answer'"), 3);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM survey_fts_1 WHERE survey_fts_1"
	                                     " MATCH '\"protection of civilians\"'"), 1);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM source_fts WHERE source_fts"
	                                     " MATCH 'annex'"), 0);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM respondent_value"), 19);
	assert_int_equal(testutil_scalar(db, "SELECT value FROM respondent_value v JOIN"
	                                     " survey_column c ON c.id = v.column_id JOIN respondent r"
	                                     " ON r.id = v.respondent_id WHERE c.label = 'Years of"
	                                     " service' AND r.external_id = 'R04'"), 21);
	csvtest_assert_sound(db);
	db_close(db);
}

/* The same two rows written as UTF-8 with a BOM, UTF-16LE and UTF-16BE. */
static void test_bom_and_utf16(void **state)
{
	(void)state;
	static const char *const files[] = {"bom.csv", "utf16le.csv", "utf16be.csv"};
	static const char *const encodings[] = {"UTF-8 (BOM)", "UTF-16LE (BOM)", "UTF-16BE (BOM)"};
	for (int i = 0; i < 3; i++) {
		struct jaw_db *db = testutil_project_new(NULL);
		jaw_err err;
		assert_int_equal(csvtest_import(db, files[i], &err), JAW_OK);
		csvtest_assert_text(db, "SELECT encoding FROM survey", encodings[i]);
		csvtest_assert_text(db, "SELECT group_concat(label, ',') FROM (SELECT label FROM survey_column"
		                " ORDER BY position)", "id,nation,comment");
		csvtest_assert_text(db, "SELECT group_concat(answers, ' ') FROM respondent",
		            "[null,\"Norway\",\"Gjøvik was quiet\"] [null,\"France\",\"Café near the"
		            " checkpoint\"]");
		db_close(db);
	}
}

static void test_other_encodings(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	assert_int_equal(csvtest_import(db, "latin1.csv", &err), JAW_FAIL);
	csvtest_assert_error(&err, "latin1.csv", " line 2: invalid UTF-8 (byte 0xE8); if the file is in"
	             " another encoding, name it with --encoding (e.g. latin1, cp1252)");
	struct csvimport_options opt = {.encoding = "latin1"};
	assert_int_equal(csvtest_import_with(db, "latin1.csv", &opt, &err), JAW_OK);
	csvtest_assert_text(db, "SELECT group_concat(answers, ' ') FROM respondent",
	            "[null,\"Genève\",\"Müller said « ok »\"] [null,\"Köln\",\"naïve\"]");
	opt.encoding = "cp1252";
	assert_int_equal(csvtest_import_with(db, "cp1252.csv", &opt, &err), JAW_OK);
	csvtest_assert_text(db, "SELECT group_concat(answers, ' ') FROM respondent WHERE survey_id = 2",
	            "[null,\"Canada\",\"“Quoted” by the interpreter\"] [null,\"Spain\",\"cost 5€ a"
	            " day\"]");
	opt.encoding = "no-such-encoding";
	assert_int_equal(csvtest_import_with(db, "cp1252.csv", &opt, &err), JAW_USAGE);
	assert_string_equal(err.msg, "unknown encoding \"no-such-encoding\" (iconv -l lists the"
	                             " names it knows)");
	db_close(db);
}

static void test_delimiters(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	assert_int_equal(csvtest_import(db, "semicolon.csv", &err), JAW_OK);
	assert_int_equal(csvtest_import(db, "tab.tsv", &err), JAW_OK);
	assert_int_equal(csvtest_import(db, "pipe.csv", &err), JAW_OK);
	csvtest_assert_text(db, "SELECT group_concat(delimiter, '') FROM survey", ";\t|");
	csvtest_assert_text(db, "SELECT group_concat(answers, ' ') FROM respondent",
	            "[null,\"Norway\",4] [null,\"Bosnia; Herzegovina\",5] [null,\"Norway\",4]"
	            " [null,\"North Macedonia\",5] [null,\"Norway\",4] [null,\"Chile\",5]");
	struct csvimport_options opt = {.delimiter = ',', .name = "forced"};
	assert_int_equal(csvtest_import_with(db, "pipe.csv", &opt, &err), JAW_OK);
	csvtest_assert_text(db, "SELECT group_concat(label, ',') FROM survey_column WHERE survey_id = 4",
	            "id|nation|score");
	db_close(db);
}

/* CRLF, CR-only and no final newline: same values, LF in open answers,
 * and each respondent knows the line it starts on. */
static void test_line_ends(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	struct csvimport_options opt = {.roles[SURVEY_ROLE_TEXT] = "comment"};
	assert_int_equal(csvtest_import_with(db, "crlf.csv", &opt, &err), JAW_OK);
	assert_int_equal(csvtest_import_with(db, "cr.csv", &opt, &err), JAW_OK);
	for (int survey = 1; survey <= 2; survey++) {
		char *sql = xasprintf("SELECT group_concat(r.line || '=' || s.text, '|') FROM source s"
		                      " JOIN respondent r ON r.id = s.respondent_id WHERE r.survey_id = %d",
		                      survey);
		csvtest_assert_text(db, sql, "2=first|3=two\nlines|5=third");
		free(sql);
	}
	assert_int_equal(csvtest_import(db, "nofinal.csv", &err), JAW_OK);
	csvtest_assert_text(db, "SELECT answers FROM respondent WHERE survey_id = 3 AND external_id = '2'",
	            "[null,\"Chile\",\"last line without a newline\"]");
	db_close(db);
}

static void test_quoted(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	struct csvimport_options opt = {.roles[SURVEY_ROLE_TEXT] = "answer"};
	assert_int_equal(csvtest_import_with(db, "quoted.csv", &opt, &err), JAW_OK);
	csvtest_assert_text(db, "SELECT group_concat(answers, ' ') FROM respondent",
	            "[null,\"Sarvan, Eastern Veldria\",null] [null,\"Kraków\",null]"
	            " [null,\"plain\",null]");
	csvtest_assert_text(db, "SELECT group_concat(text, '|') FROM source",
	            "He said \"stop\" at the checkpoint.|First line\nsecond line, with a comma");
	csvtest_assert_text(db, "SELECT group_concat(line, ',') FROM respondent", "2,3,5");
	db_close(db);
}

/* Each broken file: the exact error, and nothing imported. */
static void test_errors(void **state)
{
	(void)state;
	static const struct {
		const char *file, *suffix;
	} cases[] = {
		{"ragged.csv", " line 4: 2 fields, but the heading has 3 (is a quote missing, or a"
		               " delimiter inside an unquoted field?)"},
		{"unterminated.csv", " line 3: unterminated quoted field: the quote that opens it on"
		                     " this line is never closed"},
		{"nul.csv", " line 3: a NUL byte: is this a binary file?"},
		{"invalid-utf8.csv", " line 5: invalid UTF-8 (byte 0xFF); if the file is in another"
		                     " encoding, name it with --encoding (e.g. latin1, cp1252)"},
		{"binary.dat", " line 1: not a CSV file: it holds binary data; if it is UTF-16 text"
		               " without a byte order mark, name the encoding with --encoding"
		               " UTF-16LE or UTF-16BE"},
		{"workbook.xlsx", " line 1: not a CSV file: it is a ZIP archive, such as an Excel"
		                  " workbook (.xlsx): save it as CSV first"},
		{"no-such-file.csv", ": cannot open: No such file or directory"},
	};
	struct jaw_db *db = testutil_project_new(NULL);
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		jaw_err err;
		assert_int_equal(csvtest_import(db, cases[i].file, &err), JAW_FAIL);
		csvtest_assert_error(&err, cases[i].file, cases[i].suffix);
	}
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM survey"), 0);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM respondent"), 0);
	db_close(db);
}

static void test_duplicate_ids(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	/* an id given with --id is strict */
	struct csvimport_options opt = {.roles[SURVEY_ROLE_ID] = "Respondent ID"};
	assert_int_equal(csvtest_import_with(db, "dup-ids.csv", &opt, &err), JAW_FAIL);
	csvtest_assert_error(&err, "dup-ids.csv", " line 6: duplicate respondent id \"A2\" (first on line 3)");
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM survey"), 0);
	/* a dry run finds it in the plan */
	char *path = csvtest_fixture_new("dup-ids.csv");
	opt.check_ids = true;
	struct csvimport_plan *plan = csvimport_plan_new(path, &opt, &err);
	assert_non_null(plan);
	assert_int_equal(plan->errors, 1);
	assert_int_equal(plan->nproblems, 1);
	assert_string_equal(plan->problems[0], "line 6: duplicate respondent id \"A2\" (first on line 3)");
	csvimport_plan_free(plan);
	/* a guessed id that repeats: rows number the respondents, with a warning */
	opt.roles[SURVEY_ROLE_ID] = NULL;
	plan = csvimport_plan_new(path, &opt, &err);
	assert_non_null(plan);
	assert_int_equal(plan->errors, 0);
	assert_int_equal(plan->columns[0].role, SURVEY_ROLE_ATTRIBUTE);
	assert_string_equal(plan->problems[0], "column 1 (Respondent ID) looks like the respondent id,"
	                    " but line 6: duplicate respondent id \"A2\" (first on line 3): respondents"
	                    " are numbered by row instead (--id 1 insists)");
	csvimport_plan_free(plan);
	free(path);
	assert_int_equal(csvtest_import(db, "dup-ids.csv", &err), JAW_OK);
	csvtest_assert_text(db, "SELECT group_concat(external_id || '=' || json_extract(answers, '$[0]'),"
	                    " ',') FROM respondent", "1=A1,2=A2,3=A3,4=A4,5=A2");
	db_close(db);
}

static struct csvimport_plan *plan_of(const char *name, struct csvimport_options *opt)
{
	char *path = csvtest_fixture_new(name);
	jaw_err err;
	err_clear(&err);
	struct csvimport_plan *plan = csvimport_plan_new(path, opt, &err);
	if (!plan)
		fail_msg("%s: %s", name, err.msg);
	free(path);
	return plan;
}

static void test_headings(void **state)
{
	(void)state;
	struct csvimport_options opt = {0};
	struct csvimport_plan *p = plan_of("headers.csv", &opt);
	static const char *const labels[] = {"id", "Role", "column 3", "Role (2)", "Nation", "column 6"};
	for (int i = 0; i < 6; i++)
		assert_string_equal(p->columns[i].label, labels[i]);
	assert_int_equal(p->nproblems, 3);
	assert_string_equal(p->problems[0], "column 3 has no heading; it is called \"column 3\"");
	assert_string_equal(p->problems[1], "columns 2 and 4 are both headed \"Role\"; column 4 is"
	                                    " called \"Role (2)\"");
	assert_string_equal(p->problems[2], "column 6 has no heading; it is called \"column 6\"");
	assert_int_equal(p->columns[5].role, SURVEY_ROLE_IGNORE);
	csvimport_plan_free(p);

	p = plan_of("long-headers.csv", &opt);
	assert_string_equal(p->columns[1].label, "To what extent do\u2026 before deployment?");
	assert_string_equal(p->columns[2].label, "To what extent do\u2026 right channels?");
	assert_string_equal(p->columns[1].question, "To what extent do you agree that your unit"
	                    " received enough training on the protection of civilians before"
	                    " deployment?");
	assert_int_equal(p->nproblems, 0);
	csvimport_plan_free(p);

	opt.header_rows = 2;
	p = plan_of("header-rows.csv", &opt);
	assert_int_equal(p->rows, 3);
	assert_string_equal(p->columns[0].label, "Respondent ID");
	assert_int_equal(p->columns[0].role, SURVEY_ROLE_ID);
	assert_string_equal(p->columns[2].label, "How satisfied are you with: Equipment");
	assert_string_equal(p->columns[4].label, "Any comments?");
	assert_int_equal(p->columns[3].role, SURVEY_ROLE_LIKERT);
	csvimport_plan_free(p);
}

/* The guesser's decision on each kind of column. */
/* Which numbers are stored as numbers: those SQLite shows as written. */
static void test_numbers_as_written(void **state)
{
	(void)state;
	static const char *const numbers[] = {"0", "-7", "12", "2.5", "-0.5", "10.0", "0.0",
	                                      "3.14", "0.0001", "123456789012345", NULL};
	static const char *const others[] = {"-0", "007", "2.50", "1e3", "1.5E-06", ".5", "5.",
	                                     "-0.0", "0.00001", "1.60328E+12", "32.299076986939205",
	                                     "1234567890123456.5", "1 000", "", NULL};
	for (const char *const *n = numbers; *n; n++)
		if (!csvimport_is_number(*n, strlen(*n)))
			fail_msg("%s is a number shown as written", *n);
	for (const char *const *n = others; *n; n++)
		if (csvimport_is_number(*n, strlen(*n)))
			fail_msg("%s would not be shown as written", *n);
	assert_false(csvimport_is_integer("-0", 2));
	/* "3 - Sometimes" is numbered; "2.3", "3.14" and "10:30" are not */
	const char *label;
	size_t len;
	assert_int_equal(csvimport_numbered("3 - Sometimes", 13, &label, &len), 3);
	assert_int_equal(csvimport_numbered("2.3", 3, &label, &len), -1);
	assert_int_equal(csvimport_numbered("3.14", 4, &label, &len), -1);
	assert_int_equal(csvimport_numbered("10:30", 5, &label, &len), -1);
	assert_int_equal(csvimport_numbered("1.5", 3, &label, &len), -1);
}

/* Imports text into db; returns the plan (the caller frees it). */
/* Plans the CSV text in memory; asserts. */
static struct csvimport_plan *plan_text(const char *text)
{
	struct csvread_source src = csvread_buffer(text, strlen(text), "mem.csv");
	struct csvimport_options opt = {0};
	jaw_err err;
	err_clear(&err);
	struct csvimport_plan *plan = csvimport_plan_source_new(&src, &opt, &err);
	if (!plan)
		fail_msg("%s", err.msg);
	return plan;
}

/* The mapping the dialog changes: a scale in the user's order, numbered
 * from 1, refused (the plan as it was) when it lacks a value or is not a
 * scale; the import stores the numbers and shows every value as written. */
static void test_set_scale(void **state)
{
	(void)state;
	static const char text[] = "id,Q,Note\n1,Agree,a\n2,Disagree,b\n3,Neutral,c\n4,Agree,d\n";
	struct csvimport_plan *p = plan_text(text);
	char map[600];
	jaw_err err;
	err_clear(&err);
	assert_int_equal(csvimport_plan_set_scale(p, 2, "Agree|Neutral|Disagree|Maybe", &err), JAW_OK);
	csvimport_column_mapping(&p->columns[1], map, sizeof map);
	assert_string_equal(map, "1=Agree, 2=Neutral, 3=Disagree, 4=Maybe");
	assert_int_equal(p->columns[1].role, SURVEY_ROLE_LIKERT);
	/* refusals leave the mapping as it was */
	static const struct {
		const char *scale, *msg;
		int rc;
	} bad[] = {
		{"Agree", "a scale is its labels in order, the first numbered 1, separated by | (two"
		 " labels at least, separated by |): \"Agree\"", JAW_USAGE},
		{"Agree||Neutral", "a scale is its labels in order, the first numbered 1, separated by |"
		 " (a label is empty): \"Agree||Neutral\"", JAW_USAGE},
		{"Agree|Neutral|Agree", "a scale is its labels in order, the first numbered 1, separated"
		 " by | (a label is given twice): \"Agree|Neutral|Agree\"", JAW_USAGE},
		{"Agree|Neutral", "column 2 (Q) holds \"Disagree\", not one of the scale's labels",
		 JAW_FAIL},
		{"agree|neutral|disagree", "column 2 (Q) holds \"Agree\", not one of the scale's labels",
		 JAW_FAIL},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		err_clear(&err);
		assert_int_equal(csvimport_plan_set_scale(p, 2, bad[i].scale, &err), bad[i].rc);
		assert_string_equal(err.msg, bad[i].msg);
		csvimport_column_mapping(&p->columns[1], map, sizeof map);
		assert_string_equal(map, "1=Agree, 2=Neutral, 3=Disagree, 4=Maybe");
	}
	err_clear(&err);
	assert_int_equal(csvimport_plan_set_scale(p, 9, "a|b", &err), JAW_USAGE);
	assert_string_equal(err.msg, "no column 9");
	/* an open text column becomes Likert on its scale */
	err_clear(&err);
	assert_int_equal(csvimport_plan_set_scale(p, 3, "d|c|b|a", &err), JAW_OK);
	assert_int_equal(p->answers, 0);
	/* the import stores the numbers; every value shows as written */
	struct jaw_db *db = testutil_project_new(NULL);
	struct csvimport_options opt = {0};
	struct csvimport_result res;
	err_clear(&err);
	assert_int_equal(csvimport_run(db, p, &opt, &res, &err), JAW_OK);
	char *got = NULL;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db_sqlite(db),
		"SELECT group_concat(r.answers || '=' || l.label || '/' || m.label, ' ')"
		" FROM respondent r JOIN survey_column c ON c.position = 2"
		" JOIN survey_label l ON l.column_id = c.id AND l.value = json_extract(r.answers, '$[1]')"
		" JOIN survey_column d ON d.position = 3"
		" JOIN survey_label m ON m.column_id = d.id AND m.value = json_extract(r.answers, '$[2]')",
		-1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	got = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	assert_string_equal(got, "[null,1,4]=Agree/a [null,3,3]=Disagree/b [null,2,2]=Neutral/c"
	                    " [null,1,1]=Agree/d");
	free(got);
	db_close(db);
	csvimport_plan_free(p);
}

/* A heading repeated: the smallest free number, as written ("a (02)" is
 * another heading); and 4,096 columns with one heading, which took
 * minutes while each number was tried in turn (found by make fuzz). */
static void test_repeated_headings(void **state)
{
	(void)state;
	struct csvimport_plan *p = plan_text("a,a (3),a,a,a (02),a\n1,2,3,4,5,6\n");
	static const char *const labels[] = {"a", "a (3)", "a (2)", "a (4)", "a (02)", "a (5)"};
	assert_int_equal(p->ncolumns, 6);
	for (int i = 0; i < 6; i++)
		assert_string_equal(p->columns[i].label, labels[i]);
	csvimport_plan_free(p);

	enum { N = CSVREAD_MAX_FIELDS };
	char *text = xmalloc(4 * N + 8);
	char *t = text;
	for (int row = 0; row < 2; row++) {
		for (int i = 0; i < N; i++) {
			*t++ = row ? '1' : 'q';
			*t++ = i + 1 < N ? ',' : '\n';
		}
	}
	*t = '\0';
	p = plan_text(text);
	assert_int_equal(p->ncolumns, N);
	assert_string_equal(p->columns[0].label, "q");
	assert_string_equal(p->columns[1].label, "q (2)");
	assert_string_equal(p->columns[N - 1].label, "q (4096)");
	csvimport_plan_free(p);
	free(text);
}

static struct csvimport_plan *import_text(struct jaw_db *db, const char *text,
                                          struct csvimport_options *opt)
{
	struct csvread_source src = csvread_buffer(text, strlen(text), "text.csv");
	struct csvimport_plan *plan = NULL;
	struct csvimport_result res;
	jaw_err err;
	err_clear(&err);
	if (csvimport_source(db, &src, opt, &plan, &res, &err) != JAW_OK)
		fail_msg("%s", err.msg);
	return plan;
}

/* What jaw shows for column position of the respondent on line. */
static char *shown_new(struct jaw_db *db, int64_t survey, int position, int64_t line)
{
	char *sql = xasprintf(
		"SELECT coalesce((SELECT coalesce(l.label, CAST(json_extract(r.answers, '$[%d]') AS TEXT),"
		" '(null)') FROM respondent r JOIN survey_column c ON c.survey_id = r.survey_id"
		" AND c.position = %d LEFT JOIN survey_label l ON l.column_id = c.id AND c.role ="
		" 'likert' AND l.value = json_extract(r.answers, '$[%d]') WHERE r.survey_id = %lld"
		" AND r.line = %lld), '(no row)')", position - 1, position, position - 1,
		(long long)survey, (long long)line);
	char *t = csvtest_text_new(db, sql);
	free(sql);
	return t;
}

/* Personal data: by heading (any spelling, the last part of a joined
 * heading too) and by content, not stored unless kept. */
static void test_personal_data(void **state)
{
	(void)state;
	assert_true(csvimport_is_email("jane.doe@example.org", 20));
	assert_false(csvimport_is_email("@example.org", 12));
	assert_false(csvimport_is_email("jane@example", 12));
	assert_false(csvimport_is_email("write to jane@example.org", 25));
	assert_true(csvimport_is_ip("192.0.2.17", 10));
	assert_true(csvimport_is_ip("2001:db8::1", 11));
	assert_false(csvimport_is_ip("1.2.3", 5));
	assert_false(csvimport_is_ip("2024.03.01", 10));
	assert_false(csvimport_is_ip("10:30", 5));
	const char *text =
		"id,IP_Address,Contact details: Name,contact,Phone number,where,nation\n"
		"1,192.0.2.1,Jane Doe,jane@example.org,555 0100,59.43,Chile\n"
		"2,192.0.2.2,Rick Roe,rick@example.org,555 0101,54.68,Peru\n"
		"3,192.0.2.3,Ann Poe,n/a,555 0102,56.94,Chile\n";
	struct csvread_source src = csvread_buffer(text, strlen(text), "people.csv");
	struct csvimport_options opt = {0};
	jaw_err err;
	struct csvimport_plan *p = csvimport_plan_source_new(&src, &opt, &err);
	assert_non_null(p);
	static const char *const want[] = {NULL, "IP addresses", "names", "e-mail addresses",
	                                   "phone numbers", NULL, NULL};
	for (int i = 0; i < 7; i++) {
		const char *got = p->columns[i].personal;
		if (!want[i] ? got != NULL : !got || strcmp(got, want[i]) != 0)
			fail_msg("column %d: %s, not %s", i + 1, got ? got : "(none)",
			         want[i] ? want[i] : "(none)");
		assert_int_equal(p->columns[i].role == SURVEY_ROLE_IGNORE, want[i] != NULL);
	}
	assert_string_equal(p->problems[2], "column 4 (contact) holds personal data (e-mail"
	                    " addresses): not stored (--keep-personal 4 keeps it)");
	csvimport_plan_free(p);
	opt.keep_personal = "contact,2-3";
	p = csvimport_plan_source_new(&src, &opt, &err);
	assert_non_null(p);
	assert_int_equal(p->columns[1].role, SURVEY_ROLE_ATTRIBUTE);
	assert_int_equal(p->columns[2].role, SURVEY_ROLE_ATTRIBUTE);
	assert_int_equal(p->columns[3].role, SURVEY_ROLE_ATTRIBUTE);
	assert_int_equal(p->columns[4].role, SURVEY_ROLE_IGNORE);
	csvimport_plan_free(p);
	opt.keep_personal = "nobody";
	assert_null(csvimport_plan_source_new(&src, &opt, &err));
	assert_string_equal(err.msg, "import-csv: --keep-personal: no column \"nobody\" (give a"
	                    " heading or a number from 1 to 7; --dry-run lists them)");
	/* nothing of a column not kept is stored */
	struct jaw_db *db = testutil_project_new(NULL);
	opt.keep_personal = NULL;
	csvimport_plan_free(import_text(db, text, &opt));
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM respondent WHERE answers LIKE"
	                                     " '%@%' OR answers LIKE '%192.0%' OR answers LIKE"
	                                     " '%Doe%' OR answers LIKE '%555%'"), 0);
	db_close(db);
}

/* Decimals are not a Likert scale; labels and spaces stay as written. */
static void test_values_as_written(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	struct csvimport_options opt = {0};
	struct csvimport_plan *p = import_text(db,
		"id,half,pi,agree,pad,size\n"
		"1,1.5,2.3,Neutral, left,5\" long\n"
		"2,2.5,4.3,Agree,right ,6\" long\n"
		"3,3.5,3.14,Strongly agree, both ,7\" long\n"
		"4,4.5,2.3,Disagree,x,8\" long\n", &opt);
	assert_int_equal(p->columns[1].role, SURVEY_ROLE_ATTRIBUTE);
	assert_int_equal(p->columns[1].type, SURVEY_TYPE_REAL);
	assert_int_equal(p->columns[2].type, SURVEY_TYPE_REAL);
	assert_int_equal(p->columns[3].role, SURVEY_ROLE_LIKERT);
	csvimport_plan_free(p);
	static const char *const want[4][6] = {
		{"1", "1.5", "2.3", "Neutral", " left", "5\" long"},
		{"2", "2.5", "4.3", "Agree", "right ", "6\" long"},
		{"3", "3.5", "3.14", "Strongly agree", " both ", "7\" long"},
		{"4", "4.5", "2.3", "Disagree", "x", "8\" long"},
	};
	for (int r = 0; r < 4; r++)
		for (int c = 2; c <= 6; c++) {
			char *got = shown_new(db, 1, c, r + 2);
			assert_string_equal(got, want[r][c - 1]);
			free(got);
		}
	/* one point written two ways cannot show both: not a scale */
	opt.name = "two ways";
	p = import_text(db, "id,agree\n1,Agree\n2,agree\n3,Disagree\n", &opt);
	assert_int_equal(p->columns[1].role, SURVEY_ROLE_ATTRIBUTE);
	csvimport_plan_free(p);
	db_close(db);
}

/* One absurd value does not make a number column text: it is kept as
 * written and reported. */
static void test_outliers(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	char *troll = xmalloc(258);
	memset(troll, '9', 257);
	troll[257] = '\0';
	size_t cap = 8192, n = 0;
	char *text = xmalloc(cap);
	n += (size_t)snprintf(text + n, cap - n, "id,hours\n");
	for (int i = 1; i <= 200; i++)
		n += (size_t)snprintf(text + n, cap - n, "%d,%d\n", i, i % 40 + 1);
	text = xrealloc(text, n + 300);
	snprintf(text + n, 300, "201,%s\n", troll);
	struct csvimport_options opt = {0};
	struct csvimport_plan *p = import_text(db, text, &opt);
	assert_int_equal(p->columns[1].type, SURVEY_TYPE_INTEGER);
	assert_int_equal(p->columns[1].role, SURVEY_ROLE_ATTRIBUTE);
	assert_int_equal(p->nproblems, 1);
	assert_string_equal(p->problems[0], "column 2 (hours): 1 value is not a whole number, kept as"
	                    " written as text (the first on line 202: \"9999999999999999999999999999"
	                    "999999999999\"\u2026)");
	csvimport_plan_free(p);
	char *got = shown_new(db, 1, 2, 202);
	assert_string_equal(got, troll);
	free(got);
	got = shown_new(db, 1, 2, 2);
	assert_string_equal(got, "2");
	free(got);
	free(text);
	free(troll);
	db_close(db);
}

/* A property: whatever the values, each is shown as written. Values are
 * drawn from pieces that have misled importers (decimals, exponents,
 * leading zeros, spaces at the edges, quotes, scale labels, numbered
 * labels), in many columns, some of them all numbers, some all labels. */
static void test_property_shown_as_written(void **state)
{
	(void)state;
	static const char *const pieces[] = {
		"1", "2", "3", "4", "5", "1.5", "2.50", "3.14", "10.0", "-2", "1e3", "-0", "007",
		" 3", "4 ", "Agree", "agree", "Neutral", "Strongly agree", "3 - Sometimes",
		"1 - Never", "2.3", "10:30", "5\" long", "a \"quoted\" word", "x,y", "two\nlines",
		"", "NA", "-", "0.00001", "123456789012345678", "1234567890123456789",
	};
	const int npieces = (int)(sizeof pieces / sizeof *pieces);
	/* per column, the pieces it draws from: a range of the table */
	static const int ranges[][2] = {{0, 5}, {5, 9}, {5, 13}, {15, 19}, {19, 21}, {0, 33},
	                                {21, 27}, {0, 10}, {0, 15}, {27, 33}, {10, 12}, {11, 12}};
	const int ncols = (int)(sizeof ranges / sizeof *ranges), nrows = 300;
	uint64_t seed = 42;
	char ***cells = xcalloc((size_t)nrows, sizeof *cells);
	size_t cap = 1 << 16, n = 0;
	char *text = xmalloc(cap);
	n += (size_t)snprintf(text, cap, "id");
	for (int c = 0; c < ncols; c++)
		n += (size_t)snprintf(text + n, cap - n, ",c%d", c + 1);
	text[n++] = '\n';
	for (int r = 0; r < nrows; r++) {
		cells[r] = xcalloc((size_t)ncols, sizeof **cells);
		n += (size_t)snprintf(text + n, cap - n, "%d", r + 1);
		for (int c = 0; c < ncols; c++) {
			seed = seed * 6364136223846793005u + 1442695040888963407u;
			int span = ranges[c][1] - ranges[c][0];
			const char *v = pieces[ranges[c][0] + (int)((seed >> 33) % (uint64_t)span)];
			assert_true(ranges[c][1] <= npieces);
			cells[r][c] = (char *)v;
			bool quote = strpbrk(v, ",\n") || v[0] == '"';
			text[n++] = ',';
			if (quote) {
				text[n++] = '"';
				for (const char *p = v; *p; p++) {
					if (*p == '"')
						text[n++] = '"';
					text[n++] = *p;
				}
				text[n++] = '"';
			} else {
				n += (size_t)snprintf(text + n, cap - n, "%s", v);
			}
		}
		text[n++] = '\n';
		assert_true(n + 1024 < cap);
	}
	text[n] = '\0';
	struct jaw_db *db = testutil_project_new(NULL);
	struct csvimport_options opt = {0};
	struct csvimport_plan *p = import_text(db, text, &opt);
	int64_t line = 2;
	for (int r = 0; r < nrows; r++) {
		for (int c = 0; c < ncols; c++) {
			const struct csvimport_column *col = &p->columns[c + 1];
			const char *v = cells[r][c];
			char *got;
			if (col->role == SURVEY_ROLE_TEXT) {
				char *sql = xasprintf("SELECT coalesce((SELECT s.text FROM source s JOIN"
				                      " respondent r ON r.id = s.respondent_id WHERE r.line"
				                      " = %lld AND s.column_id = %d), '(null)')",
				                      (long long)line, c + 2);
				got = csvtest_text_new(db, sql);
				free(sql);
			} else {
				got = shown_new(db, 1, c + 2, line);
			}
			const char *want = csvread_blank(v, strlen(v)) ? "(null)" : v;
			if (col->role != SURVEY_ROLE_IGNORE && strcmp(got, want) != 0)
				fail_msg("line %lld column %d (%s): shown \"%s\", written \"%s\"",
				         (long long)line, c + 2, survey_role_name(col->role), got, want);
			free(got);
		}
		for (int c = 0; c < ncols; c++)
			if (strchr(cells[r][c], '\n'))
				line++;
		line++;
		free(cells[r]);
	}
	csvimport_plan_free(p);
	free(cells);
	free(text);
	db_close(db);
}

static void test_guess(void **state)
{
	(void)state;
	struct csvimport_options opt = {0};
	struct csvimport_plan *p = plan_of("guess.csv", &opt);
	static const struct {
		enum survey_role role;
		enum survey_type type;
		const char *reason;
	} want[] = {
		{SURVEY_ROLE_ID, SURVEY_TYPE_TEXT, "heading names an id"},
		{SURVEY_ROLE_IGNORE, SURVEY_TYPE_TEXT, "personal data"},
		{SURVEY_ROLE_ATTRIBUTE, SURVEY_TYPE_TEXT, "categories"},
		{SURVEY_ROLE_ATTRIBUTE, SURVEY_TYPE_INTEGER, "numbers"},
		{SURVEY_ROLE_ATTRIBUTE, SURVEY_TYPE_REAL, "numbers"},
		{SURVEY_ROLE_ATTRIBUTE, SURVEY_TYPE_INTEGER, "numbers"},
		{SURVEY_ROLE_LIKERT, SURVEY_TYPE_INTEGER, "few small whole numbers"},
		{SURVEY_ROLE_LIKERT, SURVEY_TYPE_INTEGER, "few small whole numbers"},
		{SURVEY_ROLE_IGNORE, SURVEY_TYPE_TEXT, "no values"},
		{SURVEY_ROLE_TEXT, SURVEY_TYPE_TEXT, "long or varied text"},
	};
	assert_int_equal(p->ncolumns, 10);
	for (int i = 0; i < 10; i++) {
		if (p->columns[i].role != want[i].role || p->columns[i].type != want[i].type ||
		    strcmp(p->columns[i].reason, want[i].reason) != 0)
			fail_msg("column %d: %s %s (%s)", i + 1, survey_role_name(p->columns[i].role),
			         survey_type_name(p->columns[i].type), p->columns[i].reason);
	}
	assert_int_equal(p->answers, 3);
	csvimport_plan_free(p);

	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	assert_int_equal(csvtest_import(db, "likert-labels.csv", &err), JAW_OK);
	csvtest_assert_text(db, "SELECT group_concat(role, ',') FROM survey_column",
	            "id,likert,likert,likert,attribute");
	csvtest_assert_text(db, "SELECT group_concat(value || '=' || label, ',') FROM survey_label"
	                " WHERE column_id = 2", "1=Strongly disagree,2=disagree,3=Neither agree nor"
	                " disagree,4=Agree,5=Strongly agree");
	/* each label as written, the number in front too */
	csvtest_assert_text(db, "SELECT group_concat(value || '=' || label, ',') FROM survey_label"
	                " WHERE column_id = 4", "1=1 - Very poor,3=3 - Fair,4=4 - Good,5=5 - Very good");
	csvtest_assert_text(db, "SELECT group_concat(answers, ' ') FROM respondent",
	            "[null,5,1,1,\"Alpha\"] [null,4,3,3,\"Bravo\"] [null,2,4,5,\"Alpha\"]"
	            " [null,3,5,3,\"Charlie\"] [null,4,2,4,\"Bravo\"]");
	db_close(db);
}

static void test_options(void **state)
{
	(void)state;
	struct csvimport_options opt = {.roles[SURVEY_ROLE_ID] = "Nation",
	                                .roles[SURVEY_ROLE_TEXT] = "2-3",
	                                .roles[SURVEY_ROLE_ATTRIBUTE] = "Q1,8"};
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	assert_int_equal(csvtest_import_with(db, "guess.csv", &opt, &err), JAW_USAGE);
	assert_string_equal(err.msg, "import-csv: column 3 (Nation) is given two roles: --id and"
	                             " --text");
	opt.roles[SURVEY_ROLE_TEXT] = "what worked well?";
	opt.roles[SURVEY_ROLE_ID] = "Email";
	/* personal data is stored only when --keep-personal names it */
	assert_int_equal(csvtest_import_with(db, "guess.csv", &opt, &err), JAW_USAGE);
	assert_string_equal(err.msg, "import-csv: column 2 (Email) holds personal data (e-mail"
	                             " addresses): it is not stored unless --keep-personal 2 is"
	                             " given too");
	opt.keep_personal = "2";
	assert_int_equal(csvtest_import_with(db, "guess.csv", &opt, &err), JAW_OK);
	csvtest_assert_text(db, "SELECT group_concat(role, ',') FROM survey_column",
	            "attribute,id,attribute,attribute,attribute,attribute,attribute,attribute,"
	            "ignore,open_text");
	opt = (struct csvimport_options){.roles[SURVEY_ROLE_LIKERT] = "99", .name = "x"};
	assert_int_equal(csvtest_import_with(db, "guess.csv", &opt, &err), JAW_USAGE);
	assert_string_equal(err.msg, "import-csv: --likert: no column \"99\" (give a heading or a"
	                             " number from 1 to 10; --dry-run lists them)");
	opt = (struct csvimport_options){.roles[SURVEY_ROLE_LIKERT] = "Nation", .name = "x"};
	assert_int_equal(csvtest_import_with(db, "guess.csv", &opt, &err), JAW_FAIL);
	csvtest_assert_error(&err, "guess.csv", ": column 3 (Nation) cannot be Likert: its values are not"
	             " whole numbers from 0 to 10 nor the labels of a scale");
	db_close(db);
}

static void test_queries(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	assert_int_equal(csvtest_import(db, "likert-labels.csv", &err), JAW_OK);
	assert_int_equal(model_survey_count(db, &err), 1);
	struct survey sv[2];
	assert_int_equal(model_survey_page(db, 0, 2, sv, &err), 1);
	assert_string_equal(sv[0].name, "likert-labels");
	assert_int_equal(sv[0].rows, 5);
	model_survey_clear(&sv[0]);

	assert_int_equal(model_respondent_count(db, 1, &err), 5);
	struct survey_respondent r[2];
	assert_int_equal(model_respondent_page(db, 1, 3, 2, r, &err), 2);
	assert_string_equal(r[0].external_id, "4");
	assert_int_equal(r[0].line, 5);
	assert_string_equal(r[1].answers, "[null,4,2,4,\"Bravo\"]");
	/* the values in column order, Likert ones by their labels */
	assert_string_equal(r[1].values, "Agree | Rarely | 4 - Good | Bravo");
	assert_string_equal(r[1].described, "Training was sufficient=Agree, How often do you report"
	                                    " incidents?=Rarely, Overall rating=4 - Good, Unit=Bravo");
	model_respondent_clear(&r[0]);
	model_respondent_clear(&r[1]);

	struct survey_count c[8];
	int n = model_survey_distribution(db, 2, 8, c, &err);
	assert_int_equal(n, 4);
	static const char *const want[] = {"2 disagree 1", "3 Neither agree nor disagree 1",
	                                   "4 Agree 2", "5 Strongly agree 1"};
	for (int i = 0; i < n; i++) {
		char got[128];
		snprintf(got, sizeof got, "%s %s %lld", c[i].value, c[i].label, (long long)c[i].count);
		assert_string_equal(got, want[i]);
		model_survey_count_clear(&c[i]);
	}
	n = model_survey_distribution(db, 5, 8, c, &err);
	assert_int_equal(n, 3);
	assert_string_equal(c[0].value, "Alpha");
	for (int i = 0; i < n; i++)
		model_survey_count_clear(&c[i]);
	db_close(db);
}

static void test_codings_by_attribute(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	assert_int_equal(csvtest_import(db, "basic.csv", &err), JAW_OK);
	assert_int_equal(db_exec(db, "INSERT INTO code (name) VALUES ('Training')", &err), JAW_OK);
	assert_int_equal(db_exec(db, "INSERT INTO coding (source_id, start_cp, end_cp, code_id, coder)"
	                             " SELECT s.id, 0, 5, (SELECT id FROM code WHERE name = 'Training'),"
	                             " 'ana' FROM source s", &err), JAW_OK);
	struct survey_coding_count c[8];
	int n = model_survey_codings_by(db, 2, 0, 8, c, &err);
	assert_int_equal(n, 3);
	assert_string_equal(c[0].value, "Italy");
	assert_string_equal(c[0].code, "Training");
	assert_int_equal(c[0].codings, 1);
	assert_string_equal(c[1].value, "Norway");
	assert_int_equal(c[1].respondents, 1);
	assert_string_equal(c[2].value, "Poland");
	for (int i = 0; i < n; i++)
		model_survey_coding_count_clear(&c[i]);
	assert_int_equal(model_survey_codings_by_count(db, 2, &err), 3);
	/* the segments behind a count, by a text and by a number value */
	int64_t training = testutil_scalar(db, "SELECT id FROM code WHERE name = 'Training'");
	struct survey_answer a[4];
	assert_int_equal(model_survey_coded_page(db, 2, "Italy", training, NULL, 0, 4, a, &err), 1);
	assert_string_equal(a[0].respondent, "R04");
	assert_string_equal(a[0].text, "We ne");
	assert_string_equal(a[0].question, "What should change?");
	assert_int_equal(a[0].start, 0);
	model_survey_answer_clear(&a[0]);
	assert_int_equal(model_survey_coded_page(db, 4, "7", training, NULL, 0, 4, a, &err), 1);
	assert_string_equal(a[0].respondent, "R02");
	model_survey_answer_clear(&a[0]);
	assert_int_equal(model_survey_coded_page(db, 2, "Chile", training, NULL, 0, 4, a, &err), 0);
	db_close(db);
}

static void test_columns_and_answers(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	assert_int_equal(csvtest_import(db, "basic.csv", &err), JAW_OK);
	assert_int_equal(model_survey_column_count(db, 1, &err), 7);
	struct survey_column_info c[3];
	assert_int_equal(model_survey_column_page(db, 1, 5, 3, c, &err), 2);
	assert_int_equal(c[0].position, 6);
	assert_string_equal(c[0].role, "likert");
	assert_string_equal(c[1].label, "What should change?");
	assert_string_equal(c[1].role, "open_text");
	assert_int_equal(c[1].answers, 3);
	int64_t text = c[1].id;
	model_survey_column_clear(&c[0]);
	model_survey_column_clear(&c[1]);
	assert_int_equal(model_survey_first_column(db, 1, "open_text", &err), text);
	assert_int_equal(model_survey_first_column(db, 1, "ignore", &err), 0);
	assert_int_equal(model_survey_column_get(db, text, &c[0], &err), JAW_OK);
	assert_string_equal(c[0].value_type, "text");
	model_survey_column_clear(&c[0]);
	assert_int_equal(model_survey_column_get(db, 999, &c[0], &err), JAW_FAIL);

	assert_int_equal(model_survey_answer_count(db, text, &err), 3);
	struct survey_answer a[4];
	assert_int_equal(model_survey_answer_page(db, text, 1, 4, a, &err), 2);
	assert_string_equal(a[0].respondent, "R02");
	assert_string_equal(a[0].question, "What should change?");
	assert_int_equal(a[0].codings, 0);
	int64_t r02 = testutil_scalar(db, "SELECT id FROM respondent WHERE external_id = 'R02'");
	for (int i = 0; i < 2; i++)
		model_survey_answer_clear(&a[i]);
	assert_int_equal(model_respondent_answer_page(db, r02, NULL, 0, 4, a, &err), 1);
	assert_string_equal(a[0].text, "Reporting templates ask for the same thing twice, and nobody"
	                               " reads them.");
	model_survey_answer_clear(&a[0]);
	db_close(db);
}

/* None of jaw's own triggers keeps the import from running without
 * triggers; one of the project's own does. */
static void test_other_triggers(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	err_clear(&err);
	assert_true(testutil_scalar(db, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"
	                                " AND tbl_name IN ('source', 'respondent', 'survey_column')")
	            >= 10);
	assert_int_equal(csvimport_other_triggers(db), 0);
	assert_int_equal(db_exec(db, "CREATE TABLE audit (id INTEGER);"
	                             " CREATE TRIGGER audit_respondent AFTER INSERT ON respondent"
	                             " BEGIN INSERT INTO audit VALUES (new.id); END", &err), JAW_OK);
	assert_int_equal(csvimport_other_triggers(db), 1);
	db_close(db);
}

int main(void)
{
	testutil_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_repeated_headings),
		cmocka_unit_test(test_hash_vectors),
		cmocka_unit_test(test_strset),
		cmocka_unit_test(test_reader_lines),
		cmocka_unit_test(test_basic),
		cmocka_unit_test(test_columns_and_answers),
		cmocka_unit_test(test_bom_and_utf16),
		cmocka_unit_test(test_other_encodings),
		cmocka_unit_test(test_delimiters),
		cmocka_unit_test(test_line_ends),
		cmocka_unit_test(test_quoted),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_duplicate_ids),
		cmocka_unit_test(test_headings),
		cmocka_unit_test(test_numbers_as_written),
		cmocka_unit_test(test_values_as_written),
		cmocka_unit_test(test_outliers),
		cmocka_unit_test(test_personal_data),
		cmocka_unit_test(test_property_shown_as_written),
		cmocka_unit_test(test_guess),
		cmocka_unit_test(test_options),
		cmocka_unit_test(test_set_scale),
		cmocka_unit_test(test_queries),
		cmocka_unit_test(test_codings_by_attribute),
		cmocka_unit_test(test_other_triggers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
