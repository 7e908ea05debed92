/*
 * test_stories.c - event profiles and story linking (cluster/stories.h) on
 * hand-built features: profile weights are share x idf; the similarity is
 * the entity cosine, averaged with the term cosine only when a language is
 * shared; events linked in date order to the most similar story within the
 * time limit; a key common to everything links nothing; stories numbered by
 * first event; thousands of events in bounded work.
 */
#include "test.h"
#include "randevents.h"
#include "cluster/stories.h"
#include <math.h>
#include <string.h>

/* idf: hashes >= 1000 are "common" (0.1), others 1.0; 500 has 2.0. */
static double test_idf(const void *ctx, uint64_t h)
{
    (void)ctx;
    if (h >= 1000)
        return 0.1;
    return h == 500 ? 2.0 : 1.0;
}

/* A feature record with entity keys e[0..ne) (ascending) and terms
 * t[0..nt) (ascending), language lang. */
static rc_evfeat feat(const char *lang, rc_evweight *e, uint32_t ne, rc_evweight *t, uint32_t nt)
{
    rc_evfeat f;
    memset(&f, 0, sizeof f);
    strncpy(f.lang, lang, sizeof f.lang - 1);
    f.ents = e;
    f.nents = ne;
    f.terms = t;
    f.nterms = nt;
    return f;
}

/* Weight of hash h in v[n], -1 when absent. */
static double weight_of(const rc_evweight *v, uint32_t n, uint64_t h)
{
    for (uint32_t i = 0; i < n; i++)
        if (v[i].h == h)
            return v[i].w;
    return -1.0;
}

/* share x idf: key 500 in both members (1 x 2.0), key 7 in one (0.5 x 1.0). */
static void test_profile_weights(void **state)
{
    (void)state;
    rc_evweight e1[] = {{7, 1}, {500, 1}}, e2[] = {{500, 3}};
    rc_evfeat a = feat("fr", e1, 2, NULL, 0), b = feat("fr", e2, 1, NULL, 0);
    const rc_evfeat *m[] = {&a, &b};
    rc_evprofile p;
    rc_evprofile_build(&p, m, 2, test_idf, NULL);
    assert_int_equal(p.nents, 2);
    assert_true(fabs(weight_of(p.ents, p.nents, 500) - 2.0) < 1e-6);
    assert_true(fabs(weight_of(p.ents, p.nents, 7) - 0.5) < 1e-6);
    assert_int_equal(p.nterms, 0);
    rc_evprofile_cleanup(&p);
}

typedef struct simcase {
    const char *name;
    const char *la, *lb;
    uint64_t ea[3], eb[3];   /* entity keys, 0 ends */
    uint64_t ta[3], tb[3];   /* terms */
    double want;
} simcase;

/* Fill v from the 0-terminated keys k[3]; returns the count. */
static uint32_t keys(rc_evweight *v, const uint64_t *k)
{
    uint32_t n = 0;
    while (n < 3 && k[n]) {
        v[n] = (rc_evweight){k[n], 1.0f};
        n++;
    }
    return n;
}

/* Table of similarities worked out by hand (all idf 1, one member each). */
static void test_similarity_table(void **state)
{
    (void)state;
    static const simcase cases[] = {
        {"identical entities, no shared language: 1", "fr", "en", {1, 2, 3}, {1, 2, 3}, {0}, {0}, 1.0},
        {"2 of 3 keys: 2/3", "", "", {1, 2, 3}, {1, 2, 4}, {0}, {0}, 2.0 / 3.0},
        {"disjoint: 0", "", "", {1, 2}, {3, 4}, {0}, {0}, 0.0},
        {"same language: half entities, half terms", "fr", "fr", {1, 2}, {1, 2}, {10, 11}, {12, 13}, 0.5},
        {"terms of other languages do not count", "fr", "en", {1, 2}, {1, 3}, {10, 11}, {10, 11}, 0.5},
        {"same language, terms 1/2, entities 1", "en", "en", {1}, {1}, {10, 11}, {10, 12}, 0.75},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const simcase *c = &cases[i];
        rc_evweight ea[3], eb[3], ta[3], tb[3];
        rc_evfeat fa = feat(c->la, ea, keys(ea, c->ea), ta, keys(ta, c->ta));
        rc_evfeat fb = feat(c->lb, eb, keys(eb, c->eb), tb, keys(tb, c->tb));
        const rc_evfeat *ma[] = {&fa}, *mb[] = {&fb};
        rc_evprofile pa, pb;
        rc_evprofile_build(&pa, ma, 1, test_idf, NULL);
        rc_evprofile_build(&pb, mb, 1, test_idf, NULL);
        double s = rc_evprofile_similarity(&pa, &pb);
        if (fabs(s - c->want) > 1e-6)
            fail_msg("%s: got %f want %f", c->name, s, c->want);
        rc_evprofile_cleanup(&pa);
        rc_evprofile_cleanup(&pb);
    }
}

