/*
 * place.c - incremental placement of stored articles into events, and the
 * listing of the stored events; see place.h.
 */
#include "cluster/place.h"
#include "util/bytes.h"
#include "cluster/copies.h"
#include "cluster/events.h"
#include "cluster/eventdate.h"
#include "cluster/evfeat.h"
#include "cluster/stories.h"
#include "cluster/idmap.h"
#include "cluster/linkcache.h"
#include "extract/entities.h"
#include "extract/facts.h"
#include "extract/factscodec.h"
#include "text/textmodel.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/hash.h"
#include "util/mem.h"
#include "util/rc.h"
#include "util/stagetime.h"
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum {
    WRAP_VERSION = 1,
    STATE_MAX = 1 << 20,     /* an event's wrapped state never reaches this */
    FACTS_MAX = 1 << 24,     /* a bigger facts record is not stored */
    COMMIT_EVERY = 64        /* rc_place_missing: documents per batch */
};

/* What the placer keeps per engine event besides the engine's state. */
typedef struct evaux {
    int64_t id;              /* stored event id */
    char *label;             /* owned; NULL none */
    double label_score;
    char **outlets;          /* owned strings */
    uint32_t nout;
    char **langs;
    uint32_t nlang;
    int dirty;               /* changed since its row was last written */
} evaux;

/* Document-frequency increments of the open batch: hash -> count
 * (open addressing; key 0 stored as 1, as the engine does). */
typedef struct dfpend {
    uint64_t *k;
    uint32_t *v;
    uint32_t *seen;          /* 1 + the batch document that last counted it */
    size_t cap, n;
    int64_t docs;            /* documents counted in the batch */
} dfpend;

struct rc_placer {
    rc_store *s;
    rc_evclust *c;
    evaux *aux;              /* parallel to the engine's events */
    size_t naux, caux;
    rc_idmap byid;           /* stored event id -> engine index */
    rc_idmap known;          /* hash of a document id -> 1: in the copy index */
    rc_dedup *dd;
    int64_t *serial_ev;      /* copy-index serial -> stored event id (0 none) */
    const char **serial_doc; /* serial -> document id (arena) */
    size_t nserial, cserial;
    rc_arena *ar;
    int have_range, undated_loaded;
    int have_latest;         /* latest: the latest day stored or placed */
    int32_t latest;
    int32_t lo, hi;          /* days whose stored rows are loaded */
    int64_t next_event;
    dfpend df;               /* term counts not yet written */
    uint32_t *dirty;         /* engine indices of the events to write */
    size_t ndirty, cdirty;
    int hook_rc;             /* a write in the retire hook failed */
    uint64_t *hbuf;          /* scratch: a document's hashes */
    uint64_t *need;          /* scratch: hashes the engine lacks */
    uint32_t *dfbuf;         /* scratch: their stored frequencies */
    size_t chbuf, cneed;
    rc_buf fbuf, ebuf;       /* scratch: encoded features, event state */
    rc_buf xbuf;             /* scratch: encoded facts (extract/factscodec.h) */
    rc_buf kbuf;             /* scratch: the copy keys (rc_dedup_record_keys) */
    rc_facts_scratch *xsc;   /* and their coder's contexts */
    char *old_id;            /* rc_placer_before_put: the document's old place */
    void *old_feat;
    size_t nold;
};

/* ---- small helpers ----------------------------------------------------- */

/* Hash of a document id (the copy index's key set). */
static uint64_t id_hash(const char *id)
{
    return rc_hash64(id, strlen(id), 0x706c6163);
}

/* The window day of features f and 1 (event day with a known year, else
 * publication day), or 0: the engine's own rule. */
static int feat_day(const rc_evfeat *f, int32_t *day)
{
    if (rc_evfeat_day(f, day) && !f->date.year_guessed)
        return 1;
    if (f->pub_gran == RC_DATE_DAY) {
        *day = f->pub_day;
        return 1;
    }
    return 0;
}

/* Day of an event date for the store's window (the 15th of a month) and 1;
 * 0 when undated or the year is unknown. */
static int evdate_day(const rc_evdate *d, int32_t *day)
{
    if (!d->gran || d->year <= 0)
        return 0;
    *day = rc_evdate_daynum(d->year, d->month, d->gran == RC_DATE_DAY ? d->day : 15);
    return 1;
}

/* ---- wrapped event state ------------------------------------------------
 * "RCPW", version, ISO date (u8 length + bytes), label score (f64 bits),
 * outlets and languages (u8 count, each u16 length + bytes), story keys
 * (u8 count + u64 each), then the engine's record to the end. */

typedef struct wrap {
    char date[16];
    double label_score;
    const char *out[RC_PLACE_MAX_OUTLETS];
    size_t outn[RC_PLACE_MAX_OUTLETS];
    uint32_t nout;
    const char *lang[RC_PLACE_MAX_LANGS];
    size_t langn[RC_PLACE_MAX_LANGS];
    uint32_t nlang;
    uint64_t keys[RC_PLACE_STORY_KEYS];
    uint32_t nkeys;
    const void *engine;
    size_t nengine;
} wrap;

/* Append a short string (at most 65535 bytes used). */
static int put_str(rc_buf *b, const char *s)
{
    size_t n = strlen(s);
    if (n > 65535)
        n = 65535;
    return rc_bytes_put_le(b, n, 2) | rc_buf_append(b, s, n);
}

/* Decode a wrapped state (pointers into p). RC_OK or RC_PARSE. */
static int wrap_read(const void *p, size_t n, wrap *w)
{
    rc_bytes_reader r = {p, n, 0, 0};
    memset(w, 0, sizeof *w);
    const char *m = rc_bytes_get(&r, 4);
    if (!m || memcmp(m, "RCPW", 4) != 0 || rc_bytes_get_le(&r, 1) != WRAP_VERSION)
        return RC_PARSE;
    size_t dl = (size_t)rc_bytes_get_le(&r, 1);
    const char *ds = rc_bytes_get(&r, dl);
    if (r.bad || dl >= sizeof w->date)
        return RC_PARSE;
    memcpy(w->date, ds, dl);
    uint64_t bits = rc_bytes_get_le(&r, 8);
    memcpy(&w->label_score, &bits, sizeof bits);
    w->nout = (uint32_t)rc_bytes_get_le(&r, 1);
    if (w->nout > RC_PLACE_MAX_OUTLETS)
        return RC_PARSE;
    for (uint32_t i = 0; i < w->nout; i++) {
        w->outn[i] = (size_t)rc_bytes_get_le(&r, 2);
        w->out[i] = rc_bytes_get(&r, w->outn[i]);
    }
    w->nlang = (uint32_t)rc_bytes_get_le(&r, 1);
    if (w->nlang > RC_PLACE_MAX_LANGS)
        return RC_PARSE;
    for (uint32_t i = 0; i < w->nlang; i++) {
        w->langn[i] = (size_t)rc_bytes_get_le(&r, 2);
        w->lang[i] = rc_bytes_get(&r, w->langn[i]);
    }
    w->nkeys = (uint32_t)rc_bytes_get_le(&r, 1);
    if (w->nkeys > RC_PLACE_STORY_KEYS)
        return RC_PARSE;
    for (uint32_t i = 0; i < w->nkeys; i++)
        w->keys[i] = rc_bytes_get_le(&r, 8);
    if (r.bad)
        return RC_PARSE;
    w->engine = (const unsigned char *)p + r.at;
    w->nengine = n - r.at;
    return RC_OK;
}

/* ---- batch of pending writes ------------------------------------------ */

/* Slot of key h in d (found or empty); d->cap > 0. */
static size_t dfpend_slot(const dfpend *d, uint64_t h)
{
    size_t i = (size_t)(h ^ (h >> 29)) & (d->cap - 1);
    while (d->k[i] && d->k[i] != h)
        i = (i + 1) & (d->cap - 1);
    return i;
}

/* Pending count of h (0 none). */
static uint32_t dfpend_get(const dfpend *d, uint64_t h)
{
    if (!d->cap)
        return 0;
    size_t s = dfpend_slot(d, h ? h : 1);
    return d->k[s] ? d->v[s] : 0;
}

/* Count one more document holding each of h[n] (distinct). */
static void dfpend_add(dfpend *d, const uint64_t *h, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if ((d->n + 1) * 4 >= d->cap * 3) {
            dfpend old = *d;
            d->cap = old.cap ? old.cap * 2 : 4096;
            d->k = rc_calloc(d->cap, sizeof *d->k);
            d->v = rc_calloc(d->cap, sizeof *d->v);
            d->seen = rc_calloc(d->cap, sizeof *d->seen);
            for (size_t j = 0; j < old.cap; j++)
                if (old.k[j]) {
                    size_t s = dfpend_slot(d, old.k[j]);
                    d->k[s] = old.k[j];
                    d->v[s] = old.v[j];
                    d->seen[s] = old.seen[j];
                }
            free(old.k);
            free(old.v);
            free(old.seen);
        }
        uint64_t key = h[i] ? h[i] : 1;
        size_t s = dfpend_slot(d, key);
        if (!d->k[s]) {
            d->k[s] = key;
            d->n++;
        }
        if (d->seen[s] == (uint32_t)d->docs + 1)
            continue; /* repeats of one document count once */
        d->seen[s] = (uint32_t)d->docs + 1;
        d->v[s]++;
    }
    d->docs++;
}

