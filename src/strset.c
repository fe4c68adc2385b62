/* strset.c - a compact set of byte strings with a value each.
 *
 * Each string is stored once in the arena as an entry: its length, its bytes
 * and its value, the numbers as LEB128 varints (the value zigzag-encoded),
 * so that an 8-byte id seen on line 150000 takes 12 bytes.
 *
 * A slot of the table is 0 when empty, else the entry's offset plus one in
 * its low STRSET_OFF_BITS bits and the top bits of the string's hash above
 * them. A string belongs in the slot that the top bits of its hash number,
 * or the first empty one after it. So most probes that do not match are told
 * apart without reading the arena, and while the table has at most
 * 2^STRSET_TAG_BITS slots, doubling it places each slot from the slot alone.
 * The table is at most three quarters full. A table of 2 MB or more asks for
 * transparent huge pages where the system has them: one page fault and one
 * TLB entry per 2 MB instead of 512, for a table probed at random. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "strset.h"
#include "xalloc.h"

#define STRSET_OFF_BITS 40
#define STRSET_OFF_MASK ((UINT64_C(1) << STRSET_OFF_BITS) - 1)
#define STRSET_TAG_BITS (64 - STRSET_OFF_BITS)
#define STRSET_TAG(hash) ((hash) >> STRSET_OFF_BITS << STRSET_OFF_BITS)
#define STRSET_MIN_BITS 6 /* the table starts with 2^STRSET_MIN_BITS slots */
#define STRSET_HUGE_PAGE ((size_t)2 << 20)

struct strset {
	uint64_t *slots;
	int bits;     /* the table has 2^bits slots */
	size_t mask;  /* slots - 1 */
	size_t count; /* strings held */
	unsigned char *arena;
	size_t used, cap;
};

/* A table of n empty slots (free it with free). */
static uint64_t *strset_slots_new(size_t n)
{
	size_t size = n * sizeof(uint64_t);
#ifdef MADV_HUGEPAGE
	void *p;
	if (size >= STRSET_HUGE_PAGE && posix_memalign(&p, STRSET_HUGE_PAGE, size) == 0) {
		madvise(p, size, MADV_HUGEPAGE);
		memset(p, 0, size);
		return p;
	}
#endif
	return xcalloc(n, sizeof(uint64_t));
}

struct strset *strset_new(void)
{
	struct strset *set = xcalloc(1, sizeof *set);
	set->bits = STRSET_MIN_BITS;
	set->mask = ((size_t)1 << set->bits) - 1;
	set->slots = strset_slots_new(set->mask + 1);
	return set;
}

void strset_free(struct strset *set)
{
	if (!set)
		return;
	free(set->slots);
	free(set->arena);
	free(set);
}

size_t strset_count(const struct strset *set)
{
	return set->count;
}

/* A 64-bit hash of s[0..len), eight bytes at a time, with a final mix so
 * that its top bits depend on every byte. */
static uint64_t strset_hash(const unsigned char *s, size_t len)
{
	const uint64_t k = 0x9E3779B97F4A7C15u;
	uint64_t h = k ^ len, w;
	for (; len >= 8; s += 8, len -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * k;
		h ^= h >> 29;
	}
	if (len > 0) {
		w = 0;
		memcpy(&w, s, len);
		h = (h ^ w) * k;
	}
	h ^= h >> 30;
	h *= 0xBF58476D1CE4E5B9u;
	h ^= h >> 27;
	h *= 0x94D049BB133111EBu;
	return h ^ (h >> 31);
}

/* Reads a varint at p into *n; returns the byte after it. */
static const unsigned char *strset_get_varint(const unsigned char *p, uint64_t *n)
{
	*n = 0;
	for (int shift = 0;; shift += 7) {
		*n |= (uint64_t)(*p & 0x7F) << shift;
		if (!(*p++ & 0x80))
			return p;
	}
}

/* Writes n as a varint at p; returns the byte after it. */
static unsigned char *strset_put_varint(unsigned char *p, uint64_t n)
{
	for (; n > 0x7F; n >>= 7)
		*p++ = (unsigned char)(n | 0x80);
	*p++ = (unsigned char)n;
	return p;
}

