/* test_csvsource.c - CSV read from a path, a file descriptor (a file and a
 * pipe) and a buffer: the same rows, lines, errors and file facts for every
 * fixture of tests/fixtures/csv and for a file larger than a read block; a
 * survey planned and imported from memory as from its file. */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvimport.h"
#include "csvread.h"
#include "csvtest.h"
#include "hash.h"
#include "testutil.h"
#include "xalloc.h"

/* What a read saw: every row's lines and fields (hashed), the outcome. */
struct seen {
	int64_t rows;
	struct hash64 rows_hash;
	int status;
	char msg[1024];
	struct csvread_info info;
	uint64_t digest;
};

static int seen_row(void *ctx, const struct csvread_row *row, jaw_err *err)
{
	struct seen *s = ctx;
	(void)err;
	s->rows++;
	hash64_update(&s->rows_hash, &row->line, sizeof row->line);
	hash64_update(&s->rows_hash, &row->end_line, sizeof row->end_line);
	hash64_update(&s->rows_hash, &row->nfields, sizeof row->nfields);
	for (int i = 0; i < row->nfields; i++) {
		hash64_update(&s->rows_hash, &row->lens[i], sizeof row->lens[i]);
		hash64_update(&s->rows_hash, row->fields[i], row->lens[i]);
	}
	return JAW_OK;
}

static void seen_read(const struct csvread_source *src, const struct csvread_options *opt,
                      struct seen *s)
{
	jaw_err err;
	err_clear(&err);
	memset(s, 0, sizeof *s);
	hash64_init(&s->rows_hash);
	s->status = csvread(src, opt, seen_row, s, &s->info, &err);
	snprintf(s->msg, sizeof s->msg, "%s", err.msg);
	s->digest = hash64_final(&s->rows_hash);
}

/* Fails unless a and b saw the same; says which source differs. */
static void seen_same(const struct seen *a, const struct seen *b, const char *what,
                      const char *name)
{
	if (a->status != b->status || strcmp(a->msg, b->msg) != 0 || a->rows != b->rows ||
	    a->digest != b->digest || a->info.delimiter != b->info.delimiter ||
	    strcmp(a->info.encoding, b->info.encoding) != 0 || a->info.hash != b->info.hash ||
	    a->info.lines != b->info.lines || a->info.empty_rows != b->info.empty_rows)
		fail_msg("%s read from %s differs from its file: status %d/%d, \"%s\" / \"%s\","
		         " %lld/%lld rows", name, what, a->status, b->status, a->msg, b->msg,
		         (long long)a->rows, (long long)b->rows);
}

static char *slurp_new(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	size_t cap = 1 << 16, n = 0;
	char *buf = xmalloc(cap);
	size_t k;
	while ((k = fread(buf + n, 1, cap - n, f)) > 0) {
		n += k;
		if (n == cap)
			buf = xrealloc(buf, cap *= 2);
	}
	fclose(f);
	*len = n;
	return buf;
}

/* Reads path as a path, through a descriptor, through a pipe (when small)
 * and from memory named as the path; all must see the same. */
static void check_sources(const char *path, const struct csvread_options *opt,
                          struct seen *out)
{
	struct seen by_path, by_fd, by_buffer, by_pipe;
	struct csvread_source src = csvread_path(path);
	seen_read(&src, opt, &by_path);

	int fd = open(path, O_RDONLY);
	assert_true(fd >= 0);
	assert_true(lseek(fd, 5, SEEK_SET) >= 0 || true); /* read from the start all the same */
	src = csvread_fd(fd, path);
	seen_read(&src, opt, &by_fd);
	close(fd);
	seen_same(&by_fd, &by_path, "a descriptor", path);

	size_t len;
	char *data = slurp_new(path, &len);
	src = csvread_buffer(data, len, path);
	seen_read(&src, opt, &by_buffer);
	seen_same(&by_buffer, &by_path, "memory", path);

	if (len < 32768) { /* fits a pipe: written at once, then read */
		int p[2];
		assert_int_equal(pipe(p), 0);
		assert_int_equal(write(p[1], data, len), (ssize_t)len);
		close(p[1]);
		src = csvread_fd(p[0], path);
		seen_read(&src, opt, &by_pipe);
		close(p[0]);
		by_pipe.info.bytes = by_path.info.bytes; /* a pipe has no size */
		seen_same(&by_pipe, &by_path, "a pipe", path);
	}
	free(data);
	if (out)
		*out = by_path;
}

static void test_every_fixture(void **state)
{
	(void)state;
	static const char *const fixtures[] = {
		"basic.csv", "binary.dat", "bom.csv", "cp1252.csv", "cr.csv", "crlf.csv",
		"dup-ids.csv", "guess.csv", "header-rows.csv", "headers.csv", "invalid-utf8.csv",
		"latin1.csv", "likert-labels.csv", "long-headers.csv", "nofinal.csv", "nul.csv",
		"pipe.csv", "quoted.csv", "ragged.csv", "semicolon.csv", "tab.tsv",
		"unterminated.csv", "utf16be.csv", "utf16le.csv", "workbook.xlsx",
	};
	int failures = 0;
	for (size_t i = 0; i < sizeof fixtures / sizeof *fixtures; i++) {
		char *path = csvtest_fixture_new(fixtures[i]);
		struct csvread_options plain = {0}, latin1 = {.encoding = "latin1"};
		struct seen s;
		check_sources(path, &plain, &s);
		failures += s.status != JAW_OK;
		check_sources(path, &latin1, NULL);
		free(path);
	}
	/* the fixtures hold errors too: those were compared as well */
	assert_true(failures >= 5);
}

