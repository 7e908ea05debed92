/*
 * dgroup.h - the sentences of one group of documents as feature sets, with
 * an inverted index, for the discrepancy finders (crosscheck/discrepancy.h).
 *
 * A sentence's features are hashed: the stem of every content word (a word
 * that is not a stopword), the merged entity id of every mention, and the
 * value of every quantity that is not an ordinal ("1 000" = "1.000" =
 * "mille"). rc_dgroup_similar finds, for one sentence, the sentences of
 * the other documents that share features, through posting lists; a
 * feature held by more than RC_DGROUP_MAX_POSTINGS sentences is too common
 * to propose candidates (it still counts in rc_dgroup_shared).
 *
 * Ownership: rc_dgroup_init / rc_dgroup_cleanup; the group borrows the
 * analysis and owns its lookup memo. Memory and time O(F) (expected: the
 * index hashes) for F features in the group; the memo holds at most
 * RC_DGROUP_MEMO_MAX matches. Not thread-safe itself (lookups write its
 * accumulators and memo): one group per thread, no shared state.
 */
#ifndef RC_DGROUP_H
#define RC_DGROUP_H
#include <stddef.h>
#include <stdint.h>
#include "pipeline/analysis.h"

#define RC_DGROUP_MAX_POSTINGS 2048
#define RC_DGROUP_MEMO_SLACK 64
#define RC_DGROUP_MEMO_MAX (1u << 20)

typedef struct rc_dsent {
    size_t doc;              /* index into a->docs */
    uint32_t sent;           /* index into that document's sentences */
    uint32_t tok0, tok1;     /* its tokens [tok0, tok1) */
    size_t feat0, nfeat;     /* its features: g->feats[feat0 .. +nfeat), sorted, unique */
} rc_dsent;

typedef struct rc_dmatch {
    size_t sent;             /* index into g->sents */
    uint32_t shared;         /* features shared (over the capped postings) */
} rc_dmatch;

typedef struct rc_dgroup {
    const rc_analysis *a;
    rc_dsent *sents;
    size_t nsents;
    size_t *first;           /* per a->docs index: first sentence in sents, or SIZE_MAX */
    size_t *count;           /* per a->docs index: its number of sentences */
    size_t *tbase;           /* per a->docs index: its first token in tfeat */
    uint64_t *tfeat;         /* per token of the group's documents: the stem
                              * feature of a content token (0 otherwise) */
    size_t ntok;             /* tokens of the group's documents (tfeat's length) */
    uint64_t *feats;
    size_t nfeats;
    /* inverted index: the distinct features in order of first
     * occurrence, keys[k]'s sentences postings[off[k] .. off[k+1]) in
     * increasing order; kslot[0..kmask] an open-addressing table of key
     * numbers + 1 (0 empty) by feature */
    uint64_t *keys;
    size_t nkeys;
    uint32_t *kslot;
    size_t kmask;
    size_t *off;
    size_t *postings;
    uint32_t *acc;           /* accumulator per sentence for rc_dgroup_similar */
    size_t *touched;
    /* lookup memo (rc_dgroup_lookup): identical queries (copies of one
     * sentence or quote) computed once; an open-addressing table of
     * queries, their features and their results kept in flat arrays */
    struct rc_dlmemo *memo;
    size_t memocap, nmemo;
    uint64_t *memofeats;
    size_t nmemofeats, memofeatscap;
    rc_dmatch *memores;
    size_t nmemores, memorescap;
} rc_dgroup;

/* Build the features and index of a->docs[docs[0..n)]. Returns RC_OK. */
int rc_dgroup_init(rc_dgroup *g, const rc_analysis *a, const size_t *docs, size_t n);

/* Release what rc_dgroup_init made. */
void rc_dgroup_cleanup(rc_dgroup *g);

/* 1 when token t is a content word (letters, not a stopword, at least
 * two bytes). Inline: every finder asks it per token. */
static inline int rc_dgroup_content(const rc_token *t)
{
    return (t->flags & RC_TOK_WORD) && !(t->flags & RC_TOK_STOP) && t->stem &&
           t->end - t->start >= 2;
}

/* The feature of a stem / an entity id / a quantity value. */
uint64_t rc_dgroup_stem_feat(const char *stem);
uint64_t rc_dgroup_entity_feat(int entity);
uint64_t rc_dgroup_value_feat(double value);

