/*
 * timeline.c - dated facts, event and publication dates of a group, merged
 * and in order; see timeline.h.
 */
#include "crosscheck/timeline.h"
#include "cluster/minhash.h"
#include "util/hash.h"
#include "util/mem.h"
#include <stdlib.h>
#include <string.h>

#define SIG_MAX 64           /* content stems kept per sentence signature */

/* One date mention before merging. */
typedef struct mention {
    char date[24];
    rc_timeline_kind kind;
    size_t pos;              /* position of the document in the group */
    size_t doc;
    uint32_t start, end;     /* sentence, or 0,0 */
    uint32_t sent;           /* facts: the sentence's index */
    int hassig;              /* sig made (facts: when first compared) */
    uint64_t *sig;           /* sorted distinct stem hashes (NULL for non-facts) */
    size_t nsig;
    const char *text;        /* borrowed: title for published; NULL for events */
} mention;

/* A merged item while building: indices of its mentions. */
typedef struct group_item {
    size_t first;            /* its first mention (defines text and signature) */
    size_t *ms;
    size_t nms, cap;
} group_item;

/* Sort key of mentions: date, kind, group position, start. */
static int mention_cmp(const void *pa, const void *pb)
{
    const mention *a = pa, *b = pb;
    int c = strcmp(a->date, b->date);
    if (c)
        return c;
    if (a->kind != b->kind)
        return a->kind < b->kind ? -1 : 1;
    if (a->pos != b->pos)
        return a->pos < b->pos ? -1 : 1;
    return a->start < b->start ? -1 : a->start > b->start;
}

/* The index of the first token of d whose sentence is s or later
 * (ntokens when none). Tokens are in text order: the search starts at
 * a guess from the sentence's byte offset (tokens spread over the text)
 * and gallops from it, then halves the bracket found: a few probes in
 * nearby cache lines instead of a binary search's far-apart ones over
 * the whole document. */
static size_t first_token(const rc_doc *d, uint32_t s)
{
    const rc_token *t = d->tokens;
    size_t n = d->ntokens, lo, hi;
    if (!n)
        return 0;
    size_t g = 0;
    if (s < d->nsentences && d->text_len)
        g = (size_t)((uint64_t)d->sentences[s].start * n / d->text_len);
    if (g >= n)
        g = n - 1;
    /* the answer lies in [lo, hi]; t[hi].sentence >= s unless hi == n */
    if (t[g].sentence < s) {
        size_t step = 1;
        lo = hi = g + 1;
        while (hi < n && t[hi].sentence < s) {
            lo = hi + 1;
            hi = lo + step;
            step *= 2;
        }
        if (hi > n)
            hi = n;
    } else {
        size_t step = 1;
        hi = g;
        lo = 0;
        while (hi >= step) {
            size_t p = hi - step;
            if (t[p].sentence < s) {
                lo = p + 1;
                break;
            }
            hi = p;
            step *= 2;
        }
    }
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t[mid].sentence < s)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The signature of sentence s of d: sorted distinct hashes of the stems of
 * its content tokens (at most SIG_MAX), in *out (malloc'd); returns count. */
static size_t sentence_sig(const rc_doc *d, uint32_t s, uint64_t **out)
{
    uint64_t *h = rc_malloc(SIG_MAX * sizeof *h);
    size_t n = 0;
    size_t lo = first_token(d, s);
    for (size_t i = lo; i < d->ntokens && d->tokens[i].sentence == s && n < SIG_MAX; i++) {
        const rc_token *t = &d->tokens[i];
        if (!(t->flags & RC_TOK_WORD) || (t->flags & (RC_TOK_STOP | RC_TOK_NUM)) || !t->stem)
            continue;
        h[n++] = rc_hash64(t->stem, strlen(t->stem), 7);
    }
    *out = h;
    return rc_sort_unique(h, n);
}

/* Jaccard similarity of two sorted distinct hash sets. */
static double jaccard(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
    if (!na || !nb)
        return 0.0;
    size_t i = 0, j = 0, inter = 0;
    while (i < na && j < nb) {
        if (a[i] == b[j]) {
            inter++;
            i++;
            j++;
        } else if (a[i] < b[j]) {
            i++;
        } else {
            j++;
        }
    }
    return (double)inter / (double)(na + nb - inter);
}

/* The sentence index of d holding byte offset off (the last one starting
 * at or before it). */
static uint32_t sentence_of(const rc_doc *d, uint32_t off)
{
    size_t lo = 0, hi = d->nsentences;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->sentences[mid].start <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (uint32_t)(lo ? lo - 1 : 0);
}

/* Append a mention to the growable array. */
static mention *push(mention **ms, size_t *n, size_t *cap)
{
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 64;
        *ms = rc_reallocarray(*ms, *cap, sizeof **ms);
    }
    mention *m = &(*ms)[(*n)++];
    memset(m, 0, sizeof *m);
    return m;
}

