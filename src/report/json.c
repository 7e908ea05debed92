/*
 * json.c - the JSON report (contract: docs/report-format.md), written with
 * jansson. Documents are serialised one at a time so the output never needs
 * one tree for the whole corpus.
 */
#include "report/json_int.h"
#include "report/report.h"
#include "text/utf8.h"
#include "util/buf.h"
#include "util/mem.h"
#include "util/rc.h"
#include <jansson.h>
#include <stdint.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <string.h>

/* See json_int.h: jansson's utf8_check (utf8_check_first and
 * utf8_check_full), with ASCII runs skipped 16 (SSE2) or 8 bytes at a
 * time. */
int rc_json_utf8_ok(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
#ifdef __SSE2__
        if (i + 16 <= n) {
            __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
            if (!_mm_movemask_epi8(x)) {
                i += 16;
                continue;
            }
        }
#endif
        if (i + 8 <= n) {
            uint64_t x;
            memcpy(&x, s + i, 8);
            if (!(x & UINT64_C(0x8080808080808080))) {
                i += 8;
                continue;
            }
        }
        unsigned char u = (unsigned char)s[i];
        if (u < 0x80) {
            i++;
            continue;
        }
        size_t count;
        uint32_t v;
        if (u >= 0xC2 && u <= 0xDF)
            count = 2, v = u & 0x1F;
        else if (u >= 0xE0 && u <= 0xEF)
            count = 3, v = u & 0x0F;
        else if (u >= 0xF0 && u <= 0xF4)
            count = 4, v = u & 0x07;
        else
            return 0;
        if (count > n - i)
            return 0;
        for (size_t k = 1; k < count; k++) {
            unsigned char c = (unsigned char)s[i + k];
            if (c < 0x80 || c > 0xBF)
                return 0;
            v = (v << 6) + (c & 0x3F);
        }
        if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF) || (count == 3 && v < 0x800) ||
            (count == 4 && v < 0x10000))
            return 0;
        i += count;
    }
    return 1;
}

/* The memo of one rc_report_tree call on this thread (NULL outside one):
 * per document text whether it is valid UTF-8 (a span of a valid text is
 * valid exactly when it starts and ends on character boundaries), and the
 * JSON string of each id pointer, built once and shared (json_incref) by
 * every element naming it. Keys are pointers, valid during the call only:
 * the memo is dropped when the call returns. */
typedef struct memo_slot {
    const void *key;
    size_t len;
    json_t *str;  /* kind MEMO_ID: the shared string (one reference) */
    int kind;     /* 0 empty, MEMO_TEXT, MEMO_ID */
    int valid;    /* MEMO_TEXT: rc_json_utf8_ok of the text */
} memo_slot;
enum { MEMO_TEXT = 1, MEMO_ID = 2 };
typedef struct memo {
    memo_slot *slot;
    size_t mask, n;
} memo;
static _Thread_local memo *M;

/* The slot of (kind, key) in M, empty when absent; NULL when there is no
 * memo or it is half full (the caller then works without it). */
static memo_slot *memo_find(int kind, const void *key)
{
    if (!M)
        return NULL;
    size_t h = (size_t)(((uint64_t)(uintptr_t)key >> 3) * UINT64_C(0x9E3779B97F4A7C15) >> 20) + (size_t)kind;
    for (size_t i = h & M->mask;; i = (i + 1) & M->mask) {
        memo_slot *e = &M->slot[i];
        if (!e->kind)
            return M->n * 2 < M->mask ? e : NULL;
        if (e->kind == kind && e->key == key)
            return e;
    }
}

/* Whether d's text is valid UTF-8 (memoised during rc_report_tree). */
static int text_valid(const rc_doc *d)
{
    memo_slot *e = memo_find(MEMO_TEXT, d->text);
    if (e && e->kind && e->len == d->text_len)
        return e->valid;
    int v = rc_json_utf8_ok(d->text, d->text_len);
    if (e && !e->kind) {
        *e = (memo_slot){d->text, d->text_len, NULL, MEMO_TEXT, v};
        M->n++;
    }
    return v;
}

/* See json_int.h. */
json_t *rc_json_id(const char *s)
{
    if (!s)
        return json_null();
    memo_slot *e = memo_find(MEMO_ID, s);
    if (e && e->kind)
        return json_incref(e->str);
    json_t *j = rc_json_str(s);
    if (e) {
        *e = (memo_slot){s, 0, json_incref(j), MEMO_ID, 0};
        M->n++;
    }
    return j;
}

/* Start the memo of an rc_report_tree call (m on the caller's stack);
 * does nothing when one is already active on this thread. */
