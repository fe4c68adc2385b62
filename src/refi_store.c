/* refi_store.c - storing what a REFI-QDA document holds: its codes, through
 * the journaled codebook API, and jaw import-qdc. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "activity.h"
#include "codebook.h"
#include "journal.h"
#include "refi.h"
#include "xalloc.h"

/* The project's code with guid, or else called name under parent_id; 0 if
 * none, -1 on error. */
static int64_t refi_code_existing(struct jaw_db *db, const char *guid, int64_t parent_id,
                                  const char *name, jaw_err *err)
{
	static const char sql[] =
		"SELECT id FROM code WHERE guid = ?1 UNION ALL"
		" SELECT id FROM code WHERE ifnull(parent_id, 0) = ?2 AND name = ?3 LIMIT 1";
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, guid, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, parent_id);
	sqlite3_bind_text(s, 3, name, -1, SQLITE_STATIC);
	int64_t id = 0;
	return db_step_int64(db, s, &id, err) == JAW_OK ? id : -1;
}

/* Gives the new code id the GUID guid. */
static int refi_code_set_guid(struct jaw_db *db, int64_t id, const char *guid, jaw_err *err)
{
	static const char sql[] = "UPDATE code SET guid = ?2 WHERE id = ?1";
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return JAW_FAIL;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, guid, -1, SQLITE_STATIC);
	return db_step_done(db, s, err);
}

/* Adds code i of doc (or finds it in the project) into res->ids[i]. */
static int refi_store_code(struct journal_tx *tx, const char *name, const struct refi_doc *doc,
                           size_t i, struct refi_codes_result *res, jaw_err *err)
{
	struct jaw_db *db = journal_db(tx);
	const struct refi_code *rc = &doc->codes[i];
	int64_t parent = rc->parent ? res->ids[rc->parent - 1] : 0;
	int64_t id = refi_code_existing(db, rc->guid, parent, rc->name, err);
	if (id < 0)
		return JAW_FAIL;
	if (id > 0) {
		res->ids[i] = id;
		res->matched++;
		return JAW_OK;
	}
	struct code c = {.parent_id = parent, .name = rc->name, .description = rc->description,
	                 .colour = rc->colour};
	if (codebook_add_in(tx, &c, err) != JAW_OK ||
	    refi_code_set_guid(db, c.id, rc->guid, err) != JAW_OK) {
		char *why = xstrdup(err->msg);
		err_set(err, JAW_FAIL, "%s line %ld: code \"%.200s\": %s", name, rc->line, rc->name,
		        why);
		free(why);
		return JAW_FAIL;
	}
	res->ids[i] = c.id;
	res->added++;
	return JAW_OK;
}

int refi_store_codes(struct journal_tx *tx, const char *name, const struct refi_doc *doc,
                     struct refi_codes_result *res, jaw_err *err)
{
	res->ids = xcalloc(doc->ncodes ? doc->ncodes : 1, sizeof *res->ids);
	res->added = res->matched = 0;
	for (size_t i = 0; i < doc->ncodes; i++)
		if (refi_store_code(tx, name, doc, i, res, err) != JAW_OK)
			return JAW_FAIL;
	return JAW_OK;
}

int refi_import_qdc(struct jaw_db *db, const char *coder, const char *path,
                    struct refi_import_result *res, jaw_err *err)
{
	memset(res, 0, sizeof *res);
	struct refi_reader *r = refi_reader_new(REFI_CODEBOOK, path);
	if (refi_reader_file(r, path, err) != JAW_OK) {
		refi_reader_free(r);
		return JAW_FAIL;
	}
	int64_t activity = activity_begin(db, coder, "an import", path, err);
	struct journal_tx *tx = activity < 0 ? NULL
	                      : journal_begin(db, coder, "codebook-import", err);
	struct refi_codes_result codes = {0};
	int rc = tx ? refi_store_codes(tx, path, refi_reader_doc(r), &codes, err) : JAW_FAIL;
	if (rc == JAW_OK) {
		char *summary = xasprintf("import codebook %s (%zu codes added)", path, codes.added);
		rc = journal_commit(tx, summary, NULL, err);
		free(summary);
	} else {
		journal_abort(tx);
	}
	activity_end(db, activity);
	res->codes_added = codes.added;
	res->codes_matched = codes.matched;
	free(codes.ids);
	refi_reader_free(r);
	return rc;
}
