/* fuzz_util.h - what the libFuzzer targets of tests/fuzz share: a project
 * made once per process (in a temporary directory removed at exit), and
 * the fuzzer's bytes as a C string. */
#ifndef JAW_FUZZ_UTIL_H
#define JAW_FUZZ_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db.h"

/* Sets the locale as jaw does (C.UTF-8). Call first. */
void fuzz_init(void);
/* Borrows the process's project, made on first use: empty, or holding the
 * demo. Aborts if it cannot be made. A target that writes to it does so in
 * a transaction it rolls back, so every run sees the same project. */
struct jaw_db *fuzz_project_get(bool demo);
/* Returns data[0..size) with a NUL after it (newly allocated); an input
 * holding a NUL is cut there, as a C string would be. */
char *fuzz_cstr_new(const uint8_t *data, size_t size);
/* Returns a descriptor of a file in memory holding data[0..size), read
 * from its start (the caller closes it); -1 if memfd_create fails. */
int fuzz_memfd(const void *data, size_t size);

#endif
