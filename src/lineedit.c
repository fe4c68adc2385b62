/* lineedit.c - a one-line editor with readline-style keys. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "lineedit.h"
#include "utf8.h"
#include "xalloc.h"

#define CTRL(c) ((c) - 'a' + 1)

void lineedit_init(struct lineedit *le, const char *text)
{
	memset(le, 0, sizeof *le);
	lineedit_set(le, text);
}

void lineedit_free(struct lineedit *le)
{
	free(le->buf);
	free(le->killed);
	memset(le, 0, sizeof *le);
}

static void lineedit_reserve(struct lineedit *le, size_t extra)
{
	if (le->len + extra + 1 <= le->cap)
		return;
	le->cap = (le->len + extra + 1) * 2;
	le->buf = xrealloc(le->buf, le->cap);
}

void lineedit_set(struct lineedit *le, const char *text)
{
	le->len = 0;
	lineedit_reserve(le, text ? strlen(text) : 0);
	if (text) {
		memcpy(le->buf, text, strlen(text));
		le->len = strlen(text);
	}
	le->buf[le->len] = '\0';
	le->cursor = le->len;
}

/* Offset of the cluster after off (a character with its marks, an emoji
 * sequence, a flag). */
static size_t lineedit_next(const struct lineedit *le, size_t off)
{
	return utf8_cluster_next(le->buf, le->len, off);
}

/* Offset of the cluster before off. */
static size_t lineedit_prev(const struct lineedit *le, size_t off)
{
	return utf8_cluster_prev(le->buf, le->len, off);
}

static void lineedit_insert(struct lineedit *le, const char *s, size_t n)
{
	lineedit_reserve(le, n);
	memmove(le->buf + le->cursor + n, le->buf + le->cursor, le->len - le->cursor + 1);
	memcpy(le->buf + le->cursor, s, n);
	le->len += n;
	le->cursor += n;
}

/* Removes [from, to); keeps it for Ctrl-Y when kill is true. */
static void lineedit_delete(struct lineedit *le, size_t from, size_t to, bool kill)
{
	if (to <= from)
		return;
	if (kill) {
		free(le->killed);
		le->killed = xstrndup(le->buf + from, to - from);
	}
	memmove(le->buf + from, le->buf + to, le->len - to + 1);
	le->len -= to - from;
	le->cursor = from;
}

static bool lineedit_is_space(const struct lineedit *le, size_t off)
{
	return le->buf[off] == ' ' || le->buf[off] == '\t';
}

/* Start of the word before the cursor (Ctrl-W). */
static size_t lineedit_word_start(const struct lineedit *le)
{
	size_t p = le->cursor;
	while (p > 0 && lineedit_is_space(le, lineedit_prev(le, p)))
		p = lineedit_prev(le, p);
	while (p > 0 && !lineedit_is_space(le, lineedit_prev(le, p)))
		p = lineedit_prev(le, p);
	return p;
}

static bool lineedit_move_key(struct lineedit *le, int key)
{
	switch (key) {
	case CTRL('a'): case KEYS_HOME: le->cursor = 0; return true;
	case CTRL('e'): case KEYS_END: le->cursor = le->len; return true;
	case CTRL('b'): case KEYS_LEFT: le->cursor = lineedit_prev(le, le->cursor); return true;
	case CTRL('f'): case KEYS_RIGHT: le->cursor = lineedit_next(le, le->cursor); return true;
	default: return false;
	}
}

bool lineedit_key(struct lineedit *le, int key)
{
	if (lineedit_move_key(le, key))
		return true;
	switch (key) {
	case KEYS_BACKSPACE: case CTRL('h'):
		lineedit_delete(le, lineedit_prev(le, le->cursor), le->cursor, false);
		return true;
	case CTRL('d'): case KEYS_DELETE:
		lineedit_delete(le, le->cursor, lineedit_next(le, le->cursor), false);
		return true;
	case CTRL('k'): lineedit_delete(le, le->cursor, le->len, true); return true;
	case CTRL('u'): lineedit_delete(le, 0, le->cursor, true); return true;
	case CTRL('w'): lineedit_delete(le, lineedit_word_start(le), le->cursor, true); return true;
	case CTRL('y'):
		if (le->killed)
			lineedit_insert(le, le->killed, strlen(le->killed));
		return true;
	default:
		break;
	}
	if (key < 0x20 || key >= KEYS_SPECIAL || (key >= 0x7F && key < 0xA0))
		return false;
	char buf[4];
	int n = utf8_encode((uint32_t)key, buf);
	if (n > 0)
		lineedit_insert(le, buf, (size_t)n);
	return n > 0;
}

int lineedit_cursor_col(const struct lineedit *le)
{
	char *before = xstrndup(le->buf, le->cursor);
	int w = utf8_width(before);
	free(before);
	return w;
}
