/*
 * chunksort.h - the order of a report's top-level elements (stream and
 * tree modes of store_report.c): each element carries a sort key
 * (major, minor) and its arrival number seq, and the whole store's report
 * writes each array in (major, minor, seq) order.
 */
#ifndef RC_PIPELINE_CHUNKSORT_H
#define RC_PIPELINE_CHUNKSORT_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

/* One element of a top-level array: its sort key, and either where its
 * record is (stream: block blk of the temporary file, at off of the
 * block's bytes) or the value (tree). */
typedef struct rc_chunk {
    uint64_t major, minor, seq;
    size_t off, len;
    union {
        json_t *v;          /* tree */
        size_t blk;         /* stream */
    };
} rc_chunk;

/* Sort c[n] by (major, minor, seq); seq must be unique (the order is then
 * total). Chunks added in seq order (seq growing with each) whose minors
 * are all 0 and whose majors are dense (below n + 65536, or UINT64_MAX,
 * which sorts last) are sorted by counting; any others by a natural merge
 * sort. Allocates n chunks of scratch (aborts on OOM, util/mem.h). */
void rc_chunks_sort(rc_chunk *c, size_t n);

#endif
