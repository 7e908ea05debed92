/*
 * header.c - the " date YYYY-MM[-DD]" header and the wire dateline at the
 * start of a plain-text article (see header.h). Everything is bounded: the
 * dateline is looked for in the first DL_WINDOW bytes of one line only.
 */
#include "meta/header.h"
#include "meta/credits.h"
#include "meta/dateparse.h"
#include "meta/fold.h"
#include <pthread.h>
#include <string.h>
#include <strings.h>

#define DL_WINDOW 240   /* bytes of the first body line a dateline may take */
#define DL_MAXWORDS 16

/* Weekday names per language, Monday first; folded (lower case, no accents).
 * Adding a language is adding a row. */
static const char *const WEEKDAYS[][7] = {
    {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"},
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"},
};

/* Days in month m of year y (proleptic Gregorian), 0 when m is invalid. */
static int days_in_month(int y, int m)
{
    static const int md[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return md[m - 1] + (m == 2 && leap);
}

/* Weekday of a valid date in years 1..9999, Monday = 0 (Sakamoto). */
int rc_weekday(int year, int month, int day)
{
    if (year < 1 || year > 9999 || day < 1 || day > days_in_month(year, month))
        return -1;
    static const int t[12] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
    int y = year - (month < 3);
    int dow = (y + y / 4 - y / 100 + y / 400 + t[month - 1] + day) % 7; /* 0 = Sunday */
    return (dow + 6) % 7;
}

/* Bit c1 of g_wd_pairs[c0]: some name of WEEKDAYS starts with the ASCII
 * letters c0 c1 (a..z as 0..25); built once. */
static uint32_t g_wd_pairs[26];
static pthread_once_t g_wd_once = PTHREAD_ONCE_INIT;

/* Fill g_wd_pairs from WEEKDAYS. */
static void wd_pairs_init(void)
{
    for (size_t l = 0; l < sizeof WEEKDAYS / sizeof *WEEKDAYS; l++)
        for (int d = 0; d < 7; d++) {
            unsigned a = (unsigned char)WEEKDAYS[l][d][0], b = (unsigned char)WEEKDAYS[l][d][1];
            if (a >= 'a' && a <= 'z' && b >= 'a' && b <= 'z')
                g_wd_pairs[a - 'a'] |= 1u << (b - 'a');
        }
}

/* Weekday index of a weekday name in any language of the table, or -1. */
int rc_weekday_word(const char *w, size_t n)
{
    char k[32];
    if (!w || n == 0 || n > 40)
        return -1;
    /* two leading ASCII letters fold to their lower case: most words are
     * rejected here without folding (event dates ask for every token) */
    unsigned c0 = (unsigned char)w[0] | 0x20u, c1 = n > 1 ? (unsigned char)w[1] | 0x20u : 0;
    if (c0 >= 'a' && c0 <= 'z' && c1 >= 'a' && c1 <= 'z') {
        pthread_once(&g_wd_once, wd_pairs_init);
        if (!(g_wd_pairs[c0 - 'a'] >> (c1 - 'a') & 1u))
            return -1;
    }
    size_t kl = rc_fold_key(w, n, k, sizeof k);
    for (size_t l = 0; l < sizeof WEEKDAYS / sizeof *WEEKDAYS; l++)
        for (int d = 0; d < 7; d++)
            if (strlen(WEEKDAYS[l][d]) == kl && memcmp(k, WEEKDAYS[l][d], kl) == 0)
                return d;
    return -1;
}


/* Write "YYYY-MM" or "YYYY-MM-DD" (d = 0: month only) into out[11];
 * y, m, d must be a validated date (1..9999, 1..12, 0..31). */
static void iso_date(char out[11], int y, int m, int d)
{
    unsigned uy = (unsigned)y % 10000u, um = (unsigned)m % 100u, ud = (unsigned)d % 100u;
    out[0] = (char)('0' + uy / 1000);
    out[1] = (char)('0' + uy / 100 % 10);
    out[2] = (char)('0' + uy / 10 % 10);
    out[3] = (char)('0' + uy % 10);
    out[4] = '-';
    out[5] = (char)('0' + um / 10);
    out[6] = (char)('0' + um % 10);
    out[7] = '\0';
    if (d) {
        out[7] = '-';
        out[8] = (char)('0' + ud / 10);
        out[9] = (char)('0' + ud % 10);
        out[10] = '\0';
    }
}

/* Copy s[n] into dst[cap] as a C string when it fits; 1 on success. */
static int copy_field(char *dst, size_t cap, const char *s, size_t n)
{
    if (n >= cap)
        return 0;
    memcpy(dst, s, n);
    dst[n] = '\0';
    return 1;
}

/* Trim ASCII spaces, tabs and NBSP / narrow NBSP from both ends of [*s, *e). */
static void trim(const char *t, size_t *s, size_t *e)
{
    for (;;) {
        if (*s < *e && (t[*s] == ' ' || t[*s] == '\t')) {
            (*s)++;
        } else if (*e - *s >= 2 && (unsigned char)t[*s] == 0xC2 &&
                   (unsigned char)t[*s + 1] == 0xA0) {
            *s += 2;
        } else if (*e - *s >= 3 && (unsigned char)t[*s] == 0xE2 &&
                   (unsigned char)t[*s + 1] == 0x80 && (unsigned char)t[*s + 2] == 0xAF) {
            *s += 3;
        } else {
            break;
        }
    }
    for (;;) {
        if (*e > *s && (t[*e - 1] == ' ' || t[*e - 1] == '\t')) {
            (*e)--;
        } else if (*e - *s >= 2 && (unsigned char)t[*e - 2] == 0xC2 &&
                   (unsigned char)t[*e - 1] == 0xA0) {
            *e -= 2;
        } else if (*e - *s >= 3 && (unsigned char)t[*e - 3] == 0xE2 &&
                   (unsigned char)t[*e - 2] == 0x80 && (unsigned char)t[*e - 1] == 0xAF) {
            *e -= 3;
        } else {
            break;
        }
    }
}

/* Agency named by a dateline part: a known agency (canonical name) or a
 * short all-capitals word as written. Stores it in h->agency; 1 if one. */
static int part_agency(const char *s, size_t n, rc_header *h)
{
    const char *a = rc_agency_lookup(s, n);
    if (a)
        return copy_field(h->agency, sizeof h->agency, a, strlen(a));
    if (n < 2 || n > 10)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] == '-' && i > 0 && i + 1 < n)))
            return 0;
    return copy_field(h->agency, sizeof h->agency, s, n);
}

