/*
 * warc.c - WARC 1.0/1.1 reader, plain, gzip (per-record members or one
 * whole-file member) or zstd (see warc.h).
 *
 * Streaming: the file is read in 64 KiB chunks, decompressed into a 256 KiB
 * window; one record's header block (at most 64 KiB) and, for HTML
 * candidates, its payload (at most max_bytes + 64 KiB) are held at a time.
 * Other payloads are skipped without being held.
 *
 * Decisions beyond warc.h:
 *  - Compression is taken from the magic bytes (gzip 1f 8b, zstd 28 b5 2f fd
 *    or a leading dictionary frame), whatever the extension says.
 *  - Offsets in messages: the byte offset of the record in the file for a
 *    plain WARC; for compressed files, the offset of the gzip member / zstd
 *    frame where the record starts (what CDX indexes hold), plus the offset
 *    in the decompressed stream when the record does not start a member.
 *  - A damaged record (Content-Length missing, not a number or running past
 *    the end of a plain file, no header end within 64 KiB, text that is not
 *    a record header) gets one error; reading resumes at the next
 *    "WARC/1." at a line start. A corrupt or truncated gzip member / zstd
 *    frame gets one error; reading resumes at the next member (searched
 *    from just after the damaged member's start, up to 1 MiB back and at
 *    most the file's size in total, so a truncated member followed by good
 *    ones loses only itself and hostile input stays linear).
 *  - `response` records need an HTTP payload with a 2xx status; `resource`
 *    records take their Content-Type from the WARC header. HTML is
 *    text/html or application/xhtml+xml, or a missing/octet-stream type
 *    whose (decoded) body starts with "<html" or "<!doctype html" (case and
 *    leading white space ignored). Everything else is skipped and counted.
 *  - raw.id is the uuid of WARC-Record-ID ("urn:uuid:...", lower case) or
 *    NULL; raw.group the lower-case host of WARC-Target-URI or NULL.
 *  - A body whose chunking or content coding is damaged is delivered as far
 *    as it decoded, with a warning; an unsupported content coding (br
 *    without libbrotli) or a payload over max_bytes is an error.
 */
#include "ingest/warc.h"
#include "ingest/decompress.h"
#include "ingest/http.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/mem.h"
#include "util/rc.h"
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define RAW_CHUNK (64 * 1024)
#define WIN_CAP (256 * 1024)
#define HEAD_MAX (64 * 1024)
#define HTTP_SLACK (64 * 1024)
#define RESCAN_MAX (1024 * 1024)

/* A member start: decompressed offset d begins the member at file offset c. */
typedef struct mstart {
    unsigned long long d, c;
} mstart;

/* The byte source: file or memory, maybe compressed, seen through a window
 * of decompressed bytes. */
typedef struct src {
    const char *name;
    int fd;                          /* -1 for memory */
    const unsigned char *mem;        /* memory input */
    size_t memlen;
    unsigned char *rbuf;             /* file input chunk */
    const unsigned char *raw;        /* current raw bytes (rbuf or mem) */
    size_t rlen, rpos;
    unsigned long long raw_base;     /* file offset of raw[0] */
    int raw_eof, io_err;
    long long total;                 /* raw size when known, else -1 */
    rc_zfmt fmt;
    rc_zstream z;
    int zerr;                        /* pending decoder error (RC_PARSE, ...) */
    int dead;                        /* nothing more can be decoded */
    unsigned long long rescan_floor; /* no member rescan before this offset */
    unsigned long long rescanned;    /* bytes read again by rescans so far */
    unsigned char *win;
    size_t wlen, wpos;
    unsigned long long dpos;         /* decompressed offset of win[wpos] */
    mstart *ms;                      /* member starts, oldest first */
    size_t nms, capms, ms0;
} src;

/* Fields of one WARC record header (pointers into ctx.head). */
typedef struct whdr {
    const char *type, *uri, *date, *id, *ctype;
    unsigned long long len;
    int has_len;
} whdr;

