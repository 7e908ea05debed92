/*
 * jsonl.c - JSON-lines reader (see jsonl.h).
 *
 * Decisions:
 *  - Parsing is jansson's json_loadb with JSON_REJECT_DUPLICATES (a line with
 *    "text" twice is ambiguous), JSON_DECODE_ANY (so "3" or "[...]" gets a
 *    clear "not a JSON object" message) and JSON_ALLOW_NUL.
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
#include "util/mem.h"
#include "util/rc.h"
#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* Name of a JSON value's type for messages ("an array", "a number", ...). */
static const char *type_name(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER: return "an integer";
    case JSON_REAL: return "a real number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    case JSON_NULL: return "null";
    }
    return "a value";
}

/* True when the n bytes at p are only JSON whitespace (space, tab, CR, LF). */
static int is_blank(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r' && p[i] != '\n')
            return 0;
    return 1;
}

/* Look up metadata string field key of obj into *out: NULL when absent, null
 * or "". RC_PARSE with a reason when it is not a string or holds a NUL. */
static int meta_field(json_t *obj, const char *key, const char **out, char *why,
                      size_t whylen)
{
    json_t *v = json_object_get(obj, key);
    *out = NULL;
    if (!v || json_is_null(v))
        return RC_OK;
    if (!json_is_string(v)) {
        set_why(why, whylen, "field \"%s\" must be a string, not %s", key, type_name(v));
        return RC_PARSE;
    }
    const char *s = json_string_value(v);
    size_t n = json_string_length(v);
    if (strlen(s) != n) {
        set_why(why, whylen, "field \"%s\" contains a NUL character (\\u0000)", key);
        return RC_PARSE;
    }
    if (n > 0)
        *out = s;
    return RC_OK;
}

/* Look up body field key ("text" or "html"): *present tells whether it is
 * there (non-null); *s and *n give the string with its length (may contain
 * NULs). RC_PARSE when it is not a string. */
static int body_field(json_t *obj, const char *key, int *present, const char **s,
                      size_t *n, char *why, size_t whylen)
{
    json_t *v = json_object_get(obj, key);
    *present = 0;
    *s = NULL;
    *n = 0;
    if (!v || json_is_null(v))
        return RC_OK;
    if (!json_is_string(v)) {
        set_why(why, whylen, "field \"%s\" must be a string, not %s", key, type_name(v));
        return RC_PARSE;
    }
    *present = 1;
    *s = json_string_value(v);
    *n = json_string_length(v);
    return RC_OK;
}

/* Resolve "id": a string (as meta_field) or an integer, which is replaced in
 * obj by its decimal text so the borrowed pointer lives as long as obj. */
static int id_field(json_t *obj, const char **out, char *why, size_t whylen)
{
    json_t *v = json_object_get(obj, "id");
    if (v && json_is_integer(v)) {
        char num[32];
        snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        json_t *s = json_string(num);
        if (!s || json_object_set_new(obj, "id", s) != 0) {
            set_why(why, whylen, "out of memory converting \"id\"");
            return RC_PARSE;
        }
    } else if (v && !json_is_null(v) && !json_is_string(v)) {
        set_why(why, whylen, "field \"id\" must be a string or an integer, not %s",
                type_name(v));
        return RC_PARSE;
    }
    return meta_field(obj, "id", out, why, whylen);
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
    scratch->json = root;
    if (!json_is_object(root)) {
        set_why(why, whylen, "not a JSON object (found %s)", type_name(root));
        return RC_PARSE;
    }

    static const struct {
        const char *key;
        size_t off;
    } meta[] = {
        {"url", offsetof(rc_raw, url)},
        {"title", offsetof(rc_raw, title)},
        {"published", offsetof(rc_raw, published)},
        {"outlet", offsetof(rc_raw, outlet)},
        {"lang", offsetof(rc_raw, lang)},
        {"author", offsetof(rc_raw, author)},
    };
    int rc = id_field(root, &raw->id, why, whylen);
    for (size_t i = 0; rc == RC_OK && i < sizeof meta / sizeof meta[0]; i++)
        rc = meta_field(root, meta[i].key, (const char **)((char *)raw + meta[i].off), why,
                        whylen);
    if (rc)
        return rc;

    int has_text, has_html;
    const char *text, *html;
    size_t text_len, html_len;
    rc = body_field(root, "text", &has_text, &text, &text_len, why, whylen);
    if (rc == RC_OK)
        rc = body_field(root, "html", &has_html, &html, &html_len, why, whylen);
    if (rc)
        return rc;
    if (!has_text && !has_html) {
        set_why(why, whylen, "no \"text\" or \"html\" field");
        return RC_PARSE;
    }
    if (has_text && (text_len > 0 || !has_html || html_len == 0)) {
        raw->body = text;
        raw->body_len = text_len;
        raw->format = RC_FMT_TEXT;
    } else {
        raw->body = html;
        raw->body_len = html_len;
        raw->format = RC_FMT_HTML;
    }
    return RC_OK;
}

/* Release what the last rc_jsonl_parse_line kept; scratch can be reused. */
void rc_jsonl_scratch_free(rc_jsonl_scratch *scratch)
{
    if (scratch->json) {
        json_decref((json_t *)scratch->json);
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
