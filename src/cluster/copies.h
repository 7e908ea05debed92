/*
 * copies.h - the copies stage: exact and near-duplicate copies between
 * documents (a wire dispatch run by ten outlets, the same page under two
 * URLs, a paragraph of a dispatch inside a longer piece), with the share
 * of each document's sentences reused and the direction of the copy when
 * it can be told.
 *
 * Method (cluster/minhash.h, cluster/fingerprint.h): each document gets
 * its shingle set (4-word shingles), a 64-value MinHash signature cut into
 * 16 bands of 4 rows, its sentence fingerprints (sentences of >= 6 words)
 * and its whole-text hash. An incremental index (rc_dedup) maps band keys,
 * sentence fingerprints and text hashes to the documents still in its time
 * window. A new document's candidates are the documents sharing a band key
 * (likely Jaccard >= 0.5), a sentence or the text hash; the strongest
 * RC_DEDUP_MAX_CAND of them (most shared keys first) are verified exactly.
 * A candidate is a copy when
 *   - the texts are identical (same word sequence): share 1, jaccard 1; or
 *   - the exact Jaccard of the shingle sets is >= RC_COPY_JACCARD (0.5:
 *     the LSH midpoint; unrelated news on one topic stays under 0.1, a
 *     dispatch lightly edited by an outlet stays above 0.6); or
 *   - they share >= RC_COPY_MIN_SENTENCES (2) fingerprinted sentences: one
 *     shared sentence is often the same quoted statement reported by two
 *     independent outlets, two or more is reuse of text.
 * share(i) is the part of i's fingerprinted sentences found in the other
 * (for a document without any, the part of its shingles found there).
 *
 * Direction, from document i's side: "copied_from" X (i reuses X's text)
 * or "copied_by" X, with its basis:
 *   - credit: i credits agency A (doc->credits) and X is A's own dispatch
 *     (X's outlet is A, or X has no outlet and credits A alone) while i is
 *     not; explicit, so it is tried first;
 *   - published: both publication dates are known to the day and differ;
 *     the earlier one is the source;
 *   - else unknown.
 *
 * Bounds: every index key lists at most RC_DEDUP_BUCKET documents (later
 * ones are not listed under that key), at most RC_DEDUP_MAX_CAND
 * candidates are verified per document, and rc_copies keeps for each
 * document its RC_COPIES_PER_DOC strongest copies and counts the others:
 * n identical copies cost O(n) time and output, not O(n^2).
 *
 * Memory: the index holds, per document in its window, its shingle and
 * fingerprint arrays and its keys (about 1-2 KB for a 100-word article).
 * The window is counted in publication days: entries whose day is more
 * than window_days before the index clock are evicted. The clock is the
 * latest publication day seen, advancing at most one day per added
 * document, so one article dated far in the future cannot flush the
 * window; undated documents take the clock's day. max_entries is a hard
 * cap on entries (the oldest added go first).
 *
 * Ownership: rc_dedup_new() / rc_dedup_free(); rc_copies_build() /
 * rc_copies_free(). Neither keeps pointers to the documents.
 */
#ifndef RC_CLUSTER_COPIES_H
#define RC_CLUSTER_COPIES_H
#include <stddef.h>
#include <stdint.h>
#include "doc/doc.h"
#include "util/buf.h"

#define RC_COPY_JACCARD 0.5
#define RC_COPY_MIN_SENTENCES 2
#define RC_DEDUP_BUCKET 32
#define RC_DEDUP_MAX_CAND 64
#define RC_COPIES_PER_DOC 16
#define RC_DEDUP_WINDOW_DAYS 7

typedef enum rc_copy_dir {
    RC_COPY_UNKNOWN = 0,
    RC_COPY_FROM = 1,   /* this document reuses the other's text */
    RC_COPY_BY = 2      /* the other document reuses this one's text */
} rc_copy_dir;

typedef enum rc_copy_basis {
    RC_BASIS_NONE = 0,
    RC_BASIS_PUBLISHED = 1,
    RC_BASIS_CREDIT = 2
} rc_copy_basis;

