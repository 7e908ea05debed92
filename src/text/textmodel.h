/*
 * textmodel.h - sentences and tokens of a cleaned document.
 *
 * Sentence boundaries know French and English abbreviations ("M.", "MM.",
 * "Mme", "Dr", "St.", "etc.", "Mr."), initials ("S. Choïgou"), numbers with
 * separators ("1.000", "17/06/2025", "3.5"), and treat a line break between
 * paragraphs as a boundary. Tokens carry byte offsets into doc->text, a
 * case-folded form, a Snowball stem and flags (see doc.h).
 */
#ifndef RC_TEXTMODEL_H
#define RC_TEXTMODEL_H
#include "doc/doc.h"

/* Split text[n] into sentences; returns the count and stores an arena array
 * of spans (trimmed of surrounding spaces) in *out. */
size_t rc_sentences(rc_arena *a, const char *text, size_t n, rc_span **out);

/* Fill d->sentences and d->tokens from d->text using d->lang (may be NULL:
 * no stems or stopwords). Replaces any earlier model. */
void rc_textmodel_build(rc_doc *d);

/* Fill d->sentences only (the same spans as rc_textmodel_build) and leave
 * d->tokens empty: for callers that store a document and drop it, since the
 * store keeps sentences but not tokens (rc_store_get readers rebuild the
 * model). Replaces any earlier model. */
void rc_textmodel_sentences(rc_doc *d);

/* Fill d->tokens (and d->tokkeys) from d->text and d->lang over the
 * sentences d already has, leaving d->sentences as they are: for a
 * document whose sentences are known to be rc_sentences' spans of its
 * text (the store keeps them; extract/factscodec.h's doc key tells when
 * they are this program's), so they are not split again. The tokens are
 * then those rc_textmodel_build makes. Replaces any earlier tokens. */
void rc_textmodel_tokens(rc_doc *d);

/* Index of the first token of d starting at or after byte pos
 * (d->ntokens when none): binary search over d->tokens. */
size_t rc_textmodel_token_from(const rc_doc *d, uint32_t pos);

/* rc_textmodel_token_from(d, pos), searched outwards from token hint
 * (clamped to d->ntokens): the same answer in O(log distance) probes near
 * hint instead of a binary search's far-apart ones, for callers whose
 * positions come mostly in text order (the previous answer is a near
 * hint). */
size_t rc_textmodel_token_from_near(const rc_doc *d, size_t hint, uint32_t pos);

#endif
