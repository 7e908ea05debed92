/*
 * html.c - the report as one self-contained HTML page; see report.h.
 *
 * No network, no script: inline CSS only. Every claim and piece of evidence
 * links to the sentence it rests on (#doc-N-s-M, N the documents[] index,
 * M the sentences[] index), highlighted with the CSS :target rule. Every
 * string from the report passes through esc() (rc_render_html) -- text,
 * attribute values and ids alike -- and the page is written through a
 * buffer flushed every 64 KiB, with the RC_RENDER_* caps on what it shows.
 */
#include "report/render.h"
#include "report/report.h"
#include "util/mem.h"
#include "util/rc.h"
#include <string.h>

typedef struct page {
    FILE *out;
    rc_buf b;
    int bad;
    const rc_rview *v;
} page;

/* Write the buffer to the file once it is large (force: always). */
static void drain(page *p, int force)
{
    if (!force && p->b.len < 65536)
        return;
    if (p->b.len && fwrite(p->b.data, 1, p->b.len, p->out) != p->b.len)
        p->bad = 1;
    rc_buf_reset(&p->b);
}

/* Append markup (trusted, never article-derived). */
static void raw(page *p, const char *s)
{
    rc_buf_puts(&p->b, s);
}

/* Append s HTML-escaped and capped at RC_RENDER_MAX_TEXT bytes: the one
 * way report strings enter the page. */
static void esc(page *p, const char *s)
{
    if (s)
        rc_render_html(&p->b, s, strlen(s), RC_RENDER_MAX_TEXT);
}

/* The outlet (else id) of the document with this id, escaped. */
static void outlet_of(page *p, const char *id)
{
    long d = rc_rview_doc(p->v, id);
    esc(p, d >= 0 ? rc_rview_outlet(p->v, (size_t)d) : id);
}

/* A link to the sentence of document id holding offset start, with label;
 * plain label when the document is unknown. */
static void sentence_link(page *p, const char *id, long long start, const char *label)
{
    long d = rc_rview_doc(p->v, id);
    long s = d >= 0 ? rc_rview_sentence(p->v, (size_t)d, start) : -1;
    if (d < 0) {
        esc(p, label);
        return;
    }
    if (s >= 0)
        rc_buf_printf(&p->b, "<a href=\"#doc-%ld-s-%ld\">", d, s);
    else
        rc_buf_printf(&p->b, "<a href=\"#doc-%ld\">", d);
    esc(p, label);
    raw(p, "</a>");
}

static const char CSS[] =
    "body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:0;color:#1d2330;background:#f6f7f9}"
    "header,main{max-width:1200px;margin:0 auto;padding:0 20px}"
    "header{padding-top:12px}h1{margin:.4em 0 .1em}h2{margin-top:1.6em;border-bottom:2px solid #c9d1dc}"
    "h3{margin:1.2em 0 .4em;font-size:1.05em;color:#394150}"
    "section.event,article.doc{background:#fff;border:1px solid #dde2ea;border-radius:6px;padding:4px 18px 14px;margin:16px 0}"
    ".meta{color:#5a6372;font-size:.92em}.label{font-size:1.1em;font-weight:600}"
    "nav a{margin-right:.8em}"
    "table.matrix{border-collapse:collapse;width:100%;font-size:.9em}"
    "table.matrix th,table.matrix td{border:1px solid #dde2ea;padding:4px 6px;vertical-align:top;text-align:left}"
    "table.matrix thead th{background:#eef1f5;font-weight:600}"
    "table.matrix td.carried{background:#e6f4ea}table.matrix td.relay{background:#fff4d6}"
    "table.matrix td.disputed{background:#fde2e1}table.matrix td.none{background:#fafbfc}"
    ".status{display:inline-block;border-radius:3px;padding:0 5px;font-size:.8em;font-weight:600;margin-right:4px;background:#e3e7ee}"
    ".st-corroborated .status{background:#cfeedd}.st-single_origin .status{background:#ffe9b3}"
    ".st-single_source .status{background:#e3e7ee}.st-contested .status,.st-conflicting .status{background:#f9c9c6}"
    ".pair{display:grid;grid-template-columns:1fr 1fr;gap:10px;margin:6px 0 12px}"
    ".pair blockquote{margin:0;padding:6px 10px;border-left:4px solid #8aa1c1;background:#f3f6fa}"
    ".pair cite{display:block;font-style:normal;font-weight:600;font-size:.85em;color:#394150}"
    ".term{display:inline-block;background:#eef1f5;border-radius:10px;padding:0 8px;margin:2px;font-size:.9em}"
    ".term small{color:#5a6372}"
    "ol.timeline{list-style:none;padding-left:0}ol.timeline time{display:inline-block;min-width:7.5em;font-weight:600}"
    ".text{white-space:pre-wrap}.s:target{background:#ffe066;outline:2px solid #f0b400}"
    "article.doc:target{outline:2px solid #f0b400}"
    "small{color:#5a6372}";

