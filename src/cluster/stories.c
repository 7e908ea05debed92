/*
 * stories.c - event profiles and story linking; see stories.h.
 */
#include "cluster/stories.h"
#include "cluster/minhash.h"
#include "util/mem.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

enum {
    QUERY_KEYS = RC_EVPROFILE_ENTS, /* entity keys (all) and terms (heaviest)
                                       that find stories */
    QUERY_TERMS = 16,
    POSTING_MAX = 64,   /* most recent stories per key */
    CAND_MAX = 64,      /* stories compared per event */
    RETIRE_EVERY = 256, /* events between retirement sweeps */
    EBUCKETS = 256,     /* hash buckets of the entity bound (power of two) */
    TBUCKETS = 2048     /* hash buckets of the term bound (power of two) */
};

/* Default options; see stories.h. */
void rc_stories_opts_default(rc_stories_opts *o)
{
    o->threshold = 0.15;
    o->max_days = 183;
    o->exhaustive = 0;
}

/* qsort order for rc_evweight: hash ascending. */
static int w_by_hash(const void *x, const void *y)
{
    uint64_t a = ((const rc_evweight *)x)->h, b = ((const rc_evweight *)y)->h;
    return a < b ? -1 : a > b;
}

/* qsort order for rc_evweight: weight descending, then hash ascending. */
static int w_by_weight(const void *x, const void *y)
{
    const rc_evweight *a = x, *b = y;
    if (a->w != b->w)
        return a->w > b->w ? -1 : 1;
    return a->h < b->h ? -1 : a->h > b->h;
}

/* Packed language code of l ("" -> 0). */
static uint32_t lang_code(const char *l)
{
    uint32_t v = 0;
    for (size_t i = 0; i < 4 && l[i]; i++)
        v |= (uint32_t)(unsigned char)l[i] << (8 * i);
    return v;
}

/* Add language code l to the set langs[4] (full sets keep their first four). */
static void langs_add(uint32_t *langs, uint32_t l)
{
    if (!l)
        return;
    for (size_t i = 0; i < 4; i++) {
        if (langs[i] == l)
            return;
        if (!langs[i]) {
            langs[i] = l;
            return;
        }
    }
}

/* 1 when the language sets a and b share a language. */
static int langs_meet(const uint32_t *a, const uint32_t *b)
{
    for (size_t i = 0; i < 4 && a[i]; i++)
        for (size_t j = 0; j < 4 && b[j]; j++)
            if (a[i] == b[j])
                return 1;
    return 0;
}

typedef struct keyed {
    uint64_t h;
    float share, w;
} keyed;

/* qsort order for keyed: share descending, weight descending, hash ascending. */
static int keyed_cmp(const void *x, const void *y)
{
    const keyed *a = x, *b = y;
    if (a->share != b->share)
        return a->share > b->share ? -1 : 1;
    if (a->w != b->w)
        return a->w > b->w ? -1 : 1;
    return a->h < b->h ? -1 : a->h > b->h;
}

/* The profile vector of one kind (ents when which is 0, else terms) of the
 * members m[0..n): share x idf, the cap heaviest. */
static uint32_t profile_part(rc_evweight **out, const rc_evfeat *const *m, size_t n, int which,
                             rc_idf_fn idf, const void *ctx, size_t cap)
{
    size_t tot = 0;
    for (size_t k = 0; k < n; k++)
        tot += which ? m[k]->nterms : m[k]->nents;
    rc_evweight *v = rc_reallocarray(NULL, tot + 1, sizeof *v);
    uint64_t *hs = rc_reallocarray(NULL, tot + 1, sizeof *hs);
    size_t nv = 0;
    float share = n ? (float)(1.0 / (double)n) : 0.0f;
    for (size_t k = 0; k < n; k++) {
        const rc_evweight *src = which ? m[k]->terms : m[k]->ents;
        uint32_t ns = which ? m[k]->nterms : m[k]->nents;
        for (uint32_t i = 0; i < ns; i++)
            hs[nv++] = src[i].h;
    }
    /* shares summed per key first (share added once per member naming
     * it, in float, as a sort of (hash, share) pairs then a sum would),
     * then scaled by the key's rarity */
    rc_sort_u64(hs, nv);
    size_t k = 0;
    for (size_t i = 0; i < nv; i++) {
        if (k && v[k - 1].h == hs[i])
            v[k - 1].w += share;
        else
            v[k++] = (rc_evweight){hs[i], share};
    }
    free(hs);
    /* the cap keys in most of the members (ties: rarer, then smaller hash)
     * are kept: a key every report names is what another event of the
     * story shares, while keeping the rarest would keep what is unique to
     * this event */
    keyed *kv = rc_reallocarray(NULL, k + 1, sizeof *kv);
    size_t z = 0;
    for (size_t i = 0; i < k; i++) {
        double w = (double)v[i].w * idf(ctx, v[i].h);
        if (w > 0.0)
            kv[z++] = (keyed){v[i].h, v[i].w, (float)w};
    }
    if (z > cap) {
        qsort(kv, z, sizeof *kv, keyed_cmp);
        z = cap;
    }
    for (size_t i = 0; i < z; i++)
        v[i] = (rc_evweight){kv[i].h, kv[i].w};
    free(kv);
    qsort(v, z, sizeof *v, w_by_hash);
    *out = v;
    return (uint32_t)z;
}

