/*
 * evfeat.c - per-document features for event clustering; see evfeat.h.
 */
#include "cluster/evfeat.h"
#include "util/bytes.h"
#include "extract/dates.h"
#include "extract/gazetteer.h"
#include "extract/translit.h"
#include "meta/credits.h"
#include "text/textmodel.h"
#include "util/hash.h"
#include "util/mem.h"
#include "util/rc.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { SEED_TERM = 0x7465726d, SEED_GAZ = 0x67617a, SEED_NAME = 0x6e616d65, SEED_NUM = 0x6e756d };

typedef struct wvec {
    rc_evweight *v;
    size_t n, cap;
} wvec;

/* Append (h, w) to v. */
static void wvec_add(wvec *v, uint64_t h, float w)
{
    if (v->n == v->cap) {
        v->cap = v->cap ? v->cap * 2 : 64;
        v->v = rc_reallocarray(v->v, v->cap, sizeof *v->v);
    }
    v->v[v->n].h = h;
    v->v[v->n].w = w;
    v->n++;
}

/* qsort order: hash ascending. */
static int by_hash(const void *a, const void *b)
{
    uint64_t x = ((const rc_evweight *)a)->h, y = ((const rc_evweight *)b)->h;
    return x < y ? -1 : x > y;
}

/* qsort order: weight descending, then hash ascending. */
static int by_weight(const void *a, const void *b)
{
    const rc_evweight *x = a, *y = b;
    if (x->w != y->w)
        return x->w > y->w ? -1 : 1;
    return x->h < y->h ? -1 : x->h > y->h;
}

/* Sort v[n] by hash ascending (equal hashes adjacent, in any order): an
 * LSD radix sort, 8 passes of 8 bits, for the hundreds of token terms of
 * an article (qsort's comparisons were 4% of placing one); qsort below 64. */
static void sort_by_hash(rc_evweight *v, size_t n)
{
    if (n < 64) {
        qsort(v, n, sizeof *v, by_hash);
        return;
    }
    rc_evweight *tmp = rc_reallocarray(NULL, n, sizeof *tmp);
    rc_evweight *src = v, *dst = tmp;
    for (unsigned shift = 0; shift < 64; shift += 8) {
        size_t count[257] = {0};
        for (size_t i = 0; i < n; i++)
            count[((src[i].h >> shift) & 0xff) + 1]++;
        if (count[((src[0].h >> shift) & 0xff) + 1] == n)
            continue; /* one digit value: the order stands */
        for (size_t d = 1; d < 257; d++)
            count[d] += count[d - 1];
        for (size_t i = 0; i < n; i++)
            dst[count[(src[i].h >> shift) & 0xff]++] = src[i];
        rc_evweight *t = src;
        src = dst;
        dst = t;
    }
    if (src != v)
        memcpy(v, src, n * sizeof *v);
    free(tmp);
}

/* Sort v, sum repeats, keep the cap heaviest; returns a new exact-size
 * array sorted by hash in *out, its length as the result. */
static uint32_t wvec_finish(wvec *v, size_t cap, rc_evweight **out)
{
    size_t n = 0;
    if (v->n) {
        sort_by_hash(v->v, v->n);
        for (size_t i = 0; i < v->n; i++) {
            if (n && v->v[n - 1].h == v->v[i].h)
                v->v[n - 1].w += v->v[i].w;
            else
                v->v[n++] = v->v[i];
        }
        if (n > cap) {
            qsort(v->v, n, sizeof *v->v, by_weight);
            n = cap;
            qsort(v->v, n, sizeof *v->v, by_hash);
        }
    }
    *out = n ? rc_reallocarray(NULL, n, sizeof **out) : NULL;
    if (n)
        memcpy(*out, v->v, n * sizeof **out);
    free(v->v);
    memset(v, 0, sizeof *v);
    return (uint32_t)n;
}

/* qsort order for uint64_t. */
static int by_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* qsort order for int32_t. */
static int by_i32(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return x < y ? -1 : x > y;
}

/* Add the content terms of d's tokens to v, each of weight w. */
static void add_terms(wvec *v, const rc_doc *d, float w)
{
    for (size_t i = 0; i < d->ntokens; i++) {
        const rc_token *t = &d->tokens[i];
        if (!(t->flags & RC_TOK_WORD) || (t->flags & RC_TOK_STOP) || !t->stem)
            continue;
        size_t n = strlen(t->stem);
        if (t->end - t->start < 2 || n == 0)
            continue;
        wvec_add(v, rc_hash64(t->stem, n, SEED_TERM), w);
    }
}