/* qsort order of hashes as the store keeps them (signed 64-bit). */
static int i64_cmp(const void *x, const void *y)
{
    int64_t a, b;
    memcpy(&a, x, sizeof a);
    memcpy(&b, y, sizeof b);
    return a < b ? -1 : a > b;
}

/* Write the pending counts (one row per distinct hash, in key order) and
 * empty them. RC_OK or RC_IO (the counts are dropped either way). */
static int dfpend_flush(rc_store *s, dfpend *d)
{
    int rc = RC_OK;
    if (d->n || d->docs) {
        uint64_t *k = rc_reallocarray(NULL, d->n + 1, sizeof *k);
        uint32_t *v = rc_reallocarray(NULL, d->n + 1, sizeof *v);
        size_t m = 0;
        for (size_t i = 0; i < d->cap; i++)
            if (d->k[i])
                k[m++] = d->k[i];
        qsort(k, m, sizeof *k, i64_cmp);
        for (size_t i = 0; i < m; i++)
            v[i] = dfpend_get(d, k[i]);
        rc = rc_store_df_add_counts(s, k, v, m, d->docs) == RC_OK ? RC_OK : RC_IO;
        free(k);
        free(v);
    }
    if (d->cap && d->n) {
        /* a batch's terms: keep the table's size for the next one */
        memset(d->k, 0, d->cap * sizeof *d->k);
        memset(d->v, 0, d->cap * sizeof *d->v);
        memset(d->seen, 0, d->cap * sizeof *d->seen);
    }
    d->n = 0;
    d->docs = 0;
    return rc;
}

static int write_event(rc_placer *p, size_t ei);

/* Note engine event ei as changed in the open batch. */
static void mark_dirty(rc_placer *p, size_t ei)
{
    if (p->aux[ei].dirty)
        return;
    p->aux[ei].dirty = 1;
    if (p->ndirty == p->cdirty) {
        p->cdirty = p->cdirty ? p->cdirty * 2 : 64;
        p->dirty = rc_reallocarray(p->dirty, p->cdirty, sizeof *p->dirty);
    }
    p->dirty[p->ndirty++] = (uint32_t)ei;
}

/* Release what the placer keeps for an event besides its stored id. */
static void aux_release(evaux *a)
{
    free(a->label);
    for (uint32_t k = 0; k < a->nout; k++)
        free(a->outlets[k]);
    for (uint32_t k = 0; k < a->nlang; k++)
        free(a->langs[k]);
    free(a->outlets);
    free(a->langs);
    a->label = NULL;
    a->outlets = a->langs = NULL;
    a->nout = a->nlang = 0;
}

/* Engine retire hook: an event leaving the window is written now when it
 * changed in the open batch (its state is still there), then the placer
 * drops its label and outlets: it takes no more documents. */
static void on_retire(size_t ei, void *ud)
{
    rc_placer *p = ud;
    if (ei >= p->naux)
        return;
    if (p->aux[ei].dirty && write_event(p, ei) != RC_OK)
        p->hook_rc = RC_IO;
    p->aux[ei].dirty = 0;
    aux_release(&p->aux[ei]);
}

/* Flush; see place.h. */
int rc_placer_flush(rc_placer *p)
{
    int rc = p->hook_rc;
    p->hook_rc = RC_OK;
    if (dfpend_flush(p->s, &p->df) != RC_OK)
        rc = RC_IO;
    for (size_t i = 0; i < p->ndirty; i++) {
        size_t ei = p->dirty[i];
        if (!p->aux[ei].dirty)
            continue; /* written when it retired */
        p->aux[ei].dirty = 0;
        if (write_event(p, ei) != RC_OK)
            rc = RC_IO;
    }
    p->ndirty = 0;
    return rc;
}

/* ---- placer ------------------------------------------------------------ */

/* New placer; see place.h. */
int rc_placer_new(rc_store *s, rc_placer **out)
{
    *out = NULL;
    int64_t next = 0, ndocs = rc_store_df_docs(s);
    if (ndocs < 0 || rc_store_next_event_id(s, &next) != RC_OK) {
        fprintf(stderr, "recoupe: error: cannot read the store's event counters\n");
        return RC_IO;
    }
    rc_placer *p = rc_calloc(1, sizeof *p);
    p->s = s;
    p->c = rc_evclust_new(NULL);
    rc_evclust_set_docs(p->c, ndocs > UINT32_MAX ? UINT32_MAX : (uint32_t)ndocs);
    rc_idmap_init(&p->byid, 1);
    rc_idmap_init(&p->known, 1);
    p->dd = rc_dedup_new(RC_DEDUP_WINDOW_DAYS, RC_PLACE_DEDUP_ENTRIES);
    p->ar = rc_arena_new();
    p->next_event = next;
    rc_buf_init(&p->fbuf, STATE_MAX);
    rc_buf_init(&p->ebuf, STATE_MAX);
    rc_buf_init(&p->xbuf, FACTS_MAX);
    rc_buf_init(&p->kbuf, 0);
    p->xsc = rc_facts_scratch_new();
    rc_evclust_on_retire(p->c, on_retire, p);
    *out = p;
    return RC_OK;
}

/* Free; see place.h. */
void rc_placer_free(rc_placer *p)
{
    if (!p)
        return;
    (void)rc_placer_flush(p); /* nothing pending when the caller flushed */
    rc_evclust_on_retire(p->c, NULL, NULL);
    for (size_t i = 0; i < p->naux; i++)
        aux_release(&p->aux[i]);
    free(p->aux);
    rc_evclust_free(p->c);
    rc_idmap_cleanup(&p->byid);
    rc_idmap_cleanup(&p->known);
    rc_dedup_free(p->dd);
    free(p->serial_ev);
    free(p->serial_doc);
    rc_arena_free(p->ar);
    free(p->old_id);
    free(p->old_feat);
    free(p->df.k);
    free(p->df.v);
    free(p->df.seen);
    free(p->dirty);
    free(p->hbuf);
    free(p->dfbuf);
    free(p->need);
    rc_buf_cleanup(&p->fbuf);
    rc_buf_cleanup(&p->ebuf);
    rc_buf_cleanup(&p->xbuf);
    rc_buf_cleanup(&p->kbuf);
    rc_facts_scratch_free(p->xsc);
    free(p);
}

/* The aux record of engine event i, created (zeroed) when new. */
static evaux *aux_at(rc_placer *p, size_t i)
{
    while (p->naux <= i) {
        if (p->naux == p->caux) {
            p->caux = p->caux ? p->caux * 2 : 64;
            p->aux = rc_reallocarray(p->aux, p->caux, sizeof *p->aux);
        }
        memset(&p->aux[p->naux++], 0, sizeof *p->aux);
    }
    return &p->aux[i];
}

/* Add string s[n] to the distinct list (*v, *nv) of at most cap. */
static void add_distinct(char ***v, uint32_t *nv, uint32_t cap, const char *s, size_t n)
{
    if (!s || !n || *nv >= cap)
        return;
    for (uint32_t i = 0; i < *nv; i++)
        if (strlen((*v)[i]) == n && memcmp((*v)[i], s, n) == 0)
            return;
    *v = rc_reallocarray(*v, (size_t)*nv + 1, sizeof **v);
    char *c = rc_malloc(n + 1);
    memcpy(c, s, n);
    c[n] = '\0';
    (*v)[(*nv)++] = c;
}

/* Set the engine's document frequency of each of h[n] it does not hold
 * yet from the store's. RC_OK or RC_IO. */
static int sync_df(rc_placer *p, const uint64_t *h, size_t n)
{
    if (p->cneed < n + 1) {
        p->cneed = n + 1;
        p->need = rc_reallocarray(p->need, p->cneed, sizeof *p->need);
        p->dfbuf = rc_reallocarray(p->dfbuf, p->cneed, sizeof *p->dfbuf);
    }
    uint64_t *need = p->need;
    uint32_t *df = p->dfbuf;
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (!rc_evclust_df_has(p->c, h[i]))
            need[k++] = h[i];
    int rc = RC_OK;
    if (k) {
        rc = rc_store_df_get(p->s, need, k, df);
        if (rc == RC_OK)
            for (size_t i = 0; i < k; i++)
                rc_evclust_df_set(p->c, need[i], df[i] + dfpend_get(&p->df, need[i]));
    }
    return rc;
}

/* Import stored event row r into the engine (skipped when already there).
 * RC_OK, or RC_PARSE for a damaged state (the event is then not used). */
