/*
 * dgroup.c - sentence features and their inverted index; see dgroup.h.
 */
#include "crosscheck/dgroup.h"
#include "cluster/minhash.h"
#include "util/hash.h"
#include "util/mem.h"
#include "util/rc.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { STEM_SEED = 0x5173 };   /* seed of the stem features */

/* Feature of a stem; see dgroup.h. */
uint64_t rc_dgroup_stem_feat(const char *stem)
{
    return rc_hash64(stem, strlen(stem), STEM_SEED);
}

/* Feature of an entity id; see dgroup.h. */
uint64_t rc_dgroup_entity_feat(int entity)
{
    return rc_hash64(&entity, sizeof entity, 0xE17);
}

/* Feature of a quantity value (rounded to 1e-6 so equal readings agree). */
uint64_t rc_dgroup_value_feat(double value)
{
    long long v = llround(value * 1e6);
    return rc_hash64(&v, sizeof v, 0x7A1);
}

typedef struct fpair {
    uint64_t feat;
    size_t sent;
} fpair;

/* The first token in [lo, hi) of d whose end is after off (hi if none):
 * binary search, the tokens' ends ascending. */
static size_t token_end_after(const rc_doc *d, uint32_t off, size_t lo, size_t hi)
{
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->tokens[mid].end <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Index of the first token of d whose end is after off; see dgroup.h. */
size_t rc_dgroup_token_at(const rc_doc *d, uint32_t off)
{
    return token_end_after(d, off, 0, d->ntokens);
}

/* Index of the first token of d whose end is after off; see dgroup.h. */
size_t rc_dgroup_token_in(const rc_doc *d, uint32_t off, size_t lo, size_t hi)
{
    if (hi > d->ntokens || lo > hi || (lo > 0 && d->tokens[lo - 1].end > off) ||
        (hi < d->ntokens && d->tokens[hi].end <= off))
        return rc_dgroup_token_at(d, off);
    return token_end_after(d, off, lo, hi);
}

/* Sentence index of d holding off, or SIZE_MAX. */
static size_t doc_sentence_at(const rc_doc *d, uint32_t off)
{
    size_t lo = 0, hi = d->nsentences;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->sentences[mid].end <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < d->nsentences && d->sentences[lo].start <= off)
        return lo;
    return SIZE_MAX;
}

/* Sentence of doc holding off; see dgroup.h. */
size_t rc_dgroup_sentence_at(const rc_dgroup *g, size_t doc, uint32_t off)
{
    if (doc >= g->a->ndocs || g->first[doc] == SIZE_MAX)
        return SIZE_MAX;
    size_t s = doc_sentence_at(g->a->docs[doc], off);
    return s == SIZE_MAX || s >= g->count[doc] ? SIZE_MAX : g->first[doc] + s;
}

