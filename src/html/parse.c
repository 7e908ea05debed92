/*
 * parse.c - tolerant HTML tokenizer and tree builder for dom.h.
 *
 * Not a full HTML5 tree builder: it implements the parts that shape article
 * text (implied end tags for p, li, dd/dt, table cells and rows, option,
 * nested a, headings; void elements; raw-text elements; end tags that close
 * everything above their element; stray end tags ignored) with bounded work
 * per token, so the whole parse is linear in the input.
 */
#include "html/dom.h"
#include "html/entity.h"
#include "util/mem.h"
#include "util/rc.h"
#include <string.h>
#include <strings.h>

static const char *const tag_names[] = {
#define RC_TAG_NAME(id, name) name,
    RC_HTML_TAGS(RC_TAG_NAME)
#undef RC_TAG_NAME
};
#define NKNOWN (sizeof tag_names / sizeof *tag_names)

#define V RC_TF_VOID
#define B RC_TF_BLOCK
#define I RC_TF_INLINE
#define S RC_TF_SKIP
#define H RC_TF_HEADING
static const unsigned char tag_flags[RC_T_COUNT] = {
    [RC_T_A] = I, [RC_T_ABBR] = I, [RC_T_ADDRESS] = B, [RC_T_AREA] = V,
    [RC_T_ARTICLE] = B, [RC_T_ASIDE] = B, [RC_T_AUDIO] = S, [RC_T_B] = I,
    [RC_T_BASE] = V, [RC_T_BDI] = I, [RC_T_BLOCKQUOTE] = B, [RC_T_BODY] = B,
    [RC_T_BR] = V, [RC_T_BUTTON] = S, [RC_T_CANVAS] = S, [RC_T_CAPTION] = B,
    [RC_T_CENTER] = B, [RC_T_CITE] = I, [RC_T_CODE] = I, [RC_T_COL] = V,
    [RC_T_COLGROUP] = S, [RC_T_DD] = B, [RC_T_DEL] = I, [RC_T_DETAILS] = B,
    [RC_T_DFN] = I, [RC_T_DIALOG] = B, [RC_T_DIR] = B, [RC_T_DIV] = B, [RC_T_DL] = B,
    [RC_T_DT] = B, [RC_T_EM] = I, [RC_T_EMBED] = V | S, [RC_T_FIELDSET] = B,
    [RC_T_FIGCAPTION] = B, [RC_T_FIGURE] = B, [RC_T_FONT] = I, [RC_T_FOOTER] = B,
    [RC_T_FORM] = B, [RC_T_FRAME] = V | S, [RC_T_FRAMESET] = S,
    [RC_T_H1] = B | H, [RC_T_H2] = B | H, [RC_T_H3] = B | H, [RC_T_H4] = B | H,
    [RC_T_H5] = B | H, [RC_T_H6] = B | H, [RC_T_HEAD] = S, [RC_T_HEADER] = B,
    [RC_T_HGROUP] = B, [RC_T_HR] = V | B, [RC_T_HTML] = B, [RC_T_I] = I,
    [RC_T_IFRAME] = S, [RC_T_IMG] = V, [RC_T_INPUT] = V | S, [RC_T_INS] = I,
    [RC_T_KBD] = I, [RC_T_LABEL] = I, [RC_T_LEGEND] = B, [RC_T_LI] = B,
    [RC_T_LINK] = V, [RC_T_LISTING] = B, [RC_T_MAIN] = B, [RC_T_MAP] = S,
    [RC_T_MARK] = I, [RC_T_MATH] = S, [RC_T_MENU] = B, [RC_T_META] = V,
    [RC_T_NAV] = B, [RC_T_NOBR] = I, [RC_T_NOEMBED] = S, [RC_T_NOFRAMES] = S,
    [RC_T_NOSCRIPT] = S, [RC_T_OBJECT] = S, [RC_T_OL] = B, [RC_T_OPTGROUP] = S,
    [RC_T_OPTION] = S, [RC_T_OUTPUT] = I, [RC_T_P] = B, [RC_T_PARAM] = V,
    [RC_T_PICTURE] = I, [RC_T_PLAINTEXT] = B, [RC_T_PRE] = B, [RC_T_Q] = I,
    [RC_T_S] = I, [RC_T_SAMP] = I, [RC_T_SCRIPT] = S, [RC_T_SECTION] = B,
    [RC_T_SELECT] = S, [RC_T_SMALL] = I, [RC_T_SOURCE] = V, [RC_T_SPAN] = I,
    [RC_T_STRIKE] = I, [RC_T_STRONG] = I, [RC_T_STYLE] = S, [RC_T_SUB] = I,
    [RC_T_SUMMARY] = B, [RC_T_SUP] = I, [RC_T_SVG] = S, [RC_T_TABLE] = B,
    [RC_T_TBODY] = B, [RC_T_TD] = B, [RC_T_TEMPLATE] = S, [RC_T_TEXTAREA] = S,
    [RC_T_TFOOT] = B, [RC_T_TH] = B, [RC_T_THEAD] = B, [RC_T_TIME] = I,
    [RC_T_TITLE] = S, [RC_T_TR] = B, [RC_T_TRACK] = V, [RC_T_TT] = I, [RC_T_U] = I,
    [RC_T_UL] = B, [RC_T_VAR] = I, [RC_T_VIDEO] = S, [RC_T_WBR] = V, [RC_T_XMP] = B,
    [RC_T_UNKNOWN] = 0, [RC_T_TEXT] = 0, [RC_T_ROOT] = B,
};
#undef V
#undef B
#undef I
#undef S
#undef H

