/*
 * test_fold.c - matching keys (at every capacity, as one code point at a
 * time; the Latin code points as utf8proc folds them), words and searches.
 */
#include "test.h"
#include "meta/fold.h"
#include <string.h>
#include <utf8proc.h>

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

/* Every code point of U+0080..U+024F (read from a table made once) folds
 * as utf8proc folds it (case folded, decomposed, marks stripped), but
 * for the typographic ones (no-break space, guillemets, acute accent,
 * modifier apostrophe); and so do code points past the table. */
static void test_fold_cp_latin(void **state)
{
    (void)state;
    size_t accented = 0;
    for (int32_t cp = 0x80; cp < 0x600; cp++) {
        int32_t got[4], want[4];
        size_t n = rc_fold_cp(cp, got), m;
        if (cp == 0xA0) {
            want[0] = ' ';
            m = 1;
        } else if (cp == 0xAB || cp == 0xBB) {
            want[0] = '"';
            m = 1;
        } else if (cp == 0xB4 || cp == 0x2BC) {
            want[0] = '\'';
            m = 1;
        } else {
            utf8proc_int32_t buf[4];
            int last = 0;
            utf8proc_ssize_t k = utf8proc_decompose_char(
                cp, buf, 4, UTF8PROC_CASEFOLD | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK, &last);
            if (k <= 0 || k > 4) {
                want[0] = cp;
                m = 1;
            } else {
                for (utf8proc_ssize_t j = 0; j < k; j++)
                    want[j] = buf[j];
                m = (size_t)k;
            }
        }
        assert_int_equal(n, m);
        for (size_t j = 0; j < n; j++)
            assert_int_equal(got[j], want[j]);
        accented += n == 1 && got[0] < 0x80 && got[0] >= 'a' && got[0] <= 'z';
    }
    assert_true(accented > 100); /* É -> e, ç -> c, Ł -> l... */
    int32_t o[4];
    assert_int_equal(rc_fold_cp(0xC9, o), 1);
    assert_int_equal(o[0], 'e');
    assert_int_equal(rc_fold_cp(0xDF, o), 2); /* ß -> ss */
    assert_int_equal(o[0], 's');
    assert_int_equal(o[1], 's');
    assert_int_equal(rc_fold_cp(0x2019, o), 1);
    assert_int_equal(o[0], '\'');
}

/* rc_fold_key as one code point at a time (the rule of fold.h): what the
 * runs of ASCII bytes must give. */
static size_t fold_key_ref(const char *s, size_t n, char *out, size_t cap)
{
    size_t o = 0;
    int pend = 0;
    for (size_t i = 0; i < n;) {
        int32_t cp, f[4];
        i += rc_utf8_next(s, n, i, &cp);
        size_t k = rc_fold_cp(cp, f);
        for (size_t j = 0; j < k; j++) {
            if (f[j] == ' ' || f[j] == '\n' || f[j] == '\r') {
                pend = o > 0;
                continue;
            }
            utf8proc_uint8_t enc[4];
            utf8proc_ssize_t el = utf8proc_encode_char(f[j], enc);
            if (o + (size_t)pend + (size_t)el + 1 > cap) {
                out[o] = '\0';
                return o;
            }
            if (pend)
                out[o++] = ' ';
            pend = 0;
            memcpy(out + o, enc, (size_t)el);
            o += (size_t)el;
        }
    }
    out[o] = '\0';
    return o;
}

/* Keys of mixed ASCII runs, spaces and accented letters, at every
 * capacity from 1 up: the same as one code point at a time. */
static void test_key_caps(void **state)
{
    (void)state;
    static const char *const in[] = {
        "Le MINISTRE a d\xc3\xa9" "clar\xc3\xa9 :  \xc2\xab NON \xc2\xbb\t\r\nFin",
        "  ABCdefGHI\tjkl  MNO\xe2\x80\x99pqr  ", "x", "AB", "\xc3\x89t\xc3\xa9 2026-05-04",
        "Stra\xc3\x9f" "e   Gro\xc3\x9f" "E [1] {a} ~z~ @Q",
    };
    for (size_t t = 0; t < sizeof in / sizeof *in; t++) {
        size_t n = strlen(in[t]);
        for (size_t cap = 1; cap < 2 * n + 4; cap++) {
            char a[256], b[256];
            memset(a, 'A', sizeof a);
            memset(b, 'B', sizeof b);
            size_t ka = rc_fold_key(in[t], n, a, cap);
            size_t kb = fold_key_ref(in[t], n, b, cap);
            assert_int_equal(ka, kb);
            assert_memory_equal(a, b, ka + 1);
            assert_true(ka < cap);
            assert_int_equal(a[ka + 1], 'A'); /* nothing past the NUL */
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_key),
        cmocka_unit_test(test_key_caps),
        cmocka_unit_test(test_fold_cp_latin),
        cmocka_unit_test(test_words),
        cmocka_unit_test(test_search),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
