/*
 * quotedrift.c - one quote worded differently or re-attributed; see
 * quotedrift.h.
 */
#include "crosscheck/quotedrift.h"
#include "util/buf.h"
#include "util/hash.h"
#include "util/mem.h"
#include "util/rc.h"
#include <stdlib.h>
#include <string.h>

#define MAX_QSTEMS 64       /* content stems kept per quote */
#define MAX_WORDS 120       /* words aligned per quote */
#define MAX_DIFFS 3         /* differing passages named per entry */

/* Determiners and negations that stopword lists may miss; a short
 * fragment needs two words besides these to be aligned on one shared word. */
static const char *const FUNCTION_WORDS[] = {
    "aucun", "aucune", "nul", "nulle", "tout", "toute", "tous", "toutes", "chaque", "plusieurs",
    "certain", "certaine", "certains", "certaines", "autre", "autres", "même", "mêmes", "tel",
    "telle", "tels", "telles", "jamais", "rien", "none", "any", "every", "all", "each", "other",
    "another", "such", "several", "many", "much", "few", "never", "nothing", "ningún", "ninguna",
    "todo", "toda", "todos", "todas", "nunca", "nada", "kein", "keine", "alle", "nie", NULL};

/* Number of content words of r's quote that are not FUNCTION_WORDS. */
static size_t meaning_words(const rc_doc *d, const rc_quote *q)
{
    size_t c = 0;
    for (size_t t = rc_dgroup_token_at(d, q->start); t < d->ntokens; t++) {
        const rc_token *k = &d->tokens[t];
        if (k->start >= q->end)
            break;
        if (k->start < q->start || !rc_dgroup_content(k))
            continue;
        int fw = 0;
        for (const char *const *w = FUNCTION_WORDS; *w && !fw; w++)
            fw = (*w)[0] == k->norm[0] && strcmp(*w, k->norm) == 0;
        c += (size_t)!fw;
    }
    return c;
}

typedef struct qref {
    size_t doc, q, sent;
    const rc_quote *qt;
    uint64_t feats[MAX_QSTEMS];
    size_t nfeat;
    uint64_t wording;         /* hash of the folded words */
    uint64_t dkey;            /* diff_key */
    size_t lang;              /* index of its document's language among the group's, or
                               * SIZE_MAX when the document has none */
    size_t t0;                /* rc_dgroup_token_at(its document, qt->start) */
    int ent, person;          /* speaker_entity, speaker_person */
    int attr;                 /* sentence_attributed */
} qref;

typedef struct qpair {
    uint64_t feat;
    size_t item;
} qpair;

/* The word tokens of d inside [start, end) into out[0..cap); returns how
 * many. t0 is rc_dgroup_token_at(d, start), found once per quote by the
 * caller. */
static size_t span_words(const rc_doc *d, size_t t0, uint32_t start, uint32_t end, size_t *out,
                         size_t cap)
{
    size_t n = 0;
    for (size_t t = t0; t < d->ntokens && n < cap; t++) {
        if (d->tokens[t].start >= end)
            break;
        if (d->tokens[t].start >= start && (d->tokens[t].flags & (RC_TOK_WORD | RC_TOK_NUM)))
            out[n++] = t;
    }
    return n;
}

/* Entity of a quote's speaker, or -1. */
static int speaker_entity(const rc_dgroup *g, const qref *r)
{
    const rc_facts *f = g->a->facts[r->doc];
    int m = r->qt->speaker_mention;
    return m >= 0 && (size_t)m < f->nmentions ? f->mentions[m].entity : -1;
}

/* 1 when the quote's speaker is a person entity. */
static int speaker_person(const rc_dgroup *g, const qref *r)
{
    const rc_facts *f = g->a->facts[r->doc];
    int m = r->qt->speaker_mention;
    return m >= 0 && (size_t)m < f->nmentions && f->mentions[m].entity >= 0 &&
           f->mentions[m].type == RC_ENT_PERSON;
}

/* 1 when the sentence of r holds a citation ("selon X"). */
static int sentence_attributed(const rc_dgroup *g, const qref *r)
{
    const rc_doc *d = g->a->docs[r->doc];
    const rc_facts *f = g->a->facts[r->doc];
    const rc_span *sp = &d->sentences[g->sents[r->sent].sent];
    for (size_t c = 0; c < f->ncitations; c++)
        if (f->citations[c].start < sp->end && f->citations[c].end > sp->start)
            return 1;
    return 0;
}

typedef struct diffseg {
    uint32_t as, ae, bs, be;  /* spans of the differing words with a neighbour: word
                               * positions (word_diff) or bytes (diff_bytes) */
} diffseg;

/* Byte span of tokens [t0, t1] of d. */
static void tok_span(const rc_doc *d, size_t t0, size_t t1, uint32_t *s, uint32_t *e)
{
    *s = d->tokens[t0].start;
    *e = d->tokens[t1].end;
}

/* 1 when tokens w[i0..i1) of d hold a content word. */
static int has_content(const rc_doc *d, const size_t *w, size_t i0, size_t i1)
{
    for (size_t i = i0; i < i1; i++)
        if (rc_dgroup_content(&d->tokens[w[i]]))
            return 1;
    return 0;
}

/* Number of content words among w[i0..i1). */
static size_t count_content(const rc_doc *d, const size_t *w, size_t i0, size_t i1)
{
    size_t c = 0;
    for (size_t i = i0; i < i1; i++)
        c += (size_t)rc_dgroup_content(&d->tokens[w[i]]);
    return c;
}

/* The start of the shortest tail of w[i0..i1) holding keep content words
 * (at least one word). */
static size_t trim_front(const rc_doc *d, const size_t *w, size_t i0, size_t i1, size_t keep)
{
    size_t c = 0, i = i1;
    if (keep == 0)
        keep = 1;
    while (i > i0 && c < keep)
        c += (size_t)rc_dgroup_content(&d->tokens[w[--i]]);
    return i;
}

/* The end of the shortest head of w[i0..i1) holding keep content words. */
static size_t trim_back(const rc_doc *d, const size_t *w, size_t i0, size_t i1, size_t keep)
{
    size_t c = 0, i = i0;
    if (keep == 0)
        keep = 1;
    while (i < i1 && c < keep)
        c += (size_t)rc_dgroup_content(&d->tokens[w[i++]]);
    return i;
}

/* 1 when every content word of w[i0..i1) (of d) has its stem among the
 * words wo[0..no) of the other quote (of o): moved, not changed. */
static int moved(const rc_doc *d, const size_t *w, size_t i0, size_t i1, const rc_doc *o,
                 const size_t *wo, size_t no)
{
    for (size_t i = i0; i < i1; i++) {
        const rc_token *t = &d->tokens[w[i]];
        if (!rc_dgroup_content(t))
            continue;
        int found = 0;
        for (size_t j = 0; j < no && !found; j++)
            found = rc_dgroup_content(&o->tokens[wo[j]]) && strcmp(o->tokens[wo[j]].stem, t->stem) == 0;
        if (!found)
            return 0;
    }
    return 1;
}

/* 1 when two tokens are the same word: equal folded forms, or numbers
 * with the same digits ("1.000" = "1 000" = "1000"). */
