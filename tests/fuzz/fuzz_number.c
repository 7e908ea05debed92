/*
 * fuzz_number.c - libFuzzer target for the quantity extractor: arbitrary
 * bytes made valid UTF-8 (as the pipeline does), tokenised in French or
 * English (alternating on the first byte), then rc_extract_quantities; every
 * span must lie in the text, contain its number, and come in order.
 */
#include "doc/doc.h"
#include "extract/facts.h"
#include "extract/quantity.h"
#include "text/textmodel.h"
#include "text/utf8.h"
#include "util/buf.h"
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

/* One input: build the document, extract, check the spans. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    rc_buf b;
    rc_buf_init(&b, 0);
    size_t invalid = 0;
    rc_utf8_sanitize((const char *)data, size, &b, &invalid);
    rc_doc *d = rc_doc_new();
    rc_doc_setn(d, &d->text, rc_buf_str(&b), b.len);
    d->text_len = b.len;
    rc_doc_set(d, &d->lang, size && (data[0] & 1) ? "en" : "fr");
    rc_buf_cleanup(&b);
    rc_textmodel_build(d);
    rc_facts *f = rc_facts_new(d);
    if (rc_extract_quantities(d, f) != 0)
        abort();
    for (size_t i = 0; i < f->nquantities; i++) {
        const rc_quantity *q = &f->quantities[i];
        if (!(q->start <= q->num_start && q->num_start < q->num_end && q->num_end <= q->end &&
              q->end <= d->text_len))
            abort();
        if (i && f->quantities[i - 1].end > q->start)
            abort();
        if (!isfinite(q->value))
            abort();
    }
    rc_doc_free(d);
    return 0;
}
