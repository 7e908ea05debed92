/*
 * textmodel.c - sentence boundaries and tokens of a cleaned document.
 *
 * Both passes are single left-to-right scans with bounded look-around, so
 * a 10 MB line without punctuation stays linear. Text is expected to be
 * valid NFC UTF-8, but invalid bytes are tolerated (decoded as U+FFFD, one
 * byte at a time) and nothing is ever read past text[n].
 */
#include "text/textmodel.h"
#include "text/stem.h"
#include "text/stopwords.h"
#include "text/utf8.h"
#include "util/mem.h"
#include <stdint.h>
#include <stdlib.h>
#include <pthread.h>
#include <string.h>
#include <utf8proc.h>

/* ---------------------------------------------------------------- helpers */

/* Start of the character that ends just before s[i] (lo <= result < i;
 * i > lo). Steps back over at most three continuation bytes. */
static inline size_t prev_start(const char *s, size_t lo, size_t i)
{
    size_t j = i - 1;
    for (int k = 0; k < 3 && j > lo && ((unsigned char)s[j] & 0xC0) == 0x80; k++)
        j--;
    return j;
}

/* 1 for space characters, excluding '\n' (which ends sentences). */
static inline int is_hspace(int32_t cp)
{
    return cp != '\n' && rc_uc_is_space(cp);
}

