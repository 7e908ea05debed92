/*
 * framing.c - distinctive terms (log-odds with an informative Dirichlet
 * prior) and omissions per article of a group; see framing.h.
 */
#include "crosscheck/framing.h"
#include "meta/fold.h"
#include "text/textmodel.h"
#include "util/hash.h"
#include "util/mem.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>

#define MAX_WORDS 3          /* longest n-gram counted */
#define KEY_MAX 240          /* longest key (bytes); longer n-grams are skipped */
#define SKIP_MAX 16          /* outlet and credit words remembered per document */
#define BG_MAX_KEYS (1u << 22) /* distinct background keys; later new keys are not counted */
#define TOTAL_MARK '\x01'    /* key suffix of the per-language totals */
#define DOCS_MARK '\x02'     /* key suffix of the per-language document count */
#define MARKED 0x80000000u   /* tentry.words flag: the key holds TOTAL_MARK */

/* One counted term (or a total under a marked key). */
typedef struct tentry {
    uint64_t h;
    const char *key;         /* lang '\x1f' stems joined by ' ' (arena) */
    uint32_t klen;
    uint32_t words;          /* n-gram order; group map: | MARKED when the
                                key holds TOTAL_MARK (see grp_term) */
    size_t count;            /* occurrences */
    size_t df;               /* documents holding it */
    size_t last;             /* 1 + the last document counted in df */
    size_t doc;              /* group map: first document (group position) */
    uint32_t tok;            /* first token of the first occurrence */
    uint32_t cur;            /* group map: the current article's dterm (see grp_term) */
} tentry;

/* Open-addressing hash map from key to entry; keys in an arena. */
typedef struct tmap {
    uint64_t *slots;         /* entry index + 1 (low 32 bits; 0 empty) and
                                the high 32 bits of its hash (a probe that
                                meets another key skips its entry) */
    size_t cap;              /* power of two */
    tentry *ents;
    size_t n, ecap;
    rc_arena *arena;
} tmap;

struct rc_framing_background {
    tmap m;
};

/* Prepare an empty map whose keys go to arena a. */
static void tmap_init(tmap *m, rc_arena *a)
{
    memset(m, 0, sizeof *m);
    m->cap = 64;
    m->slots = rc_calloc(m->cap, sizeof *m->slots);
    m->arena = a;
}

/* Release the map's arrays (the keys stay in the arena). */
static void tmap_cleanup(tmap *m)
{
    free(m->slots);
    free(m->ents);
    memset(m, 0, sizeof *m);
}

/* The entry for key[klen] with hash h, or NULL. Inline in tmap_add,
 * which every counted n-gram calls (the call's register saves cost about
 * what the probe does); tmap_find for the other callers. */
static inline __attribute__((always_inline)) tentry *
tmap_find_inl(const tmap *m, const char *key, size_t klen, uint64_t h)
{
    for (size_t i = h & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        uint64_t v = m->slots[i];
        if (!v)
            return NULL;
        if ((v >> 32) != (h >> 32))
            continue;
        tentry *e = &m->ents[(uint32_t)v - 1];
        if (e->h == h && e->klen == klen && memcmp(e->key, key, klen) == 0)
            return e;
    }
}

/* The entry for key[klen] with hash h, or NULL. */
static tentry *tmap_find(const tmap *m, const char *key, size_t klen, uint64_t h)
{
    return tmap_find_inl(m, key, klen, h);
}

/* The slot value of entry index + 1 (ix) whose hash is h. */
static uint64_t slot_of(size_t ix, uint64_t h)
{
    return (h & 0xffffffff00000000ull) | (uint32_t)ix;
}

/* Double the slot table and reinsert every entry. */
static void tmap_grow(tmap *m)
{
    free(m->slots);
    m->cap *= 2;
    m->slots = rc_calloc(m->cap, sizeof *m->slots);
    for (size_t k = 0; k < m->n; k++) {
        size_t i = m->ents[k].h & (m->cap - 1);
        while (m->slots[i])
            i = (i + 1) & (m->cap - 1);
        m->slots[i] = slot_of(k + 1, m->ents[k].h);
    }
}

/* The entry for key[klen] (hash h), added zeroed (absent from m: the
 * caller has looked); NULL when the map already holds max entries. */
static __attribute__((noinline)) tentry *tmap_insert(tmap *m, const char *key, size_t klen,
                                                    uint64_t h, size_t max)
{
    if (m->n >= max)
        return NULL;
    if ((m->n + 1) * 4 > m->cap * 3)
        tmap_grow(m);
    if (m->n == m->ecap) {
        m->ecap = m->ecap ? m->ecap * 2 : 64;
        m->ents = rc_reallocarray(m->ents, m->ecap, sizeof *m->ents);
    }
    tentry *e = &m->ents[m->n];
    memset(e, 0, sizeof *e);
    e->h = h;
    e->key = rc_arena_strndup(m->arena, key, klen);
    e->klen = (uint32_t)klen;
    size_t i = h & (m->cap - 1);
    while (m->slots[i])
        i = (i + 1) & (m->cap - 1);
    m->slots[i] = slot_of(++m->n, h);
    return e;
}

/* The entry for key[klen] (hash h), added zeroed when absent; NULL when
 * absent and the map already holds max entries. Inline (see
 * tmap_find_inl); the insertion out of line. */
static inline __attribute__((always_inline)) tentry *
tmap_add(tmap *m, const char *key, size_t klen, uint64_t h, size_t max)
{
    tentry *e = tmap_find_inl(m, key, klen, h);
    return e ? e : tmap_insert(m, key, klen, h, max);
}

/* The key of a per-language total ("lang \x1f \x01 n") in buf; its length. */
static size_t mark_key(char *buf, size_t cap, const char *lang, char mark, int words)
{
    size_t n = 0;
    for (const char *p = lang ? lang : ""; *p && n + 4 < cap; p++)
        buf[n++] = *p;
    buf[n++] = '\x1f';
    buf[n++] = mark;
    buf[n++] = (char)('0' + words);
    return n;
}

