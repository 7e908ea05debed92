/*
 * dateparse.c - dates written in article text (see dateparse.h).
 */
#include "meta/dateparse.h"
#include "meta/fold.h"
#include "meta/header.h"
#include <string.h>

#define DL_TOKENS 32

/* Month names and abbreviations (folded), French and English. */
static const struct {
    const char *w;
    int m;
} MONTHS[] = {
    {"janvier", 1},   {"janv", 1},     {"january", 1},  {"jan", 1},     {"fevrier", 2},
    {"fevr", 2},      {"fev", 2},      {"february", 2}, {"feb", 2},     {"mars", 3},
    {"march", 3},     {"mar", 3},      {"avril", 4},    {"avr", 4},     {"april", 4},
    {"apr", 4},       {"mai", 5},      {"may", 5},      {"juin", 6},    {"june", 6},
    {"jun", 6},       {"juillet", 7},  {"juil", 7},     {"july", 7},    {"jul", 7},
    {"aout", 8},      {"august", 8},   {"aug", 8},      {"septembre", 9}, {"sept", 9},
    {"september", 9}, {"sep", 9},      {"octobre", 10}, {"oct", 10},    {"october", 10},
    {"novembre", 11}, {"nov", 11},     {"november", 11}, {"decembre", 12}, {"dec", 12},
    {"december", 12},
};

/* Month number of a month word; see dateparse.h. */
int rc_month_word(const char *w, size_t n)
{
    char k[32];
    if (n == 0 || n > 40)
        return 0;
    size_t kl = rc_fold_key(w, n, k, sizeof k);
    for (size_t i = 0; i < sizeof MONTHS / sizeof *MONTHS; i++)
        if (strlen(MONTHS[i].w) == kl && memcmp(k, MONTHS[i].w, kl) == 0)
            return MONTHS[i].m;
    return 0;
}

/* A token of a dateline date: a number (up to three joined by / . -) or a word. */
typedef struct dtok {
    int isnum;
    int nparts;
    long v[3];
    size_t s, e;   /* byte span */
} dtok;

/* Parse ASCII digits at s[*i]; see dateparse.h. */
long rc_date_digits(const char *s, size_t n, size_t *i, int *count)
{
    long v = 0;
    int c = 0;
    while (*i < n && s[*i] >= '0' && s[*i] <= '9') {
        if (c < 6)
            v = v * 10 + (s[*i] - '0');
        c++;
        (*i)++;
    }
    *count = c;
    return v;
}

/* Split s[n] into at most max date tokens; returns the count. */
static size_t dtokens(const char *s, size_t n, dtok *t, size_t max)
{
    size_t nt = 0;
    size_t i = 0;
    while (i < n && nt < max) {
        int32_t cp;
        size_t k = rc_utf8_next(s, n, i, &cp);
        if (cp >= '0' && cp <= '9') {
            dtok *d = &t[nt++];
            memset(d, 0, sizeof *d);
            d->isnum = 1;
            d->s = i;
            int c;
            d->v[0] = rc_date_digits(s, n, &i, &c);
            d->nparts = 1;
            while (d->nparts < 3 && i + 1 < n && (s[i] == '/' || s[i] == '.' || s[i] == '-') &&
                   s[i + 1] >= '0' && s[i + 1] <= '9') {
                i++;
                d->v[d->nparts++] = rc_date_digits(s, n, &i, &c);
            }
            d->e = i;
        } else if (rc_uc_is_letter(cp)) {
            dtok *d = &t[nt++];
            memset(d, 0, sizeof *d);
            d->s = i;
            while (i < n) {
                k = rc_utf8_next(s, n, i, &cp);
                if (!rc_uc_is_letter(cp) && cp != 0x0301 && cp != 0x0300)
                    break;
                i += k;
            }
            d->e = i;
        } else {
            i += k;
        }
    }
    return nt;
}


/* Date and weekday in s[n]; see dateparse.h. */
void rc_date_scan(const char *s, size_t n, int yhint, rc_date_found *di)
{
    dtok t[DL_TOKENS];
    size_t nt = dtokens(s, n, t, DL_TOKENS);
    memset(di, 0, sizeof *di);
    di->wd = -1;
    for (size_t i = 0; i < nt; i++) {
        dtok *k = &t[i];
        if (!k->isnum) {
            if (di->wd < 0) {
                int w = rc_weekday_word(s + k->s, k->e - k->s);
                if (w >= 0) {
                    di->wd = w;
                    di->wd_s = k->s;
                    di->wd_e = k->e;
                    continue;
                }
            }
            int m = rc_month_word(s + k->s, k->e - k->s);
            if (m && !di->m && i + 1 < nt && t[i + 1].isnum && t[i + 1].nparts == 1 &&
                t[i + 1].v[0] >= 1 && t[i + 1].v[0] <= 31) {
                di->m = m;
                di->d = (int)t[i + 1].v[0];
                if (i + 2 < nt && t[i + 2].isnum && t[i + 2].nparts == 1 &&
                    t[i + 2].v[0] >= 1000 && t[i + 2].v[0] <= 9999)
                    di->y = (int)t[i + 2].v[0];
            }
            continue;
        }
        if (di->m)
            continue;
        if (k->nparts == 3) {
            long a = k->v[0], b = k->v[1], c = k->v[2];
            long y, m, d;
            if (a >= 1000) {
                y = a; m = b; d = c;
            } else {
                y = c < 100 ? 2000 + c : c;
                d = a; m = b;
                if (m > 12 && d <= 12) { /* month first (US) */
                    long x = m; m = d; d = x;
                }
            }
            if (y >= 1 && y <= 9999 && rc_weekday((int)y, (int)m, (int)d) >= 0) {
                di->y = (int)y; di->m = (int)m; di->d = (int)d;
            }
        } else if (k->nparts == 1 && k->v[0] >= 1 && k->v[0] <= 31) {
            size_t j = i + 1;
            if (j < nt && !t[j].isnum &&
                (rc_fold_eq(s + t[j].s, t[j].e - t[j].s, "er") ||
                 rc_fold_eq(s + t[j].s, t[j].e - t[j].s, "st") ||
                 rc_fold_eq(s + t[j].s, t[j].e - t[j].s, "nd") ||
                 rc_fold_eq(s + t[j].s, t[j].e - t[j].s, "rd") ||
                 rc_fold_eq(s + t[j].s, t[j].e - t[j].s, "th")))
                j++;
            int m = j < nt && !t[j].isnum ? rc_month_word(s + t[j].s, t[j].e - t[j].s) : 0;
            if (m) {
                di->m = m;
                di->d = (int)k->v[0];
                if (j + 1 < nt && t[j + 1].isnum && t[j + 1].nparts == 1 &&
                    t[j + 1].v[0] >= 1000 && t[j + 1].v[0] <= 9999)
                    di->y = (int)t[j + 1].v[0];
            }
        }
    }
    if (di->m && !di->y && yhint > 0)
        di->y = yhint;
    if (di->m && (!di->y || rc_weekday(di->y, di->m, di->d) < 0))
        di->y = di->m = di->d = 0;
}

