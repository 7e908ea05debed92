/*
 * attrib.h - attribution: who says something, through whom. Per-language
 * word tables (reporting verbs, auxiliaries, attribution phrases such as
 * "selon" / "according to", pronouns, determiners, noun-phrase stoppers) and
 * the clause analysis built on them: verb groups with their speaker (subject
 * before the verb, or inverted after it: "», a déclaré X"), relay phrases
 * with their source ("selon l'agence KCNA"), noun phrases reduced to a name
 * ("le secrétaire du Conseil, X" -> X) or a description.
 *
 * A language is added by adding a table in attrib.c; a language without a
 * table gets no attribution (rc_attrib_lang returns NULL).
 *
 * Work is bounded: every look-back or look-ahead is capped in tokens, so the
 * analysis of a sentence is linear in its tokens.
 */
#ifndef RC_EXTRACT_ATTRIB_H
#define RC_EXTRACT_ATTRIB_H
#include <stddef.h>
#include <stdint.h>
#include "doc/doc.h"

/* Word classes (bits) of the language tables. */
enum {
    RC_AW_VERB = 1u << 0,     /* finite reporting verb, alone ("déclare", "said") */
    RC_AW_VERBPP = 1u << 1,   /* participle needing an auxiliary ("déclaré") */
    RC_AW_ANT = 1u << 2,      /* present participle ("affirmant"): main subject */
    RC_AW_AUX = 1u << 3,      /* auxiliary or main-verb marker ("a", "ont", "has") */
    RC_AW_PRON = 1u << 4,     /* subject pronoun ("il", "she") */
    RC_AW_DET = 1u << 5,      /* determiner opening a noun phrase */
    RC_AW_DEFDET = 1u << 6,   /* definite/possessive: a chunk starting so may be a subject */
    RC_AW_STOP = 1u << 7,     /* ends a noun phrase ("que", "dans", "during") */
    RC_AW_LINK = 1u << 8,     /* joins inside a noun phrase ("de", "of") */
    RC_AW_LINKCAP = 1u << 9,  /* joins only before a capitalised word ("à", "et", "in") */
    RC_AW_ADV = 1u << 10,     /* skippable between verb and subject ("mercredi") */
    RC_AW_PREP = 1u << 11,    /* a chunk starting so is not a subject ("dans", "after") */
    RC_AW_INTRO = 1u << 12,   /* "Pour X, « ... »" */
    RC_AW_MEDIA = 1u << 13,   /* head noun before a medium's name ("agence") */
    RC_AW_TO = 1u << 14,      /* addressee after a verb ("à l'AFP", "told Reuters") */
    RC_AW_COMP = 1u << 15,    /* complementiser ("que", "that") */
    RC_AW_RELAY = 1u << 16,   /* attribution phrase ("selon", "d' après", "cited by") */
    RC_AW_RELAYVERB = 1u << 17, /* reporting verb that names a relay ("a rapporté KCNA") */
    RC_AW_CLITIC = 1u << 18,  /* clitic before an auxiliary ("s'", "ne") */
    RC_AW_CONJ = 1u << 19,    /* conjunction skipped at a chunk start ("et", "but") */
    RC_AW_TITLE = 1u << 20,   /* title inside a name ("M", "Mme", "Mr") */
    RC_AW_TOLD = 1u << 21,    /* verb whose object is the addressee ("told") */
    RC_AW_NOUNCTX = 1u << 22, /* a verb form right after it is a noun ("about reports",
                                 "une annonce") */
    RC_AW_BE = 1u << 23,      /* passive auxiliary: no speaker ("was said", "is told") */
    RC_AW_WEAKREL = 1u << 24, /* relay phrase whose source must be named or a source
                                 noun ("une dépêche de", "a report by") */
    RC_AW_SRCN = 1u << 25,    /* head noun of an unnamed or institutional source
                                 ("source", "diplomate", "ministry", "officials") */
    RC_AW_RELPRON = 1u << 26, /* relative subject pronoun: the speaker is the noun
                                 phrase before it ("X, who said", "X, qui a dit") */
    RC_AW_INVPRON = 1u << 30  /* token carries an inverted pronoun ("a-t-il") */
};

typedef struct rc_attrib_lang rc_attrib_lang;

/* The table for ISO 639-1 code lang ("fr", "en"), or NULL (no table). */
const rc_attrib_lang *rc_attrib_lang_get(const char *lang);

