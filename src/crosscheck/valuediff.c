/*
 * valuediff.c - numbers and dates given differently for the same thing;
 * see valuediff.h.
 */
#include "crosscheck/valuediff.h"
#include "util/buf.h"
#include "util/hash.h"
#include "util/mem.h"
#include "util/rc.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_CLASS 1000      /* items compared within one class */
#define MAX_LOCAL 8         /* content stems kept around a number */
#define MAX_ENTS 8          /* entities kept per sentence */
#define SAME_THING 2.25     /* score from which two numbers count one thing */
#define TOL_ABOUT 0.15      /* "environ v": v +- 15% */
#define TOL_ROUND 0.05      /* a round number given as approximate */
#define TOL_UNITS 0.10      /* durations in different units (months vs days) */

typedef struct qitem {
    size_t doc, q, sent;      /* document, quantity index, group sentence */
    const rc_quantity *qt;
    uint64_t cls;             /* class key */
    double lo, hi;            /* interval in the class's base unit */
    const char *unit;
    int ord;                  /* value of the nearest ordinal in the sentence, -1 */
    uint64_t gov;             /* stem of the nearest content word before, 0 */
    uint64_t local[MAX_LOCAL];
    size_t nlocal;
    int ents[MAX_ENTS];       /* entity ids in the sentence */
    int person[MAX_ENTS];
    size_t nents;
    int total;                /* 1 when a sum of parts elsewhere matches it */
} qitem;

/* Days in one unit of a duration, or 0 when unit is no duration. */
static double duration_days(const char *unit)
{
    static const struct {
        const char *u;
        double d;
    } T[] = {{"minute", 1.0 / 1440}, {"hour", 1.0 / 24}, {"day", 1}, {"week", 7},
             {"month", 30.44}, {"year", 365.25}};
    if (!unit)
        return 0;
    for (size_t i = 0; i < sizeof T / sizeof T[0]; i++)
        if (strcmp(unit, T[i].u) == 0)
            return T[i].d;
    return 0;
}

/* Stem feature of the head of q's counted noun (first content word after the
 * number inside the quantity's span), or 0. */
static uint64_t counts_head(const rc_doc *d, const rc_quantity *q)
{
    for (size_t t = rc_dgroup_token_at(d, q->num_end); t < d->ntokens; t++) {
        const rc_token *k = &d->tokens[t];
        if (k->start >= q->end)
            break;
        if (k->start >= q->num_end && rc_dgroup_content(k))
            return rc_dgroup_stem_feat(k->stem);
    }
    return 0;
}

/* Words that govern numbers of any kind ("depuis", "pendant", "after")
 * and so tell nothing about what is counted; not used as context. */
static const char *const WEAK[] = {
    "depuis", "pendant", "durant", "après", "avant", "environ", "près", "presque", "jusqu",
    "selon", "lors", "vers", "dès", "parmi", "contre", "chaque", "quelque", "quelques",
    "since", "during", "after", "before", "until", "about", "around", "nearly", "almost",
    "over", "under", "within", "roughly", "some", "least", "more", "less", "than", "every",
    "desde", "durante", "después", "antes", "hace", "unos", "unas", "cerca",
    "seit", "während", "nach", "vor", "etwa", "rund", "fast", NULL};

/* 1 when token t is a content word that says something about the number. */
static int anchor_word(const rc_token *t)
{
    if (!rc_dgroup_content(t) || (t->flags & RC_TOK_CAP))
        return 0;     /* names count as entities, not as words around the number */
    for (const char *const *w = WEAK; *w; w++)
        if (strcmp(*w, t->norm) == 0)
            return 0;
    return 1;
}

/* Fill the context of item it (ordinal, governing word, local stems,
 * entities) from its document. */
