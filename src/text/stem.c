/*
 * stem.c - Snowball stemmers (libstemmer, UTF-8), one per language, created
 * on first use and cached for the life of the process (not thread-safe).
 *
 * libstemmer accepts ISO 639-1 codes as algorithm names ("fr", "en", ...),
 * so the language code is passed through after validation. Each language
 * also keeps a small direct-mapped cache of recent word -> stem results:
 * news text repeats its words, and a cache hit costs a hash and a memcmp
 * instead of a Snowball run.
 */
#include "text/stem.h"
#include "text/stopwords.h"
#include "doc/doc.h"
#include "util/mem.h"
#include <libstemmer.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LANGS 32
#define CACHE_SLOTS 4096          /* per language, power of two */
#define CACHE_WORD 24             /* words longer than this bypass the cache */

typedef struct cache_slot {
    unsigned char wlen, slen;     /* 0 wlen: empty */
    signed char stop;             /* rc_stopword of word, -1 not asked yet */
    char word[CACHE_WORD];
    char stem[CACHE_WORD];
} cache_slot;

typedef struct stemmer {
    char lang[4];
    struct sb_stemmer *sb;        /* NULL: no stemmer for this language */
    cache_slot *cache;
} stemmer;

/* per thread: a libstemmer stemmer keeps its state between calls */
static _Thread_local stemmer g_stemmers[MAX_LANGS];
static _Thread_local size_t g_nstemmers;
static _Thread_local stemmer *g_last;

/* Cache slot index of a word from its plain FNV-1a hash h
 * (rc_tokkey_hash). */
static inline uint32_t slot_of(uint32_t h)
{
    return (h ^ (h >> 15)) & (CACHE_SLOTS - 1);
}

/* 1 when the n bytes at a and b are equal (short words: inline loop). */
static inline int same(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i])
            return 0;
    return 1;
}

/* 1 when lang looks like an ISO 639-1 code: two lower-case ASCII letters. */
static int valid_code(const char *lang)
{
    return lang && lang[0] >= 'a' && lang[0] <= 'z' && lang[1] >= 'a' &&
           lang[1] <= 'z' && lang[2] == '\0';
}

/* The cached entry for lang, created on first use (sb may be NULL when
 * Snowball has no such language); NULL for invalid codes or a full table. */
static stemmer *get(const char *lang)
{
    if (!valid_code(lang))
        return NULL;
    if (g_last && g_last->lang[0] == lang[0] && g_last->lang[1] == lang[1])
        return g_last;
    for (size_t i = 0; i < g_nstemmers; i++)
        if (g_stemmers[i].lang[0] == lang[0] && g_stemmers[i].lang[1] == lang[1])
            return g_last = &g_stemmers[i];
    if (g_nstemmers == MAX_LANGS)
        return NULL;
    stemmer *s = &g_stemmers[g_nstemmers++];
    s->lang[0] = lang[0];
    s->lang[1] = lang[1];
    s->lang[2] = '\0';
    /* Norwegian Bokmål is stemmed by the Norwegian stemmer */
    s->sb = sb_stemmer_new(strcmp(lang, "nb") == 0 ? "no" : lang, "UTF_8");
    s->cache = s->sb ? rc_calloc(CACHE_SLOTS, sizeof *s->cache) : NULL;
    return g_last = s;
}

/* 1 when Snowball has a stemmer for ISO 639-1 code lang. */
int rc_stem_supported(const char *lang)
{
    stemmer *s = get(lang);
    return s && s->sb;
}

/* Stem the case-folded word w[n] in language lang; returns the stem (valid
 * until the next call for lang) with its length in *outlen, or w itself
 * when lang has no stemmer (or the word is too long for libstemmer's int
 * lengths). */
const char *rc_stem(const char *lang, const char *w, size_t n, size_t *outlen)
{
    return rc_stem_stop(lang, w, n, outlen, NULL);
}

/* rc_stem and, when stop is not NULL, the stopword test; see stem.h. */
const char *rc_stem_stop(const char *lang, const char *w, size_t n, size_t *outlen, int *stop)
{
    return rc_stem_stop_h(lang, w, n, n < CACHE_WORD ? rc_tokkey_hash(w, n) : 0, outlen, stop);
}

/* rc_stem_stop with the word's hash h given; see stem.h. */
const char *rc_stem_stop_h(const char *lang, const char *w, size_t n, uint32_t h,
                           size_t *outlen, int *stop)
{
    stemmer *s = get(lang);
    if (!s || !s->sb || n == 0 || n > 4096) {
        if (outlen)
            *outlen = n;
        if (stop)
            *stop = rc_stopword(lang, w, n);
        return w;
    }
    cache_slot *slot = NULL;
    if (n < CACHE_WORD) {
        slot = &s->cache[slot_of(h)];
        if (slot->wlen == n && same(slot->word, w, n)) {
            if (outlen)
                *outlen = slot->slen;
            if (stop) {
                if (slot->stop < 0)
                    slot->stop = (signed char)rc_stopword(lang, w, n);
                *stop = slot->stop;
            }
            return slot->stem;
        }
    }
    if (stop)
        *stop = rc_stopword(lang, w, n);
    const sb_symbol *r = sb_stemmer_stem(s->sb, (const sb_symbol *)w, (int)n);
    if (!r) {                      /* libstemmer out of memory */
        if (outlen)
            *outlen = n;
        return w;
    }
    size_t len = (size_t)sb_stemmer_length(s->sb);
    if (slot && len < CACHE_WORD) {
        memcpy(slot->word, w, n);
        slot->word[n] = '\0';
        memcpy(slot->stem, r, len);
        slot->stem[len] = '\0';
        slot->wlen = (unsigned char)n;
        slot->slen = (unsigned char)len;
        slot->stop = (signed char)(stop ? *stop : -1);
        if (outlen)
            *outlen = len;
        return slot->stem;
    }
    if (slot)
        slot->wlen = 0;           /* the slot no longer matches anything */
    if (outlen)
        *outlen = len;
    return (const char *)r;
}

/* Start loading the cache slot of hash h; see stem.h. */
void rc_stem_prefetch(const char *lang, uint32_t h)
{
    stemmer *s = g_last;
    if (!s || !s->cache || s->lang[0] != lang[0] || s->lang[1] != lang[1])
        return;
    const char *p = (const char *)&s->cache[slot_of(h)];
    __builtin_prefetch(p);
    __builtin_prefetch(p + sizeof(cache_slot) - 1);
}

/* Release the cached stemmers and their caches. */
void rc_stem_cleanup(void)
{
    for (size_t i = 0; i < g_nstemmers; i++) {
        if (g_stemmers[i].sb)
            sb_stemmer_delete(g_stemmers[i].sb);
        free(g_stemmers[i].cache);
    }
    memset(g_stemmers, 0, sizeof g_stemmers);
    g_nstemmers = 0;
    g_last = NULL;
}
