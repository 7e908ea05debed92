/*
 * store.h - the embedded store, behind one backend-neutral interface.
 *
 * SQLite is the default backend (WAL mode; each document written in one
 * transaction, so an interrupted run leaves every completed document intact
 * and the file openable). The interface is a table of operations
 * (store/backend.h) so a PostgreSQL backend can be added by writing one more
 * table; callers only ever see rc_store.
 *
 * Ownership: rc_store_open() / rc_store_close(). Documents returned by
 * rc_store_get() belong to the caller (rc_doc_free). Documents and rows
 * passed to callbacks are borrowed for the duration of the call.
 *
 * Incremental clustering (schema 2): besides documents, the store keeps
 * what the online clustering engine needs to place new articles without
 * recomputing the old ones: one cluster row per placed document (its event
 * day, the engine's opaque feature blob, its event, the document it copies),
 * the events and stories with the engine's opaque state, and document
 * frequencies of terms for online IDF. The store never looks inside the
 * blobs. Window queries stream rows in pages (memory bounded by a page, not
 * by the table), so the engine's memory follows its time window.
 *
 * Stored facts (schema 3): a cluster row may also carry the document's
 * extracted facts (rc_cluster_row.facts, opaque here; extract/factscodec.h),
 * written with the row; rc_store_get and rc_store_each load them into
 * rc_doc.stored_facts (NULL when the row has none or there is no row).
 *
 * Copy keys (schema 4): a cluster row may also carry the document's copy
 * keys (rc_cluster_row.copykeys, opaque here; cluster/copies.h), written
 * with the row and read by rc_store_get_keyed.
 */
#ifndef RC_STORE_H
#define RC_STORE_H
#include <stddef.h>
#include <stdint.h>
#include "doc/doc.h"
#include "util/buf.h"

typedef struct rc_store rc_store;

#define RC_STORE_SCHEMA_VERSION 5

/* Open (creating when absent) the store named by spec: a file path or
 * "sqlite:PATH" for SQLite. On failure prints one message naming the store
 * and returns RC_IO, RC_SCHEMA (written by a newer recoupe: never touched)
 * or RC_UNSUPPORTED (unknown scheme). */
int rc_store_open(const char *spec, rc_store **out);

/* Close the store; NULL is a no-op. */
void rc_store_close(rc_store *s);

enum rc_put_status {
    RC_PUT_ADDED = 1,       /* a new document */
    RC_PUT_REPLACED = 2,    /* same id, different content: replaced */
    RC_PUT_UNCHANGED = 3,   /* same id, same content: nothing written */
    RC_PUT_DUPLICATE = 4    /* same content already stored under another id */
};

/* Look up the document with content hash h. Returns RC_OK and copies its id
 * into id[idlen] when one exists, RC_NOTFOUND otherwise (RC_TOOBIG when the
 * id does not fit: a truncated copy; RC_IO on a read error). */
int rc_store_find_hash(rc_store *s, uint64_t h, char *id, size_t idlen);

/* Write d (metadata, text, sentences, issues, removed lines, line hashes)
 * in one transaction and set *status. Returns RC_OK or RC_IO (nothing of d
 * written; inside a batch, a failure SQLite cannot undo alone may roll back
 * the whole batch), or RC_ERR for a document without an id. */
int rc_store_put(rc_store *s, const rc_doc *d, int *status);

/* Start a batch: the puts until rc_store_commit() share one write
 * transaction, which is much faster for bulk ingest. Each put stays all or
 * nothing (a savepoint: a failed put is undone alone), but the batch only
 * becomes visible to other connections, and survives a crash, at
 * rc_store_commit(); a killed process loses the open batch and nothing
 * else. rc_store_close() commits an open batch. Returns RC_OK, RC_ERR
 * (already in a batch) or RC_IO. */
int rc_store_begin(rc_store *s);

/* Commit the open batch; a no-op without one. Returns RC_OK or RC_IO (the
 * batch's documents are then rolled back). */
int rc_store_commit(rc_store *s);

/* Hold one read transaction from rc_store_read_begin to rc_store_read_end
 * so that the reads between share one snapshot and one lock instead of
 * taking and dropping the store's read lock at every statement (a
 * report's part: a few statements per document). Nothing may be written
 * in between. Inside a batch (rc_store_begin) both do nothing. Return
 * RC_OK or RC_IO after a message. */
int rc_store_read_begin(rc_store *s);
int rc_store_read_end(rc_store *s);

/* Read document id: metadata, text, sentences, issues and removed lines,
 * and its stored facts record when its cluster row has one (tokens are not
 * stored: rebuild them with rc_textmodel_build). Returns RC_OK,
 * RC_NOTFOUND or RC_IO. */
int rc_store_get(rc_store *s, const char *id, rc_doc **out);

