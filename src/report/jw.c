/*
 * jw.c - the report's JSON writer: a jansson tree or compact text from
 * the same calls; see jw.h.
 */
#include "report/jw.h"
#include "report/jdump.h"
#include "text/utf8.h"
#include "util/rc.h"
#include <math.h>
#include <string.h>

/* See jw.h. */
void rc_jw_init_bytes(rc_jw *w, rc_buf *b)
{
    /* field by field, not the whole struct (~400 bytes, once per
     * element): the tree's stack is never read by the bytes writer, and
     * some[d] and obj[d] are set when container d is opened */
    w->tree = 0;
    w->b = b;
    w->depth = 0;
    w->keyed = 0;
    w->key = NULL;
    w->root = NULL;
    w->err = 0;
    w->pre_of = NULL;
    w->pre = NULL;
    w->pre_at = NULL;
    w->npre = 0;
    w->pre_ok = NULL;
}

/* See jw.h. */
void rc_jw_init_tree(rc_jw *w)
{
    memset(w, 0, sizeof *w);
    w->tree = 1;
}

/* See jw.h. */
json_t *rc_jw_take(rc_jw *w)
{
    if (w->err || w->depth) {
        rc_jw_cleanup(w);
        return NULL;
    }
    json_t *t = w->root;
    w->root = NULL;
    return t;
}

/* See jw.h. */
void rc_jw_cleanup(rc_jw *w)
{
    if (w->tree) {
        /* open containers are held by their parents, the outermost by
         * nothing yet: release that one (and the finished root) */
        if (w->depth)
            json_decref(w->stack[0]);
        json_decref(w->root);
        w->root = NULL;
        w->depth = 0;
    }
}

/* See jw.h. */
int rc_jw_error(const rc_jw *w)
{
    return w->err;
}

/* Bytes: whether a ',' is due before the next value of the open
 * container (its first member, or the value after a key, has none); the
 * container is marked as having a member. */
static inline int comma(rc_jw *w)
{
    if (!w->depth || w->keyed) {
        w->keyed = 0;
        return 0;
    }
    int c = w->some[w->depth - 1];
    w->some[w->depth - 1] = 1;
    return c;
}

/* Bytes: room for n more bytes (and the NUL) in w's buffer: 1, else 0
 * with the error set (the buffer's cap). */
static inline int room(rc_jw *w, size_t n)
{
    rc_buf *b = w->b;
    if (b->cap - b->len > n && b->max - b->len >= n)
        return 1;
    if (rc_buf_reserve(b, n) == RC_OK)
        return 1;
    w->err = RC_TOOBIG;
    return 0;
}

/* Bytes: a ',' when c, then p[0..n), in one append (nothing on error). */
static inline void put_sep(rc_jw *w, int c, const char *p, size_t n)
{
    if (!room(w, n + 1))
        return;
    rc_buf *b = w->b;
    char *o = b->data + b->len;
    if (c)
        *o++ = ',';
    memcpy(o, p, n);
    o += n;
    *o = '\0';
    b->len = (size_t)(o - b->data);
}

/* Tree: attach new value v (a reference handed over) where it goes. */
static void attach(rc_jw *w, json_t *v)
{
    if (!v) {
        w->err = RC_PARSE;
        return;
    }
    if (!w->depth) {
        json_decref(w->root);
        w->root = v;
        return;
    }
    json_t *top = w->stack[w->depth - 1];
    if (w->obj[w->depth - 1]) {
        if (!w->key || json_object_set_new_nocheck(top, w->key, v) != 0)
            w->err = RC_PARSE;
        w->key = NULL;
    } else if (json_array_append_new(top, v) != 0) {
        w->err = RC_PARSE;
    }
}

/* Open a container (obj: an object). */
static void open_c(rc_jw *w, int obj)
{
    if (w->err)
        return;
    if (w->depth >= RC_JW_DEPTH) {
        w->err = RC_PARSE;
        return;
    }
    if (w->tree) {
        json_t *c = obj ? json_object() : json_array();
        if (w->depth) {
            attach(w, c); /* the parent holds it; we borrow */
            if (w->err)
                return;
        } else {
            json_decref(w->root);
            w->root = NULL;
        }
        w->stack[w->depth] = c;
    } else {
        put_sep(w, comma(w), obj ? "{" : "[", 1);
        if (w->err)
            return;
    }
    w->some[w->depth] = 0;
    w->obj[w->depth] = (unsigned char)obj;
    w->depth++;
}

