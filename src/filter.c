/* filter.c - the :filter language (see filter.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "filter.h"
#include "kinds.h"
#include "xalloc.h"


int filter_key_kind(const char *key)
{
	if (strcmp(key, "stakeholder") == 0)
		return MODEL_NAME_STAKEHOLDER;
	if (strcmp(key, "event") == 0)
		return MODEL_NAME_EVENT;
	if (strcmp(key, "code") == 0)
		return MODEL_NAME_CODE;
	return -1;
}

void filter_spec_clear(struct filter_spec *spec)
{
	for (int i = 0; i < spec->n; i++) {
		free(spec->keys[i]);
		free(spec->values[i]);
		free(spec->labels[i]);
	}
	memset(spec, 0, sizeof *spec);
}

/* Reads one "key=value" word from *p; returns JAW_OK and advances *p. */
static int filter_word(const char **p, bool any_key, struct filter_spec *spec, jaw_err *err)
{
	const char *s = *p;
	size_t klen = strcspn(s, "= ");
	char *key = xstrndup(s, klen);
	int rc = JAW_OK;
	if (!klen)
		rc = err_set(err, JAW_FAIL, "filter: write KEY=VALUE");
	else if (!any_key && strcmp(key, "kind") != 0 && filter_key_kind(key) < 0)
		rc = err_set(err, JAW_FAIL, "filter: no key \"%.60s\" (kind, stakeholder, event, code)",
		             key);
	else if (s[klen] != '=' || s[klen + 1] == ' ' || !s[klen + 1])
		rc = err_set(err, JAW_FAIL, "filter: write %s=VALUE", key);
	else if (spec->n == FILTER_MAX)
		rc = err_set(err, JAW_FAIL, "filter: at most %d conditions", FILTER_MAX);
	if (rc != JAW_OK) {
		free(key);
		return rc;
	}
	s += klen + 1;
	char *value;
	if (*s == '"') {
		const char *end = strchr(s + 1, '"');
		if (!end) {
			err_set(err, JAW_FAIL, "filter: the quote after %s= is not closed", key);
			free(key);
			return JAW_FAIL;
		}
		value = xstrndup(s + 1, (size_t)(end - s - 1));
		s = end + 1;
	} else {
		size_t vlen = strcspn(s, " ");
		value = xstrndup(s, vlen);
		s += vlen;
	}
	spec->keys[spec->n] = key;
	spec->values[spec->n++] = value;
	*p = s;
	return JAW_OK;
}

/* Parses text into spec, taking only the keys of the evidence list unless
 * any_key. */
static int filter_parse_keys(const char *text, bool any_key, struct filter_spec *spec,
                             jaw_err *err)
{
	memset(spec, 0, sizeof *spec);
	const char *p = text;
	for (;;) {
		while (*p == ' ')
			p++;
		if (!*p)
			return JAW_OK;
		if (filter_word(&p, any_key, spec, err) != JAW_OK) {
			filter_spec_clear(spec);
			return JAW_FAIL;
		}
	}
}

int filter_parse(const char *text, struct filter_spec *spec, jaw_err *err)
{
	return filter_parse_keys(text, false, spec, err);
}

int filter_parse_any(const char *text, struct filter_spec *spec, jaw_err *err)
{
	return filter_parse_keys(text, true, spec, err);
}

/* The id of "#ID", or 0 if value is not one. */
static int64_t filter_hash_id(const char *value)
{
	if (value[0] != '#' || !value[1] || strspn(value + 1, "0123456789") != strlen(value + 1))
		return 0;
	return strtoll(value + 1, NULL, 10);
}

/* Resolves a name of kind; FILTER_AMBIGUOUS if several records have it. */
static int filter_name(struct jaw_db *db, int kind, const char *key, const char *value,
                       int64_t *id, jaw_err *err)
{
	*id = filter_hash_id(value);
	if (*id > 0)
		return JAW_OK;
	struct model_name_match m;
	int n = 0;
	int64_t total = model_name_matches(db, (enum model_name_kind)kind, value, 1, &m, &n, err);
	if (n > 0) {
		*id = m.id;
		model_name_match_clear(&m);
	}
	if (total < 0)
		return JAW_FAIL;
	if (total == 0)
		return err_set(err, JAW_FAIL, "filter: no %s called \"%s\"", key, value);
	return total > 1 ? FILTER_AMBIGUOUS : JAW_OK;
}

int filter_resolve(struct jaw_db *db, const struct filter_spec *spec, struct source_filter *f,
                   char *kind_buf, int *which, jaw_err *err)
{
	memset(f, 0, sizeof *f);
	for (int i = 0; i < spec->n; i++) {
		const char *key = spec->keys[i], *value = spec->values[i];
		int kind = filter_key_kind(key);
		if (kind < 0) {
			if (strcmp(value, "survey_answer") == 0)
				return err_set(err, JAW_FAIL, "filter: survey answers are listed by question"
				               " in the survey view (U)");
			if (!model_one_of(value, kinds_note_kind))
				return err_set(err, JAW_FAIL,
				               "filter: kind is interview, observation or document");
			snprintf(kind_buf, 16, "%s", value);
			f->kind = kind_buf;
			continue;
		}
		int64_t id;
		int rc = filter_name(db, kind, key, value, &id, err);
		if (rc != JAW_OK) {
			*which = i;
			return rc;
		}
		if (kind == MODEL_NAME_STAKEHOLDER)
			f->stakeholder_id = id;
		else if (kind == MODEL_NAME_EVENT)
			f->timeline_item_id = id;
		else
			f->code_id = id;
	}
	return JAW_OK;
}

void filter_spec_choose(struct filter_spec *spec, int i, int64_t id, const char *label)
{
	free(spec->values[i]);
	free(spec->labels[i]);
	spec->values[i] = xasprintf("#%lld", (long long)id);
	spec->labels[i] = xstrdup(label);
}

char *filter_spec_describe_new(const struct filter_spec *spec)
{
	size_t cap = 1, len = 0;
	for (int i = 0; i < spec->n; i++)
		cap += strlen(spec->keys[i]) + strlen(spec->labels[i] ? spec->labels[i]
		                                                        : spec->values[i]) + 5;
	char *out = xmalloc(cap);
	out[0] = '\0';
	for (int i = 0; i < spec->n; i++) {
		const char *v = spec->labels[i] ? spec->labels[i] : spec->values[i];
		bool quote = strchr(v, ' ') != NULL;
		len += (size_t)snprintf(out + len, cap - len, "%s%s=%s%s%s", i ? " " : "",
		                        spec->keys[i], quote ? "\"" : "", v, quote ? "\"" : "");
	}
	return out;
}
