/*
 * test_discrepancy.c - discrepancies across documents
 * (crosscheck/discrepancy.h): a number conflict is found, qualifiers and
 * sums that reconcile are not conflicts, quote drift and a changed agent
 * are found (also through copies of one quote), unrelated numbers are
 * left alone, and a large group stays bounded. Sentences invented for this test.
 */
#include "test.h"
#include "crosscheck/discrepancy.h"
#include "doc/doc.h"
#include "pipeline/analysis.h"
#include "util/buf.h"
#include "util/mem.h"
#include <string.h>
#include <time.h>

/* A document with id, language and text. */
static rc_doc *mkdoc(const char *id, const char *lang, const char *text)
{
    rc_doc *d = rc_doc_new();
    rc_doc_set(d, &d->id, id);
    rc_doc_set(d, &d->lang, lang);
    rc_doc_set(d, &d->text, text);
    d->text_len = strlen(text);
    return d;
}

typedef struct run {
    rc_doc *docs[8];
    size_t n;
    rc_analysis a;
    rc_discrepancies *l;
} run;

/* Extract facts from texts[0..n) (all in lang) and find discrepancies. */
static void run_on(run *r, const char *lang, const char *const *texts, size_t n)
{
    memset(r, 0, sizeof *r);
    for (size_t i = 0; i < n; i++) {
        char id[32];
        snprintf(id, sizeof id, "d%zu", i);
        r->docs[i] = mkdoc(id, lang, texts[i]);
    }
    r->n = n;
    rc_analysis_extract(&r->a, r->docs, n);
    r->l = rc_discrepancies_build(&r->a);
}

/* Free what run_on made. */
static void run_free(run *r)
{
    rc_discrepancies_free(r->l);
    rc_analysis_cleanup(&r->a);
    for (size_t i = 0; i < r->n; i++)
        rc_doc_free(r->docs[i]);
}

/* Number of entries of kind. */
static size_t count_kind(const run *r, const char *kind)
{
    size_t c = 0;
    for (size_t i = 0; i < r->l->n; i++)
        c += strcmp(r->l->items[i].kind, kind) == 0;
    return c;
}

/* The first entry of kind, or NULL. */
static const rc_discrepancy *first_kind(const run *r, const char *kind)
{
    for (size_t i = 0; i < r->l->n; i++)
        if (strcmp(r->l->items[i].kind, kind) == 0)
            return &r->l->items[i];
    return NULL;
}

/* 1 when some evidence of e is exactly the words w. */
static int has_evidence(const run *r, const rc_discrepancy *e, const char *w)
{
    for (size_t k = 0; k < e->nevidence; k++) {
        const rc_evidence *v = &e->evidence[k];
        const rc_doc *d = r->docs[v->doc];
        if (v->end - v->start == strlen(w) && memcmp(d->text + v->start, w, strlen(w)) == 0)
            return 1;
    }
    return 0;
}

static const struct {
    const char *lang;
    const char *a, *b;
    const char *va, *vb;   /* the two conflicting quantities' words */
} CONFLICTS[] = {
    {"fr", "Le chantier du pont doit durer trois mois, a indiqué le maire Paul Arnaud.",
     "Le chantier du pont doit durer cinq mois, a expliqué le maire Paul Arnaud.",
     "trois mois", "cinq mois"},
    {"en", "The repairs to the bridge will last three months, the mayor Joan Hale said.",
     "The repairs to the bridge will last four months, the mayor Joan Hale told reporters.",
     "three months", "four months"},
    /* an approximate value does not reach the other one */
    {"fr", "C'est la troisième visite de Marc Delorme à Lisbonne en environ deux ans.",
     "Marc Delorme effectue sa troisième visite à Lisbonne en quatre ans.",
     "environ deux ans", "quatre ans"},
};

/* Same thing, different values: one number entry naming both documents
 * and both values. */