static int import_event(rc_placer *p, int64_t id, const char *label, const void *state,
                        size_t nstate)
{
    size_t n;
    if (rc_idmap_get(&p->byid, (uint64_t)id, &n))
        return RC_OK;
    wrap w;
    size_t ei;
    if (wrap_read(state, nstate, &w) != RC_OK ||
        rc_evclust_import(p->c, w.engine, w.nengine, &ei) != RC_OK)
        return RC_PARSE;
    rc_idmap_add(&p->byid, (uint64_t)id, (uint32_t)ei);
    evaux *a = aux_at(p, ei);
    a->id = id;
    a->label = label && *label ? rc_strdup(label) : NULL;
    a->label_score = w.label_score;
    for (uint32_t i = 0; i < w.nout; i++)
        add_distinct(&a->outlets, &a->nout, RC_PLACE_MAX_OUTLETS, w.out[i], w.outn[i]);
    for (uint32_t i = 0; i < w.nlang; i++)
        add_distinct(&a->langs, &a->nlang, RC_PLACE_MAX_LANGS, w.lang[i], w.langn[i]);
    uint64_t keys[4 * RC_EVFEAT_MAX_ENTS];
    size_t nk = rc_evclust_event_keys(p->c, ei, keys, sizeof keys / sizeof *keys);
    return sync_df(p, keys, nk);
}

typedef struct undated_ring {
    int64_t id[RC_PLACE_UNDATED_EVENTS];
    char *label[RC_PLACE_UNDATED_EVENTS];
    void *state[RC_PLACE_UNDATED_EVENTS];
    size_t nstate[RC_PLACE_UNDATED_EVENTS];
    size_t n, head;
} undated_ring;

/* rc_store_each_event callback: keep the latest undated events. */
static int on_undated(const rc_event_row *r, void *ud)
{
    undated_ring *u = ud;
    if (r->has_day)
        return 0;
    size_t at = (u->head + u->n) % RC_PLACE_UNDATED_EVENTS;
    if (u->n == RC_PLACE_UNDATED_EVENTS) {
        at = u->head;
        free(u->label[at]);
        free(u->state[at]);
        u->head = (u->head + 1) % RC_PLACE_UNDATED_EVENTS;
    } else {
        u->n++;
    }
    u->id[at] = r->event_id;
    u->label[at] = r->label ? rc_strdup(r->label) : NULL;
    u->state[at] = rc_malloc(r->nstate + 1);
    memcpy(u->state[at], r->state, r->nstate);
    u->nstate[at] = r->nstate;
    return 0;
}

/* Import the most recent undated events, once. RC_OK or RC_IO. */
static int load_undated(rc_placer *p)
{
    if (p->undated_loaded)
        return RC_OK;
    p->undated_loaded = 1;
    undated_ring *u = rc_calloc(1, sizeof *u);
    int rc = rc_store_each_event(p->s, 1, 0, 1, on_undated, u);
    for (size_t k = 0; k < u->n; k++) {
        size_t at = (u->head + k) % RC_PLACE_UNDATED_EVENTS;
        if (rc == RC_OK && import_event(p, u->id[at], u->label[at], u->state[at],
                                        u->nstate[at]) == RC_IO)
            rc = RC_IO;
        free(u->label[at]);
        free(u->state[at]);
    }
    free(u);
    return rc;
}

/* rc_store_each_event callback: import a dated event of the window. */
static int on_event(const rc_event_row *r, void *ud)
{
    rc_placer *p = ud;
    return import_event(p, r->event_id, r->label, r->state, r->nstate) == RC_IO ? RC_IO : 0;
}

typedef struct pending {
    char **ids;
    int64_t *ev;
    size_t n, cap;
} pending;

/* rc_store_each_cluster callback: note the stored documents the copy
 * index does not hold yet. */
static int on_cluster(const rc_cluster_row *r, void *ud)
{
    void **a = ud;
    rc_placer *p = a[0];
    pending *q = a[1];
    size_t n;
    if (rc_idmap_get(&p->known, id_hash(r->doc_id), &n))
        return 0;
    if (q->n == q->cap) {
        q->cap = q->cap ? q->cap * 2 : 64;
        q->ids = rc_reallocarray(q->ids, q->cap, sizeof *q->ids);
        q->ev = rc_reallocarray(q->ev, q->cap, sizeof *q->ev);
    }
    q->ids[q->n] = rc_strdup(r->doc_id);
    q->ev[q->n++] = r->event_id;
    return 0;
}

/* Record copy-index serial of the next added document: its id and event. */
static void serial_push(rc_placer *p, const char *id, int64_t ev)
{
    if (p->nserial == p->cserial) {
        p->cserial = p->cserial ? p->cserial * 2 : 256;
        p->serial_ev = rc_reallocarray(p->serial_ev, p->cserial, sizeof *p->serial_ev);
        p->serial_doc = rc_reallocarray(p->serial_doc, p->cserial, sizeof *p->serial_doc);
    }
    p->serial_ev[p->nserial] = ev;
    p->serial_doc[p->nserial++] = rc_arena_strdup(p->ar, id);
    rc_idmap_add(&p->known, id_hash(id), 1);
}

/* Load the stored events and documents of days [from, to]. RC_OK or RC_IO. */
static int load_days(rc_placer *p, int32_t from, int32_t to)
{
    int rc = rc_store_each_event(p->s, from, to, 0, on_event, p);
    if (rc != RC_OK)
        return RC_IO;
    pending q = {0};
    void *a[2] = {p, &q};
    rc = rc_store_each_cluster(p->s, from, to, 0, on_cluster, a);
    for (size_t i = 0; i < q.n; i++) {
        rc_doc *d = NULL;
        if (rc == RC_OK && rc_store_get(p->s, q.ids[i], &d) == RC_OK) {
            rc_textmodel_build(d);
            const rc_dedup_match *m;
            rc_dedup_add(p->dd, d, &m);
            serial_push(p, q.ids[i], q.ev[i]);
            rc_doc_free(d);
        }
        free(q.ids[i]);
    }
    free(q.ids);
    free(q.ev);
    return rc == RC_OK ? RC_OK : RC_IO;
}

/* Make sure the stored rows of [t - W, t + W] are loaded. RC_OK or RC_IO. */
static int ensure_window(rc_placer *p, int32_t t)
{
    int32_t from = t - RC_PLACE_WINDOW_DAYS, to = t + RC_PLACE_WINDOW_DAYS;
    int rc = RC_OK;
    if (!p->have_range) {
        rc = load_days(p, from, to);
        p->lo = from;
        p->hi = to;
        p->have_range = 1;
        return rc;
    }
    if (from < p->lo) {
        rc = load_days(p, from, p->lo - 1);
        p->lo = from;
    }
    if (rc == RC_OK && to > p->hi) {
        rc = load_days(p, p->hi + 1, to);
        p->hi = to;
    }
    return rc;
}

/* rc_store_each_event callback: there is a row (stop at once). */
static int on_any(const rc_event_row *r, void *ud)
{
    (void)r;
    (void)ud;
    return RC_STOP;
}

/* The latest event day stored into p->latest (have_latest 0 when the store
 * has no dated event): a binary search over "an event on or after day x"
 * (each probe reads one row), once per run. RC_OK or RC_IO. */
static int find_latest(rc_placer *p)
{
    int32_t lo = -4000000, hi = 4000000; /* about +-11,000 years around 1970 */
    int rc = rc_store_each_event(p->s, lo, hi, 0, on_any, NULL);
    if (rc == RC_OK)
        return RC_OK; /* no dated event */
    if (rc != RC_STOP)
        return RC_IO;
    /* invariant: some event on or after lo; none on or after hi + 1 */
    while (lo < hi) {
        int32_t mid = lo + (hi - lo + 1) / 2;
        rc = rc_store_each_event(p->s, mid, INT32_MAX, 0, on_any, NULL);
        if (rc == RC_STOP)
            lo = mid;
        else if (rc == RC_OK)
            hi = mid - 1;
        else
            return RC_IO;
    }
    if (!p->have_latest || lo > p->latest)
        p->latest = lo;
    p->have_latest = 1;
    return RC_OK;
}

/* Before a put; see place.h. */
int rc_placer_before_put(rc_placer *p, const char *id)
{
    free(p->old_id);
    free(p->old_feat);
    p->old_id = NULL;
    p->old_feat = NULL;
    p->nold = 0;
    rc_cluster_row r;
    int rc = rc_store_get_cluster(p->s, id, &r);
    if (rc == RC_NOTFOUND)
        return RC_OK;
    if (rc != RC_OK)
        return RC_IO;
    p->old_id = rc_strdup(id);
    p->old_feat = rc_malloc(r.nfeatures + 1);
    if (r.nfeatures)
        memcpy(p->old_feat, r.features, r.nfeatures);
    p->nold = r.nfeatures;
    return RC_OK;
}

/* The distinct hashes counted for IDF of f (terms then entity keys) into
 * *buf (grown to *cap as needed); their count in *n. */
