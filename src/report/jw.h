/*
 * jw.h - one JSON writer, two outputs: the report's builders (json*.c)
 * describe each element once, as a sequence of calls (object, key,
 * string, ...), and the writer either builds the jansson tree the
 * renderers read (terminal, Markdown, HTML, --event) or writes the JSON
 * text straight into a buffer, compact, byte for byte what
 * rc_jdump(tree, 0, 1, 0) (= json_dumps(tree, JSON_COMPACT)) would write
 * for the tree the same calls build.
 *
 * Why: a 100,000-article report is gigabytes of JSON; building a jansson
 * object per element (a hash table per object, a copy per key and value)
 * and then walking it to serialise cost more than half the report's
 * output time. Written directly, an element costs a pass over its bytes.
 *
 * Strings follow the tree builders' rules exactly:
 *   rc_jw_str(w, s)     NULL -> null; s up to its NUL; valid UTF-8
 *                       (text/utf8.h rc_utf8_valid, which accepts what
 *                       jansson accepts) as is, else the
 *                       rc_utf8_sanitize repair (rc_json_str);
 *   rc_jw_strn(w, s, n) n bytes (NUL bytes allowed, written \u0000);
 *                       invalid UTF-8 -> the `fallback` string (NULL:
 *                       null) (json_stringn's refusal handled as the
 *                       builders handled it);
 *   rc_jw_span(w, d, start, end)  the exact words of d's text, "" when
 *                       out of range or not valid UTF-8 (rc_json_span).
 * Keys are the builders' own plain ASCII literals (no quote, backslash
 * or control character; at most 64 bytes), never article text: they are
 * written without escaping. A real that is not finite is written null
 * (JSON has no NaN or infinity).
 *
 * Ownership: rc_jw_init_bytes borrows the buffer (appends to it);
 * rc_jw_init_tree builds a tree that rc_jw_take hands to the caller
 * (json_decref it); rc_jw_cleanup frees whatever was not taken. Nesting
 * deeper than RC_JW_DEPTH, an unbalanced end or a failed append sets the
 * writer's error (rc_jw_error) and later calls do nothing.
 */
#ifndef RC_REPORT_JW_H
#define RC_REPORT_JW_H
#include "doc/doc.h"
#include "report/jdump.h"
#include "util/buf.h"
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

enum { RC_JW_DEPTH = 32 };

typedef struct rc_jw {
    int tree;                   /* build a jansson tree, else write bytes */
    rc_buf *b;                  /* bytes: where the text goes */
    int depth;                  /* open containers */
    unsigned char some[RC_JW_DEPTH]; /* bytes: the container has a member */
    unsigned char obj[RC_JW_DEPTH];  /* the container is an object */
    unsigned char keyed;        /* a key was written, its value is due */
    json_t *stack[RC_JW_DEPTH]; /* tree: the open containers */
    const char *key;            /* tree: the pending key */
    json_t *root;               /* tree: the finished value */
    int err;
    /* Prepared strings a caller may lend the writer (NULL: none): entry
     * i < npre of the table `pre_of` names is written as
     * pre[pre_at[i], pre_at[i + 1]) (report/json.c: the documents' ids
     * as JSON text, made once per report part; rc_jw_strjson). */
    const void *pre_of;
    const char *pre;
    const size_t *pre_at;
    size_t npre;
    const unsigned char *pre_ok; /* NULL, or per entry: its document's
                                    text is valid UTF-8 (checked once) */
} rc_jw;

/* A writer appending compact JSON text to b (borrowed). */
void rc_jw_init_bytes(rc_jw *w, rc_buf *b);
/* A writer building a jansson tree. */
void rc_jw_init_tree(rc_jw *w);
/* The finished tree (tree writer; caller owns it, the writer forgets
 * it), or NULL when nothing complete was built or an error occurred. */
json_t *rc_jw_take(rc_jw *w);
/* Release what the writer holds (an untaken tree, open containers). */
void rc_jw_cleanup(rc_jw *w);
/* RC_OK, or the first error (RC_TOOBIG: the buffer's cap; RC_PARSE:
 * unbalanced or too deep). */
int rc_jw_error(const rc_jw *w);

