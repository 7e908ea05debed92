/*
 * attrib.c - attribution tables (French, English) and the clause analysis
 * over them: verb groups, their speakers, relay phrases, noun phrases.
 */
#include "extract/attrib.h"
#include "meta/credits.h"
#include "util/mem.h"
#include <string.h>
#include <threads.h>

/* One row of a language table: a word or a phrase (words separated by one
 * space, folded: lower case, ASCII apostrophe) and its classes. */
typedef struct rc_aw {
    const char *w;
    uint32_t bits;
} rc_aw;

enum { HSIZE = 4096, MAXROWS = 600 };  /* HSIZE: few probes for the words of no row */
enum { AFBITS = 1 << 14 };             /* filter bits before the table */

struct rc_attrib_lang {
    const char *code;
    const rc_aw *rows;
    size_t nrows;
    const char *const *inv_suffix; /* inverted pronoun suffixes ("-t-il") */
    once_flag once;
    uint16_t slot[HSIZE];          /* row index + 1 of the first row of a first word */
    uint16_t next[MAXROWS];        /* next row with the same first word, + 1 */
    int inv_dash;                  /* every inverted suffix holds a '-' */
    uint8_t filter[AFBITS / 8];    /* bit afilter(w) of every first word */
    uint8_t flen[MAXROWS];         /* first_len of each row (255: longer) */
};

#define V RC_AW_VERB
#define PP RC_AW_VERBPP
#define ANT RC_AW_ANT
#define AUX RC_AW_AUX
#define PRON RC_AW_PRON
#define DET RC_AW_DET
#define DEF (RC_AW_DET | RC_AW_DEFDET)
#define STOP RC_AW_STOP
#define LINK RC_AW_LINK
#define LCAP RC_AW_LINKCAP
#define ADV RC_AW_ADV
#define PREP RC_AW_PREP
#define INTRO RC_AW_INTRO
#define MEDIA RC_AW_MEDIA
#define TO RC_AW_TO
#define COMP RC_AW_COMP
#define RELAY RC_AW_RELAY
#define RV RC_AW_RELAYVERB
#define CLITIC RC_AW_CLITIC
#define CONJ RC_AW_CONJ
#define TITLE RC_AW_TITLE
#define TOLD RC_AW_TOLD
#define NCTX RC_AW_NOUNCTX
#define BE RC_AW_BE
#define WREL (RC_AW_RELAY | RC_AW_WEAKREL)
#define SRCN RC_AW_SRCN
#define RELP RC_AW_RELPRON