/* qsort comparator on uint64_t. */
static int u64_cmp(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Stable order of v[n] by value into perm (rc_dgroup_stable_order's
 * contract) for mid-sized n: the distinct values found through a hash
 * table and sorted, the positions placed by counting. */
static void order_by_distinct(const uint64_t *v, size_t n, size_t *perm)
{
    size_t cap = 16;
    while (cap < 2 * n)
        cap *= 2;
    uint64_t *hkey = rc_malloc(cap * sizeof *hkey);
    size_t *hid = rc_malloc(cap * sizeof *hid);
    for (size_t i = 0; i < cap; i++)
        hid[i] = SIZE_MAX;
    size_t *vid = rc_malloc((n ? n : 1) * sizeof *vid);   /* distinct id per position */
    uint64_t *dk = rc_malloc((n ? n : 1) * sizeof *dk);   /* distinct values */
    size_t nd = 0;
    for (size_t k = 0; k < n; k++) {
        uint64_t f = v[k];
        size_t j = (size_t)(f ^ (f >> 29)) & (cap - 1);
        while (hid[j] != SIZE_MAX && hkey[j] != f)
            j = (j + 1) & (cap - 1);
        if (hid[j] == SIZE_MAX) {
            hkey[j] = f;
            hid[j] = nd;
            dk[nd++] = f;
        }
        vid[k] = hid[j];
    }
    free(hkey);
    free(hid);
    uint64_t *sorted = rc_malloc((nd ? nd : 1) * sizeof *sorted);
    memcpy(sorted, dk, nd * sizeof *dk);
    if (nd > 1)
        qsort(sorted, nd, sizeof *sorted, u64_cmp);
    /* fill[id]: where the next position of distinct value id goes */
    size_t *cnt = rc_calloc(nd + 1, sizeof *cnt), *fill = rc_malloc((nd ? nd : 1) * sizeof *fill);
    for (size_t k = 0; k < n; k++)
        cnt[vid[k]]++;
    size_t at = 0;
    /* the rank of each distinct value among the sorted ones */
    size_t *rank = rc_malloc((nd ? nd : 1) * sizeof *rank);
    for (size_t id = 0; id < nd; id++) {
        size_t lo = 0, hi = nd;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (sorted[mid] < dk[id])
                lo = mid + 1;
            else
                hi = mid;
        }
        rank[id] = lo;
    }
    size_t *byrank = rc_malloc((nd ? nd : 1) * sizeof *byrank);
    for (size_t id = 0; id < nd; id++)
        byrank[rank[id]] = id;
    for (size_t r = 0; r < nd; r++) {
        fill[byrank[r]] = at;
        at += cnt[byrank[r]];
    }
    for (size_t k = 0; k < n; k++)
        perm[fill[vid[k]]++] = k;
    free(byrank);
    free(rank);
    free(cnt);
    free(fill);
    free(sorted);
    free(dk);
    free(vid);
}

typedef struct vpos {
    uint64_t v;
    size_t pos;
} vpos;

/* qsort comparator on (value, position). */
static int vpos_cmp(const void *x, const void *y)
{
    const vpos *p = x, *q = y;
    if (p->v != q->v)
        return p->v < q->v ? -1 : 1;
    return p->pos < q->pos ? -1 : p->pos > q->pos;
}

/* Sort a[0..n) (n > 0; equal values in increasing pos, which input
 * order follows) by (value, pos), with b[0..n) as room; returns the one
 * of a and b holding the result. LSD radix on the top 33 bits, 11 a pass
 * (passes where every value has the same digit skipped): stable, so runs
 * of equal top bits keep input order; a run whose values differ below
 * (rare: features are hashes) is then sorted by (value, pos). */
static vpos *radix_pairs(vpos *a, vpos *b, size_t n)
{
    enum { RBITS = 11, RSIZE = 1 << RBITS, RPASS = 3, RLOW = 64 - RBITS * RPASS };
    size_t(*cnt)[RSIZE] = rc_calloc(RPASS, sizeof *cnt);
    uint64_t v0 = a[0].v;
    for (size_t i = 0; i < n; i++) {
        uint64_t x = a[i].v;
        for (unsigned p = 0; p < RPASS; p++)
            cnt[p][(x >> (RLOW + p * RBITS)) & (RSIZE - 1)]++;
    }
    for (unsigned p = 0; p < RPASS; p++) {
        unsigned sh = RLOW + p * RBITS;
        if (cnt[p][(v0 >> sh) & (RSIZE - 1)] == n)
            continue;            /* one digit for all: the order stays */
        size_t at = 0;
        for (size_t d = 0; d < RSIZE; d++) {
            size_t c = cnt[p][d];
            cnt[p][d] = at;
            at += c;
        }
        for (size_t i = 0; i < n; i++)
            b[cnt[p][(a[i].v >> sh) & (RSIZE - 1)]++] = a[i];
        vpos *t = a;
        a = b;
        b = t;
    }
    free(cnt);
    for (size_t r0 = 0; r0 < n;) {
        size_t r1 = r0 + 1;
        int mixed = 0;
        while (r1 < n && a[r1].v >> RLOW == a[r0].v >> RLOW) {
            mixed |= a[r1].v != a[r0].v;
            r1++;
        }
        if (mixed)
            qsort(a + r0, r1 - r0, sizeof *a, vpos_cmp);
        r0 = r1;
    }
    return a;
}

