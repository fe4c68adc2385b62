/* jawrc.c - parsing jawrc. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/stat.h>

#include "embedded.h"
#include "jawrc.h"
#include "keys.h"
#include "xalloc.h"

struct jawrc_binding {
	enum jawrc_keymap map;
	int key;
	enum action action;
};

/* The `set` options and the values each allows (NULL: any non-empty text). */
static const struct {
	const char *name;
	const char *const *values;
} jawrc_options[] = {
	{"date-scale", (const char *const[]){"auto", "week", "month", NULL}},
	{"coder", NULL},
};
enum { JAWRC_NOPTIONS = sizeof jawrc_options / sizeof *jawrc_options };

struct jawrc {
	struct jawrc_binding *bindings;
	size_t nbindings, cap;
	struct jawrc_colour colours[ROLE_COUNT];
	char *options[JAWRC_NOPTIONS];
};

static const char *const jawrc_keymap_names[JAWRC_KEYMAP_COUNT] = {
	"generic",
#define VIEW(id, ident, place, key, help) #ident,
#include "views.def"
#undef VIEW
};

/* The default key of each view (bound to view-IDENT in the generic keymap). */
static const struct {
	const char *key, *action;
} jawrc_view_keys[] = {
#define VIEW(id, ident, place, key, help) {key, "view-" #ident},
#include "views.def"
#undef VIEW
};

static const char *const jawrc_role_names[ROLE_COUNT] = {
	"normal", "title", "status", "pane-title", "pane-title-focus", "header", "cursor",
	"cursor-unfocused", "error", "dim", "overdue", "today", "bar-phase", "bar-milestone",
	"bar-event", "quadrant", "selection", "coded", "changed", "lost",
};

