/*
 * test_place.c - incremental placement (cluster/place.h) and the engine's
 * state across runs (cluster/events.h): an event's state survives export
 * and import byte for byte and damaged states are refused; articles placed
 * in two runs over one store give the events of one run (same actors on
 * two dates split, a French and an English report of one visit join); a
 * copy joins its source's event across runs with copy_of recorded; a
 * replaced article is placed again and listed once; documents stored
 * without a place are placed once by rc_place_missing; a batch's event rows
 * and term counts are written once, by rc_placer_flush; the listing reads
 * the undated rows first and lists them last.
 */
#include "test.h"
#include "tmpstore.h"
#include "cluster/events.h"
#include "cluster/evfeat.h"
#include "cluster/place.h"
#include "extract/facts.h"
#include "store/store.h"
#include "text/textmodel.h"
#include "util/buf.h"
#include "util/hash.h"
#include "util/rc.h"
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

static char dir[64];
static char path[128];

/* A fresh temporary directory and store path. */
static int setup(void **state)
{
    (void)state;
    return rc_test_store_make(dir, sizeof dir, path, sizeof path, "place");
}

/* Remove the store files and the directory. */
static int teardown(void **state)
{
    (void)state;
    rc_test_store_remove(dir, path);
    return 0;
}

typedef struct art {
    const char *id, *lang, *pub, *outlet, *text;
} art;

static const art A[] = {
    {"v1", "fr", "2026-03-03", "Le Guetteur",
     "Le ministre des Affaires étrangères de Sardonie, Aurel Vasko, est arrivé mardi à Tarn pour "
     "des entretiens avec la Première ministre Ilka Brandt. Il a proposé l'envoi de 400 "
     "ingénieurs pour reconstruire le port."},
    {"v2", "fr", "2026-06-10", "Le Guetteur",
     "Aurel Vasko, chef de la diplomatie de Sardonie, a rencontré mercredi Ilka Brandt à Tarn. "
     "Selon un communiqué, un prêt de 80 millions de dollars a été signé pour la centrale "
     "électrique du nord."},
    {"v2en", "en", "2026-06-10", "North Wire",
     "Sardonia's foreign minister Aurel Vasko met Prime Minister Ilka Brandt in Tarn on Wednesday "
     "and signed a loan of 80 million dollars for the northern power plant, a statement said."},
    {"v3", "fr", "2026-06-24", "Le Guetteur",
     "De retour à Tarn mercredi, Aurel Vasko a inauguré avec Ilka Brandt la nouvelle ligne de "
     "ferry vers Sardonie, fermée depuis deux ans après une tempête."},
};

/* A document for a (text model built), text replaced by text when set. */
static rc_doc *make(const art *a, const char *id, const char *text)
{
    rc_doc *d = rc_doc_new();
    rc_doc_set(d, &d->id, id ? id : a->id);
    rc_doc_set(d, &d->text, text ? text : a->text);
    d->text_len = strlen(d->text);
    rc_doc_set(d, &d->lang, a->lang);
    rc_doc_set(d, &d->published, a->pub);
    rc_doc_set(d, &d->outlet, a->outlet);
    d->content_hash = rc_hash64(d->text, d->text_len, 0);
    rc_textmodel_build(d);
    return d;
}

/* Store and place d with a placer, as `ingest` does; returns the status. */
static int put_place(rc_store *s, rc_placer *p, rc_doc *d)
{
    int st = 0;
    assert_int_equal(rc_placer_before_put(p, d->id), RC_OK);
    assert_int_equal(rc_store_put(s, d, &st), RC_OK);
    if (st == RC_PUT_ADDED || st == RC_PUT_REPLACED)
        assert_int_equal(rc_placer_place(p, d), RC_OK);
    return st;
}

/* Place arts[from..to) in one run (one placer, one batch). */
static void run(rc_store *s, const art *arts, size_t from, size_t to)
{
    rc_placer *p = NULL;
    assert_int_equal(rc_placer_new(s, &p), RC_OK);
    assert_int_equal(rc_store_begin(s), RC_OK);
    for (size_t i = from; i < to; i++) {
        rc_doc *d = make(&arts[i], NULL, NULL);
        assert_int_equal(put_place(s, p, d), RC_PUT_ADDED);
        rc_doc_free(d);
    }
    assert_int_equal(rc_placer_flush(p), RC_OK);
    assert_int_equal(rc_store_commit(s), RC_OK);
    rc_placer_free(p);
}

