/*
 * analysis.c - the stages after ingest, in order; see analysis.h.
 */
#include "pipeline/analysis.h"
#include "cluster/copies.h"
#include "cluster/events.h"
#include "crosscheck/claims.h"
#include "crosscheck/discrepancy.h"
#include "crosscheck/framing.h"
#include "extract/dates.h"
#include "extract/factscodec.h"
#include "text/textmodel.h"
#include "util/mem.h"
#include "util/rc.h"
#include "util/stagetime.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 1 unless RECOUPE_NO_STORED_FACTS is set (and not "0"): then the facts
 * the store kept are ignored and every document is extracted (tests). */
static int stored_facts_wanted(void)
{
    const char *e = getenv("RECOUPE_NO_STORED_FACTS");
    return !(e && *e && strcmp(e, "0") != 0);
}

/* The extract stage; see analysis.h. A document loaded with facts the
 * store kept (rc_doc.stored_facts) that decode for this program and this
 * text (extract/factscodec.h) is not extracted again, and its sentences
 * loaded with it (the record's doc key covers them) are not split again;
 * its tokens come from the record too (version 2), else only they are
 * made. */
int rc_analysis_extract(rc_analysis *a, rc_doc **docs, size_t n)
{
    int stored = stored_facts_wanted();
    memset(a, 0, sizeof *a);
    a->docs = docs;
    a->ndocs = n;
    a->facts = rc_calloc(n ? n : 1, sizeof *a->facts);
    a->facts_stored = rc_calloc(n ? n : 1, 1);
    a->entities = rc_entities_new();
    /* the stored facts first, timed as one block (--timings: one call per
     * document whose stored facts were used) */
    size_t nused = 0;
    double t0 = rc_stagetime_now();
    rc_facts_scratch *rd = NULL;
    for (size_t i = 0; stored && i < n; i++) {
        rc_doc *d = docs[i];
        if (!d->stored_facts)
            continue;
        if (!rd)
            rd = rc_facts_scratch_new();
        if (rc_facts_decode(d, d->stored_facts, d->nstored_facts, rd, &a->facts[i]) == RC_OK) {
            a->facts_stored[i] = 1;
            nused++;
        } else
            a->facts[i] = NULL;
    }
    rc_facts_scratch_free(rd);
    if (nused)
        rc_stagetime_add_calls("extract: stored facts", rc_stagetime_now() - t0, nused);
    for (size_t i = 0; i < n; i++) {
        rc_doc *d = docs[i];
        if (a->facts[i]) {
            if (!d->tokens)
                rc_textmodel_tokens(d);
        } else {
            if (!d->tokens)
                rc_textmodel_build(d);
            a->facts[i] = rc_facts_new(d);
            rc_extract_all(d, a->facts[i]);
        }
        rc_entities_add(a->entities, d, a->facts[i]);
    }
    rc_entities_merge(a->entities);
    return RC_OK;
}

/* d's facts from its stored record; see analysis.h. */
rc_facts *rc_analysis_stored_facts(rc_doc *d, rc_facts_scratch *rd)
{
    rc_facts *f = NULL;
    if (!d->stored_facts || !stored_facts_wanted() ||
        rc_facts_decode(d, d->stored_facts, d->nstored_facts, rd, &f) != RC_OK)
        return NULL;
    if (!d->tokens)
        rc_textmodel_tokens(d);
    return f;
}

/* The documents of story s (its events' documents, event by event) into
 * out[0..cap); returns how many. */
static size_t story_docs(const struct rc_events *ev, size_t s, size_t *out, size_t cap)
{
    const rc_story *st = rc_stories_get(ev, s);
    size_t m = 0;
    for (size_t k = 0; st && k < st->nevents; k++) {
        const rc_event *e = rc_events_get(ev, st->events[k]);
        for (size_t j = 0; j < e->ndocs && m < cap; j++)
            out[m++] = e->docs[j];
    }
    return m;
}

/* One "contested" discrepancy per contested claim: the articles that
 * assert it against those that attribute or dispute it, with the
 * sentences as evidence and the claim's notes. */
static void contested_discrepancies(rc_analysis *a)
{
    for (size_t c = 0; c < a->claims->nclaims; c++) {
        const rc_claim *cl = &a->claims->claims[c];
        if (cl->status != RC_CLAIM_CONTESTED)
            continue;
        rc_discrepancy *x = rc_discrepancies_add(a->discrepancies, "contested", 1);
        for (size_t k = 0; k < cl->nsupport; k++)
            rc_discrepancy_add_evidence(x, cl->support[k].doc, cl->support[k].start,
                                        cl->support[k].end);
        rc_discrepancy_describe(x, "%s (claim %s) is stated as fact in one article and "
                                   "attributed or disputed in another: %s",
                                cl->about ? cl->about : "a claim", cl->id, cl->text);
        for (size_t k = 0; k < cl->nnotes; k++)
            rc_discrepancy_note(x, "%s", cl->notes[k]);
    }
}

/* Re-read the dates of the articles that give no publication day against
 * their event: the earliest publication day of the event's other
 * articles. "mardi" or "4 mai" in an undated wire copy then resolve like
 * in the dated reports of the same event. An event whose articles give no
 * publication day leaves its articles as they are. */
