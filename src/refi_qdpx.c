/* refi_qdpx.c - jaw import-qdpx: the text sources, codes and codings of a
 * REFI-QDA project (.qdpx), all or nothing. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "activity.h"
#include "codebook.h"
#include "coding.h"
#include "journal.h"
#include "model.h"
#include "notes.h"
#include "refi.h"
#include "utf8.h"
#include "xalloc.h"

/* The whole entry index of z, newly allocated in *data (NUL-terminated). */
static int qdpx_read_entry(zip_t *z, zip_int64_t index, const char *name, char **data,
                           size_t *len, jaw_err *err)
{
	zip_stat_t st;
	if (zip_stat_index(z, (zip_uint64_t)index, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE))
		return err_set(err, JAW_FAIL, "%s: cannot read: %s", name, zip_strerror(z));
	if (st.size > NOTES_MAX_BYTES)
		return err_set(err, JAW_FAIL, "%s: larger than %u MiB", name, NOTES_MAX_BYTES >> 20);
	zip_file_t *f = zip_fopen_index(z, (zip_uint64_t)index, 0);
	if (!f)
		return err_set(err, JAW_FAIL, "%s: cannot read: %s", name, zip_strerror(z));
	*data = xmalloc((size_t)st.size + 1);
	zip_int64_t n = zip_fread(f, *data, st.size);
	zip_fclose(f);
	if (n < 0 || (zip_uint64_t)n != st.size) {
		free(*data);
		*data = NULL;
		return err_set(err, JAW_FAIL, "%s: cannot read: the zip is damaged", name);
	}
	(*data)[n] = '\0';
	*len = (size_t)n;
	return JAW_OK;
}

/* A source's text as stored (UTF-8, no BOM, LF line ends) with, for each
 * code point of the text in the file, where it is in the stored text. */
struct qdpx_text {
	char *text;
	size_t *map; /* map[raw code point] = stored code point; map[nraw] = length */
	size_t nraw;
};

/* Normalises raw as notes.h does (BOM dropped, CR LF and CR made LF),
 * keeping where each code point went. */
static int qdpx_text_make(const char *name, const char *raw, size_t len, struct qdpx_text *t,
                          jaw_err *err)
{
	size_t bad;
	if (!utf8_valid(raw, len, &bad))
		return err_set(err, JAW_FAIL, "%s: not valid UTF-8 at byte %zu", name, bad);
	if (memchr(raw, '\0', len))
		return err_set(err, JAW_FAIL, "%s: holds a NUL byte", name);
	t->text = xmalloc(len + 1);
	t->map = xreallocarray(NULL, len + 1, sizeof *t->map);
	size_t o = 0, cp = 0;
	t->nraw = 0;
	for (size_t i = 0; i < len;) {
		uint32_t c;
		size_t n = utf8_next(raw + i, len - i, &c);
		t->map[t->nraw++] = cp;
		if (i == 0 && c == 0xFEFF) {
			i += n;
			continue;
		}
		if (c == '\r') {
			t->text[o++] = '\n';
			cp++;
			i += n;
			if (i < len && raw[i] == '\n')
				t->map[t->nraw++] = cp, i++; /* the LF of CR LF: after the CR's LF */
			continue;
		}
		memcpy(t->text + o, raw + i, n);
		o += n;
		cp++;
		i += n;
	}
	t->map[t->nraw] = cp;
	t->text[o] = '\0';
	return JAW_OK;
}

/* An import under way. */
struct qdpx_import {
	struct jaw_db *db;
	const char *path;
	const char *qde; /* "PATH:project.qde", for messages naming its lines */
	zip_t *zip;
	struct refi_doc *doc;
	const char *coder;
	struct journal_tx *tx;
	struct refi_codes_result codes;
	struct refi_import_result *res;
};

/* Finds the zip entry of source s's text; -1 with err set if none. */
static zip_int64_t qdpx_locate(struct qdpx_import *m, const struct refi_source *s, jaw_err *err)
{
	const char *p = s->path;
	if (strncmp(p, "internal://", 11) == 0)
		p += 11;
	else if (strstr(p, "://"))
		return err_set(err, JAW_FAIL, "%s line %ld: the text of source \"%s\" is outside the"
		               " project (%s)", m->qde, s->line, s->name, s->path), -1;
	char *inside = xasprintf("Sources/%s", p);
	zip_int64_t i = zip_name_locate(m->zip, inside, ZIP_FL_NOCASE);
	if (i < 0)
		i = zip_name_locate(m->zip, p, ZIP_FL_NOCASE);
	free(inside);
	if (i < 0)
		err_set(err, JAW_FAIL, "%s line %ld: the text of source \"%s\" (%s) is not in the"
		        " file", m->qde, s->line, s->name, s->path);
	return i;
}

