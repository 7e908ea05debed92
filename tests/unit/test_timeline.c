/*
 * test_timeline.c - the timeline of a group (crosscheck/timeline.h) on
 * invented articles.
 */
#include "test.h"
#include "crosscheck/timeline.h"
#include "pipeline/analysis.h"
#include "text/textmodel.h"

/* A document with text, language, publication date and title. */
static rc_doc *mkdoc(const char *id, const char *pub, const char *title, const char *text)
{
    rc_doc *d = rc_doc_new();
    rc_doc_set(d, &d->id, id);
    rc_doc_set(d, &d->text, text);
    d->text_len = strlen(text);
    rc_doc_set(d, &d->lang, "fr");
    rc_doc_set(d, &d->published, pub);
    rc_doc_set(d, &d->title, title);
    rc_textmodel_build(d);
    return d;
}

/* Same date and similar sentence merge across articles; different dates
 * stay apart and come in order; publication and event dates are items. */
static void test_merge_and_order(void **state)
{
    (void)state;
    rc_doc *docs[3] = {
        mkdoc("a", "2024-03-12", "Grève au port",
              "Les dockers de Brégançon ont cessé le travail le 11 mars 2024. "
              "Une première grève avait eu lieu le 3 février 2024."),
        mkdoc("b", "2024-03-12", "Le port bloqué",
              "Le 11 mars 2024, les dockers de Brégançon ont cessé le travail au port."),
        mkdoc("c", "2024-03-13", NULL,
              "Le 11 mars 2024, le maire a annoncé une médiation pour la ville."),
    };
    rc_analysis a;
    rc_analysis_extract(&a, docs, 3);
    size_t group[3] = {0, 1, 2};
    const char *ev[1] = {"2024-03-11"};
    rc_timeline *t = rc_timeline_build(&a, group, 3, ev, 1);
    /* expected, by hand: 2024-02-03 fact (a); 2024-03-11 event; 2024-03-11
     * fact (a, b); 2024-03-11 fact (c: another thing); 2024-03-12
     * published (a, b); 2024-03-13 published (c) */
    assert_int_equal(t->nitems, 6);
    assert_string_equal(t->items[0].date, "2024-02-03");
    assert_int_equal(t->items[0].kind, RC_TL_FACT);
    assert_int_equal(t->items[1].kind, RC_TL_EVENT);
    assert_int_equal(t->items[1].ndocs, 0);
    assert_string_equal(t->items[2].date, "2024-03-11");
    assert_int_equal(t->items[2].kind, RC_TL_FACT);
    assert_int_equal(t->items[2].ndocs, 2);
    assert_int_equal(t->items[2].docs[0], 0);
    assert_int_equal(t->items[2].docs[1], 1);
    assert_int_equal(t->items[2].nevidence, 2);
    assert_non_null(strstr(t->items[2].text, "ont cessé le travail le 11 mars"));
    /* the evidence points at the sentence in b */
    const rc_timeline_evidence *e = &t->items[2].evidence[1];
    assert_int_equal(e->doc, 1);
    assert_int_equal(e->start, 0);
    assert_int_equal(e->end, strlen(docs[1]->text));
    assert_int_equal(t->items[3].ndocs, 1);
    assert_int_equal(t->items[3].docs[0], 2);
    assert_int_equal(t->items[4].kind, RC_TL_PUBLISHED);
    assert_string_equal(t->items[4].date, "2024-03-12");
    assert_int_equal(t->items[4].ndocs, 2);
    assert_string_equal(t->items[4].text, "Grève au port");
    assert_string_equal(t->items[5].date, "2024-03-13");
    rc_timeline_free(t);
    rc_analysis_cleanup(&a);
    for (size_t i = 0; i < 3; i++)
        rc_doc_free(docs[i]);
}

/* Years alone are not timeline items; an empty group gives none; many
 * copies of one dated sentence merge into one item. */
static void test_years_empty_copies(void **state)
{
    (void)state;
    enum { N = 300 };
    rc_doc *docs[N];
    for (size_t i = 0; i < N; i++)
        docs[i] = mkdoc("x", NULL, NULL,
                        i ? "Le traité a été signé le 5 mai 2023 à Brégançon."
                          : "Le traité date de 2019.");
    rc_analysis a;
    rc_analysis_extract(&a, docs, N);
    rc_timeline *t0 = rc_timeline_build(&a, NULL, 0, NULL, 0);
    assert_int_equal(t0->nitems, 0);
    rc_timeline_free(t0);
    size_t group[N];
    for (size_t i = 0; i < N; i++)
        group[i] = i;
    rc_timeline *t = rc_timeline_build(&a, group, N, NULL, 0);
    assert_int_equal(t->nitems, 1);
    assert_string_equal(t->items[0].date, "2023-05-05");
    assert_int_equal(t->items[0].ndocs, N - 1);
    rc_timeline_free(t);
    rc_analysis_cleanup(&a);
    for (size_t i = 0; i < N; i++)
        rc_doc_free(docs[i]);
}

/* A sentence is placed once, at the date it is about: the most precise
 * one, a date after "depuis" / "since" being background; the same fact in
 * two articles is one item. */
static void test_sentence_date(void **state)
{
    (void)state;
    rc_doc *docs[2] = {
        mkdoc("a", "2024-03-13", NULL,
              "Les secours sont arrivés à Brégançon le 12 mars 2024 après les crues de février 2024."),
        mkdoc("b", "2024-03-13", NULL,
              "Depuis le 2 février 2024, la digue du port cède, et la ville a voté le 9 février 2024 "
              "un plan de réparation."),
    };
    rc_analysis a;
    rc_analysis_extract(&a, docs, 2);
    size_t group[2] = {0, 1};
    rc_timeline *t = rc_timeline_build(&a, group, 2, NULL, 0);
    /* by hand: a at 2024-03-12 only (not 2024-02); b at 2024-02-09 (the
     * 2 February is background after "depuis"); one published day */
    size_t facts = 0;
    for (size_t i = 0; i < t->nitems; i++) {
        if (t->items[i].kind != RC_TL_FACT)
            continue;
        facts++;
        assert_int_equal(t->items[i].ndocs, 1);
        if (t->items[i].docs[0] == 0)
            assert_string_equal(t->items[i].date, "2024-03-12");
        else
            assert_string_equal(t->items[i].date, "2024-02-09");
    }
    assert_int_equal(facts, 2);
    rc_timeline_free(t);
    rc_analysis_cleanup(&a);
    for (size_t i = 0; i < 2; i++)
        rc_doc_free(docs[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_merge_and_order),
        cmocka_unit_test(test_years_empty_copies),
        cmocka_unit_test(test_sentence_date),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
