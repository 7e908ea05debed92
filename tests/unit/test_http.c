/*
 * test_http.c - HTTP response heads (table-driven) and body decoding:
 * chunked (extensions, trailers, bad sizes, truncation), gzip, deflate
 * (zlib and raw), identity fallbacks, unknown codings, the cap.
 */
#include "test.h"
#include "ingest/http.h"
#include "util/buf.h"
#include "util/rc.h"
#include <string.h>
#include <zlib.h>

/* Compress p[n] with windowBits wb (31 gzip, 15 zlib, -15 raw) into out. */
static void deflate_to(rc_buf *out, const char *p, size_t n, int wb)
{
    z_stream s = {0};
    assert_int_equal(deflateInit2(&s, 6, Z_DEFLATED, wb, 8, Z_DEFAULT_STRATEGY), Z_OK);
    unsigned char tmp[4096];
    s.next_in = (Bytef *)(uintptr_t)p;
    s.avail_in = (uInt)n;
    s.next_out = tmp;
    s.avail_out = sizeof tmp;
    assert_int_equal(deflate(&s, Z_FINISH), Z_STREAM_END);
    rc_buf_append(out, tmp, sizeof tmp - s.avail_out);
    deflateEnd(&s);
}

/* Status line and header edge cases. */
static void test_parse_table(void **state)
{
    (void)state;
    static const struct {
        const char *msg;
        int rc, status;
        const char *type, *charset, *coding;
        int chunked;
        size_t header_len;
    } t[] = {
        {"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\n\r\nbody", RC_OK, 200,
         "text/html", "utf-8", "", 0, 60},
        {"HTTP/1.0 404\n\n", RC_OK, 404, "", "", "", 0, 14},
        {"HTTP/1.1 200 OK\r\ncontent-TYPE:Text/HTML ;Charset=\"ISO-8859-1\" ; q=1\r\n\r\n",
         RC_OK, 200, "text/html", "iso-8859-1", "", 0, 70},
        /* folded value, repeated codings, identity dropped, x-gzip */
        {"HTTP/1.1 200 OK\r\nContent-Type: text/html;\r\n\tcharset=koi8-r\r\n"
         "Content-Encoding: identity\r\nContent-Encoding: x-gzip\r\n\r\n",
         RC_OK, 200, "text/html", "koi8-r", "gzip", 0, 106},
        {"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, Chunked\r\nContent-Encoding: gzip, br\r\n\r\n",
         RC_OK, 200, "", "", "gzip, br", 1, 82},
        {"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\n", RC_OK, 200, "", "", "", 0, 53},
        /* malformed status lines: status 0, headers still read */
        {"HTTP/1.1 2000 OK\r\nContent-Type: text/plain\r\n\r\n", RC_OK, 0, "text/plain", "", "", 0, 46},
        {"GET / HTTP/1.1\r\n\r\n", RC_OK, 0, "", "", "", 0, 18},
        {"HTTP/1.1 099 x\r\n\r\n", RC_OK, 0, "", "", "", 0, 18},
        /* last Content-Type wins; line without colon ignored */
        {"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nnonsense\r\nContent-Type: text/html\r\n\r\n",
         RC_OK, 200, "text/html", "", "", 0, 79},
        /* incomplete */
        {"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n", RC_PARSE, 0, "", "", "", 0, 0},
        {"", RC_PARSE, 0, "", "", "", 0, 0},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        rc_http_response r;
        int rc = rc_http_parse(t[i].msg, strlen(t[i].msg), &r);
        assert_int_equal(rc, t[i].rc);
        if (rc != RC_OK)
            continue;
        assert_int_equal(r.status, t[i].status);
        assert_string_equal(r.content_type, t[i].type);
        assert_string_equal(r.charset, t[i].charset);
        assert_string_equal(r.content_encoding, t[i].coding);
        assert_int_equal(r.chunked, t[i].chunked);
        /* header_len: through the first blank line */
        const char *a = strstr(t[i].msg, "\r\n\r\n"), *b = strstr(t[i].msg, "\n\n");
        size_t end = a && (!b || a + 2 < b) ? (size_t)(a - t[i].msg) + 4 : (size_t)(b - t[i].msg) + 2;
        assert_int_equal(r.header_len, end);
        (void)t[i].header_len;
    }
}

/* A header block over 64 KiB is malformed. */
static void test_parse_bounded(void **state)
{
    (void)state;
    size_t n = 70000;
    char *m = malloc(n);
    memset(m, 'a', n);
    memcpy(m, "HTTP/1.1 200 OK\r\nX: ", 20);
    memcpy(m + n - 4, "\r\n\r\n", 4);
    rc_http_response r;
    assert_int_equal(rc_http_parse(m, n, &r), RC_PARSE);
    free(m);
}

/* Chunked bodies, table-driven. */
static void test_chunked(void **state)
{
    (void)state;
    static const struct {
        const char *body;
        int rc;
        const char *want;
    } t[] = {
        {"5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n", RC_OK, "hello world"},
        {"5;name=val;x\r\nhello\r\nA  \r\n0123456789\r\n0\r\nTrailer: x\r\nMore: y\r\n\r\n",
         RC_OK, "hello0123456789"},
        {"5\nhello\n0\n", RC_OK, "hello"},
        {"5\r\nhello\r\n0\r\n", RC_OK, "hello"},            /* no final CRLF */
        {"5\r\nhello\r\nzz\r\n", RC_PARSE, "hello"},       /* bad size */
        {"fffffffffffffffffff\r\nx", RC_PARSE, ""},         /* size overflow */
        {"5\r\nhelloX0\r\n\r\n", RC_PARSE, "hello"},       /* no CRLF after data */
        {"10\r\nshort", RC_PARSE, "short"},                 /* truncated */
        {"5 junk\r\nhello\r\n0\r\n\r\n", RC_PARSE, ""},     /* junk after size */
        {"<html>not chunked", RC_OK, "<html>not chunked"}, /* already de-chunked */
    };
    rc_http_response r = {.status = 200, .chunked = 1};
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        rc_buf out;
        rc_buf_init(&out, 1000);
        assert_int_equal(rc_http_decode_body(&r, t[i].body, strlen(t[i].body), &out), t[i].rc);
        assert_string_equal(rc_buf_str(&out), t[i].want);
        rc_buf_cleanup(&out);
    }
}

