/*
 * test_claims.c - claims across articles (crosscheck/claims.h): one origin
 * relayed through one agency, independent witnesses, a fact disputed
 * elsewhere, an unattributed relay, conflicting figures, and a bounded run
 * over many articles. Articles invented for this test (French and
 * English).
 */
#include "test.h"
#include "crosscheck/claims.h"
#include "crosscheck/discrepancy.h"
#include "crosscheck/origin.h"
#include "crosscheck/polarity.h"
#include "meta/fold.h"
#include "pipeline/analysis.h"
#include "text/textmodel.h"
#include <stdint.h>
#include <string.h>
#include <time.h>

typedef struct art {
    const char *id, *lang, *outlet, *text;
} art;

/* Documents for arts[0..n). */
static rc_doc **make_docs(const art *arts, size_t n)
{
    rc_doc **docs = calloc(n, sizeof *docs);
    for (size_t i = 0; i < n; i++) {
        rc_doc *d = rc_doc_new();
        rc_doc_set(d, &d->id, arts[i].id);
        rc_doc_set(d, &d->lang, arts[i].lang);
        rc_doc_set(d, &d->outlet, arts[i].outlet);
        rc_doc_set(d, &d->text, arts[i].text);
        d->text_len = strlen(arts[i].text);
        docs[i] = d;
    }
    return docs;
}

/* Free n documents. */
static void free_docs(rc_doc **docs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        rc_doc_free(docs[i]);
    free(docs);
}

/* The claim whose supporting sentences include one containing needle in
 * document doc_id, or NULL. */
static const rc_claim *find_claim(const rc_analysis *a, const char *doc_id, const char *needle)
{
    const rc_claims *c = a->claims;
    for (size_t i = 0; i < c->nclaims; i++)
        for (size_t k = 0; k < c->claims[i].nsupport; k++) {
            const rc_claim_support *s = &c->claims[i].support[k];
            const rc_doc *d = a->docs[s->doc];
            if (strcmp(d->id, doc_id) != 0)
                continue;
            if (rc_find(d->text + s->start, s->end - s->start, needle, strlen(needle)))
                return &c->claims[i];
        }
    return NULL;
}

/* The support of claim cl from document doc_id, or NULL. */
static const rc_claim_support *support_of(const rc_analysis *a, const rc_claim *cl, const char *doc_id)
{
    for (size_t k = 0; k < cl->nsupport; k++)
        if (strcmp(a->docs[cl->support[k].doc]->id, doc_id) == 0)
            return &cl->support[k];
    return NULL;
}

/* Extract facts from arts and cross-check them as one group (the claims
 * module alone: which articles form a group is the cluster stage's job). */
static void run(rc_analysis *a, rc_doc ***docs, const art *arts, size_t n)
{
    *docs = make_docs(arts, n);
    rc_analysis_extract(a, *docs, n);
    a->claims = rc_claims_build(a, NULL);
    assert_non_null(a->claims);
}

/* Three outlets relay one official's statement through one agency, a
 * fourth states it without attribution: one origin, and a relay. */
