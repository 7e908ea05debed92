/*
 * terminal.c - the human report on a terminal; see report.h.
 *
 * Reads only the report tree (render.h view), wraps every paragraph at the
 * width (80 columns), draws conflicting evidence in two columns, and uses
 * ANSI colours only when asked. Article text passes through
 * rc_render_term_clean, so no control sequence from an article reaches the
 * terminal. Every section shows at most RC_RENDER_MAX_ITEMS entries.
 */
#include "report/render.h"
#include "report/report.h"
#include "util/mem.h"
#include "util/rc.h"
#include <stdlib.h>
#include <string.h>

typedef struct term {
    rc_buf out;       /* the whole report */
    rc_buf tmp;       /* one paragraph being composed */
    int color;
    size_t width;
    const rc_rview *v;
} term;

/* Start colour code (an SGR parameter such as "1" or "32") when colours
 * are on. */
static void on(term *t, rc_buf *b, const char *code)
{
    if (t->color)
        rc_buf_printf(b, "\033[%sm", code);
}

/* End the colour started by on(). */
static void off(term *t, rc_buf *b)
{
    if (t->color)
        rc_buf_puts(b, "\033[0m");
}

/* Append article-derived s to b, cleaned for the terminal and capped. */
static void text(rc_buf *b, const char *s)
{
    if (s)
        rc_render_term_clean(b, s, strlen(s), RC_RENDER_MAX_TEXT);
}

/* Write the paragraph in t->tmp wrapped: the first line starts with
 * indent spaces and lead (of display width lead_w), the following lines
 * are indented by indent + lead_w. Empties t->tmp. */
static void flush_para(term *t, size_t indent, const char *lead, size_t lead_w)
{
    for (size_t i = 0; i < indent; i++)
        rc_buf_putc(&t->out, ' ');
    if (lead)
        rc_buf_puts(&t->out, lead);
    rc_render_wrap(&t->out, rc_buf_str(&t->tmp), indent + lead_w, indent + lead_w, t->width);
    rc_buf_reset(&t->tmp);
}

/* A section heading inside an event. */
static void heading(term *t, const char *title, size_t n)
{
    rc_buf_putc(&t->out, '\n');
    rc_buf_puts(&t->out, "  ");
    on(t, &t->out, "1");
    rc_buf_puts(&t->out, title);
    off(t, &t->out);
    if (n)
        rc_buf_printf(&t->out, " (%zu)", n);
    rc_buf_putc(&t->out, '\n');
}

/* Append "… and N more" when a list was cut at the cap. */
static void more(term *t, size_t shown, size_t n)
{
    if (n > shown)
        rc_buf_printf(&t->out, "    … and %zu more\n", n - shown);
}

/* Append s to b once when it is not already one of the n strings in seen
 * (seen grows; n capped at cap). Returns 1 when added. */
static int add_distinct(const char **seen, size_t *n, size_t cap, const char *s)
{
    if (!s || !*s)
        return 0;
    for (size_t i = 0; i < *n; i++)
        if (strcmp(seen[i], s) == 0)
            return 0;
    if (*n >= cap)
        return 0;
    seen[(*n)++] = s;
    return 1;
}

/* One line naming the copies inside the group (documents[].copies with
 * direction copied_from): "copies: A of B (credit), ..."; nothing when
 * none. At most 8 named. */
