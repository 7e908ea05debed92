/*
 * header.h - the leading header and wire dateline of a plain-text article.
 *
 *   " date 2025-06 "                 (an optional first-line header)
 *   "Moscou, Russie | AFP | mercredi 17/06/2025 - "   (a wire dateline)
 *   "PARIS, 3 juin (Reuters) - ", "SEOUL, June 4 (Yonhap) -- ", "(AFP) - "
 *
 * These parsers are pure functions over bytes (fuzzed).
 */
#ifndef RC_HEADER_H
#define RC_HEADER_H
#include <stddef.h>

typedef struct rc_header {
    size_t consumed;        /* bytes of input the header and dateline take up */
    char date[11];          /* ISO date from the header ("2025-06"), "" when none */
    char dateline_place[64];/* "Moscou", "" when none */
    char agency[64];        /* "AFP", "" when none */
    char dl_date[11];       /* full date in the dateline ("2025-06-17"), "" when none */
    char weekday[16];       /* weekday word in the dateline as written, "" when none */
    int weekday_index;      /* 0=Monday..6=Sunday for weekday, -1 when none */
    int weekday_mismatch;   /* 1 when weekday is not the weekday of dl_date */
} rc_header;

/* Parse the start of text[n]; fills *h (always initialised) and returns 1
 * when a header or dateline was found, 0 otherwise. */
int rc_header_parse(const char *text, size_t n, rc_header *h);

/* Weekday (0=Monday..6=Sunday) of a proleptic Gregorian date, or -1 when
 * the date is not valid. */
int rc_weekday(int year, int month, int day);

/* Weekday index of a French or English weekday name (case-insensitive,
 * accents optional), -1 when w[n] is not one. */
int rc_weekday_word(const char *w, size_t n);

#endif
