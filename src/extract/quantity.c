/*
 * quantity.c - quantities over the text model's tokens (see quantity.h).
 *
 * One pass over the tokens. A candidate is a number token (RC_TOK_NUM) or a
 * word found in the language's number-word hash; everything else costs one
 * hash probe per word. Around a candidate the work is bounded (qualifiers:
 * 4 tokens back; number words: 16 tokens; unit and counted noun: 8 tokens
 * ahead), so the pass is linear in the text whatever it holds.
 *
 * Languages are rows: add a qlang with its words, qualifiers, units, date
 * words, year prepositions and identifier nouns to LANGS.
 */
#include "extract/quantity.h"
#include "util/arena.h"
#include "util/rc.h"
#include <math.h>
#include <stdint.h>
#include <string.h>
#include <threads.h>

/* ---------------------------------------------------------------- tables */

enum wkind {
    K_UNIT = 1,   /* 0..99 atoms: "trois", "vingt", "seventeen" */
    K_HUNDRED,    /* "cent", "hundred" */
    K_SCALE,      /* "mille", "million", "billion" */
    K_ARTICLE,    /* "un", "une", "a", "an": 1 before a scale or approximate noun */
    K_APPROX,     /* "dizaine", "millier", "dozen": value, after an article or number */
    K_CONN,       /* "et", "and" between number words */
    K_ABBR        /* "bn", "md", "k": multiplier after digits only */
};
enum wflag {
    F_ORD = 1,     /* ordinal form */
    F_AMBIG = 2,   /* "second": ordinal only between a determiner and a noun */
    F_APPROXV = 4, /* approximate value ("une dizaine") */
    F_PLURAL = 8,  /* plural approximate noun: value only after a number */
    F_NEEDDE = 16  /* approximate noun that must be followed by de/d'/of */
};

typedef struct nword {
    const char *w;
    double v;
    unsigned char kind, flags;
} nword;

enum ukind { U_PLAIN = 0, U_CUR, U_PCT };
typedef struct qunit {
    const char *phrase;   /* token norms separated by single spaces */
    const char *unit;     /* normalised name; NULL for a percentage */
    unsigned char kind;
} qunit;

typedef struct qqual {
    const char *phrase;
    rc_bound bound;
} qqual;

typedef struct qlang {
    const char *code;
    char group_mark;              /* '.' or ',' before exactly 3 digits = thousands */
    int months_need_cap;          /* English month names are capitalised */
    const nword *words;
    const qqual *quals;
    const qunit *units;
    const char *const *dates;     /* month and weekday names */
    const char *const *year_preps;/* words after which a plain 4-digit number is a year */
    const char *const *id_nouns;  /* words after which a number is an identifier */
    const char *const *links;     /* de, du, des, d', of: inside a counted phrase */
    const char *const *ord_dets;  /* determiners before an ambiguous ordinal */
    const char *const *verb_ends; /* endings of finite verbs: end a counted phrase */
    const char *const *inner_verb_ends; /* the same, after the head noun only */
} qlang;

#define END {NULL, 0, 0, 0}

static const nword FR_WORDS[] = {
    {"zéro", 0, K_UNIT, 0}, {"un", 1, K_ARTICLE, 0}, {"une", 1, K_ARTICLE, 0},
    {"deux", 2, K_UNIT, 0}, {"trois", 3, K_UNIT, 0}, {"quatre", 4, K_UNIT, 0},
    {"cinq", 5, K_UNIT, 0}, {"six", 6, K_UNIT, 0}, {"sept", 7, K_UNIT, 0},
    {"huit", 8, K_UNIT, 0}, {"neuf", 9, K_UNIT, 0}, {"dix", 10, K_UNIT, 0},
    {"onze", 11, K_UNIT, 0}, {"douze", 12, K_UNIT, 0}, {"treize", 13, K_UNIT, 0},
    {"quatorze", 14, K_UNIT, 0}, {"quinze", 15, K_UNIT, 0}, {"seize", 16, K_UNIT, 0},
    {"vingt", 20, K_UNIT, 0}, {"vingts", 20, K_UNIT, 0}, {"trente", 30, K_UNIT, 0},
    {"quarante", 40, K_UNIT, 0}, {"cinquante", 50, K_UNIT, 0}, {"soixante", 60, K_UNIT, 0},
    {"septante", 70, K_UNIT, 0}, {"huitante", 80, K_UNIT, 0}, {"octante", 80, K_UNIT, 0},
    {"nonante", 90, K_UNIT, 0},
    {"cent", 100, K_HUNDRED, 0}, {"cents", 100, K_HUNDRED, 0},
    {"mille", 1e3, K_SCALE, 0}, {"mil", 1e3, K_SCALE, 0},
    {"million", 1e6, K_SCALE, 0}, {"millions", 1e6, K_SCALE, 0},
    {"milliard", 1e9, K_SCALE, 0}, {"milliards", 1e9, K_SCALE, 0},
    {"billion", 1e12, K_SCALE, 0}, {"billions", 1e12, K_SCALE, 0},
    {"trillion", 1e18, K_SCALE, 0}, {"trillions", 1e18, K_SCALE, 0},
    {"et", 0, K_CONN, 0},
    {"md", 1e9, K_ABBR, 0}, {"mds", 1e9, K_ABBR, 0}, {"mrd", 1e9, K_ABBR, 0},
    {"mrds", 1e9, K_ABBR, 0}, {"k", 1e3, K_ABBR, 0}, {"mio", 1e6, K_ABBR, 0},
    {"dizaine", 10, K_APPROX, F_APPROXV | F_NEEDDE}, {"douzaine", 12, K_APPROX, F_APPROXV},
    {"quinzaine", 15, K_APPROX, F_APPROXV | F_NEEDDE}, {"vingtaine", 20, K_APPROX, F_APPROXV | F_NEEDDE},
    {"trentaine", 30, K_APPROX, F_APPROXV | F_NEEDDE}, {"quarantaine", 40, K_APPROX, F_APPROXV | F_NEEDDE},
    {"cinquantaine", 50, K_APPROX, F_APPROXV | F_NEEDDE}, {"soixantaine", 60, K_APPROX, F_APPROXV | F_NEEDDE},
    {"centaine", 100, K_APPROX, F_APPROXV | F_NEEDDE}, {"millier", 1000, K_APPROX, F_APPROXV | F_NEEDDE},
    {"dizaines", 10, K_APPROX, F_PLURAL}, {"douzaines", 12, K_APPROX, F_PLURAL},
    {"centaines", 100, K_APPROX, F_PLURAL}, {"milliers", 1000, K_APPROX, F_PLURAL},
    {"premier", 1, K_UNIT, F_ORD}, {"première", 1, K_UNIT, F_ORD}, {"premiers", 1, K_UNIT, F_ORD},
    {"premières", 1, K_UNIT, F_ORD}, {"unième", 1, K_UNIT, F_ORD},
    {"second", 2, K_UNIT, F_ORD | F_AMBIG}, {"seconde", 2, K_UNIT, F_ORD | F_AMBIG},
    {"deuxième", 2, K_UNIT, F_ORD}, {"troisième", 3, K_UNIT, F_ORD}, {"quatrième", 4, K_UNIT, F_ORD},
    {"cinquième", 5, K_UNIT, F_ORD}, {"sixième", 6, K_UNIT, F_ORD}, {"septième", 7, K_UNIT, F_ORD},
    {"huitième", 8, K_UNIT, F_ORD}, {"neuvième", 9, K_UNIT, F_ORD}, {"dixième", 10, K_UNIT, F_ORD},
    {"onzième", 11, K_UNIT, F_ORD}, {"douzième", 12, K_UNIT, F_ORD}, {"treizième", 13, K_UNIT, F_ORD},
    {"quatorzième", 14, K_UNIT, F_ORD}, {"quinzième", 15, K_UNIT, F_ORD}, {"seizième", 16, K_UNIT, F_ORD},
    {"vingtième", 20, K_UNIT, F_ORD}, {"trentième", 30, K_UNIT, F_ORD}, {"quarantième", 40, K_UNIT, F_ORD},
    {"cinquantième", 50, K_UNIT, F_ORD}, {"soixantième", 60, K_UNIT, F_ORD},
    {"centième", 100, K_HUNDRED, F_ORD}, {"millième", 1e3, K_SCALE, F_ORD},
    END
};

