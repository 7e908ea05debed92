/*
 * events.h - events (one meeting, one announcement, one strike, on one
 * date) and stories (events linked over months), from the documents of an
 * analysis run, and the incremental clustering engine underneath.
 *
 * Engine (rc_evclust_*): online, single pass, the EMM / Priberam family.
 * Each document, in input order, joins the most similar active event whose
 * similarity passes the threshold and whose date is compatible, else it
 * starts a new event. A caller may force a document into an event (a
 * near-duplicate copy of a document already placed: cluster/copies.h).
 *
 * Similarity of a document to an event (all parts in [0, 1]):
 *   terms  TF-IDF cosine of the document's stems (1 + log tf, idf from
 *          document frequencies kept online, log((N + 1) / (df + 0.5)))
 *          with the event's centroid (the sum of its members' unit vectors,
 *          the 1000 heaviest terms kept);
 *   ents   the idf-weighted share of the document's entity keys the event
 *          holds, times min(1, shared / 3) (one shared key, "Russia", is
 *          not an event);
 *   nums   min(1, shared quantities / 2); dates min(1, shared mentioned days / 2).
 * Same language present in the event: 0.5 terms + 0.3 ents + 0.1 nums +
 * 0.1 dates. No member in the document's language (stems of different
 * languages do not meet): 0.6 ents + 0.2 nums + 0.2 dates, so a French and
 * an English report of one event join through names, numbers and dates.
 *
 * Thresholds and why:
 *   threshold 0.30     join when dated and compatible. On the project's
 *                      bilingual examples same-event pairs score 0.35-0.9
 *                      and same-day different-topic pairs under 0.25;
 *   strong 0.50        when the document or the event is undated: topic
 *                      alone merges the same actors' different visits, so
 *                      an undated report joins only a near copy or a
 *                      report sharing most names, numbers and dates;
 *   day_slack 1        two day-precise event dates more than one day apart
 *                      never join (time zones, reports of the evening
 *                      event dated the next day); same actors on different
 *                      days are different events. A month-precise date is
 *                      compatible with the days of its month; a year only
 *                      guessed (no publication date) compares month and
 *                      day; a weekday the text names must be the event's;
 *   window_days 7,     an event stops taking documents (its centroid is
 *   retire_docs 2000   freed) once no document joined it in the last
 *                      retire_docs documents AND its latest date is more
 *                      than window_days before the latest date seen; both,
 *                      because input is not always in date order (2000
 *                      documents tolerate a feed whose articles arrive up
 *                      to a few hours out of order at a national agency's
 *                      daily volume; the date rule does the rest). An
 *                      undated event retires on the document count alone.
 *                      Retirement is checked every 1024 documents, so a
 *                      run of at most 2000 documents never retires one
 *                      (20000 until 2026-11: memory then grew with the
 *                      first 20,000 documents whatever the window).
 *
 * Candidates come from an inverted index (entity keys and the document's
 * 8 highest-idf terms -> active events; 256 most recent events per key):
 * up to 256 events are gathered, and the 48 that most of the document's
 * keys point to (ties: the most recent) are compared, so a document is
 * compared with a bounded number of events. Cost per document: O(k x 256)
 * to gather for k <= 72 keys, O(K (t + c)) to compare for K <= 48
 * candidates, t document terms, c centroid terms (<= 1000); memory
 * O(active events x 1000 + vocabulary) plus a 40-byte summary per event
 * ever created (rc_evclust_event: its date, size and active flag, and its
 * slot); the working record of an active event (counters, languages,
 * centroid) lives in a pool whose slots retired events give back.
 *
 * Stories (rc_events_build): cluster/stories.h. Each event's profile
 * (entity keys and stems weighted by the share of its documents naming
 * them x their idf in the run) is compared, in date order, with the
 * accumulated profiles of the stories so far; it joins the most similar
 * (cosine >= 0.15, latest event within 183 days), else starts one.
 * Stories are labelled with the names of the three entities in most of
 * their documents.
 *
 * Event label: the title of the member closest to the event's centroid
 * (ties: earliest), else its first sentence (cut at 160 bytes), else "".
 * Everything is deterministic for the same input order.
 */
#ifndef RC_CLUSTER_EVENTS_H
#define RC_CLUSTER_EVENTS_H
#include <stddef.h>
#include <stdint.h>
#include "cluster/evfeat.h"
#include "util/buf.h"
#include "pipeline/analysis.h"

/* A document that reproduces at least this share of its sentences from an
 * earlier one (cluster/copies.h) joins that document's event whatever its
 * own dates say: a wire copy reports the same thing. */
#define RC_EVENTS_COPY_SHARE 0.6f

/* ---- engine ---------------------------------------------------------- */

typedef struct rc_evclust rc_evclust;

typedef struct rc_evclust_opts {
    double threshold;        /* 0.30 */
    double strong;           /* 0.50: undated document or event */
    int day_slack;           /* 1 */
    int window_days;         /* 7 */
    size_t retire_docs;      /* 2000 */
} rc_evclust_opts;

typedef struct rc_evclust_event {
    rc_evdate date;          /* the best-supported member date (undated: gran 0) */
    uint32_t ndocs;
    int active;              /* still takes documents */
} rc_evclust_event;

/* The defaults above. */
void rc_evclust_opts_default(rc_evclust_opts *o);

/* New engine; o NULL means the defaults. Never NULL. */
rc_evclust *rc_evclust_new(const rc_evclust_opts *o);

/* Free the engine; NULL is a no-op. */
void rc_evclust_free(rc_evclust *c);

/* Called by the engine just before it retires event ei (its centroid is
 * freed, it takes no more documents): the event can still be exported.
 * The hook must not call rc_evclust_add or rc_evclust_import. */
