/*
 * byline.c - bylines and outlet names (see byline.h).
 */
#include "meta/byline.h"
#include "meta/credits.h"
#include "meta/fold.h"
#include <string.h>

#define BYLINE_MAX 200
#define NAME_WORDS 10

/* Words that make a name look like an outlet: matched inside a word
 * ("franceinfo") or as a whole word. */
static const char *const OUTLET_INFIX[] = {
    "info", "news", "journal", "presse", "press", "radio", "media", "television", "tele",
};
static const char *const OUTLET_WORDS[] = {
    "tv", "times", "post", "daily", "herald", "tribune", "gazette", "magazine", "mag", "hebdo",
    "quotidien", "express", "observer", "telegraph", "courrier", "courier", "echo", "echos",
    "matin", "soir", "fm", "hebdomadaire", "weekly", "journal", "network", "channel", "chronicle",
};

/* Lower-case words allowed inside a name (folded). */
static const char *const CONNECTORS[] = {"de", "du", "des", "d'", "la", "le", "et", "and", "of",
                                         "the", "van", "von", "der", "da", "di", "y"};

/* Words that open a byline (folded), per language. */
static const char *const BY_WORDS[] = {"par", "by", "de", "von", "por", "door"};

/* Words that open an appeal naming the outlet (folded word sequences). */
static const char *const APPEAL_LEADS[][5] = {
    {"soutenez", NULL}, {"support", NULL}, {"faites", "un", "don", "a", NULL},
    {"faire", "un", "don", "a", NULL}, {"donnez", "a", NULL}, {"donate", "to", NULL},
    {"abonnez-vous", "a", NULL}, {"subscribe", "to", NULL}, {"rejoignez", NULL},
};

/* Generic words that cannot be an outlet's name after an appeal verb. */
static const char *const NOT_NAMES[] = {
    "our", "your", "us", "nous", "notre", "nos", "votre", "vos", "un", "une", "independent",
    "quality", "local", "this", "journalism", "journalisme", "today", "aujourd'hui",
};

/* Articles that may open an outlet's name ("Le ...", "The ...") but are
 * not a name on their own. */
static const char *const ARTICLES[] = {"le", "la", "les", "l'", "the"};

/* Verbs and complements of an outlet's self-description (folded). */
static const char *const SELF_VERBS[] = {"est", "is"};
static const char *const SELF_NOUNS[] = {
    "media", "journal", "site", "quotidien", "hebdomadaire", "magazine", "radio", "chaine",
    "newspaper", "news", "outlet", "publication", "organisation", "organization", "newsroom",
    "website", "broadcaster", "agence", "agency", "funded", "finance", "independent",
    "independant",
};

/* 1 when folded k[kl] is in list (no entry is empty: an entry whose first
 * byte differs from k's cannot match, and is passed over without strlen). */
static int in_list(const char *k, size_t kl, const char *const *list, size_t count)
{
    if (kl == 0)
        return 0;
    for (size_t i = 0; i < count; i++)
        if (list[i][0] == k[0] && strlen(list[i]) == kl && memcmp(k, list[i], kl) == 0)
            return 1;
    return 0;
}
#define IN(k, kl, L) in_list(k, kl, L, sizeof L / sizeof *L)

/* Fold word s[ws, we) into k (capped); returns its length. */
static size_t fold_word(const char *s, size_t ws, size_t we, char *k, size_t cap)
{
    if (we - ws > 4 * cap)
        we = ws + 4 * cap;
    return rc_fold_key(s + ws, we - ws, k, cap);
}

/* First code point of s[i..n) is upper case. */
static int upper_at(const char *s, size_t n, size_t i)
{
    int32_t cp;
    rc_utf8_next(s, n, i, &cp);
    return rc_uc_is_upper(cp);
}

/* Outlet-looking name; see byline.h. */
int rc_outlet_looking(const char *s, size_t n, const char *known_outlet)
{
    if (!s || n == 0 || n > BYLINE_MAX)
        return 0;
    if (known_outlet && *known_outlet && rc_find_ci(s, n, known_outlet, strlen(known_outlet)))
        return 1;
    size_t i = 0, ws, we;
    unsigned words = 0, caps_only = 0;
    while (rc_word_next(s, n, &i, &ws, &we)) {
        char k[64];
        size_t kl = fold_word(s, ws, we, k, sizeof k);
        words++;
        if (IN(k, kl, OUTLET_WORDS))
            return 1;
        for (size_t j = 0; j < sizeof OUTLET_INFIX / sizeof *OUTLET_INFIX; j++)
            if (rc_find(k, kl, OUTLET_INFIX[j], strlen(OUTLET_INFIX[j])))
                return 1;
        int all_upper = we - ws >= 2;
        for (size_t j = ws; j < we; j++) {
            if (s[j] >= '0' && s[j] <= '9')
                return 1;
            if (s[j] == '.' && j + 1 < we && s[j + 1] >= 'a' && s[j + 1] <= 'z')
                return 1; /* a domain: "exemple.fr" */
            if (!(s[j] >= 'A' && s[j] <= 'Z') && s[j] != '-')
                all_upper = 0;
        }
        caps_only += (unsigned)all_upper;
    }
    return words == 1 && caps_only == 1 && !rc_agency_lookup(s, n);
}