static void test_one_origin_through_agency(void **state)
{
    (void)state;
    static const art A[] = {
        {"a1", "fr", "Le Quotidien",
         "Le barrage de Velna a été fermé mardi. Le ministre Paul Darmond a déclaré que 3 200 habitants "
         "de la vallée de Velna seraient évacués, selon TASS. La météo reste incertaine."},
        {"a2", "fr", "La Gazette",
         "Les pluies continuent. Selon TASS, le ministre Paul Darmond a annoncé que 3 200 habitants de la "
         "vallée de Velna seraient évacués. Les écoles restent ouvertes."},
        {"a3", "fr", "Le Courrier",
         "Le ministre Paul Darmond a affirmé que 3 200 habitants de la vallée de Velna seraient évacués, "
         "a rapporté TASS. Les routes sont coupées au nord."},
        {"a4", "fr", "L'Écho",
         "Quelque 3 200 habitants de la vallée de Velna seront évacués. Les secours attendent des renforts."},
    };
    rc_analysis a;
    rc_doc **docs;
    run(&a, &docs, A, 4);
    const rc_claim *cl = find_claim(&a, "a1", "3 200");
    assert_non_null(cl);
    assert_int_equal(cl->ndocs, 4);
    assert_int_equal(cl->norigins, 1);
    assert_int_equal(cl->status, RC_CLAIM_SINGLE_ORIGIN);
    const rc_claim_support *s1 = support_of(&a, cl, "a1");
    assert_non_null(s1);
    assert_string_equal(s1->origin, "Paul Darmond");
    assert_int_equal(s1->stance, RC_STANCE_ATTRIBUTED);
    assert_non_null(strstr(s1->chain, "TASS"));
    /* the unattributed article relays the minister */
    const rc_claim_support *s4 = support_of(&a, cl, "a4");
    assert_non_null(s4);
    assert_true(s4->relay);
    assert_string_equal(s4->origin, "Paul Darmond");
    rc_analysis_cleanup(&a);
    free_docs(docs, 4);
}

/* Two witnesses that do not depend on each other: corroborated. */
static void test_independent_witnesses(void **state)
{
    (void)state;
    static const art A[] = {
        {"b1", "en", "Morning Post",
         "The Harlow bridge over the Tessel river collapsed on Tuesday, killing 14 people, mayor Anna Kolb "
         "said. Traffic was diverted."},
        {"b2", "en", "Evening Star",
         "Fire chief Marc Oduya said 14 people were killed when the Harlow bridge over the Tessel river "
         "collapsed. Rescue work goes on."},
    };
    rc_analysis a;
    rc_doc **docs;
    run(&a, &docs, A, 2);
    const rc_claim *cl = find_claim(&a, "b1", "14 people");
    assert_non_null(cl);
    assert_int_equal(cl->ndocs, 2);
    assert_int_equal(cl->norigins, 2);
    assert_int_equal(cl->status, RC_CLAIM_CORROBORATED);
    rc_analysis_cleanup(&a);
    free_docs(docs, 2);
}

/* Stated as fact in one article, denied in another: contested. */
static void test_asserted_vs_disputed(void **state)
{
    (void)state;
    static const art A[] = {
        {"c1", "en", "Daily Ledger",
         "Government troops recaptured Dornell and its airport in March after heavy fighting. Shops reopened."},
        {"c2", "en", "Weekly Review",
         "The defence ministry said its troops recaptured Dornell and its airport in March, but rebel commanders "
         "denied the claim. Talks resume next week."},
    };
    rc_analysis a;
    rc_doc **docs;
    run(&a, &docs, A, 2);
    const rc_claim *cl = find_claim(&a, "c1", "Dornell");
    assert_non_null(cl);
    assert_int_equal(cl->ndocs, 2);
    assert_int_equal(cl->status, RC_CLAIM_CONTESTED);
    assert_int_equal(support_of(&a, cl, "c1")->stance, RC_STANCE_ASSERTED);
    assert_int_equal(support_of(&a, cl, "c2")->stance, RC_STANCE_DISPUTED);
    rc_analysis_cleanup(&a);
    free_docs(docs, 2);
}

/* Two articles give different figures for the same counted thing. */
static void test_conflicting_numbers(void **state)
{
    (void)state;
    static const art A[] = {
        {"d1", "en", "Coast News",
         "The flood in Melvik displaced 4,000 residents on Monday, according to the regional council. "
         "Schools were closed."},
        {"d2", "en", "Valley Times",
         "The flood in Melvik displaced 9,000 residents on Monday, according to the regional council. "
         "Roads were closed."},
    };
    rc_analysis a;
    rc_doc **docs;
    run(&a, &docs, A, 2);
    const rc_claim *c1 = find_claim(&a, "d1", "4,000");
    const rc_claim *c2 = find_claim(&a, "d2", "9,000");
    assert_non_null(c1);
    assert_non_null(c2);
    /* one claim holding both figures, conflicting */
    assert_ptr_equal(c1, c2);
    assert_int_equal(c1->status, RC_CLAIM_CONFLICTING);
    assert_int_equal(c1->ndocs, 2);
    rc_analysis_cleanup(&a);
    free_docs(docs, 2);
}

