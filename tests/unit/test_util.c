/* Unit tests for src/util: capped buffer, arena, hashing, result codes. */
#include "test.h"
#include "util/stagetime.h"
#include <time.h>
#include "util/arena.h"
#include "util/buf.h"
#include "util/hash.h"
#include "util/rc.h"
#include <string.h>

/* Appends accumulate, stay NUL-terminated, and printf formats. */
static void buf_appends(void **state)
{
    (void)state;
    rc_buf b;
    rc_buf_init(&b, 0);
    assert_string_equal(rc_buf_str(&b), "");
    assert_int_equal(rc_buf_puts(&b, "abc"), RC_OK);
    assert_int_equal(rc_buf_putc(&b, '-'), RC_OK);
    assert_int_equal(rc_buf_printf(&b, "%d/%s", 42, "x"), RC_OK);
    assert_string_equal(rc_buf_str(&b), "abc-42/x");
    assert_int_equal(b.len, 8);
    for (int i = 0; i < 10000; i++)
        assert_int_equal(rc_buf_putc(&b, 'z'), RC_OK);
    assert_int_equal(b.len, 10008);
    assert_int_equal(b.data[b.len], '\0');
    rc_buf_cleanup(&b);
}

/* The hard cap refuses growth past max and leaves the content unchanged. */
static void buf_cap(void **state)
{
    (void)state;
    rc_buf b;
    rc_buf_init(&b, 8);
    assert_int_equal(rc_buf_puts(&b, "12345678"), RC_OK);
    assert_int_equal(rc_buf_putc(&b, '9'), RC_TOOBIG);
    assert_int_equal(rc_buf_printf(&b, "%s", "more"), RC_TOOBIG);
    assert_string_equal(rc_buf_str(&b), "12345678");
    rc_buf_reset(&b);
    assert_int_equal(b.len, 0);
    assert_int_equal(rc_buf_puts(&b, "ok"), RC_OK);
    size_t n = 0;
    char *s = rc_buf_detach(&b, &n);
    assert_string_equal(s, "ok");
    assert_int_equal(n, 2);
    assert_null(b.data);
    free(s);
    rc_buf_cleanup(&b);
}

/* Arena allocations are aligned, distinct, and survive until reset. */
static void arena_allocs(void **state)
{
    (void)state;
    rc_arena *a = rc_arena_new();
    char *s = rc_arena_strdup(a, "héllo");
    assert_string_equal(s, "héllo");
    char *t = rc_arena_strndup(a, "abcdef", 3);
    assert_string_equal(t, "abc");
    void *big = rc_arena_alloc(a, 1 << 20);
    memset(big, 7, 1 << 20);
    for (int i = 0; i < 1000; i++) {
        double *d = rc_arena_alloc(a, sizeof(double) * 3);
        assert_int_equal(((uintptr_t)d) % _Alignof(double), 0);
        d[2] = i;
    }
    int *z = rc_arena_calloc(a, 100, sizeof(int));
    for (int i = 0; i < 100; i++)
        assert_int_equal(z[i], 0);
    assert_string_equal(s, "héllo");
    assert_true(rc_arena_used(a) >= (1u << 20));
    rc_arena_reset(a);
    assert_int_equal(rc_arena_used(a), 0);
    assert_string_equal(rc_arena_strdup(a, "again"), "again");
    rc_arena_free(a);
    rc_arena_free(NULL);
}

/* rc_arena_rewind keeps the blocks: the same requests after a rewind get
 * the same addresses (small ones, big one-offs behind the current block,
 * a run of growing blocks), whatever the keep limit allows; a request
 * larger than every kept block still gets memory; past the limit the
 * blocks are freed (ASan checks that nothing is used after that) and the
 * arena works on. */
static void arena_rewind_reuses(void **state)
{
    (void)state;
    static const size_t sizes[] = {100, 3u << 20, 200, 16384, 40000, 7,
                                   1u << 20, 5000, 5000, 5000, 5000, 65536};
    enum { N = sizeof sizes / sizeof sizes[0] };
    rc_arena *a = rc_arena_new();
    void *first[N], *hold[N];
    for (int round = 0; round < 3; round++) {
        /* malloc'd between the rounds: blocks the arena had freed would
         * likely go to these, so equal addresses show they were kept */
        for (size_t i = 0; i < N; i++)
            hold[i] = round ? malloc(sizes[i] + 64) : NULL;
        for (size_t i = 0; i < N; i++) {
            unsigned char *p = rc_arena_alloc(a, sizes[i]);
            memset(p, (int)i, sizes[i]);
            if (round == 0)
                first[i] = p;
            else
                assert_ptr_equal(p, first[i]);
        }
        for (size_t i = 0; i < N; i++)
            free(hold[i]);
        assert_true(rc_arena_used(a) >= (3u << 20));
        rc_arena_rewind(a, SIZE_MAX);
        assert_int_equal(rc_arena_used(a), 0);
    }
    /* bigger than any kept block: a new one, the kept ones still served */
    unsigned char *big = rc_arena_alloc(a, 8u << 20);
    memset(big, 1, 8u << 20);
    assert_ptr_equal(rc_arena_alloc(a, sizes[0]), first[0]);
    /* over the limit: all freed, and the arena still allocates */
    rc_arena_rewind(a, 1u << 20);
    for (size_t i = 0; i < N; i++)
        memset(rc_arena_alloc(a, sizes[i]), 2, sizes[i]);
    /* reset drops the spares too (a leak would fail under ASan) */
    rc_arena_rewind(a, SIZE_MAX);
    rc_arena_reset(a);
    assert_string_equal(rc_arena_strdup(a, "after"), "after");
    rc_arena_free(a);
}