/* Add the entity keys of f's mentions to v. */
static void add_entities(wvec *v, const rc_doc *d, const rc_facts *f, int flags)
{
    char key[128];
    for (size_t i = 0; f && i < f->nmentions; i++) {
        const rc_mention *m = &f->mentions[i];
        if ((flags & RC_EVFEAT_MERGED) && m->entity < 0)
            continue;
        if (m->end <= m->start || m->end > d->text_len)
            continue;
        const char *s = d->text + m->start;
        size_t n = m->end - m->start;
        if (rc_agency_lookup(s, n))
            continue;
        const char *k = m->key ? m->key : s;
        size_t kn = m->key ? strlen(m->key) : n;
        rc_gaz_hit hit;
        if (rc_gaz_find(s, n, &hit) || rc_gaz_find(k, kn, &hit) ||
            (m->type == RC_ENT_PLACE && rc_gaz_find_phonetic(k, kn, &hit))) {
            wvec_add(v, rc_hash64(&hit.id, sizeof hit.id, SEED_GAZ), 1.0f);
            continue;
        }
        size_t len = rc_translit_key(k, kn, key, sizeof key);
        if (len < 2)
            continue;
        wvec_add(v, rc_hash64(key, len, SEED_NAME), 1.0f);
        if (m->type == RC_ENT_PERSON) {
            const char *sp = NULL;
            for (size_t j = kn; j > 0; j--)
                if (k[j - 1] == ' ') {
                    sp = k + j;
                    break;
                }
            if (sp) {
                len = rc_translit_key(sp, (size_t)(k + kn - sp), key, sizeof key);
                if (len >= 4)
                    wvec_add(v, rc_hash64(key, len, SEED_NAME), 1.0f);
            }
        }
    }
}

/* Features; see evfeat.h. */
rc_evfeat *rc_evfeat_build(const rc_doc *d, const rc_facts *f, int flags)
{
    rc_evfeat *e = rc_calloc(1, sizeof *e);
    if (d->lang)
        strncpy(e->lang, d->lang, sizeof e->lang - 1);
    int y = 0, m = 0, dd = 0;
    if (!(flags & RC_EVFEAT_TERMS)) {
        e->pub_gran = rc_dates_parse_anchor(d->published, &y, &m, &dd);
        e->pub_year = y;
        e->pub_month = m;
        if (e->pub_gran == RC_DATE_DAY)
            e->pub_day = rc_evdate_daynum(y, m, dd);
        rc_eventdate(d, f, &e->date);
    }

    wvec v = {0};
    add_terms(&v, d, 1.0f);
    if (d->title && *d->title) {
        rc_doc *t = rc_doc_new();
        size_t tn = strnlen(d->title, 1024);
        rc_doc_setn(t, &t->text, d->title, tn);
        t->text_len = tn;
        rc_doc_set(t, &t->lang, d->lang);
        rc_textmodel_build(t);
        add_terms(&v, t, 2.0f);
        rc_doc_free(t);
    }
    e->nterms = wvec_finish(&v, RC_EVFEAT_MAX_TERMS, &e->terms);
    if (flags & RC_EVFEAT_TERMS)
        return e;
    add_entities(&v, d, f, flags);
    e->nents = wvec_finish(&v, RC_EVFEAT_MAX_ENTS, &e->ents);

    uint64_t nums[RC_EVFEAT_MAX_NUMS];
    size_t nn = 0;
    for (size_t i = 0; f && i < f->nquantities && nn < RC_EVFEAT_MAX_NUMS; i++) {
        const rc_quantity *q = &f->quantities[i];
        if (q->ordinal || !isfinite(q->value) || q->value < 2.0)
            continue;
        double val = q->value;
        if (q->percent)
            val = -val;  /* percentages apart from counts */
        uint64_t h = rc_hash64(&val, sizeof val, SEED_NUM);
        if (q->unit)
            h = rc_hash64(q->unit, strlen(q->unit), h);
        nums[nn++] = h;
    }
    qsort(nums, nn, sizeof *nums, by_u64);
    size_t k = 0;
    for (size_t i = 0; i < nn; i++)
        if (!k || nums[k - 1] != nums[i])
            nums[k++] = nums[i];
    e->nnums = (uint32_t)k;
    e->nums = k ? rc_reallocarray(NULL, k, sizeof *e->nums) : NULL;
    if (k)
        memcpy(e->nums, nums, k * sizeof *nums);

    int32_t days[RC_EVFEAT_MAX_DATES];
    size_t nd = 0;
    for (size_t i = 0; f && i < f->ndates && nd < RC_EVFEAT_MAX_DATES; i++) {
        const rc_date *dt = &f->dates[i];
        if (dt->gran != RC_DATE_DAY || dt->year_open || strchr(dt->value, 'W'))
            continue;
        if (rc_dates_parse_anchor(dt->value, &y, &m, &dd) != RC_DATE_DAY)
            continue;
        days[nd++] = rc_evdate_daynum(y, m, dd);
    }
    qsort(days, nd, sizeof *days, by_i32);
    k = 0;
    for (size_t i = 0; i < nd; i++)
        if (!k || days[k - 1] != days[i])
            days[k++] = days[i];
    e->ndays = (uint32_t)k;
    e->days = k ? rc_reallocarray(NULL, k, sizeof *e->days) : NULL;
    if (k)
        memcpy(e->days, days, k * sizeof *days);
    return e;
}

