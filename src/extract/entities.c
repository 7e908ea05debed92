#include "extract/entities.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "extract/gazetteer.h"
#include "extract/translit.h"
#include "meta/credits.h"
#include "meta/fold.h"
#include "text/textmodel.h"
#include "text/utf8.h"
#include "util/arena.h"
#include "util/hash.h"
#include "util/mem.h"
#include "util/rc.h"

/* ---- language resources (folded: lower case, no accents) ---------------- */

/* Word classes: one bit each; a word may be in several. */
enum {
    V_COURTESY = 1u << 0,  /* M. Mme Dr Mr */
    V_ROLE = 1u << 1,      /* président, minister */
    V_ORGCUE = 1u << 2,    /* Conseil, Ministry */
    V_MONTH = 1u << 3,     /* months and weekdays */
    V_OPENER = 1u << 4,    /* closed-class sentence openers */
    V_CONN = 1u << 5,      /* name particles: de, van, al */
    V_PREP = 1u << 6,      /* à, en, in, at */
    V_ART = 1u << 7,       /* le, la, l', the */
    V_SAYNOW = 1u << 8,    /* said, dit */
    V_SAYPAST = 1u << 9,   /* (a) déclaré */
    V_TAILCONN = 1u << 10, /* connectors inside a French organisation tail */
    V_OFS = 1u << 11,      /* de, du, of, the: before a name after a cue */
    V_ROLEMOD = 1u << 12,  /* words qualifying a role: Prime, Foreign, Deputy */
    V_PLACEN = 1u << 13,   /* common nouns of places: ville, town, river, capital */
    V_GOVN = 1u << 14,     /* what a country has: government, ministry, army */
    V_AGENCYN = 1u << 15,  /* agence, agency, newspaper, company */
    V_FACIL = 1u << 16,    /* named structures: dam, barrage, bridge */
    V_ORGCONN = 1u << 17,  /* connectors inside an organisation name */
    V_DE = 1u << 18,       /* de, du, d', of: place noun "of" name */
    V_MM = 1u << 19,       /* "MM" (plural title, needs its dot) */
    V_THE = 1u << 20,      /* English article "the" */
    V_PLACEAFTER = 1u << 21 /* nouns following a place name: valley, capital, region */
};

typedef struct vword {
    const char *w;
    uint32_t mask;
} vword;

static const char *const COURTESY[] = {"m", "mm", "mme", "mmes", "mlle", "mr", "mrs", "ms", "dr", "pr", NULL};
static const char *const ROLES[] = {
    "president", "presidente", "ministre", "minister", "porte-parole", "spokesman", "spokeswoman",
    "spokesperson", "analyste", "analyst", "secretaire", "secretary", "chef", "dirigeant",
    "dirigeante", "leader", "general", "chancelier", "chancellor", "premier", "ambassadeur",
    "ambassadrice", "ambassador", "senateur", "senator", "depute", "deputee", "directeur",
    "directrice", "director", "professeur", "professor", "colonel", "marechal", "roi", "reine",
    "king", "queen", "pape", "pope", "prince", "princesse", "emir", "journaliste", "journalist",
    "chercheur", "chercheuse", "researcher", "commandant", "commander", "homologue", "counterpart",
    "dictateur", "dictator", "envoye", "envoy", "maire", "mayor", "gouverneur", "governor", "juge",
    "judge", "avocat", "lawyer", "lieutenant", "capitaine", "captain", "vice-president",
    "vice-premier", "conseiller", "conseillere", "adviser", "advisor", "soeur", "sister", "frere",
    "brother", "epouse", "wife", "husband", "expert", "experte", "chief", "head", NULL};
static const char *const ROLEMODS[] = {
    "prime", "foreign", "deputy", "vice", "interior", "home", "defence", "defense", "finance",
    "state", "former", "acting", "first", "opposition", "justice", "transport", "health",
    "trade", "energy", "economy", "agriculture", "education", "labour", "labor", "general",
    "attorney", "chief", "junior", "senior", "assistant", "press", NULL};
static const char *const ORG_CUES[] = {
    "agence", "ministere", "conseil", "institut", "assemblee", "armee", "parti", "comite",
    "commission", "gouvernement", "departement", "office", "organisation", "organization",
    "union", "banque", "bank", "federation", "ligue", "league", "fondation", "foundation",
    "universite", "university", "tribunal", "cour", "court", "senat", "senate", "parlement",
    "parliament", "congres", "congress", "ministry", "agency", "council", "department", "party",
    "army", "committee", "institute", "association", "corporation", "company", "group", "groupe",
    "societe", "service", "services", "forces", "nations", "command", "commandement", "bureau",
    "centre", "center", "fonds", "fund", "alliance", "front", "mouvement", "movement", "garde",
    "guard", "police", "ambassade", "embassy", "etat-major", "journal", "radio", "television",
    "chambre", "house", "cabinet", "secretariat", "direction", "academie", "academy", NULL};
static const char *const MONTHS_DAYS[] = {
    "janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre",
    "octobre", "novembre", "decembre", "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december", "lundi", "mardi",
    "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", NULL};
/* closed-class words that open sentences without being names */
static const char *const OPENERS[] = {
    "selon", "cependant", "pourtant", "ainsi", "alors", "apres", "avant", "depuis", "lors",
    "malgre", "face", "outre", "enfin", "mais", "or", "donc", "toutefois", "neanmoins",
    "desormais", "aujourd'hui", "hier", "debut", "fin", "mi", "parmi", "vers", "sous", "sur",
    "entre", "contre", "pendant", "durant", "quant", "certes", "puis", "encore", "deja", "aussi",
    "dans", "pour", "par", "sans", "chez", "comme", "quand", "lorsque", "si", "voici", "voila",
    "according", "however", "after", "before", "since", "meanwhile", "while", "during",
    "despite", "although", "yet", "also", "still", "but", "last", "next", "early", "late",
    "this", "that", "these", "those", "in", "on", "at", "by", "for", "with", "from", "as", "if",
    "when", "then", "there", "here", "today", "yesterday", "tomorrow", "soon", "now", "thus",
    "moreover", "the", "a", "an", "le", "la", "les", "un", "une", "des", "photo", "video", NULL};
static const char *const CONNECTORS[] = {"de", "du", "des", "d'", "van", "von", "der", "den", "da",
                                         "di", "del", "della", "dos", "das", "bin", "ben", "ibn",
                                         "al", "el", "of", NULL};
static const char *const PLACE_PREP[] = {"à", "en", "au", "aux", "in", "at", "near", "vers",
                                         "depuis", "from", NULL};
static const char *const ARTICLES[] = {"le", "la", "les", "l'", "the", NULL};
static const char *const SAY_NOW[] = {"said", "says", "told", "declared", "added", "stated",
                                      "declare", "dit", "affirme", "estime", "explique",
                                      "assure", "ajoute", "souligne", NULL};
static const char *const SAY_PAST[] = {"declare", "dit", "affirme", "annonce", "indique", "assure",
                                       "estime", "ajoute", "souligne", "explique", "precise",
                                       "declared", NULL};
static const char *const TAILCONN[] = {"de", "du", "des", "d'", "pour", "l'", "la", "et", "of",
                                       "for", "the", "and", NULL};
static const char *const OFS[] = {"de", "du", "des", "d'", "la", "l'", "le", "of", "the", NULL};
/* common nouns naming a kind of place, before its name ("la ville de X",
 * "the port of X", "la capitale X", "the river X") */
static const char *const PLACE_NOUNS[] = {
    "ville", "town", "city", "village", "capitale", "capital", "port", "province", "region",
    "district", "commune", "localite", "bourg", "hameau", "pays", "country", "state", "etat",
    "republique", "republic", "royaume", "kingdom", "ile", "island", "riviere", "river",
    "fleuve", "lac", "lake", "mer", "sea", "golfe", "gulf", "baie", "bay", "vallee", "valley",
    "plaine", "plain", "mont", "mount", "montagne", "mountain", "massif", "col", "pass",
    "quartier", "banlieue", "suburb", "faubourg", "habitants", "inhabitants", "residents",
    "rive", "rives", "bank", "banks", "frontiere", "border", "peninsule", "peninsula",
    "delta", "estuaire", "estuary", "bassin", "basin", "canton", "departement", "county",
    "oblast", "territoire", "territory", "cote", "coast", NULL};
/* common nouns after a place name ("the X valley", "the X capital") */
static const char *const PLACE_AFTER[] = {
    "valley", "capital", "region", "river", "province", "border", "coast", "basin", "delta",
    "lake", "countryside", "authorities", "embassy", "consulate", "district", "county", NULL};
