/*
 * events.c - online event clustering and stories; see events.h.
 */
#include "cluster/copies.h"
#include "cluster/events.h"
#include "cluster/minhash.h"
#include "util/bytes.h"
#include "cluster/stories.h"
#include "meta/header.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/mem.h"
#include "util/rc.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    CENTROID_MAX = 1000,   /* heaviest centroid terms kept */
    QUERY_TERMS = 8,       /* highest-idf document terms used to find candidates */
    POSTING_MAX = 256,     /* most recent events per key */
    CAND_MAX = 256,        /* events gathered per document */
    COMPARE_MAX = 48,      /* of which compared: those most of the document's
                              keys point to */
    RETIRE_EVERY = 1024,   /* documents between retirement sweeps */
    IDF_PRIOR = 50         /* pseudo-documents without the term: a small run keeps
                              the contrast between shared and rare words */
};

/* ---- u64 -> u32 open-addressing map ---------------------------------- */

typedef struct umap {
    uint64_t *k;
    uint32_t *v;
    size_t cap, n;      /* cap a power of two; key 0 is stored as 1 */
} umap;

/* Slot of key h (found or empty). */
static size_t umap_slot(const umap *m, uint64_t h)
{
    size_t i = (size_t)(h ^ (h >> 29)) & (m->cap - 1);
    while (m->k[i] && m->k[i] != h)
        i = (i + 1) & (m->cap - 1);
    return i;
}

/* Pointer to the value of h, inserted as 0 when absent. */
static uint32_t *umap_get(umap *m, uint64_t h)
{
    if (!h)
        h = 1;
    if ((m->n + 1) * 4 >= m->cap * 3) {
        umap old = *m;
        m->cap = old.cap ? old.cap * 2 : 1024;
        m->k = rc_calloc(m->cap, sizeof *m->k);
        m->v = rc_calloc(m->cap, sizeof *m->v);
        for (size_t i = 0; i < old.cap; i++)
            if (old.k[i]) {
                size_t s = umap_slot(m, old.k[i]);
                m->k[s] = old.k[i];
                m->v[s] = old.v[i];
            }
        free(old.k);
        free(old.v);
    }
    size_t s = umap_slot(m, h);
    if (!m->k[s]) {
        m->k[s] = h;
        m->n++;
    }
    return &m->v[s];
}

/* Value of h, 0 when absent. */
static uint32_t umap_find(const umap *m, uint64_t h)
{
    if (!h)
        h = 1;
    if (!m->cap)
        return 0;
    size_t s = umap_slot(m, h);
    return m->k[s] ? m->v[s] : 0;
}

/* Release m. */
static void umap_cleanup(umap *m)
{
    free(m->k);
    free(m->v);
    memset(m, 0, sizeof *m);
}

/* ---- engine ----------------------------------------------------------- */

typedef struct ulist {
    uint32_t *v;
    uint32_t n, cap;
} ulist;

/* An active event's working record (its summary is in c->sum); the
 * records live in a pool whose slots retired events give back. */
typedef struct evrec {
    uint32_t stamp;            /* last document that looked at it */
    uint32_t pos;              /* its place among that document's candidates */
    uint32_t last_doc;
    int32_t last_day;          /* latest day seen in it, INT32_MIN none */
    uint32_t langs[4];         /* up to 4 language codes as packed chars */
    /* centroid: freed on retirement */
    rc_evweight *terms;  uint32_t nterms;
    double tnorm;
    rc_evweight *ents;   uint32_t nents;   /* w: number of members with the key */
    uint64_t *nums;      uint32_t nnums, cnums;
    int32_t *days;       uint32_t ndays, cdays;
} evrec;

enum { NO_SLOT = UINT32_MAX };

struct rc_evclust {
    rc_evclust_opts o;
    rc_evclust_event *sum;     /* per event ever: its 36-byte summary */
    uint32_t *slot;            /* per event: its record in rec, NO_SLOT retired */
    size_t nev, cev;
    evrec *rec;                /* records of the active events (pool) */
    size_t nrec, crec;
    uint32_t *freed;           /* pool slots given back by retired events */
    size_t nfreed, cfreed;
    rc_evclust_retire_fn on_retire;
    void *on_retire_ud;
    uint32_t *active;          /* indices of active events */
    size_t nactive, cactive;
    umap df;                   /* hash -> documents containing it */
    uint32_t ndocs;
    umap post;                 /* hash -> 1 + index into lists */
    ulist *lists;
    size_t nlists, clists;
    int32_t max_day;
    int have_day;
};

/* Defaults; see events.h. */
void rc_evclust_opts_default(rc_evclust_opts *o)
{
    o->threshold = 0.30;
    o->strong = 0.50;
    o->day_slack = 1;
    o->window_days = 7;
    o->retire_docs = 2000;
}

/* New engine; see events.h. */
rc_evclust *rc_evclust_new(const rc_evclust_opts *o)
{
    rc_evclust *c = rc_calloc(1, sizeof *c);
    if (o)
        c->o = *o;
    else
        rc_evclust_opts_default(&c->o);
    return c;
}

/* Free the centroid of e. */
static void ev_release(evrec *e)
{
    free(e->terms);
    free(e->ents);
    free(e->nums);
    free(e->days);
    e->terms = e->ents = NULL;
    e->nums = NULL;
    e->days = NULL;
    e->nterms = e->nents = e->nnums = e->ndays = 0;
}

/* Free; see events.h. */
void rc_evclust_free(rc_evclust *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->nev; i++)
        if (c->slot[i] != NO_SLOT)
            ev_release(&c->rec[c->slot[i]]);
    free(c->sum);
    free(c->slot);
    free(c->rec);
    free(c->freed);
    free(c->active);
    umap_cleanup(&c->df);
    umap_cleanup(&c->post);
    for (size_t i = 0; i < c->nlists; i++)
        free(c->lists[i].v);
    free(c->lists);
    free(c);
}

/* Count; see events.h. */
size_t rc_evclust_count(const rc_evclust *c)
{
    return c->nev;
}

/* Summary; see events.h. */
const rc_evclust_event *rc_evclust_event_get(const rc_evclust *c, size_t i)
{
    return i < c->nev ? &c->sum[i] : NULL;
}

/* The working record of event i, NULL when retired or out of range. */
static evrec *rec_of(const rc_evclust *c, size_t i)
{
    return i < c->nev && c->slot[i] != NO_SLOT ? &c->rec[c->slot[i]] : NULL;
}

/* Retire hook; see events.h. */
void rc_evclust_on_retire(rc_evclust *c, rc_evclust_retire_fn fn, void *ud)
{
    c->on_retire = fn;
    c->on_retire_ud = ud;
}

/* IDF; see events.h. */
double rc_evclust_idf(const rc_evclust *c, uint64_t h)
{
    double df = (double)umap_find(&c->df, h);
    return log(((double)c->ndocs + 1.0 + IDF_PRIOR) / (df + 0.5));
}

/* Packed language code of f ("" -> 0). */
static uint32_t lang_code(const char *l)
{
    uint32_t v = 0;
    for (size_t i = 0; i < 4 && l[i]; i++)
        v |= (uint32_t)(unsigned char)l[i] << (8 * i);
    return v;
}

