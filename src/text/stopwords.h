/*
 * stopwords.h - stopword lists per language (the Snowball lists, compiled in
 * at build time from Debian's liblingua-stopwords-perl).
 */
#ifndef RC_STOPWORDS_H
#define RC_STOPWORDS_H
#include <stddef.h>

/* 1 when the case-folded word w[n] is a stopword of ISO 639-1 language lang;
 * 0 otherwise or when lang has no list. */
int rc_stopword(const char *lang, const char *w, size_t n);

/* 1 when a stopword list exists for lang. */
int rc_stopwords_have(const char *lang);

#endif
