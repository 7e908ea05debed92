/*
 * test_stored_features.c - the features record the store keeps per placed
 * document, read back with the document (rc_store_get_features), and the
 * event labels of a report reading its terms (rc_analysis.stored_features)
 * only when the document's facts came from the store too.
 */
#include "test.h"
#include "tmpstore.h"
#include "cluster/events.h"
#include "cluster/evfeat.h"
#include "pipeline/analysis.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/rc.h"
#include <string.h>

static char dir[64];
static char path[128];

/* Make a fresh temporary directory and a store path inside it. */
static int setup(void **state)
{
    (void)state;
    return rc_test_store_make(dir, sizeof dir, path, sizeof path, "sfeat");
}

/* Remove the store files and the directory. */
static int teardown(void **state)
{
    (void)state;
    rc_test_store_remove(dir, path);
    return 0;
}

/* Store a document id with text and content hash hash. */
static void add_doc(rc_store *s, const char *id, const char *text, uint64_t hash)
{
    rc_doc *d = rc_doc_new();
    rc_doc_set(d, &d->id, id);
    rc_doc_set(d, &d->text, text);
    d->text_len = strlen(text);
    d->content_hash = hash;
    int st = -1;
    assert_int_equal(rc_store_put(s, d, &st), RC_OK);
    rc_doc_free(d);
}

/* rc_store_get_features: the document as rc_store_get reads it, and its
 * cluster row's features byte for byte (NUL bytes kept); empty for a
 * document without a row or with a row without features; RC_NOTFOUND and
 * empty for an unknown id (the buffer is reset each time). */
static void test_get_features(void **state)
{
    (void)state;
    rc_store *s;
    assert_int_equal(rc_store_open(path, &s), RC_OK);
    add_doc(s, "a", "text a", 1);
    add_doc(s, "b", "text b", 2);
    add_doc(s, "c", "text c", 3);
    unsigned char blob[300];
    for (size_t i = 0; i < sizeof blob; i++)
        blob[i] = (unsigned char)(i * 7); /* NUL bytes at 0 and 256 */
    rc_cluster_row r = {.doc_id = "b", .features = blob, .nfeatures = sizeof blob, .event_id = 4};
    assert_int_equal(rc_store_put_cluster(s, &r), RC_OK);
    rc_cluster_row rc_row = {.doc_id = "c", .event_id = 5}; /* a row, no features */
    assert_int_equal(rc_store_put_cluster(s, &rc_row), RC_OK);

    rc_buf fb;
    rc_buf_init(&fb, 0);
    rc_doc *d = NULL;
    assert_int_equal(rc_store_get_features(s, "b", &d, &fb), RC_OK);
    assert_string_equal(d->id, "b");
    assert_string_equal(d->text, "text b");
    assert_int_equal(fb.len, sizeof blob);
    assert_memory_equal(fb.data, blob, sizeof blob);
    rc_doc_free(d);
    static const char *const EMPTY[] = {"a", "c"};
    for (size_t i = 0; i < 2; i++) {
        assert_int_equal(rc_store_get_features(s, EMPTY[i], &d, &fb), RC_OK);
        assert_string_equal(d->id, EMPTY[i]);
        assert_int_equal(fb.len, 0);
        rc_doc_free(d);
    }
    assert_int_equal(rc_store_get_features(s, "b", &d, &fb), RC_OK);
    rc_doc_free(d);
    assert_int_equal(rc_store_get_features(s, "zz", &d, &fb), RC_NOTFOUND);
    assert_null(d);
    assert_int_equal(fb.len, 0);
    rc_buf_cleanup(&fb);
    rc_store_close(s);
}

/* A features record of terms h[0..n) (ascending), weight 1 each. */
static void encode_terms(const uint64_t *h, uint32_t n, rc_buf *out)
{
    rc_evweight t[4];
    for (uint32_t i = 0; i < n; i++)
        t[i] = (rc_evweight){h[i], 1.0f};
    rc_evfeat f;
    memset(&f, 0, sizeof f);
    f.terms = t;
    f.nterms = n;
    rc_buf_init(out, 0);
    assert_int_equal(rc_evfeat_encode(&f, out), RC_OK);
}