static void memo_begin(memo *m, const rc_report *r)
{
    if (M) {
        m->slot = NULL;
        return;
    }
    size_t want = 4 * (r->ndocs + (r->analysis ? r->analysis->ndocs : 0)) + 64, cap = 64;
    while (cap < want)
        cap *= 2;
    m->slot = rc_calloc(cap, sizeof *m->slot);
    m->mask = cap - 1;
    m->n = 0;
    M = m;
}

/* End the memo started by memo_begin(m): its references dropped. */
static void memo_end(memo *m)
{
    if (!m->slot)
        return;
    for (size_t i = 0; i <= m->mask; i++)
        if (m->slot[i].kind == MEMO_ID)
            json_decref(m->slot[i].str);
    free(m->slot);
    M = NULL;
}

/* See json_int.h. */
json_t *rc_json_stringn(const char *s, size_t n)
{
    if (!s || !rc_json_utf8_ok(s, n))
        return NULL;
    return json_stringn_nocheck(s, n);
}

/* See json_int.h. */
json_t *rc_json_string(const char *s)
{
    return s ? rc_json_stringn(s, strlen(s)) : NULL;
}

/* A JSON string for s (NULL -> null). Invalid UTF-8, which the pipeline
 * never produces but a damaged store could hold, is repaired first. */
json_t *rc_json_str(const char *s)
{
    if (!s)
        return json_null();
    json_t *j = rc_json_string(s);
    if (j)
        return j;
    rc_buf b;
    size_t bad = 0;
    rc_buf_init(&b, 0);
    rc_utf8_sanitize(s, strlen(s), &b, &bad);
    j = json_string(rc_buf_str(&b));
    rc_buf_cleanup(&b);
    return j ? j : json_null();
}

/* The credits of d as a JSON array of strings. */
static json_t *credits_json(const rc_doc *d)
{
    json_t *cr = json_array();
    for (size_t i = 0; i < d->ncredits; i++)
        json_array_append_new(cr, rc_json_str(d->credits[i]));
    return cr;
}

/* Build the documents[] element for d. The caller owns the result. */
static json_t *doc_json(const rc_doc *d)
{
    json_t *o = json_object();
    RC_JSET(o, "id", rc_json_id(d->id));
    RC_JSET(o, "source", rc_json_str(d->source));
    RC_JSET(o, "format", rc_json_string(d->format == RC_FMT_HTML ? "html" : "text"));
    RC_JSET(o, "lang", rc_json_str(d->lang));
    RC_JSET(o, "published", rc_json_str(d->published));
    RC_JSET(o, "outlet", rc_json_str(d->outlet));
    RC_JSET(o, "author", rc_json_str(d->author));
    RC_JSET(o, "dateline", rc_json_str(d->dateline));
    RC_JSET(o, "url", rc_json_str(d->url));
    RC_JSET(o, "fetched", rc_json_str(d->fetched));
    RC_JSET(o, "title", rc_json_str(d->title));
    RC_JSET(o, "credits", credits_json(d));
    RC_JSET(o, "text", !d->text ? json_null() : text_valid(d) ? json_stringn_nocheck(d->text, d->text_len) : NULL);
    if (json_is_null(json_object_get(o, "text")) && d->text)
        RC_JSET(o, "text", rc_json_str(d->text));
    json_t *ss = json_array();
    for (size_t i = 0; i < d->nsentences; i++)
    {
        json_t *se = json_array();
        json_array_append_new(se, json_integer((json_int_t)d->sentences[i].start));
        json_array_append_new(se, json_integer((json_int_t)d->sentences[i].end));
        json_array_append_new(ss, se);
    }
    RC_JSET(o, "sentences", ss);
    json_t *is = json_array();
    for (size_t i = 0; i < d->nissues; i++) {
        json_t *x = json_object();
        RC_JSET(x, "kind", rc_json_str(d->issues[i].kind));
        RC_JSET(x, "description", rc_json_str(d->issues[i].description));
        RC_JSET(x, "evidence", rc_json_str(d->issues[i].evidence));
        json_array_append_new(is, x);
    }
    RC_JSET(o, "issues", is);
    json_t *rm = json_array();
    for (size_t i = 0; i < d->nremoved; i++)
        json_array_append_new(rm, rc_json_str(d->removed[i]));
    RC_JSET(o, "removed", rm);
    RC_JSET(o, "invalid_bytes", json_integer((json_int_t)d->invalid_bytes));
    return o;
}

/* Write one documents[] element; see report.h. */
int rc_report_json_doc(FILE *out, const rc_doc *d, int compact)
{
    json_t *o = doc_json(d);
    int r = json_dumpf(o, out, compact ? JSON_COMPACT : JSON_INDENT(2));
    json_decref(o);
    return r == 0 ? RC_OK : RC_IO;
}