static uint64_t *feat_hashes_into(const rc_evfeat *f, uint64_t **buf, size_t *cap, size_t *n)
{
    size_t need = (size_t)f->nterms + f->nents + 1;
    if (*cap < need) {
        *cap = need;
        *buf = rc_reallocarray(*buf, need, sizeof **buf);
    }
    uint64_t *h = *buf;
    size_t k = 0;
    for (uint32_t i = 0; i < f->nterms; i++)
        h[k++] = f->terms[i].h;
    for (uint32_t i = 0; i < f->nents; i++)
        h[k++] = f->ents[i].h;
    *n = k;
    return h;
}

/* The same into a new array (the caller frees it). */
static uint64_t *feat_hashes(const rc_evfeat *f, size_t *n)
{
    uint64_t *h = NULL;
    size_t cap = 0;
    return feat_hashes_into(f, &h, &cap, n);
}

/* A replaced document's old terms leave the document frequencies (store
 * and engine). RC_OK or RC_IO. */
static int forget_old(rc_placer *p)
{
    rc_evfeat *old = NULL;
    /* the store's counts must include the batch before they are read back */
    int rc = dfpend_flush(p->s, &p->df);
    if (rc == RC_OK && p->nold && rc_evfeat_decode(p->old_feat, p->nold, &old) == RC_OK) {
        size_t n;
        uint64_t *h = feat_hashes(old, &n);
        rc = rc_store_df_remove(p->s, h, n);
        if (rc == RC_OK) {
            uint32_t *df = rc_reallocarray(NULL, n + 1, sizeof *df);
            rc = rc_store_df_get(p->s, h, n, df);
            for (size_t i = 0; rc == RC_OK && i < n; i++)
                rc_evclust_df_set(p->c, h[i], df[i]);
            free(df);
            int64_t nd = rc_store_df_docs(p->s);
            if (nd >= 0)
                rc_evclust_set_docs(p->c, nd > UINT32_MAX ? UINT32_MAX : (uint32_t)nd);
        }
        free(h);
        rc_evfeat_free(old);
    }
    free(p->old_id);
    free(p->old_feat);
    p->old_id = NULL;
    p->old_feat = NULL;
    p->nold = 0;
    return rc == RC_OK ? RC_OK : RC_IO;
}

/* The label candidate of d: its title, else its first sentence (160 bytes
 * cut at a character boundary); NULL when neither. */
static char *doc_label(const rc_doc *d)
{
    const char *s = NULL;
    size_t n = 0, max = 200;
    if (d->title && *d->title) {
        s = d->title;
        n = strlen(s);
    } else if (d->nsentences && d->sentences[0].end <= d->text_len) {
        s = d->text + d->sentences[0].start;
        n = d->sentences[0].end - d->sentences[0].start;
        max = 160;
    }
    if (!s)
        return NULL;
    if (n > max) {
        n = max;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    char *c = rc_malloc(n + 1);
    memcpy(c, s, n);
    c[n] = '\0';
    return c;
}

/* Write engine event ei's row (date, label, count, wrapped state).
 * RC_OK or RC_IO. */
static int write_event(rc_placer *p, size_t ei)
{
    const rc_evclust_event *e = rc_evclust_event_get(p->c, ei);
    const evaux *a = &p->aux[ei];
    rc_buf b = p->ebuf;
    rc_buf_reset(&b);
    char date[16];
    size_t dl = rc_evdate_iso(&e->date, date, sizeof date);
    int bad = rc_buf_append(&b, "RCPW", 4) | rc_bytes_put_le(&b, WRAP_VERSION, 1);
    bad |= rc_bytes_put_le(&b, dl, 1) | rc_buf_append(&b, date, dl);
    uint64_t bits;
    memcpy(&bits, &a->label_score, sizeof bits);
    bad |= rc_bytes_put_le(&b, bits, 8);
    bad |= rc_bytes_put_le(&b, a->nout, 1);
    for (uint32_t i = 0; i < a->nout; i++)
        bad |= put_str(&b, a->outlets[i]);
    bad |= rc_bytes_put_le(&b, a->nlang, 1);
    for (uint32_t i = 0; i < a->nlang; i++)
        bad |= put_str(&b, a->langs[i]);
    uint64_t keys[RC_PLACE_STORY_KEYS];
    size_t nk = rc_evclust_event_keys(p->c, ei, keys, RC_PLACE_STORY_KEYS);
    bad |= rc_bytes_put_le(&b, nk, 1);
    for (size_t i = 0; i < nk; i++)
        bad |= rc_bytes_put_le(&b, keys[i], 8);
    bad |= rc_evclust_export(p->c, ei, &b) != RC_OK;
    int rc = RC_IO;
    if (!bad) {
        rc_event_row r = {0};
        r.event_id = a->id;
        r.has_day = evdate_day(&e->date, &r.day);
        r.label = a->label;
        r.ndocs = e->ndocs;
        r.state = b.data;
        r.nstate = b.len;
        rc = rc_store_put_event(p->s, &r) == RC_OK ? RC_OK : RC_IO;
    }
    p->ebuf = b; /* keep the grown buffer for the next event */
    return rc;
}

/* Place; see place.h. */
int rc_placer_place(rc_placer *p, rc_doc *d)
{
    if (!d->tokens)
        rc_textmodel_build(d);
    int rc = RC_OK;
    if (p->old_id && strcmp(p->old_id, d->id) == 0)
        rc = forget_old(p);
    /* every fact, kept in the store for the report (quotes and citations
     * add nothing the features read), recorded before the merge writes
     * entity ids; a record that cannot be made is left out */
    rc_facts *f = rc_facts_new(d);
    rc_extract_all(d, f);
    rc_buf_reset(&p->xbuf);
    int have_facts = rc_facts_encode(d, f, p->xsc, &p->xbuf) == RC_OK;
    rc_entity_table *et = rc_entities_new();
    rc_entities_add(et, d, f);
    rc_entities_merge(et);
    rc_evfeat *ft = rc_evfeat_build(d, f, RC_EVFEAT_MERGED);
    rc_entities_free(et);

    int32_t day = 0;
    int has_day = feat_day(ft, &day);
    if (rc == RC_OK && !p->undated_loaded)
        rc = find_latest(p);
    if (rc == RC_OK)
        rc = load_undated(p);
    if (rc == RC_OK && has_day)
        rc = ensure_window(p, day);
    else if (rc == RC_OK && p->have_latest)
        rc = ensure_window(p, p->latest); /* undated: the latest events */
    if (has_day && (!p->have_latest || day > p->latest)) {
        p->latest = day;
        p->have_latest = 1;
    }

    /* a copy joins its source's event; the document's copy keys are
     * stored with its place (the report reads them instead of hashing
     * and shingling it again) */
    const rc_dedup_match *m;
    rc_buf_reset(&p->kbuf);
    rc_dedup_record_keys(p->dd, &p->kbuf);
    size_t nm = rc_dedup_add(p->dd, d, &m);
    rc_dedup_record_keys(p->dd, NULL);
    size_t src = SIZE_MAX;
    float best = 0;
    for (size_t k = 0; k < nm; k++) {
        if (m[k].share_new < RC_EVENTS_COPY_SHARE || m[k].direction == RC_COPY_BY)
            continue;
        if (src == SIZE_MAX || m[k].share_new > best ||
            (m[k].share_new == best && m[k].serial < src)) {
            src = m[k].serial;
            best = m[k].share_new;
        }
    }
    long force = -1;
    const char *copy_of = NULL;
    if (src < p->nserial) {
        copy_of = p->serial_doc[src];
        size_t n;
        const uint32_t *ix = rc_idmap_get(&p->byid, (uint64_t)p->serial_ev[src], &n);
        if (ix)
            force = (long)ix[0];
    }

    size_t nh;
    uint64_t *h = feat_hashes_into(ft, &p->hbuf, &p->chbuf, &nh);
    if (rc == RC_OK)
        rc = sync_df(p, h, nh);
    size_t before = rc_evclust_count(p->c);
    size_t ei = rc_evclust_add(p->c, ft, force);
    evaux *a = aux_at(p, ei);
    if (ei >= before) {
        a->id = p->next_event++;
        rc_idmap_add(&p->byid, (uint64_t)a->id, (uint32_t)ei);
    }
    serial_push(p, d->id, a->id);
    double cen = rc_evclust_centrality(p->c, ei, ft);
    if (!a->label || cen > a->label_score) {
        char *l = doc_label(d);
        if (l) {
            free(a->label);
            a->label = l;
            a->label_score = cen;
        }
    }
    if (d->outlet)
        add_distinct(&a->outlets, &a->nout, RC_PLACE_MAX_OUTLETS, d->outlet, strlen(d->outlet));
    if (d->lang)
        add_distinct(&a->langs, &a->nlang, RC_PLACE_MAX_LANGS, d->lang, strlen(d->lang));

    /* write the document's place now; its terms' counts and its event's
     * row are written once per batch (rc_placer_flush) */
    rc_buf fb = p->fbuf;
    rc_buf_reset(&fb);
    if (rc == RC_OK)
        dfpend_add(&p->df, h, nh);
    if (rc == RC_OK && rc_evfeat_encode(ft, &fb) != RC_OK)
        rc = RC_IO;
    if (rc == RC_OK) {
        rc_cluster_row r = {0};
        r.doc_id = d->id;
        r.has_day = has_day;
        r.day = has_day ? day : 0;
        r.features = fb.data;
        r.nfeatures = fb.len;
        r.event_id = a->id;
        r.copy_of = copy_of;
        r.facts = have_facts ? p->xbuf.data : NULL;
        r.nfacts = have_facts ? p->xbuf.len : 0;
        r.copykeys = p->kbuf.len ? p->kbuf.data : NULL;
        r.ncopykeys = p->kbuf.len;
        rc = rc_store_put_cluster(p->s, &r) == RC_OK ? RC_OK : RC_IO;
    }
    if (rc == RC_OK)
        mark_dirty(p, ei);
    p->fbuf = fb;
    rc_evfeat_free(ft);
    return rc;
}

/* ---- documents without a place ------------------------------------------ */

typedef struct idlist {
    char **ids;
    size_t n, cap;
} idlist;

/* rc_store_each callback: remember the id. */
static int on_doc_id(rc_doc *d, void *ud)
{
    idlist *l = ud;
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 64;
        l->ids = rc_reallocarray(l->ids, l->cap, sizeof *l->ids);
    }
    l->ids[l->n++] = rc_strdup(d->id);
    return 0;
}