/* State of one read. */
typedef struct ctx {
    src s;
    size_t max;
    rc_raw_fn fn;
    void *ud;
    rc_warc_stats *st;
    int cb_failed, stopped, resyncing;
    rc_buf head;                     /* current header block, NUL-split */
    rc_buf payload;
    rc_buf body;
} ctx;

/* ---- raw input ------------------------------------------------------- */

/* Refill s->raw keeping unconsumed bytes. Returns bytes now available. */
static size_t raw_fill(src *s)
{
    if (s->fd < 0 || s->raw_eof)
        return s->rlen - s->rpos;
    if (s->rpos > 0) {
        memmove(s->rbuf, s->rbuf + s->rpos, s->rlen - s->rpos);
        s->raw_base += s->rpos;
        s->rlen -= s->rpos;
        s->rpos = 0;
    }
    while (s->rlen < RAW_CHUNK) {
        ssize_t r = read(s->fd, s->rbuf + s->rlen, RAW_CHUNK - s->rlen);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            rc_diag_error(s->name, 0, (long long)(s->raw_base + s->rlen), "read error: %s",
                          strerror(errno));
            s->io_err = 1;
            s->raw_eof = 1;
            break;
        }
        if (r == 0) {
            s->raw_eof = 1;
            break;
        }
        s->rlen += (size_t)r;
        break;
    }
    s->raw = s->rbuf;
    return s->rlen - s->rpos;
}

/* Move the raw position to file offset off (seekable files and memory);
 * returns 0 when not possible (the position is left as it was). */
static int raw_seek(src *s, unsigned long long off)
{
    if (s->fd < 0) {
        if (off > s->memlen)
            return 0;
        s->rpos = (size_t)off;
        return 1;
    }
    if (off >= s->raw_base && off <= s->raw_base + s->rlen) {
        s->rpos = (size_t)(off - s->raw_base);
        return 1;
    }
    if (lseek(s->fd, (off_t)off, SEEK_SET) == (off_t)-1)
        return 0;
    s->raw_base = off;
    s->rlen = s->rpos = 0;
    s->raw_eof = 0;
    return 1;
}

/* File offset of the next raw byte. */
static unsigned long long raw_off(const src *s)
{
    return s->raw_base + s->rpos;
}

/* ---- decompressed window --------------------------------------------- */

/* Note that decompressed offset d starts the member at file offset c. */
static void ms_push(src *s, unsigned long long d, unsigned long long c)
{
    if (s->nms > s->ms0 && s->ms[s->nms - 1].c == c)
        return;
    if (s->nms == s->capms) {
        if (s->ms0 > 0) {
            memmove(s->ms, s->ms + s->ms0, (s->nms - s->ms0) * sizeof *s->ms);
            s->nms -= s->ms0;
            s->ms0 = 0;
        }
        if (s->nms == s->capms) {
            s->capms = s->capms ? s->capms * 2 : 64;
            s->ms = rc_reallocarray(s->ms, s->capms, sizeof *s->ms);
        }
    }
    s->ms[s->nms].d = d;
    s->ms[s->nms].c = c;
    s->nms++;
}

/* Drop member starts wholly before the window position. */
static void ms_prune(src *s)
{
    while (s->nms - s->ms0 >= 2 && s->ms[s->ms0 + 1].d <= s->dpos)
        s->ms0++;
}

/* File offset of the member holding decompressed offset d, and in *at_start
 * whether d starts it. Plain files: d itself. */
static unsigned long long member_of(const src *s, unsigned long long d, int *at_start)
{
    *at_start = 1;
    if (s->fmt == RC_Z_NONE)
        return d;
    for (size_t i = s->nms; i > s->ms0; i--) {
        if (s->ms[i - 1].d <= d) {
            *at_start = s->ms[i - 1].d == d;
            return s->ms[i - 1].c;
        }
    }
    *at_start = 0;
    return s->z.member_start;
}

