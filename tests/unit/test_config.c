/* test_config.c - reading data and settings: CSV tables, starter and
 * imported codebooks, key names and jawrc. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "action.h"
#include "codebook.h"
#include "csvdata.h"
#include "date.h"
#include "jawrc.h"
#include "keys.h"
#include "model.h"
#include "testutil.h"
#include "xalloc.h"

/* Asserts that err holds status and exactly msg. */
#define assert_err(err, st, text)                                              \
	do {                                                                       \
		assert_int_equal((err).status, (st));                                  \
		assert_string_equal((err).msg, (text));                                \
	} while (0)

/* ---- CSV -------------------------------------------------------------- */

/* Collects rows as "LINE:field|field|..." lines; fails on a row whose first
 * field is fail_on. */
struct csv_seen {
	char buf[2048];
	int rows;
	const char *fail_on;
};

static int csv_collect(void *ctx, const struct csvdata_row *row, jaw_err *err)
{
	struct csv_seen *s = ctx;
	if (s->fail_on && row->nfields > 0 && strcmp(row->fields[0], s->fail_on) == 0)
		return err_set(err, JAW_FAIL, "%s: not wanted here", row->fields[0]);
	size_t used = strlen(s->buf);
	snprintf(s->buf + used, sizeof s->buf - used, "%d:", row->line);
	for (int i = 0; i < row->nfields; i++) {
		used = strlen(s->buf);
		snprintf(s->buf + used, sizeof s->buf - used, "%s%s", i ? "|" : "", row->fields[i]);
	}
	used = strlen(s->buf);
	snprintf(s->buf + used, sizeof s->buf - used, "\n");
	s->rows++;
	return JAW_OK;
}

static void test_csv_quoting(void **state)
{
	(void)state;
	const char data[] = "name,note,n\n"
	                    "a,\"x, y\",1\n"
	                    "b,\"say \"\"hi\"\"\",2\n"
	                    "c,\"two\nlines\",3\n"
	                    "d,after,4\n"
	                    "\n"
	                    "e,,\"\"\n"
	                    "f,last,5";
	struct csv_seen s = {{0}, 0, NULL};
	jaw_err err;
	err_clear(&err);
	assert_int_equal(csvdata_each_row("t.csv", data, strlen(data), csv_collect, &s, &err),
	                 JAW_OK);
	assert_string_equal(s.buf, "1:name|note|n\n"
	                           "2:a|x, y|1\n"
	                           "3:b|say \"hi\"|2\n"
	                           "4:c|two\nlines|3\n"
	                           "6:d|after|4\n"
	                           "8:e||\n"
	                           "9:f|last|5\n");
	assert_int_equal(s.rows, 7);
	/* CRLF line ends and a UTF-8 field */
	const char crlf[] = "h1,h2\r\nKraków,\"a\r\nb\"\r\nz,9\r\n";
	struct csv_seen t = {{0}, 0, NULL};
	assert_int_equal(csvdata_each_row("w.csv", crlf, strlen(crlf), csv_collect, &t, &err),
	                 JAW_OK);
	assert_string_equal(t.buf, "1:h1|h2\n2:Kraków|a\r\nb\n4:z|9\n");
	/* nothing at all */
	struct csv_seen u = {{0}, 0, NULL};
	assert_int_equal(csvdata_each_row("e.csv", "", 0, csv_collect, &u, &err), JAW_OK);
	assert_int_equal(u.rows, 0);
	assert_int_equal(err.status, JAW_OK);

	const struct csvdata_row header = {1, 3, (char *[]){"name", "parent", "colour"}};
	assert_int_equal(csvdata_column(&header, "name"), 0);
	assert_int_equal(csvdata_column(&header, "colour"), 2);
	assert_int_equal(csvdata_column(&header, "quick_key"), -1);
}

/* A row whose first field spans lines starts on the line of its opening
 * quote, not on the line where that field ends. */
static void test_csv_line_of_multiline_first_field(void **state)
{
	(void)state;
	const char data[] = "h,i\n"
	                    "\"first\nfield\",x\n"
	                    "y,z\n";
	struct csv_seen s = {{0}, 0, NULL};
	jaw_err err;
	err_clear(&err);
	assert_int_equal(csvdata_each_row("m.csv", data, strlen(data), csv_collect, &s, &err),
	                 JAW_OK);
	assert_string_equal(s.buf, "1:h|i\n"
	                           "2:first\nfield|x\n"
	                           "4:y|z\n");
}

