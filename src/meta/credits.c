#include "meta/credits.h"
#include "meta/fold.h"
#include <pthread.h>
#include <string.h>
#include <strings.h>

/* One alias of an agency. Aliases of three letters or fewer match with
 * their exact case (so "ap" or "Pa" in running text are not agencies). */
typedef struct agency_alias {
    const char *alias;
    const char *canonical;
} agency_alias;

/* The agency table: adding an agency or a spelling is adding a row. */
static const agency_alias AGENCIES[] = {
    {"Agence France-Presse", "AFP"}, {"Agence France Presse", "AFP"}, {"AFP", "AFP"},
    {"The Associated Press", "Associated Press"}, {"Associated Press", "Associated Press"},
    {"AP", "Associated Press"},
    {"Reuters", "Reuters"}, {"Thomson Reuters", "Reuters"},
    {"Yonhap", "Yonhap"}, {"Kyodo News", "Kyodo"}, {"Kyodo", "Kyodo"},
    {"ANSA", "ANSA"}, {"EFE", "EFE"}, {"dpa", "dpa"}, {"DPA", "dpa"},
    {"Belga", "Belga"}, {"Keystone-ATS", "Keystone-ATS"}, {"ATS", "ATS"},
    {"Xinhua", "Xinhua"}, {"ITAR-TASS", "TASS"}, {"TASS", "TASS"},
    {"RIA Novosti", "RIA Novosti"}, {"Interfax", "Interfax"},
    {"Anadolu Agency", "Anadolu"}, {"Anadolu", "Anadolu"}, {"PA Media", "PA"}, {"PA", "PA"},
    {"Bloomberg", "Bloomberg"}, {"UPI", "UPI"}, {"KCNA", "KCNA"},
    {"Agence Belga", "Belga"}, {"APA", "APA"}, {"ANP", "ANP"}, {"AAP", "AAP"},
    {"PTI", "PTI"}, {"Press Trust of India", "PTI"}, {"Kyodo", "Kyodo"},
    {"Jiji Press", "Jiji"}, {"Bernama", "Bernama"}, {"Antara", "Antara"},
    {"Agence Anadolu", "Anadolu"}, {"Europa Press", "Europa Press"},
    {"Lusa", "Lusa"}, {"CTK", "CTK"}, {"PAP", "PAP"}, {"MTI", "MTI"},
    {"Ukrinform", "Ukrinform"}, {"APS", "APS"}, {"MAP", "MAP"}, {"TAP", "TAP"},
    {"Sputnik", "Sputnik"}, {"Agerpres", "Agerpres"}, {"BTA", "BTA"},
    {"Canadian Press", "Canadian Press"}, {"La Presse Canadienne", "Canadian Press"},
    {"Presse Canadienne", "Canadian Press"}, {"CNA", "CNA"},
};

/* Leading articles before an agency name ("L'Associated Press"). */
static const char *const ARTICLES[] = {"l'", "l\xe2\x80\x99", "la ", "le ", "the ", "les "};

/* Bytes of a leading article in s[n] (case-insensitive), 0 when none. */
static size_t article_len(const char *s, size_t n)
{
    /* every article starts with 'l' or 't' (any case): other first bytes
     * skip the six comparisons */
    unsigned char c0 = n ? (unsigned char)(s[0] | 0x20) : 0;
    if (c0 != 'l' && c0 != 't')
        return 0;
    for (size_t i = 0; i < sizeof ARTICLES / sizeof *ARTICLES; i++) {
        size_t l = strlen(ARTICLES[i]);
        if (l < n && strncasecmp(s, ARTICLES[i], l) == 0)
            return l;
    }
    return 0;
}

/* Byte that continues a word (ASCII letter or digit, or any UTF-8 byte). */
static int wordbyte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c >= 0x80;
}

/* Alias match at s (exact case for short aliases), with a boundary after. */
static size_t alias_at(const char *s, size_t n, const agency_alias *a)
{
    /* every alias starts with an ASCII letter: a first byte that differs
     * in more than case cannot match (checked before strlen) */
    if (n == 0 || ((unsigned char)s[0] | 0x20) != ((unsigned char)a->alias[0] | 0x20))
        return 0;
    /* every alias has two bytes or more: a second byte that differs in
     * more than case cannot match either (before strlen and the compare) */
    if (n < 2 || ((unsigned char)s[1] | 0x20) != ((unsigned char)a->alias[1] | 0x20))
        return 0;
    size_t l = strlen(a->alias);
    if (l > n)
        return 0;
    int ok = l <= 3 ? memcmp(s, a->alias, l) == 0 : strncasecmp(s, a->alias, l) == 0;
    if (!ok)
        return 0;
    if (l < n && wordbyte((unsigned char)s[l]))
        return 0;
    /* "AP-" inside a compound is not an agency, "ITAR-TASS" is one alias */
    if (l < n && s[l] == '-' && l + 1 < n && wordbyte((unsigned char)s[l + 1]))
        return 0;
    return l;
}

