/*
 * markdown.c - the report as Markdown, for pasting into a newsroom chat or a
 * wiki. Article text is never interpreted: table cells escape '|' and line
 * breaks, and text is quoted as plain paragraphs. The per-event sections
 * (claims, conflicts, timeline, framing) read the report tree through the
 * render.h view and escape with rc_render_md.
 */
#include "report/render.h"
#include "report/report.h"
#include "util/mem.h"
#include "util/rc.h"
#include <stdlib.h>
#include <string.h>

/* Write s as one Markdown table cell: '|' escaped, newlines and other
 * control characters (C0, DEL, C1: no terminal escape sequence) as spaces,
 * backslash and HTML-significant characters escaped; NULL as an em dash. */
static void cell(FILE *out, const char *s)
{
    if (!s || !*s) {
        fputs("—", out);
        return;
    }
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c < 0x20 || c == 0x7f || (c == 0xc2 && (unsigned char)s[1] >= 0x80 && (unsigned char)s[1] <= 0x9f)) {
            s += c == 0xc2;
            fputc(' ', out);
            continue;
        }
        switch (*s) {
        case '|': fputs("\\|", out); break;
        case '\\': fputs("\\\\", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '&': fputs("&amp;", out); break;
        default: fputc(*s, out);
        }
    }
}

/* Write the credits of d joined by ", ". */
static void credits(FILE *out, const rc_doc *d)
{
    if (!d->ncredits) {
        fputs("—", out);
        return;
    }
    for (size_t i = 0; i < d->ncredits; i++) {
        if (i)
            fputs(", ", out);
        cell(out, d->credits[i]);
    }
}

/* The entities named in at least two articles (all when fewer than ten),
 * with their type and the spellings merged into them. */
static void entities_md(FILE *out, const rc_report *r, const unsigned char *keep_ent, const size_t *ndocs_ent)
{
    size_t n = rc_entities_count(r->entities), shown = 0;
    if (!n)
        return;
    fputs("\n## Who and what is named\n\n| entity | type | articles | also written |\n"
          "|---|---|---|---|\n", out);
    for (size_t i = 0; i < n && shown < 40; i++) {
        const rc_entity *e = rc_entities_get(r->entities, i);
        size_t ed = ndocs_ent ? ndocs_ent[i] : e->ndocs;
        if ((keep_ent && !keep_ent[i]) || (ed < 2 && n >= 10))
            continue;
        fputs("| ", out);
        cell(out, e->name);
        fprintf(out, " | %s | %zu | ", rc_etype_name(e->type), ed);
        size_t w = 0;
        for (size_t v = 0; v < e->nvariants; v++) {
            if (strcmp(e->variants[v].text, e->name) == 0)
                continue;
            fputs(w++ ? ", " : "", out);
            cell(out, e->variants[v].text);
        }
        fputs(w ? " |\n" : "— |\n", out);
        shown++;
    }
}

/* Every quote with its speaker and relays, article by article. */
static void quotes_md(FILE *out, const rc_report *r, const unsigned char *keep)
{
    size_t total = 0;
    for (size_t i = 0; i < r->ndocs; i++)
        total += r->facts[i] && keep[i] ? r->facts[i]->nquotes : 0;
    if (!total)
        return;
    fputs("\n## Quotes\n\n", out);
    for (size_t i = 0; i < r->ndocs; i++) {
        const rc_facts *f = keep[i] ? r->facts[i] : NULL;
        const rc_doc *d = r->docs[i];
        for (size_t k = 0; f && k < f->nquotes; k++) {
            const rc_quote *q = &f->quotes[k];
            if (q->end <= q->start || q->end > d->text_len)
                continue;
            /* the merged entity's name when the speaker is one */
            const char *who = q->speaker ? q->speaker : "unknown speaker";
            if (r->entities && q->speaker_mention >= 0 && (size_t)q->speaker_mention < f->nmentions &&
                f->mentions[q->speaker_mention].entity >= 0)
                who = rc_entities_get(r->entities, (size_t)f->mentions[q->speaker_mention].entity)->name;
            fputs("- **", out);
            cell(out, who);
            fputs("**", out);
            for (size_t v = 0; v < q->nvia; v++) {
                fputs(v ? ", " : " (via ", out);
                cell(out, q->via[v]);
            }
            fputs(q->nvia ? "): “" : ": “", out);
            char *t = rc_strndup(d->text + q->start, q->end - q->start);
            cell(out, t);
            free(t);
            fputs("” — ", out);
            cell(out, d->id);
            fputc('\n', out);
        }
    }
}

