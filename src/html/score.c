/*
 * score.c - article body: block classification, container choice,
 * boilerplate removal; see score.h.
 */
#include "html/score.h"
#include "util/mem.h"
#include "util/rc.h"
#include <string.h>
#ifdef RC_HTML_DEBUG
#include <stdio.h>
#endif

/* Block status. */
enum { ST_NONE = 0, ST_SHORT, ST_MED, ST_GOOD, ST_BAD };

/* Per-node flags. */
enum {
    NF_SKIP = 1u << 0,       /* never text (script, hidden, form controls) */
    NF_LINK = 1u << 1,       /* inside <a> */
    NF_NEG = 1u << 2,        /* own class/id/role/tag marks boilerplate */
    NF_POS = 1u << 3,        /* own class/id marks content */
    NF_STRONG = 1u << 4,     /* own marker of the article body (itemprop=articleBody ...) */
    NF_BOIL = 1u << 5,       /* inside a boilerplate region */
    NF_COMMENT = 1u << 6,    /* own class/id says comments */
    NF_SOFT = 1u << 7        /* own boilerplate marker is of the kind found inside
                                articles (caption, share bar, byline): removed from
                                the output but no evidence against the container */
};

/* Class/id words (prefixes) marking boilerplate regions. */
static const char *const neg_words[] = {
    "ad", "ads", "adv", "advert", "also", "author", "banner", "breadcrumb", "byline",
    "caption", "comment", "consent", "cookie", "credit", "cta", "dateline", "disqus",
    "donat", "feedback", "follow", "footer", "gdpr", "keyword", "login", "masthead",
    "menu", "meta", "modal", "mostread", "mostpopular", "nav", "newsletter", "outbrain",
    "pager", "paginat", "popular", "popup", "print", "promo", "rating", "readmore",
    "recommend", "related", "rss", "share", "sharing", "sidebar", "signin", "signup",
    "skip", "social", "sponsor", "subscri", "tag", "tags", "taboola", "timestamp",
    "toolbar", "tools", "trending", "widget",
};
/* Of neg_words, those naming furniture found inside article bodies. */
static const char *const soft_words[] = {
    "ad", "ads", "adv", "advert", "author", "banner", "byline", "caption", "credit", "cta",
    "dateline", "follow", "keyword", "meta", "modal", "popup", "print", "rating", "share",
    "sharing", "skip", "social", "sponsor", "tag", "tags", "timestamp", "toolbar", "tools",
};
/* Words among neg_words that must match whole (not as a prefix). */
static const char *const neg_exact[] = { "ad", "ads", "adv", "also", "cta", "meta", "tag", "tags", "tools", "print", "rss" };
/* Class/id words (prefixes) marking the article. */
static const char *const pos_words[] = {
    "article", "blog", "body", "content", "entry", "hentry", "main", "post", "prose",
    "richtext", "story", "text",
};

/* 1 when word w[n] (lower case) matches the list entry e (prefix, or whole
 * word for the exact ones). */
static int word_match(const char *w, size_t n, const char *e)
{
    size_t l = strlen(e);
    if (n < l || memcmp(w, e, l) != 0)
        return 0;
    if (n == l)
        return 1;
    for (size_t k = 0; k < sizeof neg_exact / sizeof *neg_exact; k++)
        if (strcmp(neg_exact[k], e) == 0)
            return 0;
    return 1;
}

