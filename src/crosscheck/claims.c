/*
 * claims.c - claims, origins, independence and status; see claims.h.
 */
#include "crosscheck/claims.h"
#include "crosscheck/align.h"
#include "crosscheck/dgroup.h"
#include "crosscheck/discrepancy.h"
#include "crosscheck/valuediff.h"
#include "util/hash.h"
#include "meta/fold.h"
#include "text/textmodel.h"
#include "util/buf.h"
#include "util/mem.h"
#include "util/rc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* See claims.h. */
rc_claims *rc_claims_new(void)
{
    rc_claims *c = rc_calloc(1, sizeof *c);
    c->arena = rc_arena_new();
    return c;
}

/* See claims.h. */
void rc_claims_free(rc_claims *c)
{
    if (!c)
        return;
    rc_arena_free(c->arena);
    free(c->claims);
    free(c);
}

/* See claims.h. */
const char *rc_claim_status_name(rc_claim_status s)
{
    static const char *const N[] = {"corroborated", "single_origin", "single_source",
                                    "contested", "conflicting"};
    return (unsigned)s < sizeof N / sizeof *N ? N[s] : "single_source";
}

/* See claims.h. */
const char *rc_stance_name(rc_stance s)
{
    static const char *const N[] = {"asserted", "attributed", "disputed"};
    return (unsigned)s < sizeof N / sizeof *N ? N[s] : "asserted";
}

/* One supporting unit while a claim is built. */
typedef struct sup {
    size_t unit, doc;
    rc_span sp;
    rc_attribution at;
    char key[72];            /* independence key of the effective origin */
    const char *origin;      /* effective origin */
    int relay, copy, counted;
} sup;

/* Independence key of an origin: its entity, else its folded name. */
static void origin_key(const char *name, int entity, char *out, size_t cap)
{
    if (entity >= 0) {
        /* "e%d" (the id in decimal; ids are >= 0), without snprintf */
        char b[24];
        size_t k = sizeof b;
        unsigned v = (unsigned)entity;
        do {
            b[--k] = (char)('0' + v % 10);
            v /= 10;
        } while (v);
        size_t len = sizeof b - k;
        if (len + 2 > cap)
            len = cap >= 2 ? cap - 2 : 0;   /* (snprintf's truncation) */
        if (cap) {
            out[0] = 'e';
            memcpy(out + 1, b + k, cap > 1 ? len : 0);
            out[cap > 1 ? len + 1 : 0] = 0;
        }
    } else {
        out[0] = 'n';
        rc_fold_key(name, strlen(name), out + 1, cap - 1);
    }
}

/* Cognate signature of an origin's name: the sorted, distinct first six
 * letters (folded, ASCII letters only) of its words of six letters or
 * more, space-separated; an institution's name translated keeps it
 * ("Velarian infrastructure ministry" = "ministère vélarien des
 * Infrastructures"). Returns the number of such words (0: no signature;
 * fewer than 2 is too weak to identify a name). */
static size_t cognate_sig(const char *name, char *out, size_t cap)
{
    char f[256];
    size_t n = rc_fold_key(name, strlen(name), f, sizeof f);
    char w[16][7];
    size_t nw = 0;
    for (size_t i = 0; i < n && nw < 16;) {
        size_t j = i;
        while (j < n && f[j] >= 'a' && f[j] <= 'z')
            j++;
        if (j - i >= 6) {
            memcpy(w[nw], f + i, 6);
            w[nw][6] = 0;
            int dup = 0;
            for (size_t k = 0; k < nw; k++)
                dup |= strcmp(w[k], w[nw]) == 0;
            nw += !dup;
        }
        i = j < n ? j + 1 : n;
    }
    /* insertion sort: at most 16 words */
    for (size_t a = 1; a < nw; a++)
        for (size_t b = a; b > 0 && strcmp(w[b - 1], w[b]) > 0; b--) {
            char t[7];
            memcpy(t, w[b], 7);
            memcpy(w[b], w[b - 1], 7);
            memcpy(w[b - 1], t, 7);
        }
    size_t o = 0;
    out[0] = 0;
    for (size_t k = 0; k < nw && o + 8 < cap; k++) {
        memcpy(out + o, w[k], 6);
        o += 6;
        out[o++] = ' ';
        out[o] = 0;
    }
    return nw;
}

/* A piece of text with its length: LIT for a string literal (measured
 * by the compiler), STR for any string (NULL written "(null)", as
 * printf's %s does here). */
typedef struct piece {
    const char *s;
    size_t n;
} piece;
#define LIT(x) ((piece){"" x, sizeof(x) - 1})

/* See piece. */
static piece STR(const char *s)
{
    return s ? (piece){s, strlen(s)} : LIT("(null)");
}

/* n in decimal ("%zu") at the end of b (cap >= 21 bytes), as a piece. */
static piece dec_piece(char *b, size_t cap, size_t n)
{
    size_t k = cap;
    do {
        b[--k] = (char)('0' + n % 10);
        n /= 10;
    } while (n);
    return (piece){b + k, cap - k};
}

/* Append the concatenation of the n pieces p[0..n), all or nothing:
 * RC_TOOBIG, the content unchanged, when it would pass the cap. The same
 * text and the same failure as rc_buf_printf with a format of n %s,
 * without the two formatting passes (nor a strlen of the literals). */
static int buf_cat(rc_buf *b, const piece *p, size_t n)
{
    size_t tot = 0;
    for (size_t k = 0; k < n && k < 8; k++)
        tot += p[k].n;
    int rc = rc_buf_reserve(b, tot);
    if (rc)
        return rc;
    for (size_t k = 0; k < n && k < 8; k++)
        rc_buf_append(b, p[k].s, p[k].n);
    return RC_OK;
}