static const rc_aw FR_ROWS[] = {
    /* reporting verbs: participles (need an auxiliary) */
    {"déclaré", PP}, {"affirmé", PP}, {"souligné", PP}, {"ajouté", PP}, {"indiqué", PP},
    {"précisé", PP}, {"estimé", PP}, {"assuré", PP}, {"salué", PP}, {"martelé", PP},
    {"reconnu", PP}, {"annoncé", PP}, {"rapporté", PP | RV}, {"expliqué", PP}, {"dit", PP | V},
    {"confié", PP}, {"averti", PP}, {"prévenu", PP}, {"insisté", PP}, {"répondu", PP},
    {"poursuivi", PP}, {"conclu", PP}, {"jugé", PP}, {"décrit", PP | V}, {"écrit", PP | V | RV},
    {"rappelé", PP}, {"dénoncé", PP}, {"observé", PP}, {"lancé", PP}, {"commenté", PP},
    {"relevé", PP}, {"promis", PP}, {"confirmé", PP}, {"démenti", PP}, {"admis", PP},
    {"révélé", PP}, {"déploré", PP}, {"regretté", PP}, {"raconté", PP}, {"témoigné", PP},
    {"résumé", PP}, {"évoqué", PP}, {"qualifié", PP}, {"fait savoir", PP}, {"signalé", PP},
    {"mis en garde", PP}, {"réaffirmé", PP}, {"plaidé", PP}, {"exhorté", PP}, {"accusé", PP},
    {"réagi", PP}, {"tweeté", PP}, {"publié", PP | RV}, {"cité", PP},
    /* reporting verbs: present tense (alone) */
    {"déclare", V}, {"affirme", V}, {"souligne", V}, {"ajoute", V}, {"indique", V},
    {"précise", V}, {"estime", V}, {"assure", V}, {"explique", V}, {"confie", V},
    {"poursuit", V}, {"conclut", V}, {"insiste", V}, {"rappelle", V}, {"martèle", V},
    {"reconnaît", V}, {"annonce", V}, {"rapporte", V | RV}, {"salue", V}, {"avertit", V},
    {"juge", V}, {"dénonce", V}, {"répond", V}, {"raconte", V}, {"résume", V},
    {"déclarent", V}, {"affirment", V}, {"estiment", V}, {"indiquent", V}, {"assurent", V},
    {"déclara", V}, {"affirma", V}, {"ajouta", V},
    /* present participles: the speaker is the main clause's subject */
    {"déclarant", ANT}, {"affirmant", ANT}, {"soulignant", ANT}, {"ajoutant", ANT},
    {"estimant", ANT}, {"précisant", ANT}, {"assurant", ANT}, {"expliquant", ANT},
    {"saluant", ANT}, {"rappelant", ANT}, {"dénonçant", ANT}, {"jugeant", ANT},
    {"insistant", ANT}, {"promettant", ANT}, {"indiquant", ANT}, {"évoquant", ANT},
    /* auxiliaries and main-verb markers */
    {"a", AUX}, {"ont", AUX}, {"avait", AUX}, {"avaient", AUX}, {"aurait", AUX},
    {"auraient", AUX}, {"aura", AUX}, {"est", AUX}, {"sont", AUX}, {"était", AUX},
    {"étaient", AUX}, {"avoir", 0},
    /* pronouns, clitics */
    {"il", PRON}, {"elle", PRON}, {"ils", PRON}, {"elles", PRON}, {"celui-ci", PRON},
    {"celle-ci", PRON}, {"s'", CLITIC}, {"se", CLITIC}, {"n'", CLITIC}, {"ne", CLITIC},
    {"lui", CLITIC}, {"leur", CLITIC | DEF}, {"nous", CLITIC}, {"y", CLITIC}, {"l'", DEF},
    /* determiners */
    {"le", DEF}, {"la", DEF}, {"les", DEF}, {"un", DET | NCTX}, {"une", DET | NCTX},
    {"des", DET | LINK | NCTX}, {"du", DET | LINK | NCTX}, {"ce", DEF}, {"cet", DEF},
    {"cette", DEF | NCTX}, {"ces", DEF | NCTX}, {"son", DEF | NCTX}, {"sa", DEF | NCTX},
    {"ses", DEF | NCTX}, {"leurs", DEF},
    {"plusieurs", DET}, {"certains", DET},
    /* inside noun phrases */
    {"de", LINK}, {"d'", LINK}, {"à", LCAP | PREP | TO}, {"au", LCAP | TO}, {"aux", LCAP | TO},
    {"et", LCAP | CONJ}, {"en", LCAP | PREP},
    /* noun-phrase stoppers */
    {"que", COMP | STOP}, {"qu'", COMP | STOP}, {"qui", STOP | RELP}, {"dont", STOP},
    {"dans", STOP | PREP}, {"sur", STOP | PREP}, {"lors", STOP | PREP},
    {"pendant", STOP | PREP}, {"devant", STOP | PREP}, {"après", STOP | PREP},
    {"avant", STOP | PREP}, {"par", STOP | PREP}, {"avec", STOP | PREP},
    {"sans", STOP | PREP}, {"mais", STOP | CONJ}, {"car", STOP}, {"lorsque", STOP | COMP},
    {"lorsqu'", STOP | COMP}, {"quand", STOP}, {"où", STOP}, {"si", STOP},
    {"ainsi", STOP}, {"notamment", STOP}, {"comme", STOP | PREP}, {"vers", STOP | PREP},
    {"depuis", STOP | PREP}, {"contre", STOP | PREP}, {"entre", STOP | PREP},
    {"chez", STOP | PREP}, {"malgré", STOP | PREP}, {"face", STOP},
    {"parce", STOP}, {"puisque", STOP}, {"tandis", STOP}, {"alors", STOP | ADV},
    {"pour", STOP | PREP | INTRO}, {"sous", STOP | PREP}, {"cependant", STOP | PREP},
    {"dès", STOP | PREP}, {"début", PREP}, {"fin", PREP}, {"mi", PREP},
    /* adverbs between auxiliary and verb or verb and subject */
    {"lundi", ADV | STOP}, {"mardi", ADV | STOP}, {"mercredi", ADV | STOP},
    {"jeudi", ADV | STOP}, {"vendredi", ADV | STOP}, {"samedi", ADV | STOP},
    {"dimanche", ADV | STOP}, {"hier", ADV | STOP}, {"aujourd'hui", ADV | STOP},
    {"ensuite", ADV | STOP}, {"aussi", ADV | STOP}, {"encore", ADV | STOP},
    {"déjà", ADV | STOP}, {"enfin", ADV | STOP}, {"pourtant", ADV | STOP},
    {"toutefois", ADV | STOP}, {"même", ADV}, {"bien", ADV}, {"pas", ADV},
    {"soir", ADV}, {"matin", ADV}, {"ainsi", ADV | STOP}, {"là", ADV},
    /* attribution phrases */
    {"selon", RELAY}, {"d' après", RELAY}, {"cité par", RELAY}, {"citée par", RELAY},
    {"cités par", RELAY}, {"citées par", RELAY}, {"rapporté par", RELAY},
    {"relayé par", RELAY}, {"relayée par", RELAY}, {"repris par", RELAY},
    {"de source", RELAY}, {"de sources", RELAY},
    /* documents relaying a source: kept only when it is named or a source noun */
    {"dépêche de", WREL}, {"dépêche d'", WREL}, {"dépêche du", WREL},
    {"dépêches de", WREL}, {"dépêches d'", WREL}, {"dépêches du", WREL},
    {"communiqué de", WREL}, {"communiqué d'", WREL}, {"communiqué du", WREL},
    {"communiqués de", WREL}, {"communiqués du", WREL}, {"rapport de", WREL},
    {"rapport du", WREL}, {"rapport d'", WREL},
    /* adverbial phrases skipped before an inverted subject */
    {"de son côté", ADV | STOP}, {"de leur côté", ADV | STOP}, {"pour sa part", ADV | STOP},
    {"pour leur part", ADV | STOP}, {"à son tour", ADV | STOP}, {"à leur tour", ADV | STOP},
    {"quant à lui", ADV | STOP}, {"quant à elle", ADV | STOP}, {"quant à eux", ADV | STOP},
    /* head nouns of unnamed or institutional sources */
    {"source", SRCN}, {"sources", SRCN}, {"diplomate", SRCN}, {"diplomates", SRCN},
    {"responsable", SRCN}, {"responsables", SRCN}, {"ministère", SRCN},
    {"ministères", SRCN}, {"porte-parole", SRCN}, {"gouvernement", SRCN},
    {"autorités", SRCN}, {"officiel", SRCN}, {"officiels", SRCN}, {"témoin", SRCN},
    {"témoins", SRCN}, {"entourage", SRCN}, {"expert", SRCN}, {"experts", SRCN},
    {"observateurs", SRCN}, {"services", SRCN}, {"ambassade", SRCN},
    {"présidence", SRCN}, {"préfecture", SRCN}, {"mairie", SRCN}, {"armée", SRCN},
    {"police", SRCN}, {"parquet", SRCN}, {"état-major", SRCN}, {"cabinet", SRCN},
    /* media head nouns */
    {"agence", MEDIA}, {"journal", MEDIA}, {"quotidien", MEDIA}, {"hebdomadaire", MEDIA},
    {"chaîne", MEDIA}, {"télévision", MEDIA}, {"radio", MEDIA}, {"média", MEDIA},
    {"médias", MEDIA}, {"site", MEDIA}, {"magazine", MEDIA},
    /* titles in names */
    {"m", TITLE}, {"mm", TITLE}, {"mme", TITLE}, {"mmes", TITLE}, {"mlle", TITLE},
    {"dr", TITLE}, {"me", TITLE}, {"pr", TITLE},
};