/* 1 when event e has a member in language code l. */
static int ev_has_lang(const evrec *e, uint32_t l)
{
    for (size_t i = 0; i < 4; i++)
        if (e->langs[i] == l)
            return 1;
    return 0;
}

/* Weekday of a dated evdate with a known year, else -1. */
static int evdate_wday(const rc_evdate *d)
{
    if (d->gran != RC_DATE_DAY || d->year <= 0)
        return -1;
    return rc_weekday(d->year, d->month, d->day);
}

/* 1 when the event dates a (a document's) and b (an event's) may be one
 * event's; see the rules in events.h. */
static int dates_compatible(const rc_evdate *a, const rc_evdate *b, int slack)
{
    if (!a->gran || !b->gran) {
        int wa = a->wday >= 0 ? a->wday : evdate_wday(a);
        int wb = b->wday >= 0 ? b->wday : evdate_wday(b);
        if (wa >= 0 && wb >= 0 && wa != wb)
            return 0;
        return 1;
    }
    int yk = a->year > 0 && b->year > 0 && !a->year_guessed && !b->year_guessed;
    if (yk && a->year != b->year && !(a->gran == RC_DATE_DAY && b->gran == RC_DATE_DAY))
        return 0;
    if (a->gran == RC_DATE_DAY && b->gran == RC_DATE_DAY) {
        int ya = yk ? a->year : 2001, yb = yk ? b->year : 2001;
        int32_t da = rc_evdate_daynum(ya, a->month, a->day);
        int32_t db = rc_evdate_daynum(yb, b->month, b->day);
        int32_t diff = da > db ? da - db : db - da;
        if (!yk && diff > 183)
            diff = 365 - diff;
        return diff <= slack;
    }
    /* a month against a day or a month: same month */
    if (a->month != b->month)
        return 0;
    const rc_evdate *day = a->gran == RC_DATE_DAY ? a : b->gran == RC_DATE_DAY ? b : NULL;
    const rc_evdate *mon = day == a ? b : a;
    if (day && mon->wday >= 0 && evdate_wday(day) >= 0 && evdate_wday(day) != mon->wday)
        return 0;
    return 1;
}

/* Day number used for the window: the event day, else the publication day. */
static int feat_time(const rc_evfeat *f, int32_t *day)
{
    if (rc_evfeat_day(f, day) && !f->date.year_guessed)
        return 1;
    if (f->pub_gran == RC_DATE_DAY) {
        *day = f->pub_day;
        return 1;
    }
    return 0;
}

/* The document's TF-IDF unit vector into v (same order as f->terms). */
static void doc_vector(const rc_evclust *c, const rc_evfeat *f, double *v)
{
    double norm = 0.0;
    for (uint32_t i = 0; i < f->nterms; i++) {
        double tf = 1.0 + log(f->terms[i].w > 1.0f ? f->terms[i].w : 1.0);
        v[i] = tf * rc_evclust_idf(c, f->terms[i].h);
        if (v[i] < 0.0)
            v[i] = 0.0;
        norm += v[i] * v[i];
    }
    norm = sqrt(norm);
    for (uint32_t i = 0; i < f->nterms; i++)
        v[i] = norm > 0.0 ? v[i] / norm : 0.0;
}

/* Number of equal values in two ascending u64 lists. */
static uint32_t shared_u64(const uint64_t *a, uint32_t na, const uint64_t *b, uint32_t nb)
{
    uint32_t i = 0, j = 0, s = 0;
    while (i < na && j < nb) {
        if (a[i] < b[j])
            i++;
        else if (a[i] > b[j])
            j++;
        else {
            s++;
            i++;
            j++;
        }
    }
    return s;
}

/* Same for ascending i32 lists. */
static uint32_t shared_i32(const int32_t *a, uint32_t na, const int32_t *b, uint32_t nb)
{
    uint32_t i = 0, j = 0, s = 0;
    while (i < na && j < nb) {
        if (a[i] < b[j])
            i++;
        else if (a[i] > b[j])
            j++;
        else {
            s++;
            i++;
            j++;
        }
    }
    return s;
}

/* Similarity of document f (unit vector v) to active event e; see events.h. */
static double similarity(const rc_evclust *c, const rc_evfeat *f, const double *v, const evrec *e)
{
    /* terms: dot with the centroid */
    double dot = 0.0;
    uint32_t i = 0, j = 0;
    while (i < f->nterms && j < e->nterms) {
        if (f->terms[i].h < e->terms[j].h)
            i++;
        else if (f->terms[i].h > e->terms[j].h)
            j++;
        else {
            dot += v[i] * e->terms[j].w;
            i++;
            j++;
        }
    }
    double cosv = e->tnorm > 0.0 ? dot / e->tnorm : 0.0;
    /* entity keys: idf-weighted share of the document's keys */
    double all = 0.0, got = 0.0;
    uint32_t nshared = 0;
    i = j = 0;
    while (i < f->nents) {
        double w = rc_evclust_idf(c, f->ents[i].h);
        if (w < 0.05)
            w = 0.05;
        all += w;
        while (j < e->nents && e->ents[j].h < f->ents[i].h)
            j++;
        if (j < e->nents && e->ents[j].h == f->ents[i].h) {
            got += w;
            nshared++;
        }
        i++;
    }
    double eall = 0.0;
    for (uint32_t k = 0; k < e->nents && eall < all; k++) {
        double w = rc_evclust_idf(c, e->ents[k].h);
        eall += w < 0.05 ? 0.05 : w;
    }
    if (eall < all)
        all = eall;
    double ents = all > 0.0 ? got / all : 0.0;
    if (ents > 1.0)
        ents = 1.0;
    ents *= nshared >= 3 ? 1.0 : nshared / 3.0;
    double nums = shared_u64(f->nums, f->nnums, e->nums, e->nnums) / 2.0;
    double days = shared_i32(f->days, f->ndays, e->days, e->ndays) / 2.0;
    if (nums > 1.0)
        nums = 1.0;
    if (days > 1.0)
        days = 1.0;
    if (ev_has_lang(e, lang_code(f->lang)))
        return 0.5 * cosv + 0.3 * ents + 0.1 * nums + 0.1 * days;
    return 0.6 * ents + 0.2 * nums + 0.2 * days;
}

/* Add event ei to the posting list of key h. */
static void post_add(rc_evclust *c, uint64_t h, uint32_t ei)
{
    uint32_t *slot = umap_get(&c->post, h);
    if (!*slot) {
        if (c->nlists == c->clists) {
            c->clists = c->clists ? c->clists * 2 : 256;
            c->lists = rc_reallocarray(c->lists, c->clists, sizeof *c->lists);
        }
        memset(&c->lists[c->nlists], 0, sizeof c->lists[0]);
        *slot = (uint32_t)++c->nlists;
    }
    ulist *l = &c->lists[*slot - 1];
    if (l->n && l->v[l->n - 1] == ei)
        return;
    if (l->n >= POSTING_MAX) {
        /* drop retired events, then the oldest half */
        uint32_t k = 0;
        for (uint32_t x = 0; x < l->n; x++)
            if (c->slot[l->v[x]] != NO_SLOT)
                l->v[k++] = l->v[x];
        if (k >= POSTING_MAX) {
            memmove(l->v, l->v + k / 2, (k - k / 2) * sizeof *l->v);
            k -= k / 2;
        }
        l->n = k;
    }
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 4;
        l->v = rc_reallocarray(l->v, l->cap, sizeof *l->v);
    }
    l->v[l->n++] = ei;
}

