/*
 * claims.h - claims and their independence: what the documents of one
 * group (an event, or the whole run) state, who each claim comes from, how
 * many independent origins stand behind it, and its status.
 *
 * A claim is a group of aligned sentences or clauses (crosscheck/align.h).
 * Claims carried by two documents or more are all reported; a claim of one
 * document only when it is salient (an amount, a date, two named entities,
 * or a name opening the sentence): what a fact-checker would verify.
 *
 * Each supporting sentence gets its attribution (crosscheck/origin.h) and
 * an effective origin:
 *   - a copy (copy_of hint, cluster/copies.h) takes its source's origin;
 *   - a sentence stated without attribution, in a claim that other
 *     documents attribute to a named origin, is a probable relay of that
 *     origin (relay = 1), not an independent witness — unless the claim is
 *     contested;
 *   - documents stating it on the credit of the same agency share the
 *     agency as origin (the fallback for copies);
 *   - otherwise the attributed origin, or the outlet itself.
 * independent_origins counts distinct effective origins (merged entity ids,
 * else folded names), not documents.
 *
 * Value conflicts. The figures that crosscheck/valuediff.h finds
 * incompatible for one counted thing or duration (within one language,
 * qualifiers respected) form one claim with status conflicting; units of
 * the other languages giving one of those figures (same value and unit)
 * join it when their sentence also gives another of the figures, when
 * they are aligned with a member, or when they share two pieces of
 * language-independent context (names, dates, cognates) with a member.
 * Those units leave their own claim groups. Relays inside a conflicting
 * claim only pass between supports giving the same figure.
 *
 * Status, first that applies: conflicting (an aligned claim gives an
 * incompatible amount for the same counted thing), contested (stated as
 * fact or attributed in one document and disputed in another, or stated as
 * fact in one and attributed with a claim verb in another), single_source
 * (one document), corroborated (two or more independent origins),
 * single_origin (several documents, one origin).
 *
 * Ownership: rc_claims_new() / rc_claims_free(); every string of the result
 * lives in its arena (texts and names are copied), so it does not depend on
 * the documents or the entity table after the call; a support refers to
 * its document by index. Deterministic for the same input order.
 * Complexity: that of rc_align_new plus O(units) for the origins.
 */
#ifndef RC_CLAIMS_H
#define RC_CLAIMS_H
#include <stddef.h>
#include <stdint.h>
#include "crosscheck/discrepancy.h"
#include "crosscheck/origin.h"
#include "pipeline/analysis.h"
#include "util/arena.h"

typedef enum rc_claim_status {
    RC_CLAIM_CORROBORATED = 0,
    RC_CLAIM_SINGLE_ORIGIN,
    RC_CLAIM_SINGLE_SOURCE,
    RC_CLAIM_CONTESTED,
    RC_CLAIM_CONFLICTING
} rc_claim_status;

typedef struct rc_claim_support {
    size_t doc;              /* index into the analysis documents */
    uint32_t start, end;     /* the sentence in that document's text */
    rc_stance stance;
    int relay;               /* states without attribution what others attribute */
    int copy;                /* a copy of another supporting document */
    const char *origin;      /* the effective origin */
    const char *chain;       /* "outlet → agency → origin" */
} rc_claim_support;

typedef struct rc_claim {
    char id[16];             /* "C1"... */
    const char *text;        /* representative sentence */
    const char *about;       /* the amount the clause is about ("1 000 sapeurs"), NULL */
    rc_claim_support *support;
    size_t nsupport;
    const char **docs;       /* ids of the supporting documents, in input order */
    size_t ndocs;
    const char **origins;    /* the distinct effective origins */
    size_t norigins;         /* = independent_origins */
    rc_claim_status status;
    const char **notes;      /* one sentence each */
    size_t nnotes;
    const char **chains;     /* distinct support chains */
    size_t nchains;
} rc_claim;

typedef struct rc_claims {
    rc_arena *arena;
    rc_claim *claims;
    size_t nclaims;
    /* value conflicts found by the discrepancy stage for the next group
     * (rc_claims_use_conflicts): borrowed, NULL when none were given */
    const rc_discrepancies *conflicts;
    size_t conflicts_from;
} rc_claims;

/* New empty result. Never NULL. */
rc_claims *rc_claims_new(void);

/* Free the result. NULL is a no-op. */
void rc_claims_free(rc_claims *c);

/* Cross-check the documents a->docs[group[0..n)] (facts extracted and
 * entities merged) and append their claims to c, ids continuing. copy_of
 * (NULL: none known) is parallel to a->docs: the index of the document a
 * document copies, or -1. Returns RC_OK. */
int rc_claims_add_group(rc_claims *c, const rc_analysis *a, const size_t *group, size_t n,
                        const int *copy_of);

/* Let the next rc_claims_add_group take the number conflicts of the group
 * from d->items[from..d->n) (what rc_discrepancies_find appended for that
 * group) instead of finding them itself; the list is borrowed until that
 * call, which clears it. */
void rc_claims_use_conflicts(rc_claims *c, const rc_discrepancies *d, size_t from);

/* The claims of all the analysis documents as one group. Never NULL. */
rc_claims *rc_claims_build(const rc_analysis *a, const int *copy_of);

/* "corroborated", "single_origin", "single_source", "contested",
 * "conflicting". */
const char *rc_claim_status_name(rc_claim_status s);

/* "asserted", "attributed", "disputed". */
const char *rc_stance_name(rc_stance s);

#endif
