/*
 * test_cuepairs.c - the first-letters prefilter of the cue lists, and the
 * cue readings it must leave unchanged (polarity: test_claims.c).
 */
#include "test.h"
#include "crosscheck/cuepairs.h"
#include "crosscheck/origin.h"
#include "meta/fold.h"
#include "util/rc.h"
#include <string.h>

static const char *const LIST[] = {"reprend", "ne", "not$", "suspend", "soi-disant$", "d'apres$",
                                   NULL};

/* 1 when folded w[n] matches an entry of LIST as cue_mask_key does: a
 * prefix, or the whole word for entries ending in '$', after an elision
 * of at most two letters. */
static int brute_match(const char *w, size_t n)
{
    char key[64];
    size_t kl = rc_fold_key(w, n, key, sizeof key);
    const char *k = key;
    const char *ap = memchr(key, '\'', kl < 4 ? kl : 4);
    if (ap && ap - key <= 2 && strncmp(key, "d'apres", 7) != 0) {
        kl -= (size_t)(ap + 1 - key);
        k = ap + 1;
    }
    for (const char *const *p = LIST; *p; p++) {
        size_t pl = strlen(*p);
        int whole = (*p)[pl - 1] == '$';
        pl -= (size_t)whole;
        if (kl >= pl && memcmp(k, *p, pl) == 0 && (!whole || kl == pl))
            return 1;
    }
    return 0;
}

/* rc_cuepairs_miss: 1 only for words that match no entry; the expected
 * value checked by hand, and never 1 where the full test matches. */
