#include "meta/fold.h"
#include <pthread.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

/* rc_fold_cp for a code point of U+0080 and above, worked out (the
 * typographic cases by hand, the rest by utf8proc). */
static size_t fold_cp_slow(int32_t cp, int32_t out[4])
{
    switch (cp) {
    case 0x2019: case 0x2018: case 0x02BC: case 0x00B4: case 0x2032: case 0x0060:
        out[0] = '\'';
        return 1;
    case 0x00A0: case 0x202F: case 0x2009: case 0x2007: case 0x2002: case 0x2003:
    case 0x3000:
        out[0] = ' ';
        return 1;
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
    case 0x2212:
        out[0] = '-';
        return 1;
    case 0x00AB: case 0x00BB: case 0x201C: case 0x201D: case 0x201E:
        out[0] = '"';
        return 1;
    default:
        break;
    }
    utf8proc_int32_t buf[4];
    int last = 0;
    utf8proc_ssize_t k = utf8proc_decompose_char(
        cp, buf, 4, UTF8PROC_CASEFOLD | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK, &last);
    if (k <= 0 || k > 4) {
        out[0] = cp;
        return 1;
    }
    for (utf8proc_ssize_t j = 0; j < k; j++)
        out[j] = buf[j];
    return (size_t)k;
}

/* The folds of U+0080..U+024F (Latin-1 Supplement, Latin Extended-A and
 * -B: the accented letters of news in Latin scripts), worked out once by
 * fold_cp_slow (each one a utf8proc decomposition otherwise), read-only
 * after fold_table_fill. */
enum { FOLD_TABLE_END = 0x250 };
static struct {
    int32_t cp[4];
    uint8_t n;
} fold_table[FOLD_TABLE_END - 0x80];
static pthread_once_t fold_table_once = PTHREAD_ONCE_INIT;

/* Fill fold_table. */
static void fold_table_fill(void)
{
    for (int32_t cp = 0x80; cp < FOLD_TABLE_END; cp++)
        fold_table[cp - 0x80].n = (uint8_t)fold_cp_slow(cp, fold_table[cp - 0x80].cp);
}

/* Fold one code point for matching; see fold.h. */
size_t rc_fold_cp(int32_t cp, int32_t out[4])
{
    if (cp < 0x80) {
        out[0] = (cp >= 'A' && cp <= 'Z') ? cp + 32 : (cp == '\t' ? ' ' : cp);
        return 1;
    }
    if (cp < FOLD_TABLE_END) {
        pthread_once(&fold_table_once, fold_table_fill);
        size_t n = fold_table[cp - 0x80].n;
        memcpy(out, fold_table[cp - 0x80].cp, n * sizeof *out);
        return n;
    }
    return fold_cp_slow(cp, out);
}

/* A byte's fold within a run of ASCII bytes other than spaces: the byte
 * in lower case; 0 for what ends the run (the spaces rc_fold_key
 * squeezes, NUL, and the bytes of other code points). */
static const unsigned char ASCII_FOLD[256] = {
#define R8(x) (x), (x) + 1, (x) + 2, (x) + 3, (x) + 4, (x) + 5, (x) + 6, (x) + 7
    0, 1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 11, 12, 0, 14, 15,
    R8(16), R8(24), 0, 33, 34, 35, 36, 37, 38, 39, R8(40), R8(48), R8(56),
    64, R8(97), R8(105), R8(113), 121, 122, R8(91), R8(99), R8(107), R8(115), 123, 124, 125, 126, 127,
#undef R8
};

/* Folded, space-squeezed, trimmed key of s[n] into out[cap]. */
size_t rc_fold_key(const char *s, size_t n, char *out, size_t cap)
{
    size_t o = 0;
    int pend_space = 0;
    if (cap == 0)
        return 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            /* ASCII: what rc_fold_cp and the encoder below do, inline */
            i++;
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                pend_space = o > 0;
                continue;
            }
            if (o + (size_t)pend_space + 2 > cap) {
                out[o] = '\0';
                return o;
            }
            if (pend_space)
                out[o++] = ' ';
            pend_space = 0;
            out[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            /* the rest of its run of ASCII bytes other than spaces, as
             * many as the test above lets through (o + 2 <= cap each) */
            size_t m = n - i < cap - 1 - o ? n - i : cap - 1 - o, r = 0;
            const unsigned char *p = (const unsigned char *)s + i;
            char *w = out + o;
            for (unsigned char l; r < m && (l = ASCII_FOLD[p[r]]) != 0; r++)
                w[r] = (char)l;
            i += r;
            o += r;
            continue;
        }
        int32_t cp, f[4];
        i += rc_utf8_next(s, n, i, &cp);
        size_t k = rc_fold_cp(cp, f);
        for (size_t j = 0; j < k; j++) {
            if (f[j] == ' ' || f[j] == '\n' || f[j] == '\r') {
                pend_space = o > 0;
                continue;
            }
            utf8proc_uint8_t enc[4];
            utf8proc_ssize_t el = utf8proc_encode_char(f[j], enc);
            if (el <= 0)
                continue;
            if (o + (size_t)pend_space + (size_t)el + 1 > cap) {
                out[o] = '\0';
                return o;
            }
            if (pend_space)
                out[o++] = ' ';
            pend_space = 0;
            memcpy(out + o, enc, (size_t)el);
            o += (size_t)el;
        }
    }
    out[o] = '\0';
    return o;
}

/* Folded s[n] equals the ASCII word w. */
int rc_fold_eq(const char *s, size_t n, const char *w)
{
    char k[128];
    size_t wl = strlen(w);
    if (n > 4 * sizeof k || wl >= sizeof k)
        return 0;
    size_t kl = rc_fold_key(s, n, k, sizeof k);
    return kl == wl && memcmp(k, w, wl) == 0;
}

