/*
 * doc.h - the document: one article after ingest and cleaning. This is the
 * data every later stage (extract, cluster, crosscheck, report) reads.
 *
 * Ownership: rc_doc_new() creates a document with its own arena; every
 * string and array hanging off the document lives in that arena and is
 * released by rc_doc_free(). Setters copy their arguments into the arena.
 * Fields that are unknown stay NULL (never "" placeholders).
 *
 * Offsets: every span and token offset is a byte offset into doc->text (the
 * cleaned body, valid NFC UTF-8, '\n' between paragraphs), end exclusive.
 */
#ifndef RC_DOC_H
#define RC_DOC_H
#include <stddef.h>
#include <stdint.h>
#include "util/arena.h"

typedef struct rc_span {
    uint32_t start, end;
} rc_span;

enum rc_tok_flag {
    RC_TOK_WORD = 1u << 0,   /* letters (may contain ' or - inside) */
    RC_TOK_NUM = 1u << 1,    /* starts with a digit (1 000, 1.000, 17/06/2025) */
    RC_TOK_PUNCT = 1u << 2,  /* punctuation or symbol */
    RC_TOK_CAP = 1u << 3,    /* word whose first letter is upper case */
    RC_TOK_UPPER = 1u << 4,  /* word entirely upper case (acronym), >= 2 letters */
    RC_TOK_STOP = 1u << 5,   /* stopword in the document's language */
    RC_TOK_SENT_START = 1u << 6 /* first token of a sentence */
};

typedef struct rc_token {
    uint32_t start, end;     /* byte span in doc->text */
    uint32_t sentence;       /* index into doc->sentences */
    uint32_t flags;          /* rc_tok_flag bits */
    const char *norm;        /* case-folded NFC form (arena) */
    const char *stem;        /* Snowball stem of norm, or norm when no stemmer */
} rc_token;

/* Per-token lookup keys, computed once by the text model beside the tokens
 * (rc_doc.tokkeys[i] belongs to rc_doc.tokens[i]) so that extractors look
 * words up without re-measuring or re-hashing the norm. hash is the plain
 * 32-bit FNV-1a of the norm's bytes (rc_tokkey_hash; tables reduce it as
 * they like), len the norm's byte length (strlen), ascii 1 when every byte
 * of the norm is ASCII. */
typedef struct rc_tokkey {
    uint32_t hash;
    uint32_t len;
    uint8_t ascii;
} rc_tokkey;

/* The plain 32-bit FNV-1a of s[n] (the hash of rc_tokkey). */
static inline uint32_t rc_tokkey_hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

/* A recorded inconsistency found while reading one document (for example a
 * header weekday that does not match its date). The cross-check reports it. */
typedef struct rc_issue {
    const char *kind;        /* short machine word: "weekday", ... */
    const char *description; /* one sentence for a human */
    const char *evidence;    /* the exact words from the input */
} rc_issue;

typedef enum rc_format {
    RC_FMT_TEXT = 0,
    RC_FMT_HTML = 1
} rc_format;

typedef struct rc_doc {
    rc_arena *arena;

    const char *id;          /* stable id (file name, JSON id, or content hash) */
    const char *source;      /* input it came from: path, "path:LINE", "-" */
    rc_format format;

    /* metadata; NULL when unknown */
    const char *url;
    const char *fetched;     /* when a crawler captured the page (WARC-Date), ISO 8601 */
    const char *title;
    const char *published;   /* ISO 8601, only as precise as the source */
    const char *outlet;
    const char *author;
    const char *dateline;    /* place of the dateline ("Moscou") */
    const char *lang;        /* ISO 639-1 code ("fr", "en") */
    const char **credits;    /* agencies credited ("AFP"), ncredits entries */
    size_t ncredits;

    /* cleaned body */
    const char *text;        /* NUL-terminated NFC UTF-8 */
    size_t text_len;
    rc_span *sentences;
    size_t nsentences;
    rc_token *tokens;
    size_t ntokens;
    rc_tokkey *tokkeys;      /* ntokens entries beside tokens, or NULL when
                                the tokens were not made by the text model */

    /* what cleaning took out (page furniture), for `show` and debugging */
    const char **removed;
    size_t nremoved;

    rc_issue *issues;
    size_t nissues;

    /* cross-document furniture signal: hashes of the normalised input lines
     * and the group they repeat within (outlet, else the input's folder) */
    const char *group;
    uint64_t *line_hashes;
    size_t nline_hashes;

    size_t invalid_bytes;    /* invalid UTF-8 sequences replaced by U+FFFD */
    uint64_t content_hash;   /* XXH3 of the raw input bytes */
    /* the facts record the store kept for this document (extract/
     * factscodec.h, in the arena), or NULL: the extract stage decodes it
     * instead of extracting again when it is valid and current */
    const unsigned char *stored_facts;
    size_t nstored_facts;
} rc_doc;

/* New empty document with its own arena. Never NULL. */
rc_doc *rc_doc_new(void);
/* Free the document and everything in its arena. NULL is a no-op. */
void rc_doc_free(rc_doc *d);

/* Copy n bytes of s into the arena and store it in *field (a member of d).
 * A NULL s stores NULL. Returns the copy. */
const char *rc_doc_setn(rc_doc *d, const char **field, const char *s, size_t n);
/* Same for a NUL-terminated s. */
const char *rc_doc_set(rc_doc *d, const char **field, const char *s);
/* Add an agency credit unless an equal one (case-insensitive) is there. */
void rc_doc_add_credit(rc_doc *d, const char *credit);
/* Record an inconsistency; strings are copied. */
void rc_doc_add_issue(rc_doc *d, const char *kind, const char *description,
                      const char *evidence);
/* Record a removed furniture line (n bytes of s). */
void rc_doc_add_removed(rc_doc *d, const char *s, size_t n);

#endif