/* A single article's amount is a single-source claim; an unremarkable
 * sentence is not reported. */
static void test_single_source(void **state)
{
    (void)state;
    static const art A[] = {
        {"e1", "fr", "Le Matin",
         "La société Orvane a licencié 450 salariés à Brest. Il fait beau."},
    };
    rc_analysis a;
    rc_doc **docs;
    run(&a, &docs, A, 1);
    const rc_claim *cl = find_claim(&a, "e1", "450");
    assert_non_null(cl);
    assert_int_equal(cl->status, RC_CLAIM_SINGLE_SOURCE);
    assert_null(find_claim(&a, "e1", "beau"));
    rc_analysis_cleanup(&a);
    free_docs(docs, 1);
}

/* The cue tables: word prefixes per language, elision skipped. */
static void test_cues(void **state)
{
    (void)state;
    static const struct {
        const char *lang, *kind, *word;
        int want;
    } C[] = {
        {"fr", "dispute", "rejeté", 1}, {"fr", "dispute", "démenti", 1}, {"fr", "dispute", "nié", 1},
        {"fr", "dispute", "niveau", 0}, {"en", "dispute", "denied", 1}, {"en", "dispute", "disputed", 1},
        {"fr", "dispute", "disputée", 0}, {"fr", "distance", "affirmé", 1},
        {"fr", "distance", "l'affirmation", 1}, {"en", "distance", "claimed", 1},
        {"fr", "attribute", "d'après", 1}, {"en", "attribute", "according", 1},
        {"en", "attribute", "accordingly", 0},
    };
    for (size_t i = 0; i < sizeof C / sizeof *C; i++) {
        if (rc_origin_cue(C[i].lang, C[i].kind, C[i].word, strlen(C[i].word)) != C[i].want)
            fail_msg("cue %s/%s '%s' should be %d", C[i].lang, C[i].kind, C[i].word, C[i].want);
        /* the three kinds at once give the same answer for each kind */
        unsigned bit = C[i].kind[0] == 'a' ? RC_CUE_ATTRIBUTE
                       : C[i].kind[3] == 'p' ? RC_CUE_DISPUTE : RC_CUE_DISTANCE;
        unsigned got = rc_origin_cues(C[i].lang, C[i].word, strlen(C[i].word));
        if (((got & bit) != 0) != C[i].want)
            fail_msg("cues %s '%s': bit %u should be %d", C[i].lang, C[i].word, bit, C[i].want);
    }
    /* "affirmé" is a distance cue and no other kind */
    assert_int_equal(rc_origin_cues("fr", "affirmé", strlen("affirmé")), RC_CUE_DISTANCE);
}

/* 200 articles on one event (one fact each, plus varied filler) cross-check
 * quickly: no all-pairs comparison. */