/* Append s to the arena array *arr (n entries) unless an equal string is
 * there. */
static void add_unique(rc_claims *c, const char ***arr, size_t *n, const char *s)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp((*arr)[i], s) == 0)
            return;
    *arr = rc_arena_grow(c->arena, (void *)*arr, *n, sizeof **arr);
    (*arr)[(*n)++] = rc_arena_strdup(c->arena, s);
}

/* Pending claim before ids are given: the group and its sort key. */
typedef struct pending {
    size_t group;
    size_t ndocs, first;
} pending;

/* Multi-document claims first (most documents first), then by first unit. */
static int cmp_pending(const void *a, const void *b)
{
    const pending *x = a, *y = b;
    int mx = x->ndocs > 1, my = y->ndocs > 1;
    if (mx != my)
        return my - mx;
    if (mx && x->ndocs != y->ndocs)
        return x->ndocs > y->ndocs ? -1 : 1;
    return (x->first > y->first) - (x->first < y->first);
}

/* The outlet name of document d. */
static const char *outlet_of(const rc_doc *d)
{
    return d->outlet ? d->outlet : d->id;
}

/* The anchor quantity of unit u, or NULL. */
static const rc_quantity *unit_q(const rc_analysis *a, const rc_align *al, size_t u)
{
    const rc_align_unit *x = &al->units[u];
    return x->quantity >= 0 ? &a->facts[x->doc]->quantities[x->quantity] : NULL;
}

/* 1 when x and y state the same value in the same unit. */
static int same_value(const rc_quantity *x, const rc_quantity *y)
{
    if (!x || !y || (x->unit == NULL) != (y->unit == NULL) || x->percent != y->percent)
        return 0;
    if (x->unit && strcmp(x->unit, y->unit) != 0)
        return 0;
    double d = x->value - y->value;
    return (d < 0 ? -d : d) <= 1e-9 * ((x->value < 0 ? -x->value : x->value) + 1);
}

/* A set of strings (borrowed) with a value per entry, open addressing:
 * the linear-time membership tests of fill_claim. */
typedef struct strmap {
    uint64_t *h;             /* hash | 1, 0 = empty slot */
    const char **k;
    size_t *v;
    size_t cap;
    size_t room;             /* slots the arrays hold (strmap_reuse), >= cap; 0: none */
} strmap;

/* Make m (zeroed, or used before) an empty map for up to n entries,
 * keeping its arrays when they are large enough (the maps of fill_claim,
 * one claim after another); strmap_cleanup frees them once it has room. */
static void strmap_reuse(strmap *m, size_t n)
{
    size_t cap = 16;
    while (cap < 2 * n + 2)
        cap *= 2;
    if (cap > m->room) {
        free(m->h);
        free(m->k);
        free(m->v);
        m->h = rc_malloc(cap * sizeof *m->h);
        m->k = rc_malloc(cap * sizeof *m->k);
        m->v = rc_malloc(cap * sizeof *m->v);
        m->room = cap;
    }
    m->cap = cap;
    memset(m->h, 0, cap * sizeof *m->h);
}

/* Free the map's arrays. */
static void strmap_cleanup(strmap *m)
{
    free(m->h);
    free(m->k);
    free(m->v);
}

/* The value slot of key s, added with value v0 when absent (*added = 1,
 * else 0). The map must have room (at most n entries, see strmap_reuse). */
static size_t *strmap_getn(strmap *m, const char *s, size_t len, size_t v0, int *added)
{
    uint64_t h = rc_hash64(s, len, 0x0c1a) | 1;
    size_t i = (size_t)(h >> 7) & (m->cap - 1);
    for (;; i = (i + 1) & (m->cap - 1)) {
        if (!m->h[i]) {
            m->h[i] = h;
            m->k[i] = s;
            m->v[i] = v0;
            *added = 1;
            return &m->v[i];
        }
        if (m->h[i] == h && strcmp(m->k[i], s) == 0) {
            *added = 0;
            return &m->v[i];
        }
    }
}

/* strmap_getn of a string not yet measured. */
static size_t *strmap_get(strmap *m, const char *s, size_t v0, int *added)
{
    return strmap_getn(m, s, strlen(s), v0, added);
}

/* add_unique with the set m of the strings already in *arr (at most
 * the number m was made for); s is len bytes long. */
static void add_unique_in(rc_claims *c, strmap *m, const char ***arr, size_t *n, const char *s,
                          size_t len)
{
    int added;
    size_t *slot = strmap_getn(m, s, len, 0, &added);
    if (!added)
        return;
    *arr = rc_arena_grow(c->arena, (void *)*arr, *n, sizeof **arr);
    (*arr)[(*n)++] = rc_arena_strndup(c->arena, s, len);
    /* (the map keeps the copy: s may be a buffer about to change) */
    size_t i = (size_t)(slot - m->v);
    m->k[i] = (*arr)[*n - 1];
}

/* Per-group scratch of fill_claim: for each analysis document, the stamp
 * of the claim that last saw it and the first support of that document
 * in that claim. */
typedef struct docmarks {
    size_t *stamp, *first;
    size_t now;
    /* the maps and arrays of one claim, kept for the next (freed by
     * rc_claims_add_group): maps[0] one after another, maps[1] and [2]
     * side by side; firsts, sigs and nsigs for room supports */
    strmap maps[3];
    char *firsts;
    char (*sigs)[128];
    size_t *nsigs, room;
} docmarks;

/* Build claim cl from the units of group g; supports in s[ns]; dm is
 * scratch sized for the analysis documents. */