static const nword EN_WORDS[] = {
    {"zero", 0, K_UNIT, 0}, {"nought", 0, K_UNIT, 0}, {"naught", 0, K_UNIT, 0},
    {"a", 1, K_ARTICLE, 0}, {"an", 1, K_ARTICLE, 0}, {"one", 1, K_UNIT, 0},
    {"two", 2, K_UNIT, 0}, {"three", 3, K_UNIT, 0}, {"four", 4, K_UNIT, 0},
    {"five", 5, K_UNIT, 0}, {"six", 6, K_UNIT, 0}, {"seven", 7, K_UNIT, 0},
    {"eight", 8, K_UNIT, 0}, {"nine", 9, K_UNIT, 0}, {"ten", 10, K_UNIT, 0},
    {"eleven", 11, K_UNIT, 0}, {"twelve", 12, K_UNIT, 0}, {"thirteen", 13, K_UNIT, 0},
    {"fourteen", 14, K_UNIT, 0}, {"fifteen", 15, K_UNIT, 0}, {"sixteen", 16, K_UNIT, 0},
    {"seventeen", 17, K_UNIT, 0}, {"eighteen", 18, K_UNIT, 0}, {"nineteen", 19, K_UNIT, 0},
    {"twenty", 20, K_UNIT, 0}, {"thirty", 30, K_UNIT, 0}, {"forty", 40, K_UNIT, 0},
    {"fifty", 50, K_UNIT, 0}, {"sixty", 60, K_UNIT, 0}, {"seventy", 70, K_UNIT, 0},
    {"eighty", 80, K_UNIT, 0}, {"ninety", 90, K_UNIT, 0},
    {"hundred", 100, K_HUNDRED, 0}, {"thousand", 1e3, K_SCALE, 0},
    {"million", 1e6, K_SCALE, 0}, {"millions", 1e6, K_SCALE, 0},
    {"billion", 1e9, K_SCALE, 0}, {"billions", 1e9, K_SCALE, 0},
    {"trillion", 1e12, K_SCALE, 0}, {"trillions", 1e12, K_SCALE, 0},
    {"lakh", 1e5, K_SCALE, 0}, {"crore", 1e7, K_SCALE, 0},
    {"and", 0, K_CONN, 0},
    {"k", 1e3, K_ABBR, 0}, {"bn", 1e9, K_ABBR, 0}, {"bln", 1e9, K_ABBR, 0},
    {"mn", 1e6, K_ABBR, 0}, {"mln", 1e6, K_ABBR, 0}, {"tn", 1e12, K_ABBR, 0},
    {"tln", 1e12, K_ABBR, 0}, {"mil", 1e6, K_ABBR, 0},
    {"dozen", 12, K_APPROX, 0}, {"dozens", 12, K_APPROX, F_PLURAL},
    {"dzs", 12, K_APPROX, F_PLURAL}, {"dozs", 12, K_APPROX, F_PLURAL},
    {"hundreds", 100, K_APPROX, F_PLURAL}, {"thousands", 1000, K_APPROX, F_PLURAL},
    {"first", 1, K_UNIT, F_ORD}, {"second", 2, K_UNIT, F_ORD | F_AMBIG},
    {"third", 3, K_UNIT, F_ORD}, {"fourth", 4, K_UNIT, F_ORD}, {"fifth", 5, K_UNIT, F_ORD},
    {"sixth", 6, K_UNIT, F_ORD}, {"seventh", 7, K_UNIT, F_ORD}, {"eighth", 8, K_UNIT, F_ORD},
    {"ninth", 9, K_UNIT, F_ORD}, {"tenth", 10, K_UNIT, F_ORD}, {"eleventh", 11, K_UNIT, F_ORD},
    {"twelfth", 12, K_UNIT, F_ORD}, {"thirteenth", 13, K_UNIT, F_ORD},
    {"fourteenth", 14, K_UNIT, F_ORD}, {"fifteenth", 15, K_UNIT, F_ORD},
    {"sixteenth", 16, K_UNIT, F_ORD}, {"seventeenth", 17, K_UNIT, F_ORD},
    {"eighteenth", 18, K_UNIT, F_ORD}, {"nineteenth", 19, K_UNIT, F_ORD},
    {"twentieth", 20, K_UNIT, F_ORD}, {"thirtieth", 30, K_UNIT, F_ORD},
    {"fortieth", 40, K_UNIT, F_ORD}, {"fiftieth", 50, K_UNIT, F_ORD},
    {"sixtieth", 60, K_UNIT, F_ORD}, {"seventieth", 70, K_UNIT, F_ORD},
    {"eightieth", 80, K_UNIT, F_ORD}, {"ninetieth", 90, K_UNIT, F_ORD},
    {"hundredth", 100, K_HUNDRED, F_ORD}, {"thousandth", 1e3, K_SCALE, F_ORD},
    END
};

static const qqual FR_QUALS[] = {
    {"environ", RC_BOUND_ABOUT}, {"près de", RC_BOUND_ABOUT}, {"près d'", RC_BOUND_ABOUT},
    {"quelque", RC_BOUND_ABOUT}, {"autour de", RC_BOUND_ABOUT}, {"autour d'", RC_BOUND_ABOUT},
    {"aux alentours de", RC_BOUND_ABOUT}, {"approximativement", RC_BOUND_ABOUT},
    {"à peu près", RC_BOUND_ABOUT}, {"presque", RC_BOUND_ABOUT}, {"quasiment", RC_BOUND_ABOUT},
    {"pratiquement", RC_BOUND_ABOUT}, {"grosso modo", RC_BOUND_ABOUT},
    {"plus de", RC_BOUND_MORE_THAN}, {"plus d'", RC_BOUND_MORE_THAN},
    {"au moins", RC_BOUND_MORE_THAN}, {"pas moins de", RC_BOUND_MORE_THAN},
    {"au-delà de", RC_BOUND_MORE_THAN}, {"davantage que", RC_BOUND_MORE_THAN},
    {"moins de", RC_BOUND_LESS_THAN}, {"moins d'", RC_BOUND_LESS_THAN},
    {"jusqu' à", RC_BOUND_LESS_THAN}, {"au plus", RC_BOUND_LESS_THAN},
    {"au maximum", RC_BOUND_LESS_THAN}, {"pas plus de", RC_BOUND_LESS_THAN},
    {"tout au plus", RC_BOUND_LESS_THAN},
    {NULL, 0}
};

static const qqual EN_QUALS[] = {
    {"about", RC_BOUND_ABOUT}, {"around", RC_BOUND_ABOUT}, {"roughly", RC_BOUND_ABOUT},
    {"some", RC_BOUND_ABOUT}, {"nearly", RC_BOUND_ABOUT}, {"almost", RC_BOUND_ABOUT},
    {"approximately", RC_BOUND_ABOUT}, {"an estimated", RC_BOUND_ABOUT},
    {"close to", RC_BOUND_ABOUT}, {"circa", RC_BOUND_ABOUT}, {"approx", RC_BOUND_ABOUT},
    {"more than", RC_BOUND_MORE_THAN}, {"at least", RC_BOUND_MORE_THAN},
    {"over", RC_BOUND_MORE_THAN}, {"upwards of", RC_BOUND_MORE_THAN},
    {"in excess of", RC_BOUND_MORE_THAN}, {"no fewer than", RC_BOUND_MORE_THAN},
    {"no less than", RC_BOUND_MORE_THAN}, {"at least some", RC_BOUND_MORE_THAN},
    {"less than", RC_BOUND_LESS_THAN}, {"up to", RC_BOUND_LESS_THAN},
    {"under", RC_BOUND_LESS_THAN}, {"fewer than", RC_BOUND_LESS_THAN},
    {"at most", RC_BOUND_LESS_THAN}, {"no more than", RC_BOUND_LESS_THAN},
    {NULL, 0}
};

