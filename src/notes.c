/* notes.c - reading, normalising and storing notes. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "activity.h"
#include "journal.h"
#include "model.h"
#include "notes.h"
#include "utf8.h"
#include "xalloc.h"

/* ---- text ------------------------------------------------------------------ */

int notes_encoding_check(const char *encoding, jaw_err *err)
{
	iconv_t cd = iconv_open("UTF-8", encoding);
	if (cd == (iconv_t)-1)
		return err_set(err, JAW_USAGE, "--encoding: unknown encoding \"%s\" (see iconv -l)",
		               encoding);
	iconv_close(cd);
	return JAW_OK;
}

/* Converts data[0..len) from encoding to UTF-8 with iconv; returns the new
 * text (its length in *out_len) or NULL with err set. */
static char *notes_convert_new(const char *name, const char *data, size_t len,
                               const char *encoding, size_t *out_len, jaw_err *err)
{
	iconv_t cd = iconv_open("UTF-8", encoding);
	if (cd == (iconv_t)-1) {
		notes_encoding_check(encoding, err);
		return NULL;
	}
	size_t cap = len * 2 + 16, used = 0;
	char *out = xmalloc(cap);
	char *in = (char *)data;
	size_t left = len;
	while (left > 0) {
		char *o = out + used;
		size_t room = cap - used - 1;
		size_t rc = iconv(cd, &in, &left, &o, &room);
		used = (size_t)(o - out);
		if (rc != (size_t)-1)
			break;
		if (errno == E2BIG) {
			cap *= 2;
			out = xrealloc(out, cap);
			continue;
		}
		size_t at = (size_t)(in - data);
		if (errno == EINVAL)
			err_set(err, JAW_FAIL, "%s: ends in the middle of a character (from %s) at byte %zu",
			        name, encoding, at);
		else
			err_set(err, JAW_FAIL, "%s: cannot be converted from %s: invalid bytes at byte %zu",
			        name, encoding, at);
		free(out);
		iconv_close(cd);
		return NULL;
	}
	iconv_close(cd);
	out[used] = '\0';
	*out_len = used;
	return out;
}

/* Drops a leading byte order mark and turns CR LF and lone CR into LF, in
 * place; returns the new length. */
static size_t notes_clean(char *s, size_t len)
{
	size_t i = 0, o = 0;
	if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	for (; i < len; i++) {
		if (s[i] == '\r') {
			s[o++] = '\n';
			if (i + 1 < len && s[i + 1] == '\n')
				i++;
		} else {
			s[o++] = s[i];
		}
	}
	s[o] = '\0';
	return o;
}

/* True if s holds only white space. */
static bool notes_blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\f' && *s != '\v')
			return false;
	return true;
}

/* Checks text[0..len) for NUL and invalid UTF-8; converted says it came
 * from encoding. */
static int notes_check(const char *name, const char *text, size_t len, const char *encoding,
                       jaw_err *err)
{
	const char *nul = memchr(text, '\0', len);
	size_t bad;
	if (nul && encoding)
		return err_set(err, JAW_FAIL, "%s: contains a NUL character (at byte %zu of the text "
		               "converted from %s)", name, (size_t)(nul - text), encoding);
	if (nul)
		return err_set(err, JAW_FAIL, "%s: contains a NUL byte at byte %zu: not a text file "
		               "(if it is UTF-16, say --encoding UTF-16)", name, (size_t)(nul - text));
	if (!utf8_valid(text, len, &bad))
		return err_set(err, JAW_FAIL, "%s: not valid UTF-8 at byte %zu (if it is in another "
		               "encoding, name it, e.g. --encoding latin1)", name, bad);
	return JAW_OK;
}

char *notes_normalise_new(const char *name, const char *data, size_t len, const char *encoding,
                          jaw_err *err)
{
	if (encoding && !*encoding)
		encoding = NULL;
	/* a UTF-16 byte order mark names the encoding, as for import-csv */
	if (!encoding && len >= 2 && (unsigned char)data[0] == 0xFF && (unsigned char)data[1] == 0xFE)
		encoding = "UTF-16LE";
	else if (!encoding && len >= 2 && (unsigned char)data[0] == 0xFE &&
	         (unsigned char)data[1] == 0xFF)
		encoding = "UTF-16BE";
	size_t n = len;
	char *text;
	if (encoding) {
		text = notes_convert_new(name, data, len, encoding, &n, err);
		if (!text)
			return NULL;
	} else {
		text = xmalloc(len + 1);
		memcpy(text, data, len);
		text[len] = '\0';
	}
	if (notes_check(name, text, n, encoding, err) != JAW_OK) {
		free(text);
		return NULL;
	}
	notes_clean(text, n);
	if (notes_blank(text)) {
		free(text);
		err_set(err, JAW_FAIL, "%s: the note is empty", name);
		return NULL;
	}
	return text;
}