static void item_context(const rc_dgroup *g, qitem *it)
{
    const rc_doc *d = g->a->docs[it->doc];
    const rc_facts *f = g->a->facts[it->doc];
    const rc_dsent *s = &g->sents[it->sent];
    const rc_span *sp = &d->sentences[s->sent];
    it->ord = -1;
    uint32_t best = UINT32_MAX;
    for (size_t k = 0; k < f->nquantities; k++) {
        const rc_quantity *o = &f->quantities[k];
        if (!o->ordinal || o->start < sp->start || o->end > sp->end)
            continue;
        uint32_t dist = o->end <= it->qt->start ? it->qt->start - o->end
                                                : o->start - it->qt->end;
        if (dist < best) {
            best = dist;
            it->ord = (int)o->value;
        }
    }
    size_t t0 = rc_dgroup_token_at(d, it->qt->start);
    int left = 0;
    for (size_t t = t0; t-- > s->tok0 && left < 4;) {
        if (!anchor_word(&d->tokens[t]))
            continue;
        uint64_t f0 = rc_dgroup_stem_feat(d->tokens[t].stem);
        if (left == 0 && t0 - t <= 3)
            it->gov = f0;
        if (it->nlocal < MAX_LOCAL)
            it->local[it->nlocal++] = f0;
        left++;
    }
    int right = 0;
    for (size_t t = rc_dgroup_token_at(d, it->qt->end); t < s->tok1 && right < 3; t++) {
        if (d->tokens[t].start < it->qt->end || !anchor_word(&d->tokens[t]))
            continue;
        if (it->nlocal < MAX_LOCAL)
            it->local[it->nlocal++] = rc_dgroup_stem_feat(d->tokens[t].stem);
        right++;
    }
    for (size_t m = 0; m < f->nmentions && it->nents < MAX_ENTS; m++) {
        const rc_mention *mn = &f->mentions[m];
        if (mn->entity < 0 || mn->start < sp->start || mn->end > sp->end)
            continue;
        size_t k = 0;
        while (k < it->nents && it->ents[k] != mn->entity)
            k++;
        if (k == it->nents) {
            it->ents[it->nents] = mn->entity;
            it->person[it->nents++] = mn->type == RC_ENT_PERSON;
        }
    }
}

/* 1 when two day values name the same day; an open year ("XXXX-05-04")
 * matches any year. */
static int same_day(const char *x, const char *y)
{
    if (strcmp(x, y) == 0)
        return 1;
    if ((strncmp(x, "XXXX", 4) == 0 || strncmp(y, "XXXX", 4) == 0) && strlen(x) > 4 &&
        strlen(y) > 4)
        return strcmp(x + 4, y + 4) == 0;
    return 0;
}

/* 1 when the sentences of a and b both hold day dates and share none. */
static int dates_differ(const rc_dgroup *g, const qitem *a, const qitem *b)
{
    const char *va[8], *vb[8];
    size_t na = 0, nb = 0;
    const qitem *it[2] = {a, b};
    for (int w = 0; w < 2; w++) {
        const rc_doc *d = g->a->docs[it[w]->doc];
        const rc_facts *f = g->a->facts[it[w]->doc];
        const rc_span *sp = &d->sentences[g->sents[it[w]->sent].sent];
        for (size_t k = 0; k < f->ndates; k++) {
            const rc_date *dt = &f->dates[k];
            if (dt->gran != RC_DATE_DAY || dt->start < sp->start || dt->end > sp->end)
                continue;
            if (w == 0 && na < 8)
                va[na++] = dt->value;
            else if (w == 1 && nb < 8)
                vb[nb++] = dt->value;
        }
    }
    if (!na || !nb)
        return 0;
    for (size_t i = 0; i < na; i++)
        for (size_t j = 0; j < nb; j++)
            if (same_day(va[i], vb[j]))
                return 0;
    return 1;
}

/* How strongly a and b (same class, other documents) are about one thing;
 * negative for a veto. */
