/*
 * factscodec.c - extracted facts as a byte record; see factscodec.h.
 */
#include "extract/factscodec.h"
#include "extract_fp.h" /* generated: RC_EXTRACT_FP */
#include "text/stem.h"
#include <pthread.h>
#include "text/utf8.h"
#include "util/bytes.h"
#include "util/hash.h"
#include "util/mem.h"
#include "util/rc.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <lz4.h>
#include <utf8proc.h>
#include <zstd.h>

enum {
    SEED_DOC = 0x66616374,
    NULL_STR = 0xffffffffu,
    DATE_MAX = 23,
    HEAD = 34,           /* magic, version, fingerprint, doc key, text length, packing,
                            lists hash */
    PACK_PLAIN = 0,      /* the lists follow as they are */
    PACK_ZSTD = 1,       /* the lists follow as one zstd frame (read only) */
    PACK_LZ4 = 2,        /* the lists' length (4), then one raw LZ4 block of them */
    ZMIN = 256           /* shorter lists stay plain */
};

/* smallest encoded item of each list: spans, bytes and empty strings */
enum { MIN_MENTION = 13, MIN_QUANTITY = 36, MIN_DATE = 15, MIN_QUOTE = 26, MIN_CITATION = 24 };

/* The fingerprint, made once (fp_make) and read-only after. */
static pthread_once_t fp_once = PTHREAD_ONCE_INIT;
static uint64_t fp_value;

/* Make fp_value: the build's sources (RC_EXTRACT_FP), utf8proc's version,
 * and the stems the linked libstemmer gives a fixed list of words in a
 * few languages (the records hold stems, and libstemmer has no version
 * to ask: a library whose algorithms changed stems some of these words
 * otherwise, and its records are refused). */
static void fp_make(void)
{
    static const char *const probe[][2] = {
        {"fr", "nationales"}, {"fr", "gouvernementaux"}, {"fr", "déclarations"},
        {"fr", "présidentielle"}, {"fr", "affirmèrent"}, {"en", "nationalities"},
        {"en", "generously"}, {"en", "running"}, {"en", "agreed"}, {"en", "hopefulness"},
        {"de", "verhandlungen"}, {"es", "negociaciones"}, {"it", "dichiarazioni"},
        {"pt", "declarações"}, {"nl", "onderhandelingen"},
    };
    const char *v = utf8proc_version();
    uint64_t h = rc_hash64(v, strlen(v), (uint64_t)RC_EXTRACT_FP);
    for (size_t i = 0; i < sizeof probe / sizeof *probe; i++) {
        size_t n = 0;
        const char *st = rc_stem_supported(probe[i][0])
                             ? rc_stem(probe[i][0], probe[i][1], strlen(probe[i][1]), &n)
                             : NULL;
        h = st ? rc_hash64(st, n, h + i + 1) : rc_hash64("-", 1, h + i + 1);
    }
    fp_value = h;
}

/* Fingerprint; see factscodec.h. */
uint64_t rc_facts_fingerprint(void)
{
    pthread_once(&fp_once, fp_make);
    return fp_value;
}

/* Hash of s (NULL distinct from "") chained on h. */
static uint64_t hash_str(const char *s, uint64_t h)
{
    if (!s)
        return rc_hash64("\xff", 1, h);
    return rc_hash64(s, strlen(s), h + 1);
}

/* v into b[0..4), little-endian. */
static void put_le32(unsigned char *b, uint32_t v)
{
    b[0] = (unsigned char)v;
    b[1] = (unsigned char)(v >> 8);
    b[2] = (unsigned char)(v >> 16);
    b[3] = (unsigned char)(v >> 24);
}

/* Doc key; see factscodec.h. */
uint64_t rc_facts_doc_key(const rc_doc *d)
{
    uint64_t h = rc_hash64(d->text ? d->text : "", d->text ? d->text_len : 0, SEED_DOC);
    h = hash_str(d->lang, h);
    h = hash_str(d->published, h);
    /* the sentence spans (count, then start/end pairs, 4 bytes each,
     * little-endian): the tokens the extractors read are made over them */
    size_t ns = d->sentences ? d->nsentences : 0;
    unsigned char b[8 * 64];
    put_le32(b, (uint32_t)ns);
    put_le32(b + 4, (uint32_t)((uint64_t)ns >> 32));
    size_t k = 8;
    for (size_t i = 0; i < ns; i++) {
        if (k == sizeof b) {
            h = rc_hash64(b, k, h);
            k = 0;
        }
        put_le32(b + k, d->sentences[i].start);
        put_le32(b + k + 4, d->sentences[i].end);
        k += 8;
    }
    h = rc_hash64(b, k, h);
    return h;
}

/* --- scratch ---------------------------------------------------------- */

struct rc_facts_scratch {
    ZSTD_DCtx *z;        /* made on first use */
    void *buf;           /* the unpacked lists, or a packed frame */
    size_t cap;
};

