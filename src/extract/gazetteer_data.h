/*
 * gazetteer_data.h - the place table compiled at build time from npm
 * packages (scripts/gen-gazetteer.js -> build/gen/gazetteer_data.c).
 * Only src/extract/gazetteer.c reads it.
 */
#ifndef RC_GAZETTEER_DATA_H
#define RC_GAZETTEER_DATA_H
#include <stdint.h>

typedef struct rc_gaz_row {
    const char *name;   /* NFC UTF-8 as the source spells it */
    uint32_t id;        /* shared by every name of one place */
    uint32_t pop;       /* population, 0 for countries */
    uint8_t kind;       /* 1 country, 2 capital, 3 city */
} rc_gaz_row;

extern const rc_gaz_row rc_gaz_rows[];
extern const unsigned rc_gaz_nrows;

#endif