static const qunit FR_UNITS[] = {
    {"pour cent", NULL, U_PCT}, {"pourcent", NULL, U_PCT}, {"pourcents", NULL, U_PCT},
    {"points de pourcentage", "pp", U_PLAIN}, {"point de pourcentage", "pp", U_PLAIN},
    {"kilomètres carrés", "km2", U_PLAIN}, {"kilomètre carré", "km2", U_PLAIN},
    {"mètres carrés", "m2", U_PLAIN}, {"mètre carré", "m2", U_PLAIN},
    {"kilomètres", "km", U_PLAIN}, {"kilomètre", "km", U_PLAIN},
    {"kilometres", "km", U_PLAIN}, {"mètres", "m", U_PLAIN}, {"mètre", "m", U_PLAIN},
    {"centimètres", "cm", U_PLAIN}, {"millimètres", "mm", U_PLAIN},
    {"kilogrammes", "kg", U_PLAIN}, {"kilogramme", "kg", U_PLAIN}, {"kilos", "kg", U_PLAIN},
    {"kilo", "kg", U_PLAIN}, {"grammes", "g", U_PLAIN}, {"tonnes", "t", U_PLAIN},
    {"tonne", "t", U_PLAIN}, {"hectares", "ha", U_PLAIN}, {"hectare", "ha", U_PLAIN},
    {"litres", "l", U_PLAIN}, {"litre", "l", U_PLAIN}, {"barils", "barrel", U_PLAIN},
    {"baril", "barrel", U_PLAIN}, {"mégawatts", "MW", U_PLAIN}, {"gigawatts", "GW", U_PLAIN},
    {"jours", "day", U_PLAIN}, {"jour", "day", U_PLAIN}, {"journées", "day", U_PLAIN},
    {"ans", "year", U_PLAIN}, {"an", "year", U_PLAIN}, {"années", "year", U_PLAIN},
    {"année", "year", U_PLAIN}, {"mois", "month", U_PLAIN}, {"semaines", "week", U_PLAIN},
    {"semaine", "week", U_PLAIN}, {"heures", "hour", U_PLAIN}, {"heure", "hour", U_PLAIN},
    {"minutes", "minute", U_PLAIN}, {"minute", "minute", U_PLAIN},
    {"secondes", "second", U_PLAIN}, {"siècles", "century", U_PLAIN},
    {"siècle", "century", U_PLAIN}, {"décennies", "decade", U_PLAIN},
    {"décennie", "decade", U_PLAIN},
    {"euros", "EUR", U_CUR}, {"euro", "EUR", U_CUR},
    {"dollars américains", "USD", U_CUR}, {"dollars us", "USD", U_CUR},
    {"dollars", "USD", U_CUR}, {"dollar", "USD", U_CUR},
    {"livres sterling", "GBP", U_CUR}, {"livre sterling", "GBP", U_CUR},
    {"roubles", "RUB", U_CUR}, {"rouble", "RUB", U_CUR}, {"yuans", "CNY", U_CUR},
    {"yuan", "CNY", U_CUR}, {"yens", "JPY", U_CUR}, {"yen", "JPY", U_CUR},
    {"wons", "KRW", U_CUR}, {"won", "KRW", U_CUR}, {"francs suisses", "CHF", U_CUR},
    {"hryvnias", "UAH", U_CUR},
    {NULL, NULL, 0}
};

static const qunit EN_UNITS[] = {
    {"percent", NULL, U_PCT}, {"per cent", NULL, U_PCT}, {"pct", NULL, U_PCT},
    {"percentage points", "pp", U_PLAIN}, {"percentage point", "pp", U_PLAIN},
    {"square kilometres", "km2", U_PLAIN}, {"square kilometers", "km2", U_PLAIN},
    {"square miles", "mi2", U_PLAIN}, {"square metres", "m2", U_PLAIN},
    {"square meters", "m2", U_PLAIN},
    {"kilometres", "km", U_PLAIN}, {"kilometers", "km", U_PLAIN}, {"kilometre", "km", U_PLAIN},
    {"kilometer", "km", U_PLAIN}, {"miles", "mi", U_PLAIN}, {"mile", "mi", U_PLAIN},
    {"metres", "m", U_PLAIN}, {"meters", "m", U_PLAIN}, {"metre", "m", U_PLAIN},
    {"meter", "m", U_PLAIN}, {"feet", "ft", U_PLAIN}, {"kilograms", "kg", U_PLAIN},
    {"kilogram", "kg", U_PLAIN}, {"kilos", "kg", U_PLAIN}, {"tonnes", "t", U_PLAIN},
    {"tonne", "t", U_PLAIN}, {"tons", "t", U_PLAIN}, {"ton", "t", U_PLAIN},
    {"hectares", "ha", U_PLAIN}, {"litres", "l", U_PLAIN}, {"liters", "l", U_PLAIN},
    {"barrels", "barrel", U_PLAIN}, {"megawatts", "MW", U_PLAIN}, {"gigawatts", "GW", U_PLAIN},
    {"days", "day", U_PLAIN}, {"day", "day", U_PLAIN}, {"years", "year", U_PLAIN},
    {"year", "year", U_PLAIN}, {"months", "month", U_PLAIN}, {"month", "month", U_PLAIN},
    {"weeks", "week", U_PLAIN}, {"week", "week", U_PLAIN}, {"hours", "hour", U_PLAIN},
    {"hour", "hour", U_PLAIN}, {"minutes", "minute", U_PLAIN}, {"minute", "minute", U_PLAIN},
    {"seconds", "second", U_PLAIN}, {"decades", "decade", U_PLAIN},
    {"decade", "decade", U_PLAIN}, {"centuries", "century", U_PLAIN},
    {"century", "century", U_PLAIN},
    {"euros", "EUR", U_CUR}, {"euro", "EUR", U_CUR}, {"us dollars", "USD", U_CUR},
    {"dollars", "USD", U_CUR}, {"dollar", "USD", U_CUR}, {"pounds sterling", "GBP", U_CUR},
    {"roubles", "RUB", U_CUR}, {"rubles", "RUB", U_CUR}, {"yuan", "CNY", U_CUR},
    {"yen", "JPY", U_CUR}, {"hryvnias", "UAH", U_CUR},
    {NULL, NULL, 0}
};

/* Units written the same in every language: symbols, codes, abbreviations
 * (also read as a digit token's suffix: "15km", "48h"). */
static const qunit ANY_UNITS[] = {
    {"%", NULL, U_PCT}, {"‰", "permille", U_PLAIN},
    {"€", "EUR", U_CUR}, {"eur", "EUR", U_CUR}, {"$", "USD", U_CUR}, {"usd", "USD", U_CUR},
    {"£", "GBP", U_CUR}, {"gbp", "GBP", U_CUR}, {"rub", "RUB", U_CUR}, {"₽", "RUB", U_CUR},
    {"cny", "CNY", U_CUR}, {"jpy", "JPY", U_CUR}, {"¥", "JPY", U_CUR}, {"chf", "CHF", U_CUR},
    {"krw", "KRW", U_CUR}, {"₩", "KRW", U_CUR}, {"uah", "UAH", U_CUR}, {"₴", "UAH", U_CUR},
    {"km²", "km2", U_PLAIN}, {"km2", "km2", U_PLAIN}, {"m²", "m2", U_PLAIN},
    {"km", "km", U_PLAIN}, {"kg", "kg", U_PLAIN}, {"t", "t", U_PLAIN}, {"ha", "ha", U_PLAIN},
    {"mw", "MW", U_PLAIN}, {"gw", "GW", U_PLAIN}, {"h", "hour", U_PLAIN},
    {"min", "minute", U_PLAIN}, {"cm", "cm", U_PLAIN}, {"mm", "mm", U_PLAIN},
    {"mi", "mi", U_PLAIN}, {"m", "m", U_PLAIN},
    {NULL, NULL, 0}
};

/* Currency signs and codes written before the number ("$120m", "€5", "US$ 3"). */
static const qunit PREFIX_CUR[] = {
    {"us $", "USD", U_CUR}, {"$", "USD", U_CUR}, {"€", "EUR", U_CUR}, {"£", "GBP", U_CUR},
    {"usd", "USD", U_CUR}, {"eur", "EUR", U_CUR}, {"gbp", "GBP", U_CUR},
    {"¥", "JPY", U_CUR}, {"₽", "RUB", U_CUR}, {"₩", "KRW", U_CUR},
    {NULL, NULL, 0}
};