static void fill_claim(rc_claims *c, const rc_analysis *a, const rc_align *al,
                       const rc_align_group *g, sup *s, size_t ns, const int *copy_of,
                       docmarks *dm, rc_claim *cl)
{
    /* first[i]: s[i] is its document's first support; firstsup[d]: that
     * support (dm, stamped for this claim) */
    dm->now++;
    if (ns > dm->room) {
        dm->room = ns;
        dm->firsts = rc_realloc(dm->firsts, ns);
        dm->sigs = rc_reallocarray(dm->sigs, ns, sizeof *dm->sigs);
        dm->nsigs = rc_reallocarray(dm->nsigs, ns, sizeof *dm->nsigs);
    }
    char *first = dm->firsts;
    for (size_t i = 0; i < ns; i++) {
        size_t d = s[i].doc;
        first[i] = dm->stamp[d] != dm->now;
        if (first[i]) {
            dm->stamp[d] = dm->now;
            dm->first[d] = i;
        }
    }
    /* contested: stated (or attributed) in one document, disputed in
     * another; or stated as fact in one, attributed with a claim verb in
     * another */
    /* (a pair of documents, one with a support not disputed, the other
     * with a disputed one: both kinds present, unless both come from one
     * document only) */
    int contested = 0;
    size_t disp_doc = SIZE_MAX, flat_doc = SIZE_MAX;
    int disp_many = 0, flat_many = 0;
    for (size_t i = 0; i < ns; i++) {
        size_t *dd = s[i].at.stance == RC_STANCE_DISPUTED ? &disp_doc : &flat_doc;
        int *many = s[i].at.stance == RC_STANCE_DISPUTED ? &disp_many : &flat_many;
        if (*dd == SIZE_MAX)
            *dd = s[i].doc;
        else if (*dd != s[i].doc)
            *many = 1;
    }
    if (disp_doc != SIZE_MAX && flat_doc != SIZE_MAX)
        contested = disp_many || flat_many || disp_doc != flat_doc;
    /* documents attributing it to someone named, and stating it flatly */
    size_t n_named = 0, n_flat = 0;
    for (size_t i = 0; i < ns; i++) {
        if (!first[i])
            continue;
        /* attributed, even to an unnamed source: not a flat statement */
        if (s[i].at.stance == RC_STANCE_ATTRIBUTED)
            n_named++;
        else if (s[i].at.stance == RC_STANCE_ASSERTED)
            n_flat++;
    }
    /* the dominant named origin among attributed supports */
    int dom = -1;
    size_t domn = 0;
    /* each named attribution's key once (not once per pair) */
    for (size_t i = 0; i < ns; i++)
        if (s[i].at.stance == RC_STANCE_ATTRIBUTED && s[i].at.kind != RC_ORIGIN_UNNAMED)
            origin_key(s[i].at.origin, s[i].at.entity, s[i].key, sizeof s[i].key);
    /* (how many named attributions share each key, then the first of the
     * most shared) */
    strmap *kmp = &dm->maps[0];
    strmap_reuse(kmp, ns);
    for (size_t i = 0; i < ns; i++) {
        if (s[i].at.stance != RC_STANCE_ATTRIBUTED || s[i].at.kind == RC_ORIGIN_UNNAMED)
            continue;
        int added;
        ++*strmap_get(kmp, s[i].key, 0, &added);
    }
    for (size_t i = 0; i < ns; i++) {
        if (s[i].at.stance != RC_STANCE_ATTRIBUTED || s[i].at.kind == RC_ORIGIN_UNNAMED)
            continue;
        int added;
        size_t k = *strmap_get(kmp, s[i].key, 0, &added);
        if (k > domn) {
            domn = k;
            dom = (int)i;
        }
    }
    for (size_t i = 0; i < ns; i++) {
        s[i].origin = s[i].at.origin;
        s[i].counted = s[i].at.stance != RC_STANCE_DISPUTED;
        /* an unnamed attribution ("auraient péri", "reportedly") relays the
         * named origin; a flat statement does when most documents name it */
        int unnamed = s[i].at.stance == RC_STANCE_ATTRIBUTED && s[i].at.kind == RC_ORIGIN_UNNAMED;
        int flat = s[i].at.stance == RC_STANCE_ASSERTED && n_named > n_flat;
        /* (in a value conflict, only a support giving the same figure) */
        const rc_quantity *qi = unit_q(a, al, s[i].unit);
        int same = dom >= 0 && (!qi || same_value(qi, unit_q(a, al, s[dom].unit)));
        if ((unnamed || flat) && dom >= 0 && same && s[dom].doc != s[i].doc) {
            s[i].relay = 1;
            s[i].origin = s[dom].at.origin;
            origin_key(s[dom].at.origin, s[dom].at.entity, s[i].key, sizeof s[i].key);
        } else
            origin_key(s[i].at.origin, s[i].at.entity, s[i].key, sizeof s[i].key);
    }
    /* two names of one institution in two languages: one origin (each
     * support's cognate signature computed once) */
    char (*sig)[128] = dm->sigs;
    size_t *nsig = dm->nsigs;
    for (size_t i = 0; i < ns; i++)
        nsig[i] = s[i].counted && !s[i].relay ? cognate_sig(s[i].origin, sig[i], sizeof sig[i]) : 0;
    /* (in order, each takes the key of the first earlier support of its
     * signature with another key; every earlier one already holds the
     * key of the signature's first: that key) */
    strmap *smp = &dm->maps[0];
    strmap_reuse(smp, ns);
    for (size_t i = 0; i < ns; i++) {
        if (nsig[i] < 2)
            continue;
        int added;
        size_t j = *strmap_get(smp, sig[i], i, &added);
        if (!added && strcmp(s[i].key, s[j].key) != 0)
            memcpy(s[i].key, s[j].key, sizeof s[i].key);
    }
    /* copies share their source's origin */
    if (copy_of)
        for (size_t i = 0; i < ns; i++) {
            int src = copy_of[s[i].doc];
            if (src < 0 || (size_t)src == s[i].doc || dm->stamp[src] != dm->now)
                continue;
            size_t j = dm->first[src];
            s[i].copy = 1;
            s[i].origin = s[j].origin;
            memcpy(s[i].key, s[j].key, sizeof s[i].key);
        }

    /* documents, origins, supports */
    rc_buf b;
    rc_buf_init(&b, 1 << 16);
    strmap *idsp = &dm->maps[1], *keysp = &dm->maps[2];
    strmap_reuse(idsp, ns);
    strmap_reuse(keysp, ns);
    for (size_t i = 0; i < ns; i++) {
        int added = 0;
        /* (a later support of a document: its id is in the map already) */
        if (first[i])
            strmap_get(idsp, a->docs[s[i].doc]->id, 0, &added);
        if (added) {
            cl->docs = rc_arena_grow(c->arena, (void *)cl->docs, cl->ndocs, sizeof *cl->docs);
            cl->docs[cl->ndocs++] = rc_arena_strdup(c->arena, a->docs[s[i].doc]->id);
        }
        int seen = 0;
        if (s[i].counted) {
            strmap_get(keysp, s[i].key, 0, &added);
            seen = !added;
        }
        if (s[i].counted && !seen) {
            cl->origins = rc_arena_grow(c->arena, (void *)cl->origins, cl->norigins,
                                        sizeof *cl->origins);
            cl->origins[cl->norigins++] = rc_arena_strdup(c->arena, s[i].origin);
        }
    }
    strmap *chainsp = &dm->maps[0];
    strmap_reuse(chainsp, ns);
    cl->support = rc_arena_calloc(c->arena, ns ? ns : 1, sizeof *cl->support);
    cl->nsupport = ns;
    for (size_t i = 0; i < ns; i++) {
        const rc_doc *d = a->docs[s[i].doc];
        rc_claim_support *o = &cl->support[i];
        o->doc = s[i].doc;
        o->start = s[i].sp.start;
        o->end = s[i].sp.end;
        o->stance = s[i].at.stance;
        o->relay = s[i].relay;
        o->copy = s[i].copy;
        o->origin = rc_arena_strdup(c->arena, s[i].origin);
        rc_buf_reset(&b);
        rc_buf_puts(&b, outlet_of(d));
        if (s[i].at.credit && strcmp(s[i].at.credit, outlet_of(d)) != 0 &&
            strcmp(s[i].at.credit, s[i].origin) != 0)
            buf_cat(&b, (piece[]){LIT(" → "), STR(s[i].at.credit)}, 2);
        for (size_t v = 0; v < s[i].at.nvia; v++)
            if (strcmp(s[i].at.via[v], s[i].origin) != 0)
                buf_cat(&b, (piece[]){LIT(" → "), STR(s[i].at.via[v])}, 2);
        if (strcmp(s[i].origin, outlet_of(d)) != 0)
            buf_cat(&b,
                    (piece[]){LIT(" → "), STR(s[i].origin),
                              s[i].relay ? LIT(" (unattributed)") : LIT("")},
                    3);
        o->chain = rc_arena_strndup(c->arena, rc_buf_str(&b), b.len);
        int added;
        strmap_getn(chainsp, o->chain, b.len, 0, &added);
        if (added) {
            /* (the arena's copy serves both: never changed, never freed
             * alone) */
            cl->chains = rc_arena_grow(c->arena, (void *)cl->chains, cl->nchains,
                                       sizeof *cl->chains);
            cl->chains[cl->nchains++] = o->chain;
        }
    }

    /* representative: the shortest sentence that is not a denial */
    size_t rep = 0;
    for (size_t i = 0; i < ns; i++) {
        uint32_t li = s[i].sp.end - s[i].sp.start, lr = s[rep].sp.end - s[rep].sp.start;
        int di = s[i].at.stance == RC_STANCE_DISPUTED, dr = s[rep].at.stance == RC_STANCE_DISPUTED;
        if ((dr && !di) || (di == dr && li < lr && li >= 30))
            rep = i;
    }
    const rc_doc *rd = a->docs[s[rep].doc];
    cl->text = rc_arena_strndup(c->arena, rd->text + s[rep].sp.start,
                                s[rep].sp.end - s[rep].sp.start);
    const rc_align_unit *ru = &al->units[s[rep].unit];
    if (ru->quantity >= 0) {
        const rc_quantity *q = &a->facts[ru->doc]->quantities[ru->quantity];
        cl->about = rc_arena_strndup(c->arena, rd->text + q->start, q->end - q->start);
    }

    /* status */
    if (g->conflict >= 0)
        cl->status = RC_CLAIM_CONFLICTING;
    else if (contested)
        cl->status = RC_CLAIM_CONTESTED;
    else if (cl->ndocs < 2)
        cl->status = RC_CLAIM_SINGLE_SOURCE;
    else if (cl->norigins >= 2)
        cl->status = RC_CLAIM_CORROBORATED;
    else
        cl->status = RC_CLAIM_SINGLE_ORIGIN;

    /* notes: one per document, then the count */
    strmap *notesp = &dm->maps[0];
    strmap_reuse(notesp, ns + 1);
    for (size_t i = 0; i < ns; i++) {
        if (!first[i])
            continue;
        piece out = STR(outlet_of(a->docs[s[i].doc]));
        rc_buf_reset(&b);
        if (s[i].copy)
            buf_cat(&b,
                    (piece[]){out, LIT(" copies another supporting article (origin "),
                              STR(s[i].origin), LIT(").")},
                    4);
        else if (s[i].relay)
            buf_cat(&b,
                    (piece[]){out, LIT(" states it without attribution: probable relay of "),
                              STR(s[i].origin), LIT(".")},
                    4);
        else if (s[i].at.stance == RC_STANCE_DISPUTED)
            buf_cat(&b,
                    (piece[]){out, LIT(" reports it as disputed ("), STR(s[i].at.origin),
                              LIT(").")},
                    4);
        else if (s[i].at.stance == RC_STANCE_ATTRIBUTED)
            buf_cat(&b,
                    (piece[]){out, LIT(" "),
                              s[i].at.distanced ? LIT("reports it as a claim by")
                                                : LIT("attributes it to"),
                              LIT(" "), STR(s[i].at.origin),
                              s[i].at.nvia ? LIT(" via ") : LIT(""),
                              s[i].at.nvia ? STR(s[i].at.via[0]) : LIT(""), LIT(".")},
                    8);
        else if (s[i].at.kind == RC_ORIGIN_AGENCY)
            buf_cat(&b,
                    (piece[]){out, LIT(" states it as fact on the credit of "),
                              STR(s[i].at.origin), LIT(".")},
                    4);
        else
            buf_cat(&b, (piece[]){out, LIT(" states it as fact.")}, 2);
        add_unique_in(c, notesp, &cl->notes, &cl->nnotes, rc_buf_str(&b), b.len);
    }
    if (cl->ndocs > 1) {
        rc_buf_reset(&b);
        char nd[24], no[24];
        buf_cat(&b,
                (piece[]){dec_piece(nd, sizeof nd, cl->ndocs), LIT(" articles, "),
                          dec_piece(no, sizeof no, cl->norigins), LIT(" independent origin"),
                          cl->norigins == 1 ? LIT("") : LIT("s")},
                5);
        for (size_t i = 0; i < cl->norigins; i++)
            buf_cat(&b, (piece[]){i ? LIT("; ") : LIT(": "), STR(cl->origins[i])}, 2);
        rc_buf_puts(&b, ".");
        add_unique_in(c, notesp, &cl->notes, &cl->nnotes, rc_buf_str(&b), b.len);
    }
    rc_buf_cleanup(&b);
}

