/*
 * refresh.h - renew what placing keeps with each article for the report
 * (its extracted facts and tokens, extract/factscodec.h, and its copy
 * keys, cluster/copies.h) where another version of recoupe made them: a
 * report refuses such records as stale and extracts the article again,
 * every time. `recoupe refresh` makes them again from the stored texts,
 * as this version's placing would, so later reports read them.
 *
 * Only the two records change: the articles, their events, days, copy
 * links and features stay as they are (the cluster row is rewritten under
 * the same key, so every listing keeps its order).
 */
#ifndef RC_PIPELINE_REFRESH_H
#define RC_PIPELINE_REFRESH_H
#include <stddef.h>
#include "store/store.h"

typedef struct rc_refresh_stats {
    size_t placed;   /* articles with a cluster row */
    size_t current;  /* whose facts record this version reads: left alone */
    size_t renewed;  /* whose facts and copy keys were made again */
    size_t failed;   /* that could not be read or written (one message each) */
} rc_refresh_stats;

/* Renew the stale records of every placed article of s (see above), in
 * batches of one transaction each, so an interrupted refresh keeps what
 * it committed and the next one goes on. Articles not placed yet (ingest
 * --no-events) are left to their placing, which makes the records.
 * Fills *st. Returns RC_OK, or RC_IO when some article failed or the
 * store could not be walked or committed (after a message). */
int rc_refresh_store(rc_store *s, rc_refresh_stats *st);

#endif
