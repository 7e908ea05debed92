/*
 * eventdate.h - the event date of one document: when the thing it reports
 * happened, as opposed to when it was published or the other dates it
 * mentions ("after the visit of 4 May", "since March", "from 1 July").
 *
 * Evidence, each a weighted candidate:
 *  - the document's normalised dates (rc_facts dates, extract/dates.c has
 *    already resolved "mardi", "hier", "yesterday", "today", "le 17 juin"
 *    against the publication date when it is day- or month-precise);
 *  - weekday words the date extractor could not resolve (no anchor: an
 *    article without a publication date saying "a discuté mercredi"): they
 *    still tell the event's weekday;
 *  - the publication date itself (a day-precise publication is weak
 *    evidence that the event is that day or the day before).
 *
 * Weights (why): news writing puts the event in the lead, so a candidate in
 * sentence 0 weighs 3, sentence 1 weighs 2, sentence 2 1.5, sentences 3-5
 * 1 and later ones 0.5 (background paragraphs recall earlier events). A
 * date naming a weekday ("mardi", "on Tuesday 19 May") is how a report
 * names its own event: x2. A date introduced by a reference word ("depuis",
 * "après", "celle du", "since", "after", "from", "until") is another
 * event: x0.3. A date more than one day after a day-precise publication,
 * or in a later month than a month-precise one, is a plan, not the event:
 * x0.3. Month-precise mentions count half, and a day also gathers half the
 * weight of the month-precise mentions of its month and the whole weight
 * of unresolved weekdays that fall on its weekday. The publication day is
 * a candidate of weight 1 (a month-precise publication 0.5 as a month).
 *
 * Result: a day when the best day's score is at least the score of any
 * contradicting weekday and half the best month's; else a month; else
 * undated. An undated or month-precise result may still carry the weekday
 * the text names (wday), which later stages use as a constraint ("mercredi"
 * cannot be a Tuesday event). The year of a date resolved without a
 * publication date is marked year_guessed (compare month and day only).
 *
 * Pure function of the document and its facts; O(dates + tokens).
 */
#ifndef RC_CLUSTER_EVENTDATE_H
#define RC_CLUSTER_EVENTDATE_H
#include <stdint.h>
#include "doc/doc.h"
#include "extract/facts.h"

typedef struct rc_evdate {
    int gran;          /* 0 undated, RC_DATE_MONTH or RC_DATE_DAY */
    int year;          /* 0 when the year is open ("XXXX-06-09") */
    int month, day;    /* 0 when absent */
    int year_guessed;  /* year inferred from the text, not from a publication date */
    int wday;          /* weekday the text names for the event, 0=Monday..6; -1 */
    float score;       /* support of the chosen value (sum of weights) */
} rc_evdate;

/* Fill *out with the event date of d from its facts f (f may be NULL: the
 * publication date alone). Never fails; out->gran 0 means undated. */
void rc_eventdate(const rc_doc *d, const rc_facts *f, rc_evdate *out);

/* Days since 1970-01-01 of a proleptic Gregorian date (any y, 1 <= m <= 12). */
int32_t rc_evdate_daynum(int y, int m, int d);

/* Write e as ISO 8601 only as precise as it is ("2025-06-17", "2025-06",
 * "XXXX-06-09" when the year is open) into out (cap >= 11 bytes); "" when
 * undated. Returns the length. */
size_t rc_evdate_iso(const rc_evdate *e, char *out, size_t cap);

#endif
