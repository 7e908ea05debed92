/*
 * test_align.c - claim alignment (crosscheck/align.h) over units of one
 * class (the same sentence in many documents): the class walks the
 * candidate index once and each unit takes the class's candidates, its
 * own document left out. A sentence in 40 documents (more candidates
 * than the per-unit cap, and twice in one document) and one in 6
 * documents (fewer than the cap) each form one claim group over all
 * their documents, the repeated sentence's two units included; calls
 * after it (the per-thread scratch reused) give the same groups. Amount
 * texts are snprintf's.
 * Articles invented for this test.
 */
#include "test.h"
#include "crosscheck/align.h"
#include "meta/fold.h"
#include "pipeline/analysis.h"
#include "text/textmodel.h"
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

enum { NDOC = 40, NSMALL = 6 };

/* The group of the unit of document doc whose sentence holds needle
 * (the k-th such unit of that document), or SIZE_MAX. */
static size_t group_of(const rc_align *al, rc_doc *const *docs, size_t doc, const char *needle,
                       size_t k)
{
    for (size_t u = 0; u < al->nunits; u++) {
        const rc_align_unit *un = &al->units[u];
        if (un->doc != doc)
            continue;
        const rc_doc *d = docs[doc];
        rc_span sp = d->sentences[un->sentence];
        if (!rc_find(d->text + sp.start, sp.end - sp.start, needle, strlen(needle)))
            continue;
        if (k-- == 0)
            return un->group;
    }
    return SIZE_MAX;
}

/* One template sentence in NDOC documents (twice in the first), another
 * in NSMALL: one group each, over all their documents. */
static void test_class_groups(void **state)
{
    (void)state;
    static const char *const FILL[] = {"Rain", "Wind", "Snow", "Fog", "Hail"};
    rc_doc *docs[NDOC];
    size_t group[NDOC];
    char text[1024];
    for (size_t i = 0; i < NDOC; i++) {
        rc_doc *d = rc_doc_new();
        char id[16];
        snprintf(id, sizeof id, "d%zu", i);
        rc_doc_set(d, &d->id, id);
        rc_doc_set(d, &d->lang, "en");
        /* a sentence of its own, the template (twice in d0), and the
         * smaller template in the first NSMALL documents */
        snprintf(text, sizeof text,
                 "%s reached district number %zu early on day %zu of the season. "
                 "The harbour authority of Velmont closed the northern pier after the storm "
                 "damaged its loading cranes. %s%s",
                 FILL[i % 5], i * 7 + 3, i + 1,
                 i == 0 ? "The harbour authority of Velmont closed the northern pier after the "
                          "storm damaged its loading cranes. "
                        : "",
                 i < NSMALL ? "Fishermen of the Brask cooperative protested against the quota "
                              "reform outside the regional council."
                            : "");
        rc_doc_set(d, &d->text, text);
        d->text_len = strlen(text);
        docs[i] = d;
        group[i] = i;
    }
    rc_analysis a;
    rc_analysis_extract(&a, docs, NDOC);
    rc_align *al = rc_align_new(docs, a.facts, group, NDOC);
    assert_non_null(al);
    size_t g = group_of(al, docs, 0, "northern pier", 0);
    assert_true(g != SIZE_MAX);
    /* the repeated sentence of d0 joins the same group */
    assert_int_equal(group_of(al, docs, 0, "northern pier", 1), g);
    for (size_t i = 1; i < NDOC; i++)
        assert_int_equal(group_of(al, docs, i, "northern pier", 0), g);
    assert_int_equal(al->groups[g].ndocs, NDOC);
    assert_int_equal(al->groups[g].nunits, NDOC + 1);
    size_t h = group_of(al, docs, 0, "Brask", 0);
    assert_true(h != SIZE_MAX && h != g);
    for (size_t i = 1; i < NSMALL; i++)
        assert_int_equal(group_of(al, docs, i, "Brask", 0), h);
    assert_int_equal(al->groups[h].ndocs, NSMALL);
    /* the scratch a call leaves to the thread's next: a smaller call,
     * then the same one again, and one after the scratch is freed, give
     * the same units and groups */
    for (int round = 0; round < 3; round++) {
        if (round == 2)
            rc_align_thread_cleanup();
        rc_align *small = rc_align_new(docs, a.facts, group, NSMALL);
        assert_true(small->nunits < al->nunits);
        rc_align_free(small);
        rc_align *again = rc_align_new(docs, a.facts, group, NDOC);
        assert_int_equal(again->nunits, al->nunits);
        assert_int_equal(again->ngroups, al->ngroups);
        for (size_t u = 0; u < al->nunits; u++) {
            assert_int_equal(again->units[u].doc, al->units[u].doc);
            assert_int_equal(again->units[u].sentence, al->units[u].sentence);
            assert_int_equal(again->units[u].group, al->units[u].group);
        }
        rc_align_free(again);
    }
    rc_align_free(al);
    rc_analysis_cleanup(&a);
    for (size_t i = 0; i < NDOC; i++)
        rc_doc_free(docs[i]);
}