static const char *const FR_INV[] = {"-t-il", "-t-elle", "-t-ils", "-t-elles", "-t-on",
                                     "-il", "-elle", "-ils", "-elles", "-on", NULL};

static const rc_aw EN_ROWS[] = {
    /* reporting verbs */
    {"said", V}, {"says", V}, {"told", V | TOLD}, {"tells", V | TOLD}, {"added", V},
    {"adds", V}, {"stated", V}, {"states", V}, {"noted", V}, {"notes", V},
    {"explained", V}, {"wrote", V | RV}, {"writes", V | RV}, {"warned", V}, {"warns", V},
    {"insisted", V}, {"argued", V}, {"argues", V}, {"claimed", V}, {"claims", V},
    {"announced", V}, {"reported", V | RV}, {"reports", V | RV}, {"confirmed", V},
    {"declared", V}, {"stressed", V}, {"stresses", V}, {"emphasised", V},
    {"emphasized", V}, {"acknowledged", V}, {"admitted", V}, {"asserted", V},
    {"affirmed", V}, {"described", V}, {"called", V}, {"praised", V}, {"hailed", V},
    {"described", V}, {"recalled", V}, {"estimated", V}, {"replied", V},
    {"responded", V}, {"continued", V}, {"concluded", V}, {"revealed", V},
    {"tweeted", V}, {"posted", V}, {"announces", V}, {"commented", V}, {"remarked", V},
    {"promised", V}, {"pledged", V}, {"denied", V}, {"vowed", V}, {"urged", V},
    {"saying", ANT}, {"adding", ANT}, {"noting", ANT}, {"stressing", ANT},
    {"calling", ANT}, {"describing", ANT}, {"warning", ANT}, {"arguing", ANT},
    /* auxiliaries */
    {"has", AUX}, {"have", AUX}, {"had", AUX}, {"was", AUX | BE}, {"were", AUX | BE},
    {"is", AUX | BE}, {"are", AUX | BE}, {"been", AUX | BE}, {"be", AUX | BE},
    {"being", AUX | BE}, {"will", AUX}, {"would", AUX}, {"did", AUX},
    /* pronouns */
    {"he", PRON}, {"she", PRON}, {"they", PRON},
    /* determiners */
    {"the", DEF | NCTX}, {"a", DET | NCTX}, {"an", DET | NCTX}, {"this", DEF | NCTX},
    {"that", COMP | STOP}, {"his", DEF | NCTX}, {"her", DEF | NCTX}, {"its", DEF | NCTX},
    {"their", DEF | NCTX}, {"our", DEF | NCTX}, {"these", DEF | NCTX}, {"those", DEF | NCTX},
    {"one", DET}, {"two", DET}, {"several", DET}, {"some", DET},
    /* inside noun phrases */
    {"of", LINK | NCTX}, {"for", LINK | NCTX}, {"'s", LINK}, {"in", LCAP | STOP | PREP},
    {"and", LCAP | CONJ}, {"to", TO | STOP},
    /* stoppers */
    {"who", STOP | RELP}, {"which", STOP | RELP}, {"on", STOP | PREP | NCTX},
    {"at", STOP | PREP},
    {"during", STOP | PREP}, {"after", STOP | PREP}, {"before", STOP | PREP},
    {"while", STOP}, {"when", STOP | PREP}, {"where", STOP}, {"with", STOP | PREP | NCTX},
    {"without", STOP | PREP}, {"by", STOP | PREP | NCTX}, {"as", STOP | PREP},
    {"but", STOP | CONJ}, {"because", STOP}, {"if", STOP}, {"from", STOP | PREP | NCTX},
    {"since", STOP | PREP}, {"about", STOP | NCTX}, {"over", STOP | PREP},
    {"under", STOP | PREP}, {"although", STOP | PREP}, {"however", STOP | PREP},
    {"monday", ADV | STOP}, {"tuesday", ADV | STOP}, {"wednesday", ADV | STOP},
    {"thursday", ADV | STOP}, {"friday", ADV | STOP}, {"saturday", ADV | STOP},
    {"sunday", ADV | STOP}, {"yesterday", ADV | STOP}, {"today", ADV | STOP},
    {"also", ADV | STOP}, {"later", ADV | STOP}, {"earlier", ADV | STOP},
    {"then", ADV | STOP}, {"again", ADV | STOP}, {"not", ADV},
    /* attribution phrases */
    {"according to", RELAY}, {"cited by", RELAY}, {"reported by", RELAY},
    {"quoted by", RELAY}, {"as reported by", RELAY}, {"citing", RELAY},
    /* documents relaying a source: kept only when it is named or a source noun */
    {"report by", WREL}, {"reports by", WREL}, {"report from", WREL},
    {"reports from", WREL}, {"reports in", WREL}, {"report in", WREL},
    {"statement by", WREL}, {"statement from", WREL}, {"dispatch from", WREL},
    {"dispatch by", WREL}, {"dispatches from", WREL},
    /* head nouns of unnamed or institutional sources */
    {"source", SRCN}, {"sources", SRCN}, {"official", SRCN}, {"officials", SRCN},
    {"diplomat", SRCN}, {"diplomats", SRCN}, {"ministry", SRCN}, {"ministries", SRCN},
    {"department", SRCN}, {"spokesman", SRCN}, {"spokeswoman", SRCN},
    {"spokesperson", SRCN}, {"government", SRCN}, {"authorities", SRCN},
    {"witness", SRCN}, {"witnesses", SRCN}, {"analysts", SRCN}, {"experts", SRCN},
    {"police", SRCN}, {"military", SRCN}, {"embassy", SRCN}, {"office", SRCN},
    {"aide", SRCN}, {"aides", SRCN}, {"insiders", SRCN}, {"observers", SRCN},
    /* media heads */
    {"agency", MEDIA}, {"newspaper", MEDIA}, {"daily", MEDIA}, {"broadcaster", MEDIA},
    {"media", MEDIA}, {"television", MEDIA}, {"outlet", MEDIA}, {"channel", MEDIA},
    {"network", MEDIA},
    /* titles */
    {"mr", TITLE}, {"mrs", TITLE}, {"ms", TITLE}, {"dr", TITLE}, {"prof", TITLE},
};

