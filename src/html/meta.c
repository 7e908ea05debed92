/*
 * meta.c - page metadata; see meta.h.
 */
#include "html/meta.h"
#include "meta/credits.h"
#include "util/buf.h"
#include "util/rc.h"
#include <jansson.h>
#include <string.h>
#include <strings.h>

#define MAX_CREDITS 8

/* What the page offers, before precedence is applied (pointers into the
 * DOM or the arena). */
typedef struct found {
    const char *html_lang, *og_locale, *content_lang;
    const char *title_tag, *og_title, *h1, *og_site, *og_url, *canonical;
    const char *pub_meta, *pub_name, *pub_item, *pub_time;
    const char *author_meta, *author_item, *byline;
    /* JSON-LD */
    const char *ld_headline, *ld_date, *ld_author, *ld_publisher, *ld_body, *ld_lang, *ld_url;
    const char *credits[MAX_CREDITS];
    size_t ncredits;
} found;

/* Text of the subtree of element i (text nodes concatenated, skipped
 * elements left out), at most max bytes, into the arena; NULL if empty. */
static const char *node_text(const rc_dom *d, rc_arena *a, uint32_t i, size_t max)
{
    rc_buf b;
    rc_buf_init(&b, max);
    uint32_t end = d->nodes[i].end;
    for (uint32_t k = i + 1; k < end; k++) {
        const rc_hnode *x = &d->nodes[k];
        if (x->tag != RC_T_TEXT) {
            if ((rc_dom_tag_flags(x->tag) & RC_TF_SKIP) && x->tag != RC_T_TITLE)
                k = x->end - 1;
            else if (rc_dom_tag_flags(x->tag) & RC_TF_BLOCK && b.len && b.data[b.len - 1] != ' ')
                rc_buf_putc(&b, ' ');
            continue;
        }
        const char *t = d->text.data + x->off;
        size_t l = x->len;
        if (l && *t == ' ' && (b.len == 0 || b.data[b.len - 1] == ' '))
            t++, l--;
        if (rc_buf_append(&b, t, l) != RC_OK)
            break;
    }
    size_t l = b.len;
    while (l && b.data[l - 1] == ' ')
        l--;
    const char *r = l ? rc_arena_strndup(a, b.data, l) : NULL;
    rc_buf_cleanup(&b);
    return r;
}

/* 1 when v is non-empty after leading spaces. */
static int nonempty(const char *v)
{
    if (!v)
        return 0;
    while (*v == ' ' || *v == '\t' || *v == '\n')
        v++;
    return *v != '\0';
}

/* Store v in *slot unless it is already set or v is empty. */
static void first(const char **slot, const char *v)
{
    if (!*slot && nonempty(v))
        *slot = v;
}

/* Add agency credits found in a byline-sized text s[n]. */
static void credits_from(found *f, const char *s, size_t n)
{
    if (n == 0 || n > 200)
        return;
    const char *got[4];
    size_t cut = 0, k = rc_credit_line(s, n, got, 4);
    if (!k)
        k = rc_credit_suffix(s, n, got, 4, &cut);
    for (size_t j = 0; j < k; j++) {
        size_t m = 0;
        while (m < f->ncredits && strcasecmp(f->credits[m], got[j]) != 0)
            m++;
        if (m == f->ncredits && f->ncredits < MAX_CREDITS)
            f->credits[f->ncredits++] = got[j];
    }
}

/* String value of a JSON node or of its "name" member (objects), or the
 * names of an array of those joined with ", " (into the arena). */
static const char *json_name(json_t *v, rc_arena *a)
{
    if (json_is_string(v))
        return rc_arena_strdup(a, json_string_value(v));
    if (json_is_object(v))
        return json_name(json_object_get(v, "name"), a);
    if (json_is_array(v)) {
        rc_buf b;
        rc_buf_init(&b, 1024);
        size_t i;
        json_t *e;
        json_array_foreach(v, i, e) {
            if (i >= 8)
                break;
            json_t *nm = json_is_object(e) ? json_object_get(e, "name") : e;
            if (!json_is_string(nm) || !json_string_length(nm))
                continue;
            if (b.len)
                rc_buf_puts(&b, ", ");
            rc_buf_puts(&b, json_string_value(nm));
        }
        const char *r = b.len ? rc_arena_strndup(a, b.data, b.len) : NULL;
        rc_buf_cleanup(&b);
        return r;
    }
    return NULL;
}

