/* fuzz_qdpx.c - libFuzzer target: the REFI-QDA project importer on a
 * project built in memory. The input is project.qde, then up to four
 * source texts, each after a line "%%": they become the zip's entries
 * Sources/s1.txt ... Sources/s4.txt (a project.qde reaches them as
 * plainTextPath="internal://s1.txt", or "s1.txt"), in a zip made in
 * memory with libzip (never written to a file). It is imported into the demo
 * project as jaw import-qdpx imports a file (refi_import_qdpx_zip: the
 * codebook, the texts normalised, each coding moved onto the stored
 * text), in a transaction rolled back afterwards. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "fuzz_util.h"
#include "refi.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { FUZZ_QDPX_SOURCES = 4 };

static const char fuzz_qdpx_sep[] = "\n%%\n";

/* Adds data[0..len) to z as name, stored (not compressed). */
static void fuzz_qdpx_add(zip_t *z, const char *name, const uint8_t *data, size_t len)
{
	zip_source_t *src = zip_source_buffer(z, data, len, 0);
	zip_int64_t i = src ? zip_file_add(z, name, src, ZIP_FL_OVERWRITE) : -1;
	if (i < 0) {
		zip_source_free(src);
		abort();
	}
	zip_set_file_compression(z, (zip_uint64_t)i, ZIP_CM_STORE, 0);
}

/* A zip in memory holding the parts of data, written and opened again
 * to be read (libzip reads no entry added since the zip was opened). */
static zip_t *fuzz_qdpx_zip(const uint8_t *data, size_t size)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *mem = zip_source_buffer_create(NULL, 0, 0, &ze);
	if (!mem)
		abort();
	zip_source_keep(mem); /* for reading it back after zip_close */
	zip_t *z = zip_open_from_source(mem, ZIP_TRUNCATE, &ze);
	if (!z)
		abort();
	const uint8_t *p = data, *end = data + size;
	for (int i = 0; i <= FUZZ_QDPX_SOURCES && p <= end; i++) {
		const uint8_t *sep = i < FUZZ_QDPX_SOURCES
			? memmem(p, (size_t)(end - p), fuzz_qdpx_sep, sizeof fuzz_qdpx_sep - 1) : NULL;
		const uint8_t *stop = sep ? sep : end;
		char name[32];
		snprintf(name, sizeof name, i == 0 ? "project.qde" : "Sources/s%d.txt", i);
		fuzz_qdpx_add(z, name, p, (size_t)(stop - p));
		if (!sep)
			break;
		p = sep + sizeof fuzz_qdpx_sep - 1;
	}
	if (zip_close(z) != 0)
		abort();
	zip_t *r = zip_open_from_source(mem, ZIP_RDONLY, &ze);
	if (!r)
		abort();
	zip_error_fini(&ze);
	return r;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_init();
	zip_t *z = fuzz_qdpx_zip(data, size);
	struct jaw_db *db = fuzz_project_get(true);
	jaw_err err;
	err_clear(&err);
	if (db_begin(db, &err) != JAW_OK)
		abort();
	struct refi_import_result res;
	int rc = refi_import_qdpx_zip(db, "fuzz", "fuzz.qdpx", z, &res, &err);
	if (rc != JAW_OK && !err.msg[0])
		abort(); /* a refusal says why */
	db_rollback(db);
	zip_discard(z);
	return 0;
}
