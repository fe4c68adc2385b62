/* fuzz_filter.c - libFuzzer target: the :filter language. Each run parses
 * the text (filter_parse), describes it, resolves its names against the
 * demo project (choosing the first record when a name is had by several,
 * as the analyst would) and counts and searches the sources it keeps. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "filter.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Resolves spec on db and reads the sources it keeps. */
static void fuzz_filter_resolve(struct jaw_db *db, struct filter_spec *spec)
{
	struct source_filter f;
	char kind[16];
	jaw_err err;
	for (int tries = 0; tries <= FILTER_MAX; tries++) {
		int which = -1;
		memset(&f, 0, sizeof f);
		err_clear(&err);
		int rc = filter_resolve(db, spec, &f, kind, &which, &err);
		if (rc == FILTER_AMBIGUOUS) {
			if (which < 0 || which >= spec->n)
				abort();
			filter_spec_choose(spec, which, 1, "the first");
			continue;
		}
		if (rc != JAW_OK) {
			if (!err.msg[0])
				abort();
			return;
		}
		break;
	}
	err_clear(&err);
	model_source_count_filtered(db, &f, &err);
	err_clear(&err);
	model_source_search(db, &f, "the", -1, MODEL_FORWARD, &err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_init();
	char *text = fuzz_cstr_new(data, size);
	struct filter_spec spec;
	memset(&spec, 0, sizeof spec);
	jaw_err err;
	err_clear(&err);
	if (filter_parse(text, &spec, &err) == JAW_OK) {
		if (spec.n < 0 || spec.n > FILTER_MAX)
			abort();
		char *described = filter_spec_describe_new(&spec);
		for (int i = 0; i < spec.n; i++)
			filter_key_kind(spec.keys[i]);
		fuzz_filter_resolve(fuzz_project_get(true), &spec);
		free(described);
	} else if (!err.msg[0]) {
		abort();
	}
	filter_spec_clear(&spec);
	free(text);
	return 0;
}