/* Index of the listed event holding document id, or -1; *times counts how
 * many events list it. */
static long event_of(const rc_evlist *l, const char *id, int *times)
{
    long at = -1;
    *times = 0;
    for (size_t i = 0; i < l->nevents; i++)
        for (size_t k = 0; k < l->events[i].ndocs; k++)
            if (strcmp(l->events[i].docs[k], id) == 0) {
                at = (long)i;
                (*times)++;
            }
    return at;
}

/* Same actors on three dates split, the French and English reports of the
 * second visit join, and placing the articles in two runs over one store
 * gives the events of one run. */
static void test_two_runs_as_one(void **state)
{
    (void)state;
    long part[2][4];
    for (int runs = 1; runs <= 2; runs++) {
        teardown(NULL);
        setup(NULL);
        rc_store *s = NULL;
        assert_int_equal(rc_store_open(path, &s), RC_OK);
        if (runs == 1) {
            run(s, A, 0, 4);
        } else {
            run(s, A, 0, 2);
            rc_store_close(s);
            assert_int_equal(rc_store_open(path, &s), RC_OK);
            run(s, A, 2, 4);
        }
        rc_evlist *l = NULL;
        assert_int_equal(rc_evlist_load(s, &l), RC_OK);
        int t;
        for (size_t i = 0; i < 4; i++) {
            part[runs - 1][i] = event_of(l, A[i].id, &t);
            assert_int_equal(t, 1);
        }
        long e1 = part[runs - 1][0], e2 = part[runs - 1][1], e3 = part[runs - 1][3];
        assert_true(e1 != e2 && e2 != e3 && e1 != e3);
        assert_int_equal(part[runs - 1][2], e2); /* French and English reports join */
        const rc_evlist_event *x = &l->events[e2];
        assert_string_equal(x->date, "2026-06-10");
        assert_string_equal(x->outlets[0], "Le Guetteur");
        assert_string_equal(l->events[e1].date, "2026-03-03");
        /* the same minister's visits make one story */
        assert_int_equal(l->stories[l->events[e1].story].nevents, l->nevents);
        rc_evlist_free(l);
        rc_store_close(s);
    }
    assert_memory_equal(part[0], part[1], sizeof part[0]);
}

/* A copy of an article placed in an earlier run joins its event, whatever
 * its own date says, and its row names the source. */
static void test_copy_joins_across_runs(void **state)
{
    (void)state;
    rc_store *s = NULL;
    assert_int_equal(rc_store_open(path, &s), RC_OK);
    run(s, A, 0, 2);
    rc_placer *p = NULL;
    assert_int_equal(rc_placer_new(s, &p), RC_OK);
    /* v2's text republished a day later by another outlet */
    art c = A[1];
    c.pub = "2026-06-11";
    c.outlet = "Le Relais";
    char text[1024];
    snprintf(text, sizeof text, "%s Le Relais.", A[1].text);
    rc_doc *d = make(&c, "copy", text);
    assert_int_equal(put_place(s, p, d), RC_PUT_ADDED);
    rc_doc_free(d);
    rc_placer_free(p);
    rc_cluster_row r, src;
    assert_int_equal(rc_store_get_cluster(s, "copy", &r), RC_OK);
    assert_non_null(r.copy_of);
    assert_string_equal(r.copy_of, "v2");
    int64_t ev = r.event_id;
    assert_int_equal(rc_store_get_cluster(s, "v2", &src), RC_OK);
    assert_int_equal(src.event_id, ev);
    rc_store_close(s);
}

/* A replaced article (same id, another event's text) is placed again and
 * listed once, in its new event. */
