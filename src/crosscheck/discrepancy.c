/*
 * discrepancy.c - the list of discrepancies and the group driver; see
 * discrepancy.h. The finders live in valuediff.c, quotedrift.c and
 * wording.c.
 */
#include "crosscheck/discrepancy.h"
#include "crosscheck/dgroup.h"
#include "crosscheck/quotedrift.h"
#include "crosscheck/valuediff.h"
#include "crosscheck/wording.h"
#include "util/buf.h"
#include "util/mem.h"
#include "util/rc.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_EVIDENCE 16
#define MAX_NOTES 8

/* New empty list; see discrepancy.h. */
rc_discrepancies *rc_discrepancies_new(void)
{
    return rc_calloc(1, sizeof(rc_discrepancies));
}

/* Free the list; see discrepancy.h. */
void rc_discrepancies_free(rc_discrepancies *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->n; i++) {
        rc_discrepancy *e = &l->items[i];
        free(e->docs);
        free(e->docset);
        free(e->description);
        free(e->evidence);
        for (size_t k = 0; k < e->nnotes; k++)
            free(e->notes[k]);
        free(e->notes);
    }
    free(l->items);
    free(l);
}

/* Append an entry; see discrepancy.h. */
rc_discrepancy *rc_discrepancies_add(rc_discrepancies *l, const char *kind, int conflict)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 8;
        l->items = rc_reallocarray(l->items, l->cap, sizeof *l->items);
    }
    rc_discrepancy *e = &l->items[l->n++];
    memset(e, 0, sizeof *e);
    e->kind = kind;
    e->conflict = conflict;
    return e;
}

#define DOCSET_FROM 16

/* Slot of doc in e's set: its own, or the empty one where it goes. */
static size_t docset_slot(const rc_discrepancy *e, size_t doc)
{
    uint64_t h = (uint64_t)doc * 0x9e3779b97f4a7c15ull;
    size_t j = (size_t)(h >> 32) & (e->docsetcap - 1);
    while (e->docset[j] && e->docset[j] != doc + 1)
        j = (j + 1) & (e->docsetcap - 1);
    return j;
}

/* Rebuild e's set with cap slots (a power of two) from e->docs. */
static void docset_build(rc_discrepancy *e, size_t cap)
{
    free(e->docset);
    e->docset = rc_calloc(cap, sizeof *e->docset);
    e->docsetcap = cap;
    for (size_t i = 0; i < e->ndocs; i++)
        e->docset[docset_slot(e, e->docs[i])] = e->docs[i] + 1;
}

/* Add a document; see discrepancy.h. The list keeps first-seen order;
 * its capacity doubles at each power of two. */
void rc_discrepancy_add_doc(rc_discrepancy *e, size_t doc)
{
    if (e->docset) {
        if (e->docset[docset_slot(e, doc)])
            return;
    } else {
        for (size_t i = 0; i < e->ndocs; i++)
            if (e->docs[i] == doc)
                return;
    }
    if ((e->ndocs & (e->ndocs - 1)) == 0)
        e->docs = rc_reallocarray(e->docs, e->ndocs ? 2 * e->ndocs : 1, sizeof *e->docs);
    e->docs[e->ndocs++] = doc;
    if (e->ndocs < DOCSET_FROM)
        return;
    if (!e->docset || 2 * e->ndocs > e->docsetcap)
        docset_build(e, e->docsetcap ? 2 * e->docsetcap : 4 * DOCSET_FROM);
    else
        e->docset[docset_slot(e, doc)] = doc + 1;
}

/* Add evidence; see discrepancy.h. */
void rc_discrepancy_add_evidence(rc_discrepancy *e, size_t doc, uint32_t start, uint32_t end)
{
    rc_discrepancy_add_doc(e, doc);
    if (e->nevidence >= MAX_EVIDENCE)
        return;   /* full: the scan below could only return too */
    for (size_t i = 0; i < e->nevidence; i++)
        if (e->evidence[i].doc == doc && e->evidence[i].start == start &&
            e->evidence[i].end == end)
            return;
    if (e->nevidence >= MAX_EVIDENCE)
        return;
    /* capacity 4, 8, 16: grown at those sizes */
    size_t ne = e->nevidence;
    if (ne == 0 || (ne >= 4 && (ne & (ne - 1)) == 0))
        e->evidence = rc_reallocarray(e->evidence, ne ? 2 * ne : 4, sizeof *e->evidence);
    e->evidence[e->nevidence].doc = doc;
    e->evidence[e->nevidence].start = start;
    e->evidence[e->nevidence].end = end;
    e->nevidence++;
}

/* Format into a new string (empty when longer than 64 KiB). Short texts,
 * the usual ones, are formatted once into a stack buffer and copied. */
static char *vformat(const char *fmt, va_list ap)
{
    char tmp[512];
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap2);
    va_end(ap2);
    if (n >= 0 && (size_t)n < sizeof tmp) {
        char *s = rc_malloc((size_t)n + 1);
        memcpy(s, tmp, (size_t)n + 1);
        return s;
    }
    rc_buf b;
    rc_buf_init(&b, 1u << 16);
    rc_buf_vprintf(&b, fmt, ap);
    return rc_buf_detach(&b, NULL);
}

/* Set the description; see discrepancy.h. */
void rc_discrepancy_describe(rc_discrepancy *e, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    free(e->description);
    e->description = vformat(fmt, ap);
    va_end(ap);
}

/* Append a note; see discrepancy.h. */
void rc_discrepancy_note(rc_discrepancy *e, const char *fmt, ...)
{
    if (e->nnotes >= MAX_NOTES)
        return;
    va_list ap;
    va_start(ap, fmt);
    e->notes = rc_reallocarray(e->notes, e->nnotes + 1, sizeof *e->notes);
    e->notes[e->nnotes++] = vformat(fmt, ap);
    va_end(ap);
}

/* Find the discrepancies of one group; see discrepancy.h. */
int rc_discrepancies_find(rc_discrepancies *out, const rc_analysis *a,
                          const size_t *docs, size_t n)
{
    if (!a || !a->facts || n < 2)
        return RC_OK;
    rc_dgroup g;
    rc_dgroup_init(&g, a, docs, n);
    rc_valuediff_find(out, &g, docs, n);
    rc_quotedrift_find(out, &g, docs, n);
    rc_wording_find(out, &g, docs, n);
    rc_dgroup_cleanup(&g);
    return RC_OK;
}

/* All documents as one group; see discrepancy.h. */
rc_discrepancies *rc_discrepancies_build(const rc_analysis *a)
{
    rc_discrepancies *l = rc_discrepancies_new();
    if (!a || a->ndocs < 2)
        return l;
    size_t *idx = rc_malloc(a->ndocs * sizeof *idx);
    for (size_t i = 0; i < a->ndocs; i++)
        idx[i] = i;
    rc_discrepancies_find(l, a, idx, a->ndocs);
    free(idx);
    return l;
}
