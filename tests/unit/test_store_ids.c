/*
 * test_store_ids.c - rc_store_each_id: the stored ids in insertion order
 * across pages, a replaced document keeping its place, early stop, and an
 * empty store.
 */
#include "test.h"
#include "tmpstore.h"
#include "store/store.h"
#include "util/rc.h"
#include <string.h>
#include <unistd.h>

static char dir[64];
static char path[128];

/* A fresh temporary directory and a store path inside it. */
static int setup(void **state)
{
    (void)state;
    return rc_test_store_make(dir, sizeof dir, path, sizeof path, "ids");
}

/* Remove the store files and the directory. */
static int teardown(void **state)
{
    (void)state;
    rc_test_store_remove(dir, path);
    return 0;
}

/* Put a document with this id, text and hash; expects status want. */
static void put(rc_store *s, const char *id, const char *text, uint64_t hash, int want)
{
    rc_doc *d = rc_doc_new();
    rc_doc_set(d, &d->id, id);
    rc_doc_set(d, &d->text, text);
    d->text_len = strlen(text);
    d->content_hash = hash;
    int st = -1;
    assert_int_equal(rc_store_put(s, d, &st), RC_OK);
    assert_int_equal(st, want);
    rc_doc_free(d);
}

typedef struct seen {
    char ids[700][16];
    size_t n, stop_at;
} seen;

/* rc_store_each_id callback: record; return 9 at stop_at. */
static int collect(const char *id, void *ud)
{
    seen *c = ud;
    snprintf(c->ids[c->n], sizeof c->ids[c->n], "%s", id);
    c->n++;
    return c->stop_at && c->n == c->stop_at ? 9 : 0;
}

/* Ids named so their order differs from the alphabetical one. */
static void id_of(size_t i, char *out, size_t cap)
{
    snprintf(out, cap, "d%03zu", (i * 7919) % 1000);
}

static void test_order_across_pages(void **state)
{
    (void)state;
    rc_store *s;
    assert_int_equal(rc_store_open(path, &s), RC_OK);
    assert_int_equal(rc_store_begin(s), RC_OK);
    enum { N = 600 }; /* more than two pages of 256 */
    for (size_t i = 0; i < N; i++) {
        char id[16];
        id_of(i, id, sizeof id);
        put(s, id, id, 1000 + i, RC_PUT_ADDED);
    }
    assert_int_equal(rc_store_commit(s), RC_OK);
    char first[16];
    id_of(0, first, sizeof first);
    put(s, first, "new text", 99999, RC_PUT_REPLACED); /* keeps its place */
    static seen c;
    memset(&c, 0, sizeof c);
    assert_int_equal(rc_store_each_id(s, collect, &c), RC_OK);
    assert_int_equal(c.n, N);
    for (size_t i = 0; i < N; i++) {
        char id[16];
        id_of(i, id, sizeof id);
        assert_string_equal(c.ids[i], id);
    }
    memset(&c, 0, sizeof c);
    c.stop_at = 300; /* in the second page */
    assert_int_equal(rc_store_each_id(s, collect, &c), 9);
    assert_int_equal(c.n, 300);
    rc_store_close(s);
}

static void test_empty(void **state)
{
    (void)state;
    rc_store *s;
    assert_int_equal(rc_store_open(path, &s), RC_OK);
    static seen c;
    memset(&c, 0, sizeof c);
    assert_int_equal(rc_store_each_id(s, collect, &c), RC_OK);
    assert_int_equal(c.n, 0);
    rc_store_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_order_across_pages, setup, teardown),
        cmocka_unit_test_setup_teardown(test_empty, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
