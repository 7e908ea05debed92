/*
 * test_quotes.c - quote marks and speakers (rc_extract_quotes): every mark
 * style, multi-sentence quotes, fragments, speaker before and after,
 * inverted verbs, follow-on pronouns, role + name, descriptions, relays,
 * unbalanced marks, hostile input. Sentences written for this test.
 */
#include "test.h"
#include "doc/doc.h"
#include "extract/facts.h"
#include "extract/quotes.h"
#include "text/textmodel.h"
#include "util/mem.h"
#include <string.h>

/* A document of text in lang with its text model. */
static rc_doc *mkdoc(const char *text, const char *lang)
{
    rc_doc *d = rc_doc_new();
    rc_doc_set(d, &d->text, text);
    d->text_len = strlen(text);
    rc_doc_set(d, &d->lang, lang);
    rc_textmodel_build(d);
    return d;
}

/* Spans of every quote and speaker lie inside the text. */
static void check_spans(const rc_doc *d, const rc_facts *f)
{
    for (size_t i = 0; i < f->nquotes; i++) {
        const rc_quote *q = &f->quotes[i];
        assert_true(q->start < q->end && q->end <= d->text_len);
        assert_true(q->sp_start <= q->sp_end && q->sp_end <= d->text_len);
        assert_int_equal(q->speaker_mention, -1);
    }
    for (size_t i = 0; i < f->ncitations; i++) {
        const rc_citation *c = &f->citations[i];
        assert_true(c->start <= c->end && c->end <= d->text_len);
        assert_true(c->src_start >= c->start && c->src_end <= c->end);
    }
}

