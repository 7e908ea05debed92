/*
 * fuzz_analysis.c - libFuzzer target for everything after ingest: the
 * extract, cluster (copies, events, stories) and cross-check stages
 * (rc_analysis_run) and the human reports (terminal, Markdown, HTML) and
 * JSON written from the report tree, on hostile article text.
 *
 * Input: up to 6 documents separated by NUL bytes (a single document is
 * analysed with an exact copy of itself, so there are always 2 to 6). A
 * document may open with metadata lines "@t title", "@o outlet",
 * "@p published", "@l lang", "@a author", "@u url", "@i id"; the rest is
 * its plain-text body, built through the real pipeline (rc_pipeline_build:
 * the " date 2025-06-17" first-line header and wire datelines included).
 *
 * Properties checked (abort on failure), besides no crash, leak or UB:
 *  - HTML: every tag is one the writer emits (so no "<script", "<img" or
 *    any other markup from an article), attribute values quoted with no
 *    breakout, no event handler, src or style attribute, every href a
 *    fragment (so no "javascript:" link), no control byte but tab and
 *    newline;
 *  - terminal (colour off) and Markdown: no ESC, no other C0 control but
 *    newline, no DEL and no C1 control (U+0080..U+009F);
 *  - JSON: the output parses back as one JSON object;
 *  - the event filter keeps a tree that renders, and refuses an unknown id.
 */
#include "ingest/ingest.h"
#include "pipeline/analysis.h"
#include "pipeline/pipeline.h"
#include "report/report.h"
#include "util/rc.h"
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { MAX_DOCS = 6, MAX_META = 8 };

/* One document's part of the input: its metadata strings (owned, NULL
 * when absent) and its body (borrowed from the input). */
typedef struct part {
    char *title, *outlet, *published, *lang, *author, *url, *id;
    const char *body;
    size_t body_len;
} part;

/* ASCII case-insensitive search for needle (lower case, letters and
 * punctuation that | 0x20 leaves alone) in h[0..n); 1 when found. */
static int has_ci(const char *h, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++) {
        size_t j = 0;
        while (j < k && (h[i + j] | 0x20) == needle[j])  /* needle: lower case */
            j++;
        if (j == k)
            return 1;
    }
    return 0;
}

/* Read the metadata lines at the start of p[0..n) into *pt; the body is
 * what follows. */
static void parse_part(const char *p, size_t n, part *pt)
{
    memset(pt, 0, sizeof *pt);
    size_t at = 0;
    for (int k = 0; k < MAX_META && n - at >= 3 && p[at] == '@' && p[at + 2] == ' '; k++) {
        const char *nl = memchr(p + at, '\n', n - at);
        size_t end = nl ? (size_t)(nl - p) : n;
        char **slot = NULL;
        switch (p[at + 1]) {
        case 't': slot = &pt->title; break;
        case 'o': slot = &pt->outlet; break;
        case 'p': slot = &pt->published; break;
        case 'l': slot = &pt->lang; break;
        case 'a': slot = &pt->author; break;
        case 'u': slot = &pt->url; break;
        case 'i': slot = &pt->id; break;
        default: break;
        }
        if (!slot)
            break;
        free(*slot);
        *slot = strndup(p + at + 3, end - at - 3);
        at = nl ? end + 1 : n;
    }
    pt->body = p + at;
    pt->body_len = n - at;
}

/* Free the strings of pt. */
static void free_part(part *pt)
{
    free(pt->title);
    free(pt->outlet);
    free(pt->published);
    free(pt->lang);
    free(pt->author);
    free(pt->url);
    free(pt->id);
}

/* Report what property failed in t[0..n) near offset i, then abort. */
static void fail(const char *what, const char *t, size_t n, size_t i)
{
    size_t from = i > 80 ? i - 80 : 0, to = n - i > 80 ? i + 80 : n;
    fprintf(stderr, "fuzz_analysis: %s at offset %zu: ...%.*s...\n", what, i, (int)(to - from),
            t + from);
    abort();
}

/* Check that the HTML page h[0..n) carries no markup but the writer's own. */
static void check_html(const char *h, size_t n)
{
    static const char *const TAGS[] = {
        "a", "article", "blockquote", "body", "br", "cite", "div", "em", "h1", "h2", "h3", "head",
        "header", "html", "li", "main", "meta", "nav", "ol", "p", "section", "small", "span",
        "strong", "style", "table", "tbody", "td", "th", "thead", "time", "title", "tr", "ul",
        NULL};
    if (has_ci(h, n, "<script") || has_ci(h, n, "<img"))
        fail("HTML: script or img tag", h, n, 0);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)h[i];
        if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
            fail("HTML: control byte", h, n, i);
        if (c != '<')
            continue;
        size_t j = i + 1;
        if (j < n && (h[j] == '!')) {
            if (!(n - j >= 8 && strncasecmp(h + j, "!DOCTYPE", 8) == 0))
                fail("HTML: markup declaration", h, n, i);
            continue;
        } else {
            if (j < n && h[j] == '/')
                j++;
            size_t s = j;
            while (j < n && ((h[j] >= 'a' && h[j] <= 'z') || (h[j] >= '0' && h[j] <= '9')))
                j++;
            int ok = 0;
            for (size_t t = 0; TAGS[t] && !ok; t++)
                ok = strlen(TAGS[t]) == j - s && strncmp(TAGS[t], h + s, j - s) == 0;
            if (!ok)
                fail("HTML: unknown tag", h, n, i);
        }
        const char *gt = memchr(h + i, '>', n - i);
        if (!gt)
            fail("HTML: unclosed tag", h, n, i);
        /* attributes: outside their double-quoted values only names and
         * '=' (no value breaking out); no event handler, src or style
         * attribute; links only to fragments (so no javascript: URL) */
        int quoted = 0;
        for (size_t k = j; k < (size_t)(gt - h); k++) {
            char c2 = h[k];
            if (c2 == '<' || ((unsigned char)c2 < 0x20 && c2 != '\n' && c2 != '\t'))
                fail("HTML: '<' or control byte inside a tag", h, n, k);
            if (c2 == '"') {
                quoted = !quoted;
                continue;
            }
            if (quoted)
                continue;
            if (!((c2 >= 'a' && c2 <= 'z') || (c2 >= '0' && c2 <= '9') || c2 == '-' || c2 == '=' ||
                  c2 == ' ' || c2 == '/' || c2 == '\n'))
                fail("HTML: stray character in a tag", h, n, k);
            int start = h[k - 1] == ' ' || h[k - 1] == '\n';
            if (start && ((h[k] == 'o' && h[k + 1] == 'n') || strncmp(h + k, "src=", 4) == 0 ||
                          strncmp(h + k, "style=", 6) == 0))
                fail("HTML: handler, src or style attribute", h, n, k);
            if (start && strncmp(h + k, "href=\"", 6) == 0 && h[k + 6] != '#')
                fail("HTML: href not a fragment", h, n, k);
        }
        if (quoted)
            fail("HTML: unbalanced quote in a tag", h, n, i);
        i = (size_t)(gt - h);  /* past the tag: its bytes were checked */
    }
}