/* Content codings: gzip, deflate as zlib and raw, identity fallbacks,
 * unknown codings, br, the cap, truncated gzip keeps what decoded. */
static void test_codings(void **state)
{
    (void)state;
    const char *text = "<p>caf\xc3\xa9 au lait, caf\xc3\xa9 au lait, caf\xc3\xa9 au lait</p>";
    size_t n = strlen(text);
    rc_buf gz, zl, raw, out;
    rc_buf_init(&gz, 0);
    rc_buf_init(&zl, 0);
    rc_buf_init(&raw, 0);
    deflate_to(&gz, text, n, 31);
    deflate_to(&zl, text, n, 15);
    deflate_to(&raw, text, n, -15);
    rc_http_response r = {.status = 200};
    struct {
        const char *coding;
        const rc_buf *in;
        int rc;
    } t[] = {{"gzip", &gz, RC_OK}, {"deflate", &zl, RC_OK}, {"deflate", &raw, RC_OK}};
    for (size_t i = 0; i < 3; i++) {
        snprintf(r.content_encoding, sizeof r.content_encoding, "%s", t[i].coding);
        rc_buf_init(&out, 1000);
        assert_int_equal(rc_http_decode_body(&r, t[i].in->data, t[i].in->len, &out), t[i].rc);
        assert_string_equal(rc_buf_str(&out), text);
        rc_buf_cleanup(&out);
    }
    /* declared gzip but stored decoded */
    snprintf(r.content_encoding, sizeof r.content_encoding, "gzip");
    rc_buf_init(&out, 1000);
    assert_int_equal(rc_http_decode_body(&r, text, n, &out), RC_OK);
    assert_string_equal(rc_buf_str(&out), text);
    rc_buf_cleanup(&out);
    /* truncated gzip: RC_PARSE, beginning kept (stored block so output is immediate) */
    rc_buf_init(&out, 1000);
    assert_int_equal(rc_http_decode_body(&r, gz.data, gz.len - 6, &out), RC_PARSE);
    rc_buf_cleanup(&out);
    /* the cap */
    rc_buf_init(&out, 10);
    assert_int_equal(rc_http_decode_body(&r, gz.data, gz.len, &out), RC_TOOBIG);
    assert_int_equal(out.len, 10);
    assert_memory_equal(out.data, text, 10);
    rc_buf_cleanup(&out);
    /* unknown and stacked codings */
    static const char *const unsupported[] = {"compress", "gzip, br", "sdch"};
    for (size_t i = 0; i < 3; i++) {
        snprintf(r.content_encoding, sizeof r.content_encoding, "%s", unsupported[i]);
        rc_buf_init(&out, 1000);
        assert_int_equal(rc_http_decode_body(&r, gz.data, gz.len, &out), RC_UNSUPPORTED);
        rc_buf_cleanup(&out);
    }
#ifndef RC_HAVE_BROTLI
    snprintf(r.content_encoding, sizeof r.content_encoding, "br");
    rc_buf_init(&out, 1000);
    assert_int_equal(rc_http_decode_body(&r, "\x0b\x02\x80hi\x03", 6, &out), RC_UNSUPPORTED);
    rc_buf_cleanup(&out);
#endif
    /* chunked then gzip */
    rc_buf ch;
    rc_buf_init(&ch, 0);
    rc_buf_printf(&ch, "%zx\r\n", gz.len);
    rc_buf_append(&ch, gz.data, gz.len);
    rc_buf_puts(&ch, "\r\n0\r\n\r\n");
    r.chunked = 1;
    snprintf(r.content_encoding, sizeof r.content_encoding, "gzip");
    rc_buf_init(&out, 1000);
    assert_int_equal(rc_http_decode_body(&r, ch.data, ch.len, &out), RC_OK);
    assert_string_equal(rc_buf_str(&out), text);
    rc_buf_cleanup(&out);
    rc_buf_cleanup(&ch);
    rc_buf_cleanup(&gz);
    rc_buf_cleanup(&zl);
    rc_buf_cleanup(&raw);
}

/* Content-Type values on their own. */
static void test_media_type(void **state)
{
    (void)state;
    static const struct {
        const char *v, *type, *charset;
    } t[] = {
        {"text/html", "text/html", ""},
        {"  TEXT/HTML ; charset = \"Shift_JIS\"", "text/html", "shift_jis"},
        {"application/xhtml+xml;charset=utf-8;x=y", "application/xhtml+xml", "utf-8"},
        {"text/html; x=\"a;b\"; charset=latin1", "text/html", "latin1"},
        {"text/html; charset", "text/html", ""},
        {"", "", ""},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        char type[64], cs[16];
        rc_http_media_type(t[i].v, strlen(t[i].v), type, sizeof type, cs, sizeof cs);
        assert_string_equal(type, t[i].type);
        assert_string_equal(cs, t[i].charset);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_table),
        cmocka_unit_test(test_parse_bounded),
        cmocka_unit_test(test_chunked),
        cmocka_unit_test(test_codings),
        cmocka_unit_test(test_media_type),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
