/*
 * furniture.c - line signals and vocabulary tables (see furniture.h).
 */
#include "text/furniture.h"
#include "meta/fold.h"
#include <stdint.h>
#include <string.h>

#define KEY_CAP 512
#define SHORT_WORDS 12

enum { M_WHOLE = 1, M_PREFIX = 2, M_ANY = 3 };

/* One vocabulary row: language, folded phrase, kind, how it must match. */
typedef struct vocab_row {
    const char *lang;
    const char *phrase;
    int kind;
    int match;
} vocab_row;

/* Navigation, promotion and donation vocabulary. Phrases are folded (lower
 * case, no accents, straight apostrophes). */
static const vocab_row VOCAB[] = {
    /* French: navigation and page metadata */
    {"fr", "accueil", RC_FURN_NAV, M_WHOLE}, {"fr", "actu", RC_FURN_NAV, M_WHOLE},
    {"fr", "actualites", RC_FURN_NAV, M_WHOLE}, {"fr", "menu", RC_FURN_NAV, M_WHOLE},
    {"fr", "rechercher", RC_FURN_NAV, M_WHOLE}, {"fr", "se connecter", RC_FURN_NAV, M_WHOLE},
    {"fr", "connexion", RC_FURN_NAV, M_WHOLE}, {"fr", "mon compte", RC_FURN_NAV, M_WHOLE},
    {"fr", "retour", RC_FURN_NAV, M_WHOLE}, {"fr", "publie le", RC_FURN_NAV, M_PREFIX},
    {"fr", "mis a jour le", RC_FURN_NAV, M_PREFIX}, {"fr", "temps de lecture", RC_FURN_NAV, M_PREFIX},
    {"fr", "ecouter", RC_FURN_NAV, M_WHOLE}, {"fr", "imprimer", RC_FURN_NAV, M_WHOLE},
    {"fr", "tous droits reserves", RC_FURN_NAV, M_ANY},
    /* French: promotion */
    {"fr", "contenus sponsorises", RC_FURN_PROMO, M_PREFIX},
    {"fr", "contenu sponsorise", RC_FURN_PROMO, M_PREFIX},
    {"fr", "sponsorise", RC_FURN_PROMO, M_WHOLE}, {"fr", "a la une", RC_FURN_PROMO, M_WHOLE},
    {"fr", "les plus lus", RC_FURN_PROMO, M_PREFIX}, {"fr", "les plus partages", RC_FURN_PROMO, M_PREFIX},
    {"fr", "les plus commentes", RC_FURN_PROMO, M_PREFIX}, {"fr", "lire aussi", RC_FURN_PROMO, M_PREFIX},
    {"fr", "a lire aussi", RC_FURN_PROMO, M_PREFIX}, {"fr", "lire la suite", RC_FURN_PROMO, M_PREFIX},
    {"fr", "voir aussi", RC_FURN_PROMO, M_PREFIX}, {"fr", "sur le meme sujet", RC_FURN_PROMO, M_PREFIX},
    {"fr", "dans la meme rubrique", RC_FURN_PROMO, M_PREFIX},
    {"fr", "articles similaires", RC_FURN_PROMO, M_PREFIX}, {"fr", "partager", RC_FURN_PROMO, M_PREFIX},
    {"fr", "partagez", RC_FURN_PROMO, M_PREFIX}, {"fr", "s'abonner", RC_FURN_PROMO, M_PREFIX},
    {"fr", "abonnez-vous", RC_FURN_PROMO, M_PREFIX}, {"fr", "je m'abonne", RC_FURN_PROMO, M_PREFIX},
    {"fr", "newsletter", RC_FURN_PROMO, M_ANY}, {"fr", "inscrivez-vous", RC_FURN_PROMO, M_PREFIX},
    {"fr", "cookies", RC_FURN_PROMO, M_ANY}, {"fr", "publicite", RC_FURN_PROMO, M_WHOLE},
    {"fr", "commentaires", RC_FURN_PROMO, M_WHOLE}, {"fr", "suivez-nous", RC_FURN_PROMO, M_PREFIX},
    {"fr", "telechargez", RC_FURN_PROMO, M_PREFIX}, {"fr", "reagir", RC_FURN_PROMO, M_WHOLE},
    {"fr", "copier le lien", RC_FURN_PROMO, M_WHOLE}, {"fr", "en continu", RC_FURN_PROMO, M_WHOLE},
    /* French: donation appeals */
    {"fr", "soutenez", RC_FURN_DONATE, M_PREFIX}, {"fr", "faites un don", RC_FURN_DONATE, M_ANY},
    {"fr", "faire un don", RC_FURN_DONATE, M_ANY}, {"fr", "nous soutenir", RC_FURN_DONATE, M_ANY},
    {"fr", "je soutiens", RC_FURN_DONATE, M_PREFIX}, {"fr", "je fais un don", RC_FURN_DONATE, M_PREFIX},
    /* English: navigation and page metadata */
    {"en", "home", RC_FURN_NAV, M_WHOLE}, {"en", "menu", RC_FURN_NAV, M_WHOLE},
    {"en", "search", RC_FURN_NAV, M_WHOLE}, {"en", "sign in", RC_FURN_NAV, M_WHOLE},
    {"en", "log in", RC_FURN_NAV, M_WHOLE}, {"en", "my account", RC_FURN_NAV, M_WHOLE},
    {"en", "skip to content", RC_FURN_NAV, M_PREFIX}, {"en", "back to top", RC_FURN_NAV, M_WHOLE},
    {"en", "published", RC_FURN_NAV, M_PREFIX}, {"en", "updated", RC_FURN_NAV, M_PREFIX},
    {"en", "listen", RC_FURN_NAV, M_WHOLE}, {"en", "print", RC_FURN_NAV, M_WHOLE},
    {"en", "all rights reserved", RC_FURN_NAV, M_ANY},
    /* English: promotion */
    {"en", "sponsored", RC_FURN_PROMO, M_PREFIX}, {"en", "most read", RC_FURN_PROMO, M_PREFIX},
    {"en", "most popular", RC_FURN_PROMO, M_PREFIX}, {"en", "top stories", RC_FURN_PROMO, M_PREFIX},
    {"en", "trending", RC_FURN_PROMO, M_WHOLE}, {"en", "read more", RC_FURN_PROMO, M_PREFIX},
    {"en", "read also", RC_FURN_PROMO, M_PREFIX}, {"en", "see also", RC_FURN_PROMO, M_PREFIX},
    {"en", "related", RC_FURN_PROMO, M_PREFIX}, {"en", "recommended", RC_FURN_PROMO, M_PREFIX},
    {"en", "you may also like", RC_FURN_PROMO, M_PREFIX}, {"en", "more from", RC_FURN_PROMO, M_PREFIX},
    {"en", "share", RC_FURN_PROMO, M_PREFIX}, {"en", "subscribe", RC_FURN_PROMO, M_PREFIX},
    {"en", "sign up", RC_FURN_PROMO, M_PREFIX}, {"en", "newsletter", RC_FURN_PROMO, M_ANY},
    {"en", "cookies", RC_FURN_PROMO, M_ANY}, {"en", "advertisement", RC_FURN_PROMO, M_WHOLE},
    {"en", "comments", RC_FURN_PROMO, M_WHOLE}, {"en", "follow us", RC_FURN_PROMO, M_PREFIX},
    {"en", "copy link", RC_FURN_PROMO, M_WHOLE},
    /* English: donation appeals */
    {"en", "support", RC_FURN_DONATE, M_PREFIX}, {"en", "support our", RC_FURN_DONATE, M_ANY},
    {"en", "support us", RC_FURN_DONATE, M_ANY}, {"en", "donate", RC_FURN_DONATE, M_ANY},
    {"en", "make a donation", RC_FURN_DONATE, M_ANY}, {"en", "become a member", RC_FURN_DONATE, M_ANY},
    {"en", "become a supporter", RC_FURN_DONATE, M_ANY},
};