/* Profile of an event; see stories.h. */
void rc_evprofile_build(rc_evprofile *p, const rc_evfeat *const *m, size_t n, rc_idf_fn idf,
                        const void *ctx)
{
    memset(p, 0, sizeof *p);
    p->nents = profile_part(&p->ents, m, n, 0, idf, ctx, RC_EVPROFILE_ENTS);
    p->nterms = profile_part(&p->terms, m, n, 1, idf, ctx, RC_EVPROFILE_TERMS);
    for (size_t k = 0; k < n; k++)
        langs_add(p->langs, lang_code(m[k]->lang));
}

/* Release; see stories.h. */
void rc_evprofile_cleanup(rc_evprofile *p)
{
    if (!p)
        return;
    free(p->ents);
    free(p->terms);
    p->ents = p->terms = NULL;
    p->nents = p->nterms = 0;
}

/* Euclidean norm of v[n]. */
static double w_norm(const rc_evweight *v, uint32_t n)
{
    double s = 0.0;
    for (uint32_t i = 0; i < n; i++)
        s += (double)v[i].w * v[i].w;
    return sqrt(s);
}

/* Dot product of the hash-sorted vectors s[ns] and l[nl], the products
 * added in ascending hash order: each key of s (the shorter) is sought by
 * a forward scan of l, a loop whose branch the processor predicts (a
 * merge stepping both sides waits on every comparison). */
static double w_dot(const rc_evweight *s, uint32_t ns, const rc_evweight *l, uint32_t nl)
{
    double dot = 0.0;
    uint32_t j = 0;
    for (uint32_t i = 0; i < ns && j < nl; i++) {
        uint64_t x = s[i].h;
        /* eight keys of l at a time while the eighth is still below x */
        while (j + 8 <= nl && l[j + 7].h < x)
            j += 8;
        while (j < nl && l[j].h < x)
            j++;
        if (j < nl && l[j].h == x)
            dot += (double)s[i].w * l[j++].w;
    }
    return dot;
}

/* Cosine of two hash-sorted vectors with their norms. */
static double w_cos(const rc_evweight *a, uint32_t na, double norma, const rc_evweight *b,
                    uint32_t nb, double normb)
{
    if (norma <= 0.0 || normb <= 0.0)
        return 0.0;
    double dot = na <= nb ? w_dot(a, na, b, nb) : w_dot(b, nb, a, na);
    double c = dot / (norma * normb);
    return c > 1.0 ? 1.0 : c;
}

/* The similarity rule of stories.h with the norms given. */
static double sim_norms(const rc_evprofile *a, double ea, double ta, const rc_evprofile *b,
                        double eb, double tb)
{
    double ce = w_cos(a->ents, a->nents, ea, b->ents, b->nents, eb);
    if (!langs_meet(a->langs, b->langs))
        return ce;
    double ct = w_cos(a->terms, a->nterms, ta, b->terms, b->nterms, tb);
    return 0.5 * ce + 0.5 * ct;
}

/* Similarity; see stories.h. */
double rc_evprofile_similarity(const rc_evprofile *a, const rc_evprofile *b)
{
    return sim_norms(a, w_norm(a->ents, a->nents), w_norm(a->terms, a->nterms), b,
                     w_norm(b->ents, b->nents), w_norm(b->terms, b->nterms));
}

/* ---- linking ------------------------------------------------------------ */

