/*
 * test_dgroup.c - rc_dgroup_sort_index (crosscheck/dgroup.h): indices
 * below a bound come out in increasing order, the same multiset, on both
 * paths (qsort under 256 values, radix sort from 256) and with bounds that
 * need one, two and three byte passes.
 */
#include "test.h"
#include "crosscheck/dgroup.h"
#include <stdlib.h>
#include <string.h>

/* qsort comparator on size_t (the reference order). */
static int ref_cmp(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

/* A table of (count, bound): every case sorts count pseudo-random values
 * below bound and must equal qsort's result. */
static void test_sort_index(void **state)
{
    (void)state;
    static const struct {
        size_t n, bound;
    } cases[] = {
        {0, 1},        {1, 5},          {255, 1000},    /* qsort path */
        {256, 1},      {256, 200},      {1000, 256},    /* radix: one byte pass */
        {1000, 257},   {5000, 60000},                   /* two passes */
        {3000, 70000}, {4000, 1u << 24},                /* three passes */
    };
    uint64_t x = 0x9e3779b97f4a7c15ull;
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        size_t n = cases[c].n;
        size_t *v = malloc((n ? n : 1) * sizeof *v), *r = malloc((n ? n : 1) * sizeof *r);
        for (size_t k = 0; k < n; k++) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            v[k] = r[k] = (size_t)(x % cases[c].bound);
        }
        if (n > 10)   /* repeated values, and the largest possible one */
            v[3] = r[3] = v[7] = r[7] = cases[c].bound - 1;
        rc_dgroup_sort_index(v, n, cases[c].bound);
        qsort(r, n, sizeof *r, ref_cmp);
        assert_memory_equal(v, r, n * sizeof *v);
        for (size_t k = 1; k < n; k++)
            assert_true(v[k - 1] <= v[k]);
        free(v);
        free(r);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sort_index),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