/* ---- titles ------------------------------------------------------------------ */

/* Cuts line[0..len) to at most NOTES_TITLE_MAX code points at a word. */
static char *notes_title_cut_new(const char *line, size_t len)
{
	size_t cps = 0, i = 0, cut = 0, space = 0;
	while (i < len) {
		uint32_t c;
		int k = utf8_decode(line + i, len - i, &c);
		if (cps == NOTES_TITLE_MAX - 1)
			cut = i;
		if (c == ' ' && cps < NOTES_TITLE_MAX - 1)
			space = i;
		i += k > 0 ? (size_t)k : 1;
		cps++;
	}
	if (cps <= NOTES_TITLE_MAX)
		return xstrndup(line, len);
	if (space > cut / 2)
		cut = space;
	while (cut > 0 && (line[cut - 1] == ' ' || line[cut - 1] == '\t'))
		cut--;
	return xasprintf("%.*s\xE2\x80\xA6", (int)cut, line);
}

char *notes_title_new(const char *text, const char *name)
{
	const char *p = text;
	while (*p) {
		size_t len = strcspn(p, "\n");
		size_t a = 0, b = len;
		while (a < b && (p[a] == ' ' || p[a] == '\t'))
			a++;
		while (b > a && (p[b - 1] == ' ' || p[b - 1] == '\t'))
			b--;
		if (b > a)
			return notes_title_cut_new(p + a, b - a);
		p += len + (p[len] == '\n');
	}
	if (!name || !*name)
		return xstrdup("untitled note");
	char *copy = xstrdup(name);
	char *title = xstrdup(basename(copy));
	free(copy);
	return title;
}

/* ---- batches ----------------------------------------------------------------- */

struct notes_batch {
	struct notes_options opts;
	struct notes_item *items;
	size_t n, cap;
};

struct notes_batch *notes_batch_new(const struct notes_options *opts)
{
	struct notes_batch *b = xcalloc(1, sizeof *b);
	if (opts)
		b->opts = *opts;
	return b;
}

void notes_batch_free(struct notes_batch *b)
{
	if (!b)
		return;
	for (size_t i = 0; i < b->n; i++) {
		free(b->items[i].name);
		free(b->items[i].text);
		free(b->items[i].title);
		free(b->items[i].duplicate_of);
	}
	free(b->items);
	free(b);
}

size_t notes_batch_count(const struct notes_batch *b)
{
	return b->n;
}

const struct notes_item *notes_batch_item(const struct notes_batch *b, size_t i)
{
	return i < b->n ? &b->items[i] : NULL;
}

int notes_batch_add_buffer(struct notes_batch *b, const char *name, const char *data,
                           size_t len, jaw_err *err)
{
	if (!name)
		name = "";
	char *text = notes_normalise_new(*name ? name : "the note", data, len, b->opts.encoding,
	                                 err);
	if (!text)
		return JAW_FAIL;
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 8;
		b->items = xreallocarray(b->items, b->cap, sizeof *b->items);
	}
	struct notes_item *it = &b->items[b->n++];
	memset(it, 0, sizeof *it);
	it->name = xstrdup(name);
	it->text = text;
	it->title = notes_title_new(text, name);
	return JAW_OK;
}

/* Reads what fd holds (at most NOTES_MAX_BYTES): from its start when it
 * can seek, else (a pipe) from where it is. name names it in messages. */
static char *notes_read_fd_new(const char *name, int fd, size_t *len, jaw_err *err)
{
	struct stat st;
	if (fstat(fd, &st) != 0 || (lseek(fd, 0, SEEK_SET) < 0 && errno != ESPIPE)) {
		err_set(err, JAW_FAIL, "%s: cannot read: %s", name, strerror(errno));
		return NULL;
	}
	if (S_ISDIR(st.st_mode)) {
		err_set(err, JAW_FAIL, "%s: is a directory, not a note", name);
		return NULL;
	}
	size_t cap = 65536, n = 0;
	char *buf = xmalloc(cap);
	for (;;) {
		if (n == cap) {
			if (cap > NOTES_MAX_BYTES)
				break;
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
		ssize_t r = read(fd, buf + n, cap - n);
		if (r == 0)
			break;
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			err_set(err, JAW_FAIL, "%s: cannot read: %s", name, strerror(errno));
			n = (size_t)-1;
			break;
		}
		n += (size_t)r;
	}
	if (n != (size_t)-1 && n > NOTES_MAX_BYTES)
		err_set(err, JAW_FAIL, "%s: too large for a note (more than %u MiB)", name,
		        NOTES_MAX_BYTES >> 20);
	if (n == (size_t)-1 || n > NOTES_MAX_BYTES) {
		free(buf);
		return NULL;
	}
	*len = n;
	return buf;
}

