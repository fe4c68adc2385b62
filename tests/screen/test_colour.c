/* test_colour.c - colours as the terminal shows them, read back from the
 * screen: every colour role of data/jawrc drawn by the real panes, and
 * every code colour of the starter codebook drawn by the real reader (the
 * demo's codings and new ones), on 256-, 88-, 16- and 8-colour terminals,
 * on one that cannot keep its own colours, on one with few colour pairs,
 * and in monochrome (NO_COLOR, vt100). Every cell must use a colour pair
 * the terminal has, with text and background that differ by a WCAG 2
 * contrast ratio of 3:1 or more on xterm's palette: on a dark terminal
 * everywhere, and on a light one too with 256 colours (what data/jawrc
 * claims). Coded text and the margin's labels carry their own background,
 * so they are readable on any terminal. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "codebook.h"
#include "coding.h"
#include "finding.h"
#include "model.h"
#include "screenutil.h"
#include "utf8.h"
#include "xalloc.h"

#define MIN_CONTRAST 3.0

/* A terminal to try, and what to expect of it. */
struct terminal {
	const char *name;
	const char *term;
	bool no_color;  /* with NO_COLOR=1 */
	bool fixture;   /* one of the types compiled from terminfo_fixtures */
	bool light;     /* readable on a light background too */
};

/* Terminal types that the system's terminfo lacks, compiled by tic. */
static const char terminfo_fixtures[] =
	"jaw-16color|xterm with 16 colours,\n"
	"\tcolors#16, pairs#256, use=xterm-256color,\n"
	"jaw-nodefault|xterm that cannot go back to its own colours,\n"
	"\top@, oc@, use=xterm-256color,\n"
	"jaw-fewpairs|xterm with 12 colour pairs,\n"
	"\tpairs#12, use=xterm-256color,\n";

static char *terminfo_dir;

/* Compiles terminfo_fixtures; false (the tests skip) without tic. */
static bool fixtures_ready(void)
{
	if (terminfo_dir)
		return true;
	char *dir = testutil_path_new("terminfo");
	assert_int_equal(mkdir(dir, 0700), 0);
	char *src = xasprintf("%s/fixtures.ti", dir);
	testutil_write_file(src, terminfo_fixtures, strlen(terminfo_fixtures));
	char *cmd = xasprintf("tic -x -o '%s' '%s' 2>/dev/null", dir, src);
	int rc = system(cmd);
	free(cmd);
	free(src);
	if (rc != 0) {
		free(dir);
		return false;
	}
	terminfo_dir = dir;
	return true;
}

/* ---- reading the screen ------------------------------------------------------- */

/* What a scan of screens saw. */
struct scan {
	const struct terminal *t;
	int role_cells[ROLE_COUNT]; /* cells in each role's colour pair */
	int code_cells;             /* cells in a code colour's pair */
};

/* Fails unless the cell at y, x is drawn in a pair the terminal has, in
 * colours that differ and meet the contrast the design claims. */
static void check_cell(const struct scan *sc, const struct screen_cell *c, int y, int x,
                       const char *where)
{
	if (!c->pair_ok)
		fail_msg("%s (%s): the cell at row %d column %d is drawn in colour pair %d, "
		         "which the terminal does not have", sc->t->term, where, y, x, c->pair);
	if (c->pair && c->fg >= 0 && c->fg == c->bg)
		fail_msg("%s (%s): the cell at row %d column %d ('%lc') is colour %d on colour %d "
		         "(pair %d)", sc->t->term, where, y, x, (wint_t)c->ch, c->fg, c->bg, c->pair);
	double dark = screen_cell_contrast(c, true), light = screen_cell_contrast(c, false);
	if (dark < MIN_CONTRAST || (sc->t->light && light < MIN_CONTRAST))
		fail_msg("%s (%s): the cell at row %d column %d ('%lc') is colour %d on colour %d "
		         "(pair %d): contrast %.2f on a dark terminal, %.2f on a light one",
		         sc->t->term, where, y, x, (wint_t)c->ch, c->fg, c->bg, c->pair, dark, light);
}

