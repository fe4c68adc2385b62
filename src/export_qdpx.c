/* export_qdpx.c - the project as a REFI-QDA project (.qdpx): a zip, made
 * with libzip in memory, of project.qde (QDA-XML: users, codebook,
 * variables and cases from survey respondents, text sources with their
 * codings, memos as notes) and Sources/GUID.txt, the text of each source. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "export.h"
#include "model.h"
#include "refi.h"
#include "xalloc.h"

/* What each GUID of an export stands for: its last 12 digits are the kind
 * and the row's id, after 24 random ones shared by the export. */
enum qdpx_kind {
	QDPX_SOURCE = 1,
	QDPX_SELECTION,
	QDPX_CODING,
	QDPX_CASE,
	QDPX_VARIABLE,
	QDPX_NOTE,
	QDPX_USER,
	QDPX_CODING_NOTE,
};

/* An export under way. */
struct qdpx {
	struct jaw_db *db;
	char base[37];   /* a random GUID whose last 12 digits each GUID replaces */
	char **users;    /* the coders and memo authors, sorted */
	size_t nusers;
	char *xml;       /* project.qde, being written into qde */
	size_t xml_len;
	FILE *qde;
	zip_source_t *buffer; /* the zip, in memory */
	zip_t *zip;
	sqlite3_stmt *sources;
	int row_rc;      /* the status of the queries a row function ran */
	jaw_err row_err;
};

/* The GUID of row id of kind, into out. */
static void qdpx_guid(const struct qdpx *x, enum qdpx_kind kind, int64_t id, char out[37])
{
	memcpy(out, x->base, 24);
	snprintf(out + 24, 13, "%01x%011llx", (unsigned)kind, (unsigned long long)id & 0xFFFFFFFFFFFull);
}

static void qdpx_guid_attr(FILE *out, const struct qdpx *x, const char *name,
                           enum qdpx_kind kind, int64_t id)
{
	char g[37];
	qdpx_guid(x, kind, id, g);
	refi_xml_attr(out, name, g);
}

