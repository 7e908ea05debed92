/*
 * fold.h - matching keys for short pieces of article text: code points
 * decoded safely (invalid bytes read as U+FFFD), case folded, accents
 * stripped, typographic quotes, dashes and spaces normalised. Used by the
 * header, credit, byline and furniture classifiers to compare words with
 * their vocabulary tables. Pure functions; never read past n.
 */
#ifndef RC_META_FOLD_H
#define RC_META_FOLD_H
#include <stddef.h>
#include <stdint.h>
#include "text/utf8.h"   /* rc_utf8_next, rc_uc_is_* for code points */

/* Fold one code point (lower case, marks stripped, ’ -> ', NBSP -> space,
 * hyphens and dashes -> '-') into out[4]; returns how many were written. */
size_t rc_fold_cp(int32_t cp, int32_t out[4]);

/* Write the folded form of s[n] to out (cap bytes, cap >= 1), spaces
 * squeezed and trimmed, NUL-terminated. Stops early (at a code point
 * boundary) when out is full. Returns the key length. */
size_t rc_fold_key(const char *s, size_t n, char *out, size_t cap);

/* 1 when the folded s[n] equals the ASCII lower-case word w. */
int rc_fold_eq(const char *s, size_t n, const char *w);

/* Find the next word of s[n] at or after *i: a run of letters and digits
 * with inner apostrophes, hyphens or dots. Stores its span in *ws, *we,
 * advances *i past it and returns 1; returns 0 at the end. */
int rc_word_next(const char *s, size_t n, size_t *i, size_t *ws, size_t *we);

/* 1 when phrase (folded ASCII) occurs in key[kn] at word boundaries;
 * *at receives the offset when not NULL. */
int rc_key_has(const char *key, size_t kn, const char *phrase, size_t *at);

/* 1 when key starts with phrase followed by a word boundary. */
int rc_key_starts(const char *key, size_t kn, const char *phrase);

/* rc_key_has and rc_key_starts for a phrase whose length pl is known
 * (pl == strlen(phrase)): same results, no strlen per call. */
int rc_key_has_n(const char *key, size_t kn, const char *phrase, size_t pl, size_t *at);
int rc_key_starts_n(const char *key, size_t kn, const char *phrase, size_t pl);

/* First occurrence of needle[nn] in h[hn] (bytes), or NULL; nn == 0 gives
 * NULL. Runs in O(hn * nn) at worst; callers keep needles short. */
const char *rc_find(const char *h, size_t hn, const char *needle, size_t nn);

/* Case-insensitive (ASCII) variant of rc_find. */
const char *rc_find_ci(const char *h, size_t hn, const char *needle, size_t nn);

#endif
