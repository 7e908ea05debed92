/*
 * jsonl.c - JSON-lines reader (see jsonl.h).
 *
 * Parser, chosen by measurement (2026-11-22, bench/out/small: 5,000 lines,
 * 20.5 MB; throwaway program parsing each line and fetching the fields;
 * callgrind over the first 1,000 lines, 4.16 MB; wall on one core):
 *
 *   parser                       instructions/byte   MB/s
 *   jansson 2.14 json_loadb            140             53
 *   yajl 2.1 (callbacks)                18            379
 *   cJSON 1.7.15                        21            463
 *   json-c 0.16                         23            464
 *   jsmn 1.1 + own unescape/UTF-8       28            334
 *
 * yajl is used: fewest instructions, it unescapes strings itself (\uXXXX
 * with surrogate pairs), rejects bad escapes, bad literals and bad numbers,
 * and its callbacks let us keep only the fields we read (cJSON and json-c
 * build a tree, cannot reject duplicate keys and cJSON cuts strings at NUL).
 *
 * Decisions:
 *  - Two parsers, one behaviour. yajl parses every line first (the fast
 *    path); the line is handed to jansson's json_loadb, with
 *    JSON_REJECT_DUPLICATES | JSON_DECODE_ANY | JSON_ALLOW_NUL as before,
 *    whenever yajl fails or the line holds anything where yajl is more
 *    lenient than jansson or than this reader's rules: a byte that is not
 *    strict UTF-8, a control byte other than tab/CR/LF (yajl takes \v and
 *    \f as whitespace), an unpaired surrogate escape, a nested object,
 *    arrays nested deeper than FAST_MAX_DEPTH, a top-level value that is not
 *    an object, a repeated top-level key, a NUL in a key, more than
 *    FAST_MAX_KEYS keys, or a number that is not an integer of at most 18
 *    digits. So the fast path only accepts lines jansson accepts, with the
 *    same strings, and every error message (column included) is still
 *    jansson's. Both paths feed the same field checks below.
 *  - NUL (\u0000): accepted in "text" and "html" (the body carries its length,
 *    so nothing is truncated; the pipeline's binary sniff decides what to do
 *    with it). Rejected, with a message naming the field, in id, url, title,
 *    published, outlet, lang and author: those are C strings downstream and
 *    would be cut silently.
 *  - null for any field means "absent"; "" for a metadata field is absent too
 *    (doc.h keeps unknown fields NULL, never ""). A "text" that is empty or
 *    missing falls back to a non-empty "html"; a line with only empty bodies
 *    still goes through (the pipeline reports it as empty).
 *  - JSON lines must be UTF-8 (RFC 8259): jansson rejects invalid UTF-8 and the
 *    line fails with "invalid UTF-8" (repair is only done for plain text).
 *  - A UTF-8 byte order mark at the very start of the stream is skipped.
 *  - Lines end at '\n'; a trailing '\r' is whitespace to JSON, so CRLF works.
 */
#include "ingest/jsonl.h"
#include "ingest/ingest_int.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/hash.h"
#include "util/mem.h"
#include "util/rc.h"
#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdint.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_parse.h>

/* Write a formatted reason into why[whylen] (nothing when whylen is 0) and
 * replace control bytes, which may come from the input, by '?'. */
static void set_why(char *why, size_t whylen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void set_why(char *why, size_t whylen, const char *fmt, ...)
{
    if (!why || whylen == 0)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, whylen, fmt, ap);
    va_end(ap);
    for (char *p = why; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f)
            *p = '?';
}

/* Value types the field checks distinguish (both parsers map to these). */
enum jtype { JT_ABSENT, JT_NULL, JT_STRING, JT_INT, JT_REAL, JT_BOOL, JT_ARRAY, JT_OBJECT };

/* Name of a value type for messages ("an array", "a number", ...). */
static const char *type_name(int t)
{
    switch (t) {
    case JT_OBJECT: return "an object";
    case JT_ARRAY: return "an array";
    case JT_STRING: return "a string";
    case JT_INT: return "an integer";
    case JT_REAL: return "a real number";
    case JT_BOOL: return "a boolean";
    case JT_NULL: return "null";
    default: return "a value";
    }
}

/* The recognised fields, in the order their checks run (the first failing
 * check gives the line's message, as before the yajl path existed). */
