/*
 * align.h - line up what several documents say: sentences (and, inside a
 * sentence, one clause per stated amount) grouped across documents into
 * claim groups.
 *
 * Units. Every sentence of the group's documents is a unit; a sentence that
 * states amounts (a non-ordinal quantity of 10 or more, or with a unit or a
 * percentage) gives one unit per amount instead, anchored on it, so "1,000
 * sappers and 5,000 builders" is two claims. A unit's features are the
 * stems of its content words (not stopwords, not inside a name or a number),
 * the merged entity ids of its mentions (so "Choïgou" = "Shoigu"), its dates
 * by ISO value and its anchor amount by value and unit.
 *
 * Languages. Two units of documents in different languages are compared
 * on language-independent features only: merged entity ids, dates, the
 * anchor amount, every amount of the sentence by value, and cognates (the
 * first 6 letters, accent-free, of a non-stopword of 6 letters or more:
 * "hydrauliciens" ~ "hydraulic"). Such an edge needs cosine >= 0.30 and at
 * least three shared pieces of evidence of two kinds (the anchor counted
 * once), so one name and one number ("1,000 engineers" / "1,000 tonnes")
 * never join. No machine translation.
 *
 * Clauses. A sentence is cut into clauses (at most 6) at ";" and ":" and
 * before "tandis que", "while", "whereas", or a relative pronoun or
 * conjunction after a comma ("qui", "mais", "which", "and"...), each of 3
 * features or more. Within one language the similarity of two units is the
 * best of the whole sentences' cosine and of one clause of either against
 * the other whole sentence (3 shared features at least), so a long
 * sentence supports a claim through one clause.
 *
 * Weights. A feature weighs ln(1 + S / df) (S sentences, df sentences that
 * hold it) times a kind factor (amounts 2, dates 1.5, names and words 1);
 * two units' similarity is the cosine of their weighted binary vectors.
 *
 * Candidates come from an inverted index over the features that are rare
 * (held by at most ALIGN_POSTINGS_CAP sentences), never from all pairs:
 * each unit meets at most ALIGN_CAND_CAP (24) other units, those with the
 * most rare-feature weight in common, and a pair that each has among its
 * candidates is scored once. An edge joins two
 * units of different documents when their similarity passes a threshold
 * and they share at least two features; two units anchored on different
 * amounts never join (a recorded conflict instead, when the rest of the
 * sentences agree, the counted nouns share a word and the values are
 * incompatible). Groups are formed by average linkage: edges in decreasing
 * order, two groups merge when the mean similarity of their members passes
 * a second threshold (members sampled: the first 16 of each side), so one
 * shared place name cannot chain unrelated sentences together; a test
 * that failed is not redone while the samples are unchanged, and a test
 * not decided by its first 8 pairs (one language) first tries an upper
 * bound of the whole sum (one dot product of the two samples' summed
 * vectors; exact answer: the bound holds pair by pair).
 *
 * Classes. Units with the same features (language, lists, clauses: the
 * template sentences of a story, wire copies) form a class. A class of
 * several walks the index once for all its units (each unit's candidates
 * are then the class's, its own document's left out: the same scores,
 * the same cut), and a unit's candidates of one class are scored once;
 * a unit of a class of several reuses what the earlier units of its class
 * got against a class (up to 24 per class).
 *
 * Ownership: rc_align_new() returns a result owning every array in it;
 * rc_align_free() releases it. The documents and facts are borrowed for
 * the call only. Deterministic for the same input order.
 *
 * Complexity: O(T) features for T tokens, O(U * F * P) candidate scoring
 * (F features per unit, P postings cap), O(E log E) for E edges.
 */
#ifndef RC_ALIGN_H
#define RC_ALIGN_H
#include <stddef.h>
#include <stdint.h>
#include "doc/doc.h"
#include "extract/facts.h"
#include "crosscheck/origin.h"

typedef struct rc_align_unit {
    size_t doc;          /* index into the analysis documents */
    size_t sentence;     /* index into that document's sentences */
    int quantity;        /* anchor: index into the document's quantities, -1 */
    int salient;         /* worth reporting alone: an amount, a date, or two
                            named entities, or a name opening the sentence */
    size_t group;        /* claim group (index into rc_align.groups) */
    rc_origin_words words; /* its sentence's words for rc_origin_of_words */
} rc_align_unit;

typedef struct rc_align_group {
    size_t *units;       /* indices into rc_align.units, in input order */
    size_t nunits;
    size_t ndocs;        /* distinct documents among the units */
    int conflict;        /* -1, or another group whose amount conflicts */
} rc_align_group;

typedef struct rc_align {
    rc_align_unit *units;
    size_t nunits;
    rc_align_group *groups; /* groups in order of their first unit */
    size_t ngroups;
} rc_align;

/* Align the sentences of docs[group[0..n)] (facts parallel to docs; the
 * entity ids of their mentions merged). Returns a new result; never NULL. */
rc_align *rc_align_new(rc_doc *const *docs, rc_facts *const *facts,
                       const size_t *group, size_t n);

/* Free the result. NULL is a no-op. */
void rc_align_free(rc_align *al);

/* The cognate features (see Languages above) of the words of d inside
 * sp, sorted and unique, into out[0..cap); returns how many. */
size_t rc_align_cognates(const rc_doc *d, rc_span sp, uint64_t *out, size_t cap);

/* "%.6g|%d" of (value, percent) and, when unit is not NULL, "%.6g|%s|%d|%c"
 * of (value, unit, percent, bound) into b (cap bytes), the same bytes and
 * count as snprintf (the amount features' text); without snprintf for the
 * usual values (whole ones under 10^6, decimals of up to 6 digits). */
int rc_align_amount_text(char *b, size_t cap, double value, int percent, const char *unit,
                         char bound);

/* The items (quantities, dates...) starting in each sentence s < ns of d,
 * when the sentences are in text order (none ends past the next one's
 * start, none ends before it starts): idx[at[s]..at[s + 1]) the k < n, in
 * increasing order, whose start (the uint32_t at items + k * stride)
 * lies in [start, end) of sentence s: the same items in the same order
 * as testing every k against sentence s. at has ns + 1 entries, idx and
 * tmp (scratch) n. Returns 1, or 0 (nothing written) when the sentences
 * are out of order. O(ns + n log ns). */
int rc_align_sentence_items(const rc_doc *d, size_t ns, const void *items, size_t n,
                            size_t stride, uint32_t *at, uint32_t *idx, uint32_t *tmp);

/* Free the scratch memory rc_align_new keeps for the calling thread's
 * next call (arrays that die with each call, kept to reuse their pages).
 * A thread that aligned calls it before it ends (as rc_stem_cleanup);
 * harmless when it did not. */
void rc_align_thread_cleanup(void);

#endif
