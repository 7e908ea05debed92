/* test_chunksort.c - the order of a report's top-level elements
 * (src/pipeline/chunksort): every shape of keys gives the (major, minor,
 * seq) order a plain insertion sort gives, whether the counting path or
 * the merge path takes it. */
#include "test.h"
#include "pipeline/chunksort.h"
#include <stdlib.h>
#include <string.h>

/* A small deterministic generator (xorshift64). */
static uint64_t next(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

/* Whether a sorts before b: the order the report writes. */
static int before(const rc_chunk *a, const rc_chunk *b)
{
    if (a->major != b->major)
        return a->major < b->major;
    if (a->minor != b->minor)
        return a->minor < b->minor;
    return a->seq < b->seq;
}

/* The reference: insertion sort by before. */
static void ref_sort(rc_chunk *c, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        rc_chunk x = c[i];
        size_t j = i;
        for (; j > 0 && before(&x, &c[j - 1]); j--)
            c[j] = c[j - 1];
        c[j] = x;
    }
}

/* Shapes of keys: which path each takes is named. */
enum { DENSE, DENSE_NONE, MINORS, SPARSE, SEQ_SHUFFLED, SORTED, FEW_RUNS };
static const struct {
    int shape;
    size_t n;
    const char *what;
} CASES[] = {
    {DENSE, 3000, "document ordinals, many per document: counting"},
    {DENSE_NONE, 2000, "event numbers and some UINT64_MAX (no event): counting, none last"},
    {MINORS, 2000, "minors set (discrepancies): merges"},
    {SPARSE, 2000, "a major far past the count: merges"},
    {SEQ_SHUFFLED, 2000, "chunks not in seq order: merges"},
    {SORTED, 2000, "already in order (claims): left as is"},
    {FEW_RUNS, 200, "a few runs: merges"},
    {DENSE, 1, "one chunk"},
    {DENSE, 0, "none"},
};

/* Fill c[n] with keys of the given shape, seq growing unless shuffled. */
static void fill(rc_chunk *c, size_t n, int shape, uint64_t *s)
{
    for (size_t i = 0; i < n; i++) {
        memset(&c[i], 0, sizeof c[i]);
        c[i].seq = 10 + 3 * i;
        c[i].off = i;
        size_t span = n / 4 + 1;
        switch (shape) {
        case DENSE:
            c[i].major = next(s) % span;
            break;
        case DENSE_NONE:
            c[i].major = next(s) % 7 == 0 ? UINT64_MAX : next(s) % span;
            break;
        case MINORS:
            c[i].major = next(s) % 3;
            c[i].minor = next(s) % span;
            break;
        case SPARSE:
            c[i].major = i == n / 2 ? (uint64_t)n + 100000 : next(s) % span;
            break;
        case SEQ_SHUFFLED:
            c[i].major = next(s) % span;
            break;
        case SORTED:
            c[i].major = i / 3;
            break;
        case FEW_RUNS:
            c[i].major = (i % 50) * 2 + (i / 50) % 2;
            break;
        }
    }
    if (shape == SEQ_SHUFFLED)
        for (size_t i = n; i > 1; i--) {
            size_t j = next(s) % i;
            uint64_t t = c[i - 1].seq;
            c[i - 1].seq = c[j].seq;
            c[j].seq = t;
        }
}

/* Every case: rc_chunks_sort's order is the reference's, element for
 * element (off names the element). */
static void orders_table(void **state)
{
    (void)state;
    uint64_t s = 0x9e3779b97f4a7c15ull;
    for (size_t t = 0; t < sizeof CASES / sizeof *CASES; t++) {
        size_t n = CASES[t].n;
        rc_chunk *a = calloc(n + 1, sizeof *a), *b = calloc(n + 1, sizeof *b);
        fill(a, n, CASES[t].shape, &s);
        memcpy(b, a, n * sizeof *a);
        rc_chunks_sort(a, n);
        ref_sort(b, n);
        for (size_t i = 0; i < n; i++) {
            if (a[i].off != b[i].off)
                fail_msg("%s: element %zu is %zu, expected %zu", CASES[t].what, i, a[i].off,
                         b[i].off);
        }
        free(a);
        free(b);
    }
}

/* The counting path keeps arrival order among equal majors: chunks of one
 * document stay in the order they were written. */
static void equal_majors_stable(void **state)
{
    (void)state;
    enum { N = 64 };
    rc_chunk c[N];
    memset(c, 0, sizeof c);
    for (size_t i = 0; i < N; i++) {
        c[i].major = (N - 1 - i) % 4;   /* 3 2 1 0 3 2 1 0 ...: many runs */
        c[i].seq = i;
        c[i].off = i;
    }
    rc_chunks_sort(c, N);
    for (size_t i = 0; i < N; i++) {
        assert_int_equal(c[i].major, i / (N / 4));
        if (i % (N / 4))
            assert_true(c[i].off > c[i - 1].off);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(orders_table),
        cmocka_unit_test(equal_majors_stable),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
