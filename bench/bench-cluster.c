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
 *   build/bench-cluster --events [--total N] [--count M] [--seed S]
 *
 * --events times event clustering instead (cluster/events.h): each article
 * is built into a document with its facts (text model and rc_extract_all:
 * not timed), then rc_evfeat_build (features from the per-document mention
 * keys, no run-wide entity merge: flags 0) and rc_evclust_add are timed
 * with the thread CPU clock; the document and the features are freed, so
 * the process holds the engine and two 4-byte labels per article (event
 * found, true event) for the B-cubed check against the generator's event
 * ids printed at the end.
 *
 * --total is the corpus size (its articles spread over a year), --count
 * how many of its first articles to stream (default: all), so a 100,000
 * run over a 1,000,000 corpus has the full run's density per day.
 */
#include "cluster/copies.h"
#include "cluster/events.h"
#include "cluster/evfeat.h"
#include "extract/facts.h"
#include "benchutil.h"
#include "gencorpus.h"
#include "text/textmodel.h"
#include "util/buf.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

/* The copy group of article i: its event when it is the dispatch or
 * reuses it, else (size_t)-1 (an independent write-up). */
static size_t group(size_t i, const rc_gen_info *g)
{
    return (i % RC_GEN_EVENT_SIZE == 0 || g->copy_of != RC_GEN_NONE) ? g->event : (size_t)-1;
}

/* qsort order for uint64_t. */
static int u64_cmp(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* B-cubed precision and recall of the clustering found[i] against truth[i]
 * over n items (labels below 2^32). */
static void bcubed(const uint32_t *found, const uint32_t *truth, size_t n, double *p, double *r)
{
    uint64_t *pair = malloc((n + 1) * sizeof *pair), *f = malloc((n + 1) * sizeof *f),
             *t = malloc((n + 1) * sizeof *t);
    if (!pair || !f || !t)
        exit(70);
    for (size_t i = 0; i < n; i++) {
        pair[i] = (uint64_t)found[i] << 32 | truth[i];
        f[i] = found[i];
        t[i] = truth[i];
    }
    qsort(pair, n, sizeof *pair, u64_cmp);
    qsort(f, n, sizeof *f, u64_cmp);
    qsort(t, n, sizeof *t, u64_cmp);
    /* sizes of the found and true clusters, looked up by binary search */
    double sp = 0, sr = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && pair[j] == pair[i])
            j++;
        double c = (double)(j - i);
        uint64_t fv = pair[i] >> 32, tv = pair[i] & 0xffffffffu;
        size_t lo = 0, hi = n;
        while (lo < hi) { size_t m = (lo + hi) / 2; if (f[m] < fv) lo = m + 1; else hi = m; }
        size_t a = lo;
        lo = a; hi = n;
        while (lo < hi) { size_t m = (lo + hi) / 2; if (f[m] <= fv) lo = m + 1; else hi = m; }
        double fs = (double)(lo - a);
        lo = 0; hi = n;
        while (lo < hi) { size_t m = (lo + hi) / 2; if (t[m] < tv) lo = m + 1; else hi = m; }
        a = lo;
        lo = a; hi = n;
        while (lo < hi) { size_t m = (lo + hi) / 2; if (t[m] <= tv) lo = m + 1; else hi = m; }
        double ts = (double)(lo - a);
        sp += c * c / fs;
        sr += c * c / ts;
        i = j;
    }
    *p = n ? sp / (double)n : 1.0;
    *r = n ? sr / (double)n : 1.0;
    free(pair);
    free(f);
    free(t);
}

/* The --events benchmark; see the top of the file. */
static int bench_events(uint64_t seed, size_t total, size_t count)
{
    uint32_t *found = malloc((count + 1) * sizeof *found), *truth = malloc((count + 1) * sizeof *truth);
    if (!found || !truth)
        return 70;
    rc_evclust *c = rc_evclust_new(NULL);
    rc_buf text;
    rc_buf_init(&text, 0);
    double stage = 0, feat = 0;
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
        rc_facts *facts = rc_facts_new(d);
        rc_extract_all(d, facts);

        double t0 = rc_bench_cpu_now();
        rc_evfeat *f = rc_evfeat_build(d, facts, 0);
        double t1 = rc_bench_cpu_now();
        size_t e = rc_evclust_add(c, f, -1);
        double t2 = rc_bench_cpu_now();
        feat += t1 - t0;
        stage += t2 - t0;
        found[i] = (uint32_t)e;
        truth[i] = (uint32_t)g.event;
        rc_evfeat_free(f);
        rc_doc_free(d);
    }
    size_t nev = rc_evclust_count(c), active = 0;
    for (size_t k = 0; k < nev; k++)
        active += (size_t)rc_evclust_event_get(c, k)->active;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    double p, r;
    bcubed(found, truth, count, &p, &r);
    printf("articles %zu of %zu  event clustering %.2f CPU s (features %.2f, placing %.2f)  "
           "%.0f articles/s per core  events %zu (%zu active)  peak RSS %.1f MiB\n",
           count, total, stage, feat, stage - feat, stage > 0 ? (double)count / stage : 0.0, nev,
           active, (double)ru.ru_maxrss / 1024.0);
    printf("B-cubed against the generator's events: precision %.4f recall %.4f F1 %.4f\n", p, r,
           p + r > 0 ? 2 * p * r / (p + r) : 0.0);
    rc_buf_cleanup(&text);
    rc_evclust_free(c);
    free(found);
    free(truth);
    return 0;
}

int main(int argc, char **argv)
{
    size_t total = 1000000, count = 0;
    int window = RC_DEDUP_WINDOW_DAYS;
    uint64_t seed = 20260519;
    int events = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--events") == 0) {
            events = 1;
            continue;
        }
        if (i + 1 < argc && strcmp(argv[i], "--total") == 0)
            total = (size_t)rc_bench_num("bench-cluster", argv[++i]);
        else if (i + 1 < argc && strcmp(argv[i], "--count") == 0)
            count = (size_t)rc_bench_num("bench-cluster", argv[++i]);
        else if (i + 1 < argc && strcmp(argv[i], "--window") == 0)
            window = (int)rc_bench_num("bench-cluster", argv[++i]);
        else if (i + 1 < argc && strcmp(argv[i], "--seed") == 0)
            seed = rc_bench_num("bench-cluster", argv[++i]);
        else {
            fputs("usage: bench-cluster [--events] [--total N] [--count M] [--window DAYS] [--seed S]\n",
                  stderr);
            return 2;
        }
    }
    if (!count || count > total)
        count = total;
    if (events)
        return bench_events(seed, total, count);
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
        double t0 = rc_bench_cpu_now();
        size_t nm = rc_dedup_add(x, d, &m);
        stage += rc_bench_cpu_now() - t0;

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
