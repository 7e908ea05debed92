/*
 * quotes.c - quote marks, and quotes and citations with their speakers.
 */
#include "extract/quotes.h"
#include "extract/attrib.h"
#include "text/utf8.h"
#include "util/mem.h"
#include "util/rc.h"
#include <string.h>

/* ------------------------------------------------------------ quote marks */

enum { Q_GUIL = 1, Q_CURLY, Q_LOW9, Q_SINGLE, Q_ANGLE, Q_STRAIGHT };
enum { DEPTH = 8 };

typedef struct qopen {
    int type;
    uint32_t pos, after;
} qopen;

typedef struct qvec {
    rc_qspan *v;
    size_t n, cap;
} qvec;

/* Append s to vec. */
static void qpush(qvec *vec, rc_qspan s)
{
    if (vec->n == vec->cap) {
        vec->cap = vec->cap ? vec->cap * 2 : 16;
        vec->v = rc_reallocarray(vec->v, vec->cap, sizeof *vec->v);
    }
    vec->v[vec->n++] = s;
}

/* 1 for spaces trimmed around quoted words (ASCII, NBSP, NNBSP, thin). */
static int qspace(int32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == 0xA0 || cp == 0x202F || cp == 0x2009 || cp == 0x2007;
}

/* Start of the code point ending at text[i - 1] (i > 0). */
static size_t back1(const char *s, size_t i)
{
    size_t j = i - 1;
    for (int k = 0; k < 3 && j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80; k++)
        j--;
    return j;
}

/* Record the pair opened by o and closed by the mark at [cs, ce). */
static void close_pair(const char *s, qvec *para, const qopen *o, size_t cs, size_t ce)
{
    size_t a = o->after, b = cs;
    int32_t cp;
    while (a < b) {
        size_t l = rc_utf8_next(s, b, a, &cp);
        if (!qspace(cp))
            break;
        a += l;
    }
    while (b > a) {
        size_t j = back1(s, b);
        rc_utf8_next(s, b, j, &cp);
        if (!qspace(cp))
            break;
        b = j;
    }
    if (b <= a || ce - o->pos > RC_QUOTE_MAX)
        return;
    rc_qspan q = {o->pos, (uint32_t)ce, (uint32_t)a, (uint32_t)b};
    qpush(para, q);
}

/* Keep the outermost of a paragraph's pairs (recorded in closing order,
 * well nested) and append them in text order to out. */
static void flush(qvec *para, qvec *out)
{
    uint32_t lim = UINT32_MAX;
    for (size_t i = para->n; i-- > 0;) {
        if (para->v[i].close_end <= lim)
            lim = para->v[i].open;
        else
            para->v[i].end = 0;     /* inside a kept quote */
    }
    for (size_t i = 0; i < para->n; i++)
        if (para->v[i].end)
            qpush(out, para->v[i]);
    para->n = 0;
}

/* Close the innermost open mark of type t (searching the bounded stack);
 * 1 when one was closed. */
static int close_type(const char *s, qopen *st, int *depth, qvec *para, int t, size_t cs,
                      size_t ce)
{
    for (int k = *depth; k-- > 0;) {
        if (st[k].type == t) {
            close_pair(s, para, &st[k], cs, ce);
            *depth = k;
            return 1;
        }
    }
    return 0;
}

/* Open a mark of type t at [pos, after); the oldest is dropped when full. */
static void open_type(qopen *st, int *depth, int t, size_t pos, size_t after)
{
    if (*depth == DEPTH) {
        memmove(st, st + 1, (DEPTH - 1) * sizeof *st);
        (*depth)--;
    }
    st[*depth].type = t;
    st[*depth].pos = (uint32_t)pos;
    st[*depth].after = (uint32_t)after;
    (*depth)++;
}

/* 1 when a mark of type t is open. */
static int has_open(const qopen *st, int depth, int t)
{
    for (int k = 0; k < depth; k++)
        if (st[k].type == t)
            return 1;
    return 0;
}

