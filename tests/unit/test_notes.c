/* test_notes.c - importing notes: normalisation, encodings, refusals,
 * titles, batches stored all or nothing, repeated texts. */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "journal.h"
#include "model.h"
#include "notes.h"
#include "testutil.h"
#include "xalloc.h"

/* Asserts that err holds status and exactly msg. */
#define assert_err(err, st, text)                                              \
	do {                                                                       \
		assert_int_equal((err).status, (st));                                  \
		assert_string_equal((err).msg, (text));                                \
	} while (0)

/* Normalises data[0..len) with encoding; asserts success and the result. */
static void assert_normalised(const char *data, size_t len, const char *encoding,
                              const char *want)
{
	jaw_err err;
	err_clear(&err);
	char *got = notes_normalise_new("n.txt", data, len, encoding, &err);
	if (!got)
		fail_msg("normalising failed: %s", err.msg);
	assert_string_equal(got, want);
	free(got);
}

/* Normalising data[0..len) fails with exactly msg. */
static void assert_refused(const char *data, size_t len, const char *encoding, int status,
                           const char *msg)
{
	jaw_err err;
	err_clear(&err);
	char *got = notes_normalise_new("n.txt", data, len, encoding, &err);
	if (got)
		fail_msg("normalising \"%s\" should fail; got \"%s\"", data, got);
	assert_err(err, status, msg);
}

#define S(lit) lit, sizeof lit - 1

static void test_normalise_line_ends_and_bom(void **state)
{
	(void)state;
	assert_normalised(S("plain\ntext\n"), NULL, "plain\ntext\n");
	assert_normalised(S("dos\r\nlines\r\n"), NULL, "dos\nlines\n");
	assert_normalised(S("old\rmac\r"), NULL, "old\nmac\n");
	assert_normalised(S("mixed\r\n\r\rend\n\r\n"), NULL, "mixed\n\n\nend\n\n");
	assert_normalised(S("\xEF\xBB\xBF" "Bom\r\n"), NULL, "Bom\n");
	/* only a leading BOM is dropped */
	assert_normalised(S("a\xEF\xBB\xBF" "b"), NULL, "a\xEF\xBB\xBF" "b");
	assert_normalised(S("Zo\xC3\xAB in Krak\xC3\xB3w \xF0\x9F\x98\x80\r\n"), "",
	                  "Zo\xC3\xAB in Krak\xC3\xB3w \xF0\x9F\x98\x80\n");
}

static void test_normalise_encodings(void **state)
{
	(void)state;
	assert_normalised(S("caf\xE9 \xE0 Bucure\xBAti\r\n"), "latin1",
	                  "caf\xC3\xA9 \xC3\xA0 Bucure\xC2\xBAti\n");
	/* windows-1252 curly quotes and dash */
	assert_normalised(S("\x93quoted\x94 \x96 it\x92s"), "WINDOWS-1252",
	                  "\xE2\x80\x9Cquoted\xE2\x80\x9D \xE2\x80\x93 it\xE2\x80\x99s");
	/* UTF-16 with its byte order mark, and CR LF */
	assert_normalised(S("\xFF\xFEH\0i\0\r\0\n\0\xE9\0"), "UTF-16", "Hi\n\xC3\xA9");
	/* a UTF-16 byte order mark names the encoding, as import-csv reads it */
	assert_normalised(S("\xFF\xFEH\0i\0\r\0\n\0\xE9\0"), NULL, "Hi\n\xC3\xA9");
	assert_normalised(S("\xFE\xFF\0H\0i"), NULL, "Hi");
	/* a UTF-8 BOM read through an explicit UTF-8 conversion is dropped too */
	assert_normalised(S("\xEF\xBB\xBFok"), "UTF-8", "ok");
}

