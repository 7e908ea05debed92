/*
 * store_report.c - `report` on a store, story by story; see
 * store_report.h.
 */
#include "pipeline/store_report.h"
#include "cluster/copies.h"
#include "cluster/events.h"
#include "cluster/idmap.h"
#include "cluster/place.h"
#include "crosscheck/claims.h"
#include "crosscheck/discrepancy.h"
#include "crosscheck/framing.h"
#include "pipeline/analysis.h"
#include "text/textmodel.h"
#include "util/hash.h"
#include "util/mem.h"
#include "util/rc.h"
#include "util/stagetime.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* The top-level arrays, in the order of the contract. */
static const char *const KEYS[] = {"documents", "events", "stories", "entities",
                                   "quantities", "dates", "quotes", "citations",
                                   "claims", "discrepancies", "framing"};
enum { NKEYS = sizeof KEYS / sizeof *KEYS, K_DOCS = 0, K_EVENTS, K_STORIES, K_ENTITIES,
       K_QUANT, K_DATES, K_QUOTES, K_CIT, K_CLAIMS, K_DISC, K_FRAMING };

/* One element of a top-level array: its sort key, and either its bytes in
 * the key's temporary file (stream) or the value (tree). */
typedef struct chunk {
    uint64_t major, minor, seq;
    long off;
    size_t len;
    json_t *v;
} chunk;

typedef struct keysink {
    FILE *tmp;
    chunk *c;
    size_t n, cap;
} keysink;

/* The state of one report. */
typedef struct run {
    rc_store *s;
    const rc_store_report_opts *o;
    int stream;             /* json elements to temporary files */
    int terminal;           /* terminal sections rendered per story */
    int markdown;           /* each story's Markdown written as it is done */
    FILE *out;
    int with_text;
    char **ids;             /* stored ids, insertion order */
    size_t nids, capids;
    rc_idmap byid;          /* hash(id) -> ordinal */
    keysink k[NKEYS];
    uint64_t seq;
    size_t claim_base, ent_base, ndocs_out, nclaims_out;
    FILE *body;             /* terminal sections */
    size_t story_cap;       /* RC_REPORT_STORY_DOCS, or RECOUPE_STORY_PART */
    int bad;
} run;

/* Hash of an id for the maps. */
static uint64_t id_hash(const char *id)
{
    return rc_hash64(id, strlen(id), 0x5eed5eedu);
}

/* rc_store_each_id callback: remember the id and its ordinal. */
static int on_id(const char *id, void *ud)
{
    run *R = ud;
    if (R->nids == R->capids) {
        R->capids = R->capids ? R->capids * 2 : 1024;
        R->ids = rc_reallocarray(R->ids, R->capids, sizeof *R->ids);
    }
    R->ids[R->nids] = rc_strdup(id);
    rc_idmap_add(&R->byid, id_hash(id), (uint32_t)R->nids);
    R->nids++;
    return 0;
}

/* Ordinal (insertion rank) of stored id, or SIZE_MAX. */
static size_t ordinal(const run *R, const char *id)
{
    size_t n;
    const uint32_t *v = rc_idmap_get(&R->byid, id_hash(id), &n);
    for (size_t i = 0; v && i < n; i++)
        if (strcmp(R->ids[v[i]], id) == 0)
            return v[i];
    return SIZE_MAX;
}

