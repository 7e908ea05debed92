/*
 * decompress.c - gzip/zlib/deflate (zlib) and zstd (libzstd) streams with
 * member boundaries and a hard output cap (see decompress.h).
 */
#include "ingest/decompress.h"
#include "util/mem.h"
#include "util/rc.h"
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include <zstd.h>
#include <zstd_errors.h>

#define RC_ZDICT_MAX ((size_t)32 << 20)   /* largest zstd dictionary accepted */
#define RC_ZDICT_MAGIC 0x184D2A5DU

static const unsigned char gz_magic[3] = {0x1f, 0x8b, 0x08};
static const unsigned char zst_magic[4] = {0x28, 0xb5, 0x2f, 0xfd};

/* Allocation failure inside zlib or libzstd: end the process the way
 * util/mem.h does. */
static void oom(void)
{
    fputs("recoupe: out of memory\n", stderr);
    exit(70);
}

/* Create the decoder state of z for its format. */
static void open_state(rc_zstream *z)
{
    if (z->fmt == RC_Z_ZSTD) {
        z->state = ZSTD_createDCtx();
        if (!z->state)
            oom();
        return;
    }
    z_stream *s = rc_calloc(1, sizeof *s);
    int wbits = z->fmt == RC_Z_ZLIB ? 15 : z->fmt == RC_Z_RAW ? -15 : 15 + 32;
    if (inflateInit2(s, wbits) != Z_OK)
        oom();
    z->state = s;
}

/* Prepare z to decode fmt (see decompress.h). */
void rc_zstream_init(rc_zstream *z, rc_zfmt fmt)
{
    memset(z, 0, sizeof *z);
    if (fmt != RC_Z_ZLIB && fmt != RC_Z_RAW && fmt != RC_Z_ZSTD)
        fmt = RC_Z_GZIP;
    z->fmt = fmt;
    rc_buf_init(&z->dict, RC_ZDICT_MAX);
    z->dict_state = fmt == RC_Z_ZSTD ? 0 : 2;
    open_state(z);
}

/* Release z's decoder state (see decompress.h). */
void rc_zstream_cleanup(rc_zstream *z)
{
    if (!z->state)
        return;
    if (z->fmt == RC_Z_ZSTD) {
        ZSTD_freeDCtx(z->state);
    } else {
        inflateEnd(z->state);
        free(z->state);
    }
    z->state = NULL;
    rc_buf_cleanup(&z->dict);
}

/* Expect a new member at compressed offset off (see decompress.h). */
void rc_zstream_restart(rc_zstream *z, unsigned long long off)
{
    if (z->fmt == RC_Z_ZSTD)
        ZSTD_DCtx_reset(z->state, ZSTD_reset_session_only);
    else
        inflateReset(z->state);
    z->in_member = 0;
    z->in_total = off;
    z->member_start = off;
    z->error = NULL;
    if (z->dict_state == 1)
        z->dict_state = 2;
}

/* First offset in p[n] that may start a member (see decompress.h). */
size_t rc_zstream_find_magic(const rc_zstream *z, const void *p, size_t n)
{
    const unsigned char *m = z->fmt == RC_Z_ZSTD ? zst_magic : gz_magic;
    size_t mlen = z->fmt == RC_Z_ZSTD ? sizeof zst_magic : sizeof gz_magic;
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) {
        if (b[i] != m[0])
            continue;
        size_t k = n - i < mlen ? n - i : mlen;
        if (memcmp(b + i, m, k) == 0)
            return i;
    }
    return n;
}

/* Load the collected dictionary into the zstd context: the dictionary
 * frame's content may itself be zstd-compressed (WARC zstd). Returns RC_OK
 * or RC_PARSE. */
