/*
 * chunksort.c - the order of a report's top-level elements; see
 * chunksort.h.
 */
#include "pipeline/chunksort.h"
#include "util/mem.h"
#include <stdlib.h>
#include <string.h>

/* Whether chunk a sorts before b: by (major, minor, seq), seq unique,
 * so the order is total. */
static inline int chunk_before(const rc_chunk *a, const rc_chunk *b)
{
    if (a->major != b->major)
        return a->major < b->major;
    if (a->minor != b->minor)
        return a->minor < b->minor;
    return a->seq < b->seq;
}

/* Sort c[n] in chunk_before's order when the chunks are in seq order
 * (as they were added: seq grows with every chunk), every minor is 0 and
 * every major is below n + 65536 or UINT64_MAX (none: last), the keys
 * ordered by a document's ordinal or an event's number: a stable counting
 * sort by major, which is then (major, minor, seq) order, in two passes
 * where the merges take one per doubling of the runs. Returns 1 when
 * sorted, 0 (c untouched) when the chunks do not qualify. */
static int chunks_sort_dense(rc_chunk *c, size_t n)
{
    uint64_t lim = (uint64_t)n + 65536, top = 0;
    for (size_t i = 0; i < n; i++) {
        if (c[i].minor != 0 || (c[i].major >= lim && c[i].major != UINT64_MAX) ||
            (i > 0 && c[i].seq <= c[i - 1].seq))
            return 0;
        if (c[i].major != UINT64_MAX && c[i].major > top)
            top = c[i].major;
    }
    size_t nb = (size_t)top + 2;            /* bucket top + 1: UINT64_MAX */
    size_t *at = rc_calloc(nb + 1, sizeof *at);
    for (size_t i = 0; i < n; i++)
        at[(c[i].major == UINT64_MAX ? nb - 1 : (size_t)c[i].major) + 1]++;
    for (size_t b = 1; b <= nb; b++)
        at[b] += at[b - 1];
    rc_chunk *tmp = rc_malloc(n * sizeof *tmp);
    for (size_t i = 0; i < n; i++)
        tmp[at[c[i].major == UINT64_MAX ? nb - 1 : (size_t)c[i].major]++] = c[i];
    memcpy(c, tmp, n * sizeof *c);
    free(tmp);
    free(at);
    return 1;
}

/* Sort c[n]; see chunksort.h. The order is total (any correct sort gives the
 * same result). The elements arrive part after part, each part's
 * mostly in order (claims and entities all in order): a natural merge
 * sort, runs found in one pass and merged pairwise through a buffer of
 * n chunks; O(n log r) for r runs, n - 1 comparisons when sorted. */
void rc_chunks_sort(rc_chunk *c, size_t n)
{
    size_t nr = 0, cr = 64;
    size_t *rs = rc_malloc(cr * sizeof *rs); /* rs starts, then n */
    for (size_t i = 0; i < n; i++) {
        if (i == 0 || chunk_before(&c[i], &c[i - 1])) {
            if (nr + 2 > cr) {
                cr *= 2;
                rs = rc_reallocarray(rs, cr, sizeof *rs);
            }
            rs[nr++] = i;
        }
    }
    rs[nr] = n;
    /* many runs: a counting sort when the keys allow it */
    if (nr > 8 && chunks_sort_dense(c, n))
        nr = 1;
    if (nr > 1) {
        rc_chunk *tmp = rc_malloc(n * sizeof *tmp), *src = c, *dst = tmp;
        while (nr > 1) {
            size_t m = 0;
            for (size_t r = 0; r < nr; r += 2) {
                size_t lo = rs[r], mid = rs[r + 1 < nr ? r + 1 : nr];
                size_t hi = rs[r + 2 < nr ? r + 2 : nr], i = lo, j = mid, o = lo;
                while (i < mid && j < hi)
                    dst[o++] = chunk_before(&src[j], &src[i]) ? src[j++] : src[i++];
                memcpy(dst + o, src + i, (mid - i) * sizeof *dst);
                o += mid - i;
                memcpy(dst + o, src + j, (hi - j) * sizeof *dst);
                rs[m++] = lo;
            }
            rs[m] = n;
            nr = m;
            rc_chunk *t = src;
            src = dst;
            dst = t;
        }
        if (src != c)
            memcpy(c, src, n * sizeof *c);
        free(tmp);
    }
    free(rs);
}

