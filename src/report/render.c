/*
 * render.c - escaping, wrapping and the grouped view the human reports
 * share; see render.h.
 */
#include "report/render.h"
#include "report/jalloc.h"
#include "util/mem.h"
#include "util/rc.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Length of s[0..n) once capped at max bytes (0: no cap), cut back to a
 * UTF-8 boundary; *cut set when something was left out. */
static size_t capped(const char *s, size_t n, size_t max, int *cut)
{
    *cut = 0;
    if (!max || n <= max)
        return n;
    *cut = 1;
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
        max--;
    return max;
}

/* The code point at s[i..n) (U+FFFD for a bad sequence) and its length. */
static int32_t next_cp(const char *s, size_t i, size_t n, size_t *len)
{
    utf8proc_int32_t cp = -1;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
    if (k <= 0) {
        *len = 1;
        return 0xFFFD;
    }
    *len = (size_t)k;
    return cp;
}

/* Append s to b HTML-escaped; see render.h. */
void rc_render_html(rc_buf *b, const char *s, size_t n, size_t max)
{
    if (!s)
        return;
    int cut;
    n = capped(s, n, max, &cut);
    size_t run = 0; /* start of the pending run of plain bytes */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *rep = NULL;
        switch (c) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default:
            if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F)
                rep = "";
        }
        if (!rep)
            continue;
        rc_buf_append(b, s + run, i - run);
        rc_buf_puts(b, rep);
        run = i + 1;
    }
    rc_buf_append(b, s + run, n - run);
    if (cut)
        rc_buf_puts(b, "…");
}

/* Append s to b as inline Markdown; see render.h. */
void rc_render_md(rc_buf *b, const char *s, size_t n, size_t max)
{
    if (!s)
        return;
    int cut;
    n = capped(s, n, max, &cut);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '\\': case '`': case '*': case '_': case '[': case ']': case '|': case '~': case '#':
            rc_buf_putc(b, '\\');
            rc_buf_putc(b, (char)c);
            break;
        case '<': rc_buf_puts(b, "&lt;"); break;
        case '>': rc_buf_puts(b, "&gt;"); break;
        case '&': rc_buf_puts(b, "&amp;"); break;
        default:
            if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 && (unsigned char)s[i + 1] < 0xA0) {
                i++;  /* a C1 control, as a space like C0 */
                c = ' ';
            }
            rc_buf_putc(b, (c < 0x20 || c == 0x7F) ? ' ' : (char)c);
        }
    }
    if (cut)
        rc_buf_puts(b, "…");
}

/* Append s to b safe for a terminal; see render.h. */
void rc_render_term_clean(rc_buf *b, const char *s, size_t n, size_t max)
{
    if (!s)
        return;
    int cut;
    n = capped(s, n, max, &cut);
    int space = 1; /* drop leading spaces and collapse runs */
    for (size_t i = 0; i < n;) {
        size_t len;
        int32_t cp = next_cp(s, i, n, &len);
        int blank = cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || cp == ' ' ||
                    cp == 0x2028 || cp == 0x2029;
        if (blank) {
            if (!space)
                rc_buf_putc(b, ' ');
            space = 1;
        } else {
            rc_buf_append(b, s + i, len);
            space = 0;
        }
        i += len;
    }
    while (b->len && b->data[b->len - 1] == ' ')
        b->len--, b->data[b->len] = '\0';
    if (cut)
        rc_buf_puts(b, "…");
}

/* Length of the ANSI SGR sequence at s[i..n) (ESC [ digits ; m), or 0. */
static size_t sgr_len(const char *s, size_t i, size_t n)
{
    if (s[i] != '\033' || i + 1 >= n || s[i + 1] != '[')
        return 0;
    for (size_t k = i + 2; k < n && k < i + 32; k++) {
        if (s[k] == 'm')
            return k - i + 1;
        if (!((s[k] >= '0' && s[k] <= '9') || s[k] == ';'))
            return 0;
    }
    return 0;
}

/* Display width of one code point. */
static size_t cp_width(int32_t cp)
{
    int w = utf8proc_charwidth(cp);
    return w < 0 ? 0 : (size_t)w;
}