static void test_number_conflict(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof CONFLICTS / sizeof CONFLICTS[0]; i++) {
        const char *t[] = {CONFLICTS[i].a, CONFLICTS[i].b};
        run r;
        run_on(&r, CONFLICTS[i].lang, t, 2);
        const rc_discrepancy *e = first_kind(&r, "number");
        if (!e)
            fail_msg("case %zu: no number discrepancy", i);
        assert_int_equal(e->ndocs, 2);
        assert_true(e->conflict);
        assert_true(has_evidence(&r, e, CONFLICTS[i].va));
        assert_true(has_evidence(&r, e, CONFLICTS[i].vb));
        assert_non_null(strstr(e->description, CONFLICTS[i].va));
        assert_non_null(strstr(e->description, CONFLICTS[i].vb));
        run_free(&r);
    }
}

static const struct {
    const char *lang;
    const char *a, *b;
} CONSISTENT[] = {
    /* "plus de 500" holds 600 */
    {"fr", "Plus de 500 pompiers ont été mobilisés dans la vallée, selon la préfecture.",
     "Quelque 600 pompiers ont été mobilisés dans la vallée, selon la préfecture."},
    /* "moins de quinze jours" holds two weeks */
    {"fr", "Le ministre Paul Arnaud revient pour la deuxième fois en moins de quinze jours.",
     "Le ministre Paul Arnaud revient pour la deuxième fois en deux semaines."},
    /* "environ 40" holds 42 */
    {"en", "About 40 volunteers cleared the river banks on Sunday, the mayor said.",
     "Exactly 42 volunteers cleared the river banks on Sunday, the mayor said."},
    /* same values in other words */
    {"fr", "Le chantier du pont doit durer trois mois.", "Le chantier du pont va durer trois mois."},
};

/* Qualified values that can meet are no conflict. */
static void test_qualifiers_consistent(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof CONSISTENT / sizeof CONSISTENT[0]; i++) {
        const char *t[] = {CONSISTENT[i].a, CONSISTENT[i].b};
        run r;
        run_on(&r, CONSISTENT[i].lang, t, 2);
        if (count_kind(&r, "number"))
            fail_msg("case %zu: %s", i, first_kind(&r, "number")->description);
        run_free(&r);
    }
}

/* An approximate total equal to two parts given elsewhere is reported as
 * consistent, never as a conflict. */
static void test_sum_consistent(void **state)
{
    (void)state;
    const char *t[] = {
        "La région a envoyé environ 6000 secouristes et soldats vers la côte sinistrée.",
        "La région a envoyé 1000 secouristes et 5000 soldats vers la côte sinistrée."};
    run r;
    run_on(&r, "fr", t, 2);
    assert_int_equal(count_kind(&r, "number"), 0);
    const rc_discrepancy *e = first_kind(&r, "number_consistent");
    assert_non_null(e);
    assert_false(e->conflict);
    assert_true(e->nnotes >= 1);
    assert_true(has_evidence(&r, e, "environ 6000 secouristes"));
    assert_true(has_evidence(&r, e, "1000 secouristes"));
    run_free(&r);
}

/* Numbers about different things are not compared. */
static void test_unrelated_numbers(void **state)
{
    (void)state;
    const char *t[] = {
        "Le festival a accueilli 300 musiciens cette année. Paul Arnaud a passé trois ans en Espagne.",
        "L'usine emploie 450 ouvriers depuis sa création. La guerre a duré cinq ans selon Anne Perrin."};
    run r;
    run_on(&r, "fr", t, 2);
    assert_int_equal(count_kind(&r, "number"), 0);
    run_free(&r);
    /* the same duration word, but different persons and different ordinals */
    const char *u[] = {
        "C'est la deuxième visite de Marc Delorme en trois mois.",
        "C'est la cinquième visite de Claire Dumas en six mois."};
    run_on(&r, "fr", u, 2);
    assert_int_equal(count_kind(&r, "number"), 0);
    run_free(&r);
}