/* rd's buffer, at least n bytes. */
static void *scratch_buf(rc_facts_scratch *rd, size_t n)
{
    if (rd->cap < n) {
        free(rd->buf);
        rd->cap = n < 4096 ? 4096 : n;
        rd->buf = rc_malloc(rd->cap);
    }
    return rd->buf;
}

/* New scratch; see factscodec.h. */
rc_facts_scratch *rc_facts_scratch_new(void)
{
    return rc_calloc(1, sizeof(rc_facts_scratch));
}

/* Free a scratch; see factscodec.h. */
void rc_facts_scratch_free(rc_facts_scratch *rd)
{
    if (!rd)
        return;
    ZSTD_freeDCtx(rd->z);
    free(rd->buf);
    free(rd);
}

/* --- encode ------------------------------------------------------------- */

/* Append string s (NULL allowed); sets *bad when it is too long. */
static int put_str(rc_buf *b, const char *s, int *bad)
{
    if (!s)
        return rc_bytes_put_le(b, NULL_STR, 4);
    size_t n = strlen(s);
    if (n >= NULL_STR) {
        *bad = 1;
        return 0;
    }
    return rc_bytes_put_le(b, n, 4) | rc_buf_append(b, s, n);
}

/* Append a 0/1 flag; sets *bad for any other value. */
static int put_flag(rc_buf *b, int v, int *bad)
{
    if (v != 0 && v != 1)
        *bad = 1;
    return rc_bytes_put_le(b, (uint64_t)(v != 0), 1);
}

/* Append a mention index (-1 or >= 0) as 4 bytes. */
static int put_index(rc_buf *b, int v)
{
    return rc_bytes_put_le(b, (uint32_t)(int32_t)v, 4);
}

/* Replace the lists out->data[body_at..) by their length and one LZ4
 * block of them and mark out->data[pack_at] when that is shorter (with
 * sc's buffer, or one of its own when sc is NULL): about 1.4 times
 * shorter than plain on news, and unpacked about ten times faster than
 * the zstd frame of earlier records (the report unpacks every record).
 * RC_OK or RC_TOOBIG. */
static int pack(rc_facts_scratch *sc, rc_buf *out, size_t pack_at, size_t body_at)
{
    size_t n = out->len - body_at;
    if (n < ZMIN || n > RC_FACTS_MAX_BODY)
        return RC_OK;
    int cap = LZ4_compressBound((int)n);
    char *z, *tmp = NULL;
    if (sc)
        z = scratch_buf(sc, (size_t)cap + 4);
    else
        z = tmp = rc_malloc((size_t)cap + 4);
    put_le32((unsigned char *)z, (uint32_t)n);
    int zn = LZ4_compress_default(out->data + body_at, z + 4, (int)n, cap);
    int rc = RC_OK;
    if (zn > 0 && (size_t)zn + 4 < n) {
        rc_buf_truncate(out, body_at);
        rc = rc_buf_append(out, z, (size_t)zn + 4) == RC_OK ? RC_OK : RC_TOOBIG;
        out->data[pack_at] = PACK_LZ4;
    }
    free(tmp);
    return rc;
}


/* --- tokens ------------------------------------------------------------- */

/* Append v to p as a little-endian base-128 varint; returns the bytes
 * written (at most 5). */
static size_t put_uv(unsigned char *p, uint32_t v)
{
    size_t n = 0;
    while (v >= 0x80) {
        p[n++] = (unsigned char)(v | 0x80);
        v >>= 7;
    }
    p[n++] = (unsigned char)v;
    return n;
}

/* A token's first byte in the tokens section: its kind (0 word, 1
 * number, 2 punctuation), its marks, and what the bytes after it hold. */
enum {
    TOK_KINDS = RC_TOK_WORD | RC_TOK_NUM | RC_TOK_PUNCT,
    TOK_MARKS = RC_TOK_CAP | RC_TOK_UPPER | RC_TOK_STOP | RC_TOK_SENT_START,
    TB_CAP = 1u << 2,
    TB_UPPER = 1u << 3,
    TB_STOP = 1u << 4,
    TB_SENT = 1u << 5,      /* first of its sentence: the sentence step follows */
    TB_LEN_SAME = 1u << 6,  /* its text is as long as its norm, else the length follows */
    TB_GAP_ONE = 1u << 7,   /* one byte after the previous token, else the gap follows */
    PB_NORM = 1u << 0,      /* a pair's norm bytes follow (else: its token's text, lower case) */
    PB_STEM = 1u << 1       /* a pair's own stem follows (else: the stem is the norm) */
};

/* 1 when s[n] is ASCII and its lower case (A-Z only) is the string norm. */
static int ascii_lower_is(const char *s, size_t n, const char *norm)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80 || (c >= 'A' && c <= 'Z' ? c + 32 : c) != (unsigned char)norm[i] ||
            !norm[i])
            return 0;
    }
    return norm[n] == '\0';
}

/* One distinct (norm, stem) pointer pair of a document's tokens. */
typedef struct tpair {
    const char *norm, *stem;
} tpair;

