/*
 * dates.c - dates in article text (see dates.h for the rules).
 *
 * Two passes over d->tokens: the first recognises date expressions with
 * bounded look-ahead and records what they say (explicit fields, or a
 * relative offset); the second resolves them against the anchor
 * (d->published, else the article's own explicit dates) and writes the
 * rc_date entries.
 */
#include "extract/dates.h"
#include "meta/dateparse.h"
#include "meta/header.h"
#include "util/mem.h"
#include "util/rc.h"
#include <pthread.h>
#include <stdio.h>
#include <string.h>

/* ---- vocabulary ------------------------------------------------------- */

enum { L_FR = 1, L_EN = 2 };

typedef enum wkind {
    W_NONE = 0,
    W_MONTH,     /* val 1..12 */
    W_WEEKDAY,   /* val 0..6 (Monday = 0) */
    W_RELDAY,    /* val: day offset from the anchor ("hier" -1) */
    W_PART,      /* val 1 early, 2 middle, 3 late ("début", "mid") */
    W_SEASON,    /* val 1 spring .. 4 winter */
    W_UNIT,      /* val 1 year, 2 month, 3 week, 4 day */
    W_DIR,       /* val -1 last, +1 next */
    W_THIS,      /* "ce", "cette", "this" */
    W_PREP,      /* a preposition that makes a bare year or month a date */
    W_ART,       /* "le", "la", "l'", "the" */
    W_OF,        /* "de", "d'", "du", "of" */
    W_AGO        /* "ago" */
} wkind;

enum {
    F_WEAK = 1,   /* month: needs a day, a year or a preposition */
    F_WEAKER = 2, /* month: needs a day or a year ("sept" is also seven) */
    F_CAP = 4,    /* must be written with a capital (English months, days) */
    F_CI = 8,     /* "mois-ci": carries its own "this" */
    F_NOPART = 16 /* part word that needs "of" before what it qualifies */
};

typedef struct word {
    const char *w;          /* folded key: lower case, no accents */
    unsigned char lang;     /* L_FR | L_EN */
    unsigned char kind;     /* wkind */
    signed char val;
    unsigned char flags;
} word;

/* The tables: one block per language; adding a language adds a block. */
static const word WORDS[] = {
    /* French */
    {"janvier", L_FR, W_MONTH, 1, 0},      {"janv", L_FR, W_MONTH, 1, F_WEAK},
    {"fevrier", L_FR, W_MONTH, 2, 0},      {"fevr", L_FR, W_MONTH, 2, F_WEAK},
    {"fev", L_FR, W_MONTH, 2, F_WEAK},     {"mars", L_FR, W_MONTH, 3, 0},
    {"avril", L_FR, W_MONTH, 4, 0},        {"avr", L_FR, W_MONTH, 4, F_WEAK},
    {"mai", L_FR, W_MONTH, 5, 0},          {"juin", L_FR, W_MONTH, 6, 0},
    {"juillet", L_FR, W_MONTH, 7, 0},      {"juil", L_FR, W_MONTH, 7, F_WEAK},
    {"aout", L_FR, W_MONTH, 8, 0},         {"septembre", L_FR, W_MONTH, 9, 0},
    {"sept", L_FR, W_MONTH, 9, F_WEAKER},  {"octobre", L_FR, W_MONTH, 10, 0},
    {"oct", L_FR, W_MONTH, 10, F_WEAK},    {"novembre", L_FR, W_MONTH, 11, 0},
    {"nov", L_FR, W_MONTH, 11, F_WEAK},    {"decembre", L_FR, W_MONTH, 12, 0},
    {"dec", L_FR, W_MONTH, 12, F_WEAK},
    {"lundi", L_FR, W_WEEKDAY, 0, 0},      {"mardi", L_FR, W_WEEKDAY, 1, 0},
    {"mercredi", L_FR, W_WEEKDAY, 2, 0},   {"jeudi", L_FR, W_WEEKDAY, 3, 0},
    {"vendredi", L_FR, W_WEEKDAY, 4, 0},   {"samedi", L_FR, W_WEEKDAY, 5, 0},
    {"dimanche", L_FR, W_WEEKDAY, 6, 0},
    {"avant-hier", L_FR, W_RELDAY, -2, 0}, {"hier", L_FR, W_RELDAY, -1, 0},
    {"aujourd'hui", L_FR, W_RELDAY, 0, 0}, {"demain", L_FR, W_RELDAY, 1, 0},
    {"apres-demain", L_FR, W_RELDAY, 2, 0},
    {"debut", L_FR, W_PART, 1, 0},         {"mi", L_FR, W_PART, 2, 0},
    {"courant", L_FR, W_PART, 2, 0},       {"milieu", L_FR, W_PART, 2, F_NOPART},
    {"fin", L_FR, W_PART, 3, 0},
    {"printemps", L_FR, W_SEASON, 1, 0},   {"ete", L_FR, W_SEASON, 2, 0},
    {"automne", L_FR, W_SEASON, 3, 0},     {"hiver", L_FR, W_SEASON, 4, 0},
    {"an", L_FR, W_UNIT, 1, 0},            {"ans", L_FR, W_UNIT, 1, 0},
    {"annee", L_FR, W_UNIT, 1, 0},         {"annees", L_FR, W_UNIT, 1, 0},
    {"mois", L_FR, W_UNIT, 2, 0},          {"mois-ci", L_FR, W_UNIT, 2, F_CI},
    {"semaine", L_FR, W_UNIT, 3, 0},       {"semaines", L_FR, W_UNIT, 3, 0},
    {"semaine-ci", L_FR, W_UNIT, 3, F_CI}, {"jour", L_FR, W_UNIT, 4, 0},
    {"jours", L_FR, W_UNIT, 4, 0},
    {"dernier", L_FR, W_DIR, -1, 0},       {"derniere", L_FR, W_DIR, -1, 0},
    {"passe", L_FR, W_DIR, -1, 0},         {"passee", L_FR, W_DIR, -1, 0},
    {"prochain", L_FR, W_DIR, 1, 0},       {"prochaine", L_FR, W_DIR, 1, 0},
    {"ce", L_FR, W_THIS, 0, 0},            {"cet", L_FR, W_THIS, 0, 0},
    {"cette", L_FR, W_THIS, 0, 0},
    {"en", L_FR, W_PREP, 0, 0},            {"depuis", L_FR, W_PREP, 0, 0},
    {"jusqu'", L_FR, W_PREP, 0, 0},
    {"avant", L_FR, W_PREP, 0, 0},         {"apres", L_FR, W_PREP, 0, 0},
    {"entre", L_FR, W_PREP, 0, 0},         {"vers", L_FR, W_PREP, 0, 0},
    {"pendant", L_FR, W_PREP, 0, 0},       {"durant", L_FR, W_PREP, 0, 0},
    {"ici", L_FR, W_PREP, 0, 0},           {"au", L_FR, W_PREP, 0, 0},
    {"le", L_FR, W_ART, 0, 0},             {"la", L_FR, W_ART, 0, 0},
    {"l'", L_FR, W_ART, 0, 0},
    {"de", L_FR, W_OF, 0, 0},              {"d'", L_FR, W_OF, 0, 0},
    {"du", L_FR, W_OF, 0, 0},
    /* English */
    {"january", L_EN, W_MONTH, 1, F_CAP},  {"jan", L_EN, W_MONTH, 1, F_CAP | F_WEAK},
    {"february", L_EN, W_MONTH, 2, F_CAP}, {"feb", L_EN, W_MONTH, 2, F_CAP | F_WEAK},
    {"march", L_EN, W_MONTH, 3, F_CAP},    {"mar", L_EN, W_MONTH, 3, F_CAP | F_WEAK},
    {"april", L_EN, W_MONTH, 4, F_CAP},    {"apr", L_EN, W_MONTH, 4, F_CAP | F_WEAK},
    {"may", L_EN, W_MONTH, 5, F_CAP | F_WEAK}, {"june", L_EN, W_MONTH, 6, F_CAP},
    {"jun", L_EN, W_MONTH, 6, F_CAP | F_WEAK}, {"july", L_EN, W_MONTH, 7, F_CAP},
    {"jul", L_EN, W_MONTH, 7, F_CAP | F_WEAK}, {"august", L_EN, W_MONTH, 8, F_CAP},
    {"aug", L_EN, W_MONTH, 8, F_CAP | F_WEAK}, {"september", L_EN, W_MONTH, 9, F_CAP},
    {"sep", L_EN, W_MONTH, 9, F_CAP | F_WEAK}, {"sept", L_EN, W_MONTH, 9, F_CAP | F_WEAK},
    {"october", L_EN, W_MONTH, 10, F_CAP}, {"oct", L_EN, W_MONTH, 10, F_CAP | F_WEAK},
    {"november", L_EN, W_MONTH, 11, F_CAP}, {"nov", L_EN, W_MONTH, 11, F_CAP | F_WEAK},
    {"december", L_EN, W_MONTH, 12, F_CAP}, {"dec", L_EN, W_MONTH, 12, F_CAP | F_WEAK},
    {"monday", L_EN, W_WEEKDAY, 0, F_CAP}, {"tuesday", L_EN, W_WEEKDAY, 1, F_CAP},
    {"wednesday", L_EN, W_WEEKDAY, 2, F_CAP}, {"thursday", L_EN, W_WEEKDAY, 3, F_CAP},
    {"friday", L_EN, W_WEEKDAY, 4, F_CAP}, {"saturday", L_EN, W_WEEKDAY, 5, F_CAP},
    {"sunday", L_EN, W_WEEKDAY, 6, F_CAP},
    {"yesterday", L_EN, W_RELDAY, -1, 0},  {"today", L_EN, W_RELDAY, 0, 0},
    {"tomorrow", L_EN, W_RELDAY, 1, 0},
    {"early", L_EN, W_PART, 1, 0},         {"mid", L_EN, W_PART, 2, 0},
    {"late", L_EN, W_PART, 3, 0},          {"beginning", L_EN, W_PART, 1, F_NOPART},
    {"start", L_EN, W_PART, 1, F_NOPART},  {"middle", L_EN, W_PART, 2, F_NOPART},
    {"end", L_EN, W_PART, 3, F_NOPART},
    {"spring", L_EN, W_SEASON, 1, 0},      {"summer", L_EN, W_SEASON, 2, 0},
    {"autumn", L_EN, W_SEASON, 3, 0},      {"winter", L_EN, W_SEASON, 4, 0},
    {"year", L_EN, W_UNIT, 1, 0},          {"years", L_EN, W_UNIT, 1, 0},
    {"month", L_EN, W_UNIT, 2, 0},         {"months", L_EN, W_UNIT, 2, 0},
    {"week", L_EN, W_UNIT, 3, 0},          {"weeks", L_EN, W_UNIT, 3, 0},
    {"day", L_EN, W_UNIT, 4, 0},           {"days", L_EN, W_UNIT, 4, 0},
    {"last", L_EN, W_DIR, -1, 0},          {"next", L_EN, W_DIR, 1, 0},
    {"previous", L_EN, W_DIR, -1, 0},      {"following", L_EN, W_DIR, 1, 0},
    {"coming", L_EN, W_DIR, 2, 0},         {"upcoming", L_EN, W_DIR, 2, 0},
    {"this", L_EN, W_THIS, 0, 0},
    {"in", L_EN, W_PREP, 0, 0},            {"since", L_EN, W_PREP, 0, 0},
    {"by", L_EN, W_PREP, 0, 0},            {"until", L_EN, W_PREP, 0, 0},
    {"till", L_EN, W_PREP, 0, 0},          {"before", L_EN, W_PREP, 0, 0},
    {"after", L_EN, W_PREP, 0, 0},         {"from", L_EN, W_PREP, 0, 0},
    {"between", L_EN, W_PREP, 0, 0},      {"during", L_EN, W_PREP, 0, 0},
    {"through", L_EN, W_PREP, 0, 0},      {"around", L_EN, W_PREP, 0, 0},
    {"the", L_EN, W_ART, 0, 0},            {"of", L_EN, W_OF, 0, 0},
    {"ago", L_EN, W_AGO, 0, 0},
};