static void test_csv_unterminated(void **state)
{
	(void)state;
	jaw_err err;
	/* the quote opens on line 3 (a later field of the row) */
	const char data[] = "a,b\n"
	                    "c,d\n"
	                    "e,\"open\n"
	                    "more\n"
	                    "still more\n";
	struct csv_seen s = {{0}, 0, NULL};
	err_clear(&err);
	assert_int_equal(csvdata_each_row("u.csv", data, strlen(data), csv_collect, &s, &err),
	                 JAW_FAIL);
	assert_err(err, JAW_FAIL, "u.csv line 3: unterminated quoted field");
	assert_int_equal(s.rows, 2);
	/* no newline at the end */
	const char data2[] = "a,b\nc,\"open";
	err_clear(&err);
	assert_int_equal(csvdata_each_row("u2.csv", data2, strlen(data2), csv_collect, &s, &err),
	                 JAW_FAIL);
	assert_err(err, JAW_FAIL, "u2.csv line 2: unterminated quoted field");
}

/* The same, when the unterminated field is the first of its row. */
static void test_csv_unterminated_first_field(void **state)
{
	(void)state;
	jaw_err err;
	const char data[] = "a,b\n"
	                    "\"open,x\n"
	                    "more\n";
	struct csv_seen s = {{0}, 0, NULL};
	err_clear(&err);
	assert_int_equal(csvdata_each_row("f.csv", data, strlen(data), csv_collect, &s, &err),
	                 JAW_FAIL);
	assert_err(err, JAW_FAIL, "f.csv line 2: unterminated quoted field");
}

static void test_csv_callback_error(void **state)
{
	(void)state;
	jaw_err err;
	const char data[] = "name,note\n"
	                    "ok,\"one\ntwo\nthree\"\n"
	                    "bad,x\n"
	                    "never,seen\n";
	struct csv_seen s = {{0}, 0, "bad"};
	err_clear(&err);
	assert_int_equal(csvdata_each_row("cb.csv", data, strlen(data), csv_collect, &s, &err),
	                 JAW_FAIL);
	assert_err(err, JAW_FAIL, "cb.csv line 5: bad: not wanted here");
	assert_string_equal(s.buf, "1:name|note\n2:ok|one\ntwo\nthree\n"); /* stopped there */
	/* an error in a last row with no newline */
	const char last[] = "name\nbad";
	struct csv_seen t = {{0}, 0, "bad"};
	err_clear(&err);
	assert_int_equal(csvdata_each_row("cb2.csv", last, strlen(last), csv_collect, &t, &err),
	                 JAW_FAIL);
	assert_err(err, JAW_FAIL, "cb2.csv line 2: bad: not wanted here");
	/* a stray quote inside an unquoted field (strict parsing) */
	const char stray[] = "a,b\nc,\"d\"e\n";
	struct csv_seen u = {{0}, 0, NULL};
	err_clear(&err);
	assert_int_equal(csvdata_each_row("s.csv", stray, strlen(stray), csv_collect, &u, &err),
	                 JAW_FAIL);
	assert_int_equal(err.status, JAW_FAIL);
	assert_non_null(strstr(err.msg, "s.csv line 2: "));
}

/* ---- codebooks -------------------------------------------------------- */

static void test_codebook_good(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	err_clear(&err);
	const char csv[] = "name,parent,colour,quick_key,description\n"
	                   "Access,,#FF0000,1,Getting in\n"
	                   "Checkpoints,Access,,,\"At roads, bridges\"\n"
	                   "Trust,,,2,\"Between \"\"us\"\" and them\"\n"
	                   "Reporting,Trust,#00ff00,,\n"
	                   "Informants,Reporting,,9,\"Two\nlines\"\n";
	assert_int_equal(codebook_load_csv(db, "ana", "mine.csv", csv, strlen(csv), &err), JAW_OK);
	assert_int_equal(model_code_count(db, &err), 5);
	int64_t access = model_code_find(db, "Access", &err);
	int64_t trust = model_code_find(db, "Trust", &err);
	int64_t reporting = model_code_find(db, "Reporting", &err);
	assert_true(access > 0 && trust > 0 && reporting > 0);
	assert_int_equal(
		testutil_scalar(db, "SELECT parent_id FROM code WHERE name = 'Checkpoints'"), access);
	assert_int_equal(
		testutil_scalar(db, "SELECT parent_id FROM code WHERE name = 'Reporting'"), trust);
	assert_int_equal(
		testutil_scalar(db, "SELECT parent_id FROM code WHERE name = 'Informants'"), reporting);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM code WHERE parent_id IS NULL"),
	                 2);
	assert_int_equal(testutil_scalar(db, "SELECT quick_key FROM code WHERE name = 'Trust'"), 2);
	assert_int_equal(
		testutil_scalar(db, "SELECT quick_key FROM code WHERE name = 'Informants'"), 9);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM code WHERE quick_key IS NULL"),
	                 2);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM code WHERE name = 'Trust'"
	                                     " AND description = 'Between \"us\" and them'"),
	                 1);
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM code WHERE name = 'Access'"
	                                     " AND colour = '#FF0000' AND position = 1"),
	                 1);
	assert_int_equal(testutil_scalar(db, "SELECT position FROM code WHERE name = 'Informants'"),
	                 5);
	/* columns in another order, some missing */
	const char other[] = "description,name\nA note,Leadership\n";
	assert_int_equal(codebook_load_csv(db, "ana", "other.csv", other, strlen(other), &err), JAW_OK);
	assert_int_equal(model_code_count(db, &err), 6);
	assert_int_equal(err.status, JAW_OK);
	db_close(db);
}