/* what a country has, after a possessive ("X's government") */
static const char *const GOV_NOUNS[] = {
    "government", "foreign", "finance", "transport", "interior", "defence", "defense",
    "ministry", "minister", "ministers", "capital", "army", "military", "navy", "state",
    "parliament", "president", "prime", "economy", "border", "borders", "embassy", "territory",
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "population",
    "authorities", "central", "national", "infrastructure", "agriculture", "energy", "health",
    "trade", "justice", "coast", "coastline", "regions", "provinces", "cities", "ports",
    "citizens", "people", "officials", NULL};
/* common nouns naming an organisation, before its name ("l'agence X",
 * "the news agency X", "le quotidien X") */
static const char *const AGENCY_NOUNS[] = {
    "agence", "agency", "quotidien", "newspaper", "daily", "hebdomadaire", "weekly", "journal",
    "chaine", "channel", "broadcaster", "radio", "televison", "magazine", "company", "firm",
    "societe", "entreprise", "groupe", "group", "parti", "party", "banque", "bank", "ong", "ngo",
    "association", "syndicat", "union", "fabricant", "manufacturer", "operateur", "operator",
    "constructeur", "startup", "laboratoire", NULL};
/* named structures: pairs of (word, canonical class) ("barrage de X" = "X dam") */
static const char *const FACILITIES[][2] = {
    {"dam", "dam"}, {"barrage", "dam"}, {"bridge", "bridge"}, {"pont", "bridge"},
    {"airport", "airport"}, {"aeroport", "airport"}, {"canal", "canal"}, {"tunnel", "tunnel"},
    {"reservoir", "reservoir"}, {"pipeline", "pipeline"}, {"gazoduc", "pipeline"},
    {"oleoduc", "pipeline"}, {"dike", "dike"}, {"digue", "dike"}, {"levee", "dike"},
    {"stadium", "stadium"}, {"stade", "stadium"}, {"refinery", "refinery"},
    {"raffinerie", "refinery"}, {NULL, NULL}};
static const char *const ORG_CONNS[] = {"for", "of", "and", "on", "de", "du", "des", "d'",
                                        "pour", "la", "l'", "et", "&", NULL};
static const char *const DE_WORDS[] = {"de", "du", "d'", "of", NULL};

/* Weights of the typing signals (votes summed over a merged entity). */
enum { W_CTX = 1, W_MULTI = 2, W_PCTX = 4, W_ROLE = 5, W_INITIAL = 6, W_CUE = 8, W_TITLE = 8,
       W_ACTX = 8, W_CITY = 7, W_COUNTRY = 12, W_AGENCY = 12 };

/* ---- one hashed vocabulary: folded word -> classes --------------------- */

typedef struct ventry {
    const char *w;          /* folded word (static) */
    uint64_t h;
    uint32_t mask;
    uint32_t len;           /* strlen(w) */
    uint8_t facil;          /* 1 + index into FACILITIES, or 0 */
} ventry;

enum { VCAP = 4096 };       /* power of two, > 4 x the words: short probes */
static ventry g_vocab[VCAP];
/* A filter before the table: bit vfilter(key) set for every word of it,
 * so most words of a text, in none of the lists, skip the hash and the
 * probe. Written once by vocab_init, then only read. */
enum { VFBITS = 1 << 16 };
static uint8_t g_vfilter[VFBITS / 8];

/* Filter bit of key w[n] (n >= 1): its length and first, second and last
 * bytes. */
static inline size_t vfilter(const char *w, size_t n)
{
    size_t x = (unsigned char)w[0] * 0x9E37u ^ (unsigned char)w[n > 1] * 0x85EBu ^
               (unsigned char)w[n - 1] * 0xC2B3u ^ n * 0x27D4u;
    return (x ^ (x >> 16)) & (VFBITS - 1);
}
static pthread_once_t g_vonce = PTHREAD_ONCE_INIT;

/* Slot of the folded word w[n] in g_vocab (its entry or the empty slot
 * where it goes). */
static size_t vslot(const char *w, size_t n, uint64_t h)
{
    size_t j = (h ^ (h >> 15)) & (VCAP - 1);
    while (g_vocab[j].w && !(g_vocab[j].h == h && g_vocab[j].len == n &&
                             memcmp(g_vocab[j].w, w, n) == 0))
        j = (j + 1) & (VCAP - 1);
    return j;
}

/* Add every word of list (folded ASCII or UTF-8 that folds to itself
 * after rc_fold_key) with class mask. */
static void vadd(const char *const *list, uint32_t mask)
{
    for (size_t i = 0; list[i]; i++) {
        char k[64];
        size_t kl = rc_fold_key(list[i], strlen(list[i]), k, sizeof k);
        /* the table keeps the static spelling; "à" folds to "a" */
        const char *w = list[i];
        if (kl != strlen(w) || memcmp(k, w, kl) != 0) {
            /* store folded spellings of non-ASCII entries as static literals */
            static char extra[16][16];
            static size_t nextra;
            if (nextra >= 16 || kl >= 16)
                continue;
            memcpy(extra[nextra], k, kl + 1);
            w = extra[nextra++];
        }
        uint64_t h = rc_tokkey_hash(w, kl);
        size_t j = vslot(w, kl, h);
        g_vocab[j].w = w;
        g_vocab[j].h = h;
        g_vocab[j].len = (uint32_t)kl;
        if (kl) {
            size_t b = vfilter(w, kl);
            g_vfilter[b >> 3] |= (uint8_t)(1u << (b & 7));
        }
        g_vocab[j].mask |= mask;
    }
}

/* Build the vocabulary once per process. */
static void vocab_init(void)
{
    vadd(COURTESY, V_COURTESY);
    vadd(ROLES, V_ROLE);
    vadd(ROLEMODS, V_ROLEMOD);
    vadd(ORG_CUES, V_ORGCUE);
    vadd(MONTHS_DAYS, V_MONTH);
    vadd(OPENERS, V_OPENER);
    vadd(CONNECTORS, V_CONN);
    vadd(PLACE_PREP, V_PREP);
    vadd(ARTICLES, V_ART);
    vadd(SAY_NOW, V_SAYNOW);
    vadd(SAY_PAST, V_SAYPAST);
    vadd(TAILCONN, V_TAILCONN);
    vadd(OFS, V_OFS);
    vadd(PLACE_NOUNS, V_PLACEN);
    vadd(PLACE_AFTER, V_PLACEAFTER);
    vadd(GOV_NOUNS, V_GOVN);
    vadd(AGENCY_NOUNS, V_AGENCYN);
    vadd(ORG_CONNS, V_ORGCONN);
    vadd(DE_WORDS, V_DE);
    vadd((const char *const[]){"mm", NULL}, V_MM);
    vadd((const char *const[]){"the", NULL}, V_THE);
    for (size_t i = 0; FACILITIES[i][0]; i++) {
        const char *w = FACILITIES[i][0];
        size_t n = strlen(w);
        uint64_t h = rc_tokkey_hash(w, n);
        size_t j = vslot(w, n, h);
        g_vocab[j].w = w;
        g_vocab[j].h = h;
        g_vocab[j].len = (uint32_t)n;
        if (n) {
            size_t b = vfilter(w, n);
            g_vfilter[b >> 3] |= (uint8_t)(1u << (b & 7));
        }
        g_vocab[j].mask |= V_FACIL;
        g_vocab[j].facil = (uint8_t)(i + 1);
    }
}

/* The vocabulary entry of s[n] (any case and accents), or NULL. */
static const ventry *vlookup(const char *s, size_t n)
{
    char k[64];
    if (n == 0 || n > 48)
        return NULL;
    pthread_once(&g_vonce, vocab_init);
    /* ASCII without capitals or spaces (most norms) is its own key */
    size_t a = 0;
    while (a < n) {
        unsigned char c = (unsigned char)s[a];
        if (c >= 0x80 || (c >= 'A' && c <= 'Z') || c == ' ' || c == '\t' || c == '\n' ||
            c == '\r')
            break;
        a++;
    }
    const char *key = s;
    size_t kl = n;
    if (a < n) {
        kl = rc_fold_key(s, n, k, sizeof k);
        key = k;
    }
    size_t b = kl ? vfilter(key, kl) : 0;
    if (kl && !(g_vfilter[b >> 3] >> (b & 7) & 1))
        return NULL;
    uint64_t h = rc_tokkey_hash(key, kl);
    size_t j = vslot(key, kl, h);
    return g_vocab[j].w ? &g_vocab[j] : NULL;
}

/* Classes of s[n] (any case and accents): V_* bits, 0 when none. */
static uint32_t vmask(const char *s, size_t n)
{
    const ventry *e = vlookup(s, n);
    return e ? e->mask : 0;
}

/* vmask of token i's norm, through its precomputed key (an ASCII word
 * norm, already lower case without spaces, is its own vocabulary key and
 * its rc_tokkey hash is the table's hash). */