/* Find the outermost quotations (see quotes.h). */
size_t rc_quote_scan(const char *s, size_t n, rc_qspan **out)
{
    qvec res = {0}, para = {0};
    qopen st[DEPTH];
    int depth = 0;
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\n') {
            flush(&para, &res);
            depth = 0;
            i++;
            continue;
        }
        if (c == '"') {
            int32_t pc = ' ', nc = ' ';
            if (i > 0)
                rc_utf8_next(s, n, back1(s, i), &pc);
            if (i + 1 < n)
                rc_utf8_next(s, n, i + 1, &nc);
            int prev_open = rc_uc_is_space(pc) || pc == '(' || pc == '[' || pc == '\'' ||
                            pc == 0x2019 || pc == '-' || pc == 0x2014 || pc == '/';
            int next_close = rc_uc_is_space(nc) || nc == ',' || nc == '.' || nc == ';' ||
                             nc == ':' || nc == '!' || nc == '?' || nc == ')' || nc == '-' ||
                             i + 1 >= n;
            if (has_open(st, depth, Q_STRAIGHT) && (!prev_open || next_close))
                close_type(s, st, &depth, &para, Q_STRAIGHT, i, i + 1);
            else if (!next_close || prev_open)
                open_type(st, &depth, Q_STRAIGHT, i, i + 1);
            i++;
            continue;
        }
        if (c < 0xC2) {
            i++;
            continue;
        }
        int32_t cp;
        size_t l = rc_utf8_next(s, n, i, &cp);
        switch (cp) {
        case 0xAB:
            open_type(st, &depth, Q_GUIL, i, i + l);
            break;
        case 0xBB:
            close_type(s, st, &depth, &para, Q_GUIL, i, i + l);
            break;
        case 0x201C:
            if (!close_type(s, st, &depth, &para, Q_LOW9, i, i + l))
                open_type(st, &depth, Q_CURLY, i, i + l);
            break;
        case 0x201D:
            if (!close_type(s, st, &depth, &para, Q_CURLY, i, i + l))
                close_type(s, st, &depth, &para, Q_LOW9, i, i + l);
            break;
        case 0x201E:
            open_type(st, &depth, Q_LOW9, i, i + l);
            break;
        case 0x2018:
            open_type(st, &depth, Q_SINGLE, i, i + l);
            break;
        case 0x2019: {
            int32_t nc = ' ';
            if (i + l < n)
                rc_utf8_next(s, n, i + l, &nc);
            if (!rc_uc_is_letter(nc) && has_open(st, depth, Q_SINGLE))
                close_type(s, st, &depth, &para, Q_SINGLE, i, i + l);
            break;
        }
        case 0x2039:
            open_type(st, &depth, Q_ANGLE, i, i + l);
            break;
        case 0x203A:
            close_type(s, st, &depth, &para, Q_ANGLE, i, i + l);
            break;
        default:
            break;
        }
        i += l;
    }
    flush(&para, &res);
    free(para.v);
    *out = res.v;
    return res.n;
}

/* ----------------------------------------------------------- attribution */

enum { MAXV = 64, MAXR = 32, MAXSRC = 16, MAXVIA = 4 };

/* A speaker as reported: its span in the text and its string. */
typedef struct who {
    rc_span span;
    const char *name;
} who;

/* One sentence's analysis. */
typedef struct sent {
    uint32_t t0, t1;
    rc_vgroup vg[MAXV];
    size_t nv;
    rc_relay rl[MAXR];
    size_t nr;
} sent;

/* Everything the extraction carries from sentence to sentence. */
typedef struct state {
    rc_actx c;
    rc_doc *d;
    rc_facts *f;
    uint32_t *sfirst;     /* first token of each sentence, nsentences + 1 */
    size_t mcur;          /* first mention not before the current sentence */
    who last;             /* last speaker or named subject */
    /* sources already cited in the current sentence */
    const char *src[MAXSRC];
    size_t nsrc;
} state;

/* Analyse sentence s into a. */
static void analyse(state *S, size_t s, sent *a)
{
    a->t0 = S->sfirst[s];
    a->t1 = S->sfirst[s + 1];
    rc_attrib_scan(&S->c, a->t0, a->t1, a->vg, MAXV, &a->nv, a->rl, MAXR, &a->nr);
}

/* Speaker of np: the name or description, or the antecedent of a pronoun
 * (span 0,0 and NULL when there is none). */
static who resolve(state *S, const rc_np *np)
{
    who w = {{0, 0}, NULL};
    if (np->pron)
        return S->last;
    w.span = rc_attrib_np_span(&S->c, np);
    if (w.span.end > w.span.start)
        w.name = rc_arena_strndup(S->d->arena, S->d->text + w.span.start,
                                  w.span.end - w.span.start);
    return w;
}