/* The tokens section of d (see factscodec.h) into a new buffer *out
 * (malloc'd, *n bytes); 0 when d's tokens cannot be recorded (none made
 * by the text model, too many, or not as the text model makes them),
 * then nothing is allocated. The pairs are numbered in the order the
 * tokens first use them (an open-addressed table of pair numbers). */
static int tokens_section(const rc_doc *d, unsigned char **out, size_t *n)
{
    size_t nt = d->ntokens;
    if (!d->tokens || !d->tokkeys || nt == 0 || nt > RC_FACTS_MAX_TOKENS ||
        d->nsentences >= UINT32_MAX)
        return 0;
    size_t cap = 64;
    while (cap < 2 * nt)
        cap *= 2;
    uint32_t *tab = rc_calloc(cap, sizeof *tab);   /* pair number + 1; 0: empty */
    uint32_t *idx = rc_malloc(nt * sizeof *idx);
    tpair *pairs = rc_malloc(nt * sizeof *pairs);
    size_t np = 0, strbytes = 0;
    for (size_t i = 0; i < nt; i++) {
        const rc_token *t = &d->tokens[i];
        uint64_t hv = (uint64_t)(uintptr_t)t->norm * 0x9E3779B97F4A7C15ull ^
                      (uint64_t)(uintptr_t)t->stem;
        size_t j = (size_t)(hv ^ (hv >> 29)) & (cap - 1);
        while (tab[j] && !(pairs[tab[j] - 1].norm == t->norm && pairs[tab[j] - 1].stem == t->stem))
            j = (j + 1) & (cap - 1);
        if (!tab[j]) {
            pairs[np] = (tpair){t->norm, t->stem};
            tab[j] = (uint32_t)++np;
            strbytes += strlen(t->norm) + strlen(t->stem) + 11;
        }
        idx[i] = tab[j] - 1;
    }
    unsigned char *b = rc_malloc(5 + 5 + strbytes + nt * 21);
    size_t w = put_uv(b, (uint32_t)nt);
    w += put_uv(b + w, (uint32_t)np);
    uint32_t prev_end = 0, prev_sent = 0, used = 0;
    int ok = 1;
    for (size_t i = 0; i < nt && ok; i++) {
        const rc_token *t = &d->tokens[i];
        uint32_t fl = t->flags, type;
        if (fl == (fl & (TOK_KINDS | TOK_MARKS)) && (fl & TOK_KINDS) == RC_TOK_WORD)
            type = 0;
        else if (fl == (fl & (TOK_KINDS | TOK_MARKS)) && (fl & TOK_KINDS) == RC_TOK_NUM)
            type = 1;
        else if (fl == (fl & (TOK_KINDS | TOK_MARKS)) && (fl & TOK_KINDS) == RC_TOK_PUNCT)
            type = 2;
        else
            type = 3;
        int sent_start = (fl & RC_TOK_SENT_START) != 0;
        if (type == 3 || t->start < prev_end || t->end < t->start || t->sentence < prev_sent ||
            sent_start != (i == 0 || t->sentence != prev_sent) ||
            d->tokkeys[i].len != strlen(t->norm)) {
            ok = 0;                          /* not what the text model makes */
            break;
        }
        uint32_t gap = t->start - prev_end, tl = t->end - t->start;
        /* a pair's first token: its norm is given, or is the token's
         * ASCII text in lower case (then the length is given) */
        int first = idx[i] == used;
        int from_text = first && ascii_lower_is(d->text + t->start, tl, t->norm);
        int len_same = tl == d->tokkeys[i].len && !from_text;
        unsigned char c = (unsigned char)(type | (fl & RC_TOK_CAP ? TB_CAP : 0) |
                                          (fl & RC_TOK_UPPER ? TB_UPPER : 0) |
                                          (fl & RC_TOK_STOP ? TB_STOP : 0) |
                                          (sent_start ? TB_SENT : 0) |
                                          (len_same ? TB_LEN_SAME : 0) |
                                          (gap == 1 ? TB_GAP_ONE : 0));
        b[w++] = c;
        if (gap != 1)
            w += put_uv(b + w, gap);
        if (!len_same)
            w += put_uv(b + w, tl);
        w += put_uv(b + w, idx[i]);
        if (first) {
            const char *nm = t->norm, *st = t->stem;
            b[w++] = (unsigned char)((from_text ? 0 : PB_NORM) | (st != nm ? PB_STEM : 0));
            if (!from_text) {
                size_t nl = strlen(nm);
                w += put_uv(b + w, (uint32_t)nl);
                memcpy(b + w, nm, nl);
                w += nl;
            }
            if (st != nm) {
                size_t sl = strlen(st);
                w += put_uv(b + w, (uint32_t)sl);
                memcpy(b + w, st, sl);
                w += sl;
            }
            used++;
        }
        if (sent_start)
            w += put_uv(b + w, t->sentence - prev_sent);
        prev_end = t->end;
        prev_sent = t->sentence;
    }
    free(tab);
    free(idx);
    free(pairs);
    if (!ok) {
        free(b);
        return 0;
    }
    *out = b;
    *n = w;
    return 1;
}