static void copies_line(term *t, const rc_rview_group *g)
{
    const rc_rview *v = t->v;
    size_t shown = 0, total = 0;
    for (size_t i = 0; i < g->docs.n; i++) {
        const json_t *d = json_array_get(v->documents, g->docs.v[i]);
        size_t k;
        const json_t *c;
        json_array_foreach(rc_jarr(d, "copies"), k, c) {
            const char *dir = rc_jstr(c, "direction");
            if (!dir || strcmp(dir, "copied_from") != 0)
                continue;
            total++;
            if (shown >= 8)
                continue;
            long src = rc_rview_doc(v, rc_jstr(c, "document"));
            rc_buf_puts(&t->tmp, shown++ ? ", " : "copies: ");
            text(&t->tmp, rc_rview_outlet(v, g->docs.v[i]));
            rc_buf_puts(&t->tmp, " of ");
            text(&t->tmp, src >= 0 ? rc_rview_outlet(v, (size_t)src) : rc_jstr(c, "document"));
            const json_t *share = json_object_get(c, "share");
            if (json_is_number(share))
                rc_buf_printf(&t->tmp, " (%.0f%%", 100.0 * json_number_value(share));
            if (rc_jstr(c, "basis")) {
                rc_buf_puts(&t->tmp, json_is_number(share) ? ", " : " (");
                text(&t->tmp, rc_jstr(c, "basis"));
            }
            rc_buf_puts(&t->tmp, json_is_number(share) || rc_jstr(c, "basis") ? ")" : "");
        }
    }
    if (total > shown)
        rc_buf_printf(&t->tmp, " and %zu more", total - shown);
    if (total)
        flush_para(t, 0, NULL, 0);
}

/* The event header: title line, label, articles, outlets, languages and
 * the span of publication dates. */
static void header(term *t, const rc_rview_group *g)
{
    const rc_rview *v = t->v;
    rc_buf *o = &t->out;
    rc_buf_putc(o, '\n');
    on(t, o, "1;36");
    if (g->event) {
        rc_buf_puts(o, "== Event ");
        text(o, rc_jstr(g->event, "id"));
        const char *date = rc_jstr(g->event, "date");
        rc_buf_puts(o, " · ");
        if (date)
            text(o, date);
        else
            rc_buf_puts(o, "undated");
    } else {
        rc_buf_puts(o, "== ");
        rc_buf_puts(o, g->title);
    }
    rc_buf_puts(o, " ==");
    off(t, o);
    rc_buf_putc(o, '\n');
    if (g->event && rc_jstr(g->event, "label")) {
        const char *label = rc_jstr(g->event, "label");
        int cut;
        size_t n = rc_render_cut_words(label, RC_RENDER_MAX_LABEL, &cut);
        on(t, &t->tmp, "1");
        rc_render_term_clean(&t->tmp, label, n, RC_RENDER_MAX_TEXT);
        rc_buf_puts(&t->tmp, cut ? "…" : "");
        off(t, &t->tmp);
        flush_para(t, 0, NULL, 0);
    }
    const char *outlets[RC_RENDER_MAX_OUTLETS], *langs[32];
    size_t no = 0, nl = 0;
    const char *lo = NULL, *hi = NULL;
    for (size_t i = 0; i < g->docs.n; i++) {
        const json_t *d = json_array_get(v->documents, g->docs.v[i]);
        add_distinct(outlets, &no, RC_RENDER_MAX_OUTLETS, rc_rview_outlet(v, g->docs.v[i]));
        add_distinct(langs, &nl, 32, rc_jstr(d, "lang"));
        const char *p = rc_jstr(d, "published");
        if (p && (!lo || strcmp(p, lo) < 0))
            lo = p;
        if (p && (!hi || strcmp(p, hi) > 0))
            hi = p;
    }
    rc_buf_printf(&t->tmp, "%zu article%s · outlets: ", g->docs.n, g->docs.n == 1 ? "" : "s");
    for (size_t i = 0; i < no; i++) {
        rc_buf_puts(&t->tmp, i ? ", " : "");
        text(&t->tmp, outlets[i]);
    }
    rc_buf_puts(&t->tmp, no ? "" : "none");
    rc_buf_puts(&t->tmp, " · languages: ");
    for (size_t i = 0; i < nl; i++) {
        rc_buf_puts(&t->tmp, i ? ", " : "");
        text(&t->tmp, langs[i]);
    }
    rc_buf_puts(&t->tmp, nl ? "" : "unknown");
    if (lo) {
        rc_buf_puts(&t->tmp, " · published ");
        text(&t->tmp, lo);
        if (strcmp(lo, hi) != 0) {
            rc_buf_puts(&t->tmp, " to ");
            text(&t->tmp, hi);
        }
    }
    flush_para(t, 0, NULL, 0);
    copies_line(t, g);
}