static uint32_t vmask_tok(const rc_doc *d, size_t i)
{
    const rc_tokkey *tk = d->tokkeys ? &d->tokkeys[i] : NULL;
    const char *s = d->tokens[i].norm;
    if (!tk)
        return vmask(s, strlen(s));
    if (!tk->ascii || tk->len == 0 || tk->len > 48)
        return vmask(s, tk->len);
    size_t b = vfilter(s, tk->len);
    if (!(g_vfilter[b >> 3] >> (b & 7) & 1))
        return 0;
    size_t j = vslot(s, tk->len, tk->hash);
    return g_vocab[j].w ? g_vocab[j].mask : 0;
}

/* ---- a small set of 64-bit hashes (open addressing) ------------------- */

typedef struct hset {
    uint64_t *v;
    size_t cap, n;
} hset;

/* Insert h (0 is reserved and mapped to 1). */
static void hset_add(hset *s, uint64_t h)
{
    if (!h)
        h = 1;
    if ((s->n + 1) * 2 > s->cap) {
        size_t nc = s->cap ? s->cap * 2 : 256;
        uint64_t *nv = rc_calloc(nc, sizeof *nv);
        for (size_t i = 0; i < s->cap; i++)
            if (s->v[i]) {
                size_t j = s->v[i] & (nc - 1);
                while (nv[j])
                    j = (j + 1) & (nc - 1);
                nv[j] = s->v[i];
            }
        free(s->v);
        s->v = nv;
        s->cap = nc;
    }
    size_t j = h & (s->cap - 1);
    while (s->v[j]) {
        if (s->v[j] == h)
            return;
        j = (j + 1) & (s->cap - 1);
    }
    s->v[j] = h;
    s->n++;
}

/* 1 when h was inserted. */
static int hset_has(const hset *s, uint64_t h)
{
    if (!h)
        h = 1;
    if (!s->cap)
        return 0;
    size_t j = h & (s->cap - 1);
    while (s->v[j]) {
        if (s->v[j] == h)
            return 1;
        j = (j + 1) & (s->cap - 1);
    }
    return 0;
}

/* ---- token views ------------------------------------------------------- */

/* A document with its per-token vocabulary classes (cls[i], computed once
 * per token; NULL to look words up on demand). */
typedef struct tview {
    const rc_doc *d;
    const uint32_t *cls;
} tview;

/* 1 when s[n] is all ASCII. */
static inline int ascii_bytes(const char *s, size_t n)
{
    unsigned char hi = 0;
    for (size_t k = 0; k < n; k++)
        hi |= (unsigned char)s[k];
    return hi < 0x80;
}

/* Classes of token i (0 for non-words): of its text. A word of ASCII
 * text has for norm its text in lower case, which is its vocabulary key
 * (vlookup folds ASCII to lower case, and a word holds no spaces): its
 * precomputed key (vmask_tok) gives the same classes without the fold
 * and hash of the text. */
static uint32_t tcls(const tview *v, size_t i)
{
    if (v->cls)
        return v->cls[i];
    const rc_doc *d = v->d;
    const rc_token *t = &d->tokens[i];
    if (!(t->flags & RC_TOK_WORD))
        return 0;
    size_t n = t->end - t->start;
    const char *s = d->text + t->start;
    if (d->tokkeys && d->tokkeys[i].len == n && ascii_bytes(s, n))
        return vmask_tok(d, i);
    return vmask(s, n);
}

/* 1 when token i is in any of the classes of mask. */
static int tok_in(const tview *v, size_t i, uint32_t mask)
{
    return (tcls(v, i) & mask) != 0;
}

/* 1 when token i is token text equal to the ASCII c (one byte). */
static int tok_is(const rc_doc *d, size_t i, char c)
{
    const rc_token *t = &d->tokens[i];
    return t->end == t->start + 1 && d->text[t->start] == c;
}

/* 1 when token i is a lower-case word. */
static int tok_lower(const rc_doc *d, size_t i)
{
    uint32_t f = d->tokens[i].flags;
    return (f & RC_TOK_WORD) && !(f & (RC_TOK_CAP | RC_TOK_UPPER));
}

/* Bytes of a possessive ending ("'s", "’s", "s'") on token i, else 0. */
static size_t possessive_len(const rc_doc *d, size_t i)
{
    const rc_token *t = &d->tokens[i];
    const char *s = d->text + t->start;
    size_t n = t->end - t->start;
    if (n > 3 && (s[n - 1] == 's' || s[n - 1] == 'S') && s[n - 2] == '\'')
        return 2;
    if (n > 5 && (s[n - 1] == 's' || s[n - 1] == 'S') && memcmp(s + n - 4, "\xe2\x80\x99", 3) == 0)
        return 4;
    return 0;
}

/* Hash of token i's norm. */
static uint64_t tok_hash(const rc_doc *d, size_t i)
{
    const char *s = d->tokens[i].norm;
    return rc_hash64(s, d->tokkeys ? d->tokkeys[i].len : strlen(s), 7);
}

/* ---- mentions in one document ----------------------------------------- */

typedef struct ctx {
    rc_doc *d;
    rc_facts *f;
    tview v;
    hset lower;     /* norms seen in lower case */
} ctx;

/* 1 when token i can be part of a name: a capitalised word that is not a
 * month or weekday. */
static int name_word(const tview *v, size_t i)
{
    const rc_token *t = &v->d->tokens[i];
    if (!(t->flags & RC_TOK_WORD) || !(t->flags & (RC_TOK_CAP | RC_TOK_UPPER)))
        return 0;
    return !tok_in(v, i, V_MONTH);
}

/* 1 when token i is a courtesy title ("M." "Mme" "Dr") followed by a name;
 * *after receives the first name token. */
static int courtesy_at(const tview *v, size_t i, size_t *after)
{
    const rc_doc *d = v->d;
    if (!(d->tokens[i].flags & RC_TOK_CAP) || !tok_in(v, i, V_COURTESY))
        return 0;
    size_t j = i + 1;
    if (j < d->ntokens && tok_is(d, j, '.') && d->tokens[j].start == d->tokens[i].end)
        j++;
    else if (d->tokens[i].end - d->tokens[i].start == 1 || tok_in(v, i, V_MM))
        return 0;   /* "M" without its dot is an initial, not a title */
    if (j >= d->ntokens || !name_word(v, j) || d->tokens[j].sentence != d->tokens[i].sentence)
        return 0;
    *after = j;
    return 1;
}

/* 1 when token i is an initial ("S" "." then a name word). */
static int initial_at(const tview *v, size_t i)
{
    const rc_doc *d = v->d;
    const rc_token *t = &d->tokens[i];
    if (!(t->flags & RC_TOK_CAP) || i + 2 >= d->ntokens)
        return 0;
    int32_t cp;
    size_t l = rc_utf8_next(d->text, d->text_len, t->start, &cp);
    if (t->start + l != t->end || !tok_is(d, i + 1, '.') || !name_word(v, i + 2))
        return 0;
    return !(d->tokens[i + 2].flags & RC_TOK_UPPER);
}

/* Record one mention [ts, te) tokens, its end trimmed by trim bytes (a
 * possessive); the key is the name part from token ns, folded. */
static void add_mention(ctx *c, size_t ts, size_t te, size_t ns, size_t trim, rc_etype type)
{
    rc_doc *d = c->d;
    rc_mention *m = rc_facts_add_mention(d, c->f);
    m->start = d->tokens[ts].start;
    m->end = d->tokens[te - 1].end - (uint32_t)trim;
    m->type = type;
    m->entity = -1;
    uint32_t a = d->tokens[ns].start;
    char k[256];
    size_t kl = rc_fold_key(d->text + a, m->end - a, k, sizeof k);
    m->key = rc_arena_strndup(d->arena, k, kl);
}

/* Length in tokens of a French organisation tail after cue token i:
 * lower-case words and connectors ("de sécurité russe", "pour
 * l'unification nationale"), at most 6 tokens, never ending on a
 * connector nor on a past participle that follows a content word. */
static size_t org_tail(const tview *v, size_t i, size_t lim)
{
    const rc_doc *d = v->d;
    size_t j = i + 1, last = i + 1;
    int after_conn = 0;
    while (j < lim && j < i + 8) {
        const rc_token *t = &d->tokens[j];
        if (!(t->flags & RC_TOK_WORD) || t->sentence != d->tokens[i].sentence)
            break;
        if (tok_in(v, j, V_TAILCONN)) {
            after_conn = 1;
            j++;
            continue;
        }
        if (t->flags & RC_TOK_CAP) {
            if (!after_conn)
                break;
        } else {
            const char *s = t->norm;
            size_t n = strlen(s);
            if ((t->flags & RC_TOK_STOP) || n <= 2)
                break;
            /* a participle after a content word starts a clause ("russe dirigé") */
            if (!after_conn && n > 2 && ((unsigned char)s[n - 1] == 0xa9 || memcmp(s + n - 2, "ée", 2) == 0 || (n > 3 && memcmp(s + n - 3, "és", 3) == 0)))
                break;
            if (!after_conn && d->lang && strcmp(d->lang, "fr") != 0)
                break;
        }
        after_conn = 0;
        j++;
        last = j;
    }
    return last;
}