static int same_word(const rc_token *x, const rc_token *y)
{
    if (strcmp(x->norm, y->norm) == 0)
        return 1;
    if (!(x->flags & RC_TOK_NUM) || !(y->flags & RC_TOK_NUM))
        return 0;
    const char *p = x->norm, *q = y->norm;
    for (;;) {
        while (*p && (*p < '0' || *p > '9'))
            p++;
        while (*q && (*q < '0' || *q > '9'))
            q++;
        if (*p != *q)
            return 0;
        if (!*p)
            return 1;
        p++;
        q++;
    }
}

/* Hash of a token's folded form (hw) and, for a number, of its digits
 * alone (hd, else 0): a filter before same_word, which confirms. */
static void word_hashes(const rc_token *t, uint64_t *hw, uint64_t *hd)
{
    *hw = rc_hash64(t->norm, strlen(t->norm), 0x5a17);
    *hd = 0;
    if (!(t->flags & RC_TOK_NUM))
        return;
    char dig[64];
    size_t n = 0;
    for (const char *p = t->norm; *p && n < sizeof dig; p++)
        if (*p >= '0' && *p <= '9')
            dig[n++] = *p;
    *hd = rc_hash64(dig, n, 0xd161) | 1;
}

/* same_word of tokens x and y with their word_hashes: equal hashes are
 * confirmed by same_word; unequal ones cannot be the same word (hd covers
 * the first 64 digits, so equal digit strings always have equal hd). */
static int same_word_h(const rc_token *x, uint64_t xw, uint64_t xd, const rc_token *y,
                       uint64_t yw, uint64_t yd)
{
    if (xw == yw && strcmp(x->norm, y->norm) == 0)
        return 1;
    if (!xd || !yd || xd != yd)
        return 0;
    return same_word(x, y);
}

/* Align the words of quotes a and b; write the differing passages into
 * seg[0..MAX_DIFFS) as positions among the quotes' words (span_words) and
 * return how many there are (0: same words or partial quoting only). */
static size_t word_diff(const rc_dgroup *g, const qref *a, const qref *b, diffseg *seg)
{
    const rc_doc *da = g->a->docs[a->doc], *db = g->a->docs[b->doc];
    size_t wa[MAX_WORDS], wb[MAX_WORDS];
    size_t na = span_words(da, a->t0, a->qt->start, a->qt->end, wa, MAX_WORDS);
    size_t nb = span_words(db, b->t0, b->qt->start, b->qt->end, wb, MAX_WORDS);
    if (!na || !nb)
        return 0;
    uint64_t hwa[MAX_WORDS], hda[MAX_WORDS], hwb[MAX_WORDS], hdb[MAX_WORDS];
    for (size_t i = 0; i < na; i++)
        word_hashes(&da->tokens[wa[i]], &hwa[i], &hda[i]);
    for (size_t j = 0; j < nb; j++)
        word_hashes(&db->tokens[wb[j]], &hwb[j], &hdb[j]);
    unsigned char L[MAX_WORDS + 1][MAX_WORDS + 1];   /* on the stack: no shared state */
    for (size_t i = na + 1; i-- > 0;)
        for (size_t j = nb + 1; j-- > 0;) {
            if (i == na || j == nb)
                L[i][j] = 0;
            else if (same_word_h(&da->tokens[wa[i]], hwa[i], hda[i], &db->tokens[wb[j]],
                                 hwb[j], hdb[j]))
                L[i][j] = (unsigned char)(L[i + 1][j + 1] + 1);
            else
                L[i][j] = L[i + 1][j] > L[i][j + 1] ? L[i + 1][j] : L[i][j + 1];
        }
    /* matched pairs, in order */
    size_t ma[MAX_WORDS], mb[MAX_WORDS], nm = 0;
    for (size_t i = 0, j = 0; i < na && j < nb;) {
        if (same_word_h(&da->tokens[wa[i]], hwa[i], hda[i], &db->tokens[wb[j]], hwb[j],
                        hdb[j])) {
            ma[nm] = i;
            mb[nm++] = j;
            i++;
            j++;
        } else if (L[i + 1][j] >= L[i][j + 1]) {
            i++;
        } else {
            j++;
        }
    }
    size_t ns = 0;
    /* gaps: before the first match, between matches, after the last */
    for (size_t k = 0; k <= nm && ns < MAX_DIFFS; k++) {
        size_t a0 = k ? ma[k - 1] + 1 : 0, a1 = k < nm ? ma[k] : na;
        size_t b0 = k ? mb[k - 1] + 1 : 0, b1 = k < nm ? mb[k] : nb;
        int edge = k == 0 || k == nm;
        if (a0 == a1 && b0 == b1)
            continue;
        if (edge && (a0 == a1 || b0 == b1))
            continue;   /* one quotes more than the other: partial quoting */
        if (!has_content(da, wa, a0, a1) && !has_content(db, wb, b0, b1))
            continue;   /* stopwords only */
        if (moved(da, wa, a0, a1, db, wb, nb) && moved(db, wb, b0, b1, da, wa, na))
            continue;   /* the same words in another order */
        if (edge && nm > 0) {
            /* keep as many content words of the longer side as the shorter has */
            size_t ca = count_content(da, wa, a0, a1), cb = count_content(db, wb, b0, b1);
            if (k == 0) {
                if (ca > cb)
                    a0 = trim_front(da, wa, a0, a1, cb);
                else if (cb > ca)
                    b0 = trim_front(db, wb, b0, b1, ca);
            } else {
                if (ca > cb)
                    a1 = trim_back(da, wa, a0, a1, cb);
                else if (cb > ca)
                    b1 = trim_back(db, wb, b0, b1, ca);
            }
        }
        /* one aligned neighbour for context (positions in wa, wb) */
        size_t ta0, ta1, tb0, tb1;
        if (k < nm) {
            ta0 = a0 < a1 ? a0 : ma[k];
            tb0 = b0 < b1 ? b0 : mb[k];
            ta1 = ma[k];
            tb1 = mb[k];
        } else {
            ta0 = k ? ma[k - 1] : a0;
            tb0 = k ? mb[k - 1] : b0;
            ta1 = a1 > a0 ? a1 - 1 : ta0;
            tb1 = b1 > b0 ? b1 - 1 : tb0;
        }
        seg[ns].as = (uint32_t)ta0;
        seg[ns].ae = (uint32_t)ta1;
        seg[ns].bs = (uint32_t)tb0;
        seg[ns].be = (uint32_t)tb1;
        ns++;
    }
    return ns;
}

/* Hash of the words of r's quote as word_diff reads them: each word's
 * folded form, whether it is a content word and its stem, so two quotes
 * with equal keys align the same way (word positions) with any other. */
static uint64_t diff_key(const rc_doc *d, const rc_quote *q, size_t t0)
{
    size_t w[MAX_WORDS];
    size_t n = span_words(d, t0, q->start, q->end, w, MAX_WORDS);
    uint64_t h = rc_hash64(&n, sizeof n, 0xd1ff);
    for (size_t i = 0; i < n; i++) {
        const rc_token *t = &d->tokens[w[i]];
        unsigned char c = (unsigned char)rc_dgroup_content(t) | (t->flags & RC_TOK_NUM ? 2 : 0);
        h = rc_hash64(t->norm, strlen(t->norm) + 1, h);
        h = rc_hash64(&c, 1, h);
        if (c & 1)
            h = rc_hash64(t->stem, strlen(t->stem) + 1, h);
    }
    return h;
}