/* Add v to the marked total of (lang, mark, words) in m. */
static void mark_add(tmap *m, const char *lang, char mark, int words, size_t v)
{
    char k[64];
    size_t n = mark_key(k, sizeof k, lang, mark, words);
    tentry *e = tmap_add(m, k, n, rc_hash64(k, n, 0), SIZE_MAX);
    e->count += v;
}

/* The marked total of (lang, mark, words) in m (0 when absent). */
static size_t mark_get(const tmap *m, const char *lang, char mark, int words)
{
    char k[64];
    size_t n = mark_key(k, sizeof k, lang, mark, words);
    const tentry *e = tmap_find(m, k, n, rc_hash64(k, n, 0));
    return e ? e->count : 0;
}

/* The folded words of a document's outlet name and credits: not terms. */
typedef struct skipset {
    char w[SKIP_MAX][48];
    size_t len[SKIP_MAX];    /* strlen of each word */
    size_t n;
    uint64_t first[4];       /* bit c: some word's folded form starts with byte c */
} skipset;

/* Add the folded words of s to k. */
static void skip_add(skipset *k, const char *s)
{
    if (!s)
        return;
    size_t len = strlen(s), i = 0, ws, we;
    while (k->n < SKIP_MAX && rc_word_next(s, len, &i, &ws, &we)) {
        k->len[k->n] = rc_fold_key(s + ws, we - ws, k->w[k->n], sizeof k->w[0]);
        unsigned char c = (unsigned char)k->w[k->n++][0];
        k->first[c >> 6] |= 1ull << (c & 63);
    }
}

/* rc_fold_key(s, n, out, cap) for an s of printable ASCII bytes (no
 * blank: nothing to squeeze), which folds to its lower case cut at cap -
 * 1 bytes; SIZE_MAX (out undefined) for any other s. */
static size_t fold_ascii(const char *s, size_t n, char *out, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c <= ' ' || c >= 0x7f)
            return SIZE_MAX;
        if (o + 2 <= cap)
            out[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    out[o] = '\0';
    return o;
}

/* 1 when the token's folded form is one of k's words. */
static int skip_has(const skipset *k, const rc_doc *d, const rc_token *t)
{
    if (!k->n)
        return 0;
    /* a token starting with an ASCII letter folds to a form starting with
     * that letter in lower case: no word of k starts so, no fold needed */
    unsigned char c0 = t->end > t->start ? (unsigned char)d->text[t->start] : 0;
    if (c0 > ' ' && c0 < 0x80) {
        unsigned char c = (unsigned char)(c0 >= 'A' && c0 <= 'Z' ? c0 + 32 : c0);
        if (!(k->first[c >> 6] & (1ull << (c & 63))))
            return 0;
    }
    char f[48];
    size_t fl = fold_ascii(d->text + t->start, t->end - t->start, f, sizeof f);
    if (fl == SIZE_MAX)
        fl = rc_fold_key(d->text + t->start, t->end - t->start, f, sizeof f);
    for (size_t i = 0; i < k->n; i++)
        if (k->len[i] == fl && memcmp(f, k->w[i], fl) == 0)
            return 1;
    return 0;
}

/* The n < 8 bytes at s as a little-endian word, the high bytes zero (what
 * a memcpy of them into a zeroed word gives on this target): two loads of
 * the halves' widths, overlapping, instead of memcpy's byte count. */
static inline uint64_t short_le(const char *s, size_t n)
{
    if (n >= 4) {
        uint32_t x, y;
        memcpy(&x, s, 4);
        memcpy(&y, s + n - 4, 4);
        return x | (uint64_t)y << (8 * (n - 4));
    }
    if (n >= 2) {
        uint16_t x, y;
        memcpy(&x, s, 2);
        memcpy(&y, s + n - 2, 2);
        return x | (uint64_t)y << (8 * (n - 2));
    }
    return n ? (unsigned char)s[0] : 0;
}

/* 1 when some byte of the 8 in v (each below 0x80) is an ASCII digit: a
 * byte b < 0x80 plus 0x50 sets its top bit iff b >= '0', plus 0x46 iff
 * b > '9', and neither sum carries into the next byte. */
static int digit_in8(uint64_t v)
{
    return ((v + 0x5050505050505050ull) & ~(v + 0x4646464646464646ull) &
            0x8080808080808080ull) != 0;
}

/* 1 when some byte of s[0..n) is an ASCII digit; every byte of s is
 * ASCII (below 0x80). Read as whole words, the last one overlapping the
 * one before (never a byte outside s; a zero byte is no digit). */
static int ascii_has_digit(const char *s, size_t n)
{
    uint64_t v;
    if (n >= 8) {
        size_t i = 0;
        for (; i + 8 <= n; i += 8) {
            memcpy(&v, s + i, 8);
            if (digit_in8(v))
                return 1;
        }
        if (i == n)
            return 0;
        memcpy(&v, s + n - 8, 8);
        return digit_in8(v);
    }
    return digit_in8(short_le(s, n));
}

/* 1 when token i of d may be part of a term: a word of two letters or
 * more, no stopword, no digit, not the outlet's name or a credit (k). */
static int content_token(const rc_doc *d, size_t i, const skipset *k)
{
    const rc_token *t = &d->tokens[i];
    if (!(t->flags & RC_TOK_WORD) || (t->flags & (RC_TOK_STOP | RC_TOK_NUM | RC_TOK_PUNCT)))
        return 0;
    if (!t->stem || !t->norm)
        return 0;
    if (d->tokkeys && d->tokkeys[i].ascii) {
        /* an ASCII norm of known length: one letter per byte */
        size_t n = d->tokkeys[i].len;
        if (n < 2 || ascii_has_digit(t->norm, n))
            return 0;
    } else {
        size_t letters = 0;
        for (const unsigned char *p = (const unsigned char *)t->norm; *p; p++) {
            if (*p >= '0' && *p <= '9')
                return 0;
            if ((*p & 0xC0) != 0x80)
                letters++;
        }
        if (letters < 2)
            return 0;
    }
    return !skip_has(k, d, t);
}

/* Called for each n-gram of a document: key[klen] (hash h), order words,
 * first token tok. */