/* rc_align_amount_text writes what snprintf writes, bytes and count:
 * a table of values by hand (whole, decimals, the fallbacks: -0, 10^6 and
 * more, under 1e-4, 7 digits, NaN, ties), then 300,000 values of a few
 * decimals, 100,000 whole values of 7 to 15 digits and 100,000 arbitrary
 * doubles (a fixed LCG), each with and without a unit, also into a buffer
 * too small. */
static void check_amount(double v, int percent, const char *unit, char bound, size_t cap)
{
    char got[64], want[64];
    memset(got, 'x', sizeof got);
    memset(want, 'x', sizeof want);
    int g = rc_align_amount_text(got, cap, v, percent, unit, bound);
    int w = unit ? snprintf(want, cap, "%.6g|%s|%d|%c", v, unit, percent, bound)
                 : snprintf(want, cap, "%.6g|%d", v, percent);
    if (g != w || memcmp(got, want, sizeof got) != 0)
        fail_msg("%.17g %d %s: got %s (%d), want %s (%d)", v, percent, unit ? unit : "-", got,
                 g, want, w);
}

static void test_amount_text(void **state)
{
    (void)state;
    static const double T[] = {0, -0.0, 1, 10, 600, 999999, -999999, 1e6, 2.5e6, 1e15,
                               3.5, 12.4, 0.25, 0.1, 0.0001, 0.00012, 0.00005, 1e-7,
                               -1.5, -0.3, 99999.5, 123456.5, 1.234567, 12.34565,
                               0.1 + 0.2, 1.0 / 3, 2.675, 1e5 + 0.25, NAN, INFINITY,
                               1200000, 1234565, 1234575, 1234566, 9999995, 9999996,
                               -2500000, 3e6, 12345678901.0, 1e14, 999999999999999.0,
                               1234567.5};
    for (size_t i = 0; i < sizeof T / sizeof *T; i++) {
        check_amount(T[i], 0, NULL, 0, 64);
        check_amount(T[i], 1, "km", '>', 64);
        check_amount(T[i], 1, "", '=', 64);
        check_amount(T[i], 0, "kilometres", '<', 8);
    }
    uint64_t x = 88172645463325252ull;
    for (int i = 0; i < 500000; i++) {
        x = x * 6364136223846793005ull + 1442695040888963407ull;
        double v;
        if (i < 300000) {
            /* an integer of 1..7 digits scaled by 10^-(0..7) */
            long long n = (long long)((x >> 20) % 10000000ull) - (i % 2 ? 0 : 5000000);
            int d = (int)((x >> 8) % 8);
            static const double P[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7};
            v = (double)n / P[d];
        } else if (i < 400000) {
            /* a whole value of 7 to 15 digits, often with zeros or a 5
             * after its sixth */
            uint64_t n = (x >> 11) % 1000000000000000ull;
            if (n < 1000000)
                n += 1000000;
            if (i % 3 == 0)
                n -= n % 1000;
            if (i % 5 == 0)
                n = n - n % 100 + 50;
            v = i % 2 ? (double)n : -(double)n;
        } else {
            uint64_t bits = x >> 1;
            memcpy(&v, &bits, sizeof v);
            v = v * 0 == 0 ? fmod(v, 1e7) : 1.5;
        }
        check_amount(v, (int)(x >> 60) % 2, (x >> 59) & 1 ? "%" : NULL, '=', 64);
    }
}

