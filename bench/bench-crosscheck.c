/*
 * bench-crosscheck.c - the stages after ingest on one large event: N
 * reports of one event (bench/gencorpus.h rc_gen_event_report: a dispatch,
 * write-ups in French and English, wire copies, partial reuse, a shared
 * quote and figure), each stage timed with the thread CPU clock:
 * extract (facts, merged entities), copies, events/stories, claims,
 * discrepancies, framing (background and per event) and timeline (per
 * event), as src/pipeline/analysis.c and the JSON writer run them.
 *
 *   build/bench-crosscheck [--count N] [--seed S] [--repeat R]
 *
 * Building the documents (metadata, text model) is not timed. With
 * --repeat R the whole analysis runs R times and the best time of each
 * stage is printed. Prints one line per stage, the cross-check total
 * (claims + discrepancies + framing + timeline), the total after ingest,
 * what was found (events, stories, claims by status, discrepancies,
 * timeline items) and peak RSS.
 */
#include "cluster/copies.h"
#include "cluster/events.h"
#include "crosscheck/claims.h"
#include "crosscheck/discrepancy.h"
#include "crosscheck/framing.h"
#include "crosscheck/timeline.h"
#include "benchutil.h"
#include "gencorpus.h"
#include "pipeline/analysis.h"
#include "text/textmodel.h"
#include "util/buf.h"
#include "util/mem.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

enum { S_EXTRACT, S_COPIES, S_EVENTS, S_CLAIMS, S_DISCREP, S_FRAMING, S_TIMELINE, S_N };
static const char *const STAGE[S_N] = {"extract", "copies", "events/stories", "claims",
                                       "discrepancies", "framing", "timeline"};

/* What one run found. */
typedef struct found {
    size_t events, stories, largest, claims, status[5], discrepancies, framing_rows, timeline;
} found;

/* One analysis of docs[0..n), as rc_analysis_run does it, each stage's CPU
 * seconds into t[]; the counts into *f. */
static void run(rc_doc **docs, size_t n, double t[S_N], found *f)
{
    rc_analysis a;
    memset(f, 0, sizeof *f);
    double t0 = rc_bench_cpu_now();
    rc_analysis_extract(&a, docs, n);
    double t1 = rc_bench_cpu_now();
    t[S_EXTRACT] = t1 - t0;
    a.copies = rc_copies_build(a.docs, a.ndocs);
    t0 = rc_bench_cpu_now();
    t[S_COPIES] = t0 - t1;
    a.events = rc_events_build(&a);
    t1 = rc_bench_cpu_now();
    t[S_EVENTS] = t1 - t0;
    size_t ns = rc_stories_count(a.events), ne = rc_events_count(a.events);
    f->events = ne;
    f->stories = ns;
    for (size_t e = 0; e < ne; e++)
        if (rc_events_get(a.events, e)->ndocs > f->largest)
            f->largest = rc_events_get(a.events, e)->ndocs;

    size_t *members = rc_malloc((n ? n : 1) * sizeof *members);
    int *copy_of = rc_malloc((n ? n : 1) * sizeof *copy_of);
    for (size_t i = 0; i < n; i++) {
        size_t src = rc_copies_source(a.copies, i, RC_EVENTS_COPY_SHARE);
        copy_of[i] = src < n ? (int)src : -1;
    }
    a.claims = rc_claims_new();
    a.discrepancies = rc_discrepancies_new();
    t[S_CLAIMS] = t[S_DISCREP] = 0;
    for (size_t s = 0; s < ns; s++) {
        const rc_story *st = rc_stories_get(a.events, s);
        size_t m = 0;
        for (size_t k = 0; k < st->nevents; k++) {
            const rc_event *e = rc_events_get(a.events, st->events[k]);
            for (size_t j = 0; j < e->ndocs && m < n; j++)
                members[m++] = e->docs[j];
        }
        t0 = rc_bench_cpu_now();
        rc_claims_add_group(a.claims, &a, members, m, copy_of);
        t1 = rc_bench_cpu_now();
        rc_discrepancies_find(a.discrepancies, &a, members, m);
        t[S_CLAIMS] += t1 - t0;
        t[S_DISCREP] += rc_bench_cpu_now() - t1;
    }
    free(members);
    free(copy_of);
    f->claims = a.claims->nclaims;
    for (size_t c = 0; c < a.claims->nclaims; c++)
        f->status[a.claims->claims[c].status]++;
    f->discrepancies = a.discrepancies->n;

    t0 = rc_bench_cpu_now();
    const size_t **groups = rc_malloc((ne ? ne : 1) * sizeof *groups);
    size_t *sizes = rc_malloc((ne ? ne : 1) * sizeof *sizes);
    for (size_t e = 0; e < ne; e++) {
        groups[e] = rc_events_get(a.events, e)->docs;
        sizes[e] = rc_events_get(a.events, e)->ndocs;
    }
    rc_framing_background *bg = rc_framing_background_new(&a);
    a.framing = rc_framing_build_groups(&a, bg, (const size_t *const *)groups, sizes, ne);
    rc_framing_background_free(bg);
    free(groups);
    free(sizes);
    t1 = rc_bench_cpu_now();
    t[S_FRAMING] = t1 - t0;
    f->framing_rows = a.framing->ndocs;

    for (size_t e = 0; e < ne; e++) {
        const rc_event *ev = rc_events_get(a.events, e);
        const char *date = ev->date;
        rc_timeline *tl = rc_timeline_build(&a, ev->docs, ev->ndocs, &date,
                                            ev->undated || !*date ? 0 : 1);
        f->timeline += tl->nitems;
        rc_timeline_free(tl);
    }
    t[S_TIMELINE] = rc_bench_cpu_now() - t1;

    rc_analysis_cleanup(&a);   /* the facts stay in their documents' arenas */
}