/* The page head and the report's summary with a link per group. */
static void head(page *p)
{
    const rc_rview *v = p->v;
    raw(p, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
           "<title>recoupe report</title>\n<style>");
    raw(p, CSS);
    raw(p, "</style>\n</head>\n<body>\n<header>\n<h1>recoupe report</h1>\n");
    rc_buf_printf(&p->b, "<p class=\"meta\">%zu articles · %zu events · %zu claims · %zu discrepancies</p>\n",
                  v->ndocs, json_array_size(v->events), json_array_size(v->claims),
                  json_array_size(v->discrepancies));
    raw(p, "<nav>");
    for (size_t g = 0; g < v->ngroups; g++) {
        const rc_rview_group *gr = &v->groups[g];
        rc_buf_printf(&p->b, "<a href=\"#group-%zu\">", g);
        if (gr->event) {
            esc(p, rc_jstr(gr->event, "id"));
            raw(p, " ");
            esc(p, rc_jstr(gr->event, "date") ? rc_jstr(gr->event, "date") : "undated");
        } else {
            esc(p, gr->title);
        }
        raw(p, "</a>");
    }
    raw(p, "<a href=\"#articles\">Articles</a></nav>\n</header>\n<main>\n");
}

/* The group's header: id, date, label, outlets, languages. */
static void group_head(page *p, size_t gi, const rc_rview_group *g)
{
    const rc_rview *v = p->v;
    rc_buf_printf(&p->b, "<section class=\"event\" id=\"group-%zu\"", gi);
    if (g->event) {
        raw(p, " data-event=\"");
        esc(p, rc_jstr(g->event, "id"));
        raw(p, "\">\n<h2>Event ");
        esc(p, rc_jstr(g->event, "id"));
        raw(p, " · ");
        esc(p, rc_jstr(g->event, "date") ? rc_jstr(g->event, "date") : "undated");
        raw(p, "</h2>\n");
        if (rc_jstr(g->event, "label")) {
            int cut;
            const char *label = rc_jstr(g->event, "label");
            size_t n = rc_render_cut_words(label, RC_RENDER_MAX_LABEL, &cut);
            raw(p, "<p class=\"label\">");
            rc_render_html(&p->b, label, n, RC_RENDER_MAX_TEXT);
            raw(p, cut ? "…</p>\n" : "</p>\n");
        }
    } else {
        raw(p, ">\n<h2>");
        esc(p, g->title);
        raw(p, "</h2>\n");
    }
    rc_buf_printf(&p->b, "<p class=\"meta\">%zu article%s · languages: ", g->docs.n, g->docs.n == 1 ? "" : "s");
    const char *langs[32];
    size_t nl = 0;
    for (size_t i = 0; i < g->docs.n; i++) {
        const char *l = rc_jstr(json_array_get(v->documents, g->docs.v[i]), "lang");
        int dup = !l;
        for (size_t k = 0; l && k < nl; k++)
            dup |= strcmp(langs[k], l) == 0;
        if (dup || nl >= 32)
            continue;
        raw(p, nl ? ", " : "");
        esc(p, l);
        langs[nl++] = l;
    }
    raw(p, nl ? "" : "unknown");
    raw(p, " · articles: ");
    for (size_t i = 0; i < g->docs.n && i < RC_RENDER_MAX_ITEMS; i++) {
        raw(p, i ? ", " : "");
        rc_buf_printf(&p->b, "<a href=\"#doc-%zu\">", g->docs.v[i]);
        esc(p, rc_rview_outlet(v, g->docs.v[i]));
        raw(p, "</a>");
    }
    raw(p, "</p>\n");
}

