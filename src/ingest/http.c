/*
 * http.c - HTTP/1.x response head and body decoding (see http.h).
 *
 * Decisions beyond http.h:
 *  - Lines end in "\n" with an optional "\r" before it. A header line that
 *    starts with a space or tab continues the previous one (obsolete line
 *    folding). Lines without ':' are ignored. Repeated Content-Encoding and
 *    Transfer-Encoding headers are joined with ", " as HTTP says; for
 *    Content-Type the last one wins. Values are kept up to 1 KiB each.
 *  - The status line is "HTTP/<version> <3 digits>[ reason]"; anything else
 *    gives status 0 but the headers are still read.
 *  - Content-Encoding: "identity" tokens are dropped, "x-gzip" is "gzip";
 *    two or more codings are kept as a list and are RC_UNSUPPORTED.
 *  - Archives often store bodies already de-chunked or decompressed while
 *    keeping the original headers. So a body declared chunked whose first
 *    byte is not a hex digit, and a body declared gzip that does not start
 *    with the gzip magic, are taken as they are.
 *  - "br" is decoded when built with RC_HAVE_BROTLI (libbrotlidec), else it
 *    is RC_UNSUPPORTED. "zstd" is decoded (libzstd).
 */
#include "ingest/http.h"
#include "ingest/decompress.h"
#include "util/rc.h"
#include <ctype.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>
#ifdef RC_HAVE_BROTLI
#include <brotli/decode.h>
#endif

#define RC_HTTP_MAX_HEAD (64 * 1024)
#define RC_HTTP_MAX_VALUE 1024

/* A header value being collected (with folded continuation lines). */
typedef struct hval {
    char s[RC_HTTP_MAX_VALUE];
    size_t n;
} hval;

/* Append p[n] to v, separated by sep when v is not empty; silently
 * truncated at the value cap. */
static void hval_add(hval *v, const char *sep, const char *p, size_t n)
{
    size_t seplen = v->n > 0 ? strlen(sep) : 0;
    for (size_t i = 0; i < seplen && v->n < sizeof v->s - 1; i++)
        v->s[v->n++] = sep[i];
    for (size_t i = 0; i < n && v->n < sizeof v->s - 1; i++)
        v->s[v->n++] = p[i];
    v->s[v->n] = '\0';
}

/* Is c optional white space (space or tab)? */
static int ows(char c)
{
    return c == ' ' || c == '\t';
}

/* Trim spaces and tabs around p[*n]; returns the new start. */
static const char *trim(const char *p, size_t *n)
{
    while (*n > 0 && (ows(p[0]) || p[0] == '\r' || p[0] == '\n')) {
        p++;
        (*n)--;
    }
    while (*n > 0 && (ows(p[*n - 1]) || p[*n - 1] == '\r' || p[*n - 1] == '\n'))
        (*n)--;
    return p;
}

/* Copy p[n] lower-cased into dst[dstsz] ("" when it does not fit). */
static void copy_lower(char *dst, size_t dstsz, const char *p, size_t n)
{
    if (n >= dstsz) {
        dst[0] = '\0';
        return;
    }
    for (size_t i = 0; i < n; i++)
        dst[i] = (char)tolower((unsigned char)p[i]);
    dst[n] = '\0';
}

/* Parse a Content-Type value (see http.h). */
void rc_http_media_type(const char *v, size_t n, char *type, size_t typesz, char *charset,
                        size_t charsetsz)
{
    if (typesz)
        type[0] = '\0';
    if (charsetsz)
        charset[0] = '\0';
    size_t i = 0;
    while (i < n && v[i] != ';' && v[i] != ',')
        i++;
    size_t tl = i;
    const char *t = trim(v, &tl);
    if (typesz)
        copy_lower(type, typesz, t, tl);
    /* parameters: ; name = value | "quoted" */
    while (i < n && v[i] != ',') {
        i++; /* ';' */
        while (i < n && ows(v[i]))
            i++;
        size_t ns = i;
        while (i < n && v[i] != '=' && v[i] != ';' && v[i] != ',')
            i++;
        size_t nl = i - ns;
        const char *name = trim(v + ns, &nl);
        if (i >= n || v[i] != '=')
            continue;
        i++;
        while (i < n && ows(v[i]))
            i++;
        const char *val;
        size_t vl;
        if (i < n && v[i] == '"') {
            i++;
            size_t vs = i;
            while (i < n && v[i] != '"')
                i++;
            val = v + vs;
            vl = i - vs;
            if (i < n)
                i++;
            while (i < n && v[i] != ';' && v[i] != ',')
                i++;
        } else {
            size_t vs = i;
            while (i < n && v[i] != ';' && v[i] != ',')
                i++;
            vl = i - vs;
            val = trim(v + vs, &vl);
        }
        if (nl == 7 && strncasecmp(name, "charset", 7) == 0 && charsetsz)
            copy_lower(charset, charsetsz, val, vl);
    }
}

