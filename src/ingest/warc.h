/*
 * warc.h - WARC archives (.warc, .warc.gz with per-record gzip members,
 * .warc.zst) and the HTTP responses inside them.
 *
 * `response` records with an HTTP payload and `resource` records are read;
 * the HTTP status line and headers are parsed, chunked transfer coding and
 * gzip/deflate content coding undone; records whose payload is HTML (by
 * Content-Type, else by sniffing) are handed on as RC_FMT_HTML articles with
 * WARC-Target-URI as url and WARC-Date as the fetch date. Other records are
 * skipped and counted. A record whose Content-Length overruns the file, a
 * truncated gzip member or a corrupt zstd frame is reported with the file
 * and the byte offset of the record, and reading resumes at the next record
 * when one can be found.
 */
#ifndef RC_WARC_H
#define RC_WARC_H
#include <stdio.h>
#include "ingest/ingest.h"

typedef struct rc_warc_stats {
    unsigned long records;     /* WARC records seen */
    unsigned long articles;    /* handed to the callback */
    unsigned long skipped;     /* not an HTML response/resource */
    unsigned long errors;      /* damaged records reported */
} rc_warc_stats;

/* Read the WARC file at path (compression from the extension or the magic
 * bytes), calling fn for each HTML record. max_bytes caps one record's
 * payload after decoding. Errors go through util/diag.h. Returns RC_OK,
 * RC_ERR (some records failed), RC_IO or RC_STOP. */
int rc_warc_read_file(const char *path, size_t max_bytes, rc_raw_fn fn, void *ud,
                      rc_warc_stats *st);

/* Parse a WARC stream already decompressed in memory (fuzzing entry
 * point): same behaviour as rc_warc_read_file on buf[n]. */
int rc_warc_read_mem(const char *name, const char *buf, size_t n, size_t max_bytes,
                     rc_raw_fn fn, void *ud, rc_warc_stats *st);

#endif