/* For a filtered tree: which of r's entities the tree keeps (*keep_ent,
 * by their "E<n>" ids) and how many of the kept articles name each
 * (*ndocs_ent); both arrays are the caller's to free. */
static void filtered_entities(const rc_report *r, const rc_rview *v, unsigned char **keep_ent, size_t **ndocs_ent)
{
    size_t n = rc_entities_count(r->entities);
    *keep_ent = rc_calloc(n ? n : 1, 1);
    *ndocs_ent = rc_calloc(n ? n : 1, sizeof **ndocs_ent);
    size_t i;
    const json_t *e;
    json_array_foreach(v->entities, i, e) {
        const char *id = rc_jstr(e, "id");
        char *end = NULL;
        long k = id && id[0] == 'E' ? strtol(id + 1, &end, 10) : 0;
        if (k <= 0 || (size_t)k > n || !end || *end)
            continue;
        (*keep_ent)[k - 1] = 1;
        /* distinct documents among the mentions (grouped by document) */
        const char *last = NULL;
        size_t m;
        const json_t *x;
        json_array_foreach(rc_jarr(e, "mentions"), m, x) {
            const char *d = rc_jstr(x, "document");
            if (d && (!last || strcmp(d, last) != 0))
                (*ndocs_ent)[k - 1]++;
            last = d;
        }
    }
}

/* Write article-derived s as inline Markdown (escaped, capped). */
static void md(FILE *out, const char *s)
{
    if (!s)
        return;
    rc_buf b;
    rc_buf_init(&b, 0);
    rc_render_md(&b, s, strlen(s), RC_RENDER_MAX_TEXT);
    fputs(rc_buf_str(&b), out);
    rc_buf_cleanup(&b);
}

/* The outlet (else id) of the document with this id, escaped. */
static void md_outlet(FILE *out, const rc_rview *v, const char *id)
{
    long d = rc_rview_doc(v, id);
    md(out, d >= 0 ? rc_rview_outlet(v, (size_t)d) : id);
}

/* One supporting article of a claim: its chain (outlet → agency →
 * origin), stance, relay or copy. */
static void support_md(FILE *out, const rc_rview *v, const json_t *x)
{
    const char *chain = rc_jstr(x, "chain");
    if (chain && *chain)
        md(out, chain);
    else
        md_outlet(out, v, rc_jstr(x, "document"));
    if (rc_jstr(x, "stance")) {
        fputs(" · ", out);
        md(out, rc_jstr(x, "stance"));
    }
    if (json_is_true(json_object_get(x, "relay")))
        fputs(" · relay", out);
    if (json_is_true(json_object_get(x, "copy")))
        fputs(" · copy", out);
}

/* The claims of group g whose status is in statuses (NULL-ended), under a
 * level-3 heading, most important first (render.h), at most cap: text
 * (with the amount it is about), origins, articles, then who carries it
 * and how; notes only for contested and conflicting claims (elsewhere they
 * repeat the support lines); a single-source claim on one line. */
