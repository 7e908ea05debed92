/*
 * hash.h - content hashing (xxHash XXH3, 64 bit) and hex ids.
 */
#ifndef RC_HASH_H
#define RC_HASH_H
#include <stddef.h>
#include <stdint.h>

/* XXH3 64-bit hash of n bytes with a seed. */
uint64_t rc_hash64(const void *p, size_t n, uint64_t seed);
/* Write h as 16 lowercase hex digits plus NUL into out[17]. */
void rc_hash_hex(uint64_t h, char out[17]);

#endif