static const char *const jawrc_colour_names[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

static const char *const jawrc_attr_names[] = {"bold", "underline", "reverse", "dim", "blink"};

const char *jawrc_role_name(enum jawrc_role role)
{
	return role < ROLE_COUNT ? jawrc_role_names[role] : "";
}

struct jawrc_colour jawrc_colour(const struct jawrc *rc, enum jawrc_role role)
{
	return rc->colours[role < ROLE_COUNT ? role : ROLE_NORMAL];
}

const char *jawrc_option(const struct jawrc *rc, const char *name)
{
	for (int i = 0; i < JAWRC_NOPTIONS; i++)
		if (strcmp(jawrc_options[i].name, name) == 0)
			return rc->options[i] ? rc->options[i] : "";
	return "";
}

const char *jawrc_keymap_name(enum jawrc_keymap map)
{
	return map < JAWRC_KEYMAP_COUNT ? jawrc_keymap_names[map] : "";
}

struct jawrc *jawrc_new(void)
{
	struct jawrc *rc = xcalloc(1, sizeof(struct jawrc));
	for (int r = 0; r < ROLE_COUNT; r++)
		rc->colours[r] = (struct jawrc_colour){-1, -1, 0};
	return rc;
}

void jawrc_free(struct jawrc *rc)
{
	if (!rc)
		return;
	for (int i = 0; i < JAWRC_NOPTIONS; i++)
		free(rc->options[i]);
	free(rc->bindings);
	free(rc);
}

static struct jawrc_binding *jawrc_find(struct jawrc *rc, enum jawrc_keymap map, int key)
{
	for (size_t i = 0; i < rc->nbindings; i++)
		if (rc->bindings[i].map == map && rc->bindings[i].key == key)
			return &rc->bindings[i];
	return NULL;
}

static void jawrc_bind(struct jawrc *rc, enum jawrc_keymap map, int key, enum action a)
{
	struct jawrc_binding *b = jawrc_find(rc, map, key);
	if (!b) {
		if (rc->nbindings == rc->cap) {
			rc->cap = rc->cap ? rc->cap * 2 : 64;
			rc->bindings = xreallocarray(rc->bindings, rc->cap, sizeof *rc->bindings);
		}
		b = &rc->bindings[rc->nbindings++];
		b->map = map;
		b->key = key;
	}
	b->action = a;
}

enum action jawrc_lookup(const struct jawrc *rc, enum jawrc_keymap map, int key)
{
	const struct jawrc_binding *generic = NULL;
	for (size_t i = 0; i < rc->nbindings; i++) {
		const struct jawrc_binding *b = &rc->bindings[i];
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
static int jawrc_line_bind(struct jawrc *rc, char **w, int n, jaw_err *err)
{
	bool bind = strcmp(w[0], "bind") == 0;
	if (n != (bind ? 4 : 3))
		return err_set(err, JAW_FAIL, bind ? "expected: bind KEYMAP KEY ACTION"
		                                   : "expected: unbind KEYMAP KEY");
	int map = jawrc_keymap_from_name(w[1]);
	if (map < 0) {
		char names[400] = "";
		for (int i = 0; i < JAWRC_KEYMAP_COUNT; i++)
			snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s", i ? ", " : "",
			         jawrc_keymap_names[i]);
		return err_set(err, JAW_FAIL, "no keymap \"%s\" (%s)", w[1], names);
	}
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
	jawrc_bind(rc, (enum jawrc_keymap)map, key, a);
	return JAW_OK;
}

/* A colour name: default, black..white, or colorN (0-255); -2 if not one. */
static int jawrc_colour_value(const char *name)
{
	if (strcmp(name, "default") == 0)
		return -1;
	for (int i = 0; i < 8; i++)
		if (strcmp(jawrc_colour_names[i], name) == 0)
			return i;
	if (strncmp(name, "color", 5) == 0 && isdigit((unsigned char)name[5])) {
		char *end;
		long n = strtol(name + 5, &end, 10);
		if (!*end && n >= 0 && n <= 255)
			return (int)n;
	}
	return -2;
}

/* color ROLE FG BG [ATTR...] */
static int jawrc_line_colour(struct jawrc *rc, char **w, int n, jaw_err *err)
{
	if (n < 4)
		return err_set(err, JAW_FAIL,
		               "expected: color ROLE FOREGROUND BACKGROUND [ATTRIBUTE...]");
	int role = -1;
	for (int r = 0; r < ROLE_COUNT; r++)
		if (strcmp(jawrc_role_names[r], w[1]) == 0)
			role = r;
	if (role < 0)
		return err_set(err, JAW_FAIL, "no colour role \"%s\" (see jawrc(5))", w[1]);
	struct jawrc_colour c = {jawrc_colour_value(w[2]), jawrc_colour_value(w[3]), 0};
	if (c.fg == -2 || c.bg == -2)
		return err_set(err, JAW_FAIL, "\"%s\" is not a colour (default, black, red, green, "
		               "yellow, blue, magenta, cyan, white, color0-color255)",
		               c.fg == -2 ? w[2] : w[3]);
	for (int i = 4; i < n; i++) {
		unsigned bit = 0;
		for (unsigned a = 0; a < sizeof jawrc_attr_names / sizeof *jawrc_attr_names; a++)
			if (strcmp(jawrc_attr_names[a], w[i]) == 0)
				bit = 1u << a;
		if (!bit && strcmp(w[i], "normal") != 0)
			return err_set(err, JAW_FAIL, "\"%s\" is not an attribute (bold, underline, "
			               "reverse, dim, blink, normal)", w[i]);
		c.attrs |= bit;
	}
	rc->colours[role] = c;
	return JAW_OK;
}

/* set OPTION VALUE */
static int jawrc_line_set(struct jawrc *rc, char **w, int n, jaw_err *err)
{
	if (n != 3)
		return err_set(err, JAW_FAIL, "expected: set OPTION VALUE");
	for (int i = 0; i < JAWRC_NOPTIONS; i++) {
		if (strcmp(jawrc_options[i].name, w[1]) != 0)
			continue;
		const char *const *v = jawrc_options[i].values;
		bool ok = v == NULL;
		for (; v && *v; v++)
			ok |= strcmp(*v, w[2]) == 0;
		if (!ok)
			return err_set(err, JAW_FAIL, "\"%s\" is not a value of %s", w[2], w[1]);
		free(rc->options[i]);
		rc->options[i] = xstrdup(w[2]);
		return JAW_OK;
	}
	return err_set(err, JAW_FAIL, "no option \"%s\" (date-scale, coder)", w[1]);
}

static int jawrc_line(struct jawrc *rc, char *line, jaw_err *err)
{
	char *w[10];
	int n = jawrc_words(line, w, 9);
	if (n == 0 || w[0][0] == '#')
		return JAW_OK;
	if (n > 9)
		return err_set(err, JAW_FAIL, "too many words");
	if (strcmp(w[0], "bind") == 0 || strcmp(w[0], "unbind") == 0)
		return jawrc_line_bind(rc, w, n, err);
	if (strcmp(w[0], "color") == 0 || strcmp(w[0], "colour") == 0)
		return jawrc_line_colour(rc, w, n, err);
	if (strcmp(w[0], "set") == 0)
		return jawrc_line_set(rc, w, n, err);
	return err_set(err, JAW_FAIL, "unknown command \"%s\" (bind, unbind, color, set)", w[0]);
}

int jawrc_apply_line(struct jawrc *rc, const char *line, jaw_err *err)
{
	char *copy = xstrdup(line);
	int status = jawrc_line(rc, copy, err);
	free(copy);
	return status;
}

int jawrc_parse(struct jawrc *rc, const char *file, const char *text,
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
		if (jawrc_line(rc, line, &err) != JAW_OK) {
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

int jawrc_load_defaults(struct jawrc *rc, jawrc_report_fn report, void *ctx)
{
	for (size_t i = 0; i < sizeof jawrc_view_keys / sizeof *jawrc_view_keys; i++) {
		int key = keys_parse(jawrc_view_keys[i].key);
		enum action a = action_from_name(jawrc_view_keys[i].action);
		if (key >= 0 && a != ACTION_NONE)
			jawrc_bind(rc, JAWRC_GENERIC, key, a);
	}
	const struct embedded_file *f = embedded_find("jawrc");
	return f ? jawrc_parse(rc, "(built-in jawrc)", (const char *)f->data, report, ctx) : 1;
}

/* Says msg about path through report; returns -1. */
static int jawrc_refuse(const char *path, const char *msg, jawrc_report_fn report, void *ctx)
{
	if (report) {
		char line[700];
		snprintf(line, sizeof line, "%s: %s", path, msg);
		report(ctx, line);
	}
	return -1;
}

/* Reads all of fp (at most JAWRC_MAX_BYTES) into a new string; NULL with
 * why set when it is too long or holds a NUL byte (*nul_line: where). */
static char *jawrc_read_new(FILE *fp, const char **why, int *nul_line)
{
	char *text = xmalloc(JAWRC_MAX_BYTES + 2);
	size_t len = fread(text, 1, JAWRC_MAX_BYTES + 1, fp);
	if (ferror(fp)) {
		*why = strerror(errno);
		free(text);
		return NULL;
	}
	if (len > JAWRC_MAX_BYTES) {
		*why = "longer than 1 MiB: not a jawrc";
		free(text);
		return NULL;
	}
	text[len] = '\0';
	const char *nul = memchr(text, '\0', len);
	if (nul) {
		*nul_line = 1;
		for (const char *p = text; p < nul; p++)
			*nul_line += *p == '\n';
		free(text);
		return NULL;
	}
	return text;
}

int jawrc_load_file(struct jawrc *rc, const char *path, jawrc_report_fn report, void *ctx)
{
	/* O_NONBLOCK: opening a FIFO with no writer must not wait */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? 0 : jawrc_refuse(path, strerror(errno), report, ctx);
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return jawrc_refuse(path, S_ISDIR(st.st_mode) ? "is a directory, not a jawrc"
		                    : "not a regular file: jawrc must be a text file", report, ctx);
	}
	FILE *fp = fdopen(fd, "r");
	if (!fp) {
		close(fd);
		return jawrc_refuse(path, strerror(errno), report, ctx);
	}
	const char *why = NULL;
	int nul_line = 0;
	char *text = jawrc_read_new(fp, &why, &nul_line);
	fclose(fp);
	if (!text && nul_line) {
		char msg[96];
		snprintf(msg, sizeof msg, "line %d holds a NUL byte: not a text file; nothing of it"
		         " was read", nul_line);
		return jawrc_refuse(path, msg, report, ctx);
	}
	if (!text)
		return jawrc_refuse(path, why, report, ctx);
	/* a byte order mark some editors write is not part of line 1 */
	const char *start = strncmp(text, "\xEF\xBB\xBF", 3) == 0 ? text + 3 : text;
	int bad = jawrc_parse(rc, path, start, report, ctx);
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