/* Copy an ISO date (at most day precision) into out[24]; 0 when s is not a
 * date with at least a year and a month ("YYYY-MM"). */
static int day_or_month(const char *s, char out[24])
{
    if (!s)
        return 0;
    size_t n = strlen(s);
    if (n < 7 || s[4] != '-')
        return 0;
    for (size_t i = 0; i < 7; i++)
        if (i != 4 && (s[i] < '0' || s[i] > '9'))
            return 0;
    n = n >= 10 && s[7] == '-' ? 10 : 7;
    memcpy(out, s, n);
    out[n] = 0;
    return 1;
}

/* Words that make the date after them background to the sentence's own
 * event ("arrivé le 12 mars après les inondations de février", "since"). */
static const char *const CONTEXT_WORDS[] = {
    "depuis", "après", "avant", "jusqu", "jusqu'au", "jusqu'à", "lors", "suite", "contre",
    "dès", "since", "after", "before", "until", "following", "compared", "than",
    "desde", "después", "antes", "hasta", NULL};

/* 1 when one of the three words before the date dt in d is a CONTEXT_WORDS
 * word. */
static int background_date(const rc_doc *d, const rc_date *dt)
{
    size_t lo = 0, hi = d->ntokens;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->tokens[mid].start < dt->start)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t t = lo, w = 0; t-- > 0 && w < 3;) {
        const rc_token *k = &d->tokens[t];
        if (!(k->flags & RC_TOK_WORD))
            continue;
        w++;
        for (const char *const *c = CONTEXT_WORDS; *c; c++)
            if ((*c)[0] == k->norm[0] && strcmp(*c, k->norm) == 0)
                return 1;
    }
    return 0;
}

/* How well the date dt tells when its sentence's event happened: precision
 * first, then a date that is not background ("depuis février"). */
static int date_rank(const rc_doc *d, const rc_date *dt)
{
    return (int)dt->gran * 2 + !background_date(d, dt);
}

/* What the choice of a sentence's date needs of one date of a document:
 * whether it is usable (month or day precision, year known, an ISO
 * value), its sentence and its date_rank (-1 until a date of the same
 * sentence needs it: most sentences have one date). */
typedef struct date_info {
    int ok;
    uint32_t s;
    int rank;
} date_info;

/* The date_rank of date j of f (di[j].rank, computed the first time). */
static int rank_of(const rc_doc *d, const rc_facts *f, date_info *di, size_t j)
{
    if (di[j].rank < 0)
        di[j].rank = date_rank(d, &f->dates[j]);
    return di[j].rank;
}

/* Fill di[0..f->ndates) for document d (with sentences): each date's
 * usability and sentence, once per date (sentence_date compares every
 * pair of a sentence's dates); ranks are left for rank_of. */
