/*
 * json_copies.c - documents[].copies: the documents whose text a document
 * shares (cluster/copies.h); see report/json_int.h.
 */
#include "report/json_int.h"
#include "cluster/copies.h"

/* A share or Jaccard value rounded to two decimals (stable output). */
static void ratio(rc_jw *w, float v)
{
    rc_jw_real(w, (double)(long)((double)v * 100.0 + 0.5) / 100.0);
}

/* "copies" (and "copies_more" when some were left out) of document i,
 * inside its open object; see json_int.h. */
void rc_emit_doc_copies(rc_jw *w, const rc_report *r, size_t i)
{
    if (!r->analysis || !r->analysis->copies)
        return;
    const rc_copy *c;
    size_t more;
    size_t n = rc_copies_of(r->analysis->copies, i, &c, &more);
    rc_jw_key(w, "copies");
    rc_jw_arr(w);
    for (size_t k = 0; k < n; k++) {
        if (c[k].doc >= r->ndocs)
            continue;
        rc_jw_obj(w);
        rc_jw_key(w, "document");
        rc_emit_doc_id(w, r, c[k].doc);
        rc_jw_key(w, "share");
        ratio(w, c[k].share);
        rc_jw_key(w, "jaccard");
        ratio(w, c[k].jaccard);
        rc_jw_key(w, "direction");
        rc_jw_str(w, rc_copy_dir_name(c[k].direction));
        rc_jw_key(w, "basis");
        rc_jw_str(w, rc_copy_basis_name(c[k].basis));
        rc_jw_end(w);
    }
    rc_jw_end(w);
    if (more) {
        rc_jw_key(w, "copies_more");
        rc_jw_int(w, (long long)more);
    }
}