static const char *const FR_DATES[] = {
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
    "octobre", "novembre", "décembre", "janv", "févr", "fév", "avr", "juil", "sept", "oct",
    "nov", "déc", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", NULL
};
static const char *const EN_DATES[] = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", NULL
};
static const char *const FR_YEAR_PREPS[] = {
    "en", "depuis", "année", "dès", "fin", "début", "mi", "été", "hiver", "printemps",
    "automne", "courant", "avant", "après", "entre", "et", "ou", "à", "de", NULL
};
static const char *const EN_YEAR_PREPS[] = {
    "in", "since", "year", "by", "until", "from", "of", "early", "late", "mid", "between",
    "and", "or", "to", "before", "after", "summer", "winter", "spring", "autumn", "fall",
    "fiscal", NULL
};
static const char *const FR_ID_NOUNS[] = {
    "résolution", "résolutions", "article", "articles", "numéro", "n°", "no", "nº", "chapitre", "section",
    "paragraphe", "alinéa", "page", "pages", "p", "tome", "volume", "vol", "ligne", "route",
    "autoroute", "chambre", "salle", "version", "code", "décret", "loi", "dossier", "bus",
    "train", "porte", "quai", "terminal", "modèle", "type", "classe", "saison", "épisode",
    "#", "réf", "référence", "tél", "téléphone", "fax", NULL
};
static const char *const EN_ID_NOUNS[] = {
    "resolution", "resolutions", "article", "articles", "number", "no", "nos", "chapter", "section",
    "paragraph", "page", "pages", "p", "pp", "volume", "vol", "line", "route", "highway",
    "room", "flight", "version", "code", "act", "bill", "case", "gate", "platform", "model",
    "type", "class", "season", "episode", "#", "ref", "tel", "phone", "fax", "interstate",
    "level", "grade", NULL
};
static const char *const FR_LINKS[] = {"de", "du", "des", "d'", NULL};
static const char *const EN_LINKS[] = {"of", NULL};
static const char *const FR_ORD_DETS[] = {
    "la", "le", "les", "sa", "son", "ses", "leur", "leurs", "cette", "ce",
    "notre", "votre", "l'", NULL
};
static const char *const EN_ORD_DETS[] = {
    "the", "his", "her", "its", "their", "our", "my", "your", "this", "that", NULL
};
static const char *const FR_VERB_ENDS[] = {
    "aient", "ront", "èrent", "irent", "erait", "erais", "issent", "ssaient", NULL
};
static const char *const EN_VERB_ENDS[] = {NULL};
static const char *const FR_INNER_VERB_ENDS[] = {"ent", "ont", "ait", NULL};
static const char *const EN_INNER_VERB_ENDS[] = {"ly", "ed", NULL};

static const qlang LANGS[] = {
    {"fr", '.', 0, FR_WORDS, FR_QUALS, FR_UNITS, FR_DATES, FR_YEAR_PREPS, FR_ID_NOUNS,
     FR_LINKS, FR_ORD_DETS, FR_VERB_ENDS, FR_INNER_VERB_ENDS},
    {"en", ',', 1, EN_WORDS, EN_QUALS, EN_UNITS, EN_DATES, EN_YEAR_PREPS, EN_ID_NOUNS,
     EN_LINKS, EN_ORD_DETS, EN_VERB_ENDS, EN_INNER_VERB_ENDS},
};
#define NLANGS (sizeof LANGS / sizeof *LANGS)

/* --------------------------------------------------------- word hashing */

#define HBITS 10
#define HSIZE (1u << HBITS)
static int16_t whash[NLANGS][HSIZE];
static once_flag whash_once = ONCE_FLAG_INIT;
/* word counts of the first MAXPH qualifier phrases of each language and of
 * the PREFIX_CUR phrases (filled with whash, read-only afterwards) */
#define MAXPH 128
static unsigned char qual_nw[NLANGS][MAXPH];
static unsigned char cur_nw[MAXPH];
static size_t phrase_words(const char *phrase);