/* Encode; see factscodec.h. */
int rc_facts_encode(const rc_doc *d, const rc_facts *f, rc_facts_scratch *sc, rc_buf *out)
{
    int bad = 0; /* not representable */
    int full = rc_buf_append(out, "RCFX", 4);
    full |= rc_bytes_put_le(out, RC_FACTS_CODEC_VERSION, 1);
    full |= rc_bytes_put_le(out, rc_facts_fingerprint(), 8);
    full |= rc_bytes_put_le(out, rc_facts_doc_key(d), 8);
    if (d->text_len >= UINT32_MAX || f->nmentions > RC_FACTS_MAX_ITEMS ||
        f->nquantities > RC_FACTS_MAX_ITEMS || f->ndates > RC_FACTS_MAX_ITEMS ||
        f->nquotes > RC_FACTS_MAX_ITEMS || f->ncitations > RC_FACTS_MAX_ITEMS)
        return RC_ERR;
    full |= rc_bytes_put_le(out, d->text_len, 4);
    size_t pack_at = out->len;
    full |= rc_bytes_put_le(out, PACK_PLAIN, 1);
    full |= rc_bytes_put_le(out, 0, 8); /* the lists' hash, below */
    size_t body_at = out->len;

    full |= rc_bytes_put_le(out, f->nmentions, 4);
    for (size_t i = 0; i < f->nmentions && !full; i++) {
        const rc_mention *m = &f->mentions[i];
        if (m->entity != -1 || (unsigned)m->type > RC_ENT_ORG)
            bad = 1;
        full |= rc_bytes_put_le(out, m->start, 4) | rc_bytes_put_le(out, m->end, 4);
        full |= rc_bytes_put_le(out, (uint64_t)m->type, 1);
        full |= put_str(out, m->key, &bad);
    }
    full |= rc_bytes_put_le(out, f->nquantities, 4);
    for (size_t i = 0; i < f->nquantities && !full; i++) {
        const rc_quantity *q = &f->quantities[i];
        uint64_t bits;
        memcpy(&bits, &q->value, sizeof bits);
        if ((unsigned)q->bound > RC_BOUND_LESS_THAN || !isfinite(q->value))
            bad = 1;
        full |= rc_bytes_put_le(out, q->start, 4) | rc_bytes_put_le(out, q->end, 4);
        full |= rc_bytes_put_le(out, q->num_start, 4) | rc_bytes_put_le(out, q->num_end, 4);
        full |= rc_bytes_put_le(out, bits, 8);
        full |= rc_bytes_put_le(out, (uint64_t)q->bound, 1);
        full |= put_flag(out, q->approximate, &bad) | put_flag(out, q->ordinal, &bad);
        full |= put_flag(out, q->percent, &bad);
        full |= put_str(out, q->unit, &bad) | put_str(out, q->counts, &bad);
    }
    full |= rc_bytes_put_le(out, f->ndates, 4);
    for (size_t i = 0; i < f->ndates && !full; i++) {
        const rc_date *t = &f->dates[i];
        size_t vn = strnlen(t->value, sizeof t->value);
        if (vn > DATE_MAX || t->gran < RC_DATE_YEAR || t->gran > RC_DATE_DAY)
            bad = 1;
        full |= rc_bytes_put_le(out, t->start, 4) | rc_bytes_put_le(out, t->end, 4);
        full |= rc_bytes_put_le(out, vn, 4) | rc_buf_append(out, t->value, vn);
        full |= rc_bytes_put_le(out, (uint64_t)t->gran, 1);
        full |= put_flag(out, t->relative, &bad) | put_flag(out, t->year_open, &bad);
    }
    full |= rc_bytes_put_le(out, f->nquotes, 4);
    for (size_t i = 0; i < f->nquotes && !full; i++) {
        const rc_quote *q = &f->quotes[i];
        if (q->nvia > RC_FACTS_MAX_VIA || (q->nvia && !q->via) || (!q->nvia && q->via) ||
            q->speaker_mention < -1 || (q->speaker_mention >= 0 &&
                                        (size_t)q->speaker_mention >= f->nmentions))
            return RC_ERR;
        full |= rc_bytes_put_le(out, q->start, 4) | rc_bytes_put_le(out, q->end, 4);
        full |= put_flag(out, q->fragment, &bad);
        full |= rc_bytes_put_le(out, q->sp_start, 4) | rc_bytes_put_le(out, q->sp_end, 4);
        full |= put_str(out, q->speaker, &bad) | put_index(out, q->speaker_mention);
        full |= rc_bytes_put_le(out, q->nvia, 1);
        for (size_t k = 0; k < q->nvia; k++) {
            if (!q->via[k])
                bad = 1;
            full |= put_str(out, q->via[k], &bad);
        }
    }
    full |= rc_bytes_put_le(out, f->ncitations, 4);
    for (size_t i = 0; i < f->ncitations && !full; i++) {
        const rc_citation *c = &f->citations[i];
        if (c->source_mention < -1 ||
            (c->source_mention >= 0 && (size_t)c->source_mention >= f->nmentions))
            bad = 1;
        full |= rc_bytes_put_le(out, c->start, 4) | rc_bytes_put_le(out, c->end, 4);
        full |= rc_bytes_put_le(out, c->src_start, 4) | rc_bytes_put_le(out, c->src_end, 4);
        full |= put_str(out, c->source, &bad) | put_index(out, c->source_mention);
    }
    if (full)
        return RC_TOOBIG;
    if (bad)
        return RC_ERR;
    /* the tokens, when they fit (else the "none" mark: decode leaves the
     * document without tokens) */
    size_t tok_at = out->len;
    unsigned char *tb = NULL;
    size_t tn = 0;
    int have = tokens_section(d, &tb, &tn);
    if (!have || rc_bytes_put_le(out, 1, 1) || rc_buf_append(out, tb, tn) ||
        out->len - body_at > RC_FACTS_MAX_BODY) {
        rc_buf_truncate(out, tok_at);
        if (rc_bytes_put_le(out, 0, 1))
            full = 1;
    }
    free(tb);
    if (full)
        return RC_TOOBIG;
    uint64_t h = rc_hash64(out->data + body_at, out->len - body_at, RC_FACTS_LISTS_SEED);
    for (int i = 0; i < 8; i++)
        out->data[body_at - 8 + i] = (char)(h >> (8 * i));
    return pack(sc, out, pack_at, body_at);
}

