/*
 * bytes.h - little-endian integers and floats in byte strings: the codec of
 * the blobs the store keeps for clustering (features, engine states,
 * placement records). Writers append to a capped rc_buf; a reader walks a
 * borrowed byte range and turns sticky-bad instead of reading past its end,
 * so a parser checks r.bad once at the end.
 */
#ifndef RC_BYTES_H
#define RC_BYTES_H
#include <stddef.h>
#include <stdint.h>
#include "util/buf.h"

/* Append the n (<= 8) low bytes of v, little-endian. Non-zero when b is
 * full (rc_buf_append's result). */
int rc_bytes_put_le(rc_buf *b, uint64_t v, size_t n);

/* Append f as its IEEE-754 bits (4 bytes). Non-zero when b is full. */
int rc_bytes_put_f32(rc_buf *b, float f);

typedef struct rc_bytes_reader {
    const unsigned char *p;  /* borrowed */
    size_t n, at;            /* length, read position */
    int bad;                 /* set once a read went past the end (or a value was refused) */
} rc_bytes_reader;

/* The next n (<= 8) bytes as a little-endian integer; 0, and r->bad set,
 * when fewer remain or r is already bad. Inline: decoders read hundreds of
 * small fields a record, and n is a constant at each call (1 and 4 then
 * compile to single loads). */
static inline uint64_t rc_bytes_get_le(rc_bytes_reader *r, size_t n)
{
    if (r->bad || r->n - r->at < n) {
        r->bad = 1;
        return 0;
    }
    const unsigned char *p = r->p + r->at;
    r->at += n;
    if (n == 1)
        return p[0];
    if (n == 4)
        return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 |
               (uint64_t)p[3] << 24;
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++)
        v |= (uint64_t)p[i] << (8 * i);
    return v;
}

/* The next float; r->bad set when it is not finite or is negative (the
 * only floats the blobs hold are weights). */
float rc_bytes_get_f32(rc_bytes_reader *r);

/* A pointer to the next n bytes inside r's range; NULL, and r->bad set,
 * when fewer remain. Inline, as rc_bytes_get_le. */
static inline const char *rc_bytes_get(rc_bytes_reader *r, size_t n)
{
    if (r->bad || r->n - r->at < n) {
        r->bad = 1;
        return NULL;
    }
    const char *s = (const char *)r->p + r->at;
    r->at += n;
    return s;
}

#endif
