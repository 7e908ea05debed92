/*
 * dates.h - dates in article text: absolute ("17/06/2025", "2025-06-17",
 * "le 17 juin 2025", "June 4, 2025", "fin février 2022", "mi-2024", "en
 * 2024", "l'été 2024") and relative to an anchor ("mardi", "lundi
 * prochain", "hier", "l'an dernier", "la semaine dernière", "il y a trois
 * mois", "three months ago", "cette année"), each resolved to an ISO 8601
 * value only as precise as the text.
 *
 * The extractor itself is rc_extract_dates (extract/facts.h). Rules:
 *
 *  - Words come from per-language tables (fr, en) in dates.c: months with
 *    their abbreviations, weekdays, relative words, seasons, "début / mi /
 *    fin", "early / mid / late". A document whose language has no table
 *    gets the numeric forms only; an unknown language (NULL) uses all.
 *  - Anchor: d->published ("2025", "2025-06" or "2025-06-17[T...]"). A
 *    weekday, "hier", "today" need the anchor's day; "le mois dernier" its
 *    month; "l'an dernier" its year. Without a publication date the year
 *    comes from the text: the latest year of the article's explicit dates
 *    (dates with a month first, else plain years) for "l'an dernier"; the
 *    year near those in which "lundi 27 octobre" is a Monday; the year of
 *    the nearest explicit date for "le 17 juin". Otherwise the year is left
 *    open ("XXXX-10-27", year_open = 1) or, when nothing at all can be
 *    said (a lone weekday without a day anchor), no date is emitted.
 *  - A bare weekday is the most recent such day on or before the anchor
 *    ("mardi" in an article of Wednesday 18 is Tuesday 17); "dernier /
 *    last" strictly before; "prochain / next" strictly after; "ce / this"
 *    the day of the anchor's (Monday-based) week.
 *  - A day and month without year takes the anchor's year, or the previous
 *    year when that would put it more than six months after the anchor.
 *  - Seasons and "début / mi / fin" keep the granularity of what they
 *    qualify: "au printemps 2025" and "mi-2024" are years, "fin février
 *    2022" is a month.
 *  - Weeks ("la semaine dernière", "this week") are ISO 8601 weeks,
 *    "2025-W24", with gran RC_DATE_DAY (the contract has no week
 *    granularity; a 'W' in value marks them).
 *  - Invalid calendar dates ("31/02/2025") are not emitted. Work is linear
 *    in the number of tokens: every pattern looks at a bounded number of
 *    neighbouring tokens.
 */
#ifndef RC_EXTRACT_DATES_H
#define RC_EXTRACT_DATES_H
#include "extract/facts.h"

/* Parse an anchor "YYYY", "YYYY-MM" or "YYYY-MM-DD" (anything after the
 * day, such as "T10:00:00", is ignored) into *y, *m, *d (0 when absent).
 * Returns the granularity found (RC_DATE_YEAR..RC_DATE_DAY), or 0 when s
 * is NULL or not such a date (then all three are 0). */
int rc_dates_parse_anchor(const char *s, int *y, int *m, int *d);

/* 1 when value is a well-formed date value as rc_extract_dates writes it
 * for granularity gran: "YYYY" (year); "YYYY-MM" or "XXXX-MM" (month);
 * "YYYY-MM-DD", "XXXX-MM-DD" or an ISO week "YYYY-Www" (day); 0 otherwise.
 * Calendar validity of the day is checked. */
int rc_dates_value_ok(const char *value, rc_dgran gran);

/* rc_extract_dates with anchor_date (ISO 8601, as precise as known; NULL:
 * none) in place of d->published: the date that relative and year-less
 * dates are read against. The analysis uses it for an article without a
 * publication day, once its event's date is known from the other
 * reports. Appends to f like rc_extract_dates. Returns RC_OK. */
int rc_extract_dates_anchor(rc_doc *d, rc_facts *f, const char *anchor_date);

#endif