/* Free; see evfeat.h. */
void rc_evfeat_free(rc_evfeat *f)
{
    if (!f)
        return;
    free(f->terms);
    free(f->ents);
    free(f->nums);
    free(f->days);
    free(f);
}

/* Event day; see evfeat.h. */
int rc_evfeat_day(const rc_evfeat *f, int32_t *day)
{
    if (f->date.gran != RC_DATE_DAY || f->date.year <= 0)
        return 0;
    *day = rc_evdate_daynum(f->date.year, f->date.month, f->date.day);
    return 1;
}

/* --- serialisation ----------------------------------------------------- */

/* Encode; see evfeat.h. */
int rc_evfeat_encode(const rc_evfeat *f, rc_buf *out)
{
    int bad = rc_buf_append(out, "RCEF", 4);
    bad |= rc_bytes_put_le(out, RC_EVFEAT_VERSION, 1);
    bad |= rc_buf_append(out, f->lang, sizeof f->lang);
    bad |= rc_bytes_put_le(out, (uint32_t)f->pub_day, 4);
    bad |= rc_bytes_put_le(out, (uint64_t)f->pub_gran, 1);
    bad |= rc_bytes_put_le(out, (uint32_t)f->pub_year, 4);
    bad |= rc_bytes_put_le(out, (uint64_t)f->pub_month, 1);
    bad |= rc_bytes_put_le(out, (uint64_t)f->date.gran, 1);
    bad |= rc_bytes_put_le(out, (uint32_t)f->date.year, 4);
    bad |= rc_bytes_put_le(out, (uint64_t)f->date.month, 1);
    bad |= rc_bytes_put_le(out, (uint64_t)f->date.day, 1);
    bad |= rc_bytes_put_le(out, (uint64_t)f->date.year_guessed, 1);
    bad |= rc_bytes_put_le(out, (uint64_t)(f->date.wday + 1), 1);
    bad |= rc_bytes_put_f32(out, f->date.score);
    bad |= rc_bytes_put_le(out, f->nterms, 4);
    for (uint32_t i = 0; i < f->nterms; i++) {
        bad |= rc_bytes_put_le(out, f->terms[i].h, 8);
        bad |= rc_bytes_put_f32(out, f->terms[i].w);
    }
    bad |= rc_bytes_put_le(out, f->nents, 4);
    for (uint32_t i = 0; i < f->nents; i++) {
        bad |= rc_bytes_put_le(out, f->ents[i].h, 8);
        bad |= rc_bytes_put_f32(out, f->ents[i].w);
    }
    bad |= rc_bytes_put_le(out, f->nnums, 4);
    for (uint32_t i = 0; i < f->nnums; i++)
        bad |= rc_bytes_put_le(out, f->nums[i], 8);
    bad |= rc_bytes_put_le(out, f->ndays, 4);
    for (uint32_t i = 0; i < f->ndays; i++)
        bad |= rc_bytes_put_le(out, (uint32_t)f->days[i], 4);
    return bad ? RC_TOOBIG : RC_OK;
}

/* A weighted list: count (<= cap), then sorted distinct entries. */
static uint32_t get_wlist(rc_bytes_reader *r, uint32_t cap, rc_evweight **out)
{
    uint32_t n = (uint32_t)rc_bytes_get_le(r, 4);
    *out = NULL;
    if (r->bad || n > cap || (r->n - r->at) / 12 < n) {
        r->bad = 1;
        return 0;
    }
    if (!n)
        return 0;
    *out = rc_reallocarray(NULL, n, sizeof **out);
    /* the n entries are known to be there: read in place (what
     * rc_bytes_get_le and rc_bytes_get_f32 give, without a call and a
     * bounds check per value) */
    const unsigned char *q = r->p + r->at;
    for (uint32_t i = 0; i < n; i++, q += 12) {
        uint64_t h = 0;
        uint32_t u = 0;
        for (int b = 7; b >= 0; b--)
            h = h << 8 | q[b];
        for (int b = 11; b >= 8; b--)
            u = u << 8 | q[b];
        float w;
        memcpy(&w, &u, sizeof w);
        if (!isfinite(w) || w < 0.0f)
            r->bad = 1;
        (*out)[i].h = h;
        (*out)[i].w = w;
        if (i && h <= (*out)[i - 1].h)
            r->bad = 1;
    }
    r->at += (size_t)n * 12;
    return n;
}