/* Number words for "il y a trois mois" / "three months ago". */
static const struct {
    const char *w;
    unsigned char lang;
    int v;
} NUMWORDS[] = {
    {"un", L_FR, 1},      {"une", L_FR, 1},     {"deux", L_FR, 2},    {"trois", L_FR, 3},
    {"quatre", L_FR, 4},  {"cinq", L_FR, 5},    {"six", L_FR, 6},     {"sept", L_FR, 7},
    {"huit", L_FR, 8},    {"neuf", L_FR, 9},    {"dix", L_FR, 10},    {"onze", L_FR, 11},
    {"douze", L_FR, 12},  {"quinze", L_FR, 15}, {"vingt", L_FR, 20},  {"trente", L_FR, 30},
    {"a", L_EN, 1},       {"an", L_EN, 1},      {"one", L_EN, 1},     {"two", L_EN, 2},
    {"three", L_EN, 3},   {"four", L_EN, 4},    {"five", L_EN, 5},    {"six", L_EN, 6},
    {"seven", L_EN, 7},   {"eight", L_EN, 8},   {"nine", L_EN, 9},    {"ten", L_EN, 10},
    {"eleven", L_EN, 11}, {"twelve", L_EN, 12}, {"fifteen", L_EN, 15}, {"twenty", L_EN, 20},
    {"thirty", L_EN, 30},
};

/* Ordinal suffixes after a day number ("1er", "4th", "2e"). */
static const char *const ORDINALS[] = {"er", "re", "e", "eme", "st", "nd", "rd", "th"};

#define HBITS 9
#define HSIZE (1u << HBITS)
static short g_hash[HSIZE];         /* index + 1 into WORDS, 0 = empty */
static uint32_t g_lens[26];         /* per first letter: bit n set when a word
                                       of n bytes exists (quick rejection) */
static unsigned char g_wlen[sizeof WORDS / sizeof *WORDS]; /* strlen of each key */
static pthread_once_t g_once = PTHREAD_ONCE_INIT;

/* FNV-1a of k[n], reduced to the table size. */
static unsigned hkey(const char *k, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)k[i]) * 16777619u;
    return (h ^ (h >> 15)) & (HSIZE - 1);
}

/* Build the open-addressing index of WORDS (once per process). */
static void build_hash(void)
{
    for (size_t i = 0; i < sizeof WORDS / sizeof *WORDS; i++) {
        size_t n = strlen(WORDS[i].w);
        g_wlen[i] = (unsigned char)n;
        g_lens[WORDS[i].w[0] - 'a'] |= 1u << n;
        unsigned h = hkey(WORDS[i].w, n);
        while (g_hash[h])
            h = (h + 1) & (HSIZE - 1);
        g_hash[h] = (short)(i + 1);
    }
}

/* The entry for key k[n] in one of the languages of mask, or NULL; hf is
 * rc_tokkey_hash(k, n) when has_h (a token's precomputed key hash). */
static const word *lookup_h(const char *k, size_t n, unsigned mask, int has_h, uint32_t hf)
{
    if (n == 0 || n > 31 || k[0] < 'a' || k[0] > 'z' || !(g_lens[k[0] - 'a'] & (1u << n)))
        return NULL;
    unsigned h = has_h ? (hf ^ (hf >> 15)) & (HSIZE - 1) : hkey(k, n);
    while (g_hash[h]) {
        const word *w = &WORDS[g_hash[h] - 1];
        if ((w->lang & mask) && g_wlen[g_hash[h] - 1] == n && memcmp(w->w, k, n) == 0)
            return w;
        h = (h + 1) & (HSIZE - 1);
    }
    return NULL;
}