/* Flags (NF_NEG, NF_POS, NF_STRONG, NF_COMMENT) from a class or id value. */
static unsigned class_flags(const char *s, size_t n)
{
    unsigned f = 0;
    size_t i = 0;
    while (i < n) {
        char w[32];
        size_t l = 0;
        while (i < n && !((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
                          (s[i] >= '0' && s[i] <= '9')))
            i++;
        while (i < n && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
                         (s[i] >= '0' && s[i] <= '9'))) {
            if (l < sizeof w - 1)
                w[l++] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
            i++;
        }
        if (!l)
            continue;
        w[l] = '\0';
        if (strncmp(w, "commentary", 10) == 0) {
            f |= NF_POS;
            continue;
        }
        for (size_t k = 0; k < sizeof neg_words / sizeof *neg_words; k++)
            if (w[0] == neg_words[k][0] && word_match(w, l, neg_words[k])) {
                int soft = 0;
                for (size_t j = 0; j < sizeof soft_words / sizeof *soft_words; j++)
                    if (strcmp(soft_words[j], neg_words[k]) == 0)
                        soft = 1;
                f |= soft ? NF_SOFT : NF_NEG;
                if (w[0] == 'c' && strncmp(w, "comment", 7) == 0)
                    f |= NF_COMMENT;
                break;
            }
        for (size_t k = 0; k < sizeof pos_words / sizeof *pos_words; k++)
            if (w[0] == pos_words[k][0] && word_match(w, l, pos_words[k])) {
                f |= NF_POS;
                break;
            }
        if (strcmp(w, "articlebody") == 0 || strcmp(w, "storybody") == 0)
            f |= NF_STRONG;
    }
    /* "article-body", "story-body", "entry-content", "post-content" ... */
    if (n < 200) {
        char low[200];
        for (size_t k = 0; k < n; k++)
            low[k] = (char)(s[k] >= 'A' && s[k] <= 'Z' ? s[k] + 32 : s[k]);
        low[n] = '\0';
        static const char *const strong[] = {
            "article-body", "article_body", "articlebody", "story-body", "story_body",
            "storybody", "entry-content", "post-content", "post-body", "article-content",
            "article__body", "article-text", "story-content", "body-text", "article__content",
        };
        for (size_t k = 0; k < sizeof strong / sizeof *strong; k++)
            if (strstr(low, strong[k])) {
                f |= NF_STRONG;
                break;
            }
    }
    return f;
}

/* 1 when style value s hides the element. */
static int hidden_style(const char *s)
{
    for (const char *p = s; (p = strchr(p, ':')) != NULL; p++) {
        const char *q = p + 1;
        while (*q == ' ')
            q++;
        if (strncmp(q, "none", 4) == 0 || strncmp(q, "hidden", 6) == 0) {
            /* the property name before ':' */
            const char *k = p;
            while (k > s && k[-1] == ' ')
                k--;
            if ((k - s >= 7 && strncmp(k - 7, "display", 7) == 0) ||
                (k - s >= 10 && strncmp(k - 10, "visibility", 10) == 0))
                return 1;
        }
    }
    return 0;
}

/* Own flags of element i: skip, negative, positive, strong markers. */
static unsigned own_flags(const rc_dom *d, uint32_t i)
{
    const rc_hnode *x = &d->nodes[i];
    unsigned tf = rc_dom_tag_flags(x->tag), f = 0;
    if (tf & RC_TF_SKIP)
        f |= NF_SKIP;
    switch (x->tag) {
    case RC_T_NAV: case RC_T_ASIDE: case RC_T_FOOTER: case RC_T_DIALOG: case RC_T_MENU:
        f |= NF_NEG;
        break;
    case RC_T_HEADER: case RC_T_FORM: case RC_T_FIGURE: case RC_T_FIGCAPTION:
    case RC_T_CAPTION: case RC_T_ADDRESS:
        f |= NF_SOFT;
        break;
    case RC_T_ARTICLE: case RC_T_MAIN:
        f |= NF_POS;
        break;
    }
    if (!x->len)
        return f;
    size_t l;
    const char *v;
    if (rc_dom_attr(d, i, "hidden", NULL))
        f |= NF_SKIP;
    if ((v = rc_dom_attr(d, i, "aria-hidden", NULL)) && strcmp(v, "true") == 0)
        f |= NF_SKIP;
    if ((v = rc_dom_attr(d, i, "style", NULL)) && hidden_style(v))
        f |= NF_SKIP;
    if ((v = rc_dom_attr(d, i, "class", &l)))
        f |= class_flags(v, l);
    if ((v = rc_dom_attr(d, i, "id", &l)))
        f |= class_flags(v, l);
    if ((v = rc_dom_attr(d, i, "itemprop", NULL)) && strstr(v, "articleBody"))
        f |= NF_STRONG;
    if ((v = rc_dom_attr(d, i, "role", NULL))) {
        if (!strcmp(v, "navigation") || !strcmp(v, "complementary") || !strcmp(v, "contentinfo") ||
            !strcmp(v, "banner") || !strcmp(v, "menu") || !strcmp(v, "dialog") || !strcmp(v, "alert"))
            f |= NF_NEG;
        else if (!strcmp(v, "main") || !strcmp(v, "article"))
            f |= NF_POS;
    }
    if (f & NF_STRONG)
        f = (f & ~(unsigned)(NF_NEG | NF_SOFT)) | NF_POS;
    if (f & (NF_NEG | NF_POS))
        f &= ~(unsigned)NF_SOFT;
    /* captions stay furniture whatever their class says */
    if ((x->tag == RC_T_FIGCAPTION || x->tag == RC_T_CAPTION) && !(f & NF_STRONG))
        f |= NF_SOFT;
    return f;
}