enum {
    CONFLICT_MAX = 64,       /* value conflicts turned into claims per group */
    CONFLICT_LINK = 16,      /* members compared with a candidate */
    CTX_CAP = 64             /* names, dates, cognates read per sentence */
};

/* Language-independent context of sentence sp of document doc: merged
 * entity ids, dates (month or day precise) and cognates, as sorted
 * hashes into out[0..CTX_CAP); returns how many. */
static size_t sentence_ctx(const rc_analysis *a, size_t doc, rc_span sp, uint64_t *out)
{
    const rc_facts *f = a->facts[doc];
    size_t n = rc_align_cognates(a->docs[doc], sp, out, CTX_CAP / 2);
    for (size_t k = 0; k < f->nmentions && n < CTX_CAP; k++)
        if (f->mentions[k].entity >= 0 && f->mentions[k].start >= sp.start &&
            f->mentions[k].start < sp.end)
            out[n++] = 0x8000000000000000ull | (uint64_t)f->mentions[k].entity;
    for (size_t k = 0; k < f->ndates && n < CTX_CAP; k++)
        if (f->dates[k].gran >= RC_DATE_MONTH && f->dates[k].start >= sp.start &&
            f->dates[k].start < sp.end)
            out[n++] = rc_hash64(f->dates[k].value, strlen(f->dates[k].value), 0x5eed) | 1;
    /* sort, unique (small) */
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && out[j - 1] > out[j]; j--) {
            uint64_t t = out[j];
            out[j] = out[j - 1];
            out[j - 1] = t;
        }
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (!k || out[i] != out[k - 1])
            out[k++] = out[i];
    return k;
}

