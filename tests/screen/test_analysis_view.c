/* test_analysis_view.c - the analysis view (A) on a virtual terminal with
 * the demo: the retrieval of coded segments (characters and attributes:
 * the coded text bold, its context plain), :retrieve with a filter, Enter
 * reading a segment and q coming back to the same row, the errors of
 * :retrieve, the code frequencies with their bars, and the crosstab and
 * co-occurrence matrices (shading, the selected cell, percentages,
 * Jaccard, Enter on a cell), inter-coder agreement, saturation and the
 * full-text search (coding all its hits is tested in e2e_analysis.sh). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "model.h"
#include "project_schema.h"
#include "screenutil.h"
#include "xalloc.h"

/* Types :LINE and Enter. */
static void command(struct screen_fixture *f, const char *line)
{
	int keys[256], n = 0;
	keys[n++] = ':';
	screen_type(keys, &n, line);
	keys[n++] = '\n';
	screen_keys(f, keys, n);
}

/* The column where text starts on screen line y, or -1. */
static int column_of(int y, const char *text)
{
	char *screen = screen_text_new();
	char *line = screen;
	for (int i = 0; i < y && line; i++) {
		line = strchr(line, '\n');
		line = line ? line + 1 : NULL;
	}
	int x = -1;
	char *end = line ? strchr(line, '\n') : NULL;
	char *hit = line ? strstr(line, text) : NULL;
	if (hit && (!end || hit < end)) {
		x = 0; /* columns: count the characters before it (these are one column each) */
		for (char *p = line; p < hit; p++)
			x += ((unsigned char)*p & 0xC0) != 0x80;
	}
	free(screen);
	return x;
}

static void test_retrieval(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 24, 100);
	const int a[] = {'A'};
	screen_keys(&f, a, 1);
	screen_expect("analysis-retrieve-100x24");
	command(&f, "retrieve code=Training");
	screen_assert_has(" Analysis: retrieval  1/3  Cross-cutting/Training  code=Training");
	/* row 2 (screen line 4): "...training before deployment: " plain, then
	 * the coded text bold */
	int y = 4, x = column_of(y, "every soldier");
	assert_true(x > 0);
	struct screen_cell text, context, normal;
	screen_cell_get(y, x, &text);
	screen_cell_get(y, x - 3, &context);
	screen_cell_get(y, 1, &normal);
	assert_true(text.attrs & A_BOLD);
	assert_false(context.attrs & A_BOLD);
	assert_int_equal(context.pair, normal.pair);
	assert_int_equal(context.attrs, normal.attrs);
	/* the cursor row is drawn whole in the cursor's colours */
	struct screen_cell cursor0, cursor1;
	screen_cell_get(3, 1, &cursor0);
	screen_cell_get(3, 60, &cursor1);
	assert_int_equal(cursor0.pair, cursor1.pair);
	assert_int_not_equal(cursor0.pair, normal.pair);
	/* Enter reads the segment; q comes back to the same row */
	const int open[] = {'j', '\n'};
	screen_keys(&f, open, 2);
	screen_assert_has("Interview with the Battlegroup Delta gender focal point");
	const int back[] = {'q'};
	screen_keys(&f, back, 1);
	screen_assert_has(" Analysis: retrieval  2/3 ");
	/* + takes the codes below too (Training has none: the same rows) */
	const int plus[] = {'+'};
	screen_keys(&f, plus, 1);
	screen_assert_has("Cross-cutting/Training and below");
	/* a filter that nothing passes says how to show all again */
	command(&f, "retrieve code=Training coder=nobody");
	screen_assert_has("no segment matches: x shows every coded segment");
	const int x_key[] = {'x'};
	screen_keys(&f, x_key, 1);
	screen_assert_has(" Analysis: retrieval  1/45  every code");
	screen_stop(&f);
}