/* Place name before the first comma of t[s, e): starts with a capital,
 * at most 5 words, no digits. Stores it and returns 1; the end of the
 * place segment goes to *pe. An empty segment is accepted with no place. */
static int place_of(const char *t, size_t s, size_t e, rc_header *h, size_t *pe)
{
    size_t c = s;
    while (c < e && t[c] != ',')
        c++;
    *pe = c;
    size_t ps = s, q = c;
    trim(t, &ps, &q);
    if (ps == q)
        return 1;
    int32_t cp;
    rc_utf8_next(t, q, ps, &cp);
    if (!rc_uc_is_upper(cp))
        return 0;
    int words = 0, inword = 0;
    for (size_t i = ps; i < q;) {
        size_t k = rc_utf8_next(t, q, i, &cp);
        if (rc_uc_is_digit(cp))
            return 0;
        if (rc_uc_is_space(cp)) {
            inword = 0;
        } else if (!inword) {
            inword = 1;
            words++;
        }
        i += k;
    }
    if (words > 5)
        return 0;
    return copy_field(h->dateline_place, sizeof h->dateline_place, t + ps, q - ps);
}

/* 1 when cp is a dash that can separate a dateline from the text. */
static int is_dash(int32_t cp)
{
    return cp == '-' || cp == 0x2013 || cp == 0x2014 || cp == 0x2015;
}

/* Parse a wire dateline at the start of s[n]; returns the bytes it takes
 * (dash and following spaces included) or 0. Fills place, agency, dl_date
 * and weekday fields of h. */
