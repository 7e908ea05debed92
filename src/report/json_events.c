/*
 * json_events.c - events[] and stories[] (cluster/events.h); see
 * report/json_int.h.
 */
#include "report/json_int.h"
#include "cluster/events.h"

/* An array of the ids of documents docs[0..n) of the report. */
static void doc_ids(rc_jw *w, const rc_report *r, const size_t *docs, size_t n)
{
    rc_jw_arr(w);
    for (size_t i = 0; i < n; i++)
        if (docs[i] < r->ndocs)
            rc_emit_doc_id(w, r, docs[i]);
    rc_jw_end(w);
}

/* Number of events[] elements; see json_int.h. */
size_t rc_emit_nevents(const rc_report *r)
{
    return rc_events_count(r->analysis ? r->analysis->events : NULL);
}

/* The events[] element of event i; see json_int.h. */
void rc_emit_event(rc_jw *w, const rc_report *r, size_t i)
{
    const struct rc_events *e = r->analysis->events;
    const rc_event *ev = rc_events_get(e, i);
    const rc_story *st = rc_stories_get(e, ev->story);
    rc_jw_obj(w);
    rc_jw_key(w, "id");
    rc_jw_str(w, ev->id);
    rc_jw_key(w, "date");
    if (ev->undated)
        rc_jw_null(w);
    else
        rc_jw_str(w, ev->date);
    rc_jw_key(w, "undated");
    rc_jw_bool(w, ev->undated);
    rc_jw_key(w, "label");
    rc_jw_str(w, ev->label && *ev->label ? ev->label : NULL);
    rc_jw_key(w, "documents");
    doc_ids(w, r, ev->docs, ev->ndocs);
    rc_jw_key(w, "outlets");
    rc_jw_strs(w, ev->outlets, ev->noutlets);
    rc_jw_key(w, "languages");
    rc_jw_strs(w, ev->langs, ev->nlangs);
    rc_jw_key(w, "story");
    rc_jw_str(w, st ? st->id : NULL);
    rc_jw_key(w, "timeline");
    rc_emit_timeline(w, r, i);
    rc_jw_end(w);
}

/* Number of stories[] elements; see json_int.h. */
size_t rc_emit_nstories(const rc_report *r)
{
    return rc_stories_count(r->analysis ? r->analysis->events : NULL);
}

/* The stories[] element of story s; see json_int.h. */
void rc_emit_story(rc_jw *w, const rc_report *r, size_t s)
{
    const struct rc_events *e = r->analysis->events;
    const rc_story *st = rc_stories_get(e, s);
    rc_jw_obj(w);
    rc_jw_key(w, "id");
    rc_jw_str(w, st->id);
    rc_jw_key(w, "label");
    rc_jw_str(w, st->label && *st->label ? st->label : NULL);
    rc_jw_key(w, "events");
    rc_jw_arr(w);
    for (size_t k = 0; k < st->nevents; k++)
        rc_jw_str(w, rc_events_get(e, st->events[k])->id);
    rc_jw_end(w);
    rc_jw_key(w, "documents");
    rc_jw_arr(w);
    for (size_t k = 0; k < st->nevents; k++) {
        const rc_event *ev = rc_events_get(e, st->events[k]);
        for (size_t j = 0; j < ev->ndocs; j++)
            if (ev->docs[j] < r->ndocs)
                rc_emit_doc_id(w, r, ev->docs[j]);
    }
    rc_jw_end(w);
    rc_jw_end(w);
}
