/* csvimport_plan.c - reading a survey results file once to plan its
 * import: headings, column labels, the roles given by options, statistics
 * of each column's values, guessed roles and types, problems. */
#include "config.h"

#include <ctype.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csvimport_int.h"
#include "csvread.h"
#include "hash.h"
#include "kinds.h"
#include "strset.h"
#include "utf8.h"
#include "xalloc.h"

#define PLAN_MAX_PROBLEMS 20     /* problems kept; the rest are counted */
#define PLAN_MAX_DISTINCT 64     /* distinct values tracked per column */
#define PLAN_LABEL_MAX 40        /* code points in a column label */
#define PLAN_LAYOUT_ROWS 3        /* first rows looked at to recognise a layout */

/* Option names by role, for messages. */
static const char *const plan_option_names[SURVEY_ROLE_COUNT] = {
	"--id", "--attribute", "--likert", "--text", "--ignore",
};

struct plan_state {
	struct csvimport_plan *plan;
	const struct csvimport_options *opt;
	char ***headers;       /* copies of the heading rows read so far */
	int nheaders;
	jaw_err usage;         /* an option error found at the heading */
	int width;             /* fields in a row */
	int id_candidate;      /* column (0-based) checked for duplicate ids, or -1 */
	struct strset *ids;    /* ids seen with their lines, for the duplicate check */
	char **id_problems;    /* problems of the candidate, added if it is the id */
	int nid_problems, id_errors;
	int64_t id_missing_line; /* first row whose candidate id is "-", "NA"... (0: none) */
	char id_missing[8];
	/* the first rows, kept until they show the layout of the heading rows */
	bool layout_open;
	int nfirst;
	struct csvread_row first[PLAN_LAYOUT_ROWS];
	int64_t first_data_line; /* the line of the first data row */
};

const char *survey_role_name(enum survey_role role)
{
	return role < SURVEY_ROLE_COUNT ? kinds_column_role[role] : "?";
}

const char *survey_type_name(enum survey_type type)
{
	return kinds_value_type[type];
}

/* ---- problems -------------------------------------------------------- */

__attribute__((format(printf, 3, 4)))
static void plan_problem(struct csvimport_plan *plan, bool error, const char *fmt, ...)
{
	if (error)
		plan->errors++;
	if (plan->nproblems == PLAN_MAX_PROBLEMS) {
		plan->problems_left_out++;
		return;
	}
	char msg[768];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	plan->problems = xreallocarray(plan->problems, (size_t)plan->nproblems + 1,
	                               sizeof *plan->problems);
	plan->problems[plan->nproblems++] = xstrdup(msg);
}

/* Reads --skip-rows (a list of row numbers, or NULL) into bits. */
static int plan_skip_mask(const char *list, unsigned *mask)
{
	*mask = 0;
	for (const char *p = list; p && *p;) {
		char *end;
		long r = strtol(p, &end, 10);
		if (end == p || r < 1 || r > CSVIMPORT_MAX_HEADER_ROWS || (*end && *end != ','))
			return JAW_USAGE;
		*mask |= 1u << r;
		p = *end ? end + 1 : end;
	}
	return list && !*list ? JAW_USAGE : JAW_OK;
}

/* The heading rows the options give: all of them up to the last one named. */
static struct csvimport_layout plan_given_layout(const struct csvimport_options *opt)
{
	struct csvimport_layout l = {NULL, opt->header_rows, opt->names_row, opt->question_row, 0};
	plan_skip_mask(opt->skip_rows, &l.skip_mask);
	if (l.names_row > l.header_rows)
		l.header_rows = l.names_row;
	if (l.question_row > l.header_rows)
		l.header_rows = l.question_row;
	for (int r = 1; r <= CSVIMPORT_MAX_HEADER_ROWS; r++)
		if ((l.skip_mask & (1u << r)) && r > l.header_rows)
			l.header_rows = r;
	if (l.header_rows == 0)
		l.header_rows = 1;
	return l;
}

/* True if no option says what the heading rows are. */
static bool plan_layout_open(const struct csvimport_options *opt)
{
	return opt->header_rows == 0 && opt->names_row == 0 && opt->question_row == 0 &&
	       !opt->skip_rows;
}

/* ---- headings and labels -------------------------------------------------- */

/* Appends part to the question being built, collapsing white space. */
static void plan_append_part(char **q, const char *part)
{
	char *clean = xmalloc(strlen(part) + 1);
	size_t n = 0;
	for (const char *p = part; *p; p++) {
		bool space = isspace((unsigned char)*p);
		if (space && (n == 0 || clean[n - 1] == ' '))
			continue;
		clean[n++] = space ? ' ' : *p;
	}
	while (n > 0 && clean[n - 1] == ' ')
		n--;
	clean[n] = '\0';
	/* "Response" under a question (SurveyMonkey) says nothing. */
	bool noise = *q && (strcasecmp(clean, "Response") == 0 ||
	                    strcasecmp(clean, "Open-Ended Response") == 0);
	if (n > 0 && !noise && (!*q || strcmp(*q, clean) != 0)) {
		char last = *q ? (*q)[strlen(*q) - 1] : '\0';
		char *joined = !*q ? xstrdup(clean)
		               : xasprintf("%s%s%s", *q, last == ':' || last == '?' ? " " : ": ", clean);
		free(*q);
		*q = joined;
	}
	free(clean);
}

/* The full heading of column i from the heading rows not skipped; in rows
 * above the last, an empty cell continues the one to its left (merged
 * cells). With a question row, its cell alone (or the names row's). */
static char *plan_question_new(struct plan_state *st, int i)
{
	const struct csvimport_layout *l = &st->plan->layout;
	char *q = NULL;
	if (l->names_row || l->question_row) {
		if (l->question_row)
			plan_append_part(&q, st->headers[l->question_row - 1][i]);
		if (!q && l->names_row)
			plan_append_part(&q, st->headers[l->names_row - 1][i]);
		return q ? q : xstrdup("");
	}
	int last = st->nheaders - 1;
	while (last > 0 && (l->skip_mask & (1u << (last + 1))))
		last--;
	for (int h = 0; h <= last; h++) {
		if (l->skip_mask & (1u << (h + 1)))
			continue;
		int j = i;
		if (h < last)
			while (j > 0 && !*st->headers[h][j])
				j--;
		plan_append_part(&q, st->headers[h][j]);
	}
	return q ? q : xstrdup("");
}

/* A short label for a long question: whole words up to PLAN_LABEL_MAX
 * code points, then an ellipsis. */