typedef void (*rc_evclust_retire_fn)(size_t ei, void *ud);

/* Set (fn NULL: clear) the retire hook of c. */
void rc_evclust_on_retire(rc_evclust *c, rc_evclust_retire_fn fn, void *ud);

/* Place one document with features f (borrowed for the call): returns the
 * index of the event it joined or started. force >= 0 puts it in event
 * force (when that event exists) whatever the similarity. */
size_t rc_evclust_add(rc_evclust *c, const rc_evfeat *f, long force);

/* Number of events so far. */
size_t rc_evclust_count(const rc_evclust *c);

/* Summary of event i (NULL out of range); valid until the next add. */
const rc_evclust_event *rc_evclust_event_get(const rc_evclust *c, size_t i);

/* Current inverse document frequency of a term or entity-key hash. */
double rc_evclust_idf(const rc_evclust *c, uint64_t h);

/* ---- engine state across runs (incremental ingest: cluster/place.h) ---
 * An event's state (its date, size, languages and centroid) serialises to
 * a little-endian record, "RCES", version byte, then the fields; import
 * checks the magic, the version, every count against its cap, and that
 * every list is strictly ascending, and refuses (RC_PARSE) anything else.
 * An imported event is active and found through all its entity keys and
 * its RC_EVSTATE_POST_TERMS heaviest centroid terms (the members' own
 * query terms are not kept). Document frequencies and the document count
 * can be set from outside (the store's counts), so the IDF of a run that
 * continues a store is the IDF of the whole store. */
enum { RC_EVSTATE_VERSION = 1, RC_EVSTATE_POST_TERMS = 32 };

/* Append the state of event i to out. RC_OK; RC_ERR when i is out of
 * range or retired (its centroid is gone); RC_TOOBIG when out is full. */
int rc_evclust_export(const rc_evclust *c, size_t i, rc_buf *out);

/* Add an active event from a record of rc_evclust_export; its index into
 * *out. RC_OK, or RC_PARSE (nothing added) for a damaged record. */
int rc_evclust_import(rc_evclust *c, const void *p, size_t n, size_t *out);

/* Documents counted so far (the IDF's N and the retirement clock). */
uint32_t rc_evclust_docs(const rc_evclust *c);
/* Set that count (the store's document count). */
void rc_evclust_set_docs(rc_evclust *c, uint32_t n);
/* 1 when the engine holds a document frequency for h (seen or set). */
int rc_evclust_df_has(const rc_evclust *c, uint64_t h);
/* Set the document frequency of h. */
void rc_evclust_df_set(rc_evclust *c, uint64_t h, uint32_t df);

/* The entity keys of event i held by most of its members (ties: smaller
 * hash), at most cap, ascending by hash, into out; returns how many (0
 * for a retired event). */
size_t rc_evclust_event_keys(const rc_evclust *c, size_t i, uint64_t *out, size_t cap);

/* Cosine of document f's TF-IDF vector with the centroid of event i, 0..1
 * (0 for a retired event). */
double rc_evclust_centrality(const rc_evclust *c, size_t i, const rc_evfeat *f);

/* ---- events and stories of an analysis run --------------------------- */

typedef struct rc_event {
    char id[24];                  /* "E1", "E2"... in order of first document */
    char date[16];                /* ISO 8601 as precise as known; "" undated */
    int undated;
    const char *label;
    const size_t *docs;           /* indices into the analysis' docs, input order */
    size_t ndocs;
    const char *const *outlets;   /* distinct, first seen first */
    size_t noutlets;
    const char *const *langs;
    size_t nlangs;
    size_t story;                 /* index of its story */
} rc_event;

typedef struct rc_story {
    char id[24];                  /* "S1"... in order of first event */
    const char *label;
    const size_t *events;         /* event indices, ascending */
    size_t nevents;
} rc_story;

struct rc_events;

/* Cluster the documents of a (facts and merged entities needed; copies
 * used when a->copies is set) into events and stories. Never NULL. */
struct rc_events *rc_events_build(const rc_analysis *a);

/* An event given by the caller (rc_events_given): the documents are
 * indices into the analysis' docs, ascending. */
typedef struct rc_event_given {
    const char *id;               /* copied ("E12") */
    const char *date;             /* ISO 8601, "" or NULL undated */
    int undated;
    const char *label;            /* copied; NULL none */
    const size_t *docs;
    size_t ndocs;
    size_t story;                 /* index into story_ids */
} rc_event_given;

/* The events g[0..nev) and stories story_ids[0..nst) as decided elsewhere
 * (a store's placement, cluster/place.h) over the documents of a (facts and
 * merged entities used for the labels), for the cross-check and the report writers. A document in no
 * event has rc_events_of_doc SIZE_MAX. Labels follow rc_events_build's
 * rules (events: the member most central to the members, the weights'
 * document frequencies counted over a's documents; stories: the three
 * entities named in most of their documents), g[].label serving only an
 * event without documents. Never NULL; rc_events_free. */
struct rc_events *rc_events_given(const rc_analysis *a, const rc_event_given *g, size_t nev,
                                  const char *const *story_ids, size_t nst);

/* Free; NULL is a no-op. */
void rc_events_free(struct rc_events *e);

size_t rc_events_count(const struct rc_events *e);
/* Event i, NULL when out of range. */
const rc_event *rc_events_get(const struct rc_events *e, size_t i);
size_t rc_stories_count(const struct rc_events *e);
/* Story i, NULL when out of range. */
const rc_story *rc_stories_get(const struct rc_events *e, size_t i);
/* Event index of document i (SIZE_MAX out of range). */
size_t rc_events_of_doc(const struct rc_events *e, size_t i);

#endif
