/* test_export.c - the exporter interface: the registry, the loop that
 * drives an exporter (begin, rows, end, and a row that fails), files
 * written whole or not at all, and the codings exporter. */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
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

static int counting_begin(struct jaw_db *db, FILE *out, const struct export_options *opt,
                          void **state, jaw_err *err)
{
	(void)db;
	(void)opt;
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
	"counting", "three rows", EXPORT_XML, counting_begin, counting_row, counting_end,
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
	char names[128];
	export_names(names, sizeof names, ", ");
	assert_string_equal(names, "codings, codebook, timeline, stakeholders, memos, findings,"
	                           " citations, report, qdc, qdpx");
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
	assert_int_equal(export_to_path(&counting_exporter, NULL, path, NULL, &err), JAW_OK);
	assert_int_equal(counting.ended, 1);
	assert_true(counting.ended_ok);
	char *got = read_file_new(path);
	assert_string_equal(got, "begin\n1\n2\n3\nend\n");
	free(got);

	/* a row that fails: end still frees, the file keeps what it had */
	counting = (struct counting){.fail_at = 2};
	assert_int_equal(export_to_path(&counting_exporter, NULL, path, NULL, &err), JAW_FAIL);
	assert_string_equal(err.msg, "row 2 failed");
	assert_int_equal(counting.ended, 1);
	assert_false(counting.ended_ok);
	got = read_file_new(path);
	assert_string_equal(got, "begin\n1\n2\n3\nend\n");
	free(got);

	/* a file that cannot be made */
	char *bad = testutil_path_new("no/such/dir.csv");
	counting = (struct counting){0};
	assert_int_equal(export_to_path(&counting_exporter, NULL, bad, NULL, &err), JAW_FAIL);
	assert_non_null(strstr(err.msg, "dir.csv: cannot write: No such file or directory"));
	assert_int_equal(counting.ended, 0);
	free(bad);
	free(path);
}

/* The number of files in dir whose names begin with prefix. */
static int files_starting(const char *dir, const char *prefix)
{
	DIR *d = opendir(dir);
	assert_non_null(d);
	int n = 0;
	for (struct dirent *e; (e = readdir(d)) != NULL;)
		n += strncmp(e->d_name, prefix, strlen(prefix)) == 0;
	closedir(d);
	return n;
}

/* What a progress callback saw; it stops the export at row stop_at. */
struct progress_seen {
	int calls, stop_at;
	int64_t last_done, last_total;
};

static bool progress_follow(void *ctx, int64_t done, int64_t total)
{
	struct progress_seen *p = ctx;
	p->calls++;
	p->last_done = done;
	p->last_total = total;
	return p->stop_at == 0 || done < p->stop_at;
}


/* What -o names that is not a plain file: a directory is refused; a
 * device or a FIFO is written into, never replaced by a renamed
 * temporary file (as root that would put a regular file in place of
 * /dev/null); through a symbolic link, the file it names is replaced and
 * the link stays. */