/* Checks every cell of the screen and counts the roles' cells. */
static void scan_screen(struct scan *sc, const char *where)
{
	for (int y = 0; y < LINES; y++) {
		for (int x = 0; x < COLS; x++) {
			struct screen_cell c;
			screen_cell_get(y, x, &c);
			check_cell(sc, &c, y, x, where);
			if (c.pair >= ROLE_COUNT)
				sc->code_cells++;
			for (int r = 1; r < ROLE_COUNT && c.pair; r++)
				if ((int)PAIR_NUMBER(colour_attr((enum jawrc_role)r)) == c.pair)
					sc->role_cells[r]++;
		}
	}
}

/* The row and column where text is on the screen; false if it is not. */
static bool find_on_screen(const char *text, int *y, int *x)
{
	char *screen = screen_text_new();
	char *at = strstr(screen, text);
	if (at) {
		*y = 0;
		char *line = screen;
		for (char *p = screen; p < at; p++)
			if (*p == '\n') {
				(*y)++;
				line = p + 1;
			}
		*at = '\0';
		*x = utf8_width(line);
	} else {
		fprintf(stderr, "# \"%s\" is not on the screen:\n%s", text, screen);
	}
	free(screen);
	return at != NULL;
}

/* ---- the panes ------------------------------------------------------------------- */

/* Draws the roles through the panes: the first screen, an error, the
 * timeline chart with today and an overdue milestone, the power/interest
 * grid; every cell of each is checked. */
static void scan_panes(struct screen_fixture *f, struct scan *sc)
{
	scan_screen(sc, "the first screen");
	ui_error(f->ui, "Something went wrong (a test).");
	ui_draw(f->ui);
	screen_assert_has("Something went wrong (a test).");
	scan_screen(sc, "an error in the status bar");
	jaw_err err;
	err_clear(&err);
	struct timeline_item it = {.kind = "milestone", .title = "Late deliverable",
	                           .start_date = "2026-11-20", .status = "planned"};
	assert_int_equal(model_timeline_add(f->db, &it, &err), JAW_OK);
	ui_reload(f->ui);
	const int chart[] = {'z'};
	screen_keys(f, chart, 1);
	ui_search_for(f->ui, "Late deliv");
	ui_draw(f->ui);
	screen_assert_has("Late deliverable");
	scan_screen(sc, "the timeline chart");
	const int grid[] = {'z', 'S', 'z', 'v'};
	screen_keys(f, grid, 4);
	screen_assert_has("Manage closely");
	scan_screen(sc, "the power/interest grid");
}

/* ---- the findings ------------------------------------------------------------------ */

/* Draws the marks of a changed and a lost citation: the findings list and
 * a finding opened, with one citation of each (and one that is ok). */
static void scan_findings(struct screen_fixture *f, struct scan *sc)
{
	jaw_err err;
	err_clear(&err);
	assert_int_equal(db_exec(f->db, "DELETE FROM finding", &err), JAW_OK);
	struct finding fd = {.title = "Liaison is thin"};
	assert_int_equal(finding_add(f->db, "test", &fd, NULL, 0, &err), JAW_OK);
	struct finding other = {.title = "Nothing lost here"};
	assert_int_equal(finding_add(f->db, "test", &other, NULL, 0, &err), JAW_OK);
	for (int64_t src = 1; src <= 3; src++)
		assert_int_equal(citation_add_segment(f->db, "test", src == 3 ? other.id : fd.id, src, 0,
		                                      12, NULL, NULL, &err), JAW_OK);
	assert_int_equal(db_exec(f->db, "UPDATE source SET text = 'Changed: ' || text WHERE id = 1;"
	                         " DELETE FROM coding WHERE source_id = 2;"
	                         " DELETE FROM source WHERE id = 2", &err), JAW_OK);
	ui_reload(f->ui);
	const int list[] = {'F', 'j'};
	screen_keys(f, list, 2);
	screen_assert_has("Liaison is thin");
	scan_screen(sc, "the findings");
	const int open[] = {'k', '\n', 'G'};
	screen_keys(f, open, 3);
	screen_assert_has("lost");
	scan_screen(sc, "a finding opened");
	const int back[] = {'q', 'q'};
	screen_keys(f, back, 2);
}