static const char *const EN_INV[] = {NULL};

_Static_assert(sizeof FR_ROWS / sizeof *FR_ROWS <= MAXROWS, "FR table too long");
_Static_assert(sizeof EN_ROWS / sizeof *EN_ROWS <= MAXROWS, "EN table too long");

#undef V
#undef PP
#undef ANT
#undef AUX
#undef PRON
#undef DET
#undef DEF
#undef STOP
#undef LINK
#undef LCAP
#undef ADV
#undef PREP
#undef INTRO
#undef MEDIA
#undef TO
#undef COMP
#undef RELAY
#undef RV
#undef CLITIC
#undef CONJ
#undef TITLE
#undef TOLD
#undef NCTX
#undef BE
#undef WREL
#undef SRCN
#undef RELP

static rc_attrib_lang LANG_FR = {"fr", FR_ROWS, sizeof FR_ROWS / sizeof *FR_ROWS, FR_INV,
                                 ONCE_FLAG_INIT, {0}, {0}, 0, {0}, {0}};
static rc_attrib_lang LANG_EN = {"en", EN_ROWS, sizeof EN_ROWS / sizeof *EN_ROWS, EN_INV,
                                 ONCE_FLAG_INIT, {0}, {0}, 0, {0}, {0}};

/* FNV-1a hash of s[n]. */
static uint32_t hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

/* Length of the first word of phrase w (up to a space or the end). */
static size_t first_len(const char *w)
{
    size_t n = 0;
    while (w[n] && w[n] != ' ')
        n++;
    return n;
}

/* Filter bit of word s[n] (n >= 1): its length, first, second and last
 * bytes; most words of a text, the first word of no row, stop there. */
static inline size_t afilter(const char *s, size_t n)
{
    size_t x = (unsigned char)s[0] * 0x9E37u ^ (unsigned char)s[n > 1] * 0x85EBu ^
               (unsigned char)s[n - 1] * 0xC2B3u ^ n * 0x27D4u;
    return (x ^ (x >> 14)) & (AFBITS - 1);
}

/* Slot of the hash table of L holding first word s[n], or the empty slot
 * where it would go. */
static size_t find_slot_h(const rc_attrib_lang *L, const char *s, size_t n, uint32_t hf)
{
    size_t h = hf & (HSIZE - 1);
    for (;;) {
        uint16_t r = L->slot[h];
        if (!r)
            return h;
        const char *w = L->rows[r - 1].w;
        if (L->flen[r - 1] == n && memcmp(w, s, n) == 0)
            return h;
        h = (h + 1) & (HSIZE - 1);
    }
}

/* find_slot_h with the hash of s[n] computed here. */
static size_t find_slot(const rc_attrib_lang *L, const char *s, size_t n)
{
    return find_slot_h(L, s, n, hash(s, n));
}

static rc_attrib_lang *init_target;

/* Build the first-word index of init_target (run once per table). */
static void build_index(void)
{
    rc_attrib_lang *L = init_target;
    size_t nr = L->nrows < MAXROWS ? L->nrows : MAXROWS;
    for (size_t i = 0; i < nr; i++) {
        size_t wl = first_len(L->rows[i].w);
        L->flen[i] = (uint8_t)(wl < 255 ? wl : 255);
    }
    for (size_t i = nr; i-- > 0;) {
        const char *w = L->rows[i].w;
        size_t wl = first_len(w);
        size_t h = find_slot(L, w, wl);
        L->next[i] = L->slot[h];
        L->slot[h] = (uint16_t)(i + 1);
        if (wl) {
            size_t b = afilter(w, wl);
            L->filter[b >> 3] |= (uint8_t)(1u << (b & 7));
        }
    }
    L->inv_dash = 1;
    for (size_t k = 0; L->inv_suffix[k]; k++)
        if (!strchr(L->inv_suffix[k], '-'))
            L->inv_dash = 0;
}

static mtx_t init_mtx;
static once_flag init_mtx_once = ONCE_FLAG_INIT;

/* Create the mutex guarding init_target. */
static void make_mtx(void)
{
    mtx_init(&init_mtx, mtx_plain);
}

/* The table for lang with its index built, or NULL. */
const rc_attrib_lang *rc_attrib_lang_get(const char *lang)
{
    rc_attrib_lang *L = NULL;
    if (!lang)
        return NULL;
    if (strcmp(lang, "fr") == 0)
        L = &LANG_FR;
    else if (strcmp(lang, "en") == 0)
        L = &LANG_EN;
    if (!L)
        return NULL;
    call_once(&init_mtx_once, make_mtx);
    mtx_lock(&init_mtx);
    init_target = L;
    call_once(&L->once, build_index);
    mtx_unlock(&init_mtx);
    return L;
}