enum { DIFF_CACHE = 4096 };   /* word_diff results kept per group (power of two) */

/* The memo: the key pairs apart from the results, so a probe reads 16
 * bytes a slot (the table's keys, 64 KB, stay in cache). A slot is in
 * use when its bit in used is set; only those bits are cleared when the
 * memo is made (keys and results are read once written). */
typedef struct diffmemo {
    uint64_t used[DIFF_CACHE / 64];
    struct diffkey {
        uint64_t ka, kb;      /* diff_keys of the two quotes */
    } k[DIFF_CACHE];
    struct diffval {
        size_t n;
        diffseg seg[MAX_DIFFS];   /* word positions */
    } v[DIFF_CACHE];
} diffmemo;

/* word_diff of a and b (keys ka, kb) as word positions in seg, through
 * the memo m: wire copies repeat one quote in many documents, and equal
 * keys give equal positions. Returns the segment count. */
static size_t word_diff_pos(const rc_dgroup *g, const qref *a, const qref *b, uint64_t ka,
                            uint64_t kb, diffmemo *m, diffseg *seg)
{
    uint64_t h = (ka ^ (kb * 0x9e3779b97f4a7c15ull)) * 0xff51afd7ed558ccdull;
    size_t i = (size_t)(h >> 40) & (DIFF_CACHE - 1), probes = 0;
    while (probes < 16 && (m->used[i >> 6] >> (i & 63) & 1) &&
           !(m->k[i].ka == ka && m->k[i].kb == kb)) {
        i = (i + 1) & (DIFF_CACHE - 1);
        probes++;
    }
    struct diffval tmp, *e = probes < 16 ? &m->v[i] : &tmp;
    if (e == &tmp || !(m->used[i >> 6] >> (i & 63) & 1) ||
        !(m->k[i].ka == ka && m->k[i].kb == kb)) {
        e->n = word_diff(g, a, b, e->seg);
        if (e != &tmp) {
            m->used[i >> 6] |= (uint64_t)1 << (i & 63);
            m->k[i].ka = ka;
            m->k[i].kb = kb;
        }
    }
    memcpy(seg, e->seg, e->n * sizeof *seg);
    return e->n;
}

enum { PAIR_CACHE = 64 };   /* slots of the per-item pair cache (power of two) */

/* What the pairs of one item with the quotes of one wording share (the
 * word alignment and the entry key depend on the two quotes' words
 * alone): kept per item in PAIR_CACHE slots by the other quote's
 * diff_key, as a big group's item meets many copies of a few wordings. */
typedef struct paircache {
    size_t stamp;             /* 1 + the item it was filled for; 0: empty */
    uint64_t dkey, wording;   /* the other quote's */
    uint64_t key;             /* the entry key, before the kind bits */
    size_t n;                 /* word_diff_pos's count */
    diffseg seg[MAX_DIFFS];   /* and its word positions */
} paircache;

/* The fields the candidate loop reads of an item, packed (the qref is
 * ~600 bytes and its quote in another document's facts: two misses per
 * candidate before). */
typedef struct qhot {
    uint64_t wording, dkey;
    uint32_t lang, nfeat;     /* lang: UINT32_MAX when the document has none */
    int ent;                  /* speaker_entity */
    unsigned char person, fragment, speaker, attr; /* speaker: the quote names one */
    size_t sid;               /* the first item whose sentence has the same features */
} qhot;

/* hot[i].sid for the items[0..n): items whose sentences hold the same
 * features (compared, not only hashed) share the first one's index. */
static void sentence_ids(const rc_dgroup *g, const qref *items, qhot *hot, size_t n)
{
    size_t cap = 16;
    while (cap < 2 * n)
        cap *= 2;
    size_t *slot = rc_malloc(cap * sizeof *slot);
    uint64_t *sh = rc_malloc(cap * sizeof *sh);
    for (size_t k = 0; k < cap; k++)
        slot[k] = SIZE_MAX;
    for (size_t i = 0; i < n; i++) {
        const rc_dsent *ds = &g->sents[items[i].sent];
        const uint64_t *f = g->feats + ds->feat0;
        uint64_t h = rc_hash64(f, ds->nfeat * sizeof *f, 0x5e7);
        size_t k = (size_t)(h ^ h >> 31) & (cap - 1);
        for (;; k = (k + 1) & (cap - 1)) {
            if (slot[k] == SIZE_MAX) {
                slot[k] = i;
                sh[k] = h;
                hot[i].sid = i;
                break;
            }
            const rc_dsent *o = &g->sents[items[slot[k]].sent];
            if (sh[k] == h && o->nfeat == ds->nfeat &&
                (!ds->nfeat || memcmp(g->feats + o->feat0, f, ds->nfeat * sizeof *f) == 0)) {
                hot[i].sid = slot[k];
                break;
            }
        }
    }
    free(sh);
    free(slot);
}

enum { CTX_CACHE = 64 };      /* slots of the per-item context-count cache (power of two) */

/* rc_dgroup_shared of an item's sentence and the sentences of one
 * feature set (sid), kept per item. */
typedef struct ctxcache {
    size_t stamp;             /* 1 + the item it was filled for; 0: empty */
    size_t sid;
    size_t shared;
} ctxcache;

/* The word positions seg[0..n) of a and b (word_diff_pos) made byte
 * spans, in place. Only for the pairs that open an entry: the others read
 * the count alone. */
static void diff_bytes(const rc_dgroup *g, const qref *a, const qref *b, diffseg *seg, size_t n)
{
    const rc_doc *da = g->a->docs[a->doc], *db = g->a->docs[b->doc];
    /* the word positions up to the last one a segment names */
    size_t wa[MAX_WORDS], wb[MAX_WORDS], ma = 0, mb = 0;
    for (size_t k = 0; k < n; k++) {
        ma = seg[k].as > ma ? seg[k].as : ma;
        ma = seg[k].ae > ma ? seg[k].ae : ma;
        mb = seg[k].bs > mb ? seg[k].bs : mb;
        mb = seg[k].be > mb ? seg[k].be : mb;
    }
    span_words(da, a->t0, a->qt->start, a->qt->end, wa, ma + 1 < MAX_WORDS ? ma + 1 : MAX_WORDS);
    span_words(db, b->t0, b->qt->start, b->qt->end, wb, mb + 1 < MAX_WORDS ? mb + 1 : MAX_WORDS);
    for (size_t k = 0; k < n; k++) {
        diffseg w = seg[k];
        tok_span(da, wa[w.as], wa[w.ae], &seg[k].as, &seg[k].ae);
        tok_span(db, wb[w.bs], wb[w.be], &seg[k].bs, &seg[k].be);
    }
}

/* Hash of the folded words of r's quote. */
static uint64_t wording_hash(const rc_doc *d, const rc_quote *q, size_t t0)
{
    size_t w[MAX_WORDS];
    size_t n = span_words(d, t0, q->start, q->end, w, MAX_WORDS);
    uint64_t h = 0x9e37;
    for (size_t i = 0; i < n; i++)
        h = rc_hash64(d->tokens[w[i]].norm, strlen(d->tokens[w[i]].norm), h);
    return h;
}

