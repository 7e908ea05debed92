/*
 * analysis.c - the stages after ingest, in order; see analysis.h.
 */
#include "pipeline/analysis.h"
#include "cluster/copies.h"
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
    a->copies = rc_copies_build(a->docs, a->ndocs);
    /* crosscheck: claims, discrepancies, framing */
    return RC_OK;
}

/* Free the stage results; see analysis.h. */
void rc_analysis_cleanup(rc_analysis *a)
{
    if (!a)
        return;
    rc_entities_free(a->entities);
    rc_copies_free(a->copies);
    free(a->facts);
    memset(a, 0, sizeof *a);
}
