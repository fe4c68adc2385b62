/* hash.c - XXH64 (seed 0) as specified by its author, fed in pieces. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "hash.h"

static const uint64_t P1 = 0x9E3779B185EBCA87u, P2 = 0xC2B2AE3D27D4EB4Fu,
		      P3 = 0x165667B19E3779F9u, P4 = 0x85EBCA77C2B2AE63u,
		      P5 = 0x27D4EB2F165667C5u;

static uint64_t hash64_rotl(uint64_t x, int r)
{
	return (x << r) | (x >> (64 - r));
}

/* A little-endian word, written as one expression so that the compiler
 * makes it a single load (the loop it replaces was read byte by byte). */
static uint64_t hash64_read64(const unsigned char *p)
{
	return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24 |
	       (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 |
	       (uint64_t)p[7] << 56;
}

static uint32_t hash64_read32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t hash64_round(uint64_t acc, uint64_t input)
{
	acc += input * P2;
	acc = hash64_rotl(acc, 31);
	return acc * P1;
}

static uint64_t hash64_merge(uint64_t acc, uint64_t v)
{
	acc ^= hash64_round(0, v);
	return acc * P1 + P4;
}

void hash64_init(struct hash64 *h)
{
	memset(h, 0, sizeof *h);
	h->v[0] = P1 + P2;
	h->v[1] = P2;
	h->v[2] = 0;
	h->v[3] = -P1;
}

/* Consumes one 32-byte stripe. */
static void hash64_stripe(struct hash64 *h, const unsigned char *p)
{
	for (int i = 0; i < 4; i++)
		h->v[i] = hash64_round(h->v[i], hash64_read64(p + 8 * i));
}

void hash64_update(struct hash64 *h, const void *data, size_t len)
{
	const unsigned char *p = data;
	h->total += len;
	if (h->nbuf > 0) {
		size_t take = 32 - h->nbuf < len ? 32 - h->nbuf : len;
		memcpy(h->buf + h->nbuf, p, take);
		h->nbuf += take;
		p += take;
		len -= take;
		if (h->nbuf < 32)
			return;
		hash64_stripe(h, h->buf);
		h->nbuf = 0;
	}
	for (; len >= 32; p += 32, len -= 32)
		hash64_stripe(h, p);
	memcpy(h->buf, p, len);
	h->nbuf = len;
}

uint64_t hash64_final(const struct hash64 *h)
{
	uint64_t acc;
	if (h->total >= 32) {
		acc = hash64_rotl(h->v[0], 1) + hash64_rotl(h->v[1], 7) + hash64_rotl(h->v[2], 12) +
		      hash64_rotl(h->v[3], 18);
		for (int i = 0; i < 4; i++)
			acc = hash64_merge(acc, h->v[i]);
	} else {
		acc = P5;
	}
	acc += h->total;
	const unsigned char *p = h->buf;
	size_t len = h->nbuf;
	for (; len >= 8; p += 8, len -= 8) {
		acc ^= hash64_round(0, hash64_read64(p));
		acc = hash64_rotl(acc, 27) * P1 + P4;
	}
	if (len >= 4) {
		acc ^= (uint64_t)hash64_read32(p) * P1;
		acc = hash64_rotl(acc, 23) * P2 + P3;
		p += 4;
		len -= 4;
	}
	for (; len > 0; p++, len--) {
		acc ^= *p * P5;
		acc = hash64_rotl(acc, 11) * P1;
	}
	acc ^= acc >> 33;
	acc *= P2;
	acc ^= acc >> 29;
	acc *= P3;
	acc ^= acc >> 32;
	return acc;
}

void hash64_hex(uint64_t hash, char out[17])
{
	snprintf(out, 17, "%016" PRIx64, hash);
}