/* 1 for a lower-case letter (category Ll). */
static inline int is_lower(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'a' && cp <= 'z';
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

/* 1 for combining marks (M*), which continue a word. */
static inline int is_mark(int32_t cp)
{
    if (cp < 0x300)
        return 0;
    int c = utf8proc_category(cp);
    return c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME;
}

/* 1 for apostrophes accepted inside words: ' U+2019 U+02BC. */
static inline int is_apos(int32_t cp)
{
    return cp == '\'' || cp == 0x2019 || cp == 0x02BC;
}

/* 1 for hyphens accepted inside words: - U+2010 U+2011. */
static inline int is_hyphen(int32_t cp)
{
    return cp == '-' || cp == 0x2010 || cp == 0x2011;
}

/* Growable array of n elements of size bytes in *arr (rc_reallocarray). */
static void *grow(void *arr, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return arr;
    *cap = *cap ? *cap * 2 : 64;
    return rc_reallocarray(arr, *cap, size);
}

/* ------------------------------------------------------------- sentences */

enum { ABBR_NONE = 0, ABBR_STRONG, ABBR_WEAK };

/* Abbreviations that never end a sentence ("M. Durand", "p. 12"). Matched
 * case-sensitively against the letters before the period. */
static const char *const STRONG_ABBR[] = {
    "M", "MM", "Mme", "Mmes", "Mlle", "Mlles", "Me", "Mgr", "Dr", "Dre",
    "Drs", "Pr", "Prof", "Mr", "Mrs", "Ms", "St", "Ste", "Sts", "Jr", "Sr",
    "Gen", "Gén", "Gal", "Lt", "Col", "Capt", "Cpt", "Sgt", "Cdt", "Gov",
    "Sen", "Rep", "Rev", "Hon", "Rt", "Adm", "Cmdr", "Supt", "p", "pp",
    "n°", "N°", "no", "No", "nos", "Nos", "vol", "Vol", "art", "Art", "ch",
    "chap", "fig", "cf", "Cf", "av", "bd", "env", "vs", "approx", "réf",
    "tél", "Tél", "éd", "Éd", "Jan", "Feb", "Apr", "Aug", "Sept", "Sep",
    "Oct", "Nov", "Dec", "janv", "févr", "avr", "juil", "déc", "Mt", "Ft",
    "Bros", "Corp", "Inc", "Ltd", "Co", "ibid", "op", "al",
};
/* Byte lengths of the STRONG_ABBR entries, and for each first byte the
 * set of lengths (bit l: some entry of l bytes starts with it), filled
 * once (pthread_once: threads may split sentences at the same time). */
static size_t abbr_len[sizeof STRONG_ABBR / sizeof *STRONG_ABBR];
static uint16_t abbr_lens[256];
static pthread_once_t abbr_once = PTHREAD_ONCE_INIT;

/* Fill abbr_len and abbr_lens (through abbr_index_init, once). */
static void abbr_index_fill(void)
{
    for (size_t k = 0; k < sizeof STRONG_ABBR / sizeof *STRONG_ABBR; k++) {
        abbr_len[k] = strlen(STRONG_ABBR[k]);
        if (abbr_len[k] < 16)
            abbr_lens[(unsigned char)STRONG_ABBR[k][0]] |= (uint16_t)(1u << abbr_len[k]);
    }
}

/* Fill the abbreviation index on first use. */
static void abbr_index_init(void)
{
    pthread_once(&abbr_once, abbr_index_fill);
}

/* Classify the word that ends at the period at text[dot]: ABBR_STRONG for
 * a listed abbreviation or a single capital letter (an initial: "S.",
 * "J. R. R."), ABBR_WEAK for "etc." (ends a sentence only before a
 * capital), else ABBR_NONE. Looks back at most
 * eight characters. */
static int abbrev_before(const char *text, size_t lo, size_t dot)
{
    size_t i = dot, nchars = 0;
    int32_t cp = 0, first = 0;
    while (i > lo && nchars < 9) {
        size_t j = prev_start(text, lo, i);
        rc_utf8_next(text, dot, j, &cp);
        if (!rc_uc_is_letter(cp) && cp != 0xB0)
            break;
        first = cp;
        i = j;
        nchars++;
    }
    if (nchars == 0 || nchars > 8)
        return ABBR_NONE;
    if (nchars == 1 && rc_uc_is_upper(first))
        return ABBR_STRONG;
    size_t len = dot - i;
    abbr_index_init();
    if (len < 16 && (abbr_lens[(unsigned char)text[i]] >> len & 1u))
        for (size_t k = 0; k < sizeof STRONG_ABBR / sizeof *STRONG_ABBR; k++)
            if (STRONG_ABBR[k][0] == text[i] && abbr_len[k] == len &&
                memcmp(STRONG_ABBR[k], text + i, len) == 0)
                return ABBR_STRONG;
    if (len == 3 && memcmp(text + i, "etc", 3) == 0)
        return ABBR_WEAK;
    return ABBR_NONE;
}

/* 1 for characters that close a sentence after its final punctuation:
 * quotes and closing brackets. *ambiguous is set for quotes that may
 * also open (" ' ’). */
static int is_closer(int32_t cp, int *ambiguous)
{
    *ambiguous = 0;
    switch (cp) {
    case '"': case '\'': case 0x2019:
        *ambiguous = 1;
        return 1;
    case ')': case ']': case '}': case 0xBB /* » */: case 0x201D /* ” */:
    case 0x203A /* › */:
        return 1;
    default:
        return 0;
    }
}

/* 1 for sentence-final punctuation: . ! ? and the ellipsis U+2026. */
static inline int is_terminator(int32_t cp)
{
    return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026;
}

typedef struct span_vec {
    rc_span *v;
    size_t n, cap;
} span_vec;

/* Append text[s..e) trimmed of spaces to vec, unless it is empty. */
static void emit_span(span_vec *vec, const char *text, size_t s, size_t e)
{
    int32_t cp;
    while (s < e) {
        size_t l = rc_utf8_next(text, e, s, &cp);
        if (!rc_uc_is_space(cp))
            break;
        s += l;
    }
    while (e > s) {
        size_t j = prev_start(text, s, e);
        rc_utf8_next(text, e, j, &cp);
        if (!rc_uc_is_space(cp))
            break;
        e = j;
    }
    if (e <= s)
        return;
    vec->v = grow(vec->v, &vec->cap, vec->n, sizeof *vec->v);
    vec->v[vec->n].start = (uint32_t)s;
    vec->v[vec->n].end = (uint32_t)e;
    vec->n++;
}

/* Given the terminator run text[i..j), decide whether a sentence ends
 * there. Returns the end of the sentence (after closing quotes and
 * brackets) or 0 when it goes on. */
static size_t boundary_after(const char *text, size_t n, size_t lo, size_t i, size_t j)
{
    size_t end = j, k = j;
    int32_t cp;
    /* closing quotes and brackets belong to the sentence */
    for (;;) {
        size_t k2 = k;
        while (k2 < n) {
            size_t l = rc_utf8_next(text, n, k2, &cp);
            if (!is_hspace(cp))
                break;
            k2 += l;
        }
        if (k2 >= n)
            break;
        size_t l = rc_utf8_next(text, n, k2, &cp);
        int amb;
        if (!is_closer(cp, &amb))
            break;
        if (amb && k2 > end && k2 + l < n) {
            int32_t nx;
            rc_utf8_next(text, n, k2 + l, &nx);
            if (rc_uc_is_letter(nx) || rc_uc_is_digit(nx))
                break;           /* an opening quote of the next sentence */
        }
        end = k = k2 + l;
    }
    if (end < n) {
        rc_utf8_next(text, n, end, &cp);
        if (!rc_uc_is_space(cp))
            return 0;            /* "3.5", "www.x.org", "?!)" ... */
    }
    k = end;
    while (k < n) {
        size_t l = rc_utf8_next(text, n, k, &cp);
        if (!is_hspace(cp))
            break;
        k += l;
    }
    if (k >= n || text[k] == '\n')
        return end;
    rc_utf8_next(text, n, k, &cp);
    if (is_lower(cp))
        return 0;
    if (j == i + 1 && text[i] == '.') {
        int ab = abbrev_before(text, lo, i);
        if (ab == ABBR_STRONG)
            return 0;
        if (ab == ABBR_WEAK && !rc_uc_is_upper(cp))
            return 0;
    }
    return end;
}

/* Byte classes for the sentence scan: 1 for bytes that may start a
 * terminator or a line break ('.', '!', '?', '\n', 0xE2 for U+2026). */
static const unsigned char INTERESTING[256] = {
    ['\n'] = 1, ['.'] = 1, ['!'] = 1, ['?'] = 1, [0xE2] = 1,
};

/* Index of the first byte at or after i of text[n] that INTERESTING
 * marks, or n. Eight bytes at a time (a word with none of the five bytes
 * is skipped whole) on little-endian machines, one at a time otherwise. */
static size_t next_interesting(const char *text, size_t n, size_t i)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    while (i + 8 <= n) {
        uint64_t w;
        memcpy(&w, text + i, 8);
        /* per byte value: zero bytes of w ^ value; the lowest set bit of
         * each term marks the first equal byte */
#define RC_EQ_BYTES(v) ((((w ^ (ones * (v))) - ones) & ~(w ^ (ones * (v)))) & highs)
        uint64_t m = RC_EQ_BYTES('\n') | RC_EQ_BYTES('.') | RC_EQ_BYTES('!') |
                     RC_EQ_BYTES('?') | RC_EQ_BYTES(0xE2);
#undef RC_EQ_BYTES
        if (m)
            return i + (size_t)(__builtin_ctzll(m) >> 3);
        i += 8;
    }
#endif
    while (i < n && !INTERESTING[(unsigned char)text[i]])
        i++;
    return i;
}

