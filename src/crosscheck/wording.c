/*
 * wording.c - adopted quoted words and changed agents; see wording.h.
 */
#include "crosscheck/wording.h"
#include "util/buf.h"
#include "util/hash.h"
#include "util/mem.h"
#include "util/rc.h"
#include <stdlib.h>
#include <string.h>

#define MAX_QSTEMS 64
#define MAX_CAND 64
#define MAX_AGENTS 8
#define MAX_PHRASE 5

typedef struct lang_agents {
    const char *lang;
    const char *const *preps;      /* agent prepositions */
    const char *const *endings;    /* participle endings */
    const char *const *irregular;  /* participles without a regular ending */
} lang_agents;

static const char *const FR_PREPS[] = {"par", NULL};
static const char *const FR_END[] = {"é", "ée", "és", "ées", "i", "ie", "is", "ies", "it", "ite",
                                     "its", "ites", "u", "ue", "us", "ues", "ert", "erte",
                                     "erts", "ertes", "eint", "einte", "eints", "eintes",
                                     "aint", "ainte", "aints", "aintes", NULL};
static const char *const FR_IRR[] = {NULL};
static const char *const EN_PREPS[] = {"by", NULL};
static const char *const EN_END[] = {"ed", "en", "wn", "lt", "ght", NULL};
static const char *const EN_IRR[] = {"made", "held", "led", "paid", "sent", "hit", "set",
                                     "struck", "won", "shot", "done", "hurt", "cut", "run",
                                     "spent", "left", "kept", "met", "sold", "told", NULL};
static const char *const ES_PREPS[] = {"por", NULL};
static const char *const ES_END[] = {"ado", "ada", "ados", "adas", "ido", "ida", "idos", "idas",
                                     "to", "ta", "tos", "tas", "cho", "cha", "chos", "chas", NULL};
static const char *const ES_IRR[] = {NULL};

static const lang_agents AGENTS[] = {
    {"fr", FR_PREPS, FR_END, FR_IRR},
    {"en", EN_PREPS, EN_END, EN_IRR},
    {"es", ES_PREPS, ES_END, ES_IRR},
};

/* The agent table of lang, or NULL. */
static const lang_agents *agents_of(const char *lang)
{
    if (!lang)
        return NULL;
    for (size_t i = 0; i < sizeof AGENTS / sizeof AGENTS[0]; i++)
        if (strcmp(AGENTS[i].lang, lang) == 0)
            return &AGENTS[i];
    return NULL;
}

/* 1 when s is in the NULL-terminated list. */
static int in_list(const char *const *l, const char *s)
{
    for (; *l; l++)
        if ((*l)[0] == s[0] && strcmp(*l, s) == 0)
            return 1;
    return 0;
}

/* 1 when the folded word w looks like a participle in la. */
static int participle(const lang_agents *la, const char *w)
{
    size_t n = strlen(w);
    if (n < 4)
        return 0;
    if (in_list(la->irregular, w))
        return 1;
    for (const char *const *e = la->endings; *e; e++) {
        size_t k = strlen(*e);
        if (n > k + 2 && memcmp(w + n - k, *e, k) == 0)
            return 1;
    }
    return 0;
}

/* Prepositions and adverbs that end an agent phrase though stopword lists
 * may not hold them ("détruits par X lors de", "destroyed by X during"). */
static const char *const PHRASE_END[] = {
    "lors", "pendant", "durant", "depuis", "après", "avant", "selon", "vers", "contre", "dès",
    "puis", "hier", "aujourd'hui", "during", "after", "before", "since", "amid",
    "against", "until", "yesterday", "today", "while", "when", "durante", "después", "antes",
    "desde", "contra", "según", NULL};

/* Nouns naming actors (who acts, and so whose naming is loaded): an agent
 * phrase headed by one, or holding a name, is an actor; "marqué par la
 * dette publique" names a circumstance, not an actor. */