/* Display width; see render.h. */
size_t rc_render_width(const char *s, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n;) {
        size_t k = sgr_len(s, i, n);
        if (k) {
            i += k;
            continue;
        }
        size_t len;
        w += cp_width(next_cp(s, i, n, &len));
        i += len;
    }
    return w;
}

/* Append n spaces. */
static void spaces(rc_buf *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        rc_buf_putc(b, ' ');
}

/* Wrap text into b; see render.h. */
void rc_render_wrap(rc_buf *b, const char *text, size_t first_w, size_t indent, size_t width)
{
    if (width < indent + 8)
        width = indent + 8;
    size_t col = first_w, n = text ? strlen(text) : 0;
    int fresh = 1; /* nothing written on this line after its prefix */
    for (size_t i = 0; i < n;) {
        if (text[i] == ' ' || text[i] == '\n') {
            i++;
            continue;
        }
        size_t j = i;
        while (j < n && text[j] != ' ' && text[j] != '\n')
            j++;
        size_t w = rc_render_width(text + i, j - i);
        if (!fresh && col + 1 + w > width) {
            rc_buf_putc(b, '\n');
            spaces(b, indent);
            col = indent;
            fresh = 1;
        } else if (!fresh) {
            rc_buf_putc(b, ' ');
            col++;
        }
        if (col + w <= width) {
            rc_buf_append(b, text + i, j - i);
            col += w;
        } else {
            /* a word longer than the line: cut it at code points */
            for (size_t k = i; k < j;) {
                size_t len = sgr_len(text, k, j), cw = 0;
                if (!len)
                    cw = cp_width(next_cp(text, k, j, &len));
                if (col + cw > width && col > indent) {
                    rc_buf_putc(b, '\n');
                    spaces(b, indent);
                    col = indent;
                }
                rc_buf_append(b, text + k, len);
                col += cw;
                k += len;
            }
        }
        fresh = 0;
        i = j;
    }
    rc_buf_putc(b, '\n');
}

/* Wrap into lines; see render.h. */
size_t rc_render_lines(rc_buf *out, const char *text, size_t width)
{
    size_t from = out->len;
    rc_render_wrap(out, text, 0, 0, width);
    size_t lines = 0;
    for (size_t i = from; i < out->len; i++)
        lines += out->data[i] == '\n';
    return lines;
}