typedef void (*term_fn)(void *ctx, const char *key, size_t klen, uint64_t h,
                        int words, uint32_t tok);

/* Function words the packaged stopword lists lack, and words by which a
 * newsroom refers to itself or to its page ("this newspaper", "notre
 * rédaction"): not framing, per language, folded. */
static const char *const NOT_TERMS[] = {
    /* French */
    "cette", "cet", "ces", "si", "ni", "tout", "tous", "toute", "toutes", "contre", "lors",
    "dont", "très", "alors", "où", "ils", "elles", "jamais", "plus", "moins", "leurs",
    "sans", "aussi", "encore", "déjà", "puis", "chez", "vers", "depuis", "pendant", "après",
    "avant", "selon", "entre", "sous", "dès", "hier", "ainsi", "donc", "car", "comme",
    "bien", "peu", "trop", "autre", "autres", "chaque", "quelque", "quelques", "aucun",
    "aucune", "celui", "celle", "ceux", "celles", "cela", "ceci", "lequel", "laquelle",
    "aujourd'hui", "demain", "désormais", "toujours", "souvent", "parfois", "enfin",
    "notamment", "environ", "près", "loin", "dont", "quand", "lorsque", "tandis",
    "journal", "journaux", "rédaction", "correspondant", "correspondante", "correspondants",
    "envoyé", "envoyée", "abonné", "abonnés", "abonnez", "abonnement", "édition",
    "lecteurs", "lectrices", "confrères", "publicité", "newsletter", "lire", "voir",
    /* English */
    "also", "many", "much", "although", "however", "though", "yet", "still", "already",
    "around", "back", "another", "other", "others", "every", "without", "within", "among",
    "since", "while", "whether", "each", "even", "just", "only", "ago", "upon", "whose",
    "per", "via", "onto", "amid", "despite", "towards", "toward", "beyond", "across",
    "newspaper", "newspapers", "paper", "reporter", "reporters", "correspondent",
    "correspondents", "editor", "editors", "newsroom", "subscriber", "subscribers",
    "subscribe", "edition", "readers", "advertisement", "copyright", "caption", NULL};

#define NOT_SLOTS 1024u        /* power of two, > 2 x the NOT_TERMS */

/* A word of NOT_TERMS and its rc_tokkey_hash. */
typedef struct not_slot {
    const char *w;
    uint32_t h;
} not_slot;

static not_slot not_slots[NOT_SLOTS];
static once_flag not_once = ONCE_FLAG_INIT;

/* Build not_slots: NOT_TERMS in an open-addressing set (once, thread-safe;
 * read-only afterwards). */
static void not_build(void)
{
    for (const char *const *p = NOT_TERMS; *p; p++) {
        uint32_t h = rc_tokkey_hash(*p, strlen(*p));
        size_t i = h & (NOT_SLOTS - 1);
        while (not_slots[i].w && strcmp(not_slots[i].w, *p) != 0)
            i = (i + 1) & (NOT_SLOTS - 1);
        not_slots[i] = (not_slot){*p, h};
    }
}

/* 1 when the folded word w (its rc_tokkey_hash h) is in NOT_TERMS (hash
 * set keyed by the text model's token hash: it is asked for every token of
 * every document; a slot of another hash is skipped without a strcmp).
 * The caller has made the set (call_once(&not_once, not_build)). */
static int not_term(const char *w, uint32_t h)
{
    for (size_t i = h & (NOT_SLOTS - 1); not_slots[i].w; i = (i + 1) & (NOT_SLOTS - 1))
        if (not_slots[i].h == h && strcmp(not_slots[i].w, w) == 0)
            return 1;
    return 0;
}

/* One step of the n-gram key hash: acc (the hash of the key so far) with
 * the next stem's hash sh. Not the hash of the key's bytes, but a function
 * of the key alone (the language prefix and the stems, each n-gram's key
 * built the same way), which is all the maps need. */
static uint64_t gram_step(uint64_t acc, uint64_t sh)
{
    acc = ((acc << 23) | (acc >> 41)) ^ sh;
    return acc * 0x9E3779B97F4A7C15ull;
}

/* The hash of a stem's n bytes (the gram_step input): a multiply-xor
 * over 8-byte words, inline (stems are a few bytes; XXH3's call and
 * set-up cost more than the hashing). Any function of the bytes serves:
 * the maps compare the keys themselves. */
static uint64_t stem_hash(const char *s, size_t n)
{
    uint64_t h = 0x9E3779B97F4A7C15ull ^ (uint64_t)n;
    for (; n >= 8; s += 8, n -= 8) {
        uint64_t v;
        memcpy(&v, s, 8);
        h = (h ^ v) * 0xff51afd7ed558ccdull;
        h ^= h >> 32;
    }
    uint64_t v = short_le(s, n); /* the last n < 8 bytes */
    h = (h ^ v) * 0xc4ceb9fe1a85ec53ull;
    return h ^ (h >> 29);
}

/* The map hash of an n-gram key whose gram_step chain is acc. */
static uint64_t gram_hash(uint64_t acc)
{
    return acc ^ (acc >> 29) ^ (acc >> 47);
}

/* Clear in ok[] the tokens of d inside [s, e): the words of a date or of
 * a quantity's number ("Forty-four", "novembre"), since when and how many
 * are no framing. The first token is searched from *hint (the previous
 * span's: facts come mostly in text order), which receives it. */
static void mask_span(const rc_doc *d, uint32_t s, uint32_t e, unsigned char *ok, size_t *hint)
{
    size_t i = rc_textmodel_token_from_near(d, *hint, s);
    *hint = i;
    for (; i < d->ntokens && d->tokens[i].end <= e; i++)
        ok[i] = 0;
}

/* See mask_span: every date and every quantity's number of f. O(F log T). */
static void mask_facts(const rc_doc *d, const rc_facts *f, unsigned char *ok)
{
    if (!f)
        return;
    size_t hint = 0;
    for (size_t k = 0; k < f->ndates; k++)
        mask_span(d, f->dates[k].start, f->dates[k].end, ok, &hint);
    hint = 0;
    for (size_t k = 0; k < f->nquantities; k++)
        mask_span(d, f->quantities[k].num_start, f->quantities[k].num_end, ok, &hint);
}