static void test_frequencies(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 24, 100);
	const int keys[] = {'A', '2'};
	screen_keys(&f, keys, 2);
	screen_expect("analysis-codes-100x24");
	/* a roll-up's bar (Protection of civilians, 8) and a code's own
	 * (Civilian harm mitigation, 3) in other colours, drawn to scale: the
	 * largest figure (Women peace and security) fills the 33 columns */
	int x = column_of(2, "Segments");
	assert_true(x > 0);
	struct screen_cell rolled, own, after;
	screen_cell_get(4, x, &own);
	screen_cell_get(4, x + 5, &after);
	screen_cell_get(3, x, &rolled);
	assert_int_equal(own.ch, 0x2588);
	assert_int_equal(rolled.ch, 0x2593);
	assert_int_not_equal(own.pair, rolled.pair);
	assert_int_equal(after.ch, 0x2588);
	screen_cell_get(4, x + 6, &after);
	assert_int_equal(after.ch, ' ');
	/* Enter on a code retrieves its segments, with the codes below it */
	const int open[] = {'\n'};
	screen_keys(&f, open, 1);
	screen_assert_has(" Analysis: retrieval  1/8  Protection of civilians and below");
	const int two[] = {'2'};
	screen_keys(&f, two, 1);
	screen_assert_has(" Analysis: code frequencies  1/33");
	screen_stop(&f);
}

static void test_crosstab(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 24, 100);
	const int keys[] = {'A', '3', 'j'};
	screen_keys(&f, keys, 3);
	screen_expect("analysis-crosstab-100x24");
	/* the selected cell (row 2, first value) in the selection's colours;
	 * a cell of 3 of the largest, 4 (Training), shaded three quarters; an
	 * empty cell not */
	int x = column_of(2, "Joint St");
	struct screen_cell selected, other, shade, empty;
	screen_cell_get(4, x + 5, &selected);
	screen_cell_get(4, x + 15, &other);
	screen_cell_get(4, x, &shade);
	screen_cell_get(3, x, &empty);
	assert_int_not_equal(selected.pair, other.pair);
	assert_int_equal(shade.ch, 0x2593);
	assert_int_equal(empty.ch, ' ');
	screen_assert_has(" Civilian harm mitigation \u00d7 Joint Strategic Headquarters Valmont: 3"
	                  " segments, 100.");
	/* a cell of one: "1 segment"; then back up */
	const int down[] = {'j', 'j', 'j', 'j', 'j', 'j', 'j'};
	screen_keys(&f, down, 7);
	screen_assert_has(" Monitoring and reporting \u00d7 Joint Strategic Headquarters Valmont: 1"
	                  " segment, 50.0%");
	const int up[] = {'k', 'k', 'k', 'k', 'k', 'k', 'k'};
	screen_keys(&f, up, 7);
	/* p: row percentages, then column percentages */
	const int pct[] = {'p'};
	screen_keys(&f, pct, 1);
	screen_assert_has("by organisation, segments, % of rows");
	screen_assert_has("  Civilian harm mitigation     \u2588   100.0       0.0");
	/* l moves to the next column; Enter retrieves the cell */
	const int right[] = {'l', '\n'};
	screen_keys(&f, right, 2);
	screen_assert_has(" Analysis: retrieval  (none)  Protection of civilians/Civilian harm mitigation");
	/* :crosstab with another attribute, and an attribute that is none */
	command(&f, "crosstab source-kind sources");
	screen_assert_has(" Analysis: crosstab  1/33  by source-kind, sources, counts");
	screen_assert_has("interview");
	command(&f, "crosstab colour");
	screen_assert_has("no attribute \"colour\" (organisation, organisation-direct");
	command(&f, "crosstab Nation");
	screen_assert_has("no coded segment has a value of Nation");
	screen_stop(&f);
}

static void test_cooccurrence(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 24, 100);
	const int keys[] = {'A', '4', 'j', 'l'};
	screen_keys(&f, keys, 4);
	screen_expect("analysis-cooccurrence-100x24");
	screen_assert_has(" Civilian harm mitigation \u00d7 Civilian harm mitigation: 2 sources"
	                  " (Jaccard 1.000");
	const int jaccard[] = {'p'};
	screen_keys(&f, jaccard, 1);
	screen_assert_has("sources where codings overlap, Jaccard");
	screen_assert_has("1.000");
	/* Enter on the diagonal: the code's segments */
	const int open[] = {'\n'};
	screen_keys(&f, open, 1);
	screen_assert_has(" Analysis: retrieval  1/3  Protection of civilians/Civilian harm mitigation");
	command(&f, "cooccurrence same-source");
	screen_assert_has("sources where codings share the source");
	command(&f, "cooccurrence nearby");
	screen_assert_has("cooccurrence: write :cooccurrence overlap or :cooccurrence same-source");
	screen_stop(&f);
}

