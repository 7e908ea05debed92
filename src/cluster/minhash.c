/*
 * minhash.c - shingles, MinHash signatures, LSH band keys, Jaccard; see
 * minhash.h.
 */
#include "cluster/minhash.h"
#include "util/hash.h"
#include "util/mem.h"
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#define SEED_TOKEN 0x7265636f75706501ull   /* arbitrary fixed seeds */
#define SEED_SHINGLE 0x7265636f75706502ull
#define SEED_FUNCS 0x7265636f75706503ull
#define SEED_BAND 0x7265636f75706504ull

static_assert(RC_MH_K == 64, "rc_minhash_sig picks a bin with the top 6 bits");

/* XXH3 of the token's norm; see minhash.h. */
uint64_t rc_token_hash(const rc_token *t)
{
    const char *s = t->norm ? t->norm : "";
    return rc_hash64(s, strlen(s), SEED_TOKEN);
}

/* XXH3 of the token's norm, its length known; see minhash.h. */
static uint64_t token_hash_len(const rc_token *t, size_t len)
{
    return rc_hash64(t->norm ? t->norm : "", t->norm ? len : 0, SEED_TOKEN);
}

/* Word or number token; see minhash.h. */
int rc_token_counts(const rc_token *t)
{
    return (t->flags & (RC_TOK_WORD | RC_TOK_NUM)) != 0;
}

/* Sort v[n] by LSD radix, 8 bits a pass, skipping passes where every
 * value has the same digit. */
static void radix_sort(uint64_t *v, size_t n)
{
    uint64_t small[256];
    uint64_t *tmp = n <= 256 ? small : rc_malloc(n * sizeof *tmp);
    uint64_t *src = v, *dst = tmp;
    for (int shift = 0; shift < 64; shift += 8) {
        size_t count[256] = {0};
        for (size_t i = 0; i < n; i++)
            count[(src[i] >> shift) & 255]++;
        if (count[(src[0] >> shift) & 255] == n)
            continue;
        size_t pos = 0;
        for (size_t d = 0; d < 256; d++) {
            size_t c = count[d];
            count[d] = pos;
            pos += c;
        }
        for (size_t i = 0; i < n; i++)
            dst[count[(src[i] >> shift) & 255]++] = src[i];
        uint64_t *t = src;
        src = dst;
        dst = t;
    }
    if (src != v)
        memcpy(v, src, n * sizeof *v);
    if (tmp != small)
        free(tmp);
}

/* Sort v[n] ascending by insertion (a few values). */
static void insertion_sort(uint64_t *v, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        uint64_t x = v[i];
        size_t j = i;
        for (; j > 0 && v[j - 1] > x; j--)
            v[j] = v[j - 1];
        v[j] = x;
    }
}

/* Sort v[n] (at most 256 values) ascending: runs of 8 by insertion, then
 * bottom-up merges through a stack buffer (the short feature lists of
 * the claims stage: qsort's indirect comparisons were most of the cost). */
static void merge_sort_short(uint64_t *v, size_t n)
{
    uint64_t tmp[256];
    for (size_t b = 0; b < n; b += 8)
        insertion_sort(v + b, b + 8 < n ? 8 : n - b);
    uint64_t *src = v, *dst = tmp;
    for (size_t w = 8; w < n; w *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * w) {
            size_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
            size_t a = lo, b = mid, o = lo;
            while (a < mid && b < hi)
                dst[o++] = src[b] < src[a] ? src[b++] : src[a++];
            while (a < mid)
                dst[o++] = src[a++];
            while (b < hi)
                dst[o++] = src[b++];
        }
        uint64_t *t = src;
        src = dst;
        dst = t;
    }
    if (src != v)
        memcpy(v, src, n * sizeof *v);
}

/* Sort v[n] (17..4096 values) ascending: one scatter on the top byte,
 * then each bucket by insertion (hash values: a few per bucket) or, when
 * a bucket holds more than 32, by radix_sort. O(n) on hashes, O(n) per
 * bucket pass whatever the input. */
static void bucket_sort(uint64_t *v, size_t n)
{
    uint64_t tmp[4096];
    size_t count[257] = {0};
    for (size_t i = 0; i < n; i++)
        count[(v[i] >> 56) + 1]++;
    for (size_t d = 1; d <= 256; d++)
        count[d] += count[d - 1];
    size_t pos[256];
    memcpy(pos, count, sizeof pos);
    for (size_t i = 0; i < n; i++)
        tmp[pos[v[i] >> 56]++] = v[i];
    for (size_t d = 0; d < 256; d++) {
        uint64_t *b = tmp + count[d];
        size_t m = count[d + 1] - count[d];
        if (m > 32)
            radix_sort(b, m);
        else
            insertion_sort(b, m);
    }
    memcpy(v, tmp, n * sizeof *v);
}

