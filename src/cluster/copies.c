/*
 * copies.c - the copies stage: incremental near-duplicate index and the
 * per-document copy lists; see copies.h.
 */
#include "cluster/copies.h"
#include "cluster/fingerprint.h"
#include "cluster/idmap.h"
#include "cluster/minhash.h"
#include "meta/credits.h"
#include "util/bytes.h"
#include "util/hash.h"
#include "util/mem.h"
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define NODAY INT32_MIN
#define MAX_CREDITS 4
#define SEED_NAME 0x7265636f75706521ull
#define KEYS_VERSION 1

/* Votes when ranking candidates before verification, packed so each
 * count can be read back: bands in bits 0-4 (at most 16), sentences in
 * bits 5-19 (at most RC_FP_MAX_SENTENCES), the text hash above. */
#define VOTE_BAND 1u
#define VOTE_SENTENCE 32u
#define VOTE_TEXT (1u << 20)

typedef struct entry {
    uint64_t *sh;              /* shingle hashes: in text order with repeats
                                  until first verified, then sorted distinct */
    uint64_t *fp;              /* sorted distinct sentence fingerprints */
    uint32_t nsh, nfp;
    int sorted;                /* sh is sorted distinct (entry_sorted) */
    const rc_doc *doc;         /* keys read from a record: sh is NULL and
                                  made from doc when first verified */
    uint64_t bands[RC_MH_BANDS];
    uint64_t text;             /* rc_text_hash; 0 when not indexed */
    int32_t day;               /* publication day to the day, or NODAY */
    int32_t evict_day;         /* day the window counts for this entry */
    uint64_t outlet;           /* name key of the outlet (agency canonical), 0 none */
    uint64_t credits[MAX_CREDITS];
    uint32_t ncredits;
} entry;

struct rc_dedup {
    int window;                /* days; 0: no time eviction */
    size_t max_entries;        /* 0: no cap */
    entry *ring;               /* entry of serial s at ring[s & (ringcap - 1)] */
    size_t ringcap;
    size_t first, next;        /* live serials [first, next) */
    size_t live;               /* indexed entries among them */
    int has_clock;
    int32_t clock;
    rc_idmap bands, sentences, texts;
    rc_dedup_match *out;       /* the last call's matches */
    size_t outcap;
    uint64_t *cand;            /* scratch: (id << 32 | vote) pairs */
    size_t ncand, candcap;
    rc_buf *keys_out;          /* rc_dedup_record_keys' buffer, or NULL */
};

/* ---- small helpers ---- */

/* Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's algorithm). */
static int32_t days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (int32_t)(era * 146097 + doe - 719468);
}

/* Publication day of an ISO 8601 string precise to the day ("2025-06-17",
 * "2025-06-17T08:00Z"), else NODAY. */
