/*
 * test_quantity.c - quantities (extract/quantity.h): thousands and decimal
 * conventions, number words, qualifiers, units, money, percentages,
 * ordinals, counted nouns, exclusions and hostile inputs. Table-driven; the
 * sentences are written for this test.
 */
#include "test.h"
#include "extract/facts.h"
#include "extract/quantity.h"
#include "text/textmodel.h"
#include "util/buf.h"
#include "util/mem.h"
#include <math.h>

/* Model of text in language lang (NULL allowed). */
static rc_doc *model(const char *text, size_t n, const char *lang)
{
    rc_doc *d = rc_doc_new();
    rc_doc_setn(d, &d->text, text, n);
    d->text_len = n;
    if (lang)
        rc_doc_set(d, &d->lang, lang);
    rc_textmodel_build(d);
    return d;
}

/* Facts of text in lang: quantities only. */
static rc_facts *run(rc_doc *d)
{
    rc_facts *f = rc_facts_new(d);
    assert_int_equal(rc_extract_quantities(d, f), 0);
    for (size_t i = 0; i < f->nquantities; i++) {
        const rc_quantity *q = &f->quantities[i];
        assert_true(q->start <= q->num_start && q->num_start < q->num_end &&
                    q->num_end <= q->end && q->end <= d->text_len);
        if (i)
            assert_true(f->quantities[i - 1].end <= q->start);
    }
    return f;
}

typedef struct qcase {
    const char *lang, *text;
    const char *surface;   /* the expected quantity's exact surface */
    double value;
    rc_bound bound;
    int approx, ordinal, percent;
    const char *unit, *counts;
} qcase;

#define A RC_BOUND_ABOUT
#define M RC_BOUND_MORE_THAN
#define L RC_BOUND_LESS_THAN
#define E RC_BOUND_EXACT

