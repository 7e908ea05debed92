/*
 * test_dgroup.c - rc_dgroup_sort_index (crosscheck/dgroup.h): indices
 * below a bound come out in increasing order, the same multiset, on every
 * path (insertion sort up to 32 values, radix sort on a stack buffer up to
 * 256, on the heap beyond) and with bounds that need one, two and three
 * byte passes; rc_dgroup_token_in gives what rc_dgroup_token_at gives,
 * for ranges that hold the answer and ranges that do not; rc_dgroup_lookup gives the
 * matches a brute-force count gives, for repeated queries (its memo) with
 * other excluded documents and caps, its kept list cut short or not; the
 * inverted index lists every feature's sentences in increasing order;
 * rc_dgroup_stable_order equals a sort by (value, position); the per-token
 * stem features kept by rc_dgroup_init equal those computed afresh.
 */
#include "test.h"
#include "crosscheck/dgroup.h"
#include "doc/doc.h"
#include "pipeline/analysis.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* qsort comparator on size_t (the reference order). */
static int ref_cmp(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

/* A table of (count, bound): every case sorts count pseudo-random values
 * below bound and must equal qsort's result. */
static void test_sort_index(void **state)
{
    (void)state;
    static const struct {
        size_t n, bound;
    } cases[] = {
        {0, 1},        {1, 5},          {32, 1000},     /* insertion sort */
        {33, 1000},    {255, 1000},     {256, 200},     /* radix, stack buffer */
        {257, 1},      {257, 200},      {1000, 256},    /* radix: one byte pass */
        {1000, 257},   {5000, 60000},                   /* two passes */
        {3000, 70000}, {4000, 1u << 24},                /* three passes */
    };
    uint64_t x = 0x9e3779b97f4a7c15ull;
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        size_t n = cases[c].n;
        size_t *v = malloc((n ? n : 1) * sizeof *v), *r = malloc((n ? n : 1) * sizeof *r);
        for (size_t k = 0; k < n; k++) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            v[k] = r[k] = (size_t)(x % cases[c].bound);
        }
        if (n > 10)   /* repeated values, and the largest possible one */
            v[3] = r[3] = v[7] = r[7] = cases[c].bound - 1;
        rc_dgroup_sort_index(v, n, cases[c].bound);
        qsort(r, n, sizeof *r, ref_cmp);
        assert_memory_equal(v, r, n * sizeof *v);
        for (size_t k = 1; k < n; k++)
            assert_true(v[k - 1] <= v[k]);
        free(v);
        free(r);
    }
}

typedef struct vp {
    uint64_t v;
    size_t pos;
} vp;

/* qsort comparator on (value, position): the reference stable order. */
static int vp_cmp(const void *a, const void *b)
{
    const vp *x = a, *y = b;
    if (x->v != y->v)
        return x->v < y->v ? -1 : 1;
    return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* A table of (count, distinct values): rc_dgroup_stable_order gives the
 * positions sorted by (value, position), with few and many repeats, zero
 * and the largest value among them. */
static void test_stable_order(void **state)
{
    (void)state;
    /* low: the distinct values differ in their low 31 bits only (one run
     * of equal top bits to sort again), or in every bit */
    static const struct {
        size_t n, distinct;
        int low;
    } cases[] = {{0, 1, 0},    {1, 1, 0},      {7, 1, 0},     {32, 5, 0},   {33, 5, 0},
                 {50, 3, 0},   {1000, 10, 0},  {1000, 1000, 0}, {5000, 700, 0},
                 {5000, 700, 1}, {3000, 2, 1}, {40000, 20000, 0}};
    uint64_t x = 0x2545f4914f6cdd1dull;
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        size_t n = cases[c].n;
        uint64_t *v = malloc((n ? n : 1) * sizeof *v);
        size_t *perm = malloc((n ? n : 1) * sizeof *perm);
        vp *r = malloc((n ? n : 1) * sizeof *r);
        for (size_t k = 0; k < n; k++) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            size_t d = (size_t)(x % cases[c].distinct);
            if (cases[c].low)
                v[k] = 0xfedcba9880000000ull | (d * 0x9e3779b9ull & 0x7fffffffull);
            else
                v[k] = d == 0 ? 0 : d == 1 ? UINT64_MAX : d * 0x9e3779b97f4a7c15ull;
            r[k].v = v[k];
            r[k].pos = k;
        }
        rc_dgroup_stable_order(v, n, perm);
        qsort(r, n, sizeof *r, vp_cmp);
        for (size_t k = 0; k < n; k++)
            assert_int_equal(perm[k], r[k].pos);
        free(v);
        free(perm);
        free(r);
    }
}

#define NCOPIES 90

