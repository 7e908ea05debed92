/*
 * test_header.c - the " date" header, wire datelines, weekdays.
 */
#include "test.h"
#include "meta/header.h"
#include <string.h>

/* rc_weekday: known dates, leap years, invalid dates. */
static void test_weekday(void **state)
{
    (void)state;
    static const struct { int y, m, d, want; } cases[] = {
        {2025, 6, 17, 1},  /* Tuesday */
        {2025, 6, 4, 2},   /* Wednesday */
        {2000, 1, 1, 5},   /* Saturday */
        {2024, 2, 29, 3},  /* Thursday, leap day */
        {1900, 3, 1, 3},   /* Thursday (1900 not leap) */
        {1, 1, 1, 0},      /* Monday, proleptic Gregorian */
        {2023, 2, 29, -1}, /* not a leap year */
        {1900, 2, 29, -1},
        {2025, 13, 1, -1},
        {2025, 4, 31, -1},
        {0, 1, 1, -1},
        {2025, 0, 10, -1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        assert_int_equal(rc_weekday(cases[i].y, cases[i].m, cases[i].d), cases[i].want);
}

/* rc_weekday_word: French and English, case and accents optional. */
static void test_weekday_word(void **state)
{
    (void)state;
    static const struct { const char *w; int want; } cases[] = {
        {"lundi", 0}, {"Mardi", 1}, {"MERCREDI", 2}, {"jeudi", 3}, {"vendredi", 4},
        {"samedi", 5}, {"dimanche", 6}, {"Monday", 0}, {"tuesday", 1}, {"Wednesday", 2},
        {"THURSDAY", 3}, {"Friday", 4}, {"saturday", 5}, {"Sunday", 6},
        {"m\xc3\xa9rcredi", 2}, /* a stray accent is ignored */
        {"mardis", -1}, {"mar", -1}, {"", -1}, {"juin", -1}, {"Tues", -1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        assert_int_equal(rc_weekday_word(cases[i].w, strlen(cases[i].w)), cases[i].want);
    assert_int_equal(rc_weekday_word(NULL, 0), -1);
}

/* rc_header_parse over the header and dateline forms. */
static void test_parse_table(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        int ret;
        const char *date, *place, *agency, *dl_date, *weekday;
        int mismatch;
        const char *rest; /* text after consumed */
    } cases[] = {
        /* header alone, then the body on the same line */
        {" date 2024-11 Les pompiers ont maitrise l'incendie.", 1, "2024-11", "", "", "", "", 0,
         "Les pompiers ont maitrise l'incendie."},
        /* header on its own line */
        {" date 2024-11-05\nLe texte.", 1, "2024-11-05", "", "", "", "", 0, "Le texte."},
        /* header then a pipe dateline whose weekday is wrong (5 Nov 2024 was a Tuesday) */
        {" date 2024-11 Lyon, France | AFP | jeudi 05/11/2024 - Le maire a parle.", 1, "2024-11",
         "Lyon", "AFP", "2024-11-05", "jeudi", 1, "Le maire a parle."},
        /* the same with the right weekday */
        {"Lyon, France | AFP | mardi 05/11/2024 - Le maire a parle.", 1, "", "Lyon", "AFP",
         "2024-11-05", "mardi", 0, "Le maire a parle."},
        /* city, French date, agency in brackets: no year without a header */
        {"GENEVE, 3 mars (Reuters) - Les negociations reprennent.", 1, "", "GENEVE", "Reuters",
         "", "", 0, "Les negociations reprennent."},
        /* the header year completes a day and month */
        {" date 2024-03\nGENEVE, 3 mars (Reuters) - Les negociations reprennent.", 1, "2024-03",
         "GENEVE", "Reuters", "2024-03-03", "", 0, "Les negociations reprennent."},
        /* English month-first date, double dash */
        {"TOKYO, May 9 (Kyodo) -- Officials said on Friday.", 1, "", "TOKYO", "Kyodo", "", "", 0,
         "Officials said on Friday."},
        /* place and agency only; em dash */
        {"Nairobi (AP) \xe2\x80\x94 The rains came early.", 1, "", "Nairobi", "Associated Press",
         "", "", 0, "The rains came early."},
        {"BERLIN (AFP) - Le chancelier.", 1, "", "BERLIN", "AFP", "", "", 0, "Le chancelier."},
        /* agency alone */
        {"(AFP) - Un texte.", 1, "", "", "AFP", "", "", 0, "Un texte."},
        /* English weekday and full date in a pipe dateline, wrong weekday */
        {"Oslo | Reuters | Monday 2024-11-05 - Text.", 1, "", "Oslo", "Reuters", "2024-11-05",
         "Monday", 1, "Text."},
        /* not datelines: a sentence with a dash, a cited agency, no dash */
        {"Le ministre - un homme discret - a parle.", 0, "", "", "", "", "", 0, NULL},
        {"Selon l'AFP (AFP) le texte continue sans tiret.", 0, "", "", "", "", "", 0, NULL},
        {"Le porte-parole a dit (AFP) : rien - voila.", 0, "", "", "", "", "", 0, NULL},
        {"la ville (AFP) - minuscule.", 0, "", "", "", "", "", 0, NULL},
        /* invalid header dates are not headers */
        {" date 2023-02-29 texte", 0, "", "", "", "", "", 0, NULL},
        {" date 2024-13 texte", 0, "", "", "", "", "", 0, NULL},
        {"", 0, "", "", "", "", "", 0, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        rc_header h;
        const char *in = cases[i].in;
        int r = rc_header_parse(in, strlen(in), &h);
        print_message("case %zu: %s\n", i, in);
        assert_int_equal(r, cases[i].ret);
        assert_string_equal(h.date, cases[i].date);
        assert_string_equal(h.dateline_place, cases[i].place);
        assert_string_equal(h.agency, cases[i].agency);
        assert_string_equal(h.dl_date, cases[i].dl_date);
        assert_string_equal(h.weekday, cases[i].weekday);
        assert_int_equal(h.weekday_mismatch, cases[i].mismatch);
        if (cases[i].weekday[0])
            assert_true(h.weekday_index >= 0);
        else
            assert_int_equal(h.weekday_index, -1);
        if (cases[i].rest)
            assert_string_equal(in + h.consumed, cases[i].rest);
        else
            assert_int_equal(h.consumed, 0);
    }
}

/* Hostile input: a 4 MiB line without newline, NULs, truncated UTF-8. */
static void test_hostile(void **state)
{
    (void)state;
    size_t n = (size_t)4 << 20;
    char *big = malloc(n);
    assert_non_null(big);
    memset(big, '-', n);
    big[0] = 'A';
    rc_header h;
    assert_int_equal(rc_header_parse(big, n, &h), 0);
    memset(big, ' ', n);
    memcpy(big + n - 6, "(AFP)", 5);
    assert_int_equal(rc_header_parse(big, n, &h), 0);
    free(big);
    static const char odd[] = "PARIS\0 (AFP) - \xe2\x80";
    (void)rc_header_parse(odd, sizeof odd - 1, &h);
    static const char cut[] = "PARIS (AFP) \xe2\x80";
    assert_int_equal(rc_header_parse(cut, sizeof cut - 1, &h), 0);
    assert_int_equal(rc_header_parse(NULL, 10, &h), 0);
    assert_int_equal(h.weekday_index, -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_weekday),
        cmocka_unit_test(test_weekday_word),
        cmocka_unit_test(test_parse_table),
        cmocka_unit_test(test_hostile),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