static double same_thing(const rc_dgroup *g, const qitem *a, const qitem *b)
{
    if (a->ord >= 0 && b->ord >= 0 && a->ord != b->ord)
        return -1;
    if (dates_differ(g, a, b))
        return -1;
    double sc = 0;
    int same_ord = a->ord >= 2 && a->ord == b->ord;   /* "first" is too common to tell */
    if (same_ord)
        sc += 1.5;
    if (a->gov && a->gov == b->gov)
        sc += 1.0;
    size_t local = 0;
    for (size_t i = 0; i < a->nlocal; i++)
        for (size_t j = 0; j < b->nlocal; j++)
            if (a->local[i] == b->local[j]) {
                local++;
                break;
            }
    sc += local > 3 ? 3 : (double)local;
    size_t ents = 0;
    int pa = 0, pb = 0;
    for (size_t i = 0; i < a->nents; i++) {
        pa |= a->person[i];
        for (size_t j = 0; j < b->nents; j++)
            if (a->ents[i] == b->ents[j] && a->person[i])
                ents++;
    }
    for (size_t j = 0; j < b->nents; j++)
        pb |= b->person[j];
    if (pa && pb && ents == 0)
        return -1;            /* different actors */
    if (!same_ord && !(a->gov && a->gov == b->gov) && local == 0)
        return 0;             /* nothing around the numbers themselves agrees */
    const char *la = g->a->docs[a->doc]->lang, *lb = g->a->docs[b->doc]->lang;
    if (!same_ord && (!la || !lb || strcmp(la, lb) != 0))
        return 0;             /* stems of two languages meet by accident */
    sc += ents > 2 ? 2 : (double)ents;
    size_t sh = rc_dgroup_shared(g, a->sent, b->sent);
    sc += 0.25 * (double)(sh > 4 ? 4 : sh);
    return sc;
}

/* 1 when the intervals of a and b cannot meet. */
static int values_conflict(const qitem *a, const qitem *b)
{
    double tol = 0;
    if (a->unit && b->unit && strcmp(a->unit, b->unit) != 0)
        tol = TOL_UNITS;
    double alo = a->lo * (1 - tol), ahi = a->hi * (1 + tol);
    double eps = 1e-9 * (fabs(a->lo) + fabs(b->lo) + 1);
    return b->hi < alo - eps || b->lo > ahi + eps;
}

/* Union-find root. */
static size_t uf_find(size_t *p, size_t x)
{
    while (p[x] != x) {
        p[x] = p[p[x]];
        x = p[x];
    }
    return x;
}

typedef struct link {
    size_t a, b;
    int conflict;
} link;

/* qsort comparator on links: a, b. */
static int link_cmp(const void *x, const void *y)
{
    const link *p = x, *q = y;
    if (p->a != q->a)
        return p->a < q->a ? -1 : 1;
    return p->b < q->b ? -1 : p->b > q->b;
}

/* qsort comparator on items: class, document, position. */
static int item_cmp(const void *x, const void *y)
{
    const qitem *p = x, *q = y;
    if (p->cls != q->cls)
        return p->cls < q->cls ? -1 : 1;
    if (p->doc != q->doc)
        return p->doc < q->doc ? -1 : 1;
    return p->q < q->q ? -1 : p->q > q->q;
}

/* Human name of an item's class for descriptions. */
static const char *class_name(const qitem *it)
{
    if (it->qt->percent)
        return "percentage";
    if (duration_days(it->unit) > 0)
        return "duration";
    if (it->unit)
        return "amount";
    return "count";
}

typedef struct sumpart {
    double v;
    size_t doc, sent;
    size_t p1, p2;            /* indices into f->quantities of doc */
} sumpart;

/* qsort comparator on sums by value, then document, then parts. */
static int sum_cmp(const void *x, const void *y)
{
    const sumpart *p = x, *q = y;
    if (p->v != q->v)
        return p->v < q->v ? -1 : 1;
    if (p->doc != q->doc)
        return p->doc < q->doc ? -1 : 1;
    return p->p1 < q->p1 ? -1 : p->p1 > q->p1;
}

/* 1 when quantity q can be a plain count part of a total. */
static int countable(const rc_quantity *q)
{
    return !q->ordinal && !q->percent && !q->unit && q->counts && q->value > 0 &&
           q->bound == RC_BOUND_EXACT;
}

