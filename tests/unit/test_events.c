/*
 * test_events.c - event clustering on short invented articles: the same
 * actors on different dates split; a French and an English report of one
 * event join; undated articles are flagged and join only a near copy;
 * copies join; the result is deterministic; features survive a round trip
 * through their serialisation and damaged bytes are refused.
 */
#include "test.h"
#include "cluster/events.h"
#include "cluster/evfeat.h"
#include "doc/doc.h"
#include "pipeline/analysis.h"
#include "util/buf.h"
#include "util/rc.h"
#include <string.h>

typedef struct art {
    const char *id, *lang, *pub, *text;
} art;

/* Documents for arts[0..n) (text model built by the analysis). */
static rc_doc **make_docs(const art *arts, size_t n)
{
    rc_doc **v = calloc(n, sizeof *v);
    for (size_t i = 0; i < n; i++) {
        rc_doc *d = rc_doc_new();
        rc_doc_set(d, &d->id, arts[i].id);
        rc_doc_set(d, &d->text, arts[i].text);
        d->text_len = strlen(arts[i].text);
        rc_doc_set(d, &d->lang, arts[i].lang);
        rc_doc_set(d, &d->published, arts[i].pub);
        v[i] = d;
    }
    return v;
}

/* Run extract + events over arts and write each document's event index
 * into ev[]; returns the events (caller frees with the analysis). */
static void cluster(const art *arts, size_t n, size_t *ev, rc_analysis *a, rc_doc ***docs)
{
    *docs = make_docs(arts, n);
    rc_analysis_extract(a, *docs, n);
    a->events = rc_events_build(a);
    for (size_t i = 0; i < n; i++)
        ev[i] = rc_events_of_doc(a->events, i);
}

/* Release what cluster made. */
static void release(rc_analysis *a, rc_doc **docs, size_t n)
{
    rc_events_free(a->events);
    a->events = NULL;
    rc_analysis_cleanup(a);
    for (size_t i = 0; i < n; i++)
        rc_doc_free(docs[i]);
    free(docs);
}

static const art VISITS[] = {
    {"v1", "fr", "2026-03-03",
     "Le ministre des Affaires étrangères de Sardonie, Aurel Vasko, est arrivé mardi à Tarn pour "
     "des entretiens avec la Première ministre Ilka Brandt. Les deux responsables ont évoqué la "
     "reconstruction du port de Tarn et l'envoi de 400 ingénieurs."},
    {"v2", "fr", "2026-06-10",
     "Le ministre des Affaires étrangères de Sardonie, Aurel Vasko, est arrivé mercredi à Tarn pour "
     "des entretiens avec la Première ministre Ilka Brandt. Les deux responsables ont évoqué la "
     "reconstruction du port de Tarn et un prêt de 80 millions de dollars."},
    {"v3", "fr", "2026-06-24",
     "Aurel Vasko, ministre des Affaires étrangères de Sardonie, est de retour mercredi à Tarn pour "
     "des entretiens avec la Première ministre Ilka Brandt. Les deux responsables ont évoqué la "
     "reconstruction du port de Tarn et la réouverture d'une ligne de ferry."},
    {"v2en", "en", "2026-06-10",
     "Sardonia's foreign minister Aurel Vasko arrived in Tarn on Wednesday for talks with Prime "
     "Minister Ilka Brandt. The two discussed rebuilding the port of Tarn and a loan of "
     "80 million dollars, officials said."},
};

/* Same actors, three dates: three events; the English report of the second
 * visit joins the French one. */
static void test_same_actors_split_and_crosslingual(void **state)
{
    (void)state;
    size_t ev[4];
    rc_analysis a;
    rc_doc **docs;
    cluster(VISITS, 4, ev, &a, &docs);
    assert_int_not_equal(ev[0], ev[1]);
    assert_int_not_equal(ev[1], ev[2]);
    assert_int_not_equal(ev[0], ev[2]);
    assert_int_equal(ev[1], ev[3]);
    assert_int_equal(rc_events_count(a.events), 3);
    const rc_event *e = rc_events_get(a.events, ev[1]);
    assert_string_equal(e->date, "2026-06-10");
    assert_int_equal(e->nlangs, 2);
    /* one story holds the three visits */
    assert_int_equal(rc_stories_count(a.events), 1);
    assert_int_equal(rc_stories_get(a.events, 0)->nevents, 3);
    release(&a, docs, 4);
}

static const art UNDATED[] = {
    {"u1", "en", "2026-06-10",
     "Sardonia's foreign minister Aurel Vasko arrived in Tarn on Wednesday for talks with Prime "
     "Minister Ilka Brandt about the port of Tarn and a loan of 80 million dollars."},
    /* a near copy without a publication date: joins */
    {"u2", "en", NULL,
     "Sardonia's foreign minister Aurel Vasko arrived in Tarn on Wednesday for talks with Prime "
     "Minister Ilka Brandt about the port of Tarn and a loan of 80 million dollars, officials said."},
    /* undated, same actors, but the text names a Friday: cannot be the Wednesday event */
    {"u3", "en", NULL,
     "Sardonia's foreign minister Aurel Vasko met Prime Minister Ilka Brandt in Tarn on Friday to "
     "discuss the port of Tarn and the ferry line."},
    /* undated, unrelated: its own event, flagged */
    {"u4", "en", NULL, "The orchestra of Lindau played a new symphony by Mara Quell to a full hall."},
};