/* ---- the reader ------------------------------------------------------------------ */

/* A note with one paragraph for each colour of the codebook (and one for a
 * code without colour), each coded whole with a code of that colour, and a
 * last paragraph not coded. */
struct passages {
	int64_t source_id, end_start; /* the note; where its last paragraph starts */
	int n;
	char names[64][64];           /* the codes */
	char colours[64][8];
	char texts[64][48];           /* the paragraphs */
	int bg[64];                   /* their backgrounds on the screen */
};

static void passages_add(struct jaw_db *db, struct passages *p)
{
	jaw_err err;
	err_clear(&err);
	struct code plain = {.name = "Colourless", .description = "", .colour = ""};
	assert_int_equal(codebook_add(db, "test", &plain, &err), JAW_OK);
	/* the colours of the starter codebook, and the code without one */
	const char *sql = "SELECT min(id), colour FROM code WHERE colour <> '' GROUP BY colour"
	                  " UNION ALL SELECT ?, '' ORDER BY 2 DESC";
	sqlite3_stmt *s = NULL;
	assert_int_equal(sqlite3_prepare_v2(db_sqlite(db), sql, -1, &s, NULL), SQLITE_OK);
	sqlite3_bind_int64(s, 1, plain.id);
	int64_t ids[64];
	p->n = 0;
	char *text = xstrdup("");
	while (sqlite3_step(s) == SQLITE_ROW && p->n < 64) {
		ids[p->n] = sqlite3_column_int64(s, 0);
		snprintf(p->colours[p->n], sizeof p->colours[0], "%s", sqlite3_column_text(s, 1));
		snprintf(p->texts[p->n], sizeof p->texts[0], "Passage %02d in colour %s.", p->n,
		         *p->colours[p->n] ? p->colours[p->n] : "none");
		char *more = xasprintf("%s%s\n\n", text, p->texts[p->n]);
		free(text);
		text = more;
		p->n++;
	}
	sqlite3_finalize(s);
	assert_true(p->n >= 8); /* the starter codebook's 7 colours and none */
	p->end_start = (int64_t)strlen(text);
	char *note = xasprintf("%sThe end of the note, not coded yet.", text);
	free(text);
	struct source src = {.kind = "interview", .title = "Colours", .text = note,
	                     .source_date = "2026-11-25"};
	assert_int_equal(model_source_add(db, &src, &err), JAW_OK);
	p->source_id = src.id;
	int64_t at = 0;
	for (int i = 0; i < p->n; i++) {
		int64_t len = (int64_t)strlen(p->texts[i]);
		assert_int_equal(coding_apply(db, "tester", src.id, at, at + len, ids[i], NULL, NULL,
		                              &err), JAW_OK);
		struct code c = {0};
		assert_int_equal(codebook_get(db, ids[i], &c, &err), JAW_OK);
		snprintf(p->names[i], sizeof p->names[0], "%s", c.name);
		codebook_code_clear(&c);
		at += len + 2;
	}
	free(note);
}

/* Fails unless the cells of a coded passage (or of a margin label) all look
 * as coded text (a label) should on this terminal. */
static void check_coded_cells(const struct scan *sc, int y, int x0, int len, bool label,
                              const char *colour, const char *what)
{
	struct screen_cell first;
	screen_cell_get(y, x0, &first);
	for (int x = x0; x < x0 + len; x++) {
		struct screen_cell c;
		screen_cell_get(y, x, &c);
		check_cell(sc, &c, y, x, what);
		if (c.pair != first.pair || (c.attrs & ~A_REVERSE) != (first.attrs & ~A_REVERSE))
			fail_msg("%s: %s is not drawn alike from column %d to %d", sc->t->term, what,
			         x0, x);
		if (!colour_enabled()) {
			/* the monochrome form: coded text underlined, labels plain */
			assert_int_equal(c.pair, 0);
			if (!label && !(c.attrs & A_UNDERLINE))
				fail_msg("%s: %s is not underlined without colours", sc->t->term, what);
		} else if (*colour && PAIR_NUMBER(colour_coded_attr(colour)) != 0) {
			/* the code's colour as the background: readable on any terminal */
			if (c.fg < 0 || c.bg < 0 || c.pair < ROLE_COUNT)
				fail_msg("%s: %s is colour %d on %d (pair %d), not in the code's colour",
				         sc->t->term, what, c.fg, c.bg, c.pair);
			if (!label && !(c.attrs & A_UNDERLINE))
				fail_msg("%s: %s is not underlined (color coded ... underline)",
				         sc->t->term, what);
		} else if (!label && !*colour) {
			/* no colour: the coded role itself */
			assert_int_equal(c.pair, (int)PAIR_NUMBER(colour_attr(ROLE_CODED)));
		} else if (!label && !(c.attrs & A_UNDERLINE)) {
			/* no colour pair left: the monochrome form, visibly */
			fail_msg("%s: %s has no colour pair and is not underlined", sc->t->term, what);
		}
	}
}

