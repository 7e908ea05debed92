/*
 * backend.h - private: the table of operations a store backend fills in.
 *
 * store.c parses the spec, picks a backend and forwards every rc_store_*
 * call to it; callers never see this header. A backend owns an opaque
 * handle (rc_store_impl) created by open() and released by close().
 *
 * Every operation has the contract of the rc_store_* function of the same
 * name (store/store.h; next_id serves both next_*_id, story != 0 for
 * stories; df_add serves df_add (sign 1) and df_remove (sign -1)) and prints its own one-line diagnostic (util/diag.h,
 * naming the store) before returning a failure code.
 *
 * Adding PostgreSQL: write src/store/postgres.c defining
 * rc_store_postgres_ops and list it in store.c.
 */
#ifndef RC_STORE_BACKEND_H
#define RC_STORE_BACKEND_H
#include <stddef.h>
#include <stdint.h>
#include "doc/doc.h"
#include "store/store.h"

typedef struct rc_store_impl rc_store_impl;

typedef struct rc_store_ops {
    const char *name; /* "sqlite", ... */

    /* Open the store at location (a path for SQLite, a URL for servers).
     * name is what diagnostics call it. On RC_OK *out is a new handle. */
    int (*open)(const char *location, const char *name, rc_store_impl **out);
    /* Release the handle (never NULL here). */
    void (*close)(rc_store_impl *h);
    int (*find_hash)(rc_store_impl *h, uint64_t hash, char *id, size_t idlen);
    int (*put)(rc_store_impl *h, const rc_doc *d, int *status);
    int (*begin)(rc_store_impl *h);
    int (*commit)(rc_store_impl *h);
    int (*read_begin)(rc_store_impl *h);
    int (*read_end)(rc_store_impl *h);
    int (*get)(rc_store_impl *h, const char *id, rc_doc **out);
    /* get, and the cluster row's features into *features and its copy
     * keys into *copykeys, each when not NULL (rc_store_get_features,
     * rc_store_get_keyed) */
    int (*get_feat)(rc_store_impl *h, const char *id, rc_doc **out, rc_buf *features,
                    rc_buf *copykeys);
    int (*each)(rc_store_impl *h, int (*fn)(rc_doc *d, void *ud), void *ud);
    long (*count)(rc_store_impl *h);
    int (*each_id)(rc_store_impl *h, int (*fn)(const char *id, void *ud), void *ud);
    unsigned (*line_seen)(rc_store_impl *h, const char *group, uint64_t hash);
    int (*put_cluster)(rc_store_impl *h, const rc_cluster_row *r);
    int (*get_cluster)(rc_store_impl *h, const char *doc_id, rc_cluster_row *r);
    int (*each_cluster)(rc_store_impl *h, int32_t from, int32_t to, int undated,
                        int (*fn)(const rc_cluster_row *r, void *ud), void *ud);
    int (*put_event)(rc_store_impl *h, const rc_event_row *r);
    int (*each_event)(rc_store_impl *h, int32_t from, int32_t to, int undated,
                      int (*fn)(const rc_event_row *r, void *ud), void *ud);
    int (*put_story)(rc_store_impl *h, const rc_story_row *r);
    int (*each_story)(rc_store_impl *h, int32_t from, int32_t to, int undated,
                      int (*fn)(const rc_story_row *r, void *ud), void *ud);
    int (*next_id)(rc_store_impl *h, int story, int64_t *out);
    int (*df_add)(rc_store_impl *h, const uint64_t *terms, size_t n, int sign);
    int (*df_get)(rc_store_impl *h, const uint64_t *terms, size_t n, uint32_t *out);
    int64_t (*df_docs)(rc_store_impl *h);
    int (*df_add_counts)(rc_store_impl *h, const uint64_t *terms, const uint32_t *counts,
                         size_t n, int64_t docs);
    int (*each_cluster_bare)(rc_store_impl *h, int32_t from, int32_t to, int undated,
                             int (*fn)(const rc_cluster_row *r, void *ud), void *ud);
    int (*gen)(rc_store_impl *h, int64_t *gen);
    int (*get_link)(rc_store_impl *h, int64_t *gen, uint64_t *fp, rc_buf *data);
    int (*put_link)(rc_store_impl *h, int64_t gen, uint64_t fp, const void *data, size_t n);
} rc_store_ops;

/* The SQLite backend (store/sqlite.c). */
extern const rc_store_ops rc_store_sqlite_ops;

#endif