/* The reference: sentences of documents other than that of s sharing at
 * least min features with s (no feature of this small group is over the
 * posting cap), in index order, at most cap. */
static size_t brute_similar(const rc_dgroup *g, size_t s, uint32_t min, rc_dmatch *out,
                            size_t cap)
{
    size_t n = 0;
    for (size_t o = 0; o < g->nsents && n < cap; o++) {
        if (g->sents[o].doc == g->sents[s].doc)
            continue;
        size_t sh = rc_dgroup_shared(g, s, o);
        if (sh >= min) {
            out[n].sent = o;
            out[n].shared = (uint32_t)sh;
            n++;
        }
    }
    return n;
}

/* g's inverted index is the brute-force one: its keys are distinct and
 * each found by rc_dgroup_postings with its list's length; a key's
 * postings increase and are the sentences holding it; every feature
 * occurrence of a sentence is in its key's postings (the lists' lengths
 * add up to the features). */
static void check_index(const rc_dgroup *g)
{
    assert_int_equal(g->off[0], 0);
    assert_int_equal(g->off[g->nkeys], g->nfeats);
    for (size_t k = 0; k < g->nkeys; k++) {
        for (size_t j = 0; j < k; j++)
            assert_true(g->keys[j] != g->keys[k]);
        assert_int_equal(rc_dgroup_postings(g, g->keys[k]), g->off[k + 1] - g->off[k]);
        for (size_t p = g->off[k]; p < g->off[k + 1]; p++) {
            assert_true(p == g->off[k] || g->postings[p - 1] < g->postings[p]);
            const rc_dsent *ds = &g->sents[g->postings[p]];
            int has = 0;
            for (size_t f = ds->feat0; f < ds->feat0 + ds->nfeat; f++)
                has |= g->feats[f] == g->keys[k];
            assert_true(has);
        }
    }
    for (size_t s = 0; s < g->nsents; s++)
        for (size_t f = g->sents[s].feat0; f < g->sents[s].feat0 + g->sents[s].nfeat; f++) {
            size_t k = 0;
            while (k < g->nkeys && g->keys[k] != g->feats[f])
                k++;
            assert_true(k < g->nkeys);
            int in = 0;
            for (size_t p = g->off[k]; p < g->off[k + 1]; p++)
                in |= g->postings[p] == s;
            assert_true(in);
        }
    assert_int_equal(rc_dgroup_postings(g, 0x5eed5eed5eed5eedull), 0);
}

/* NCOPIES documents holding one sentence (a wire copy), every third one a
 * second, different sentence: each query (sentence, min, cap) in a table,
 * asked in turn for sentences of many documents, equals the brute-force
 * answer, whether the memo answers it (kept list long enough) or the
 * postings are scanned again (kept list of cap + slack cut short: caps
 * over NCOPIES - RC_DGROUP_MEMO_SLACK). */
static void test_lookup_memo(void **state)
{
    (void)state;
    rc_doc *docs[NCOPIES];
    for (size_t i = 0; i < NCOPIES; i++) {
        char id[16];
        snprintf(id, sizeof id, "c%zu", i);
        docs[i] = rc_doc_new();
        rc_doc_set(docs[i], &docs[i]->id, id);
        rc_doc_set(docs[i], &docs[i]->lang, "fr");
        const char *t = i % 3 == 0
            ? "Les pompiers ont maitrise l'incendie de la grande foret hier soir. "
              "Le maire a salue le courage des pompiers venus de toute la region."
            : "Les pompiers ont maitrise l'incendie de la grande foret hier soir.";
        rc_doc_set(docs[i], &docs[i]->text, t);
        docs[i]->text_len = strlen(t);
    }
    rc_analysis a;
    memset(&a, 0, sizeof a);
    rc_analysis_extract(&a, docs, NCOPIES);
    size_t idx[NCOPIES];
    for (size_t i = 0; i < NCOPIES; i++)
        idx[i] = i;
    rc_dgroup g;
    rc_dgroup_init(&g, &a, idx, NCOPIES);
    assert_int_equal(g.nsents, NCOPIES + NCOPIES / 3);
    check_index(&g);
    static const struct {
        uint32_t min;
        size_t cap;
    } q[] = {{3, 5}, {3, 200}, {3, 1}, {1, 64}, {1, 150}, {8, 40}, {3, 100}};
    rc_dmatch got[256], want[256];
    for (size_t c = 0; c < sizeof q / sizeof *q; c++)
        for (size_t s = 0; s < g.nsents; s += 7) {
            size_t n = rc_dgroup_similar(&g, s, q[c].min, got, q[c].cap);
            size_t m = brute_similar(&g, s, q[c].min, want, q[c].cap);
            assert_int_equal(n, m);
            for (size_t k = 0; k < n; k++) {
                assert_int_equal(got[k].sent, want[k].sent);
                assert_int_equal(got[k].shared, want[k].shared);
            }
        }
    /* the copies match one another: the big caps were answered in full */
    size_t n = rc_dgroup_similar(&g, 0, 3, got, 200);
    assert_true(n >= NCOPIES - 1);
    rc_dgroup_cleanup(&g);
    rc_analysis_cleanup(&a);
    for (size_t i = 0; i < NCOPIES; i++)
        rc_doc_free(docs[i]);
}