static void test_agreement(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 24, 100);
	const int keys[] = {'A', '5'};
	screen_keys(&f, keys, 2);
	screen_assert_has("name the coders to compare: :agreement CODER CODER");
	command(&f, "agreement amira tomas");
	screen_expect("analysis-agreement-100x24");
	/* a kappa of 0.6595 fills two thirds of the bar (the right third of the
	 * screen, from column 67), in the bar's colour */
	struct screen_cell bar, last, name;
	screen_cell_get(3, 67, &bar);
	screen_cell_get(3, 67 + 20, &last);
	screen_cell_get(3, 67 + 22, &name);
	assert_int_equal(bar.ch, 0x2588);
	assert_int_equal(last.ch, 0x2588);
	assert_int_equal(name.ch, ' ');
	screen_cell_get(3, 1, &name);
	assert_int_not_equal(bar.pair, name.pair);
	/* the pooled row last */
	const int end[] = {'G'};
	screen_keys(&f, end, 1);
	screen_assert_has("(all)");
	/* Enter on a code retrieves its segments by both */
	const int up[] = {'g', '\n'};
	screen_keys(&f, up, 2);
	screen_assert_has(" Analysis: retrieval  1/3  Protection of civilians/Civilian harm mitigation");
	command(&f, "agreement amira");
	screen_assert_has("agreement: write :agreement CODER CODER (two coders or more)");
	command(&f, "agreement amira nobody");
	screen_assert_has("agreement: amira and nobody coded no source in common");
	screen_stop(&f);
}

static void test_saturation(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 24, 100);
	const int keys[] = {'A', '6'};
	screen_keys(&f, keys, 2);
	screen_expect("analysis-saturation-100x24");
	/* row 2: 9 codes before it in one colour, its 5 new in another shade */
	int x = column_of(2, "Codes so far");
	struct screen_cell old, fresh;
	screen_cell_get(4, x, &old);
	screen_cell_get(4, x + 15, &fresh);
	assert_int_equal(old.ch, 0x2588);
	assert_int_equal(fresh.ch, 0x2593);
	assert_int_not_equal(old.pair, fresh.pair);
	/* Enter reads the source */
	const int open[] = {'\n'};
	screen_keys(&f, open, 1);
	screen_assert_has("Interview with the brigade legal adviser  (interview 2026-09-15");
	screen_stop(&f);
}

static void test_search(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 24, 100);
	const int keys[] = {'A', '7'};
	screen_keys(&f, keys, 2);
	screen_assert_has("search the evidence: :find WORDS");
	command(&f, "find \"gender perspective\"");
	screen_expect("analysis-search-100x24");
	/* the match bold, its context plain (row 2) */
	int x = column_of(4, "gender perspective");
	assert_true(x > 0);
	struct screen_cell match, context;
	screen_cell_get(4, x, &match);
	screen_cell_get(4, x - 2, &context);
	assert_true(match.attrs & A_BOLD);
	assert_false(context.attrs & A_BOLD);
	/* not valid FTS5: searched as words; no word: says so */
	command(&f, "find perspective AND (");
	screen_assert_has(" Analysis: search  1/");
	command(&f, "find !!");
	screen_assert_has("nothing to search for in \"!!\": type a word");
	/* Enter reads the source at the match */
	command(&f, "find \"gender perspective\"");
	const int open[] = {'\n'};
	screen_keys(&f, open, 1);
	screen_assert_has("1152/");
	screen_stop(&f);
}