/* Index into g->sents of the sentence of document doc (an a->docs index)
 * holding byte offset off, or SIZE_MAX. */
size_t rc_dgroup_sentence_at(const rc_dgroup *g, size_t doc, uint32_t off);

/* Index of the first token of d whose end is after off (d->ntokens if none). */
size_t rc_dgroup_token_at(const rc_doc *d, uint32_t off);

/* rc_dgroup_token_at(d, off), searched within tokens [lo, hi] when the
 * answer lies there (checked: the token before lo ends at or before off,
 * the token hi after it), else over the whole document. */
size_t rc_dgroup_token_in(const rc_doc *d, uint32_t off, size_t lo, size_t hi);

/* The number of g's sentences holding feature f (its posting list's
 * length; 0 when none does). A feature of more than
 * RC_DGROUP_MAX_POSTINGS proposes no candidates. */
size_t rc_dgroup_postings(const rc_dgroup *g, uint64_t f);

/* Features shared by sentences s1 and s2 (indices into g->sents). */
size_t rc_dgroup_shared(const rc_dgroup *g, size_t s1, size_t s2);

/* The sentences of other documents sharing at least min_shared indexed
 * features with sentence s, in increasing index order, into out[0..cap);
 * returns how many were written. */
size_t rc_dgroup_similar(rc_dgroup *g, size_t s, uint32_t min_shared,
                         rc_dmatch *out, size_t cap);

/* The sentences of documents other than exclude_doc sharing at least
 * min_shared indexed features with feats[0..nfeats) (sorted, unique), in
 * increasing index order, into out[0..cap); returns how many were written.
 * The first query of a feature set keeps its matches in every document
 * (up to cap + RC_DGROUP_MEMO_SLACK of them, RC_DGROUP_MEMO_MAX in all per
 * group); the same query again (a copy) filters them, and scans the
 * postings only when the kept list, cut short, gave fewer than cap. */
size_t rc_dgroup_lookup(rc_dgroup *g, const uint64_t *feats, size_t nfeats,
                        size_t exclude_doc, uint32_t min_shared, rc_dmatch *out, size_t cap);

/* Sort v[0..n) increasingly; every value is below bound. An insertion
 * sort up to 32 values, a radix sort (bytes of bound - 1, least
 * significant first) beyond: the same order either way. */
void rc_dgroup_sort_index(size_t *v, size_t n, size_t bound);

/* The positions 0..n-1 of v in increasing order of value, equal values in
 * increasing position (a stable sort), into perm[0..n): an insertion sort
 * up to 32; below 2,048 the distinct values found through a hash table,
 * sorted, and the positions placed by counting (O(n + D log D) for D
 * distinct values); else an LSD radix sort of (value, position) pairs on
 * the top 33 bits, 11 a pass (passes where every value has the same digit
 * skipped), then the runs of equal top bits whose values differ (rare for
 * hashes) sorted by (value, position): O(n) for hashes. */
void rc_dgroup_stable_order(const uint64_t *v, size_t n, size_t *perm);

/* The stem feature of content token t (rc_dgroup_content) of document
 * doc, one of g's: rc_dgroup_stem_feat of its stem, computed once by
 * rc_dgroup_init. */
static inline uint64_t rc_dgroup_tok_feat(const rc_dgroup *g, size_t doc, size_t t)
{
    return g->tfeat[g->tbase[doc] + t];
}

/* rc_dgroup_span_feats of document doc, one of g's, through the stem
 * features kept by rc_dgroup_init. */
size_t rc_dgroup_span_feats_in(const rc_dgroup *g, size_t doc, uint32_t start, uint32_t end,
                               uint64_t *out, size_t cap);

/* rc_dgroup_span_feats_in where t0 is rc_dgroup_token_at(the document,
 * start), already known to the caller. */
size_t rc_dgroup_span_feats_from(const rc_dgroup *g, size_t doc, size_t t0, uint32_t start,
                                 uint32_t end, uint64_t *out, size_t cap);

/* The content-stem features of the tokens of d inside [start, end), sorted
 * and unique, into out[0..cap); returns how many. */
size_t rc_dgroup_span_feats(const rc_doc *d, uint32_t start, uint32_t end,
                            uint64_t *out, size_t cap);

/* Index of the quote of document doc whose words contain [start, end), or
 * -1. */
long rc_dgroup_quote_at(const rc_dgroup *g, size_t doc, uint32_t start, uint32_t end);

#endif
