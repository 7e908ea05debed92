/*
 * json_framing.c - framing[] (crosscheck/framing.h); see report/json_int.h.
 */
#include "crosscheck/framing.h"
#include "report/json_int.h"
#include <math.h>

/* z rounded to two decimals, for a stable and readable report. */
static void z_emit(rc_jw *w, double z)
{
    rc_jw_real(w, floor(z * 100.0 + 0.5) / 100.0);
}

/* Number of framing entries (the framing stage's per-document results,
 * those of documents of the report and not); see json_int.h. */
size_t rc_emit_nframing(const rc_report *r)
{
    const rc_framing *f = r->analysis ? r->analysis->framing : NULL;
    return f ? f->ndocs : 0;
}

/* The framing[] element of framing entry i: {document, outlet, terms[],
 * scores[], omissions[]}; returns 0 (nothing written) when its document
 * is not one of the report's; see json_int.h. */
int rc_emit_framing(rc_jw *w, const rc_report *r, size_t i, size_t *doc)
{
    const rc_framing_doc *fd = &r->analysis->framing->docs[i];
    *doc = fd->doc;
    if (fd->doc >= r->ndocs)
        return 0;
    const rc_doc *d = r->docs[fd->doc];
    rc_jw_obj(w);
    rc_jw_key(w, "document");
    rc_emit_doc_id(w, r, fd->doc);
    rc_jw_key(w, "outlet");
    rc_jw_str(w, d->outlet);
    rc_jw_key(w, "terms");
    rc_jw_arr(w);
    for (size_t k = 0; k < fd->nscores; k++)
        rc_jw_str(w, fd->scores[k].term);
    rc_jw_end(w);
    rc_jw_key(w, "scores");
    rc_jw_arr(w);
    for (size_t k = 0; k < fd->nscores; k++) {
        const rc_framing_score *s = &fd->scores[k];
        rc_jw_obj(w);
        rc_jw_key(w, "term");
        rc_jw_str(w, s->term);
        rc_jw_key(w, "z");
        z_emit(w, s->z);
        rc_jw_key(w, "count");
        rc_jw_int(w, (long long)s->count);
        rc_jw_key(w, "others_count");
        rc_jw_int(w, (long long)s->others_count);
        rc_jw_key(w, "background_count");
        rc_jw_int(w, (long long)s->background_count);
        rc_jw_key(w, "start");
        rc_jw_int(w, s->start);
        rc_jw_key(w, "end");
        rc_jw_int(w, s->end);
        rc_jw_end(w);
    }
    rc_jw_end(w);
    rc_jw_key(w, "omissions");
    rc_jw_arr(w);
    for (size_t k = 0; k < fd->nomissions; k++) {
        const rc_framing_omission *m = &fd->omissions[k];
        rc_jw_obj(w);
        rc_jw_key(w, "term");
        rc_jw_str(w, m->term);
        rc_jw_key(w, "kind");
        rc_jw_str(w, m->entity >= 0 ? "entity" : "word");
        if (m->entity >= 0) {
            rc_jw_key(w, "entity");
            rc_jw_int(w, m->entity);
        }
        rc_jw_key(w, "present");
        rc_jw_int(w, (long long)m->present);
        rc_jw_key(w, "others");
        rc_jw_int(w, (long long)m->others);
        rc_jw_end(w);
    }
    rc_jw_end(w);
    rc_jw_end(w);
    return 1;
}