static void test_retrieve_errors(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 24, 100);
	command(&f, "retrieve code=Nowhere");
	screen_assert_has("filter: no code called \"Nowhere\"");
	command(&f, "retrieve colour=red");
	screen_assert_has("filter: no key or survey attribute called \"colour\"");
	/* from the panes, :retrieve opens the view */
	command(&f, "retrieve organisation=\"Battlegroup Delta\" code=Training");
	screen_assert_has(" Analysis: retrieval  1/2 ");
	screen_stop(&f);
}

/* What the screen showed when the progress line was first drawn. */
static char *progress_screen;
static struct screen_cell progress_cell, progress_text;

static void progress_seen(struct ui *ui)
{
	if (progress_screen)
		return;
	progress_screen = screen_text_new();
	screen_cell_get(ui->lines - 1, 0, &progress_cell);
	screen_cell_get(ui->lines - 2, 2, &progress_text);
}

/* A long computation shows a progress line over the view as it was; Esc
 * cancels it and leaves the view as it was, with a message; other keys
 * typed meanwhile are read after it. (busy_after 0: every computation is
 * long enough.) */
static void test_progress(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 24, 80);
	const int keys[] = {'A', '3'};
	screen_keys(&f, keys, 2);
	screen_assert_has("by organisation, segments, counts");
	struct screen_cell status;
	screen_cell_get(23, 0, &status);
	f.ui->busy_after = 0;
	f.ui->busy_drawn = progress_seen;
	command(&f, "crosstab role");
	assert_non_null(progress_screen);
	/* the status line, in the status bar's colours, over the crosstab as it was */
	const char *last = strrchr(progress_screen, '\n');
	last = last && !last[1] ? last : NULL;
	char *line = progress_screen;
	for (int i = 0; i < 23; i++)
		line = strchr(line, '\n') + 1;
	assert_memory_equal(line, "Computing the crosstab\u2026 ", strlen("Computing the crosstab\u2026 "));
	assert_non_null(strstr(line, " s  (Esc cancels)"));
	assert_non_null(strstr(progress_screen, "by organisation, segments, counts"));
	assert_int_equal(progress_cell.pair, status.pair);
	free(progress_screen);
	progress_screen = NULL;
	f.ui->busy_drawn = NULL;
	screen_assert_has("by role, segments, counts");
	/* Esc while a new crosstab is computed: the one shown stays */
	ungetch(27);
	command(&f, "crosstab source-kind");
	screen_assert_has("by role, segments, counts");
	screen_assert_has("The crosstab was cancelled (Esc): the view is as it was.");
	/* Esc while another mode is computed: back to the crosstab, as it was;
	 * the key typed before Esc is read after */
	const int down[] = {'j'};
	screen_keys(&f, down, 1);
	ungetch(27);
	ungetch('x');
	const int four[] = {'4'};
	screen_keys(&f, four, 1);
	screen_expect("analysis-cancelled-80x24");
	wtimeout(f.ui->status_win, 0);
	wint_t ch = 0;
	assert_int_equal(wget_wch(f.ui->status_win, &ch), OK);
	assert_int_equal(ch, 'x');
	assert_int_equal(wget_wch(f.ui->status_win, &ch), ERR);
	/* without Esc it completes */
	screen_keys(&f, four, 1);
	screen_assert_has(" Analysis: co-occurrence");
	screen_assert_has("sources where codings overlap");
	/* Esc on another kind of co-occurrence, or on an agreement: as it was */
	ungetch(27);
	command(&f, "cooccurrence same-source");
	screen_assert_has("sources where codings overlap");
	screen_assert_has("The co-occurrence was cancelled (Esc): the view is as it was.");
	ungetch(27);
	command(&f, "agreement amira tomas");
	screen_assert_has(" Analysis: co-occurrence");
	screen_assert_has("The agreement was cancelled (Esc): the view is as it was.");
	screen_stop(&f);
}

/* Esc when the progress line first says "Ranking". */
static bool rank_seen;

static void rank_escape(struct ui *ui)
{
	(void)ui;
	char *screen = screen_text_new();
	if (!rank_seen && strstr(screen, "Ranking 2401 hits\u2026")) {
		rank_seen = true;
		/* the page by source is on screen while it ranks */
		assert_non_null(strstr(screen, "checkpoint AND gap, in the order of sources"));
		ungetch(27);
	}
	free(screen);
}

