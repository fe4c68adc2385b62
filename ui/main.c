/* main.c - jaw's entry point: the subcommands, --demo, and the interface. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "db.h"
#include "jawrc.h"
#include "project_schema.h"
#include "safeout.h"
#include "ui.h"
#include "xalloc.h"
#include "xdg.h"

/* Text is UTF-8: use the user's locale if it is, C.UTF-8 if not. */
static void main_set_locale(void)
{
	setlocale(LC_ALL, "");
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");
}

/* Collects jawrc problems to show in the status bar. */
struct main_rc_report {
	int count;
	char first[512];
};

static void main_rc_problem(void *ctx, const char *message)
{
	struct main_rc_report *r = ctx;
	if (r->count++ == 0)
		snprintf(r->first, sizeof r->first, "%s", message);
}

/* The drafts interrupted edits left (editor.c), for the first message of
 * a session: how many, where, and the newest; "" when there are none. */
static void main_drafts(char *msg, size_t size)
{
	msg[0] = '\0';
	jaw_err err;
	err_clear(&err);
	char *dir = xdg_data_dir_new("drafts", &err);
	DIR *d = dir ? opendir(dir) : NULL;
	int n = 0;
	char newest[256] = "";
	time_t newest_at = 0;
	for (struct dirent *e; d && (e = readdir(d));) {
		if (e->d_name[0] == '.')
			continue;
		char *path = xasprintf("%s/%s", dir, e->d_name);
		struct stat st;
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
			n++;
			if (st.st_mtime >= newest_at) {
				newest_at = st.st_mtime;
				snprintf(newest, sizeof newest, "%s", e->d_name);
			}
		}
		free(path);
	}
	if (d)
		closedir(d);
	if (n > 0)
		snprintf(msg, size, "%d draft%s of interrupted edits in %s (newest: %s): copy what you"
		         " need into the project, then delete them", n, n == 1 ? "" : "s", dir, newest);
	free(dir);
}

/* Opens the interface on path; returns the exit status. */
static int main_interface(const char *path)
{
	jaw_err err;
	err_clear(&err);
	struct jaw_db *db = NULL;
	if (db_open(path, DB_OPEN_AS_ALLOWED, &project_schema, &db, &err) != JAW_OK)
		return cmd_fail(JAW_FAIL, err.msg);
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		db_close(db);
		return cmd_fail(JAW_FAIL, "the interface needs a terminal (for scripts, see jaw --help)");
	}
	/* a checkpoint in a commit was the p99 of applying a code: the WAL is
	 * checkpointed from a thread; if that cannot start, by the commits */
	jaw_err bg;
	err_clear(&bg);
	(void)db_checkpoint_in_background(db, &bg);
	struct jawrc *rc = jawrc_new();
	struct main_rc_report report = {0};
	jawrc_load_defaults(rc, main_rc_problem, &report);
	char *user = jawrc_user_path_new();
	jawrc_load_file(rc, user, main_rc_problem, &report);
	free(user);
	ui_start_terminal(rc);
	struct ui *ui = ui_new(db, rc, &err);
	int status = JAW_FAIL;
	if (ui) {
		char drafts[1024];
		main_drafts(drafts, sizeof drafts);
		if (db_readonly_why(db))
			ui_message(ui, "Read only: %s", db_readonly_why(db));
		else if (*drafts)
			ui_message(ui, "%s", drafts);
		else if (report.count == 1)
			ui_message(ui, "%s", report.first);
		else if (report.count > 1)
			ui_message(ui, "%s (and %d more)", report.first, report.count - 1);
		status = ui_run(ui);
		ui_free(ui);
	}
	ui_stop_terminal();
	if (!ui)
		cmd_fail(JAW_FAIL, err.msg);
	jawrc_free(rc);
	db_close(db);
	return status;
}


/* Whether path is a demo copy jaw can open (an earlier --demo made it). */
static bool main_demo_usable(const char *path)
{
	if (access(path, F_OK) != 0)
		return false;
	jaw_err err;
	err_clear(&err);
	struct jaw_db *db = NULL;
	if (db_open(path, 0, &project_schema, &db, &err) != JAW_OK)
		return false;
	db_close(db);
	return true;
}

/* jaw --demo: the demo project in one place, $XDG_DATA_HOME/jaw/demo.jaw;
 * an earlier copy is opened again with the changes made in it, one that
 * cannot be opened is replaced, and the message says which. */
static int main_demo(void)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return cmd_fail(JAW_FAIL, "the interface needs a terminal; "
		                          "for scripts, use: jaw init FILE --demo");
	jaw_err err;
	err_clear(&err);
	char *dir = xdg_data_dir_new(NULL, &err);
	if (!dir)
		return cmd_fail(JAW_FAIL, err.msg);
	char *path = xasprintf("%s/demo.jaw", dir);
	free(dir);
	bool existed = access(path, F_OK) == 0;
	if (main_demo_usable(path)) {
		safeout_printf(stderr, "jaw: opening the demo project at %s again, with your changes"
		               " (delete it for a fresh copy)\n", path);
	} else {
		char msg[1024];
		db_remove_files(path);
		if (cmd_create_demo(path, msg, sizeof msg) != JAW_OK) {
			free(path);
			return cmd_fail(JAW_FAIL, msg);
		}
		if (existed)
			safeout_printf(stderr, "jaw: the demo project at %s could not be opened; replaced"
			               " it with a fresh copy\n", path);
		else
			safeout_printf(stderr, "jaw: demo project created at %s\n", path);
	}
	int status = main_interface(path);
	if (status == 0)
		safeout_printf(stderr, "jaw: the demo project is kept at %s\n", path);
	free(path);
	return status;
}

int main(int argc, char **argv)
{
	main_set_locale();
	if (argc < 2)
		return cmd_fail(JAW_USAGE, "name a project FILE to open, or try: jaw --demo");
	const char *arg = argv[1];
	if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
		cmd_help(stdout);
		return 0;
	}
	if (strcmp(arg, "--version") == 0 || strcmp(arg, "-V") == 0) {
		printf("jaw %s (schema version %d)\n", PACKAGE_VERSION, PROJECT_SCHEMA_VERSION);
		return 0;
	}
	const struct cmd_command *cmd = cmd_find(arg);
	if (cmd)
		return cmd_run(cmd, argc - 1, argv + 1);
	if (arg[0] == '-' && strcmp(arg, "--demo") != 0) {
		char msg[256];
		snprintf(msg, sizeof msg, "unknown option %s", arg);
		return cmd_fail(JAW_USAGE, msg);
	}
	if (argc > 2)
		return cmd_unknown(arg, argv[2]);
	if (strcmp(arg, "--demo") == 0)
		return main_demo();
	return main_interface(arg);
}
