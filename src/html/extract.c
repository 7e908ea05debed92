/*
 * extract.c - rc_html_extract: parse, body, metadata; see extract.h.
 */
#include "html/extract.h"
#include "html/dom.h"
#include "html/meta.h"
#include "html/score.h"
#include "meta/credits.h"
#include "util/buf.h"
#include "util/rc.h"
#include <string.h>

/* Largest page accepted (bytes). */
#define RC_HTML_MAX_INPUT ((size_t)1 << 30)

/* Copy s[n] into the arena as valid UTF-8 (invalid bytes become U+FFFD). */
static char *dup_utf8(rc_arena *a, const char *s, size_t n, size_t *outlen)
{
    char *o = rc_arena_alloc(a, n * 3 + 1), *w = o;
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        size_t l = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        int ok = l > 0 && i + l <= n;
        for (size_t k = 1; ok && k < l; k++)
            ok = ((unsigned char)s[i + k] & 0xC0) == 0x80;
        if (ok && l == 2 && c < 0xC2)
            ok = 0;
        if (ok && l == 3) {
            unsigned char c1 = (unsigned char)s[i + 1];
            ok = !(c == 0xE0 && c1 < 0xA0) && !(c == 0xED && c1 >= 0xA0);
        }
        if (ok && l == 4) {
            unsigned char c1 = (unsigned char)s[i + 1];
            ok = c <= 0xF4 && !(c == 0xF0 && c1 < 0x90) && !(c == 0xF4 && c1 >= 0x90);
        }
        if (ok && c == 0)
            ok = 0, l = 1;
        if (!ok) {
            if (c != 0) {
                memcpy(w, "\xEF\xBF\xBD", 3);
                w += 3;
            }
            i++;
            continue;
        }
        memcpy(w, s + i, l);
        w += l;
        i += l;
    }
    *w = '\0';
    if (outlen)
        *outlen = (size_t)(w - o);
    return o;
}

/* Agencies credited in a dateline at the start of the body: "(AFP) -",
 * "WASHINGTON (Reuters) -". Added to out->credits unless present. */
static void dateline_credits(rc_arena *a, rc_extracted *out)
{
    const char *t = out->text;
    size_t lim = out->text_len < 160 ? out->text_len : 160;
    const char *lp = memchr(t, '(', lim);
    if (!lp)
        return;
    const char *rp = memchr(lp, ')', lim - (size_t)(lp - t));
    if (!rp)
        return;
    const char *ag = rc_agency_lookup(lp + 1, (size_t)(rp - lp - 1));
    if (!ag)
        return;
    for (size_t i = 0; i < out->ncredits; i++)
        if (strcmp(out->credits[i], ag) == 0)
            return;
    const char **cr = rc_arena_calloc(a, out->ncredits + 1, sizeof *cr);
    for (size_t i = 0; i < out->ncredits; i++)
        cr[i] = out->credits[i];
    cr[out->ncredits] = rc_arena_strdup(a, ag);
    out->credits = cr;
    out->ncredits++;
}

/* Extract; see extract.h. */
int rc_html_extract(rc_arena *a, const char *html, size_t n, const char *page_url,
                    rc_extracted *out)
{
    memset(out, 0, sizeof *out);
    out->text = "";
    if (n > RC_HTML_MAX_INPUT)
        return RC_TOOBIG;
    rc_dom d;
    if (rc_dom_parse(&d, html, n) != RC_OK) {
        rc_dom_free(&d);
        return RC_TOOBIG;
    }
    const char *hint = rc_html_meta(&d, a, page_url, out);
    rc_buf body;
    rc_buf_init(&body, n + 1024);
    int rc = rc_html_body(&d, hint, &body);
    if (rc == RC_OK) {
        out->text = dup_utf8(a, body.data, body.len, &out->text_len);
        dateline_credits(a, out);
    }
    rc_buf_cleanup(&body);
    rc_dom_free(&d);
    return rc == RC_OK ? RC_OK : rc == RC_TOOBIG ? RC_TOOBIG : RC_EMPTY;
}