static void test_codebook_refused(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	err_clear(&err);
	const char base[] = "name,parent,colour,quick_key,description\nExisting,,,1,\n";
	assert_int_equal(codebook_load_csv(db, "ana", "base.csv", base, strlen(base), &err), JAW_OK);
	assert_int_equal(model_code_count(db, &err), 1);
	static const struct {
		const char *csv, *msg;
	} bad[] = {
		{"name,parent,colour,quick_key,description\n"
		 "Access,,,,\n"
		 "Checkpoints,Access,,,\n"
		 "Orphan,Nowhere,,,\n"
		 "Later,,,,\n",
		 "bad.csv line 4: Orphan: parent code \"Nowhere\" is not defined above it"},
		{"name,parent,colour,quick_key,description\n"
		 "Access,,,,\n"
		 "Child,Later,,,\n"
		 "Later,,,,\n",
		 "bad.csv line 3: Child: parent code \"Later\" is not defined above it"},
		{"name,parent,colour,quick_key,description\n"
		 "Access,,,2,\n"
		 "Trust,,,x,\n",
		 "bad.csv line 3: Trust: quick key \"x\" is not a digit 1-9"},
		{"name,parent,colour,quick_key,description\n"
		 "Access,,,2,\n"
		 "Trust,,,10,\n",
		 "bad.csv line 3: Trust: quick key \"10\" is not a digit 1-9"},
		{"name,parent,colour,quick_key,description\n"
		 "Access,,,2,\"two\nlines\"\n"
		 "Trust,,,0,\n",
		 "bad.csv line 4: Trust: quick key \"0\" is not a digit 1-9"},
		{"name,parent,colour,quick_key,description\n"
		 "Access,,,2,\n"
		 "Trust,,\"#FF0000\"x,,\n"
		 "Other,,,,\n",
		 "bad.csv line 3: error parsing data while strict checking enabled"},
		{"name,parent,colour,quick_key,description\n"
		 "Access,,,2,\n"
		 "Trust,,blue,,\n",
		 "bad.csv line 3: Trust: colour \"blue\" is not #RRGGBB (such as #1F77B4) or empty"},
		{"name,parent,colour,quick_key,description\n"
		 "Access,,,2,\n"
		 ",,,,\n",
		 "bad.csv line 3: a code needs a name"},
		{"title,parent\n"
		 "Access,\n",
		 "bad.csv line 1: the header has no \"name\" column"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		err_clear(&err);
		assert_int_equal(codebook_load_csv(db, "ana", "bad.csv", bad[i].csv, strlen(bad[i].csv), &err),
		                 JAW_FAIL);
		assert_err(err, JAW_FAIL, bad[i].msg);
		/* all or nothing */
		assert_int_equal(model_code_count(db, &err), 1);
		assert_int_equal(model_code_find(db, "Access", &err), 0);
	}
	/* duplicates, in the file or with the project */
	const char dup[] = "name,parent,colour,quick_key,description\n"
	                   "Access,,,2,\n"
	                   "Access,,,,\n";
	err_clear(&err);
	assert_int_equal(codebook_load_csv(db, "ana", "dup.csv", dup, strlen(dup), &err), JAW_FAIL);
	assert_err(err, JAW_FAIL, "dup.csv line 3: there is a code called \"Access\" there already");
	const char key[] = "name,parent,colour,quick_key,description\n"
	                   "Access,,,1,\n";
	err_clear(&err);
	assert_int_equal(codebook_load_csv(db, "ana", "key.csv", key, strlen(key), &err), JAW_FAIL);
	assert_err(err, JAW_FAIL, "key.csv line 2: Access: quick key 1 is taken by the code \"Existing\"");
	assert_int_equal(model_code_count(db, &err), 1);
	/* the connection is usable afterwards: nothing left open */
	const char ok[] = "name,parent\nAccess,Existing\n";
	assert_int_equal(codebook_load_csv(db, "ana", "ok.csv", ok, strlen(ok), &err), JAW_OK);
	assert_int_equal(model_code_count(db, &err), 2);
	db_close(db);
}

/* A malformed CSV whose last quote is never closed is refused (it must not
 * swallow the rest of the file into one description). */
static void test_codebook_unterminated(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	err_clear(&err);
	const char csv[] = "name,parent,colour,quick_key,description\n"
	                   "Access,,,2,\n"
	                   "Trust,,,,\"never closed\n"
	                   "Other,,,,\n";
	int rc = codebook_load_csv(db, "ana", "bad.csv", csv, strlen(csv), &err);
	int64_t count = model_code_count(db, NULL);
	db_close(db);
	assert_int_equal(rc, JAW_FAIL);
	assert_string_equal(err.msg, "bad.csv line 3: unterminated quoted field");
	assert_int_equal(count, 0);
}

static void test_codebook_starters(void **state)
{
	(void)state;
	struct jaw_db *db = testutil_project_new(NULL);
	jaw_err err;
	err_clear(&err);
	assert_int_equal(codebook_load_starter(db, "nope", &err), JAW_USAGE);
	assert_err(err, JAW_USAGE,
	           "no starter codebook called \"nope\" (choose human-security|empty)");
	err_clear(&err);
	assert_int_equal(codebook_load_starter(db, "../codebooks/empty", &err), JAW_USAGE);
	assert_int_equal(codebook_load_starter(db, "", &err), JAW_USAGE);
	assert_string_equal(codebook_starter_names(), "human-security|empty");
	err_clear(&err);
	assert_int_equal(codebook_load_starter(db, "empty", &err), JAW_OK);
	assert_int_equal(model_code_count(db, &err), 0);
	assert_int_equal(codebook_load_starter(db, "human-security", &err), JAW_OK);
	assert_true(model_code_count(db, &err) >= 25);
	assert_true(testutil_scalar(db, "SELECT count(*) FROM code p WHERE parent_id IS NULL"
	                                " AND EXISTS (SELECT 1 FROM code c WHERE c.parent_id = p.id)")
	            >= 6);
	assert_true(model_code_find(db, "Protection of civilians", &err) > 0);
	assert_true(model_code_find(db, "Women peace and security", &err) > 0);
	/* every code has a description; quick keys are 1-9, each used once */
	assert_int_equal(testutil_scalar(db, "SELECT count(*) FROM code WHERE description = ''"), 0);
	assert_int_equal(testutil_scalar(db, "SELECT count(DISTINCT quick_key) FROM code"), 9);
	/* loading it twice is refused as a whole */
	int64_t before = model_code_count(db, &err);
	assert_int_equal(codebook_load_starter(db, "human-security", &err), JAW_FAIL);
	assert_non_null(strstr(err.msg, "codebooks/human-security.csv line 2: "));
	assert_int_equal(model_code_count(db, &err), before);
	db_close(db);
}

/* ---- keys ------------------------------------------------------------- */

static void test_keys_parse(void **state)
{
	(void)state;
	assert_int_equal(keys_parse("q"), 'q');
	assert_int_equal(keys_parse("?"), '?');
	assert_int_equal(keys_parse("Q"), 'Q');
	assert_int_equal(keys_parse("<"), '<');
	assert_int_equal(keys_parse(">"), '>');
	assert_int_equal(keys_parse("<Tab>"), '\t');
	assert_int_equal(keys_parse("<tab>"), '\t');
	assert_int_equal(keys_parse("<S-Tab>"), KEYS_BACKTAB);
	assert_int_equal(keys_parse("<C-l>"), 12);
	assert_int_equal(keys_parse("<C-L>"), 12);
	assert_int_equal(keys_parse("<C-a>"), 1);
	assert_int_equal(keys_parse("<C-z>"), 26);
	assert_int_equal(keys_parse("<PgDn>"), KEYS_PGDN);
	assert_int_equal(keys_parse("<PgUp>"), KEYS_PGUP);
	assert_int_equal(keys_parse("<F1>"), KEYS_F1);
	assert_int_equal(keys_parse("<F12>"), KEYS_F12);
	assert_int_equal(keys_parse("<Lt>"), '<');
	assert_int_equal(keys_parse("<Enter>"), '\n');
	assert_int_equal(keys_parse("<Esc>"), 27);
	assert_int_equal(keys_parse("<Space>"), ' ');
	assert_int_equal(keys_parse("<Down>"), KEYS_DOWN);
	assert_int_equal(keys_parse("<Home>"), KEYS_HOME);
	assert_int_equal(keys_parse("<End>"), KEYS_END);
	assert_int_equal(keys_parse("<Backspace>"), KEYS_BACKSPACE);
	assert_int_equal(keys_parse("<Del>"), KEYS_DELETE);
	assert_int_equal(keys_parse("<Ins>"), KEYS_INSERT);
	assert_int_equal(keys_parse("é"), 0xE9);
	assert_int_equal(keys_parse("中"), 0x4E2D);

	static const char *const bad[] = {
		"", "<F13>", "<F0>", "<F>", "<C-1>", "<C-ab>", "<C->", "<Nope>", "ab", "<>",
		"<Tab", "Tab>", "qq", "\t", "\x7f", "\xC3", "<VeryLongKeyNameHere>",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		if (keys_parse(bad[i]) != -1)
			fail_msg("keys_parse(\"%s\") should be -1", bad[i]);
	}
}

static void test_keys_name(void **state)
{
	(void)state;
	static const struct {
		int key;
		const char *name;
	} names[] = {
		{'q', "q"}, {'?', "?"}, {'\t', "<Tab>"}, {KEYS_BACKTAB, "<S-Tab>"},
		{12, "<C-l>"}, {KEYS_PGDN, "<PgDn>"}, {KEYS_F1, "<F1>"}, {KEYS_F12, "<F12>"},
		{'<', "<Lt>"}, {0xE9, "é"}, {' ', "<Space>"}, {'\n', "<Enter>"}, {27, "<Esc>"},
		{KEYS_DELETE, "<Del>"}, {KEYS_F1 + 4, "<F5>"}, {0x1F600, "😀"},
	};
	char buf[32];
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		keys_name(names[i].key, buf, sizeof buf);
		assert_string_equal(buf, names[i].name);
		assert_int_equal(keys_parse(buf), names[i].key);
	}
	/* every name keys_parse accepts comes back as itself (after spelling) */
	static const char *const spelled[][2] = {
		{"<C-L>", "<C-l>"}, {"<tab>", "<Tab>"}, {"<pgdn>", "<PgDn>"}, {"<f3>", "<F3>"},
		{"<lt>", "<Lt>"}, {"<", "<Lt>"}, {"<C-i>", "<Tab>"}, {"<C-m>", "<C-m>"},
	};
	for (size_t i = 0; i < sizeof spelled / sizeof *spelled; i++) {
		keys_name(keys_parse(spelled[i][0]), buf, sizeof buf);
		assert_string_equal(buf, spelled[i][1]);
	}
	/* round trips: control keys, printable ASCII, Latin-1 and on, specials */
	for (int k = 1; k <= 26; k++) {
		keys_name(k, buf, sizeof buf);
		assert_int_equal(keys_parse(buf), k);
	}
	for (int k = ' '; k < 0x7F; k++) {
		keys_name(k, buf, sizeof buf);
		assert_int_equal(keys_parse(buf), k);
	}
	for (int k = 0xA0; k < 0x800; k++) {
		keys_name(k, buf, sizeof buf);
		assert_int_equal(keys_parse(buf), k);
	}
	/* every special key that can be bound has a name (KEYS_RESIZE cannot) */
	for (int k = KEYS_SPECIAL + 1; k < KEYS_RESIZE; k++) {
		keys_name(k, buf, sizeof buf);
		assert_true(buf[0] == '<');
		assert_int_equal(keys_parse(buf), k);
	}
	/* a small buffer is not overrun */
	char small[4] = "xyz";
	keys_name(KEYS_BACKSPACE, small, 3);
	assert_string_equal(small, "<B");
}

