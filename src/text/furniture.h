/*
 * furniture.h - per-line signals for telling page furniture from article
 * text: the shape of a line (words, capitals, sentence punctuation), the
 * navigation / promotion / donation vocabulary of each language (a table:
 * adding a language is adding rows), the breadcrumb shape, and whether a
 * line of a tail block addresses the reader or promotes the outlet.
 * Pure functions over bytes; long lines are only partly examined where
 * noted, so every call is linear in the line length.
 */
#ifndef RC_FURNITURE_H
#define RC_FURNITURE_H
#include <stddef.h>

enum rc_furn_kind {
    RC_FURN_NONE = 0,
    RC_FURN_NAV,      /* navigation or page metadata: removed at the edges only */
    RC_FURN_PROMO,    /* "les plus lus", "read more", "share", "newsletter" ... */
    RC_FURN_DONATE    /* "soutenez X", "support our journalism", "faire un don" */
};

typedef struct rc_line_facts {
    unsigned words;      /* words (capped at 100000) */
    unsigned cap_words;  /* words whose first letter is upper case */
    unsigned digits;     /* words that start with a digit */
    int sent_end;        /* ends with . ! ? … (closing quotes/brackets allowed) */
    int sent_inside;     /* a sentence break inside: ". X", "! X", "? X" */
    int punct;           /* any of , ; : . ! ? « » " ( */
    int seps;            /* breadcrumb separators: > › » / | · • */
} rc_line_facts;

/* Compute the facts of the (trimmed) line s[n]. */
void rc_line_facts_get(const char *s, size_t n, rc_line_facts *f);

/* rc_line_facts_get for callers that only need rc_line_short and whether
 * the line has at most 12 words (the rc_line_short limit): the scan stops
 * at the 13th word, and then f->words is 13, f->sent_end is 0 and the
 * other fields count only the bytes before that word. A line of at most
 * 12 words gets exactly rc_line_facts_get's facts. Cost: the bytes up to
 * the 13th word, whatever the line's length. */
void rc_line_facts_short(const char *s, size_t n, rc_line_facts *f);

/* 1 when the line is "short": few words and no sentence punctuation. */
int rc_line_short(const rc_line_facts *f);

/* Vocabulary kind of line s[n] (an rc_furn_kind). Only lines of at most a
 * few words are matched (the first 512 bytes are read); a match against a
 * prefix or inner phrase also requires no sentence-final punctuation. */
int rc_furniture_vocab(const char *s, size_t n);

/* rc_furniture_vocab for a line whose facts are already known: f must be
 * rc_line_facts_get(s, n). Same result, one scan fewer. */
int rc_furniture_vocab_f(const char *s, size_t n, const rc_line_facts *f);

/* Breadcrumb shape of s[n]: capitalised navigation words without sentence
 * punctuation. Returns 2 when it also holds a navigation word or
 * separators (certain), 1 for the shape alone, 0 otherwise. */
int rc_furniture_breadcrumb(const char *s, size_t n);

/* 1 when line s[n] of a tail block is promotional: it addresses the reader
 * or speaks as the outlet ("vous", "nous", "our", "your") with appeal
 * vocabulary, names outlet (may be NULL), or is short furniture. */
int rc_furniture_promotional(const char *s, size_t n, const char *outlet);

/* rc_furniture_promotional with known facts: f must be rc_line_facts_get
 * of the first min(n, 4096) bytes of s, or rc_line_facts_short of them
 * when n > 300 (a line that long is only asked rc_line_short); NULL:
 * computed here. Same result. */
int rc_furniture_promotional_f(const char *s, size_t n, const char *outlet,
                               const rc_line_facts *f);

#endif
