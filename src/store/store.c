/*
 * store.c - backend dispatch: parse the store spec, open the matching
 * backend and forward every call through its table of operations.
 *
 *   PATH, sqlite:PATH           SQLite (store/sqlite.c)
 *   postgresql://, postgres://  RC_UNSUPPORTED: not built yet
 *   any other SCHEME://         RC_UNSUPPORTED
 */
#include "store/store.h"
#include "store/backend.h"
#include "util/diag.h"
#include "util/mem.h"
#include "util/rc.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

struct rc_store {
    const rc_store_ops *ops;
    rc_store_impl *impl;
};

/* Length of the "scheme" in spec when spec starts with SCHEME:// (RFC 3986
 * scheme characters), else 0. */
static size_t url_scheme(const char *spec)
{
    size_t i = 0;
    if (!isalpha((unsigned char)spec[0]))
        return 0;
    while (isalnum((unsigned char)spec[i]) || spec[i] == '+' || spec[i] == '-' ||
           spec[i] == '.')
        i++;
    return strncmp(spec + i, "://", 3) == 0 ? i : 0;
}

/* Report an unsupported URL without echoing credentials: only its scheme is
 * printed. Returns RC_UNSUPPORTED. */
static int unsupported(const char *spec, size_t slen, const char *why)
{
    char name[64];
    size_t n = slen < sizeof name - 4 ? slen : sizeof name - 4;
    memcpy(name, spec, n);
    memcpy(name + n, "://", 4);
    rc_diag_error(name, 0, -1, "%s", why);
    return RC_UNSUPPORTED;
}

/* Open the store named by spec (see the top of this file). On failure the
 * backend or this function has printed one message; returns RC_IO,
 * RC_SCHEMA or RC_UNSUPPORTED and leaves *out NULL. */
int rc_store_open(const char *spec, rc_store **out)
{
    *out = NULL;
    if (!spec || !*spec) {
        rc_diag_error("store", 0, -1, "no store file given");
        return RC_IO;
    }
    const rc_store_ops *ops = &rc_store_sqlite_ops;
    const char *loc = spec;
    size_t slen = url_scheme(spec);
    if (strncmp(spec, "sqlite:", 7) == 0) {
        loc = spec + 7;
        if (!*loc) {
            rc_diag_error(spec, 0, -1, "no file name after \"sqlite:\"");
            return RC_IO;
        }
    } else if (slen) {
        if ((slen == 10 && strncmp(spec, "postgresql", 10) == 0) ||
            (slen == 8 && strncmp(spec, "postgres", 8) == 0))
            return unsupported(spec, slen, "PostgreSQL backend not built");
        return unsupported(spec, slen,
                           "unknown store scheme (use a file path, sqlite:PATH "
                           "or postgresql://...)");
    }
    rc_store_impl *impl = NULL;
    int rc = ops->open(loc, loc, &impl);
    if (rc != RC_OK)
        return rc;
    rc_store *s = rc_malloc(sizeof *s);
    s->ops = ops;
    s->impl = impl;
    *out = s;
    return RC_OK;
}

/* Close the backend and free s; NULL is a no-op. */
void rc_store_close(rc_store *s)
{
    if (!s)
        return;
    s->ops->close(s->impl);
    free(s);
}

/* Forward to the backend (see store.h). */
int rc_store_find_hash(rc_store *s, uint64_t h, char *id, size_t idlen)
{
    return s->ops->find_hash(s->impl, h, id, idlen);
}

/* Forward to the backend (see store.h). */
int rc_store_put(rc_store *s, const rc_doc *d, int *status)
{
    return s->ops->put(s->impl, d, status);
}

/* Forward to the backend (see store.h). */
int rc_store_begin(rc_store *s)
{
    return s->ops->begin(s->impl);
}

/* Forward to the backend (see store.h). */
int rc_store_commit(rc_store *s)
{
    return s->ops->commit(s->impl);
}

/* Forward to the backend (see store.h). */
int rc_store_read_begin(rc_store *s)
{
    return s->ops->read_begin(s->impl);
}

/* Forward to the backend (see store.h). */
int rc_store_read_end(rc_store *s)
{
    return s->ops->read_end(s->impl);
}

/* Forward to the backend (see store.h). */
int rc_store_get(rc_store *s, const char *id, rc_doc **out)
{
    return s->ops->get(s->impl, id, out);
}

/* Forward to the backend (see store.h). */
int rc_store_get_features(rc_store *s, const char *id, rc_doc **out, rc_buf *features)
{
    return s->ops->get_feat(s->impl, id, out, features, NULL);
}

/* Forward to the backend (see store.h). */
int rc_store_get_keyed(rc_store *s, const char *id, rc_doc **out, rc_buf *features,
                       rc_buf *copykeys)
{
    return s->ops->get_feat(s->impl, id, out, features, copykeys);
}

