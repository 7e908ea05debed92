/*
 * benchutil.h - the two helpers the generated-corpus benchmarks share
 * (bench-cluster, bench-crosscheck): this thread's CPU time, and a numeric
 * argument parsed strictly.
 */
#ifndef RC_BENCH_BENCHUTIL_H
#define RC_BENCH_BENCHUTIL_H
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* CPU seconds of this thread. */
static inline double rc_bench_cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* s as an unsigned number, or a usage message naming prog and exit 2. */
static inline unsigned long long rc_bench_num(const char *prog, const char *s)
{
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (!*s || *end) {
        fprintf(stderr, "%s: not a number: %s\n", prog, s);
        exit(2);
    }
    return v;
}

#endif
