/*
 * test_credits.c - agency names, credit lines and credit suffixes.
 */
#include "test.h"
#include "meta/credits.h"
#include <string.h>

/* rc_agency_lookup: aliases, articles, case rules for short acronyms. */
static void test_lookup(void **state)
{
    (void)state;
    static const struct { const char *in, *want; } cases[] = {
        {"AFP", "AFP"}, {"Agence France-Presse", "AFP"}, {"L'AFP", "AFP"},
        {"L\xe2\x80\x99" "Associated Press", "Associated Press"}, {"The Associated Press", "Associated Press"},
        {"AP", "Associated Press"}, {"Reuters", "Reuters"}, {"reuters", "Reuters"},
        {"Yonhap", "Yonhap"}, {"Kyodo", "Kyodo"}, {"ANSA", "ANSA"}, {"EFE", "EFE"},
        {"dpa", "dpa"}, {"Belga", "Belga"}, {"Keystone-ATS", "Keystone-ATS"}, {"ATS", "ATS"},
        {"Xinhua", "Xinhua"}, {"TASS", "TASS"}, {"Tass", "TASS"}, {"ITAR-TASS", "TASS"},
        {"RIA Novosti", "RIA Novosti"}, {"Interfax", "Interfax"}, {"Anadolu", "Anadolu"},
        {"PA", "PA"}, {"Bloomberg", "Bloomberg"}, {"UPI", "UPI"}, {"KCNA", "KCNA"},
        {" AFP ", "AFP"},
        /* not agencies: wrong case for short acronyms, other words, longer names */
        {"ap", NULL}, {"Ap", NULL}, {"afp", NULL}, {"Pa", NULL}, {"AFPX", NULL},
        {"Reuters news", NULL}, {"Le Monde", NULL}, {"", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const char *got = rc_agency_lookup(cases[i].in, strlen(cases[i].in));
        if (cases[i].want)
            assert_string_equal(got ? got : "(null)", cases[i].want);
        else
            assert_null(got);
    }
}

/* rc_agency_prefix: the longest alias at the start, its length with a
 * leading article; names whose first letter (or article) starts no alias. */
static void test_prefix(void **state)
{
    (void)state;
    static const struct { const char *in, *want; size_t len; } cases[] = {
        {"Associated Press reported", "Associated Press", 16},
        {"Agence France-Presse, Paris", "AFP", 20},
        {"Thomson Reuters said", "Reuters", 15},
        {"the Associated Press", "Associated Press", 20},
        {"La Presse Canadienne", "Canadian Press", 20},
        {"Lusa reported", "Lusa", 4},
        {"TAP news", "TAP", 3},
        {"xinhua said", "Xinhua", 6},
        /* not agencies: a compound, a digit first, other names */
        {"AP-based", NULL, 0}, {"1AFP", NULL, 0}, {"Le Monde", NULL, 0},
        {"Quebec", NULL, 0}, {"The", NULL, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        size_t len = 0;
        const char *got = rc_agency_prefix(cases[i].in, strlen(cases[i].in), &len);
        if (cases[i].want) {
            assert_string_equal(got ? got : "(null)", cases[i].want);
            assert_int_equal(len, cases[i].len);
        } else {
            assert_null(got);
        }
    }
}

/* rc_credit_line: whole credit lines only. */
static void test_credit_line(void **state)
{
    (void)state;
    static const struct { const char *in; size_t n; const char *a, *b; } cases[] = {
        {"Avec AFP", 1, "AFP", NULL},
        {"avec l'AFP", 1, "AFP", NULL},
        {"Avec L\xe2\x80\x99" "Associated Press", 1, "Associated Press", NULL},
        {"With AP", 1, "Associated Press", NULL},
        {"with The Associated Press", 1, "Associated Press", NULL},
        {"(AFP)", 1, "AFP", NULL},
        {"\xe2\x80\x94 AFP", 1, "AFP", NULL},
        {"- Reuters", 1, "Reuters", NULL},
        {"AFP/Reuters", 2, "AFP", "Reuters"},
        {"Avec AFP et Reuters", 2, "AFP", "Reuters"},
        {"Source : Yonhap", 1, "Yonhap", NULL},
        {"\xc2\xa9 AFP 2024", 1, "AFP", NULL},
        {"Reuters", 1, "Reuters", NULL},
        /* citations and sentences are not credit lines */
        {"Selon TASS, le convoi est parti.", 0, NULL, NULL},
        {"a indiqu\xc3\xa9 \xc3\xa0 l'AFP", 0, NULL, NULL},
        {"Avec le soutien de l'AFP", 0, NULL, NULL},
        {"Reuters a contact\xc3\xa9 le minist\xc3\xa8re.", 0, NULL, NULL},
        {"(AFP", 0, NULL, NULL},
        {"", 0, NULL, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const char *out[4] = {0};
        size_t k = rc_credit_line(cases[i].in, strlen(cases[i].in), out, 4);
        assert_int_equal(k, cases[i].n);
        if (cases[i].a)
            assert_string_equal(out[0], cases[i].a);
        if (cases[i].b)
            assert_string_equal(out[1], cases[i].b);
    }
}

/* rc_credit_suffix: a credit ending a byline-sized line, and where it starts. */
static void test_credit_suffix(void **state)
{
    (void)state;
    static const struct { const char *in; size_t n; const char *a; const char *head; } cases[] = {
        {"Par Claire Martin avec AFP", 1, "AFP", "Par Claire Martin"},
        {"By Jane Doe with AP", 1, "Associated Press", "By Jane Doe"},
        {"Jane Doe, Reuters", 1, "Reuters", "Jane Doe"},
        {"La r\xc3\xa9" "daction (AFP)", 1, "AFP", "La r\xc3\xa9" "daction"},
        {"Fin du texte. \xe2\x80\x94 AFP", 1, "AFP", "Fin du texte."},
        {"Radio Nord avec AFP et Reuters", 2, "AFP", "Radio Nord"},
        {"Par Claire Martin", 0, NULL, NULL},
        {"Il a parl\xc3\xa9 de Reuters hier", 0, NULL, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const char *out[4] = {0};
        size_t cut = 999;
        size_t k = rc_credit_suffix(cases[i].in, strlen(cases[i].in), out, 4, &cut);
        assert_int_equal(k, cases[i].n);
        if (k) {
            assert_string_equal(out[0], cases[i].a);
            assert_int_equal(cut, strlen(cases[i].head));
            assert_memory_equal(cases[i].in, cases[i].head, cut);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lookup),
        cmocka_unit_test(test_prefix),
        cmocka_unit_test(test_credit_line),
        cmocka_unit_test(test_credit_suffix),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
