/*
 * fuzz_date.c - libFuzzer target for the date extractor: a document from
 * arbitrary bytes (made valid UTF-8, as the pipeline does), a publication
 * date and language chosen by the first byte, then rc_extract_dates; every
 * span must lie in the text and every value be well formed.
 */
#include "doc/doc.h"
#include "extract/dates.h"
#include "extract/facts.h"
#include "text/textmodel.h"
#include "text/utf8.h"
#include "util/buf.h"
#include "util/rc.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* One input: build the document, extract, check the invariants. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const pubs[] = {NULL, "2025-06-17", "2025-06", "2024", "0001-01-01",
                                       "9999-12-31", "2024-02-29T10:00:00Z", "junk"};
    static const char *const langs[] = {"fr", "en", NULL, "de"};
    unsigned sel = size ? data[0] : 0;
    const char *s = size ? (const char *)data + 1 : (const char *)data;
    size_t n = size ? size - 1 : 0;

    rc_buf clean;
    rc_buf_init(&clean, (size_t)1 << 22);
    size_t invalid = 0;
    if (rc_utf8_sanitize(s, n, &clean, &invalid) == RC_OK) {
        rc_doc *d = rc_doc_new();
        rc_doc_setn(d, &d->text, rc_buf_str(&clean), clean.len);
        d->text_len = clean.len;
        rc_doc_set(d, &d->published, pubs[sel & 7]);
        rc_doc_set(d, &d->lang, langs[(sel >> 3) & 3]);
        rc_textmodel_build(d);
        rc_facts *f = rc_facts_new(d);
        if (rc_extract_dates(d, f) != RC_OK)
            abort();
        for (size_t k = 0; k < f->ndates; k++) {
            const rc_date *t = &f->dates[k];
            if (t->start >= t->end || t->end > d->text_len)
                abort();
            if (!memchr(t->value, '\0', sizeof t->value) || !rc_dates_value_ok(t->value, t->gran))
                abort();
            if (k && t->start < f->dates[k - 1].end)
                abort();   /* in text order, not overlapping */
        }
        rc_doc_free(d);
    }
    rc_buf_cleanup(&clean);
    return 0;
}
