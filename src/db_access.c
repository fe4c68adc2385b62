/* db_access.c - who may write a project file (db_access.h). */
#include "config.h"

#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db_access.h"
#include "xalloc.h"

static bool db_access_writable(const char *path)
{
	return faccessat(AT_FDCWD, path, W_OK, AT_EACCESS) == 0;
}

/* "mode 644, owner ana, group staff" of st. */
static void db_access_describe(const struct stat *st, char *buf, size_t size)
{
	const struct passwd *pw = getpwuid(st->st_uid);
	const struct group *gr = getgrgid(st->st_gid);
	char uid[24], gid[24];
	snprintf(uid, sizeof uid, "%lu", (unsigned long)st->st_uid);
	snprintf(gid, sizeof gid, "%lu", (unsigned long)st->st_gid);
	snprintf(buf, size, "mode %03o, owner %s, group %s", (unsigned)(st->st_mode & 07777),
	         pw ? pw->pw_name : uid, gr ? gr->gr_name : gid);
}

/* The directory of path, newly allocated ("." for a bare name). */
static char *db_access_dir_new(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	return slash == path ? xstrdup("/") : xstrndup(path, (size_t)(slash - path));
}

/* Checks the side file path + suffix: fine if it exists and is writable,
 * or does not exist and dir_ok. Fills why when it is not. */
static bool db_access_side_ok(const char *path, const char *suffix, bool dir_ok,
                              const char *dir, char *why, size_t size)
{
	char *side = xasprintf("%s%s", path, suffix);
	struct stat st;
	bool ok = true;
	char desc[200];
	if (stat(side, &st) == 0) {
		ok = db_access_writable(side);
		if (!ok) {
			db_access_describe(&st, desc, sizeof desc);
			snprintf(why, size, "%s is read only for you (%s): it must be writable by everyone"
			         " who edits the project; ask its owner to run chmod g+w on it, or to close"
			         " jaw so that it goes", side, desc);
		}
	} else if (!dir_ok) {
		ok = false;
		if (stat(dir, &st) == 0)
			db_access_describe(&st, desc, sizeof desc);
		else
			snprintf(desc, sizeof desc, "cannot be read");
		snprintf(why, size, "the directory %s is not writable for you (%s), and SQLite writes"
		         " %s beside the project while it is edited; ask its owner to make the directory"
		         " writable by the project's group and setgid (chmod g+ws)", dir, desc, side);
	}
	free(side);
	return ok;
}

bool db_access_may_write(const char *path, char *why, size_t size)
{
	struct stat st;
	if (!db_access_writable(path)) {
		char desc[200] = "";
		if (stat(path, &st) == 0)
			db_access_describe(&st, desc, sizeof desc);
		snprintf(why, size, "%s is read only for you (%s); to edit it, ask its owner to make it"
		         " writable by a group you are in (chgrp GROUP; chmod g+w)", path, desc);
		return false;
	}
	char *dir = db_access_dir_new(path);
	bool dir_ok = faccessat(AT_FDCWD, dir, W_OK | X_OK, AT_EACCESS) == 0;
	bool ok = db_access_side_ok(path, "-wal", dir_ok, dir, why, size) &&
	          db_access_side_ok(path, "-shm", dir_ok, dir, why, size);
	free(dir);
	return ok;
}

bool db_access_has_shm(const char *path)
{
	char *shm = xasprintf("%s-shm", path);
	bool has = access(shm, F_OK) == 0;
	free(shm);
	return has;
}

char *db_access_snapshot_uri_new(const char *path)
{
	/* file: URIs take the path percent-encoded */
	static const char hex[] = "0123456789ABCDEF";
	size_t len = strlen(path);
	char *uri = xmalloc(len * 3 + 32), *o = uri;
	o += sprintf(o, "file:");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    strchr("/-._~", *p)) {
			*o++ = (char)*p;
		} else {
			*o++ = '%';
			*o++ = hex[*p >> 4];
			*o++ = hex[*p & 15];
		}
	}
	strcpy(o, "?immutable=1");
	return uri;
}

void db_access_share_side_files(const char *path)
{
	struct stat db;
	if (stat(path, &db) != 0)
		return;
	static const char *const suffixes[] = {"-wal", "-shm"};
	for (size_t i = 0; i < 2; i++) {
		char *side = xasprintf("%s%s", path, suffixes[i]);
		struct stat st;
		if (stat(side, &st) == 0 && st.st_uid == geteuid()) {
			if (st.st_gid != db.st_gid && chown(side, (uid_t)-1, db.st_gid) != 0) {
				/* not in the project's group: leave the group as it is */
			}
			mode_t want = db.st_mode & 0666;
			if ((st.st_mode & 0777) != want && chmod(side, want) != 0) {
				/* leave the mode as it is */
			}
		}
		free(side);
	}
}