/* The distinct outlets of group g, in document order, at most
 * RC_RENDER_MAX_OUTLETS; returns how many (names point into the tree). */
static size_t group_outlets(const rc_rview *v, const rc_rview_group *g, const char **outs)
{
    size_t n = 0;
    for (size_t i = 0; i < g->docs.n && n < RC_RENDER_MAX_OUTLETS; i++) {
        const char *o = rc_rview_outlet(v, g->docs.v[i]);
        int dup = 0;
        for (size_t k = 0; k < n && !dup; k++)
            dup = strcmp(outs[k], o) == 0;
        if (!dup)
            outs[n++] = o;
    }
    return n;
}

/* One cell of the matrix: what claim c's articles from outlet say (their
 * support entries, else the claim's documents[] from that outlet). */
static void matrix_cell(page *p, const json_t *c, const char *outlet)
{
    const rc_rview *v = p->v;
    rc_buf docs, body;
    rc_buf_init(&docs, 0);
    rc_buf_init(&body, 0);
    int relay = 0, disputed = 0, n = 0;
    const char *stance = NULL, *origin = NULL;
    size_t k;
    const json_t *x;
    json_array_foreach(rc_jarr(c, "support"), k, x) {
        long d = rc_rview_doc(v, rc_jstr(x, "document"));
        if (d < 0 || strcmp(rc_rview_outlet(v, (size_t)d), outlet) != 0 || n >= 8)
            continue;
        if (n++) {
            rc_buf_putc(&docs, ' ');
            rc_buf_puts(&body, "<br>");
        }
        rc_render_html(&docs, rc_jstr(x, "document"), strlen(rc_jstr(x, "document")), RC_RENDER_MAX_TEXT);
        const char *st = rc_jstr(x, "stance");
        const char *org = rc_jstr(x, "origin");
        int rl = json_is_true(json_object_get(x, "relay"));
        if (!stance)
            stance = st, origin = org;
        relay |= rl;
        disputed |= st && (strcmp(st, "disputed") == 0 || strcmp(st, "denied") == 0 || strcmp(st, "rejected") == 0);
        rc_buf_printf(&body, "<a href=\"#doc-%ld-s-%ld\">", d, rc_rview_sentence(v, (size_t)d, rc_jint(x, "start", 0)));
        if (st)
            rc_render_html(&body, st, strlen(st), 64);
        else
            rc_buf_puts(&body, "carries");
        rc_buf_puts(&body, "</a>");
        if (org) {
            rc_buf_puts(&body, "<br><small>via ");
            rc_render_html(&body, org, strlen(org), 120);
            rc_buf_puts(&body, "</small>");
        }
        if (rl)
            rc_buf_puts(&body, " <small>(relay)</small>");
    }
    if (!n) {
        /* no support entries for this outlet: the claim's documents */
        json_array_foreach(rc_jarr(c, "documents"), k, x) {
            long d = rc_rview_doc(v, json_string_value(x));
            if (d < 0 || strcmp(rc_rview_outlet(v, (size_t)d), outlet) != 0 || n >= 8)
                continue;
            if (n++)
                rc_buf_putc(&docs, ' ');
            rc_render_html(&docs, json_string_value(x), strlen(json_string_value(x)), RC_RENDER_MAX_TEXT);
            if (n == 1)
                rc_buf_printf(&body, "<a href=\"#doc-%ld\">carries</a>", d);
        }
    }
    raw(p, "<td data-outlet=\"");
    esc(p, outlet);
    if (!n) {
        raw(p, "\" class=\"none\"></td>");
    } else {
        raw(p, "\" data-docs=\"");
        raw(p, rc_buf_str(&docs));
        raw(p, "\" data-stance=\"");
        esc(p, stance ? stance : "carries");
        raw(p, "\" data-origin=\"");
        esc(p, origin ? origin : "");
        rc_buf_printf(&p->b, "\" data-relay=\"%d\" class=\"%s\">", relay,
                      disputed ? "disputed" : relay ? "relay" : "carried");
        raw(p, rc_buf_str(&body));
        raw(p, "</td>");
    }
    rc_buf_cleanup(&docs);
    rc_buf_cleanup(&body);
}

