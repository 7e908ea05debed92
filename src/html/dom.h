/*
 * dom.h - the small DOM the extractor works on, and the tolerant HTML
 * parser that builds it (parse.c). Private to src/html/.
 *
 * Nodes live in one array in document order, so the subtree of node i is
 * the index range [i, nodes[i].end): passes over the tree are loops, never
 * recursion. Node 0 is the root (tag RC_T_ROOT). Text nodes hold text with
 * entities decoded, NUL bytes dropped, runs of white space (and NBSP)
 * collapsed to one ' ' (newlines kept inside <pre>). The content of
 * <script>, <style> and other raw-text elements is dropped, except JSON-LD
 * scripts (kept raw as one text child) and <title>/<textarea> (decoded).
 *
 * Bounds: nesting deeper than RC_DOM_MAX_DEPTH is flattened (deeper
 * elements become leaves of the deepest open one), at most
 * RC_DOM_MAX_NODES nodes (further tags are ignored, their text kept),
 * at most RC_DOM_MAX_ATTRS attributes per element, each value truncated
 * to RC_DOM_MAX_ATTR_LEN bytes; only attributes the extractor reads are
 * kept. Time and memory are linear in the input.
 *
 * Ownership: rc_dom_parse() fills a caller-provided rc_dom; rc_dom_free()
 * releases what it holds.
 */
#ifndef RC_HTML_DOM_H
#define RC_HTML_DOM_H
#include <stddef.h>
#include <stdint.h>
#include "util/buf.h"

#define RC_DOM_MAX_DEPTH 512
#define RC_DOM_MAX_NODES (4u << 20)
#define RC_DOM_MAX_ATTRS 24
#define RC_DOM_MAX_ATTR_LEN 4096

/* Known elements, sorted by name (the parser looks names up by bisection). */
#define RC_HTML_TAGS(X) \
    X(A, "a") X(ABBR, "abbr") X(ADDRESS, "address") X(AREA, "area") \
    X(ARTICLE, "article") X(ASIDE, "aside") X(AUDIO, "audio") X(B, "b") \
    X(BASE, "base") X(BDI, "bdi") X(BLOCKQUOTE, "blockquote") X(BODY, "body") \
    X(BR, "br") X(BUTTON, "button") X(CANVAS, "canvas") X(CAPTION, "caption") \
    X(CENTER, "center") X(CITE, "cite") X(CODE, "code") X(COL, "col") \
    X(COLGROUP, "colgroup") X(DD, "dd") X(DEL, "del") X(DETAILS, "details") \
    X(DFN, "dfn") X(DIALOG, "dialog") X(DIR, "dir") X(DIV, "div") X(DL, "dl") \
    X(DT, "dt") X(EM, "em") X(EMBED, "embed") X(FIELDSET, "fieldset") \
    X(FIGCAPTION, "figcaption") X(FIGURE, "figure") X(FONT, "font") \
    X(FOOTER, "footer") X(FORM, "form") X(FRAME, "frame") X(FRAMESET, "frameset") \
    X(H1, "h1") X(H2, "h2") X(H3, "h3") X(H4, "h4") X(H5, "h5") X(H6, "h6") \
    X(HEAD, "head") X(HEADER, "header") X(HGROUP, "hgroup") X(HR, "hr") \
    X(HTML, "html") X(I, "i") X(IFRAME, "iframe") X(IMG, "img") X(INPUT, "input") \
    X(INS, "ins") X(KBD, "kbd") X(LABEL, "label") X(LEGEND, "legend") X(LI, "li") \
    X(LINK, "link") X(LISTING, "listing") X(MAIN, "main") X(MAP, "map") \
    X(MARK, "mark") X(MATH, "math") X(MENU, "menu") X(META, "meta") X(NAV, "nav") \
    X(NOBR, "nobr") X(NOEMBED, "noembed") X(NOFRAMES, "noframes") \
    X(NOSCRIPT, "noscript") X(OBJECT, "object") X(OL, "ol") \
    X(OPTGROUP, "optgroup") X(OPTION, "option") X(OUTPUT, "output") X(P, "p") \
    X(PARAM, "param") X(PICTURE, "picture") X(PLAINTEXT, "plaintext") \
    X(PRE, "pre") X(Q, "q") X(S, "s") X(SAMP, "samp") X(SCRIPT, "script") \
    X(SECTION, "section") X(SELECT, "select") X(SMALL, "small") \
    X(SOURCE, "source") X(SPAN, "span") X(STRIKE, "strike") X(STRONG, "strong") \
    X(STYLE, "style") X(SUB, "sub") X(SUMMARY, "summary") X(SUP, "sup") \
    X(SVG, "svg") X(TABLE, "table") X(TBODY, "tbody") X(TD, "td") \
    X(TEMPLATE, "template") X(TEXTAREA, "textarea") X(TFOOT, "tfoot") \
    X(TH, "th") X(THEAD, "thead") X(TIME, "time") X(TITLE, "title") X(TR, "tr") \
    X(TRACK, "track") X(TT, "tt") X(U, "u") X(UL, "ul") X(VAR, "var") \
    X(VIDEO, "video") X(WBR, "wbr") X(XMP, "xmp")

