/*
 * extract.c - rc_html_extract: parse, body, metadata; see extract.h.
 */
#include "html/extract.h"
#include "html/dom.h"
#include "html/meta.h"
#include "html/score.h"
#include "text/utf8.h"
#include "meta/credits.h"
#include "util/buf.h"
#include "util/rc.h"
#include <string.h>

/* Largest page accepted (bytes). */
#define RC_HTML_MAX_INPUT ((size_t)1 << 30)

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
        /* the page need not have been valid UTF-8: repair into the arena */
        rc_buf valid;
        size_t bad = 0;
        rc_buf_init(&valid, body.len * 3 + 16);
        rc_utf8_sanitize(rc_buf_str(&body), body.len, &valid, &bad);
        out->text = rc_arena_strndup(a, rc_buf_str(&valid), valid.len);
        out->text_len = valid.len;
        rc_buf_cleanup(&valid);
        dateline_credits(a, out);
    }
    rc_buf_cleanup(&body);
    rc_dom_free(&d);
    return rc == RC_OK ? RC_OK : rc == RC_TOOBIG ? RC_TOOBIG : RC_EMPTY;
}
