/*
 * wording.h - the same content in other words where the words matter
 * (discrepancy kind "wording"):
 *
 *   adopted words  a quote of one document (4+ content stems) whose words
 *                  (80% of its stems, in one stretch) stand in another
 *                  document of the same language outside any quote and in a
 *                  sentence without attribution: the outlet presents the
 *                  quoted party's words as its own.
 *   agent          two aligned sentences (5+ shared features and 35% of the
 *                  smaller) of two documents of one language, each with the
 *                  same participle followed by the agent preposition ("par",
 *                  "by", "por", "von"/"durch", "da"), whose agent phrases share
 *                  no content stem: "détruites par X" / "détruites par les
 *                  Y". Each side says whether the phrase is quoted (and
 *                  whose words) or the outlet's own.
 *
 * An agent change counts only when one of the two agents names an actor
 * (a name or entity mention, or an actor noun of a per-language list:
 * "occupants", "armée", "police", "rebels"...) and the two sentences state
 * one fact apart from the agents (a shared merged entity or figure, or
 * 80% of the shorter one's other content stems in the other): different
 * fillers of one frame ("marqué par la dette publique" / "par la pêche")
 * are no discrepancy. One entry per participle frame (participle stem and
 * language) listing every agent phrase with its articles and voice.
 * Participles are recognised by per-language endings (a small table), so
 * "deux fois par mois" is no agent.
 * Cost: candidates from the sentence index (capped postings); an adopted
 * words candidate's stretch is computed once per distinct quote (its
 * stems) and sentence, as wire copies repeat one quote in many documents
 * (at most 2^20 answers kept a group).
 */
#ifndef RC_WORDING_H
#define RC_WORDING_H
#include "crosscheck/dgroup.h"
#include "crosscheck/discrepancy.h"

/* Append the wording entries of the group docs[0..n) to out. Returns RC_OK. */
int rc_wording_find(rc_discrepancies *out, rc_dgroup *g, const size_t *docs, size_t n);

#endif
