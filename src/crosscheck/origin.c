/*
 * origin.c - the attribution of a sentence; see origin.h.
 */
#include "crosscheck/origin.h"
#include "crosscheck/cuepairs.h"
#include "meta/credits.h"
#include "meta/fold.h"
#include "text/textmodel.h"
#include "util/hash.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Cue prefixes, folded (lower case, no accents), per language and kind. A
 * word matches when it starts with the prefix; an entry ending in '$' must
 * match the whole word. */
static const struct {
    const char *lang, *kind;
    const char *const *prefixes;
} CUES[] = {
    {"fr", "dispute", (const char *const[]){"rejet", "rejett", "dement", "nie$", "nient$",
                                             "nier$", "niant$", "contest", "refut", "infirm",
                                             "dementi", "desavou", "contrairement$", NULL}},
    {"en", "dispute", (const char *const[]){"deny$", "denied$", "denies$", "denial", "denying$",
                                             "reject", "disput", "refut", "rebut", "contradict",
                                             "dismissed$", "contrary$", NULL}},
    {"fr", "distance", (const char *const[]){"affirm", "revendi", "pretend", "allegu",
                                              "allegation", "presum", "soi-disant$", "rumeur", NULL}},
    {"en", "distance", (const char *const[]){"claim", "alleg", "purport", "insist",
                                              "asserted$", "supposed", "rumour", "rumor", NULL}},
    {"fr", "attribute", (const char *const[]){"selon$", "d'apres$", "revendication", "aurait$",
                                               "auraient$", NULL}},
    {"en", "attribute", (const char *const[]){"according$", "reportedly$", "allegedly$",
                                               "reported$", "reports$", NULL}},
};

/* The kinds of CUES[c] as RC_CUE_* bits. */
static unsigned cue_bit(const char *kind)
{
    return kind[1] == 'i' ? (kind[2] == 's' && kind[3] == 'p' ? RC_CUE_DISPUTE : RC_CUE_DISTANCE)
                          : RC_CUE_ATTRIBUTE;
}

static unsigned cue_mask_key(int lc, unsigned want, const char *key, size_t kl);

/* The first two letters of the cue lists (cue) and of the cue and joint
 * announcement lists (all); the cue lists by first letter, tagged c for
 * CUES[c] (ix), with each list's RC_CUE_* bit and the RC_CUE_* bits of
 * each language code's lists (rc_cue_lang: lbits[lc] holds bit[c] for each
 * list c of that language); joint_step's lists by first letter, tagged l
 * for JL_ bit 1 << l (jl); built once per thread. */
enum { NCUES = sizeof CUES / sizeof *CUES, NJOINT = 6 };
typedef struct starters {
    int ready;
    rc_cuepairs cue, all;
    rc_cueindex ix;
    unsigned bit[NCUES];
    uint32_t lists[4];       /* per rc_cue_lang code: bit c for each list c it reads */
    rc_cueindex jl;
} starters;
static _Thread_local starters g_starters;

static const starters *get_starters(void);

/* RC_CUE_* bits of the cue lists (kinds in want, language lang: "fr",
 * "en", NULL both) that the folded word w[n] matches: one folding for all
 * the lists. */
static unsigned cue_mask(const char *lang, unsigned want, const char *w, size_t n)
{
    /* no folding for most words: when the first three bytes are plain
     * ASCII (no apostrophe, no space), the folded key starts with the
     * first letter in lower case and has no elision, and a first letter
     * that starts no prefix of CUES (their first letters, "d'apres"
     * included: keep in step) matches nothing */
    if (rc_cuepairs_miss(&get_starters()->cue, w, n))
        return 0;
    if (n && (unsigned char)w[0] < 0x80) {
        int plain = 1;
        for (size_t i = 0; i < n && i < 3; i++) {
            unsigned char c = (unsigned char)w[i];
            plain &= c < 0x80 && c != '\'' && c != ' ' && c != '\t' && c != '\n' && c != '\r';
        }
        unsigned char c0 = (unsigned char)w[0];
        if (c0 >= 'A' && c0 <= 'Z')
            c0 = (unsigned char)(c0 + 32);
        if (plain && !strchr("acdinprs", c0))
            return 0;
    }
    char key[64];
    size_t kl = rc_fold_key(w, n, key, sizeof key);
    return cue_mask_key(rc_cue_lang(lang), want, key, kl);
}