static const char *const ACTORS[] = {
    "armée", "armées", "forces", "troupes", "soldats", "militaires", "police", "policiers",
    "gendarmes", "régime", "gouvernement", "autorités", "pouvoir", "rebelles", "insurgés",
    "occupants", "occupant", "envahisseurs", "agresseurs", "terroristes", "séparatistes",
    "manifestants", "émeutiers", "militants", "combattants", "milices", "milice", "ennemi",
    "adversaire", "opposition", "partisans", "nationalistes", "islamistes", "extrémistes",
    "djihadistes", "bandes", "gangs", "colons", "mercenaires", "drones", "frappes",
    "bombardements", "tirs", "missiles", "roquettes", "obus", "voisin", "voisins",
    "army", "armies", "forces", "troops", "soldiers", "police", "officers",
    "regime", "government", "authorities", "rebels", "insurgents", "occupiers", "invaders",
    "aggressors", "terrorists", "separatists", "protesters", "rioters", "militants",
    "fighters", "militia", "militias", "enemy", "opposition", "extremists", "jihadists",
    "gangs", "settlers", "mercenaries", "drones", "strikes", "shelling", "missiles",
    "rockets", "neighbours", "neighbors",
    "ejército", "fuerzas", "tropas", "soldados", "policía", "régimen", "gobierno",
    "rebeldes", "ocupantes", "invasores", "terroristas", "manifestantes", NULL};

typedef struct agent {
    size_t anchor;            /* token of the participle */
    size_t p0, p1;            /* tokens of the agent phrase [p0, p1] */
    uint64_t anchor_feat;
    uint64_t feats[MAX_PHRASE];
    size_t nfeat;
} agent;

/* The agent constructions of sentence s (a group sentence) into ag;
 * returns how many. */
static size_t find_agents(const rc_dgroup *g, size_t s, const lang_agents *la, agent *ag)
{
    const rc_dsent *ds = &g->sents[s];
    const rc_doc *d = g->a->docs[ds->doc];
    size_t n = 0;
    for (size_t t = ds->tok0; t + 2 < ds->tok1 && n < MAX_AGENTS; t++) {
        const rc_token *k = &d->tokens[t];
        if (!rc_dgroup_content(k) || !in_list(la->preps, d->tokens[t + 1].norm) ||
            !participle(la, k->norm))
            continue;
        size_t j = t + 2, skipped = 0;
        while (j < ds->tok1 && skipped < 2 && (d->tokens[j].flags & RC_TOK_STOP) &&
               (d->tokens[j].flags & RC_TOK_WORD)) {
            j++;
            skipped++;
        }
        agent *a = &ag[n];
        a->nfeat = 0;
        size_t last = SIZE_MAX;
        for (size_t m = j; m < ds->tok1 && m < j + MAX_PHRASE; m++) {
            const rc_token *x = &d->tokens[m];
            if (in_list(PHRASE_END, x->norm) || a->nfeat == 3)
                break;
            if (rc_dgroup_content(x)) {
                a->feats[a->nfeat++] = rc_dgroup_stem_feat(x->stem);
                last = m;
            } else if ((x->flags & RC_TOK_WORD) && m + 1 < ds->tok1 &&
                       rc_dgroup_content(&d->tokens[m + 1]) && last != SIZE_MAX &&
                       (x->flags & RC_TOK_STOP) && x->end - x->start <= 3) {
                continue;   /* a short connector between content words ("de") */
            } else {
                break;
            }
        }
        if (!a->nfeat)
            continue;
        a->anchor = t;
        a->anchor_feat = rc_dgroup_stem_feat(k->stem);
        a->p0 = t + 2;
        a->p1 = last;
        n++;
    }
    return n;
}

/* Describe where the words [s, e) of doc stand: quoted (whose words) or
 * the outlet's own. Returns a static or document string. */