/* 1 when the JSON-LD @type t (string or array) names an article type. */
static int article_type(json_t *t)
{
    if (json_is_array(t)) {
        size_t i;
        json_t *e;
        json_array_foreach(t, i, e) if (article_type(e)) return 1;
        return 0;
    }
    if (!json_is_string(t))
        return 0;
    const char *s = json_string_value(t);
    size_t l = strlen(s);
    return (l >= 7 && strcmp(s + l - 7, "Article") == 0) || strcmp(s, "BlogPosting") == 0 ||
           strcmp(s, "LiveBlogPosting") == 0 || strcmp(s, "Report") == 0 ||
           strcmp(s, "SocialMediaPosting") == 0;
}

/* Read one JSON-LD object (and @graph members, nested one level) into f. */
static void ld_object(found *f, json_t *o, rc_arena *a, int depth)
{
    if (depth > 3)
        return;
    if (json_is_array(o)) {
        size_t i;
        json_t *e;
        json_array_foreach(o, i, e) {
            if (i >= 64)
                break;
            ld_object(f, e, a, depth + 1);
        }
        return;
    }
    if (!json_is_object(o))
        return;
    json_t *g = json_object_get(o, "@graph");
    if (g)
        ld_object(f, g, a, depth + 1);
    if (!article_type(json_object_get(o, "@type"))) {
        json_t *me = json_object_get(o, "mainEntity");
        if (me)
            ld_object(f, me, a, depth + 1);
        return;
    }
    json_t *v;
    if (!f->ld_headline && json_is_string(v = json_object_get(o, "headline")))
        first(&f->ld_headline, rc_arena_strdup(a, json_string_value(v)));
    if (!f->ld_date && json_is_string(v = json_object_get(o, "datePublished")))
        first(&f->ld_date, rc_arena_strdup(a, json_string_value(v)));
    if (!f->ld_date && json_is_string(v = json_object_get(o, "dateCreated")))
        first(&f->ld_date, rc_arena_strdup(a, json_string_value(v)));
    if (!f->ld_author && (v = json_object_get(o, "author")))
        first(&f->ld_author, json_name(v, a));
    if (!f->ld_publisher && (v = json_object_get(o, "publisher")))
        first(&f->ld_publisher, json_name(v, a));
    if (!f->ld_body && json_is_string(v = json_object_get(o, "articleBody")))
        first(&f->ld_body, rc_arena_strdup(a, json_string_value(v)));
    if (!f->ld_lang && json_is_string(v = json_object_get(o, "inLanguage")))
        first(&f->ld_lang, rc_arena_strdup(a, json_string_value(v)));
    if (!f->ld_url && json_is_string(v = json_object_get(o, "url")))
        first(&f->ld_url, rc_arena_strdup(a, json_string_value(v)));
}

/* Parse the JSON-LD text s[n] into f. */
static void ld_json(found *f, const char *s, size_t n, rc_arena *a)
{
    json_error_t err;
    json_t *root = json_loadb(s, n, JSON_DECODE_ANY | JSON_ALLOW_NUL, &err);
    if (!root)
        return;
    ld_object(f, root, a, 0);
    json_decref(root);
}

/* 1 when the class or id value v, lower-cased (first 127 bytes), contains
 * one of the NULL-terminated words. */
static int class_has(const char *v, const char *const *words)
{
    if (!v)
        return 0;
    char low[128];
    size_t l = 0;
    for (; v[l] && l < sizeof low - 1; l++)
        low[l] = (char)(v[l] >= 'A' && v[l] <= 'Z' ? v[l] + 32 : v[l]);
    low[l] = '\0';
    for (; *words; words++)
        if (strstr(low, *words))
            return 1;
    return 0;
}

/* Class or id words of byline elements, and of credit elements ("credit",
 * "credit-line"). */
static const char *const BYLINE_WORDS[] = {"byline", "author", "signature", NULL};
static const char *const CREDIT_WORDS[] = {"credit", NULL};

/* 1 when node i is inside a <figure> or <figcaption>: a credit there is the
 * picture's, not the text's. Walks at most the tree depth (capped). */
static int in_figure(const rc_dom *d, uint32_t i)
{
    for (unsigned k = 0; i != 0 && k < 1024; k++) {
        unsigned t = d->nodes[i].tag;
        if (t == RC_T_FIGURE || t == RC_T_FIGCAPTION)
            return 1;
        i = d->nodes[i].parent;
    }
    return 0;
}

