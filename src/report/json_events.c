/*
 * json_events.c - events[] and stories[] (cluster/events.h); see
 * report/json_int.h.
 */
#include "report/json_int.h"

/* events[]; see json_int.h. */
json_t *rc_json_events(const rc_report *r)
{
    (void)r;
    return json_array();
}

/* stories[]; see json_int.h. */
json_t *rc_json_stories(const rc_report *r)
{
    (void)r;
    return json_array();
}
