/* hash.h - XXH64, a fast non-cryptographic 64-bit hash, fed in pieces.
 * Used to recognise a results file imported twice; equal hashes only
 * suggest equal files. */
#ifndef JAW_HASH_H
#define JAW_HASH_H

#include <stddef.h>
#include <stdint.h>

/* The state of a hash being computed; treat the fields as private. */
struct hash64 {
	uint64_t v[4];
	uint64_t total;
	unsigned char buf[32];
	size_t nbuf;
};

/* Starts a hash (seed 0). */
void hash64_init(struct hash64 *h);
/* Adds len bytes of data. */
void hash64_update(struct hash64 *h, const void *data, size_t len);
/* Returns the XXH64 of everything added (h is left unchanged). */
uint64_t hash64_final(const struct hash64 *h);
/* Writes a hash as 16 lower-case hexadecimal digits and a NUL. */
void hash64_hex(uint64_t hash, char out[17]);

#endif
