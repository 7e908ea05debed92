/*
 * cuepairs.c - first-two-letter sets of cue lists; see cuepairs.h.
 */
#include "crosscheck/cuepairs.h"
#include "meta/fold.h"
#include "util/rc.h"
#include <string.h>
#include <utf8proc.h>

/* See cuepairs.h. */
void rc_cuepairs_add(rc_cuepairs *p, const char *const *words)
{
    for (const char *const *w = words; *w; w++) {
        size_t n = strlen(*w);
        if (n && (*w)[n - 1] == '$')
            n--;
        if (n < 2) {
            /* a one-letter entry: one-letter words are not skipped, and as
             * a prefix it starts every word of its first letter (an empty
             * one, every word) */
            p->short_entry = 1;
            unsigned a = n ? (unsigned char)(*w)[0] - 'a' : 26;
            for (unsigned r = 0; r < 26; r++)
                if (a == 26 || r == a)
                    p->row[r] = (1u << 26) - 1;
            continue;
        }
        unsigned a = (unsigned char)(*w)[0] - 'a', b = (unsigned char)(*w)[1] - 'a';
        if (a < 26 && b < 26) {
            p->row[a] |= 1u << b;
            if (n == 2)
                p->two[a] |= 1u << b;
            unsigned c = (unsigned char)(*w)[2] - 'a';
            if (n > 2 && c < 26) {
                size_t t = ((size_t)a * 26 + b) * 26 + c;
                p->tri[t / 64] |= 1ull << (t % 64);
            }
        }
    }
}

/* See cuepairs.h. */
int rc_cueindex_add(rc_cueindex *x, const char *w, size_t n, int whole, unsigned tag)
{
    if (x->at[27] == RC_CUEINDEX_CAP || n > 255 || tag >= 32)
        return RC_TOOBIG;
    unsigned c = n ? (unsigned char)w[0] - 'a' : 26;
    if (c >= 26)
        c = 26;
    /* at the end of its first byte's run: the later runs move up one */
    unsigned at = x->at[c + 1];
    memmove(&x->e[at + 1], &x->e[at], (x->at[27] - at) * sizeof *x->e);
    x->e[at] = (rc_cueword){w, (unsigned char)n, (unsigned char)(whole != 0), (unsigned char)tag};
    for (unsigned k = c + 1; k < 28; k++)
        x->at[k]++;
    return RC_OK;
}

/* See cuepairs.h. */
int rc_cueindex_add_list(rc_cueindex *x, const char *const *words, unsigned tag)
{
    for (const char *const *w = words; *w; w++) {
        size_t len = strlen(*w);
        int whole = len && (*w)[len - 1] == '$';
        int rc = rc_cueindex_add(x, *w, len - (size_t)whole, whole, tag);
        if (rc)
            return rc;
    }
    return RC_OK;
}

/* The folding of the code points U+0080..U+024F for rc_cuefold_key, as
 * rc_fold_key does it: for each, k outputs (rc_fold_cp), each a space
 * (el 0: ' ', '\n' or '\r'), nothing (el < 0: utf8proc could not encode
 * it) or the el bytes of its encoding. */
enum { FOLD_LO = 0x80, FOLD_HI = 0x250 };
typedef struct fold_cp {
    signed char k, el[4];
    char b[4][4];
} fold_cp;
typedef struct fold_table {
    int ready;
    fold_cp cp[FOLD_HI - FOLD_LO];
} fold_table;
static _Thread_local fold_table g_fold;

