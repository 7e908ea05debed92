/*
 * json_int.h - the elements of the JSON report (report/json.c), written
 * by the later stages' builders, one file per stage so each stays small:
 *   json_copies.c        documents[].copies        (cluster/copies.h)
 *   json_events.c        events[], stories[]       (cluster/events.h)
 *   json_timeline.c      events[].timeline         (crosscheck)
 *   json_claims.c        claims[]                  (crosscheck/claims.h)
 *   json_discrepancies.c discrepancies[]           (crosscheck/discrepancy.h)
 *   json_framing.c       framing[]                 (crosscheck/framing.h)
 * Each emitter writes one element (or, for copies, keys of the open
 * document object) through a report/jw.h writer: the same calls build
 * the tree the renderers read or write the JSON text directly. An
 * emitter of element i is called only with i below its count (a stage
 * that has not run counts 0).
 */
#ifndef RC_JSON_INT_H
#define RC_JSON_INT_H
#include "report/jw.h"
#include "report/report.h"
#include <jansson.h>

/* A JSON string for s (NULL -> null); invalid UTF-8 is repaired. */
json_t *rc_json_str(const char *s);

/* The id of report document i (as rc_jw_str writes it; the text made
 * once per document when r comes from rc_report_elems_new). */
void rc_emit_doc_id(rc_jw *w, const rc_report *r, size_t i);

/* The exact words [start, end) of report document i (rc_jw_span's
 * rule; a text known to be valid UTF-8 is not checked again: a span of
 * it is valid when both ends fall on character boundaries). */
void rc_emit_span(rc_jw *w, const rc_report *r, size_t i, uint32_t start, uint32_t end);

/* "copies" (and "copies_more") of document i, inside its open object;
 * nothing when copies were not found. */
void rc_emit_doc_copies(rc_jw *w, const rc_report *r, size_t i);
size_t rc_emit_nevents(const rc_report *r);
void rc_emit_event(rc_jw *w, const rc_report *r, size_t i);
size_t rc_emit_nstories(const rc_report *r);
void rc_emit_story(rc_jw *w, const rc_report *r, size_t s);
/* The timeline of event e (an array), for events[e].timeline. */
void rc_emit_timeline(rc_jw *w, const rc_report *r, size_t e);
size_t rc_emit_nclaims(const rc_report *r);
void rc_emit_claim(rc_jw *w, const rc_report *r, size_t c);
/* Issue k of document i (discrepancies recorded on one document). */
void rc_emit_doc_issue(rc_jw *w, const rc_report *r, size_t i, size_t k);
size_t rc_emit_ndiscrepancies(const rc_report *r);
void rc_emit_discrepancy(rc_jw *w, const rc_report *r, size_t i);
/* Framing entry i; *doc is its document; returns 0 without writing when
 * that document is not one of the report's. */
size_t rc_emit_nframing(const rc_report *r);
int rc_emit_framing(rc_jw *w, const rc_report *r, size_t i, size_t *doc);

#endif