/* Classes of every token of d: the RC_AW_* bits of the phrase starting at
 * each token and how many tokens that phrase takes, computed once per
 * document. */
typedef struct rc_tokclass {
    uint32_t *bits;   /* RC_AW_* of the phrase starting at each token */
    uint8_t *len;     /* tokens the phrase takes (1 for single words) */
} rc_tokclass;

/* Classify d's tokens with table L into tc (arrays allocated with rc_malloc;
 * rc_tokclass_free releases them). Linear in the tokens. */
void rc_tokclass_build(const rc_attrib_lang *L, const rc_doc *d, rc_tokclass *tc);
/* Release tc's arrays. */
void rc_tokclass_free(rc_tokclass *tc);

/* A noun phrase read from the tokens: [t0, t1) is all of it; [n0, n1) the
 * name inside it when there is one (n0 == n1 otherwise); pron is set for a
 * subject pronoun (t0 = the pronoun or the token carrying it). */
typedef struct rc_np {
    uint32_t t0, t1, n0, n1;
    int pron;
} rc_np;

/* The context an analysis works in: the document, its token classes and a
 * per-token flag, non-zero for tokens inside quotes (never subjects). */
typedef struct rc_actx {
    const rc_doc *d;
    const rc_attrib_lang *L;
    const rc_tokclass *tc;
    const uint8_t *inq;
} rc_actx;

/* A verb group in a sentence: [g, v_end) the auxiliary/clitics and verb;
 * the speaker it names (subject before or inverted after), found = 0 when
 * none; inverted set when the speaker follows the verb; ant for present
 * participles; relay set when the verb names a relay (rapporté) or an
 * addressee follows (a indiqué à l'AFP, told Reuters): np_to. */
typedef struct rc_vgroup {
    uint32_t g, v, v_end;
    int found, inverted, ant, has_to;
    rc_np sp;
    rc_np to;
} rc_vgroup;

/* A relay phrase: [p0, p1) the phrase ("selon"), np its source. */
typedef struct rc_relay {
    uint32_t p0, p1;
    rc_np np;
} rc_relay;

/* Read a noun phrase starting at token t (adverbs skipped), not past token
 * lim. Returns 1 and fills *np when one is there. */
int rc_attrib_np(const rc_actx *c, uint32_t t, uint32_t lim, rc_np *np);

/* The subject of the verb group starting at token g, looking back no
 * further than token lo (clause chunks split at commas, appositions and
 * fronted adverbials skipped). Returns 1 and fills *np when found. */
int rc_attrib_subject(const rc_actx *c, uint32_t g, uint32_t lo, rc_np *np);

/* Verb groups and relay phrases among tokens [t0, t1) (one sentence),
 * outside quotes, in order; at most maxv / maxr of each are stored.
 * Returns the verb-group count in *nv and the relay count in *nr. */
void rc_attrib_scan(const rc_actx *c, uint32_t t0, uint32_t t1, rc_vgroup *vg,
                    size_t maxv, size_t *nv, rc_relay *rl, size_t maxr, size_t *nr);

/* The first main verb (auxiliary or finite verb) among [t0, t1) outside
 * quotes, its group start in *g; returns 1 when there is one. */
int rc_attrib_main_verb(const rc_actx *c, uint32_t t0, uint32_t t1, uint32_t *g);

/* The tokens right after an "intro" word at t0 ("Pour X, ..."): 1 and *np
 * when the sentence [t0, t1) starts so. */
int rc_attrib_intro(const rc_actx *c, uint32_t t0, uint32_t t1, rc_np *np);

/* The byte span to report for np: the name when there is one, else the
 * phrase without its leading determiner. */
rc_span rc_attrib_np_span(const rc_actx *c, const rc_np *np);

/* The medium named in np ("TASS" in "l'agence officielle russe TASS", a
 * news agency of meta/credits.h, or a capitalised name after a media head
 * noun): returns 1 and its byte span in *out (*canon gets the agency's
 * canonical name, or NULL). */
int rc_attrib_medium(const rc_actx *c, const rc_np *np, rc_span *out, const char **canon);

/* 1 when token t is the complementiser or colon introducing a quote, or a
 * reporting verb right before it ("a déclaré que «", "said: “"). */
int rc_attrib_introduces(const rc_actx *c, uint32_t t);

#endif