static void test_bounded(void **state)
{
    (void)state;
    enum { N = 200 };
    art *A = calloc(N, sizeof *A);
    char (*ids)[16] = calloc(N, 16);
    char (*texts)[512] = calloc(N, 512);
    for (size_t i = 0; i < N; i++) {
        snprintf(ids[i], 16, "n%zu", i);
        snprintf(texts[i], 512,
                 "The storm cut power to 52,000 homes in Rellport on Sunday, the utility said. "
                 "Reporter %zu saw trees down near street %zu. Crews from district %zu were sent. "
                 "Residents of block %zu waited for news.", i, i * 7, i * 3, i * 11);
        A[i] = (art){ids[i], "en", "Outlet", texts[i]};
    }
    rc_analysis a;
    rc_doc **docs = make_docs(A, N);
    rc_analysis_extract(&a, docs, N);
    /* the value conflicts come from the discrepancy stage, timed apart */
    rc_discrepancies *vd = rc_discrepancies_build(&a);
    rc_claims *c = rc_claims_new();
    size_t *all = calloc(N, sizeof *all);
    for (size_t i = 0; i < N; i++)
        all[i] = i;
    clock_t t0 = clock();
    rc_claims_use_conflicts(c, vd, 0);
    rc_claims_add_group(c, &a, all, N, NULL);
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    a.claims = c;
    const rc_claim *cl = find_claim(&a, "n0", "52,000");
    assert_non_null(cl);
    assert_int_equal(cl->ndocs, N);
    fprintf(stderr, "claims of %d articles: %.3f s\n", N, secs);
    assert_true(secs < 1.0);
    rc_discrepancies_free(vd);
    free(all);
    rc_analysis_cleanup(&a);
    free_docs(docs, N);
    free(A);
    free(ids);
    free(texts);
}


/* One fact in French and English (no translation: the amount, the names,
 * a cognate) forms one claim; an English sentence sharing one name and
 * the number but about tonnes of grain stays apart. */
static void test_cross_language(void **state)
{
    (void)state;
    static const art A[] = {
        {"f1", "fr", "Le Quotidien",
         "Le Korvanistan va envoyer 1 000 ingénieurs hydrauliciens à Brastel pour reconstruire "
         "le barrage de la Mielle, a annoncé le ministre Paul Darmond. La météo reste incertaine."},
        {"e1", "en", "The Ledger",
         "Korvanistan will send 1,000 hydraulic engineers to Brastel to rebuild the Mielle dam, "
         "minister Paul Darmond said. Schools remain open."},
        {"e2", "en", "The Courier",
         "Korvanistan also shipped 1,000 tonnes of grain by train last winter. Prices fell."},
    };
    rc_analysis a;
    rc_doc **docs;
    run(&a, &docs, A, 3);
    const rc_claim *cl = find_claim(&a, "f1", "ingénieurs");
    assert_non_null(cl);
    assert_non_null(support_of(&a, cl, "e1"));
    assert_null(support_of(&a, cl, "e2"));
    assert_int_equal(cl->norigins, 1);
    rc_analysis_cleanup(&a);
    free_docs(docs, 3);
}

/* A long sentence carries a claim through one of its clauses: the short
 * statement joins it although the whole sentences differ a lot. */
static void test_clause_alignment(void **state)
{
    (void)state;
    static const art A[] = {
        {"c1", "fr", "Le Quotidien",
         "Les pompiers de Velna ont maîtrisé l'incendie de la raffinerie de Dormont, tandis que "
         "les syndicats réclament depuis des semaines une enquête indépendante sur la sécurité "
         "des installations, la formation des équipes de nuit, le vieillissement des cuves, "
         "l'entretien des vannes, les alarmes défaillantes, les effectifs réduits, les horaires "
         "prolongés et les primes promises aux techniciens. La météo reste incertaine."},
        {"c2", "fr", "La Gazette",
         "Selon la préfecture, des pompiers venus de trois casernes voisines ont finalement maîtrisé "
         "vers minuit l'incendie spectaculaire qui ravageait la raffinerie. Les routes sont coupées."},
    };
    rc_analysis a;
    rc_doc **docs;
    run(&a, &docs, A, 2);
    const rc_claim *cl = find_claim(&a, "c2", "incendie");
    assert_non_null(cl);
    assert_non_null(support_of(&a, cl, "c1"));
    rc_analysis_cleanup(&a);
    free_docs(docs, 2);
}

/* "X est accusé de" names the accused, not the source; "according to
 * figures given by" names nobody: both relay the named origin that
 * another article gives, so one origin. */