/* Call fn for every n-gram (n = 1..MAX_WORDS) of adjacent content tokens
 * within one sentence of d (facts f, may be NULL); *totals[n-1] receives
 * how many of each order. O(tokens * facts of the document). */
static void each_term(const rc_doc *d, const rc_facts *f, term_fn fn, void *ctx,
                      size_t totals[MAX_WORDS])
{
    skipset k;
    memset(&k, 0, sizeof k);
    skip_add(&k, d->outlet);
    for (size_t c = 0; c < d->ncredits; c++)
        skip_add(&k, d->credits[c]);
    const char *lang = d->lang ? d->lang : "";
    size_t llen = strlen(lang);
    if (llen > 16)
        llen = 16;
    char key[KEY_MAX + 32];
    size_t nt = d->ntokens ? d->ntokens : 1;
    /* per token: its stem's hash and length, measured once (an n-gram key
     * is hashed from them, not from its bytes), and whether it may be part
     * of a term */
    uint64_t *sh = rc_malloc(nt * (sizeof *sh + sizeof(uint32_t) + 1));
    call_once(&not_once, not_build); /* once here, not per token */
    uint32_t *sl = (uint32_t *)(sh + nt);
    unsigned char *ok = (unsigned char *)(sl + nt);
    for (size_t i = 0; i < d->ntokens; i++) {
        const rc_token *t = &d->tokens[i];
        if (!content_token(d, i, &k)) {
            ok[i] = 0;
            continue;
        }
        uint32_t nh = d->tokkeys ? d->tokkeys[i].hash : rc_tokkey_hash(t->norm, strlen(t->norm));
        ok[i] = (unsigned char)!not_term(t->norm, nh);
    }
    mask_facts(d, f, ok);
    for (size_t i = 0; i < d->ntokens; i++)
        if (ok[i]) {
            const rc_token *t = &d->tokens[i];
            /* a stem that is its norm has the norm's kept length */
            size_t n = t->stem == t->norm && d->tokkeys ? d->tokkeys[i].len : strlen(t->stem);
            sl[i] = n > KEY_MAX ? KEY_MAX + 1 : (uint32_t)n;
            sh[i] = stem_hash(d->tokens[i].stem, n);
        }
    uint64_t lh = gram_step(0, rc_hash64(lang, llen, 0));
    memcpy(key, lang, llen);
    key[llen] = '\x1f';
    for (size_t i = 0; i < d->ntokens; i++) {
        if (!ok[i])
            continue;
        size_t n = llen + 1;
        uint64_t acc = lh;
        for (size_t w = 0; w < MAX_WORDS && i + w < d->ntokens; w++) {
            const rc_token *t = &d->tokens[i + w];
            if (!ok[i + w] || t->sentence != d->tokens[i].sentence)
                break;
            size_t tl = sl[i + w];
            if (n + tl + 1 > KEY_MAX)
                break;
            if (w)
                key[n++] = ' ';
            memcpy(key + n, t->stem, tl);
            n += tl;
            acc = gram_step(acc, sh[i + w]);
            fn(ctx, key, n, gram_hash(acc), (int)(w + 1), (uint32_t)i);
            totals[w]++;
        }
    }
    free(sh);
}

/* Background counting: one document's terms into the background map. */
static void bg_term(void *ctx, const char *key, size_t klen, uint64_t h, int words, uint32_t tok)
{
    (void)tok;
    (void)words;
    tentry *e = tmap_add(ctx, key, klen, h, BG_MAX_KEYS);
    if (e)
        e->count++;
}

/* See framing.h. */
rc_framing_background *rc_framing_background_new(const rc_analysis *a)
{
    rc_framing_background *bg = rc_calloc(1, sizeof *bg);
    tmap_init(&bg->m, rc_arena_new());
    for (size_t i = 0; i < a->ndocs; i++) {
        size_t tot[MAX_WORDS] = {0};
        each_term(a->docs[i], a->facts ? a->facts[i] : NULL, bg_term, &bg->m, tot);
        for (int w = 0; w < MAX_WORDS; w++)
            mark_add(&bg->m, a->docs[i]->lang, TOTAL_MARK, w + 1, tot[w]);
    }
    return bg;
}

/* See framing.h. */
void rc_framing_background_free(rc_framing_background *bg)
{
    if (!bg)
        return;
    rc_arena *ar = bg->m.arena;
    tmap_cleanup(&bg->m);
    rc_arena_free(ar);
    free(bg);
}

/* One term of one article of a group: its group entry and what the
 * article alone says of it. An article's terms are kept in the order of
 * their first occurrence in it. */
typedef struct dterm {
    uint32_t gi;             /* index of its entry in the group map */
    uint32_t words;          /* n-gram order */
    uint32_t tok;            /* first token of its first occurrence */
    uint32_t count;          /* occurrences in the article */
} dterm;

/* Article counting, straight into the group map: the article's terms
 * (dt[from..n)) point at their group entries; a group entry's cur is its
 * article term while last says the article (k + 1) has it. */
typedef struct grp_ctx {
    tmap *gm;
    size_t k;                /* the article's position in the group */
    dterm *dt;               /* every article's terms, article after article */
    size_t n, cap;
} grp_ctx;

/* Count one n-gram of article c->k: in the group map (count, and df once
 * per article) and in the article's terms, remembering its first token. */
static void grp_term(void *ctx, const char *key, size_t klen, uint64_t h, int words, uint32_t tok)
{
    grp_ctx *c = ctx;
    tentry *g = tmap_add(c->gm, key, klen, h, SIZE_MAX);
    if (!g->count) {
        /* whether the key holds TOTAL_MARK, read while it is at hand
         * (score_doc skips such entries without reading their keys) */
        g->words = (uint32_t)words | (memchr(key, TOTAL_MARK, klen) ? MARKED : 0);
        g->doc = c->k;
        g->tok = tok;
    }
    g->count++;
    if (g->last == c->k + 1) {
        c->dt[g->cur].count++;
        return;
    }
    g->df++;
    g->last = c->k + 1;
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 1024;
        c->dt = rc_reallocarray(c->dt, c->cap, sizeof *c->dt);
    }
    g->cur = (uint32_t)c->n;
    c->dt[c->n++] = (dterm){(uint32_t)(g - c->gm->ents), (uint32_t)words, tok, 1};
}

