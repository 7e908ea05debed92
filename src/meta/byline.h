/*
 * byline.h - bylines ("Par X avec AFP", "By X", "X avec AFP") and outlet
 * names: whether a name looks like an outlet rather than a person, and the
 * names an outlet uses about itself in appeals ("Soutenez X", "Support X")
 * and self-descriptions ("X est un média ...", "X is an independent ...").
 * Pure functions over bytes; lines longer than a byline are rejected.
 */
#ifndef RC_META_BYLINE_H
#define RC_META_BYLINE_H
#include <stddef.h>

typedef struct rc_byline {
    size_t name_s, name_e;     /* the name in the line; equal when none */
    int outlet;                /* 1: the name looks like an outlet */
    const char *credits[4];    /* agencies credited ("AFP"), canonical */
    size_t ncredits;
} rc_byline;

/* Parse line s[n] as a byline. known_outlet (may be NULL) is a name the
 * text already uses about itself; a byline naming it is an outlet.
 * Returns 1 and fills *b when the line is a byline, 0 otherwise. */
int rc_byline_parse(const char *s, size_t n, const char *known_outlet, rc_byline *b);

/* 1 when name s[n] looks like an outlet: outlet words ("info", "news",
 * "TV", "radio", "times", "journal", "presse" ...), a single all-capitals
 * word, digits or a domain, or equal to known_outlet (may be NULL). */
int rc_outlet_looking(const char *s, size_t n, const char *known_outlet);

/* The outlet named by an appeal line ("Soutenez X à partir de 1 €",
 * "Support X today", "Faites un don à X"): stores the name's span and
 * returns 1, or returns 0. */
int rc_outlet_from_appeal(const char *s, size_t n, size_t *ns, size_t *ne);

/* The outlet named by a newsletter prompt ("Get the X morning briefing",
 * "Sign up for X's daily newsletter", "Recevez la newsletter de X"):
 * stores the name's span and returns 1, or returns 0. The caller only asks
 * lines it removed as promotional furniture. */
int rc_outlet_from_newsletter(const char *s, size_t n, size_t *ns, size_t *ne);

/* The outlet describing itself at the start of s[n] ("X est un média
 * indépendant", "X is an independent news organisation"): stores the
 * name's span and returns 1, or returns 0. */
int rc_outlet_self_description(const char *s, size_t n, size_t *ns, size_t *ne);

#endif