/* The entry for key k[n] in one of the languages of mask, or NULL. */
static const word *lookup(const char *k, size_t n, unsigned mask)
{
    return lookup_h(k, n, mask, 0, 0);
}

/* Fold a token's case-folded form s[n] to an ASCII key (Latin-1 accents
 * stripped, "œ" -> "oe") in out[cap]; returns its length, or 0 when s
 * holds other characters or does not fit. */
static size_t fold_ascii(const char *s, size_t n, char *out, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (o + 2 >= cap)
            return 0;
        if (c < 0x80) {
            out[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            continue;
        }
        if (i + 1 >= n)
            return 0;
        unsigned char c2 = (unsigned char)s[++i];
        if (c == 0xC3) {
            static const char MAP[] = "aaaaaaaceeeeiiiidnooooo/ouuuuyty";  /* U+00E0.. */
            if (c2 >= 0x80 && c2 <= 0x9E)
                c2 = (unsigned char)(c2 + 0x20);
            if (c2 < 0xA0 || c2 == 0xB7)
                return 0;
            out[o++] = MAP[c2 - 0xA0];
        } else if (c == 0xC5 && (c2 == 0x93 || c2 == 0x92)) {
            out[o++] = 'o';
            out[o++] = 'e';
        } else {
            return 0;
        }
    }
    return o;
}

/* ---- calendar --------------------------------------------------------- */

