/*
 * json.c - the JSON report (contract: docs/report-format.md), written with
 * jansson. Documents are serialised one at a time so the output never needs
 * one tree for the whole corpus.
 */
#include "report/json_int.h"
#include "report/jw.h"
#include "report/report.h"
#include "text/utf8.h"
#include "util/buf.h"
#include "util/mem.h"
#include "util/rc.h"
#include <jansson.h>
#include <string.h>

/* A JSON string for s (NULL -> null). Invalid UTF-8, which the pipeline
 * never produces but a damaged store could hold, is repaired first. */
json_t *rc_json_str(const char *s)
{
    if (!s)
        return json_null();
    json_t *j = json_string(s);
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


/* The credits of d as a JSON array of strings (jansson; extract lines). */
static json_t *credits_json(const rc_doc *d)
{
    json_t *cr = json_array();
    for (size_t i = 0; i < d->ncredits; i++)
        json_array_append_new(cr, rc_json_str(d->credits[i]));
    return cr;
}

/* The documents[] element of d: its fields, its text when with_text,
 * then (report r given) its copies. */
static void doc_emit(rc_jw *w, const rc_doc *d, int with_text, const rc_report *r, size_t i)
{
    rc_jw_obj(w);
    rc_jw_key(w, "id");
    rc_jw_str(w, d->id);
    rc_jw_key(w, "source");
    rc_jw_str(w, d->source);
    rc_jw_key(w, "format");
    rc_jw_str(w, d->format == RC_FMT_HTML ? "html" : "text");
    rc_jw_key(w, "lang");
    rc_jw_str(w, d->lang);
    rc_jw_key(w, "published");
    rc_jw_str(w, d->published);
    rc_jw_key(w, "outlet");
    rc_jw_str(w, d->outlet);
    rc_jw_key(w, "author");
    rc_jw_str(w, d->author);
    rc_jw_key(w, "dateline");
    rc_jw_str(w, d->dateline);
    rc_jw_key(w, "url");
    rc_jw_str(w, d->url);
    rc_jw_key(w, "fetched");
    rc_jw_str(w, d->fetched);
    rc_jw_key(w, "title");
    rc_jw_str(w, d->title);
    rc_jw_key(w, "credits");
    rc_jw_strs(w, d->credits, d->ncredits);
    if (with_text) {
        rc_jw_key(w, "text");
        /* the text as stored, else (not valid UTF-8 over its length) the
         * repaired text up to its first NUL */
        if (r && w->pre_ok && w->pre_of == (const void *)r->docs && i < w->npre && w->pre_ok[i])
            rc_jw_strn_valid(w, d->text, d->text_len);
        else
            rc_jw_strn(w, d->text, d->text ? d->text_len : 0, d->text);
    }
    rc_jw_key(w, "sentences");
    rc_jw_arr(w);
    for (size_t k = 0; k < d->nsentences; k++) {
        rc_jw_arr(w);
        rc_jw_int(w, (long long)d->sentences[k].start);
        rc_jw_int(w, (long long)d->sentences[k].end);
        rc_jw_end(w);
    }
    rc_jw_end(w);
    rc_jw_key(w, "issues");
    rc_jw_arr(w);
    for (size_t k = 0; k < d->nissues; k++) {
        rc_jw_obj(w);
        rc_jw_key(w, "kind");
        rc_jw_str(w, d->issues[k].kind);
        rc_jw_key(w, "description");
        rc_jw_str(w, d->issues[k].description);
        rc_jw_key(w, "evidence");
        rc_jw_str(w, d->issues[k].evidence);
        rc_jw_end(w);
    }
    rc_jw_end(w);
    rc_jw_key(w, "removed");
    rc_jw_strs(w, d->removed, d->nremoved);
    rc_jw_key(w, "invalid_bytes");
    rc_jw_int(w, (long long)d->invalid_bytes);
    if (r)
        rc_emit_doc_copies(w, r, i);
    rc_jw_end(w);
}

/* Write one documents[] element; see report.h. */
int rc_report_json_doc(FILE *out, const rc_doc *d, int compact)
{
    rc_jw w;
    rc_jw_init_tree(&w);
    doc_emit(&w, d, 1, NULL, 0);
    json_t *o = rc_jw_take(&w);
    int r = o ? json_dumpf(o, out, compact ? JSON_COMPACT : JSON_INDENT(2)) : -1;
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

static const char *const BOUND_NAMES[] = {"exact", "about", "more_than", "less_than"};

/* The entity id "E<n>" (as "E%zu" writes it) in id[32]. */
static void ent_id(char id[32], size_t n)
{
    char *e = id + 31, *p = e;
    *e = '\0';
    do {
        *--p = (char)('0' + n % 10);
        n /= 10;
    } while (n);
    *--p = 'E';
    memmove(id, p, (size_t)(e - p) + 1);
}

/* The entity id of mention m of f, as written in entities[] ("E12", the
 * report's entity base added), or null when the mention is unknown or
 * unmerged. */
static void entity_ref(rc_jw *w, const rc_report *r, const rc_facts *f, int m)
{
    if (m < 0 || (size_t)m >= f->nmentions || f->mentions[m].entity < 0) {
        rc_jw_null(w);
        return;
    }
    char id[32];
    ent_id(id, (size_t)f->mentions[m].entity + 1 + r->entity_base);
    rc_jw_str(w, id);
}

/* See json_int.h. */
void rc_emit_doc_id(rc_jw *w, const rc_report *r, size_t i)
{
    if (w->pre_of == (const void *)r->docs && i < w->npre)
        rc_jw_strjson(w, r->docs[i]->id, w->pre + w->pre_at[i], w->pre_at[i + 1] - w->pre_at[i]);
    else
        rc_jw_str(w, r->docs[i]->id);
}

/* Whether byte c of a valid UTF-8 text starts a character (or is the
 * text's end, c == NUL after it is not needed: callers check the end). */
static int boundary(unsigned char c)
{
    return (c & 0xC0) != 0x80;
}

/* See json_int.h. */
void rc_emit_span(rc_jw *w, const rc_report *r, size_t i, uint32_t start, uint32_t end)
{
    const rc_doc *d = r->docs[i];
    if (w->pre_ok && w->pre_of == (const void *)r->docs && i < w->npre && w->pre_ok[i] &&
        d->text && start < end && end <= d->text_len && boundary((unsigned char)d->text[start]) &&
        (end == d->text_len || boundary((unsigned char)d->text[end]))) {
        rc_jw_strn_valid(w, d->text + start, end - start);
        return;
    }
    rc_jw_span(w, d, start, end);
}

/* A fact element's common part, in its open object: the id of report
 * document i, the exact words and their byte span. */
static void fact_head(rc_jw *w, const rc_report *r, size_t i, uint32_t start, uint32_t end)
{
    rc_jw_key(w, "document");
    rc_emit_doc_id(w, r, i);
    rc_jw_key(w, "text");
    rc_emit_span(w, r, i, start, end);
    rc_jw_key(w, "start");
    rc_jw_int(w, start);
    rc_jw_key(w, "end");
    rc_jw_int(w, end);
}

/* quantities[] element k of document i. */
static void quantity_emit(rc_jw *w, const rc_report *r, size_t i, size_t k)
{
    const rc_quantity *q = &r->facts[i]->quantities[k];
    rc_jw_obj(w);
    fact_head(w, r, i, q->start, q->end);
    rc_jw_key(w, "value");
    rc_jw_real(w, q->value);
    rc_jw_key(w, "approximate");
    rc_jw_bool(w, q->approximate);
    rc_jw_key(w, "bound");
    rc_jw_str(w, BOUND_NAMES[q->bound & 3]);
    rc_jw_key(w, "counts");
    rc_jw_str(w, q->counts);
    rc_jw_key(w, "unit");
    rc_jw_str(w, q->unit);
    rc_jw_key(w, "ordinal");
    rc_jw_bool(w, q->ordinal);
    rc_jw_key(w, "percent");
    rc_jw_bool(w, q->percent);
    rc_jw_end(w);
}

/* dates[] element k of document i. */
static void date_emit(rc_jw *w, const rc_report *r, size_t i, size_t k)
{
    const rc_date *t = &r->facts[i]->dates[k];
    rc_jw_obj(w);
    fact_head(w, r, i, t->start, t->end);
    rc_jw_key(w, "value");
    rc_jw_str(w, t->value);
    rc_jw_key(w, "relative");
    rc_jw_bool(w, t->relative);
    rc_jw_key(w, "year_open");
    rc_jw_bool(w, t->year_open);
    rc_jw_end(w);
}

/* quotes[] element k of document i (text without the marks). */
static void quote_emit(rc_jw *w, const rc_report *r, size_t i, size_t k)
{
    const rc_facts *f = r->facts[i];
    const rc_quote *q = &f->quotes[k];
    rc_jw_obj(w);
    fact_head(w, r, i, q->start, q->end);
    rc_jw_key(w, "speaker");
    rc_jw_str(w, q->speaker);
    rc_jw_key(w, "speaker_entity");
    entity_ref(w, r, f, q->speaker_mention);
    rc_jw_key(w, "via");
    rc_jw_strs(w, q->via, q->nvia);
    rc_jw_key(w, "fragment");
    rc_jw_bool(w, q->fragment);
    rc_jw_end(w);
}

/* citations[] element k of document i (text: the attribution words). */
static void citation_emit(rc_jw *w, const rc_report *r, size_t i, size_t k)
{
    const rc_facts *f = r->facts[i];
    const rc_citation *c = &f->citations[k];
    rc_jw_obj(w);
    fact_head(w, r, i, c->start, c->end);
    rc_jw_key(w, "source");
    rc_jw_str(w, c->source);
    rc_jw_key(w, "source_entity");
    entity_ref(w, r, f, c->source_mention);
    rc_jw_end(w);
}

/* The number of facts of a key in f. */
static size_t nfacts(const rc_facts *f, int key)
{
    if (!f)
        return 0;
    switch (key) {
    case RC_RK_QUANTITIES: return f->nquantities;
    case RC_RK_DATES: return f->ndates;
    case RC_RK_QUOTES: return f->nquotes;
    case RC_RK_CITATIONS: return f->ncitations;
    default: return 0;
    }
}

/* The elements of a report, indexed (see report.h). */
struct rc_report_elems {
    const rc_report *r;
    /* the documents' ids as JSON text (lent to the writers) */
    rc_buf idjson;
    size_t *idjson_at;
    int idok;
    unsigned char *textok;  /* with_text: each document's text is valid UTF-8 */
    int with_text;
    size_t n[RC_REPORT_NKEYS];
    /* facts and the documents' issues: per document the number before it */
    size_t *before[RC_REPORT_NKEYS];
    /* entities: each entity's mentions, (document, mention) pairs grouped
     * by entity in document then mention order */
    size_t nent;
    size_t *ment_first;     /* nent + 1 */
    uint32_t (*ment)[2];
    size_t nissues;         /* discrepancies recorded on documents */
};

/* The keys' names, in the report's order. */
static const char *const KEY_NAMES[RC_REPORT_NKEYS] = {
    "documents", "events", "stories", "entities", "quantities", "dates",
    "quotes", "citations", "claims", "discrepancies", "framing"};

/* See report.h. */
const char *rc_report_key_name(int key)
{
    return key >= 0 && key < RC_REPORT_NKEYS ? KEY_NAMES[key] : NULL;
}

/* Per document the running count of c(document) before it (ndocs + 1). */
static size_t *running(const rc_report *r, int key)
{
    size_t *b = rc_malloc((r->ndocs + 1) * sizeof *b);
    size_t t = 0;
    for (size_t i = 0; i < r->ndocs; i++) {
        b[i] = t;
        t += key == RC_RK_DISCREPANCIES ? r->docs[i]->nissues
                                        : nfacts(r->facts ? r->facts[i] : NULL, key);
    }
    b[r->ndocs] = t;
    return b;
}

/* See report.h. */
rc_report_elems *rc_report_elems_new(const rc_report *r, int with_text)
{
    rc_report_elems *e = rc_calloc(1, sizeof *e);
    e->r = r;
    e->with_text = with_text;
    /* the documents' ids as JSON text, once */
    rc_buf_init(&e->idjson, 0);
    e->idjson_at = rc_malloc((r->ndocs + 1) * sizeof *e->idjson_at);
    e->idok = 1;
    for (size_t i = 0; i < r->ndocs; i++) {
        rc_jw w;
        rc_jw_init_bytes(&w, &e->idjson);
        e->idjson_at[i] = e->idjson.len;
        rc_jw_str(&w, r->docs[i]->id);
        e->idok &= rc_jw_error(&w) == RC_OK;
    }
    e->idjson_at[r->ndocs] = e->idjson.len;
    /* with the texts written, each is checked once here (not as it is
     * written), and the spans of a valid one need no check */
    if (with_text) {
        e->textok = rc_calloc(r->ndocs ? r->ndocs : 1, 1);
        for (size_t i = 0; i < r->ndocs; i++)
            e->textok[i] = r->docs[i]->text && rc_utf8_valid(r->docs[i]->text, r->docs[i]->text_len);
    }
    e->n[RC_RK_DOCUMENTS] = r->ndocs;
    e->n[RC_RK_EVENTS] = rc_emit_nevents(r);
    e->n[RC_RK_STORIES] = rc_emit_nstories(r);
    static const int facts[] = {RC_RK_QUANTITIES, RC_RK_DATES, RC_RK_QUOTES, RC_RK_CITATIONS};
    for (size_t f = 0; f < 4; f++) {
        e->before[facts[f]] = running(r, facts[f]);
        e->n[facts[f]] = e->before[facts[f]][r->ndocs];
    }
    e->before[RC_RK_DISCREPANCIES] = running(r, RC_RK_DISCREPANCIES);
    e->nissues = e->before[RC_RK_DISCREPANCIES][r->ndocs];
    e->n[RC_RK_DISCREPANCIES] = e->nissues + rc_emit_ndiscrepancies(r);
    e->n[RC_RK_CLAIMS] = rc_emit_nclaims(r);
    e->n[RC_RK_FRAMING] = rc_emit_nframing(r);
    /* entities: their mentions grouped by counting */
    if (r->entities && r->facts) {
        size_t n = rc_entities_count(r->entities);
        e->nent = n;
        e->ment_first = rc_calloc(n + 1, sizeof *e->ment_first);
        for (size_t i = 0; i < r->ndocs; i++)
            for (size_t k = 0; r->facts[i] && k < r->facts[i]->nmentions; k++) {
                int en = r->facts[i]->mentions[k].entity;
                if (en >= 0 && (size_t)en < n)
                    e->ment_first[en + 1]++;
            }
        for (size_t i = 0; i < n; i++)
            e->ment_first[i + 1] += e->ment_first[i];
        e->ment = rc_malloc((e->ment_first[n] ? e->ment_first[n] : 1) * sizeof *e->ment);
        size_t *fill = rc_malloc((n ? n : 1) * sizeof *fill);
        memcpy(fill, e->ment_first, n * sizeof *fill);
        for (size_t i = 0; i < r->ndocs; i++)
            for (size_t k = 0; r->facts[i] && k < r->facts[i]->nmentions; k++) {
                int en = r->facts[i]->mentions[k].entity;
                if (en >= 0 && (size_t)en < n) {
                    e->ment[fill[en]][0] = (uint32_t)i;
                    e->ment[fill[en]][1] = (uint32_t)k;
                    fill[en]++;
                }
            }
        free(fill);
        e->n[RC_RK_ENTITIES] = n;
    }
    return e;
}

/* See report.h. */
void rc_report_elems_free(rc_report_elems *e)
{
    if (!e)
        return;
    for (int k = 0; k < RC_REPORT_NKEYS; k++)
        free(e->before[k]);
    free(e->ment_first);
    free(e->ment);
    rc_buf_cleanup(&e->idjson);
    free(e->idjson_at);
    free(e->textok);
    free(e);
}

/* See report.h. */
size_t rc_report_elems_count(const rc_report_elems *e, int key)
{
    return key >= 0 && key < RC_REPORT_NKEYS ? e->n[key] : 0;
}

/* The document holding element i of a per-document key (the last
 * document whose running count is <= i, skipping documents with none). */
static size_t owner(const rc_report_elems *e, int key, size_t i)
{
    const size_t *b = e->before[key];
    size_t lo = 0, hi = e->r->ndocs; /* b[lo] <= i < b[hi] */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (b[mid] <= i)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* entities[] element i: id, name, type, variants, documents, mentions. */
static void entity_emit(rc_jw *w, const rc_report_elems *e, size_t i)
{
    const rc_report *r = e->r;
    const rc_entity *en = rc_entities_get(r->entities, i);
    char id[32];
    ent_id(id, i + 1 + r->entity_base);
    rc_jw_obj(w);
    rc_jw_key(w, "id");
    rc_jw_str(w, id);
    rc_jw_key(w, "name");
    rc_jw_str(w, en->name);
    rc_jw_key(w, "type");
    rc_jw_str(w, rc_etype_name(en->type));
    rc_jw_key(w, "variants");
    rc_jw_arr(w);
    for (size_t v = 0; v < en->nvariants; v++)
        rc_jw_str(w, en->variants[v].text);
    rc_jw_end(w);
    rc_jw_key(w, "documents");
    rc_jw_int(w, (long long)en->ndocs);
    rc_jw_key(w, "mentions");
    rc_jw_arr(w);
    size_t mend = e->ment_first[i + 1];
    for (size_t m = e->ment_first[i]; m < mend; m++) {
        /* the mentions jump from document to document: the mention 8
         * ahead and the text of the one 4 ahead are asked for early */
        if (m + 8 < mend)
            __builtin_prefetch(&r->facts[e->ment[m + 8][0]]->mentions[e->ment[m + 8][1]]);
        if (m + 4 < mend) {
            const rc_mention *ahead = &r->facts[e->ment[m + 4][0]]->mentions[e->ment[m + 4][1]];
            const rc_doc *dd = r->docs[e->ment[m + 4][0]];
            if (dd->text && ahead->start < dd->text_len)
                __builtin_prefetch(dd->text + ahead->start);
        }
        const rc_mention *mn = &r->facts[e->ment[m][0]]->mentions[e->ment[m][1]];
        rc_jw_obj(w);
        fact_head(w, r, e->ment[m][0], mn->start, mn->end);
        rc_jw_end(w);
    }
    rc_jw_end(w);
    rc_jw_end(w);
}

/* See report.h. */
int rc_report_elems_emit(const rc_report_elems *e, rc_jw *w, int key, size_t i, size_t *doc)
{
    const rc_report *r = e->r;
    size_t d = SIZE_MAX;
    int wrote = 1;
    if (key < 0 || key >= RC_REPORT_NKEYS || i >= e->n[key]) {
        if (doc)
            *doc = d;
        return 0;
    }
    if (e->idok && !w->tree) {
        w->pre_of = r->docs;
        w->pre = rc_buf_str(&e->idjson);
        w->pre_at = e->idjson_at;
        w->npre = r->ndocs;
        w->pre_ok = e->textok;
    }
    switch (key) {
    case RC_RK_DOCUMENTS:
        d = i;
        doc_emit(w, r->docs[i], e->with_text, r, i);
        break;
    case RC_RK_EVENTS:
        rc_emit_event(w, r, i);
        break;
    case RC_RK_STORIES:
        rc_emit_story(w, r, i);
        break;
    case RC_RK_ENTITIES:
        entity_emit(w, e, i);
        break;
    case RC_RK_QUANTITIES:
    case RC_RK_DATES:
    case RC_RK_QUOTES:
    case RC_RK_CITATIONS: {
        d = owner(e, key, i);
        size_t k = i - e->before[key][d];
        if (key == RC_RK_QUANTITIES)
            quantity_emit(w, r, d, k);
        else if (key == RC_RK_DATES)
            date_emit(w, r, d, k);
        else if (key == RC_RK_QUOTES)
            quote_emit(w, r, d, k);
        else
            citation_emit(w, r, d, k);
        break;
    }
    case RC_RK_CLAIMS:
        rc_emit_claim(w, r, i);
        break;
    case RC_RK_DISCREPANCIES:
        if (i < e->nissues) {
            d = owner(e, key, i);
            rc_emit_doc_issue(w, r, d, i - e->before[key][d]);
        } else {
            rc_emit_discrepancy(w, r, i - e->nissues);
        }
        break;
    case RC_RK_FRAMING:
        wrote = rc_emit_framing(w, r, i, &d);
        break;
    }
    if (doc)
        *doc = d;
    return wrote;
}

/* See report.h. */
size_t rc_report_elems_nissues(const rc_report_elems *e)
{
    return e->nissues;
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


/* The "recoupe" value: the program's version and the format's. */
static void meta_emit(rc_jw *w, const rc_report *r)
{
    rc_jw_obj(w);
    rc_jw_key(w, "version");
    rc_jw_str(w, r->version ? r->version : "");
    rc_jw_key(w, "report_format");
    rc_jw_int(w, 1);
    rc_jw_end(w);
}

/* The whole report as one tree; see report.h. Built with the same
 * emitters as rc_report_json, in the same key order. */
json_t *rc_report_tree(const rc_report *r, int with_text)
{
    rc_report_elems *e = rc_report_elems_new(r, with_text);
    rc_jw w;
    rc_jw_init_tree(&w);
    rc_jw_obj(&w);
    rc_jw_key(&w, "recoupe");
    meta_emit(&w, r);
    for (int k = 0; k < RC_REPORT_NKEYS; k++) {
        (rc_jw_key)(&w, KEY_NAMES[k]);
        rc_jw_arr(&w);
        for (size_t i = 0; i < e->n[k]; i++)
            rc_report_elems_emit(e, &w, k, i, NULL);
        rc_jw_end(&w);
    }
    rc_jw_end(&w);
    rc_report_elems_free(e);
    json_t *t = rc_jw_take(&w);
    return t ? t : json_object();
}

/* Write a key and its value at the top level: an array one element per
 * line, each element compact (a 100,000-article report is gigabytes:
 * indentation made it 40% larger, and a line per element is what grep,
 * head and line-oriented tools want); any other value compact. v is
 * released. */
static int put_key(FILE *out, const char *key, json_t *v, int last)
{
    int bad = 0;
    fprintf(out, "  \"%s\": ", key);
    if (json_is_array(v)) {
        size_t i;
        json_t *o;
        fputc('[', out);
        json_array_foreach(v, i, o) {
            fputs(i ? ",\n    " : "\n    ", out);
            bad |= json_dumpf(o, out, JSON_COMPACT | JSON_ENCODE_ANY) != 0;
        }
        fputs(json_array_size(v) ? "\n  ]" : "]", out);
    } else {
        bad |= json_dumpf(v, out, JSON_COMPACT | JSON_ENCODE_ANY) != 0;
    }
    json_decref(v);
    fputs(last ? "\n" : ",\n", out);
    return bad ? -1 : 0;
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
        bad |= put_key(out, key, json_incref(v), k == n);
    }
    fputs("}\n", out);
    if (fflush(out) != 0 || ferror(out))
        bad = 1;
    return bad ? RC_IO : RC_OK;
}

/* Write the whole report; see report.h. Each element is written as text
 * straight from the analysis (report/jw.h), never as a tree. */
int rc_report_json(FILE *out, const rc_report *r)
{
    int bad = 0;
    rc_buf b;
    rc_buf_init(&b, 0);
    rc_jw w;
    rc_jw_init_bytes(&w, &b);
    meta_emit(&w, r);
    fputs("{\n  \"recoupe\": ", out);
    fwrite(b.data, 1, b.len, out);
    fputs(",\n", out);
    rc_report_elems *e = rc_report_elems_new(r, 1);
    for (int k = 0; k < RC_REPORT_NKEYS; k++) {
        fprintf(out, "  \"%s\": [", KEY_NAMES[k]);
        size_t wrote = 0;
        for (size_t i = 0; i < e->n[k]; i++) {
            rc_buf_reset(&b);
            rc_jw_init_bytes(&w, &b);
            if (!rc_report_elems_emit(e, &w, k, i, NULL))
                continue;
            bad |= rc_jw_error(&w) != RC_OK;
            fputs(wrote++ ? ",\n    " : "\n    ", out);
            fwrite(b.data, 1, b.len, out);
        }
        fputs(wrote ? "\n  ]" : "]", out);
        fputs(k + 1 < RC_REPORT_NKEYS ? ",\n" : "\n", out);
    }
    rc_report_elems_free(e);
    rc_buf_cleanup(&b);
    fputs("}\n", out);
    if (fflush(out) != 0 || ferror(out))
        bad = 1;
    return bad ? RC_IO : RC_OK;
}
