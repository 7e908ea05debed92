/*
 * facts.h - what the extract stage finds in one document: entity mentions,
 * quantities, dates, quotes and citations, each with its exact span.
 *
 * Every span is a byte range [start, end) in doc->text. Every string and
 * array lives in the document's arena (rc_facts_new(d) allocates there), so
 * the facts are freed with the document.
 *
 * The extractors (one module each, one header each) fill one rc_facts; the
 * cross-document entity merge (extract/entities.h) then assigns entity ids.
 * Languages come from resources (tables, gazetteers), not code: an extractor
 * asks for the table of d->lang and does nothing for a language without one.
 */
#ifndef RC_FACTS_H
#define RC_FACTS_H
#include <stddef.h>
#include <stdint.h>
#include "doc/doc.h"

typedef enum rc_etype {
    RC_ENT_OTHER = 0,
    RC_ENT_PERSON,
    RC_ENT_PLACE,
    RC_ENT_ORG
} rc_etype;

typedef struct rc_mention {
    uint32_t start, end;     /* the name as written ("S. Choïgou") */
    rc_etype type;
    const char *key;         /* merge key within the document: the longest form
                                this mention refers to, folded ("sergueï choïgou") */
    int entity;              /* index into the merged entity table; -1 until merged */
} rc_mention;

typedef enum rc_bound {
    RC_BOUND_EXACT = 0,
    RC_BOUND_ABOUT,          /* environ, près de, about, some, roughly */
    RC_BOUND_MORE_THAN,      /* plus de, au moins, more than, at least, over */
    RC_BOUND_LESS_THAN       /* moins de, jusqu'à, less than, up to, under */
} rc_bound;

typedef struct rc_quantity {
    uint32_t start, end;     /* the whole surface: qualifier, number, unit, counted noun
                                ("environ 600 soldats nord-coréens") */
    uint32_t num_start, num_end; /* the number itself ("600", "cinq mille") */
    double value;
    rc_bound bound;
    int approximate;         /* bound == ABOUT, or a round number given as approximate */
    int ordinal;             /* "troisième", "3rd": kept apart from amounts */
    int percent;             /* "27,4 %" */
    const char *unit;        /* normalised unit ("km", "day", "year", "EUR", "USD"), NULL */
    const char *counts;      /* what is counted: head noun phrase ("sapeurs",
                                "militaires nord-coréens"), NULL when none */
} rc_quantity;

typedef enum rc_dgran {
    RC_DATE_YEAR = 1,        /* "2024" */
    RC_DATE_MONTH,           /* "2024-08" */
    RC_DATE_DAY              /* "2025-06-17" */
} rc_dgran;

typedef struct rc_date {
    uint32_t start, end;     /* surface ("lundi 27 octobre", "l'an dernier") */
    char value[24];          /* ISO 8601, only as precise as the text ("2025-06",
                                "2024", "2025-06-17"; "XXXX-10-27" when the year
                                is open) */
    rc_dgran gran;
    int relative;            /* resolved against the publication date or another anchor */
    int year_open;           /* the year could not be resolved */
} rc_date;

typedef struct rc_quote {
    uint32_t start, end;     /* the quoted words, without the marks */
    int fragment;            /* a few words inside a sentence ("l'aide fraternelle") */
    uint32_t sp_start, sp_end; /* the speaker as written, or 0,0 when unknown */
    const char *speaker;     /* the speaker's name or description ("Sergueï Choïgou",
                                "l'ambassade russe à Pyongyang"), NULL when unknown */
    int speaker_mention;     /* index into facts->mentions, -1 */
    const char **via;        /* relays named with the quote ("TASS"), nvia */
    size_t nvia;
} rc_quote;

typedef struct rc_citation {
    uint32_t start, end;     /* the attribution ("selon l'agence officielle KCNA") */
    uint32_t src_start, src_end; /* the source inside it ("KCNA") */
    const char *source;      /* the source's name or description */
    int source_mention;      /* index into facts->mentions, -1 */
} rc_citation;

typedef struct rc_facts {
    rc_mention *mentions;   size_t nmentions;
    rc_quantity *quantities; size_t nquantities;
    rc_date *dates;         size_t ndates;
    rc_quote *quotes;       size_t nquotes;
    rc_citation *citations; size_t ncitations;
} rc_facts;

/* New empty facts for d, allocated in d->arena. */
rc_facts *rc_facts_new(rc_doc *d);

/* Append one element to an array of the facts (arena-grown geometrically).
 * Each returns a pointer to the new zeroed element. */
rc_mention *rc_facts_add_mention(rc_doc *d, rc_facts *f);
rc_quantity *rc_facts_add_quantity(rc_doc *d, rc_facts *f);
rc_date *rc_facts_add_date(rc_doc *d, rc_facts *f);
rc_quote *rc_facts_add_quote(rc_doc *d, rc_facts *f);
rc_citation *rc_facts_add_citation(rc_doc *d, rc_facts *f);

/* The extractors, each filling its part of f from d (text, sentences and
 * tokens must be built: rc_textmodel_build). Bounded work: linear in the
 * text, whatever it holds. Each returns RC_OK. */
int rc_extract_entities(rc_doc *d, rc_facts *f);   /* extract/entities.h: mentions */
int rc_extract_quantities(rc_doc *d, rc_facts *f); /* extract/quantity.h */
int rc_extract_dates(rc_doc *d, rc_facts *f);      /* extract/dates.h (uses d->published) */
int rc_extract_quotes(rc_doc *d, rc_facts *f);     /* extract/quotes.h: quotes and citations */

/* All of the above in order (entities first: quotes use them); defined in
 * extract/extract.c once every extractor exists. */
int rc_extract_all(rc_doc *d, rc_facts *f);

#endif