/* The totals: an item equal (within its qualifier) to the sum of two plain
 * counts given in one sentence of the group, in a sentence sharing context
 * with the item's. Marks it->total and appends one number_consistent entry
 * per total. */
static void find_totals(rc_discrepancies *out, rc_dgroup *g, qitem *items, size_t n)
{
    sumpart *sums = NULL;
    size_t ns = 0, cap = 0;
    for (size_t si = 0; si < g->nsents; si++) {
        const rc_dsent *s = &g->sents[si];
        const rc_doc *d = g->a->docs[s->doc];
        const rc_facts *f = g->a->facts[s->doc];
        const rc_span *sp = &d->sentences[s->sent];
        size_t qs[8], nq = 0;
        for (size_t k = 0; k < f->nquantities && nq < 8; k++)
            if (countable(&f->quantities[k]) && f->quantities[k].start >= sp->start &&
                f->quantities[k].end <= sp->end)
                qs[nq++] = k;
        for (size_t i = 0; i < nq; i++)
            for (size_t j = i + 1; j < nq; j++) {
                if (ns == cap) {
                    cap = cap ? cap * 2 : 64;
                    sums = rc_reallocarray(sums, cap, sizeof *sums);
                }
                sums[ns].v = f->quantities[qs[i]].value + f->quantities[qs[j]].value;
                sums[ns].doc = s->doc;
                sums[ns].sent = si;
                sums[ns].p1 = qs[i];
                sums[ns].p2 = qs[j];
                ns++;
            }
    }
    if (ns)
        qsort(sums, ns, sizeof *sums, sum_cmp);
    /* one entry per total (class, value, qualifier): copies join it */
    uint64_t *keys = NULL;
    size_t *entries = NULL, nkeys = 0;
    for (size_t i = 0; i < n && ns; i++) {
        qitem *it = &items[i];
        const rc_quantity *q = it->qt;
        if (q->unit || q->percent || q->bound == RC_BOUND_MORE_THAN ||
            q->bound == RC_BOUND_LESS_THAN)
            continue;
        double tol = q->bound == RC_BOUND_ABOUT ? TOL_ABOUT : q->approximate ? TOL_ROUND : 0;
        double lo = q->value * (1 - tol) - 1e-9, hi = q->value * (1 + tol) + 1e-9;
        size_t a = 0, b = ns;
        while (a < b) {
            size_t m = a + (b - a) / 2;
            if (sums[m].v < lo)
                a = m + 1;
            else
                b = m;
        }
        rc_discrepancy *e = NULL;
        for (size_t k = a; k < ns && sums[k].v <= hi; k++) {
            const sumpart *sm = &sums[k];
            if (sm->sent == it->sent)
                continue;
            if (rc_dgroup_shared(g, it->sent, sm->sent) < 3)
                continue;
            const rc_facts *f = g->a->facts[sm->doc];
            const rc_doc *d = g->a->docs[sm->doc];
            const rc_doc *td = g->a->docs[it->doc];
            const rc_quantity *p1 = &f->quantities[sm->p1], *p2 = &f->quantities[sm->p2];
            if (!e) {
                uint64_t key = rc_hash64(&q->value, sizeof q->value, it->cls + q->bound);
                for (size_t x = 0; x < nkeys && !e; x++)
                    if (keys[x] == key)
                        e = &out->items[entries[x]];
            }
            if (!e) {
                uint64_t key = rc_hash64(&q->value, sizeof q->value, it->cls + q->bound);
                keys = rc_reallocarray(keys, nkeys + 1, sizeof *keys);
                entries = rc_reallocarray(entries, nkeys + 1, sizeof *entries);
                keys[nkeys] = key;
                entries[nkeys++] = out->n;
                e = rc_discrepancies_add(out, "number_consistent", 0);
                rc_discrepancy_add_evidence(e, it->doc, q->start, q->end);
                rc_discrepancy_describe(e,
                    "Not a conflict: \"%.*s\" (%s) is consistent with %.*s + %.*s (%s)",
                    (int)(q->end - q->start), td->text + q->start, td->id,
                    (int)(p1->end - p1->start), d->text + p1->start,
                    (int)(p2->end - p2->start), d->text + p2->start, d->id);
            }
            rc_discrepancy_add_evidence(e, sm->doc, p1->start, p1->end);
            rc_discrepancy_add_evidence(e, sm->doc, p2->start, p2->end);
            rc_discrepancy_note(e, "%.*s (%s) = %.*s + %.*s (%s)%s",
                                (int)(q->end - q->start), td->text + q->start, td->id,
                                (int)(p1->end - p1->start), d->text + p1->start,
                                (int)(p2->end - p2->start), d->text + p2->start, d->id,
                                tol > 0 ? ", within the total's approximation" : "");
            it->total = 1;
        }
    }
    free(keys);
    free(entries);
    free(sums);
}