/* Collect everything the page offers into f. */
static void collect(const rc_dom *d, rc_arena *a, found *f)
{
    for (uint32_t i = 1; i < d->n; i++) {
        const rc_hnode *x = &d->nodes[i];
        const char *v, *c;
        switch (x->tag) {
        case RC_T_HTML:
            if (!(v = rc_dom_attr(d, i, "lang", NULL)))
                v = rc_dom_attr(d, i, "xml:lang", NULL);
            first(&f->html_lang, v);
            break;
        case RC_T_TITLE:
            if (!f->title_tag) {
                /* only the document title, not <title> inside <svg> */
                int in_svg = 0;
                for (uint32_t p = x->parent; p; p = d->nodes[p].parent)
                    if (d->nodes[p].tag == RC_T_SVG) {
                        in_svg = 1;
                        break;
                    }
                if (!in_svg)
                    f->title_tag = node_text(d, a, i, 2048);
            }
            break;
        case RC_T_H1:
            if (!f->h1)
                f->h1 = node_text(d, a, i, 2048);
            break;
        case RC_T_META:
            c = rc_dom_attr(d, i, "content", NULL);
            if (!nonempty(c))
                break;
            if (!(v = rc_dom_attr(d, i, "property", NULL)))
                v = rc_dom_attr(d, i, "name", NULL);
            if (v) {
                if (!strcasecmp(v, "og:title"))
                    first(&f->og_title, c);
                else if (!strcasecmp(v, "og:site_name"))
                    first(&f->og_site, c);
                else if (!strcasecmp(v, "og:url"))
                    first(&f->og_url, c);
                else if (!strcasecmp(v, "og:locale"))
                    first(&f->og_locale, c);
                else if (!strcasecmp(v, "article:published_time") ||
                         !strcasecmp(v, "og:article:published_time") ||
                         !strcasecmp(v, "article:published"))
                    first(&f->pub_meta, c);
                else if (!strcasecmp(v, "date") || !strcasecmp(v, "pubdate") ||
                         !strcasecmp(v, "publishdate") || !strcasecmp(v, "publish-date") ||
                         !strcasecmp(v, "publish_date") || !strcasecmp(v, "dc.date") ||
                         !strcasecmp(v, "dc.date.issued") || !strcasecmp(v, "dcterms.date") ||
                         !strcasecmp(v, "dcterms.issued") || !strcasecmp(v, "dcterms.created") ||
                         !strcasecmp(v, "sailthru.date") || !strcasecmp(v, "parsely-pub-date") ||
                         !strcasecmp(v, "article.published") || !strcasecmp(v, "datepublished") ||
                         !strcasecmp(v, "original-publish-date"))
                    first(&f->pub_name, c);
                else if (!strcasecmp(v, "author") || !strcasecmp(v, "dc.creator") ||
                         !strcasecmp(v, "sailthru.author") || !strcasecmp(v, "parsely-author"))
                    first(&f->author_meta, c);
                else if (!strcasecmp(v, "language") || !strcasecmp(v, "dc.language"))
                    first(&f->content_lang, c);
            }
            if ((v = rc_dom_attr(d, i, "http-equiv", NULL)) && !strcasecmp(v, "content-language"))
                first(&f->content_lang, c);
            if ((v = rc_dom_attr(d, i, "itemprop", NULL))) {
                if (!strcmp(v, "datePublished"))
                    first(&f->pub_item, c);
                else if (!strcmp(v, "author"))
                    first(&f->author_item, c);
            }
            break;
        case RC_T_LINK:
            if ((v = rc_dom_attr(d, i, "rel", NULL)) && !strcasecmp(v, "canonical"))
                first(&f->canonical, rc_dom_attr(d, i, "href", NULL));
            break;
        case RC_T_SCRIPT:
            if (x->first && d->nodes[x->first].tag == RC_T_TEXT)
                ld_json(f, d->text.data + d->nodes[x->first].off, d->nodes[x->first].len, a);
            break;
        case RC_T_TIME:
            if ((v = rc_dom_attr(d, i, "datetime", NULL))) {
                const char *ip = rc_dom_attr(d, i, "itemprop", NULL);
                if (ip && !strcmp(ip, "datePublished"))
                    first(&f->pub_item, v);
                else
                    first(&f->pub_time, v);
            }
            break;
        default:
            break;
        }
        if (x->tag == RC_T_TEXT || !x->len)
            continue;
        if (x->tag != RC_T_META && (v = rc_dom_attr(d, i, "itemprop", NULL))) {
            if (!strcmp(v, "datePublished"))
                first(&f->pub_item, rc_dom_attr(d, i, "datetime", NULL));
            else if (!strcmp(v, "author") && !f->author_item)
                f->author_item = node_text(d, a, i, 256);
        }
        /* byline and credit elements: agencies credited, author fallback */
        if ((class_has(rc_dom_attr(d, i, "class", NULL), BYLINE_WORDS) ||
             class_has(rc_dom_attr(d, i, "id", NULL), BYLINE_WORDS) ||
             ((v = rc_dom_attr(d, i, "rel", NULL)) && !strcmp(v, "author"))) &&
            x->end - i < 64) {
            const char *t = node_text(d, a, i, 256);
            if (t) {
                credits_from(f, t, strlen(t));
                if (!f->byline && strlen(t) < 120)
                    f->byline = t;
            }
        } else if ((class_has(rc_dom_attr(d, i, "class", NULL), CREDIT_WORDS) ||
                    class_has(rc_dom_attr(d, i, "id", NULL), CREDIT_WORDS)) &&
                   x->end - i < 16 && !in_figure(d, i)) {
            /* a credit element of the text ("With Reuters", "(AFP)") */
            const char *t = node_text(d, a, i, 128);
            if (t)
                credits_from(f, t, strlen(t));
        }
    }
}