typedef struct scan {
    const rc_dom *d;
    uint32_t *owner;         /* block element owning each node's inline text */
    unsigned char *flags;    /* NF_* */
    uint32_t *chars, *links, *punct;  /* per block element */
    unsigned char *status;   /* ST_* per block element */
    double *val;             /* container value per element */
    double *good;            /* good characters per subtree (class-blind) */
} scan;

/* Weighted length of UTF-8 text (CJK characters count 2, others 1, spaces
 * 0); punctuation marks that end or split sentences counted in *punct. */
static uint32_t text_weight(const char *s, size_t n, uint32_t *punct)
{
    uint32_t w = 0, p = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if (c == ' ' || c == '\n')
                continue;
            w++;
            if (c == '.' || c == ',' || c == '!' || c == '?' || c == ';' || c == ':')
                p++;
        } else if (c >= 0xE0 && c < 0xF0) {
            w += (c == 0xE3 || (c >= 0xE4 && c <= 0xE9) || c == 0xEA || c == 0xEB || c == 0xEC || c == 0xED) ? 2 : 1;
            if (c == 0xE3 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
                ((unsigned char)s[i + 2] == 0x82 || (unsigned char)s[i + 2] == 0x81))
                p++;
        } else if (c >= 0xC0) {
            w++;
        }
    }
    *punct += p;
    return w;
}

/* Status of a block from its statistics. */
static unsigned char block_status(uint32_t chars, uint32_t links, uint32_t punct)
{
    if (!chars)
        return ST_NONE;
    double ld = (double)links / chars;
    if (ld > 0.5)
        return ST_BAD;
    if (ld <= 0.3 && (chars >= 120 || (chars >= 50 && punct >= 1)))
        return ST_GOOD;
    if (chars >= 30)
        return ST_MED;
    return ST_SHORT;
}

/* Lines that are advertising labels or reading prompts, not article text. */
static int label_line(const char *s, size_t n)
{
    static const char *const labels[] = {
        "advertisement", "advertisements", "advertising", "ad", "publicité", "publicite",
        "anzeige", "werbung", "pubblicità", "publicidad", "реклама", "sponsored",
        "continue reading", "continue reading below", "story continues below",
        "story continues below advertisement", "article continues below advertisement",
        "article continues below", "scroll to continue with content", "read more",
        "lire aussi", "lire la suite", "read also", "see also", "related", "loading",
        "loading...",
    };
    while (n && (s[n - 1] == ' ' || s[n - 1] == ':' || s[n - 1] == '.'))
        n--;
    while (n && *s == ' ')
        s++, n--;
    if (n > 40)
        return 0;
    char low[48];
    for (size_t k = 0; k < n; k++)
        low[k] = (char)(s[k] >= 'A' && s[k] <= 'Z' ? s[k] + 32 : s[k]);
    low[n] = '\0';
    for (size_t k = 0; k < sizeof labels / sizeof *labels; k++)
        if (strcmp(low, labels[k]) == 0)
            return 1;
    return 0;
}

