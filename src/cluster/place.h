/*
 * place.h - placement: new articles of a running store go into events
 * incrementally (issue 5), without recomputing the stored ones; and the
 * stored events, listed.
 *
 * rc_placer holds, for one ingest run, the online engine (cluster/events.h)
 * and the near-duplicate index (cluster/copies.h), seeded from the store
 * around the dates of the documents it places:
 *  - for a document whose time (its event day, else its publication day)
 *    is t, the stored events whose day lies in [t - RC_PLACE_WINDOW_DAYS,
 *    t + RC_PLACE_WINDOW_DAYS] are imported into the engine (once: the
 *    loaded day range only grows) and the stored documents of
 *    [t - RC_DEDUP_WINDOW_DAYS, t] enter the near-duplicate index; the
 *    RC_PLACE_UNDATED_EVENTS most recent undated events are imported once;
 *  - the engine's document frequencies of every hash it meets for the
 *    first time are set from the store's (term_df), and its document count
 *    from the store's, so the IDF is the whole store's;
 *  - a document reproducing at least RC_EVENTS_COPY_SHARE of its sentences
 *    from a document of the window joins that document's event (the batch
 *    rule of rc_events_build, with rc_copies_source's choice: the
 *    strongest reuse, then the earlier document);
 *  - then it is written, in the caller's open batch, so a crash keeps or
 *    loses the document and its place together: its cluster row (event
 *    day, features, event, copy_of) at once; its event's row (date,
 *    label, count, state: the engine's event state wrapped with the
 *    outlets, languages, label score and story keys) and its terms'
 *    document frequencies by rc_placer_flush, which the caller runs just
 *    before each commit: an event that several documents of a batch join
 *    is written once, in its final state, and each distinct term of the
 *    batch is one row update (+count) instead of one per document. An
 *    event the engine retires inside a batch is written then (the retire
 *    hook of events.h), its label and outlets dropped.
 * Memory: the engine's active events and vocabulary (the engine retires
 * events out of its window), the near-duplicate index's window, the
 * batch's pending counts, per event ever placed its stored id and engine
 * summary (~100 bytes), and per document of the run a few bytes (serial ->
 * event); never the store.
 *
 * A replaced document (same id, new content) is placed again: the placer
 * reads its old cluster row before the put (rc_placer_before_put), takes
 * its old terms out of the document frequencies, and places the new
 * version like a new one. Its old event keeps the centroid (a centroid
 * cannot subtract a member); the listing counts an event's documents from
 * the cluster rows, so it no longer lists it.
 *
 * Labels: the title (else the first sentence) of the member most central
 * when it joined (cosine with the centroid at that time), a cheap online
 * stand-in for the batch rule. Stories are linked when the events are
 * listed (rc_evlist_load), by analyze's rule (cluster/stories.h: each
 * event's profile from its members' stored features, the IDF from the
 * store's document frequencies, rc_stories_link), labelled with their
 * first event's label: the story rows are not written (the profiles
 * follow the events, which change as articles join, so they are made
 * again at listing, in the same pass over the cluster rows that lists
 * the events' documents, the features of an event held until its last
 * member is read; a second pass only when a stored event's document
 * count is not its rows'; the link runs on a second thread fed by that
 * pass, rc_evlist_load_with; the pass reads the undated rows first so
 * that an event dated from its text with undated articles is complete
 * early, and puts each event's documents back dated first, undated
 * last). The event state still
 * carries RC_PLACE_STORY_KEYS keys (the old rule's), unused here.
 *
 * Kept link: the link's result (each listed event's story) is kept in
 * the store (rc_store_put_link, cluster/linkcache.h) with the store's
 * write generation at the start of the listing that made it, when
 * nothing was written since. A listing that finds a kept link of the
 * store's present generation, made by this program's link (the
 * RC_LINK_FP fingerprint of the clustering and utility sources), reads
 * the events and their documents without the features, checks the
 * record against them (the same events, ids and order) and the
 * generation again after its walks, and takes the stories from it: the
 * same stories, since every input of the link (the cluster rows, the
 * events, the document frequencies) is unchanged at one generation.
 * Anything else (no record, another generation or fingerprint, a
 * record not of these events, a write during the walks) and it links
 * as above. `ingest` keeps the link at its end (rc_evlist_keep_link), so
 * a report of a store just ingested does not link again.
 *
 * Ownership: rc_placer_new() / rc_placer_free(); rc_evlist_load() /
 * rc_evlist_free(). Costs per placed document: extraction and features
 * O(tokens), engine O(K (t + c)) (events.h), one df read of its <= 264
 * hashes the engine has not met, one row write; per batch, one df write
 * per distinct hash and one row write per event changed (an event state
 * is <= 16 KB).
 */
#ifndef RC_CLUSTER_PLACE_H
#define RC_CLUSTER_PLACE_H
#include <stddef.h>
#include <stdint.h>
#include "doc/doc.h"
#include "store/store.h"

