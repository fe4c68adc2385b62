/* test_refi.c - REFI-QDA interchange: GUIDs kept per code (and given to
 * codes of older files), the codebook (.qdc) written and read back whole,
 * the variants real exporters write, and each refusal of a bad file, with
 * nothing imported. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "codebook.h"
#include "export.h"
#include "journal.h"
#include "model.h"
#include "project_schema.h"
#include "refi.h"
#include "testutil.h"
#include "xalloc.h"

/* The one text the static SQL sql returns, newly allocated. */
static char *query_text_new(struct jaw_db *db, const char *sql)
{
	jaw_err err;
	err_clear(&err);
	sqlite3_stmt *s = db_stmt(db, sql, &err);
	assert_non_null(s);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	char *dump = db_column_text_new(s, 0);
	sqlite3_reset(s);
	return dump;
}

/* The codebook as one string, a line per code in tree order: its path,
 * GUID, colour and description. */
static char *codebook_dump_new(struct jaw_db *db)
{
	static const char sql[] =
		EXPORT_CODE_TREE
		"SELECT group_concat(line, char(10)) FROM (SELECT p.path || '|' || c.guid || '|'"
		" || c.colour || '|' || c.description AS line FROM paths p JOIN code c ON c.id = p.id"
		" ORDER BY p.key)";
	return query_text_new(db, sql);
}

/* Exports db's codebook as a .qdc file; returns its path. */
static char *qdc_write_new(struct jaw_db *db)
{
	char *path = testutil_path_new("codebook.qdc");
	jaw_err err;
	err_clear(&err);
	if (export_to_path(&exporter_qdc, db, path, NULL, &err) != JAW_OK)
		fail_msg("export qdc: %s", err.msg);
	return path;
}

/* Writes text into a new .qdc file; returns its path. */
static char *qdc_file_new(const char *text)
{
	char *path = testutil_path_new("in.qdc");
	testutil_write_file(path, text, strlen(text));
	return path;
}

/* Imports the .qdc text into db as "ana"; returns the status, err set. */
static int qdc_import(struct jaw_db *db, const char *text, struct refi_import_result *res,
                      jaw_err *err)
{
	char *path = qdc_file_new(text);
	err_clear(err);
	int rc = refi_import_qdc(db, "ana", path, res, err);
	free(path);
	return rc;
}

/* A project of schema version 3 gets a GUID for each code when it is
 * upgraded, and every new code gets one: distinct, 8-4-4-4-12 lower hex,
 * version 4. */
static void test_guids(void **state)
{
	(void)state;
	char *path = testutil_path_new("old.jaw");
	jaw_err err;
	err_clear(&err);
	struct jaw_db *db = NULL;
	assert_int_equal(db_create_version(path, &project_schema, 3, &db, &err), JAW_OK);
	assert_int_equal(db_exec(db, "INSERT INTO code (id, name) VALUES (1, 'A'), (2, 'B')", &err),
	                 JAW_OK);
	db_close(db);
	assert_int_equal(db_open(path, 0, &project_schema, &db, &err), JAW_OK);
	struct code c = {.name = "C"};
	assert_int_equal(codebook_add(db, "ana", &c, &err), JAW_OK);
	assert_int_equal(testutil_scalar(db, "SELECT count(DISTINCT guid) FROM code"), 3);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM code WHERE guid GLOB"
		" '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-"
		"[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-4[0-9a-f][0-9a-f][0-9a-f]-"
		"[89ab][0-9a-f][0-9a-f][0-9a-f]-*' AND length(guid) = 36"
		" AND substr(guid, 25) NOT GLOB '*[^0-9a-f]*'"), 3);
	db_close(db);
	free(path);
	char g[37], h[37];
	refi_guid_random(g);
	refi_guid_random(h);
	assert_int_equal(strlen(g), 36);
	assert_int_equal(g[14], '4');
	assert_string_not_equal(g, h);
}

/* export qdc, then import-qdc into an empty project: the same codebook,
 * hierarchy, names, GUIDs, colours and descriptions (with markup, quotes,
 * line breaks, CR and non-ASCII text) alike; importing again adds nothing. */
