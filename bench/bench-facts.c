/*
 * bench-facts.c - the extract stage alone (entities, quantities, dates,
 * quotes, citations: rc_extract_all), on the articles of the given inputs.
 *
 * Each article is read, cleaned and tokenised by the pipeline (not timed),
 * then the extract stage runs on it (timed with the process CPU clock), and
 * the document is freed: memory stays flat whatever the corpus size. Prints
 * articles, MB of cleaned text, stage CPU seconds and MB/s.
 *
 *   build/bench-facts PATH...
 */
#include "extract/facts.h"
#include "ingest/ingest.h"
#include "pipeline/pipeline.h"
#include "util/diag.h"
#include "util/rc.h"
#include <stdio.h>
#include <time.h>

typedef struct totals {
    unsigned long articles;
    double bytes, seconds;
    unsigned long mentions, quantities, dates, quotes, citations;
} totals;

/* CPU seconds of this process. */
static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Per-article callback: build (untimed), extract (timed), free. */
static int on_raw(const rc_raw *raw, void *ud)
{
    totals *t = ud;
    rc_doc *d = NULL;
    if (rc_pipeline_build(raw, NULL, &d) != RC_OK)
        return RC_OK;
    double a = cpu_now();
    rc_facts *f = rc_facts_new(d);
    rc_extract_all(d, f);
    t->seconds += cpu_now() - a;
    t->articles++;
    t->bytes += (double)d->text_len;
    t->mentions += f->nmentions;
    t->quantities += f->nquantities;
    t->dates += f->ndates;
    t->quotes += f->nquotes;
    t->citations += f->ncitations;
    rc_doc_free(d);
    return RC_OK;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs("usage: bench-facts PATH...\n", stderr);
        return 2;
    }
    rc_diag_set_level(-1);
    totals t = {0};
    rc_ingest_opts o = {0};
    rc_ingest_stats st;
    rc_ingest_walk((const char *const *)argv + 1, (size_t)argc - 1, &o, on_raw, &t, &st);
    double mb = t.bytes / 1e6;
    printf("articles %lu  cleaned text %.1f MB  extract stage %.2f CPU s  %.1f MB/s  "
           "(%lu mentions, %lu quantities, %lu dates, %lu quotes, %lu citations)\n",
           t.articles, mb, t.seconds, t.seconds > 0 ? mb / t.seconds : 0.0, t.mentions,
           t.quantities, t.dates, t.quotes, t.citations);
    return 0;
}