typedef struct story {
    rc_evprofile p;            /* accumulated profile (has_day/day: latest dated event) */
    double enorm, tnorm;
    uint16_t *bnorm;           /* EBUCKETS + TBUCKETS bucket norms (story_norms) */
    size_t first;              /* smallest event index */
    int retired;               /* profile freed: too old to take events */
} story;

/* Bucket (of nb, a power of two) of key h. */
static uint32_t bucket_of(uint64_t h, uint32_t nb)
{
    return (uint32_t)((h * 0x9E3779B97F4A7C15ull) >> 40) & (nb - 1);
}

/* The dot product of two vectors is the sum over hash buckets of their dot
 * products restricted to the bucket, each at most the product of the two
 * restricted Euclidean norms (Cauchy-Schwarz): sum_k na[k] x nb[k] bounds
 * it from above, at the cost of one product per bucket the event's keys
 * fall in instead of a merge of both vectors. */

/* The bucket norms of v[n] over nb buckets, non-empty ones only: their
 * buckets into b[], their norms into val[]; returns how many (<= n). acc
 * holds nb doubles, all 0 on entry and on return. */
static size_t bucket_norms(const rc_evweight *v, uint32_t n, uint32_t nb, double *acc,
                           uint16_t *b, double *val)
{
    size_t m = 0;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t k = bucket_of(v[i].h, nb);
        if (acc[k] == 0.0)
            b[m++] = (uint16_t)k;
        acc[k] += (double)v[i].w * v[i].w;
    }
    for (size_t i = 0; i < m; i++) {
        val[i] = sqrt(acc[b[i]]);
        acc[b[i]] = 0.0;
    }
    return m;
}

/* x rounded up to a bfloat16 (the high half of its float bits): 16 bits
 * for a story's bucket norm (the bound reads one per key of the event for
 * every candidate story: half the memory, twice as many stories in
 * cache), never below x, at most 1/128 above. x >= 0, finite. */
static uint16_t bf16_up(double x)
{
    float f = (float)x;
    uint32_t u;
    memcpy(&u, &f, sizeof u);
    if ((double)f < x)
        u++;                   /* nextafterf(f, INFINITY): f >= 0, finite */
    return (uint16_t)((u >> 16) + ((u & 0xffffu) != 0));
}

/* The float of bfloat16 bits v. */
static float bf16_get(uint16_t v)
{
    uint32_t u = (uint32_t)v << 16;
    float f;
    memcpy(&f, &u, sizeof f);
    return f;
}

/* A story's bucket norms out[nb] (bfloat16, rounded up) of v[n], and the
 * Euclidean norm of v (w_norm's value: the same sum in the same order) as
 * the result, in one pass over v; acc as for bucket_norms, b holds n. */
static double story_norms(const rc_evweight *v, uint32_t n, uint32_t nb, double *acc,
                          uint16_t *b, uint16_t *out)
{
    memset(out, 0, nb * sizeof *out);
    double s = 0.0;
    size_t m = 0;
    for (uint32_t i = 0; i < n; i++) {
        double q = (double)v[i].w * v[i].w;
        uint32_t k = bucket_of(v[i].h, nb);
        s += q;
        if (acc[k] == 0.0)
            b[m++] = (uint16_t)k;
        acc[k] += q;
    }
    for (size_t i = 0; i < m; i++) {
        uint16_t q = bf16_up(sqrt(acc[b[i]]));  /* the larger if a bucket came twice */
        acc[b[i]] = 0.0;
        if (q > out[b[i]])
            out[b[i]] = q;
    }
    return sqrt(s);
}

enum {
    /* a story's bucket norms: EBUCKETS + TBUCKETS uint16, in cache lines
     * of 64 bytes (the array is aligned to one) */
    BNORM_BYTES = (EBUCKETS + TBUCKETS) * 2,
    BNORM_LINES = BNORM_BYTES / 64    /* 72: a multiple of 8 */
};
_Static_assert(BNORM_LINES % 8 == 0, "link_core prefetches eight lines a step");

/* An event's bucket norms, only the non-empty buckets (at most one per key). */
typedef struct sparse_norms {
    uint16_t b[RC_EVPROFILE_ENTS + RC_EVPROFILE_TERMS];
    double v[RC_EVPROFILE_ENTS + RC_EVPROFILE_TERMS];
    float vf[RC_EVPROFILE_ENTS + RC_EVPROFILE_TERMS]; /* v as floats, rounded up */
    size_t ne, nt;             /* entity buckets first, then term buckets */
    uint8_t line[BNORM_LINES]; /* the cache lines of a story's bucket norms
                                  these buckets fall in, ascending */
    size_t nline;
} sparse_norms;