int main(int argc, char **argv)
{
    size_t count = 200, repeat = 1;
    uint64_t seed = 20260519;
    for (int i = 1; i < argc; i++) {
        if (i + 1 < argc && strcmp(argv[i], "--count") == 0)
            count = (size_t)rc_bench_num("bench-crosscheck", argv[++i]);
        else if (i + 1 < argc && strcmp(argv[i], "--seed") == 0)
            seed = rc_bench_num("bench-crosscheck", argv[++i]);
        else if (i + 1 < argc && strcmp(argv[i], "--repeat") == 0)
            repeat = (size_t)rc_bench_num("bench-crosscheck", argv[++i]);
        else {
            fputs("usage: bench-crosscheck [--count N] [--seed S] [--repeat R]\n", stderr);
            return 2;
        }
    }
    if (!repeat)
        repeat = 1;
    rc_doc **docs = rc_calloc(count ? count : 1, sizeof *docs);
    rc_buf text;
    rc_buf_init(&text, 0);
    size_t fr = 0, bytes = 0;
    char id[32];
    for (size_t k = 0; k < count; k++) {
        rc_gen_info g;
        rc_gen_event_report(seed, k, &text, &g);
        rc_doc *d = rc_doc_new();
        snprintf(id, sizeof id, "r%zu", k);
        rc_doc_set(d, &d->id, id);
        rc_doc_set(d, &d->lang, g.lang);
        rc_doc_set(d, &d->published, g.published);
        rc_doc_set(d, &d->outlet, g.outlet);
        if (g.credit)
            rc_doc_add_credit(d, g.credit);
        rc_doc_setn(d, &d->text, rc_buf_str(&text), text.len);
        d->text_len = text.len;
        rc_textmodel_build(d);
        docs[k] = d;
        fr += strcmp(g.lang, "fr") == 0;
        bytes += text.len;
    }
    double best[S_N];
    found f;
    for (size_t r = 0; r < repeat; r++) {
        double t[S_N];
        run(docs, count, t, &f);
        for (int s = 0; s < S_N; s++)
            if (r == 0 || t[s] < best[s])
                best[s] = t[s];
    }
    printf("one event of %zu reports (%zu French, %zu English; %.1f KB of text), "
           "CPU seconds of one thread (best of %zu):\n",
           count, fr, count - fr, (double)bytes / 1e3, repeat);
    double cross = 0, all = 0;
    for (int s = 0; s < S_N; s++) {
        printf("  %-15s %8.3f\n", STAGE[s], best[s]);
        all += best[s];
        if (s >= S_CLAIMS)
            cross += best[s];
    }
    printf("  %-15s %8.3f   (claims + discrepancies + framing + timeline; target < 1 s)\n",
           "cross-check", cross);
    printf("  %-15s %8.3f   (every stage after ingest)\n", "total", all);
    printf("found: %zu events (largest %zu reports), %zu stories; %zu claims "
           "(%zu corroborated, %zu single_origin, %zu single_source, %zu contested, "
           "%zu conflicting); %zu discrepancies; %zu framing rows; %zu timeline items\n",
           f.events, f.largest, f.stories, f.claims, f.status[RC_CLAIM_CORROBORATED],
           f.status[RC_CLAIM_SINGLE_ORIGIN], f.status[RC_CLAIM_SINGLE_SOURCE],
           f.status[RC_CLAIM_CONTESTED], f.status[RC_CLAIM_CONFLICTING], f.discrepancies,
           f.framing_rows, f.timeline);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("peak RSS %.1f MiB; %s\n", (double)ru.ru_maxrss / 1024.0,
           cross < 1.0 ? "PASS" : "FAIL");
    for (size_t k = 0; k < count; k++)
        rc_doc_free(docs[k]);
    free(docs);
    rc_buf_cleanup(&text);
    return 0;
}
