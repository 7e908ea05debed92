/*
 * align.c - claim groups across documents; see align.h.
 */
#include "crosscheck/align.h"
#include "cluster/minhash.h"
#include "crosscheck/origin.h"
#include "crosscheck/polarity.h"
#include "meta/fold.h"
#include "text/textmodel.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/hash.h"
#include "util/mem.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    ALIGN_POSTINGS_CAP = 48,   /* a feature held by more sentences is not a candidate key */
    ALIGN_COMMON_VISIT = 16,   /* postings a unit visits of a feature past the cap */
    ALIGN_CAND_CAP = 24,       /* candidates scored exactly per unit */
    ALIGN_SENT_CAP = 400,      /* sentences read per document */
    ALIGN_FEAT_CAP = 96,       /* features per sentence */
    ALIGN_LINK_SAMPLE = 16,    /* members per side in the average-link test */
    LINK_BOUND_AFTER = 8,      /* pairs summed before link_bound is tried */
    ALIGN_CLAUSE_MAX = 6,      /* clauses per sentence */
    ALIGN_CLAUSE_MIN = 3,      /* features a clause needs to be compared alone */
    ALIGN_COGNATE_LEN = 6      /* letters of a cognate prefix */
};

/* Thresholds (cosine of weighted binary vectors): an edge between two
 * sentences; a lower bar when both state the same amount (the amount is
 * already strong evidence); the mean similarity two groups need to merge;
 * the similarity of the rest of two sentences whose amounts disagree. */
#define T_EDGE 0.30
#define T_EDGE_WIDE 0.20        /* with three shared features or more */
#define T_EDGE_PAIR 0.14        /* ... one of them a word only these two use */
#define T_EDGE_SAME_AMOUNT 0.16
#define T_LINK 0.20
#define T_CONFLICT 0.45
/* across languages (language-independent features only): the cosine and
 * the shared features an edge needs */
#define T_EDGE_XLANG 0.30
#define XLANG_SHARED 3

/* Kinds (3 bits). Words are compared within one language; cognates
 * (accent-free word prefixes) and context amounts (every amount of the
 * sentence, by value) only across languages; names, dates and anchor
 * amounts always. */
enum fkind { FK_WORD = 1, FK_ENTITY, FK_DATE, FK_AMOUNT, FK_COGNATE, FK_CTXAMT };

/* A posting: a unit holding a feature, with its document beside it (the
 * candidate loop tests it for every posting; the document's language is
 * read from a small per-document table). */
typedef struct posting {
    uint32_t unit, doc;
} posting;

typedef struct feat {
    uint64_t h;
    int kind;
    int onelang;        /* 1 when the postings walk_postings visits are all
                           of documents of language plang */
    size_t df;          /* sentences holding it */
    double w;
    posting *post;      /* units holding it (when rare; in aligner.posts) */
    size_t npost, cap;  /* (cap: while the postings are written) */
    uint64_t plang;
} feat;

typedef struct fmap {
    feat *f;
    size_t n, cap;
    size_t *slot;       /* open addressing: index + 1, 0 empty */
    size_t nslot;
} fmap;

typedef struct unit_f {
    uint64_t *f;        /* sorted feature hashes (same-language comparison) */
    double *fw;         /* their squared weights, parallel to f */
    unsigned char *fword; /* parallel to f: 0 not a word, 1 a word, 2 a word
                             only two sentences hold */
    size_t nf;
    double norm;
    uint32_t *fi;       /* feature map index of f[0..nf) then of x[0..nx) */
    uint64_t *x;        /* sorted language-independent features */
    double *xw;         /* their squared weights, parallel to x */
    size_t nx;
    double xnorm;
    uint64_t lang;      /* hash of the document's language */
    uint64_t *cf[ALIGN_CLAUSE_MAX]; /* features of each clause, sorted */
    double *cw[ALIGN_CLAUSE_MAX];   /* their squared weights */
    size_t ncf[ALIGN_CLAUSE_MAX];
    double cnorm[ALIGN_CLAUSE_MAX];
    size_t ncl;         /* clauses compared alone (0 when one clause) */
    unsigned char *fcl; /* parallel to f: bit c set when clause c holds it */
    uint64_t anchor;    /* amount feature, 0 */
    uint64_t actx;      /* the anchor as a context amount, 0 */
    uint64_t *counted;  /* stems of the counted noun of the anchor */
    size_t ncounted;
    double value;
    int approx;
} unit_f;

/* Per-call scratch memory, kept per thread from one call to the next: an
 * arena rewound whole at the end of rc_align_new (scr_reset) and keeping
 * its blocks, so the arrays of a call (the units' features, the candidate
 * lists, the sort buffers: megabytes for a large group) land in pages
 * already touched by earlier calls instead of fresh ones (a first touch
 * costs microseconds a page on this VM). Freed by rc_align_thread_cleanup,
 * or by the rewind past SCR_KEEP bytes. Only arrays that die with the call
 * come from here (never the result). */
enum { SCR_KEEP = 256 << 20 };
static _Thread_local rc_arena *g_scr;

/* This thread's scratch arena, made on first use. */
static rc_arena *scr(void)
{
    if (!g_scr)
        g_scr = rc_arena_new();
    return g_scr;
}

/* n bytes of scratch, aligned for any type, until scr_reset; never NULL. */
static void *scr_alloc(size_t n)
{
    return rc_arena_alloc(scr(), n);
}

/* scr_alloc of count * size bytes, zeroed; aborts on overflow. */
static void *scr_calloc(size_t count, size_t size)
{
    return rc_arena_calloc(scr(), count, size);
}

/* Rewind the scratch: everything of this thread's call released at once,
 * the blocks kept unless they hold more than SCR_KEEP bytes. */
static void scr_reset(void)
{
    if (g_scr)
        rc_arena_rewind(g_scr, SCR_KEEP);
}

/* See align.h. */
void rc_align_thread_cleanup(void)
{
    rc_arena_free(g_scr);
    g_scr = NULL;
}

/* Index of h in m, inserting a new feature of kind when absent. */
static size_t fmap_get(fmap *m, uint64_t h, int kind)
{
    if ((m->n + 1) * 2 > m->nslot) {
        size_t ns = m->nslot ? m->nslot * 2 : 1024;
        size_t *s = rc_calloc(ns, sizeof *s);
        for (size_t i = 0; i < m->n; i++) {
            size_t k = (size_t)m->f[i].h & (ns - 1);
            while (s[k])
                k = (k + 1) & (ns - 1);
            s[k] = i + 1;
        }
        free(m->slot);
        m->slot = s;
        m->nslot = ns;
    }
    size_t k = (size_t)h & (m->nslot - 1);
    while (m->slot[k]) {
        if (m->f[m->slot[k] - 1].h == h)
            return m->slot[k] - 1;
        k = (k + 1) & (m->nslot - 1);
    }
    if (m->n == m->cap) {
        m->cap = m->cap ? m->cap * 2 : 256;
        m->f = rc_reallocarray(m->f, m->cap, sizeof *m->f);
    }
    memset(&m->f[m->n], 0, sizeof *m->f);
    m->f[m->n].h = h;
    m->f[m->n].kind = kind;
    m->slot[k] = m->n + 1;
    return m->n++;
}

/* Index of h in m, or SIZE_MAX. */
static size_t fmap_find(const fmap *m, uint64_t h)
{
    if (!m->nslot)
        return SIZE_MAX;
    size_t k = (size_t)h & (m->nslot - 1);
    while (m->slot[k]) {
        if (m->f[m->slot[k] - 1].h == h)
            return m->slot[k] - 1;
        k = (k + 1) & (m->nslot - 1);
    }
    return SIZE_MAX;
}

/* Hash of a feature with its kind in the top three bits (never 0). */
static uint64_t fhash(int kind, const void *p, size_t n)
{
    uint64_t h = rc_hash64(p, n, (uint64_t)kind * 0x9E3779B97F4A7C15ull);
    return (h & ~(7ull << 61)) | ((uint64_t)kind << 61);
}

/* The kind of feature hash h. */
static int hkind(uint64_t h)
{
    return (int)(h >> 61);
}

/* 1 when quantity q is an amount worth anchoring a clause on. */
static int is_amount(const rc_quantity *q)
{
    return !q->ordinal && (q->value >= 10 || q->unit || q->percent);
}

/* "%.6g" of v into t (32 bytes) without snprintf, or 0 when the value is
 * not one this knows how to write exactly (the caller then uses
 * snprintf); returns the length. A whole value under 10^6 in magnitude
 * (not -0) prints as its digits (the exponent is below the precision, the
 * zero fraction and the point are dropped). Any other value of magnitude
 * in [1e-4, 1e6) that is the double nearest to a decimal D = N / 10^d of
 * at most 6 significant digits (d = 1..6, the least such d, N not ending
 * in 0) prints as D: its exact binary value lies within half an ulp of D,
 * so its rounding to 6 significant digits is D, which %g writes in the
 * fixed style (its exponent is in [-4, 6)) with the trailing zeros
 * dropped, i.e. the digits of N with the point d places from the right.
 * A whole value of 10^6 to 10^15 prints in the exponent style (below). */
static size_t g6_text(char *t, double v)
{
    static const double P10[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6};
    char b[24];
    if (v > -1e6 && v < 1e6 && v == (double)(long long)v && !(v == 0 && signbit(v))) {
        const char *vs = rc_dec_digits(b + sizeof b, (long long)v);
        size_t vl = (size_t)(b + sizeof b - vs);
        memcpy(t, vs, vl);
        return vl;
    }
    double av = fabs(v);
    if (av >= 1e6 && av < 1e15 && v == (double)(long long)v) {
        /* a whole value of 7 to 15 digits: the exponent style, its
         * digits rounded to 6 (the value is exact, so its decimal tail is
         * too: a tail of exactly one half, left to snprintf, is the only
         * case where the rounding rule matters), the trailing zeros of
         * the 6 dropped, "e+" and two digits or more */
        unsigned long long u = (unsigned long long)av;
        char dg[20];
        int nd = 0;
        for (unsigned long long x = u; x; x /= 10)
            dg[19 - nd++] = (char)('0' + x % 10);
        const char *ms = dg + 20 - nd;  /* most significant first */
        unsigned long head = 0;
        for (int k = 0; k < 6; k++)
            head = head * 10 + (unsigned long)(ms[k] - '0');
        int up = ms[6] > '5', zero_after = 1;
        for (int k = 7; k < nd; k++)
            zero_after &= ms[k] == '0';
        if (ms[6] == '5') {
            if (zero_after)
                return 0;               /* a tie */
            up = 1;
        }
        int ex = nd - 1;
        if (up && ++head == 1000000) {
            head = 100000;
            ex++;
        }
        char m[6];
        for (int k = 5; k >= 0; k--) {
            m[k] = (char)('0' + head % 10);
            head /= 10;
        }
        int mk = 6;
        while (mk > 1 && m[mk - 1] == '0')
            mk--;
        size_t o = 0;
        if (v < 0)
            t[o++] = '-';
        t[o++] = m[0];
        if (mk > 1) {
            t[o++] = '.';
            memcpy(t + o, m + 1, (size_t)mk - 1);
            o += (size_t)mk - 1;
        }
        t[o++] = 'e';
        t[o++] = '+';
        t[o++] = (char)('0' + ex / 10);
        t[o++] = (char)('0' + ex % 10);
        return o;
    }
    if (!(av >= 1e-4 && av < 1e6))
        return 0;                       /* (NaN too) */
    for (int d = 1; d <= 6; d++) {
        long long n = llround(v * P10[d]);
        if ((double)n / P10[d] != v)
            continue;
        unsigned long long u = n < 0 ? 0ull - (unsigned long long)n : (unsigned long long)n;
        if (u >= 1000000 || u % 10 == 0 || u == 0)
            return 0;
        char *e = b + sizeof b, *p = e;
        for (int k = 0; k < d; k++) {
            *--p = (char)('0' + u % 10);
            u /= 10;
        }
        *--p = '.';
        do {
            *--p = (char)('0' + u % 10);
            u /= 10;
        } while (u);
        if (n < 0)
            *--p = '-';
        memcpy(t, p, (size_t)(e - p));
        return (size_t)(e - p);
    }
    return 0;
}

/* See align.h: "%.6g|%d" of (value, percent) and, when unit is not NULL,
 * "%.6g|%s|%d|%c" of (value, unit, percent, bound), as snprintf writes
 * them; snprintf only when g6_text cannot write the value or the whole
 * text does not fit. */
int rc_align_amount_text(char *b, size_t cap, double value, int percent, const char *unit,
                         char bound)
{
    char t[3][32];
    size_t vl = g6_text(t[0], value);
    if (vl) {
        const char *vs = t[0];
        const char *ps = rc_dec_digits(t[1] + sizeof t[1], percent);
        size_t pl = (size_t)(t[1] + sizeof t[1] - ps);
        size_t ul = unit ? strlen(unit) : 0;
        size_t tot = vl + 1 + pl + (unit ? ul + 1 + 2 : 0);
        if (tot < cap) {
            size_t o = 0;
            memcpy(b + o, vs, vl);
            o += vl;
            b[o++] = '|';
            if (unit) {
                memcpy(b + o, unit, ul);
                o += ul;
                b[o++] = '|';
            }
            memcpy(b + o, ps, pl);
            o += pl;
            if (unit) {
                b[o++] = '|';
                b[o++] = bound;
            }
            b[o] = 0;
            return (int)o;
        }
    }
    if (unit)
        return snprintf(b, cap, "%.6g|%s|%d|%c", value, unit, percent, bound);
    return snprintf(b, cap, "%.6g|%d", value, percent);
}

/* Amount feature for q: value and unit. */
static uint64_t amount_hash(const rc_quantity *q)
{
    char b[64];
    /* "environ 600" states the same amount as "600"; "plus de 15" does not */
    char bound = q->bound == RC_BOUND_MORE_THAN ? '>' : q->bound == RC_BOUND_LESS_THAN ? '<' : '=';
    int n = rc_align_amount_text(b, sizeof b, q->value, q->percent, q->unit ? q->unit : "", bound);
    return fhash(FK_AMOUNT, b, n > 0 ? (size_t)n : 0);
}

/* Per-document token marks: entity id of the mention a token is in (-1),
 * and whether it is part of a number or a date (their words are features
 * by value, not as words). */
typedef struct docmarks {
    int *ent;
    unsigned char *num;
    unsigned char *org;   /* inside the name of an organisation */
    size_t *first;      /* first token of each sentence, nsentences + 1 */
    int sorted;         /* the tokens' starts never decrease */
    /* the quantities and dates starting in each sentence s < ns
     * (rc_align_sentence_items): qi[qat[s]..qat[s + 1]), di[dat[s]..dat[s + 1]);
     * qi or di NULL when the sentences are out of order (every item is
     * then tested for every sentence) */
    uint32_t *qat, *qi, *dat, *di;
} docmarks;