/* ---- jawrc ------------------------------------------------------------ */

struct rc_reports {
	int n;
	char msg[16][512];
};

static void rc_collect(void *ctx, const char *message)
{
	struct rc_reports *r = ctx;
	if (r->n < 16)
		snprintf(r->msg[r->n], sizeof r->msg[r->n], "%s", message);
	r->n++;
}

static void test_jawrc_defaults(void **state)
{
	(void)state;
	struct jawrc *rc = jawrc_new();
	struct rc_reports r = {0};
	assert_int_equal(jawrc_load_defaults(rc, rc_collect, &r), 0);
	assert_int_equal(r.n, 0);
	for (int map = 0; map < JAWRC_KEYMAP_COUNT; map++) {
		assert_int_equal(jawrc_lookup(rc, (enum jawrc_keymap)map, 'q'), ACTION_QUIT);
		assert_int_equal(jawrc_lookup(rc, (enum jawrc_keymap)map, '?'), ACTION_HELP);
		assert_int_equal(jawrc_lookup(rc, (enum jawrc_keymap)map, 'Q'), ACTION_QUIT_NOW);
		assert_int_equal(jawrc_lookup(rc, (enum jawrc_keymap)map, '\t'), ACTION_NEXT_PANE);
		assert_int_equal(jawrc_lookup(rc, (enum jawrc_keymap)map, KEYS_BACKTAB),
		                 ACTION_PREV_PANE);
		assert_int_equal(jawrc_lookup(rc, (enum jawrc_keymap)map, 12), ACTION_REDRAW);
		assert_int_equal(jawrc_lookup(rc, (enum jawrc_keymap)map, '%'), ACTION_NONE);
	}
	char keys[128];
	assert_int_equal(jawrc_keys_for(rc, JAWRC_GENERIC, ACTION_HELP, keys, sizeof keys), 2);
	assert_string_equal(keys, "?, <F1>");
	assert_int_equal(jawrc_keys_for(rc, JAWRC_GENERIC, ACTION_MOVE_DOWN, keys, sizeof keys),
	                 2);
	assert_string_equal(keys, "j, <Down>");
	assert_int_equal(jawrc_keys_for(rc, JAWRC_TIMELINE, ACTION_HELP, keys, sizeof keys), 0);
	assert_string_equal(keys, "");
	assert_int_equal(
		jawrc_keys_effective(rc, JAWRC_TIMELINE, ACTION_PAGE_DOWN, keys, sizeof keys), 3);
	assert_string_equal(keys, "<PgDn>, <C-f>, <Space>");
	/* every action of the table has a default key in some keymap */
	for (int a = ACTION_NONE + 1; a < ACTION_COUNT; a++) {
		int bound = 0;
		for (int m = 0; m < JAWRC_KEYMAP_COUNT; m++)
			bound += jawrc_keys_for(rc, (enum jawrc_keymap)m, (enum action)a, keys,
			                        sizeof keys);
		if (bound < 1)
			fail_msg("action %s has no default key", action_name((enum action)a));
		assert_int_equal(action_from_name(action_name((enum action)a)), a);
		assert_true(*action_help((enum action)a) != '\0');
	}
	assert_string_equal(action_name(ACTION_NONE), "");
	assert_int_equal(action_from_name("no-such-action"), ACTION_NONE);
	assert_int_equal(action_from_name(""), ACTION_NONE);
	assert_string_equal(jawrc_keymap_name(JAWRC_GENERIC), "generic");
	assert_string_equal(jawrc_keymap_name(JAWRC_EVIDENCE), "evidence");
	jawrc_free(rc);
	jawrc_free(NULL);
}

