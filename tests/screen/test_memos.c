/* test_memos.c - memos, attribution and export in the interface on a
 * virtual terminal: the memos view (golden screen, colours, order, filter,
 * search, reading, going to a target, editing with conflict detection,
 * deleting and undoing), m on a source and the mark it leaves, the
 * attribution fields of the stakeholder and source forms, :marking in the
 * title bar, and :export writing a file, asking before it replaces one,
 * refusing a bad format or an unwritable path, and stopped by Esc. */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "keys.h"
#include "screenutil.h"
#include "xalloc.h"

/* Two memos with known dates (the demo has four, and six on codings). */
static void memos_open(struct screen_fixture *f)
{
	screen_open_demo(f, 24, 80);
	jaw_err err;
	err_clear(&err);
	assert_int_equal(db_exec(f->db,
		"INSERT INTO memo (id, target_kind, target_id, title, text, author, created, updated)"
		" VALUES (101, 'source', 2, '', 'Ask the J9 for the CIMIC annex.', 'zoe',"
		" '2026-10-01T09:00:00Z', '2026-10-01T09:00:00Z'),"
		" (102, 'project', NULL, 'Scope', 'Tactical level only; no strategic HQs.', 'amira',"
		" '2026-07-01T09:00:00Z', '2026-07-01T09:00:00Z');"
		/* the demo's memos are written when it is made: a fixed date */
		"UPDATE memo SET created = '2026-11-20T10:00:00Z', updated = '2026-11-20T10:00:00Z'"
		" WHERE id < 100", &err), JAW_OK);
	ui_reload(f->ui);
	ui_update(f->ui);
	ui_draw(f->ui);
}

/* Runs key with the script of keys for what it opens. */
static void run(struct screen_fixture *f, int key, const int *script, int n)
{
	ui_script(f->ui, script, n);
	ui_key(f->ui, key);
	ui_draw(f->ui);
}

/* Types text at the command line and runs it. */
static void command(struct screen_fixture *f, const char *text)
{
	int keys[300], n = 0;
	screen_type(keys, &n, text);
	keys[n++] = '\n';
	run(f, ':', keys, n);
}

/* Asserts that the selected row of view says text (the Details pane, or
 * the status line, shows it). */
static void detail_has(struct screen_fixture *f, enum view_id view, const char *text)
{
	char buf[1100];
	list_describe(ui_list(f->ui, view), buf, sizeof buf);
	if (!strstr(buf, text))
		fail_msg("\"%s\" is not in \"%s\"", text, buf);
}

static int64_t scalar(struct screen_fixture *f, const char *sql)
{
	return testutil_scalar(f->db, sql);
}

/* The colour pair of role, as the cells drawn with it have. */
static int role_pair(enum jawrc_role role)
{
	return (int)PAIR_NUMBER(colour_attr(role));
}

