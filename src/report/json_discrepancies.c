/*
 * json_discrepancies.c - discrepancies[] (crosscheck/discrepancy.h): the
 * inconsistencies recorded on single documents, then those found across
 * documents; see report/json_int.h.
 */
#include "report/json_int.h"
#include "crosscheck/discrepancy.h"

/* The discrepancies[] element of issue k of document i (an
 * inconsistency recorded on one document, for example a dateline weekday
 * that does not match its date); see json_int.h. */
void rc_emit_doc_issue(rc_jw *w, const rc_report *r, size_t i, size_t k)
{
    const rc_doc *d = r->docs[i];
    rc_jw_obj(w);
    rc_jw_key(w, "kind");
    rc_jw_str(w, d->issues[k].kind);
    rc_jw_key(w, "documents");
    rc_jw_arr(w);
    rc_emit_doc_id(w, r, i);
    rc_jw_end(w);
    rc_jw_key(w, "description");
    rc_jw_str(w, d->issues[k].description);
    rc_jw_key(w, "evidence");
    rc_jw_str(w, d->issues[k].evidence);
    rc_jw_end(w);
}

/* The id of the analysis's document i (the report's documents when they
 * are the analysis's). */
static void doc_id(rc_jw *w, const rc_report *r, const rc_analysis *an, size_t i)
{
    if (an->docs == r->docs && i < r->ndocs)
        rc_emit_doc_id(w, r, i);
    else
        rc_jw_str(w, an->docs[i]->id);
}

/* Number of cross-document discrepancies; see json_int.h. */
size_t rc_emit_ndiscrepancies(const rc_report *r)
{
    const rc_analysis *an = r->analysis;
    return an && an->discrepancies ? an->discrepancies->n : 0;
}

/* The discrepancies[] element of cross-document discrepancy i: {kind,
 * documents[], description, evidence[{document, text, start, end}],
 * notes[], conflict}; see json_int.h. */
void rc_emit_discrepancy(rc_jw *w, const rc_report *r, size_t i)
{
    const rc_analysis *an = r->analysis;
    const rc_discrepancy *e = &an->discrepancies->items[i];
    rc_jw_obj(w);
    rc_jw_key(w, "kind");
    rc_jw_str(w, e->kind);
    rc_jw_key(w, "documents");
    rc_jw_arr(w);
    for (size_t k = 0; k < e->ndocs; k++)
        if (e->docs[k] < an->ndocs)
            doc_id(w, r, an, e->docs[k]);
    rc_jw_end(w);
    rc_jw_key(w, "description");
    rc_jw_str(w, e->description);
    rc_jw_key(w, "evidence");
    rc_jw_arr(w);
    for (size_t k = 0; k < e->nevidence; k++) {
        if (e->evidence[k].doc >= an->ndocs)
            continue;
        const rc_doc *d = an->docs[e->evidence[k].doc];
        rc_jw_obj(w);
        rc_jw_key(w, "document");
        doc_id(w, r, an, e->evidence[k].doc);
        rc_jw_key(w, "text");
        if (an->docs == r->docs && e->evidence[k].doc < r->ndocs)
            rc_emit_span(w, r, e->evidence[k].doc, e->evidence[k].start, e->evidence[k].end);
        else
            rc_jw_span(w, d, e->evidence[k].start, e->evidence[k].end);
        rc_jw_key(w, "start");
        rc_jw_int(w, e->evidence[k].start);
        rc_jw_key(w, "end");
        rc_jw_int(w, e->evidence[k].end);
        rc_jw_end(w);
    }
    rc_jw_end(w);
    rc_jw_key(w, "notes");
    rc_jw_strs(w, (const char *const *)e->notes, e->nnotes);
    rc_jw_key(w, "conflict");
    rc_jw_bool(w, e->conflict);
    rc_jw_end(w);
}
