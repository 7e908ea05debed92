/*
 * testdoc.h - a document with its text model, and a lookup in the
 * copies stage's lists, for the copies tests and fuzz target.
 */
#ifndef RC_TESTDOC_H
#define RC_TESTDOC_H
#include "cluster/copies.h"
#include "doc/doc.h"
#include "text/textmodel.h"
#include <string.h>

/* A new document (rc_doc_free) with id, language, text, publication date,
 * outlet and one credit (each NULL left unknown, text required), its text
 * model built. */
static inline rc_doc *mkdoc(const char *id, const char *lang, const char *text,
                            const char *published, const char *outlet, const char *credit)
{
    rc_doc *d = rc_doc_new();
    rc_doc_set(d, &d->id, id);
    rc_doc_set(d, &d->lang, lang);
    rc_doc_set(d, &d->published, published);
    rc_doc_set(d, &d->outlet, outlet);
    if (credit)
        rc_doc_add_credit(d, credit);
    rc_doc_set(d, &d->text, text);
    d->text_len = strlen(text);
    rc_textmodel_build(d);
    return d;
}

/* The copy of document i naming document j in c, or NULL. */
static inline const rc_copy *copy_of(const struct rc_copies *c, size_t i, size_t j)
{
    const rc_copy *v;
    size_t n = rc_copies_of(c, i, &v, NULL);
    for (size_t k = 0; k < n; k++)
        if (v[k].doc == j)
            return &v[k];
    return NULL;
}

#endif
