/*
 * store_report.h - `recoupe report` on a store, one story at a time.
 *
 * The events and stories are the stored ones (cluster/place.h: placed by
 * ingest; the caller places what is missing first with rc_place_missing).
 * For each story, in story order: its documents are loaded from the store
 * (rc_store_get; insertion order), extracted (facts, entities merged over
 * the story), their copies found, their stored events given to the
 * cross-check (pipeline/analysis.h rc_analysis_crosscheck), the story's
 * part of the report built (report/report.h rc_report_tree), written, and
 * everything of the story freed before the next one. Memory is bounded by
 * the largest story, or part of a story (below), plus per stored document
 * its id and per element written a few words of order: not by the store.
 *
 * Threads: the parts (stories, or parts of stories: below) are
 * independent, so they are cross-checked on worker threads (`--jobs N`,
 * RECOUPE_JOBS, default the online processors). The main thread alone
 * uses the store: it loads parts ahead (at most 4 x workers + 2 in flight, so
 * memory is bounded by that many parts), numbers each part's claims and
 * entities once the parts before it are numbered, and sinks the parts'
 * elements in part order; a worker extracts and cross-checks a loaded
 * part (rc_analysis_crosscheck_groups), then builds and serialises a
 * numbered part's elements (or renders its terminal or Markdown section)
 * and frees its documents. A part belongs to one thread at a time (its
 * state, under the pool's mutex, says which). The report is the same
 * byte for byte whatever the number of workers. Modules run by workers
 * keep no mutable global state (stemmers and small caches are per
 * thread; tables filled once use pthread_once).
 *
 * Writing the parts:
 *  - json: a worker writes each part's elements as text, each after its
 *    separator, and compresses them into lz4 frames of one key and about
 *    128 KiB each (about 4.8 times smaller, so the temporary file stays
 *    in the page cache and is not read back from disk); the
 *    main thread appends the frames to one temporary file ($TMPDIR) and
 *    keeps every element's sort key, frame and offset. At the end each
 *    key's elements are sorted (a natural merge sort: they arrive in
 *    runs, a part's at a time) into the order `analyze` writes them
 *    (documents and facts in insertion order, events by stored id,
 *    stories in order, claims and entities in story order,
 *    discrepancies: the articles' own issues in insertion order, then the
 *    cross-document ones, then the contested claims, framing by event)
 *    and written out in rc_report_json's exact layout (one element per
 *    line), each frame decompressed when its first element is due and
 *    freed after its last (a part's records are mostly in output order,
 *    so about one frame per part is held). Into a regular file the bytes
 *    go in windows of 8 MiB written by a second thread, their whole
 *    blocks with O_DIRECT when the file system takes it (the page cache
 *    cost twice the system time), else with pwrite; the writer thread
 *    also copies the elements' bytes into the window (the main thread
 *    notes where they go) and frees the frames; into a pipe or an
 *    appended file, with fwrite;
 *  - terminal: each story's per-event sections are rendered as soon as the
 *    story is done (events grouped by story), the header line with the
 *    totals written first at the end (the sections wait in a temporary
 *    file);
 *  - markdown: each story's Markdown report (its articles, entities,
 *    quotes, then its events) is written when the story is done, one
 *    after the other (the renderer reads the story's documents);
 *  - html (and json or terminal with --event): the parts are merged into
 *    one report tree in the same order and rendered as `analyze` renders;
 *    memory then grows with the report (a whole 100,000-article store
 *    should be reported as json or terminal, or one event at a time).
 *
 * A story of more than RC_REPORT_STORY_DOCS (500) articles (a running
 * topic over months; on the 100,000-article bench corpus two stories hold
 * 20,000 each) is cross-checked in parts: consecutive events (in stored
 * order) of at most 500 articles together, an event never split. Claims
 * and discrepancies then do not cross a part boundary, and the story's
 * label is its first part's; memory (4 x workers + 2 parts in flight) and the
 * cross-check's faster-than-linear costs stay bounded by the part (or the
 * largest event). Measured on 12,500 generated articles (bench/README.md):
 * parts of 1,000 cost 20% more CPU than parts of 300 (discrepancies twice
 * as much) and 2.4x the memory (1.6 GB against 0.7 GB with two workers);
 * 500 keeps weeks of a running story together. The environment variable
 * RECOUPE_STORY_PART (a positive number) sets another limit (tests use a
 * small one on small stores).
 *
 * Ids over the whole report: event ids are the stored ones ("E" + id),
 * story ids "S1".. in order of their first event, claim ids numbered on
 * across stories. Entities are merged per story (the same person in two
 * stories is two entities): their ids are numbered on across stories, so
 * each id names one entity of the report; a table over every mention of
 * the store would hold the whole store's mentions. On a store whose
 * articles form one story, the report is the one `analyze` writes for
 * the same articles in the same order.
 *
 * Framing background: the store's documents when there are at most
 * RC_REPORT_BG_DOCS (then framing is `analyze`'s), else an evenly spaced
 * sample of RC_REPORT_BG_DOCS of them in insertion order (every k-th),
 * counted once before the stories: bounded memory and time, and the same
 * words stay common or rare as over the whole store, up to sampling.
 */
#ifndef RC_PIPELINE_STORE_REPORT_H
#define RC_PIPELINE_STORE_REPORT_H
#include <stdio.h>
#include "report/report.h"
#include "store/store.h"

enum { RC_REPORT_BG_DOCS = 2000, RC_REPORT_STORY_DOCS = 500, RC_REPORT_MAX_JOBS = 64 };

typedef struct rc_store_report_opts {
    const char *format;     /* "terminal" (NULL), "markdown", "html", "json" */
    const char *event;      /* an events[].id: only its story, filtered; NULL all */
    rc_term_opts term;      /* terminal colours and width */
    const char *version;
    size_t jobs;            /* worker threads; 0: rc_store_report_jobs() */
    const char *output;     /* out's name for messages; NULL: "stdout" */
} rc_store_report_opts;

/* The default number of worker threads: RECOUPE_JOBS when it is a
 * positive number, else the online processors; at most
 * RC_REPORT_MAX_JOBS. */
size_t rc_store_report_jobs(void);

/* Write the report of store s (its events already placed) to out in
 * o->format. Returns RC_OK; RC_NOTFOUND when o->event names no stored
 * event (message printed, nothing written); RC_IO when the store cannot be
 * read or the report cannot be written (message printed). */
int rc_store_report(rc_store *s, const rc_store_report_opts *o, FILE *out);

#endif