/* cue_mask of a word already folded (rc_fold_key into 64 bytes): key[kl],
 * for the language of code lc (rc_cue_lang). */
static unsigned cue_mask_key(int lc, unsigned want, const char *key, size_t kl)
{
    const char *k = key;
    /* elision: "l'", "d'", "n'", "qu'" before the word */
    const char *ap = memchr(key, '\'', kl < 4 ? kl : 4);
    if (ap && ap - key <= 2 && strncmp(key, "d'apres", 7) != 0) {
        kl -= (size_t)(ap + 1 - key);
        k = ap + 1;
    }
    unsigned got = 0;
    const starters *st = get_starters();
    /* the lists holding the word, of the language's: their kinds */
    uint32_t hit = rc_cueindex_tags(&st->ix, k, kl) & st->lists[lc];
    for (; hit; hit &= hit - 1)
        got |= st->bit[__builtin_ctz(hit)];
    return got & want;
}

/* See origin.h. */
int rc_origin_cue(const char *lang, const char *kind, const char *w, size_t n)
{
    unsigned bit = strcmp(kind, "dispute") == 0    ? RC_CUE_DISPUTE
                   : strcmp(kind, "distance") == 0 ? RC_CUE_DISTANCE
                   : strcmp(kind, "attribute") == 0 ? RC_CUE_ATTRIBUTE
                                                    : 0;
    return bit && cue_mask(lang, bit, w, n) != 0;
}

/* See origin.h. */
unsigned rc_origin_cues(const char *lang, const char *w, size_t n)
{
    return cue_mask(lang, RC_CUE_DISPUTE | RC_CUE_DISTANCE | RC_CUE_ATTRIBUTE, w, n);
}

/* Canonical name of mention m's merged entity when it is a person ("S.
 * Choïgou" -> "Sergueï Choïgou"; a description such as "l'ambassade russe
 * à X" keeps its own words), else NULL. *entity receives the entity index
 * (-1 when none): the independence key. */
static const char *entity_name(const rc_entity_table *et, const rc_facts *f, int m, int *entity)
{
    *entity = -1;
    if (m < 0 || (size_t)m >= f->nmentions || f->mentions[m].entity < 0 || !et)
        return NULL;
    const rc_entity *e = rc_entities_get(et, (size_t)f->mentions[m].entity);
    if (!e)
        return NULL;
    *entity = f->mentions[m].entity;
    return e->type == RC_ENT_PERSON ? e->name : NULL;
}

/* A word of a fixed list with its length (LW("word")). */
typedef struct lword {
    const char *w;
    size_t n;
} lword;
#define LW(s) {s, sizeof s - 1}

/* 1 when a cited source names a news agency or a relay of one ("les
 * agences russes", "state media"). */
static int agency_like_n(const char *s, size_t n)
{
    if (rc_agency_lookup(s, n))
        return 1;
    /* the relay words start with a, m or s: a name whose first byte past
     * the folded-away white space is plain ASCII starts its key with that
     * byte in lower case, so another first letter needs no folding */
    size_t i0 = 0;
    while (i0 < n && (s[i0] == ' ' || s[i0] == '\t' || s[i0] == '\n' || s[i0] == '\r'))
        i0++;
    if (i0 == n)
        return 0;               /* (an empty key starts with no relay word) */
    unsigned char c0 = (unsigned char)s[i0];
    if (c0 < 0x80) {
        c0 |= (unsigned char)(c0 >= 'A' && c0 <= 'Z' ? 0x20 : 0);
        if (c0 != 'a' && c0 != 'm' && c0 != 's')
            return 0;
    }
    char key[64];
    size_t kl = rc_fold_key(s, n, key, sizeof key);
    static const lword RELAY[] = {LW("agences"), LW("agencies"), LW("medias"), LW("media"),
                                  LW("state media")};
    for (size_t r = 0; r < sizeof RELAY / sizeof *RELAY; r++)
        if (rc_key_starts_n(key, kl, RELAY[r].w, RELAY[r].n))
            return 1;
    return 0;
}