/* Add decompressed bytes to the window. Returns 1 when some were added, 0
 * at the end of input or on a pending decoder error (s->zerr). */
static int src_more(src *s)
{
    if (s->wpos > 0) {
        memmove(s->win, s->win + s->wpos, s->wlen - s->wpos);
        s->wlen -= s->wpos;
        s->wpos = 0;
    }
    ms_prune(s);
    if (s->wlen == WIN_CAP)
        return 1;
    if (s->dead)
        return 0;
    for (;;) {
        if (s->zerr)
            return 0;
        if (s->rpos == s->rlen && raw_fill(s) == 0) {
            if (s->fmt != RC_Z_NONE && (s->z.in_member || s->z.dict_state == 1)) {
                s->zerr = RC_PARSE;
                s->z.error = "truncated";
            }
            return 0;
        }
        size_t room = WIN_CAP - s->wlen;
        if (s->fmt == RC_Z_NONE) {
            size_t k = s->rlen - s->rpos < room ? s->rlen - s->rpos : room;
            memcpy(s->win + s->wlen, s->raw + s->rpos, k);
            s->wlen += k;
            s->rpos += k;
            return 1;
        }
        if (!s->z.in_member)
            ms_push(s, s->dpos + s->wlen, raw_off(s));
        size_t used, got;
        int r = rc_zstream_run(&s->z, s->raw + s->rpos, s->rlen - s->rpos, &used,
                               s->win + s->wlen, room, &got);
        s->rpos += used;
        s->wlen += got;
        if (r != RC_OK) {
            s->zerr = r;
            return got > 0;
        }
        if (got > 0)
            return 1;
        if (used == 0 && s->rpos < s->rlen) {
            /* no progress with the input at hand: more contiguous input or
             * the end (the decoders always take input while there is
             * output room, so this is a safety net) */
            size_t before = s->rlen - s->rpos;
            if (raw_fill(s) == before) {
                if (s->z.in_member) {
                    s->zerr = RC_PARSE;
                    s->z.error = "truncated";
                }
                return 0;
            }
        }
    }
}

/* Bytes available in the window. */
static size_t avail(const src *s)
{
    return s->wlen - s->wpos;
}

/* Make at least k (<= WIN_CAP) bytes available if the input has them;
 * returns what is available. */
static size_t ensure(src *s, size_t k)
{
    while (avail(s) < k && avail(s) < WIN_CAP)
        if (!src_more(s))
            break;
    return avail(s);
}

/* Consume k available bytes. */
static void consume(src *s, size_t k)
{
    s->wpos += k;
    s->dpos += k;
}

/* After a decoder error: forget the window and restart at the next member
 * after the damaged one (see the file comment). */
static void src_resync_member(src *s)
{
    unsigned long long bad = s->z.member_start;
    unsigned long long from = bad + 1;
    if (from < s->rescan_floor)
        from = s->rescan_floor;
    /* going back is bounded per resync and in total (the input size, or
     * 64 MiB when unknown), which keeps the whole read linear */
    unsigned long long budget = s->total >= 0 ? (unsigned long long)s->total : 64ULL << 20;
    if (raw_off(s) > from) {
        unsigned long long back = raw_off(s) - from;
        if (back > RESCAN_MAX || s->rescanned + back > budget)
            from = raw_off(s);
        else
            s->rescanned += back;
    }
    if (!raw_seek(s, from))
        from = raw_off(s);
    s->rescan_floor = from + 1;
    s->dpos += avail(s);
    s->wpos = s->wlen = 0;
    s->zerr = 0;
    /* find the next magic */
    for (;;) {
        if (s->rpos == s->rlen && raw_fill(s) == 0)
            break;
        size_t n = s->rlen - s->rpos;
        size_t m = rc_zstream_find_magic(&s->z, s->raw + s->rpos, n);
        if (m < n && (n - m >= 4 || s->raw_eof)) {
            s->rpos += m;
            break;
        }
        if (m < n) {
            s->rpos += m; /* a cut magic: keep it and read more */
            if (s->fd < 0)
                break;
            size_t before = s->rlen - s->rpos;
            if (raw_fill(s) == before)
                break;
            continue;
        }
        s->rpos = s->rlen;
    }
    rc_zstream_restart(&s->z, raw_off(s));
    s->nms = s->ms0 = 0;
}