static char *plan_shorten_new(const char *q)
{
	size_t len = strlen(q);
	if (utf8_cp_count(q, len) <= PLAN_LABEL_MAX)
		return xstrdup(q);
	size_t cut = utf8_cp_to_byte(q, len, PLAN_LABEL_MAX - 1);
	size_t word = cut;
	while (word > 0 && q[word] != ' ')
		word--;
	if (word >= cut / 2)
		cut = word;
	while (cut > 0 && (q[cut - 1] == ' ' || q[cut - 1] == ',' || q[cut - 1] == ':'))
		cut--;
	return xasprintf("%.*s\u2026", (int)cut, q);
}

/* The label of column i: its cell in the names row (shortened if long),
 * else its question shortened. */
static char *plan_label_new(struct plan_state *st, int i, const char *question)
{
	int names = st->plan->layout.names_row;
	char *name = NULL;
	if (names)
		plan_append_part(&name, st->headers[names - 1][i]);
	if (name) {
		char *label = plan_shorten_new(name);
		free(name);
		return label;
	}
	return *question ? plan_shorten_new(question) : xasprintf("column %d", i + 1);
}

static bool plan_label_taken(const struct csvimport_plan *plan, int upto, const char *label)
{
	for (int i = 0; i < upto; i++)
		if (strcmp(plan->columns[i].label, label) == 0)
			return true;
	return false;
}

/* A label of the question's head and tail, for long questions that only
 * differ at the end: "To what extent do… the right channels?". */
static char *plan_head_tail_new(const char *q)
{
	size_t len = strlen(q), ncp = utf8_cp_count(q, len);
	size_t head = utf8_cp_to_byte(q, len, PLAN_LABEL_MAX / 2 - 2);
	size_t tail = utf8_cp_to_byte(q, len, ncp - PLAN_LABEL_MAX / 2 + 1);
	while (head > 0 && q[head] != ' ')
		head--;
	while (q[tail] && q[tail] != ' ')
		tail++;
	while (q[tail] == ' ')
		tail++;
	if (head == 0 || !q[tail])
		return xstrdup(q);
	return xasprintf("%.*s\u2026 %s", (int)head, q, q + tail);
}

/* The smallest k >= 2 for which "LABEL (k)" is the label of none of the
 * columns before upto: one pass marks the numbers taken (at most upto, so
 * one of 2..upto + 2 is free), where trying k = 2, 3, ... in turn took
 * minutes for a file of 4,096 columns with the same heading. */
static int plan_free_suffix(const struct csvimport_plan *plan, int upto, const char *label)
{
	size_t len = strlen(label);
	bool *taken = xcalloc((size_t)upto + 3, sizeof *taken);
	for (int j = 0; j < upto; j++) {
		const char *l = plan->columns[j].label;
		if (strncmp(l, label, len) != 0 || l[len] != ' ' || l[len + 1] != '(' ||
		    l[len + 2] < '1' || l[len + 2] > '9')
			continue;
		char *end;
		long m = strtol(l + len + 2, &end, 10);
		if (end[0] == ')' && end[1] == '\0' && m >= 2 && m <= (long)upto + 2)
			taken[m] = true;
	}
	int k = 2;
	while (taken[k])
		k++;
	free(taken);
	return k;
}

/* Makes the label of column i unique among those before it; reports a
 * heading that is the same as another's. */
static void plan_unique_label(struct csvimport_plan *plan, int i)
{
	struct csvimport_column *c = &plan->columns[i];
	int first = 0;
	while (strcmp(plan->columns[first].label, c->label) != 0)
		first++;
	if (strcmp(c->label, c->question) != 0) { /* shortened: try head and tail */
		char *other = plan_head_tail_new(plan->columns[first].question);
		char *mine = plan_head_tail_new(c->question);
		if (strcmp(other, mine) != 0 && !plan_label_taken(plan, i, mine) &&
		    !plan_label_taken(plan, i, other)) {
			free(plan->columns[first].label);
			plan->columns[first].label = other;
			free(c->label);
			c->label = mine;
			return;
		}
		free(other);
		free(mine);
	}
	char *unique = xasprintf("%s (%d)", c->label, plan_free_suffix(plan, i, c->label));
	plan_problem(plan, false, "columns %d and %d are both headed \"%s\"; column %d is called"
	             " \"%s\"", first + 1, i + 1, c->label, i + 1, unique);
	free(c->label);
	c->label = unique;
}

/* Names every column: question, short label, unique; reports renames. */
static void plan_name_columns(struct plan_state *st)
{
	struct csvimport_plan *plan = st->plan;
	for (int i = 0; i < plan->ncolumns; i++) {
		struct csvimport_column *c = &plan->columns[i];
		c->question = plan_question_new(st, i);
		c->label = plan_label_new(st, i, c->question);
		if (!*c->question)
			plan_problem(plan, false, "column %d has no heading; it is called \"%s\"", i + 1,
			             c->label);
		if (plan_label_taken(plan, i, c->label))
			plan_unique_label(plan, i);
	}
}

/* ---- options: which columns get which role ----------------------------- */

/* Finds a column by number or heading; returns its index or -1. */
static int plan_find_column(const struct csvimport_plan *plan, const char *ref)
{
	char *end;
	long n = strtol(ref, &end, 10);
	if (*ref && *end == '\0')
		return n >= 1 && n <= plan->ncolumns ? (int)n - 1 : -1;
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < plan->ncolumns; i++) {
			const struct csvimport_column *c = &plan->columns[i];
			int (*cmp)(const char *, const char *) = pass == 0 ? strcmp : strcasecmp;
			if (cmp(c->label, ref) == 0 || cmp(c->question, ref) == 0)
				return i;
		}
	return -1;
}

/* Finds the one column with ref as a cell of one of its heading rows (a
 * short name such as Q1 in a Qualtrics export), or returns -1. */
static int plan_find_by_cell(const struct plan_state *st, const char *ref)
{
	int found = -1;
	for (int h = 0; h < st->nheaders; h++)
		for (int i = 0; i < st->plan->ncolumns; i++)
			if (strcmp(st->headers[h][i], ref) == 0) {
				if (found >= 0 && found != i)
					return -1;
				found = i;
			}
	return found;
}

/* Gives column i the role of an option, refusing a second role. */
static int plan_give_role(struct plan_state *st, int i, enum survey_role role)
{
	struct csvimport_column *c = &st->plan->columns[i];
	if (c->role_given && c->role != role)
		return err_set(&st->usage, JAW_USAGE, "import-csv: column %d (%s) is given two roles:"
		               " %s and %s", i + 1, c->label, plan_option_names[c->role],
		               plan_option_names[role]);
	c->role = role;
	c->role_given = true;
	return JAW_OK;
}