/* The articles of the group, one paragraph each: id, outlet, language,
 * date, title. */
static void articles(term *t, const rc_rview_group *g)
{
    heading(t, "Articles", g->docs.n);
    size_t n = g->docs.n < RC_RENDER_MAX_ITEMS ? g->docs.n : RC_RENDER_MAX_ITEMS;
    for (size_t i = 0; i < n; i++) {
        const json_t *d = json_array_get(t->v->documents, g->docs.v[i]);
        on(t, &t->tmp, "2");
        text(&t->tmp, rc_jstr(d, "id"));
        off(t, &t->tmp);
        if (rc_jstr(d, "outlet")) {
            rc_buf_puts(&t->tmp, " ");
            text(&t->tmp, rc_jstr(d, "outlet"));
        }
        rc_buf_puts(&t->tmp, " (");
        text(&t->tmp, rc_jstr(d, "lang") ? rc_jstr(d, "lang") : "?");
        rc_buf_puts(&t->tmp, ", ");
        text(&t->tmp, rc_jstr(d, "published") ? rc_jstr(d, "published") : "undated");
        rc_buf_puts(&t->tmp, ")");
        if (rc_jstr(d, "title")) {
            rc_buf_puts(&t->tmp, ": ");
            text(&t->tmp, rc_jstr(d, "title"));
        }
        flush_para(t, 4, "- ", 2);
    }
    more(t, n, g->docs.n);
}

/* qsort order of size_t. */
static int by_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

/* 1 when documents[] index d is in sorted[0..n). */
static int in_sorted(const size_t *sorted, size_t n, size_t d)
{
    return bsearch(&d, sorted, n, sizeof d, by_size) != NULL;
}

/* One supporting article of a claim: its chain (outlet → agency →
 * origin), stance, relay or copy, and the sentence unless brief. */
static void support_line(term *t, const json_t *x, int brief)
{
    long d = rc_rview_doc(t->v, rc_jstr(x, "document"));
    const char *outlet = d >= 0 ? rc_rview_outlet(t->v, (size_t)d) : rc_jstr(x, "document");
    const char *chain = rc_jstr(x, "chain");
    text(&t->tmp, chain && *chain ? chain : outlet);
    if (!chain && rc_jstr(x, "origin") && (!outlet || strcmp(rc_jstr(x, "origin"), outlet) != 0)) {
        rc_buf_puts(&t->tmp, " → ");
        text(&t->tmp, rc_jstr(x, "origin"));
    }
    on(t, &t->tmp, "2");
    if (rc_jstr(x, "stance")) {
        rc_buf_puts(&t->tmp, " · ");
        text(&t->tmp, rc_jstr(x, "stance"));
    }
    if (json_is_true(json_object_get(x, "relay")))
        rc_buf_puts(&t->tmp, " · relay");
    if (json_is_true(json_object_get(x, "copy")))
        rc_buf_puts(&t->tmp, " · copy");
    off(t, &t->tmp);
    if (!brief && rc_jstr(x, "text")) {
        rc_buf_puts(&t->tmp, ": “");
        text(&t->tmp, rc_jstr(x, "text"));
        rc_buf_puts(&t->tmp, "”");
    }
}

/* The claims of the group whose status is one of statuses (NULL-ended;
 * an empty list takes the claims of no known status), under title, most
 * important first (render.h), at most cap of them. Each claim: its text
 * (and what amount it is about), origins and articles, then the articles
 * of this group carrying it (chain, stance, sentence) and how many
 * articles of other events carry it too; notes only for contested and
 * conflicting claims (elsewhere they repeat the support lines). A
 * single-source claim is one paragraph: its text and its one chain. */