/* 1 when the cited text t[n] puts its source under a passive accusation
 * ("X est accusé de", "X is accused of", "X a été accusé"): the source is
 * the accused, not who speaks. An active "X accused Y" is a source. */
static int passive_accusation(const char *t, size_t n)
{
    /* plain ASCII text folds by lower case and spaces only: without
     * "accus" in any case it holds no such word, and nothing to find */
    int ascii = 1, accus = 0;
    for (size_t i = 0; i < n && ascii; i++) {
        ascii = (unsigned char)t[i] < 0x80;
        if ((t[i] | 0x20) == 'a' && i + 5 <= n && (t[i + 1] | 0x20) == 'c' &&
            (t[i + 2] | 0x20) == 'c' && (t[i + 3] | 0x20) == 'u' && (t[i + 4] | 0x20) == 's')
            accus = 1;
    }
    if (ascii && !accus)
        return 0;
    char key[256];
    size_t kl = rc_fold_key(t, n, key, sizeof key);
    static const lword BE[] = {LW("est"), LW("sont"), LW("ete"), LW("etait"), LW("etaient"),
                               LW("is"), LW("are"), LW("was"), LW("were"), LW("been"),
                               LW("being"), LW("be")};
    int be = 0;
    for (size_t i = 0; i < kl;) {
        size_t j = i;
        while (j < kl && key[j] != ' ')
            j++;
        if (j - i >= 5 && memcmp(key + i, "accus", 5) == 0)
            return be;
        for (size_t b = 0; b < sizeof BE / sizeof *BE; b++)
            if (BE[b].n == j - i && memcmp(key + i, BE[b].w, j - i) == 0)
                be = 1;
        i = j + 1;
    }
    return 0;
}

/* 1 when a cited source names nobody: its first word (after an article)
 * is a generic head ("une source diplomatique", "according to figures
 * given", "des responsables", "officials"), or the last word of a phrase
 * of at most 4 words is ("state media"), per language. */
static int generic_source_n(const char *s, size_t n)
{
    static const lword ART[] = {LW("les"), LW("le"), LW("la"), LW("l'"), LW("des"),
                                LW("une"), LW("un"), LW("de"), LW("d'"), LW("the"), LW("a"),
                                LW("an"), LW("some"), LW("certains"), LW("plusieurs")};
    static const lword HEAD[] = {
        LW("source"), LW("sources"), LW("figures"), LW("chiffres"), LW("donnees"),
        LW("data"), LW("estimations"), LW("estimates"), LW("rumeurs"), LW("rumors"),
        LW("rumours"), LW("temoin"), LW("temoins"), LW("witness"), LW("witnesses"),
        LW("observateurs"), LW("observers"), LW("informations"), LW("responsables"),
        LW("officials"), LW("official"), LW("proches"), LW("insiders"), LW("people"),
        LW("personnes"), LW("interlocuteurs"), LW("reports"), LW("rapports"), LW("medias"),
        LW("media")};
    char key[128];
    size_t kl = rc_fold_key(s, n, key, sizeof key);
    const char *k = key;
    for (int round = 0; round < 2; round++)
        for (size_t ai = 0; ai < sizeof ART / sizeof *ART; ai++) {
            const char *a = ART[ai].w;
            size_t al = ART[ai].n;
            int apos = a[al - 1] == '\'';
            if (kl > al && memcmp(k, a, al) == 0 && (apos || k[al] == ' ')) {
                k += al + !apos;
                kl -= al + !apos;
                break;
            }
        }
    size_t wl = 0, words = 1;
    while (wl < kl && k[wl] != ' ')
        wl++;
    for (size_t i = 0; i < kl; i++)
        words += k[i] == ' ';
    /* the last word of a short phrase too: English puts the head last
     * ("Velarian officials", "state media") */
    size_t ls = kl;
    while (ls > 0 && k[ls - 1] != ' ')
        ls--;
    for (size_t h = 0; h < sizeof HEAD / sizeof *HEAD; h++) {
        size_t hl = HEAD[h].n;
        if (hl == wl && memcmp(k, HEAD[h].w, wl) == 0)
            return 1;
        if (words <= 4 && hl == kl - ls && memcmp(k + ls, HEAD[h].w, hl) == 0)
            return 1;
    }
    return 0;
}