/* Name of a quote's speaker for a description. */
static const char *speaker_name(const qref *r)
{
    return r->qt->speaker ? r->qt->speaker : "no speaker";
}

/* The entries made so far by key (wordings and kind of change): open
 * addressing, grown at half load, so finding a pair's entry is O(1)
 * where a list scan made it linear in the number of entries. */
typedef struct entmap {
    uint64_t *key;
    size_t *entry;            /* SIZE_MAX: empty slot */
    size_t n, cap;
} entmap;

/* Slot of key in m (its own or the empty one where it would go); m->cap
 * is a power of two above m->n. */
static size_t entmap_slot(const entmap *m, uint64_t key)
{
    size_t j = (size_t)(key ^ key >> 29) & (m->cap - 1);
    while (m->entry[j] != SIZE_MAX && m->key[j] != key)
        j = (j + 1) & (m->cap - 1);
    return j;
}

/* The entry of key in m, or SIZE_MAX. */
static size_t entmap_get(const entmap *m, uint64_t key)
{
    return m->cap ? m->entry[entmap_slot(m, key)] : SIZE_MAX;
}

/* Record entry for key (not in m yet). */
static void entmap_put(entmap *m, uint64_t key, size_t entry)
{
    if (2 * (m->n + 1) > m->cap) {
        entmap o = *m;
        m->cap = o.cap ? o.cap * 2 : 64;
        m->key = rc_malloc(m->cap * sizeof *m->key);
        m->entry = rc_malloc(m->cap * sizeof *m->entry);
        for (size_t i = 0; i < m->cap; i++)
            m->entry[i] = SIZE_MAX;
        for (size_t i = 0; i < o.cap; i++)
            if (o.entry[i] != SIZE_MAX) {
                size_t j = entmap_slot(m, o.key[i]);
                m->key[j] = o.key[i];
                m->entry[j] = o.entry[i];
            }
        free(o.key);
        free(o.entry);
    }
    size_t j = entmap_slot(m, key);
    m->key[j] = key;
    m->entry[j] = entry;
    m->n++;
}

/* Index of lang among the distinct languages (*v)[0..*n), added if new;
 * SIZE_MAX for NULL. Groups hold a handful of languages. */
static size_t lang_index(const char ***v, size_t *n, const char *lang)
{
    if (!lang)
        return SIZE_MAX;
    for (size_t i = 0; i < *n; i++)
        if (strcmp((*v)[i], lang) == 0)
            return i;
    *v = rc_reallocarray(*v, *n + 1, sizeof **v);
    (*v)[*n] = lang;
    return (*n)++;
}

/* meaning_words of r's quote, computed once into *m (UINT32_MAX until
 * then; kept in a compact array beside the items, read per weak pair). */
static size_t item_meaning(const rc_dgroup *g, const qref *r, uint32_t *m)
{
    if (*m == UINT32_MAX) {
        size_t c = meaning_words(g->a->docs[r->doc], r->qt);
        *m = c < UINT32_MAX - 1 ? (uint32_t)c : UINT32_MAX - 1;
    }
    return *m;
}

/* Identical quotes of a group: same words (diff_key, wording), content
 * stems, language, speaker (entity, person, name), fragment flag and
 * attribution of the sentence, and the same sentence features. Every
 * test of rc_quotedrift_find gives the same answer for any two of them
 * against a third, so one twin set is compared once, through its first
 * item, and all its items go to the entries it joins. */
typedef struct twins {
    qref *reps;               /* the first item of each set, in item order */
    size_t n;
    size_t *off, *mem;        /* set k's items: all[mem[off[k] .. off[k + 1])], in order */
    size_t *onedoc;           /* the document of all of set k's items, or SIZE_MAX */
    struct twinev {
        size_t doc;
        uint32_t start, end;
    } *ev;                    /* ev[x]: document and quote span of all[mem[x]] */
} twins;

typedef struct twinkey {
    uint64_t sig;
    size_t item;
} twinkey;

/* qsort comparator on (signature, item). */
static int twinkey_cmp(const void *x, const void *y)
{
    const twinkey *p = x, *q = y;
    if (p->sig != q->sig)
        return p->sig < q->sig ? -1 : 1;
    return p->item < q->item ? -1 : p->item > q->item;
}

/* Signature of what the drift tests read of item r. */
static uint64_t twin_sig(const rc_dgroup *g, const qref *r)
{
    const rc_dsent *ds = &g->sents[r->sent];
    uint64_t v[10] = {r->dkey, r->wording, r->lang, (uint64_t)(int64_t)r->ent,
                      (uint64_t)r->person, (uint64_t)r->qt->fragment,
                      (uint64_t)r->attr, r->nfeat,
                      rc_hash64(r->feats, r->nfeat * sizeof r->feats[0], 1),
                      rc_hash64(g->feats + ds->feat0, ds->nfeat * sizeof *g->feats, 2)};
    const char *sp = r->qt->speaker;
    return rc_hash64(v, sizeof v, sp ? rc_hash64(sp, strlen(sp), 3) : 4);
}

/* The twin sets of items[0..n). */
static void twins_init(twins *t, const rc_dgroup *g, const qref *items, size_t n)
{
    twinkey *k = rc_malloc((n ? n : 1) * sizeof *k);
    for (size_t i = 0; i < n; i++) {
        k[i].sig = twin_sig(g, &items[i]);
        k[i].item = i;
    }
    if (n)
        qsort(k, n, sizeof *k, twinkey_cmp);
    /* set of each item, numbered by first item */
    size_t *set = rc_malloc((n ? n : 1) * sizeof *set), *first = rc_malloc((n ? n : 1) * sizeof *first);
    for (size_t i = 0; i < n; i++)
        set[k[i].item] = i == 0 || k[i].sig != k[i - 1].sig ? k[i].item : set[k[i - 1].item];
    t->n = 0;
    for (size_t i = 0; i < n; i++)
        if (set[i] == i)
            first[i] = t->n++;
    t->reps = rc_malloc((t->n ? t->n : 1) * sizeof *t->reps);
    t->off = rc_calloc(t->n + 1, sizeof *t->off);
    t->mem = rc_malloc((n ? n : 1) * sizeof *t->mem);
    t->onedoc = rc_malloc((t->n ? t->n : 1) * sizeof *t->onedoc);
    for (size_t i = 0; i < n; i++) {
        size_t c = first[set[i]];
        if (set[i] == i) {
            t->reps[c] = items[i];
            t->onedoc[c] = items[i].doc;
        } else if (t->onedoc[c] != items[i].doc) {
            t->onedoc[c] = SIZE_MAX;
        }
        t->off[c + 1]++;
    }
    for (size_t c = 0; c < t->n; c++)
        t->off[c + 1] += t->off[c];
    size_t *fill = rc_malloc((t->n ? t->n : 1) * sizeof *fill);
    memcpy(fill, t->off, t->n * sizeof *fill);
    for (size_t i = 0; i < n; i++)
        t->mem[fill[first[set[i]]]++] = i;
    t->ev = rc_malloc((n ? n : 1) * sizeof *t->ev);
    for (size_t x = 0; x < n; x++) {
        const qref *r = &items[t->mem[x]];
        t->ev[x].doc = r->doc;
        t->ev[x].start = r->qt->start;
        t->ev[x].end = r->qt->end;
    }
    free(fill);
    free(first);
    free(set);
    free(k);
}

