/* refi_read.c - reading a QDA-XML codebook or project with expat: the
 * codes, users, text sources and their codings. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <expat.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "refi.h"
#include "xalloc.h"

/* What an element is, by where it stands. */
enum refi_tag {
	REFI_OTHER,       /* anything jaw does not read, and what is inside it */
	REFI_ROOT,        /* CodeBook of a .qdc, Project of a .qde */
	REFI_BOOK,        /* CodeBook in a Project */
	REFI_CODES,
	REFI_CODE,
	REFI_DESCRIPTION, /* of a code */
	REFI_USERS,
	REFI_USER,
	REFI_SOURCES,
	REFI_TEXT,        /* TextSource */
	REFI_CONTENT,     /* PlainTextContent */
	REFI_SELECTION,   /* PlainTextSelection */
	REFI_CODING,
	REFI_SKIPPED,     /* a source that is not text, and what is inside it */
};

/* The namespaces accepted for each root: those of QDA-XML 1.0 and the
 * variants real exporters write. */
static const char *const refi_codebook_ns[] = {
	REFI_CODEBOOK_NS, "urn:QDA-XML:codebook:0:4", "urn:QDA-XML:codebook:1:0", NULL,
};
static const char *const refi_project_ns[] = {
	REFI_PROJECT_NS, "urn:QDA-XML:project:0:4", "urn:QDA-XML:project:1:0", NULL,
};

struct refi_reader {
	XML_Parser parser;
	enum refi_root root;
	const char *name;
	struct refi_doc doc;
	size_t cap_codes, cap_users, cap_sources, cap_codings;
	enum refi_tag *stack; /* the tag of each open element */
	size_t depth, cap_stack;
	size_t *codes; /* the open codes (indexes), innermost last */
	size_t ncodes_open;
	char *text;    /* character data being collected */
	size_t text_len, text_cap;
	char **refs;   /* each coding's code GUID, until the end resolves it */
	int64_t range[2]; /* the selection being read (end -1: the whole source) */
	bool failed, done;
	jaw_err err;
};

/* Grows *array of *cap elements of size so that it holds n + 1. */
static void *refi_grow(void *array, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return array;
	*cap = *cap ? *cap * 2 : 16;
	return xreallocarray(array, *cap, size);
}