/* Type suggested by the words around the one-word name [a, b) (possessive
 * when poss), and in *w the weight of that signal (0 when none):
 *   "X's government", "la capitale X", "the town of X", "la vallée de
 *   l'X", "the X valley" -> place (W_PCTX); "à X", "in X" -> place
 *   (W_MULTI); "l'agence X", "the state news agency X", "X news agency"
 *   -> organisation (W_ACTX); "the X" (English) -> organisation, "X said"
 *   -> person (W_CTX). RC_ENT_OTHER with *w = 0 when nothing applies. */
static rc_etype context_type(const tview *v, size_t a, size_t b, int poss, int *w)
{
    const rc_doc *d = v->d;
    uint32_t s = d->tokens[a].sentence;
    *w = 0;
    /* possessive followed by what a country has */
    if (poss) {
        if (b < d->ntokens && tok_lower(d, b) && tok_in(v, b, V_GOVN)) {
            *w = W_PCTX;
            return RC_ENT_PLACE;
        }
        return RC_ENT_OTHER;
    }
    /* a kind of place or of organisation before: skip an article and "de",
     * then at most three lower-case words (adjectives, "news") */
    if (a > 0) {
        size_t p = a;
        int de = 0;
        if (p > 0 && tok_in(v, p - 1, V_ART) && !(d->tokens[p - 1].flags & RC_TOK_CAP))
            p--;
        if (p > 0 && tok_in(v, p - 1, V_DE)) {
            p--;
            de = 1;
        }
        for (size_t k = 0; k < 4 && p > 0; k++) {
            size_t q = p - 1;
            if (!tok_lower(d, q) || d->tokens[q].sentence != s)
                break;
            uint32_t cl = tcls(v, q);
            if (cl & V_PLACEN) {
                *w = W_PCTX;
                return RC_ENT_PLACE;
            }
            if ((cl & V_AGENCYN) && !de) {
                *w = W_ACTX;
                return RC_ENT_ORG;
            }
            if ((d->tokens[q].flags & RC_TOK_STOP) || (cl & (V_ART | V_DE | V_PREP)))
                break;
            p = q;
        }
    }
    /* after: "X valley", "X capital", "X news agency" */
    if (b < d->ntokens && tok_lower(d, b) && d->tokens[b].sentence == s) {
        if (tok_in(v, b, V_PLACEAFTER)) {
            *w = W_PCTX;
            return RC_ENT_PLACE;
        }
        size_t q = b;
        if (q + 1 < d->ntokens && tok_lower(d, q + 1) && !tok_in(v, q, V_AGENCYN))
            q++;
        if (tok_in(v, q, V_AGENCYN) && (q == b || !(d->tokens[b].flags & RC_TOK_STOP))) {
            *w = W_ACTX;
            return RC_ENT_ORG;
        }
    }
    if (a > 0 && tok_in(v, a - 1, V_PREP)) {
        *w = W_MULTI;
        return RC_ENT_PLACE;
    }
    if (a > 0 && tok_in(v, a - 1, V_THE)) {
        *w = W_CTX;
        return RC_ENT_ORG;
    }
    if (b < d->ntokens && (tok_in(v, b, V_SAYNOW) ||
                           (b + 1 < d->ntokens && tok_is(d, b, 'a') && tok_in(v, b + 1, V_SAYPAST)))) {
        *w = W_CTX;
        return RC_ENT_PERSON;
    }
    return RC_ENT_OTHER;
}

/* Classify and record the name sequence [a, b) (name tokens, connectors
 * inside; the last one possessive when trim > 0), with optional title start
 * ts (== a when none). */
static void classify(ctx *c, size_t ts, size_t a, size_t b, size_t trim, int title, int role,
                     int initial)
{
    rc_doc *d = c->d;
    const tview *v = &c->v;
    const char *s = d->text + d->tokens[a].start;
    size_t n = d->tokens[b - 1].end - trim - d->tokens[a].start;
    size_t nwords = 0;
    for (size_t i = a; i < b; i++)
        if (name_word(v, i))
            nwords++;
    /* news agency */
    size_t al = 0;
    const char *ag = rc_agency_prefix(s, n, &al);
    if (ag && al == n) {
        add_mention(c, a, b, a, trim, RC_ENT_ORG);
        return;
    }
    /* organisation cue word inside the name, or a lower-case cue before it */
    int cue = 0;
    for (size_t i = a; i < b; i++)
        if (tok_in(v, i, V_ORGCUE))
            cue = 1;
    if (cue) {
        size_t e = b;
        if (tok_in(v, a, V_ORGCUE) && (!d->lang || strcmp(d->lang, "fr") == 0))
            e = b == a + 1 ? org_tail(v, a, d->ntokens) : b;
        add_mention(c, a, e, a, e == b ? trim : 0, RC_ENT_ORG);
        return;
    }
    if (a > 0 && tok_in(v, a - 1, V_OFS))
        for (size_t p = a; p > 0 && p + 5 > a; p--) {
            const rc_token *q = &d->tokens[p - 1];
            if (!(q->flags & RC_TOK_WORD) || (q->flags & RC_TOK_CAP))
                break;
            if (tok_in(v, p - 1, V_ORGCUE)) {
                add_mention(c, p - 1, b, p - 1, trim, RC_ENT_ORG);
                return;
            }
            if (tok_in(v, p - 1, V_ROLE))
                return;     /* "ministre des Affaires étrangères": part of a role */
        }
    if (title || initial) {
        add_mention(c, ts, b, title ? a : ts, trim, RC_ENT_PERSON);
        return;
    }
    rc_gaz_hit h;
    if (rc_gaz_find(s, n, &h) || (nwords == 1 && rc_gaz_find_phonetic(s, n, &h))) {
        add_mention(c, a, b, a, trim, RC_ENT_PLACE);
        return;
    }
    if (b == a + 1 && (d->tokens[a].flags & RC_TOK_UPPER) && n <= 6) {
        add_mention(c, a, b, a, trim, RC_ENT_ORG);
        return;
    }
    if (role || nwords >= 2) {
        add_mention(c, a, b, a, trim, RC_ENT_PERSON);
        return;
    }
    int w;
    rc_etype t = context_type(v, a, b, trim > 0, &w);
    add_mention(c, a, b, a, trim, t);
}

/* 1 when sentence-initial token i is a common word, not a name. */
static int common_opener(const ctx *c, size_t i)
{
    const rc_doc *d = c->d;
    if ((d->tokens[i].flags & RC_TOK_STOP) || tok_in(&c->v, i, V_OPENER))
        return 1;
    return hset_has(&c->lower, tok_hash(d, i));
}

/* The named structure around the name [a, b): "X dam" (returns 1, *ms = a,
 * *me = b + 1) or "barrage de X" (*ms = a - 2, *me = b), with *cls the
 * canonical class ("dam"); 0 when none. */
static int facility_at(const tview *v, size_t a, size_t b, size_t *ms, size_t *me, const char **cls)
{
    const rc_doc *d = v->d;
    const ventry *e;
    if (b < d->ntokens && tok_lower(d, b) && d->tokens[b].sentence == d->tokens[a].sentence &&
        (e = vlookup(d->text + d->tokens[b].start, d->tokens[b].end - d->tokens[b].start)) &&
        e->facil) {
        *ms = a;
        *me = b + 1;
        *cls = FACILITIES[e->facil - 1][1];
        return 1;
    }
    if (a >= 2 && tok_in(v, a - 1, V_DE) && tok_lower(d, a - 1) && tok_lower(d, a - 2) &&
        (e = vlookup(d->text + d->tokens[a - 2].start, d->tokens[a - 2].end - d->tokens[a - 2].start)) &&
        e->facil && d->tokens[a - 2].sentence == d->tokens[a].sentence) {
        *ms = a - 2;
        *me = b;
        *cls = FACILITIES[e->facil - 1][1];
        return 1;
    }
    return 0;
}

/* A full name's key indexed by the hash of one of its words. */
typedef struct wkey {
    uint64_t h;
    const char *key;
} wkey;

/* qsort comparator on wkey: hash, then key. */
static int wkey_cmp(const void *a, const void *b)
{
    const wkey *x = a, *y = b;
    if (x->h != y->h)
        return x->h < y->h ? -1 : 1;
    return strcmp(x->key, y->key);
}