/* 1 when item a is a total one of whose parts (in a sentence of b's
 * document) is b: they are no conflict. */
static int part_of_total(const rc_dgroup *g, const qitem *a, const qitem *b)
{
    if (!a->total)
        return 0;
    const rc_facts *f = g->a->facts[b->doc];
    const rc_span *sp = &g->a->docs[b->doc]->sentences[g->sents[b->sent].sent];
    for (size_t k = 0; k < f->nquantities; k++) {
        const rc_quantity *o = &f->quantities[k];
        if (k == b->q || !countable(o) || o->start < sp->start || o->end > sp->end)
            continue;
        double s = o->value + b->qt->value;
        double tol = a->qt->bound == RC_BOUND_ABOUT ? TOL_ABOUT : a->qt->approximate ? TOL_ROUND : 0;
        if (s >= a->qt->value * (1 - tol) - 1e-9 && s <= a->qt->value * (1 + tol) + 1e-9)
            return 1;
    }
    return 0;
}

/* Write one number entry for two clusters of items that conflict:
 * idx[0..split) and idx[split..n). */
static void emit_number(rc_discrepancies *out, const rc_dgroup *g, const qitem *items,
                        const size_t *idx, size_t split, size_t n)
{
    rc_discrepancy *e = rc_discrepancies_add(out, "number", 1);
    rc_buf b;
    rc_buf_init(&b, 1u << 14);
    rc_buf_printf(&b, "The same %s is given different values: ", class_name(&items[idx[0]]));
    for (size_t k = 0; k < n; k++) {
        const qitem *it = &items[idx[k]];
        const rc_doc *d = g->a->docs[it->doc];
        rc_discrepancy_add_evidence(e, it->doc, it->qt->start, it->qt->end);
        if (k < 8 || k == split)
            rc_buf_printf(&b, "%s\"%.*s\" (%s)", k ? (k == split ? " vs " : ", ") : "",
                          (int)(it->qt->end - it->qt->start), d->text + it->qt->start, d->id);
    }
    rc_discrepancy_describe(e, "%s", rc_buf_str(&b));
    for (size_t k = 0; k < n; k++) {
        const qitem *it = &items[idx[k]];
        if (it->qt->bound != RC_BOUND_EXACT) {
            rc_discrepancy_note(e, "qualifiers respected: the values cannot be reconciled "
                                   "even with \"%.*s\"",
                                (int)(it->qt->end - it->qt->start),
                                g->a->docs[it->doc]->text + it->qt->start);
            break;
        }
    }
    rc_buf_cleanup(&b);
}