static const struct {
    const char *lang, *text;
    const char *quote;    /* expected quote text (one of the quotes) */
    const char *speaker;  /* expected speaker, NULL: none */
    int fragment;         /* -1: not checked */
    const char *via;      /* expected relay, NULL: not checked */
} CASES[] = {
    /* mark styles */
    {"fr", "« Nous tiendrons parole », a déclaré Anne Perrin.", "Nous tiendrons parole", "Anne Perrin", 0, NULL},
    {"fr", "«Nous tiendrons parole», a affirmé Anne Perrin.", "Nous tiendrons parole", "Anne Perrin", 0, NULL},
    {"fr", "«\xC2\xA0Le pont rouvrira\xE2\x80\xAF», a précisé le maire.", "Le pont rouvrira", "maire", 0, NULL},
    {"en", "\xE2\x80\x9CWe will rebuild the harbour,\xE2\x80\x9D said Tom Keller.", "We will rebuild the harbour,", "Tom Keller", 0, NULL},
    {"en", "\"The road is closed,\" the mayor said.", "The road is closed,", "mayor", 0, NULL},
    {"en", "\xE2\x80\x98We are ready\xE2\x80\x99, Joan Hale told reporters.", "We are ready", "Joan Hale", 0, NULL},
    {"fr", "\xE2\x80\x9E" "Das geht\xE2\x80\x9C, a dit Karl Brenner.", "Das geht", "Karl Brenner", 0, NULL},
    {"fr", "\xE2\x80\xB9 Rien ne bouge \xE2\x80\xBA, a lancé Paul Morel.", "Rien ne bouge", "Paul Morel", 0, NULL},
    /* speaker before, colon, que */
    {"fr", "Le maire de Valbonne a souligné que « la digue tiendra ».", "la digue tiendra", "maire de Valbonne", 0, NULL},
    {"fr", "Claire Dumas a salué les bénévoles : « Sans eux rien n'aurait été possible ».", "Sans eux rien n'aurait été possible", "Claire Dumas", 0, NULL},
    /* multi-sentence quote */
    {"fr", "« La route est coupée. Les secours arrivent. Restez chez vous », a indiqué la préfecture du Gard.",
     "La route est coupée. Les secours arrivent. Restez chez vous", "préfecture du Gard", 0, NULL},
    /* fragment in a sentence */
    {"fr", "La ministre Hélène Vasseur a défendu une « réforme nécessaire » devant les députés.", "réforme nécessaire", "Hélène Vasseur", 1, NULL},
    /* role + name in apposition, after the quote */
    {"fr", "« Le calendrier sera tenu », a déclaré le directeur du port autonome, Marc Delorme, lors d'une visite.",
     "Le calendrier sera tenu", "Marc Delorme", 0, NULL},
    /* role + name without comma, before */
    {"fr", "Le président du syndicat agricole Louis Fabre a estimé que « la récolte est sauvée ».", "la récolte est sauvée", "Louis Fabre", 0, NULL},
    /* description speaker */
    {"fr", "« Aucune victime n'est à déplorer », a déclaré l'ambassade de Norvège à Lisbonne sur son site.",
     "Aucune victime n'est à déplorer", "ambassade de Norvège à Lisbonne", 0, NULL},
    /* inverted pronoun resolved to the previous speaker */
    {"fr", "Jeanne Roux a pris la parole. « Nous avons besoin de temps », a-t-elle ajouté.", "Nous avons besoin de temps", "Jeanne Roux", 0, NULL},
    /* follow-on pronoun subject */
    {"fr", "« Le dossier avance », a assuré Victor Lenoir. Il a ajouté que « rien n'est signé ».", "rien n'est signé", "Victor Lenoir", 0, NULL},
    {"en", "\"Prices will fall,\" said Laura Mint. She added that \"wages must follow\".", "wages must follow", "Laura Mint", 0, NULL},
    /* pour X, « ... » */
    {"fr", "Pour Julien Arnaud, chercheur en hydrologie, « la sécheresse va durer » et rien ne change.", "la sécheresse va durer", "Julien Arnaud", -1, NULL},
    /* relays */
    {"fr", "« Les stocks sont pleins », a déclaré le ministre Pierre Lamy, selon l'agence Reuters.", "Les stocks sont pleins", "Pierre Lamy", 0, "Reuters"},
    {"fr", "« Le port est fermé », a rapporté l'agence officielle Interfax.", "Le port est fermé", "Interfax", 0, "Interfax"},
    {"en", "\"Talks will resume,\" the minister said, according to state media Xinhua.", "Talks will resume,", "minister", 0, "Xinhua"},
    {"en", "\"We saw nothing,\" a witness told Reuters.", "We saw nothing,", "witness", 0, "Reuters"},
    /* nested quotes stay inside */
    {"fr", "« Il m'a dit “attendez” puis il est parti », a raconté Lucie Ferrand.", "Il m'a dit “attendez” puis il est parti", "Lucie Ferrand", 0, NULL},
    /* apostrophes are not quotes */
    {"fr", "L’accord a été salué. « C’est l’essentiel », a estimé Nadia Caron.", "C’est l’essentiel", "Nadia Caron", 0, NULL},
    /* English speaker after the quote: name alone, title + name with a role */
    {"en", "\"The bridge will hold,\" Larkin said.", "The bridge will hold,", "Larkin", 0, NULL},
    {"en", "\"The bridge will hold,\" said Mr Larkin, the transport minister.", "The bridge will hold,", "Mr Larkin", 0, NULL},
    /* pronoun after a sentence opening on a person with a non-reporting verb */
    {"en", "Mr Larkin toured the site. \"The bridge will hold,\" he said.", "The bridge will hold,", "Mr Larkin", 0, NULL},
    /* pronoun after a sentence whose main clause follows a complement clause */
    {"en", "Asked about claims that the road was unsafe, Ms Kovacs was firm. \"It is safe,\" she said.", "It is safe,", "Ms Kovacs", 0, NULL},
    /* relative pronoun: the speaker is its antecedent */
    {"en", "Ms Ode met President Ivo Rask, who said the plan would \"change everything\".", "change everything", "President Ivo Rask", 1, NULL},
    {"fr", "Le maire a reçu le préfet Jean Valois, qui a promis « des moyens ».", "des moyens", "Jean Valois", -1, NULL},
    /* quote attributed to an agency through a relay phrase before it */
    {"fr", "Selon l'agence officielle Pravik, la visite « marque un tournant ».", "marque un tournant", "Pravik", 1, NULL},
    {"en", "According to the state agency Pravik, the visit \"opens a new era\".", "opens a new era", "Pravik", 1, NULL},
    /* no table: marks only */
    {"de", "Er sagte „Wir kommen morgen“ und ging.", "Wir kommen morgen", NULL, -1, NULL},
};