enum {
    RC_PLACE_WINDOW_DAYS = 8,        /* engine window (7) + day slack (1) */
    RC_PLACE_UNDATED_EVENTS = 256,
    RC_PLACE_MAX_OUTLETS = 32,       /* listed per event; later ones dropped */
    RC_PLACE_MAX_LANGS = 8,
    RC_PLACE_STORY_KEYS = 12,
    /* articles kept in the near-duplicate index (about 7 KB each): the
     * index evicts by date, but input out of date order can keep old
     * articles in; this cap bounds ingest's memory (~70 MB) whatever the
     * order, at the cost of missing a copy whose source is more than
     * this many articles back */
    RC_PLACE_DEDUP_ENTRIES = 10000
};

typedef struct rc_placer rc_placer;

/* A placer over open store s (borrowed; outlives the placer). RC_OK, or
 * RC_IO (after a message) when the store's counters cannot be read. */
int rc_placer_new(rc_store *s, rc_placer **out);

/* Free; NULL is a no-op. Writes what is still pending (rc_placer_flush),
 * outside any batch if the caller committed without flushing. */
void rc_placer_free(rc_placer *p);

/* Call before rc_store_put of a document with this id: remembers its
 * stored place, if any, for rc_placer_place. RC_OK or RC_IO. */
int rc_placer_before_put(rc_placer *p, const char *id);

/* Place d, just stored (added or replaced), and write its rows into the
 * store (inside the caller's batch when one is open). Tokens are built
 * when missing; the facts are extracted here. RC_OK or RC_IO. */
int rc_placer_place(rc_placer *p, rc_doc *d);

/* Write what the placements since the last flush left pending: the
 * document frequencies of their terms (one row per distinct term) and the
 * rows of the events they changed (once each, in their state now). Call it
 * just before committing the batch the documents were stored in, so a
 * crash keeps or loses a document with its place, event and counts.
 * RC_OK or RC_IO (after a message). */
int rc_placer_flush(rc_placer *p);

/* Place the stored documents that have no cluster row (a store written by
 * a recoupe without placement), in insertion order, in one batch; the
 * number placed into *placed. RC_OK or RC_IO. */
int rc_place_missing(rc_store *s, size_t *placed);

/* ---- listing ---------------------------------------------------------- */

typedef struct rc_evlist_event {
    char id[24];                 /* "E" + the stored event id */
    char date[16];               /* ISO 8601; "" undated */
    int undated;
    const char *label;           /* "" when none */
    const char *const *docs;     /* its documents' ids, insertion order */
    size_t ndocs;
    const char *const *outlets;
    size_t noutlets;
    const char *const *langs;
    size_t nlangs;
    size_t story;                /* index into the stories */
} rc_evlist_event;

typedef struct rc_evlist_story {
    char id[24];                 /* "S1"... in order of first event */
    const char *label;
    const size_t *events;        /* event indices, ascending */
    size_t nevents;
} rc_evlist_story;

typedef struct rc_evlist {
    rc_evlist_event *events;     /* by stored id (order of first document) */
    size_t nevents;              /* events with at least one document */
    rc_evlist_story *stories;
    size_t nstories;
    /* the most event profiles the listing pass had made that the story
     * link could not take yet (made ahead of an earlier-dated event not
     * complete); 0 when the link did not run beside the pass. The pass
     * reads the undated cluster rows first, so an event dated from its
     * text whose articles are undated does not hold the link back until
     * the end of the pass (deterministic: the order of the rows and of
     * the events' dates alone) */
    size_t link_backlog;
    void *arena_;                /* private */
} rc_evlist;

/* The stored events (those with documents) and their stories into a new
 * *out. RC_OK, or RC_IO (after a message). One pass over the cluster
 * rows (two when a stored count is stale), one document-frequency read per distinct stored term, and
 * rc_stories_link's cost; memory O(documents + events x profile) plus the
 * features of the events not yet complete in the pass. */
int rc_evlist_load(rc_store *s, rc_evlist **out);

/* rc_evlist_load that calls during(ud) once, on the calling thread, after
 * its walks over the store and before it waits for the stories: the link
 * runs on a second thread fed by the walk over the cluster rows (see
 * rc_stories_link_fed), so during's work (which may use s: the link does
 * not) overlaps the rest of the link. during NULL: none. The listing is
 * that of rc_evlist_load. */
int rc_evlist_load_with(rc_store *s, rc_evlist **out, void (*during)(void *ud), void *ud);

/* Make the stories link of s's listing and keep it in s (see "Kept
 * link" above) unless one is kept for s's present write generation by
 * this program's link: what `ingest` does once it has placed articles,
 * so that the listing that follows reads the link instead of making it.
 * RC_OK (kept, or not kept because s refused it: best effort), or RC_IO
 * after a message (a read failed). */
int rc_evlist_keep_link(rc_store *s);

/* Free; NULL is a no-op. */
void rc_evlist_free(rc_evlist *l);

#endif