/* The first progress line of counting the hits: over the first page by
 * source, with a bound for the count. */
static bool count_seen_first;

static void count_seen(struct ui *ui)
{
	(void)ui;
	char *screen = screen_text_new();
	if (!count_seen_first && strstr(screen, "Counting and ranking the hits\u2026")) {
		count_seen_first = true;
		/* (the title goes on: "(over 10,000 hits, not all counted)") */
		assert_non_null(strstr(screen, " Analysis: search  1/10001  checkpoint AND gap, in the"
		                       " order of sources (ov"));
	}
	free(screen);
}

/* A search with many hits shows its first page by source at once, then
 * ranks it; Esc keeps it by source. */
static void test_search_rank(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 24, 80);
	jaw_err err;
	err_clear(&err);
	assert_int_equal(db_exec(f.db, "INSERT INTO source (kind, title, text) SELECT 'document',"
	                         " 'Note ' || value, 'A checkpoint' || substr(' gap gap gap gap', 1,"
	                         " 4 * (1 + value % 4)) || '.' FROM (WITH RECURSIVE g(value) AS"
	                         " (SELECT 1 UNION ALL SELECT value + 1 FROM g WHERE value < 2400)"
	                         " SELECT value FROM g)", &err), JAW_OK);
	const int a[] = {'A'};
	screen_keys(&f, a, 1);
	command(&f, "find checkpoint AND gap");
	screen_assert_has(" Analysis: search  1/2401  checkpoint AND gap, best first");
	/* the best have the most gaps for their length */
	screen_assert_has("Note 3 ");
	f.ui->busy_after = 0;
	f.ui->busy_drawn = rank_escape;
	command(&f, "find checkpoint AND gap");
	assert_true(rank_seen);
	screen_assert_has(" Analysis: search  1/2401  checkpoint AND gap, in the order of sources");
	screen_assert_has("The ranking was cancelled (Esc): the hits are in the order of sources.");
	/* more than 10,000: counted after the first page is shown too */
	assert_int_equal(db_exec(f.db, "INSERT INTO source (kind, title, text) SELECT 'document',"
	                         " 'More ' || value, 'Checkpoint gap.' FROM (WITH RECURSIVE g(value) AS"
	                         " (SELECT 1 UNION ALL SELECT value + 1 FROM g WHERE value < 8000)"
	                         " SELECT value FROM g)", &err), JAW_OK);
	f.ui->busy_drawn = count_seen;
	command(&f, "find checkpoint AND gap");
	assert_true(count_seen_first);
	screen_assert_has(" Analysis: search  1/10401  checkpoint AND gap, best first");
	screen_stop(&f);
}

/* Runs sql on another connection to the demo, as another analyst's
 * session would, and lets the interface see the change. */
static void change_elsewhere(struct screen_fixture *f, const char *sql)
{
	jaw_err err;
	err_clear(&err);
	struct jaw_db *other = NULL;
	assert_int_equal(db_open("demo.jaw", 0, &project_schema, &other, &err), JAW_OK);
	assert_int_equal(db_exec(other, sql, &err), JAW_OK);
	db_close(other);
	assert_true(ui_poll_changes(f->ui));
	ui_draw(f->ui);
}

/* Asserts the screen has the title " Analysis: TITLE  AT/N" with N from
 * the project. */
static void expect_title(struct screen_fixture *f, const char *title, const char *at,
                         const char *count_sql)
{
	char want[200];
	snprintf(want, sizeof want, " Analysis: %s  %s/%lld ", title, at,
	         (long long)testutil_scalar(f->db, count_sql));
	screen_assert_has(want);
}

static bool frequencies_computed;

static void frequencies_seen(struct ui *ui)
{
	(void)ui;
	char *screen = screen_text_new();
	if (strstr(screen, "Computing the frequencies"))
		frequencies_computed = true;
	free(screen);
}

/* The frequencies and the saturation are computed once, when shown: the
 * pages come from what was computed (a change the interface was not told
 * of shows nowhere as it pages), and a change to the project computes
 * them again. */