static const qcase CASES[] = {
    /* French thousands conventions */
    {"fr", "La digue mesure 3 200 mètres de long.", "3 200 mètres", 3200, E, 0, 0, 0, "m", "mètres"},
    {"fr", "Le stade compte 42\u00a0500 places assises.", "42\u00a0500 places assises", 42500, E, 0, 0, 0, NULL, "places assises"},
    {"fr", "Il a reçu 7\u202f350 lettres.", "7\u202f350 lettres", 7350, E, 0, 0, 0, NULL, "lettres"},
    {"fr", "La foire a attiré 12.400 visiteurs.", "12.400 visiteurs", 12400, E, 0, 0, 0, NULL, "visiteurs"},
    {"fr", "La commune compte 2400 électeurs inscrits.", "2400 électeurs inscrits", 2400, E, 0, 0, 0, NULL, "électeurs inscrits"},
    {"fr", "La pente est de 4,750 degrés.", "4,750 degrés", 4.75, E, 0, 0, 0, NULL, "degrés"},
    {"fr", "Le record est de 1.234.567 entrées.", "1.234.567 entrées", 1234567, E, 0, 0, 0, NULL, "entrées"},
    {"fr", "La somme atteint 1 234 567,89 francs.", "1 234 567,89 francs", 1234567.89, E, 0, 0, 0, NULL, "francs"},
    /* decimals, percentages, money */
    {"fr", "Le taux atteint 27,4 % cette année.", "27,4 %", 27.4, E, 0, 0, 1, NULL, NULL},
    {"fr", "La hausse est de 3,2 pour cent.", "3,2 pour cent", 3.2, E, 0, 0, 1, NULL, NULL},
    {"fr", "Le projet coûte 3,5 millions d'euros.", "3,5 millions d'euros", 3.5e6, E, 0, 0, 0, "EUR", NULL},
    {"fr", "La dette atteint 1,2 milliard de dollars.", "1,2 milliard de dollars", 1.2e9, E, 0, 0, 0, "USD", NULL},
    {"fr", "Un billet coûte 4 € seulement.", "4 €", 4, E, 0, 0, 0, "EUR", NULL},
    {"fr", "La ville compte 12 millions d'habitants.", "12 millions d'habitants", 12e6, E, 0, 0, 0, NULL, "habitants"},
    /* qualifiers */
    {"fr", "Le chantier a mobilisé près de 450 techniciens agricoles.", "près de 450 techniciens agricoles", 450, A, 1, 0, 0, NULL, "techniciens agricoles"},
    {"fr", "On dénombre au moins 70 blessés légers.", "au moins 70 blessés légers", 70, M, 0, 0, 0, NULL, "blessés légers"},
    {"fr", "Le navire transporte jusqu'à 250 tonnes de blé.", "jusqu'à 250 tonnes", 250, L, 0, 0, 0, "t", "tonnes"},
    {"fr", "Il reste moins de 40 lits disponibles.", "moins de 40 lits disponibles", 40, L, 0, 0, 0, NULL, "lits disponibles"},
    {"fr", "Il a marché quelque 320 kilomètres.", "quelque 320 kilomètres", 320, A, 1, 0, 0, "km", "kilomètres"},
    /* number words */
    {"fr", "Vingt-et-un pompiers sont intervenus.", "Vingt-et-un pompiers", 21, E, 0, 0, 0, NULL, "pompiers"},
    {"fr", "Le verger compte quatre-vingt-douze arbres.", "quatre-vingt-douze arbres", 92, E, 0, 0, 0, NULL, "arbres"},
    {"fr", "Il a fallu trois cent vingt jours.", "trois cent vingt jours", 320, E, 0, 0, 0, "day", "jours"},
    {"fr", "Ils étaient deux mille trois cents coureurs.", "deux mille trois cents coureurs", 2300, E, 0, 0, 0, NULL, "coureurs"},
    {"fr", "Une dizaine de camions attendent.", "Une dizaine de camions", 10, E, 1, 0, 0, NULL, "camions"},
    {"fr", "Il a invité un millier d'élèves.", "un millier d'élèves", 1000, E, 1, 0, 0, NULL, "élèves"},
    {"fr", "Soixante et onze maires ont signé.", "Soixante et onze maires", 71, E, 0, 0, 0, NULL, "maires"},
    /* ordinals */
    {"fr", "C'est la troisième édition du festival.", "troisième", 3, E, 0, 1, 0, NULL, NULL},
    {"fr", "Il habite le 7e arrondissement.", "7e", 7, E, 0, 1, 0, NULL, NULL},
    /* English */
    {"en", "The bridge is 1,250 metres long.", "1,250 metres", 1250, E, 0, 0, 0, "m", "metres"},
    {"en", "Output rose 3.75 percent last year.", "3.75 percent", 3.75, E, 0, 0, 1, NULL, NULL},
    {"en", "They paid $45m for the site.", "$45m", 45e6, E, 0, 0, 0, "USD", NULL},
    {"en", "The fund holds €7 billion in bonds.", "€7 billion", 7e9, E, 0, 0, 0, "EUR", NULL},
    {"en", "The clinic hired about 340 nurses.", "about 340 nurses", 340, A, 1, 0, 0, NULL, "nurses"},
    {"en", "Floods hit more than 90 villages.", "more than 90 villages", 90, M, 0, 0, 0, NULL, "villages"},
    {"en", "Repairs may take up to 12 weeks.", "up to 12 weeks", 12, L, 0, 0, 0, "week", "weeks"},
    {"en", "The ward has fewer than 40 doctors.", "fewer than 40 doctors", 40, L, 0, 0, 0, NULL, "doctors"},
    {"en", "Twenty-five volunteers arrived early.", "Twenty-five volunteers", 25, E, 0, 0, 0, NULL, "volunteers"},
    {"en", "They lit a hundred lanterns.", "a hundred lanterns", 100, E, 0, 0, 0, NULL, "lanterns"},
    {"en", "It cost three hundred and forty-two pounds.", "three hundred and forty-two pounds", 342, E, 0, 0, 0, NULL, "pounds"},
    {"en", "It was the second visit this year.", "second", 2, E, 0, 1, 0, NULL, NULL},
    {"en", "She finished in the 3rd round.", "3rd", 3, E, 0, 1, 0, NULL, NULL},
    {"en", "Roughly 2,300 new engineers joined.", "Roughly 2,300 new engineers", 2300, A, 1, 0, 0, NULL, "new engineers"},
    {"en", "The rate hit 4.800 points.", "4.800 points", 4.8, E, 0, 0, 0, NULL, "points"},
    /* a language without tables: digits only */
    {"de", "Es kamen 1.500 Gäste.", "1.500", 1500, E, 0, 0, 0, NULL, NULL},
};