/* See jw.h. */
void (rc_jw_obj)(rc_jw *w)
{
    open_c(w, 1);
}

/* See jw.h. */
void (rc_jw_arr)(rc_jw *w)
{
    open_c(w, 0);
}

/* See jw.h. */
void (rc_jw_end)(rc_jw *w)
{
    if (w->err)
        return;
    if (!w->depth || w->keyed || w->key) {
        w->err = RC_PARSE;
        return;
    }
    w->depth--;
    if (w->tree) {
        if (!w->depth)
            w->root = w->stack[0];
    } else {
        put_sep(w, 0, w->obj[w->depth] ? "}" : "]", 1);
    }
}

/* See jw.h (rc_jw_key: the macro there passes the literal's length). */
void rc_jw_keyn(rc_jw *w, const char *key, size_t n)
{
    if (w->err)
        return;
    if (!w->depth || !w->obj[w->depth - 1] || w->keyed || w->key) {
        w->err = RC_PARSE;
        return;
    }
    if (w->tree) {
        w->key = key;
        return;
    }
    /* ,"key": in one append (keys are the builders' plain literals) */
    if (n > 64) {
        w->err = RC_PARSE;
        return;
    }
    if (!room(w, n + 4))
        return;
    rc_buf *b = w->b;
    char *o = b->data + b->len;
    if (w->some[w->depth - 1])
        *o++ = ',';
    w->some[w->depth - 1] = 1;
    *o++ = '"';
    memcpy(o, key, n);
    o += n;
    *o++ = '"';
    *o++ = ':';
    *o = '\0';
    b->len = (size_t)(o - b->data);
    w->keyed = 1;
}

/* See jw.h. */
void(rc_jw_key)(rc_jw *w, const char *key)
{
    rc_jw_keyn(w, key, strlen(key));
}

/* A value in an object without a key is a misuse. */
static int value_ok(rc_jw *w)
{
    if (w->err)
        return 0;
    if (w->depth && w->obj[w->depth - 1] && !(w->tree ? w->key != NULL : w->keyed)) {
        w->err = RC_PARSE;
        return 0;
    }
    return 1;
}

/* Write s[0..n) as a string value when it is valid UTF-8: 1; else 0,
 * nothing written (the separator neither). */
static int try_str(rc_jw *w, const char *s, size_t n)
{
    if (w->tree) {
        if (!rc_utf8_valid(s, n))
            return 0;
        attach(w, json_stringn_nocheck(s, n));
        return 1;
    }
    /* the separator, then the string checked as it is copied */
    rc_buf *b = w->b;
    size_t at = b->len;
    unsigned char keyed = w->keyed, some = w->depth ? w->some[w->depth - 1] : 0;
    int c = comma(w);
    if (c) {
        put_sep(w, 0, ",", 1);
        if (w->err)
            return 1;
    }
    int rc = rc_jdump_string_utf8(b, s, n);
    if (rc == RC_PARSE) {
        rc_buf_truncate(b, at);
        w->keyed = keyed;
        if (w->depth)
            w->some[w->depth - 1] = some;
        return 0;
    }
    if (rc != RC_OK)
        w->err = RC_TOOBIG;
    return 1;
}

/* See jw.h. */
void (rc_jw_str)(rc_jw *w, const char *s)
{
    if (!value_ok(w))
        return;
    if (!s) {
        rc_jw_null(w);
        return;
    }
    if (w->tree) {
        if (try_str(w, s, strlen(s)))
            return;
    } else {
        /* bytes: the separator, then s measured, checked and escaped in
         * one pass (as try_str, without the strlen first) */
        rc_buf *b = w->b;
        size_t at = b->len;
        unsigned char keyed = w->keyed, some = w->depth ? w->some[w->depth - 1] : 0;
        if (comma(w)) {
            put_sep(w, 0, ",", 1);
            if (w->err)
                return;
        }
        int rc = rc_jdump_cstring_utf8(b, s);
        if (rc == RC_OK)
            return;
        if (rc != RC_PARSE) {
            w->err = RC_TOOBIG;
            return;
        }
        rc_buf_truncate(b, at);
        w->keyed = keyed;
        if (w->depth)
            w->some[w->depth - 1] = some;
    }
    rc_buf fix;
    size_t bad = 0;
    rc_buf_init(&fix, 0);
    rc_utf8_sanitize(s, strlen(s), &fix, &bad);
    const char *t = rc_buf_str(&fix);
    if (!try_str(w, t, strlen(t)))
        rc_jw_null(w);
    rc_buf_cleanup(&fix);
}