static void test_tables_kept(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 24, 80);
	static const char codes[] = "SELECT count(*) FROM code";
	static const char coded[] = "SELECT count(DISTINCT source_id) FROM coding";
	const int freq[] = {'A', '2', KEYS_PGDN, 'G'};
	screen_keys(&f, freq, 4);
	expect_title(&f, "code frequencies", "33", codes);
	/* unseen by the interface (the first code if it were read): the table
	 * kept pages on as it was */
	jaw_err err;
	err_clear(&err);
	assert_int_equal(db_exec(f.db, "INSERT INTO code (name, position) VALUES ('Aa unseen', 0)",
	                         &err), JAW_OK);
	const int top[] = {'g'}, back[] = {KEYS_PGDN, KEYS_PGDN, 'G'};
	screen_keys(&f, top, 1);
	char *text = screen_text_new();
	assert_null(strstr(text, "Aa unseen"));
	free(text);
	screen_keys(&f, back, 3);
	screen_assert_has(" Analysis: code frequencies  33/33 ");
	/* a change of this session's, shown after a switch of modes: the
	 * table is computed again (the project is not as it was counted) */
	const int round[] = {'1', '2', 'g'};
	screen_keys(&f, round, 3);
	screen_assert_has(" Analysis: code frequencies  1/34 ");
	screen_assert_has("Aa unseen");
	/* no change: switching away and back computes nothing */
	f.ui->busy_after = 0;
	f.ui->busy_drawn = frequencies_seen;
	screen_keys(&f, round, 3);
	assert_false(frequencies_computed);
	f.ui->busy_drawn = NULL;
	f.ui->busy_after = 100;
	/* a change: computed again, the new code at the end */
	change_elsewhere(&f, "INSERT INTO code (name, position) VALUES ('Zz seen', 100)");
	const int end[] = {'G'};
	screen_keys(&f, end, 1);
	expect_title(&f, "code frequencies", "35", codes);
	screen_assert_has("Zz seen");
	/* saturation: every coded source, paged from the table computed */
	const int sat[] = {'6', KEYS_PGDN, KEYS_PGUP, 'G'};
	screen_keys(&f, sat, 4);
	text = screen_text_new();
	char last[40];
	snprintf(last, sizeof last, "%lld/%lld", (long long)testutil_scalar(f.db, coded),
	         (long long)testutil_scalar(f.db, coded));
	assert_non_null(strstr(text, last));
	free(text);
	/* a source coded for the first time: one row more */
	change_elsewhere(&f, "INSERT INTO coding (source_id, code_id, start_cp, end_cp, coder)"
	                 " SELECT s.id, (SELECT min(id) FROM code), 0, 4, 'amira' FROM source s"
	                 " WHERE s.id NOT IN (SELECT source_id FROM coding) AND s.text <> ''"
	                 " ORDER BY s.id LIMIT 1");
	screen_keys(&f, end, 1);
	snprintf(last, sizeof last, "%lld", (long long)testutil_scalar(f.db, coded));
	expect_title(&f, "saturation", last, coded);
	/* a change of this session's, then a switch before the refresh: the
	 * frequencies kept are computed again */
	const int kept[] = {'2', '1'};
	screen_keys(&f, kept, 2);
	assert_int_equal(db_exec(f.db, "INSERT INTO code (name, position) VALUES ('Ab pending', 0)",
	                         &err), JAW_OK);
	ui_reload(f.ui);
	const int freq_again[] = {'2', 'g'};
	screen_keys(&f, freq_again, 2);
	screen_assert_has("Ab pending");
	screen_stop(&f);
}

/* The retrieval's pages next to the one shown are read from its rows'
 * places: each is the page read afresh. */