static void test_normalise_refusals(void **state)
{
	(void)state;
	assert_refused(S("caf\xE9 ok"), NULL, JAW_FAIL,
	               "n.txt: not valid UTF-8 at byte 3 (if it is in another encoding, name it, "
	               "e.g. --encoding latin1)");
	assert_refused(S("\xC3\xA9t\xC3\xA9\r\n\xF0\x9F\x98"), NULL, JAW_FAIL,
	               "n.txt: not valid UTF-8 at byte 7 (if it is in another encoding, name it, "
	               "e.g. --encoding latin1)");
	assert_refused(S("text\0more"), NULL, JAW_FAIL,
	               "n.txt: contains a NUL byte at byte 4: not a text file (if it is UTF-16, "
	               "say --encoding UTF-16)");
	/* UTF-16 without a byte order mark needs its name */
	assert_refused(S("H\0i\0"), NULL, JAW_FAIL,
	               "n.txt: contains a NUL byte at byte 1: not a text file (if it is UTF-16, "
	               "say --encoding UTF-16)");
	assert_refused(S("a\0b"), "latin1", JAW_FAIL,
	               "n.txt: contains a NUL character (at byte 1 of the text converted from "
	               "latin1)");
	assert_refused(S("ok \xC3("), "UTF-8", JAW_FAIL,
	               "n.txt: cannot be converted from UTF-8: invalid bytes at byte 3");
	assert_refused(S("ok \xE2\x82"), "UTF-8", JAW_FAIL,
	               "n.txt: ends in the middle of a character (from UTF-8) at byte 3");
	assert_refused(S("x"), "NO-SUCH-ENCODING", JAW_USAGE,
	               "--encoding: unknown encoding \"NO-SUCH-ENCODING\" (see iconv -l)");
	assert_refused(S(""), NULL, JAW_FAIL, "n.txt: the note is empty");
	assert_refused(S(" \r\n\t\r\n"), NULL, JAW_FAIL, "n.txt: the note is empty");
	assert_refused(S("\xEF\xBB\xBF"), NULL, JAW_FAIL, "n.txt: the note is empty");
	jaw_err err;
	err_clear(&err);
	assert_int_equal(notes_encoding_check("latin1", &err), JAW_OK);
	assert_int_equal(notes_encoding_check("klingon", &err), JAW_USAGE);
}

