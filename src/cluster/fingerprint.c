/*
 * fingerprint.c - sentence fingerprints and the exact-text hash; see
 * fingerprint.h.
 */
#include "cluster/fingerprint.h"
#include "cluster/minhash.h"
#include "util/mem.h"

#define SEED_SENTENCE 0x7265636f75706511ull
#define SEED_TEXT 0x7265636f75706512ull

/* Sentence fingerprints from word hashes; see fingerprint.h. */
size_t rc_sentence_fps_of(const rc_words *w, uint64_t **out)
{
    *out = NULL;
    uint64_t *v = NULL;
    size_t n = 0, cap = 0;
    size_t i = 0;
    while (i < w->n && n < RC_FP_MAX_SENTENCES) {
        uint32_t s = w->sentence[i];
        uint64_t h = SEED_SENTENCE;
        size_t words = 0;
        for (; i < w->n && w->sentence[i] == s; i++, words++)
            h = rc_hash_chain(h, w->hash[i]);
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

/* Sentence fingerprints of a document; see fingerprint.h. */
size_t rc_sentence_fps(const rc_doc *d, uint64_t **out)
{
    rc_words w;
    rc_words_init(&w, d);
    size_t n = rc_sentence_fps_of(&w, out);
    rc_words_cleanup(&w);
    return n;
}

/* Whole-text hash from word hashes; see fingerprint.h. */
uint64_t rc_text_hash_of(const rc_words *w)
{
    if (!w->n)
        return 0;
    uint64_t h = SEED_TEXT;
    for (size_t i = 0; i < w->n; i++)
        h = rc_hash_chain(h, w->hash[i]);
    return h ? h : 1;
}

/* Whole-text hash of a document; see fingerprint.h. */
uint64_t rc_text_hash(const rc_doc *d)
{
    rc_words w;
    rc_words_init(&w, d);
    uint64_t h = rc_text_hash_of(&w);
    rc_words_cleanup(&w);
    return h;
}

/* Share of a found in b; see fingerprint.h. */
double rc_fp_share(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
    if (!na)
        return 0.0;
    return (double)rc_sorted_common(a, na, b, nb) / (double)na;
}
