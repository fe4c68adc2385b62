/* csvimport_guess.c - what a survey column holds: value types, Likert
 * scales, and the rules that guess a column's role (jaw(1) describes them;
 * keep the two in step). */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csvimport_int.h"
#include "xalloc.h"

/* Scales recognised by their labels; a column is the smallest scale that
 * holds all its values. */
static const struct csvimport_scale csvimport_scales[] = {
	{"agreement", 4, {"Strongly disagree", "Disagree", "Agree", "Strongly agree"}},
	{"agreement", 5, {"Strongly disagree", "Disagree",
	                  "Neither agree nor disagree|Neither agree or disagree|Neutral|Undecided",
	                  "Agree", "Strongly agree"}},
	{"agreement", 7, {"Strongly disagree", "Disagree", "Somewhat disagree|Slightly disagree",
	                  "Neither agree nor disagree|Neither agree or disagree|Neutral",
	                  "Somewhat agree|Slightly agree", "Agree", "Strongly agree"}},
	{"frequency", 5, {"Never", "Rarely", "Sometimes", "Often", "Always"}},
	{"quality", 5, {"Very poor", "Poor", "Fair|Average", "Good", "Very good"}},
	{"quality", 5, {"Poor", "Fair", "Good", "Very good", "Excellent"}},
	{"satisfaction", 5, {"Very dissatisfied", "Dissatisfied",
	                     "Neither satisfied nor dissatisfied|Neutral", "Satisfied",
	                     "Very satisfied"}},
	{"importance", 5, {"Not at all important|Not important", "Slightly important",
	                   "Moderately important", "Very important", "Extremely important"}},
	{"likelihood", 5, {"Very unlikely", "Unlikely", "Neither likely nor unlikely|Neutral",
	                   "Likely", "Very likely"}},
	{"extent", 5, {"Not at all", "To a small extent", "To a moderate extent|To some extent",
	               "To a large extent", "To a very large extent"}},
};

/* Headings that name the respondent's identifier. */
static const char *const csvimport_id_headings[] = {
	"id", "respondent id", "respondentid", "respondent", "response id", "responseid",
	"participant id", "participant", "record id", "submission id", "uuid", "#", NULL,
};

/* Headings of personal data that a survey of this kind should not keep,
 * in letters and digits only ("IP Address", "IPAddress" and "ip_address"
 * are "ipaddress"), with what they hold. jaw(5) lists them. */
static const struct {
	const char *key, *what;
} csvimport_personal_headings[] = {
	{"email", "e-mail addresses"}, {"emailaddress", "e-mail addresses"},
	{"recipientemail", "e-mail addresses"}, {"youremail", "e-mail addresses"},
	{"youremailaddress", "e-mail addresses"}, {"ip", "IP addresses"},
	{"ipaddress", "IP addresses"}, {"name", "names"}, {"firstname", "names"},
	{"lastname", "names"}, {"fullname", "names"}, {"surname", "names"},
	{"givenname", "names"}, {"familyname", "names"}, {"yourname", "names"},
	{"respondentname", "names"}, {"recipientfirstname", "names"},
	{"recipientlastname", "names"}, {"contactname", "names"},
	{"phone", "phone numbers"}, {"phonenumber", "phone numbers"},
	{"telephone", "phone numbers"}, {"mobile", "phone numbers"},
	{"mobilenumber", "phone numbers"}, {"address", "addresses"},
	{"streetaddress", "addresses"}, {"homeaddress", "addresses"},
	{"postcode", "addresses"}, {"zipcode", "addresses"},
	{"locationlatitude", "locations"}, {"locationlongitude", "locations"},
	{"latitude", "locations"}, {"longitude", "locations"},
};

/* Words in a heading that make a small number a count, not a scale. */
static const char *const csvimport_count_words[] = {
	"how many", "number of", "years", "year", "age", "count", "months", "days", NULL,
};