static void claims_md(FILE *out, const rc_rview *v, const rc_rview_group *g, const char *title,
                      const char *const *statuses, size_t cap)
{
    size_t shown = 0, total = 0;
    for (size_t i = 0; i < g->claims.n; i++) {
        const json_t *c = json_array_get(v->claims, g->claims.v[i]);
        const char *st = rc_jstr(c, "status");
        int hit = 0;
        for (size_t k = 0; statuses[k]; k++)
            hit |= st && strcmp(st, statuses[k]) == 0;
        if (!hit)
            continue;
        if (total++ >= cap)
            continue;
        if (!shown++)
            fprintf(out, "\n### %s\n\n", title);
        int single = strcmp(st, "single_source") == 0;
        int explain = strcmp(st, "contested") == 0 || strcmp(st, "conflicting") == 0;
        fputs("- ", out);
        if (rc_jstr(c, "about")) {
            fputs("**[", out);
            md(out, rc_jstr(c, "about"));
            fputs("]** ", out);
        }
        const char *ctext = rc_rview_claim_text(g, c);
        md(out, ctext ? ctext : rc_jstr(c, "id"));
        if (single && json_array_size(rc_jarr(c, "support"))) {
            fputs(" — ", out);
            support_md(out, v, json_array_get(rc_jarr(c, "support"), 0));
            fputc('\n', out);
            continue;
        }
        long long io = rc_jint(c, "independent_origins", -1);
        size_t nd = json_array_size(rc_jarr(c, "documents"));
        if (io >= 0)
            fprintf(out, " — **%lld** independent origin%s", io, io == 1 ? "" : "s");
        fprintf(out, ", %zu article%s", nd, nd == 1 ? "" : "s");
        size_t k;
        const json_t *x;
        json_array_foreach(rc_jarr(c, "origins"), k, x) {
            if (k >= 8)
                break;
            fputs(k ? ", " : "; from ", out);
            md(out, json_is_string(x) ? json_string_value(x) : rc_jstr(x, "name"));
        }
        fputc('\n', out);
        json_array_foreach(rc_jarr(c, "support"), k, x) {
            if (k >= 12)
                break;
            fputs("  - ", out);
            support_md(out, v, x);
            if (rc_jstr(x, "text")) {
                fputs(": “", out);
                md(out, rc_jstr(x, "text"));
                fputs("”", out);
            }
            fputc('\n', out);
        }
        json_array_foreach(rc_jarr(c, "notes"), k, x)
            if (explain && k < 6 && json_is_string(x)) {
                fputs("  - *note:* ", out);
                md(out, json_string_value(x));
                fputc('\n', out);
            }
    }
    if (total > shown && shown)
        fprintf(out, "- … and %zu more (`--format json` lists them all)\n", total - shown);
}

/* The per-event section of group g: header, claims by status, conflicts
 * with their evidence side by side (a two-column table), timeline,
 * framing. */
