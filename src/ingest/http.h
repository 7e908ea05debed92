/*
 * http.h - HTTP/1.x response messages as archived in WARC records.
 */
#ifndef RC_HTTP_H
#define RC_HTTP_H
#include <stddef.h>
#include "util/buf.h"

typedef struct rc_http_response {
    int status;                 /* 200, ...; 0 when the status line is malformed */
    char content_type[128];     /* media type, lower case, without parameters */
    char charset[64];           /* charset parameter, "" when none */
    char content_encoding[32];  /* "gzip", "deflate", "br", "" */
    int chunked;                /* Transfer-Encoding: chunked */
    size_t header_len;          /* bytes of status line + headers + blank line */
} rc_http_response;

/* Parse the status line and headers at the start of msg[n]. Returns RC_OK,
 * or RC_PARSE when no complete header block is found (bounded: headers over
 * 64 KiB are malformed). Pure function (fuzzed). */
int rc_http_parse(const char *msg, size_t n, rc_http_response *r);

/* Append the decoded body (chunked transfer coding undone, then content
 * coding gzip/deflate undone) of body[n] to out, capped by out->max.
 * Returns RC_OK, RC_PARSE (bad chunking or compressed data: what could be
 * decoded is kept), RC_UNSUPPORTED (unknown content coding) or RC_TOOBIG. */
int rc_http_decode_body(const rc_http_response *r, const char *body, size_t n, rc_buf *out);

/* Parse a Content-Type value v[n] ("text/html; charset=UTF-8"): the media
 * type, trimmed and lower case, into type[typesz] and the charset parameter
 * (quotes removed, lower case) into charset[charsetsz]; "" when absent or
 * too long to fit. Used for HTTP headers and WARC resource records. */
void rc_http_media_type(const char *v, size_t n, char *type, size_t typesz, char *charset,
                        size_t charsetsz);

#endif