/* A scored candidate before selection. */
typedef struct cand {
    const dterm *e;          /* the article's term */
    const tentry *g;         /* its group entry (key) */
    double z, zr;            /* z and z rounded to 0.01 for ranking */
    double wlen;             /* mean letters per word of its surface */
    size_t others, bgc;
} cand;

/* Ranking of candidates: rounded z, count, words (descending), first token. */
static int cand_cmp(const void *pa, const void *pb)
{
    const cand *a = pa, *b = pb;
    if (a->zr != b->zr)
        return a->zr > b->zr ? -1 : 1;
    if (a->e->count != b->e->count)
        return a->e->count > b->e->count ? -1 : 1;
    if (a->wlen != b->wlen)
        return a->wlen > b->wlen ? -1 : 1;
    if (a->e->tok != b->e->tok)
        return a->e->tok < b->e->tok ? -1 : 1;
    return 0;
}

/* The stems part of a key (after the language and its separator). */
static const char *key_stems(const tentry *e, size_t *len)
{
    const char *s = memchr(e->key, '\x1f', e->klen);
    s = s ? s + 1 : e->key;
    *len = e->klen - (size_t)(s - e->key);
    return s;
}

/* 1 when the stems of b occur in those of a at word boundaries. */
static int key_contains(const tentry *a, const tentry *b)
{
    size_t an, bn;
    const char *as = key_stems(a, &an), *bs = key_stems(b, &bn);
    if (bn > an)
        return 0;
    for (size_t i = 0; i + bn <= an; i++) {
        if ((i == 0 || as[i - 1] == ' ') && (i + bn == an || as[i + bn] == ' ') &&
            memcmp(as + i, bs, bn) == 0)
            return 1;
    }
    return 0;
}

/* Mean number of letters (code points) per word of e's first surface in d,
 * rounded to a tenth. */
static double mean_letters(const rc_doc *d, const dterm *e)
{
    size_t letters = 0;
    for (uint32_t i = 0; i < e->words; i++) {
        const rc_token *t = &d->tokens[e->tok + i];
        for (uint32_t b = t->start; b < t->end; b++)
            if (((unsigned char)d->text[b] & 0xC0) != 0x80)
                letters++;
    }
    return floor(10.0 * (double)letters / (double)e->words + 0.5) / 10.0;
}

/* See framing.h. */
double rc_framing_fw_z(double ya, double na, double yo, double no, double aw, double a0,
                       double *delta)
{
    double da = na + a0 - ya - aw, dob = no + a0 - yo - aw;
    *delta = NAN;
    if (ya + aw <= 0 || yo + aw <= 0 || da <= 0 || dob <= 0)
        return NAN;
    *delta = log((ya + aw) / da) - log((yo + aw) / dob);
    return *delta / sqrt(1.0 / (ya + aw) + 1.0 / (yo + aw));
}

/* A ratio of smoothed rates below which delta = log(ratio) is surely
 * under RC_FRAMING_DELTA_MIN: half a percent under exp(DELTA_MIN) (1.99
 * for log 2; its log 0.005 below DELTA_MIN, where the rounding of
 * rc_framing_fw_z's logs is about 1e-14), derived so that it follows a
 * change of the minimum. */
#define RATIO_SURE_BELOW (0.995 * exp(RC_FRAMING_DELTA_MIN))

/* See framing.h. */
int rc_framing_may_reach(double ya, double na, double yo, double no, double aw, double a0)
{
    double da = na + a0 - ya - aw, dob = no + a0 - yo - aw;
    if (ya + aw <= 0 || yo + aw <= 0 || da <= 0 || dob <= 0)
        return 0;   /* rc_framing_fw_z: NAN */
    /* r = ((ya + aw) / da) / ((yo + aw) / dob), all four positive */
    return (ya + aw) * dob >= RATIO_SURE_BELOW * (yo + aw) * da;
}

/* Omission candidate: a term or an entity absent from the article. */
typedef struct omit {
    const char *term;
    int entity;
    size_t present, others, total;
    size_t order;            /* tie-break: first seen */
} omit;

/* Most carried first, then most used, then first seen. */
static int omit_cmp(const void *pa, const void *pb)
{
    const omit *a = pa, *b = pb;
    if (a->present != b->present)
        return a->present > b->present ? -1 : 1;
    if (a->total != b->total)
        return a->total > b->total ? -1 : 1;
    if (a->entity >= 0 && b->entity < 0)
        return -1;
    if (a->entity < 0 && b->entity >= 0)
        return 1;
    return a->order < b->order ? -1 : a->order > b->order;
}

/* How many of m others must carry a term for its absence to be an
 * omission: max(2, ceil(2m/3)). */
static size_t omit_need(size_t m)
{
    size_t need = (2 * m + 2) / 3;
    return need < 2 ? 2 : need;
}

/* 1 when the entity id occurs among the mentions of f. */
static int has_entity(const rc_facts *f, int id)
{
    for (size_t i = 0; f && i < f->nmentions; i++)
        if (f->mentions[i].entity == id)
            return 1;
    return 0;
}

/* The surface of the term from token t0 to t1 of document doc: as written,
 * except a sentence-initial capital on a common word (no entity mention,
 * no acronym), shown in its folded form ("Relations" -> "relations"). */
static const char *display_term(rc_arena *ar, const rc_analysis *a, size_t doc,
                                const rc_token *t0, const rc_token *t1)
{
    const rc_doc *d = a->docs[doc];
    int lower = (t0->flags & RC_TOK_SENT_START) && (t0->flags & RC_TOK_CAP) &&
                !(t0->flags & RC_TOK_UPPER) && t0->norm;
    const rc_facts *f = a->facts ? a->facts[doc] : NULL;
    for (size_t m = 0; lower && f && m < f->nmentions; m++)
        if (f->mentions[m].entity >= 0 && f->mentions[m].start <= t0->start &&
            f->mentions[m].end > t0->start)
            lower = 0;
    if (!lower)
        return rc_arena_strndup(ar, d->text + t0->start, t1->end - t0->start);
    size_t nl = strlen(t0->norm), rest = t1->end - t0->end;
    char *o = rc_arena_alloc(ar, nl + rest + 1);
    memcpy(o, t0->norm, nl);
    memcpy(o + nl, d->text + t0->end, rest);
    o[nl + rest] = 0;
    return o;
}