/* Add the quote spans of every item of set c to e (documents all kept,
 * spans up to the entry's cap). */
static __attribute__((noinline)) void twins_evidence(const twins *t, size_t c,
                                                     rc_discrepancy *e)
{
    for (size_t k = t->off[c]; k < t->off[c + 1]; k++)
        rc_discrepancy_add_evidence(e, t->ev[k].doc, t->ev[k].start, t->ev[k].end);
}

/* The (twin set, entry) pairs whose evidence was added: adding a set to
 * an entry again is a no-op (its documents are in; its spans are in or
 * the entry's evidence was full, and stays full). Open addressing, grown
 * at half load. */
typedef struct joinset {
    uint64_t *k;              /* set << 32 | ent; UINT64_MAX: empty slot */
    size_t n, cap;
    unsigned bits;            /* cap == 1 << bits */
} joinset;

/* Record (set, ent) in j; returns 1 when it was not there yet (and for
 * indices past 32 bits, not recorded: adding again is a no-op). */
static int joinset_add(joinset *j, size_t set, size_t ent)
{
    if (set >= UINT32_MAX || ent >= UINT32_MAX)
        return 1;
    if (2 * (j->n + 1) > j->cap) {
        joinset o = *j;
        j->bits = o.cap ? o.bits + 1 : 10;
        j->cap = (size_t)1 << j->bits;
        j->k = rc_malloc(j->cap * sizeof *j->k);
        for (size_t i = 0; i < j->cap; i++)
            j->k[i] = UINT64_MAX;
        j->n = 0;
        for (size_t i = 0; i < o.cap; i++)
            if (o.k[i] != UINT64_MAX)
                joinset_add(j, (size_t)(o.k[i] >> 32), (size_t)(uint32_t)o.k[i]);
        free(o.k);
    }
    uint64_t key = (uint64_t)set << 32 | ent;
    size_t k = (size_t)((key * 0x9e3779b97f4a7c15ull) >> (64 - j->bits));
    while (j->k[k] != UINT64_MAX) {
        if (j->k[k] == key)
            return 0;
        k = (k + 1) & (j->cap - 1);
    }
    j->k[k] = key;
    j->n++;
    return 1;
}

#define JOIN_BITS_BUDGET ((size_t)1 << 19)   /* words of the per-entry bit sets, per group */

/* The (twin set, entry) pairs joined so far (see joinset): one bit set
 * over the twin sets per entry of this group, in entry order while their
 * words fit JOIN_BITS_BUDGET (a big group's entries each gather many sets,
 * and the sets of one item's candidates hit the same few entries, so the
 * bits stay in cache where the joinset's probes miss); later entries go
 * to the joinset. */
typedef struct joins {
    size_t base;              /* out->n when the group began: entry ent is bits[ent - base] */
    size_t words;             /* words of one bit set */
    uint64_t **bits;          /* per entry: its bit set, or NULL (in js) */
    size_t nbits, capbits, used;
    joinset js;
} joins;

/* Record (set, ent); returns 1 when it was not there yet. Entries come in
 * increasing order: ent is at most one past the last seen. */
static int joins_add(joins *j, size_t set, size_t ent)
{
    size_t le = ent - j->base;
    if (le >= j->nbits) {
        if (j->nbits == j->capbits) {
            j->capbits = j->capbits ? 2 * j->capbits : 16;
            j->bits = rc_reallocarray(j->bits, j->capbits, sizeof *j->bits);
        }
        uint64_t *b = NULL;
        if (j->used + j->words <= JOIN_BITS_BUDGET) {
            b = rc_calloc(j->words, sizeof *b);
            j->used += j->words;
        }
        j->bits[j->nbits++] = b;
    }
    uint64_t *b = j->bits[le];
    if (!b)
        return joinset_add(&j->js, set, ent);
    uint64_t m = (uint64_t)1 << (set & 63);
    if (b[set >> 6] & m)
        return 0;
    b[set >> 6] |= m;
    return 1;
}

/* Release j. */
static void joins_cleanup(joins *j)
{
    for (size_t i = 0; i < j->nbits; i++)
        free(j->bits[i]);
    free(j->bits);
    free(j->js.k);
}

/* Add set c's evidence to entry e (index ent of out) unless js has the
 * pair already; last[c] becomes ent. Out of line: see twins_join. */
static __attribute__((noinline)) void twins_join_new(const twins *t, size_t c,
                                                     rc_discrepancy *e, joins *js,
                                                     size_t *last, size_t ent)
{
    last[c] = ent;
    if (joins_add(js, c, ent))
        twins_evidence(t, c, e);
}

/* Add set c's evidence to entry e (index ent of out) unless done before:
 * last[c], the entry c last went to, answers the common case (a set
 * pairing with many others of one entry) inline, without the call and
 * without the set js; twins_join_new does the rest. */
static inline void twins_join(const twins *t, size_t c, rc_discrepancy *e, joins *js,
                              size_t *last, size_t ent)
{
    if (last[c] == ent)
        return;
    /* joins_add's common case inline: the entry's bit set exists */
    size_t le = ent - js->base;
    uint64_t *b;
    if (le < js->nbits && (b = js->bits[le]) != NULL) {
        last[c] = ent;
        uint64_t m = (uint64_t)1 << (c & 63);
        if (b[c >> 6] & m)
            return;
        b[c >> 6] |= m;
        twins_evidence(t, c, e);
        return;
    }
    twins_join_new(t, c, e, js, last, ent);
}

/* Release the sets. */
static void twins_cleanup(twins *t)
{
    free(t->reps);
    free(t->off);
    free(t->mem);
    free(t->onedoc);
    free(t->ev);
}

/* Wordsets: twin sets whose quotes hold the same content stems in one
 * language. What the candidate loop tests before the speakers (the
 * shared stems, the language, the strong and weak thresholds) depends on
 * the two wordsets alone, so a wordset's viable partner wordsets are
 * found once, through posting lists of wordsets, and every twin set of it
 * takes the members of those wordsets as its candidates: wire copies of
 * one quote in sentences worded apart (twin sets apart) made the twin
 * sets' posting visits repeat per copy. */
typedef struct wordsets {
    size_t *wid;              /* per twin set: its wordset */
    size_t n;
    size_t *rep;              /* per wordset: its first twin set */
    size_t *moff, *mem;       /* wordset w's twin sets mem[moff[w] .. moff[w + 1]), increasing */
    size_t *wpb, *wpe;        /* at a posting list's start k (twin-set postings):
                               * its distinct wordsets wp[wpb[k] .. wpe[k]) */
    size_t *wp;
    /* per wordset: its viable partners nb[nbo[w] .. nbo[w] + nbn[w]), once
     * computed (nbo[w] == SIZE_MAX before; kept while they fit NB_BUDGET) */
    struct wsnb {
        size_t w, sh;
    } *nb;
    size_t *nbo, *nbn, nnb, capnb;
    uint32_t *accw;           /* per wordset: shared stems, 0 between uses */
    size_t *tw;               /* wordsets touched by one partner search */
} wordsets;

#define NB_BUDGET ((size_t)1 << 20)   /* partner records kept per group */

