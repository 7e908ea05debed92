/*
 * meta.h - page metadata: title, published date, outlet, author, language,
 * canonical URL and agency credits from <title>, <meta> (og:*, article:*,
 * name=date/pubdate/DC.date/author), <link rel=canonical>, JSON-LD
 * (NewsArticle, Article, BlogPosting ... also inside @graph arrays),
 * <time datetime>, itemprop, byline elements and the page URL.
 *
 * Precedence: title = JSON-LD headline > og:title > first <h1> > <title>
 * (site-name suffix/prefix cut); published = JSON-LD datePublished >
 * article:published_time > meta date names > itemprop/<time> > URL date;
 * outlet = og:site_name > JSON-LD publisher.name; author = JSON-LD author >
 * meta author > byline element; lang = <html lang> > og:locale >
 * content-language > JSON-LD inLanguage (ISO 639-1); url = canonical >
 * og:url > JSON-LD url.
 */
#ifndef RC_HTML_META_H
#define RC_HTML_META_H
#include "html/dom.h"
#include "html/extract.h"
#include "util/arena.h"

/* Fill the metadata fields of out (text and text_len are left alone) from
 * d and page_url (may be NULL); strings are copied into a. Returns the
 * JSON-LD articleBody (in a) when the page has one, else NULL. */
const char *rc_html_meta(const rc_dom *d, rc_arena *a, const char *page_url, rc_extracted *out);

/* Cut a site-name suffix or prefix (" - Site", " | Site", "Site | ") from
 * title t[n]; site (may be NULL) is the known site name. Returns the new
 * length (the kept part starts at t + *start). */
size_t rc_html_title_cut(const char *t, size_t n, const char *site, size_t *start);

/* Normalise an ISO 8601-like date s to "YYYY-MM-DD", "YYYY-MM-DDTHH:MM",
 * "YYYY-MM-DDTHH:MM:SS" with the zone as given ("Z", "+02:00"), written to
 * out[32]; fractions of seconds dropped. Returns 1, or 0 when s does not
 * start with a valid date. */
int rc_html_iso_date(const char *s, char out[32]);

/* Date in a URL path ("/2025/06/17/", "/2025-06-17", "/20250617") written
 * as "YYYY-MM-DD" to out[11]. Returns 1 or 0. */
int rc_html_url_date(const char *url, char out[11]);

#endif
