/*
 * test_dates.c - rc_extract_dates on French and English sentences written
 * for this test, with and without a publication date.
 */
#include "test.h"
#include "doc/doc.h"
#include "extract/dates.h"
#include "extract/facts.h"
#include "meta/dateparse.h"
#include "text/textmodel.h"
#include "util/buf.h"
#include <string.h>

/* A document over text in lang with publication date pub (may be NULL),
 * text model built, dates extracted into *f. */
static rc_doc *run(const char *text, const char *lang, const char *pub, rc_facts **f)
{
    rc_doc *d = rc_doc_new();
    rc_doc_set(d, &d->text, text);
    d->text_len = strlen(text);
    rc_doc_set(d, &d->lang, lang);
    rc_doc_set(d, &d->published, pub);
    rc_textmodel_build(d);
    *f = rc_facts_new(d);
    assert_int_equal(rc_extract_dates(d, *f), 0);
    return d;
}

typedef struct dcase {
    const char *lang, *pub, *text;
    const char *surface;   /* expected surface (exact), NULL: no date at all */
    const char *value;
    rc_dgran gran;
    int year_open;
} dcase;

static const dcase CASES[] = {
    /* absolute, French */
    {"fr", NULL, "La réunion du 03/11/2021 a duré.", "03/11/2021", "2021-11-03", RC_DATE_DAY, 0},
    {"fr", NULL, "Le rapport publié 2023-09-14 est clair.", "2023-09-14", "2023-09-14", RC_DATE_DAY, 0},
    {"fr", NULL, "Les urnes ont fermé le 9 mars 2019 au soir.", "9 mars 2019", "2019-03-09", RC_DATE_DAY, 0},
    {"fr", NULL, "Le port a rouvert le 1er décembre 2020.", "1er décembre 2020", "2020-12-01", RC_DATE_DAY, 0},
    {"fr", NULL, "La crue de novembre 2018 a surpris.", "novembre 2018", "2018-11", RC_DATE_MONTH, 0},
    {"fr", NULL, "Le pont a été inauguré en 2016 par la ville.", "2016", "2016", RC_DATE_YEAR, 0},
    {"fr", NULL, "Les prix ont baissé fin janvier 2021.", "fin janvier 2021", "2021-01", RC_DATE_MONTH, 0},
    {"fr", NULL, "Les travaux reprendront à la mi-2026.", "mi-2026", "2026", RC_DATE_YEAR, 0},
    {"fr", NULL, "La saison des pluies de l'automne 2017 fut longue.", "automne 2017", "2017", RC_DATE_YEAR, 0},
    {"fr", NULL, "Le texte avait été voté au printemps 2015.", "printemps 2015", "2015", RC_DATE_YEAR, 0},
    /* French, resolved against the publication date */
    {"fr", "2023-03-08", "Le maire a démissionné lundi.", "lundi", "2023-03-06", RC_DATE_DAY, 0},
    {"fr", "2023-03-08", "Le maire a démissionné mercredi.", "mercredi", "2023-03-08", RC_DATE_DAY, 0},
    {"fr", "2023-03-08", "Il reviendra vendredi prochain.", "vendredi prochain", "2023-03-10", RC_DATE_DAY, 0},
    {"fr", "2023-03-08", "Il était absent vendredi dernier.", "vendredi dernier", "2023-03-03", RC_DATE_DAY, 0},
    {"fr", "2023-03-08", "Les pompiers sont intervenus hier.", "hier", "2023-03-07", RC_DATE_DAY, 0},
    {"fr", "2023-03-08", "La séance se tient aujourd'hui.", "aujourd'hui", "2023-03-08", RC_DATE_DAY, 0},
    {"fr", "2023-03-08", "La décision tombera demain.", "demain", "2023-03-09", RC_DATE_DAY, 0},
    {"fr", "2023-03-08", "Le chantier a pris fin l'an dernier.", "l'an dernier", "2022", RC_DATE_YEAR, 0},
    {"fr", "2023-03-08", "Les ventes de l'année dernière ont chuté.", "l'année dernière", "2022", RC_DATE_YEAR, 0},
    {"fr", "2023-03-08", "Le vote a eu lieu le mois dernier.", "le mois dernier", "2023-02", RC_DATE_MONTH, 0},
    {"fr", "2023-03-08", "Le club a recruté la semaine dernière.", "la semaine dernière", "2023-W09", RC_DATE_DAY, 0},
    {"fr", "2023-03-08", "La grève a commencé il y a trois mois.", "il y a trois mois", "2022-12", RC_DATE_MONTH, 0},
    {"fr", "2023-03-08", "Le budget de cette année est serré.", "cette année", "2023", RC_DATE_YEAR, 0},
    {"fr", "2023-03-08", "Le prix a grimpé plus tôt ce mois-ci.", "ce mois-ci", "2023-03", RC_DATE_MONTH, 0},
    {"fr", "2023-03-08", "La visite du 12 février a été reportée.", "12 février", "2023-02-12", RC_DATE_DAY, 0},
    {"fr", "2023-03-08", "Le tournoi aura lieu début mai.", "début mai", "2023-05", RC_DATE_MONTH, 0},
    {"fr", "2023-03-08", "Le contrat court depuis septembre.", "septembre", "2022-09", RC_DATE_MONTH, 0},
    {"fr", "2023-03", "Le conseil s'est réuni le 2 mars.", "2 mars", "2023-03-02", RC_DATE_DAY, 0},
    {"fr", "2023-03", "Le chantier a pris fin l'an dernier.", "l'an dernier", "2022", RC_DATE_YEAR, 0},
    {"fr", "2023-03", "La séance se tient jeudi.", NULL, NULL, 0, 0},   /* month anchor: no day */
    /* French, no publication date */
    {"fr", NULL, "Jeudi 14 novembre, les élus ont voté.", "Jeudi 14 novembre", "XXXX-11-14", RC_DATE_DAY, 1},
    {"fr", NULL, "Jeudi 14 novembre, les élus ont voté ; en mars 2019 déjà.", "Jeudi 14 novembre", "2019-11-14", RC_DATE_DAY, 0},
    {"fr", NULL, "Le pacte signé en juillet 2021 a expiré l'an dernier.", "l'an dernier", "2020", RC_DATE_YEAR, 0},
    {"fr", NULL, "Le marché du 5 octobre a fermé ; la loi date d'octobre 2020.", "5 octobre", "2020-10-05", RC_DATE_DAY, 0},
    {"fr", NULL, "La digue a cédé le 5 octobre.", "5 octobre", "XXXX-10-05", RC_DATE_DAY, 1},
    {"fr", NULL, "Elle a lu mardi.", NULL, NULL, 0, 0},
    /* not dates */
    {"fr", NULL, "Environ 2 000 soldats sont arrivés.", NULL, NULL, 0, 0},
    {"fr", NULL, "Le train part à 10h30 du quai 2024.", NULL, NULL, 0, 0},
    {"fr", NULL, "La commande porte sur 1500 camions.", NULL, NULL, 0, 0},
    {"fr", NULL, "Entre 2000 et 3000 personnes ont défilé.", NULL, NULL, 0, 0},
    {"fr", NULL, "Le rendez-vous du 31/02/2025 est faux.", NULL, NULL, 0, 0},
    /* the impossible day is dropped; the month and year it names stay */
    {"fr", NULL, "Le rendez-vous du 31 février 2025 est faux.", "février 2025", "2025-02", RC_DATE_MONTH, 0},
    {"fr", NULL, "Il a vu sept chevaux.", NULL, NULL, 0, 0},
    /* English */
    {"en", NULL, "The plant closed on March 3, 2022.", "March 3, 2022", "2022-03-03", RC_DATE_DAY, 0},
    {"en", NULL, "Talks began 11 May 2018 in the capital.", "11 May 2018", "2018-05-11", RC_DATE_DAY, 0},
    {"en", NULL, "The law passed in 2012 after a long fight.", "2012", "2012", RC_DATE_YEAR, 0},
    {"en", NULL, "Sales fell in late 2019.", "late 2019", "2019", RC_DATE_YEAR, 0},
    {"en", NULL, "Prices rose in October 2021.", "October 2021", "2021-10", RC_DATE_MONTH, 0},
    {"en", "2022-09-15", "The minister resigned on Monday.", "Monday", "2022-09-12", RC_DATE_DAY, 0},
    {"en", "2022-09-15", "The vote is set for next Tuesday.", "next Tuesday", "2022-09-20", RC_DATE_DAY, 0},
    {"en", "2022-09-15", "The storm hit yesterday.", "yesterday", "2022-09-14", RC_DATE_DAY, 0},
    {"en", "2022-09-15", "Output doubled last year.", "last year", "2021", RC_DATE_YEAR, 0},
    {"en", "2022-09-15", "The strike ended last month.", "last month", "2022-08", RC_DATE_MONTH, 0},
    {"en", "2022-09-15", "The firm was sold three months ago.", "three months ago", "2022-06", RC_DATE_MONTH, 0},
    {"en", "2022-09-15", "The court ruled last week.", "last week", "2022-W36", RC_DATE_DAY, 0},
    {"en", "2022-09-15", "Rates will rise this year.", "this year", "2022", RC_DATE_YEAR, 0},
    {"en", "2022-09-15", "Voters may decide soon.", NULL, NULL, 0, 0},
    {"en", "2022-09-15", "Crowds march through the town.", NULL, NULL, 0, 0},
    /* a language without tables: numeric forms only */
    {"de", NULL, "Am 03/11/2021 und im Juni.", "03/11/2021", "2021-11-03", RC_DATE_DAY, 0},
};