struct reading {
	struct scan *sc;
	struct passages *p;
	int session; /* 0: the passages; 1: a new coding; 2: a selection; 3: the demo's */
	bool done;
};

static void check_passages(struct reading *rd)
{
	for (int i = 0; i < rd->p->n; i++) {
		int y, x;
		assert_true(find_on_screen(rd->p->texts[i], &y, &x));
		char what[160];
		snprintf(what, sizeof what, "the passage coded with %s (%s)", rd->p->names[i],
		         *rd->p->colours[i] ? rd->p->colours[i] : "no colour");
		check_coded_cells(rd->sc, y, x, (int)strlen(rd->p->texts[i]), false,
		                  rd->p->colours[i], what);
		struct screen_cell c;
		screen_cell_get(y, x + 1, &c);
		rd->p->bg[i] = c.bg;
		/* its label in the margin: the code's first seven letters */
		char label[8];
		snprintf(label, sizeof label, "%.7s", rd->p->names[i]);
		char row[256] = "";
		for (int k = 0; k < 7; k++) {
			struct screen_cell lc;
			screen_cell_get(y, k, &lc);
			row[k] = (char)lc.ch;
		}
		if (strncmp(row, label, strlen(label)) != 0)
			fail_msg("%s: row %d's margin says \"%.7s\", not \"%s\"", rd->sc->t->term, y, row,
			         label);
		snprintf(what, sizeof what, "the label of %s (%s)", rd->p->names[i],
		         *rd->p->colours[i] ? rd->p->colours[i] : "no colour");
		check_coded_cells(rd->sc, y, 0, (int)strlen(label), true, rd->p->colours[i], what);
	}
}

static void reading_end(struct ui *ui, void *ctx)
{
	(void)ui;
	struct reading *rd = ctx;
	int y, x;
	switch (rd->session) {
	case 0:
		scan_screen(rd->sc, "the reader with coded passages");
		check_passages(rd);
		break;
	case 1:
		screen_assert_has("Coded 35 characters with Protection of civilians");
		assert_true(find_on_screen("The end of the note, not coded yet.", &y, &x));
		scan_screen(rd->sc, "the reader after a new coding");
		check_coded_cells(rd->sc, y, x, 35, false, "#5FAFFF", "a new coding");
		break;
	case 2:
		screen_assert_has("selecting");
		scan_screen(rd->sc, "the reader with a selection");
		break;
	default:
		scan_screen(rd->sc, "the demo's codings in the reader");
		break;
	}
	rd->done = true;
}

/* Opens source id in the reader at offset at, with a script of keys; at its
 * end reading_end checks the screen of that session. */
static void read_session(struct screen_fixture *f, struct reading *rd, int session, int64_t id,
                         size_t at, const int *keys, int n)
{
	rd->session = session;
	rd->done = false;
	int depth = f->ui->depth;
	struct ui_target t = {.view = VIEW_READER, .id = id, .at = (int64_t)at};
	ui_show(f->ui, &t);
	for (int i = 0; i < n; i++)
		ui_key(f->ui, keys[i]);
	ui_draw(f->ui);
	reading_end(f->ui, rd);
	ui_close_to(f->ui, depth);
	ui_draw(f->ui);
	assert_true(rd->done);
}