/* Check that text t[0..n) holds no control sequence: no C0 control but
 * newline, no DEL, no C1 control (UTF-8 C2 80..C2 9F). */
static void check_plain(const char *t, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)t[i];
        if ((c < 0x20 && c != '\n') || c == 0x7f)
            fail("text: control byte", t, n, i);
        if (c == 0xc2 && i + 1 < n && (unsigned char)t[i + 1] >= 0x80 &&
            (unsigned char)t[i + 1] <= 0x9f)
            fail("text: C1 control", t, n, i);
    }
}

/* Render the tree t (and r for Markdown) in the format fmt ('t' terminal,
 * 'm' Markdown, 'h' HTML, 'j' JSON) to memory and check the output. */
static void render(char fmt, const rc_report *r, const json_t *t, int color, size_t width)
{
    char *mem = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&mem, &len);
    if (!out)
        abort();
    rc_term_opts to = {color, width};
    int rc = fmt == 't' ? rc_report_terminal(out, t, &to)
           : fmt == 'm' ? rc_report_markdown_tree(out, r, t)
           : fmt == 'h' ? rc_report_html(out, t)
                        : rc_report_json_tree(out, t);
    if (fclose(out) != 0 || rc != RC_OK)
        abort();
    if (fmt == 'h')
        check_html(mem, len);
    else if ((fmt == 't' && !color) || fmt == 'm')
        check_plain(mem, len);
    else if (fmt == 'j') {
        json_error_t err;
        json_t *back = json_loadb(mem, len, 0, &err);
        if (!json_is_object(back))
            abort();
        json_decref(back);
    }
    free(mem);
}

/* libFuzzer entry point. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *p = (const char *)data;
    part parts[MAX_DOCS];
    size_t nparts = 0, at = 0;
    while (nparts < MAX_DOCS && at <= size) {
        const char *z = memchr(p + at, 0, size - at);
        size_t end = z ? (size_t)(z - p) : size;
        parse_part(p + at, end - at, &parts[nparts++]);
        at = end + 1;
    }
    rc_doc *docs[MAX_DOCS + 1];
    size_t nd = 0;
    for (size_t i = 0; i < nparts; i++) {
        rc_raw raw = {0};
        raw.input = "fuzz";
        raw.id = parts[i].id ? parts[i].id : "fuzz";
        raw.group = "g";
        raw.title = parts[i].title;
        raw.outlet = parts[i].outlet;
        raw.published = parts[i].published;
        raw.lang = parts[i].lang;
        raw.author = parts[i].author;
        raw.url = parts[i].url;
        raw.body = parts[i].body;
        raw.body_len = parts[i].body_len;
        raw.format = RC_FMT_TEXT;
        rc_doc *d = NULL;
        if (rc_pipeline_build(&raw, NULL, &d) == RC_OK)
            docs[nd++] = d;
        /* a lone document is analysed with a copy of itself */
        if (nparts == 1 && rc_pipeline_build(&raw, NULL, &d) == RC_OK)
            docs[nd++] = d;
    }
    for (size_t i = 0; i < nparts; i++)
        free_part(&parts[i]);

    rc_analysis an;
    rc_analysis_run(&an, docs, nd);
    rc_report rep = {docs, nd, "fuzz", an.facts, an.entities, &an, 0};
    json_t *tree = rc_report_tree(&rep, 1);
    if (!tree)
        abort();
    size_t width = 20 + size % 100;
    render('t', &rep, tree, 0, width);
    render('m', &rep, tree, 0, 0);
    render('h', &rep, tree, 0, 0);
    render('j', &rep, tree, 0, 0);

    /* the event filter: the first event, then an id no event has */
    const json_t *ev = json_array_get(json_object_get(tree, "events"), 0);
    const char *id = ev ? json_string_value(json_object_get(ev, "id")) : NULL;
    if (id) {
        json_t *one = json_deep_copy(tree);
        if (rc_report_tree_event(one, id) != RC_OK)
            abort();
        render('t', &rep, one, 1, width);
        render('m', &rep, one, 0, 0);
        render('h', &rep, one, 0, 0);
        json_decref(one);
    }
    if (rc_report_tree_event(tree, "\x01no such event") != RC_NOTFOUND)
        abort();
    json_decref(tree);
    rc_analysis_cleanup(&an);
    for (size_t i = 0; i < nd; i++)
        rc_doc_free(docs[i]);
    return 0;
}
