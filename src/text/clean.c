/*
 * clean.c - from sanitised article text to a clean body plus metadata (see
 * clean.h). The steps, each a pass over an array of line records:
 *   1. header and wire dateline (meta/header.h): published, dateline,
 *      credit, weekday issue; their bytes leave the body;
 *   2. per-line facts and vocabulary (text/furniture.h);
 *   3. the repeated-line signal for the lines that may be furniture (not
 *      body paragraphs, except in the tail block): d->line_hashes;
 *   4. the head: breadcrumb, bylines, credit lines, title, other short
 *      lines before the first paragraph;
 *   5. the tail: a promotional block opened by a donation/promotion line,
 *      then short lines, credit lines and bylines walking back from the end;
 *   6. inside: promotion lines, credit lines and repeated short lines
 *      (section subheads stay);
 *   7. metadata (outlet, author, credits) and the body, lines joined by '\n'.
 * Every pass is linear in the input; only bounded prefixes of long lines
 * are folded for vocabulary matching.
 */
#include "text/clean.h"
#include "meta/byline.h"
#include "meta/credits.h"
#include "meta/dateparse.h"
#include "meta/fold.h"
#include "meta/header.h"
#include "text/furniture.h"
#include "util/hash.h"
#include "util/mem.h"
#include "util/rc.h"
#include <stdio.h>
#include <string.h>

#define HEAD_MAX 6      /* non-blank lines before the first paragraph examined */
#define TAIL_BLOCK 15   /* non-blank lines at the end searched for a promo block */
#define TAIL_WALK 12    /* short lines removed walking back from the end */
#define TAIL_REPEAT 3   /* last lines whose promotional paragraphs are hashed */
#define TITLE_MAX 300   /* bytes */
#define OUTLET_MAX 64
#define REMOVED_MAX 1024 /* removed lines recorded per document */

enum why {
    KEEP = 0,
    W_BREADCRUMB,
    W_TITLE,
    W_BYLINE,
    W_CREDIT,
    W_VOCAB,
    W_EDGE,
    W_REPEAT,
    W_TAIL
};

typedef struct line {
    size_t s, e;          /* trimmed span in the text */
    rc_line_facts f;
    int kind;             /* rc_furn_kind */
    int repeated;         /* seen in >= 2 other documents of the group */
    int why;              /* enum why: KEEP or the reason it was removed */
    int promo;            /* memo of promotional(): 0/1, -1 unknown, -2
                           * unknown and f stale (span cut after step 3) */
} cline;

/* Hash state for rc_clean_line_hash: folded bytes are buffered and chained
 * through XXH3 so memory stays bounded on any line length. */
typedef struct lh_state {
    char buf[1024];
    size_t len;
    uint64_t h;
} lh_state;

/* Append bytes to the hash state, flushing full buffers. */
static void lh_put(lh_state *st, const char *p, size_t n)
{
    while (n) {
        size_t room = sizeof st->buf - st->len;
        size_t k = n < room ? n : room;
        memcpy(st->buf + st->len, p, k);
        st->len += k;
        p += k;
        n -= k;
        if (st->len == sizeof st->buf) {
            st->h = rc_hash64(st->buf, st->len, st->h);
            st->len = 0;
        }
    }
}

/* lh_put of one byte. */
static inline void lh_put1(lh_state *st, char c)
{
    st->buf[st->len++] = c;
    if (st->len == sizeof st->buf) {
        st->h = rc_hash64(st->buf, st->len, st->h);
        st->len = 0;
    }
}