/* Add element v of key k with sort key (major, minor); v is borrowed. */
static void sink_add(run *R, int k, uint64_t major, uint64_t minor, json_t *v)
{
    keysink *ks = &R->k[k];
    if (ks->n == ks->cap) {
        ks->cap = ks->cap ? ks->cap * 2 : 256;
        ks->c = rc_reallocarray(ks->c, ks->cap, sizeof *ks->c);
    }
    chunk *c = &ks->c[ks->n++];
    memset(c, 0, sizeof *c);
    c->major = major;
    c->minor = minor;
    c->seq = R->seq++;
    if (!R->stream) {
        c->v = json_incref(v);
        return;
    }
    if (!ks->tmp && !(ks->tmp = tmpfile())) {
        R->bad = 1;
        return;
    }
    c->off = ftell(ks->tmp);
    char *txt;
    if (k == K_DOCS) {
        txt = json_dumps(v, JSON_COMPACT);
    } else {
        /* an element as jansson indents it inside a top-level array: the
         * dump of [v] without "[\n" and "\n]" */
        json_t *one = json_array();
        json_array_append(one, v);
        txt = json_dumps(one, JSON_INDENT(2));
        json_decref(one);
    }
    if (!txt) {
        R->bad = 1;
        return;
    }
    const char *p = txt;
    size_t len = strlen(txt);
    if (k != K_DOCS && len >= 4) {
        p += 2;
        len -= 4;
    }
    c->len = len;
    if (fwrite(p, 1, len, ks->tmp) != len)
        R->bad = 1;
    free(txt);
}