enum { F_ID, F_URL, F_TITLE, F_PUBLISHED, F_OUTLET, F_LANG, F_AUTHOR, F_TEXT, F_HTML, F_N };
static const char *const field_key[F_N] = {"id", "url", "title", "published", "outlet",
                                           "lang", "author", "text", "html"};
static const size_t field_off[F_HTML] = {
    offsetof(rc_raw, id), offsetof(rc_raw, url), offsetof(rc_raw, title),
    offsetof(rc_raw, published), offsetof(rc_raw, outlet), offsetof(rc_raw, lang),
    offsetof(rc_raw, author)};

/* One recognised field as found on the line: type, and for a string (or an
 * integer id turned into decimal text) its bytes, NUL-terminated, n long. */
typedef struct jfield {
    int type;
    const char *s;
    size_t n;
} jfield;

/* What a parsed line owns (behind rc_jsonl_scratch.json): jansson's tree on
 * the slow path, or the yajl path's copies of the fields' strings. */
typedef struct jstate {
    json_t *root;    /* jansson tree, or NULL */
    char *buf;       /* copied strings (fast path) */
    size_t used, cap;
    char num[32];    /* an integer id as decimal text */
} jstate;

/* True when the n bytes at p are only JSON whitespace (space, tab, CR, LF). */
static int is_blank(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r' && p[i] != '\n')
            return 0;
    return 1;
}

/* Turn the fields into *raw with the reader's rules (see the top of this
 * file): types, NULs in metadata, null and "" as absent, text before html.
 * Returns RC_OK or RC_PARSE with a reason. */
static int fields_to_raw(const jfield *f, rc_raw *raw, char *why, size_t whylen)
{
    if (f[F_ID].type != JT_ABSENT && f[F_ID].type != JT_NULL && f[F_ID].type != JT_STRING) {
        set_why(why, whylen, "field \"id\" must be a string or an integer, not %s",
                type_name(f[F_ID].type));
        return RC_PARSE;
    }
    for (int i = F_ID; i < F_TEXT; i++) {
        const jfield *v = &f[i];
        if (v->type == JT_ABSENT || v->type == JT_NULL)
            continue;
        if (v->type != JT_STRING) {
            set_why(why, whylen, "field \"%s\" must be a string, not %s", field_key[i],
                    type_name(v->type));
            return RC_PARSE;
        }
        if (memchr(v->s, '\0', v->n)) {
            set_why(why, whylen, "field \"%s\" contains a NUL character (\\u0000)",
                    field_key[i]);
            return RC_PARSE;
        }
        if (v->n > 0)
            *(const char **)((char *)raw + field_off[i]) = v->s;
    }
    for (int i = F_TEXT; i <= F_HTML; i++)
        if (f[i].type != JT_ABSENT && f[i].type != JT_NULL && f[i].type != JT_STRING) {
            set_why(why, whylen, "field \"%s\" must be a string, not %s", field_key[i],
                    type_name(f[i].type));
            return RC_PARSE;
        }
    const jfield *text = &f[F_TEXT], *html = &f[F_HTML];
    int has_text = text->type == JT_STRING, has_html = html->type == JT_STRING;
    if (!has_text && !has_html) {
        set_why(why, whylen, "no \"text\" or \"html\" field");
        return RC_PARSE;
    }
    if (has_text && (text->n > 0 || !has_html || html->n == 0)) {
        raw->body = text->s;
        raw->body_len = text->n;
        raw->format = RC_FMT_TEXT;
    } else {
        raw->body = html->s;
        raw->body_len = html->n;
        raw->format = RC_FMT_HTML;
    }
    return RC_OK;
}

/* ---- fast path: yajl ---------------------------------------------------- */

enum { FAST_MAX_KEYS = 64, FAST_MAX_DEPTH = 32 };

/* State of the yajl callbacks over one line. */
typedef struct fast {
    jstate *js;
    jfield *f;
    int depth;        /* open containers; 1 = inside the top-level object */
    int started;      /* the top-level object has begun */
    int cur;          /* recognised field whose value comes next, or -1 */
    int nkeys;
    yajl_handle y;    /* the parser, for the offset where the object ends */
    size_t end;       /* bytes up to the top-level object's '}' */
    uint64_t keyh[FAST_MAX_KEYS]; /* hashes of the top-level keys so far */
} fast;

/* Whether the n bytes at p are a JSON integer of at most 18 digits (so
 * jansson reads it without overflow); *v gets its value. */
