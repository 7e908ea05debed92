/*
 * json_copies.c - documents[].copies: the documents whose text a document
 * shares (cluster/copies.h); see report/json_int.h.
 */
#include "report/json_int.h"
#include "cluster/copies.h"

/* A share or Jaccard value rounded to two decimals (stable output). */
static json_t *ratio(float v)
{
    return json_real((double)(long)((double)v * 100.0 + 0.5) / 100.0);
}

/* Add "copies" (and "copies_more" when some were left out) to document
 * i's object; see json_int.h. */
void rc_json_doc_copies(json_t *o, const rc_report *r, size_t i)
{
    if (!r->analysis || !r->analysis->copies)
        return;
    const rc_copy *c;
    size_t more;
    size_t n = rc_copies_of(r->analysis->copies, i, &c, &more);
    json_t *a = json_array();
    for (size_t k = 0; k < n; k++) {
        if (c[k].doc >= r->ndocs)
            continue;
        json_t *e = json_object();
        RC_JSET(e, "document", rc_json_id(r->docs[c[k].doc]->id));
        RC_JSET(e, "share", ratio(c[k].share));
        RC_JSET(e, "jaccard", ratio(c[k].jaccard));
        RC_JSET(e, "direction", rc_json_string(rc_copy_dir_name(c[k].direction)));
        RC_JSET(e, "basis", rc_json_str(rc_copy_basis_name(c[k].basis)));
        json_array_append_new(a, e);
    }
    RC_JSET(o, "copies", a);
    if (more)
        RC_JSET(o, "copies_more", json_integer((json_int_t)more));
}
