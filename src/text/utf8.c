/*
 * utf8.c - Unicode hygiene: validation with replacement, NFC, folding and
 * category helpers (utf8proc underneath).
 */
#include "text/utf8.h"
#include "util/mem.h"
#include "util/rc.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

static const char REPL[3] = {'\xEF', '\xBF', '\xBD'}; /* U+FFFD */

/* Decode one code point from s[i..n) (i < n) into *cp and return its length
 * (1..4). Rejects overlong forms, surrogates and values above U+10FFFF; on
 * error *cp is U+FFFD and the return value is the length of the maximal
 * invalid subpart (at least 1), as Unicode recommends for replacement. */
static size_t decode(const unsigned char *s, size_t n, size_t i, int32_t *cp)
{
    unsigned c = s[i];
    if (c < 0x80) {
        *cp = (int32_t)c;
        return 1;
    }
    size_t need;
    unsigned lo = 0x80, hi = 0xBF;
    int32_t v;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 1;
        v = (int32_t)(c & 0x1F);
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        v = (int32_t)(c & 0x0F);
        if (c == 0xE0)
            lo = 0xA0;          /* overlong */
        else if (c == 0xED)
            hi = 0x9F;          /* surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        v = (int32_t)(c & 0x07);
        if (c == 0xF0)
            lo = 0x90;          /* overlong */
        else if (c == 0xF4)
            hi = 0x8F;          /* above U+10FFFF */
    } else {
        *cp = 0xFFFD;           /* stray continuation, C0/C1, F5..FF */
        return 1;
    }
    size_t k = 1;
    for (; k <= need; k++) {
        if (i + k >= n) {
            *cp = 0xFFFD;       /* truncated at end of input */
            return k;
        }
        unsigned b = s[i + k];
        if (b < lo || b > hi) {
            *cp = 0xFFFD;
            return k;
        }
        lo = 0x80;
        hi = 0xBF;
        v = (v << 6) | (int32_t)(b & 0x3F);
    }
    *cp = v;
    return need + 1;
}

/* Eight-byte words for the ASCII fast paths below (little- and big-endian
 * alike: only whole words are tested). */
#define ONES 0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL

/* The 8 bytes at p as a word. */
static inline uint64_t load8(const char *p)
{
    uint64_t w;
    memcpy(&w, p, 8);
    return w;
}

/* Nonzero exactly when some byte of w is below 0x20 (a byte >= 0x20
 * never borrows from the next, so a set bit needs a byte below 0x20). */
static inline uint64_t any_below_space(uint64_t w)
{
    return (w - ONES * 0x20) & ~w & HIGHS;
}

/* 1 for binary-looking data: a NUL byte, or more than 10% of C0 control
 * bytes other than TAB, LF, CR and FF among the first 8 KB. */
int rc_utf8_looks_binary(const char *p, size_t n)
{
    if (!p || n == 0)
        return 0;
    if (n > 8192)
        n = 8192;
    if (memchr(p, 0, n))
        return 1;
    /* bit c set: C0 control byte c counts (not NUL, TAB, LF, FF, CR) */
    const uint32_t counted = ~((1u << 0) | (1u << '\t') | (1u << '\n') | (1u << '\f') |
                               (1u << '\r'));
    size_t ctl = 0, i = 0;
    for (;;) {
        /* skip words without a C0 byte */
        while (i + 8 <= n && !any_below_space(load8(p + i)))
            i += 8;
        size_t stop = i + 8 <= n ? i + 8 : n;
        for (; i < stop; i++) {
            unsigned char c = (unsigned char)p[i];
            ctl += c < 0x20 && (counted >> c & 1u);
        }
        if (i >= n)
            break;
    }
    return ctl * 10 > n;
}

/* Append a valid UTF-8 copy of in[n] to out: maximal invalid subparts,
 * surrogates, overlong forms and NUL bytes become U+FFFD (counted in
 * *invalid), a leading BOM is dropped, CRLF and lone CR become LF.
 * Returns RC_OK or RC_TOOBIG when out's cap is reached. */
