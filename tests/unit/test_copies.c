/* test_copies.c - the copies stage (src/cluster/copies.h) on invented
 * articles: identical texts, a dispatch's paragraph inside a longer piece,
 * unrelated articles, thousands of identical copies, direction by
 * publication day and by agency credit, the time window. */
#include "test.h"
#include "cluster/copies.h"
#include "report/report.h"
#include "text/textmodel.h"
#include <jansson.h>
#include "util/mem.h"
#include "util/rc.h"
#include <string.h>

/* An invented wire dispatch: five sentences of 6+ words. */
static const char DISPATCH[] =
    "Les pompiers de la vallée ont maîtrisé jeudi un incendie qui menaçait trois villages.\n"
    "Plus de 400 hectares de garrigue ont brûlé depuis mardi selon la préfecture.\n"
    "Quelque 250 habitants avaient été évacués par précaution mercredi soir.\n"
    "Deux pompiers légèrement blessés ont été soignés sur place par les secours.\n"
    "L'origine du feu reste inconnue et une enquête a été ouverte par le parquet.";

/* A longer piece reusing the dispatch's first four sentences. */
static const char LONGER[] =
    "Dans les hameaux de la vallée, la nuit a été longue pour les familles inquiètes.\n"
    "Les pompiers de la vallée ont maîtrisé jeudi un incendie qui menaçait trois villages.\n"
    "Plus de 400 hectares de garrigue ont brûlé depuis mardi selon la préfecture.\n"
    "Quelque 250 habitants avaient été évacués par précaution mercredi soir.\n"
    "Deux pompiers légèrement blessés ont été soignés sur place par les secours.\n"
    "Au café du village, les habitants racontaient la fumée qui cachait le soleil.\n"
    "Le maire a salué le courage des équipes venues de quatre départements voisins.\n"
    "Les agriculteurs comptent désormais leurs pertes dans les vignes et les oliveraies.\n"
    "Une cellule d'aide psychologique sera ouverte lundi dans la salle des fêtes.\n"
    "Les associations de randonneurs demandent un meilleur entretien des chemins forestiers.\n"
    "La saison sèche a commencé plus tôt que d'habitude dans toute la région.\n"
    "Les services de l'État promettent un bilan complet avant la fin du mois.\n"
    "Plusieurs routes départementales restent fermées à la circulation ce vendredi.\n"
    "Les écoles des trois villages rouvriront normalement dès la semaine prochaine.\n"
    "Les touristes sont invités à consulter les arrêtés préfectoraux avant toute sortie.\n"
    "Les habitants espèrent que la pluie annoncée pour le week-end arrivera enfin.";

/* Unrelated articles (English and French). */
static const char OTHER_EN[] =
    "The city council approved a new budget for public libraries on Monday evening.\n"
    "Opening hours will be extended on weekends starting in the autumn term.\n"
    "Librarians welcomed the decision but warned that staffing remains a concern.";
static const char OTHER_FR[] =
    "Le club de football local a remporté samedi son troisième match de la saison.\n"
    "L'entraîneur a félicité ses joueurs pour leur discipline en défense centrale.\n"
    "Le prochain déplacement aura lieu dans une ville du nord dans deux semaines.";

/* A document with its text model and metadata (NULLs left unknown). */
static rc_doc *mkdoc(const char *id, const char *lang, const char *text, const char *published,
                     const char *outlet, const char *credit)
{
    rc_doc *d = rc_doc_new();
    rc_doc_set(d, &d->id, id);
    rc_doc_set(d, &d->lang, lang);
    rc_doc_set(d, &d->published, published);
    rc_doc_set(d, &d->outlet, outlet);
    if (credit)
        rc_doc_add_credit(d, credit);
    rc_doc_set(d, &d->text, text);
    d->text_len = strlen(text);
    rc_textmodel_build(d);
    return d;
}

/* The copy of document i naming document j, or NULL. */
static const rc_copy *copy_of(const struct rc_copies *c, size_t i, size_t j)
{
    const rc_copy *v;
    size_t n = rc_copies_of(c, i, &v, NULL);
    for (size_t k = 0; k < n; k++)
        if (v[k].doc == j)
            return &v[k];
    return NULL;
}

/* Free n documents. */
static void free_docs(rc_doc **d, size_t n)
{
    for (size_t i = 0; i < n; i++)
        rc_doc_free(d[i]);
}

/* Identical texts under two ids (punctuation and case aside) are copies
 * with share 1 and Jaccard 1 from both sides; the unrelated third has
 * none. */