/* Posting list of h, NULL when none. */
static const ulist *post_find(const rc_evclust *c, uint64_t h)
{
    uint32_t s = umap_find(&c->post, h);
    return s ? &c->lists[s - 1] : NULL;
}

/* Merge the weighted list b (scaled by s) into the sorted list *a; keys new
 * to *a are reported through post_add for event ei when post is set. Keeps
 * the cap heaviest. */
static void merge_w(rc_evclust *c, rc_evweight **a, uint32_t *na, const rc_evweight *b,
                    uint32_t nb, const double *s, double unit, uint32_t cap, uint32_t ei,
                    int post)
{
    rc_evweight *out = rc_reallocarray(NULL, (size_t)*na + nb + 1, sizeof *out);
    uint32_t i = 0, j = 0, n = 0;
    while (i < *na || j < nb) {
        if (j >= nb || (i < *na && (*a)[i].h < b[j].h)) {
            out[n++] = (*a)[i++];
        } else {
            float w = (float)(s ? s[j] : unit);
            if (i < *na && (*a)[i].h == b[j].h) {
                out[n] = (*a)[i++];
                out[n++].w += w;
            } else {
                out[n].h = b[j].h;
                out[n++].w = w;
                if (post)
                    post_add(c, b[j].h, ei);
            }
            j++;
        }
    }
    if (n > cap) {
        /* keep the heaviest: find the cap-th weight */
        float *ws = rc_reallocarray(NULL, n, sizeof *ws);
        for (uint32_t k = 0; k < n; k++)
            ws[k] = out[k].w;
        /* simple selection by sorting a copy (n <= cap + 200) */
        for (uint32_t k = 1; k < n; k++) {
            float x = ws[k];
            uint32_t m = k;
            while (m > 0 && ws[m - 1] < x) {
                ws[m] = ws[m - 1];
                m--;
            }
            ws[m] = x;
        }
        float cut = ws[cap - 1];
        free(ws);
        uint32_t k = 0, above = 0;
        for (uint32_t x = 0; x < n; x++)
            if (out[x].w > cut)
                above++;
        uint32_t ties = cap - above;
        for (uint32_t x = 0; x < n; x++) {
            if (out[x].w > cut || (out[x].w == cut && ties > 0)) {
                if (out[x].w == cut)
                    ties--;
                out[k++] = out[x];
            }
        }
        n = k;
    }
    free(*a);
    *a = out;
    *na = n;
}

/* Insert the values of b into the sorted set (*a, *na, *ca), keeping at
 * most cap (the smallest ones drop out; they are older days/hashes). */
static void merge_u64(uint64_t **a, uint32_t *na, uint32_t *ca, const uint64_t *b, uint32_t nb,
                      uint32_t cap)
{
    for (uint32_t j = 0; j < nb; j++) {
        uint32_t lo = 0, hi = *na;
        while (lo < hi) {
            uint32_t mid = (lo + hi) / 2;
            if ((*a)[mid] < b[j])
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo < *na && (*a)[lo] == b[j])
            continue;
        if (*na >= cap)
            continue;
        if (*na == *ca) {
            *ca = *ca ? *ca * 2 : 16;
            *a = rc_reallocarray(*a, *ca, sizeof **a);
        }
        memmove(*a + lo + 1, *a + lo, (*na - lo) * sizeof **a);
        (*a)[lo] = b[j];
        (*na)++;
    }
}

/* Same for int32 days. */
static void merge_i32(int32_t **a, uint32_t *na, uint32_t *ca, const int32_t *b, uint32_t nb,
                      uint32_t cap)
{
    for (uint32_t j = 0; j < nb; j++) {
        uint32_t lo = 0, hi = *na;
        while (lo < hi) {
            uint32_t mid = (lo + hi) / 2;
            if ((*a)[mid] < b[j])
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo < *na && (*a)[lo] == b[j])
            continue;
        if (*na >= cap)
            continue;
        if (*na == *ca) {
            *ca = *ca ? *ca * 2 : 16;
            *a = rc_reallocarray(*a, *ca, sizeof **a);
        }
        memmove(*a + lo + 1, *a + lo, (*na - lo) * sizeof **a);
        (*a)[lo] = b[j];
        (*na)++;
    }
}

/* Precision rank of a date: day with a known year > guessed day > month > none. */
static int date_rank(const rc_evdate *d)
{
    if (d->gran == RC_DATE_DAY)
        return d->year > 0 && !d->year_guessed ? 4 : 3;
    if (d->gran == RC_DATE_MONTH)
        return d->year > 0 && !d->year_guessed ? 2 : 1;
    return d->wday >= 0 ? 0 : -1;
}

/* Put document f (unit vector v) into event ei. */
static void ev_absorb(rc_evclust *c, uint32_t ei, const rc_evfeat *f, const double *v)
{
    evrec *e = rec_of(c, ei);
    if (!e)
        return;
    rc_evclust_event *pub = &c->sum[ei];
    pub->ndocs++;
    e->last_doc = c->ndocs;
    uint32_t l = lang_code(f->lang);
    for (size_t i = 0; i < 4; i++) {
        if (e->langs[i] == l)
            break;
        if (!e->langs[i]) {
            e->langs[i] = l;
            break;
        }
    }
    int rd = date_rank(&f->date), re = date_rank(&pub->date);
    if (rd > re || (rd == re && f->date.score > pub->date.score))
        pub->date = f->date;
    int32_t day;
    if (feat_time(f, &day) && (e->last_day == INT32_MIN || day > e->last_day))
        e->last_day = day;
    merge_w(c, &e->terms, &e->nterms, f->terms, f->nterms, v, 0.0, CENTROID_MAX, ei, 0);
    double norm = 0.0;
    for (uint32_t i = 0; i < e->nterms; i++)
        norm += (double)e->terms[i].w * e->terms[i].w;
    e->tnorm = sqrt(norm);
    merge_w(c, &e->ents, &e->nents, f->ents, f->nents, NULL, 1.0, 4 * RC_EVFEAT_MAX_ENTS, ei, 1);
    merge_u64(&e->nums, &e->nnums, &e->cnums, f->nums, f->nnums, 4 * RC_EVFEAT_MAX_NUMS);
    merge_i32(&e->days, &e->ndays, &e->cdays, f->days, f->ndays, 4 * RC_EVFEAT_MAX_DATES);
    /* the document's most specific terms find this event later */
    uint32_t top[QUERY_TERMS];
    size_t nt = 0;
    for (uint32_t i = 0; i < f->nterms; i++) {
        size_t k = nt < QUERY_TERMS ? nt++ : QUERY_TERMS;
        if (k == QUERY_TERMS) {
            if (v[i] <= v[top[QUERY_TERMS - 1]])
                continue;
            k = QUERY_TERMS - 1;
        }
        while (k > 0 && v[top[k - 1]] < v[i]) {
            top[k] = top[k - 1];
            k--;
        }
        top[k] = i;
    }
    for (size_t k = 0; k < nt; k++)
        post_add(c, f->terms[top[k]].h, ei);
}