/* Hash of a line, case-folded, spaces and digit runs squeezed; clean.h. */
uint64_t rc_clean_line_hash(const char *line, size_t n)
{
    lh_state st;
    st.len = 0;
    st.h = 0x7265636f75706521ULL;
    int space = 0, digit = 0, any = 0;
    for (size_t i = 0; i < n && line;) {
        unsigned char b = (unsigned char)line[i];
        if (b < 0x80) {
            /* ASCII: the steps below for one byte, inline */
            i++;
            if (b == ' ' || (b >= '\t' && b <= '\r')) {
                space = any;
                digit = 0;
                continue;
            }
            int isdig = b >= '0' && b <= '9';
            if (isdig && digit)
                continue;
            digit = isdig;
            if (space)
                lh_put1(&st, ' ');
            space = 0;
            any = 1;
            lh_put1(&st, isdig ? '0' : (char)(b >= 'A' && b <= 'Z' ? b + 32 : b));
            continue;
        }
        int32_t cp, f[4];
        i += rc_utf8_next(line, n, i, &cp);
        if (rc_uc_is_space(cp)) {
            space = any;
            digit = 0;
            continue;
        }
        if (rc_uc_is_digit(cp)) {
            if (digit)
                continue;
            digit = 1;
        } else {
            digit = 0;
        }
        if (space)
            lh_put(&st, " ", 1);
        space = 0;
        any = 1;
        if (digit) {
            lh_put(&st, "0", 1);
            continue;
        }
        size_t k = rc_fold_cp(cp, f);
        for (size_t j = 0; j < k; j++) {
            char enc[4];
            int32_t c = f[j];
            size_t el;
            if (c < 0x80) {
                enc[0] = (char)c;
                el = 1;
            } else if (c < 0x800) {
                enc[0] = (char)(0xC0 | (c >> 6));
                enc[1] = (char)(0x80 | (c & 0x3F));
                el = 2;
            } else if (c < 0x10000) {
                enc[0] = (char)(0xE0 | (c >> 12));
                enc[1] = (char)(0x80 | ((c >> 6) & 0x3F));
                enc[2] = (char)(0x80 | (c & 0x3F));
                el = 3;
            } else {
                enc[0] = (char)(0xF0 | (c >> 18));
                enc[1] = (char)(0x80 | ((c >> 12) & 0x3F));
                enc[2] = (char)(0x80 | ((c >> 6) & 0x3F));
                enc[3] = (char)(0x80 | (c & 0x3F));
                el = 4;
            }
            lh_put(&st, enc, el);
        }
    }
    return rc_hash64(st.buf, st.len, st.h);
}

/* Byte length of a space (ASCII blank, NBSP, narrow NBSP, CR) at t[i],
 * 0 when t[i] does not start one. */