/* Open an object / an array; close the innermost. */
void rc_jw_obj(rc_jw *w);
void rc_jw_arr(rc_jw *w);
void rc_jw_end(rc_jw *w);
/* The key of the next value of the open object (an ASCII literal that
 * outlives the call); rc_jw_keyn with its length n. The macro hands a
 * literal's length over as a constant (no strlen per key). */
void rc_jw_key(rc_jw *w, const char *key);
void rc_jw_keyn(rc_jw *w, const char *key, size_t n);
/* The key given as a string literal: its quoted form `"key":` (q, n
 * bytes) is made by the compiler, and the bytes writer's usual case (no
 * error, room in the buffer) is inlined at the call, a copy of a
 * constant length; anything else goes through rc_jw_keyn. Use
 * (rc_jw_key)(w, s) for a key that is not a literal. */
#define rc_jw_key(w, key) rc_jw_keyq((w), (key), "\"" key "\":", sizeof(key) + 2)
static inline void rc_jw_keyq(rc_jw *w, const char *key, const char *q, size_t n)
{
    rc_buf *b = w->b;
    if (!w->tree && !w->err && w->depth && w->obj[w->depth - 1] && !w->keyed &&
        b->cap - b->len > n + 1 && b->max - b->len >= n + 1) {
        char *o = b->data + b->len;
        size_t c = w->some[w->depth - 1];
        o[0] = ','; /* overwritten by the key when no comma is due */
        memcpy(o + c, q, n);
        o[c + n] = '\0';
        b->len += c + n;
        w->some[w->depth - 1] = 1;
        w->keyed = 1;
        return;
    }
    rc_jw_keyn(w, key, n - 3);
}

/* The bytes writer's usual case, inlined at the call (the report's
 * elements are ~30 million such tokens on 12,500 articles: the call and
 * its checks were a fifth of the write): no error, room in the buffer,
 * the token where the grammar allows it. Anything else goes through the
 * functions (called by their parenthesised names), which handle every
 * case and write the same bytes. */

/* Bytes fast path: whether n more bytes (and the NUL) fit. */
static inline int rc_jw_fits_(const rc_jw *w, size_t n)
{
    const rc_buf *b = w->b;
    return b->cap - b->len > n + 1 && b->max - b->len >= n + 1;
}

/* Bytes fast path: whether a value may be written now (not in an object
 * before its key); the ',' due before it (1 or 0), the container marked. */
static inline int rc_jw_valq_(rc_jw *w, size_t n, size_t *c)
{
    if (w->tree || w->err || !rc_jw_fits_(w, n + 1))
        return 0;
    if (!w->depth || w->keyed) {
        w->keyed = 0;
        *c = 0;
        return 1;
    }
    if (w->obj[w->depth - 1])
        return 0;
    *c = w->some[w->depth - 1];
    w->some[w->depth - 1] = 1;
    return 1;
}

/* Bytes fast path: p[0..n) after a ',' when c (n a small constant). */
static inline void rc_jw_putq_(rc_jw *w, size_t c, const char *p, size_t n)
{
    rc_buf *b = w->b;
    char *o = b->data + b->len;
    o[0] = ','; /* overwritten when no comma is due */
    memcpy(o + c, p, n);
    o[c + n] = '\0';
    b->len += c + n;
}

/* An object or an array opened (ch '{' or '['). */
static inline void rc_jw_openq_(rc_jw *w, char ch, int obj)
{
    size_t c;
    if (w->depth < RC_JW_DEPTH && rc_jw_valq_(w, 1, &c)) {
        rc_jw_putq_(w, c, &ch, 1);
        w->some[w->depth] = 0;
        w->obj[w->depth] = (unsigned char)obj;
        w->depth++;
        return;
    }
    /* (the functions also open a container in an object before its key,
     * which the bytes writer never checked: kept as it was) */
    if (obj)
        (rc_jw_obj)(w);
    else
        (rc_jw_arr)(w);
}
#define rc_jw_obj(w) rc_jw_openq_((w), '{', 1)
#define rc_jw_arr(w) rc_jw_openq_((w), '[', 0)

/* The innermost container closed. */
static inline void rc_jw_endq_(rc_jw *w)
{
    if (!w->tree && !w->err && w->depth && !w->keyed && rc_jw_fits_(w, 1)) {
        w->depth--;
        rc_jw_putq_(w, 0, w->obj[w->depth] ? "}" : "]", 1);
        return;
    }
    (rc_jw_end)(w);
}
#define rc_jw_end(w) rc_jw_endq_((w))