static void test_miss(void **state)
{
    (void)state;
    rc_cuepairs p;
    memset(&p, 0, sizeof p);
    rc_cuepairs_add(&p, LIST);
    static const struct { const char *w; int miss; } cases[] = {
        {"the", 1},          /* no entry starts with "th" */
        {"Reprendra", 0},    /* a prefix, any case */
        {"repas", 0},        /* "rep" starts an entry: left to the full test */
        {"rebut", 1},        /* "re" does, "reb" not: the third letter decides */
        {"ne", 0},           /* an entry of two letters */
        {"nerf", 0},         /* ...and a prefix of the word */
        {"no", 1},           /* two letters: only an entry of those two */
        {"not", 0},
        {"qu'suspend", 0},   /* an elision: left to the full test */
        {"l\xe2\x80\x99suspend", 0}, /* a curly apostrophe: left to it too */
        {"\xc3\xa9t\xc3\xa9", 0},    /* not ASCII: left to the full test */
        {"a", 1},            /* one letter: no entry that short */
        {"so-and-so", 0},    /* a third byte not a letter: left to the full test */
        {"sofa", 1},         /* "so" starts an entry, "sof" none */
        {"soi-disant", 0},
        {"d'apres", 0},      /* second byte not a letter */
        {"", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        size_t n = strlen(cases[i].w);
        int miss = rc_cuepairs_miss(&p, cases[i].w, n);
        if (miss != cases[i].miss)
            fail_msg("%s: miss %d, want %d", cases[i].w, miss, cases[i].miss);
        if (miss)
            assert_false(brute_match(cases[i].w, n));
    }
    /* a one-letter entry fills its row: the prefilter no longer skips */
    static const char *const SHORT[] = {"x", NULL};
    rc_cuepairs_add(&p, SHORT);
    assert_false(rc_cuepairs_miss(&p, "xylophone", 9));
    assert_false(rc_cuepairs_miss(&p, "a", 1));
}

/* The cue readings that go through the prefilter keep their results:
 * elided, capitalised, accented and plain words. */
static void test_cues(void **state)
{
    (void)state;
    static const struct { const char *lang, *w; unsigned want; } cases[] = {
        {"fr", "qu'affirme", RC_CUE_DISTANCE},
        {"fr", "D\xc3\xa9menti", RC_CUE_DISPUTE},
        {"en", "Reportedly", RC_CUE_ATTRIBUTE},
        {"en", "reported", RC_CUE_ATTRIBUTE},
        {"en", "reporter", 0},
        {"fr", "selon", RC_CUE_ATTRIBUTE},
        {"fr", "de", 0},
        {"en", "the", 0},
        {NULL, "denied", RC_CUE_DISPUTE},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        assert_int_equal(rc_origin_cues(cases[i].lang, cases[i].w, strlen(cases[i].w)),
                         cases[i].want);
}

/* Bit t when folded k[kl] matches an entry of lists[t] (NULL-ended
 * lists of entries, a final '$' for a whole word), every entry tested
 * in turn: what rc_cueindex_tags must answer. */
static uint32_t brute_tags(const char *const *const *lists, size_t nl, const char *k, size_t kl)
{
    uint32_t got = 0;
    for (size_t t = 0; t < nl; t++)
        for (const char *const *p = lists[t]; *p; p++) {
            size_t pl = strlen(*p);
            int whole = pl && (*p)[pl - 1] == '$';
            pl -= (size_t)whole;
            if (kl && k[0] == (*p)[0] && kl >= pl && memcmp(k, *p, pl) == 0 &&
                (!whole || kl == pl))
                got |= 1u << t;
        }
    return got;
}

/* rc_cueindex: the entries by first byte give the answers of a scan of
 * every list, prefixes and whole words, for keys of every first letter
 * and of none; entries added one by one join their letter; a full index
 * refuses more. */
static void test_index(void **state)
{
    (void)state;
    static const char *const L0[] = {"rejet", "nie$", "nient$", "contest", "d'apres$", NULL};
    static const char *const L1[] = {"deny$", "denial", "-x", "z", "zz$", "rej", NULL};
    static const char *const *const LISTS[] = {L0, L1};
    rc_cueindex x;
    memset(&x, 0, sizeof x);
    assert_int_equal(rc_cueindex_add_list(&x, L0, 0), RC_OK);
    assert_int_equal(rc_cueindex_add_list(&x, L1, 1), RC_OK);
    assert_int_equal(x.at[27], 11);
    static const char *const K[] = {"rejeter", "rejet", "reje", "nie", "nier", "nient",
                                    "contestation", "d'apres", "d'apresent", "deny", "denying",
                                    "denials", "-xy", "-", "z", "zzz", "zz", "apres", "", "x",
                                    "rej"};
    for (size_t i = 0; i < sizeof K / sizeof *K; i++) {
        size_t kl = strlen(K[i]);
        uint32_t want = brute_tags(LISTS, 2, K[i], kl);
        if (rc_cueindex_tags(&x, K[i], kl) != want)
            fail_msg("%s: index %u, lists %u", K[i], rc_cueindex_tags(&x, K[i], kl), want);
        assert_int_equal(rc_cueindex_match(&x, K[i], kl), want != 0);
    }
    assert_int_equal(rc_cueindex_tags(&x, "rejeter", 7), 3);  /* both lists */
    assert_int_equal(rc_cueindex_tags(&x, "rej", 3), 2);      /* a prefix of one entry only */
    assert_false(rc_cueindex_match(&x, "nier", 4));           /* a whole word only */
    assert_int_equal(rc_cueindex_tags(&x, "-xy", 3), 2);      /* a first byte not a letter */
    assert_false(rc_cueindex_match(&x, "", 0));
    /* added entries go with their first letter, whole or not */
    assert_int_equal(rc_cueindex_add(&x, "apr", 3, 0, 5), RC_OK);
    assert_int_equal(rc_cueindex_add(&x, "be", 2, 1, 31), RC_OK);
    assert_int_equal(rc_cueindex_add(&x, "be", 2, 1, 32), RC_TOOBIG);
    assert_int_equal(rc_cueindex_tags(&x, "apres", 5), 1u << 5);
    assert_int_equal(rc_cueindex_tags(&x, "be", 2), 1u << 31);
    assert_false(rc_cueindex_match(&x, "bee", 3));
    assert_int_equal(rc_cueindex_tags(&x, "rejet", 5), 3);   /* the others still found */
    assert_int_equal(rc_cueindex_tags(&x, "zoo", 3), 2);
    /* full */
    rc_cueindex y;
    memset(&y, 0, sizeof y);
    for (int i = 0; i < RC_CUEINDEX_CAP; i++)
        assert_int_equal(rc_cueindex_add(&y, "abc", 3, 0, 0), RC_OK);
    assert_int_equal(rc_cueindex_add(&y, "abc", 3, 0, 0), RC_TOOBIG);
    assert_int_equal(y.at[27], RC_CUEINDEX_CAP);
    static const char *const ONE[] = {"q", NULL};
    assert_int_equal(rc_cueindex_add_list(&y, ONE, 0), RC_TOOBIG);
    assert_false(rc_cueindex_match(&y, "q", 1));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_miss),
        cmocka_unit_test(test_cues),
        cmocka_unit_test(test_index),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