/* FNV-1a of s[n]. */
static uint32_t fnv(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

/* Build the number-word hash of every language (once per process). */
static void whash_build(void)
{
    for (size_t l = 0; l < NLANGS; l++) {
        for (size_t k = 0; k < HSIZE; k++)
            whash[l][k] = -1;
        for (int16_t w = 0; LANGS[l].words[w].w; w++) {
            const char *s = LANGS[l].words[w].w;
            uint32_t h = fnv(s, strlen(s)) & (HSIZE - 1);
            while (whash[l][h] >= 0)
                h = (h + 1) & (HSIZE - 1);
            whash[l][h] = w;
        }
        for (size_t q = 0; q < MAXPH && LANGS[l].quals[q].phrase; q++)
            qual_nw[l][q] = (unsigned char)phrase_words(LANGS[l].quals[q].phrase);
    }
    for (size_t q = 0; q < MAXPH && PREFIX_CUR[q].phrase; q++)
        cur_nw[q] = (unsigned char)phrase_words(PREFIX_CUR[q].phrase);
}

/* The entry of word s[n] in language L's number words, or NULL. */
static const nword *word_find_h(const qlang *L, const char *s, size_t n, uint32_t hf);
static const nword *word_find(const qlang *L, const char *s, size_t n)
{
    if (!L || n == 0 || n > 24)
        return NULL;
    return word_find_h(L, s, n, fnv(s, n));
}

/* word_find with hf = fnv(s, n) (rc_tokkey_hash) already known. */
static const nword *word_find_h(const qlang *L, const char *s, size_t n, uint32_t hf)
{
    if (!L || n == 0 || n > 24)
        return NULL;
    size_t l = (size_t)(L - LANGS);
    uint32_t h = hf & (HSIZE - 1);
    for (;;) {
        int16_t w = whash[l][h];
        if (w < 0)
            return NULL;
        const char *c = L->words[w].w;
        if (c[0] == s[0] && strncmp(c, s, n) == 0 && c[n] == '\0')
            return &L->words[w];
        h = (h + 1) & (HSIZE - 1);
    }
}

/* The entry of a token norm: the whole word, else its part before the
 * first hyphen ("forty" of "forty-two"), or NULL. */
static const nword *word_head(const qlang *L, const char *nm)
{
    size_t nl = strlen(nm);
    const nword *w = word_find(L, nm, nl);
    const char *h;
    if (!w && (h = memchr(nm, '-', nl)) != NULL)
        w = word_find(L, nm, (size_t)(h - nm));
    return w;
}

/* The table of language code lang, or NULL. */
static const qlang *lang_find(const char *lang)
{
    if (!lang)
        return NULL;
    for (size_t l = 0; l < NLANGS; l++)
        if (strcmp(LANGS[l].code, lang) == 0)
            return &LANGS[l];
    return NULL;
}

/* ------------------------------------------------------- token helpers */

typedef struct ctx {
    rc_doc *d;
    const qlang *L;
    const rc_token *t;
    size_t n;
} ctx;

/* Byte length of token i's norm (its rc_tokkey when the text model made
 * one, else strlen). */
static inline size_t norm_len(const ctx *c, size_t i)
{
    return c->d->tokkeys ? c->d->tokkeys[i].len : strlen(c->t[i].norm);
}

/* word_find of token i's whole norm, through its precomputed hash. */
static const nword *tok_word(const ctx *c, size_t i)
{
    if (c->d->tokkeys)
        return word_find_h(c->L, c->t[i].norm, c->d->tokkeys[i].len, c->d->tokkeys[i].hash);
    return word_find(c->L, c->t[i].norm, strlen(c->t[i].norm));
}

/* 1 when token i exists and its norm equals s. */
static int tok_is(const ctx *c, size_t i, const char *s)
{
    return i < c->n && c->t[i].norm[0] == s[0] && strcmp(c->t[i].norm, s) == 0;
}

/* 1 when token i's norm is in the NULL-terminated list (NULL list: 0). */
static int tok_in(const ctx *c, size_t i, const char *const *list)
{
    if (!list || i >= c->n)
        return 0;
    const char *nm = c->t[i].norm;
    for (size_t k = 0; list[k]; k++)
        if (nm[0] == list[k][0] && strcmp(nm, list[k]) == 0)
            return 1;
    return 0;
}

/* Number of tokens from i matching phrase (norms separated by single
 * spaces) within sentence sent, or 0. */
static size_t phrase_at(const ctx *c, size_t i, const char *phrase, uint32_t sent)
{
    size_t k = 0;
    const char *p = phrase;
    while (*p) {
        if (i + k >= c->n || c->t[i + k].sentence != sent)
            return 0;
        const char *nm = c->t[i + k].norm;
        if (p[0] != ' ' && nm[0] != p[0])
            return 0;            /* differs at the first byte: no scan */
        const char *sp = strchr(p, ' ');
        size_t len = sp ? (size_t)(sp - p) : strlen(p);
        if (strncmp(nm, p, len) != 0 || nm[len] != '\0')
            return 0;
        k++;
        p += len + (sp ? 1 : 0);
    }
    return k;
}

/* Number of words in phrase. */
static size_t phrase_words(const char *phrase)
{
    size_t k = 1;
    for (const char *p = phrase; *p; p++)
        k += *p == ' ';
    return k;
}

/* Longest unit of the tables (language, then shared) at token i: stores
 * the row in *u and returns its token count, or 0. */
static size_t unit_at(const ctx *c, size_t i, uint32_t sent, const qunit **u)
{
    size_t best = 0;
    if (i >= c->n)
        return 0;
    const qunit *tabs[2] = {c->L ? c->L->units : NULL, ANY_UNITS};
    for (int ti = 0; ti < 2; ti++) {
        if (!tabs[ti])
            continue;
        for (const qunit *q = tabs[ti]; q->phrase; q++) {
            if (c->t[i].norm[0] != q->phrase[0])
                continue;
            size_t k = phrase_at(c, i, q->phrase, sent);
            if (k > best) {
                best = k;
                *u = q;
            }
        }
    }
    return best;
}

/* 1 when token i is a month or weekday name of the language. */
static int is_date_word(const ctx *c, size_t i)
{
    if (!c->L || i >= c->n || !(c->t[i].flags & RC_TOK_WORD))
        return 0;
    if (c->L->months_need_cap && !(c->t[i].flags & RC_TOK_CAP))
        return 0;
    return tok_in(c, i, c->L->dates);
}

/* ------------------------------------------------------------ digits */

/* 1 for a byte-level group separator at s[i] (space, NBSP, NNBSP, thin
 * space); stores its length in *len. */
static int space_sep(const char *s, size_t n, size_t i, size_t *len)
{
    if (s[i] == ' ') {
        *len = 1;
        return 1;
    }
    if (i + 1 < n && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA0) {
        *len = 2;
        return 1;
    }
    if (i + 2 < n && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
        ((unsigned char)s[i + 2] == 0xAF || (unsigned char)s[i + 2] == 0x89)) {
        *len = 3;
        return 1;
    }
    return 0;
}

#define MAXSEP 8

/* See quantity.h. */
int rc_quantity_parse_digits(const char *s, size_t n, const char *lang, double *value,
                             size_t *used, int *decimal)
{
    const qlang *L = lang_find(lang);
    char group_mark = L ? L->group_mark : 0;   /* 0: '.' and ',' both group */
    size_t glen[MAXSEP + 1];   /* digit count of each group */
    size_t gpos[MAXSEP + 1];   /* start of each group */
    char sep[MAXSEP];          /* ' ', '.', ',' */
    size_t ng = 0, i = 0;
    if (n == 0 || s[0] < '0' || s[0] > '9')
        return 0;
    for (;;) {
        size_t st = i;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i - st > 40)
            return 0;          /* absurd digit run: not an amount */
        gpos[ng] = st;
        glen[ng] = i - st;
        ng++;
        if (i >= n)
            break;
        size_t sl = 1;
        char sc;
        if (s[i] == '.' || s[i] == ',')
            sc = s[i];
        else if (space_sep(s, n, i, &sl))
            sc = ' ';
        else
            break;
        if (i + sl >= n || s[i + sl] < '0' || s[i + sl] > '9')
            break;
        if (ng > MAXSEP)
            return 0;
        sep[ng - 1] = sc;
        i += sl;
    }
    *used = i;
    /* the rest must be letters only: "10h30", "17/06", "3:1" are not amounts */
    for (size_t k = i; k < n; k++)
        if ((s[k] >= '0' && s[k] <= '9') || s[k] == '/' || s[k] == ':')
            return 0;
    size_t nsep = ng - 1;
    long dec = -1;          /* index of the decimal separator */
    if (nsep > 0) {
        char last = sep[nsep - 1];
        int mixed = 0;
        for (size_t k = 0; k + 1 < nsep; k++)
            if (sep[k] != last)
                mixed = 1;
        if (mixed) {
            /* every separator but the last is the same grouping mark */
            char g = sep[0];
            for (size_t k = 0; k + 1 < nsep; k++)
                if (sep[k] != g)
                    return 0;
            if (g == last || last == ' ')
                return 0;
            dec = (long)nsep - 1;
        } else if (last == ' ') {
            dec = -1;
        } else if (nsep >= 2) {
            dec = -1;          /* "1.000.000", "1,000,000" */
        } else {
            int three = glen[1] == 3 && glen[0] <= 3 && !(glen[0] == 1 && s[0] == '0');
            dec = (three && (last == group_mark || group_mark == 0)) ? -1 : 0;
        }
        /* grouping: first group 1..3 digits, later groups exactly 3 */
        size_t gend = dec >= 0 ? (size_t)dec + 1 : ng;
        if (gend > 1) {
            if (glen[0] > 3 || glen[0] == 0)
                return 0;
            for (size_t k = 1; k < gend; k++)
                if (glen[k] != 3)
                    return 0;
        }
    }
    /* mantissa of at most 18 digits, then a power of ten */
    size_t intd = 0;
    size_t gend = dec >= 0 ? (size_t)dec + 1 : ng;
    for (size_t k = 0; k < gend; k++)
        intd += glen[k];
    if (intd > 18)
        return 0;
    uint64_t m = 0;
    for (size_t k = 0; k < gend; k++)
        for (size_t j = 0; j < glen[k]; j++)
            m = m * 10 + (uint64_t)(s[gpos[k] + j] - '0');
    size_t fd = 0;
    if (dec >= 0) {
        size_t fg = (size_t)dec + 1;
        for (size_t j = 0; j < glen[fg] && intd + fd < 18; j++, fd++)
            m = m * 10 + (uint64_t)(s[gpos[fg] + j] - '0');
    }
    double v = (double)m;
    if (fd)
        v /= pow(10.0, (double)fd);
    *value = v;
    *decimal = dec >= 0;
    return 1;
}

/* ------------------------------------------------------- number words */

typedef struct numres {
    size_t ti, te;      /* token range of the number (multipliers included) */
    double value;
    int ordinal, approx, valid;
    int mult;           /* a multiplier word or abbreviation was applied */
    int approx_noun;    /* ended with "dizaine", "dozen": needs de/of for counts */
    const char *unit;   /* unit read from a digit suffix ("15km") */
    int unit_kind;
} numres;

/* Apply a component entry w to the accumulator; returns 0 when w cannot
 * continue the number. *last is the previous atom's value (0 at start). */
static int acc_add(const nword *w, double *total, double *cur, double *last, int *any)
{
    double v = w->v;
    switch (w->kind) {
    case K_UNIT: {
        double unit = fmod(*cur, 100.0);
        if (*any && unit != 0) {
            int tens = *last >= 10 && fmod(*last, 10.0) == 0;
            if (*last == 4 && v == 20) {          /* quatre-vingt */
                *cur += 76;
                *last = 80;
                return 1;
            }
            if (!(tens && (v < 10 || ((*last == 60 || *last == 80) && v < 20) ||
                           (*last == 10 && v < 10))))
                return 0;
        }
        *cur += v;
        *last = v;
        *any = 1;
        return 1;
    }
    case K_HUNDRED:
        if (*cur == 0)
            *cur = 100;
        else if (*cur < 100)
            *cur *= 100;
        else
            return 0;
        *last = 100;
        *any = 1;
        return 1;
    case K_SCALE: {
        double piece = *cur == 0 ? 1 : *cur;
        if (*cur == 0 && *total > 0 && *total < v)
            *total *= v;
        else
            *total += piece * v;
        *cur = 0;
        *last = v;
        *any = 1;
        return 1;
    }
    default:
        return 0;
    }
}

