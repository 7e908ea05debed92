/*
 * filter.c - narrow a report tree to one event (`recoupe report --event`);
 * see report.h. Works on the JSON contract only, so it follows the stages'
 * keys without knowing their structs.
 */
#include "report/render.h"
#include "report/report.h"
#include "util/rc.h"
#include <string.h>

/* 1 when element o names a kept document: its "document", one of its
 * "documents", or the "document" of an element of o[sub] (sub may be NULL). */
static int touches(const json_t *o, const char *sub, const json_t *kept)
{
    const char *d = rc_jstr(o, "document");
    if (d && json_object_get(kept, d))
        return 1;
    size_t i;
    const json_t *e;
    json_array_foreach(rc_jarr(o, "documents"), i, e)
        if (json_is_string(e) && json_object_get(kept, json_string_value(e)))
            return 1;
    if (sub)
        json_array_foreach(rc_jarr(o, sub), i, e) {
            d = rc_jstr(e, "document");
            if (d && json_object_get(kept, d))
                return 1;
        }
    return 0;
}

/* Remove from array a (when it is one) the elements that do not touch a
 * kept document. */
static void keep_touching(json_t *a, const char *sub, const json_t *kept)
{
    if (!json_is_array(a))
        return;
    json_t *out = json_array();
    size_t i;
    json_t *e;
    json_array_foreach(a, i, e)
        if (touches(e, sub, kept))
            json_array_append(out, e);
    json_array_clear(a);
    json_array_extend(a, out);
    json_decref(out);
}

/* Narrow t to event id; see report.h. */
int rc_report_tree_event(json_t *t, const char *id)
{
    json_t *events = json_object_get(t, "events");
    json_t *ev = NULL;
    size_t i;
    json_t *e;
    json_array_foreach(events, i, e) {
        const char *eid = rc_jstr(e, "id");
        if (eid && id && strcmp(eid, id) == 0) {
            ev = e;
            break;
        }
    }
    if (!ev)
        return RC_NOTFOUND;
    json_t *kept = json_object();
    json_array_foreach(rc_jarr(ev, "documents"), i, e)
        if (json_is_string(e))
            json_object_set_new(kept, json_string_value(e), json_true());
    json_incref(ev);
    json_array_clear(events);
    json_array_append_new(events, ev);

    /* documents: by their own id */
    json_t *docs = json_object_get(t, "documents");
    if (json_is_array(docs)) {
        json_t *out = json_array();
        json_array_foreach(docs, i, e) {
            const char *d = rc_jstr(e, "id");
            if (d && json_object_get(kept, d))
                json_array_append(out, e);
        }
        json_array_clear(docs);
        json_array_extend(docs, out);
        json_decref(out);
    }
    /* stories holding the event */
    json_t *stories = json_object_get(t, "stories");
    if (json_is_array(stories)) {
        json_t *out = json_array();
        json_array_foreach(stories, i, e) {
            size_t k;
            json_t *x;
            json_array_foreach(rc_jarr(e, "events"), k, x)
                if (json_is_string(x) && strcmp(json_string_value(x), id) == 0) {
                    json_array_append(out, e);
                    break;
                }
        }
        json_array_clear(stories);
        json_array_extend(stories, out);
        json_decref(out);
    }
    /* entities: those mentioned in a kept document, with those mentions */
    json_t *ents = json_object_get(t, "entities");
    json_array_foreach(ents, i, e)
        keep_touching(json_object_get(e, "mentions"), NULL, kept);
    if (json_is_array(ents)) {
        json_t *out = json_array();
        json_array_foreach(ents, i, e)
            if (json_array_size(rc_jarr(e, "mentions")))
                json_array_append(out, e);
        json_array_clear(ents);
        json_array_extend(ents, out);
        json_decref(out);
    }
    static const char *const facts[] = {"quantities", "dates", "quotes", "citations", "framing"};
    for (size_t k = 0; k < sizeof facts / sizeof *facts; k++)
        keep_touching(json_object_get(t, facts[k]), NULL, kept);
    keep_touching(json_object_get(t, "claims"), "support", kept);
    keep_touching(json_object_get(t, "discrepancies"), "evidence", kept);
    json_decref(kept);
    return RC_OK;
}