static void identical_texts(void **state)
{
    (void)state;
    char upper[sizeof DISPATCH];
    for (size_t i = 0; i < sizeof DISPATCH; i++)
        upper[i] = (char)(DISPATCH[i] >= 'a' && DISPATCH[i] <= 'z' ? DISPATCH[i] - 32 : DISPATCH[i]);
    rc_doc *d[3] = {mkdoc("a", "fr", DISPATCH, NULL, NULL, NULL),
                    mkdoc("b", "fr", upper, NULL, NULL, NULL),
                    mkdoc("c", "en", OTHER_EN, NULL, NULL, NULL)};
    struct rc_copies *c = rc_copies_build(d, 3);
    for (size_t i = 0; i < 2; i++) {
        const rc_copy *x = copy_of(c, i, 1 - i);
        assert_non_null(x);
        assert_true(x->share == 1.0f && x->jaccard == 1.0f);
        assert_int_equal(x->direction, RC_COPY_UNKNOWN);
        assert_int_equal(x->basis, RC_BASIS_NONE);
    }
    const rc_copy *v;
    assert_int_equal(rc_copies_of(c, 2, &v, NULL), 0);
    rc_copies_free(c);
    free_docs(d, 3);
}

/* A paragraph of the dispatch inside a longer piece: 4 of the dispatch's
 * 5 sentences are found in the longer piece (share 0.8), 4 of the longer
 * piece's 16 are the dispatch's (0.25); the Jaccard stays low, so only the
 * sentence index finds it. */
static void partial_reuse(void **state)
{
    (void)state;
    rc_doc *d[2] = {mkdoc("dispatch", "fr", DISPATCH, "2026-07-02", NULL, NULL),
                    mkdoc("longer", "fr", LONGER, "2026-07-03", NULL, NULL)};
    struct rc_copies *c = rc_copies_build(d, 2);
    const rc_copy *a = copy_of(c, 0, 1), *b = copy_of(c, 1, 0);
    assert_non_null(a);
    assert_non_null(b);
    assert_true(a->share > 0.79f && a->share < 0.9f);
    assert_true(b->share > 0.24f && b->share < 0.3f);
    assert_true(a->jaccard < 0.5f && a->jaccard == b->jaccard);
    assert_int_equal(b->direction, RC_COPY_FROM);   /* published a day later */
    assert_int_equal(a->direction, RC_COPY_BY);
    assert_int_equal(b->basis, RC_BASIS_PUBLISHED);
    rc_copies_free(c);
    free_docs(d, 2);
}

/* Unrelated articles, and articles sharing one sentence only (the same
 * quoted statement), are not copies. */
static void unrelated(void **state)
{
    (void)state;
    char one[1024];
    snprintf(one, sizeof one, "%s\n%s", OTHER_FR,
             "Plus de 400 hectares de garrigue ont brûlé depuis mardi selon la préfecture.");
    rc_doc *d[4] = {mkdoc("a", "fr", DISPATCH, NULL, NULL, NULL),
                    mkdoc("b", "en", OTHER_EN, NULL, NULL, NULL),
                    mkdoc("c", "fr", OTHER_FR, NULL, NULL, NULL),
                    mkdoc("d", "fr", one, NULL, NULL, NULL)};
    struct rc_copies *c = rc_copies_build(d, 4);
    const rc_copy *v;
    for (size_t i = 0; i < 4; i++) {
        if (i == 2 || i == 3)
            continue;   /* c and d are near copies of each other */
        assert_int_equal(rc_copies_of(c, i, &v, NULL), 0);
    }
    assert_null(copy_of(c, 3, 0));
    assert_non_null(copy_of(c, 3, 2));
    rc_copies_free(c);
    free_docs(d, 4);
}

/* 3,000 identical copies: every document lists at most RC_COPIES_PER_DOC
 * copies, each a real one, and the total found stays linear (the LSH
 * buckets and candidate cap bound the work). */
static void many_identical(void **state)
{
    (void)state;
    enum { N = 3000 };
    rc_doc **d = rc_calloc(N, sizeof *d);
    char id[16];
    for (size_t i = 0; i < N; i++) {
        snprintf(id, sizeof id, "c%zu", i);
        d[i] = mkdoc(id, "fr", DISPATCH, NULL, NULL, NULL);
    }
    struct rc_copies *c = rc_copies_build(d, N);
    size_t total = 0;
    for (size_t i = 0; i < N; i++) {
        const rc_copy *v;
        size_t more;
        size_t n = rc_copies_of(c, i, &v, &more);
        assert_true(n >= 1 && n <= RC_COPIES_PER_DOC);
        for (size_t k = 0; k < n; k++)
            assert_true(v[k].share == 1.0f && v[k].doc != i);
        total += n + more;
    }
    /* each document is verified against at most RC_DEDUP_BUCKET earlier
     * ones (one shared bucket), and each match is counted on both sides */
    assert_true(total <= (size_t)N * 2 * RC_DEDUP_BUCKET);
    size_t more0;
    const rc_copy *v0;
    assert_int_equal(rc_copies_of(c, 0, &v0, &more0), RC_COPIES_PER_DOC);
    assert_true(more0 > 0);
    rc_copies_free(c);
    free_docs(d, N);
    free(d);
}

