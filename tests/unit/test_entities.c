/* test_entities.c - mention recognition, typing and cross-document merging
 * on invented French and English sentences. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>
#include <stdlib.h>
#include "util/rc.h"
#include "util/mem.h"
#include "extract/entities.h"
#include "extract/translit.h"
#include "text/textmodel.h"

/* Build a document from text in lang. */
static rc_doc *mkdoc(const char *id, const char *lang, const char *text)
{
    rc_doc *d = rc_doc_new();
    rc_doc_set(d, &d->id, id);
    rc_doc_set(d, &d->lang, lang);
    rc_doc_set(d, &d->text, text);
    d->text_len = strlen(text);
    rc_textmodel_build(d);
    return d;
}

/* Type of the mention whose text is exactly s, or -1 when none. */
static int mention_type(const rc_doc *d, const rc_facts *f, const char *s)
{
    for (size_t i = 0; i < f->nmentions; i++) {
        const rc_mention *m = &f->mentions[i];
        if (m->end - m->start == strlen(s) && memcmp(d->text + m->start, s, strlen(s)) == 0)
            return (int)m->type;
    }
    return -1;
}

static const struct { const char *lang, *text, *mention; int type; } CASES[] = {
    {"fr", "Le président Emmanuel Macron a reçu Olaf Scholz à Berlin mardi.", "Emmanuel Macron", RC_ENT_PERSON},
    {"fr", "Le président Emmanuel Macron a reçu Olaf Scholz à Berlin mardi.", "Berlin", RC_ENT_PLACE},
    {"fr", "Hier, M. Dupontel a quitté Lyon pour Marseille.", "M. Dupontel", RC_ENT_PERSON},
    {"fr", "Selon l'Institut national de la statistique, les prix montent.", "Institut national de la statistique", RC_ENT_ORG},
    {"fr", "La délégation est arrivée en Allemagne, a indiqué l'OTAN.", "Allemagne", RC_ENT_PLACE},
    {"fr", "La délégation est arrivée en Allemagne, a indiqué l'OTAN.", "OTAN", RC_ENT_ORG},
    {"fr", "Le ministère des Finances dément, selon Reuters.", "ministère des Finances", RC_ENT_ORG},
    {"en", "Prime Minister Justin Trudeau met J. Biden in Washington.", "J. Biden", RC_ENT_PERSON},
    {"en", "The Labour Party won, a spokesman for the Ministry of Defence said.", "Labour Party", RC_ENT_ORG},
    {"fr", "Charles de Gaulle est né à Lille.", "Charles de Gaulle", RC_ENT_PERSON},
    /* leading capitalised role words are not part of the name */
    {"en", "Yesterday Prime Minister Oda Brannik flew home.", "Oda Brannik", RC_ENT_PERSON},
    {"en", "They met Foreign Minister Kasim Doruvel at noon.", "Kasim Doruvel", RC_ENT_PERSON},
    /* a possessive is left out of the span; "X's government" is a place */
    {"en", "Officials said Quarnia's government would resign.", "Quarnia", RC_ENT_PLACE},
    {"en", "Talks with Quarnia's finance ministry stalled.", "Quarnia", RC_ENT_PLACE},
    /* places known only from their context */
    {"fr", "Les secours sont arrivés dans la ville de Motreval jeudi.", "Motreval", RC_ENT_PLACE},
    {"en", "Residents of the town of Ferrow were evacuated.", "Ferrow", RC_ENT_PLACE},
    {"en", "Crops in the Dannor valley were lost.", "Dannor", RC_ENT_PLACE},
    {"fr", "Le trafic entre les deux rives de la Salvène reprend.", "Salvène", RC_ENT_PLACE},
    {"fr", "Le cargo a quitté le port rostanien d'Ebrelle hier.", "Ebrelle", RC_ENT_PLACE},
    {"en", "They flew to the capital Ostrava on Monday.", "Ostrava", RC_ENT_PLACE},
    /* organisations known from a noun before or after them */
    {"fr", "Le chiffre a été donné selon l'agence officielle brennoise Kavor.", "Kavor", RC_ENT_ORG},
    {"en", "The state news agency Pellum reported the deal.", "Pellum", RC_ENT_ORG},
    {"en", "The talks, the Pellum news agency reported, went well.", "Pellum", RC_ENT_ORG},
    /* organisation names run on over "for", "of" */
    {"en", "A report by the Borsk Institute for Coastal Research appeared.", "Borsk Institute for Coastal Research", RC_ENT_ORG},
    /* named structures, English and French word order */
    {"en", "Engineers inspected the Morrow dam after the storm.", "Morrow dam", RC_ENT_OTHER},
    {"fr", "Les ingénieurs ont inspecté le barrage de Morrow après la tempête.", "barrage de Morrow", RC_ENT_OTHER},
    {"fr", "La circulation sur le pont de Varelle est coupée.", "pont de Varelle", RC_ENT_OTHER},
};