/* Rows whose first word is s[n]: the first row index + 1, or 0. */
static uint16_t rows_for_h(const rc_attrib_lang *L, const char *s, size_t n, int has_h,
                           uint32_t hf)
{
    if (n == 0 || n > 40)
        return 0;
    size_t b = afilter(s, n);
    if (!(L->filter[b >> 3] >> (b & 7) & 1))
        return 0;
    return L->slot[find_slot_h(L, s, n, has_h ? hf : hash(s, n))];
}

/* rows_for_h with the hash computed here. */
static uint16_t rows_for(const rc_attrib_lang *L, const char *s, size_t n)
{
    return rows_for_h(L, s, n, 0, 0);
}

/* 1 when token t's norm equals word w[n]. */
static int norm_is(const rc_doc *d, size_t t, const char *w, size_t n)
{
    const char *s = d->tokens[t].norm;
    if (s && d->tokkeys)
        return d->tokkeys[t].len == n && memcmp(s, w, n) == 0;
    return s && strncmp(s, w, n) == 0 && s[n] == '\0';
}

/* Classes of the longest table phrase starting at token t; *len its
 * tokens (1 when none). */
static uint32_t classify(const rc_attrib_lang *L, const rc_doc *d, size_t t, uint8_t *len)
{
    const char *s = d->tokens[t].norm;
    *len = 1;
    if (!s || (d->tokens[t].flags & RC_TOK_NUM))
        return 0;
    const rc_tokkey *tk = d->tokkeys ? &d->tokkeys[t] : NULL;
    size_t n = tk ? tk->len : strlen(s);
    uint32_t best = 0;
    size_t bestlen = 0;
    for (uint16_t r = rows_for_h(L, s, n, tk != NULL, tk ? tk->hash : 0); r; r = L->next[r - 1]) {
        const char *w = L->rows[r - 1].w;
        size_t words = 1, k = t + 1;
        const char *p = w + (L->flen[r - 1] < 255 ? L->flen[r - 1] : first_len(w));
        int ok = 1;
        while (*p == ' ') {
            p++;
            size_t fl = first_len(p);
            if (k >= d->ntokens || !norm_is(d, k, p, fl)) {
                ok = 0;
                break;
            }
            p += fl;
            k++;
            words++;
        }
        if (ok && words > bestlen) {
            bestlen = words;
            best = L->rows[r - 1].bits;
        }
    }
    if (bestlen) {
        *len = (uint8_t)bestlen;
        return best;
    }
    /* inverted pronoun glued to a verb: "a-t-il", "ajoute-t-elle" (a
     * word without a hyphen ends with none of the suffixes when they all
     * hold one) */
    if (L->inv_dash && !memchr(s, '-', n))
        return 0;
    for (size_t k = 0; L->inv_suffix[k]; k++) {
        size_t sl = strlen(L->inv_suffix[k]);
        if (n > sl && memcmp(s + n - sl, L->inv_suffix[k], sl) == 0) {
            uint32_t b = 0;
            for (uint16_t r = rows_for(L, s, n - sl); r; r = L->next[r - 1])
                if (strchr(L->rows[r - 1].w, ' ') == NULL)
                    b |= L->rows[r - 1].bits;
            if (b & (RC_AW_AUX | RC_AW_VERB | RC_AW_VERBPP))
                return (b & ~RC_AW_VERBPP) | RC_AW_VERB * !(b & RC_AW_AUX) | RC_AW_INVPRON;
            return 0;
        }
    }
    return 0;
}

/* Classify every token of d (see attrib.h). */
void rc_tokclass_build(const rc_attrib_lang *L, const rc_doc *d, rc_tokclass *tc)
{
    size_t n = d->ntokens;
    tc->bits = rc_calloc(n ? n : 1, sizeof *tc->bits);
    tc->len = rc_calloc(n ? n : 1, sizeof *tc->len);
    for (size_t t = 0; t < n; t++) {
        tc->len[t] = 1;
        if (d->tokens[t].flags & RC_TOK_WORD)
            tc->bits[t] = classify(L, d, t, &tc->len[t]);
    }
}

/* Release tc's arrays. */
void rc_tokclass_free(rc_tokclass *tc)
{
    free(tc->bits);
    free(tc->len);
    tc->bits = NULL;
    tc->len = NULL;
}

/* ------------------------------------------------------------ token tests */

/* The single byte of a one-byte punctuation token t, or 0. */
static char punct(const rc_actx *c, size_t t)
{
    const rc_token *k = &c->d->tokens[t];
    if (!(k->flags & RC_TOK_PUNCT) || k->end != k->start + 1)
        return k->flags & RC_TOK_PUNCT ? '?' : 0;
    return c->d->text[k->start];
}

/* 1 for a word token. */
static int is_word(const rc_actx *c, size_t t)
{
    return (c->d->tokens[t].flags & RC_TOK_WORD) != 0;
}

/* 1 for a capitalised word token. */
static int is_cap(const rc_actx *c, size_t t)
{
    return (c->d->tokens[t].flags & (RC_TOK_WORD | RC_TOK_CAP)) == (RC_TOK_WORD | RC_TOK_CAP);
}

/* 1 for an initial or a title before a period ("S", "M", "MM", "Dr"). */
static int is_initial(const rc_actx *c, size_t t)
{
    const rc_token *k = &c->d->tokens[t];
    if (!is_cap(c, t))
        return 0;
    return k->end - k->start <= 2 || (c->tc->bits[t] & RC_AW_TITLE);
}

/* 1 for an adverb between an auxiliary and its verb ("-ment", "-ly", or
 * in the table). */
