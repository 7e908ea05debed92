#include "extract/facts.h"
#include "util/rc.h"
#include <string.h>

/* New empty facts in d's arena. */
rc_facts *rc_facts_new(rc_doc *d)
{
    return rc_arena_calloc(d->arena, 1, sizeof(rc_facts));
}

/* Make room for element n of an arena array (capacity: next power of two,
 * at least 8) and return the array; the new element is zeroed. */
static void *grow(rc_doc *d, void *arr, size_t n, size_t size)
{
    if (n >= 8 && (n & (n - 1)) != 0)
        return arr;
    if (n > 0 && n < 8)
        return arr;
    size_t cap = n < 8 ? 8 : n * 2;
    void *nw = rc_arena_calloc(d->arena, cap, size);
    if (n)
        memcpy(nw, arr, n * size);
    return nw;
}

#define ADD(fn, type, arr, cnt)                                 \
    type *fn(rc_doc *d, rc_facts *f)                            \
    {                                                           \
        f->arr = grow(d, f->arr, f->cnt, sizeof *f->arr);       \
        type *e = &f->arr[f->cnt++];                            \
        memset(e, 0, sizeof *e);                                \
        return e;                                               \
    }

/* Append a zeroed mention / quantity / date / quote / citation to f. */
ADD(rc_facts_add_mention, rc_mention, mentions, nmentions)
ADD(rc_facts_add_quantity, rc_quantity, quantities, nquantities)
ADD(rc_facts_add_date, rc_date, dates, ndates)
ADD(rc_facts_add_quote, rc_quote, quotes, nquotes)
ADD(rc_facts_add_citation, rc_citation, citations, ncitations)
