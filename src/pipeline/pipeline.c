#include "pipeline/pipeline.h"
#include "html/extract.h"
#include "ingest/charset.h"
#include "text/clean.h"
#include "text/lang.h"
#include "text/textmodel.h"
#include "text/utf8.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/hash.h"
#include "util/rc.h"
#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* The content hash of raw; see pipeline.h. */
uint64_t rc_raw_content_hash(const rc_raw *raw)
{
    uint64_t seed = 0;
    if (raw->url && *raw->url)
        seed ^= rc_hash64(raw->url, strlen(raw->url), 1);
    if (raw->outlet && *raw->outlet)
        seed ^= rc_hash64(raw->outlet, strlen(raw->outlet), 2);
    return rc_hash64(raw->body, raw->body_len, seed);
}

/* Bytes sniffed for binary content. */
#define SNIFF_BYTES 8192

/* Adapter: the store's repeated-line history as the cleaner's oracle. */
static unsigned line_seen(void *ud, const char *group, uint64_t h)
{
    return group ? rc_store_line_seen((rc_store *)ud, group, h) : 0;
}

/* Store a language tag given by the input as a lowercase ISO 639-1 code
 * ("fr-FR" -> "fr"); ignore tags that are not two or three letters. */
static void set_given_lang(rc_doc *d, const char *tag)
{
    if (!tag)
        return;
    size_t n = 0;
    while (n < 3 && isalpha((unsigned char)tag[n]))
        n++;
    if (n < 2 || (tag[n] && tag[n] != '-' && tag[n] != '_'))
        return;
    char code[4];
    for (size_t i = 0; i < n; i++)
        code[i] = (char)tolower((unsigned char)tag[i]);
    code[n] = '\0';
    rc_doc_set(d, &d->lang, code);
}

/* Set a metadata field from the input unless it is NULL or blank. */
static void set_given(rc_doc *d, const char **field, const char *v)
{
    if (v && *v)
        rc_doc_set(d, field, v);
}

/* Set a field from the page's metadata when the input gave none. */
static void set_page(rc_doc *d, const char **field, const char *v)
{
    if (!*field && v && *v)
        rc_doc_set(d, field, v);
}

/* Binary sniff for web pages: stray NUL bytes occur in real pages and are
 * tolerated (the extractor drops them); a payload where more than 1 in 20
 * of the first bytes are NUL or C0 controls is not a page. */
static int page_looks_binary(const char *p, size_t n)
{
    size_t bad = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1b)
            bad++;
    }
    return bad * 20 > n;
}

/* The host of url ("www." dropped), in the arena, or NULL. */
static const char *url_host(rc_arena *a, const char *url)
{
    if (!url)
        return NULL;
    const char *p = strstr(url, "://");
    p = p ? p + 3 : url;
    if (strncmp(p, "www.", 4) == 0)
        p += 4;
    size_t n = strcspn(p, "/?#:");
    return n ? rc_arena_strndup(a, p, n) : NULL;
}

/* Web page: convert to UTF-8, extract the article and the page's metadata
 * into d; the article text goes to *text (arena). Returns RC_OK, RC_EMPTY
 * or RC_TOOBIG. */
static int from_page(rc_doc *d, const rc_raw *raw, const char **text, size_t *len)
{
    rc_buf page;
    rc_buf_init(&page, raw->body_len * 3 + 16);
    const char *used = NULL;
    size_t bad = 0;
    if (raw->charset && *raw->charset && !rc_charset_resolve(raw->charset, strlen(raw->charset)))
        rc_diag_warn(raw->input, raw->line, -1,
                     "unknown charset label \"%.40s\" in the HTTP header; guessing", raw->charset);
    int rc = rc_charset_to_utf8(raw->body, raw->body_len, raw->charset, &page, &used, &bad);
    d->invalid_bytes += bad;
    rc_extracted x;
    if (rc == RC_OK)
        rc = rc_html_extract(d->arena, rc_buf_str(&page), page.len, raw->url, &x);
    rc_buf_cleanup(&page);
    if (rc != RC_OK)
        return rc;
    set_page(d, &d->url, x.url);
    set_page(d, &d->title, x.title);
    set_page(d, &d->published, x.published);
    set_page(d, &d->outlet, x.outlet);
    set_page(d, &d->author, x.author);
    if (!d->lang)
        set_given_lang(d, x.lang);
    for (size_t i = 0; i < x.ncredits; i++)
        rc_doc_add_credit(d, x.credits[i]);
    set_page(d, &d->outlet, url_host(d->arena, d->url));
    *text = x.text;
    *len = x.text_len;
    return x.text_len ? RC_OK : RC_EMPTY;
}