/* Case-insensitive (ASCII) equality of two strings. */
static int same(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        unsigned char x = (unsigned char)*a, y = (unsigned char)*b;
        if (x >= 'A' && x <= 'Z')
            x += 32;
        if (y >= 'A' && y <= 'Z')
            y += 32;
        if (x != y)
            return 0;
    }
    return *a == *b;
}

/* Add a citation of source w over [s, e) unless this sentence cites it. */
static void cite(state *S, who w, uint32_t s, uint32_t e)
{
    if (!w.name || w.span.end <= w.span.start)
        return;
    for (size_t k = 0; k < S->nsrc; k++)
        if (same(S->src[k], w.name))
            return;
    if (S->nsrc < MAXSRC)
        S->src[S->nsrc++] = w.name;
    rc_citation *ct = rc_facts_add_citation(S->d, S->f);
    ct->start = s < w.span.start ? s : w.span.start;
    ct->end = e > w.span.end ? e : w.span.end;
    ct->src_start = w.span.start;
    ct->src_end = w.span.end;
    ct->source = w.name;
    ct->source_mention = -1;
}

/* A sentence whose main verb is not a reporting word but which opens on a
 * person's name ("Mr X also raised ...") makes that person the antecedent
 * of the next pronouns. */
static void initial_person(state *S, const sent *a)
{
    const rc_facts *f = S->f;
    if (a->t0 >= a->t1)
        return;
    uint32_t s0 = S->d->tokens[a->t0].start;
    while (S->mcur < f->nmentions && f->mentions[S->mcur].start < s0)
        S->mcur++;
    if (S->mcur < f->nmentions && f->mentions[S->mcur].start == s0 &&
        f->mentions[S->mcur].type == RC_ENT_PERSON) {
        const rc_mention *m = &f->mentions[S->mcur];
        who w;
        w.span.start = m->start;
        w.span.end = m->end;
        w.name = rc_arena_strndup(S->d->arena, S->d->text + m->start, m->end - m->start);
        S->last = w;
        return;
    }
    /* without entity mentions: a title and a capitalised name ("Mme X") */
    const rc_token *T = S->d->tokens;
    const uint32_t capw = RC_TOK_WORD | RC_TOK_CAP;
    if (!(S->c.tc->bits[a->t0] & RC_AW_TITLE) || (T[a->t0].flags & capw) != capw)
        return;
    uint32_t e = a->t0 + 1;
    if (e < a->t1 && T[e].end == T[e].start + 1 && S->d->text[T[e].start] == '.')
        e++;
    uint32_t n0 = e;
    while (e < a->t1 && e - n0 < 4 && !S->c.inq[e] && (T[e].flags & capw) == capw &&
           !(S->c.tc->bits[e] & ~(uint32_t)RC_AW_TITLE))
        e++;
    if (e > n0) {
        who w;
        w.span.start = T[a->t0].start;
        w.span.end = T[e - 1].end;
        w.name = rc_arena_strndup(S->d->arena, S->d->text + w.span.start,
                                  w.span.end - w.span.start);
        S->last = w;
    }
}

/* Citations of one analysed sentence: relays and verb groups; the last
 * named subject is remembered for pronouns. */
static void cite_sentence(state *S, const sent *a)
{
    const rc_token *T = S->d->tokens;
    uint32_t g;
    rc_np np;
    if (rc_attrib_main_verb(&S->c, a->t0, a->t1, &g) && rc_attrib_subject(&S->c, g, a->t0, &np) &&
        !np.pron && np.n1 > np.n0)
        S->last = resolve(S, &np);
    else
        initial_person(S, a);
    for (size_t k = 0; k < a->nr; k++) {
        const rc_relay *r = &a->rl[k];
        who w = resolve(S, &r->np);
        cite(S, w, T[r->p0].start, T[r->np.t1 - 1].end);
    }
    for (size_t k = 0; k < a->nv; k++) {
        const rc_vgroup *v = &a->vg[k];
        if (!v->found)
            continue;
        who w = resolve(S, &v->sp);
        cite(S, w, T[v->g].start, T[v->v_end - 1].end);
        if (!v->sp.pron && v->sp.n1 > v->sp.n0)
            S->last = w;
    }
}