/* rc_store_each_cluster callback: count. */
static int on_count(const rc_cluster_row *r, void *ud)
{
    (void)r;
    (*(size_t *)ud)++;
    return 0;
}

/* Place the unplaced; see place.h. */
int rc_place_missing(rc_store *s, size_t *placed)
{
    *placed = 0;
    size_t rows = 0;
    long ndocs = rc_store_count(s);
    if (ndocs < 0 || rc_store_each_cluster(s, INT32_MIN, INT32_MAX, 1, on_count, &rows) != RC_OK)
        return RC_IO;
    if ((size_t)ndocs <= rows)
        return RC_OK;
    idlist l = {0};
    int rc = rc_store_each(s, on_doc_id, &l);
    rc_placer *p = NULL;
    if (rc == RC_OK)
        rc = rc_placer_new(s, &p);
    int in_batch = rc == RC_OK && rc_store_begin(s) == RC_OK;
    unsigned since = 0;
    for (size_t i = 0; i < l.n; i++) {
        rc_cluster_row r;
        if (rc == RC_OK && rc_store_get_cluster(s, l.ids[i], &r) == RC_NOTFOUND) {
            rc_doc *d = NULL;
            if (rc_store_get(s, l.ids[i], &d) == RC_OK) {
                rc = rc_placer_place(p, d);
                rc_doc_free(d);
                if (rc == RC_OK)
                    (*placed)++;
                if (in_batch && ++since >= COMMIT_EVERY) {
                    since = 0;
                    if (rc_placer_flush(p) != RC_OK)
                        rc = RC_IO;
                    if (rc_store_commit(s) != RC_OK || rc_store_begin(s) != RC_OK) {
                        in_batch = 0;
                        rc = RC_IO;
                    }
                }
            }
        }
        free(l.ids[i]);
    }
    free(l.ids);
    if (p && rc_placer_flush(p) != RC_OK)
        rc = RC_IO;
    if (in_batch && rc_store_commit(s) != RC_OK)
        rc = RC_IO;
    rc_placer_free(p);
    return rc == RC_OK ? RC_OK : RC_IO;
}

/* ---- listing --------------------------------------------------------- */

typedef struct lev {
    int64_t id;
    char date[16];
    int has_day;
    int32_t day;
    const char *label;
    const char **docs;
    size_t ndocs;
    size_t nund;            /* of docs, those read in the undated pass
                               (docs[0..nund): moved last at the end) */
    int64_t expect;         /* documents the stored event row counts */
    const char **outlets;
    size_t nout;
    const char **langs;
    size_t nlang;
    uint64_t keys[RC_PLACE_STORY_KEYS];
    size_t nkeys;
} lev;

struct linking;

typedef struct listing {
    rc_arena *ar;
    lev *ev;
    size_t n, cap;
    rc_idmap byid;
    struct linking *K;      /* profiles built in the same pass (link_row) */
    int undated_pass;       /* the walk is over the undated rows */
} listing;

static void link_row(struct linking *K, size_t x, const rc_cluster_row *r, size_t expect);

/* rc_store_each_event callback: keep the event's listing fields. */
static int on_list_event(const rc_event_row *r, void *ud)
{
    listing *L = ud;
    wrap w;
    if (wrap_read(r->state, r->nstate, &w) != RC_OK)
        memset(&w, 0, sizeof w);
    if (L->n == L->cap) {
        L->cap = L->cap ? L->cap * 2 : 64;
        L->ev = rc_reallocarray(L->ev, L->cap, sizeof *L->ev);
    }
    lev *e = &L->ev[L->n];
    memset(e, 0, sizeof *e);
    e->id = r->event_id;
    memcpy(e->date, w.date, sizeof e->date);
    e->has_day = r->has_day;
    e->day = r->day;
    e->expect = r->ndocs;
    e->label = rc_arena_strdup(L->ar, r->label ? r->label : "");
    e->outlets = rc_arena_calloc(L->ar, w.nout + 1, sizeof *e->outlets);
    for (uint32_t i = 0; i < w.nout; i++)
        e->outlets[e->nout++] = rc_arena_strndup(L->ar, w.out[i], w.outn[i]);
    e->langs = rc_arena_calloc(L->ar, w.nlang + 1, sizeof *e->langs);
    for (uint32_t i = 0; i < w.nlang; i++)
        e->langs[e->nlang++] = rc_arena_strndup(L->ar, w.lang[i], w.langn[i]);
    memcpy(e->keys, w.keys, w.nkeys * sizeof *w.keys);
    e->nkeys = w.nkeys;
    L->n++;
    return 0;
}

/* qsort order: stored event id ascending. */
static int lev_cmp(const void *x, const void *y)
{
    int64_t a = ((const lev *)x)->id, b = ((const lev *)y)->id;
    return a < b ? -1 : a > b;
}

/* rc_store_each_cluster callback: add the document to its event. */
static int on_list_doc(const rc_cluster_row *r, void *ud)
{
    listing *L = ud;
    size_t n;
    const uint32_t *ix = rc_idmap_get(&L->byid, (uint64_t)r->event_id, &n);
    if (!ix)
        return 0;
    lev *e = &L->ev[ix[0]];
    e->docs = rc_arena_grow(L->ar, (void *)e->docs, e->ndocs, sizeof *e->docs);
    e->docs[e->ndocs++] = rc_arena_strdup(L->ar, r->doc_id);
    if (L->undated_pass)
        e->nund++;
    if (L->K)
        link_row(L->K, ix[0], r, e->expect > 0 ? (size_t)e->expect : 0);
    return 0;
}

/* Move e's documents read in the undated pass (docs[0..nund), read
 * first) after the others, keeping each group's order. */
static void undated_last(lev *e)
{
    size_t u = e->nund, n = e->ndocs;
    e->nund = 0;
    if (!u || u >= n)
        return;
    const char **tmp = rc_malloc(u * sizeof *tmp);
    memcpy(tmp, e->docs, u * sizeof *tmp);
    memmove(e->docs, e->docs + u, (n - u) * sizeof *tmp);
    memcpy(e->docs + (n - u), tmp, u * sizeof *tmp);
    free(tmp);
}

/* State of the story linking pass over the cluster rows: each event's
 * members' features wait until the event is complete, then make its
 * profile (cluster/stories.h) and are freed. */
typedef struct linking {
    rc_store *s;
    lev *ev;
    rc_idmap *byid;
    rc_evfeat ***pend;      /* per event: its members' features so far */
    size_t *npend;
    size_t *nund;           /* per event: of pend, those first, read in the
                               undated pass (taken last: the features in
                               the order of one walk, dated rows first) */
    int undated_pass;       /* the rows now come from the undated pass */
    rc_evprofile *prof;     /* per event, or per slot[] when slot is set */
    size_t nprof;
    size_t *slot;           /* per event: its profile's index (SIZE_MAX: none) */
    struct feeder *fd;      /* told of each profile made, when not NULL */
    unsigned char *built;   /* per event: its profile is made */
    rc_evclust *idf;        /* document frequencies from the store (memo) */
    int bad;
    int mismatch;           /* an event's rows were not the count expected */
} linking;

/* Rarity of h over the store (rc_idf_fn): the engine's IDF with the
 * store's document frequencies, as events.c's batch rule over a run. */
static double store_idf(const void *ctx, uint64_t h)
{
    double v = rc_evclust_idf(ctx, h);
    return v > 0.0 ? v : 0.0;
}

/* The approximate day of an ISO date "YYYY-MM-DD" or "YYYY-MM" (the 15th),
 * as events.c does for a run's events; 0 when undated. */