/* Write one `extract --jsonl` line; see report.h. */
int rc_report_extract_line(FILE *out, const rc_doc *d)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", rc_json_str(d->id));
    json_object_set_new(o, "url", rc_json_str(d->url));
    json_object_set_new(o, "fetched", rc_json_str(d->fetched));
    json_object_set_new(o, "title", rc_json_str(d->title));
    json_object_set_new(o, "published", rc_json_str(d->published));
    json_object_set_new(o, "outlet", rc_json_str(d->outlet));
    json_object_set_new(o, "author", rc_json_str(d->author));
    json_object_set_new(o, "lang", rc_json_str(d->lang));
    json_object_set_new(o, "credits", credits_json(d));
    json_object_set_new(o, "text", d->text ? json_stringn(d->text, d->text_len) : json_string(""));
    int r = json_dumpf(o, out, JSON_COMPACT);
    json_decref(o);
    if (r == 0 && fputc('\n', out) == EOF)
        r = -1;
    return r == 0 ? RC_OK : RC_IO;
}

/* The exact words of span [start, end) of d's text as a JSON string. */
json_t *rc_json_span(const rc_doc *d, uint32_t start, uint32_t end)
{
    if (!d->text || end <= start || end > d->text_len)
        return json_string("");
    json_t *j;
    if (text_valid(d)) {
        /* a piece of valid UTF-8 is valid iff cut on character boundaries */
        const unsigned char *t = (const unsigned char *)d->text;
        int whole = (t[start] & 0xC0) != 0x80 && (end == d->text_len || (t[end] & 0xC0) != 0x80);
        j = whole ? json_stringn_nocheck(d->text + start, end - start) : NULL;
    } else {
        j = rc_json_stringn(d->text + start, end - start);
    }
    return j ? j : json_string("");
}

static const char *const BOUND_NAMES[] = {"exact", "about", "more_than", "less_than"};

/* The entity id of mention m of f, as written in entities[] ("E12"), or
 * null when the mention is unknown or unmerged. */
static json_t *entity_ref(const rc_facts *f, int m)
{
    if (m < 0 || (size_t)m >= f->nmentions || f->mentions[m].entity < 0)
        return json_null();
    char id[32];
    snprintf(id, sizeof id, "E%d", f->mentions[m].entity + 1);
    return rc_json_string(id);
}

/* A fact element's common part: the document id, the exact words and their
 * byte span. */
static json_t *fact_obj(const rc_doc *d, uint32_t start, uint32_t end)
{
    json_t *x = json_object();
    RC_JSET(x, "document", rc_json_id(d->id));
    RC_JSET(x, "text", rc_json_span(d, start, end));
    RC_JSET(x, "start", json_integer(start));
    RC_JSET(x, "end", json_integer(end));
    return x;
}

/* quantities[] element k of f. */
static json_t *quantity_json(const rc_doc *d, const rc_facts *f, size_t k)
{
    const rc_quantity *q = &f->quantities[k];
    json_t *x = fact_obj(d, q->start, q->end);
    RC_JSET(x, "value", json_real(q->value));
    RC_JSET(x, "approximate", json_boolean(q->approximate));
    RC_JSET(x, "bound", rc_json_string(BOUND_NAMES[q->bound & 3]));
    RC_JSET(x, "counts", rc_json_str(q->counts));
    RC_JSET(x, "unit", rc_json_str(q->unit));
    RC_JSET(x, "ordinal", json_boolean(q->ordinal));
    RC_JSET(x, "percent", json_boolean(q->percent));
    return x;
}

/* dates[] element k of f. */
static json_t *date_json(const rc_doc *d, const rc_facts *f, size_t k)
{
    const rc_date *t = &f->dates[k];
    json_t *x = fact_obj(d, t->start, t->end);
    RC_JSET(x, "value", rc_json_str(t->value));
    RC_JSET(x, "relative", json_boolean(t->relative));
    RC_JSET(x, "year_open", json_boolean(t->year_open));
    return x;
}

/* quotes[] element k of f (text without the marks). */
static json_t *quote_json(const rc_doc *d, const rc_facts *f, size_t k)
{
    const rc_quote *q = &f->quotes[k];
    json_t *x = fact_obj(d, q->start, q->end);
    RC_JSET(x, "speaker", rc_json_str(q->speaker));
    RC_JSET(x, "speaker_entity", entity_ref(f, q->speaker_mention));
    json_t *via = json_array();
    for (size_t v = 0; v < q->nvia; v++)
        json_array_append_new(via, rc_json_str(q->via[v]));
    RC_JSET(x, "via", via);
    RC_JSET(x, "fragment", json_boolean(q->fragment));
    return x;
}

