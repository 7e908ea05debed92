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

/* Encode code point c as UTF-8 into b (4 bytes); returns the length. */
static size_t enc_cp(int32_t c, char *b)
{
    if (c < 0x80) {
        b[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        b[0] = (char)(0xC0 | (c >> 6));
        b[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    b[0] = (char)(0xE0 | (c >> 12));
    b[1] = (char)(0x80 | ((c >> 6) & 0x3F));
    b[2] = (char)(0x80 | (c & 0x3F));
    return 3;
}

/* 1 when rc_cuefold_key and rc_fold_key give the same key and length
 * for s[n] with cap (the bytes past the key not compared). */
static int same_fold(const char *s, size_t n, size_t cap)
{
    char a[80], b[80];
    memset(a, 0x55, sizeof a);
    memset(b, 0x55, sizeof b);
    size_t la = rc_fold_key(s, n, a, cap), lb = rc_cuefold_key(s, n, b, cap);
    return la == lb && memcmp(a, b, la + 1) == 0;
}

/* rc_cuefold_key is rc_fold_key: every code point of its table (and
 * around it) alone, between letters and at the cut of every cap;
 * spaces (NBSP, tabs, newlines) squeezed and trimmed; invalid bytes;
 * pseudo-random words of accented letters, ASCII and other scripts. */
static void test_fold(void **state)
{
    (void)state;
    char w[64];
    for (int32_t c = 0x01; c < 0x800; c++) {
        if (c >= 0xD800 && c < 0xE000)
            continue;
        size_t n = enc_cp(c, w);
        if (!same_fold(w, n, 64))
            fail_msg("U+%04X alone", (unsigned)c);
        /* "aXé X" with the code point in both places, every cap */
        size_t m = 0;
        w[m++] = 'A';
        m += enc_cp(c, w + m);
        w[m++] = '\xc3';
        w[m++] = '\xa9';
        w[m++] = ' ';
        m += enc_cp(c, w + m);
        for (size_t cap = 1; cap <= 16; cap++)
            if (!same_fold(w, m, cap))
                fail_msg("U+%04X in a word, cap %zu", (unsigned)c, cap);
    }
    static const char *const S[] = {
        "  \xc2\xa0" "D\xc3\xa9menti\xc2\xa0 par  l\xe2\x80\x99\xc3\x89tat\t\n",
        "\xc3\x9f\xc3\x9f\xc3\x9fStra\xc3\x9f""e", /* sharp s: two letters each */
        "\xff\xfe\xc3", "\xc3(", "\xe2\x80", "\xc5\x92uvre \xc4\xb0stanbul",
        "\xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0 \xce\xa3\xcf\x83",
        "", " ", "\xc2\xa0",
        "According to  the Ministry OF Infrastructure,\tofficials\x01said\x0b \x7f it",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!~ABCDEFGHIJKLMNOPQRSTUVW",
    };
    for (size_t i = 0; i < sizeof S / sizeof *S; i++)
        for (size_t cap = 1; cap <= 72; cap++)
            if (!same_fold(S[i], strlen(S[i]), cap))
                fail_msg("string %zu, cap %zu", i, cap);
    /* pseudo-random mixes */
    static const int32_t POOL[] = {'a', 'Z', ' ', '\'', '-', 'q', 'M', 0x01, '\n', 0xE9, 0xC9, 0xE0, 0xE7, 0x153,
                                   0x2019, 0xA0, 0xDF, 0x130, 0x1C4, 0x41F, 0x3A3, 0x2013,
                                   0x24F, 0x250, 0xFF, '\t'};
    uint32_t r = 12345;
    for (int round = 0; round < 3000; round++) {
        size_t n = 0;
        size_t len = 1 + round % 20;
        for (size_t k = 0; k < len; k++) {
            r = r * 1103515245u + 12345u;
            n += enc_cp(POOL[(r >> 16) % (sizeof POOL / sizeof *POOL)], w + n);
        }
        for (size_t cap = 1; cap <= 64; cap += 1 + (size_t)(round % 7))
            if (!same_fold(w, n, cap))
                fail_msg("mix %d, cap %zu", round, cap);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_miss),
        cmocka_unit_test(test_cues),
        cmocka_unit_test(test_index),
        cmocka_unit_test(test_fold),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