/* Fill *sn with the non-empty bucket norms of p's entities and terms and
 * the lines of a story's norms they read; acc as for bucket_norms. */
static void sparse_fill(sparse_norms *sn, const rc_evprofile *p, double *acc)
{
    sn->ne = bucket_norms(p->ents, p->nents, EBUCKETS, acc, sn->b, sn->v);
    sn->nt = bucket_norms(p->terms, p->nterms, TBUCKETS, acc, sn->b + sn->ne, sn->v + sn->ne);
    unsigned char used[BNORM_LINES] = {0};
    for (size_t i = 0; i < sn->ne + sn->nt; i++) {
        float f = (float)sn->v[i];
        if ((double)f < sn->v[i])
            f = nextafterf(f, INFINITY);
        sn->vf[i] = f;
    }
    for (size_t i = 0; i < sn->ne + sn->nt; i++)
        used[((i < sn->ne ? 0u : (unsigned)EBUCKETS) + sn->b[i]) * 2 / 64] = 1;
    sn->nline = 0;
    for (size_t k = 0; k < BNORM_LINES; k++)
        if (used[k])
            sn->line[sn->nline++] = (uint8_t)k;
}

/* An upper bound of sum_i v[i] x tab[b[i]] (bfloat16 values) for i < n,
 * v >= 0: the products and four partial sums in float, one instruction
 * less per key than in double (no conversion). The sum of n <= 320
 * non-negative float terms and their products are each at most
 * (n + 3) x 2^-24 (< 2^-15) below the exact sum: the result is raised by
 * 2^-12 (relative) and 1e-30 (underflow) to stay above it; the caller's
 * margin covers its own division. */
static double bound_dot(const float *v, const uint16_t *b, size_t n, const uint16_t *tab)
{
    float d0 = 0.0f, d1 = 0.0f, d2 = 0.0f, d3 = 0.0f;
    size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        d0 += v[i] * bf16_get(tab[b[i]]);
        d1 += v[i + 1] * bf16_get(tab[b[i + 1]]);
        d2 += v[i + 2] * bf16_get(tab[b[i + 2]]);
        d3 += v[i + 3] * bf16_get(tab[b[i + 3]]);
    }
    for (; i < n; i++)
        d0 += v[i] * bf16_get(tab[b[i]]);
    return ((double)d0 + d1 + d2 + d3) * (1.0 + 0x1p-12) + 1e-30;
}

/* Upper bound of the similarity (sim_norms) of the event with sparse
 * bucket norms sn and norms ea, ta against story s; *ctb receives the
 * bound of the term cosine alone (0 when the languages do not meet). */
static double sim_bound(const rc_evprofile *a, const sparse_norms *sn, double ea, double ta,
                        const story *s, double *ctb)
{
    double ce = 0.0, ct = 0.0;
    *ctb = 0.0;
    if (ea > 0.0 && s->enorm > 0.0) {
        ce = bound_dot(sn->vf, sn->b, sn->ne, s->bnorm) / (ea * s->enorm);
        ce = ce > 1.0 ? 1.0 : ce;
    }
    if (!langs_meet(a->langs, s->p.langs))
        return ce;
    if (ta > 0.0 && s->tnorm > 0.0) {
        ct = bound_dot(sn->vf + sn->ne, sn->b + sn->ne, sn->nt, s->bnorm + EBUCKETS) /
             (ta * s->tnorm);
        ct = ct > 1.0 ? 1.0 : ct;
    }
    *ctb = ct;
    return 0.5 * ce + 0.5 * ct;
}

typedef struct scored {
    double ub;                 /* upper bound of the similarity */
    double ctb;                /* upper bound of its term cosine */
    uint32_t s;                /* story */
} scored;

/* Order of scored: bound descending, then story ascending. */
static int scored_cmp(const void *x, const void *y)
{
    const scored *a = x, *b = y;
    if (a->ub != b->ub)
        return a->ub > b->ub ? -1 : 1;
    return a->s < b->s ? -1 : a->s > b->s;
}

typedef struct plist {
    uint32_t v[POSTING_MAX];
    uint32_t n;
} plist;

typedef struct pindex {
    uint64_t *k;               /* open addressing; 0 stored as 1 */
    uint32_t *slot;            /* 1 + index into lists */
    size_t cap, n;
    plist *lists;
    size_t nlists, clists;
} pindex;