/* The answers of agency_like and generic_source for a name, kept per
 * thread (both are pure functions of the name's bytes, and the same
 * sources are cited in sentence after sentence: about 2,000 instructions
 * a generic_source test, under 100 a memo hit): a direct-mapped table by
 * the name's hash, each slot the name itself (compared in full, so a
 * collision only evicts) and which answers it holds. */
enum { NAME_MEMO = 256, NAME_MEMO_LEN = 53 };
typedef struct name_memo {
    uint64_t h;             /* hash | 1; 0: empty */
    unsigned char len;
    unsigned char known;    /* 1 agency_like known, 2 generic_source known */
    unsigned char val;      /* the answers, same bits */
    char s[NAME_MEMO_LEN];
} name_memo;
_Static_assert(sizeof(name_memo) == 64, "a name memo slot is one cache line");
static _Thread_local name_memo g_names[NAME_MEMO];

/* The memo slot of s[0..n), emptied for it when it held another name;
 * NULL for a name too long to keep. */
static name_memo *name_slot(const char *s, size_t n)
{
    if (n > NAME_MEMO_LEN)
        return NULL;
    uint64_t h = rc_hash64(s, n, 0x6e616d65ull) | 1;
    name_memo *e = &g_names[(h >> 8) & (NAME_MEMO - 1)];
    if (e->h == h && e->len == n && memcmp(e->s, s, n) == 0)
        return e;
    e->h = h;
    e->len = (unsigned char)n;
    memcpy(e->s, s, n);
    e->known = e->val = 0;
    return e;
}

/* agency_like_n of a string s (0 for NULL), through the memo. */
static int agency_like(const char *s)
{
    if (!s)
        return 0;
    size_t n = strlen(s);
    name_memo *e = name_slot(s, n);
    if (e && (e->known & 1))
        return e->val & 1;
    int r = agency_like_n(s, n);
    if (e) {
        e->known |= 1;
        e->val |= (unsigned char)(r ? 1 : 0);
    }
    return r;
}

/* generic_source_n of a string s, through the memo. */
static int generic_source(const char *s)
{
    size_t n = strlen(s);
    name_memo *e = name_slot(s, n);
    if (e && (e->known & 2))
        return (e->val & 2) != 0;
    int r = generic_source_n(s, n);
    if (e) {
        e->known |= 2;
        e->val |= (unsigned char)(r ? 2 : 0);
    }
    return r;
}

/* 1 when merged entity ent is a place: a capital or a country speaking for
 * its government ("Kérévan a promis"), no named witness. */
static int place_entity(const rc_entity_table *et, int ent)
{
    const rc_entity *e = ent >= 0 && et ? rc_entities_get(et, (size_t)ent) : NULL;
    return e && e->type == RC_ENT_PLACE;
}

/* Add v to a's intermediaries unless there or full or the origin. */
static void add_via(rc_attribution *a, const char *v)
{
    if (!v || a->nvia >= RC_ORIGIN_VIA_MAX || (a->origin && strcmp(a->origin, v) == 0))
        return;
    for (size_t i = 0; i < a->nvia; i++)
        if (strcmp(a->via[i], v) == 0)
            return;
    a->via[a->nvia++] = v;
}

/* The words of joint_step's lists (file scope: the starters table reads
 * them too). */