static void test_qdc_round_trip(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_demo_new(NULL);
	jaw_err err;
	err_clear(&err);
	assert_int_equal(db_exec(db,
		"UPDATE code SET description = 'Use for \"harm\" & <damage>' || char(10)"
		" || 'in Bucure\xC8\x99ti' || char(13) || char(10) || 'tab' || char(9) || 'end'"
		" WHERE id = (SELECT min(id) FROM code WHERE parent_id IS NOT NULL);"
		"UPDATE code SET name = 'Zo\xC3\xAB''s <code> & \"more\"'"
		" WHERE id = (SELECT max(id) FROM code)", &err), JAW_OK);
	char *want = codebook_dump_new(db);
	char *path = qdc_write_new(db);

	struct jaw_db *empty = testutil_project_new(NULL);
	struct refi_import_result res;
	assert_int_equal(refi_import_qdc(empty, "ana", path, &res, &err), JAW_OK);
	assert_int_equal(res.codes_added, testutil_scalar(db, "SELECT count(*) FROM code"));
	assert_int_equal(res.codes_matched, 0);
	char *got = codebook_dump_new(empty);
	assert_string_equal(got, want);
	free(got);

	/* again: every code is found by its GUID, none added */
	assert_int_equal(refi_import_qdc(empty, "ana", path, &res, &err), JAW_OK);
	assert_int_equal(res.codes_added, 0);
	assert_int_equal(res.codes_matched, testutil_scalar(db, "SELECT count(*) FROM code"));

	/* the import is one change: one undo takes every code back */
	assert_int_equal(testutil_scalar(empty, "SELECT count(*) FROM journal"), 1);
	struct journal_result jr = {0};
	assert_int_equal(journal_undo(empty, "ana", &jr, &err), JAW_OK);
	journal_result_clear(&jr);
	assert_int_equal(testutil_scalar(empty, "SELECT count(*) FROM code"), 0);
	free(want);
	free(path);
	db_close(empty);
	db_close(db);
}

/* What real exporters write: older namespaces, an empty <Sets/>, CR LF,
 * GUIDs in braces and upper case, #RGB colours, no XML declaration, a code
 * named like one the project has under the same parent. */
static void test_qdc_variants(void **state)
{
	(void)state;
	static const char *const ns[] = {
		"urn:QDA-XML:codebook:1.0", "urn:QDA-XML:codebook:0:4", "urn:QDA-XML:codebook:1:0",
	};
	for (size_t i = 0; i < 3; i++) {
		struct jaw_db *db = testutil_project_new(NULL);
		char *text = xasprintf(
			"<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n"
			"<CodeBook xmlns=\"%s\" origin=\"Other 1.0\">\r\n"
			"<Codes>\r\n"
			"<Code guid=\"{A1B2C3D4-0000-4000-8000-00000000000A}\" name=\"Top\""
			" isCodable=\"true\" color=\"#f0a\">\r\n"
			"<Description>one\r\ntwo</Description>\r\n"
			"<Code guid=\"a1b2c3d4-0000-4000-8000-00000000000b\" name=\"Child\""
			" isCodable=\"false\"/>\r\n"
			"</Code>\r\n"
			"<Code guid=\"a1b2c3d4-0000-4000-8000-00000000000c\" name=\"Second\""
			" isCodable=\"true\"><Code guid=\"a1b2c3d4-0000-4000-8000-00000000000d\""
			" name=\"Child\" isCodable=\"true\"/></Code>\r\n"
			"</Codes>\r\n<Sets/>\r\n</CodeBook>\r\n", ns[i]);
		struct refi_import_result res;
		jaw_err err;
		if (qdc_import(db, text, &res, &err) != JAW_OK)
			fail_msg("%s: %s", ns[i], err.msg);
		assert_int_equal(res.codes_added, 4);
		char *got = codebook_dump_new(db);
		assert_string_equal(got,
			"Top|a1b2c3d4-0000-4000-8000-00000000000a|#ff00aa|one\ntwo\n"
			"Top/Child|a1b2c3d4-0000-4000-8000-00000000000b||\n"
			"Second|a1b2c3d4-0000-4000-8000-00000000000c||\n"
			"Second/Child|a1b2c3d4-0000-4000-8000-00000000000d||");
		free(got);
		free(text);
		db_close(db);
	}

	/* without a namespace, and a code the project has by name: used, not added */
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	err_clear(&err);
	struct code c = {.name = "Training"};
	assert_int_equal(codebook_add(db, "ana", &c, &err), JAW_OK);
	struct refi_import_result res;
	assert_int_equal(qdc_import(db,
		"<CodeBook><Codes><Code guid=\"a1b2c3d4-0000-4000-8000-00000000000e\" name=\"Training\""
		" isCodable=\"true\"><Code guid=\"a1b2c3d4-0000-4000-8000-00000000000f\" name=\"Drills\""
		" isCodable=\"true\"/></Code></Codes></CodeBook>", &res, &err), JAW_OK);
	assert_int_equal(res.codes_added, 1);
	assert_int_equal(res.codes_matched, 1);
	assert_int_equal(testutil_scalar(db, "SELECT parent_id FROM code WHERE name = 'Drills'"),
	                 c.id);
	db_close(db);
}