/* Stable order of v by value; see dgroup.h. */
void rc_dgroup_stable_order(const uint64_t *v, size_t n, size_t *perm)
{
    if (n <= 32) {
        /* insertion sort of positions: stable (equal values keep order) */
        for (size_t i = 0; i < n; i++) {
            size_t j = i;
            while (j > 0 && v[perm[j - 1]] > v[i]) {
                perm[j] = perm[j - 1];
                j--;
            }
            perm[j] = i;
        }
        return;
    }
    if (n < 2048) {
        order_by_distinct(v, n, perm);
        return;
    }
    vpos *a = rc_malloc(n * sizeof *a), *b = rc_malloc(n * sizeof *b);
    for (size_t i = 0; i < n; i++) {
        a[i].v = v[i];
        a[i].pos = i;
    }
    const vpos *r = radix_pairs(a, b, n);
    for (size_t i = 0; i < n; i++)
        perm[i] = r[i].pos;
    free(b);
    free(a);
}

/* The slot of feature f in g's key table: its own, or the empty one
 * where it goes (the table is never full: see build_index). */
static inline __attribute__((always_inline)) size_t kslot_of(const rc_dgroup *g, uint64_t f)
{
    size_t j = (size_t)((f ^ (f >> 31)) * 0x9E3779B97F4A7C15ull >> 20) & g->kmask;
    while (g->kslot[j] && g->keys[g->kslot[j] - 1] != f)
        j = (j + 1) & g->kmask;
    return j;
}

/* The inverted index of g's features: the distinct features numbered in
 * order of first occurrence (sentence order) through an open-addressing
 * table of at least twice as many slots as features, each one's postings
 * placed by counting in increasing sentence order: the lists a sort of
 * every (feature, sentence) pair gave, without sorting. */
static void build_index(rc_dgroup *g)
{
    size_t nf = g->nfeats, cap = 16;
    while (cap < 2 * nf)
        cap *= 2;
    g->keys = rc_malloc((nf ? nf : 1) * sizeof *g->keys);
    g->off = rc_calloc(nf + 2, sizeof *g->off);
    g->postings = rc_malloc((nf ? nf : 1) * sizeof *g->postings);
    g->kslot = rc_calloc(cap, sizeof *g->kslot);
    g->kmask = cap - 1;
    /* per feature occurrence: its key's number */
    uint32_t *kid = rc_malloc((nf ? nf : 1) * sizeof *kid);
    for (size_t k = 0; k < nf; k++) {
        uint64_t f = g->feats[k];
        size_t j = kslot_of(g, f);
        if (!g->kslot[j]) {
            g->keys[g->nkeys] = f;
            g->kslot[j] = (uint32_t)++g->nkeys;
        }
        kid[k] = g->kslot[j] - 1;
        g->off[kid[k] + 2]++;
    }
    /* off[id + 2] counts; summed, off[id + 1] is where key id's postings
     * start, and is the cursor that places them, ending at off[id + 2]'s
     * start: off[id]..off[id + 1) once placed */
    for (size_t id = 0; id < g->nkeys; id++)
        g->off[id + 2] += g->off[id + 1];
    for (size_t s = 0; s < g->nsents; s++)
        for (size_t k = g->sents[s].feat0; k < g->sents[s].feat0 + g->sents[s].nfeat; k++)
            g->postings[g->off[kid[k] + 1]++] = s;
    free(kid);
}

