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
int rc_store_get(rc_store *s, const char *id, rc_doc **out)
{
    return s->ops->get(s->impl, id, out);
}

/* Forward to the backend (see store.h). */
int rc_store_each(rc_store *s, int (*fn)(rc_doc *d, void *ud), void *ud)
{
    return s->ops->each(s->impl, fn, ud);
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