/* Reads the passages of each code colour, codes a new passage with quick
 * key 1, selects one, and reads the demo's coded sources. */
static void scan_reader(struct screen_fixture *f, struct scan *sc)
{
	struct passages *p = xcalloc(1, sizeof *p);
	passages_add(f->db, p);
	struct reading rd = {.sc = sc, .p = p};
	const int none[] = {0}, code[] = {'v', ')', '1'}, select[] = {'v', ')'};
	read_session(f, &rd, 0, p->source_id, 0, none, 0);
	read_session(f, &rd, 1, p->source_id, (size_t)p->end_start, code, 3);
	read_session(f, &rd, 2, p->source_id, 0, select, 2);
	if (colour_enabled() && COLORS == 256) {
		/* on 256 colours each colour of the codebook is a background of its own */
		for (int i = 0; i < p->n; i++)
			for (int k = 0; k < i; k++)
				if (*p->colours[i] && *p->colours[k] && p->bg[i] >= 0 && p->bg[i] == p->bg[k])
					fail_msg("%s and %s are both drawn on colour %d", p->colours[i],
					         p->colours[k], p->bg[i]);
	}
	/* the demo's codings, as the analyst first meets them */
	jaw_err err;
	err_clear(&err);
	const char *sql = "SELECT source_id, min(start_cp) FROM coding WHERE coder <> 'tester'"
	                  " GROUP BY source_id ORDER BY source_id";
	sqlite3_stmt *s = NULL;
	assert_int_equal(sqlite3_prepare_v2(db_sqlite(f->db), sql, -1, &s, NULL), SQLITE_OK);
	int sources = 0;
	for (; sqlite3_step(s) == SQLITE_ROW; sources++)
		read_session(f, &rd, 3, sqlite3_column_int64(s, 0), (size_t)sqlite3_column_int64(s, 1),
		             none, 0);
	assert_true(sources > 0);
	sqlite3_finalize(s);
	free(p);
}

/* ---- the terminals -------------------------------------------------------------- */

static void check_terminal(const struct terminal *t)
{
	if (t->fixture) {
		if (!fixtures_ready())
			skip();
		setenv("TERMINFO", terminfo_dir, 1);
	}
	if (t->no_color)
		setenv("NO_COLOR", "1", 1);
	setenv("JAW_TODAY", "2026-11-25", 1);
	struct screen_fixture f;
	screen_open_demo_term(&f, 30, 100, t->term);
	struct scan sc = {.t = t};
	scan_panes(&f, &sc);
	scan_reader(&f, &sc);
	scan_findings(&f, &sc);
	if (colour_enabled()) {
		/* every role of data/jawrc that has a colour pair was drawn, and
		 * checked, at least once */
		for (int r = 1; r < ROLE_COUNT; r++) {
			struct jawrc_colour c = jawrc_colour(f.rc, (enum jawrc_role)r);
			assert_true(c.fg >= 0 || c.bg >= 0 || c.attrs);
			if (PAIR_NUMBER(colour_attr((enum jawrc_role)r)) && !sc.role_cells[r])
				fail_msg("%s: no cell drawn in the colours of %s", t->term,
				         jawrc_role_name((enum jawrc_role)r));
		}
	} else {
		assert_int_equal(sc.code_cells, 0);
	}
	screen_stop(&f);
	unsetenv("JAW_TODAY");
	unsetenv("NO_COLOR");
	unsetenv("TERMINFO");
}

/* The terminals, each a test: the name says what is tried. */
static const struct terminal terminals[] = {
	{"256 colours: xterm-256color", "xterm-256color", .light = true},
	{"256 colours: tmux-256color", "tmux-256color", .light = true},
	{"88 colours: rxvt-unicode", "rxvt-unicode", .light = false},
	{"16 colours", "jaw-16color", .fixture = true},
	{"8 colours: linux", "linux", .light = false},
	{"8 colours: screen", "screen", .light = false},
	/* use_default_colors fails: "default" is white on black */
	{"no default colours", "jaw-nodefault", .fixture = true},
	/* the roles from bar-event on, and the codes, are monochrome */
	{"12 colour pairs", "jaw-fewpairs", .fixture = true, .light = true},
	{"monochrome: NO_COLOR", "xterm-256color", .no_color = true, .light = true},
	{"monochrome: vt100", "vt100", .light = true},
};

