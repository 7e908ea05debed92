/*
 * json_timeline.c - events[].timeline: what happened in what order within
 * one event; see report/json_int.h.
 */
#include "report/json_int.h"

/* The timeline of event e; see json_int.h. */
json_t *rc_json_timeline(const rc_report *r, size_t e)
{
    (void)r;
    (void)e;
    return json_array();
}