static const char *voice(const rc_dgroup *g, size_t doc, uint32_t s, uint32_t e, int *quoted)
{
    long q = rc_dgroup_quote_at(g, doc, s, e);
    *quoted = q >= 0;
    if (q < 0)
        return "the outlet's own words";
    const rc_quote *qt = &g->a->facts[doc]->quotes[q];
    return qt->speaker ? qt->speaker : "an unnamed speaker";
}

typedef struct wseen {
    uint64_t key;
    size_t entry;
} wseen;

/* The entry for key (creating it with kind wording), and whether it is new. */
static rc_discrepancy *entry_for(rc_discrepancies *out, wseen **sn, size_t *nsn, uint64_t key,
                                 int *fresh)
{
    for (size_t k = 0; k < *nsn; k++)
        if ((*sn)[k].key == key) {
            *fresh = 0;
            return &out->items[(*sn)[k].entry];
        }
    *fresh = 1;
    rc_discrepancy *e = rc_discrepancies_add(out, "wording", 1);
    *sn = rc_reallocarray(*sn, *nsn + 1, sizeof **sn);
    (*sn)[*nsn].key = key;
    (*sn)[(*nsn)++].entry = out->n - 1;
    return e;
}

/* 1 when the agent phrase ag of document doc names an actor: a name (a
 * capitalised word or an entity mention inside it) or an ACTORS noun. */
static int is_actor(const rc_dgroup *g, size_t doc, const agent *ag)
{
    const rc_doc *d = g->a->docs[doc];
    for (size_t t = ag->p0; t <= ag->p1 && t < d->ntokens; t++) {
        const rc_token *k = &d->tokens[t];
        if ((k->flags & RC_TOK_WORD) && (k->flags & (RC_TOK_CAP | RC_TOK_UPPER)) &&
            !(k->flags & RC_TOK_SENT_START))
            return 1;
        if (in_list(ACTORS, k->norm))
            return 1;
    }
    const rc_facts *f = g->a->facts[doc];
    uint32_t s = d->tokens[ag->p0].start, e = d->tokens[ag->p1].end;
    for (size_t m = 0; m < f->nmentions; m++)
        if (f->mentions[m].entity >= 0 && f->mentions[m].start < e && f->mentions[m].end > s)
            return 1;
    return 0;
}

/* 1 when feats[0..n) (sorted) holds f. */
static int has_feat(const uint64_t *feats, size_t n, uint64_t f);

/* 1 when group sentences s and o state one fact apart from their agents:
 * they share a merged entity or a figure, or the content stems of the
 * shorter one outside its agent phrase are 80% in the other. */
static int same_fact(const rc_dgroup *g, size_t s, size_t o, const agent *as)
{
    const rc_dsent *x = &g->sents[s], *y = &g->sents[o];
    const uint64_t *fy = g->feats + y->feat0;
    const rc_facts *f = g->a->facts[x->doc];
    const rc_span *sp = &g->a->docs[x->doc]->sentences[x->sent];
    for (size_t m = 0; m < f->nmentions; m++) {
        const rc_mention *mn = &f->mentions[m];
        if (mn->entity >= 0 && mn->start >= sp->start && mn->end <= sp->end &&
            has_feat(fy, y->nfeat, rc_dgroup_entity_feat(mn->entity)))
            return 1;
    }
    for (size_t q = 0; q < f->nquantities; q++) {
        const rc_quantity *qt = &f->quantities[q];
        if (!qt->ordinal && qt->start >= sp->start && qt->end <= sp->end &&
            has_feat(fy, y->nfeat, rc_dgroup_value_feat(qt->value)))
            return 1;
    }
    const rc_doc *d = g->a->docs[x->doc];
    size_t own = 0, met = 0;
    for (size_t t = x->tok0; t < x->tok1; t++) {
        if (t >= as->p0 && t <= as->p1)
            continue;
        if (!rc_dgroup_content(&d->tokens[t]))
            continue;
        own++;
        met += has_feat(fy, y->nfeat, rc_dgroup_tok_feat(g, x->doc, t));
    }
    return own >= 4 && 10 * met >= 8 * own;
}