/* Before each test: the environment as the tests before it may have left
 * it when they failed. */
static int clean_environment(void **state)
{
	(void)state;
	unsetenv("NO_COLOR");
	unsetenv("TERMINFO");
	unsetenv("JAW_TODAY");
	return 0;
}

static void test_terminal(void **state)
{
	check_terminal(*state);
}

/* With 12 pairs, a role or code colour without a pair is monochrome. */
static void test_few_pairs_fall_back(void **state)
{
	(void)state;
	if (!fixtures_ready())
		skip();
	setenv("TERMINFO", terminfo_dir, 1);
	struct screen_fixture f;
	screen_open_demo_term(&f, 24, 80, "jaw-fewpairs");
	assert_true(colour_enabled());
	assert_int_equal(COLOR_PAIRS, 12);
	assert_int_equal(PAIR_NUMBER(colour_attr(ROLE_TITLE)), ROLE_TITLE);
	assert_int_equal(colour_attr(ROLE_SELECTION), A_REVERSE);
	assert_int_equal(colour_coded_attr("#5FAFFF"), A_UNDERLINE);
	assert_int_equal(colour_code_label_attr("#5FAFFF"), A_NORMAL);
	screen_stop(&f);
	unsetenv("TERMINFO");
}

/* ---- colour pairs and the coded role -------------------------------------------- */

/* More code colours than pairs: those without a pair are underlined, and
 * every pair handed out is one the terminal has. */
static void test_code_pairs_run_out(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 24, 80);
	int paired = 0, mono = 0;
	for (int c = 16; c < 256; c++) {
		unsigned char rgb[3];
		colour_rgb(c, rgb);
		char hex[8];
		snprintf(hex, sizeof hex, "#%02X%02X%02X", rgb[0], rgb[1], rgb[2]);
		attr_t a = colour_coded_attr(hex);
		int pair = (int)PAIR_NUMBER(a);
		if (!pair) {
			assert_int_equal(a, A_UNDERLINE);
			assert_int_equal(colour_code_label_attr(hex), A_NORMAL);
			mono++;
			continue;
		}
		paired++;
		int fg, bg;
		assert_int_equal(extended_pair_content(pair, &fg, &bg), OK);
		assert_int_equal(bg, c);
		assert_true(fg == 16 || fg == 231);
		assert_int_equal(PAIR_NUMBER(colour_code_label_attr(hex)), pair);
	}
	/* 255 pairs fit in an attr_t; the roles have 17 of them */
	assert_int_equal(paired, 255 - (ROLE_COUNT - 1));
	assert_int_equal(mono, 240 - paired);
	screen_stop(&f);
}

/* The coded role's own colours replace "default" (the code's colour). */
static void test_coded_role_in_jawrc(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 24, 80);
	jaw_err err;
	err_clear(&err);
	int fg, bg;
	assert_int_equal(jawrc_apply_line(f.rc, "color coded black yellow bold", &err), JAW_OK);
	colour_init(f.rc);
	attr_t a = colour_coded_attr("#5FAFFF");
	assert_int_equal(a & ~A_COLOR, A_BOLD);
	assert_int_equal(extended_pair_content((int)PAIR_NUMBER(a), &fg, &bg), OK);
	assert_int_equal(fg, COLOR_BLACK);
	assert_int_equal(bg, COLOR_YELLOW);
	/* the label keeps the code's colour */
	a = colour_code_label_attr("#5FAFFF");
	assert_int_equal(extended_pair_content((int)PAIR_NUMBER(a), &fg, &bg), OK);
	assert_int_equal(bg, 75);
	assert_int_equal(fg, 16);
	/* a background of its own: text black or white to suit it */
	assert_int_equal(jawrc_apply_line(f.rc, "color coded default color236", &err), JAW_OK);
	colour_init(f.rc);
	a = colour_coded_attr("#FFAF00");
	assert_int_equal(a & ~A_COLOR, A_NORMAL);
	assert_int_equal(extended_pair_content((int)PAIR_NUMBER(a), &fg, &bg), OK);
	assert_int_equal(bg, 236);
	assert_int_equal(fg, 231);
	/* default default: the code's colour, without underline */
	assert_int_equal(jawrc_apply_line(f.rc, "color coded default default", &err), JAW_OK);
	colour_init(f.rc);
	a = colour_coded_attr("#FFAF00");
	assert_int_equal(a & ~A_COLOR, A_NORMAL);
	assert_int_equal(extended_pair_content((int)PAIR_NUMBER(a), &fg, &bg), OK);
	assert_int_equal(bg, 214);
	assert_int_equal(fg, 16);
	/* a code without colour then looks as without colours */
	assert_int_equal(colour_coded_attr(""), A_UNDERLINE);
	assert_int_equal(colour_coded_attr("not a colour"), A_UNDERLINE);
	screen_stop(&f);
}