/* The one key in sorted ix[n] with hash h whose last word (first word when
 * first) is w and whose first letter is init (any when 0); NULL when none
 * or several. */
static const char *unique_key(const wkey *ix, size_t n, uint64_t h, const char *w, int first, char init)
{
    size_t lo = 0, hi = n, wl = strlen(w);
    const char *found = NULL;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ix[mid].h < h)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < n && ix[i].h == h; i++) {
        const char *yk = ix[i].key;
        const char *ys = first ? strchr(yk, ' ') : strrchr(yk, ' ');
        int ok = first ? ((size_t)(ys - yk) == wl && memcmp(yk, w, wl) == 0) : strcmp(ys + 1, w) == 0;
        if (!ok || (init && yk[0] != init))
            continue;
        if (found && strcmp(found, yk) != 0)
            return NULL;
        found = yk;
    }
    return found;
}

int rc_extract_entities(rc_doc *d, rc_facts *f)
{
    ctx c = {.d = d, .f = f};
    size_t first = f->nmentions;
    pthread_once(&g_vonce, vocab_init);
    uint32_t *cls = rc_calloc(d->ntokens ? d->ntokens : 1, sizeof *cls);
    c.v = (tview){d, cls};
    for (size_t i = 0; i < d->ntokens; i++) {
        const rc_token *t = &d->tokens[i];
        if (!(t->flags & RC_TOK_WORD))
            continue;
        cls[i] = vmask_tok(d, i);
        if (!(t->flags & (RC_TOK_CAP | RC_TOK_UPPER)))
            hset_add(&c.lower, tok_hash(d, i));
    }
    const tview *v = &c.v;
    size_t role_tok = (size_t)-1;
    size_t i = 0;
    while (i < d->ntokens) {
        const rc_token *t = &d->tokens[i];
        if ((t->flags & RC_TOK_WORD) && !(t->flags & RC_TOK_CAP) && tok_in(v, i, V_ROLE))
            role_tok = i;
        size_t ts = i, a = i;
        int title = 0, initial = 0;
        if (courtesy_at(v, i, &a))
            title = 1;
        else if (initial_at(v, i)) {
            initial = 1;
            a = i + 2;
        } else if (!name_word(v, i)) {
            i++;
            continue;
        }
        /* the name: capitalised words, connectors between them, <= 8 words;
         * a possessive ends it */
        size_t b = a + 1, words = 1;
        int orgname = tok_in(v, a, V_ORGCUE);
        while (b < d->ntokens && words < 8 && !possessive_len(d, b - 1) &&
               d->tokens[b].sentence == d->tokens[a].sentence) {
            if (name_word(v, b) && !courtesy_at(v, b, &(size_t){0}) &&
                !((d->tokens[b].flags & RC_TOK_UPPER) != (d->tokens[b - 1].flags & RC_TOK_UPPER) && words == 1 && tok_in(v, b, V_ROLE))) {
                orgname |= tok_in(v, b, V_ORGCUE);
                b++;
                words++;
                continue;
            }
            /* an organisation name runs on over its connectors
             * ("Institute for Regional Studies") */
            if (orgname && tok_in(v, b, V_ORGCONN) && b + 1 < d->ntokens && name_word(v, b + 1) &&
                d->tokens[b + 1].sentence == d->tokens[a].sentence) {
                b += 2;
                words++;
                continue;
            }
            size_t k = b;
            while (k < d->ntokens && k < b + 2 && tok_in(v, k, V_CONN))
                k++;
            if (k > b && k < d->ntokens && name_word(v, k) && d->tokens[k].sentence == d->tokens[a].sentence &&
                !(k + 1 < d->ntokens && name_word(v, k + 1))) {
                b = k;
                continue;
            }
            break;
        }
        int role = 0;
        /* drop sentence-initial common words and role words in front:
         * "Prime Minister X Y", "Foreign Minister X" */
        if (!title && !initial) {
            for (;;) {
                while (a < b && (((d->tokens[a].flags & RC_TOK_SENT_START) && common_opener(&c, a)) ||
                                 (d->tokens[a].flags & RC_TOK_STOP) || tok_in(v, a, V_ROLE) ||
                                 tok_in(v, a, V_CONN))) {
                    role |= tok_in(v, a, V_ROLE);
                    a++;
                }
                size_t p = a, lastrole = (size_t)-1;
                while (p < b && tok_in(v, p, V_ROLE | V_ROLEMOD | V_CONN)) {
                    if (tok_in(v, p, V_ROLE))
                        lastrole = p;
                    p++;
                }
                if (lastrole == (size_t)-1 || lastrole + 1 >= b || tok_in(v, lastrole + 1, V_ORGCUE))
                    break;
                a = lastrole + 1;
                role = 1;
            }
            while (b > a && tok_in(v, b - 1, V_CONN))
                b--;
            ts = a;
        }
        if (a >= b) {
            i = b > i ? b : i + 1;
            continue;
        }
        size_t trim = possessive_len(d, b - 1);
        /* named structures: "X dam", "barrage de X" */
        size_t ms, me;
        const char *fcls;
        if (!title && !initial && facility_at(v, a, b, &ms, &me, &fcls)) {
            add_mention(&c, ms, me, a, 0, RC_ENT_OTHER);
            /* the key: the name then the class ("senne dam") */
            rc_mention *m = &f->mentions[f->nmentions - 1];
            char k[256];
            size_t kl = rc_fold_key(d->text + d->tokens[a].start,
                                    d->tokens[b - 1].end - trim - d->tokens[a].start, k, sizeof k - 24);
            size_t sl = strlen(fcls);
            k[kl++] = ' ';
            memcpy(k + kl, fcls, sl);
            kl += sl;
            m->key = rc_arena_strndup(d->arena, k, kl);
            i = me > i ? me : i + 1;
            continue;
        }
        /* a lone sentence-initial word with no support here (capitalised
         * elsewhere mid-sentence, an acronym, an agency or a place) is still
         * recorded: the merge keeps it only when another document names it */
        role |= role_tok != (size_t)-1 && role_tok < a && a - role_tok <= 10 &&
                d->tokens[role_tok].sentence == d->tokens[a].sentence;
        /* apposition: "X, porte-parole du ..." */
        if (b + 1 < d->ntokens && tok_is(d, b, ',') && tok_in(v, b + 1, V_ROLE))
            role = 1;
        size_t before = f->nmentions;
        classify(&c, ts, a, b, trim, title, role, initial);
        if (role && f->nmentions > before && f->mentions[before].type == RC_ENT_PERSON)
            role_tok = (size_t)-1;
        size_t next = b;
        if (f->nmentions > before) {
            /* an organisation tail may run past b */
            while (next < d->ntokens && d->tokens[next].start < f->mentions[before].end)
                next++;
        }
        i = next > i ? next : i + 1;
    }
    /* within the document: a surname alone, with a title or an initial,
     * takes the key of the one longer name ending (or starting) with it;
     * full names are indexed once by last and by first word */
    size_t nix = 0;
    wkey *ix = rc_calloc(2 * (f->nmentions - first) + 1, sizeof *ix);
    for (size_t o = first; o < f->nmentions; o++) {
        const rc_mention *y = &f->mentions[o];
        const char *yk = y->key, *ys = strchr(yk, ' ');
        if (y->type != RC_ENT_PERSON || !ys || (yk[1] == '.' && ys == yk + 2))
            continue;
        const char *ye = strrchr(yk, ' ');
        ix[nix++] = (wkey){rc_hash64(ye + 1, strlen(ye + 1), 21), yk};
        ix[nix++] = (wkey){rc_hash64(yk, (size_t)(ys - yk), 21) ^ 1, yk};
    }
    qsort(ix, nix, sizeof *ix, wkey_cmp);
    for (size_t m = first; m < f->nmentions; m++) {
        rc_mention *x = &f->mentions[m];
        if (x->type != RC_ENT_PERSON && x->type != RC_ENT_OTHER)
            continue;
        const char *k = x->key, *sp = strrchr(k, ' ');
        char init = 0;
        if (sp && sp - k == 2 && k[1] == '.') {
            init = k[0];
            k = sp + 1;
        } else if (sp)
            continue;
        uint64_t h = rc_hash64(k, strlen(k), 21);
        const char *hit = unique_key(ix, nix, h, k, 0, init);
        if (!hit && !init)
            hit = unique_key(ix, nix, h ^ 1, k, 1, 0);
        if (hit) {
            x->key = hit;
            x->type = RC_ENT_PERSON;
        }
    }
    free(ix);
    free(c.lower.v);
    free(cls);
    return RC_OK;
}

/* ---- the cross-document entity table ---------------------------------- */

