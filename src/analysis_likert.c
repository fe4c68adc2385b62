/* analysis_likert.c - the distribution of each Likert item, overall and
 * by a survey attribute (see analysis.h). SQL counts the respondents per
 * answer and group; C places the figures by the scale. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "model.h"
#include "xalloc.h"

/* The most groups (values of the attribute) a table has. */
enum { LIKERT_MAX_GROUPS = 500 };

/* The Likert columns labelled ?1 (every one when NULL), in the order of
 * the surveys and their columns, with their survey's column of the
 * attribute labelled ?2. */
static const char likert_items_sql[] =
	"SELECT q.id, s.name, q.label, q.question, coalesce(a.id, 0), q.survey_id, q.position,"
	" coalesce(a.position, 0)"
	" FROM survey_column q JOIN survey s ON s.id = q.survey_id"
	" LEFT JOIN survey_column a ON a.survey_id = q.survey_id AND a.role = 'attribute'"
	" AND a.label = ?2"
	" WHERE q.role = 'likert' AND (?1 IS NULL OR q.label = ?1) ORDER BY s.id, q.position";

/* The values of the attribute ?2 among the respondents of the surveys of
 * the items (?1 as above), in the crosstab's order (analysis_matrix.c):
 * numbers first, "" (none) last. */
static const char likert_groups_sql[] =
	"SELECT g FROM (SELECT DISTINCT coalesce(CAST(json_extract(r.answers, '$[' ||"
	" (a.position - 1) || ']') AS TEXT), '') AS g"
	" FROM survey_column q JOIN respondent r ON r.survey_id = q.survey_id"
	" LEFT JOIN survey_column a ON a.survey_id = q.survey_id AND a.role = 'attribute'"
	" AND a.label = ?2"
	" WHERE q.role = 'likert' AND (?1 IS NULL OR q.label = ?1))"
	" ORDER BY g = '', (CASE WHEN g GLOB '[0-9]*' THEN 0 ELSE 1 END), CAST(g AS REAL), g";

/* The respondents of survey ?1 per Likert column labelled ?2 (every one
 * when NULL; by its position - 1), answer (NULL: none) and value of the
 * attribute at JSON path ?4 ("" for none; NULL when ?3, no attribute):
 * one pass over the survey's respondents, each one's answers read once. */
static const char likert_counts_sql[] =
	"SELECT j.key, CAST(j.atom AS TEXT), r.g, count(*) FROM (SELECT answers,"
	" CASE WHEN ?3 THEN NULL ELSE coalesce(CAST(json_extract(answers, ?4) AS TEXT), '') END AS g"
	" FROM respondent WHERE survey_id = ?1) AS r, json_each(r.answers) AS j"
	" WHERE j.key IN (SELECT position - 1 FROM survey_column WHERE survey_id = ?1"
	" AND role = 'likert' AND (?2 IS NULL OR label = ?2))"
	" GROUP BY 1, 2, 3";

/* The labels of item ?1's scale, in the scale's order. */
static const char likert_labels_sql[] =
	"SELECT value, label FROM survey_label WHERE column_id = ?1 ORDER BY value";

static void likert_item_clear(struct analysis_likert_item *it)
{
	for (int i = 0; i < it->npoints; i++) {
		free(it->points[i].value);
		free(it->points[i].label);
		free(it->points[i].counts);
	}
	free(it->points);
	free(it->n);
	free(it->survey);
	free(it->label);
	free(it->question);
}

void analysis_likert_free(struct analysis_likert *t)
{
	if (!t)
		return;
	for (int i = 0; i < t->nitems; i++)
		likert_item_clear(&t->items[i]);
	free(t->items);
	for (int i = 0; i < t->ngroups; i++)
		free(t->groups[i]);
	free(t->groups);
	free(t->attribute);
	free(t);
}

double analysis_likert_percent(const struct analysis_likert_item *it, int point, int group)
{
	if (it->points[point].kind == ANALYSIS_LIKERT_MISSING)
		return -1.0;
	int64_t n = it->n[group];
	return n > 0 ? 100.0 * (double)it->points[point].counts[group] / (double)n : 0.0;
}

/* Runs a statement of labels (sql, ?1 bound to text) and sets err to
 * what names them: "no WHAT \"text\" (the WHATs: A, B, C)". */
