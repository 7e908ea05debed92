/* test_copies.c - the copies stage (src/cluster/copies.h) on invented
 * articles: identical texts, a dispatch's paragraph inside a longer piece,
 * unrelated articles, thousands of identical copies, direction by
 * publication day and by agency credit, the time window. */
#include "test.h"
#include "cluster/copies.h"
#include "cluster/fingerprint.h"
#include "report/report.h"
#include "text/textmodel.h"
#include <jansson.h>
#include "util/mem.h"
#include "util/rc.h"
#include <string.h>
#include "testdoc.h"

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

/* Offsets in an indexed keys record (copies.h, keys_encode): "RCCK",
 * version, indexed flag, text hash (8), 16 band keys (8 each), the
 * fingerprint count (4), then the fingerprints (8 each). */
enum { CK_TEXT = 6, CK_BANDS = 14, CK_COUNT = 14 + 16 * 8, CK_FPS = CK_COUNT + 4 };

/* Little-endian v into p[0..n). */
static void put_le(unsigned char *p, uint64_t v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

/* Damaged copy-keys records are refused, well-formed ones accepted, one
 * case per check of the decoder. Each record, made from the real record
 * of an unrelated article (three fingerprinted sentences), is given to a
 * copy of the dispatch: accepted, its keys match nothing and the copy is
 * not found; refused, the keys are computed from the tokens and the copy
 * is found. */
static void keys_records_refused(void **state)
{
    (void)state;
    enum {
        M_NONE, M_NOT_INDEXED, M_MAGIC, M_VERSION, M_FLAG, M_NOT_INDEXED_TAIL, M_TEXT_ZERO,
        M_COUNT_UP, M_COUNT_DOWN, M_TAIL_BYTES, M_UNSORTED, M_DUPLICATE, M_CUT_BANDS,
        M_CUT_HEADER, M_EMPTY, M_MAX_FP, M_OVER_MAX
    };
    static const struct {
        int mut;
        int accepted;
        const char *what;
    } cases[] = {
        {M_NONE, 1, "well-formed, indexed"},
        {M_NOT_INDEXED, 1, "well-formed, not indexed"},
        {M_MAGIC, 0, "wrong magic"},
        {M_VERSION, 0, "version 2"},
        {M_FLAG, 0, "indexed flag 2"},
        {M_NOT_INDEXED_TAIL, 0, "not indexed with a byte more"},
        {M_TEXT_ZERO, 0, "text hash 0"},
        {M_COUNT_UP, 0, "count one more than the fingerprints"},
        {M_COUNT_DOWN, 0, "count one less than the fingerprints"},
        {M_TAIL_BYTES, 0, "3 bytes after the fingerprints"},
        {M_UNSORTED, 0, "fingerprints out of order"},
        {M_DUPLICATE, 0, "a fingerprint twice"},
        {M_CUT_BANDS, 0, "cut in the band keys"},
        {M_CUT_HEADER, 0, "cut before the indexed flag"},
        {M_EMPTY, 0, "empty"},
        {M_MAX_FP, 1, "RC_FP_MAX_SENTENCES fingerprints"},
        {M_OVER_MAX, 0, "RC_FP_MAX_SENTENCES + 1 fingerprints"},
    };
    rc_doc *d[3] = {mkdoc("dispatch", "fr", DISPATCH, NULL, NULL, NULL),
                    mkdoc("copy", "fr", DISPATCH, NULL, NULL, NULL),
                    mkdoc("other", "en", OTHER_EN, NULL, NULL, NULL)};
    /* the real record of the unrelated article */
    rc_dedup *x = rc_dedup_new(0, 0);
    rc_buf rec;
    rc_buf_init(&rec, 0);
    const rc_dedup_match *m;
    rc_dedup_record_keys(x, &rec);
    rc_dedup_add(x, d[2], &m);
    rc_dedup_free(x);
    assert_int_equal(rec.len, CK_FPS + 3 * 8);
    const size_t big = (size_t)CK_FPS + (RC_FP_MAX_SENTENCES + 1) * 8;
    unsigned char *p = rc_malloc(big);
    for (size_t t = 0; t < sizeof cases / sizeof cases[0]; t++) {
        memcpy(p, rec.data, rec.len);
        size_t n = rec.len;
        switch (cases[t].mut) {
        case M_NOT_INDEXED:
        case M_NOT_INDEXED_TAIL:
            p[5] = 0;
            n = cases[t].mut == M_NOT_INDEXED ? 6 : 7;
            break;
        case M_MAGIC: p[3] = 'X'; break;
        case M_VERSION: p[4] = 2; break;
        case M_FLAG: p[5] = 2; break;
        case M_TEXT_ZERO: put_le(p + CK_TEXT, 0, 8); break;
        case M_COUNT_UP: put_le(p + CK_COUNT, 4, 4); break;
        case M_COUNT_DOWN: put_le(p + CK_COUNT, 2, 4); break;
        case M_TAIL_BYTES: n += 3; break;
        case M_UNSORTED:
            memcpy(p + CK_FPS, (const unsigned char *)rec.data + CK_FPS + 8, 8);
            memcpy(p + CK_FPS + 8, (const unsigned char *)rec.data + CK_FPS, 8);
            break;
        case M_DUPLICATE: memcpy(p + CK_FPS + 8, p + CK_FPS, 8); break;
        case M_CUT_BANDS: n = CK_BANDS + 5 * 8; break;
        case M_CUT_HEADER: n = 5; break;
        case M_EMPTY: n = 0; break;
        case M_MAX_FP:
        case M_OVER_MAX: {
            /* fingerprints 1, 2, 3...: strictly increasing, matching none */
            size_t k = RC_FP_MAX_SENTENCES + (cases[t].mut == M_OVER_MAX);
            put_le(p + CK_COUNT, k, 4);
            for (size_t i = 0; i < k; i++)
                put_le(p + CK_FPS + i * 8, i + 1, 8);
            n = CK_FPS + k * 8;
            break;
        }
        default: break;
        }
        /* an exact-size copy, so a read past the record shows under ASan */
        unsigned char *r = rc_malloc(n ? n : 1);
        memcpy(r, p, n);
        const unsigned char *keys[3] = {NULL, r, NULL};
        size_t nkeys[3] = {0, n, 0};
        unsigned char use[3] = {0, 1, 0};
        struct rc_copies *c = rc_copies_build_stored(d, 3, keys, nkeys, use);
        if ((copy_of(c, 1, 0) == NULL) != cases[t].accepted)
            fail_msg("%s: %s", cases[t].what, cases[t].accepted ? "refused" : "accepted");
        rc_copies_free(c);
        free(r);
    }
    free(p);
    rc_buf_cleanup(&rec);
    free_docs(d, 3);
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
        cmocka_unit_test(keys_records_refused),
        cmocka_unit_test(json_copies),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
