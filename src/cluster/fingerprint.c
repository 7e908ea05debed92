/*
 * fingerprint.c - sentence fingerprints and the exact-text hash; see
 * fingerprint.h.
 */
#include "cluster/fingerprint.h"
#include "cluster/minhash.h"
#include "util/hash.h"
#include "util/mem.h"

#define SEED_SENTENCE 0x7265636f75706511ull
#define SEED_TEXT 0x7265636f75706512ull

/* Chain value h with the next token hash t (order-sensitive). */
static uint64_t chain(uint64_t h, uint64_t t, uint64_t seed)
{
    uint64_t pair[2] = {h, t};
    return rc_hash64(pair, sizeof pair, seed);
}

/* Sentence fingerprints; see fingerprint.h. */
size_t rc_sentence_fps(const rc_doc *d, uint64_t **out)
{
    *out = NULL;
    uint64_t *v = NULL;
    size_t n = 0, cap = 0;
    size_t i = 0;
    while (i < d->ntokens && n < RC_FP_MAX_SENTENCES) {
        uint32_t s = d->tokens[i].sentence;
        uint64_t h = 0;
        size_t words = 0;
        for (; i < d->ntokens && d->tokens[i].sentence == s; i++) {
            if (!rc_token_counts(&d->tokens[i]))
                continue;
            h = chain(h, rc_token_hash(&d->tokens[i]), SEED_SENTENCE);
            words++;
        }
        if (words < RC_FP_MIN_WORDS)
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 32;
            v = rc_reallocarray(v, cap, sizeof *v);
        }
        v[n++] = h;
    }
    n = rc_sort_unique(v, n);
    *out = v;
    return n;
}

/* Whole-text hash; see fingerprint.h. */
uint64_t rc_text_hash(const rc_doc *d)
{
    uint64_t h = 0;
    size_t words = 0;
    for (size_t i = 0; i < d->ntokens; i++) {
        if (!rc_token_counts(&d->tokens[i]))
            continue;
        h = chain(h, rc_token_hash(&d->tokens[i]), SEED_TEXT);
        words++;
    }
    return words ? (h ? h : 1) : 0;
}

/* Share of a found in b; see fingerprint.h. */
double rc_fp_share(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
    if (!na)
        return 0.0;
    return (double)rc_sorted_common(a, na, b, nb) / (double)na;
}