static int iso_day(const char *d, int32_t *day)
{
    int y = 0, m = 0, dd = 0;
    size_t n = strlen(d);
    if (n < 7 || d[4] != '-')
        return 0;
    for (int i = 0; i < 4; i++)
        y = y * 10 + (d[i] - '0');
    m = (d[5] - '0') * 10 + (d[6] - '0');
    if (n >= 10 && d[7] == '-')
        dd = (d[8] - '0') * 10 + (d[9] - '0');
    else
        dd = 15;
    if (y <= 0 || m < 1 || m > 12 || dd < 1 || dd > 31)
        return 0;
    *day = rc_evdate_daynum(y, m, dd);
    return 1;
}

/* The story link run on a second thread while the listing pass makes
 * the profiles (rc_stories_link_fed): the k profiles of the events with
 * documents, in event order, made by the calling thread (which alone
 * reads the store) and taken by the link thread as each is ready. */
typedef struct feeder {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    unsigned char *ready;   /* per profile: made (under mu) */
    size_t want;            /* the profile the link waits for (under mu) */
    int stop;               /* the link is to stop (under mu) */
    rc_evprofile *prof;
    size_t k;
    unsigned char *dated;   /* per profile: the event's day, known ahead */
    int32_t *day;
    size_t *sid;            /* the link's stories */
    size_t ns;              /* their count, SIZE_MAX when stopped */
    double waited;          /* wall seconds the link waited (its thread's) */
    /* the calling thread's alone: the profiles in the link's order, the
     * first of them not yet made (next), how many are made, and the most
     * made ahead of next (the backlog: profiles the link cannot take yet) */
    size_t *order;
    size_t next, nready, backlog;
    pthread_t th;
} feeder;

/* Profile i of F is made: wake the link if it waits for it. */
static void feeder_ready(feeder *F, size_t i)
{
    pthread_mutex_lock(&F->mu);
    F->ready[i] = 1;
    if (F->want == i)
        pthread_cond_signal(&F->cv);
    pthread_mutex_unlock(&F->mu);
    /* ready[] is written by this thread only: read without the mutex */
    F->nready++;
    while (F->next < F->k && F->ready[F->order[F->next]])
        F->next++;
    if (F->nready - F->next > F->backlog)
        F->backlog = F->nready - F->next;
}

/* The order in which the link takes profiles (cluster/stories.c): dated
 * first, by day, then by index. */
typedef struct linkpos {
    int dated;
    int32_t day;
    size_t i;
} linkpos;

/* qsort order of linkpos: the link's. */
static int linkpos_cmp(const void *x, const void *y)
{
    const linkpos *a = x, *b = y;
    if (a->dated != b->dated)
        return a->dated ? -1 : 1;
    if (a->dated && a->day != b->day)
        return a->day < b->day ? -1 : 1;
    return a->i < b->i ? -1 : a->i > b->i;
}

/* rc_stories_feed's wait: block until profile i is made (0) or the link
 * is to stop (1). The mutex orders the profile's writes before its use. */
static int feeder_wait(void *ud, size_t i)
{
    feeder *F = ud;
    pthread_mutex_lock(&F->mu);
    if (!F->ready[i] && !F->stop) {
        double t0 = rc_stagetime_wall_now();
        while (!F->ready[i] && !F->stop) {
            F->want = i;
            pthread_cond_wait(&F->cv, &F->mu);
        }
        F->waited += rc_stagetime_wall_now() - t0;
    }
    int stop = F->stop;
    F->want = SIZE_MAX;
    pthread_mutex_unlock(&F->mu);
    return stop;
}

/* Thread body: link F's profiles as they come. */
static void *feeder_main(void *arg)
{
    feeder *F = arg;
    rc_stories_feed fd = {F->dated, F->day, feeder_wait, F};
    double t0 = rc_stagetime_now();
    F->ns = rc_stories_link_fed(F->prof, F->k, NULL, &fd, F->sid);
    rc_stagetime_add("stories link (thread)", rc_stagetime_now() - t0);
    rc_stagetime_add_wall("stories link: waiting", F->waited);
    return NULL;
}

/* Take the cluster row r of event x into the linking state: its features
 * wait with the event's others; the expect-th makes the event's profile
 * (a row after that sets K->mismatch). */
static void link_row(linking *K, size_t x, const rc_cluster_row *r, size_t expect)
{
    lev *e = &K->ev[x];
    size_t px = K->slot ? K->slot[x] : x;
    if (K->built[x]) {
        K->mismatch = 1;
        return;
    }
    rc_evfeat *f = NULL;
    if (!r->nfeatures || rc_evfeat_decode(r->features, r->nfeatures, &f) != RC_OK)
        f = NULL;
    if (f) {
        size_t nh;
        uint64_t *h = feat_hashes(f, &nh);
        uint64_t *need = rc_reallocarray(NULL, nh + 1, sizeof *need);
        size_t k = 0;
        for (size_t i = 0; i < nh; i++)
            if (!rc_evclust_df_has(K->idf, h[i]))
                need[k++] = h[i];
        if (k) {
            uint32_t *df = rc_reallocarray(NULL, k, sizeof *df);
            if (rc_store_df_get(K->s, need, k, df) == RC_OK)
                for (size_t i = 0; i < k; i++)
                    rc_evclust_df_set(K->idf, need[i], df[i]);
            else
                K->bad = 1;
            free(df);
        }
        free(need);
        free(h);
    }
    K->pend[x] = rc_reallocarray(K->pend[x], K->npend[x] + 1, sizeof **K->pend);
    K->pend[x][K->npend[x]++] = f;
    if (K->undated_pass)
        K->nund[x]++;
    if (K->npend[x] == expect) {
        const rc_evfeat **m = rc_reallocarray(NULL, K->npend[x] + 1, sizeof *m);
        size_t q = 0, nu = K->nund[x];
        /* the dated rows' features, then the undated ones: the order of
         * a walk in (day, key) order with the undated rows last */
        for (size_t i = nu; i < K->npend[x]; i++)
            if (K->pend[x][i])
                m[q++] = K->pend[x][i];
        for (size_t i = 0; i < nu; i++)
            if (K->pend[x][i])
                m[q++] = K->pend[x][i];
        rc_evprofile *pf = px < K->nprof ? &K->prof[px] : NULL;
        if (pf) {
            rc_evprofile_build(pf, m, q, store_idf, K->idf);
            pf->has_day = iso_day(e->date, &pf->day);
        }
        free(m);
        for (size_t i = 0; i < K->npend[x]; i++)
            rc_evfeat_free(K->pend[x][i]);
        free(K->pend[x]);
        K->pend[x] = NULL;
        K->npend[x] = 0;
        K->built[x] = 1;
        if (pf && K->fd)
            feeder_ready(K->fd, px);
    }
}

/* rc_store_each_cluster callback of the linking pass. */
static int on_link_doc(const rc_cluster_row *r, void *ud)
{
    linking *K = ud;
    size_t n;
    const uint32_t *ix = rc_idmap_get(K->byid, (uint64_t)r->event_id, &n);
    if (ix)
        link_row(K, ix[0], r, K->ev[ix[0]].ndocs);
    return 0;
}

/* A linking state for n events ev[] (arrays zeroed, IDF from the store). */
static void linking_init(linking *K, rc_store *s, lev *ev, size_t n)
{
    memset(K, 0, sizeof *K);
    K->s = s;
    K->ev = ev;
    K->pend = rc_calloc(n + 1, sizeof *K->pend);
    K->npend = rc_calloc(n + 1, sizeof *K->npend);
    K->nund = rc_calloc(n + 1, sizeof *K->nund);
    K->prof = rc_calloc(n + 1, sizeof *K->prof);
    K->nprof = n;
    K->built = rc_calloc(n + 1, sizeof *K->built);
    K->idf = rc_evclust_new(NULL);
    int64_t nd = rc_store_df_docs(s);
    rc_evclust_set_docs(K->idf, nd <= 0 ? 0 : nd > UINT32_MAX ? UINT32_MAX : (uint32_t)nd);
}

/* Release K's arrays for n events (profiles, waiting features, memo). */
static void linking_cleanup(linking *K, size_t n)
{
    for (size_t x = 0; x < K->nprof; x++)
        rc_evprofile_cleanup(&K->prof[x]);
    for (size_t x = 0; x < n; x++) {
        for (size_t i = 0; K->pend[x] && i < K->npend[x]; i++)
            rc_evfeat_free(K->pend[x][i]);
        free(K->pend[x]);
    }
    free(K->pend);
    free(K->npend);
    free(K->nund);
    free(K->prof);
    free(K->built);
    free(K->slot);
    rc_evclust_free(K->idf);
    memset(K, 0, sizeof *K);
}



/* Start the link of K's events with a stated count (ev[0..n), in
 * order) on a thread fed by K's pass: K's profiles become F's, one per
 * such event (K->slot). Returns 1 when started, 0 (K unchanged, F
 * cleared) when no thread could be. */