static int32_t parse_day(const char *s)
{
    if (!s)
        return NODAY;
    for (int i = 0; i < 10; i++) {
        int want_dash = i == 4 || i == 7;
        if (want_dash ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
            return NODAY;
    }
    if (s[10] && s[10] != 'T' && s[10] != ' ')
        return NODAY;
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int m = (s[5] - '0') * 10 + (s[6] - '0');
    int d = (s[8] - '0') * 10 + (s[9] - '0');
    if (m < 1 || m > 12 || d < 1 || d > 31)
        return NODAY;
    return days_from_civil(y, m, d);
}

/* Case-insensitive (ASCII) key of a name; 0 for NULL or empty. */
static uint64_t name_key(const char *s)
{
    if (!s || !*s)
        return 0;
    char buf[128];
    size_t n = 0;
    for (; s[n] && n < sizeof buf; n++)
        buf[n] = (char)(s[n] >= 'A' && s[n] <= 'Z' ? s[n] + 32 : s[n]);
    uint64_t h = rc_hash64(buf, n, SEED_NAME);
    return h ? h : 1;
}

/* Name key of d's outlet: an agency's canonical name when the outlet is
 * one ("Agence France-Presse" -> "AFP"), else the outlet as written. */
static uint64_t outlet_key(const rc_doc *d)
{
    if (!d->outlet)
        return 0;
    const char *agency = rc_agency_lookup(d->outlet, strlen(d->outlet));
    return name_key(agency ? agency : d->outlet);
}

/* 1 when e is agency a's own dispatch: its outlet is a, or it has no
 * outlet and credits a alone. */
static int is_dispatch(const entry *e, uint64_t a)
{
    if (e->outlet)
        return e->outlet == a;
    return e->ncredits == 1 && e->credits[0] == a;
}

/* 1 when e (not itself a's dispatch) credits some agency whose dispatch
 * src is. */
static int credits_source(const entry *e, const entry *src)
{
    for (uint32_t i = 0; i < e->ncredits; i++)
        if (!is_dispatch(e, e->credits[i]) && is_dispatch(src, e->credits[i]))
            return 1;
    return 0;
}

/* Direction of the copy between a (new) and b (earlier) from a's side. */
static void direction(const entry *a, const entry *b, uint8_t *dir, uint8_t *basis)
{
    int ab = credits_source(a, b), ba = credits_source(b, a);
    if (ab != ba) {
        *dir = ab ? RC_COPY_FROM : RC_COPY_BY;
        *basis = RC_BASIS_CREDIT;
        return;
    }
    if (a->day != NODAY && b->day != NODAY && a->day != b->day) {
        *dir = a->day > b->day ? RC_COPY_FROM : RC_COPY_BY;
        *basis = RC_BASIS_PUBLISHED;
        return;
    }
    *dir = RC_COPY_UNKNOWN;
    *basis = RC_BASIS_NONE;
}

/* ---- the index ---- */

/* Entry of serial s (live). */
static entry *at(const rc_dedup *x, size_t s)
{
    return &x->ring[s & (x->ringcap - 1)];
}

/* The full serial of a 32-bit id from the index (live serials span less
 * than 2^32). */
static size_t serial_of(const rc_dedup *x, uint32_t id)
{
    return x->first + (size_t)(uint32_t)(id - (uint32_t)x->first);
}

/* New index; see copies.h. */
rc_dedup *rc_dedup_new(int window_days, size_t max_entries)
{
    rc_dedup *x = rc_calloc(1, sizeof *x);
    x->window = window_days > 0 ? window_days : 0;
    x->max_entries = max_entries;
    x->ringcap = 64;
    x->ring = rc_calloc(x->ringcap, sizeof *x->ring);
    rc_idmap_init(&x->bands, RC_DEDUP_BUCKET);
    rc_idmap_init(&x->sentences, RC_DEDUP_BUCKET);
    rc_idmap_init(&x->texts, RC_DEDUP_BUCKET);
    return x;
}

/* Drop entry s from the indexes and free its arrays. */
static void drop(rc_dedup *x, size_t s)
{
    entry *e = at(x, s);
    uint32_t id = (uint32_t)s;
    if (e->text) {
        for (size_t b = 0; b < RC_MH_BANDS; b++)
            rc_idmap_remove(&x->bands, e->bands[b], id);
        for (uint32_t i = 0; i < e->nfp; i++)
            rc_idmap_remove(&x->sentences, e->fp[i], id);
        rc_idmap_remove(&x->texts, e->text, id);
        x->live--;
    }
    free(e->sh);
    free(e->fp);
    memset(e, 0, sizeof *e);
}

/* Free the index; see copies.h. */
void rc_dedup_free(rc_dedup *x)
{
    if (!x)
        return;
    for (size_t s = x->first; s < x->next; s++) {
        free(at(x, s)->sh);
        free(at(x, s)->fp);
    }
    free(x->ring);
    rc_idmap_cleanup(&x->bands);
    rc_idmap_cleanup(&x->sentences);
    rc_idmap_cleanup(&x->texts);
    free(x->out);
    free(x->cand);
    free(x);
}

/* Documents in the window; see copies.h. */
size_t rc_dedup_size(const rc_dedup *x)
{
    return x->live;
}

/* Make room for one more serial in the ring. */
static void ring_reserve(rc_dedup *x)
{
    if (x->next - x->first < x->ringcap)
        return;
    size_t ncap = x->ringcap * 2;
    entry *r = rc_calloc(ncap, sizeof *r);
    for (size_t s = x->first; s < x->next; s++)
        r[s & (ncap - 1)] = *at(x, s);
    free(x->ring);
    x->ring = r;
    x->ringcap = ncap;
}

/* Add (id, vote) to the candidate scratch list. */
static void cand_push(rc_dedup *x, uint32_t id, uint32_t vote)
{
    if (x->ncand == x->candcap) {
        x->candcap = x->candcap ? x->candcap * 2 : 256;
        x->cand = rc_reallocarray(x->cand, x->candcap, sizeof *x->cand);
    }
    x->cand[x->ncand++] = (uint64_t)id << 32 | vote;
}

/* Push every id listed under key in m with vote v. */
static void cand_from(rc_dedup *x, const rc_idmap *m, uint64_t key, uint32_t v)
{
    size_t n;
    const uint32_t *ids = rc_idmap_get(m, key, &n);
    for (size_t i = 0; i < n; i++)
        cand_push(x, ids[i], v);
}

/* qsort order: higher vote first, then lower id (the low 32 bits hold the
 * vote after merging). */
static int cmp_cand(const void *pa, const void *pb)
{
    uint64_t a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;
    uint32_t va = (uint32_t)a, vb = (uint32_t)b;
    if (va != vb)
        return va > vb ? -1 : 1;
    return a < b ? -1 : a > b;
}

/* qsort order of matches: strongest first (share of the new document,
 * Jaccard, then earlier serial). */
static int cmp_match(const void *pa, const void *pb)
{
    const rc_dedup_match *a = pa, *b = pb;
    if (a->share_new != b->share_new)
        return a->share_new > b->share_new ? -1 : 1;
    if (a->jaccard != b->jaccard)
        return a->jaccard > b->jaccard ? -1 : 1;
    return a->serial < b->serial ? -1 : a->serial > b->serial;
}

/* 1 when a candidate with votes v may be a copy: same text, a shared
 * band (a sign of Jaccard >= 0.5), or enough shared sentences. One shared
 * sentence alone cannot make a copy, so it is not verified. */
static int eligible(uint32_t v)
{
    return v >= VOTE_TEXT || v % VOTE_SENTENCE || v / VOTE_SENTENCE >= RC_COPY_MIN_SENTENCES;
}

/* Merge the scratch list into distinct ids with summed votes, keep the
 * eligible ones, sorted by vote then id; returns the count. */
static size_t cand_merge(rc_dedup *x)
{
    if (!x->ncand)
        return 0;
    rc_sort_u64(x->cand, x->ncand);
    size_t k = 0;
    for (size_t i = 0; i < x->ncand; i++) {
        uint64_t id = x->cand[i] >> 32;
        uint32_t v = (uint32_t)x->cand[i];
        if (k && (x->cand[k - 1] >> 32) == id)
            x->cand[k - 1] += v;
        else
            x->cand[k++] = id << 32 | v;
    }
    size_t e = 0;
    for (size_t i = 0; i < k; i++)
        if (eligible((uint32_t)x->cand[i]))
            x->cand[e++] = x->cand[i];
    k = e;
    if (k > 1)
        qsort(x->cand, k, sizeof *x->cand, cmp_cand);
    return k;
}

/* Make e's shingles sorted distinct, once: most documents are never
 * verified against another, and their signature needs neither order nor
 * distinct values, so the sort waits until a verification needs it. An
 * entry whose keys came from a record makes its shingles here, from its
 * document (the same ones rc_dedup_add would have made). */
static void entry_sorted(entry *e)
{
    if (e->sorted)
        return;
    if (!e->sh && e->doc) {
        rc_words w;
        rc_words_init(&w, e->doc);
        e->nsh = (uint32_t)rc_shingles_raw_of(&w, &e->sh);
        rc_words_cleanup(&w);
    }
    e->nsh = (uint32_t)rc_sort_unique(e->sh, e->nsh);
    e->sorted = 1;
}

/* Verify candidate c against the new entry e; on a copy fill *m and
 * return 1. */
static int verify(entry *e, entry *c, size_t serial, rc_dedup_match *m)
{
    entry_sorted(e);
    entry_sorted(c);
    if (!e->nsh || !c->nsh) /* a record that does not match its document */
        return 0;
    size_t csh = rc_sorted_common(e->sh, e->nsh, c->sh, c->nsh);
    size_t cfp = rc_sorted_common(e->fp, e->nfp, c->fp, c->nfp);
    double jac = (double)csh / (double)(e->nsh + c->nsh - csh);
    int exact = e->text == c->text;
    if (!exact && jac < RC_COPY_JACCARD && cfp < RC_COPY_MIN_SENTENCES)
        return 0;
    double sn = e->nfp ? (double)cfp / e->nfp : 0.0, so = c->nfp ? (double)cfp / c->nfp : 0.0;
    double cn = (double)csh / e->nsh, co = (double)csh / c->nsh;
    m->serial = serial;
    m->share_new = exact ? 1.0f : (float)(sn > cn ? sn : cn);
    m->share_old = exact ? 1.0f : (float)(so > co ? so : co);
    m->jaccard = exact ? 1.0f : (float)jac;
    direction(e, c, &m->direction, &m->basis);
    return 1;
}

/* Fill e's metadata (day, outlet, credits) from d. */
static void entry_meta(entry *e, const rc_doc *d)
{
    e->day = parse_day(d->published);
    e->outlet = outlet_key(d);
    for (size_t i = 0; i < d->ncredits && e->ncredits < MAX_CREDITS; i++) {
        uint64_t k = name_key(d->credits[i]);
        if (k)
            e->credits[e->ncredits++] = k;
    }
}

/* Evict, oldest added first, the entries that left the window (or were
 * never indexed) and those past the cap. */
static void evict(rc_dedup *x)
{
    for (;;) {
        if (x->first == x->next)
            return;
        entry *e = at(x, x->first);
        int old = x->window && x->has_clock && !e->text ? 1
                  : x->window && x->has_clock && e->evict_day < x->clock - x->window;
        int over = x->max_entries && x->next - x->first > x->max_entries;
        if (!old && !over)
            return;
        drop(x, x->first);
        x->first++;
    }
}

/* Write the copy keys of e (indexed: it has shingles) to b, reset
 * first: "RCCK", version, indexed, then when indexed the text hash, the
 * band keys, the fingerprint count and the fingerprints (little-endian). */
static void keys_encode(const entry *e, int indexed, rc_buf *b)
{
    rc_buf_reset(b);
    int bad = rc_buf_append(b, "RCCK", 4);
    bad |= rc_bytes_put_le(b, KEYS_VERSION, 1);
    bad |= rc_bytes_put_le(b, (uint64_t)(indexed != 0), 1);
    if (indexed) {
        bad |= rc_bytes_put_le(b, e->text, 8);
        for (size_t k = 0; k < RC_MH_BANDS; k++)
            bad |= rc_bytes_put_le(b, e->bands[k], 8);
        bad |= rc_bytes_put_le(b, e->nfp, 4);
        for (uint32_t i = 0; i < e->nfp; i++)
            bad |= rc_bytes_put_le(b, e->fp[i], 8);
    }
    if (bad)
        rc_buf_reset(b); /* no record rather than a truncated one */
}

/* Read a keys record into e (text, bands, fingerprints in a new array)
 * and *indexed. 0 when it is not a well-formed record (e unchanged). */
static int keys_decode(const unsigned char *p, size_t n, entry *e, int *indexed)
{
    rc_bytes_reader r = {p, n, 0, 0};
    if (!p || n < 6 || memcmp(p, "RCCK", 4) != 0)
        return 0;
    r.at = 4;
    if (rc_bytes_get_le(&r, 1) != KEYS_VERSION)
        return 0;
    uint64_t ix = rc_bytes_get_le(&r, 1);
    if (ix > 1)
        return 0;
    if (!ix) {
        *indexed = 0;
        return r.at == n;
    }
    uint64_t text = rc_bytes_get_le(&r, 8), bands[RC_MH_BANDS];
    for (size_t k = 0; k < RC_MH_BANDS; k++)
        bands[k] = rc_bytes_get_le(&r, 8);
    uint64_t nfp = rc_bytes_get_le(&r, 4);
    if (r.bad || !text || nfp > RC_FP_MAX_SENTENCES || (n - r.at) / 8 != nfp || (n - r.at) % 8)
        return 0;
    uint64_t *fp = nfp ? rc_malloc(nfp * sizeof *fp) : NULL;
    for (size_t i = 0; i < nfp; i++) {
        fp[i] = rc_bytes_get_le(&r, 8);
        if (i && fp[i] <= fp[i - 1]) {
            free(fp);
            return 0;
        }
    }
    e->text = text;
    memcpy(e->bands, bands, sizeof bands);
    e->fp = fp;
    e->nfp = (uint32_t)nfp;
    *indexed = 1;
    return 1;
}

/* Record keys; see copies.h. */
void rc_dedup_record_keys(rc_dedup *x, rc_buf *out)
{
    x->keys_out = out;
}

/* rc_dedup_add, with d's keys read from the record keys[nkeys] when it
 * is one (NULL: computed from d's tokens). */
static size_t dedup_add(rc_dedup *x, const rc_doc *d, const unsigned char *keys, size_t nkeys,
                        const rc_dedup_match **out)
{
    ring_reserve(x);
    size_t serial = x->next++;
    entry *e = at(x, serial);
    memset(e, 0, sizeof *e);
    entry_meta(e, d);
    if (e->day != NODAY) {
        if (!x->has_clock) {
            x->clock = e->day;
            x->has_clock = 1;
        } else if (e->day > x->clock) {
            x->clock++;
        }
    }
    e->evict_day = e->day != NODAY && e->day < x->clock ? e->day : x->clock;
    *out = x->out;
    size_t nm = 0;
    int indexed = 0;
    if (keys && keys_decode(keys, nkeys, e, &indexed)) {
        if (!indexed) {
            evict(x);
            return 0;
        }
        e->doc = d;
    } else {
        rc_words w;
        rc_words_init(&w, d);
        uint64_t *sh;
        size_t nsh = rc_shingles_raw_of(&w, &sh);
        if (!nsh) {
            rc_words_cleanup(&w);
            free(sh);
            if (x->keys_out)
                keys_encode(e, 0, x->keys_out);
            evict(x);
            return 0;
        }
        e->sh = sh;
        e->nsh = (uint32_t)nsh;
        uint64_t *fp;
        e->nfp = (uint32_t)rc_sentence_fps_of(&w, &fp);
        e->fp = fp;
        e->text = rc_text_hash_of(&w);
        rc_words_cleanup(&w);
        uint64_t sig[RC_MH_K];
        rc_minhash_sig(sh, nsh, sig);
        rc_minhash_bands(sig, e->bands);
        if (x->keys_out)
            keys_encode(e, 1, x->keys_out);
    }

    /* candidates */
    x->ncand = 0;
    cand_from(x, &x->texts, e->text, VOTE_TEXT);
    for (size_t b = 0; b < RC_MH_BANDS; b++)
        cand_from(x, &x->bands, e->bands[b], VOTE_BAND);
    for (uint32_t i = 0; i < e->nfp; i++)
        cand_from(x, &x->sentences, e->fp[i], VOTE_SENTENCE);
    size_t nc = cand_merge(x);
    if (nc > RC_DEDUP_MAX_CAND)
        nc = RC_DEDUP_MAX_CAND;
    if (x->outcap < nc) {
        x->outcap = RC_DEDUP_MAX_CAND;
        x->out = rc_reallocarray(x->out, x->outcap, sizeof *x->out);
    }
    for (size_t i = 0; i < nc; i++) {
        size_t s = serial_of(x, (uint32_t)(x->cand[i] >> 32));
        if (verify(e, at(x, s), s, &x->out[nm]))
            nm++;
    }
    if (nm > 1)
        qsort(x->out, nm, sizeof *x->out, cmp_match);

    /* index the new entry */
    uint32_t id = (uint32_t)serial;
    rc_idmap_add(&x->texts, e->text, id);
    for (size_t b = 0; b < RC_MH_BANDS; b++)
        rc_idmap_add(&x->bands, e->bands[b], id);
    for (uint32_t i = 0; i < e->nfp; i++)
        rc_idmap_add(&x->sentences, e->fp[i], id);
    x->live++;
    evict(x);
    *out = x->out;
    return nm;
}

/* Compare and add; see copies.h. */
size_t rc_dedup_add(rc_dedup *x, const rc_doc *d, const rc_dedup_match **out)
{
    return dedup_add(x, d, NULL, 0, out);
}

/* ---- per-document copy lists ---- */

typedef struct copy_list {
    rc_copy *items;            /* up to RC_COPIES_PER_DOC, allocated on first use */
    uint32_t n;
    size_t more;               /* copies found but not kept */
} copy_list;

struct rc_copies {
    copy_list *lists;
    size_t n;
};

/* 1 when copy a is stronger than b (share, Jaccard, then lower index). */
static int stronger(const rc_copy *a, const rc_copy *b)
{
    if (a->share != b->share)
        return a->share > b->share;
    if (a->jaccard != b->jaccard)
        return a->jaccard > b->jaccard;
    return a->doc < b->doc;
}

/* Keep c in list l when it is among the RC_COPIES_PER_DOC strongest;
 * count it in l->more otherwise (or the copy it replaces). */
static void list_add(copy_list *l, const rc_copy *c)
{
    if (!l->items)
        l->items = rc_malloc(RC_COPIES_PER_DOC * sizeof *l->items);
    if (l->n < RC_COPIES_PER_DOC) {
        l->items[l->n++] = *c;
        return;
    }
    l->more++;
    size_t weakest = 0;
    for (size_t i = 1; i < l->n; i++)
        if (stronger(&l->items[weakest], &l->items[i]))
            weakest = i;
    if (stronger(c, &l->items[weakest]))
        l->items[weakest] = *c;
}

/* qsort order: strongest first. */
static int cmp_copy(const void *pa, const void *pb)
{
    const rc_copy *a = pa, *b = pb;
    return stronger(a, b) ? -1 : stronger(b, a) ? 1 : 0;
}

/* Copies among docs; see copies.h. */
struct rc_copies *rc_copies_build(rc_doc *const *docs, size_t n)
{
    return rc_copies_build_stored(docs, n, NULL, NULL, NULL);
}

/* Copies among docs, keys read from records; see copies.h. */
struct rc_copies *rc_copies_build_stored(rc_doc *const *docs, size_t n,
                                         const unsigned char *const *keys, const size_t *nkeys,
                                         const unsigned char *use)
{
    struct rc_copies *c = rc_calloc(1, sizeof *c);
    c->n = n;
    c->lists = rc_calloc(n ? n : 1, sizeof *c->lists);
    rc_dedup *x = rc_dedup_new(0, 0);
    for (size_t i = 0; i < n; i++) {
        const rc_dedup_match *m;
        int rec = keys && use && use[i] && keys[i];
        size_t nm = dedup_add(x, docs[i], rec ? keys[i] : NULL, rec ? nkeys[i] : 0, &m);
        for (size_t k = 0; k < nm; k++) {
            size_t j = m[k].serial;
            rc_copy a = {j, m[k].share_new, m[k].jaccard, m[k].direction, m[k].basis};
            uint8_t inv = m[k].direction == RC_COPY_FROM ? RC_COPY_BY
                          : m[k].direction == RC_COPY_BY ? RC_COPY_FROM
                                                         : RC_COPY_UNKNOWN;
            rc_copy b = {i, m[k].share_old, m[k].jaccard, inv, m[k].basis};
            list_add(&c->lists[i], &a);
            list_add(&c->lists[j], &b);
        }
    }
    rc_dedup_free(x);
    for (size_t i = 0; i < n; i++)
        if (c->lists[i].n > 1)
            qsort(c->lists[i].items, c->lists[i].n, sizeof *c->lists[i].items, cmp_copy);
    return c;
}

/* Free the result; see copies.h. */
void rc_copies_free(struct rc_copies *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n; i++)
        free(c->lists[i].items);
    free(c->lists);
    free(c);
}