/* --- decode ------------------------------------------------------------- */

static int decode_lists(rc_doc *d, const unsigned char *body, size_t n, rc_facts **out);

typedef struct reader {
    rc_bytes_reader r;
    rc_doc *d;
    uint32_t text_len;
} reader;

/* 1 when byte offset i of d's text starts a character (or is its end). */
static int char_start(const rc_doc *d, uint32_t i)
{
    return i >= d->text_len || ((unsigned char)d->text[i] & 0xc0) != 0x80;
}

/* A span [*s, *e) within the text, on character boundaries; r bad
 * otherwise. */
static void get_span(reader *R, uint32_t *s, uint32_t *e)
{
    *s = (uint32_t)rc_bytes_get_le(&R->r, 4);
    *e = (uint32_t)rc_bytes_get_le(&R->r, 4);
    if (*s > *e || *e > R->text_len || !char_start(R->d, *s) || !char_start(R->d, *e))
        R->r.bad = 1;
}

/* A string copied into the arena (NULL allowed when nullable); r bad
 * when it is cut short, holds a NUL, is not UTF-8, or is NULL where not
 * allowed. */
static const char *get_str(reader *R, int nullable)
{
    uint32_t n = (uint32_t)rc_bytes_get_le(&R->r, 4);
    if (R->r.bad)
        return NULL;
    if (n == NULL_STR) {
        if (!nullable)
            R->r.bad = 1;
        return NULL;
    }
    const char *p = rc_bytes_get(&R->r, n);
    if (!p || memchr(p, '\0', n) || !rc_utf8_valid(p, n)) {
        R->r.bad = 1;
        return NULL;
    }
    return rc_arena_strndup(R->d->arena, p, n);
}

/* A byte at most max. */
static int get_small(reader *R, unsigned max)
{
    unsigned v = (unsigned)rc_bytes_get_le(&R->r, 1);
    if (v > max)
        R->r.bad = 1;
    return (int)v;
}

/* A mention index: -1 or below nmentions. */
static int get_index(reader *R, size_t nmentions)
{
    int32_t v = (int32_t)(uint32_t)rc_bytes_get_le(&R->r, 4);
    if (v < -1 || (v >= 0 && (size_t)v >= nmentions))
        R->r.bad = 1;
    return v < -1 ? -1 : v;
}

/* A list count at most RC_FACTS_MAX_ITEMS and at most what the bytes left
 * can hold at min bytes an item; r bad otherwise (then 0). */
static size_t get_count(reader *R, size_t min)
{
    uint32_t n = (uint32_t)rc_bytes_get_le(&R->r, 4);
    if (R->r.bad || n > RC_FACTS_MAX_ITEMS || (R->r.n - R->r.at) / min < n) {
        R->r.bad = 1;
        return 0;
    }
    return n;
}

/* An array of n items of size bytes in the arena with the capacity
 * rc_arena_grow assumes for n (8, else the power of two >= n), or NULL. */
static void *get_array(reader *R, size_t n, size_t size)
{
    if (!n)
        return NULL;
    size_t cap = 8;
    while (cap < n)
        cap *= 2;
    return rc_arena_calloc(R->d->arena, cap, size);
}


/* Unpack the zstd frame z[zn] of declared size into rd's buffer (a
 * one-shot context when rd is NULL, *tmp then owning the bytes); the
 * lists or NULL. */