static int feeder_start(feeder *F, linking *K, const lev *ev, size_t n)
{
    memset(F, 0, sizeof *F);
    size_t *slot = rc_malloc((n + 1) * sizeof *slot);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        slot[i] = ev[i].expect > 0 ? k++ : SIZE_MAX;
    F->k = k;
    F->prof = rc_calloc(k + 1, sizeof *F->prof);
    F->ready = rc_calloc(k + 1, sizeof *F->ready);
    F->dated = rc_calloc(k + 1, sizeof *F->dated);
    F->day = rc_calloc(k + 1, sizeof *F->day);
    F->sid = rc_calloc(k + 1, sizeof *F->sid);
    F->want = SIZE_MAX;
    for (size_t i = 0; i < n; i++)
        if (slot[i] != SIZE_MAX)
            F->dated[slot[i]] = (unsigned char)iso_day(ev[i].date, &F->day[slot[i]]);
    linkpos *lp = rc_malloc((k + 1) * sizeof *lp);
    for (size_t i = 0; i < k; i++)
        lp[i] = (linkpos){F->dated[i] != 0, F->dated[i] ? F->day[i] : 0, i};
    qsort(lp, k, sizeof *lp, linkpos_cmp);
    F->order = rc_malloc((k + 1) * sizeof *F->order);
    for (size_t i = 0; i < k; i++)
        F->order[i] = lp[i].i;
    free(lp);
    pthread_mutex_init(&F->mu, NULL);
    pthread_cond_init(&F->cv, NULL);
    if (pthread_create(&F->th, NULL, feeder_main, F) != 0) {
        free(F->order);
        pthread_mutex_destroy(&F->mu);
        pthread_cond_destroy(&F->cv);
        free(F->prof);
        free(F->ready);
        free(F->dated);
        free(F->day);
        free(F->sid);
        free(slot);
        memset(F, 0, sizeof *F);
        return 0;
    }
    for (size_t x = 0; x < K->nprof; x++)
        rc_evprofile_cleanup(&K->prof[x]);
    free(K->prof);
    K->prof = F->prof;      /* K's now: freed by linking_cleanup */
    K->nprof = k;
    K->slot = slot;
    K->fd = F;
    return 1;
}

/* Release F's arrays once its thread is joined (not its profiles, K's,
 * nor its stories: the caller takes F->sid). */
static void feeder_cleanup(feeder *F)
{
    pthread_mutex_destroy(&F->mu);
    pthread_cond_destroy(&F->cv);
    free(F->ready);
    free(F->dated);
    free(F->day);
    free(F->order);
    F->order = NULL;
    F->ready = NULL;
    F->dated = NULL;
    F->day = NULL;
    F->prof = NULL;
}

/* Link the events ev[0..n) (those with documents, in id order) into
 * stories with the batch rule of cluster/stories.h over the profiles of
 * their members' stored features, the IDF from the store's document
 * frequencies (for a store ingested from a run's articles, the run's):
 * the stories `analyze` finds for the same articles. prof, when not NULL,
 * holds the n profiles already made (by the listing pass: taken here and
 * freed); else the members' features are read in a second pass over the
 * cluster rows and held only until their event is complete (events span
 * days: the pass holds about a window of events). Fills l's stories
 * (labelled with their first event's label) and each event's story.
 * done, when not NULL, holds the n events' stories already linked (ns of
 * them; taken here and freed): prof is then NULL and no link is made.
 * RC_OK or RC_IO. */
static int link_stories(rc_store *s, rc_evlist *l, lev *ev, size_t n, rc_arena *ar,
                        rc_evprofile *prof, size_t *done, size_t ns_done)
{
    linking K;
    int rc = RC_OK, bad = 0, own = !prof && !done;
    if (own) {
        rc_idmap byid;
        rc_idmap_init(&byid, 1);
        for (size_t i = 0; i < n; i++)
            rc_idmap_add(&byid, (uint64_t)ev[i].id, (uint32_t)i);
        linking_init(&K, s, ev, n);
        K.byid = &byid;
        rc = rc_store_each_cluster(s, INT32_MIN, INT32_MAX, 1, on_link_doc, &K);
        rc_idmap_cleanup(&byid);
        bad = K.bad;
        prof = K.prof;
    }
    size_t *sid = done;
    size_t ns = ns_done;
    if (!done) {
        sid = rc_calloc(n + 1, sizeof *sid);
        double t0 = rc_stagetime_now();
        ns = rc_stories_link(prof, n, NULL, sid);
        rc_stagetime_add("stories link", rc_stagetime_now() - t0);
    }
    for (size_t x = 0; x < n; x++)
        l->events[x].story = sid[x];
    free(sid);
    if (own) {
        linking_cleanup(&K, n);
    } else if (prof) {
        for (size_t x = 0; x < n; x++)
            rc_evprofile_cleanup(&prof[x]);
        free(prof);
    }
    l->nstories = ns;
    l->stories = rc_arena_calloc(ar, ns + 1, sizeof *l->stories);
    for (size_t x = 0; x < n; x++)
        l->stories[l->events[x].story].nevents++;
    for (size_t st = 0; st < ns; st++) {
        snprintf(l->stories[st].id, sizeof l->stories[st].id, "S%zu", st + 1);
        l->stories[st].events = rc_arena_calloc(ar, l->stories[st].nevents, sizeof(size_t));
        l->stories[st].nevents = 0;
    }
    for (size_t x = 0; x < n; x++) {
        rc_evlist_story *st = &l->stories[l->events[x].story];
        if (!st->nevents)
            st->label = l->events[x].label;
        ((size_t *)st->events)[st->nevents++] = x;
    }
    return rc == RC_OK && !bad ? RC_OK : RC_IO;
}

/* Load the listing; see place.h. */
int rc_evlist_load(rc_store *s, rc_evlist **out)
{
    return rc_evlist_load_with(s, out, NULL, NULL);
}

typedef struct keptlink keptlink;
static int load_linked(rc_store *s, rc_evlist **out, void (*during)(void *ud), void *ud,
                       const keptlink *kp);

/* Start listing s into L (initialised here: its arena, no link): the
 * stored events read, sorted by id and indexed (L->byid, which the
 * caller cleans up after its walks over the cluster rows). RC_OK or
 * RC_IO. */
static int listing_events(rc_store *s, listing *L)
{
    memset(L, 0, sizeof *L);
    L->ar = rc_arena_new();
    rc_idmap_init(&L->byid, 1);
    int rc = rc_store_each_event(s, INT32_MIN, INT32_MAX, 1, on_list_event, L);
    if (rc == RC_OK) {
        if (L->n > 1)
            qsort(L->ev, L->n, sizeof *L->ev, lev_cmp);
        for (size_t i = 0; i < L->n; i++)
            rc_idmap_add(&L->byid, (uint64_t)L->ev[i].id, (uint32_t)i);
    }
    return rc;
}

/* The stories link kept in the store, as read at the start of a
 * listing: the store's write generation then (have_gen: it could be
 * read) and the kept record, usable when it was made at that generation
 * by this program's link (rc_linkcache_fp). */
struct keptlink {
    int have_gen;
    int64_t gen;
    int usable;
    rc_buf rec;
};

/* Read s's generation and kept link into *kp (initialised here; release
 * with rc_buf_cleanup(&kp->rec)). Never fails: what cannot be read is
 * not used. */
static void keptlink_read(rc_store *s, keptlink *kp)
{
    memset(kp, 0, sizeof *kp);
    rc_buf_init(&kp->rec, 0);
    kp->have_gen = rc_store_gen(s, &kp->gen) == RC_OK;
    int64_t g = 0;
    uint64_t fp = 0;
    if (kp->have_gen && rc_store_get_link(s, &g, &fp, &kp->rec) == RC_OK)
        kp->usable = g == kp->gen && fp == rc_linkcache_fp();
}

/* The end of a listing: L's events with documents (L->ev[0..k), in id
 * order, moved to the front) become *out with their stories, taken from
 * sid (ns stories) when it is not NULL, else linked by link_stories from
 * prof (or a second pass when prof is NULL too); prof and sid are owned
 * and taken here. When kp is not NULL (the stories were linked, not
 * read), the link is kept in s for kp's generation (best effort:
 * rc_store_put_link refuses it when anything was written since). Frees
 * L->ev; L->ar goes to the listing. RC_OK or RC_IO. */
