/* editor.c - long text in $VISUAL or $EDITOR (after mutt and git): the text
 * goes to a private temporary file, the editor runs on the terminal, and
 * what it saved comes back. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "coding.h"
#include "ui.h"
#include "utf8.h"
#include "xalloc.h"

static const char *editor_command(void)
{
	const char *e = getenv("VISUAL");
	if (!e || !*e)
		e = getenv("EDITOR");
	return e && *e ? e : "vi";
}

/* Turns CR LF and lone CR into LF, in place (stored text uses LF). */
static void editor_normalise_newlines(char *s)
{
	char *o = s;
	for (char *p = s; *p; p++) {
		if (*p == '\r') {
			*o++ = '\n';
			if (p[1] == '\n')
				p++;
		} else {
			*o++ = *p;
		}
	}
	*o = '\0';
}

/* Reads a whole file into a new string; NULL on error. */
static char *editor_read_new(const char *path)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return NULL;
	size_t len = 0, cap = 4096, n;
	char *buf = xmalloc(cap);
	while ((n = fread(buf + len, 1, cap - len - 1, fp)) > 0) {
		len += n;
		if (cap - len < 2)
			buf = xrealloc(buf, cap *= 2);
	}
	fclose(fp);
	buf[len] = '\0';
	return buf;
}

/* Runs the editor on path through the shell, so "$EDITOR" may hold options. */
static int editor_run(const char *path)
{
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		execl("/bin/sh", "sh", "-c", "exec $0 \"$1\"", editor_command(), path, (char *)NULL);
		_exit(127);
	}
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

char *editor_edit_new(const char *text, const char *name, jaw_err *err)
{
	const char *tmp = getenv("TMPDIR");
	char *path = xasprintf("%s/jaw-%s-XXXXXX.txt", tmp && *tmp ? tmp : "/tmp", name);
	for (char *p = strrchr(path, '/') + 1; *p; p++)
		if (*p == ' ' || *p == '(' || *p == ')')
			*p = '-';
	int fd = mkstemps(path, 4);
	if (fd < 0) {
		err_set(err, JAW_FAIL, "cannot make a temporary file in %s: %s",
		        tmp && *tmp ? tmp : "/tmp", strerror(errno));
		free(path);
		return NULL;
	}
	size_t len = strlen(text);
	bool ok = write(fd, text, len) == (ssize_t)len;
	close(fd);
	char *result = NULL;
	int rc = ok ? editor_run(path) : -1;
	if (rc != 0) {
		err_set(err, JAW_FAIL, "the editor (%s) failed (status %d); nothing changed",
		        editor_command(), rc);
	} else {
		result = editor_read_new(path);
		if (result)
			editor_normalise_newlines(result);
		if (result && !utf8_valid(result, strlen(result), NULL)) {
			err_set(err, JAW_FAIL, "the text is not valid UTF-8; nothing changed");
			free(result);
			result = NULL;
		} else if (result && strcmp(result, text) == 0) {
			free(result);
			result = NULL; /* unchanged */
		}
	}
	unlink(path);
	free(path);
	return result;
}

bool ui_edit_text(struct ui *ui, char **text, const char *name)
{
	jaw_err err;
	err_clear(&err);
	if (!ui->headless)
		ui_suspend_terminal();
	char *edited = editor_edit_new(*text, name, &err);
	if (!ui->headless)
		ui_resume_terminal();
	ui->clear_all = true;
	if (!edited) {
		if (err.status != JAW_OK)
			ui_error(ui, err.msg);
		else
			ui_message(ui, "Unchanged.");
		return false;
	}
	free(*text);
	*text = edited;
	return true;
}

int ui_after_change(struct ui *ui, int rc, const jaw_err *err, const char *done, ...)
{
	if (rc != JAW_OK) {
		ui_error(ui, err->msg);
	} else {
		va_list ap;
		va_start(ap, done);
		vsnprintf(ui->message, sizeof ui->message, done, ap);
		va_end(ap);
		ui->message_is_error = false;
	}
	return UI_RELOAD;
}

char *ui_coder_new(struct ui *ui)
{
	const char *set = jawrc_option(ui->rc, "coder");
	return coding_coder_new(*set ? set : NULL);
}

struct ui_ref *ui_ref_new(int64_t id, const char *name)
{
	struct ui_ref *r = xcalloc(1, sizeof *r);
	r->id = id;
	r->name = xstrdup(name ? name : "");
	return r;
}

void ui_ref_free(void *ref)
{
	struct ui_ref *r = ref;
	if (r)
		free(r->name);
	free(r);
}