/* The label of one event of the three documents under the stored terms
 * of the case (NULL: none given), facts marked stored or not. */
static const char *label_of(rc_analysis *a, const unsigned char *const *feat, const size_t *nfeat,
                            int stored, char *buf, size_t cap)
{
    for (size_t i = 0; i < a->ndocs; i++)
        a->facts_stored[i] = (unsigned char)stored;
    a->stored_features = feat;
    a->nstored_features = nfeat;
    static const size_t DOCS[] = {0, 1, 2};
    rc_event_given g = {"E1", "2025-06-17", 0, NULL, DOCS, 3, 0};
    const char *sid = "S1";
    struct rc_events *e = rc_events_given(a, &g, 1, &sid, 1);
    snprintf(buf, cap, "%s", rc_events_get(e, 0)->label);
    rc_events_free(e);
    return buf;
}

/* An event's label is the title of the member most central to the
 * members by their terms. Stored terms that make the first article the
 * odd one out give the second title; swapped, the first title: the labels
 * read the stored terms. With the facts not from the store they are not
 * read: the label is the one the texts give, whatever the records say. */
static void test_labels_read_stored_terms(void **state)
{
    (void)state;
    static const char *const TITLE[] = {"Alpha title", "Beta title", "Gamma title"};
    static const char *const TEXT[] = {
        "The harbour reopened on Tuesday after the storm.",
        "Fishermen returned to the harbour after the storm.",
        "Ferries sailed again from the harbour after the storm.",
    };
    rc_doc *docs[3];
    for (size_t i = 0; i < 3; i++) {
        docs[i] = rc_doc_new();
        rc_doc_set(docs[i], &docs[i]->id, TITLE[i]);
        rc_doc_set(docs[i], &docs[i]->title, TITLE[i]);
        rc_doc_set(docs[i], &docs[i]->text, TEXT[i]);
        docs[i]->text_len = strlen(TEXT[i]);
        rc_doc_set(docs[i], &docs[i]->lang, "en");
    }
    rc_analysis a;
    assert_int_equal(rc_analysis_extract(&a, docs, 3), RC_OK);
    char want[64], got[64];
    label_of(&a, NULL, NULL, 0, want, sizeof want);

    /* odd = the article whose stored terms share nothing with the others */
    static const uint64_t LONE[] = {11}, PAIR[] = {21, 22};
    static const struct { size_t odd; const char *label; } CASES[] = {
        {0, "Beta title"},   /* 1 and 2 alike: the earlier, 1 */
        {1, "Alpha title"},  /* 0 and 2 alike: 0 */
        {2, "Alpha title"},  /* 0 and 1 alike: 0 */
    };
    for (size_t c = 0; c < sizeof CASES / sizeof *CASES; c++) {
        rc_buf b[3];
        const unsigned char *feat[3];
        size_t nfeat[3];
        for (size_t i = 0; i < 3; i++) {
            if (i == CASES[c].odd)
                encode_terms(LONE, 1, &b[i]);
            else
                encode_terms(PAIR, 2, &b[i]);
            feat[i] = (const unsigned char *)b[i].data;
            nfeat[i] = b[i].len;
        }
        assert_string_equal(label_of(&a, feat, nfeat, 1, got, sizeof got), CASES[c].label);
        /* facts not from the store: the records are not read */
        assert_string_equal(label_of(&a, feat, nfeat, 0, got, sizeof got), want);
        for (size_t i = 0; i < 3; i++)
            rc_buf_cleanup(&b[i]);
    }
    /* a damaged record is not read either */
    const unsigned char junk[] = "RCEF-damaged";
    const unsigned char *feat[3] = {junk, junk, junk};
    size_t nfeat[3] = {sizeof junk, sizeof junk, sizeof junk};
    assert_string_equal(label_of(&a, feat, nfeat, 1, got, sizeof got), want);
    rc_analysis_cleanup(&a);
    for (size_t i = 0; i < 3; i++)
        rc_doc_free(docs[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_get_features, setup, teardown),
        cmocka_unit_test(test_labels_read_stored_terms),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