static void test_replaced_is_placed_again(void **state)
{
    (void)state;
    rc_store *s = NULL;
    assert_int_equal(rc_store_open(path, &s), RC_OK);
    run(s, A, 0, 4);
    int64_t before = rc_store_df_docs(s);
    rc_placer *p = NULL;
    assert_int_equal(rc_placer_new(s, &p), RC_OK);
    /* "v3" now carries the first visit's report */
    art r = A[0];
    rc_doc *d = make(&r, "v3", NULL);
    d->content_hash ^= 1; /* not the stored v1's content */
    assert_int_equal(put_place(s, p, d), RC_PUT_REPLACED);
    rc_doc_free(d);
    rc_placer_free(p);
    /* the old version's terms left the document frequencies */
    assert_int_equal(rc_store_df_docs(s), before);
    rc_evlist *l = NULL;
    assert_int_equal(rc_evlist_load(s, &l), RC_OK);
    int t1, t3;
    long e1 = event_of(l, "v1", &t1), e3 = event_of(l, "v3", &t3);
    assert_int_equal(t3, 1);
    assert_int_equal(e1, e3);
    /* its old event had only it: no longer listed */
    assert_int_equal(l->nevents, 2);
    rc_evlist_free(l);
    rc_store_close(s);
}

/* rc_store_each_event callback: count the rows and their documents. */
static int count_events(const rc_event_row *r, void *ud)
{
    size_t *n = ud;
    n[0]++;
    n[1] += r->ndocs;
    return 0;
}

/* A batch's event rows and term counts are written by rc_placer_flush,
 * once, in the caller's batch: before it the store has the documents and
 * their cluster rows but no event row and no count; after it one row for
 * the event both reports joined (2 documents) and both documents counted. */
static void test_flush_writes_batch(void **state)
{
    (void)state;
    rc_store *s;
    assert_int_equal(rc_store_open(path, &s), RC_OK);
    rc_placer *p = NULL;
    assert_int_equal(rc_placer_new(s, &p), RC_OK);
    assert_int_equal(rc_store_begin(s), RC_OK);
    for (size_t i = 1; i <= 2; i++) { /* v2 and v2en: one event */
        rc_doc *d = make(&A[i], NULL, NULL);
        assert_int_equal(put_place(s, p, d), RC_PUT_ADDED);
        rc_doc_free(d);
    }
    size_t n[2] = {0, 0};
    assert_int_equal(rc_store_each_event(s, INT32_MIN, INT32_MAX, 1, count_events, n), RC_OK);
    assert_int_equal(n[0], 0);
    assert_int_equal(rc_store_df_docs(s), 0);
    rc_cluster_row r;
    assert_int_equal(rc_store_get_cluster(s, "v2en", &r), RC_OK);
    int64_t ev = r.event_id;
    assert_int_equal(rc_store_get_cluster(s, "v2", &r), RC_OK);
    assert_int_equal(r.event_id, ev);
    assert_int_equal(rc_placer_flush(p), RC_OK);
    assert_int_equal(rc_store_commit(s), RC_OK);
    n[0] = n[1] = 0;
    assert_int_equal(rc_store_each_event(s, INT32_MIN, INT32_MAX, 1, count_events, n), RC_OK);
    assert_int_equal(n[0], 1);
    assert_int_equal(n[1], 2);
    assert_int_equal(rc_store_df_docs(s), 2);
    assert_int_equal(rc_placer_flush(p), RC_OK); /* nothing left: no change */
    assert_int_equal(rc_store_df_docs(s), 2);
    rc_placer_free(p);
    rc_store_close(s);
}

/* Documents stored without placement are placed by rc_place_missing, once. */
static void test_place_missing(void **state)
{
    (void)state;
    rc_store *s = NULL;
    assert_int_equal(rc_store_open(path, &s), RC_OK);
    for (size_t i = 0; i < 4; i++) {
        rc_doc *d = make(&A[i], NULL, NULL);
        int st;
        assert_int_equal(rc_store_put(s, d, &st), RC_OK);
        rc_doc_free(d);
    }
    rc_evlist *l = NULL;
    assert_int_equal(rc_evlist_load(s, &l), RC_OK);
    assert_int_equal(l->nevents, 0);
    rc_evlist_free(l);
    size_t n = 99;
    assert_int_equal(rc_place_missing(s, &n), RC_OK);
    assert_int_equal(n, 4);
    assert_int_equal(rc_place_missing(s, &n), RC_OK);
    assert_int_equal(n, 0);
    assert_int_equal(rc_evlist_load(s, &l), RC_OK);
    assert_int_equal(l->nevents, 3);
    rc_evlist_free(l);
    rc_store_close(s);
}

