/*
 * valuediff.h - numbers and dates that the documents of a group give
 * differently for the same thing (discrepancy kinds "number", "date") and
 * totals that reconcile with parts given elsewhere ("number_consistent").
 *
 * Numbers: a quantity is compared only with quantities of the same class
 * (the same normalised unit; durations converted to days; otherwise the
 * stem of the counted noun's head word) in other documents. Each becomes an
 * interval from its qualifier (exact; "environ" +-15%; "plus de" [v, inf);
 * "moins de" [0, v]), and two quantities conflict only when their intervals
 * cannot meet. "Same thing" is scored from the context: the same nearest
 * ordinal in the sentence ("la troisième ... en quatre mois"), the same
 * governing word just before the number ("durer"), content stems around
 * the number, entities and stems shared by the two sentences. Vetoes:
 * different nearest ordinals, different day dates in the two sentences,
 * persons named in both sentences but none shared. A pair is kept only
 * when each side is the other's best match in its document (so a document
 * that also gives the same value in a like context is no conflict).
 * Further vetoes: the two figures' periods differ (the date nearest each
 * number in its clause, no other number or clause end between: "4,3 % en
 * février, contre 4,1 % en janvier"; compared at the coarser precision);
 * both name measures (a word list: "taux", "inflation", "rate", "wages"...)
 * and share none; one rises and the other falls; the documents belong to
 * two events of the story (a->events) and the sentences do not both name
 * a period. Time words ("mois", "last", "year") are no context.
 * Consistent mutual matches make clusters; clusters joined by conflicts
 * make ONE entry listing every cluster as a variant: its value, number of
 * articles and outlets ("48 personnes" (161 articles: A, B... and 157
 * more) vs "51 personnes" (2 articles...)); evidence is taken in turns
 * from each variant up to the list's cap of 16, every document is listed.
 * Identical sentences (same text, position, event and language: copies)
 * are one twin set compared once, and documents holding the same twin
 * sets are one block: T twin sets and B distinct blocks cost O(T * B)
 * visits (T capped at 1000 per class). A block of another event is
 * skipped whole for a twin set without a period, and so is a block whose
 * members' signatures, OR'd (local stems, day dates, ordinals), prove
 * every pair with the twin set below "same thing"; only pairs that the
 * cheap vetoes (ordinals, directions, events) leave are scored, into a
 * T x T table written only where a pair is scored (a bit set of T^2 bits
 * says which); the picks are kept as a sparse list.
 *
 * Totals: an approximate (or exact) total equal to the sum of two
 * quantities given together in one sentence of a document of the group,
 * in a sentence sharing context with the total's, is reported as
 * consistent, and never as a conflict with its parts.
 *
 * Dates: day-precise absolute dates in two aligned sentences (most stems
 * shared) of two documents, each sentence holding one such date, with
 * different values, when neither document mentions the other's date. A
 * sentence asks the group index for its similar sentences only when an
 * index of the one-date sentences shows a later one making such a pair.
 *
 * Cost: items are paired within their class (capped at 1000 per class) and
 * dates through the sentence index; no all-pairs over the group.
 */
#ifndef RC_VALUEDIFF_H
#define RC_VALUEDIFF_H
#include "crosscheck/dgroup.h"
#include "crosscheck/discrepancy.h"

/* Append the number, number_consistent and date entries of the group
 * docs[0..n) (indexed in g) to out. Returns RC_OK. */
int rc_valuediff_find(rc_discrepancies *out, rc_dgroup *g, const size_t *docs, size_t n);

#endif
