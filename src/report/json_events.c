/*
 * json_events.c - events[] and stories[] (cluster/events.h); see
 * report/json_int.h.
 */
#include "report/json_int.h"
#include "cluster/events.h"

/* An array of the ids of documents docs[0..n) of the report. */
static json_t *doc_ids(const rc_report *r, const size_t *docs, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        if (docs[i] < r->ndocs)
            json_array_append_new(a, rc_json_id(r->docs[docs[i]]->id));
    return a;
}

/* An array of the strings v[0..n). */
static json_t *strs(const char *const *v, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, rc_json_str(v[i]));
    return a;
}

/* events[]; see json_int.h. */
json_t *rc_json_events(const rc_report *r)
{
    json_t *out = json_array();
    const struct rc_events *e = r->analysis ? r->analysis->events : NULL;
    for (size_t i = 0; i < rc_events_count(e); i++) {
        const rc_event *ev = rc_events_get(e, i);
        const rc_story *st = rc_stories_get(e, ev->story);
        json_t *o = json_object();
        RC_JSET(o, "id", rc_json_string(ev->id));
        RC_JSET(o, "date", ev->undated ? json_null() : rc_json_str(ev->date));
        RC_JSET(o, "undated", json_boolean(ev->undated));
        RC_JSET(o, "label", rc_json_str(ev->label && *ev->label ? ev->label : NULL));
        RC_JSET(o, "documents", doc_ids(r, ev->docs, ev->ndocs));
        RC_JSET(o, "outlets", strs(ev->outlets, ev->noutlets));
        RC_JSET(o, "languages", strs(ev->langs, ev->nlangs));
        RC_JSET(o, "story", st ? rc_json_string(st->id) : json_null());
        RC_JSET(o, "timeline", rc_json_timeline(r, i));
        json_array_append_new(out, o);
    }
    return out;
}

/* stories[]; see json_int.h. */
json_t *rc_json_stories(const rc_report *r)
{
    json_t *out = json_array();
    const struct rc_events *e = r->analysis ? r->analysis->events : NULL;
    for (size_t s = 0; s < rc_stories_count(e); s++) {
        const rc_story *st = rc_stories_get(e, s);
        json_t *o = json_object();
        RC_JSET(o, "id", rc_json_string(st->id));
        RC_JSET(o, "label", rc_json_str(st->label && *st->label ? st->label : NULL));
        json_t *evs = json_array(), *docs = json_array();
        for (size_t k = 0; k < st->nevents; k++) {
            const rc_event *ev = rc_events_get(e, st->events[k]);
            json_array_append_new(evs, rc_json_string(ev->id));
            for (size_t j = 0; j < ev->ndocs; j++)
                if (ev->docs[j] < r->ndocs)
                    json_array_append_new(docs, rc_json_id(r->docs[ev->docs[j]]->id));
        }
        RC_JSET(o, "events", evs);
        RC_JSET(o, "documents", docs);
        json_array_append_new(out, o);
    }
    return out;
}