/* The number of user name (for its GUID), from 1; 0 if unknown. */
static int64_t qdpx_user(const struct qdpx *x, const char *name)
{
	size_t lo = 0, hi = x->nusers;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(x->users[mid], name);
		if (c == 0)
			return (int64_t)mid + 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* Writes a creatingUser attribute for name, and creationDateTime for at
 * when it is a UTC time jaw wrote (YYYY-MM-DDTHH:MM:SSZ). */
static void qdpx_made(FILE *out, const struct qdpx *x, const char *user, const char *at,
                      const char *user_attr)
{
	int64_t u = user ? qdpx_user(x, user) : 0;
	if (u)
		qdpx_guid_attr(out, x, user_attr, QDPX_USER, u);
	if (at && strlen(at) == 20 && at[10] == 'T' && at[19] == 'Z')
		refi_xml_attr(out, "creationDateTime", at);
}

static const char *qdpx_col(sqlite3_stmt *s, int i)
{
	const char *t = (const char *)sqlite3_column_text(s, i);
	return t ? t : "";
}

/* Runs the static SQL sql (its ?1 bound to p1 if p1 is not 0) and calls
 * row for each row. */
static int qdpx_each(struct qdpx *x, const char *sql, int64_t p1,
                     void (*row)(struct qdpx *x, sqlite3_stmt *s), jaw_err *err)
{
	sqlite3_stmt *s = db_stmt(x->db, sql, err);
	if (!s)
		return JAW_FAIL;
	if (p1)
		sqlite3_bind_int64(s, 1, p1);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		row(x, s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? JAW_OK : err_db(err, db_sqlite(x->db), sql);
}

static void qdpx_user_row(struct qdpx *x, sqlite3_stmt *s)
{
	x->users = xreallocarray(x->users, x->nusers + 1, sizeof *x->users);
	x->users[x->nusers++] = db_column_text_new(s, 0);
}

static int qdpx_users(struct qdpx *x, jaw_err *err)
{
	static const char sql[] =
		"SELECT name FROM (SELECT coder AS name FROM coding UNION"
		" SELECT author FROM memo WHERE author <> '') ORDER BY name COLLATE BINARY";
	if (qdpx_each(x, sql, 0, qdpx_user_row, err) != JAW_OK)
		return JAW_FAIL;
	if (x->nusers == 0)
		return JAW_OK;
	fputs("  <Users>\n", x->qde);
	for (size_t i = 0; i < x->nusers; i++) {
		fputs("    <User", x->qde);
		qdpx_guid_attr(x->qde, x, "guid", QDPX_USER, (int64_t)i + 1);
		refi_xml_attr(x->qde, "name", x->users[i]);
		fputs("/>\n", x->qde);
	}
	fputs("  </Users>\n", x->qde);
	return JAW_OK;
}

static int qdpx_codebook(struct qdpx *x, jaw_err *err)
{
	int64_t n = model_code_count(x->db, err);
	if (n <= 0)
		return n < 0 ? JAW_FAIL : JAW_OK;
	struct refi_codes_writer w;
	if (refi_codes_begin(&w, x->db, 6, err) != JAW_OK)
		return JAW_FAIL;
	fputs("  <CodeBook>\n    <Codes>\n", x->qde);
	int rc;
	while ((rc = refi_codes_next(&w, x->qde, err)) > 0)
		;
	refi_codes_end(&w);
	fputs("    </Codes>\n  </CodeBook>\n", x->qde);
	return rc == 0 ? JAW_OK : JAW_FAIL;
}

static void qdpx_variable_row(struct qdpx *x, sqlite3_stmt *s)
{
	const char *type = qdpx_col(s, 2);
	fputs("    <Variable", x->qde);
	qdpx_guid_attr(x->qde, x, "guid", QDPX_VARIABLE, sqlite3_column_int64(s, 0));
	refi_xml_attr(x->qde, "name", qdpx_col(s, 1));
	refi_xml_attr(x->qde, "typeOfVariable", strcmp(type, "integer") == 0 ? "Integer"
	                                        : strcmp(type, "real") == 0 ? "Float" : "Text");
	fputs(">\n      <Description>", x->qde);
	refi_xml_text(x->qde, qdpx_col(s, 3));
	fputs("</Description>\n    </Variable>\n", x->qde);
}

/* The survey columns that describe respondents: attributes and answers on
 * a scale. */
#define QDPX_VARIABLES "role = 'attribute' OR role = 'likert'"

static void qdpx_value_row(struct qdpx *x, sqlite3_stmt *s)
{
	const char *type = qdpx_col(s, 1), *value = qdpx_col(s, 2);
	const char *element = "TextValue";
	if (strcmp(type, "integer") == 0 && sqlite3_column_type(s, 2) == SQLITE_INTEGER)
		element = "IntegerValue";
	else if (strcmp(type, "real") == 0 && sqlite3_column_type(s, 2) != SQLITE_TEXT &&
	         !strpbrk(value, "eEnN"))
		element = "FloatValue";
	fputs("      <VariableValue><VariableRef", x->qde);
	qdpx_guid_attr(x->qde, x, "targetGUID", QDPX_VARIABLE, sqlite3_column_int64(s, 0));
	fprintf(x->qde, "/><%s>", element);
	refi_xml_text(x->qde, value);
	fprintf(x->qde, "</%s></VariableValue>\n", element);
}

static void qdpx_source_ref_row(struct qdpx *x, sqlite3_stmt *s)
{
	fputs("      <SourceRef", x->qde);
	qdpx_guid_attr(x->qde, x, "targetGUID", QDPX_SOURCE, sqlite3_column_int64(s, 0));
	fputs("/>\n", x->qde);
}

static void qdpx_case_row(struct qdpx *x, sqlite3_stmt *s)
{
	static const char values[] =
		"SELECT c.id, c.value_type, json_extract(r.answers, '$[' || (c.position - 1) || ']')"
		" FROM respondent r JOIN survey_column c ON c.survey_id = r.survey_id"
		" WHERE r.id = ?1 AND (" QDPX_VARIABLES ") AND json_extract(r.answers, '$['"
		" || (c.position - 1) || ']') IS NOT NULL ORDER BY c.position";
	static const char answers[] =
		"SELECT s.id FROM respondent r JOIN survey_column c ON c.survey_id = r.survey_id"
		" JOIN source s ON s.column_id = c.id AND s.respondent_id = r.id"
		" WHERE r.id = ?1 ORDER BY s.id";
	int64_t id = sqlite3_column_int64(s, 0);
	char *name = xasprintf("%s: %s", qdpx_col(s, 1), qdpx_col(s, 2));
	fputs("    <Case", x->qde);
	qdpx_guid_attr(x->qde, x, "guid", QDPX_CASE, id);
	refi_xml_attr(x->qde, "name", name);
	fputs(">\n", x->qde);
	free(name);
	if (x->row_rc == JAW_OK)
		x->row_rc = qdpx_each(x, values, id, qdpx_value_row, &x->row_err);
	if (x->row_rc == JAW_OK)
		x->row_rc = qdpx_each(x, answers, id, qdpx_source_ref_row, &x->row_err);
	fputs("    </Case>\n", x->qde);
}

static int qdpx_cases(struct qdpx *x, jaw_err *err)
{
	static const char variables[] =
		"SELECT id, label, value_type, question FROM survey_column WHERE " QDPX_VARIABLES
		" ORDER BY survey_id, position";
	static const char cases[] =
		"SELECT r.id, s.name, r.external_id FROM respondent r"
		" JOIN survey s ON s.id = r.survey_id ORDER BY r.id";
	int64_t nvars = model_scalar(x->db, "SELECT count(*) FROM survey_column WHERE "
	                                    QDPX_VARIABLES, err);
	int64_t ncases = model_scalar(x->db, "SELECT count(*) FROM respondent", err);
	if (nvars < 0 || ncases < 0)
		return JAW_FAIL;
	if (nvars > 0) {
		fputs("  <Variables>\n", x->qde);
		if (qdpx_each(x, variables, 0, qdpx_variable_row, err) != JAW_OK)
			return JAW_FAIL;
		fputs("  </Variables>\n", x->qde);
	}
	if (ncases == 0)
		return JAW_OK;
	fputs("  <Cases>\n", x->qde);
	x->row_rc = JAW_OK;
	if (qdpx_each(x, cases, 0, qdpx_case_row, err) != JAW_OK)
		return JAW_FAIL;
	if (x->row_rc != JAW_OK)
		return err_set(err, JAW_FAIL, "%s", x->row_err.msg);
	fputs("  </Cases>\n", x->qde);
	return JAW_OK;
}

static void qdpx_selection_row(struct qdpx *x, sqlite3_stmt *s)
{
	int64_t id = sqlite3_column_int64(s, 0);
	const char *coder = qdpx_col(s, 3), *created = qdpx_col(s, 4);
	fputs("      <PlainTextSelection", x->qde);
	qdpx_guid_attr(x->qde, x, "guid", QDPX_SELECTION, id);
	fprintf(x->qde, " startPosition=\"%lld\" endPosition=\"%lld\"",
	        (long long)sqlite3_column_int64(s, 1), (long long)sqlite3_column_int64(s, 2));
	qdpx_made(x->qde, x, coder, created, "creatingUser");
	fputs(">\n        <Coding", x->qde);
	qdpx_guid_attr(x->qde, x, "guid", QDPX_CODING, id);
	qdpx_made(x->qde, x, coder, created, "creatingUser");
	fputs("><CodeRef", x->qde);
	refi_xml_attr(x->qde, "targetGUID", qdpx_col(s, 5));
	fputs("/>", x->qde);
	if (*qdpx_col(s, 6)) {
		fputs("<NoteRef", x->qde);
		qdpx_guid_attr(x->qde, x, "targetGUID", QDPX_CODING_NOTE, id);
		fputs("/>", x->qde);
	}
	fputs("</Coding>\n      </PlainTextSelection>\n", x->qde);
}

static int qdpx_end(void *state, FILE *out, bool ok, jaw_err *err);

/* Starts the zip and writes project.qde up to the sources. */
static int qdpx_start(struct qdpx *x, struct jaw_db *db, jaw_err *err)
{
	x->db = db;
	refi_guid_random(x->base);
	x->qde = open_memstream(&x->xml, &x->xml_len);
	zip_error_t ze;
	zip_error_init(&ze);
	if (!x->qde || !(x->buffer = zip_source_buffer_create(NULL, 0, 0, &ze)) ||
	    !(x->zip = zip_open_from_source(x->buffer, ZIP_TRUNCATE, &ze))) {
		err_set(err, JAW_FAIL, "cannot make the zip: %s", zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return JAW_FAIL;
	}
	zip_error_fini(&ze);
	zip_source_keep(x->buffer);
	char *title = NULL, *created = NULL;
	sqlite3_stmt *s = db_stmt(db, "SELECT title, created FROM project", err);
	if (s && sqlite3_step(s) == SQLITE_ROW) {
		title = db_column_text_new(s, 0);
		created = db_column_text_new(s, 1);
	}
	if (s)
		sqlite3_reset(s);
	fputs("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Project", x->qde);
	refi_xml_attr(x->qde, "xmlns", REFI_PROJECT_NS);
	refi_xml_attr(x->qde, "name", title && *title ? title : "jaw project");
	refi_xml_attr(x->qde, "origin", PACKAGE_STRING);
	qdpx_made(x->qde, x, NULL, created, NULL);
	fputs(">\n", x->qde);
	free(title);
	free(created);
	static const char sources[] =
		"SELECT s.id, " MODEL_SOURCE_TITLE("s") ", s.text, s.created FROM source s ORDER BY s.id";
	if (qdpx_users(x, err) != JAW_OK || qdpx_codebook(x, err) != JAW_OK ||
	    qdpx_cases(x, err) != JAW_OK || !(x->sources = db_stmt(db, sources, err)))
		return JAW_FAIL;
	if (model_scalar(db, "SELECT count(*) FROM source", err) > 0)
		fputs("  <Sources>\n", x->qde);
	return JAW_OK;
}

static int qdpx_begin(struct jaw_db *db, FILE *out, const struct export_options *opt,
                      void **state, jaw_err *err)
{
	(void)out;
	(void)opt;
	struct qdpx *x = xcalloc(1, sizeof *x);
	if (qdpx_start(x, db, err) != JAW_OK) {
		qdpx_end(x, NULL, false, NULL);
		return JAW_FAIL;
	}
	*state = x;
	return JAW_OK;
}

/* Writes one source: its text into the zip, its element and codings. */
static enum export_step qdpx_row(void *state, FILE *out, jaw_err *err)
{
	static const char codings[] =
		"SELECT k.id, k.start_cp, k.end_cp, k.coder, k.created, c.guid, k.memo"
		" FROM coding k JOIN code c ON c.id = k.code_id WHERE k.source_id = ?1"
		" ORDER BY k.start_cp, k.end_cp, k.id";
	struct qdpx *x = state;
	(void)out;
	int rc = sqlite3_step(x->sources);
	if (rc == SQLITE_DONE)
		return EXPORT_DONE;
	if (rc != SQLITE_ROW) {
		err_db(err, db_sqlite(x->db), "the sources");
		return EXPORT_FAILED;
	}
	int64_t id = sqlite3_column_int64(x->sources, 0);
	char g[37];
	qdpx_guid(x, QDPX_SOURCE, id, g);
	char *file = xasprintf("Sources/%s.txt", g), *path = xasprintf("internal://%s.txt", g);
	size_t len = (size_t)sqlite3_column_bytes(x->sources, 2);
	void *text = xmemdup(qdpx_col(x->sources, 2), len ? len : 1);
	zip_source_t *zs = zip_source_buffer(x->zip, text, len, 1);
	if (!zs || zip_file_add(x->zip, file, zs, ZIP_FL_ENC_UTF_8) < 0) {
		err_set(err, JAW_FAIL, "cannot add %s to the zip: %s", file, zip_strerror(x->zip));
		if (zs)
			zip_source_free(zs);
		else
			free(text);
		free(file);
		free(path);
		return EXPORT_FAILED;
	}
	fputs("    <TextSource", x->qde);
	refi_xml_attr(x->qde, "guid", g);
	refi_xml_attr(x->qde, "name", qdpx_col(x->sources, 1));
	refi_xml_attr(x->qde, "plainTextPath", path);
	qdpx_made(x->qde, x, NULL, qdpx_col(x->sources, 3), NULL);
	fputs(">\n", x->qde);
	free(file);
	free(path);
	if (qdpx_each(x, codings, id, qdpx_selection_row, err) != JAW_OK)
		return EXPORT_FAILED;
	fputs("    </TextSource>\n", x->qde);
	return EXPORT_MORE;
}

static void qdpx_note_row(struct qdpx *x, sqlite3_stmt *s)
{
	fputs("    <Note", x->qde);
	qdpx_guid_attr(x->qde, x, "guid", sqlite3_column_int(s, 0) ? QDPX_CODING_NOTE : QDPX_NOTE,
	               sqlite3_column_int64(s, 1));
	refi_xml_attr(x->qde, "name", qdpx_col(s, 2));
	qdpx_made(x->qde, x, qdpx_col(s, 4), qdpx_col(s, 5), "creatingUser");
	fputs("><PlainTextContent>", x->qde);
	refi_xml_text(x->qde, qdpx_col(s, 3));
	fputs("</PlainTextContent></Note>\n", x->qde);
}

/* Writes the memos as notes and closes the document. */
static int qdpx_notes(struct qdpx *x, jaw_err *err)
{
	static const char notes[] =
		"SELECT 0, id, CASE title WHEN '' THEN 'memo on ' || target_kind ELSE title END, text,"
		" author, created FROM memo UNION ALL"
		" SELECT 1, id, 'memo on coding ' || id, memo, coder, created FROM coding"
		" WHERE memo <> '' ORDER BY 1, 2";
	if (model_scalar(x->db, "SELECT count(*) FROM source", err) > 0)
		fputs("  </Sources>\n", x->qde);
	int64_t n = model_scalar(x->db, "SELECT (SELECT count(*) FROM memo)"
	                                " + (SELECT count(*) FROM coding WHERE memo <> '')", err);
	if (n < 0)
		return JAW_FAIL;
	if (n > 0) {
		fputs("  <Notes>\n", x->qde);
		if (qdpx_each(x, notes, 0, qdpx_note_row, err) != JAW_OK)
			return JAW_FAIL;
		fputs("  </Notes>\n", x->qde);
	}
	fputs("</Project>\n", x->qde);
	return JAW_OK;
}

/* Adds project.qde, closes the zip and copies its bytes to out. */
static int qdpx_write(struct qdpx *x, FILE *out, jaw_err *err)
{
	if (fclose(x->qde) != 0) {
		x->qde = NULL;
		return err_set(err, JAW_FAIL, "cannot write project.qde");
	}
	x->qde = NULL;
	zip_source_t *zs = zip_source_buffer(x->zip, x->xml, x->xml_len, 1);
	if (!zs || zip_file_add(x->zip, "project.qde", zs, ZIP_FL_ENC_UTF_8) < 0) {
		if (zs)
			zip_source_free(zs);
		else
			free(x->xml);
		x->xml = NULL;
		return err_set(err, JAW_FAIL, "cannot add project.qde: %s", zip_strerror(x->zip));
	}
	x->xml = NULL;
	if (zip_close(x->zip) != 0)
		return err_set(err, JAW_FAIL, "cannot make the zip: %s", zip_strerror(x->zip));
	x->zip = NULL;
	if (zip_source_open(x->buffer) != 0)
		return err_set(err, JAW_FAIL, "cannot read the zip back");
	char buf[65536];
	zip_int64_t n;
	while ((n = zip_source_read(x->buffer, buf, sizeof buf)) > 0)
		fwrite(buf, 1, (size_t)n, out);
	zip_source_close(x->buffer);
	return n < 0 ? err_set(err, JAW_FAIL, "cannot read the zip back") : JAW_OK;
}

static int qdpx_end(void *state, FILE *out, bool ok, jaw_err *err)
{
	struct qdpx *x = state;
	int rc = JAW_OK;
	if (ok)
		rc = qdpx_notes(x, err) == JAW_OK ? qdpx_write(x, out, err) : JAW_FAIL;
	if (x->sources)
		sqlite3_reset(x->sources);
	if (x->qde)
		fclose(x->qde);
	free(x->xml);
	if (x->zip)
		zip_discard(x->zip);
	if (x->buffer)
		zip_source_free(x->buffer);
	for (size_t i = 0; i < x->nusers; i++)
		free(x->users[i]);
	free(x->users);
	free(x);
	return rc;
}

const struct exporter exporter_qdpx = {
	"qdpx", "the project as a REFI-QDA project (.qdpx) for other QDA programs", EXPORT_BINARY,
	qdpx_begin, qdpx_row, qdpx_end,
};