/* Undated articles: a near copy joins, a contradicting weekday and an
 * unrelated text stay apart and are flagged undated. */
static void test_undated(void **state)
{
    (void)state;
    size_t ev[4];
    rc_analysis a;
    rc_doc **docs;
    cluster(UNDATED, 4, ev, &a, &docs);
    assert_int_equal(ev[0], ev[1]);
    assert_int_not_equal(ev[0], ev[2]);
    assert_int_not_equal(ev[0], ev[3]);
    assert_int_not_equal(ev[2], ev[3]);
    assert_false(rc_events_get(a.events, ev[0])->undated);
    assert_true(rc_events_get(a.events, ev[2])->undated);
    assert_true(rc_events_get(a.events, ev[3])->undated);
    assert_string_equal(rc_events_get(a.events, ev[3])->date, "");
    release(&a, docs, 4);
}

/* Identical copies (eight of one wire text) join one event; the same
 * input twice gives the same events and labels (deterministic). */
static void test_copies_deterministic(void **state)
{
    (void)state;
    art v[9];
    for (size_t i = 0; i < 8; i++)
        v[i] = (art){"c", "fr", "2026-03-02",
                     "Le port de Kessel a rouvert lundi après la tempête, ont annoncé les autorités ; "
                     "300 dockers ont repris le travail."};
    v[8] = VISITS[0];
    size_t e1[9], e2[9];
    rc_analysis a, b;
    rc_doc **d1, **d2;
    cluster(v, 9, e1, &a, &d1);
    cluster(v, 9, e2, &b, &d2);
    for (size_t i = 1; i < 8; i++)
        assert_int_equal(e1[i], e1[0]);
    assert_int_not_equal(e1[8], e1[0]);
    assert_memory_equal(e1, e2, sizeof e1);
    assert_int_equal(rc_events_count(a.events), rc_events_count(b.events));
    for (size_t i = 0; i < rc_events_count(a.events); i++)
        assert_string_equal(rc_events_get(a.events, i)->label, rc_events_get(b.events, i)->label);
    assert_string_equal(rc_events_get(a.events, e1[0])->date, "2026-03-02");
    release(&a, d1, 9);
    release(&b, d2, 9);
}

/* The engine's force argument puts a document into a given event. */
static void test_force(void **state)
{
    (void)state;
    rc_doc **docs = make_docs(VISITS, 3);
    rc_analysis a;
    rc_analysis_extract(&a, docs, 3);
    rc_evclust *c = rc_evclust_new(NULL);
    rc_evfeat *f0 = rc_evfeat_build(docs[0], a.facts[0], RC_EVFEAT_MERGED);
    rc_evfeat *f1 = rc_evfeat_build(docs[1], a.facts[1], RC_EVFEAT_MERGED);
    assert_int_equal(rc_evclust_add(c, f0, -1), 0);
    assert_int_equal(rc_evclust_add(c, f1, -1), 1);  /* other date: new event */
    assert_int_equal(rc_evclust_add(c, f1, 0), 0);   /* forced */
    assert_int_equal(rc_evclust_event_get(c, 0)->ndocs, 2);
    rc_evfeat_free(f0);
    rc_evfeat_free(f1);
    rc_evclust_free(c);
    rc_analysis_cleanup(&a);
    for (size_t i = 0; i < 3; i++)
        rc_doc_free(docs[i]);
    free(docs);
}

typedef struct retired {
    size_t n, last;
    int exported;              /* the hook could still export the event */
    rc_evclust *c;
} retired;

/* Retire hook of test_retire: count, and export the event. */
static void on_retired(size_t ei, void *ud)
{
    retired *r = ud;
    rc_buf b;
    rc_buf_init(&b, 1 << 20);
    r->exported += rc_evclust_export(r->c, ei, &b) == RC_OK;
    rc_buf_cleanup(&b);
    r->n++;
    r->last = ei;
}

/* Retirement (events.h): an event retires when no document joined it in
 * the last retire_docs (2000) documents AND its latest day is more than
 * window_days (7) before the latest day seen; the hook sees it first; its
 * summary (size, date) stays, its centroid goes (no export, no more
 * documents, even forced). Documents with one distinct term each start
 * one event each. */
