/* export.c - the exporters, the loop that drives one, and writing a file
 * atomically. */
#include "config.h"

#include <csv.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "export.h"
#include "safeout.h"
#include "xalloc.h"

const struct exporter *const export_all[] = {
	&exporter_codings,
	&exporter_codebook,
	&exporter_timeline,
	&exporter_stakeholders,
	&exporter_memos,
	&exporter_findings,
	&exporter_citations,
	&exporter_report,
	&exporter_qdc,
	&exporter_qdpx,
	NULL,
};

static const struct export_options export_defaults = {.excel = false};

const struct exporter *export_find(const char *name)
{
	for (const struct exporter *const *x = export_all; *x; x++)
		if (strcmp((*x)->name, name) == 0)
			return *x;
	return NULL;
}

void export_names(char *buf, size_t size, const char *sep)
{
	size_t len = 0;
	if (size)
		buf[0] = '\0';
	for (const struct exporter *const *x = export_all; *x && len < size; x++) {
		int n = snprintf(buf + len, size - len, "%s%s", x == export_all ? "" : sep, (*x)->name);
		len += n > 0 ? (size_t)n : 0;
	}
}

void export_expect_rows(const struct export_options *opt, int64_t rows)
{
	if (opt->expected && rows > 0)
		*opt->expected = rows;
}

int export_run(const struct exporter *x, struct jaw_db *db, FILE *out,
               const struct export_options *opt, jaw_err *err)
{
	struct export_options run = opt ? *opt : export_defaults;
	int64_t total = 0, done = 0;
	run.expected = &total;
	if (run.progress && !run.progress(run.progress_ctx, 0, 0))
		return err_set(err, JAW_FAIL, "export cancelled");
	void *state = NULL;
	if (x->begin(db, out, &run, &state, err) != JAW_OK)
		return JAW_FAIL;
	enum export_step step;
	while ((step = x->row(state, out, err)) == EXPORT_MORE) {
		if (run.progress && !run.progress(run.progress_ctx, ++done, total)) {
			err_set(err, JAW_FAIL, "export cancelled");
			step = EXPORT_FAILED;
			break;
		}
	}
	int rc = x->end(state, out, step == EXPORT_DONE, step == EXPORT_DONE ? err : NULL);
	return step == EXPORT_DONE ? rc : JAW_FAIL;
}

void export_csv_start(struct export_csv *w, FILE *out, const struct export_options *opt)
{
	w->out = out;
	w->eol = opt->excel ? "\r\n" : "\n";
	if (opt->excel)
		fputs("\xEF\xBB\xBF", out);
}

void export_csv_field(const struct export_csv *w, const char *s, size_t len, bool last)
{
	csv_fwrite(w->out, s, len);
	fputs(last ? w->eol : ",", w->out);
}

void export_csv_text(const struct export_csv *w, const char *s, bool last)
{
	export_csv_field(w, s, strlen(s), last);
}

void export_csv_int(const struct export_csv *w, long long n, bool last)
{
	fprintf(w->out, "%lld%s", n, last ? w->eol : ",");
}

void export_csv_header(const struct export_csv *w, const char *names)
{
	fprintf(w->out, "%s%s", names, w->eol);
}

void export_csv_column(const struct export_csv *w, sqlite3_stmt *stmt, int i, bool last)
{
	switch (sqlite3_column_type(stmt, i)) {
	case SQLITE_INTEGER:
		export_csv_int(w, sqlite3_column_int64(stmt, i), last);
		break;
	case SQLITE_NULL:
		fputs(last ? w->eol : ",", w->out);
		break;
	default: {
		const char *t = (const char *)sqlite3_column_text(stmt, i);
		export_csv_field(w, t ? t : "", (size_t)sqlite3_column_bytes(stmt, i), last);
	}
	}
}

/* A table export under way. */
struct export_table_state {
	struct jaw_db *db;
	const struct export_table *table;
	sqlite3_stmt *rows;
	struct export_csv csv;
};

int export_table_begin(struct jaw_db *db, FILE *out, const struct export_options *opt,
                       const struct export_table *t, void **state, jaw_err *err)
{
	sqlite3_stmt *rows = db_stmt(db, t->sql, err);
	if (!rows)
		return JAW_FAIL;
	struct export_table_state *x = xcalloc(1, sizeof *x);
	x->db = db;
	x->table = t;
	x->rows = rows;
	export_csv_start(&x->csv, out, opt);
	export_csv_header(&x->csv, t->header);
	*state = x;
	return JAW_OK;
}