static void date_infos(const rc_doc *d, const rc_facts *f, date_info *di)
{
    char tmp[24];
    for (size_t j = 0; j < f->ndates; j++) {
        const rc_date *dj = &f->dates[j];
        di[j].ok = dj->gran >= RC_DATE_MONTH && !dj->year_open && day_or_month(dj->value, tmp);
        di[j].s = di[j].ok ? sentence_of(d, dj->start) : 0;
        di[j].rank = -1;
    }
}

/* 1 when date i of f (usable, in sentence s; di from date_infos) is the
 * one its sentence is about: no other usable date of the sentence ranks
 * higher, or ranks the same and comes first. Groups with very many dates
 * keep every date. */
static int sentence_date(const rc_doc *d, const rc_facts *f, date_info *di, size_t i,
                         uint32_t s)
{
    if (f->ndates > 512)
        return 1;
    for (size_t j = 0; j < f->ndates; j++) {
        if (j == i || !di[j].ok || di[j].s != s)
            continue;
        int ri = rank_of(d, f, di, i), rj = rank_of(d, f, di, j);
        if (rj > ri || (rj == ri && f->dates[j].start < f->dates[i].start))
            return 0;
    }
    return 1;
}

/* The signature of fact mention m (of a's documents), made the first
 * time it is needed: most dates of an event are met once, and their
 * sentences are never compared. */
static const mention *with_sig(const rc_analysis *a, mention *m)
{
    if (!m->hassig) {
        m->nsig = sentence_sig(a->docs[m->doc], m->sent, &m->sig);
        m->hassig = 1;
    }
    return m;
}

/* Add mention index m to item g. */
static void item_add(group_item *g, size_t m)
{
    if (g->nms == g->cap) {
        g->cap = g->cap ? g->cap * 2 : 4;
        g->ms = rc_reallocarray(g->ms, g->cap, sizeof *g->ms);
    }
    g->ms[g->nms++] = m;
}