/* A new event for f. */
static uint32_t ev_new(rc_evclust *c)
{
    if (c->nev == c->cev) {
        c->cev = c->cev ? c->cev * 2 : 64;
        c->sum = rc_reallocarray(c->sum, c->cev, sizeof *c->sum);
        c->slot = rc_reallocarray(c->slot, c->cev, sizeof *c->slot);
    }
    uint32_t at;
    if (c->nfreed) {
        at = c->freed[--c->nfreed];
    } else {
        if (c->nrec == c->crec) {
            c->crec = c->crec ? c->crec * 2 : 64;
            c->rec = rc_reallocarray(c->rec, c->crec, sizeof *c->rec);
        }
        at = (uint32_t)c->nrec++;
    }
    rc_evclust_event *pub = &c->sum[c->nev];
    memset(pub, 0, sizeof *pub);
    pub->active = 1;
    pub->date.wday = -1;
    pub->date.gran = 0;
    c->slot[c->nev] = at;
    evrec *e = &c->rec[at];
    memset(e, 0, sizeof *e);
    e->last_day = INT32_MIN;
    e->stamp = UINT32_MAX;
    if (c->nactive == c->cactive) {
        c->cactive = c->cactive ? c->cactive * 2 : 64;
        c->active = rc_reallocarray(c->active, c->cactive, sizeof *c->active);
    }
    c->active[c->nactive++] = (uint32_t)c->nev;
    return (uint32_t)c->nev++;
}

/* Retire events out of the window; see events.h. */
static void retire(rc_evclust *c)
{
    size_t k = 0;
    for (size_t i = 0; i < c->nactive; i++) {
        uint32_t ei = c->active[i];
        evrec *e = &c->rec[c->slot[ei]];
        int old_doc = (size_t)(c->ndocs - e->last_doc) > c->o.retire_docs;
        int old_day = !c->have_day || e->last_day == INT32_MIN ||
                      e->last_day + c->o.window_days < c->max_day;
        if (old_doc && old_day) {
            if (c->on_retire)
                c->on_retire(ei, c->on_retire_ud);
            e = &c->rec[c->slot[ei]]; /* the hook may not add, but be safe */
            ev_release(e);
            c->sum[ei].active = 0;
            if (c->nfreed == c->cfreed) {
                c->cfreed = c->cfreed ? c->cfreed * 2 : 64;
                c->freed = rc_reallocarray(c->freed, c->cfreed, sizeof *c->freed);
            }
            c->freed[c->nfreed++] = c->slot[ei];
            c->slot[ei] = NO_SLOT;
        } else {
            c->active[k++] = c->active[i];
        }
    }
    c->nactive = k;
}

/* Keep in cand[0..keep) the keep candidates with the most hits (ties:
 * the more recent event, the larger index), in that order; returns keep. */
static size_t keep_most_hit(uint32_t *cand, const uint32_t *hits, size_t n, size_t keep)
{
    uint64_t key[CAND_MAX];
    for (size_t k = 0; k < n; k++)
        key[k] = (uint64_t)hits[k] << 32 | cand[k];
    /* partial selection sort: keep is small */
    for (size_t k = 0; k < keep; k++) {
        size_t m = k;
        for (size_t j = k + 1; j < n; j++)
            if (key[j] > key[m])
                m = j;
        uint64_t t = key[k];
        key[k] = key[m];
        key[m] = t;
        cand[k] = (uint32_t)key[k];
    }
    return keep;
}

/* Place a document; see events.h. */
size_t rc_evclust_add(rc_evclust *c, const rc_evfeat *f, long force)
{
    c->ndocs++;
    for (uint32_t i = 0; i < f->nterms; i++)
        (*umap_get(&c->df, f->terms[i].h))++;
    for (uint32_t i = 0; i < f->nents; i++)
        (*umap_get(&c->df, f->ents[i].h))++;
    int32_t day;
    if (feat_time(f, &day) && (!c->have_day || day > c->max_day)) {
        c->max_day = day;
        c->have_day = 1;
    }
    double *v = rc_reallocarray(NULL, f->nterms + 1, sizeof *v);
    doc_vector(c, f, v);

    long best = -1;
    if (force >= 0 && rec_of(c, (size_t)force)) {
        best = force;
    } else {
        /* candidates: events sharing an entity key or a specific term */
        uint32_t cand[CAND_MAX];
        size_t nc = 0;
        uint32_t top[QUERY_TERMS];
        size_t nt = 0;
        for (uint32_t i = 0; i < f->nterms && nt < QUERY_TERMS; i++)
            top[nt++] = i;
        for (uint32_t i = (uint32_t)nt; i < f->nterms; i++) {
            size_t m = 0;
            for (size_t k = 1; k < nt; k++)
                if (v[top[k]] < v[top[m]])
                    m = k;
            if (v[i] > v[top[m]])
                top[m] = i;
        }
        uint32_t hits[CAND_MAX];
        for (uint32_t q = 0; q < f->nents + nt; q++) {
            uint64_t h = q < f->nents ? f->ents[q].h : f->terms[top[q - f->nents]].h;
            const ulist *l = post_find(c, h);
            if (!l)
                continue;
            for (uint32_t x = l->n; x-- > 0;) {
                uint32_t ei = l->v[x];
                evrec *r = rec_of(c, ei);
                if (!r)
                    continue;
                if (r->stamp == c->ndocs) {
                    hits[r->pos]++;
                    continue;
                }
                if (nc == CAND_MAX)
                    continue;
                r->stamp = c->ndocs;
                r->pos = (uint32_t)nc;
                hits[nc] = 1;
                cand[nc++] = ei;
            }
        }
        if (nc > COMPARE_MAX)
            nc = keep_most_hit(cand, hits, nc, COMPARE_MAX);
        double best_s = 0.0;
        for (size_t k = 0; k < nc; k++) {
            const evrec *e = rec_of(c, cand[k]);
            const rc_evdate *ed = &c->sum[cand[k]].date;
            if (!dates_compatible(&f->date, ed, c->o.day_slack))
                continue;
            double need = (!f->date.gran || !ed->gran) ? c->o.strong : c->o.threshold;
            double s = similarity(c, f, v, e);
            if (s < need)
                continue;
            if (s > best_s || (s == best_s && (long)cand[k] < best)) {
                best_s = s;
                best = cand[k];
            }
        }
    }
    if (best < 0)
        best = ev_new(c);
    ev_absorb(c, (uint32_t)best, f, v);
    free(v);
    if (c->ndocs % RETIRE_EVERY == 0)
        retire(c);
    return (size_t)best;
}

/* ---- events and stories of a run -------------------------------------- */

struct rc_events {
    rc_arena *arena;
    rc_event *ev;
    size_t nev;
    rc_story *st;
    size_t nst;
    size_t *doc_ev;
    size_t ndocs;
};

/* The event a copy of document i must join: the index of a document whose
 * text i mostly reproduces (cluster/copies.h: at least RC_EVENTS_COPY_SHARE
 * of its sentences), or SIZE_MAX. A piece that only quotes a paragraph of
 * a dispatch is clustered on its own merits. */
static size_t copy_of(const rc_analysis *a, size_t i)
{
    if (!a->copies)
        return SIZE_MAX;
    return rc_copies_source(a->copies, i, RC_EVENTS_COPY_SHARE);
}