/* Days in month m of year y (0 for an invalid month). */
static int mdays(int y, int m)
{
    static const int md[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return md[m - 1] + (m == 2 && leap);
}

/* Days since 1970-01-01 of a valid proleptic Gregorian date. */
static long days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* Inverse of days_from_civil. */
static void civil_from_days(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

/* Weekday (0 = Monday) of a day number. */
static int wd_of_days(long z)
{
    long w = (z + 3) % 7;   /* 1970-01-01 was a Thursday */
    return (int)(w < 0 ? w + 7 : w);
}

/* ---- tokens ----------------------------------------------------------- */

typedef struct cls {
    const word *w;          /* vocabulary entry, or NULL */
    char key[24];           /* folded key ("" when not foldable) */
    size_t klen;
    int num;                /* 1 plain integer, 2 separated date digits */
    long v[3];              /* values of the number's parts */
    int nd[3];              /* digit counts */
    int np;                 /* number of parts */
    char sep;               /* separator of a multi-part number */
    int ord;                /* integer with an ordinal suffix */
    int lower;              /* a F_CAP word written in lower case */
} cls;

#define RING 64

typedef struct ctx {
    const rc_doc *d;
    unsigned lang;
    size_t nt;
    cls ring[RING];
    size_t tag[RING];       /* token index + 1 cached in each slot */
} ctx;

/* Parse a number token's text s[n] into c (num stays 0 for times, amounts
 * with separators, codes). */
static void parse_num(const char *s, size_t n, cls *c)
{
    size_t i = 0;
    int cnt;
    c->v[0] = rc_date_digits(s, n, &i, &cnt);
    c->nd[0] = cnt;
    c->np = 1;
    if (i == n) {
        c->num = 1;
        return;
    }
    if (s[i] == '/' || s[i] == '.') {
        char sep = s[i];
        while (i < n && c->np < 3 && s[i] == sep && i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '9') {
            i++;
            c->v[c->np] = rc_date_digits(s, n, &i, &cnt);
            c->nd[c->np++] = cnt;
        }
        if (i == n && c->np >= 2) {
            c->num = 2;
            c->sep = sep;
        }
        return;
    }
    char suf[8];
    size_t sl = fold_ascii(s + i, n - i, suf, sizeof suf);
    for (size_t k = 0; sl && k < sizeof ORDINALS / sizeof *ORDINALS; k++)
        if (strlen(ORDINALS[k]) == sl && memcmp(ORDINALS[k], suf, sl) == 0) {
            c->num = 1;
            c->ord = 1;
        }
}

/* Classification of token i (cached in a ring: look-back stays small). */
static const cls *C(ctx *x, size_t i)
{
    static const cls none;
    if (i >= x->nt)
        return &none;
    cls *c = &x->ring[i % RING];
    if (x->tag[i % RING] == i + 1)
        return c;
    c->w = NULL;
    c->klen = 0;
    c->key[0] = '\0';
    c->num = c->np = c->ord = c->lower = 0;
    c->sep = 0;
    x->tag[i % RING] = i + 1;
    const rc_token *t = &x->d->tokens[i];
    if (t->flags & RC_TOK_NUM) {
        parse_num(x->d->text + t->start, t->end - t->start, c);
        return c;
    }
    const rc_tokkey *tk = x->d->tokkeys ? &x->d->tokkeys[i] : NULL;
    size_t nl = tk ? tk->len : strlen(t->norm);
    int same = 0;              /* the key is the norm itself */
    if (nl >= 24) {
        c->klen = 0;
    } else if (tk && tk->ascii) {
        /* fold_ascii of an ASCII norm (already lower case, no room issue
         * below 22 bytes) is the norm itself */
        c->klen = nl + 2 >= sizeof c->key ? fold_ascii(t->norm, nl, c->key, sizeof c->key) : nl;
        if (c->klen == nl)
            memcpy(c->key, t->norm, nl);
        same = c->klen == nl;
    } else {
        c->klen = fold_ascii(t->norm, nl, c->key, sizeof c->key);
    }
    c->key[c->klen] = '\0';
    if (!c->klen || !(t->flags & RC_TOK_WORD))
        return c;
    size_t kl = c->klen;
    if ((x->lang & L_EN) && kl > 2 && c->key[kl - 2] == '\'' && c->key[kl - 1] == 's') {
        kl -= 2;   /* "Tuesday's" */
        same = 0;
    }
    const word *w = lookup_h(c->key, kl, x->lang, same, same ? tk->hash : 0);
    if (w && (w->flags & F_CAP) && !(t->flags & RC_TOK_CAP)) {
        /* "may", "march" in lower case are not months; "june 4" is */
        if (w->kind != W_MONTH || (w->flags & F_WEAK) || w->val == 3)
            w = w->kind == W_WEEKDAY ? w : NULL;
        else
            c->lower = 1;
    }
    c->w = w;
    return c;
}

/* Kind of token i's vocabulary entry (W_NONE when none). */
static int K(ctx *x, size_t i)
{
    const cls *c = C(x, i);
    return c->w ? c->w->kind : W_NONE;
}

/* Value of token i's vocabulary entry. */
static int V(ctx *x, size_t i)
{
    const cls *c = C(x, i);
    return c->w ? c->w->val : 0;
}

/* 1 when token i is the punctuation character ch. */
static int is_punct(ctx *x, size_t i, char ch)
{
    if (i >= x->nt)
        return 0;
    const rc_token *t = &x->d->tokens[i];
    return (t->flags & RC_TOK_PUNCT) && t->end - t->start == 1 && x->d->text[t->start] == ch;
}

/* 1 when token i has key w. */
static int is_key(ctx *x, size_t i, const char *w)
{
    const cls *c = C(x, i);
    return c->klen == strlen(w) && memcmp(c->key, w, c->klen) == 0;
}

/* 1 when token j follows token i within the same sentence. */
static int same_sent(ctx *x, size_t i, size_t j)
{
    return j < x->nt && x->d->tokens[i].sentence == x->d->tokens[j].sentence;
}

/* Day number (1..31, at most two digits) of token i, or 0. */
static int day_num(ctx *x, size_t i)
{
    const cls *c = C(x, i);
    if (c->num != 1 || c->nd[0] > 2 || c->v[0] < 1 || c->v[0] > 31)
        return 0;
    return (int)c->v[0];
}

/* Year (four digits, 1000..2999, no ordinal) of token i, or 0. */
static int year_num(ctx *x, size_t i)
{
    const cls *c = C(x, i);
    if (c->num != 1 || c->ord || c->nd[0] != 4 || c->v[0] < 1000 || c->v[0] > 2999)
        return 0;
    return (int)c->v[0];
}

/* Month of token i: its value when it is a month word, else 0. */
static int month_of(ctx *x, size_t i)
{
    return K(x, i) == W_MONTH ? V(x, i) : 0;
}

/* Flags of token i's vocabulary entry. */
static int FL(ctx *x, size_t i)
{
    const cls *c = C(x, i);
    return c->w ? c->w->flags : 0;
}

/* A count before a unit: digits or a number word; 0 when none. */
static int count_of(ctx *x, size_t i)
{
    const cls *c = C(x, i);
    if (c->num == 1 && !c->ord && c->nd[0] <= 3)
        return (int)c->v[0];
    for (size_t k = 0; c->klen && k < sizeof NUMWORDS / sizeof *NUMWORDS; k++)
        if ((NUMWORDS[k].lang & x->lang) && strlen(NUMWORDS[k].w) == c->klen &&
            memcmp(NUMWORDS[k].w, c->key, c->klen) == 0)
            return NUMWORDS[k].v;
    return 0;
}

/* ---- recognised expressions ------------------------------------------- */

typedef enum rkind {
    R_ABS = 0,    /* y (maybe 0), m, d as written; wd from a weekday word or -1 */
    R_WEEKDAY,    /* a weekday alone: wd, dir */
    R_RELDAY,     /* off days from the anchor */
    R_REL,        /* unit (1 year .. 4 day), off units from the anchor */
    R_SEASON      /* season val in y, or relative (dir) */
} rkind;

typedef struct rdate {
    uint32_t s, e;
    rkind kind;
    int y, m, d;
    int wd;
    int dir;        /* weekday / month: 0 plain, -1 last, +1 next, 2 this */
    int unit, off;
    int future;     /* a year after "d'ici", "by", "until": a target */
    rc_dgran gran;
} rdate;

typedef struct rvec {
    rdate *v;
    size_t n, cap;
} rvec;

/* Span start of token i. */
static uint32_t TS(ctx *x, size_t i)
{
    return x->d->tokens[i].start;
}

/* Span end of token i. */
static uint32_t TE(ctx *x, size_t i)
{
    return x->d->tokens[i].end;
}

/* Fill r as an absolute date y-m-d (0 for what the text leaves out) of
 * granularity g over tokens first..last; returns how many tokens it takes. */
static size_t set_abs(ctx *x, rdate *r, int y, int m, int d, rc_dgran g, size_t first, size_t last)
{
    r->kind = R_ABS;
    r->y = y;
    r->m = m;
    r->d = d;
    r->gran = g;
    r->s = TS(x, first);
    r->e = TE(x, last);
    return last - first + 1;
}

/* Skip an abbreviation's full stop right after token i; returns the index
 * of the last token of the word. A stop that ends the sentence ("on 19
 * May.") is the sentence's, not the word's. */
static size_t skip_dot(ctx *x, size_t i)
{
    if (i + 2 < x->nt && is_punct(x, i + 1, '.') && TS(x, i + 1) == TE(x, i) &&
        (FL(x, i) & (F_WEAK | F_WEAKER)) && same_sent(x, i + 1, i + 2))
        return i + 1;
    return i;
}

/* A four-digit year after token j (optionally after ","), same sentence;
 * stores the token index of the year in *yi. */
static int year_after(ctx *x, size_t j, size_t *yi)
{
    size_t k = j + 1;
    if (is_punct(x, k, ',') || (K(x, k) == W_OF && !is_key(x, k, "d'") && year_num(x, k + 1)))
        k++;
    if (!same_sent(x, j, k))
        return 0;
    int y = year_num(x, k);
    if (y && !is_punct(x, k + 1, '%')) {
        *yi = k;
        return y;
    }
    return 0;
}

/* Numeric dates in one token: "17/06/2025", "17.06.25", "2025/06/17",
 * "22/04" (two-digit parts). Returns 1 and fills r when valid. */
static int m_numeric(ctx *x, size_t i, rdate *r)
{
    const cls *c = C(x, i);
    if (c->num != 2 || is_punct(x, i + 1, '%'))
        return 0;
    long a = c->v[0], b = c->v[1], y = 0, m, d;
    if (c->np == 3) {
        if (c->nd[0] == 4) {
            y = a; m = b; d = c->v[2];
        } else if (c->nd[2] == 4 || (c->nd[2] == 2 && c->nd[0] <= 2)) {
            /* two-digit years: 00..49 -> 20xx, 50..99 -> 19xx */
            y = c->nd[2] == 2 ? (c->v[2] < 50 ? 2000 : 1900) + c->v[2] : c->v[2];
            d = a; m = b;
            if ((m > 12 && d <= 12) || (x->lang == L_EN && d <= 12 && m <= 12)) {
                long t = m; m = d; d = t;   /* month first */
            }
        } else {
            return 0;
        }
        if (c->nd[1] > 2 || rc_weekday((int)y, (int)m, (int)d) < 0)
            return 0;
    } else {
        if (c->sep != '/' || c->nd[0] != 2 || c->nd[1] != 2)
            return 0;
        d = a; m = b;
        if ((m > 12 && d <= 12) || (x->lang == L_EN && d <= 12 && m <= 12)) {
            long t = m; m = d; d = t;
        }
        if (m < 1 || m > 12 || d < 1 || d > mdays(2000, (int)m))
            return 0;
    }
    return set_abs(x, r, (int)y, (int)m, (int)d, RC_DATE_DAY, i, i);
}

/* ISO dates over tokens "2025" "-" "06" ["-" "17"], written without
 * spaces. Returns the number of tokens used (0: none). */
static size_t m_iso(ctx *x, size_t i, rdate *r)
{
    int y = year_num(x, i);
    if (!y || !is_punct(x, i + 1, '-') || TS(x, i + 1) != TE(x, i) || i + 2 >= x->nt ||
        TS(x, i + 2) != TE(x, i + 1))
        return 0;
    const cls *cm = C(x, i + 2);
    if (cm->num != 1 || cm->ord || cm->nd[0] > 2 || cm->v[0] < 1 || cm->v[0] > 12)
        return 0;
    int m = (int)cm->v[0];
    if (is_punct(x, i + 3, '-') && TS(x, i + 3) == TE(x, i + 2) && i + 4 < x->nt &&
        TS(x, i + 4) == TE(x, i + 3)) {
        const cls *cd = C(x, i + 4);
        if (cm->nd[0] != 2 || cd->num != 1 || cd->ord || cd->nd[0] != 2 || rc_weekday(y, m, (int)cd->v[0]) < 0)
            return 0;
        return set_abs(x, r, y, m, (int)cd->v[0], RC_DATE_DAY, i, i + 4);
    }
    if (is_punct(x, i + 3, '-') || (i + 3 < x->nt && TS(x, i + 3) == TE(x, i + 2)))
        return 0;
    return set_abs(x, r, y, m, 0, RC_DATE_MONTH, i, i + 2);
}

/* Day first: DAY[er] [of|de] MONTH[.] [,] [YEAR]. Returns tokens used. */
static size_t m_day_month(ctx *x, size_t i, rdate *r)
{
    int d = day_num(x, i);
    if (!d)
        return 0;
    size_t j = i + 1;
    if ((x->lang & L_EN) && is_key(x, j, "of") && same_sent(x, i, j))
        j++;
    int m = month_of(x, j);
    if (!m || !same_sent(x, i, j))
        return 0;
    /* "5 May" in English needs the capital; "7 sept" reads as a date */
    size_t last = skip_dot(x, j);
    size_t yi;
    int y = year_after(x, last, &yi);
    if (y)
        last = yi;
    if (d > mdays(y ? y : 2000, m))
        return 0;   /* "31 février": not a date */
    return set_abs(x, r, y, m, d, RC_DATE_DAY, i, last);
}

/* Month first: MONTH[.] DAY[th] [,] [YEAR] ("June 4, 2025"). The day must
 * not be followed by a word that makes it a count. */
static size_t m_month_day(ctx *x, size_t i, rdate *r)
{
    int m = month_of(x, i);
    if (!m)
        return 0;
    size_t j = skip_dot(x, i) + 1;
    if (!same_sent(x, i, j))
        return 0;
    int d = day_num(x, j);
    if (!d)
        return 0;
    size_t last = j, yi;
    int y = year_after(x, j, &yi);
    if (y)
        last = yi;
    if (!y && !(x->lang & L_EN))
        return 0;   /* French writes the day first */
    if (!y && j + 1 < x->nt && same_sent(x, j, j + 1) && (x->d->tokens[j + 1].flags & RC_TOK_WORD) &&
        !(x->d->tokens[j + 1].flags & RC_TOK_STOP) && K(x, j + 1) == W_NONE)
        return 0;   /* "May 3 soldiers" */
    if (d > mdays(y ? y : 2000, m))
        return 0;
    return set_abs(x, r, y, m, d, RC_DATE_DAY, i, last);
}

/* Month and year: MONTH[.] [de|of] YEAR ("juin 2025", "August 2024"). */
static size_t m_month_year(ctx *x, size_t i, rdate *r)
{
    int m = month_of(x, i);
    if (!m)
        return 0;
    size_t j = skip_dot(x, i);
    if (K(x, j + 1) == W_OF && same_sent(x, i, j + 1) && year_num(x, j + 2))
        j++;
    size_t yi;
    int y = year_after(x, j, &yi);
    if (!y)
        return 0;
    return set_abs(x, r, y, m, 0, RC_DATE_MONTH, i, yi);
}

/* A month alone in a date context: after a preposition, a part word, "mois
 * de", "last/next"; or followed by "dernier/prochain". The year comes from
 * the anchor. */
static size_t m_month_alone(ctx *x, size_t i, int ctx_before, rdate *r)
{
    int m = month_of(x, i);
    if (!m || (FL(x, i) & F_WEAKER) || C(x, i)->lower)
        return 0;
    size_t last = skip_dot(x, i);
    int dir = 0;
    if (K(x, last + 1) == W_DIR && same_sent(x, i, last + 1) && (x->lang & L_FR)) {
        dir = V(x, last + 1);
        last++;
    }
    if (!ctx_before && !dir)
        return 0;
    r->kind = R_ABS;
    r->y = 0; r->m = m; r->d = 0;
    r->dir = dir;
    r->gran = RC_DATE_MONTH;
    r->s = TS(x, i); r->e = TE(x, last);
    return last - i + 1;
}

/* A relative unit after "ce/cette/this" or "last/next" (English order):
 * "cette année", "ce mois-ci", "this week", "last year", "next month". */
static size_t m_this_unit(ctx *x, size_t i, rdate *r)
{
    int k = K(x, i);
    if (k != W_THIS && !(k == W_DIR && (x->lang & L_EN)))
        return 0;
    size_t j = i + 1;
    if (K(x, j) != W_UNIT || !same_sent(x, i, j))
        return 0;
    int unit = V(x, j);
    if (unit == 4)
        return 0;   /* "ce jour": narrative */
    if (k == W_DIR && !is_key(x, i, "last") && !is_key(x, i, "next"))
        return 0;
    if (is_key(x, j, "ans") || is_key(x, j, "annees") || is_key(x, j, "years") ||
        is_key(x, j, "months") || is_key(x, j, "weeks") || is_key(x, j, "semaines"))
        return 0;   /* plurals are durations */
    size_t last = j;
    if (k == W_THIS && is_punct(x, j + 1, '-') && is_key(x, j + 2, "ci"))
        last = j + 2;
    r->kind = R_REL;
    r->unit = unit;
    r->off = k == W_THIS ? 0 : V(x, i);
    r->gran = unit == 1 ? RC_DATE_YEAR : unit == 2 ? RC_DATE_MONTH : RC_DATE_DAY;
    r->s = TS(x, i); r->e = TE(x, last);
    return last - i + 1;
}

/* French: [l'|le|la] UNIT dernier|prochain|passé ("l'an dernier", "la
 * semaine dernière"). */
static size_t m_unit_dir(ctx *x, size_t i, rdate *r)
{
    size_t j = i;
    if (K(x, j) == W_ART)
        j++;
    if (K(x, j) != W_UNIT || K(x, j + 1) != W_DIR || !same_sent(x, i, j + 1) ||
        !(C(x, j)->w->lang & L_FR))
        return 0;
    int unit = V(x, j);
    if (unit == 4 || (FL(x, j) & F_CI))
        return 0;
    if (is_key(x, j, "ans") || is_key(x, j, "annees") || is_key(x, j, "semaines") ||
        is_key(x, j, "jours"))
        return 0;   /* "les deux dernières années": a span */
    r->kind = R_REL;
    r->unit = unit;
    r->off = V(x, j + 1);
    r->gran = unit == 1 ? RC_DATE_YEAR : unit == 2 ? RC_DATE_MONTH : RC_DATE_DAY;
    r->s = TS(x, i); r->e = TE(x, j + 1);
    return j + 1 - i + 1;
}

/* "il y a N UNIT" (fr) and "N UNIT ago" (en). */
static size_t m_ago(ctx *x, size_t i, rdate *r)
{
    size_t j, last;
    int n, unit;
    if ((x->lang & L_FR) && is_key(x, i, "il") && is_key(x, i + 1, "y") && is_key(x, i + 2, "a")) {
        j = i + 3;
        n = count_of(x, j);
        if (!n || K(x, j + 1) != W_UNIT || !same_sent(x, i, j + 1))
            return 0;
        unit = V(x, j + 1);
        last = j + 1;
    } else if (x->lang & L_EN) {
        n = count_of(x, i);
        if (!n || K(x, i + 1) != W_UNIT || K(x, i + 2) != W_AGO || !same_sent(x, i, i + 2))
            return 0;
        unit = V(x, i + 1);
        last = i + 2;
    } else {
        return 0;
    }
    if (FL(x, last - (K(x, last) == W_AGO)) & F_CI)
        return 0;
    r->kind = R_REL;
    r->unit = unit;
    r->off = -n;
    r->gran = unit == 1 ? RC_DATE_YEAR : unit == 2 ? RC_DATE_MONTH : RC_DATE_DAY;
    r->s = TS(x, i); r->e = TE(x, last);
    return last - i + 1;
}

/* Seasons: [l'] SEASON [de|of] YEAR -> the year; "cet été", "this summer"
 * -> the anchor's year; "l'été dernier", "last summer" -> relative. */
static size_t m_season(ctx *x, size_t i, rdate *r)
{
    size_t j = i;
    int dir = 0, rel = 0;
    if (K(x, j) == W_THIS || (K(x, j) == W_DIR && (x->lang & L_EN) &&
                              (is_key(x, j, "last") || is_key(x, j, "next")))) {
        dir = K(x, j) == W_THIS ? 0 : V(x, j);
        rel = 1;
        j++;
    } else if (K(x, j) == W_ART) {
        j++;
    }
    if (K(x, j) != W_SEASON || !same_sent(x, i, j))
        return 0;
    int season = V(x, j);
    size_t last = j, yi;
    int y = 0;
    if (!rel) {
        size_t k = j;
        if (K(x, k + 1) == W_OF && year_num(x, k + 2))
            k++;
        y = year_after(x, k, &yi);
        if (y) {
            last = yi;
        } else if (K(x, j + 1) == W_DIR && (x->lang & L_FR) && same_sent(x, j, j + 1)) {
            dir = V(x, j + 1);
            rel = 1;
            last = j + 1;
        } else {
            return 0;
        }
    }
    size_t first = K(x, i) == W_ART ? j : i;
    r->kind = R_SEASON;
    r->y = y;
    r->m = season;
    r->dir = rel ? (dir ? dir : 2) : 0;
    r->gran = RC_DATE_YEAR;
    r->s = TS(x, first); r->e = TE(x, last);
    return last - i + 1;
}

/* A year after a context word (checked by the caller), or "l'année 2024",
 * "the year 2024" (UNIT year then YEAR). */
static size_t m_year(ctx *x, size_t i, rdate *r)
{
    int y = year_num(x, i);
    if (!y || is_punct(x, i + 1, '%'))
        return 0;
    if (i + 1 < x->nt && same_sent(x, i, i + 1) && (x->d->tokens[i + 1].flags & RC_TOK_NUM))
        return 0;   /* "2024 2 000" */
    if (i > 0 && (is_key(x, i - 1, "entre") || is_key(x, i - 1, "between") ||
                  is_key(x, i - 1, "from"))) {
        /* "entre 2000 et 3000 soldats": a range of years needs two years */
        if (!(is_key(x, i + 1, "et") || is_key(x, i + 1, "and") || is_key(x, i + 1, "a") ||
              is_key(x, i + 1, "to") || is_punct(x, i + 1, '-')) || !year_num(x, i + 2) ||
            year_num(x, i + 2) <= y)
            return 0;
    }
    return set_abs(x, r, y, 0, 0, RC_DATE_YEAR, i, i);
}

/* "mi-2024", "mid-2024", "mi-juin", "mid-June" in one token. */
static size_t m_mid_token(ctx *x, size_t i, rdate *r)
{
    const cls *c = C(x, i);
    size_t p;
    if ((x->lang & L_FR) && c->klen > 3 && memcmp(c->key, "mi-", 3) == 0)
        p = 3;
    else if ((x->lang & L_EN) && c->klen > 4 && memcmp(c->key, "mid-", 4) == 0)
        p = 4;
    else
        return 0;
    const char *rest = c->key + p;
    size_t rl = c->klen - p;
    if (rl == 4 && rest[0] >= '1' && rest[0] <= '2') {
        int y = 0;
        for (size_t k = 0; k < 4; k++) {
            if (rest[k] < '0' || rest[k] > '9')
                return 0;
            y = y * 10 + (rest[k] - '0');
        }
        return set_abs(x, r, y, 0, 0, RC_DATE_YEAR, i, i);
    }
    const word *w = lookup(rest, rl, x->lang);
    if (!w || w->kind != W_MONTH || (w->flags & F_WEAKER))
        return 0;
    r->kind = R_ABS; r->y = 0; r->m = w->val; r->d = 0;
    r->gran = RC_DATE_MONTH;
    size_t last = i, yi;
    int y = year_after(x, i, &yi);
    if (y) {
        r->y = y;
        last = yi;
    }
    r->s = TS(x, i); r->e = TE(x, last);
    return last - i + 1;
}

/* Weekday expressions at i: WEEKDAY [,] [le|the] DAY MONTH [YEAR] and
 * WEEKDAY [,] MONTH DAY [YEAR] (the weekday joins the date); otherwise a
 * weekday alone, with "dernier/prochain" after it or "ce/last/next/this"
 * before it (pre = that word's index, or SIZE_MAX). */
static size_t m_weekday(ctx *x, size_t i, size_t pre, rdate *r)
{
    if (K(x, i) != W_WEEKDAY)
        return 0;
    int wd = V(x, i);
    size_t j = i + 1;
    if (is_punct(x, j, ','))
        j++;
    if (K(x, j) == W_ART)
        j++;
    if (pre == SIZE_MAX && same_sent(x, i, j)) {
        size_t n = m_day_month(x, j, r);
        if (!n)
            n = m_month_day(x, j, r);
        if (n) {
            r->wd = wd;
            r->s = TS(x, i);
            return j - i + n;
        }
    }
    if (is_key(x, i + 1, "gras"))
        return 0;   /* "mardi gras" */
    size_t start = i, last = i;
    int dir = 0;
    if (pre != SIZE_MAX) {
        start = pre;
        if (K(x, pre) == W_THIS && K(x, pre + 1) == W_DIR && V(x, pre + 1) == 2)
            dir = 1;                     /* "this coming Friday" */
        else if (K(x, pre) == W_THIS)
            dir = 2;
        else if (V(x, pre) == 2)
            dir = 1;                     /* "coming Thursday": the next one */
        else
            dir = V(x, pre) * 3;         /* English "last/next Monday": that of the
                                            week before / after the anchor's */
    } else if (K(x, i + 1) == W_DIR && same_sent(x, i, i + 1) && (x->lang & L_FR)) {
        dir = V(x, i + 1);
        last = i + 1;
    }
    r->kind = R_WEEKDAY;
    r->wd = wd;
    r->dir = dir;     /* 0 on or before, -1/1 strictly before/after, 2 this
                         week, -3/3 the week before/after */
    r->gran = RC_DATE_DAY;
    r->s = TS(x, start); r->e = TE(x, last);
    return last - i + 1;
}

/* 1 when token i (just before a year or month) makes it a date: a
 * preposition, "d'ici", "à partir de", or a year just emitted in a range
 * ("de 2019 à 2022"). */
static int date_context(ctx *x, size_t i, const rvec *rv, size_t at)
{
    if (i >= x->nt || !same_sent(x, i, at))
        return 0;
    int k = K(x, i);
    if (k == W_PREP) {
        if (is_key(x, i, "ici"))
            return i > 0 && is_key(x, i - 1, "d'");
        if (is_key(x, i, "au"))
            return 0;   /* "au 17 juin" is caught by the day form */
        return 1;
    }
    if (k == W_PART && !(FL(x, i) & F_NOPART))
        return 1;
    if (k == W_OF && i > 0 && (is_key(x, i - 1, "partir") || K(x, i - 1) == W_PART))
        return 1;   /* "à partir de 2024", "fin de 2024" */
    if ((k == W_OF || k == W_ART) && i > 0 && K(x, i - 1) == W_PART)
        return 1;
    if (k == W_OF && i > 0 && K(x, i - 1) == W_UNIT && V(x, i - 1) == 2)
        return 1;   /* "mois de juin" */
    if (rv->n && (is_key(x, i, "a") || is_key(x, i, "au") || is_key(x, i, "et") ||
                  is_key(x, i, "to") || is_key(x, i, "and") || is_key(x, i, "ou") ||
                  is_key(x, i, "or") || is_punct(x, i, '-'))) {
        const rdate *p = &rv->v[rv->n - 1];
        if (p->kind == R_ABS && p->y && p->e <= TS(x, i) && TS(x, i) - p->e <= 8)
            return 1;
    }
    return 0;
}

/* Extend a match starting at i back over a part word before it ("fin
 * février 2022", "early 2024", "the end of June", "début de l'année 2024"):
 * returns the new start offset. */
static uint32_t part_start(ctx *x, size_t i, uint32_t s)
{
    size_t j = i;
    for (int steps = 0; steps < 3 && j > 0; steps++) {
        size_t p = j - 1;
        if (!same_sent(x, p, i))
            break;
        int k = K(x, p);
        if (k == W_PART) {
            if ((FL(x, p) & F_NOPART) && j == i)
                break;
            return TS(x, p);
        }
        if (k != W_OF && k != W_ART)
            break;
        j = p;
    }
    return s;
}

/* Push r onto rv. */
static void push(rvec *rv, const rdate *r)
{
    if (rv->n == rv->cap) {
        rv->cap = rv->cap ? rv->cap * 2 : 32;
        rv->v = rc_reallocarray(rv->v, rv->cap, sizeof *rv->v);
    }
    rv->v[rv->n++] = *r;
}

/* Try every pattern at token i; returns tokens consumed (0: none). */
static size_t match_at(ctx *x, size_t i, const rvec *rv, rdate *r)
{
    memset(r, 0, sizeof *r);
    r->wd = -1;
    const cls *c = C(x, i);
    size_t n;
    if (c->num) {
        if ((n = m_numeric(x, i, r) ? 1 : 0))
            return n;
        if ((n = m_iso(x, i, r)))
            return n;
        if ((n = m_day_month(x, i, r)))
            return n;
        if ((n = m_ago(x, i, r)))
            return n;
        if (year_num(x, i) && i > 0 &&
            (date_context(x, i - 1, rv, i) ||
             (K(x, i - 1) == W_UNIT && V(x, i - 1) == 1 && same_sent(x, i - 1, i)))) {
            if ((n = m_year(x, i, r))) {
                r->future = is_key(x, i - 1, "ici") || is_key(x, i - 1, "by") ||
                            is_key(x, i - 1, "until") || is_key(x, i - 1, "till") ||
                            is_key(x, i - 1, "jusqu'") || is_key(x, i - 1, "avant") ||
                            is_key(x, i - 1, "before") || is_key(x, i - 1, "vers") ||
                            (i > 1 && is_key(x, i - 2, "jusqu'"));
                if (K(x, i - 1) == W_UNIT)
                    r->s = TS(x, i - 1);
                r->s = part_start(x, i, r->s);
                return n;
            }
        }
        return 0;
    }
    if (!c->w) {
        if (c->klen > 3 && (n = m_mid_token(x, i, r)))
            return n;
        if ((is_key(x, i, "il") || K(x, i + 1) == W_UNIT) && (n = m_ago(x, i, r)))
            return n;
        return 0;
    }
    switch (c->w->kind) {
    case W_MONTH:
        if ((n = m_month_day(x, i, r)) || (n = m_month_year(x, i, r))) {
            r->s = part_start(x, i, r->s);
            return n;
        }
        if (!(FL(x, i) & F_WEAK) || (i > 0 && date_context(x, i - 1, rv, i))) {
            int before = i > 0 && date_context(x, i - 1, rv, i);
            if ((n = m_month_alone(x, i, before, r))) {
                if (!r->dir && (is_key(x, i - 1, "depuis") || is_key(x, i - 1, "since")))
                    r->dir = -2;   /* "depuis septembre": on or before the anchor */
                r->s = part_start(x, i, r->s);
                return n;
            }
        }
        return 0;
    case W_WEEKDAY:
        return m_weekday(x, i, SIZE_MAX, r);
    case W_THIS:
    case W_DIR:
        if ((n = m_this_unit(x, i, r)) || (n = m_season(x, i, r)))
            return n;
        if (c->w->kind == W_THIS && month_of(x, i + 1) && same_sent(x, i, i + 1) &&
            (n = m_month_alone(x, i + 1, 1, r))) {
            r->s = TS(x, i);
            r->dir = 0;
            return n + 1;
        }
        if (K(x, i + 1) == W_WEEKDAY && same_sent(x, i, i + 1) &&
            (c->w->kind == W_THIS || (x->lang & L_EN)) &&
            (n = m_weekday(x, i + 1, i, r)))
            return n + 1;
        if (c->w->kind == W_THIS && K(x, i + 1) == W_DIR && V(x, i + 1) == 2 &&
            K(x, i + 2) == W_WEEKDAY && same_sent(x, i, i + 2) &&
            (n = m_weekday(x, i + 2, i, r)))
            return n + 2;
        return 0;
    case W_ART:
        if ((n = m_unit_dir(x, i, r)) || (n = m_season(x, i, r)))
            return n;
        return 0;
    case W_UNIT:
        if ((n = m_unit_dir(x, i, r)))
            return n;
        return 0;
    case W_SEASON:
        if ((n = m_season(x, i, r))) {
            r->s = part_start(x, i, r->s);
            return n;
        }
        return 0;
    case W_RELDAY:
        r->kind = R_RELDAY;
        r->off = c->w->val;
        r->gran = RC_DATE_DAY;
        r->s = TS(x, i); r->e = TE(x, i);
        return 1;
    default:
        return 0;
    }
}

/* ---- resolution ------------------------------------------------------- */

/* Parse an anchor; see dates.h. */
int rc_dates_parse_anchor(const char *s, int *y, int *m, int *d)
{
    *y = *m = *d = 0;
    if (!s)
        return 0;
    int v[3] = {0, 0, 0}, n = 0;
    size_t i = 0, len = strlen(s);
    while (n < 3) {
        int cnt;
        long val = rc_date_digits(s, len, &i, &cnt);
        if (cnt != (n == 0 ? 4 : 2))
            break;
        v[n++] = (int)val;
        if (i < len && s[i] == '-' && n < 3)
            i++;
        else
            break;
    }
    if (n == 0 || v[0] < 1)
        return 0;
    if (n >= 2 && (v[1] < 1 || v[1] > 12))
        n = 1;
    if (n == 3 && rc_weekday(v[0], v[1], v[2]) < 0)
        n = 2;
    *y = v[0];
    *m = n >= 2 ? v[1] : 0;
    *d = n >= 3 ? v[2] : 0;
    return n;
}

/* Put digits of v (width w, zero-padded) at out. */
static void put_num(char *out, int v, int w)
{
    for (int k = w - 1; k >= 0; k--) {
        out[k] = (char)('0' + v % 10);
        v /= 10;
    }
}

/* Format an ISO value: y (0: "XXXX"), m (0: year only), d (0: month). */
static void fmt_value(char out[24], int y, int m, int d)
{
    if (y > 0 && y <= 9999)
        put_num(out, y, 4);
    else
        memcpy(out, "XXXX", 4);
    size_t o = 4;
    if (m) {
        out[o++] = '-';
        put_num(out + o, m, 2);
        o += 2;
        if (d) {
            out[o++] = '-';
            put_num(out + o, d, 2);
            o += 2;
        }
    }
    out[o] = '\0';
}

/* ISO week "YYYY-Www" of day number z into out. */
static void fmt_week(char out[24], long z)
{
    long thu = z - wd_of_days(z) + 3;   /* the Thursday of z's week */
    int y, m, d;
    civil_from_days(thu, &y, &m, &d);
    long jan1 = days_from_civil(y, 1, 1);
    int week = (int)((thu - jan1) / 7 + 1);
    if (y < 1 || y > 9999) {
        out[0] = '\0';
        return;
    }
    put_num(out, y, 4);
    out[4] = '-';
    out[5] = 'W';
    put_num(out + 6, week, 2);
    out[8] = '\0';
}

/* Check a value; see dates.h. */
int rc_dates_value_ok(const char *v, rc_dgran gran)
{
    size_t n = strlen(v);
    int open = n >= 4 && memcmp(v, "XXXX", 4) == 0;
    for (size_t k = 0; k < 4 && !open; k++)
        if (k >= n || v[k] < '0' || v[k] > '9')
            return 0;
    int y = open ? 2000 : (v[0] - '0') * 1000 + (v[1] - '0') * 100 + (v[2] - '0') * 10 + (v[3] - '0');
    if (gran == RC_DATE_YEAR)
        return n == 4 && !open;
    if (n == 8 && v[4] == '-' && v[5] == 'W' && gran == RC_DATE_DAY && !open) {
        if (v[6] < '0' || v[6] > '9' || v[7] < '0' || v[7] > '9')
            return 0;
        int w = (v[6] - '0') * 10 + (v[7] - '0');
        return w >= 1 && w <= 53;
    }
    if (n < 7 || v[4] != '-' || v[5] < '0' || v[5] > '9' || v[6] < '0' || v[6] > '9')
        return 0;
    int m = (v[5] - '0') * 10 + (v[6] - '0');
    if (m < 1 || m > 12)
        return 0;
    if (gran == RC_DATE_MONTH)
        return n == 7;
    if (gran != RC_DATE_DAY || n != 10 || v[7] != '-' || v[8] < '0' || v[8] > '9' || v[9] < '0' ||
        v[9] > '9')
        return 0;
    int d = (v[8] - '0') * 10 + (v[9] - '0');
    return d >= 1 && d <= mdays(y, m);
}

typedef struct anchor {
    int y, m, d;     /* publication date, 0 where unknown */
    int ty;          /* the article's current year judged from its explicit
                        dates when y is unknown, 0 when none */
} anchor;

/* Year for a day/month without one: the anchor's year, the previous year
 * when that puts it more than six months after the anchor; without a
 * publication date, the article's current year ty (0 when none). */
static int infer_year(const anchor *a, int m)
{
    if (a->y) {
        if (a->m && m - a->m > 6)
            return a->y - 1;
        return a->y;
    }
    return a->ty;
}

/* The year nearest the anchor's (else the article's current year), first
 * the same, then the one before, then the one after, in which m/d falls
 * on weekday wd; 0 when none fits. */
static int weekday_year(const anchor *a, int m, int d, int wd)
{
    static const int deltas[] = {0, -1, 1};
    int base = a->y ? a->y : a->ty;
    if (!base)
        return 0;
    for (size_t k = 0; k < 3; k++)
        if (rc_weekday(base + deltas[k], m, d) == wd)
            return base + deltas[k];
    return 0;
}

/* Resolve r into out; returns 1 when a date is emitted. */
static int resolve(const anchor *a, const rdate *r, rc_date *out)
{
    out->start = r->s;
    out->end = r->e;
    out->gran = r->gran;
    int y = r->y, m = r->m, d = r->d;
    long z;
    switch (r->kind) {
    case R_ABS:
        if (y) {
            fmt_value(out->value, y, m, d);
            return 1;
        }
        out->relative = 1;
        if (r->wd >= 0 && d) {
            y = weekday_year(a, m, d, r->wd);
            if (!y && a->y)
                y = infer_year(a, m);
        } else if (r->dir && a->y && a->m) {
            if (r->dir == -2)
                y = m <= a->m ? a->y : a->y - 1;
            else
                y = r->dir < 0 ? (m < a->m ? a->y : a->y - 1) : (m > a->m ? a->y : a->y + 1);
        } else {
            y = infer_year(a, m);
        }
        if (!y)
            out->year_open = 1;
        if (d && d > mdays(y ? y : 2000, m))
            return 0;
        fmt_value(out->value, y, m, d);
        return 1;
    case R_WEEKDAY:
        if (!a->d)
            return 0;
        out->relative = 1;
        z = days_from_civil(a->y, a->m, a->d);
        {
            int awd = wd_of_days(z);
            int back = (awd - r->wd + 7) % 7, fwd = (r->wd - awd + 7) % 7;
            if (r->dir == 0)
                z -= back;
            else if (r->dir == -1)
                z -= back ? back : 7;
            else if (r->dir == 1)
                z += fwd ? fwd : 7;
            else if (r->dir == 2)
                z += r->wd - awd;
            else
                z += r->wd - awd + (r->dir < 0 ? -7 : 7);
        }
        civil_from_days(z, &y, &m, &d);
        fmt_value(out->value, y, m, d);
        return y >= 1 && y <= 9999;
    case R_RELDAY:
        if (!a->d)
            return 0;
        out->relative = 1;
        civil_from_days(days_from_civil(a->y, a->m, a->d) + r->off, &y, &m, &d);
        fmt_value(out->value, y, m, d);
        return y >= 1 && y <= 9999;
    case R_REL:
        out->relative = 1;
        if (r->unit == 1) {
            int base = a->y ? a->y : a->ty;
            if (!base || base + r->off < 1 || base + r->off > 9999)
                return 0;
            fmt_value(out->value, base + r->off, 0, 0);
            return 1;
        }
        if (r->unit == 2) {
            if (!a->m)
                return 0;
            long mm = (long)a->y * 12 + (a->m - 1) + r->off;
            if (mm < 12 || mm >= 120000)
                return 0;
            fmt_value(out->value, (int)(mm / 12), (int)(mm % 12) + 1, 0);
            return 1;
        }
        if (!a->d)
            return 0;
        z = days_from_civil(a->y, a->m, a->d);
        if (r->unit == 3) {
            fmt_week(out->value, z + 7L * r->off);
            return out->value[0] != '\0';
        }
        civil_from_days(z + r->off, &y, &m, &d);
        fmt_value(out->value, y, m, d);
        return y >= 1 && y <= 9999;
    case R_SEASON:
        if (y) {
            fmt_value(out->value, y, 0, 0);
            return 1;
        }
        out->relative = 1;
        y = a->y ? a->y : a->ty;
        if (!y)
            return 0;
        if (r->dir == -1)
            y -= (a->m && a->m > 3 * r->m + 2 && r->m < 4) ? 0 : 1;
        else if (r->dir == 1)
            y += (a->m && a->m < 3 * r->m) ? 0 : 1;
        if (y < 1 || y > 9999)
            return 0;
        fmt_value(out->value, y, 0, 0);
        return 1;
    }
    return 0;
}

/* The current year of an article without a publication date, judged from
 * its explicit dates: the latest year written with a month or day ("avril
 * 2025"); but when a later year is written alone ("en 2024", "mi-2024",
 * "l'été 2024"), as news style does for years other than the current one,
 * the year after it. Years that are targets ("d'ici 2030") do not count.
 * 0 when the text has no explicit year. */
static int current_year(const rvec *rv)
{
    int ym = 0, yy = 0;
    for (size_t k = 0; k < rv->n; k++) {
        const rdate *p = &rv->v[k];
        if (!p->y || p->future || (p->kind != R_ABS && p->kind != R_SEASON))
            continue;
        if (p->kind == R_ABS && p->m) {
            if (p->y > ym)
                ym = p->y;
        } else if (p->y > yy) {
            yy = p->y;
        }
    }
    return yy > ym ? yy + 1 : ym;
}

/* Language mask of d->lang: its table, all tables when unknown, none for
 * a language without one. */
static unsigned lang_mask(const char *lang)
{
    if (!lang)
        return L_FR | L_EN;
    if ((lang[0] | 32) == 'f' && (lang[1] | 32) == 'r' && !lang[2])
        return L_FR;
    if ((lang[0] | 32) == 'e' && (lang[1] | 32) == 'n' && !lang[2])
        return L_EN;
    return 0;
}

/* Find, resolve and add the document's dates; see facts.h and dates.h. */
int rc_extract_dates(rc_doc *d, rc_facts *f)
{
    return rc_extract_dates_anchor(d, f, d ? d->published : NULL);
}

/* The dates of d resolved against anchor; see dates.h. */
int rc_extract_dates_anchor(rc_doc *d, rc_facts *f, const char *anchor_date)
{
    if (!d || !f || !d->text || !d->tokens)
        return RC_OK;
    pthread_once(&g_once, build_hash);
    ctx *x = rc_calloc(1, sizeof *x);
    x->d = d;
    x->nt = d->ntokens;
    x->lang = lang_mask(d->lang);
    rvec rv = {0};
    rdate r;
    for (size_t i = 0; i < x->nt;) {
        size_t n = match_at(x, i, &rv, &r);
        if (n) {
            push(&rv, &r);
            i += n;
        } else {
            i++;
        }
    }
    anchor a;
    rc_dates_parse_anchor(anchor_date, &a.y, &a.m, &a.d);
    a.ty = a.y ? 0 : current_year(&rv);
    for (size_t k = 0; k < rv.n; k++) {
        rc_date tmp;
        memset(&tmp, 0, sizeof tmp);
        if (resolve(&a, &rv.v[k], &tmp))
            *rc_facts_add_date(d, f) = tmp;
    }
    free(rv.v);
    free(x);
    return RC_OK;
}
