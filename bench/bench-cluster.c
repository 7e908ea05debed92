/*
 * bench-cluster.c - near-duplicate detection alone (cluster/copies.h
 * rc_dedup_add) on a generated corpus (bench/gencorpus.h).
 *
 * Each article is generated and built into a document (metadata, text
 * model: not timed), then compared with and added to the incremental index
 * (timed with the thread CPU clock), and freed: the process holds only the
 * index, whose size follows the time window. Prints articles, CPU seconds
 * of the stage, articles/s per core (the stage is single-threaded), the
 * index size at the end, peak RSS, and the matches checked against the
 * generator's truth (pair precision; recall of wire copies and of partial
 * reuse against the article they copy; matches across events).
 *
 *   build/bench-cluster [--total N] [--count M] [--window DAYS] [--seed S]
 *
 * --total is the corpus size (its articles spread over a year), --count
 * how many of its first articles to stream (default: all), so a 100,000
 * run over a 1,000,000 corpus has the full run's density per day.
 */
#include "cluster/copies.h"
#include "gencorpus.h"
#include "text/textmodel.h"
#include "util/buf.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

/* CPU seconds of this thread. */
static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Parse an unsigned number argument or exit with a usage message. */
static unsigned long long num(const char *s)
{
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (!*s || *end) {
        fprintf(stderr, "bench-cluster: not a number: %s\n", s);
        exit(2);
    }
    return v;
}

/* The copy group of article i: its event when it is the dispatch or
 * reuses it, else (size_t)-1 (an independent write-up). */
static size_t group(size_t i, const rc_gen_info *g)
{
    return (i % RC_GEN_EVENT_SIZE == 0 || g->copy_of != RC_GEN_NONE) ? g->event : (size_t)-1;
}

int main(int argc, char **argv)
{
    size_t total = 1000000, count = 0;
    int window = RC_DEDUP_WINDOW_DAYS;
    uint64_t seed = 20260519;
    for (int i = 1; i < argc; i++) {
        if (i + 1 < argc && strcmp(argv[i], "--total") == 0)
            total = (size_t)num(argv[++i]);
        else if (i + 1 < argc && strcmp(argv[i], "--count") == 0)
            count = (size_t)num(argv[++i]);
        else if (i + 1 < argc && strcmp(argv[i], "--window") == 0)
            window = (int)num(argv[++i]);
        else if (i + 1 < argc && strcmp(argv[i], "--seed") == 0)
            seed = num(argv[++i]);
        else {
            fputs("usage: bench-cluster [--total N] [--count M] [--window DAYS] [--seed S]\n", stderr);
            return 2;
        }
    }
    if (!count || count > total)
        count = total;
    /* the truth of the recent articles, to check matches (window-sized ring) */
    enum { RING = 1 << 17 };   /* > the articles of one window */
    size_t *grp = calloc(RING, sizeof *grp), *evt = calloc(RING, sizeof *evt);
    if (!grp || !evt)
        return 70;
    rc_dedup *x = rc_dedup_new(window, 0);
    rc_buf text;
    rc_buf_init(&text, 0);
    double stage = 0, words = 0;
    unsigned long matches = 0, true_matches = 0, copies = 0, copies_found = 0, partial = 0,
                  partial_found = 0, cross = 0;
    char id[32];
    for (size_t i = 0; i < count; i++) {
        rc_gen_info g;
        rc_gen_article(seed, i, total, &text, &g);
        rc_doc *d = rc_doc_new();
        snprintf(id, sizeof id, "g%zu", i);
        rc_doc_set(d, &d->id, id);
        rc_doc_set(d, &d->lang, g.lang);
        rc_doc_set(d, &d->published, g.published);
        rc_doc_set(d, &d->outlet, g.outlet);
        if (g.credit)
            rc_doc_add_credit(d, g.credit);
        rc_doc_setn(d, &d->text, rc_buf_str(&text), text.len);
        d->text_len = text.len;
        rc_textmodel_build(d);
        words += (double)d->ntokens;

        const rc_dedup_match *m;
        double t0 = cpu_now();
        size_t nm = rc_dedup_add(x, d, &m);
        stage += cpu_now() - t0;

        grp[i % RING] = group(i, &g);
        evt[i % RING] = g.event;
        int hit = 0;
        for (size_t k = 0; k < nm; k++) {
            matches++;
            size_t j = m[k].serial;
            if (i - j < RING && grp[j % RING] == grp[i % RING] && grp[i % RING] != (size_t)-1)
                true_matches++;
            if (i - j < RING && evt[j % RING] != g.event)
                cross++;
            if (j == g.copy_of)
                hit = 1;
        }
        if (g.copy_of != RC_GEN_NONE) {
            if (g.partial) {
                partial++;
                partial_found += (unsigned long)hit;
            } else {
                copies++;
                copies_found += (unsigned long)hit;
            }
        }
        rc_doc_free(d);
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("articles %zu of %zu (%.0f tokens each)  near-duplicate stage %.2f CPU s  "
           "%.0f articles/s per core  window %d days: %zu in index  peak RSS %.1f MiB\n",
           count, total, words / (double)(count ? count : 1), stage,
           stage > 0 ? (double)count / stage : 0.0, window, rc_dedup_size(x),
           (double)ru.ru_maxrss / 1024.0);
    printf("matches %lu  pair precision %.4f  wire copies found %lu/%lu (%.4f)  "
           "partial reuse found %lu/%lu (%.4f)  across events %lu\n",
           matches, matches ? (double)true_matches / (double)matches : 1.0, copies_found, copies,
           copies ? (double)copies_found / (double)copies : 1.0, partial_found, partial,
           partial ? (double)partial_found / (double)partial : 1.0, cross);
    rc_buf_cleanup(&text);
    rc_dedup_free(x);
    free(grp);
    free(evt);
    return 0;
}