/* One quote worded differently: the differing words are named. */
static void test_quote_drift(void **state)
{
    (void)state;
    const char *t[] = {
        "« Nous reconstruirons chaque maison du village avant l'hiver », a déclaré Anne Perrin.",
        "« Nous rebâtirons chaque maison du village avant l'hiver », a affirmé Anne Perrin."};
    run r;
    run_on(&r, "fr", t, 2);
    const rc_discrepancy *e = first_kind(&r, "quote_drift");
    assert_non_null(e);
    assert_int_equal(e->ndocs, 2);
    assert_non_null(strstr(e->description, "reconstruirons"));
    assert_non_null(strstr(e->description, "rebâtirons"));
    run_free(&r);
    /* the same words (other marks) and a partial quote are no drift */
    const char *u[] = {
        "« Nous reconstruirons chaque maison du village avant l'hiver », a déclaré Anne Perrin.",
        "\"Nous reconstruirons chaque maison du village avant l'hiver\", a déclaré Anne Perrin. "
        "Elle a promis de reconstruire « chaque maison du village »."};
    run_on(&r, "fr", u, 2);
    assert_int_equal(count_kind(&r, "quote_drift"), 0);
    run_free(&r);
}

/* A changed agent in aligned sentences: both phrases, and who says it. */
static void test_wording_agent(void **state)
{
    (void)state;
    const char *t[] = {
        "Les trois ponts de la ville de Verlac ont été détruits par les rebelles lors des combats de mardi soir.",
        "Les trois ponts de la ville de Verlac ont été détruits par l'armée lors des combats de mardi soir."};
    run r;
    run_on(&r, "fr", t, 2);
    const rc_discrepancy *e = first_kind(&r, "wording");
    assert_non_null(e);
    assert_true(has_evidence(&r, e, "détruits par les rebelles"));
    assert_true(has_evidence(&r, e, "détruits par l'armée"));
    assert_non_null(strstr(e->description, "own words"));
    run_free(&r);
    /* the same agent is no discrepancy; "par" after a noun is no agent */
    const char *u[] = {
        "Les ponts de la ville de Verlac ont été détruits par les rebelles, deux fois par mois.",
        "Les ponts de la ville de Verlac ont été détruits par les rebelles, trois fois par semaine."};
    run_on(&r, "fr", u, 2);
    assert_int_equal(count_kind(&r, "wording"), 0);
    run_free(&r);
}

/* Quoted words written as another outlet's own are a wording entry. */
static void test_wording_adopted(void **state)
{
    (void)state;
    const char *t[] = {
        "Selon l'agence Norpress, l'accord « ouvre une ère nouvelle de prospérité partagée pour la vallée ».",
        "Cet accord ouvre une ère nouvelle de prospérité partagée pour la vallée."};
    run r;
    run_on(&r, "fr", t, 2);
    const rc_discrepancy *e = first_kind(&r, "wording");
    assert_non_null(e);
    assert_int_equal(e->ndocs, 2);
    run_free(&r);
}

/* Copies of one quote (one lookup's answers reused for each copy) and
 * two outlets writing its words as their own: one entry holding all five
 * documents. */
static void test_wording_adopted_copies(void **state)
{
    (void)state;
    const char *t[] = {
        "Selon l'agence Norpress, l'accord « ouvre une ère nouvelle de prospérité partagée pour la vallée ».",
        "Selon l'agence Norpress, l'accord « ouvre une ère nouvelle de prospérité partagée pour la vallée ».",
        "Selon l'agence Norpress, l'accord « ouvre une ère nouvelle de prospérité partagée pour la vallée ».",
        "Cet accord ouvre une ère nouvelle de prospérité partagée pour la vallée.",
        "Cet accord ouvre une ère nouvelle de prospérité partagée pour la vallée."};
    run r;
    run_on(&r, "fr", t, 5);
    assert_int_equal(count_kind(&r, "wording"), 1);
    const rc_discrepancy *e = first_kind(&r, "wording");
    assert_non_null(e);
    assert_int_equal(e->ndocs, 5);
    run_free(&r);
}

/* One quote in two sentences worded apart (two twin sets with the same
 * quote stems: one wordset) and a drifted copy: both sentences' documents
 * join the one entry. */
static void test_quote_drift_wordset(void **state)
{
    (void)state;
    const char *t[] = {
        "« Nous reconstruirons chaque maison du village avant l'hiver », a déclaré Anne Perrin.",
        "« Nous reconstruirons chaque maison du village avant l'hiver », a assuré lundi Anne Perrin à Verlac.",
        "« Nous rebâtirons chaque maison du village avant l'hiver », a affirmé Anne Perrin."};
    run r;
    run_on(&r, "fr", t, 3);
    assert_int_equal(count_kind(&r, "quote_drift"), 1);
    const rc_discrepancy *e = first_kind(&r, "quote_drift");
    assert_non_null(e);
    assert_int_equal(e->ndocs, 3);
    assert_non_null(strstr(e->description, "rebâtirons"));
    run_free(&r);
}

