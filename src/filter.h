/* filter.h - the :filter language: "key=value" words (a value with spaces
 * in double quotes) that choose sources by kind, stakeholder, event and
 * code. A name is looked up exactly, else ignoring case and accents; "#ID"
 * names a record by its id (what
 * the interface writes once the analyst chose among records of the same
 * name). Shared by the evidence list and the views to come. */
#ifndef JAW_FILTER_H
#define JAW_FILTER_H

#include "db.h"
#include "err.h"
#include "model.h"

enum { FILTER_MAX = 8 };

/* What filter_resolve returns when a name is had by several records. */
enum { FILTER_AMBIGUOUS = 16 };

/* A filter line, parsed. */
struct filter_spec {
	int n;
	char *keys[FILTER_MAX];
	char *values[FILTER_MAX];
	char *labels[FILTER_MAX]; /* how a "#ID" value is shown (NULL: the value) */
};

/* Parses text into spec (clear it after); err names what is wrong
 * ("filter: write stakeholder=VALUE", "filter: the quote after event= is
 * not closed", "filter: no key \"colour\" (kind, stakeholder, event, code)"). */
int filter_parse(const char *text, struct filter_spec *spec, jaw_err *err);
/* Like filter_parse, taking any key (the analysis view's filters take
 * coder=, from=, to= and survey attributes besides): the caller checks the
 * keys. */
int filter_parse_any(const char *text, struct filter_spec *spec, jaw_err *err);
/* Frees what spec holds. */
void filter_spec_clear(struct filter_spec *spec);
/* The kind of record the value of key names (-1 for kind=). */
int filter_key_kind(const char *key);
/* Resolves spec into f (f->kind points into kind_buf, 16 bytes): JAW_OK;
 * JAW_FAIL with err; or FILTER_AMBIGUOUS with *which the pair whose name
 * several records have. */
int filter_resolve(struct jaw_db *db, const struct filter_spec *spec, struct source_filter *f,
                   char *kind_buf, int *which, jaw_err *err);
/* Sets pair i to record id, shown as label. */
void filter_spec_choose(struct filter_spec *spec, int i, int64_t id, const char *label);
/* The spec as the analyst reads it ("kind=interview stakeholder=\"Ana
 * Ruiz (person in ...)\""), newly allocated. */
char *filter_spec_describe_new(const struct filter_spec *spec);

#endif
