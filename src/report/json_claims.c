/*
 * json_claims.c - claims[] (crosscheck/claims.h); see report/json_int.h.
 */
#include "cluster/events.h"
#include "crosscheck/claims.h"
#include "report/json_int.h"
#include "util/mem.h"
#include <string.h>

/* An array of the n strings of v. */
static json_t *strings(const char *const *v, size_t n)
{
    json_t *j = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(j, rc_json_str(v[i]));
    return j;
}

/* Id of the event of document doc, NULL when events are not known. */
static const char *event_of(const rc_report *r, size_t doc)
{
    const struct rc_events *ev = r->analysis ? r->analysis->events : NULL;
    if (!ev)
        return NULL;
    const rc_event *e = rc_events_get(ev, rc_events_of_doc(ev, doc));
    return e ? e->id : NULL;
}

/* The claims[] element for claim cl. */
static json_t *claim_json(const rc_report *r, const rc_claim *cl)
{
    json_t *o = json_object();
    RC_JSET(o, "id", rc_json_string(cl->id));
    RC_JSET(o, "text", rc_json_str(cl->text));
    RC_JSET(o, "about", rc_json_str(cl->about));
    RC_JSET(o, "documents", strings(cl->docs, cl->ndocs));
    RC_JSET(o, "origins", strings(cl->origins, cl->norigins));
    RC_JSET(o, "independent_origins", json_integer((json_int_t)cl->norigins));
    RC_JSET(o, "status", rc_json_string(rc_claim_status_name(cl->status)));
    RC_JSET(o, "notes", strings(cl->notes, cl->nnotes));
    json_t *sup = json_array(), *events = json_array();
    /* each support's event id once (event_of walks the event index), and
     * the distinct ids in first-seen order: a pointer already met is a
     * repeat; a new pointer is compared by text with the ids kept */
    const char **eids = rc_malloc((cl->nsupport ? cl->nsupport : 1) * sizeof *eids);
    const char **kept = rc_malloc((cl->nsupport ? cl->nsupport : 1) * sizeof *kept);
    const char **met = rc_malloc((cl->nsupport ? cl->nsupport : 1) * sizeof *met);
    size_t nkept = 0, nmet = 0;
    for (size_t i = 0; i < cl->nsupport; i++) {
        const char *eid = eids[i] = event_of(r, cl->support[i].doc);
        if (!eid)
            continue;
        int seen = 0;
        for (size_t k = 0; k < nmet && !seen; k++)
            seen = met[k] == eid;
        if (seen)
            continue;
        met[nmet++] = eid;
        for (size_t k = 0; k < nkept && !seen; k++)
            seen = strcmp(kept[k], eid) == 0;
        if (!seen) {
            kept[nkept++] = eid;
            json_array_append_new(events, rc_json_string(eid));
        }
    }
    free(kept);
    free(met);
    RC_JSET(o, "events", events);
    for (size_t i = 0; i < cl->nsupport; i++) {
        const rc_claim_support *s = &cl->support[i];
        const rc_doc *d = s->doc < r->ndocs ? r->docs[s->doc] : NULL;
        json_t *x = json_object();
        RC_JSET(x, "document", rc_json_id(d ? d->id : NULL));
        RC_JSET(x, "event", rc_json_id(eids[i]));
        RC_JSET(x, "text", d ? rc_json_span(d, s->start, s->end) : json_null());
        RC_JSET(x, "start", json_integer(s->start));
        RC_JSET(x, "end", json_integer(s->end));
        RC_JSET(x, "origin", rc_json_str(s->origin));
        RC_JSET(x, "relay", json_boolean(s->relay));
        RC_JSET(x, "copy", json_boolean(s->copy));
        RC_JSET(x, "stance", rc_json_string(rc_stance_name(s->stance)));
        RC_JSET(x, "chain", rc_json_str(s->chain));
        json_array_append_new(sup, x);
    }
    free(eids);
    RC_JSET(o, "support", sup);
    RC_JSET(o, "chain", strings(cl->chains, cl->nchains));
    return o;
}

/* claims[]; see json_int.h. */
json_t *rc_json_claims(const rc_report *r)
{
    json_t *arr = json_array();
    if (!r->analysis || !r->analysis->claims)
        return arr;
    const rc_claims *c = r->analysis->claims;
    for (size_t i = 0; i < c->nclaims; i++)
        json_array_append_new(arr, claim_json(r, &c->claims[i]));
    return arr;
}