static int listing_finish(rc_store *s, listing *L, size_t k, rc_evprofile *prof, size_t *sid,
                          size_t ns, size_t backlog, const keptlink *kp, rc_evlist **out)
{
    int keep = kp && kp->have_gen;
    rc_evlist *l = rc_calloc(1, sizeof *l);
    l->arena_ = L->ar;
    l->nevents = k;
    l->link_backlog = backlog;
    l->events = rc_arena_calloc(L->ar, k + 1, sizeof *l->events);
    int64_t *ids = keep ? rc_calloc(k + 1, sizeof *ids) : NULL;
    for (size_t i = 0; i < k; i++) {
        rc_evlist_event *e = &l->events[i];
        snprintf(e->id, sizeof e->id, "E%lld", (long long)L->ev[i].id);
        memcpy(e->date, L->ev[i].date, sizeof e->date);
        e->undated = !e->date[0];
        e->label = L->ev[i].label;
        e->docs = L->ev[i].docs;
        e->ndocs = L->ev[i].ndocs;
        e->outlets = L->ev[i].outlets;
        e->noutlets = L->ev[i].nout;
        e->langs = L->ev[i].langs;
        e->nlangs = L->ev[i].nlang;
        if (ids)
            ids[i] = L->ev[i].id;
    }
    int rc = link_stories(s, l, L->ev, k, L->ar, prof, sid, ns);
    free(L->ev);
    L->ev = NULL;
    if (rc != RC_OK) {
        free(ids);
        rc_evlist_free(l);
        return RC_IO;
    }
    if (ids) {
        size_t *st = rc_calloc(k + 1, sizeof *st);
        for (size_t i = 0; i < k; i++)
            st[i] = l->events[i].story;
        rc_buf rec;
        rc_buf_init(&rec, 0);
        if (rc_linkcache_encode(ids, st, k, &rec) == RC_OK && rec.len)
            rc_store_put_link(s, kp->gen, rc_linkcache_fp(), rec.data, rec.len);
        rc_buf_cleanup(&rec);
        free(st);
        free(ids);
    }
    *out = l;
    return RC_OK;
}

/* The listing through the link kept in s (kp usable): the events and
 * their documents read as load_linked reads them, without the features,
 * and each event's story from the kept record. RC_NOTFOUND when it
 * cannot serve (a read error, a write since kp was read, a record that
 * is not this listing's): nothing is left allocated, during is not
 * called, and the caller links. Else RC_OK with *out, during(ud) called
 * once after the walks. */
static int load_kept(rc_store *s, rc_evlist **out, void (*during)(void *ud), void *ud,
                     const keptlink *kp)
{
    double t0 = rc_stagetime_now();
    listing L;
    int rc = listing_events(s, &L);
    if (rc == RC_OK) {
        /* the walks of load_linked, in its order (undated rows first) */
        L.undated_pass = 1;
        rc = rc_store_each_cluster_bare(s, 1, 0, 1, on_list_doc, &L);
        L.undated_pass = 0;
        if (rc == RC_OK)
            rc = rc_store_each_cluster_bare(s, INT32_MIN, INT32_MAX, 0, on_list_doc, &L);
        for (size_t i = 0; i < L.n; i++)
            undated_last(&L.ev[i]);
    }
    rc_idmap_cleanup(&L.byid);
    int64_t g = -1;
    if (rc == RC_OK && (rc_store_gen(s, &g) != RC_OK || g != kp->gen))
        rc = RC_NOTFOUND;
    size_t k = 0;
    for (size_t i = 0; i < L.n; i++)
        if (L.ev[i].ndocs)
            L.ev[k++] = L.ev[i];
    size_t *sid = NULL, ns = 0;
    if (rc == RC_OK) {
        int64_t *ids = rc_calloc(k + 1, sizeof *ids);
        for (size_t i = 0; i < k; i++)
            ids[i] = L.ev[i].id;
        sid = rc_calloc(k + 1, sizeof *sid);
        if (rc_linkcache_decode(kp->rec.data, kp->rec.len, ids, k, sid, &ns) != RC_OK)
            rc = RC_NOTFOUND;
        free(ids);
    }
    if (rc != RC_OK) {
        free(sid);
        free(L.ev);
        rc_arena_free(L.ar);
        return RC_NOTFOUND;
    }
    rc_stagetime_add("events+stories load (kept link)", rc_stagetime_now() - t0);
    if (during)
        during(ud);
    return listing_finish(s, &L, k, NULL, sid, ns, 0, NULL, out);
}

/* Load the listing with work in between; see place.h. */
int rc_evlist_load_with(rc_store *s, rc_evlist **out, void (*during)(void *ud), void *ud)
{
    *out = NULL;
    keptlink kp;
    keptlink_read(s, &kp);
    int rc = RC_NOTFOUND;
    if (kp.usable)
        rc = load_kept(s, out, during, ud, &kp);
    if (rc == RC_NOTFOUND)
        rc = load_linked(s, out, during, ud, &kp);
    rc_buf_cleanup(&kp.rec);
    return rc;
}

/* Keep the link; see place.h. */
int rc_evlist_keep_link(rc_store *s)
{
    keptlink kp;
    keptlink_read(s, &kp);
    int rc = RC_OK;
    if (!kp.usable) {
        rc_evlist *l = NULL;
        rc = load_linked(s, &l, NULL, NULL, &kp);
        rc_evlist_free(l);
    }
    rc_buf_cleanup(&kp.rec);
    return rc;
}

/* The listing, its stories linked from the profiles of the events'
 * members' stored features (rc_evlist_load_with without a kept link);
 * the link is then kept in s for kp's generation. RC_OK or RC_IO. */
static int load_linked(rc_store *s, rc_evlist **out, void (*during)(void *ud), void *ud,
                       const keptlink *kp)
{
    *out = NULL;
    listing L;
    linking K;
    feeder F;
    int linked = 0;
    memset(&F, 0, sizeof F);
    int rc = listing_events(s, &L);
    if (rc == RC_OK) {
        /* the profiles are made in this pass, each event's members'
         * features read once (see link_row) */
        linking_init(&K, s, L.ev, L.n);
        L.K = &K;
        linked = feeder_start(&F, &K, L.ev, L.n);
        /* the undated rows first, then the dated ones: the link takes
         * the events in order of their dates, and an event dated from its
         * text whose articles are undated (or dated much later) would
         * otherwise be complete only at the end of the walk, the link
         * waiting for it from its start. Each event's documents and
         * features are put back in the order of one walk with the
         * undated rows last (nund), so the listing and the profiles are
         * those of that walk. */
        L.undated_pass = K.undated_pass = 1;
        rc = rc_store_each_cluster(s, 1, 0, 1, on_list_doc, &L);
        L.undated_pass = K.undated_pass = 0;
        if (rc == RC_OK)
            rc = rc_store_each_cluster(s, INT32_MIN, INT32_MAX, 0, on_list_doc, &L);
        for (size_t i = 0; i < L.n; i++)
            undated_last(&L.ev[i]);
    }
    rc_idmap_cleanup(&L.byid);
    if (during)
        during(ud);
    rc_evprofile *prof = NULL;
    if (linked) {
        /* the link thread has every profile only when every event with
         * a stated count got exactly its rows: else it is stopped and the
         * stories are linked again from a second pass (link_stories) */
        int whole = rc == RC_OK && !K.mismatch && !K.bad;
        for (size_t i = 0; i < L.n && whole; i++)
            if ((K.npend[i] && !K.built[i]) || (K.slot[i] != SIZE_MAX && !K.built[i]))
                whole = 0;
        if (!whole) {
            pthread_mutex_lock(&F.mu);
            F.stop = 1;
            pthread_cond_signal(&F.cv);
            pthread_mutex_unlock(&F.mu);
        }
        double tj = rc_stagetime_wall_now();
        pthread_join(F.th, NULL);
        rc_stagetime_add_wall("stories link: joined after", rc_stagetime_wall_now() - tj);
        if (!whole || F.ns == SIZE_MAX) {
            free(F.sid);
            F.sid = NULL;
        }
        feeder_cleanup(&F);
        linking_cleanup(&K, L.n);
    } else if (L.K) {
        /* every event's rows were the count its row states: the profiles
         * are those of a second pass; else (a stale count, a read error)
         * link_stories makes them in a second pass */
        for (size_t i = 0; i < L.n && !K.mismatch; i++)
            if (K.npend[i] && !K.built[i])
                K.mismatch = 1;
        if (rc == RC_OK && !K.mismatch && !K.bad) {
            prof = rc_calloc(L.n + 1, sizeof *prof);
            size_t q = 0;
            for (size_t i = 0; i < L.n; i++)
                if (L.ev[i].ndocs) {
                    prof[q++] = K.prof[i];
                    memset(&K.prof[i], 0, sizeof K.prof[i]);
                }
        }
        linking_cleanup(&K, L.n);
    }
    if (rc != RC_OK) {
        free(prof);
        free(F.sid);
        free(L.ev);
        rc_arena_free(L.ar);
        return RC_IO;
    }
    /* events with documents, in id order */
    size_t k = 0;
    for (size_t i = 0; i < L.n; i++)
        if (L.ev[i].ndocs)
            L.ev[k++] = L.ev[i];
    return listing_finish(s, &L, k, prof, F.sid, F.ns, F.backlog, kp, out);
}

/* Free; see place.h. */
void rc_evlist_free(rc_evlist *l)
{
    if (!l)
        return;
    rc_arena_free(l->arena_);
    free(l);
}