typedef struct rec {
    rc_mention *m;
    uint32_t doc;
    const char *surface;    /* as written (table arena) */
    uint64_t group;         /* hash of the group key */
    uint64_t first, last;   /* phonetic hashes of the first and last name words */
    int words;              /* name words in the key */
    char initial;           /* initial of "s. choigou" keys, else 0 */
    int weight;
    int weak;               /* a lone sentence-initial word, nowhere else in its document */
    rc_etype type;
    size_t cluster;
} rec;

/* What a record takes from its mention's name alone: everything
 * rc_entities_add derives from the surface, the key and the extractor's
 * type, looked up once per distinct (surface, key, type) of the run (a
 * name recurs in most articles of an event). The words around the
 * mention (context weight, lone sentence opener) stay per mention. */
typedef struct nameinfo {
    uint64_t h;             /* hash of (surface, key, type) */
    const char *surface;    /* as written (table arena), slen bytes */
    size_t slen;
    const char *key;        /* the mention's key (table arena) */
    rc_etype mtype;         /* the extractor's type */
    rc_etype type;          /* the record's type */
    uint64_t group, first, last;
    int words;
    char initial;
    int weight;             /* before the context weight */
    int titled;             /* the surface folds longer than the key */
    int named;              /* neither agency nor gazetteer place: the
                               context weight and weak test apply */
} nameinfo;

struct rc_entity_table {
    rc_arena *arena;        /* records, strings (kept across merges) */
    rc_arena *out;          /* entities of the last merge */
    rec *recs;
    size_t nrecs, caprecs;
    const char **docs;
    size_t ndocs, capdocs;
    rc_entity *ents;
    size_t nents;
    nameinfo *names;        /* distinct names of the run */
    size_t nnames, capnames;
    uint32_t *slots;        /* open addressing: names index + 1, 0 = empty */
    size_t capslots;        /* power of two, > 2 * nnames */
};

rc_entity_table *rc_entities_new(void)
{
    rc_entity_table *t = rc_calloc(1, sizeof *t);
    t->arena = rc_arena_new();
    t->out = rc_arena_new();
    return t;
}

void rc_entities_free(rc_entity_table *t)
{
    if (!t)
        return;
    rc_arena_free(t->arena);
    rc_arena_free(t->out);
    free(t->recs);
    free(t->docs);
    free(t->names);
    free(t->slots);
    free(t);
}

const char *rc_etype_name(rc_etype type)
{
    switch (type) {
    case RC_ENT_PERSON: return "person";
    case RC_ENT_PLACE: return "place";
    case RC_ENT_ORG: return "organization";
    default: return "other";
    }
}

/* Phonetic hash of the key's word [s, e). */
static uint64_t word_hash(const char *s, size_t n)
{
    char k[128];
    size_t kl = rc_translit_key(s, n, k, sizeof k);
    return rc_hash64(k, kl, 11);
}

/* Index of the token where mention m starts, or d->ntokens when none.
 * *from is the previous mention's answer (0 at first): mentions come in
 * text order, so the search starts near it. *from is updated. */
static size_t mention_token(const rc_doc *d, const rc_mention *m, size_t *from)
{
    size_t lo = rc_textmodel_token_from_near(d, *from, m->start);
    *from = lo;
    return lo < d->ntokens && d->tokens[lo].start == m->start ? lo : d->ntokens;
}

/* 1 when mention m (starting at token ti) is one word opening a sentence. */
static int lone_initial(const rc_doc *d, const rc_mention *m, size_t ti)
{
    if (ti >= d->ntokens || !(d->tokens[ti].flags & RC_TOK_SENT_START))
        return 0;
    return d->tokens[ti].end - possessive_len(d, ti) == m->end ||
           d->tokens[ti].end == m->end;
}

/* Fill ni (h, surface, slen, key, mtype set) from the name alone: its
 * type, group key, first and last word hashes, words, initial, weight
 * and titled, as rc_entities_add records them. */
static void name_fill(nameinfo *ni)
{
    const char *k = ni->key;
    size_t kl = strlen(k);
    size_t sl = strlen(ni->surface);
    char g[300];
    rc_gaz_hit h;
    const char *ag = rc_agency_lookup(ni->surface, sl);
    ni->type = ni->mtype;
    if (ag) {
        g[0] = 'a';
        size_t gl = 1 + rc_fold_key(ag, strlen(ag), g + 1, sizeof g - 1);
        ni->group = rc_hash64(g, gl, 3);
        ni->type = RC_ENT_ORG;
        ni->weight = W_AGENCY;
    } else if (ni->mtype == RC_ENT_PLACE &&
               (rc_gaz_find(k, kl, &h) || rc_gaz_find_phonetic(k, kl, &h))) {
        ni->group = rc_hash64(&h.id, sizeof h.id, 5);
        ni->weight = h.kind == RC_GAZ_COUNTRY ? W_COUNTRY : W_CITY;
    } else {
        ni->named = 1;
        const char *p = k;
        if (kl > 3 && k[1] == '.' && k[2] == ' ') {
            ni->initial = k[0];
            p = k + 3;
        }
        g[0] = ni->initial ? ni->initial : 'p';
        size_t gl = 1 + rc_translit_key(p, strlen(p), g + 1, sizeof g - 1);
        ni->group = rc_hash64(g, gl, 3);
        const char *sp = strchr(p, ' '), *ep = strrchr(p, ' ');
        ni->words = 1;
        for (const char *q = p; *q; q++)
            ni->words += *q == ' ';
        if (!sp && gl - 1 < 100) {
            /* one word: its phonetic key is the group's (no cap reached) */
            ni->first = ni->last = rc_hash64(g + 1, gl - 1, 11);
        } else {
            ni->first = word_hash(p, sp ? (size_t)(sp - p) : strlen(p));
            ni->last = word_hash(ep ? ep + 1 : p, strlen(ep ? ep + 1 : p));
        }
        ni->titled = rc_fold_key(ni->surface, sl, g, sizeof g) != kl;
        ni->weight = ni->mtype == RC_ENT_OTHER ? 0
                     : ni->initial ? W_INITIAL
                     : (ni->titled && ni->mtype == RC_ENT_PERSON) ? W_TITLE
                     : (ni->mtype == RC_ENT_ORG && kl > 6) ? W_CUE : W_MULTI;
        if (ni->mtype == RC_ENT_PLACE)
            ni->weight = W_MULTI;
        else if (ni->words == 1 && ni->weight == W_MULTI)
            ni->weight = W_CTX;
    }
}

/* The name facts of (surface s[sn], key k, type ty) in t: found, or
 * computed once and kept. The pointer is valid until the next call. */
static const nameinfo *name_of(rc_entity_table *t, const char *s, size_t sn, const char *k,
                               rc_etype ty)
{
    size_t kl = strlen(k);
    uint64_t h = rc_hash64(s, sn, 19) ^ (rc_hash64(k, kl, 23) * 0x9E3779B97F4A7C15ULL) ^
                 (uint64_t)ty;
    if ((t->nnames + 1) * 2 > t->capslots) {
        size_t nc = t->capslots ? t->capslots * 2 : 1024;
        uint32_t *ns = rc_calloc(nc, sizeof *ns);
        for (size_t i = 0; i < t->nnames; i++) {
            size_t j = t->names[i].h & (nc - 1);
            while (ns[j])
                j = (j + 1) & (nc - 1);
            ns[j] = (uint32_t)(i + 1);
        }
        free(t->slots);
        t->slots = ns;
        t->capslots = nc;
    }
    size_t j = h & (t->capslots - 1);
    for (; t->slots[j]; j = (j + 1) & (t->capslots - 1)) {
        const nameinfo *ni = &t->names[t->slots[j] - 1];
        if (ni->h == h && ni->mtype == ty && ni->slen == sn && memcmp(ni->surface, s, sn) == 0 &&
            strcmp(ni->key, k) == 0)
            return ni;
    }
    if (t->nnames == t->capnames) {
        t->capnames = t->capnames ? t->capnames * 2 : 256;
        t->names = rc_reallocarray(t->names, t->capnames, sizeof *t->names);
    }
    nameinfo *ni = &t->names[t->nnames];
    memset(ni, 0, sizeof *ni);
    ni->h = h;
    ni->surface = rc_arena_strndup(t->arena, s, sn);
    ni->slen = sn;
    ni->key = rc_arena_strndup(t->arena, k, kl);
    ni->mtype = ty;
    name_fill(ni);
    t->slots[j] = (uint32_t)(++t->nnames);
    return ni;
}