/* ---- records ----------------------------------------------------------- */

/* Report an error about the record at decompressed offset d. */
static void rec_error(ctx *c, unsigned long long d, const char *what)
{
    int at_start;
    unsigned long long off = member_of(&c->s, d, &at_start);
    if (c->s.fmt != RC_Z_NONE && !at_start)
        rc_diag_error(c->s.name, 0, (long long)off, "%s (record at decompressed offset %llu)",
                      what, d);
    else
        rc_diag_error(c->s.name, 0, (long long)off, "%s", what);
    c->st->errors++;
}

/* Report the pending decoder error and resume at the next member. */
static void decoder_error(ctx *c)
{
    const char *kind = c->s.fmt == RC_Z_ZSTD ? "zstd frame" : "gzip member";
    const char *why = c->s.z.error ? c->s.z.error : "corrupt data";
    if (c->s.zerr == RC_UNSUPPORTED)
        rc_diag_error(c->s.name, 0, (long long)c->s.z.member_start, "%s", why);
    else if (strcmp(why, "truncated") == 0)
        rc_diag_error(c->s.name, 0, (long long)c->s.z.member_start,
                      "truncated %s (the file ends inside it)", kind);
    else
        rc_diag_error(c->s.name, 0, (long long)c->s.z.member_start, "corrupt or truncated %s (%s)", kind,
                      why);
    c->st->errors++;
    if (c->s.zerr == RC_UNSUPPORTED) {
        /* nothing after this can be read: stop */
        c->s.dead = 1;
        c->s.zerr = 0;
        c->s.dpos += avail(&c->s);
        c->s.wpos = c->s.wlen = 0;
        return;
    }
    src_resync_member(&c->s);
    c->resyncing = 1;
}

/* Skip to the next "WARC/1." at a line start (the current position is not
 * one). Returns 0 when the input ends first. */
static int skip_to_record(ctx *c)
{
    src *s = &c->s;
    static const char pat[] = "\nWARC/1.";
    const size_t pl = sizeof pat - 1;
    for (;;) {
        size_t n = avail(s);
        const unsigned char *w = s->win + s->wpos;
        for (size_t i = 0; i + pl <= n; i++) {
            if (w[i] == '\n' && memcmp(w + i, pat, pl) == 0) {
                consume(s, i + 1);
                return 1;
            }
        }
        size_t keep = n < pl ? n : pl - 1;
        consume(s, n - keep);
        if (!src_more(s) || avail(s) == keep) {
            consume(s, avail(s));
            return s->zerr ? 1 : 0; /* the caller reports a decoder error */
        }
    }
}

/* Copy the value of the header line at p (after "Name:") trimmed, in place:
 * returns its start, NUL-terminated at *end. */
