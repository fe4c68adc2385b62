/* embedded.h - data files compiled into the program (schema, defaults, demo). */
#ifndef JAW_EMBEDDED_H
#define JAW_EMBEDDED_H

#include <stddef.h>

/* One data file; data is NUL-terminated, size excludes the NUL. */
struct embedded_file {
	const char *name;          /* path below data/, e.g. "schema/001-core.sql" */
	const unsigned char *data;
	size_t size;
};

/* All embedded files, ending with an entry whose name is NULL. */
extern const struct embedded_file embedded_files[];

/* Returns the embedded file called name, or NULL. */
const struct embedded_file *embedded_find(const char *name);

#endif
