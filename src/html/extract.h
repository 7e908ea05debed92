/*
 * extract.h - the article inside a web page: body text and metadata.
 *
 * Input is one HTML document already converted to UTF-8 (see
 * ingest/charset.h). Output is the main article text (paragraphs separated
 * by '\n', headings and list items inside the article kept, navigation,
 * related links, comments, cookie/subscription banners, share bars and
 * unrelated captions removed) and the page's metadata from <title>, og:*,
 * article:published_time, JSON-LD NewsArticle, <time>, the URL, bylines and
 * <html lang>.
 *
 * Ownership: every string of rc_extracted lives in the arena passed in
 * (usually the document's), so the caller frees nothing separately.
 * The parser behind it is private to src/html/ and can change.
 */
#ifndef RC_HTML_EXTRACT_H
#define RC_HTML_EXTRACT_H
#include <stddef.h>
#include "util/arena.h"

typedef struct rc_extracted {
    const char *text;        /* main article text, NUL-terminated; "" when none found */
    size_t text_len;
    const char *title;       /* headline: JSON-LD headline, og:title, <h1>, <title> (site suffix cut) */
    const char *published;   /* ISO 8601, as precise as the page says ("2025-06-17", "2025-06-17T09:30:00+02:00") */
    const char *outlet;      /* og:site_name, JSON-LD publisher.name, else NULL (caller may use the host) */
    const char *author;      /* JSON-LD author / meta author / byline */
    const char *lang;        /* <html lang>, og:locale or content-language, ISO 639-1; NULL when absent */
    const char *url;         /* canonical URL (link rel=canonical, og:url), else NULL */
    const char **credits;    /* agencies credited in byline/credit elements ("AFP"), ncredits */
    size_t ncredits;
} rc_extracted;

/* Extract the article from html[n] (UTF-8; NUL bytes tolerated), found at
 * page_url (may be NULL; used for URL date patterns and the host). Fills
 * *out, strings in arena a. Bounded work: nesting deeper than a cap is
 * flattened, time and memory are linear in n. Returns RC_OK, RC_EMPTY (no
 * article text found: out->text is ""), or RC_TOOBIG. */
int rc_html_extract(rc_arena *a, const char *html, size_t n, const char *page_url,
                    rc_extracted *out);

#endif
