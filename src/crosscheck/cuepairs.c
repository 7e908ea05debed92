/*
 * cuepairs.c - first-two-letter sets of cue lists; see cuepairs.h.
 */
#include "crosscheck/cuepairs.h"
#include "util/rc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* See cuepairs.h. */
void rc_cueindex_must(int rc, const char *lists)
{
    if (rc != RC_OK) {
        fprintf(stderr, "recoupe: %s cue lists past RC_CUEINDEX_CAP\n", lists);
        abort();
    }
}