static int likert_unknown(struct jaw_db *db, const char *sql, const char *what,
                          const char *text, jaw_err *err)
{
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return JAW_FAIL;
	char *names = NULL;
	if (sqlite3_step(s) == SQLITE_ROW)
		names = db_column_text_new(s, 0);
	sqlite3_reset(s);
	if (names && *names)
		err_set(err, JAW_FAIL, "no %s \"%.80s\" (the %ss: %.300s)", what, text, what, names);
	else
		err_set(err, JAW_FAIL, "no %s \"%.80s\" (the project has none: import a survey with"
		        " jaw import-csv or i in the survey view)", what, text);
	free(names);
	return JAW_FAIL;
}

/* Checks that some survey has a column of role labelled label. */
static int likert_check_label(struct jaw_db *db, const char *label, bool likert, jaw_err *err)
{
	static const char count_likert[] =
		"SELECT count(*) FROM survey_column WHERE role = 'likert' AND label = ?1";
	static const char count_attr[] =
		"SELECT count(*) FROM survey_column WHERE role = 'attribute' AND label = ?1";
	static const char names_likert[] =
		"SELECT group_concat(label, ', ') FROM (SELECT DISTINCT label FROM survey_column"
		" WHERE role = 'likert' ORDER BY survey_id, position LIMIT 20)";
	static const char names_attr[] =
		"SELECT group_concat(label, ', ') FROM (SELECT DISTINCT label FROM survey_column"
		" WHERE role = 'attribute' ORDER BY survey_id, position LIMIT 20)";
	int64_t n = model_find_id(db, likert ? count_likert : count_attr, label, err);
	if (n < 0)
		return JAW_FAIL;
	if (n > 0)
		return JAW_OK;
	return likert_unknown(db, likert ? names_likert : names_attr,
	                      likert ? "Likert question" : "survey attribute", label, err);
}

/* Binds the question (?1) and attribute (?2) of the items' statements. */
static void likert_bind(sqlite3_stmt *s, const char *question, const char *attribute)
{
	db_bind_text(s, 1, question, false);
	db_bind_text(s, 2, attribute, false);
}

/* Reads the groups: "(all)", then the attribute's values. */
static int likert_read_groups(struct jaw_db *db, struct analysis_likert *t, const char *question,
                              jaw_err *err)
{
	t->groups = xcalloc(1, sizeof *t->groups);
	t->groups[t->ngroups++] = xstrdup("(all)");
	if (!t->attribute)
		return JAW_OK;
	sqlite3_stmt *s = db_stmt(db, likert_groups_sql, err);
	if (!s)
		return JAW_FAIL;
	likert_bind(s, question, t->attribute);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && t->ngroups <= LIKERT_MAX_GROUPS) {
		t->groups = xreallocarray(t->groups, (size_t)t->ngroups + 1, sizeof *t->groups);
		t->groups[t->ngroups++] = db_column_text_new(s, 0);
	}
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return err_set(err, JAW_FAIL, "the attribute %.80s has more than %d values: too many"
		               " for a table", t->attribute, LIKERT_MAX_GROUPS);
	return rc == SQLITE_DONE ? JAW_OK : err_db(err, db_sqlite(db), likert_groups_sql);
}

/* Reads the items, without their answers yet. */
static int likert_read_items(struct jaw_db *db, struct analysis_likert *t, const char *question,
                             jaw_err *err)
{
	sqlite3_stmt *s = db_stmt(db, likert_items_sql, err);
	if (!s)
		return JAW_FAIL;
	likert_bind(s, question, t->attribute);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		t->items = xreallocarray(t->items, (size_t)t->nitems + 1, sizeof *t->items);
		struct analysis_likert_item *it = &t->items[t->nitems++];
		memset(it, 0, sizeof *it);
		it->column_id = sqlite3_column_int64(s, 0);
		it->survey = db_column_text_new(s, 1);
		it->label = db_column_text_new(s, 2);
		it->question = db_column_text_new(s, 3);
		it->by_column = sqlite3_column_int64(s, 4);
		it->survey_id = sqlite3_column_int64(s, 5);
		it->position = sqlite3_column_int(s, 6);
		it->by_position = sqlite3_column_int(s, 7);
		it->n = xcalloc((size_t)t->ngroups, sizeof *it->n);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? JAW_OK : err_db(err, db_sqlite(db), likert_items_sql);
}