static int load_dict(rc_zstream *z)
{
    const char *d = z->dict.data ? z->dict.data : "";
    size_t n = z->dict.len;
    if (n >= 4 && memcmp(d, zst_magic, 4) == 0) {
        unsigned long long sz = ZSTD_getFrameContentSize(d, n);
        if (sz == ZSTD_CONTENTSIZE_UNKNOWN || sz == ZSTD_CONTENTSIZE_ERROR || sz > RC_ZDICT_MAX) {
            z->error = "bad zstd dictionary frame";
            return RC_PARSE;
        }
        char *plain = rc_malloc(sz ? (size_t)sz : 1);
        size_t got = ZSTD_decompress(plain, (size_t)sz, d, n);
        if (ZSTD_isError(got)) {
            free(plain);
            z->error = "corrupt zstd dictionary";
            return RC_PARSE;
        }
        rc_buf_reset(&z->dict);
        rc_buf_append(&z->dict, plain, got);
        free(plain);
    }
    if (ZSTD_isError(ZSTD_DCtx_loadDictionary(z->state, z->dict.data, z->dict.len))) {
        z->error = "bad zstd dictionary";
        return RC_PARSE;
    }
    return RC_OK;
}

/* Read 32-bit little-endian value at p. */
static unsigned rd_le32(const unsigned char *p)
{
    return (unsigned)p[0] | (unsigned)p[1] << 8 | (unsigned)p[2] << 16 | (unsigned)p[3] << 24;
}

/* zstd part of rc_zstream_run. */
static int run_zstd(rc_zstream *z, const unsigned char *in, size_t inlen, size_t *in_used,
                    void *out, size_t outcap, size_t *out_len)
{
    size_t pre = 0;
    if (z->dict_state == 0) {
        /* a WARC zstd file may open with its dictionary in a skippable frame */
        if (z->in_total == 0 && inlen >= 8 && rd_le32(in) == RC_ZDICT_MAGIC) {
            z->dict_need = rd_le32(in + 4);
            if (z->dict_need > RC_ZDICT_MAX) {
                z->error = "zstd dictionary over 32 MiB";
                return RC_PARSE;
            }
            z->dict_state = 1;
            pre = 8;
            z->in_total += 8;
            z->in_member = 1;
        } else {
            z->dict_state = 2;
        }
    }
    if (z->dict_state == 1) {
        size_t take = inlen - pre < z->dict_need ? inlen - pre : z->dict_need;
        rc_buf_append(&z->dict, in + pre, take);
        z->dict_need -= take;
        pre += take;
        z->in_total += take;
        if (z->dict_need == 0) {
            z->dict_state = 2;
            z->in_member = 0;
            z->member_start = z->in_total;
            if (load_dict(z) != RC_OK) {
                *in_used = pre;
                return RC_PARSE;
            }
        }
        *in_used = pre;
        return RC_OK;
    }
    ZSTD_inBuffer ib = {in + pre, inlen - pre, 0};
    ZSTD_outBuffer ob = {out, outcap, 0};
    size_t r = ZSTD_decompressStream(z->state, &ob, &ib);
    *in_used = pre + ib.pos;
    *out_len = ob.pos;
    z->in_total += ib.pos;
    if (ZSTD_isError(r)) {
        if (ZSTD_getErrorCode(r) == ZSTD_error_dictionary_wrong) {
            z->error = "zstd dictionary frames not supported (frame needs a dictionary "
                       "that the file does not provide)";
            return RC_UNSUPPORTED;
        }
        z->error = ZSTD_getErrorName(r);
        return RC_PARSE;
    }
    if (ib.pos > 0)
        z->in_member = 1;
    if (r == 0 && z->in_member) {
        z->members++;
        z->in_member = 0;
        z->member_start = z->in_total;
    }
    return RC_OK;
}