/* Resolves one item of option's list (a heading, a cell of a heading
 * row, a number or a range N-M) into the columns [*from, *to), 0-based. */
static int plan_list_item(struct plan_state *st, const char *item, const char *option, int *from,
                          int *to)
{
	char extra;
	if (sscanf(item, "%d-%d%c", from, to, &extra) == 2) {
		if (*from < 1 || *to > st->plan->ncolumns || *from > *to)
			return err_set(&st->usage, JAW_USAGE, "import-csv: %s: no columns %s (the"
			               " columns are numbered 1 to %d)", option, item,
			               st->plan->ncolumns);
		(*from)--;
		return JAW_OK;
	}
	int i = plan_find_column(st->plan, item);
	if (i < 0)
		i = plan_find_by_cell(st, item);
	if (i < 0)
		return err_set(&st->usage, JAW_USAGE, "import-csv: %s: no column \"%s\" (give a heading"
		               " or a number from 1 to %d; --dry-run lists them)", option, item,
		               st->plan->ncolumns);
	*from = i;
	*to = i + 1;
	return JAW_OK;
}

/* Applies an option's list of columns: gives them role, or (role
 * SURVEY_ROLE_COUNT, --keep-personal) keeps them although personal.
 * Returns how many items the list has, or -1 with st->usage set. */
static int plan_apply_list(struct plan_state *st, const char *list, const char *option,
                           int role)
{
	char *copy = xstrdup(list), *save = NULL;
	int count = 0, rc = JAW_OK;
	for (char *item = strtok_r(copy, ",", &save); item && rc == JAW_OK;
	     item = strtok_r(NULL, ",", &save)) {
		while (*item == ' ')
			item++;
		int from, to;
		rc = plan_list_item(st, item, option, &from, &to);
		for (int i = from; rc == JAW_OK && i < to; i++)
			if (role == SURVEY_ROLE_COUNT)
				st->plan->columns[i].keep = true;
			else
				rc = plan_give_role(st, i, (enum survey_role)role);
		count++;
	}
	free(copy);
	return rc == JAW_OK ? count : -1;
}

/* Applies --scale "COL=LABEL|LABEL|...;COL=...": each column is Likert,
 * its labels numbered from 1 in the order given. */
static int plan_apply_scales(struct plan_state *st, const char *scales)
{
	char *copy = xstrdup(scales), *save = NULL;
	int rc = JAW_OK;
	for (char *entry = strtok_r(copy, ";", &save); entry && rc == JAW_OK;
	     entry = strtok_r(NULL, ";", &save)) {
		char *eq = strchr(entry, '=');
		int from = 0, to = 0;
		if (!eq || !strchr(eq + 1, '|')) {
			rc = err_set(&st->usage, JAW_USAGE, "import-csv: --scale takes COL=LABEL|LABEL|..."
			             " (two labels at least, the first numbered 1), not \"%s\"", entry);
			break;
		}
		*eq = '\0';
		while (*entry == ' ')
			entry++;
		rc = plan_list_item(st, entry, "--scale", &from, &to);
		if (rc == JAW_OK && to - from != 1)
			rc = err_set(&st->usage, JAW_USAGE, "import-csv: --scale names one column, not %s",
			             entry);
		if (rc == JAW_OK)
			rc = plan_give_role(st, from, SURVEY_ROLE_LIKERT);
		struct csvimport_stats *s = st->plan->columns[from].stats;
		for (char *p = eq + 1; rc == JAW_OK && p; s->ngiven++) {
			char *bar = strchr(p, '|');
			s->given = xreallocarray(s->given, (size_t)s->ngiven + 1, sizeof *s->given);
			s->given[s->ngiven] = bar ? xstrndup(p, (size_t)(bar - p)) : xstrdup(p);
			p = bar ? bar + 1 : NULL;
		}
	}
	free(copy);
	return rc;
}

/* Applies the role options (lists of columns) and --keep-personal. */
static int plan_apply_options(struct plan_state *st)
{
	for (int role = 0; role < SURVEY_ROLE_COUNT; role++) {
		const char *list = st->opt->roles[role];
		if (!list)
			continue;
		int count = plan_apply_list(st, list, plan_option_names[role], role);
		if (count < 0)
			return JAW_USAGE;
		if (count == 0 || (role == SURVEY_ROLE_ID && count > 1))
			return err_set(&st->usage, JAW_USAGE, "import-csv: %s takes %s",
			               plan_option_names[role], role == SURVEY_ROLE_ID
			               ? "one column" : "a list of columns");
	}
	if (st->opt->scales && plan_apply_scales(st, st->opt->scales) != JAW_OK)
		return JAW_USAGE;
	const char *keep = st->opt->keep_personal;
	int count = keep ? plan_apply_list(st, keep, "--keep-personal", SURVEY_ROLE_COUNT) : 1;
	if (count < 0)
		return JAW_USAGE;
	if (count == 0)
		return err_set(&st->usage, JAW_USAGE, "import-csv: --keep-personal takes a list of"
		               " columns");
	return JAW_OK;
}

/* ---- the duplicate id check (dry run) --------------------------------- */