/* rc_store_get, and in the same read the features record of the
 * document's cluster row (doc_cluster.features, cluster/evfeat.h) copied
 * into *features (reset first; left empty when the row or its features
 * are missing). Same results as rc_store_get. */
int rc_store_get_features(rc_store *s, const char *id, rc_doc **out, rc_buf *features);

/* rc_store_get_features, and in the same read the copy keys record of the
 * cluster row (doc_cluster.copykeys, cluster/copies.h) copied into
 * *copykeys (reset first; left empty when the row or its keys are
 * missing: rows of schema 3 stores have none). Same results. */
int rc_store_get_keyed(rc_store *s, const char *id, rc_doc **out, rc_buf *features,
                       rc_buf *copykeys);

/* Call fn for every stored document in insertion order; stop early when fn
 * returns non-zero and return that value. */
int rc_store_each(rc_store *s, int (*fn)(rc_doc *d, void *ud), void *ud);

/* Call fn with the id of every stored document in insertion order (the
 * order of rc_store_each), without loading the documents: pages of 256
 * ids, no statement open during fn (which may use the store; the id is
 * borrowed for the call). Stops when fn returns non-zero and returns that
 * value; else RC_OK, or RC_IO after a message. */
int rc_store_each_id(rc_store *s, int (*fn)(const char *id, void *ud), void *ud);

/* Number of stored documents, or -1 on error. */
long rc_store_count(rc_store *s);

/* Number of stored documents of group whose lines include hash h (0 for a
 * NULL group; documents stored without a group count nowhere). */
unsigned rc_store_line_seen(rc_store *s, const char *group, uint64_t h);

/* ---- incremental clustering ------------------------------------------
 * Days are days since 1970-01-01 (UTC calendar days); has_day 0 means
 * undated (day is then ignored and reads back as 0). Ids 0 mean "none".
 * Every put below is all or nothing: its own transaction, or one savepoint
 * of the open batch (rc_store_begin .. rc_store_commit), so the cluster row
 * of a document written in the same batch as the document survives a
 * crash exactly when the document does. Window calls visit the dated rows
 * with day_from <= day <= day_to in (day, key) order, key being insertion
 * order for cluster rows and the id for events and stories, then, when
 * include_undated, the undated rows in key order. They read in pages of a
 * few hundred rows with no statement open during fn, so fn may use the
 * store (even write; rows written meanwhile may or may not be visited).
 * fn returning non-zero stops the walk and that value is returned; else
 * RC_OK, or RC_IO after a message. */

/* One document's place in the clustering. */
typedef struct rc_cluster_row {
    const char *doc_id;     /* the stored document's id */
    int has_day;            /* 0: undated */
    int32_t day;            /* event day, days since 1970-01-01 */
    const void *features;   /* the engine's serialised features (opaque) */
    size_t nfeatures;       /* bytes at features (0: none, features NULL) */
    int64_t event_id;       /* 0: not in an event */
    const char *copy_of;    /* id of the document it copies, or NULL */
    const void *facts;      /* the document's extracted facts (extract/factscodec.h),
                               written by put_cluster only; NULL: none */
    size_t nfacts;          /* bytes at facts */
    const void *copykeys;   /* the document's copy keys (cluster/copies.h),
                               written by put_cluster only; NULL: none */
    size_t ncopykeys;       /* bytes at copykeys */
} rc_cluster_row;

/* One event: its representative day, label and the engine's state. */
typedef struct rc_event_row {
    int64_t event_id;       /* > 0 */
    int64_t story_id;       /* 0: in no story */
    int has_day;
    int32_t day;
    const char *label;      /* or NULL */
    int64_t ndocs;          /* documents placed in it (engine's count) */
    const void *state;      /* the engine's centroid (opaque) */
    size_t nstate;
} rc_event_row;

/* One story: its latest day, label and the engine's state. */
typedef struct rc_story_row {
    int64_t story_id;       /* > 0 */
    int has_day;
    int32_t day;            /* the day of its latest event */
    const char *label;
    const void *state;
    size_t nstate;
} rc_story_row;

/* Write (insert or replace) the cluster row of stored document r->doc_id.
 * Returns RC_OK, RC_NOTFOUND (no such document: nothing written; one
 * message), RC_ERR (no doc_id) or RC_IO. A document replaced by
 * rc_store_put (RC_PUT_REPLACED) loses its cluster row: the engine places
 * it again. */
int rc_store_put_cluster(rc_store *s, const rc_cluster_row *r);

/* Read the cluster row of document doc_id into *r; r->doc_id, copy_of and
 * features point into storage valid until the next call on s (copy them).
 * Returns RC_OK, RC_NOTFOUND (document not placed, or unknown) or RC_IO. */
int rc_store_get_cluster(rc_store *s, const char *doc_id, rc_cluster_row *r);

