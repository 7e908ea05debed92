/*
 * markdown.c - the report as Markdown, for pasting into a newsroom chat or a
 * wiki. Article text is never interpreted: table cells escape '|' and line
 * breaks, and text is quoted as plain paragraphs.
 */
#include "report/report.h"
#include "util/mem.h"
#include "util/rc.h"
#include <string.h>

/* Write s as one Markdown table cell: '|' escaped, newlines as spaces,
 * backslash and HTML-significant characters escaped; NULL as an em dash. */
static void cell(FILE *out, const char *s)
{
    if (!s || !*s) {
        fputs("—", out);
        return;
    }
    for (; *s; s++) {
        switch (*s) {
        case '|': fputs("\\|", out); break;
        case '\n': case '\r': fputc(' ', out); break;
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
static void entities_md(FILE *out, const rc_report *r)
{
    size_t n = rc_entities_count(r->entities), shown = 0;
    if (!n)
        return;
    fputs("\n## Who and what is named\n\n| entity | type | articles | also written |\n"
          "|---|---|---|---|\n", out);
    for (size_t i = 0; i < n && shown < 40; i++) {
        const rc_entity *e = rc_entities_get(r->entities, i);
        if (e->ndocs < 2 && n >= 10)
            continue;
        fputs("| ", out);
        cell(out, e->name);
        fprintf(out, " | %s | %zu | ", rc_etype_name(e->type), e->ndocs);
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
static void quotes_md(FILE *out, const rc_report *r)
{
    size_t total = 0;
    for (size_t i = 0; i < r->ndocs; i++)
        total += r->facts[i] ? r->facts[i]->nquotes : 0;
    if (!total)
        return;
    fputs("\n## Quotes\n\n", out);
    for (size_t i = 0; i < r->ndocs; i++) {
        const rc_facts *f = r->facts[i];
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

/* Write the Markdown report; see report.h. */
int rc_report_markdown(FILE *out, const rc_report *r)
{
    fprintf(out, "# recoupe report\n\n%zu article%s.\n\n", r->ndocs, r->ndocs == 1 ? "" : "s");
    fputs("## Articles\n\n| id | outlet | lang | published | credits | title | words |\n"
          "|---|---|---|---|---|---|---|\n", out);
    for (size_t i = 0; i < r->ndocs; i++) {
        const rc_doc *d = r->docs[i];
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
    if (r->entities)
        entities_md(out, r);
    if (r->facts)
        quotes_md(out, r);
    size_t nissues = 0;
    for (size_t i = 0; i < r->ndocs; i++)
        nissues += r->docs[i]->nissues;
    if (nissues) {
        fputs("\n## Inconsistencies\n\n", out);
        for (size_t i = 0; i < r->ndocs; i++)
            for (size_t k = 0; k < r->docs[i]->nissues; k++) {
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
        nremoved += r->docs[i]->nremoved;
    if (nremoved) {
        fputs("\n## Page furniture removed\n\n", out);
        for (size_t i = 0; i < r->ndocs; i++) {
            const rc_doc *d = r->docs[i];
            if (!d->nremoved)
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
    fflush(out);
    return ferror(out) ? RC_IO : RC_OK;
}