static void claims(term *t, const rc_rview_group *g, const char *title, const char *const *statuses,
                   const char *mark, const char *color, size_t cap)
{
    static const char *const known[] = {"corroborated", "single_origin", "single_source", "contested",
                                        "conflicting", NULL};
    size_t *pick = rc_malloc((g->claims.n ? g->claims.n : 1) * sizeof *pick), np = 0;
    for (size_t i = 0; i < g->claims.n; i++) {
        const char *st = rc_jstr(json_array_get(t->v->claims, g->claims.v[i]), "status");
        int hit = 0, any = 0;
        for (size_t k = 0; statuses[k]; k++)
            hit |= st && strcmp(st, statuses[k]) == 0;
        for (size_t k = 0; known[k]; k++)
            any |= st && strcmp(st, known[k]) == 0;
        if (hit || (!statuses[0] && !any))
            pick[np++] = g->claims.v[i];
    }
    if (!np) {
        free(pick);
        return;
    }
    heading(t, title, np);
    size_t *mine = rc_malloc((g->docs.n ? g->docs.n : 1) * sizeof *mine);
    memcpy(mine, g->docs.v, g->docs.n * sizeof *mine);
    qsort(mine, g->docs.n, sizeof *mine, by_size);
    size_t n = np < cap ? np : cap;
    for (size_t i = 0; i < n; i++) {
        const json_t *c = json_array_get(t->v->claims, pick[i]);
        const char *st = rc_jstr(c, "status");
        int single = st && strcmp(st, "single_source") == 0;
        int explain = st && (strcmp(st, "contested") == 0 || strcmp(st, "conflicting") == 0);
        rc_buf lead;
        rc_buf_init(&lead, 0);
        on(t, &lead, color);
        rc_buf_puts(&lead, mark);
        off(t, &lead);
        rc_buf_putc(&lead, ' ');
        if (rc_jstr(c, "about")) {
            on(t, &t->tmp, "1");
            rc_buf_puts(&t->tmp, "[");
            text(&t->tmp, rc_jstr(c, "about"));
            rc_buf_puts(&t->tmp, "] ");
            off(t, &t->tmp);
        }
        const char *ctext = rc_rview_claim_text(g, c);
        text(&t->tmp, ctext ? ctext : rc_jstr(c, "id"));
        if (single && json_array_size(rc_jarr(c, "support"))) {
            rc_buf_puts(&t->tmp, " — ");
            support_line(t, json_array_get(rc_jarr(c, "support"), 0), 1);
        }
        flush_para(t, 4, rc_buf_str(&lead), rc_render_width(lead.data ? lead.data : "", lead.len));
        rc_buf_cleanup(&lead);
        if (single)
            continue;
        /* origins, articles, status */
        long long io = rc_jint(c, "independent_origins", -1);
        const json_t *origins = rc_jarr(c, "origins");
        size_t ndocs = json_array_size(rc_jarr(c, "documents"));
        on(t, &t->tmp, "2");
        if (io >= 0)
            rc_buf_printf(&t->tmp, "%lld independent origin%s", io, io == 1 ? "" : "s");
        else
            rc_buf_printf(&t->tmp, "%zu origin%s", json_array_size(origins), json_array_size(origins) == 1 ? "" : "s");
        rc_buf_printf(&t->tmp, " · %zu article%s", ndocs, ndocs == 1 ? "" : "s");
        if (st) {
            rc_buf_puts(&t->tmp, " · ");
            text(&t->tmp, st);
        }
        size_t k;
        const json_t *x;
        json_array_foreach(origins, k, x) {
            if (k >= 8) {
                rc_buf_printf(&t->tmp, " and %zu more", json_array_size(origins) - 8);
                break;
            }
            rc_buf_puts(&t->tmp, k ? ", " : " · from ");
            text(&t->tmp, json_is_string(x) ? json_string_value(x) : rc_jstr(x, "name"));
        }
        off(t, &t->tmp);
        flush_para(t, 6, NULL, 0);
        /* who carries it and how: this group's articles; the others counted */
        size_t shown = 0, elsewhere = 0, hidden = 0;
        json_array_foreach(rc_jarr(c, "documents"), k, x) {
            long d = rc_rview_doc(t->v, json_string_value(x));
            elsewhere += d >= 0 && !in_sorted(mine, g->docs.n, (size_t)d);
        }
        json_array_foreach(rc_jarr(c, "support"), k, x) {
            long d = rc_rview_doc(t->v, rc_jstr(x, "document"));
            if (d >= 0 && !in_sorted(mine, g->docs.n, (size_t)d))
                continue;
            if (shown >= 12) {
                hidden++;
                continue;
            }
            shown++;
            support_line(t, x, 0);
            flush_para(t, 6, "> ", 2);
        }
        if (hidden)
            rc_buf_printf(&t->out, "        … and %zu more here\n", hidden);
        if (elsewhere) {
            on(t, &t->tmp, "2");
            rc_buf_printf(&t->tmp, "also carried by %zu article%s of other events of the story", elsewhere,
                          elsewhere == 1 ? "" : "s");
            off(t, &t->tmp);
            flush_para(t, 6, NULL, 0);
        }
        json_array_foreach(rc_jarr(c, "notes"), k, x) {
            if (!explain || k >= 6 || !json_is_string(x))
                break;
            text(&t->tmp, json_string_value(x));
            flush_para(t, 6, "note: ", 6);
        }
    }
    if (np > n)
        rc_buf_printf(&t->out, "    … and %zu more %s (--format json lists them all)\n", np - n,
                      np - n == 1 ? "claim" : "claims");
    free(mine);
    free(pick);
}

