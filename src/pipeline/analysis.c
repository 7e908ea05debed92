/*
 * analysis.c - the stages after ingest, in order; see analysis.h.
 */
#include "pipeline/analysis.h"
#include "crosscheck/framing.h"
#include "crosscheck/claims.h"
#include "cluster/events.h"
#include "text/textmodel.h"
#include "util/mem.h"
#include "util/rc.h"
#include <string.h>

/* The extract stage; see analysis.h. */
int rc_analysis_extract(rc_analysis *a, rc_doc **docs, size_t n)
{
    memset(a, 0, sizeof *a);
    a->docs = docs;
    a->ndocs = n;
    a->facts = rc_calloc(n ? n : 1, sizeof *a->facts);
    a->entities = rc_entities_new();
    for (size_t i = 0; i < n; i++) {
        if (!docs[i]->tokens)
            rc_textmodel_build(docs[i]);
        a->facts[i] = rc_facts_new(docs[i]);
        rc_extract_all(docs[i], a->facts[i]);
        rc_entities_add(a->entities, docs[i], a->facts[i]);
    }
    rc_entities_merge(a->entities);
    return RC_OK;
}

/* Every stage; see analysis.h. */
int rc_analysis_run(rc_analysis *a, rc_doc **docs, size_t n)
{
    rc_analysis_extract(a, docs, n);
    /* cluster: copies, then events and stories */
    a->events = rc_events_build(a);
    /* crosscheck: claims across the events of a story (a claim's carriers
     * may report different events of it), framing per event against the
     * event's other articles and the whole run */
    size_t ns = rc_stories_count(a->events), ne = rc_events_count(a->events);
    size_t *members = rc_malloc((n ? n : 1) * sizeof *members);
    a->claims = rc_claims_new();
    for (size_t s = 0; s < ns; s++) {
        const rc_story *st = rc_stories_get(a->events, s);
        size_t m = 0;
        for (size_t k = 0; k < st->nevents; k++) {
            const rc_event *ev = rc_events_get(a->events, st->events[k]);
            for (size_t j = 0; j < ev->ndocs && m < n; j++)
                members[m++] = ev->docs[j];
        }
        rc_claims_add_group(a->claims, a, members, m, NULL);
    }
    free(members);
    const size_t **groups = rc_malloc((ne ? ne : 1) * sizeof *groups);
    size_t *sizes = rc_malloc((ne ? ne : 1) * sizeof *sizes);
    for (size_t e = 0; e < ne; e++) {
        const rc_event *ev = rc_events_get(a->events, e);
        groups[e] = ev->docs;
        sizes[e] = ev->ndocs;
    }
    rc_framing_background *bg = rc_framing_background_new(a);
    a->framing = rc_framing_build_groups(a, bg, (const size_t *const *)groups, sizes, ne);
    rc_framing_background_free(bg);
    free(groups);
    free(sizes);
    return RC_OK;
}

/* Free the stage results; see analysis.h. */
void rc_analysis_cleanup(rc_analysis *a)
{
    if (!a)
        return;
    rc_framing_free(a->framing);
    rc_claims_free(a->claims);
    rc_events_free(a->events);
    rc_entities_free(a->entities);
    free(a->facts);
    memset(a, 0, sizeof *a);
}