/* See timeline.h. */
rc_timeline *rc_timeline_build(const rc_analysis *a, const size_t *group, size_t n,
                               const char *const *event_dates, size_t ndates)
{
    rc_timeline *t = rc_calloc(1, sizeof *t);
    t->arena = rc_arena_new();
    mention *ms = NULL;
    size_t nm = 0, cap = 0;
    for (size_t e = 0; e < ndates; e++) {
        mention *m = push(&ms, &nm, &cap);
        if (!day_or_month(event_dates[e], m->date)) {
            nm--;
            continue;
        }
        m->kind = RC_TL_EVENT;
    }
    for (size_t p = 0; p < n; p++) {
        const rc_doc *d = a->docs[group[p]];
        const rc_facts *f = a->facts ? a->facts[group[p]] : NULL;
        char pub[24];
        if (day_or_month(d->published, pub)) {
            mention *m = push(&ms, &nm, &cap);
            memcpy(m->date, pub, sizeof pub);
            m->kind = RC_TL_PUBLISHED;
            m->pos = p;
            m->doc = group[p];
            m->text = d->title;
        }
        date_info *di = NULL;
        if (f && f->ndates && d->nsentences && nm < RC_TIMELINE_MAX_MENTIONS) {
            di = rc_malloc(f->ndates * sizeof *di);
            date_infos(d, f, di);
        }
        for (size_t i = 0; di && i < f->ndates && nm < RC_TIMELINE_MAX_MENTIONS; i++) {
            const rc_date *dt = &f->dates[i];
            if (!di[i].ok)
                continue;
            day_or_month(dt->value, pub);
            uint32_t s = di[i].s;
            if (!sentence_date(d, f, di, i, s))
                continue;   /* the sentence is about another of its dates */
            /* one mention per sentence and date */
            int seen = 0;
            for (size_t k = nm, c = 0; k-- > 0 && c < 32 && ms[k].doc == group[p] &&
                                       ms[k].kind == RC_TL_FACT; c++)
                if (ms[k].start == d->sentences[s].start && strcmp(ms[k].date, pub) == 0)
                    seen = 1;
            if (seen)
                continue;
            mention *m = push(&ms, &nm, &cap);
            memcpy(m->date, pub, sizeof pub);
            m->kind = RC_TL_FACT;
            m->pos = p;
            m->doc = group[p];
            m->start = d->sentences[s].start;
            m->end = d->sentences[s].end;
            m->sent = s; /* its signature when it is first compared */
        }
        free(di);
    }
    if (nm)
        qsort(ms, nm, sizeof *ms, mention_cmp);

    /* merge within each run of one date and kind */
    group_item *gs = rc_calloc(nm ? nm : 1, sizeof *gs);
    size_t ng = 0;
    for (size_t i = 0; i < nm;) {
        size_t j = i;
        while (j < nm && strcmp(ms[j].date, ms[i].date) == 0 && ms[j].kind == ms[i].kind)
            j++;
        size_t g0 = ng;
        for (size_t k = i; k < j; k++) {
            size_t hit = SIZE_MAX;
            if (ms[k].kind != RC_TL_FACT) {
                hit = ng > g0 ? g0 : SIZE_MAX; /* one item per event or publication date */
            } else {
                size_t lim = ng - g0 < RC_TIMELINE_MAX_CMP ? ng : g0 + RC_TIMELINE_MAX_CMP;
                for (size_t g = g0; g < lim && hit == SIZE_MAX; g++) {
                    const mention *f0 = with_sig(a, &ms[gs[g].first]), *mk = with_sig(a, &ms[k]);
                    if (jaccard(f0->sig, f0->nsig, mk->sig, mk->nsig) >= RC_TIMELINE_SIM)
                        hit = g;
                }
            }
            if (hit == SIZE_MAX) {
                hit = ng++;
                gs[hit].first = k;
            }
            item_add(&gs[hit], k);
        }
        i = j;
    }

    /* items: already in date, kind, first position order within each run */
    t->items = rc_arena_calloc(t->arena, ng ? ng : 1, sizeof *t->items);
    t->nitems = ng;
    for (size_t g = 0; g < ng; g++) {
        rc_timeline_item *it = &t->items[g];
        const mention *f0 = &ms[gs[g].first];
        memcpy(it->date, f0->date, sizeof it->date);
        it->kind = f0->kind;
        if (f0->kind == RC_TL_FACT) {
            const rc_doc *d = a->docs[f0->doc];
            it->text = rc_arena_strndup(t->arena, d->text + f0->start, f0->end - f0->start);
        } else if (f0->text) {
            it->text = rc_arena_strdup(t->arena, f0->text);
        }
        size_t k = gs[g].nms;
        it->docs = rc_arena_calloc(t->arena, k, sizeof *it->docs);
        it->evidence = rc_arena_calloc(t->arena, k, sizeof *it->evidence);
        for (size_t x = 0; x < k; x++) {
            const mention *m = &ms[gs[g].ms[x]];
            if (m->kind == RC_TL_EVENT)
                continue;
            it->evidence[it->nevidence++] = (rc_timeline_evidence){m->doc, m->start, m->end};
            if (!it->ndocs || it->docs[it->ndocs - 1] != m->doc)
                it->docs[it->ndocs++] = m->doc;
        }
        free(gs[g].ms);
    }
    free(gs);
    for (size_t i = 0; i < nm; i++)
        free(ms[i].sig);
    free(ms);
    return t;
}

/* See timeline.h. */
const char *rc_timeline_kind_name(rc_timeline_kind k)
{
    switch (k) {
    case RC_TL_EVENT:
        return "event";
    case RC_TL_PUBLISHED:
        return "published";
    default:
        return "fact";
    }
}

/* See timeline.h. */
void rc_timeline_free(rc_timeline *t)
{
    if (!t)
        return;
    rc_arena_free(t->arena);
    free(t);
}
