/*
 * entity.c - HTML character references; see entity.h.
 */
#include "html/entity.h"
#include <string.h>

#include "html/entity_table.h"

/* windows-1252 meanings of numeric references &#128; .. &#159;. */
static const unsigned short cp1252[32] = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
    0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
};

/* Encode cp as UTF-8 into out; invalid code points become U+FFFD. */
size_t rc_html_put_utf8(unsigned long cp, char out[4])
{
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD;
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Index of the table entry named exactly s[n], or -1 (binary search). */
static long find_entity(const char *s, size_t n)
{
    long lo = 0, hi = (long)(sizeof rc_entities / sizeof *rc_entities) - 1;
    while (lo <= hi) {
        long mid = (lo + hi) / 2;
        const char *name = rc_entities[mid].name;
        size_t tl = strlen(name);
        int c = memcmp(name, s, tl < n ? tl : n);
        if (c == 0)
            c = tl < n ? -1 : tl > n ? 1 : 0;
        if (c == 0)
            return mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return -1;
}

/* 1 when c is an ASCII letter or digit. */
static int alnum(unsigned char c)
{
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* Numeric reference "&#..." at s; see rc_html_entity. */
static size_t numeric(const char *s, size_t n, char out[8], size_t *outlen)
{
    size_t i = 2;
    int hex = 0;
    if (i < n && (s[i] == 'x' || s[i] == 'X')) {
        hex = 1;
        i++;
    }
    size_t start = i;
    unsigned long cp = 0;
    for (; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        unsigned d;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if (hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f')
            d = (c | 0x20) - 'a' + 10;
        else
            break;
        if (cp <= 0x10FFFF)
            cp = cp * (hex ? 16 : 10) + d;
    }
    if (i == start)
        return 0;
    if (i < n && s[i] == ';')
        i++;
    if (cp == 0 || cp > 0x10FFFF)
        cp = 0xFFFD;
    else if (cp >= 0x80 && cp <= 0x9F)
        cp = cp1252[cp - 0x80];
    *outlen = rc_html_put_utf8(cp, out);
    return i;
}

/* Decode one character reference at s (s[0] == '&'); see entity.h. */
size_t rc_html_entity(const char *s, size_t n, int in_attr, char out[8], size_t *outlen)
{
    if (n < 2 || s[0] != '&')
        return 0;
    if (s[1] == '#')
        return numeric(s, n, out, outlen);
    size_t i = 1;
    while (i < n && i < 40 && alnum((unsigned char)s[i]))
        i++;
    if (i == 1)
        return 0;
    size_t len = i - 1;
    if (i < n && s[i] == ';') {
        long e = find_entity(s + 1, len);
        if (e >= 0) {
            size_t l = strlen(rc_entities[e].utf8);
            memcpy(out, rc_entities[e].utf8, l);
            *outlen = l;
            return i + 1;
        }
    }
    /* legacy form without ';': the longest legacy name that prefixes s */
    for (size_t l = len < 8 ? len : 8; l >= 2; l--) {
        long e = find_entity(s + 1, l);
        if (e < 0 || !rc_entities[e].legacy)
            continue;
        if (in_attr && 1 + l < n && (alnum((unsigned char)s[1 + l]) || s[1 + l] == '='))
            return 0;
        size_t ol = strlen(rc_entities[e].utf8);
        memcpy(out, rc_entities[e].utf8, ol);
        *outlen = ol;
        return 1 + l;
    }
    return 0;
}