static void test_accused_and_generic_sources(void **state)
{
    (void)state;
    static const art A[] = {
        {"g1", "fr", "Le Quotidien",
         "Selon le ministère de la Défense de Brastel, le régime de Korvanistan fournit des obus "
         "et des drones aux milices du nord. La météo reste incertaine."},
        {"g2", "fr", "La Gazette",
         "Le régime de Korvanistan est également accusé de fournir des obus et des drones aux "
         "milices du nord. Les routes sont coupées."},
    };
    rc_analysis a;
    rc_doc **docs;
    run(&a, &docs, A, 2);
    const rc_claim *cl = find_claim(&a, "g2", "accusé");
    assert_non_null(cl);
    const rc_claim_support *s = support_of(&a, cl, "g2");
    assert_non_null(s);
    assert_null(strstr(s->origin, "régime"));
    assert_non_null(support_of(&a, cl, "g1"));
    assert_int_equal(cl->norigins, 1);
    rc_analysis_cleanup(&a);
    free_docs(docs, 2);
}

/* A duration given differently in French (three vs five months) is one
 * conflicting claim, and an English article giving both figures joins it:
 * different amounts are compared across languages through the conflict. */
static void test_value_conflict_across_languages(void **state)
{
    (void)state;
    static const art A[] = {
        {"v1", "fr", "Le Quotidien",
         "Les travaux de la digue de Porvel doivent durer trois mois, a précisé le ministre Karl Ostrem. "
         "La pluie continue."},
        {"v2", "fr", "La Gazette",
         "Le chantier de la digue de Porvel, qui durera cinq mois, doit commencer bientôt, a précisé "
         "le ministre Karl Ostrem. Les écoles restent ouvertes."},
        {"v3", "en", "The Ledger",
         "The work on the Porvel dike will last five months, the agency Brix said, although minister "
         "Karl Ostrem has spoken of three months. Shops reopened."},
    };
    rc_analysis a;
    rc_doc **docs;
    run(&a, &docs, A, 3);
    const rc_claim *cl = find_claim(&a, "v1", "trois mois");
    assert_non_null(cl);
    assert_int_equal(cl->status, RC_CLAIM_CONFLICTING);
    assert_non_null(support_of(&a, cl, "v2"));
    assert_non_null(support_of(&a, cl, "v3"));
    /* the figures differ: the five-month article relays nobody's three */
    assert_int_equal(support_of(&a, cl, "v2")->relay, 0);
    rc_analysis_cleanup(&a);
    free_docs(docs, 3);
}

/* A short denial that names the claim joins it although its words differ
 * from the long statements, and an unattributed statement of a contested
 * claim still relays the agency that reported it: one origin. */
static void test_denial_joins_contested(void **state)
{
    (void)state;
    static const art A[] = {
        {"p1", "fr", "Le Courrier",
         "Kelmar a accordé à Ostrana l'usage du port de Varno pour trente ans, un geste de confiance "
         "entre les deux voisins après des années de patience. Le temps reste beau."},
        {"p2", "en", "The Ledger",
         "The state agency Brix reported on Tuesday that Kelmar had granted Ostrana use of the port "
         "of Varno for 30 years as part of the package. Markets were calm."},
        {"p3", "en", "East Brief",
         "Brix also reported that Kelmar had granted Ostrana use of the port of Varno for 30 years. "
         "Talks continue."},
        {"p4", "en", "The Observer",
         "Minister Lenz denied that Ostrana had any concession on the port of Varno, contrary to the "
         "Brix report. "
         "Fishermen were pleased."},
    };
    rc_analysis a;
    rc_doc **docs;
    run(&a, &docs, A, 4);
    const rc_claim *cl = find_claim(&a, "p3", "Varno");
    assert_non_null(cl);
    assert_int_equal(cl->status, RC_CLAIM_CONTESTED);
    assert_non_null(support_of(&a, cl, "p4"));
    assert_int_equal(support_of(&a, cl, "p4")->stance, RC_STANCE_DISPUTED);
    assert_non_null(support_of(&a, cl, "p1"));
    assert_int_equal(support_of(&a, cl, "p1")->relay, 1);
    assert_int_equal(cl->norigins, 1);
    rc_analysis_cleanup(&a);
    free_docs(docs, 4);
}