/* ISO 639-1 code from a language tag ("fr-FR", "en_US", "EN"), or NULL. */
static const char *lang_code(rc_arena *a, const char *v)
{
    if (!v)
        return NULL;
    while (*v == ' ')
        v++;
    char c0 = v[0], c1 = c0 ? v[1] : 0;
    if (!((c0 | 0x20) >= 'a' && (c0 | 0x20) <= 'z' && (c1 | 0x20) >= 'a' && (c1 | 0x20) <= 'z'))
        return NULL;
    char c2 = v[2];
    if (c2 && c2 != '-' && c2 != '_' && c2 != ' ' && c2 != ',' && c2 != ';')
        return NULL;
    char code[3] = {(char)(c0 | 0x20), (char)(c1 | 0x20), 0};
    return rc_arena_strdup(a, code);
}

/* Title cut; see meta.h. */
size_t rc_html_title_cut(const char *t, size_t n, const char *site, size_t *start)
{
    static const char *const seps[] = {" | ", " - ", " \xe2\x80\x93 ", " \xe2\x80\x94 ", " :: ",
                                       " \xc2\xb7 ", " \xe2\x80\xa2 ", " // ", " \xc2\xbb "};
    *start = 0;
    size_t best_s = 0, best_l = 0, first_s = 0, first_l = 0;
    /* last and first separators */
    for (size_t k = 0; k < sizeof seps / sizeof *seps; k++) {
        size_t l = strlen(seps[k]);
        for (size_t i = 1; i + l < n; i++)
            if (memcmp(t + i, seps[k], l) == 0) {
                if (i > best_s)
                    best_s = i, best_l = l;
                if (!first_s || i < first_s)
                    first_s = i, first_l = l;
            }
    }
    if (!best_s)
        return n;
    size_t sl = site ? strlen(site) : 0;
    /* suffix naming the site, or short */
    const char *suf = t + best_s + best_l;
    size_t suf_n = n - best_s - best_l;
    if (sl && suf_n >= sl && strncasecmp(suf, site, sl) == 0)
        return best_s;
    const char *pre = t;
    size_t pre_n = first_s;
    if (sl && pre_n == sl && strncasecmp(pre, site, sl) == 0) {
        *start = first_s + first_l;
        return n - *start;
    }
    size_t words = 1;
    for (size_t i = 0; i < suf_n; i++)
        if (suf[i] == ' ')
            words++;
    if (words <= 4 && suf_n < best_s)
        return best_s;
    return n;
}

/* Parse exactly k digits at s into *v. */
static int digits(const char *s, int k, int *v)
{
    int r = 0;
    for (int i = 0; i < k; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        r = r * 10 + (s[i] - '0');
    }
    *v = r;
    return 1;
}