/* Each refusal names the file, the line (and for malformed XML the
 * column), and leaves the project as it was. */
static void test_qdc_refusals(void **state)
{
	(void)state;
	static const struct {
		const char *text, *message;
	} cases[] = {
		{"<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\">\n<Codes>\n"
		 "<Code guid=\"a1b2c3d4-0000-4000-8000-000000000001\" name=\"A\" isCodable=\"true\">\n"
		 "</Codes></CodeBook>\n", "line 4, column 3: mismatched tag"},
		{"<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"><Codes>\n  <Code name=\"A &amp B\"/>",
		 "line 2, column 21: not well-formed (invalid token)"},
		{"", "line 1, column 1: no element found"},
		{"<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"><Codes>\n",
		 "line 2, column 1: no element found"},
		{"<Project xmlns=\"urn:QDA-XML:project:1.0\"/>",
		 "line 1: the document is <Project>, not a REFI-QDA codebook (<CodeBook>)"},
		{"<CodeBook xmlns=\"urn:other\"><Codes/></CodeBook>",
		 "line 1: <CodeBook> is in the namespace \"urn:other\", not urn:QDA-XML:codebook:1.0"},
		{"<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"><Codes/><Sets/></CodeBook>",
		 ": the codebook holds no code"},
		{"<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"><Codes>\n\n"
		 "<Code guid=\"a1b2c3d4-0000-4000-8000-000000000001\" isCodable=\"true\"/>"
		 "</Codes></CodeBook>", "line 3: a <Code> without a name"},
		{"<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"><Codes>\n"
		 "<Code name=\"A\" isCodable=\"true\"/></Codes></CodeBook>",
		 "line 2: code \"A\": it has no guid"},
		{"<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"><Codes>\n"
		 "<Code guid=\"12\" name=\"A\" isCodable=\"true\"/></Codes></CodeBook>",
		 "line 2: code \"A\": its guid is not a GUID (8-4-4-4-12 hex digits)"},
		{"<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"><Codes>\n"
		 "<Code guid=\"a1b2c3d4-0000-4000-8000-000000000001\" name=\"A\" isCodable=\"true\""
		 " color=\"red\"/></Codes></CodeBook>",
		 "line 2: code \"A\": its color \"red\" is not #RRGGBB or #RGB"},
		{"<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"><Codes>\n"
		 "<Code guid=\"a1b2c3d4-0000-4000-8000-000000000001\" name=\"Fine\" isCodable=\"true\"/>\n"
		 "<Code guid=\"a1b2c3d4-0000-4000-8000-000000000002\" name=\"Bad&#x1B;name\""
		 " isCodable=\"true\"/></Codes></CodeBook>",
		 "line 3, column 60: reference to invalid character number"},
		{"<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"><Codes>\n"
		 "<Code guid=\"a1b2c3d4-0000-4000-8000-000000000001\" name=\"Fine\" isCodable=\"true\"/>\n"
		 "<Code guid=\"a1b2c3d4-0000-4000-8000-000000000002\" name=\"Bad&#9;name\""
		 " isCodable=\"true\"/></Codes></CodeBook>",
		 "line 3: code \"Bad\tname\": a code's name must not hold control characters"},
	};
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct refi_import_result res;
		if (qdc_import(db, cases[i].text, &res, &err) != JAW_FAIL)
			fail_msg("case %zu was imported", i);
		if (!strstr(err.msg, "in.qdc") || !strstr(err.msg, cases[i].message))
			fail_msg("case %zu: \"%s\" lacks \"%s\"", i, err.msg, cases[i].message);
		assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM code"), 0);
		assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM journal"), 0);
	}
	struct refi_import_result res;
	err_clear(&err);
	assert_int_equal(refi_import_qdc(db, "ana", "/nonexistent/x.qdc", &res, &err), JAW_FAIL);
	assert_string_equal(err.msg, "/nonexistent/x.qdc: cannot read: No such file or directory");
	db_close(db);
}

