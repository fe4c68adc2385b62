/* test_likert_view.c - the analysis view's survey questions mode (8) on a
 * virtual terminal with the demo's survey: each Likert item's heading with
 * n and its answers in order with shaded counts (golden screen), the
 * heading bold and "no answer" dim, :likert ATTR with a column per value
 * and the selected cell in the selection's colours, p for percentages of
 * n, Enter retrieving the coded answers behind a cell, and the errors. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static void test_overall(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 24, 100);
	const int keys[] = {'A', '8'};
	screen_keys(&f, keys, 2);
	screen_expect("analysis-likert-100x24");
	/* an item's heading (Q2, line 10) bold, "no answer" (line 9) dim,
	 * answers plain; the most frequent answer (3, line 6) shaded full, a
	 * quarter of it (5, line 8) a quarter */
	struct screen_cell heading, answer, missing, full, half;
	screen_cell_get(10, 1, &heading);
	screen_cell_get(5, 2, &answer);
	screen_cell_get(9, 2, &missing);
	screen_cell_get(6, 31, &full);
	screen_cell_get(8, 31, &half);
	assert_true(heading.attrs & A_BOLD);
	assert_false(answer.attrs & A_BOLD);
	assert_int_not_equal(missing.pair, answer.pair);
	assert_int_equal(full.ch, 0x2588);
	assert_int_equal(half.ch, 0x2591);
	assert_int_not_equal(full.pair, answer.pair);
	screen_assert_has(" 287 respondents answered Q1. My unit received enough training on\u2026"
	                  " (Enter retrieve\u2026");
	screen_stop(&f);
}

static void test_by_attribute(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 24, 100);
	const int a[] = {'A'};
	screen_keys(&f, a, 1);
	command(&f, "likert Nation");
	screen_assert_has(" Analysis: survey questions  1/70  by Nation, counts  (h l: groups,"
	                  " p: percent)");
	screen_assert_has("Answer                             (all)    Canada   Estonia    France");
	screen_assert_has("Q1. My unit received enough t\u2026     n=287      n=22      n=24      n=27");
	/* the selected cell of the cursor's row (Canada, 1) in the selection's colours */
	const int keys[] = {'j', 'l'};
	screen_keys(&f, keys, 2);
	struct screen_cell selected, other;
	screen_cell_get(4, 41, &selected);
	screen_cell_get(4, 51, &other);
	assert_int_not_equal(selected.pair, other.pair);
	screen_assert_has(" 3 of 22 (13.6%) with Nation=Canada answered 1 to Q1. My unit received"
	                  " enough trai\u2026");
	/* p: percentages of n */
	const int p[] = {'p'};
	screen_keys(&f, p, 1);
	screen_assert_has("by Nation, % of n");
	screen_assert_has("  1                            \u2593   17.1% \u2592   13.6% \u2591    8.3%");
	/* Enter: the coded answers of the respondents behind the cell */
	const int enter[] = {'\n'};
	screen_keys(&f, enter, 1);
	screen_assert_has(" Analysis: retrieval  (none)  every code  Q1. My unit received enough"
	                  " training on\u2026=\"1\" Nation=\"Cana\u2026");
	screen_assert_has("The coded answers of the 3 respondents behind the cell.");
	/* 8 comes back to the same cell */
	const int back[] = {'8'};
	screen_keys(&f, back, 1);
	screen_assert_has(" Analysis: survey questions  2/70  by Nation, % of n");
	/* :likert without an attribute: overall again */
	command(&f, "likert");
	screen_assert_has(" Analysis: survey questions  1/70  overall, counts");
	screen_stop(&f);
}

static void test_errors(void **state)
{
	(void)state;
	struct screen_fixture f;
	screen_open_demo(&f, 24, 100);
	command(&f, "likert Rank");
	screen_assert_has("no survey attribute \"Rank\" (the survey attributes: Nation, Role, Unit type");
	/* a cell nobody is behind says so and stays */
	const int keys[] = {'A', '8'};
	screen_keys(&f, keys, 2);
	command(&f, "likert Nation");
	/* Q1's "no answer" row, Estonia's cell: 0 */
	const int down[] = {'j', 'j', 'j', 'j', 'j', 'j', 'l', 'l', '\n'};
	screen_keys(&f, down, 9);
	screen_assert_has("No respondent is behind that cell.");
	screen_assert_has(" Analysis: survey questions  7/70");
	/* a heading: those who answered */
	const int heading[] = {'k', 'k', 'k', 'k', 'k', 'k', '\n'};
	screen_keys(&f, heading, 7);
	screen_assert_has("training on\u2026=\"(answered)\" Nat\u2026");
	screen_assert_has("The coded answers of the 24 respondents behind the cell.");
	screen_stop(&f);
}

int main(void)
{
	testutil_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_overall),
		cmocka_unit_test(test_by_attribute),
		cmocka_unit_test(test_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