/* Adds an answer to it; returns its index. */
static int likert_add_point(const struct analysis_likert *t, struct analysis_likert_item *it,
                            enum analysis_likert_kind kind, const char *value, const char *label)
{
	it->points = xreallocarray(it->points, (size_t)it->npoints + 1, sizeof *it->points);
	struct analysis_likert_point *p = &it->points[it->npoints];
	p->kind = kind;
	p->value = xstrdup(value);
	p->label = xstrdup(label);
	p->counts = xcalloc((size_t)t->ngroups, sizeof *p->counts);
	return it->npoints++;
}

/* The answer of it whose value is value (NULL: "no answer"), -1 if none. */
static int likert_find_point(const struct analysis_likert_item *it, const char *value)
{
	for (int i = 0; i < it->npoints; i++) {
		const struct analysis_likert_point *p = &it->points[i];
		if (value ? p->kind != ANALYSIS_LIKERT_MISSING && strcmp(p->value, value) == 0
		          : p->kind == ANALYSIS_LIKERT_MISSING)
			return i;
	}
	return -1;
}

/* The group whose value is g, 0 for NULL (overall), -1 if none. */
static int likert_find_group(const struct analysis_likert *t, const char *g)
{
	if (!g)
		return 0;
	for (int i = 1; i < t->ngroups; i++)
		if (strcmp(t->groups[i], g) == 0)
			return i;
	return -1;
}

/* Reads the labels of a labelled scale as its points. */
static int likert_read_labels(struct jaw_db *db, const struct analysis_likert *t,
                              struct analysis_likert_item *it, jaw_err *err)
{
	sqlite3_stmt *s = db_stmt(db, likert_labels_sql, err);
	if (!s)
		return JAW_FAIL;
	sqlite3_bind_int64(s, 1, it->column_id);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		char value[24];
		snprintf(value, sizeof value, "%lld", (long long)sqlite3_column_int64(s, 0));
		likert_add_point(t, it, ANALYSIS_LIKERT_POINT, value,
		                 (const char *)sqlite3_column_text(s, 1));
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? JAW_OK : err_db(err, db_sqlite(db), likert_labels_sql);
}

/* True if s is a whole number written plainly, into *v. */
static bool likert_integer(const char *s, long long *v)
{
	char *end;
	if (!*s || strlen(s) > 18)
		return false;
	*v = strtoll(s, &end, 10);
	return *end == '\0';
}

/* Orders answers: points (by number, in an unlabelled item), values
 * outside the scale (numbers first, by number, then text), "no answer". */
static int likert_point_cmp(const void *pa, const void *pb)
{
	const struct analysis_likert_point *a = pa, *b = pb;
	if (a->kind != b->kind)
		return (int)a->kind - (int)b->kind;
	long long x, y;
	bool nx = likert_integer(a->value, &x), ny = likert_integer(b->value, &y);
	if (nx != ny)
		return nx ? -1 : 1;
	if (nx)
		return x < y ? -1 : x > y;
	return strcmp(a->value, b->value);
}

/* An unlabelled item whose answers are whole numbers gets every number
 * between its least and greatest as a point. */
static void likert_fill_gaps(const struct analysis_likert *t, struct analysis_likert_item *it)
{
	long long lo = 0, hi = 0, v;
	int points = 0;
	for (int i = 0; i < it->npoints; i++) {
		if (it->points[i].kind != ANALYSIS_LIKERT_POINT)
			continue;
		if (!likert_integer(it->points[i].value, &v))
			return;
		lo = points == 0 || v < lo ? v : lo;
		hi = points++ == 0 || v > hi ? v : hi;
	}
	if (points == 0 || hi - lo > 100)
		return;
	for (long long k = lo + 1; k < hi; k++) {
		char value[24];
		snprintf(value, sizeof value, "%lld", k);
		if (likert_find_point(it, value) < 0)
			likert_add_point(t, it, ANALYSIS_LIKERT_POINT, value, "");
	}
}

