/*
 * fuzz_http.c - libFuzzer target for HTTP responses and charsets: the input
 * as a response (rc_http_parse, then rc_http_decode_body with a small cap),
 * the decoded body and the raw input through rc_charset_to_utf8 (with and
 * without an HTTP charset), and the meta sniffer. Checks caps and that the
 * output is NUL-terminated within its length.
 */
#include "ingest/charset.h"
#include "ingest/http.h"
#include "util/buf.h"
#include "util/rc.h"
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Convert p[n] with http charset cs into a capped buffer and check it. */
static void convert(const char *p, size_t n, const char *cs, size_t cap)
{
    rc_buf out;
    rc_buf_init(&out, cap);
    const char *used = NULL;
    size_t bad = 0;
    int rc = rc_charset_to_utf8(p, n, cs, &out, &used, &bad);
    if (rc != RC_OK && rc != RC_TOOBIG)
        __builtin_trap();
    if (!used || out.len > cap || (out.data && out.data[out.len] != '\0'))
        __builtin_trap();
    rc_buf_cleanup(&out);
}

/* libFuzzer entry point. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *p = (const char *)data;
    rc_http_response r;
    if (rc_http_parse(p, size, &r) == RC_OK) {
        if (r.header_len > size || strlen(r.content_type) >= sizeof r.content_type ||
            strlen(r.charset) >= sizeof r.charset)
            __builtin_trap();
        rc_buf body;
        rc_buf_init(&body, 4096);
        int rc = rc_http_decode_body(&r, p + r.header_len, size - r.header_len, &body);
        if (rc != RC_OK && rc != RC_PARSE && rc != RC_UNSUPPORTED && rc != RC_TOOBIG)
            __builtin_trap();
        if (body.len > 4096)
            __builtin_trap();
        convert(body.data ? body.data : "", body.len, r.charset[0] ? r.charset : NULL, 8192);
        rc_buf_cleanup(&body);
    }
    convert(p, size, NULL, 1 << 16);
    static const char *const labels[] = {"shift_jis", "utf-16be", "iso-8859-7", "gb18030",
                                         "euc-kr", "bogus"};
    convert(p, size, labels[size % 6], 512);
    const char *m = rc_charset_sniff_meta(p, size);
    if (m && !rc_charset_resolve(m, strlen(m)))
        __builtin_trap();
    return 0;
}
