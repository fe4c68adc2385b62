/* csvimport_layout.c - recognising the heading rows of survey tools'
 * exports from the first rows of a file: which row names the columns,
 * which holds the question text, which rows are neither. jaw(1) lists the
 * layouts; keep the two in step. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "csvimport_int.h"

/* True if one of the cells of a row is name (ignoring case). */
static bool layout_has(char *const *row, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (strcasecmp(row[i], name) == 0)
			return true;
	return false;
}

/* How many cells of a row begin with prefix, and how many are not empty. */
static int layout_count_prefix(char *const *row, int n, const char *prefix, int *filled)
{
	int count = 0;
	*filled = 0;
	for (int i = 0; i < n; i++) {
		*filled += row[i][0] != '\0';
		count += strncmp(row[i], prefix, strlen(prefix)) == 0;
	}
	return count;
}

/* Qualtrics: row 1 names (ResponseId, StartDate...), row 2 the question
 * text, row 3 {"ImportId":...} in each cell (older exports have no row 3). */
static bool layout_qualtrics(char *const *const *rows, int nrows, int width,
                             struct csvimport_layout *out)
{
	if (nrows < 2 || !(layout_has(rows[0], width, "ResponseId") ||
	                   (layout_has(rows[0], width, "StartDate") &&
	                    layout_has(rows[0], width, "EndDate"))))
		return false;
	int filled = 0;
	bool import_ids = nrows >= 3 &&
		layout_count_prefix(rows[2], width, "{\"ImportId\":", &filled) * 2 > filled;
	*out = (struct csvimport_layout){"Qualtrics", import_ids ? 3 : 2, 1, 2,
	                                 import_ids ? 1u << 3 : 0};
	return true;
}

/* SurveyMonkey: row 1 the questions (an empty cell continues the one to
 * its left), row 2 the answers they hold ("Response", "Open-Ended
 * Response", or each choice). */
static bool layout_surveymonkey(char *const *const *rows, int nrows, int width,
                                struct csvimport_layout *out)
{
	if (nrows < 2 || !layout_has(rows[0], width, "Respondent ID") ||
	    !(layout_has(rows[1], width, "Response") ||
	      layout_has(rows[1], width, "Open-Ended Response")))
		return false;
	*out = (struct csvimport_layout){"SurveyMonkey", 2, 0, 0, 0};
	return true;
}

/* One heading row, recognised by the columns the tool always writes. */
static bool layout_one_row(char *const *const *rows, int width, struct csvimport_layout *out)
{
	char *const *h = rows[0];
	const char *name = NULL;
	if (width > 0 && (strcmp(h[0], "Timestamp") == 0 || strcmp(h[0], "Marca temporal") == 0))
		name = "Google Forms";
	else if (width > 0 && strcmp(h[0], "#") == 0 &&
	         (layout_has(h, width, "Network ID") || layout_has(h, width, "Submit Date (UTC)")))
		name = "Typeform";
	else if (layout_has(h, width, "submitdate") && layout_has(h, width, "lastpage"))
		name = "LimeSurvey";
	if (!name)
		return false;
	*out = (struct csvimport_layout){name, 1, 0, 0, 0};
	return true;
}

bool csvimport_layout_detect(char *const *const *rows, int nrows, int width,
                             struct csvimport_layout *out)
{
	if (nrows < 1)
		return false;
	return layout_qualtrics(rows, nrows, width, out) ||
	       layout_surveymonkey(rows, nrows, width, out) || layout_one_row(rows, width, out);
}

void csvimport_layout_options(const struct csvimport_layout *l, char *out, size_t size)
{
	size_t n = 0;
	if (l->names_row || l->question_row)
		n += (size_t)snprintf(out, size, "--names-row %d --question-row %d", l->names_row,
		                      l->question_row);
	else
		n += (size_t)snprintf(out, size, "--header-rows %d", l->header_rows);
	const char *sep = " --skip-rows ";
	for (int r = 1; r <= CSVIMPORT_MAX_HEADER_ROWS && n < size; r++)
		if (l->skip_mask & (1u << r)) {
			n += (size_t)snprintf(out + n, size - n, "%s%d", sep, r);
			sep = ",";
		}
}