typedef struct ahit {
    uint64_t frame;           /* participle stem and language */
    uint64_t phrase;          /* the agent phrase's folded words */
    size_t doc;
    uint32_t start, end;      /* participle .. end of the agent phrase */
} ahit;

/* qsort comparator on hits: frame, phrase, document, start. */
static int ahit_cmp(const void *x, const void *y)
{
    const ahit *p = x, *q = y;
    if (p->frame != q->frame)
        return p->frame < q->frame ? -1 : 1;
    if (p->phrase != q->phrase)
        return p->phrase < q->phrase ? -1 : 1;
    if (p->doc != q->doc)
        return p->doc < q->doc ? -1 : 1;
    return p->start < q->start ? -1 : p->start > q->start;
}

/* Hash of the content stems of the agent phrase ag. */
static uint64_t phrase_hash(const agent *ag)
{
    return rc_hash64(ag->feats, ag->nfeat * sizeof ag->feats[0], 3);
}

/* Write one wording entry per frame from the sorted hits h[0..n): the
 * variants (distinct agent phrases) with their articles and voices. */
static void emit_agents(rc_discrepancies *out, const rc_dgroup *g, const ahit *h, size_t n)
{
    for (size_t f0 = 0; f0 < n;) {
        size_t f1 = f0;
        while (f1 < n && h[f1].frame == h[f0].frame)
            f1++;
        size_t nvar = 0;
        for (size_t i = f0; i < f1; i++)
            nvar += i == f0 || h[i].phrase != h[i - 1].phrase;
        if (nvar < 2) {
            f0 = f1;
            continue;
        }
        rc_discrepancy *e = rc_discrepancies_add(out, "wording", 1);
        rc_buf b;
        rc_buf_init(&b, 1u << 14);
        rc_buf_printf(&b, "The same sentence names a different agent: ");
        size_t var = 0;
        for (size_t v0 = f0; v0 < f1; var++) {
            size_t v1 = v0;
            size_t ndocs = 0;
            while (v1 < f1 && h[v1].phrase == h[v0].phrase) {
                ndocs += v1 == v0 || h[v1].doc != h[v1 - 1].doc;
                v1++;
            }
            const rc_doc *d = g->a->docs[h[v0].doc];
            int q;
            const char *vo = voice(g, h[v0].doc, h[v0].start, h[v0].end, &q);
            rc_buf_printf(&b, "%s\"%.*s\" (", var ? " vs " : "", (int)(h[v0].end - h[v0].start),
                          d->text + h[v0].start);
            if (ndocs > 1)
                rc_buf_printf(&b, "%zu articles, first %s", ndocs, d->id);
            else
                rc_buf_printf(&b, "%s", d->id);
            rc_buf_printf(&b, ", %s%s)", q ? "quoting " : "", vo);
            for (size_t i = v0; i < v1 && i < v0 + 4; i++)
                rc_discrepancy_add_evidence(e, h[i].doc, h[i].start, h[i].end);
            for (size_t i = v0; i < v1; i++)
                rc_discrepancy_add_doc(e, h[i].doc);
            rc_discrepancy_note(e, "%s: %s", d->id, q ? "quoted" : "unquoted");
            v0 = v1;
        }
        rc_discrepancy_describe(e, "%s", rc_buf_str(&b));
        rc_buf_cleanup(&b);
        f0 = f1;
    }
}

/* Changed agents in aligned sentences: pairs of aligned sentences stating
 * one fact (same_fact) whose agents differ and one of which names an
 * actor; one entry per participle frame. */