/* Features of a[i] in a fresh engine-ready form. */
static rc_evfeat *feat(const art *a)
{
    rc_doc *d = make(a, NULL, NULL);
    rc_facts *f = rc_facts_new(d);
    rc_extract_all(d, f);
    rc_evfeat *ft = rc_evfeat_build(d, f, 0);
    rc_doc_free(d);
    return ft;
}

/* An event's state survives export and import byte for byte; truncated,
 * re-versioned or disordered states are refused. */
static void test_state_round_trip(void **state)
{
    (void)state;
    rc_evclust *c = rc_evclust_new(NULL);
    rc_evfeat *f2 = feat(&A[1]), *f2en = feat(&A[2]);
    size_t e = rc_evclust_add(c, f2, -1);
    assert_int_equal(rc_evclust_add(c, f2en, -1), e);
    rc_buf a, b;
    rc_buf_init(&a, 0);
    rc_buf_init(&b, 0);
    assert_int_equal(rc_evclust_export(c, e, &a), RC_OK);
    assert_int_equal(rc_evclust_export(c, 5, &b), RC_ERR);
    rc_evclust *c2 = rc_evclust_new(NULL);
    size_t ix = 99;
    assert_int_equal(rc_evclust_import(c2, a.data, a.len, &ix), RC_OK);
    assert_int_equal(ix, 0);
    assert_int_equal(rc_evclust_event_get(c2, 0)->ndocs, 2);
    assert_int_equal(rc_evclust_export(c2, 0, &b), RC_OK);
    assert_int_equal(a.len, b.len);
    assert_memory_equal(a.data, b.data, a.len);
    /* damaged */
    for (size_t cut = 0; cut < a.len; cut += 7)
        assert_int_equal(rc_evclust_import(c2, a.data, cut, &ix), RC_PARSE);
    char *m = malloc(a.len);
    memcpy(m, a.data, a.len);
    m[4] = 9; /* version */
    assert_int_equal(rc_evclust_import(c2, m, a.len, &ix), RC_PARSE);
    memcpy(m, a.data, a.len);
    /* the first term hash (after the 50-byte head) made larger than the next */
    memset(m + 50, 0xff, 8);
    assert_int_equal(rc_evclust_import(c2, m, a.len, &ix), RC_PARSE);
    free(m);
    assert_int_equal(rc_evclust_count(c2), 1);
    /* document frequencies set from outside are used */
    assert_false(rc_evclust_df_has(c2, 12345));
    rc_evclust_df_set(c2, 12345, 7);
    assert_true(rc_evclust_df_has(c2, 12345));
    rc_evclust_set_docs(c2, 100);
    assert_int_equal(rc_evclust_docs(c2), 100);
    rc_buf_cleanup(&a);
    rc_buf_cleanup(&b);
    rc_evfeat_free(f2);
    rc_evfeat_free(f2en);
    rc_evclust_free(c);
    rc_evclust_free(c2);
}

/* rc_evlist_load_with's during: count the calls. */
static void count_during(void *ud)
{
    (*(int *)ud)++;
}

/* The stories are linked on a thread fed by the pass over the cluster
 * rows; a stored event count that is not its rows' (too high: a profile
 * never completes; too low: a row after the profile; zero with rows)
 * stops that thread and the stories come from a second pass: the same
 * listing whatever the counts, `during` called once each time. */