/* Slot of h in x (found or empty); x->cap > 0. */
static size_t pindex_slot(const pindex *x, uint64_t h)
{
    size_t i = (size_t)(h ^ (h >> 31)) & (x->cap - 1);
    while (x->k[i] && x->k[i] != h)
        i = (i + 1) & (x->cap - 1);
    return i;
}

/* The posting list of h, NULL when absent (create: made empty). */
static plist *pindex_get(pindex *x, uint64_t h, int create)
{
    if (!h)
        h = 1;
    if (create && (x->n + 1) * 4 >= x->cap * 3) {
        pindex old = *x;
        x->cap = old.cap ? old.cap * 2 : 256;
        x->k = rc_calloc(x->cap, sizeof *x->k);
        x->slot = rc_calloc(x->cap, sizeof *x->slot);
        for (size_t i = 0; i < old.cap; i++)
            if (old.k[i]) {
                size_t s = pindex_slot(x, old.k[i]);
                x->k[s] = old.k[i];
                x->slot[s] = old.slot[i];
            }
        free(old.k);
        free(old.slot);
    }
    if (!x->cap)
        return NULL;
    size_t s = pindex_slot(x, h);
    if (!x->k[s]) {
        if (!create)
            return NULL;
        if (x->nlists == x->clists) {
            x->clists = x->clists ? x->clists * 2 : 256;
            x->lists = rc_reallocarray(x->lists, x->clists, sizeof *x->lists);
        }
        x->lists[x->nlists].n = 0;
        x->k[s] = h;
        x->slot[s] = (uint32_t)++x->nlists;
        x->n++;
    }
    return &x->lists[x->slot[s] - 1];
}

/* Record story sid under key h (most recent last; the oldest drop out). */
static void pindex_add(pindex *x, uint64_t h, uint32_t sid)
{
    plist *l = pindex_get(x, h, 1);
    if (l->n && l->v[l->n - 1] == sid)
        return;                /* already the most recent */
    for (uint32_t i = 0; i < l->n; i++)
        if (l->v[i] == sid) {
            memmove(l->v + i, l->v + i + 1, (l->n - i - 1) * sizeof *l->v);
            l->n--;
            break;
        }
    if (l->n == POSTING_MAX) {
        memmove(l->v, l->v + 1, (POSTING_MAX - 1) * sizeof *l->v);
        l->n--;
    }
    l->v[l->n++] = sid;
}

/* The up to max (<= QUERY_KEYS) heaviest hashes of v[n] into out, heaviest
 * first; returns how many. An insertion into the max heaviest so far (the
 * order is total: the first max of a longer list are the same). */
static size_t heaviest(const rc_evweight *v, uint32_t n, size_t max, uint64_t *out)
{
    rc_evweight top[QUERY_KEYS];
    size_t nt = 0;
    if (max > QUERY_KEYS)
        max = QUERY_KEYS;
    if (!max)
        return 0;
    for (uint32_t i = 0; i < n; i++) {
        size_t k = nt < max ? nt++ : max;
        if (k == max) {
            if (w_by_weight(&v[i], &top[max - 1]) >= 0)
                continue;
            k = max - 1;
        }
        while (k > 0 && w_by_weight(&v[i], &top[k - 1]) < 0) {
            top[k] = top[k - 1];
            k--;
        }
        top[k] = v[i];
    }
    for (size_t k = 0; k < nt; k++)
        out[k] = top[k].h;
    return nt;
}

/* Rank-k value (0-based) of t[0..n) in descending order (k < n; no NaN);
 * t is reordered. Quickselect, median of three. */
static float select_wrank(float *t, size_t n, size_t k)
{
    size_t lo = 0, hi = n - 1;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        float x;
        if (t[mid] > t[lo]) {
            x = t[mid]; t[mid] = t[lo]; t[lo] = x;
        }
        if (t[hi] > t[lo]) {
            x = t[hi]; t[hi] = t[lo]; t[lo] = x;
        }
        if (t[hi] > t[mid]) {
            x = t[hi]; t[hi] = t[mid]; t[mid] = x;
        }
        float pv = t[mid];
        size_t i = lo, j = hi;
        while (i <= j) {
            while (t[i] > pv)
                i++;
            while (t[j] < pv)
                j--;
            if (i <= j) {
                x = t[i]; t[i] = t[j]; t[j] = x;
                i++;
                if (j == 0)
                    break;
                j--;
            }
        }
        if (k <= j)
            hi = j;
        else if (k >= i)
            lo = i;
        else
            return t[k];
    }
    return t[k];
}

