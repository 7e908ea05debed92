/*
 * test_stories_fed.c - story linking fed by another thread
 * (rc_stories_link_fed, cluster/stories.h): on 2,000 random events the
 * links are those of rc_stories_link over the finished profiles while a
 * producer thread makes the profiles in index order (the link takes them
 * in date order, so it waits); each event is waited for once, in date
 * order (dated by day then index, undated last); a wait that asks to stop
 * ends the link with SIZE_MAX.
 */
#include "test.h"
#include "randevents.h"
#include "cluster/stories.h"
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <string.h>

enum { N = 2000, TOPICS = 40 };

/* n random event profiles of TOPICS topics (two languages, a tenth
 * undated, days over two years) into p[]. */
static void random_profiles(rc_evprofile *p, size_t n, uint64_t seed)
{
    uint64_t x = seed;
    for (size_t i = 0; i < n; i++) {
        uint64_t t = rnd(&x) % TOPICS, other = rnd(&x) % TOPICS;
        rc_evweight e[40], tm[160];
        uint32_t ne = draw(e, 0, 4 + (uint32_t)(rnd(&x) % 12), t * 1000, 40, &x);
        ne = draw(e, ne, 2, other * 1000, 40, &x);
        uint32_t nt = draw(tm, 0, 20 + (uint32_t)(rnd(&x) % 60), 100000 + t * 1000, 300, &x);
        nt = draw(tm, nt, 20, 900000, 500, &x);
        rc_evfeat f;
        memset(&f, 0, sizeof f);
        memcpy(f.lang, rnd(&x) % 3 ? "fr" : "en", 3);
        f.ents = e;
        f.nents = ne;
        f.terms = tm;
        f.nterms = nt;
        const rc_evfeat *m[] = {&f};
        rc_evprofile_build(&p[i], m, 1, rand_idf, NULL);
        p[i].has_day = rnd(&x) % 10 != 0;
        p[i].day = (int32_t)(rnd(&x) % 730);
    }
}

/* A deep copy of profile a into *b. */
static void profile_copy(rc_evprofile *b, const rc_evprofile *a)
{
    *b = *a;
    b->ents = malloc((a->nents + 1) * sizeof *b->ents);
    b->terms = malloc((a->nterms + 1) * sizeof *b->terms);
    memcpy(b->ents, a->ents, a->nents * sizeof *b->ents);
    memcpy(b->terms, a->terms, a->nterms * sizeof *b->terms);
}

/* The producer/consumer state of a fed link. */
typedef struct feed_state {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    const rc_evprofile *ref;    /* the finished profiles */
    rc_evprofile *fed;          /* made one by one by the producer */
    unsigned char *ready;       /* under mu */
    size_t *order;              /* the events waited for, in order */
    size_t nwaits;
    size_t stop_at;             /* the wait that asks to stop (SIZE_MAX: none) */
} feed_state;

/* Producer: make the profiles in index order, yielding now and then. */
static void *producer(void *arg)
{
    feed_state *S = arg;
    for (size_t i = 0; i < N; i++) {
        rc_evprofile tmp;
        profile_copy(&tmp, &S->ref[i]);
        if (i % 7 == 0)
            sched_yield();
        pthread_mutex_lock(&S->mu);
        S->fed[i] = tmp;
        S->ready[i] = 1;
        pthread_cond_broadcast(&S->cv);
        pthread_mutex_unlock(&S->mu);
    }
    return NULL;
}

/* rc_stories_feed's wait over S: note the event, stop at stop_at, else
 * block until the producer made it. */
static int wait_fed(void *ud, size_t x)
{
    feed_state *S = ud;
    pthread_mutex_lock(&S->mu);
    size_t k = S->nwaits++;
    if (k < N)
        S->order[k] = x;
    int stop = k == S->stop_at;
    while (!stop && !S->ready[x])
        pthread_cond_wait(&S->cv, &S->mu);
    pthread_mutex_unlock(&S->mu);
    return stop;
}

/* Run a fed link of the reference profiles ref[] (stopping at wait
 * stop_at, SIZE_MAX: never) into story[] and order[]; returns its
 * result and the number of waits in *nwaits. */