/* One copy relation seen from one document. */
typedef struct rc_copy {
    size_t doc;          /* the other document (index, or rc_dedup serial) */
    float share;         /* share of this document's sentences found there, 0..1 */
    float jaccard;       /* exact Jaccard of the shingle sets, 0..1 */
    uint8_t direction;   /* rc_copy_dir */
    uint8_t basis;       /* rc_copy_basis */
} rc_copy;

/* A match reported by rc_dedup_add: the new document against an earlier
 * one. */
typedef struct rc_dedup_match {
    size_t serial;       /* the earlier document's serial (its add order) */
    float share_new;     /* share of the new document's sentences reused */
    float share_old;     /* share of the earlier document's sentences reused */
    float jaccard;
    uint8_t direction;   /* from the new document's side */
    uint8_t basis;
} rc_dedup_match;

typedef struct rc_dedup rc_dedup;

/* A new empty index keeping documents window_days publication days (0:
 * no time eviction) and at most max_entries documents (0: no cap). */
rc_dedup *rc_dedup_new(int window_days, size_t max_entries);
/* Free the index. NULL is a no-op. */
void rc_dedup_free(rc_dedup *x);

/* Compare d with the documents in the window, then add it (its serial is
 * the number of documents added before it) and evict what left the
 * window. Stores in *out the matches (owned by the index, valid until the
 * next call; strongest first) and returns their count. d needs tokens
 * (rc_textmodel_build); documents with fewer than 4 word tokens match
 * nothing and are not indexed. */
size_t rc_dedup_add(rc_dedup *x, const rc_doc *d, const rc_dedup_match **out);

/* From now on (until called again with NULL), each rc_dedup_add writes
 * the added document's copy keys into *out (reset first): a record of its
 * text hash, band keys and sentence fingerprints ("RCCK", version 1,
 * about 150 bytes + 8 per fingerprinted sentence), or that it has too few
 * words to be indexed. Ingest stores it with the document's place so that
 * rc_copies_build_stored need not hash and shingle the document again. */
void rc_dedup_record_keys(rc_dedup *x, rc_buf *out);

/* Documents currently held in the window. */
size_t rc_dedup_size(const rc_dedup *x);

struct rc_copies;

/* Copies among docs[0..n) (input order; tokens needed). Never NULL. */
struct rc_copies *rc_copies_build(rc_doc *const *docs, size_t n);
/* rc_copies_build, reading document i's keys from the record keys[i]
 * (nkeys[i] bytes, rc_dedup_record_keys) when use[i] is non-zero and the
 * record is well-formed; else they are computed as rc_copies_build does.
 * A record must have been made from the same tokens (the caller's
 * business: use[i] says so); the result is then rc_copies_build's. Its
 * shingles are made only when the document is verified against a
 * candidate (most are not). keys, nkeys and use may be NULL (none); the
 * documents must outlive the call. */
struct rc_copies *rc_copies_build_stored(rc_doc *const *docs, size_t n,
                                         const unsigned char *const *keys, const size_t *nkeys,
                                         const unsigned char *use);
/* Free the result. NULL is a no-op. */
void rc_copies_free(struct rc_copies *c);

/* The copies of document i (strongest first: share, then Jaccard, then
 * index) in *out and their count; *more (may be NULL) receives how many
 * further copies were found but not kept. */
size_t rc_copies_of(const struct rc_copies *c, size_t i, const rc_copy **out, size_t *more);

/* "copied_from", "copied_by" or "unknown". */
const char *rc_copy_dir_name(int dir);
/* The document whose text document i mostly reproduces: among i's copies
 * with share >= min_share (that much of i's sentences found there) and
 * not copied from i, the strongest (then the earliest). SIZE_MAX when
 * none. */
size_t rc_copies_source(const struct rc_copies *c, size_t i, float min_share);
/* "published", "credit", or NULL for none. */
const char *rc_copy_basis_name(int basis);

#endif
