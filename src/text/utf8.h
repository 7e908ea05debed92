/*
 * utf8.h - Unicode hygiene for article text (utf8proc underneath).
 */
#ifndef RC_UTF8_H
#define RC_UTF8_H
#include <stddef.h>
#include <stdint.h>
#include "util/arena.h"
#include "util/buf.h"

/* Heuristic binary sniff on the first bytes: NUL bytes, or more than 10% of
 * C0 control bytes other than TAB/LF/CR/FF. Returns 1 for binary. */
int rc_utf8_looks_binary(const char *p, size_t n);

/* Append to out a valid UTF-8 copy of in[n]: invalid or overlong sequences,
 * surrogates and NUL bytes each become U+FFFD; a leading BOM is dropped;
 * CRLF and CR become LF. *invalid receives the number of replacements.
 * Returns RC_OK or RC_TOOBIG (out's cap). */
int rc_utf8_sanitize(const char *in, size_t n, rc_buf *out, size_t *invalid);

/* Append the NFC normalisation of valid UTF-8 in[n] to out. */
int rc_utf8_nfc(const char *in, size_t n, rc_buf *out);

enum {
    RC_FOLD_CASE = 1,     /* Unicode case folding */
    RC_FOLD_ACCENTS = 2,  /* strip combining marks (é -> e) */
    RC_FOLD_QUOTES = 4    /* ’ ‘ ʼ -> ', non-breaking spaces -> space */
};
/* Return the folded form of valid UTF-8 s[n] (NFC afterwards), allocated in
 * arena a, NUL-terminated; *outlen gets its length when not NULL. */
char *rc_utf8_fold(rc_arena *a, const char *s, size_t n, int flags, size_t *outlen);

/* Decode one code point at s[i] (i < n), store it in *cp and return its
 * length in bytes (1..4); invalid bytes decode as U+FFFD with length 1. */
size_t rc_utf8_decode(const char *s, size_t n, size_t i, int32_t *cp);

/* Length (1..4) of the well-formed UTF-8 sequence at s[i] (i < n), or 0
 * when there is none there: rc_utf8_valid's rule, one character. */
size_t rc_utf8_wellformed(const char *s, size_t n, size_t i);

/* 1 when s[0..n) is valid UTF-8 (NUL bytes allowed; no overlong forms,
 * surrogates or code points past U+10FFFF: what rc_utf8_decode accepts,
 * and exactly what jansson's json_stringn accepts), else 0. ASCII is
 * skipped eight bytes at a time. */
int rc_utf8_valid(const char *s, size_t n);

/* rc_utf8_decode with an inline fast path for ASCII: the hot loops of the
 * cleaner and tokeniser call this once per character. Same contract. */
static inline size_t rc_utf8_next(const char *s, size_t n, size_t i, int32_t *cp)
{
    if (i < n && (unsigned char)s[i] < 0x80) {
        *cp = (unsigned char)s[i];
        return 1;
    }
    return rc_utf8_decode(s, n, i, cp);
}

/* Unicode category helpers on code points, inline for ASCII (called once
 * per character in the hot loops); other code points go to utf8proc. */
int rc_uc_letter_u(int32_t cp);
int rc_uc_upper_u(int32_t cp);
int rc_uc_digit_u(int32_t cp);
int rc_uc_space_u(int32_t cp);
int rc_uc_is_punct(int32_t cp);

/* 1 for letters (L*). */
static inline int rc_uc_is_letter(int32_t cp)
{
    return cp < 0x80 ? ((cp | 32) >= 'a' && (cp | 32) <= 'z') : rc_uc_letter_u(cp);
}
/* 1 for upper-case and title-case letters (Lu, Lt). */
static inline int rc_uc_is_upper(int32_t cp)
{
    return cp < 0x80 ? (cp >= 'A' && cp <= 'Z') : rc_uc_upper_u(cp);
}
/* 1 for decimal digits (Nd). */
static inline int rc_uc_is_digit(int32_t cp)
{
    return cp < 0x80 ? (cp >= '0' && cp <= '9') : rc_uc_digit_u(cp);
}
/* 1 for white space: ASCII TAB/LF/VT/FF/CR/space, NEL, and Zs/Zl/Zp (which
 * include NBSP U+00A0 and NNBSP U+202F). */
static inline int rc_uc_is_space(int32_t cp)
{
    return cp < 0x80 ? (cp == ' ' || (cp >= '\t' && cp <= '\r')) : rc_uc_space_u(cp);
}

#endif
