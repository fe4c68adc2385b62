/* export_qdc.c - the codebook as REFI-QDA XML: the writer of nested codes
 * that the codebook (.qdc) and project (.qdpx) exporters share, and the
 * qdc exporter. */
#include "config.h"

#include <stdlib.h>

#include "export.h"
#include "model.h"
#include "refi.h"
#include "xalloc.h"

static const char refi_codes_sql[] =
	EXPORT_CODE_TREE
	"SELECT p.depth, c.guid, c.name, c.colour, c.description,"
	" EXISTS (SELECT 1 FROM code x WHERE x.parent_id = c.id)"
	" FROM paths p JOIN code c ON c.id = p.id ORDER BY p.key";

int refi_codes_begin(struct refi_codes_writer *w, struct jaw_db *db, int indent, jaw_err *err)
{
	*w = (struct refi_codes_writer){.db = db, .indent = indent};
	int64_t n = model_code_count(db, err);
	if (n < 0)
		return JAW_FAIL;
	if (n == 0)
		return err_set(err, JAW_FAIL, "the codebook has no codes, and a REFI-QDA codebook"
		               " holds at least one");
	return (w->rows = db_stmt(db, refi_codes_sql, err)) ? JAW_OK : JAW_FAIL;
}

static void refi_codes_close(struct refi_codes_writer *w, FILE *out, int depth)
{
	while (w->open > depth) {
		w->open--;
		fprintf(out, "%*s</Code>\n", w->indent + 2 * w->open, "");
	}
}

int refi_codes_next(struct refi_codes_writer *w, FILE *out, jaw_err *err)
{
	int rc = sqlite3_step(w->rows);
	if (rc == SQLITE_DONE) {
		refi_codes_close(w, out, 0);
		return 0;
	}
	if (rc != SQLITE_ROW) {
		err_db(err, db_sqlite(w->db), refi_codes_sql);
		return -1;
	}
	int depth = sqlite3_column_int(w->rows, 0);
	const char *colour = (const char *)sqlite3_column_text(w->rows, 3);
	const char *description = (const char *)sqlite3_column_text(w->rows, 4);
	bool below = sqlite3_column_int(w->rows, 5) != 0;
	refi_codes_close(w, out, depth);
	fprintf(out, "%*s<Code", w->indent + 2 * depth, "");
	refi_xml_attr(out, "guid", (const char *)sqlite3_column_text(w->rows, 1));
	refi_xml_attr(out, "name", (const char *)sqlite3_column_text(w->rows, 2));
	fputs(" isCodable=\"true\"", out);
	if (colour && *colour)
		refi_xml_attr(out, "color", colour);
	if (!below && !(description && *description)) {
		fputs("/>\n", out);
		return 1;
	}
	fputs(">\n", out);
	if (description && *description) {
		fprintf(out, "%*s<Description>", w->indent + 2 * depth + 2, "");
		refi_xml_text(out, description);
		fputs("</Description>\n", out);
	}
	if (below)
		w->open = depth + 1;
	else
		fprintf(out, "%*s</Code>\n", w->indent + 2 * depth, "");
	return 1;
}

void refi_codes_end(struct refi_codes_writer *w)
{
	if (w->rows)
		sqlite3_reset(w->rows);
	w->rows = NULL;
}

static int export_qdc_begin(struct jaw_db *db, FILE *out, const struct export_options *opt,
                            void **state, jaw_err *err)
{
	(void)opt;
	struct refi_codes_writer *w = xcalloc(1, sizeof *w);
	if (refi_codes_begin(w, db, 4, err) != JAW_OK) {
		free(w);
		return JAW_FAIL;
	}
	fputs("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<CodeBook", out);
	refi_xml_attr(out, "xmlns", REFI_CODEBOOK_NS);
	refi_xml_attr(out, "origin", PACKAGE_STRING);
	fputs(">\n  <Codes>\n", out);
	*state = w;
	return JAW_OK;
}

static enum export_step export_qdc_row(void *state, FILE *out, jaw_err *err)
{
	int rc = refi_codes_next(state, out, err);
	return rc > 0 ? EXPORT_MORE : rc == 0 ? EXPORT_DONE : EXPORT_FAILED;
}

static int export_qdc_end(void *state, FILE *out, bool ok, jaw_err *err)
{
	(void)err;
	refi_codes_end(state);
	free(state);
	if (ok)
		fputs("  </Codes>\n</CodeBook>\n", out);
	return JAW_OK;
}

const struct exporter exporter_qdc = {
	"qdc", "the codebook as a REFI-QDA codebook (.qdc) for other QDA programs", EXPORT_XML,
	export_qdc_begin, export_qdc_row, export_qdc_end,
};
