/*
 * test_analysis.c - the analysis stages in order (pipeline/analysis.h):
 * an article without a publication day has its dates re-read against its
 * event (the earliest publication day of the event's other articles), and
 * a sentence-final full stop is not part of a date; a document's stored
 * facts record gives what extracting it gives (rc_analysis_stored_facts),
 * and nothing when damaged or turned off.
 */
#include "test.h"
#include "pipeline/analysis.h"
#include "extract/facts.h"
#include "extract/factscodec.h"
#include "text/textmodel.h"
#include "util/buf.h"
#include "doc/doc.h"
#include "util/rc.h"
#include <stdlib.h>
#include <string.h>

/* A document with id, language, publication date (NULL: none) and text. */
static rc_doc *make_doc(const char *id, const char *lang, const char *pub, const char *text)
{
    rc_doc *d = rc_doc_new();
    rc_doc_set(d, &d->id, id);
    rc_doc_set(d, &d->text, text);
    d->text_len = strlen(text);
    rc_doc_set(d, &d->lang, lang);
    rc_doc_set(d, &d->published, pub);
    return d;
}

/* The value of the date of facts f whose surface is surface in d, or NULL. */
static const char *date_value(const rc_doc *d, const rc_facts *f, const char *surface)
{
    size_t n = strlen(surface);
    for (size_t k = 0; k < f->ndates; k++)
        if (f->dates[k].end - f->dates[k].start == n &&
            memcmp(d->text + f->dates[k].start, surface, n) == 0)
            return f->dates[k].value;
    return NULL;
}

#define WIRE "Le ministre Arvo Telmask a inauguré mardi 19 mai le nouveau pont de Kessa, " \
             "long de 1 200 mètres. Les travaux avaient commencé le 4 mars. Le pont reliera " \
             "Kessa à Ordun dès le 1er juin, a précisé Arvo Telmask devant la presse."

/* An undated copy of a dated report: its year-less dates take the dated
 * report's year; the dated report keeps its own. */
static void test_undated_copy_takes_event_year(void **state)
{
    (void)state;
    rc_doc *docs[2];
    docs[0] = make_doc("dated", "fr", "2031-05-20", WIRE);
    docs[1] = make_doc("undated", "fr", NULL, WIRE " La Gazette de Kessa.");
    rc_analysis a;
    rc_analysis_run(&a, docs, 2);
    assert_int_equal(a.events ? 1 : 0, 1);
    assert_string_equal(date_value(docs[0], a.facts[0], "mardi 19 mai"), "2031-05-19");
    const char *v = date_value(docs[1], a.facts[1], "mardi 19 mai");
    assert_non_null(v);
    assert_string_equal(v, "2031-05-19");
    assert_string_equal(date_value(docs[1], a.facts[1], "4 mars"), "2031-03-04");
    assert_null(docs[1]->published); /* the metadata stays what the article says */
    rc_analysis_cleanup(&a);
    rc_doc_free(docs[0]);
    rc_doc_free(docs[1]);
}

/* Alone, the undated article's year stays open. */
static void test_undated_alone_stays_open(void **state)
{
    (void)state;
    rc_doc *d = make_doc("undated", "fr", NULL, WIRE);
    rc_analysis a;
    rc_analysis_run(&a, &d, 1);
    const char *v = date_value(d, a.facts[0], "4 mars");
    assert_non_null(v);
    assert_int_equal(strncmp(v, "XXXX", 4), 0);
    rc_analysis_cleanup(&a);
    rc_doc_free(d);
}

/* "on 19 May." at a sentence end: the stop is the sentence's. */
static void test_sentence_stop_not_in_date(void **state)
{
    (void)state;
    rc_doc *d = make_doc("en", "en", "2031-06-02",
                         "The ferry line resumed service on 19 May. Traffic was light.");
    rc_analysis a;
    rc_analysis_run(&a, &d, 1);
    assert_string_equal(date_value(d, a.facts[0], "19 May"), "2031-05-19");
    assert_null(date_value(d, a.facts[0], "19 May."));
    rc_analysis_cleanup(&a);
    rc_doc_free(d);
}