/* The number part: items, totals, matches, components. */
static void find_numbers(rc_discrepancies *out, rc_dgroup *g, const size_t *docs, size_t n)
{
    qitem *items = NULL;
    size_t ni = 0, cap = 0;
    for (size_t k = 0; k < n; k++) {
        size_t di = docs[k];
        if (di >= g->a->ndocs || g->first[di] == SIZE_MAX)
            continue;
        const rc_doc *d = g->a->docs[di];
        const rc_facts *f = g->a->facts[di];
        int dup = 0;
        for (size_t j = 0; j < k; j++)
            dup |= docs[j] == di;
        if (dup || !f)
            continue;
        for (size_t q = 0; q < f->nquantities; q++) {
            const rc_quantity *qt = &f->quantities[q];
            if (qt->ordinal || !(qt->value > 0) || !isfinite(qt->value))
                continue;
            double unitf = duration_days(qt->unit);
            uint64_t cls;
            if (qt->percent)
                cls = rc_hash64("%", 1, 1);
            else if (unitf > 0)
                cls = rc_hash64("dur", 3, 1);
            else if (qt->unit)
                cls = rc_hash64(qt->unit, strlen(qt->unit), 2);
            else if ((cls = counts_head(d, qt)) == 0)
                continue;
            size_t s = rc_dgroup_sentence_at(g, di, qt->start);
            if (s == SIZE_MAX)
                continue;
            if (ni == cap) {
                cap = cap ? cap * 2 : 64;
                items = rc_reallocarray(items, cap, sizeof *items);
            }
            qitem *it = &items[ni++];
            memset(it, 0, sizeof *it);
            it->doc = di;
            it->q = q;
            it->sent = s;
            it->qt = qt;
            it->cls = cls;
            it->unit = qt->unit;
            double v = qt->value * (unitf > 0 ? unitf : 1);
            double tol = qt->bound == RC_BOUND_ABOUT ? TOL_ABOUT : qt->approximate ? TOL_ROUND : 0;
            it->lo = v * (1 - tol);
            it->hi = v * (1 + tol);
            if (qt->bound == RC_BOUND_MORE_THAN)
                it->hi = HUGE_VAL;
            else if (qt->bound == RC_BOUND_LESS_THAN)
                it->lo = 0;
            item_context(g, it);
        }
    }
    if (ni)
        qsort(items, ni, sizeof *items, item_cmp);
    find_totals(out, g, items, ni);

    link *links = NULL;
    size_t nl = 0, lcap = 0;
    for (size_t r0 = 0; r0 < ni;) {
        size_t r1 = r0;
        while (r1 < ni && items[r1].cls == items[r0].cls)
            r1++;
        if (r1 - r0 > MAX_CLASS) {
            r0 = r1;
            continue;
        }
        for (size_t i = r0; i < r1; i++) {
            /* best match of i in each other document of the class run */
            for (size_t j0 = r0; j0 < r1;) {
                size_t j1 = j0;
                while (j1 < r1 && items[j1].doc == items[j0].doc)
                    j1++;
                if (items[j0].doc == items[i].doc) {
                    j0 = j1;
                    continue;
                }
                double best = -1, second = -1;
                size_t bj = SIZE_MAX;
                int bconf = 0, sconf = 0;
                for (size_t j = j0; j < j1; j++) {
                    double sc = same_thing(g, &items[i], &items[j]);
                    int conf = values_conflict(&items[i], &items[j]);
                    if (sc > best) {
                        second = best;
                        sconf = bconf;
                        best = sc;
                        bj = j;
                        bconf = conf;
                    } else if (sc > second) {
                        second = sc;
                        sconf = conf;
                    }
                }
                j0 = j1;
                if (best < SAME_THING)
                    continue;
                if (second >= SAME_THING && best - second < 1.0 && sconf != bconf)
                    continue;   /* ambiguous */
                if (bconf && (part_of_total(g, &items[i], &items[bj]) ||
                              part_of_total(g, &items[bj], &items[i])))
                    continue;
                if (nl == lcap) {
                    lcap = lcap ? lcap * 2 : 64;
                    links = rc_reallocarray(links, lcap, sizeof *links);
                }
                links[nl].a = i < bj ? i : bj;
                links[nl].b = i < bj ? bj : i;
                links[nl].conflict = bconf;
                nl++;
            }
        }
        r0 = r1;
    }
    if (nl)
        qsort(links, nl, sizeof *links, link_cmp);
    size_t *par = rc_malloc((ni ? ni : 1) * sizeof *par);
    for (size_t i = 0; i < ni; i++)
        par[i] = i;
    /* a link found from both sides is mutual; consistent ones join clusters */
    for (size_t k = 0; k + 1 < nl; k++) {
        if (links[k].a != links[k + 1].a || links[k].b != links[k + 1].b)
            continue;
        links[k].conflict |= 2;   /* mutual */
        if (!(links[k].conflict & 1)) {
            size_t ra = uf_find(par, links[k].a), rb = uf_find(par, links[k].b);
            if (ra != rb)
                par[rb] = ra;
        }
        k++;
    }
    /* one entry per pair of clusters joined by a mutual conflict */
    size_t *idx = rc_malloc((ni ? ni : 1) * sizeof *idx);
    size_t *pairs = NULL, npairs = 0;
    for (size_t k = 0; k < nl; k++) {
        if (links[k].conflict != 3)
            continue;
        size_t ra = uf_find(par, links[k].a), rb = uf_find(par, links[k].b);
        if (ra == rb)
            continue;   /* a cluster already holds both: leave it */
        size_t lo = ra < rb ? ra : rb, hi = ra < rb ? rb : ra;
        int dup = 0;
        for (size_t p = 0; p < npairs; p++)
            dup |= pairs[2 * p] == lo && pairs[2 * p + 1] == hi;
        if (dup)
            continue;
        pairs = rc_reallocarray(pairs, 2 * (npairs + 1), sizeof *pairs);
        pairs[2 * npairs] = lo;
        pairs[2 * npairs + 1] = hi;
        npairs++;
        size_t m = 0;
        for (size_t j = 0; j < ni; j++)
            if (uf_find(par, j) == lo)
                idx[m++] = j;
        size_t split = m;
        for (size_t j = 0; j < ni; j++)
            if (uf_find(par, j) == hi)
                idx[m++] = j;
        emit_number(out, g, items, idx, split, m);
    }
    free(pairs);
    free(idx);
    free(par);
    free(links);
    free(items);
}

