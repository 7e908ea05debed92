/*
 * discrepancy.h - what the documents of one group (an event, a story, or
 * for now the whole run) say differently about the same thing, each with
 * the exact words of every document as evidence:
 *
 *   number       one counted thing or duration given different values
 *                (crosscheck/valuediff.h); qualifiers respected: "environ",
 *                "plus de", "moins de" make intervals, and only intervals
 *                that cannot overlap conflict
 *   number_consistent
 *                not a conflict: an approximate total that equals parts
 *                reported elsewhere ("environ 6000" = 1,000 + 5,000); kept
 *                so the reader sees the figures were reconciled
 *   date         two documents placing one thing on different days
 *                (crosscheck/valuediff.h)
 *   quote_drift  one quote worded differently, or given another speaker,
 *                in two outlets (crosscheck/quotedrift.h)
 *   wording      aligned sentences that differ in a loaded phrase (the
 *                agent of a passive: "détruites par X" / "par Y"), or words
 *                quoted in one outlet and written as another outlet's own
 *                (crosscheck/wording.h)
 *
 * The inconsistencies recorded on single documents (doc->issues, e.g. a
 * dateline weekday) are not repeated here: the report writer emits them
 * first. Claims that one outlet asserts and another disputes ("contested")
 * come from the claims stage.
 *
 * Every finder is conservative: a false discrepancy costs the reader more
 * than a missed one, so each needs agreement of context (shared stems,
 * entities, ordinals around the value) and none of the vetoes (different
 * ordinals, different day dates, different actors).
 *
 * Ownership: an rc_discrepancies owns its entries and their strings
 * (malloc); rc_discrepancies_free releases all. Entries refer to documents
 * by their index in the analysis (a->docs) and to words by byte spans of
 * those documents' text, so the analysis must outlive the reading.
 *
 * Complexity: every finder pairs items through inverted indexes (stems,
 * counted nouns, quote words) whose posting lists are capped, never all
 * pairs of sentences; see docs/ARCHITECTURE.md.
 */
#ifndef RC_DISCREPANCY_H
#define RC_DISCREPANCY_H
#include <stddef.h>
#include <stdint.h>
#include "pipeline/analysis.h"

typedef struct rc_evidence {
    size_t doc;              /* index into a->docs */
    uint32_t start, end;     /* byte span in that document's text */
} rc_evidence;

typedef struct rc_discrepancy {
    const char *kind;        /* static: "number", "date", "quote_drift"... */
    int conflict;            /* 1: a discrepancy; 0: a reconciliation note */
    size_t *docs;            /* indices into a->docs, in first-seen order */
    size_t ndocs;
    char *description;       /* one sentence naming the values and outlets */
    rc_evidence *evidence;   /* the exact words, per document */
    size_t nevidence;
    char **notes;            /* further remarks, nnotes */
    size_t nnotes;
    size_t *docset;          /* private to rc_discrepancy_add_doc: docs + 1 in an open
                              * hash set (0 empty) once ndocs passes 16, docsetcap slots */
    size_t docsetcap;
} rc_discrepancy;

typedef struct rc_discrepancies {
    rc_discrepancy *items;
    size_t n, cap;
} rc_discrepancies;

/* New empty list. Never NULL. */
rc_discrepancies *rc_discrepancies_new(void);

/* Free the list and everything in it. NULL is a no-op. */
void rc_discrepancies_free(rc_discrepancies *l);

/* Find the discrepancies among the documents a->docs[docs[0..n)] (one
 * group: an event, a story) and append them to out. The extract stage must
 * have run (a->facts, merged a->entities). Returns RC_OK. */
int rc_discrepancies_find(rc_discrepancies *out, const rc_analysis *a,
                          const size_t *docs, size_t n);

/* All the documents of a as one group: a new list (never NULL). */
rc_discrepancies *rc_discrepancies_build(const rc_analysis *a);

/* For the finders: append a new entry of kind (a static string) and return
 * it (valid until the next append). */
rc_discrepancy *rc_discrepancies_add(rc_discrepancies *l, const char *kind,
                                     int conflict);

/* Add document doc to e unless it is there. O(1) expected (a hash set
 * once the entry lists more than 16 documents). */
void rc_discrepancy_add_doc(rc_discrepancy *e, size_t doc);

/* Add evidence (doc, [start, end)) to e, and its document, unless an equal
 * span is there; at most 16 spans are kept per entry. */
void rc_discrepancy_add_evidence(rc_discrepancy *e, size_t doc,
                                 uint32_t start, uint32_t end);

/* Set e's description (replacing any), printf-style. */
void rc_discrepancy_describe(rc_discrepancy *e, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Append a note to e, printf-style; at most 8 notes are kept. */
void rc_discrepancy_note(rc_discrepancy *e, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
