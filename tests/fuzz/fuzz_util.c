/* fuzz_util.c - see fuzz_util.h. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "demo.h"
#include "err.h"
#include "fuzz_util.h"
#include "project_schema.h"
#include "xalloc.h"

static char fuzz_dir[64];
static struct jaw_db *fuzz_dbs[2];
static char *fuzz_paths[2];

void fuzz_init(void)
{
	setlocale(LC_ALL, "C.UTF-8");
}

static void fuzz_cleanup(void)
{
	for (int i = 0; i < 2; i++) {
		db_close(fuzz_dbs[i]);
		fuzz_dbs[i] = NULL;
		if (fuzz_paths[i])
			db_remove_files(fuzz_paths[i]);
		free(fuzz_paths[i]);
		fuzz_paths[i] = NULL;
	}
	if (fuzz_dir[0])
		rmdir(fuzz_dir);
}

struct jaw_db *fuzz_project_get(bool demo)
{
	if (fuzz_dbs[demo])
		return fuzz_dbs[demo];
	if (!fuzz_dir[0]) {
		const char *tmp = getenv("TMPDIR");
		snprintf(fuzz_dir, sizeof fuzz_dir, "%.40s/jaw-fuzz-XXXXXX", tmp && *tmp ? tmp : "/tmp");
		if (!mkdtemp(fuzz_dir)) {
			perror(fuzz_dir);
			abort();
		}
		atexit(fuzz_cleanup);
	}
	fuzz_paths[demo] = xasprintf("%s/%s.jaw", fuzz_dir, demo ? "demo" : "empty");
	jaw_err err;
	err_clear(&err);
	if (db_create(fuzz_paths[demo], &project_schema, &fuzz_dbs[demo], &err) != JAW_OK ||
	    (demo && demo_load(fuzz_dbs[demo], &err) != JAW_OK)) {
		fprintf(stderr, "fuzz: cannot make a project: %s\n", err.msg);
		abort();
	}
	return fuzz_dbs[demo];
}

char *fuzz_cstr_new(const uint8_t *data, size_t size)
{
	char *s = xmalloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

int fuzz_memfd(const void *data, size_t size)
{
	int fd = memfd_create("fuzz", MFD_CLOEXEC);
	if (fd < 0)
		return -1;
	const char *p = data;
	while (size > 0) {
		ssize_t n = write(fd, p, size);
		if (n <= 0) {
			close(fd);
			return -1;
		}
		p += n;
		size -= (size_t)n;
	}
	if (lseek(fd, 0, SEEK_SET) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}