/* Trim spaces and separators (, - | : —) from both ends of [*s, *e). */
static void trim_name(const char *t, size_t *s, size_t *e)
{
    for (;;) {
        int32_t cp;
        if (*s >= *e)
            return;
        size_t k = rc_utf8_next(t, *e, *s, &cp);
        if (rc_uc_is_space(cp) || cp == ',' || cp == '-' || cp == '|' || cp == ':' ||
            cp == 0x2014 || cp == 0x2013)
            *s += k;
        else
            break;
    }
    while (*e > *s) {
        unsigned char c = (unsigned char)t[*e - 1];
        if (c == ' ' || c == ',' || c == '-' || c == '|' || c == ':' || c == '\t') {
            (*e)--;
        } else if (*e - *s >= 3 && c == 0x94 && (unsigned char)t[*e - 2] == 0x80 &&
                   (unsigned char)t[*e - 3] == 0xE2) {
            *e -= 3; /* em dash */
        } else if (*e - *s >= 2 && c == 0xA0 && (unsigned char)t[*e - 2] == 0xC2) {
            *e -= 2;
        } else {
            break;
        }
    }
}

/* A name in s[a, b): starts with a capital, at most NAME_WORDS words, no
 * sentence punctuation. The span is cut at " - ", " | " or ", " followed
 * by a lower-case word (a role). Returns 1 and the span on success. */
static int name_span(const char *s, size_t a, size_t b, size_t *ns, size_t *ne)
{
    trim_name(s, &a, &b);
    if (a >= b || !upper_at(s, b, a))
        return 0;
    size_t end = b;
    for (size_t i = a; i + 1 < b; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '.' || c == '!' || c == '?' || c == ';' || c == '(' || c == '"')
            if (c != '.' || (i + 1 < b && s[i + 1] == ' ' && i >= a + 2 &&
                             s[i - 2] != ' ' && s[i - 1] >= 'a' && s[i - 1] <= 'z'))
                return 0;
        if (c == ' ' && (s[i + 1] == '-' || s[i + 1] == '|')) {
            end = i;
            break;
        }
        if (c == 0xE2 && i + 2 < b && (unsigned char)s[i + 1] == 0x80 &&
            ((unsigned char)s[i + 2] == 0x94 || (unsigned char)s[i + 2] == 0x93)) {
            end = i;
            break;
        }
        if (c == ',' && i + 2 < b && s[i + 1] == ' ' && !upper_at(s, b, i + 2)) {
            end = i;
            break;
        }
    }
    trim_name(s, &a, &end);
    if (a >= end)
        return 0;
    /* cut before the first lower-case word that is neither a connector nor
     * an outlet word: "Jane Doe in Nairobi", "Jean Dupont à Lyon" */
    size_t i = a, ws, we;
    unsigned words = 0;
    while (rc_word_next(s, end, &i, &ws, &we)) {
        char k[32];
        size_t kl = fold_word(s, ws, we, k, sizeof k);
        if (words && !upper_at(s, end, ws) && !IN(k, kl, CONNECTORS) &&
            !IN(k, kl, OUTLET_INFIX) && !IN(k, kl, OUTLET_WORDS)) {
            end = ws;
            trim_name(s, &a, &end);
            break;
        }
        words++;
    }
    if (words == 0 || words > NAME_WORDS)
        return 0;
    *ns = a;
    *ne = end;
    return 1;
}