static void anchor_dates(rc_analysis *a)
{
    size_t ne = rc_events_count(a->events);
    for (size_t e = 0; e < ne; e++) {
        const rc_event *ev = rc_events_get(a->events, e);
        const char *anchor = NULL;
        for (size_t k = 0; k < ev->ndocs; k++) {
            const char *p = a->docs[ev->docs[k]]->published;
            if (p && strlen(p) >= 10 && (!anchor || strncmp(p, anchor, 10) < 0))
                anchor = p;
        }
        if (!anchor)
            continue;
        char day[11];
        memcpy(day, anchor, 10);
        day[10] = '\0';
        for (size_t k = 0; k < ev->ndocs; k++) {
            rc_doc *d = a->docs[ev->docs[k]];
            if (d->published && strlen(d->published) >= 10)
                continue;
            rc_facts *f = a->facts[ev->docs[k]];
            f->dates = NULL;
            f->ndates = 0;
            rc_extract_dates_anchor(d, f, day);
        }
    }
}

/* Every stage; see analysis.h. Framing's background is the whole run. */
int rc_analysis_run(rc_analysis *a, rc_doc **docs, size_t n)
{
    rc_analysis_extract(a, docs, n);
    /* cluster: copies, then events and stories */
    a->copies = rc_copies_build(a->docs, a->ndocs);
    a->events = rc_events_build(a);
    rc_framing_background *bg = rc_framing_background_new(a);
    rc_analysis_crosscheck(a, bg, 0);
    rc_framing_background_free(bg);
    return RC_OK;
}

/* The cross-check over a's events; see analysis.h. Claims and
 * discrepancies are cross-checked per story (the articles carrying one
 * claim may report different events of it); framing per event, against
 * the event's other articles and bg. */
int rc_analysis_crosscheck(rc_analysis *a, const struct rc_framing_background *bg,
                           size_t claim_base)
{
    rc_analysis_crosscheck_groups(a, bg);
    return rc_analysis_crosscheck_finish(a, claim_base);
}

/* The work of the cross-check, claims numbered from C1; see analysis.h. */
int rc_analysis_crosscheck_groups(rc_analysis *a, const struct rc_framing_background *bg)
{
    size_t n = a->ndocs;
    anchor_dates(a);
    size_t ns = rc_stories_count(a->events), ne = rc_events_count(a->events);
    size_t *members = rc_malloc((n ? n : 1) * sizeof *members);
    /* copies share their source's origin */
    int *copy_of = rc_malloc((n ? n : 1) * sizeof *copy_of);
    for (size_t i = 0; i < n; i++) {
        size_t src = rc_copies_source(a->copies, i, RC_EVENTS_COPY_SHARE);
        copy_of[i] = src < n ? (int)src : -1;
    }
    a->claims = rc_claims_new();
    a->discrepancies = rc_discrepancies_new();
    for (size_t s = 0; s < ns; s++) {
        size_t m = story_docs(a->events, s, members, n);
        size_t from = a->discrepancies->n;
        double t0 = rc_stagetime_now();
        rc_discrepancies_find(a->discrepancies, a, members, m);
        double t1 = rc_stagetime_now();
        rc_claims_use_conflicts(a->claims, a->discrepancies, from);
        rc_claims_add_group(a->claims, a, members, m, copy_of);
        rc_stagetime_add("discrepancies", t1 - t0);
        rc_stagetime_add("claims", rc_stagetime_now() - t1);
    }
    free(members);
    free(copy_of);
    /* framing reads neither claims nor discrepancies: done here, before
     * the contested claims are added in _finish */
    const size_t **groups = rc_malloc((ne ? ne : 1) * sizeof *groups);
    size_t *sizes = rc_malloc((ne ? ne : 1) * sizeof *sizes);
    for (size_t e = 0; e < ne; e++) {
        const rc_event *ev = rc_events_get(a->events, e);
        groups[e] = ev->docs;
        sizes[e] = ev->ndocs;
    }
    double t0 = rc_stagetime_now();
    a->framing = rc_framing_build_groups(a, bg, (const size_t *const *)groups, sizes, ne);
    rc_stagetime_add("framing", rc_stagetime_now() - t0);
    free(groups);
    free(sizes);
    return RC_OK;
}

/* Claim ids from claim_base + 1, then the contested claims as
 * discrepancies; see analysis.h. */
int rc_analysis_crosscheck_finish(rc_analysis *a, size_t claim_base)
{
    if (claim_base)
        for (size_t c = 0; c < a->claims->nclaims; c++)
            snprintf(a->claims->claims[c].id, sizeof a->claims->claims[c].id, "C%zu",
                     claim_base + c + 1);
    contested_discrepancies(a);
    return RC_OK;
}

/* Free the stage results; see analysis.h. */
void rc_analysis_cleanup(rc_analysis *a)
{
    if (!a)
        return;
    rc_framing_free(a->framing);
    rc_claims_free(a->claims);
    rc_events_free(a->events);
    rc_discrepancies_free(a->discrepancies);
    rc_entities_free(a->entities);
    rc_copies_free(a->copies);
    free(a->facts);
    free(a->facts_stored);
    memset(a, 0, sizeof *a);
}