/* Build one document from one raw article, without the text model; see
 * pipeline.h. */
int rc_pipeline_clean(const rc_raw *raw, rc_store *store, rc_doc **out)
{
    *out = NULL;
    int html = raw->format == RC_FMT_HTML;
    if (raw->body_len == 0)
        return RC_EMPTY;
    size_t sniff = raw->body_len < SNIFF_BYTES ? raw->body_len : SNIFF_BYTES;
    if (html ? page_looks_binary(raw->body, sniff) : rc_utf8_looks_binary(raw->body, sniff))
        return RC_BINARY;

    rc_doc *d = rc_doc_new();
    d->format = raw->format;
    d->content_hash = rc_raw_content_hash(raw);
    if (raw->id && *raw->id) {
        rc_doc_set(d, &d->id, raw->id);
    } else {
        char hex[17];
        rc_hash_hex(d->content_hash, hex);
        rc_doc_set(d, &d->id, hex);
    }
    if (raw->line > 0) {
        char src[4096];
        snprintf(src, sizeof src, "%s:%ld", raw->input, raw->line);
        rc_doc_set(d, &d->source, src);
    } else {
        rc_doc_set(d, &d->source, raw->input);
    }
    set_given(d, &d->url, raw->url);
    set_given(d, &d->fetched, raw->fetched);
    set_given(d, &d->title, raw->title);
    set_given(d, &d->published, raw->published);
    set_given(d, &d->outlet, raw->outlet);
    set_given(d, &d->author, raw->author);
    set_given_lang(d, raw->lang);

    const char *body = raw->body;
    size_t body_len = raw->body_len;
    if (html) {
        int prc = from_page(d, raw, &body, &body_len);
        if (prc != RC_OK) {
            rc_doc_free(d);
            return prc;
        }
    }
    rc_doc_set(d, &d->group, d->outlet ? d->outlet : raw->group);

    /* UTF-8 repair then NFC. Output is at most 3x the input (U+FFFD for
     * every byte), so the caps below cannot be hit by valid input. */
    size_t cap = body_len * 3 + 16;
    rc_buf clean, nfc;
    rc_buf_init(&clean, cap);
    rc_buf_init(&nfc, cap * 2);
    size_t invalid = 0;
    int rc = rc_utf8_sanitize(body, body_len, &clean, &invalid);
    d->invalid_bytes += invalid;
    if (rc == RC_OK)
        rc = rc_utf8_nfc(clean.data ? clean.data : "", clean.len, &nfc);
    rc_buf_cleanup(&clean);
    if (rc != RC_OK) {
        rc_buf_cleanup(&nfc);
        rc_doc_free(d);
        return rc;
    }

    /* The furniture signals are language-neutral or cover every language's
     * vocabulary, so cleaning runs first and language id classifies the
     * body once: a better sample than a page with its menus, at half the
     * cost of classifying twice. */
    rc_clean_ctx ctx = {store ? line_seen : NULL, store, d->lang, html};
    rc = rc_clean_text(d, rc_buf_str(&nfc), nfc.len, &ctx);
    rc_buf_cleanup(&nfc);
    if (rc != RC_OK) {
        rc_doc_free(d);
        return rc;
    }
    if (!d->lang)
        rc_doc_set(d, &d->lang, rc_lang_detect(d->text, d->text_len));
    *out = d;
    return RC_OK;
}

/* Build one document with its text model; see pipeline.h. */
int rc_pipeline_build(const rc_raw *raw, rc_store *store, rc_doc **out)
{
    int rc = rc_pipeline_clean(raw, store, out);
    if (rc == RC_OK)
        rc_textmodel_build(*out);
    return rc;
}