typedef struct evspec {
    uint64_t e[3];
    int dated;
    int32_t day;
} evspec;

/* Profiles of spec[0..n) (language "", entity keys only) into p. */
static void profiles(const evspec *spec, size_t n, rc_evprofile *p)
{
    for (size_t i = 0; i < n; i++) {
        rc_evweight e[3];
        rc_evfeat f = feat("", e, keys(e, spec[i].e), NULL, 0);
        const rc_evfeat *m[] = {&f};
        rc_evprofile_build(&p[i], m, 1, test_idf, NULL);
        p[i].has_day = spec[i].dated;
        p[i].day = spec[i].day;
    }
}

/* Linking: given out of date order; a chain through shared keys is one
 * story; an unrelated event its own; the same keys 400 days later a new
 * story; a key common to everything (idf 0.1) links nothing; undated
 * events join on their keys alone; stories numbered by first event. */
static void test_link(void **state)
{
    (void)state;
    static const evspec spec[] = {
        {{7, 8, 0}, 1, 100},            /* 0: unrelated -> S0 (first event) */
        {{1, 2, 4}, 1, 30},             /* 1: with 2 (2/3) */
        {{1, 2, 3}, 1, 0},              /* 2: first of its story */
        {{1, 2, 3}, 1, 430},            /* 3: same keys, 400 days after 1 */
        {{1000, 20, 0}, 1, 5},          /* 4: common key 1000 + own 20 */
        {{1000, 21, 0}, 1, 6},          /* 5: common key 1000 + own 21 */
        {{1, 2, 4}, 0, 0},              /* 6: undated, joins 1's story */
    };
    enum { N = sizeof spec / sizeof spec[0] };
    rc_evprofile p[N];
    profiles(spec, N, p);
    size_t st[N];
    size_t ns = rc_stories_link(p, N, NULL, st);
    size_t want[N] = {0, 1, 1, 2, 3, 4, 1};
    assert_int_equal(ns, 5);
    for (size_t i = 0; i < N; i++)
        if (st[i] != want[i])
            fail_msg("event %zu: story %zu, want %zu", i, st[i], want[i]);
    /* a lower threshold still keeps the common key alone from linking 4
     * and 5 (cosine 0.01 / (0.01 + 1) = 0.0099) */
    rc_stories_opts o;
    rc_stories_opts_default(&o);
    assert_true(fabs(o.threshold - 0.15) < 1e-9);
    assert_int_equal(o.max_days, 183);
    o.threshold = 0.02;
    rc_stories_link(p, N, &o, st);
    assert_true(st[4] != st[5]);
    o.threshold = 0.009;
    rc_stories_link(p, N, &o, st);
    assert_true(st[4] == st[5]);
    for (size_t i = 0; i < N; i++)
        rc_evprofile_cleanup(&p[i]);
}

/* 5,000 events one day apart on the same keys are one story (each within
 * a day of the story's latest); 5,000 events with disjoint keys, half of
 * them undated, are 5,000 stories numbered in input order. The index keeps
 * the work per event bounded (no pairwise comparison). */