/* Word-internal joiners: apostrophes, hyphens, dots between letters. */
static int joiner(int32_t cp)
{
    return cp == '\'' || cp == 0x2019 || cp == '-' || cp == 0x2011 || cp == '.';
}

/* ASCII letters and digits (1) and ASCII word joiners ' - . (2). */
static const unsigned char ASCII_WORD[128] = {
    ['\''] = 2, ['-'] = 2, ['.'] = 2,
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
    ['8'] = 1, ['9'] = 1,
    ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1,
    ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1,
    ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
    ['Y'] = 1, ['Z'] = 1,
    ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1,
    ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1,
    ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
    ['y'] = 1, ['z'] = 1,
};

/* 1 when s[p] starts a two-byte letter of U+00C0..U+00FF (all of the
 * block but U+00D7 and U+00F7): the accented letters of the Latin
 * languages, decoded without utf8proc. */
static inline int latin1_letter(const char *s, size_t n, size_t p)
{
    if (p + 1 >= n || (unsigned char)s[p] != 0xC3)
        return 0;
    unsigned char b = (unsigned char)s[p + 1];
    return b >= 0x80 && b <= 0xBF && b != 0x97 && b != 0xB7;
}

/* Next word of s[n] from *i; see fold.h. Runs of ASCII bytes are classified
 * by the ASCII_WORD table; other code points are decoded one at a time. */
int rc_word_next(const char *s, size_t n, size_t *i, size_t *ws, size_t *we)
{
    size_t p = *i;
    int32_t cp;
    while (p < n) {
        unsigned char c = (unsigned char)s[p];
        if (c < 0x80) {
            if (ASCII_WORD[c] == 1)
                break;
            p++;
            continue;
        }
        size_t k = rc_utf8_next(s, n, p, &cp);
        if (rc_uc_is_letter(cp) || rc_uc_is_digit(cp))
            break;
        p += k;
    }
    if (p >= n) {
        *i = n;
        return 0;
    }
    *ws = p;
    size_t end = p;
    while (p < n) {
        size_t q = p;
        for (;;) {
            if (p < n && (unsigned char)s[p] < 0x80 && ASCII_WORD[(unsigned char)s[p]] == 1)
                p++;
            else if (latin1_letter(s, n, p))
                p += 2;
            else
                break;
        }
        if (p > q)
            end = p;
        if (p >= n)
            break;
        size_t k = rc_utf8_next(s, n, p, &cp);
        if (rc_uc_is_letter(cp) || rc_uc_is_digit(cp) || cp == 0x0301 || cp == 0x0300) {
            p += k;
            end = p;
            continue;
        }
        if (joiner(cp) && p + k < n) {
            int32_t nx;
            rc_utf8_next(s, n, p + k, &nx);
            if (rc_uc_is_letter(nx) || rc_uc_is_digit(nx)) {
                p += k;
                continue;
            }
        }
        break;
    }
    *we = end;
    *i = end > *ws ? end : *ws + 1;
    return 1;
}

/* Byte that counts as part of a word in a folded key. */
static int keyword_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/* Phrase at word boundaries in key. */
int rc_key_has(const char *key, size_t kn, const char *phrase, size_t *at)
{
    return rc_key_has_n(key, kn, phrase, strlen(phrase), at);
}

/* rc_key_has with the phrase's length given; see fold.h. */
int rc_key_has_n(const char *key, size_t kn, const char *phrase, size_t pl, size_t *at)
{
    if (pl == 0 || pl > kn)
        return 0;
    for (size_t i = 0; i + pl <= kn; i++) {
        const char *q = memchr(key + i, phrase[0], kn - pl + 1 - i);
        if (!q)
            return 0;
        i = (size_t)(q - key);
        if (memcmp(key + i, phrase, pl) != 0)
            continue;
        int lb = i == 0 || !keyword_byte((unsigned char)key[i - 1]) ||
                 !keyword_byte((unsigned char)phrase[0]);
        int rb = i + pl == kn || !keyword_byte((unsigned char)key[i + pl]) ||
                 !keyword_byte((unsigned char)phrase[pl - 1]);
        if (lb && rb) {
            if (at)
                *at = i;
            return 1;
        }
    }
    return 0;
}

/* Phrase at the start of key, followed by a boundary. */
int rc_key_starts(const char *key, size_t kn, const char *phrase)
{
    return rc_key_starts_n(key, kn, phrase, strlen(phrase));
}

/* rc_key_starts with the phrase's length given; see fold.h. */
int rc_key_starts_n(const char *key, size_t kn, const char *phrase, size_t pl)
{
    if (pl == 0 || pl > kn || memcmp(key, phrase, pl) != 0)
        return 0;
    return pl == kn || !keyword_byte((unsigned char)key[pl]) ||
           !keyword_byte((unsigned char)phrase[pl - 1]);
}

/* Byte search; see fold.h. */
const char *rc_find(const char *h, size_t hn, const char *needle, size_t nn)
{
    if (!h || !needle || nn == 0 || nn > hn)
        return NULL;
    const char *p = h, *end = h + (hn - nn) + 1;
    while (p < end) {
        const char *q = memchr(p, needle[0], (size_t)(end - p));
        if (!q)
            return NULL;
        if (memcmp(q, needle, nn) == 0)
            return q;
        p = q + 1;
    }
    return NULL;
}

/* ASCII case-insensitive byte search; see fold.h. */
const char *rc_find_ci(const char *h, size_t hn, const char *needle, size_t nn)
{
    if (!h || !needle || nn == 0 || nn > hn)
        return NULL;
    for (size_t i = 0; i + nn <= hn; i++)
        if (strncasecmp(h + i, needle, nn) == 0)
            return h + i;
    return NULL;
}