/* Score and select the distinctive terms of group article k; gbg keeps
 * the background lookups of the group's terms (see group_into). */
static void score_doc(rc_framing *out, rc_framing_doc *fd, const rc_analysis *a,
                      const rc_framing_background *bg, const dterm *dt, size_t ndt,
                      const size_t *na, const tmap *gm, uint32_t *gbg)
{
    const rc_doc *d = a->docs[fd->doc];
    const char *lang = d->lang;
    size_t peers = mark_get(gm, lang, DOCS_MARK, 0);
    /* the per-language totals by order, read once */
    size_t bgtot[MAX_WORDS + 1], grtot[MAX_WORDS + 1];
    for (int w = 1; w <= MAX_WORDS; w++) {
        bgtot[w] = mark_get(&bg->m, lang, TOTAL_MARK, w);
        grtot[w] = peers >= 2 ? mark_get(gm, lang, TOTAL_MARK, w) : 0;
    }
    cand *cs = rc_malloc((ndt ? ndt : 1) * sizeof *cs);
    size_t nc = 0;
    for (size_t i = 0; i < ndt; i++) {
        const dterm *e = &dt[i];
        const tentry *ge = &gm->ents[e->gi];
        if (ge->words & MARKED)
            continue;
        int w = (int)e->words;
        /* the background entry of a term, looked up once per group */
        uint32_t *slot = &gbg[e->gi];
        if (!*slot) {
            const tentry *x = tmap_find(&bg->m, ge->key, ge->klen, ge->h);
            *slot = x ? (uint32_t)(x - bg->m.ents) + 2 : 1;
        }
        const tentry *be = *slot >= 2 ? &bg->m.ents[*slot - 2] : NULL;
        size_t b = be ? be->count : 0, B = bgtot[w];
        size_t ya = e->count, nA = na[w - 1], yo, nO;
        if (peers >= 2) {
            yo = ge->count > ya ? ge->count - ya : 0;
            size_t gt = grtot[w];
            nO = gt > nA ? gt - nA : 0;
        } else {
            yo = b > ya ? b - ya : 0;
            nO = B > nA ? B - nA : 0;
        }
        if (!nO || !B)
            continue;
        /* a phrase written once, by this article only, is no evidence of a
         * phrase: its words stand for it */
        if (w > 1 && ya < 2 && b <= ya)
            continue;
        if (b < ya + yo)
            b = ya + yo;
        double a0 = (double)(B < nA + nO ? B : nA + nO);
        double aw = a0 * (double)b / (double)B;
        if (aw < 0.01)
            aw = 0.01;
        /* delta is the log of the ratio of the two smoothed rates: a term
         * whose ratio is surely below 2 is dropped without the logs (most
         * terms are) */
        if (!rc_framing_may_reach((double)ya, (double)nA, (double)yo, (double)nO, aw, a0))
            continue;
        double delta;
        double z = rc_framing_fw_z((double)ya, (double)nA, (double)yo, (double)nO, aw, a0, &delta);
        if (!(z >= RC_FRAMING_Z_MIN) || delta < RC_FRAMING_DELTA_MIN)
            continue;
        cs[nc].e = e;
        cs[nc].g = ge;
        cs[nc].z = z;
        cs[nc].zr = floor(z * 100.0 + 0.5) / 100.0;
        cs[nc].others = yo;
        cs[nc].wlen = mean_letters(d, e);
        cs[nc].bgc = be ? be->count : 0;
        nc++;
    }
    qsort(cs, nc, sizeof *cs, cand_cmp);
    fd->scores = rc_arena_calloc(out->arena, RC_FRAMING_TOP_K, sizeof *fd->scores);
    const cand *kept[RC_FRAMING_TOP_K];
    size_t nk = 0;
    for (size_t i = 0; i < nc && nk < RC_FRAMING_TOP_K; i++) {
        const dterm *e = cs[i].e;
        const tentry *ge = cs[i].g;
        int dup = 0;
        for (size_t j = 0; j < nk && !dup; j++)
            if (kept[j]->e->count == e->count &&
                (key_contains(kept[j]->g, ge) || key_contains(ge, kept[j]->g)))
                dup = 1;
        if (dup)
            continue;
        const rc_token *t0 = &d->tokens[e->tok], *t1 = &d->tokens[e->tok + e->words - 1];
        rc_framing_score *s = &fd->scores[nk];
        s->term = display_term(out->arena, a, fd->doc, t0, t1);
        size_t sl;
        const char *st = key_stems(ge, &sl);
        s->key = rc_arena_strndup(out->arena, st, sl);
        s->words = (int)e->words;
        s->z = cs[i].z;
        s->count = e->count;
        s->others_count = cs[i].others;
        s->background_count = cs[i].bgc;
        s->start = t0->start;
        s->end = t1->end;
        kept[nk++] = &cs[i];
    }
    fd->nscores = nk;
    free(cs);
}

/* 1 when group entry e may be a word omission for an article whose
 * language prefix is pre[pl] (see omit_doc), need others carrying it:
 * what does not depend on the article itself. */
static int omit_word_ok(const tentry *e, size_t need, const char *pre, size_t pl)
{
    if (e->words != 1 || e->df < need || e->klen <= pl || memcmp(e->key, pre, pl) != 0)
        return 0;
    return !memchr(e->key, TOTAL_MARK, e->klen) && !memchr(e->key, DOCS_MARK, e->klen);
}

/* The word-omission candidates of gm for articles of language lang
 * (omit_word_ok), ascending, in *ix (caller frees); how many. */