static void test_retire(void **state)
{
    (void)state;
    rc_evclust *c = rc_evclust_new(NULL);
    retired r = {0, 0, 0, c};
    rc_evclust_on_retire(c, on_retired, &r);
    rc_evweight t = {1, 1.0f};
    rc_evfeat f;
    memset(&f, 0, sizeof f);
    memcpy(f.lang, "en", 3);
    f.pub_gran = RC_DATE_DAY;
    f.date.wday = -1;
    f.terms = &t;
    f.nterms = 1;
    f.pub_day = 20000;                    /* old day, old in documents: retires */
    assert_int_equal(rc_evclust_add(c, &f, -1), 0);
    f.pub_day = 20030;                    /* latest day: stays */
    for (size_t i = 1; i < 2040; i++) {
        t.h = 1 + i;
        assert_int_equal(rc_evclust_add(c, &f, -1), i);
    }
    f.pub_day = 20000;                    /* old day, recent in documents: stays */
    for (size_t i = 2040; i < 2048; i++) {
        t.h = 1 + i;
        assert_int_equal(rc_evclust_add(c, &f, -1), i);
    }
    /* the sweep ran at the 2048th document */
    assert_int_equal(r.n, 1);
    assert_int_equal(r.last, 0);
    assert_int_equal(r.exported, 1);
    assert_int_equal(rc_evclust_event_get(c, 0)->active, 0);
    assert_int_equal(rc_evclust_event_get(c, 0)->ndocs, 1);
    assert_int_equal(rc_evclust_event_get(c, 1)->active, 1);
    assert_int_equal(rc_evclust_event_get(c, 2047)->active, 1);
    rc_buf b;
    rc_buf_init(&b, 1 << 20);
    assert_int_equal(rc_evclust_export(c, 0, &b), RC_ERR);
    assert_int_equal(rc_evclust_export(c, 1, &b), RC_OK);
    rc_buf_cleanup(&b);
    /* forced into the retired event: a new event instead */
    t.h = 1;
    assert_int_equal(rc_evclust_add(c, &f, 0), 2048);
    assert_int_equal(rc_evclust_event_get(c, 0)->ndocs, 1);
    rc_evclust_free(c);
}

/* Features round-trip through their bytes; every truncation and a flipped
 * version, count or order is refused. */
static void test_serialise(void **state)
{
    (void)state;
    rc_doc **docs = make_docs(VISITS, 1);
    rc_analysis a;
    rc_analysis_extract(&a, docs, 1);
    rc_evfeat *f = rc_evfeat_build(docs[0], a.facts[0], RC_EVFEAT_MERGED);
    assert_true(f->nterms > 10 && f->nents >= 3 && f->nnums >= 1);
    assert_int_equal(f->date.gran, RC_DATE_DAY);
    rc_buf b;
    rc_buf_init(&b, 0);
    assert_int_equal(rc_evfeat_encode(f, &b), 0);
    rc_evfeat *g = NULL;
    assert_int_equal(rc_evfeat_decode(b.data, b.len, &g), 0);
    assert_non_null(g);
    assert_int_equal(g->nterms, f->nterms);
    for (uint32_t i = 0; i < f->nterms; i++) {
        assert_true(g->terms[i].h == f->terms[i].h);
        assert_true(g->terms[i].w == f->terms[i].w);
    }
    assert_int_equal(g->nents, f->nents);
    for (uint32_t i = 0; i < f->nents; i++)
        assert_true(g->ents[i].h == f->ents[i].h);
    assert_memory_equal(g->nums, f->nums, f->nnums * sizeof *f->nums);
    assert_int_equal(g->date.day, f->date.day);
    assert_int_equal(g->date.wday, f->date.wday);
    assert_string_equal(g->lang, "fr");
    rc_evfeat_free(g);
    for (size_t n = 0; n < b.len; n++) {
        rc_evfeat *h = (rc_evfeat *)1;
        assert_int_equal(rc_evfeat_decode(b.data, n, &h), RC_PARSE);
        assert_null(h);
    }
    char *bad = malloc(b.len);
    memcpy(bad, b.data, b.len);
    bad[4] = 9;  /* unknown version */
    assert_int_equal(rc_evfeat_decode(bad, b.len, &g), RC_PARSE);
    memcpy(bad, b.data, b.len);
    size_t at = 4 + 1 + 8 + 4 + 1 + 4 + 1 + 1 + 4 + 1 + 1 + 1 + 1 + 4;  /* nterms */
    bad[at + 3] = 0x7f;  /* a huge count */
    assert_int_equal(rc_evfeat_decode(bad, b.len, &g), RC_PARSE);
    memcpy(bad, b.data, b.len);
    memcpy(bad + at + 4, b.data + at + 4 + 12, 8);  /* first term hash = second: not ascending */
    assert_int_equal(rc_evfeat_decode(bad, b.len, &g), RC_PARSE);
    free(bad);
    rc_buf_cleanup(&b);
    rc_evfeat_free(f);
    rc_analysis_cleanup(&a);
    rc_doc_free(docs[0]);
    free(docs);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_actors_split_and_crosslingual),
        cmocka_unit_test(test_undated),
        cmocka_unit_test(test_copies_deterministic),
        cmocka_unit_test(test_force),
        cmocka_unit_test(test_retire),
        cmocka_unit_test(test_serialise),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