bool csvimport_is_integer(const char *s, size_t len)
{
	size_t i = s[0] == '-' && len > 1;
	if (len - i == 0 || len - i > 18 || (s[i] == '0' && (len - i > 1 || i > 0)))
		return false;
	for (; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* Skips digits from i; returns the new index (n counts them). */
static size_t csvimport_digits(const char *s, size_t len, size_t i, size_t *n)
{
	size_t start = i;
	while (i < len && s[i] >= '0' && s[i] <= '9')
		i++;
	*n = i - start;
	return i;
}

bool csvimport_is_number(const char *s, size_t len)
{
	if (len == 0)
		return false;
	if (csvimport_is_integer(s, len))
		return true;
	size_t i = s[0] == '-', n, frac;
	size_t int_start = i;
	i = csvimport_digits(s, len, i, &n);
	bool zero = n == 1 && s[int_start] == '0';
	/* "0.5", not "00.5"; a whole part SQLite shows without an exponent */
	if (n == 0 || n > 15 || (s[int_start] == '0' && n > 1) || i >= len || s[i] != '.')
		return false;
	size_t frac_start = i + 1;
	i = csvimport_digits(s, len, frac_start, &frac);
	if (frac == 0 || i != len)
		return false;
	/* "2.50" is shown as 2.5: only "N.0" may end in a zero */
	if (frac > 1 && s[len - 1] == '0')
		return false;
	size_t lead = 0; /* zeros after "0." */
	while (zero && lead < frac && s[frac_start + lead] == '0')
		lead++;
	if (zero && lead == frac) /* 0.0, -0.0 */
		return int_start == 0;
	/* 0.00001 is shown as 1.0e-05; more than 15 digits are rounded */
	size_t significant = zero ? frac - lead : n + frac;
	return lead <= 3 && significant <= 15;
}

/* True if s[0..len) equals one of the '|'-separated spellings, ignoring
 * case and surrounding spaces. */
static bool csvimport_spelling(const char *spellings, const char *s, size_t len)
{
	while (len > 0 && isspace((unsigned char)*s))
		s++, len--;
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		len--;
	for (const char *p = spellings; *p;) {
		size_t n = strcspn(p, "|");
		if (n == len && strncasecmp(p, s, len) == 0)
			return true;
		p += n + (p[n] == '|');
	}
	return false;
}

int csvimport_scale_point(const struct csvimport_scale *scale, const char *value, size_t len)
{
	for (int i = 0; i < scale->npoints; i++)
		if (csvimport_spelling(scale->points[i], value, len))
			return i + 1;
	return 0;
}

int csvimport_numbered(const char *value, size_t len, const char **label, size_t *label_len)
{
	size_t i = 0, n;
	while (i < len && value[i] == ' ')
		i++;
	size_t start = i;
	i = csvimport_digits(value, len, i, &n);
	if (n == 0 || n > 2 || csvimport_is_number(value, len))
		return -1;
	int number = atoi(value + start);
	size_t after = i;
	while (i < len && value[i] == ' ')
		i++;
	if (i < len && strchr("-=:.)", value[i]))
		i++;
	else if (i == after || i == len)
		return -1; /* "3" alone or "3rd" */
	while (i < len && value[i] == ' ')
		i++;
	/* "2.3" and "10:30" are not "3 - Sometimes" */
	if (i == len || number > 10 || (value[i] >= '0' && value[i] <= '9'))
		return -1;
	*label = value + i;
	*label_len = len - i;
	return number;
}

int csvimport_likert_value(const struct csvimport_column *c, const char *value, size_t len)
{
	const struct csvimport_stats *st = c->stats;
	const char *label;
	size_t label_len;
	switch (st->likert) {
	case CSVIMPORT_LIKERT_SCALE: {
		int v = csvimport_scale_point(st->scale, value, len);
		return v > 0 ? v : -1;
	}
	case CSVIMPORT_LIKERT_NUMBERED:
		return csvimport_numbered(value, len, &label, &label_len);
	case CSVIMPORT_LIKERT_GIVEN:
		for (int i = 0; i < st->ngiven; i++)
			if (strlen(st->given[i]) == len && memcmp(st->given[i], value, len) == 0)
				return i + 1;
		return -1;
	case CSVIMPORT_LIKERT_NUMBER:
		break;
	}
	return csvimport_is_integer(value, len) ? atoi(value) : -1;
}

/* ---- guessing ------------------------------------------------------------ */

/* Lower-cases a heading into out, turning '_' into ' ' and trimming. */
static void csvimport_heading_key(const char *heading, char *out, size_t size)
{
	size_t n = 0;
	while (*heading == ' ')
		heading++;
	for (; *heading && n + 1 < size; heading++)
		out[n++] = *heading == '_' ? ' ' : (char)tolower((unsigned char)*heading);
	while (n > 0 && out[n - 1] == ' ')
		n--;
	out[n] = '\0';
}

static bool csvimport_heading_in(const char *heading, const char *const *list)
{
	char key[128];
	csvimport_heading_key(heading, key, sizeof key);
	for (; *list; list++)
		if (strcmp(key, *list) == 0)
			return true;
	return false;
}

static bool csvimport_heading_has(const char *heading, const char *const *words)
{
	char key[512];
	csvimport_heading_key(heading, key, sizeof key);
	for (; *words; words++) {
		const char *p = strstr(key, *words);
		size_t n = strlen(*words);
		/* whole words only: "age" is not in "damage" */
		while (p && ((p > key && isalpha((unsigned char)p[-1])) || isalpha((unsigned char)p[n])))
			p = strstr(p + 1, *words);
		if (p)
			return true;
	}
	return false;
}

/* The letters and digits of s, lower-cased, into out. */
static void csvimport_alnum_key(const char *s, size_t len, char *out, size_t size)
{
	size_t n = 0;
	for (size_t i = 0; i < len && n + 1 < size; i++)
		if (isalnum((unsigned char)s[i]))
			out[n++] = (char)tolower((unsigned char)s[i]);
	out[n] = '\0';
}

/* What personal data a heading names, or NULL; a joined heading
 * ("Contact details: Name") by its last part too. */
static const char *csvimport_personal_heading(const char *heading)
{
	char key[64];
	const char *last = strrchr(heading, ':');
	const char *parts[2] = {heading, last ? last + 1 : NULL};
	for (int p = 0; p < 2 && parts[p]; p++) {
		size_t len = strlen(parts[p]);
		if (len >= sizeof key * 2)
			continue;
		csvimport_alnum_key(parts[p], len, key, sizeof key);
		for (size_t k = 0; k < sizeof csvimport_personal_headings /
		                       sizeof *csvimport_personal_headings; k++)
			if (strcmp(key, csvimport_personal_headings[k].key) == 0)
				return csvimport_personal_headings[k].what;
	}
	return NULL;
}

bool csvimport_is_email(const char *s, size_t len)
{
	const char *at = memchr(s, '@', len);
	if (!at || at == s || len > 254)
		return false;
	const char *domain = at + 1, *end = s + len;
	const char *dot = memchr(domain, '.', (size_t)(end - domain));
	if (!dot || dot == domain || dot + 1 >= end)
		return false;
	for (const char *p = s; p < end; p++)
		if (*p == ' ' || *p == ',' || *p == '\n' || (p > at && *p == '@'))
			return false;
	return true;
}

bool csvimport_is_ip(const char *s, size_t len)
{
	if (len < 3 || len > 45)
		return false;
	int dots = 0, colons = 0, digits = 0;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c == '.') {
			if (digits == 0 || digits > 3)
				return false;
			dots++;
			digits = 0;
		} else if (c == ':') {
			colons++;
			digits = 0;
		} else if (isxdigit((unsigned char)c)) {
			if (!isdigit((unsigned char)c) && dots > 0)
				return false;
			digits++;
		} else {
			return false;
		}
	}
	if (colons == 0)
		return dots == 3 && digits >= 1 && digits <= 3;
	return colons >= 2 && colons <= 7;
}

