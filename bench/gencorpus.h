/*
 * gencorpus.h - a deterministic generator of short invented news articles
 * (about 80-150 words, French and English) over a year of dates, for the
 * clustering benchmarks. Random access: article i of a corpus of n depends
 * only on (seed, i, n), so a run over the first 100,000 articles of a
 * 1,000,000-article corpus sees exactly the same articles, at the same
 * density per day, as the full run.
 *
 * Structure, with the truth for checking:
 *   - events: blocks of RC_GEN_EVENT_SIZE consecutive articles (one event,
 *     one day; articles are in date order), each with two actors and a
 *     place drawn from invented pools of a few hundred names, so actors
 *     recur across many events at different dates; one event in five
 *     repeats an earlier event's actors and place (same actors, same
 *     vocabulary, another date: the hard case for event clustering);
 *   - the first article of an event is an agency dispatch (outlet "AFP",
 *     "Reuters" or "AP"); others are independent write-ups, wire copies of
 *     the dispatch under another outlet crediting the agency (half with
 *     small edits: a sentence dropped or replaced; published the same day
 *     or the next), or partial reuse (three of the dispatch's sentences
 *     inside an outlet's own piece).
 *
 * Ownership: the text goes to the caller's rc_buf; info's strings are
 * static.
 */
#ifndef RC_BENCH_GENCORPUS_H
#define RC_BENCH_GENCORPUS_H
#include <stddef.h>
#include <stdint.h>
#include "util/buf.h"

#define RC_GEN_EVENT_SIZE 6
#define RC_GEN_NONE ((size_t)-1)

typedef struct rc_gen_info {
    char published[11];     /* YYYY-MM-DD */
    char event_date[11];    /* when the event happened (YYYY-MM-DD) */
    const char *outlet;
    const char *lang;       /* "fr" or "en" */
    const char *credit;     /* agency credited, or NULL */
    size_t event;           /* true event id */
    size_t copy_of;         /* article whose text this one reuses, or RC_GEN_NONE */
    int partial;            /* 1 when only part of copy_of's text is reused */
    int edited;             /* 1 when a wire copy was edited */
} rc_gen_info;

/* Generate article i (0-based) of a corpus of n articles spread over 365
 * days from 2025-01-01: its body (paragraphs separated by '\n') replaces
 * text's content, its metadata and truth go to *info. */
void rc_gen_article(uint64_t seed, size_t i, size_t n, rc_buf *text, rc_gen_info *info);

/* Report k (0-based) of one large event covered by many outlets in both
 * languages, for the cross-check benchmark: report 0 is the agency's
 * dispatch; the others are, as in rc_gen_article, independent write-ups
 * (45%), wire copies of the dispatch (40%, half edited) and partial reuse
 * (15%), but each write-up picks its own language (55% French), and every
 * report adds one quote of the event's speaker (one report in four words it
 * slightly differently) and a casualty figure credited to the police (one
 * report in ten gives another number). Same truth fields as rc_gen_article
 * (event 0, copy_of an index k). */
void rc_gen_event_report(uint64_t seed, size_t k, rc_buf *text, rc_gen_info *info);

#endif