/* Byline; see byline.h. */
int rc_byline_parse(const char *s, size_t n, const char *known_outlet, rc_byline *b)
{
    memset(b, 0, sizeof *b);
    if (!s || n == 0 || n > BYLINE_MAX)
        return 0;
    size_t cut = n;
    b->ncredits = rc_credit_suffix(s, n, b->credits, 4, &cut);
    size_t i = 0, ws, we;
    if (!rc_word_next(s, cut, &i, &ws, &we))
        return 0;
    char k[32];
    size_t kl = fold_word(s, ws, we, k, sizeof k);
    int by = ws < 3 && IN(k, kl, BY_WORDS) && we < cut && (s[we] == ' ' || s[we] == ':');
    /* "de" and "von" only open a byline when capitalised ("De Jean X") */
    if (by && (kl == 2 || kl == 3) && (strcmp(k, "de") == 0 || strcmp(k, "von") == 0) &&
        !upper_at(s, n, ws))
        by = 0;
    if (by && strcmp(k, "de") == 0 && b->ncredits == 0)
        by = 0; /* "De Gaulle ..." */
    size_t ns, ne;
    if (by) {
        if (!name_span(s, we, cut, &ns, &ne))
            return 0;
    } else if (b->ncredits) {
        if (!name_span(s, 0, cut, &ns, &ne))
            return 0;
        /* without "Par"/"By": a name of capitalised words, connectors and
         * outlet words only ("Claire Martin", "Vallee info"), no sentence */
        size_t j = ns, w2, e2;
        unsigned words = 0;
        while (rc_word_next(s, ne, &j, &w2, &e2)) {
            words++;
            char wk[32];
            size_t wl = fold_word(s, w2, e2, wk, sizeof wk);
            if (!upper_at(s, ne, w2) && !IN(wk, wl, CONNECTORS) && !IN(wk, wl, OUTLET_INFIX) &&
                !IN(wk, wl, OUTLET_WORDS))
                return 0;
        }
        if (words > 6 || (cut < n && s[n - 1] == '.'))
            return 0;
    } else {
        return 0;
    }
    b->name_s = ns;
    b->name_e = ne;
    b->outlet = rc_outlet_looking(s + ns, ne - ns, known_outlet);
    return 1;
}

/* Capitalised name from byte p of s[n]: capitalised words, with inner
 * connectors ("de", "of", "the") and outlet words ("info"). */
static int cap_name(const char *s, size_t n, size_t p, size_t *ns, size_t *ne)
{
    size_t i = p, ws, we, start = 0, end = 0;
    unsigned words = 0;
    while (rc_word_next(s, n, &i, &ws, &we)) {
        /* a name does not cross punctuation other than spaces, ', - and & */
        size_t from = end ? end : p;
        for (size_t j = from; j < ws; j++) {
            unsigned char c = (unsigned char)s[j];
            if (c != ' ' && c != '&' && c != '\'' && c != '\t' && c != 0xC2 && c != 0xA0)
                goto done;
        }
        /* the folded word is only looked up for a lower-case word or the
         * first word */
        char k[32];
        size_t kl = 0;
        int cap = upper_at(s, n, ws);
        if (!cap || !words)
            kl = fold_word(s, ws, we, k, sizeof k);
        if (!cap) {
            int conn = IN(k, kl, CONNECTORS);
            int ow = IN(k, kl, OUTLET_INFIX) || IN(k, kl, OUTLET_WORDS);
            if (!words || !(conn || ow))
                break;
            if (conn) {
                size_t j2 = i, w2, e2;
                if (!rc_word_next(s, n, &j2, &w2, &e2) || !upper_at(s, n, w2))
                    break;
            }
        }
        if (!words) {
            if (IN(k, kl, NOT_NAMES))
                return 0;
            start = ws;
        }
        end = we;
        if (++words > 5)
            return 0;
    }
done:
    if (!words)
        return 0;
    if (words == 1) {
        char k[32];
        size_t kl = fold_word(s, start, end, k, sizeof k);
        if (IN(k, kl, ARTICLES))
            return 0;
    }
    *ns = start;
    *ne = end;
    return 1;
}

/* Outlet named by an appeal; see byline.h. */
int rc_outlet_from_appeal(const char *s, size_t n, size_t *ns, size_t *ne)
{
    if (!s || n == 0)
        return 0;
    if (n > 400)
        n = 400;
    for (size_t l = 0; l < sizeof APPEAL_LEADS / sizeof *APPEAL_LEADS; l++) {
        size_t i = 0, ws, we;
        size_t w = 0;
        int ok = 1;
        while (APPEAL_LEADS[l][w]) {
            if (!rc_word_next(s, n, &i, &ws, &we)) {
                ok = 0;
                break;
            }
            char k[32];
            size_t kl = fold_word(s, ws, we, k, sizeof k);
            if (strlen(APPEAL_LEADS[l][w]) != kl || memcmp(k, APPEAL_LEADS[l][w], kl) != 0) {
                ok = 0;
                break;
            }
            w++;
        }
        if (ok && cap_name(s, n, i, ns, ne))
            return 1;
    }
    return 0;
}

/* Words naming a newsletter or briefing, and the words that may stand
 * between it and the outlet's name ("morning", "quotidienne", "d'information"). */
