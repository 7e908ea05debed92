/*
 * analysis.h - the stages after ingest, run over the documents of one
 * analysis: extract (facts, merged entities), cluster (copies, events,
 * stories) and cross-check (claims, discrepancies, framing, timeline).
 * `analyze`, `report` and `events` fill one rc_analysis and hand it to the
 * report writers.
 *
 * Ownership: rc_analysis_run() borrows the documents (the caller frees them
 * after rc_analysis_cleanup()); everything else in the struct is owned by it
 * and released by rc_analysis_cleanup(). Facts live in their document's
 * arena. A stage that has not run leaves its pointer NULL, and the writers
 * then print an empty array for its keys.
 */
#ifndef RC_ANALYSIS_H
#define RC_ANALYSIS_H
#include <stddef.h>
#include "doc/doc.h"
#include "extract/entities.h"
#include "extract/facts.h"

struct rc_copies;         /* cluster/copies.h */
struct rc_events;         /* cluster/events.h */
struct rc_claims;         /* crosscheck/claims.h */
struct rc_discrepancies;  /* crosscheck/discrepancy.h */
struct rc_framing;        /* crosscheck/framing.h */
struct rc_framing_background; /* crosscheck/framing.h */

typedef struct rc_analysis {
    rc_doc **docs;                    /* borrowed, in input order */
    size_t ndocs;
    rc_facts **facts;                 /* parallel to docs */
    rc_entity_table *entities;        /* merged over all the documents */
    struct rc_copies *copies;         /* exact and near-duplicate copies */
    struct rc_events *events;         /* events and stories */
    struct rc_claims *claims;
    struct rc_discrepancies *discrepancies;
    struct rc_framing *framing;
    /* per document, 1 when its facts were decoded from the store's record
     * (owned; set by the extract stage) */
    unsigned char *facts_stored;
    /* per document, the features record the store kept for it
     * (cluster/evfeat.h) and its length, or NULL: borrowed, set by a
     * caller reading a store after the extract stage. The event labels
     * read its terms instead of building them again when the document's
     * facts came from the store too (same text model: the facts
     * fingerprint) */
    const unsigned char *const *stored_features;
    const size_t *nstored_features;
} rc_analysis;

/* Run every stage over docs[0..n) (each must have its text; tokens are
 * built when missing). Returns RC_OK; a stage that fails leaves its result
 * NULL and prints why. */
int rc_analysis_run(rc_analysis *a, rc_doc **docs, size_t n);

/* Run only the extract stage (facts and merged entities). Returns RC_OK. */
int rc_analysis_extract(rc_analysis *a, rc_doc **docs, size_t n);

/* The facts of d from the record the store kept for it (d->stored_facts)
 * when that record decodes for this program and d's text (the extract
 * stage's test), in d's arena, d's tokens then read from the record too
 * or, when it holds none, made over d's sentences: what extracting d would
 * give. NULL when d has no record, it does not decode, or
 * RECOUPE_NO_STORED_FACTS is set: d's tokens are then as they were (a
 * failed decode may leave unused bytes in d's arena). rd: a decoding
 * scratch reused over calls, or NULL. */
struct rc_facts_scratch;  /* extract/factscodec.h */
rc_facts *rc_analysis_stored_facts(rc_doc *d, struct rc_facts_scratch *rd);
/* The cross-check stage alone, for a caller that extracted (the extract
 * stage), found the copies and set a->events itself (`report` on a store:
 * the stored events, cluster/place.h): anchors undated articles' dates to
 * their event, claims and discrepancies per story, framing per event
 * against bg (borrowed; built by the caller over a bounded background).
 * Claim ids start at "C<claim_base + 1>" (a report written in parts keeps
 * them distinct). Returns RC_OK. */
int rc_analysis_crosscheck(rc_analysis *a, const struct rc_framing_background *bg,
                           size_t claim_base);

/* rc_analysis_crosscheck in two steps, for a caller that cross-checks
 * several parts at once on worker threads and numbers their claims in
 * order afterwards: _groups does the work (dates anchored, discrepancies,
 * claims numbered from C1, framing; touches nothing but a and reads bg),
 * _finish numbers the claims from claim_base + 1 and adds the contested
 * claims to the discrepancies. _groups then _finish(a, base) gives what
 * rc_analysis_crosscheck(a, bg, base) gives. Both return RC_OK. */
int rc_analysis_crosscheck_groups(rc_analysis *a, const struct rc_framing_background *bg);
int rc_analysis_crosscheck_finish(rc_analysis *a, size_t claim_base);

/* Release everything rc_analysis_run made; the documents stay. */
void rc_analysis_cleanup(rc_analysis *a);

#endif