static size_t space_at(const char *t, size_t i, size_t e)
{
    unsigned char c = (unsigned char)t[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v')
        return 1;
    if (c == 0xC2 && i + 1 < e && (unsigned char)t[i + 1] == 0xA0)
        return 2;
    if (c == 0xE2 && i + 2 < e && (unsigned char)t[i + 1] == 0x80 &&
        ((unsigned char)t[i + 2] == 0xAF || (unsigned char)t[i + 2] == 0x89))
        return 3;
    return 0;
}

/* Trim spaces from both ends of [*s, *e). */
static void trim_span(const char *t, size_t *s, size_t *e)
{
    size_t k;
    while (*s < *e && (k = space_at(t, *s, *e)) != 0)
        *s += k;
    for (;;) {
        if (*e > *s && space_at(t, *e - 1, *e) == 1) {
            (*e)--;
        } else if (*e - *s >= 2 && space_at(t, *e - 2, *e) == 2) {
            *e -= 2;
        } else if (*e - *s >= 3 && space_at(t, *e - 3, *e) == 3) {
            *e -= 3;
        } else {
            break;
        }
    }
}

/* Record a removed piece of text in d->removed, up to REMOVED_MAX entries
 * (the list is for `show` and debugging; rc_doc_add_removed copies its
 * array on each call, so an unbounded list would be quadratic). */
static void note_removed(rc_doc *d, const char *s, size_t n)
{
    if (d->nremoved < REMOVED_MAX)
        rc_doc_add_removed(d, s, n);
}

/* Record line l as removed for reason why. */
static void drop(rc_doc *d, const char *t, cline *l, int why)
{
    if (l->why != KEEP)
        return;
    l->why = why;
    note_removed(d, t + l->s, l->e - l->s);
}

/* 1 when s[n] and the NUL-terminated t have the same folded words (case,
 * accents, quotes and spacing ignored; keys compared up to 512 bytes). */
static int same_words(const char *s, size_t n, const char *t)
{
    char a[512], b[512];
    size_t an = rc_fold_key(s, n, a, sizeof a);
    size_t bn = rc_fold_key(t, strlen(t), b, sizeof b);
    return an == bn && memcmp(a, b, an) == 0;
}

/* A paragraph line: sentence punctuation, or too long to be furniture. */
static int is_paragraph(const cline *l)
{
    return l->f.sent_end || l->f.sent_inside || l->e - l->s > TITLE_MAX || l->f.words > 40;
}

/* rc_furniture_promotional of line l with the outlet candidate oc (fixed
 * for the document once find_self_reference has run), memoised in l:
 * the same line is asked about by the repeated-line, tail-block and tail
 * walk steps. l->promo must be reset to -2 whenever l's span changes. */
static int promotional(const char *t, cline *l, const char *oc)
{
    if (l->promo < 0) {
        size_t n = l->e - l->s;
        /* l->f holds the facts of the whole line (rc_line_facts_short
         * ones past TITLE_MAX bytes): the ones the test needs when the
         * line is at most 4096 bytes */
        l->promo = rc_furniture_promotional_f(t + l->s, n, oc,
                                              l->promo == -1 && n <= 4096 ? &l->f : NULL);
    }
    return l->promo;
}

/* Credit line: records the agencies in d and returns 1. */
static int take_credit_line(rc_doc *d, const char *t, const cline *l)
{
    const char *cr[8];
    size_t k = rc_credit_line(t + l->s, l->e - l->s, cr, 8);
    for (size_t i = 0; i < k; i++)
        rc_doc_add_credit(d, cr[i]);
    return k > 0;
}

/* Metadata gathered while cleaning. */
typedef struct meta {
    char outlet[OUTLET_MAX];   /* self-referenced outlet candidate */
    size_t outlet_line;        /* line it was found on (index into the lines) */
    size_t outlet_nb;          /* the same as an index into the non-blank lines */
    int outlet_lines;          /* lines of the document naming it (capped at 2) */
    char by_outlet[OUTLET_MAX];/* outlet from a byline */
    const char *author;        /* arena copy */
} meta;

/* Byline: records name and credits and returns 1. */
static int take_byline(rc_doc *d, const char *t, const cline *l, meta *m)
{
    rc_byline b;
    if (l->f.words > 16 || !rc_byline_parse(t + l->s, l->e - l->s, m->outlet[0] ? m->outlet : NULL, &b))
        return 0;
    for (size_t i = 0; i < b.ncredits; i++)
        rc_doc_add_credit(d, b.credits[i]);
    size_t nl = b.name_e - b.name_s;
    if (nl) {
        if (b.outlet) {
            if (!m->by_outlet[0] && nl < sizeof m->by_outlet) {
                memcpy(m->by_outlet, t + l->s + b.name_s, nl);
                m->by_outlet[nl] = '\0';
            }
        } else if (!m->author) {
            m->author = rc_arena_strndup(d->arena, t + l->s + b.name_s, nl);
        }
    }
    return 1;
}

/* Copy name s[n] into m->outlet when it fits and none is there. */
static void set_candidate(meta *m, const char *s, size_t n)
{
    if (!m->outlet[0] && n > 0 && n < sizeof m->outlet) {
        memcpy(m->outlet, s, n);
        m->outlet[n] = '\0';
    }
}

/* Outlet candidate from appeals or self-descriptions among lines idx[a..):
 * the first one found, with its line and how many lines name it (the
 * candidate is confirmed later when its line was removed as furniture and
 * the name occurs on another line, or it is a self-description). */
static void find_self_reference(const char *t, cline *L, const size_t *idx, size_t nnb,
                                size_t a, meta *m)
{
    for (size_t j = a; j < nnb && !m->outlet[0]; j++) {
        cline *l = &L[idx[j]];
        size_t ns, ne;
        int letter = 0;
        if ((l->kind == RC_FURN_DONATE && rc_outlet_from_appeal(t + l->s, l->e - l->s, &ns, &ne)) ||
            rc_outlet_self_description(t + l->s, l->e - l->s, &ns, &ne) ||
            (letter = (l->kind == RC_FURN_PROMO ||
                       (j > 0 && L[idx[j - 1]].kind == RC_FURN_PROMO)) &&
                      rc_outlet_from_newsletter(t + l->s, l->e - l->s, &ns, &ne))) {
            const char *name = t + l->s + ns;
            size_t nl = ne - ns;
            unsigned lines = 0;
            for (size_t q = 0; q < nnb && lines < 2; q++) {
                cline *o = &L[idx[q]];
                if (rc_find(t + o->s, o->e - o->s, name, nl))
                    lines++;
            }
            set_candidate(m, name, nl);
            m->outlet_line = idx[j];
            m->outlet_nb = j;
            m->outlet_lines = (int)lines;
            if (l->kind != RC_FURN_DONATE || letter)
                m->outlet_lines = 2; /* a self-description or its own newsletter names the outlet */
        }
    }
}

/* The dateline words of the header (for an issue's evidence): from the
 * place, else the weekday, to the end of the date, without the dash. */
static void dateline_words(const char *t, size_t n, const rc_header *h, size_t *es, size_t *ee)
{
    size_t end = h->consumed <= n ? h->consumed : n;
    size_t s = 0;
    const char *p = NULL;
    if (h->dateline_place[0])
        p = rc_find(t, end, h->dateline_place, strlen(h->dateline_place));
    if (!p && h->weekday[0])
        p = rc_find(t, end, h->weekday, strlen(h->weekday));
    if (p)
        s = (size_t)(p - t);
    while (end > s) {
        unsigned char c = (unsigned char)t[end - 1];
        if (c == ' ' || c == '\t' || c == '\n' || c == '-') {
            end--;
        } else if (end - s >= 3 && c >= 0x93 && c <= 0x95 && (unsigned char)t[end - 2] == 0x80 &&
                   (unsigned char)t[end - 3] == 0xE2) {
            end -= 3;
        } else {
            break;
        }
    }
    *es = s;
    *ee = end;
}

/* English name of weekday index w (0 = Monday). */
static const char *weekday_name(int w)
{
    static const char *const names[7] = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                         "Friday", "Saturday", "Sunday"};
    return w >= 0 && w < 7 ? names[w] : "?";
}