/* Common entries of two sorted lists. */
static size_t common(const uint64_t *x, size_t nx, const uint64_t *y, size_t ny)
{
    size_t i = 0, j = 0, c = 0;
    while (i < nx && j < ny) {
        if (x[i] < y[j])
            i++;
        else if (x[i] > y[j])
            j++;
        else {
            c++;
            i++;
            j++;
        }
    }
    return c;
}

/* A claim made of a value conflict (crosscheck/valuediff.h): its units. */
typedef struct vclaim {
    size_t *units;
    size_t n;
    const char *desc;        /* the discrepancy's description (borrowed) */
} vclaim;

/* Add unit u to v and mark it. */
static void vclaim_add(vclaim *v, size_t u, size_t *mark, size_t id)
{
    v->units = rc_reallocarray(v->units, v->n + 1, sizeof *v->units);
    v->units[v->n++] = u;
    mark[u] = id;
}

/* Claims of the value conflicts of the group: the units anchored on the
 * conflicting figures (found within one language by crosscheck/valuediff),
 * extended to units of the other languages that give one of those figures
 * (same value and unit) about the same thing: their sentence also gives
 * another of the conflicting figures, or it is aligned with a member, or
 * it shares two pieces of language-independent context (names, dates,
 * cognates) with a member's sentence. Marks the units taken (mark[u] =
 * claim number + 1). The conflicts come from given->items[given_from..]
 * when given, else from a valuediff run kept in *keep (to free). Returns
 * the claims in *out. */
