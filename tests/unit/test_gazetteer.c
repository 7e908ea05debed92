/* test_gazetteer.c - place look-ups in the compiled gazetteer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>
#include "extract/gazetteer.h"

/* Exact look-ups: French and English names of one country share an id. */
static void test_exact(void **state)
{
    (void)state;
    rc_gaz_hit a, b;
    assert_true(rc_gaz_size() > 10000);
    assert_true(rc_gaz_find("Allemagne", 9, &a));
    assert_true(rc_gaz_find("Germany", 7, &b));
    assert_int_equal(a.id, b.id);
    assert_int_equal(a.kind, RC_GAZ_COUNTRY);
    assert_true(rc_gaz_find("ÉTATS-UNIS", strlen("ÉTATS-UNIS"), &a));
    assert_true(rc_gaz_find("united states", 13, &b));
    assert_int_equal(a.id, b.id);
    assert_true(rc_gaz_find("Lisbon", 6, &a));
    assert_int_equal(a.kind, RC_GAZ_CAPITAL);
    assert_false(rc_gaz_find("Cependant", 9, NULL));
    assert_false(rc_gaz_find("", 0, NULL));
}

/* Phonetic look-ups find big cities under another transliteration. */
static void test_phonetic(void **state)
{
    (void)state;
    rc_gaz_hit a, b;
    assert_true(rc_gaz_find_phonetic("Tcheliabinsk", strlen("Tcheliabinsk"), &a));
    assert_true(rc_gaz_find("Chelyabinsk", 11, &b));
    assert_int_equal(a.id, b.id);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_exact), cmocka_unit_test(test_phonetic)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
