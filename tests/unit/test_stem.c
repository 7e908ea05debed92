/*
 * test_stem.c - Snowball stemming per language, fallbacks and the stem
 * cache.
 */
#include "test.h"
#include "text/stem.h"
#include "text/stopwords.h"
#include <string.h>

static const struct {
    const char *lang, *word, *stem;
} STEMS[] = {
    {"fr", "nationales", "national"},
    {"fr", "gouvernements", "gouvern"},
    {"fr", "\xC3\xA9lections", "\xC3\xA9lect"},         /* élections */
    {"en", "running", "run"},
    {"en", "connections", "connect"},
    {"en", "governments", "govern"},
    {"de", "h\xC3\xA4user", "haus"},                     /* häuser */
    {"de", "regierungen", "regier"},
    {"ru", "\xD0\xB2\xD1\x8B\xD0\xB1\xD0\xBE\xD1\x80\xD1\x8B", "\xD0\xB2\xD1\x8B\xD0\xB1\xD0\xBE\xD1\x80"},
    {"nb", "regjeringen", NULL},                          /* alias of "no": stemmed */
};

/* Each word stems to the Snowball result (NULL: just "changed"). */
static void test_stems(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof STEMS / sizeof *STEMS; i++) {
        size_t len = 0;
        const char *w = STEMS[i].word;
        const char *s = rc_stem(STEMS[i].lang, w, strlen(w), &len);
        if (STEMS[i].stem) {
            if (len != strlen(STEMS[i].stem) || memcmp(s, STEMS[i].stem, len) != 0)
                fail_msg("%s %s: got '%.*s'", STEMS[i].lang, w, (int)len, s);
        } else if (len == strlen(w) && memcmp(s, w, len) == 0) {
            fail_msg("%s %s: not stemmed", STEMS[i].lang, w);
        }
    }
}

/* Supported codes are ISO 639-1 codes of Snowball languages. */
static void test_supported(void **state)
{
    (void)state;
    static const struct {
        const char *lang;
        int want;
    } cases[] = {
        {"fr", 1}, {"en", 1}, {"de", 1}, {"ru", 1}, {"no", 1}, {"nb", 1},
        {"xx", 0}, {"zh", 0}, {"", 0}, {"FR", 0}, {"fra", 0}, {"french", 0}, {NULL, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        if (rc_stem_supported(cases[i].lang) != cases[i].want)
            fail_msg("supported(%s)", cases[i].lang ? cases[i].lang : "NULL");
}

/* Without a stemmer the word itself comes back (same pointer). */
static void test_no_stemmer(void **state)
{
    (void)state;
    const char *w = "maisons";
    size_t len = 0;
    assert_ptr_equal(rc_stem("xx", w, 7, &len), w);
    assert_int_equal(len, 7);
    assert_ptr_equal(rc_stem(NULL, w, 7, &len), w);
    assert_ptr_equal(rc_stem("fr", w, 0, &len), w);
    assert_int_equal(len, 0);
}

/* The cache never returns a stale or colliding result: stemming many
 * distinct words twice gives identical stems, and long words (beyond the
 * cache) are stemmed too. */
static void test_cache_consistency(void **state)
{
    (void)state;
    char w[64], first[64];
    for (int round = 0; round < 2; round++) {
        for (int i = 0; i < 20000; i++) {
            int n = snprintf(w, sizeof w, "electionnements%d", i);
            size_t len;
            const char *s = rc_stem("fr", w, (size_t)n, &len);
            assert_true(len < sizeof first);
            if (i == 12345) {
                if (round == 0) {
                    memcpy(first, s, len);
                    first[len] = '\0';
                } else {
                    assert_int_equal(len, strlen(first));
                    assert_memory_equal(s, first, len);
                }
            }
        }
    }
    size_t len;
    const char *s = rc_stem("en", "internationalizations", 21, &len);
    assert_int_equal(len, strlen("internation"));
    assert_memory_equal(s, "internation", len);
    s = rc_stem("en", "running", 7, &len);
    assert_memory_equal(s, "run", 3);
    s = rc_stem("en", "running", 7, &len);       /* cache hit */
    assert_int_equal(len, 3);
    assert_memory_equal(s, "run", 3);
}

/* Cleanup releases everything; stemming works again afterwards. */
static void test_cleanup(void **state)
{
    (void)state;
    rc_stem_cleanup();
    size_t len;
    const char *s = rc_stem("en", "connections", 11, &len);
    assert_int_equal(len, 7);
    assert_memory_equal(s, "connect", 7);
    rc_stem_cleanup();
}

/* rc_stem_stop gives rc_stem's stem and rc_stopword's answer, on a first
 * call (cache miss), a repeat (hit), a word first cached by plain rc_stem
 * (stop not asked yet), a word too long for the cache and a language
 * without a stemmer. Each case is asked three times. */
static void test_stem_stop(void **state)
{
    (void)state;
    static const struct {
        const char *lang, *word;
        int stop;
    } CASES[] = {
        {"fr", "les", 1},
        {"fr", "gouvernements", 0},
        {"en", "the", 1},
        {"en", "running", 0},
        {"en", "internationalizations", 0},
        {"en", "antidisestablishmentarianisms", 0}, /* longer than a cache word */
        {"xx", "the", 0},                             /* no stemmer, no list */
    };
    rc_stem_cleanup();
    size_t len0;
    rc_stem("fr", "les", 3, &len0);                   /* cached with stop unknown */
    for (size_t i = 0; i < sizeof CASES / sizeof *CASES; i++) {
        const char *w = CASES[i].word;
        size_t n = strlen(w);
        assert_int_equal(rc_stopword(CASES[i].lang, w, n), CASES[i].stop);
        for (int rep = 0; rep < 3; rep++) {
            size_t want_len, len = 0;
            const char *want = rc_stem(CASES[i].lang, w, n, &want_len);
            char copy[64];
            memcpy(copy, want, want_len);
            int stop = -1;
            const char *s = rc_stem_stop(CASES[i].lang, w, n, &len, &stop);
            assert_int_equal(stop, CASES[i].stop);
            assert_int_equal(len, want_len);
            assert_memory_equal(s, copy, len);
        }
    }
    rc_stem_cleanup();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stems),
        cmocka_unit_test(test_supported),
        cmocka_unit_test(test_no_stemmer),
        cmocka_unit_test(test_cache_consistency),
        cmocka_unit_test(test_cleanup),
        cmocka_unit_test(test_stem_stop),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    rc_stem_cleanup();
    return rc;
}