/* The table, built on first use in the thread. */
static const fold_table *fold_table_get(void)
{
    fold_table *t = &g_fold;
    if (!t->ready) {
        for (int32_t c = FOLD_LO; c < FOLD_HI; c++) {
            fold_cp *e = &t->cp[c - FOLD_LO];
            int32_t f[4];
            size_t k = rc_fold_cp(c, f);
            e->k = (signed char)k;
            for (size_t j = 0; j < k && j < 4; j++) {
                if (f[j] == ' ' || f[j] == '\n' || f[j] == '\r') {
                    e->el[j] = 0;
                    continue;
                }
                utf8proc_uint8_t enc[4];
                utf8proc_ssize_t el = utf8proc_encode_char(f[j], enc);
                e->el[j] = (signed char)(el <= 0 ? -1 : el);
                if (el > 0)
                    memcpy(e->b[j], enc, (size_t)el);
            }
        }
        t->ready = 1;
    }
    return t;
}

/* 1 when each of the 8 bytes of x is plain ASCII past the space
 * (0x21..0x7F): no high bit, and each byte + 0x5F has its high bit set
 * (no carry between bytes: each is below 0x80). */
static inline int plain8(uint64_t x)
{
    const uint64_t H = 0x8080808080808080ull;
    return !(x & H) && ((x + 0x5F5F5F5F5F5F5F5Full) & H) == H;
}

/* The 8 ASCII bytes of x (each below 0x80) with A-Z in lower case: a
 * byte b has b + 0x3F past 0x7F when b >= 'A', b + 0x25 past 0x7F when
 * b > 'Z' (no carry between bytes); 0x20 added to those in between. */
static inline uint64_t lower8(uint64_t x)
{
    const uint64_t H = 0x8080808080808080ull;
    uint64_t upper = (x + 0x3F3F3F3F3F3F3F3Full) & ~(x + 0x2525252525252525ull) & H;
    return x | (upper >> 2);
}

/* See cuepairs.h: rc_fold_key's loop, the code points of the table read
 * from it, runs of plain ASCII copied whole. */
size_t rc_cuefold_key(const char *s, size_t n, char *out, size_t cap)
{
    size_t o = 0;
    int pend_space = 0;
    if (cap == 0)
        return 0;
    const fold_table *tab = NULL;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c > ' ' && c < 0x80) {
            /* a run of plain ASCII bytes (no white space, no control
             * byte): byte by byte below, each would go out (lower case)
             * while o + pend_space + 2 <= cap, so all of them when the
             * last does; copied at once then */
            size_t r = 1;
            while (i + r + 8 <= n) {
                uint64_t x;
                memcpy(&x, s + i + r, sizeof x);
                if (!plain8(x))
                    break;
                r += 8;
            }
            while (i + r < n && (unsigned char)s[i + r] > ' ' && (unsigned char)s[i + r] < 0x80)
                r++;
            if (o + (size_t)pend_space + r + 1 <= cap) {
                if (pend_space)
                    out[o++] = ' ';
                pend_space = 0;
                size_t k = 0;
                for (; k + 8 <= r; k += 8) {
                    uint64_t x;
                    memcpy(&x, s + i + k, sizeof x);
                    x = lower8(x);
                    memcpy(out + o, &x, sizeof x);
                    o += 8;
                }
                for (; k < r; k++) {
                    unsigned char x = (unsigned char)s[i + k];
                    out[o++] = (char)(x >= 'A' && x <= 'Z' ? x + 32 : x);
                }
                i += r;
                continue;
            }
        }
        if (c < 0x80) {
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
            continue;
        }
        int32_t cp;
        i += rc_utf8_next(s, n, i, &cp);
        if (cp >= FOLD_LO && cp < FOLD_HI) {
            if (!tab)
                tab = fold_table_get();
            const fold_cp *e = &tab->cp[cp - FOLD_LO];
            for (int j = 0; j < e->k; j++) {
                int el = e->el[j];
                if (el == 0) {
                    pend_space = o > 0;
                    continue;
                }
                if (el < 0)
                    continue;
                if (o + (size_t)pend_space + (size_t)el + 1 > cap) {
                    out[o] = '\0';
                    return o;
                }
                if (pend_space)
                    out[o++] = ' ';
                pend_space = 0;
                memcpy(out + o, e->b[j], (size_t)el);
                o += (size_t)el;
            }
            continue;
        }
        int32_t f[4];
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
