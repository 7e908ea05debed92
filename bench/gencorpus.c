/*
 * gencorpus.c - deterministic invented news articles; see gencorpus.h.
 */
#include "gencorpus.h"
#include "util/hash.h"
#include <stdio.h>
#include <string.h>

/* splitmix64 step: the generator's random stream. */
static uint64_t next(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* A uniform integer in [0, n). */
static size_t pick(uint64_t *s, size_t n)
{
    return (size_t)(next(s) % n);
}

/* A stream seeded by (seed, a, b). */
static uint64_t stream(uint64_t seed, uint64_t a, uint64_t b)
{
    uint64_t v[3] = {seed, a, b};
    return rc_hash64(v, sizeof v, 0x67656e636f727075ull);
}

#define N_OF(a) (sizeof(a) / sizeof *(a))

static const char *const SYL[] = {"ka", "vo", "ri", "len", "dra", "mo", "tes", "bal", "nor",
                                  "vik", "sa", "ul", "gor", "fen", "ti", "ma", "zan", "pe",
                                  "lor", "bra", "ek", "sil", "tor", "an"};
static const char *const AGENCIES[] = {"AFP", "Reuters", "AP"};
static const char *const OUTLETS_FR[] = {"Le Courrier du Soir", "La Gazette des Plaines",
                                         "Le Journal des Rives", "L'Écho du Matin", "Radio Vallée",
                                         "Le Petit Observateur", "La Tribune du Nord",
                                         "Les Nouvelles du Port"};
static const char *const OUTLETS_EN[] = {"The Evening Ledger", "The Harbour Times",
                                         "Northern Dispatch", "The Daily Lantern",
                                         "Valley Radio News", "The Morning Courier",
                                         "The Plains Gazette", "City Herald Online"};
static const char *const WEEKDAY_FR[] = {"lundi", "mardi", "mercredi", "jeudi", "vendredi",
                                         "samedi", "dimanche"};
static const char *const WEEKDAY_EN[] = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                         "Friday", "Saturday", "Sunday"};
static const char *const NOUN_FR[] = {
    "la sécurité régionale", "les échanges commerciaux", "l'approvisionnement en énergie",
    "la coopération militaire", "les droits de douane", "la reconstruction des routes",
    "le prix des céréales", "la pêche côtière", "les réfugiés du sud", "la dette publique",
    "les élections locales", "la réforme des retraites", "le transport ferroviaire",
    "la santé publique", "les investissements étrangers", "la protection des forêts",
    "les salaires des enseignants", "le tourisme", "l'accès à l'eau potable",
    "la lutte contre la corruption", "les frontières maritimes", "le logement social",
    "la production d'acier", "les vols internationaux", "la recherche spatiale",
    "les subventions agricoles", "la cybersécurité", "les minerais rares"};
static const char *const NOUN_EN[] = {
    "regional security", "trade flows", "energy supplies", "military cooperation",
    "customs duties", "road reconstruction", "grain prices", "coastal fishing",
    "refugees from the south", "public debt", "local elections", "pension reform",
    "rail transport", "public health", "foreign investment", "forest protection",
    "teachers' pay", "tourism", "access to clean water", "the fight against corruption",
    "maritime borders", "social housing", "steel output", "international flights",
    "space research", "farm subsidies", "cyber security", "rare minerals"};
static const char *const MORE_FR[] = {"", "", "", " dans la région", " à long terme",
                                      " pour les prochaines années", " au niveau national",
                                      " avec les pays voisins", " en priorité", " cette année",
                                      " selon plusieurs experts", " malgré les critiques",
                                      " sur le terrain", " à court terme"};
static const char *const MORE_EN[] = {"", "", "", " in the region", " in the long run",
                                      " for the coming years", " at national level",
                                      " with neighbouring countries", " as a priority",
                                      " this year", " according to several experts",
                                      " despite criticism", " on the ground", " in the short term"};
static const char *const ADJ_FR[] = {"constructives", "difficiles", "franches", "longues",
                                     "tendues", "cordiales", "décisives", "prudentes",
                                     "inattendues", "techniques", "brèves", "discrètes"};
static const char *const ADJ_EN[] = {"constructive", "difficult", "frank", "long", "tense",
                                     "cordial", "decisive", "cautious", "unexpected",
                                     "technical", "brief", "discreet"};

/* Templates: A, B actors; P place; N number; W weekday; X, Y nouns; J
 * adjective. Each has 8+ words so every sentence is fingerprinted. */
