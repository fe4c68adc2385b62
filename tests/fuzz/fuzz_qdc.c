/* fuzz_qdc.c - libFuzzer target: the REFI-QDA codebook importer on a
 * document in memory. The first byte chooses how the document is fed to
 * the parser (in pieces of 1 to 255 bytes, or whole when it is 0, so that
 * elements, attributes and characters are cut at every place); the rest
 * is the .qdc document. What parses is stored into the demo project as
 * jaw import-qdc stores it (refi_store_codes in a journaled change), in a
 * transaction rolled back afterwards. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"
#include "journal.h"
#include "refi.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Parses doc[0..len) in pieces of step bytes (0: whole); a refusal must
 * say why. */
static struct refi_reader *fuzz_qdc_parse(const char *doc, size_t len, size_t step)
{
	struct refi_reader *r = refi_reader_new(REFI_CODEBOOK, "fuzz.qdc");
	jaw_err err;
	err_clear(&err);
	int rc = JAW_OK;
	if (step == 0)
		step = len ? len : 1;
	for (size_t at = 0; rc == JAW_OK && at < len; at += step)
		rc = refi_reader_feed(r, doc + at, at + step < len ? step : len - at, false, &err);
	if (rc == JAW_OK)
		rc = refi_reader_feed(r, "", 0, true, &err);
	if (rc != JAW_OK) {
		if (!err.msg[0])
			abort();
		refi_reader_free(r);
		return NULL;
	}
	return r;
}

/* What refi_store_codes promises: an id for every code, each counted once. */
static void fuzz_qdc_store(const struct refi_doc *doc)
{
	struct jaw_db *db = fuzz_project_get(true);
	jaw_err err;
	err_clear(&err);
	if (db_begin(db, &err) != JAW_OK)
		abort();
	struct journal_tx *tx = journal_begin(db, "fuzz", "codebook-import", &err);
	if (!tx)
		abort();
	struct refi_codes_result res = {0};
	int rc = refi_store_codes(tx, "fuzz.qdc", doc, &res, &err);
	if (rc != JAW_OK && !err.msg[0])
		abort();
	if (rc == JAW_OK) {
		if (res.added + res.matched != doc->ncodes)
			abort();
		for (size_t i = 0; i < doc->ncodes; i++)
			if (res.ids[i] <= 0)
				abort();
	}
	journal_abort(tx);
	free(res.ids);
	db_rollback(db);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	fuzz_init();
	struct refi_reader *r = fuzz_qdc_parse((const char *)data + 1, size - 1, data[0]);
	if (!r)
		return 0;
	const struct refi_doc *doc = refi_reader_doc(r);
	for (size_t i = 0; i < doc->ncodes; i++)
		if (!doc->codes[i].name || !doc->codes[i].guid || doc->codes[i].parent > i)
			abort(); /* a parent comes before the codes below it */
	fuzz_qdc_store(doc);
	refi_reader_free(r);
	return 0;
}
