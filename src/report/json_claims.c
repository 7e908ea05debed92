/*
 * json_claims.c - claims[] (crosscheck/claims.h); see report/json_int.h.
 */
#include "cluster/events.h"
#include "crosscheck/claims.h"
#include "report/json_int.h"
#include "util/hash.h"
#include "util/mem.h"
#include "util/rc.h"
#include <stdlib.h>
#include <string.h>

/* Id of the event of document doc, NULL when events are not known. */
static const char *event_of(const rc_report *r, size_t doc)
{
    const struct rc_events *ev = r->analysis ? r->analysis->events : NULL;
    if (!ev)
        return NULL;
    const rc_event *e = rc_events_get(ev, rc_events_of_doc(ev, doc));
    return e ? e->id : NULL;
}

/* The ids of the events of cl's supports, first seen first, each once
 * (by id), written into w's open array: few supports by comparing with
 * those seen (an event index met again is skipped without comparing
 * ids), more through two hash sets (event indices, then ids), so that a
 * claim with thousands of supports costs linear time, not a comparison
 * of every pair. */
static void support_events(rc_jw *w, const struct rc_events *ev, const rc_claim *cl)
{
    if (!ev)
        return;
    if (cl->nsupport <= 16) {
        const char *seen[16];
        size_t idx[16], nseen = 0, nidx = 0;
        for (size_t i = 0; i < cl->nsupport; i++) {
            size_t ei = rc_events_of_doc(ev, cl->support[i].doc);
            int dup = 0;
            for (size_t k = 0; !dup && k < nidx; k++)
                dup = idx[k] == ei;
            if (dup)
                continue;
            idx[nidx++] = ei;
            const rc_event *e = rc_events_get(ev, ei);
            const char *eid = e ? e->id : NULL;
            dup = !eid;
            for (size_t k = 0; !dup && k < nseen; k++)
                dup = seen[k] == eid || strcmp(seen[k], eid) == 0;
            if (!dup) {
                seen[nseen++] = eid;
                rc_jw_str(w, eid);
            }
        }
        return;
    }
    size_t cap = 64;
    while (cap < 2 * cl->nsupport)
        cap *= 2;
    /* indices stored plus one (0: an empty slot); ids with their hash */
    size_t *iset = rc_calloc(cap, sizeof *iset);
    const char **sset = rc_calloc(cap, sizeof *sset);
    uint64_t *shash = rc_malloc(cap * sizeof *shash);
    int none_seen = 0; /* SIZE_MAX (no event) met */
    for (size_t i = 0; i < cl->nsupport; i++) {
        size_t ei = rc_events_of_doc(ev, cl->support[i].doc);
        if (ei == SIZE_MAX) {
            if (none_seen)
                continue;
            none_seen = 1;
        } else {
            size_t h = (size_t)(((uint64_t)ei * UINT64_C(0x9E3779B97F4A7C15)) >> 32) & (cap - 1);
            while (iset[h] && iset[h] != ei + 1)
                h = (h + 1) & (cap - 1);
            if (iset[h])
                continue;
            iset[h] = ei + 1;
        }
        const rc_event *e = rc_events_get(ev, ei);
        const char *eid = e ? e->id : NULL;
        if (!eid)
            continue;
        uint64_t hv = rc_hash64(eid, strlen(eid), 0);
        size_t h = (size_t)hv & (cap - 1);
        int dup = 0;
        while (sset[h] && !dup) {
            dup = shash[h] == hv && (sset[h] == eid || strcmp(sset[h], eid) == 0);
            if (!dup)
                h = (h + 1) & (cap - 1);
        }
        if (dup)
            continue;
        sset[h] = eid;
        shash[h] = hv;
        rc_jw_str(w, eid);
    }
    free(iset);
    free(sset);
    free(shash);
}

/* cl's "documents": the ids cl->docs, each written as its document's
 * id (rc_emit_doc_id: the JSON text made once per report part) when the
 * supports, in order, hold a document with each id in turn (cl->docs is
 * that subsequence of the supports' documents: their ids, first seen
 * first), else each id written by rc_jw_strs. Same bytes either way. */
static void claim_docs(rc_jw *w, const rc_report *r, const rc_claim *cl)
{
    size_t small[32], *idx = cl->ndocs <= 32 ? small : rc_malloc(cl->ndocs * sizeof *idx);
    size_t k = 0;
    for (size_t i = 0; i < cl->nsupport && k < cl->ndocs; i++) {
        size_t d = cl->support[i].doc;
        if (d < r->ndocs && cl->docs[k] && strcmp(cl->docs[k], r->docs[d]->id) == 0)
            idx[k++] = d;
    }
    if (k == cl->ndocs) {
        rc_jw_arr(w);
        for (size_t j = 0; j < k; j++)
            rc_emit_doc_id(w, r, idx[j]);
        rc_jw_end(w);
    } else {
        rc_jw_strs(w, cl->docs, cl->ndocs);
    }
    if (idx != small)
        free(idx);
}

