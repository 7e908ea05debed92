/*
 * lang.h - language identification (libexttextcat n-gram models).
 *
 * Candidates are the languages Snowball has stemmers for; the models come
 * from the libexttextcat-data package (/usr/share/libexttextcat). The
 * classifier is created on first use and shared (not thread-safe).
 */
#ifndef RC_LANG_H
#define RC_LANG_H
#include <stddef.h>

/* ISO 639-1 code ("fr", "en", ...) of the language of text[n], or NULL when
 * unknown (too short, or the classifier cannot decide). Reads at most the
 * first few kilobytes. The result is a static string. */
const char *rc_lang_detect(const char *text, size_t n);

/* Release the shared classifier (at exit; optional). */
void rc_lang_cleanup(void);

#endif