static const lword JOINTLY[] = {LW("conjointement"), LW("jointly"), {NULL, 0}};
static const lword JOINT[] = {LW("joint"), LW("commun"), LW("commune"), {NULL, 0}};
static const lword STATEMENT[] = {
    LW("statement"), LW("declaration"), LW("communique"), LW("conference"), LW("announcement"),
    LW("news"), LW("press"), LW("declarations"), LW("statements"), {NULL, 0}
};
static const lword TWO[] = {LW("deux"), LW("two"), LW("both"), {NULL, 0}};
static const lword PARTY[] = {
    LW("ministres"), LW("ministers"), LW("chefs"), LW("dirigeants"), LW("leaders"),
    LW("gouvernements"), LW("governments"), LW("presidents"), LW("parties"), LW("sides"),
    LW("pays"), LW("countries"), LW("capitales"), LW("capitals"), LW("premiers"),
    LW("homologues"), LW("counterparts"), {NULL, 0}
};
static const lword SAY[] = {
    LW("annonce"), LW("announced"), LW("declare"), LW("said"), LW("told"), LW("indique"),
    LW("affirme"), LW("stated"), LW("precise"), LW("confirme"), LW("confirmed"), LW("say"),
    LW("announce"), {NULL, 0}
};

/* joint_step's lists, in the order of its JL_ bits. */
static const lword *const JOINT_LISTS[] = {JOINTLY, JOINT, STATEMENT, TWO, PARTY, SAY};
_Static_assert(sizeof JOINT_LISTS / sizeof *JOINT_LISTS == NJOINT, "NJOINT lists");

/* See the starters type. */
static const starters *get_starters(void)
{
    starters *st = &g_starters;
    if (!st->ready) {
        memset(st, 0, sizeof *st);
        for (size_t c = 0; c < NCUES; c++) {
            rc_cuepairs_add(&st->cue, CUES[c].prefixes);
            rc_cuepairs_add(&st->all, CUES[c].prefixes);
            rc_cueindex_must(rc_cueindex_add_list(&st->ix, CUES[c].prefixes, (unsigned)c),
                             "origin");
            st->bit[c] = cue_bit(CUES[c].kind);
            st->lists[0] |= 1u << c;
            st->lists[rc_cue_lang(CUES[c].lang)] |= 1u << c;
        }
        for (size_t l = 0; l < NJOINT; l++)
            for (const lword *w = JOINT_LISTS[l]; w->w; w++) {
                rc_cuepairs_add(&st->all, (const char *const[]){w->w, NULL});
                rc_cueindex_must(rc_cueindex_add(&st->jl, w->w, w->n, 1, (unsigned)l), "origin");
            }
        st->ready = 1;
    }
    return st;
}

/* The words of a joint announcement: "conjointement", "communiqué
 * commun", "déclaration commune", "in a joint statement", "joint news
 * conference", "jointly", or "les deux ministres ont annoncé", "the two
 * leaders said" (two parties and a verb of saying within four words of
 * each other). A sentence's words go through joint_step one by one. */
typedef struct joint_state {
    unsigned prev[2];   /* the lists (JL_ bits) of the two words before */
    long w, party_at, say_at;
    int found;
} joint_state;

/* joint_step's lists, as bits. */
enum { JL_JOINTLY = 1, JL_JOINT = 2, JL_STATEMENT = 4, JL_TWO = 8, JL_PARTY = 16, JL_SAY = 32 };

/* The lists of joint_step holding the folded word k[n] (JL_ bits), each
 * list scanned once. */
static unsigned joint_lists(const char *k, size_t n)
{
    /* (the lists holding the word whole, each tagged with its bit's
     * place: the same answers as scanning each list) */
    return rc_cueindex_tags(&get_starters()->jl, k, n);
}

/* Start s before a sentence's first word. */
static void joint_init(joint_state *s)
{
    memset(s, 0, sizeof *s);
    s->party_at = -100;
    s->say_at = -100;
}

/* Feed the next word of the sentence, folded (rc_fold_key): k[n]; sets
 * s->found once the sentence reports a joint announcement (later words
 * change nothing). A key longer than 23 bytes matches no word (the
 * lists' words are shorter). */