/* Many articles, a few values: one entry listing each value with its
 * number of articles, and evidence from every value. */
static void test_number_grouped(void **state)
{
    (void)state;
    const char *t[] = {
        "Selon la préfecture, 48 blessés ont été soignés après l'effondrement du pont de Verlac.",
        "Selon la préfecture, 48 blessés ont été soignés après l'effondrement du pont de Verlac.",
        "Selon la préfecture, 48 blessés ont été soignés après l'effondrement du pont de Verlac.",
        "Selon la préfecture, 51 blessés ont été soignés après l'effondrement du pont de Verlac.",
        "Selon la préfecture, 53 blessés ont été soignés après l'effondrement du pont de Verlac."};
    run r;
    run_on(&r, "fr", t, 5);
    assert_int_equal(count_kind(&r, "number"), 1);
    const rc_discrepancy *e = first_kind(&r, "number");
    assert_int_equal(e->ndocs, 5);
    assert_non_null(strstr(e->description, "\"48 blessés\" (3 articles"));
    assert_non_null(strstr(e->description, "51 blessés"));
    assert_non_null(strstr(e->description, "53 blessés"));
    assert_true(has_evidence(&r, e, "51 blessés"));
    assert_true(has_evidence(&r, e, "53 blessés"));
    run_free(&r);
}

static const struct {
    const char *lang;
    const char *a, *b;
    size_t want;               /* number entries expected */
} THINGS[] = {
    /* other months: two figures, no conflict */
    {"fr", "L'inflation a atteint 4,1 % sur un an en janvier, selon l'institut national.",
     "L'inflation a atteint 4,3 % sur un an en février, selon l'institut national.", 0},
    {"fr", "L'inflation a atteint 4,1 % sur un an en janvier, selon l'institut national.",
     "L'inflation a atteint 4,3 % sur un an en janvier, selon l'institut national.", 1},
    /* two months in one sentence: each figure has its own */
    {"fr", "L'inflation a atteint 4,1 % sur un an en janvier, selon l'institut national.",
     "L'inflation a encore accéléré à 4,3 % en février, contre 4,1 % en janvier, selon l'institut national.", 0},
    /* other measures: a rate and an inflation figure */
    {"en", "Economists expected the central bank to keep its rate at 3.50% last month, analysts said.",
     "Annual inflation stood at 4.1% last month, analysts said in the central bank report.", 0},
    {"en", "Economists expected the central bank to keep its rate at 3.50% last month, analysts said.",
     "Economists expected the central bank to keep its rate at 3.75% last month, analysts said.", 1},
    /* other days: two figures; the same day, its year named once or
     * left open, one thing */
    {"fr", "Le 3 mars, 48 blessés ont été soignés après l'effondrement du pont, selon la préfecture.",
     "Le 5 mars, 51 blessés ont été soignés après l'effondrement du pont, selon la préfecture.", 0},
    {"fr", "Le 3 mars 2024, 48 blessés ont été soignés après l'effondrement du pont, selon la préfecture.",
     "Le 3 mars, 51 blessés ont été soignés après l'effondrement du pont, selon la préfecture.", 1},
    /* a rise and a fall are two moves */
    {"en", "The florin fell 1.2% against the euro on the currency markets, traders said.",
     "The florin rose 0.6% against the euro on the currency markets, traders said.", 0},
};

/* Figures about other periods, other measures or opposite moves are not
 * one thing; the same frame with the same period is. */
static void test_number_same_thing(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof THINGS / sizeof THINGS[0]; i++) {
        const char *t[] = {THINGS[i].a, THINGS[i].b};
        run r;
        run_on(&r, THINGS[i].lang, t, 2);
        if (count_kind(&r, "number") != THINGS[i].want)
            fail_msg("case %zu: %zu number entries, want %zu%s%s", i, count_kind(&r, "number"),
                     THINGS[i].want, count_kind(&r, "number") ? ": " : "",
                     count_kind(&r, "number") ? first_kind(&r, "number")->description : "");
        run_free(&r);
    }
}