/* Build the group; see dgroup.h. */
int rc_dgroup_init(rc_dgroup *g, const rc_analysis *a, const size_t *docs, size_t n)
{
    memset(g, 0, sizeof *g);
    g->a = a;
    size_t nd = a->ndocs ? a->ndocs : 1;
    g->first = rc_malloc(nd * sizeof *g->first);
    g->count = rc_calloc(nd, sizeof *g->count);
    for (size_t i = 0; i < a->ndocs; i++)
        g->first[i] = SIZE_MAX;
    size_t total = 0;
    for (size_t k = 0; k < n; k++) {
        size_t i = docs[k];
        if (i >= a->ndocs || g->first[i] != SIZE_MAX)
            continue;
        g->first[i] = total;
        g->count[i] = a->docs[i]->nsentences;
        total += a->docs[i]->nsentences;
    }
    g->sents = rc_calloc(total ? total : 1, sizeof *g->sents);
    g->nsents = total;
    /* the stem feature of every content token, hashed once */
    g->tbase = rc_malloc(nd * sizeof *g->tbase);
    size_t ntok = 0;
    for (size_t i = 0; i < a->ndocs; i++) {
        g->tbase[i] = ntok;
        if (g->first[i] != SIZE_MAX)
            ntok += a->docs[i]->ntokens;
    }
    g->tfeat = rc_malloc((ntok ? ntok : 1) * sizeof *g->tfeat);
    g->ntok = ntok;
    fpair *pr = NULL;
    size_t npr = 0, prcap = 0, fcap = 0;
    for (size_t i = 0; i < a->ndocs; i++) {
        if (g->first[i] == SIZE_MAX)
            continue;
        const rc_doc *d = a->docs[i];
        /* the stem feature of every content token, hashed once; a
         * content token whose feature is 0 (a hash of 0) makes the pairs
         * below ask rc_dgroup_content again */
        uint64_t *tf = g->tfeat + g->tbase[i];
        int zero = 0;
        for (size_t j = 0; j < d->ntokens; j++) {
            const rc_token *t = &d->tokens[j];
            if (!rc_dgroup_content(t))
                tf[j] = 0;
            else if (t->stem == t->norm && d->tokkeys)   /* its length is kept */
                zero |= (tf[j] = rc_hash64(t->stem, d->tokkeys[j].len, STEM_SEED)) == 0;
            else
                zero |= (tf[j] = rc_dgroup_stem_feat(t->stem)) == 0;
        }
        const rc_facts *f = a->facts ? a->facts[i] : NULL;
        size_t base = g->first[i], t = 0;
        for (size_t s = 0; s < d->nsentences; s++) {
            rc_dsent *ds = &g->sents[base + s];
            ds->doc = i;
            ds->sent = (uint32_t)s;
            while (t < d->ntokens && d->tokens[t].sentence < s)
                t++;
            ds->tok0 = (uint32_t)t;
            while (t < d->ntokens && d->tokens[t].sentence == s)
                t++;
            ds->tok1 = (uint32_t)t;
        }
        /* the document's pairs: at most one per token, mention and
         * quantity, room made once */
        size_t most = d->ntokens + (f ? f->nmentions + f->nquantities : 0);
        if (most > prcap) {
            prcap = most > 2 * prcap ? most : 2 * prcap;
            pr = rc_reallocarray(pr, prcap, sizeof *pr);
        }
        npr = 0;
        for (size_t s = 0; s < d->nsentences; s++)
            for (size_t j = g->sents[base + s].tok0; j < g->sents[base + s].tok1; j++)
                if (zero ? rc_dgroup_content(&d->tokens[j]) : tf[j] != 0)
                    pr[npr++] = (fpair){tf[j], base + s};
        if (f) {
            for (size_t m = 0; m < f->nmentions; m++) {
                size_t s = doc_sentence_at(d, f->mentions[m].start);
                if (f->mentions[m].entity >= 0 && s != SIZE_MAX)
                    pr[npr++] = (fpair){rc_dgroup_entity_feat(f->mentions[m].entity), base + s};
            }
            for (size_t q = 0; q < f->nquantities; q++) {
                size_t s = doc_sentence_at(d, f->quantities[q].start);
                if (!f->quantities[q].ordinal && s != SIZE_MAX)
                    pr[npr++] = (fpair){rc_dgroup_value_feat(f->quantities[q].value), base + s};
            }
        }
        /* each sentence's features: placed by counting, then sorted (few
         * per sentence: insertion sort) and made unique */
        if (g->nfeats + npr > fcap || !g->feats) {
            /* grown geometrically (was reallocated for each document) */
            fcap = 2 * fcap > g->nfeats + npr ? 2 * fcap : g->nfeats + npr;
            g->feats = rc_reallocarray(g->feats, fcap ? fcap : 1, sizeof *g->feats);
        }
        for (size_t s = 0; s < d->nsentences; s++)
            g->sents[base + s].nfeat = 0;
        for (size_t j = 0; j < npr; j++)
            g->sents[pr[j].sent].nfeat++;
        size_t at = g->nfeats;
        for (size_t s = 0; s < d->nsentences; s++) {
            g->sents[base + s].feat0 = at;
            at += g->sents[base + s].nfeat;
            g->sents[base + s].nfeat = 0;
        }
        for (size_t j = 0; j < npr; j++) {
            rc_dsent *ds = &g->sents[pr[j].sent];
            g->feats[ds->feat0 + ds->nfeat++] = pr[j].feat;
        }
        for (size_t s = 0; s < d->nsentences; s++) {
            rc_dsent *ds = &g->sents[base + s];
            uint64_t *v = g->feats + ds->feat0;
            size_t m = rc_sort_unique(v, ds->nfeat);
            /* compact: this sentence's features follow the previous one's */
            if (ds->feat0 != g->nfeats)
                memmove(g->feats + g->nfeats, v, m * sizeof *v);
            ds->feat0 = g->nfeats;
            ds->nfeat = m;
            g->nfeats += m;
        }
    }
    free(pr);
    build_index(g);
    g->acc = rc_calloc(total ? total : 1, sizeof *g->acc);
    g->touched = rc_malloc((total ? total : 1) * sizeof *g->touched);
    return RC_OK;
}