static void test_memos_view(void **state)
{
	(void)state;
	struct screen_fixture f;
	memos_open(&f);
	const int m[] = {'M'};
	screen_keys(&f, m, 1);
	screen_expect("memos-80x24");
	/* colours: the title, the header, the cursor's row, the others plain */
	struct screen_cell c;
	screen_cell_get(1, 1, &c);
	assert_int_equal(c.pair, role_pair(ROLE_PANE_TITLE_FOCUS));
	screen_cell_get(2, 0, &c);
	assert_int_equal(c.pair, role_pair(ROLE_HEADER));
	screen_cell_get(3, 0, &c);
	assert_int_equal(c.pair, role_pair(ROLE_CURSOR));
	screen_cell_get(4, 0, &c);
	assert_int_equal(c.pair, role_pair(ROLE_NORMAL));
	/* by author, then oldest first; and back */
	const int s[] = {'s'};
	screen_keys(&f, s, 1);
	screen_assert_has(" Memos  1/12  by author");
	screen_assert_has("2026-07-01 amira      the project");
	screen_keys(&f, s, 1);
	screen_assert_has("oldest first");
	screen_keys(&f, s, 1);
	screen_assert_has("newest first");
	/* search: what a memo is on, its text, its author */
	command(&f, "search CRSV");
	screen_assert_has(" Memos  8/12  newest first");
	command(&f, "search zoe");
	screen_assert_has(" Memos  5/12  newest first");
	screen_assert_has("Search wrapped round.");
	command(&f, "search nowhere at all");
	screen_assert_has("\"nowhere at all\" is not in the memos.");
	const int down[] = {'j'};
	screen_keys(&f, down, 1);
	screen_assert_has("Memo on coding Cross-cutting/Reporting");
	/* :memos filters by author and kind; x shows all again */
	command(&f, "memos author=amira");
	screen_assert_has(" Memos  1/6  by amira, newest first");
	command(&f, "memos kind=project");
	screen_assert_has(" Memos  1/2  on project, newest first");
	command(&f, "memos kind=nothing");
	screen_assert_has("memos: kind=nothing is not a kind of memo");
	const int x[] = {'x'};
	screen_keys(&f, x, 1);
	screen_assert_has(" Memos  1/12  newest first");
	screen_stop(&f);
}

/* Enter reads a memo; Enter there, or o in the list, goes to what it is on. */
static void test_read_and_go_to_target(void **state)
{
	(void)state;
	struct screen_fixture f;
	memos_open(&f);
	command(&f, "memos author=zoe");
	int keys[4] = {'\n'};
	screen_keys(&f, keys, 1);
	screen_assert_has("Ask the J9 for the CIMIC annex.");
	screen_assert_has("Enter goes to it: zoe's memo of 2026-10-01 on source Summary");
	screen_keys(&f, keys, 1);
	screen_assert_has("Summary of the tasking letter  (document 2026-07-03");
	/* o on the memo on a coding: the reader at the coding */
	const int back[] = {'q'};
	screen_keys(&f, back, 1);
	command(&f, "memos kind=coding");
	const int o[] = {'o'};
	screen_keys(&f, o, 1);
	screen_assert_has("x remove  m memo");
	/* o on the project's memo says so */
	screen_keys(&f, back, 1);
	command(&f, "memos kind=project");
	screen_keys(&f, o, 1);
	screen_assert_has("This memo is on the project itself.");
	screen_stop(&f);
}

/* Writes an editor script that puts text in the file, and runs cmd first
 * (another analyst's change while the editor is open), as $VISUAL. */
static void editor_script(const char *text, const char *cmd)
{
	char *cwd = getcwd(NULL, 0);
	char *path = xasprintf("%s/editor.sh", cwd);
	free(cwd);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fprintf(fp, "#!/bin/sh\n%s\nprintf '%%s' '%s' > \"$1\"\n", cmd ? cmd : "", text);
	fclose(fp);
	chmod(path, 0700);
	setenv("VISUAL", path, 1);
	free(path);
}

/* m on a source in the evidence pane writes the analyst's memo; the row
 * gets the mark; m again edits the same memo. */