/* The claims[] element for claim c; see json_int.h. */
void rc_emit_claim(rc_jw *w, const rc_report *r, size_t c)
{
    const rc_claim *cl = &r->analysis->claims->claims[c];
    rc_jw_obj(w);
    rc_jw_key(w, "id");
    rc_jw_str(w, cl->id);
    rc_jw_key(w, "text");
    rc_jw_str(w, cl->text);
    rc_jw_key(w, "about");
    rc_jw_str(w, cl->about);
    rc_jw_key(w, "documents");
    claim_docs(w, r, cl);
    rc_jw_key(w, "origins");
    rc_jw_strs(w, cl->origins, cl->norigins);
    rc_jw_key(w, "independent_origins");
    rc_jw_int(w, (long long)cl->norigins);
    rc_jw_key(w, "status");
    rc_jw_str(w, rc_claim_status_name(cl->status));
    rc_jw_key(w, "notes");
    rc_jw_strs(w, cl->notes, cl->nnotes);
    /* the events of the supports, first seen first, each once (by id) */
    rc_jw_key(w, "events");
    rc_jw_arr(w);
    support_events(w, r->analysis ? r->analysis->events : NULL, cl);
    rc_jw_end(w);
    /* bytes: where each distinct chain's text was written in a support
     * (cl->chains[k] is the chain of the first support that has it, the
     * same pointer), copied for the claim's "chain" array */
    size_t nch = 0, smallat[2 * 16], *chat = NULL;
    if (!w->tree && cl->nchains)
        chat = cl->nchains <= 16 ? smallat : rc_malloc(2 * cl->nchains * sizeof *chat);
    rc_jw_key(w, "support");
    rc_jw_arr(w);
    for (size_t i = 0; i < cl->nsupport; i++) {
        /* the supports jump from document to document: the document 8
         * ahead and the words of the support 4 ahead are asked for early */
        if (i + 8 < cl->nsupport && cl->support[i + 8].doc < r->ndocs)
            __builtin_prefetch(r->docs[cl->support[i + 8].doc]);
        if (i + 4 < cl->nsupport && cl->support[i + 4].doc < r->ndocs) {
            const rc_claim_support *a = &cl->support[i + 4];
            const rc_doc *ad = r->docs[a->doc];
            if (ad->text && a->start < ad->text_len)
                __builtin_prefetch(ad->text + a->start);
        }
        const rc_claim_support *s = &cl->support[i];
        const rc_doc *d = s->doc < r->ndocs ? r->docs[s->doc] : NULL;
        rc_jw_obj(w);
        rc_jw_key(w, "document");
        if (d)
            rc_emit_doc_id(w, r, s->doc);
        else
            rc_jw_null(w);
        rc_jw_key(w, "event");
        rc_jw_str(w, event_of(r, s->doc));
        rc_jw_key(w, "text");
        if (d)
            rc_emit_span(w, r, s->doc, s->start, s->end);
        else
            rc_jw_null(w);
        rc_jw_key(w, "start");
        rc_jw_int(w, s->start);
        rc_jw_key(w, "end");
        rc_jw_int(w, s->end);
        rc_jw_key(w, "origin");
        rc_jw_str(w, s->origin);
        rc_jw_key(w, "relay");
        rc_jw_bool(w, s->relay);
        rc_jw_key(w, "copy");
        rc_jw_bool(w, s->copy);
        rc_jw_key(w, "stance");
        rc_jw_str(w, rc_stance_name(s->stance));
        rc_jw_key(w, "chain");
        size_t at = w->b ? w->b->len : 0;
        rc_jw_str(w, s->chain);
        if (chat && nch < cl->nchains && s->chain == cl->chains[nch]) {
            chat[2 * nch] = at;
            chat[2 * nch + 1] = w->b->len - at;
            nch++;
        }
        rc_jw_end(w);
    }
    rc_jw_end(w);
    rc_jw_key(w, "chain");
    if (chat && nch == cl->nchains && !rc_jw_error(w)) {
        rc_jw_arr(w);
        for (size_t k = 0; k < nch; k++) {
            /* room first: the copy's source is in the same buffer */
            if (rc_buf_reserve(w->b, chat[2 * k + 1] + 1) != RC_OK) {
                rc_jw_str(w, cl->chains[k]);
                continue;
            }
            rc_jw_strjson(w, cl->chains[k], w->b->data + chat[2 * k], chat[2 * k + 1]);
        }
        rc_jw_end(w);
    } else {
        rc_jw_strs(w, cl->chains, cl->nchains);
    }
    if (chat != smallat)
        free(chat);
    rc_jw_end(w);
}

/* Number of claims[] elements; see json_int.h. */
size_t rc_emit_nclaims(const rc_report *r)
{
    return r->analysis && r->analysis->claims ? r->analysis->claims->nclaims : 0;
}