/* Split text[n] into sentences (see textmodel.h); the span array lives in
 * arena a. Texts longer than 4 GiB are only split up to UINT32_MAX. */
size_t rc_sentences(rc_arena *a, const char *text, size_t n, rc_span **out)
{
    span_vec vec = {0};
    if (n > UINT32_MAX)
        n = UINT32_MAX;
    size_t start = 0, i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)text[i];
        if (!INTERESTING[c]) {
            i = next_interesting(text, n, i + 1);
            continue;
        }
        if (c == '\n') {
            emit_span(&vec, text, start, i);
            start = ++i;
            continue;
        }
        int32_t cp;
        size_t l = rc_utf8_next(text, n, i, &cp);
        if (!is_terminator(cp)) {
            i += l;
            continue;
        }
        size_t j = i + l;
        while (j < n) {
            size_t l2 = rc_utf8_next(text, n, j, &cp);
            if (!is_terminator(cp))
                break;
            j += l2;
        }
        size_t end = boundary_after(text, n, start, i, j);
        if (end) {
            emit_span(&vec, text, start, end);
            start = i = end;
        } else {
            i = j;
        }
    }
    emit_span(&vec, text, start, n);
    *out = NULL;
    if (vec.n) {
        *out = rc_arena_alloc(a, vec.n * sizeof **out);
        memcpy(*out, vec.v, vec.n * sizeof **out);
    }
    free(vec.v);
    return vec.n;
}

/* ---------------------------------------------------------------- tokens */

/* French elided forms, split from the word they precede ("l’aide"). */
static const char *const ELISION[] = {
    "l", "d", "qu", "n", "s", "c", "j", "m", "t", "jusqu", "lorsqu", "puisqu", "quoiqu",
};

/* 1 when text[s..e) (ASCII, any case) is an elision prefix. */
static int is_elision(const char *text, size_t s, size_t e)
{
    size_t len = e - s;
    if (len == 0 || len > 6)
        return 0;
    for (size_t k = 0; k < sizeof ELISION / sizeof *ELISION; k++) {
        if (strlen(ELISION[k]) != len)
            continue;
        size_t m = 0;
        while (m < len && (text[s + m] | 0x20) == ELISION[k][m])
            m++;
        if (m == len)
            return 1;
    }
    return 0;
}

/* Scan a word starting at text[i] (a letter); returns its end and sets
 * the letter counts for the CAP/UPPER flags. Inner hyphens and apostrophes
 * need a letter or digit after them; an elision prefix ends at its
 * apostrophe. */
