/*
 * decompress.h - streaming decompression with a hard output cap: gzip (any
 * number of members), zlib, raw deflate, "deflate" as HTTP means it (zlib,
 * else raw), and zstd (any number of frames; skippable frames ignored; a
 * WARC-style dictionary in a leading skippable frame 0x184D2A5D is loaded).
 *
 * Two ways in:
 *  - rc_z_decode: one buffer in, appended to an rc_buf whose cap bounds the
 *    output (never more than out->max bytes are held).
 *  - rc_zstream: push input, pull output into a caller buffer, member by
 *    member; the stream knows the compressed offset of the member being
 *    decoded, so a reader can name where a corrupt or truncated member
 *    starts and resume at the next one (rc_zstream_find_magic + restart).
 *
 * Ownership: rc_zstream_init() / rc_zstream_cleanup().
 */
#ifndef RC_DECOMPRESS_H
#define RC_DECOMPRESS_H
#include <stddef.h>
#include "util/buf.h"

typedef enum rc_zfmt {
    RC_Z_NONE = 0,   /* identity: bytes copied through */
    RC_Z_GZIP,       /* gzip, one or more members (zlib headers accepted too) */
    RC_Z_ZLIB,       /* zlib (RFC 1950) */
    RC_Z_RAW,        /* raw deflate (RFC 1951) */
    RC_Z_DEFLATE,    /* HTTP "deflate": zlib, else raw deflate (one-shot only) */
    RC_Z_ZSTD        /* zstd, one or more frames */
} rc_zfmt;

typedef struct rc_zstream {
    rc_zfmt fmt;
    void *state;                     /* z_stream * or ZSTD_DCtx * */
    int in_member;                   /* input of a member/frame begun, not finished */
    unsigned long long in_total;     /* compressed bytes consumed so far */
    unsigned long long member_start; /* compressed offset of the current (or next) member */
    unsigned long members;           /* members/frames completed */
    const char *error;               /* static reason after RC_PARSE/RC_UNSUPPORTED */
    /* zstd dictionary frame being collected (WARC zstd, leading frame) */
    rc_buf dict;
    int dict_state;                  /* 0 maybe-dict, 1 collecting, 2 done */
    size_t dict_need;                /* bytes of dictionary still to collect */
    unsigned char dict_hdr[8];
    size_t dict_hdr_len;
} rc_zstream;

/* Prepare z to decode fmt (RC_Z_GZIP, RC_Z_ZLIB, RC_Z_RAW or RC_Z_ZSTD; the
 * other formats are treated as RC_Z_GZIP). */
void rc_zstream_init(rc_zstream *z, rc_zfmt fmt);
/* Release z's decoder state. */
void rc_zstream_cleanup(rc_zstream *z);

/* Decode from in[inlen] into out[outcap]. *in_used and *out_len receive the
 * bytes consumed and produced (either may be 0 while the other is not; both
 * 0 only when inlen == 0 or outcap == 0). Members follow one another: after
 * a member ends, the next input byte starts a new one (z->members counts
 * ended ones; z->in_member is 0 between members, so end of input there is
 * a clean end). Returns RC_OK, RC_PARSE (corrupt data in the member that
 * starts at z->member_start; z->error says why) or RC_UNSUPPORTED (zstd
 * frame needing a dictionary that was not given). After an error, call
 * rc_zstream_restart before feeding more. */
int rc_zstream_run(rc_zstream *z, const void *in, size_t inlen, size_t *in_used,
                   void *out, size_t outcap, size_t *out_len);

/* Forget the current member (after an error or to skip ahead) and expect a
 * new member at compressed offset off (the next byte fed). */
void rc_zstream_restart(rc_zstream *z, unsigned long long off);

/* Offset in p[n] of the first byte that could start a member of z's format
 * (gzip 1f 8b 08, zstd 28 b5 2f fd); n when there is none. A match may be
 * cut at the end: the last 3 bytes are reported only when they are a
 * prefix of the magic (offset returned, caller keeps them). */
size_t rc_zstream_find_magic(const rc_zstream *z, const void *p, size_t n);

/* Decode in[n] in format fmt, appending to out. Returns RC_OK, RC_TOOBIG
 * (out->max reached: out holds what fitted), RC_PARSE (corrupt or
 * truncated: out holds what was decoded before), RC_UNSUPPORTED. *err_off
 * (may be NULL) receives, on RC_PARSE, the compressed offset of the member
 * that failed, and on any result the compressed bytes consumed otherwise.
 * Data after the last complete gzip member that is not a gzip member is
 * ignored (as browsers do); RC_Z_NONE copies in through the cap. */
int rc_z_decode(rc_zfmt fmt, const void *in, size_t n, rc_buf *out, size_t *err_off);

#endif
