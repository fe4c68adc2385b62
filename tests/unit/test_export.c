/* test_export.c - the exporter interface: the registry, the loop that
 * drives an exporter (begin, rows, end, and a row that fails), files
 * written whole or not at all, and the codings exporter. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "export.h"
#include "testutil.h"
#include "xalloc.h"

/* A test exporter: writes "begin", rows "1".."n" (failing at row fail_at
 * if that is not 0) and "end"; records what the driver called. */
struct counting {
	int rows, fail_at, ended, ended_ok;
};

static struct counting counting;

static int counting_begin(struct jaw_db *db, FILE *out, void **state, jaw_err *err)
{
	(void)db;
	(void)err;
	fputs("begin\n", out);
	*state = &counting;
	return JAW_OK;
}

static enum export_step counting_row(void *state, FILE *out, jaw_err *err)
{
	struct counting *c = state;
	if (c->rows == 3)
		return EXPORT_DONE;
	if (++c->rows == c->fail_at) {
		err_set(err, JAW_FAIL, "row %d failed", c->rows);
		return EXPORT_FAILED;
	}
	fprintf(out, "%d\n", c->rows);
	return EXPORT_MORE;
}

static int counting_end(void *state, FILE *out, bool ok, jaw_err *err)
{
	struct counting *c = state;
	(void)err;
	c->ended++;
	c->ended_ok = ok;
	if (ok)
		fputs("end\n", out);
	return JAW_OK;
}

static const struct exporter counting_exporter = {
	"counting", "three rows", counting_begin, counting_row, counting_end,
};

static char *read_file_new(const char *path)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	char *buf = xcalloc(1, 4096);
	assert_true(fread(buf, 1, 4095, f) < 4095);
	fclose(f);
	return buf;
}

static void test_registry(void **state)
{
	(void)state;
	assert_ptr_equal(export_find("codings"), &exporter_codings);
	assert_null(export_find("nothing"));
	char names[64];
	export_names(names, sizeof names, ", ");
	assert_string_equal(names, "codings");
	for (const struct exporter *const *x = export_all; *x; x++) {
		assert_non_null((*x)->summary);
		assert_non_null((*x)->begin);
		assert_non_null((*x)->row);
		assert_non_null((*x)->end);
	}
}

static void test_run_and_write_file(void **state)
{
	(void)state;
	jaw_err err;
	err_clear(&err);
	char *path = testutil_path_new("rows.txt");
	counting = (struct counting){0};
	assert_int_equal(export_to_path(&counting_exporter, NULL, path, &err), JAW_OK);
	assert_int_equal(counting.ended, 1);
	assert_true(counting.ended_ok);
	char *got = read_file_new(path);
	assert_string_equal(got, "begin\n1\n2\n3\nend\n");
	free(got);

	/* a row that fails: end still frees, the file keeps what it had */
	counting = (struct counting){.fail_at = 2};
	assert_int_equal(export_to_path(&counting_exporter, NULL, path, &err), JAW_FAIL);
	assert_string_equal(err.msg, "row 2 failed");
	assert_int_equal(counting.ended, 1);
	assert_false(counting.ended_ok);
	got = read_file_new(path);
	assert_string_equal(got, "begin\n1\n2\n3\nend\n");
	free(got);

	/* a file that cannot be made */
	char *bad = testutil_path_new("no/such/dir.csv");
	counting = (struct counting){0};
	assert_int_equal(export_to_path(&counting_exporter, NULL, bad, &err), JAW_FAIL);
	assert_non_null(strstr(err.msg, "dir.csv: cannot write: No such file or directory"));
	assert_int_equal(counting.ended, 0);
	free(bad);
	free(path);
}

/* The codings exporter through export_run: the header, then one row per
 * coding with its exact text and the code's path. */
static void test_codings(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	err_clear(&err);
	assert_int_equal(db_exec(db,
		"INSERT INTO source (id, kind, title, text) VALUES (1, 'interview', 'Note',"
		" 'Zo\xC3\xAB said \"no\"');"
		"INSERT INTO code (id, name) VALUES (1, 'Protection');"
		"INSERT INTO code (id, parent_id, name) VALUES (2, 1, 'Harm');"
		"INSERT INTO coding (id, source_id, start_cp, end_cp, code_id, coder, created, memo)"
		" VALUES (1, 1, 0, 3, 2, 'ana', '2026-01-01T00:00:00Z', ''),"
		" (2, 1, 9, 13, 1, 'ben', '2026-01-02T00:00:00Z', 'a memo')", &err), JAW_OK);
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	assert_non_null(out);
	assert_int_equal(export_run(&exporter_codings, db, out, &err), JAW_OK);
	fclose(out);
	assert_string_equal(buf,
		"source,code,coder,start,end,text,source_title,source_kind,stakeholder,code_path,"
		"memo,created,coding\n"
		"1,\"Harm\",\"ana\",0,3,\"Zo\xC3\xAB\",\"Note\",\"interview\",\"\",\"Protection/Harm\","
		"\"\",\"2026-01-01T00:00:00Z\",1\n"
		"1,\"Protection\",\"ben\",9,13,\"\"\"no\"\"\",\"Note\",\"interview\",\"\",\"Protection\","
		"\"a memo\",\"2026-01-02T00:00:00Z\",2\n");
	free(buf);
	db_close(db);
}

int main(void)
{
	testutil_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_registry),
		cmocka_unit_test(test_run_and_write_file),
		cmocka_unit_test(test_codings),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