/* One ministry named in French and in English: the words of the
 * institution's name align the sentences, and it is one origin. */
static void test_institution_two_languages(void **state)
{
    (void)state;
    static const art A[] = {
        {"m1", "fr", "Le Quotidien",
         "Quelque 300 techniciens sont déjà arrivés sur le chantier, selon le ministère brastelien "
         "des Transports. La pluie continue."},
        {"m2", "en", "The Ledger",
         "About 300 of them are already on site, according to the Brastelian transport ministry. "
         "Shops reopened."},
    };
    rc_analysis a;
    rc_doc **docs;
    run(&a, &docs, A, 2);
    const rc_claim *cl = find_claim(&a, "m1", "300");
    assert_non_null(cl);
    assert_non_null(support_of(&a, cl, "m2"));
    assert_int_equal(cl->norigins, 1);
    rc_analysis_cleanup(&a);
    free_docs(docs, 2);
}

/* Stop / resume polarity of one sentence (polarity.h), by hand: cues,
 * background ("since 2019"), negation in the clause. */
static void test_polarity(void **state)
{
    (void)state;
    static const struct {
        const char *lang, *text;
        int want;
    } T[] = {
        {"en", "The rail link between Orvik and Pell will resume on 3 May.", 1},
        {"en", "The rail link between Orvik and Pell remains suspended for now.", -1},
        {"en", "The rail link, halted in 2016, will reopen next week.", 1},
        {"en", "The rail link, suspended since 2016, is still closed.", -1},
        {"en", "The rail link will not resume this year.", -1},
        /* "-n't" in a word of 8 bytes or more (skip_word reads those 8
         * at a time), straight or curly */
        {"en", "The rail link wouldn't resume this year.", -1},
        {"en", "The rail link shouldn\xe2\x80\x99t resume this year.", -1},
        {"en", "The rail link mightn't ever resume.", -1},
        {"en", "The rail link is no longer suspended.", 1},
        {"en", "The rail link was closed, then reopened.", 0},
        {"en", "The minister visited the port on Monday.", 0},
        {"fr", "La liaison ferroviaire entre Orvik et Pell devrait reprendre en mai.", 1},
        {"fr", "La liaison, interrompue depuis 2016, reste suspendue.", -1},
        {"fr", "La liaison ne reprendra pas avant l'automne.", -1},
        {"fr", "Le pont n'est plus fermé aux camions.", 1},
        {"fr", "Le ministre a visité le port lundi.", 0},
    };
    for (size_t i = 0; i < sizeof T / sizeof *T; i++) {
        art A = {"p", T[i].lang, "X", T[i].text};
        rc_doc **docs = make_docs(&A, 1);
        rc_analysis a;
        rc_analysis_extract(&a, docs, 1);
        assert_true(docs[0]->nsentences >= 1);
        rc_span sp = {docs[0]->sentences[0].start, docs[0]->sentences[docs[0]->nsentences - 1].end};
        int got = rc_polarity_of(docs[0], sp);
        if (got != T[i].want)
            fail_msg("%s: polarity %d, want %d", T[i].text, got, T[i].want);
        /* the same from the span's first token given (align's call) */
        int at = rc_polarity_of_at(docs[0], sp, rc_textmodel_token_from(docs[0], sp.start));
        if (at != T[i].want)
            fail_msg("%s: polarity_of_at %d, want %d", T[i].text, at, T[i].want);
        rc_analysis_cleanup(&a);
        free_docs(docs, 1);
    }
    assert_true(rc_polarity_clash(1, -1));
    assert_false(rc_polarity_clash(0, -1));
    assert_false(rc_polarity_clash(1, 1));
}

/* Two articles about one rail link: one says it resumes, the other, in
 * nearly the same words, that it will not: never one claim; a third saying it resumes joins the
 * first (the control: same words, same polarity). */
