/*
 * cuepairs.h - a quick "matches none of these folded words" test for the
 * cue lists of origin.c and polarity.c, so that most words of a sentence
 * are not folded at all.
 *
 * A set records the first two letters (a-z) of every entry of some lists
 * of folded words or word prefixes (entries may end in '$'). A word whose
 * first two bytes are ASCII letters and whose third byte (when there is
 * one) is plain ASCII, neither an apostrophe nor white space, folds
 * (meta/fold.h rc_fold_key) to a key starting with those two letters in
 * lower case, with no elision ("l'", "qu'") to strip: when the set has
 * no entry starting with them, the word matches no entry, neither whole
 * nor as a prefix. A one-letter ASCII word matches none either when no
 * entry is shorter than two letters (such an entry fills its rows).
 * Any other word is left to the full
 * test (rc_cuepairs_miss returns 0).
 *
 * No allocation; the set is a plain value (build it per thread or per
 * call: no shared mutable state). O(1) per word.
 */
#ifndef RC_CUEPAIRS_H
#define RC_CUEPAIRS_H
#include <stddef.h>
#include <stdint.h>

typedef struct rc_cuepairs {
    uint32_t row[26];        /* bit b of row[a]: an entry starts with 'a'+a, 'a'+b */
    int short_entry;         /* an entry of fewer than two letters exists */
} rc_cuepairs;

/* Add the entries of the NULL-ended list words (folded, lower case, an
 * optional final '$') to p. An entry whose first two bytes are not both
 * letters a-z adds nothing: no word passing rc_cuepairs_miss's test can
 * match it (its second folded byte is a letter). */
void rc_cuepairs_add(rc_cuepairs *p, const char *const *words);

/* 1 when the word w[n] surely matches no entry of p (see above); 0 when
 * it may (fold it and test it). */
static inline int rc_cuepairs_miss(const rc_cuepairs *p, const char *w, size_t n)
{
    if (n == 0)
        return 0;
    unsigned a = ((unsigned char)w[0] | 0x20u) - 'a';
    if (a >= 26 || (unsigned char)w[0] >= 0x80)
        return 0;
    if (n == 1)
        return !p->short_entry;
    unsigned b = ((unsigned char)w[1] | 0x20u) - 'a';
    if (b >= 26 || (unsigned char)w[1] >= 0x80)
        return 0;
    if (n > 2) {
        unsigned char c = (unsigned char)w[2];
        if (c >= 0x80 || c == '\'' || c == ' ' || c == '\t' || c == '\n' || c == '\r')
            return 0;
    }
    return !((p->row[a] >> b) & 1u);
}

#endif