/* The coverage matrix of group g: one row per claim (status, text,
 * origins, links to its sentences), one column per outlet. */
static void matrix(page *p, size_t gi, const rc_rview_group *g)
{
    const rc_rview *v = p->v;
    const char *outs[RC_RENDER_MAX_OUTLETS];
    size_t no = group_outlets(v, g, outs);
    raw(p, "<h3>Coverage: who carries which claim</h3>\n");
    rc_buf_printf(&p->b, "<table class=\"matrix\" id=\"matrix-%zu\">\n<thead><tr><th>claim</th>", gi);
    for (size_t k = 0; k < no; k++) {
        raw(p, "<th class=\"outlet\" data-outlet=\"");
        esc(p, outs[k]);
        raw(p, "\">");
        esc(p, outs[k]);
        raw(p, "</th>");
    }
    raw(p, "</tr></thead>\n<tbody>\n");
    size_t n = g->claims.n < RC_RENDER_MAX_ITEMS ? g->claims.n : RC_RENDER_MAX_ITEMS;
    for (size_t i = 0; i < n; i++) {
        const json_t *c = json_array_get(v->claims, g->claims.v[i]);
        const char *st = rc_jstr(c, "status");
        raw(p, "<tr data-claim=\"");
        esc(p, rc_jstr(c, "id"));
        raw(p, "\" class=\"st-");
        esc(p, st ? st : "unknown");
        raw(p, "\"><th scope=\"row\"><span class=\"status\">");
        esc(p, st ? st : "claim");
        raw(p, "</span>");
        if (rc_jstr(c, "about")) {
            raw(p, "<em>[");
            esc(p, rc_jstr(c, "about"));
            raw(p, "]</em> ");
        }
        const char *ctext = rc_rview_claim_text(g, c);
        esc(p, ctext ? ctext : rc_jstr(c, "id"));
        long long io = rc_jint(c, "independent_origins", -1);
        raw(p, "<br><small>");
        if (io >= 0)
            rc_buf_printf(&p->b, "%lld independent origin%s", io, io == 1 ? "" : "s");
        size_t k;
        const json_t *x;
        json_array_foreach(rc_jarr(c, "origins"), k, x) {
            if (k >= 8)
                break;
            raw(p, k ? ", " : io >= 0 ? ": " : "origins: ");
            esc(p, json_is_string(x) ? json_string_value(x) : rc_jstr(x, "name"));
        }
        /* the sentences it rests on */
        json_array_foreach(rc_jarr(c, "support"), k, x) {
            if (k >= 12)
                break;
            char label[32];
            snprintf(label, sizeof label, "[%zu]", k + 1);
            raw(p, " ");
            sentence_link(p, rc_jstr(x, "document"), rc_jint(x, "start", 0), label);
        }
        /* notes explain a contest; elsewhere they repeat the cells */
        int explain = st && (strcmp(st, "contested") == 0 || strcmp(st, "conflicting") == 0);
        json_array_foreach(rc_jarr(c, "notes"), k, x)
            if (explain && k < 6 && json_is_string(x)) {
                raw(p, "<br>note: ");
                esc(p, json_string_value(x));
            }
        raw(p, "</small></th>");
        for (size_t o = 0; o < no; o++)
            matrix_cell(p, c, outs[o]);
        raw(p, "</tr>\n");
        drain(p, 0);
    }
    if (!g->claims.n)
        rc_buf_printf(&p->b, "<tr class=\"empty\"><td colspan=\"%zu\">No claims were aligned across these articles.</td></tr>\n",
                      no + 1);
    else if (n < g->claims.n)
        rc_buf_printf(&p->b, "<tr class=\"more\"><td colspan=\"%zu\">… and %zu more claims</td></tr>\n", no + 1,
                      g->claims.n - n);
    raw(p, "</tbody>\n</table>\n");
}