/* Add the medium of np to the via list of q (no duplicates). */
static void add_via(state *S, rc_quote *q, const rc_np *np, const char **via)
{
    rc_span sp;
    const char *canon = NULL;
    if (q->nvia >= MAXVIA || !rc_attrib_medium(&S->c, np, &sp, &canon))
        return;
    const char *name = canon ? canon
                             : rc_arena_strndup(S->d->arena, S->d->text + sp.start,
                                                sp.end - sp.start);
    for (size_t k = 0; k < q->nvia; k++)
        if (same(via[k], name))
            return;
    via[q->nvia++] = name;
}

/* Relays named in sentence a for quote q. */
static void vias(state *S, rc_quote *q, const sent *a, const char **via)
{
    for (size_t k = 0; k < a->nr; k++)
        add_via(S, q, &a->rl[k].np, via);
    for (size_t k = 0; k < a->nv; k++) {
        const rc_vgroup *v = &a->vg[k];
        if (v->has_to)
            add_via(S, q, &v->to, via);
        if (v->found && v->inverted && (S->c.tc->bits[v->v] & RC_AW_RELAYVERB))
            add_via(S, q, &v->sp, via);
    }
}

/* The speaker of the quote at tokens [qt0, qt1) (qt1: first token after
 * the close mark), from the open sentence a and the close sentence b.
 * Returns 1 and fills *np; *introduced tells whether the words before the
 * quote introduce it. */
static int speaker_of(state *S, const sent *a, const sent *b, uint32_t qt0, uint32_t qt1,
                      int *introduced, rc_np *np)
{
    const rc_actx *c = &S->c;
    *introduced = qt0 > a->t0 && rc_attrib_introduces(c, qt0 - 1);
    const rc_vgroup *before = NULL, *after = NULL;
    for (size_t k = 0; k < a->nv; k++)
        if (a->vg[k].v_end <= qt0 && !a->vg[k].inverted)
            before = &a->vg[k];
    for (size_t k = 0; k < b->nv; k++)
        if (b->vg[k].g >= qt1) {
            after = &b->vg[k];
            break;
        }
    uint32_t g;
    if (before && *introduced && (before->found || before->ant)) {
        if (before->ant)
            return rc_attrib_main_verb(c, a->t0, before->g, &g) &&
                   rc_attrib_subject(c, g, a->t0, np);
        *np = before->sp;
        return 1;
    }
    if (after && after->found && (after->inverted || after->sp.t0 >= qt1)) {
        *np = after->sp;
        return 1;
    }
    if (before && before->found) {
        *np = before->sp;
        return 1;
    }
    if (before && before->ant && rc_attrib_main_verb(c, a->t0, before->g, &g) &&
        rc_attrib_subject(c, g, a->t0, np))
        return 1;
    if (rc_attrib_intro(c, a->t0, qt0, np))
        return 1;
    for (size_t k = a->nr; k-- > 0;)   /* "Selon X, la visite « ... »" */
        if (a->rl[k].np.t1 <= qt0) {
            *np = a->rl[k].np;
            return 1;
        }
    for (size_t k = 0; k < b->nr; k++)
        if (b->rl[k].p0 >= qt1) {
            *np = b->rl[k].np;
            return 1;
        }
    if (rc_attrib_main_verb(c, a->t0, a->t1, &g) && g < qt0 && rc_attrib_subject(c, g, a->t0, np))
        return 1;
    return 0;
}

/* The quote's fragment flag: a few words inside a sentence (not at its
 * start), not introduced by a colon or a reporting verb. */
static int is_fragment(const rc_doc *d, const rc_qspan *q, rc_span sen, int introduced)
{
    if (introduced || q->open <= sen.start + 1)
        return 0;   /* introduced, or opening its sentence */
    size_t words = 0;
    int in = 0;
    for (uint32_t i = q->start; i < q->end && words <= 12; i++) {
        int sp = d->text[i] == ' ';
        if (!sp && !in)
            words++;
        in = !sp;
    }
    size_t slen = sen.end > sen.start ? sen.end - sen.start : 0;
    return words <= 12 && (size_t)(q->close_end - q->open) * 10 < slen * 6;
}

/* Sentence containing byte pos, searching forward from *s. */
static size_t sentence_at(const rc_doc *d, size_t s, uint32_t pos)
{
    while (s + 1 < d->nsentences && d->sentences[s].end <= pos)
        s++;
    return s;
}

