/* test_minhash.c - shingles, MinHash signatures, LSH band keys, exact
 * Jaccard, sentence fingerprints and the capped id multimap of the copies
 * stage (src/cluster), on invented sentences. */
#include "test.h"
#include "cluster/fingerprint.h"
#include "cluster/idmap.h"
#include "cluster/minhash.h"
#include "text/textmodel.h"
#include "util/hash.h"
#include <string.h>

/* A document from text in lang, with its text model. */
static rc_doc *mkdoc(const char *lang, const char *text)
{
    rc_doc *d = rc_doc_new();
    rc_doc_set(d, &d->lang, lang);
    rc_doc_set(d, &d->text, text);
    d->text_len = strlen(text);
    rc_textmodel_build(d);
    return d;
}

/* Number of shingles of text and whether they equal those of other. */
static const struct {
    const char *a, *b;
    size_t na;       /* distinct shingles of a */
    int same;        /* 1 when b has exactly a's shingles */
} SHINGLE_CASES[] = {
    {"one two three four five six", "One, two; three four. Five six!", 3, 1},
    {"one two three", "one two three", 0, 1},                 /* < 4 words: none */
    {"a b a b a b a b", "a b a b a", 2, 1},                   /* repeats count once */
    {"the cat sat on the mat today", "the cat sat on a mat today", 4, 0},
    {"Le 17 juin, 300 soldats sont partis.", "le 17 juin 300 soldats sont partis", 4, 1},
};

/* Shingles are over folded word and number tokens, distinct and sorted. */
static void shingles_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof SHINGLE_CASES / sizeof *SHINGLE_CASES; i++) {
        rc_doc *a = mkdoc("en", SHINGLE_CASES[i].a), *b = mkdoc("en", SHINGLE_CASES[i].b);
        uint64_t *sa, *sb;
        size_t na = rc_shingles(a, &sa), nb = rc_shingles(b, &sb);
        assert_int_equal(na, SHINGLE_CASES[i].na);
        for (size_t k = 1; k < na; k++)
            assert_true(sa[k - 1] < sa[k]);
        int same = na == nb && (na == 0 || memcmp(sa, sb, na * sizeof *sa) == 0);
        assert_int_equal(same, SHINGLE_CASES[i].same);
        free(sa);
        free(sb);
        rc_doc_free(a);
        rc_doc_free(b);
    }
}

/* The raw shingles (text order, repeats kept) of each table case: as
 * many as word windows, the distinct sorted ones once sorted, and the
 * same MinHash signature as the distinct sorted ones (the copies stage
 * signs the raw list and sorts only what it verifies). Also the token
 * hashes do not depend on whether the text model's norm lengths are
 * there. */
static void shingles_raw_table(void **state)
{
    (void)state;
    static const size_t RAW[] = {3, 0, 5, 4, 4}; /* word windows of SHINGLE_CASES[].a */
    for (size_t i = 0; i < sizeof SHINGLE_CASES / sizeof *SHINGLE_CASES; i++) {
        rc_doc *a = mkdoc("en", SHINGLE_CASES[i].a);
        rc_words w;
        rc_words_init(&w, a);
        uint64_t *raw, *ref;
        size_t nr = rc_shingles_raw_of(&w, &raw), nd = rc_shingles_of(&w, &ref);
        assert_int_equal(nr, RAW[i]);
        assert_int_equal(nd, SHINGLE_CASES[i].na);
        if (nr) {
            uint64_t s1[RC_MH_K], s2[RC_MH_K];
            rc_minhash_sig(raw, nr, s1);
            rc_minhash_sig(ref, nd, s2);
            assert_memory_equal(s1, s2, sizeof s1);
            assert_int_equal(rc_sort_unique(raw, nr), nd);
            assert_memory_equal(raw, ref, nd * sizeof *raw);
        }
        /* the same hashes without the text model's lengths */
        rc_tokkey *keep = a->tokkeys;
        a->tokkeys = NULL;
        rc_words w2;
        rc_words_init(&w2, a);
        assert_int_equal(w2.n, w.n);
        if (w.n)
            assert_memory_equal(w2.hash, w.hash, w.n * sizeof *w.hash);
        a->tokkeys = keep;
        rc_words_cleanup(&w2);
        rc_words_cleanup(&w);
        free(raw);
        free(ref);
        rc_doc_free(a);
    }
}

