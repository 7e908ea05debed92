/*
 * randevents.h - random event keys for the story-link tests
 * (test_stories, test_stories_fed): a xorshift generator, sorted
 * distinct key draws, and the idf of the random corpus.
 */
#ifndef RC_TEST_RANDEVENTS_H
#define RC_TEST_RANDEVENTS_H
#include "cluster/stories.h"
#include <stdint.h>

/* xorshift64 step. */
static inline uint64_t rnd(uint64_t *x)
{
    *x ^= *x << 13;
    *x ^= *x >> 7;
    *x ^= *x << 17;
    return *x;
}

/* n distinct keys drawn from [base, base + span) into v[0..), ascending
 * after the k already there (the whole of v sorted on return). */
static inline uint32_t draw(rc_evweight *v, uint32_t k, uint32_t n, uint64_t base, uint64_t span,
                     uint64_t *x)
{
    uint32_t want = k + n;
    for (uint32_t t = 0; t < n * 4 && k < want; t++) {
        uint64_t h = base + rnd(x) % span;
        int dup = 0;
        for (uint32_t j = 0; j < k; j++)
            dup |= v[j].h == h;
        if (dup)
            continue;
        uint32_t j = k++;
        for (; j > 0 && v[j - 1].h > h; j--)
            v[j] = v[j - 1];
        v[j] = (rc_evweight){h, 1.0f};
    }
    return k;
}

/* idf for the random corpus: topic keys 1.0, the shared background
 * (keys from 900,000) 0.1. */
static inline double rand_idf(const void *ctx, uint64_t h)
{
    (void)ctx;
    return h >= 900000 ? 0.1 : 1.0;
}

#endif