/* Places one row of the counts: value v (NULL: none), group g, count n. */
static void likert_place(struct analysis_likert *t, struct analysis_likert_item *it,
                         bool labelled, const char *v, const char *g, int64_t n)
{
	int p = likert_find_point(it, v);
	if (p < 0)
		p = likert_add_point(t, it, !v ? ANALYSIS_LIKERT_MISSING : labelled
		                     ? ANALYSIS_LIKERT_OUTSIDE : ANALYSIS_LIKERT_POINT, v ? v : "", "");
	int grp = likert_find_group(t, g);
	struct analysis_likert_point *pt = &it->points[p];
	pt->counts[0] += n;
	if (grp > 0)
		pt->counts[grp] += n;
	if (pt->kind == ANALYSIS_LIKERT_MISSING)
		return;
	it->n[0] += n;
	if (grp > 0)
		it->n[grp] += n;
}

/* Puts an item's answers in order and notes its largest count. */
static void likert_finish_item(struct analysis_likert *t, struct analysis_likert_item *it,
                               int labels)
{
	if (labels == 0)
		likert_fill_gaps(t, it);
	/* a labelled scale's points stay in its order; the rest are sorted */
	qsort(it->points + labels, (size_t)(it->npoints - labels), sizeof *it->points,
	      likert_point_cmp);
	for (int i = 0; i < it->npoints; i++)
		for (int g = 0; g < t->ngroups && it->points[i].kind != ANALYSIS_LIKERT_MISSING; g++)
			if (it->points[i].counts[g] > t->max)
				t->max = it->points[i].counts[g];
}

/* Counts the answers of the items from..to-1, all of one survey, in one
 * statement; labels[i - from] is how many labels item i's scale has. */
static int likert_read_survey(struct jaw_db *db, struct analysis_likert *t, const char *question,
                              int from, int to, const int *labels, jaw_err *err)
{
	sqlite3_stmt *s = db_stmt(db, likert_counts_sql, err);
	if (!s)
		return JAW_FAIL;
	const struct analysis_likert_item *first = &t->items[from];
	char path[32];
	snprintf(path, sizeof path, "$[%d]", first->by_position - 1);
	sqlite3_bind_int64(s, 1, first->survey_id);
	db_bind_text(s, 2, question, false);
	sqlite3_bind_int(s, 3, t->attribute == NULL);
	db_bind_text(s, 4, first->by_position > 0 ? path : NULL, false);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int key = sqlite3_column_int(s, 0), i = from;
		while (i < to && t->items[i].position - 1 != key)
			i++;
		if (i < to)
			likert_place(t, &t->items[i], labels[i - from] > 0,
			             (const char *)sqlite3_column_text(s, 1),
			             (const char *)sqlite3_column_text(s, 2), sqlite3_column_int64(s, 3));
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? JAW_OK : err_db(err, db_sqlite(db), likert_counts_sql);
}

/* Reads the answers of every item, a survey at a time. */
static int likert_read_answers(struct jaw_db *db, struct analysis_likert *t, const char *question,
                               jaw_err *err)
{
	int *labels = xcalloc((size_t)t->nitems + 1, sizeof *labels);
	int rc = JAW_OK;
	for (int i = 0; rc == JAW_OK && i < t->nitems; i++) {
		rc = likert_read_labels(db, t, &t->items[i], err);
		labels[i] = t->items[i].npoints;
	}
	for (int from = 0, to; rc == JAW_OK && from < t->nitems; from = to) {
		to = from + 1;
		while (to < t->nitems && t->items[to].survey_id == t->items[from].survey_id)
			to++;
		rc = likert_read_survey(db, t, question, from, to, labels + from, err);
	}
	for (int i = 0; rc == JAW_OK && i < t->nitems; i++)
		likert_finish_item(t, &t->items[i], labels[i]);
	free(labels);
	return rc;
}

int analysis_likert_new(struct jaw_db *db, const char *question, const char *attribute,
                        struct analysis_likert **out, jaw_err *err)
{
	*out = NULL;
	if (question && likert_check_label(db, question, true, err) != JAW_OK)
		return JAW_FAIL;
	if (attribute && likert_check_label(db, attribute, false, err) != JAW_OK)
		return JAW_FAIL;
	struct analysis_likert *t = xcalloc(1, sizeof *t);
	t->attribute = attribute ? xstrdup(attribute) : NULL;
	int rc = likert_read_groups(db, t, question, err);
	if (rc == JAW_OK)
		rc = likert_read_items(db, t, question, err);
	if (rc == JAW_OK)
		rc = likert_read_answers(db, t, question, err);
	if (rc != JAW_OK) {
		analysis_likert_free(t);
		return JAW_FAIL;
	}
	*out = t;
	return JAW_OK;
}