/* Copies of document i; see copies.h. */
size_t rc_copies_of(const struct rc_copies *c, size_t i, const rc_copy **out, size_t *more)
{
    if (more)
        *more = 0;
    *out = NULL;
    if (!c || i >= c->n)
        return 0;
    if (more)
        *more = c->lists[i].more;
    *out = c->lists[i].items;
    return c->lists[i].n;
}

/* The source of document i; see copies.h. */
size_t rc_copies_source(const struct rc_copies *c, size_t i, float min_share)
{
    const rc_copy *cp;
    size_t n = rc_copies_of(c, i, &cp, NULL), best = SIZE_MAX;
    float best_share = 0;
    for (size_t k = 0; k < n; k++) {
        if (cp[k].share < min_share || cp[k].direction == RC_COPY_BY)
            continue;
        /* the strongest reuse; among equals, a known direction, then the
         * earlier document */
        int better = best == SIZE_MAX || cp[k].share > best_share ||
                     (cp[k].share == best_share && cp[k].doc < best);
        if (better) {
            best = cp[k].doc;
            best_share = cp[k].share;
        }
    }
    return best;
}

/* Direction name; see copies.h. */
const char *rc_copy_dir_name(int dir)
{
    return dir == RC_COPY_FROM ? "copied_from" : dir == RC_COPY_BY ? "copied_by" : "unknown";
}

/* Basis name; see copies.h. */
const char *rc_copy_basis_name(int basis)
{
    return basis == RC_BASIS_PUBLISHED ? "published" : basis == RC_BASIS_CREDIT ? "credit" : NULL;
}
