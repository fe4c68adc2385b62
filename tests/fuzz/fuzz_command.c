/* fuzz_command.c - libFuzzer target: what the core parses of the
 * interface's command line (the `:` prompt; the dispatcher itself is in
 * ui/command.c, which needs curses). Each run splits the line into a
 * command and its arguments as ui_command does and hands the arguments to
 * the core's parsers the command uses, on the demo project: every line to
 * jawrc_apply_line (:bind, :unbind, :color, :set), :filter to
 * filter_parse, :goto to date_parse or a timeline title, :search to
 * the searches of the lists and the codebook picker; the key of :bind and
 * :unbind is named back as keys_parse reads it. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "codebook.h"
#include "date.h"
#include "filter.h"
#include "fuzz_util.h"
#include "jawrc.h"
#include "keys.h"
#include "model.h"
#include "search.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct jawrc *fuzz_rc;

/* A status other than JAW_OK must come with a message. */
static void fuzz_command_said(int rc, const jaw_err *err)
{
	if (rc != JAW_OK && !err->msg[0])
		abort();
}

/* :goto DATE|today|TITLE */
static void fuzz_command_goto(struct jaw_db *db, const char *args)
{
	jaw_err err;
	err_clear(&err);
	struct date d;
	if (date_parse(args, &d, &err) == JAW_OK) {
		char iso[11];
		date_format(d, iso);
		if (strcmp(iso, args) != 0 || !date_valid(iso) || date_to_days(date_from_days(
		    date_to_days(d))) != date_to_days(d))
			abort();
		err_clear(&err);
		model_timeline_position_of_date(db, args, &err);
		return;
	}
	fuzz_command_said(JAW_FAIL, &err);
	enum { MAX = 50 };
	struct model_name_match m[MAX];
	int n = 0;
	err_clear(&err);
	model_name_matches(db, MODEL_NAME_EVENT, args, MAX, m, &n, &err);
	for (int i = 0; i < n; i++)
		model_name_match_clear(&m[i]);
	err_clear(&err);
	model_timeline_search(db, args, -1, MODEL_FORWARD, &err);
}

/* :filter WORDS */
static void fuzz_command_filter(struct jaw_db *db, const char *args)
{
	struct filter_spec spec;
	memset(&spec, 0, sizeof spec);
	jaw_err err;
	err_clear(&err);
	int rc = filter_parse(args, &spec, &err);
	fuzz_command_said(rc, &err);
	if (rc == JAW_OK) {
		struct source_filter f;
		char kind[16];
		int which = -1;
		err_clear(&err);
		filter_resolve(db, &spec, &f, kind, &which, &err);
		free(filter_spec_describe_new(&spec));
	}
	filter_spec_clear(&spec);
}

/* :search TEXT (and / in a list): the lists' searches and the full text. */
static void fuzz_command_search(struct jaw_db *db, const char *args)
{
	jaw_err err;
	err_clear(&err);
	free(search_fts_prefilter_new(args));
	search_has("Ana Ruiz (person in the brigade)", 32, args, strlen(args));
	model_source_search(db, NULL, args, -1, MODEL_BACKWARD, &err);
	err_clear(&err);
	model_stakeholder_search(db, args, -1, MODEL_FORWARD, &err);
	err_clear(&err);
	struct search_hit hits[3];
	int n = search_text_page(db, args, 0, 3, hits, &err);
	for (int i = 0; i < n; i++)
		search_hit_clear(&hits[i]);
	err_clear(&err);
	search_text_count(db, args, &err);
	struct codebook_match m[5];
	int64_t total = 0;
	err_clear(&err);
	n = codebook_filter_page(db, args, 0, 5, m, &total, &err);
	for (int i = 0; i < n; i++)
		codebook_match_clear(&m[i]);
	codebook_match_score("Protection of civilians", args);
}

/* :bind KEYMAP KEY ...: a key jawrc reads is named back as it reads it. */
static void fuzz_command_key(const char *args)
{
	const char *word = args + strcspn(args, " ");
	while (*word == ' ')
		word++;
	char key_name[64];
	size_t len = strcspn(word, " ");
	if (len >= sizeof key_name)
		return;
	memcpy(key_name, word, len);
	key_name[len] = '\0';
	int key = keys_parse(key_name);
	if (key >= 0) {
		char name[32];
		keys_name(key, name, sizeof name);
		if (keys_parse(name) != key)
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_init();
	struct jaw_db *db = fuzz_project_get(true);
	if (!fuzz_rc) {
		fuzz_rc = jawrc_new();
		jawrc_load_defaults(fuzz_rc, NULL, NULL);
	}
	char *text = fuzz_cstr_new(data, size);
	const char *line = text;
	while (*line == ' ' || *line == ':')
		line++;
	size_t n = strcspn(line, " ");
	const char *args = line + n;
	while (*args == ' ')
		args++;

	jaw_err err;
	err_clear(&err);
	fuzz_command_said(jawrc_apply_line(fuzz_rc, line, &err), &err);
	if (n == 4 && strncmp(line, "goto", n) == 0)
		fuzz_command_goto(db, args);
	else if (n == 6 && strncmp(line, "filter", n) == 0)
		fuzz_command_filter(db, args);
	else if (n == 6 && strncmp(line, "search", n) == 0)
		fuzz_command_search(db, args);
	else if ((n == 4 && strncmp(line, "bind", n) == 0) || (n == 6 && strncmp(line, "unbind", n) == 0))
		fuzz_command_key(args);
	free(text);
	return 0;
}