static const char *const TPL_FR[] = {
    "A a rencontré B W à P pour parler de X et de Y.",
    "Selon A, les discussions sur X ont été J et parfois J2.",
    "Plus de N personnes ont suivi la rencontre organisée à P autour de X.",
    "B a déclaré que X restait une priorité pour son gouvernement face à Y.",
    "La délégation de A doit quitter P après une série de réunions sur X.",
    "Les observateurs jugent cette visite J dans un contexte marqué par Y.",
    "Le dernier entretien entre A et B sur X remontait à plusieurs mois.",
    "Un accord de N millions d'euros portant sur X a été évoqué W soir à P.",
    "Des manifestants se sont rassemblés près de P pour dénoncer Y et X.",
    "A n'a fait aucun commentaire sur Y à l'issue de cet entretien J.",
    "Les deux parties ont promis de se revoir bientôt pour aborder X.",
    "À P, la presse locale évoque des échanges J sur Y depuis W.",
};
static const char *const TPL_EN[] = {
    "A met B in P on W to discuss X and Y.",
    "According to A, the talks on X were J and at times J2.",
    "More than N people followed the meeting held in P on X.",
    "B said X remained a priority for the government in the face of Y.",
    "The delegation led by A is due to leave P after several meetings on X.",
    "Observers called the visit J at a time marked by Y.",
    "The previous talks between A and B on X took place months ago.",
    "Talk of a deal worth N million dollars covering X came up in P on W evening.",
    "Protesters gathered near P to denounce Y and X during the visit.",
    "A made no comment on Y after the J meeting with B.",
    "Both sides promised to meet again soon to address X in more detail.",
    "In P, local newspapers reported J exchanges on Y since W.",
};

/* Write an invented capitalised name of 2-3 syllables from stream s. */
static void name(uint64_t *s, char *out, size_t cap)
{
    size_t k = 2 + pick(s, 2);
    out[0] = '\0';
    for (size_t i = 0; i < k; i++) {
        size_t len = strlen(out);
        snprintf(out + len, cap - len, "%s", SYL[pick(s, N_OF(SYL))]);
    }
    if (out[0] >= 'a' && out[0] <= 'z')
        out[0] = (char)(out[0] - 32);
}

/* Actor number a of the pool ("First Last"), into out. */
static void actor(uint64_t seed, size_t a, char *out, size_t cap)
{
    uint64_t s = stream(seed, 0xAC7, a);
    char first[32], last[32];
    name(&s, first, sizeof first);
    name(&s, last, sizeof last);
    snprintf(out, cap, "%s %s", first, last);
}

/* Place number p of the pool. */
static void place(uint64_t seed, size_t p, char *out, size_t cap)
{
    uint64_t s = stream(seed, 0x91A, p);
    name(&s, out, cap);
}

typedef struct event {
    size_t a, b, p;           /* actor and place pool numbers */
    unsigned number;
    int fr;
    int day;                  /* day of year 0..364 of the event */
} event;

#define ACTORS 400
#define PLACES 120

/* Day (0..364) of article i of n. */
static int day_of(size_t i, size_t n)
{
    return (int)((unsigned long long)i * 365ull / (n ? n : 1));
}

/* Event e of a corpus of n. */
static void event_of(uint64_t seed, size_t e, size_t n, event *ev)
{
    uint64_t s = stream(seed, 0xE7, e);
    size_t src = e;
    if (e > 0 && pick(&s, 5) == 0)      /* repeat an earlier event's actors and place */
        src = e - 1 - pick(&s, e < 500 ? e : 500);
    uint64_t t = stream(seed, 0xE8, src);
    ev->a = pick(&t, ACTORS);
    ev->b = (ev->a + 1 + pick(&t, ACTORS - 1)) % ACTORS;
    ev->p = pick(&t, PLACES);
    ev->fr = pick(&t, 100) < 55;
    ev->number = (unsigned)(20 + pick(&s, 5000));
    ev->day = day_of(e * RC_GEN_EVENT_SIZE, n);
    if (ev->day > 0 && pick(&s, 3) == 0)
        ev->day--;                       /* reported the day after */
}

/* Write "YYYY-MM-DD" for day d (0..) of 2025 (not a leap year) into out. */
static void ymd(int d, char out[11])
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y = 2025, m = 0;
    while (d >= mdays[m]) {
        d -= mdays[m];
        if (++m == 12) {
            m = 0;
            y++;
        }
    }
    char tmp[40];
    snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y % 10000, m + 1, d + 1);
    memcpy(out, tmp, 10);
    out[10] = '\0';
}

/* Append sentence template t of event ev to text, its free slots filled
 * from stream s. */
