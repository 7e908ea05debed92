/*
 * json_framing.c - framing[] (crosscheck/framing.h); see report/json_int.h.
 */
#include "crosscheck/framing.h"
#include "report/json_int.h"
#include <math.h>

/* z rounded to two decimals, for a stable and readable report. */
static json_t *z_json(double z)
{
    return json_real(floor(z * 100.0 + 0.5) / 100.0);
}

/* One framing[] element: {document, outlet, terms[], scores[], omissions[]}. */
static json_t *framing_doc_json(const rc_report *r, const rc_framing_doc *fd)
{
    const rc_doc *d = r->docs[fd->doc];
    json_t *o = json_object();
    RC_JSET(o, "document", rc_json_id(d->id));
    RC_JSET(o, "outlet", rc_json_str(d->outlet));
    json_t *terms = json_array(), *scores = json_array(), *om = json_array();
    for (size_t i = 0; i < fd->nscores; i++) {
        const rc_framing_score *s = &fd->scores[i];
        json_array_append_new(terms, rc_json_str(s->term));
        json_t *so = json_object();
        RC_JSET(so, "term", rc_json_str(s->term));
        RC_JSET(so, "z", z_json(s->z));
        RC_JSET(so, "count", json_integer((json_int_t)s->count));
        RC_JSET(so, "others_count", json_integer((json_int_t)s->others_count));
        RC_JSET(so, "background_count", json_integer((json_int_t)s->background_count));
        RC_JSET(so, "start", json_integer(s->start));
        RC_JSET(so, "end", json_integer(s->end));
        json_array_append_new(scores, so);
    }
    for (size_t i = 0; i < fd->nomissions; i++) {
        const rc_framing_omission *m = &fd->omissions[i];
        json_t *mo = json_object();
        RC_JSET(mo, "term", rc_json_str(m->term));
        RC_JSET(mo, "kind", rc_json_string(m->entity >= 0 ? "entity" : "word"));
        if (m->entity >= 0)
            RC_JSET(mo, "entity", json_integer(m->entity));
        RC_JSET(mo, "present", json_integer((json_int_t)m->present));
        RC_JSET(mo, "others", json_integer((json_int_t)m->others));
        json_array_append_new(om, mo);
    }
    RC_JSET(o, "terms", terms);
    RC_JSET(o, "scores", scores);
    RC_JSET(o, "omissions", om);
    return o;
}

/* framing[]; see json_int.h. */
json_t *rc_json_framing(const rc_report *r)
{
    json_t *arr = json_array();
    const rc_framing *f = r->analysis ? r->analysis->framing : NULL;
    if (!f)
        return arr;
    for (size_t i = 0; i < f->ndocs; i++)
        if (f->docs[i].doc < r->ndocs)
            json_array_append_new(arr, framing_doc_json(r, &f->docs[i]));
    return arr;
}
