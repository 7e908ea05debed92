/*
 * bytes.c - little-endian byte codec; see bytes.h.
 */
#include "util/bytes.h"
#include <math.h>
#include <string.h>

/* Append n little-endian bytes of v; see bytes.h. */
int rc_bytes_put_le(rc_buf *b, uint64_t v, size_t n)
{
    unsigned char t[8];
    for (size_t i = 0; i < n; i++)
        t[i] = (unsigned char)(v >> (8 * i));
    return rc_buf_append(b, t, n);
}

/* Append a float's bits; see bytes.h. */
int rc_bytes_put_f32(rc_buf *b, float f)
{
    uint32_t u;
    memcpy(&u, &f, sizeof u);
    return rc_bytes_put_le(b, u, 4);
}

/* Next little-endian integer; see bytes.h. */
uint64_t rc_bytes_get_le(rc_bytes_reader *r, size_t n)
{
    if (r->bad || r->n - r->at < n) {
        r->bad = 1;
        return 0;
    }
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++)
        v |= (uint64_t)r->p[r->at + i] << (8 * i);
    r->at += n;
    return v;
}

/* Next float; see bytes.h. */
float rc_bytes_get_f32(rc_bytes_reader *r)
{
    uint32_t u = (uint32_t)rc_bytes_get_le(r, 4);
    float f;
    memcpy(&f, &u, sizeof f);
    if (!isfinite(f) || f < 0.0f)
        r->bad = 1;
    return f;
}

/* Next n bytes in place; see bytes.h. */
const char *rc_bytes_get(rc_bytes_reader *r, size_t n)
{
    if (r->bad || r->n - r->at < n) {
        r->bad = 1;
        return NULL;
    }
    const char *s = (const char *)r->p + r->at;
    r->at += n;
    return s;
}