typedef struct hv {
    uint64_t h;
    double v;
} hv;

/* qsort order for hv: hash ascending. */
static int hv_cmp(const void *x, const void *y)
{
    uint64_t a = ((const hv *)x)->h, b = ((const hv *)y)->h;
    return a < b ? -1 : a > b;
}

/* Sort p[n] by hash and sum repeats in place; returns the new length. */
static size_t hv_sum(hv *p, size_t n)
{
    if (!n)
        return 0;
    qsort(p, n, sizeof *p, hv_cmp);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (k && p[k - 1].h == p[i].h)
            p[k - 1].v += p[i].v;
        else
            p[k++] = p[i];
    }
    return k;
}

/* Copy s (up to n bytes, cut at a UTF-8 boundary) into the arena. */
static const char *arena_cut(rc_arena *ar, const char *s, size_t n, size_t max)
{
    if (n > max) {
        n = max;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    return rc_arena_strndup(ar, s, n);
}

/* The member of m[0..n) closest to the members' centroid among those
 * with a title or a sentence (ties: earliest; 0 when none has). */
static size_t central_member(const rc_analysis *a, rc_evfeat **feats, const rc_evclust *c,
                             const size_t *m, size_t n)
{
    size_t tot = 0;
    for (size_t k = 0; k < n; k++)
        tot += feats[m[k]]->nterms;
    hv *cen = rc_reallocarray(NULL, tot + 1, sizeof *cen);
    size_t nc = 0;
    double **vecs = rc_calloc(n, sizeof *vecs);
    for (size_t k = 0; k < n; k++) {
        const rc_evfeat *f = feats[m[k]];
        vecs[k] = rc_reallocarray(NULL, f->nterms + 1, sizeof **vecs);
        doc_vector(c, f, vecs[k]);
        for (uint32_t i = 0; i < f->nterms; i++)
            cen[nc++] = (hv){f->terms[i].h, vecs[k][i]};
    }
    nc = hv_sum(cen, nc);
    size_t best = 0;
    double best_s = -1.0;
    for (size_t k = 0; k < n; k++) {
        const rc_evfeat *f = feats[m[k]];
        double s = 0.0;
        size_t j = 0;
        for (uint32_t i = 0; i < f->nterms; i++) {
            while (j < nc && cen[j].h < f->terms[i].h)
                j++;
            if (j < nc && cen[j].h == f->terms[i].h)
                s += vecs[k][i] * cen[j].v;
        }
        const rc_doc *d = a->docs[m[k]];
        int usable = (d->title && *d->title) || d->nsentences;
        if (usable && s > best_s) {
            best_s = s;
            best = k;
        }
        free(vecs[k]);
    }
    free(vecs);
    free(cen);
    return best;
}

/* The label of the event whose member documents are m[0..n): the title of
 * the member closest to the members' centroid (ties: earliest), else its
 * first sentence, else "". A lone member is its own centroid: feats and c
 * are not read (may be NULL). */
static const char *event_label(rc_arena *ar, const rc_analysis *a, rc_evfeat **feats,
                               const rc_evclust *c, const size_t *m, size_t n)
{
    size_t best = n > 1 ? central_member(a, feats, c, m, n) : 0;
    const rc_doc *d = a->docs[m[best]];
    if (d->title && *d->title)
        return arena_cut(ar, d->title, strlen(d->title), 200);
    if (d->nsentences && d->sentences[0].end <= d->text_len)
        return arena_cut(ar, d->text + d->sentences[0].start,
                         d->sentences[0].end - d->sentences[0].start, 160);
    return "";
}

/* An approximate day number for an event date (the 15th of a month), and
 * 1; 0 when undated or the year is unknown. */
static int approx_day(const rc_evdate *d, int32_t *day)
{
    if (!d->gran || d->year <= 0)
        return 0;
    *day = rc_evdate_daynum(d->year, d->month, d->gran == RC_DATE_DAY ? d->day : 15);
    return 1;
}

/* Rarity of h in the run (rc_idf_fn over the engine). */
static double engine_idf(const void *ctx, uint64_t h)
{
    double v = rc_evclust_idf(ctx, h);
    return v > 0.0 ? v : 0.0;
}

/* Label each story of e with the three entities named in most of its
 * documents (" / " between them), else its first event's label. */
static void story_labels(struct rc_events *e, const rc_analysis *a)
{
    size_t nent = a->entities ? rc_entities_count(a->entities) : 0;
    size_t *cnt = rc_calloc(nent + 1, sizeof *cnt);
    size_t *last = rc_reallocarray(NULL, nent + 1, sizeof *last);
    for (size_t s = 0; s < e->nst; s++) {
        rc_story *st = &e->st[s];
        memset(cnt, 0, (nent + 1) * sizeof *cnt);
        for (size_t i = 0; i <= nent; i++)
            last[i] = SIZE_MAX;
        for (size_t q = 0; q < st->nevents; q++) {
            const rc_event *ev = &e->ev[st->events[q]];
            for (size_t k = 0; k < ev->ndocs; k++) {
                const rc_facts *f = a->facts ? a->facts[ev->docs[k]] : NULL;
                for (size_t i = 0; f && i < f->nmentions; i++) {
                    int en = f->mentions[i].entity;
                    if (en < 0 || (size_t)en >= nent || last[en] == ev->docs[k])
                        continue;
                    last[en] = ev->docs[k];
                    cnt[en]++;
                }
            }
        }
        rc_buf b;
        rc_buf_init(&b, 4096);
        for (int pick = 0; pick < 3; pick++) {
            size_t bi = SIZE_MAX;
            for (size_t i = 0; i < nent; i++)
                if (cnt[i] && (bi == SIZE_MAX || cnt[i] > cnt[bi]))
                    bi = i;
            if (bi == SIZE_MAX)
                break;
            cnt[bi] = 0;
            const rc_entity *en = rc_entities_get(a->entities, bi);
            if (!en || !en->name)
                continue;
            if (b.len)
                rc_buf_puts(&b, " / ");
            rc_buf_puts(&b, en->name);
        }
        if (b.len)
            st->label = rc_arena_strdup(e->arena, rc_buf_str(&b));
        else if (st->nevents)
            st->label = e->ev[st->events[0]].label;
        rc_buf_cleanup(&b);
    }
    free(cnt);
    free(last);
}

/* Link events into stories (cluster/stories.h); fills e->st and each
 * event's story. */
static void build_stories(struct rc_events *e, const rc_analysis *a, rc_evfeat **feats,
                          const rc_evclust *c)
{
    size_t nev = e->nev;
    rc_evprofile *prof = rc_calloc(nev + 1, sizeof *prof);
    const rc_evfeat **m = NULL;
    size_t cm = 0;
    for (size_t x = 0; x < nev; x++) {
        const rc_event *ev = &e->ev[x];
        if (ev->ndocs > cm) {
            cm = ev->ndocs;
            m = rc_reallocarray(m, cm, sizeof *m);
        }
        for (size_t k = 0; k < ev->ndocs; k++)
            m[k] = feats[ev->docs[k]];
        rc_evprofile_build(&prof[x], m, ev->ndocs, engine_idf, c);
        prof[x].has_day = approx_day(&rc_evclust_event_get(c, x)->date, &prof[x].day);
    }
    free(m);
    size_t *sid = rc_calloc(nev + 1, sizeof *sid);
    size_t nst = rc_stories_link(prof, nev, NULL, sid);
    for (size_t x = 0; x < nev; x++) {
        e->ev[x].story = sid[x];
        rc_evprofile_cleanup(&prof[x]);
    }
    free(prof);
    free(sid);
    e->nst = nst;
    e->st = rc_arena_calloc(e->arena, nst ? nst : 1, sizeof *e->st);
    for (size_t x = 0; x < nev; x++)
        e->st[e->ev[x].story].nevents++;
    for (size_t s = 0; s < nst; s++) {
        snprintf(e->st[s].id, sizeof e->st[s].id, "S%zu", s + 1);
        e->st[s].events = rc_arena_calloc(e->arena, e->st[s].nevents, sizeof(size_t));
        e->st[s].nevents = 0;
    }
    for (size_t x = 0; x < nev; x++) {
        rc_story *st = &e->st[e->ev[x].story];
        ((size_t *)st->events)[st->nevents++] = x;
    }
    story_labels(e, a);
}

/* Append s to the distinct list (*v, *n) unless an equal string is there. */
static void add_distinct(rc_arena *ar, const char ***v, size_t *n, const char *s)
{
    if (!s || !*s)
        return;
    for (size_t i = 0; i < *n; i++)
        if (strcmp((*v)[i], s) == 0)
            return;
    *v = rc_arena_grow(ar, (void *)*v, *n, sizeof **v);
    (*v)[(*n)++] = rc_arena_strdup(ar, s);
}

/* Build; see events.h. */
struct rc_events *rc_events_build(const rc_analysis *a)
{
    struct rc_events *e = rc_calloc(1, sizeof *e);
    e->arena = rc_arena_new();
    size_t n = a->ndocs;
    e->ndocs = n;
    e->doc_ev = rc_arena_calloc(e->arena, n ? n : 1, sizeof *e->doc_ev);
    rc_evfeat **feats = rc_calloc(n ? n : 1, sizeof *feats);
    rc_evclust *c = rc_evclust_new(NULL);
    for (size_t i = 0; i < n; i++) {
        feats[i] = rc_evfeat_build(a->docs[i], a->facts ? a->facts[i] : NULL,
                                   a->entities ? RC_EVFEAT_MERGED : 0);
        size_t src = copy_of(a, i);
        long force = src < i ? (long)e->doc_ev[src] : -1;
        e->doc_ev[i] = rc_evclust_add(c, feats[i], force);
    }
    e->nev = rc_evclust_count(c);
    e->ev = rc_arena_calloc(e->arena, e->nev ? e->nev : 1, sizeof *e->ev);
    for (size_t i = 0; i < n; i++)
        e->ev[e->doc_ev[i]].ndocs++;
    for (size_t x = 0; x < e->nev; x++) {
        rc_event *ev = &e->ev[x];
        snprintf(ev->id, sizeof ev->id, "E%zu", x + 1);
        const rc_evclust_event *s = rc_evclust_event_get(c, x);
        rc_evdate_iso(&s->date, ev->date, sizeof ev->date);
        ev->undated = s->date.gran == 0;
        ev->docs = rc_arena_calloc(e->arena, ev->ndocs, sizeof(size_t));
        ev->ndocs = 0;
    }
    for (size_t i = 0; i < n; i++) {
        rc_event *ev = &e->ev[e->doc_ev[i]];
        ((size_t *)ev->docs)[ev->ndocs++] = i;
        const char **o = (const char **)ev->outlets, **l = (const char **)ev->langs;
        add_distinct(e->arena, &o, &ev->noutlets, a->docs[i]->outlet);
        add_distinct(e->arena, &l, &ev->nlangs, a->docs[i]->lang);
        ev->outlets = o;
        ev->langs = l;
    }
    for (size_t x = 0; x < e->nev; x++)
        e->ev[x].label = event_label(e->arena, a, feats, c, e->ev[x].docs, e->ev[x].ndocs);
    build_stories(e, a, feats, c);
    for (size_t i = 0; i < n; i++)
        rc_evfeat_free(feats[i]);
    free(feats);
    rc_evclust_free(c);
    return e;
}

/* Free; see events.h. */
void rc_events_free(struct rc_events *e)
{
    if (!e)
        return;
    rc_arena_free(e->arena);
    free(e);
}

/* Accessors; see events.h. */
size_t rc_events_count(const struct rc_events *e)
{
    return e ? e->nev : 0;
}

/* Event i; see events.h. */
const rc_event *rc_events_get(const struct rc_events *e, size_t i)
{
    return e && i < e->nev ? &e->ev[i] : NULL;
}

/* Story count; see events.h. */
size_t rc_stories_count(const struct rc_events *e)
{
    return e ? e->nst : 0;
}

/* Story i; see events.h. */
const rc_story *rc_stories_get(const struct rc_events *e, size_t i)
{
    return e && i < e->nst ? &e->st[i] : NULL;
}

/* Event of document i; see events.h. */
size_t rc_events_of_doc(const struct rc_events *e, size_t i)
{
    return e && i < e->ndocs ? e->doc_ev[i] : SIZE_MAX;
}

/* ---- engine state across runs ----------------------------------------- */

/* Export; see events.h. */
int rc_evclust_export(const rc_evclust *c, size_t i, rc_buf *out)
{
    const evrec *e = rec_of(c, i);
    if (!e)
        return RC_ERR;
    const rc_evclust_event *pub = &c->sum[i];
    int bad = rc_buf_append(out, "RCES", 4);
    bad |= rc_bytes_put_le(out, RC_EVSTATE_VERSION, 1);
    bad |= rc_bytes_put_le(out, (uint64_t)pub->date.gran, 1);
    bad |= rc_bytes_put_le(out, (uint32_t)pub->date.year, 4);
    bad |= rc_bytes_put_le(out, (uint64_t)pub->date.month, 1);
    bad |= rc_bytes_put_le(out, (uint64_t)pub->date.day, 1);
    bad |= rc_bytes_put_le(out, (uint64_t)pub->date.year_guessed, 1);
    bad |= rc_bytes_put_le(out, (uint64_t)(pub->date.wday + 1), 1);
    bad |= rc_bytes_put_f32(out, pub->date.score);
    bad |= rc_bytes_put_le(out, pub->ndocs, 4);
    bad |= rc_bytes_put_le(out, e->last_doc, 4);
    bad |= rc_bytes_put_le(out, (uint32_t)e->last_day, 4);
    for (size_t k = 0; k < 4; k++)
        bad |= rc_bytes_put_le(out, e->langs[k], 4);
    bad |= rc_bytes_put_le(out, e->nterms, 4);
    for (uint32_t k = 0; k < e->nterms; k++) {
        bad |= rc_bytes_put_le(out, e->terms[k].h, 8);
        bad |= rc_bytes_put_f32(out, e->terms[k].w);
    }
    bad |= rc_bytes_put_le(out, e->nents, 4);
    for (uint32_t k = 0; k < e->nents; k++) {
        bad |= rc_bytes_put_le(out, e->ents[k].h, 8);
        bad |= rc_bytes_put_f32(out, e->ents[k].w);
    }
    bad |= rc_bytes_put_le(out, e->nnums, 4);
    for (uint32_t k = 0; k < e->nnums; k++)
        bad |= rc_bytes_put_le(out, e->nums[k], 8);
    bad |= rc_bytes_put_le(out, e->ndays, 4);
    for (uint32_t k = 0; k < e->ndays; k++)
        bad |= rc_bytes_put_le(out, (uint32_t)e->days[k], 4);
    return bad ? RC_TOOBIG : RC_OK;
}

/* Read a weighted list of at most cap entries, strictly ascending by hash,
 * into a new array; r->bad on any violation. */
static rc_evweight *st_get_w(rc_bytes_reader *r, uint32_t *n, uint32_t cap)
{
    *n = (uint32_t)rc_bytes_get_le(r, 4);
    if (r->bad || *n > cap || (size_t)*n * 12 > r->n - r->at) {
        r->bad = 1;
        *n = 0;
        return NULL;
    }
    rc_evweight *v = *n ? rc_reallocarray(NULL, *n, sizeof *v) : NULL;
    for (uint32_t k = 0; k < *n; k++) {
        v[k].h = rc_bytes_get_le(r, 8);
        v[k].w = rc_bytes_get_f32(r);
        if (k && v[k].h <= v[k - 1].h)
            r->bad = 1;
    }
    return v;
}

/* Import; see events.h. */
int rc_evclust_import(rc_evclust *c, const void *p, size_t n, size_t *out)
{
    rc_bytes_reader r = {p, n, 0, 0};
    if (n < 5 || memcmp(p, "RCES", 4) != 0)
        return RC_PARSE;
    r.at = 4;
    if (rc_bytes_get_le(&r, 1) != RC_EVSTATE_VERSION)
        return RC_PARSE;
    evrec e;
    memset(&e, 0, sizeof e);
    rc_evclust_event pub;
    memset(&pub, 0, sizeof pub);
    pub.active = 1;
    pub.date.gran = (int)rc_bytes_get_le(&r, 1);
    pub.date.year = (int)(int32_t)rc_bytes_get_le(&r, 4);
    pub.date.month = (int)rc_bytes_get_le(&r, 1);
    pub.date.day = (int)rc_bytes_get_le(&r, 1);
    pub.date.year_guessed = (int)rc_bytes_get_le(&r, 1);
    pub.date.wday = (int)rc_bytes_get_le(&r, 1) - 1;
    pub.date.score = rc_bytes_get_f32(&r);
    if (pub.date.month > 12 || pub.date.day > 31 || pub.date.wday > 6 ||
        (pub.date.gran && pub.date.gran != RC_DATE_MONTH && pub.date.gran != RC_DATE_DAY) ||
        (pub.date.gran && (pub.date.month < 1 ||
                           (pub.date.gran == RC_DATE_DAY && pub.date.day < 1))))
        r.bad = 1;
    pub.ndocs = (uint32_t)rc_bytes_get_le(&r, 4);
    e.last_doc = (uint32_t)rc_bytes_get_le(&r, 4);
    e.last_day = (int32_t)(uint32_t)rc_bytes_get_le(&r, 4);
    for (size_t k = 0; k < 4; k++)
        e.langs[k] = (uint32_t)rc_bytes_get_le(&r, 4);
    e.terms = st_get_w(&r, &e.nterms, CENTROID_MAX);
    e.ents = st_get_w(&r, &e.nents, 4 * RC_EVFEAT_MAX_ENTS);
    e.nnums = (uint32_t)rc_bytes_get_le(&r, 4);
    if (r.bad || e.nnums > 4 * RC_EVFEAT_MAX_NUMS || (size_t)e.nnums * 8 > r.n - r.at)
        r.bad = 1;
    else if (e.nnums) {
        e.cnums = e.nnums;
        e.nums = rc_reallocarray(NULL, e.nnums, sizeof *e.nums);
        for (uint32_t k = 0; k < e.nnums; k++) {
            e.nums[k] = rc_bytes_get_le(&r, 8);
            if (k && e.nums[k] <= e.nums[k - 1])
                r.bad = 1;
        }
    }
    e.ndays = r.bad ? 0 : (uint32_t)rc_bytes_get_le(&r, 4);
    if (r.bad || e.ndays > 4 * RC_EVFEAT_MAX_DATES || (size_t)e.ndays * 4 > r.n - r.at)
        r.bad = 1;
    else if (e.ndays) {
        e.cdays = e.ndays;
        e.days = rc_reallocarray(NULL, e.ndays, sizeof *e.days);
        for (uint32_t k = 0; k < e.ndays; k++) {
            e.days[k] = (int32_t)(uint32_t)rc_bytes_get_le(&r, 4);
            if (k && e.days[k] <= e.days[k - 1])
                r.bad = 1;
        }
    }
    if (r.bad || r.at != r.n) {
        ev_release(&e);
        return RC_PARSE;
    }
    double norm = 0.0;
    for (uint32_t k = 0; k < e.nterms; k++)
        norm += (double)e.terms[k].w * e.terms[k].w;
    e.tnorm = sqrt(norm);
    uint32_t ei = ev_new(c);
    e.stamp = UINT32_MAX;
    c->sum[ei] = pub;
    c->rec[c->slot[ei]] = e;
    for (uint32_t k = 0; k < e.nents; k++)
        post_add(c, e.ents[k].h, ei);
    /* the heaviest centroid terms stand for the members' query terms */
    uint32_t top[RC_EVSTATE_POST_TERMS];
    size_t nt = 0;
    for (uint32_t k = 0; k < e.nterms; k++) {
        size_t x = nt < RC_EVSTATE_POST_TERMS ? nt++ : RC_EVSTATE_POST_TERMS;
        if (x == RC_EVSTATE_POST_TERMS) {
            if (e.terms[k].w <= e.terms[top[RC_EVSTATE_POST_TERMS - 1]].w)
                continue;
            x = RC_EVSTATE_POST_TERMS - 1;
        }
        while (x > 0 && e.terms[top[x - 1]].w < e.terms[k].w) {
            top[x] = top[x - 1];
            x--;
        }
        top[x] = k;
    }
    for (size_t k = 0; k < nt; k++)
        post_add(c, e.terms[top[k]].h, ei);
    *out = ei;
    return RC_OK;
}

/* Document count; see events.h. */
uint32_t rc_evclust_docs(const rc_evclust *c)
{
    return c->ndocs;
}

/* Set the document count; see events.h. */
void rc_evclust_set_docs(rc_evclust *c, uint32_t n)
{
    c->ndocs = n;
}

/* Known document frequency; see events.h. */
int rc_evclust_df_has(const rc_evclust *c, uint64_t h)
{
    if (!h)
        h = 1;
    if (!c->df.cap)
        return 0;
    return c->df.k[umap_slot(&c->df, h)] != 0;
}

/* Set a document frequency; see events.h. */
void rc_evclust_df_set(rc_evclust *c, uint64_t h, uint32_t df)
{
    *umap_get(&c->df, h) = df;
}

/* qsort order for hv: weight descending, then hash ascending. */
static int hv_heavy(const void *x, const void *y)
{
    const hv *a = x, *b = y;
    if (a->v != b->v)
        return a->v > b->v ? -1 : 1;
    return a->h < b->h ? -1 : a->h > b->h;
}

/* Event keys; see events.h. */
size_t rc_evclust_event_keys(const rc_evclust *c, size_t i, uint64_t *out, size_t cap)
{
    const evrec *e = rec_of(c, i);
    if (!e || !cap)
        return 0;
    hv *p = rc_reallocarray(NULL, (size_t)e->nents + 1, sizeof *p);
    for (uint32_t k = 0; k < e->nents; k++)
        p[k] = (hv){e->ents[k].h, e->ents[k].w};
    qsort(p, e->nents, sizeof *p, hv_heavy);
    size_t n = e->nents < cap ? e->nents : cap;
    qsort(p, n, sizeof *p, hv_cmp);
    for (size_t k = 0; k < n; k++)
        out[k] = p[k].h;
    free(p);
    return n;
}

/* Centrality; see events.h. */
double rc_evclust_centrality(const rc_evclust *c, size_t i, const rc_evfeat *f)
{
    const evrec *e = rec_of(c, i);
    if (!e)
        return 0.0;
    double *v = rc_reallocarray(NULL, f->nterms + 1, sizeof *v);
    doc_vector(c, f, v);
    double dot = 0.0;
    uint32_t a = 0, b = 0;
    while (a < f->nterms && b < e->nterms) {
        if (f->terms[a].h < e->terms[b].h)
            a++;
        else if (f->terms[a].h > e->terms[b].h)
            b++;
        else
            dot += v[a++] * e->terms[b++].w;
    }
    free(v);
    return e->tnorm > 0.0 ? dot / e->tnorm : 0.0;
}

/* ---- events given by the caller (a store's placement) ----------------- */

/* Label each event of e with rc_events_build's rule (event_label: the
 * member most central to the members' centroid), the weights' document
 * frequencies counted over a's documents (the run). Only the terms are
 * built (RC_EVFEAT_TERMS): event_label reads nothing else. */
/* The terms of document i from the features record the store kept
 * (rc_analysis.stored_features), when its facts came from the store too
 * (so the same text model made both) and the record decodes; else NULL.
 * The record's terms are what rc_evfeat_build gives with
 * RC_EVFEAT_TERMS: the terms do not depend on the facts or the flags. */
static rc_evfeat *stored_terms(const rc_analysis *a, size_t i)
{
    if (!a->stored_features || !a->stored_features[i] || !a->facts_stored ||
        !a->facts_stored[i])
        return NULL;
    rc_evfeat *f = NULL;
    if (rc_evfeat_decode(a->stored_features[i], a->nstored_features[i], &f) != RC_OK)
        return NULL;
    return f;
}

static void given_labels(struct rc_events *e, const rc_analysis *a)
{
    size_t n = a->ndocs, tot = 0;
    /* the terms and their document counts serve events of two or more */
    int multi = 0;
    for (size_t x = 0; x < e->nev && !multi; x++)
        multi = e->ev[x].ndocs > 1;
    if (!multi) {
        for (size_t x = 0; x < e->nev; x++)
            if (e->ev[x].ndocs)
                e->ev[x].label = event_label(e->arena, a, NULL, NULL, e->ev[x].docs, 1);
        return;
    }
    rc_evfeat **feats = rc_calloc(n ? n : 1, sizeof *feats);
    for (size_t i = 0; i < n; i++) {
        feats[i] = stored_terms(a, i);
        if (!feats[i])
            feats[i] = rc_evfeat_build(a->docs[i], NULL, RC_EVFEAT_TERMS);
        tot += feats[i]->nterms;
    }
    uint64_t *h = rc_reallocarray(NULL, tot + 1, sizeof *h);
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        for (uint32_t k = 0; k < feats[i]->nterms; k++)
            h[m++] = feats[i]->terms[k].h;
    rc_sort_u64(h, m);
    rc_evclust *c = rc_evclust_new(NULL);
    for (size_t i = 0; i < m;) {
        size_t j = i;
        while (j < m && h[j] == h[i])
            j++;
        rc_evclust_df_set(c, h[i], (uint32_t)(j - i));
        i = j;
    }
    rc_evclust_set_docs(c, n > UINT32_MAX ? UINT32_MAX : (uint32_t)n);
    for (size_t x = 0; x < e->nev; x++)
        if (e->ev[x].ndocs)
            e->ev[x].label = event_label(e->arena, a, feats, c, e->ev[x].docs, e->ev[x].ndocs);
    rc_evclust_free(c);
    free(h);
    for (size_t i = 0; i < n; i++)
        rc_evfeat_free(feats[i]);
    free(feats);
}

/* Given events; see events.h. Outlets and languages are gathered from the
 * members as rc_events_build does; a story's label is the three entities
 * named in most of its documents (as build_stories), else its first
 * event's label. */
struct rc_events *rc_events_given(const rc_analysis *a, const rc_event_given *g, size_t nev,
                                  const char *const *story_ids, size_t nst)
{
    struct rc_events *e = rc_calloc(1, sizeof *e);
    e->arena = rc_arena_new();
    size_t n = a->ndocs;
    e->ndocs = n;
    e->doc_ev = rc_arena_calloc(e->arena, n ? n : 1, sizeof *e->doc_ev);
    for (size_t i = 0; i < n; i++)
        e->doc_ev[i] = SIZE_MAX;
    e->nev = nev;
    e->ev = rc_arena_calloc(e->arena, nev ? nev : 1, sizeof *e->ev);
    e->nst = nst;
    e->st = rc_arena_calloc(e->arena, nst ? nst : 1, sizeof *e->st);
    for (size_t x = 0; x < nev; x++) {
        rc_event *ev = &e->ev[x];
        snprintf(ev->id, sizeof ev->id, "%s", g[x].id ? g[x].id : "");
        snprintf(ev->date, sizeof ev->date, "%s", g[x].date ? g[x].date : "");
        ev->undated = g[x].undated || !ev->date[0];
        ev->label = g[x].label ? rc_arena_strdup(e->arena, g[x].label) : NULL;
        size_t *docs = rc_arena_calloc(e->arena, g[x].ndocs ? g[x].ndocs : 1, sizeof *docs);
        const char **o = NULL, **l = NULL;
        for (size_t k = 0; k < g[x].ndocs; k++) {
            size_t i = g[x].docs[k];
            if (i >= n)
                continue;
            docs[ev->ndocs++] = i;
            e->doc_ev[i] = x;
            add_distinct(e->arena, &o, &ev->noutlets, a->docs[i]->outlet);
            add_distinct(e->arena, &l, &ev->nlangs, a->docs[i]->lang);
        }
        ev->docs = docs;
        ev->outlets = o;
        ev->langs = l;
        ev->story = g[x].story < nst ? g[x].story : 0;
        if (nst)
            e->st[ev->story].nevents++;
    }
    for (size_t s = 0; s < nst; s++) {
        snprintf(e->st[s].id, sizeof e->st[s].id, "%s", story_ids && story_ids[s] ? story_ids[s] : "");
        e->st[s].events = rc_arena_calloc(e->arena, e->st[s].nevents + 1, sizeof(size_t));
        e->st[s].nevents = 0;
    }
    for (size_t x = 0; nst && x < nev; x++) {
        rc_story *st = &e->st[e->ev[x].story];
        ((size_t *)st->events)[st->nevents++] = x;
    }
    given_labels(e, a);
    story_labels(e, a);
    return e;
}
