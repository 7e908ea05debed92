/*
 * test_linkcache.c - the kept stories link's record (cluster/linkcache.h):
 * a record decodes back to the stories it was made from for exactly its
 * events; every malformed or foreign record is refused (table-driven);
 * the encoder refuses input that breaks its rules.
 */
#include "test.h"
#include "cluster/linkcache.h"
#include "util/rc.h"
#include <string.h>

static const int64_t IDS[] = {3, 7, 8, 20, 21};
static const size_t STORY[] = {0, 1, 0, 2, 1};
enum { N = 5 };

/* The record of IDS in STORY into b (initialised here). */
static void make(rc_buf *b)
{
    rc_buf_init(b, 0);
    assert_int_equal(rc_linkcache_encode(IDS, STORY, N, b), RC_OK);
    assert_int_equal(b->len, 9 + 12 * N);
}

/* A record decodes to its stories and their count. */
static void test_round_trip(void **state)
{
    (void)state;
    rc_buf b;
    make(&b);
    size_t st[N], ns = 0;
    assert_int_equal(rc_linkcache_decode(b.data, b.len, IDS, N, st, &ns), RC_OK);
    assert_int_equal(ns, 3);
    for (size_t i = 0; i < N; i++)
        assert_int_equal(st[i], STORY[i]);
    /* no events: an empty listing's record */
    rc_buf e;
    rc_buf_init(&e, 0);
    assert_int_equal(rc_linkcache_encode(NULL, NULL, 0, &e), RC_OK);
    assert_int_equal(rc_linkcache_decode(e.data, e.len, NULL, 0, st, &ns), RC_OK);
    assert_int_equal(ns, 0);
    rc_buf_cleanup(&e);
    rc_buf_cleanup(&b);
}

/* One way of spoiling a good record: set byte `at` to `val` (at < 0:
 * none), then keep `len` bytes (0: all; > record: append zero bytes). */
typedef struct spoil {
    const char *name;
    long at;
    unsigned char val;
    size_t len;
} spoil;

/* Each spoiled record is refused. */
static void test_refusals(void **state)
{
    (void)state;
    static const spoil cases[] = {
        {"magic", 0, 'X', 0},
        {"version", 4, 2, 0},
        {"count says 4", 5, 4, 0},
        {"count says 6", 5, 6, 0},
        {"an id changed", 9 + 12 * 2, 9, 0},
        {"a story skips a number", 9 + 12 * 1 + 8, 2, 0},
        {"the first story is not 0", 9 + 8, 1, 0},
        {"a story's high byte", 9 + 12 * 3 + 11, 1, 0},
        {"truncated in the last event", -1, 0, 9 + 12 * N - 1},
        {"truncated in the head", -1, 0, 7},
        {"a trailing byte", -1, 0, 9 + 12 * N + 1},
    };
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        rc_buf b;
        make(&b);
        if (cases[c].at >= 0)
            ((unsigned char *)b.data)[cases[c].at] = cases[c].val;
        size_t len = cases[c].len ? cases[c].len : b.len;
        while (b.len < len)
            rc_buf_putc(&b, 0);
        size_t st[N + 1], ns = 99;
        int rc = rc_linkcache_decode(b.data, len, IDS, N, st, &ns);
        if (rc != RC_ERR)
            fail_msg("accepted: %s", cases[c].name);
        rc_buf_cleanup(&b);
    }
    /* a good record, but not for these events */
    rc_buf b;
    make(&b);
    static const int64_t other[] = {3, 7, 9, 20, 21};
    size_t st[N], ns;
    assert_int_equal(rc_linkcache_decode(b.data, b.len, other, N, st, &ns), RC_ERR);
    assert_int_equal(rc_linkcache_decode(b.data, b.len, IDS, N - 1, st, &ns), RC_ERR);
    assert_int_equal(rc_linkcache_decode(NULL, 0, IDS, N, st, &ns), RC_ERR);
    rc_buf_cleanup(&b);
    /* a record that matches its listing, but the listing's ids are out of
     * order (no listing is): refused */
    static const unsigned char down[9 + 24] = {
        'R', 'C', 'L', 'K', 1, 2, 0, 0, 0,
        5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    };
    static const int64_t down_ids[] = {5, 3}, up_ids[] = {3, 5};
    assert_int_equal(rc_linkcache_decode(down, sizeof down, down_ids, 2, st, &ns), RC_ERR);
    unsigned char up[sizeof down];
    memcpy(up, down, sizeof up);
    up[9] = 3;
    up[21] = 5;
    assert_int_equal(rc_linkcache_decode(up, sizeof up, up_ids, 2, st, &ns), RC_OK);
    assert_int_equal(ns, 1);
}

/* The encoder refuses ids out of order or not positive and stories not
 * numbered in order of first event, leaving the buffer as it was. */
static void test_encode_refusals(void **state)
{
    (void)state;
    static const int64_t unsorted[] = {3, 8, 7, 20, 21};
    static const int64_t zero[] = {0, 7, 8, 20, 21};
    static const size_t gap[] = {0, 2, 1, 1, 1};
    rc_buf b;
    rc_buf_init(&b, 0);
    rc_buf_puts(&b, "x");
    assert_int_equal(rc_linkcache_encode(unsorted, STORY, N, &b), RC_ERR);
    assert_int_equal(rc_linkcache_encode(zero, STORY, N, &b), RC_ERR);
    assert_int_equal(rc_linkcache_encode(IDS, gap, N, &b), RC_ERR);
    assert_int_equal(b.len, 1);
    /* a full buffer */
    rc_buf small;
    rc_buf_init(&small, 20);
    assert_int_equal(rc_linkcache_encode(IDS, STORY, N, &small), RC_ERR);
    assert_int_equal(small.len, 0);
    rc_buf_cleanup(&small);
    rc_buf_cleanup(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_encode_refusals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