static char *field_value(char *p, char *end)
{
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    while (end > p && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
        end--;
    *end = '\0';
    return p;
}

/* Parse the header block c->head (NUL-split in place) into *h. */
static void parse_head(ctx *c, whdr *h)
{
    memset(h, 0, sizeof *h);
    char *p = c->head.data;
    char *end = p + c->head.len;
    char *nl = memchr(p, '\n', (size_t)(end - p));
    p = nl ? nl + 1 : end; /* skip "WARC/1.x" */
    while (p < end) {
        nl = memchr(p, '\n', (size_t)(end - p));
        char *le = nl ? nl : end;
        char *colon = memchr(p, ':', (size_t)(le - p));
        if (colon && p[0] != ' ' && p[0] != '\t') {
            size_t nlen = (size_t)(colon - p);
            while (nlen > 0 && (p[nlen - 1] == ' ' || p[nlen - 1] == '\t'))
                nlen--;
            char *v = field_value(colon + 1, le);
#define IS(name) (nlen == sizeof(name) - 1 && strncasecmp(p, name, nlen) == 0)
            if (IS("WARC-Type"))
                h->type = v;
            else if (IS("WARC-Target-URI"))
                h->uri = v;
            else if (IS("WARC-Date"))
                h->date = v;
            else if (IS("WARC-Record-ID"))
                h->id = v;
            else if (IS("Content-Type"))
                h->ctype = v;
            else if (IS("Content-Length")) {
                h->has_len = 0;
                if (*v >= '0' && *v <= '9') {
                    char *e;
                    errno = 0;
                    unsigned long long x = strtoull(v, &e, 10);
                    if (errno == 0 && *e == '\0' && x <= (1ULL << 62)) {
                        h->len = x;
                        h->has_len = 1;
                    }
                }
            }
#undef IS
        }
        p = nl ? nl + 1 : end;
    }
    /* WARC-Target-URI may be written <uri> (WARC 1.0 examples) */
    if (h->uri && h->uri[0] == '<') {
        size_t n = strlen(h->uri);
        if (n >= 2 && h->uri[n - 1] == '>') {
            ((char *)h->uri)[n - 1] = '\0';
            h->uri++;
        }
    }
}

/* Is media type t HTML? */
static int is_html_type(const char *t)
{
    return strcmp(t, "text/html") == 0 || strcmp(t, "application/xhtml+xml") == 0;
}

/* Does b[n] start (after white space and a UTF-8 BOM) like an HTML page? */
static int sniff_html(const char *b, size_t n)
{
    size_t i = 0;
    if (n >= 3 && memcmp(b, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < n && isspace((unsigned char)b[i]))
        i++;
    return (n - i >= 5 && strncasecmp(b + i, "<html", 5) == 0) ||
           (n - i >= 14 && strncasecmp(b + i, "<!doctype html", 14) == 0);
}

/* The uuid of a WARC-Record-ID as a new string (free()), or NULL. */
static char *record_uuid(const char *id)
{
    if (!id)
        return NULL;
    size_t n = strlen(id);
    for (size_t i = 0; i + 9 <= n; i++) {
        if (strncasecmp(id + i, "urn:uuid:", 9) != 0)
            continue;
        size_t s = i + 9, e = s;
        while (e < n && e - s < 64 && (isxdigit((unsigned char)id[e]) || id[e] == '-'))
            e++;
        if (e - s < 8)
            return NULL;
        char *u = rc_strndup(id + s, e - s);
        for (char *q = u; *q; q++)
            *q = (char)tolower((unsigned char)*q);
        return u;
    }
    return NULL;
}

/* The lower-case host of URI u as a new string (free()), or NULL. */
static char *uri_host(const char *u)
{
    if (!u)
        return NULL;
    const char *p = strstr(u, "://");
    if (!p)
        return NULL;
    p += 3;
    size_t alen = strcspn(p, "/?#");
    const char *at = NULL;
    for (size_t i = 0; i < alen; i++)
        if (p[i] == '@')
            at = p + i;
    if (at) {
        alen -= (size_t)(at + 1 - p);
        p = at + 1;
    }
    size_t hlen = alen;
    if (hlen > 0 && p[0] == '[') {
        const char *rb = memchr(p, ']', alen);
        if (rb)
            hlen = (size_t)(rb - p) + 1;
    } else {
        const char *colon = memchr(p, ':', alen);
        if (colon)
            hlen = (size_t)(colon - p);
    }
    while (hlen > 0 && p[hlen - 1] == '.')
        hlen--;
    if (hlen == 0 || hlen > 255)
        return NULL;
    char *h = rc_strndup(p, hlen);
    for (char *q = h; *q; q++)
        *q = (char)tolower((unsigned char)*q);
    return h;
}

/* Hand one HTML page to the callback. */
static void deliver(ctx *c, const whdr *h, const char *charset, const char *body, size_t n)
{
    char *id = record_uuid(h->id);
    char *host = uri_host(h->uri);
    rc_raw raw = {.input = c->s.name, .line = 0, .id = id, .group = host,
                  .url = h->uri && h->uri[0] ? h->uri : NULL,
                  .fetched = h->date && h->date[0] ? h->date : NULL,
                  .charset = charset && charset[0] ? charset : NULL,
                  .body = body, .body_len = n, .format = RC_FMT_HTML};
    c->st->articles++;
    int rc = c->fn(&raw, c->ud);
    if (rc == RC_STOP)
        c->stopped = 1;
    else if (rc != RC_OK)
        c->cb_failed = 1;
    free(id);
    free(host);
}

/* Decide about a complete record held in c->payload (record at offset d). */
static void process(ctx *c, const whdr *h, unsigned long long d)
{
    const char *p = c->payload.data ? c->payload.data : "";
    size_t n = c->payload.len;
    if (strcasecmp(h->type, "resource") == 0) {
        char type[128], cs[64];
        rc_http_media_type(h->ctype ? h->ctype : "", h->ctype ? strlen(h->ctype) : 0, type,
                           sizeof type, cs, sizeof cs);
        int guess = type[0] == '\0' || strcmp(type, "application/octet-stream") == 0;
        if (!(is_html_type(type) || (guess && sniff_html(p, n)))) {
            c->st->skipped++;
            return;
        }
        if (n > c->max) {
            rec_error(c, d, "resource record payload is over the --max-size limit; skipped");
            return;
        }
        deliver(c, h, cs, p, n);
        return;
    }
    rc_http_response r;
    if (rc_http_parse(p, n, &r) != RC_OK || r.status < 200 || r.status > 299) {
        c->st->skipped++;
        return;
    }
    int guess = r.content_type[0] == '\0' ||
                strcmp(r.content_type, "application/octet-stream") == 0;
    if (!is_html_type(r.content_type) && !guess) {
        c->st->skipped++;
        return;
    }
    rc_buf_reset(&c->body);
    int rc = rc_http_decode_body(&r, p + r.header_len, n - r.header_len, &c->body);
    const char *b = c->body.data ? c->body.data : "";
    if (guess && !sniff_html(b, c->body.len)) {
        c->st->skipped++;
        return;
    }
    char msg[200];
    if (rc == RC_TOOBIG) {
        rec_error(c, d, "decoded page is over the --max-size limit; skipped");
        return;
    }
    if (rc == RC_UNSUPPORTED) {
        snprintf(msg, sizeof msg, "unsupported HTTP content coding \"%s\"; page skipped",
                 r.content_encoding);
        rec_error(c, d, msg);
        return;
    }
    if (rc == RC_PARSE) {
        int at_start;
        unsigned long long off = member_of(&c->s, d, &at_start);
        rc_diag_warn(c->s.name, 0, (long long)off,
                     "damaged %s HTTP body; using the %zu bytes decoded",
                     r.chunked ? "chunked or compressed" : "compressed", c->body.len);
        if (c->body.len == 0) {
            c->st->errors++;
            return;
        }
    }
    deliver(c, h, r.charset, b, c->body.len);
}

/* Read the header block at the window position into c->head. Returns
 * RC_OK, RC_PARSE (not a record header: garbage), RC_TOOBIG (no end within
 * HEAD_MAX) or RC_EMPTY (input ended inside it). */
static int read_head(ctx *c)
{
    src *s = &c->s;
    if (ensure(s, 8) < 8 && s->zerr)
        return RC_EMPTY; /* the caller reports the decoder error */
    if (avail(s) < 8 || memcmp(s->win + s->wpos, "WARC/1.", 7) != 0)
        return avail(s) == 0 ? RC_EMPTY : RC_PARSE;
    size_t scanned = 0;
    for (;;) {
        size_t n = avail(s);
        const unsigned char *w = s->win + s->wpos;
        for (size_t i = scanned; i < n; i++) {
            if (w[i] != '\n')
                continue;
            size_t j = i + 1;
            if (j < n && w[j] == '\r')
                j++;
            if (j < n && w[j] == '\n') {
                rc_buf_reset(&c->head);
                rc_buf_append(&c->head, w, j + 1);
                consume(s, j + 1);
                return RC_OK;
            }
            if (j >= n) {
                scanned = i;
                goto more;
            }
        }
        scanned = n;
    more:
        if (n >= HEAD_MAX)
            return RC_TOOBIG;
        if (ensure(s, n + 1) <= n)
            return RC_EMPTY;
    }
}

/* Read (hold != 0: into c->payload) or skip len payload bytes. Returns
 * RC_OK, RC_EMPTY (input ended first) or RC_PARSE (decoder error). */
static int read_payload(ctx *c, unsigned long long len, int hold)
{
    src *s = &c->s;
    rc_buf_reset(&c->payload);
    while (len > 0) {
        if (ensure(s, 1) == 0)
            return s->zerr ? RC_PARSE : RC_EMPTY;
        size_t k = avail(s);
        if (k > len)
            k = (size_t)len;
        if (hold)
            rc_buf_append(&c->payload, s->win + s->wpos, k);
        consume(s, k);
        len -= k;
    }
    return RC_OK;
}

/* The record loop over c->s. */
static void read_records(ctx *c)
{
    src *s = &c->s;
    while (!c->stopped) {
        /* blank lines between records */
        while (ensure(s, 1) > 0 && (s->win[s->wpos] == '\r' || s->win[s->wpos] == '\n'))
            consume(s, 1);
        if (avail(s) == 0) {
            if (s->zerr) {
                decoder_error(c);
                continue;
            }
            break;
        }
        unsigned long long d = s->dpos;
        int hr = read_head(c);
        if (hr == RC_PARSE || hr == RC_TOOBIG) {
            if (!c->resyncing)
                rec_error(c, d, hr == RC_PARSE ? "not a WARC record header (\"WARC/1.\" "
                                                 "expected); skipping to the next record"
                                               : "WARC header block over 64 KiB; skipping "
                                                 "to the next record");
            c->resyncing = 1;
            if (!skip_to_record(c))
                break;
            continue;
        }
        if (hr == RC_EMPTY) {
            if (s->zerr) {
                decoder_error(c);
                continue;
            }
            rec_error(c, d, "the file ends inside a WARC record header");
            break;
        }
        c->resyncing = 0;
        c->st->records++;
        whdr h;
        parse_head(c, &h);
        if (!h.has_len) {
            rec_error(c, d, "WARC record without a valid Content-Length; skipping to the "
                            "next record");
            c->resyncing = 1;
            continue;
        }
        unsigned long long cend = s->dpos + h.len;
        if (s->fmt == RC_Z_NONE && s->total >= 0 && cend > (unsigned long long)s->total) {
            char msg[200];
            snprintf(msg, sizeof msg,
                     "WARC record Content-Length %llu runs past the end of the file "
                     "(%llu bytes left); skipping to the next record",
                     h.len, (unsigned long long)s->total - s->dpos);
            rec_error(c, d, msg);
            c->resyncing = 1;
            continue;
        }
        const char *type = h.type ? h.type : "";
        int want = strcasecmp(type, "response") == 0 || strcasecmp(type, "resource") == 0;
        int hold = want && h.len <= c->max + HTTP_SLACK;
        if (want && !hold) {
            char msg[200];
            snprintf(msg, sizeof msg,
                     "%s record of %llu bytes is over the --max-size limit; skipped", type,
                     h.len);
            rec_error(c, d, msg);
        }
        int pr = read_payload(c, h.len, hold);
        if (pr == RC_PARSE) {
            decoder_error(c);
            continue;
        }
        if (pr == RC_EMPTY) {
            char msg[200];
            snprintf(msg, sizeof msg,
                     "WARC record Content-Length %llu runs past the end of the file", h.len);
            rec_error(c, d, msg);
            break;
        }
        if (!want)
            c->st->skipped++;
        else if (hold)
            process(c, &h, d);
        /* the record ends with CRLF CRLF; blank lines are skipped above and
         * anything else is reported as garbage there */
    }
}

/* Set up c and run the record loop; shared by the file and memory entries. */
static int run(ctx *c)
{
    src *s = &c->s;
    s->win = rc_malloc(WIN_CAP);
    /* magic bytes decide the compression */
    size_t n = s->fd >= 0 ? raw_fill(s) : s->rlen;
    const unsigned char *b = s->raw + s->rpos;
    if (n >= 2 && b[0] == 0x1f && b[1] == 0x8b)
        s->fmt = RC_Z_GZIP;
    else if (n >= 4 && ((b[0] == 0x28 && b[1] == 0xb5 && b[2] == 0x2f && b[3] == 0xfd) ||
                        (b[0] == 0x5d && b[1] == 0x2a && b[2] == 0x4d && b[3] == 0x18)))
        s->fmt = RC_Z_ZSTD;
    else
        s->fmt = RC_Z_NONE;
    if (s->fmt != RC_Z_NONE)
        rc_zstream_init(&s->z, s->fmt);
    rc_buf_init(&c->head, HEAD_MAX + 8);
    rc_buf_init(&c->payload, c->max + HTTP_SLACK);
    rc_buf_init(&c->body, c->max);
    read_records(c);
    if (s->fmt != RC_Z_NONE)
        rc_zstream_cleanup(&s->z);
    rc_buf_cleanup(&c->head);
    rc_buf_cleanup(&c->payload);
    rc_buf_cleanup(&c->body);
    free(s->win);
    free(s->ms);
    if (c->stopped)
        return RC_STOP;
    if (s->io_err)
        return RC_IO;
    return c->st->errors || c->cb_failed ? RC_ERR : RC_OK;
}

/* Read the WARC file at path (see warc.h). */
int rc_warc_read_file(const char *path, size_t max_bytes, rc_raw_fn fn, void *ud,
                      rc_warc_stats *st)
{
    memset(st, 0, sizeof *st);
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        rc_diag_error(path, 0, -1, "%s", strerror(errno));
        return RC_IO;
    }
    ctx c = {.max = max_bytes ? max_bytes : RC_INGEST_DEFAULT_MAX, .fn = fn, .ud = ud,
             .st = st};
    c.s.name = path;
    c.s.fd = fd;
    c.s.rbuf = rc_malloc(RAW_CHUNK);
    c.s.raw = c.s.rbuf;
    struct stat sb;
    c.s.total = fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) ? (long long)sb.st_size : -1;
    int rc = run(&c);
    free(c.s.rbuf);
    close(fd);
    return rc;
}

/* Parse a WARC stream in memory (see warc.h). Compressed data is accepted
 * too (magic bytes), as in a file. */
int rc_warc_read_mem(const char *name, const char *buf, size_t n, size_t max_bytes,
                     rc_raw_fn fn, void *ud, rc_warc_stats *st)
{
    memset(st, 0, sizeof *st);
    ctx c = {.max = max_bytes ? max_bytes : RC_INGEST_DEFAULT_MAX, .fn = fn, .ud = ud,
             .st = st};
    c.s.name = name;
    c.s.fd = -1;
    c.s.mem = (const unsigned char *)buf;
    c.s.memlen = n;
    c.s.raw = c.s.mem;
    c.s.rlen = n;
    c.s.raw_eof = 1;
    c.s.total = (long long)n;
    return run(&c);
}