static void *unpack(rc_facts_scratch *rd, const void *z, size_t zn, size_t size, void **tmp)
{
    void *dst;
    size_t got;
    if (rd) {
        if (!rd->z)
            rd->z = ZSTD_createDCtx();
        dst = scratch_buf(rd, size);
        got = rd->z ? ZSTD_decompressDCtx(rd->z, dst, size, z, zn) : (size_t)-1;
    } else {
        dst = *tmp = rc_malloc(size);
        got = ZSTD_decompress(dst, size, z, zn);
    }
    return !ZSTD_isError(got) && got == size ? dst : NULL;
}

/* Unpack the raw LZ4 block z[zn] of size bytes into rd's buffer (or a
 * new one when rd is NULL, *tmp then owning the bytes); the lists, or
 * NULL unless the block unpacks to exactly size bytes. */
static void *unpack_lz4(rc_facts_scratch *rd, const void *z, size_t zn, size_t size, void **tmp)
{
    void *dst = rd ? scratch_buf(rd, size) : (*tmp = rc_malloc(size));
    int got = zn <= LZ4_MAX_INPUT_SIZE
                  ? LZ4_decompress_safe(z, dst, (int)zn, (int)size) : -1;
    return got >= 0 && (size_t)got == size ? dst : NULL;
}


/* A varint (put_uv) at most max; r bad otherwise. */
static inline uint32_t get_uv(rc_bytes_reader *r, uint32_t max)
{
    if (r->at < r->n && r->p[r->at] < 0x80 && r->p[r->at] <= max)
        return r->p[r->at++];   /* one byte: most values */
    uint32_t v = 0;
    for (unsigned shift = 0; shift < 35; shift += 7) {
        if (r->at >= r->n) {
            r->bad = 1;
            return 0;
        }
        unsigned char c = r->p[r->at++];
        if (shift == 28 && (c & 0xf0)) {
            r->bad = 1;
            return 0;
        }
        v |= (uint32_t)(c & 0x7f) << shift;
        if (!(c & 0x80)) {
            if (v > max)
                r->bad = 1;
            return v > max ? 0 : v;
        }
    }
    r->bad = 1;
    return 0;
}

/* The tokens section (after the lists) into d->tokens and d->tokkeys,
 * or nothing when it says none; r bad when damaged (then d's tokens are
 * left as they were). */