const char *csvimport_personal(const struct csvimport_column *c)
{
	const struct csvimport_stats *st = c->stats;
	const char *what = csvimport_personal_heading(c->question);
	if (!what && strcmp(c->label, c->question) != 0)
		what = csvimport_personal_heading(c->label);
	if (what)
		return what;
	/* by content: most values are e-mail or IP addresses */
	if (c->values > 0 && st->n_email * 2 > c->values)
		return "e-mail addresses";
	if (c->values > 0 && st->n_ip * 2 > c->values)
		return "IP addresses";
	return NULL;
}

bool csvimport_guess_is_id_heading(const char *heading)
{
	return csvimport_heading_in(heading, csvimport_id_headings);
}

/* True if every distinct value is a point of scale s, each point written
 * one way only (so that each is shown as written). */
static bool csvimport_fits_scale(const struct csvimport_scale *s, const struct csvimport_stats *st)
{
	int seen[8] = {0};
	for (int i = 0; i < st->ndistinct; i++) {
		int p = csvimport_scale_point(s, st->distinct[i], st->distinct_len[i]);
		if (p == 0 || seen[p]++)
			return false;
	}
	return true;
}

/* The smallest known scale holding every distinct value, or NULL. */
static const struct csvimport_scale *csvimport_find_scale(const struct csvimport_stats *st)
{
	const struct csvimport_scale *best = NULL;
	for (size_t k = 0; k < sizeof csvimport_scales / sizeof *csvimport_scales; k++) {
		const struct csvimport_scale *s = &csvimport_scales[k];
		if (csvimport_fits_scale(s, st) && (!best || s->npoints < best->npoints))
			best = s;
	}
	return best;
}