static size_t value_conflicts(const rc_analysis *a, const rc_align *al, const size_t *group,
                              size_t n, const rc_discrepancies *given, size_t given_from,
                              size_t *mark, vclaim **out, rc_discrepancies **keep)
{
    const rc_discrepancies *vd = given;
    size_t e0 = given_from;
    *keep = NULL;
    if (!vd) {
        rc_dgroup dg;
        rc_dgroup_init(&dg, a, group, n);
        rc_discrepancies *own = rc_discrepancies_new();
        rc_valuediff_find(own, &dg, group, n);
        rc_dgroup_cleanup(&dg);
        *keep = own;
        vd = own;
        e0 = 0;
    }
    /* units of a document are consecutive */
    size_t *ufirst = rc_malloc((a->ndocs ? a->ndocs : 1) * sizeof *ufirst);
    for (size_t d = 0; d < a->ndocs; d++)
        ufirst[d] = SIZE_MAX;
    for (size_t u = al->nunits; u-- > 0;)
        ufirst[al->units[u].doc] = u;
    vclaim *vc = NULL;
    size_t nv = 0;
    uint64_t cx[CTX_CAP], cy[CTX_CAP];
    unsigned char *lang_in_doc = rc_malloc(a->ndocs ? a->ndocs : 1);
    size_t *qunits = NULL, nq = 0;      /* built for the first conflict */
    size_t *cand = NULL;                /* a conflict's units to try: indices into qunits */
    const rc_quantity **qof = NULL;
    for (size_t e = e0; e < vd->n && nv < CONFLICT_MAX; e++) {
        const rc_discrepancy *x = &vd->items[e];
        if (!x->conflict || strcmp(x->kind, "number") != 0)
            continue;
        vclaim v = {NULL, 0, x->description};
        size_t id = nv + 1;
        for (size_t k = 0; k < x->nevidence; k++) {
            const rc_evidence *ev = &x->evidence[k];
            for (size_t u = ufirst[ev->doc]; u != SIZE_MAX && u < al->nunits &&
                                             al->units[u].doc == ev->doc; u++) {
                const rc_quantity *q = unit_q(a, al, u);
                if (q && q->start == ev->start && !mark[u])
                    vclaim_add(&v, u, mark, id);
            }
        }
        if (v.n < 2) {
            for (size_t k = 0; k < v.n; k++)
                mark[v.units[k]] = 0;
            free(v.units);
            continue;
        }
        size_t base = v.n;
        /* whether a document's language is one of the members' (it reads
         * only the document and the first base members, which the passes
         * keep): 2 not known yet */
        memset(lang_in_doc, 2, a->ndocs ? a->ndocs : 1);
        if (!qunits) {
            /* the units anchored on an amount, in order, with it (the
             * passes below read only those: one list, not a lookup of
             * every unit's quantity per conflict and pass) */
            qunits = rc_malloc((al->nunits ? al->nunits : 1) * sizeof *qunits);
            qof = rc_malloc((al->nunits ? al->nunits : 1) * sizeof *qof);
            cand = rc_malloc((al->nunits ? al->nunits : 1) * sizeof *cand);
            for (size_t u = 0; u < al->nunits; u++) {
                const rc_quantity *q = unit_q(a, al, u);
                if (q) {
                    qunits[nq] = u;
                    qof[nq++] = q;
                }
            }
        }
        /* only a unit in a language none of the members has, giving one
         * of their figures: both read only the first base members, which
         * the passes keep, so the units passing are listed once (in
         * order; a unit the passes mark is skipped as before) */
        size_t ncand = 0;
        for (size_t qi = 0; qi < nq; qi++) {
            size_t u = qunits[qi];
            const rc_quantity *q = qof[qi];
            if (mark[u])
                continue;
            const rc_doc *d = a->docs[al->units[u].doc];
            int lang_in = lang_in_doc[al->units[u].doc], val_in = 0;
            if (lang_in == 2) {
                lang_in = 0;
                for (size_t m = 0; m < base && !lang_in; m++) {
                    const rc_doc *md = a->docs[al->units[v.units[m]].doc];
                    lang_in = !d->lang || !md->lang || strcmp(d->lang, md->lang) == 0;
                }
                lang_in_doc[al->units[u].doc] = (unsigned char)lang_in;
            }
            for (size_t m = 0; m < base && !lang_in && !val_in; m++)
                val_in = same_value(q, unit_q(a, al, v.units[m]));
            if (!lang_in && val_in)
                cand[ncand++] = qi;
        }
        for (int pass = 0; pass < 3; pass++) {
            size_t before = v.n;
            for (size_t ci = 0; ci < ncand; ci++) {
                size_t u = qunits[cand[ci]];
                const rc_quantity *q = qof[cand[ci]];
                if (mark[u])
                    continue;
                const rc_doc *d = a->docs[al->units[u].doc];
                int ok = 0;
                /* (a) the sentence also gives another conflicting figure */
                const rc_facts *f = a->facts[al->units[u].doc];
                rc_span sp = d->sentences[al->units[u].sentence];
                for (size_t k = 0; k < f->nquantities && !ok; k++) {
                    const rc_quantity *w = &f->quantities[k];
                    if (w == q || w->start < sp.start || w->start >= sp.end || same_value(w, q))
                        continue;
                    for (size_t m = 0; m < base && !ok; m++)
                        ok = same_value(w, unit_q(a, al, v.units[m]));
                }
                /* (b) aligned with a member */
                const rc_align_group *g = &al->groups[al->units[u].group];
                for (size_t k = 0; k < g->nunits && !ok; k++)
                    ok = mark[g->units[k]] == id;
                /* (c) two pieces of context shared with a member */
                if (!ok) {
                    size_t ny = sentence_ctx(a, al->units[u].doc, sp, cy);
                    for (size_t m = 0; m < v.n && m < CONFLICT_LINK && !ok; m++) {
                        const rc_align_unit *mu = &al->units[v.units[m]];
                        size_t nx = sentence_ctx(a, mu->doc, a->docs[mu->doc]->sentences[mu->sentence], cx);
                        ok = common(cx, nx, cy, ny) >= 2;
                    }
                }
                if (ok)
                    vclaim_add(&v, u, mark, id);
            }
            if (v.n == before)
                break;
        }
        vc = rc_reallocarray(vc, nv + 1, sizeof *vc);
        vc[nv++] = v;
    }
    free(ufirst);
    free(lang_in_doc);
    free(qunits);
    free(qof);
    free(cand);
    *out = vc;
    return nv;
}