static void test_contradiction_not_joined(void **state)
{
    (void)state;
    static const art A[] = {
        {"r1", "en", "Morning Post",
         "The rail link between Orvik and Pell, cut by floods in 2016, will resume on 3 May, the "
         "transport office said. Tickets go on sale soon."},
        {"r2", "en", "Evening Star",
         "The rail link between Orvik and Pell, cut by floods in 2016, will not resume on 3 May, the "
         "transport office said. Buses replace the trains."},
        {"r3", "en", "Daily Courier",
         "The rail link between Orvik and Pell, cut by floods in 2016, will resume on 3 May. "
         "Fares are unchanged."},
    };
    rc_analysis a;
    rc_doc **docs;
    run(&a, &docs, A, 3);
    const rc_claim *cl = find_claim(&a, "r1", "will resume");
    assert_non_null(cl);
    assert_non_null(support_of(&a, cl, "r3"));
    assert_null(support_of(&a, cl, "r2"));
    rc_analysis_cleanup(&a);
    free_docs(docs, 3);
}

/* A joint announcement is one origin, whichever words name it: "the two
 * ministers told a joint news conference", "ont annoncé conjointement". */
static void test_joint_announcement(void **state)
{
    (void)state;
    static const art A[] = {
        {"j1", "en", "Morning Post",
         "Orvik and Pell will open 12 new border posts in June, the two foreign ministers told a "
         "joint news conference. Trade is expected to grow."},
        {"j2", "en", "Evening Star",
         "Orvik and Pell will open 12 new border posts in June, the governments said in a joint "
         "statement. Customs staff are being hired."},
    };
    rc_analysis a;
    rc_doc **docs;
    run(&a, &docs, A, 2);
    const rc_claim *cl = find_claim(&a, "j1", "12 new border posts");
    assert_non_null(cl);
    assert_int_equal(cl->ndocs, 2);
    assert_int_equal(cl->norigins, 1);
    assert_string_equal(cl->support[0].origin, "joint announcement");
    rc_analysis_cleanup(&a);
    free_docs(docs, 2);
}

/* The narrowed reading of a sentence's origin (rc_origin_words_of, with
 * the quote and citation ranges of rc_origin_fact_ranges) gives what the
 * full reading gives, for every sentence; the ranges leave out the other
 * sentences' citations; sentences out of order get the whole lists. */
static void test_origin_fact_ranges(void **state)
{
    (void)state;
    static const art A[] = {
        {"r1", "fr", "Le Quotidien",
         "Selon TASS, le barrage de Velna a été fermé mardi. Le ministre Paul Darmond a déclaré que "
         "3 200 habitants seraient évacués, a rapporté Reuters. « Nous agirons vite », a dit Anne "
         "Morel. La météo reste incertaine, selon des sources locales."},
        {"r2", "en", "The Ledger",
         "According to officials, the dam was closed on Tuesday. Minister Paul Darmond denied that "
         "3,200 people would leave, Reuters reported. The weather is uncertain."},
    };
    rc_analysis a;
    rc_doc **docs;
    run(&a, &docs, A, 2);
    int narrowed = 0;
    for (size_t i = 0; i < 2; i++) {
        rc_doc *d = docs[i];
        const rc_facts *f = a.facts[i];
        assert_true(d->nsentences >= 3);
        size_t *r = malloc(d->nsentences * 4 * sizeof *r);
        rc_origin_fact_ranges(d, f, r);
        for (size_t s = 0; s < d->nsentences; s++) {
            rc_span sp = d->sentences[s];
            rc_attribution full, fast;
            rc_origin_of(d, f, a.entities, sp, 0, 0, &full);
            rc_origin_words w;
            rc_origin_words_of(d, sp, rc_textmodel_token_from(d, sp.start), &w, NULL);
            w.q0 = r[4 * s];
            w.q1 = r[4 * s + 1];
            w.c0 = r[4 * s + 2];
            w.c1 = r[4 * s + 3];
            rc_origin_of_words(d, f, a.entities, sp, &w, 0, 0, &fast);
            assert_string_equal(full.origin, fast.origin);
            assert_int_equal(full.kind, fast.kind);
            assert_int_equal(full.stance, fast.stance);
            assert_int_equal(full.distanced, fast.distanced);
            assert_int_equal(full.entity, fast.entity);
            assert_int_equal(full.nvia, fast.nvia);
            size_t nc = w.c1 > w.c0 ? w.c1 - w.c0 : 0;
            narrowed |= f->ncitations >= 2 && nc < f->ncitations;
        }
        /* out of order: the whole lists */
        if (d->nsentences >= 2) {
            rc_span keep = d->sentences[0];
            d->sentences[0] = d->sentences[1];
            d->sentences[1] = keep;
            rc_origin_fact_ranges(d, f, r);
            d->sentences[1] = d->sentences[0];
            d->sentences[0] = keep;
            for (size_t s = 0; s < d->nsentences; s++) {
                assert_int_equal(r[4 * s], 0);
                assert_true(r[4 * s + 1] == SIZE_MAX);
                assert_int_equal(r[4 * s + 2], 0);
                assert_true(r[4 * s + 3] == SIZE_MAX);
            }
        }
        free(r);
    }
    assert_true(narrowed);
    rc_analysis_cleanup(&a);
    free_docs(docs, 2);
}