/* Each case's mention is found with its type. */
static void test_mentions(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof CASES / sizeof *CASES; i++) {
        rc_doc *d = mkdoc("x", CASES[i].lang, CASES[i].text);
        rc_facts *f = rc_facts_new(d);
        assert_int_equal(rc_extract_entities(d, f), RC_OK);
        if (mention_type(d, f, CASES[i].mention) != CASES[i].type)
            fail_msg("case %zu: %s", i, CASES[i].mention);
        rc_doc_free(d);
    }
}

/* Sentence-initial common words, months and weekdays are not entities. */
static void test_not_entities(void **state)
{
    (void)state;
    static const char *const NOT[] = {"Dans", "Cependant", "Juin", "Mardi", "Ensuite"};
    rc_doc *d = mkdoc("x", "fr", "Dans la ville, tout est calme.\nCependant la pluie tombe.\n"
                                 "Juin sera chaud. Mardi il pleut. Ensuite on verra ensuite.");
    rc_facts *f = rc_facts_new(d);
    rc_extract_entities(d, f);
    for (size_t i = 0; i < sizeof NOT / sizeof *NOT; i++)
        assert_int_equal(mention_type(d, f, NOT[i]), -1);
    rc_doc_free(d);
}

/* Equal phonetic keys for transliteration and hyphen variants. */
static void test_translit(void **state)
{
    (void)state;
    static const char *const PAIRS[][2] = {
        {"Poutine", "Putin"}, {"Koursk", "Kursk"}, {"Kim Jong-Un", "Kim-Jong Un"},
        {"Zelensky", "Zelenskyy"}, {"Tchekhov", "Chekhov"}, {"Sergueï", "Sergei"},
        /* invented names: French and English transliterations */
        {"Thimo", "Timo"}, {"Borvania", "Borvanie"}, {"Goulnara", "Gulnara"},
        {"Tal-Abidov", "Talabidov"}, {"Ïlkoudov", "Ilkudov"}, {"Kérédon", "Keredon"}};
    char a[64], b[64];
    for (size_t i = 0; i < sizeof PAIRS / sizeof *PAIRS; i++) {
        rc_translit_key(PAIRS[i][0], strlen(PAIRS[i][0]), a, sizeof a);
        rc_translit_key(PAIRS[i][1], strlen(PAIRS[i][1]), b, sizeof b);
        assert_string_equal(a, b);
    }
}

/* Entity index holding a mention with text s in document d, or -1. */
static int entity_of(const rc_doc *d, const rc_facts *f, const char *s)
{
    for (size_t i = 0; i < f->nmentions; i++) {
        const rc_mention *m = &f->mentions[i];
        if (m->end - m->start == strlen(s) && memcmp(d->text + m->start, s, strlen(s)) == 0)
            return m->entity;
    }
    return -2;
}

/* Merging across documents and languages; two people with one surname stay apart. */
static void test_merge(void **state)
{
    (void)state;
    rc_doc *d1 = mkdoc("a", "fr", "Le président Vladimir Poutine a rencontré Angela Merkel à Moscou. "
                                  "La Corée du Nord observe.");
    rc_doc *d2 = mkdoc("b", "en", "President Vladimir Putin spoke in Moscow about North Korea. "
                                  "M. Merkel left.");
    rc_doc *d3 = mkdoc("c", "fr", "M. Poutine et Paul Martin, puis Jean Martin, puis M. Martin.");
    rc_facts *f1 = rc_facts_new(d1), *f2 = rc_facts_new(d2), *f3 = rc_facts_new(d3);
    rc_extract_entities(d1, f1);
    rc_extract_entities(d2, f2);
    rc_extract_entities(d3, f3);
    rc_entity_table *t = rc_entities_new();
    rc_entities_add(t, d1, f1);
    rc_entities_add(t, d2, f2);
    rc_entities_add(t, d3, f3);
    assert_int_equal(rc_entities_merge(t), RC_OK);
    int p = entity_of(d1, f1, "Vladimir Poutine");
    assert_true(p >= 0);
    assert_int_equal(entity_of(d2, f2, "Vladimir Putin"), p);
    assert_int_equal(entity_of(d3, f3, "M. Poutine"), p);
    assert_int_equal(entity_of(d1, f1, "Corée du Nord"), entity_of(d2, f2, "North Korea"));
    assert_int_equal(entity_of(d2, f2, "M. Merkel"), entity_of(d1, f1, "Angela Merkel"));
    int m = entity_of(d3, f3, "M. Martin");
    assert_true(m != entity_of(d3, f3, "Paul Martin") && m != entity_of(d3, f3, "Jean Martin"));
    const rc_entity *e = rc_entities_get(t, (size_t)p);
    assert_int_equal(e->type, RC_ENT_PERSON);
    assert_int_equal(e->ndocs, 3);
    assert_string_equal(e->name, "Vladimir Poutine");
    rc_entities_free(t);
    rc_doc_free(d1);
    rc_doc_free(d2);
    rc_doc_free(d3);
}