/* ISO date normalisation; see meta.h. */
int rc_html_iso_date(const char *s, char out[32])
{
    if (!s)
        return 0;
    while (*s == ' ')
        s++;
    int y, mo, dd, h, mi, se;
    if (!digits(s, 4, &y) || (s[4] != '-' && s[4] != '/') || !digits(s + 5, 2, &mo) ||
        s[7] != s[4] || !digits(s + 8, 2, &dd))
        return 0;
    if (y < 1900 || y > 2100 || mo < 1 || mo > 12 || dd < 1 || dd > 31)
        return 0;
    size_t o = 0;
    memcpy(out, s, 10);
    out[4] = out[7] = '-';
    o = 10;
    const char *p = s + 10;
    if ((*p == 'T' || *p == ' ') && digits(p + 1, 2, &h) && p[3] == ':' && digits(p + 4, 2, &mi) &&
        h < 24 && mi < 60) {
        out[o++] = 'T';
        memcpy(out + o, p + 1, 5);
        o += 5;
        p += 6;
        if (*p == ':' && digits(p + 1, 2, &se) && se < 61) {
            memcpy(out + o, p, 3);
            o += 3;
            p += 3;
            if (*p == '.' || *p == ',') {
                p++;
                while (*p >= '0' && *p <= '9')
                    p++;
            }
        }
        if (*p == 'Z') {
            out[o++] = 'Z';
        } else if ((*p == '+' || *p == '-') && digits(p + 1, 2, &h)) {
            out[o++] = *p;
            out[o++] = p[1];
            out[o++] = p[2];
            out[o++] = ':';
            const char *q = p + 3;
            if (*q == ':')
                q++;
            if (digits(q, 2, &mi)) {
                out[o++] = q[0];
                out[o++] = q[1];
            } else {
                out[o++] = '0';
                out[o++] = '0';
            }
        }
    }
    out[o] = '\0';
    return 1;
}

/* URL date; see meta.h. */
int rc_html_url_date(const char *url, char out[11])
{
    if (!url)
        return 0;
    const char *p = strstr(url, "://");
    p = p ? strchr(p + 3, '/') : url;
    for (; p && *p; p++) {
        if (*p != '/')
            continue;
        int y, m, d;
        const char *q = p + 1;
        if (!digits(q, 4, &y) || y < 1990 || y > 2100)
            continue;
        q += 4;
        if (*q == '/' || *q == '-' || *q == '_') {
            char sep = *q;
            if (!digits(q + 1, 2, &m) || q[3] != sep || !digits(q + 4, 2, &d))
                continue;
            q += 6;
        } else if (digits(q, 2, &m) && digits(q + 2, 2, &d)) {
            q += 4;
            if (*q >= '0' && *q <= '9')
                continue;
        } else {
            continue;
        }
        if (m < 1 || m > 12 || d < 1 || d > 31)
            continue;
        char tmp[64];
        int w = snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y, m, d);
        if (w != 10)
            return 0;
        memcpy(out, tmp, 11);
        return 1;
    }
    return 0;
}

/* Trimmed copy of v in a, white space collapsed; NULL for NULL/empty. */
static const char *clean(rc_arena *a, const char *v)
{
    if (!nonempty(v))
        return NULL;
    size_t n = strlen(v);
    char *o = rc_arena_alloc(a, n + 1), *w = o;
    int sp = 1;
    for (size_t i = 0; i < n; i++) {
        char c = v[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            if (!sp)
                *w++ = ' ';
            sp = 1;
        } else {
            *w++ = c;
            sp = 0;
        }
    }
    while (w > o && w[-1] == ' ')
        w--;
    *w = '\0';
    return o;
}

/* Resolve a root-relative URL against page_url. */
static const char *absolute(rc_arena *a, const char *u, const char *page_url)
{
    if (!u || u[0] != '/' || u[1] == '/' || !page_url)
        return u;
    const char *h = strstr(page_url, "://");
    if (!h)
        return u;
    const char *e = strchr(h + 3, '/');
    size_t hl = e ? (size_t)(e - page_url) : strlen(page_url);
    size_t ul = strlen(u);
    char *r = rc_arena_alloc(a, hl + ul + 1);
    memcpy(r, page_url, hl);
    memcpy(r + hl, u, ul + 1);
    return r;
}

/* Author from a byline or author field: a leading "By", "Par", "Von" ...
 * dropped, cut before a date, a handle, a bullet or a credit ("avec AFP");
 * NULL when nothing name-like is left. */