/* See align.h. */
int rc_align_sentence_items(const rc_doc *d, size_t ns, const void *items, size_t n,
                            size_t stride, uint32_t *at, uint32_t *idx, uint32_t *tmp)
{
    for (size_t s = 0; s < ns; s++)
        if (d->sentences[s].end < d->sentences[s].start ||
            (s + 1 < ns && d->sentences[s].end > d->sentences[s + 1].start))
            return 0;
    memset(at, 0, (ns + 1) * sizeof *at);
    /* each item's sentence (ns: none) into tmp, counted in at[s + 1] */
    for (size_t k = 0; k < n; k++) {
        uint32_t pos;
        memcpy(&pos, (const char *)items + k * stride, sizeof pos);
        size_t lo = 0, hi = ns;     /* the first sentence starting past pos */
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (d->sentences[mid].start <= pos)
                lo = mid + 1;
            else
                hi = mid;
        }
        /* (the sentences are disjoint: only that one's predecessor can
         * hold pos) */
        size_t s = lo && pos < d->sentences[lo - 1].end ? lo - 1 : ns;
        tmp[k] = (uint32_t)s;
        if (s < ns)
            at[s + 1]++;
    }
    for (size_t s = 0; s < ns; s++)
        at[s + 1] += at[s];
    /* a counting sort by sentence, increasing k within one: at[s] runs
     * from sentence s's start to its end, then all move back one place */
    for (size_t k = 0; k < n; k++)
        if (tmp[k] < ns)
            idx[at[tmp[k]]++] = (uint32_t)k;
    for (size_t s = ns; s > 0; s--)
        at[s] = at[s - 1];
    at[0] = 0;
    return 1;
}

/* rc_textmodel_token_from(d, pos), searched from token hint when the
 * tokens are sorted by start (facts come mostly in text order, so the
 * previous answer is a near hint); a binary search otherwise. */
static size_t token_from_near(const rc_doc *d, int sorted, size_t hint, uint32_t pos)
{
    return sorted ? rc_textmodel_token_from_near(d, hint, pos) : rc_textmodel_token_from(d, pos);
}

/* Fill m for d and f. */
static void marks_build(docmarks *m, const rc_doc *d, const rc_facts *f)
{
    /* the sentences' first tokens, and whether the tokens are sorted by
     * start (token_from_near below needs it), in one walk */
    m->first = rc_calloc(d->nsentences + 1, sizeof *m->first);
    int sorted = 1;
    size_t w = 0;
    for (size_t s = 0; s < d->nsentences; s++) {
        while (w < d->ntokens && d->tokens[w].sentence < s) {
            sorted &= w == 0 || d->tokens[w].start >= d->tokens[w - 1].start;
            w++;
        }
        m->first[s] = w;
    }
    m->first[d->nsentences] = d->ntokens;
    for (; w < d->ntokens; w++)
        sorted &= w == 0 || d->tokens[w].start >= d->tokens[w - 1].start;
    m->sorted = sorted;
    size_t nt = d->ntokens ? d->ntokens : 1;
    m->ent = rc_malloc(nt * sizeof *m->ent);
    m->num = rc_calloc(nt, 1);
    m->org = rc_calloc(nt, 1);
    for (size_t t = 0; t < d->ntokens; t++)
        m->ent[t] = -1;
    size_t hint = 0;
    for (size_t k = 0; k < f->nmentions; k++) {
        const rc_mention *me = &f->mentions[k];
        hint = token_from_near(d, m->sorted, hint, me->start);
        for (size_t t = hint; t < d->ntokens && d->tokens[t].end <= me->end; t++) {
            m->ent[t] = me->entity >= 0 ? me->entity : -2;
            m->org[t] = me->type == RC_ENT_ORG;
        }
    }
    for (size_t k = 0; k < f->nquantities; k++) {
        const rc_quantity *q = &f->quantities[k];
        hint = token_from_near(d, m->sorted, hint, q->num_start);
        for (size_t t = hint; t < d->ntokens && d->tokens[t].end <= q->num_end; t++)
            m->num[t] = 1;
    }
    for (size_t k = 0; k < f->ndates; k++) {
        const rc_date *dt = &f->dates[k];
        hint = token_from_near(d, m->sorted, hint, dt->start);
        for (size_t t = hint; t < d->ntokens && d->tokens[t].end <= dt->end; t++)
            m->num[t] = 1;
    }
    size_t ns = d->nsentences < ALIGN_SENT_CAP ? d->nsentences : ALIGN_SENT_CAP;
    m->qat = scr_alloc((ns + 1) * sizeof *m->qat);
    m->qi = scr_alloc((f->nquantities ? f->nquantities : 1) * sizeof *m->qi);
    m->dat = scr_alloc((ns + 1) * sizeof *m->dat);
    m->di = scr_alloc((f->ndates ? f->ndates : 1) * sizeof *m->di);
    size_t nmax = f->nquantities > f->ndates ? f->nquantities : f->ndates;
    uint32_t *tmp = scr_alloc((nmax ? nmax : 1) * sizeof *tmp);
    if (!rc_align_sentence_items(d, ns, f->nquantities ? &f->quantities[0].start : NULL,
                                 f->nquantities, sizeof *f->quantities, m->qat, m->qi, tmp))
        m->qi = NULL;
    if (!rc_align_sentence_items(d, ns, f->ndates ? &f->dates[0].start : NULL, f->ndates,
                                 sizeof *f->dates, m->dat, m->di, tmp))
        m->di = NULL;
}

/* rc_textmodel_token_from(d, d->sentences[s].start): the first token
 * starting at or after it. In tokens sorted by start that token is the
 * only t with tokens[t - 1].start < pos <= tokens[t].start, what the
 * binary search finds: first[s] when it is that one (the usual case),
 * else the search. */
static size_t sentence_token0(const rc_doc *d, const docmarks *m, size_t s)
{
    size_t t = m->first[s];
    uint32_t pos = d->sentences[s].start;
    if (m->sorted && t <= d->ntokens && (t == d->ntokens || d->tokens[t].start >= pos) &&
        (t == 0 || d->tokens[t - 1].start < pos))
        return t;
    return rc_textmodel_token_from(d, pos);
}

/* Release m. */
static void marks_cleanup(docmarks *m)
{
    free(m->ent);
    free(m->num);
    free(m->org);
    free(m->first);
}

/* strlen of the stem of token t of d: the text model's norm length when
 * the stem is the norm itself (d->tokkeys, rc_tokkey.len). */
static size_t stem_len(const rc_doc *d, size_t t)
{
    const rc_token *tk = &d->tokens[t];
    if (d->tokkeys && tk->stem == tk->norm)
        return d->tokkeys[t].len;
    return strlen(tk->stem);
}

/* 1 when token t is a content word worth a feature. */
static int content_word(const rc_token *t)
{
    /* (strlen(norm) >= 3 without walking the whole word) */
    return (t->flags & RC_TOK_WORD) && !(t->flags & RC_TOK_STOP) && t->stem && t->norm[0] &&
           t->norm[1] && t->norm[2];
}

/* Stems of the counted noun of q (content words after its number); hint
 * a token near q (see token_from_near). */
static size_t counted_stems(const rc_doc *d, const docmarks *m, const rc_quantity *q,
                            size_t hint, uint64_t *out, size_t max)
{
    size_t n = 0;
    for (size_t t = token_from_near(d, m->sorted, hint, q->num_end); t < d->ntokens && d->tokens[t].end <= q->end && n < max; t++)
        if (!m->num[t] && content_word(&d->tokens[t]))
            out[n++] = fhash(FK_WORD, d->tokens[t].stem, stem_len(d, t));
    return n;
}

typedef struct sent_f {
    size_t doc, sentence;
    uint64_t *base;
    size_t nbase;
    unsigned char *bcl;     /* clause of each feature in token order, then
                               those features (nraw uint64 values), or NULL */
    size_t nraw;
    uint64_t *xb;           /* cognates and context amounts */
    size_t nxb;
    size_t ncl;             /* clauses */
    int salient;
    int reports;            /* holds a dispute, distance or attribution cue */
    int pol;                /* stop / resume polarity (polarity.h) */
} sent_f;

/* 1 when the folded word w (already lower case, no accents) opens a new
 * clause after a comma: a relative pronoun or a conjunction. */
static int clause_opener(const char *w, int after_comma)
{
    /* these open a clause wherever they stand (may_open_clause knows
     * the first letters of both lists) */
    static const char *const ALWAYS[] = {"tandis", "whereas", "while", NULL};
    static const char *const COMMA[] = {"qui", "que", "ou", "dont", "lequel", "laquelle",
                                        "lesquels", "mais", "et", "alors", "which", "who",
                                        "whom", "where", "but", "and", "whilst", NULL};
    /* (the first letter tested before the whole word) */
    for (const char *const *p = ALWAYS; *p; p++)
        if ((*p)[0] == w[0] && strcmp(w, *p) == 0)
            return 1;
    if (after_comma)
        for (const char *const *p = COMMA; *p; p++)
            if ((*p)[0] == w[0] && strcmp(w, *p) == 0)
                return 1;
    return 0;
}

/* 0 when the word w cannot fold to a clause opener: its first byte is
 * ASCII (folding only lowers its case) and starts none of them (the
 * first letters of clause_opener's lists below: keep them in step). */
static int may_open_clause(const char *w)
{
    unsigned char c = (unsigned char)w[0];
    return c >= 0x80 || (c && strchr("twqodlmeabTWQODLMEAB", c) != NULL);
}

/* Cognate feature of token tk: its first ALIGN_COGNATE_LEN letters,
 * folded (no accents, lower case), for words of that length or more that
 * are not stopwords; 0 otherwise. "hydrauliciens" and "hydraulic" meet on
 * "hydrau"; "ingenieurs" and "engineers" do not. */
static uint64_t cognate(const rc_doc *d, const rc_token *tk)
{
    if (!(tk->flags & RC_TOK_WORD) || (tk->flags & RC_TOK_STOP))
        return 0;
    char key[64];
    /* plain ASCII letters fold to themselves in lower case: when the first
     * ALIGN_COGNATE_LEN bytes are, they are the prefix; an ASCII byte that
     * is no letter and no space after plain letters ends the prefix there
     * (no cognate); anything else takes the folding */
    const char *w = d->text + tk->start;
    size_t wn = tk->end - tk->start, i = 0;
    for (; i < wn && i < ALIGN_COGNATE_LEN; i++) {
        unsigned char c = (unsigned char)w[i];
        if (c >= 'A' && c <= 'Z')
            key[i] = (char)(c + 32);
        else if (c >= 'a' && c <= 'z')
            key[i] = (char)c;
        else
            break;
    }
    if (i == ALIGN_COGNATE_LEN)
        return fhash(FK_COGNATE, key, ALIGN_COGNATE_LEN);
    if (i == wn)
        return 0;               /* a shorter plain word */
    unsigned char c = (unsigned char)w[i];
    if (c < 0x80 && c != ' ' && c != '\t' && c != '\n' && c != '\r')
        return 0;
    size_t n = rc_fold_key(d->text + tk->start, tk->end - tk->start, key, sizeof key);
    if (n < ALIGN_COGNATE_LEN)
        return 0;
    for (size_t k = 0; k < ALIGN_COGNATE_LEN; k++)
        if (key[k] < 'a' || key[k] > 'z')
            return 0;
    return fhash(FK_COGNATE, key, ALIGN_COGNATE_LEN);
}

/* Features of sentence s of d: content stems, entity ids, dates, each with
 * its clause in cl[]; cognates and context amounts in x[] (*nx, xmax).
 * Returns how many were written to out (max entries); *salient and *ncl
 * (clauses) set. */
static size_t sentence_features(const rc_doc *d, const rc_facts *f, const docmarks *m,
                                size_t s, uint64_t *out, unsigned char *cl, size_t max,
                                uint64_t *x, size_t *nx, size_t xmax, int *salient, size_t *ncl)
{
    size_t n = 0, nent = 0, ntok = 0, clause = 0, inclause = 0;
    int last_ent = -1, opens_with_name = 0, has_date = 0, comma = 0;
    rc_span sp = d->sentences[s];
    uint32_t cstart[ALIGN_CLAUSE_MAX] = {sp.start};
    *nx = 0;
    for (size_t t = m->first[s]; t < m->first[s + 1] && n < max; t++) {
        const rc_token *tk = &d->tokens[t];
        if (tk->flags & RC_TOK_PUNCT) {
            char c = d->text[tk->start];
            if ((c == ';' || c == ':') && inclause >= ALIGN_CLAUSE_MIN &&
                clause + 1 < ALIGN_CLAUSE_MAX) {
                cstart[++clause] = tk->end;
                inclause = 0;
            }
            comma = c == ',';
            continue;
        }
        size_t normlen;
        if ((tk->flags & RC_TOK_WORD) && inclause >= ALIGN_CLAUSE_MIN &&
            clause + 1 < ALIGN_CLAUSE_MAX && tk->norm && may_open_clause(tk->norm) &&
            (normlen = d->tokkeys ? d->tokkeys[t].len : strlen(tk->norm)) < 16) {
            char key[32];
            /* a word of plain ASCII without white space folds to its
             * lower case (rc_fold_key's ASCII path): copied so, without
             * the call; anything else folded */
            size_t q = 0;
            for (; q < normlen; q++) {
                unsigned char c = (unsigned char)tk->norm[q];
                if (c >= 0x80 || c == ' ' || c == '\t' || c == '\n' || c == '\r')
                    break;
                key[q] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            }
            if (q == normlen)
                key[q] = 0;
            else
                rc_fold_key(tk->norm, normlen, key, sizeof key);
            if (clause_opener(key, comma)) {
                cstart[++clause] = tk->start;
                inclause = 0;
            }
        }
        comma = 0;
        if (tk->flags & (RC_TOK_WORD | RC_TOK_NUM))
            ntok++;
        /* the words of an institution's name are translated with it
         * ("infrastructure ministry" / "ministère des Infrastructures"):
         * their cognates meet across languages where the names do not */
        if (m->org[t] && content_word(tk)) {
            uint64_t cg = cognate(d, tk);
            if (cg && *nx < xmax)
                x[(*nx)++] = cg;
        }
        if (m->ent[t] >= 0) {
            if (t == m->first[s] || (t <= m->first[s] + 2 && ntok <= 2))
                opens_with_name = 1;
            if (m->ent[t] != last_ent) {
                /* the id in decimal, as "%d" writes it (ids are >= 0) */
                char b[24];
                size_t k = sizeof b;
                unsigned v = (unsigned)m->ent[t];
                do {
                    b[--k] = (char)('0' + v % 10);
                    v /= 10;
                } while (v);
                cl[n] = (unsigned char)clause;
                out[n++] = fhash(FK_ENTITY, b + k, sizeof b - k);
                inclause++;
                nent++;
                last_ent = m->ent[t];
            }
            continue;
        }
        last_ent = -1;
        if (m->ent[t] == -2 || m->num[t] || !content_word(tk))
            continue;
        uint64_t cg = cognate(d, tk);
        if (cg && *nx < xmax)
            x[(*nx)++] = cg;
        cl[n] = (unsigned char)clause;
        out[n++] = fhash(FK_WORD, tk->stem, stem_len(d, t));
        inclause++;
    }
    /* (the sentence's dates and quantities from the lists of m when it
     * has them: the same ones in the same order) */
    size_t nd = m->di ? m->dat[s + 1] - m->dat[s] : f->ndates;
    for (size_t i = 0; i < nd && n < max; i++) {
        const rc_date *dt = &f->dates[m->di ? m->di[m->dat[s] + i] : i];
        if (dt->start >= sp.start && dt->start < sp.end) {
            size_t c = 0;
            while (c < clause && cstart[c + 1] <= dt->start)
                c++;
            cl[n] = (unsigned char)c;
            out[n++] = fhash(FK_DATE, dt->value, strlen(dt->value));
            has_date = 1;
        }
    }
    size_t nq = m->qi ? m->qat[s + 1] - m->qat[s] : f->nquantities;
    for (size_t i = 0; i < nq && *nx < xmax; i++) {
        const rc_quantity *q = &f->quantities[m->qi ? m->qi[m->qat[s] + i] : i];
        if (q->start >= sp.start && q->start < sp.end && is_amount(q)) {
            char b[32];
            int k2 = rc_align_amount_text(b, sizeof b, q->value, q->percent, NULL, 0);
            x[(*nx)++] = fhash(FK_CTXAMT, b, k2 > 0 ? (size_t)k2 : 0);
        }
    }
    *ncl = clause + 1;
    if (inclause < ALIGN_CLAUSE_MIN && clause > 0) {
        (*ncl)--;               /* a short tail belongs to the clause before */
        for (size_t k = 0; k < n; k++)
            if (cl[k] >= *ncl)
                cl[k] = (unsigned char)(*ncl - 1);
    }
    int question = sp.end > sp.start && d->text[sp.end - 1] == '?';
    *salient = !question && ntok >= 5 && (has_date || nent >= 2 || (opens_with_name && ntok >= 6));
    return n;
}