/* Apply the header/dateline fields to d (published, dateline, credit,
 * weekday issue). ev_base/ev_n: the text the header was parsed from. */
static void apply_header(rc_doc *d, const rc_header *h, const char *ev_base, size_t ev_n)
{
    if (!d->published) {
        const char *best = strlen(h->dl_date) > strlen(h->date) ? h->dl_date : h->date;
        if (best[0])
            rc_doc_set(d, &d->published, best);
    }
    if (!d->dateline && h->dateline_place[0])
        rc_doc_set(d, &d->dateline, h->dateline_place);
    if (h->agency[0])
        rc_doc_add_credit(d, h->agency);
    if (h->weekday_mismatch && h->dl_date[0]) {
        int y = 0, mo = 0, da = 0;
        for (int i = 0; i < 4; i++)
            y = y * 10 + (h->dl_date[i] - '0');
        mo = (h->dl_date[5] - '0') * 10 + (h->dl_date[6] - '0');
        da = (h->dl_date[8] - '0') * 10 + (h->dl_date[9] - '0');
        int real = rc_weekday(y, mo, da);
        char desc[256];
        snprintf(desc, sizeof desc,
                 "the dateline gives the weekday \"%s\" (%s) for %s, which was a %s",
                 h->weekday, weekday_name(h->weekday_index), h->dl_date, weekday_name(real));
        size_t es, ee;
        dateline_words(ev_base, ev_n, h, &es, &ee);
        char *ev = rc_arena_strndup(d->arena, ev_base + es, ee - es);
        rc_doc_add_issue(d, "weekday", desc, ev);
    }
}