/* Parse number words from token i (a word found in the hash). Fills r and
 * returns 1, or 0 when the words are not a number. */
static int parse_words(const ctx *c, size_t i, numres *r)
{
    const rc_token *t = c->t;
    uint32_t sent = t[i].sentence;
    double total = 0, cur = 0, last = 0;
    int any = 0, ord = 0;
    size_t j = i, end = i;
    int pending_article = 0;
    for (; j < c->n && j < i + 16 && t[j].sentence == sent && !ord; j++) {
        if (!(t[j].flags & RC_TOK_WORD)) {
            /* "fifty - two" */
            if (any && t[j].norm[0] == '-' && t[j].norm[1] == '\0' && j + 1 < c->n &&
                word_head(c->L, t[j + 1].norm))
                continue;
            break;
        }
        const char *nm = t[j].norm;
        size_t nl = norm_len(c, j);
        /* whole token first (a table row may contain a hyphen) */
        const nword *w = tok_word(c, j);
        if (w && w->kind == K_CONN) {
            /* separate "et"/"and": only inside a number, before a number word */
            if (!any || j + 1 >= c->n)
                break;
            const nword *nx = word_head(c->L, t[j + 1].norm);
            if (!nx || nx->kind == K_CONN || nx->kind == K_ABBR)
                break;
            if (nx->kind == K_ARTICLE) {
                if (!(last >= 20 && fmod(last, 10.0) == 0) && last < 100)
                    break;
            } else if (!(last >= 100 || (nx->kind == K_UNIT && nx->v < 20 && last >= 20 &&
                                          fmod(last, 10.0) == 0)))
                break;
            continue;
        }
        if (w && w->kind == K_ARTICLE) {
            if (any) {
                /* "vingt et un", "cent un" */
                double one = 1;
                nword tmp = {w->w, one, K_UNIT, 0};
                if (!acc_add(&tmp, &total, &cur, &last, &any))
                    break;
                end = j + 1;
                continue;
            }
            if (j != i)
                break;
            pending_article = 1;
            continue;
        }
        if (w && w->kind == K_APPROX) {
            if (!any && !pending_article)
                break;         /* "des centaines": no value */
            if ((w->flags & F_PLURAL) && !any)
                break;
            if ((w->flags & F_NEEDDE) &&
                !(j + 1 < c->n && t[j + 1].sentence == sent && tok_in(c, j + 1, c->L->links)))
                break;
            double base = any ? total + cur : 1;
            total = base * w->v;
            cur = 0;
            any = 1;
            r->approx = (w->flags & F_APPROXV) != 0;
            r->approx_noun = 1;
            end = j + 1;
            j++;
            break;
        }
        if (w && w->kind == K_ABBR)
            break;
        if (w && (w->flags & F_ORD)) {
            if (pending_article)
                break;         /* "une deuxième": the article is not part of it */
            if (w->flags & F_AMBIG) {
                if (any || j != i || i == 0 || !tok_in(c, i - 1, c->L->ord_dets) ||
                    j + 1 >= c->n || !(t[j + 1].flags & RC_TOK_WORD) ||
                    (t[j + 1].flags & RC_TOK_STOP))
                    break;
            }
            if (!acc_add(w, &total, &cur, &last, &any))
                break;
            ord = 1;
            end = j + 1;
            continue;
        }
        if (w) {
            if (pending_article && w->kind == K_UNIT)
                break;         /* "un deux" */
            if (!acc_add(w, &total, &cur, &last, &any))
                break;
            end = j + 1;
            continue;
        }
        /* hyphenated compound: "vingt-et-un", "quatre-vingt-dix", "twenty-first" */
        if (!memchr(nm, '-', nl))
            break;
        double st = total, sc = cur, sl = last;
        int sa = any, ok = 1, cord = 0;
        size_t p = 0;
        while (p <= nl) {
            const char *h = memchr(nm + p, '-', nl - p);
            size_t q = h ? (size_t)(h - nm) : nl;
            const nword *cw = word_find(c->L, nm + p, q - p);
            if (!cw || cord) {
                ok = 0;
                break;
            }
            if (cw->kind == K_CONN) {
                if (!any)
                    ok = 0;
            } else if (cw->kind == K_ARTICLE) {
                nword tmp = {cw->w, 1, K_UNIT, 0};
                if (!any || !acc_add(&tmp, &total, &cur, &last, &any))
                    ok = 0;
            } else if (cw->kind == K_UNIT || cw->kind == K_HUNDRED || cw->kind == K_SCALE) {
                if (!acc_add(cw, &total, &cur, &last, &any))
                    ok = 0;
                if (cw->flags & F_ORD)
                    cord = 1;
            } else {
                ok = 0;
            }
            if (!ok)
                break;
            p = q + 1;
        }
        if (!ok) {
            total = st;
            cur = sc;
            last = sl;
            any = sa;
            break;
        }
        ord = cord;
        end = j + 1;
    }
    if (!any || end == i)
        return 0;
    r->ti = i;
    r->te = end;
    r->value = total + cur;
    r->ordinal = ord;
    return 1;
}

/* ------------------------------------------------------- digit numbers */

/* Read a multiplier word or abbreviation at token j ("millions", "bn",
 * "douzaines"); returns its factor or 0. */
static double multiplier_at(const ctx *c, size_t j, uint32_t sent, int *approx)
{
    if (!c->L || j >= c->n || c->t[j].sentence != sent || !(c->t[j].flags & RC_TOK_WORD))
        return 0;
    const nword *w = tok_word(c, j);
    if (!w || (w->flags & F_ORD))
        return 0;
    if (w->kind == K_SCALE || w->kind == K_HUNDRED || w->kind == K_ABBR)
        return w->v;
    if (w->kind == K_APPROX && !(w->flags & F_NEEDDE)) {
        *approx = (w->flags & F_APPROXV) != 0;
        return w->v;
    }
    return 0;
}

/* Suffix letters after the digits of a number token ("er", "km", "bn").
 * Returns 1 when understood and fills r (ordinal, multiplier, unit). */
static int digit_suffix(const ctx *c, const char *sfx, size_t n, int upper_m, int cur_before,
                        numres *r, double *factor)
{
    static const char *const ORD[] = {"er", "re", "e", "è", "ème", "eme", "ᵉ", "ᵉʳ", "nd",
                                      "rd", "th", "st", "d", "ère", "ers", "res", "es",
                                      "èmes", NULL};
    *factor = 1;
    if (n == 0)
        return 1;
    for (size_t k = 0; ORD[k]; k++)
        if (strlen(ORD[k]) == n && memcmp(ORD[k], sfx, n) == 0) {
            r->ordinal = 1;
            return 1;
        }
    if (n == 1 && sfx[0] == 'k') {
        *factor = 1e3;
        return 1;
    }
    if (n == 1 && sfx[0] == 'm' && (upper_m || cur_before)) {
        *factor = 1e6;
        return 1;
    }
    if (n == 1 && sfx[0] == 'b' && cur_before) {
        *factor = 1e9;
        return 1;
    }
    if (c->L) {
        const nword *w = word_find(c->L, sfx, n);
        if (w && (w->kind == K_SCALE || w->kind == K_ABBR) && !(w->flags & F_ORD)) {
            *factor = w->v;
            return 1;
        }
    }
    for (const qunit *q = ANY_UNITS; q->phrase; q++)
        if (strlen(q->phrase) == n && memcmp(q->phrase, sfx, n) == 0) {
            r->unit = q->unit;
            r->unit_kind = q->kind;
            return 1;
        }
    return 0;
}

/* ---------------------------------------------------------- the pass */

/* 1 when token j looks like a counted noun: a word, not a stopword, not a
 * number word, not a date word, in sentence sent. */
static int noun_like(const ctx *c, size_t j, uint32_t sent)
{
    if (j >= c->n || c->t[j].sentence != sent)
        return 0;
    uint32_t f = c->t[j].flags;
    if (!(f & RC_TOK_WORD) || (f & RC_TOK_STOP))
        return 0;
    if (tok_word(c, j))
        return 0;
    if (is_date_word(c, j))
        return 0;
    return 1;
}