static void sentence(rc_buf *text, const event *ev, uint64_t seed, int tpl, uint64_t *s)
{
    const char *t = ev->fr ? TPL_FR[tpl] : TPL_EN[tpl];
    char buf[64];
    int weekday = (ev->day + 2) % 7;   /* 2025-01-01 was a Wednesday */
    for (; *t; t++) {
        switch (*t) {
        case 'A':
        case 'B':
            if (t[1] >= 'a' && t[1] <= 'z') {   /* a word starting with A or B */
                rc_buf_putc(text, *t);
                break;
            }
            actor(seed, *t == 'A' ? ev->a : ev->b, buf, sizeof buf);
            rc_buf_puts(text, buf);
            break;
        case 'P':
            if (t[1] >= 'a' && t[1] <= 'z') {
                rc_buf_putc(text, *t);
                break;
            }
            place(seed, ev->p, buf, sizeof buf);
            rc_buf_puts(text, buf);
            break;
        case 'N':
            if (t[1] >= 'a' && t[1] <= 'z') {
                rc_buf_putc(text, *t);
                break;
            }
            rc_buf_printf(text, "%u", ev->number);
            break;
        case 'W':
            if (t[1] >= 'a' && t[1] <= 'z') {
                rc_buf_putc(text, *t);
                break;
            }
            rc_buf_puts(text, ev->fr ? WEEKDAY_FR[weekday] : WEEKDAY_EN[weekday]);
            break;
        case 'X':
        case 'Y':
            rc_buf_puts(text, ev->fr ? NOUN_FR[pick(s, N_OF(NOUN_FR))] : NOUN_EN[pick(s, N_OF(NOUN_EN))]);
            rc_buf_puts(text, ev->fr ? MORE_FR[pick(s, N_OF(MORE_FR))] : MORE_EN[pick(s, N_OF(MORE_EN))]);
            break;
        case 'J':
            rc_buf_puts(text, ev->fr ? ADJ_FR[pick(s, N_OF(ADJ_FR))] : ADJ_EN[pick(s, N_OF(ADJ_EN))]);
            if (t[1] == '2')
                t++;
            break;
        default:
            rc_buf_putc(text, *t);
        }
    }
}

#define MAX_SENT 12

/* Sentence plan of an independent write-up: k template numbers and the
 * stream that fills them. */
typedef struct plan {
    int tpl[MAX_SENT];
    uint64_t fill[MAX_SENT];
    size_t k;
} plan;

/* The plan of article j's own text (6-9 sentences). */
static void plan_of(uint64_t seed, size_t j, plan *p)
{
    uint64_t s = stream(seed, 0x9A, j);
    p->k = 6 + pick(&s, 4);
    for (size_t i = 0; i < p->k; i++) {
        p->tpl[i] = (int)pick(&s, N_OF(TPL_FR));
        p->fill[i] = next(&s);
    }
}

/* Append sentences [from, to) of plan p, a paragraph break every three. */
static void render(rc_buf *text, const event *ev, uint64_t seed, const plan *p, size_t from,
                   size_t to)
{
    for (size_t i = from; i < to && i < p->k; i++) {
        if (text->len)
            rc_buf_putc(text, (i % 3 == 0) ? '\n' : ' ');
        uint64_t s = p->fill[i];
        sentence(text, ev, seed, p->tpl[i], &s);
    }
}

/* Generate article i; see gencorpus.h. */
void rc_gen_article(uint64_t seed, size_t i, size_t n, rc_buf *text, rc_gen_info *info)
{
    rc_buf_reset(text);
    memset(info, 0, sizeof *info);
    size_t e = i / RC_GEN_EVENT_SIZE, first = e * RC_GEN_EVENT_SIZE;
    event ev;
    event_of(seed, e, n, &ev);
    uint64_t s = stream(seed, 0xA1, i);
    info->event = e;
    info->copy_of = RC_GEN_NONE;
    info->lang = ev.fr ? "fr" : "en";
    ymd(ev.day, info->event_date);
    int pubday = day_of(first, n);
    const char *agency = AGENCIES[stream(seed, 0xA6, e) % N_OF(AGENCIES)];
    const char *outlet = ev.fr ? OUTLETS_FR[pick(&s, N_OF(OUTLETS_FR))]
                               : OUTLETS_EN[pick(&s, N_OF(OUTLETS_EN))];
    plan own, disp;
    plan_of(seed, i, &own);
    if (i == first) {                       /* the agency's dispatch */
        info->outlet = agency;
        render(text, &ev, seed, &own, 0, own.k);
    } else {
        size_t role = pick(&s, 100);
        info->outlet = outlet;
        if (role < 45) {                    /* independent write-up */
            render(text, &ev, seed, &own, 0, own.k);
            pubday += (int)pick(&s, 2);
        } else if (role < 85) {             /* wire copy, maybe edited */
            plan_of(seed, first, &disp);
            info->copy_of = first;
            info->credit = agency;
            pubday += (int)pick(&s, 2);
            if (pick(&s, 2)) {
                info->edited = 1;
                size_t k = 1 + pick(&s, disp.k - 1);
                if (pick(&s, 2)) {          /* drop one sentence */
                    render(text, &ev, seed, &disp, 0, k);
                    render(text, &ev, seed, &disp, k + 1, disp.k);
                } else {                    /* replace it with the outlet's own */
                    disp.tpl[k] = own.tpl[0];
                    disp.fill[k] = own.fill[0];
                    render(text, &ev, seed, &disp, 0, disp.k);
                }
            } else {
                render(text, &ev, seed, &disp, 0, disp.k);
            }
        } else {                            /* partial reuse inside its own piece */
            plan_of(seed, first, &disp);
            info->copy_of = first;
            info->partial = 1;
            pubday += (int)pick(&s, 2);
            size_t half = own.k / 2;
            render(text, &ev, seed, &own, 0, half);
            render(text, &ev, seed, &disp, 0, 3);
            render(text, &ev, seed, &own, half, own.k);
        }
    }
    ymd(pubday, info->published);
}

