/*
 * test_warc.c - WARC reader: archives built here byte by byte (plain, gzip
 * per record, one whole-file gzip member, zstd per record), checking which
 * records are delivered, their metadata, counts, messages and offsets
 * (stderr captured), resynchronisation after damage.
 */
#include "test.h"
#include "ingest/warc.h"
#include "util/buf.h"
#include "util/rc.h"
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

/* ---- archive builders -------------------------------------------------- */

static unsigned serial;

/* Append one WARC record of type with payload p[n] to b. uri and ctype may
 * be NULL (field left out). */
static void record(rc_buf *b, const char *type, const char *uri, const char *ctype,
                   const char *p, size_t n)
{
    rc_buf_printf(b, "WARC/1.1\r\nWARC-Type: %s\r\n", type);
    rc_buf_printf(b, "WARC-Record-ID: <urn:uuid:0000%04X-AAAA-4bbb-8ccc-0123456789AB>\r\n",
                  ++serial);
    rc_buf_puts(b, "WARC-Date: 2031-04-05T06:07:08Z\r\n");
    if (uri)
        rc_buf_printf(b, "WARC-Target-URI: %s\r\n", uri);
    if (ctype)
        rc_buf_printf(b, "Content-Type: %s\r\n", ctype);
    rc_buf_printf(b, "Content-Length: %zu\r\n\r\n", n);
    rc_buf_append(b, p, n);
    rc_buf_puts(b, "\r\n\r\n");
}

/* Append a response record with HTTP head (status line + headers, CRLF
 * separated, without the blank line) and body. */
static void response(rc_buf *b, const char *uri, const char *head, const char *body, size_t n)
{
    rc_buf http;
    rc_buf_init(&http, 0);
    rc_buf_printf(&http, "%s\r\n\r\n", head);
    rc_buf_append(&http, body, n);
    record(b, "response", uri, "application/http; msgtype=response", http.data, http.len);
    rc_buf_cleanup(&http);
}