/* Different fillers of one frame that names no actor are no wording
 * discrepancy; a changed actor in several articles is one entry. */
static void test_wording_template(void **state)
{
    (void)state;
    const char *t[] = {
        "Les observateurs jugent cette visite cordiale dans un contexte marqué par la dette publique.",
        "Les observateurs jugent cette visite cordiale dans un contexte marqué par la pêche côtière.",
        "Les observateurs jugent cette visite cordiale dans un contexte marqué par le logement social."};
    run r;
    run_on(&r, "fr", t, 3);
    assert_int_equal(count_kind(&r, "wording"), 0);
    run_free(&r);
    const char *u[] = {
        "Les trois ponts de la ville de Verlac ont été détruits par les rebelles lors des combats de mardi soir.",
        "Les trois ponts de la ville de Verlac ont été détruits par les rebelles lors des combats de mardi soir.",
        "Les trois ponts de la ville de Verlac ont été détruits par l'armée lors des combats de mardi soir."};
    run_on(&r, "fr", u, 3);
    assert_int_equal(count_kind(&r, "wording"), 1);
    const rc_discrepancy *e = first_kind(&r, "wording");
    assert_int_equal(e->ndocs, 3);
    assert_non_null(strstr(e->description, "2 articles"));
    run_free(&r);
    /* a changed actor in unrelated sentences (no shared name, figure or
     * most words) is no discrepancy either */
    const char *v[] = {
        "Le vieux marché couvert du centre a été détruit par les rebelles pendant la nuit de lundi.",
        "Le vieux marché a été détruit par l'armée, ont raconté des habitants réfugiés à la frontière."};
    run_on(&r, "fr", v, 2);
    assert_int_equal(count_kind(&r, "wording"), 0);
    run_free(&r);
}

/* 200 copies of one article with varying numbers: bounded (well under a
 * second here) and every document pair is not listed one by one. */
static void test_bounded(void **state)
{
    (void)state;
    enum { N = 200 };
    rc_doc **docs = rc_malloc(N * sizeof *docs);
    for (size_t i = 0; i < N; i++) {
        rc_buf b;
        rc_buf_init(&b, 0);
        for (int k = 0; k < 20; k++)
            rc_buf_printf(&b, "« Nous tiendrons parole sur le barrage numéro %d », a déclaré Anne Perrin. "
                              "Le chantier du pont doit durer %zu mois et mobiliser %d ouvriers. ",
                          k, 3 + i % 2, 100 + k);
        char id[32];
        snprintf(id, sizeof id, "b%zu", i);
        docs[i] = mkdoc(id, "fr", rc_buf_str(&b));
        rc_buf_cleanup(&b);
    }
    rc_analysis a;
    rc_analysis_extract(&a, docs, N);
    clock_t c0 = clock();
    rc_discrepancies *l = rc_discrepancies_build(&a);
    double secs = (double)(clock() - c0) / CLOCKS_PER_SEC;
    assert_true(secs < 5.0);
    assert_true(l->n < 50);
    /* two values in 200 copies: one entry per counted thing (the duration,
     * the workers), not one per pair of documents */
    size_t nnum = 0;
    for (size_t i = 0; i < l->n; i++)
        nnum += strcmp(l->items[i].kind, "number") == 0;
    assert_true(nnum >= 1 && nnum <= 2);
    rc_discrepancies_free(l);
    rc_analysis_cleanup(&a);
    for (size_t i = 0; i < N; i++)
        rc_doc_free(docs[i]);
    free(docs);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_number_conflict),
        cmocka_unit_test(test_qualifiers_consistent),
        cmocka_unit_test(test_sum_consistent),
        cmocka_unit_test(test_unrelated_numbers),
        cmocka_unit_test(test_quote_drift),
        cmocka_unit_test(test_wording_agent),
        cmocka_unit_test(test_wording_adopted),
        cmocka_unit_test(test_wording_adopted_copies),
        cmocka_unit_test(test_quote_drift_wordset),
        cmocka_unit_test(test_bounded),
        cmocka_unit_test(test_number_grouped),
        cmocka_unit_test(test_number_same_thing),
        cmocka_unit_test(test_wording_template),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