/* True if every distinct value is "N - label", each N with one label. */
static bool csvimport_all_numbered(const struct csvimport_stats *st)
{
	const char *labels[11] = {0};
	size_t lens[11] = {0};
	for (int i = 0; i < st->ndistinct; i++) {
		const char *label;
		size_t len;
		int n = csvimport_numbered(st->distinct[i], strlen(st->distinct[i]), &label, &len);
		if (n < 0)
			return false;
		if (labels[n] && (lens[n] != len || strncmp(labels[n], label, len) != 0))
			return false;
		labels[n] = label;
		lens[n] = len;
	}
	return true;
}

/* Adds a label to a Likert column. */
static void csvimport_add_label(struct csvimport_column *c, int value, const char *label,
                                size_t len)
{
	for (int i = 0; i < c->nlabels; i++)
		if (c->labels[i].value == value)
			return;
	c->labels = xreallocarray(c->labels, (size_t)c->nlabels + 1, sizeof *c->labels);
	int at = c->nlabels++;
	while (at > 0 && c->labels[at - 1].value > value) {
		c->labels[at] = c->labels[at - 1];
		at--;
	}
	c->labels[at].value = value;
	c->labels[at].label = xstrndup(label, len);
}

/* Fills in the labels of a labelled Likert column: each value as written
 * ("Neutral", "3 - Sometimes"), and the scale's own words for its points
 * no one chose. */
static void csvimport_make_labels(struct csvimport_column *c)
{
	struct csvimport_stats *st = c->stats;
	if (st->likert == CSVIMPORT_LIKERT_NUMBER)
		return;
	for (int i = 0; i < st->ndistinct; i++) {
		const char *v = st->distinct[i];
		int n = csvimport_likert_value(c, v, st->distinct_len[i]);
		if (n >= 0)
			csvimport_add_label(c, n, v, st->distinct_len[i]);
	}
	if (st->likert == CSVIMPORT_LIKERT_GIVEN) {
		for (int i = 0; i < st->ngiven; i++)
			csvimport_add_label(c, i + 1, st->given[i], strlen(st->given[i]));
	} else if (st->likert == CSVIMPORT_LIKERT_SCALE) {
		for (int i = 0; i < st->scale->npoints; i++) {
			const char *p = st->scale->points[i];
			csvimport_add_label(c, i + 1, p, strcspn(p, "|"));
		}
	}
}

