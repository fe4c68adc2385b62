/* jawrc.c - parsing jawrc. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "embedded.h"
#include "jawrc.h"
#include "keys.h"
#include "xalloc.h"

struct jawrc_binding {
	enum jawrc_keymap map;
	int key;
	enum action action;
};

struct jawrc {
	struct jawrc_binding *bindings;
	size_t nbindings, cap;
};

static const char *const jawrc_keymap_names[JAWRC_KEYMAP_COUNT] = {
	"generic", "timeline", "stakeholders", "evidence",
};

const char *jawrc_keymap_name(enum jawrc_keymap map)
{
	return map < JAWRC_KEYMAP_COUNT ? jawrc_keymap_names[map] : "";
}

struct jawrc *jawrc_new(void)
{
	return xcalloc(1, sizeof(struct jawrc));
}

void jawrc_free(struct jawrc *cfg)
{
	if (!cfg)
		return;
	free(cfg->bindings);
	free(cfg);
}

static struct jawrc_binding *jawrc_find(struct jawrc *cfg, enum jawrc_keymap map, int key)
{
	for (size_t i = 0; i < cfg->nbindings; i++)
		if (cfg->bindings[i].map == map && cfg->bindings[i].key == key)
			return &cfg->bindings[i];
	return NULL;
}

static void jawrc_bind(struct jawrc *cfg, enum jawrc_keymap map, int key, enum action a)
{
	struct jawrc_binding *b = jawrc_find(cfg, map, key);
	if (!b) {
		if (cfg->nbindings == cfg->cap) {
			cfg->cap = cfg->cap ? cfg->cap * 2 : 64;
			cfg->bindings = xreallocarray(cfg->bindings, cfg->cap, sizeof *cfg->bindings);
		}
		b = &cfg->bindings[cfg->nbindings++];
		b->map = map;
		b->key = key;
	}
	b->action = a;
}

enum action jawrc_lookup(const struct jawrc *cfg, enum jawrc_keymap map, int key)
{
	const struct jawrc_binding *generic = NULL;
	for (size_t i = 0; i < cfg->nbindings; i++) {
		const struct jawrc_binding *b = &cfg->bindings[i];
		if (b->key != key)
			continue;
		if (b->map == map && map != JAWRC_GENERIC)
			return b->action;
		if (b->map == JAWRC_GENERIC)
			generic = b;
	}
	return generic ? generic->action : ACTION_NONE;
}

/* Appends the names of keys bound to action in map to out; only keys that
 * are in effect in view are listed. */
static int jawrc_append_keys(const struct jawrc *rc, enum jawrc_keymap map,
                             enum jawrc_keymap view, enum action action, char *out,
                             size_t size, int n)
{
	for (size_t i = 0; i < rc->nbindings; i++) {
		const struct jawrc_binding *b = &rc->bindings[i];
		if (b->map != map || b->action != action || jawrc_lookup(rc, view, b->key) != action)
			continue;
		char name[32];
		size_t used = strlen(out);
		keys_name(b->key, name, sizeof name);
		snprintf(out + used, size - used, "%s%s", n ? ", " : "", name);
		n++;
	}
	return n;
}

int jawrc_keys_for(const struct jawrc *rc, enum jawrc_keymap map, enum action action,
                   char *out, size_t size)
{
	out[0] = '\0';
	return jawrc_append_keys(rc, map, map, action, out, size, 0);
}

int jawrc_keys_effective(const struct jawrc *rc, enum jawrc_keymap view, enum action action,
                         char *out, size_t size)
{
	out[0] = '\0';
	int n = 0;
	if (view != JAWRC_GENERIC)
		n = jawrc_append_keys(rc, view, view, action, out, size, n);
	return jawrc_append_keys(rc, JAWRC_GENERIC, view, action, out, size, n);
}

/* Splits line into at most max whitespace-separated words (in place). */
static int jawrc_words(char *line, char **words, int max)
{
	int n = 0;
	char *p = line;
	while (n < max) {
		while (isspace((unsigned char)*p))
			p++;
		if (!*p)
			break;
		words[n++] = p;
		while (*p && !isspace((unsigned char)*p))
			p++;
		if (*p)
			*p++ = '\0';
	}
	while (isspace((unsigned char)*p))
		p++;
	return *p ? max + 1 : n;
}