static void decode_tokens(reader *R)
{
    rc_bytes_reader *r = &R->r;
    rc_doc *d = R->d;
    int have = get_small(R, 1);
    if (!have || r->bad)
        return;
    uint32_t nt = get_uv(r, RC_FACTS_MAX_TOKENS);
    uint32_t np = get_uv(r, nt);
    /* a token takes two bytes or more, a pair one more */
    if (r->bad || nt == 0 || np == 0 || r->n - r->at < (size_t)np + 2 * (size_t)nt) {
        r->bad = 1;
        return;
    }
    const char **norms = rc_malloc(np * sizeof *norms);
    const char **stems = rc_malloc(np * sizeof *stems);
    rc_tokkey *keys = rc_malloc(np * sizeof *keys);
    /* the strings, NUL-terminated, in one arena block: given ones take no
     * more than the section's bytes, ones from the text no more than the
     * text, plus two NULs a pair */
    char *sp = rc_arena_alloc(d->arena, (r->n - r->at) + R->text_len + 2 * (size_t)np);
    rc_token *tv = rc_arena_alloc(d->arena, (size_t)nt * sizeof *tv);
    rc_tokkey *kv = rc_arena_alloc(d->arena, (size_t)nt * sizeof *kv);
    uint32_t pos = 0, sent = 0, len = R->text_len, used = 0;
    size_t nsent = d->nsentences;
    static const uint32_t KIND[4] = {RC_TOK_WORD, RC_TOK_NUM, RC_TOK_PUNCT, 0};
    for (uint32_t i = 0; i < nt && !r->bad; i++) {
        if (r->at >= r->n) {
            r->bad = 1;
            break;
        }
        unsigned c = r->p[r->at++];
        uint32_t fl = KIND[c & 3];
        if (!fl) {
            r->bad = 1;
            break;
        }
        fl |= (c & TB_CAP ? RC_TOK_CAP : 0) | (c & TB_UPPER ? RC_TOK_UPPER : 0) |
              (c & TB_STOP ? RC_TOK_STOP : 0) | (c & TB_SENT ? RC_TOK_SENT_START : 0);
        uint32_t gap = c & TB_GAP_ONE ? 1 : get_uv(r, UINT32_MAX);
        uint32_t tl = c & TB_LEN_SAME ? 0 : get_uv(r, UINT32_MAX);
        uint32_t ni = get_uv(r, np - 1);
        /* pairs are numbered in the order tokens first use them */
        if (r->bad || ni > used || gap > len - pos || tl > len - pos - gap) {
            r->bad = 1;
            break;
        }
        uint32_t start = pos + gap;
        if (ni == used) {        /* the pair, first used here */
            if (r->at >= r->n || r->p[r->at] > (PB_NORM | PB_STEM)) {
                r->bad = 1;
                break;
            }
            unsigned pb = r->p[r->at++];
            char *nm = sp;
            uint32_t nl, h = 2166136261u;
            unsigned char hi = 0;
            if (pb & PB_NORM) {
                nl = get_uv(r, RC_FACTS_MAX_BODY);
                const char *q = r->bad ? NULL : rc_bytes_get(r, nl);
                if (!q || memchr(q, '\0', nl)) {
                    r->bad = 1;
                    break;
                }
                memcpy(nm, q, nl);
                for (uint32_t k = 0; k < nl; k++) {
                    hi |= (unsigned char)nm[k];
                    h = (h ^ (unsigned char)nm[k]) * 16777619u;
                }
                if (hi >= 0x80 && !rc_utf8_valid(nm, nl)) {
                    r->bad = 1;
                    break;
                }
            } else {
                /* the token's text, ASCII without NUL, in lower case; its
                 * length given */
                nl = tl;
                const unsigned char *q = (const unsigned char *)d->text + start;
                int zero = 0;
                for (uint32_t k = 0; k < nl; k++) {
                    unsigned char lc = q[k] >= 'A' && q[k] <= 'Z' ? q[k] + 32 : q[k];
                    hi |= lc;
                    zero |= lc == 0;
                    nm[k] = (char)lc;
                    h = (h ^ lc) * 16777619u;
                }
                if ((c & TB_LEN_SAME) || hi >= 0x80 || zero) {
                    r->bad = 1;
                    break;
                }
            }
            nm[nl] = '\0';
            sp += nl + 1;
            keys[used] = (rc_tokkey){h, nl, hi < 0x80};
            norms[used] = nm;
            stems[used] = nm;
            if (pb & PB_STEM) {
                uint32_t sl = get_uv(r, RC_FACTS_MAX_BODY);
                const char *q = r->bad ? NULL : rc_bytes_get(r, sl);
                /* a stem that reads as its norm is the norm (not stored) */
                if (!q || memchr(q, '\0', sl) || !rc_utf8_valid(q, sl) ||
                    (sl == nl && memcmp(q, nm, nl) == 0)) {
                    r->bad = 1;
                    break;
                }
                memcpy(sp, q, sl);
                sp[sl] = '\0';
                stems[used] = sp;
                sp += sl + 1;
            }
            used++;
        }
        if (c & TB_LEN_SAME) {
            tl = keys[ni].len;
            if (tl > len - pos - gap) {
                r->bad = 1;
                break;
            }
        }
        uint32_t step = c & TB_SENT ? get_uv(r, UINT32_MAX - sent) : 0;
        /* SENT_START marks exactly the first token of each sentence */
        if ((c & TB_SENT) ? i > 0 && step == 0 : i == 0)
            r->bad = 1;
        sent += step;
        if (r->bad || sent >= nsent || !char_start(d, start) || !char_start(d, start + tl)) {
            r->bad = 1;
            break;
        }
        rc_token *t = &tv[i];
        t->start = start;
        t->end = start + tl;
        t->sentence = sent;
        t->flags = fl;
        t->norm = norms[ni];
        t->stem = stems[ni];
        kv[i] = keys[ni];
        pos = t->end;
    }
    free(norms);
    free(stems);
    free(keys);
    if (!r->bad && used != np)
        r->bad = 1;         /* a pair no token uses */
    if (r->bad)
        return;
    d->tokens = tv;
    d->ntokens = nt;
    d->tokkeys = kv;
}

/* Decode; see factscodec.h. */
int rc_facts_decode(rc_doc *d, const void *p, size_t n, rc_facts_scratch *rd, rc_facts **out)
{
    *out = NULL;
    if (!p || n < HEAD || memcmp(p, "RCFX", 4) != 0 || d->text_len >= UINT32_MAX)
        return RC_PARSE;
    rc_bytes_reader h = {p, n, 4, 0};
    if (rc_bytes_get_le(&h, 1) != RC_FACTS_CODEC_VERSION ||
        rc_bytes_get_le(&h, 8) != rc_facts_fingerprint() ||
        rc_bytes_get_le(&h, 8) != rc_facts_doc_key(d) || rc_bytes_get_le(&h, 4) != d->text_len)
        return RC_PARSE;
    uint64_t packing = rc_bytes_get_le(&h, 1);
    uint64_t hash = rc_bytes_get_le(&h, 8);
    const unsigned char *body = h.p + HEAD;
    size_t nbody = n - HEAD;
    void *plain = NULL;
    if (packing == PACK_ZSTD) {
        unsigned long long size = ZSTD_getFrameContentSize(body, nbody);
        if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN ||
            size > RC_FACTS_MAX_BODY || size < ZMIN)
            return RC_PARSE;
        body = unpack(rd, body, nbody, (size_t)size, &plain);
        nbody = (size_t)size;
        if (!body) {
            free(plain);
            return RC_PARSE;
        }
    } else if (packing == PACK_LZ4) {
        rc_bytes_reader zr = {body, nbody, 0, 0};
        uint64_t size = rc_bytes_get_le(&zr, 4);
        if (zr.bad || size > RC_FACTS_MAX_BODY || size < ZMIN)
            return RC_PARSE;
        body = unpack_lz4(rd, body + 4, nbody - 4, (size_t)size, &plain);
        nbody = (size_t)size;
        if (!body) {
            free(plain);
            return RC_PARSE;
        }
    } else if (packing != PACK_PLAIN) {
        return RC_PARSE;
    }
    int rc = rc_hash64(body, nbody, RC_FACTS_LISTS_SEED) == hash ? decode_lists(d, body, nbody, out)
                                                        : RC_PARSE;
    free(plain);
    return rc;
}