/* An empty codebook cannot be written as QDA-XML: refused, no file. */
static void test_qdc_export_empty(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	char *path = testutil_path_new("none.qdc");
	jaw_err err;
	err_clear(&err);
	assert_int_equal(export_to_path(&exporter_qdc, db, path, NULL, &err), JAW_FAIL);
	assert_string_equal(err.msg, "the codebook has no codes, and a REFI-QDA codebook holds at"
	                             " least one");
	FILE *f = fopen(path, "r");
	assert_null(f);
	free(path);
	db_close(db);
}

/* Sources and coded texts as one string, titles as shown. */
static char *coded_dump_new(struct jaw_db *db)
{
	static const char sql[] =
		"SELECT group_concat(line, char(10)) FROM (SELECT " MODEL_SOURCE_TITLE("s")
		" || '|' || c.name || '|' || k.coder || '|' || substr(s.text, k.start_cp + 1,"
		" k.end_cp - k.start_cp) AS line FROM coding k JOIN source s ON s.id = k.source_id"
		" JOIN code c ON c.id = k.code_id ORDER BY line)";
	return query_text_new(db, sql);
}

/* The sources (titles as shown, texts) as one string. */
static char *sources_dump_new(struct jaw_db *db)
{
	static const char sql[] =
		"SELECT group_concat(line, char(10)) FROM (SELECT " MODEL_SOURCE_TITLE("s")
		" || '|' || s.text AS line FROM source s ORDER BY s.id)";
	return query_text_new(db, sql);
}

/* export qdpx, then import-qdpx into an empty project: the same codebook,
 * the same sources (titles as shown, texts) and the same coded texts by
 * code and coder; importing again adds nothing; undo takes the codes,
 * codings and sources back, and redo brings them again. */
static void test_qdpx_round_trip(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_demo_new(NULL);
	jaw_err err;
	err_clear(&err);
	/* a source with CR-free text holding markup and astral characters */
	assert_int_equal(db_exec(db,
		"INSERT INTO source (id, kind, title, text) VALUES (9000, 'interview', 'Zo\xC3\xAB <&>',"
		" 'A \xF0\x9F\x98\x80 then <b>bold</b> & more');"
		"INSERT INTO coding (source_id, start_cp, end_cp, code_id, coder, memo) VALUES"
		" (9000, 2, 9, (SELECT min(id) FROM code), 'ana', 'a <memo>')", &err), JAW_OK);
	char *path = testutil_path_new("p.qdpx");
	if (export_to_path(&exporter_qdpx, db, path, NULL, &err) != JAW_OK)
		fail_msg("export qdpx: %s", err.msg);
	struct jaw_db *empty = testutil_project_new(NULL);
	struct refi_import_result res;
	if (refi_import_qdpx(empty, "ana", path, &res, &err) != JAW_OK)
		fail_msg("import qdpx: %s", err.msg);
	assert_int_equal(res.sources_added, testutil_scalar(db, "SELECT count(*) FROM source"));
	assert_int_equal(res.codings_added, testutil_scalar(db, "SELECT count(*) FROM coding"));
	char *want = codebook_dump_new(db), *got = codebook_dump_new(empty);
	assert_string_equal(got, want);
	free(want);
	free(got);
	want = coded_dump_new(db);
	got = coded_dump_new(empty);
	assert_string_equal(got, want);
	free(want);
	free(got);
	want = sources_dump_new(db);
	got = sources_dump_new(empty);
	assert_string_equal(got, want);
	free(want);
	free(got);
	assert_int_equal(refi_import_qdpx(empty, "ana", path, &res, &err), JAW_OK);
	assert_int_equal(res.sources_added + res.codes_added + res.codings_added, 0);
	struct journal_result jr = {0};
	assert_int_equal(journal_undo(empty, "ana", &jr, &err), JAW_OK);
	journal_result_clear(&jr);
	assert_int_equal(testutil_scalar(empty, "SELECT count(*) FROM coding"), 0);
	assert_int_equal(testutil_scalar(empty, "SELECT count(*) FROM code"), 0);
	assert_int_equal(testutil_scalar(empty, "SELECT count(*) FROM source"), 0);
	/* and redo brings all of it back */
	assert_int_equal(journal_redo(empty, "ana", &jr, &err), JAW_OK);
	journal_result_clear(&jr);
	want = coded_dump_new(db);
	got = coded_dump_new(empty);
	assert_string_equal(got, want);
	free(want);
	free(got);
	free(path);
	db_close(empty);
	db_close(db);
}