static void find_agent_changes(rc_discrepancies *out, rc_dgroup *g)
{
    rc_dmatch cand[MAX_CAND];
    agent aa[MAX_AGENTS];
    ahit *hits = NULL;
    size_t nh = 0, cap = 0;
    /* the agents of every sentence, found once (a sentence is a candidate
     * of many others): sentence s's are pool[at[s] .. at[s + 1]) */
    size_t *at = rc_malloc((g->nsents + 1) * sizeof *at);
    agent *pool = NULL;
    size_t npool = 0, poolcap = 0;
    for (size_t s = 0; s < g->nsents; s++) {
        at[s] = npool;
        const lang_agents *la = agents_of(g->a->docs[g->sents[s].doc]->lang);
        size_t na = la ? find_agents(g, s, la, aa) : 0;
        if (!na)
            continue;
        if (npool + na > poolcap) {
            poolcap = 2 * (npool + na);
            pool = rc_reallocarray(pool, poolcap, sizeof *pool);
        }
        memcpy(pool + npool, aa, na * sizeof *aa);
        npool += na;
    }
    at[g->nsents] = npool;
    for (size_t s = 0; s < g->nsents; s++) {
        const rc_doc *da = g->a->docs[g->sents[s].doc];
        size_t na = at[s + 1] - at[s];
        if (!na)
            continue;
        const agent *ag = pool + at[s];
        size_t nc = rc_dgroup_similar(g, s, 5, cand, MAX_CAND);
        for (size_t c = 0; c < nc; c++) {
            size_t o = cand[c].sent;
            if (o < s)
                continue;
            const rc_doc *db = g->a->docs[g->sents[o].doc];
            if (!db->lang || strcmp(db->lang, da->lang) != 0)
                continue;
            size_t sh = rc_dgroup_shared(g, s, o);
            size_t mn = g->sents[s].nfeat < g->sents[o].nfeat ? g->sents[s].nfeat
                                                              : g->sents[o].nfeat;
            if (sh < 5 || 100 * sh < 35 * mn)
                continue;
            size_t nb = at[o + 1] - at[o];
            const agent *bb = pool + at[o];
            for (size_t i = 0; i < na; i++)
                for (size_t j = 0; j < nb; j++) {
                    if (ag[i].anchor_feat != bb[j].anchor_feat)
                        continue;
                    int common = 0;
                    for (size_t x = 0; x < ag[i].nfeat; x++)
                        for (size_t y = 0; y < bb[j].nfeat; y++)
                            common |= ag[i].feats[x] == bb[j].feats[y];
                    if (common)
                        continue;
                    if (!is_actor(g, g->sents[s].doc, &ag[i]) &&
                        !is_actor(g, g->sents[o].doc, &bb[j]))
                        continue;   /* a circumstance, not who did it */
                    if (!same_fact(g, s, o, &ag[i]) || !same_fact(g, o, s, &bb[j]))
                        continue;
                    if (nh + 2 > cap) {
                        cap = cap ? cap * 2 : 16;
                        hits = rc_reallocarray(hits, cap, sizeof *hits);
                    }
                    uint64_t frame = rc_hash64(da->lang, strlen(da->lang), ag[i].anchor_feat);
                    hits[nh++] = (ahit){frame, phrase_hash(&ag[i]), g->sents[s].doc,
                                        da->tokens[ag[i].anchor].start, da->tokens[ag[i].p1].end};
                    hits[nh++] = (ahit){frame, phrase_hash(&bb[j]), g->sents[o].doc,
                                        db->tokens[bb[j].anchor].start, db->tokens[bb[j].p1].end};
                }
        }
    }
    if (nh)
        qsort(hits, nh, sizeof *hits, ahit_cmp);
    /* one hit per (frame, phrase, document, start) */
    size_t m = 0;
    for (size_t i = 0; i < nh; i++)
        if (m == 0 || ahit_cmp(&hits[i], &hits[m - 1]) != 0)
            hits[m++] = hits[i];
    emit_agents(out, g, hits, m);
    free(hits);
    free(pool);
    free(at);
}

/* 1 when a citation or quote of doc overlaps [s, e). */
static int attributed(const rc_dgroup *g, size_t doc, uint32_t s, uint32_t e)
{
    const rc_facts *f = g->a->facts[doc];
    for (size_t c = 0; c < f->ncitations; c++)
        if (f->citations[c].start < e && f->citations[c].end > s)
            return 1;
    return 0;
}

