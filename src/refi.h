/* refi.h - REFI-QDA interchange (QDA-XML 1.0, www.qdasoftware.org): the
 * codebook exchange file (.qdc) and the project exchange file (.qdpx, a zip
 * of project.qde and the sources' text).
 *
 * Writing: XML escaping and GUIDs for the exporters (export_qdc.c,
 * export_qdpx.c). Reading: one expat parser for both documents
 * (refi_reader_*), which collects codes, users, text sources and their
 * codings, accepting the variants real exporters write (the namespaces
 * urn:QDA-XML:codebook:1.0, :0:4 and :1:0, an empty <Sets/>, CR LF);
 * malformed XML is refused naming line and column. Storing: the codes of
 * a document go into the project through the journaled codebook API, so
 * an import is one undoable change; a project's sources and codings with
 * them, all or nothing. */
#ifndef JAW_REFI_H
#define JAW_REFI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "db.h"
#include "err.h"
#include "export.h"

/* The namespaces jaw writes. */
#define REFI_CODEBOOK_NS "urn:QDA-XML:codebook:1.0"
#define REFI_PROJECT_NS "urn:QDA-XML:project:1.0"

/* ---- writing ------------------------------------------------------------- */

/* Writes s as XML character data: & < > escaped, CR as &#13; so that it
 * survives, and a character XML 1.0 cannot hold (a control character other
 * than tab, LF and CR, an invalid UTF-8 byte) as U+FFFD. */
void refi_xml_text(FILE *out, const char *s);
/* Writes ` name="value"` with value escaped for an attribute (also " and
 * tab, LF and CR as character references). */
void refi_xml_attr(FILE *out, const char *name, const char *value);
/* Writes a new random (version 4) GUID, 8-4-4-4-12 lower-case hex, into
 * out. */
void refi_guid_random(char out[37]);

/* Writes the codebook as nested <Code> elements, one code at a time (an
 * exporter's rows): each code with its GUID, name, colour and description,
 * the codes below it inside it. */
struct refi_codes_writer {
	struct jaw_db *db;
	sqlite3_stmt *rows;
	int open;   /* <Code> elements left open for the codes below them */
	int indent; /* spaces before a top-level <Code> */
};

/* Starts writing the codes of db. JAW_OK, or JAW_FAIL with err set (also
 * when the project has no code: QDA-XML needs at least one). */
int refi_codes_begin(struct refi_codes_writer *w, struct jaw_db *db, int indent, jaw_err *err);
/* Writes the next code; 1 when it wrote one, 0 when there are no more
 * (then the open elements are closed), -1 on error. */
int refi_codes_next(struct refi_codes_writer *w, FILE *out, jaw_err *err);
/* Frees what w holds (after the last code or an error). */
void refi_codes_end(struct refi_codes_writer *w);

/* ---- reading ------------------------------------------------------------- */

/* What a document must be. */
enum refi_root {
	REFI_CODEBOOK, /* <CodeBook> of a .qdc file */
	REFI_PROJECT,  /* <Project> of a project.qde */
};

/* A code, in document order (a parent before the codes below it). */
struct refi_code {
	char *guid;        /* lower case, without braces */
	char *name;
	char *colour;      /* #RRGGBB ("#RGB" widened), or "" */
	char *description; /* "" when none */
	size_t parent;     /* its parent's index + 1; 0 at the top */
	long line;         /* where its element begins */
};

/* A user (a coder) of a project. */
struct refi_user {
	char *guid, *name;
};

/* A text source of a project. */
struct refi_source {
	char *guid, *name;
	char *path;    /* plainTextPath as written, or NULL */
	char *content; /* PlainTextContent, or NULL */
	long line;
};

/* A coding of a project: a code on a stretch of a text source. */
struct refi_coding {
	size_t source;    /* index into the sources */
	int64_t start, end; /* code points of the source's plain text */
	size_t code;      /* index into the codes */
	char *user;       /* the creating user's GUID, or NULL */
	long line;
};

