/*
 * json_int.h - the parts of the JSON report (report/json.c) written by
 * the later stages, one file per stage so each stays small:
 *   json_copies.c        documents[].copies        (cluster/copies.h)
 *   json_events.c        events[], stories[]       (cluster/events.h)
 *   json_timeline.c      events[].timeline         (crosscheck)
 *   json_claims.c        claims[]                  (crosscheck/claims.h)
 *   json_discrepancies.c discrepancies[]           (crosscheck/discrepancy.h)
 *   json_framing.c       framing[]                 (crosscheck/framing.h)
 * Each builder returns a new jansson value the caller owns; a stage that
 * has not run (r->analysis NULL or its result NULL) gives an empty array.
 */
#ifndef RC_JSON_INT_H
#define RC_JSON_INT_H
#include "report/report.h"
#include <jansson.h>

/* json_object_set_new for a key that is a string literal (valid UTF-8 by
 * construction): no strlen, no UTF-8 check of the key. */
#define RC_JSET(o, k, v) json_object_setn_new_nocheck((o), "" k "", sizeof(k) - 1, (v))

/* Whether s[0..n) is UTF-8 as jansson accepts it (its utf8_check: no
 * overlong forms, surrogates or code points past U+10FFFF; NUL allowed);
 * runs of ASCII are checked 8 bytes at a time. */
int rc_json_utf8_ok(const char *s, size_t n);
/* json_string / json_stringn, same results (NULL for NULL or invalid
 * UTF-8), the check done by rc_json_utf8_ok. */
json_t *rc_json_string(const char *s);
json_t *rc_json_stringn(const char *s, size_t n);

/* A JSON string for s (NULL -> null); invalid UTF-8 is repaired. */
json_t *rc_json_str(const char *s);
/* rc_json_str for an id (a document's, an event's) named by many
 * elements: within rc_report_tree the string of each id pointer is built
 * once and shared (the caller gets a reference of its own). */
json_t *rc_json_id(const char *s);
/* The exact words of [start, end) of d's text ("" when out of range). */
json_t *rc_json_span(const rc_doc *d, uint32_t start, uint32_t end);

/* Add "copies" to the documents[] object o of document i. */
void rc_json_doc_copies(json_t *o, const rc_report *r, size_t i);
json_t *rc_json_events(const rc_report *r);
json_t *rc_json_stories(const rc_report *r);
/* The timeline of event e (an array), for events[e].timeline. */
json_t *rc_json_timeline(const rc_report *r, size_t e);
/* The timeline (crosscheck/timeline.h) of documents group[0..n) with the
 * event dates event_dates[0..ndates), as an array. */
json_t *rc_json_timeline_group(const rc_report *r, const size_t *group, size_t n,
                               const char *const *event_dates, size_t ndates);
/* The timeline of every document of the run as one group (until events
 * exist; for a top-level "timeline" key). */
json_t *rc_json_run_timeline(const rc_report *r);
json_t *rc_json_claims(const rc_report *r);
json_t *rc_json_discrepancies(const rc_report *r);
json_t *rc_json_framing(const rc_report *r);

#endif