/* Flags of tag; see dom.h. */
unsigned rc_dom_tag_flags(unsigned tag)
{
    return tag < RC_T_COUNT ? tag_flags[tag] : 0;
}

/* Name of tag; see dom.h. */
const char *rc_dom_tag_name(unsigned tag)
{
    return tag < NKNOWN ? tag_names[tag] : "";
}

/* Attributes the extractor reads; all others are skipped while parsing. */
static const char *const kept_attrs[] = {
    "aria-hidden", "class", "content", "datetime", "hidden", "href", "http-equiv",
    "id", "itemprop", "itemtype", "lang", "name", "property", "rel", "role",
    "style", "type", "xml:lang",
};

/* Scope classes tracked on the stack of open elements (implied end tags). */
enum { SC_P, SC_LI, SC_DD, SC_CELL, SC_ROW, SC_OPT, SC_A, NSC };

typedef struct open_el {
    uint32_t node;
    uint16_t tag;
    uint32_t hash;           /* name hash for unknown elements */
    int32_t scope[NSC];      /* stack index of the nearest open element of each class, -1 */
    int32_t prev_same;       /* stack index of the next open element with this tag below, -1 */
    int32_t block;           /* stack index of the nearest block element (this one included) */
    int32_t cell;            /* stack index of the nearest table, td or th, -1 */
} open_el;

typedef struct parser {
    rc_dom *d;
    const char *s;
    size_t n;
    open_el *st;             /* stack of open elements; st[0] is the root */
    int top;
    uint32_t open_count[RC_T_COUNT];
    int32_t last_idx[RC_T_COUNT];  /* stack index of the topmost open element per tag, -1 */
    int pre;                 /* open <pre>/<listing>/<textarea> count */
    int foreign;             /* open <svg>/<math> count: honour "/>" */
    int full;                /* node cap reached */
} parser;