/* 1 when feats[0..n) (sorted) holds f. */
static int has_feat(const uint64_t *feats, size_t n, uint64_t f)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t m = lo + (hi - lo) / 2;
        if (feats[m] < f)
            lo = m + 1;
        else
            hi = m;
    }
    return lo < n && feats[lo] == f;
}

/* The adopted stretch of candidate sentence ds for the quote stems
 * qf[0..nq) (sorted, unique): the longest run of matched words with small
 * gaps, when it holds at least need distinct stems and lies outside the
 * sentence's document's quotes and citations. Returns 1 and sets *s, *e
 * (its bytes) and *key (hash of its text) then; 0 otherwise. Reads only
 * the stems and the sentence: equal for every copy of one quote. */
static int adopted_stretch(const rc_dgroup *g, const uint64_t *qf, size_t nq, size_t need,
                           const rc_dsent *ds, uint32_t *s, uint32_t *e, uint64_t *key)
{
    const rc_doc *db = g->a->docs[ds->doc];
    /* the longest stretch of matched words with small gaps */
    size_t best = 0, b0 = 0, b1 = 0;
    size_t run0 = SIZE_MAX, runlast = 0, gap = 0;
    uint64_t got[MAX_QSTEMS];
    size_t ngot = 0;
    for (size_t t = ds->tok0; t <= ds->tok1; t++) {
        int content = t < ds->tok1 && rc_dgroup_content(&db->tokens[t]);
        uint64_t f = content ? rc_dgroup_tok_feat(g, ds->doc, t) : 0;
        int hit = content && has_feat(qf, nq, f);
        if (hit) {
            if (run0 == SIZE_MAX) {
                run0 = t;
                ngot = 0;
            }
            int dup = 0;
            for (size_t k = 0; k < ngot; k++)
                dup |= got[k] == f;
            if (!dup && ngot < MAX_QSTEMS)
                got[ngot++] = f;
            runlast = t;
            gap = 0;
            continue;
        }
        if (content)
            gap++;
        if (run0 != SIZE_MAX && (t == ds->tok1 || gap > 2)) {
            if (ngot > best) {
                best = ngot;
                b0 = run0;
                b1 = runlast;
            }
            run0 = SIZE_MAX;
            gap = 0;
        }
    }
    if (best < need)
        return 0;
    *s = db->tokens[b0].start;
    *e = db->tokens[b1].end;
    int inquote = 0;
    const rc_facts *fb = g->a->facts[ds->doc];
    for (size_t k = 0; k < fb->nquotes && !inquote; k++)
        inquote = fb->quotes[k].start < *e && fb->quotes[k].end > *s;
    const rc_span *sp = &db->sentences[ds->sent];
    if (inquote || attributed(g, ds->doc, sp->start, sp->end))
        return 0;
    *key = rc_hash64(db->text + *s, *e - *s, 17);   /* same adopted words */
    return 1;
}

#define ADMEMO_MAX ((size_t)1 << 20)   /* answers kept per group */

/* adopted_stretch's answers per (distinct quote stems, candidate
 * sentence): wire copies repeat one quote in many documents, and every
 * copy's lookup proposes the same sentences (but its own). Queries are
 * told apart by their stems, compared (not only hashed). */
typedef struct admemo {
    /* distinct queries: stems qfeat[qf0[i] .. qf0[i] + qnf[i]), hash qh[i] */
    uint64_t *qfeat, *qh;
    size_t *qf0, *qnf, nq, capq, nqfeat, capqfeat;
    size_t *qslot, qcap;      /* open addressing over queries; SIZE_MAX: empty */
    /* answers: key qid << 32 | sentence; UINT64_MAX: empty */
    struct adans {
        uint64_t k, key;
        uint32_t s, e;
        int ok;
    } *ans;
    size_t nans, anscap;
} admemo;