int rc_entities_add(rc_entity_table *t, const rc_doc *d, rc_facts *f)
{
    if (t->ndocs == t->capdocs) {
        t->capdocs = t->capdocs ? t->capdocs * 2 : 16;
        t->docs = rc_reallocarray(t->docs, t->capdocs, sizeof *t->docs);
    }
    uint32_t di = (uint32_t)t->ndocs;
    t->docs[t->ndocs++] = rc_arena_strdup(t->arena, d->id ? d->id : "");
    pthread_once(&g_vonce, vocab_init);   /* tcls may read the vocabulary directly */
    /* keys named somewhere other than as a lone sentence-initial word */
    hset strong = {0};
    size_t *tokof = rc_calloc(f->nmentions ? f->nmentions : 1, sizeof *tokof);
    size_t from = 0;
    for (size_t i = 0; i < f->nmentions; i++) {
        rc_mention *m = &f->mentions[i];
        tokof[i] = mention_token(d, m, &from);
        if (m->key && !lone_initial(d, m, tokof[i]))
            hset_add(&strong, rc_hash64(m->key, strlen(m->key), 17));
    }
    const tview tv = {d, NULL};
    for (size_t i = 0; i < f->nmentions; i++) {
        rc_mention *m = &f->mentions[i];
        if (m->end <= m->start || m->end > d->text_len || !m->key)
            continue;
        if (t->nrecs == t->caprecs) {
            t->caprecs = t->caprecs ? t->caprecs * 2 : 256;
            t->recs = rc_reallocarray(t->recs, t->caprecs, sizeof *t->recs);
        }
        const nameinfo *ni = name_of(t, d->text + m->start, m->end - m->start, m->key, m->type);
        rec *r = &t->recs[t->nrecs++];
        memset(r, 0, sizeof *r);
        r->m = m;
        r->doc = di;
        r->type = ni->type;
        r->surface = ni->surface;
        r->group = ni->group;
        r->weight = ni->weight;
        r->initial = ni->initial;
        r->words = ni->words;
        r->first = ni->first;
        r->last = ni->last;
        if (ni->named) {
            /* a one-word name typed by the words around it: their weight */
            size_t ta = tokof[i];
            if (r->words == 1 && !r->initial && !ni->titled && ta < d->ntokens &&
                d->tokens[ta].end - possessive_len(d, ta) == m->end) {
                int cw;
                rc_etype ct = context_type(&tv, ta, ta + 1, possessive_len(d, ta) > 0, &cw);
                if (ct == m->type && cw > r->weight)
                    r->weight = cw;
            }
            r->weak = lone_initial(d, m, ta) &&
                      !hset_has(&strong, rc_hash64(m->key, strlen(m->key), 17));
        }
    }
    free(strong.v);
    free(tokof);
    return RC_OK;
}

typedef struct hc {
    uint64_t h;
    size_t c;
} hc;

/* Root of cluster c in the union-find parent array. */
static size_t root(size_t *parent, size_t c)
{
    while (parent[c] != c) {
        parent[c] = parent[parent[c]];
        c = parent[c];
    }
    return c;
}

/* The one cluster in sorted idx[n] with hash h that is a full person name
 * (compatible with initial ini), or (size_t)-1 when none or several. */
static size_t unique_full(const hc *idx, size_t n, uint64_t h, const rec *recs,
                          const size_t *rep, size_t *parent, char ini)
{
    size_t lo = 0, hi = n, found = (size_t)-1;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (idx[mid].h < h)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < n && idx[i].h == h; i++) {
        const rec *r = &recs[rep[idx[i].c]];
        if (ini) {
            char f[8];
            rc_fold_key(r->m->key, 1, f, sizeof f);
            if (f[0] != ini)
                continue;
        }
        size_t c = root(parent, idx[i].c);
        if (found != (size_t)-1 && found != c)
            return (size_t)-1;
        found = c;
    }
    return found;
}

typedef struct vrec {
    size_t root;
    const char *surface;
    uint32_t doc;
    size_t rec;             /* index of the record in t->recs */
} vrec;

/* 1 when surfaces a and b read the same (the same pointer when they come
 * from one distinct name of the table). */
static inline int same_surface(const char *a, const char *b)
{
    return a == b || strcmp(a, b) == 0;
}

/* qsort comparator on entities: documents, mentions (descending), name. */
static int ent_cmp(const void *a, const void *b)
{
    const rc_entity *x = a, *y = b;
    if (x->ndocs != y->ndocs)
        return x->ndocs > y->ndocs ? -1 : 1;
    if (x->nmentions != y->nmentions)
        return x->nmentions > y->nmentions ? -1 : 1;
    return strcmp(x->name, y->name);
}

/* qsort comparator on variants: count descending, then text. */
static int var_cmp(const void *a, const void *b)
{
    const rc_entity_variant *x = a, *y = b;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return strcmp(x->text, y->text);
}

/* STABLE_SORT(name, T, less) defines name(T *a, size_t n): sort a[n]
 * by less(const T *, const T *), stably (what glibc's qsort does), with
 * the comparison inline rather than a call through a pointer per
 * comparison: insertion sort for runs of up to 16, then merges through a
 * buffer of half the array (name_r, its recursion). */
#define STABLE_SORT(name, T, less)                                          \
    static void name##_r(T *a, T *tmp, size_t n)                            \
    {                                                                       \
        if (n <= 16) {                                                      \
            for (size_t i = 1; i < n; i++) {                                \
                T x = a[i];                                                 \
                size_t j = i;                                               \
                for (; j > 0 && less(&x, &a[j - 1]); j--)                   \
                    a[j] = a[j - 1];                                        \
                a[j] = x;                                                   \
            }                                                               \
            return;                                                         \
        }                                                                   \
        size_t h = n / 2;                                                   \
        name##_r(a, tmp, h);                                                \
        name##_r(a + h, tmp, n - h);                                        \
        if (!less(&a[h], &a[h - 1]))                                        \
            return;                                                         \
        memcpy(tmp, a, h * sizeof *a);                                      \
        size_t i = 0, j = h, k = 0;                                         \
        while (i < h && j < n)                                              \
            a[k++] = less(&a[j], &tmp[i]) ? a[j++] : tmp[i++];              \
        while (i < h)                                                       \
            a[k++] = tmp[i++];                                              \
    }                                                                       \
    static void name(T *a, size_t n)                                        \
    {                                                                       \
        if (n < 2)                                                          \
            return;                                                         \
        T *tmp = rc_malloc((n / 2 + 1) * sizeof *tmp);                      \
        name##_r(a, tmp, n);                                                \
        free(tmp);                                                          \
    }

/* hc order: hash, then cluster. */
static int hc_less(const hc *x, const hc *y)
{
    return x->h != y->h ? x->h < y->h : x->c < y->c;
}

/* hc_sort(a, n): a[n] by hash, then cluster. */
STABLE_SORT(hc_sort, hc, hc_less)

/* vrec order: root, surface, doc (surfaces are shared per distinct name:
 * equal pointers, equal text). */
static int vrec_less(const vrec *x, const vrec *y)
{
    if (x->root != y->root)
        return x->root < y->root;
    if (x->surface != y->surface) {
        int c = strcmp(x->surface, y->surface);
        if (c)
            return c < 0;
    }
    return x->doc < y->doc;
}

/* u32 order: ascending. */
static int u32_less(const uint32_t *x, const uint32_t *y)
{
    return *x < *y;
}

/* u32_sort(a, n): a[n] ascending. */
STABLE_SORT(u32_sort, uint32_t, u32_less)

/* vrec_sort(a, n): a[n] by root, surface, doc, stably. */
STABLE_SORT(vrec_sort, vrec, vrec_less)