/* Section words a breadcrumb trail is made of (folded), per language. */
static const char *const NAV_WORDS[] = {
    /* fr */ "accueil", "actu", "actus", "actualite", "actualites", "monde", "international",
    "france", "politique", "economie", "societe", "culture", "sport", "sports", "sciences",
    "sante", "planete", "faits-divers", "regions", "europe", "afrique", "asie", "ameriques",
    "moyen-orient", "opinions", "idees", "info", "infos", "environnement", "justice",
    /* en */ "home", "news", "world", "politics", "business", "opinion", "science", "health",
    "tech", "technology", "asia", "africa", "americas", "uk", "us", "environment", "latest",
    "local", "national",
};

/* Words by which a text speaks to its reader or as the outlet (folded). */
static const char *const ADDRESS_WORDS[] = {
    "vous", "votre", "vos", "nous", "notre", "nos", "you", "your", "we", "our", "us",
};

/* Appeal vocabulary of donation and self-promotion blocks (folded). */
static const char *const APPEAL_WORDS[] = {
    "soutien", "soutenir", "soutenez", "don", "dons", "abonnement", "abonnez", "journalisme",
    "independant", "independante", "media", "aider", "informes", "lecteurs", "gratuit",
    "support", "donation", "donate", "subscription", "subscribe", "journalism", "independent",
    "help", "readers", "informed", "free", "membership", "inbox", "briefing", "funded",
    "finance", "supporter", "supporters", "member", "members", "abonnes", "lettre", "email",
    "e-mail", "quotidienne",
};