/* Decode from in[inlen] into out[outcap] (see decompress.h). */
int rc_zstream_run(rc_zstream *z, const void *in, size_t inlen, size_t *in_used, void *out,
                   size_t outcap, size_t *out_len)
{
    *in_used = 0;
    *out_len = 0;
    if (z->fmt == RC_Z_ZSTD)
        return run_zstd(z, in, inlen, in_used, out, outcap, out_len);
    if (outcap == 0)
        return RC_OK;
    z_stream *s = z->state;
    s->next_in = (Bytef *)(uintptr_t)in;
    s->avail_in = inlen > UINT_MAX ? UINT_MAX : (uInt)inlen;
    s->next_out = out;
    s->avail_out = outcap > UINT_MAX ? UINT_MAX : (uInt)outcap;
    uInt ain = s->avail_in, aout = s->avail_out;
    int r = inflate(s, Z_NO_FLUSH);
    *in_used = ain - s->avail_in;
    *out_len = aout - s->avail_out;
    z->in_total += *in_used;
    if (*in_used > 0)
        z->in_member = 1;
    switch (r) {
    case Z_OK:
    case Z_BUF_ERROR:
        return RC_OK;
    case Z_STREAM_END:
        z->members++;
        z->in_member = 0;
        z->member_start = z->in_total;
        inflateReset(s);
        return RC_OK;
    case Z_NEED_DICT:
        z->error = "deflate stream needs a preset dictionary";
        return RC_PARSE;
    default:
        z->error = s->msg ? s->msg : "corrupt compressed data";
        return RC_PARSE;
    }
}

/* Append p[n] to out, or as much as fits; RC_TOOBIG when not all did. */
static int append_capped(rc_buf *out, const void *p, size_t n)
{
    if (rc_buf_append(out, p, n) == RC_OK)
        return RC_OK;
    size_t room = out->max > out->len ? out->max - out->len : 0;
    if (room > 0)
        rc_buf_append(out, p, room < n ? room : n);
    return RC_TOOBIG;
}

/* Decode in[n] in format fmt, appending to out (see decompress.h). */
int rc_z_decode(rc_zfmt fmt, const void *in, size_t n, rc_buf *out, size_t *err_off)
{
    const unsigned char *b = in;
    size_t dummy;
    if (!err_off)
        err_off = &dummy;
    *err_off = 0;
    if (fmt == RC_Z_NONE) {
        *err_off = n;
        return append_capped(out, in, n);
    }
    if (fmt == RC_Z_DEFLATE) {
        int zlib_hdr = n >= 2 && (b[0] & 0x0f) == 8 && (b[0] >> 4) <= 7 &&
                       (((unsigned)b[0] << 8) | b[1]) % 31 == 0;
        fmt = zlib_hdr ? RC_Z_ZLIB : RC_Z_RAW;
    }
    rc_zstream z;
    rc_zstream_init(&z, fmt);
    unsigned char chunk[32768];
    size_t pos = 0;
    int rc = RC_OK;
    while (pos < n) {
        if (!z.in_member && z.members > 0) {
            /* between members: only another member of the same kind goes on */
            if (fmt == RC_Z_ZLIB || fmt == RC_Z_RAW)
                break;
            if (fmt == RC_Z_ZSTD && n - pos >= 4 && (b[pos] & 0xf0) == 0x50 &&
                memcmp(b + pos + 1, "\x2a\x4d\x18", 3) == 0)
                goto decode; /* skippable frame */
            size_t m = rc_zstream_find_magic(&z, b + pos, n - pos);
            if (m != 0)
                break; /* trailing data after the last member is ignored */
        }
    decode:;
        size_t used, got;
        int r = rc_zstream_run(&z, b + pos, n - pos, &used, chunk, sizeof chunk, &got);
        pos += used;
        if (got > 0 && append_capped(out, chunk, got) != RC_OK) {
            rc = RC_TOOBIG;
            break;
        }
        if (r != RC_OK) {
            rc = r;
            break;
        }
        if (used == 0 && got == 0)
            break; /* no progress possible: input ends inside the stream */
    }
    if (rc == RC_OK) {
        /* drain output still held inside the decoder */
        for (;;) {
            size_t used, got;
            int r = rc_zstream_run(&z, b + pos, 0, &used, chunk, sizeof chunk, &got);
            if (r != RC_OK || got == 0)
                break;
            if (append_capped(out, chunk, got) != RC_OK) {
                rc = RC_TOOBIG;
                break;
            }
        }
    }
    if (rc == RC_OK && (z.in_member || z.dict_state == 1)) {
        rc = RC_PARSE; /* input ended inside a member */
        z.error = "truncated";
    }
    *err_off = rc == RC_PARSE || rc == RC_UNSUPPORTED ? (size_t)z.member_start : pos;
    rc_zstream_cleanup(&z);
    return rc;
}