static void test_jawrc_parse(void **state)
{
	(void)state;
	struct jawrc *rc = jawrc_new();
	struct rc_reports r = {0};
	assert_int_equal(jawrc_load_defaults(rc, rc_collect, &r), 0);
	const char text[] = "# my keys\n"                       /* 1 */
	                    "bind generic x quit\n"              /* 2 */
	                    "bind timeline j move-up\n"          /* 3 */
	                    "unbind generic Q\n"                 /* 4 */
	                    "frobnicate generic q quit\n"        /* 5 */
	                    "bind nowhere q quit\n"              /* 6 */
	                    "bind generic <Nope> quit\n"         /* 7 */
	                    "bind generic z fly\n"               /* 8 */
	                    "bind generic z\n"                   /* 9 */
	                    "unbind generic z quit\n"            /* 10 */
	                    "bind generic a b c d e\n"           /* 11 */
	                    "\n"                                 /* 12 */
	                    "   \t \n"                           /* 13 */
	                    "  bind evidence <C-n> move-down\n"  /* 14 */
	                    "unbind timeline q\r\n"              /* 15 */
	                    "bind stakeholders <C-l> help";      /* 16, no newline */
	assert_int_equal(jawrc_parse(rc, "my.rc", text, rc_collect, &r), 7);
	assert_int_equal(r.n, 7);
	assert_string_equal(r.msg[0], "my.rc line 5: unknown command \"frobnicate\" (bind, unbind, color, set)");
	assert_string_equal(r.msg[1], "my.rc line 6: no keymap \"nowhere\""
	                              " (generic, timeline, stakeholders, evidence, reader, codebook, survey, analysis, memos)");
	assert_string_equal(r.msg[2],
	                    "my.rc line 7: \"<Nope>\" is not a key name (e.g. q, <C-l>, <PgDn>)");
	assert_string_equal(r.msg[3], "my.rc line 8: no action \"fly\" (see jaw(1) for the list)");
	assert_string_equal(r.msg[4], "my.rc line 9: expected: bind KEYMAP KEY ACTION");
	assert_string_equal(r.msg[5], "my.rc line 10: expected: unbind KEYMAP KEY");
	assert_string_equal(r.msg[6], "my.rc line 11: expected: bind KEYMAP KEY ACTION");

	/* the good lines apply, before and after the bad ones */
	assert_int_equal(jawrc_lookup(rc, JAWRC_GENERIC, 'x'), ACTION_QUIT);
	assert_int_equal(jawrc_lookup(rc, JAWRC_STAKEHOLDERS, 'x'), ACTION_QUIT);
	assert_int_equal(jawrc_lookup(rc, JAWRC_TIMELINE, 'j'), ACTION_MOVE_UP);
	assert_int_equal(jawrc_lookup(rc, JAWRC_GENERIC, 'j'), ACTION_MOVE_DOWN);
	assert_int_equal(jawrc_lookup(rc, JAWRC_STAKEHOLDERS, 'j'), ACTION_MOVE_DOWN);
	assert_int_equal(jawrc_lookup(rc, JAWRC_GENERIC, 'Q'), ACTION_NONE);
	assert_int_equal(jawrc_lookup(rc, JAWRC_EVIDENCE, 'Q'), ACTION_NONE);
	assert_int_equal(jawrc_lookup(rc, JAWRC_EVIDENCE, 14), ACTION_MOVE_DOWN);
	assert_int_equal(jawrc_lookup(rc, JAWRC_GENERIC, 14), ACTION_NONE);
	assert_int_equal(jawrc_lookup(rc, JAWRC_TIMELINE, 14), ACTION_NONE);
	assert_int_equal(jawrc_lookup(rc, JAWRC_TIMELINE, 'q'), ACTION_NONE); /* unbound there */
	assert_int_equal(jawrc_lookup(rc, JAWRC_EVIDENCE, 'q'), ACTION_QUIT);
	assert_int_equal(jawrc_lookup(rc, JAWRC_STAKEHOLDERS, 12), ACTION_HELP);
	assert_int_equal(jawrc_lookup(rc, JAWRC_EVIDENCE, 12), ACTION_REDRAW);
	assert_int_equal(jawrc_lookup(rc, JAWRC_GENERIC, 'z'), ACTION_ZOOM); /* bad lines changed nothing */
	assert_int_equal(jawrc_lookup(rc, JAWRC_GENERIC, 'a'), ACTION_ADD);

	char keys[128];
	assert_int_equal(jawrc_keys_for(rc, JAWRC_GENERIC, ACTION_QUIT, keys, sizeof keys), 2);
	assert_string_equal(keys, "q, x");
	assert_int_equal(jawrc_keys_for(rc, JAWRC_TIMELINE, ACTION_MOVE_UP, keys, sizeof keys), 1);
	assert_string_equal(keys, "j");
	assert_int_equal(jawrc_keys_for(rc, JAWRC_TIMELINE, ACTION_MOVE_DOWN, keys, sizeof keys),
	                 0);
	assert_string_equal(keys, "");
	assert_int_equal(jawrc_keys_for(rc, JAWRC_GENERIC, ACTION_QUIT_NOW, keys, sizeof keys), 0);
	assert_int_equal(
		jawrc_keys_effective(rc, JAWRC_GENERIC, ACTION_MOVE_DOWN, keys, sizeof keys), 2);
	assert_string_equal(keys, "j, <Down>");
	assert_int_equal(
		jawrc_keys_effective(rc, JAWRC_TIMELINE, ACTION_MOVE_DOWN, keys, sizeof keys), 1);
	assert_string_equal(keys, "<Down>"); /* j is move-up there */
	assert_int_equal(
		jawrc_keys_effective(rc, JAWRC_TIMELINE, ACTION_MOVE_UP, keys, sizeof keys), 3);
	assert_string_equal(keys, "j, k, <Up>");
	assert_int_equal(
		jawrc_keys_effective(rc, JAWRC_EVIDENCE, ACTION_MOVE_DOWN, keys, sizeof keys), 3);
	assert_string_equal(keys, "<C-n>, j, <Down>");
	assert_int_equal(jawrc_keys_effective(rc, JAWRC_TIMELINE, ACTION_QUIT, keys, sizeof keys),
	                 1);
	assert_string_equal(keys, "x");
	/* x is clear-filter in the evidence view's own keymap */
	assert_int_equal(jawrc_keys_effective(rc, JAWRC_EVIDENCE, ACTION_QUIT, keys, sizeof keys),
	                 1);
	assert_string_equal(keys, "q");
	assert_int_equal(
		jawrc_keys_effective(rc, JAWRC_STAKEHOLDERS, ACTION_REDRAW, keys, sizeof keys), 0);
	assert_int_equal(
		jawrc_keys_effective(rc, JAWRC_STAKEHOLDERS, ACTION_HELP, keys, sizeof keys), 3);
	assert_string_equal(keys, "<C-l>, ?, <F1>");
	/* a later line overrides an earlier one; no report function is fine */
	assert_int_equal(jawrc_parse(rc, "again.rc", "bind timeline j move-down\nbogus\n", NULL,
	                             NULL),
	                 1);
	assert_int_equal(jawrc_lookup(rc, JAWRC_TIMELINE, 'j'), ACTION_MOVE_DOWN);
	assert_int_equal(jawrc_parse(rc, "empty.rc", "", rc_collect, &r), 0);
	jawrc_free(rc);
}