/* Dot product of two units' weighted vectors and the count of shared
 * features (sorted merge), amounts left out when skip_amounts. */
static double dot(const unit_f *a, const unit_f *b, size_t *shared, int skip_amounts)
{
    double s = 0;
    size_t i = 0, j = 0, k = 0;
    while (i < a->nf && j < b->nf) {
        if (a->f[i] < b->f[j])
            i++;
        else if (a->f[i] > b->f[j])
            j++;
        else {
            if (!(skip_amounts && hkind(a->f[i]) == FK_AMOUNT)) {
                s += a->fw[i];
                k++;
            }
            i++;
            j++;
        }
    }
    if (shared)
        *shared = k;
    return s;
}

/* What the candidate test and sim_scatter read of a unit in one
 * language, in one cache line (a unit_f spans six). */
typedef struct unit_hot {
    uint64_t lang, anchor;
    const uint32_t *fi;
    const double *fw;
    const unsigned char *fword; /* then fcl: fword[nf + k] == fcl[k] */
    double norm;
    uint32_t nf, ncl;
    uint32_t cls;       /* its class (aligner.cls) */
    uint32_t multi;     /* 1 when that class has several units */
} unit_hot;
_Static_assert(sizeof(unit_hot) == 64, "unit_hot fills one cache line");

typedef struct aligner {
    fmap fm;
    unit_f *uf;
    unit_hot *hot;      /* per unit, 64-byte aligned (in hotmem) */
    void *hotmem;
    unsigned char *reports; /* per unit: the sentence reports or denies a statement */
    signed char *pol;       /* per unit: its sentence's polarity (polarity.h) */
    rc_align *al;
    int debug;          /* RECOUPE_ALIGN_DEBUG set: candidate scores on stderr */
    posting *posts;     /* every feature's postings (feat.post points in) */
    uint32_t *cls;      /* per unit: the first unit whose features (language,
                           lists, clauses) are the same; sim() reads only
                           those, so it is the same for every unit of a class */
    size_t ncls;        /* distinct classes */
} aligner;

/* One unit's features spread over the feature map, so that its
 * similarity to many others costs one pass over each other's list (the
 * sorted merges of sim2 did a pass per clause): stamp[f] >> 8 == cur when
 * the unit holds feature f in its own language list, with the clauses
 * holding it in the low 8 bits (one load for both), xstamp[f] == cur in
 * its language-independent list; cur < 2^24. */
typedef struct scatter {
    uint32_t *stamp, *xstamp;
    double *acc;        /* link_bound's sums over the feature map, all 0 between calls */
    uint32_t cur;
    size_t unit;        /* the unit spread, SIZE_MAX none */
} scatter;

/* Set S up for the feature map of A (no unit spread). */
static void scatter_init(scatter *S, const aligner *A)
{
    size_t n = A->fm.n ? A->fm.n : 1;
    S->stamp = scr_calloc(n, sizeof *S->stamp);
    S->xstamp = scr_calloc(n, sizeof *S->xstamp);
    S->acc = scr_calloc(n, sizeof *S->acc);
    S->cur = 0;
    S->unit = SIZE_MAX;
}

/* Release S. */
static void scatter_cleanup(scatter *S)
{
    (void)S;                    /* (scratch: released by scr_reset) */
}

/* Spread unit u over S (nothing to do when it is the one spread). */
static void scatter_unit(scatter *S, const aligner *A, size_t u)
{
    if (S->unit == u)
        return;
    if (++S->cur == 1u << 24) {
        memset(S->stamp, 0, (A->fm.n ? A->fm.n : 1) * sizeof *S->stamp);
        memset(S->xstamp, 0, (A->fm.n ? A->fm.n : 1) * sizeof *S->xstamp);
        S->cur = 1;
    }
    const unit_f *a = &A->uf[u];
    for (size_t k = 0; k < a->nf; k++) {
        S->stamp[a->fi[k]] = S->cur << 8 | a->fcl[k];
    }
    for (size_t k = 0; k < a->nx; k++)
        S->xstamp[a->fi[a->nf + k]] = S->cur;
    S->unit = u;
}

/* sim2(A, S->unit, j, ...) through the spread unit: the same values.
 * Every dot product of sim2 sums the squared weights of the shared
 * features in increasing hash order; walking j's sorted list and testing
 * the spread unit's marks visits them in that order too, so the sums are
 * the same to the bit, and one walk serves the whole sentences and every
 * clause of either side. */
static double sim_scatter(const aligner *A, const scatter *S, size_t j, size_t *shared,
                          int *xlang, size_t *pair)
{
    const unit_hot *ha = &A->hot[S->unit], *hb = &A->hot[j];
    size_t sh = 0;
    double best = 0;
    if (xlang)
        *xlang = ha->lang != hb->lang;
    if (pair)
        *pair = 0;
    if (ha->lang != hb->lang) {
        const unit_f *a = &A->uf[S->unit], *b = &A->uf[j];
        if (a->xnorm > 0 && b->xnorm > 0) {
            double d = 0;
            const uint32_t *bi = b->fi + b->nf;
            for (size_t k = 0; k < b->nx; k++)
                if (S->xstamp[bi[k]] == S->cur) {
                    d += b->xw[k];
                    sh++;
                }
            best = d / (a->xnorm * b->xnorm);
        }
        if (shared)
            *shared = sh;
        return best;
    }
    static const unsigned short WORDS[3] = {0, 1, 1000};
    double d = 0;
    size_t p = 0;
    int clauses = ha->ncl || hb->ncl;
    const uint32_t *bfi = hb->fi;
    if (!clauses) {
        /* (the loop below without its clause sums: the same d, sh, p) */
        for (size_t k = 0, nf = hb->nf; k < nf; k++) {
            if (S->stamp[bfi[k]] >> 8 != S->cur)
                continue;
            d += hb->fw[k];
            sh++;
            p += WORDS[hb->fword[k]];
        }
        if (ha->norm > 0 && hb->norm > 0) {
            best = d / (ha->norm * hb->norm);
            if (pair)
                *pair = p;
        }
        if (shared)
            *shared = sh;
        return best;
    }
    double ca[ALIGN_CLAUSE_MAX] = {0}, cb[ALIGN_CLAUSE_MAX] = {0};
    size_t ka[ALIGN_CLAUSE_MAX] = {0}, kb[ALIGN_CLAUSE_MAX] = {0};
    for (size_t k = 0, nf = hb->nf; k < nf; k++) {
        uint32_t st = S->stamp[bfi[k]];
        if (st >> 8 != S->cur)
            continue;
        double w = hb->fw[k];
        d += w;
        sh++;
        p += WORDS[hb->fword[k]];
        unsigned abits = st & 0xFFu, bbits = hb->fword[nf + k];
        for (; abits; abits &= abits - 1) {
            int c = __builtin_ctz(abits);
            ca[c] += w;
            ka[c]++;
        }
        for (; bbits; bbits &= bbits - 1) {
            int c = __builtin_ctz(bbits);
            cb[c] += w;
            kb[c]++;
        }
    }
    if (ha->norm > 0 && hb->norm > 0) {
        best = d / (ha->norm * hb->norm);
        if (pair)
            *pair = p;
    }
    const unit_f *a = &A->uf[S->unit], *b = &A->uf[j];
    for (int side = 0; side < 2; side++) {
        const unit_f *pu = side ? b : a, *q = side ? a : b;
        const double *cd = side ? cb : ca;
        const size_t *ck = side ? kb : ka;
        for (size_t c = 0; c < pu->ncl && q->norm > 0; c++) {
            if (pu->ncf[c] < ALIGN_CLAUSE_MIN || pu->cnorm[c] <= 0)
                continue;
            double lo = pu->cnorm[c] < q->norm ? pu->cnorm[c] : q->norm;
            double hi = pu->cnorm[c] < q->norm ? q->norm : pu->cnorm[c];
            if (lo / hi <= best)
                continue;
            double v = cd[c] / (pu->cnorm[c] * q->norm);
            if (ck[c] >= ALIGN_CLAUSE_MIN && v > best) {
                best = v;
                sh = ck[c];
            }
        }
    }
    if (shared)
        *shared = sh;
    return best;
}

/* 1 when units a and b hold the same features: language, sorted lists
 * and clauses (everything sim2 reads; the weights and norms follow). */
static int same_features(const unit_f *a, const unit_f *b)
{
    if (a->lang != b->lang || a->nf != b->nf || a->nx != b->nx || a->ncl != b->ncl)
        return 0;
    if (memcmp(a->f, b->f, a->nf * sizeof *a->f) != 0 ||
        memcmp(a->x, b->x, a->nx * sizeof *a->x) != 0)
        return 0;
    for (size_t c = 0; c < a->ncl; c++)
        if (a->ncf[c] != b->ncf[c] || memcmp(a->cf[c], b->cf[c], a->ncf[c] * sizeof *a->cf[c]) != 0)
            return 0;
    return 1;
}

/* Hash of what same_features compares. */
static uint64_t features_hash(const unit_f *a)
{
    uint64_t h = rc_hash64(a->f, a->nf * sizeof *a->f, a->lang ^ a->nf);
    h = rc_hash64(a->x, a->nx * sizeof *a->x, h ^ a->nx);
    for (size_t c = 0; c < a->ncl; c++)
        h = rc_hash64(a->cf[c], a->ncf[c] * sizeof *a->cf[c], h + c + 1);
    return h;
}

/* Fill A->cls: each unit's class, the first unit with the same features
 * (the template sentences of a group repeat by the dozen). */
static void unit_classes(aligner *A)
{
    size_t nu = A->al->nunits, ns = 64;
    while (ns < nu * 2)
        ns *= 2;
    uint32_t *slot = scr_alloc(ns * sizeof *slot);   /* unit + 1, 0 empty */
    uint64_t *sh = scr_alloc(ns * sizeof *sh);
    memset(slot, 0, ns * sizeof *slot);
    A->cls = scr_alloc((nu ? nu : 1) * sizeof *A->cls);
    A->ncls = 0;
    for (size_t u = 0; u < nu; u++) {
        uint64_t h = features_hash(&A->uf[u]);
        size_t k = (size_t)h & (ns - 1);
        A->cls[u] = (uint32_t)u;
        while (slot[k]) {
            if (sh[k] == h && same_features(&A->uf[slot[k] - 1], &A->uf[u])) {
                A->cls[u] = slot[k] - 1;
                break;
            }
            k = (k + 1) & (ns - 1);
        }
        if (!slot[k]) {
            slot[k] = (uint32_t)u + 1;
            sh[k] = h;
            A->ncls++;
        }
    }
}

typedef struct edge {
    uint32_t i, j;      /* units (fewer than 2^32: the candidate lists hold them so) */
    double s;
} edge;

/* 1 when edge x sorts before y: decreasing similarity, then unit order. */
static int edge_before(const edge *x, const edge *y)
{
    if (x->s != y->s)
        return x->s > y->s;
    if (x->i != y->i)
        return x->i < y->i;
    return x->j < y->j;
}

/* Digit d (of b bits) of edge x's sort key, least significant first:
 * those of j, then of i (64 / b digits each), then of the similarity's
 * bits complemented (the bits of a non-negative double order like the
 * double; complemented, decreasing). */
static unsigned edge_digit(const edge *x, int d, int b)
{
    int per = 64 / b;
    uint64_t mask = ((uint64_t)1 << b) - 1, v;
    if (d < per)
        v = (uint64_t)x->j;
    else if (d < 2 * per)
        v = (uint64_t)x->i;
    else {
        memcpy(&v, &x->s, sizeof v);
        v = ~v;
    }
    return (unsigned)((v >> (b * (d % per))) & mask);
}

/* Sort e[0..n) by edge_before: a least-significant-digit radix sort of
 * the key (similarity decreasing, then i, then j), a stable pass per
 * digit that is not the same for every edge (similarities are > 0:
 * cosines past a threshold); 16-bit digits for long lists, 8-bit for
 * shorter ones, insertion sort below 64. The order is total but for
 * identical edges, so the result is the one any sort by it gives. */