static void test_retrieval_pages(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 24, 80);
	const int a[] = {'A'};
	screen_keys(&f, a, 1);
	static const int moves[][3] = {
		{KEYS_PGDN, 0, 0}, {'j', 'j', 'j'}, {KEYS_PGDN, 'j', 0}, {'k', 'k', 0},
		{KEYS_PGUP, 0, 0}, {KEYS_PGUP, 'k', 0}, {'G', 'k', KEYS_PGUP},
	};
	for (size_t i = 0; i < sizeof moves / sizeof *moves; i++) {
		int keys[3], n = 0;
		for (int k = 0; k < 3 && moves[i][k]; k++)
			keys[n++] = moves[i][k];
		screen_keys(&f, keys, n);
		char *paged = screen_text_new();
		ui_reload(f.ui); /* read afresh, from the first row */
		ui_update(f.ui);
		ui_draw(f.ui);
		char *fresh = screen_text_new();
		if (strcmp(paged, fresh) != 0)
			fail_msg("move %zu: paged\n%s\nafresh\n%s", i, paged, fresh);
		free(paged);
		free(fresh);
	}
	screen_stop(&f);
}

static bool saturation_computed;

static void saturation_seen(struct ui *ui)
{
	(void)ui;
	char *screen = screen_text_new();
	if (strstr(screen, "Computing the saturation"))
		saturation_computed = true;
	free(screen);
}

/* A search's hits best first, ranked into a table a chunk at a time:
 * paging reads it, the end too; a change to the project searches again. */
static void test_search_kept(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 24, 80);
	jaw_err err;
	err_clear(&err);
	assert_int_equal(db_exec(f.db, "INSERT INTO source (kind, title, text) SELECT 'document',"
	                         " 'Convoy note ' || value, 'The convoy' || substr(' stopped stopped"
	                         " stopped', 1, 8 * (1 + value % 3)) || '.' FROM (WITH RECURSIVE"
	                         " g(value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM g"
	                         " WHERE value < 700) SELECT value FROM g)", &err), JAW_OK);
	const int a[] = {'A'};
	screen_keys(&f, a, 1);
	command(&f, "find convoy AND stopped");
	screen_assert_has(" Analysis: search  1/700  convoy AND stopped, best first");
	const int keys[] = {KEYS_PGDN, KEYS_PGDN, 'j', 'G'};
	screen_keys(&f, keys, 4);
	screen_assert_has(" Analysis: search  700/700  convoy AND stopped, best first");
	/* the worst are the longest: two "stopped" in a note of three */
	screen_assert_has("Convoy note ");
	const int top[] = {'g'};
	screen_keys(&f, top, 1);
	screen_assert_has(" Analysis: search  1/700 ");
	/* the hits ranked into their TEMP table change nothing of the
	 * project's: the saturation computed stays, here and back */
	const int sat[] = {'6', '7', 'G', '6'};
	screen_keys(&f, sat, 2);
	f.ui->busy_after = 0;
	f.ui->busy_drawn = saturation_seen;
	screen_keys(&f, sat + 2, 2);
	assert_false(saturation_computed);
	f.ui->busy_drawn = NULL;
	f.ui->busy_after = 100;
	const int back[] = {'7'};
	screen_keys(&f, back, 1);
	/* fewer hits after a change: searched again */
	change_elsewhere(&f, "DELETE FROM source WHERE title GLOB 'Convoy note 1*'");
	const int end[] = {'G'};
	screen_keys(&f, end, 1);
	char want[80];
	long long n = testutil_scalar(f.db, "SELECT count(*) FROM source WHERE title GLOB"
	                                    " 'Convoy note *'");
	snprintf(want, sizeof want, " Analysis: search  %lld/%lld  convoy AND stopped", n, n);
	screen_assert_has(want);
	screen_stop(&f);
}

int main(void)
{
	testutil_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_retrieval),
		cmocka_unit_test(test_frequencies),
		cmocka_unit_test(test_crosstab),
		cmocka_unit_test(test_cooccurrence),
		cmocka_unit_test(test_agreement),
		cmocka_unit_test(test_saturation),
		cmocka_unit_test(test_search),
		cmocka_unit_test(test_retrieve_errors),
		cmocka_unit_test(test_progress),
		cmocka_unit_test(test_search_rank),
		cmocka_unit_test(test_tables_kept),
		cmocka_unit_test(test_search_kept),
		cmocka_unit_test(test_retrieval_pages),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
