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
 * nor as a prefix. Past that, when its third byte is a letter too, the
 * first three letters decide the same way (unless an entry of two
 * letters may be a prefix of the word); a word of two letters matches
 * only an entry of these two letters. A one-letter ASCII word matches none either when no
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
    uint32_t two[26];        /* the same for the entries of exactly two letters */
    uint64_t tri[(26 * 26 * 26 + 63) / 64]; /* first three letters a-z of the entries */
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
    if (p->short_entry)
        return 0;
    if (n == 2)                 /* (its key is the two letters) */
        return !((p->two[a] >> b) & 1u);
    unsigned char w2 = (unsigned char)w[2];
    if (w2 >= 0x80 || w2 == '\'' || w2 == ' ' || w2 == '\t' || w2 == '\n' || w2 == '\r')
        return 0;               /* (an elision, or a key not of these bytes) */
    if (!((p->row[a] >> b) & 1u))
        return 1;
    /* some entry starts with the two letters: the third decides, when it
     * is a letter and no entry of two letters is a prefix of the word */
    if ((p->two[a] >> b) & 1u)
        return 0;
    unsigned c = (w2 | 0x20u) - 'a';
    if (c >= 26)
        return 0;
    size_t t = ((size_t)a * 26 + b) * 26 + c;
    return !((p->tri[t / 64] >> (t % 64)) & 1u);
}

#endif
