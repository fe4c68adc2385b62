/* fuzz_jawrc.c - libFuzzer target: the jawrc language. Each run parses the
 * text after the compiled-in defaults (jawrc_parse), asks what the
 * interface asks of the result (keys, colours, options), and reads the
 * same bytes as a user's jawrc file from memory (jawrc_load_file on a
 * memfd: the size bound, NUL bytes and a byte order mark). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz_util.h"
#include "jawrc.h"
#include "keys.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A bad line's message must be a line of its own, naming the file. */
static void fuzz_jawrc_report(void *ctx, const char *message)
{
	const char *file = ctx;
	if (strncmp(message, file, strlen(file)) != 0 || strchr(message, '\n'))
		abort();
}

static void fuzz_jawrc_ask(const struct jawrc *rc)
{
	static const int keys[] = {'q', 'j', ':', 9, 10, 27, KEYS_DOWN, KEYS_F1 + 4, 0x263A};
	char out[256];
	for (int m = 0; m < JAWRC_KEYMAP_COUNT; m++) {
		for (size_t k = 0; k < sizeof keys / sizeof *keys; k++) {
			enum action a = jawrc_lookup(rc, (enum jawrc_keymap)m, keys[k]);
			jawrc_keys_for(rc, (enum jawrc_keymap)m, a, out, sizeof out);
			jawrc_keys_effective(rc, (enum jawrc_keymap)m, a, out, sizeof out);
		}
	}
	for (int r = 0; r < ROLE_COUNT; r++) {
		struct jawrc_colour c = jawrc_colour(rc, (enum jawrc_role)r);
		if (c.fg < -1 || c.fg > 255 || c.bg < -1 || c.bg > 255)
			abort();
	}
	jawrc_option(rc, "date-scale");
	jawrc_option(rc, "coder");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_init();
	char *text = fuzz_cstr_new(data, size);
	struct jawrc *rc = jawrc_new();
	jawrc_load_defaults(rc, NULL, NULL);
	jawrc_parse(rc, "fuzz.jawrc", text, fuzz_jawrc_report, "fuzz.jawrc");
	fuzz_jawrc_ask(rc);
	jawrc_free(rc);
	free(text);

	int fd = fuzz_memfd(data, size);
	if (fd >= 0) {
		char path[64];
		snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
		rc = jawrc_new();
		jawrc_load_file(rc, path, fuzz_jawrc_report, path);
		fuzz_jawrc_ask(rc);
		jawrc_free(rc);
		close(fd);
	}
	return 0;
}