static size_t omit_words(const tmap *gm, const char *lang, uint32_t **ix)
{
    size_t peers = mark_get(gm, lang, DOCS_MARK, 0);
    size_t m = peers ? peers - 1 : 0, k = 0, cap = 0;
    *ix = NULL;
    if (m < 2)
        return 0;
    size_t need = omit_need(m);
    char pre[32];
    size_t pl = mark_key(pre, sizeof pre, lang, 'x', 0) - 2;
    for (size_t i = 0; i < gm->n; i++)
        if (omit_word_ok(&gm->ents[i], need, pre, pl)) {
            if (k == cap) {
                cap = cap ? 2 * cap : 64;
                *ix = rc_reallocarray(*ix, cap, sizeof **ix);
            }
            (*ix)[k++] = (uint32_t)i;
        }
    return k;
}

/* The omissions of group article k (position gk in group): has[i] ==
 * mark when the article has group entry i; wl[0..nwl) its language's
 * omit_words when the caller has them (else wl NULL). */
static void omit_doc(rc_framing *out, rc_framing_doc *fd, const rc_analysis *a,
                     const size_t *group, size_t n, const uint32_t *has, uint32_t mark,
                     const tmap *gm,
                     const int *ent_df, size_t nent, const uint32_t *wl, size_t nwl)
{
    const rc_doc *d = a->docs[fd->doc];
    omit *os = NULL;
    size_t no = 0, cap = 0;
    /* words: same-language others */
    size_t peers = mark_get(gm, d->lang, DOCS_MARK, 0);
    size_t m = peers ? peers - 1 : 0;
    char pre[32];
    size_t pl = mark_key(pre, sizeof pre, d->lang, 'x', 0) - 2;
    if (m >= 2) {
        size_t need = omit_need(m);
        size_t nq = wl ? nwl : gm->n;
        for (size_t q = 0; q < nq; q++) {
            size_t i = wl ? wl[q] : q;
            const tentry *e = &gm->ents[i];
            if (!wl && !omit_word_ok(e, need, pre, pl))
                continue;
            if (has[i] == mark) /* the article has it */
                continue;
            const rc_doc *od = a->docs[group[e->doc]];
            const rc_token *t = &od->tokens[e->tok];
            /* a capitalised word inside a sentence is a name: entities cover it */
            if ((t->flags & RC_TOK_CAP) && !(t->flags & RC_TOK_SENT_START))
                continue;
            if (no == cap) {
                cap = cap ? cap * 2 : 32;
                os = rc_reallocarray(os, cap, sizeof *os);
            }
            os[no].term = rc_arena_strndup(out->arena, od->text + t->start, t->end - t->start);
            os[no].entity = -1;
            os[no].present = e->df;
            os[no].others = m;
            os[no].total = e->count;
            os[no].order = nent + i;
            no++;
        }
    }
    /* entities: all others, whatever their language */
    const rc_facts *f = a->facts ? a->facts[fd->doc] : NULL;
    if (n >= 3 && a->entities && ent_df) {
        size_t need = omit_need(n - 1);
        for (size_t e = 0; e < nent; e++) {
            if ((size_t)ent_df[e] < need || has_entity(f, (int)e))
                continue;
            const rc_entity *ent = rc_entities_get(a->entities, e);
            if (!ent)
                continue;
            if (no == cap) {
                cap = cap ? cap * 2 : 32;
                os = rc_reallocarray(os, cap, sizeof *os);
            }
            os[no].term = rc_arena_strdup(out->arena, ent->name);
            os[no].entity = (int)e;
            os[no].present = (size_t)ent_df[e];
            os[no].others = n - 1;
            os[no].total = ent->nmentions;
            os[no].order = e;
            no++;
        }
    }
    if (no)
        qsort(os, no, sizeof *os, omit_cmp);
    fd->omissions = rc_arena_calloc(out->arena, RC_FRAMING_OMIT_MAX, sizeof *fd->omissions);
    size_t keep = 0;
    for (size_t i = 0; i < no && keep < RC_FRAMING_OMIT_MAX; i++) {
        /* a word already named by a kept entity (or the reverse) once only */
        char ka[128], kb[128];
        size_t an = rc_fold_key(os[i].term, strlen(os[i].term), ka, sizeof ka), dup = 0;
        for (size_t j = 0; j < keep && !dup; j++) {
            const char *t = fd->omissions[j].term;
            size_t bn = rc_fold_key(t, strlen(t), kb, sizeof kb);
            dup = rc_key_has(kb, bn, ka, NULL) || rc_key_has(ka, an, kb, NULL);
        }
        if (dup)
            continue;
        fd->omissions[keep].term = os[i].term;
        fd->omissions[keep].entity = os[i].entity;
        fd->omissions[keep].present = os[i].present;
        fd->omissions[keep].others = os[i].others;
        keep++;
    }
    fd->nomissions = keep;
    free(os);
}

/* Look every entry of gm up in bm, into gbg (0 not looked up, 1 absent,
 * else 2 + its index in bm): what score_doc's lookups give, read in a
 * pipeline that prefetches each probe's slot, entry and key some entries
 * ahead (bm is large: each of those is a cache miss). */
static void bg_lookup_all(const tmap *bm, const tmap *gm, uint32_t *gbg)
{
    enum { D = 8 };
    size_t n = gm->n, mask = bm->cap - 1;
    for (size_t i = 0; i < n + 3 * D; i++) {
        if (i < n)
            __builtin_prefetch(&bm->slots[gm->ents[i].h & mask]);
        if (i >= D && i - D < n) {
            uint32_t s = (uint32_t)bm->slots[gm->ents[i - D].h & mask];
            if (s)
                __builtin_prefetch(&bm->ents[s - 1]);
        }
        if (i >= 2 * D && i - 2 * D < n) {
            uint32_t s = (uint32_t)bm->slots[gm->ents[i - 2 * D].h & mask];
            if (s)
                __builtin_prefetch(bm->ents[s - 1].key);
        }
        if (i >= 3 * D && i - 3 * D < n) {
            const tentry *e = &gm->ents[i - 3 * D];
            const tentry *x = tmap_find(bm, e->key, e->klen, e->h);
            gbg[i - 3 * D] = x ? (uint32_t)(x - bm->ents) + 2 : 1;
        }
    }
}