/* The id of query qf[0..n) in m, added when new. */
static size_t admemo_query(admemo *m, const uint64_t *qf, size_t n)
{
    uint64_t h = rc_hash64(qf, n * sizeof *qf, 0xad0);
    if (2 * (m->nq + 1) > m->qcap) {
        free(m->qslot);
        m->qcap = m->qcap ? 2 * m->qcap : 64;
        m->qslot = rc_malloc(m->qcap * sizeof *m->qslot);
        for (size_t i = 0; i < m->qcap; i++)
            m->qslot[i] = SIZE_MAX;
        for (size_t i = 0; i < m->nq; i++) {
            size_t j = (size_t)(m->qh[i] ^ m->qh[i] >> 29) & (m->qcap - 1);
            while (m->qslot[j] != SIZE_MAX)
                j = (j + 1) & (m->qcap - 1);
            m->qslot[j] = i;
        }
    }
    size_t j = (size_t)(h ^ h >> 29) & (m->qcap - 1);
    for (; m->qslot[j] != SIZE_MAX; j = (j + 1) & (m->qcap - 1)) {
        size_t i = m->qslot[j];
        if (m->qh[i] == h && m->qnf[i] == n &&
            (!n || memcmp(m->qfeat + m->qf0[i], qf, n * sizeof *qf) == 0))
            return i;
    }
    if (m->nq == m->capq) {
        m->capq = m->capq ? 2 * m->capq : 64;
        m->qh = rc_reallocarray(m->qh, m->capq, sizeof *m->qh);
        m->qf0 = rc_reallocarray(m->qf0, m->capq, sizeof *m->qf0);
        m->qnf = rc_reallocarray(m->qnf, m->capq, sizeof *m->qnf);
    }
    if (m->nqfeat + n > m->capqfeat) {
        m->capqfeat = 2 * (m->nqfeat + n) + 256;
        m->qfeat = rc_reallocarray(m->qfeat, m->capqfeat, sizeof *m->qfeat);
    }
    memcpy(m->qfeat + m->nqfeat, qf, n * sizeof *qf);
    m->qh[m->nq] = h;
    m->qf0[m->nq] = m->nqfeat;
    m->qnf[m->nq] = n;
    m->nqfeat += n;
    m->qslot[j] = m->nq;
    return m->nq++;
}

/* Slot of answer key k in m->ans (its own or the empty one for it). */
static size_t admemo_slot(const admemo *m, uint64_t k)
{
    size_t j = (size_t)((k * 0x9e3779b97f4a7c15ull) >> 20) & (m->anscap - 1);
    while (m->ans[j].k != UINT64_MAX && m->ans[j].k != k)
        j = (j + 1) & (m->anscap - 1);
    return j;
}

/* adopted_stretch of query qid (stems qf[0..nq)) and candidate sentence
 * sent of g, through m: computed once per pair while m holds fewer than
 * ADMEMO_MAX answers. */
static int adopted_memo(admemo *m, const rc_dgroup *g, size_t qid, const uint64_t *qf,
                        size_t nq, size_t need, size_t sent, uint32_t *s, uint32_t *e,
                        uint64_t *key)
{
    const rc_dsent *ds = &g->sents[sent];
    if (qid >= UINT32_MAX || sent >= UINT32_MAX)
        return adopted_stretch(g, qf, nq, need, ds, s, e, key);
    uint64_t k = (uint64_t)qid << 32 | sent;
    if (m->anscap) {
        const struct adans *a = &m->ans[admemo_slot(m, k)];
        if (a->k == k) {
            *s = a->s;
            *e = a->e;
            *key = a->key;
            return a->ok;
        }
    }
    int ok = adopted_stretch(g, qf, nq, need, ds, s, e, key);
    if (m->nans >= ADMEMO_MAX)
        return ok;
    if (2 * (m->nans + 1) > m->anscap) {
        struct adans *old = m->ans;
        size_t oldcap = m->anscap;
        m->anscap = oldcap ? 2 * oldcap : 1024;
        m->ans = rc_malloc(m->anscap * sizeof *m->ans);
        for (size_t i = 0; i < m->anscap; i++)
            m->ans[i].k = UINT64_MAX;
        for (size_t i = 0; i < oldcap; i++)
            if (old[i].k != UINT64_MAX)
                m->ans[admemo_slot(m, old[i].k)] = old[i];
        free(old);
    }
    struct adans *a = &m->ans[admemo_slot(m, k)];
    a->k = k;
    a->ok = ok;
    a->s = ok ? *s : 0;
    a->e = ok ? *e : 0;
    a->key = ok ? *key : 0;
    m->nans++;
    return ok;
}

