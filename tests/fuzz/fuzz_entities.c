/* fuzz_entities.c - libFuzzer target: mentions and merge on arbitrary text.
 * The first byte picks the language; mentions must lie inside the text
 * and every merged mention must point at an entity or be left out (-1). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "extract/entities.h"
#include "text/textmodel.h"
#include "text/utf8.h"
#include "util/buf.h"

/* libFuzzer entry point. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    rc_buf b;
    rc_buf_init(&b, 1 << 20);
    size_t bad = 0;
    if (rc_utf8_sanitize((const char *)data + 1, size - 1, &b, &bad) != 0) {
        rc_buf_cleanup(&b);
        return 0;
    }
    rc_doc *d = rc_doc_new();
    rc_doc_set(d, &d->lang, data[0] & 1 ? "en" : "fr");
    rc_doc_set(d, &d->id, "fuzz");
    d->text = rc_doc_setn(d, &d->text, rc_buf_str(&b), b.len);
    d->text_len = b.len;
    rc_buf_cleanup(&b);
    rc_textmodel_build(d);
    rc_facts *f = rc_facts_new(d);
    rc_extract_entities(d, f);
    rc_entity_table *t = rc_entities_new();
    rc_entities_add(t, d, f);
    rc_entities_add(t, d, f);
    rc_entities_merge(t);
    for (size_t i = 0; i < f->nmentions; i++) {
        const rc_mention *m = &f->mentions[i];
        if (m->start >= m->end || m->end > d->text_len || !m->key)
            abort();
        /* -1: a lone sentence-initial word the run names nowhere else */
        if (m->entity < -1 || (m->entity >= 0 && (size_t)m->entity >= rc_entities_count(t)))
            abort();
    }
    rc_entities_free(t);
    rc_doc_free(d);
    return 0;
}