static void sort_edges_lsd(edge *e, size_t n)
{
    if (n < 2)
        return;
    if (n < 64) {
        for (size_t k = 1; k < n; k++) {
            edge v = e[k];
            size_t m = k;
            for (; m > 0 && edge_before(&v, &e[m - 1]); m--)
                e[m] = e[m - 1];
            e[m] = v;
        }
        return;
    }
    int b = n >= 32768 ? 16 : 8, per = 64 / b;
    size_t nb = (size_t)1 << b;
    uint64_t ij = 0;
    for (size_t k = 0; k < n; k++)
        ij |= (uint64_t)e[k].i | (uint64_t)e[k].j;
    int nij = 1;
    while (nij < per && (ij >> (b * nij)))
        nij++;
    edge *tmp = rc_malloc(n * sizeof *tmp), *src = e, *dst = tmp;
    size_t *cnt = rc_malloc(nb * sizeof *cnt);
    for (int d = 0; d < 3 * per; d++) {
        if (d < 2 * per && d % per >= nij)
            continue;           /* a digit of i or j that is 0 for all */
        memset(cnt, 0, nb * sizeof *cnt);
        for (size_t k = 0; k < n; k++)
            cnt[edge_digit(&src[k], d, b)]++;
        if (cnt[edge_digit(&src[0], d, b)] == n)
            continue;           /* the same digit for every edge */
        size_t sum = 0;
        for (size_t v = 0; v < nb; v++) {
            size_t c = cnt[v];
            cnt[v] = sum;
            sum += c;
        }
        for (size_t k = 0; k < n; k++)
            dst[cnt[edge_digit(&src[k], d, b)]++] = src[k];
        edge *t = src;
        src = dst;
        dst = t;
    }
    if (src != e)
        memcpy(e, src, n * sizeof *e);
    free(cnt);
    free(tmp);
}

/* Sort e[0..n) by edge_before, as sort_edges_lsd does: long lists first
 * go to buckets by the 16 highest bits of the complemented similarity
 * that are not the same for every edge (one counting pass: the order of
 * the buckets is that of the similarities), then each bucket is sorted by
 * insertion (up to 32 edges) or by sort_edges_lsd. */
static void sort_edges(edge *e, size_t n)
{
    if (n < 4096) {
        sort_edges_lsd(e, n);
        return;
    }
    uint64_t vor = 0, vand = ~(uint64_t)0;
    for (size_t k = 0; k < n; k++) {
        uint64_t v;
        memcpy(&v, &e[k].s, sizeof v);
        vor |= ~v;
        vand &= ~v;
    }
    uint64_t diff = vor ^ vand;
    if (!diff) {
        sort_edges_lsd(e, n);
        return;
    }
    int hi = 63 - __builtin_clzll(diff), sh = hi >= 15 ? hi - 15 : 0;
    enum { NB = 1 << 16 };
    size_t *cnt = scr_calloc(NB + 1, sizeof *cnt);
    edge *tmp = scr_alloc(n * sizeof *tmp);
    for (size_t k = 0; k < n; k++) {
        uint64_t v;
        memcpy(&v, &e[k].s, sizeof v);
        cnt[((~v) >> sh) & (NB - 1)]++;
    }
    size_t sum = 0;
    for (size_t b = 0; b < NB; b++) {
        size_t c = cnt[b];
        cnt[b] = sum;
        sum += c;
    }
    cnt[NB] = n;
    for (size_t k = 0; k < n; k++) {
        uint64_t v;
        memcpy(&v, &e[k].s, sizeof v);
        tmp[cnt[((~v) >> sh) & (NB - 1)]++] = e[k];
    }
    /* cnt[b] is now the end of bucket b, the start of bucket b + 1 */
    size_t start = 0;
    for (size_t b = 0; b < NB; b++) {
        size_t end = cnt[b], m = end - start;
        edge *p = tmp + start;
        if (m > 32)
            sort_edges_lsd(p, m);
        else
            for (size_t k = 1; k < m; k++) {
                edge v = p[k];
                size_t x = k;
                for (; x > 0 && edge_before(&v, &p[x - 1]); x--)
                    p[x] = p[x - 1];
                p[x] = v;
            }
        start = end;
    }
    memcpy(e, tmp, n * sizeof *e);
}

/* 1 when two amounts cannot both be right. */
static int incompatible(double a, int approx_a, double b, int approx_b)
{
    double hi = a > b ? a : b, lo = a > b ? b : a;
    if (lo <= 0)
        return hi > 0;
    if (approx_a || approx_b)
        return hi / lo > 1.5;
    return hi != lo;
}

/* 1 when the counted nouns of units a and b share a stem. */
static int same_counted(const unit_f *a, const unit_f *b)
{
    for (size_t i = 0; i < a->ncounted; i++)
        for (size_t j = 0; j < b->ncounted; j++)
            if (a->counted[i] == b->counted[j])
                return 1;
    return 0;
}

/* 1 when the document of unit u states amount value somewhere: a walk of
 * its units through next_of_doc (the next unit of the same document,
 * SIZE_MAX at the end), from the document's first unit. */
static int doc_has_value(const aligner *A, const size_t *first_of_doc, const size_t *next_of_doc,
                         size_t u, double value)
{
    for (size_t v = first_of_doc[u]; v != SIZE_MAX; v = next_of_doc[v])
        if (A->uf[v].anchor && A->uf[v].value == value)
            return 1;
    return 0;
}

/* 1 when units a and b, in two languages, with similarity s over shared
 * language-independent features, state the same thing: at least
 * XLANG_SHARED pieces of evidence of at least two kinds (names, amounts,
 * dates, cognates; the anchor amount counted once), so one shared name and
 * one shared number ("1,000 engineers", "1 000 tonnes") are not enough. */
static int xlang_edge(const aligner *A, const unit_f *a, const unit_f *b, double s,
                      size_t shared)
{
    if (s < T_EDGE_XLANG || shared < XLANG_SHARED)
        return 0;
    size_t i = 0, j = 0, n = 0;
    unsigned kinds = 0;
    while (i < a->nx && j < b->nx) {
        if (a->x[i] < b->x[j])
            i++;
        else if (a->x[i] > b->x[j])
            j++;
        else {
            uint64_t h = a->x[i];
            int k = hkind(h);
            if (!(k == FK_CTXAMT && (h == a->actx || h == b->actx))) {
                n++;
                kinds |= 1u << (k == FK_CTXAMT ? FK_AMOUNT : k);
            }
            i++;
            j++;
        }
    }
    (void)A;
    int nk = 0;
    for (unsigned k = kinds; k; k &= k - 1)
        nk++;
    return n >= XLANG_SHARED && nk >= 2;
}

typedef struct cand {
    double s;   /* accumulated score */
    size_t j;   /* unit */
} cand;

/* 1 when candidate a ranks before b: higher score, then lower unit. */
static int cand_better(const cand *a, const cand *b)
{
    /* (bitwise: no branch to mispredict in the partition below) */
    return (a->s > b->s) | ((a->s == b->s) & (a->j < b->j));
}

/* Reorder c[0..n) so that its k best (cand_better) come first, in any
 * order (k < n): quickselect with a median-of-three pivot, insertion
 * below 16 elements. */
static void cand_select(cand *c, size_t n, size_t k)
{
    size_t lo = 0, hi = n;      /* the k-th best lies in [lo, hi) */
    while (hi - lo > 16) {
        size_t mid = lo + (hi - lo) / 2;
        /* median of c[lo], c[mid], c[hi - 1] into c[lo] */
        cand *a = &c[lo], *b = &c[mid], *d = &c[hi - 1], t;
        if (cand_better(b, a)) {
            t = *a; *a = *b; *b = t;
        }
        if (cand_better(d, b)) {
            t = *b; *b = *d; *d = t;
            if (cand_better(b, a)) {
                t = *a; *a = *b; *b = t;
            }
        }
        /* b is the median: to the front as the pivot */
        t = c[lo]; c[lo] = c[mid]; c[mid] = t;
        cand pv = c[lo];
        size_t i = lo + 1;      /* c[lo+1..i) better than the pivot */
        /* c[i..x) not better: c[x] swaps with c[i] either way (when c[x]
         * is not better, both are of the not-better part), and i moves on
         * when it was better; without a branch on the comparison */
        for (size_t x = lo + 1; x < hi; x++) {
            t = c[x];
            int better = cand_better(&t, &pv);
            c[x] = c[i];
            c[i] = t;
            i += (size_t)better;
        }
        /* the pivot to its place, i - 1 */
        t = c[lo]; c[lo] = c[i - 1]; c[i - 1] = t;
        size_t p = i - 1;
        if (p == k || p + 1 == k)
            return;             /* c[0..p] or c[0..p) are the k best */
        if (p > k)
            hi = p;
        else
            lo = p + 1;
    }
    /* insertion sort of what is left decides it */
    for (size_t x = lo + 1; x < hi; x++) {
        cand v = c[x];
        size_t m = x;
        for (; m > lo && cand_better(&v, &c[m - 1]); m--)
            c[m] = c[m - 1];
        c[m] = v;
    }
}

/* A score's bin key: its bits' exponent and first SCORE_MBITS mantissa
 * bits (scores are > 0: the key of a smaller score is not larger; equal
 * scores share a key). */
enum { SCORE_MBITS = 3, SCORE_BINS = 64 };
static uint64_t score_key(double s)
{
    uint64_t b;
    memcpy(&b, &s, sizeof b);
    return b >> (52 - SCORE_MBITS);
}

/* Sort c[0..n) best first (cand_better) by insertion (n is small, or the
 * list nearly sorted). */
static void cand_sort(cand *c, size_t n)
{
    for (size_t x = 1; x < n; x++) {
        cand v = c[x];
        size_t m = x;
        for (; m > 0 && cand_better(&v, &c[m - 1]); m--)
            c[m] = c[m - 1];
        c[m] = v;
    }
}

/* qsort comparator of cand_better (a total order: any sort gives the
 * same list). */
static int cand_cmp(const void *x, const void *y)
{
    const cand *a = x, *b = y;
    return cand_better(a, b) ? -1 : cand_better(b, a) ? 1 : 0;
}

/* Move the k best (cand_better) of c[0..n) (k < n, scores > 0) to the
 * front, sorted best first; kmax is the largest score_key of c's scores,
 * tmp scratch room for n candidates. The candidates go to bins by how far
 * their key lies under kmax (the last bin takes every one farther); the
 * first bins that hold k of them are kept (every one left out scores less
 * than every one kept, so the k best are kept). When those are not the
 * last bin and they are few (k small), a counting sort by bin leaves them
 * sorted but within each bin, which an insertion sort finishes in about
 * one pass; otherwise a quickselect of the k best, then those sorted. */
static void cand_top(cand *c, size_t n, size_t k, uint64_t kmax, cand *tmp)
{
    uint32_t hist[SCORE_BINS] = {0};
    for (size_t x = 0; x < n; x++) {
        uint64_t d = kmax - score_key(c[x].s);
        hist[d < SCORE_BINS - 1 ? d : SCORE_BINS - 1]++;
    }
    size_t cum = 0;
    unsigned cut = 0;
    while (cum + hist[cut] < k)
        cum += hist[cut++];     /* (ends: the bins hold n > k) */
    size_t m = cum + hist[cut];
    if (cut < SCORE_BINS - 1 && k <= 64 && m <= 2 * k + 16) {
        uint32_t at[SCORE_BINS];
        for (unsigned b = 0, sum = 0; b <= cut; b++) {
            at[b] = sum;
            sum += hist[b];
        }
        for (size_t x = 0; x < n; x++) {
            uint64_t d = kmax - score_key(c[x].s);
            if (d <= cut)
                tmp[at[d]++] = c[x];
        }
        /* an insertion sort of tmp[0..m) into c keeping its first k
         * only (what a full sort keeps): one that does not beat the k-th
         * so far goes no further */
        size_t nk = 0;
        for (size_t x = 0; x < m; x++) {
            cand v = tmp[x];
            size_t p;
            if (nk == k) {
                if (!cand_better(&v, &c[k - 1]))
                    continue;
                p = k - 1;
            } else
                p = nk++;
            for (; p > 0 && cand_better(&v, &c[p - 1]); p--)
                c[p] = c[p - 1];
            c[p] = v;
        }
        return;
    }
    if (m < n) {
        size_t y = 0;
        for (size_t x = 0; x < n; x++) {
            cand v = c[x];
            uint64_t d = kmax - score_key(v.s);
            c[y] = v;
            y += d <= cut;
        }
    }
    if (m > k)
        cand_select(c, m, k);
    if (k > 64)
        qsort(c, k, sizeof *c, cand_cmp);
    else
        cand_sort(c, k);
}

/* How many of feature ft's postings walk_postings visits: a feature
 * more common than the cap (a template word of the group) adds little to
 * a candidate's score: its first ALIGN_COMMON_VISIT holders only, so that
 * every unit holding it still meets the same few. */
static size_t walk_len(const feat *ft)
{
    return ft->df > ALIGN_POSTINGS_CAP && ft->npost > ALIGN_COMMON_VISIT ? ALIGN_COMMON_VISIT
                                                                         : ft->npost;
}

/* The candidate walk of unit i: for every rare feature of i (the first
 * ALIGN_COMMON_VISIT holders of a common one), adds its squared weight
 * into acc[j] for each holder j of a document other than skip (words
 * within i's language, cognates and context amounts across languages
 * only, the rest always); the units touched, in the order first met, into
 * touched. Returns how many. The sums for j do not depend on skip (a
 * holder is skipped with all its postings or with none), so a walk with
 * skip UINT32_MAX gives every unit of i's class (same features, same
 * language) the same scores once its own document's holders are left
 * out. */
__attribute__((always_inline)) static inline size_t
walk_postings(const aligner *A, size_t i, uint32_t skip, const uint64_t *dlang, double *acc,
              size_t *touched)
{
    size_t nt = 0;
    const unit_f *a = &A->uf[i];
    /* the feature records, then their postings, fetched ahead: the
     * loop below would wait for each in turn */
    for (size_t k = 0; k < a->nf + a->nx; k++)
        __builtin_prefetch(&A->fm.f[a->fi[k]]);
    for (size_t k = 0; k < a->nf + a->nx; k++)
        __builtin_prefetch(A->fm.f[a->fi[k]].post);
    for (size_t k = 0; k < a->nf + a->nx; k++) {
        const feat *ft = &A->fm.f[a->fi[k]];
        if (!ft->post)
            continue;
        /* x lists repeat names, dates and amounts: counted once */
        if (k >= a->nf && ft->kind != FK_COGNATE && ft->kind != FK_CTXAMT)
            continue;
        int xonly = ft->kind == FK_COGNATE || ft->kind == FK_CTXAMT;
        int word = ft->kind == FK_WORD;
        double w2 = ft->w * ft->w;
        size_t np = walk_len(ft);   /* (a common feature's first holders) */
        const posting *post = ft->post;
        uint64_t ilang = a->lang;
        if ((word || xonly) && ft->onelang) {
            /* every holder visited is of one language: all of them
             * pass the language test, or none (the same sums) */
            int other = ft->plang != ilang;
            if (other ? word : xonly)
                continue;
            for (size_t p = 0; p < np; p++) {
                const posting *pp = &post[p];
                if (pp->doc == skip)
                    continue;       /* (i itself too) */
                size_t j = pp->unit;
                if (acc[j] == 0)
                    touched[nt++] = j;
                acc[j] += w2;
            }
            continue;
        }
        for (size_t p = 0; p < np; p++) {
            const posting *pp = &post[p];
            if (pp->doc == skip)
                continue;       /* (i itself too) */
            if (word || xonly) {
                int other = dlang[pp->doc] != ilang;
                if (other ? word : xonly)
                    continue;
            }
            size_t j = pp->unit;
            if (acc[j] == 0)
                touched[nt++] = j;
            acc[j] += w2;
        }
    }
    return nt;
}