/* Sentence-final mark. */
static int final_mark(int32_t cp)
{
    return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026 || cp == 0x3002 || cp == 0xFF01 ||
           cp == 0xFF1F || cp == 0xFF0E;
}

/* Closing quote or bracket that may follow a final mark. */
static int closer(int32_t cp)
{
    return cp == ')' || cp == ']' || cp == '"' || cp == '\'' || cp == 0xBB || cp == 0x201D ||
           cp == 0x2019 || cp == 0x203A;
}

/* Character classes used by rc_line_facts_get. */
enum {
    K_SP = 1,       /* white space (rc_uc_is_space) */
    K_WORD = 2,     /* letter or digit */
    K_UP = 4,       /* upper-case letter */
    K_DIG = 8,      /* decimal digit */
    K_FIN = 16,     /* final_mark */
    K_CLO = 32,     /* closer */
    K_PUN = 64,     /* counts for rc_line_facts.punct */
    K_SEP = 128,    /* breadcrumb separator (» only after a space: not here) */
    K_JOIN = 256,   /* ' ’ - : keep a word open */
    K_OPENQ = 512   /* « " “ : open a sentence after a break */
};

/* The classes of code point cp (any, including ASCII). */
static unsigned cp_class(int32_t cp)
{
    unsigned k = 0;
    if (rc_uc_is_space(cp))
        k |= K_SP;
    if (rc_uc_is_letter(cp) || rc_uc_is_digit(cp))
        k |= K_WORD;
    if (rc_uc_is_upper(cp))
        k |= K_UP;
    if (rc_uc_is_digit(cp))
        k |= K_DIG;
    if (final_mark(cp))
        k |= K_FIN;
    if (closer(cp))
        k |= K_CLO;
    if (cp == ',' || cp == ';' || cp == ':' || cp == '.' || cp == '!' || cp == '?' ||
        cp == 0xAB || cp == 0xBB || cp == '"' || cp == '(' || cp == 0x201C)
        k |= K_PUN;
    if (cp == '>' || cp == 0x203A || cp == '/' || cp == '|' || cp == 0xB7 || cp == 0x2022)
        k |= K_SEP;
    if (cp == '\'' || cp == 0x2019 || cp == '-')
        k |= K_JOIN;
    if (cp == 0xAB || cp == '"' || cp == 0x201C)
        k |= K_OPENQ;
    return k;
}