static void test_jawrc_files(void **state)
{
	(void)state;
	struct jawrc *rc = jawrc_new();
	struct rc_reports r = {0};
	char *missing = testutil_path_new("no-such-jawrc");
	assert_int_equal(jawrc_load_file(rc, missing, rc_collect, &r), 0);
	assert_int_equal(r.n, 0);
	free(missing);
	char *path = testutil_path_new("jawrc");
	const char text[] = "bind generic x quit\nbind generic y\nbind evidence w help\n";
	testutil_write_file(path, text, strlen(text));
	assert_int_equal(jawrc_load_file(rc, path, rc_collect, &r), 1);
	assert_int_equal(r.n, 1);
	char want[600];
	snprintf(want, sizeof want, "%s line 2: expected: bind KEYMAP KEY ACTION", path);
	assert_string_equal(r.msg[0], want);
	assert_int_equal(jawrc_lookup(rc, JAWRC_GENERIC, 'x'), ACTION_QUIT);
	assert_int_equal(jawrc_lookup(rc, JAWRC_EVIDENCE, 'w'), ACTION_HELP);
	free(path);
	jawrc_free(rc);
}

/* Loads path into a fresh rc; returns what jawrc_load_file returns, with
 * the first message in msg. */
static int rc_load_one(const char *path, char *msg, size_t size, struct jawrc **out)
{
	struct jawrc *rc = jawrc_new();
	struct rc_reports r = {0};
	int n = jawrc_load_file(rc, path, rc_collect, &r);
	snprintf(msg, size, "%s", r.n ? r.msg[0] : "");
	if (out)
		*out = rc;
	else
		jawrc_free(rc);
	return n;
}

