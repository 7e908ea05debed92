/*
 * valuediff.c - numbers and dates given differently for the same thing;
 * see valuediff.h.
 */
#include "crosscheck/valuediff.h"
#include "cluster/events.h"
#include "util/buf.h"
#include "util/hash.h"
#include "util/mem.h"
#include "util/rc.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_CLASS 1000      /* distinct items (twin sets) compared within one class */
#define MAX_MEASURE 3       /* measure words kept per number */
#define MEASURE_WINDOW 10   /* words looked at before a number for its measure */
#define MAX_LOCAL 8         /* content stems kept around a number */
#define MAX_ENTS 8          /* entities kept per sentence */
#define SAME_THING 2.25     /* score from which two numbers count one thing */
#define TOL_ABOUT 0.15      /* "environ v": v +- 15% */
#define TOL_ROUND 0.05      /* a round number given as approximate */
#define TOL_UNITS 0.10      /* durations in different units (months vs days) */

typedef struct qitem {
    size_t doc, q, sent;      /* document, quantity index, group sentence */
    const rc_quantity *qt;
    uint64_t cls;             /* class key */
    double lo, hi;            /* interval in the class's base unit */
    const char *unit;
    int ord;                  /* value of the nearest ordinal in the sentence, -1 */
    uint64_t gov;             /* stem of the nearest content word before, 0 */
    uint64_t local[MAX_LOCAL];
    size_t nlocal;
    int ents[MAX_ENTS];       /* entity ids in the sentence */
    int person[MAX_ENTS];
    size_t nents;
    int total;                /* 1 when a sum of parts elsewhere matches it */
    const rc_date *period;    /* the date nearest the number in its clause, NULL */
    uint64_t measure[MAX_MEASURE]; /* measure words near it ("taux", "inflation") */
    size_t nmeasure;
    int dir;                  /* +1 a rise, -1 a fall, 0 neither */
    size_t event;             /* event of the document (a->events), SIZE_MAX */
    uint64_t sig;             /* identical sentence, position, event, language */
    size_t twin;              /* its twin set (index into the class's units) */
    const char *days[8];      /* values of the day dates of its sentence (first 8) */
    uint64_t dayh[8];         /* hash of each value */
    uint64_t day4[8];         /* hash of each value past its year (| 1), 0 when 4 bytes or
                               * fewer; | 2 set when the year is open ("XXXX") */
    size_t ndays;
} qitem;

/* Days in one unit of a duration, or 0 when unit is no duration. */
static double duration_days(const char *unit)
{
    static const struct {
        const char *u;
        double d;
    } T[] = {{"minute", 1.0 / 1440}, {"hour", 1.0 / 24}, {"day", 1}, {"week", 7},
             {"month", 30.44}, {"year", 365.25}};
    if (!unit)
        return 0;
    for (size_t i = 0; i < sizeof T / sizeof T[0]; i++)
        if (strcmp(unit, T[i].u) == 0)
            return T[i].d;
    return 0;
}

/* Stem feature of the head of q's counted noun (first content word after the
 * number inside the quantity's span), or 0. */
static uint64_t counts_head(const rc_doc *d, const rc_quantity *q)
{
    for (size_t t = rc_dgroup_token_at(d, q->num_end); t < d->ntokens; t++) {
        const rc_token *k = &d->tokens[t];
        if (k->start >= q->end)
            break;
        if (k->start >= q->num_end && rc_dgroup_content(k))
            return rc_dgroup_stem_feat(k->stem);
    }
    return 0;
}

/* Words that govern numbers of any kind ("depuis", "pendant", "after")
 * and so tell nothing about what is counted; not used as context. */
static const char *const WEAK[] = {
    "depuis", "pendant", "durant", "après", "avant", "environ", "près", "presque", "jusqu",
    "selon", "lors", "vers", "dès", "parmi", "contre", "chaque", "quelque", "quelques",
    "since", "during", "after", "before", "until", "about", "around", "nearly", "almost",
    "over", "under", "within", "roughly", "some", "least", "more", "less", "than", "every",
    "desde", "durante", "después", "antes", "hace", "unos", "unas", "cerca",
    "seit", "während", "nach", "vor", "etwa", "rund", "fast",
    /* time words: when, not what, is counted ("le mois dernier", "last month") */
    "mois", "an", "ans", "année", "années", "semaine", "semaines", "jour", "jours",
    "dernier", "dernière", "derniers", "dernières", "prochain", "prochaine", "hier",
    "month", "months", "year", "years", "week", "weeks", "day", "days", "last", "next",
    "yesterday", "today", "ago", NULL};

/* Words naming what a figure measures (per language, folded): two figures
 * whose sentences name measures near them, none shared, are not one thing
 * ("le taux à 3,50 %" / "l'inflation à 4,1 %"). */
static const char *const MEASURES[] = {
    "taux", "inflation", "chômage", "croissance", "pib", "participation", "déficit",
    "dette", "rendement", "prix", "loyer", "loyers", "salaire", "salaires",
    "majorité", "part", "parts", "marge", "marges", "bénéfice", "bénéfices", "chiffre",
    "exportations", "importations", "production", "consommation", "population", "voix",
    "rate", "rates", "inflation", "unemployment", "jobless", "growth", "gdp", "turnout",
    "deficit", "debt", "yield", "yields", "price", "prices", "rent", "rents", "wage", "wages",
    "salary", "salaries", "majority", "share", "shares", "margin", "margins", "profit",
    "profits", "revenue", "sales", "exports", "imports", "output", "consumption", "votes",
    "tasa", "inflación", "desempleo", "crecimiento", "deuda", "precio", "precios", NULL};

/* Words saying a figure went up or down. */
static const char *const RISES[] = {
    "hausse", "augmenté", "augmente", "augmentation", "progressé", "progresse", "progression",
    "grimpé", "grimpe", "gagné", "gagne", "relevé", "relève", "accéléré", "bondi",
    "rose", "rise", "risen", "rises", "rising", "gained", "gains", "climbed", "climbs",
    "increased", "increase", "jumped", "soared", "raised", "raises", "up", NULL};
static const char *const FALLS[] = {
    "baisse", "baissé", "diminué", "diminution", "reculé", "recule", "recul", "perdu", "perd",
    "chuté", "chute", "abaissé", "abaisse", "ralenti", "replié", "cédé", "glissé",
    "fell", "fall", "fallen", "falls", "dropped", "drop", "drops", "lost", "loses", "slipped",
    "declined", "decline", "decreased", "decrease", "down", "cut", "cuts", "slumped",
    "plunged", "lowered", "eased", NULL};

/* Words and marks that end a clause: a date beyond one is not the period
 * of a number ("durer trois mois et commencer avant la fin juin"). */
static const char *const CLAUSE_END[] = {
    ",", ";", ":", "(", ")", "«", "»", "\"", "—", "–", "et", "mais", "qui", "que", "dont",
    "and", "but", "which", "who", "while", "whereas", "y", "pero", "que", NULL};

/* The lists a word is in, as bits. */
enum { W_WEAK = 1, W_MEASURE = 2, W_RISE = 4, W_FALL = 8, W_CLAUSE = 16 };

#define WSLOTS 1024u           /* power of two, > 2 x the words of the lists */

typedef struct wslot {
    const char *w;             /* NULL: empty */
    unsigned bits;
} wslot;

/* The words of the lists in an open-addressing set, per thread, built at
 * its first use: asked for every word around every number, where a scan
 * of each list was the cost of the number contexts. */
static _Thread_local wslot wtab[WSLOTS];
static _Thread_local int wtab_ready;

/* Slot of w in wtab: its own or the empty one where it goes; h is
 * rc_tokkey_hash(w, strlen(w)) (the tokens' kept hash, so a token's
 * lookup neither measures nor hashes its word again). */
static size_t wtab_slot(const char *w, uint32_t h)
{
    size_t i = (size_t)((h * 0x9e3779b1u) >> 22) & (WSLOTS - 1);
    while (wtab[i].w && strcmp(wtab[i].w, w) != 0)
        i = (i + 1) & (WSLOTS - 1);
    return i;
}

/* Add the words of the NULL-terminated list l with bit. */
static void wtab_add(const char *const *l, unsigned bit)
{
    for (; *l; l++) {
        size_t i = wtab_slot(*l, rc_tokkey_hash(*l, strlen(*l)));
        wtab[i].w = *l;
        wtab[i].bits |= bit;
    }
}

/* The lists (W_ bits) that the folded word s is in; h is
 * rc_tokkey_hash(s, strlen(s)). */
static unsigned word_bits(const char *s, uint32_t h)
{
    if (!wtab_ready) {
        wtab_add(WEAK, W_WEAK);
        wtab_add(MEASURES, W_MEASURE);
        wtab_add(RISES, W_RISE);
        wtab_add(FALLS, W_FALL);
        wtab_add(CLAUSE_END, W_CLAUSE);
        wtab_ready = 1;
    }
    return wtab[wtab_slot(s, h)].bits;
}

typedef struct sfacts {
    size_t *qoff, *qv;        /* sentence s: f->quantities[qv[qoff[s] .. qoff[s + 1])] */
    size_t *moff, *mv;        /* f->mentions */
    size_t *doff, *dv;        /* f->dates */
    unsigned char *wb;        /* per group token (rc_dgroup.tbase): word_bits of
                               * its folded form, 0xFF until asked */
} sfacts;

/* word_bits of token t of document doc (one of g's), computed at the
 * first ask and kept in sf. */
