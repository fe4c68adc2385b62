/* fuzz_csv.c - libFuzzer target: the survey importer on a CSV text in
 * memory. The first byte chooses the options (delimiter, quoting, strict,
 * encoding, heading rows); the rest is the file. Each run reads it with
 * csvread, plans it (csvimport_plan_source_new), changes a column's role
 * as the preview would, and imports it into a project in a transaction
 * rolled back afterwards (so every run sees the same empty project). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "csvimport.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Every field is as long as its length says, and NUL-terminated. */
static int fuzz_csv_row(void *ctx, const struct csvread_row *row, jaw_err *err)
{
	size_t *bytes = ctx;
	if (row->nfields < 0 || row->nfields > CSVREAD_MAX_FIELDS || row->end_line < row->line)
		abort();
	for (int i = 0; i < row->nfields; i++) {
		if (row->fields[i][row->lens[i]] != '\0')
			abort();
		*bytes += row->lens[i];
		csvread_blank(row->fields[i], row->lens[i]);
	}
	return JAW_OK;
}

static void fuzz_csv_options(uint8_t b, struct csvimport_options *o)
{
	static const char delimiters[] = {0, ',', ';', '\t'};
	static const char *const encodings[] = {NULL, NULL, NULL, "latin1"};
	memset(o, 0, sizeof *o);
	o->name = (b & 0x80) ? "fuzz" : NULL;
	o->delimiter = delimiters[b & 3];
	o->quote = (enum csvread_quote)((b >> 2) % 3);
	o->strict = (b >> 4) & 1;
	o->encoding = encodings[(b >> 5) & 3];
	o->header_rows = (b & 0x40) ? 2 : 0;
	o->check_ids = true;
}

/* Gives the last column the role the control byte names, as the preview's
 * role key would; a refusal is fine, it must only say why. */
static void fuzz_csv_set_role(struct csvimport_plan *plan, uint8_t b)
{
	if (plan->ncolumns == 0)
		return;
	jaw_err err;
	err_clear(&err);
	enum survey_role role = (enum survey_role)(b % SURVEY_ROLE_COUNT);
	if (csvimport_plan_set_role(plan, plan->ncolumns, role, &err) != JAW_OK && !err.msg[0])
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	fuzz_init();
	struct csvimport_options opt;
	fuzz_csv_options(data[0], &opt);
	struct csvread_source src = csvread_buffer(data + 1, size - 1, "fuzz.csv");

	struct csvread_options ro = {.encoding = opt.encoding, .delimiter = opt.delimiter,
	                             .quote = opt.quote, .strict = opt.strict};
	struct csvread_info info;
	jaw_err err;
	err_clear(&err);
	size_t bytes = 0;
	if (csvread(&src, &ro, fuzz_csv_row, &bytes, &info, &err) != JAW_OK && !err.msg[0])
		abort();

	err_clear(&err);
	struct csvimport_plan *plan = csvimport_plan_source_new(&src, &opt, &err);
	if (!plan) {
		if (!err.msg[0])
			abort();
		return 0;
	}
	int counts[SURVEY_ROLE_COUNT];
	csvimport_plan_role_counts(plan, counts);
	char mapping[512];
	for (int i = 0; i < plan->ncolumns; i++)
		csvimport_column_mapping(&plan->columns[i], mapping, sizeof mapping);
	fuzz_csv_set_role(plan, data[0]);

	struct jaw_db *db = fuzz_project_get(false);
	err_clear(&err);
	if (db_begin(db, &err) != JAW_OK)
		abort();
	struct csvimport_result res;
	if (csvimport_run(db, plan, &opt, &res, &err) != JAW_OK && !err.msg[0])
		abort();
	db_rollback(db);
	csvimport_plan_free(plan);
	return 0;
}
