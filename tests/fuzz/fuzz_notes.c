/* fuzz_notes.c - libFuzzer target: the note importer on texts in memory.
 * The first byte chooses the encoding, the kind and whether a note comes
 * through a descriptor; the rest is one to four notes separated by a line
 * "%%". Each run adds them to a batch (notes_batch_add_buffer, or _fd on
 * a file in memory), then stores the batch in a project in a transaction
 * rolled back afterwards. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz_util.h"
#include "notes.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { FUZZ_NOTES_MAX = 4 };

static const char fuzz_notes_sep[] = "\n%%\n";

/* Adds note i, data[0..len), to b; a refusal must say why. */
static void fuzz_notes_add(struct notes_batch *b, int i, const uint8_t *data, size_t len,
                           bool by_fd)
{
	char name[32];
	snprintf(name, sizeof name, "note-%d.txt", i);
	jaw_err err;
	err_clear(&err);
	int rc;
	int fd = by_fd ? fuzz_memfd(data, len) : -1;
	if (fd >= 0) {
		rc = notes_batch_add_fd(b, name, fd, &err);
		close(fd);
	} else {
		rc = notes_batch_add_buffer(b, name, (const char *)data, len, &err);
	}
	if (rc != JAW_OK && !err.msg[0])
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const encodings[] = {NULL, NULL, "latin1", "UTF-16"};
	static const char *const kinds[] = {NULL, "interview", "observation", "document"};
	if (size < 1)
		return 0;
	fuzz_init();
	uint8_t ctl = data[0];
	struct notes_options opts = {.kind = kinds[(ctl >> 2) & 3], .encoding = encodings[ctl & 3],
	                             .date = (ctl & 0x20) ? "2024-02-29" : NULL};
	struct notes_batch *b = notes_batch_new(&opts);
	const uint8_t *p = data + 1, *end = data + size;
	for (int i = 0; i < FUZZ_NOTES_MAX && p <= end; i++) {
		const uint8_t *sep = i + 1 < FUZZ_NOTES_MAX
			? memmem(p, (size_t)(end - p), fuzz_notes_sep, sizeof fuzz_notes_sep - 1) : NULL;
		const uint8_t *stop = sep ? sep : end;
		fuzz_notes_add(b, i, p, (size_t)(stop - p), (ctl & 0x10) && i == 0);
		if (!sep)
			break;
		p = sep + sizeof fuzz_notes_sep - 1;
	}
	for (size_t i = 0; i < notes_batch_count(b); i++) {
		const struct notes_item *it = notes_batch_item(b, i);
		char *title = notes_title_new(it->text, it->name);
		if (strcmp(title, it->title) != 0)
			abort();
		free(title);
	}
	if (notes_batch_count(b) > 0) {
		struct jaw_db *db = fuzz_project_get(false);
		jaw_err err;
		err_clear(&err);
		if (db_begin(db, &err) != JAW_OK)
			abort();
		if (notes_batch_store(db, "fuzz", b, &err) != JAW_OK && !err.msg[0])
			abort();
		db_rollback(db);
	}
	notes_batch_free(b);
	return 0;
}
