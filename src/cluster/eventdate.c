/*
 * eventdate.c - the event date of one document; see eventdate.h.
 */
#include "cluster/eventdate.h"
#include "extract/dates.h"
#include "meta/header.h"
#include "text/textmodel.h"
#include <stdio.h>
#include <string.h>

/* Words that introduce a date of another event or a plan, FR and EN
 * (folded token forms; "jusqu" matches jusqu'au, jusqu'à). */
static const char *const REF_WORDS[] = {
    "depuis", "dès", "après", "apres", "avant", "jusqu", "partir", "celle",
    "celui", "précédente", "précédent", "entre",
    "since", "after", "before", "from", "until", "till", "previous", "earlier",
    "between", NULL};

enum { CAND_MAX = 128 };

typedef struct cand {
    int gran;            /* RC_DATE_MONTH, RC_DATE_DAY, or 0: weekday only */
    int y, m, d;
    int wday;            /* weekday named, -1 */
    int guessed;
    float w;
    uint32_t order;      /* position, for deterministic ties */
} cand;

/* Days since 1970-01-01; see eventdate.h. */
int32_t rc_evdate_daynum(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* ISO form; see eventdate.h. */
size_t rc_evdate_iso(const rc_evdate *e, char *out, size_t cap)
{
    int n = 0;
    if (!cap)
        return 0;
    out[0] = '\0';
    if (e->gran == RC_DATE_DAY) {
        if (e->year > 0)
            n = snprintf(out, cap, "%04d-%02d-%02d", e->year, e->month, e->day);
        else
            n = snprintf(out, cap, "XXXX-%02d-%02d", e->month, e->day);
    } else if (e->gran == RC_DATE_MONTH) {
        if (e->year > 0)
            n = snprintf(out, cap, "%04d-%02d", e->year, e->month);
        else
            n = snprintf(out, cap, "XXXX-%02d", e->month);
    }
    if (n < 0)
        n = 0;
    return (size_t)n < cap ? (size_t)n : cap - 1;
}

/* Weight of a candidate in sentence s (lead sentences weigh most). */
static float pos_weight(size_t s)
{
    if (s == 0)
        return 3.0f;
    if (s == 1)
        return 2.0f;
    if (s == 2)
        return 1.5f;
    if (s <= 5)
        return 1.0f;
    return 0.5f;
}

/* Sentence index holding byte off (0 when the document has no sentences). */
static size_t sent_at(const rc_doc *d, uint32_t off)
{
    size_t lo = 0, hi = d->nsentences;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->sentences[mid].end <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < d->nsentences ? lo : (d->nsentences ? d->nsentences - 1 : 0);
}

/* 1 when the folded token norm is a reference word. */
static int is_ref_word(const char *norm)
{
    if (!norm)
        return 0;
    for (size_t i = 0; REF_WORDS[i]; i++) {
        size_t n = strlen(REF_WORDS[i]);
        if (strncmp(norm, REF_WORDS[i], n) == 0 &&
            (norm[n] == '\0' || (norm[n] == '\'' && strcmp(REF_WORDS[i], "jusqu") == 0)))
            return 1;
    }
    return 0;
}

/* 1 when one of the three tokens before token t, in t's sentence, is a
 * reference word. */
static int ref_before(const rc_doc *d, size_t t)
{
    for (size_t k = 1; k <= 3 && k <= t; k++) {
        const rc_token *p = &d->tokens[t - k];
        if (t < d->ntokens && p->sentence != d->tokens[t].sentence)
            break;
        if (is_ref_word(p->norm))
            return 1;
    }
    return 0;
}

/* Weekday named by token t, or -1. */
static int tok_wday(const rc_doc *d, size_t t)
{
    const rc_token *k = &d->tokens[t];
    if (!(k->flags & RC_TOK_WORD))
        return -1;
    return rc_weekday_word(d->text + k->start, k->end - k->start);
}

/* Parse a date value ("2025-06-17", "XXXX-06", "2025-06") into y (0 when
 * open), m, d; returns the granularity or 0 (years, weeks, junk). */
static int parse_value(const char *v, int *y, int *m, int *d)
{
    *y = *m = *d = 0;
    if (strchr(v, 'W'))
        return 0;
    if (strncmp(v, "XXXX", 4) == 0) {
        char tmp[24];
        snprintf(tmp, sizeof tmp, "2000%s", v + 4);
        int g = rc_dates_parse_anchor(tmp, y, m, d);
        *y = 0;
        return g >= RC_DATE_MONTH ? g : 0;
    }
    int g = rc_dates_parse_anchor(v, y, m, d);
    return g >= RC_DATE_MONTH ? g : 0;
}

/* 1 when candidate day c falls in month (y, m); an open year matches any. */
static int in_month(const cand *c, int y, int m)
{
    return c->m == m && (c->y == 0 || y == 0 || c->y == y);
}

/* The event date; see eventdate.h. */
void rc_eventdate(const rc_doc *d, const rc_facts *f, rc_evdate *out)
{
    memset(out, 0, sizeof *out);
    out->wday = -1;
    cand c[CAND_MAX];
    size_t n = 0;
    int py = 0, pm = 0, pd = 0;
    int pg = rc_dates_parse_anchor(d->published, &py, &pm, &pd);
    int32_t pday = pg == RC_DATE_DAY ? rc_evdate_daynum(py, pm, pd) : 0;

    /* dates the extractor resolved */
    for (size_t i = 0; f && i < f->ndates && n < CAND_MAX; i++) {
        const rc_date *dt = &f->dates[i];
        cand x = {0, 0, 0, 0, -1, 0, 0.0f, dt->start};
        x.gran = parse_value(dt->value, &x.y, &x.m, &x.d);
        if (!x.gran)
            continue;
        x.guessed = dt->relative && pg == 0 && x.y != 0;
        x.w = pos_weight(sent_at(d, dt->start));
        size_t t0 = rc_textmodel_token_from(d, dt->start);
        for (size_t t = t0; t < d->ntokens && d->tokens[t].start < dt->end; t++)
            if (tok_wday(d, t) >= 0) {
                x.wday = tok_wday(d, t);
                break;
            }
        if (x.wday >= 0)
            x.w *= 2.0f;
        if (ref_before(d, t0))
            x.w *= 0.3f;
        if (x.y && pg == RC_DATE_DAY && x.gran == RC_DATE_DAY &&
            rc_evdate_daynum(x.y, x.m, x.d) > pday + 1)
            x.w *= 0.3f;
        else if (x.y && pg >= RC_DATE_MONTH && (x.y * 12 + x.m) > (py * 12 + pm))
            x.w *= 0.3f;
        if (x.gran == RC_DATE_MONTH)
            x.w *= 0.5f;
        c[n++] = x;
    }
    /* weekday words outside every extracted date */
    size_t fi = 0;
    for (size_t t = 0; t < d->ntokens && n < CAND_MAX; t++) {
        int wd = tok_wday(d, t);
        if (wd < 0)
            continue;
        int covered = 0;
        for (fi = 0; f && fi < f->ndates; fi++)
            if (f->dates[fi].start <= d->tokens[t].start && d->tokens[t].end <= f->dates[fi].end) {
                covered = 1;
                break;
            }
        if (covered)
            continue;
        cand x = {0, 0, 0, 0, wd, 0, pos_weight(d->tokens[t].sentence) * 2.0f,
                  d->tokens[t].start};
        if (ref_before(d, t))
            x.w *= 0.3f;
        c[n++] = x;
    }
    /* the publication date */
    if (n < CAND_MAX && pg == RC_DATE_DAY)
        c[n++] = (cand){RC_DATE_DAY, py, pm, pd, rc_weekday(py, pm, pd), 0, 1.0f, UINT32_MAX};
    else if (n < CAND_MAX && pg == RC_DATE_MONTH)
        c[n++] = (cand){RC_DATE_MONTH, py, pm, 0, -1, 0, 0.5f, UINT32_MAX};

    /* best day: its own weight, weekday words on its weekday, half its months */
    int best = -1;
    float best_s = 0.0f;
    for (size_t i = 0; i < n; i++) {
        if (c[i].gran != RC_DATE_DAY)
            continue;
        int wd = c[i].y ? rc_weekday(c[i].y, c[i].m, c[i].d) : -1;
        float s = 0.0f;
        for (size_t j = 0; j < n; j++) {
            if (c[j].gran == RC_DATE_DAY && c[j].m == c[i].m && c[j].d == c[i].d &&
                (c[j].y == c[i].y || !c[j].y || !c[i].y))
                s += c[j].w;
            else if (c[j].gran == RC_DATE_MONTH && in_month(&c[j], c[i].y, c[i].m))
                s += 0.5f * c[j].w;
            else if (c[j].gran == 0 && wd >= 0 && c[j].wday == wd)
                s += c[j].w;
        }
        if (s > best_s || (s == best_s && best >= 0 && c[i].order < c[best].order)) {
            best = (int)i;
            best_s = s;
        }
    }
    /* strongest weekday word that contradicts the best day */
    float wd_s[7] = {0};
    int bwd = best >= 0 && c[best].y ? rc_weekday(c[best].y, c[best].m, c[best].d) : -1;
    for (size_t j = 0; j < n; j++)
        if (c[j].gran == 0 && c[j].wday != bwd)
            wd_s[c[j].wday] += c[j].w;
    int wbest = -1;
    for (int k = 0; k < 7; k++)
        if (wd_s[k] > 0.0f && (wbest < 0 || wd_s[k] > wd_s[wbest]))
            wbest = k;
    /* best month: its mentions and the days in it */
    int bm = -1;
    float bm_s = 0.0f;
    for (size_t i = 0; i < n; i++) {
        if (c[i].gran != RC_DATE_MONTH)
            continue;
        float s = 0.0f;
        for (size_t j = 0; j < n; j++)
            if (c[j].gran >= RC_DATE_MONTH && in_month(&c[j], c[i].y, c[i].m) &&
                (c[j].y == c[i].y || c[j].gran == RC_DATE_DAY))
                s += c[j].w;
        if (s > bm_s || (s == bm_s && bm >= 0 && c[i].order < c[bm].order)) {
            bm = (int)i;
            bm_s = s;
        }
    }

    if (best >= 0 && best_s >= (wbest >= 0 ? wd_s[wbest] : 0.0f) && best_s >= 0.5f * bm_s) {
        out->gran = RC_DATE_DAY;
        out->year = c[best].y;
        out->month = c[best].m;
        out->day = c[best].d;
        out->year_guessed = c[best].guessed;
        out->wday = bwd >= 0 ? bwd : c[best].wday;
        out->score = best_s;
        return;
    }
    if (wbest >= 0 && wd_s[wbest] >= bm_s) {
        /* the text names the event's weekday but no date for it: the month
         * only from a month-precise publication */
        out->wday = wbest;
        out->score = wd_s[wbest];
        if (pg == RC_DATE_MONTH) {
            out->gran = RC_DATE_MONTH;
            out->year = py;
            out->month = pm;
        }
        return;
    }
    if (bm >= 0) {
        out->gran = RC_DATE_MONTH;
        out->year = c[bm].y;
        out->month = c[bm].m;
        out->year_guessed = c[bm].guessed;
        out->score = bm_s;
    }
}