/* Release the group; see dgroup.h. */
void rc_dgroup_cleanup(rc_dgroup *g)
{
    free(g->sents);
    free(g->first);
    free(g->count);
    free(g->tbase);
    free(g->tfeat);
    free(g->feats);
    free(g->keys);
    free(g->kslot);
    free(g->off);
    free(g->postings);
    free(g->acc);
    free(g->touched);
    free(g->memo);
    free(g->memofeats);
    free(g->memores);
    memset(g, 0, sizeof *g);
}

/* Index into g->keys of feature f, or g->nkeys when absent. */
static size_t key_index(const rc_dgroup *g, uint64_t f)
{
    uint32_t id = g->kslot[kslot_of(g, f)];
    return id ? id - 1 : g->nkeys;
}

/* Posting list length of a feature; see dgroup.h. */
size_t rc_dgroup_postings(const rc_dgroup *g, uint64_t f)
{
    size_t k = key_index(g, f);
    return k < g->nkeys ? g->off[k + 1] - g->off[k] : 0;
}

/* Shared features of two sentences; see dgroup.h. */
size_t rc_dgroup_shared(const rc_dgroup *g, size_t s1, size_t s2)
{
    const uint64_t *x = g->feats + g->sents[s1].feat0, *y = g->feats + g->sents[s2].feat0;
    size_t nx = g->sents[s1].nfeat, ny = g->sents[s2].nfeat, i = 0, j = 0, c = 0;
    while (i < nx && j < ny) {
        if (x[i] == y[j]) {
            c++;
            i++;
            j++;
        } else if (x[i] < y[j]) {
            i++;
        } else {
            j++;
        }
    }
    return c;
}

/* Sort indices below bound; see dgroup.h. */
void rc_dgroup_sort_index(size_t *v, size_t n, size_t bound)
{
    if (n <= 32) {
        for (size_t i = 1; i < n; i++) {
            size_t x = v[i], j = i;
            while (j > 0 && v[j - 1] > x) {
                v[j] = v[j - 1];
                j--;
            }
            v[j] = x;
        }
        return;
    }
    size_t stack[256];
    size_t *tmp = n <= 256 ? stack : rc_malloc(n * sizeof *tmp), *src = v, *dst = tmp;
    for (unsigned shift = 0; shift < 8 * sizeof(size_t) && (bound - 1) >> shift; shift += 8) {
        size_t cnt[257] = {0};
        for (size_t k = 0; k < n; k++)
            cnt[((src[k] >> shift) & 0xff) + 1]++;
        for (size_t b = 0; b < 256; b++)
            cnt[b + 1] += cnt[b];
        for (size_t k = 0; k < n; k++)
            dst[cnt[(src[k] >> shift) & 0xff]++] = src[k];
        size_t *t = src;
        src = dst;
        dst = t;
    }
    if (src != v)
        memcpy(v, src, n * sizeof *v);
    if (tmp != stack)
        free(tmp);
}

/* Similar sentences of other documents; see dgroup.h. */
size_t rc_dgroup_similar(rc_dgroup *g, size_t s, uint32_t min_shared,
                         rc_dmatch *out, size_t cap)
{
    return rc_dgroup_lookup(g, g->feats + g->sents[s].feat0, g->sents[s].nfeat,
                            g->sents[s].doc, min_shared, out, cap);
}