/* gzip p[n] as one member appended to out. */
static void gzip_member(rc_buf *out, const char *p, size_t n)
{
    z_stream s = {0};
    assert_int_equal(deflateInit2(&s, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
    size_t cap = deflateBound(&s, (uLong)n) + 32;
    unsigned char *tmp = malloc(cap);
    s.next_in = (Bytef *)(uintptr_t)p;
    s.avail_in = (uInt)n;
    s.next_out = tmp;
    s.avail_out = (uInt)cap;
    assert_int_equal(deflate(&s, Z_FINISH), Z_STREAM_END);
    rc_buf_append(out, tmp, cap - s.avail_out);
    deflateEnd(&s);
    free(tmp);
}

/* zstd p[n] as one frame appended to out. */
static void zstd_frame(rc_buf *out, const char *p, size_t n)
{
    size_t cap = ZSTD_compressBound(n);
    char *tmp = malloc(cap);
    size_t k = ZSTD_compress(tmp, cap, p, n, 3);
    assert_false(ZSTD_isError(k));
    rc_buf_append(out, tmp, k);
    free(tmp);
}

/* ---- recording callback ------------------------------------------------ */

typedef struct got {
    char id[80], group[80], url[200], fetched[40], charset[40], body[256];
    size_t body_len;
} got;

typedef struct sink {
    got g[16];
    size_t n;
    int stop_at;
} sink;

/* Copy s (NULL -> "(null)") into dst[cap]. */
static void cp(char *dst, size_t cap, const char *s)
{
    snprintf(dst, cap, "%s", s ? s : "(null)");
}

/* Callback: record what was delivered. */
static int take(const rc_raw *raw, void *ud)
{
    sink *k = ud;
    assert_true(k->n < 16);
    assert_int_equal(raw->format, RC_FMT_HTML);
    assert_int_equal(raw->line, 0);
    got *g = &k->g[k->n++];
    cp(g->id, sizeof g->id, raw->id);
    cp(g->group, sizeof g->group, raw->group);
    cp(g->url, sizeof g->url, raw->url);
    cp(g->fetched, sizeof g->fetched, raw->fetched);
    cp(g->charset, sizeof g->charset, raw->charset);
    size_t m = raw->body_len < sizeof g->body - 1 ? raw->body_len : sizeof g->body - 1;
    memcpy(g->body, raw->body, m);
    g->body[m] = '\0';
    g->body_len = raw->body_len;
    return k->stop_at && (int)k->n == k->stop_at ? RC_STOP : RC_OK;
}

static const char page1[] = "<!doctype html><title>One</title><p>first page</p>";
static const char page2[] = "<html><p>second page</p></html>";

/* The mixed archive used by several tests: one record per element of the
 * returned array (offsets in *starts, count in *nrec). */
static size_t build_mixed(rc_buf *b, size_t *starts)
{
    size_t k = 0;
    starts[k++] = b->len;
    record(b, "warcinfo", NULL, "application/warc-fields", "software: test\r\n", 16);
    starts[k++] = b->len;
    record(b, "request", "https://News.Example.org/a", "application/http; msgtype=request",
           "GET /a HTTP/1.1\r\nHost: news.example.org\r\n\r\n", 43);
    starts[k++] = b->len;
    response(b, "https://News.Example.org:8443/a?x=1",
             "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=ISO-8859-1", page1,
             strlen(page1));
    starts[k++] = b->len;
    record(b, "metadata", "https://news.example.org/a", "application/warc-fields", "a: b\r\n", 6);
    starts[k++] = b->len;
    response(b, "https://news.example.org/missing", "HTTP/1.1 404 Not Found\r\nContent-Type: text/html",
             "<html>gone</html>", 17);
    starts[k++] = b->len;
    response(b, "https://news.example.org/logo.png", "HTTP/1.1 200 OK\r\nContent-Type: image/png",
             "\x89PNG....", 8);
    starts[k++] = b->len;
    record(b, "resource", "file://user@host.example/saved/page.html", "text/html", page2,
           strlen(page2));
    starts[k++] = b->len;
    record(b, "revisit", "https://news.example.org/a", "application/http", "", 0);
    return k;
}

/* Check the two pages of build_mixed. */
static void check_mixed(const sink *k, const rc_warc_stats *st)
{
    assert_int_equal(k->n, 2);
    assert_string_equal(k->g[0].body, page1);
    assert_string_equal(k->g[0].group, "news.example.org");
    assert_string_equal(k->g[0].url, "https://News.Example.org:8443/a?x=1");
    assert_string_equal(k->g[0].fetched, "2031-04-05T06:07:08Z");
    assert_string_equal(k->g[0].charset, "iso-8859-1");
    assert_int_equal(strlen(k->g[0].id), 36);
    assert_int_equal(strncmp(k->g[0].id + 8, "-aaaa-4bbb-8ccc-0123456789ab", 28), 0);
    assert_string_equal(k->g[1].body, page2);
    assert_string_equal(k->g[1].group, "host.example");
    assert_string_equal(k->g[1].charset, "(null)");
    assert_int_equal(st->records, 8);
    assert_int_equal(st->articles, 2);
    assert_int_equal(st->skipped, 6);
    assert_int_equal(st->errors, 0);
}

/* Write b to a new temporary file named with suffix; returns the path in
 * out[64]. */
static const char *to_file(const rc_buf *b, const char *suffix, char *out)
{
    snprintf(out, 64, "/tmp/test_warc_XXXXXX%s", suffix);
    int fd = mkstemps(out, (int)strlen(suffix));
    assert_true(fd >= 0);
    assert_int_equal(write(fd, b->data, b->len), (ssize_t)b->len);
    close(fd);
    return out;
}

/* ---- tests ------------------------------------------------------------- */

/* Plain WARC: only the 2xx HTML response and the HTML resource go through;
 * warcinfo, request, metadata, revisit, 404 and image are counted. */
static void test_mixed_plain(void **state)
{
    (void)state;
    rc_buf b;
    rc_buf_init(&b, 0);
    size_t starts[16];
    build_mixed(&b, starts);
    sink k = {0};
    rc_warc_stats st;
    capture_begin();
    int rc = rc_warc_read_mem("mem.warc", b.data, b.len, 0, take, &k, &st);
    const char *err = capture_end();
    assert_int_equal(rc, RC_OK);
    assert_string_equal(err, "");
    check_mixed(&k, &st);

    /* the same from a file */
    char path[64];
    to_file(&b, ".warc", path);
    memset(&k, 0, sizeof k);
    assert_int_equal(rc_warc_read_file(path, 0, take, &k, &st), RC_OK);
    check_mixed(&k, &st);
    unlink(path);
    rc_buf_cleanup(&b);
}

/* One gzip member per record, as .warc.gz files are written; one member
 * for the whole file; one zstd frame per record. */
static void test_compressed(void **state)
{
    (void)state;
    rc_buf plain, gz, gz1, zs;
    rc_buf_init(&plain, 0);
    rc_buf_init(&gz, 0);
    rc_buf_init(&gz1, 0);
    rc_buf_init(&zs, 0);
    size_t starts[16];
    size_t n = build_mixed(&plain, starts);
    starts[n] = plain.len;
    for (size_t i = 0; i < n; i++) {
        gzip_member(&gz, plain.data + starts[i], starts[i + 1] - starts[i]);
        zstd_frame(&zs, plain.data + starts[i], starts[i + 1] - starts[i]);
    }
    gzip_member(&gz1, plain.data, plain.len);
    const rc_buf *bufs[] = {&gz, &gz1, &zs};
    const char *sfx[] = {".warc.gz", ".warc.gz", ".warc.zst"};
    for (size_t i = 0; i < 3; i++) {
        char path[64];
        to_file(bufs[i], sfx[i], path);
        sink k = {0};
        rc_warc_stats st;
        assert_int_equal(rc_warc_read_file(path, 0, take, &k, &st), RC_OK);
        check_mixed(&k, &st);
        unlink(path);
        /* and from memory */
        memset(&k, 0, sizeof k);
        assert_int_equal(rc_warc_read_mem("m", bufs[i]->data, bufs[i]->len, 0, take, &k, &st),
                         RC_OK);
        check_mixed(&k, &st);
    }
    rc_buf_cleanup(&plain);
    rc_buf_cleanup(&gz);
    rc_buf_cleanup(&gz1);
    rc_buf_cleanup(&zs);
}

/* Chunked transfer coding and gzip content coding inside a response. */
static void test_http_codings(void **state)
{
    (void)state;
    rc_buf gzbody, chunked, b;
    rc_buf_init(&gzbody, 0);
    rc_buf_init(&chunked, 0);
    rc_buf_init(&b, 0);
    gzip_member(&gzbody, page1, strlen(page1));
    size_t half = gzbody.len / 2;
    rc_buf_printf(&chunked, "%zx;ext=1\r\n", half);
    rc_buf_append(&chunked, gzbody.data, half);
    rc_buf_printf(&chunked, "\r\n%zX\r\n", gzbody.len - half);
    rc_buf_append(&chunked, gzbody.data + half, gzbody.len - half);
    rc_buf_puts(&chunked, "\r\n0\r\nX-Trailer: y\r\n\r\n");
    response(&b, "http://a.example/x",
             "HTTP/1.1 200 OK\r\ncontent-type: TEXT/HTML\r\nTransfer-Encoding: chunked\r\n"
             "Content-Encoding: gzip",
             chunked.data, chunked.len);
    sink k = {0};
    rc_warc_stats st;
    assert_int_equal(rc_warc_read_mem("m.warc", b.data, b.len, 0, take, &k, &st), RC_OK);
    assert_int_equal(k.n, 1);
    assert_string_equal(k.g[0].body, page1);
    assert_string_equal(k.g[0].group, "a.example");
    rc_buf_cleanup(&gzbody);
    rc_buf_cleanup(&chunked);
    rc_buf_cleanup(&b);
}

/* A record whose Content-Length runs past the end: one message with its
 * offset; the records before it are delivered. */
static void test_overrun_at_end(void **state)
{
    (void)state;
    rc_buf b;
    rc_buf_init(&b, 0);
    record(&b, "resource", "http://a.example/1", "text/html", page1, strlen(page1));
    size_t bad = b.len;
    rc_buf_puts(&b, "WARC/1.0\r\nWARC-Type: resource\r\nContent-Type: text/html\r\n"
                    "Content-Length: 5000\r\n\r\n<html>cut");
    /* plain: known size */
    sink k = {0};
    rc_warc_stats st;
    capture_begin();
    int rc = rc_warc_read_mem("m.warc", b.data, b.len, 0, take, &k, &st);
    const char *err = capture_end();
    assert_int_equal(rc, RC_ERR);
    assert_int_equal(k.n, 1);
    assert_int_equal(st.errors, 1);
    char want[80];
    snprintf(want, sizeof want, "recoupe: m.warc@%zu: error: ", bad);
    assert_non_null(strstr(err, want));
    assert_non_null(strstr(err, "runs past the end of the file"));
    assert_null(strchr(strchr(err, '\n') + 1, '\n'));

    /* gzip, one member per record: offset of the member */
    rc_buf gz;
    rc_buf_init(&gz, 0);
    gzip_member(&gz, b.data, bad);
    size_t gbad = gz.len;
    gzip_member(&gz, b.data + bad, b.len - bad);
    memset(&k, 0, sizeof k);
    capture_begin();
    rc = rc_warc_read_mem("m.warc.gz", gz.data, gz.len, 0, take, &k, &st);
    err = capture_end();
    assert_int_equal(rc, RC_ERR);
    assert_int_equal(k.n, 1);
    snprintf(want, sizeof want, "recoupe: m.warc.gz@%zu: error: ", gbad);
    assert_non_null(strstr(err, want));
    rc_buf_cleanup(&gz);
    rc_buf_cleanup(&b);
}

/* Garbage between records, and a record without Content-Length: reported
 * once each with the offset; reading resumes at the next "WARC/1.". */
static void test_garbage_resync(void **state)
{
    (void)state;
    rc_buf b;
    rc_buf_init(&b, 0);
    record(&b, "resource", "http://a.example/1", "text/html", page1, strlen(page1));
    size_t g1 = b.len;
    rc_buf_puts(&b, "this is not a record\nWARC/2.0 nor this\n");
    record(&b, "resource", "http://a.example/2", "text/html", page2, strlen(page2));
    size_t g2 = b.len;
    rc_buf_puts(&b, "WARC/1.0\r\nWARC-Type: resource\r\nContent-Length: 12x\r\n\r\n<html>x</html>\r\n\r\n");
    record(&b, "resource", "http://a.example/3", "application/octet-stream", page2,
           strlen(page2));
    sink k = {0};
    rc_warc_stats st;
    capture_begin();
    int rc = rc_warc_read_mem("g.warc", b.data, b.len, 0, take, &k, &st);
    const char *err = capture_end();
    assert_int_equal(rc, RC_ERR);
    assert_int_equal(k.n, 3);
    assert_string_equal(k.g[2].url, "http://a.example/3");
    assert_int_equal(st.errors, 2);
    char want[80];
    snprintf(want, sizeof want, "g.warc@%zu: error: not a WARC record header", g1);
    assert_non_null(strstr(err, want));
    snprintf(want, sizeof want, "g.warc@%zu: error: WARC record without a valid Content-Length", g2);
    assert_non_null(strstr(err, want));
    rc_buf_cleanup(&b);
}

/* A truncated gzip member between good ones (inflate then runs into the
 * next member, so it cannot tell truncation from corruption): one message
 * with the member's offset; the members before and after are read. A
 * corrupt member likewise. */
static void test_truncated_member(void **state)
{
    (void)state;
    for (int corrupt = 0; corrupt < 2; corrupt++) {
        rc_buf one, gz;
        rc_buf_init(&one, 0);
        rc_buf_init(&gz, 0);
        record(&one, "resource", "http://a.example/1", "text/html", page1, strlen(page1));
        gzip_member(&gz, one.data, one.len);
        size_t bad = gz.len;
        rc_buf_reset(&one);
        record(&one, "resource", "http://a.example/2", "text/html", page2, strlen(page2));
        rc_buf mid;
        rc_buf_init(&mid, 0);
        gzip_member(&mid, one.data, one.len);
        if (corrupt) {
            for (size_t i = 12; i < mid.len - 8; i++)
                mid.data[i] = (char)0xff;
            rc_buf_append(&gz, mid.data, mid.len);
        } else {
            rc_buf_append(&gz, mid.data, mid.len / 2);
        }
        rc_buf_reset(&one);
        record(&one, "resource", "http://a.example/3", "text/html", page2, strlen(page2));
        gzip_member(&gz, one.data, one.len);
        char path[64];
        to_file(&gz, ".warc.gz", path);
        sink k = {0};
        rc_warc_stats st;
        capture_begin();
        int rc = rc_warc_read_file(path, 0, take, &k, &st);
        const char *err = capture_end();
        assert_int_equal(rc, RC_ERR);
        assert_int_equal(k.n, 2);
        assert_string_equal(k.g[0].url, "http://a.example/1");
        assert_string_equal(k.g[1].url, "http://a.example/3");
        assert_int_equal(st.errors, 1);
        char want[120];
        snprintf(want, sizeof want, "%s@%zu: error: corrupt or truncated gzip member", path,
                 bad);
        assert_non_null(strstr(err, want));
        unlink(path);
        rc_buf_cleanup(&one);
        rc_buf_cleanup(&mid);
        rc_buf_cleanup(&gz);
    }
}

/* A payload over the cap is reported and skipped, not held; the next
 * record is read. A zstd file truncated in its last frame is reported. */
static void test_cap_and_zstd_truncated(void **state)
{
    (void)state;
    rc_buf b;
    rc_buf_init(&b, 0);
    char *big = malloc(300000);
    memset(big, 'a', 300000);
    memcpy(big, "<html>", 6);
    size_t s1 = b.len;
    record(&b, "resource", "http://a.example/big", "text/html", big, 300000);
    record(&b, "resource", "http://a.example/2", "text/html", page2, strlen(page2));
    size_t s3 = b.len;
    record(&b, "resource", "http://a.example/3", "text/html", page1, strlen(page1));
    sink k = {0};
    rc_warc_stats st;
    capture_begin();
    int rc = rc_warc_read_mem("c.warc", b.data, b.len, 1000, take, &k, &st);
    const char *err = capture_end();
    assert_int_equal(rc, RC_ERR);
    assert_int_equal(k.n, 2);
    char want[80];
    snprintf(want, sizeof want, "c.warc@%zu: error: resource record of", s1);
    assert_non_null(strstr(err, want));

    rc_buf zs;
    rc_buf_init(&zs, 0);
    zstd_frame(&zs, b.data, s3);
    size_t zbad = zs.len;
    zstd_frame(&zs, b.data + s3, b.len - s3);
    zs.len -= 5;
    memset(&k, 0, sizeof k);
    capture_begin();
    rc = rc_warc_read_mem("c.warc.zst", zs.data, zs.len, 1000, take, &k, &st);
    err = capture_end();
    assert_int_equal(rc, RC_ERR);
    assert_int_equal(k.n, 1);
    snprintf(want, sizeof want, "c.warc.zst@%zu: error: truncated zstd frame", zbad);
    assert_non_null(strstr(err, want));
    free(big);
    rc_buf_cleanup(&zs);
    rc_buf_cleanup(&b);
}

/* RC_STOP from the callback ends the read. */
static void test_stop(void **state)
{
    (void)state;
    rc_buf b;
    rc_buf_init(&b, 0);
    record(&b, "resource", "http://a.example/1", "text/html", page1, strlen(page1));
    record(&b, "resource", "http://a.example/2", "text/html", page2, strlen(page2));
    sink k = {.stop_at = 1};
    rc_warc_stats st;
    assert_int_equal(rc_warc_read_mem("s.warc", b.data, b.len, 0, take, &k, &st), RC_STOP);
    assert_int_equal(k.n, 1);
    rc_buf_cleanup(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mixed_plain),
        cmocka_unit_test(test_compressed),
        cmocka_unit_test(test_http_codings),
        cmocka_unit_test(test_overrun_at_end),
        cmocka_unit_test(test_garbage_resync),
        cmocka_unit_test(test_truncated_member),
        cmocka_unit_test(test_cap_and_zstd_truncated),
        cmocka_unit_test(test_stop),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
