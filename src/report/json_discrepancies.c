/*
 * json_discrepancies.c - discrepancies[] (crosscheck/discrepancy.h): the
 * inconsistencies recorded on single documents, then those found across
 * documents; see report/json_int.h.
 */
#include "report/json_int.h"

/* discrepancies[]; see json_int.h. Inconsistencies recorded on documents
 * (for example a dateline weekday that does not match its date). */
json_t *rc_json_discrepancies(const rc_report *r)
{
    json_t *a = json_array();
    for (size_t i = 0; i < r->ndocs; i++) {
        const rc_doc *d = r->docs[i];
        for (size_t k = 0; k < d->nissues; k++) {
            json_t *x = json_object();
            json_object_set_new(x, "kind", rc_json_str(d->issues[k].kind));
            json_object_set_new(x, "documents", json_pack("[s]", d->id));
            json_object_set_new(x, "description", rc_json_str(d->issues[k].description));
            json_object_set_new(x, "evidence", rc_json_str(d->issues[k].evidence));
            json_array_append_new(a, x);
        }
    }
    return a;
}