/* What sim_scatter answers for a pair (find_edges keeps those of a
 * unit's candidates of classes of several: another candidate of the same
 * class gets the same answer without the walk). */
typedef struct simres {
    double s;
    size_t shared, pair;
    int xlang;
} simres;

/* What the units of one class of several got from sim_scatter, by the
 * class of the other unit: a unit of the class after the first reuses
 * them (the same features: the same answers). */
enum { CLASS_MEMO = 24 };
typedef struct classmemo {
    uint32_t cls[CLASS_MEMO];
    double s[CLASS_MEMO];
    uint32_t shared[CLASS_MEMO], pair[CLASS_MEMO]; /* (each < 2^32: 96 features) */
    unsigned char xlang[CLASS_MEMO];
    uint32_t n;
} classmemo;

/* Candidate pairs from the inverted index, scored exactly; appends edges
 * and conflict pairs. A pair that each unit has among its candidates is
 * scored once, when the first of the two is visited (the score is
 * symmetric: the second visit would add the same edge again). */
static void find_edges(aligner *A, edge **edges, size_t *nedges, edge **conf, size_t *nconf)
{
    rc_align *al = A->al;
    size_t nu = al->nunits;
    double *acc = scr_calloc(nu ? nu : 1, sizeof *acc);
    size_t *touched = scr_alloc((nu ? nu : 1) * sizeof *touched);
    cand *cbuf = scr_alloc((nu ? nu : 1) * sizeof *cbuf);
    cand *ctmp = scr_alloc((nu ? nu : 1) * sizeof *ctmp);
    /* each unit's candidates, ALIGN_CAND_CAP slots (UINT32_MAX unused;
     * a class's walk writes its units' lists ahead of their visits): a
     * pair (j, i), j < i, was scored from j's side when i is among j's */
    uint32_t *clist = scr_alloc((nu ? nu : 1) * ALIGN_CAND_CAP * sizeof *clist);
    /* the same test through the other side's lists: each unit x's earlier
     * units j whose list holds x, as a linked list (rhead[x], then rnext,
     * the unit in rfrom), appended at j's visit once its list is final;
     * at x's visit they are stamped in scored (scored[j] == x), and a
     * candidate j < x was scored from j's side when stamped: the answer
     * of a scan of j's list, without it */
    uint32_t *rhead = scr_alloc((nu ? nu : 1) * sizeof *rhead);
    uint32_t *rnext = scr_alloc((nu ? nu : 1) * ALIGN_CAND_CAP * sizeof *rnext);
    uint32_t *rfrom = scr_alloc((nu ? nu : 1) * ALIGN_CAND_CAP * sizeof *rfrom);
    uint32_t *scored = scr_alloc((nu ? nu : 1) * sizeof *scored);
    size_t nrev = 0;
    for (size_t u = 0; u < nu; u++)
        rhead[u] = scored[u] = UINT32_MAX;
    /* each unit's document, for the lists below */
    uint32_t *udoc = scr_alloc((nu ? nu : 1) * sizeof *udoc);
    for (size_t u = 0; u < nu; u++) {
        udoc[u] = (uint32_t)al->units[u].doc;
    }
    /* each unit's document's units, as lists in unit order: dfirst[u] the
     * first unit of u's document, dnext[v] the next one */
    size_t *dfirst = scr_alloc((nu ? nu : 1) * sizeof *dfirst);
    size_t *dnext = scr_alloc((nu ? nu : 1) * sizeof *dnext);
    /* each document's language (a unit's is its document's) */
    uint64_t *dlang;
    {
        size_t maxdoc = 0;
        for (size_t u = 0; u < nu; u++)
            if (udoc[u] + 1u > maxdoc)
                maxdoc = udoc[u] + 1u;
        dlang = scr_calloc(maxdoc ? maxdoc : 1, sizeof *dlang);
        for (size_t u = 0; u < nu; u++)
            dlang[udoc[u]] = A->uf[u].lang;
        size_t *last = scr_alloc((maxdoc ? maxdoc : 1) * sizeof *last);
        size_t *head = scr_alloc((maxdoc ? maxdoc : 1) * sizeof *head);
        for (size_t d = 0; d < maxdoc; d++)
            last[d] = head[d] = SIZE_MAX;
        for (size_t u = 0; u < nu; u++) {
            dnext[u] = SIZE_MAX;
            if (last[udoc[u]] != SIZE_MAX)
                dnext[last[udoc[u]]] = u;
            else
                head[udoc[u]] = u;
            last[udoc[u]] = u;
        }
        for (size_t u = 0; u < nu; u++)
            dfirst[u] = head[udoc[u]];
            }
    /* each class's units (unit_classes), as lists in unit order: the
     * class's first unit is its name, cnext[u] the next unit of u's */
    size_t *cnext = scr_alloc((nu ? nu : 1) * sizeof *cnext);
    uint32_t *csize = scr_calloc(nu ? nu : 1, sizeof *csize);
    {
        size_t *last = scr_alloc((nu ? nu : 1) * sizeof *last);
        for (size_t u = 0; u < nu; u++) {
            cnext[u] = SIZE_MAX;
            if (A->cls[u] != u)
                cnext[last[A->cls[u]]] = u;
            last[A->cls[u]] = u;
            csize[A->cls[u]]++;
        }
        }
    uint32_t *dcnt = NULL;      /* per document: class candidates in it */
    {
        size_t maxdoc = 0;
        for (size_t u = 0; u < nu; u++)
            if (udoc[u] + 1u > maxdoc)
                maxdoc = udoc[u] + 1u;
        dcnt = scr_calloc(maxdoc ? maxdoc : 1, sizeof *dcnt);
    }
    /* per class of several (by its first unit): index into cmemo */
    uint32_t *cmemo_at = scr_alloc((nu ? nu : 1) * sizeof *cmemo_at);
    for (size_t u = 0; u < nu; u++)
        cmemo_at[u] = UINT32_MAX;
    classmemo *cmemo = NULL;
    size_t ncmemo = 0, ccmemo = 0;
    size_t ne = 0, nc = 0, cc = 0;
    /* the edges: at most one per candidate of each unit (scratch) */
    *edges = scr_alloc((nu ? nu : 1) * ALIGN_CAND_CAP * sizeof **edges);
    scatter S;
    scatter_init(&S, A);
    for (size_t i = 0; i < nu; i++) {
        size_t nt = 0;
        const unit_f *a = &A->uf[i];
        uint32_t idoc = udoc[i];
        uint32_t *mine = clist + i * ALIGN_CAND_CAP;
        if (csize[A->cls[i]] > 1) {
            /* a unit of a class of several: the class's first unit walks
             * once for all (no document left out), then each unit's
             * list is the one its own walk gives: the candidates of
             * other documents, the ALIGN_CAND_CAP best sorted when there
             * are more, else in the order first met (the same scores,
             * the same total order). The lists go to the units' rows of
             * clist, read at their turn (a row is read for the pairs
             * test only once its unit is passed). */
            if (A->cls[i] == i) {
                size_t ntc = walk_postings(A, i, UINT32_MAX, dlang, acc, touched);
                for (size_t x = 0; x < ntc; x++)
                    dcnt[udoc[touched[x]]]++;
                size_t maxown = 0;
                int need = 0;
                for (size_t m = i; m != SIZE_MAX; m = cnext[m]) {
                    size_t own = dcnt[udoc[m]];
                    uint32_t *row = clist + m * ALIGN_CAND_CAP;
                    if (ntc - own > ALIGN_CAND_CAP) {
                        need = 1;
                        maxown = own > maxown ? own : maxown;
                        continue;
                    }
                    size_t y = 0;
                    for (size_t x = 0; x < ntc; x++)
                        if (udoc[touched[x]] != udoc[m])
                            row[y++] = (uint32_t)touched[x];
                    for (; y < ALIGN_CAND_CAP; y++)
                        row[y] = UINT32_MAX;
                }
                if (need) {
                    uint64_t kmax = 0;
                    for (size_t x = 0; x < ntc; x++) {
                        cbuf[x] = (cand){acc[touched[x]], touched[x]};
                        uint64_t key = score_key(cbuf[x].s);
                        kmax = key > kmax ? key : kmax;
                    }
                    /* the best ALIGN_CAND_CAP of every unit's document's
                     * others are among the best ALIGN_CAND_CAP + own */
                    size_t top = ALIGN_CAND_CAP + maxown;
                    cand_top(cbuf, ntc, top, kmax, ctmp);
                    for (size_t m = i; m != SIZE_MAX; m = cnext[m]) {
                        size_t own = dcnt[udoc[m]];
                        if (ntc - own <= ALIGN_CAND_CAP)
                            continue;
                        uint32_t *row = clist + m * ALIGN_CAND_CAP;
                        for (size_t x = 0, y = 0; y < ALIGN_CAND_CAP; x++)
                            if (udoc[cbuf[x].j] != udoc[m])
                                row[y++] = (uint32_t)cbuf[x].j;
                    }
                }
                for (size_t x = 0; x < ntc; x++) {
                    acc[touched[x]] = 0;
                    dcnt[udoc[touched[x]]] = 0;
                }
            }
            while (nt < ALIGN_CAND_CAP && mine[nt] != UINT32_MAX) {
                touched[nt] = mine[nt];
                nt++;
            }
        } else {
            nt = walk_postings(A, i, idoc, dlang, acc, touched);
            /* keep the best ALIGN_CAND_CAP candidates, best first (higher
             * score, then lower unit: a total order, so the same list a
             * full sort gives): a quickselect of the best ALIGN_CAND_CAP in
             * O(nt), then those sorted */
            if (nt > ALIGN_CAND_CAP) {
                uint64_t kmax = 0;
                for (size_t x = 0; x < nt; x++) {
                    cbuf[x] = (cand){acc[touched[x]], touched[x]};
                    acc[touched[x]] = 0;
                    uint64_t key = score_key(cbuf[x].s);
                    kmax = key > kmax ? key : kmax;
                }
                cand_top(cbuf, nt, ALIGN_CAND_CAP, kmax, ctmp);
                for (size_t m = 0; m < ALIGN_CAND_CAP; m++)
                    touched[m] = cbuf[m].j;
                nt = ALIGN_CAND_CAP;
            }
        }
        /* the pairs already scored from the other side; i's own later
         * candidates, for their visit */
        for (size_t x = 0; x < ALIGN_CAND_CAP; x++)
            mine[x] = x < nt ? (uint32_t)touched[x] : UINT32_MAX;
        for (uint32_t e = rhead[i]; e != UINT32_MAX; e = rnext[e])
            scored[rfrom[e]] = (uint32_t)i;
        for (size_t x = 0; x < nt; x++)
            if (touched[x] > i) {
                rfrom[nrev] = (uint32_t)i;
                rnext[nrev] = rhead[touched[x]];
                rhead[touched[x]] = (uint32_t)nrev++;
            }
        /* the similarities to candidates of classes of several, by class */
        uint32_t rowcls[ALIGN_CAND_CAP];
        simres rowsim[ALIGN_CAND_CAP];
        size_t nrow = 0;
        /* i's class's memo, when it has several units */
        classmemo *cm = NULL;
        if (A->hot[i].multi) {
            uint32_t c = A->hot[i].cls;
            if (cmemo_at[c] == UINT32_MAX) {
                if (ncmemo == ccmemo) {
                    ccmemo = ccmemo ? 2 * ccmemo : 64;
                    cmemo = rc_reallocarray(cmemo, ccmemo, sizeof *cmemo);
                }
                cmemo[ncmemo].n = 0;
                cmemo_at[c] = (uint32_t)ncmemo++;
            }
            cm = &cmemo[cmemo_at[c]];
        }
        for (size_t x = 0; x < nt; x++)
            __builtin_prefetch(&A->hot[touched[x]]);
        /* (i's anchor, language and polarity in locals: the loop's
         * stores would make the compiler read them again each time) */
        const uint64_t aanchor = a->anchor, alang = a->lang;
        const int ipol = A->pol[i];
        for (size_t x = 0; x < nt; x++) {
            size_t j = touched[x];
            acc[j] = 0;
            /* the lists sim_scatter walks, a few candidates ahead (their
             * unit_hot records were fetched above) */
            if (x + 2 < nt) {
                const unit_hot *hn = &A->hot[touched[x + 2]];
                __builtin_prefetch(hn->fi);
                __builtin_prefetch(hn->fw);
                __builtin_prefetch(hn->fword);
            }
            /* already scored from j's side */
            if (j < i && scored[j] == (uint32_t)i)
                continue;
            const unit_f *b = &A->uf[j];
            /* one says it stops, the other that it resumes: never one claim */
            if (rc_polarity_clash(ipol, A->pol[j]))
                continue;
            uint64_t banchor = A->hot[j].anchor;
            if (aanchor && banchor && aanchor != banchor) {
                if (alang != A->hot[j].lang)
                    continue;       /* (b's lang in its hot record, fetched) */
                /* (the cheap tests first: all are pure, the similarity of
                 * the rest only when the figures can conflict at all) */
                if (!same_counted(a, b) ||
                    !incompatible(a->value, a->approx, b->value, b->approx))
                    continue;
                size_t sh2 = 0;
                double rest = dot(a, b, &sh2, 1) / (a->norm * b->norm);
                if (rest >= T_CONFLICT &&
                    !doc_has_value(A, dfirst, dnext, i, b->value) &&
                    !doc_has_value(A, dfirst, dnext, j, a->value)) {
                    if (nc == cc) {
                        cc = cc ? cc * 2 : 16;
                        *conf = rc_reallocarray(*conf, cc, sizeof **conf);
                    }
                    (*conf)[nc++] = (edge){(uint32_t)i, (uint32_t)j, rest};
                }
                continue;
            }
            size_t shared = 0, pair = 0;
            int xlang = 0;
            double s;
            /* a candidate of a class already scored for i (the same
             * features: the same answer) */
            size_t r = nrow;
            const unit_hot *hj = &A->hot[j];
            if (hj->multi)
                for (r = 0; r < nrow && rowcls[r] != hj->cls;)
                    r++;
            /* or scored for another unit of i's class (same features:
             * the same answer for every unit of j's class) */
            size_t e = CLASS_MEMO;
            if (r == nrow && cm)
                for (e = 0; e < cm->n && cm->cls[e] != hj->cls;)
                    e++;
            if (r < nrow) {
                s = rowsim[r].s;
                shared = rowsim[r].shared;
                pair = rowsim[r].pair;
                xlang = rowsim[r].xlang;
            } else if (cm && e < cm->n) {
                s = cm->s[e];
                shared = cm->shared[e];
                pair = cm->pair[e];
                xlang = cm->xlang[e];
            } else {
                scatter_unit(&S, A, i);
                s = sim_scatter(A, &S, j, &shared, &xlang, &pair);
                if (hj->multi) {
                    rowcls[nrow] = hj->cls;
                    rowsim[nrow++] = (simres){s, shared, pair, xlang};
                }
                if (cm && cm->n < CLASS_MEMO) {
                    cm->cls[cm->n] = hj->cls;
                    cm->s[cm->n] = s;
                    cm->shared[cm->n] = (uint32_t)shared;
                    cm->pair[cm->n] = (uint32_t)pair;
                    cm->xlang[cm->n++] = (unsigned char)xlang;
                }
            }
            int same_amount = aanchor && aanchor == banchor;
            if (A->debug)
                fprintf(stderr, "align: %zu:%zu ~ %zu:%zu %.3f (%zu shared, %zu words%s)\n",
                        al->units[i].doc, al->units[i].sentence, al->units[j].doc,
                        al->units[j].sentence, s, shared, pair, xlang ? ", xlang" : "");
            /* within one language, names and dates alone ("X ... in 2019")
             * are not content enough: a shared word or the same amount */
            size_t nwords = pair % 1000 + pair / 1000;
            if (!xlang && !nwords && !same_amount)
                continue;
            int ok;
            if (xlang)
                ok = xlang_edge(A, a, b, s, shared);
            else
                ok = shared >= 2 && s >= (same_amount ? T_EDGE_SAME_AMOUNT : T_EDGE);
            ok |= !xlang && shared >= 3 && s >= T_EDGE_WIDE;
            /* a word only these two sentences use, and another shared word */
            ok |= !xlang && shared >= 3 && pair >= 1000 && pair % 1000 + pair / 1000 >= 2 &&
                  s >= T_EDGE_PAIR;
            if (!ok)
                continue;
            (*edges)[ne++] = (edge){(uint32_t)(i < j ? i : j), (uint32_t)(i < j ? j : i), s};
        }
    }
    scatter_cleanup(&S);
    free(cmemo);
    *nedges = ne;
    *nconf = nc;
}