/* rc_dgroup_tok_feat, rc_dgroup_span_feats_in and _from (the features
 * kept by rc_dgroup_init) equal rc_dgroup_stem_feat and rc_dgroup_span_feats
 * computed from the tokens, for a group of every other document (so the
 * group's token bases skip documents) and spans of every start and end
 * token of each. */
static void test_tok_feat(void **state)
{
    (void)state;
    enum { ND = 5 };
    static const char *const texts[ND] = {
        "Le conseil municipal a vote le budget. Les travaux commenceront en mars.",
        "The council voted the budget on Tuesday. Work starts in March.",
        "Les pompiers ont maitrise l'incendie de la grande foret hier soir.",
        "Firefighters contained the large forest fire late last night, officials said.",
        "Le maire a salue le courage des pompiers venus de toute la region."};
    rc_doc *docs[ND];
    for (size_t i = 0; i < ND; i++) {
        docs[i] = rc_doc_new();
        rc_doc_set(docs[i], &docs[i]->id, i % 2 ? "en" : "fr");
        rc_doc_set(docs[i], &docs[i]->lang, i == 1 || i == 3 ? "en" : "fr");
        rc_doc_set(docs[i], &docs[i]->text, texts[i]);
        docs[i]->text_len = strlen(texts[i]);
    }
    rc_analysis a;
    memset(&a, 0, sizeof a);
    rc_analysis_extract(&a, docs, ND);
    size_t idx[] = {4, 2, 0, 2};   /* unordered, one twice, 1 and 3 left out */
    rc_dgroup g;
    rc_dgroup_init(&g, &a, idx, sizeof idx / sizeof *idx);
    size_t checked = 0;
    for (size_t i = 0; i < ND; i += 2) {
        const rc_doc *d = docs[i];
        assert_true(d->ntokens > 0);
        for (size_t t = 0; t < d->ntokens; t++) {
            if (!rc_dgroup_content(&d->tokens[t]))
                continue;
            assert_true(rc_dgroup_tok_feat(&g, i, t) == rc_dgroup_stem_feat(d->tokens[t].stem));
            checked++;
        }
        for (size_t t0 = 0; t0 < d->ntokens; t0++)
            for (size_t t1 = t0; t1 < d->ntokens; t1++) {
                uint64_t x[8], y[8], z[8];
                uint32_t s = d->tokens[t0].start, e = d->tokens[t1].end;
                size_t nx = rc_dgroup_span_feats_in(&g, i, s, e, x, 8);
                size_t ny = rc_dgroup_span_feats(d, s, e, y, 8);
                size_t nz = rc_dgroup_span_feats_from(&g, i, rc_dgroup_token_at(d, s), s, e, z, 8);
                assert_int_equal(nx, ny);
                assert_int_equal(nz, ny);
                for (size_t k = 0; k < nx; k++)
                    assert_true(x[k] == y[k] && z[k] == y[k]);
            }
    }
    assert_true(checked >= 10);
    rc_dgroup_cleanup(&g);
    rc_analysis_cleanup(&a);
    for (size_t i = 0; i < ND; i++)
        rc_doc_free(docs[i]);
}

/* rc_dgroup_token_in equals rc_dgroup_token_at for every offset of a
 * document and every range [lo, hi] of its tokens, whether or not the
 * range holds the answer (then the whole document is searched). */
static void test_token_in(void **state)
{
    (void)state;
    rc_doc *d = rc_doc_new();
    rc_doc_set(d, &d->id, "t");
    rc_doc_set(d, &d->lang, "fr");
    const char *t = "Le taux est de 3,5 %. Il a baisse en mai, selon la banque.";
    rc_doc_set(d, &d->text, t);
    d->text_len = strlen(t);
    rc_analysis a;
    memset(&a, 0, sizeof a);
    rc_analysis_extract(&a, &d, 1);
    assert_true(d->ntokens > 8);
    size_t checked = 0, inside = 0;
    for (uint32_t off = 0; off <= d->text_len + 1; off++) {
        size_t want = rc_dgroup_token_at(d, off);
        for (size_t lo = 0; lo <= d->ntokens; lo++)
            for (size_t hi = lo; hi <= d->ntokens + 1; hi++) {
                assert_int_equal(rc_dgroup_token_in(d, off, lo, hi), want);
                checked++;
                inside += want >= lo && want <= hi;
            }
    }
    assert_true(inside > 0 && inside < checked);   /* both cases met */
    rc_analysis_cleanup(&a);
    rc_doc_free(d);
}