/* An item with a start, as the facts' quantities and dates. */
typedef struct item {
    uint32_t start, pad;
} item;

/* rc_align_sentence_items: each sentence's items are those a test of
 * every item against it finds, in increasing order (items between
 * sentences, before the first, past the last and on an empty sentence
 * belong to none; one past the ns read is not counted); sentences out of
 * order give 0. */
static void test_sentence_items(void **state)
{
    (void)state;
    rc_span sp[] = {{5, 10}, {10, 20}, {20, 20}, {20, 31}, {40, 50}, {50, 60}};
    rc_doc d;
    memset(&d, 0, sizeof d);
    d.sentences = sp;
    d.nsentences = 6;
    item it[] = {{12, 0}, {0, 0}, {5, 0}, {9, 0}, {10, 0}, {35, 0}, {20, 0}, {30, 0},
                 {31, 0}, {11, 0}, {49, 0}, {55, 0}, {7, 0}};
    size_t n = sizeof it / sizeof *it, ns = 5;       /* the sixth not read */
    uint32_t at[6], idx[13], tmp[13];
    assert_int_equal(rc_align_sentence_items(&d, ns, &it[0].start, n, sizeof *it, at, idx, tmp), 1);
    size_t total = 0;
    for (size_t s = 0; s < ns; s++) {
        uint32_t want[13];
        size_t nw = 0;
        for (size_t k = 0; k < n; k++)
            if (it[k].start >= sp[s].start && it[k].start < sp[s].end)
                want[nw++] = (uint32_t)k;
        assert_int_equal(at[s + 1] - at[s], nw);
        for (size_t i = 0; i < nw; i++)
            assert_int_equal(idx[at[s] + i], want[i]);
        total += nw;
    }
    assert_int_equal(total, 9);                     /* 0, 31, 35 and 55 in none */
    assert_int_equal(at[1] - at[0], 3);             /* 5, 9, 7 (10 starts the next) */
    assert_int_equal(idx[0], 2);
    assert_int_equal(idx[2], 12);
    assert_int_equal(at[3] - at[2], 0);             /* the empty sentence */
    /* none: no items, or no sentences */
    assert_int_equal(rc_align_sentence_items(&d, ns, NULL, 0, sizeof *it, at, idx, tmp), 1);
    for (size_t s = 0; s <= ns; s++)
        assert_int_equal(at[s], 0);
    assert_int_equal(rc_align_sentence_items(&d, 0, &it[0].start, n, sizeof *it, at, idx, tmp), 1);
    assert_int_equal(at[0], 0);
    /* out of order: overlapping, or ending before it starts */
    rc_span bad[] = {{0, 12}, {10, 20}};
    d.sentences = bad;
    d.nsentences = 2;
    assert_int_equal(rc_align_sentence_items(&d, 2, &it[0].start, n, sizeof *it, at, idx, tmp), 0);
    rc_span bad2[] = {{8, 4}, {10, 20}};
    d.sentences = bad2;
    assert_int_equal(rc_align_sentence_items(&d, 2, &it[0].start, n, sizeof *it, at, idx, tmp), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_class_groups),
        cmocka_unit_test(test_amount_text),
        cmocka_unit_test(test_sentence_items),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
