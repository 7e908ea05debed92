#include "report/facts_text.h"
#include "util/mem.h"
#include "util/rc.h"
#include <stdlib.h>
#include <string.h>

enum mark_kind { MK_QUOTE, MK_ENTITY, MK_QUANTITY, MK_DATE };

typedef struct mark {
    uint32_t start, end;
    int kind;
    int sub;             /* entity type */
    char label[64];      /* what follows the closing marker */
} mark;

static const char *const ETYPE[] = {"other", "person", "place", "organization"};
static const char *const BOUND[] = {"", "~", ">", "<"};

/* ANSI colour of a mark (with color on). */
static const char *ansi(const mark *m)
{
    switch (m->kind) {
    case MK_QUOTE: return "\x1b[3m";                          /* italic */
    case MK_QUANTITY: return "\x1b[1;33m";                     /* bold yellow */
    case MK_DATE: return "\x1b[1;34m";                         /* bold blue */
    default:
        return m->sub == RC_ENT_PERSON ? "\x1b[1;36m"          /* cyan */
             : m->sub == RC_ENT_PLACE ? "\x1b[1;32m"           /* green */
             : m->sub == RC_ENT_ORG ? "\x1b[1;35m"             /* magenta */
             : "\x1b[1m";
    }
}

/* Plain opening and closing markers of a mark kind. */
static const char *open_plain(int kind)
{
    return kind == MK_QUOTE ? "«« " : kind == MK_ENTITY ? "[" : kind == MK_QUANTITY ? "{{" : "<<";
}
static const char *close_plain(int kind)
{
    return kind == MK_QUOTE ? " »»" : kind == MK_ENTITY ? "]" : kind == MK_QUANTITY ? "}}" : ">>";
}

/* Order: by start, then longer (enclosing) first. */
static int cmp_mark(const void *a, const void *b)
{
    const mark *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    if (x->end != y->end)
        return x->end > y->end ? -1 : 1;
    return x->kind - y->kind;
}

/* Collect f's facts as marks within d's text; returns the count (*out is
 * malloc'ed, caller frees). */
static size_t collect(const rc_doc *d, const rc_facts *f, mark **out)
{
    size_t cap = f ? f->nmentions + f->nquantities + f->ndates + f->nquotes : 0;
    mark *m = rc_calloc(cap ? cap : 1, sizeof *m);
    size_t n = 0;
    for (size_t i = 0; f && i < f->nquotes; i++) {
        const rc_quote *q = &f->quotes[i];
        m[n] = (mark){q->start, q->end, MK_QUOTE, 0, ""};
        snprintf(m[n].label, sizeof m[n].label, "%s", q->speaker ? q->speaker : "?");
        n++;
    }
    for (size_t i = 0; f && i < f->nmentions; i++) {
        const rc_mention *e = &f->mentions[i];
        m[n] = (mark){e->start, e->end, MK_ENTITY, (int)e->type, ""};
        if (e->entity >= 0)
            snprintf(m[n].label, sizeof m[n].label, "%s E%d", ETYPE[e->type & 3], e->entity + 1);
        else
            snprintf(m[n].label, sizeof m[n].label, "%s", ETYPE[e->type & 3]);
        n++;
    }
    for (size_t i = 0; f && i < f->nquantities; i++) {
        const rc_quantity *q = &f->quantities[i];
        m[n] = (mark){q->start, q->end, MK_QUANTITY, 0, ""};
        snprintf(m[n].label, sizeof m[n].label, "%s%g%s%s", BOUND[q->bound & 3], q->value,
                 q->unit ? " " : "", q->unit ? q->unit : "");
        n++;
    }
    for (size_t i = 0; f && i < f->ndates; i++) {
        const rc_date *t = &f->dates[i];
        m[n] = (mark){t->start, t->end, MK_DATE, 0, ""};
        snprintf(m[n].label, sizeof m[n].label, "%s", t->value);
        n++;
    }
    /* keep marks inside the text */
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (m[i].end > m[i].start && m[i].end <= d->text_len)
            m[k++] = m[i];
    qsort(m, k, sizeof *m, cmp_mark);
    *out = m;
    return k;
}

/* Write the legend line. */
static void legend(FILE *out, int color)
{
    if (color)
        fputs("legend: \x1b[1;36mperson\x1b[0m \x1b[1;32mplace\x1b[0m \x1b[1;35morganization\x1b[0m "
              "\x1b[1;33mquantity\x1b[0m \x1b[1;34mdate\x1b[0m \x1b[3mquote\x1b[0m\n\n", out);
    else
        fputs("legend: [entity]{type}  {{quantity}}{value}  <<date>>{value}  «« quote »»{speaker}\n\n",
              out);
}

/* Close the innermost open mark. */
static void close_mark(FILE *out, const mark *m, int color)
{
    if (color)
        fprintf(out, "\x1b[0m\x1b[2m{%s}\x1b[0m", m->label);
    else
        fprintf(out, "%s{%s}", close_plain(m->kind), m->label);
}

/* Write the text with marks; see facts_text.h. */
int rc_report_facts_text(FILE *out, const rc_doc *d, const rc_facts *f, int color)
{
    mark *m = NULL;
    size_t n = collect(d, f, &m);
    legend(out, color);
    /* a stack of open marks; a mark crossing the enclosing one is clipped */
    const mark **stack = rc_calloc(n ? n : 1, sizeof *stack);
    size_t depth = 0, next = 0;
    uint32_t pos = 0;
    const char *t = d->text ? d->text : "";
    while (pos <= d->text_len) {
        while (depth && stack[depth - 1]->end <= pos) {
            close_mark(out, stack[--depth], color);
            if (color && depth)
                fputs(ansi(stack[depth - 1]), out);
        }
        while (next < n && m[next].start == pos) {
            mark *x = &m[next++];
            if (depth && x->end > stack[depth - 1]->end)
                x->end = stack[depth - 1]->end;
            if (x->end <= x->start)
                continue;
            fputs(color ? ansi(x) : open_plain(x->kind), out);
            stack[depth++] = x;
        }
        while (next < n && m[next].start < pos)
            next++; /* started inside a clipped region: skip */
        if (pos == d->text_len)
            break;
        uint32_t stop = (uint32_t)d->text_len;
        if (next < n && m[next].start < stop)
            stop = m[next].start;
        if (depth && stack[depth - 1]->end < stop)
            stop = stack[depth - 1]->end;
        fwrite(t + pos, 1, stop - pos, out);
        pos = stop;
    }
    if (color)
        fputs("\x1b[0m", out);
    fputc('\n', out);
    free(stack);
    free(m);
    return ferror(out) ? RC_IO : RC_OK;
}