/* A .qdpx with CR LF text and a byte order mark, its positions counted in
 * the file's characters: each coding lands on the same characters of the
 * stored (LF) text. Then each refusal, with nothing imported. */
static void test_qdpx_positions_and_refusals(void **state)
{
	(void)state;
	static const char qde[] =
		"<?xml version=\"1.0\"?>\n<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"p\">"
		"<Users><User guid=\"00000000-0000-4000-8000-000000000001\" name=\"zoe\"/></Users>\n"
		"<CodeBook><Codes><Code guid=\"00000000-0000-4000-8000-0000000000c1\" name=\"K\""
		" isCodable=\"true\"/></Codes></CodeBook>\n<Sources>"
		"<TextSource guid=\"00000000-0000-4000-8000-0000000000a1\" name=\"T\""
		" plainTextPath=\"internal://t.txt\">\n"
		"<PlainTextSelection guid=\"00000000-0000-4000-8000-0000000000b1\""
		" startPosition=\"%s\" endPosition=\"%s\"><Coding"
		" guid=\"00000000-0000-4000-8000-0000000000d1\""
		" creatingUser=\"00000000-0000-4000-8000-000000000001\"><CodeRef"
		" targetGUID=\"%s\"/></Coding></PlainTextSelection>"
		"</TextSource><PDFSource guid=\"00000000-0000-4000-8000-0000000000e1\"/></Sources>%s";
	/* BOM, "ab" CR LF "ced" (e acute) CR LF: the file's characters 5..8 (after the BOM) are "ced" */
	static const char text[] = "\xEF\xBB\xBF" "ab\r\nc\xC3\xA9" "d\r\n";
	static const struct {
		const char *start, *end, *code, *tail, *message;
	} cases[] = {
		{"5", "8", "00000000-0000-4000-8000-0000000000c1", "</Project>", NULL},
		{"5", "8", "00000000-0000-4000-8000-0000000000c1", "</Sources>",
		 "project.qde line 5, column 374: mismatched tag"},
		{"4", "99", "00000000-0000-4000-8000-0000000000c1", "</Project>",
		 "project.qde line 5: a selection from 4 to 99, past the end of source \"T\" (10"
		 " characters)"},
		{"7", "4", "00000000-0000-4000-8000-0000000000c1", "</Project>",
		 "project.qde line 5: a <PlainTextSelection> from 7 to 4: its end must come after its"
		 " start"},
		{"x", "4", "00000000-0000-4000-8000-0000000000c1", "</Project>",
		 "project.qde line 5: a <PlainTextSelection> whose startPosition \"x\""},
		{"4", "7", "00000000-0000-4000-8000-0000000000c9", "</Project>",
		 "project.qde line 5: a coding of the code 00000000-0000-4000-8000-0000000000c9, which"
		 " is not in the codebook"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *path = testutil_path_new("t.qdpx");
		int zerr;
		zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
		assert_non_null(z);
		char *doc = xasprintf(qde, cases[i].start, cases[i].end, cases[i].code, cases[i].tail);
		zip_source_t *a = zip_source_buffer(z, doc, strlen(doc), 0);
		zip_source_t *b = zip_source_buffer(z, text, strlen(text), 0);
		assert_true(zip_file_add(z, "project.qde", a, 0) >= 0);
		assert_true(zip_file_add(z, "sources/T.TXT", b, 0) >= 0); /* any case */
		assert_int_equal(zip_close(z), 0);
		free(doc);
		struct jaw_db *db = testutil_project_new(NULL);
		struct refi_import_result res;
		jaw_err err;
		err_clear(&err);
		int rc = refi_import_qdpx(db, "ana", path, &res, &err);
		if (!cases[i].message) {
			if (rc != JAW_OK)
				fail_msg("%s", err.msg);
			assert_int_equal(res.sources_skipped, 1);
			assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM coding WHERE coder ="
			                                     " 'zoe' AND start_cp = 3 AND end_cp = 6"), 1);
			assert_int_equal(testutil_scalar(db, "SELECT text = 'ab' || char(10) || 'c\xC3\xA9' || 'd'"
			                                     " || char(10) FROM source"), 1);
		} else {
			assert_int_equal(rc, JAW_FAIL);
			if (!strstr(err.msg, cases[i].message))
				fail_msg("case %zu: \"%s\" lacks \"%s\"", i, err.msg, cases[i].message);
			assert_int_equal(testutil_scalar(db, "SELECT (SELECT count(*) FROM source)"
			                 " + (SELECT count(*) FROM code) + (SELECT count(*) FROM coding)"), 0);
		}
		db_close(db);
		free(path);
	}
	struct jaw_db *db = testutil_project_new(NULL);
	struct refi_import_result res;
	jaw_err err;
	char *notzip = testutil_path_new("x.qdpx");
	testutil_write_file(notzip, "hello", 5);
	assert_int_equal(refi_import_qdpx(db, "ana", notzip, &res, &err), JAW_FAIL);
	assert_non_null(strstr(err.msg, "x.qdpx: cannot open: Not a zip archive"));
	free(notzip);
	db_close(db);
}

