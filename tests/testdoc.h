/*
 * testdoc.h - a document with its text model, for the tests and fuzz
 * targets of the stages that read one (copies, ...).
 */
#ifndef RC_TESTDOC_H
#define RC_TESTDOC_H
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

#endif