/* The code points the file's range [start, end) of t is in the stored text
 * (end -1: to the end). */
static int qdpx_range(const struct qdpx_import *m, const struct refi_coding *c,
                      const struct qdpx_text *t, int64_t *start, int64_t *end, jaw_err *err)
{
	int64_t e = c->end < 0 ? (int64_t)t->nraw : c->end;
	if (e > (int64_t)t->nraw)
		return err_set(err, JAW_FAIL, "%s line %ld: a selection from %lld to %lld, past the"
		               " end of source \"%s\" (%zu characters)", m->qde, c->line,
		               (long long)c->start, (long long)e, m->doc->sources[c->source].name,
		               t->nraw);
	*start = (int64_t)t->map[c->start];
	*end = (int64_t)t->map[e];
	return JAW_OK;
}

/* The name of the coder of c: its user's, or the importer's. */
static const char *qdpx_coder(const struct qdpx_import *m, const struct refi_coding *c)
{
	for (size_t i = 0; c->user && i < m->doc->nusers; i++)
		if (strcmp(m->doc->users[i].guid, c->user) == 0 && *m->doc->users[i].name)
			return m->doc->users[i].name;
	return m->coder;
}

/* Adds coding c (of source id) unless the project has it. */
static int qdpx_store_coding(struct qdpx_import *m, const struct refi_coding *c, int64_t source,
                             const struct qdpx_text *t, jaw_err *err)
{
	static const char sql[] =
		"SELECT id FROM coding WHERE source_id = ?1 AND code_id = ?2 AND coder = ?3"
		" AND start_cp = ?4 AND end_cp = ?5";
	struct coding k = {.source_id = source, .code_id = m->codes.ids[c->code],
	                   .coder = (char *)qdpx_coder(m, c), .created = "", .memo = ""};
	if (qdpx_range(m, c, t, &k.start, &k.end, err) != JAW_OK)
		return JAW_FAIL;
	sqlite3_stmt *s = db_stmt(m->db, sql, err);
	if (!s)
		return JAW_FAIL;
	sqlite3_bind_int64(s, 1, source);
	sqlite3_bind_int64(s, 2, k.code_id);
	sqlite3_bind_text(s, 3, k.coder, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, k.start);
	sqlite3_bind_int64(s, 5, k.end);
	int64_t id = 0;
	if (db_step_int64(m->db, s, &id, err) != JAW_OK)
		return JAW_FAIL;
	if (id) {
		m->res->codings_matched++;
		return JAW_OK;
	}
	if (coding_insert(m->db, &k, err) != JAW_OK ||
	    journal_touch_added(m->tx, JOURNAL_CODING, k.id, err) != JAW_OK) {
		err_prefix(err, m->path);
		return JAW_FAIL;
	}
	m->res->codings_added++;
	return JAW_OK;
}

/* The project's source with title and text, or a new one (a document);
 * its id into *id. */
static int qdpx_store_text(struct qdpx_import *m, const struct refi_source *s, const char *name,
                           char *text, int64_t *id, jaw_err *err)
{
	char *title = *s->name ? xstrdup(s->name) : notes_title_new(text, name);
	static const char sql[] =
		"SELECT id FROM source WHERE title = ?1 AND text = ?2 AND kind <> 'survey_answer'"
		" ORDER BY id LIMIT 1";
	int64_t found = 0;
	sqlite3_stmt *q = db_stmt(m->db, sql, err);
	int rc = JAW_FAIL;
	if (q) {
		sqlite3_bind_text(q, 1, title, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 2, text, -1, SQLITE_STATIC);
		rc = db_step_int64(m->db, q, &found, err);
	}
	if (rc == JAW_OK && found > 0) {
		*id = found;
		m->res->sources_matched++;
	} else if (rc == JAW_OK) {
		struct source src = {.kind = "document", .title = title, .text = text,
		                     .origin_file = (char *)name};
		rc = model_source_add(m->db, &src, err);
		if (rc == JAW_OK)
			rc = journal_touch_added(m->tx, JOURNAL_SOURCE, src.id, err);
		*id = src.id;
		m->res->sources_added++;
	}
	free(title);
	return rc;
}

/* Stores source i (its text from the zip or the document) and its
 * codings. */