static int small_int(const char *p, size_t n, long long *v)
{
    size_t i = 0;
    int neg = 0;
    if (i < n && p[i] == '-') {
        neg = 1;
        i++;
    }
    if (i == n || n - i > 18)
        return 0;
    long long x = 0;
    for (; i < n; i++) {
        if (p[i] < '0' || p[i] > '9')
            return 0;
        x = x * 10 + (p[i] - '0');
    }
    *v = neg ? -x : x;
    return 1;
}

/* Copy n bytes at s, plus a NUL, into the line's buffer; the copy, or NULL
 * when the buffer (sized from the line, which is never shorter than its
 * decoded strings) is full. */
static const char *fast_copy(jstate *js, const char *s, size_t n)
{
    if (n >= js->cap - js->used)
        return NULL;
    char *d = js->buf + js->used;
    if (n)
        memcpy(d, s, n);
    d[n] = '\0';
    js->used += n + 1;
    return d;
}

/* Record a scalar of type t at the current position: a recognised
 * top-level field gets it. Returns 0 (stop: jansson decides) before the
 * top-level object began, 1 otherwise. */
static int fast_value(fast *x, int t)
{
    if (!x->started)
        return 0;
    if (x->depth == 1 && x->cur >= 0)
        x->f[x->cur].type = t;
    x->cur = -1;
    return 1;
}

/* yajl callback: null. */
static int fast_null(void *ctx)
{
    return fast_value(ctx, JT_NULL);
}

/* yajl callback: true or false. */
static int fast_bool(void *ctx, int b)
{
    (void)b;
    return fast_value(ctx, JT_BOOL);
}

/* yajl callback: a number, as its text. Only short integers stay on the
 * fast path (others: jansson checks the range); an integer id is kept as
 * its decimal text. */
static int fast_number(void *ctx, const char *s, size_t n)
{
    fast *x = ctx;
    long long v;
    if (!small_int(s, n, &v))
        return 0;
    if (x->started && x->depth == 1 && x->cur == F_ID) {
        int k = snprintf(x->js->num, sizeof x->js->num, "%lld", v);
        x->f[F_ID].s = x->js->num;
        x->f[F_ID].n = (size_t)k;
        x->cur = -1;
        x->f[F_ID].type = JT_STRING;
        return 1;
    }
    return fast_value(x, JT_INT);
}

/* yajl callback: a string (already unescaped; valid during the call only).
 * A recognised top-level field's string is copied. */
static int fast_string(void *ctx, const unsigned char *s, size_t n)
{
    fast *x = ctx;
    if (!x->started)
        return 0;
    if (x->depth == 1 && x->cur >= 0) {
        jfield *v = &x->f[x->cur];
        if (!(v->s = fast_copy(x->js, (const char *)s, n)))
            return 0;
        v->n = n;
        v->type = JT_STRING;
    }
    x->cur = -1;
    return 1;
}

/* yajl callback: an object begins. Only the top-level one is handled here
 * (duplicate keys in nested objects are left to jansson). */
static int fast_start_map(void *ctx)
{
    fast *x = ctx;
    if (x->started)
        return 0;
    x->started = 1;
    x->depth = 1;
    x->cur = -1;
    return 1;
}

/* yajl callback: an object key (unescaped). Stops on a NUL in the key, a
 * repeated key or too many keys; notes which recognised field comes next. */
static int fast_key(void *ctx, const unsigned char *s, size_t n)
{
    fast *x = ctx;
    if (x->depth != 1 || x->nkeys == FAST_MAX_KEYS || memchr(s, '\0', n))
        return 0;
    uint64_t h = rc_hash64(s, n, 0);
    for (int i = 0; i < x->nkeys; i++)
        if (x->keyh[i] == h)
            return 0; /* a repeat (or a hash collision): jansson decides */
    x->keyh[x->nkeys++] = h;
    x->cur = -1;
    for (int i = 0; i < F_N; i++)
        if (strlen(field_key[i]) == n && memcmp(field_key[i], s, n) == 0) {
            x->cur = i;
            break;
        }
    return 1;
}

/* yajl callback: the top-level object ends; where is noted (yajl ignores
 * an unfinished token after it, e.g. an unterminated string). */
static int fast_end_map(void *ctx)
{
    fast *x = ctx;
    if (--x->depth == 0)
        x->end = yajl_get_bytes_consumed(x->y);
    return 1;
}

/* yajl callback: an array begins; a recognised field holding it is typed
 * an array. Stops outside an object or when nested too deep. */