int rc_utf8_sanitize(const char *in, size_t n, rc_buf *out, size_t *invalid)
{
    const unsigned char *s = (const unsigned char *)in;
    size_t bad = 0, i = 0, run = 0;
    int rc = RC_OK;
    if (invalid)
        *invalid = 0;
    if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
        i = run = 3;
    while (i < n) {
        unsigned char c = s[i];
        if (c >= 0x20 && c < 0x80) {    /* plain ASCII: extend the run */
            i++;
            /* eight at a time while no byte is a control or non-ASCII */
            while (i + 8 <= n) {
                uint64_t w = load8(in + i);
                if ((w & HIGHS) || any_below_space(w))
                    break;
                i += 8;
            }
            continue;
        }
        if (c == '\r' || c == 0) {
            if ((rc = rc_buf_append(out, in + run, i - run)))
                goto done;
            if (c == '\r') {
                if ((rc = rc_buf_putc(out, '\n')))
                    goto done;
                i += (i + 1 < n && s[i + 1] == '\n') ? 2 : 1;
            } else {
                if ((rc = rc_buf_append(out, REPL, 3)))
                    goto done;
                bad++;
                i++;
            }
            run = i;
            continue;
        }
        if (c < 0x80) {                 /* other controls stay */
            i++;
            continue;
        }
        int32_t cp;
        size_t len = decode(s, n, i, &cp);
        if (cp == 0xFFFD && !(len == 3 && s[i] == 0xEF && s[i + 1] == 0xBF && s[i + 2] == 0xBD)) {
            if ((rc = rc_buf_append(out, in + run, i - run)) ||
                (rc = rc_buf_append(out, REPL, 3)))
                goto done;
            bad++;
            i += len;
            run = i;
            continue;
        }
        i += len;
    }
    rc = rc_buf_append(out, in + run, n - run);
done:
    if (invalid)
        *invalid = bad;
    return rc;
}

/* 1 when code point cp may change under NFC in some context (combining
 * marks, canonical decompositions, Hangul jamo, composing starters). */
static int nfc_sensitive(int32_t cp)
{
    if (cp < 0x300)
        return 0;
    if (cp >= 0x1100 && cp <= 0x11FF)
        return 1;
    const utf8proc_property_t *p = utf8proc_get_property(cp);
    if (p->combining_class != 0)
        return 1;
    if (p->category == UTF8PROC_CATEGORY_MN || p->category == UTF8PROC_CATEGORY_MC ||
        p->category == UTF8PROC_CATEGORY_ME)
        return 1;
    if (p->decomp_seqindex != UINT16_MAX && p->decomp_type == 0)
        return 1;
    return 0;
}

/* Normalise valid UTF-8 s[n] with utf8proc options opt (decompose, custom
 * mapping, normalise, reencode) and append the result to out. Uses a stack
 * buffer for short input and rc_malloc otherwise. Invalid input is appended
 * unchanged. */
static int map_append(const char *s, size_t n, utf8proc_option_t opt,
                      utf8proc_custom_func fn, rc_buf *out)
{
    int32_t small[256];
    const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)s;
    utf8proc_ssize_t len = utf8proc_decompose_custom(u, (utf8proc_ssize_t)n, small,
                                                     255, opt, fn, NULL);
    if (len < 0)
        return rc_buf_append(out, s, n);
    int32_t *buf = small;
    if (len > 255) {
        buf = rc_reallocarray(NULL, (size_t)len + 1, sizeof *buf);
        utf8proc_ssize_t l2 = utf8proc_decompose_custom(u, (utf8proc_ssize_t)n, buf,
                                                        len, opt, fn, NULL);
        if (l2 != len) {
            free(buf);
            return rc_buf_append(out, s, n);
        }
    }
    utf8proc_ssize_t bytes = utf8proc_reencode(buf, len, opt);
    int rc = bytes < 0 ? rc_buf_append(out, s, n)
                       : rc_buf_append(out, buf, (size_t)bytes);
    if (buf != small)
        free(buf);
    return rc;
}

/* Append the NFC form of valid UTF-8 in[n] to out. Works in chunks split
 * before ASCII bytes (ASCII never composes with what precedes it), and
 * copies chunks that contain no NFC-sensitive code point unchanged. */
int rc_utf8_nfc(const char *in, size_t n, rc_buf *out)
{
    const size_t CHUNK = 16384;
    size_t i = 0;
    while (i < n) {
        size_t end = i + CHUNK < n ? i + CHUNK : n;
        while (end < n && (unsigned char)in[end] >= 0x80)
            end++;
        int sensitive = 0;
        for (size_t k = i; k < end;) {
            if ((unsigned char)in[k] < 0x80) {
                k++;
                while (k + 8 <= end && !(load8(in + k) & HIGHS))
                    k += 8;
                continue;
            }
            int32_t cp;
            k += decode((const unsigned char *)in, end, k, &cp);
            if (nfc_sensitive(cp)) {
                sensitive = 1;
                break;
            }
        }
        int rc = sensitive
                     ? map_append(in + i, end - i, UTF8PROC_STABLE | UTF8PROC_COMPOSE, NULL, out)
                     : rc_buf_append(out, in + i, end - i);
        if (rc)
            return rc;
        i = end;
    }
    return RC_OK;
}

