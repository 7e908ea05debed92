/*
 * json_claims.c - claims[] (crosscheck/claims.h); see report/json_int.h.
 */
#include "cluster/events.h"
#include "crosscheck/claims.h"
#include "report/json_int.h"
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
    json_object_set_new(o, "id", json_string(cl->id));
    json_object_set_new(o, "text", rc_json_str(cl->text));
    json_object_set_new(o, "about", rc_json_str(cl->about));
    json_object_set_new(o, "documents", strings(cl->docs, cl->ndocs));
    json_object_set_new(o, "origins", strings(cl->origins, cl->norigins));
    json_object_set_new(o, "independent_origins", json_integer((json_int_t)cl->norigins));
    json_object_set_new(o, "status", json_string(rc_claim_status_name(cl->status)));
    json_object_set_new(o, "notes", strings(cl->notes, cl->nnotes));
    json_t *sup = json_array(), *events = json_array();
    for (size_t i = 0; i < cl->nsupport; i++) {
        const char *eid = event_of(r, cl->support[i].doc);
        int seen = 0;
        for (size_t k = 0; eid && k < json_array_size(events); k++)
            seen |= strcmp(json_string_value(json_array_get(events, k)), eid) == 0;
        if (eid && !seen)
            json_array_append_new(events, json_string(eid));
    }
    json_object_set_new(o, "events", events);
    for (size_t i = 0; i < cl->nsupport; i++) {
        const rc_claim_support *s = &cl->support[i];
        const rc_doc *d = s->doc < r->ndocs ? r->docs[s->doc] : NULL;
        json_t *x = json_object();
        json_object_set_new(x, "document", rc_json_str(d ? d->id : NULL));
        json_object_set_new(x, "event", rc_json_str(event_of(r, s->doc)));
        json_object_set_new(x, "text", d ? rc_json_span(d, s->start, s->end) : json_null());
        json_object_set_new(x, "start", json_integer(s->start));
        json_object_set_new(x, "end", json_integer(s->end));
        json_object_set_new(x, "origin", rc_json_str(s->origin));
        json_object_set_new(x, "relay", json_boolean(s->relay));
        json_object_set_new(x, "copy", json_boolean(s->copy));
        json_object_set_new(x, "stance", json_string(rc_stance_name(s->stance)));
        json_object_set_new(x, "chain", rc_json_str(s->chain));
        json_array_append_new(sup, x);
    }
    json_object_set_new(o, "support", sup);
    json_object_set_new(o, "chain", strings(cl->chains, cl->nchains));
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
