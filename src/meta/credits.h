/*
 * credits.h - news agencies and the ways an outlet credits one for its own
 * text: "avec AFP", "(AFP) -", "| AFP |", "Avec L'Associated Press",
 * "with AP", "— AFP", "AFP/Reuters". An agency merely cited in a sentence
 * ("selon TASS", "a indiqué à l'AFP") is not a credit: these functions only
 * accept whole credit lines and line endings of short lines.
 */
#ifndef RC_META_CREDITS_H
#define RC_META_CREDITS_H
#include <stddef.h>

/* Canonical name ("AFP", "Associated Press") when s[n] names a news agency
 * exactly (an alias, with an optional leading article such as "L'"), or
 * NULL. Short acronyms must match their case ("AP", "dpa"). */
const char *rc_agency_lookup(const char *s, size_t n);

/* Agency named at the very start of s[n] (after an optional article):
 * returns the canonical name and stores the bytes it takes in *len, or
 * returns NULL. */
const char *rc_agency_prefix(const char *s, size_t n, size_t *len);

/* When the whole of s[n] is a credit line ("Avec AFP", "— AFP", "(AFP)",
 * "AFP/Reuters", "With The Associated Press", "Source : AFP", "Reuters"),
 * store up to max canonical names in out and return how many (>= 1).
 * Returns 0 for anything else. */
size_t rc_credit_line(const char *s, size_t n, const char **out, size_t max);

/* When s[n] ends with a credit (" avec AFP", " with AP", ", AFP",
 * " (AFP)", " — AFP", " avec AFP et Reuters"), store the agencies in out
 * (up to max), the offset where the credit starts in *cut, and return the
 * count; 0 when it does not. Callers use it on byline-sized lines only. */
size_t rc_credit_suffix(const char *s, size_t n, const char **out, size_t max, size_t *cut);

#endif
