/*
 * ingest_int.h - helpers shared by ingest.c and jsonl.c (not a public API).
 */
#ifndef RC_INGEST_INT_H
#define RC_INGEST_INT_H
#include <stddef.h>
#include <stdio.h>
#include "ingest/ingest.h"

/* A size as text for messages, held by value. */
typedef struct rc_size_str {
    char s[40];
} rc_size_str;

/* Format n bytes for a human. exact != 0 (limits): "32 MiB", "64 KiB" or
 * "100 bytes", whichever is exact. exact == 0 (measured sizes): "40.0 MiB",
 * "1.5 KiB" or "12 bytes". */
rc_size_str rc_ingest_size_text(size_t n, int exact);

/* rc_jsonl_read, numbering lines from first_line (> 0), storing in *nlines
 * how many non-blank lines were seen and in *nbytes how many bytes were read
 * (either may be NULL). */
int rc_jsonl_read_from(FILE *fp, const char *input, const char *group, size_t max_bytes,
                       long first_line, rc_raw_fn fn, void *ud, rc_ingest_stats *st,
                       unsigned long *nlines, long long *nbytes);

#endif