int notes_batch_add_fd(struct notes_batch *b, const char *name, int fd, jaw_err *err)
{
	size_t len;
	char *data = notes_read_fd_new(name && *name ? name : "the note", fd, &len, err);
	if (!data)
		return JAW_FAIL;
	int rc = notes_batch_add_buffer(b, name, data, len, err);
	free(data);
	return rc;
}

int notes_batch_add_file(struct notes_batch *b, const char *path, jaw_err *err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return err_set(err, JAW_FAIL, "%s: cannot read: %s", path, strerror(errno));
	int rc = notes_batch_add_fd(b, path, fd, err);
	close(fd);
	return rc;
}

/* The title of source id (newly allocated; "" if it cannot be read). */
static char *notes_source_title_new(struct jaw_db *db, int64_t id, jaw_err *err)
{
	sqlite3_stmt *s = db_stmt(db, "SELECT title FROM source WHERE id = ?", err);
	if (!s)
		return xstrdup("");
	sqlite3_bind_int64(s, 1, id);
	char *title = sqlite3_step(s) == SQLITE_ROW ? db_column_text_new(s, 0) : xstrdup("");
	sqlite3_reset(s);
	return title;
}

/* Marks item i a duplicate if an earlier item of the batch has its text. */
static bool notes_batch_repeats(struct notes_batch *b, size_t i)
{
	struct notes_item *it = &b->items[i];
	for (size_t k = 0; k < i; k++) {
		if (strcmp(b->items[k].text, it->text) == 0) {
			it->duplicate = true;
			it->id = b->items[k].id;
			it->duplicate_of = xstrdup(b->items[k].duplicate ? b->items[k].duplicate_of
			                                                  : b->items[k].title);
			return true;
		}
	}
	return false;
}

/* Stores item i in the change tx, or marks it a duplicate of a source in
 * the project. */
static int notes_batch_store_one(struct journal_tx *tx, struct notes_batch *b, size_t i,
                                 jaw_err *err)
{
	struct jaw_db *db = journal_db(tx);
	struct notes_item *it = &b->items[i];
	if (notes_batch_repeats(b, i))
		return JAW_OK;
	int64_t old = model_source_find_text(db, it->text, err);
	if (old < 0)
		return JAW_FAIL;
	if (old > 0) {
		it->duplicate = true;
		it->id = old;
		it->duplicate_of = notes_source_title_new(db, old, err);
		return JAW_OK;
	}
	struct source src = {0};
	src.kind = (char *)(b->opts.kind ? b->opts.kind : "interview");
	src.title = it->title;
	src.text = it->text;
	src.source_date = (char *)b->opts.date;
	src.stakeholder_id = b->opts.stakeholder_id;
	src.timeline_item_id = b->opts.timeline_item_id;
	src.origin_file = it->name;
	if (model_source_add(db, &src, err) != JAW_OK) {
		err_prefix(err, *it->name ? it->name : "the note");
		return JAW_FAIL;
	}
	it->id = src.id;
	return journal_touch_added(tx, JOURNAL_SOURCE, src.id, err);
}

/* Forgets what a failed store set. */
static void notes_batch_reset(struct notes_batch *b)
{
	for (size_t i = 0; i < b->n; i++) {
		b->items[i].id = 0;
		b->items[i].duplicate = false;
		free(b->items[i].duplicate_of);
		b->items[i].duplicate_of = NULL;
	}
}

int notes_batch_store(struct jaw_db *db, const char *analyst, struct notes_batch *b,
                      jaw_err *err)
{
	notes_batch_reset(b);
	char object[32];
	snprintf(object, sizeof object, "%zu note%s", b->n, b->n == 1 ? "" : "s");
	int64_t activity = activity_begin(db, analyst, "an import", object, err);
	struct journal_tx *tx = activity < 0 ? NULL : journal_begin(db, analyst, "source-import", err);
	if (!tx) {
		activity_end(db, activity);
		return JAW_FAIL;
	}
	int rc = JAW_OK;
	size_t stored = 0;
	const char *first = "";
	for (size_t i = 0; i < b->n && rc == JAW_OK; i++) {
		rc = notes_batch_store_one(tx, b, i, err);
		if (rc == JAW_OK && !b->items[i].duplicate && stored++ == 0)
			first = b->items[i].title;
	}
	char *summary = stored == 1 ? xasprintf("imported the note “%s”", first)
	                            : xasprintf("imported %zu notes", stored);
	rc = journal_finish(tx, rc, summary, err);
	activity_end(db, activity);
	if (rc != JAW_OK)
		notes_batch_reset(b);
	return rc;
}