/* The extra sentences of a report of the large event: the speaker's quote
 * (drifted when drift) and the police figure n. */
static void event_extras(rc_buf *text, const event *ev, uint64_t seed, int drift, unsigned n)
{
    char who[64];
    actor(seed, ev->a, who, sizeof who);
    const char *topic = ev->fr ? NOUN_FR[ev->p % N_OF(NOUN_FR)] : NOUN_EN[ev->p % N_OF(NOUN_EN)];
    if (ev->fr) {
        rc_buf_printf(text, "\n« Nous sommes %s à coopérer pleinement sur %s », a déclaré %s.",
                      drift ? "disposés" : "prêts", topic, who);
        rc_buf_printf(text, " Selon la police, %u personnes ont été blessées en marge de la visite.", n);
    } else {
        rc_buf_printf(text, "\n\"We are %s to cooperate fully on %s,\" %s said.",
                      drift ? "willing" : "ready", topic, who);
        rc_buf_printf(text, " Police said %u people were injured on the sidelines of the visit.", n);
    }
}

/* Report k of the large event; see gencorpus.h. */
void rc_gen_event_report(uint64_t seed, size_t k, rc_buf *text, rc_gen_info *info)
{
    enum { E = 7, N = 6000 };             /* one event of a year-long corpus */
    rc_buf_reset(text);
    memset(info, 0, sizeof *info);
    event ev;
    event_of(seed, E, N, &ev);
    uint64_t s = stream(seed, 0xB1, k);
    info->event = 0;
    info->copy_of = RC_GEN_NONE;
    ymd(ev.day, info->event_date);
    int pubday = ev.day;
    const char *agency = AGENCIES[stream(seed, 0xA6, E) % N_OF(AGENCIES)];
    unsigned injured = 12 + ev.number % 40;
    plan own, disp;
    plan_of(seed, (uint64_t)0xB000000 + k, &own);
    plan_of(seed, 0xB000000, &disp);
    event mine = ev;
    if (k == 0) {                         /* the agency's dispatch */
        info->outlet = agency;
        render(text, &ev, seed, &disp, 0, disp.k);
        event_extras(text, &ev, seed, 0, injured);
    } else {
        size_t role = pick(&s, 100);
        pubday += (int)pick(&s, 2);
        if (role < 45) {                  /* independent write-up, own language */
            mine.fr = pick(&s, 100) < 55;
            render(text, &mine, seed, &own, 0, own.k);
            event_extras(text, &mine, seed, pick(&s, 4) == 0,
                         pick(&s, 10) == 0 ? injured + 1 + (unsigned)pick(&s, 9) : injured);
        } else if (role < 85) {           /* wire copy, maybe edited */
            info->copy_of = 0;
            info->credit = agency;
            if (pick(&s, 2)) {
                info->edited = 1;
                size_t j = 1 + pick(&s, disp.k - 1);
                render(text, &ev, seed, &disp, 0, j);
                render(text, &ev, seed, &disp, j + 1, disp.k);
            } else {
                render(text, &ev, seed, &disp, 0, disp.k);
            }
            event_extras(text, &ev, seed, 0, injured);
        } else {                          /* partial reuse inside its own piece */
            info->copy_of = 0;
            info->partial = 1;
            size_t half = own.k / 2;
            render(text, &ev, seed, &own, 0, half);
            render(text, &ev, seed, &disp, 0, 3);
            render(text, &ev, seed, &own, half, own.k);
            event_extras(text, &ev, seed, pick(&s, 4) == 0, injured);
        }
        info->outlet = mine.fr ? OUTLETS_FR[pick(&s, N_OF(OUTLETS_FR))]
                               : OUTLETS_EN[pick(&s, N_OF(OUTLETS_EN))];
    }
    info->lang = mine.fr ? "fr" : "en";
    ymd(pubday, info->published);
}