static int qdpx_store_source(struct qdpx_import *m, size_t i, jaw_err *err)
{
	const struct refi_source *s = &m->doc->sources[i];
	char *raw = NULL, *name = xasprintf("%s:%s", m->path, s->path ? s->path : s->guid);
	size_t len = 0;
	int rc = JAW_OK;
	if (s->content) {
		raw = xstrdup(s->content);
		len = strlen(raw);
	} else if (!s->path) {
		rc = err_set(err, JAW_FAIL, "%s line %ld: source \"%s\" has neither text nor a"
		             " plainTextPath", m->qde, s->line, s->name);
	} else {
		zip_int64_t at = qdpx_locate(m, s, err);
		rc = at < 0 ? JAW_FAIL : qdpx_read_entry(m->zip, at, name, &raw, &len, err);
	}
	struct qdpx_text t = {0};
	if (rc == JAW_OK)
		rc = qdpx_text_make(name, raw, len, &t, err);
	free(raw);
	bool blank = rc == JAW_OK && t.text[strspn(t.text, " \t\n")] == '\0';
	int64_t source = 0;
	if (rc == JAW_OK && !blank)
		rc = qdpx_store_text(m, s, name, t.text, &source, err);
	for (size_t k = 0; rc == JAW_OK && k < m->doc->ncodings; k++) {
		if (m->doc->codings[k].source != i)
			continue;
		if (blank)
			m->res->codings_skipped++;
		else
			rc = qdpx_store_coding(m, &m->doc->codings[k], source, &t, err);
	}
	if (blank)
		m->res->sources_skipped++;
	free(t.text);
	free(t.map);
	free(name);
	return rc;
}

/* Reads project.qde of the open zip into r. */
static int qdpx_read_project(struct qdpx_import *m, struct refi_reader *r, jaw_err *err)
{
	zip_int64_t i = zip_name_locate(m->zip, "project.qde", ZIP_FL_NOCASE);
	if (i < 0)
		return err_set(err, JAW_FAIL, "%s: no project.qde in it: not a REFI-QDA project",
		               m->path);
	zip_file_t *f = zip_fopen_index(m->zip, (zip_uint64_t)i, 0);
	if (!f)
		return err_set(err, JAW_FAIL, "%s: cannot read project.qde: %s", m->path,
		               zip_strerror(m->zip));
	char buf[65536];
	zip_int64_t n;
	int rc = JAW_OK;
	while (rc == JAW_OK && (n = zip_fread(f, buf, sizeof buf)) > 0)
		rc = refi_reader_feed(r, buf, (size_t)n, false, err);
	if (rc == JAW_OK && n < 0)
		rc = err_set(err, JAW_FAIL, "%s: cannot read project.qde: the zip is damaged", m->path);
	zip_fclose(f);
	return rc == JAW_OK ? refi_reader_feed(r, "", 0, true, err) : rc;
}

int refi_import_qdpx(struct jaw_db *db, const char *coder, const char *path,
                     struct refi_import_result *res, jaw_err *err)
{
	memset(res, 0, sizeof *res);
	int zerr = 0;
	zip_t *zip = zip_open(path, ZIP_RDONLY, &zerr);
	if (!zip) {
		zip_error_t ze;
		zip_error_init_with_code(&ze, zerr);
		err_set(err, JAW_FAIL, "%s: cannot open: %s", path, zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return JAW_FAIL;
	}
	int rc = refi_import_qdpx_zip(db, coder, path, zip, res, err);
	zip_discard(zip);
	return rc;
}

int refi_import_qdpx_zip(struct jaw_db *db, const char *coder, const char *path, zip_t *zip,
                         struct refi_import_result *res, jaw_err *err)
{
	memset(res, 0, sizeof *res);
	struct qdpx_import m = {.db = db, .path = path, .coder = coder, .res = res, .zip = zip};
	char *qde = xasprintf("%s:project.qde", path);
	struct refi_reader *r = refi_reader_new(REFI_PROJECT, qde);
	m.qde = qde;
	int rc = qdpx_read_project(&m, r, err);
	m.doc = refi_reader_doc(r);
	int64_t activity = rc == JAW_OK ? activity_begin(db, coder, "an import", path, err) : 0;
	if (activity < 0 ||
	    (rc == JAW_OK && !(m.tx = journal_begin(db, coder, "source-import-qdpx", err))))
		rc = JAW_FAIL;
	if (rc == JAW_OK)
		rc = refi_store_codes(m.tx, qde, m.doc, &m.codes, err);
	for (size_t i = 0; rc == JAW_OK && i < m.doc->nsources; i++)
		rc = qdpx_store_source(&m, i, err);
	res->codes_added = m.codes.added;
	res->codes_matched = m.codes.matched;
	res->sources_skipped += m.doc->skipped_sources;
	res->codings_skipped += m.doc->skipped_codings;
	if (rc == JAW_OK) {
		char *summary = xasprintf("import project %s (%zu codes, %zu sources, %zu codings"
		                          " added)", path, res->codes_added, res->sources_added,
		                          res->codings_added);
		rc = journal_commit(m.tx, summary, NULL, err);
		free(summary);
	} else {
		journal_abort(m.tx);
	}
	activity_end(db, activity);
	free(m.codes.ids);
	refi_reader_free(r);
	free(qde);
	return rc;
}