/* Direction, table-driven: (published, outlet, credit) of documents a and
 * b (same text) and b's expected direction towards a. */
static const struct {
    const char *pa, *oa, *ca, *pb, *ob, *cb;
    int dir, basis;
} DIR_CASES[] = {
    /* earlier publication, to the day */
    {"2026-07-02", NULL, NULL, "2026-07-03", NULL, NULL, RC_COPY_FROM, RC_BASIS_PUBLISHED},
    {"2026-07-04T09:00:00Z", NULL, NULL, "2026-07-03", NULL, NULL, RC_COPY_BY, RC_BASIS_PUBLISHED},
    /* same day, month-only or missing dates: unknown */
    {"2026-07-02", NULL, NULL, "2026-07-02", NULL, NULL, RC_COPY_UNKNOWN, RC_BASIS_NONE},
    {"2026-07", NULL, NULL, "2026-08-01", NULL, NULL, RC_COPY_UNKNOWN, RC_BASIS_NONE},
    {NULL, NULL, NULL, NULL, NULL, NULL, RC_COPY_UNKNOWN, RC_BASIS_NONE},
    /* b credits the agency whose outlet a is */
    {NULL, "AFP", NULL, NULL, "Le Quotidien", "AFP", RC_COPY_FROM, RC_BASIS_CREDIT},
    /* an agency outlet written out is its canonical name */
    {NULL, "Agence France-Presse", NULL, NULL, "Le Quotidien", "AFP", RC_COPY_FROM, RC_BASIS_CREDIT},
    /* a is the agency's own dispatch: no outlet, credits the agency alone */
    {"2026-07-03", NULL, "AFP", "2026-07-02", "Le Quotidien", "AFP", RC_COPY_FROM, RC_BASIS_CREDIT},
    /* the other way round */
    {NULL, "Le Quotidien", "Reuters", NULL, "Reuters", NULL, RC_COPY_BY, RC_BASIS_CREDIT},
    /* two outlets crediting the same agency: unknown between them */
    {NULL, "Le Quotidien", "AFP", NULL, "Le Matin", "AFP", RC_COPY_UNKNOWN, RC_BASIS_NONE},
    /* crediting another agency says nothing */
    {NULL, "AFP", NULL, NULL, "Le Quotidien", "Reuters", RC_COPY_UNKNOWN, RC_BASIS_NONE},
};

/* The table above; a's direction is the inverse of b's. */
static void direction_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof DIR_CASES / sizeof *DIR_CASES; i++) {
        rc_doc *d[2] = {mkdoc("a", "fr", DISPATCH, DIR_CASES[i].pa, DIR_CASES[i].oa, DIR_CASES[i].ca),
                        mkdoc("b", "fr", DISPATCH, DIR_CASES[i].pb, DIR_CASES[i].ob, DIR_CASES[i].cb)};
        struct rc_copies *c = rc_copies_build(d, 2);
        const rc_copy *b = copy_of(c, 1, 0), *a = copy_of(c, 0, 1);
        assert_non_null(a);
        assert_non_null(b);
        if (b->direction != DIR_CASES[i].dir || b->basis != DIR_CASES[i].basis)
            fail_msg("case %zu: direction %d basis %d", i, b->direction, b->basis);
        int inv = DIR_CASES[i].dir == RC_COPY_FROM ? RC_COPY_BY
                  : DIR_CASES[i].dir == RC_COPY_BY ? RC_COPY_FROM : RC_COPY_UNKNOWN;
        assert_int_equal(a->direction, inv);
        assert_int_equal(a->basis, b->basis);
        rc_copies_free(c);
        free_docs(d, 2);
    }
    assert_string_equal(rc_copy_dir_name(RC_COPY_FROM), "copied_from");
    assert_string_equal(rc_copy_dir_name(RC_COPY_BY), "copied_by");
    assert_string_equal(rc_copy_basis_name(RC_BASIS_CREDIT), "credit");
    assert_null(rc_copy_basis_name(RC_BASIS_NONE));
}