/* Normalise a Content-Encoding list into r->content_encoding. */
static void set_coding(rc_http_response *r, const hval *v)
{
    char outv[RC_HTTP_MAX_VALUE] = "";
    size_t on = 0;
    size_t i = 0;
    while (i < v->n) {
        size_t s = i;
        while (i < v->n && v->s[i] != ',')
            i++;
        size_t tl = i - s;
        const char *t = trim(v->s + s, &tl);
        if (i < v->n)
            i++;
        if (tl == 0 || (tl == 8 && strncasecmp(t, "identity", 8) == 0))
            continue;
        if (tl == 6 && strncasecmp(t, "x-gzip", 6) == 0) {
            t = "gzip";
            tl = 4;
        }
        if (on > 0 && on + 2 < sizeof outv) {
            outv[on++] = ',';
            outv[on++] = ' ';
        }
        for (size_t k = 0; k < tl && on + 1 < sizeof outv; k++)
            outv[on++] = (char)tolower((unsigned char)t[k]);
    }
    copy_lower(r->content_encoding, sizeof r->content_encoding, outv, on);
    if (on > 0 && r->content_encoding[0] == '\0')
        copy_lower(r->content_encoding, sizeof r->content_encoding, "unknown", 7);
}

/* Is the last coding of a Transfer-Encoding list "chunked"? */
static int is_chunked(const hval *v)
{
    size_t n = v->n;
    const char *p = v->s;
    size_t i = n;
    while (i > 0 && p[i - 1] != ',')
        i--;
    size_t tl = n - i;
    const char *t = trim(p + i, &tl);
    return tl == 7 && strncasecmp(t, "chunked", 7) == 0;
}

/* Parse "HTTP/x.y NNN ..." in p[n]; the status, or 0 when malformed. */
static int status_line(const char *p, size_t n)
{
    if (n < 5 || strncmp(p, "HTTP/", 5) != 0)
        return 0;
    size_t i = 5;
    while (i < n && !ows(p[i]))
        i++;
    while (i < n && ows(p[i]))
        i++;
    if (n - i < 3)
        return 0;
    for (size_t k = 0; k < 3; k++)
        if (!isdigit((unsigned char)p[i + k]))
            return 0;
    if (n - i > 3 && !ows(p[i + 3]))
        return 0;
    int s = (p[i] - '0') * 100 + (p[i + 1] - '0') * 10 + (p[i + 2] - '0');
    return s >= 100 ? s : 0;
}

/* Parse the status line and headers (see http.h). */
int rc_http_parse(const char *msg, size_t n, rc_http_response *r)
{
    memset(r, 0, sizeof *r);
    size_t lim = n < RC_HTTP_MAX_HEAD ? n : RC_HTTP_MAX_HEAD;
    hval ct, ce, te;
    hval *cur = NULL;
    ct.n = ce.n = te.n = 0;
    ct.s[0] = ce.s[0] = te.s[0] = '\0';
    size_t pos = 0;
    int first = 1, done = 0;
    while (pos < lim) {
        const char *nl = memchr(msg + pos, '\n', lim - pos);
        if (!nl)
            break;
        size_t le = (size_t)(nl - msg);
        size_t len = le - pos;
        if (len > 0 && msg[pos + len - 1] == '\r')
            len--;
        const char *line = msg + pos;
        pos = le + 1;
        if (len == 0) {
            done = 1;
            break;
        }
        if (first) {
            r->status = status_line(line, len);
            first = 0;
            continue;
        }
        if (ows(line[0])) {
            if (cur) {
                size_t tl = len;
                const char *t = trim(line, &tl);
                hval_add(cur, " ", t, tl);
            }
            continue;
        }
        const char *colon = memchr(line, ':', len);
        cur = NULL;
        if (!colon)
            continue;
        size_t nlen = (size_t)(colon - line);
        const char *name = trim(line, &nlen);
        size_t vl = len - (size_t)(colon - line) - 1;
        const char *val = trim(colon + 1, &vl);
        if (nlen == 12 && strncasecmp(name, "content-type", 12) == 0) {
            ct.n = 0;
            ct.s[0] = '\0';
            cur = &ct;
            hval_add(cur, "", val, vl);
        } else if (nlen == 16 && strncasecmp(name, "content-encoding", 16) == 0) {
            cur = &ce;
            hval_add(cur, ", ", val, vl);
        } else if (nlen == 17 && strncasecmp(name, "transfer-encoding", 17) == 0) {
            cur = &te;
            hval_add(cur, ", ", val, vl);
        }
    }
    if (!done)
        return RC_PARSE;
    r->header_len = pos;
    rc_http_media_type(ct.s, ct.n, r->content_type, sizeof r->content_type, r->charset,
                       sizeof r->charset);
    set_coding(r, &ce);
    r->chunked = is_chunked(&te);
    return RC_OK;
}

/* Value of hex digit c, or -1. */
static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Undo chunked transfer coding of b[n] into out (cap >= n suffices: the
 * result is never longer). Returns RC_OK or RC_PARSE (bad size line,
 * missing CRLF after a chunk, or truncated: what came before is kept). */
