/* keys.c - key names. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "keys.h"
#include "utf8.h"

static const struct {
	const char *name;
	int key;
} keys_named[] = {
	{"Tab", '\t'}, {"S-Tab", KEYS_BACKTAB}, {"Enter", '\n'}, {"Esc", 27},
	{"Space", ' '}, {"Down", KEYS_DOWN}, {"Up", KEYS_UP}, {"Left", KEYS_LEFT},
	{"Right", KEYS_RIGHT}, {"PgDn", KEYS_PGDN}, {"PgUp", KEYS_PGUP}, {"Home", KEYS_HOME},
	{"End", KEYS_END}, {"Backspace", KEYS_BACKSPACE}, {"Del", KEYS_DELETE},
	{"Ins", KEYS_INSERT}, {"Lt", '<'},
};

int keys_parse(const char *name)
{
	size_t len = strlen(name);
	uint32_t cp;
	if (len > 0 && (size_t)utf8_decode(name, len, &cp) == len)
		return cp >= 0x20 && !(cp >= 0x7F && cp < 0xA0) ? (int)cp : -1;
	if (len < 3 || name[0] != '<' || name[len - 1] != '>')
		return -1;
	char inner[16];
	if (len - 2 >= sizeof inner)
		return -1;
	memcpy(inner, name + 1, len - 2);
	inner[len - 2] = '\0';
	for (size_t i = 0; i < sizeof keys_named / sizeof *keys_named; i++)
		if (strcasecmp(inner, keys_named[i].name) == 0)
			return keys_named[i].key;
	if ((inner[0] == 'C' || inner[0] == 'c') && inner[1] == '-' && inner[2] && !inner[3]) {
		char c = inner[2];
		if (c >= 'a' && c <= 'z')
			return c - 'a' + 1;
		if (c >= 'A' && c <= 'Z')
			return c - 'A' + 1;
		return -1;
	}
	if ((inner[0] == 'F' || inner[0] == 'f') && inner[1]) {
		int n = 0;
		for (const char *p = inner + 1; *p; p++) {
			if (*p < '0' || *p > '9')
				return -1;
			n = n * 10 + (*p - '0');
		}
		return n >= 1 && n <= 12 ? KEYS_F1 + n - 1 : -1;
	}
	return -1;
}

void keys_name(int key, char *out, size_t size)
{
	for (size_t i = 0; i < sizeof keys_named / sizeof *keys_named; i++) {
		if (keys_named[i].key == key) {
			snprintf(out, size, "<%s>", keys_named[i].name);
			return;
		}
	}
	if (key >= KEYS_F1 && key <= KEYS_F12) {
		snprintf(out, size, "<F%d>", key - KEYS_F1 + 1);
	} else if (key >= 1 && key <= 26) {
		snprintf(out, size, "<C-%c>", 'a' + key - 1);
	} else if (key > ' ' && key < KEYS_SPECIAL) {
		char buf[5] = {0};
		int n = utf8_encode((uint32_t)key, buf);
		snprintf(out, size, "%.*s", n, buf);
	} else {
		snprintf(out, size, "<%#x>", (unsigned)key);
	}
}