/* Decides whether c can be a Likert column and how; fills its labels. */
const char *csvimport_not_given(const struct csvimport_column *c)
{
	const struct csvimport_stats *st = c->stats;
	for (int i = 0; i < st->ndistinct; i++) {
		int k = 0;
		while (k < st->ngiven && strcmp(st->given[k], st->distinct[i]) != 0)
			k++;
		if (k == st->ngiven)
			return st->distinct[i];
	}
	return NULL;
}

bool csvimport_guess_likert(struct csvimport_column *c, bool forced)
{
	struct csvimport_stats *st = c->stats;
	if (st->ngiven > 0) {
		if (st->many || csvimport_not_given(c))
			return false;
		st->likert = CSVIMPORT_LIKERT_GIVEN;
		csvimport_make_labels(c);
		return true;
	}
	if (st->many || st->ndistinct > 11 || (st->ndistinct < 2 && !forced))
		return false;
	if (st->all_int && c->values > 0) {
		if (c->min < 0 || c->max > 10 ||
		    (!forced && csvimport_heading_has(c->question, csvimport_count_words)))
			return false;
		st->likert = CSVIMPORT_LIKERT_NUMBER;
	} else if ((st->scale = csvimport_find_scale(st)) != NULL) {
		st->likert = CSVIMPORT_LIKERT_SCALE;
	} else if (csvimport_all_numbered(st)) {
		st->likert = CSVIMPORT_LIKERT_NUMBERED;
	} else {
		return false;
	}
	csvimport_make_labels(c);
	return true;
}

/* True if odd values of a column of values are few enough to leave it
 * a number column: one in a hundred, and not the only ones. */
static bool csvimport_few(int64_t odd, int64_t values)
{
	return odd * 100 <= values && odd < values;
}

/* True if the values read as open answers rather than categories. */
static bool csvimport_looks_like_text(const struct csvimport_column *c)
{
	const struct csvimport_stats *st = c->stats;
	if (csvimport_few(c->values - st->n_num, c->values))
		return false;
	double mean = c->values ? (double)st->total_len / (double)c->values : 0;
	return st->newline || mean >= 30 || st->max_len >= 100 || (st->many && mean >= 20);
}

enum survey_type csvimport_guess_type(const struct csvimport_column *c)
{
	const struct csvimport_stats *st = c->stats;
	if (c->values == 0)
		return SURVEY_TYPE_TEXT;
	if (csvimport_few(c->values - st->n_int, c->values))
		return SURVEY_TYPE_INTEGER;
	return csvimport_few(c->values - st->n_num, c->values) ? SURVEY_TYPE_REAL : SURVEY_TYPE_TEXT;
}

int64_t csvimport_outliers(const struct csvimport_column *c)
{
	const struct csvimport_stats *st = c->stats;
	switch (c->type) {
	case SURVEY_TYPE_INTEGER: return c->values - st->n_int;
	case SURVEY_TYPE_REAL: return c->values - st->n_num;
	default: return 0;
	}
}

/* Guesses the role of c (not id: the planner picks the id column). */
void csvimport_guess_role(struct csvimport_column *c)
{
	c->type = csvimport_guess_type(c);
	if (c->values == 0) {
		c->role = SURVEY_ROLE_IGNORE;
		c->reason = "no values";
	} else if (c->personal && !c->keep) {
		c->role = SURVEY_ROLE_IGNORE;
		c->reason = "personal data";
	} else if (csvimport_guess_likert(c, false)) {
		c->role = SURVEY_ROLE_LIKERT;
		c->type = SURVEY_TYPE_INTEGER;
		c->reason = ((struct csvimport_stats *)c->stats)->likert == CSVIMPORT_LIKERT_NUMBER
		                    ? "few small whole numbers"
		                    : "labels of a scale";
	} else if (csvimport_looks_like_text(c)) {
		c->role = SURVEY_ROLE_TEXT;
		c->type = SURVEY_TYPE_TEXT;
		c->reason = "long or varied text";
	} else {
		c->role = SURVEY_ROLE_ATTRIBUTE;
		c->reason = c->type == SURVEY_TYPE_TEXT ? "categories" : "numbers";
	}
}