static const char *byline_author(rc_arena *a, const char *t)
{
    if (!t)
        return NULL;
    static const char *const pre[] = {"posted by ", "written by ", "by ", "par ", "von ", "por ", "di ", "door ", "de "};
    for (size_t k = 0; k < sizeof pre / sizeof *pre; k++) {
        size_t l = strlen(pre[k]);
        if (strncasecmp(t, pre[k], l) == 0) {
            t += l;
            break;
        }
    }
    while (*t == ' ' || *t == ':')
        t++;
    size_t n = 0;
    while (t[n] && !(t[n] >= '0' && t[n] <= '9') && t[n] != '@' && t[n] != '|' && t[n] != '\n' &&
           strncmp(t + n, "\xe2\x80\xa2", 3) != 0 && strncmp(t + n, " - ", 3) != 0 &&
           strncmp(t + n, " \xe2\x80\x94 ", 5) != 0)
        n++;
    size_t cut = 0;
    const char *got[4];
    if (rc_credit_suffix(t, n, got, 4, &cut) && cut > 0)
        n = cut;
    static const char *const tail[] = {
        "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December", "Jan.", "Feb.", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.",
        "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Updated",
        "Published", "on", "le", "am", "Posted",
    };
    for (int again = 1; again;) {
        again = 0;
        while (n && (t[n - 1] == ' ' || t[n - 1] == ',' || t[n - 1] == ';'))
            n--;
        for (size_t k = 0; k < sizeof tail / sizeof *tail; k++) {
            size_t l = strlen(tail[k]);
            if (n > l && t[n - l - 1] == ' ' && strncmp(t + n - l, tail[k], l) == 0) {
                n -= l;
                again = 1;
                break;
            }
        }
    }
    if (n < 3 || n > 100)
        return NULL;
    return rc_arena_strndup(a, t, n);
}

/* Metadata; see meta.h. */
const char *rc_html_meta(const rc_dom *d, rc_arena *a, const char *page_url, rc_extracted *out)
{
    found f;
    memset(&f, 0, sizeof f);
    collect(d, a, &f);

    out->outlet = clean(a, f.og_site);
    if (!out->outlet)
        out->outlet = clean(a, f.ld_publisher);

    const char *t = clean(a, f.ld_headline);
    int cut = 0;
    if (!t)
        t = clean(a, f.og_title), cut = 1;
    if (!t)
        t = clean(a, f.h1), cut = 0;
    if (!t)
        t = clean(a, f.title_tag), cut = 1;
    if (t && cut) {
        size_t st = 0, l = rc_html_title_cut(t, strlen(t), out->outlet, &st);
        t = rc_arena_strndup(a, t + st, l);
    }
    out->title = t;

    char iso[32];
    const char *cands[] = {f.ld_date, f.pub_meta, f.pub_name, f.pub_item, f.pub_time};
    for (size_t k = 0; k < sizeof cands / sizeof *cands && !out->published; k++)
        if (cands[k] && rc_html_iso_date(cands[k], iso))
            out->published = rc_arena_strdup(a, iso);
    const char *u = f.canonical ? f.canonical : f.og_url ? f.og_url : f.ld_url;
    out->url = clean(a, absolute(a, u, page_url));
    if (!out->published) {
        char ud[11];
        if (rc_html_url_date(page_url, ud) || rc_html_url_date(out->url, ud))
            out->published = rc_arena_strdup(a, ud);
    }

    const char *au = byline_author(a, clean(a, f.ld_author));
    if (!au && f.author_meta && strncmp(f.author_meta, "http", 4) != 0)
        au = byline_author(a, clean(a, f.author_meta));
    if (!au)
        au = byline_author(a, clean(a, f.author_item));
    if (!au)
        au = byline_author(a, clean(a, f.byline));
    if (au)
        credits_from(&f, au, strlen(au));
    if (au && rc_agency_lookup(au, strlen(au)))
        credits_from(&f, au, strlen(au));
    out->author = au;

    out->lang = lang_code(a, f.html_lang);
    if (!out->lang)
        out->lang = lang_code(a, f.og_locale);
    if (!out->lang)
        out->lang = lang_code(a, f.content_lang);
    if (!out->lang)
        out->lang = lang_code(a, f.ld_lang);

    if (f.ncredits) {
        const char **cr = rc_arena_calloc(a, f.ncredits, sizeof *cr);
        for (size_t k = 0; k < f.ncredits; k++)
            cr[k] = rc_arena_strdup(a, f.credits[k]);
        out->credits = cr;
        out->ncredits = f.ncredits;
    }
    return f.ld_body;
}
