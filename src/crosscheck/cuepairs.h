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

/* The entries of cue lists by first byte, so that a folded word is
 * compared only with the entries starting with its first letter (the
 * lists are scanned for every word that passes rc_cuepairs_miss), and
 * several lists in one scan: each entry carries a tag (its list, < 32).
 * Entries are folded words or prefixes, an optional final '$' marking a
 * whole word; at most RC_CUEINDEX_CAP of them. A plain value (no
 * allocation; the entries' strings are borrowed: static lists). */
enum { RC_CUEINDEX_CAP = 64 };

typedef struct rc_cueword {
    const char *w;           /* the entry (borrowed), its '$' not counted in n */
    unsigned char n, whole;  /* length to compare; 1: the whole word */
    unsigned char tag;       /* its list */
} rc_cueword;

typedef struct rc_cueindex {
    unsigned char at[28];    /* entries of first byte 'a' + c: e[at[c]..at[c + 1]);
                                c = 26: any other first byte (or empty) */
    rc_cueword e[RC_CUEINDEX_CAP];
} rc_cueindex;

/* Add to x (zeroed, or filled before) the entry w[0..n) of list tag
 * (< 32), a prefix or (whole) a whole word; w is borrowed. RC_OK, or
 * RC_TOOBIG (x unchanged) when x is full, n > 255 or tag >= 32. */
int rc_cueindex_add(rc_cueindex *x, const char *w, size_t n, int whole, unsigned tag);

/* Add the entries of the NULL-ended list words (a final '$': a whole
 * word) with tag, in that order within each first byte. RC_OK, or
 * RC_TOOBIG when they do not all fit (those that fit are added). */
int rc_cueindex_add_list(rc_cueindex *x, const char *const *words, unsigned tag);

/* The tags (bit t for tag t) of the entries of x that the folded word
 * k[kl] matches: it starts with the entry, or equals it for a whole-word
 * entry; an empty word matches nothing. The same answer as testing every
 * entry of every list in turn. */
static inline uint32_t rc_cueindex_tags(const rc_cueindex *x, const char *k, size_t kl)
{
    if (!kl)
        return 0;
    unsigned c = (unsigned char)k[0] - 'a';
    if (c >= 26)
        c = 26;
    uint32_t got = 0;
    for (unsigned i = x->at[c], end = x->at[c + 1]; i < end; i++) {
        const rc_cueword *p = &x->e[i];
        if (p->whole ? kl != p->n : kl < p->n)
            continue;
        if (!p->n) {
            got |= (uint32_t)(p->w[0] == k[0] && !p->whole) << p->tag;
            continue;
        }
        size_t m = 0;
        while (m < p->n && k[m] == p->w[m])
            m++;
        got |= (uint32_t)(m == p->n) << p->tag;
    }
    return got;
}

/* Stop the program, naming the lists, when rc (from rc_cueindex_add or
 * _add_list on fixed lists) is not RC_OK: the lists must stay under
 * RC_CUEINDEX_CAP entries, a programming error any test catches. */
void rc_cueindex_must(int rc, const char *lists);

/* The code of a language for cue lists kept per language (a mask of
 * lists per code): 0 NULL (every list), 1 "fr", 2 "en", 3 any other (no
 * list). */
static inline int rc_cue_lang(const char *lang)
{
    if (!lang)
        return 0;
    if (lang[0] == 'f' && lang[1] == 'r' && lang[2] == 0)
        return 1;
    if (lang[0] == 'e' && lang[1] == 'n' && lang[2] == 0)
        return 2;
    return 3;
}

/* 1 when k[kl] matches an entry of x (rc_cueindex_tags != 0). */
static inline int rc_cueindex_match(const rc_cueindex *x, const char *k, size_t kl)
{
    return rc_cueindex_tags(x, k, kl) != 0;
}

#endif
