/*
 * fuzz_evfeat.c - libFuzzer target for the stored event features
 * (cluster/evfeat.h), which `recoupe events` reads back from the store:
 * damaged or hostile bytes.
 *
 * The first byte picks the mode:
 *  - even: the rest is a run of stored records, cut before every "RCEF"
 *    magic; each piece is decoded (rc_evfeat_decode must refuse it or
 *    parse it, never read outside it), a decoded record must survive
 *    encode -> decode unchanged, and the decoded records are placed by the
 *    incremental event clusterer (rc_evclust_add, round robin; with bit 1
 *    of the byte set 1024 documents, so its retirement sweep runs too),
 *    the consumer of stored features, so hostile values (days, weights,
 *    dates) meet its arithmetic;
 *  - odd: the rest is article text, cut at NUL bytes into up to 4
 *    documents (language from the byte's bit 1), built through the real
 *    pipeline and extract stage; features are built from each, and
 *    decode(encode(x)) must equal x field for field.
 */
#include "cluster/events.h"
#include "cluster/evfeat.h"
#include "extract/facts.h"
#include "ingest/ingest.h"
#include "pipeline/pipeline.h"
#include "util/buf.h"
#include "util/rc.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_RECORDS = 64, MAX_DOCS = 4, SWEEP = 1024 };

/* 1 when a and b hold the same features (floats compared bit for bit). */
static int same_feat(const rc_evfeat *a, const rc_evfeat *b)
{
    if (strcmp(a->lang, b->lang) != 0 || a->pub_day != b->pub_day || a->pub_gran != b->pub_gran ||
        a->pub_year != b->pub_year || a->pub_month != b->pub_month)
        return 0;
    if (a->date.gran != b->date.gran || a->date.year != b->date.year ||
        a->date.month != b->date.month || a->date.day != b->date.day ||
        a->date.year_guessed != b->date.year_guessed || a->date.wday != b->date.wday ||
        memcmp(&a->date.score, &b->date.score, sizeof a->date.score) != 0)
        return 0;
    if (a->nterms != b->nterms || a->nents != b->nents || a->nnums != b->nnums ||
        a->ndays != b->ndays)
        return 0;
    for (uint32_t i = 0; i < a->nterms; i++)
        if (a->terms[i].h != b->terms[i].h || memcmp(&a->terms[i].w, &b->terms[i].w, sizeof(float)))
            return 0;
    for (uint32_t i = 0; i < a->nents; i++)
        if (a->ents[i].h != b->ents[i].h || memcmp(&a->ents[i].w, &b->ents[i].w, sizeof(float)))
            return 0;
    for (uint32_t i = 0; i < a->nnums; i++)
        if (a->nums[i] != b->nums[i])
            return 0;
    for (uint32_t i = 0; i < a->ndays; i++)
        if (a->days[i] != b->days[i])
            return 0;
    return 1;
}

/* decode(encode(f)) must succeed and equal f; abort otherwise. */
static void check_round_trip(const rc_evfeat *f)
{
    rc_buf b;
    rc_buf_init(&b, 1u << 20);
    if (rc_evfeat_encode(f, &b) != RC_OK)
        abort();
    rc_evfeat *g = NULL;
    if (rc_evfeat_decode(b.data, b.len, &g) != RC_OK || !g || !same_feat(f, g))
        abort();
    /* a record cut short or with a byte more is refused */
    rc_evfeat *h = NULL;
    if (rc_evfeat_decode(b.data, b.len - 1, &h) != RC_PARSE || h)
        abort();
    rc_evfeat_free(g);
    rc_buf_cleanup(&b);
}

/* Decode every record of p[n] (cut before each "RCEF") and cluster them
 * round robin, sweep documents in all (SWEEP: the clusterer's retirement
 * sweep, every 1024 documents, runs on the hostile days too). */
static void run_records(const uint8_t *p, size_t n, size_t sweep)
{
    rc_evfeat *feats[MAX_RECORDS];
    size_t at = 0, nrec = 0, nf = 0;
    while (at < n && nrec < MAX_RECORDS) {
        size_t end = at + 1;
        while (end + 4 <= n && memcmp(p + end, "RCEF", 4) != 0)
            end++;
        if (end + 4 > n)
            end = n;
        /* an exact-size heap copy, so any over-read is caught */
        uint8_t *rec = malloc(end - at);
        memcpy(rec, p + at, end - at);
        rc_evfeat *f = NULL;
        int rc = rc_evfeat_decode(rec, end - at, &f);
        free(rec);
        if ((rc == RC_OK) != (f != NULL))
            abort();
        if (f) {
            check_round_trip(f);
            int32_t day;
            (void)rc_evfeat_day(f, &day);
            feats[nf++] = f;
        }
        nrec++;
        at = end;
    }
    rc_evclust_opts o;
    rc_evclust_opts_default(&o);
    o.retire_docs = 16;
    rc_evclust *c = rc_evclust_new(&o);
    for (size_t i = 0; nf && i < sweep; i++) {
        size_t ev = rc_evclust_add(c, feats[i % nf], i % 7 == 6 ? (long)(i % 5) : -1);
        if (ev >= rc_evclust_count(c) || !rc_evclust_event_get(c, ev))
            abort();
    }
    rc_evclust_free(c);
    for (size_t i = 0; i < nf; i++)
        rc_evfeat_free(feats[i]);
}

/* Build documents from the NUL-separated text p[n] and check their
 * features' round trip. */
static void run_text(const uint8_t *p, size_t n, const char *lang)
{
    rc_evclust *c = rc_evclust_new(NULL);
    size_t at = 0;
    for (int k = 0; k < MAX_DOCS && at <= n; k++) {
        const uint8_t *z = memchr(p + at, 0, n - at);
        size_t end = z ? (size_t)(z - p) : n;
        rc_raw raw = {0};
        raw.input = "fuzz";
        raw.id = "fuzz";
        raw.lang = lang;
        raw.body = (const char *)p + at;
        raw.body_len = end - at;
        raw.format = RC_FMT_TEXT;
        rc_doc *d = NULL;
        if (rc_pipeline_build(&raw, NULL, &d) == RC_OK) {
            rc_facts *f = rc_facts_new(d);
            rc_extract_all(d, f);
            rc_evfeat *e = rc_evfeat_build(d, f, 0);
            check_round_trip(e);
            rc_evclust_add(c, e, -1);
            rc_evfeat_free(e);
            rc_doc_free(d);
        }
        at = end + 1;
    }
    rc_evclust_free(c);
}

/* libFuzzer entry point. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    if (data[0] & 1)
        run_text(data + 1, size - 1, data[0] & 2 ? "en" : "fr");
    else
        run_records(data + 1, size - 1, data[0] & 2 ? SWEEP : MAX_RECORDS);
    return 0;
}