/* utf8proc custom mapping for RC_FOLD_QUOTES: typographic apostrophes and
 * quotes to ', non-breaking and narrow spaces to a plain space. */
static utf8proc_int32_t fold_quotes_fn(utf8proc_int32_t cp, void *data)
{
    (void)data;
    switch (cp) {
    case 0x2019: case 0x2018: case 0x02BC: case 0x2032:
        return '\'';
    case 0x00A0: case 0x202F: case 0x2007:
        return ' ';
    default:
        return cp;
    }
}

/* Folded copy of valid UTF-8 s[n] in arena a (see RC_FOLD_*), NFC,
 * NUL-terminated; length in *outlen when not NULL. ASCII-only input takes
 * a fast path. */
char *rc_utf8_fold(rc_arena *a, const char *s, size_t n, int flags, size_t *outlen)
{
    size_t i = 0;
    while (i < n && (unsigned char)s[i] < 0x80)
        i++;
    if (i == n) {
        char *r = rc_arena_strndup(a, s, n);
        if (flags & RC_FOLD_CASE)
            for (size_t k = 0; k < n; k++)
                if (r[k] >= 'A' && r[k] <= 'Z')
                    r[k] = (char)(r[k] + 32);
        if (outlen)
            *outlen = n;
        return r;
    }
    utf8proc_option_t opt = UTF8PROC_STABLE | UTF8PROC_COMPOSE;
    if (flags & RC_FOLD_CASE)
        opt |= UTF8PROC_CASEFOLD;
    if (flags & RC_FOLD_ACCENTS)
        opt |= UTF8PROC_STRIPMARK;
    rc_buf b;
    rc_buf_init(&b, 0);
    map_append(s, n, opt, (flags & RC_FOLD_QUOTES) ? fold_quotes_fn : NULL, &b);
    char *r = rc_arena_strndup(a, rc_buf_str(&b), b.len);
    if (outlen)
        *outlen = b.len;
    rc_buf_cleanup(&b);
    return r;
}

/* Decode the code point at s[i] (i < n); invalid bytes give U+FFFD with
 * the length of the invalid subpart (1 for a lone bad byte). */
size_t rc_utf8_decode(const char *s, size_t n, size_t i, int32_t *cp)
{
    if (i >= n) {
        *cp = 0xFFFD;
        return 1;
    }
    return decode((const unsigned char *)s, n, i, cp);
}

/* See utf8.h. A decoded U+FFFD is an error unless the bytes spell it. */
size_t rc_utf8_wellformed(const char *s, size_t n, size_t i)
{
    int32_t cp;
    size_t len = rc_utf8_decode(s, n, i, &cp);
    if (cp == 0xFFFD && (len != 3 || i + 3 > n || memcmp(s + i, REPL, 3) != 0))
        return 0;
    return len;
}

/* See utf8.h. */
int rc_utf8_valid(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        while (i + 8 <= n) {
            uint64_t x;
            memcpy(&x, s + i, 8);
            if (x & 0x8080808080808080ull)
                break;
            i += 8;
        }
        if (i >= n)
            break;
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        size_t len = rc_utf8_wellformed(s, n, i);
        if (!len)
            return 0;
        i += len;
    }
    return 1;
}

/* Category of cp, CN for values outside the Unicode range. */
static int category(int32_t cp)
{
    if (cp < 0 || cp > 0x10FFFF)
        return UTF8PROC_CATEGORY_CN;
    return utf8proc_category(cp);
}

/* 1 for letters (categories L*). */
int rc_uc_letter_u(int32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    int c = category(cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

/* 1 for upper-case and title-case letters (Lu, Lt). */
int rc_uc_upper_u(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    int c = category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

/* 1 for decimal digits (Nd). */
int rc_uc_digit_u(int32_t cp)
{
    if (cp < 0x80)
        return cp >= '0' && cp <= '9';
    return category(cp) == UTF8PROC_CATEGORY_ND;
}

/* 1 for white space: ASCII TAB/LF/VT/FF/CR/space, NEL, and the separator
 * categories Zs/Zl/Zp (which include NBSP U+00A0 and NNBSP U+202F). */
int rc_uc_space_u(int32_t cp)
{
    if (cp < 0x80)
        return cp == ' ' || (cp >= '\t' && cp <= '\r');
    if (cp == 0x85)
        return 1;
    int c = category(cp);
    return c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL ||
           c == UTF8PROC_CATEGORY_ZP;
}

/* 1 for punctuation (P*) and symbols (S*). */
int rc_uc_is_punct(int32_t cp)
{
    int c = category(cp);
    return c >= UTF8PROC_CATEGORY_PC && c <= UTF8PROC_CATEGORY_SO;
}