static void test_memo_on_a_source(void **state)
{
	(void)state;
	struct screen_fixture f;
	memos_open(&f);
	jawrc_apply_line(f.rc, "set coder lena", NULL);
	editor_script("Scope of the letter: brigade and below.", NULL);
	const int keys[] = {'E', 'j', 'm'};
	screen_keys(&f, keys, 3);
	screen_assert_has("Memo written on \"Scoping workshop: day one record\" (M lists memos).");
	screen_assert_has("2026-08-11 observation \u270e Scoping workshop: day one re…");
	/* the mark takes the row's colours (the cursor's here) */
	struct screen_cell c;
	screen_cell_get(15, 23, &c);
	assert_int_equal(c.ch, 0x270e);
	assert_int_equal(c.pair, role_pair(ROLE_CURSOR));
	screen_cell_get(14, 23, &c); /* and the plain row's on another */
	assert_int_equal(c.ch, 0x270e);
	assert_int_equal(c.pair, role_pair(ROLE_NORMAL));
	assert_int_equal(scalar(&f, "SELECT count(*) FROM memo WHERE target_kind = 'source' AND"
	                            " target_id = 1 AND author = 'lena' AND text LIKE 'Scope of%'"),
	                 1);
	editor_script("Scope of the letter: brigade level.", NULL);
	const int again[] = {'m'};
	screen_keys(&f, again, 1);
	screen_assert_has("Memo saved on \"Scoping workshop: day one record\"");
	assert_int_equal(scalar(&f, "SELECT count(*) FROM memo WHERE author = 'lena'"), 1);
	/* in the memos view, and undone there */
	const int list[] = {'M'};
	screen_keys(&f, list, 1);
	screen_assert_has("lena       source: Scoping workshop: d… Scope of the letter: brigade…");
	const int u[] = {'u'};
	screen_keys(&f, u, 1);
	screen_assert_has("Undid: edited memo");
	screen_keys(&f, u, 1);
	assert_int_equal(scalar(&f, "SELECT count(*) FROM memo WHERE author = 'lena'"), 0);
	unsetenv("VISUAL");
	screen_stop(&f);
}

/* m in the findings view writes a memo on the selected finding. */
static void test_memo_on_a_finding(void **state)
{
	(void)state;
	struct screen_fixture f;
	memos_open(&f);
	jawrc_apply_line(f.rc, "set coder lena", NULL);
	editor_script("Ask the J3 whether liaison was tasked.", NULL);
	const int keys[] = {'F', 'm'};
	screen_keys(&f, keys, 2);
	screen_assert_has("Memo written on");
	assert_int_equal(scalar(&f, "SELECT count(*) FROM memo WHERE target_kind = 'finding' AND"
	                            " target_id = (SELECT id FROM finding ORDER BY position, id"
	                            " LIMIT 1) AND author = 'lena' AND text LIKE 'Ask the J3%'"), 1);
	const int list[] = {'M'};
	screen_keys(&f, list, 1);
	screen_assert_has("lena       finding:");
	unsetenv("VISUAL");
	screen_stop(&f);
}

/* e in the memos view edits a memo; when someone changed it while the
 * editor was open, nothing is saved and the status line says why. */
static void test_edit_refuses_a_changed_memo(void **state)
{
	(void)state;
	if (system("command -v sqlite3 >/dev/null 2>&1") != 0)
		skip();
	struct screen_fixture f;
	memos_open(&f);
	command(&f, "memos author=zoe");
	editor_script("Ask the J9 and the J3.", NULL);
	const int e[] = {'e'};
	screen_keys(&f, e, 1);
	screen_assert_has("Memo saved (u undoes).");
	assert_int_equal(scalar(&f, "SELECT count(*) FROM memo WHERE id = 101 AND text = 'Ask the J9"
	                            " and the J3.'"), 1);
	editor_script("Mine.", "sqlite3 demo.jaw \"UPDATE memo SET text = 'Theirs.' WHERE id = 101\"");
	screen_keys(&f, e, 1);
	screen_assert_has("memo 101 was changed by someone else since you read it");
	assert_int_equal(scalar(&f, "SELECT count(*) FROM memo WHERE id = 101 AND text = 'Theirs.'"), 1);
	/* d asks, n keeps it, y deletes it, u brings it back */
	int no[] = {'n'}, yes[] = {'y'};
	run(&f, 'd', no, 1);
	assert_int_equal(scalar(&f, "SELECT count(*) FROM memo WHERE id = 101"), 1);
	run(&f, 'd', yes, 1);
	screen_assert_has("Memo deleted (u undoes).");
	assert_int_equal(scalar(&f, "SELECT count(*) FROM memo WHERE id = 101"), 0);
	const int u[] = {'u'};
	screen_keys(&f, u, 1);
	assert_int_equal(scalar(&f, "SELECT count(*) FROM memo WHERE id = 101"), 1);
	unsetenv("VISUAL");
	screen_stop(&f);
}