/* The classes of the code points below U+0800 (ASCII, Latin, Greek,
 * Cyrillic...: the one- and two-byte UTF-8 sequences), filled on first use
 * (the process is single-threaded where this runs; filling twice would
 * write the same values anyway). */
#define CLASS_TABLE 0x800
static unsigned short cp_table[CLASS_TABLE];
static int cp_table_ready;

/* Fill cp_table once. */
static void cp_table_init(void)
{
    if (cp_table_ready)
        return;
    for (int32_t c = 0; c < CLASS_TABLE; c++)
        cp_table[c] = (unsigned short)cp_class(c);
    cp_table_ready = 1;
}

/* End of the run of lower-case ASCII letters of s[n] that starts at r
 * (r itself when s[r] is not one). Eight bytes at a time on little-endian
 * machines: per byte b (high bit cleared first, so no carry crosses
 * bytes), b + 0x1F has its high bit set when b >= 'a', b + 0x05 when
 * b > 'z'. */
static inline size_t lower_run_end(const char *s, size_t n, size_t r)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    while (r + 8 <= n) {
        uint64_t w;
        memcpy(&w, s + r, 8);
        uint64_t low7 = w & ~highs;
        uint64_t other = (w | ~(low7 + ones * 0x1F) | (low7 + ones * 0x05)) & highs;
        if (other)
            return r + (size_t)(__builtin_ctzll(other) >> 3);
        r += 8;
    }
#endif
    while (r < n && s[r] >= 'a' && s[r] <= 'z')
        r++;
    return r;
}

static void facts_scan(const char *s, size_t n, unsigned max_words, rc_line_facts *f);

/* Facts of one line; see furniture.h. A sentence break inside is a final
 * mark, optional closers, spaces, then a capital; a mark after a word of at
 * most two letters that starts with a capital ("M.", "Dr.", "J.") is an
 * abbreviation, not a break. One pass; code points below U+0800 are
 * classified by a table, others by cp_class; plain spaces and lower-case
 * ASCII runs outside a sentence break (most of a line) take a short path
 * that only updates what they can change. */
void rc_line_facts_get(const char *s, size_t n, rc_line_facts *f)
{
    facts_scan(s, n, 100000, f);
}

/* Facts of a line, stopping after SHORT_WORDS + 1 words; see furniture.h. */
void rc_line_facts_short(const char *s, size_t n, rc_line_facts *f)
{
    facts_scan(s, n, SHORT_WORDS, f);
}

/* The scan of rc_line_facts_get; it stops as soon as the line has more
 * than max_words words (never when max_words >= 100000, the cap of
 * words), with sent_end 0 and the other fields counted up to there. */