/* One evidence item as a blockquote: the outlet, then the words linked to
 * their sentence. */
static void evidence_quote(page *p, const json_t *ev)
{
    raw(p, "<blockquote><cite>");
    outlet_of(p, rc_jstr(ev, "document"));
    raw(p, "</cite>");
    sentence_link(p, rc_jstr(ev, "document"), rc_jint(ev, "start", 0),
                  rc_jstr(ev, "text") ? rc_jstr(ev, "text") : "(see the article)");
    raw(p, "</blockquote>");
}

/* The discrepancies of group g; quote drift first, as "Quotes compared",
 * each with its evidence side by side. */
static void discrepancies(page *p, const rc_rview_group *g)
{
    for (int pass = 0; pass < 2; pass++) {
        size_t shown = 0;
        for (size_t i = 0; i < g->discs.n && shown < RC_RENDER_MAX_ITEMS; i++) {
            const json_t *x = json_array_get(p->v->discrepancies, g->discs.v[i]);
            const char *kind = rc_jstr(x, "kind");
            int drift = kind && strstr(kind, "quote");
            if (drift != !pass)
                continue;
            if (!shown++)
                raw(p, pass ? "<h3>Conflicts and discrepancies</h3>\n<ul class=\"discrepancies\">\n"
                            : "<h3>Quotes compared</h3>\n<ul class=\"discrepancies drift\">\n");
            raw(p, "<li><strong>");
            esc(p, kind ? kind : "discrepancy");
            raw(p, "</strong>: ");
            esc(p, rc_jstr(x, "description"));
            const json_t *ev = json_object_get(x, "evidence");
            size_t k;
            const json_t *e;
            if (json_is_string(ev)) {
                raw(p, " — “");
                esc(p, json_string_value(ev));
                raw(p, "”");
            }
            json_array_foreach(rc_jarr(x, "documents"), k, e) {
                if (k >= 8)
                    break;
                raw(p, k ? ", " : " <small>(");
                long d = rc_rview_doc(p->v, json_string_value(e));
                if (d >= 0)
                    rc_buf_printf(&p->b, "<a href=\"#doc-%ld\">", d);
                esc(p, json_string_value(e));
                raw(p, d >= 0 ? "</a>" : "");
            }
            raw(p, json_array_size(rc_jarr(x, "documents")) ? ")</small>" : "");
            if (json_is_array(ev) && json_array_size(ev)) {
                raw(p, "<div class=\"pair\">");
                json_array_foreach(ev, k, e) {
                    if (k >= 8)
                        break;
                    evidence_quote(p, e);
                }
                raw(p, "</div>");
            }
            json_array_foreach(rc_jarr(x, "notes"), k, e)
                if (k < 6 && json_is_string(e)) {
                    raw(p, "<br><small>note: ");
                    esc(p, json_string_value(e));
                    raw(p, "</small>");
                }
            raw(p, "</li>\n");
            drain(p, 0);
        }
        if (shown)
            raw(p, "</ul>\n");
    }
}