static size_t fed_link(const rc_evprofile *ref, size_t stop_at, size_t *story, size_t *order,
                       size_t *nwaits)
{
    feed_state S;
    memset(&S, 0, sizeof S);
    pthread_mutex_init(&S.mu, NULL);
    pthread_cond_init(&S.cv, NULL);
    S.ref = ref;
    S.fed = calloc(N, sizeof *S.fed);
    S.ready = calloc(N, 1);
    S.order = order;
    S.stop_at = stop_at;
    unsigned char *dated = calloc(N, 1);
    int32_t *day = calloc(N, sizeof *day);
    for (size_t i = 0; i < N; i++) {
        dated[i] = (unsigned char)ref[i].has_day;
        day[i] = ref[i].day;
    }
    pthread_t th;
    assert_int_equal(pthread_create(&th, NULL, producer, &S), 0);
    rc_stories_feed fd = {dated, day, wait_fed, &S};
    size_t ns = rc_stories_link_fed(S.fed, N, NULL, &fd, story);
    pthread_join(th, NULL);
    *nwaits = S.nwaits;
    for (size_t i = 0; i < N; i++)
        rc_evprofile_cleanup(&S.fed[i]);
    free(S.fed);
    free(S.ready);
    free(dated);
    free(day);
    pthread_cond_destroy(&S.cv);
    pthread_mutex_destroy(&S.mu);
    return ns;
}

/* Date order of the link: dated first by day, then by index. */
static int before(const rc_evprofile *p, size_t a, size_t b)
{
    if (p[a].has_day != p[b].has_day)
        return p[a].has_day;
    if (p[a].has_day && p[a].day != p[b].day)
        return p[a].day < p[b].day;
    return a < b;
}

/* Fed while the profiles are made: the same stories as the serial link
 * of the finished profiles, every event waited for once, in date order. */
static void test_fed_as_serial(void **state)
{
    (void)state;
    rc_evprofile *p = calloc(N, sizeof *p);
    size_t *a = calloc(N, sizeof *a), *b = calloc(N, sizeof *b), *order = calloc(N, sizeof *order);
    random_profiles(p, N, 0x9E3779B97F4A7C15ull);
    size_t na = rc_stories_link(p, N, NULL, a);
    size_t nw = 0;
    size_t nb = fed_link(p, SIZE_MAX, b, order, &nw);
    assert_int_equal(na, nb);
    assert_true(na > TOPICS / 2 && na < N / 2); /* linking happened */
    for (size_t i = 0; i < N; i++)
        if (a[i] != b[i])
            fail_msg("event %zu: story %zu serial, %zu fed", i, a[i], b[i]);
    assert_int_equal(nw, N);
    unsigned char *seen = calloc(N, 1);
    for (size_t k = 0; k < N; k++) {
        assert_false(seen[order[k]]);
        seen[order[k]] = 1;
        if (k)
            assert_true(before(p, order[k - 1], order[k]));
    }
    free(seen);
    for (size_t i = 0; i < N; i++)
        rc_evprofile_cleanup(&p[i]);
    free(p);
    free(a);
    free(b);
    free(order);
}

/* A wait that asks to stop ends the link: SIZE_MAX, no wait after it
 * (and nothing leaked: see the sanitizer build). */
static void test_fed_stop(void **state)
{
    (void)state;
    static const size_t stops[] = {0, 1, 700, N - 1};
    rc_evprofile *p = calloc(N, sizeof *p);
    size_t *b = calloc(N, sizeof *b), *order = calloc(N, sizeof *order);
    random_profiles(p, N, 0x2545F4914F6CDD1Dull);
    for (size_t t = 0; t < sizeof stops / sizeof *stops; t++) {
        size_t nw = 0;
        assert_int_equal(fed_link(p, stops[t], b, order, &nw), SIZE_MAX);
        assert_int_equal(nw, stops[t] + 1);
    }
    for (size_t i = 0; i < N; i++)
        rc_evprofile_cleanup(&p[i]);
    free(p);
    free(b);
    free(order);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fed_as_serial),
        cmocka_unit_test(test_fed_stop),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
