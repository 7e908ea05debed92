/*
 * test_fold.c - matching keys, words and searches.
 */
#include "test.h"
#include "meta/fold.h"
#include <string.h>

/* rc_fold_key: case, accents, quotes, spaces; capped output. */
static void test_key(void **state)
{
    (void)state;
    static const struct { const char *in, *want; } cases[] = {
        {"\xc3\x80 la Une", "a la une"},
        {"  S\xe2\x80\x99" "abonner\xc2\xa0 maintenant ", "s'abonner maintenant"},
        {"F\xc3\x89VRIER", "fevrier"},
        {"\xc2\xab Oui \xc2\xbb", "\" oui \""},
        {"a\xe2\x80\x94" "b", "a-b"},
        {"\xff\xfe", "\xef\xbf\xbd\xef\xbf\xbd"},
        {"", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char out[64];
        size_t k = rc_fold_key(cases[i].in, strlen(cases[i].in), out, sizeof out);
        assert_string_equal(out, cases[i].want);
        assert_int_equal(k, strlen(cases[i].want));
    }
    char small[4];
    size_t k = rc_fold_key("\xc3\xa9t\xc3\xa9s", 7, small, sizeof small);
    assert_int_equal(k, 3);
    assert_string_equal(small, "ete");
    assert_true(rc_fold_eq("Mercredi", 8, "mercredi"));
    assert_false(rc_fold_eq("Mercredi", 8, "mercred"));
}

/* rc_word_next: inner apostrophes and hyphens join, punctuation splits. */
static void test_words(void **state)
{
    (void)state;
    const char *s = "L\xe2\x80\x99" "arm\xc3\xa9" "e nord-cor\xc3\xa9" "enne, 3,5 km. -fin";
    static const char *const want[] = {("L\xe2\x80\x99" "arm\xc3\xa9" "e"), ("nord-cor\xc3\xa9" "enne"),
                                       "3", "5", "km", "fin"};
    size_t i = 0, ws, we, k = 0, n = strlen(s);
    while (rc_word_next(s, n, &i, &ws, &we)) {
        assert_true(k < sizeof want / sizeof *want);
        assert_int_equal(we - ws, strlen(want[k]));
        assert_memory_equal(s + ws, want[k], we - ws);
        k++;
    }
    assert_int_equal(k, sizeof want / sizeof *want);
}

/* rc_key_has / rc_key_starts respect word boundaries; rc_find variants. */
static void test_search(void **state)
{
    (void)state;
    const char *k = "lire aussi: la une";
    assert_true(rc_key_starts(k, strlen(k), "lire aussi"));
    assert_false(rc_key_starts(k, strlen(k), "lire auss"));
    assert_true(rc_key_has(k, strlen(k), "la une", NULL));
    assert_false(rc_key_has("lune", 4, "une", NULL));
    assert_non_null(rc_find("abcabd", 6, "abd", 3));
    assert_null(rc_find("abcabd", 6, "abe", 3));
    assert_null(rc_find("ab", 2, "abc", 3));
    assert_non_null(rc_find_ci("Radio LITTORAL", 14, "littoral", 8));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_key),
        cmocka_unit_test(test_words),
        cmocka_unit_test(test_search),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