/* The outlet (or id) of the document an evidence item names, cleaned. */
static void evidence_source(term *t, rc_buf *b, const json_t *ev)
{
    long d = rc_rview_doc(t->v, rc_jstr(ev, "document"));
    text(b, d >= 0 ? rc_rview_outlet(t->v, (size_t)d) : rc_jstr(ev, "document"));
}

/* Two evidence items in two columns, each headed by its outlet. */
static void side_by_side(term *t, const json_t *a, const json_t *b)
{
    size_t colw = (t->width - 6 - 3) / 2;
    rc_buf l, r;
    rc_buf_init(&l, 0);
    rc_buf_init(&r, 0);
    const json_t *ev[2] = {a, b};
    rc_buf *side[2] = {&l, &r};
    for (int s = 0; s < 2; s++) {
        rc_buf_reset(&t->tmp);
        evidence_source(t, &t->tmp, ev[s]);
        rc_buf_puts(&t->tmp, ":");
        rc_render_lines(side[s], rc_buf_str(&t->tmp), colw);
        rc_buf_reset(&t->tmp);
        rc_buf_puts(&t->tmp, "“");
        text(&t->tmp, rc_jstr(ev[s], "text"));
        rc_buf_puts(&t->tmp, "”");
        rc_render_lines(side[s], rc_buf_str(&t->tmp), colw);
    }
    rc_buf_reset(&t->tmp);
    const char *p = rc_buf_str(&l), *q = rc_buf_str(&r);
    while (*p || *q) {
        const char *pe = *p ? strchr(p, '\n') : p, *qe = *q ? strchr(q, '\n') : q;
        rc_buf_puts(&t->out, "      ");
        rc_buf_append(&t->out, p, (size_t)(pe - p));
        size_t w = rc_render_width(p, (size_t)(pe - p));
        if (*q) {
            for (; w < colw; w++)
                rc_buf_putc(&t->out, ' ');
            rc_buf_puts(&t->out, " | ");
            rc_buf_append(&t->out, q, (size_t)(qe - q));
        }
        /* no trailing spaces on a line without a right column */
        while (t->out.len && t->out.data[t->out.len - 1] == ' ')
            t->out.data[--t->out.len] = '\0';
        rc_buf_putc(&t->out, '\n');
        p = *p ? pe + 1 : p;
        q = *q ? qe + 1 : q;
    }
    rc_buf_cleanup(&l);
    rc_buf_cleanup(&r);
}

/* The discrepancies of the group: kind and description, then the evidence,
 * two items side by side (conflicting numbers, drifting quotes). */