enum rc_htag {
#define RC_TAG_ENUM(id, name) RC_T_##id,
    RC_HTML_TAGS(RC_TAG_ENUM)
#undef RC_TAG_ENUM
    RC_T_UNKNOWN,   /* any other element (custom elements, typos) */
    RC_T_TEXT,      /* text node */
    RC_T_ROOT,      /* the document */
    RC_T_COUNT
};

/* Tag properties (rc_dom_tag_flags). */
enum {
    RC_TF_VOID = 1u << 0,    /* no content, never pushed (br, img, meta ...) */
    RC_TF_BLOCK = 1u << 1,   /* starts a new paragraph of text */
    RC_TF_INLINE = 1u << 2,  /* phrasing element (a, b, span ...) */
    RC_TF_SKIP = 1u << 3,    /* content is never article text (script, svg, form controls ...) */
    RC_TF_HEADING = 1u << 4  /* h1-h6 */
};

typedef struct rc_hnode {
    uint32_t parent;         /* parent index (the root is its own parent) */
    uint32_t first, last;    /* first and last child, 0 when none */
    uint32_t next;           /* next sibling, 0 when none */
    uint32_t end;            /* one past the last node of the subtree */
    uint32_t off, len;       /* text: bytes in dom->text; element: attrs[off..off+len) */
    uint16_t tag;            /* enum rc_htag */
    uint16_t depth;          /* nesting depth (root 0), capped */
} rc_hnode;

typedef struct rc_hattr {
    uint32_t name, val;      /* offsets of NUL-terminated strings in dom->abuf */
    uint32_t val_len;
} rc_hattr;

typedef struct rc_dom {
    rc_hnode *nodes;
    size_t n, cap;
    rc_hattr *attrs;
    size_t nattrs, acap;
    rc_buf text;             /* text of text nodes */
    rc_buf abuf;             /* attribute names and values */
} rc_dom;

/* Parse html[n] into d (which need not be initialised). Always builds a
 * tree (possibly just the root); returns RC_OK, or RC_TOOBIG when n is over
 * 2^31 bytes (d then holds only the root). Free with rc_dom_free. */
int rc_dom_parse(rc_dom *d, const char *html, size_t n);

/* Release everything d holds; d can be parsed into again. */
void rc_dom_free(rc_dom *d);

/* Value of attribute name (lower case) of element node i, NUL-terminated,
 * with its length in *len (may be NULL); NULL when absent. */
const char *rc_dom_attr(const rc_dom *d, uint32_t i, const char *name, size_t *len);

/* RC_TF_* flags of a tag. */
unsigned rc_dom_tag_flags(unsigned tag);

/* Lower-case name of a known tag ("div"), "" for the others. */
const char *rc_dom_tag_name(unsigned tag);

#endif
