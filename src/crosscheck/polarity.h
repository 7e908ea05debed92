/*
 * polarity.h - which way a sentence says a state goes: something resumes,
 * reopens, is restored (+1), or is suspended, halted, closed (-1).
 *
 * Two sentences about one ferry, one saying it "remains suspended for now"
 * and the other that it "devrait reprendre", share names, a date and
 * words, yet state opposite things: claim alignment (align.h) must not
 * join them. The polarity of a sentence is read from per-language cue
 * lists (folded word prefixes, French and English, a general vocabulary
 * of stopping and resuming):
 *   - a cue counts +1 (resume, reopen, restart, reprise, rétablir...) or -1
 *     (suspend, halt, interrupt, close, suspension, interrompre...);
 *   - a cue followed within three words by "since"/"depuis", or by
 *     "in"/"en" and a year, is background ("suspended since 2019",
 *     "interrompue en 2019"): not counted;
 *   - a negation in the same clause (between , ; : boundaries) flips the
 *     cues of that clause: "ne ... pas/plus/jamais", "not", "never",
 *     "no longer", "-n't";
 * and the sentence is +1 when its counted cues are all positive, -1 when
 * all negative, else 0 (none, or both ways).
 *
 * No allocation; O(tokens of the span).
 */
#ifndef RC_POLARITY_H
#define RC_POLARITY_H
#include "doc/doc.h"

/* Polarity (-1, 0, +1) of the tokens of d inside sp; d->lang picks the cue
 * list ("fr", "en"; others: both). */
int rc_polarity_of(const rc_doc *d, rc_span sp);

/* rc_polarity_of(d, sp) when t0 is already known to be
 * rc_textmodel_token_from(d, sp.start) (no search). */
int rc_polarity_of_at(const rc_doc *d, rc_span sp, size_t t0);

/* 1 when two polarities contradict (one +1, the other -1); inline: the
 * candidate loop of align.c tests every pair. */
static inline int rc_polarity_clash(int a, int b)
{
    return (a > 0 && b < 0) || (a < 0 && b > 0);
}

#endif