static int fast_start_array(void *ctx)
{
    fast *x = ctx;
    if (!x->started || x->depth >= FAST_MAX_DEPTH)
        return 0;
    if (x->depth == 1 && x->cur >= 0)
        x->f[x->cur].type = JT_ARRAY;
    x->cur = -1;
    x->depth++;
    return 1;
}

/* yajl callback: an array ends. */
static int fast_end_array(void *ctx)
{
    fast *x = ctx;
    x->depth--;
    return 1;
}

static const yajl_callbacks fast_callbacks = {
    .yajl_null = fast_null,
    .yajl_boolean = fast_bool,
    .yajl_number = fast_number,
    .yajl_string = fast_string,
    .yajl_start_map = fast_start_map,
    .yajl_map_key = fast_key,
    .yajl_end_map = fast_end_map,
    .yajl_start_array = fast_start_array,
    .yajl_end_array = fast_end_array,
};

/* Whether the 4 bytes at p are hex digits; *v gets their value. */
static int hex4(const unsigned char *p, unsigned *v)
{
    unsigned x = 0;
    for (int i = 0; i < 4; i++) {
        unsigned c = p[i], d;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
            d = (c | 0x20) - 'a' + 10;
        else
            return 0;
        x = x << 4 | d;
    }
    *v = x;
    return 1;
}

#define ONES ((uint64_t)0x0101010101010101ULL)
#define HIGHS ((uint64_t)0x8080808080808080ULL)

/* Whether the n-byte line at p has nothing on which yajl is more lenient
 * than jansson: every byte strict UTF-8 (no overlong forms, surrogates or
 * code points above U+10FFFF), no control byte but tab, CR and LF, and
 * every \u escape of a surrogate one half of a well-formed pair. Clean
 * ASCII is checked 8 bytes at a time. */
static int fast_line_ok(const char *line, size_t n)
{
    const unsigned char *p = (const unsigned char *)line;
    size_t i = 0;
    while (i < n) {
        if (n - i >= 8) {
            uint64_t w;
            memcpy(&w, p + i, 8);
            uint64_t bs = w ^ (ONES * '\\');
            uint64_t special = (w | ((w - ONES * 0x20) & ~w) | ((bs - ONES) & ~bs)) & HIGHS;
            if (!special) {
                i += 8;
                continue;
            }
        }
        unsigned c = p[i];
        if (c < 0x80) {
            if (c == '\\') {
                if (i + 1 < n && p[i + 1] == 'u') {
                    unsigned u, lo;
                    if (n - i < 6 || !hex4(p + i + 2, &u))
                        return 0;
                    i += 6;
                    if (u >= 0xDC00 && u <= 0xDFFF)
                        return 0;
                    if (u >= 0xD800 && u <= 0xDBFF) {
                        if (n - i < 6 || p[i] != '\\' || p[i + 1] != 'u' ||
                            !hex4(p + i + 2, &lo) || lo < 0xDC00 || lo > 0xDFFF)
                            return 0;
                        i += 6;
                    }
                } else {
                    i += 2;
                }
                continue;
            }
            if (c < 0x20 && c != '\t' && c != '\r' && c != '\n')
                return 0;
            i++;
            continue;
        }
        size_t len;
        unsigned cp;
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            cp = c & 0x07;
        } else {
            return 0;
        }
        if (n - i < len)
            return 0;
        for (size_t k = 1; k < len; k++) {
            if ((p[i + k] & 0xC0) != 0x80)
                return 0;
            cp = cp << 6 | (p[i + k] & 0x3F);
        }
        if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
            (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
            return 0;
        i += len;
    }
    return 1;
}

/* Parse the line with yajl into f[] (strings copied into js). Returns 1 on
 * success, 0 when jansson must parse it instead (f[] is then cleared). */
static int fast_parse(const char *line, size_t n, jstate *js, jfield *f)
{
    if (!fast_line_ok(line, n))
        return 0;
    fast x = {.js = js, .f = f, .cur = -1};
    js->cap = n + 1;
    js->used = 0;
    js->buf = rc_malloc(js->cap);
    yajl_handle y = yajl_alloc(&fast_callbacks, NULL, &x);
    if (!y)
        return 0;
    x.y = y;
    yajl_config(y, yajl_dont_validate_strings, 1); /* fast_line_ok did it */
    int ok = yajl_parse(y, (const unsigned char *)line, n) == yajl_status_ok &&
             yajl_complete_parse(y) == yajl_status_ok && x.started && x.depth == 0 &&
             x.end <= n && is_blank(line + x.end, n - x.end);
    yajl_free(y);
    if (!ok) {
        memset(f, 0, F_N * sizeof *f);
        free(js->buf);
        js->buf = NULL;
        js->cap = js->used = 0;
    }
    return ok;
}