/* Stops the parse with the message "NAME line L: WHAT". */
static void refi_fail(struct refi_reader *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void refi_fail(struct refi_reader *r, const char *fmt, ...)
{
	if (r->failed)
		return;
	char what[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	err_set(&r->err, JAW_FAIL, "%s line %lu: %s", r->name,
	        (unsigned long)XML_GetCurrentLineNumber(r->parser), what);
	r->failed = true;
	XML_StopParser(r->parser, XML_FALSE);
}

/* The local part of an expanded name ("URI NAME" or "NAME"). */
static const char *refi_local(const char *name)
{
	const char *sp = strrchr(name, ' ');
	return sp ? sp + 1 : name;
}

static const char *refi_attr(const char **attrs, const char *name)
{
	for (size_t i = 0; attrs[i]; i += 2)
		if (strcmp(attrs[i], name) == 0)
			return attrs[i + 1];
	return NULL;
}

/* The GUID s in lower case without braces, newly allocated; NULL if s is
 * not 8-4-4-4-12 hex digits (in braces or not). */
static char *refi_guid_new(const char *s)
{
	if (!s)
		return NULL;
	size_t len = strlen(s);
	bool braces = len == 38 && s[0] == '{' && s[37] == '}';
	if (len != 36 && !braces)
		return NULL;
	char *g = xstrndup(s + braces, 36);
	for (size_t i = 0; i < 36; i++) {
		bool dash = i == 8 || i == 13 || i == 18 || i == 23;
		if (dash ? g[i] != '-' : !isxdigit((unsigned char)g[i])) {
			free(g);
			return NULL;
		}
		g[i] = (char)tolower((unsigned char)g[i]);
	}
	return g;
}

/* The colour s as #RRGGBB ("#RGB" widened; "" for none); NULL if s is
 * neither. */
static char *refi_colour_new(const char *s)
{
	if (!s || !*s)
		return xstrdup("");
	size_t len = strlen(s);
	if (s[0] != '#' || (len != 4 && len != 7))
		return NULL;
	for (size_t i = 1; i < len; i++)
		if (!isxdigit((unsigned char)s[i]))
			return NULL;
	if (len == 7)
		return xstrdup(s);
	return xasprintf("#%c%c%c%c%c%c", s[1], s[1], s[2], s[2], s[3], s[3]);
}

/* Reads a position attribute: a whole number from 0. */
static bool refi_position(const char *s, int64_t *out)
{
	if (!s || !*s)
		return false;
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || *end || v < 0 || !isdigit((unsigned char)s[0]))
		return false;
	*out = v;
	return true;
}

/* The root element: the one asked for, in a namespace jaw knows. */
static enum refi_tag refi_root_tag(struct refi_reader *r, const char *name)
{
	const char *want = r->root == REFI_CODEBOOK ? "CodeBook" : "Project";
	const char *const *ns = r->root == REFI_CODEBOOK ? refi_codebook_ns : refi_project_ns;
	const char *local = refi_local(name);
	if (strcmp(local, want) != 0) {
		refi_fail(r, "the document is <%.100s>, not a REFI-QDA %s (<%s>)", local,
		          r->root == REFI_CODEBOOK ? "codebook" : "project", want);
		return REFI_OTHER;
	}
	if (local == name)
		return REFI_ROOT; /* no namespace: taken as QDA-XML */
	size_t nslen = (size_t)(local - 1 - name);
	for (size_t i = 0; ns[i]; i++)
		if (strlen(ns[i]) == nslen && strncmp(name, ns[i], nslen) == 0)
			return REFI_ROOT;
	refi_fail(r, "<%s> is in the namespace \"%.*s\", not %s", want, (int)(nslen > 200 ? 200 : nslen),
	          name, ns[0]);
	return REFI_OTHER;
}

static void refi_code_start(struct refi_reader *r, const char **attrs)
{
	const char *name = refi_attr(attrs, "name"), *guid = refi_attr(attrs, "guid");
	const char *colour = refi_attr(attrs, "color");
	struct refi_code c = {.line = (long)XML_GetCurrentLineNumber(r->parser)};
	if (!name || !*name)
		return refi_fail(r, "a <Code> without a name");
	if (!(c.guid = refi_guid_new(guid)))
		return refi_fail(r, "code \"%.100s\": %s", name,
		                 guid ? "its guid is not a GUID (8-4-4-4-12 hex digits)"
		                      : "it has no guid");
	if (!(c.colour = refi_colour_new(colour))) {
		free(c.guid);
		return refi_fail(r, "code \"%.100s\": its color \"%.40s\" is not #RRGGBB or #RGB",
		                 name, colour);
	}
	c.name = xstrdup(name);
	c.description = xstrdup("");
	c.parent = r->ncodes_open ? r->codes[r->ncodes_open - 1] + 1 : 0;
	r->doc.codes = refi_grow(r->doc.codes, &r->cap_codes, r->doc.ncodes, sizeof c);
	r->doc.codes[r->doc.ncodes] = c;
	r->codes = xreallocarray(r->codes, r->ncodes_open + 1, sizeof *r->codes);
	r->codes[r->ncodes_open++] = r->doc.ncodes++;
}

static void refi_user_start(struct refi_reader *r, const char **attrs)
{
	const char *guid = refi_attr(attrs, "guid"), *name = refi_attr(attrs, "name");
	struct refi_user u = {refi_guid_new(guid), NULL};
	if (!u.guid)
		return refi_fail(r, "a <User> without a GUID");
	u.name = xstrdup(name && *name ? name : refi_attr(attrs, "id") ? refi_attr(attrs, "id")
	                                                             : u.guid);
	r->doc.users = refi_grow(r->doc.users, &r->cap_users, r->doc.nusers, sizeof u);
	r->doc.users[r->doc.nusers++] = u;
}

static void refi_source_start(struct refi_reader *r, const char **attrs)
{
	const char *guid = refi_attr(attrs, "guid"), *path = refi_attr(attrs, "plainTextPath");
	const char *name = refi_attr(attrs, "name");
	struct refi_source s = {.guid = refi_guid_new(guid),
	                        .line = (long)XML_GetCurrentLineNumber(r->parser)};
	if (!s.guid)
		return refi_fail(r, "a <TextSource> without a GUID");
	s.name = xstrdup(name ? name : "");
	s.path = path && *path ? xstrdup(path) : NULL;
	r->doc.sources = refi_grow(r->doc.sources, &r->cap_sources, r->doc.nsources, sizeof s);
	r->doc.sources[r->doc.nsources++] = s;
}

static void refi_selection_start(struct refi_reader *r, const char **attrs, int64_t *range)
{
	const char *s = refi_attr(attrs, "startPosition"), *e = refi_attr(attrs, "endPosition");
	if (!refi_position(s, &range[0]) || !refi_position(e, &range[1]))
		return refi_fail(r, "a <PlainTextSelection> whose startPosition \"%.20s\" or"
		                 " endPosition \"%.20s\" is not a whole number from 0",
		                 s ? s : "", e ? e : "");
	if (range[1] <= range[0])
		return refi_fail(r, "a <PlainTextSelection> from %lld to %lld: its end must come"
		                 " after its start", (long long)range[0], (long long)range[1]);
}

static void refi_coding_start(struct refi_reader *r, const char **attrs, const int64_t *range)
{
	struct refi_coding c = {.source = r->doc.nsources - 1, .start = range[0],
	                        .end = range[1], .line = (long)XML_GetCurrentLineNumber(r->parser)};
	const char *user = refi_attr(attrs, "creatingUser");
	c.user = refi_guid_new(user);
	r->doc.codings = refi_grow(r->doc.codings, &r->cap_codings, r->doc.ncodings, sizeof c);
	r->refs = xreallocarray(r->refs, r->cap_codings, sizeof *r->refs);
	r->refs[r->doc.ncodings] = NULL;
	r->doc.codings[r->doc.ncodings++] = c;
}

static void refi_coderef_start(struct refi_reader *r, const char **attrs)
{
	const char *target = refi_attr(attrs, "targetGUID");
	char *guid = refi_guid_new(target);
	if (!guid)
		return refi_fail(r, "a <CodeRef> whose targetGUID \"%.40s\" is not a GUID",
		                 target ? target : "");
	free(r->refs[r->doc.ncodings - 1]);
	r->refs[r->doc.ncodings - 1] = guid;
}

/* What an element called local is inside one of tag parent. */
static enum refi_tag refi_child(enum refi_tag parent, const char *local)
{
	static const struct {
		enum refi_tag parent;
		const char *name;
		enum refi_tag tag;
	} rules[] = {
		{REFI_ROOT, "Codes", REFI_CODES},   {REFI_ROOT, "CodeBook", REFI_BOOK},
		{REFI_ROOT, "Users", REFI_USERS},   {REFI_ROOT, "Sources", REFI_SOURCES},
		{REFI_BOOK, "Codes", REFI_CODES},   {REFI_CODES, "Code", REFI_CODE},
		{REFI_CODE, "Code", REFI_CODE},     {REFI_CODE, "Description", REFI_DESCRIPTION},
		{REFI_USERS, "User", REFI_USER},    {REFI_SOURCES, "TextSource", REFI_TEXT},
		{REFI_TEXT, "PlainTextContent", REFI_CONTENT},
		{REFI_TEXT, "PlainTextSelection", REFI_SELECTION},
		{REFI_TEXT, "Coding", REFI_CODING}, {REFI_SELECTION, "Coding", REFI_CODING},
	};
	if (parent == REFI_SKIPPED)
		return REFI_SKIPPED;
	for (size_t i = 0; i < sizeof rules / sizeof *rules; i++)
		if (rules[i].parent == parent && strcmp(rules[i].name, local) == 0)
			return rules[i].tag;
	return parent == REFI_SOURCES ? REFI_SKIPPED : REFI_OTHER;
}

static void XMLCALL refi_start(void *ctx, const char *name, const char **attrs)
{
	struct refi_reader *r = ctx;
	enum refi_tag parent = r->depth ? r->stack[r->depth - 1] : REFI_OTHER;
	const char *local = refi_local(name);
	enum refi_tag tag = r->depth == 0 ? refi_root_tag(r, name) : refi_child(parent, local);
	if (r->failed)
		return;
	/* the root of a codebook holds Codes, not CodeBook; a project's holds both */
	if (r->root == REFI_CODEBOOK && r->depth == 1 && tag != REFI_CODES)
		tag = REFI_OTHER;
	r->stack = refi_grow(r->stack, &r->cap_stack, r->depth, sizeof *r->stack);
	r->stack[r->depth++] = tag;
	int64_t *range = r->range;
	switch (tag) {
	case REFI_CODE: refi_code_start(r, attrs); break;
	case REFI_USER: refi_user_start(r, attrs); break;
	case REFI_TEXT:
		range[0] = 0;
		range[1] = -1;
		refi_source_start(r, attrs);
		break;
	case REFI_SELECTION: refi_selection_start(r, attrs, range); break;
	case REFI_CODING:
		refi_coding_start(r, attrs, parent == REFI_TEXT ? (int64_t[]){0, -1} : range);
		break;
	case REFI_SKIPPED:
		if (strcmp(local, "Coding") == 0)
			r->doc.skipped_codings++;
		else if (parent == REFI_SOURCES)
			r->doc.skipped_sources++;
		break;
	case REFI_DESCRIPTION:
	case REFI_CONTENT: r->text_len = 0; break;
	case REFI_OTHER:
		if (parent == REFI_CODING && strcmp(local, "CodeRef") == 0)
			refi_coderef_start(r, attrs);
		break;
	default: break;
	}
}

static void XMLCALL refi_end(void *ctx, const char *name)
{
	struct refi_reader *r = ctx;
	(void)name;
	if (r->failed || r->depth == 0)
		return;
	enum refi_tag tag = r->stack[--r->depth];
	char *text = xstrndup(r->text ? r->text : "", r->text_len);
	switch (tag) {
	case REFI_CODE: r->ncodes_open--; break;
	case REFI_DESCRIPTION:
		free(r->doc.codes[r->codes[r->ncodes_open - 1]].description);
		r->doc.codes[r->codes[r->ncodes_open - 1]].description = text;
		text = NULL;
		break;
	case REFI_CONTENT:
		free(r->doc.sources[r->doc.nsources - 1].content);
		r->doc.sources[r->doc.nsources - 1].content = text;
		text = NULL;
		break;
	case REFI_CODING:
		if (!r->refs[r->doc.ncodings - 1])
			refi_fail(r, "a <Coding> without a <CodeRef>");
		break;
	default: break;
	}
	free(text);
}

static void XMLCALL refi_chars(void *ctx, const char *s, int len)
{
	struct refi_reader *r = ctx;
	if (r->depth == 0 || len <= 0)
		return;
	enum refi_tag tag = r->stack[r->depth - 1];
	if (tag != REFI_DESCRIPTION && tag != REFI_CONTENT)
		return;
	if (r->text_len + (size_t)len + 1 > r->text_cap) {
		r->text_cap = (r->text_len + (size_t)len + 1) * 2;
		r->text = xrealloc(r->text, r->text_cap);
	}
	memcpy(r->text + r->text_len, s, (size_t)len);
	r->text_len += (size_t)len;
}

struct refi_reader *refi_reader_new(enum refi_root root, const char *name)
{
	struct refi_reader *r = xcalloc(1, sizeof *r);
	r->root = root;
	r->name = name;
	r->parser = XML_ParserCreateNS(NULL, ' ');
	if (!r->parser) {
		fputs("jaw: out of memory\n", stderr);
		abort();
	}
	XML_SetUserData(r->parser, r);
	XML_SetElementHandler(r->parser, refi_start, refi_end);
	XML_SetCharacterDataHandler(r->parser, refi_chars);
	err_clear(&r->err);
	return r;
}

static void refi_doc_clear(struct refi_doc *d)
{
	for (size_t i = 0; i < d->ncodes; i++) {
		free(d->codes[i].guid);
		free(d->codes[i].name);
		free(d->codes[i].colour);
		free(d->codes[i].description);
	}
	for (size_t i = 0; i < d->nusers; i++) {
		free(d->users[i].guid);
		free(d->users[i].name);
	}
	for (size_t i = 0; i < d->nsources; i++) {
		free(d->sources[i].guid);
		free(d->sources[i].name);
		free(d->sources[i].path);
		free(d->sources[i].content);
	}
	for (size_t i = 0; i < d->ncodings; i++)
		free(d->codings[i].user);
	free(d->codes);
	free(d->users);
	free(d->sources);
	free(d->codings);
}

void refi_reader_free(struct refi_reader *r)
{
	if (!r)
		return;
	XML_ParserFree(r->parser);
	refi_doc_clear(&r->doc);
	for (size_t i = 0; i < r->doc.ncodings; i++)
		free(r->refs[i]);
	free(r->refs);
	free(r->stack);
	free(r->codes);
	free(r->text);
	free(r);
}

/* Finds each coding's code by its GUID. */
static int refi_resolve(struct refi_reader *r, jaw_err *err)
{
	for (size_t i = 0; i < r->doc.ncodings; i++) {
		size_t j = 0;
		while (j < r->doc.ncodes && strcmp(r->doc.codes[j].guid, r->refs[i]) != 0)
			j++;
		if (j == r->doc.ncodes)
			return err_set(err, JAW_FAIL, "%s line %ld: a coding of the code %s, which is"
			               " not in the codebook", r->name, r->doc.codings[i].line,
			               r->refs[i]);
		r->doc.codings[i].code = j;
	}
	return JAW_OK;
}

int refi_reader_feed(struct refi_reader *r, const char *data, size_t len, bool last,
                     jaw_err *err)
{
	if (r->failed)
		return err_set(err, JAW_FAIL, "%s", r->err.msg);
	while (len > 0 || last) {
		int n = len > (1u << 30) ? 1 << 30 : (int)len;
		bool final = last && (size_t)n == len;
		if (XML_Parse(r->parser, data, n, final) != XML_STATUS_OK) {
			if (!r->failed) {
				err_set(&r->err, JAW_FAIL, "%s line %lu, column %lu: %s", r->name,
				        (unsigned long)XML_GetCurrentLineNumber(r->parser),
				        (unsigned long)XML_GetCurrentColumnNumber(r->parser) + 1,
				        XML_ErrorString(XML_GetErrorCode(r->parser)));
				r->failed = true;
			}
			return err_set(err, JAW_FAIL, "%s", r->err.msg);
		}
		data += n;
		len -= (size_t)n;
		if (final)
			break;
	}
	if (!last)
		return JAW_OK;
	r->done = true;
	if (r->doc.ncodes == 0 && r->root == REFI_CODEBOOK)
		return err_set(err, JAW_FAIL, "%s: the codebook holds no code", r->name);
	if (refi_resolve(r, err) != JAW_OK) {
		r->failed = true;
		return JAW_FAIL;
	}
	return JAW_OK;
}

int refi_reader_file(struct refi_reader *r, const char *path, jaw_err *err)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return err_set(err, JAW_FAIL, "%s: cannot read: %s", path, strerror(errno));
	char buf[65536];
	int rc = JAW_OK;
	size_t n;
	while (rc == JAW_OK && (n = fread(buf, 1, sizeof buf, f)) > 0)
		rc = refi_reader_feed(r, buf, n, false, err);
	if (rc == JAW_OK && ferror(f))
		rc = err_set(err, JAW_FAIL, "%s: cannot read: %s", path, strerror(errno));
	fclose(f);
	return rc == JAW_OK ? refi_reader_feed(r, "", 0, true, err) : rc;
}

struct refi_doc *refi_reader_doc(struct refi_reader *r)
{
	return &r->doc;
}