static void facts_scan(const char *s, size_t n, unsigned max_words, rc_line_facts *f)
{
    memset(f, 0, sizeof *f);
    cp_table_init();
    int inword = 0, state = 0;
    unsigned wlen = 0;
    int wcap = 0;
    int32_t prev = ' ', last_nc = 0, last_real = 0;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        unsigned k;
        unsigned char c = (unsigned char)s[i];
        if (state == 0 && c == ' ') {
            /* a plain space outside a sentence break only ends a word */
            inword = 0;
            prev = ' ';
            i++;
            continue;
        }
        if (state == 0 && c >= 'a' && c <= 'z') {
            /* a lower-case ASCII run: at most one word starts (not
             * capitalised, not a digit), no mark, state stays 0 */
            size_t r = lower_run_end(s, n, i + 1);
            if (!inword) {
                if (f->words < 100000)
                    f->words++;
                if (f->words > max_words)
                    return; /* sent_end stays 0 */
                wcap = 0;
                wlen = 0;
                inword = 1;
            }
            size_t run = r - i;
            wlen = wlen + run < 1000 ? wlen + (unsigned)run : 1000;
            last_real = last_nc = prev = (unsigned char)s[r - 1];
            i = r;
            continue;
        }
        if (c < 0x80) {
            cp = c;
            k = cp_table[c];
            i++;
        } else {
            i += rc_utf8_decode(s, n, i, &cp);
            k = cp >= 0 && cp < CLASS_TABLE ? cp_table[cp] : cp_class(cp);
        }
        int sp = (k & K_SP) != 0;
        if (state == 2 && !sp) {
            if (k & (K_UP | K_OPENQ))
                f->sent_inside = 1;
            state = 0;
        } else if (state == 1) {
            if (sp)
                state = 2;
            else if (!(k & K_CLO))
                state = 0;
        }
        if (k & K_WORD) {
            if (!inword) {
                if (f->words < 100000)
                    f->words++;
                if (f->words > max_words)
                    return; /* sent_end stays 0 */
                wcap = (k & K_UP) != 0;
                wlen = 0;
                if (wcap)
                    f->cap_words++;
                if (k & K_DIG)
                    f->digits++;
            }
            inword = 1;
            if (wlen < 1000)
                wlen++;
        } else if (sp || !(k & K_JOIN)) {
            inword = 0;
        }
        if ((k & K_FIN) && state == 0 && !(cp == '.' && wcap && wlen <= 2 && prev != ' '))
            state = 1;
        if (k & K_PUN)
            f->punct = 1;
        if ((k & K_SEP) || (cp == 0xBB && prev == ' '))
            f->seps = 1;
        if (!sp) {
            last_real = cp;
            if (!(k & K_CLO))
                last_nc = cp;
        }
        prev = cp;
    }
    f->sent_end = final_mark(last_nc) && (final_mark(last_real) || closer(last_real));
}

/* Few words and no sentence punctuation. */
int rc_line_short(const rc_line_facts *f)
{
    return f->words > 0 && f->words <= SHORT_WORDS && !f->sent_end && !f->sent_inside;
}

/* Strip non-word bytes (ASCII punctuation, quotes) from both ends of a key. */
static void key_trim(const char *k, size_t *s, size_t *e)
{
    while (*s < *e && !((k[*s] >= 'a' && k[*s] <= 'z') || (k[*s] >= '0' && k[*s] <= '9') ||
                        (unsigned char)k[*s] >= 0x80))
        (*s)++;
    while (*e > *s && !((k[*e - 1] >= 'a' && k[*e - 1] <= 'z') ||
                        (k[*e - 1] >= '0' && k[*e - 1] <= '9') ||
                        (unsigned char)k[*e - 1] >= 0x80))
        (*e)--;
}

/* Vocabulary kind of s[n] whose facts are f (NULL: computed here);
 * relaxed: prefix and inner phrases also match lines with sentence
 * punctuation of up to 25 words. */
static int vocab_kind(const char *s, size_t n, int relaxed, const rc_line_facts *f);

/* Vocabulary kind of a line; see furniture.h. */
int rc_furniture_vocab(const char *s, size_t n)
{
    return vocab_kind(s, n, 0, NULL);
}

/* Vocabulary kind of a line with known facts; see furniture.h. */
int rc_furniture_vocab_f(const char *s, size_t n, const rc_line_facts *f)
{
    return vocab_kind(s, n, 0, f);
}

/* Lengths of the VOCAB phrases, filled on first use. */
static size_t vocab_len[sizeof VOCAB / sizeof *VOCAB];
static int vocab_len_ready;

