/*
 * markdown.c - the report as Markdown, for pasting into a newsroom chat or a
 * wiki. Article text is never interpreted: table cells escape '|' and line
 * breaks, and text is quoted as plain paragraphs.
 */
#include "report/report.h"
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