static unsigned tok_bits(const rc_dgroup *g, const sfacts *sf, size_t doc, size_t t)
{
    unsigned char *c = &sf->wb[g->tbase[doc] + t];
    if (*c == 0xFF) {
        const rc_doc *d = g->a->docs[doc];
        const char *w = d->tokens[t].norm;
        *c = (unsigned char)word_bits(w, d->tokkeys ? d->tokkeys[t].hash
                                                    : rc_tokkey_hash(w, strlen(w)));
    }
    return *c;
}

/* 1 when token t of document doc (one of g's) is a content word that says
 * something about the number (its word bits read through sf). */
static int anchor_tok(const rc_dgroup *g, const sfacts *sf, size_t doc, size_t t)
{
    const rc_token *k = &g->a->docs[doc]->tokens[t];
    if (!rc_dgroup_content(k) || (k->flags & RC_TOK_CAP))
        return 0;
    return !(tok_bits(g, sf, doc, t) & W_WEAK);
}

/* 1 when a number token (other than item it's own) or a clause end of d
 * lies in [s, e). */
static int number_between(const rc_dgroup *g, const sfacts *sf, const qitem *it, uint32_t s,
                          uint32_t e)
{
    const rc_doc *d = g->a->docs[it->doc];
    for (size_t t = rc_dgroup_token_at(d, s); t < d->ntokens && d->tokens[t].start < e; t++) {
        const rc_token *k = &d->tokens[t];
        if (k->start < s || (k->start >= it->qt->start && k->start < it->qt->end))
            continue;
        if ((k->flags & RC_TOK_NUM) || (tok_bits(g, sf, it->doc, t) & W_CLAUSE))
            return 1;
    }
    return 0;
}

/* The facts of every group sentence that the number contexts read, each
 * list in the facts' order: ordinal quantities, mentions of an entity and
 * dates lying wholly inside the sentence. Built once per group, where a
 * scan of the document's facts per item made the contexts quadratic in a
 * document's facts. */
/* Group sentence of document di wholly holding [start, end), or SIZE_MAX. */
static size_t sent_holding(const rc_dgroup *g, size_t di, uint32_t start, uint32_t end)
{
    size_t s = rc_dgroup_sentence_at(g, di, start);
    if (s == SIZE_MAX)
        return SIZE_MAX;
    const rc_span *sp = &g->a->docs[di]->sentences[g->sents[s].sent];
    return start >= sp->start && end <= sp->end ? s : SIZE_MAX;
}

/* Place the n facts of one kind of document di: at[k] the sentence of
 * fact k or SIZE_MAX; off counts then fills. */
static void sfacts_count(size_t *off, const size_t *at, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (at[k] != SIZE_MAX)
            off[at[k] + 1]++;
}

/* Build sf for the documents of g (those with facts). */
static void sfacts_init(sfacts *sf, const rc_dgroup *g)
{
    size_t ns = g->nsents;
    sf->wb = rc_malloc(g->ntok ? g->ntok : 1);
    memset(sf->wb, 0xFF, g->ntok ? g->ntok : 1);
    sf->qoff = rc_calloc(ns + 1, sizeof *sf->qoff);
    sf->moff = rc_calloc(ns + 1, sizeof *sf->moff);
    sf->doff = rc_calloc(ns + 1, sizeof *sf->doff);
    /* each fact's sentence, document after document */
    size_t nq = 0, nm = 0, nd = 0;
    for (size_t di = 0; di < g->a->ndocs; di++) {
        const rc_facts *f = g->a->facts[di];
        if (g->first[di] == SIZE_MAX || !f)
            continue;
        nq += f->nquantities;
        nm += f->nmentions;
        nd += f->ndates;
    }
    size_t *qat = rc_malloc((nq ? nq : 1) * sizeof *qat);
    size_t *mat = rc_malloc((nm ? nm : 1) * sizeof *mat);
    size_t *dat = rc_malloc((nd ? nd : 1) * sizeof *dat);
    nq = nm = nd = 0;
    for (size_t di = 0; di < g->a->ndocs; di++) {
        const rc_facts *f = g->a->facts[di];
        if (g->first[di] == SIZE_MAX || !f)
            continue;
        for (size_t k = 0; k < f->nquantities; k++) {
            const rc_quantity *o = &f->quantities[k];
            qat[nq + k] = o->ordinal ? sent_holding(g, di, o->start, o->end) : SIZE_MAX;
        }
        for (size_t k = 0; k < f->nmentions; k++) {
            const rc_mention *o = &f->mentions[k];
            mat[nm + k] = o->entity >= 0 ? sent_holding(g, di, o->start, o->end) : SIZE_MAX;
        }
        for (size_t k = 0; k < f->ndates; k++)
            dat[nd + k] = sent_holding(g, di, f->dates[k].start, f->dates[k].end);
        sfacts_count(sf->qoff, qat + nq, f->nquantities);
        sfacts_count(sf->moff, mat + nm, f->nmentions);
        sfacts_count(sf->doff, dat + nd, f->ndates);
        nq += f->nquantities;
        nm += f->nmentions;
        nd += f->ndates;
    }
    for (size_t s = 0; s < ns; s++) {
        sf->qoff[s + 1] += sf->qoff[s];
        sf->moff[s + 1] += sf->moff[s];
        sf->doff[s + 1] += sf->doff[s];
    }
    sf->qv = rc_malloc((sf->qoff[ns] ? sf->qoff[ns] : 1) * sizeof *sf->qv);
    sf->mv = rc_malloc((sf->moff[ns] ? sf->moff[ns] : 1) * sizeof *sf->mv);
    sf->dv = rc_malloc((sf->doff[ns] ? sf->doff[ns] : 1) * sizeof *sf->dv);
    size_t *qf = rc_malloc((ns ? ns : 1) * sizeof *qf), *mf = rc_malloc((ns ? ns : 1) * sizeof *mf),
           *df = rc_malloc((ns ? ns : 1) * sizeof *df);
    memcpy(qf, sf->qoff, ns * sizeof *qf);
    memcpy(mf, sf->moff, ns * sizeof *mf);
    memcpy(df, sf->doff, ns * sizeof *df);
    nq = nm = nd = 0;
    for (size_t di = 0; di < g->a->ndocs; di++) {
        const rc_facts *f = g->a->facts[di];
        if (g->first[di] == SIZE_MAX || !f)
            continue;
        for (size_t k = 0; k < f->nquantities; k++)
            if (qat[nq + k] != SIZE_MAX)
                sf->qv[qf[qat[nq + k]]++] = k;
        for (size_t k = 0; k < f->nmentions; k++)
            if (mat[nm + k] != SIZE_MAX)
                sf->mv[mf[mat[nm + k]]++] = k;
        for (size_t k = 0; k < f->ndates; k++)
            if (dat[nd + k] != SIZE_MAX)
                sf->dv[df[dat[nd + k]]++] = k;
        nq += f->nquantities;
        nm += f->nmentions;
        nd += f->ndates;
    }
    free(qf);
    free(mf);
    free(df);
    free(qat);
    free(mat);
    free(dat);
}

/* Release sf. */
static void sfacts_cleanup(sfacts *sf)
{
    free(sf->wb);
    free(sf->qoff);
    free(sf->qv);
    free(sf->moff);
    free(sf->mv);
    free(sf->doff);
    free(sf->dv);
}

/* The period of item it: the date of its sentence nearest the number with
 * no other number and no clause end in between ("4,3 % en février, contre 4,1 % en janvier":
 * février for 4,3 %, janvier for 4,1 %). */
static void item_period(const rc_dgroup *g, const sfacts *sf, qitem *it)
{
    const rc_facts *f = g->a->facts[it->doc];
    uint32_t best = UINT32_MAX;
    for (size_t x = sf->doff[it->sent]; x < sf->doff[it->sent + 1]; x++) {
        const rc_date *dt = &f->dates[sf->dv[x]];
        if (dt->start < it->qt->end && dt->end > it->qt->start)
            continue;     /* the number is part of the date */
        uint32_t s = dt->end <= it->qt->start ? dt->end : it->qt->end;
        uint32_t e = dt->end <= it->qt->start ? it->qt->start : dt->start;
        if (e - s < best && !number_between(g, sf, it, s, e)) {
            best = e - s;
            it->period = dt;
        }
    }
}

/* The measure words (MEASURES) among the MEASURE_WINDOW words before the
 * number, up to another number, and the two words after it; and whether
 * the nearest of the four words before it says a rise or a fall. t0 and
 * te are rc_dgroup_token_at of the number's start and end. */
static void item_measure(const rc_dgroup *g, const sfacts *sf, qitem *it, size_t t0, size_t te)
{
    const rc_doc *d = g->a->docs[it->doc];
    const rc_dsent *s = &g->sents[it->sent];
    int words = 0;
    for (size_t t = t0; t-- > s->tok0 && words < MEASURE_WINDOW;) {
        const rc_token *k = &d->tokens[t];
        if (k->flags & RC_TOK_NUM)
            break;
        if (!(k->flags & RC_TOK_WORD))
            continue;
        words++;
        unsigned wb = tok_bits(g, sf, it->doc, t);
        if (!it->dir && words <= 4)
            it->dir = (wb & W_RISE) ? 1 : (wb & W_FALL) ? -1 : 0;
        if (it->nmeasure < MAX_MEASURE && (wb & W_MEASURE))
            it->measure[it->nmeasure++] = rc_dgroup_stem_feat(k->stem);
    }
    words = 0;
    for (size_t t = te; t < s->tok1 && words < 2; t++) {
        const rc_token *k = &d->tokens[t];
        if (k->start < it->qt->end)
            continue;
        if (k->flags & RC_TOK_NUM)
            break;
        if (!(k->flags & RC_TOK_WORD))
            continue;
        words++;
        if (it->nmeasure < MAX_MEASURE && (tok_bits(g, sf, it->doc, t) & W_MEASURE))
            it->measure[it->nmeasure++] = rc_dgroup_stem_feat(k->stem);
    }
}

