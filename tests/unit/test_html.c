/*
 * test_html.c - HTML extraction: entities, parser bounds, metadata
 * precedence, title cut, dates, and a whole page whose body must come out
 * exactly. Pages here are written for the tests.
 */
#include "test.h"
#include "html/dom.h"
#include "html/entity.h"
#include "html/extract.h"
#include "html/meta.h"
#include "util/arena.h"
#include "util/mem.h"
#include "util/rc.h"
#include <string.h>

/* Extract html with page_url into *x (arena a); returns the result code. */
static int run(rc_arena *a, const char *html, const char *url, rc_extracted *x)
{
    return rc_html_extract(a, html, strlen(html), url, x);
}

/* rc_html_entity: named (with and without ';'), numeric, invalid. */
static void test_entities(void **state)
{
    (void)state;
    static const struct { const char *in; int attr; size_t used; const char *out; } cases[] = {
        {"&amp;", 0, 5, "&"}, {"&lt;x", 0, 4, "<"}, {"&eacute;t\xc3\xa9", 0, 8, "\xc3\xa9"},
        {"&nbsp;", 0, 6, "\xc2\xa0"}, {"&hellip;", 0, 8, "\xe2\x80\xa6"},
        {"&rsquo;", 0, 7, "\xe2\x80\x99"}, {"&NotEqualTilde;", 0, 15, "\xe2\x89\x82\xcc\xb8"},
        {"&#233;", 0, 6, "\xc3\xa9"}, {"&#xE9;", 0, 6, "\xc3\xa9"}, {"&#XE9", 0, 5, "\xc3\xa9"},
        {"&#128;", 0, 6, "\xe2\x82\xac"}, {"&#0;", 0, 4, "\xef\xbf\xbd"},
        {"&#xD800;", 0, 8, "\xef\xbf\xbd"}, {"&#99999999999;", 0, 14, "\xef\xbf\xbd"},
        {"&#x1F600;", 0, 9, "\xf0\x9f\x98\x80"},
        /* legacy names without ';' */
        {"&amp", 0, 4, "&"}, {"&copy 2025", 0, 5, "\xc2\xa9"}, {"&eacutex", 0, 7, "\xc3\xa9"},
        /* in attributes a legacy name followed by [A-Za-z0-9=] is not a reference */
        {"&copy=1", 1, 0, NULL}, {"&ampx", 1, 0, NULL}, {"&amp;x", 1, 5, "&"},
        /* not references */
        {"&bogus;", 0, 0, NULL}, {"& x", 0, 0, NULL}, {"&#;", 0, 0, NULL}, {"&#x;", 0, 0, NULL},
        {"&", 0, 0, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char out[8];
        size_t ol = 0;
        size_t used = rc_html_entity(cases[i].in, strlen(cases[i].in), cases[i].attr, out, &ol);
        assert_int_equal(used, cases[i].used);
        if (cases[i].out) {
            assert_int_equal(ol, strlen(cases[i].out));
            assert_memory_equal(out, cases[i].out, ol);
        }
    }
}

/* Title suffix/prefix cut. */
static void test_title_cut(void **state)
{
    (void)state;
    static const struct { const char *in, *site, *want; } cases[] = {
        {"Storm hits the coast - The Daily Planet", "The Daily Planet", "Storm hits the coast"},
        {"Storm hits the coast | Planet", NULL, "Storm hits the coast"},
        {"Planet | Storm hits the coast today", "Planet", "Storm hits the coast today"},
        {"La temp\xc3\xaate frappe la c\xc3\xb4te \xe2\x80\x93 Le Journal", NULL, "La temp\xc3\xaate frappe la c\xc3\xb4te"},
        {"No separator here", NULL, "No separator here"},
        /* a long tail is part of the title, not a site name */
        {"Minister resigns - what the decision means for the coalition and the budget", NULL,
         "Minister resigns - what the decision means for the coalition and the budget"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        size_t st = 0, l = rc_html_title_cut(cases[i].in, strlen(cases[i].in), cases[i].site, &st);
        char got[256];
        assert_true(l < sizeof got);
        memcpy(got, cases[i].in + st, l);
        got[l] = '\0';
        assert_string_equal(got, cases[i].want);
    }
}

/* ISO dates as precise as given; URL dates. */
static void test_dates(void **state)
{
    (void)state;
    static const struct { const char *in, *want; } iso[] = {
        {"2025-06-17", "2025-06-17"}, {"2025-06-17T09:30:00+02:00", "2025-06-17T09:30:00+02:00"},
        {"2025-06-17T09:30:00.000Z", "2025-06-17T09:30:00Z"}, {"2025-06-17 09:30", "2025-06-17T09:30"},
        {"2025-06-17T09:30:00+0200", "2025-06-17T09:30:00+02:00"}, {"2025/06/17", "2025-06-17"},
        {"17 June 2025", NULL}, {"2025-13-01", NULL}, {"", NULL},
    };
    for (size_t i = 0; i < sizeof iso / sizeof *iso; i++) {
        char out[32];
        int ok = rc_html_iso_date(iso[i].in, out);
        assert_int_equal(ok, iso[i].want != NULL);
        if (ok)
            assert_string_equal(out, iso[i].want);
    }
    static const struct { const char *in, *want; } url[] = {
        {"https://example.org/2025/06/17/storm-hits", "2025-06-17"},
        {"https://example.org/news/2025-06-17-storm", "2025-06-17"},
        {"https://example.org/a/20250617/storm", "2025-06-17"},
        {"https://example.org/2025/storm", NULL}, {"https://example.org/id/123456789", NULL},
        {"https://2025.example.org/06/17", NULL},
    };
    for (size_t i = 0; i < sizeof url / sizeof *url; i++) {
        char out[11];
        int ok = rc_html_url_date(url[i].in, out);
        assert_int_equal(ok, url[i].want != NULL);
        if (ok)
            assert_string_equal(out, url[i].want);
    }
}

static const char body_para[] =
    "<p>The harbour authority said on Tuesday that the new breakwater, built over three years, "
    "would protect the old town from winter storms.</p>";

/* Metadata precedence: JSON-LD > og/article meta > <h1>/<title> > URL. */
static void test_meta_precedence(void **state)
{
    (void)state;
    rc_arena *a = rc_arena_new();
    rc_extracted x;
    char page[4096];

    /* everything present: JSON-LD wins (inside @graph) */
    snprintf(page, sizeof page,
             "<html lang=\"en-GB\"><head><title>Title tag - Harbour News</title>"
             "<meta property=\"og:title\" content=\"OG title | Harbour News\">"
             "<meta property=\"og:site_name\" content=\"Harbour News\">"
             "<meta property=\"article:published_time\" content=\"2025-06-16T08:00:00Z\">"
             "<meta name=\"author\" content=\"Meta Author\">"
             "<link rel=\"canonical\" href=\"/2025/06/15/breakwater\">"
             "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@graph\":["
             "{\"@type\":\"WebSite\",\"name\":\"x\"},{\"@type\":\"NewsArticle\",\"headline\":\"LD headline\","
             "\"datePublished\":\"2025-06-17T09:30:00+02:00\",\"author\":[{\"@type\":\"Person\",\"name\":\"Ann Lee\"},"
             "{\"name\":\"Bo Chen\"}],\"publisher\":{\"name\":\"Harbour Publisher\"}}]}</script>"
             "</head><body><h1>H1 title</h1>%s</body></html>", body_para);
    assert_int_equal(run(a, page, "https://harbour.example/2025/06/14/x", &x), RC_OK);
    assert_string_equal(x.title, "LD headline");
    assert_string_equal(x.published, "2025-06-17T09:30:00+02:00");
    assert_string_equal(x.outlet, "Harbour News");
    assert_string_equal(x.author, "Ann Lee, Bo Chen");
    assert_string_equal(x.lang, "en");
    assert_string_equal(x.url, "https://harbour.example/2025/06/15/breakwater");

    /* no JSON-LD: og:title (suffix cut), article:published_time, meta author */
    snprintf(page, sizeof page,
             "<html><head><title>Title tag - Harbour News</title>"
             "<meta property=\"og:title\" content=\"OG title | Harbour News\">"
             "<meta property=\"og:site_name\" content=\"Harbour News\">"
             "<meta property=\"og:locale\" content=\"fr_FR\">"
             "<meta property=\"og:url\" content=\"https://harbour.example/og\">"
             "<meta property=\"article:published_time\" content=\"2025-06-16\">"
             "<meta name=\"author\" content=\"Meta Author\">"
             "</head><body>%s</body></html>", body_para);
    assert_int_equal(run(a, page, NULL, &x), RC_OK);
    assert_string_equal(x.title, "OG title");
    assert_string_equal(x.published, "2025-06-16");
    assert_string_equal(x.author, "Meta Author");
    assert_string_equal(x.lang, "fr");
    assert_string_equal(x.url, "https://harbour.example/og");

    /* only <h1> and <title>; <time datetime>; byline; agency credit */
    snprintf(page, sizeof page,
             "<html><head><title>Title tag - Harbour News</title></head><body>"
             "<h1>H1 title</h1><p class=\"byline\">By Jo Park with AFP</p>"
             "<time datetime=\"2025-06-12T10:00\">12 June</time>%s</body></html>", body_para);
    assert_int_equal(run(a, page, NULL, &x), RC_OK);
    assert_string_equal(x.title, "H1 title");
    assert_string_equal(x.published, "2025-06-12T10:00");
    assert_string_equal(x.author, "Jo Park");
    assert_int_equal(x.ncredits, 1);
    assert_string_equal(x.credits[0], "AFP");
    assert_null(x.outlet);
    assert_null(x.lang);

    /* only <title> and the URL date */
    snprintf(page, sizeof page, "<title>Only title | Harbour</title>%s", body_para);
    assert_int_equal(run(a, page, "https://harbour.example/news/2025/06/11/x", &x), RC_OK);
    assert_string_equal(x.title, "Only title");
    assert_string_equal(x.published, "2025-06-11");
    assert_null(x.author);
    rc_arena_free(a);
}

/* A page with navigation, cookie banner, share bar, related links, a
 * caption, comments and a footer: the body must come out exactly. */
static void test_whole_page(void **state)
{
    (void)state;
    static const char page[] =
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<title>Breakwater finished after three years - Harbour News</title>"
        "<style>body { color: red }</style><script>var x = '<p>not text</p>';</script></head>"
        "<body><div id=\"cookie-banner\" class=\"cookie-consent\"><p>We use cookies to improve "
        "your experience on our site. By continuing you accept them, as described.</p>"
        "<button>Accept</button></div>"
        "<header class=\"site-header\"><a href=\"/\">Harbour News</a><nav class=\"main-nav\"><ul>"
        "<li><a href=\"/local\">Local</a></li><li><a href=\"/sport\">Sport</a></li>"
        "<li><a href=\"/weather\">Weather</a></li></ul></nav></header>"
        "<main><article class=\"story\"><h1>Breakwater finished after three years</h1>"
        "<div class=\"byline\">By Mia Holt</div>"
        "<div class=\"share-bar\"><a href=\"#\">Share on Facebook</a> <a href=\"#\">Tweet</a></div>"
        "<div class=\"story-body\">"
        "<p>The harbour authority said on Tuesday that the new breakwater, built over three years, "
        "would protect the old town from winter storms.</p>"
        "<figure><img src=\"a.jpg\"><figcaption>Workers on the breakwater in March, photographed "
        "from the lighthouse.</figcaption></figure>"
        "<p>Engineers placed 40&nbsp;000 concrete blocks along the outer wall, the authority said, "
        "and the &quot;last one&quot; went in on Monday.</p>"
        "<h2>What changes for residents</h2>"
        "<p>Ferries will keep their timetable, but the fishing fleet will moor inside the new basin "
        "from July, according to the port&rsquo;s director.</p>"
        "<aside class=\"related\"><h3>Read more</h3><ul><li><a href=\"/a\">Storm damage in 2023 "
        "cost the town millions</a></li><li><a href=\"/b\">Lighthouse reopens to visitors after "
        "renovation</a></li></ul></aside>"
        "<ul><li>Length: 1.2 km</li><li>Cost: 85 million</li></ul>"
        "<p>The old wall, damaged twice in the last decade, will be turned into a promenade, the "
        "director added.</p>"
        "</div></article>"
        "<section id=\"comments\" class=\"comments\"><h2>12 comments</h2>"
        "<div class=\"comment\"><p>Finally! I have been waiting for this for years, and it is a "
        "relief for everyone who lives near the water.</p></div>"
        "<div class=\"comment\"><p>What a waste of money, the old wall was perfectly fine and "
        "nobody asked for a promenade anyway.</p></div></section></main>"
        "<footer class=\"site-footer\"><p>&copy; 2025 Harbour News. All rights reserved. Contact "
        "us, advertise with us, read our privacy policy.</p></footer></body></html>";
    static const char want[] =
        "The harbour authority said on Tuesday that the new breakwater, built over three years, "
        "would protect the old town from winter storms.\n"
        "Engineers placed 40 000 concrete blocks along the outer wall, the authority said, and the "
        "\"last one\" went in on Monday.\n"
        "What changes for residents\n"
        "Ferries will keep their timetable, but the fishing fleet will moor inside the new basin "
        "from July, according to the port\xe2\x80\x99s director.\n"
        "Length: 1.2 km\n"
        "Cost: 85 million\n"
        "The old wall, damaged twice in the last decade, will be turned into a promenade, the "
        "director added.";
    rc_arena *a = rc_arena_new();
    rc_extracted x;
    assert_int_equal(run(a, page, NULL, &x), RC_OK);
    assert_string_equal(x.text, want);
    assert_int_equal(x.text_len, strlen(want));
    assert_string_equal(x.title, "Breakwater finished after three years");
    assert_string_equal(x.author, "Mia Holt");
    assert_string_equal(x.lang, "en");
    rc_arena_free(a);
}

/* Scripts, styles, comments, templates and hidden elements give no text. */
static void test_skipped(void **state)
{
    (void)state;
    static const char page[] =
        "<body><script>document.write('<p>script text, long enough to count as a paragraph.</p>')"
        "</script><style>p::before { content: 'style text' }</style>"
        "<!-- <p>commented out paragraph, long enough to count as a paragraph.</p> -->"
        "<template><p>template text, long enough to count as a paragraph here.</p></template>"
        "<div hidden><p>hidden text, long enough to count as a paragraph here too.</p></div>"
        "<div style=\"display: none\"><p>invisible text, long enough to count as a paragraph.</p></div>"
        "<p>Visible text, the only paragraph that should be extracted from this page.</p></body>";
    rc_arena *a = rc_arena_new();
    rc_extracted x;
    assert_int_equal(run(a, page, NULL, &x), RC_OK);
    assert_string_equal(x.text, "Visible text, the only paragraph that should be extracted from this page.");
    assert_int_equal(run(a, "<script>only a script</script>", NULL, &x), RC_EMPTY);
    assert_string_equal(x.text, "");
    assert_int_equal(run(a, "", NULL, &x), RC_EMPTY);
    rc_arena_free(a);
}

/* NUL bytes and invalid UTF-8 do not cut or corrupt the text. */
static void test_nul_and_bytes(void **state)
{
    (void)state;
    static const char page[] = "<p>First half of the sentence,\0 and the second half after a NUL byte.</p>"
                               "<p>Bad bytes \xff\xfe here, and a cut sequence \xc3 there.</p>";
    rc_arena *a = rc_arena_new();
    rc_extracted x;
    assert_int_equal(rc_html_extract(a, page, sizeof page - 1, NULL, &x), RC_OK);
    assert_non_null(strstr(x.text, "First half of the sentence, and the second half after a NUL byte."));
    assert_int_equal(strlen(x.text), x.text_len);
    assert_non_null(strstr(x.text, "Bad bytes \xef\xbf\xbd\xef\xbf\xbd here"));
    rc_arena_free(a);
}

/* 100,000 nested elements: bounded depth, the text still comes out. */
static void test_deep_nesting(void **state)
{
    (void)state;
    const size_t levels = 100000;
    const char tail[] = "Deep inside the nest, this sentence is still the article, and it is long.";
    size_t n = levels * 5 + sizeof tail + levels * 6;
    char *p = rc_malloc(n + 1), *w = p;
    for (size_t i = 0; i < levels; i++) {
        memcpy(w, "<div>", 5);
        w += 5;
    }
    memcpy(w, tail, sizeof tail - 1);
    w += sizeof tail - 1;
    for (size_t i = 0; i < levels; i++) {
        memcpy(w, "</div>", 6);
        w += 6;
    }
    rc_dom d;
    assert_int_equal(rc_dom_parse(&d, p, (size_t)(w - p)), RC_OK);
    for (size_t i = 0; i < d.n; i++)
        assert_true(d.nodes[i].depth <= RC_DOM_MAX_DEPTH);
    rc_dom_free(&d);
    rc_arena *a = rc_arena_new();
    rc_extracted x;
    assert_int_equal(rc_html_extract(a, p, (size_t)(w - p), NULL, &x), RC_OK);
    assert_string_equal(x.text, tail);
    rc_arena_free(a);
    free(p);
}

/* Tree building: implied end tags, void elements, stray end tags. */
static void test_tree(void **state)
{
    (void)state;
    static const char html[] = "<p>one<p>two<ul><li>a<li>b</ul></span><br></p><div>x</div>";
    rc_dom d;
    assert_int_equal(rc_dom_parse(&d, html, sizeof html - 1), RC_OK);
    /* root children: p, p (closed by <ul>), ul, br (the stray </span> and
     * </p> are ignored), div */
    unsigned tags[8], k = 0;
    for (uint32_t c = d.nodes[0].first; c && k < 8; c = d.nodes[c].next)
        tags[k++] = d.nodes[c].tag;
    assert_int_equal(k, 5);
    assert_int_equal(tags[0], RC_T_P);
    assert_int_equal(tags[1], RC_T_P);
    assert_int_equal(tags[2], RC_T_UL);
    assert_int_equal(tags[3], RC_T_BR);
    assert_int_equal(tags[4], RC_T_DIV);
    /* the ul holds two li */
    uint32_t ul = d.nodes[0].first;
    ul = d.nodes[d.nodes[ul].next].next;
    uint32_t li = d.nodes[ul].first;
    assert_int_equal(d.nodes[li].tag, RC_T_LI);
    assert_int_equal(d.nodes[d.nodes[li].next].tag, RC_T_LI);
    /* subtree ranges are consistent */
    for (uint32_t i = 1; i < d.n; i++) {
        uint32_t par = d.nodes[i].parent;
        assert_true(par < i && d.nodes[par].end >= d.nodes[i].end);
    }
    rc_dom_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_entities),
        cmocka_unit_test(test_title_cut),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_meta_precedence),
        cmocka_unit_test(test_whole_page),
        cmocka_unit_test(test_skipped),
        cmocka_unit_test(test_nul_and_bytes),
        cmocka_unit_test(test_deep_nesting),
        cmocka_unit_test(test_tree),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
