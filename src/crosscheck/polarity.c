/*
 * polarity.c - stop / resume polarity of a sentence; see polarity.h.
 */
#include "crosscheck/polarity.h"
#include "crosscheck/cuepairs.h"
#include "meta/fold.h"
#include "text/textmodel.h"
#include <stdint.h>
#include <string.h>

/* Folded word prefixes per language; an entry ending in '$' must match the
 * whole word. */
typedef struct cuelist {
    const char *lang;
    int sign;                    /* +1 resume, -1 stop, 0 negation */
    const char *const *words;
} cuelist;

static const cuelist CUES[] = {
    {"fr", +1, (const char *const[]){"reprend", "reprise$", "reprises$", "repris$", "rouvr",
                                      "reouv", "retabli", "relanc", "redemarr", NULL}},
    {"fr", -1, (const char *const[]){"suspend", "suspension", "interromp", "interruption",
                                      "ferme$", "fermee", "fermes$", "fermeture", "fermer",
                                      "gele$", "gelee", "annul", NULL}},
    {"en", +1, (const char *const[]){"resum", "restart", "reopen", "restor", "relaunch",
                                      "reinstat", "reestablish", NULL}},
    {"en", -1, (const char *const[]){"suspend", "suspension", "halt", "interrupt", "closed$",
                                      "closure", "shut", "stopped$", "stops$", "stop$", "cancel",
                                      "frozen$", "freeze", NULL}},
    /* negation: "ne"/"n'" opens, these complete it (French); English alone */
    {"fr", 0, (const char *const[]){"pas$", "plus$", "jamais$", "guere$", "aucun", "nullement$",
                                     NULL}},
    {"en", 0, (const char *const[]){"not$", "never$", "cannot$", NULL}},
};

/* The first two letters of the cue lists and of the other words the loop
 * of rc_polarity_of reads ("ne", "longer"), and each cue list by first
 * letter (ix), built once per thread. */
enum { NCUES = sizeof CUES / sizeof *CUES };
typedef struct starters {
    int ready;
    rc_cuepairs pairs;
    rc_cueindex ix;         /* the lists' words by first letter, tagged c for CUES[c] */
    uint32_t lists[4];      /* per rc_cue_lang code: bit c for each list c it reads */
} starters;

static _Thread_local starters g_starters;

/* See the starters type. */
static const starters *get_starters(void)
{
    starters *st = &g_starters;
    if (!st->ready) {
        memset(st, 0, sizeof *st);
        for (size_t c = 0; c < sizeof CUES / sizeof *CUES; c++) {
            rc_cuepairs_add(&st->pairs, CUES[c].words);
            rc_cueindex_must(rc_cueindex_add_list(&st->ix, CUES[c].words, (unsigned)c),
                             "polarity");
            st->lists[0] |= 1u << c;
            st->lists[rc_cue_lang(CUES[c].lang)] |= 1u << c;
        }
        static const char *const OTHER[] = {"ne", "longer", NULL};
        rc_cuepairs_add(&st->pairs, OTHER);
        st->ready = 1;
    }
    return st;
}

/* 1 when the word w[n] is none of what rc_polarity_of looks for: no cue
 * (rc_cuepairs_miss), not "n", and its key cannot end in "n't": plain
 * ASCII without an apostrophe, or a last byte that is plain ASCII other
 * than t in a word whose key is surely not cut (key_of's 48 bytes; a code
 * point of two bytes or more folds to 16 bytes at most). */
static int skip_word(const rc_cuepairs *p, const char *w, size_t n)
{
    if (!rc_cuepairs_miss(p, w, n))
        return 0;
    if (n == 1)
        return (w[0] | 0x20) != 'n';
    size_t high = 0, i = 0;
    int apos = 0;
    /* (8 bytes at a time: the bytes with the high bit, and whether one
     * is an apostrophe: a zero byte of x ^ '\''*8, found without carries
     * past a zero byte by the classic test) */
    for (; i + 8 <= n; i += 8) {
        uint64_t x, y;
        const uint64_t H = 0x8080808080808080ull, L = 0x0101010101010101ull;
        memcpy(&x, w + i, sizeof x);
        high += (size_t)__builtin_popcountll(x & H);
        y = x ^ (L * '\'');
        apos |= ((y - L) & ~y & H) != 0;
    }
    for (; i < n; i++) {
        high += (unsigned char)w[i] >= 0x80;
        apos |= w[i] == '\'';
    }
    if (!high && !apos)
        return 1;
    unsigned char last = (unsigned char)w[n - 1];
    return last < 0x80 && (last | 0x20) != 't' && last > ' ' && (n - high) + 8 * high + 2 < 48;
}

/* Which list folded word k[kl] is in for the language of code lc
 * (rc_cue_lang): +1, -1, 2 for a negation word, 0 none (the first list in
 * CUES order that holds it). */
