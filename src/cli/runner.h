/*
 * runner.h - the ingest loop shared by `ingest` and `analyze`: walk the
 * inputs, build each document, store it, and (for analyze) keep the run's
 * documents for the report.
 *
 * Ownership: rc_runner_init() / rc_runner_cleanup(); the collected
 * documents belong to the runner and are freed by rc_runner_cleanup().
 */
#ifndef RC_RUNNER_H
#define RC_RUNNER_H
#include <stddef.h>
#include "doc/doc.h"
#include "ingest/ingest.h"
#include "store/store.h"

typedef struct rc_runner {
    rc_store *store;          /* borrowed */
    int collect;              /* keep documents for a report */
    int place;                /* place each stored document into an event
                                 (cluster/place.h), in the document's batch */
    struct rc_placer *placer; /* owned while running when place is set */
    rc_doc **docs;            /* collected documents, in input order */
    size_t ndocs, capdocs;
    unsigned long added, replaced, unchanged, duplicate, failed;
    /* group commit: documents written since the batch began, and when */
    unsigned batch_docs;
    double batch_start;
} rc_runner;

/* Group commit bounds: a batch is committed after this many documents or
 * this many seconds, whichever comes first. Each document is still written
 * all or nothing; a killed run loses at most the open batch (never part of
 * a document), which the next run adds again. The time bound is what
 * limits that loss; the document bound only caps a batch when ingest runs
 * fast (a store-only ingest does ~5,000 documents a second): each commit
 * rewrites every index page its documents touched (documents.id,
 * content_hash, line_seen: random keys), and 1,024 rather than 64
 * documents a commit halved the writes (bench/README.md, round 4). */
#define RC_RUNNER_BATCH_DOCS 1024
#define RC_RUNNER_BATCH_SECONDS 0.25

/* Prepare r over an open store; collect != 0 keeps the documents. Set
 * r->place before rc_runner_run to place the documents as they are stored. */
void rc_runner_init(rc_runner *r, rc_store *store, int collect);
/* Free the collected documents. */
void rc_runner_cleanup(rc_runner *r);
/* Ingest the inputs; messages for every failure are printed. Returns RC_OK
 * when everything went in, RC_ERR when some input failed. */
int rc_runner_run(rc_runner *r, const char *const *paths, size_t npaths,
                  const rc_ingest_opts *opts);

#endif