/* 100,000 capitalised words in a row stay bounded. */
static void test_long_run(void **state)
{
    (void)state;
    size_t n = 100000;
    char *s = rc_malloc(n * 6 + 1);
    for (size_t i = 0; i < n; i++)
        memcpy(s + i * 6, "Abcde ", 6);
    s[n * 6] = 0;
    rc_doc *d = mkdoc("x", "fr", s);
    rc_facts *f = rc_facts_new(d);
    rc_extract_entities(d, f);
    assert_true(f->nmentions > 0);
    free(s);
    rc_doc_free(d);
}

/* Names spelled differently across outlets and languages, with initials,
 * titles and sentence-initial mentions, make one entity each; a lone
 * sentence-initial word named nowhere else is dropped. */
static void test_merge_variants(void **state)
{
    (void)state;
    rc_doc *d1 = mkdoc("a", "en", "Foreign Minister Timur Bek-Aslanov arrived in Dovrenik from Quarnia. "
                                  "Mr Bekaslanov met the Ostel news agency.");
    rc_doc *d2 = mkdoc("b", "fr", "Le ministre Timour Bekaslanov est arrivé à Dovrenik. "
                                  "M. Bek-Aslanov a vu l'agence Ostel. La Quarnie a salué la visite. "
                                  "Dovrenik attend la suite.");
    rc_doc *d3 = mkdoc("c", "en", "T. Bekaslanov left. Dovrenik welcomed him. Quarnia's government agreed. "
                                  "Suddenly it rained.");
    rc_facts *f1 = rc_facts_new(d1), *f2 = rc_facts_new(d2), *f3 = rc_facts_new(d3);
    rc_extract_entities(d1, f1);
    rc_extract_entities(d2, f2);
    rc_extract_entities(d3, f3);
    rc_entity_table *t = rc_entities_new();
    rc_entities_add(t, d1, f1);
    rc_entities_add(t, d2, f2);
    rc_entities_add(t, d3, f3);
    assert_int_equal(rc_entities_merge(t), RC_OK);
    int p = entity_of(d1, f1, "Timur Bek-Aslanov");
    assert_true(p >= 0);
    assert_int_equal(entity_of(d2, f2, "Timour Bekaslanov"), p);
    assert_int_equal(entity_of(d2, f2, "M. Bek-Aslanov"), p);
    assert_int_equal(entity_of(d1, f1, "Mr Bekaslanov"), p);
    assert_int_equal(entity_of(d3, f3, "T. Bekaslanov"), p);
    assert_int_equal(rc_entities_get(t, (size_t)p)->type, RC_ENT_PERSON);
    int q = entity_of(d1, f1, "Quarnia");
    assert_true(q >= 0);
    assert_int_equal(entity_of(d2, f2, "Quarnie"), q);
    assert_int_equal(entity_of(d3, f3, "Quarnia"), q);
    assert_int_equal(rc_entities_get(t, (size_t)q)->type, RC_ENT_PLACE);
    int dv = entity_of(d1, f1, "Dovrenik");
    assert_true(dv >= 0);
    assert_int_equal(entity_of(d3, f3, "Dovrenik"), dv);  /* sentence-initial only here */
    assert_int_equal(rc_entities_get(t, (size_t)dv)->type, RC_ENT_PLACE);
    int o = entity_of(d1, f1, "Ostel");
    assert_true(o >= 0);
    assert_int_equal(entity_of(d2, f2, "Ostel"), o);
    assert_int_equal(rc_entities_get(t, (size_t)o)->type, RC_ENT_ORG);
    assert_true(entity_of(d3, f3, "Suddenly") < 0);
    rc_entities_free(t);
    rc_doc_free(d1);
    rc_doc_free(d2);
    rc_doc_free(d3);
}

/* "Senne dam" and "barrage de Senne" are one entity, of type other. */
static void test_merge_facility(void **state)
{
    (void)state;
    rc_doc *d1 = mkdoc("a", "en", "Water rose behind the Kelmo dam overnight.");
    rc_doc *d2 = mkdoc("b", "fr", "L'eau a monté derrière le barrage de Kelmo cette nuit.");
    rc_facts *f1 = rc_facts_new(d1), *f2 = rc_facts_new(d2);
    rc_extract_entities(d1, f1);
    rc_extract_entities(d2, f2);
    rc_entity_table *t = rc_entities_new();
    rc_entities_add(t, d1, f1);
    rc_entities_add(t, d2, f2);
    assert_int_equal(rc_entities_merge(t), RC_OK);
    int e = entity_of(d1, f1, "Kelmo dam");
    assert_true(e >= 0);
    assert_int_equal(entity_of(d2, f2, "barrage de Kelmo"), e);
    assert_int_equal(rc_entities_get(t, (size_t)e)->type, RC_ENT_OTHER);
    rc_entities_free(t);
    rc_doc_free(d1);
    rc_doc_free(d2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mentions), cmocka_unit_test(test_not_entities),
        cmocka_unit_test(test_translit), cmocka_unit_test(test_merge),
        cmocka_unit_test(test_long_run), cmocka_unit_test(test_merge_variants),
        cmocka_unit_test(test_merge_facility),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