/* Every table case: the expected date is found with its exact surface,
 * value, granularity and open-year flag, or none at all. */
static void test_cases(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof CASES / sizeof *CASES; i++) {
        const dcase *c = &CASES[i];
        rc_facts *f;
        rc_doc *d = run(c->text, c->lang, c->pub, &f);
        print_message("case %zu: %s\n", i, c->text);
        if (!c->surface) {
            for (size_t k = 0; k < f->ndates; k++)
                print_message("  unexpected [%.*s] %s\n", (int)(f->dates[k].end - f->dates[k].start),
                              d->text + f->dates[k].start, f->dates[k].value);
            assert_int_equal(f->ndates, 0);
        } else {
            const rc_date *hit = NULL;
            for (size_t k = 0; k < f->ndates; k++) {
                const rc_date *t = &f->dates[k];
                if (t->end - t->start == strlen(c->surface) &&
                    memcmp(d->text + t->start, c->surface, t->end - t->start) == 0)
                    hit = t;
            }
            assert_non_null(hit);
            assert_string_equal(hit->value, c->value);
            assert_int_equal(hit->gran, c->gran);
            assert_int_equal(hit->year_open, c->year_open);
        }
        for (size_t k = 0; k < f->ndates; k++)
            assert_true(rc_dates_value_ok(f->dates[k].value, f->dates[k].gran));
        rc_doc_free(d);
    }
}

