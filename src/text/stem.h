/*
 * stem.h - Snowball stemmers (libstemmer), one per language and per
 * thread, created on first use and cached until rc_stem_cleanup (a
 * libstemmer stemmer keeps state between calls, so threads do not share
 * one; each thread that stems calls rc_stem_cleanup before it ends).
 */
#ifndef RC_STEM_H
#define RC_STEM_H
#include <stddef.h>
#include <stdint.h>

/* 1 when Snowball has a stemmer for ISO 639-1 code lang. */
int rc_stem_supported(const char *lang);

/* Stem the case-folded word w[n] in language lang. Returns a pointer to the
 * stem (valid until the next call for the same language) and its length in
 * *outlen; returns w itself when lang has no stemmer. */
const char *rc_stem(const char *lang, const char *w, size_t n, size_t *outlen);

/* rc_stem, and in *stop whether w[n] is in lang's stopword list
 * (rc_stopword): the answer is kept beside the stem in the word cache, so a
 * repeated word costs one lookup for both. */
const char *rc_stem_stop(const char *lang, const char *w, size_t n, size_t *outlen, int *stop);

/* rc_stem_stop for a word whose rc_tokkey_hash (doc.h) is already known:
 * h must be rc_tokkey_hash(w, n). Same answers, one hash fewer. */
const char *rc_stem_stop_h(const char *lang, const char *w, size_t n, uint32_t h,
                           size_t *outlen, int *stop);

/* Hint that rc_stem_stop_h(lang, ., ., h, ...) comes soon: starts loading
 * the cache slot of hash h for lang (no effect on any answer). */
void rc_stem_prefetch(const char *lang, uint32_t h);

/* Release the calling thread's cached stemmers. */
void rc_stem_cleanup(void);

#endif
