/* xalloc.h - allocation wrappers that abort with a message on out-of-memory. */
#ifndef JAW_XALLOC_H
#define JAW_XALLOC_H

#include <stddef.h>

/* malloc that never returns NULL: prints "jaw: out of memory" and aborts. */
void *xmalloc(size_t size);
/* calloc that never returns NULL. */
void *xcalloc(size_t nmemb, size_t size);
/* realloc that never returns NULL. */
void *xrealloc(void *ptr, size_t size);
/* reallocarray that checks nmemb * size for overflow and never returns NULL. */
void *xreallocarray(void *ptr, size_t nmemb, size_t size);
/* strdup that never returns NULL; xstrdup(NULL) returns NULL. */
char *xstrdup(const char *s);
/* strndup that never returns NULL. */
char *xstrndup(const char *s, size_t n);
/* A newly allocated copy of size bytes at p (at least one byte allocated). */
void *xmemdup(const void *p, size_t size);
/* Formats into a newly allocated string (caller frees). */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