/* The event's timeline, each item linked to its evidence. */
static void timeline(page *p, const rc_rview_group *g)
{
    const json_t *tl = g->event ? rc_jarr(g->event, "timeline") : NULL;
    if (!tl || !json_array_size(tl))
        return;
    raw(p, "<h3>Timeline</h3>\n<ol class=\"timeline\">\n");
    size_t k;
    const json_t *x;
    json_array_foreach(tl, k, x) {
        if (k >= RC_RENDER_MAX_ITEMS)
            break;
        raw(p, "<li><time>");
        esc(p, rc_jstr(x, "date") ? rc_jstr(x, "date") : "undated");
        raw(p, "</time> ");
        const char *kind = rc_jstr(x, "kind");
        if (kind && strcmp(kind, "event") == 0)
            raw(p, "<strong>the event</strong>");
        else if (kind && strcmp(kind, "published") == 0)
            raw(p, rc_jstr(x, "text") ? "<small>published:</small> " : "<small>published</small>");
        esc(p, rc_jstr(x, "text"));
        size_t i;
        const json_t *e;
        json_array_foreach(rc_jarr(x, "evidence"), i, e) {
            if (i >= 6)
                break;
            raw(p, " ");
            const char *id = rc_jstr(e, "document");
            long d = rc_rview_doc(p->v, id);
            sentence_link(p, id, rc_jint(e, "start", 0), d >= 0 ? rc_rview_outlet(p->v, (size_t)d) : "?");
        }
        if (!json_array_size(rc_jarr(x, "evidence")))
            json_array_foreach(rc_jarr(x, "documents"), i, e) {
                if (i >= 6)
                    break;
                raw(p, i ? ", " : " <small>(");
                outlet_of(p, json_string_value(e));
            }
        raw(p, json_array_size(rc_jarr(x, "evidence")) || !json_array_size(rc_jarr(x, "documents")) ? "" : ")</small>");
        raw(p, "</li>\n");
    }
    raw(p, "</ol>\n");
}

/* The framing terms of each article of g (z-score and count as a tooltip
 * and a small note) and its omissions. */
static void framing(page *p, const rc_rview_group *g)
{
    if (!g->framing.n || g->docs.n < 2)   /* one article: nothing to compare it with */
        return;
    raw(p, "<h3>Framing: words that set each article apart</h3>\n<ul class=\"framing\">\n");
    for (size_t i = 0; i < g->framing.n && i < RC_RENDER_MAX_ITEMS; i++) {
        const json_t *f = json_array_get(p->v->framing, g->framing.v[i]);
        raw(p, "<li><strong>");
        if (rc_jstr(f, "outlet"))
            esc(p, rc_jstr(f, "outlet"));
        else
            outlet_of(p, rc_jstr(f, "document"));
        raw(p, "</strong>: ");
        const json_t *scores = rc_jarr(f, "scores");
        size_t k;
        const json_t *x;
        if (json_array_size(scores)) {
            json_array_foreach(scores, k, x) {
                if (k >= RC_RENDER_MAX_TERMS)
                    break;
                raw(p, "<span class=\"term\">");
                esc(p, rc_jstr(x, "term"));
                const json_t *z = json_object_get(x, "z");
                if (json_is_number(z))
                    rc_buf_printf(&p->b, " <small>z %.1f</small>", json_number_value(z));
                if (rc_jint(x, "count", -1) >= 0)
                    rc_buf_printf(&p->b, " <small>×%lld</small>", rc_jint(x, "count", 0));
                raw(p, "</span>");
            }
        } else {
            json_array_foreach(rc_jarr(f, "terms"), k, x) {
                if (k >= RC_RENDER_MAX_TERMS)
                    break;
                raw(p, "<span class=\"term\">");
                esc(p, json_is_string(x) ? json_string_value(x) : rc_jstr(x, "term"));
                raw(p, "</span>");
            }
        }
        const json_t *om = rc_jarr(f, "omissions");
        json_array_foreach(om, k, x) {
            if (k >= RC_RENDER_MAX_TERMS)
                break;
            raw(p, k ? ", " : "<br><small>leaves out: ");
            esc(p, rc_render_omission(x));
        }
        raw(p, json_array_size(om) ? "</small></li>\n" : "</li>\n");
    }
    raw(p, "</ul>\n");
}

/* Article i: title, metadata, and its text with one span per sentence
 * (id doc-i-s-M); text past the caps is left out and said so. *budget is
 * what remains of RC_RENDER_MAX_HTML_TEXT. */