/* The lists body[n] into new facts *out in d's arena: RC_OK or RC_PARSE. */
static int decode_lists(rc_doc *d, const unsigned char *body, size_t n, rc_facts **out)
{
    reader R = {{body, n, 0, 0}, d, (uint32_t)d->text_len};
    rc_bytes_reader *r = &R.r;
    rc_facts *f = rc_facts_new(d);

    size_t k = get_count(&R, MIN_MENTION);
    f->mentions = get_array(&R, k, sizeof *f->mentions);
    for (size_t i = 0; i < k && !r->bad; i++) {
        rc_mention *m = &f->mentions[i];
        get_span(&R, &m->start, &m->end);
        m->type = (rc_etype)get_small(&R, RC_ENT_ORG);
        m->key = get_str(&R, 1);
        m->entity = -1;
        f->nmentions = i + 1;
    }
    k = get_count(&R, MIN_QUANTITY);
    f->quantities = get_array(&R, k, sizeof *f->quantities);
    for (size_t i = 0; i < k && !r->bad; i++) {
        rc_quantity *q = &f->quantities[i];
        get_span(&R, &q->start, &q->end);
        get_span(&R, &q->num_start, &q->num_end);
        uint64_t bits = rc_bytes_get_le(r, 8);
        memcpy(&q->value, &bits, sizeof bits);
        if (!isfinite(q->value))
            r->bad = 1;
        q->bound = (rc_bound)get_small(&R, RC_BOUND_LESS_THAN);
        q->approximate = get_small(&R, 1);
        q->ordinal = get_small(&R, 1);
        q->percent = get_small(&R, 1);
        q->unit = get_str(&R, 1);
        q->counts = get_str(&R, 1);
        f->nquantities = i + 1;
    }
    k = get_count(&R, MIN_DATE);
    f->dates = get_array(&R, k, sizeof *f->dates);
    for (size_t i = 0; i < k && !r->bad; i++) {
        rc_date *t = &f->dates[i];
        get_span(&R, &t->start, &t->end);
        uint32_t vn = (uint32_t)rc_bytes_get_le(r, 4);
        const char *v = vn <= DATE_MAX ? rc_bytes_get(r, vn) : NULL;
        if (!v || memchr(v, '\0', vn) || !rc_utf8_valid(v, vn))
            r->bad = 1;
        else
            memcpy(t->value, v, vn);
        int g = get_small(&R, RC_DATE_DAY);
        if (g < RC_DATE_YEAR)
            r->bad = 1;
        t->gran = (rc_dgran)g;
        t->relative = get_small(&R, 1);
        t->year_open = get_small(&R, 1);
        f->ndates = i + 1;
    }
    k = get_count(&R, MIN_QUOTE);
    f->quotes = get_array(&R, k, sizeof *f->quotes);
    for (size_t i = 0; i < k && !r->bad; i++) {
        rc_quote *q = &f->quotes[i];
        get_span(&R, &q->start, &q->end);
        q->fragment = get_small(&R, 1);
        get_span(&R, &q->sp_start, &q->sp_end);
        q->speaker = get_str(&R, 1);
        q->speaker_mention = get_index(&R, f->nmentions);
        size_t nv = (size_t)get_small(&R, RC_FACTS_MAX_VIA);
        if (nv && !r->bad) {
            const char **via = rc_arena_calloc(d->arena, nv, sizeof *via);
            for (size_t j = 0; j < nv && !r->bad; j++)
                via[j] = get_str(&R, 0);
            q->via = via;
            q->nvia = nv;
        }
        f->nquotes = i + 1;
    }
    k = get_count(&R, MIN_CITATION);
    f->citations = get_array(&R, k, sizeof *f->citations);
    for (size_t i = 0; i < k && !r->bad; i++) {
        rc_citation *c = &f->citations[i];
        get_span(&R, &c->start, &c->end);
        get_span(&R, &c->src_start, &c->src_end);
        c->source = get_str(&R, 1);
        c->source_mention = get_index(&R, f->nmentions);
        f->ncitations = i + 1;
    }
    rc_token *tok0 = d->tokens;
    size_t ntok0 = d->ntokens;
    rc_tokkey *key0 = d->tokkeys;
    if (!r->bad)
        decode_tokens(&R);
    if (r->bad || r->at != r->n) {
        d->tokens = tok0;        /* the tokens it had, if any */
        d->ntokens = ntok0;
        d->tokkeys = key0;
        return RC_PARSE; /* what was allocated stays in the arena */
    }
    *out = f;
    return RC_OK;
}
