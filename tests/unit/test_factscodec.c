/*
 * test_factscodec.c - the stored facts record (extract/factscodec.h): real
 * extracted facts survive encode -> decode field for field (plain and
 * LZ4-packed records, and the zstd-packed ones of earlier versions), the tokens the record keeps come back as the text
 * model makes them, decoded arrays take more facts like extracted ones,
 * and damaged, truncated, stale or foreign records are refused.
 */
#include "test.h"
#include "extract/factscodec.h"
#include "extract/facts.h"
#include "text/textmodel.h"
#include "util/buf.h"
#include "util/hash.h"
#include "util/rc.h"
#include <lz4.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <zstd.h>

/* A document of text in lang published pub, with its text model. */
static rc_doc *mkdoc(const char *text, const char *lang, const char *pub)
{
    rc_doc *d = rc_doc_new();
    rc_doc_set(d, &d->text, text);
    d->text_len = strlen(text);
    rc_doc_set(d, &d->lang, lang);
    rc_doc_set(d, &d->published, pub);
    rc_textmodel_build(d);
    return d;
}

/* 1 when a and b are both NULL or equal strings. */
static int same_str(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* Assert that every field of every fact of a equals b's. */
static void assert_same_facts(const rc_facts *a, const rc_facts *b)
{
    assert_int_equal(a->nmentions, b->nmentions);
    for (size_t i = 0; i < a->nmentions; i++) {
        const rc_mention *x = &a->mentions[i], *y = &b->mentions[i];
        assert_int_equal(x->start, y->start);
        assert_int_equal(x->end, y->end);
        assert_int_equal(x->type, y->type);
        assert_true(same_str(x->key, y->key));
        assert_int_equal(x->entity, y->entity);
    }
    assert_int_equal(a->nquantities, b->nquantities);
    for (size_t i = 0; i < a->nquantities; i++) {
        const rc_quantity *x = &a->quantities[i], *y = &b->quantities[i];
        assert_int_equal(x->start, y->start);
        assert_int_equal(x->end, y->end);
        assert_int_equal(x->num_start, y->num_start);
        assert_int_equal(x->num_end, y->num_end);
        assert_memory_equal(&x->value, &y->value, sizeof x->value);
        assert_int_equal(x->bound, y->bound);
        assert_int_equal(x->approximate, y->approximate);
        assert_int_equal(x->ordinal, y->ordinal);
        assert_int_equal(x->percent, y->percent);
        assert_true(same_str(x->unit, y->unit));
        assert_true(same_str(x->counts, y->counts));
    }
    assert_int_equal(a->ndates, b->ndates);
    for (size_t i = 0; i < a->ndates; i++) {
        const rc_date *x = &a->dates[i], *y = &b->dates[i];
        assert_int_equal(x->start, y->start);
        assert_int_equal(x->end, y->end);
        assert_string_equal(x->value, y->value);
        assert_int_equal(x->gran, y->gran);
        assert_int_equal(x->relative, y->relative);
        assert_int_equal(x->year_open, y->year_open);
    }
    assert_int_equal(a->nquotes, b->nquotes);
    for (size_t i = 0; i < a->nquotes; i++) {
        const rc_quote *x = &a->quotes[i], *y = &b->quotes[i];
        assert_int_equal(x->start, y->start);
        assert_int_equal(x->end, y->end);
        assert_int_equal(x->fragment, y->fragment);
        assert_int_equal(x->sp_start, y->sp_start);
        assert_int_equal(x->sp_end, y->sp_end);
        assert_true(same_str(x->speaker, y->speaker));
        assert_int_equal(x->speaker_mention, y->speaker_mention);
        assert_int_equal(x->nvia, y->nvia);
        for (size_t k = 0; k < x->nvia; k++)
            assert_string_equal(x->via[k], y->via[k]);
    }
    assert_int_equal(a->ncitations, b->ncitations);
    for (size_t i = 0; i < a->ncitations; i++) {
        const rc_citation *x = &a->citations[i], *y = &b->citations[i];
        assert_int_equal(x->start, y->start);
        assert_int_equal(x->end, y->end);
        assert_int_equal(x->src_start, y->src_start);
        assert_int_equal(x->src_end, y->src_end);
        assert_true(same_str(x->source, y->source));
        assert_int_equal(x->source_mention, y->source_mention);
    }
}

/* Every shorter prefix of the record b and b with one byte more are
 * refused (decoded with a reader, then without), and nothing is returned. */
static void assert_cuts_refused(rc_doc *d, const rc_buf *b)
{
    rc_facts *g;
    rc_facts_scratch *rd = rc_facts_scratch_new();
    for (size_t n = 0; n < b->len; n++) {
        g = (rc_facts *)1;
        assert_int_equal(rc_facts_decode(d, b->data, n, rd, &g), RC_PARSE);
        assert_null(g);
        assert_int_equal(rc_facts_decode(d, b->data, n, NULL, &g), RC_PARSE);
    }
    rc_facts_scratch_free(rd);
    char *more = malloc(b->len + 1);
    memcpy(more, b->data, b->len);
    more[b->len] = 0;
    assert_int_equal(rc_facts_decode(d, more, b->len + 1, NULL, &g), RC_PARSE);
    free(more);
}

static const struct {
    const char *lang, *pub, *text;
} ARTICLES[] = {
    {"fr", "2025-03-04",
     "« Nous ne reculerons pas », a déclaré lundi 3 mars 2025 le ministre de "
     "l'Intérieur Jean Dupont, selon l'Agence France-Presse. Environ 1 200 policiers "
     "ont été déployés à Lyon, soit 15 % de plus que l'an dernier.\n"
     "Le budget atteint 3,5 millions d'euros, a indiqué la préfecture dans un "
     "communiqué cité par Reuters. M. Dupont a ajouté que « la sécurité des "
     "habitants » restait sa priorité, d'après le quotidien Le Monde."},
    {"en", "2024-04-13",
     "\"We will rebuild every school,\" Governor Maria Lopez told reporters on "
     "Tuesday, according to the Associated Press. More than 300 families were "
     "evacuated from Springfield on 12 April 2024, and damage is estimated at about "
     "$40 million, officials said.\n"
     "Lopez said the third bridge would reopen in two weeks, citing a report by "
     "the National Weather Service. \"It is a long road,\" she added."},
};

/* Real facts of real text come back field for field; the records are
 * LZ4-packed (byte 25) and any cut is refused. */
static void test_round_trip_extracted(void **state)
{
    (void)state;
    size_t totals[5] = {0};
    for (size_t a = 0; a < sizeof ARTICLES / sizeof *ARTICLES; a++) {
        rc_doc *d = mkdoc(ARTICLES[a].text, ARTICLES[a].lang, ARTICLES[a].pub);
        rc_facts *f = rc_facts_new(d);
        rc_extract_all(d, f);
        totals[0] += f->nmentions;
        totals[1] += f->nquantities;
        totals[2] += f->ndates;
        totals[3] += f->nquotes;
        totals[4] += f->ncitations;
        rc_buf b;
        rc_buf_init(&b, 0);
        assert_int_equal(rc_facts_encode(d, f, NULL, &b), RC_OK);
        assert_memory_equal(b.data, "RCFX", 4);
        /* with a scratch (its contexts reused): the same bytes */
        rc_facts_scratch *sc = rc_facts_scratch_new();
        for (int twice = 0; twice < 2; twice++) {
            rc_buf b2;
            rc_buf_init(&b2, 0);
            assert_int_equal(rc_facts_encode(d, f, sc, &b2), RC_OK);
            assert_int_equal(b2.len, b.len);
            assert_memory_equal(b2.data, b.data, b.len);
            rc_buf_cleanup(&b2);
        }
        rc_facts_scratch_free(sc);
        assert_int_equal((unsigned char)b.data[25], 2); /* packed: lz4 */
        rc_facts *g = NULL;
        assert_int_equal(rc_facts_decode(d, b.data, b.len, NULL, &g), RC_OK);
        assert_non_null(g);
        assert_ptr_not_equal(f, g);
        assert_same_facts(f, g);
        /* the same text in a fresh document (as the store loads it) */
        rc_doc *e = mkdoc(ARTICLES[a].text, ARTICLES[a].lang, ARTICLES[a].pub);
        rc_facts_scratch *rd = rc_facts_scratch_new();
        for (int twice = 0; twice < 2; twice++) { /* the reader reused */
            assert_int_equal(rc_facts_decode(e, b.data, b.len, rd, &g), RC_OK);
            assert_same_facts(f, g);
        }
        rc_facts_scratch_free(rd);
        assert_cuts_refused(e, &b);
        rc_doc_free(e);
        /* another document: other text, language or publication date */
        e = mkdoc(ARTICLES[a].text, a ? "fr" : "en", ARTICLES[a].pub);
        assert_int_equal(rc_facts_decode(e, b.data, b.len, NULL, &g), RC_PARSE);
        rc_doc_free(e);
        e = mkdoc(ARTICLES[a].text, ARTICLES[a].lang, "1999-01-01");
        assert_int_equal(rc_facts_decode(e, b.data, b.len, NULL, &g), RC_PARSE);
        rc_doc_free(e);
        e = mkdoc(ARTICLES[a].text, ARTICLES[a].lang, NULL);
        assert_int_equal(rc_facts_decode(e, b.data, b.len, NULL, &g), RC_PARSE);
        rc_doc_free(e);
        char *other = strdup(ARTICLES[a].text);
        other[0] = other[0] == 'x' ? 'y' : 'x';
        e = mkdoc(other, ARTICLES[a].lang, ARTICLES[a].pub);
        assert_int_equal(rc_facts_decode(e, b.data, b.len, NULL, &g), RC_PARSE);
        rc_doc_free(e);
        free(other);
        /* merged facts are not recorded */
        if (f->nmentions) {
            f->mentions[0].entity = 0;
            rc_buf_reset(&b);
            assert_int_equal(rc_facts_encode(d, f, NULL, &b), RC_ERR);
        }
        rc_buf_cleanup(&b);
        rc_doc_free(d);
    }
    /* the articles exercise every list */
    for (int k = 0; k < 5; k++)
        assert_true(totals[k] > 0);
}

/* The record of the first article with its lists packed by the caller:
 * packing byte pk, then the packed bytes z[zn]; the lists hash kept. */
static void repack(const rc_buf *b, int pk, const void *z, size_t zn, rc_buf *out)
{
    rc_buf_reset(out);
    rc_buf_append(out, b->data, 34);
    out->data[25] = (char)pk;
    rc_buf_append(out, z, zn);
}

/* An LZ4-packed record: its declared length must be what the block
 * unpacks to, a damaged block is refused, and the zstd frame earlier
 * versions wrote of the same lists still reads. */
static void test_lz4_packing(void **state)
{
    (void)state;
    rc_doc *d = mkdoc(ARTICLES[0].text, ARTICLES[0].lang, ARTICLES[0].pub);
    rc_facts *f = rc_facts_new(d);
    rc_extract_all(d, f);
    rc_buf b, r;
    rc_buf_init(&b, 0);
    rc_buf_init(&r, 0);
    assert_int_equal(rc_facts_encode(d, f, NULL, &b), RC_OK);
    assert_int_equal((unsigned char)b.data[25], 2);
    /* the lists, as the block unpacks to them */
    const unsigned char *z = (const unsigned char *)b.data + 34;
    size_t zn = b.len - 34;
    uint32_t n = (uint32_t)z[0] | (uint32_t)z[1] << 8 | (uint32_t)z[2] << 16 |
                 (uint32_t)z[3] << 24;
    assert_true(n >= 256 && n > zn);
    char *lists = malloc(n);
    assert_int_equal(LZ4_decompress_safe((const char *)z + 4, lists, (int)zn - 4, (int)n),
                     (int)n);
    rc_facts *g = NULL;
    rc_facts_scratch *rd = rc_facts_scratch_new();
    /* a declared length one more or one less than the block's */
    for (int delta = -1; delta <= 1; delta += 2) {
        unsigned char *p = malloc(zn);
        memcpy(p, z, zn);
        uint32_t m = n + (uint32_t)delta;
        for (int i = 0; i < 4; i++)
            p[i] = (unsigned char)(m >> (8 * i));
        repack(&b, 2, p, zn, &r);
        assert_int_equal(rc_facts_decode(d, r.data, r.len, rd, &g), RC_PARSE);
        assert_int_equal(rc_facts_decode(d, r.data, r.len, NULL, &g), RC_PARSE);
        free(p);
    }
    /* any one byte of the block changed: refused (LZ4 or the lists hash) */
    for (size_t at = 4; at < zn; at += 7) {
        unsigned char *p = malloc(zn);
        memcpy(p, z, zn);
        p[at] ^= 0x5a;
        repack(&b, 2, p, zn, &r);
        g = (rc_facts *)1;
        assert_int_equal(rc_facts_decode(d, r.data, r.len, rd, &g), RC_PARSE);
        assert_null(g);
        free(p);
    }
    /* the zstd frame of the same lists (packing 1) still reads */
    size_t cap = ZSTD_compressBound(n);
    void *zs = malloc(cap);
    size_t zsn = ZSTD_compress(zs, cap, lists, n, 1);
    assert_false(ZSTD_isError(zsn));
    repack(&b, 1, zs, zsn, &r);
    assert_int_equal(rc_facts_decode(d, r.data, r.len, rd, &g), RC_OK);
    assert_same_facts(f, g);
    /* and so do the lists as they are (packing 0) */
    repack(&b, 0, lists, n, &r);
    assert_int_equal(rc_facts_decode(d, r.data, r.len, NULL, &g), RC_OK);
    assert_same_facts(f, g);
    rc_facts_scratch_free(rd);
    free(zs);
    free(lists);
    rc_buf_cleanup(&r);
    rc_buf_cleanup(&b);
    rc_doc_free(d);
}

/* d's tokens (made by the text model) against e's (decoded): the same
 * spans, sentences, flags, norms, stems and keys, a stem that reads as
 * its norm being the norm itself (the pointer test align.c relies on),
 * and equal (norm, stem) pairs of d shared pointers in e too. */
static void assert_same_tokens(const rc_doc *d, const rc_doc *e)
{
    assert_non_null(e->tokens);
    assert_non_null(e->tokkeys);
    assert_int_equal(e->ntokens, d->ntokens);
    for (size_t i = 0; i < d->ntokens; i++) {
        const rc_token *a = &d->tokens[i], *b = &e->tokens[i];
        assert_int_equal(b->start, a->start);
        assert_int_equal(b->end, a->end);
        assert_int_equal(b->sentence, a->sentence);
        assert_int_equal(b->flags, a->flags);
        assert_string_equal(b->norm, a->norm);
        assert_string_equal(b->stem, a->stem);
        assert_int_equal(b->stem == b->norm, a->stem == a->norm);
        assert_int_equal(e->tokkeys[i].hash, d->tokkeys[i].hash);
        assert_int_equal(e->tokkeys[i].len, d->tokkeys[i].len);
        assert_int_equal(e->tokkeys[i].ascii, d->tokkeys[i].ascii);
        if (i > 0 && a->norm == d->tokens[i - 1].norm && a->stem == d->tokens[i - 1].stem) {
            assert_ptr_equal(b->norm, e->tokens[i - 1].norm);
            assert_ptr_equal(b->stem, e->tokens[i - 1].stem);
        }
    }
}

/* The record keeps the tokens: a document loaded with its sentences only
 * (as the store loads it) gets from decode the tokens the text model
 * makes, stems and stopword flags included, in both languages; a record
 * of a document without tokens gives none; a refused record leaves the
 * document's tokens as they were. */
static void test_tokens_round_trip(void **state)
{
    (void)state;
    for (size_t a = 0; a < sizeof ARTICLES / sizeof *ARTICLES; a++) {
        rc_doc *d = mkdoc(ARTICLES[a].text, ARTICLES[a].lang, ARTICLES[a].pub);
        rc_facts *f = rc_facts_new(d);
        rc_extract_all(d, f);
        size_t stems = 0, stops = 0;
        for (size_t i = 0; i < d->ntokens; i++) {
            stems += d->tokens[i].stem != d->tokens[i].norm;
            stops += (d->tokens[i].flags & RC_TOK_STOP) != 0;
        }
        assert_true(d->ntokens > 50 && stems > 5 && stops > 5);
        rc_buf b;
        rc_buf_init(&b, 0);
        assert_int_equal(rc_facts_encode(d, f, NULL, &b), RC_OK);
        rc_doc *e = rc_doc_new();
        rc_doc_set(e, &e->text, ARTICLES[a].text);
        e->text_len = strlen(ARTICLES[a].text);
        rc_doc_set(e, &e->lang, ARTICLES[a].lang);
        rc_doc_set(e, &e->published, ARTICLES[a].pub);
        rc_textmodel_sentences(e);
        assert_null(e->tokens);
        rc_facts *g = NULL;
        assert_int_equal(rc_facts_decode(e, b.data, b.len, NULL, &g), RC_OK);
        assert_same_facts(f, g);
        assert_same_tokens(d, e);
        /* a cut record is refused and leaves e's tokens in place */
        const rc_token *had = e->tokens;
        assert_int_equal(rc_facts_decode(e, b.data, b.len - 1, NULL, &g), RC_PARSE);
        assert_ptr_equal(e->tokens, had);
        rc_doc_free(e);
        /* without tokens: the record says none, decode makes none */
        rc_token *tk = d->tokens;
        d->tokens = NULL;
        rc_buf_reset(&b);
        assert_int_equal(rc_facts_encode(d, f, NULL, &b), RC_OK);
        d->tokens = tk;
        e = rc_doc_new();
        rc_doc_set(e, &e->text, ARTICLES[a].text);
        e->text_len = strlen(ARTICLES[a].text);
        rc_doc_set(e, &e->lang, ARTICLES[a].lang);
        rc_doc_set(e, &e->published, ARTICLES[a].pub);
        rc_textmodel_sentences(e);
        assert_int_equal(rc_facts_decode(e, b.data, b.len, NULL, &g), RC_OK);
        assert_same_facts(f, g);
        assert_null(e->tokens);
        assert_int_equal(e->ntokens, 0);
        rc_doc_free(e);
        rc_buf_cleanup(&b);
        rc_doc_free(d);
    }
}

/* Text of the synthetic document: 10 bytes, a 2-byte character at 4. */
#define SYN_TEXT "abcd\xc3\xa9" "fghi"

/* One fact of each kind, with NULL strings and an empty date value, so
 * the record is plain and its layout fixed (offsets in the table below). */
static rc_facts *synthetic(rc_doc *d)
{
    rc_facts *f = rc_facts_new(d);
    rc_mention *m = rc_facts_add_mention(d, f);
    m->start = 0, m->end = 4, m->type = RC_ENT_PERSON, m->entity = -1;
    rc_quantity *q = rc_facts_add_quantity(d, f);
    q->start = 2, q->end = 8, q->num_start = 2, q->num_end = 3, q->value = 12.5;
    rc_date *t = rc_facts_add_date(d, f);
    t->start = 6, t->end = 9, t->gran = RC_DATE_YEAR;
    rc_quote *u = rc_facts_add_quote(d, f);
    u->start = 1, u->end = 6, u->speaker_mention = 0;
    rc_citation *c = rc_facts_add_citation(d, f);
    c->start = 0, c->end = 10, c->src_start = 3, c->src_end = 7, c->source_mention = -1;
    return f;
}

/* Record layout of synthetic(), checked by hand against factscodec.h:
 * header 0..33 (magic 0, version 4, fingerprint 5, doc key 13, text
 * length 21, packing 25, lists hash 26); mentions: count 34, start 38,
 * end 42, type 46, key 47; quantities: count 51, start 55, end 59, num
 * 63/67, value 71, bound 79, approximate 80, ordinal 81, percent 82, unit
 * 83, counts 87; dates: count 91, start 95, end 99, value length 103,
 * gran 107, relative 108, year_open 109; quotes: count 110, start 114,
 * end 118, fragment 122, sp 123/127, speaker 131, speaker_mention 135,
 * nvia 139; citations: count 140, start 144, end 148, src 152/156,
 * source 160, source_mention 164; tokens (the one word "abcdéfghi"):
 * mark 168 (1: recorded), token count 169, pair count 170, the token's
 * byte 171 (0x60: a word, first of its sentence, as long as its norm),
 * gap 172, pair index 173, the pair's byte 174 (1: norm given, the stem
 * is the norm), norm length 175, norm 176..185, sentence step 186; 187
 * bytes. A damage past the header
 * is given the lists hash of the damaged lists (rehash), so the check it
 * names is the one that refuses it. */
static const struct {
    const char *what;
    size_t at, width;
    uint64_t value;
} DAMAGE[] = {
    {"bad magic", 0, 1, 'X'},
    {"newer version", 4, 1, RC_FACTS_CODEC_VERSION + 1},
    {"other fingerprint", 5, 8, 0x1234},
    {"other doc key", 13, 8, 0x1234},
    {"other text length", 21, 4, 11},
    {"unknown packing", 25, 1, 3},
    {"lists hash", 26, 8, 0x1234},
    {"zstd packing of plain bytes", 25, 1, 1},
    {"lz4 packing of plain bytes", 25, 1, 2},
    {"mention count past the bytes", 34, 4, 2},
    {"mention count huge", 34, 4, 0xffffffff},
    {"mention end beyond the text", 42, 4, 11},
    {"mention start after its end", 38, 4, 5},
    {"mention end inside a character", 42, 4, 5},
    {"mention type out of range", 46, 1, 4},
    {"key length past the bytes", 47, 4, 100},
    {"quantity count too large", 51, 4, 1u << 21},
    {"quantity number beyond the text", 67, 4, 11},
    {"quantity value not finite", 71, 8, 0x7ff8000000000000ull},
    {"bound out of range", 79, 1, 4},
    {"approximate not a flag", 80, 1, 2},
    {"ordinal not a flag", 81, 1, 2},
    {"percent not a flag", 82, 1, 2},
    {"date end beyond the text", 99, 4, 11},
    {"date value of 24 bytes", 103, 4, 24},
    {"date granularity 0", 107, 1, 0},
    {"date granularity 4", 107, 1, 4},
    {"year_open not a flag", 109, 1, 2},
    {"fragment not a flag", 122, 1, 2},
    {"speaker end beyond the text", 127, 4, 11},
    {"speaker mention past the mentions", 135, 4, 1},
    {"speaker mention below -1", 135, 4, 0xfffffffe},
    {"too many relays", 139, 1, 17},
    {"citation count past the bytes", 140, 4, 2},
    {"source start after its end", 152, 4, 8},
    {"source mention past the mentions", 164, 4, 5},
    {"tokens mark neither 0 nor 1", 168, 1, 2},
    {"token count past the bytes", 169, 1, 100},
    {"pair count above the tokens", 170, 1, 2},
    {"token kind 3", 171, 1, 0x63},
    {"token end past the text", 172, 1, 1},
    {"pair index past the pairs", 173, 1, 1},
    {"pair byte above 3", 174, 1, 4},
    {"norm from the text without its length", 174, 1, 0},
    {"norm length past the bytes", 175, 1, 60},
    {"norm holding a NUL", 179, 1, 0},
    {"sentence past the sentences", 186, 1, 1},
};

/* The synthetic record round-trips, and each damage of the table is
 * refused (the undamaged record is accepted: the offsets are right). */
static void test_damaged_refused(void **state)
{
    (void)state;
    rc_doc *d = mkdoc(SYN_TEXT, "en", NULL);
    rc_facts *f = synthetic(d);
    rc_buf b;
    rc_buf_init(&b, 0);
    assert_int_equal(rc_facts_encode(d, f, NULL, &b), RC_OK);
    assert_int_equal(b.len, 187);
    assert_int_equal(d->ntokens, 1);
    assert_int_equal((unsigned char)b.data[171], 0x60);
    assert_int_equal((unsigned char)b.data[174], 1);
    assert_int_equal((unsigned char)b.data[25], 0); /* plain */
    rc_facts *g = NULL;
    assert_int_equal(rc_facts_decode(d, b.data, b.len, NULL, &g), RC_OK);
    assert_same_facts(f, g);
    assert_int_equal(g->quotes[0].speaker_mention, 0);
    assert_int_equal(g->citations[0].source_mention, -1);
    assert_cuts_refused(d, &b);
    for (size_t k = 0; k < sizeof DAMAGE / sizeof *DAMAGE; k++) {
        unsigned char *p = malloc(b.len);
        memcpy(p, b.data, b.len);
        for (size_t i = 0; i < DAMAGE[k].width; i++)
            p[DAMAGE[k].at + i] = (unsigned char)(DAMAGE[k].value >> (8 * i));
        if (DAMAGE[k].at >= 34) {
            uint64_t h = rc_hash64(p + 34, b.len - 34, RC_FACTS_LISTS_SEED);
            for (int i = 0; i < 8; i++)
                p[26 + i] = (unsigned char)(h >> (8 * i));
        }
        g = (rc_facts *)1;
        int rc = rc_facts_decode(d, p, b.len, NULL, &g);
        if (rc != RC_PARSE)
            fail_msg("accepted: %s", DAMAGE[k].what);
        assert_null(g);
        free(p);
    }
    rc_buf_cleanup(&b);
    rc_doc_free(d);
}

/* Spans the encoder was given outside the text, and a string that is
 * not UTF-8, are refused on decode. */
static void test_bad_spans_refused(void **state)
{
    (void)state;
    rc_doc *d = mkdoc(SYN_TEXT, "en", NULL);
    for (int k = 0; k < 5; k++) {
        rc_facts *f = synthetic(d);
        if (k == 0)
            f->mentions[0].end = 11;
        else if (k == 1)
            f->quantities[0].num_start = 4; /* after num_end 3 */
        else if (k == 2)
            f->quotes[0].sp_start = 12, f->quotes[0].sp_end = 12;
        else if (k == 3)
            f->citations[0].end = UINT32_MAX;
        else
            f->mentions[0].key = "\xc3"; /* not UTF-8 */
        rc_buf b;
        rc_buf_init(&b, 0);
        assert_int_equal(rc_facts_encode(d, f, NULL, &b), RC_OK);
        rc_facts *g;
        assert_int_equal(rc_facts_decode(d, b.data, b.len, NULL, &g), RC_PARSE);
        rc_buf_cleanup(&b);
    }
    rc_doc_free(d);
}

/* Decoded arrays have the capacity rc_facts_add_* assumes: appending to
 * decoded lists of 1, 8 and 9 items keeps what was there (ASan checks the
 * writes). */
static void test_decoded_grow(void **state)
{
    (void)state;
    const size_t sizes[] = {1, 8, 9};
    for (size_t s = 0; s < 3; s++) {
        rc_doc *d = mkdoc("abcdefghijklmnopqrstuvwxyz", "fr", "2024-01-02");
        rc_facts *f = rc_facts_new(d);
        for (size_t i = 0; i < sizes[s]; i++) {
            rc_date *t = rc_facts_add_date(d, f);
            t->start = (uint32_t)i, t->end = (uint32_t)i + 1, t->gran = RC_DATE_DAY;
            memcpy(t->value, "2024-01-02", 11);
        }
        rc_buf b;
        rc_buf_init(&b, 0);
        assert_int_equal(rc_facts_encode(d, f, NULL, &b), RC_OK);
        rc_facts *g;
        assert_int_equal(rc_facts_decode(d, b.data, b.len, NULL, &g), RC_OK);
        for (size_t i = 0; i < 20; i++)
            rc_facts_add_date(d, g)->start = 100 + (uint32_t)i;
        assert_int_equal(g->ndates, sizes[s] + 20);
        for (size_t i = 0; i < sizes[s]; i++) {
            assert_int_equal(g->dates[i].start, i);
            assert_string_equal(g->dates[i].value, "2024-01-02");
        }
        assert_int_equal(g->dates[sizes[s] + 19].start, 119);
        rc_buf_cleanup(&b);
        rc_doc_free(d);
    }
}

/* The fingerprint is stable within the program and the doc key tells
 * documents apart by text, language and publication date. */
static void test_keys(void **state)
{
    (void)state;
    assert_int_equal(rc_facts_fingerprint(), rc_facts_fingerprint());
    rc_doc *a = mkdoc(SYN_TEXT, "en", NULL), *b = mkdoc(SYN_TEXT, "en", NULL);
    assert_int_equal(rc_facts_doc_key(a), rc_facts_doc_key(b));
    rc_doc *c = mkdoc(SYN_TEXT, "en", ""), *e = mkdoc(SYN_TEXT, NULL, NULL);
    assert_int_not_equal(rc_facts_doc_key(a), rc_facts_doc_key(c));
    assert_int_not_equal(rc_facts_doc_key(a), rc_facts_doc_key(e));
    /* the sentence spans are part of the key: one boundary moved, one
     * sentence fewer, or none at all give other keys */
    rc_doc *s1 = mkdoc("Une phrase ici. Une autre ensuite.", "fr", NULL);
    rc_doc *s2 = mkdoc("Une phrase ici. Une autre ensuite.", "fr", NULL);
    assert_int_equal(s1->nsentences, 2);
    uint64_t k1 = rc_facts_doc_key(s1);
    assert_int_equal(rc_facts_doc_key(s2), k1);
    s2->sentences[0].end--;
    assert_int_not_equal(rc_facts_doc_key(s2), k1);
    s2->sentences[0].end++;
    assert_int_equal(rc_facts_doc_key(s2), k1);
    s2->nsentences--;
    assert_int_not_equal(rc_facts_doc_key(s2), k1);
    s2->sentences = NULL;
    assert_int_not_equal(rc_facts_doc_key(s2), k1);
    rc_doc_free(s1);
    rc_doc_free(s2);
    rc_doc_free(a);
    rc_doc_free(b);
    rc_doc_free(c);
    rc_doc_free(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip_extracted),
        cmocka_unit_test(test_lz4_packing),
        cmocka_unit_test(test_tokens_round_trip),
        cmocka_unit_test(test_damaged_refused),
        cmocka_unit_test(test_bad_spans_refused),
        cmocka_unit_test(test_decoded_grow),
        cmocka_unit_test(test_keys),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