/* Make the wordsets of the twin sets items[0..ni) (features in item
 * order, x0s[i] the first of item i's; postings pit in sorted order, the
 * posting list holding sorted position k being [rbeg[k], rend[k])). */
static void wordsets_init(wordsets *ws, const qref *items, size_t ni, const size_t *pit,
                          const size_t *rbeg, const size_t *rend, size_t np)
{
    size_t cap = 16;
    while (cap < 2 * ni)
        cap *= 2;
    size_t *slot = rc_malloc(cap * sizeof *slot);
    uint64_t *sh = rc_malloc(cap * sizeof *sh);
    for (size_t k = 0; k < cap; k++)
        slot[k] = SIZE_MAX;
    ws->wid = rc_malloc((ni ? ni : 1) * sizeof *ws->wid);
    ws->rep = rc_malloc((ni ? ni : 1) * sizeof *ws->rep);
    ws->n = 0;
    for (size_t i = 0; i < ni; i++) {
        const qref *r = &items[i];
        uint64_t h = rc_hash64(r->feats, r->nfeat * sizeof *r->feats, (uint64_t)r->lang);
        size_t k = (size_t)(h ^ h >> 31) & (cap - 1);
        for (;; k = (k + 1) & (cap - 1)) {
            if (slot[k] == SIZE_MAX) {
                slot[k] = ws->n;
                sh[k] = h;
                ws->rep[ws->n] = i;
                ws->wid[i] = ws->n++;
                break;
            }
            const qref *o = &items[ws->rep[slot[k]]];
            if (sh[k] == h && o->lang == r->lang && o->nfeat == r->nfeat &&
                memcmp(o->feats, r->feats, r->nfeat * sizeof *r->feats) == 0) {
                ws->wid[i] = slot[k];
                break;
            }
        }
    }
    free(sh);
    free(slot);
    size_t nw = ws->n;
    ws->moff = rc_calloc(nw + 1, sizeof *ws->moff);
    ws->mem = rc_malloc((ni ? ni : 1) * sizeof *ws->mem);
    for (size_t i = 0; i < ni; i++)
        ws->moff[ws->wid[i] + 1]++;
    for (size_t w = 0; w < nw; w++)
        ws->moff[w + 1] += ws->moff[w];
    size_t *fill = rc_malloc((nw ? nw : 1) * sizeof *fill);
    memcpy(fill, ws->moff, (nw ? nw : 1) * sizeof *fill);
    for (size_t i = 0; i < ni; i++)
        ws->mem[fill[ws->wid[i]]++] = i;
    free(fill);
    /* each posting list's distinct wordsets, in first-met order */
    ws->wpb = rc_malloc((np ? np : 1) * sizeof *ws->wpb);
    ws->wpe = rc_malloc((np ? np : 1) * sizeof *ws->wpe);
    ws->wp = rc_malloc((np ? np : 1) * sizeof *ws->wp);
    size_t *stamp = rc_malloc((nw ? nw : 1) * sizeof *stamp);
    for (size_t w = 0; w < nw; w++)
        stamp[w] = SIZE_MAX;
    size_t nwp = 0;
    for (size_t k = 0; k < np; k++) {
        if (rbeg[k] != k)
            continue;
        ws->wpb[k] = ws->wpe[k] = nwp;
        if (rend[k] - k > RC_DGROUP_MAX_POSTINGS)
            continue;   /* proposes no candidates */
        for (size_t p = k; p < rend[k]; p++) {
            size_t w = ws->wid[pit[p]];
            if (stamp[w] != k) {
                stamp[w] = k;
                ws->wp[nwp++] = w;
            }
        }
        ws->wpe[k] = nwp;
    }
    free(stamp);
    ws->nbo = rc_malloc((nw ? nw : 1) * sizeof *ws->nbo);
    ws->nbn = rc_calloc(nw ? nw : 1, sizeof *ws->nbn);
    for (size_t w = 0; w < nw; w++)
        ws->nbo[w] = SIZE_MAX;
    ws->nb = NULL;
    ws->nnb = ws->capnb = 0;
    ws->accw = rc_calloc(nw ? nw : 1, sizeof *ws->accw);
    ws->tw = rc_malloc((nw ? nw : 1) * sizeof *ws->tw);
}

/* The partners of wordset a: the wordsets (a among them) sharing stems
 * with it over posting lists of at most RC_DGROUP_MAX_POSTINGS twin sets,
 * in its language (none when it has none), that pass the strong or weak
 * test of rc_quotedrift_find, with their shared counts; into *out (kept
 * in ws, or in *scratch when ws's budget is spent), returning how many.
 * items, where, x0s, rbeg: as for wordsets_init. */
static size_t wordsets_partners(wordsets *ws, const qref *items, const size_t *where,
                                const size_t *x0s, const size_t *rbeg, size_t a,
                                const struct wsnb **out, struct wsnb **scratch)
{
    if (ws->nbo[a] != SIZE_MAX) {
        *out = ws->nb + ws->nbo[a];
        return ws->nbn[a];
    }
    const qref *ra = &items[ws->rep[a]];
    if (ra->lang == SIZE_MAX) {
        *out = NULL;
        return 0;   /* no language: no pair passes */
    }
    size_t ntw = 0, x0 = x0s[ws->rep[a]];
    for (size_t k = 0; k < ra->nfeat; k++) {
        size_t r = rbeg[where[x0 + k]];
        for (size_t p = ws->wpb[r]; p < ws->wpe[r]; p++) {
            size_t w = ws->wp[p];
            if (ws->accw[w]++ == 0)
                ws->tw[ntw++] = w;
        }
    }
    int keep = ws->nnb + ntw <= NB_BUDGET;
    struct wsnb *dst;
    if (keep) {
        if (ws->nnb + ntw > ws->capnb) {
            ws->capnb = 2 * (ws->nnb + ntw) + 256;
            ws->nb = rc_reallocarray(ws->nb, ws->capnb, sizeof *ws->nb);
        }
        dst = ws->nb + ws->nnb;
    } else {
        free(*scratch);
        *scratch = rc_malloc((ntw ? ntw : 1) * sizeof **scratch);
        dst = *scratch;
    }
    size_t n = 0;
    for (size_t x = 0; x < ntw; x++) {
        size_t w = ws->tw[x], sh = ws->accw[w];
        ws->accw[w] = 0;
        const qref *rb = &items[ws->rep[w]];
        if (rb->lang != ra->lang)
            continue;
        size_t mn = ra->nfeat < rb->nfeat ? ra->nfeat : rb->nfeat;
        int strong = sh >= 3 && 10 * sh >= 6 * mn;
        int weak = !strong && 2 * sh >= mn && mn >= 2 && mn <= 3;
        if (!strong && !weak)
            continue;
        dst[n].w = w;
        dst[n].sh = sh;
        n++;
    }
    if (keep) {
        ws->nbo[a] = ws->nnb;
        ws->nbn[a] = n;
        ws->nnb += n;
    }
    *out = dst;
    return n;
}

/* Release ws. */
static void wordsets_cleanup(wordsets *ws)
{
    free(ws->wid);
    free(ws->rep);
    free(ws->moff);
    free(ws->mem);
    free(ws->wpb);
    free(ws->wpe);
    free(ws->wp);
    free(ws->nb);
    free(ws->nbo);
    free(ws->nbn);
    free(ws->accw);
    free(ws->tw);
}