static const char *const LETTER_WORDS[] = {
    "briefing", "newsletter", "newsletters", "digest", "bulletin", "edition", "lettre",
    "infolettre", "edition", "matinale",
};
static const char *const LETTER_MODS[] = {
    "morning", "daily", "weekly", "evening", "afternoon", "weekend", "free", "breaking",
    "news", "email", "quotidienne", "hebdomadaire", "gratuite", "d'information", "du",
    "matin", "soir", "d'info",
};

/* 1 when the folded word at [ws, we) of s is in LETTER_WORDS. */
static int letter_word(const char *s, size_t ws, size_t we)
{
    char k[32];
    size_t kl = fold_word(s, ws, we, k, sizeof k);
    return IN(k, kl, LETTER_WORDS);
}

/* Outlet named by a newsletter prompt; see byline.h. */
int rc_outlet_from_newsletter(const char *s, size_t n, size_t *ns, size_t *ne)
{
    if (!s || n == 0)
        return 0;
    if (n > 400)
        n = 400;
    size_t i = 0, ws, we;
    int found = 0;
    while (rc_word_next(s, n, &i, &ws, &we)) {
        size_t a, b;
        if (upper_at(s, n, ws) && cap_name(s, n, ws, &a, &b) && a == ws) {
            /* "the X morning briefing", "X's daily newsletter": the name
             * ends at a possessive. A capitalised first word followed by a
             * lower-case one is the prompt's verb ("Get the X ..."): the
             * name starts later. */
            size_t j0 = we, w0, e0;
            if (rc_word_next(s, n, &j0, &w0, &e0) && w0 < b && !upper_at(s, n, w0))
                continue;
            for (size_t q = a; q + 1 < b; q++)
                if ((s[q] == '\'' && s[q + 1] == 's') ||
                    (q + 3 < b && memcmp(s + q, "\xE2\x80\x99s", 4) == 0)) {
                    b = q;
                    break;
                }
            size_t j = b, w2, e2;
            if (j + 2 < n && s[j] == '\'' && s[j + 1] == 's')
                j += 2;
            else if (j + 4 < n && memcmp(s + j, "\xE2\x80\x99s", 4) == 0)
                j += 4;
            for (int m = 0; m < 3 && rc_word_next(s, n, &j, &w2, &e2); m++) {
                if (letter_word(s, w2, e2)) {
                    *ns = a;
                    *ne = b;
                    found = 1;
                    break;
                }
                char k[32];
                size_t kl = fold_word(s, w2, e2, k, sizeof k);
                if (!IN(k, kl, LETTER_MODS))
                    break;
            }
            if (found)
                break;
            continue;
        }
        if (!letter_word(s, ws, we))
            continue;
        /* "la newsletter (quotidienne) de X", "the newsletter of X" */
        size_t j = we, w2, e2;
        for (int m = 0; m < 4 && rc_word_next(s, n, &j, &w2, &e2); m++) {
            char k[32];
            size_t kl = fold_word(s, w2, e2, k, sizeof k);
            int of = (kl == 2 && memcmp(k, "de", 2) == 0) || (kl == 2 && memcmp(k, "of", 2) == 0);
            if (of || (kl > 2 && memcmp(k, "d'", 2) == 0 && !IN(k, kl, LETTER_MODS))) {
                size_t from = of ? e2 : w2 + 2;
                if (!of && (unsigned char)s[w2 + 1] == 0xE2)
                    from = w2 + 4; /* d’ */
                size_t na, nb;
                if (cap_name(s, n, from, &na, &nb)) {
                    *ns = na;
                    *ne = nb;
                    return 1;
                }
                break;
            }
            if (!IN(k, kl, LETTER_MODS))
                break;
        }
    }
    return found;
}

/* Outlet describing itself; see byline.h. */
int rc_outlet_self_description(const char *s, size_t n, size_t *ns, size_t *ne)
{
    if (!s || n == 0)
        return 0;
    if (n > 400)
        n = 400;
    size_t a, b;
    if (!cap_name(s, n, 0, &a, &b) || a > 3)
        return 0;
    size_t i = b, ws, we;
    if (!rc_word_next(s, n, &i, &ws, &we))
        return 0;
    char k[32];
    size_t kl = fold_word(s, ws, we, k, sizeof k);
    if (!IN(k, kl, SELF_VERBS))
        return 0;
    for (int w = 0; w < 6 && rc_word_next(s, n, &i, &ws, &we); w++) {
        kl = fold_word(s, ws, we, k, sizeof k);
        if (IN(k, kl, SELF_NOUNS)) {
            *ns = a;
            *ne = b;
            return 1;
        }
    }
    return 0;
}