/* What a document holds. */
struct refi_doc {
	struct refi_code *codes;
	size_t ncodes;
	struct refi_user *users;
	size_t nusers;
	struct refi_source *sources;
	size_t nsources;
	struct refi_coding *codings;
	size_t ncodings;
	size_t skipped_sources; /* sources jaw does not read (PDF, pictures...) */
	size_t skipped_codings; /* codings of those */
};

/* A parse under way. Opaque. */
struct refi_reader;

/* Starts reading a document that must be root; name (borrowed) names it in
 * messages ("codebook.qdc", "study.qdpx:project.qde"). */
struct refi_reader *refi_reader_new(enum refi_root root, const char *name);
/* Frees r (NULL is fine). */
void refi_reader_free(struct refi_reader *r);
/* Parses the next len bytes of the document; last true with the final
 * bytes. Refuses malformed XML as "NAME line L, column C: WHAT", and a
 * document that is not the root asked for or lacks what jaw needs (a code
 * without a name or GUID, a coding of an unknown code, a selection whose
 * end is not after its start) as "NAME line L: WHAT". */
int refi_reader_feed(struct refi_reader *r, const char *data, size_t len, bool last,
                     jaw_err *err);
/* Parses the whole file at path (its name in messages is name). */
int refi_reader_file(struct refi_reader *r, const char *path, jaw_err *err);
/* Borrows what the document holds, once the last bytes are parsed. */
struct refi_doc *refi_reader_doc(struct refi_reader *r);

/* ---- storing --------------------------------------------------------------- */

struct journal_tx;
struct zip; /* libzip's zip_t */

/* What storing the codes did. */
struct refi_codes_result {
	int64_t *ids;   /* the project's code for each code of the document */
	size_t added;   /* codes added */
	size_t matched; /* codes the project had (by GUID, or by name under the
	                   same parent) */
};

/* Adds the codes of doc to the project inside tx (journal.h) through
 * codebook_add_in, each keeping its GUID; a code the project has already
 * (the same GUID, or the same name under the same parent) is not added
 * again but used. res->ids is newly allocated (free it). name names the
 * document in messages ("NAME line L: code "X": WHAT"). */
int refi_store_codes(struct journal_tx *tx, const char *name, const struct refi_doc *doc,
                     struct refi_codes_result *res, jaw_err *err);

/* What jaw import-qdc did. */
struct refi_import_result {
	size_t codes_added, codes_matched;
	size_t sources_added, sources_matched; /* matched: the project had the text */
	size_t codings_added, codings_matched; /* matched: the project had the coding */
	size_t sources_skipped, codings_skipped; /* not text, or empty text */
};

/* Imports the codebook in the .qdc file at path as one journaled change by
 * coder ("codebook-import"): all of it or nothing. */
int refi_import_qdc(struct jaw_db *db, const char *coder, const char *path,
                    struct refi_import_result *res, jaw_err *err);

/* Imports the text sources, codes and codings of the REFI-QDA project (a
 * .qdpx zip) at path as one journaled change by coder ("project-import"),
 * all of it or nothing. A source's text is stored as import-notes stores a
 * note (a document, titled by its name), each coding moved to the same
 * characters of the stored text; a text the project has, a code it has
 * (refi_store_codes) and a coding it has are not added again. Sources that
 * are not text, blank texts and their codings are skipped and counted. The
 * codes and codings go into the journal; the sources stay on undo. */
int refi_import_qdpx(struct jaw_db *db, const char *coder, const char *path,
                     struct refi_import_result *res, jaw_err *err);
/* refi_import_qdpx from the zip zip, already open (borrowed: a file, or a
 * zip in memory), named path in messages. */
int refi_import_qdpx_zip(struct jaw_db *db, const char *coder, const char *path,
                         struct zip *zip, struct refi_import_result *res, jaw_err *err);

#endif