/* 1 for HTML white space. */
static int is_ws(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* 1 for an ASCII letter. */
static int is_alpha(unsigned char c)
{
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

/* Tag id of the lower-case name s[n] (bisection over tag_names). */
static unsigned lookup_tag(const char *s, size_t n)
{
    size_t lo = 0, hi = NKNOWN;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        size_t tl = strlen(tag_names[mid]);
        int c = memcmp(tag_names[mid], s, tl < n ? tl : n);
        if (c == 0)
            c = tl < n ? -1 : tl > n ? 1 : 0;
        if (c == 0)
            return (unsigned)mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return RC_T_UNKNOWN;
}

/* Append a node with tag under parent; returns its index or 0 at the cap. */
static uint32_t add_node(parser *p, uint32_t parent, unsigned tag)
{
    rc_dom *d = p->d;
    if (d->n >= RC_DOM_MAX_NODES) {
        p->full = 1;
        return 0;
    }
    if (d->n == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 256;
        d->nodes = rc_reallocarray(d->nodes, d->cap, sizeof *d->nodes);
    }
    uint32_t i = (uint32_t)d->n++;
    rc_hnode *x = &d->nodes[i];
    memset(x, 0, sizeof *x);
    x->parent = parent;
    x->tag = (uint16_t)tag;
    x->end = i + 1;
    unsigned dep = d->nodes[parent].depth + 1u;
    x->depth = (uint16_t)(dep > 65535 ? 65535 : dep);
    rc_hnode *par = &d->nodes[parent];
    if (par->last)
        d->nodes[par->last].next = i;
    else
        par->first = i;
    par->last = i;
    return i;
}

/* Append text s[n] to the current element: decode entities when decode,
 * collapse white space unless raw. Merges with a preceding text node. */
static void add_text(parser *p, const char *s, size_t n, int decode, int raw)
{
    rc_dom *d = p->d;
    uint32_t parent = p->st[p->top].node;
    rc_hnode *par = &d->nodes[parent];
    uint32_t ti = par->last;
    int merge = ti && d->nodes[ti].tag == RC_T_TEXT &&
                d->nodes[ti].off + d->nodes[ti].len == d->text.len;
    size_t before = d->text.len;
    int sp = merge ? (d->text.len > 0 && d->text.data[d->text.len - 1] == ' ') : 0;
    int keep_nl = p->pre > 0;
    size_t i = 0;
    while (i < n) {
        /* copy a run of ordinary bytes in one go */
        size_t j = i;
        while (j < n) {
            unsigned char c = (unsigned char)s[j];
            if (c == '&' || c == 0 || c == 0xC2 || (!raw && is_ws(c)))
                break;
            j++;
        }
        if (j > i) {
            if (rc_buf_append(&d->text, s + i, j - i) != RC_OK)
                return;
            sp = 0;
            i = j;
            continue;
        }
        unsigned char c = (unsigned char)s[i];
        if (c == 0) {
            i++;
            continue;
        }
        if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0 && !raw) {
            c = ' ';
            i++;
        } else if (c == '&' && decode) {
            char out[8];
            size_t ol = 0, used = rc_html_entity(s + i, n - i, 0, out, &ol);
            if (used) {
                i += used;
                if (ol == 2 && (unsigned char)out[0] == 0xC2 && (unsigned char)out[1] == 0xA0 && !raw) {
                    c = ' ';
                    i--; /* fall through to the white-space case below */
                } else {
                    int has0 = memchr(out, 0, ol) != NULL;
                    if (!has0 && rc_buf_append(&d->text, out, ol) != RC_OK)
                        return;
                    sp = 0;
                    continue;
                }
            }
        }
        if (!raw && (is_ws(c) || c == ' ')) {
            if (keep_nl && c == '\n') {
                rc_buf_putc(&d->text, '\n');
                sp = 1;
            } else if (!sp) {
                rc_buf_putc(&d->text, ' ');
                sp = 1;
            }
            i++;
            continue;
        }
        if (rc_buf_putc(&d->text, (char)c) != RC_OK)
            return;
        sp = 0;
        i++;
    }
    size_t added = d->text.len - before;
    if (!added)
        return;
    if (merge) {
        d->nodes[ti].len += (uint32_t)added;
        return;
    }
    uint32_t t = add_node(p, parent, RC_T_TEXT);
    if (!t) {
        d->text.len = before;
        d->text.data[before] = '\0';
        return;
    }
    d->nodes[t].off = (uint32_t)before;
    d->nodes[t].len = (uint32_t)added;
}

/* Close the element at stack index k and everything above it. */
static void pop_to(parser *p, int k)
{
    if (k < 1)
        return;
    while (p->top >= k) {
        open_el *e = &p->st[p->top];
        p->d->nodes[e->node].end = (uint32_t)p->d->n;
        if (p->open_count[e->tag])
            p->open_count[e->tag]--;
        p->last_idx[e->tag] = e->prev_same;
        if (e->tag == RC_T_PRE || e->tag == RC_T_LISTING)
            p->pre--;
        if (e->tag == RC_T_SVG || e->tag == RC_T_MATH)
            p->foreign--;
        p->top--;
    }
}

/* Classes a tag belongs to, and classes it is a scope boundary for. */
static int in_class(unsigned t, int k)
{
    switch (k) {
    case SC_P: return t == RC_T_P;
    case SC_LI: return t == RC_T_LI;
    case SC_DD: return t == RC_T_DD || t == RC_T_DT;
    case SC_CELL: return t == RC_T_TD || t == RC_T_TH;
    case SC_ROW: return t == RC_T_TR;
    case SC_OPT: return t == RC_T_OPTION;
    case SC_A: return t == RC_T_A;
    }
    return 0;
}

/* 1 when t bounds the search for class k (HTML5 scopes, simplified). */
static int bounds(unsigned t, int k)
{
    int basic = t == RC_T_TABLE || t == RC_T_TD || t == RC_T_TH || t == RC_T_CAPTION ||
                t == RC_T_HTML || t == RC_T_TEMPLATE || t == RC_T_OBJECT || t == RC_T_SVG ||
                t == RC_T_MATH;
    switch (k) {
    case SC_P: return basic || t == RC_T_BUTTON;
    case SC_LI: return basic || t == RC_T_BUTTON || t == RC_T_OL || t == RC_T_UL;
    case SC_DD: return basic || t == RC_T_BUTTON || t == RC_T_DL;
    case SC_CELL: return t == RC_T_TABLE || t == RC_T_HTML || t == RC_T_TEMPLATE;
    case SC_ROW: return t == RC_T_TABLE || t == RC_T_HTML || t == RC_T_TEMPLATE;
    case SC_OPT: return t == RC_T_SELECT || t == RC_T_OPTGROUP;
    case SC_A: return basic;
    }
    return 0;
}

/* Push element node (tag, name hash) on the stack of open elements. */
static void push(parser *p, uint32_t node, unsigned tag, uint32_t hash)
{
    open_el *par = &p->st[p->top];
    open_el *e = &p->st[++p->top];
    e->node = node;
    e->tag = (uint16_t)tag;
    e->hash = hash;
    for (int k = 0; k < NSC; k++)
        e->scope[k] = in_class(tag, k) ? p->top : bounds(tag, k) ? -1 : par->scope[k];
    p->open_count[tag]++;
    e->prev_same = p->last_idx[tag];
    p->last_idx[tag] = p->top;
    e->block = (tag_flags[tag] & RC_TF_BLOCK) ? p->top : par->block;
    e->cell = (tag == RC_T_TABLE || tag == RC_T_TD || tag == RC_T_TH) ? p->top : par->cell;
    if (tag == RC_T_PRE || tag == RC_T_LISTING)
        p->pre++;
    if (tag == RC_T_SVG || tag == RC_T_MATH)
        p->foreign++;
}

/* Elements whose start tag closes an open <p>. */
static int closes_p(unsigned t)
{
    switch (t) {
    case RC_T_ADDRESS: case RC_T_ARTICLE: case RC_T_ASIDE: case RC_T_BLOCKQUOTE:
    case RC_T_CENTER: case RC_T_DETAILS: case RC_T_DIALOG: case RC_T_DIR: case RC_T_DIV:
    case RC_T_DL: case RC_T_FIELDSET: case RC_T_FIGCAPTION: case RC_T_FIGURE:
    case RC_T_FOOTER: case RC_T_FORM: case RC_T_H1: case RC_T_H2: case RC_T_H3:
    case RC_T_H4: case RC_T_H5: case RC_T_H6: case RC_T_HEADER: case RC_T_HGROUP:
    case RC_T_HR: case RC_T_MAIN: case RC_T_MENU: case RC_T_NAV: case RC_T_OL:
    case RC_T_P: case RC_T_PRE: case RC_T_SECTION: case RC_T_TABLE: case RC_T_UL:
    case RC_T_LI: case RC_T_DD: case RC_T_DT: case RC_T_LISTING: case RC_T_XMP:
    case RC_T_PLAINTEXT: case RC_T_SUMMARY:
        return 1;
    }
    return 0;
}

/* Store an attribute (name lower case) of element node, value s[n]
 * decoded and truncated. */
static void add_attr(parser *p, uint32_t node, const char *name, const char *s, size_t n)
{
    rc_dom *d = p->d;
    rc_hnode *x = &d->nodes[node];
    if (x->len >= RC_DOM_MAX_ATTRS)
        return;
    if (x->len == 0)
        x->off = (uint32_t)d->nattrs;
    if (d->nattrs == d->acap) {
        d->acap = d->acap ? d->acap * 2 : 256;
        d->attrs = rc_reallocarray(d->attrs, d->acap, sizeof *d->attrs);
    }
    rc_hattr *a = &d->attrs[d->nattrs];
    size_t mark = d->abuf.len;
    a->name = (uint32_t)d->abuf.len;
    if (rc_buf_puts(&d->abuf, name) != RC_OK || rc_buf_putc(&d->abuf, '\0') != RC_OK)
        goto undo;
    a->val = (uint32_t)d->abuf.len;
    size_t i = 0, start = d->abuf.len;
    while (i < n && d->abuf.len - start < RC_DOM_MAX_ATTR_LEN) {
        unsigned char c = (unsigned char)s[i];
        if (c == '&') {
            char out[8];
            size_t ol = 0, used = rc_html_entity(s + i, n - i, 1, out, &ol);
            if (used) {
                if (!memchr(out, 0, ol) && rc_buf_append(&d->abuf, out, ol) != RC_OK)
                    goto undo;
                i += used;
                continue;
            }
        }
        if (c != 0 && rc_buf_putc(&d->abuf, (char)c) != RC_OK)
            goto undo;
        i++;
    }
    a->val_len = (uint32_t)(d->abuf.len - start);
    if (rc_buf_putc(&d->abuf, '\0') != RC_OK)
        goto undo;
    d->nattrs++;
    x->len++;
    return;
undo:
    d->abuf.len = mark;
    if (d->abuf.data)
        d->abuf.data[mark] = '\0';
}

/* 1 when the attribute name is one the extractor reads. */
static int kept_attr(const char *name)
{
    for (size_t i = 0; i < sizeof kept_attrs / sizeof *kept_attrs; i++)
        if (strcmp(kept_attrs[i], name) == 0)
            return 1;
    return 0;
}

/* Parse the attributes of a tag starting at s[i] (after the name) up to
 * and including '>'. Stores kept ones on node (0: discard). Sets
 * *selfclose for "/>". Returns the index after '>', or n when the tag runs
 * to the end of input (then *eof is set). */
static size_t parse_attrs(parser *p, size_t i, uint32_t node, int *selfclose, int *eof)
{
    const char *s = p->s;
    size_t n = p->n;
    *selfclose = 0;
    *eof = 0;
    for (;;) {
        while (i < n && (is_ws((unsigned char)s[i]) || s[i] == '/')) {
            if (s[i] == '/' && i + 1 < n && s[i + 1] == '>')
                *selfclose = 1;
            i++;
        }
        if (i >= n) {
            *eof = 1;
            return n;
        }
        if (s[i] == '>')
            return i + 1;
        size_t ns = i;
        i++; /* the first character may be '=' */
        while (i < n && !is_ws((unsigned char)s[i]) && s[i] != '/' && s[i] != '>' && s[i] != '=')
            i++;
        size_t ne = i;
        while (i < n && is_ws((unsigned char)s[i]))
            i++;
        size_t vs = 0, ve = 0;
        int has_val = 0;
        if (i < n && s[i] == '=') {
            i++;
            while (i < n && is_ws((unsigned char)s[i]))
                i++;
            if (i < n && (s[i] == '"' || s[i] == '\'')) {
                char q = s[i++];
                const char *e = memchr(s + i, q, n - i);
                if (!e) {
                    *eof = 1;
                    return n;
                }
                vs = i;
                ve = (size_t)(e - s);
                i = ve + 1;
            } else {
                vs = i;
                while (i < n && !is_ws((unsigned char)s[i]) && s[i] != '>')
                    i++;
                ve = i;
            }
            has_val = 1;
        }
        if (node && ne - ns < 24) {
            char name[24];
            size_t k;
            for (k = 0; k < ne - ns; k++) {
                unsigned char c = (unsigned char)s[ns + k];
                name[k] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            }
            name[k] = '\0';
            if (kept_attr(name) && !rc_dom_attr(p->d, node, name, NULL))
                add_attr(p, node, name, has_val ? s + vs : "", has_val ? ve - vs : 0);
        }
    }
}

/* Index of the end of the raw text of element name[len] starting at s[i]
 * ("</name" followed by a delimiter), or n. */
static size_t raw_end(const parser *p, size_t i, const char *name, size_t len)
{
    const char *s = p->s;
    size_t n = p->n;
    while (i < n) {
        const char *lt = memchr(s + i, '<', n - i);
        if (!lt)
            return n;
        size_t k = (size_t)(lt - s);
        if (k + 2 + len <= n && s[k + 1] == '/' && strncasecmp(s + k + 2, name, len) == 0 &&
            (k + 2 + len == n || is_ws((unsigned char)s[k + 2 + len]) || s[k + 2 + len] == '>' ||
             s[k + 2 + len] == '/'))
            return k;
        i = k + 1;
    }
    return n;
}

/* FNV-1a hash of the lower-case name. */
static uint32_t name_hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        h = (h ^ (c >= 'A' && c <= 'Z' ? c + 32u : c)) * 16777619u;
    }
    return h;
}

