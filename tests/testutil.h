/* testutil.h - helpers shared by the cmocka tests. */
#ifndef JAW_TESTUTIL_H
#define JAW_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "db.h"

/* Sets the locale (C.UTF-8) and TAP output; call first in main. */
void testutil_init(void);
/* Returns a new path inside a fresh temporary directory (caller frees);
 * the file does not exist. The directory is removed with what is in it
 * when the test ends, unless JAW_TEST_KEEP is set. */
char *testutil_path_new(const char *name);
/* Creates a project with the current schema at a fresh path; asserts. */
struct jaw_db *testutil_project_new(char **path_out);
/* Creates a project holding the demo; asserts. */
struct jaw_db *testutil_demo_new(char **path_out);
/* Writes len bytes to path; asserts. */
void testutil_write_file(const char *path, const char *data, size_t len);
/* Runs a one-value query; returns the integer. */
int64_t testutil_scalar(struct jaw_db *db, const char *sql);
/* Runs a one-value query whose value is text (not NULL); returns a new copy. */
char *testutil_text_new(struct jaw_db *db, const char *sql);

#endif
