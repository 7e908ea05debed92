#include "pipeline/pipeline.h"
#include "text/clean.h"
#include "text/lang.h"
#include "text/textmodel.h"
#include "text/utf8.h"
#include "util/buf.h"
#include "util/hash.h"
#include "util/rc.h"
#include <ctype.h>
#include <stdio.h>
#include <string.h>

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

/* Build one document from one raw article; see pipeline.h. */
int rc_pipeline_build(const rc_raw *raw, rc_store *store, rc_doc **out)
{
    *out = NULL;
    if (raw->format == RC_FMT_HTML)
        return RC_UNSUPPORTED;
    if (raw->body_len == 0)
        return RC_EMPTY;
    if (rc_utf8_looks_binary(raw->body, raw->body_len < SNIFF_BYTES ? raw->body_len : SNIFF_BYTES))
        return RC_BINARY;

    rc_doc *d = rc_doc_new();
    d->format = raw->format;
    d->content_hash = rc_hash64(raw->body, raw->body_len, 0);
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
    set_given(d, &d->title, raw->title);
    set_given(d, &d->published, raw->published);
    set_given(d, &d->outlet, raw->outlet);
    set_given(d, &d->author, raw->author);
    set_given_lang(d, raw->lang);
    rc_doc_set(d, &d->group, d->outlet ? d->outlet : raw->group);

    /* UTF-8 repair then NFC. Output is at most 3x the input (U+FFFD for
     * every byte), so the caps below cannot be hit by valid input. */
    size_t cap = raw->body_len * 3 + 16;
    rc_buf clean, nfc;
    rc_buf_init(&clean, cap);
    rc_buf_init(&nfc, cap * 2);
    int rc = rc_utf8_sanitize(raw->body, raw->body_len, &clean, &d->invalid_bytes);
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
    rc_clean_ctx ctx = {store ? line_seen : NULL, store, d->lang};
    rc = rc_clean_text(d, rc_buf_str(&nfc), nfc.len, &ctx);
    rc_buf_cleanup(&nfc);
    if (rc != RC_OK) {
        rc_doc_free(d);
        return rc;
    }
    if (!d->lang)
        rc_doc_set(d, &d->lang, rc_lang_detect(d->text, d->text_len));

    rc_textmodel_build(d);
    *out = d;
    return RC_OK;
}