/* An empty omit_words list (not NULL: NULL asks omit_doc to scan). */
static const uint32_t NO_WORDS[1];

/* Score the articles docs[group[0..n)] of a against each other and bg,
 * filling out[0..n) (allocated in f's arena by the caller). */
static void group_into(rc_framing *f, rc_framing_doc *out, const rc_analysis *a,
                       const rc_framing_background *bg, const size_t *group, size_t n)
{
    if (!n)
        return;
    rc_arena *tmp = rc_arena_new();
    /* article k's terms: c.dt[dto[k]..dto[k + 1]) */
    size_t *dto = rc_malloc((n + 1) * sizeof *dto);
    size_t(*na)[MAX_WORDS] = rc_calloc(n, sizeof *na);
    tmap gm;
    tmap_init(&gm, tmp);
    grp_ctx c = {&gm, 0, NULL, 0, 0};
    for (size_t k = 0; k < n; k++) {
        const rc_doc *d = a->docs[group[k]];
        dto[k] = c.n;
        c.k = k;
        each_term(d, a->facts ? a->facts[group[k]] : NULL, grp_term, &c, na[k]);
        for (int w = 0; w < MAX_WORDS; w++)
            mark_add(&gm, d->lang, TOTAL_MARK, w + 1, na[k][w]);
        mark_add(&gm, d->lang, DOCS_MARK, 0, 1);
    }
    dto[n] = c.n;
    /* entity document counts over the group */
    size_t nent = a->entities ? rc_entities_count(a->entities) : 0;
    int *ent_df = NULL;
    if (nent && a->facts) {
        ent_df = rc_calloc(nent, sizeof *ent_df);
        size_t *last = rc_calloc(nent, sizeof *last);
        for (size_t k = 0; k < n; k++) {
            const rc_facts *fa = a->facts[group[k]];
            for (size_t i = 0; fa && i < fa->nmentions; i++) {
                int e = fa->mentions[i].entity;
                if (e >= 0 && (size_t)e < nent && last[e] != k + 1) {
                    ent_df[e]++;
                    last[e] = k + 1;
                }
            }
        }
        free(last);
    }
    /* per group entry: 0 not looked up in bg yet, 1 absent, else 2 + its
     * index in bg */
    uint32_t *gbg = rc_calloc(gm.n ? gm.n : 1, sizeof *gbg);
    bg_lookup_all(&bg->m, &gm, gbg);
    /* per group entry: k + 1 while article k, which has it, is scored */
    uint32_t *has = rc_calloc(gm.n ? gm.n : 1, sizeof *has);
    /* the word-omission candidates per language, found once for the first
     * WL_LANGS languages met (an article of another one scans the map) */
    enum { WL_LANGS = 4 };
    const char *wl_lang[WL_LANGS];
    uint32_t *wl[WL_LANGS];
    size_t nwl[WL_LANGS], nl = 0;
    for (size_t k = 0; k < n; k++) {
        rc_framing_doc *fd = &out[k];
        fd->doc = group[k];
        const dterm *dt = c.dt ? c.dt + dto[k] : NULL;   /* (no terms at all: NULL, ndt 0) */
        size_t ndt = dto[k + 1] - dto[k];
        for (size_t i = 0; i < ndt; i++)
            has[dt[i].gi] = (uint32_t)(k + 1);
        score_doc(f, fd, a, bg, dt, ndt, na[k], &gm, gbg);
        const char *lang = a->docs[group[k]]->lang ? a->docs[group[k]]->lang : "";
        size_t li = 0;
        while (li < nl && strcmp(wl_lang[li], lang) != 0)
            li++;
        if (li == nl && nl < WL_LANGS) {
            wl_lang[nl] = lang;
            nwl[nl] = omit_words(&gm, lang, &wl[nl]);
            nl++;
        }
        /* ent_df counts this article too: omissions only look at entities it lacks */
        if (li < nl)
            omit_doc(f, fd, a, group, n, has, (uint32_t)(k + 1), &gm, ent_df, nent,
                     wl[li] ? wl[li] : NO_WORDS, nwl[li]);
        else
            omit_doc(f, fd, a, group, n, has, (uint32_t)(k + 1), &gm, ent_df, nent, NULL, 0);
    }
    for (size_t li = 0; li < nl; li++)
        free(wl[li]);
    free(ent_df);
    free(gbg);
    free(has);
    free(c.dt);
    free(dto);
    free(na);
    tmap_cleanup(&gm);
    rc_arena_free(tmp);
}

/* See framing.h. */
rc_framing *rc_framing_group(const rc_analysis *a, const rc_framing_background *bg,
                             const size_t *group, size_t n)
{
    return rc_framing_build_groups(a, bg, &group, &n, 1);
}

/* See framing.h. */
rc_framing *rc_framing_build_groups(const rc_analysis *a, const rc_framing_background *bg,
                                    const size_t *const *groups, const size_t *ns,
                                    size_t ngroups)
{
    rc_framing *f = rc_calloc(1, sizeof *f);
    f->arena = rc_arena_new();
    size_t total = 0;
    for (size_t g = 0; g < ngroups; g++)
        total += ns[g];
    f->docs = rc_arena_calloc(f->arena, total ? total : 1, sizeof *f->docs);
    f->ndocs = total;
    size_t at = 0;
    for (size_t g = 0; g < ngroups; g++) {
        group_into(f, f->docs + at, a, bg, groups[g], ns[g]);
        at += ns[g];
    }
    return f;
}

/* See framing.h. */
rc_framing *rc_framing_build(const rc_analysis *a)
{
    rc_framing_background *bg = rc_framing_background_new(a);
    size_t *group = rc_malloc((a->ndocs ? a->ndocs : 1) * sizeof *group);
    for (size_t i = 0; i < a->ndocs; i++)
        group[i] = i;
    rc_framing *f = rc_framing_group(a, bg, group, a->ndocs);
    free(group);
    rc_framing_background_free(bg);
    return f;
}

/* See framing.h. */
void rc_framing_free(rc_framing *f)
{
    if (!f)
        return;
    rc_arena_free(f->arena);
    free(f);
}