static int is_adv(const rc_actx *c, size_t t)
{
    if (c->tc->bits[t] & RC_AW_ADV)
        return 1;
    const rc_token *k = &c->d->tokens[t];
    if (!(k->flags & RC_TOK_WORD) || (k->flags & RC_TOK_CAP) || !k->norm)
        return 0;
    size_t n = strlen(k->norm);
    return (n > 5 && strcmp(k->norm + n - 4, "ment") == 0) ||
           (n > 4 && strcmp(k->norm + n - 2, "ly") == 0);
}

/* 1 when token t can be part of a name: a capitalised word that is not a
 * function word, or the period after an initial. */
static int is_namey(const rc_actx *c, size_t t, size_t lo)
{
    uint32_t b = c->tc->bits[t];
    if (is_cap(c, t) && (b & RC_AW_DET) && t > lo && is_cap(c, t - 1) &&
        !(c->d->tokens[t].flags & RC_TOK_SENT_START))
        return 1;   /* "Kim Jong Un": a capitalised "Un" inside a name */
    if (is_cap(c, t))
        return !(b & (RC_AW_DET | RC_AW_PREP | RC_AW_RELAY | RC_AW_INTRO | RC_AW_STOP |
                      RC_AW_PRON | RC_AW_AUX | RC_AW_COMP | RC_AW_LINK | RC_AW_LINKCAP |
                      RC_AW_CLITIC | RC_AW_MEDIA));
    return punct(c, t) == '.' && t > lo && is_initial(c, t - 1);
}

/* Bits that end a noun phrase. */
#define NP_END (RC_AW_STOP | RC_AW_VERB | RC_AW_VERBPP | RC_AW_AUX | RC_AW_COMP | \
                RC_AW_RELAY | RC_AW_ANT | RC_AW_PRON | RC_AW_CLITIC)

/* Read a noun phrase (see attrib.h). */
int rc_attrib_np(const rc_actx *c, uint32_t t, uint32_t lim, rc_np *np)
{
    const uint32_t *B = c->tc->bits;
    memset(np, 0, sizeof *np);
    for (int k = 0; k < 4 && t < lim && !c->inq[t] && is_adv(c, t) &&
                    !(B[t] & (RC_AW_PRON | RC_AW_DET)); k++)
        t += c->tc->len[t] ? c->tc->len[t] : 1;
    if (t >= lim || c->inq[t] || !is_word(c, t))
        return 0;
    if ((B[t] & RC_AW_PRON) && !(B[t] & RC_AW_DET)) {
        np->t0 = t;
        np->t1 = t + 1;
        np->pron = 1;
        return 1;
    }
    uint32_t start = t, i = t;
    size_t words = 0;
    if (B[i] & RC_AW_DET)
        i++;
    while (i < lim && i - start < 16 && !c->inq[i]) {
        uint32_t b = B[i];
        uint32_t f = c->d->tokens[i].flags;
        if (f & RC_TOK_PUNCT) {
            if (punct(c, i) == '.' && i > start && is_initial(c, i - 1) && i + 1 < lim &&
                is_cap(c, i + 1)) {
                i++;
                continue;
            }
            if (punct(c, i) == '-' || punct(c, i) == '\'') {
                i++;
                continue;
            }
            break;
        }
        if (words > 0 && (b & RC_AW_LINKCAP) && !(b & RC_AW_LINK)) {
            if (i + 1 < lim && !c->inq[i + 1] && is_cap(c, i + 1) && is_namey(c, i + 1, start)) {
                i++;
                continue;
            }
            break;
        }
        if (words > 0 && (b & RC_AW_LINK)) {
            if (i + 1 < lim && !c->inq[i + 1] &&
                (c->d->tokens[i + 1].flags & (RC_TOK_WORD | RC_TOK_NUM)) &&
                !(B[i + 1] & NP_END)) {
                i++;
                continue;
            }
            break;
        }
        if (b & NP_END)
            break;
        if ((b & RC_AW_ADV) && words > 0)
            break;
        if (!(f & (RC_TOK_WORD | RC_TOK_NUM)))
            break;
        if ((f & RC_TOK_NUM) && words == 0)
            break;
        words++;
        i++;
    }
    if (words == 0)
        return 0;
    uint32_t t1 = i;
    while (t1 > start + 1 && ((B[t1 - 1] & (RC_AW_LINK | RC_AW_LINKCAP | RC_AW_DET)) ||
                              punct(c, t1 - 1)))
        t1--;
    np->t0 = start;
    np->t1 = t1;
    /* the name: the whole phrase, a leading run, or a trailing run after a
     * noun or adjective ("l'agence officielle X", "le ministre Y Z") */
    uint32_t j = t1;
    while (j > start && is_namey(c, j - 1, start))
        j--;
    if (j < t1 && punct(c, j) == '.')
        j++;
    if (j < t1) {
        if (j == start || (!(B[j - 1] & (RC_AW_LINK | RC_AW_LINKCAP)) &&
                           !(B[j - 1] & RC_AW_MEDIA && j - 1 == start))) {
            np->n0 = j;
            np->n1 = t1;
        }
    }
    /* a leading run is the name unless a lower-case word follows it: then
     * it only qualifies a description ("Western diplomats", "the Ruritanian
     * transport ministry", "X's state media") */
    if (np->n0 == np->n1 && is_namey(c, start, start)) {
        uint32_t r = start;
        while (r < t1 && is_namey(c, r, start))
            r++;
        if (r >= t1 || !is_word(c, r) || is_cap(c, r)) {
            np->n0 = start;
            np->n1 = r;
        }
    }
    /* a role followed by the name in apposition: "le secrétaire X, Nom Nom," */
    if (np->n0 == np->n1 && (B[start] & RC_AW_DET) && t1 + 1 < lim && punct(c, t1) == ',' &&
        !c->inq[t1 + 1] && is_namey(c, t1 + 1, t1 + 1)) {
        uint32_t r = t1 + 1;
        while (r < lim && r - t1 < 8 && !c->inq[r] && is_namey(c, r, t1 + 1))
            r++;
        if (r >= lim || punct(c, r) == ',' || punct(c, r) == '.') {
            np->n0 = t1 + 1;
            np->n1 = r;
            np->t1 = r;
        }
    }
    return 1;
}