/* Each case yields a quantity with exactly the expected surface and fields. */
static void test_cases(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof CASES / sizeof *CASES; k++) {
        const qcase *c = &CASES[k];
        rc_doc *d = model(c->text, strlen(c->text), c->lang);
        rc_facts *f = run(d);
        const rc_quantity *hit = NULL;
        for (size_t i = 0; i < f->nquantities; i++) {
            const rc_quantity *q = &f->quantities[i];
            if (q->end - q->start == strlen(c->surface) &&
                memcmp(d->text + q->start, c->surface, q->end - q->start) == 0)
                hit = q;
        }
        if (!hit) {
            fprintf(stderr, "case %zu (%s): no quantity '%s'; got:", k, c->text, c->surface);
            for (size_t i = 0; i < f->nquantities; i++)
                fprintf(stderr, " [%.*s]", (int)(f->quantities[i].end - f->quantities[i].start),
                        d->text + f->quantities[i].start);
            fprintf(stderr, "\n");
            fail();
        }
        if (fabs(hit->value - c->value) > 1e-9 * fmax(1, fabs(c->value))) {
            fprintf(stderr, "case %zu: value %g, want %g\n", k, hit->value, c->value);
            fail();
        }
        assert_int_equal(hit->bound, c->bound);
        assert_int_equal(hit->approximate, c->approx || c->bound == RC_BOUND_ABOUT);
        assert_int_equal(hit->ordinal, c->ordinal);
        assert_int_equal(hit->percent, c->percent);
        if (c->unit) {
            assert_non_null(hit->unit);
            assert_string_equal(hit->unit, c->unit);
        } else {
            assert_null(hit->unit);
        }
        if (c->counts) {
            assert_non_null(hit->counts);
            assert_string_equal(hit->counts, c->counts);
        } else {
            assert_null(hit->counts);
        }
        rc_doc_free(d);
    }
}

typedef struct ncase {
    const char *lang, *text;
    double value;          /* no quantity (ordinal or not) may have this value */
} ncase;

static const ncase NOT[] = {
    {"fr", "En 2019, la ville a changé de maire.", 2019},
    {"fr", "Le 28 avril, le conseil s'est réuni.", 28},
    {"fr", "Le 1er juin, la saison commence.", 1},
    {"fr", "La lettre est datée du 17/06/2031.", 17},
    {"fr", "La séance reprend à 10h30 précises.", 10},
    {"fr", "Le vote porte sur la résolution 2231 de l'ONU.", 2231},
    {"fr", "Les résolutions 4410, 5522 et 6633 ont été adoptées.", 5522},
    {"fr", "Les résolutions 4410, 5522 et 6633 ont été adoptées.", 6633},
    {"fr", "Il a pris un Airbus A350 hier.", 350},
    {"fr", "La crise du COVID-19 a duré.", 19},
    {"fr", "Appelez le 01 45 67 89 12 pour réserver.", 45},
    {"fr", "Voir l'article 12 du traité.", 12},
    {"fr", "Depuis 1998, rien n'a changé.", 1998},
    {"fr", "Des centaines de manifestants ont défilé.", 100},
    {"fr", "Il est le Premier ministre.", 1},
    {"en", "In 2021 the plant closed.", 2021},
    {"en", "The talks resumed on March 14 in Geneva.", 14},
    {"en", "They met on 14 March in Geneva.", 14},
    {"en", "Flight 417 landed safely.", 417},
    {"en", "The G7 summit ended.", 7},
    {"en", "Give me a second please.", 2},
    {"en", "The score was 3-1 at half time.", 3},
    {"en", "Version 192.168.1.2 was installed.", 192},
};

/* Years, dates, times, identifiers and phone numbers are not quantities. */
static void test_exclusions(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof NOT / sizeof *NOT; k++) {
        rc_doc *d = model(NOT[k].text, strlen(NOT[k].text), NOT[k].lang);
        rc_facts *f = run(d);
        for (size_t i = 0; i < f->nquantities; i++) {
            if (fabs(f->quantities[i].value - NOT[k].value) < 1e-9) {
                fprintf(stderr, "case %zu (%s): unexpected [%.*s]\n", k, NOT[k].text,
                        (int)(f->quantities[i].end - f->quantities[i].start),
                        d->text + f->quantities[i].start);
                fail();
            }
        }
        rc_doc_free(d);
    }
}