/* Values (see the string rules above). */
void rc_jw_str(rc_jw *w, const char *s);
void rc_jw_strn(rc_jw *w, const char *s, size_t n, const char *fallback);
void rc_jw_span(rc_jw *w, const rc_doc *d, uint32_t start, uint32_t end);
void rc_jw_int(rc_jw *w, long long v);
void rc_jw_real(rc_jw *w, double v);
void rc_jw_bool(rc_jw *w, int v);
void rc_jw_null(rc_jw *w);
/* The string s whose JSON text (what rc_jw_str(s) writes, made once
 * beforehand) is json[0..n): the bytes writer copies that text, the
 * tree writer takes s (rc_jw_str). */
void rc_jw_strjson(rc_jw *w, const char *s, const char *json, size_t n);
/* The string s[0..n), which the caller knows to be valid UTF-8 (NUL
 * bytes allowed): written without checking it again. */
void rc_jw_strn_valid(rc_jw *w, const char *s, size_t n);
/* An array of the n strings v[0..n) (each by rc_jw_str's rule). */
void rc_jw_strs(rc_jw *w, const char *const *v, size_t n);
/* A jansson value as it is (borrowed; tree: a reference is taken). */
void rc_jw_value(rc_jw *w, json_t *v);

/* A string by rc_jw_str's rule: the bytes writer's usual case (room,
 * a valid string: rc_jdump_cstring_utf8 measures, checks and escapes
 * it) inline; anything else, an invalid string included, starts over
 * in the function. */
static inline void rc_jw_strq_(rc_jw *w, const char *s)
{
    if (s && !w->tree && !w->err && rc_jw_fits_(w, 1)) {
        int d = w->depth, top = d && !w->keyed;
        if (!top || !w->obj[d - 1]) {
            rc_buf *b = w->b;
            size_t at = b->len;
            if (top && w->some[d - 1])
                b->data[b->len++] = ',';
            if (rc_jdump_cstring_utf8(b, s) == 0) {
                if (top)
                    w->some[d - 1] = 1;
                w->keyed = 0;
                return;
            }
            b->len = at;
            b->data[at] = '\0';
        }
    }
    (rc_jw_str)(w, s);
}
#define rc_jw_str(w, s) rc_jw_strq_((w), (s))

/* true / false. */
static inline void rc_jw_boolq_(rc_jw *w, int v)
{
    size_t c;
    if (rc_jw_valq_(w, 5, &c)) {
        if (v)
            rc_jw_putq_(w, c, "true", 4);
        else
            rc_jw_putq_(w, c, "false", 5);
        return;
    }
    (rc_jw_bool)(w, v);
}
#define rc_jw_bool(w, v) rc_jw_boolq_((w), (v))

/* null. */
static inline void rc_jw_nullq_(rc_jw *w)
{
    size_t c;
    if (rc_jw_valq_(w, 4, &c)) {
        rc_jw_putq_(w, c, "null", 4);
        return;
    }
    (rc_jw_null)(w);
}
#define rc_jw_null(w) rc_jw_nullq_((w))

/* An integer: its digits end at s + 24 and 24 bytes are copied from the
 * first (a copy of constant length; the bytes past the number are
 * overwritten or beyond the buffer's len). */
static inline void rc_jw_intq_(rc_jw *w, long long v)
{
    size_t c;
    if (rc_jw_valq_(w, 25, &c)) {
        char s[48], *e = s + 24, *p = rc_dec_digits(e, v);
        size_t n = (size_t)(e - p);
        rc_buf *b = w->b;
        char *o = b->data + b->len;
        o[0] = ',';
        memcpy(o + c, p, 24);
        o[c + n] = '\0';
        b->len += c + n;
        return;
    }
    (rc_jw_int)(w, v);
}
#define rc_jw_int(w, v) rc_jw_intq_((w), (v))

/* A string given as its JSON text (see rc_jw_strjson). */
static inline void rc_jw_strjsonq_(rc_jw *w, const char *s, const char *json, size_t n)
{
    size_t c;
    if (rc_jw_valq_(w, n, &c)) {
        rc_jw_putq_(w, c, json, n);
        return;
    }
    (rc_jw_strjson)(w, s, json, n);
}
#define rc_jw_strjson(w, s, json, n) rc_jw_strjsonq_((w), (s), (json), (n))

#endif