static void joint_step(joint_state *s, const char *k, size_t n)
{
    if (s->found)
        return;
    if (n >= 24)
        n = 23;                 /* (no list word is that long) */
    unsigned m = joint_lists(k, n);
    if (m & JL_JOINTLY) {
        s->found = 1;
        return;
    }
    /* "joint statement", "communiqué commun", "déclaration commune" */
    if (((m & JL_STATEMENT) && (s->prev[0] & JL_JOINT)) ||
        ((m & JL_JOINT) && (s->prev[0] & JL_STATEMENT))) {
        s->found = 1;
        return;
    }
    /* "les deux chefs (de la diplomatie)", "the two foreign ministers" */
    /* ... saying it, within four words either way */
    s->w++;
    if ((m & JL_PARTY) && ((s->prev[0] | s->prev[1]) & JL_TWO))
        s->party_at = s->w;
    if (m & JL_SAY)
        s->say_at = s->w;
    if (s->party_at > 0 && s->say_at > 0 && labs(s->party_at - s->say_at) <= 4) {
        s->found = 1;
        return;
    }
    s->prev[1] = s->prev[0];
    s->prev[0] = m;
}

/* Feed joint_step a word that matches no word of its lists (an empty
 * one: the same state after it). */
static void joint_skip(joint_state *s)
{
    if (s->found)
        return;
    s->w++;
    s->prev[1] = s->prev[0];
    s->prev[0] = 0;
}

/* 1 when the word w[n] can fold to neither a cue (cue_mask's test) nor a
 * word of joint_step's lists: its first three bytes are plain ASCII, so
 * the folded word starts with its first letter in lower case, and no
 * entry starts with that letter (their first letters: keep in step). */
static int plain_nonstarter(const char *w, size_t n)
{
    if (!n || (unsigned char)w[0] >= 0x80)
        return 0;
    for (size_t i = 0; i < n && i < 3; i++) {
        unsigned char c = (unsigned char)w[i];
        if (c >= 0x80 || c == '\'' || c == ' ' || c == '\t' || c == '\n' || c == '\r')
            return 0;
    }
    unsigned char c0 = (unsigned char)w[0];
    if (c0 >= 'A' && c0 <= 'Z')
        c0 = (unsigned char)(c0 + 32);
    return !strchr("abcdghijlmnprst", c0);
}

/* See origin.h. */
void rc_origin_of(const rc_doc *d, const rc_facts *f, const rc_entity_table *et,
                  rc_span sp, uint32_t astart, uint32_t aend, rc_attribution *out)
{
    rc_origin_of_at(d, f, et, sp, rc_textmodel_token_from(d, sp.start), astart, aend, out);
}

/* See origin.h. */
size_t rc_origin_words_of(const rc_doc *d, rc_span sp, size_t t0, rc_origin_words *w,
                          size_t *early)
{
    memset(w, 0, sizeof *w);
    w->cue_at = -1;
    w->ready = 1;
    w->q1 = SIZE_MAX;
    w->c1 = SIZE_MAX;
    const char *lang = d->lang && (strcmp(d->lang, "fr") == 0 || strcmp(d->lang, "en") == 0)
                           ? d->lang : NULL;
    size_t before = 0;
    /* one folding of each word for the cues and the joint announcement */
    joint_state js;
    joint_init(&js);
    const rc_cuepairs *skip = &get_starters()->all;
    int lc = rc_cue_lang(lang);
    size_t t = t0;
    for (; t < d->ntokens; t++) {
        const rc_token *tk = &d->tokens[t];
        if (tk->start < sp.start) {
            before++;
            continue;
        }
        if (!(tk->flags & RC_TOK_WORD))
            continue;
        if (tk->end > sp.end)
            break;
        if (rc_cuepairs_miss(skip, d->text + tk->start, tk->end - tk->start) ||
            plain_nonstarter(d->text + tk->start, tk->end - tk->start)) {
            joint_skip(&js);
            continue;           /* (no cue either) */
        }
        char key[64];
        size_t kl = rc_fold_key(d->text + tk->start, tk->end - tk->start, key, sizeof key);
        joint_step(&js, key, kl);
        unsigned cues = cue_mask_key(lc, RC_CUE_DISPUTE | RC_CUE_DISTANCE | RC_CUE_ATTRIBUTE,
                                     key, kl);
        w->any |= cues != 0;
        w->dispute |= (cues & RC_CUE_DISPUTE) != 0;
        if (cues & RC_CUE_DISTANCE) {
            w->distance = 1;
            if (w->cue_at < 0)
                w->cue_at = (int)tk->end;
        }
        if (w->cue_at < 0 && (cues & RC_CUE_ATTRIBUTE))
            w->cue_at = (int)tk->end;
    }
    w->joint = (unsigned char)js.found;
    if (early)
        *early = before;
    return t;
}