static int dechunk(const char *b, size_t n, rc_buf *out)
{
    size_t i = 0;
    for (;;) {
        unsigned long long size = 0;
        size_t digits = 0;
        int h;
        while (i < n && (h = hexval(b[i])) >= 0) {
            if (++digits > 15)
                return RC_PARSE; /* sizes up to 2^60 only */
            size = size * 16 + (unsigned)h;
            i++;
        }
        if (digits == 0)
            return RC_PARSE;
        while (i < n && ows(b[i]))
            i++;
        if (i < n && b[i] == ';') /* chunk extensions are ignored */
            while (i < n && b[i] != '\n')
                i++;
        if (i < n && b[i] == '\r')
            i++;
        if (i >= n || b[i] != '\n')
            return RC_PARSE;
        i++;
        if (size == 0) {
            /* trailer fields up to a blank line (or the end) are ignored */
            while (i < n) {
                const char *nl = memchr(b + i, '\n', n - i);
                size_t len = nl ? (size_t)(nl - (b + i)) : n - i;
                if (len == 0 || (len == 1 && b[i] == '\r'))
                    break;
                i += len + (nl ? 1 : 0);
            }
            return RC_OK;
        }
        if (size > n - i) {
            rc_buf_append(out, b + i, n - i);
            return RC_PARSE;
        }
        if (rc_buf_append(out, b + i, (size_t)size) != RC_OK)
            return RC_PARSE; /* cannot happen with cap >= n */
        i += (size_t)size;
        if (i < n && b[i] == '\r')
            i++;
        if (i >= n || b[i] != '\n')
            return RC_PARSE;
        i++;
    }
}

/* Append p[n] to out, or as much as fits; RC_TOOBIG when not all did. */
static int append_capped(rc_buf *out, const char *p, size_t n)
{
    if (rc_buf_append(out, p, n) == RC_OK)
        return RC_OK;
    size_t room = out->max > out->len ? out->max - out->len : 0;
    if (room > 0)
        rc_buf_append(out, p, room < n ? room : n);
    return RC_TOOBIG;
}

#ifdef RC_HAVE_BROTLI
/* Decode brotli p[n] into out (capped). RC_OK, RC_PARSE or RC_TOOBIG. */
static int unbrotli(const char *p, size_t n, rc_buf *out)
{
    BrotliDecoderState *s = BrotliDecoderCreateInstance(NULL, NULL, NULL);
    if (!s)
        return RC_PARSE;
    const uint8_t *next_in = (const uint8_t *)p;
    size_t avail_in = n;
    uint8_t chunk[32768];
    int rc = RC_PARSE;
    for (;;) {
        uint8_t *next_out = chunk;
        size_t avail_out = sizeof chunk;
        BrotliDecoderResult res =
            BrotliDecoderDecompressStream(s, &avail_in, &next_in, &avail_out, &next_out, NULL);
        size_t got = sizeof chunk - avail_out;
        if (got > 0 && append_capped(out, (const char *)chunk, got) != RC_OK) {
            rc = RC_TOOBIG;
            break;
        }
        if (res == BROTLI_DECODER_RESULT_SUCCESS) {
            rc = RC_OK;
            break;
        }
        if (res != BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT)
            break; /* error, or input ended inside the stream */
    }
    BrotliDecoderDestroyInstance(s);
    return rc;
}
#endif

/* Decode the body (see http.h). */
int rc_http_decode_body(const rc_http_response *r, const char *body, size_t n, rc_buf *out)
{
    rc_buf tmp;
    rc_buf_init(&tmp, n + 1);
    const char *p = body;
    size_t len = n;
    int crc = RC_OK;
    if (r->chunked && n > 0 && hexval(body[0]) >= 0) {
        crc = dechunk(body, n, &tmp);
        p = tmp.data ? tmp.data : "";
        len = tmp.len;
    }
    const char *ce = r->content_encoding;
    int rc;
    if (ce[0] == '\0' || len == 0) {
        rc = append_capped(out, p, len);
    } else if (strcmp(ce, "gzip") == 0) {
        if (len >= 2 && (unsigned char)p[0] == 0x1f && (unsigned char)p[1] == 0x8b)
            rc = rc_z_decode(RC_Z_GZIP, p, len, out, NULL);
        else
            rc = append_capped(out, p, len);
    } else if (strcmp(ce, "deflate") == 0) {
        rc = rc_z_decode(RC_Z_DEFLATE, p, len, out, NULL);
    } else if (strcmp(ce, "zstd") == 0) {
        rc = rc_z_decode(RC_Z_ZSTD, p, len, out, NULL);
        if (rc == RC_UNSUPPORTED)
            rc = RC_PARSE;
    } else if (strcmp(ce, "br") == 0) {
#ifdef RC_HAVE_BROTLI
        rc = unbrotli(p, len, out);
#else
        rc = RC_UNSUPPORTED;
#endif
    } else {
        rc = RC_UNSUPPORTED;
    }
    rc_buf_cleanup(&tmp);
    if (rc != RC_OK)
        return rc;
    return crc;
}
