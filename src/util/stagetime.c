/*
 * stagetime.c - per-stage CPU totals; see stagetime.h.
 */
#include "util/stagetime.h"
#include <pthread.h>
#include <string.h>
#include <time.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct {
    const char *name;
    double secs;
    unsigned long calls;
    int wall;               /* seconds on the wall clock, not CPU */
} tab[RC_STAGETIME_MAX];
static size_t ntab;

/* The calling thread's CPU seconds; see stagetime.h. */
double rc_stagetime_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Monotonic seconds; see stagetime.h. */
double rc_stagetime_wall_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Sum secs and calls into name's row, a wall-clock row when wall; see
 * stagetime.h. */
static void add(const char *name, double secs, unsigned long calls, int wall)
{
    pthread_mutex_lock(&lock);
    size_t i = 0;
    while (i < ntab && strcmp(tab[i].name, name) != 0)
        i++;
    if (i == ntab && ntab < RC_STAGETIME_MAX) {
        tab[ntab].wall = wall;
        tab[ntab++].name = name;
    }
    if (i < ntab) {
        tab[i].secs += secs;
        tab[i].calls += calls;
    }
    pthread_mutex_unlock(&lock);
}

/* Sum CPU seconds into name's row; see stagetime.h. */
void rc_stagetime_add(const char *name, double secs)
{
    add(name, secs, 1, 0);
}

/* Sum CPU seconds and calls into name's row; see stagetime.h. */
void rc_stagetime_add_calls(const char *name, double secs, unsigned long calls)
{
    add(name, secs, calls, 0);
}

/* Sum wall-clock seconds into name's row; see stagetime.h. */
void rc_stagetime_add_wall(const char *name, double secs)
{
    add(name, secs, 1, 1);
}

/* One line per stage; see stagetime.h. */
void rc_stagetime_print(FILE *f)
{
    pthread_mutex_lock(&lock);
    for (size_t i = 0; i < ntab; i++)
        fprintf(f, "%-24s %9.3f s %s (%lu call%s)\n", tab[i].name, tab[i].secs,
                tab[i].wall ? "wall" : "CPU", tab[i].calls, tab[i].calls == 1 ? "" : "s");
    pthread_mutex_unlock(&lock);
}

/* Empty the table; see stagetime.h. */
void rc_stagetime_reset(void)
{
    pthread_mutex_lock(&lock);
    ntab = 0;
    memset(tab, 0, sizeof tab);
    pthread_mutex_unlock(&lock);
}