/* The same cited names in sentence after sentence (origin.c keeps the
 * agency and generic-source answers of a name per thread): each sentence
 * gets the kind of its own source, however often the name was seen
 * before, read twice over (the second time every answer is kept). */
static void test_source_memo(void **state)
{
    (void)state;
    static const art A[] = {
        {"m1", "fr", "Le Quotidien",
         "Selon des responsables, le pont de Velna a été fermé mardi. "
         "Selon TASS, le barrage de Korta a été ouvert mercredi. "
         "Selon Paul Darmond, les écoles de Velna restent fermées. "
         "Selon des responsables, les routes du nord sont coupées. "
         "Selon TASS, les trains du sud sont arrêtés jeudi."},
    };
    static const rc_origin_kind WANT[] = {RC_ORIGIN_UNNAMED, RC_ORIGIN_AGENCY, RC_ORIGIN_SOURCE,
                                          RC_ORIGIN_UNNAMED, RC_ORIGIN_AGENCY};
    rc_analysis a;
    rc_doc **docs;
    run(&a, &docs, A, 1);
    const rc_doc *d = a.docs[0];
    assert_int_equal(d->nsentences, 5);
    for (int pass = 0; pass < 2; pass++)
        for (size_t s = 0; s < d->nsentences; s++) {
            rc_attribution at;
            rc_origin_of(d, a.facts[0], a.entities, d->sentences[s], 0, 0, &at);
            assert_int_equal(at.kind, WANT[s]);
        }
    rc_analysis_cleanup(&a);
    free_docs(docs, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_origin_through_agency),
        cmocka_unit_test(test_independent_witnesses),
        cmocka_unit_test(test_asserted_vs_disputed),
        cmocka_unit_test(test_conflicting_numbers),
        cmocka_unit_test(test_single_source),
        cmocka_unit_test(test_cues),
        cmocka_unit_test(test_bounded),
        cmocka_unit_test(test_cross_language),
        cmocka_unit_test(test_clause_alignment),
        cmocka_unit_test(test_accused_and_generic_sources),
        cmocka_unit_test(test_value_conflict_across_languages),
        cmocka_unit_test(test_denial_joins_contested),
        cmocka_unit_test(test_institution_two_languages),
        cmocka_unit_test(test_polarity),
        cmocka_unit_test(test_contradiction_not_joined),
        cmocka_unit_test(test_joint_announcement),
        cmocka_unit_test(test_origin_fact_ranges),
        cmocka_unit_test(test_source_memo),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
