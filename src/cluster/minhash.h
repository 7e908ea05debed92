/*
 * minhash.h - near-duplicate text signatures: word shingles, MinHash and
 * LSH banding, and exact Jaccard over shingle sets.
 *
 * Shingles: every run of RC_MH_SHINGLE consecutive word or number tokens
 * (their folded norms, so case and punctuation do not matter; stopwords
 * kept, since copying keeps them too), hashed with XXH3. A document with
 * fewer word tokens than that has no shingles and is never a near
 * duplicate of anything.
 *
 * Signature: RC_MH_K values by one-permutation hashing (one remix of each
 * shingle hash, its top bits choose a bin, each bin keeps its minimum;
 * empty bins are densified by rotation). P(sig_a[k] == sig_b[k]) is about
 * the Jaccard similarity J of the two shingle sets, at O(shingles + K)
 * cost instead of O(shingles x K) for K independent hash functions.
 *
 * Banding: RC_MH_BANDS bands of RC_MH_ROWS rows; each band hashes to one
 * key, and two documents become candidates when any band key is equal:
 * P = 1 - (1 - J^rows)^bands. With 16 x 4 the curve's midpoint is
 * (1/16)^(1/4) = 0.5, the threshold the copy stage verifies against:
 * P(J=0.3) = 0.12, P(J=0.5) = 0.64, P(J=0.7) = 0.99, P(J=0.8) = 1.00.
 * Candidates are then checked with the exact Jaccard of their shingle sets.
 *
 * Ownership: rc_shingles() returns a malloc'd array the caller frees.
 */
#ifndef RC_CLUSTER_MINHASH_H
#define RC_CLUSTER_MINHASH_H
#include <stddef.h>
#include <stdint.h>
#include "doc/doc.h"

#define RC_MH_SHINGLE 4   /* words per shingle */
#define RC_MH_BANDS 16
#define RC_MH_ROWS 4
#define RC_MH_K (RC_MH_BANDS * RC_MH_ROWS)
/* Shingles per document at most (the first ones; about 20,000 words). */
#define RC_MH_MAX_SHINGLES 20000

/* The word and number tokens of a document: XXH3 of each one's folded
 * norm and its sentence, computed once for shingles, sentence
 * fingerprints and the text hash. Arrays are malloc'd (rc_words_cleanup). */
typedef struct rc_words {
    uint64_t *hash;
    uint32_t *sentence;
    size_t n;
} rc_words;

/* Fill w from d's tokens. */
void rc_words_init(rc_words *w, const rc_doc *d);
/* Release w's arrays. */
void rc_words_cleanup(rc_words *w);

/* Order-sensitive combination of a running hash h with the next value t. */
static inline uint64_t rc_hash_chain(uint64_t h, uint64_t t)
{
    h = (h << 27 | h >> 37) ^ t;
    h *= 0x9E3779B97F4A7C15ull;
    return h ^ (h >> 31);
}

/* XXH3 of token t's folded norm (the word identity the copy stage uses). */
uint64_t rc_token_hash(const rc_token *t);
/* 1 when t is a word or number token (what shingles and sentence
 * fingerprints are made of). */
int rc_token_counts(const rc_token *t);

/* The shingle hashes of w in text order, repeats kept (what
 * rc_minhash_sig needs: a minimum does not see order or repeats), in a
 * new array stored in *out (NULL when none); returns the count, 0 when w
 * has fewer than RC_MH_SHINGLE words. rc_sort_unique makes them
 * rc_shingles_of's. */
size_t rc_shingles_raw_of(const rc_words *w, uint64_t **out);
/* The distinct shingle hashes of w, sorted ascending, in a new array
 * stored in *out (NULL when none); returns the count. */
size_t rc_shingles_of(const rc_words *w, uint64_t **out);
/* The same for a document. */
size_t rc_shingles(const rc_doc *d, uint64_t **out);

/* Fill sig with the MinHash signature of the n shingle hashes sh (n >= 1). */
void rc_minhash_sig(const uint64_t *sh, size_t n, uint64_t sig[RC_MH_K]);

/* Fill keys with the RC_MH_BANDS band keys of sig (band b's key also
 * depends on b, so equal rows in different bands do not collide). */
void rc_minhash_bands(const uint64_t sig[RC_MH_K], uint64_t keys[RC_MH_BANDS]);

/* Number of values common to the sorted distinct arrays a[na] and b[nb]
 * (a linear merge). */
size_t rc_sorted_common(const uint64_t *a, size_t na, const uint64_t *b, size_t nb);

/* Exact Jaccard |A n B| / |A u B| of two sorted distinct arrays; 0 when
 * both are empty. */
double rc_jaccard(const uint64_t *a, size_t na, const uint64_t *b, size_t nb);

/* Sort v[n] ascending: by insertion or merges when short, else by the
 * top byte then radix (O(n), no worst case). */
void rc_sort_u64(uint64_t *v, size_t n);

/* Sort v[n] ascending and drop repeats (an LSD radix sort: O(n), no
 * worst case); returns the new count. */
size_t rc_sort_unique(uint64_t *v, size_t n);

#endif
