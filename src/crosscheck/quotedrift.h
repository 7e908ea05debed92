/*
 * quotedrift.h - one quote worded differently, or given another speaker,
 * by two documents of a group (discrepancy kind "quote_drift").
 *
 * Quotes are aligned across documents of the same language through an
 * inverted index of their content stems. Two quotes are one quote when
 * most of the shorter one's content stems are in the other (at least 3
 * shared and 60%), or, for a short fragment ("l'aide fraternelle"), when
 * half its content stems are shared and the speakers are one entity or the
 * two sentences share two more content stems or entities around the quotes.
 * Their words are then aligned (longest common subsequence of folded
 * words); partial quoting (one is a part of the other) is no drift, and
 * neither are differences in stopwords only. The differing words are
 * reported with one aligned neighbour ("assistance fraternelle" / "l'aide
 * fraternelle"). A strongly aligned quote (3+ shared stems, 80%) whose
 * speakers are two different persons, or which loses a person speaker in a
 * sentence with no attribution, is reported too.
 *
 * One entry per pair of wordings: further documents with the same wordings
 * join it. Cost: identical quotes (same words, stems, language, speaker,
 * fragment flag, attribution and sentence features: wire copies) are one
 * twin set, compared once through its first quote, and all its quotes go
 * to the entries it joins, so the pairs visited grow with the distinct
 * wordings, not the copies; twin sets whose quotes hold the same stems in
 * one language (a wordset: one quote in sentences worded apart) take
 * their candidates from the wordset's partner wordsets, found once per
 * wordset through posting lists of wordsets (the shared-stem, language
 * and threshold tests depend on the stems alone); postings (counted in
 * twin sets) capped; word
 * alignment capped at 120 words and memoised per pair of wordings (and
 * per item by the other quote's words); the (twin set, entry) pairs joined
 * are kept in per-entry bit sets of at most 4 MB a group, then a hash set.
 * No shared state: groups can run on several threads.
 */
#ifndef RC_QUOTEDRIFT_H
#define RC_QUOTEDRIFT_H
#include "crosscheck/dgroup.h"
#include "crosscheck/discrepancy.h"

/* Append the quote_drift entries of the group docs[0..n) to out. Returns
 * RC_OK. */
int rc_quotedrift_find(rc_discrepancies *out, rc_dgroup *g, const size_t *docs, size_t n);

#endif