/* A jawrc that is not a small text file is refused, saying why, with
 * nothing of it applied; a byte order mark is skipped. */
static void test_jawrc_hostile_files(void **state)
{
	(void)state;
	char msg[512];
	struct jawrc *rc = NULL;
	char *dir = testutil_path_new("rcdir");
	assert_int_equal(mkdir(dir, 0700), 0);
	assert_int_equal(rc_load_one(dir, msg, sizeof msg, NULL), -1);
	assert_non_null(strstr(msg, "is a directory, not a jawrc"));
	assert_int_equal(rc_load_one("/dev/zero", msg, sizeof msg, NULL), -1);
	assert_string_equal(msg, "/dev/zero: not a regular file: jawrc must be a text file");
	char *fifo = testutil_path_new("rcfifo");
	assert_int_equal(mkfifo(fifo, 0600), 0);
	/* with no writer on the other side: refused, not waited for */
	assert_int_equal(rc_load_one(fifo, msg, sizeof msg, NULL), -1);
	assert_non_null(strstr(msg, "not a regular file"));
	char *nul = testutil_path_new("rcnul");
	testutil_write_file(nul, "bind generic x quit\nbind\0generic y quit\n", 40);
	assert_int_equal(rc_load_one(nul, msg, sizeof msg, &rc), -1);
	assert_non_null(strstr(msg, "line 2 holds a NUL byte"));
	assert_int_not_equal(jawrc_lookup(rc, JAWRC_GENERIC, 'x'), ACTION_QUIT);
	jawrc_free(rc);
	char *big = testutil_path_new("rcbig");
	char *text = xmalloc(JAWRC_MAX_BYTES + 10);
	memset(text, '#', JAWRC_MAX_BYTES + 10);
	testutil_write_file(big, text, JAWRC_MAX_BYTES + 10);
	free(text);
	assert_int_equal(rc_load_one(big, msg, sizeof msg, NULL), -1);
	assert_non_null(strstr(msg, "longer than 1 MiB"));
	char *bom = testutil_path_new("rcbom");
	testutil_write_file(bom, "\xEF\xBB\xBF" "bind generic x quit\n", 23);
	assert_int_equal(rc_load_one(bom, msg, sizeof msg, &rc), 0);
	assert_int_equal(jawrc_lookup(rc, JAWRC_GENERIC, 'x'), ACTION_QUIT);
	jawrc_free(rc);
	free(dir);
	free(fifo);
	free(nul);
	free(big);
	free(bom);
}

int main(void)
{
	testutil_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_quoting),
		cmocka_unit_test(test_csv_line_of_multiline_first_field),
		cmocka_unit_test(test_csv_unterminated),
		cmocka_unit_test(test_csv_unterminated_first_field),
		cmocka_unit_test(test_csv_callback_error),
		cmocka_unit_test(test_codebook_good),
		cmocka_unit_test(test_codebook_refused),
		cmocka_unit_test(test_codebook_unterminated),
		cmocka_unit_test(test_codebook_starters),
		cmocka_unit_test(test_keys_parse),
		cmocka_unit_test(test_keys_name),
		cmocka_unit_test(test_jawrc_defaults),
		cmocka_unit_test(test_jawrc_parse),
		cmocka_unit_test(test_jawrc_files),
		cmocka_unit_test(test_jawrc_hostile_files),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