/* 1 when two periods name different times: compared at the coarser of the
 * two precisions, an open year matching any year. */
static int periods_differ(const rc_date *x, const rc_date *y)
{
    if (!x || !y)
        return 0;
    rc_dgran gr = x->gran < y->gran ? x->gran : y->gran;
    size_t n = gr == RC_DATE_DAY ? 10 : gr == RC_DATE_MONTH ? 7 : 4;
    size_t lx = strlen(x->value), ly = strlen(y->value);
    if (lx < n || ly < n)
        return 0;
    size_t from = 0;
    if (strncmp(x->value, "XXXX", 4) == 0 || strncmp(y->value, "XXXX", 4) == 0) {
        if (n == 4)
            return 0;
        from = 4;
    }
    return strncmp(x->value + from, y->value + from, n - from) != 0;
}

/* 1 when a and b both name measures and share none. */
static int measures_differ(const qitem *a, const qitem *b)
{
    if (!a->nmeasure || !b->nmeasure)
        return 0;
    for (size_t i = 0; i < a->nmeasure; i++)
        for (size_t j = 0; j < b->nmeasure; j++)
            if (a->measure[i] == b->measure[j])
                return 0;
    return 1;
}

static void item_days(const rc_dgroup *g, const sfacts *sf, qitem *it);

/* Fill the context of item it (ordinal, governing word, local stems,
 * entities, period, measure words, direction) from its document. */
static void item_context(const rc_dgroup *g, const sfacts *sf, qitem *it)
{
    const rc_doc *d = g->a->docs[it->doc];
    const rc_facts *f = g->a->facts[it->doc];
    const rc_dsent *s = &g->sents[it->sent];
    it->ord = -1;
    uint32_t best = UINT32_MAX;
    for (size_t x = sf->qoff[it->sent]; x < sf->qoff[it->sent + 1]; x++) {
        const rc_quantity *o = &f->quantities[sf->qv[x]];
        uint32_t dist = o->end <= it->qt->start ? it->qt->start - o->end
                                                : o->start - it->qt->end;
        if (dist < best) {
            best = dist;
            it->ord = (int)o->value;
        }
    }
    size_t t0 = rc_dgroup_token_in(d, it->qt->start, s->tok0, s->tok1);
    int left = 0;
    for (size_t t = t0; t-- > s->tok0 && left < 4;) {
        if (!anchor_tok(g, sf, it->doc, t))
            continue;
        uint64_t f0 = rc_dgroup_tok_feat(g, it->doc, t);
        if (left == 0 && t0 - t <= 3)
            it->gov = f0;
        if (it->nlocal < MAX_LOCAL)
            it->local[it->nlocal++] = f0;
        left++;
    }
    int right = 0;
    size_t te = rc_dgroup_token_in(d, it->qt->end, s->tok0, s->tok1);
    for (size_t t = te; t < s->tok1 && right < 3; t++) {
        if (d->tokens[t].start < it->qt->end || !anchor_tok(g, sf, it->doc, t))
            continue;
        if (it->nlocal < MAX_LOCAL)
            it->local[it->nlocal++] = rc_dgroup_tok_feat(g, it->doc, t);
        right++;
    }
    for (size_t x = sf->moff[it->sent]; x < sf->moff[it->sent + 1] && it->nents < MAX_ENTS; x++) {
        const rc_mention *mn = &f->mentions[sf->mv[x]];
        size_t k = 0;
        while (k < it->nents && it->ents[k] != mn->entity)
            k++;
        if (k == it->nents) {
            it->ents[it->nents] = mn->entity;
            it->person[it->nents++] = mn->type == RC_ENT_PERSON;
        }
    }
    item_period(g, sf, it);
    item_measure(g, sf, it, t0, te);
    item_days(g, sf, it);
}

/* The day dates of it's sentence (their values, the first 8) into
 * it->days: what dates_differ compares, read once per item instead of
 * once per pair. */
static void item_days(const rc_dgroup *g, const sfacts *sf, qitem *it)
{
    const rc_facts *f = g->a->facts[it->doc];
    it->ndays = 0;
    for (size_t x = sf->doff[it->sent]; x < sf->doff[it->sent + 1] && it->ndays < 8; x++) {
        const rc_date *dt = &f->dates[sf->dv[x]];
        if (dt->gran != RC_DATE_DAY)
            continue;
        size_t len = strlen(dt->value);
        it->days[it->ndays] = dt->value;
        it->dayh[it->ndays] = rc_hash64(dt->value, len, 0xda7);
        it->day4[it->ndays] = 0;
        if (len > 4)
            it->day4[it->ndays] = (rc_hash64(dt->value + 4, len - 4, 0xda4) & ~(uint64_t)3) | 1 |
                                  (strncmp(dt->value, "XXXX", 4) == 0 ? 2 : 0);
        it->ndays++;
    }
}

/* 1 when day i of a and day j of b name the same day: equal values, or
 * an open year ("XXXX-05-04", matching any year) and the rest equal.
 * Through their hashes: unequal hashes cannot be equal strings, equal
 * ones are confirmed. */
static int same_day_h(const qitem *a, size_t i, const qitem *b, size_t j)
{
    if (a->dayh[i] == b->dayh[j] && strcmp(a->days[i], b->days[j]) == 0)
        return 1;
    uint64_t x = a->day4[i], y = b->day4[j];
    /* both longer than 4 bytes, one year open, the rest equal */
    if (!x || !y || !((x | y) & 2) || (x & ~(uint64_t)2) != (y & ~(uint64_t)2))
        return 0;
    return strcmp(a->days[i] + 4, b->days[j] + 4) == 0;
}

/* 1 when the sentences of a and b both hold day dates and share none. */
static int dates_differ(const qitem *a, const qitem *b)
{
    if (!a->ndays || !b->ndays)
        return 0;
    for (size_t i = 0; i < a->ndays; i++)
        for (size_t j = 0; j < b->ndays; j++)
            if (same_day_h(a, i, b, j))
                return 0;
    return 1;
}

/* How strongly a and b (same class, other documents) are about one thing;
 * negative for a veto. */
static double same_thing(const rc_dgroup *g, const qitem *a, const qitem *b)
{
    if (a->ord >= 0 && b->ord >= 0 && a->ord != b->ord)
        return -1;
    if (dates_differ(a, b) || periods_differ(a->period, b->period) ||
        measures_differ(a, b) || a->dir * b->dir < 0)
        return -1;
    /* two events of one story are two occasions, unless one period is named */
    if (a->event != b->event && a->event != SIZE_MAX && b->event != SIZE_MAX &&
        !(a->period && b->period))
        return -1;
    double sc = 0;
    int same_ord = a->ord >= 2 && a->ord == b->ord;   /* "first" is too common to tell */
    if (same_ord)
        sc += 1.5;
    if (a->gov && a->gov == b->gov)
        sc += 1.0;
    size_t local = 0;
    for (size_t i = 0; i < a->nlocal; i++)
        for (size_t j = 0; j < b->nlocal; j++)
            if (a->local[i] == b->local[j]) {
                local++;
                break;
            }
    sc += local > 3 ? 3 : (double)local;
    size_t ents = 0;
    int pa = 0, pb = 0;
    for (size_t i = 0; i < a->nents; i++) {
        pa |= a->person[i];
        for (size_t j = 0; j < b->nents; j++)
            if (a->ents[i] == b->ents[j] && a->person[i])
                ents++;
    }
    for (size_t j = 0; j < b->nents; j++)
        pb |= b->person[j];
    if (pa && pb && ents == 0)
        return -1;            /* different actors */
    if (!same_ord && !(a->gov && a->gov == b->gov) && local == 0)
        return 0;             /* nothing around the numbers themselves agrees */
    const char *la = g->a->docs[a->doc]->lang, *lb = g->a->docs[b->doc]->lang;
    if (!same_ord && (!la || !lb || strcmp(la, lb) != 0))
        return 0;             /* stems of two languages meet by accident */
    sc += ents > 2 ? 2 : (double)ents;
    size_t sh = rc_dgroup_shared(g, a->sent, b->sent);
    sc += 0.25 * (double)(sh > 4 ? 4 : sh);
    return sc;
}

/* 1 when the intervals of a and b cannot meet. */
static int values_conflict(const qitem *a, const qitem *b)
{
    double tol = 0;
    if (a->unit && b->unit && strcmp(a->unit, b->unit) != 0)
        tol = TOL_UNITS;
    double alo = a->lo * (1 - tol), ahi = a->hi * (1 + tol);
    double eps = 1e-9 * (fabs(a->lo) + fabs(b->lo) + 1);
    return b->hi < alo - eps || b->lo > ahi + eps;
}

/* Union-find root. */
static size_t uf_find(size_t *p, size_t x)
{
    while (p[x] != x) {
        p[x] = p[p[x]];
        x = p[x];
    }
    return x;
}

