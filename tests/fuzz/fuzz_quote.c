/*
 * fuzz_quote.c - libFuzzer target for rc_extract_quotes: the input's first
 * byte picks the language (fr / en / none), the rest becomes the text
 * (rc_utf8_sanitize), the text model is built, quotes and citations are
 * extracted and every span is checked to lie inside the text.
 */
#include "doc/doc.h"
#include "extract/facts.h"
#include "text/textmodel.h"
#include "text/utf8.h"
#include "util/buf.h"
#include <stdint.h>
#include <stdlib.h>

/* One run: build the document from data[size] and check the facts. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    static const char *const LANGS[] = {"fr", "en", NULL};
    const char *lang = LANGS[data[0] % 3];
    rc_buf b;
    rc_buf_init(&b, 1u << 20);
    size_t invalid = 0;
    if (rc_utf8_sanitize((const char *)data + 1, size - 1, &b, &invalid) != 0) {
        rc_buf_cleanup(&b);
        return 0;
    }
    rc_doc *d = rc_doc_new();
    rc_doc_setn(d, &d->text, rc_buf_str(&b), b.len);
    d->text_len = b.len;
    if (lang)
        rc_doc_set(d, &d->lang, lang);
    rc_buf_cleanup(&b);
    rc_textmodel_build(d);
    rc_facts *f = rc_facts_new(d);
    rc_extract_quotes(d, f);
    for (size_t i = 0; i < f->nquotes; i++) {
        const rc_quote *q = &f->quotes[i];
        if (q->start >= q->end || q->end > d->text_len || q->sp_start > q->sp_end ||
            q->sp_end > d->text_len || (q->speaker && q->sp_end == q->sp_start))
            abort();
    }
    for (size_t i = 0; i < f->ncitations; i++) {
        const rc_citation *c = &f->citations[i];
        if (c->start > c->end || c->end > d->text_len || c->src_start < c->start ||
            c->src_end > c->end || !c->source)
            abort();
    }
    rc_doc_free(d);
    return 0;
}