/* Count into g->acc the sentences of postings[b..e), appending to
 * g->touched[*nt] those met first, skipping sentences x0 .. x0 + xn - 1
 * (xn 0: none). */
static void walk_list(rc_dgroup *g, size_t b, size_t e, size_t x0, size_t xn, size_t *nt)
{
    size_t ntouched = *nt;
    if (!xn) {
        /* no document left out: no sentence to look up */
        for (size_t p = b; p < e; p++) {
            size_t o = g->postings[p];
            if (g->acc[o]++ == 0)
                g->touched[ntouched++] = o;
        }
    } else {
        for (size_t p = b; p < e; p++) {
            size_t o = g->postings[p];
            if (o - x0 < xn)
                continue;
            if (g->acc[o]++ == 0)
                g->touched[ntouched++] = o;
        }
    }
    *nt = ntouched;
}

/* Add postings[b..e) (increasing) to the counts of the sentences already
 * touched, g->touched[0..nt), and of no other: by a binary search per
 * touched sentence when that reads less than the list, else along the
 * list (a sentence not touched has count 0). */
static void verify_list(rc_dgroup *g, size_t b, size_t e, size_t nt)
{
    size_t len = e - b, lg = 1;
    while (((size_t)1 << lg) < len)
        lg++;
    if (nt * lg < len) {
        for (size_t k = 0; k < nt; k++) {
            size_t o = g->touched[k], lo = b, hi = e;
            while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                if (g->postings[mid] < o)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            if (lo < e && g->postings[lo] == o)
                g->acc[o]++;
        }
        return;
    }
    for (size_t p = b; p < e; p++) {
        size_t o = g->postings[p];
        if (g->acc[o])
            g->acc[o]++;
    }
}

/* The sentences of documents other than exclude_doc (SIZE_MAX: none)
 * sharing at least min_shared indexed features with feats[0..nfeats):
 * left sorted in g->touched[0..n) with their counts in g->acc, which the
 * caller clears; returns n. A sentence that passes shares a feature
 * outside any min_shared - 1 of the lists: the longest min_shared - 1
 * (up to VERIFY_MAX) only add to the sentences the others touched. */
static size_t collect(rc_dgroup *g, const uint64_t *feats, size_t nfeats, size_t exclude_doc,
                      uint32_t min_shared)
{
    enum { LISTS_MAX = 64, VERIFY_MAX = 8 };
    size_t ntouched = 0;
    /* the left-out document's sentences are sents[x0 .. x0 + xn) */
    size_t x0 = 0, xn = 0;
    if (exclude_doc != SIZE_MAX && exclude_doc < g->a->ndocs &&
        g->first[exclude_doc] != SIZE_MAX) {
        x0 = g->first[exclude_doc];
        xn = g->count[exclude_doc];
    }
    /* the posting lists counted (at most RC_DGROUP_MAX_POSTINGS long) */
    size_t lb[LISTS_MAX], le[LISTS_MAX], nl = 0, fk = 0;
    for (; fk < nfeats && nl < LISTS_MAX; fk++) {
        size_t lo = key_index(g, feats[fk]);
        if (lo == g->nkeys)
            continue;
        size_t b = g->off[lo], e = g->off[lo + 1];
        if (e - b > RC_DGROUP_MAX_POSTINGS)
            continue;
        lb[nl] = b;
        le[nl++] = e;
    }
    size_t nv = min_shared > 1 ? min_shared - 1 : 0;
    if (nv > VERIFY_MAX)
        nv = VERIFY_MAX;
    if (fk < nfeats || nv >= nl)
        nv = 0;   /* too many lists to keep, or too few to pass: all walked */
    /* the nv longest lists to the end */
    for (size_t v = 0; v < nv; v++) {
        size_t last = nl - 1 - v, m = 0;
        for (size_t i = 1; i <= last; i++)
            if (le[i] - lb[i] > le[m] - lb[m])
                m = i;
        size_t tb = lb[m], te = le[m];
        lb[m] = lb[last];
        le[m] = le[last];
        lb[last] = tb;
        le[last] = te;
    }
    for (size_t i = 0; i < nl - nv; i++)
        walk_list(g, lb[i], le[i], x0, xn, &ntouched);
    for (; fk < nfeats; fk++) {
        size_t lo = key_index(g, feats[fk]);
        if (lo != g->nkeys && g->off[lo + 1] - g->off[lo] <= RC_DGROUP_MAX_POSTINGS)
            walk_list(g, g->off[lo], g->off[lo + 1], x0, xn, &ntouched);
    }
    for (size_t i = nl - nv; i < nl && ntouched; i++)
        verify_list(g, lb[i], le[i], ntouched);
    /* keep the sentences that pass min_shared (clearing the counts of the
     * others), then sort only those: the same result as sorting every
     * touched sentence, without sorting the many that share one feature */
    size_t npass = 0;
    for (size_t k = 0; k < ntouched; k++) {
        size_t o = g->touched[k];
        if (g->acc[o] >= min_shared)
            g->touched[npass++] = o;
        else
            g->acc[o] = 0;
    }
    rc_dgroup_sort_index(g->touched, npass, g->nsents);
    return npass;
}

