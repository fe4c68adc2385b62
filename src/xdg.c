/* xdg.c - a user's jaw directories (xdg.h). */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "xalloc.h"
#include "xdg.h"

char *xdg_data_dir_new(const char *sub, jaw_err *err)
{
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	char *base = xdg && *xdg == '/' ? xstrdup(xdg)
	           : xasprintf("%s/.local/share", home && *home ? home : "/tmp");
	char *dir = sub && *sub ? xasprintf("%s/jaw/%s", base, sub) : xasprintf("%s/jaw", base);
	free(base);
	/* mkdir -p */
	for (char *p = dir + 1;; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char c = *p;
		*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
			err_set(err, JAW_FAIL, "cannot create %s: %s", dir, strerror(errno));
			free(dir);
			return NULL;
		}
		*p = c;
		if (c == '\0')
			break;
	}
	return dir;
}