static void test_many(void **state)
{
    (void)state;
    enum { N = 5000 };
    rc_evprofile *p = calloc(N, sizeof *p);
    size_t *st = calloc(N, sizeof *st);
    evspec s;
    for (size_t i = 0; i < N; i++) {
        s = (evspec){{1, 2, 3}, 1, (int32_t)i};
        profiles(&s, 1, &p[i]);
    }
    assert_int_equal(rc_stories_link(p, N, NULL, st), 1);
    for (size_t i = 0; i < N; i++) {
        rc_evprofile_cleanup(&p[i]);
        s = (evspec){{10 + 2 * (uint64_t)i, 11 + 2 * (uint64_t)i, 0}, i % 2, (int32_t)i};
        profiles(&s, 1, &p[i]);
    }
    assert_int_equal(rc_stories_link(p, N, NULL, st), N);
    for (size_t i = 0; i < N; i++) {
        assert_int_equal(st[i], i);
        rc_evprofile_cleanup(&p[i]);
    }
    free(p);
    free(st);
}

/* The bound's pruning changes nothing: on 3,000 random events of 60
 * topics (keys from the topic's pool, some from other topics' pools and
 * a common background, two languages, dates spread over two years) the
 * links are those of scoring every candidate. */
static void test_pruned_as_exhaustive(void **state)
{
    (void)state;
    enum { N = 3000, TOPICS = 60 };
    rc_evprofile *p = calloc(N, sizeof *p);
    size_t *a = calloc(N, sizeof *a), *b = calloc(N, sizeof *b);
    uint64_t x = 0x2545F4914F6CDD1Dull;
    for (size_t i = 0; i < N; i++) {
        uint64_t t = rnd(&x) % TOPICS, other = rnd(&x) % TOPICS;
        rc_evweight e[40], tm[160];
        uint32_t ne = draw(e, 0, 4 + (uint32_t)(rnd(&x) % 12), t * 1000, 40, &x);
        ne += draw(e + ne, 0, 2, other * 1000, 40, &x);
        uint32_t nt = draw(tm, 0, 20 + (uint32_t)(rnd(&x) % 60), 100000 + t * 1000, 300, &x);
        nt += draw(tm + nt, 0, 20, 900000, 500, &x);
        /* draw keeps each call's keys ascending: sort the concatenations */
        for (uint32_t k = 1; k < ne; k++)
            for (uint32_t j = k; j > 0 && e[j - 1].h > e[j].h; j--) {
                rc_evweight w = e[j];
                e[j] = e[j - 1];
                e[j - 1] = w;
            }
        for (uint32_t k = 1; k < nt; k++)
            for (uint32_t j = k; j > 0 && tm[j - 1].h > tm[j].h; j--) {
                rc_evweight w = tm[j];
                tm[j] = tm[j - 1];
                tm[j - 1] = w;
            }
        /* (a key drawn twice across the two pools is kept twice: the
         * profile builder sums duplicates) */
        rc_evfeat f = feat(rnd(&x) % 3 ? "fr" : "en", e, ne, tm, nt);
        const rc_evfeat *m[] = {&f};
        rc_evprofile_build(&p[i], m, 1, rand_idf, NULL);
        p[i].has_day = rnd(&x) % 10 != 0;
        p[i].day = (int32_t)(rnd(&x) % 730);
    }
    rc_stories_opts o;
    rc_stories_opts_default(&o);
    size_t na = rc_stories_link(p, N, &o, a);
    o.exhaustive = 1;
    size_t nb = rc_stories_link(p, N, &o, b);
    assert_int_equal(na, nb);
    assert_true(na > TOPICS / 2 && na < N / 2); /* linking happened, not all-in-one */
    for (size_t i = 0; i < N; i++)
        if (a[i] != b[i])
            fail_msg("event %zu: story %zu pruned, %zu exhaustive", i, a[i], b[i]);
    for (size_t i = 0; i < N; i++)
        rc_evprofile_cleanup(&p[i]);
    free(p);
    free(a);
    free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_profile_weights),
        cmocka_unit_test(test_similarity_table),
        cmocka_unit_test(test_link),
        cmocka_unit_test(test_many),
        cmocka_unit_test(test_pruned_as_exhaustive),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