enum export_step export_table_row(void *state, FILE *out, jaw_err *err)
{
	struct export_table_state *x = state;
	(void)out;
	int rc = sqlite3_step(x->rows);
	if (rc == SQLITE_DONE)
		return EXPORT_DONE;
	if (rc != SQLITE_ROW) {
		err_db(err, db_sqlite(x->db), x->table->sql);
		return EXPORT_FAILED;
	}
	int n = sqlite3_column_count(x->rows);
	for (int i = 0; i < n; i++)
		export_csv_column(&x->csv, x->rows, i, i == n - 1);
	return EXPORT_MORE;
}

int export_table_end(void *state, FILE *out, bool ok, jaw_err *err)
{
	struct export_table_state *x = state;
	(void)out;
	(void)ok;
	(void)err;
	sqlite3_reset(x->rows);
	free(x);
	return JAW_OK;
}

/* To standard output: exactly as to a file, unless it is a terminal; then
 * each line is sanitised (safeout.h), so that a control character in the
 * data does not reach the terminal. */
static int export_to_stdout(const struct exporter *x, struct jaw_db *db,
                            const struct export_options *opt, jaw_err *err)
{
	bool tty = isatty(STDOUT_FILENO);
	if (tty && x->format == EXPORT_BINARY)
		return err_set(err, JAW_USAGE, "export %s: it is a zip file, not for a terminal: name a"
		               " file with -o", x->name);
	FILE *safe = tty ? safeout_stream_open(stdout) : NULL;
	int rc = export_run(x, db, safe ? safe : stdout, opt, err);
	if (safe && fclose(safe) != 0 && rc == JAW_OK)
		rc = err_set(err, JAW_FAIL, "cannot write to standard output: %s", strerror(errno));
	if (fflush(stdout) != 0 || ferror(stdout)) {
		if (rc == JAW_OK)
			err_set(err, JAW_FAIL, "cannot write to standard output: %s", strerror(errno));
		return JAW_FAIL;
	}
	return rc;
}

/* Writes straight into path, an existing file that is not a regular one
 * (a device such as /dev/null, a FIFO): it cannot be replaced by a
 * temporary file, and must not be (as root, rename would put a regular file
 * in place of /dev/null). */
static int export_to_special(const struct exporter *x, struct jaw_db *db, const char *path,
                             const struct export_options *opt, jaw_err *err)
{
	FILE *out = fopen(path, "w");
	if (!out)
		return err_set(err, JAW_FAIL, "%s: cannot write: %s", path, strerror(errno));
	int rc = export_run(x, db, out, opt, err);
	bool io_ok = fflush(out) == 0 && !ferror(out);
	int saved = errno;
	if (fclose(out) != 0 && io_ok) {
		io_ok = false;
		saved = errno;
	}
	if (rc == JAW_OK && !io_ok)
		rc = err_set(err, JAW_FAIL, "%s: cannot write: %s", path, strerror(saved));
	return rc;
}

/* Writes a temporary file beside path and renames it over path once it is
 * complete: path is never half-written. */
static int export_to_regular(const struct exporter *x, struct jaw_db *db, const char *path,
                             const struct export_options *opt, jaw_err *err)
{
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
	int rc = export_run(x, db, out, opt, err);
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

int export_to_path(const struct exporter *x, struct jaw_db *db, const char *path,
                   const struct export_options *opt, jaw_err *err)
{
	if (strcmp(path, "-") == 0)
		return export_to_stdout(x, db, opt, err);
	struct stat st;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return err_set(err, JAW_FAIL, "%s: cannot write: it is a directory", path);
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
		return export_to_special(x, db, path, opt, err);
	/* through a symbolic link: the file it names is replaced, not the link */
	char *real = NULL;
	struct stat lst;
	if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode) && (real = realpath(path, NULL)))
		path = real;
	int rc = export_to_regular(x, db, path, opt, err);
	free(real);
	return rc;
}


void export_csv_text_to(FILE *out, const char *s, bool last)
{
	struct export_csv w = {out, "\n"};
	export_csv_text(&w, s, last);
}