/* qsort comparator on items: class, document, position. */
static int item_cmp(const void *x, const void *y)
{
    const qitem *p = x, *q = y;
    if (p->cls != q->cls)
        return p->cls < q->cls ? -1 : 1;
    if (p->doc != q->doc)
        return p->doc < q->doc ? -1 : 1;
    return p->q < q->q ? -1 : p->q > q->q;
}

/* Human name of an item's class for descriptions. */
static const char *class_name(const qitem *it)
{
    if (it->qt->percent)
        return "percentage";
    if (duration_days(it->unit) > 0)
        return "duration";
    if (it->unit)
        return "amount";
    return "count";
}

typedef struct sumpart {
    double v;
    size_t doc, sent;
    size_t p1, p2;            /* indices into f->quantities of doc */
} sumpart;

/* qsort comparator on sums by value, then document, then parts. */
static int sum_cmp(const void *x, const void *y)
{
    const sumpart *p = x, *q = y;
    if (p->v != q->v)
        return p->v < q->v ? -1 : 1;
    if (p->doc != q->doc)
        return p->doc < q->doc ? -1 : 1;
    return p->p1 < q->p1 ? -1 : p->p1 > q->p1;
}

/* 1 when quantity q can be a plain count part of a total. */
static int countable(const rc_quantity *q)
{
    return !q->ordinal && !q->percent && !q->unit && q->counts && q->value > 0 &&
           q->bound == RC_BOUND_EXACT;
}

/* The totals: an item equal (within its qualifier) to the sum of two plain
 * counts given in one sentence of the group, in a sentence sharing context
 * with the item's. Marks it->total and appends one number_consistent entry
 * per total. */
static void find_totals(rc_discrepancies *out, rc_dgroup *g, qitem *items, size_t n)
{
    sumpart *sums = NULL;
    size_t ns = 0, cap = 0;
    /* the countable quantities of the current document, in index order:
     * listed once per document, scanned per sentence */
    size_t *cq = NULL, ncq = 0, capcq = 0, cdoc = SIZE_MAX;
    for (size_t si = 0; si < g->nsents; si++) {
        const rc_dsent *s = &g->sents[si];
        const rc_doc *d = g->a->docs[s->doc];
        const rc_facts *f = g->a->facts[s->doc];
        const rc_span *sp = &d->sentences[s->sent];
        if (s->doc != cdoc) {
            cdoc = s->doc;
            ncq = 0;
            for (size_t k = 0; k < f->nquantities; k++) {
                if (!countable(&f->quantities[k]))
                    continue;
                if (ncq == capcq) {
                    capcq = capcq ? 2 * capcq : 16;
                    cq = rc_reallocarray(cq, capcq, sizeof *cq);
                }
                cq[ncq++] = k;
            }
        }
        size_t qs[8], nq = 0;
        for (size_t x = 0; x < ncq && nq < 8; x++) {
            size_t k = cq[x];
            if (f->quantities[k].start >= sp->start && f->quantities[k].end <= sp->end)
                qs[nq++] = k;
        }
        for (size_t i = 0; i < nq; i++)
            for (size_t j = i + 1; j < nq; j++) {
                if (ns == cap) {
                    cap = cap ? cap * 2 : 64;
                    sums = rc_reallocarray(sums, cap, sizeof *sums);
                }
                sums[ns].v = f->quantities[qs[i]].value + f->quantities[qs[j]].value;
                sums[ns].doc = s->doc;
                sums[ns].sent = si;
                sums[ns].p1 = qs[i];
                sums[ns].p2 = qs[j];
                ns++;
            }
    }
    free(cq);
    if (ns)
        qsort(sums, ns, sizeof *sums, sum_cmp);
    /* one entry per total (class, value, qualifier): copies join it */
    uint64_t *keys = NULL;
    size_t *entries = NULL, nkeys = 0;
    for (size_t i = 0; i < n && ns; i++) {
        qitem *it = &items[i];
        const rc_quantity *q = it->qt;
        if (q->unit || q->percent || q->bound == RC_BOUND_MORE_THAN ||
            q->bound == RC_BOUND_LESS_THAN)
            continue;
        double tol = q->bound == RC_BOUND_ABOUT ? TOL_ABOUT : q->approximate ? TOL_ROUND : 0;
        double lo = q->value * (1 - tol) - 1e-9, hi = q->value * (1 + tol) + 1e-9;
        size_t a = 0, b = ns;
        while (a < b) {
            size_t m = a + (b - a) / 2;
            if (sums[m].v < lo)
                a = m + 1;
            else
                b = m;
        }
        rc_discrepancy *e = NULL;
        for (size_t k = a; k < ns && sums[k].v <= hi; k++) {
            const sumpart *sm = &sums[k];
            if (sm->sent == it->sent)
                continue;
            if (rc_dgroup_shared(g, it->sent, sm->sent) < 3)
                continue;
            const rc_facts *f = g->a->facts[sm->doc];
            const rc_doc *d = g->a->docs[sm->doc];
            const rc_doc *td = g->a->docs[it->doc];
            const rc_quantity *p1 = &f->quantities[sm->p1], *p2 = &f->quantities[sm->p2];
            if (!e) {
                uint64_t key = rc_hash64(&q->value, sizeof q->value, it->cls + q->bound);
                for (size_t x = 0; x < nkeys && !e; x++)
                    if (keys[x] == key)
                        e = &out->items[entries[x]];
            }
            if (!e) {
                uint64_t key = rc_hash64(&q->value, sizeof q->value, it->cls + q->bound);
                keys = rc_reallocarray(keys, nkeys + 1, sizeof *keys);
                entries = rc_reallocarray(entries, nkeys + 1, sizeof *entries);
                keys[nkeys] = key;
                entries[nkeys++] = out->n;
                e = rc_discrepancies_add(out, "number_consistent", 0);
                rc_discrepancy_add_evidence(e, it->doc, q->start, q->end);
                rc_discrepancy_describe(e,
                    "Not a conflict: \"%.*s\" (%s) is consistent with %.*s + %.*s (%s)",
                    (int)(q->end - q->start), td->text + q->start, td->id,
                    (int)(p1->end - p1->start), d->text + p1->start,
                    (int)(p2->end - p2->start), d->text + p2->start, d->id);
            }
            rc_discrepancy_add_evidence(e, sm->doc, p1->start, p1->end);
            rc_discrepancy_add_evidence(e, sm->doc, p2->start, p2->end);
            rc_discrepancy_note(e, "%.*s (%s) = %.*s + %.*s (%s)%s",
                                (int)(q->end - q->start), td->text + q->start, td->id,
                                (int)(p1->end - p1->start), d->text + p1->start,
                                (int)(p2->end - p2->start), d->text + p2->start, d->id,
                                tol > 0 ? ", within the total's approximation" : "");
            it->total = 1;
        }
    }
    free(keys);
    free(entries);
    free(sums);
}

/* 1 when item a is a total one of whose parts (in a sentence of b's
 * document) is b: they are no conflict. */
static int part_of_total(const rc_dgroup *g, const qitem *a, const qitem *b)
{
    if (!a->total)
        return 0;
    const rc_facts *f = g->a->facts[b->doc];
    const rc_span *sp = &g->a->docs[b->doc]->sentences[g->sents[b->sent].sent];
    for (size_t k = 0; k < f->nquantities; k++) {
        const rc_quantity *o = &f->quantities[k];
        if (k == b->q || !countable(o) || o->start < sp->start || o->end > sp->end)
            continue;
        double s = o->value + b->qt->value;
        double tol = a->qt->bound == RC_BOUND_ABOUT ? TOL_ABOUT : a->qt->approximate ? TOL_ROUND : 0;
        if (s >= a->qt->value * (1 - tol) - 1e-9 && s <= a->qt->value * (1 + tol) + 1e-9)
            return 1;
    }
    return 0;
}

/* A twin set: the items of one signature. */
typedef struct unitinfo {
    uint64_t sig;
    size_t rep;               /* first item of the twin set (index into items) */
} unitinfo;

/* qsort comparator on (sig, rep). */
static int unit_cmp(const void *x, const void *y)
{
    const unitinfo *p = x, *q = y;
    if (p->sig != q->sig)
        return p->sig < q->sig ? -1 : 1;
    return p->rep < q->rep ? -1 : p->rep > q->rep;
}

typedef struct block {
    uint64_t sig;             /* hash of its twin ids */
    size_t off, n;            /* its twin ids: bt[off .. off+n) */
} block;

/* qsort comparator on blocks by signature, then offset. */
static int block_cmp(const void *x, const void *y)
{
    const block *p = x, *q = y;
    if (p->sig != q->sig)
        return p->sig < q->sig ? -1 : 1;
    return p->off < q->off ? -1 : p->off > q->off;
}

/* qsort comparator on size_t. */
static int size_cmp(const void *x, const void *y)
{
    size_t p = *(const size_t *)x, q = *(const size_t *)y;
    return p < q ? -1 : p > q;
}

/* Outlet (else id) of document doc. */
static const char *outlet_of(const rc_dgroup *g, size_t doc)
{
    const rc_doc *d = g->a->docs[doc];
    return d->outlet && *d->outlet ? d->outlet : d->id;
}

typedef struct variant {
    size_t rep;               /* item shown */
    size_t *items;            /* its items, in order */
    size_t nitems;
    size_t ndocs;             /* distinct documents */
} variant;