int rc_entities_merge(rc_entity_table *t)
{
    size_t n = t->nrecs;
    rc_arena_reset(t->out);
    t->ents = NULL;
    t->nents = 0;
    if (n == 0)
        return RC_OK;
    /* 1. groups: equal group keys form one cluster */
    hc *g = rc_calloc(n, sizeof *g);
    for (size_t i = 0; i < n; i++)
        g[i] = (hc){t->recs[i].group, i};
    hc_sort(g, n);
    size_t nc = 0;
    size_t *rep = rc_calloc(n, sizeof *rep);   /* a record of each cluster */
    for (size_t i = 0; i < n; i++) {
        if (i == 0 || g[i].h != g[i - 1].h)
            rep[nc++] = g[i].c;
        t->recs[g[i].c].cluster = nc - 1;
    }
    size_t *parent = rc_calloc(nc, sizeof *parent);
    int *maxwords = rc_calloc(nc, sizeof *maxwords);
    int (*votes)[4] = rc_calloc(nc, sizeof *votes);
    for (size_t c = 0; c < nc; c++)
        parent[c] = c;
    unsigned char *cstrong = rc_calloc(nc, 1);
    for (size_t i = 0; i < n; i++) {
        rec *r = &t->recs[i];
        if (r->words > maxwords[r->cluster])
            maxwords[r->cluster] = r->words;
        votes[r->cluster][r->type] += r->weight;
        cstrong[r->cluster] |= !r->weak;
    }
    /* 2. full person names by last and by first word */
    hc *lastix = rc_calloc(nc, sizeof *lastix), *firstix = rc_calloc(nc, sizeof *firstix);
    size_t nfull = 0;
    for (size_t c = 0; c < nc; c++) {
        const rec *r = &t->recs[rep[c]];
        int best = 0;
        for (int k = 1; k < 4; k++)
            if (votes[c][k] > votes[c][best])
                best = k;
        if (maxwords[c] >= 2 && !r->initial && best == RC_ENT_PERSON) {
            lastix[nfull] = (hc){r->last, c};
            firstix[nfull++] = (hc){r->first, c};
        }
    }
    hc_sort(lastix, nfull);
    hc_sort(firstix, nfull);
    /* 3. a surname alone or with an initial joins its unique full name */
    for (size_t c = 0; c < nc; c++) {
        const rec *r = &t->recs[rep[c]];
        if (maxwords[c] != 1 || r->weight >= W_COUNTRY)
            continue;
        if (votes[c][RC_ENT_PLACE] > votes[c][RC_ENT_PERSON] + 2 ||
            votes[c][RC_ENT_ORG] > votes[c][RC_ENT_PERSON] + 2)
            continue;
        size_t to = unique_full(lastix, nfull, r->last, t->recs, rep, parent, r->initial);
        if (to == (size_t)-1 && !r->initial && cstrong[c])
            to = unique_full(firstix, nfull, r->first, t->recs, rep, parent, 0);
        if (to != (size_t)-1)
            parent[root(parent, c)] = to;
    }
    /* 4. entities: one per root that holds a record other than lone
     * sentence-initial words */
    unsigned char *rstrong = rc_calloc(nc, 1);
    for (size_t c = 0; c < nc; c++)
        rstrong[root(parent, c)] |= cstrong[c];
    vrec *v = rc_calloc(n, sizeof *v);
    size_t nall = n;
    n = 0;
    for (size_t i = 0; i < nall; i++) {
        size_t rt = root(parent, t->recs[i].cluster);
        if (rstrong[rt])
            v[n++] = (vrec){rt, t->recs[i].surface, t->recs[i].doc, i};
    }
    vrec_sort(v, n);
    size_t nroots = 0;
    for (size_t i = 0; i < n; i++)
        nroots += i == 0 || v[i].root != v[i - 1].root;
    t->ents = rc_arena_calloc(t->out, nroots, sizeof *t->ents);
    size_t *ent_of_root = rc_calloc(nc, sizeof *ent_of_root);
    int (*tv)[4] = rc_calloc(nroots, sizeof *tv);
    /* per record: the mentions of its surface in its entity (its
     * variant's count), for the name choice below */
    size_t *varcount = rc_calloc(nall, sizeof *varcount);
    /* an entity's documents: marked in seen[] (cleared after each
     * entity), listed in dl[] and sorted, rather than a scan of every
     * document of the table per entity */
    unsigned char *seen = rc_calloc(t->ndocs ? t->ndocs : 1, 1);
    uint32_t *dl = rc_malloc((n ? n : 1) * sizeof *dl);
    size_t e = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i, nvar = 0;
        while (j < n && v[j].root == v[i].root) {
            nvar += j == i || !same_surface(v[j].surface, v[j - 1].surface);
            j++;
        }
        rc_entity *en = &t->ents[e];
        rc_entity_variant *vars = rc_arena_calloc(t->out, nvar, sizeof *vars);
        const char **docs = rc_arena_calloc(t->out, j - i, sizeof *docs);
        size_t nv = 0, nd = 0;
        for (size_t k = i, vs = i; k < j; k++) {
            if (k == i || !same_surface(v[k].surface, v[k - 1].surface)) {
                vars[nv++] = (rc_entity_variant){v[k].surface, 0};
                vs = k;
            }
            vars[nv - 1].count++;
            if (k + 1 == j || !same_surface(v[k + 1].surface, v[k].surface))
                for (size_t q = vs; q <= k; q++)
                    varcount[v[q].rec] = vars[nv - 1].count;
            if (!seen[v[k].doc]) {
                seen[v[k].doc] = 1;
                dl[nd++] = v[k].doc;
            }
        }
        /* in document order (each surface's run is; several runs merge) */
        if (nv > 1)
            u32_sort(dl, nd);
        for (size_t k = 0; k < nd; k++) {
            docs[k] = t->docs[dl[k]];
            seen[dl[k]] = 0;
        }
        qsort(vars, nv, sizeof *vars, var_cmp);
        en->variants = vars;
        en->nvariants = nv;
        en->docs = docs;
        en->ndocs = nd;
        en->nmentions = j - i;
        ent_of_root[v[i].root] = e;
        e++;
        i = j;
    }
    for (size_t c = 0; c < nc; c++) {
        if (!rstrong[root(parent, c)])
            continue;
        size_t en = ent_of_root[root(parent, c)];
        for (int k = 0; k < 4; k++)
            tv[en][k] += votes[c][k];
    }
    /* name: the key form with most words, most frequent, from its surface */
    int *bestw = rc_calloc(nroots, sizeof *bestw);
    size_t *bestc = rc_calloc(nroots, sizeof *bestc);
    const char **bestn = rc_calloc(nroots, sizeof *bestn);
    for (size_t i = 0; i < nall; i++) {
        rec *r = &t->recs[i];
        if (!rstrong[root(parent, r->cluster)])
            continue;
        size_t en = ent_of_root[root(parent, r->cluster)];
        /* the name part of the surface: drop a courtesy title in front */
        const char *s = r->surface;
        if (r->m->key && !r->initial) {
            const char *sp = strchr(s, ' ');
            char k0[64];
            if (sp && rc_fold_key(s, (size_t)(sp - s), k0, sizeof k0) &&
                ((vmask(s, (size_t)(sp - s)) & V_COURTESY) ||
                 (sp - s > 1 && s[sp - s - 1] == '.' && (vmask(s, (size_t)(sp - s - 1)) & V_COURTESY))))
                s = sp + 1;
        }
        int w = 1;
        for (const char *q = s; *q; q++)
            w += *q == ' ';
        if (r->initial)
            w = 0;
        size_t cnt = varcount[i];
        if (!bestn[en] || w > bestw[en] || (w == bestw[en] && cnt > bestc[en])) {
            bestn[en] = s;
            bestw[en] = w;
            bestc[en] = cnt;
        }
    }
    for (size_t k = 0; k < nroots; k++) {
        int best = 0;
        for (int ty = 1; ty < 4; ty++)
            if (tv[k][ty] > tv[k][best])
                best = ty;
        t->ents[k].type = (rc_etype)best;
        t->ents[k].name = bestn[k];
    }
    /* sort, then point mentions at their sorted index */
    size_t *order = rc_calloc(nroots, sizeof *order);
    rc_entity *sorted = rc_arena_calloc(t->out, nroots, sizeof *sorted);
    memcpy(sorted, t->ents, nroots * sizeof *sorted);
    /* remember old positions through the name pointer pairs */
    typedef struct { rc_entity e; size_t old; } tagged;
    tagged *tg = rc_calloc(nroots, sizeof *tg);
    for (size_t k = 0; k < nroots; k++)
        tg[k] = (tagged){t->ents[k], k};
    qsort(tg, nroots, sizeof *tg, ent_cmp);   /* rc_entity is the first member */
    for (size_t k = 0; k < nroots; k++) {
        sorted[k] = tg[k].e;
        order[tg[k].old] = k;
    }
    t->ents = sorted;
    t->nents = nroots;
    for (size_t i = 0; i < nall; i++) {
        rec *r = &t->recs[i];
        if (!rstrong[root(parent, r->cluster)]) {
            r->m->entity = -1;
            continue;
        }
        r->m->entity = (int)order[ent_of_root[root(parent, r->cluster)]];
        /* the merged entity's type is the vote of all its mentions: every
         * mention takes it, so one name reads the same everywhere */
        r->m->type = t->ents[r->m->entity].type;
    }
    free(tg);
    free(order);
    free(seen);
    free(dl);
    free(varcount);
    free(rstrong);
    free(cstrong);
    free(bestw);
    free(bestc);
    free(bestn);
    free(tv);
    free(ent_of_root);
    free(v);
    free(lastix);
    free(firstix);
    free(votes);
    free(maxwords);
    free(parent);
    free(rep);
    free(g);
    return RC_OK;
}

size_t rc_entities_count(const rc_entity_table *t)
{
    return t->nents;
}

const rc_entity *rc_entities_get(const rc_entity_table *t, size_t i)
{
    return i < t->nents ? &t->ents[i] : NULL;
}