typedef struct ditem {
    size_t doc, sent;
    const rc_date *dt;
} ditem;

/* qsort comparator on date items by sentence. */
static int ditem_cmp(const void *x, const void *y)
{
    const ditem *p = x, *q = y;
    if (p->sent != q->sent)
        return p->sent < q->sent ? -1 : 1;
    return p->dt->start < q->dt->start ? -1 : p->dt->start > q->dt->start;
}

/* 1 when document doc mentions a date of value v (any precision equal). */
static int doc_has_date(const rc_dgroup *g, size_t doc, const char *v)
{
    const rc_facts *f = g->a->facts[doc];
    for (size_t k = 0; k < f->ndates; k++)
        if (strcmp(f->dates[k].value, v) == 0)
            return 1;
    return 0;
}

/* A set of 64-bit keys: open addressing, grown at half load; 0 is kept
 * aside. O(1) expected per insertion, where a list scan made the date
 * pass quadratic in the number of date discrepancies. */
typedef struct kset {
    uint64_t *v;
    size_t n, cap;
    int has0;
} kset;

/* Insert k into s; returns 1 when it was not there yet. */
static int kset_add(kset *s, uint64_t k)
{
    if (!k) {
        int was = s->has0;
        s->has0 = 1;
        return !was;
    }
    if (2 * (s->n + 1) > s->cap) {
        size_t nc = s->cap ? s->cap * 2 : 64;
        uint64_t *nv = rc_calloc(nc, sizeof *nv);
        for (size_t i = 0; i < s->cap; i++) {
            if (!s->v[i])
                continue;
            size_t j = s->v[i] & (nc - 1);
            while (nv[j])
                j = (j + 1) & (nc - 1);
            nv[j] = s->v[i];
        }
        free(s->v);
        s->v = nv;
        s->cap = nc;
    }
    size_t j = k & (s->cap - 1);
    while (s->v[j]) {
        if (s->v[j] == k)
            return 0;
        j = (j + 1) & (s->cap - 1);
    }
    s->v[j] = k;
    s->n++;
    return 1;
}