/* qsort comparator on variants: most documents first, then first item. */
static int variant_cmp(const void *x, const void *y)
{
    const variant *p = x, *q = y;
    if (p->ndocs != q->ndocs)
        return p->ndocs > q->ndocs ? -1 : 1;
    return p->rep < q->rep ? -1 : p->rep > q->rep;
}

/* Write one number entry for the variants v[0..nv) (clusters of items
 * consistent among themselves, joined by conflicts): each variant with its
 * number of articles and outlets; evidence taken in turn from each variant
 * (so every variant has some) up to the list's cap. */
static void emit_number(rc_discrepancies *out, const rc_dgroup *g, const qitem *items,
                        variant *v, size_t nv)
{
    qsort(v, nv, sizeof *v, variant_cmp);
    rc_discrepancy *e = rc_discrepancies_add(out, "number", 1);
    rc_buf b;
    rc_buf_init(&b, 1u << 14);
    rc_buf_printf(&b, "The same %s is given different values: ", class_name(&items[v[0].rep]));
    for (size_t k = 0; k < nv; k++) {
        const qitem *it = &items[v[k].rep];
        const rc_doc *d = g->a->docs[it->doc];
        rc_buf_printf(&b, "%s\"%.*s\" (", k ? " vs " : "", (int)(it->qt->end - it->qt->start),
                      d->text + it->qt->start);
        if (v[k].ndocs > 1)
            rc_buf_printf(&b, "%zu articles: ", v[k].ndocs);
        /* a single article by its id; several by their distinct outlets */
        const char *names[4];
        size_t shown = 0, covered = 0, last = SIZE_MAX;
        for (size_t j = 0; j < v[k].nitems; j++) {
            size_t doc = items[v[k].items[j]].doc;
            if (doc == last)
                continue;
            last = doc;
            const char *nm = v[k].ndocs > 1 ? outlet_of(g, doc) : g->a->docs[doc]->id;
            int dup = 0;
            for (size_t x = 0; x < shown; x++)
                dup |= strcmp(names[x], nm) == 0;
            if (dup) {
                covered++;
                continue;
            }
            if (shown == 4)
                break;
            rc_buf_printf(&b, "%s%s", shown ? ", " : "", nm);
            names[shown++] = nm;
            covered++;
        }
        if (v[k].ndocs > covered)
            rc_buf_printf(&b, " and %zu more", v[k].ndocs - covered);
        rc_buf_printf(&b, ")");
    }
    rc_discrepancy_describe(e, "%s", rc_buf_str(&b));
    /* evidence in turns, then every document */
    for (size_t round = 0; e->nevidence < 16; round++) {
        int any = 0;
        for (size_t k = 0; k < nv; k++)
            if (round < v[k].nitems) {
                const qitem *it = &items[v[k].items[round]];
                rc_discrepancy_add_evidence(e, it->doc, it->qt->start, it->qt->end);
                any = 1;
            }
        if (!any)
            break;
    }
    for (size_t k = 0; k < nv; k++)
        for (size_t j = 0; j < v[k].nitems; j++)
            rc_discrepancy_add_doc(e, items[v[k].items[j]].doc);
    for (size_t k = 0; k < nv; k++) {
        const qitem *it = &items[v[k].rep];
        if (it->qt->bound != RC_BOUND_EXACT) {
            rc_discrepancy_note(e, "qualifiers respected: the values cannot be reconciled "
                                   "even with \"%.*s\"",
                                (int)(it->qt->end - it->qt->start),
                                g->a->docs[it->doc]->text + it->qt->start);
            break;
        }
    }
    rc_buf_cleanup(&b);
}

/* What the cheap vetoes of same_thing read of a twin set: the ordinal,
 * direction and event, and compact signatures of its day dates, period,
 * measure words and local stems (bits and hashes: unequal ones prove
 * unequal values, equal ones prove nothing). */
typedef struct vkey {
    size_t event;
    int ord, dir;
    int period;               /* 1 when it has a period */
    int pgran;                /* its period's granularity */
    uint32_t plen;            /* its period's value length */
    int popen;                /* 1 when the period's year is open ("XXXX") */
    uint32_t ph0[3];          /* hash of the period's first 4, 7, 10 bytes (when long enough) */
    uint32_t ph4[2];          /* hash of its bytes 4..7, 4..10 (when long enough) */
    uint64_t days;            /* 0 without day dates; else bits of dayh (low 32) and
                               * of day4 (high 32) */
    uint64_t meas;            /* 0 without measure words; else one bit per word */
    uint64_t near;            /* one bit per local stem */
} vkey;

/* The bit of hash h among 32 (its top 5 bits). */
static uint64_t bit32(uint64_t h)
{
    return (uint64_t)1 << (h >> 59);
}

/* Fill vk from the context of item it (item_context done). */
static void vkey_init(vkey *vk, const qitem *it)
{
    memset(vk, 0, sizeof *vk);
    vk->event = it->event;
    vk->ord = it->ord;
    vk->dir = it->dir;
    vk->period = it->period != NULL;
    if (it->period) {
        const char *v = it->period->value;
        size_t len = strlen(v);
        static const size_t NS[3] = {4, 7, 10};
        vk->pgran = (int)it->period->gran;
        vk->plen = (uint32_t)len;
        vk->popen = len >= 4 && strncmp(v, "XXXX", 4) == 0;
        for (size_t i = 0; i < 3; i++)
            if (len >= NS[i]) {
                vk->ph0[i] = (uint32_t)rc_hash64(v, NS[i], 0x9e1);
                if (i)
                    vk->ph4[i - 1] = (uint32_t)rc_hash64(v + 4, NS[i] - 4, 0x9e4);
            }
    }
    for (size_t i = 0; i < it->ndays; i++) {
        vk->days |= bit32(it->dayh[i]);
        if (it->day4[i])
            vk->days |= bit32(it->day4[i]) << 32;
    }
    for (size_t i = 0; i < it->nmeasure; i++)
        vk->meas |= (uint64_t)1 << (it->measure[i] >> 58);
    for (size_t i = 0; i < it->nlocal; i++)
        vk->near |= (uint64_t)1 << (it->local[i] >> 58);
}

/* 1 when same_thing(a, b) vetoes the pair (returns -1) by ordinals,
 * directions or events alone; 0 says nothing. */
static int quick_veto(const vkey *a, const vkey *b)
{
    if (a->ord >= 0 && b->ord >= 0 && a->ord != b->ord)
        return 1;
    if (a->dir * b->dir < 0)
        return 1;
    return a->event != b->event && a->event != SIZE_MAX && b->event != SIZE_MAX &&
           !(a->period && b->period);
}

/* 1 when same_thing(a, b) of two twin sets that pass quick_veto is proved
 * below SAME_THING by their signatures: their sentences' day dates share
 * no bit (dates_differ), their periods' compared bytes hash apart
 * (periods_differ), their measure words share no bit (measures_differ),
 * or neither an ordinal of 2 or more nor a local stem's bit is shared (so
 * no governing word or local stem is: same_thing returns 0). 0 says
 * nothing: same_thing decides. */
static int sig_below(const vkey *a, const vkey *b)
{
    if (a->days && b->days && !(a->days & b->days))
        return 1;
    if (a->period && b->period) {
        int gr = a->pgran < b->pgran ? a->pgran : b->pgran;
        size_t lvl = gr == RC_DATE_DAY ? 2 : gr == RC_DATE_MONTH ? 1 : 0;
        size_t n = lvl == 2 ? 10 : lvl == 1 ? 7 : 4;
        if (a->plen >= n && b->plen >= n) {
            if (a->popen || b->popen) {
                if (lvl && a->ph4[lvl - 1] != b->ph4[lvl - 1])
                    return 1;
            } else if (a->ph0[lvl] != b->ph0[lvl]) {
                return 1;
            }
        }
    }
    if (a->meas && b->meas && !(a->meas & b->meas))
        return 1;
    return !(a->near & b->near) && !(a->ord >= 2 && a->ord == b->ord);
}

/* What every twin set of a block shares, for a test of a whole block
 * against one twin set: the OR of their local-stem bits, of their day
 * bits and of the bits (ord % 64) of their ordinals of 2 or more, and
 * whether each of them has day dates. */
typedef struct bsum {
    uint64_t near, days, ords;
    uint64_t alldays;         /* 1 when every member's days is set */
} bsum;

/* 1 when sig_below(a, u) holds for every member u summarised by b: a's
 * day bits meet none of the block's while every member has some, or a
 * shares no local-stem bit with any member and no member can share its
 * ordinal of 2 or more. Then no pair of a with the block reaches
 * same_thing. 0 says nothing. */
static int block_below(const vkey *a, const bsum *b)
{
    if (a->days && b->alldays && !(a->days & b->days))
        return 1;
    return !(a->near & b->near) &&
           !(a->ord >= 2 && ((b->ords >> ((unsigned)a->ord & 63)) & 1));
}

/* A block's event and index, ordered by (event, index): the blocks of one
 * event, and those of no event, each in block order. */
typedef struct bevent {
    size_t event, k;
} bevent;

/* qsort comparator on (event, k). */
static int bevent_cmp(const void *x, const void *y)
{
    const bevent *p = x, *q = y;
    if (p->event != q->event)
        return p->event < q->event ? -1 : 1;
    return p->k < q->k ? -1 : p->k > q->k;
}