/* Release m. */
static void admemo_cleanup(admemo *m)
{
    free(m->qfeat);
    free(m->qh);
    free(m->qf0);
    free(m->qnf);
    free(m->qslot);
    free(m->ans);
}

/* Quoted words adopted as another outlet's own. Each candidate's stretch
 * is computed once per distinct quote (admemo). */
static void find_adopted(rc_discrepancies *out, rc_dgroup *g, wseen **sn, size_t *nsn)
{
    rc_dmatch cand[MAX_CAND];
    uint64_t qf[MAX_QSTEMS];
    admemo memo = {0};
    for (size_t di = 0; di < g->a->ndocs; di++) {
        if (g->first[di] == SIZE_MAX || !g->a->facts[di])
            continue;
        const rc_doc *da = g->a->docs[di];
        const rc_facts *fa = g->a->facts[di];
        for (size_t q = 0; q < fa->nquotes; q++) {
            const rc_quote *qt = &fa->quotes[q];
            size_t nq = rc_dgroup_span_feats_in(g, di, qt->start, qt->end, qf, MAX_QSTEMS);
            if (nq < 4 || nq >= MAX_QSTEMS)
                continue;
            size_t need = (8 * nq + 9) / 10;
            if (need < 4)
                need = 4;
            size_t nc = rc_dgroup_lookup(g, qf, nq, di, (uint32_t)need, cand, MAX_CAND);
            size_t qid = nc ? admemo_query(&memo, qf, nq) : SIZE_MAX;
            for (size_t c = 0; c < nc; c++) {
                const rc_dsent *ds = &g->sents[cand[c].sent];
                const rc_doc *db = g->a->docs[ds->doc];
                if (!da->lang || !db->lang || strcmp(da->lang, db->lang) != 0)
                    continue;
                uint32_t s, e;
                uint64_t key;
                if (!adopted_memo(&memo, g, qid, qf, nq, need, cand[c].sent, &s, &e, &key))
                    continue;
                int fresh;
                rc_discrepancy *en = entry_for(out, sn, nsn, key, &fresh);
                rc_discrepancy_add_evidence(en, di, qt->start, qt->end);
                rc_discrepancy_add_evidence(en, ds->doc, s, e);
                if (!fresh)
                    continue;
                rc_discrepancy_describe(en,
                    "Words quoted in %s (attributed to %s) are written as %s's own: \"%.*s\"",
                    da->id, qt->speaker ? qt->speaker : "an unnamed speaker", db->id,
                    (int)(e - s), db->text + s);
                rc_discrepancy_note(en, "quoted in %s: \"%.*s\"", da->id,
                                    (int)(qt->end - qt->start), da->text + qt->start);
            }
        }
    }
    admemo_cleanup(&memo);
}

/* Wording discrepancies; see wording.h. */
int rc_wording_find(rc_discrepancies *out, rc_dgroup *g, const size_t *docs, size_t n)
{
    (void)docs;
    (void)n;
    wseen *sn = NULL;
    size_t nsn = 0;
    find_agent_changes(out, g);
    find_adopted(out, g, &sn, &nsn);
    free(sn);
    return RC_OK;
}