/* Add the weights of b (hash-sorted, unique) into the accumulated vector
 * (*a, *na: hash-sorted, unique), keeping the cap heaviest (ties: smaller
 * hash), hash-sorted: a merge, then a linear-time selection when over
 * cap (> 0: RC_STORY_ENTS or RC_STORY_TERMS). */
static void accumulate(rc_evweight **a, uint32_t *na, const rc_evweight *b, uint32_t nb, size_t cap)
{
    const rc_evweight *x = *a;
    size_t n = *na, i = 0, j = 0, k = 0;
    rc_evweight *v = rc_reallocarray(NULL, n + nb + 1, sizeof *v);
    while (i < n && j < nb) {
        if (x[i].h < b[j].h)
            v[k++] = x[i++];
        else if (x[i].h > b[j].h)
            v[k++] = b[j++];
        else {
            v[k] = x[i++];
            v[k++].w += b[j++].w;
        }
    }
    while (i < n)
        v[k++] = x[i++];
    while (j < nb)
        v[k++] = b[j++];
    if (k > cap) {
        /* the cap-th largest weight wl by a selection over the weights
         * alone (4 bytes each, float comparisons); the keys above wl are
         * kept, and of those at wl the smallest hashes up to cap: the
         * cap first of w_by_weight's order */
        float *t = rc_reallocarray(NULL, k, sizeof *t);
        for (size_t q = 0; q < k; q++)
            t[q] = v[q].w;
        float wl = select_wrank(t, k, cap - 1);
        free(t);
        /* the keys at or above wl, then (ties at wl, rare) the largest
         * hashes among those at wl dropped until cap are left */
        size_t z = 0, at = 0;
        for (size_t q = 0; q < k; q++)
            if (v[q].w >= wl) {
                at += v[q].w == wl;
                v[z++] = v[q];
            }
        if (z > cap) {
            size_t want = at - (z - cap);  /* 1 <= want < at */
            uint64_t *hs = rc_reallocarray(NULL, at, sizeof *hs);
            size_t nh = 0;
            for (size_t q = 0; q < z; q++)
                if (v[q].w == wl)
                    hs[nh++] = v[q].h;
            rc_sort_u64(hs, nh);
            uint64_t hcut = hs[want - 1];
            free(hs);
            size_t y = 0;
            for (size_t q = 0; q < z; q++)
                if (v[q].w > wl || v[q].h <= hcut)
                    v[y++] = v[q];
            z = y;
        }
        k = z;
    }
    free(*a);
    *a = v;
    *na = (uint32_t)k;
}

typedef struct order_item {
    int dated;
    int32_t day;
    size_t i;
} order_item;

/* qsort order: dated first, by day, then by index. */
static int order_cmp(const void *x, const void *y)
{
    const order_item *a = x, *b = y;
    if (a->dated != b->dated)
        return a->dated ? -1 : 1;
    if (a->dated && a->day != b->day)
        return a->day < b->day ? -1 : 1;
    return a->i < b->i ? -1 : a->i > b->i;
}

/* qsort order for story pointers: first event ascending. */
static int story_first_cmp(const void *x, const void *y)
{
    const story *a = *(const story *const *)x, *b = *(const story *const *)y;
    return a->first < b->first ? -1 : a->first > b->first;
}

/* The link of rc_stories_link and rc_stories_link_fed: the events' order
 * from feed's days when feed is not NULL (each ev[x] read only after
 * feed->wait(x) returned 0), else from the profiles. Returns the number of
 * stories, or SIZE_MAX when feed->wait asked to stop (out then partial). */