/* The entry at off: returns where its bytes start and sets their length. */
static const unsigned char *strset_entry(const struct strset *set, uint64_t off, size_t *len)
{
	uint64_t n;
	const unsigned char *p = strset_get_varint(set->arena + off, &n);
	*len = (size_t)n;
	return p;
}

/* The value of the entry whose bytes p[0..len) are. */
static int64_t strset_entry_value(const unsigned char *p, size_t len)
{
	uint64_t z;
	strset_get_varint(p + len, &z);
	return (int64_t)((z >> 1) ^ (0 - (z & 1)));
}

/* Makes room for need more bytes in the arena. */
static void strset_reserve(struct strset *set, size_t need)
{
	if (need > STRSET_OFF_MASK - set->used) {
		fputs("jaw: out of memory\n", stderr);
		abort();
	}
	if (set->used + need <= set->cap)
		return;
	size_t cap = set->cap ? set->cap : 4096;
	while (set->used + need > cap)
		cap *= 2;
	set->arena = xrealloc(set->arena, cap);
	set->cap = cap;
}

/* Appends an entry to the arena and returns its offset. */
static uint64_t strset_append(struct strset *set, const void *s, size_t len, int64_t value)
{
	strset_reserve(set, 10 + len + 10);
	uint64_t off = set->used;
	unsigned char *p = strset_put_varint(set->arena + off, len);
	if (len > 0)
		memcpy(p, s, len);
	uint64_t zigzag = value < 0 ? ~((uint64_t)value << 1) : (uint64_t)value << 1;
	p = strset_put_varint(p + len, zigzag);
	set->used = (size_t)(p - set->arena);
	return off;
}

/* The slot where a string of this hash belongs in a table of 2^bits slots. */
static size_t strset_home(uint64_t hash, int bits)
{
	return (size_t)(hash >> (64 - bits));
}

/* The hash of the string in slot, as far as a table of 2^bits slots needs:
 * the slot's own top bits while they are enough, else hashed again. */
static uint64_t strset_slot_hash(const struct strset *set, uint64_t slot, int bits)
{
	if (bits <= STRSET_TAG_BITS)
		return slot;
	size_t len;
	const unsigned char *p = strset_entry(set, (slot & STRSET_OFF_MASK) - 1, &len);
	return strset_hash(p, len);
}

/* Doubles the table, placing every slot anew. */
static void strset_grow(struct strset *set)
{
	int bits = set->bits + 1;
	size_t mask = ((size_t)1 << bits) - 1;
	uint64_t *slots = strset_slots_new(mask + 1);
	for (size_t i = 0; i <= set->mask; i++) {
		uint64_t slot = set->slots[i];
		if (!slot)
			continue;
		size_t j = strset_home(strset_slot_hash(set, slot, bits), bits);
		while (slots[j])
			j = (j + 1) & mask;
		slots[j] = slot;
	}
	free(set->slots);
	set->slots = slots;
	set->bits = bits;
	set->mask = mask;
}

void strset_prefetch(const struct strset *set, const void *s, size_t len)
{
	size_t i = strset_home(strset_hash(s, len), set->bits);
	__builtin_prefetch(&set->slots[i]);
}

bool strset_add(struct strset *set, const void *s, size_t len, int64_t value, int64_t *first)
{
	if ((set->count + 1) * 4 > (set->mask + 1) * 3)
		strset_grow(set);
	uint64_t hash = strset_hash(s, len), tag = STRSET_TAG(hash);
	size_t i = strset_home(hash, set->bits);
	for (uint64_t slot; (slot = set->slots[i]) != 0; i = (i + 1) & set->mask) {
		if ((slot & ~STRSET_OFF_MASK) != tag)
			continue;
		size_t n;
		const unsigned char *p = strset_entry(set, (slot & STRSET_OFF_MASK) - 1, &n);
		if (n == len && (len == 0 || memcmp(p, s, len) == 0)) {
			if (first)
				*first = strset_entry_value(p, len);
			return false;
		}
	}
	set->slots[i] = tag | (strset_append(set, s, len, value) + 1);
	set->count++;
	return true;
}