static void test_titles(void **state)
{
	(void)state;
	struct {
		const char *text, *name, *want;
	} cases[] = {
		{"Interview with the LEGAD\nQ: ...", "a.txt", "Interview with the LEGAD"},
		{"\n  \n\t  Seminar in \xC4\xB0zmir, day 2  \nbody", "b.txt",
		 "Seminar in \xC4\xB0zmir, day 2"},
		{"  \n\n", "dir/notes-3.txt", "notes-3.txt"},
		{"", "", "untitled note"},
		/* 80 code points fit */
		{"0123456789012345678901234567890123456789012345678901234567890123456789"
		 "012345678\xC3\xA9", "c.txt",
		 "0123456789012345678901234567890123456789012345678901234567890123456789"
		 "012345678\xC3\xA9"},
		/* longer lines are cut at a word, with an ellipsis */
		{"Notes of the meeting with the battlegroup commander and his staff about "
		 "patrolling near the camps", "d.txt",
		 "Notes of the meeting with the battlegroup commander and his staff about\xE2\x80\xA6"},
		/* one long word is cut inside it */
		{"\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
		 "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
		 "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
		 "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
		 "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
		 "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
		 "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
		 "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
		 "xyz", "e.txt",
		 "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
		 "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
		 "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
		 "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
		 "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
		 "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
		 "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
		 "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
		 "\xE2\x80\xA6"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *got = notes_title_new(cases[i].text, cases[i].name);
		assert_string_equal(got, cases[i].want);
		free(got);
	}
}

/* Writes a note file in the test directory; returns its path. */
static char *note_file_new(const char *name, const char *data, size_t len)
{
	char *path = testutil_path_new(name);
	testutil_write_file(path, data, len);
	return path;
}

static void test_batch_store_and_repeats(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	err_clear(&err);
	char *a = note_file_new("a.txt", S("\xEF\xBB\xBFInterview A\r\nZo\xC3\xAB said \xF0\x9F\x98\x80.\r\n"));
	char *b = note_file_new("b.txt", S("Observation B\n"));
	char *a2 = note_file_new("a2.txt", S("Interview A\nZo\xC3\xAB said \xF0\x9F\x98\x80.\n"));
	struct notes_options opts = {.kind = "observation", .date = "2026-12-05"};
	struct notes_batch *batch = notes_batch_new(&opts);
	assert_int_equal(notes_batch_add_file(batch, a, &err), JAW_OK);
	assert_int_equal(notes_batch_add_file(batch, b, &err), JAW_OK);
	/* the same text after normalisation, later in the batch */
	assert_int_equal(notes_batch_add_file(batch, a2, &err), JAW_OK);
	assert_int_equal(notes_batch_store(db, "ana", batch, &err), JAW_OK);
	assert_int_equal(notes_batch_count(batch), 3);
	const struct notes_item *i0 = notes_batch_item(batch, 0), *i2 = notes_batch_item(batch, 2);
	assert_false(i0->duplicate);
	assert_string_equal(i0->title, "Interview A");
	assert_true(i2->duplicate);
	assert_int_equal(i2->id, i0->id);
	assert_string_equal(i2->duplicate_of, "Interview A");
	assert_null(notes_batch_item(batch, 3));
	notes_batch_free(batch);
	assert_int_equal(model_source_count(db, &err), 2);
	/* the text is stored normalised; its length counts code points */
	assert_int_equal(testutil_scalar(db, "SELECT length(text) FROM source WHERE title = 'Interview A'"), 24);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM source WHERE kind = 'observation'"
	                                     " AND source_date = '2026-12-05' AND origin_file LIKE '%a.txt'"), 1);

	/* importing the same notes again stores nothing */
	batch = notes_batch_new(NULL);
	assert_int_equal(notes_batch_add_file(batch, b, &err), JAW_OK);
	assert_int_equal(notes_batch_add_buffer(batch, "", S("New note\nwritten in an editor\n"), &err),
	                 JAW_OK);
	assert_int_equal(notes_batch_store(db, "ana", batch, &err), JAW_OK);
	assert_true(notes_batch_item(batch, 0)->duplicate);
	assert_string_equal(notes_batch_item(batch, 0)->duplicate_of, "Observation B");
	assert_false(notes_batch_item(batch, 1)->duplicate);
	assert_string_equal(notes_batch_item(batch, 1)->title, "New note");
	notes_batch_free(batch);
	assert_int_equal(model_source_count(db, &err), 3);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM source WHERE kind = 'interview'"), 1);

	/* each import is one change, undone in the evidence */
	struct journal_result res;
	struct journal_scope evidence = {JOURNAL_IN_EVIDENCE, 0};
	assert_int_equal(journal_undo_in(db, "ana", &evidence, &res, &err), JAW_OK);
	assert_string_equal(res.summary, "imported the note “New note”");
	journal_result_clear(&res);
	assert_int_equal(model_source_count(db, &err), 2);
	assert_int_equal(journal_undo_in(db, "ana", &evidence, &res, &err), JAW_OK);
	assert_string_equal(res.summary, "imported 2 notes");
	journal_result_clear(&res);
	assert_int_equal(model_source_count(db, &err), 0);
	free(a);
	free(b);
	free(a2);
	db_close(db);
}

/* A note read through a file descriptor: a file (from its start), a pipe,
 * and the refusals a file gets, named as given. */
