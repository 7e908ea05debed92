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
 * rc_store_get() belong to the caller (rc_doc_free). Documents passed to
 * callbacks are borrowed for the duration of the call.
 */
#ifndef RC_STORE_H
#define RC_STORE_H
#include <stddef.h>
#include <stdint.h>
#include "doc/doc.h"

typedef struct rc_store rc_store;

#define RC_STORE_SCHEMA_VERSION 1

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

/* Read document id: metadata, text, sentences, issues and removed lines
 * (tokens are not stored: rebuild them with rc_textmodel_build). Returns
 * RC_OK, RC_NOTFOUND or RC_IO. */
int rc_store_get(rc_store *s, const char *id, rc_doc **out);

/* Call fn for every stored document in insertion order; stop early when fn
 * returns non-zero and return that value. */
int rc_store_each(rc_store *s, int (*fn)(rc_doc *d, void *ud), void *ud);

/* Number of stored documents, or -1 on error. */
long rc_store_count(rc_store *s);

/* Number of stored documents of group whose lines include hash h (0 for a
 * NULL group; documents stored without a group count nowhere). */
unsigned rc_store_line_seen(rc_store *s, const char *group, uint64_t h);

#endif
