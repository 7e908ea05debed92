#include "extract/facts.h"
#include "util/rc.h"
#include <string.h>

/* New empty facts in d's arena. */
rc_facts *rc_facts_new(rc_doc *d)
{
    return rc_arena_calloc(d->arena, 1, sizeof(rc_facts));
}

#define ADD(fn, type, arr, cnt)                                 \
    type *fn(rc_doc *d, rc_facts *f)                            \
    {                                                           \
        f->arr = rc_arena_grow(d->arena, f->arr, f->cnt, sizeof *f->arr);       \
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