/* 1 when the word at token j ends like a finite verb of the language; a
 * word after the head noun (inner) also stops at third-person plural
 * endings ("-ent", "-ont"; plural nouns end in "-ents"). */
static int verb_like(const ctx *c, size_t j, int inner)
{
    if (!c->L)
        return 0;
    const char *nm = c->t[j].norm;
    size_t nl = strlen(nm);
    if (inner && c->L->inner_verb_ends)
        for (size_t k = 0; c->L->inner_verb_ends[k]; k++) {
            size_t el = strlen(c->L->inner_verb_ends[k]);
            if (nl > el + 1 && memcmp(nm + nl - el, c->L->inner_verb_ends[k], el) == 0)
                return 1;
        }
    for (size_t k = 0; c->L->verb_ends[k]; k++) {
        size_t el = strlen(c->L->verb_ends[k]);
        if (nl > el + 2 && memcmp(nm + nl - el, c->L->verb_ends[k], el) == 0)
            return 1;
    }
    return 0;
}

/* The counted noun phrase starting at token j: up to 5 words, links
 * (de/du/des/of) only between words, stop at punctuation, stopwords,
 * numbers and verbs. Returns the token after it (== j when none). */
static size_t counts_at(const ctx *c, size_t j, uint32_t sent)
{
    size_t k = j, words = 0, last = j;
    int after_link = 0;
    while (k < c->n && c->t[k].sentence == sent && words < 5) {
        if (noun_like(c, k, sent)) {
            if (verb_like(c, k, words > 0 && !after_link))
                break;
            words++;
            k++;
            last = k;
            after_link = 0;
            continue;
        }
        if (words > 0 && c->L && tok_in(c, k, c->L->links) && noun_like(c, k + 1, sent) &&
            !verb_like(c, k + 1, 0) && words + 2 <= 5) {
            k++;
            after_link = 1;
            continue;
        }
        break;
    }
    return last;
}

/* Whether a plain 4-digit number in 1800..2100 at token i reads as a year. */
static int looks_year(const ctx *c, size_t i, size_t next, uint32_t sent, int qualified)
{
    if (qualified)
        return 0;
    if (i > 0 && c->t[i - 1].sentence == sent && c->L && tok_in(c, i - 1, c->L->year_preps))
        return 1;
    if (next < c->n && c->t[next].sentence == sent) {
        const qunit *u;
        if (unit_at(c, next, sent, &u))
            return 0;
        if (noun_like(c, next, sent) && !(c->t[next].flags & RC_TOK_CAP))
            return 0;
    }
    return 1;
}

/* Qualifier ending right before token i: stores the bound and returns the
 * first token of the qualifier, or i when none. */
static size_t qualifier_before(const ctx *c, size_t i, uint32_t sent, rc_bound *b)
{
    size_t best = i;
    if (!c->L)
        return i;
    size_t l = (size_t)(c->L - LANGS);
    for (const qqual *q = c->L->quals; q->phrase; q++) {
        size_t qi = (size_t)(q - c->L->quals);
        size_t k = qi < MAXPH ? qual_nw[l][qi] : phrase_words(q->phrase);
        if (k > i || i - k >= best)
            continue;
        if (phrase_at(c, i - k, q->phrase, sent) == k) {
            best = i - k;
            *b = q->bound;
        }
    }
    return best;
}

/* Currency written before token i ("$", "€", "US$", "USD"): returns its
 * first token and stores the row, or i when none. Signs must touch the
 * number or be separated by one space. */
static size_t currency_before(const ctx *c, size_t i, uint32_t sent, const qunit **u)
{
    size_t best = i;
    for (const qunit *q = PREFIX_CUR; q->phrase; q++) {
        size_t qi = (size_t)(q - PREFIX_CUR);
        size_t k = qi < MAXPH ? cur_nw[qi] : phrase_words(q->phrase);
        if (k > i || i - k >= best)
            continue;
        if (c->t[i].start - c->t[i - 1].end > 1)
            continue;
        if (phrase_at(c, i - k, q->phrase, sent) == k) {
            best = i - k;
            *u = q;
        }
    }
    return best;
}

/* Whether the number at token i is an identifier or part of a phone
 * number, a score, a range of codes or a clock time. */
static int identifier_like(const ctx *c, size_t i, size_t te, uint32_t sent)
{
    const rc_token *t = c->t;
    if (i > 0 && t[i - 1].sentence == sent) {
        const char *pn = t[i - 1].norm;
        if (c->L && tok_in(c, i - 1, c->L->id_nouns))
            return 1;
        if ((pn[0] == '#' || pn[0] == '+' || strcmp(pn, "n°") == 0 || strcmp(pn, "nº") == 0) &&
            t[i - 1].end == t[i].start)
            return 1;
        /* "p. 12", "no. 5" */
        if (pn[0] == '.' && i > 1 && c->L && tok_in(c, i - 2, c->L->id_nouns))
            return 1;
        /* "3-1", "2020-2024", "12-34-56" */
        if ((pn[0] == '-' || pn[0] == '.') && pn[1] == '\0' && t[i - 1].end == t[i].start &&
            i > 1 && (t[i - 2].flags & RC_TOK_NUM) && t[i - 2].end == t[i - 1].start)
            return 1;
    }
    if (te < c->n && t[te].sentence == sent) {
        const char *nn = t[te].norm;
        if ((nn[0] == '-' || nn[0] == '.') && nn[1] == '\0' && t[te].start == t[te - 1].end &&
            te + 1 < c->n && (t[te + 1].flags & RC_TOK_NUM) && t[te + 1].start == t[te].end)
            return 1;
        /* "10 h 30" */
        if (strcmp(nn, "h") == 0 && te + 1 < c->n && (t[te + 1].flags & RC_TOK_NUM) &&
            t[te + 1].sentence == sent)
            return 1;
    }
    /* runs of three number tokens one space apart: phone numbers */
    size_t run = 1;
    for (size_t k = i; k + 1 < c->n && run < 3 && (t[k + 1].flags & RC_TOK_NUM) &&
         t[k + 1].start - t[k].end <= 1; k++)
        run++;
    for (size_t k = i; k > 0 && run < 3 && (t[k - 1].flags & RC_TOK_NUM) &&
         t[k].start - t[k - 1].end <= 1; k--)
        run++;
    return run >= 3;
}

/* Recognise the number starting at token i (digits, or words). Fills r and
 * returns 1; 0 when token i starts no number. */
static int number_at(const ctx *c, size_t i, int cur_before, numres *r)
{
    const rc_token *t = c->t;
    uint32_t sent = t[i].sentence;
    memset(r, 0, sizeof *r);
    if (t[i].flags & RC_TOK_NUM) {
        const char *nm = t[i].norm;
        size_t nl = strlen(nm), used = 0;
        double v;
        int dec;
        if (!rc_quantity_parse_digits(nm, nl, c->d->lang, &v, &used, &dec))
            return 0;
        /* leading zeros: codes and phone numbers ("06", "007"), not "0,5" */
        if (nm[0] == '0' && used > 1 && nm[1] >= '0' && nm[1] <= '9')
            return 0;
        double factor;
        int upper_m = used < nl && c->d->text[t[i].start + used] == 'M';
        if (!digit_suffix(c, nm + used, nl - used, upper_m, cur_before, r, &factor))
            return 0;
        if (used < nl && strcmp(nm + used, "h") == 0 && i > 0 &&
            (tok_is(c, i - 1, "à") || tok_is(c, i - 1, "vers") || tok_is(c, i - 1, "dès") ||
             tok_is(c, i - 1, "at")))
            return 0;  /* clock time "à 10h" */
        r->value = v * factor;
        r->mult = factor != 1;
        r->ti = i;
        r->te = i + 1;
        r->valid = 1;
        if (!r->ordinal && factor == 1 && !r->unit) {
            int ap = 0;
            double m = multiplier_at(c, i + 1, sent, &ap);
            if (m > 0) {
                const nword *w = tok_word(c, i + 1);
                int abbr = w && w->kind == K_ABBR;
                /* abbreviations need a currency around them or no space */
                if (!abbr || cur_before || t[i + 1].start == t[i].end ||
                    strlen(t[i + 1].norm) >= 2) {
                    r->value *= m;
                    r->mult = 1;
                    r->approx = ap;
                    r->te = i + 2;
                }
            }
        }
        return 1;
    }
    if ((t[i].flags & RC_TOK_WORD) && c->L) {
        if (!parse_words(c, i, r))
            return 0;
        r->valid = 1;
        /* "trois millions" already read; digits-style abbreviations after words: none */
        return 1;
    }
    return 0;
}