/* The incremental index forgets what left its time window: a copy 3 days
 * later is found, one 30 days later (after a month of other articles) is
 * not; the index size stays bounded by the window; a far-future date
 * moves the clock by one day only. */
static void window_eviction(void **state)
{
    (void)state;
    rc_dedup *x = rc_dedup_new(7, 0);
    const rc_dedup_match *m;
    rc_doc *a = mkdoc("a", "fr", DISPATCH, "2026-07-01", NULL, NULL);
    assert_int_equal(rc_dedup_add(x, a, &m), 0);
    rc_doc *b = mkdoc("b", "fr", DISPATCH, "2026-07-04", NULL, NULL);
    assert_int_equal(rc_dedup_add(x, b, &m), 1);
    assert_int_equal(m[0].serial, 0);
    assert_int_equal(m[0].direction, RC_COPY_FROM);
    rc_doc *future = mkdoc("f", "en", OTHER_EN, "2199-01-01", NULL, NULL);
    rc_dedup_add(x, future, &m);
    assert_true(rc_dedup_size(x) == 3);  /* nothing flushed by the far date */
    char buf[256], date[32];
    for (int day = 5; day <= 31; day++) {
        snprintf(buf, sizeof buf, "Le bulletin numéro %d de la station météo annonce du vent fort.", day);
        snprintf(date, sizeof date, "2026-07-%02d", day);
        rc_doc *o = mkdoc("o", "fr", buf, date, NULL, NULL);
        rc_dedup_add(x, o, &m);
        rc_doc_free(o);
    }
    assert_true(rc_dedup_size(x) <= 9);  /* about the last 8 days */
    rc_doc *late = mkdoc("late", "fr", DISPATCH, "2026-07-31", NULL, NULL);
    assert_int_equal(rc_dedup_add(x, late, &m), 0);
    rc_dedup_free(x);
    rc_doc_free(a);
    rc_doc_free(b);
    rc_doc_free(future);
    rc_doc_free(late);
}

/* Empty and very short documents match nothing, even identical ones. */
static void short_docs(void **state)
{
    (void)state;
    rc_doc *d[3] = {mkdoc("a", "fr", "Bonjour.", NULL, NULL, NULL),
                    mkdoc("b", "fr", "Bonjour.", NULL, NULL, NULL),
                    mkdoc("c", "fr", "", NULL, NULL, NULL)};
    struct rc_copies *c = rc_copies_build(d, 3);
    const rc_copy *v;
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(rc_copies_of(c, i, &v, NULL), 0);
    rc_copies_free(c);
    free_docs(d, 3);
}

/* The copies of every document of b equal a's (same lists, same order). */
static void same_copies(const struct rc_copies *a, const struct rc_copies *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const rc_copy *x, *y;
        size_t mx, my;
        size_t nx = rc_copies_of(a, i, &x, &mx), ny = rc_copies_of(b, i, &y, &my);
        assert_int_equal(nx, ny);
        assert_int_equal(mx, my);
        for (size_t k = 0; k < nx; k++) {
            assert_int_equal(x[k].doc, y[k].doc);
            assert_true(x[k].share == y[k].share && x[k].jaccard == y[k].jaccard);
            assert_int_equal(x[k].direction, y[k].direction);
            assert_int_equal(x[k].basis, y[k].basis);
        }
    }
}

/* Copy keys recorded by rc_dedup_add (what ingest stores) and read back by
 * rc_copies_build_stored give rc_copies_build's copies: a copy, a partial
 * reuse, an unrelated and a too-short article. The short one's record says
 * "not indexed"; a damaged record (truncated) or use[i] == 0 falls back to
 * the tokens; and the records are what is read: the copy given the
 * unrelated article's record is no longer found by its keys. */