/* Sort; see minhash.h. */
void rc_sort_u64(uint64_t *v, size_t n)
{
    if (n < 2)
        return;
    if (n <= 16)
        insertion_sort(v, n);
    else if (n <= 256)
        merge_sort_short(v, n);
    else if (n <= 4096)
        bucket_sort(v, n);
    else
        radix_sort(v, n);
}

/* Sort and drop repeats; see minhash.h. */
size_t rc_sort_unique(uint64_t *v, size_t n)
{
    if (n < 2)
        return n;
    rc_sort_u64(v, n);
    size_t k = 1;
    for (size_t i = 1; i < n; i++)
        if (v[i] != v[k - 1])
            v[k++] = v[i];
    return k;
}

/* Word token hashes and sentences; see minhash.h. */
void rc_words_init(rc_words *w, const rc_doc *d)
{
    w->n = 0;
    w->hash = rc_malloc((d->ntokens ? d->ntokens : 1) * sizeof *w->hash);
    w->sentence = rc_malloc((d->ntokens ? d->ntokens : 1) * sizeof *w->sentence);
    for (size_t i = 0; i < d->ntokens; i++) {
        if (!rc_token_counts(&d->tokens[i]))
            continue;
        /* the text model measured the norm (rc_doc.tokkeys) */
        w->hash[w->n] = d->tokkeys ? token_hash_len(&d->tokens[i], d->tokkeys[i].len)
                                   : rc_token_hash(&d->tokens[i]);
        w->sentence[w->n++] = d->tokens[i].sentence;
    }
}

/* Release the arrays; see minhash.h. */
void rc_words_cleanup(rc_words *w)
{
    free(w->hash);
    free(w->sentence);
    w->hash = NULL;
    w->sentence = NULL;
    w->n = 0;
}

/* Shingle hashes in text order, repeats kept; see minhash.h. */
size_t rc_shingles_raw_of(const rc_words *w, uint64_t **out)
{
    *out = NULL;
    if (w->n < RC_MH_SHINGLE)
        return 0;
    size_t n = w->n - RC_MH_SHINGLE + 1;
    if (n > RC_MH_MAX_SHINGLES)
        n = RC_MH_MAX_SHINGLES;
    uint64_t *v = rc_malloc(n * sizeof *v);
    for (size_t i = 0; i < n; i++) {
        uint64_t h = SEED_SHINGLE;
        for (size_t k = 0; k < RC_MH_SHINGLE; k++)
            h = rc_hash_chain(h, w->hash[i + k]);
        v[i] = h;
    }
    *out = v;
    return n;
}

/* Distinct sorted shingle hashes; see minhash.h. */
size_t rc_shingles_of(const rc_words *w, uint64_t **out)
{
    size_t n = rc_shingles_raw_of(w, out);
    return n ? rc_sort_unique(*out, n) : 0;
}

/* Shingles of a document; see minhash.h. */
size_t rc_shingles(const rc_doc *d, uint64_t **out)
{
    rc_words w;
    rc_words_init(&w, d);
    size_t n = rc_shingles_of(&w, out);
    rc_words_cleanup(&w);
    return n;
}

/* MinHash signature; see minhash.h. One-permutation hashing: each
 * shingle hash is remixed once with an XXH3-drawn seed, its top 6 bits
 * pick one of the RC_MH_K bins and the bin keeps its smallest value; an
 * empty bin borrows the value of the next non-empty bin to its right
 * (circularly), offset by the distance (rotation densification, Shrivastava
 * and Li 2014), so two documents' bins agree with probability about their
 * Jaccard similarity. O(n + RC_MH_K) instead of O(n * RC_MH_K). */
void rc_minhash_sig(const uint64_t *sh, size_t n, uint64_t sig[RC_MH_K])
{
    uint64_t k0 = 0, seed = rc_hash64(&k0, sizeof k0, SEED_FUNCS);
    for (size_t k = 0; k < RC_MH_K; k++)
        sig[k] = UINT64_MAX;
    for (size_t i = 0; i < n; i++) {
        uint64_t x = (sh[i] ^ seed) * 0x9E3779B97F4A7C15ull;
        x ^= x >> 29;
        x *= 0xBF58476D1CE4E5B9ull;
        x ^= x >> 32;
        size_t bin = (size_t)(x >> 58);          /* 64 bins */
        uint64_t v = x & ((1ull << 58) - 1);
        if (v < sig[bin])
            sig[bin] = v;
    }
    if (!n)
        return;
    for (size_t k = 0; k < RC_MH_K; k++) {
        if (sig[k] != UINT64_MAX && sig[k] < (1ull << 58))
            continue;
        size_t d = 1;
        while (sig[(k + d) % RC_MH_K] == UINT64_MAX || sig[(k + d) % RC_MH_K] >= (1ull << 58))
            d++;
        sig[k] = sig[(k + d) % RC_MH_K] + ((uint64_t)d << 58);
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