static void test_batch_add_fd(void **state)
{
	(void)state;
	jaw_err err;
	err_clear(&err);
	char *path = note_file_new("fd.txt", S("Interview by fd\r\nSecond line\r\n"));
	struct notes_batch *batch = notes_batch_new(NULL);
	int fd = open(path, O_RDONLY);
	assert_true(fd >= 0);
	assert_int_equal(lseek(fd, 4, SEEK_SET), 4);
	assert_int_equal(notes_batch_add_fd(batch, "fd.txt", fd, &err), JAW_OK);
	close(fd);
	int p[2];
	assert_int_equal(pipe(p), 0);
	assert_int_equal(write(p[1], S("Piped note\n")), 11);
	close(p[1]);
	assert_int_equal(notes_batch_add_fd(batch, "-", p[0], &err), JAW_OK);
	close(p[0]);
	assert_int_equal(notes_batch_count(batch), 2);
	assert_string_equal(notes_batch_item(batch, 0)->text, "Interview by fd\nSecond line\n");
	assert_string_equal(notes_batch_item(batch, 0)->name, "fd.txt");
	assert_string_equal(notes_batch_item(batch, 1)->title, "Piped note");

	/* the same refusals and messages as from a file */
	char *bad = note_file_new("bad-fd.txt", S("ok\nbad \xFF here\n"));
	jaw_err by_file, by_fd;
	err_clear(&by_file);
	err_clear(&by_fd);
	assert_int_equal(notes_batch_add_file(batch, bad, &by_file), JAW_FAIL);
	fd = open(bad, O_RDONLY);
	assert_int_equal(notes_batch_add_fd(batch, bad, fd, &by_fd), JAW_FAIL);
	close(fd);
	assert_string_equal(by_fd.msg, by_file.msg);
	err_clear(&err);
	assert_int_equal(notes_batch_add_fd(batch, "stdin", -1, &err), JAW_FAIL);
	assert_err(err, JAW_FAIL, "stdin: cannot read: Bad file descriptor");
	assert_int_equal(notes_batch_count(batch), 2);
	notes_batch_free(batch);
	free(bad);
	free(path);
}

static void test_batch_refusals(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	char *dir = testutil_path_new("notes-dir");
	assert_int_equal(mkdir(dir, 0700), 0);
	char *missing = testutil_path_new("missing.txt");
	char *bad = note_file_new("bad.txt", S("ok\nbad \xFF here\n"));
	struct notes_batch *batch = notes_batch_new(NULL);
	char want[1024];

	err_clear(&err);
	assert_int_equal(notes_batch_add_file(batch, dir, &err), JAW_FAIL);
	snprintf(want, sizeof want, "%s: is a directory, not a note", dir);
	assert_err(err, JAW_FAIL, want);
	err_clear(&err);
	assert_int_equal(notes_batch_add_file(batch, missing, &err), JAW_FAIL);
	snprintf(want, sizeof want, "%s: cannot read: No such file or directory", missing);
	assert_err(err, JAW_FAIL, want);
	err_clear(&err);
	assert_int_equal(notes_batch_add_file(batch, bad, &err), JAW_FAIL);
	snprintf(want, sizeof want, "%s: not valid UTF-8 at byte 7 (if it is in another encoding, "
	         "name it, e.g. --encoding latin1)", bad);
	assert_err(err, JAW_FAIL, want);
	assert_int_equal(notes_batch_count(batch), 0);
	notes_batch_free(batch);

	/* a failure while storing leaves nothing of the batch behind */
	struct notes_options opts = {.stakeholder_id = 999};
	batch = notes_batch_new(&opts);
	assert_int_equal(notes_batch_add_buffer(batch, "one", S("First\n"), &err), JAW_OK);
	assert_int_equal(notes_batch_add_buffer(batch, "two", S("Second\n"), &err), JAW_OK);
	err_clear(&err);
	assert_int_equal(notes_batch_store(db, "ana", batch, &err), JAW_FAIL);
	assert_non_null(strstr(err.msg, "one: "));
	assert_non_null(strstr(err.msg, "FOREIGN KEY"));
	assert_int_equal(notes_batch_item(batch, 0)->id, 0);
	assert_int_equal(model_source_count(db, &err), 0);
	notes_batch_free(batch);
	notes_batch_free(NULL);
	free(dir);
	free(missing);
	free(bad);
	db_close(db);
}

int main(void)
{
	testutil_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_normalise_line_ends_and_bom),
		cmocka_unit_test(test_normalise_encodings),
		cmocka_unit_test(test_normalise_refusals),
		cmocka_unit_test(test_titles),
		cmocka_unit_test(test_batch_store_and_repeats),
		cmocka_unit_test(test_batch_add_fd),
		cmocka_unit_test(test_batch_refusals),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