/* The document of make_doc with its sentences (as the store loads it),
 * no tokens, and rec[n] as its stored facts record. */
static rc_doc *loaded_doc(const char *text, const rc_buf *rec, size_t n)
{
    rc_doc *d = make_doc("d", "fr", "2031-05-20", text);
    rc_textmodel_sentences(d);
    d->stored_facts = (const unsigned char *)rec->data;
    d->nstored_facts = n;
    return d;
}

/* A record of an extracted document gives its amounts, dates and tokens
 * (read from the record, or made when it holds none); a cut record, none
 * at all, or RECOUPE_NO_STORED_FACTS give NULL and leave the tokens. */
static void test_stored_facts(void **state)
{
    (void)state;
    rc_doc *x = make_doc("d", "fr", "2031-05-20", WIRE);
    rc_textmodel_build(x);
    rc_facts *fx = rc_facts_new(x);
    rc_extract_all(x, fx);
    assert_true(fx->nquantities > 0 && fx->ndates > 1 && x->ntokens > 20);
    rc_buf rec, bare;
    rc_buf_init(&rec, 0);
    rc_buf_init(&bare, 0);
    assert_int_equal(rc_facts_encode(x, fx, NULL, &rec), RC_OK);
    rc_token *tk = x->tokens;
    x->tokens = NULL; /* a record without the tokens section */
    assert_int_equal(rc_facts_encode(x, fx, NULL, &bare), RC_OK);
    x->tokens = tk;
    rc_facts_scratch *rd = rc_facts_scratch_new();
    for (int v = 0; v < 2; v++) {
        const rc_buf *b = v ? &bare : &rec;
        rc_doc *d = loaded_doc(WIRE, b, b->len);
        rc_facts *f = rc_analysis_stored_facts(d, v ? rd : NULL);
        assert_non_null(f);
        assert_int_equal(f->nquantities, fx->nquantities);
        assert_int_equal(f->ndates, fx->ndates);
        for (size_t k = 0; k < f->ndates; k++) {
            assert_int_equal(f->dates[k].start, fx->dates[k].start);
            assert_string_equal(f->dates[k].value, fx->dates[k].value);
        }
        assert_int_equal(f->quantities[0].num_start, fx->quantities[0].num_start);
        assert_int_equal(d->ntokens, x->ntokens);
        for (size_t i = 0; i < d->ntokens; i++) {
            assert_int_equal(d->tokens[i].start, x->tokens[i].start);
            assert_int_equal(d->tokens[i].flags, x->tokens[i].flags);
            assert_string_equal(d->tokens[i].stem, x->tokens[i].stem);
        }
        rc_doc_free(d);
    }
    /* cut, absent, turned off: NULL, no tokens made */
    rc_doc *d = loaded_doc(WIRE, &rec, rec.len - 1);
    assert_null(rc_analysis_stored_facts(d, rd));
    assert_null(d->tokens);
    d->stored_facts = NULL;
    assert_null(rc_analysis_stored_facts(d, rd));
    assert_null(d->tokens);
    d->stored_facts = (const unsigned char *)rec.data;
    d->nstored_facts = rec.len;
    setenv("RECOUPE_NO_STORED_FACTS", "1", 1);
    assert_null(rc_analysis_stored_facts(d, rd));
    assert_null(d->tokens);
    unsetenv("RECOUPE_NO_STORED_FACTS");
    assert_non_null(rc_analysis_stored_facts(d, rd));
    assert_int_equal(d->ntokens, x->ntokens);
    rc_doc_free(d);
    rc_facts_scratch_free(rd);
    rc_buf_cleanup(&rec);
    rc_buf_cleanup(&bare);
    rc_doc_free(x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_undated_copy_takes_event_year),
        cmocka_unit_test(test_undated_alone_stays_open),
        cmocka_unit_test(test_sentence_stop_not_in_date),
        cmocka_unit_test(test_stored_facts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