/* What link_bound reads of a full sample (ALIGN_LINK_SAMPLE members: it
 * never changes once the cluster has that many), summed once per cluster:
 * for each distinct feature f of the sample's lists, c = the sum over
 * its units holding f of bound_coef (the scattered side's PY(f)) and
 * w = the sum of fw * bound_coef (the walked side's weighted PX(f)).
 * ok is 0 when the bound cannot be used (a unit without a norm, or
 * members of several languages), lang the sample's language. */
typedef struct linkvec {
    uint32_t *f;
    double *c, *w;
    size_t n;
    uint64_t lang;
    int ok;
} linkvec;

typedef struct cluster {
    size_t *m;          /* members; a unit's own slot of make_groups' array
                           while it is alone (cap 0: not owned) */
    linkvec *lv;        /* its full sample's sums (owned), NULL until used */
    size_t n, cap;
    uint64_t anchor;
    unsigned pol;       /* polarities of its members: 1 resume, 2 stop */
    /* sample_classes of its first sn members (sn 0: not yet): the
     * members only grow by appending, so they stay the same for sn */
    unsigned char scls[ALIGN_LINK_SAMPLE], snd, sn;
} cluster;

/* Root of cluster c in the parent array par (path halving; the parents
 * apart from the clusters: the edge loop walks them for every edge). */
static size_t root(uint32_t *par, size_t c)
{
    while (par[c] != c) {
        par[c] = par[par[c]];
        c = par[c];
    }
    return c;
}

/* 1 when the mean similarity between sampled members of clusters x and y
 * (the first ALIGN_LINK_SAMPLE of each) is at least T_LINK. Stops as soon
 * as the answer is known: the sum only grows (similarities are >= 0), and
 * a similarity is a cosine, at most 1 (1.001 allowed for rounding). */
/* The coefficient of the k-th feature of unit u in link_bound: 1 / |u|
 * plus 1 / |clause c| for each clause c of u holding it. */
static double bound_coef(const unit_f *u, size_t k)
{
    double c = 1.0 / u->norm;
    for (unsigned bits = u->fcl[k]; bits; bits &= bits - 1) {
        int cl = __builtin_ctz(bits);
        if (cl < (int)u->ncl && u->cnorm[cl] > 0)
            c += 1.0 / u->cnorm[cl];
    }
    return c;
}

/* An upper bound of the sum of sim_scatter over every pair of units
 * xm[0..nx) x ym[0..ny), all of one language (the caller checks), or -1
 * when it cannot tell (no norm). Within one language sim_scatter is the
 * largest of the whole sentences' cosine and of clause-against-sentence
 * cosines, so it is at most their sum; each of those is bilinear in the
 * two units' weighted indicator vectors, so summed over all pairs it is
 * one dot product: sum over features f of w(f)^2 * PX(f) * PY(f), with
 * PX(f) the sum over x's units holding f of bound_coef (the cross term of
 * two clauses only adds). Cost O(features of both samples). */
static double link_bound(const aligner *A, scatter *S, const size_t *xm, size_t nx,
                         const size_t *ym, size_t ny)
{
    for (size_t j = 0; j < ny; j++)
        if (!(A->uf[ym[j]].norm > 0))
            return -1;
    for (size_t i = 0; i < nx; i++)
        if (!(A->uf[xm[i]].norm > 0))
            return -1;
    for (size_t j = 0; j < ny; j++) {
        const unit_f *b = &A->uf[ym[j]];
        if (!b->ncl) {
            double c = 1.0 / b->norm;
            for (size_t k = 0; k < b->nf; k++)
                S->acc[b->fi[k]] += c;
        } else
            for (size_t k = 0; k < b->nf; k++)
                S->acc[b->fi[k]] += bound_coef(b, k);
    }
    double u = 0;
    for (size_t i = 0; i < nx; i++) {
        const unit_f *a = &A->uf[xm[i]];
        if (!a->ncl) {
            double v = 0;
            for (size_t k = 0; k < a->nf; k++)
                v += a->fw[k] * S->acc[a->fi[k]];
            u += v / a->norm;
        } else
            for (size_t k = 0; k < a->nf; k++)
                u += a->fw[k] * bound_coef(a, k) * S->acc[a->fi[k]];
    }
    for (size_t j = 0; j < ny; j++) {
        const unit_f *b = &A->uf[ym[j]];
        for (size_t k = 0; k < b->nf; k++)
            S->acc[b->fi[k]] = 0;
    }
    return u;
}

/* The sums of the full sample m[0..n) of a cluster for link_bound (see
 * linkvec), built with S->acc (left all 0). Cost O(features of the
 * sample). */
static linkvec *linkvec_new(const aligner *A, scatter *S, const size_t *m, size_t n)
{
    linkvec *v = rc_calloc(1, sizeof *v);
    v->lang = A->hot[m[0]].lang;
    v->ok = 1;
    size_t tot = 0;
    for (size_t i = 0; i < n && v->ok; i++) {
        v->ok = A->hot[m[i]].lang == v->lang && A->uf[m[i]].norm > 0;
        tot += A->uf[m[i]].nf;
    }
    if (!v->ok)
        return v;
    v->f = rc_malloc((tot ? tot : 1) * sizeof *v->f);
    for (size_t i = 0; i < n; i++) {
        const unit_f *b = &A->uf[m[i]];
        for (size_t k = 0; k < b->nf; k++) {
            if (S->acc[b->fi[k]] == 0)
                v->f[v->n++] = b->fi[k];
            S->acc[b->fi[k]] += bound_coef(b, k);
        }
    }
    v->c = rc_malloc((v->n ? v->n : 1) * sizeof *v->c);
    v->w = rc_malloc((v->n ? v->n : 1) * sizeof *v->w);
    for (size_t t = 0; t < v->n; t++) {
        v->c[t] = S->acc[v->f[t]];
        S->acc[v->f[t]] = 0;
    }
    for (size_t i = 0; i < n; i++) {
        const unit_f *b = &A->uf[m[i]];
        for (size_t k = 0; k < b->nf; k++)
            S->acc[b->fi[k]] += b->fw[k] * bound_coef(b, k);
    }
    for (size_t t = 0; t < v->n; t++) {
        v->w[t] = S->acc[v->f[t]];
        S->acc[v->f[t]] = 0;
    }
    return v;
}

/* Release v (NULL allowed). */
static void linkvec_free(linkvec *v)
{
    if (!v)
        return;
    free(v->f);
    free(v->c);
    free(v->w);
    free(v);
}

/* link_bound(A, S, xm, nx, ym, ny) through the sums of either full
 * sample when given (vx for x's, vy for y's, each NULL or ok): the same
 * bound, the terms summed in another order (the caller's margin covers
 * the rounding). Cost O(features of one side) when a side is summed. */
static double link_bound_v(const aligner *A, scatter *S, const size_t *xm, size_t nx,
                           const linkvec *vx, const size_t *ym, size_t ny, const linkvec *vy)
{
    if (!vx && !vy)
        return link_bound(A, S, xm, nx, ym, ny);
    if (!vx)
        for (size_t i = 0; i < nx; i++)
            if (!(A->uf[xm[i]].norm > 0))
                return -1;
    if (!vy)
        for (size_t j = 0; j < ny; j++)
            if (!(A->uf[ym[j]].norm > 0))
                return -1;
    if (vy)
        for (size_t t = 0; t < vy->n; t++)
            S->acc[vy->f[t]] = vy->c[t];
    else
        for (size_t j = 0; j < ny; j++) {
            const unit_f *b = &A->uf[ym[j]];
            for (size_t k = 0; k < b->nf; k++)
                S->acc[b->fi[k]] += bound_coef(b, k);
        }
    double u = 0;
    if (vx)
        for (size_t t = 0; t < vx->n; t++)
            u += vx->w[t] * S->acc[vx->f[t]];
    else
        for (size_t i = 0; i < nx; i++) {
            const unit_f *a = &A->uf[xm[i]];
            for (size_t k = 0; k < a->nf; k++)
                u += a->fw[k] * bound_coef(a, k) * S->acc[a->fi[k]];
        }
    if (vy)
        for (size_t t = 0; t < vy->n; t++)
            S->acc[vy->f[t]] = 0;
    else
        for (size_t j = 0; j < ny; j++) {
            const unit_f *b = &A->uf[ym[j]];
            for (size_t k = 0; k < b->nf; k++)
                S->acc[b->fi[k]] = 0;
        }
    return u;
}

/* The linkvec of cluster c when its sample is full (built on first use),
 * NULL when it is not. */
static const linkvec *cluster_linkvec(const aligner *A, scatter *S, cluster *c)
{
    if (c->n < ALIGN_LINK_SAMPLE)
        return NULL;
    if (!c->lv)
        c->lv = linkvec_new(A, S, c->m, ALIGN_LINK_SAMPLE);
    return c->lv;
}

/* The classes of sample members m[0..n) (n <= ALIGN_LINK_SAMPLE): the
 * distinct classes in first-seen order into r, each member's rank among
 * them into c; returns their count. */
static size_t sample_classes(const aligner *A, const size_t *m, size_t n, uint32_t *r,
                             unsigned char *c)
{
    size_t nd = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t cl = A->cls[m[i]];
        size_t k = 0;
        while (k < nd && r[k] != cl)
            k++;
        if (k == nd)
            r[nd++] = cl;
        c[i] = (unsigned char)k;
    }
    return nd;
}

/* The classes of cluster c's sample of n members (sample_classes: each
 * member's rank among the distinct classes, c->snd of them), kept with
 * the cluster for the next test with the same sample size. */
static const unsigned char *cluster_classes(const aligner *A, cluster *c, size_t n)
{
    if (c->sn != n) {
        uint32_t r[ALIGN_LINK_SAMPLE];
        c->snd = (unsigned char)sample_classes(A, c->m, n, r, c->scls);
        c->sn = (unsigned char)n;
    }
    return c->scls;
}

/* Whether clusters x and y may merge under average linkage: the mean
 * similarity over the pairs of their samples (the first
 * ALIGN_LINK_SAMPLE members of each) is at least T_LINK. Returns 1 or 0
 * (0 when either sample is empty); S is scratch, and a full sample's
 * link sums are kept with its cluster (cluster_linkvec). */