static void group_md(FILE *out, const rc_rview *v, const rc_rview_group *g)
{
    if (g->event) {
        fputs("\n## Event ", out);
        md(out, rc_jstr(g->event, "id"));
        fputs(" · ", out);
        md(out, rc_jstr(g->event, "date") ? rc_jstr(g->event, "date") : "undated");
        if (rc_jstr(g->event, "label")) {
            int cut;
            size_t n = rc_render_cut_words(rc_jstr(g->event, "label"), RC_RENDER_MAX_LABEL, &cut);
            rc_buf b;
            rc_buf_init(&b, 0);
            rc_render_md(&b, rc_jstr(g->event, "label"), n, RC_RENDER_MAX_TEXT);
            fputs(": ", out);
            fputs(rc_buf_str(&b), out);
            fputs(cut ? "…" : "", out);
            rc_buf_cleanup(&b);
        }
        fputc('\n', out);
    } else {
        fprintf(out, "\n## %s\n", g->title);
    }
    fprintf(out, "\n**%zu article%s** · outlets: ", g->docs.n, g->docs.n == 1 ? "" : "s");
    const char *seen[RC_RENDER_MAX_OUTLETS], *langs[32];
    size_t ns = 0, nl = 0;
    for (size_t i = 0; i < g->docs.n; i++) {
        const char *o = rc_rview_outlet(v, g->docs.v[i]);
        const char *l = rc_jstr(json_array_get(v->documents, g->docs.v[i]), "lang");
        int dup = 0;
        for (size_t k = 0; k < ns; k++)
            dup |= strcmp(seen[k], o) == 0;
        if (!dup && ns < RC_RENDER_MAX_OUTLETS) {
            fputs(ns ? ", " : "", out);
            md(out, o);
            seen[ns++] = o;
        }
        dup = !l;
        for (size_t k = 0; l && k < nl; k++)
            dup |= strcmp(langs[k], l) == 0;
        if (!dup && nl < 32)
            langs[nl++] = l;
    }
    fputs(" · languages: ", out);
    for (size_t k = 0; k < nl; k++) {
        fputs(k ? ", " : "", out);
        md(out, langs[k]);
    }
    fputs(nl ? "\n" : "unknown\n", out);
    static const char *const est[] = {"corroborated", NULL}, *const one[] = {"single_origin", NULL},
                             *const single[] = {"single_source", NULL},
                             *const conf[] = {"contested", "conflicting", NULL};
    claims_md(out, v, g, "Contested or conflicting", conf, RC_RENDER_MAX_ITEMS);
    claims_md(out, v, g, "Established (independent origins)", est, RC_RENDER_MAX_ITEMS);
    claims_md(out, v, g, "One origin, relayed", one, RC_RENDER_MAX_ITEMS);
    claims_md(out, v, g, "Single source", single, RC_RENDER_MAX_SINGLE);
    if (g->discs.n)
        fputs("\n### Conflicts and drift\n\n", out);
    for (size_t i = 0; i < g->discs.n && i < RC_RENDER_MAX_ITEMS; i++) {
        const json_t *x = json_array_get(v->discrepancies, g->discs.v[i]);
        fputs("- **", out);
        md(out, rc_jstr(x, "kind") ? rc_jstr(x, "kind") : "discrepancy");
        fputs("**: ", out);
        md(out, rc_jstr(x, "description"));
        size_t k;
        const json_t *d;
        json_array_foreach(rc_jarr(x, "documents"), k, d) {
            if (k >= 8)
                break;
            fputs(k ? ", " : " (", out);
            md(out, json_string_value(d));
        }
        fputs(json_array_size(rc_jarr(x, "documents")) ? ")\n" : "\n", out);
        const json_t *ev = json_object_get(x, "evidence");
        if (json_is_string(ev)) {
            fputs("  - “", out);
            md(out, json_string_value(ev));
            fputs("”\n", out);
        } else if (json_array_size(ev) >= 2) {
            /* side by side: one column per article */
            size_t m = json_array_size(ev) < 4 ? json_array_size(ev) : 4;
            fputs("\n  |", out);
            for (k = 0; k < m; k++) {
                fputc(' ', out);
                md_outlet(out, v, rc_jstr(json_array_get(ev, k), "document"));
                fputs(" |", out);
            }
            fputs("\n  |", out);
            for (k = 0; k < m; k++)
                fputs("---|", out);
            fputs("\n  |", out);
            for (k = 0; k < m; k++) {
                fputs(" “", out);
                md(out, rc_jstr(json_array_get(ev, k), "text"));
                fputs("” |", out);
            }
            fputs("\n\n", out);
        } else if (json_array_size(ev) == 1) {
            fputs("  - ", out);
            md_outlet(out, v, rc_jstr(json_array_get(ev, 0), "document"));
            fputs(": “", out);
            md(out, rc_jstr(json_array_get(ev, 0), "text"));
            fputs("”\n", out);
        }
    }
    const json_t *tl = g->event ? rc_jarr(g->event, "timeline") : NULL;
    if (tl && json_array_size(tl))
        fputs("\n### Timeline\n\n", out);
    size_t k;
    const json_t *x;
    if (tl)
        json_array_foreach(tl, k, x) {
            if (k >= RC_RENDER_MAX_ITEMS)
                break;
            fputs("- **", out);
            md(out, rc_jstr(x, "date") ? rc_jstr(x, "date") : "undated");
            fputs("** ", out);
            md(out, rc_render_timeline_text(x));
            size_t i;
            const json_t *d;
            json_array_foreach(rc_jarr(x, "documents"), i, d) {
                if (i >= 6)
                    break;
                fputs(i ? ", " : " (", out);
                md_outlet(out, v, json_string_value(d));
            }
            fputs(json_array_size(rc_jarr(x, "documents")) ? ")\n" : "\n", out);
        }
    if (g->framing.n)
        fputs("\n### Framing\n\n", out);
    for (size_t i = 0; i < g->framing.n && i < RC_RENDER_MAX_ITEMS; i++) {
        const json_t *f = json_array_get(v->framing, g->framing.v[i]);
        fputs("- **", out);
        if (rc_jstr(f, "outlet"))
            md(out, rc_jstr(f, "outlet"));
        else
            md_outlet(out, v, rc_jstr(f, "document"));
        fputs("**: ", out);
        json_array_foreach(rc_jarr(f, "terms"), k, x) {
            if (k >= RC_RENDER_MAX_TERMS)
                break;
            fputs(k ? ", " : "", out);
            md(out, json_is_string(x) ? json_string_value(x) : rc_jstr(x, "term"));
        }
        json_array_foreach(rc_jarr(f, "omissions"), k, x) {
            if (k >= RC_RENDER_MAX_TERMS)
                break;
            fputs(k ? ", " : "; leaves out: ", out);
            md(out, rc_render_omission(x));
        }
        fputc('\n', out);
    }
}

