/*
 * linkcache.c - the kept stories link's record; see linkcache.h.
 */
#include "cluster/linkcache.h"
#include "util/bytes.h"
#include "util/rc.h"
#include "link_fp.h" /* generated: RC_LINK_FP */
#include <string.h>

enum { LINK_VERSION = 1, HEAD = 9, PER_EVENT = 12 };

/* The program's link fingerprint; see linkcache.h. */
uint64_t rc_linkcache_fp(void)
{
    return (uint64_t)RC_LINK_FP;
}

/* Encode; see linkcache.h. */
int rc_linkcache_encode(const int64_t *ids, const size_t *story, size_t n, rc_buf *out)
{
    if (n > RC_LINKCACHE_MAX_EVENTS)
        return RC_ERR;
    size_t top = 0;
    for (size_t i = 0; i < n; i++) {
        if (ids[i] <= 0 || (i && ids[i] <= ids[i - 1]) || story[i] > top ||
            story[i] > UINT32_MAX - 1)
            return RC_ERR;
        if (story[i] == top)
            top++;
    }
    size_t at = out->len;
    int ok = rc_buf_append(out, "RCLK", 4) == RC_OK &&
             rc_bytes_put_le(out, LINK_VERSION, 1) == RC_OK &&
             rc_bytes_put_le(out, (uint64_t)n, 4) == RC_OK;
    for (size_t i = 0; i < n && ok; i++)
        ok = rc_bytes_put_le(out, (uint64_t)ids[i], 8) == RC_OK &&
             rc_bytes_put_le(out, (uint64_t)story[i], 4) == RC_OK;
    if (!ok) {
        rc_buf_truncate(out, at);
        return RC_ERR;
    }
    return RC_OK;
}

/* Decode; see linkcache.h. */
int rc_linkcache_decode(const void *p, size_t len, const int64_t *ids, size_t n, size_t *story,
                        size_t *nstories)
{
    *nstories = 0;
    if (!p || len < HEAD || memcmp(p, "RCLK", 4) != 0)
        return RC_ERR;
    rc_bytes_reader r = {p, len, 4, 0};
    if (rc_bytes_get_le(&r, 1) != LINK_VERSION || rc_bytes_get_le(&r, 4) != (uint64_t)n ||
        (len - HEAD) / PER_EVENT != n || (len - HEAD) % PER_EVENT)
        return RC_ERR;
    size_t top = 0;
    for (size_t i = 0; i < n; i++) {
        uint64_t id = rc_bytes_get_le(&r, 8), st = rc_bytes_get_le(&r, 4);
        if (r.bad || id != (uint64_t)ids[i] || st > top || ids[i] <= 0 ||
            (i && ids[i] <= ids[i - 1]))
            return RC_ERR;
        story[i] = (size_t)st;
        if (st == top)
            top++;
    }
    *nstories = top;
    return RC_OK;
}