/* ---- slow path: jansson --------------------------------------------------- */

/* The jtype of a jansson value. */
static int jansson_type(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return JT_OBJECT;
    case JSON_ARRAY: return JT_ARRAY;
    case JSON_STRING: return JT_STRING;
    case JSON_INTEGER: return JT_INT;
    case JSON_REAL: return JT_REAL;
    case JSON_TRUE:
    case JSON_FALSE: return JT_BOOL;
    case JSON_NULL: return JT_NULL;
    }
    return JT_NULL;
}

/* Parse the line with jansson (kept in js->root) into f[]. Returns RC_OK or
 * RC_PARSE with jansson's reason (or "not a JSON object"). */
static int slow_parse(const char *line, size_t n, jstate *js, jfield *f, char *why,
                      size_t whylen)
{
    json_error_t err;
    json_t *root = json_loadb(line, n,
                              JSON_REJECT_DUPLICATES | JSON_DECODE_ANY | JSON_ALLOW_NUL, &err);
    if (!root) {
        if (json_error_code(&err) == json_error_invalid_utf8)
            set_why(why, whylen, "invalid UTF-8 (JSON lines must be UTF-8): %s (column %d)",
                    err.text, err.column);
        else
            set_why(why, whylen, "malformed JSON: %s (column %d)", err.text, err.column);
        return RC_PARSE;
    }
    js->root = root;
    if (!json_is_object(root)) {
        set_why(why, whylen, "not a JSON object (found %s)", type_name(jansson_type(root)));
        return RC_PARSE;
    }
    for (int i = 0; i < F_N; i++) {
        json_t *v = json_object_get(root, field_key[i]);
        if (!v)
            continue;
        f[i].type = jansson_type(v);
        if (json_is_string(v)) {
            f[i].s = json_string_value(v);
            f[i].n = json_string_length(v);
        } else if (i == F_ID && json_is_integer(v)) {
            int k = snprintf(js->num, sizeof js->num, "%" JSON_INTEGER_FORMAT,
                             json_integer_value(v));
            f[i].type = JT_STRING;
            f[i].s = js->num;
            f[i].n = (size_t)k;
        }
    }
    return RC_OK;
}

/* Parse one line into *raw (see jsonl.h). raw is zeroed first; input, line
 * and group are left for the caller to fill. */
int rc_jsonl_parse_line(const char *line, size_t n, rc_raw *raw, rc_jsonl_scratch *scratch,
                        char *why, size_t whylen)
{
    memset(raw, 0, sizeof *raw);
    if (why && whylen)
        why[0] = '\0';
    rc_jsonl_scratch_free(scratch);
    if (n == 0 || is_blank(line, n))
        return RC_EMPTY;

    jstate *js = rc_calloc(1, sizeof *js);
    scratch->json = js;
    jfield f[F_N];
    memset(f, 0, sizeof f);
    if (!fast_parse(line, n, js, f)) {
        int rc = slow_parse(line, n, js, f, why, whylen);
        if (rc != RC_OK)
            return rc;
    }
    return fields_to_raw(f, raw, why, whylen);
}

/* Release what the last rc_jsonl_parse_line kept; scratch can be reused. */
void rc_jsonl_scratch_free(rc_jsonl_scratch *scratch)
{
    jstate *js = scratch->json;
    if (js) {
        if (js->root)
            json_decref(js->root);
        free(js->buf);
        free(js);
        scratch->json = NULL;
    }
}

/* State of one JSON-lines read. */
typedef struct jreader {
    const char *input, *group;
    size_t max;
    rc_raw_fn fn;
    void *ud;
    rc_ingest_stats *st;
    rc_jsonl_scratch scratch;
    int failed;           /* some line failed */
    unsigned long lines;  /* non-blank lines seen (including failed ones) */
} jreader;