/* A year-shaped number followed by a counted noun is an amount. */
static void test_year_shaped_amount(void **state)
{
    (void)state;
    const char *s = "Le club compte 1950 adhérents et 2 040 bénévoles.";
    rc_doc *d = model(s, strlen(s), "fr");
    rc_facts *f = run(d);
    assert_int_equal(f->nquantities, 2);
    assert_true(f->quantities[0].value == 1950);
    assert_true(f->quantities[1].value == 2040);
    assert_string_equal(f->quantities[1].counts, "bénévoles");
    rc_doc_free(d);
}

/* The digit parser's conventions, directly. */
static void test_parse_digits(void **state)
{
    (void)state;
    static const struct {
        const char *s, *lang;
        int ok;
        double v;
    } P[] = {
        {"1.000", "fr", 1, 1000}, {"1,000", "fr", 1, 1}, {"1,000", "en", 1, 1000},
        {"1.000", "en", 1, 1}, {"27,4", "fr", 1, 27.4}, {"27.4", "fr", 1, 27.4},
        {"1.234,5", "fr", 1, 1234.5}, {"1,234.5", "en", 1, 1234.5},
        {"1 000 000", "fr", 1, 1e6}, {"10h30", "fr", 0, 0}, {"17/06/2031", "fr", 0, 0},
        {"1.2.3", "en", 0, 0}, {"12,34,56", "en", 0, 0}, {"0,5", "fr", 1, 0.5},
        {"1234567890123456789", "en", 0, 0}, {"123456789012345678", "en", 1, 123456789012345678.0},
    };
    for (size_t k = 0; k < sizeof P / sizeof *P; k++) {
        double v = -1;
        size_t used = 0;
        int dec = 0;
        int ok = rc_quantity_parse_digits(P[k].s, strlen(P[k].s), P[k].lang, &v, &used, &dec);
        if (ok != P[k].ok || (ok && fabs(v - P[k].v) > 1e-9 * fmax(1, P[k].v))) {
            fprintf(stderr, "parse %s (%s): ok %d v %.17g\n", P[k].s, P[k].lang, ok, v);
            fail();
        }
    }
}

/* Hostile inputs: a 5,000-digit number, megabytes without punctuation,
 * runs of separators, endless number words. No crash, spans in range. */
static void test_hostile(void **state)
{
    (void)state;
    rc_buf b;
    rc_buf_init(&b, 0);
    for (int k = 0; k < 5000; k++)
        rc_buf_putc(&b, (char)('0' + k % 10));
    rc_buf_puts(&b, " soldats");
    rc_doc *d = model(rc_buf_str(&b), b.len, "fr");
    rc_facts *f = run(d);
    for (size_t i = 0; i < f->nquantities; i++)
        assert_true(isfinite(f->quantities[i].value));
    rc_doc_free(d);

    static const char *const units[] = {"1,", "1 ", "9.", "mille ", "vingt-", "douze ", "a ",
                                        "et ", "plus de ", "$", "1 000 "};
    for (size_t u = 0; u < sizeof units / sizeof *units; u++) {
        rc_buf_reset(&b);
        while (b.len < (2u << 20))
            rc_buf_puts(&b, units[u]);
        d = model(rc_buf_str(&b), b.len, u % 2 ? "en" : "fr");
        f = run(d);
        for (size_t i = 0; i < f->nquantities; i++)
            assert_true(isfinite(f->quantities[i].value));
        rc_doc_free(d);
    }
    rc_buf_cleanup(&b);
}

/* Empty and token-less documents give nothing. */
static void test_empty(void **state)
{
    (void)state;
    rc_doc *d = rc_doc_new();
    rc_facts *f = rc_facts_new(d);
    assert_int_equal(rc_extract_quantities(d, f), 0);
    assert_int_equal(f->nquantities, 0);
    rc_doc_free(d);
    d = model("", 0, "fr");
    f = run(d);
    assert_int_equal(f->nquantities, 0);
    rc_doc_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_exclusions),
        cmocka_unit_test(test_year_shaped_amount),
        cmocka_unit_test(test_parse_digits),
        cmocka_unit_test(test_hostile),
        cmocka_unit_test(test_empty),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