/* 1 when day is the day number of a date of years 0..9999, the only ones
 * rc_evfeat_build makes (a damaged value near INT32_MAX would overflow the
 * clusterer's window arithmetic). */
static int day_ok(int32_t day)
{
    return day >= rc_evdate_daynum(0, 1, 1) && day <= rc_evdate_daynum(9999, 12, 31);
}

/* Decode; see evfeat.h. */
int rc_evfeat_decode(const void *p, size_t n, rc_evfeat **out)
{
    *out = NULL;
    rc_bytes_reader r = {p, n, 0, 0};
    if (!p || n < 5 || memcmp(p, "RCEF", 4) != 0)
        return RC_PARSE;
    r.at = 4;
    if (rc_bytes_get_le(&r, 1) != RC_EVFEAT_VERSION)
        return RC_PARSE;
    rc_evfeat *f = rc_calloc(1, sizeof *f);
    if (r.n - r.at >= sizeof f->lang) {
        memcpy(f->lang, r.p + r.at, sizeof f->lang);
        r.at += sizeof f->lang;
    } else {
        r.bad = 1;
    }
    f->lang[sizeof f->lang - 1] = '\0';
    f->pub_day = (int32_t)(uint32_t)rc_bytes_get_le(&r, 4);
    f->pub_gran = (int)rc_bytes_get_le(&r, 1);
    f->pub_year = (int32_t)(uint32_t)rc_bytes_get_le(&r, 4);
    f->pub_month = (int)rc_bytes_get_le(&r, 1);
    f->date.gran = (int)rc_bytes_get_le(&r, 1);
    f->date.year = (int32_t)(uint32_t)rc_bytes_get_le(&r, 4);
    f->date.month = (int)rc_bytes_get_le(&r, 1);
    f->date.day = (int)rc_bytes_get_le(&r, 1);
    f->date.year_guessed = (int)rc_bytes_get_le(&r, 1);
    f->date.wday = (int)rc_bytes_get_le(&r, 1) - 1;
    f->date.score = rc_bytes_get_f32(&r);
    if (f->pub_gran > RC_DATE_DAY || f->pub_month > 12 || f->date.month > 12 ||
        f->date.day > 31 || f->date.wday > 6 || f->date.year_guessed > 1 ||
        (f->date.gran != 0 && f->date.gran != RC_DATE_MONTH && f->date.gran != RC_DATE_DAY) ||
        f->date.year < 0 || f->date.year > 9999 || f->pub_year < 0 || f->pub_year > 9999 ||
        (f->date.gran >= RC_DATE_MONTH && f->date.month < 1) ||
        (f->date.gran == RC_DATE_DAY && f->date.day < 1) || !day_ok(f->pub_day))
        r.bad = 1;
    f->nterms = get_wlist(&r, RC_EVFEAT_MAX_TERMS, &f->terms);
    f->nents = get_wlist(&r, RC_EVFEAT_MAX_ENTS, &f->ents);
    uint32_t k = (uint32_t)rc_bytes_get_le(&r, 4);
    if (!r.bad && k <= RC_EVFEAT_MAX_NUMS && (r.n - r.at) / 8 >= k) {
        f->nnums = k;
        f->nums = k ? rc_reallocarray(NULL, k, sizeof *f->nums) : NULL;
        for (uint32_t i = 0; i < k; i++) {
            f->nums[i] = rc_bytes_get_le(&r, 8);
            if (i && f->nums[i] <= f->nums[i - 1])
                r.bad = 1;
        }
    } else {
        r.bad = 1;
    }
    k = (uint32_t)rc_bytes_get_le(&r, 4);
    if (!r.bad && k <= RC_EVFEAT_MAX_DATES && (r.n - r.at) / 4 >= k) {
        f->ndays = k;
        f->days = k ? rc_reallocarray(NULL, k, sizeof *f->days) : NULL;
        for (uint32_t i = 0; i < k; i++) {
            f->days[i] = (int32_t)(uint32_t)rc_bytes_get_le(&r, 4);
            if (!day_ok(f->days[i]) || (i && f->days[i] <= f->days[i - 1]))
                r.bad = 1;
        }
    } else {
        r.bad = 1;
    }
    if (r.bad || r.at != r.n) {
        rc_evfeat_free(f);
        return RC_PARSE;
    }
    *out = f;
    return RC_OK;
}
