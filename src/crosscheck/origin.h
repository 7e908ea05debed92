/*
 * origin.h - what an article attributes one of its sentences to, and how
 * it holds it (its stance).
 *
 * The origin of a sentence, first that applies:
 *   1. a quote overlapping the sentence (covering the clause's amount when
 *      there is one) with a speaker: the speaker (its merged entity's name);
 *      the relays named with the quote ("selon TASS") are intermediaries;
 *   2. a citation inside the sentence ("selon X", "a rapporté KCNA", "X a
 *      déclaré"): the first cited source that is not a news agency or a
 *      relay noun ("les agences russes"); agencies are intermediaries, and
 *      the origin when nothing else is named;
 *   3. an attribution cue without an extracted citation ("la revendication
 *      par X", "allegedly"): the first person or organisation named after
 *      the cue, else an unnamed source;
 *   4. an agency the document credits ("avec AFP"): the agency, unattributed;
 *   5. the document itself: its outlet (else its id), unattributed.
 * A citation under a passive accusation ("X est accusé de", "X is accused
 * of") names the accused, not the source: skipped (an unnamed source at a
 * distance when nothing else is cited). A cited source headed by a generic
 * noun ("une source diplomatique", "figures given", "officials") or a
 * place speaking for its government ("Kérévan a promis") is kind UNNAMED:
 * claims.c lets it relay the claim's named origin.
 * Stance: disputed when the sentence carries a denial cue ("a rejeté",
 * "démenti", "denied", "disputed"); attributed for 1-3; asserted otherwise.
 * `distanced` marks attributions with a claim verb ("a affirmé",
 * "revendique", "claimed", "alleged") that keep the reporter at a distance.
 * Cue lists are per language (French and English), folded word prefixes.
 *
 * Ownership: every string is borrowed from the document's arena or the
 * entity table; valid while they are. O(quotes + citations + tokens of the
 * sentence).
 */
#ifndef RC_ORIGIN_H
#define RC_ORIGIN_H
#include <stddef.h>
#include <stdint.h>
#include "doc/doc.h"
#include "extract/entities.h"
#include "extract/facts.h"

typedef enum rc_stance {
    RC_STANCE_ASSERTED = 0,
    RC_STANCE_ATTRIBUTED,
    RC_STANCE_DISPUTED
} rc_stance;

typedef enum rc_origin_kind {
    RC_ORIGIN_OUTLET = 0,    /* the article itself */
    RC_ORIGIN_AGENCY,        /* a news agency (credited or cited) */
    RC_ORIGIN_SOURCE,        /* a cited source (person, institution, media) */
    RC_ORIGIN_SPEAKER,       /* the speaker of a quote */
    RC_ORIGIN_UNNAMED        /* attributed to someone the text does not name */
} rc_origin_kind;

enum { RC_ORIGIN_VIA_MAX = 4 };

typedef struct rc_attribution {
    rc_stance stance;
    int distanced;           /* attributed with a claim verb */
    rc_origin_kind kind;
    const char *origin;      /* who (never NULL) */
    int entity;              /* merged entity of the origin, -1 */
    const char *via[RC_ORIGIN_VIA_MAX]; /* intermediaries, outermost first */
    size_t nvia;
    const char *credit;      /* agency the document credits, NULL */
    const char *outlet;      /* the document's outlet, else its id */
} rc_attribution;

/* Attribution of sentence sp of d (facts f, merged entity table et, may be
 * NULL); [astart, aend) is the clause's anchor (an amount) or 0,0. */
void rc_origin_of(const rc_doc *d, const rc_facts *f, const rc_entity_table *et,
                  rc_span sp, uint32_t astart, uint32_t aend, rc_attribution *out);

/* rc_origin_of for a caller that knows t0, the first token of d starting
 * at or after sp.start (rc_textmodel_token_from(d, sp.start)): no search
 * for it. */
void rc_origin_of_at(const rc_doc *d, const rc_facts *f, const rc_entity_table *et,
                     rc_span sp, size_t t0, uint32_t astart, uint32_t aend,
                     rc_attribution *out);

/* What the words of a sentence say for its attribution (one pass over
 * its tokens, rc_origin_words_of): read by rc_origin_of_words. */
typedef struct rc_origin_words {
    int cue_at;              /* end of the first distance or attribution cue, -1 */
    unsigned char dispute;   /* a denial cue */
    unsigned char distance;  /* a claim verb */
    unsigned char joint;     /* a joint announcement */
    unsigned char any;       /* any cue (rc_origin_cues != 0 for one word) */
    unsigned char ready;     /* set by rc_origin_words_of; 0: not read */
    size_t q0, q1;           /* the quotes [q0, q1) hold every quote with a
                                speaker overlapping the sentence (0, SIZE_MAX:
                                all; rc_origin_fact_ranges narrows it) */
    size_t c0, c1;           /* the same for the citations with a source
                                inside the sentence */
} rc_origin_words;

/* For each sentence s < d->nsentences of d (facts f): out[4s..4s+4) =
 * q0, q1, c0, c1 as in rc_origin_words, the narrowest index ranges of
 * the quotes and citations rc_origin_of_words reads; 0, SIZE_MAX for all
 * of them when the sentences' starts or ends are out of text order.
 * O(sentences + (quotes + citations) * (log sentences + sentences each
 * spans)). */
void rc_origin_fact_ranges(const rc_doc *d, const rc_facts *f, size_t *out);

/* Read the words of sentence sp of d into *w, from t0, the first token
 * of d starting at or after sp.start (rc_textmodel_token_from). Returns
 * the index of the token the pass stopped at (the first word ending past
 * sp.end, else d->ntokens); *early (may be NULL) receives how many tokens
 * in [t0, that index) start before sp.start (skipped; 0 for tokens in
 * text order). O(tokens of the sentence). */
size_t rc_origin_words_of(const rc_doc *d, rc_span sp, size_t t0, rc_origin_words *w,
                          size_t *early);

/* rc_origin_of_at with the sentence's words already read (*w, from
 * rc_origin_words_of with the same d and sp): the same result. */
void rc_origin_of_words(const rc_doc *d, const rc_facts *f, const rc_entity_table *et,
                        rc_span sp, const rc_origin_words *w, uint32_t astart, uint32_t aend,
                        rc_attribution *out);

/* 1 when the folded word w[n] (any case, accents) starts with one of the
 * cue prefixes of kind ("dispute", "distance", "attribute") in language
 * lang ("fr", "en"; NULL: both). */
int rc_origin_cue(const char *lang, const char *kind, const char *w, size_t n);

enum { RC_CUE_DISPUTE = 1, RC_CUE_DISTANCE = 2, RC_CUE_ATTRIBUTE = 4 };

/* The kinds of cue (RC_CUE_* bits) the folded word w[n] starts with in
 * language lang: rc_origin_cue for the three kinds, folding w once. */
unsigned rc_origin_cues(const char *lang, const char *w, size_t n);

#endif
