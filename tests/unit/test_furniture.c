/*
 * test_furniture.c - line facts, vocabulary, breadcrumbs, promotional lines.
 */
#include "test.h"
#include "text/furniture.h"
#include <string.h>

/* rc_line_facts_get / rc_line_short. */
static void test_facts(void **state)
{
    (void)state;
    static const struct { const char *in; unsigned words; int sent_end, sent_inside, shrt; } cases[] = {
        {"Un bilan encore incertain", 4, 0, 0, 1},
        {"Le maire a parl\xc3\xa9.", 4, 1, 0, 0},
        {"\xc2\xab Il viendra. \xc2\xbb", 2, 1, 0, 0},
        {"\xc2\xab Soldats en r\xc3\xa9serve \xc2\xbb", 3, 0, 0, 1},
        {"Premi\xc3\xa8re phrase. Deuxi\xc3\xa8me phrase", 4, 0, 1, 0},
        {"M. Dupont en visite", 4, 0, 0, 1},
        {"Que va-t-il faire ?", 3, 1, 0, 0},
        {"", 0, 0, 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        rc_line_facts f;
        rc_line_facts_get(cases[i].in, strlen(cases[i].in), &f);
        print_message("facts %zu: %s\n", i, cases[i].in);
        assert_int_equal(f.words, cases[i].words);
        assert_int_equal(f.sent_end, cases[i].sent_end);
        assert_int_equal(f.sent_inside, cases[i].sent_inside);
        assert_int_equal(rc_line_short(&f), cases[i].shrt);
    }
}

/* rc_furniture_vocab: French and English rows; sentences are not matched. */
static void test_vocab(void **state)
{
    (void)state;
    static const struct { const char *in; int kind; } cases[] = {
        {"Contenus sponsoris\xc3\xa9s", RC_FURN_PROMO}, {"\xc3\x80 la une", RC_FURN_PROMO},
        {"Les plus lus", RC_FURN_PROMO}, {"Lire aussi : un autre article", RC_FURN_PROMO},
        {"Partager", RC_FURN_PROMO}, {"S\xe2\x80\x99" "abonner", RC_FURN_PROMO},
        {"Recevez notre newsletter", RC_FURN_PROMO}, {"Accepter les cookies", RC_FURN_PROMO},
        {"Soutenez Radio Littoral", RC_FURN_DONATE}, {"Faire un don", RC_FURN_DONATE},
        {"Accueil", RC_FURN_NAV}, {"Publi\xc3\xa9 le 3 juin 2024", RC_FURN_NAV},
        {"Most read", RC_FURN_PROMO}, {"Top stories", RC_FURN_PROMO},
        {"Read more: the budget explained", RC_FURN_PROMO}, {"Share", RC_FURN_PROMO},
        {"Subscribe", RC_FURN_PROMO}, {"Support our journalism", RC_FURN_DONATE},
        {"Donate now", RC_FURN_DONATE}, {"Sponsored", RC_FURN_PROMO},
        /* sentences and subheads */
        {"Share prices fell sharply on Monday.", RC_FURN_NONE},
        {"Support for the measure grew among voters.", RC_FURN_NONE},
        {"Partager les richesses, un d\xc3\xa9" "fi pour la r\xc3\xa9gion.", RC_FURN_NONE},
        {"Une alliance qui inqui\xc3\xa8te", RC_FURN_NONE},
        {"Le ministre a lu les plus lus des rapports.", RC_FURN_NONE},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        print_message("vocab %zu: %s\n", i, cases[i].in);
        assert_int_equal(rc_furniture_vocab(cases[i].in, strlen(cases[i].in)), cases[i].kind);
    }
}

/* rc_furniture_breadcrumb shapes. */
static void test_breadcrumb(void **state)
{
    (void)state;
    static const struct { const char *in; int want; } cases[] = {
        {"Accueil Actu Monde", 2}, {"Home > World > Asia", 2}, {"Sports | Football", 2},
        {"Politique Int\xc3\xa9rieure", 2}, {"Lyon Grand Est Banlieue", 1},
        {"Floods force thousands from homes", 0}, {"Le maire a parl\xc3\xa9.", 0},
        {"Accueil, Monde", 0}, {"Page 3 Monde", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        assert_int_equal(rc_furniture_breadcrumb(cases[i].in, strlen(cases[i].in)), cases[i].want);
}

/* rc_furniture_promotional: reader address with appeal words, outlet name. */
static void test_promotional(void **state)
{
    (void)state;
    static const struct { const char *in; const char *outlet; int want; } cases[] = {
        {"Comment pouvez-vous nous aider \xc3\xa0 rester libres ?", NULL, 1},
        {"Votre soutien nous permet de poursuivre notre travail d'enqu\xc3\xaate.", NULL, 1},
        {"Help us keep reporting: your donation matters to our newsroom.", NULL, 1},
        {"Radio Littoral appartient \xc3\xa0 une fondation depuis 1990.", "Radio Littoral", 1},
        {"Les syndicats saluent une avanc\xc3\xa9" "e mais r\xc3\xa9" "clament des moyens.", NULL, 0},
        {"Officials said the routes would open in spring.", NULL, 0},
        {"Plus lus", NULL, 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        assert_int_equal(rc_furniture_promotional(cases[i].in, strlen(cases[i].in), cases[i].outlet),
                         cases[i].want);
}

/* The variants taking known facts give the same answers as the plain
 * functions, on lines of every kind (short, vocabulary, paragraphs, long). */
static void test_facts_variants(void **state)
{
    (void)state;
    static const char *const lines[] = {
        "Lire aussi", "Les plus lus", "Accueil > Monde > Europe", "Soutenez Radio Littoral",
        "Votre soutien nous permet de poursuivre notre travail d'enqu\xc3\xaate.",
        "Officials said the routes would open in spring. The mayor agreed.",
        "Help us keep reporting: your donation matters to our newsroom.",
        "\xc2\xab Nous attendons des actes \xc2\xbb, a dit M. Tios. Il a quitt\xc3\xa9 la salle.",
        "Publi\xc3\xa9 le 04/05/2026 \xc3\xa0 19h12", "Sign up for our newsletter",
    };
    for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
        const char *s = lines[i];
        size_t n = strlen(s);
        rc_line_facts f;
        rc_line_facts_get(s, n, &f);
        assert_int_equal(rc_furniture_vocab_f(s, n, &f), rc_furniture_vocab(s, n));
        assert_int_equal(rc_furniture_promotional_f(s, n, NULL, &f),
                         rc_furniture_promotional(s, n, NULL));
        assert_int_equal(rc_furniture_promotional_f(s, n, "Radio Littoral", NULL),
                         rc_furniture_promotional(s, n, "Radio Littoral"));
    }
}

/* rc_line_facts_short: the facts of rc_line_facts_get up to 12 words; at
 * the 13th word the scan stops (words 13, sent_end 0, later bytes unread). */
static void test_facts_short(void **state)
{
    (void)state;
    static const struct { const char *in; int same; unsigned full_words; int full_punct; } cases[] = {
        {"Un bilan encore incertain", 1, 4, 0},
        {"Premi\xc3\xa8re phrase. Deuxi\xc3\xa8me phrase", 1, 4, 1},
        {"un deux trois quatre cinq six sept huit neuf dix onze douze", 1, 12, 0},
        {"Un deux trois quatre cinq six sept huit neuf dix onze douze.", 1, 12, 1},
        /* 13 words and more: the comma and the final period come after the stop */
        {"un deux trois quatre cinq six sept huit neuf dix onze douze treize", 0, 13, 0},
        {"un deux trois quatre cinq six sept huit neuf dix onze douze treize, "
         "quatorze quinze seize dix-sept.", 0, 17, 1}, /* "dix-sept" is one word */
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const char *s = cases[i].in;
        rc_line_facts full, part;
        rc_line_facts_get(s, strlen(s), &full);
        rc_line_facts_short(s, strlen(s), &part);
        print_message("facts_short %zu: %s\n", i, s);
        assert_int_equal(full.words, cases[i].full_words);
        assert_int_equal(full.punct, cases[i].full_punct);
        assert_int_equal(rc_line_short(&part), rc_line_short(&full));
        if (cases[i].same) {
            assert_memory_equal(&part, &full, sizeof full);
        } else {
            assert_int_equal(part.words, 13);
            assert_int_equal(part.sent_end, 0);
            assert_int_equal(part.punct, 0);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_facts),
        cmocka_unit_test(test_vocab),
        cmocka_unit_test(test_breadcrumb),
        cmocka_unit_test(test_promotional),
        cmocka_unit_test(test_facts_variants),
        cmocka_unit_test(test_facts_short),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
