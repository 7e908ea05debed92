/*
 * json_timeline.c - events[].timeline: what happened in what order within
 * one event; see report/json_int.h.
 */
#include "cluster/events.h"
#include "crosscheck/timeline.h"
#include "report/json_int.h"
#include "util/mem.h"

/* The items of t as a JSON array: {date, kind, text, documents[],
 * evidence: [{document, start, end}]}. */
static void timeline_emit(rc_jw *w, const rc_report *r, const rc_timeline *t)
{
    rc_jw_arr(w);
    for (size_t i = 0; i < t->nitems; i++) {
        const rc_timeline_item *it = &t->items[i];
        rc_jw_obj(w);
        rc_jw_key(w, "date");
        rc_jw_str(w, it->date);
        rc_jw_key(w, "kind");
        rc_jw_str(w, rc_timeline_kind_name(it->kind));
        rc_jw_key(w, "text");
        rc_jw_str(w, it->text);
        rc_jw_key(w, "documents");
        rc_jw_arr(w);
        for (size_t k = 0; k < it->ndocs; k++)
            rc_emit_doc_id(w, r, it->docs[k]);
        rc_jw_end(w);
        rc_jw_key(w, "evidence");
        rc_jw_arr(w);
        for (size_t k = 0; k < it->nevidence; k++) {
            const rc_timeline_evidence *e = &it->evidence[k];
            rc_jw_obj(w);
            rc_jw_key(w, "document");
            rc_emit_doc_id(w, r, e->doc);
            rc_jw_key(w, "start");
            rc_jw_int(w, e->start);
            rc_jw_key(w, "end");
            rc_jw_int(w, e->end);
            rc_jw_end(w);
        }
        rc_jw_end(w);
        rc_jw_end(w);
    }
    rc_jw_end(w);
}

/* The timeline of the documents group[0..n) with the given event dates. */
static void timeline_group(rc_jw *w, const rc_report *r, const size_t *group, size_t n,
                           const char *const *event_dates, size_t ndates)
{
    int ok = r->analysis && r->analysis->facts;
    for (size_t i = 0; ok && i < n; i++)
        ok = group[i] < r->ndocs;
    if (!ok) {
        rc_jw_arr(w);
        rc_jw_end(w);
        return;
    }
    rc_timeline *t = rc_timeline_build(r->analysis, group, n, event_dates, ndates);
    timeline_emit(w, r, t);
    rc_timeline_free(t);
}

/* The timeline of event e: its documents, with the event's date; see
 * json_int.h. */
void rc_emit_timeline(rc_jw *w, const rc_report *r, size_t e)
{
    const rc_event *ev = r->analysis && r->analysis->events ? rc_events_get(r->analysis->events, e)
                                                            : NULL;
    if (!ev) {
        rc_jw_arr(w);
        rc_jw_end(w);
        return;
    }
    const char *date = ev->date;
    timeline_group(w, r, ev->docs, ev->ndocs, &date, ev->undated || !*date ? 0 : 1);
}