/* Index of the first of be[0..n) whose event is at least ev. */
static size_t bevent_lower(const bevent *be, size_t n, size_t ev)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (be[mid].event < ev)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* One pick of match_class: from twin set lo to hi (fwd) or hi to lo. */
typedef struct vpick {
    size_t lo, hi;
    unsigned char f;          /* 1, | 2 when the values conflict */
    unsigned char fwd;
} vpick;

/* qsort comparator on picks by (lo, hi); each (lo, hi, fwd) is unique. */
static int vpick_cmp(const void *x, const void *y)
{
    const vpick *p = x, *q = y;
    if (p->lo != q->lo)
        return p->lo < q->lo ? -1 : 1;
    if (p->hi != q->hi)
        return p->hi < q->hi ? -1 : 1;
    return (int)p->fwd - (int)q->fwd;
}

/* A picked pair: pf the pick from lo to hi, pb from hi to lo (0: none). */
typedef struct vpair {
    size_t lo, hi;
    unsigned char pf, pb;
} vpair;

/* Match the items[r0..r1) of one class (sorted by document) and write one
 * entry per set of clusters joined by conflicts. Items with one signature
 * (one sentence at one position, in copies of one event and language) are
 * one twin set and compared once; documents holding the same twin sets are
 * one block and looked at once: O(T * B) scores for T twin sets and B
 * distinct blocks. */
static void match_class(rc_discrepancies *out, const rc_dgroup *g, const sfacts *sf,
                        qitem *items, size_t r0, size_t r1)
{
    size_t m = r1 - r0;
    unitinfo *ui = rc_malloc(m * sizeof *ui);
    for (size_t i = 0; i < m; i++) {
        ui[i].sig = items[r0 + i].sig;
        ui[i].rep = r0 + i;
    }
    qsort(ui, m, sizeof *ui, unit_cmp);
    size_t nu = 0;
    for (size_t i = 0; i < m; i++) {
        if (i == 0 || ui[i].sig != ui[i - 1].sig)
            ui[nu++] = ui[i];
        items[ui[i].rep].twin = nu - 1;
    }
    if (nu > MAX_CLASS || nu < 2) {
        free(ui);
        return;
    }
    /* only representatives are scored (same_thing, part_of_total): their
     * context alone is read */
    for (size_t i = 0; i < nu; i++)
        item_context(g, sf, &items[ui[i].rep]);
    /* blocks: the twin sets of each document, deduplicated */
    size_t *bt = rc_malloc(m * sizeof *bt);
    block *bl = rc_malloc(m * sizeof *bl);   /* at most one per item */
    size_t nb = 0;
    for (size_t j0 = r0; j0 < r1;) {
        size_t j1 = j0;
        while (j1 < r1 && items[j1].doc == items[j0].doc)
            j1++;
        size_t off = j0 - r0;
        for (size_t j = j0; j < j1; j++)
            bt[off + j - j0] = items[j].twin;
        qsort(bt + off, j1 - j0, sizeof *bt, size_cmp);
        bl[nb].sig = rc_hash64(bt + off, (j1 - j0) * sizeof *bt, 5);
        bl[nb].off = off;
        bl[nb].n = j1 - j0;
        nb++;
        j0 = j1;
    }
    qsort(bl, nb, sizeof *bl, block_cmp);
    size_t nub = 0;
    for (size_t i = 0; i < nb; i++)
        if (i == 0 || bl[i].sig != bl[i - 1].sig)
            bl[nub++] = bl[i];
    /* the cheap vetoes of same_thing read from compact arrays: a vetoed
     * pair scores -1, below SAME_THING */
    vkey *vk = rc_malloc(nu * sizeof *vk);
    for (size_t u = 0; u < nu; u++)
        vkey_init(&vk[u], &items[ui[u].rep]);
    bsum *bs = rc_malloc((nub ? nub : 1) * sizeof *bs);
    for (size_t k = 0; k < nub; k++) {
        bsum *b = &bs[k];
        memset(b, 0, sizeof *b);
        b->alldays = 1;
        for (size_t j = 0; j < bl[k].n; j++) {
            const vkey *v = &vk[bt[bl[k].off + j]];
            b->near |= v->near;
            b->days |= v->days;
            if (!v->days)
                b->alldays = 0;
            if (v->ord >= 2)
                b->ords |= (uint64_t)1 << ((unsigned)v->ord & 63);
        }
    }
    /* scores kept once computed (a pair is met from both sides): sc is
     * read only where its bit in done is set */
    float *sc = rc_malloc(nu * nu * sizeof *sc);
    unsigned char *done = rc_calloc(nu * nu / 8 + 1, 1);
    /* the picks (a, b): a's best match in some block; a later block's
     * pick of the same b overwrites the flags */
    vpick *pk = NULL;
    size_t npk = 0, cappk = 0;
    size_t *stamp = rc_calloc(nu, sizeof *stamp), *slot = rc_malloc(nu * sizeof *slot);
    /* the items of a block are one document's: one event. Without a
     * period on a's side, another event vetoes every pair: such an a
     * visits the blocks of its event and those of none, in block order */
    bevent *be = rc_malloc((nub ? nub : 1) * sizeof *be);
    for (size_t k = 0; k < nub; k++) {
        be[k].event = vk[bt[bl[k].off]].event;
        be[k].k = k;
    }
    if (nub)
        qsort(be, nub, sizeof *be, bevent_cmp);
    size_t none0 = bevent_lower(be, nub, SIZE_MAX);   /* [none0, nub): no event */
    for (size_t a = 0; a < nu; a++) {
        const qitem *ia = &items[ui[a].rep];
        int every = vk[a].period || vk[a].event == SIZE_MAX;
        size_t pe = 0, pe1 = 0, px = none0, kall = 0;
        if (!every) {
            pe = bevent_lower(be, none0, vk[a].event);
            pe1 = pe;
            while (pe1 < none0 && be[pe1].event == vk[a].event)
                pe1++;
        }
        for (;;) {
            size_t k;
            if (every) {
                if (kall == nub)
                    break;
                k = kall++;
            } else {
                size_t ke = pe < pe1 ? be[pe].k : SIZE_MAX, kx = px < nub ? be[px].k : SIZE_MAX;
                if (ke == SIZE_MAX && kx == SIZE_MAX)
                    break;
                if (ke < kx) {
                    k = ke;
                    pe++;
                } else {
                    k = kx;
                    px++;
                }
            }
            if (block_below(&vk[a], &bs[k]))
                continue;   /* every pair below SAME_THING: no pick */
            const size_t *t = bt + bl[k].off;
            int own = 0;
            for (size_t j = 0; j < bl[k].n; j++)
                own |= t[j] == a;
            if (own)
                continue;   /* a copy of a's sentence is its best match there */
            /* the best and second match among the scores of at least
             * SAME_THING only: lower ones are never read below */
            double best = -1, second = -1;
            size_t bj = SIZE_MAX;
            int bconf = 0, sconf = 0;
            for (size_t j = 0; j < bl[k].n; j++) {
                size_t u = t[j];
                if (quick_veto(&vk[a], &vk[u]))
                    continue;
                if (sig_below(&vk[a], &vk[u]))
                    continue;
                size_t ix = a * nu + u;
                if (!(done[ix >> 3] & (1u << (ix & 7)))) {
                    size_t iy = u * nu + a;
                    sc[ix] = sc[iy] = (float)same_thing(g, ia, &items[ui[u].rep]);
                    done[ix >> 3] |= (unsigned char)(1u << (ix & 7));
                    done[iy >> 3] |= (unsigned char)(1u << (iy & 7));
                }
                double s = sc[ix];
                if (!(s >= SAME_THING))
                    continue;
                int conf = values_conflict(ia, &items[ui[u].rep]);
                if (s > best) {
                    second = best;
                    sconf = bconf;
                    best = s;
                    bj = u;
                    bconf = conf;
                } else if (s > second) {
                    second = s;
                    sconf = conf;
                }
            }
            if (best < SAME_THING)
                continue;
            if (second >= SAME_THING && best - second < 1.0 && sconf != bconf)
                continue;   /* ambiguous */
            const qitem *ib = &items[ui[bj].rep];
            if (bconf && (part_of_total(g, ia, ib) || part_of_total(g, ib, ia)))
                continue;
            unsigned char f = (unsigned char)(1 | (bconf ? 2 : 0));
            if (stamp[bj] == a + 1) {
                pk[slot[bj]].f = f;
                continue;
            }
            if (npk == cappk) {
                cappk = cappk ? 2 * cappk : 64;
                pk = rc_reallocarray(pk, cappk, sizeof *pk);
            }
            stamp[bj] = a + 1;
            slot[bj] = npk;
            pk[npk].lo = a < bj ? a : bj;
            pk[npk].hi = a < bj ? bj : a;
            pk[npk].f = f;
            pk[npk].fwd = a < bj;
            npk++;
        }
    }
    free(be);
    free(bs);
    free(stamp);
    free(slot);
    free(done);
    free(sc);
    free(vk);
    /* the picked pairs (lo, hi) in increasing order, each with its pick
     * from lo (pf) and from hi (pb): the order of the nested loops over
     * all pairs a < b that this replaces */
    if (npk)
        qsort(pk, npk, sizeof *pk, vpick_cmp);
    vpair *pr = rc_malloc((npk ? npk : 1) * sizeof *pr);
    size_t npr = 0;
    for (size_t i = 0; i < npk; i++) {
        if (!npr || pr[npr - 1].lo != pk[i].lo || pr[npr - 1].hi != pk[i].hi) {
            pr[npr].lo = pk[i].lo;
            pr[npr].hi = pk[i].hi;
            pr[npr].pf = pr[npr].pb = 0;
            npr++;
        }
        if (pk[i].fwd)
            pr[npr - 1].pf = pk[i].f;
        else
            pr[npr - 1].pb = pk[i].f;
    }
    free(pk);
    /* mutual consistent picks join clusters; mutual conflicts join them
     * into one entry */
    size_t *par = rc_malloc(nu * sizeof *par), *comp = rc_malloc(nu * sizeof *comp);
    for (size_t i = 0; i < nu; i++)
        par[i] = comp[i] = i;
    for (size_t i = 0; i < npr; i++)
        if (pr[i].pf && pr[i].pb && !((pr[i].pf | pr[i].pb) & 2)) {
            size_t ra = uf_find(par, pr[i].lo), rb = uf_find(par, pr[i].hi);
            if (ra != rb)
                par[rb] = ra;
        }
    unsigned char *conflicted = rc_calloc(nu, 1);
    for (size_t i = 0; i < npr; i++) {
        if (!pr[i].pf || !pr[i].pb || !((pr[i].pf & pr[i].pb) & 2))
            continue;
        size_t ra = uf_find(par, pr[i].lo), rb = uf_find(par, pr[i].hi);
        if (ra == rb)
            continue;   /* a cluster already holds both: leave it */
        size_t ca = uf_find(comp, ra), cb = uf_find(comp, rb);
        if (ca != cb)
            comp[cb] = ca;
        pr[i].pf |= 4;   /* a conflict between clusters */
    }
    for (size_t i = 0; i < npr; i++)
        if (pr[i].pf & 4)
            conflicted[uf_find(comp, uf_find(par, pr[i].lo))] = 1;
    free(pr);
    /* one entry per component holding a conflict, in order of first unit */
    size_t *members = rc_malloc(m * sizeof *members);
    for (size_t c = 0; c < nu; c++) {
        if (uf_find(comp, c) != c || !conflicted[c])
            continue;
        variant *v = NULL;
        size_t nv = 0;
        for (size_t u = 0; u < nu; u++) {
            size_t r = uf_find(par, u);
            if (r != u || uf_find(comp, r) != c)
                continue;
            size_t nm = 0;
            for (size_t i = r0; i < r1; i++)
                if (uf_find(par, items[i].twin) == r)
                    members[nm++] = i;
            v = rc_reallocarray(v, nv + 1, sizeof *v);
            v[nv].items = rc_malloc(nm * sizeof *v[nv].items);
            memcpy(v[nv].items, members, nm * sizeof *members);
            v[nv].nitems = nm;
            v[nv].rep = members[0];
            size_t nd = 0;
            for (size_t i = 0; i < nm; i++)
                nd += i == 0 || items[members[i]].doc != items[members[i - 1]].doc;
            v[nv].ndocs = nd;
            nv++;
        }
        if (nv >= 2)
            emit_number(out, g, items, v, nv);
        for (size_t k = 0; k < nv; k++)
            free(v[k].items);
        free(v);
    }
    free(members);
    free(conflicted);
    free(comp);
    free(par);
    free(bl);
    free(bt);
    free(ui);
}