/* Write the Markdown report; see report.h. */
int rc_report_markdown(FILE *out, const rc_report *r)
{
    json_t *t = rc_report_tree(r, 0);
    int rc = rc_report_markdown_tree(out, r, t);
    json_decref(t);
    return rc;
}

/* Write the Markdown report from tree t; see report.h. */
int rc_report_markdown_tree(FILE *out, const rc_report *r, const json_t *t)
{
    rc_rview v;
    rc_rview_init(&v, t);
    /* the documents of r that t keeps (all of them unless filtered) */
    unsigned char *keep = rc_calloc(r->ndocs ? r->ndocs : 1, 1);
    size_t nkept = 0;
    for (size_t i = 0; i < r->ndocs; i++)
        nkept += keep[i] = rc_rview_doc(&v, r->docs[i]->id) >= 0;
    fprintf(out, "# recoupe report\n\n%zu article%s.\n\n", nkept, nkept == 1 ? "" : "s");
    fputs("## Articles\n\n| id | outlet | lang | published | credits | title | words |\n"
          "|---|---|---|---|---|---|---|\n", out);
    for (size_t i = 0; i < r->ndocs; i++) {
        const rc_doc *d = r->docs[i];
        if (!keep[i])
            continue;
        size_t words = 0;
        for (size_t k = 0; k < d->ntokens; k++)
            words += (d->tokens[k].flags & (RC_TOK_WORD | RC_TOK_NUM)) != 0;
        fputs("| ", out);
        cell(out, d->id);
        fputs(" | ", out);
        cell(out, d->outlet);
        fputs(" | ", out);
        cell(out, d->lang);
        fputs(" | ", out);
        cell(out, d->published);
        fputs(" | ", out);
        credits(out, d);
        fputs(" | ", out);
        cell(out, d->title);
        fprintf(out, " | %zu |\n", words);
    }
    if (r->entities) {
        unsigned char *keep_ent = NULL;
        size_t *ndocs_ent = NULL;
        if (nkept < r->ndocs)
            filtered_entities(r, &v, &keep_ent, &ndocs_ent);
        entities_md(out, r, keep_ent, ndocs_ent);
        free(keep_ent);
        free(ndocs_ent);
    }
    if (r->facts)
        quotes_md(out, r, keep);
    size_t nissues = 0;
    for (size_t i = 0; i < r->ndocs; i++)
        nissues += keep[i] ? r->docs[i]->nissues : 0;
    if (nissues) {
        fputs("\n## Inconsistencies\n\n", out);
        for (size_t i = 0; i < r->ndocs; i++)
            for (size_t k = 0; keep[i] && k < r->docs[i]->nissues; k++) {
                const rc_issue *is = &r->docs[i]->issues[k];
                fputs("- **", out);
                cell(out, r->docs[i]->id);
                fputs("** (", out);
                cell(out, is->kind);
                fputs("): ", out);
                cell(out, is->description);
                if (is->evidence) {
                    fputs(" — “", out);
                    cell(out, is->evidence);
                    fputs("”", out);
                }
                fputc('\n', out);
            }
    }
    size_t nremoved = 0;
    for (size_t i = 0; i < r->ndocs; i++)
        nremoved += keep[i] ? r->docs[i]->nremoved : 0;
    if (nremoved) {
        fputs("\n## Page furniture removed\n\n", out);
        for (size_t i = 0; i < r->ndocs; i++) {
            const rc_doc *d = r->docs[i];
            if (!d->nremoved || !keep[i])
                continue;
            fputs("- **", out);
            cell(out, d->id);
            fputs("**: ", out);
            for (size_t k = 0; k < d->nremoved; k++) {
                fputs(k ? "; “" : "“", out);
                cell(out, d->removed[k]);
                fputs("”", out);
            }
            fputc('\n', out);
        }
    }
    for (size_t g = 0; g < v.ngroups; g++)
        group_md(out, &v, &v.groups[g]);
    free(keep);
    rc_rview_cleanup(&v);
    fflush(out);
    return ferror(out) ? RC_IO : RC_OK;
}
