/*
 * fuzz_facts.c - libFuzzer target for the stored facts record
 * (extract/factscodec.h), which `recoupe report` reads back from the
 * store: damaged or hostile bytes.
 *
 * The first byte picks the mode (its value modulo 4):
 *  - 0: the rest is a whole record, decoded against a fixed document
 *    (refused unless its header matches: the fingerprint and doc key);
 *  - 1: the rest is the lists of a record given a valid header (their
 *    hash included), plain;
 *  - 2: the same behind a valid header with LZ4 packing when bit 2 of
 *    the byte is set (the rest must be a length and a raw LZ4 block),
 *    else zstd packing (a zstd frame); the hash is of what it unpacks to;
 *    in modes 0-2 a decoded record must encode again, decode to the same
 *    bytes, take appended facts (rc_facts_add_*), and go through the
 *    consumers that read spans and strings first (entity merge, event
 *    features);
 *  - 3: the rest is article text (language from bit 2 of the byte),
 *    built through the real pipeline and extracted; the facts' record
 *    (when they can be recorded) must decode, encode to the same bytes,
 *    and its cuts be refused.
 */
#include "cluster/evfeat.h"
#include "extract/entities.h"
#include "extract/facts.h"
#include "extract/factscodec.h"
#include "ingest/ingest.h"
#include "pipeline/pipeline.h"
#include "text/textmodel.h"
#include "util/buf.h"
#include "util/bytes.h"
#include "util/hash.h"
#include "util/rc.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <lz4.h>
#include <zstd.h>

static const char TEXT[] =
    "« Nous ne reculerons pas », a déclaré lundi le ministre Jean Dupont, selon "
    "l'AFP. Environ 1 200 policiers ont été déployés à Lyon le 3 mars 2025.";

/* Encode f of d; abort unless it succeeds. The record is in *b. */
static void must_encode(const rc_doc *d, const rc_facts *f, rc_buf *b)
{
    rc_buf_init(b, 0);
    if (rc_facts_encode(d, f, NULL, b) != RC_OK)
        abort();
}

/* Decoded facts g of d: re-encoded they decode again to the same record;
 * more facts can be appended; the consumers read them. */
static void use_decoded(rc_doc *d, rc_facts *g)
{
    rc_buf b, c;
    must_encode(d, g, &b);
    rc_facts *h = NULL;
    if (rc_facts_decode(d, b.data, b.len, NULL, &h) != RC_OK || !h)
        abort();
    must_encode(d, h, &c);
    if (b.len != c.len || memcmp(b.data, c.data, b.len) != 0)
        abort();
    rc_buf_cleanup(&b);
    rc_buf_cleanup(&c);
    rc_entity_table *et = rc_entities_new();
    rc_entities_add(et, d, g);
    rc_entities_merge(et);
    rc_evfeat_free(rc_evfeat_build(d, g, RC_EVFEAT_MERGED));
    rc_entities_free(et);
    for (int k = 0; k < 9; k++) {
        rc_facts_add_mention(d, h)->entity = -1;
        rc_facts_add_quantity(d, h);
        rc_facts_add_date(d, h);
        rc_facts_add_quote(d, h);
        rc_facts_add_citation(d, h);
    }
}

/* Modes 0-2: p[n] as a record or as the lists behind a valid header
 * (mode 2: LZ4-packed when lz4, else zstd-packed). */