/* The date part; see valuediff.h. */
static void find_dates(rc_discrepancies *out, rc_dgroup *g)
{
    ditem *it = NULL;
    size_t ni = 0, cap = 0;
    for (size_t di = 0; di < g->a->ndocs; di++) {
        if (g->first[di] == SIZE_MAX || !g->a->facts[di])
            continue;
        const rc_facts *f = g->a->facts[di];
        for (size_t k = 0; k < f->ndates; k++) {
            const rc_date *dt = &f->dates[k];
            if (dt->gran != RC_DATE_DAY || dt->relative || dt->year_open)
                continue;
            size_t s = rc_dgroup_sentence_at(g, di, dt->start);
            if (s == SIZE_MAX)
                continue;
            if (ni == cap) {
                cap = cap ? cap * 2 : 64;
                it = rc_reallocarray(it, cap, sizeof *it);
            }
            it[ni].doc = di;
            it[ni].sent = s;
            it[ni].dt = dt;
            ni++;
        }
    }
    if (ni)
        qsort(it, ni, sizeof *it, ditem_cmp);
    rc_dmatch cand[64];
    kset seen = {0};
    for (size_t i = 0; i < ni; i++) {
        /* only sentences holding exactly one day date */
        if ((i > 0 && it[i - 1].sent == it[i].sent) ||
            (i + 1 < ni && it[i + 1].sent == it[i].sent))
            continue;
        size_t nc = rc_dgroup_similar(g, it[i].sent, 4, cand, 64);
        for (size_t c = 0; c < nc; c++) {
            size_t o = cand[c].sent;
            if (o <= it[i].sent)
                continue;   /* each pair once */
            size_t lo = 0, hi = ni;
            while (lo < hi) {
                size_t m = lo + (hi - lo) / 2;
                if (it[m].sent < o)
                    lo = m + 1;
                else
                    hi = m;
            }
            if (lo >= ni || it[lo].sent != o || (lo + 1 < ni && it[lo + 1].sent == o))
                continue;
            const ditem *a = &it[i], *b = &it[lo];
            if (strcmp(a->dt->value, b->dt->value) == 0)
                continue;
            size_t sh = rc_dgroup_shared(g, a->sent, b->sent);
            size_t mn = g->sents[a->sent].nfeat < g->sents[b->sent].nfeat
                            ? g->sents[a->sent].nfeat : g->sents[b->sent].nfeat;
            if (sh < 4 || 2 * sh < mn)
                continue;
            /* each (documents, values) pair once; checked before the
             * documents' date scans, which then run once per entry */
            uint64_t key = rc_hash64(a->dt->value, strlen(a->dt->value), a->doc * 31 + b->doc) ^
                           rc_hash64(b->dt->value, strlen(b->dt->value), 7);
            if (!kset_add(&seen, key))
                continue;
            if (doc_has_date(g, a->doc, b->dt->value) || doc_has_date(g, b->doc, a->dt->value))
                continue;
            const rc_doc *da = g->a->docs[a->doc], *db = g->a->docs[b->doc];
            rc_discrepancy *e = rc_discrepancies_add(out, "date", 1);
            rc_discrepancy_add_evidence(e, a->doc, a->dt->start, a->dt->end);
            rc_discrepancy_add_evidence(e, b->doc, b->dt->start, b->dt->end);
            rc_discrepancy_describe(e,
                "The same sentence places it on different days: \"%.*s\" (%s, %s) vs \"%.*s\" (%s, %s)",
                (int)(a->dt->end - a->dt->start), da->text + a->dt->start, a->dt->value, da->id,
                (int)(b->dt->end - b->dt->start), db->text + b->dt->start, b->dt->value, db->id);
        }
    }
    free(seen.v);
    free(it);
}

/* Numbers, totals and dates; see valuediff.h. */
int rc_valuediff_find(rc_discrepancies *out, rc_dgroup *g, const size_t *docs, size_t n)
{
    find_numbers(out, g, docs, n);
    find_dates(out, g);
    return RC_OK;
}