/* The number part: items, totals, matches, components. */
static void find_numbers(rc_discrepancies *out, rc_dgroup *g, const size_t *docs, size_t n)
{
    qitem *items = NULL;
    size_t ni = 0, cap = 0;
    unsigned char *seen = rc_calloc(g->a->ndocs ? g->a->ndocs : 1, 1);
    for (size_t k = 0; k < n; k++) {
        size_t di = docs[k];
        if (di >= g->a->ndocs || g->first[di] == SIZE_MAX)
            continue;
        const rc_doc *d = g->a->docs[di];
        const rc_facts *f = g->a->facts[di];
        if (seen[di] || !f)
            continue;
        seen[di] = 1;
        size_t ev = g->a->events ? rc_events_of_doc(g->a->events, di) : SIZE_MAX;
        uint64_t lsig = d->lang ? rc_hash64(d->lang, strlen(d->lang), 9) : 0;
        for (size_t q = 0; q < f->nquantities; q++) {
            const rc_quantity *qt = &f->quantities[q];
            if (qt->ordinal || !(qt->value > 0) || !isfinite(qt->value))
                continue;
            double unitf = duration_days(qt->unit);
            uint64_t cls;
            if (qt->percent)
                cls = rc_hash64("%", 1, 1);
            else if (unitf > 0)
                cls = rc_hash64("dur", 3, 1);
            else if (qt->unit)
                cls = rc_hash64(qt->unit, strlen(qt->unit), 2);
            else if ((cls = counts_head(d, qt)) == 0)
                continue;
            size_t s = rc_dgroup_sentence_at(g, di, qt->start);
            if (s == SIZE_MAX)
                continue;
            if (ni == cap) {
                cap = cap ? cap * 2 : 64;
                items = rc_reallocarray(items, cap, sizeof *items);
            }
            qitem *it = &items[ni++];
            memset(it, 0, sizeof *it);
            it->doc = di;
            it->q = q;
            it->sent = s;
            it->qt = qt;
            it->cls = cls;
            it->unit = qt->unit;
            double v = qt->value * (unitf > 0 ? unitf : 1);
            double tol = qt->bound == RC_BOUND_ABOUT ? TOL_ABOUT : qt->approximate ? TOL_ROUND : 0;
            it->lo = v * (1 - tol);
            it->hi = v * (1 + tol);
            if (qt->bound == RC_BOUND_MORE_THAN)
                it->hi = HUGE_VAL;
            else if (qt->bound == RC_BOUND_LESS_THAN)
                it->lo = 0;
            /* the context is read for twin-set representatives only:
             * match_class fills it for them */
            it->event = ev;
            const rc_span *sp = &d->sentences[g->sents[s].sent];
            uint64_t pos[3] = {qt->start - sp->start, ev, lsig};
            it->sig = rc_hash64(d->text + sp->start, sp->end - sp->start,
                                rc_hash64(pos, sizeof pos, cls));
        }
    }
    free(seen);
    if (ni)
        qsort(items, ni, sizeof *items, item_cmp);
    find_totals(out, g, items, ni);
    sfacts sf = {0};
    if (ni)
        sfacts_init(&sf, g);
    for (size_t r0 = 0; r0 < ni;) {
        size_t r1 = r0;
        while (r1 < ni && items[r1].cls == items[r0].cls)
            r1++;
        match_class(out, g, &sf, items, r0, r1);
        r0 = r1;
    }
    if (ni)
        sfacts_cleanup(&sf);
    free(items);
}

typedef struct ditem {
    size_t doc, sent;
    const rc_date *dt;
} ditem;

/* qsort comparator on date items by sentence. */
static int ditem_cmp(const void *x, const void *y)
{
    const ditem *p = x, *q = y;
    if (p->sent != q->sent)
        return p->sent < q->sent ? -1 : 1;
    return p->dt->start < q->dt->start ? -1 : p->dt->start > q->dt->start;
}

/* 1 when document doc mentions a date of value v (any precision equal). */
static int doc_has_date(const rc_dgroup *g, size_t doc, const char *v)
{
    const rc_facts *f = g->a->facts[doc];
    for (size_t k = 0; k < f->ndates; k++)
        if (strcmp(f->dates[k].value, v) == 0)
            return 1;
    return 0;
}

/* A set of 64-bit keys: open addressing, grown at half load; 0 is kept
 * aside. O(1) expected per insertion, where a list scan made the date
 * pass quadratic in the number of date discrepancies. */
typedef struct kset {
    uint64_t *v;
    size_t n, cap;
    int has0;
} kset;

/* Insert k into s; returns 1 when it was not there yet. */
static int kset_add(kset *s, uint64_t k)
{
    if (!k) {
        int was = s->has0;
        s->has0 = 1;
        return !was;
    }
    if (2 * (s->n + 1) > s->cap) {
        size_t nc = s->cap ? s->cap * 2 : 64;
        uint64_t *nv = rc_calloc(nc, sizeof *nv);
        for (size_t i = 0; i < s->cap; i++) {
            if (!s->v[i])
                continue;
            size_t j = s->v[i] & (nc - 1);
            while (nv[j])
                j = (j + 1) & (nc - 1);
            nv[j] = s->v[i];
        }
        free(s->v);
        s->v = nv;
        s->cap = nc;
    }
    size_t j = k & (s->cap - 1);
    while (s->v[j]) {
        if (s->v[j] == k)
            return 0;
        j = (j + 1) & (s->cap - 1);
    }
    s->v[j] = k;
    s->n++;
    return 1;
}

/* 1 when s holds k. */
static int kset_has(const kset *s, uint64_t k)
{
    if (!k)
        return s->has0;
    if (!s->cap)
        return 0;
    for (size_t j = k & (s->cap - 1); s->v[j]; j = (j + 1) & (s->cap - 1))
        if (s->v[j] == k)
            return 1;
    return 0;
}

/* The key find_dates keeps per (documents, values) pair of date items. */
static uint64_t date_pair_key(const ditem *a, const ditem *b)
{
    return rc_hash64(a->dt->value, strlen(a->dt->value), a->doc * 31 + b->doc) ^
           rc_hash64(b->dt->value, strlen(b->dt->value), 7);
}

