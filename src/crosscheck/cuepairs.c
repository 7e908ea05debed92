/*
 * cuepairs.c - first-two-letter sets of cue lists; see cuepairs.h.
 */
#include "crosscheck/cuepairs.h"
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
