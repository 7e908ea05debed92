/*
 * test_store_facts.c - the stored facts column (schema 3,
 * doc_cluster.facts): written by rc_store_put_cluster with the row, read
 * back by rc_store_get and rc_store_each into rc_doc.stored_facts (bytes
 * equal, NUL bytes kept), absent for a row without facts and for a
 * document without a row, gone when the document is replaced.
 */
#include "test.h"
#include "tmpstore.h"
#include "store/store.h"
#include "util/rc.h"
#include <string.h>

static char dir[64];
static char path[128];

/* Make a fresh temporary directory and a store path inside it. */
static int setup(void **state)
{
    (void)state;
    return rc_test_store_make(dir, sizeof dir, path, sizeof path, "facts");
}

/* Remove the store files and the directory. */
static int teardown(void **state)
{
    (void)state;
    rc_test_store_remove(dir, path);
    return 0;
}

/* Store document id with text (content hash hash); its put status. */
static int add_doc(rc_store *s, const char *id, const char *text, uint64_t hash)
{
    rc_doc *d = rc_doc_new();
    rc_doc_set(d, &d->id, id);
    rc_doc_set(d, &d->text, text);
    d->text_len = strlen(text);
    d->content_hash = hash;
    int st = -1;
    assert_int_equal(rc_store_put(s, d, &st), RC_OK);
    rc_doc_free(d);
    return st;
}

/* Place id in event 1 with the facts blob p[n] (NULL: none). */
static void place(rc_store *s, const char *id, const void *p, size_t n)
{
    unsigned char feat[2] = {7, 0};
    rc_cluster_row r = {.doc_id = id, .has_day = 1, .day = 100, .features = feat,
                        .nfeatures = 2, .event_id = 1, .facts = p, .nfacts = n};
    assert_int_equal(rc_store_put_cluster(s, &r), RC_OK);
}

/* The stored facts of document id as loaded by rc_store_get: *n bytes
 * copied into out (cap 64); 0 when none. */
static size_t loaded(rc_store *s, const char *id, unsigned char *out)
{
    rc_doc *d = NULL;
    assert_int_equal(rc_store_get(s, id, &d), RC_OK);
    size_t n = d->stored_facts ? d->nstored_facts : 0;
    assert_true(n <= 64);
    if (n)
        memcpy(out, d->stored_facts, n);
    rc_doc_free(d);
    return n;
}

/* rc_store_each callback: count the documents loaded with facts. */
static int count_with(rc_doc *d, void *ud)
{
    if (d->stored_facts && d->nstored_facts)
        (*(int *)ud)++;
    return 0;
}

static void test_facts_column(void **state)
{
    (void)state;
    rc_store *s;
    assert_int_equal(rc_store_open(path, &s), RC_OK);
    assert_int_equal(add_doc(s, "a", "first text", 1), RC_PUT_ADDED);
    assert_int_equal(add_doc(s, "b", "second text", 2), RC_PUT_ADDED);
    assert_int_equal(add_doc(s, "c", "third text", 3), RC_PUT_ADDED);
    const unsigned char blob[] = {'R', 'C', 0, 'F', 0, 0, 9};
    place(s, "a", blob, sizeof blob);
    place(s, "b", NULL, 0);
    /* c: no cluster row at all */
    unsigned char got[64];
    assert_int_equal(loaded(s, "a", got), sizeof blob);
    assert_memory_equal(got, blob, sizeof blob);
    assert_int_equal(loaded(s, "b", got), 0);
    assert_int_equal(loaded(s, "c", got), 0);
    int with = 0;
    assert_int_equal(rc_store_each(s, count_with, &with), RC_OK);
    assert_int_equal(with, 1);
    rc_store_close(s);

    /* reopened: still there; replaced: gone with the cluster row */
    assert_int_equal(rc_store_open(path, &s), RC_OK);
    assert_int_equal(loaded(s, "a", got), sizeof blob);
    assert_int_equal(add_doc(s, "a", "first text, rewritten", 4), RC_PUT_REPLACED);
    assert_int_equal(loaded(s, "a", got), 0);
    /* placed again: the new facts */
    const unsigned char blob2[] = {1, 2, 3};
    place(s, "a", blob2, sizeof blob2);
    assert_int_equal(loaded(s, "a", got), sizeof blob2);
    assert_memory_equal(got, blob2, sizeof blob2);
    rc_store_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_facts_column, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