/* Clean text[n] into d; see clean.h. */
int rc_clean_text(rc_doc *d, const char *text, size_t n, const rc_clean_ctx *ctx)
{
    if (!text)
        n = 0;
    size_t nlines = 1;
    for (const char *p = text; p && (p = memchr(p, '\n', (size_t)(text + n - p))) != NULL; p++)
        nlines++;

    int given_pub = d->published != NULL;
    int from_page = ctx && ctx->from_page;
    /* 2. header and dateline */
    rc_header h;
    rc_header_parse(text, n, &h);
    size_t off = h.consumed <= n ? h.consumed : n;
    apply_header(d, &h, text, n);
    int have_dateline = h.agency[0] != 0;

    /* 3. lines after the header, with their facts */
    cline *L = rc_calloc(nlines, sizeof *L);
    size_t *idx = rc_calloc(nlines, sizeof *idx);
    size_t nl = 0, nnb = 0;
    for (size_t a = off; a <= n && nl < nlines;) {
        const char *p = a < n ? memchr(text + a, '\n', n - a) : NULL;
        size_t b = p ? (size_t)(p - text) : n;
        cline *l = &L[nl];
        l->s = a;
        l->e = b;
        trim_span(text, &l->s, &l->e);
        if (l->e > l->s) {
            /* a line longer than TITLE_MAX is a paragraph by its length
             * (is_paragraph), gets no vocabulary (furniture.h: at most 300
             * bytes) and cannot be a byline (at most 200 bytes); of its
             * facts only rc_line_short and words <= 12 are asked, which
             * rc_line_facts_short answers without reading the whole line */
            if (l->e - l->s > TITLE_MAX)
                rc_line_facts_short(text + l->s, l->e - l->s, &l->f);
            else
                rc_line_facts_get(text + l->s, l->e - l->s, &l->f);
            l->kind = rc_furniture_vocab_f(text + l->s, l->e - l->s, &l->f);
            l->promo = -1;
            idx[nnb++] = nl;
        }
        nl++;
        if (!p)
            break;
        a = b + 1;
    }

    meta m;
    memset(&m, 0, sizeof m);
    /* outlet self-references: appeal and self-description lines at the tail */
    find_self_reference(text, L, idx, nnb, nnb > TAIL_BLOCK ? nnb - TAIL_BLOCK : 0, &m);

    /* the repeated-line signal, for the lines it can decide: lines that
     * are not body paragraphs, and promotional paragraphs among the last
     * TAIL_REPEAT lines (the only paragraphs a repeat can remove, step 5). Other paragraphs
     * are neither hashed nor stored, which keeps the store's line index to
     * a few entries per document. */
    d->line_hashes = rc_arena_calloc(d->arena, nnb ? nnb : 1, sizeof *d->line_hashes);
    d->nline_hashes = 0;
    size_t tail_block = nnb > TAIL_REPEAT ? nnb - TAIL_REPEAT : 0;
    for (size_t j = 0; j < nnb; j++) {
        cline *l = &L[idx[j]];
        if (l->e - l->s > 2000)
            continue;
        if (is_paragraph(l) &&
            (j < tail_block || !promotional(text, l, m.outlet[0] ? m.outlet : NULL)))
            continue;
        uint64_t lh = rc_clean_line_hash(text + l->s, l->e - l->s);
        d->line_hashes[d->nline_hashes++] = lh;
        if (ctx && ctx->line_seen)
            l->repeated = ctx->line_seen(ctx->ud, d->group, lh) >= 2;
    }


    /* 4. the head: lines before the first paragraph */
    size_t P = 0;
    while (P < nnb && P < HEAD_MAX) {
        cline *l = &L[idx[P]];
        if (is_paragraph(l) && l->kind == RC_FURN_NONE &&
            rc_credit_line(text + l->s, l->e - l->s, (const char *[1]){0}, 1) == 0)
            break;
        P++;
    }
    int has_para = P < nnb && P < HEAD_MAX;
    size_t head = has_para ? P : 0;
    size_t title_at = SIZE_MAX;
    for (size_t j = 0; j < head; j++) {
        cline *l = &L[idx[j]];
        const char *ls = text + l->s;
        size_t ln = l->e - l->s;
        if (j == 0 && head >= 2 && !from_page) {
            int bc = rc_furniture_breadcrumb(ls, ln);
            cline *nx = &L[idx[1]];
            if (bc == 2 || (bc == 1 && rc_line_short(&nx->f) && nx->kind == RC_FURN_NONE)) {
                drop(d, text, l, W_BREADCRUMB);
                continue;
            }
        }
        if (take_credit_line(d, text, l)) {
            drop(d, text, l, W_CREDIT);
        } else if (l->kind != RC_FURN_NONE) {
            drop(d, text, l, W_VOCAB);
        } else if (take_byline(d, text, l, &m)) {
            drop(d, text, l, W_BYLINE);
        } else if (l->repeated) {
            drop(d, text, l, W_REPEAT);
        } else if (from_page) {
            /* a heading or short paragraph of the article: kept, unless it
             * repeats the page's title */
            if (j == 0 && d->title && same_words(ls, ln, d->title))
                drop(d, text, l, W_TITLE);
        } else if (title_at == SIZE_MAX && l->f.words >= 2 && ln <= TITLE_MAX && !l->f.sent_end) {
            title_at = idx[j];
            drop(d, text, l, W_TITLE);
            if (!d->title)
                rc_doc_setn(d, &d->title, ls, ln);
        } else {
            drop(d, text, l, W_EDGE);
        }
        if (l->why != KEEP && l->why != W_TITLE && !given_pub && l->f.digits &&
            (!d->published || strlen(d->published) < 10) &&
            l->f.words <= 12 && (l->kind == RC_FURN_NAV || l->why == W_EDGE)) {
            /* a page date line: "Publié le 04/05/2026 à 19h12", "May 19, 2026" */
            rc_date_found df;
            rc_date_scan(ls, ln, 0, &df);
            if (df.m) {
                char iso[16];
                snprintf(iso, sizeof iso, "%04d-%02d-%02d", df.y % 10000, df.m % 100, df.d % 100);
                /* more precise than a month-only header, and agreeing with it */
                if (!d->published || strncmp(d->published, iso, strlen(d->published)) == 0)
                    rc_doc_set(d, &d->published, iso);
            }
        }
    }
    /* a dateline opening the first paragraph after a title or byline */
    if (has_para && !have_dateline) {
        cline *l = &L[idx[P]];
        rc_header h2;
        if (rc_header_parse(text + l->s, l->e - l->s, &h2) && h2.agency[0]) {
            h2.date[0] = '\0';
            apply_header(d, &h2, text + l->s, l->e - l->s);
            note_removed(d, text + l->s, h2.consumed);
            l->s += h2.consumed;
            l->promo = -2; /* l->f is stale now: promotional() recomputes */
            have_dateline = 1;
        }
    }

    /* 5. the tail: a promotional block opened by a donation/promotion line */
    size_t first_body = has_para ? P : 0;
    size_t tail_from = nnb > TAIL_BLOCK ? nnb - TAIL_BLOCK : 0;
    if (tail_from <= first_body)
        tail_from = first_body + 1;
    const char *oc = m.outlet[0] ? m.outlet : NULL;
    size_t block = SIZE_MAX;
    if (nnb > tail_from) {
        /* promo[j]: line j and every later line are promotional */
        int all_after = 1;
        for (size_t j = nnb; j-- > tail_from;) {
            cline *l = &L[idx[j]];
            all_after = all_after && promotional(text, l, oc);
            if (!all_after)
                break;
            if (l->kind == RC_FURN_DONATE || l->kind == RC_FURN_PROMO)
                block = j;
        }
    }
    size_t end = nnb;
    if (block != SIZE_MAX) {
        for (size_t j = block; j < nnb; j++) {
            cline *l = &L[idx[j]];
            if (!take_credit_line(d, text, l))
                (void)take_byline(d, text, l, &m);
            drop(d, text, l, W_TAIL);
        }
        end = block;
    }
    /* then short lines, credits and bylines walking back from the end */
    for (size_t walked = 0; end > first_body + 1 && walked < TAIL_WALK; walked++) {
        cline *l = &L[idx[end - 1]];
        if (l->why != KEEP) {
            end--;
            continue;
        }
        if (take_credit_line(d, text, l))
            drop(d, text, l, W_CREDIT);
        else if (l->kind != RC_FURN_NONE)
            drop(d, text, l, W_VOCAB);
        else if (rc_line_short(&l->f) && take_byline(d, text, l, &m))
            drop(d, text, l, W_BYLINE);
        else if (rc_line_short(&l->f) && !from_page)
            drop(d, text, l, W_EDGE);
        else if (l->repeated && promotional(text, l, oc))
            drop(d, text, l, W_REPEAT);
        else
            break;
        end--;
    }

    /* 6. inside: promotion and credit lines, repeated short lines */
    for (size_t j = first_body; j < end; j++) {
        cline *l = &L[idx[j]];
        if (l->why != KEEP)
            continue;
        if (take_credit_line(d, text, l))
            drop(d, text, l, W_CREDIT);
        else if (l->kind == RC_FURN_PROMO || l->kind == RC_FURN_DONATE)
            drop(d, text, l, W_VOCAB);
        else if (l->repeated && rc_line_short(&l->f))
            drop(d, text, l, W_REPEAT);
    }
    /* a closing credit at the end of the last paragraph: "... — AFP", "(AFP)" */
    for (size_t j = end; j-- > first_body;) {
        cline *l = &L[idx[j]];
        if (l->why != KEEP)
            continue;
        const char *cr[4];
        size_t cut = 0;
        size_t k = rc_credit_suffix(text + l->s, l->e - l->s, cr, 4, &cut);
        if (k) {
            size_t c = l->s + cut;
            while (c < l->e && (text[c] == ' ' || text[c] == ','))
                c++;
            if (c < l->e && (text[c] == '(' || text[c] == '-' || (unsigned char)text[c] == 0xE2)) {
                for (size_t i = 0; i < k; i++)
                    rc_doc_add_credit(d, cr[i]);
                note_removed(d, text + l->s + cut, l->e - l->s - cut);
                l->e = l->s + cut;
                trim_span(text, &l->s, &l->e);
                if (l->e <= l->s)
                    l->why = W_CREDIT;
            }
        }
        break;
    }

    /* 7. metadata and body */
    if (!d->outlet) {
        if (m.by_outlet[0])
            rc_doc_set(d, &d->outlet, m.by_outlet);
        else if (m.outlet[0] && L[m.outlet_line].why != KEEP &&
                 (m.outlet_lines >= 2 ||
                  /* an appeal opening a removed promotional block */
                  (L[m.outlet_line].why == W_TAIL && m.outlet_nb + 1 < nnb &&
                   L[idx[m.outlet_nb + 1]].why == W_TAIL)))
            rc_doc_set(d, &d->outlet, m.outlet);
    }
    if (!d->author && m.author)
        d->author = m.author;
    size_t total = 0;
    for (size_t j = 0; j < nnb; j++) {
        cline *l = &L[idx[j]];
        if (l->why == KEEP)
            total += l->e - l->s + 1;
    }
    char *body = rc_arena_alloc(d->arena, total + 1);
    size_t o = 0;
    for (size_t j = 0; j < nnb; j++) {
        cline *l = &L[idx[j]];
        if (l->why != KEEP)
            continue;
        if (o)
            body[o++] = '\n';
        memcpy(body + o, text + l->s, l->e - l->s);
        o += l->e - l->s;
    }
    body[o] = '\0';
    d->text = body;
    d->text_len = o;
    free(L);
    free(idx);
    return o ? RC_OK : RC_EMPTY;
}