/* Handle one complete line (n bytes, '\n' excluded). RC_STOP ends the read. */
static int handle_line(jreader *r, const char *p, size_t n, long lineno)
{
    char why[256];
    rc_raw raw;
    int rc = rc_jsonl_parse_line(p, n, &raw, &r->scratch, why, sizeof why);
    if (rc == RC_EMPTY)
        return RC_OK;
    r->lines++;
    if (rc != RC_OK) {
        rc_diag_error(r->input, lineno, -1, "%s", why);
        r->st->failed++;
        r->failed = 1;
        return RC_OK;
    }
    raw.input = r->input;
    raw.line = lineno;
    raw.group = r->group;
    rc = r->fn(&raw, r->ud);
    rc_jsonl_scratch_free(&r->scratch);
    if (rc == RC_STOP)
        return RC_STOP;
    if (rc == RC_OK) {
        r->st->articles++;
    } else {
        r->st->failed++;
        r->failed = 1;
    }
    return RC_OK;
}

/* Read JSON lines from fp, the first being line first_line (stdin sniffing
 * may have consumed blank lines). *nlines receives the number of non-blank
 * lines seen, *nbytes the bytes read (either may be NULL). Same results as
 * rc_jsonl_read. */
int rc_jsonl_read_from(FILE *fp, const char *input, const char *group, size_t max_bytes,
                       long first_line, rc_raw_fn fn, void *ud, rc_ingest_stats *st,
                       unsigned long *nlines, long long *nbytes)
{
    jreader r = {.input = input, .group = group,
                 .max = max_bytes ? max_bytes : RC_INGEST_DEFAULT_MAX,
                 .fn = fn, .ud = ud, .st = st};
    enum { CHUNK = 64 * 1024 };
    char *chunk = rc_malloc(CHUNK);
    rc_buf line;
    rc_buf_init(&line, r.max);
    long lineno = first_line > 0 ? first_line : 1;
    long long offset = 0;    /* bytes consumed so far */
    int discarding = 0;      /* current line went over the cap */
    int first = 1;           /* BOM check pending */
    int rc = RC_OK;

    for (;;) {
        size_t got = fread(chunk, 1, CHUNK, fp);
        if (got == 0)
            break;
        size_t i = 0;
        if (first) {
            first = 0;
            if (got >= 3 && memcmp(chunk, "\xEF\xBB\xBF", 3) == 0)
                i = 3;
        }
        while (i < got && rc == RC_OK) {
            const char *start = chunk + i;
            const char *nl = memchr(start, '\n', got - i);
            size_t len = nl ? (size_t)(nl - start) : got - i;
            if (!discarding && rc_buf_append(&line, start, len) != RC_OK) {
                discarding = 1;
                rc_buf_cleanup(&line);
                rc_buf_init(&line, r.max);
            }
            i += len;
            if (!nl)
                break;
            i++; /* the '\n' */
            if (discarding) {
                rc_diag_error(input, lineno, -1,
                              "line is over the %s limit (--max-size), skipped",
                              rc_ingest_size_text(r.max, 1).s);
                st->failed++;
                r.failed = 1;
                r.lines++;
                discarding = 0;
            } else {
                rc = handle_line(&r, line.data ? line.data : "", line.len, lineno);
                rc_buf_reset(&line);
            }
            lineno++;
        }
        offset += (long long)got;
        if (rc != RC_OK)
            break;
    }
    if (rc == RC_OK && ferror(fp)) {
        rc_diag_error(input, 0, offset, "read error: %s", strerror(errno ? errno : EIO));
        st->failed++;
        rc = RC_IO;
    } else if (rc == RC_OK) {
        /* a final line without '\n' */
        if (discarding) {
            rc_diag_error(input, lineno, -1, "line is over the %s limit (--max-size), skipped",
                          rc_ingest_size_text(r.max, 1).s);
            st->failed++;
            r.failed = 1;
            r.lines++;
        } else if (line.len > 0) {
            rc = handle_line(&r, line.data, line.len, lineno);
        }
    }
    rc_jsonl_scratch_free(&r.scratch);
    rc_buf_cleanup(&line);
    free(chunk);
    if (nlines)
        *nlines = r.lines;
    if (nbytes)
        *nbytes = offset;
    if (rc == RC_OK && r.failed)
        rc = RC_ERR;
    return rc;
}

/* Read JSON lines from fp (see jsonl.h). */
int rc_jsonl_read(FILE *fp, const char *input, const char *group, size_t max_bytes,
                  rc_raw_fn fn, void *ud, rc_ingest_stats *st)
{
    return rc_jsonl_read_from(fp, input, group, max_bytes, 1, fn, ud, st, NULL, NULL);
}