/* The first sentence s of d in [0, ns) with (ends ? end : start) > x
 * (ge: >= x), ns when none; the sentences' starts and ends in order. */
static size_t first_sentence(const rc_doc *d, size_t ns, int ends, int ge, uint32_t x)
{
    size_t lo = 0, hi = ns;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        uint32_t v = ends ? d->sentences[mid].end : d->sentences[mid].start;
        if (ge ? v >= x : v > x)
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

/* See origin.h. */
void rc_origin_fact_ranges(const rc_doc *d, const rc_facts *f, size_t *out)
{
    size_t ns = d->nsentences;
    int ordered = 1;
    for (size_t s = 0; s < ns; s++) {
        out[4 * s] = 0;
        out[4 * s + 1] = SIZE_MAX;
        out[4 * s + 2] = 0;
        out[4 * s + 3] = SIZE_MAX;
        if (s && (d->sentences[s].start < d->sentences[s - 1].start ||
                  d->sentences[s].end < d->sentences[s - 1].end))
            ordered = 0;
    }
    if (!ordered)
        return;
    for (size_t s = 0; s < ns; s++) {
        out[4 * s] = SIZE_MAX;
        out[4 * s + 1] = 0;
        out[4 * s + 2] = SIZE_MAX;
        out[4 * s + 3] = 0;
    }
    /* a quote overlaps the sentences ending past its start and starting
     * before its end: a run of them */
    for (size_t q = 0; q < f->nquotes; q++) {
        const rc_quote *qt = &f->quotes[q];
        if (!qt->speaker)
            continue;
        size_t s1 = first_sentence(d, ns, 1, 0, qt->start);
        size_t s2 = first_sentence(d, ns, 0, 1, qt->end);
        for (size_t s = s1; s < s2; s++) {
            if (out[4 * s] == SIZE_MAX)
                out[4 * s] = q;
            out[4 * s + 1] = q + 1;
        }
    }
    /* a citation lies inside the sentences starting at or before it and
     * ending at or after it */
    for (size_t c = 0; c < f->ncitations; c++) {
        const rc_citation *ct = &f->citations[c];
        if (!ct->source)
            continue;
        size_t s1 = first_sentence(d, ns, 1, 1, ct->end);
        size_t s2 = first_sentence(d, ns, 0, 0, ct->start);
        for (size_t s = s1; s < s2; s++) {
            if (out[4 * s + 2] == SIZE_MAX)
                out[4 * s + 2] = c;
            out[4 * s + 3] = c + 1;
        }
    }
}

/* See origin.h. */
void rc_origin_of_at(const rc_doc *d, const rc_facts *f, const rc_entity_table *et,
                     rc_span sp, size_t t0, uint32_t astart, uint32_t aend,
                     rc_attribution *out)
{
    rc_origin_words w;
    rc_origin_words_of(d, sp, t0, &w, NULL);
    rc_origin_of_words(d, f, et, sp, &w, astart, aend, out);
}

/* See origin.h. */
void rc_origin_of_words(const rc_doc *d, const rc_facts *f, const rc_entity_table *et,
                        rc_span sp, const rc_origin_words *w, uint32_t astart, uint32_t aend,
                        rc_attribution *out)
{
    memset(out, 0, sizeof *out);
    out->entity = -1;
    out->outlet = d->outlet ? d->outlet : d->id;
    out->credit = d->ncredits ? d->credits[0] : NULL;
    int dispute = w->dispute, distance = w->distance, cue_at = w->cue_at;
    out->distanced = distance;

    /* 1. a quote with a speaker */
    for (size_t q = w->q0; q < w->q1 && q < f->nquotes && !out->origin; q++) {
        const rc_quote *qt = &f->quotes[q];
        if (qt->end <= sp.start || qt->start >= sp.end || !qt->speaker)
            continue;
        if (aend > astart && (astart < qt->start || aend > qt->end))
            continue;
        int ent;
        const char *name = entity_name(et, f, qt->speaker_mention, &ent);
        out->origin = name ? name : qt->speaker;
        out->entity = ent;
        out->kind = agency_like(out->origin) ? RC_ORIGIN_AGENCY
                    : place_entity(et, ent)    ? RC_ORIGIN_UNNAMED
                                               : RC_ORIGIN_SPEAKER;
        for (size_t v = qt->nvia; v-- > 0;)
            add_via(out, qt->via[v]);
    }
    /* 2. citations inside the sentence */
    const char *agency = NULL;
    int agency_ent = -1, accused = 0;
    for (size_t c = w->c0; c < w->c1 && c < f->ncitations; c++) {
        const rc_citation *ct = &f->citations[c];
        if (ct->start < sp.start || ct->end > sp.end || !ct->source)
            continue;
        if (passive_accusation(d->text + ct->start, ct->end - ct->start)) {
            accused = 1;
            continue;
        }
        int ent;
        const char *name = entity_name(et, f, ct->source_mention, &ent);
        if (!name)
            name = ct->source;
        if (agency_like(ct->source) || (name != ct->source && agency_like(name))) {
            if (out->origin)
                add_via(out, name);
            else if (!agency) {
                agency = name;
                agency_ent = ent;
            }
            continue;
        }
        if (!out->origin) {
            out->origin = name;
            out->entity = ent;
            out->kind = RC_ORIGIN_SOURCE;
            if (place_entity(et, ent) || generic_source(name))
                out->kind = RC_ORIGIN_UNNAMED;
        }
    }
    /* a joint announcement is one origin, the parties together, whoever of
     * them is cited by name; a quoted speaker keeps the quote */
    if ((!out->origin || out->kind != RC_ORIGIN_SPEAKER) && w->joint) {
        out->origin = "joint announcement";
        out->entity = -1;
        out->kind = RC_ORIGIN_SOURCE;
    }
    if (accused && !out->origin && cue_at < 0) {
        /* who accuses is not named: an unnamed source, at a distance */
        out->origin = "unnamed source";
        out->kind = RC_ORIGIN_UNNAMED;
        out->distanced = 1;
    }
    if (out->origin && agency)
        add_via(out, agency);
    else if (!out->origin && agency) {
        out->origin = agency;
        out->entity = agency_ent;
        out->kind = RC_ORIGIN_AGENCY;
    }
    /* 3. an attribution cue: the first person or organisation after it */
    if (!out->origin && cue_at >= 0) {
        for (size_t m = 0; m < f->nmentions; m++) {
            const rc_mention *me = &f->mentions[m];
            if (me->start < (uint32_t)cue_at || me->end > sp.end ||
                (me->type != RC_ENT_PERSON && me->type != RC_ENT_ORG))
                continue;
            int ent;
            entity_name(et, f, (int)m, &ent);
            const rc_entity *e = ent >= 0 ? rc_entities_get(et, (size_t)ent) : NULL;
            const char *name = e ? e->name : NULL;
            if (name) {
                out->origin = name;
                out->entity = ent;
                out->kind = generic_source(name) ? RC_ORIGIN_UNNAMED : RC_ORIGIN_SOURCE;
                break;
            }
        }
        if (!out->origin) {
            out->origin = "unnamed source";
            out->kind = RC_ORIGIN_UNNAMED;
        }
    }
    if (out->origin)
        out->stance = RC_STANCE_ATTRIBUTED;
    else if (out->credit) {
        out->origin = out->credit;
        out->kind = RC_ORIGIN_AGENCY;
    } else {
        out->origin = out->outlet ? out->outlet : "unknown";
        out->kind = RC_ORIGIN_OUTLET;
    }
    if (dispute)
        out->stance = RC_STANCE_DISPUTED;
}
