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
	NULL,
};

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

int export_run(const struct exporter *x, struct jaw_db *db, FILE *out, jaw_err *err)
{
	void *state = NULL;
	if (x->begin(db, out, &state, err) != JAW_OK)
		return JAW_FAIL;
	enum export_step step;
	while ((step = x->row(state, out, err)) == EXPORT_MORE)
		;
	int rc = x->end(state, out, step == EXPORT_DONE, step == EXPORT_DONE ? err : NULL);
	return step == EXPORT_DONE ? rc : JAW_FAIL;
}

void export_csv_field(FILE *out, const char *s, size_t len, bool last)
{
	csv_fwrite(out, s, len);
	fputc(last ? '\n' : ',', out);
}

void export_csv_text(FILE *out, const char *s, bool last)
{
	export_csv_field(out, s, strlen(s), last);
}

/* Runs x into stdout. */
/* To standard output: exactly as to a file, unless it is a terminal; then
 * each line is sanitised (safeout.h), so that a control character in the
 * data does not reach the terminal. */
static int export_to_stdout(const struct exporter *x, struct jaw_db *db, jaw_err *err)
{
	FILE *safe = isatty(STDOUT_FILENO) ? safeout_stream_open(stdout) : NULL;
	int rc = export_run(x, db, safe ? safe : stdout, err);
	if (safe && fclose(safe) != 0 && rc == JAW_OK)
		rc = err_set(err, JAW_FAIL, "cannot write to standard output: %s", strerror(errno));
	if (fflush(stdout) != 0 || ferror(stdout)) {
		if (rc == JAW_OK)
			err_set(err, JAW_FAIL, "cannot write to standard output: %s", strerror(errno));
		return JAW_FAIL;
	}
	return rc;
}

int export_to_path(const struct exporter *x, struct jaw_db *db, const char *path, jaw_err *err)
{
	if (strcmp(path, "-") == 0)
		return export_to_stdout(x, db, err);
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
	int rc = export_run(x, db, out, err);
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