static void run_record(const uint8_t *p, size_t n, int mode, int lz4)
{
    rc_doc *d = rc_doc_new();
    rc_doc_set(d, &d->text, TEXT);
    d->text_len = strlen(TEXT);
    rc_doc_set(d, &d->lang, "fr");
    rc_textmodel_build(d);
    rc_buf b;
    rc_buf_init(&b, 0);
    if (mode > 0) {
        /* the header of an empty record of d, then p as its lists, with
         * their hash (mode 2: of what the frame unpacks to, if anything) */
        rc_facts empty = {0};
        if (rc_facts_encode(d, &empty, NULL, &b) != RC_OK || b.len < 34)
            abort();
        rc_buf_truncate(&b, 25);
        rc_bytes_put_le(&b, mode < 2 ? 0 : lz4 ? 2 : 1, 1);
        uint64_t h = rc_hash64(p, n, RC_FACTS_LISTS_SEED);
        unsigned long long size = mode == 2 && !lz4 ? ZSTD_getFrameContentSize(p, n) : 0;
        if (mode == 2 && lz4 && n >= 4) {
            size = (size_t)p[0] | (size_t)p[1] << 8 | (size_t)p[2] << 16 | (size_t)p[3] << 24;
            if (size <= RC_FACTS_MAX_BODY) {
                char *u = malloc(size ? size : 1);
                int got = LZ4_decompress_safe((const char *)p + 4, u, (int)(n - 4), (int)size);
                h = got < 0 ? 0 : rc_hash64(u, (size_t)got, RC_FACTS_LISTS_SEED);
                free(u);
            }
        } else if (mode == 2 && !lz4 && size <= RC_FACTS_MAX_BODY) {
            void *u = malloc(size ? size : 1);
            size_t got = ZSTD_decompress(u, size, p, n);
            h = ZSTD_isError(got) ? 0 : rc_hash64(u, got, RC_FACTS_LISTS_SEED);
            free(u);
        }
        rc_bytes_put_le(&b, h, 8);
    }
    rc_buf_append(&b, p, n);
    /* an exact-size heap copy, so any over-read is caught */
    uint8_t *rec = malloc(b.len ? b.len : 1);
    memcpy(rec, b.data, b.len);
    rc_facts *g = NULL, *g2 = NULL;
    rc_facts_scratch *rd = rc_facts_scratch_new();
    int rc = rc_facts_decode(d, rec, b.len, rd, &g);
    if ((rc == RC_OK) != (g != NULL) || rc_facts_decode(d, rec, b.len, NULL, &g2) != rc)
        abort();
    rc_facts_scratch_free(rd);
    if (g)
        use_decoded(d, g);
    free(rec);
    rc_buf_cleanup(&b);
    rc_doc_free(d);
}

/* Mode 3: extract p[n] as an article; its record round-trips. */
static void run_text(const uint8_t *p, size_t n, const char *lang)
{
    rc_raw raw = {0};
    raw.input = "fuzz";
    raw.id = "fuzz";
    raw.lang = lang;
    raw.body = (const char *)p;
    raw.body_len = n;
    raw.format = RC_FMT_TEXT;
    rc_doc *d = NULL;
    if (rc_pipeline_build(&raw, NULL, &d) != RC_OK)
        return;
    rc_facts *f = rc_facts_new(d);
    rc_extract_all(d, f);
    rc_buf b;
    rc_buf_init(&b, 0);
    if (rc_facts_encode(d, f, NULL, &b) != RC_OK) {
        /* not representable (the caller then stores nothing) */
        rc_buf_cleanup(&b);
        rc_doc_free(d);
        return;
    }
    rc_facts *g = NULL;
    if (rc_facts_decode(d, b.data, b.len, NULL, &g) != RC_OK)
        abort();
    rc_buf c;
    must_encode(d, g, &c);
    if (b.len != c.len || memcmp(b.data, c.data, b.len) != 0)
        abort();
    for (size_t k = 0; k < b.len; k += 1 + b.len / 64)
        if (rc_facts_decode(d, b.data, k, NULL, &g) != RC_PARSE)
            abort();
    rc_buf_cleanup(&b);
    rc_buf_cleanup(&c);
    rc_doc_free(d);
}

/* libFuzzer entry point. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    int mode = data[0] & 3;
    if (mode == 3)
        run_text(data + 1, size - 1, data[0] & 4 ? "en" : "fr");
    else
        run_record(data + 1, size - 1, mode, data[0] & 4);
    return 0;
}