/* Copy text[s..e) into the arena (NUL-terminated). */
static const char *span_dup(rc_doc *d, uint32_t s, uint32_t e)
{
    return rc_arena_strndup(d->arena, d->text + s, e - s);
}

/* See facts.h / quantity.h. */
int rc_extract_quantities(rc_doc *d, rc_facts *f)
{
    if (!d || !f || !d->tokens || !d->text)
        return RC_OK;
    call_once(&whash_once, whash_build);
    ctx c = {d, lang_find(d->lang), d->tokens, d->ntokens};
    const rc_token *t = d->tokens;
    size_t last_id = SIZE_MAX;  /* last number token read as an identifier */
    uint32_t prev_end = 0;      /* end of the last quantity */
    for (size_t i = 0; i < c.n; i++) {
        uint32_t fl = t[i].flags;
        if (!(fl & RC_TOK_NUM)) {
            if (!(fl & RC_TOK_WORD) || !c.L)
                continue;
            const char *nm = t[i].norm;
            size_t nl = norm_len(&c, i);
            if (!tok_word(&c, i)) {
                const char *h = memchr(nm, '-', nl);
                if (!(h && word_find(c.L, nm, (size_t)(h - nm))))
                    continue;
            }
        }
        uint32_t sent = t[i].sentence;
        const qunit *pre = NULL;
        size_t cstart = (fl & RC_TOK_NUM) ? currency_before(&c, i, sent, &pre) : i;
        numres r;
        if (!number_at(&c, i, pre != NULL, &r))
            continue;
        size_t te = r.te;
        /* a word-number must not be glued into a following digit token */
        rc_bound bound = RC_BOUND_EXACT;
        size_t qstart = qualifier_before(&c, cstart, sent, &bound);
        int qualified = qstart != cstart;
        int negative = 0;
        size_t first = qstart;
        if ((fl & RC_TOK_NUM) && !pre && !qualified && i > 0 && t[i - 1].end == t[i].start &&
            (strcmp(t[i - 1].norm, "-") == 0 || strcmp(t[i - 1].norm, "−") == 0) &&
            (i == 1 || t[i - 2].end < t[i - 1].start || t[i - 2].sentence != sent)) {
            negative = 1;
            first = i - 1;
        }

        if (fl & RC_TOK_NUM) {
            /* dates: a day number next to a month or weekday name */
            if (is_date_word(&c, te) || (i > 0 && t[i - 1].sentence == sent &&
                                         is_date_word(&c, i - 1)))
                continue;
            if (!pre && identifier_like(&c, i, te, sent)) {
                last_id = i;
                continue;
            }
            /* "resolutions 12, 34 and 56": the list goes on */
            if (last_id != SIZE_MAX && i >= 2 && last_id == i - 2 && t[last_id].sentence == sent &&
                (tok_is(&c, i - 1, ",") || tok_is(&c, i - 1, "et") || tok_is(&c, i - 1, "and") ||
                 tok_is(&c, i - 1, "ou") || tok_is(&c, i - 1, "or") || tok_is(&c, i - 1, "&"))) {
                last_id = i;
                continue;
            }
            /* years */
            const char *nm = t[i].norm;
            size_t nl = strlen(nm);
            if (nl == 4 && te == i + 1 && !pre && r.value >= 1800 && r.value <= 2100 &&
                !r.ordinal && !r.unit && looks_year(&c, i, te, sent, qualified))
                continue;
            /* an identifier glued to a capitalised name: "Vostok 5" */
            if (!pre && !qualified && !r.mult && !r.unit && i > 0 && t[i - 1].sentence == sent &&
                (t[i - 1].flags & RC_TOK_CAP) && !(t[i - 1].flags & RC_TOK_SENT_START) &&
                !(t[i - 1].flags & RC_TOK_STOP) && !is_date_word(&c, i - 1)) {
                const qunit *u;
                if (!unit_at(&c, te, sent, &u) && !noun_like(&c, te, sent))
                    continue;
            }
        } else {
            /* a lone article-free "one" in a date, etc.: nothing to check */
            if (r.ordinal && is_date_word(&c, te))
                continue;
            if (r.ordinal && strcmp(t[i].norm, "premier") == 0 && tok_is(&c, te, "ministre"))
                continue;
        }

        /* unit after the number */
        const char *unit = r.unit;
        int ukind = r.unit_kind;
        int percent = r.unit_kind == U_PCT;
        uint32_t end = t[te - 1].end;
        size_t after = te;
        const char *counts = NULL;
        if (pre) {
            unit = pre->unit;
            ukind = U_CUR;
        }
        if (!r.ordinal && !pre && !r.unit && te < c.n && t[te].sentence == sent) {
            const qunit *u = NULL;
            size_t k = unit_at(&c, te, sent, &u);
            size_t skip = 0;
            if (!k && (r.mult || r.approx_noun) && c.L && tok_in(&c, te, c.L->links)) {
                k = unit_at(&c, te + 1, sent, &u);
                skip = 1;
                if (k && u->kind != U_CUR)
                    k = 0;
            }
            /* one-letter units only glued or when they are symbols */
            if (k && u->phrase[1] == '\0' && ((u->phrase[0] >= 'a' && u->phrase[0] <= 'z')) &&
                t[te].start != t[te - 1].end)
                k = 0;
            if (k && u->kind == U_PLAIN && strcmp(u->phrase, "m") == 0)
                k = 0;
            if (k) {
                unit = u->unit;
                ukind = u->kind;
                percent = u->kind == U_PCT;
                size_t ue = te + skip + k;
                end = t[ue - 1].end;
                after = ue;
                if (u->kind == U_PLAIN)
                    counts = span_dup(d, t[te + skip].start, t[ue - 1].end);
            }
        }
        if (r.unit_kind == U_PCT)
            percent = 1;
        /* counted noun phrase */
        if (c.L && !r.ordinal && !counts && ukind != U_PCT && after < c.n && t[after].sentence == sent) {
            size_t from = after;
            int link = c.L && tok_in(&c, from, c.L->links);
            if ((r.mult || r.approx_noun || ukind == U_CUR) && link)
                from++;
            /* money counts nothing unless linked: "4 € de frais" */
            size_t ce = ukind == U_CUR && !link ? from : counts_at(&c, from, sent);
            if (ce > from) {
                counts = span_dup(d, t[from].start, t[ce - 1].end);
                end = t[ce - 1].end;
            }
        }
        if (r.ordinal && !(t[i].flags & RC_TOK_NUM)) {
            /* keep word ordinals but no counted phrase */
        }
        /* a bare article-like word without anything counted: skip noise */
        if (!(fl & RC_TOK_NUM) && !counts && !unit && !qualified && !r.ordinal &&
            r.value == 1 && strcmp(t[i].norm, "one") != 0)
            continue;
        if (!isfinite(r.value) || r.value > 1e18)
            continue;

        /* a prefix already used by the previous quantity ("9 $4"): drop it */
        if (t[first].start < prev_end) {
            if (t[r.ti].start < prev_end)
                continue;
            first = r.ti;
            bound = RC_BOUND_EXACT;
            negative = 0;
        }
        prev_end = end;
        rc_quantity *q = rc_facts_add_quantity(d, f);
        q->start = t[first].start;
        q->end = end;
        q->num_start = t[r.ti].start;
        q->num_end = t[r.te - 1].end;
        q->value = negative ? -r.value : r.value;
        q->bound = bound;
        q->approximate = bound == RC_BOUND_ABOUT || r.approx;
        q->ordinal = r.ordinal;
        q->percent = percent;
        q->unit = unit;
        q->counts = counts;
        /* continue after what was consumed (number, unit and counted noun) */
        size_t last_tok = te - 1;
        while (last_tok + 1 < c.n && t[last_tok + 1].end <= end)
            last_tok++;
        i = last_tok;
    }
    return RC_OK;
}