/* citations[] element k of f (text: the attribution words). */
static json_t *citation_json(const rc_doc *d, const rc_facts *f, size_t k)
{
    const rc_citation *c = &f->citations[k];
    json_t *x = fact_obj(d, c->start, c->end);
    RC_JSET(x, "source", rc_json_str(c->source));
    RC_JSET(x, "source_entity", entity_ref(f, c->source_mention));
    return x;
}

/* Number of quantities / dates / quotes / citations of f. */
static size_t n_quantities(const rc_facts *f) { return f->nquantities; }
static size_t n_dates(const rc_facts *f) { return f->ndates; }
static size_t n_quotes(const rc_facts *f) { return f->nquotes; }
static size_t n_citations(const rc_facts *f) { return f->ncitations; }

/* One array with element(d, f, k) for every fact k < count(f) of every
 * document, in document order. */
static json_t *facts_array(const rc_report *r, size_t (*count)(const rc_facts *),
                           json_t *(*element)(const rc_doc *, const rc_facts *, size_t))
{
    json_t *a = json_array();
    for (size_t i = 0; r->facts && i < r->ndocs; i++) {
        const rc_facts *f = r->facts[i];
        for (size_t k = 0; f && k < count(f); k++)
            json_array_append_new(a, element(r->docs[i], f, k));
    }
    return a;
}

/* entities[]: the merged entities in table order, id "E<index+1>" (the id
 * quotes and citations refer to), with every mention: document, exact
 * words, byte span. */
static json_t *entities_json(const rc_report *r)
{
    json_t *a = json_array();
    if (!r->entities || !r->facts)
        return a;
    size_t n = rc_entities_count(r->entities);
    json_t **mentions = rc_calloc(n ? n : 1, sizeof *mentions);
    for (size_t i = 0; i < n; i++)
        mentions[i] = json_array();
    for (size_t i = 0; i < r->ndocs; i++) {
        const rc_facts *f = r->facts[i];
        const rc_doc *d = r->docs[i];
        for (size_t k = 0; f && k < f->nmentions; k++) {
            const rc_mention *m = &f->mentions[k];
            if (m->entity < 0 || (size_t)m->entity >= n)
                continue;
            json_array_append_new(mentions[m->entity], fact_obj(d, m->start, m->end));
        }
    }
    for (size_t i = 0; i < n; i++) {
        const rc_entity *e = rc_entities_get(r->entities, i);
        char id[32];
        snprintf(id, sizeof id, "E%zu", i + 1);
        json_t *x = json_object();
        RC_JSET(x, "id", rc_json_string(id));
        RC_JSET(x, "name", rc_json_str(e->name));
        RC_JSET(x, "type", rc_json_string(rc_etype_name(e->type)));
        json_t *vars = json_array();
        for (size_t v = 0; v < e->nvariants; v++)
            json_array_append_new(vars, rc_json_str(e->variants[v].text));
        RC_JSET(x, "variants", vars);
        RC_JSET(x, "documents", json_integer((json_int_t)e->ndocs));
        RC_JSET(x, "mentions", mentions[i]);
        json_array_append_new(a, x);
    }
    free(mentions);
    return a;
}

/* One entity as a JSON line; see report.h. */
int rc_report_entity_line(FILE *out, const rc_entity *e, size_t i)
{
    char id[32];
    snprintf(id, sizeof id, "E%zu", i + 1);
    json_t *x = json_object();
    json_object_set_new(x, "id", json_string(id));
    json_object_set_new(x, "name", rc_json_str(e->name));
    json_object_set_new(x, "type", json_string(rc_etype_name(e->type)));
    json_object_set_new(x, "documents", json_integer((json_int_t)e->ndocs));
    json_object_set_new(x, "mentions", json_integer((json_int_t)e->nmentions));
    json_t *vars = json_array();
    for (size_t v = 0; v < e->nvariants; v++)
        json_array_append_new(vars, json_pack("{s:o, s:I}", "text", rc_json_str(e->variants[v].text), "count",
                                              (json_int_t)e->variants[v].count));
    json_object_set_new(x, "variants", vars);
    int r = json_dumpf(x, out, JSON_COMPACT);
    json_decref(x);
    if (r == 0 && fputc('\n', out) == EOF)
        r = -1;
    return r == 0 ? RC_OK : RC_IO;
}

/* The whole report as one tree; see report.h. Built with the same
 * builders as rc_report_json, in the same key order. */