static void test_special_paths(void **state)
{
	(void)state;
	jaw_err err;
	err_clear(&err);
	char *dir = testutil_path_new("dir");
	assert_int_equal(mkdir(dir, 0700), 0);
	counting = (struct counting){0};
	assert_int_equal(export_to_path(&counting_exporter, NULL, dir, NULL, &err), JAW_FAIL);
	assert_non_null(strstr(err.msg, "dir: cannot write: it is a directory"));
	char *parent = xstrdup(dir);
	*strrchr(parent, '/') = '\0';
	assert_int_equal(files_starting(parent, "dir."), 0);
	free(parent);

	/* a link to /dev/null: written into; the link and /dev/null stay */
	char *null_link = xasprintf("%s/null", dir);
	assert_int_equal(symlink("/dev/null", null_link), 0);
	counting = (struct counting){0};
	assert_int_equal(export_to_path(&counting_exporter, NULL, null_link, NULL, &err), JAW_OK);
	struct stat st;
	assert_int_equal(lstat(null_link, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_int_equal(stat("/dev/null", &st), 0);
	assert_true(S_ISCHR(st.st_mode));
	assert_int_equal(files_starting(dir, "null."), 0);

	/* a FIFO: a reader gets every row */
	char *fifo = xasprintf("%s/fifo", dir);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		counting = (struct counting){0};
		_exit(export_to_path(&counting_exporter, NULL, fifo, NULL, &err) == JAW_OK ? 0 : 1);
	}
	char *got = read_file_new(fifo);
	int status = 0;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	assert_string_equal(got, "begin\n1\n2\n3\nend\n");
	free(got);

	/* a link to a file: the file is replaced, the link stays a link */
	char *file = xasprintf("%s/file.csv", dir), *link = xasprintf("%s/link.csv", dir);
	testutil_write_file(file, "old\n", 4);
	assert_int_equal(symlink("file.csv", link), 0);
	counting = (struct counting){0};
	assert_int_equal(export_to_path(&counting_exporter, NULL, link, NULL, &err), JAW_OK);
	assert_int_equal(lstat(link, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	got = read_file_new(file);
	assert_string_equal(got, "begin\n1\n2\n3\nend\n");
	free(got);
	assert_int_equal(files_starting(dir, "file.csv."), 0);
	free(file);
	free(link);
	free(fifo);
	free(null_link);
	free(dir);
}

/* Progress before the first row and after each one; a callback that says
 * stop cancels the export, and the file is then not written at all. */
static void test_progress_and_cancel(void **state)
{
	(void)state;
	jaw_err err;
	err_clear(&err);
	char *path = testutil_path_new("progress.txt");
	struct progress_seen seen = {0};
	struct export_options opt = {.progress = progress_follow, .progress_ctx = &seen};
	counting = (struct counting){0};
	assert_int_equal(export_to_path(&counting_exporter, NULL, path, &opt, &err), JAW_OK);
	assert_int_equal(seen.calls, 4); /* 0, then rows 1, 2, 3 */
	assert_int_equal(seen.last_done, 3);
	assert_int_equal(seen.last_total, 0); /* the exporter cannot say */

	/* stopped at row 2: a failure, end told so, and no file */
	unlink(path);
	seen = (struct progress_seen){.stop_at = 2};
	counting = (struct counting){0};
	assert_int_equal(export_to_path(&counting_exporter, NULL, path, &opt, &err), JAW_FAIL);
	assert_string_equal(err.msg, "export cancelled");
	assert_int_equal(counting.ended, 1);
	assert_false(counting.ended_ok);
	assert_int_equal(access(path, F_OK), -1);
	char *dir = xstrdup(path);
	*strrchr(dir, '/') = '\0';
	assert_int_equal(files_starting(dir, "progress.txt."), 0); /* no temporary left */
	free(dir);

	/* stopped before the first row: the exporter never begins */
	seen = (struct progress_seen){.stop_at = -1};
	counting = (struct counting){0};
	assert_int_equal(export_to_path(&counting_exporter, NULL, path, &opt, &err), JAW_FAIL);
	assert_int_equal(counting.ended, 0);
	assert_int_equal(access(path, F_OK), -1);

	/* the codings exporter says in begin how many rows it will write */
	struct jaw_db *db = testutil_project_new(NULL);
	assert_int_equal(db_exec(db,
		"INSERT INTO source (id, kind, title, text) VALUES (1, 'interview', 'Note', 'abcdef');"
		"INSERT INTO code (id, name) VALUES (1, 'A');"
		"INSERT INTO coding (source_id, start_cp, end_cp, code_id, coder) VALUES"
		" (1, 0, 1, 1, 'ana'), (1, 1, 2, 1, 'ana')", &err), JAW_OK);
	seen = (struct progress_seen){0};
	assert_int_equal(export_to_path(&exporter_codings, db, path, &opt, &err), JAW_OK);
	assert_int_equal(seen.last_total, 2);
	assert_int_equal(seen.last_done, 2);
	db_close(db);
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
	assert_int_equal(export_run(&exporter_codings, db, out, NULL, &err), JAW_OK);
	fclose(out);
	assert_string_equal(buf,
		"source,code,coder,start,end,text,source_title,source_kind,stakeholder,code_path,"
		"memo,created,coding,survey,respondent\n"
		"1,\"Harm\",\"ana\",0,3,\"Zo\xC3\xAB\",\"Note\",\"interview\",\"\",\"Protection/Harm\","
		"\"\",\"2026-01-01T00:00:00Z\",1,\"\",\"\"\n"
		"1,\"Protection\",\"ben\",9,13,\"\"\"no\"\"\",\"Note\",\"interview\",\"\",\"Protection\","
		"\"a memo\",\"2026-01-02T00:00:00Z\",2,\"\",\"\"\n");
	free(buf);
	db_close(db);
}

/* Runs exporter x over db with opt into a new string. */
static char *export_string_new(const struct exporter *x, struct jaw_db *db,
                               const struct export_options *opt)
{
	jaw_err err;
	err_clear(&err);
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	assert_non_null(out);
	int rc = export_run(x, db, out, opt, &err);
	fclose(out);
	if (rc != JAW_OK)
		fail_msg("%s", err.msg);
	return buf;
}

/* Codings of survey answers carry the survey, the respondent's id and one
 * column per attribute label of all surveys (a label two surveys share is
 * one column); other codings leave them empty. */
static void test_codings_of_answers(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	err_clear(&err);
	int rc = db_exec(db,
		"INSERT INTO survey (id, name) VALUES (1, 'S1'), (2, 'S2');"
		"INSERT INTO survey_column (id, survey_id, position, label, role) VALUES"
		" (1, 1, 1, 'id', 'id'), (2, 1, 2, 'nation', 'attribute'), (3, 1, 3, 'why', 'open_text'),"
		" (4, 1, 4, 'role', 'attribute'),"
		" (5, 2, 1, 'unit', 'attribute'), (6, 2, 2, 'nation', 'attribute'),"
		" (7, 2, 3, 'what', 'open_text');"
		"INSERT INTO respondent (id, survey_id, external_id, answers) VALUES"
		" (1, 1, 'R7', '[null, \"RO\", null, \"G9, \\\"legal\\\"\"]'),"
		" (2, 2, 'X1', '[3, \"PL\", null]');"
		"INSERT INTO source (id, kind, title, text, respondent_id, column_id) VALUES"
		" (1, 'survey_answer', '', 'More training', 1, 3),"
		" (2, 'survey_answer', '', 'Less', 2, 7),"
		" (3, 'interview', 'Note', 'Text', NULL, NULL);"
		"INSERT INTO code (id, name) VALUES (1, 'Training');"
		"INSERT INTO coding (id, source_id, start_cp, end_cp, code_id, coder, created) VALUES"
		" (1, 1, 5, 13, 1, 'ana', 'T'), (2, 2, 0, 4, 1, 'ana', 'T'),"
		" (3, 3, 0, 4, 1, 'ana', 'T')", &err);
	if (rc != JAW_OK)
		fail_msg("%s", err.msg);
	char *got = export_string_new(&exporter_codings, db, NULL);
	assert_string_equal(got,
		"source,code,coder,start,end,text,source_title,source_kind,stakeholder,code_path,"
		"memo,created,coding,survey,respondent,\"attribute:nation\",\"attribute:role\","
		"\"attribute:unit\"\n"
		"1,\"Training\",\"ana\",5,13,\"training\",\"R7: why\",\"survey_answer\",\"\","
		"\"Training\",\"\",\"T\",1,\"S1\",\"R7\",\"RO\",\"G9, \"\"legal\"\"\",\"\"\n"
		"2,\"Training\",\"ana\",0,4,\"Less\",\"X1: what\",\"survey_answer\",\"\","
		"\"Training\",\"\",\"T\",2,\"S2\",\"X1\",\"PL\",\"\",\"3\"\n"
		"3,\"Training\",\"ana\",0,4,\"Text\",\"Note\",\"interview\",\"\","
		"\"Training\",\"\",\"T\",3,\"\",\"\",\"\",\"\",\"\"\n");
	free(got);
	db_close(db);
}

/* --excel: a byte order mark, and CR LF after each row, but not inside a
 * quoted field. */
static void test_excel(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	err_clear(&err);
	assert_int_equal(db_exec(db,
		"INSERT INTO timeline_item (id, kind, title, start_date, notes) VALUES"
		" (1, 'event', 'Seminar in \xC4\xB0zmir', '2026-12-04', 'two' || char(10) || 'lines')",
		&err), JAW_OK);
	struct export_options excel = {.excel = true};
	char *got = export_string_new(&exporter_timeline, db, &excel);
	assert_string_equal(got,
		"\xEF\xBB\xBFitem,kind,title,start,end,location,status,notes,sources\r\n"
		"1,\"event\",\"Seminar in \xC4\xB0zmir\",\"2026-12-04\",,\"\",\"planned\","
		"\"two\nlines\",0\r\n");
	free(got);
	got = export_string_new(&exporter_timeline, db, NULL);
	assert_string_equal(got,
		"item,kind,title,start,end,location,status,notes,sources\n"
		"1,\"event\",\"Seminar in \xC4\xB0zmir\",\"2026-12-04\",,\"\",\"planned\","
		"\"two\nlines\",0\n");
	free(got);
	db_close(db);
}

/* The codebook in tree order (a child after its parent, siblings by
 * position), with paths, the parent's path and the number of codings. */
static void test_codebook(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	err_clear(&err);
	assert_int_equal(db_exec(db,
		"INSERT INTO code (id, parent_id, name, colour, quick_key, position, description) VALUES"
		" (1, NULL, 'Protection', '#AA0000', 1, 2, 'of \"civilians\"'),"
		" (2, NULL, 'Cross-cutting', '', NULL, 1, ''),"
		" (3, 1, 'Harm', '', NULL, 2, ''), (4, 1, 'Aid', '', NULL, 1, ''),"
		" (5, 2, 'Training', '#00AA00', NULL, 1, '');"
		"UPDATE code SET guid = 'g' || id;"
		"INSERT INTO source (id, kind, title, text) VALUES (1, 'interview', 'N', 'abc');"
		"INSERT INTO coding (source_id, start_cp, end_cp, code_id, coder) VALUES"
		" (1, 0, 1, 3, 'a'), (1, 1, 2, 3, 'a'), (1, 0, 2, 5, 'a')", &err), JAW_OK);
	char *got = export_string_new(&exporter_codebook, db, NULL);
	assert_string_equal(got,
		"code,path,name,parent,colour,quick_key,description,codings,guid\n"
		"2,\"Cross-cutting\",\"Cross-cutting\",\"\",\"\",,\"\",0,\"g2\"\n"
		"5,\"Cross-cutting/Training\",\"Training\",\"Cross-cutting\",\"#00AA00\",,\"\",1,"
		"\"g5\"\n"
		"1,\"Protection\",\"Protection\",\"\",\"#AA0000\",1,\"of \"\"civilians\"\"\",0,\"g1\"\n"
		"4,\"Protection/Aid\",\"Aid\",\"Protection\",\"\",,\"\",0,\"g4\"\n"
		"3,\"Protection/Harm\",\"Harm\",\"Protection\",\"\",,\"\",2,\"g3\"\n");
	free(got);
	db_close(db);
}

/* Stakeholders in the register's order with their organisation; memos of
 * every kind of target and of codings, by date. */
static void test_stakeholders_and_memos(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	err_clear(&err);
	assert_int_equal(db_exec(db,
		"INSERT INTO stakeholder (id, kind, name, parent_id, role, power, interest, sort_key,"
		" attribution) VALUES (1, 'organisation', 'Brigade', NULL, '', 4, 2, 'brigade', NULL),"
		" (2, 'person', 'Ana', 1, 'LEGAD', NULL, NULL, 'brigade/ana', 'named'),"
		/* a named person of an organisation that may not be named */
		" (3, 'organisation', 'Hidden Network', NULL, '', NULL, NULL, 'hidden', 'anonymous'),"
		" (5, 'person', 'Quinn', 3, '', NULL, NULL, 'hidden/quinn', 'named');"
		"INSERT INTO source (id, kind, title, text, stakeholder_id) VALUES"
		" (1, 'interview', 'Talk', 'abc', 2);"
		"INSERT INTO code (id, name) VALUES (1, 'Training');"
		"INSERT INTO coding (id, source_id, start_cp, end_cp, code_id, coder, created, memo)"
		" VALUES (1, 1, 0, 1, 1, 'ben', '2026-01-03T00:00:00Z', 'see p. 2');"
		"INSERT INTO memo (id, target_kind, target_id, title, text, author, created, updated)"
		" VALUES (1, 'code', 1, 'Scope', 'Only formal training', 'ana',"
		" '2026-01-02T00:00:00Z', '2026-01-04T00:00:00Z'),"
		" (2, 'project', NULL, 'Aim', 'Why', 'ana', '2026-01-01T00:00:00Z',"
		" '2026-01-01T00:00:00Z'),"
		" (3, 'source', 1, '', 'Long', 'ben', '2026-01-05T00:00:00Z', '2026-01-05T00:00:00Z'),"
		" (4, 'stakeholder', 2, '', 'Busy', 'ben', '2026-01-06T00:00:00Z',"
		" '2026-01-06T00:00:00Z')", &err), JAW_OK);
	char *got = export_string_new(&exporter_stakeholders, db, NULL);
	assert_string_equal(got,
		"stakeholder,kind,name,organisation,role,power,interest,attitude,contact,notes,sources,"
		"attribution\n"
		"1,\"organisation\",\"Brigade\",\"\",\"\",4,2,\"unknown\",\"\",\"\",0,\"named\"\n"
		"2,\"person\",\"Ana\",\"Brigade\",\"LEGAD\",,,\"unknown\",\"\",\"\",1,\"named\"\n"
		"3,\"organisation\",\"an organisation\",\"\",\"\",,,\"unknown\",\"\",\"\",0,\"anonymous\"\n"
		"5,\"person\",\"Quinn\",\"\",\"\",,,\"unknown\",\"\",\"\",0,\"named\"\n");
	free(got);
	got = export_string_new(&exporter_memos, db, NULL);
	assert_string_equal(got,
		"memo,target_kind,target_id,target,title,text,author,created,updated\n"
		"2,\"project\",,\"\",\"Aim\",\"Why\",\"ana\",\"2026-01-01T00:00:00Z\","
		"\"2026-01-01T00:00:00Z\"\n"
		"1,\"code\",1,\"Training\",\"Scope\",\"Only formal training\",\"ana\","
		"\"2026-01-02T00:00:00Z\",\"2026-01-04T00:00:00Z\"\n"
		",\"coding\",1,\"Training in Talk\",\"\",\"see p. 2\",\"ben\",\"2026-01-03T00:00:00Z\","
		"\"2026-01-03T00:00:00Z\"\n"
		"3,\"source\",1,\"Talk\",\"\",\"Long\",\"ben\",\"2026-01-05T00:00:00Z\","
		"\"2026-01-05T00:00:00Z\"\n"
		"4,\"stakeholder\",2,\"Ana\",\"\",\"Busy\",\"ben\",\"2026-01-06T00:00:00Z\","
		"\"2026-01-06T00:00:00Z\"\n");
	free(got);
	db_close(db);
}

int main(void)
{
	testutil_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_registry),
		cmocka_unit_test(test_run_and_write_file),
		cmocka_unit_test(test_codings),
		cmocka_unit_test(test_codings_of_answers),
		cmocka_unit_test(test_progress_and_cancel),
		cmocka_unit_test(test_excel),
		cmocka_unit_test(test_special_paths),
		cmocka_unit_test(test_codebook),
		cmocka_unit_test(test_stakeholders_and_memos),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