/* A remembered query: its features memofeats[f0 .. f0+nf), its matches in
 * every document memores[r0 .. r0+nr), cut short when cut. */
typedef struct rc_dlmemo {
    uint64_t key;             /* 0: empty slot */
    uint32_t min_shared;
    int cut;
    size_t f0, nf, r0, nr;
} rc_dlmemo;

/* The memo slot of (key, feats, min_shared): its own, or the empty one
 * where it goes. */
static size_t memo_slot(const rc_dgroup *g, uint64_t key, const uint64_t *feats, size_t nfeats,
                        uint32_t min_shared)
{
    size_t j = (size_t)key & (g->memocap - 1);
    for (;; j = (j + 1) & (g->memocap - 1)) {
        const rc_dlmemo *m = &g->memo[j];
        if (!m->key)
            return j;
        /* no features: nothing to compare (memofeats may still be NULL) */
        if (m->key == key && m->min_shared == min_shared && m->nf == nfeats &&
            (!nfeats || memcmp(g->memofeats + m->f0, feats, nfeats * sizeof *feats) == 0))
            return j;
    }
}

/* Remember the query and the matches g->touched[0..n) (counts in g->acc),
 * unless the group's memo is full. */
static void memo_put(rc_dgroup *g, uint64_t key, const uint64_t *feats, size_t nfeats,
                     uint32_t min_shared, size_t n, size_t keep)
{
    size_t nr = n < keep ? n : keep;
    if (g->nmemores + nr > RC_DGROUP_MEMO_MAX)
        return;
    if (2 * (g->nmemo + 1) > g->memocap) {
        size_t oldcap = g->memocap;
        rc_dlmemo *old = g->memo;
        g->memocap = oldcap ? 2 * oldcap : 256;
        g->memo = rc_calloc(g->memocap, sizeof *g->memo);
        for (size_t i = 0; i < oldcap; i++)
            if (old[i].key) {
                size_t j = (size_t)old[i].key & (g->memocap - 1);
                while (g->memo[j].key)
                    j = (j + 1) & (g->memocap - 1);
                g->memo[j] = old[i];
            }
        free(old);
    }
    size_t j = memo_slot(g, key, feats, nfeats, min_shared);
    if (g->nmemofeats + nfeats > g->memofeatscap) {
        g->memofeatscap = 2 * (g->nmemofeats + nfeats) + 256;
        g->memofeats = rc_reallocarray(g->memofeats, g->memofeatscap, sizeof *g->memofeats);
    }
    if (g->nmemores + nr > g->memorescap) {
        g->memorescap = 2 * (g->nmemores + nr) + 256;
        g->memores = rc_reallocarray(g->memores, g->memorescap, sizeof *g->memores);
    }
    rc_dlmemo *m = &g->memo[j];
    m->key = key;
    m->min_shared = min_shared;
    m->cut = nr < n;
    m->f0 = g->nmemofeats;
    m->nf = nfeats;
    m->r0 = g->nmemores;
    m->nr = nr;
    if (nfeats)
        memcpy(g->memofeats + g->nmemofeats, feats, nfeats * sizeof *feats);
    g->nmemofeats += nfeats;
    for (size_t k = 0; k < nr; k++) {
        g->memores[g->nmemores + k].sent = g->touched[k];
        g->memores[g->nmemores + k].shared = g->acc[g->touched[k]];
    }
    g->nmemores += nr;
    g->nmemo++;
}