json_t *rc_report_tree(const rc_report *r, int with_text)
{
    memo m;
    memo_begin(&m, r);
    json_t *t = json_object();
    json_object_set_new(t, "recoupe", json_pack("{s:s, s:i}", "version", r->version ? r->version : "",
                                                 "report_format", 1));
    json_t *docs = json_array();
    for (size_t i = 0; i < r->ndocs; i++) {
        json_t *o = doc_json(r->docs[i]);
        rc_json_doc_copies(o, r, i);
        if (!with_text)
            json_object_del(o, "text");
        json_array_append_new(docs, o);
    }
    json_object_set_new(t, "documents", docs);
    json_object_set_new(t, "events", rc_json_events(r));
    json_object_set_new(t, "stories", rc_json_stories(r));
    json_object_set_new(t, "entities", entities_json(r));
    json_object_set_new(t, "quantities", facts_array(r, n_quantities, quantity_json));
    json_object_set_new(t, "dates", facts_array(r, n_dates, date_json));
    json_object_set_new(t, "quotes", facts_array(r, n_quotes, quote_json));
    json_object_set_new(t, "citations", facts_array(r, n_citations, citation_json));
    json_object_set_new(t, "claims", rc_json_claims(r));
    json_object_set_new(t, "discrepancies", rc_json_discrepancies(r));
    json_object_set_new(t, "framing", rc_json_framing(r));
    memo_end(&m);
    return t;
}

/* Write a key and a value tree at the top level, indented by two. */
static int put_key(FILE *out, const char *key, json_t *v, int last)
{
    fprintf(out, "  \"%s\": ", key);
    int r = json_dumpf(v, out, JSON_INDENT(2) | JSON_ENCODE_ANY);
    json_decref(v);
    fputs(last ? "\n" : ",\n", out);
    return r;
}

/* Write a report tree in rc_report_json's layout; see report.h. */
int rc_report_json_tree(FILE *out, const json_t *t)
{
    int bad = 0;
    const char *key;
    json_t *v;
    size_t n = json_object_size(t), k = 0;
    fputs("{\n", out);
    json_object_foreach((json_t *)t, key, v) {
        k++;
        if (strcmp(key, "documents") == 0 && json_is_array(v)) {
            fputs("  \"documents\": [", out);
            size_t i;
            json_t *o;
            json_array_foreach(v, i, o) {
                fputs(i ? ",\n    " : "\n    ", out);
                bad |= json_dumpf(o, out, JSON_COMPACT) != 0;
            }
            fputs(json_array_size(v) ? "\n  ]" : "]", out);
            fputs(k < n ? ",\n" : "\n", out);
            continue;
        }
        bad |= put_key(out, key, json_incref(v), k == n);
    }
    fputs("}\n", out);
    if (fflush(out) != 0 || ferror(out))
        bad = 1;
    return bad ? RC_IO : RC_OK;
}

/* Write the whole report; see report.h. */
int rc_report_json(FILE *out, const rc_report *r)
{
    int bad = 0;
    fputs("{\n", out);
    json_t *meta = json_pack("{s:s, s:i}", "version", r->version ? r->version : "",
                             "report_format", 1);
    bad |= put_key(out, "recoupe", meta, 0);
    fputs("  \"documents\": [", out);
    for (size_t i = 0; i < r->ndocs; i++) {
        fputs(i ? ",\n    " : "\n    ", out);
        json_t *o = doc_json(r->docs[i]);
        rc_json_doc_copies(o, r, i);
        bad |= json_dumpf(o, out, JSON_COMPACT) != 0;
        json_decref(o);
    }
    fputs(r->ndocs ? "\n  ],\n" : "],\n", out);
    bad |= put_key(out, "events", rc_json_events(r), 0);
    bad |= put_key(out, "stories", rc_json_stories(r), 0);
    bad |= put_key(out, "entities", entities_json(r), 0);
    bad |= put_key(out, "quantities", facts_array(r, n_quantities, quantity_json), 0);
    bad |= put_key(out, "dates", facts_array(r, n_dates, date_json), 0);
    bad |= put_key(out, "quotes", facts_array(r, n_quotes, quote_json), 0);
    bad |= put_key(out, "citations", facts_array(r, n_citations, citation_json), 0);
    bad |= put_key(out, "claims", rc_json_claims(r), 0);
    bad |= put_key(out, "discrepancies", rc_json_discrepancies(r), 0);
    bad |= put_key(out, "framing", rc_json_framing(r), 1);
    fputs("}\n", out);
    if (fflush(out) != 0 || ferror(out))
        bad = 1;
    return bad ? RC_IO : RC_OK;
}
