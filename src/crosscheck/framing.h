/*
 * framing.h - how each article of a group (an event, a story, or for now
 * the whole run) frames it: the words and phrases that distinguish it from
 * the group's other articles, and what it leaves out that most others
 * include.
 *
 * Distinctive terms: the log-odds ratio with an informative Dirichlet prior
 * ("Fightin' Words", Monroe, Colaresi & Quinn 2008). Terms are n-grams
 * (n = 1..3) of adjacent content tokens of one sentence: words that are not
 * stopwords, numbers, one-letter words, or words of the article's own
 * outlet name and agency credits, nor words of a date or of a quantity's
 * number (extract facts), nor function words and newsroom self-references
 * of a small per-language list ("cette", "alors", "newspaper", "notre
 * journal"). A sentence-initial capital on a common word (no entity
 * mention, no acronym) is shown folded ("relations"). They are counted by their Snowball stems
 * (case folded) and reported by their first surface as written. For a term
 * w of order n, with y_a the article's count, y_o the count in the group's
 * other articles of the same language, N_a and N_o their totals of n-grams,
 * and a prior alpha_w = alpha0 * b_w / B (b_w the term's count in the
 * background, B the background's total of n-grams, alpha0 = min(B, N_a +
 * N_o): the prior weighs as much as the compared text, never more than the
 * background holds):
 *
 *   delta = log((y_a + alpha_w) / (N_a + alpha0 - y_a - alpha_w))
 *         - log((y_o + alpha_w) / (N_o + alpha0 - y_o - alpha_w))
 *   z     = delta / sqrt(1 / (y_a + alpha_w) + 1 / (y_o + alpha_w))
 *
 * An article whose language no other article of the group shares is
 * compared with the rest of the background in its language instead.
 * Candidates: z >= RC_FRAMING_Z_MIN and delta >= RC_FRAMING_DELTA_MIN
 * (the article's smoothed rate at least twice the others'); a phrase
 * (n >= 2) written once, by this article only, is no candidate (its words
 * stand for it). Ranked by z (rounded to 0.01), then count, then mean
 * letters per word (longer first: with no general word-frequency list
 * packaged in Debian, word length stands for rarity in the language, by
 * Zipf's law of abbreviation; it only orders terms of equal evidence),
 * then first position; a term contained in an already kept one with the
 * same count in the article (or containing it) adds nothing and is
 * skipped; the first RC_FRAMING_TOP_K are kept.
 *
 * Omissions: per article, the content words (by stem) and merged entities
 * that at least max(2, ceil(2/3 m)) of the m other articles of the group
 * carry (m >= 2; words: same-language articles only, entities: all) and
 * this article does not; most widely carried first, at most
 * RC_FRAMING_OMIT_MAX.
 *
 * Ownership: rc_framing_background_new / _free, rc_framing_group /
 * rc_framing_build / rc_framing_free. A framing result owns every string
 * it holds (its arena); it refers to documents by index into the
 * analysis's docs. Complexity: O(tokens) to count (hash maps, no pairs of
 * articles), O(T log T) to rank an article's T distinct terms.
 */
#ifndef RC_FRAMING_H
#define RC_FRAMING_H
#include <stddef.h>
#include "pipeline/analysis.h"
#include "util/arena.h"

/* Keep terms whose z-score reaches this. A term used once by one article
 * and by none of the others cannot reach the 1.96 of a two-sided 5% test
 * whatever the prior (about 0.8-0.95 on articles of a few hundred words):
 * one article is little evidence, yet such terms are what a reader of one
 * event's coverage asks for. 0.5 keeps what is clearly more frequent than
 * expected; the delta bound below drops what the others use about as
 * much. */
#define RC_FRAMING_Z_MIN 0.5
/* Minimum log-odds ratio: log 2, the article's rate at least twice the others'. */
#define RC_FRAMING_DELTA_MIN 0.693147
/* Terms kept per article. */
#define RC_FRAMING_TOP_K 20
/* Omissions kept per article. */
#define RC_FRAMING_OMIT_MAX 10

typedef struct rc_framing_background rc_framing_background;

typedef struct rc_framing_score {
    const char *term;        /* first surface in the article, as written */
    const char *key;         /* stems joined by ' ' */
    int words;               /* n-gram order: 1..3 */
    double z;
    size_t count;            /* in the article */
    size_t others_count;     /* in the compared other articles */
    size_t background_count; /* in the background */
    uint32_t start, end;     /* first occurrence in the article's text */
} rc_framing_score;

typedef struct rc_framing_omission {
    const char *term;        /* an entity's name, or a word as another article wrote it */
    int entity;              /* index into the entity table, -1 for a word */
    size_t present;          /* how many of the compared others carry it */
    size_t others;           /* how many others were compared */
} rc_framing_omission;

typedef struct rc_framing_doc {
    size_t doc;              /* index into the analysis's docs */
    rc_framing_score *scores; size_t nscores;        /* best first */
    rc_framing_omission *omissions; size_t nomissions; /* most carried first */
} rc_framing_doc;

typedef struct rc_framing {
    rc_arena *arena;
    rc_framing_doc *docs;    /* one per article of the group, in group order */
    size_t ndocs;
} rc_framing;

/* Count the terms of every document of a (per language) as the background
 * of the prior. Never NULL. O(tokens). */
rc_framing_background *rc_framing_background_new(const rc_analysis *a);
void rc_framing_background_free(rc_framing_background *bg);

/* Framing of the articles docs[group[0..n)] of a against each other and
 * bg (built from a). Never NULL (an empty group gives no rows). */
rc_framing *rc_framing_group(const rc_analysis *a, const rc_framing_background *bg,
                             const size_t *group, size_t n);

/* Framing of several groups (groups[g][0..ns[g]), each scored against
 * its own other articles and bg) in one result, rows in group order. Never
 * NULL. */
rc_framing *rc_framing_build_groups(const rc_analysis *a, const rc_framing_background *bg,
                                    const size_t *const *groups, const size_t *ns,
                                    size_t ngroups);

/* Framing of all of a's documents as one group, with the run as the
 * background. Never NULL. */
rc_framing *rc_framing_build(const rc_analysis *a);

/* Free a result; NULL is a no-op. */
void rc_framing_free(rc_framing *f);

/* The Fightin' Words z-score (above) of ya in na against yo in no, with
 * prior alpha_w = aw out of alpha0 = a0, and in *delta its log-odds ratio
 * delta. NAN (and *delta NAN) when a smoothed rate is not positive. */
double rc_framing_fw_z(double ya, double na, double yo, double no, double aw, double a0,
                       double *delta);

/* 0 when rc_framing_fw_z(ya, na, yo, no, aw, a0) surely gives a delta
 * below RC_FRAMING_DELTA_MIN or NAN: the ratio of the two smoothed rates
 * (exp(delta)) is below 1.99, found with two products instead of two
 * logs; 1 otherwise (then only rc_framing_fw_z can tell). */
int rc_framing_may_reach(double ya, double na, double yo, double no, double aw, double a0);

#endif