/* See the declaration above. */
static int vocab_kind(const char *s, size_t n, int relaxed, const rc_line_facts *fk)
{
    rc_line_facts f;
    char key[KEY_CAP];
    if (!s || n == 0 || n > 300) /* vocabulary lines are short: skip paragraphs cheaply */
        return RC_FURN_NONE;
    if (fk)
        f = *fk;
    else
        rc_line_facts_get(s, n, &f);
    if (f.words == 0 || f.words > 20)
        return RC_FURN_NONE;
    if (!vocab_len_ready) {
        for (size_t i = 0; i < sizeof VOCAB / sizeof *VOCAB; i++)
            vocab_len[i] = strlen(VOCAB[i].phrase);
        vocab_len_ready = 1;
    }
    size_t kl = rc_fold_key(s, n, key, sizeof key);
    size_t ks = 0, ke = kl;
    key_trim(key, &ks, &ke);
    const char *k = key + ks;
    size_t kn = ke - ks;
    int loose = relaxed ? f.words <= 25 : !f.sent_end && f.words <= SHORT_WORDS;
    int best = RC_FURN_NONE;
    for (size_t i = 0; i < sizeof VOCAB / sizeof *VOCAB; i++) {
        const vocab_row *r = &VOCAB[i];
        if (r->kind <= best)
            continue; /* cannot raise the result */
        size_t pl = vocab_len[i];
        int hit = 0;
        if (r->match == M_WHOLE)
            hit = kn == pl && memcmp(k, r->phrase, pl) == 0;
        else if (r->match == M_PREFIX)
            hit = (kn == pl && memcmp(k, r->phrase, pl) == 0) ||
                  (loose && kn > 0 && k[0] == r->phrase[0] && rc_key_starts_n(k, kn, r->phrase, pl));
        else
            hit = loose && rc_key_has_n(k, kn, r->phrase, pl, NULL);
        if (hit)
            best = r->kind;
    }
    return best;
}

/* 1 when the NUL-terminated e equals w[n] (w need not be terminated). */
static int word_eq(const char *e, const char *w, size_t n)
{
    size_t j = 0;
    while (j < n && e[j] && e[j] == w[j])
        j++;
    return j == n && e[n] == '\0';
}

/* 1 when folded word w[n] is in list. */
static int in_list(const char *w, size_t n, const char *const *list, size_t count)
{
    if (n == 0)
        return 0;
    for (size_t i = 0; i < count; i++)
        if (list[i][0] == w[0] && word_eq(list[i], w, n))
            return 1;
    return 0;
}

/* A word list indexed by first byte: bit i of first[c] is set when entry
 * i (of at most 64) starts with byte c. */
typedef struct word_index {
    const char *const *list;
    size_t count;
    uint64_t first[256];
} word_index;

/* Index list[count] (count <= 64) into x. */
static void word_index_init(word_index *x, const char *const *list, size_t count)
{
    x->list = list;
    x->count = count;
    memset(x->first, 0, sizeof x->first);
    for (size_t i = 0; i < count && i < 64; i++)
        x->first[(unsigned char)list[i][0]] |= 1ULL << i;
}

/* in_list through an index: the same answer, only the entries with w's
 * first byte compared. */
static int in_index(const char *w, size_t n, const word_index *x)
{
    if (n == 0)
        return 0;
    for (uint64_t m = x->first[(unsigned char)w[0]]; m; m &= m - 1)
        if (word_eq(x->list[__builtin_ctzll(m)], w, n))
            return 1;
    return 0;
}

#define NADDRESS (sizeof ADDRESS_WORDS / sizeof *ADDRESS_WORDS)
#define NAPPEAL (sizeof APPEAL_WORDS / sizeof *APPEAL_WORDS)
_Static_assert(NADDRESS <= 64 && NAPPEAL <= 64, "word_index holds at most 64 entries");

/* Indexes of ADDRESS_WORDS and APPEAL_WORDS, filled on first use
 * (single-threaded; a second fill writes the same values). */
static word_index address_index, appeal_index;
static int word_index_ready;

/* Fill address_index and appeal_index once. */
static void word_indexes_init(void)
{
    if (word_index_ready)
        return;
    word_index_init(&address_index, ADDRESS_WORDS, NADDRESS);
    word_index_init(&appeal_index, APPEAL_WORDS, NAPPEAL);
    word_index_ready = 1;
}