static void discrepancies(term *t, const rc_rview_group *g)
{
    if (!g->discs.n)
        return;
    heading(t, "Conflicts and drift", g->discs.n);
    size_t n = g->discs.n < RC_RENDER_MAX_ITEMS ? g->discs.n : RC_RENDER_MAX_ITEMS;
    for (size_t i = 0; i < n; i++) {
        const json_t *x = json_array_get(t->v->discrepancies, g->discs.v[i]);
        on(t, &t->tmp, "33");
        text(&t->tmp, rc_jstr(x, "kind") ? rc_jstr(x, "kind") : "discrepancy");
        off(t, &t->tmp);
        rc_buf_puts(&t->tmp, ": ");
        text(&t->tmp, rc_jstr(x, "description"));
        size_t k;
        const json_t *d;
        json_array_foreach(rc_jarr(x, "documents"), k, d) {
            if (k >= 8)
                break;
            rc_buf_puts(&t->tmp, k ? ", " : " (");
            text(&t->tmp, json_string_value(d));
        }
        rc_buf_puts(&t->tmp, json_array_size(rc_jarr(x, "documents")) ? ")" : "");
        rc_buf lead;
        rc_buf_init(&lead, 0);
        on(t, &lead, "31");
        rc_buf_puts(&lead, "!");
        off(t, &lead);
        rc_buf_putc(&lead, ' ');
        flush_para(t, 4, rc_buf_str(&lead), 2);
        rc_buf_cleanup(&lead);
        const json_t *ev = json_object_get(x, "evidence");
        if (json_is_string(ev)) {
            rc_buf_puts(&t->tmp, "“");
            text(&t->tmp, json_string_value(ev));
            rc_buf_puts(&t->tmp, "”");
            flush_para(t, 6, NULL, 0);
        } else if (json_is_array(ev)) {
            size_t m = json_array_size(ev) < 8 ? json_array_size(ev) : 8;
            for (k = 0; k + 1 < m; k += 2)
                side_by_side(t, json_array_get(ev, k), json_array_get(ev, k + 1));
            if (k < m) {
                evidence_source(t, &t->tmp, json_array_get(ev, k));
                rc_buf_puts(&t->tmp, ": “");
                text(&t->tmp, rc_jstr(json_array_get(ev, k), "text"));
                rc_buf_puts(&t->tmp, "”");
                flush_para(t, 6, NULL, 0);
            }
        }
        json_array_foreach(rc_jarr(x, "notes"), k, d) {
            if (k >= 6 || !json_is_string(d))
                break;
            text(&t->tmp, json_string_value(d));
            flush_para(t, 6, "note: ", 6);
        }
    }
    more(t, n, g->discs.n);
}

/* The event's timeline: date, what happened, and who says so. */
static void timeline(term *t, const rc_rview_group *g)
{
    const json_t *tl = g->event ? rc_jarr(g->event, "timeline") : NULL;
    if (!tl || !json_array_size(tl))
        return;
    heading(t, "Timeline", 0);
    size_t k;
    const json_t *x;
    json_array_foreach(tl, k, x) {
        if (k >= RC_RENDER_MAX_ITEMS)
            break;
        rc_buf lead;
        rc_buf_init(&lead, 0);
        on(t, &lead, "36");
        rc_render_term_clean(&lead, rc_jstr(x, "date") ? rc_jstr(x, "date") : "undated",
                             strlen(rc_jstr(x, "date") ? rc_jstr(x, "date") : "undated"), 24);
        off(t, &lead);
        size_t w = rc_render_width(lead.data ? lead.data : "", lead.len);
        for (; w < 12; w++)
            rc_buf_putc(&lead, ' ');
        rc_buf_putc(&lead, ' ');
        /* a dated sentence as is; the event's own date and publications named */
        const char *kind = rc_jstr(x, "kind");
        if (kind && strcmp(kind, "event") == 0) {
            on(t, &t->tmp, "1");
            rc_buf_puts(&t->tmp, "the event");
            off(t, &t->tmp);
        } else if (kind && strcmp(kind, "published") == 0) {
            on(t, &t->tmp, "2");
            rc_buf_puts(&t->tmp, rc_jstr(x, "text") ? "published: " : "published");
            off(t, &t->tmp);
        }
        text(&t->tmp, rc_jstr(x, "text"));
        size_t i;
        const json_t *d;
        json_array_foreach(rc_jarr(x, "documents"), i, d) {
            if (i >= 6)
                break;
            long di = rc_rview_doc(t->v, json_string_value(d));
            rc_buf_puts(&t->tmp, i ? ", " : " (");
            text(&t->tmp, di >= 0 ? rc_rview_outlet(t->v, (size_t)di) : json_string_value(d));
        }
        rc_buf_puts(&t->tmp, json_array_size(rc_jarr(x, "documents")) ? ")" : "");
        flush_para(t, 4, rc_buf_str(&lead), 13);
        rc_buf_cleanup(&lead);
    }
    more(t, k < RC_RENDER_MAX_ITEMS ? k : RC_RENDER_MAX_ITEMS, json_array_size(tl));
}

