/*
 * extract.c - the extract stage in order: entities (quotes and citations
 * refer to them), quantities, dates, quotes and citations; then each quote's
 * speaker and each citation's source is linked to the entity mention its
 * words overlap.
 */
#include "extract/facts.h"
#include "util/rc.h"

/* Index of the mention of f whose span overlaps [s, e) most, or -1. */
static int overlapping_mention(const rc_facts *f, uint32_t s, uint32_t e)
{
    int best = -1;
    uint32_t best_len = 0;
    for (size_t i = 0; s < e && i < f->nmentions; i++) {
        const rc_mention *m = &f->mentions[i];
        uint32_t a = m->start > s ? m->start : s;
        uint32_t b = m->end < e ? m->end : e;
        if (b > a && b - a > best_len) {
            best_len = b - a;
            best = (int)i;
        }
    }
    return best;
}

/* Run every extractor on d and link speakers and sources; see facts.h. */
int rc_extract_all(rc_doc *d, rc_facts *f)
{
    rc_extract_entities(d, f);
    rc_extract_quantities(d, f);
    rc_extract_dates(d, f);
    rc_extract_quotes(d, f);
    for (size_t i = 0; i < f->nquotes; i++) {
        rc_quote *q = &f->quotes[i];
        if (q->speaker_mention < 0 || (size_t)q->speaker_mention >= f->nmentions)
            q->speaker_mention = overlapping_mention(f, q->sp_start, q->sp_end);
    }
    for (size_t i = 0; i < f->ncitations; i++) {
        rc_citation *c = &f->citations[i];
        if (c->source_mention < 0 || (size_t)c->source_mention >= f->nmentions)
            c->source_mention = overlapping_mention(f, c->src_start, c->src_end);
    }
    return RC_OK;
}
