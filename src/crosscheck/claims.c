/*
 * claims.c - claims, origins, independence and status; see claims.h.
 */
#include "crosscheck/claims.h"
#include "crosscheck/align.h"
#include "meta/fold.h"
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
    if (entity >= 0)
        snprintf(out, cap, "e%d", entity);
    else {
        out[0] = 'n';
        rc_fold_key(name, strlen(name), out + 1, cap - 1);
    }
}

/* Arena copy of the buffer's content. */
static const char *adup(rc_claims *c, const rc_buf *b)
{
    return rc_arena_strdup(c->arena, rc_buf_str(b));
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

/* Build claim cl from the units of group g; supports in s[ns]. */
static void fill_claim(rc_claims *c, const rc_analysis *a, const rc_align *al,
                       const rc_align_group *g, sup *s, size_t ns, const int *copy_of,
                       rc_claim *cl)
{
    /* contested: stated (or attributed) in one document, disputed in
     * another; or stated as fact in one, attributed with a claim verb in
     * another */
    int contested = 0;
    for (size_t i = 0; i < ns && !contested; i++)
        for (size_t j = 0; j < ns && !contested; j++)
            contested = s[i].doc != s[j].doc && s[i].at.stance != RC_STANCE_DISPUTED &&
                        s[j].at.stance == RC_STANCE_DISPUTED;
    /* documents attributing it to someone named, and stating it flatly */
    size_t n_named = 0, n_flat = 0;
    for (size_t i = 0; i < ns; i++) {
        int first = 1;
        for (size_t j = 0; j < i; j++)
            first &= s[j].doc != s[i].doc;
        if (!first)
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
    for (size_t i = 0; i < ns; i++) {
        if (s[i].at.stance != RC_STANCE_ATTRIBUTED || s[i].at.kind == RC_ORIGIN_UNNAMED)
            continue;
        origin_key(s[i].at.origin, s[i].at.entity, s[i].key, sizeof s[i].key);
        size_t k = 0;
        for (size_t j = 0; j < ns; j++) {
            if (s[j].at.stance != RC_STANCE_ATTRIBUTED || s[j].at.kind == RC_ORIGIN_UNNAMED)
                continue;
            char kj[72];
            origin_key(s[j].at.origin, s[j].at.entity, kj, sizeof kj);
            k += strcmp(kj, s[i].key) == 0;
        }
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
        if ((unnamed || flat) && !contested && dom >= 0 && s[dom].doc != s[i].doc) {
            s[i].relay = 1;
            s[i].origin = s[dom].at.origin;
            origin_key(s[dom].at.origin, s[dom].at.entity, s[i].key, sizeof s[i].key);
        } else
            origin_key(s[i].at.origin, s[i].at.entity, s[i].key, sizeof s[i].key);
    }
    /* copies share their source's origin */
    if (copy_of)
        for (size_t i = 0; i < ns; i++) {
            int src = copy_of[s[i].doc];
            for (size_t j = 0; src >= 0 && j < ns; j++)
                if ((int)s[j].doc == src && s[j].doc != s[i].doc) {
                    s[i].copy = 1;
                    s[i].origin = s[j].origin;
                    memcpy(s[i].key, s[j].key, sizeof s[i].key);
                    break;
                }
        }

    /* documents, origins, supports */
    rc_buf b;
    rc_buf_init(&b, 1 << 16);
    for (size_t i = 0; i < ns; i++) {
        add_unique(c, &cl->docs, &cl->ndocs, a->docs[s[i].doc]->id);
        int seen = 0;
        for (size_t j = 0; j < i; j++)
            seen |= s[j].counted && strcmp(s[j].key, s[i].key) == 0;
        if (s[i].counted && !seen) {
            cl->origins = rc_arena_grow(c->arena, (void *)cl->origins, cl->norigins,
                                        sizeof *cl->origins);
            cl->origins[cl->norigins++] = rc_arena_strdup(c->arena, s[i].origin);
        }
    }
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
            rc_buf_printf(&b, " → %s", s[i].at.credit);
        for (size_t v = 0; v < s[i].at.nvia; v++)
            if (strcmp(s[i].at.via[v], s[i].origin) != 0)
                rc_buf_printf(&b, " → %s", s[i].at.via[v]);
        if (strcmp(s[i].origin, outlet_of(d)) != 0)
            rc_buf_printf(&b, " → %s%s", s[i].origin, s[i].relay ? " (unattributed)" : "");
        o->chain = adup(c, &b);
        add_unique(c, &cl->chains, &cl->nchains, o->chain);
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
    for (size_t i = 0; i < ns; i++) {
        int first = 1;
        for (size_t j = 0; j < i; j++)
            first &= s[j].doc != s[i].doc;
        if (!first)
            continue;
        const char *out = outlet_of(a->docs[s[i].doc]);
        rc_buf_reset(&b);
        if (s[i].copy)
            rc_buf_printf(&b, "%s copies another supporting article (origin %s).", out, s[i].origin);
        else if (s[i].relay)
            rc_buf_printf(&b, "%s states it without attribution: probable relay of %s.", out,
                          s[i].origin);
        else if (s[i].at.stance == RC_STANCE_DISPUTED)
            rc_buf_printf(&b, "%s reports it as disputed (%s).", out, s[i].at.origin);
        else if (s[i].at.stance == RC_STANCE_ATTRIBUTED)
            rc_buf_printf(&b, "%s %s %s%s%s.", out,
                          s[i].at.distanced ? "reports it as a claim by" : "attributes it to",
                          s[i].at.origin, s[i].at.nvia ? " via " : "",
                          s[i].at.nvia ? s[i].at.via[0] : "");
        else if (s[i].at.kind == RC_ORIGIN_AGENCY)
            rc_buf_printf(&b, "%s states it as fact on the credit of %s.", out, s[i].at.origin);
        else
            rc_buf_printf(&b, "%s states it as fact.", out);
        add_unique(c, &cl->notes, &cl->nnotes, rc_buf_str(&b));
    }
    if (cl->ndocs > 1) {
        rc_buf_reset(&b);
        rc_buf_printf(&b, "%zu articles, %zu independent origin%s", cl->ndocs, cl->norigins,
                      cl->norigins == 1 ? "" : "s");
        for (size_t i = 0; i < cl->norigins; i++)
            rc_buf_printf(&b, "%s%s", i ? "; " : ": ", cl->origins[i]);
        rc_buf_puts(&b, ".");
        add_unique(c, &cl->notes, &cl->nnotes, rc_buf_str(&b));
    }
    rc_buf_cleanup(&b);
}

/* See claims.h. */
int rc_claims_add_group(rc_claims *c, const rc_analysis *a, const size_t *group, size_t n,
                        const int *copy_of)
{
    rc_align *al = rc_align_new(a->docs, a->facts, group, n);
    pending *pend = rc_malloc((al->ngroups ? al->ngroups : 1) * sizeof *pend);
    size_t np = 0;
    for (size_t g = 0; g < al->ngroups; g++) {
        const rc_align_group *gr = &al->groups[g];
        int salient = 0;
        for (size_t k = 0; k < gr->nunits; k++)
            salient |= al->units[gr->units[k]].salient;
        if (gr->ndocs < 2 && !salient)
            continue;
        pend[np++] = (pending){g, gr->ndocs, gr->units[0]};
    }
    qsort(pend, np, sizeof *pend, cmp_pending);
    size_t base = c->nclaims;
    c->claims = rc_reallocarray(c->claims, base + np + 1, sizeof *c->claims);
    size_t *claim_of = rc_malloc((al->ngroups ? al->ngroups : 1) * sizeof *claim_of);
    for (size_t g = 0; g < al->ngroups; g++)
        claim_of[g] = SIZE_MAX;
    for (size_t p = 0; p < np; p++)
        claim_of[pend[p].group] = base + p;
    for (size_t p = 0; p < np; p++) {
        const rc_align_group *gr = &al->groups[pend[p].group];
        rc_claim *cl = &c->claims[base + p];
        memset(cl, 0, sizeof *cl);
        snprintf(cl->id, sizeof cl->id, "C%zu", base + p + 1);
        sup *s = rc_calloc(gr->nunits, sizeof *s);
        size_t ns = 0;
        for (size_t k = 0; k < gr->nunits; k++) {
            const rc_align_unit *u = &al->units[gr->units[k]];
            const rc_doc *d = a->docs[u->doc];
            const rc_facts *f = a->facts[u->doc];
            rc_span sp = d->sentences[u->sentence];
            int dup = 0;
            for (size_t j = 0; j < ns; j++)
                dup |= s[j].doc == u->doc && s[j].sp.start == sp.start;
            if (dup)
                continue;
            uint32_t as = 0, ae = 0;
            if (u->quantity >= 0) {
                as = f->quantities[u->quantity].start;
                ae = f->quantities[u->quantity].end;
            }
            s[ns].unit = gr->units[k];
            s[ns].doc = u->doc;
            s[ns].sp = sp;
            rc_origin_of(d, f, a->entities, sp, as, ae, &s[ns].at);
            ns++;
        }
        fill_claim(c, a, al, gr, s, ns, copy_of, cl);
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
    free(claim_of);
    free(pend);
    rc_align_free(al);
    return RC_OK;
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