static int jawrc_keymap_from_name(const char *name)
{
	for (int i = 0; i < JAWRC_KEYMAP_COUNT; i++)
		if (strcmp(jawrc_keymap_names[i], name) == 0)
			return i;
	return -1;
}

/* Applies one "bind"/"unbind" line; returns JAW_OK or sets err. */
static int jawrc_line_bind(struct jawrc *cfg, char **w, int n, jaw_err *err)
{
	bool bind = strcmp(w[0], "bind") == 0;
	if (n != (bind ? 4 : 3))
		return err_set(err, JAW_FAIL, bind ? "expected: bind KEYMAP KEY ACTION"
		                                   : "expected: unbind KEYMAP KEY");
	int map = jawrc_keymap_from_name(w[1]);
	if (map < 0)
		return err_set(err, JAW_FAIL,
		               "no keymap \"%s\" (generic, timeline, stakeholders, evidence)", w[1]);
	int key = keys_parse(w[2]);
	if (key < 0)
		return err_set(err, JAW_FAIL, "\"%s\" is not a key name (e.g. q, <C-l>, <PgDn>)",
		               w[2]);
	enum action a = ACTION_NONE;
	if (bind) {
		a = action_from_name(w[3]);
		if (a == ACTION_NONE)
			return err_set(err, JAW_FAIL, "no action \"%s\" (see jaw(1) for the list)", w[3]);
	}
	jawrc_bind(cfg, (enum jawrc_keymap)map, key, a);
	return JAW_OK;
}

static int jawrc_line(struct jawrc *cfg, char *line, jaw_err *err)
{
	char *w[6];
	int n = jawrc_words(line, w, 5);
	if (n == 0 || w[0][0] == '#')
		return JAW_OK;
	if (n > 5)
		return err_set(err, JAW_FAIL, "too many words");
	if (strcmp(w[0], "bind") == 0 || strcmp(w[0], "unbind") == 0)
		return jawrc_line_bind(cfg, w, n, err);
	return err_set(err, JAW_FAIL, "unknown command \"%s\" (bind, unbind)", w[0]);
}

int jawrc_parse(struct jawrc *cfg, const char *file, const char *text,
                 jawrc_report_fn report, void *ctx)
{
	int bad = 0, lineno = 0;
	const char *p = text;
	while (*p) {
		const char *eol = strchr(p, '\n');
		size_t len = eol ? (size_t)(eol - p) : strlen(p);
		char *line = xstrndup(p, len);
		jaw_err err;
		err_clear(&err);
		lineno++;
		if (jawrc_line(cfg, line, &err) != JAW_OK) {
			char msg[sizeof err.msg + 256];
			snprintf(msg, sizeof msg, "%s line %d: %s", file, lineno, err.msg);
			if (report)
				report(ctx, msg);
			bad++;
		}
		free(line);
		p += len + (eol != NULL);
	}
	return bad;
}

int jawrc_load_defaults(struct jawrc *cfg, jawrc_report_fn report, void *ctx)
{
	const struct embedded_file *f = embedded_find("jawrc");
	return f ? jawrc_parse(cfg, "(built-in jawrc)", (const char *)f->data, report, ctx) : 1;
}

int jawrc_load_file(struct jawrc *cfg, const char *path, jawrc_report_fn report, void *ctx)
{
	FILE *fp = fopen(path, "r");
	if (!fp) {
		if (errno == ENOENT)
			return 0;
		if (report) {
			char msg[512];
			snprintf(msg, sizeof msg, "%s: %s", path, strerror(errno));
			report(ctx, msg);
		}
		return -1;
	}
	char *text = NULL;
	size_t len = 0, cap = 0, n;
	char buf[4096];
	while ((n = fread(buf, 1, sizeof buf, fp)) > 0) {
		if (len + n + 1 > cap) {
			cap = (len + n + 1) * 2;
			text = xrealloc(text, cap);
		}
		memcpy(text + len, buf, n);
		len += n;
	}
	fclose(fp);
	text = xrealloc(text, len + 1);
	text[len] = '\0';
	int bad = jawrc_parse(cfg, path, text, report, ctx);
	free(text);
	return bad;
}

char *jawrc_user_path_new(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	if (xdg && *xdg == '/')
		return xasprintf("%s/jaw/jawrc", xdg);
	const char *home = getenv("HOME");
	return xasprintf("%s/.config/jaw/jawrc", home ? home : ".");
}
