/* testutil.c - helpers shared by the cmocka tests. */
#include "config.h"

#include <ftw.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "demo.h"
#include "project_schema.h"
#include "testutil.h"
#include "xalloc.h"

void testutil_init(void)
{
	if (!setlocale(LC_ALL, "C.UTF-8"))
		setlocale(LC_ALL, "");
	cmocka_set_message_output(CM_OUTPUT_TAP);
}

static char *testutil_dir;    /* the test's temporary directory */
static pid_t testutil_dir_owner; /* the process that made it */

static int testutil_remove_one(const char *path, const struct stat *st, int flag,
                               struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	return flag == FTW_DP ? rmdir(path) : unlink(path);
}

/* At exit, the temporary directory goes with everything in it (unless
 * JAW_TEST_KEEP is set, to look at what a test left); not from a child
 * that a test forked. */
static void testutil_cleanup(void)
{
	const char *keep = getenv("JAW_TEST_KEEP");
	if (!testutil_dir || getpid() != testutil_dir_owner || (keep && *keep))
		return;
	nftw(testutil_dir, testutil_remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

char *testutil_path_new(const char *name)
{
	char *dir = testutil_dir;
	if (!dir) {
		const char *tmp = getenv("TMPDIR");
		char *tmpl = xasprintf("%s/jaw-test-XXXXXX", tmp && *tmp ? tmp : "/tmp");
		dir = testutil_dir = mkdtemp(tmpl);
		assert_non_null(dir);
		testutil_dir_owner = getpid();
		atexit(testutil_cleanup);
	}
	static int n;
	return xasprintf("%s/%d-%s", dir, ++n, name);
}

struct jaw_db *testutil_project_new(char **path_out)
{
	char *path = testutil_path_new("project.jaw");
	jaw_err err;
	err_clear(&err);
	struct jaw_db *db = NULL;
	if (db_create(path, &project_schema, &db, &err) != JAW_OK)
		fail_msg("db_create: %s", err.msg);
	if (path_out)
		*path_out = path;
	else
		free(path);
	return db;
}

struct jaw_db *testutil_demo_new(char **path_out)
{
	struct jaw_db *db = testutil_project_new(path_out);
	jaw_err err;
	err_clear(&err);
	if (demo_load(db, &err) != JAW_OK)
		fail_msg("demo_load: %s", err.msg);
	return db;
}

void testutil_write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

int64_t testutil_scalar(struct jaw_db *db, const char *sql)
{
	sqlite3_stmt *s = NULL;
	assert_int_equal(sqlite3_prepare_v2(db_sqlite(db), sql, -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	int64_t v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

char *testutil_text_new(struct jaw_db *db, const char *sql)
{
	sqlite3_stmt *s = NULL;
	assert_int_equal(sqlite3_prepare_v2(db_sqlite(db), sql, -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	const unsigned char *t = sqlite3_column_text(s, 0);
	assert_non_null(t);
	char *v = xstrdup((const char *)t);
	sqlite3_finalize(s);
	return v;
}