/* Visit the cluster rows of the window (see above). */
int rc_store_each_cluster(rc_store *s, int32_t day_from, int32_t day_to,
                          int include_undated,
                          int (*fn)(const rc_cluster_row *r, void *ud), void *ud);

/* Write (insert or replace) event r->event_id (> 0, else RC_ERR). Returns
 * RC_OK, RC_ERR or RC_IO. */
int rc_store_put_event(rc_store *s, const rc_event_row *r);

/* Visit the events of the window (see above). */
int rc_store_each_event(rc_store *s, int32_t day_from, int32_t day_to,
                        int include_undated,
                        int (*fn)(const rc_event_row *r, void *ud), void *ud);

/* Write (insert or replace) story r->story_id (> 0, else RC_ERR). Returns
 * RC_OK, RC_ERR or RC_IO. */
int rc_store_put_story(rc_store *s, const rc_story_row *r);

/* Visit the stories of the window (see above). */
int rc_store_each_story(rc_store *s, int32_t day_from, int32_t day_to,
                        int include_undated,
                        int (*fn)(const rc_story_row *r, void *ud), void *ud);

/* The smallest id greater than every stored event id (1 for none) into
 * *out. Returns RC_OK or RC_IO. */
int rc_store_next_event_id(rc_store *s, int64_t *out);

/* The same for story ids. */
int rc_store_next_story_id(rc_store *s, int64_t *out);

/* Count one more document for online IDF: add 1 to the document frequency
 * of each distinct term among terms[n] (64-bit term hashes; repeats count
 * once) and 1 to the document counter (rc_store_df_docs). Returns RC_OK
 * or RC_IO (nothing counted). The store does not know which document the
 * terms came from: a replaced document's old terms stay counted unless the
 * engine calls rc_store_df_remove with them. */
int rc_store_df_add(rc_store *s, const uint64_t *terms, size_t n);

/* Undo one rc_store_df_add with the same terms: subtract 1 from each
 * distinct term's frequency (dropping those reaching 0; never below 0)
 * and from the document counter. Returns RC_OK or RC_IO. */
int rc_store_df_remove(rc_store *s, const uint64_t *terms, size_t n);

/* The rc_store_df_add of many documents at once (a placer's batch): add
 * counts[i] to the document frequency of terms[i] (terms distinct; a count
 * of 0 is skipped) and docs to the document counter, in one unit (inside
 * the open batch when there is one). One row write per term: pass the
 * terms sorted for locality. Returns RC_OK or RC_IO (nothing counted). */
int rc_store_df_add_counts(rc_store *s, const uint64_t *terms, const uint32_t *counts, size_t n,
                           int64_t docs);

/* Document frequency of each of terms[n] into out[n] (0 when unseen;
 * saturated at UINT32_MAX). Returns RC_OK or RC_IO (out then all 0). */
int rc_store_df_get(rc_store *s, const uint64_t *terms, size_t n, uint32_t *out);

/* Number of documents counted by rc_store_df_add (minus df_remove), or -1
 * on error. */
int64_t rc_store_df_docs(rc_store *s);

/* rc_store_each_cluster with each row's features left out (r->features
 * NULL, r->nfeatures 0): for a walk that does not read them, which then
 * neither copies them nor, in SQLite, reads the pages past them. */
int rc_store_each_cluster_bare(rc_store *s, int32_t day_from, int32_t day_to,
                               int include_undated,
                               int (*fn)(const rc_cluster_row *r, void *ud), void *ud);

/* The store's write generation into *gen: a number that every committed
 * write transaction (a batch, or a write outside one) has moved, inside
 * itself, so two reads that find the same generation read the same rows
 * (0 in a store nothing was written to since schema 5). Returns RC_OK or
 * RC_IO after a message. */
int rc_store_gen(rc_store *s, int64_t *gen);

/* The stories link kept by rc_store_put_link: the generation it was made
 * at into *gen, its maker's fingerprint into *fp, its record into data
 * (replacing data's contents; the record is opaque here, see
 * cluster/linkcache.h). Returns RC_OK, RC_NOTFOUND (none kept) or RC_IO
 * after a message. */
int rc_store_get_link(rc_store *s, int64_t *gen, uint64_t *fp, rc_buf *data);

/* Keep the record data[n] (n > 0) as the stories link made from the rows
 * of generation gen by a maker with fingerprint fp, replacing any kept
 * one, when the store's generation is still gen; writing it does not
 * move the generation. Best effort, never a message, never waiting for a
 * lock: returns RC_OK when kept, RC_NOTFOUND otherwise (the generation
 * moved, the store is locked by a writer, read-only, or a batch or read
 * transaction is open on s). */
int rc_store_put_link(rc_store *s, int64_t gen, uint64_t fp, const void *data, size_t n);

#endif