/* The noun phrase a relative pronoun at token r refers to: the one ending
 * right before it (or before the comma before it), read back at most 8
 * tokens and no further than lo ("le président X, qui a dit" -> X). */
static int antecedent(const rc_actx *c, uint32_t r, uint32_t lo, rc_np *np)
{
    const uint32_t *B = c->tc->bits;
    uint32_t e = r;
    if (e > lo && punct(c, e - 1) == ',')
        e--;
    uint32_t s = e;
    while (s > lo && e - s < 8 && !c->inq[s - 1] && is_word(c, s - 1)) {
        uint32_t b = B[s - 1];
        if (!(b & RC_AW_DET) && (b & (NP_END | RC_AW_PREP | RC_AW_RELAY)))
            break;
        s--;
        if ((b & RC_AW_DET) && !(b & RC_AW_LINK))
            break;   /* the phrase's determiner */
    }
    if (s == e)
        return 0;
    return rc_attrib_np(c, s, e, np) && !np->pron && np->t1 == e;
}

/* Subject of the verb group at g (see attrib.h). */
int rc_attrib_subject(const rc_actx *c, uint32_t g, uint32_t lo, rc_np *np)
{
    const uint32_t *B = c->tc->bits;
    uint32_t end = g;
    for (int k = 0; k < 5; k++) {
        uint32_t c0 = end;
        int steps = 0;
        while (c0 > lo && steps < 40) {
            uint32_t p = c0 - 1;
            if (c->inq[p])
                break;
            char pc = punct(c, p);
            if (pc && !(pc == '.' && p > lo && is_initial(c, p - 1)) && pc != '-' && pc != '\'')
                break;
            c0--;
            steps++;
        }
        if (steps >= 40)
            return 0;
        uint32_t s = c0;
        for (uint32_t q = c0; q < end; q++)   /* restart after a complementiser */
            if (B[q] & RC_AW_COMP)
                s = q + 1;
        while (s < end && (B[s] & RC_AW_CONJ))
            s++;
        if (s < end && (B[s] & RC_AW_RELPRON) && !(B[s] & RC_AW_COMP))
            return antecedent(c, s, lo, np);
        if (s < end) {
            uint32_t b = B[s];
            if (b & (RC_AW_PREP | RC_AW_RELAY | RC_AW_INTRO))
                return 0;
            if (k == 0 || ((b & RC_AW_PRON) || (is_cap(c, s) && !(b & RC_AW_STOP))))
                return rc_attrib_np(c, s, end, np);
        }
        if (c0 <= lo || punct(c, c0 - 1) != ',' || c->inq[c0 - 1])
            return 0;
        end = c0 - 1;
    }
    return 0;
}

/* 1 when np can be the source of a document relay: it holds a name, a
 * media head noun or a source head noun ("a report by Western officials"). */
static int source_like(const rc_actx *c, const rc_np *np)
{
    if (np->n1 > np->n0)
        return 1;
    for (uint32_t k = np->t0; k < np->t1; k++)
        if (c->tc->bits[k] & (RC_AW_MEDIA | RC_AW_SRCN))
            return 1;
    return 0;
}

/* Verb groups and relays of one sentence (see attrib.h). */
void rc_attrib_scan(const rc_actx *c, uint32_t t0, uint32_t t1, rc_vgroup *vg,
                    size_t maxv, size_t *nv, rc_relay *rl, size_t maxr, size_t *nr)
{
    const uint32_t *B = c->tc->bits;
    *nv = *nr = 0;
    for (uint32_t i = t0; i < t1; i++) {
        if (c->inq[i])
            continue;
        uint32_t b = B[i];
        uint32_t len = c->tc->len[i];
        if (b & RC_AW_RELAY) {
            rc_relay r;
            r.p0 = i;
            r.p1 = i + len;
            if (*nr < maxr && rc_attrib_np(c, r.p1, t1, &r.np) && !r.np.pron &&
                (!(b & RC_AW_WEAKREL) || source_like(c, &r.np)))
                rl[(*nr)++] = r;
            i += len - 1;
            continue;
        }
        if (!(b & (RC_AW_VERB | RC_AW_VERBPP | RC_AW_ANT)))
            continue;
        rc_vgroup v;
        memset(&v, 0, sizeof v);
        v.v = i;
        v.v_end = i + len;
        uint32_t g = i;
        for (int k = 0; k < 3 && g > t0 && !c->inq[g - 1] && is_adv(c, g - 1); k++)
            g--;
        int has_aux = g > t0 && !c->inq[g - 1] && (B[g - 1] & RC_AW_AUX);
        uint32_t auxt = has_aux ? g - 1 : i;
        if (has_aux && (B[g - 1] & RC_AW_BE) && !(b & RC_AW_ANT))
            continue;   /* passive: "it was said", "he is told" */
        if (!has_aux && g > t0 && !c->inq[g - 1] && (B[g - 1] & RC_AW_NOUNCTX) &&
            !(b & RC_AW_ANT))
            continue;   /* a noun: "about reports", "une annonce" */
        if (has_aux) {
            g--;
            while (g > t0 && (B[g - 1] & RC_AW_CLITIC) && !c->inq[g - 1])
                g--;
        } else {
            g = i;
            if (!(b & (RC_AW_VERB | RC_AW_ANT)))
                continue;
        }
        v.g = g;
        if (b & RC_AW_ANT) {
            v.ant = 1;
        } else if ((b & RC_AW_INVPRON) || (B[auxt] & RC_AW_INVPRON)) {
            v.found = v.inverted = 1;
            v.sp.t0 = b & RC_AW_INVPRON ? i : auxt;
            v.sp.t1 = v.sp.t0 + 1;
            v.sp.pron = 1;
        } else {
            char pc = g > t0 ? punct(c, g - 1) : 0;
            int after_break = g > t0 && (c->inq[g - 1] || pc == ',' || pc == '?' || pc == '(' ||
                                         (B[g - 1] & RC_AW_COMP));
            if (after_break && !(b & RC_AW_TOLD) && v.v_end < t1 &&
                !(B[v.v_end] & (RC_AW_COMP | RC_AW_TO)) &&
                rc_attrib_np(c, v.v_end, t1, &v.sp) && !v.sp.pron &&
                !(v.sp.t1 < t1 && !c->inq[v.sp.t1] &&
                  (B[v.sp.t1] & (RC_AW_AUX | RC_AW_VERB)))) {
                /* inverted unless the phrase is the subject of the reported
                 * clause ("…, said the minister" but not "…, said X had left") */
                v.found = v.inverted = 1;
            } else {
                v.found = rc_attrib_subject(c, g, t0, &v.sp);
            }
        }
        /* addressee: "a indiqué à l'AFP", "told Reuters" */
        uint32_t a = v.inverted && !v.sp.pron ? v.sp.t1 : v.v_end;
        while (a < t1 && !c->inq[a] && is_adv(c, a) && a - v.v_end < 3)
            a++;
        if (a < t1 && !c->inq[a]) {
            if (b & RC_AW_TOLD)
                v.has_to = rc_attrib_np(c, a, t1, &v.to) && !v.to.pron;
            else if (B[a] & RC_AW_TO)
                v.has_to = rc_attrib_np(c, a + 1, t1, &v.to) && !v.to.pron;
        }
        if (*nv < maxv)
            vg[(*nv)++] = v;
        i = v.v_end - 1;
    }
}

