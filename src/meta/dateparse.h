/*
 * dateparse.h - dates as written in datelines and page date lines:
 * "17/06/2025", "2025-06-17", "3 juin 2025", "1er juin", "June 4, 2025",
 * with an optional weekday word ("mercredi", "Tuesday"). French and English
 * month names (tables: adding a language is adding rows). Pure functions;
 * at most 32 tokens of the input are looked at.
 */
#ifndef RC_META_DATEPARSE_H
#define RC_META_DATEPARSE_H
#include <stddef.h>

typedef struct rc_date_found {
    int y, m, d;          /* the first valid date; all 0 when none */
    int wd;               /* weekday word (0 = Monday), -1 when none */
    size_t wd_s, wd_e;    /* its byte span in the input */
} rc_date_found;

/* Find a day-month[-year] date and a weekday word in s[n]. A missing year
 * is taken from yhint when yhint > 0; a date still without a year, or not
 * a real calendar date, is not reported. */
void rc_date_scan(const char *s, size_t n, int yhint, rc_date_found *out);

/* Month number (1..12) of a French or English month name or abbreviation
 * (case and accents ignored), 0 when w[n] is not one. */
int rc_month_word(const char *w, size_t n);

/* Read the run of ASCII digits at s[*i] (i < n), advancing *i past it and
 * storing the run's length in *count; the value of its first six digits
 * is returned (longer runs are counted, not overflowed). */
long rc_date_digits(const char *s, size_t n, size_t *i, int *count);

#endif
