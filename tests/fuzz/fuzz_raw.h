/*
 * fuzz_raw.h - shared by the fuzz targets of the ingest readers: read every
 * byte of every field of an rc_raw a reader delivers, so a bad length or
 * pointer shows up under AddressSanitizer.
 */
#ifndef RC_FUZZ_RAW_H
#define RC_FUZZ_RAW_H
#include "ingest/ingest.h"
#include <string.h>

static volatile unsigned fuzz_sink;

/* Read every byte of the NUL-terminated string s (NULL allowed). */
static inline void touch_str(const char *s)
{
    if (!s)
        return;
    size_t n = strlen(s);
    for (size_t i = 0; i < n; i++)
        fuzz_sink += (unsigned char)s[i];
}

/* Read every byte of every field of raw. */
static inline void touch_raw(const rc_raw *raw)
{
    touch_str(raw->input);
    touch_str(raw->id);
    touch_str(raw->group);
    touch_str(raw->url);
    touch_str(raw->title);
    touch_str(raw->published);
    touch_str(raw->outlet);
    touch_str(raw->lang);
    touch_str(raw->author);
    touch_str(raw->charset);
    touch_str(raw->fetched);
    for (size_t i = 0; i < raw->body_len; i++)
        fuzz_sink += (unsigned char)raw->body[i];
    fuzz_sink += (unsigned)raw->format + (unsigned)raw->line;
}

#endif