static int mean_link_ok(const aligner *A, scatter *S, cluster *x, cluster *y)
{
    size_t nx = x->n < ALIGN_LINK_SAMPLE ? x->n : ALIGN_LINK_SAMPLE;
    size_t ny = y->n < ALIGN_LINK_SAMPLE ? y->n : ALIGN_LINK_SAMPLE;
    if (!nx || !ny)
        return 0;
    double n = (double)(nx * ny), need = T_LINK * n;
    /* a bound on the whole sum, when the samples are of one language,
     * may show at once that the test fails: tried first (the sum alone
     * settles it quickly only when it passes, and the bound leaves no
     * pair to sum when it fails); the margin covers any rounding of
     * either sum, so the answer is the one of the sum. A full sample's
     * sums are kept with its cluster. */
    if (nx * ny > 2 * LINK_BOUND_AFTER) {
        const linkvec *vx = cluster_linkvec(A, S, x), *vy = cluster_linkvec(A, S, y);
        int one = (!vx || vx->ok) && (!vy || vy->ok);
        uint64_t lang = vx ? vx->lang : A->hot[x->m[0]].lang;
        if (one && vx)
            one = !vy || vy->lang == lang;
        else
            for (size_t k = 1; k < nx && one; k++)
                one = A->hot[x->m[k]].lang == lang;
        if (one && vy)
            one = vy->lang == lang;
        else
            for (size_t k = 0; k < ny && one; k++)
                one = A->hot[y->m[k]].lang == lang;
        if (one) {
            double u = link_bound_v(A, S, x->m, nx, vx, y->m, ny, vy);
            if (u >= 0 && u * 1.000001 < need)
                return 0;
        }
    }
    /* members of one class (same features) have the same similarities:
     * each pair of classes is scored once, the sum taken in the same order */
    const unsigned char *cx = cluster_classes(A, x, nx), *cy = cluster_classes(A, y, ny);
    size_t ndx = x->snd, ndy = y->snd;
    double memo[ALIGN_LINK_SAMPLE][ALIGN_LINK_SAMPLE];
    unsigned char have[ALIGN_LINK_SAMPLE][ALIGN_LINK_SAMPLE];
    for (size_t i = 0; i < ndx; i++)
        memset(have[i], 0, ndy);
    /* y a single unit and x of several classes: y is spread once and
     * each class of x walked (sim_scatter the other way round), summed in
     * the same order. Both ways give the same whole-sentence and clause
     * sums and cosines to the bit; only a clause skipped by its norm
     * bound (lo / hi <= best) may leave the larger of two values an ulp
     * apart, so the sum is within 1e-11 of the other (at most 256 terms
     * of at most 1): the answer is taken only outside a 1e-9 margin of
     * the threshold (and a failure only with the margin too); inside it,
     * the test is done again the usual way below. */
    if (ny == 1 && ndx > 1) {
        double s = 0;
        size_t left = nx;
        for (size_t i = 0; i < nx; i++) {
            if (!have[cx[i]][0]) {
                scatter_unit(S, A, y->m[0]);
                memo[cx[i]][0] = sim_scatter(A, S, x->m[i], NULL, NULL, NULL);
                have[cx[i]][0] = 1;
            }
            s += memo[cx[i]][0];
            left--;
            if (s >= need * (1 + 1e-9))
                return 1;
            if (s + (double)left * 1.001 < need * 0.998)
                return 0;
        }
        if (s <= need * (1 - 1e-9))
            return 0;
        for (size_t i = 0; i < ndx; i++)
            have[i][0] = 0;
    }
    double s = 0;
    size_t left = nx * ny;
    for (size_t i = 0; i < nx; i++)
        for (size_t j = 0; j < ny; j++) {
            if (!have[cx[i]][cy[j]]) {
                scatter_unit(S, A, x->m[i]);
                memo[cx[i]][cy[j]] = sim_scatter(A, S, y->m[j], NULL, NULL, NULL);
                have[cx[i]][cy[j]] = 1;
            }
            s += memo[cx[i]][cy[j]];
            left--;
            if (s / n >= T_LINK)
                return 1;
            if (s + (double)left * 1.001 < need * 0.999)
                return 0;
        }
    return s / n >= T_LINK;
}

/* Failed average-link tests: a cluster's sample is the first members of
 * its list, which only grows by appending, so (root, sample size) fixes
 * it and a test that failed for two (root, sample size) pairs fails
 * again: not redone (nor when the clusters grew past the sample). */
typedef struct linkkey {
    size_t x, nx, y, ny;
} linkkey;

typedef struct linkset {
    linkkey *k;         /* open addressing; nx == 0 marks an empty slot */
    size_t n, cap;      /* cap a power of two */
} linkset;

/* Slot of key in s (where it is, or the empty slot it would go to). */
static size_t linkset_slot(const linkset *s, const linkkey *key)
{
    uint64_t h = ((uint64_t)key->x * 0x9E3779B97F4A7C15ull) ^ ((uint64_t)key->nx * 0xC2B2AE3D27D4EB4Full) ^
                 ((uint64_t)key->y * 0x165667B19E3779F9ull) ^ ((uint64_t)key->ny * 0x27D4EB2F165667C5ull);
    h ^= h >> 31;
    size_t i = (size_t)h & (s->cap - 1);
    while (s->k[i].nx && memcmp(&s->k[i], key, sizeof *key) != 0)
        i = (i + 1) & (s->cap - 1);
    return i;
}

/* 1 when key is in s (s may be empty). */
static int linkset_has(const linkset *s, const linkkey *key)
{
    return s->cap && s->k[linkset_slot(s, key)].nx != 0;
}

/* Add key to s. */
static void linkset_add(linkset *s, const linkkey *key)
{
    if ((s->n + 1) * 2 > s->cap) {
        linkset old = *s;
        s->cap = s->cap ? s->cap * 2 : 256;
        s->k = rc_calloc(s->cap, sizeof *s->k);
        s->n = 0;
        for (size_t i = 0; i < old.cap; i++)
            if (old.k[i].nx) {
                s->k[linkset_slot(s, &old.k[i])] = old.k[i];
                s->n++;
            }
        free(old.k);
    }
    size_t i = linkset_slot(s, key);
    if (!s->k[i].nx) {
        s->k[i] = *key;
        s->n++;
    }
}

/* 1 when cluster c (root r in par) holds a unit of the document of unit
 * u (u not in c). A small cluster's members are scanned; for a large one,
 * when each document's units are consecutive (runs), the units of u's
 * document (around u) are tested for root r instead: the same answer, in
 * at most the document's units. */
static int cluster_has_doc(const aligner *A, uint32_t *par, const cluster *c, size_t r,
                           size_t u, int runs)
{
    const rc_align_unit *un = A->al->units;
    size_t doc = un[u].doc;
    if (c->n <= 16 || !runs) {
        for (size_t i = 0; i < c->n; i++)
            if (un[c->m[i]].doc == doc)
                return 1;
        return 0;
    }
    for (size_t v = u; v-- > 0 && un[v].doc == doc;)
        if (root(par, v) == r)
            return 1;
    for (size_t v = u + 1; v < A->al->nunits && un[v].doc == doc; v++)
        if (root(par, v) == r)
            return 1;
    return 0;
}

/* Merge edges into groups by average linkage; fills al->groups. */
static void make_groups(aligner *A, edge *edges, size_t ne, const edge *conf, size_t nc)
{
    rc_align *al = A->al;
    size_t nu = al->nunits;
    cluster *cl = scr_calloc(nu ? nu : 1, sizeof *cl);
    uint32_t *par = scr_alloc((nu ? nu : 1) * sizeof *par);
    size_t *alone = scr_alloc((nu ? nu : 1) * sizeof *alone);
    for (size_t u = 0; u < nu; u++) {
        par[u] = (uint32_t)u;
        cl[u].cap = 0;
        cl[u].n = 1;
        alone[u] = u;
        cl[u].m = &alone[u];
        cl[u].anchor = A->uf[u].anchor;
        cl[u].pol = A->pol[u] > 0 ? 1u : A->pol[u] < 0 ? 2u : 0u;
    }
    /* whether each document's units are consecutive (cluster_has_doc) */
    int runs = 1;
    {
        size_t maxdoc = 0;
        for (size_t u = 0; u < nu; u++)
            if (al->units[u].doc + 1 > maxdoc)
                maxdoc = al->units[u].doc + 1;
        unsigned char *seen = scr_calloc(maxdoc ? maxdoc : 1, 1);
        for (size_t u = 0; u < nu && runs; u++) {
            size_t d = al->units[u].doc;
            if (u && al->units[u - 1].doc == d)
                continue;
            runs = !seen[d];
            seen[d] = 1;
        }
    }
    sort_edges(edges, ne);
    linkset failed = {NULL, 0, 0};
    scatter S;
    scatter_init(&S, A);
    for (size_t e = 0; e < ne; e++) {
        if (e && edges[e].i == edges[e - 1].i && edges[e].j == edges[e - 1].j)
            continue;
        size_t x = root(par, edges[e].i), y = root(par, edges[e].j);
        if (x == y)
            continue;
        if (cl[x].anchor && cl[y].anchor && cl[x].anchor != cl[y].anchor)
            continue;
        if ((cl[x].pol | cl[y].pol) == 3)
            continue;           /* members would contradict each other */
        /* a sentence reporting or denying what someone said restates the
         * claim in few words: alone, it joins a group through its edge */
        int lone = (cl[x].n == 1 && A->reports[cl[x].m[0]] &&
                    !cluster_has_doc(A, par, &cl[y], y, cl[x].m[0], runs)) ||
                   (cl[y].n == 1 && A->reports[cl[y].m[0]] &&
                    !cluster_has_doc(A, par, &cl[x], x, cl[y].m[0], runs));
        if ((cl[x].n > 1 || cl[y].n > 1) && !lone) {
            /* the test reads the first ALIGN_LINK_SAMPLE members only */
            linkkey key = {x, cl[x].n < ALIGN_LINK_SAMPLE ? cl[x].n : ALIGN_LINK_SAMPLE, y,
                           cl[y].n < ALIGN_LINK_SAMPLE ? cl[y].n : ALIGN_LINK_SAMPLE};
            if (linkset_has(&failed, &key))
                continue;
            if (!mean_link_ok(A, &S, &cl[x], &cl[y])) {
                linkset_add(&failed, &key);
                continue;
            }
        }
        if (x > y) {
            size_t t = x;
            x = y;
            y = t;
        }
        if (cl[x].n + cl[y].n > cl[x].cap) {
            size_t cap = (cl[x].n + cl[y].n) * 2;
            size_t *m = cl[x].cap ? cl[x].m : NULL;
            m = rc_reallocarray(m, cap, sizeof *m);
            if (!cl[x].cap)
                memcpy(m, cl[x].m, cl[x].n * sizeof *m);
            cl[x].m = m;
            cl[x].cap = cap;
        }
        memcpy(cl[x].m + cl[x].n, cl[y].m, cl[y].n * sizeof *cl[y].m);
        cl[x].n += cl[y].n;
        if (!cl[x].anchor)
            cl[x].anchor = cl[y].anchor;
        cl[x].pol |= cl[y].pol;
        par[y] = (uint32_t)x;
        if (cl[y].cap)
            free(cl[y].m);
        linkvec_free(cl[y].lv);
        cl[y].lv = NULL;
        cl[y].m = NULL;
        cl[y].cap = 0;
        cl[y].n = 0;
    }
    free(failed.k);
    scatter_cleanup(&S);
    /* groups in order of their first unit (roots are their smallest unit) */
    size_t *gid = scr_alloc((nu ? nu : 1) * sizeof *gid);
    al->groups = rc_calloc(nu ? nu : 1, sizeof *al->groups);
    for (size_t u = 0; u < nu; u++) {
        size_t r = root(par, u);
        if (r == u) {
            gid[u] = al->ngroups;
            rc_align_group *g = &al->groups[al->ngroups++];
            g->conflict = -1;
            g->units = rc_malloc(cl[u].n * sizeof *g->units);
        }
    }
    for (size_t u = 0; u < nu; u++) {
        rc_align_group *g = &al->groups[gid[root(par, u)]];
        g->units[g->nunits++] = u;
        al->units[u].group = gid[root(par, u)];
    }
    /* distinct documents per group: a mark per document (the group that
     * last counted it), not a scan of the group's earlier units */
    size_t maxdoc = 0;
    for (size_t u = 0; u < nu; u++)
        if (al->units[u].doc + 1 > maxdoc)
            maxdoc = al->units[u].doc + 1;
    size_t *mark = scr_alloc((maxdoc ? maxdoc : 1) * sizeof *mark);
    for (size_t d = 0; d < maxdoc; d++)
        mark[d] = SIZE_MAX;
    for (size_t g = 0; g < al->ngroups; g++) {
        rc_align_group *gr = &al->groups[g];
        for (size_t k = 0; k < gr->nunits; k++) {
            size_t d = al->units[gr->units[k]].doc;
            gr->ndocs += mark[d] != g;
            mark[d] = g;
        }
    }
    for (size_t c = 0; c < nc; c++) {
        size_t gx = al->units[conf[c].i].group, gy = al->units[conf[c].j].group;
        if (gx != gy && al->groups[gx].conflict < 0 && al->groups[gy].conflict < 0) {
            al->groups[gx].conflict = (int)gy;
            al->groups[gy].conflict = (int)gx;
        }
    }
    for (size_t u = 0; u < nu; u++) {
        if (cl[u].cap)
            free(cl[u].m);
        linkvec_free(cl[u].lv);
    }
}