/* Sentences sharing features with a set; see dgroup.h. Matches do not
 * depend on exclude_doc but for the sentences it drops: a remembered
 * query's matches in every document, filtered, are the answer. */
size_t rc_dgroup_lookup(rc_dgroup *g, const uint64_t *feats, size_t nfeats,
                        size_t exclude_doc, uint32_t min_shared, rc_dmatch *out, size_t cap)
{
    uint64_t key = rc_hash64(feats, nfeats * sizeof *feats, min_shared) | 1;
    size_t nout = 0;
    if (g->memocap) {
        const rc_dlmemo *m = &g->memo[memo_slot(g, key, feats, nfeats, min_shared)];
        if (m->key) {
            for (size_t k = 0; k < m->nr && nout < cap; k++)
                if (g->sents[g->memores[m->r0 + k].sent].doc != exclude_doc)
                    out[nout++] = g->memores[m->r0 + k];
            if (nout == cap || !m->cut)
                return nout;
            /* the kept matches were cut short: scan */
            size_t npass = collect(g, feats, nfeats, exclude_doc, min_shared);
            nout = 0;
            for (size_t k = 0; k < npass; k++) {
                size_t o = g->touched[k];
                if (nout < cap) {
                    out[nout].sent = o;
                    out[nout].shared = g->acc[o];
                    nout++;
                }
                g->acc[o] = 0;
            }
            return nout;
        }
    }
    size_t npass = collect(g, feats, nfeats, SIZE_MAX, min_shared);
    memo_put(g, key, feats, nfeats, min_shared, npass, cap + RC_DGROUP_MEMO_SLACK);
    for (size_t k = 0; k < npass; k++) {
        size_t o = g->touched[k];
        if (nout < cap && g->sents[o].doc != exclude_doc) {
            out[nout].sent = o;
            out[nout].shared = g->acc[o];
            nout++;
        }
        g->acc[o] = 0;
    }
    return nout;
}

/* Quote of doc containing [start, end); see dgroup.h. */
long rc_dgroup_quote_at(const rc_dgroup *g, size_t doc, uint32_t start, uint32_t end)
{
    const rc_facts *f = g->a->facts ? g->a->facts[doc] : NULL;
    if (!f)
        return -1;
    for (size_t q = 0; q < f->nquotes; q++)
        if (f->quotes[q].start <= start && end <= f->quotes[q].end)
            return (long)q;
    return -1;
}

/* Content stems of a span; see dgroup.h. */
size_t rc_dgroup_span_feats(const rc_doc *d, uint32_t start, uint32_t end,
                            uint64_t *out, size_t cap)
{
    size_t n = 0;
    for (size_t t = rc_dgroup_token_at(d, start); t < d->ntokens && n < cap; t++) {
        if (d->tokens[t].start >= end)
            break;
        if (d->tokens[t].start >= start && rc_dgroup_content(&d->tokens[t]))
            out[n++] = rc_dgroup_stem_feat(d->tokens[t].stem);
    }
    return rc_sort_unique(out, n);
}

/* Stem features of a span of a group document; see dgroup.h. */
size_t rc_dgroup_span_feats_in(const rc_dgroup *g, size_t doc, uint32_t start, uint32_t end,
                               uint64_t *out, size_t cap)
{
    return rc_dgroup_span_feats_from(g, doc, rc_dgroup_token_at(g->a->docs[doc], start), start,
                                     end, out, cap);
}

/* Stem features of a span from its first token; see dgroup.h. */
size_t rc_dgroup_span_feats_from(const rc_dgroup *g, size_t doc, size_t t0, uint32_t start,
                                 uint32_t end, uint64_t *out, size_t cap)
{
    const rc_doc *d = g->a->docs[doc];
    const uint64_t *tf = g->tfeat + g->tbase[doc];
    size_t n = 0;
    for (size_t t = t0; t < d->ntokens && n < cap; t++) {
        if (d->tokens[t].start >= end)
            break;
        if (d->tokens[t].start >= start && rc_dgroup_content(&d->tokens[t]))
            out[n++] = tf[t];
    }
    return rc_sort_unique(out, n);
}
