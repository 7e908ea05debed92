#include "util/hash.h"
#include <xxhash.h>

/* XXH3 64-bit hash of n bytes with a seed. */
uint64_t rc_hash64(const void *p, size_t n, uint64_t seed)
{
    return XXH3_64bits_withSeed(p, n, seed);
}

/* 16 lowercase hex digits of h. */
void rc_hash_hex(uint64_t h, char out[17])
{
    static const char hex[] = "0123456789abcdef";
    for (int i = 15; i >= 0; i--) {
        out[i] = hex[h & 15];
        h >>= 4;
    }
    out[16] = '\0';
}