static void article(page *p, size_t i, size_t *budget)
{
    const json_t *d = json_array_get(p->v->documents, i);
    rc_buf_printf(&p->b, "<article class=\"doc\" id=\"doc-%zu\" data-id=\"", i);
    esc(p, rc_jstr(d, "id"));
    raw(p, "\">\n<h3>");
    esc(p, rc_jstr(d, "title") ? rc_jstr(d, "title") : rc_jstr(d, "id"));
    raw(p, "</h3>\n<p class=\"meta\">");
    static const char *const keys[] = {"outlet", "lang", "published", "author", "id", "url"};
    for (size_t k = 0, n = 0; k < sizeof keys / sizeof *keys; k++)
        if (rc_jstr(d, keys[k])) {
            raw(p, n++ ? " · " : "");
            esc(p, rc_jstr(d, keys[k]));
        }
    size_t c;
    const json_t *x;
    json_array_foreach(rc_jarr(d, "credits"), c, x) {
        raw(p, c ? ", " : " · credits: ");
        esc(p, json_string_value(x));
    }
    raw(p, "</p>\n<div class=\"text\">");
    const char *text = rc_jstr(d, "text");
    size_t len = text ? json_string_length(json_object_get(d, "text")) : 0;
    size_t cap = len;
    if (cap > RC_RENDER_MAX_DOC_TEXT)
        cap = RC_RENDER_MAX_DOC_TEXT;
    if (cap > *budget || i >= RC_RENDER_MAX_DOCS_TEXT)
        cap = i >= RC_RENDER_MAX_DOCS_TEXT ? 0 : *budget;
    *budget -= cap;
    size_t pos = 0, m;
    json_array_foreach(rc_jarr(d, "sentences"), m, x) {
        long long s = json_integer_value(json_array_get(x, 0)), e = json_integer_value(json_array_get(x, 1));
        if (s < (long long)pos || e <= s || (size_t)e > cap)
            continue;
        rc_render_html(&p->b, text + pos, (size_t)s - pos, 0);
        rc_buf_printf(&p->b, "<span class=\"s\" id=\"doc-%zu-s-%zu\">", i, m);
        rc_render_html(&p->b, text + s, (size_t)(e - s), 0);
        raw(p, "</span>");
        pos = (size_t)e;
        drain(p, 0);
    }
    if (pos < cap) {
        /* the rest, cut back to a UTF-8 boundary */
        size_t end = cap;
        while (end > pos && end < len && ((unsigned char)text[end] & 0xC0) == 0x80)
            end--;
        rc_render_html(&p->b, text + pos, end - pos, 0);
    }
    raw(p, "</div>\n");
    if (cap < len)
        rc_buf_printf(&p->b, "<p class=\"meta\">(text cut at %zu of %zu bytes)</p>\n", cap, len);
    raw(p, "</article>\n");
    drain(p, 0);
}

/* Write the HTML page; see report.h. */
int rc_report_html(FILE *out, const json_t *t)
{
    rc_rview v;
    rc_rview_init(&v, t);
    page p = {out, {0}, 0, &v};
    rc_buf_init(&p.b, 0);
    head(&p);
    for (size_t g = 0; g < v.ngroups; g++) {
        const rc_rview_group *gr = &v.groups[g];
        group_head(&p, g, gr);
        matrix(&p, g, gr);
        timeline(&p, gr);
        discrepancies(&p, gr);
        framing(&p, gr);
        raw(&p, "</section>\n");
        drain(&p, 0);
    }
    raw(&p, "<section id=\"articles\">\n<h2>Articles</h2>\n");
    size_t budget = RC_RENDER_MAX_HTML_TEXT;
    for (size_t i = 0; i < v.ndocs; i++)
        article(&p, i, &budget);
    raw(&p, "</section>\n</main>\n</body>\n</html>\n");
    drain(&p, 1);
    rc_buf_cleanup(&p.b);
    rc_rview_cleanup(&v);
    if (fflush(out) != 0 || ferror(out))
        p.bad = 1;
    return p.bad ? RC_IO : RC_OK;
}
