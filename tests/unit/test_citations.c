/*
 * test_citations.c - sources the text attributes information to, with and
 * without quotes (rc_extract_quotes): relay phrases, reporting verbs before
 * and after, the speaker rather than the agency spoken to, one citation per
 * source per sentence. Sentences written for this test.
 */
#include "test.h"
#include "doc/doc.h"
#include "extract/facts.h"
#include "text/textmodel.h"
#include <string.h>

static const struct {
    const char *lang, *text;
    const char *source;   /* a source that must be cited */
    const char *absent;   /* a source that must not be, or NULL */
} CASES[] = {
    {"fr", "Le barrage a cédé dans la nuit, selon Reuters.", "Reuters", NULL},
    {"fr", "D'après l'agence officielle Xinhua, la crue recule.", "Xinhua", NULL},
    {"fr", "Selon les services météorologiques régionaux, la pluie cessera.", "services météorologiques régionaux", NULL},
    {"fr", "Paul Girard, hydrologue à l'université de Nantes, a indiqué à l'AFP que le niveau baisse.", "Paul Girard", "AFP"},
    {"fr", "La digue est réparée, a rapporté Interfax.", "Interfax", NULL},
    {"fr", "« Les pompes tournent », a déclaré la mairie de Quimper sur Facebook.", "mairie de Quimper", NULL},
    {"fr", "Le bilan s'alourdit, selon un communiqué cité par l'agence Belga.", "Belga", NULL},
    {"fr", "Le bilan s'alourdit, selon le service de presse du gouverneur.", "service de presse du gouverneur", NULL},
    {"en", "The dam held overnight, according to Reuters.", "Reuters", NULL},
    {"en", "An official told reporters that the bridge was safe.", "official", NULL},
    {"en", "The toll rose, the ministry said, citing hospital records.", "ministry", NULL},
    {"en", "The plant was shut, Kyodo reported.", "Kyodo", NULL},
    /* unnamed sources: the description is the source, not the next name */
    {"fr", "Selon une source diplomatique portugaise, Lisbonne aurait retiré son offre.", "source diplomatique portugaise", "Lisbonne"},
    {"fr", "Selon des diplomates occidentaux, les pourparlers reprendront lundi.", "diplomates occidentaux", NULL},
    {"en", "A senior official said the convoy had been delayed.", "senior official", NULL},
    {"en", "Western diplomats said the talks had stalled.", "Western diplomats", "Western"},
    /* institutional sources with a lower-case head */
    {"en", "The harbour was reopened, the fisheries ministry said.", "fisheries ministry", NULL},
    {"en", "Norland's energy ministry denied the report.", "Norland's energy ministry", "Norland's"},
    {"fr", "Le trafic reprend, a indiqué de son côté le ministère des Transports.", "ministère des Transports", NULL},
    /* state media, dispatches and reports relaying a source */
    {"en", "Asked about reports in Ostrian state media that the border had closed, Ms Kovacs shrugged.", "Ostrian state media", "Asked"},
    {"fr", "Interrogé sur une dépêche de l'agence officielle ostrienne Pravik affirmant que le col était fermé, le maire a souri.", "Pravik", NULL},
    {"en", "The figures come from a report by the Harbour Authority.", "Harbour Authority", NULL},
    {"fr", "Le bilan a été publié dans un communiqué de presse, a dit Iris Demont.", "Iris Demont", "presse"},
    /* a verb's object clause is not an inverted subject; apposition between commas */
    {"en", "A diplomat, speaking on condition of anonymity, said Ostria had withdrawn.", "diplomat", "Ostria"},
    /* passive: the subject is not a source */
    {"en", "Officials were told that the dam would fail, Ms Kovacs said.", "Ms Kovacs", "Officials"},
    /* inverted subject after a complementiser */
    {"fr", "Il n'y a pas d'accord, contrairement à ce qu'avait affirmé l'agence Pravik.", "Pravik", NULL},
};

/* 1 when f cites a source equal to want. */
static int cites(const rc_facts *f, const char *want)
{
    for (size_t i = 0; i < f->ncitations; i++)
        if (strcmp(f->citations[i].source, want) == 0)
            return 1;
    return 0;
}

/* Each table case. */
static void test_cases(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof CASES / sizeof *CASES; i++) {
        rc_doc *d = rc_doc_new();
        rc_doc_set(d, &d->text, CASES[i].text);
        d->text_len = strlen(CASES[i].text);
        rc_doc_set(d, &d->lang, CASES[i].lang);
        rc_textmodel_build(d);
        rc_facts *f = rc_facts_new(d);
        rc_extract_quotes(d, f);
        for (size_t k = 0; k < f->ncitations; k++) {
            const rc_citation *c = &f->citations[k];
            assert_true(c->start <= c->src_start && c->src_end <= c->end && c->end <= d->text_len);
            assert_int_equal(c->source_mention, -1);
        }
        if (!cites(f, CASES[i].source))
            fail_msg("case %zu: '%s' not cited (%zu citations)", i, CASES[i].source, f->ncitations);
        if (CASES[i].absent && cites(f, CASES[i].absent))
            fail_msg("case %zu: '%s' cited", i, CASES[i].absent);
        rc_doc_free(d);
    }
}

/* One citation per source per sentence; again in the next sentence. */
static void test_dedupe(void **state)
{
    (void)state;
    const char *text = "Selon Reuters, le pont tient, a rapporté Reuters. Le trafic reprend, selon Reuters.";
    rc_doc *d = rc_doc_new();
    rc_doc_set(d, &d->text, text);
    d->text_len = strlen(text);
    rc_doc_set(d, &d->lang, "fr");
    rc_textmodel_build(d);
    rc_facts *f = rc_facts_new(d);
    rc_extract_quotes(d, f);
    assert_int_equal(f->ncitations, 2);
    rc_doc_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_dedupe),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
