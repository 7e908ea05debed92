/*
 * linkcache.h - the record of a stories link kept in the store: which
 * story each listed event is in, for the events of one listing (the
 * events with documents, in ascending stored id; cluster/place.h).
 *
 * The store keeps it with the write generation it was made at
 * (rc_store_put_link); a listing at the same generation by a program with
 * the same fingerprint (RC_LINK_FP, a hash of the sources the link is
 * made by) reads it back instead of linking again. The record is checked
 * against the listing it is applied to: the same events, the same ids, in
 * the same order, the stories numbered in order of their first event as
 * rc_stories_link numbers them; anything else is refused and the caller
 * links again.
 *
 * Record: "RCLK", version (u8), event count (u32 LE), then per event its
 * stored id (i64 LE) and its story (u32 LE). About 12 bytes an event.
 */
#ifndef RC_CLUSTER_LINKCACHE_H
#define RC_CLUSTER_LINKCACHE_H
#include <stddef.h>
#include <stdint.h>
#include "util/buf.h"

enum {
    RC_LINKCACHE_MAX_EVENTS = 1 << 26   /* a bigger listing is not kept */
};

/* The fingerprint of this program's link (the generated RC_LINK_FP). */
uint64_t rc_linkcache_fp(void);

/* Append to out the record of events ids[0..n) (ascending, > 0) in
 * stories story[0..n) (numbered from 0 in order of first event).
 * Returns RC_OK, or RC_ERR (out keeps its former content) when
 * the input breaks those rules, n exceeds RC_LINKCACHE_MAX_EVENTS or out
 * is full. */
int rc_linkcache_encode(const int64_t *ids, const size_t *story, size_t n, rc_buf *out);

/* Read the record p[len] for the listing of events ids[0..n): on RC_OK
 * story[0..n) (the caller's) holds each event's story and *nstories their
 * count. RC_ERR when p is not a well-formed record of exactly these
 * events (story[] then unspecified), or ids breaks rc_linkcache_encode's
 * rules (the record of such a listing is never written). Never reads
 * outside p[len]. */
int rc_linkcache_decode(const void *p, size_t len, const int64_t *ids, size_t n, size_t *story,
                        size_t *nstories);

#endif
