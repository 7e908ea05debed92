/*
 * stopwords.c - stopword lookup in the tables compiled in by
 * scripts/gen-stopwords.pl (binary search, no run-time parsing).
 */
#include "text/stopwords.h"
#include "text/stopwords_data.h"
#include <string.h>

/* The list for ISO 639-1 code lang, or NULL ("nb" uses the "no" list).
 * The last answer is remembered per thread: callers ask about one
 * language at a time. */
static const rc_sw_list *find_list(const char *lang)
{
    static _Thread_local char last_a, last_b;
    static _Thread_local const rc_sw_list *last;
    if (!lang || !lang[0] || !lang[1] || lang[2])
        return NULL;
    char a = lang[0], b = lang[1];
    if (a == 'n' && b == 'b')
        b = 'o';
    if (last && a == last_a && b == last_b)
        return last;
    for (size_t i = 0; i < rc_sw_nlists; i++)
        if (rc_sw_lists[i].lang[0] == a && rc_sw_lists[i].lang[1] == b) {
            last_a = a;
            last_b = b;
            last = &rc_sw_lists[i];
            return last;
        }
    return NULL;
}

/* strcmp-order comparison of w[n] with the NUL-terminated s. */
static inline int cmp_word(const char *w, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char a = (unsigned char)w[i], b = (unsigned char)s[i];
        if (b == 0)
            return 1;            /* s ended first (also when w has a NUL) */
        if (a != b)
            return a < b ? -1 : 1;
    }
    return s[n] ? -1 : 0;
}

/* 1 when the case-folded word w[n] is in lang's list (binary search, in
 * strcmp byte order, among the words with the same first byte); 0
 * otherwise. A typographic apostrophe U+2019 in w matches the folded '
 * of the table. */
int rc_stopword(const char *lang, const char *w, size_t n)
{
    const rc_sw_list *l = find_list(lang);
    if (!l || !w || n == 0 || n > 64)
        return 0;
    char tmp[65];
    if (memchr(w, '\xE2', n)) {        /* fold ’ (E2 80 99) to ' */
        size_t k = 0;
        for (size_t i = 0; i < n; i++) {
            if (i + 2 < n && w[i] == '\xE2' && w[i + 1] == '\x80' && w[i + 2] == '\x99') {
                tmp[k++] = '\'';
                i += 2;
            } else {
                tmp[k++] = w[i];
            }
        }
        w = tmp;
        n = k;
    }
    if (n > l->maxlen)
        return 0;
    unsigned char b = (unsigned char)w[0];
    size_t lo = l->first[b], hi = l->first[b + 1];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cmp_word(w, n, l->pool + l->off[mid]);
        if (c == 0)
            return 1;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return 0;
}

/* 1 when a stopword list exists for lang. */
int rc_stopwords_have(const char *lang)
{
    return find_list(lang) != NULL;
}
