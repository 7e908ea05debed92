/*
 * timeline.h - what happened in what order, for a group of documents (an
 * event, or for now the whole run): the dated facts of the articles, merged
 * across articles, with the event date(s) and the publication dates.
 *
 * Items:
 *  - fact: a date of the extract stage (rc_facts dates) with day or month
 *    precision and a resolved year, with the sentence it stands in. A
 *    sentence is placed once, at the date it is about: its most precise
 *    date, a date after "depuis", "since", "after"... ranking below one
 *    that is not, then the first; its other dates stay in its text. Two
 *    mentions merge into one item when they carry the same date value and
 *    their sentences are similar: Jaccard similarity of the sentences' sets
 *    of content stems (no stopwords, numbers or punctuation) of at least
 *    RC_TIMELINE_SIM (0.3: sentences retelling one thing in other words
 *    share about a third of their content words; sentences about different
 *    things on one date share fewer). The item's text is the first
 *    sentence (group order); every mention is evidence.
 *  - published: one item per distinct publication day (or month), the
 *    documents published then; text is the first document's title.
 *  - event: the date(s) the caller gives for the group (text NULL).
 * Order: date (ISO strings: "2025-06" before "2025-06-01"), then event,
 * fact, published, then first document in group order, then offset.
 *
 * Bounded: at most RC_TIMELINE_MAX_MENTIONS date mentions are read per
 * group and each is compared with at most RC_TIMELINE_MAX_CMP items of
 * its date, so the work is O(m log m) for m mentions, never all pairs.
 *
 * Ownership: rc_timeline_build / rc_timeline_free; the result owns its
 * strings (its arena) and refers to documents by index into the
 * analysis's docs.
 */
#ifndef RC_TIMELINE_H
#define RC_TIMELINE_H
#include <stddef.h>
#include <stdint.h>
#include "pipeline/analysis.h"
#include "util/arena.h"

#define RC_TIMELINE_SIM 0.3
#define RC_TIMELINE_MAX_MENTIONS 20000
#define RC_TIMELINE_MAX_CMP 64

typedef enum rc_timeline_kind {
    RC_TL_EVENT = 0,
    RC_TL_FACT = 1,
    RC_TL_PUBLISHED = 2
} rc_timeline_kind;

typedef struct rc_timeline_evidence {
    size_t doc;              /* index into the analysis's docs */
    uint32_t start, end;     /* the sentence (fact) or 0,0 (published) */
} rc_timeline_evidence;

typedef struct rc_timeline_item {
    char date[24];           /* ISO 8601, as precise as known */
    rc_timeline_kind kind;
    const char *text;        /* the sentence, the title, or NULL */
    size_t *docs;            /* distinct documents, in group order */
    size_t ndocs;
    rc_timeline_evidence *evidence; /* every mention, in group order */
    size_t nevidence;
} rc_timeline_item;

typedef struct rc_timeline {
    rc_arena *arena;
    rc_timeline_item *items; /* chronological */
    size_t nitems;
} rc_timeline;

/* The timeline of the documents docs[group[0..n)] of a (facts extracted),
 * with the event dates event_dates[0..ndates) (ISO strings; may be NULL).
 * Never NULL. */
rc_timeline *rc_timeline_build(const rc_analysis *a, const size_t *group, size_t n,
                               const char *const *event_dates, size_t ndates);

/* "event", "fact" or "published". */
const char *rc_timeline_kind_name(rc_timeline_kind k);

/* Free a timeline; NULL is a no-op. */
void rc_timeline_free(rc_timeline *t);

#endif
