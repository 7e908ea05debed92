/*
 * json_discrepancies.c - discrepancies[] (crosscheck/discrepancy.h): the
 * inconsistencies recorded on single documents, then those found across
 * documents; see report/json_int.h.
 */
#include "report/json_int.h"
#include "crosscheck/discrepancy.h"

/* discrepancies[]; see json_int.h. Inconsistencies recorded on documents
 * (for example a dateline weekday that does not match its date), then the
 * cross-document ones: {kind, documents[], description, evidence[{document,
 * text, start, end}], notes[], conflict}. */
json_t *rc_json_discrepancies(const rc_report *r)
{
    json_t *a = json_array();
    for (size_t i = 0; i < r->ndocs; i++) {
        const rc_doc *d = r->docs[i];
        for (size_t k = 0; k < d->nissues; k++) {
            json_t *x = json_object();
            RC_JSET(x, "kind", rc_json_str(d->issues[k].kind));
            RC_JSET(x, "documents", json_pack("[s]", d->id));
            RC_JSET(x, "description", rc_json_str(d->issues[k].description));
            RC_JSET(x, "evidence", rc_json_str(d->issues[k].evidence));
            json_array_append_new(a, x);
        }
    }
    const rc_analysis *an = r->analysis;
    const rc_discrepancies *l = an ? an->discrepancies : NULL;
    for (size_t i = 0; l && i < l->n; i++) {
        const rc_discrepancy *e = &l->items[i];
        json_t *x = json_object();
        RC_JSET(x, "kind", rc_json_str(e->kind));
        json_t *docs = json_array();
        for (size_t k = 0; k < e->ndocs; k++)
            if (e->docs[k] < an->ndocs)
                json_array_append_new(docs, rc_json_id(an->docs[e->docs[k]]->id));
        RC_JSET(x, "documents", docs);
        RC_JSET(x, "description", rc_json_str(e->description));
        json_t *ev = json_array();
        for (size_t k = 0; k < e->nevidence; k++) {
            if (e->evidence[k].doc >= an->ndocs)
                continue;
            const rc_doc *d = an->docs[e->evidence[k].doc];
            json_t *o = json_object();
            RC_JSET(o, "document", rc_json_id(d->id));
            RC_JSET(o, "text", rc_json_span(d, e->evidence[k].start, e->evidence[k].end));
            RC_JSET(o, "start", json_integer(e->evidence[k].start));
            RC_JSET(o, "end", json_integer(e->evidence[k].end));
            json_array_append_new(ev, o);
        }
        RC_JSET(x, "evidence", ev);
        json_t *notes = json_array();
        for (size_t k = 0; k < e->nnotes; k++)
            json_array_append_new(notes, rc_json_str(e->notes[k]));
        RC_JSET(x, "notes", notes);
        RC_JSET(x, "conflict", json_boolean(e->conflict));
        json_array_append_new(a, x);
    }
    return a;
}