/* Quote drift; see quotedrift.h. */
int rc_quotedrift_find(rc_discrepancies *out, rc_dgroup *g, const size_t *docs, size_t n)
{
    (void)docs;
    (void)n;
    const rc_analysis *a = g->a;
    qref *items = NULL;
    size_t ni = 0, cap = 0;
    const char **langs = NULL;
    size_t nlangs = 0;
    for (size_t di = 0; di < a->ndocs; di++) {
        if (g->first[di] == SIZE_MAX || !a->facts[di])
            continue;
        const rc_doc *d = a->docs[di];
        const rc_facts *f = a->facts[di];
        for (size_t q = 0; q < f->nquotes; q++) {
            size_t s = rc_dgroup_sentence_at(g, di, f->quotes[q].start);
            if (s == SIZE_MAX)
                continue;
            if (ni == cap) {
                cap = cap ? cap * 2 : 64;
                items = rc_reallocarray(items, cap, sizeof *items);
            }
            qref *r = &items[ni];
            r->doc = di;
            r->q = q;
            r->sent = s;
            r->qt = &f->quotes[q];
            r->t0 = rc_dgroup_token_at(d, r->qt->start);
            r->nfeat = rc_dgroup_span_feats_from(g, di, r->t0, r->qt->start, r->qt->end, r->feats,
                                                 MAX_QSTEMS);
            if (!r->nfeat)
                continue;   /* no stems: not kept (the slot is reused) */
            r->wording = wording_hash(d, r->qt, r->t0);
            r->dkey = diff_key(d, r->qt, r->t0);
            r->ent = speaker_entity(g, r);
            r->person = speaker_person(g, r);
            r->attr = sentence_attributed(g, r);
            r->lang = lang_index(&langs, &nlangs, d->lang);
            ni++;
        }
    }
    /* identical quotes (twins: copies) are compared once, through their
     * first item; what follows runs on those representatives */
    twins tw;
    twins_init(&tw, g, items, ni);
    qref *all = items;
    items = tw.reps;
    ni = tw.n;
    qpair *pr = NULL;
    size_t np = 0;
    for (size_t i = 0; i < ni; i++)
        np += items[i].nfeat;
    pr = rc_malloc((np ? np : 1) * sizeof *pr);
    /* pairs by (feature, item): the features taken in item order (an
     * item's are unique), stably ordered by value */
    uint64_t *fv = rc_malloc((np ? np : 1) * sizeof *fv);
    size_t *iv = rc_malloc((np ? np : 1) * sizeof *iv), *perm = rc_malloc((np ? np : 1) * sizeof *perm);
    np = 0;
    for (size_t i = 0; i < ni; i++)
        for (size_t k = 0; k < items[i].nfeat; k++) {
            fv[np] = items[i].feats[k];
            iv[np++] = i;
        }
    rc_dgroup_stable_order(fv, np, perm);
    /* where[x]: the sorted position of the x-th (item, feature) pair in
     * item order; [rbeg[k], rend[k]): the posting list holding position k */
    size_t *where = rc_malloc((np ? np : 1) * sizeof *where);
    size_t *rbeg = rc_malloc((np ? np : 1) * sizeof *rbeg), *rend = rc_malloc((np ? np : 1) * sizeof *rend);
    for (size_t k = 0; k < np; k++) {
        pr[k].feat = fv[perm[k]];
        pr[k].item = iv[perm[k]];
        where[perm[k]] = k;
        rbeg[k] = k > 0 && pr[k - 1].feat == pr[k].feat ? rbeg[k - 1] : k;
    }
    for (size_t k = np; k-- > 0;)
        rend[k] = k + 1 < np && pr[k + 1].feat == pr[k].feat ? rend[k + 1] : k + 1;
    /* the postings' items alone, packed: what the candidate scan reads */
    size_t *pit = rc_malloc((np ? np : 1) * sizeof *pit);
    for (size_t k = 0; k < np; k++)
        pit[k] = pr[k].item;
    free(perm);
    free(iv);
    free(fv);
    qhot *hot = rc_malloc((ni ? ni : 1) * sizeof *hot);
    for (size_t i = 0; i < ni; i++) {
        const qref *r = &items[i];
        hot[i].wording = r->wording;
        hot[i].dkey = r->dkey;
        hot[i].lang = r->lang < UINT32_MAX ? (uint32_t)r->lang : UINT32_MAX;
        hot[i].nfeat = (uint32_t)r->nfeat;
        hot[i].ent = r->ent;
        hot[i].person = (unsigned char)(r->person != 0);
        hot[i].fragment = (unsigned char)(r->qt->fragment != 0);
        hot[i].speaker = (unsigned char)(r->qt->speaker != NULL);
        hot[i].attr = (unsigned char)(r->attr != 0);
    }
    sentence_ids(g, items, hot, ni);
    paircache pcache[PAIR_CACHE];
    memset(pcache, 0, sizeof pcache);
    ctxcache ccache[CTX_CACHE];
    memset(ccache, 0, sizeof ccache);
    uint32_t *acc = rc_calloc(ni ? ni : 1, sizeof *acc);
    uint32_t *mean = rc_malloc((ni ? ni : 1) * sizeof *mean);
    for (size_t i = 0; i < ni; i++)
        mean[i] = UINT32_MAX;
    size_t *touched = rc_malloc((ni ? ni : 1) * sizeof *touched);
    uint64_t *cbits = rc_calloc(ni / 64 + 1, sizeof *cbits);   /* candidates of one item */
    entmap sn = {0};
    diffmemo *memo = NULL;   /* made on the first word_diff_pos: most groups have none */
    joins js = {.base = out->n, .words = ni / 64 + 1};
    size_t *last = rc_malloc((ni ? ni : 1) * sizeof *last); /* entry a set last went to */
    for (size_t i = 0; i < ni; i++)
        last[i] = SIZE_MAX;
    /* the first of each item's features in item order */
    size_t *x0s = rc_malloc((ni ? ni : 1) * sizeof *x0s);
    for (size_t i = 0, x0 = 0; i < ni; x0 += items[i].nfeat, i++)
        x0s[i] = x0;
    wordsets ws;
    wordsets_init(&ws, items, ni, pit, rbeg, rend, np);
    struct wsnb *nbscratch = NULL;
    for (size_t i = 0; i < ni; i++) {
        qref *ra = &items[i];
        size_t nt = 0, odi = tw.onedoc[i];
        /* the candidates: the twin sets after i of i's partner wordsets,
         * each with the stems the two share (the counts a scan of i's
         * posting lists after i gives) */
        const struct wsnb *nb;
        size_t nnb = wordsets_partners(&ws, items, where, x0s, rbeg, ws.wid[i], &nb, &nbscratch);
        for (size_t y = 0; y < nnb; y++) {
            const size_t *m = ws.mem + ws.moff[nb[y].w], *me = ws.mem + ws.moff[nb[y].w + 1];
            /* the first member after i (members increase) */
            size_t lo = 0, hi = (size_t)(me - m);
            while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                if (m[mid] <= i)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            for (const size_t *pj = m + lo; pj < me; pj++) {
                size_t j = *pj;
                if (odi != SIZE_MAX && tw.onedoc[j] == odi)
                    continue;
                acc[j] = (uint32_t)nb[y].sh;
                cbits[j >> 6] |= (uint64_t)1 << (j & 63);
                nt++;
            }
        }
        /* the candidates (each met once: a twin set is in one wordset) in
         * index order: read off their bits, all after i, clearing them */
        for (size_t w = (i + 1) >> 6, x = 0; x < nt; w++) {
            for (uint64_t b = cbits[w]; b; b &= b - 1)
                touched[x++] = (w << 6) + (size_t)__builtin_ctzll(b);
            cbits[w] = 0;
        }
        for (size_t x = 0; x < nt; x++) {
            size_t j = touched[x];
            size_t sh = acc[j];
            acc[j] = 0;
            const qhot *ha = &hot[i], *hb = &hot[j];
            if (ha->lang == UINT32_MAX || ha->lang != hb->lang)
                continue;
            size_t mn = ha->nfeat < hb->nfeat ? ha->nfeat : hb->nfeat;
            int strong = sh >= 3 && 10 * sh >= 6 * mn;
            int weak = !strong && 2 * sh >= mn && mn >= 2 && mn <= 3;
            if (!strong && !weak)
                continue;
            int ea = ha->ent, eb = hb->ent;
            qref *rb = &items[j];
            if (weak && (item_meaning(g, ra, &mean[i]) < 2 || item_meaning(g, rb, &mean[j]) < 2))
                continue;
            if (weak && !(ea >= 0 && ea == eb)) {
                /* one speaker entity needs no context around the quotes */
                ctxcache *cc = &ccache[hb->sid & (CTX_CACHE - 1)];
                if (cc->stamp != i + 1 || cc->sid != hb->sid) {
                    cc->stamp = i + 1;
                    cc->sid = hb->sid;
                    cc->shared = rc_dgroup_shared(g, ra->sent, rb->sent);
                }
                size_t ctx = cc->shared > sh ? cc->shared - sh : 0;
                if (ctx < 2)
                    continue;
            }
            paircache *pc = &pcache[(size_t)(hb->dkey ^ hb->dkey >> 29) & (PAIR_CACHE - 1)];
            if (pc->stamp != i + 1 || pc->dkey != hb->dkey || pc->wording != hb->wording) {
                pc->stamp = i + 1;
                pc->dkey = hb->dkey;
                pc->wording = hb->wording;
                if (!memo && ha->wording != hb->wording) {
                    /* only the slots' use bits cleared: keys and results
                     * are read once written (the 290 KB of a group that
                     * uses a few slots were cleared, then left untouched) */
                    memo = rc_malloc(sizeof *memo);
                    memset(memo->used, 0, sizeof memo->used);
                }
                pc->n = ha->wording == hb->wording
                            ? 0
                            : word_diff_pos(g, ra, rb, ha->dkey, hb->dkey, memo, pc->seg);
                pc->key = ha->wording < hb->wording
                              ? rc_hash64(&hb->wording, 8, ha->wording)
                              : rc_hash64(&ha->wording, 8, hb->wording);
            }
            size_t nd = pc->n;
            int very = sh >= 3 && 10 * sh >= 8 * mn;
            int pa = ha->person, pb = hb->person;
            int changed = very && pa && pb && ea != eb;
            int lost = very && !ha->fragment && !hb->fragment &&
                       ((pa && !hb->speaker && !hb->attr) || (pb && !ha->speaker && !ha->attr));
            if (!nd && !changed && !lost)
                continue;
            uint64_t key = pc->key ^ (uint64_t)(changed | lost << 1);
            rc_discrepancy *e = NULL;
            size_t ent = entmap_get(&sn, key);
            if (ent != SIZE_MAX) {
                /* adding a quote's span to the entry it was last added to
                 * is a no-op (add_evidence keeps documents and spans
                 * unique): skipped, as a quote pairs with many others */
                e = &out->items[ent];
                twins_join(&tw, i, e, &js, last, ent);
                twins_join(&tw, j, e, &js, last, ent);
                continue;
            }
            const rc_doc *da = a->docs[ra->doc], *db = a->docs[rb->doc];
            diffseg seg[MAX_DIFFS];
            memcpy(seg, pc->seg, nd * sizeof *seg);
            if (nd)
                diff_bytes(g, ra, rb, seg, nd);
            e = rc_discrepancies_add(out, "quote_drift", 1);
            entmap_put(&sn, key, out->n - 1);
            rc_discrepancy_add_evidence(e, ra->doc, ra->qt->start, ra->qt->end);
            rc_discrepancy_add_evidence(e, rb->doc, rb->qt->start, rb->qt->end);
            rc_buf b;
            rc_buf_init(&b, 1u << 14);
            if (nd) {
                rc_buf_printf(&b, "The same quote is worded differently: ");
                for (size_t k = 0; k < nd; k++)
                    rc_buf_printf(&b, "%s\"%.*s\" (%s) vs \"%.*s\" (%s)", k ? "; " : "",
                                  (int)(seg[k].ae - seg[k].as), da->text + seg[k].as, da->id,
                                  (int)(seg[k].be - seg[k].bs), db->text + seg[k].bs, db->id);
                for (size_t k = 0; k < nd; k++) {
                    rc_discrepancy_add_evidence(e, ra->doc, seg[k].as, seg[k].ae);
                    rc_discrepancy_add_evidence(e, rb->doc, seg[k].bs, seg[k].be);
                }
            } else if (changed) {
                rc_buf_printf(&b, "The same quote is attributed to %s (%s) and to %s (%s)",
                              speaker_name(ra), da->id, speaker_name(rb), db->id);
            } else {
                const qref *has = ra->qt->speaker ? ra : rb, *none = ra->qt->speaker ? rb : ra;
                rc_buf_printf(&b, "The quote attributed to %s by %s has no speaker in %s",
                              speaker_name(has), a->docs[has->doc]->id, a->docs[none->doc]->id);
            }
            rc_discrepancy_describe(e, "%s", rc_buf_str(&b));
            rc_buf_cleanup(&b);
            twins_join(&tw, i, e, &js, last, out->n - 1);
            twins_join(&tw, j, e, &js, last, out->n - 1);
            rc_discrepancy_note(e, "\"%.*s\" (%s, %s) / \"%.*s\" (%s, %s)",
                                (int)(ra->qt->end - ra->qt->start), da->text + ra->qt->start,
                                da->id, speaker_name(ra),
                                (int)(rb->qt->end - rb->qt->start), db->text + rb->qt->start,
                                db->id, speaker_name(rb));
            if (nd && (changed || (ea >= 0 && eb >= 0 && ea != eb)))
                rc_discrepancy_note(e, "speaker: %s in %s, %s in %s", speaker_name(ra), da->id,
                                    speaker_name(rb), db->id);
        }
    }
    free(memo);
    free(mean);
    free(nbscratch);
    wordsets_cleanup(&ws);
    free(x0s);
    free(where);
    free(rbeg);
    free(rend);
    free(last);
    joins_cleanup(&js);
    free(hot);
    free(sn.key);
    free(sn.entry);
    free(langs);
    free(acc);
    free(touched);
    free(cbits);
    free(pr);
    free(pit);
    twins_cleanup(&tw);
    free(all);
    return RC_OK;
}