/* See jw.h. */
void rc_jw_strn_valid(rc_jw *w, const char *s, size_t n)
{
    if (!value_ok(w))
        return;
    if (w->tree) {
        attach(w, json_stringn_nocheck(s, n));
        return;
    }
    if (comma(w))
        put_sep(w, 0, ",", 1);
    if (!w->err && rc_jdump_string(w->b, s, n) != RC_OK)
        w->err = RC_TOOBIG;
}

/* See jw.h. */
void (rc_jw_strjson)(rc_jw *w, const char *s, const char *json, size_t n)
{
    if (w->tree) {
        rc_jw_str(w, s);
        return;
    }
    if (!value_ok(w))
        return;
    put_sep(w, comma(w), json, n);
}

/* See jw.h. */
void rc_jw_strs(rc_jw *w, const char *const *v, size_t n)
{
    rc_jw_arr(w);
    for (size_t i = 0; i < n; i++)
        rc_jw_str(w, v[i]);
    rc_jw_end(w);
}

/* See jw.h. */
void rc_jw_strn(rc_jw *w, const char *s, size_t n, const char *fallback)
{
    if (!value_ok(w))
        return;
    if (!s || !try_str(w, s, n))
        rc_jw_str(w, fallback);
}

/* See jw.h. */
void rc_jw_span(rc_jw *w, const rc_doc *d, uint32_t start, uint32_t end)
{
    if (!d->text || end <= start || end > d->text_len)
        rc_jw_strn(w, "", 0, "");
    else
        rc_jw_strn(w, d->text + start, end - start, "");
}

/* See jw.h. */
void (rc_jw_int)(rc_jw *w, long long v)
{
    if (!value_ok(w))
        return;
    if (w->tree) {
        attach(w, json_integer((json_int_t)v));
        return;
    }
    /* the digits end at s + 24, and 24 bytes are copied from the first
     * (a copy of constant length; the bytes past the number are
     * garbage, overwritten or beyond the buffer's len) */
    char s[48], *e = s + 24, *p = rc_dec_digits(e, v);
    size_t n = (size_t)(e - p);
    int c = comma(w);
    rc_buf *b = w->b;
    if (!(b->cap - b->len > 25 && b->max - b->len >= 25)) {
        put_sep(w, c, p, n); /* near the buffer's end: the exact room */
        return;
    }
    char *o = b->data + b->len;
    o[0] = ',';
    memcpy(o + c, p, 24);
    o[c + n] = '\0';
    b->len += (size_t)c + n;
}

/* See jw.h. */
void rc_jw_real(rc_jw *w, double v)
{
    if (!value_ok(w))
        return;
    if (!isfinite(v)) {
        rc_jw_null(w); /* JSON has no NaN or infinity */
        return;
    }
    if (w->tree) {
        attach(w, json_real(v));
        return;
    }
    if (comma(w))
        put_sep(w, 0, ",", 1);
    if (!w->err && rc_jdump_real(w->b, v) != RC_OK)
        w->err = RC_PARSE;
}

/* See jw.h. */
void (rc_jw_bool)(rc_jw *w, int v)
{
    if (!value_ok(w))
        return;
    if (w->tree) {
        attach(w, json_boolean(v));
        return;
    }
    if (v)
        put_sep(w, comma(w), "true", 4);
    else
        put_sep(w, comma(w), "false", 5);
}

/* See jw.h. */
void (rc_jw_null)(rc_jw *w)
{
    if (!value_ok(w))
        return;
    if (w->tree) {
        attach(w, json_null());
        return;
    }
    put_sep(w, comma(w), "null", 4);
}

/* See jw.h. */
void rc_jw_value(rc_jw *w, json_t *v)
{
    if (!value_ok(w))
        return;
    if (w->tree) {
        attach(w, json_incref(v));
        return;
    }
    if (comma(w))
        put_sep(w, 0, ",", 1);
    if (!w->err && rc_jdump(w->b, v, 0, 1, 0) != RC_OK)
        w->err = RC_PARSE;
}