/* The first token of each sentence of the documents, per group: built
 * for a document the first time one of its sentences is read. */
typedef struct sent_tokens {
    size_t **first;          /* per analysis document, NULL until built */
    size_t ndocs;
} sent_tokens;

/* The first token of d (document doc) at or after the start of its
 * sentence sn (one pass over d's tokens the first time). */
static size_t sentence_token(sent_tokens *st, const rc_doc *d, size_t doc, size_t sn)
{
    if (!st->first[doc]) {
        size_t *ft = rc_malloc((d->nsentences ? d->nsentences : 1) * sizeof *ft);
        size_t t = 0;
        for (size_t k = 0; k < d->nsentences; k++) {
            /* (sentences in text order; a search past one out of order) */
            if (t > 0 && t <= d->ntokens && d->tokens[t - 1].start >= d->sentences[k].start)
                t = rc_textmodel_token_from(d, d->sentences[k].start);
            while (t < d->ntokens && d->tokens[t].start < d->sentences[k].start)
                t++;
            ft[k] = t;
        }
        st->first[doc] = ft;
    }
    return st->first[doc][sn];
}

/* The supports of units[0..nu) (one per sentence of a document), their
 * attributions read; returns how many were written to s. */
static size_t read_supports(const rc_analysis *a, const rc_align *al, const size_t *units,
                            size_t nu, const size_t *mark, size_t want, sent_tokens *st,
                            sup *s)
{
    size_t ns = 0;
    /* the (document, sentence start) pairs taken: open addressing, key + 1 */
    size_t cap = 16;
    while (cap < 2 * nu + 2)
        cap *= 2;
    uint64_t *taken = rc_calloc(cap, sizeof *taken);
    for (size_t k = 0; k < nu; k++) {
        if (mark[units[k]] != want)
            continue;
        const rc_align_unit *u = &al->units[units[k]];
        const rc_doc *d = a->docs[u->doc];
        const rc_facts *f = a->facts[u->doc];
        rc_span sp = d->sentences[u->sentence];
        uint64_t key = (((uint64_t)u->doc << 32) ^ sp.start) + 1;
        size_t slot = (size_t)((key * 0x9E3779B97F4A7C15ull) >> 40) & (cap - 1);
        while (taken[slot] && taken[slot] != key)
            slot = (slot + 1) & (cap - 1);
        if (taken[slot])
            continue;
        taken[slot] = key;
        uint32_t as = 0, ae = 0;
        if (u->quantity >= 0) {
            as = f->quantities[u->quantity].start;
            ae = f->quantities[u->quantity].end;
        }
        memset(&s[ns], 0, sizeof s[ns]);
        s[ns].unit = units[k];
        s[ns].doc = u->doc;
        s[ns].sp = sp;
        if (u->words.ready)
            rc_origin_of_words(d, f, a->entities, sp, &u->words, as, ae, &s[ns].at);
        else
            rc_origin_of_at(d, f, a->entities, sp, sentence_token(st, d, u->doc, u->sentence),
                            as, ae, &s[ns].at);
        ns++;
    }
    free(taken);
    return ns;
}

/* "C%zu" of n into out (cap bytes, cap >= 1), cut as snprintf cuts it,
 * without snprintf. */
static void claim_id(char *out, size_t cap, size_t n)
{
    char b[24];
    size_t k = sizeof b;
    do {
        b[--k] = (char)('0' + n % 10);
        n /= 10;
    } while (n);
    b[--k] = 'C';
    size_t len = sizeof b - k;
    if (len > cap - 1)
        len = cap - 1;
    memcpy(out, b + k, len);
    out[len] = 0;
}