#define NAGENCIES (sizeof AGENCIES / sizeof *AGENCIES)

/* The aliases by the case-folded first letter, in table order (built once,
 * read-only after): byletter[l] lists nbyletter[l] indices into AGENCIES. */
static unsigned char g_byletter[26][NAGENCIES];
static unsigned char g_nbyletter[26];
static pthread_once_t g_byletter_once = PTHREAD_ONCE_INIT;

/* Fill g_byletter (run once). */
static void byletter_init(void)
{
    for (size_t i = 0; i < NAGENCIES; i++) {
        unsigned char c = (unsigned char)(AGENCIES[i].alias[0] | 0x20);
        if (c >= 'a' && c <= 'z')
            g_byletter[c - 'a'][g_nbyletter[c - 'a']++] = (unsigned char)i;
    }
}

/* Agency at the start of s[n]; longest alias wins (the first in table
 * order among equal lengths). Only the aliases whose first letter matches
 * s's (in any case) are tried: every alias starts with an ASCII letter. */
const char *rc_agency_prefix(const char *s, size_t n, size_t *len)
{
    _Static_assert(NAGENCIES < 256, "alias indices are bytes");
    if (!s || n == 0)
        return NULL;
    pthread_once(&g_byletter_once, byletter_init);
    size_t art = article_len(s, n);
    for (int pass = 0; pass < 2; pass++) {
        size_t off = pass == 0 ? art : 0;
        if (pass == 1 && art == 0)
            break;
        const char *best = NULL;
        size_t bl = 0;
        unsigned char c0 = off < n ? (unsigned char)(s[off] | 0x20) : 0;
        size_t nl = c0 >= 'a' && c0 <= 'z' ? g_nbyletter[c0 - 'a'] : 0;
        for (size_t k = 0; k < nl; k++) {
            const agency_alias *a = &AGENCIES[g_byletter[c0 - 'a'][k]];
            size_t l = alias_at(s + off, n - off, a);
            if (l > bl) {
                bl = l;
                best = a->canonical;
            }
        }
        if (best) {
            *len = off + bl;
            return best;
        }
    }
    return NULL;
}

/* Exact agency name (whole of s[n] after trimming). */
const char *rc_agency_lookup(const char *s, size_t n)
{
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    while (n && (*s == ' ' || *s == '\t')) {
        s++;
        n--;
    }
    size_t l = 0;
    const char *c = rc_agency_prefix(s, n, &l);
    return c && l == n ? c : NULL;
}

/* Skip spaces (ASCII, NBSP, narrow NBSP) from *i. */
static void skip_sp(const char *s, size_t n, size_t *i)
{
    while (*i < n) {
        int32_t cp;
        size_t k = rc_utf8_next(s, n, *i, &cp);
        if (!rc_uc_is_space(cp))
            break;
        *i += k;
    }
}

/* Skip one dash-like mark (-, --, –, —, ©, *) and following spaces. */
static int skip_mark(const char *s, size_t n, size_t *i)
{
    size_t p = *i;
    int32_t cp;
    int any = 0;
    while (p < n) {
        size_t k = rc_utf8_next(s, n, p, &cp);
        if (cp == '-' || cp == 0x2013 || cp == 0x2014 || cp == 0x2015 || cp == 0xA9 ||
            cp == '*') {
            p += k;
            any = 1;
            continue;
        }
        break;
    }
    if (any) {
        *i = p;
        skip_sp(s, n, i);
    }
    return any;
}

/* Case-insensitive ASCII word w at s[*i] followed by a space or ':'. */
static int skip_word(const char *s, size_t n, size_t *i, const char *w)
{
    size_t l = strlen(w);
    if (*i + l >= n || strncasecmp(s + *i, w, l) != 0)
        return 0;
    char c = s[*i + l];
    if (c != ' ' && c != ':' && (unsigned char)c != 0xC2)
        return 0;
    *i += l;
    skip_sp(s, n, i);
    if (*i < n && s[*i] == ':') {
        (*i)++;
        skip_sp(s, n, i);
    }
    return 1;
}