/* Exact Jaccard and common counts of sorted arrays, checked by hand. */
static void jaccard_exact(void **state)
{
    (void)state;
    uint64_t a[] = {1, 2, 3, 4}, b[] = {3, 4, 5}, c[] = {7};
    assert_int_equal(rc_sorted_common(a, 4, b, 3), 2);
    assert_true(rc_jaccard(a, 4, b, 3) > 0.3999 && rc_jaccard(a, 4, b, 3) < 0.4001); /* 2/5 */
    assert_true(rc_jaccard(a, 4, c, 1) == 0.0);
    assert_true(rc_jaccard(a, 4, a, 4) == 1.0);
    assert_true(rc_jaccard(NULL, 0, NULL, 0) == 0.0);
    uint64_t v[] = {5, 1, 5, 3, 1};
    assert_int_equal(rc_sort_unique(v, 5), 3);
    assert_true(v[0] == 1 && v[1] == 3 && v[2] == 5);
}

/* qsort comparator on uint64_t, for the reference below. */
static int u64_cmp(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* rc_sort_unique agrees with qsort + dropping repeats on each of its size
 * paths: insertion (<= 16), top-byte buckets (<= 4096: spread hashes, one
 * crowded bucket sorted by radix, repeats), radix (larger). */
static void sort_unique_paths(void **state)
{
    (void)state;
    static const struct { size_t n; uint64_t topmask; uint64_t mod; } CASES[] = {
        {12, ~0ull, 0},            /* insertion */
        {700, ~0ull, 0},           /* buckets of a few values each */
        {700, 0x00FFFFFFFFFFFFFFull, 0}, /* all in bucket 0: radix inside */
        {700, ~0ull, 50},          /* many repeats */
        {4096, ~0ull, 0},          /* largest bucket-sorted input */
        {5000, ~0ull, 0},          /* radix */
    };
    static uint64_t v[5000], ref[5000];
    for (size_t c = 0; c < sizeof CASES / sizeof *CASES; c++) {
        size_t n = CASES[c].n;
        for (uint64_t i = 0; i < n; i++) {
            uint64_t k = CASES[c].mod ? i % CASES[c].mod : i;
            v[i] = rc_hash64(&k, sizeof k, 4) & CASES[c].topmask;
        }
        memcpy(ref, v, n * sizeof *v);
        qsort(ref, n, sizeof *ref, u64_cmp);
        size_t m = 1;
        for (size_t i = 1; i < n; i++)
            if (ref[i] != ref[m - 1])
                ref[m++] = ref[i];
        assert_int_equal(rc_sort_unique(v, n), m);
        assert_memory_equal(v, ref, m * sizeof *v);
    }
}

/* Signature agreement estimates the Jaccard similarity: sets of Jaccard
 * 0.5 and 0.2 (300 hashed values, overlaps built by hand) agree on about
 * that share of the 64 values; identical sets on all of them. */
static void minhash_estimates(void **state)
{
    (void)state;
    static const struct { uint64_t b_from; double j; } CASES[] = {
        {100, 0.5},   /* a = [0,300), b = [100,400): 200 / 400 */
        {200, 0.2},   /* b = [200,500): 100 / 500 */
        {0, 1.0},
    };
    for (size_t c = 0; c < sizeof CASES / sizeof *CASES; c++) {
        uint64_t a[300], b[300];
        for (uint64_t i = 0; i < 300; i++) {
            a[i] = rc_hash64(&i, sizeof i, 9);
            uint64_t k = i + CASES[c].b_from;
            b[i] = rc_hash64(&k, sizeof k, 9);
        }
        uint64_t sa[RC_MH_K], sb[RC_MH_K];
        rc_minhash_sig(a, 300, sa);
        rc_minhash_sig(b, 300, sb);
        size_t eq = 0;
        for (size_t k = 0; k < RC_MH_K; k++)
            eq += sa[k] == sb[k];
        double est = (double)eq / RC_MH_K;
        assert_true(est > CASES[c].j - 0.19 && est < CASES[c].j + 0.19);
    }
}

/* Band keys: equal signatures give equal keys; one changed row changes
 * exactly its band's key; equal rows in two bands give different keys. */
static void bands_keys(void **state)
{
    (void)state;
    uint64_t s[RC_MH_K], t[RC_MH_K], ks[RC_MH_BANDS], kt[RC_MH_BANDS];
    for (size_t k = 0; k < RC_MH_K; k++)
        s[k] = t[k] = 42;   /* every band's rows identical */
    t[RC_MH_ROWS * 3 + 1] = 7;  /* a row of band 3 */
    rc_minhash_bands(s, ks);
    rc_minhash_bands(t, kt);
    for (size_t b = 0; b < RC_MH_BANDS; b++)
        assert_true((ks[b] == kt[b]) == (b != 3));
    assert_true(ks[0] != ks[1]);
}

/* Sentence fingerprints: sentences of 6+ words only; case and punctuation
 * do not matter; one changed word does. */
static void sentence_fps(void **state)
{
    (void)state;
    rc_doc *a = mkdoc("fr", "Le conseil municipal a voté le budget mardi soir. Il pleut.\n"
                            "Les travaux du pont commenceront au printemps prochain.");
    rc_doc *b = mkdoc("fr", "LES TRAVAUX DU PONT COMMENCERONT AU PRINTEMPS PROCHAIN !\n"
                            "Le conseil municipal a voté le budget lundi soir.");
    uint64_t *fa, *fb;
    size_t na = rc_sentence_fps(a, &fa), nb = rc_sentence_fps(b, &fb);
    assert_int_equal(na, 2);  /* "Il pleut." is too short */
    assert_int_equal(nb, 2);
    assert_int_equal(rc_sorted_common(fa, na, fb, nb), 1);
    assert_true(rc_fp_share(fa, na, fb, nb) == 0.5);
    assert_true(rc_text_hash(a) != rc_text_hash(b));
    rc_doc *c = mkdoc("fr", "le conseil municipal, a voté le budget mardi soir ; il pleut\n"
                            "les travaux du pont commenceront au printemps prochain");
    assert_true(rc_text_hash(a) == rc_text_hash(c));
    free(fa);
    free(fb);
    rc_doc_free(a);
    rc_doc_free(b);
    rc_doc_free(c);
}

/* idmap: lists keep insertion order and their cap; removal keeps every
 * other key reachable (backward-shift deletion checked against a plain
 * model over 5,000 keys that collide in a small table). */
static void idmap_model(void **state)
{
    (void)state;
    rc_idmap m;
    rc_idmap_init(&m, 3);
    assert_int_equal(rc_idmap_add(&m, 0, 1), 1);  /* key 0 is a valid key */
    assert_int_equal(rc_idmap_add(&m, 0, 2), 1);
    assert_int_equal(rc_idmap_add(&m, 0, 3), 1);
    assert_int_equal(rc_idmap_add(&m, 0, 4), 0);  /* capped */
    size_t n;
    const uint32_t *ids = rc_idmap_get(&m, 0, &n);
    assert_int_equal(n, 3);
    assert_true(ids[0] == 1 && ids[1] == 2 && ids[2] == 3);
    rc_idmap_remove(&m, 0, 2);
    ids = rc_idmap_get(&m, 0, &n);
    assert_true(n == 2 && ids[0] == 1 && ids[1] == 3);
    rc_idmap_cleanup(&m);

    enum { N = 5000 };
    static uint8_t present[N];
    memset(present, 0, sizeof present);
    rc_idmap_init(&m, 4);
    for (uint32_t i = 0; i < N; i++) {
        rc_idmap_add(&m, (uint64_t)i * 64, i);   /* keys sharing low bits */
        present[i] = 1;
    }
    for (uint32_t i = 0; i < N; i += 3) {
        rc_idmap_remove(&m, (uint64_t)i * 64, i);
        present[i] = 0;
    }
    for (uint32_t i = 0; i < N; i++) {
        ids = rc_idmap_get(&m, (uint64_t)i * 64, &n);
        assert_int_equal(n, present[i]);
        if (n)
            assert_int_equal(ids[0], i);
    }
    assert_int_equal(m.used, N - (N + 2) / 3);
    rc_idmap_cleanup(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(shingles_table),
        cmocka_unit_test(shingles_raw_table),
        cmocka_unit_test(jaccard_exact),
        cmocka_unit_test(sort_unique_paths),
        cmocka_unit_test(minhash_estimates),
        cmocka_unit_test(bands_keys),
        cmocka_unit_test(sentence_fps),
        cmocka_unit_test(idmap_model),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