/* See claims.h. */
int rc_claims_add_group(rc_claims *c, const rc_analysis *a, const size_t *group, size_t n,
                        const int *copy_of)
{
    rc_align *al = rc_align_new(a->docs, a->facts, group, n);
    size_t *mark = rc_calloc(al->nunits ? al->nunits : 1, sizeof *mark);
    vclaim *vc = NULL;
    rc_discrepancies *vd = NULL;
    size_t nv = value_conflicts(a, al, group, n, c->conflicts, c->conflicts_from, mark, &vc, &vd);
    c->conflicts = NULL;
    pending *pend = rc_malloc((al->ngroups + nv + 1) * sizeof *pend);
    size_t np = 0;
    /* distinct documents of a list: seen[d] == the list's stamp (a scan
     * of the list's earlier units before: quadratic in big groups) */
    size_t *seen_doc = rc_calloc(a->ndocs ? a->ndocs : 1, sizeof *seen_doc), stamp = 0;
    for (size_t g = 0; g < al->ngroups; g++) {
        const rc_align_group *gr = &al->groups[g];
        int salient = 0;
        size_t nd = 0, first = SIZE_MAX;
        stamp++;
        for (size_t k = 0; k < gr->nunits; k++) {
            size_t u = gr->units[k];
            if (mark[u])
                continue;
            salient |= al->units[u].salient;
            size_t d = al->units[u].doc;
            int seen = seen_doc[d] == stamp;
            seen_doc[d] = stamp;
            nd += !seen;
            if (first == SIZE_MAX)
                first = u;
        }
        if (!nd || (nd < 2 && !salient))
            continue;
        pend[np++] = (pending){g, nd, first};
    }
    for (size_t v = 0; v < nv; v++) {
        size_t nd = 0;
        stamp++;
        for (size_t k = 0; k < vc[v].n; k++) {
            size_t d = al->units[vc[v].units[k]].doc;
            int seen = seen_doc[d] == stamp;
            seen_doc[d] = stamp;
            nd += !seen;
        }
        size_t first = vc[v].units[0];
        for (size_t k = 1; k < vc[v].n; k++)
            if (vc[v].units[k] < first)
                first = vc[v].units[k];
        pend[np++] = (pending){al->ngroups + v, nd, first};
    }
    free(seen_doc);
    qsort(pend, np, sizeof *pend, cmp_pending);
    size_t base = c->nclaims;
    c->claims = rc_reallocarray(c->claims, base + np + 1, sizeof *c->claims);
    size_t *claim_of = rc_malloc((al->ngroups ? al->ngroups : 1) * sizeof *claim_of);
    for (size_t g = 0; g < al->ngroups; g++)
        claim_of[g] = SIZE_MAX;
    for (size_t p = 0; p < np; p++)
        if (pend[p].group < al->ngroups)
            claim_of[pend[p].group] = base + p;
    docmarks dm;
    memset(&dm, 0, sizeof dm);
    dm.stamp = rc_calloc(a->ndocs ? a->ndocs : 1, sizeof *dm.stamp);
    dm.first = rc_malloc((a->ndocs ? a->ndocs : 1) * sizeof *dm.first);
    sent_tokens stok = {rc_calloc(a->ndocs ? a->ndocs : 1, sizeof *stok.first), a->ndocs};
    for (size_t p = 0; p < np; p++) {
        rc_claim *cl = &c->claims[base + p];
        memset(cl, 0, sizeof *cl);
        claim_id(cl->id, sizeof cl->id, base + p + 1);
        if (pend[p].group >= al->ngroups) {
            const vclaim *v = &vc[pend[p].group - al->ngroups];
            size_t *sorted = rc_malloc(v->n * sizeof *sorted);
            memcpy(sorted, v->units, v->n * sizeof *sorted);
            for (size_t i = 1; i < v->n; i++)
                for (size_t j = i; j > 0 && sorted[j - 1] > sorted[j]; j--) {
                    size_t t = sorted[j];
                    sorted[j] = sorted[j - 1];
                    sorted[j - 1] = t;
                }
            rc_align_group fake = {sorted, v->n, pend[p].ndocs, -1};
            sup *s = rc_calloc(v->n, sizeof *s);
            size_t ns = read_supports(a, al, sorted, v->n, mark, mark[sorted[0]], &stok, s);
            fill_claim(c, a, al, &fake, s, ns, copy_of, &dm, cl);
            cl->status = RC_CLAIM_CONFLICTING;
            rc_buf b;
            rc_buf_init(&b, 4096);
            rc_buf_printf(&b, "Conflicting figures: %s.", v->desc ? v->desc : "");
            add_unique(c, &cl->notes, &cl->nnotes, rc_buf_str(&b));
            rc_buf_cleanup(&b);
            free(s);
            free(sorted);
            continue;
        }
        const rc_align_group *gr = &al->groups[pend[p].group];
        sup *s = rc_calloc(gr->nunits, sizeof *s);
        size_t ns = read_supports(a, al, gr->units, gr->nunits, mark, 0, &stok, s);
        fill_claim(c, a, al, gr, s, ns, copy_of, &dm, cl);
        if (gr->conflict >= 0 && claim_of[gr->conflict] != SIZE_MAX) {
            const rc_align_group *og = &al->groups[gr->conflict];
            const rc_align_unit *ou = &al->units[og->units[0]];
            rc_buf b;
            rc_buf_init(&b, 4096);
            if (ou->quantity >= 0) {
                const rc_doc *od = a->docs[ou->doc];
                const rc_quantity *q = &a->facts[ou->doc]->quantities[ou->quantity];
                rc_buf_printf(&b, "Conflicting figure: %s gives «%.*s» where this claim says «%s» (see C%zu).",
                              outlet_of(od), (int)(q->end - q->start), od->text + q->start,
                              cl->about ? cl->about : "another figure", claim_of[gr->conflict] + 1);
                add_unique(c, &cl->notes, &cl->nnotes, rc_buf_str(&b));
            }
            rc_buf_cleanup(&b);
        }
        free(s);
    }
    c->nclaims = base + np;
    for (size_t v = 0; v < nv; v++)
        free(vc[v].units);
    free(vc);
    rc_discrepancies_free(vd);
    free(mark);
    for (size_t d = 0; d < stok.ndocs; d++)
        free(stok.first[d]);
    free(stok.first);
    free(dm.stamp);
    free(dm.first);
    for (size_t k = 0; k < sizeof dm.maps / sizeof *dm.maps; k++)
        if (dm.maps[k].room)
            strmap_cleanup(&dm.maps[k]);
    free(dm.firsts);
    free(dm.sigs);
    free(dm.nsigs);
    free(claim_of);
    free(pend);
    rc_align_free(al);
    return RC_OK;
}

/* See claims.h. */
void rc_claims_use_conflicts(rc_claims *c, const rc_discrepancies *d, size_t from)
{
    c->conflicts = d;
    c->conflicts_from = from;
}

/* See claims.h. */
rc_claims *rc_claims_build(const rc_analysis *a, const int *copy_of)
{
    rc_claims *c = rc_claims_new();
    size_t *all = rc_malloc((a->ndocs ? a->ndocs : 1) * sizeof *all);
    for (size_t i = 0; i < a->ndocs; i++)
        all[i] = i;
    rc_claims_add_group(c, a, all, a->ndocs, copy_of);
    free(all);
    return c;
}