/* Parse "AGENCY [(/|,|&|et|and|+) AGENCY]..." from *i up to n; returns count. */
static size_t agency_list(const char *s, size_t n, size_t *i, const char **out, size_t max)
{
    size_t cnt = 0;
    for (;;) {
        size_t l = 0;
        const char *a = rc_agency_prefix(s + *i, n - *i, &l);
        if (!a)
            return cnt;
        if (cnt < max) {
            int dup = 0;
            for (size_t k = 0; k < cnt; k++)
                dup |= out[k] == a;
            if (!dup)
                out[cnt++] = a;
        }
        *i += l;
        size_t save = *i;
        skip_sp(s, n, i);
        if (*i < n && (s[*i] == '/' || s[*i] == ',' || s[*i] == '&' || s[*i] == '+')) {
            (*i)++;
            skip_sp(s, n, i);
        } else if (!skip_word(s, n, i, "et") && !skip_word(s, n, i, "and") &&
                   !skip_word(s, n, i, "avec") && !skip_word(s, n, i, "with")) {
            *i = save;
            return cnt;
        }
    }
}

/* Whole-line credit; see credits.h. */
size_t rc_credit_line(const char *s, size_t n, const char **out, size_t max)
{
    if (!s || n == 0 || n > 120 || max == 0)
        return 0;
    size_t i = 0;
    skip_sp(s, n, &i);
    int paren = 0;
    skip_mark(s, n, &i);
    if (i < n && s[i] == '(') {
        paren = 1;
        i++;
        skip_sp(s, n, &i);
    }
    if (!skip_word(s, n, &i, "avec") && !skip_word(s, n, &i, "with"))
        if (!skip_word(s, n, &i, "source") && !skip_word(s, n, &i, "sources"))
            if (!skip_word(s, n, &i, "par") && !skip_word(s, n, &i, "by"))
                (void)skip_word(s, n, &i, "copyright");
    size_t cnt = agency_list(s, n, &i, out, max);
    if (cnt == 0)
        return 0;
    skip_sp(s, n, &i);
    if (paren) {
        if (i >= n || s[i] != ')')
            return 0;
        i++;
    }
    skip_sp(s, n, &i);
    /* an optional year after a copyright mark, a final period */
    while (i < n && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.' || s[i] == ' '))
        i++;
    return i == n ? cnt : 0;
}

/* Credit at the end of a short line; see credits.h. */
size_t rc_credit_suffix(const char *s, size_t n, const char **out, size_t max, size_t *cut)
{
    if (!s || n == 0 || n > 300 || max == 0)
        return 0;
    /* candidates: each position that starts a connector word or a mark */
    for (size_t p = 1; p < n; p++) {
        unsigned char c = (unsigned char)s[p];
        unsigned char b = (unsigned char)s[p - 1];
        int start = (b == ' ' || b == ',' || b == '|') &&
                    (c == 'a' || c == 'A' || c == 'w' || c == 'W' || c == '(' ||
                     c == '-' || c == 0xE2 || (c >= 'A' && c <= 'Z') || c == 'd');
        if (!start)
            continue;
        size_t i = p;
        int paren = 0;
        int lead = skip_mark(s, n, &i);
        if (i < n && s[i] == '(') {
            paren = 1;
            i++;
        }
        int conn = skip_word(s, n, &i, "avec") || skip_word(s, n, &i, "with");
        size_t q0 = p;
        while (q0 > 0 && s[q0 - 1] == ' ')
            q0--;
        int listed = q0 > 0 && (s[q0 - 1] == ',' || s[q0 - 1] == '|');
        if (!conn && !lead && !paren && !listed)
            continue;
        const char *tmp[8];
        size_t cnt = agency_list(s, n, &i, tmp, 8);
        if (cnt == 0)
            continue;
        skip_sp(s, n, &i);
        if (paren) {
            if (i >= n || s[i] != ')')
                continue;
            i++;
            skip_sp(s, n, &i);
        }
        if (i < n && s[i] == '.')
            i++;
        if (i != n)
            continue;
        size_t k = 0;
        for (; k < cnt && k < max; k++)
            out[k] = tmp[k];
        size_t q = p;
        while (q > 0 && (s[q - 1] == ' ' || s[q - 1] == ',' || s[q - 1] == '|'))
            q--;
        *cut = q;
        return k;
    }
    return 0;
}