/* A file of several read blocks, with an unterminated quote near its end:
 * the same line numbers from memory as from the file. */
static void test_large_with_late_error(void **state)
{
	(void)state;
	char *path = csvtest_survey_rows_new("large.csv", 4000);
	FILE *f = fopen(path, "a");
	assert_non_null(f);
	fputs("R99999,Nation 1,3,\"never closed\nmore\n", f);
	fclose(f);
	struct csvread_options opt = {0};
	struct seen s;
	check_sources(path, &opt, &s);
	assert_true(s.info.bytes > 3 * (256 << 10) / 2);
	assert_int_equal(s.status, JAW_FAIL);
	char *want = xasprintf("%s line 4002: unterminated quoted field: the quote that opens it"
	                       " on this line is never closed", path);
	assert_string_equal(s.msg, want);
	free(want);
	free(path);
}

/* A descriptor that cannot be read names the source. */
static void test_bad_descriptor(void **state)
{
	(void)state;
	struct csvread_options opt = {0};
	struct seen s;
	struct csvread_source src = csvread_fd(-1, "stdin");
	seen_read(&src, &opt, &s);
	assert_int_equal(s.status, JAW_FAIL);
	assert_string_equal(s.msg, "stdin: cannot read: Bad file descriptor");
	src = csvread_buffer("", 0, "nothing");
	seen_read(&src, &opt, &s);
	assert_string_equal(s.msg, "nothing line 1: the file is empty");
}

/* A survey planned and imported from memory is the survey its file gives,
 * and refused with the same messages. */
static void test_import_from_memory(void **state)
{
	(void)state;
	jaw_err err;
	err_clear(&err);
	char *path = csvtest_fixture_new("basic.csv");
	size_t len;
	char *data = slurp_new(path, &len);
	struct csvread_source src = csvread_buffer(data, len, "survey.csv");
	struct csvimport_options opt = {0};
	struct csvimport_plan *mem = csvimport_plan_source_new(&src, &opt, &err);
	struct csvimport_plan *file = csvimport_plan_new(path, &opt, &err);
	assert_non_null(mem);
	assert_non_null(file);
	assert_string_equal(mem->name, "survey");
	assert_string_equal(mem->hash, file->hash);
	assert_int_equal(mem->rows, file->rows);
	assert_int_equal(mem->answers, file->answers);
	assert_int_equal(mem->ncolumns, file->ncolumns);
	struct jaw_db *db = testutil_project_new(NULL);
	struct csvimport_result res;
	assert_int_equal(csvimport_run(db, mem, &opt, &res, &err), JAW_OK);
	assert_int_equal(res.respondents, file->rows);
	csvtest_assert_text(db, "SELECT origin_file FROM survey", "survey.csv");
	csvtest_assert_sound(db);
	/* the same text again, by file: already imported */
	struct csvimport_result again;
	assert_int_equal(csvimport_run(db, file, &opt, &again, &err), JAW_FAIL);
	assert_non_null(strstr(err.msg, "already imported as the survey \"survey\""));
	csvimport_plan_free(mem);
	csvimport_plan_free(file);
	free(data);
	free(path);

	/* in one step, as csvimport_file does; what err held before (here the
	 * refusal above) does not turn the import into a failure */
	path = csvtest_fixture_new("guess.csv");
	data = slurp_new(path, &len);
	src = csvread_buffer(data, len, "guess.csv");
	struct csvimport_plan *plan = NULL;
	assert_int_equal(err.status, JAW_FAIL);
	int rc = csvimport_source(db, &src, &opt, &plan, &res, &err);
	if (rc != JAW_OK)
		fail_msg("%d %s", rc, err.msg);
	assert_int_equal(res.reads, 1);
	csvimport_plan_free(plan);
	free(data);
	free(path);

	/* a refusal names the source as it names a file */
	path = csvtest_fixture_new("ragged.csv");
	data = slurp_new(path, &len);
	src = csvread_buffer(data, len, path);
	jaw_err from_file, from_memory;
	err_clear(&from_file);
	err_clear(&from_memory);
	plan = csvimport_plan_source_new(&src, &opt, &from_memory);
	int rc_memory = plan ? csvimport_run(db, plan, &opt, &res, &from_memory) : from_memory.status;
	csvimport_plan_free(plan);
	int rc_file = csvtest_import(db, "ragged.csv", &from_file);
	assert_int_equal(rc_memory, JAW_FAIL);
	assert_int_equal(rc_file, JAW_FAIL);
	assert_string_equal(from_memory.msg, from_file.msg);
	free(data);
	free(path);
	db_close(db);
}

int main(void)
{
	testutil_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_fixture),
		cmocka_unit_test(test_large_with_late_error),
		cmocka_unit_test(test_bad_descriptor),
		cmocka_unit_test(test_import_from_memory),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
