#include "cli/runner.h"
#include "cluster/place.h"
#include "pipeline/pipeline.h"
#include "text/textmodel.h"
#include "util/diag.h"
#include "util/hash.h"
#include "util/mem.h"
#include "util/rc.h"
#include "util/stagetime.h"
#include <string.h>

/* Commit the open batch when it is full or old enough, and open the next.
 * force commits regardless (end of the run). Returns RC_OK or RC_IO. */
static int group_commit(rc_runner *r, int force)
{
    if (!force && r->batch_docs < RC_RUNNER_BATCH_DOCS &&
        rc_stagetime_wall_now() - r->batch_start < RC_RUNNER_BATCH_SECONDS)
        return RC_OK;
    /* the batch's document frequencies and event rows go in with it */
    if (r->placer && rc_placer_flush(r->placer) != RC_OK)
        rc_diag_error(NULL, 0, -1, "could not write the events of the last documents");
    int rc = rc_store_commit(r->store);
    r->batch_docs = 0;
    r->batch_start = rc_stagetime_wall_now();
    if (!force && rc == RC_OK)
        rc = rc_store_begin(r->store);
    return rc;
}

/* Prepare r; see runner.h. */
void rc_runner_init(rc_runner *r, rc_store *store, int collect)
{
    memset(r, 0, sizeof *r);
    r->store = store;
    r->collect = collect;
}

/* Free the collected documents. */
void rc_runner_cleanup(rc_runner *r)
{
    for (size_t i = 0; i < r->ndocs; i++)
        rc_doc_free(r->docs[i]);
    free(r->docs);
    r->docs = NULL;
    r->ndocs = r->capdocs = 0;
}

/* Keep d for the report (ownership moves to r), or free it. When seen is
 * set, d's id may already be collected (the store knew it: an unchanged,
 * duplicate or replaced article) and the earlier copy is replaced; an
 * article the store has just added cannot be, so the search is skipped. */
static void keep(rc_runner *r, rc_doc *d, int seen)
{
    if (!r->collect) {
        rc_doc_free(d);
        return;
    }
    for (size_t i = 0; seen && i < r->ndocs; i++)
        if (strcmp(r->docs[i]->id, d->id) == 0) {
            rc_doc_free(r->docs[i]);
            r->docs[i] = d;
            return;
        }
    if (r->ndocs == r->capdocs) {
        r->capdocs = r->capdocs ? r->capdocs * 2 : 64;
        r->docs = rc_reallocarray(r->docs, r->capdocs, sizeof *r->docs);
    }
    r->docs[r->ndocs++] = d;
}

/* Why a document could not be built, for the user. */
static const char *build_reason(int rc)
{
    switch (rc) {
    case RC_BINARY:
        return "binary content, not a text article; not ingested";
    case RC_EMPTY:
        return "no article text (empty, or nothing left after removing page furniture); not ingested";
    case RC_TOOBIG:
        return "over the size limit; not ingested";
    default:
        return rc_strerror(rc);
    }
}

/* The per-article callback: dedupe, build, store, collect. */
static int on_raw(const rc_raw *raw, void *ud)
{
    rc_runner *r = ud;
    char have[512];
    uint64_t h = rc_raw_content_hash(raw);
    if (raw->body_len && rc_store_find_hash(r->store, h, have, sizeof have) == RC_OK) {
        if (raw->id && strcmp(raw->id, have) != 0) {
            r->duplicate++;
            rc_diag_warn(raw->input, raw->line, -1,
                         "same content as stored document %s; not stored again", have);
        } else {
            r->unchanged++;
            rc_diag_info(raw->input, "unchanged, already stored as %s", have);
        }
        if (r->collect) {
            rc_doc *d = NULL;
            if (rc_store_get(r->store, have, &d) == RC_OK)
                keep(r, d, 1);
        }
        return RC_OK;
    }

    /* The store keeps sentences, not tokens: when the documents are not
     * collected for a report, the tokens (half the text model's cost) would
     * be built and dropped, so only the sentences are made. */
    rc_doc *d = NULL;
    int tokens = r->collect || r->placer;
    int rc = tokens ? rc_pipeline_build(raw, r->store, &d) : rc_pipeline_clean(raw, r->store, &d);
    if (rc == RC_OK && !tokens)
        rc_textmodel_sentences(d);
    if (rc != RC_OK) {
        r->failed++;
        rc_diag_error(raw->input, raw->line, -1, "%s", build_reason(rc));
        return rc;
    }
    if (d->invalid_bytes)
        rc_diag_warn(raw->input, raw->line, -1,
                     "%zu invalid UTF-8 byte sequence%s replaced with U+FFFD", d->invalid_bytes,
                     d->invalid_bytes == 1 ? "" : "s");
    int status = 0;
    rc = r->placer ? rc_placer_before_put(r->placer, d->id) : RC_OK;
    if (rc == RC_OK)
        rc = rc_store_put(r->store, d, &status);
    if (rc == RC_OK && r->placer && (status == RC_PUT_ADDED || status == RC_PUT_REPLACED) &&
        rc_placer_place(r->placer, d) != RC_OK) {
        /* the document is stored; placing it failed (a later `events`
         * places the documents without a place) */
        rc_diag_error(raw->input, raw->line, -1, "stored, but could not be placed in an event");
    }
    if (rc != RC_OK) {
        r->failed++;
        rc_diag_error(raw->input, raw->line, -1, "could not be stored (%s)", rc_strerror(rc));
        rc_doc_free(d);
        return rc;
    }
    r->batch_docs++;
    switch (status) {
    case RC_PUT_ADDED: r->added++; break;
    case RC_PUT_REPLACED:
        r->replaced++;
        rc_diag_warn(raw->input, raw->line, -1,
                     "replaces the stored document with the same id %s", d->id);
        break;
    case RC_PUT_UNCHANGED: r->unchanged++; break;
    case RC_PUT_DUPLICATE: r->duplicate++; break;
    default: break;
    }
    keep(r, d, status != RC_PUT_ADDED);
    if (group_commit(r, 0) != RC_OK) {
        rc_diag_error(raw->input, raw->line, -1, "could not commit to the store");
        return RC_IO;
    }
    return RC_OK;
}

/* Ingest the inputs; see runner.h. */
int rc_runner_run(rc_runner *r, const char *const *paths, size_t npaths,
                  const rc_ingest_opts *opts)
{
    rc_ingest_stats st;
    r->batch_docs = 0;
    r->batch_start = rc_stagetime_wall_now();
    if (r->place && rc_placer_new(r->store, &r->placer) != RC_OK)
        return RC_ERR;
    int brc = rc_store_begin(r->store);
    int rc = rc_ingest_walk(paths, npaths, opts, on_raw, r, &st);
    if (brc == RC_OK && group_commit(r, 1) != RC_OK) {
        rc_diag_error(NULL, 0, -1, "could not commit the last documents to the store");
        rc = RC_IO;
    }
    rc_placer_free(r->placer);
    r->placer = NULL;
    return rc == RC_OK && st.failed == 0 ? RC_OK : RC_ERR;
}