static size_t link_core(const rc_evprofile *ev, size_t n, const rc_stories_opts *o,
                        const rc_stories_feed *feed, size_t *out)
{
    rc_stories_opts def;
    if (!o) {
        rc_stories_opts_default(&def);
        o = &def;
    }
    order_item *ord = rc_reallocarray(NULL, n + 1, sizeof *ord);
    for (size_t i = 0; i < n; i++) {
        int dated = feed ? feed->dated[i] != 0 : ev[i].has_day;
        int32_t day = feed ? feed->day[i] : ev[i].day;
        ord[i] = (order_item){dated, dated ? day : 0, i};
    }
    qsort(ord, n, sizeof *ord, order_cmp);
    int stopped = 0;

    story *st = NULL;
    size_t nst = 0, cst = 0;
    uint32_t *stamp = NULL;    /* per story: last event that looked at it, + 1 */
    pindex idx = {0};
    uint32_t *live = NULL;     /* stories not retired */
    size_t nlive = 0;
    sparse_norms sn;
    double *acc = rc_calloc(TBUCKETS, sizeof *acc);    /* bucket_norms' scratch */
    uint16_t *bb = rc_reallocarray(NULL, RC_STORY_TERMS, sizeof *bb);
    for (size_t q = 0; q < n; q++) {
        size_t x = ord[q].i;
        if (feed && feed->wait(feed->ud, x) != 0) {
            stopped = 1;
            break;
        }
        const rc_evprofile *p = &ev[x];
        if (q % RETIRE_EVERY == 0 && p->has_day) {
            /* events come in date order: a story whose latest event is more
             * than max_days before this one can take no more */
            size_t k = 0;
            for (size_t i = 0; i < nlive; i++) {
                story *s = &st[live[i]];
                if (s->p.has_day && s->p.day + o->max_days < p->day) {
                    rc_evprofile_cleanup(&s->p);
                    free(s->bnorm);
                    s->bnorm = NULL;
                    s->retired = 1;
                } else {
                    live[k++] = live[i];
                }
            }
            nlive = k;
        }
        uint64_t keys[QUERY_KEYS + QUERY_TERMS];
        size_t nk = heaviest(p->ents, p->nents, QUERY_KEYS, keys);
        nk += heaviest(p->terms, p->nterms, QUERY_TERMS, keys + nk);
        uint32_t cand[CAND_MAX];
        size_t nc = 0;
        for (size_t k = 0; k < nk && nc < CAND_MAX; k++) {
            plist *l = pindex_get(&idx, keys[k], 0);
            for (uint32_t j = l ? l->n : 0; j-- > 0 && nc < CAND_MAX;) {
                uint32_t s = l->v[j];
                if (stamp[s] == q + 1 || st[s].retired)
                    continue;
                stamp[s] = (uint32_t)(q + 1);
                cand[nc++] = s;
            }
        }
        double en = w_norm(p->ents, p->nents), tn = w_norm(p->terms, p->nterms);
        long best = -1;
        double best_s = 0.0;
        /* the candidates by their bound, highest first: once the bound
         * falls below the threshold and the best similarity so far (with
         * a margin far above rounding), no later candidate can be taken,
         * so the choice is that of scoring them all */
        sparse_fill(&sn, p, acc);
        int all_lines = sn.nline * 4 >= BNORM_LINES * 3;
        scored sc[CAND_MAX];
        size_t ns = 0;
        for (size_t k = 0; k < nc; k++) {
            const story *s = &st[cand[k]];
            if (k + 1 < nc) {
                /* the lines of the next candidate's bucket norms that the
                 * bound reads, on their way to cache */
                const char *nx = (const char *)st[cand[k + 1]].bnorm;
                if (nx && all_lines) {
                    /* most lines: all of them, eight a step */
                    for (size_t j = 0; j < BNORM_LINES * 64; j += 8 * 64) {
                        __builtin_prefetch(nx + j);
                        __builtin_prefetch(nx + j + 64);
                        __builtin_prefetch(nx + j + 128);
                        __builtin_prefetch(nx + j + 192);
                        __builtin_prefetch(nx + j + 256);
                        __builtin_prefetch(nx + j + 320);
                        __builtin_prefetch(nx + j + 384);
                        __builtin_prefetch(nx + j + 448);
                    }
                } else if (nx) {
                    for (size_t j = 0; j < sn.nline; j++)
                        __builtin_prefetch(nx + (size_t)sn.line[j] * 64);
                }
            }
            if (p->has_day && s->p.has_day) {
                int32_t gap = p->day > s->p.day ? p->day - s->p.day : s->p.day - p->day;
                if (gap > o->max_days)
                    continue;
            }
            double ctb;
            double ub = sim_bound(p, &sn, en, tn, s, &ctb);
            sc[ns++] = (scored){ub, ctb, cand[k]};
        }
        for (size_t k = 1; k < ns; k++) {  /* insertion sort: ns <= 64 */
            scored t = sc[k];
            size_t j = k;
            for (; j > 0 && scored_cmp(&t, &sc[j - 1]) < 0; j--)
                sc[j] = sc[j - 1];
            sc[j] = t;
        }
        for (size_t k = 0; k < ns; k++) {
            double cut = best_s > o->threshold ? best_s : o->threshold;
            if (!o->exhaustive && sc[k].ub * (1.0 + 1e-6) + 1e-12 < cut)
                break;
            const story *s = &st[sc[k].s];
            /* sim_norms in two steps: the entity cosine exact, then the
             * term cosine only when the exact entity half plus the
             * bound of the term half can still reach the cut (the merge
             * over up to 256 and 1,024 terms is the larger) */
            double sim = w_cos(p->ents, p->nents, en, s->p.ents, s->p.nents, s->enorm);
            if (langs_meet(p->langs, s->p.langs)) {
                if (!o->exhaustive && (0.5 * sim + 0.5 * sc[k].ctb) * (1.0 + 1e-6) + 1e-12 < cut)
                    continue;
                double ct = w_cos(p->terms, p->nterms, tn, s->p.terms, s->p.nterms, s->tnorm);
                sim = 0.5 * sim + 0.5 * ct;
            }
            if (sim < o->threshold)
                continue;
            if (sim > best_s || (sim == best_s && sc[k].s < (uint32_t)best)) {
                best_s = sim;
                best = sc[k].s;
            }
        }
        if (best < 0) {
            if (nst == cst) {
                cst = cst ? cst * 2 : 64;
                st = rc_reallocarray(st, cst, sizeof *st);
                stamp = rc_reallocarray(stamp, cst, sizeof *stamp);
                live = rc_reallocarray(live, cst, sizeof *live);
            }
            live[nlive++] = (uint32_t)nst;
            memset(&st[nst], 0, sizeof st[nst]);
            st[nst].first = x;
            stamp[nst] = 0;
            best = (long)nst++;
        }
        story *s = &st[best];
        accumulate(&s->p.ents, &s->p.nents, p->ents, p->nents, RC_STORY_ENTS);
        accumulate(&s->p.terms, &s->p.nterms, p->terms, p->nterms, RC_STORY_TERMS);
        if (!s->bnorm)
            s->bnorm = rc_aligned_alloc(64, BNORM_BYTES);
        s->enorm = story_norms(s->p.ents, s->p.nents, EBUCKETS, acc, bb, s->bnorm);
        s->tnorm = story_norms(s->p.terms, s->p.nterms, TBUCKETS, acc, bb, s->bnorm + EBUCKETS);
        for (size_t i = 0; i < 4; i++)
            langs_add(s->p.langs, p->langs[i]);
        if (p->has_day && (!s->p.has_day || p->day > s->p.day)) {
            s->p.has_day = 1;
            s->p.day = p->day;
        }
        if (x < s->first)
            s->first = x;
        for (size_t k = 0; k < nk; k++)
            pindex_add(&idx, keys[k], (uint32_t)best);
        out[x] = (size_t)best;
    }
    /* renumber in order of first event */
    story **byfirst = NULL;
    size_t *num = NULL;
    if (!stopped) {
        byfirst = rc_reallocarray(NULL, nst + 1, sizeof *byfirst);
        for (size_t s = 0; s < nst; s++)
            byfirst[s] = &st[s];
        qsort(byfirst, nst, sizeof *byfirst, story_first_cmp);
        num = rc_reallocarray(NULL, nst + 1, sizeof *num);
        for (size_t r = 0; r < nst; r++)
            num[byfirst[r] - st] = r;
        for (size_t x = 0; x < n; x++)
            out[x] = num[out[x]];
    }
    for (size_t s = 0; s < nst; s++) {
        rc_evprofile_cleanup(&st[s].p);
        free(st[s].bnorm);
    }
    free(num);
    free(byfirst);
    free(st);
    free(stamp);
    free(live);
    free(ord);
    free(idx.k);
    free(idx.slot);
    free(idx.lists);
    free(acc);
    free(bb);
    return stopped ? SIZE_MAX : nst;
}

/* Link; see stories.h. */
size_t rc_stories_link(const rc_evprofile *ev, size_t n, const rc_stories_opts *o, size_t *out)
{
    return link_core(ev, n, o, NULL, out);
}

/* Link as profiles arrive; see stories.h. */
size_t rc_stories_link_fed(const rc_evprofile *ev, size_t n, const rc_stories_opts *o,
                           const rc_stories_feed *feed, size_t *out)
{
    return link_core(ev, n, o, feed, out);
}
