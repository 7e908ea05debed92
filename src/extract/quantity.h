/*
 * quantity.h - amounts, counts, money, percentages and ordinals in a
 * document's tokens (rc_extract_quantities, declared in extract/facts.h).
 *
 * Recognised: digits in every thousands convention ("1 000" with space,
 * NBSP or NNBSP, "1.000", "1,000", "1000"), decimals in the language's
 * convention ("27,4" fr, "27.4" en; a single '.' or ',' followed by exactly
 * three digits is a thousands separator when it is the language's grouping
 * mark), multipliers ("12 millions", "1,5 milliard", "$120m", "3bn"),
 * number words ("cinq mille", "vingt-et-un", "a thousand", "twenty-five"),
 * approximate nouns ("une dizaine" -> ~10; plural "des centaines" gives no
 * value and no quantity), ordinals (ordinal=1), percentages, currencies and
 * units (normalised names: "km", "day", "year", "EUR", "USD", ...), the
 * qualifier before the number (bound, approximate) and the counted noun
 * phrase after it (counts).
 *
 * Not quantities: years, day numbers of dates, clock times, phone numbers,
 * identifiers ("résolution 1718", "A320", "COVID-19", "article 5").
 *
 * Languages come from tables (one struct per language in quantity.c);
 * a language without a table gets digits only.
 */
#ifndef RC_QUANTITY_H
#define RC_QUANTITY_H
#include <stddef.h>
#include "extract/facts.h"

/* Parse the digits of a number token s[n] (case-folded, NBSP already a
 * space) in language lang (no table: a lone "." or "," before exactly three
 * digits groups thousands): groups, thousands
 * and decimal separators. On success stores the value, the number of bytes
 * consumed (the rest is a letter suffix such as "m", "km", "er") and
 * whether a decimal part was read, and returns 1; returns 0 when the token
 * is not a plain amount (dates, times, versions, over 18 integer digits). */
int rc_quantity_parse_digits(const char *s, size_t n, const char *lang, double *value,
                             size_t *used, int *decimal);

#endif
