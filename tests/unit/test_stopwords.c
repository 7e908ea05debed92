/*
 * test_stopwords.c - compiled Snowball stopword lists: lookups, French
 * elisions, apostrophe folding, and the shape of the generated tables.
 */
#include "test.h"
#include "text/stopwords.h"
#include "text/stopwords_data.h"
#include "text/utf8.h"
#include <string.h>

static const struct {
    const char *lang, *word;
    int want;
} LOOKUPS[] = {
    {"fr", "le", 1},        {"fr", "les", 1},       {"fr", "maison", 0},
    {"fr", "l'", 1},        {"fr", "l\xE2\x80\x99", 1}, /* l’ */
    {"fr", "d'", 1},        {"fr", "qu'", 1},       {"fr", "jusqu'", 1},
    {"fr", "lorsqu\xE2\x80\x99", 1},                {"fr", "puisqu'", 1},
    {"fr", "\xC3\xA9t\xC3\xA9", 1},                 /* été */
    {"fr", "l", 1},         {"fr", "l''", 0},       {"fr", "", 0},
    {"en", "the", 1},       {"en", "th", 0},        {"en", "thee", 0},
    {"en", "don't", 1},     {"en", "don\xE2\x80\x99t", 1},
    {"en", "le", 0},        {"de", "und", 1},       {"de", "haus", 0},
    {"ru", "\xD0\xB8", 1},                          /* и */
    {"nb", "og", 1},        {"no", "og", 1},
    {"xx", "le", 0},        {NULL, "le", 0},        {"f", "le", 0},
};

/* Each lookup gives the expected answer. */
static void test_lookups(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof LOOKUPS / sizeof *LOOKUPS; i++) {
        const char *w = LOOKUPS[i].word;
        if (rc_stopword(LOOKUPS[i].lang, w, strlen(w)) != LOOKUPS[i].want)
            fail_msg("stopword(%s, '%s') != %d", LOOKUPS[i].lang ? LOOKUPS[i].lang : "NULL",
                     w, LOOKUPS[i].want);
    }
}

/* Only the given length counts: a prefix of a longer buffer matches. */
static void test_length_bound(void **state)
{
    (void)state;
    assert_int_equal(rc_stopword("en", "theatre", 3), 1);
    assert_int_equal(rc_stopword("en", "the\0x", 5), 0);
}

/* Lists exist for the Snowball languages Debian ships. */
static void test_have(void **state)
{
    (void)state;
    static const char *const yes[] = {"fr", "en", "de", "es", "it", "nl", "ru", "sv", "no", "nb"};
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
        if (!rc_stopwords_have(yes[i]))
            fail_msg("no list for %s", yes[i]);
    assert_false(rc_stopwords_have("xx"));
    assert_false(rc_stopwords_have(""));
    assert_false(rc_stopwords_have(NULL));
}

/* Every generated table is strictly sorted in strcmp order, its words are
 * case-folded NFC (a fold leaves them unchanged) and each is found. */
static void test_tables(void **state)
{
    (void)state;
    rc_arena *a = rc_arena_new();
    assert_true(rc_sw_nlists >= 10);
    for (size_t i = 0; i < rc_sw_nlists; i++) {
        const rc_sw_list *l = &rc_sw_lists[i];
        assert_true(l->count > 10);
        for (size_t k = 0; k < l->count; k++) {
            const char *w = l->pool + l->off[k];
            size_t n = strlen(w);
            assert_int_equal(n, (size_t)(l->off[k + 1] - l->off[k] - 1));
            if (k > 0 && strcmp(l->pool + l->off[k - 1], w) >= 0)
                fail_msg("%s: '%s' out of order", l->lang, w);
            size_t fl;
            const char *f = rc_utf8_fold(a, w, n, RC_FOLD_CASE | RC_FOLD_QUOTES, &fl);
            if (strcmp(f, w) != 0)
                fail_msg("%s: '%s' not folded", l->lang, w);
            if (!rc_stopword(l->lang, w, n))
                fail_msg("%s: '%s' not found", l->lang, w);
        }
    }
    rc_arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lookups),
        cmocka_unit_test(test_length_bound),
        cmocka_unit_test(test_have),
        cmocka_unit_test(test_tables),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