/* qsort order of chunks: major, minor, then arrival. */
static int chunk_cmp(const void *x, const void *y)
{
    const chunk *a = x, *b = y;
    if (a->major != b->major)
        return a->major < b->major ? -1 : 1;
    if (a->minor != b->minor)
        return a->minor < b->minor ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* Add (base + number) to an entity id string "E<number>" held under key
 * of object o. */
static void shift_entity(json_t *o, const char *key, size_t base)
{
    const char *s = json_string_value(json_object_get(o, key));
    if (!s || s[0] != 'E')
        return;
    char *end = NULL;
    unsigned long long v = strtoull(s + 1, &end, 10);
    if (!end || *end)
        return;
    char id[32];
    snprintf(id, sizeof id, "E%llu", v + (unsigned long long)base);
    json_object_set_new(o, key, json_string(id));
}

/* The local index of each document id of a story part. */
typedef struct part {
    rc_doc **docs;
    size_t *ord;            /* ordinal of each local document */
    size_t n;
    rc_idmap byid;          /* hash(id) -> local index */
    const size_t *evglobal; /* global event index of each local event */
    const struct rc_events *events;
    size_t story;
    json_t **story_elem;    /* the story's stories[] element, merged over its parts */
} part;

/* Local index of the document named by o's "document", or SIZE_MAX. */
static size_t part_doc(const part *P, const json_t *o)
{
    const char *id = json_string_value(json_object_get(o, "document"));
    if (!id)
        return SIZE_MAX;
    size_t n;
    const uint32_t *v = rc_idmap_get(&P->byid, id_hash(id), &n);
    for (size_t i = 0; v && i < n; i++)
        if (strcmp(P->docs[v[i]]->id, id) == 0)
            return v[i];
    return SIZE_MAX;
}

/* Hand the arrays of part tree t to the sinks with their sort keys. */
static void part_sink(run *R, const part *P, json_t *t, size_t nissues, size_t ncontested)
{
    size_t i;
    json_t *x;
    json_array_foreach(json_object_get(t, "documents"), i, x)
        sink_add(R, K_DOCS, i < P->n ? P->ord[i] : 0, 0, x);
    json_array_foreach(json_object_get(t, "events"), i, x)
        sink_add(R, K_EVENTS, P->evglobal[i], 0, x);
    json_array_foreach(json_object_get(t, "stories"), i, x) {
        if (!*P->story_elem) {
            *P->story_elem = json_deep_copy(x);
            continue;
        }
        json_array_extend(json_object_get(*P->story_elem, "events"), json_object_get(x, "events"));
        json_array_extend(json_object_get(*P->story_elem, "documents"),
                          json_object_get(x, "documents"));
    }
    json_array_foreach(json_object_get(t, "entities"), i, x)
        sink_add(R, K_ENTITIES, 0, 0, x);
    static const int facts[] = {K_QUANT, K_DATES, K_QUOTES, K_CIT};
    for (size_t f = 0; f < 4; f++) {
        json_array_foreach(json_object_get(t, KEYS[facts[f]]), i, x) {
            size_t d = part_doc(P, x);
            sink_add(R, facts[f], d < P->n ? P->ord[d] : UINT64_MAX, 0, x);
        }
    }
    json_array_foreach(json_object_get(t, "claims"), i, x)
        sink_add(R, K_CLAIMS, 0, 0, x);
    json_t *disc = json_object_get(t, "discrepancies");
    size_t nd = json_array_size(disc);
    json_array_foreach(disc, i, x) {
        if (i < nissues) {
            const json_t *docs = json_object_get(x, "documents");
            json_t *one = json_object();
            json_object_set(one, "document", json_array_get(docs, 0));
            size_t d = part_doc(P, one);
            json_decref(one);
            sink_add(R, K_DISC, 0, d < P->n ? P->ord[d] : UINT64_MAX, x);
        } else {
            sink_add(R, K_DISC, i + ncontested >= nd ? 2 : 1, 0, x);
        }
    }
    json_array_foreach(json_object_get(t, "framing"), i, x) {
        size_t d = part_doc(P, x);
        size_t e = d < P->n ? rc_events_of_doc(P->events, d) : SIZE_MAX;
        sink_add(R, K_FRAMING, e != SIZE_MAX ? P->evglobal[e] : UINT64_MAX, 0, x);
    }
}

/* qsort order of size_t, ascending. */
static int size_cmp(const void *x, const void *y)
{
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    return a < b ? -1 : a > b;
}

/* Report the events evs[0..nev) of story si of listing l (the whole
 * story, or one part of a story too large to cross-check at once): load,
 * extract, cross-check, hand the part on, free. */
static void do_part(run *R, const rc_evlist *l, size_t si, const size_t *evs, size_t nev,
                    const rc_framing_background *bg, json_t **story_elem)
{
    const rc_evlist_story *st = &l->stories[si];
    part P;
    memset(&P, 0, sizeof P);
    P.story = si;
    P.story_elem = story_elem;
    size_t m = 0;
    for (size_t k = 0; k < nev; k++)
        m += l->events[evs[k]].ndocs;
    P.ord = rc_malloc((m ? m : 1) * sizeof *P.ord);
    size_t n = 0;
    for (size_t k = 0; k < nev; k++) {
        const rc_evlist_event *e = &l->events[evs[k]];
        for (size_t j = 0; j < e->ndocs; j++) {
            size_t o = ordinal(R, e->docs[j]);
            if (o != SIZE_MAX)
                P.ord[n++] = o;
        }
    }
    /* insertion order */
    qsort(P.ord, n, sizeof *P.ord, size_cmp);
    double t0 = rc_stagetime_now();
    P.docs = rc_calloc(n ? n : 1, sizeof *P.docs);
    size_t nl = 0;
    for (size_t i = 0; i < n; i++) {
        if (rc_store_get(R->s, R->ids[P.ord[i]], &P.docs[nl]) != RC_OK) {
            R->bad = 1;
            continue;
        }
        P.ord[nl++] = P.ord[i];
    }
    P.n = nl;
    rc_idmap_init(&P.byid, 4);
    for (size_t i = 0; i < nl; i++)
        rc_idmap_add(&P.byid, id_hash(P.docs[i]->id), (uint32_t)i);
    /* the story's stored events over the local documents */
    rc_event_given *g = rc_calloc(nev + 1, sizeof *g);
    size_t *evglobal = rc_calloc(nev + 1, sizeof *evglobal);
    size_t **gdocs = rc_calloc(nev + 1, sizeof *gdocs);
    for (size_t k = 0; k < nev; k++) {
        const rc_evlist_event *e = &l->events[evs[k]];
        evglobal[k] = evs[k];
        gdocs[k] = rc_malloc((e->ndocs ? e->ndocs : 1) * sizeof **gdocs);
        size_t q = 0;
        for (size_t j = 0; j < e->ndocs; j++) {
            json_t *one = json_pack("{s:s}", "document", e->docs[j]);
            size_t d = part_doc(&P, one);
            json_decref(one);
            if (d != SIZE_MAX)
                gdocs[k][q++] = d;
        }
        qsort(gdocs[k], q, sizeof **gdocs, size_cmp);
        g[k] = (rc_event_given){e->id, e->date, e->undated, e->label, gdocs[k], q, 0};
    }
    P.evglobal = evglobal;
    double t1 = rc_stagetime_now();
    rc_stagetime_add("load", t1 - t0);
    rc_analysis a;
    rc_analysis_extract(&a, P.docs, nl);
    double t2 = rc_stagetime_now();
    rc_stagetime_add("extract", t2 - t1);
    a.copies = rc_copies_build(a.docs, a.ndocs);
    const char *sid = st->id;
    a.events = rc_events_given(&a, g, nev, &sid, 1);
    P.events = a.events;
    double t3 = rc_stagetime_now();
    rc_stagetime_add("copies+events", t3 - t2);
    rc_analysis_crosscheck(&a, bg, R->claim_base);
    double t4 = rc_stagetime_now();
    size_t nissues = 0, ncontested = 0;
    for (size_t i = 0; i < nl; i++)
        nissues += P.docs[i]->nissues;
    for (size_t c = 0; c < a.claims->nclaims; c++)
        ncontested += a.claims->claims[c].status == RC_CLAIM_CONTESTED;
    rc_report rep = {P.docs, nl, R->o->version, a.facts, a.entities, &a};
    json_t *t = rc_report_tree(&rep, R->with_text);
    double t5 = rc_stagetime_now();
    rc_stagetime_add("report tree", t5 - t4);
    size_t nent = json_array_size(json_object_get(t, "entities"));
    if (R->ent_base) {
        size_t i;
        json_t *x;
        json_array_foreach(json_object_get(t, "entities"), i, x)
            shift_entity(x, "id", R->ent_base);
        json_array_foreach(json_object_get(t, "quotes"), i, x)
            shift_entity(x, "speaker_entity", R->ent_base);
        json_array_foreach(json_object_get(t, "citations"), i, x)
            shift_entity(x, "source_entity", R->ent_base);
    }
    R->ent_base += nent;
    R->claim_base += a.claims->nclaims;
    R->ndocs_out += nl;
    R->nclaims_out += a.claims->nclaims;
    if (R->markdown) {
        if (R->o->event)
            rc_report_tree_event(t, R->o->event);
        if (rc_report_markdown_tree(R->out, &rep, t) != RC_OK)
            R->bad = 1;
    } else if (R->terminal) {
        if (rc_report_terminal_body(R->body, t, &R->o->term) != RC_OK)
            R->bad = 1;
    } else {
        part_sink(R, &P, t, nissues, ncontested);
    }
    json_decref(t);
    rc_stagetime_add("write", rc_stagetime_now() - t5);
    rc_analysis_cleanup(&a);
    for (size_t k = 0; k < nev; k++)
        free(gdocs[k]);
    free(gdocs);
    free(g);
    free(evglobal);
    rc_idmap_cleanup(&P.byid);
    for (size_t i = 0; i < nl; i++)
        rc_doc_free(P.docs[i]);
    free(P.docs);
    free(P.ord);
}

/* Report story si of listing l: at once when it holds at most
 * RC_REPORT_STORY_DOCS documents, else in parts of consecutive events of
 * at most that many documents (an event is never split), each part
 * cross-checked on its own; the story's stories[] element is written once,
 * merged over its parts. */
static void do_story(run *R, const rc_evlist *l, size_t si, const rc_framing_background *bg)
{
    const rc_evlist_story *st = &l->stories[si];
    json_t *elem = NULL;
    size_t from = 0;
    while (from < st->nevents) {
        size_t to = from, docs = 0;
        while (to < st->nevents &&
               (to == from || docs + l->events[st->events[to]].ndocs <= R->story_cap))
            docs += l->events[st->events[to++]].ndocs;
        do_part(R, l, si, st->events + from, to - from, bg, &elem);
        from = to;
    }
    if (elem && !R->terminal && !R->markdown)
        sink_add(R, K_STORIES, si, 0, elem);
    json_decref(elem);
}

/* The framing background: every stored document up to RC_REPORT_BG_DOCS,
 * else every k-th in insertion order (k = ceil(n / RC_REPORT_BG_DOCS)).
 * The documents are freed once counted. */
static rc_framing_background *background(run *R)
{
    size_t n = R->nids, step = (n + RC_REPORT_BG_DOCS - 1) / RC_REPORT_BG_DOCS;
    if (!step)
        step = 1;
    rc_doc **docs = rc_calloc(n / step + 2, sizeof *docs);
    size_t m = 0;
    for (size_t i = 0; i < n; i += step) {
        if (rc_store_get(R->s, R->ids[i], &docs[m]) != RC_OK)
            continue;
        rc_textmodel_build(docs[m]);
        m++;
    }
    /* framing leaves dates and amounts out of its terms, as analyze does:
     * those two extractors are all the background needs */
    rc_facts **facts = rc_calloc(m ? m : 1, sizeof *facts);
    for (size_t i = 0; i < m; i++) {
        facts[i] = rc_facts_new(docs[i]);
        rc_extract_quantities(docs[i], facts[i]);
        rc_extract_dates(docs[i], facts[i]);
    }
    rc_analysis a;
    memset(&a, 0, sizeof a);
    a.docs = docs;
    a.ndocs = m;
    a.facts = facts;
    rc_framing_background *bg = rc_framing_background_new(&a);
    for (size_t i = 0; i < m; i++)
        rc_doc_free(docs[i]);
    free(facts);
    free(docs);
    return bg;
}

/* Copy len bytes at off of tmp to out. */
static int copy_bytes(FILE *tmp, long off, size_t len, FILE *out)
{
    char buf[1 << 14];
    if (fseek(tmp, off, SEEK_SET) != 0)
        return -1;
    while (len) {
        size_t k = len < sizeof buf ? len : sizeof buf;
        if (fread(buf, 1, k, tmp) != k || fwrite(buf, 1, k, out) != k)
            return -1;
        len -= k;
    }
    return 0;
}

/* Write the sorted json stream in rc_report_json's layout. */
static int write_stream(run *R, FILE *out)
{
    int bad = 0;
    fputs("{\n  \"recoupe\": ", out);
    json_t *meta = json_pack("{s:s, s:i}", "version", R->o->version ? R->o->version : "",
                             "report_format", 1);
    bad |= json_dumpf(meta, out, JSON_INDENT(2)) != 0;
    json_decref(meta);
    fputs(",\n", out);
    for (int k = 0; k < NKEYS; k++) {
        keysink *ks = &R->k[k];
        qsort(ks->c, ks->n, sizeof *ks->c, chunk_cmp);
        fprintf(out, "  \"%s\": [", KEYS[k]);
        for (size_t i = 0; i < ks->n; i++) {
            if (k == K_DOCS)
                fputs(i ? ",\n    " : "\n    ", out);
            else
                fputs(i ? ",\n" : "\n", out);
            bad |= copy_bytes(ks->tmp, ks->c[i].off, ks->c[i].len, out) != 0;
        }
        if (ks->n)
            fputs(k == K_DOCS ? "\n  ]" : "\n]", out);
        else
            fputs("]", out);
        fputs(k + 1 < NKEYS ? ",\n" : "\n", out);
    }
    fputs("}\n", out);
    return bad;
}

/* The merged report tree of the sinks (tree mode). */
static json_t *merged_tree(run *R)
{
    json_t *t = json_object();
    json_object_set_new(t, "recoupe", json_pack("{s:s, s:i}", "version",
                                                 R->o->version ? R->o->version : "",
                                                 "report_format", 1));
    for (int k = 0; k < NKEYS; k++) {
        keysink *ks = &R->k[k];
        qsort(ks->c, ks->n, sizeof *ks->c, chunk_cmp);
        json_t *a = json_array();
        for (size_t i = 0; i < ks->n; i++) {
            json_array_append_new(a, ks->c[i].v);
            ks->c[i].v = NULL;
        }
        json_object_set_new(t, KEYS[k], a);
    }
    return t;
}

/* The report; see store_report.h. */
int rc_store_report(rc_store *s, const rc_store_report_opts *o, FILE *out)
{
    const char *fmt = o->format ? o->format : "terminal";
    int is_json = strcmp(fmt, "json") == 0, is_html = strcmp(fmt, "html") == 0;
    int is_term = strcmp(fmt, "terminal") == 0;
    run R;
    memset(&R, 0, sizeof R);
    R.s = s;
    R.o = o;
    R.stream = is_json && !o->event;
    R.terminal = is_term && !o->event;
    R.markdown = strcmp(fmt, "markdown") == 0;
    R.story_cap = RC_REPORT_STORY_DOCS;
    const char *cap = getenv("RECOUPE_STORY_PART");
    if (cap && *cap) {
        char *end = NULL;
        unsigned long long v = strtoull(cap, &end, 10);
        if (end && !*end && v > 0 && v <= SIZE_MAX)
            R.story_cap = (size_t)v;
    }
    R.out = out;
    R.with_text = is_json || is_html;
    rc_idmap_init(&R.byid, 4);
    rc_evlist *l = NULL;
    int rc = rc_store_each_id(s, on_id, &R);
    double tl = rc_stagetime_now();
    if (rc == RC_OK)
        rc = rc_evlist_load(s, &l);
    rc_stagetime_add("events+stories load", rc_stagetime_now() - tl);
    size_t only = SIZE_MAX;
    if (rc == RC_OK && o->event) {
        for (size_t i = 0; i < l->nevents; i++)
            if (strcmp(l->events[i].id, o->event) == 0)
                only = l->events[i].story;
        if (only == SIZE_MAX) {
            size_t n = l->nevents;
            fprintf(stderr, "recoupe: error: no event '%s' (%zu event%s in this report%s)\n",
                    o->event, n, n == 1 ? "" : "s",
                    n ? "; see the events[] ids of --format json" : "");
            rc = RC_NOTFOUND;
        }
    }
    if (rc == RC_OK && R.terminal && !(R.body = tmpfile())) {
        fprintf(stderr, "recoupe: error: no temporary file (%s)\n", strerror(errno));
        rc = RC_IO;
    }
    if (rc == RC_OK) {
        double tb = rc_stagetime_now();
        rc_framing_background *bg = background(&R);
        rc_stagetime_add("framing background", rc_stagetime_now() - tb);
        for (size_t si = 0; si < l->nstories; si++)
            if (only == SIZE_MAX || si == only)
                do_story(&R, l, si, bg);
        rc_framing_background_free(bg);
        if (R.stream) {
            R.bad |= write_stream(&R, out);
        } else if (R.markdown) {
            /* written story by story */
        } else if (R.terminal) {
            R.bad |= rc_report_terminal_head(out, R.ndocs_out, only == SIZE_MAX ? l->nevents : 0,
                                             R.nclaims_out, &o->term) != RC_OK;
            fflush(R.body);
            long end = ftell(R.body);
            R.bad |= end < 0 || copy_bytes(R.body, 0, (size_t)end, out) != 0;
        } else {
            json_t *t = merged_tree(&R);
            if (o->event)
                rc_report_tree_event(t, o->event);
            int w;
            if (is_json)
                w = rc_report_json_tree(out, t);
            else if (is_html)
                w = rc_report_html(out, t);
            else
                w = rc_report_terminal(out, t, &o->term);
            R.bad |= w != RC_OK;
            json_decref(t);
        }
        if (fflush(out) != 0 || ferror(out))
            R.bad = 1;
        if (R.bad) {
            fprintf(stderr, "recoupe: error: could not write the report (%s)\n", strerror(errno));
            rc = RC_IO;
        }
    }
    if (R.body)
        fclose(R.body);
    for (int k = 0; k < NKEYS; k++) {
        for (size_t i = 0; i < R.k[k].n; i++)
            json_decref(R.k[k].c[i].v);
        free(R.k[k].c);
        if (R.k[k].tmp)
            fclose(R.k[k].tmp);
    }
    rc_evlist_free(l);
    rc_idmap_cleanup(&R.byid);
    for (size_t i = 0; i < R.nids; i++)
        free(R.ids[i]);
    free(R.ids);
    return rc;
}