/* Find the quote with text want in f, or NULL. */
static const rc_quote *find_quote(const rc_doc *d, const rc_facts *f, const char *want)
{
    for (size_t i = 0; i < f->nquotes; i++) {
        const rc_quote *q = &f->quotes[i];
        if (strlen(want) == q->end - q->start && memcmp(d->text + q->start, want, strlen(want)) == 0)
            return q;
    }
    return NULL;
}

/* Each table case: the quote, its speaker, fragment flag and relay. */
static void test_cases(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof CASES / sizeof *CASES; i++) {
        rc_doc *d = mkdoc(CASES[i].text, CASES[i].lang);
        rc_facts *f = rc_facts_new(d);
        assert_int_equal(rc_extract_quotes(d, f), 0);
        check_spans(d, f);
        const rc_quote *q = find_quote(d, f, CASES[i].quote);
        if (!q)
            fail_msg("case %zu: quote '%s' not found", i, CASES[i].quote);
        if (CASES[i].speaker) {
            if (!q->speaker || strcmp(q->speaker, CASES[i].speaker) != 0)
                fail_msg("case %zu: speaker '%s', want '%s'", i, q->speaker ? q->speaker : "(null)",
                         CASES[i].speaker);
            assert_true(q->sp_end > q->sp_start);
        } else {
            assert_null(q->speaker);
        }
        if (CASES[i].fragment >= 0 && q->fragment != CASES[i].fragment)
            fail_msg("case %zu: fragment %d", i, q->fragment);
        if (CASES[i].via) {
            int ok = 0;
            for (size_t k = 0; k < q->nvia; k++)
                ok |= strcmp(q->via[k], CASES[i].via) == 0;
            if (!ok)
                fail_msg("case %zu: via '%s' missing (%zu via)", i, CASES[i].via, q->nvia);
        }
        rc_doc_free(d);
    }
}

/* Unbalanced marks: an unclosed mark does not swallow the next paragraph,
 * and a closed pair after it is still found. */
static void test_unbalanced(void **state)
{
    (void)state;
    const char *text = "Il a dit « rien du tout. Puis il est parti.\n"
                       "« Tout va bien », a déclaré Rémi Vidal. Fin » ici.";
    rc_doc *d = mkdoc(text, "fr");
    rc_facts *f = rc_facts_new(d);
    rc_extract_quotes(d, f);
    check_spans(d, f);
    assert_int_equal(f->nquotes, 1);
    assert_non_null(find_quote(d, f, "Tout va bien"));
    rc_doc_free(d);

    rc_qspan *qs = NULL;
    const char *s2 = "a \"b\" c \" d « e";
    size_t n = rc_quote_scan(s2, strlen(s2), &qs);
    assert_int_equal(n, 1);
    assert_int_equal(qs[0].end - qs[0].start, 1);
    free(qs);
}

/* Hostile input: 100,000 marks and 10 MB without punctuation stay linear
 * (the test finishes) and every span is in range. */
static void test_hostile(void **state)
{
    (void)state;
    size_t n = 200000;
    char *s = rc_malloc(n * 2 + 1);
    size_t o = 0;
    for (size_t i = 0; i < 100000; i++) {
        const char *m = (i % 3 == 0) ? "\xC2\xAB" : (i % 3 == 1) ? "\"" : "a ";
        size_t l = strlen(m);
        memcpy(s + o, m, l);
        o += l;
    }
    s[o] = '\0';
    rc_doc *d = mkdoc(s, "fr");
    rc_facts *f = rc_facts_new(d);
    rc_extract_quotes(d, f);
    check_spans(d, f);
    rc_doc_free(d);
    free(s);

    size_t big = 10u << 20;
    s = rc_malloc(big + 1);
    for (size_t i = 0; i < big; i++)
        s[i] = (i % 7 == 6) ? ' ' : (i % 50 == 3) ? 'A' : 'a';
    s[10] = '"';
    s[big] = '\0';
    d = mkdoc(s, "fr");
    f = rc_facts_new(d);
    rc_extract_quotes(d, f);
    check_spans(d, f);
    assert_int_equal(f->nquotes, 0);
    rc_doc_free(d);
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_unbalanced),
        cmocka_unit_test(test_hostile),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
