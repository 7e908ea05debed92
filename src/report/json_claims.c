/*
 * json_claims.c - claims[] (crosscheck/claims.h); see report/json_int.h.
 */
#include "cluster/events.h"
#include "crosscheck/claims.h"
#include "report/json_int.h"
#include "util/mem.h"
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
    rc_jw_strs(w, cl->docs, cl->ndocs);
    rc_jw_key(w, "origins");
    rc_jw_strs(w, cl->origins, cl->norigins);
    rc_jw_key(w, "independent_origins");
    rc_jw_int(w, (long long)cl->norigins);
    rc_jw_key(w, "status");
    rc_jw_str(w, rc_claim_status_name(cl->status));
    rc_jw_key(w, "notes");
    rc_jw_strs(w, cl->notes, cl->nnotes);
    /* the events of the supports, first seen first, each once (by id:
     * an event index met again is skipped without comparing ids, a new
     * one is compared with the ids written) */
    rc_jw_key(w, "events");
    rc_jw_arr(w);
    const struct rc_events *ev = r->analysis ? r->analysis->events : NULL;
    const char *seen_small[16];
    size_t idx_small[16];
    const char **seen = cl->nsupport <= 16 ? seen_small
                                           : rc_malloc(cl->nsupport * sizeof *seen);
    size_t *idx = cl->nsupport <= 16 ? idx_small : rc_malloc(cl->nsupport * sizeof *idx);
    size_t nseen = 0, nidx = 0;
    for (size_t i = 0; ev && i < cl->nsupport; i++) {
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
    if (seen != seen_small)
        free(seen);
    if (idx != idx_small)
        free(idx);
    rc_jw_end(w);
    rc_jw_key(w, "support");
    rc_jw_arr(w);
    for (size_t i = 0; i < cl->nsupport; i++) {
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
        rc_jw_str(w, s->chain);
        rc_jw_end(w);
    }
    rc_jw_end(w);
    rc_jw_key(w, "chain");
    rc_jw_strs(w, cl->chains, cl->nchains);
    rc_jw_end(w);
}

/* Number of claims[] elements; see json_int.h. */
size_t rc_emit_nclaims(const rc_report *r)
{
    return r->analysis && r->analysis->claims ? r->analysis->claims->nclaims : 0;
}