/* Folded key of word s[n] (n <= 40: at most 63 bytes result) into k[64],
 * as rc_fold_key(s, n, k, 64) writes it; *hyphen receives the offset of
 * the first '-' in the key or -1. A word of ASCII bytes folds to its
 * lower-case copy (it holds no spaces: rc_word_next words are letters,
 * digits and joiners), others go through rc_fold_key. */
static size_t fold_word64(const char *s, size_t n, char k[64], long *hyphen)
{
    size_t j = 0;
    *hyphen = -1;
    for (; j < n; j++) {
        unsigned char c = (unsigned char)s[j];
        if (c >= 0x80)
            break;
        if (c == '-' && *hyphen < 0)
            *hyphen = (long)j;
        k[j] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    if (j == n) {
        k[n] = '\0';
        return n;
    }
    size_t kl = rc_fold_key(s, n, k, 64);
    const char *h = memchr(k, '-', kl);
    *hyphen = h ? (long)(h - k) : -1;
    return kl;
}

/* Breadcrumb shape; see furniture.h. */
int rc_furniture_breadcrumb(const char *s, size_t n)
{
    rc_line_facts f;
    if (!s || n == 0 || n > 160)
        return 0;
    rc_line_facts_get(s, n, &f);
    if (f.words == 0 || f.words > 8 || f.sent_end || f.sent_inside || f.digits)
        return 0;
    /* every word capitalised, no sentence punctuation other than separators */
    int nav = 0;
    size_t i = 0, ws, we;
    while (rc_word_next(s, n, &i, &ws, &we)) {
        int32_t cp;
        rc_utf8_next(s, n, ws, &cp);
        if (!rc_uc_is_upper(cp))
            return 0;
        char k[48];
        size_t kl = rc_fold_key(s + ws, we - ws, k, sizeof k);
        if (in_list(k, kl, NAV_WORDS, sizeof NAV_WORDS / sizeof *NAV_WORDS))
            nav = 1;
    }
    for (size_t j = 0; j < n; j++)
        if (s[j] == ',' || s[j] == ';' || s[j] == ':' || s[j] == '"' || s[j] == '(' ||
            s[j] == '.' || s[j] == '!' || s[j] == '?')
            return 0;
    return nav || f.seps ? 2 : 1;
}

/* Promotional line of a tail block; see furniture.h. */
int rc_furniture_promotional(const char *s, size_t n, const char *outlet)
{
    return rc_furniture_promotional_f(s, n, outlet, NULL);
}

/* Promotional line with known facts; see furniture.h. The counts only
 * grow, so the word scan stops as soon as the answer is yes. */
int rc_furniture_promotional_f(const char *s, size_t n, const char *outlet,
                               const rc_line_facts *fk)
{
    rc_line_facts f;
    if (!s || n == 0)
        return 1;
    size_t look = n < 4096 ? n : 4096;
    if (fk)
        f = *fk;
    else
        rc_line_facts_get(s, look, &f);
    if (rc_line_short(&f) || vocab_kind(s, n, 1, n <= 300 ? &f : NULL) != RC_FURN_NONE)
        return 1;
    if (outlet && *outlet && rc_find(s, n, outlet, strlen(outlet)))
        return 1;
    unsigned addr = 0, appeal = 0;
    size_t i = 0, ws, we;
    word_indexes_init();
    while (rc_word_next(s, n, &i, &ws, &we)) {
        if (we - ws > 40)
            continue;
        char k[64];
        long h;
        size_t kl = fold_word64(s + ws, we - ws, k, &h);
        if (in_index(k, kl, &address_index))
            addr++;
        /* hyphenated imperatives: "pouvez-vous", "aidez-nous" */
        if (h >= 0 && in_index(k + h + 1, kl - (size_t)h - 1, &address_index))
            addr++;
        if (in_index(k, kl, &appeal_index))
            appeal++;
        if (addr >= 2 || (addr >= 1 && appeal >= 1) || appeal >= 3)
            return 1;
    }
    return 0;
}