static size_t parse_dateline(const char *s, size_t n, int yhint, rc_header *h)
{
    size_t w = n < DL_WINDOW ? n : DL_WINDOW;
    const char *nl = memchr(s, '\n', w);
    if (nl)
        w = (size_t)(nl - s);
    /* the separator: a dash run after a space or ')' and before a space */
    size_t ds = 0, de = 0;
    for (size_t i = 1; i < w && !de;) {
        int32_t cp, pv;
        size_t k = rc_utf8_next(s, w, i, &cp);
        if (is_dash(cp)) {
            size_t pb = i - 1;
            while (pb > 0 && ((unsigned char)s[pb] & 0xC0) == 0x80)
                pb--;
            rc_utf8_next(s, w, pb, &pv);
            size_t j = i + k;
            while (j < w) {
                int32_t c2;
                size_t k2 = rc_utf8_next(s, w, j, &c2);
                if (!is_dash(c2))
                    break;
                j += k2;
            }
            int32_t nx = ' ';
            if (j < w)
                rc_utf8_next(s, w, j, &nx);
            if ((rc_uc_is_space(pv) || pv == ')') && rc_uc_is_space(nx)) {
                ds = i;
                de = j;
                break;
            }
            i = j;
            continue;
        }
        i += k;
    }
    if (!de)
        return 0;
    size_t ps = 0, pe = ds;
    trim(s, &ps, &pe);
    if (pe == ps || pe - ps > 180)
        return 0;
    /* no sentence punctuation or quotes; a bounded number of words */
    int words = 0, inword = 0;
    for (size_t i = ps; i < pe;) {
        int32_t cp;
        size_t k = rc_utf8_next(s, pe, i, &cp);
        if (cp == '?' || cp == '!' || cp == ';' || cp == '"' || cp == 0xAB || cp == 0xBB ||
            cp == 0x201C || cp == 0x201D || cp == ':')
            return 0;
        if (cp == '.' && i + 1 < pe && s[i + 1] == ' ' && inword > 3)
            return 0;
        if (rc_uc_is_space(cp)) {
            inword = 0;
        } else {
            if (!inword)
                words++;
            inword++;
        }
        i += k;
    }
    if (words > DL_MAXWORDS)
        return 0;

    rc_header tmp = *h;
    size_t date_from = ps;
    int ok = 0;
    if (memchr(s + ps, '|', pe - ps)) {
        int have_place = 0;
        for (size_t a = ps; a <= pe;) {
            const char *bar = memchr(s + a, '|', pe - a);
            size_t b = bar ? (size_t)(bar - s) : pe;
            size_t x = a, y = b;
            trim(s, &x, &y);
            if (!tmp.agency[0] && x < y && part_agency(s + x, y - x, &tmp)) {
                ok = 1;
            } else if (!have_place && x < y) {
                size_t pend;
                if (!place_of(s, x, y, &tmp, &pend))
                    return 0;
                have_place = 1;
                date_from = pend;
            }
            a = b + 1;
        }
    } else {
        if (s[pe - 1] != ')')
            return 0;
        size_t lp = pe - 1;
        while (lp > ps && s[lp] != '(')
            lp--;
        if (s[lp] != '(')
            return 0;
        size_t x = lp + 1, y = pe - 1;
        trim(s, &x, &y);
        if (x >= y || !part_agency(s + x, y - x, &tmp))
            return 0;
        size_t pend;
        if (!place_of(s, ps, lp, &tmp, &pend))
            return 0;
        date_from = pend;
        pe = lp;
        ok = 1;
    }
    if (!ok)
        return 0;
    rc_date_found di;
    rc_date_scan(s + date_from, pe > date_from ? pe - date_from : 0, yhint, &di);
    if (di.m)
        iso_date(tmp.dl_date, di.y, di.m, di.d);
    if (di.wd >= 0 && copy_field(tmp.weekday, sizeof tmp.weekday, s + date_from + di.wd_s,
                                 di.wd_e - di.wd_s)) {
        tmp.weekday_index = di.wd;
        if (di.m)
            tmp.weekday_mismatch = rc_weekday(di.y, di.m, di.d) != di.wd;
    }
    *h = tmp;
    size_t end = de;
    while (end < n && (s[end] == ' ' || s[end] == '\t'))
        end++;
    return end;
}

/* Parse " date YYYY-MM[-DD]" at s[*i]; on success fill h->date, advance
 * *i past it and return the year (> 0); 0 when absent. */
static int parse_date_header(const char *s, size_t n, size_t *i)
{
    size_t p = *i;
    if (p + 5 > n || strncasecmp(s + p, "date", 4) != 0)
        return 0;
    p += 4;
    if (s[p] != ' ' && s[p] != '\t' && s[p] != ':')
        return 0;
    while (p < n && (s[p] == ' ' || s[p] == '\t' || s[p] == ':'))
        p++;
    int c;
    size_t q = p;
    long y = rc_date_digits(s, n, &q, &c);
    if (c != 4 || q + 1 >= n || s[q] != '-')
        return 0;
    q++;
    long m = rc_date_digits(s, n, &q, &c);
    if (c < 1 || c > 2 || m < 1 || m > 12)
        return 0;
    long d = 0;
    if (q + 1 < n && s[q] == '-' && s[q + 1] >= '0' && s[q + 1] <= '9') {
        q++;
        d = rc_date_digits(s, n, &q, &c);
        if (c < 1 || c > 2 || rc_weekday((int)y, (int)m, (int)d) < 0)
            return 0;
    }
    if (q < n && ((s[q] >= '0' && s[q] <= '9') || s[q] == '-'))
        return 0;
    if (y < 1)
        return 0;
    *i = q;
    return (int)(y * 10000 + m * 100 + d);
}

/* Header and dateline at the start of text[n]; see header.h. */
int rc_header_parse(const char *text, size_t n, rc_header *h)
{
    memset(h, 0, sizeof *h);
    h->weekday_index = -1;
    if (!text || n == 0)
        return 0;
    int found = 0, yhint = 0;
    size_t i = 0;
    while (i < n && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n'))
        i++;
    size_t p = i;
    int ymd = parse_date_header(text, n, &p);
    if (ymd) {
        int y = ymd / 10000, m = ymd / 100 % 100, d = ymd % 100;
        iso_date(h->date, y, m, d);
        yhint = y;
        found = 1;
        i = p;
        while (i < n && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n'))
            i++;
        h->consumed = i;
    }
    size_t used = parse_dateline(text + i, n - i, yhint, h);
    if (used) {
        h->consumed = i + used;
        found = 1;
    }
    return found;
}
