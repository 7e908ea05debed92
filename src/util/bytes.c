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