/* Quotes without a language table: marks only. */
static void plain_quotes(rc_doc *d, rc_facts *f, const rc_qspan *qs, size_t nq)
{
    size_t s = 0;
    for (size_t i = 0; i < nq; i++) {
        rc_quote *q = rc_facts_add_quote(d, f);
        q->start = qs[i].start;
        q->end = qs[i].end;
        q->speaker_mention = -1;
        if (d->nsentences) {
            s = sentence_at(d, s, qs[i].open);
            q->fragment = is_fragment(d, &qs[i], d->sentences[s], 0);
        }
    }
}

/* Extract quotes and citations (see facts.h and quotes.h). */
int rc_extract_quotes(rc_doc *d, rc_facts *f)
{
    rc_qspan *qs = NULL;
    size_t nq = d->text ? rc_quote_scan(d->text, d->text_len, &qs) : 0;
    const rc_attrib_lang *L = rc_attrib_lang_get(d->lang);
    if (!L || d->ntokens == 0 || d->nsentences == 0) {
        plain_quotes(d, f, qs, nq);
        free(qs);
        return RC_OK;
    }
    state S;
    memset(&S, 0, sizeof S);
    rc_tokclass tc;
    rc_tokclass_build(L, d, &tc);
    uint8_t *inq = rc_calloc(d->ntokens, 1);
    uint32_t *qt0 = rc_calloc(nq ? nq : 1, sizeof *qt0);
    uint32_t *qt1 = rc_calloc(nq ? nq : 1, sizeof *qt1);
    size_t t = 0;
    for (size_t i = 0; i < nq; i++) {
        while (t < d->ntokens && d->tokens[t].start < qs[i].open)
            t++;
        qt0[i] = (uint32_t)t;
        while (t < d->ntokens && d->tokens[t].start < qs[i].close_end)
            inq[t++] = 1;
        qt1[i] = (uint32_t)t;
    }
    S.sfirst = rc_calloc(d->nsentences + 1, sizeof *S.sfirst);
    t = 0;
    for (size_t s = 0; s < d->nsentences; s++) {
        while (t < d->ntokens && d->tokens[t].sentence < s)
            t++;
        S.sfirst[s] = (uint32_t)t;
    }
    S.sfirst[d->nsentences] = (uint32_t)d->ntokens;
    S.c.d = d;
    S.c.L = L;
    S.c.tc = &tc;
    S.c.inq = inq;
    S.d = d;
    S.f = f;

    sent *a = rc_malloc(sizeof *a), *b = rc_malloc(sizeof *b);
    size_t qi = 0;
    who prevq = {{0, 0}, NULL};
    size_t prevq_sent = SIZE_MAX;
    for (size_t s = 0; s < d->nsentences; s++) {
        analyse(&S, s, a);
        S.nsrc = 0;
        uint32_t s_end = s + 1 < d->nsentences ? d->sentences[s + 1].start : UINT32_MAX;
        while (qi < nq && qs[qi].open < s_end) {
            const rc_qspan *q = &qs[qi];
            size_t s2 = sentence_at(d, s, q->close_end ? q->close_end - 1 : 0);
            const sent *bb = a;
            if (s2 != s) {
                analyse(&S, s2, b);
                bb = b;
            }
            rc_quote *out = rc_facts_add_quote(d, f);
            out->start = q->start;
            out->end = q->end;
            out->speaker_mention = -1;
            int introduced = 0;
            rc_np np;
            who w = {{0, 0}, NULL};
            if (speaker_of(&S, a, bb, qt0[qi], qt1[qi], &introduced, &np))
                w = resolve(&S, &np);
            else if (prevq.name && prevq_sent != SIZE_MAX && prevq_sent + 1 >= s)
                w = prevq;   /* follow-on quote */
            out->fragment = is_fragment(d, q, d->sentences[s], introduced);
            if (w.name) {
                out->speaker = w.name;
                out->sp_start = w.span.start;
                out->sp_end = w.span.end;
                S.last = w;
                prevq = w;
                prevq_sent = s2;
                cite(&S, w, w.span.start, w.span.end);
            }
            const char **via = rc_arena_calloc(d->arena, MAXVIA, sizeof *via);
            vias(&S, out, a, via);
            if (bb != a)
                vias(&S, out, bb, via);
            out->via = out->nvia ? via : NULL;
            qi++;
        }
        cite_sentence(&S, a);
    }
    free(a);
    free(b);
    free(S.sfirst);
    free(qt0);
    free(qt1);
    free(inq);
    rc_tokclass_free(&tc);
    free(qs);
    return RC_OK;
}
