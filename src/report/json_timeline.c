/*
 * json_timeline.c - events[].timeline: what happened in what order within
 * one event; see report/json_int.h. Until events exist, the run's timeline
 * (every document as one group) is available as rc_json_run_timeline().
 */
#include "cluster/events.h"
#include "crosscheck/timeline.h"
#include "report/json_int.h"
#include "util/mem.h"

/* The items of t as a JSON array: {date, kind, text, documents[],
 * evidence: [{document, start, end}]}. */
static json_t *timeline_json(const rc_report *r, const rc_timeline *t)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < t->nitems; i++) {
        const rc_timeline_item *it = &t->items[i];
        json_t *o = json_object(), *docs = json_array(), *ev = json_array();
        RC_JSET(o, "date", rc_json_string(it->date));
        RC_JSET(o, "kind", rc_json_string(rc_timeline_kind_name(it->kind)));
        RC_JSET(o, "text", rc_json_str(it->text));
        for (size_t k = 0; k < it->ndocs; k++)
            json_array_append_new(docs, rc_json_id(r->docs[it->docs[k]]->id));
        for (size_t k = 0; k < it->nevidence; k++) {
            const rc_timeline_evidence *e = &it->evidence[k];
            json_t *eo = json_object();
            RC_JSET(eo, "document", rc_json_id(r->docs[e->doc]->id));
            RC_JSET(eo, "start", json_integer(e->start));
            RC_JSET(eo, "end", json_integer(e->end));
            json_array_append_new(ev, eo);
        }
        RC_JSET(o, "documents", docs);
        RC_JSET(o, "evidence", ev);
        json_array_append_new(arr, o);
    }
    return arr;
}

/* The timeline of the documents group[0..n) with the given event dates;
 * see json_int.h. */
json_t *rc_json_timeline_group(const rc_report *r, const size_t *group, size_t n,
                               const char *const *event_dates, size_t ndates)
{
    if (!r->analysis || !r->analysis->facts)
        return json_array();
    for (size_t i = 0; i < n; i++)
        if (group[i] >= r->ndocs)
            return json_array();
    rc_timeline *t = rc_timeline_build(r->analysis, group, n, event_dates, ndates);
    json_t *arr = timeline_json(r, t);
    rc_timeline_free(t);
    return arr;
}

/* The timeline of event e: its documents, with the event's date; see
 * json_int.h. */
json_t *rc_json_timeline(const rc_report *r, size_t e)
{
    if (!r->analysis || !r->analysis->events)
        return json_array();
    const rc_event *ev = rc_events_get(r->analysis->events, e);
    if (!ev)
        return json_array();
    const char *date = ev->date;
    return rc_json_timeline_group(r, ev->docs, ev->ndocs, &date, ev->undated || !*date ? 0 : 1);
}

/* The timeline of the whole run; see json_int.h. */
json_t *rc_json_run_timeline(const rc_report *r)
{
    if (!r->analysis)
        return json_array();
    size_t n = r->ndocs < r->analysis->ndocs ? r->ndocs : r->analysis->ndocs;
    size_t *group = rc_malloc((n ? n : 1) * sizeof *group);
    for (size_t i = 0; i < n; i++)
        group[i] = i;
    json_t *arr = rc_json_timeline_group(r, group, n, NULL, 0);
    free(group);
    return arr;
}
