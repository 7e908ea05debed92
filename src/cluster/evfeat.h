/*
 * evfeat.h - what event clustering knows about one document, kept small and
 * independent of the run so it can be stored and compared with documents
 * of a later run (incremental ingest).
 *
 *  - terms: Snowball stems of the non-stopword word tokens of the body and
 *    the title (title words count twice: the headline names the event),
 *    as 64-bit hashes (XXH3 of the stem) with their counts; the
 *    RC_EVFEAT_MAX_TERMS most frequent are kept (ties: smaller hash), so
 *    the vector is bounded whatever the document's length;
 *  - entity keys, equal across languages and runs: a place of the
 *    gazetteer is its place id (extract/gazetteer.h: "Corée du Nord" =
 *    "North Korea"); any other name is the phonetic key (extract/translit.h)
 *    of its in-document merge key ("Sergueï Choïgou" = "Sergei Shoigu"),
 *    and a person also adds the key of the last word of the name (so "M.
 *    Choïgou" in one article meets "Sergei Shoigu" in another). News
 *    agencies (meta/credits.h) are left out: they sign unrelated stories.
 *    Never the run-local entity index;
 *  - quantities: value and unit hashed together (ordinals, years and
 *    values below 2 are left out: "deux pays", "1er juillet" say nothing
 *    about the event);
 *  - the day-precise dates the text mentions (days since 1970-01-01, year
 *    known), and the event date (cluster/eventdate.h);
 *  - the language and the publication day.
 *
 * Every array is sorted ascending by hash (or day) with no repeats, so
 * overlaps are merges of sorted lists.
 *
 * Serialisation: rc_evfeat_encode writes a little-endian record, "RCEF",
 * version byte, then the fields (the store keeps it per placed document,
 * and a store report reads its terms for the event labels instead of
 * building them again: a change to what the fields hold for the same
 * document must bump RC_EVFEAT_VERSION, so older records are refused); rc_evfeat_decode checks the magic, the
 * version, every count against its cap, every length against the bytes
 * given, and every day number against years 0..9999, and refuses
 * (RC_PARSE) anything else: stored bytes may be damaged.
 *
 * Ownership: rc_evfeat_build and rc_evfeat_decode return a new record the
 * caller releases with rc_evfeat_free. Cost: O(tokens + mentions) to build
 * (title re-tokenised once), O(size) to encode and decode.
 */
#ifndef RC_CLUSTER_EVFEAT_H
#define RC_CLUSTER_EVFEAT_H
#include <stddef.h>
#include <stdint.h>
#include "cluster/eventdate.h"
#include "doc/doc.h"
#include "extract/facts.h"
#include "util/buf.h"

enum {
    RC_EVFEAT_VERSION = 1,
    RC_EVFEAT_MAX_TERMS = 200,
    RC_EVFEAT_MAX_ENTS = 64,
    RC_EVFEAT_MAX_NUMS = 32,
    RC_EVFEAT_MAX_DATES = 32
};

/* rc_evfeat_build flags */
enum {
    RC_EVFEAT_MERGED = 1, /* facts went through rc_entities_merge: mentions
                             with entity -1 were dropped by the merge, skip them */
    RC_EVFEAT_TERMS = 2   /* lang and terms only (the rest zero/empty): for
                             callers that read no more, e.g. event labels */
};

typedef struct rc_evweight {
    uint64_t h;       /* hash */
    float w;          /* count (title words 2 each) */
} rc_evweight;

typedef struct rc_evfeat {
    char lang[8];             /* ISO 639-1, "" unknown */
    int32_t pub_day;          /* publication day number, valid when pub_gran == RC_DATE_DAY */
    int pub_gran;             /* 0, RC_DATE_YEAR, RC_DATE_MONTH or RC_DATE_DAY */
    int pub_year, pub_month;
    rc_evdate date;           /* the event date */
    rc_evweight *terms;  uint32_t nterms;
    rc_evweight *ents;   uint32_t nents;
    uint64_t *nums;      uint32_t nnums;
    int32_t *days;       uint32_t ndays;
} rc_evfeat;

/* Features of d with its facts f (f may be NULL: terms and dates of
 * publication only). flags: RC_EVFEAT_*. Never NULL. */
rc_evfeat *rc_evfeat_build(const rc_doc *d, const rc_facts *f, int flags);

/* Free a record from build or decode; NULL is a no-op. */
void rc_evfeat_free(rc_evfeat *f);

/* Append the serialised form of f to out. RC_OK, or RC_TOOBIG when out's
 * cap is reached. */
int rc_evfeat_encode(const rc_evfeat *f, rc_buf *out);

/* Read a record from p[n] into a new *out. RC_OK; RC_PARSE (and *out NULL)
 * when the bytes are not a complete record of a known version. */
int rc_evfeat_decode(const void *p, size_t n, rc_evfeat **out);

/* Event day number of f and 1, or 0 when f's event date is not
 * day-precise (then *day is untouched). */
int rc_evfeat_day(const rc_evfeat *f, int32_t *day);

#endif