static void test_stale_counts_same_listing(void **state)
{
    (void)state;
    static const char *const stale[] = {
        NULL,
        "UPDATE events SET ndocs = ndocs + 1",
        "UPDATE events SET ndocs = 1",
        "UPDATE events SET ndocs = 0 WHERE event_id = (SELECT MIN(event_id) FROM events)",
    };
    rc_store *s = NULL;
    assert_int_equal(rc_store_open(path, &s), RC_OK);
    run(s, A, 0, 4);
    rc_store_close(s);
    long ev0[4];
    size_t st0[4], nst0 = 0;
    for (size_t t = 0; t < sizeof stale / sizeof *stale; t++) {
        if (stale[t]) {
            sqlite3 *db = NULL;
            assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
            assert_int_equal(sqlite3_exec(db, stale[t], NULL, NULL, NULL), SQLITE_OK);
            assert_true(sqlite3_changes(db) > 0);
            sqlite3_close(db);
        }
        assert_int_equal(rc_store_open(path, &s), RC_OK);
        rc_evlist *l = NULL;
        int calls = 0;
        assert_int_equal(rc_evlist_load_with(s, &l, count_during, &calls), RC_OK);
        assert_int_equal(calls, 1);
        assert_int_equal(l->nevents, 3);
        for (size_t i = 0; i < 4; i++) {
            int times;
            long e = event_of(l, A[i].id, &times);
            assert_int_equal(times, 1);
            if (!t) {
                ev0[i] = e;
                st0[i] = l->events[e].story;
                nst0 = l->nstories;
            } else {
                assert_int_equal(e, ev0[i]);
                assert_int_equal(l->events[e].story, st0[i]);
            }
        }
        assert_int_equal(l->nstories, nst0);
        rc_evlist_free(l);
        rc_store_close(s);
    }
}

/* Undated cluster rows are read first by the listing pass, so an event
 * dated from its text whose articles are undated does not hold the story
 * link back until the end of the pass (link_backlog: profiles made that
 * the link cannot take yet); the listing is that of one walk with the
 * undated rows last: a mixed event lists its dated documents first. The
 * first visit's article and one of the second visit's two become undated
 * rows (their events keep their dates): with the undated rows read last,
 * the third visit's profile would be made before the first's (backlog 1);
 * read first, each profile is made in the link's order (backlog 0). The
 * events and stories are those of the listing before the change. */
static void test_undated_rows_first(void **state)
{
    (void)state;
    rc_store *s = NULL;
    assert_int_equal(rc_store_open(path, &s), RC_OK);
    run(s, A, 0, 4);
    rc_evlist *l = NULL;
    assert_int_equal(rc_evlist_load(s, &l), RC_OK);
    assert_int_equal(l->nevents, 3);
    assert_int_equal(l->link_backlog, 0);
    long ev0[4];
    size_t st0[4];
    for (size_t i = 0; i < 4; i++) {
        int times;
        ev0[i] = event_of(l, A[i].id, &times);
        assert_int_equal(times, 1);
        st0[i] = l->events[ev0[i]].story;
    }
    size_t nst0 = l->nstories;
    /* v2 was stored before v2en: listed first while both are dated */
    assert_string_equal(l->events[ev0[1]].docs[0], "v2");
    assert_string_equal(l->events[ev0[1]].docs[1], "v2en");
    rc_evlist_free(l);
    rc_store_close(s);

    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db,
                                  "UPDATE doc_cluster SET day = NULL WHERE doc IN (SELECT n FROM "
                                  "documents WHERE id IN ('v1', 'v2'))",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_changes(db), 2);
    sqlite3_close(db);

    assert_int_equal(rc_store_open(path, &s), RC_OK);
    assert_int_equal(rc_evlist_load(s, &l), RC_OK);
    assert_int_equal(l->nevents, 3);
    assert_int_equal(l->link_backlog, 0);
    assert_int_equal(l->nstories, nst0);
    for (size_t i = 0; i < 4; i++) {
        int times;
        assert_int_equal(event_of(l, A[i].id, &times), ev0[i]);
        assert_int_equal(times, 1);
        assert_int_equal(l->events[ev0[i]].story, st0[i]);
    }
    /* the mixed event: its dated document first, the undated one last */
    assert_int_equal(l->events[ev0[1]].ndocs, 2);
    assert_string_equal(l->events[ev0[1]].docs[0], "v2en");
    assert_string_equal(l->events[ev0[1]].docs[1], "v2");
    rc_evlist_free(l);
    rc_store_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_state_round_trip),
        cmocka_unit_test_setup_teardown(test_two_runs_as_one, setup, teardown),
        cmocka_unit_test_setup_teardown(test_copy_joins_across_runs, setup, teardown),
        cmocka_unit_test_setup_teardown(test_replaced_is_placed_again, setup, teardown),
        cmocka_unit_test_setup_teardown(test_place_missing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_flush_writes_batch, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stale_counts_same_listing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_undated_rows_first, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
