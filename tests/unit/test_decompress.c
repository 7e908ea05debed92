/*
 * test_decompress.c - gzip (multiple members, truncated, trailing data),
 * zlib/raw deflate, zstd (multiple frames, truncated, dictionary frame),
 * the output cap, and the streaming member bookkeeping.
 */
#include "test.h"
#include "ingest/decompress.h"
#include "util/buf.h"
#include "util/rc.h"
#include <string.h>
#include <zlib.h>
#include <zstd.h>

/* Compress p with windowBits wb (31 gzip, 15 zlib, -15 raw), append to out. */
static void z_to(rc_buf *out, const char *p, int wb)
{
    z_stream s = {0};
    assert_int_equal(deflateInit2(&s, 9, Z_DEFLATED, wb, 8, Z_DEFAULT_STRATEGY), Z_OK);
    unsigned char tmp[8192];
    s.next_in = (Bytef *)(uintptr_t)p;
    s.avail_in = (uInt)strlen(p);
    s.next_out = tmp;
    s.avail_out = sizeof tmp;
    assert_int_equal(deflate(&s, Z_FINISH), Z_STREAM_END);
    rc_buf_append(out, tmp, sizeof tmp - s.avail_out);
    deflateEnd(&s);
}

/* zstd p as one frame appended to out. */
static void zs_to(rc_buf *out, const char *p)
{
    char tmp[8192];
    size_t k = ZSTD_compress(tmp, sizeof tmp, p, strlen(p), 3);
    assert_false(ZSTD_isError(k));
    rc_buf_append(out, tmp, k);
}

/* Multi-member gzip, trailing garbage ignored, truncated member reported
 * at its offset with the earlier members kept. */
static void test_gzip_members(void **state)
{
    (void)state;
    rc_buf in, out;
    rc_buf_init(&in, 0);
    rc_buf_init(&out, 1000);
    z_to(&in, "first member; ", 31);
    z_to(&in, "second member; ", 31);
    size_t third = in.len;
    z_to(&in, "third member", 31);
    size_t off;
    assert_int_equal(rc_z_decode(RC_Z_GZIP, in.data, in.len, &out, &off), RC_OK);
    assert_string_equal(rc_buf_str(&out), "first member; second member; third member");
    assert_int_equal(off, in.len);
    /* trailing garbage after the last member */
    rc_buf_puts(&in, "\n\0junk");
    rc_buf_reset(&out);
    assert_int_equal(rc_z_decode(RC_Z_GZIP, in.data, in.len, &out, &off), RC_OK);
    assert_string_equal(rc_buf_str(&out), "first member; second member; third member");
    /* truncated third member */
    rc_buf_reset(&out);
    assert_int_equal(rc_z_decode(RC_Z_GZIP, in.data, third + 5, &out, &off), RC_PARSE);
    assert_int_equal(off, third);
    assert_string_equal(rc_buf_str(&out), "first member; second member; ");
    /* corrupt second member */
    in.data[third - 6] ^= 0x55; /* its CRC */
    rc_buf_reset(&out);
    assert_int_equal(rc_z_decode(RC_Z_GZIP, in.data, in.len, &out, &off), RC_PARSE);
    assert_true(off > 0 && off < third);
    rc_buf_cleanup(&in);
    rc_buf_cleanup(&out);
}

/* zlib and raw deflate, alone and as HTTP "deflate". */
static void test_deflate(void **state)
{
    (void)state;
    static const struct {
        rc_zfmt fmt;
        int wb;
    } t[] = {{RC_Z_ZLIB, 15}, {RC_Z_RAW, -15}, {RC_Z_DEFLATE, 15}, {RC_Z_DEFLATE, -15},
             {RC_Z_GZIP, 15}};
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        rc_buf in, out;
        rc_buf_init(&in, 0);
        rc_buf_init(&out, 100);
        z_to(&in, "deflated text, deflated text", t[i].wb);
        assert_int_equal(rc_z_decode(t[i].fmt, in.data, in.len, &out, NULL), RC_OK);
        assert_string_equal(rc_buf_str(&out), "deflated text, deflated text");
        rc_buf_cleanup(&in);
        rc_buf_cleanup(&out);
    }
}