static void plan_id_problem(struct plan_state *st, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void plan_id_problem(struct plan_state *st, const char *fmt, ...)
{
	st->id_errors++;
	if (st->nid_problems == PLAN_MAX_PROBLEMS)
		return;
	char msg[768];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	st->id_problems = xreallocarray(st->id_problems, (size_t)st->nid_problems + 1,
	                                sizeof *st->id_problems);
	st->id_problems[st->nid_problems++] = xstrdup(msg);
}

/* True if an id is a marker of a missing value: -, NA, N/A, null. */
static bool plan_missing_marker(const char *id, size_t len)
{
	static const char *const markers[] = {"-", "na", "n/a", "null", "none", "nan", NULL};
	for (const char *const *m = markers; *m; m++)
		if (strlen(*m) == len && strncasecmp(*m, id, len) == 0)
			return true;
	return false;
}

/* Records the candidate id of a row; notes a duplicate with both lines. */
static void plan_check_id(struct plan_state *st, const char *id, size_t len, int64_t line)
{
	int64_t first;
	if (!st->id_missing_line && len <= 4 && plan_missing_marker(id, len)) {
		st->id_missing_line = line;
		snprintf(st->id_missing, sizeof st->id_missing, "%.*s", (int)len, id);
	}
	if (!st->ids || len == 0 || strset_add(st->ids, id, len, line, &first))
		return;
	char *safe = utf8_sanitize_new(id);
	plan_id_problem(st, "line %lld: duplicate respondent id \"%s\" (first on line %lld)",
	                (long long)line, safe, (long long)first);
	free(safe);
}

/* ---- reading ------------------------------------------------------------ */

/* The column that may become the id: the one given, or the first whose
 * heading names an id. */
static int plan_id_candidate(const struct csvimport_plan *plan)
{
	for (int i = 0; i < plan->ncolumns; i++)
		if (plan->columns[i].role_given && plan->columns[i].role == SURVEY_ROLE_ID)
			return i;
	for (int i = 0; i < plan->ncolumns; i++)
		if (!plan->columns[i].role_given && csvimport_guess_is_id_heading(plan->columns[i].question))
			return i;
	return -1;
}

/* The last heading row has been read: set up the columns. Returns JAW_OK,
 * or JAW_USAGE with st->usage set when the options do not fit the columns. */
static int plan_start_columns(struct plan_state *st, int width)
{
	struct csvimport_plan *plan = st->plan;
	plan->ncolumns = width;
	plan->columns = xcalloc((size_t)width, sizeof *plan->columns);
	for (int i = 0; i < width; i++) {
		struct csvimport_column *c = &plan->columns[i];
		struct csvimport_stats *s = xcalloc(1, sizeof *s);
		c->stats = s;
		c->position = i + 1;
	}
	plan_name_columns(st);
	if (plan_apply_options(st) != JAW_OK)
		return JAW_USAGE;
	st->id_candidate = plan_id_candidate(plan);
	/* a guessed id is always checked: with duplicates, rows number the respondents */
	if (st->id_candidate >= 0 &&
	    (st->opt->check_ids || !plan->columns[st->id_candidate].role_given))
		st->ids = strset_new();
	return JAW_OK;
}

static int plan_header_row(struct plan_state *st, const struct csvread_row *row)
{
	char **copy = xcalloc((size_t)row->nfields, sizeof *copy);
	for (int i = 0; i < row->nfields; i++)
		copy[i] = xstrdup(row->fields[i]);
	st->headers = xreallocarray(st->headers, (size_t)st->nheaders + 1, sizeof *st->headers);
	st->headers[st->nheaders++] = copy;
	if (st->nheaders < st->plan->header_rows)
		return JAW_OK;
	return plan_start_columns(st, row->nfields);
}

_Static_assert(CSVIMPORT_DISTINCT_SLOTS >= 2 * PLAN_MAX_DISTINCT, "room for the distinct values");

/* A hash of a value whose top bits pick its slot in the distinct table. */
static uint64_t plan_distinct_hash(const char *v, size_t len)
{
	uint64_t h = 5381;
	for (size_t i = 0; i < len; i++)
		h = h * 33 + (unsigned char)v[i];
	return h * 0x9E3779B97F4A7C15u;
}

/* memcmp(a, b, len) == 0 without a call: values are mostly short. */
static bool plan_same_bytes(const char *a, const char *b, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (a[i] != b[i])
			return false;
	return true;
}

static void plan_distinct_grow(struct csvimport_stats *s)
{
	s->distinct_cap = s->distinct_cap ? s->distinct_cap * 2 : 8;
	size_t cap = (size_t)s->distinct_cap;
	s->distinct = xreallocarray(s->distinct, cap, sizeof *s->distinct);
	s->distinct_len = xreallocarray(s->distinct_len, cap, sizeof *s->distinct_len);
	s->distinct_hash = xreallocarray(s->distinct_hash, cap, sizeof *s->distinct_hash);
}

/* Adds v to the distinct values of a column while they are few. */
static void plan_distinct(struct csvimport_stats *s, const char *v, size_t len)
{
	uint64_t h = plan_distinct_hash(v, len);
	unsigned i = (unsigned)(h >> (64 - CSVIMPORT_DISTINCT_BITS));
	for (; s->distinct_slot[i]; i = (i + 1) % CSVIMPORT_DISTINCT_SLOTS) {
		int k = s->distinct_slot[i] - 1;
		if (s->distinct_hash[k] == h && s->distinct_len[k] == len &&
		    plan_same_bytes(s->distinct[k], v, len))
			return;
	}
	if (s->ndistinct == PLAN_MAX_DISTINCT) {
		s->many = true;
		return;
	}
	if (s->ndistinct == s->distinct_cap)
		plan_distinct_grow(s);
	s->distinct[s->ndistinct] = xstrndup(v, len);
	s->distinct_len[s->ndistinct] = len;
	s->distinct_hash[s->ndistinct++] = h;
	s->distinct_slot[i] = (unsigned char)s->ndistinct;
}

/* The number an integer that csvimport_is_integer accepts stands for, as
 * strtod reads it: at most 18 digits are exact in 64 bits, and the one
 * rounding to double is the same; "-0" is -0.0. */
static double plan_integer_value(const char *v, size_t len)
{
	bool minus = v[0] == '-';
	uint64_t n = 0;
	for (size_t i = minus; i < len; i++)
		n = n * 10 + (uint64_t)(v[i] - '0');
	double d = (double)n;
	return minus ? -d : d;
}

/* Counts one value into its column's statistics; only a value of a row
 * that spans lines (multiline) can hold a line end. */
static void plan_value(struct csvimport_column *c, const char *v, size_t len, int64_t line,
                       bool multiline)
{
	struct csvimport_stats *s = c->stats;
	if (len == 0 || csvread_blank(v, len)) {
		if (!s->first_empty_line)
			s->first_empty_line = line;
		return;
	}
	c->values++;
	s->total_len += (int64_t)len;
	if (len > s->max_len)
		s->max_len = len;
	if (multiline && !s->newline && (memchr(v, '\n', len) || memchr(v, '\r', len)))
		s->newline = true;
	bool is_int = csvimport_is_integer(v, len);
	bool is_num = is_int || csvimport_is_number(v, len);
	if (!is_num) {
		s->n_email += csvimport_is_email(v, len);
		s->n_ip += (v[0] == ':' || isxdigit((unsigned char)v[0])) && csvimport_is_ip(v, len);
	}
	for (int k = 0; k < 2; k++)
		if (!(k ? is_num : is_int) && !s->odd_line[k]) {
			s->odd_line[k] = line;
			snprintf(s->odd[k], sizeof s->odd[k], "%.*s", len > 40 ? 40 : (int)len, v);
		}
	if (is_num) {
		s->n_num++;
		s->n_int += is_int;
		double d = is_int ? plan_integer_value(v, len) : strtod(v, NULL);
		if (s->n_num == 1 || d < c->min)
			c->min = d;
		if (s->n_num == 1 || d > c->max)
			c->max = d;
	}
	if (!s->many)
		plan_distinct(s, v, len);
}

/* Takes a row of the right width: a heading row, or a respondent. */
static int plan_take_row(struct plan_state *st, const struct csvread_row *row, jaw_err *err)
{
	struct csvimport_plan *plan = st->plan;
	if (st->nheaders < plan->header_rows) {
		if (plan_header_row(st, row) != JAW_OK)
			return err_set(err, JAW_USAGE, "%s", st->usage.msg);
		return JAW_OK;
	}
	if (plan->rows++ == 0)
		st->first_data_line = row->line;
	if (st->ids)
		strset_prefetch(st->ids, row->fields[st->id_candidate], row->lens[st->id_candidate]);
	bool multiline = row->end_line != row->line;
	for (int i = 0; i < row->nfields; i++)
		plan_value(&plan->columns[i], row->fields[i], row->lens[i], row->line, multiline);
	if (st->id_candidate >= 0)
		plan_check_id(st, row->fields[st->id_candidate], row->lens[st->id_candidate], row->line);
	return JAW_OK;
}

/* Keeps a copy of one of the first rows. */
static void plan_keep_first(struct plan_state *st, const struct csvread_row *row)
{
	struct csvread_row *k = &st->first[st->nfirst++];
	size_t *lens = xcalloc((size_t)row->nfields, sizeof *lens);
	k->fields = xcalloc((size_t)row->nfields, sizeof *k->fields);
	for (int i = 0; i < row->nfields; i++) {
		k->fields[i] = xstrndup(row->fields[i], row->lens[i]);
		lens[i] = row->lens[i];
	}
	k->lens = lens;
	k->nfields = row->nfields;
	k->line = row->line;
	k->end_line = row->end_line;
}

static void plan_free_first(struct plan_state *st)
{
	for (int k = 0; k < st->nfirst; k++) {
		for (int i = 0; i < st->first[k].nfields; i++)
			free(st->first[k].fields[i]);
		free(st->first[k].fields);
		free((size_t *)st->first[k].lens);
	}
	st->nfirst = 0;
}

/* The first rows are in: recognise the layout of the heading rows, then
 * take the rows kept. */
static int plan_close_layout(struct plan_state *st, jaw_err *err)
{
	struct csvimport_plan *plan = st->plan;
	st->layout_open = false;
	char **rows[PLAN_LAYOUT_ROWS];
	for (int k = 0; k < st->nfirst; k++)
		rows[k] = st->first[k].fields;
	struct csvimport_layout l;
	if (csvimport_layout_detect((char *const *const *)rows, st->nfirst, st->width, &l)) {
		plan->layout = l;
		plan->header_rows = l.header_rows;
	}
	int rc = JAW_OK;
	for (int k = 0; k < st->nfirst && rc == JAW_OK; k++)
		rc = plan_take_row(st, &st->first[k], err);
	plan_free_first(st);
	return rc;
}

static int plan_row(void *ctx, const struct csvread_row *row, jaw_err *err)
{
	struct plan_state *st = ctx;
	if (st->width == 0)
		st->width = row->nfields;
	if (row->nfields != st->width)
		return err_set(err, JAW_FAIL, "%d field%s, but the heading has %d (is a quote missing,"
		               " or a delimiter inside an unquoted field?)", row->nfields,
		               row->nfields == 1 ? "" : "s", st->width);
	if (!st->layout_open)
		return plan_take_row(st, row, err);
	plan_keep_first(st, row);
	return st->nfirst < PLAN_LAYOUT_ROWS ? JAW_OK : plan_close_layout(st, err);
}

static void plan_progress(void *ctx, int64_t done, int64_t total)
{
	struct plan_state *st = ctx;
	st->opt->progress(st->opt->progress_ctx, "reading", done, total, st->plan->rows);
}

/* ---- after the read: roles ------------------------------------------------ */

/* Applies a role the user gave to c, checking the values allow it. */
static int plan_given_role(struct csvimport_plan *plan, struct csvimport_column *c, jaw_err *err)
{
	struct csvimport_stats *s = c->stats;
	c->reason = "given";
	switch (c->role) {
	case SURVEY_ROLE_ID:
		c->type = SURVEY_TYPE_TEXT;
		if (s->first_empty_line)
			return err_set(err, JAW_FAIL, "%s line %lld: no respondent id in column %d (%s)",
			               plan->path, (long long)s->first_empty_line, c->position, c->label);
		break;
	case SURVEY_ROLE_LIKERT:
		c->type = SURVEY_TYPE_INTEGER;
		if (s->ngiven > 0 && !csvimport_guess_likert(c, true)) {
			char *safe = utf8_sanitize_new(s->many ? "" : csvimport_not_given(c));
			err_set(err, JAW_FAIL, "%s: column %d (%s) holds %s%s%s, not one of the labels"
			        " --scale gives it", plan->path, c->position, c->label,
			        s->many ? "more than 64 distinct values" : "\"", safe, s->many ? "" : "\"");
			free(safe);
			return JAW_FAIL;
		}
		if (!csvimport_guess_likert(c, true))
			return err_set(err, JAW_FAIL, "%s: column %d (%s) cannot be Likert: its values are"
			               " not whole numbers from 0 to 10 nor the labels of a scale",
			               plan->path, c->position, c->label);
		break;
	case SURVEY_ROLE_ATTRIBUTE:
		c->type = csvimport_guess_type(c);
		break;
	default:
		c->type = SURVEY_TYPE_TEXT;
		break;
	}
	return JAW_OK;
}

/* True if the column whose heading names an id can be the id: a value in
 * every row, none twice and none a missing-value marker; if not, the dry
 * run says why and that rows number the respondents. */
static bool plan_guessed_id_fits(struct plan_state *st, const struct csvimport_column *c)
{
	const struct csvimport_stats *s = c->stats;
	char why[800];
	if (c->values == 0 || (c->personal && !c->keep))
		return false;
	if (s->first_empty_line)
		snprintf(why, sizeof why, "line %lld has none", (long long)s->first_empty_line);
	else if (st->id_missing_line)
		snprintf(why, sizeof why, "line %lld has \"%s\", a mark of a missing value",
		         (long long)st->id_missing_line, st->id_missing);
	else if (st->id_errors > 0)
		snprintf(why, sizeof why, "%s", st->nid_problems ? st->id_problems[0] : "an id repeats");
	else
		return true;
	plan_problem(st->plan, false, "column %d (%s) looks like the respondent id, but %s:"
	             " respondents are numbered by row instead (--id %d insists)", c->position,
	             c->label, why, c->position);
	return false;
}

/* Picks the id column: the one given, or the first whose heading names an
 * id and which fits (plan_guessed_id_fits). */
static void plan_pick_id(struct plan_state *st)
{
	struct csvimport_plan *plan = st->plan;
	int i = st->id_candidate;
	if (i < 0)
		return;
	struct csvimport_column *c = &plan->columns[i];
	if (!c->role_given) {
		if (!plan_guessed_id_fits(st, c))
			return;
		c->role = SURVEY_ROLE_ID;
		c->type = SURVEY_TYPE_TEXT;
		c->reason = "heading names an id";
	}
	for (int k = 0; k < st->nid_problems; k++)
		plan_problem(plan, true, "%s", st->id_problems[k]);
	plan->errors += st->id_errors - st->nid_problems;
	plan->problems_left_out += st->id_errors - st->nid_problems;
}

/* Warns when the first data row looks like a second heading row: text in
 * at least two columns whose other values are all numbers, and no option
 * or known layout said how many heading rows there are. */
static void plan_warn_heading_row(struct plan_state *st)
{
	struct csvimport_plan *plan = st->plan;
	if (!plan_layout_open(st->opt) || plan->layout.name || plan->rows < 3)
		return;
	char cols[128] = "";
	size_t n = 0;
	int count = 0;
	for (int i = 0; i < plan->ncolumns; i++) {
		const struct csvimport_column *c = &plan->columns[i];
		const struct csvimport_stats *s = c->stats;
		if (s->n_num == c->values - 1 && s->n_num > 0 && s->odd_line[1] == st->first_data_line) {
			if (n < sizeof cols - 16)
				n += (size_t)snprintf(cols + n, sizeof cols - n, "%s%d", count ? ", " : "",
				                      i + 1);
			count++;
		}
	}
	if (count < 2)
		return;
	plan_problem(plan, false, "line %lld looks like a second heading row: it holds text in"
	             " columns %s, whose other values are all numbers; if it is, give --header-rows 2"
	             " (joined into the questions) or --names-row 1 --question-row 2",
	             (long long)st->first_data_line, cols);
}

/* Says that a column of personal data is not stored, or is kept. */
static void plan_report_personal(struct csvimport_plan *plan, const struct csvimport_column *c)
{
	if (!c->personal)
		return;
	if (c->keep)
		plan_problem(plan, false, "column %d (%s) holds personal data (%s): kept, as"
		             " --keep-personal asks", c->position, c->label, c->personal);
	else
		plan_problem(plan, false, "column %d (%s) holds personal data (%s): not stored"
		             " (--keep-personal %d keeps it)", c->position, c->label, c->personal,
		             c->position);
}

/* Says which values of a number column are not numbers (kept as written). */
static void plan_report_outliers(struct csvimport_plan *plan, const struct csvimport_column *c)
{
	const struct csvimport_stats *s = c->stats;
	int64_t n = c->role == SURVEY_ROLE_ATTRIBUTE ? csvimport_outliers(c) : 0;
	if (n == 0)
		return;
	int k = c->type == SURVEY_TYPE_REAL;
	char *safe = utf8_sanitize_new(s->odd[k]);
	plan_problem(plan, false, "column %d (%s): %lld value%s not %s, kept as written as text"
	             " (the first on line %lld: \"%s\"%s)", c->position, c->label, (long long)n,
	             n == 1 ? " is" : "s are", k ? "a number" : "a whole number",
	             (long long)s->odd_line[k], safe, strlen(s->odd[k]) >= 40 ? "…" : "");
	free(safe);
}

static int plan_finish(struct plan_state *st, jaw_err *err)
{
	struct csvimport_plan *plan = st->plan;
	if (plan->ncolumns == 0)
		return err_set(err, JAW_FAIL, "%s: no heading row: the file holds no CSV rows", plan->path);
	if (plan->rows == 0)
		return err_set(err, JAW_FAIL, "%s: no data rows after the heading", plan->path);
	for (int i = 0; i < plan->ncolumns; i++) {
		struct csvimport_column *c = &plan->columns[i];
		struct csvimport_stats *s = c->stats;
		c->distinct = s->many ? CSVIMPORT_MANY : s->ndistinct;
		s->all_int = s->n_int == c->values;
		s->all_num = s->n_num == c->values;
		c->personal = csvimport_personal(c);
		if (c->personal && !c->keep && c->role_given && c->role != SURVEY_ROLE_IGNORE)
			return err_set(err, JAW_USAGE, "import-csv: column %d (%s) holds personal data (%s):"
			               " it is not stored unless --keep-personal %d is given too",
			               c->position, c->label, c->personal, c->position);
		if (c->role_given) {
			if (plan_given_role(plan, c, err) != JAW_OK)
				return JAW_FAIL;
		} else {
			csvimport_guess_role(c);
		}
	}
	plan_pick_id(st);
	for (int i = 0; i < plan->ncolumns; i++) {
		if (plan->columns[i].role == SURVEY_ROLE_TEXT)
			plan->answers += plan->columns[i].values;
		plan_report_outliers(plan, &plan->columns[i]);
		plan_report_personal(plan, &plan->columns[i]);
	}
	if (plan->empty_rows > 0)
		plan_problem(plan, false, "%lld empty row%s skipped", (long long)plan->empty_rows,
		             plan->empty_rows == 1 ? "" : "s");
	plan_warn_heading_row(st);
	return JAW_OK;
}

/* ---- the plan ------------------------------------------------------------ */

/* The default survey name: the file name without directory and extension. */
static char *plan_default_name_new(const char *path)
{
	char *copy = xstrdup(path);
	char *name = xstrdup(basename(copy));
	free(copy);
	char *dot = strrchr(name, '.');
	if (dot && dot != name)
		*dot = '\0';
	return name;
}

static void plan_state_clear(struct plan_state *st)
{
	for (int h = 0; h < st->nheaders; h++) {
		for (int i = 0; i < st->width; i++)
			free(st->headers[h][i]);
		free(st->headers[h]);
	}
	free(st->headers);
	for (int i = 0; i < st->nid_problems; i++)
		free(st->id_problems[i]);
	free(st->id_problems);
	strset_free(st->ids);
	plan_free_first(st);
}

static struct csvimport_plan *plan_alloc(const struct csvread_source *src,
                                         const struct csvimport_options *opt)
{
	struct csvimport_plan *plan = xcalloc(1, sizeof *plan);
	plan->path = xstrdup(src->name);
	plan->source = *src;
	plan->source.name = plan->path;
	plan->name_given = opt->name != NULL;
	plan->name = opt->name ? xstrdup(opt->name) : plan_default_name_new(src->name);
	plan->layout = plan_given_layout(opt);
	plan->header_rows = plan->layout.header_rows;
	return plan;
}

/* Copies what the read learnt about the file into the plan. */
static void plan_take_info(struct csvimport_plan *plan, const struct csvread_info *info)
{
	plan->delimiter = info->delimiter;
	plan->quote = info->quote;
	snprintf(plan->encoding, sizeof plan->encoding, "%s", info->encoding);
	hash64_hex(info->hash, plan->hash);
	plan->bytes = info->bytes;
	plan->lines = info->lines;
	plan->empty_rows = info->empty_rows;
}

/* A plan being made from rows read by someone else. */
struct csvimport_planner {
	struct csvimport_plan *plan;
	struct plan_state st;
	int64_t max_rows;    /* stop after this many data rows (0: read all) */
};

/* Refuses options no file can satisfy. */
static int plan_check_options(const struct csvimport_options *opt, jaw_err *err)
{
	if (opt->header_rows < 0 || opt->header_rows > CSVIMPORT_MAX_HEADER_ROWS)
		return err_set(err, JAW_USAGE, "import-csv: --header-rows must be from 1 to %d",
		               CSVIMPORT_MAX_HEADER_ROWS);
	if (opt->names_row < 0 || opt->names_row > CSVIMPORT_MAX_HEADER_ROWS ||
	    opt->question_row < 0 || opt->question_row > CSVIMPORT_MAX_HEADER_ROWS)
		return err_set(err, JAW_USAGE, "import-csv: --names-row and --question-row must be"
		               " from 1 to %d", CSVIMPORT_MAX_HEADER_ROWS);
	unsigned skip;
	if (plan_skip_mask(opt->skip_rows, &skip) != JAW_OK)
		return err_set(err, JAW_USAGE, "import-csv: --skip-rows takes a comma-separated list of"
		               " row numbers from 1 to %d", CSVIMPORT_MAX_HEADER_ROWS);
	if ((opt->names_row && (skip & (1u << opt->names_row))) ||
	    (opt->question_row && (skip & (1u << opt->question_row))))
		return err_set(err, JAW_USAGE, "import-csv: a row cannot be both skipped and read for"
		               " names or questions");
	if (opt->name && !*opt->name)
		return err_set(err, JAW_USAGE, "import-csv: --name must not be empty");
	return JAW_OK;
}

struct csvimport_planner *csvimport_planner_new(const struct csvread_source *src,
                                                const struct csvimport_options *opt, jaw_err *err)
{
	if (plan_check_options(opt, err) != JAW_OK)
		return NULL;
	struct csvimport_planner *p = xcalloc(1, sizeof *p);
	p->plan = plan_alloc(src, opt);
	p->st = (struct plan_state){.plan = p->plan, .opt = opt, .id_candidate = -1,
	                            .layout_open = plan_layout_open(opt)};
	return p;
}

int csvimport_planner_row(void *planner, const struct csvread_row *row, jaw_err *err)
{
	struct csvimport_planner *p = planner;
	if (p->max_rows > 0 && p->plan->rows >= p->max_rows)
		return CSVREAD_STOP;
	return plan_row(&p->st, row, err);
}

void csvimport_planner_free(struct csvimport_planner *p)
{
	if (!p)
		return;
	plan_state_clear(&p->st);
	csvimport_plan_free(p->plan);
	free(p);
}

struct csvimport_plan *csvimport_planner_finish(struct csvimport_planner *p, int rc,
                                                const struct csvread_info *info, jaw_err *err)
{
	plan_take_info(p->plan, info);
	if (p->st.layout_open && (rc == JAW_OK || rc == CSVREAD_STOP)) /* a file of few rows */
		rc = plan_close_layout(&p->st, err);
	if (rc == JAW_USAGE && p->st.usage.status == JAW_USAGE)
		err_set(err, JAW_USAGE, "%s", p->st.usage.msg);
	if (rc == JAW_OK || rc == CSVREAD_STOP)
		rc = plan_finish(&p->st, err);
	struct csvimport_plan *plan = NULL;
	if (rc == JAW_OK) {
		plan = p->plan;
		p->plan = NULL;
	}
	csvimport_planner_free(p);
	return plan;
}

/* Reads src (its first max_rows data rows, or all when 0) and plans. */
static struct csvimport_plan *plan_read(const struct csvread_source *src,
                                        const struct csvimport_options *opt, int64_t max_rows,
                                        jaw_err *err)
{
	struct csvimport_planner *p = csvimport_planner_new(src, opt, err);
	if (!p)
		return NULL;
	p->max_rows = max_rows;
	struct csvread_options ropt = {
		.encoding = opt->encoding,
		.delimiter = opt->delimiter,
		.progress = opt->progress && !max_rows ? plan_progress : NULL,
		.progress_ctx = &p->st,
		.quote = opt->quote,
		.strict = opt->strict,
	};
	struct csvread_info info;
	int rc = csvread(src, &ropt, csvimport_planner_row, p, &info, err);
	return csvimport_planner_finish(p, rc, &info, err);
}

struct csvimport_plan *csvimport_plan_new(const char *path, const struct csvimport_options *opt,
                                          jaw_err *err)
{
	struct csvread_source src = csvread_path(path);
	return plan_read(&src, opt, 0, err);
}

struct csvimport_plan *csvimport_plan_source_new(const struct csvread_source *src,
                                                 const struct csvimport_options *opt,
                                                 jaw_err *err)
{
	return plan_read(src, opt, 0, err);
}

struct csvimport_plan *csvimport_plan_sample_new(const struct csvread_source *src,
                                                 const struct csvimport_options *opt,
                                                 int64_t max_rows, jaw_err *err)
{
	return plan_read(src, opt, max_rows, err);
}

/* True if the columns are imported alike. */
static bool plan_same_column(const struct csvimport_column *a, const struct csvimport_column *b)
{
	const struct csvimport_stats *sa = a->stats, *sb = b->stats;
	if (a->role != b->role || a->type != b->type || strcmp(a->label, b->label) != 0 ||
	    strcmp(a->question, b->question) != 0 || a->nlabels != b->nlabels)
		return false;
	if (a->role == SURVEY_ROLE_LIKERT && (sa->likert != sb->likert || sa->scale != sb->scale))
		return false;
	for (int k = 0; k < a->nlabels; k++)
		if (a->labels[k].value != b->labels[k].value ||
		    strcmp(a->labels[k].label, b->labels[k].label) != 0)
			return false;
	return true;
}

bool csvimport_plan_same(const struct csvimport_plan *a, const struct csvimport_plan *b)
{
	if (a->ncolumns != b->ncolumns || a->delimiter != b->delimiter || a->quote != b->quote ||
	    strcmp(a->encoding, b->encoding) != 0 || a->header_rows != b->header_rows ||
	    a->layout.names_row != b->layout.names_row ||
	    a->layout.question_row != b->layout.question_row ||
	    a->layout.skip_mask != b->layout.skip_mask ||
	    strcmp(a->name, b->name) != 0)
		return false;
	for (int i = 0; i < a->ncolumns; i++)
		if (!plan_same_column(&a->columns[i], &b->columns[i]))
			return false;
	return true;
}

static void plan_column_clear(struct csvimport_column *c)
{
	struct csvimport_stats *s = c->stats;
	if (s) {
		for (int i = 0; i < s->ngiven; i++)
			free(s->given[i]);
		free(s->given);
		for (int i = 0; i < s->ndistinct; i++)
			free(s->distinct[i]);
		free(s->distinct);
		free(s->distinct_len);
		free(s->distinct_hash);
		free(s);
	}
	for (int i = 0; i < c->nlabels; i++)
		free(c->labels[i].label);
	free(c->labels);
	free(c->label);
	free(c->question);
}

void csvimport_plan_free(struct csvimport_plan *plan)
{
	if (!plan)
		return;
	for (int i = 0; i < plan->ncolumns; i++)
		plan_column_clear(&plan->columns[i]);
	free(plan->columns);
	for (int i = 0; i < plan->nproblems; i++)
		free(plan->problems[i]);
	free(plan->problems);
	free(plan->path);
	free(plan->name);
	free(plan);
}

int csvimport_plan_set_role(struct csvimport_plan *plan, int position, enum survey_role role,
                            jaw_err *err)
{
	if (position < 1 || position > plan->ncolumns || role >= SURVEY_ROLE_COUNT)
		return err_set(err, JAW_USAGE, "no column %d", position);
	struct csvimport_column *c = &plan->columns[position - 1];
	for (int i = 0; i < plan->ncolumns; i++)
		if (role == SURVEY_ROLE_ID && i != position - 1 && plan->columns[i].role == SURVEY_ROLE_ID)
			plan->columns[i].role = SURVEY_ROLE_ATTRIBUTE;
	enum survey_role old_role = c->role;
	int old_count = c->nlabels;
	plan->answers -= old_role == SURVEY_ROLE_TEXT ? c->values : 0;
	for (int i = 0; i < old_count; i++)
		free(c->labels[i].label);
	c->nlabels = 0;
	c->role = role;
	c->role_given = true;
	int rc = plan_given_role(plan, c, err);
	if (rc != JAW_OK) {
		c->role = old_role;
		if (old_role == SURVEY_ROLE_LIKERT)
			csvimport_guess_likert(c, true);
	}
	plan->answers += c->role == SURVEY_ROLE_TEXT ? c->values : 0;
	return rc;
}

static void plan_free_labels(char **labels, int n)
{
	while (n > 0)
		free(labels[--n]);
	free(labels);
}

/* Splits "A|B|C" into a new array of labels (*n of them), or NULL with
 * err set when there are fewer than two, one is empty or one repeats. */
static char **plan_split_scale(const char *text, int *n, jaw_err *err)
{
	char **labels = NULL;
	*n = 0;
	for (const char *p = text; p; (*n)++) {
		const char *bar = strchr(p, '|');
		labels = xreallocarray(labels, (size_t)*n + 1, sizeof *labels);
		labels[*n] = bar ? xstrndup(p, (size_t)(bar - p)) : xstrdup(p);
		p = bar ? bar + 1 : NULL;
	}
	const char *why = *n < 2 ? "two labels at least, separated by |" : NULL;
	for (int i = 0; !why && i < *n; i++) {
		if (!*labels[i])
			why = "a label is empty";
		for (int k = 0; !why && k < i; k++)
			if (strcmp(labels[k], labels[i]) == 0)
				why = "a label is given twice";
	}
	if (!why)
		return labels;
	char *safe = utf8_sanitize_new(text);
	err_set(err, JAW_USAGE, "a scale is its labels in order, the first numbered 1, separated by |"
	        " (%s): \"%.200s\"", why, safe);
	free(safe);
	plan_free_labels(labels, *n);
	*n = 0;
	return NULL;
}

int csvimport_plan_set_scale(struct csvimport_plan *plan, int position, const char *labels,
                             jaw_err *err)
{
	if (position < 1 || position > plan->ncolumns)
		return err_set(err, JAW_USAGE, "no column %d", position);
	struct csvimport_column *c = &plan->columns[position - 1];
	struct csvimport_stats *s = c->stats;
	int n;
	char **given = plan_split_scale(labels, &n, err);
	if (!given)
		return JAW_USAGE;
	char **old = s->given;
	int nold = s->ngiven;
	s->given = given;
	s->ngiven = n;
	const char *missing = s->many ? NULL : csvimport_not_given(c);
	if (s->many || missing) {
		char *safe = utf8_sanitize_new(missing ? missing : "");
		err_set(err, JAW_FAIL, "column %d (%s) holds %s%s%s, not one of the scale's labels",
		        c->position, c->label, s->many ? "more than 64 distinct values" : "\"", safe,
		        s->many ? "" : "\"");
		free(safe);
		s->given = old;
		s->ngiven = nold;
		plan_free_labels(given, n);
		return JAW_FAIL;
	}
	plan_free_labels(old, nold);
	return csvimport_plan_set_role(plan, position, SURVEY_ROLE_LIKERT, err);
}

void csvimport_column_mapping(const struct csvimport_column *c, char *out, size_t size)
{
	size_t n = 0;
	out[0] = '\0';
	for (int i = 0; c->role == SURVEY_ROLE_LIKERT && i < c->nlabels && n < size; i++)
		n += (size_t)snprintf(out + n, size - n, "%s%d=%s", i ? ", " : "", c->labels[i].value,
		                      c->labels[i].label);
}

void csvimport_plan_role_counts(const struct csvimport_plan *plan, int counts[SURVEY_ROLE_COUNT])
{
	memset(counts, 0, sizeof(int) * SURVEY_ROLE_COUNT);
	for (int i = 0; i < plan->ncolumns; i++)
		counts[plan->columns[i].role]++;
}
