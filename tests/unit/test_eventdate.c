/*
 * test_eventdate.c - rc_eventdate on French and English sentences written
 * for this test: lead dates weigh most, reference words and plans step
 * aside, unresolved weekdays constrain, precision is only what the text
 * gives (day, month, undated).
 */
#include "test.h"
#include "cluster/eventdate.h"
#include "doc/doc.h"
#include "extract/facts.h"
#include "text/textmodel.h"
#include <string.h>

typedef struct ecase {
    const char *lang, *pub, *text;
    const char *iso;      /* expected rc_evdate_iso ("" undated) */
    int wday;             /* expected weekday, -2: not checked */
    int guessed;
} ecase;

static const ecase CASES[] = {
    /* a weekday resolved against the publication day (Thursday 2026-01-15:
     * "mercredi" is the day before) */
    {"fr", "2026-01-15", "Le conseil municipal de Brenne a voté mercredi la fermeture du pont. Les travaux dureront deux mois.",
     "2026-01-14", 2, 0},
    {"en", "2026-01-15", "The Brenne council voted yesterday to close the bridge. Works will last two months.",
     "2026-01-14", -2, 0},
    {"fr", "2026-01-15", "Les pompiers de Brenne interviennent aujourd'hui sur le pont.", "2026-01-15", -2, 0},
    /* the lead date wins over a date of another event deeper down */
    {"fr", "2026-02", "Le ministre Aurel Vasko est arrivé à Tarn le 12 février. Il avait déjà visité la ville lors de sa visite du 3 janvier. Plus tard, la presse a commenté.",
     "2026-02-12", -2, 0},
    /* a reference word sends a lead date aside: the publication day wins */
    {"en", "2026-04-09", "Since 2 March the port of Kessel has been closed, officials said. Dockers marched through the town.",
     "2026-04-09", -2, 0},
    /* a plan after publication is not the event */
    {"en", "2026-04-09", "Kessel will reopen its port on 20 May, the mayor said. Dockers welcomed the news.",
     "2026-04-09", -2, 0},
    /* only a month in the text, no publication: month-precise */
    {"fr", NULL, "En mars 2025, la ville de Tarn a inauguré un pont.", "2025-03", -2, 0},
    /* an unresolved weekday and no publication: undated, weekday kept */
    {"fr", NULL, "Le ministre a rencontré mardi son homologue à Tarn.", "", 1, 0},
    {"en", NULL, "The minister met his counterpart in Tarn on Friday.", "", 4, 0},
    /* nothing at all */
    {"en", NULL, "The minister met his counterpart in Tarn.", "", -1, 0},
    /* a year resolved from the text alone is marked guessed */
    {"en", NULL, "The ministers met in Tarn on Tuesday 9 June, after talks in 2025.", "2026-06-09", 1, 1},
};

/* Each case: facts extracted, event date computed, compared. */
static void test_cases(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof CASES / sizeof *CASES; i++) {
        const ecase *c = &CASES[i];
        rc_doc *d = rc_doc_new();
        rc_doc_set(d, &d->text, c->text);
        d->text_len = strlen(c->text);
        rc_doc_set(d, &d->lang, c->lang);
        rc_doc_set(d, &d->published, c->pub);
        rc_textmodel_build(d);
        rc_facts *f = rc_facts_new(d);
        rc_extract_all(d, f);
        rc_evdate e;
        rc_eventdate(d, f, &e);
        char iso[24];
        rc_evdate_iso(&e, iso, sizeof iso);
        if (strcmp(iso, c->iso) != 0)
            fail_msg("case %zu (%s): got '%s', expected '%s'", i, c->text, iso, c->iso);
        if (c->wday != -2 && e.wday != c->wday)
            fail_msg("case %zu (%s): weekday %d, expected %d", i, c->text, e.wday, c->wday);
        assert_int_equal(e.year_guessed, c->guessed);
        rc_doc_free(d);
    }
}

/* Day numbers and ISO forms by hand. */
static void test_daynum_iso(void **state)
{
    (void)state;
    assert_int_equal(rc_evdate_daynum(1970, 1, 1), 0);
    assert_int_equal(rc_evdate_daynum(2000, 3, 1), 11017);
    assert_int_equal(rc_evdate_daynum(2025, 6, 17) - rc_evdate_daynum(2025, 6, 4), 13);
    rc_evdate e = {RC_DATE_DAY, 0, 6, 9, 0, -1, 0.0f};
    char iso[24];
    rc_evdate_iso(&e, iso, sizeof iso);
    assert_string_equal(iso, "XXXX-06-09");
    e.gran = RC_DATE_MONTH;
    e.year = 2025;
    rc_evdate_iso(&e, iso, sizeof iso);
    assert_string_equal(iso, "2025-06");
    e.gran = 0;
    rc_evdate_iso(&e, iso, sizeof iso);
    assert_string_equal(iso, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_daynum_iso),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