/* See align.h. */
rc_align *rc_align_new(rc_doc *const *docs, rc_facts *const *facts,
                       const size_t *group, size_t n)
{
    aligner A;
    memset(&A, 0, sizeof A);
    rc_align *al = rc_calloc(1, sizeof *al);
    A.al = al;
    A.debug = getenv("RECOUPE_ALIGN_DEBUG") != NULL;
    uint64_t buf[ALIGN_FEAT_CAP + 1], xbuf[ALIGN_FEAT_CAP + 1];
    unsigned char bcl[ALIGN_FEAT_CAP + 1];
    sent_f *sents = NULL;
    size_t nsents = 0, csents = 0;
    unit_f *uf = NULL;
    size_t cunits = 0;
    /* the sentences and units, sized once (a unit per sentence or per
     * amount: at most the sentences read plus the quantities), not grown
     * by doubling (copies of megabytes, and their fresh pages) */
    for (size_t g = 0; g < n; g++) {
        const rc_doc *d = docs[group[g]];
        const rc_facts *f = facts[group[g]];
        if (!d || !f || !d->tokens)
            continue;
        size_t ns = d->nsentences < ALIGN_SENT_CAP ? d->nsentences : ALIGN_SENT_CAP;
        csents += ns;
        cunits += ns + f->nquantities;
    }
    if (csents)
        sents = scr_alloc(csents * sizeof *sents);
    if (cunits) {
        al->units = rc_malloc(cunits * sizeof *al->units);
        uf = scr_alloc(cunits * sizeof *uf);
    }

    for (size_t g = 0; g < n; g++) {
        size_t di = group[g];
        const rc_doc *d = docs[di];
        const rc_facts *f = facts[di];
        if (!d || !f || !d->tokens)
            continue;
        docmarks m;
        marks_build(&m, d, f);
        size_t ns = d->nsentences < ALIGN_SENT_CAP ? d->nsentences : ALIGN_SENT_CAP;
        size_t *franges = rc_malloc((d->nsentences ? d->nsentences : 1) * 4 * sizeof *franges);
        rc_origin_fact_ranges(d, f, franges);
        for (size_t s = 0; s < ns; s++) {
            int salient = 0;
            size_t nxb = 0, ncl = 1;
            size_t nb = sentence_features(d, f, &m, s, buf, bcl, ALIGN_FEAT_CAP, xbuf, &nxb,
                                          ALIGN_FEAT_CAP, &salient, &ncl);
            sent_f *sf = &sents[nsents++];
            memset(sf, 0, sizeof *sf);
            /* the features in token order with their clauses, then sorted */
            sf->bcl = NULL;
            sf->ncl = ncl;
            if (ncl > 1) {
                sf->bcl = scr_alloc(nb * 9 + 1);
                memcpy(sf->bcl, bcl, nb);
                memcpy(sf->bcl + nb, buf, nb * 8);
                sf->nraw = nb;
            }
            nb = rc_sort_unique(buf, nb);
            nxb = rc_sort_unique(xbuf, nxb);
            sf->doc = di;
            sf->sentence = s;
            sf->base = scr_alloc((nb ? nb : 1) * sizeof *sf->base);
            memcpy(sf->base, buf, nb * sizeof *buf);
            sf->nbase = nb;
            sf->xb = scr_alloc((nxb ? nxb : 1) * sizeof *sf->xb);
            memcpy(sf->xb, xbuf, nxb * sizeof *xbuf);
            sf->nxb = nxb;
            sf->salient = salient;
            size_t ot0 = sentence_token0(d, &m, s);
            sf->pol = rc_polarity_of_at(d, d->sentences[s], ot0);
            /* the words' cues for the claims' origins (crosscheck/origin.h),
             * read here while the sentence's tokens are at hand; when they
             * cover exactly the sentence's tokens, the same pass answers
             * "reports" */
            rc_origin_words ow;
            size_t early = 0;
            size_t ostop = rc_origin_words_of(d, d->sentences[s], ot0, &ow, &early);
            ow.q0 = franges[4 * s];
            ow.q1 = franges[4 * s + 1];
            ow.c0 = franges[4 * s + 2];
            ow.c1 = franges[4 * s + 3];
            if (!early && ot0 == m.first[s] && ostop == m.first[s + 1])
                sf->reports = ow.any;
            else {
                const char *lg = d->lang && (strcmp(d->lang, "fr") == 0 ||
                                             strcmp(d->lang, "en") == 0) ? d->lang : NULL;
                for (size_t t = m.first[s]; t < m.first[s + 1] && !sf->reports; t++) {
                    const rc_token *tk = &d->tokens[t];
                    if (!(tk->flags & RC_TOK_WORD))
                        continue;
                    const char *w = d->text + tk->start;
                    size_t wn = tk->end - tk->start;
                    sf->reports = rc_origin_cues(lg, w, wn) != 0;
                }
            }
            for (size_t k = 0; k < nb; k++) {
                size_t fi = fmap_get(&A.fm, buf[k], hkind(buf[k]));
                A.fm.f[fi].df++;
            }
            for (size_t k = 0; k < nxb; k++) {
                size_t fi = fmap_get(&A.fm, xbuf[k], hkind(xbuf[k]));
                A.fm.f[fi].df++;
            }
            /* one unit per amount, else one for the sentence */
            rc_span sp = d->sentences[s];
            size_t nanch = 0;
            size_t nq = m.qi ? m.qat[s + 1] - m.qat[s] : f->nquantities;
            for (size_t i = 0; i < nq; i++) {
                size_t q = m.qi ? m.qi[m.qat[s] + i] : i;
                const rc_quantity *qt = &f->quantities[q];
                if (qt->start < sp.start || qt->start >= sp.end || !is_amount(qt))
                    continue;
                uint64_t ah = amount_hash(qt);
                int dup = 0;
                for (size_t u = al->nunits - nanch; u < al->nunits; u++)
                    dup |= uf[u].anchor == ah;
                if (dup)
                    continue;
                rc_align_unit *u = &al->units[al->nunits];
                unit_f *x = &uf[al->nunits++];
                memset(u, 0, sizeof *u);
                memset(x, 0, sizeof *x);
                u->doc = di;
                u->sentence = s;
                u->quantity = (int)q;
                u->salient = 1;
                u->words = ow;
                x->anchor = ah;
                {
                    char b[32];
                    int k2 = rc_align_amount_text(b, sizeof b, qt->value, qt->percent, NULL, 0);
                    x->actx = fhash(FK_CTXAMT, b, k2 > 0 ? (size_t)k2 : 0);
                }
                x->value = qt->value;
                x->approx = qt->approximate || qt->bound == RC_BOUND_ABOUT;
                uint64_t cs[8];
                x->ncounted = counted_stems(d, &m, qt, m.first[s], cs, 8);
                x->counted = scr_alloc((x->ncounted ? x->ncounted : 1) * sizeof *cs);
                memcpy(x->counted, cs, x->ncounted * sizeof *cs);
                size_t fi = fmap_get(&A.fm, x->anchor, FK_AMOUNT);
                A.fm.f[fi].df++;
                nanch++;
            }
            if (!nanch) {
                rc_align_unit *u = &al->units[al->nunits];
                memset(u, 0, sizeof *u);
                memset(&uf[al->nunits], 0, sizeof *uf);
                al->nunits++;
                u->doc = di;
                u->sentence = s;
                u->quantity = -1;
                u->salient = salient;
                u->words = ow;
            }
        }
        marks_cleanup(&m);
        free(franges);
    }
    A.uf = uf;
    A.reports = scr_calloc(al->nunits ? al->nunits : 1, 1);
    A.pol = scr_calloc(al->nunits ? al->nunits : 1, 1);

    /* each unit's features: its sentence's, plus its amount */
    for (size_t s = 0, u = 0; s < nsents; s++) {
        /* units of sentence s are consecutive */
        size_t u0 = u;
        while (u < al->nunits && al->units[u].doc == sents[s].doc &&
               al->units[u].sentence == sents[s].sentence)
            u++;
        for (size_t k = u0; k < u; k++) {
            A.reports[k] = (unsigned char)sents[s].reports;
            A.pol[k] = (signed char)sents[s].pol;
        }
        const char *lg = docs[sents[s].doc]->lang;
        uint64_t lang = lg ? rc_hash64(lg, strlen(lg), 0) : 0;
        for (size_t k = u0; k < u; k++) {
            unit_f *x = &uf[k];
            const sent_f *sf = &sents[s];
            x->lang = lang;
            x->nf = sf->nbase + (x->anchor ? 1 : 0);
            /* f, x and the clauses' lists carved from one block (one
             * scratch allocation a unit, not 2 + clauses) */
            size_t nfx = x->nf ? x->nf : 1, nxx = x->nf + sf->nxb + 1;
            uint64_t *blk = scr_alloc((nfx + nxx + (sf->bcl ? sf->ncl * (sf->nraw + 1) : 0)) *
                                      sizeof *blk);
            x->f = blk;
            memcpy(x->f, sf->base, sf->nbase * sizeof *x->f);
            if (x->anchor)
                x->f[sf->nbase] = x->anchor;
            x->nf = rc_sort_unique(x->f, x->nf);
            /* language-independent: names, dates, the anchor, cognates,
             * the sentence's amounts */
            x->x = blk + nfx;
            for (size_t i = 0; i < x->nf; i++)
                if (hkind(x->f[i]) != FK_WORD)
                    x->x[x->nx++] = x->f[i];
            memcpy(x->x + x->nx, sf->xb, sf->nxb * sizeof *x->x);
            x->nx = rc_sort_unique(x->x, x->nx + sf->nxb);
            /* clauses (same language), each with the anchor */
            if (sf->bcl) {
                const unsigned char *cl = sf->bcl;
                const uint64_t *raw = (const uint64_t *)(const void *)(sf->bcl + sf->nraw);
                x->ncl = sf->ncl;
                for (size_t c = 0; c < x->ncl; c++) {
                    x->cf[c] = blk + nfx + nxx + c * (sf->nraw + 1);
                    for (size_t i = 0; i < sf->nraw; i++)
                        if (cl[i] == c) {
                            uint64_t h;
                            memcpy(&h, raw + i, sizeof h);
                            x->cf[c][x->ncf[c]++] = h;
                        }
                    if (x->anchor && x->ncf[c])
                        x->cf[c][x->ncf[c]++] = x->anchor;
                    x->ncf[c] = rc_sort_unique(x->cf[c], x->ncf[c]);
                }
            }
        }
    }

    /* weights */
    double S = (double)(nsents ? nsents : 1);
    for (size_t k = 0; k < A.fm.n; k++) {
        feat *ft = &A.fm.f[k];
        double mul = ft->kind == FK_AMOUNT ? 2.0 : ft->kind == FK_DATE ? 1.5 : 1.0;
        if (ft->df == 0)
            ft->df = 1;
        ft->w = mul * log(1.0 + S / (double)(ft->df ? ft->df : 1));
    }
    /* norms and postings of the rare features */
    for (size_t u = 0; u < al->nunits; u++) {
        unit_f *x = &uf[u];
        double nn = 0, xn = 0;
        /* fw, xw, the clauses' weights, fi, then fword and fcl side by
         * side (one line for sim_scatter), carved from one block */
        size_t ncw = 0;
        for (size_t c = 0; c < x->ncl; c++)
            ncw += x->ncf[c];
        double *blk = scr_alloc((x->nf + x->nx + ncw + 1) * sizeof *blk +
                                (x->nf + x->nx + 1) * sizeof *x->fi + (x->nf ? 2 * x->nf : 1));
        x->fw = blk;
        x->xw = blk + x->nf;
        for (size_t c = 0, at = x->nf + x->nx; c < x->ncl; c++) {
            x->cw[c] = blk + at;
            at += x->ncf[c];
        }
        x->fi = (uint32_t *)(void *)(blk + x->nf + x->nx + ncw + 1);
        x->fword = (unsigned char *)(x->fi + x->nf + x->nx + 1);
        for (size_t k = 0; k < x->nf + x->nx; k++) {
            int inx = k >= x->nf;
            size_t idx = fmap_find(&A.fm, inx ? x->x[k - x->nf] : x->f[k]);
            x->fi[k] = (uint32_t)idx;
            feat *ft = &A.fm.f[idx];
            if (inx) {
                x->xw[k - x->nf] = ft->w * ft->w;
                xn += ft->w * ft->w;
            } else {
                x->fw[k] = ft->w * ft->w;
                x->fword[k] = ft->kind != FK_WORD ? 0 : ft->df == 2 ? 2 : 1;
                nn += ft->w * ft->w;
            }
            /* names, dates, anchors sit in both lists: one posting */
            if (inx && ft->kind != FK_COGNATE && ft->kind != FK_CTXAMT)
                continue;
            /* a common feature keeps its first postings only: every unit
             * holding it still meets those, so a fact all the documents
             * share still forms one group, at bounded cost */
            /* (counted here, written below into one array) */
            if (ft->df >= 2 && ft->npost < ALIGN_POSTINGS_CAP)
                ft->npost++;
        }
        x->norm = sqrt(nn);
        x->xnorm = sqrt(xn);
        for (size_t c = 0; c < x->ncl; c++) {
            double cn = 0;
            for (size_t k = 0; k < x->ncf[c]; k++) {
                const feat *ft = &A.fm.f[fmap_find(&A.fm, x->cf[c][k])];
                x->cw[c][k] = ft->w * ft->w;
                cn += ft->w * ft->w;
            }
            x->cnorm[c] = sqrt(cn);
        }
        /* each feature's clauses (a clause's features are among f) */
        x->fcl = x->fword + x->nf;
        memset(x->fcl, 0, x->nf);
        for (size_t c = 0; c < x->ncl; c++)
            for (size_t k = 0, i = 0; k < x->ncf[c]; k++) {
                while (i < x->nf && x->f[i] < x->cf[c][k])
                    i++;
                if (i < x->nf && x->f[i] == x->cf[c][k])
                    x->fcl[i] |= (unsigned char)(1u << c);
            }
    }

    /* the postings, in one array: each feature's run (its npost counted
     * above) filled in unit order, as appending them one by one did */
    {
        size_t total = 0;
        for (size_t k = 0; k < A.fm.n; k++)
            total += A.fm.f[k].npost;
        A.posts = scr_alloc((total ? total : 1) * sizeof *A.posts);
        total = 0;
        for (size_t k = 0; k < A.fm.n; k++) {
            feat *ft = &A.fm.f[k];
            ft->post = ft->npost ? A.posts + total : NULL;
            total += ft->npost;
            ft->cap = 0;        /* (postings written so far) */
        }
        for (size_t u = 0; u < al->nunits; u++) {
            const unit_f *x = &uf[u];
            uint32_t doc = (uint32_t)al->units[u].doc;
            for (size_t k = 0; k < x->nf + x->nx; k++) {
                feat *ft = &A.fm.f[x->fi[k]];
                if (k >= x->nf && ft->kind != FK_COGNATE && ft->kind != FK_CTXAMT)
                    continue;
                if (ft->cap < ft->npost)
                    ft->post[ft->cap++] = (posting){(uint32_t)u, doc};
            }
        }
        /* whether the postings a walk visits are of one language */
        for (size_t k = 0; k < A.fm.n; k++) {
            feat *ft = &A.fm.f[k];
            size_t np = walk_len(ft);
            ft->onelang = np > 0;
            ft->plang = np ? uf[ft->post[0].unit].lang : 0;
            for (size_t p = 1; p < np && ft->onelang; p++)
                ft->onelang = uf[ft->post[p].unit].lang == ft->plang;
        }
    }
    edge *edges = NULL, *conf = NULL;
    size_t ne = 0, nc = 0;
    /* the hot part of each unit, 64-byte aligned */
    A.hotmem = scr_alloc((al->nunits ? al->nunits : 1) * sizeof *A.hot + 63);
    A.hot = (unit_hot *)(((uintptr_t)A.hotmem + 63) & ~(uintptr_t)63);
    unit_classes(&A);
    for (size_t u = 0; u < al->nunits; u++) {
        const unit_f *x = &uf[u];
        A.hot[u] = (unit_hot){x->lang, x->anchor, x->fi, x->fw, x->fword, x->norm,
                              (uint32_t)x->nf, (uint32_t)x->ncl, A.cls[u], 0};
        /* a class's first unit is its smallest: the class has several
         * once another unit names it */
        if (A.cls[u] != u)
            A.hot[u].multi = A.hot[A.cls[u]].multi = 1;
    }
    find_edges(&A, &edges, &ne, &conf, &nc);
    make_groups(&A, edges, ne, conf, nc);
    free(conf);

    free(A.fm.f);
    free(A.fm.slot);
    scr_reset();
    return al;
}

/* See align.h. */
size_t rc_align_cognates(const rc_doc *d, rc_span sp, uint64_t *out, size_t cap)
{
    size_t n = 0;
    for (size_t t = rc_textmodel_token_from(d, sp.start); t < d->ntokens && d->tokens[t].start < sp.end && n < cap;
         t++) {
        uint64_t cg = cognate(d, &d->tokens[t]);
        if (cg)
            out[n++] = cg;
    }
    return n ? rc_sort_unique(out, n) : 0;
}

/* See align.h. */
void rc_align_free(rc_align *al)
{
    if (!al)
        return;
    for (size_t g = 0; g < al->ngroups; g++)
        free(al->groups[g].units);
    free(al->groups);
    free(al->units);
    free(al);
}