/* Saves the screen as a golden one at the end of a script (the form open). */
static void expect_form(struct ui *ui, void *ctx)
{
	(void)ui;
	screen_expect(ctx);
}

/* The stakeholder form's attribution field: shown, chosen, stored, and the
 * Details line says what applies. */
static void test_stakeholder_attribution(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 24, 80);
	const int focus[] = {'S', 'j'}; /* François Lefèvre, a person */
	screen_keys(&f, focus, 2);
	detail_has(&f, VIEW_STAKEHOLDERS, "attribution anonymous (the default for its kind)");
	int keys[16], n = 0;
	for (int i = 0; i < 8; i++)
		keys[n++] = '\t'; /* to Attribution */
	f.ui->script_end = expect_form;
	f.ui->script_ctx = "stakeholder-form-80x24";
	run(&f, 'e', keys, n);
	/* the field's colours: its value in the form's own, as the others */
	n = 0;
	for (int i = 0; i < 8; i++)
		keys[n++] = '\t';
	keys[n++] = 'r';
	keys[n++] = '\n';
	run(&f, 'e', keys, n);
	assert_int_equal(scalar(&f, "SELECT count(*) FROM stakeholder WHERE name = 'François Lefèvre'"
	                            " AND attribution = 'role'"), 1);
	detail_has(&f, VIEW_STAKEHOLDERS, "attribution role (set)");
	/* u takes the attribution back (a change of its own) */
	const int u[] = {'u'};
	screen_keys(&f, u, 1);
	assert_int_equal(scalar(&f, "SELECT count(*) FROM stakeholder WHERE name = 'François Lefèvre'"
	                            " AND attribution IS NULL"), 1);
	screen_stop(&f);
}

/* The source form's attribution: inherit, or its own; the Details line
 * says how the source is quoted. */
static void test_source_attribution(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 24, 80);
	const int focus[] = {'E', 'j', 'j'}; /* the interview with José Muñoz */
	screen_keys(&f, focus, 3);
	detail_has(&f, VIEW_EVIDENCE, "quoted as \"a legal adviser (LEGAD)\", attribution role (as"
	           " its stakeholder's, or the default)");
	int keys[16], n = 0;
	for (int i = 0; i < 5; i++)
		keys[n++] = '\t'; /* to Attribution */
	f.ui->script_end = expect_form;
	f.ui->script_ctx = "source-form-80x24";
	run(&f, 'e', keys, n);
	n = 0;
	for (int i = 0; i < 5; i++)
		keys[n++] = '\t';
	keys[n++] = 'n';
	keys[n++] = '\n';
	run(&f, 'e', keys, n);
	assert_int_equal(scalar(&f, "SELECT count(*) FROM source WHERE title LIKE 'Interview with"
	                            " the brigade leg%' AND attribution = 'named'"), 1);
	screen_assert_has("Saved.");
	detail_has(&f, VIEW_EVIDENCE, "quoted as \"José Muñoz, ");
	detail_has(&f, VIEW_EVIDENCE, "attribution named (set for this source)");
	screen_stop(&f);
}

static void test_marking(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 24, 80);
	command(&f, "marking NATO UNCLASSIFIED"); /* over the demo's */
	/* on the right of the title bar, in the file's place */
	screen_assert_has("Tactical Level                   NATO UNCLASSIFIED\n");
	screen_assert_has("Marking line set");
	struct screen_cell c;
	screen_cell_get(0, 50, &c);
	assert_int_equal(c.pair, role_pair(ROLE_TITLE));
	assert_int_equal(scalar(&f, "SELECT count(*) FROM project WHERE marking = 'NATO"
	                            " UNCLASSIFIED'"), 1);
	/* :marking alone edits it: emptied, it is cleared */
	int keys[16], n = 0;
	screen_type(keys, &n, "marking\n");
	keys[n++] = 21; /* Ctrl-U */
	keys[n++] = '\n';
	run(&f, ':', keys, n);
	screen_assert_has("Marking line cleared.");
	assert_int_equal(scalar(&f, "SELECT count(*) FROM project WHERE marking = ''"), 1);
	char *screen = screen_text_new();
	assert_null(strstr(screen, "UNCLASSIFIED"));
	free(screen);
	screen_stop(&f);
}