/* The framing terms of each article of the group (with their z-scores and
 * counts when given) and what it leaves out. */
static void framing(term *t, const rc_rview_group *g)
{
    if (!g->framing.n || g->docs.n < 2)   /* one article: nothing to compare it with */
        return;
    heading(t, "Framing", 0);
    size_t n = g->framing.n < RC_RENDER_MAX_ITEMS ? g->framing.n : RC_RENDER_MAX_ITEMS;
    for (size_t i = 0; i < n; i++) {
        const json_t *f = json_array_get(t->v->framing, g->framing.v[i]);
        long d = rc_rview_doc(t->v, rc_jstr(f, "document"));
        on(t, &t->tmp, "1");
        text(&t->tmp, rc_jstr(f, "outlet") ? rc_jstr(f, "outlet")
                      : d >= 0 ? rc_rview_outlet(t->v, (size_t)d) : rc_jstr(f, "document"));
        off(t, &t->tmp);
        rc_buf_puts(&t->tmp, ": ");
        const json_t *scores = rc_jarr(f, "scores");
        size_t k;
        const json_t *x;
        if (json_array_size(scores)) {
            json_array_foreach(scores, k, x) {
                if (k >= RC_RENDER_MAX_TERMS)
                    break;
                rc_buf_puts(&t->tmp, k ? ", " : "");
                text(&t->tmp, rc_jstr(x, "term"));
                const json_t *z = json_object_get(x, "z");
                if (json_is_number(z))
                    rc_buf_printf(&t->tmp, " (z %.1f", json_number_value(z));
                if (rc_jint(x, "count", -1) >= 0)
                    rc_buf_printf(&t->tmp, "%s×%lld", json_is_number(z) ? ", " : " (", rc_jint(x, "count", 0));
                if (json_is_number(z) || rc_jint(x, "count", -1) >= 0)
                    rc_buf_puts(&t->tmp, ")");
            }
        } else {
            json_array_foreach(rc_jarr(f, "terms"), k, x) {
                if (k >= RC_RENDER_MAX_TERMS)
                    break;
                rc_buf_puts(&t->tmp, k ? ", " : "");
                text(&t->tmp, json_string_value(x));
            }
        }
        flush_para(t, 4, "- ", 2);
        const json_t *om = rc_jarr(f, "omissions");
        json_array_foreach(om, k, x) {
            if (k >= RC_RENDER_MAX_TERMS)
                break;
            rc_buf_puts(&t->tmp, k ? ", " : "");
            text(&t->tmp, rc_render_omission(x));
        }
        if (json_array_size(om))
            flush_para(t, 6, "leaves out: ", 12);
    }
    more(t, n, g->framing.n);
}

/* The quotes of the group with their speakers and relays (at most 12). */
static void quotes(term *t, const rc_rview_group *g)
{
    if (!g->quotes.n)
        return;
    heading(t, "Quotes", g->quotes.n);
    size_t n = g->quotes.n < 12 ? g->quotes.n : 12;
    for (size_t i = 0; i < n; i++) {
        const json_t *q = json_array_get(t->v->quotes, g->quotes.v[i]);
        const char *who = rc_rview_speaker(t->v, q);
        text(&t->tmp, who ? who : "unknown speaker");
        size_t k;
        const json_t *x;
        json_array_foreach(rc_jarr(q, "via"), k, x) {
            rc_buf_puts(&t->tmp, k ? ", " : " (via ");
            text(&t->tmp, json_string_value(x));
        }
        rc_buf_puts(&t->tmp, json_array_size(rc_jarr(q, "via")) ? "): “" : ": “");
        text(&t->tmp, rc_jstr(q, "text"));
        rc_buf_puts(&t->tmp, "” — ");
        long d = rc_rview_doc(t->v, rc_jstr(q, "document"));
        text(&t->tmp, d >= 0 ? rc_rview_outlet(t->v, (size_t)d) : rc_jstr(q, "document"));
        flush_para(t, 4, "- ", 2);
    }
    more(t, n, g->quotes.n);
}

