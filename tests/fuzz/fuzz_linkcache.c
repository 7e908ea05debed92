/*
 * fuzz_linkcache.c - libFuzzer target for the kept stories link's record
 * (cluster/linkcache.h), which `report` and `events` read back from the
 * store: damaged or hostile bytes.
 *
 * The input is a record. The listing it is checked against is made from
 * the input too, so that the accept path is reached: the count in its
 * head (capped), and each event's id read where the record puts it (an
 * id past the end of the input, or every id when the first byte after
 * the head is odd, is instead i + 1). rc_linkcache_decode must refuse the
 * record or accept it without reading outside it; an accepted record has
 * stories numbered in order of first event, and encoding its listing and
 * stories again gives the input byte for byte.
 */
#include "cluster/linkcache.h"
#include "util/buf.h"
#include "util/rc.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_EVENTS = 4096 };

/* The little-endian n-byte integer at p. */
static uint64_t le(const uint8_t *p, size_t n)
{
    uint64_t v = 0;
    for (size_t k = n; k-- > 0;)
        v = v << 8 | p[k];
    return v;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t n = size >= 9 ? (size_t)le(data + 5, 4) : size;
    if (n > MAX_EVENTS)
        n = MAX_EVENTS;
    int64_t *ids = calloc(n + 1, sizeof *ids);
    size_t *story = calloc(n + 1, sizeof *story);
    int plain = size > 9 && (data[9] & 1);
    for (size_t i = 0; i < n; i++) {
        size_t at = 9 + 12 * i;
        ids[i] = !plain && at + 8 <= size ? (int64_t)le(data + at, 8) : (int64_t)i + 1;
    }
    /* the record copied to a buffer of its exact size, so that a read
     * past its end is one that ASan sees */
    uint8_t *rec = malloc(size ? size : 1);
    if (size)
        memcpy(rec, data, size);
    size_t ns = 0;
    if (rc_linkcache_decode(rec, size, ids, n, story, &ns) == RC_OK) {
        size_t top = 0;
        for (size_t i = 0; i < n; i++) {
            if (story[i] > top)
                abort();
            if (story[i] == top)
                top++;
        }
        if (top != ns)
            abort();
        rc_buf b;
        rc_buf_init(&b, 0);
        if (rc_linkcache_encode(ids, story, n, &b) != RC_OK || b.len != size ||
            memcmp(b.data, data, size) != 0)
            abort();
        rc_buf_cleanup(&b);
    }
    free(rec);
    free(story);
    free(ids);
    return 0;
}