/* Handle a start tag whose name is s[ns..ne), attributes from ne. Returns
 * the index after the tag (and its raw content, if any). */
static size_t start_tag(parser *p, size_t ns, size_t ne)
{
    char low[16];
    size_t len = ne - ns;
    unsigned tag = RC_T_UNKNOWN;
    if (len < sizeof low) {
        for (size_t k = 0; k < len; k++) {
            unsigned char c = (unsigned char)p->s[ns + k];
            low[k] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
        low[len] = '\0';
        tag = lookup_tag(low, len);
    }
    unsigned fl = tag_flags[tag];
    uint32_t hash = tag == RC_T_UNKNOWN ? name_hash(p->s + ns, len) : 0;
    int sc, eof;

    /* a second <html>/<body>: ignored (no new node) */
    if ((tag == RC_T_HTML || tag == RC_T_BODY || tag == RC_T_HEAD) && p->open_count[tag])
        return parse_attrs(p, ne, 0, &sc, &eof);

    /* implied end tags */
    open_el *top = &p->st[p->top];
    if (closes_p(tag) && top->scope[SC_P] >= 0)
        pop_to(p, top->scope[SC_P]);
    top = &p->st[p->top];
    if (tag == RC_T_LI && top->scope[SC_LI] >= 0)
        pop_to(p, top->scope[SC_LI]);
    else if ((tag == RC_T_DD || tag == RC_T_DT) && top->scope[SC_DD] >= 0)
        pop_to(p, top->scope[SC_DD]);
    else if ((tag == RC_T_TD || tag == RC_T_TH || tag == RC_T_TR || tag == RC_T_TBODY ||
              tag == RC_T_THEAD || tag == RC_T_TFOOT) && top->scope[SC_CELL] >= 0)
        pop_to(p, top->scope[SC_CELL]);
    top = &p->st[p->top];
    if ((tag == RC_T_TR || tag == RC_T_TBODY || tag == RC_T_THEAD || tag == RC_T_TFOOT) &&
        top->scope[SC_ROW] >= 0)
        pop_to(p, top->scope[SC_ROW]);
    else if ((tag == RC_T_OPTION || tag == RC_T_OPTGROUP) && top->scope[SC_OPT] >= 0)
        pop_to(p, top->scope[SC_OPT]);
    else if (tag == RC_T_A && top->scope[SC_A] >= 0)
        pop_to(p, top->scope[SC_A]);
    top = &p->st[p->top];
    if ((fl & RC_TF_HEADING) && (tag_flags[top->tag] & RC_TF_HEADING))
        pop_to(p, p->top);

    uint32_t node = p->full ? 0 : add_node(p, p->st[p->top].node, tag);
    size_t i = parse_attrs(p, ne, node, &sc, &eof);
    if (eof) {
        /* a tag cut by the end of input is dropped */
        if (node && node == p->d->n - 1) {
            rc_hnode *par = &p->d->nodes[p->d->nodes[node].parent];
            /* unlink: it is the parent's last child */
            if (par->first == node) {
                par->first = par->last = 0;
            } else {
                uint32_t c = par->first;
                while (c && p->d->nodes[c].next != node)
                    c = p->d->nodes[c].next;
                if (c)
                    p->d->nodes[c].next = 0;
                par->last = c;
            }
            p->d->nattrs -= p->d->nodes[node].len;
            p->d->n--;
        }
        return p->n;
    }
    if (!node)
        return i;

    /* raw text and escapable raw text elements */
    if (tag == RC_T_SCRIPT || tag == RC_T_STYLE || tag == RC_T_XMP || tag == RC_T_IFRAME ||
        tag == RC_T_NOEMBED || tag == RC_T_NOFRAMES || tag == RC_T_NOSCRIPT ||
        tag == RC_T_TITLE || tag == RC_T_TEXTAREA || tag == RC_T_PLAINTEXT) {
        const char *nm = tag_names[tag];
        size_t e = tag == RC_T_PLAINTEXT ? p->n : raw_end(p, i, nm, strlen(nm));
        int keep = 0, decode = 0;
        if (tag == RC_T_TITLE || tag == RC_T_TEXTAREA || tag == RC_T_XMP || tag == RC_T_PLAINTEXT) {
            keep = 1;
            decode = tag != RC_T_XMP && tag != RC_T_PLAINTEXT;
        } else if (tag == RC_T_SCRIPT) {
            const char *ty = rc_dom_attr(p->d, node, "type", NULL);
            keep = ty && strstr(ty, "ld+json") != NULL;
        }
        if (keep && p->top < RC_DOM_MAX_DEPTH - 1) {
            push(p, node, tag, 0);
            add_text(p, p->s + i, e - i, decode, 0);
            pop_to(p, p->top);
        }
        p->d->nodes[node].end = (uint32_t)p->d->n;
        if (e >= p->n)
            return p->n;
        const char *gt = memchr(p->s + e, '>', p->n - e);
        return gt ? (size_t)(gt - p->s) + 1 : p->n;
    }

    if ((fl & RC_TF_VOID) || (sc && p->foreign) || p->top >= RC_DOM_MAX_DEPTH - 1)
        return i;
    push(p, node, tag, hash);
    return i;
}

/* Handle an end tag named s[ns..ne). */
static void end_tag(parser *p, size_t ns, size_t ne)
{
    char low[16];
    size_t len = ne - ns;
    unsigned tag = RC_T_UNKNOWN;
    if (len < sizeof low) {
        for (size_t k = 0; k < len; k++) {
            unsigned char c = (unsigned char)p->s[ns + k];
            low[k] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
        low[len] = '\0';
        tag = lookup_tag(low, len);
    }
    if (tag == RC_T_BR) {
        if (!p->full)
            add_node(p, p->st[p->top].node, RC_T_BR);
        return;
    }
    if (tag == RC_T_BODY || tag == RC_T_HTML || !p->open_count[tag])
        return;
    uint32_t hash = tag == RC_T_UNKNOWN ? name_hash(p->s + ns, len) : 0;
    int32_t k = p->last_idx[tag];
    for (int steps = 0; k >= 1 && p->st[k].hash != hash; steps++) {
        if (steps > 32)
            return;
        k = p->st[k].prev_same;
    }
    if (k < 1)
        return;
    const open_el *top = &p->st[p->top];
    /* an inline end tag does not close blocks */
    int inline_tag = (tag_flags[tag] & RC_TF_INLINE) || tag == RC_T_UNKNOWN;
    if (inline_tag && top->block > k)
        return;
    /* only table parts close across a table or cell */
    int table_part = tag == RC_T_TABLE || tag == RC_T_TD || tag == RC_T_TH || tag == RC_T_TR ||
                     tag == RC_T_TBODY || tag == RC_T_THEAD || tag == RC_T_TFOOT;
    if (!table_part && top->cell > k)
        return;
    pop_to(p, k);
}

/* Index of the end of a "<!...>", "<?...>" or "</ ...>" construct at s[i]. */
static size_t skip_markup(const parser *p, size_t i)
{
    const char *s = p->s;
    size_t n = p->n;
    if (i + 3 < n && s[i + 1] == '!' && s[i + 2] == '-' && s[i + 3] == '-') {
        size_t k = i + 4;
        if (k < n && s[k] == '>')
            return k + 1;
        if (k + 1 < n && s[k] == '-' && s[k + 1] == '>')
            return k + 2;
        while (k + 2 < n) {
            const char *dash = memchr(s + k, '-', n - k - 2);
            if (!dash)
                return n;
            k = (size_t)(dash - s);
            if (s[k + 1] == '-' && (s[k + 2] == '>' || (s[k + 2] == '!' && k + 3 < n && s[k + 3] == '>')))
                return k + (s[k + 2] == '>' ? 3 : 4);
            k++;
        }
        return n;
    }
    if (i + 8 < n && memcmp(s + i + 1, "![CDATA[", 8) == 0) {
        for (size_t k = i + 9; k + 2 < n; k++) {
            const char *b = memchr(s + k, ']', n - k - 2);
            if (!b)
                return n;
            k = (size_t)(b - s);
            if (s[k + 1] == ']' && s[k + 2] == '>')
                return k + 3;
        }
        return n;
    }
    const char *gt = memchr(s + i + 1, '>', n - i - 1);
    return gt ? (size_t)(gt - s) + 1 : n;
}

/* Parse; see dom.h. */
int rc_dom_parse(rc_dom *d, const char *html, size_t n)
{
    memset(d, 0, sizeof *d);
    rc_buf_init(&d->text, n + n / 2 + 1024);
    rc_buf_init(&d->abuf, n + n / 2 + 1024);
    parser p;
    memset(&p, 0, sizeof p);
    p.d = d;
    p.s = html;
    p.n = n;
    d->cap = 256;
    d->nodes = rc_calloc(d->cap, sizeof *d->nodes);
    d->n = 1;
    d->nodes[0].tag = RC_T_ROOT;
    d->nodes[0].end = 1;
    p.st = rc_calloc(RC_DOM_MAX_DEPTH + 1, sizeof *p.st);
    p.st[0].tag = RC_T_ROOT;
    for (int k = 0; k < NSC; k++)
        p.st[0].scope[k] = -1;
    p.st[0].prev_same = -1;
    p.st[0].cell = -1;
    for (int k = 0; k < RC_T_COUNT; k++)
        p.last_idx[k] = -1;
    if (n > ((size_t)1 << 31)) {
        free(p.st);
        return RC_TOOBIG;
    }
    size_t i = 0;
    while (i < n) {
        if (html[i] != '<') {
            const char *lt = memchr(html + i, '<', n - i);
            size_t j = lt ? (size_t)(lt - html) : n;
            add_text(&p, html + i, j - i, 1, 0);
            i = j;
            continue;
        }
        if (i + 1 >= n) {
            add_text(&p, "<", 1, 0, 0);
            break;
        }
        unsigned char c1 = (unsigned char)html[i + 1];
        if (is_alpha(c1)) {
            size_t ns = i + 1, ne = ns;
            while (ne < n && !is_ws((unsigned char)html[ne]) && html[ne] != '/' && html[ne] != '>')
                ne++;
            i = start_tag(&p, ns, ne);
        } else if (c1 == '/' && i + 2 < n && is_alpha((unsigned char)html[i + 2])) {
            size_t ns = i + 2, ne = ns;
            while (ne < n && !is_ws((unsigned char)html[ne]) && html[ne] != '/' && html[ne] != '>')
                ne++;
            int sc, eof;
            i = parse_attrs(&p, ne, 0, &sc, &eof);
            if (!eof)
                end_tag(&p, ns, ne);
        } else if (c1 == '!' || c1 == '?' || c1 == '/') {
            i = skip_markup(&p, i);
        } else {
            add_text(&p, "<", 1, 0, 0);
            i++;
        }
    }
    pop_to(&p, 1);
    d->nodes[0].end = (uint32_t)d->n;
    free(p.st);
    return RC_OK;
}

/* Release d; see dom.h. */
void rc_dom_free(rc_dom *d)
{
    free(d->nodes);
    free(d->attrs);
    rc_buf_cleanup(&d->text);
    rc_buf_cleanup(&d->abuf);
    memset(d, 0, sizeof *d);
}

/* Attribute look-up; see dom.h. */
const char *rc_dom_attr(const rc_dom *d, uint32_t i, const char *name, size_t *len)
{
    const rc_hnode *x = &d->nodes[i];
    if (x->tag == RC_T_TEXT || x->tag == RC_T_ROOT)
        return NULL;
    for (uint32_t k = 0; k < x->len; k++) {
        const rc_hattr *a = &d->attrs[x->off + k];
        if (strcmp(d->abuf.data + a->name, name) == 0) {
            if (len)
                *len = a->val_len;
            return d->abuf.data + a->val;
        }
    }
    return NULL;
}