static int classify(int lc, const char *k, size_t kl)
{
    const starters *st = get_starters();
    uint32_t hit = rc_cueindex_tags(&st->ix, k, kl) & st->lists[lc];
    if (!hit)
        return 0;
    int c = __builtin_ctz(hit);
    return CUES[c].sign ? CUES[c].sign : 2;
}

/* Folded key of token t of d into key (cap bytes); its length. */
static size_t key_of(const rc_doc *d, const rc_token *t, char *key, size_t cap)
{
    return rc_fold_key(d->text + t->start, t->end - t->start, key, cap);
}

/* 1 when the cue at token t is background: "since"/"depuis" within the
 * next three words, or "in"/"en" followed by a year. */
static int background(const rc_doc *d, size_t t, uint32_t end)
{
    for (size_t u = t + 1; u < d->ntokens && u <= t + 3 && d->tokens[u].start < end; u++) {
        const rc_token *tk = &d->tokens[u];
        if (tk->flags & RC_TOK_PUNCT)
            return 0;
        char key[16];
        size_t kl = key_of(d, tk, key, sizeof key);
        if ((kl == 6 && memcmp(key, "depuis", 6) == 0) || (kl == 5 && memcmp(key, "since", 5) == 0))
            return 1;
        if (((kl == 2 && memcmp(key, "en", 2) == 0) || (kl == 2 && memcmp(key, "in", 2) == 0)) &&
            u + 1 < d->ntokens && (d->tokens[u + 1].flags & RC_TOK_NUM) &&
            d->tokens[u + 1].end - d->tokens[u + 1].start == 4)
            return 1;
    }
    return 0;
}

/* See polarity.h. */
int rc_polarity_of(const rc_doc *d, rc_span sp)
{
    return rc_polarity_of_at(d, sp, rc_textmodel_token_from(d, sp.start));
}

/* See polarity.h. */
int rc_polarity_of_at(const rc_doc *d, rc_span sp, size_t t0)
{
    const char *lang = d->lang && (strcmp(d->lang, "fr") == 0 || strcmp(d->lang, "en") == 0)
                           ? d->lang
                           : NULL;
    int fr = !lang || strcmp(lang, "fr") == 0, en = !lang || strcmp(lang, "en") == 0;
    int lc = rc_cue_lang(lang);
    int plus = 0, minus = 0;        /* counted cues of the whole sentence */
    int cplus = 0, cminus = 0;      /* of the current clause */
    int ne = 0, neg = 0;            /* "ne" seen; negation complete */
    const rc_cuepairs *pairs = &get_starters()->pairs;
    size_t t = t0;
    for (;; t++) {
        int stop = t >= d->ntokens || d->tokens[t].start >= sp.end;
        const rc_token *tk = stop ? NULL : &d->tokens[t];
        char c = tk && (tk->flags & RC_TOK_PUNCT) ? d->text[tk->start] : 0;
        if (stop || c == ',' || c == ';' || c == ':') {
            /* end of a clause: its cues, flipped under a negation */
            if (neg) {
                int x = cplus;
                cplus = cminus;
                cminus = x;
            }
            plus |= cplus;
            minus |= cminus;
            cplus = cminus = ne = neg = 0;
            if (stop)
                break;
            continue;
        }
        if (!(tk->flags & RC_TOK_WORD) ||
            skip_word(pairs, d->text + tk->start, tk->end - tk->start))
            continue;
        char key[48];
        size_t kl = key_of(d, tk, key, sizeof key);
        if (fr) {
            if ((kl == 2 && memcmp(key, "ne", 2) == 0) || (kl == 1 && key[0] == 'n') ||
                (kl >= 2 && key[0] == 'n' && key[1] == '\''))
                ne = 1;
        }
        if (en) {
            if (kl > 3 && memcmp(key + kl - 3, "n't", 3) == 0)
                neg = 1;
            if (kl == 6 && memcmp(key, "longer", 6) == 0 && t > 0) {
                char pk[8];
                size_t pl = key_of(d, &d->tokens[t - 1], pk, sizeof pk);
                if (pl == 2 && memcmp(pk, "no", 2) == 0)
                    neg = 1;
            }
        }
        const char *k = key;
        /* elision: "l'interruption", "d'arrêt" */
        const char *ap = memchr(key, '\'', kl < 3 ? kl : 3);
        if (ap) {
            kl -= (size_t)(ap + 1 - key);
            k = ap + 1;
        }
        int cls = classify(lc, k, kl);
        if (cls == 2) {
            /* French needs "ne" before "pas"; English negates alone */
            if (lang && fr)
                neg |= ne;
            else if (lang)
                neg = 1;
            else
                neg |= ne || classify(2, k, kl) == 2;
        } else if (cls && !background(d, t, sp.end)) {
            if (cls > 0)
                cplus = 1;
            else
                cminus = 1;
        }
    }
    return plus && !minus ? 1 : minus && !plus ? -1 : 0;
}
