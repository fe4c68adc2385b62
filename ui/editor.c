/* editor.c - long text in $VISUAL or $EDITOR (after mutt and git): the text
 * goes to a private temporary file, the editor runs on the terminal, and
 * what it saved comes back. An edit ended by a dropped connection or
 * SIGTERM keeps what the editor saved as a draft, which jaw mentions when
 * it next starts. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "coding.h"
#include "ui.h"
#include "utf8.h"
#include "xalloc.h"
#include "xdg.h"

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

/* Runs the editor on path through the shell, so "$EDITOR" may hold options.
 * While it runs jaw ignores Ctrl-C (the editor's to take, as system(3)
 * does), and passes SIGHUP and SIGTERM on to it (a dropped connection
 * ends the editor, not only jaw). Returns its exit status, -1 if it could
 * not run or did not exit, or -2 when a signal that ends the session came. */
static int editor_run(const char *path)
{
	struct sigaction ignore, old_int, old_quit;
	memset(&ignore, 0, sizeof ignore);
	ignore.sa_handler = SIG_IGN;
	sigemptyset(&ignore.sa_mask);
	sigaction(SIGINT, &ignore, &old_int);
	sigaction(SIGQUIT, &ignore, &old_quit);
	pid_t pid = fork();
	if (pid == 0) {
		sigaction(SIGINT, &old_int, NULL);
		sigaction(SIGQUIT, &old_quit, NULL);
		signal(SIGHUP, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		execl("/bin/sh", "sh", "-c", "exec $0 \"$1\"", editor_command(), path, (char *)NULL);
		_exit(127);
	}
	int status = 0, rc = pid < 0 ? -1 : 0;
	bool passed_on = false;
	while (pid > 0 && waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			rc = -1;
			break;
		}
		if (ui_stop_signal && !passed_on) {
			kill(pid, ui_stop_signal == SIGINT ? SIGTERM : ui_stop_signal);
			passed_on = true;
		}
	}
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	if (rc == 0)
		rc = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
	return ui_stop_signal ? -2 : rc;
}

/* Keeps the file an interrupted edit left as a draft in the user's drafts
 * directory (xdg.h); says where in err. */
static void editor_keep_draft(const char *path, const char *name, jaw_err *err)
{
	jaw_err e;
	err_clear(&e);
	char *dir = xdg_data_dir_new("drafts", &e);
	if (!dir) {
		err_set(err, JAW_FAIL, "the edit was interrupted; its draft stays in %s (%s)", path,
		        e.msg);
		return;
	}
	char stamp[32];
	time_t now = time(NULL);
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", localtime(&now));
	char *draft = xasprintf("%s/%s-%s-%ld.txt", dir, name, stamp, (long)getpid());
	for (char *p = strrchr(draft, '/') + 1; *p; p++)
		if (*p == ' ' || *p == '(' || *p == ')' || *p == '/')
			*p = '-';
	if (rename(path, draft) == 0)
		err_set(err, JAW_FAIL, "the edit was interrupted; its draft is kept in %s", draft);
	else
		err_set(err, JAW_FAIL, "the edit was interrupted; its draft stays in %s", path);
	free(draft);
	free(dir);
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
	char *saved = rc == -2 ? editor_read_new(path) : NULL;
	if (rc == -2 && saved && strcmp(saved, text) != 0) {
		editor_keep_draft(path, name, err);
	} else if (rc == -2) {
		err_set(err, JAW_FAIL, "the edit was interrupted before anything was saved");
	} else if (rc != 0) {
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
	free(saved);
	unlink(path); /* gone already if kept as a draft */
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