/* First main verb of [t0, t1) (see attrib.h). */
int rc_attrib_main_verb(const rc_actx *c, uint32_t t0, uint32_t t1, uint32_t *g)
{
    const uint32_t *B = c->tc->bits;
    int sub = 0;   /* inside a clause opened by a complementiser, up to its comma */
    for (uint32_t i = t0; i < t1 && i - t0 < 200; i++) {
        if (c->inq[i])
            continue;
        if (B[i] & RC_AW_COMP)
            sub = 1;
        else if (punct(c, i) == ',')
            sub = 0;
        if (sub)
            continue;
        if ((B[i] & RC_AW_VERB) && !(B[i] & RC_AW_AUX) && i > t0 && !c->inq[i - 1] &&
            (B[i - 1] & RC_AW_NOUNCTX))
            continue;   /* a noun: "about claims" */
        if (B[i] & (RC_AW_AUX | RC_AW_VERB)) {
            uint32_t k = i;
            while (k > t0 && (B[k - 1] & RC_AW_CLITIC) && !c->inq[k - 1])
                k--;
            *g = k;
            return 1;
        }
    }
    return 0;
}

/* "Pour X, ..." at the start of [t0, t1) (see attrib.h). */
int rc_attrib_intro(const rc_actx *c, uint32_t t0, uint32_t t1, rc_np *np)
{
    if (t0 >= t1 || c->inq[t0] || !(c->tc->bits[t0] & RC_AW_INTRO))
        return 0;
    if (!rc_attrib_np(c, t0 + 1, t1, np) || np->pron)
        return 0;
    uint32_t e = np->t1;
    return e < t1 && (punct(c, e) == ',' || np->n1 > np->n0);
}

/* Byte span reported for np (see attrib.h). */
rc_span rc_attrib_np_span(const rc_actx *c, const rc_np *np)
{
    const rc_token *T = c->d->tokens;
    rc_span s = {0, 0};
    uint32_t a = np->t0, b = np->t1;
    if (np->n1 > np->n0) {
        a = np->n0;
        b = np->n1;
    } else if (!np->pron && b > a + 1 && (c->tc->bits[a] & RC_AW_DET)) {
        a++;
    }
    if (b > a) {
        s.start = T[a].start;
        s.end = T[b - 1].end;
    }
    return s;
}

/* Medium named in np (see attrib.h). */
int rc_attrib_medium(const rc_actx *c, const rc_np *np, rc_span *out, const char **canon)
{
    const rc_token *T = c->d->tokens;
    if (np->pron || np->t1 <= np->t0)
        return 0;
    uint32_t end = T[np->t1 - 1].end;
    for (uint32_t k = np->t0; k < np->t1; k++) {
        if (!is_cap(c, k) && !(c->tc->bits[k] & RC_AW_DET))
            continue;
        size_t len = 0;
        const char *name = rc_agency_prefix(c->d->text + T[k].start, end - T[k].start, &len);
        if (name && len > 0) {
            out->start = T[k].start;
            out->end = (uint32_t)(T[k].start + len);
            *canon = name;
            return 1;
        }
    }
    int media = 0;
    for (uint32_t k = np->t0; k < np->t1; k++)
        if (c->tc->bits[k] & RC_AW_MEDIA)
            media = 1;
    if (media && np->n1 > np->n0) {
        out->start = T[np->n0].start;
        out->end = T[np->n1 - 1].end;
        *canon = NULL;
        return 1;
    }
    return 0;
}

/* Token t introduces the quote after it (see attrib.h). */
int rc_attrib_introduces(const rc_actx *c, uint32_t t)
{
    char p = punct(c, t);
    if (p == ':')
        return 1;
    return (c->tc->bits[t] & (RC_AW_COMP | RC_AW_VERB | RC_AW_VERBPP)) != 0;
}
