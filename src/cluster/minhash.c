/*
 * minhash.c - shingles, MinHash signatures, LSH band keys, Jaccard; see
 * minhash.h.
 */
#include "cluster/minhash.h"
#include "util/hash.h"
#include "util/mem.h"
#include <stdlib.h>
#include <string.h>

#define SEED_TOKEN 0x7265636f75706501ull   /* arbitrary fixed seeds */
#define SEED_SHINGLE 0x7265636f75706502ull
#define SEED_FUNCS 0x7265636f75706503ull
#define SEED_BAND 0x7265636f75706504ull

/* XXH3 of the token's norm; see minhash.h. */
uint64_t rc_token_hash(const rc_token *t)
{
    const char *s = t->norm ? t->norm : "";
    return rc_hash64(s, strlen(s), SEED_TOKEN);
}

/* Word or number token; see minhash.h. */
int rc_token_counts(const rc_token *t)
{
    return (t->flags & (RC_TOK_WORD | RC_TOK_NUM)) != 0;
}

/* qsort order of uint64_t values. */
static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Sort and drop repeats; see minhash.h. */
size_t rc_sort_unique(uint64_t *v, size_t n)
{
    if (n < 2)
        return n;
    qsort(v, n, sizeof *v, cmp_u64);
    size_t k = 1;
    for (size_t i = 1; i < n; i++)
        if (v[i] != v[k - 1])
            v[k++] = v[i];
    return k;
}

/* Distinct sorted shingle hashes; see minhash.h. */
size_t rc_shingles(const rc_doc *d, uint64_t **out)
{
    *out = NULL;
    uint64_t win[RC_MH_SHINGLE];
    size_t have = 0, n = 0, cap = 0;
    uint64_t *v = NULL;
    for (size_t i = 0; i < d->ntokens && n < RC_MH_MAX_SHINGLES; i++) {
        if (!rc_token_counts(&d->tokens[i]))
            continue;
        memmove(win, win + 1, sizeof win - sizeof *win);
        win[RC_MH_SHINGLE - 1] = rc_token_hash(&d->tokens[i]);
        if (++have < RC_MH_SHINGLE)
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 128;
            v = rc_reallocarray(v, cap, sizeof *v);
        }
        v[n++] = rc_hash64(win, sizeof win, SEED_SHINGLE);
    }
    n = rc_sort_unique(v, n);
    *out = v;
    return n;
}

/* MinHash signature; see minhash.h. The function seeds are drawn from
 * XXH3 on each call (64 short hashes: cheaper than any shared state). */
void rc_minhash_sig(const uint64_t *sh, size_t n, uint64_t sig[RC_MH_K])
{
    uint64_t seeds[RC_MH_K];
    for (uint64_t k = 0; k < RC_MH_K; k++) {
        seeds[k] = rc_hash64(&k, sizeof k, SEED_FUNCS);
        sig[k] = UINT64_MAX;
    }
    for (size_t i = 0; i < n; i++) {
        uint64_t h = sh[i];
        for (size_t k = 0; k < RC_MH_K; k++) {
            uint64_t x = (h ^ seeds[k]) * 0x9E3779B97F4A7C15ull;
            x ^= x >> 32;
            if (x < sig[k])
                sig[k] = x;
        }
    }
}

/* Band keys; see minhash.h. */
void rc_minhash_bands(const uint64_t sig[RC_MH_K], uint64_t keys[RC_MH_BANDS])
{
    for (size_t b = 0; b < RC_MH_BANDS; b++)
        keys[b] = rc_hash64(sig + b * RC_MH_ROWS, RC_MH_ROWS * sizeof *sig, SEED_BAND + b);
}

/* Common values of two sorted arrays; see minhash.h. */
size_t rc_sorted_common(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
    size_t i = 0, j = 0, c = 0;
    while (i < na && j < nb) {
        if (a[i] < b[j])
            i++;
        else if (a[i] > b[j])
            j++;
        else {
            c++;
            i++;
            j++;
        }
    }
    return c;
}

/* Exact Jaccard; see minhash.h. */
double rc_jaccard(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
    if (!na && !nb)
        return 0.0;
    size_t c = rc_sorted_common(a, na, b, nb);
    return (double)c / (double)(na + nb - c);
}