/* Forward to the backend (see store.h). */
int rc_store_each(rc_store *s, int (*fn)(rc_doc *d, void *ud), void *ud)
{
    return s->ops->each(s->impl, fn, ud);
}

/* Forward to the backend (see store.h). */
int rc_store_each_id(rc_store *s, int (*fn)(const char *id, void *ud), void *ud)
{
    return s->ops->each_id(s->impl, fn, ud);
}

/* Forward to the backend (see store.h). */
long rc_store_count(rc_store *s)
{
    return s->ops->count(s->impl);
}

/* Forward to the backend (see store.h). */
unsigned rc_store_line_seen(rc_store *s, const char *group, uint64_t h)
{
    return s->ops->line_seen(s->impl, group, h);
}

/* Forward to the backend (see store.h). */
int rc_store_put_cluster(rc_store *s, const rc_cluster_row *r)
{
    return s->ops->put_cluster(s->impl, r);
}

/* Forward to the backend (see store.h). */
int rc_store_get_cluster(rc_store *s, const char *doc_id, rc_cluster_row *r)
{
    return s->ops->get_cluster(s->impl, doc_id, r);
}

/* Forward to the backend (see store.h). */
int rc_store_each_cluster(rc_store *s, int32_t day_from, int32_t day_to,
                          int include_undated,
                          int (*fn)(const rc_cluster_row *r, void *ud), void *ud)
{
    return s->ops->each_cluster(s->impl, day_from, day_to, include_undated, fn, ud);
}

/* Forward to the backend (see store.h). */
int rc_store_put_event(rc_store *s, const rc_event_row *r)
{
    return s->ops->put_event(s->impl, r);
}

/* Forward to the backend (see store.h). */
int rc_store_each_event(rc_store *s, int32_t day_from, int32_t day_to,
                        int include_undated,
                        int (*fn)(const rc_event_row *r, void *ud), void *ud)
{
    return s->ops->each_event(s->impl, day_from, day_to, include_undated, fn, ud);
}

/* Forward to the backend (see store.h). */
int rc_store_put_story(rc_store *s, const rc_story_row *r)
{
    return s->ops->put_story(s->impl, r);
}

/* Forward to the backend (see store.h). */
int rc_store_each_story(rc_store *s, int32_t day_from, int32_t day_to,
                        int include_undated,
                        int (*fn)(const rc_story_row *r, void *ud), void *ud)
{
    return s->ops->each_story(s->impl, day_from, day_to, include_undated, fn, ud);
}

/* Forward to the backend (see store.h). */
int rc_store_next_event_id(rc_store *s, int64_t *out)
{
    return s->ops->next_id(s->impl, 0, out);
}

/* Forward to the backend (see store.h). */
int rc_store_next_story_id(rc_store *s, int64_t *out)
{
    return s->ops->next_id(s->impl, 1, out);
}

/* Forward to the backend (see store.h). */
int rc_store_df_add(rc_store *s, const uint64_t *terms, size_t n)
{
    return s->ops->df_add(s->impl, terms, n, 1);
}

/* Forward to the backend (see store.h). */
int rc_store_df_remove(rc_store *s, const uint64_t *terms, size_t n)
{
    return s->ops->df_add(s->impl, terms, n, -1);
}

/* Forward to the backend (see store.h). */
int rc_store_df_add_counts(rc_store *s, const uint64_t *terms, const uint32_t *counts, size_t n,
                           int64_t docs)
{
    return s->ops->df_add_counts(s->impl, terms, counts, n, docs);
}

/* Forward to the backend (see store.h). */
int rc_store_df_get(rc_store *s, const uint64_t *terms, size_t n, uint32_t *out)
{
    return s->ops->df_get(s->impl, terms, n, out);
}

/* Forward to the backend (see store.h). */
int64_t rc_store_df_docs(rc_store *s)
{
    return s->ops->df_docs(s->impl);
}

/* Forward to the backend (see store.h). */
int rc_store_each_cluster_bare(rc_store *s, int32_t day_from, int32_t day_to,
                               int include_undated,
                               int (*fn)(const rc_cluster_row *r, void *ud), void *ud)
{
    return s->ops->each_cluster_bare(s->impl, day_from, day_to, include_undated, fn, ud);
}

/* Forward to the backend (see store.h). */
int rc_store_gen(rc_store *s, int64_t *gen)
{
    return s->ops->gen(s->impl, gen);
}

/* Forward to the backend (see store.h). */
int rc_store_get_link(rc_store *s, int64_t *gen, uint64_t *fp, rc_buf *data)
{
    return s->ops->get_link(s->impl, gen, fp, data);
}

/* Forward to the backend (see store.h). */
int rc_store_put_link(rc_store *s, int64_t gen, uint64_t fp, const void *data, size_t n)
{
    return s->ops->put_link(s->impl, gen, fp, data, n);
}