/* The palette and the contrast ratio the checks rely on, against xterm's
 * published colours and WCAG 2's examples. */
static void test_palette_and_contrast(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 24, 80);
	static const struct {
		int c;
		unsigned char rgb[3];
	} xterm[] = {
		{0, {0, 0, 0}},       {1, {205, 0, 0}},     {4, {0, 0, 238}},
		{7, {229, 229, 229}}, {12, {92, 92, 255}},  {15, {255, 255, 255}},
		{16, {0, 0, 0}},      {75, {95, 175, 255}}, {136, {175, 135, 0}},
		{214, {255, 175, 0}}, {231, {255, 255, 255}}, {232, {8, 8, 8}},
		{250, {188, 188, 188}}, {255, {238, 238, 238}},
	};
	for (size_t i = 0; i < sizeof xterm / sizeof *xterm; i++) {
		unsigned char rgb[3];
		colour_rgb(xterm[i].c, rgb);
		assert_memory_equal(rgb, xterm[i].rgb, 3);
	}
	const unsigned char black[3] = {0, 0, 0}, white[3] = {255, 255, 255},
	                    grey[3] = {0x76, 0x76, 0x76}, red[3] = {255, 0, 0};
	assert_float_equal(colour_contrast(black, white), 21.0, 0.001);
	assert_float_equal(colour_contrast(white, black), 21.0, 0.001);
	assert_float_equal(colour_contrast(grey, grey), 1.0, 0.001);
	assert_float_equal(colour_contrast(grey, white), 4.54, 0.01);
	assert_float_equal(colour_contrast(red, white), 4.00, 0.01);
	screen_stop(&f);
	/* rxvt-unicode's 88 colours: a 4x4x4 cube and 8 greys */
	screen_open_demo_term(&f, 24, 80, "rxvt-unicode");
	unsigned char rgb[3];
	colour_rgb(79, rgb);
	assert_memory_equal(rgb, white, 3);
	colour_rgb(34, rgb);
	assert_memory_equal(rgb, ((unsigned char[3]){139, 0, 205}), 3);
	colour_rgb(80, rgb);
	assert_memory_equal(rgb, ((unsigned char[3]){46, 46, 46}), 3);
	screen_stop(&f);
}

int main(void)
{
	testutil_init();
	enum { NTERMINALS = sizeof terminals / sizeof *terminals };
	struct CMUnitTest tests[NTERMINALS + 4] = {
		cmocka_unit_test_setup(test_palette_and_contrast, clean_environment),
		cmocka_unit_test_setup(test_few_pairs_fall_back, clean_environment),
		cmocka_unit_test_setup(test_code_pairs_run_out, clean_environment),
		cmocka_unit_test_setup(test_coded_role_in_jawrc, clean_environment),
	};
	for (int i = 0; i < NTERMINALS; i++)
		tests[4 + i] = (struct CMUnitTest){terminals[i].name, test_terminal,
		                                   clean_environment, NULL, (void *)&terminals[i]};
	int failed = cmocka_run_group_tests(tests, NULL, NULL);
	free(terminfo_dir);
	return failed;
}
