/* export.c - CSV export of codings, written atomically. */
#include "config.h"

#include <csv.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "export.h"
#include "model.h"
#include "text.h"
#include "xalloc.h"

/* The paths of all codes, by id, for the code_path column. */
struct export_paths {
	int64_t *id;
	char **path;
	size_t n;
};

static int export_paths_load(struct jaw_db *db, struct export_paths *p, jaw_err *err)
{
	static const char sql[] =
		"WITH RECURSIVE t(id, path) AS ("
		" SELECT id, name FROM code WHERE parent_id IS NULL UNION ALL"
		" SELECT c.id, t.path || '/' || c.name FROM code c JOIN t ON c.parent_id = t.id)"
		" SELECT id, path FROM t ORDER BY id";
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return JAW_FAIL;
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (p->n == cap) {
			cap = cap ? cap * 2 : 64;
			p->id = xreallocarray(p->id, cap, sizeof *p->id);
			p->path = xreallocarray(p->path, cap, sizeof *p->path);
		}
		p->id[p->n] = sqlite3_column_int64(s, 0);
		p->path[p->n++] = db_column_text_new(s, 1);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? JAW_OK : err_db(err, db_sqlite(db), sql);
}

static const char *export_path(const struct export_paths *p, int64_t id)
{
	size_t lo = 0, hi = p->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (p->id[mid] == id)
			return p->path[mid];
		if (p->id[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return "";
}

static void export_paths_free(struct export_paths *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->path[i]);
	free(p->id);
	free(p->path);
}

/* Reads the text of source id into a new text (NULL with err set). */
static struct text *export_source_text_new(struct jaw_db *db, int64_t id, jaw_err *err)
{
	static const char sql[] = "SELECT text FROM source WHERE id = ?1";
	sqlite3_stmt *s = db_stmt(db, sql, err);
	if (!s)
		return NULL;
	sqlite3_bind_int64(s, 1, id);
	struct text *t = NULL;
	if (sqlite3_step(s) == SQLITE_ROW)
		t = text_new((const char *)sqlite3_column_text(s, 0), (size_t)sqlite3_column_bytes(s, 0));
	else
		err_db(err, db_sqlite(db), sql);
	sqlite3_reset(s);
	return t;
}

/* Writes a quoted field and the separator after it (or the line end). */
static void export_field(FILE *out, const char *s, size_t len, bool last)
{
	csv_fwrite(out, s, len);
	fputc(last ? '\n' : ',', out);
}

static void export_text(FILE *out, const char *s, bool last)
{
	export_field(out, s, strlen(s), last);
}

static const char *export_col(sqlite3_stmt *s, int i)
{
	const char *t = (const char *)sqlite3_column_text(s, i);
	return t ? t : "";
}

/* Writes one coding: the row of s, its text from t. */
static void export_row(FILE *out, sqlite3_stmt *s, const struct text *t,
                       const struct export_paths *paths)
{
	int64_t start = sqlite3_column_int64(s, 2), end = sqlite3_column_int64(s, 3);
	size_t b0 = text_cp_to_byte(t, (size_t)start), b1 = text_cp_to_byte(t, (size_t)end);
	fprintf(out, "%lld,", (long long)sqlite3_column_int64(s, 1));
	export_text(out, export_col(s, 7), false);
	export_text(out, export_col(s, 4), false);
	fprintf(out, "%lld,%lld,", (long long)start, (long long)end);
	export_field(out, text_utf8(t, NULL) + b0, b1 - b0, false);
	export_text(out, export_col(s, 9), false);
	export_text(out, export_col(s, 10), false);
	export_text(out, export_col(s, 11), false);
	export_text(out, export_path(paths, sqlite3_column_int64(s, 8)), false);
	export_text(out, export_col(s, 6), false);
	export_text(out, export_col(s, 5), false);
	fprintf(out, "%lld\n", (long long)sqlite3_column_int64(s, 0));
}

int export_codings(struct jaw_db *db, FILE *out, jaw_err *err)
{
	static const char sql[] =
		"SELECT k.id, k.source_id, k.start_cp, k.end_cp, k.coder, k.created, k.memo,"
		" c.name, k.code_id, " MODEL_SOURCE_TITLE("s") ", s.kind, coalesce(st.name, '')"
		" FROM coding k JOIN code c ON c.id = k.code_id JOIN source s ON s.id = k.source_id"
		" LEFT JOIN stakeholder st ON st.id = s.stakeholder_id"
		" ORDER BY k.source_id, k.start_cp, k.end_cp, k.id";
	struct export_paths paths = {0};
	if (export_paths_load(db, &paths, err) != JAW_OK) {
		export_paths_free(&paths);
		return JAW_FAIL;
	}
	sqlite3_stmt *s = db_stmt(db, sql, err);
	int rc = s ? SQLITE_ROW : SQLITE_ERROR;
	fputs("source,code,coder,start,end,text,source_title,source_kind,stakeholder,code_path,"
	      "memo,created,coding\n", out);
	struct text *t = NULL;
	int64_t source = 0;
	bool no_text = false;
	while (s && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (!t || sqlite3_column_int64(s, 1) != source) {
			text_free(t);
			source = sqlite3_column_int64(s, 1);
			if (!(t = export_source_text_new(db, source, err))) {
				no_text = true;
				break;
			}
		}
		export_row(out, s, t, &paths);
	}
	int status = rc == SQLITE_DONE ? JAW_OK : JAW_FAIL;
	if (s && rc != SQLITE_DONE && !no_text)
		err_db(err, db_sqlite(db), sql);
	if (s)
		sqlite3_reset(s);
	text_free(t);
	export_paths_free(&paths);
	return status;
}

/* Writes to stdout. */
static int export_to_stdout(int (*write)(void *, FILE *, jaw_err *), void *ctx, jaw_err *err)
{
	int rc = write(ctx, stdout, err);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		if (rc == JAW_OK)
			err_set(err, JAW_FAIL, "cannot write to standard output: %s", strerror(errno));
		return JAW_FAIL;
	}
	return rc;
}

int export_to_file(const char *path, int (*write)(void *ctx, FILE *out, jaw_err *err),
                   void *ctx, jaw_err *err)
{
	if (strcmp(path, "-") == 0)
		return export_to_stdout(write, ctx, err);
	char *tmp = xasprintf("%s.XXXXXX", path);
	int fd = mkstemp(tmp);
	mode_t mask = umask(0);
	umask(mask);
	if (fd >= 0)
		fchmod(fd, 0666 & ~mask); /* mkstemp makes it 0600 */
	FILE *out = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!out) {
		err_set(err, JAW_FAIL, "%s: cannot write: %s", path, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(tmp);
		}
		free(tmp);
		return JAW_FAIL;
	}
	int rc = write(ctx, out, err);
	bool io_ok = fflush(out) == 0 && !ferror(out) && fsync(fileno(out)) == 0;
	int saved = errno;
	if (fclose(out) != 0 && io_ok) {
		io_ok = false;
		saved = errno;
	}
	if (rc == JAW_OK && !io_ok)
		rc = err_set(err, JAW_FAIL, "%s: cannot write: %s", path, strerror(saved));
	if (rc == JAW_OK && rename(tmp, path) != 0)
		rc = err_set(err, JAW_FAIL, "%s: cannot write: %s", path, strerror(errno));
	if (rc != JAW_OK)
		unlink(tmp);
	free(tmp);
	return rc;
}