/* Append text t[n] to out, avoiding double spaces and leading spaces. */
static int put_text(rc_buf *out, const char *t, size_t n)
{
    if (n && t[0] == ' ' && (out->len == 0 || out->data[out->len - 1] == ' ' ||
                             out->data[out->len - 1] == '\n')) {
        t++;
        n--;
    }
    return rc_buf_append(out, t, n);
}

/* End the current line of out (no trailing space, no empty lines). */
static int end_line(rc_buf *out)
{
    while (out->len && out->data[out->len - 1] == ' ')
        out->data[--out->len] = '\0';
    if (out->len == 0 || out->data[out->len - 1] == '\n')
        return RC_OK;
    return rc_buf_putc(out, '\n');
}

/* Body extraction; see score.h. */
int rc_html_body(const rc_dom *d, const char *hint, rc_buf *out)
{
    (void)hint;
    size_t n = d->n;
    scan sc;
    sc.d = d;
    sc.owner = rc_calloc(n, sizeof *sc.owner);
    sc.flags = rc_calloc(n, 1);
    sc.chars = rc_calloc(n, sizeof *sc.chars);
    sc.links = rc_calloc(n, sizeof *sc.links);
    sc.punct = rc_calloc(n, sizeof *sc.punct);
    sc.status = rc_calloc(n, 1);
    sc.val = rc_calloc(n, sizeof *sc.val);
    sc.good = rc_calloc(n, sizeof *sc.good);
    unsigned char *own = rc_calloc(n, 1);
    int rc = RC_OK;

    /* 1. inherited flags, block owners, block statistics */
    for (size_t i = 1; i < n; i++) {
        const rc_hnode *x = &d->nodes[i];
        uint32_t par = x->parent;
        unsigned inh = sc.flags[par] & (NF_SKIP | NF_LINK);
        if (x->tag == RC_T_TEXT) {
            sc.flags[i] = (unsigned char)inh;
            sc.owner[i] = sc.owner[par];
            if (inh & NF_SKIP)
                continue;
            uint32_t b = sc.owner[par];
            uint32_t w = text_weight(d->text.data + x->off, x->len, &sc.punct[b]);
            sc.chars[b] += w;
            if (inh & NF_LINK)
                sc.links[b] += w;
            continue;
        }
        own[i] = (unsigned char)own_flags(d, (uint32_t)i);
        unsigned f = inh | (own[i] & NF_SKIP);
        if (x->tag == RC_T_A)
            f |= NF_LINK;
        sc.flags[i] = (unsigned char)f;
        sc.owner[i] = (rc_dom_tag_flags(x->tag) & RC_TF_BLOCK) ? (uint32_t)i : sc.owner[par];
    }
    for (size_t i = 0; i < n; i++) {
        sc.status[i] = block_status(sc.chars[i], sc.links[i], sc.punct[i]);
        /* headings are never paragraphs: kept only by their context */
        if (sc.status[i] == ST_GOOD && (rc_dom_tag_flags(d->nodes[i].tag) & RC_TF_HEADING))
            sc.status[i] = ST_MED;
    }

    /* 2. good characters per subtree, class-blind */
    for (size_t i = n; i-- > 1;) {
        if (sc.status[i] == ST_GOOD && !(sc.flags[i] & NF_SKIP))
            sc.good[i] += sc.chars[i];
        sc.good[d->nodes[i].parent] += sc.good[i];
    }
    if (sc.status[0] == ST_GOOD)
        sc.good[0] += sc.chars[0];
    double total_good = sc.good[0];

    /* 3. boilerplate regions: negative markers, unless the region holds
     * most of the page's good text (a layout wrapper named "has-sidebar") */
    unsigned char *hard = rc_calloc(n, 1); /* inside a competing boilerplate region */
    for (size_t i = 1; i < n; i++) {
        uint32_t par = d->nodes[i].parent;
        unsigned f = sc.flags[i] | (sc.flags[par] & NF_BOIL);
        hard[i] = hard[par];
        if ((own[i] & (NF_NEG | NF_SOFT)) && !(own[i] & NF_STRONG) &&
            !(sc.good[i] >= 0.6 * total_good && total_good > 0 && !(own[i] & NF_COMMENT))) {
            f |= NF_BOIL;
            if (own[i] & NF_NEG)
                hard[i] = 1;
        }
        sc.flags[i] = (unsigned char)f;
    }

    /* 4. candidate containers (Readability-style): each good or medium
     * block outside boilerplate gives its score to itself, its parent (in
     * full) and further ancestors (decaying); a candidate's score is then
     * scaled by its link density and its markers */
    uint32_t *tchars = rc_calloc(n, sizeof *tchars), *tlinks = rc_calloc(n, sizeof *tlinks);
    for (size_t i = n; i-- > 1;) {
        if (!(sc.flags[i] & NF_SKIP) && !hard[i]) {
            tchars[i] += sc.chars[i];
            tlinks[i] += sc.links[i];
        }
        tchars[d->nodes[i].parent] += tchars[i];
        tlinks[d->nodes[i].parent] += tlinks[i];
    }
    for (size_t i = 1; i < n; i++) {
        unsigned char st = sc.status[i];
        if ((st != ST_GOOD && st != ST_MED) || (sc.flags[i] & (NF_SKIP | NF_BOIL)))
            continue;
        double c = sc.chars[i];
        double v = st == ST_GOOD ? c : 0.3 * c;
        uint32_t q = (uint32_t)i;
        for (int lvl = 0; lvl < 6; lvl++) {
            sc.val[q] += lvl <= 1 ? v : lvl == 2 ? v / 2 : v / (3.0 * (lvl - 1));
            if (!q)
                break;
            q = d->nodes[q].parent;
        }
    }
    uint32_t best = 0;
    double best_v = 0;
    for (size_t i = 1; i < n; i++) {
        if (d->nodes[i].tag == RC_T_TEXT || (sc.flags[i] & NF_SKIP) || sc.val[i] <= 0)
            continue;
        double v = sc.val[i];
        if (tchars[i])
            v *= 1.0 - (double)tlinks[i] / tchars[i];
        if (own[i] & NF_STRONG)
            v *= 1.5;
        else if (own[i] & NF_POS)
            v *= 1.2;
        if (sc.flags[i] & NF_BOIL)
            v *= 0.3;
        if (v > best_v) {
            best_v = v;
            best = (uint32_t)i;
        }
    }
    /* promotion: to a parent scoring better than the path below it
     * (Readability's walk), then to the nearest enclosing article marker
     * (itemprop=articleBody, "article-body", <article>) a few levels up */
    if (best) {
        double last = sc.val[best];
        for (uint32_t q = d->nodes[best].parent; q && d->nodes[q].tag != RC_T_BODY; q = d->nodes[q].parent) {
            if (sc.val[q] < last / 3)
                break;
            if (sc.val[q] > last * 1.2 && !(sc.flags[q] & NF_BOIL)) {
                best = q;
                break;
            }
            last = sc.val[q];
        }
        uint32_t q = best;
        for (int lvl = 0; lvl < 6 && q; lvl++, q = d->nodes[q].parent) {
            if ((own[q] & NF_STRONG) || d->nodes[q].tag == RC_T_ARTICLE) {
                if (!(sc.flags[q] & NF_BOIL))
                    best = q;
                break;
            }
        }
        while (d->nodes[best].parent && d->nodes[d->nodes[best].parent].tag != RC_T_BODY &&
               d->nodes[d->nodes[best].parent].first == best && d->nodes[d->nodes[best].parent].last == best)
            best = d->nodes[best].parent;
    }
    /* siblings of the best candidate that hold article text too */
    unsigned char *sel = rc_calloc(n, 1);
    uint32_t lo = best, hi = best ? d->nodes[best].end : (uint32_t)n;
    if (best) {
        sel[best] = 1;
        uint32_t par = d->nodes[best].parent;
        double thr = best_v * 0.2 > 10 ? best_v * 0.2 : 10;
        for (uint32_t c = d->nodes[par].first; c; c = d->nodes[c].next) {
            if (c == best || d->nodes[c].tag == RC_T_TEXT || (sc.flags[c] & (NF_SKIP | NF_BOIL)))
                continue;
            double v = sc.val[c];
            if (tchars[c])
                v *= 1.0 - (double)tlinks[c] / tchars[c];
            int ok = v >= thr;
            if (!ok && sc.status[c] == ST_GOOD && sc.links[c] * 4 < sc.chars[c])
                ok = 1;
            if (ok) {
                sel[c] = 1;
                if (c < lo)
                    lo = c;
                if (d->nodes[c].end > hi)
                    hi = d->nodes[c].end;
            }
        }
    }
    /* elements with the same tag and class as the best candidate: article
     * bodies split into chunks around ads and figures */
    const char *bcls = best ? rc_dom_attr(d, best, "class", NULL) : NULL;
    if (bcls && *bcls) {
        for (uint32_t c = 1; c < n; c++) {
            if (c == best || d->nodes[c].tag != d->nodes[best].tag || sc.good[c] <= 0 ||
                (sc.flags[c] & (NF_SKIP | NF_BOIL)))
                continue;
            const char *cc = rc_dom_attr(d, c, "class", NULL);
            if (!cc || strcmp(cc, bcls) != 0)
                continue;
            sel[c] = 1;
            if (c < lo)
                lo = c;
            if (d->nodes[c].end > hi)
                hi = d->nodes[c].end;
        }
    }
    unsigned char *in = rc_calloc(n, 1);
    for (uint32_t i = 1; i < n; i++)
        in[i] = sel[i] || in[d->nodes[i].parent];
    if (!best)
        memset(in, 1, n);
    free(tchars);
    free(tlinks);

    /* 5. keep decisions per block inside the container */
    uint32_t end = hi;
    uint32_t *blocks = rc_calloc(end - lo + 1, sizeof *blocks);
    unsigned char *keep = rc_calloc(n, 1);
    unsigned char *boil = rc_calloc(n, 1);
    size_t nb = 0;
    for (uint32_t i = lo; i < end; i++) {
        const rc_hnode *x = &d->nodes[i];
        if (!in[i])
            continue;
        if (sel[i] || i == best)
            boil[i] = 0;
        else if (x->tag == RC_T_TEXT)
            boil[i] = boil[x->parent];
        else
            boil[i] = boil[x->parent] || ((own[i] & (NF_NEG | NF_SOFT)) && (sc.flags[i] & NF_BOIL));
        if (x->tag != RC_T_TEXT && sc.status[i] != ST_NONE && !(sc.flags[i] & NF_SKIP) && !boil[i])
            blocks[nb++] = i;
    }
    /* context (jusText-style): nearest good/bad block before and after,
     * and whether any good block comes before or after; two linear passes */
    unsigned char *prevd = rc_calloc(nb + 1, 1), *nextd = rc_calloc(nb + 1, 1);
    unsigned char *gb = rc_calloc(nb + 1, 1), *ga = rc_calloc(nb + 1, 1);
    for (size_t k = 0, pd = 0, g = 0; k < nb; k++) {
        prevd[k] = (unsigned char)pd;
        gb[k] = (unsigned char)g;
        unsigned char st = sc.status[blocks[k]];
        if (st == ST_GOOD || st == ST_BAD)
            pd = st;
        if (st == ST_GOOD)
            g = 1;
    }
    for (size_t k = nb, nd = 0, g = 0; k-- > 0;) {
        nextd[k] = (unsigned char)nd;
        ga[k] = (unsigned char)g;
        unsigned char st = sc.status[blocks[k]];
        if (st == ST_GOOD || st == ST_BAD)
            nd = st;
        if (st == ST_GOOD)
            g = 1;
    }
    for (size_t k = 0; k < nb; k++) {
        uint32_t b = blocks[k];
        unsigned char st = sc.status[b];
        int heading = (rc_dom_tag_flags(d->nodes[b].tag) & RC_TF_HEADING) != 0;
        if (st == ST_GOOD)
            keep[b] = 1;
        else if (st == ST_BAD)
            keep[b] = 0;
        else if (heading)
            keep[b] = gb[k] && ga[k];
        else if (st == ST_MED)
            keep[b] = prevd[k] == ST_GOOD || nextd[k] == ST_GOOD || (gb[k] && ga[k]);
        else
            keep[b] = gb[k] && ga[k] && !(prevd[k] == ST_BAD && nextd[k] == ST_BAD);
    }
    free(prevd);
    free(nextd);
    free(gb);
    free(ga);

#ifdef RC_HTML_DEBUG
    {
        const char *cl = rc_dom_attr(d, best, "class", NULL), *id = rc_dom_attr(d, best, "id", NULL);
        fprintf(stderr, "best %u <%s class=%s id=%s> val %.0f total_good %.0f\n", best,
                rc_dom_tag_name(d->nodes[best].tag), cl ? cl : "", id ? id : "", best_v, total_good);
        for (uint32_t q = best; q; q = d->nodes[q].parent) {
            const char *c3 = rc_dom_attr(d, q, "class", NULL);
            fprintf(stderr, "  anc %u <%s .%.40s> val %.0f own %x good %.0f boil %d\n", q, rc_dom_tag_name(d->nodes[q].tag),
                    c3 ? c3 : "", sc.val[q], own[q], sc.good[q], (sc.flags[q] & NF_BOIL) ? 1 : 0);
        }
        for (size_t i = 0; i < n; i++) {
            if (!sc.status[i] || (sc.flags[i] & NF_SKIP))
                continue;
            uint32_t t = d->nodes[i].first;
            while (t && d->nodes[t].tag != RC_T_TEXT)
                t = d->nodes[t].next;
            const char *cl2 = rc_dom_attr(d, (uint32_t)i, "class", NULL);
            fprintf(stderr, "%c%c %zu <%s .%.30s> st%d c%u l%u p%u boil%d | %.70s\n",
                    (i >= lo && i < end) ? '*' : ' ', keep[i] ? 'K' : ' ', i,
                    rc_dom_tag_name(d->nodes[i].tag), cl2 ? cl2 : "", sc.status[i], sc.chars[i],
                    sc.links[i], sc.punct[i], (sc.flags[i] & NF_BOIL) ? 1 : 0,
                    t ? d->text.data + d->nodes[t].off : "");
        }
    }
#endif
    /* 6. emit */
    uint32_t last_owner = UINT32_MAX;
    for (uint32_t i = lo; i < end && rc == RC_OK; i++) {
        const rc_hnode *x = &d->nodes[i];
        if (!in[i])
            continue;
        if ((sc.flags[i] & NF_SKIP) || boil[i]) {
            if (x->tag != RC_T_TEXT)
                i = x->end - 1;
            continue;
        }
        if (x->tag == RC_T_TEXT) {
            uint32_t b = sc.owner[i];
            if (!keep[b])
                continue;
            if (b != last_owner) {
                rc = end_line(out);
                last_owner = b;
            }
            if (rc == RC_OK)
                rc = put_text(out, d->text.data + x->off, x->len);
        } else if (x->tag == RC_T_BR && keep[sc.owner[i]]) {
            rc = end_line(out);
        }
    }
    if (rc == RC_OK)
        rc = end_line(out);
    /* drop label lines */
    if (rc == RC_OK && out->len) {
        size_t w = 0, r = 0;
        while (r < out->len) {
            const char *nl = memchr(out->data + r, '\n', out->len - r);
            size_t e = nl ? (size_t)(nl - out->data) : out->len;
            if (!label_line(out->data + r, e - r)) {
                memmove(out->data + w, out->data + r, e - r);
                w += e - r;
                out->data[w++] = '\n';
            }
            r = e + 1;
        }
        while (w && out->data[w - 1] == '\n')
            w--;
        out->len = w;
        out->data[w] = '\0';
    }
    if (rc == RC_OK && out->len == 0)
        rc = RC_EMPTY;

    free(blocks);
    free(sel);
    free(in);
    free(keep);
    free(boil);
    free(own);
    free(hard);
    free(sc.owner);
    free(sc.flags);
    free(sc.chars);
    free(sc.links);
    free(sc.punct);
    free(sc.status);
    free(sc.val);
    free(sc.good);
    return rc;
}
