/*
 * fingerprint.h - sentence fingerprints and the exact-text hash, for
 * finding partial reuse (a paragraph of a wire dispatch inside a longer
 * piece) and identical copies.
 *
 * A sentence's fingerprint is the XXH3 of the sequence of its word and
 * number tokens' folded norms (minhash.h rc_token_hash), so case,
 * punctuation, quotation marks and spacing do not matter but one changed
 * word does. Only sentences of at least RC_FP_MIN_WORDS such tokens are
 * fingerprinted: shorter ones ("Il a démissionné.", "Read more.") recur by
 * chance across unrelated articles.
 *
 * Ownership: rc_sentence_fps() returns a malloc'd array the caller frees.
 */
#ifndef RC_CLUSTER_FINGERPRINT_H
#define RC_CLUSTER_FINGERPRINT_H
#include <stddef.h>
#include <stdint.h>
#include "doc/doc.h"
#include "cluster/minhash.h"

#define RC_FP_MIN_WORDS 6       /* word tokens for a sentence to count */
#define RC_FP_MAX_SENTENCES 2000 /* fingerprints kept per document */

/* The distinct fingerprints of d's sentences of >= RC_FP_MIN_WORDS word
 * tokens, sorted ascending, in a new array stored in *out (NULL when none);
 * returns the count. */
size_t rc_sentence_fps(const rc_doc *d, uint64_t **out);
/* The same from the document's word hashes (minhash.h rc_words_init). */
size_t rc_sentence_fps_of(const rc_words *w, uint64_t **out);

/* Hash of the document's whole word-token sequence (folded norms): equal
 * for the same text under two ids or URLs, whatever the spacing,
 * punctuation or case. 0 when the document has no word tokens. */
uint64_t rc_text_hash(const rc_doc *d);
/* The same from the document's word hashes. */
uint64_t rc_text_hash_of(const rc_words *w);

/* Share of a's fingerprints found in b (sorted distinct arrays): |A n B| /
 * |A|, 0 when a is empty. */
double rc_fp_share(const uint64_t *a, size_t na, const uint64_t *b, size_t nb);

#endif