/* 1 when the date items a (sentence earlier) and b, their sentences
 * sharing enough proposing features for rc_dgroup_similar, pass every
 * test find_dates makes of a candidate pair: different values, the
 * sentences aligned (most features shared), a key not in seen, neither
 * document naming the other's date. 0 means the pair adds no entry and
 * changes nothing (a key that fails the date scans fails them again). */
static int date_pair_new(const rc_dgroup *g, const kset *seen, const ditem *a, const ditem *b)
{
    if (strcmp(a->dt->value, b->dt->value) == 0)
        return 0;
    size_t sh = rc_dgroup_shared(g, a->sent, b->sent);
    size_t mn = g->sents[a->sent].nfeat < g->sents[b->sent].nfeat
                    ? g->sents[a->sent].nfeat : g->sents[b->sent].nfeat;
    if (sh < 4 || 2 * sh < mn)
        return 0;
    if (kset_has(seen, date_pair_key(a, b)))
        return 0;
    return !doc_has_date(g, a->doc, b->dt->value) && !doc_has_date(g, b->doc, a->dt->value);
}

/* The sentences holding exactly one day date (it[d1[k]], k in sentence
 * order), with an inverted index of their features: those whose posting
 * list in g proposes candidates (RC_DGROUP_MAX_POSTINGS), so a pair's
 * count here is the one rc_dgroup_similar gives. */
typedef struct dindex {
    size_t *d1, n;            /* indices into the date items */
    uint64_t *keys;           /* distinct features, sorted */
    size_t nkeys, *off, *post; /* key j's sentences: d1 positions post[off[j] .. off[j + 1]) */
    uint32_t *acc;
    size_t *touched;
} dindex;

/* Build x over the date items it[0..ni) (sorted by sentence). */
static void dindex_init(dindex *x, const rc_dgroup *g, const ditem *it, size_t ni)
{
    memset(x, 0, sizeof *x);
    x->d1 = rc_malloc((ni ? ni : 1) * sizeof *x->d1);
    for (size_t i = 0; i < ni; i++)
        if (!((i > 0 && it[i - 1].sent == it[i].sent) ||
              (i + 1 < ni && it[i + 1].sent == it[i].sent)))
            x->d1[x->n++] = i;
    size_t np = 0;
    for (size_t k = 0; k < x->n; k++)
        np += g->sents[it[x->d1[k]].sent].nfeat;
    uint64_t *fv = rc_malloc((np ? np : 1) * sizeof *fv);
    size_t *kv = rc_malloc((np ? np : 1) * sizeof *kv);
    np = 0;
    for (size_t k = 0; k < x->n; k++) {
        const rc_dsent *ds = &g->sents[it[x->d1[k]].sent];
        for (size_t j = 0; j < ds->nfeat; j++) {
            uint64_t f = g->feats[ds->feat0 + j];
            if (rc_dgroup_postings(g, f) > RC_DGROUP_MAX_POSTINGS)
                continue;
            fv[np] = f;
            kv[np++] = k;
        }
    }
    size_t *perm = rc_malloc((np ? np : 1) * sizeof *perm);
    rc_dgroup_stable_order(fv, np, perm);
    x->keys = rc_malloc((np ? np : 1) * sizeof *x->keys);
    x->off = rc_malloc((np + 1) * sizeof *x->off);
    x->post = rc_malloc((np ? np : 1) * sizeof *x->post);
    for (size_t j = 0; j < np; j++) {
        uint64_t f = fv[perm[j]];
        if (j == 0 || f != x->keys[x->nkeys - 1]) {
            x->keys[x->nkeys] = f;
            x->off[x->nkeys++] = j;
        }
        x->post[j] = kv[perm[j]];
    }
    x->off[x->nkeys] = np;
    free(perm);
    free(kv);
    free(fv);
    x->acc = rc_calloc(x->n ? x->n : 1, sizeof *x->acc);
    x->touched = rc_malloc((x->n ? x->n : 1) * sizeof *x->touched);
}

/* 1 when the sentence of it[x->d1[k]] shares at least 4 proposing
 * features with a later one-date sentence of another document that
 * passes date_pair_new: the only candidates find_dates can turn into an
 * entry (or whose key it can add to seen). 0 means its lookup would give
 * none. */
static int dindex_any(dindex *x, const rc_dgroup *g, const kset *seen, const ditem *it,
                      size_t k)
{
    const ditem *a = &it[x->d1[k]];
    const rc_dsent *ds = &g->sents[a->sent];
    size_t nt = 0;
    int found = 0;
    for (size_t j = 0; j < ds->nfeat && !found; j++) {
        uint64_t f = g->feats[ds->feat0 + j];
        size_t lo = 0, hi = x->nkeys;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (x->keys[mid] < f)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo == x->nkeys || x->keys[lo] != f)
            continue;
        for (size_t p = x->off[lo]; p < x->off[lo + 1]; p++) {
            size_t o = x->post[p];
            if (o <= k)
                continue;
            const ditem *b = &it[x->d1[o]];
            if (b->doc == a->doc)
                continue;
            if (x->acc[o]++ == 0)
                x->touched[nt++] = o;
            if (x->acc[o] == 4 && date_pair_new(g, seen, a, b)) {
                found = 1;
                break;
            }
        }
    }
    for (size_t t = 0; t < nt; t++)
        x->acc[x->touched[t]] = 0;
    return found;
}

/* Release x. */
static void dindex_cleanup(dindex *x)
{
    free(x->d1);
    free(x->keys);
    free(x->off);
    free(x->post);
    free(x->acc);
    free(x->touched);
}

/* The date part; see valuediff.h. */
static void find_dates(rc_discrepancies *out, rc_dgroup *g)
{
    ditem *it = NULL;
    size_t ni = 0, cap = 0;
    for (size_t di = 0; di < g->a->ndocs; di++) {
        if (g->first[di] == SIZE_MAX || !g->a->facts[di])
            continue;
        const rc_facts *f = g->a->facts[di];
        for (size_t k = 0; k < f->ndates; k++) {
            const rc_date *dt = &f->dates[k];
            if (dt->gran != RC_DATE_DAY || dt->relative || dt->year_open)
                continue;
            size_t s = rc_dgroup_sentence_at(g, di, dt->start);
            if (s == SIZE_MAX)
                continue;
            if (ni == cap) {
                cap = cap ? cap * 2 : 64;
                it = rc_reallocarray(it, cap, sizeof *it);
            }
            it[ni].doc = di;
            it[ni].sent = s;
            it[ni].dt = dt;
            ni++;
        }
    }
    if (ni)
        qsort(it, ni, sizeof *it, ditem_cmp);
    rc_dmatch cand[64];
    kset seen = {0};
    /* only sentences holding exactly one day date; the lookup (the first
     * 64 similar sentences of any kind) only for those that meet, in the
     * date-only index, a later one-date sentence making a pair that passes
     * every test below (date_pair_new): the others' lookups add nothing */
    dindex dx;
    dindex_init(&dx, g, it, ni);
    for (size_t k = 0; k < dx.n; k++) {
        size_t i = dx.d1[k];
        if (!dindex_any(&dx, g, &seen, it, k))
            continue;
        size_t nc = rc_dgroup_similar(g, it[i].sent, 4, cand, 64);
        for (size_t c = 0; c < nc; c++) {
            size_t o = cand[c].sent;
            if (o <= it[i].sent)
                continue;   /* each pair once */
            size_t lo = 0, hi = ni;
            while (lo < hi) {
                size_t m = lo + (hi - lo) / 2;
                if (it[m].sent < o)
                    lo = m + 1;
                else
                    hi = m;
            }
            if (lo >= ni || it[lo].sent != o || (lo + 1 < ni && it[lo + 1].sent == o))
                continue;
            const ditem *a = &it[i], *b = &it[lo];
            if (strcmp(a->dt->value, b->dt->value) == 0)
                continue;
            size_t sh = rc_dgroup_shared(g, a->sent, b->sent);
            size_t mn = g->sents[a->sent].nfeat < g->sents[b->sent].nfeat
                            ? g->sents[a->sent].nfeat : g->sents[b->sent].nfeat;
            if (sh < 4 || 2 * sh < mn)
                continue;
            /* each (documents, values) pair once; checked before the
             * documents' date scans, which then run once per entry */
            if (!kset_add(&seen, date_pair_key(a, b)))
                continue;
            if (doc_has_date(g, a->doc, b->dt->value) || doc_has_date(g, b->doc, a->dt->value))
                continue;
            const rc_doc *da = g->a->docs[a->doc], *db = g->a->docs[b->doc];
            rc_discrepancy *e = rc_discrepancies_add(out, "date", 1);
            rc_discrepancy_add_evidence(e, a->doc, a->dt->start, a->dt->end);
            rc_discrepancy_add_evidence(e, b->doc, b->dt->start, b->dt->end);
            rc_discrepancy_describe(e,
                "The same sentence places it on different days: \"%.*s\" (%s, %s) vs \"%.*s\" (%s, %s)",
                (int)(a->dt->end - a->dt->start), da->text + a->dt->start, a->dt->value, da->id,
                (int)(b->dt->end - b->dt->start), db->text + b->dt->start, b->dt->value, db->id);
        }
    }
    dindex_cleanup(&dx);
    free(seen.v);
    free(it);
}

/* Numbers, totals and dates; see valuediff.h. */
int rc_valuediff_find(rc_discrepancies *out, rc_dgroup *g, const size_t *docs, size_t n)
{
    find_numbers(out, g, docs, n);
    find_dates(out, g);
    return RC_OK;
}