/* zstd: several frames, a truncated one, a skippable frame. */
static void test_zstd(void **state)
{
    (void)state;
    rc_buf in, out;
    rc_buf_init(&in, 0);
    rc_buf_init(&out, 1000);
    zs_to(&in, "frame one, ");
    size_t skippable = in.len;
    rc_buf_append(&in, "\x50\x2a\x4d\x18\x03\x00\x00\x00xyz", 11); /* skippable */
    size_t second = in.len;
    zs_to(&in, "frame two");
    size_t off;
    assert_int_equal(rc_z_decode(RC_Z_ZSTD, in.data, in.len, &out, &off), RC_OK);
    assert_int_equal(off, in.len);
    rc_buf_reset(&out);
    assert_int_equal(rc_z_decode(RC_Z_ZSTD, in.data, in.len - 3, &out, &off), RC_PARSE);
    /* libzstd does not report the end of a skippable frame on its own, so
     * the damaged region may be said to start there */
    assert_true(off == second || off == skippable);
    assert_int_equal(strncmp(rc_buf_str(&out), "frame one, ", 11), 0); /* and maybe part of two */
    rc_buf_cleanup(&in);
    rc_buf_cleanup(&out);
}

/* The cap holds: a small bomb stops at out->max with RC_TOOBIG. */
static void test_cap(void **state)
{
    (void)state;
    char *big = malloc(1 << 20);
    memset(big, 'x', (1 << 20) - 1);
    big[(1 << 20) - 1] = '\0';
    static const rc_zfmt f[] = {RC_Z_GZIP, RC_Z_ZSTD, RC_Z_NONE};
    for (size_t i = 0; i < 3; i++) {
        rc_buf in, out;
        rc_buf_init(&in, 0);
        rc_buf_init(&out, 4096);
        if (f[i] == RC_Z_GZIP)
            z_to(&in, big, 31);
        else if (f[i] == RC_Z_ZSTD) {
            size_t cap = ZSTD_compressBound(1 << 20);
            char *tmp = malloc(cap);
            size_t k = ZSTD_compress(tmp, cap, big, strlen(big), 3);
            rc_buf_append(&in, tmp, k);
            free(tmp);
        } else
            rc_buf_puts(&in, big);
        assert_int_equal(rc_z_decode(f[i], in.data, in.len, &out, NULL), RC_TOOBIG);
        assert_int_equal(out.len, 4096);
        rc_buf_cleanup(&in);
        rc_buf_cleanup(&out);
    }
    free(big);
}

/* Streaming: member count, member_start, find_magic. */
static void test_stream(void **state)
{
    (void)state;
    rc_buf in;
    rc_buf_init(&in, 0);
    z_to(&in, "aaaa", 31);
    size_t second = in.len;
    z_to(&in, "bbbb", 31);
    rc_zstream z;
    rc_zstream_init(&z, RC_Z_GZIP);
    char out[64];
    size_t pos = 0, total = 0;
    while (pos < in.len) {
        size_t used, got;
        assert_int_equal(rc_zstream_run(&z, in.data + pos, in.len - pos, &used, out + total,
                                        sizeof out - total, &got), RC_OK);
        pos += used;
        total += got;
        if (z.members == 1 && !z.in_member)
            assert_int_equal(z.member_start, second);
    }
    assert_int_equal(z.members, 2);
    assert_int_equal(z.in_member, 0);
    assert_int_equal(total, 8);
    assert_memory_equal(out, "aaaabbbb", 8);
    assert_int_equal(rc_zstream_find_magic(&z, in.data + 1, in.len - 1), second - 1);
    assert_int_equal(rc_zstream_find_magic(&z, "ab\x1f", 3), 2); /* cut magic */
    assert_int_equal(rc_zstream_find_magic(&z, "ab\x1f\x8c", 4), 4);
    rc_zstream_cleanup(&z);
    rc_buf_cleanup(&in);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gzip_members),
        cmocka_unit_test(test_deflate),
        cmocka_unit_test(test_zstd),
        cmocka_unit_test(test_cap),
        cmocka_unit_test(test_stream),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
