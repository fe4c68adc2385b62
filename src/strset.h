/* strset.h - a set of byte strings, each added with a 64-bit value, in
 * compact memory: the strings live in one arena and the table is 8-byte
 * slots (open addressing, linear probing). Strings may hold any bytes, NUL
 * too; lengths are given. The survey planner uses it to find duplicate
 * respondent ids and the line each one was first seen on. */
#ifndef JAW_STRSET_H
#define JAW_STRSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct strset;

/* Returns a new, empty set; free it with strset_free. */
struct strset *strset_new(void);
/* Frees set and everything in it; NULL does nothing. */
void strset_free(struct strset *set);
/* Adds a copy of s[0..len) with value and returns true; if the set holds
 * that string already, changes nothing, returns false and sets *first (if
 * not NULL) to the value it was first added with. */
bool strset_add(struct strset *set, const void *s, size_t len, int64_t value, int64_t *first);
/* Starts loading the part of the table where s[0..len) would be, so that a
 * strset_add of it a little later does not wait for memory; a hint only. */
void strset_prefetch(const struct strset *set, const void *s, size_t len);
/* The number of strings in set. */
size_t strset_count(const struct strset *set);

#endif