/* The string at key; see render.h. */
const char *rc_jstr(const json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

/* The words of a framing omission; see render.h. */
const char *rc_render_omission(const json_t *x)
{
    if (json_is_string(x))
        return json_string_value(x);
    const char *t = rc_jstr(x, "term");
    return t ? t : rc_jstr(x, "text");
}

/* The words of a timeline item; see render.h. */
const char *rc_render_timeline_text(const json_t *x)
{
    const char *t = rc_jstr(x, "text"), *kind = rc_jstr(x, "kind");
    if (t && *t)
        return t;
    if (kind && strcmp(kind, "event") == 0)
        return "the event";
    if (kind && strcmp(kind, "published") == 0)
        return "published";
    return "";
}

/* The empty array rc_jarr returns, made once (threads render at once). */
static json_t *empty_array;
static pthread_once_t empty_once = PTHREAD_ONCE_INIT;

/* Make empty_array. */
static void empty_array_init(void)
{
    rc_jalloc_pause(); /* lives for the process, not a report part's region */
    empty_array = json_array();
    rc_jalloc_resume();
}

/* The array at key, or an empty one; see render.h. */
const json_t *rc_jarr(const json_t *o, const char *key)
{
    const json_t *a = json_object_get(o, key);
    if (json_is_array(a))
        return a;
    pthread_once(&empty_once, empty_array_init);
    return empty_array;
}

/* The integer at key; see render.h. */
long long rc_jint(const json_t *o, const char *key, long long def)
{
    const json_t *x = json_object_get(o, key);
    return json_is_integer(x) ? (long long)json_integer_value(x) : def;
}

/* Append x to list l (capacity: the next power of two). */
static void push(rc_rlist *l, size_t x)
{
    if (l->n == 0 || (l->n & (l->n - 1)) == 0)
        l->v = rc_reallocarray(l->v, l->n ? l->n * 2 : 4, sizeof *l->v);
    l->v[l->n++] = x;
}
static _Thread_local const json_t *sort_docs; /* documents[] qsort compares over (per thread) */

/* qsort order of documents[] indexes by id (NULL ids first). */
static int by_id(const void *a, const void *b)
{
    const char *x = rc_jstr(json_array_get(sort_docs, *(const size_t *)a), "id");
    const char *y = rc_jstr(json_array_get(sort_docs, *(const size_t *)b), "id");
    int c = strcmp(x ? x : "", y ? y : "");
    if (c)
        return c;
    return *(const size_t *)a < *(const size_t *)b ? -1 : *(const size_t *)a > *(const size_t *)b;
}

/* See render.h. */
const char *rc_rview_claim_text(const rc_rview_group *g, const json_t *c)
{
    const char *text = rc_jstr(c, "text");
    const char *eid = g ? rc_jstr(g->event, "id") : NULL;
    const json_t *sup = rc_jarr(c, "support");
    if (!eid || !sup)
        return text;
    const char *best = NULL;
    size_t bl = 0;
    for (size_t i = 0; i < json_array_size(sup); i++) {
        const json_t *x = json_array_get(sup, i);
        const char *e = rc_jstr(x, "event"), *t = rc_jstr(x, "text");
        if (!e || !t || strcmp(e, eid) != 0)
            continue;
        if (text && strcmp(t, text) == 0)
            return text;
        size_t l = strlen(t);
        int better = !best || (l >= 30 && (bl < 30 || l < bl)) || (bl < 30 && l > bl);
        if (better) {
            best = t;
            bl = l;
        }
    }
    return best ? best : text;
}

/* documents[] index of id; see render.h. */
long rc_rview_doc(const rc_rview *v, const char *id)
{
    if (!id)
        return -1;
    size_t lo = 0, hi = v->ndocs;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const char *m = v->sorted_id[mid];
        if (strcmp(m ? m : "", id) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < v->ndocs && v->sorted_id[lo] && strcmp(v->sorted_id[lo], id) == 0)
        return (long)v->sorted[lo];
    return -1;
}

/* The outlet of a document; see render.h. */
const char *rc_rview_outlet(const rc_rview *v, size_t doc)
{
    const json_t *d = json_array_get(v->documents, doc);
    const char *o = rc_jstr(d, "outlet");
    if (!o || !*o)
        o = rc_jstr(d, "id");
    return o ? o : "?";
}

/* The sentence holding off; see render.h. */
long rc_rview_sentence(const rc_rview *v, size_t doc, long long off)
{
    const json_t *ss = rc_jarr(json_array_get(v->documents, doc), "sentences");
    size_t lo = 0, hi = json_array_size(ss);
    if (!hi || off < 0)
        return -1;
    /* the last sentence starting at or before off */
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (json_integer_value(json_array_get(json_array_get(ss, mid), 0)) <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo ? (long)lo - 1 : 0;
}

/* The speaker's display name; see render.h. */
const char *rc_rview_speaker(const rc_rview *v, const json_t *quote)
{
    const char *eid = rc_jstr(quote, "speaker_entity");
    if (eid && eid[0] == 'E') {
        char *end = NULL;
        long k = strtol(eid + 1, &end, 10);
        const json_t *e = json_array_get(v->entities, (size_t)(k > 0 ? k - 1 : 0));
        const char *id = rc_jstr(e, "id");
        if (end && !*end && k > 0 && id && strcmp(id, eid) == 0 && rc_jstr(e, "name"))
            return rc_jstr(e, "name");
        /* a filtered tree (rc_report_tree_event) renumbers nothing but
         * drops entities: look the id up */
        size_t i;
        json_array_foreach(v->entities, i, e) {
            id = rc_jstr(e, "id");
            if (id && strcmp(id, eid) == 0 && rc_jstr(e, "name"))
                return rc_jstr(e, "name");
        }
    }
    return rc_jstr(quote, "speaker");
}

enum { L_CLAIMS, L_DISCS, L_FRAMING, L_QUOTES };

/* The list of kind k of group g. */
static rc_rlist *list_of(rc_rview_group *g, int k)
{
    switch (k) {
    case L_CLAIMS: return &g->claims;
    case L_DISCS: return &g->discs;
    case L_FRAMING: return &g->framing;
    default: return &g->quotes;
    }
}

/* Give item x (of kind k) to the group of document id, once (stamp[g] ==
 * x + 1 marks groups already given x). Returns 1 when id is in a group. */
static int give(rc_rview *v, const long *group_of, size_t *stamp, const char *id, int k, size_t x)
{
    long d = rc_rview_doc(v, id);
    long g = d >= 0 ? group_of[d] : -1;
    if (g < 0)
        return 0;
    if (stamp[g] != x + 1) {
        stamp[g] = x + 1;
        push(list_of(&v->groups[g], k), x);
    }
    return 1;
}

/* Give item x of kind k (element o) to every group holding a document o
 * names: its "document", its "documents" ids, and the "document" of each
 * element of o[sub] (support, evidence); to the last group when none. */
static void assign(rc_rview *v, const long *group_of, size_t *stamp, const json_t *o, const char *sub,
                   int k, size_t x)
{
    int any = 0;
    size_t i;
    const json_t *e;
    if (rc_jstr(o, "document"))
        any |= give(v, group_of, stamp, rc_jstr(o, "document"), k, x);
    json_array_foreach(rc_jarr(o, "documents"), i, e)
        any |= give(v, group_of, stamp, json_string_value(e), k, x);
    if (sub)
        json_array_foreach(rc_jarr(o, sub), i, e)
            any |= give(v, group_of, stamp, rc_jstr(e, "document"), k, x);
    if (!any && v->ngroups && stamp[v->ngroups - 1] != x + 1) {
        stamp[v->ngroups - 1] = x + 1;
        push(list_of(&v->groups[v->ngroups - 1], k), x);
    }
}

/* How much of s to show within max bytes; see render.h. */
size_t rc_render_cut_words(const char *s, size_t max, int *cut)
{
    size_t n = s ? strlen(s) : 0;
    *cut = 0;
    if (n <= max)
        return n;
    *cut = 1;
    size_t k = max;
    while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)   /* a code point boundary */
        k--;
    size_t w = k;
    while (w > 0 && s[w] != ' ')
        w--;
    if (w >= max / 2)
        k = w;
    while (k > 0 && strchr(" ,;:-", s[k - 1]))
        k--;
    return k;
}

/* Importance rank of a claim status; see render.h. */
int rc_render_claim_rank(const char *status)
{
    static const char *const order[] = {"contested", "conflicting", "corroborated", "single_origin",
                                        "single_source"};
    for (int i = 0; status && i < 5; i++)
        if (strcmp(status, order[i]) == 0)
            return i < 2 ? 0 : i - 1;
    return 4;
}

static _Thread_local const json_t *sort_claims; /* claims[] qsort compares over (per thread) */

/* qsort order of claims[] indexes by importance: status rank, then more
 * independent origins, then more articles, then input order. */
static int by_importance(const void *a, const void *b)
{
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    const json_t *x = json_array_get(sort_claims, i), *y = json_array_get(sort_claims, j);
    int rx = rc_render_claim_rank(rc_jstr(x, "status")), ry = rc_render_claim_rank(rc_jstr(y, "status"));
    if (rx != ry)
        return rx < ry ? -1 : 1;
    long long ox = rc_jint(x, "independent_origins", 0), oy = rc_jint(y, "independent_origins", 0);
    if (ox != oy)
        return ox > oy ? -1 : 1;
    size_t dx = json_array_size(rc_jarr(x, "documents")), dy = json_array_size(rc_jarr(y, "documents"));
    if (dx != dy)
        return dx > dy ? -1 : 1;
    return i < j ? -1 : i > j;
}

/* Build the grouped view; see render.h. O((documents + items) log documents). */
int rc_rview_init(rc_rview *v, const json_t *tree)
{
    memset(v, 0, sizeof *v);
    v->tree = tree;
    v->documents = rc_jarr(tree, "documents");
    v->events = rc_jarr(tree, "events");
    v->claims = rc_jarr(tree, "claims");
    v->discrepancies = rc_jarr(tree, "discrepancies");
    v->framing = rc_jarr(tree, "framing");
    v->quotes = rc_jarr(tree, "quotes");
    v->entities = rc_jarr(tree, "entities");
    v->ndocs = json_array_size(v->documents);
    v->sorted = rc_calloc(v->ndocs ? v->ndocs : 1, sizeof *v->sorted);
    for (size_t i = 0; i < v->ndocs; i++)
        v->sorted[i] = i;
    sort_docs = v->documents;
    qsort(v->sorted, v->ndocs, sizeof *v->sorted, by_id);
    sort_docs = NULL;
    /* the ids themselves, so a lookup compares strings, not tree keys
     * (NULL for a document without an id: it sorts as "" and is never
     * found) */
    v->sorted_id = rc_calloc(v->ndocs ? v->ndocs : 1, sizeof *v->sorted_id);
    for (size_t i = 0; i < v->ndocs; i++)
        v->sorted_id[i] = rc_jstr(json_array_get(v->documents, v->sorted[i]), "id");

    size_t nev = json_array_size(v->events);
    long *group_of = rc_malloc((v->ndocs ? v->ndocs : 1) * sizeof *group_of);
    for (size_t i = 0; i < v->ndocs; i++)
        group_of[i] = -1;
    v->groups = rc_calloc(nev + 1, sizeof *v->groups);
    for (size_t e = 0; e < nev; e++) {
        rc_rview_group *g = &v->groups[v->ngroups++];
        g->event = json_array_get(v->events, e);
        size_t k;
        const json_t *id;
        json_array_foreach(rc_jarr(g->event, "documents"), k, id) {
            long d = rc_rview_doc(v, json_string_value(id));
            if (d < 0)
                continue;
            push(&g->docs, (size_t)d);
            if (group_of[d] < 0)
                group_of[d] = (long)e;
        }
    }
    /* the documents no event holds (all of them when there are no events) */
    size_t loose = 0;
    for (size_t i = 0; i < v->ndocs; i++)
        loose += group_of[i] < 0;
    if (loose || !nev) {
        rc_rview_group *g = &v->groups[v->ngroups];
        g->title = nev ? "Other articles" : "All articles";
        for (size_t i = 0; i < v->ndocs; i++)
            if (group_of[i] < 0) {
                group_of[i] = (long)v->ngroups;
                push(&g->docs, i);
            }
        v->ngroups++;
    }
    size_t *stamp = rc_calloc(v->ngroups, sizeof *stamp);
    static const char *const keys[] = {"claims", "discrepancies", "framing", "quotes"};
    static const char *const subs[] = {"support", "evidence", NULL, NULL};
    for (int k = L_CLAIMS; k <= L_QUOTES; k++) {
        memset(stamp, 0, v->ngroups * sizeof *stamp);
        const json_t *a = rc_jarr(tree, keys[k]);
        size_t x;
        const json_t *o;
        json_array_foreach(a, x, o)
            assign(v, group_of, stamp, o, subs[k], k, x);
    }
    sort_claims = v->claims;
    for (size_t g = 0; g < v->ngroups; g++)
        if (v->groups[g].claims.n > 1)
            qsort(v->groups[g].claims.v, v->groups[g].claims.n, sizeof(size_t), by_importance);
    sort_claims = NULL;
    free(stamp);
    free(group_of);
    return RC_OK;
}

/* Free the view; see render.h. */
void rc_rview_cleanup(rc_rview *v)
{
    for (size_t g = 0; g < v->ngroups; g++) {
        free(v->groups[g].docs.v);
        free(v->groups[g].claims.v);
        free(v->groups[g].discs.v);
        free(v->groups[g].framing.v);
        free(v->groups[g].quotes.v);
    }
    free(v->groups);
    free(v->sorted);
    free(v->sorted_id);
    memset(v, 0, sizeof *v);
}