/* How many files in the current directory begin with prefix. */
static int files_starting(const char *prefix)
{
	DIR *d = opendir(".");
	assert_non_null(d);
	int n = 0;
	for (struct dirent *e; (e = readdir(d)) != NULL;)
		n += strncmp(e->d_name, prefix, strlen(prefix)) == 0;
	closedir(d);
	return n;
}

static char *read_new(const char *path)
{
	FILE *fp = fopen(path, "r");
	assert_non_null(fp);
	char *buf = xcalloc(1, 1 << 20);
	size_t n = fread(buf, 1, (1 << 20) - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

static void test_export(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 24, 80);
	command(&f, "export codings out.csv");
	screen_assert_has("Exported codings to \"out.csv\".");
	char *csv = read_new("out.csv");
	assert_int_equal(strncmp(csv, "source,code,coder,start,end,text", 32), 0);
	free(csv);
	/* every format of the exporters' table */
	command(&f, "export memos memos.csv");
	screen_assert_has("Exported memos to \"memos.csv\".");
	/* a bad format: refused, naming the formats there are */
	command(&f, "export pdf out.pdf");
	screen_assert_has("export: no format \"pdf\" (this jaw exports: codings, codebook,");
	command(&f, "export");
	screen_assert_has("export: write :export FORMAT PATH");
	command(&f, "export --excel qdc x.qdc");
	screen_assert_has("export: --excel is for CSV exports, not for qdc");
	/* an unwritable path */
	command(&f, "export codebook no/such/dir/book.csv");
	screen_assert_has("no/such/dir/book.csv: cannot write: No such file or directory");
	command(&f, "export codebook .");
	screen_assert_has("is a directory");
	/* a file there: asks; n keeps it */
	testutil_write_file("keep.csv", "mine\n", 5);
	int no[] = {'e', 'x', 'p', 'o', 'r', 't', ' ', 'c', 'o', 'd', 'e', 'b', 'o', 'o', 'k', ' ',
	            'k', 'e', 'e', 'p', '.', 'c', 's', 'v', '\n', 'n'};
	run(&f, ':', no, (int)(sizeof no / sizeof *no));
	screen_assert_has("Nothing exported: \"keep.csv\" stays as it was.");
	csv = read_new("keep.csv");
	assert_string_equal(csv, "mine\n");
	free(csv);
	no[sizeof no / sizeof *no - 1] = 'y';
	run(&f, ':', no, (int)(sizeof no / sizeof *no));
	screen_assert_has("Exported codebook to \"keep.csv\".");
	csv = read_new("keep.csv");
	assert_int_equal(strncmp(csv, "code,path,name", 14), 0);
	free(csv);
	/* Esc while it runs: stopped, no file and no temporary file left */
	unget_wch(27);
	command(&f, "export codings gone.csv");
	screen_assert_has("Export cancelled: \"gone.csv\" was not written.");
	assert_int_equal(access("gone.csv", F_OK), -1);
	assert_int_equal(files_starting("gone.csv"), 0);
	screen_stop(&f);
}

int main(void)
{
	testutil_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_memos_view),
		cmocka_unit_test(test_read_and_go_to_target),
		cmocka_unit_test(test_memo_on_a_source),
		cmocka_unit_test(test_memo_on_a_finding),
		cmocka_unit_test(test_edit_refuses_a_changed_memo),
		cmocka_unit_test(test_stakeholder_attribution),
		cmocka_unit_test(test_source_attribution),
		cmocka_unit_test(test_marking),
		cmocka_unit_test(test_export),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