/* rc_arena_grow keeps every element through the moves, zeroes the room it
 * makes, and moves the array only when the count reaches a power of two. */
static void arena_grow_array(void **state)
{
    (void)state;
    rc_arena *a = rc_arena_new();
    int *arr = NULL;
    size_t n = 0, moves = 0;
    for (int i = 0; i < 5000; i++) {
        int *before = arr;
        arr = rc_arena_grow(a, arr, n, sizeof *arr);
        moves += arr != before;
        assert_int_equal(arr[n], 0);
        arr[n++] = i * 3;
    }
    for (size_t i = 0; i < n; i++)
        assert_int_equal(arr[i], (int)i * 3);
    assert_int_equal(moves, 11); /* 0, 8, 16, ..., 4096 */
    rc_arena_free(a);
}

/* Hashes are deterministic, seed-dependent, and printed as 16 hex digits. */
static void hash_hex(void **state)
{
    (void)state;
    uint64_t a = rc_hash64("abc", 3, 0), b = rc_hash64("abc", 3, 0), c = rc_hash64("abd", 3, 0);
    assert_int_equal(a, b);
    assert_int_not_equal(a, c);
    assert_int_not_equal(rc_hash64("abc", 3, 1), a);
    char hex[17];
    rc_hash_hex(0x0123456789abcdefULL, hex);
    assert_string_equal(hex, "0123456789abcdef");
    rc_hash_hex(0, hex);
    assert_string_equal(hex, "0000000000000000");
}

/* Every result code has its own message. */
static void rc_messages(void **state)
{
    (void)state;
    static const struct { int rc; const char *msg; } cases[] = {
        {RC_OK, "success"}, {RC_TOOBIG, "over the size limit"}, {RC_BINARY, "binary content, not text"},
        {RC_SCHEMA, "store written by a newer recoupe"}, {RC_PARSE, "malformed input"}, {9999, "unknown error"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        assert_string_equal(rc_strerror(cases[i].rc), cases[i].msg);
}

/* Stage totals: CPU rows say "s CPU", wall rows "s wall"; a name's
 * calls and seconds add up; reset empties the table. */
static void stage_times(void **state)
{
    (void)state;
    rc_stagetime_reset();
    rc_stagetime_add("cpu stage", 1.5);
    rc_stagetime_add("cpu stage", 0.25);
    rc_stagetime_add_wall("wall stage", 2.0);
    rc_stagetime_add_calls("batch stage", 0.5, 40);
    rc_stagetime_add("batch stage", 0.25);
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    rc_stagetime_print(f);
    fclose(f);
    assert_non_null(strstr(text, "cpu stage                    1.750 s CPU (2 calls)\n"));
    assert_non_null(strstr(text, "wall stage                   2.000 s wall (1 call)\n"));
    assert_non_null(strstr(text, "batch stage                  0.750 s CPU (41 calls)\n"));
    free(text);
    rc_stagetime_reset();
    text = NULL;
    f = open_memstream(&text, &len);
    rc_stagetime_print(f);
    fclose(f);
    assert_int_equal(len, 0);
    free(text);
}

/* The wall clock moves forward by at least a sleep, and the thread's CPU
 * clock does not count the sleep. */
static void stage_wall_clock(void **state)
{
    (void)state;
    double w0 = rc_stagetime_wall_now(), c0 = rc_stagetime_now();
    struct timespec ts = {0, 20 * 1000 * 1000};
    nanosleep(&ts, NULL);
    double w1 = rc_stagetime_wall_now(), c1 = rc_stagetime_now();
    assert_true(w1 - w0 >= 0.019);
    assert_true(c1 - c0 < 0.015);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(buf_appends), cmocka_unit_test(buf_cap), cmocka_unit_test(arena_allocs),
        cmocka_unit_test(hash_hex), cmocka_unit_test(rc_messages), cmocka_unit_test(arena_grow_array),
        cmocka_unit_test(arena_rewind_reuses),
        cmocka_unit_test(stage_times), cmocka_unit_test(stage_wall_clock),
    };
    return cmocka_run_group_tests_name("util", tests, NULL, NULL);
}