static void stored_keys(void **state)
{
    (void)state;
    enum { N = 5 };
    rc_doc *d[N] = {mkdoc("dispatch", "fr", DISPATCH, "2026-07-02", NULL, NULL),
                    mkdoc("longer", "fr", LONGER, "2026-07-03", NULL, NULL),
                    mkdoc("copy", "fr", DISPATCH, "2026-07-04", NULL, NULL),
                    mkdoc("other", "en", OTHER_EN, NULL, NULL, NULL),
                    mkdoc("short", "fr", "Bonjour.", NULL, NULL, NULL)};
    unsigned char *keys[N];
    size_t nkeys[N];
    unsigned char use[N] = {1, 1, 1, 1, 1};
    rc_dedup *x = rc_dedup_new(0, 0);
    rc_buf b;
    rc_buf_init(&b, 0);
    rc_dedup_record_keys(x, &b);
    for (size_t i = 0; i < N; i++) {
        const rc_dedup_match *m;
        rc_dedup_add(x, d[i], &m);
        assert_true(b.len >= 6);
        assert_memory_equal(b.data, "RCCK", 4);
        keys[i] = rc_malloc(b.len);
        memcpy(keys[i], b.data, b.len);
        nkeys[i] = b.len;
    }
    rc_buf_cleanup(&b);
    rc_dedup_free(x);
    /* indexed flag: set for the four articles, not for "Bonjour." */
    for (size_t i = 0; i < N; i++)
        assert_int_equal(keys[i][5], i < 4);
    assert_int_equal(nkeys[4], 6);
    assert_int_equal(nkeys[0], 6 + 8 + 16 * 8 + 4 + 5 * 8); /* 5 sentences of 6+ words */

    struct rc_copies *ref = rc_copies_build(d, N);
    assert_non_null(copy_of(ref, 2, 0));
    assert_non_null(copy_of(ref, 1, 0));
    struct rc_copies *c = rc_copies_build_stored((rc_doc *const *)d, N,
                                                 (const unsigned char *const *)keys, nkeys, use);
    same_copies(ref, c, N);
    rc_copies_free(c);

    /* a truncated record and an unused one: computed from the tokens */
    nkeys[0] -= 3;
    use[2] = 0;
    c = rc_copies_build_stored((rc_doc *const *)d, N, (const unsigned char *const *)keys, nkeys,
                               use);
    same_copies(ref, c, N);
    rc_copies_free(c);
    nkeys[0] += 3;
    use[2] = 1;

    /* the copy given the unrelated article's record: not found */
    unsigned char *k2 = keys[2];
    size_t n2 = nkeys[2];
    keys[2] = keys[3];
    nkeys[2] = nkeys[3];
    c = rc_copies_build_stored((rc_doc *const *)d, N, (const unsigned char *const *)keys, nkeys, use);
    assert_null(copy_of(c, 2, 0));
    assert_non_null(copy_of(c, 1, 0));
    rc_copies_free(c);
    keys[2] = k2;
    nkeys[2] = n2;

    rc_copies_free(ref);
    for (size_t i = 0; i < N; i++)
        free(keys[i]);
    free_docs(d, N);
}

/* The JSON report: documents[].copies names the other document with its
 * share, Jaccard, direction and basis (the dispatch is copied by the
 * outlet crediting its agency). */
static void json_copies(void **state)
{
    (void)state;
    rc_doc *d[2] = {mkdoc("dispatch", "fr", DISPATCH, NULL, "AFP", NULL),
                    mkdoc("longer", "fr", LONGER, NULL, "Le Quotidien", "AFP")};
    rc_analysis a;
    memset(&a, 0, sizeof a);
    a.docs = d;
    a.ndocs = 2;
    a.copies = rc_copies_build(d, 2);
    rc_report r = {d, 2, "test", NULL, NULL, &a, 0};
    char *mem = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&mem, &len);
    assert_int_equal(rc_report_json(fp, &r), RC_OK);
    fclose(fp);
    json_error_t err;
    json_t *root = json_loads(mem, 0, &err);
    assert_non_null(root);
    json_t *docs = json_object_get(root, "documents");
    json_t *c0 = json_array_get(json_object_get(json_array_get(docs, 0), "copies"), 0);
    json_t *c1 = json_array_get(json_object_get(json_array_get(docs, 1), "copies"), 0);
    assert_string_equal(json_string_value(json_object_get(c0, "document")), "longer");
    assert_string_equal(json_string_value(json_object_get(c0, "direction")), "copied_by");
    assert_string_equal(json_string_value(json_object_get(c0, "basis")), "credit");
    assert_true(json_real_value(json_object_get(c0, "share")) == 0.8);
    assert_string_equal(json_string_value(json_object_get(c1, "document")), "dispatch");
    assert_string_equal(json_string_value(json_object_get(c1, "direction")), "copied_from");
    assert_true(json_real_value(json_object_get(c1, "share")) == 0.25);
    assert_true(json_is_real(json_object_get(c1, "jaccard")));
    json_decref(root);
    free(mem);
    rc_copies_free(a.copies);
    free_docs(d, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(identical_texts),
        cmocka_unit_test(partial_reuse),
        cmocka_unit_test(unrelated),
        cmocka_unit_test(many_identical),
        cmocka_unit_test(direction_table),
        cmocka_unit_test(window_eviction),
        cmocka_unit_test(short_docs),
        cmocka_unit_test(stored_keys),
        cmocka_unit_test(json_copies),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