static size_t scan_word(const char *text, size_t e, size_t i, size_t *letters,
                        size_t *uppers, int *first_upper)
{
    size_t j = i;
    int32_t cp, nx;
    *letters = *uppers = 0;
    *first_upper = -1;
    while (j < e) {
        unsigned char c = (unsigned char)text[j];
        if (c < 0x80 && (c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
            int up = c <= 'Z';   /* ASCII fast path */
            if (*first_upper < 0)
                *first_upper = up;
            (*letters)++;
            *uppers += (size_t)up;
            j++;
            continue;
        }
        size_t l = rc_utf8_next(text, e, j, &cp);
        int cat = cp < 0x80 ? -1 : (int)utf8proc_category(cp);
        if (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) {
            int up = cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
            if (*first_upper < 0)
                *first_upper = up;
            (*letters)++;
            *uppers += (size_t)up;
            j += l;
            continue;
        }
        if ((cp >= '0' && cp <= '9') || cat == UTF8PROC_CATEGORY_ND ||
            (cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME)) {
            j += l;
            continue;
        }
        if (cp == 0xB0 && j - i == 1 && (text[i] | 0x20) == 'n') {
            j += l;              /* "n°" */
            break;
        }
        if ((is_hyphen(cp) || is_apos(cp)) && j + l < e) {
            rc_utf8_next(text, e, j + l, &nx);
            if (!(rc_uc_is_letter(nx) || (is_hyphen(cp) && rc_uc_is_digit(nx))))
                break;
            if (is_apos(cp) && is_elision(text, i, j))
                return j + l;    /* "l’" ends here; "aide" is the next token */
            j += l;
            continue;
        }
        break;
    }
    return j;
}

/* 1 when text[j..e) starts with exactly three digits not followed by a
 * further digit (a thousands group). */
static int three_digits(const char *text, size_t e, size_t j)
{
    if (j + 3 > e)
        return 0;
    for (size_t k = 0; k < 3; k++)
        if (text[j + k] < '0' || text[j + k] > '9')
            return 0;
    return j + 3 == e || text[j + 3] < '0' || text[j + 3] > '9';
}

/* Scan a number starting at text[i] (a digit): digits and letters ("1er",
 * "10h30"), ".", ",", "/", ":" between digits ("3.5", "1,000",
 * "17/06/2025"), and thousands groups after a space, NBSP, NNBSP or thin
 * space ("1 000 000") when every group has the right size. */
static size_t scan_number(const char *text, size_t e, size_t i)
{
    size_t j = i, group = 0;
    int plain = 1;              /* only digits and space-separated groups */
    int32_t cp;
    while (j < e) {
        size_t l = rc_utf8_next(text, e, j, &cp);
        if (cp >= '0' && cp <= '9') {
            group++;
            j++;
            continue;
        }
        if (rc_uc_is_digit(cp) || rc_uc_is_letter(cp) || is_mark(cp)) {
            plain = 0;
            j += l;
            continue;
        }
        if ((cp == '.' || cp == ',' || cp == '/' || cp == ':') && j + 1 < e &&
            text[j + 1] >= '0' && text[j + 1] <= '9') {
            plain = 0;
            group = 0;
            j++;
            continue;
        }
        if ((cp == ' ' || cp == 0xA0 || cp == 0x202F || cp == 0x2009) && plain &&
            group >= 1 && group <= 3 && three_digits(text, e, j + l)) {
            j += l + 3;
            group = 3;
            continue;
        }
        break;
    }
    return j;
}

/* Chunked character pool for norms and stems (arena-backed). */
typedef struct pool {
    rc_arena *a;
    char *p;
    size_t left;
} pool;

/* Room for need bytes in pl; returns the write position. */
static char *pool_reserve(pool *pl, size_t need)
{
    if (pl->left < need) {
        size_t sz = need > 65536 ? need : 65536;
        pl->p = rc_arena_alloc(pl->a, sz);
        pl->left = sz;
    }
    return pl->p;
}

/* Commit used bytes reserved by pool_reserve. */
static void pool_commit(pool *pl, size_t used)
{
    pl->p += used;
    pl->left -= used;
}

/* Case-fold text[s..e) into out (capacity 2*(e-s)+1) one code point at a
 * time: ASCII by table, others by utf8proc's simple case folding; quotes
 * and non-breaking spaces as RC_FOLD_QUOTES. Returns the length, or
 * SIZE_MAX when the token needs the full fold (a code point that folds to
 * several, or a combining mark). */
static size_t fold_fast(const char *text, size_t s, size_t e, char *out)
{
    size_t o = 0;
    for (size_t i = s; i < e;) {
        unsigned char c = (unsigned char)text[i];
        if (c < 0x80) {
            out[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            i++;
            continue;
        }
        if (c == 0xC3 && i + 1 < e) {   /* Latin-1 letters U+00C0..U+00FF */
            unsigned char c2 = (unsigned char)text[i + 1];
            if (c2 >= 0xA0 && c2 <= 0xBF) {
                out[o++] = (char)c;     /* already lower case */
                out[o++] = (char)c2;
                i += 2;
                continue;
            }
            if (c2 >= 0x80 && c2 <= 0x9E && c2 != 0x97) {
                out[o++] = (char)c;     /* upper case: U+00C0.. -> +0x20 */
                out[o++] = (char)(c2 + 0x20);
                i += 2;
                continue;
            }
        }
        int32_t cp;
        i += rc_utf8_next(text, e, i, &cp);
        if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BC || cp == 0x2032) {
            out[o++] = '\'';
            continue;
        }
        if (cp == 0xA0 || cp == 0x202F || cp == 0x2007) {
            out[o++] = ' ';
            continue;
        }
        if (is_mark(cp))
            return SIZE_MAX;
        utf8proc_int32_t dst[4];
        int bc = 0;
        utf8proc_ssize_t r = utf8proc_decompose_char(cp, dst, 4, UTF8PROC_CASEFOLD, &bc);
        if (r != 1)
            return SIZE_MAX;
        o += (size_t)utf8proc_encode_char(dst[0], (utf8proc_uint8_t *)out + o);
    }
    out[o] = '\0';
    return o;
}

/* Fill d->sentences only; see textmodel.h. */
void rc_textmodel_sentences(rc_doc *d)
{
    d->sentences = NULL;
    d->nsentences = 0;
    d->tokens = NULL;
    d->ntokens = 0;
    d->tokkeys = NULL;
    if (!d->text)
        return;
    size_t n = d->text_len;
    if (n > UINT32_MAX)
        n = UINT32_MAX;
    d->nsentences = rc_sentences(d->arena, d->text, n, &d->sentences);
}

/* The token arrays being made, in the document's arena from the start
 * (they become d->tokens and d->tokkeys as they are, no final copy). */
typedef struct tok_vec {
    rc_arena *a;
    rc_token *v;
    rc_tokkey *k;
    size_t n, cap;
} tok_vec;

/* Room for one more token in tv: both arrays moved to twice the room in
 * the arena when full (the old ones stay there, unused). */
static void tok_room(tok_vec *tv)
{
    if (tv->n < tv->cap)
        return;
    size_t cap = tv->cap ? tv->cap * 2 : 64;
    rc_token *v = rc_arena_calloc(tv->a, cap, sizeof *v);
    rc_tokkey *k = rc_arena_calloc(tv->a, cap, sizeof *k);
    if (tv->n) {
        memcpy(v, tv->v, tv->n * sizeof *v);
        memcpy(k, tv->k, tv->n * sizeof *k);
    }
    tv->v = v;
    tv->k = k;
    tv->cap = cap;
}

/* Append a token to tv (spans [start, end) of sentence si) with its key
 * (norm hash h, norm length len, ascii); returns it. */
static rc_token *tok_push(tok_vec *tv, size_t start, size_t end, size_t si, uint32_t flags,
                          const char *norm, const char *stem, uint32_t h, size_t len, int ascii)
{
    tok_room(tv);
    rc_tokkey *tk = &tv->k[tv->n];
    tk->hash = h;
    tk->len = (uint32_t)len;
    tk->ascii = (uint8_t)ascii;
    rc_token *t = &tv->v[tv->n++];
    t->start = (uint32_t)start;
    t->end = (uint32_t)end;
    t->sentence = (uint32_t)si;
    t->flags = flags;
    t->norm = norm;
    t->stem = stem;
    return t;
}

/* The distinct norms of one document (when it has a stemmer): each norm
 * string once in the arena, shared by every token that folds to it, and
 * stemmed once: a slot names the first token with the norm (tokens come
 * in order, so the stems pass has done that token when it meets another
 * with its norm). Open addressing on the norm's FNV hash, 8-byte slots;
 * bounded: once 3/4 full, new norms are not remembered (their tokens get
 * their own copies and lookups, as without the memo). */
typedef struct wslot {
    uint32_t hash;
    uint32_t tok1;         /* index of the norm's first token + 1; 0: empty */
} wslot;

typedef struct wmemo {
    wslot *s;
    size_t mask, n, max;
} wmemo;

enum { WMEMO_MAX_SLOTS = 1 << 16 };

/* Memo for a document of about guess tokens (slots: a power of two >=
 * guess, at most WMEMO_MAX_SLOTS). */
static void wmemo_init(wmemo *m, size_t guess)
{
    size_t cap = 64;
    while (cap < guess && cap < WMEMO_MAX_SLOTS)
        cap *= 2;
    m->s = rc_calloc(cap, sizeof *m->s);
    m->mask = cap - 1;
    m->n = 0;
    m->max = cap / 4 * 3;
}

/* First slot probed for hash h. */
static inline size_t wmemo_home(const wmemo *m, uint32_t h)
{
    return (h ^ (h >> 15)) & m->mask;
}

/* 1 when a[n] and b[n] hold the same bytes (memcmp(a, b, n) == 0): short
 * lengths, most norms, by overlapping word loads instead of a call. */
static inline int same_bytes(const char *a, const char *b, size_t n)
{
    if (n >= 8 && n <= 16) {
        uint64_t x, y, u, v;
        memcpy(&x, a, 8);
        memcpy(&y, b, 8);
        memcpy(&u, a + n - 8, 8);
        memcpy(&v, b + n - 8, 8);
        return ((x ^ y) | (u ^ v)) == 0;
    }
    if (n >= 4 && n < 8) {
        uint32_t x, y, u, v;
        memcpy(&x, a, 4);
        memcpy(&y, b, 4);
        memcpy(&u, a + n - 4, 4);
        memcpy(&v, b + n - 4, 4);
        return ((x ^ y) | (u ^ v)) == 0;
    }
    if (n < 4) {
        for (size_t i = 0; i < n; i++)
            if (a[i] != b[i])
                return 0;
        return 1;
    }
    return memcmp(a, b, n) == 0;
}

/* Index of tv's first token whose norm is w[len] (hash h), or SIZE_MAX
 * when the memo has none. */
static size_t wmemo_find(const wmemo *m, const tok_vec *tv, const char *w, size_t len,
                         uint32_t h)
{
    for (size_t i = wmemo_home(m, h);; i = (i + 1) & m->mask) {
        const wslot *sl = &m->s[i];
        if (!sl->tok1)
            return SIZE_MAX;
        size_t j = sl->tok1 - 1;
        if (sl->hash == h && tv->k[j].len == len && same_bytes(tv->v[j].norm, w, len))
            return j;
    }
}

/* Remember that token tok (hash h, its norm not yet in the memo) is the
 * first with its norm, unless the memo is full. */
static void wmemo_add(wmemo *m, size_t tok, uint32_t h)
{
    if (m->n >= m->max || tok >= UINT32_MAX)
        return;
    size_t i = wmemo_home(m, h);
    while (m->s[i].tok1)
        i = (i + 1) & m->mask;
    m->s[i] = (wslot){h, (uint32_t)(tok + 1)};
    m->n++;
}

/* Note in (*first)[tok] (room grown in *cap) the index of the first
 * token with token tok's norm: j when the memo had it, else tok itself. */
static void first_note(uint32_t **first, size_t *cap, size_t tok, size_t j)
{
    if (tok >= *cap) {
        *cap = *cap ? *cap * 2 : 256;
        *first = rc_reallocarray(*first, *cap, sizeof **first);
    }
    (*first)[tok] = (uint32_t)(j < tok ? j : tok);
}

static void build_tokens(rc_doc *d);

/* Fill d->sentences and d->tokens from d->text (see textmodel.h). */
void rc_textmodel_build(rc_doc *d)
{
    rc_textmodel_sentences(d);
    if (d->text)
        build_tokens(d);
}

/* Fill d->tokens over the sentences d has; see textmodel.h. */
void rc_textmodel_tokens(rc_doc *d)
{
    d->tokens = NULL;
    d->ntokens = 0;
    d->tokkeys = NULL;
    if (d->text)
        build_tokens(d);
}

/* Fill d->tokens and d->tokkeys from d->text, d->lang and d->sentences
 * (d->tokens empty, d->text not NULL). */
static void build_tokens(rc_doc *d)
{
    const char *text = d->text;
    const char *lang = d->lang;
    int stems = lang && rc_stem_supported(lang);
    int stops = lang && rc_stopwords_have(lang);
    tok_vec tv = {d->arena, NULL, NULL, 0, 0};
    /* sized once for the usual text (one token per 4 bytes or fewer)
     * rather than doubled from 64 with a copy each time, in the arena
     * (the arrays are the document's as made) */
    size_t guess = d->text_len / 4 + 64;
    if (guess > (1u << 20))
        guess = 1u << 20;
    tv.cap = guess;
    tv.v = rc_arena_alloc(d->arena, guess * sizeof *tv.v);
    tv.k = rc_arena_alloc(d->arena, guess * sizeof *tv.k);
    pool pl = {d->arena, NULL, 0};
    /* with a stemmer, each distinct norm is kept and stemmed once */
    wmemo memo = {NULL, 0, 0, 0};
    /* with a stemmer: firstof[k], the first token with token k's norm */
    uint32_t *firstof = NULL;
    size_t firstcap = 0;
    if (stems) {
        wmemo_init(&memo, guess);
        firstcap = guess;
        firstof = rc_malloc(firstcap * sizeof *firstof);
    }

    for (size_t si = 0; si < d->nsentences; si++) {
        size_t i = d->sentences[si].start, e = d->sentences[si].end;
        int first = 1;
        while (i < e) {
            int32_t cp;
            unsigned char c0 = (unsigned char)text[i];
            if (c0 == ' ') {
                i++;
                continue;
            }
            size_t l = rc_utf8_next(text, e, i, &cp);
            int ascii_letter = c0 < 0x80 && (c0 | 0x20) >= 'a' && (c0 | 0x20) <= 'z';
            if (!ascii_letter && (rc_uc_is_space(cp) || cp < 0x20 || cp == 0x7F || cp == 0xAD ||
                (cp >= 0x200B && cp <= 0x200D) || cp == 0xFEFF)) {
                i += l;          /* spaces, controls, invisible formatting */
                continue;
            }
            size_t s = i, letters = 0, uppers = 0;
            int first_upper = 0;
            uint32_t flags;
            if (ascii_letter) {
                /* the common token, a word of ASCII letters ended by an
                 * ASCII byte that scan_word stops at: scanned, folded and
                 * hashed in one pass (the same token, norm and key as the
                 * general path below) */
                size_t j = i;
                char *out = pool_reserve(&pl, 2 * (e - i) < 128 ? 2 * (e - i) + 1 : 129);
                uint32_t h = 2166136261u;
                while (j < e && j - i < 64) {
                    unsigned char c = (unsigned char)text[j];
                    unsigned char lc = c | 0x20;
                    if (lc < 'a' || lc > 'z')
                        break;
                    uppers += c <= 'Z';
                    out[j - i] = (char)lc;
                    h = (h ^ lc) * 16777619u;
                    j++;
                }
                unsigned char nx = j < e ? (unsigned char)text[j] : ' ';
                if (j - i < 64 && nx < 0x80 && !(nx >= '0' && nx <= '9') && nx != '-' &&
                    nx != '\'') {
                    letters = j - i;
                    flags = RC_TOK_WORD;
                    if (c0 <= 'Z')
                        flags |= RC_TOK_CAP;
                    if (letters >= 2 && uppers == letters)
                        flags |= RC_TOK_UPPER;
                    if (first)
                        flags |= RC_TOK_SENT_START;
                    first = 0;
                    out[letters] = '\0';
                    size_t fj = stems ? wmemo_find(&memo, &tv, out, letters, h) : SIZE_MAX;
                    const char *norm;
                    if (fj != SIZE_MAX)
                        norm = tv.v[fj].norm;
                    else {
                        norm = out;
                        pool_commit(&pl, letters + 1);
                        if (stems)
                            wmemo_add(&memo, tv.n, h);
                    }
                    if (stems)
                        first_note(&firstof, &firstcap, tv.n, fj);
                    if (!stems && stops && rc_stopword(lang, out, letters))
                        flags |= RC_TOK_STOP;
                    tok_push(&tv, s, j, si, flags, norm, norm, h, letters, 1);
                    i = j;
                    continue;
                }
                uppers = 0;
            }
            if (!ascii_letter && rc_uc_is_digit(cp)) {
                i = scan_number(text, e, i);
                flags = RC_TOK_NUM;
            } else if (ascii_letter || rc_uc_is_letter(cp) || is_mark(cp)) {
                i = scan_word(text, e, i, &letters, &uppers, &first_upper);
                if (i == s)
                    i = s + l;
                flags = RC_TOK_WORD;
                if (first_upper > 0)
                    flags |= RC_TOK_CAP;
                if (letters >= 2 && uppers == letters)
                    flags |= RC_TOK_UPPER;
            } else {
                i = s + l;
                if (cp < 0x80)   /* runs of one ASCII mark: "...", "--" */
                    while (i < e && text[i] == (char)cp)
                        i++;
                flags = RC_TOK_PUNCT;
            }
            if (first)
                flags |= RC_TOK_SENT_START;
            first = 0;

            /* norm */
            size_t len = i - s, nlen;
            char *out = pool_reserve(&pl, 2 * len + 1);
            const char *norm = out;
            nlen = fold_fast(text, s, i, out);
            int pooled = nlen != SIZE_MAX;   /* in the pool, not committed yet */
            if (!pooled)
                norm = rc_utf8_fold(d->arena, text + s, len, RC_FOLD_CASE | RC_FOLD_QUOTES, &nlen);
            uint32_t h = 2166136261u;
            unsigned char hi = 0;
            for (size_t k = 0; k < nlen; k++) {
                unsigned char b = (unsigned char)norm[k];
                hi |= b;
                h = (h ^ b) * 16777619u;
            }
            if (stems) {
                size_t fj = wmemo_find(&memo, &tv, norm, nlen, h);
                if (fj != SIZE_MAX) {
                    norm = tv.v[fj].norm;
                    pooled = 0;          /* the pool's bytes are reused */
                } else {
                    if (pooled)
                        pool_commit(&pl, nlen + 1);
                    pooled = 0;
                    wmemo_add(&memo, tv.n, h);
                }
                first_note(&firstof, &firstcap, tv.n, fj);
            }
            if (pooled)
                pool_commit(&pl, nlen + 1);

            /* stem and stopword: the pass below (stems) or here */
            const char *stem = norm;
            if ((flags & RC_TOK_WORD) && !stems && stops && rc_stopword(lang, norm, nlen))
                flags |= RC_TOK_STOP;

            tok_push(&tv, s, i, si, flags, norm, stem, h, nlen, hi < 0x80);
        }
    }
    /* stems and stopwords in a second pass, only for the words whose norm
     * no earlier word had (firstof[k] == k, or that first token is not a
     * word: look[], in text order); the stem cache slot of the one PF
     * ahead requested early (the cache is larger than the CPU's near
     * caches; a lookup mostly waited for its slot). The other words then
     * take the stem and stopword flag of their norm's first token. */
    enum { PF = 8 };
    uint32_t *look = stems && tv.n ? rc_malloc(tv.n * sizeof *look) : NULL;
    size_t nlook = 0;
    for (size_t k = 0; stems && k < tv.n; k++) {
        if (!(tv.v[k].flags & RC_TOK_WORD))
            continue;
        size_t j = firstof[k];
        if (!(j < k && (tv.v[j].flags & RC_TOK_WORD)))
            look[nlook++] = (uint32_t)k;
    }
    for (size_t q = 0; q < nlook; q++) {
        if (q + PF < nlook)
            rc_stem_prefetch(lang, tv.k[look[q + PF]].hash);
        size_t k = look[q];
        rc_token *t = &tv.v[k];
        size_t sl, nlen = tv.k[k].len;
        int stop = 0;
        /* stem and stopword test in one cache lookup */
        const char *st = rc_stem_stop_h(lang, t->norm, nlen, tv.k[k].hash, &sl, &stop);
        if (st != t->norm && !(sl == nlen && memcmp(st, t->norm, sl) == 0)) {
            char *sc = pool_reserve(&pl, sl + 1);
            memcpy(sc, st, sl);
            sc[sl] = '\0';
            pool_commit(&pl, sl + 1);
            t->stem = sc;
        }
        if (stop)
            t->flags |= RC_TOK_STOP;
    }
    /* a norm met before in a word: its stem and stopword flag again */
    for (size_t k = 0; stems && k < tv.n; k++) {
        rc_token *t = &tv.v[k];
        size_t j = firstof[k];
        if (!(t->flags & RC_TOK_WORD) || j >= k || !(tv.v[j].flags & RC_TOK_WORD))
            continue;
        t->stem = tv.v[j].stem;
        t->flags |= tv.v[j].flags & RC_TOK_STOP;
    }
    free(look);
    free(firstof);
    if (tv.n) {
        d->tokens = tv.v;
        d->ntokens = tv.n;
        d->tokkeys = tv.k;
    }
    free(memo.s);
}

/* The first token of d in [lo, hi) starting at or after pos, hi when
 * none (the tokens are sorted by start): a binary search. */
static size_t token_lower_bound(const rc_doc *d, size_t lo, size_t hi, uint32_t pos)
{
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->tokens[mid].start < pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* First token starting at or after pos; see textmodel.h. */
size_t rc_textmodel_token_from(const rc_doc *d, uint32_t pos)
{
    return token_lower_bound(d, 0, d->ntokens, pos);
}

/* First token starting at or after pos, from a hint; see textmodel.h.
 * Tokens are sorted by start, so the answer is the one lower bound: a
 * gallop away from hint brackets it, a binary search finds it. */
size_t rc_textmodel_token_from_near(const rc_doc *d, size_t hint, uint32_t pos)
{
    size_t n = d->ntokens;
    if (hint > n)
        hint = n;
    size_t lo, hi;              /* the answer lies in [lo, hi] */
    if (hint < n && d->tokens[hint].start < pos) {
        lo = hint + 1;
        size_t step = 1, probe = hint + 1;
        while (probe < n && d->tokens[probe].start < pos) {
            lo = probe + 1;
            step *= 2;
            probe = hint + step;
        }
        hi = probe < n ? probe : n;
    } else {
        hi = hint;
        lo = 0;
        size_t step = 1;
        while (step <= hint) {
            size_t probe = hint - step;
            if (d->tokens[probe].start < pos) {
                lo = probe + 1;
                break;
            }
            hi = probe;
            step *= 2;
        }
    }
    return token_lower_bound(d, lo, hi, pos);
}