/* The real projects exported by qc and by NVivo, where present: every
 * text coding lands on the same text (qc names each selection after the
 * line it covers: each coded text is one whole line). */
static void test_qdpx_corpora(void **state)
{
	(void)state;
	const char *top = getenv("top_srcdir");
	char *dir = xasprintf("%s/../shared/corpora/refi-qda/cproctor-qualitative-coding",
	                      top ? top : ".");
	char *qc = xasprintf("%s/demo.qdpx", dir), *nvivo = xasprintf("%s/nvivo_project.qdpx", dir);
	FILE *f = fopen(qc, "rb");
	if (!f) { /* no corpus here (as in make distcheck): nothing to compare */
		printf("# no REFI-QDA corpus at %s\n", dir);
		free(dir);
		free(qc);
		free(nvivo);
		return;
	}
	fclose(f);
	struct jaw_db *db = testutil_project_new(NULL);
	struct refi_import_result res;
	jaw_err err;
	err_clear(&err);
	if (refi_import_qdpx(db, "ana", qc, &res, &err) != JAW_OK)
		fail_msg("%s", err.msg);
	assert_int_equal(res.codes_added, 262);
	assert_int_equal(res.sources_added, 2);
	assert_int_equal(res.codings_added, 205);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM coding k JOIN source s ON"
		" s.id = k.source_id WHERE (k.start_cp = 0 OR substr(s.text, k.start_cp, 1) = char(10))"
		" AND substr(s.text, k.end_cp, 1) = char(10)"
		" AND instr(substr(s.text, k.start_cp + 1, k.end_cp - k.start_cp - 1), char(10)) = 0"),
		205);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM coding WHERE start_cp = 320"
		" AND end_cp = 400 AND substr((SELECT text FROM source WHERE id = source_id), 321, 80)"
		" = 'This district goal is engage every student in joyful, purposeful learning that '"
		" || char(10)"), 1);
	db_close(db);
	db = testutil_project_new(NULL);
	if (refi_import_qdpx(db, "ana", nvivo, &res, &err) != JAW_OK)
		fail_msg("%s", err.msg);
	assert_int_equal(res.codes_added, 262);
	assert_int_equal(res.sources_skipped, 2); /* NVivo wrote them blank */
	db_close(db);
	free(dir);
	free(qc);
	free(nvivo);
}

int main(void)
{
	testutil_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_guids),
		cmocka_unit_test(test_qdc_round_trip),
		cmocka_unit_test(test_qdc_variants),
		cmocka_unit_test(test_qdc_refusals),
		cmocka_unit_test(test_qdc_export_empty),
		cmocka_unit_test(test_qdpx_round_trip),
		cmocka_unit_test(test_qdpx_positions_and_refusals),
		cmocka_unit_test(test_qdpx_corpora),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