/* The month table agrees with the shared month parser. */
static void test_months_agree(void **state)
{
    (void)state;
    static const char *const words[] = {"janvier", "février", "août", "décembre", "June", "Sept", "oct"};
    static const int months[] = {1, 2, 8, 12, 6, 9, 10};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
        assert_int_equal(rc_month_word(words[i], strlen(words[i])), months[i]);
        char text[64];
        snprintf(text, sizeof text, "Le 3 %s 2020.", words[i]);
        rc_facts *f;
        rc_doc *d = run(text, NULL, NULL, &f);
        assert_int_equal(f->ndates, 1);
        assert_int_equal(f->dates[0].value[6] - '0' + (f->dates[0].value[5] - '0') * 10, months[i]);
        rc_doc_free(d);
    }
}

/* Anchors and values: parsing and checking helpers. */
static void test_helpers(void **state)
{
    (void)state;
    int y, m, d;
    assert_int_equal(rc_dates_parse_anchor("2025-06-17T08:00:00Z", &y, &m, &d), RC_DATE_DAY);
    assert_int_equal(y * 10000 + m * 100 + d, 20250617);
    assert_int_equal(rc_dates_parse_anchor("2025-06", &y, &m, &d), RC_DATE_MONTH);
    assert_int_equal(d, 0);
    assert_int_equal(rc_dates_parse_anchor("2025-02-30", &y, &m, &d), RC_DATE_MONTH);
    assert_int_equal(rc_dates_parse_anchor("juin", &y, &m, &d), 0);
    assert_int_equal(rc_dates_parse_anchor(NULL, &y, &m, &d), 0);
    assert_true(rc_dates_value_ok("2024-02-29", RC_DATE_DAY));
    assert_false(rc_dates_value_ok("2023-02-29", RC_DATE_DAY));
    assert_true(rc_dates_value_ok("XXXX-10-27", RC_DATE_DAY));
    assert_true(rc_dates_value_ok("2025-W24", RC_DATE_DAY));
    assert_false(rc_dates_value_ok("2025-06", RC_DATE_DAY));
    assert_true(rc_dates_value_ok("2025-06", RC_DATE_MONTH));
    assert_false(rc_dates_value_ok("XXXX", RC_DATE_YEAR));
}

/* Hostile input: 10 MB without punctuation, 100,000 month names in a row,
 * weekday and number floods; finishes, spans in range, values valid. */
static void test_hostile(void **state)
{
    (void)state;
    static const char *const units[] = {"abcdefghij ", "juin ", "lundi 27 ", "2024 ", "en "};
    static const size_t sizes[] = {10u << 20, 100000 * 5, 300000, 400000, 300000};
    for (size_t u = 0; u < sizeof units / sizeof *units; u++) {
        rc_buf b;
        rc_buf_init(&b, (size_t)1 << 26);
        size_t ul = strlen(units[u]);
        while (b.len + ul <= sizes[u])
            rc_buf_append(&b, units[u], ul);
        rc_facts *f;
        rc_doc *d = run(rc_buf_str(&b), "fr", "2025-06-17", &f);
        for (size_t k = 0; k < f->ndates; k++) {
            assert_true(f->dates[k].start < f->dates[k].end && f->dates[k].end <= d->text_len);
            assert_true(rc_dates_value_ok(f->dates[k].value, f->dates[k].gran));
        }
        rc_doc_free(d);
        rc_buf_cleanup(&b);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_months_agree),
        cmocka_unit_test(test_helpers),
        cmocka_unit_test(test_hostile),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