/* The header line and (body) the per-event sections of tree into out;
 * see report.h. */
static int terminal_write(FILE *out, const json_t *tree, const rc_term_opts *o, int head, int body,
                          size_t ndocs, size_t nevents, size_t nclaims)
{
    rc_rview v;
    rc_rview_init(&v, tree);
    term t = {.color = o && o->color, .width = o && o->width ? o->width : 80, .v = &v};
    if (t.width < 40)
        t.width = 40;
    rc_buf_init(&t.out, 0);
    rc_buf_init(&t.tmp, 0);
    if (head) {
        on(&t, &t.out, "1");
        rc_buf_printf(&t.out, "recoupe report: %zu article%s, %zu event%s, %zu claim%s\n", ndocs,
                      ndocs == 1 ? "" : "s", nevents, nevents == 1 ? "" : "s", nclaims,
                      nclaims == 1 ? "" : "s");
        off(&t, &t.out);
    }
    static const char *const est[] = {"corroborated", NULL}, *const one[] = {"single_origin", NULL},
                             *const single[] = {"single_source", NULL},
                             *const conf[] = {"contested", "conflicting", NULL}, *const other[] = {NULL};
    for (size_t gi = 0; body && gi < v.ngroups; gi++) {
        const rc_rview_group *g = &v.groups[gi];
        header(&t, g);
        articles(&t, g);
        claims(&t, g, "Contested or conflicting", conf, "!", "31", RC_RENDER_MAX_ITEMS);
        claims(&t, g, "Established (independent origins)", est, "+", "32", RC_RENDER_MAX_ITEMS);
        claims(&t, g, "One origin, relayed", one, "~", "33", RC_RENDER_MAX_ITEMS);
        claims(&t, g, "Single source", single, "-", "2", RC_RENDER_MAX_SINGLE);
        claims(&t, g, "Other claims", other, "*", "0", RC_RENDER_MAX_ITEMS);
        discrepancies(&t, g);
        timeline(&t, g);
        framing(&t, g);
        quotes(&t, g);
        if (t.out.len > (64u << 20))
            break;
    }
    size_t n = fwrite(t.out.data ? t.out.data : "", 1, t.out.len, out);
    int bad = n != t.out.len;
    rc_buf_cleanup(&t.out);
    rc_buf_cleanup(&t.tmp);
    rc_rview_cleanup(&v);
    if (fflush(out) != 0 || ferror(out))
        bad = 1;
    return bad ? RC_IO : RC_OK;
}

/* Write the whole terminal report; see report.h. */
int rc_report_terminal(FILE *out, const json_t *tree, const rc_term_opts *o)
{
    rc_rview v;
    rc_rview_init(&v, tree);
    size_t nd = v.ndocs, ne = json_array_size(v.events), nc = json_array_size(v.claims);
    rc_rview_cleanup(&v);
    return terminal_write(out, tree, o, 1, 1, nd, ne, nc);
}

/* The header line alone; see report.h. */
int rc_report_terminal_head(FILE *out, size_t ndocs, size_t nevents, size_t nclaims,
                            const rc_term_opts *o)
{
    json_t *empty = json_object();
    int rc = terminal_write(out, empty, o, 1, 0, ndocs, nevents, nclaims);
    json_decref(empty);
    return rc;
}

/* The per-event sections alone; see report.h. */
int rc_report_terminal_body(FILE *out, const json_t *tree, const rc_term_opts *o)
{
    return terminal_write(out, tree, o, 0, 1, 0, 0, 0);
}