/* A group of many distinct features (50 documents of invented words, a
 * fixed LCG, a third of them from 40 words, the rest from 20,000:
 * thousands of keys, most held by one sentence, some by many): the index
 * is the brute-force one (check_index), and the answer for every sentence
 * and a table of minimums (1 to 6: the longest lists only verify the
 * sentences the others found, by binary search or along the list) is the
 * brute-force count of shared features, over the other documents
 * (rc_dgroup_similar) or over all but another one (rc_dgroup_lookup). */
static void test_index_many(void **state)
{
    (void)state;
    enum { ND = 50, NS = 10, NW = 12, VOCAB = 20000 };
    rc_doc *docs[ND];
    uint64_t x = 0x9E3779B97F4A7C15ull;
    for (size_t i = 0; i < ND; i++) {
        char text[NS * NW * 12 + 64];
        size_t at = 0;
        for (size_t s = 0; s < NS; s++) {
            for (size_t w = 0; w < NW; w++) {
                x = x * 6364136223846793005ull + 1442695040888963407ull;
                /* skewed: low word numbers far more often */
                size_t v = (size_t)((x >> 33) % VOCAB);
                if (w % 3 == 0)
                    v %= 40;
                char word[8];
                for (size_t c = 0; c < 5; c++) {
                    word[c] = (char)('a' + v % 26);
                    v = v / 26 + c * 7;
                }
                word[5] = '\0';
                if (!w)   /* a sentence starts with a capital */
                    word[0] = (char)(word[0] - 'a' + 'A');
                at += (size_t)snprintf(text + at, sizeof text - at, "%s%s", w ? " " : "", word);
            }
            at += (size_t)snprintf(text + at, sizeof text - at, ". ");
        }
        char id[16];
        snprintf(id, sizeof id, "m%zu", i);
        docs[i] = rc_doc_new();
        rc_doc_set(docs[i], &docs[i]->id, id);
        rc_doc_set(docs[i], &docs[i]->lang, "en");
        rc_doc_set(docs[i], &docs[i]->text, text);
        docs[i]->text_len = strlen(text);
    }
    rc_analysis a;
    memset(&a, 0, sizeof a);
    rc_analysis_extract(&a, docs, ND);
    size_t idx[ND];
    for (size_t i = 0; i < ND; i++)
        idx[i] = i;
    rc_dgroup g;
    rc_dgroup_init(&g, &a, idx, ND);
    assert_true(g.nkeys > 2000);
    check_index(&g);
    rc_dmatch out[ND * NS];
    static const uint32_t MIN[] = {1, 2, 3, 4, 6};
    for (size_t m = 0; m < sizeof MIN / sizeof *MIN; m++)
        for (size_t s = 0; s < g.nsents; s++) {
            /* every other query through rc_dgroup_lookup with another
             * document left out (a new feature set each time: not the
             * memo of rc_dgroup_similar's queries) */
            size_t skip = g.sents[s].doc, n;
            if (s % 2) {
                skip = (g.sents[s].doc + 1 + s % 7) % ND;
                n = rc_dgroup_lookup(&g, g.feats + g.sents[s].feat0, g.sents[s].nfeat, skip,
                                     MIN[m], out, ND * NS);
            } else {
                n = rc_dgroup_similar(&g, s, MIN[m], out, ND * NS);
            }
            size_t k = 0;
            for (size_t o = 0; o < g.nsents; o++) {
                if (g.sents[o].doc == skip)
                    continue;
                /* shared over features of at most RC_DGROUP_MAX_POSTINGS
                 * postings: all of them here */
                size_t sh = rc_dgroup_shared(&g, s, o);
                if (sh < MIN[m])
                    continue;
                assert_true(k < n);
                assert_int_equal(out[k].sent, o);
                assert_int_equal(out[k].shared, sh);
                k++;
            }
            assert_int_equal(k, n);
        }
    rc_dgroup_cleanup(&g);
    rc_analysis_cleanup(&a);
    for (size_t i = 0; i < ND; i++)
        rc_doc_free(docs[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sort_index),
        cmocka_unit_test(test_token_in),
        cmocka_unit_test(test_tok_feat),
        cmocka_unit_test(test_lookup_memo),
        cmocka_unit_test(test_index_many),
        cmocka_unit_test(test_stable_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
