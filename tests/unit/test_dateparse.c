/*
 * test_dateparse.c - dates and weekdays written in datelines and date lines.
 */
#include "test.h"
#include "meta/dateparse.h"
#include <string.h>

/* rc_date_scan over the written forms, with and without a year hint. */
static void test_scan(void **state)
{
    (void)state;
    static const struct { const char *in; int yhint, y, m, d, wd; } cases[] = {
        {"mercredi 17/06/2025", 0, 2025, 6, 17, 2},
        {"2024-11-05", 0, 2024, 11, 5, -1},
        {"Publi\xc3\xa9 le 07/05/2025 \xc3\xa0 08h30", 0, 2025, 5, 7, -1},
        {"3 juin 2024", 0, 2024, 6, 3, -1},
        {"1er f\xc3\xa9vrier 2023", 0, 2023, 2, 1, -1},
        {"Tuesday, June 4, 2024", 0, 2024, 6, 4, 1},
        {"Aug. 14, 2024", 0, 2024, 8, 14, -1},
        {"06/17/2025", 0, 2025, 6, 17, -1},      /* month first when unambiguous */
        {"3 juin", 2022, 2022, 6, 3, -1},         /* year from the hint */
        {"3 juin", 0, 0, 0, 0, -1},               /* no year: nothing */
        {"31/02/2024", 0, 0, 0, 0, -1},           /* not a calendar date */
        {"samedi", 0, 0, 0, 0, 5},
        {"le 12 du mois", 0, 0, 0, 0, -1},
        {"", 0, 0, 0, 0, -1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        rc_date_found f;
        rc_date_scan(cases[i].in, strlen(cases[i].in), cases[i].yhint, &f);
        print_message("date %zu: %s\n", i, cases[i].in);
        assert_int_equal(f.y, cases[i].y);
        assert_int_equal(f.m, cases[i].m);
        assert_int_equal(f.d, cases[i].d);
        assert_int_equal(f.wd, cases[i].wd);
    }
}

/* rc_month_word: French and English names and abbreviations. */
static void test_months(void **state)
{
    (void)state;
    static const struct { const char *in; int m; } cases[] = {
        {"janvier", 1}, {"F\xc3\xa9vrier", 2}, {"fevr", 2}, {"March", 3}, {"avr", 4},
        {"mai", 5}, {"May", 5}, {"JUIN", 6}, {"juil", 7}, {"ao\xc3\xbbt", 8}, {"Sept", 9},
        {"octobre", 10}, {"Nov", 11}, {"d\xc3\xa9" "cembre", 12}, {"lundi", 0}, {"", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        assert_int_equal(rc_month_word(cases[i].in, strlen(cases[i].in)), cases[i].m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scan),
        cmocka_unit_test(test_months),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
