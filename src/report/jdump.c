/*
 * jdump.c - jansson-compatible JSON writer; see jdump.h.
 *
 * The writer keeps a cursor into the buffer's own storage: each token
 * first makes sure there is room for its longest form (one check, the
 * buffer grown by doubling when short), then is written with plain
 * stores; the buffer's len is brought up to date when the value is done
 * (and on failure). Strings are scanned 8 bytes at a time for the bytes
 * JSON escapes ('"', '\\', < 0x20), copying as they go.
 */
#include "report/jdump.h"
#include "text/utf8.h"
#include "util/rc.h"
#include <math.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* Reads of whole 16-byte blocks may pass a string's NUL (never a page:
 * see put_cstring_utf8): AddressSanitizer is told not to check them. */
#if defined(__SANITIZE_ADDRESS__)
#define NO_ASAN __attribute__((no_sanitize_address))
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define NO_ASAN __attribute__((no_sanitize_address))
#endif
#endif
#ifndef NO_ASAN
#define NO_ASAN
#endif

#ifdef __SSE2__
/* Copy the 16 bytes at src to dst; return the mask of those a JSON
 * string escapes ('"', '\\', <= 0x1F, NUL included) or, with hi, that
 * are >= 0x80: bit k for byte k. */
NO_ASAN static inline unsigned esc_block16(const unsigned char *src, char *dst, int hi)
{
    const __m128i q = _mm_set1_epi8('"'), bs = _mm_set1_epi8('\\'), c1f = _mm_set1_epi8(0x1F);
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)src);
    _mm_storeu_si128((__m128i *)(void *)dst, x);
    __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, q), _mm_cmpeq_epi8(x, bs)),
                             _mm_cmpeq_epi8(_mm_max_epu8(x, c1f), c1f));
    unsigned mask = (unsigned)_mm_movemask_epi8(m);
    if (hi)
        mask |= (unsigned)_mm_movemask_epi8(x);
    return mask;
}
#endif
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* The cursor over b's storage: p the next byte to write, end the first
 * byte past the room (the NUL's slot and b->max both respected). */
typedef struct wr {
    rc_buf *b;
    char *p, *end;
    char *stack; /* while non-NULL, p writes into this scratch, not b */
    int indent, compact;
} wr;

/* Bring b->len up to the cursor (and the NUL after it). */
static void sync_len(wr *w)
{
    rc_buf *b = w->b;
    if (!b->data)
        return;
    b->len = (size_t)(w->p - b->data);
    b->data[b->len] = '\0';
}

/* Make room for n bytes at the cursor (the slow path of NEED). RC_TOOBIG
 * when b's cap would be passed. */
static int more(wr *w, size_t n)
{
    rc_buf *b = w->b;
    if (w->stack) {
        /* the scratch is full: its bytes to b, then straight into b */
        size_t k = (size_t)(w->p - w->stack);
        w->stack = NULL;
        int a = rc_buf_append(b, w->p - k, k);
        w->p = w->end = b->data ? b->data + b->len : NULL; /* no room until reserved */
        if (a != RC_OK)
            return RC_TOOBIG;
    } else {
        sync_len(w);
    }
    if (rc_buf_reserve(b, n) != RC_OK)
        return RC_TOOBIG;
    size_t room = b->cap - 1 - b->len, lim = b->max - b->len;
    w->p = b->data + b->len;
    w->end = w->p + (room < lim ? room : lim);
    return RC_OK;
}

/* Room for n bytes at w's cursor, or a false value. */
#define NEED(w, n) ((size_t)((w)->end - (w)->p) >= (n) || more((w), (n)) == RC_OK)

/* The escape of byte c when JSON needs one ('"', '\\', < 0x20): written
 * at p, returning the end. jansson writes \b \f \n \r \t, else \u00XX. */
static char *put_esc(char *p, unsigned char c)
{
    static const char hex[] = "0123456789ABCDEF";
    *p++ = '\\';
    switch (c) {
    case '\\': *p++ = '\\'; break;
    case '"': *p++ = '"'; break;
    case '\b': *p++ = 'b'; break;
    case '\f': *p++ = 'f'; break;
    case '\n': *p++ = 'n'; break;
    case '\r': *p++ = 'r'; break;
    case '\t': *p++ = 't'; break;
    default:
        p[0] = 'u';
        p[1] = '0';
        p[2] = '0';
        p[3] = hex[c >> 4];
        p[4] = hex[c & 15];
        p += 5;
    }
    return p;
}

/* Length of the escape of c (2 or 6). */
static size_t esc_len(unsigned char c)
{
    return c == '\\' || c == '"' || c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t' ? 2 : 6;
}

/* Whether byte c must be escaped. */
static int special(unsigned char c)
{
    return c < 0x20 || c == '"' || c == '\\';
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && defined(__GNUC__)
#define SWAR 1
#define ONES UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)

/* A mask whose lowest set bit falls in the first byte of x (in memory
 * order) that is < 0x20, '"' or '\\'; 0 when there is none. Higher bits
 * may be false alarms (borrows), the lowest never is. */
static uint64_t special8(uint64_t x)
{
    uint64_t q = x ^ (ONES * '"'), s = x ^ (ONES * '\\');
    return ((x - ONES * 0x20) & ~x & HIGHS) | ((q - ONES) & ~q & HIGHS) | ((s - ONES) & ~s & HIGHS);
}
#endif

/* s[n] as a JSON string literal, exact room only (near b's cap). */
static int put_string_slow(wr *w, const char *s, size_t n)
{
    if (!NEED(w, 1))
        return RC_TOOBIG;
    *w->p++ = '"';
    size_t run = 0;
    for (size_t i = 0; i <= n; i++) {
        unsigned char c = i < n ? (unsigned char)s[i] : 0;
        if (i < n && !special(c))
            continue;
        size_t k = i - run;
        if (!NEED(w, k))
            return RC_TOOBIG;
        memcpy(w->p, s + run, k);
        w->p += k;
        run = i + 1;
        if (i < n) {
            if (!NEED(w, esc_len(c)))
                return RC_TOOBIG;
            w->p = put_esc(w->p, c);
        }
    }
    if (!NEED(w, 1))
        return RC_TOOBIG;
    *w->p++ = '"';
    return RC_OK;
}


/* The byte u[*i] that a scan stopped at: with check, a non-ASCII byte
 * starts a well-formed sequence, copied whole; else the byte is escaped.
 * *i moves past it. Returns the new end of the output, or NULL when the
 * sequence is not well-formed. */
static inline char *put_flagged(char *p, const unsigned char *u, size_t n, size_t *i, int check)
{
    if (check && u[*i] >= 0x80) {
        size_t l = rc_utf8_wellformed((const char *)u, n, *i);
        if (!l)
            return NULL;
        memcpy(p, u + *i, l);
        *i += l;
        return p + l;
    }
    return put_esc(p, u[(*i)++]);
}

/* s[n] as a JSON string literal. With check, s is also checked to be
 * valid UTF-8 in the same pass: RC_PARSE (the cursor left where it was)
 * when it is not. The bytes JSON escapes and (check) the non-ASCII ones
 * stop the 16- and 8-byte copies; a non-ASCII byte must start a
 * well-formed sequence, which is copied whole. */
static inline int put_string_x(wr *w, const char *s, size_t n, int check)
{
    /* the longest form (every byte \u00XX) and 16 bytes of slack for the
     * 16- and 8-byte copies; near the cap the exact path instead */
    if (n > (SIZE_MAX - 32) / 6 || !NEED(w, 6 * n + 18)) {
        if (check && !rc_utf8_valid(s, n))
            return RC_PARSE;
        return put_string_slow(w, s, n);
    }
    const unsigned char *u = (const unsigned char *)s;
    char *p = w->p;
    *p++ = '"';
    size_t i = 0;
#ifdef __SSE2__
    /* 16 bytes at a time: copied, then checked ('"', '\\', <= 0x1F,
     * with check >= 0x80) */
    while (i + 16 <= n) {
        unsigned mask = esc_block16(u + i, p, check);
        if (!mask) {
            p += 16;
            i += 16;
            continue;
        }
        unsigned k = (unsigned)__builtin_ctz(mask);
        p += k;
        i += k;
        if (!(p = put_flagged(p, u, n, &i, check)))
            return RC_PARSE;
    }
#endif
#ifdef SWAR
    /* 8 bytes at a time, the last 1..7 padded with a byte never escaped */
    while (i < n) {
        size_t rem = n - i;
        uint64_t x = ONES * 'a';
        memcpy(&x, s + i, rem < 8 ? rem : 8);
        memcpy(p, &x, 8);
        uint64_t m = special8(x);
        if (check)
            m |= x & HIGHS;
        if (!m) {
            if (rem <= 8) {
                p += rem;
                i = n;
                break;
            }
            p += 8;
            i += 8;
            continue;
        }
        /* the lowest flagged byte is a real one ('a' pads never flag) */
        unsigned k = (unsigned)__builtin_ctzll(m) >> 3;
        p += k;
        i += k;
        if (!(p = put_flagged(p, u, n, &i, check)))
            return RC_PARSE;
    }
#endif
    while (i < n) {
        unsigned char c = u[i];
        if ((check && c >= 0x80) || special(c)) {
            if (!(p = put_flagged(p, u, n, &i, check)))
                return RC_PARSE;
        } else {
            *p++ = (char)c;
            i++;
        }
    }
    *p++ = '"';
    w->p = p;
    return RC_OK;
}

/* s[n] (valid UTF-8) as a JSON string literal. */
static int put_string(wr *w, const char *s, size_t n)
{
    return put_string_x(w, s, n, 0);
}

/* Decimal digits of u written ending at end; returns the first. */
static char *utoa_end(char *end, unsigned long long u)
{
    do {
        *--end = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    return end;
}

/* An integer as "%lld" writes it. */
static int put_int(wr *w, json_int_t v)
{
    char tmp[24], *e = tmp + sizeof tmp;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    char *s = utoa_end(e, u);
    if (v < 0)
        *--s = '-';
    size_t k = (size_t)(e - s);
    if (!NEED(w, k))
        return RC_TOOBIG;
    memcpy(w->p, s, k);
    w->p += k;
    return RC_OK;
}

/* The reals put_real formatted last on this thread, by their bits,
 * direct-mapped: a report repeats a few hundred values (shares, scores)
 * tens of thousands of times, and snprintf's "%.17g" was most of the
 * cost of each (n 0: an empty slot; a real's text is never empty). */
enum { REAL_MEMO_BITS = 9 };
struct real_memo {
    uint64_t bits;
    unsigned char n;
    char s[27];
};
static _Thread_local struct real_memo tl_reals[1u << REAL_MEMO_BITS];

/* A real as jansson writes it (jsonp_dtostr with precision 17). Integral
 * values below 1e17 "%.17g" prints as their digits, to which jansson adds
 * ".0": written directly. */
static int put_real(wr *w, double v)
{
    char s[64];
    size_t n;
    if (fabs(v) < 1e17 && v == trunc(v)) {
        char *e = s + sizeof s - 2, *d = utoa_end(e, (unsigned long long)fabs(v));
        if (signbit(v))
            *--d = '-';
        e[0] = '.';
        e[1] = '0';
        n = (size_t)(e + 2 - d);
        if (!NEED(w, n))
            return RC_TOOBIG;
        memcpy(w->p, d, n);
        w->p += n;
        return RC_OK;
    }
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    struct real_memo *m = &tl_reals[(bits * 0x9e3779b97f4a7c15ull) >> (64 - REAL_MEMO_BITS)];
    if (m->n && m->bits == bits) {
        if (!NEED(w, m->n))
            return RC_TOOBIG;
        memcpy(w->p, m->s, m->n);
        w->p += m->n;
        return RC_OK;
    }
    int len = snprintf(s, sizeof s, "%.17g", v);
    if (len < 0 || (size_t)len >= sizeof s - 3)
        return RC_PARSE;
    n = (size_t)len;
    if (!strchr(s, '.') && !strchr(s, 'e')) {
        s[n++] = '.';
        s[n++] = '0';
        s[n] = '\0';
    }
    char *e = strchr(s, 'e');
    if (e) {
        char *start = e + 1, *end = e + 2;
        if (*start == '-')
            start++;
        while (*end == '0')
            end++;
        if (end != start) {
            memmove(start, end, n - (size_t)(end - s) + 1);
            n -= (size_t)(end - start);
        }
    }
    if (n <= sizeof m->s) {
        m->bits = bits;
        m->n = (unsigned char)n;
        memcpy(m->s, s, n);
    }
    if (!NEED(w, n))
        return RC_TOOBIG;
    memcpy(w->p, s, n);
    w->p += n;
    return RC_OK;
}

/* c, then jansson's dump_indent for depth: a newline and depth * indent
 * spaces (indent > 0), else a space when space is set and not compact. */
static int put_sep(wr *w, char c, int depth, int space)
{
    size_t k = w->indent > 0 ? (size_t)depth * (size_t)w->indent : 0;
    size_t need = (c != 0) + (w->indent > 0 ? k + 1 : space && !w->compact);
    if (!NEED(w, need))
        return RC_TOOBIG;
    char *p = w->p;
    if (c)
        *p++ = c;
    if (w->indent > 0) {
        *p++ = '\n';
        memset(p, ' ', k);
        p += k;
    } else if (space && !w->compact) {
        *p++ = ' ';
    }
    w->p = p;
    return RC_OK;
}

/* n bytes of s. */
static int put_raw(wr *w, const char *s, size_t n)
{
    if (!NEED(w, n))
        return RC_TOOBIG;
    memcpy(w->p, s, n);
    w->p += n;
    return RC_OK;
}

/* v at depth. */
static int dump(wr *w, const json_t *v, int depth)
{
    int r = RC_OK;
    switch (json_typeof(v)) {
    case JSON_NULL:
        return put_raw(w, "null", 4);
    case JSON_TRUE:
        return put_raw(w, "true", 4);
    case JSON_FALSE:
        return put_raw(w, "false", 5);
    case JSON_INTEGER:
        return put_int(w, json_integer_value(v));
    case JSON_REAL:
        return put_real(w, json_real_value(v));
    case JSON_STRING:
        return put_string(w, json_string_value(v), json_string_length(v));
    case JSON_ARRAY: {
        size_t n = json_array_size(v);
        if (!n)
            return put_raw(w, "[]", 2);
        r = put_sep(w, '[', depth + 1, 0);
        for (size_t i = 0; i < n && r == RC_OK; i++) {
            const json_t *x = json_array_get(v, i);
            if (!x)
                return RC_PARSE;
            r = dump(w, x, depth + 1);
            if (r == RC_OK)
                r = i + 1 < n ? put_sep(w, ',', depth + 1, 1) : put_sep(w, 0, depth, 0);
        }
        return r == RC_OK ? put_raw(w, "]", 1) : r;
    }
    case JSON_OBJECT: {
        void *it = json_object_iter((json_t *)v);
        if (!it)
            return put_raw(w, "{}", 2);
        r = put_sep(w, '{', depth + 1, 0);
        while (it && r == RC_OK) {
            void *next = json_object_iter_next((json_t *)v, it);
            r = put_string(w, json_object_iter_key(it), json_object_iter_key_len(it));
            if (r == RC_OK)
                r = w->compact ? put_raw(w, ":", 1) : put_raw(w, ": ", 2);
            if (r == RC_OK) {
                const json_t *x = json_object_iter_value(it);
                r = x ? dump(w, x, depth + 1) : RC_PARSE;
            }
            if (r == RC_OK)
                r = next ? put_sep(w, ',', depth + 1, 1) : put_sep(w, 0, depth, 0);
            it = next;
        }
        return r == RC_OK ? put_raw(w, "}", 1) : r;
    }
    }
    return RC_PARSE;
}

/* See jdump.h. */
int rc_jdump(rc_buf *b, const json_t *v, int indent, int compact, int depth)
{
    if (!v)
        return RC_PARSE;
    /* small values are written into a scratch on the stack and appended
     * to b once (b grows once instead of doubling its way up); a value
     * that outgrows it continues in b itself */
    char scratch[16384];
    size_t lim = b->max - b->len;
    wr w = {b, scratch, scratch + (lim < sizeof scratch ? lim : sizeof scratch), scratch, indent, compact};
    int r = dump(&w, v, depth);
    if (w.stack) {
        int a = rc_buf_append(b, w.stack, (size_t)(w.p - w.stack));
        return r == RC_OK ? a : r;
    }
    sync_len(&w);
    return r;
}

/* A cursor at the end of b, writing straight into it, with the room b
 * already has (more() is called only when a value needs more). */
static wr at_end(rc_buf *b)
{
    wr w = {b, NULL, NULL, NULL, 0, 1};
    w.p = w.end = b->data ? b->data + b->len : NULL;
    if (b->data && b->cap > b->len && b->max > b->len) {
        size_t room = b->cap - 1 - b->len, lim = b->max - b->len;
        w.end = w.p + (room < lim ? room : lim);
    }
    return w;
}

/* See jdump.h. */
int rc_jdump_string(rc_buf *b, const char *s, size_t n)
{
    wr w = at_end(b);
    int r = put_string(&w, s, n);
    sync_len(&w);
    return r;
}

/* See jdump.h. */
int rc_jdump_string_utf8(rc_buf *b, const char *s, size_t n)
{
    wr w = at_end(b);
    int r = put_string_x(&w, s, n, 1);
    sync_len(&w);
    return r;
}

#ifdef __SSE2__
/* The NUL-terminated s as a JSON string literal, checked to be valid
 * UTF-8 and measured in the same pass (put_string_x's rules): 16 bytes
 * are loaded at a time, each load inside one 4096-byte page (a block
 * that would cross into the next page is read byte by byte), so a read
 * past the NUL never touches a page the string does not. RC_PARSE
 * (not valid UTF-8) or RC_TOOBIG (b's cap), the cursor back where it
 * was. */
NO_ASAN static int put_cstring_utf8(wr *w, const char *s)
{
    rc_buf *b = w->b;
    if (!NEED(w, 24))
        return RC_TOOBIG;
    size_t at = (size_t)(w->p - b->data); /* offsets: more() may move data */
    char *p = w->p;
    *p++ = '"';
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    for (;;) {
        /* room for a block (16), or up to 15 bytes of it and an
         * escape (6), and the closing quote */
        if ((size_t)(w->end - p) < 24) {
            w->p = p;
            if (more(w, 24) != RC_OK) {
                w->p = b->data + at;
                return RC_TOOBIG;
            }
            p = w->p;
        }
        unsigned c;
        if (((uintptr_t)(u + i) & 4095) <= 4096 - 16) {
            unsigned mask = esc_block16(u + i, p, 1);
            if (!mask) {
                p += 16;
                i += 16;
                continue;
            }
            unsigned k = (unsigned)__builtin_ctz(mask);
            p += k;
            i += k;
            c = u[i];
        } else {
            c = u[i];
            if (c && c < 0x80 && !special((unsigned char)c)) {
                *p++ = (char)c;
                i++;
                continue;
            }
        }
        if (!c)
            break;
        if (c >= 0x80) {
            /* the sequence within the string: its bytes before any NUL */
            size_t n = i + 1;
            while (n < i + 4 && u[n])
                n++;
            size_t l = rc_utf8_wellformed(s, n, i);
            if (!l) {
                w->p = b->data + at;
                return RC_PARSE;
            }
            memcpy(p, u + i, l);
            p += l;
            i += l;
        } else {
            p = put_esc(p, (unsigned char)c);
            i++;
        }
    }
    *p++ = '"';
    w->p = p;
    return RC_OK;
}
#endif

/* See jdump.h. */
int rc_jdump_cstring_utf8(rc_buf *b, const char *s)
{
    wr w = at_end(b);
#ifdef __SSE2__
    int r = put_cstring_utf8(&w, s);
    if (r == RC_TOOBIG) {
        /* near b's cap: the exact room of the measured string */
        sync_len(&w);
        w = at_end(b);
        r = put_string_x(&w, s, strlen(s), 1);
    }
#else
    int r = put_string_x(&w, s, strlen(s), 1);
#endif
    sync_len(&w);
    return r;
}

/* See jdump.h. */
int rc_jdump_real(rc_buf *b, double v)
{
    wr w = at_end(b);
    int r = put_real(&w, v);
    sync_len(&w);
    return r;
}
