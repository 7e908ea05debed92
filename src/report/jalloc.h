/*
 * jalloc.h - jansson's allocations in a per-thread region while a report
 * part's tree is built, serialised and dropped: a part's tree holds
 * millions of small values, and freeing them one by one (json_decref's
 * walk, then free per block) cost as much as serialising them.
 *
 * rc_jalloc_install sets jansson's allocator once, process-wide
 * (json_set_alloc_funcs), at start-up before any jansson value exists:
 * every block then carries a tag saying where it came from, so blocks
 * made outside a region are freed with free() as before. Between
 * rc_jalloc_begin and rc_jalloc_end on a thread, jansson's allocations of
 * that thread come from the thread's region and json_decref frees
 * nothing; rc_jalloc_end releases the whole region at once: no value
 * allocated in it may be used afterwards (the caller copies out what must
 * outlive it, with the region paused).
 * Regions nest neither across threads nor within one.
 * Up to 32 of a region's 1 MB chunks are kept by the thread for its next
 * region (their pages stay mapped: a part's tree no longer page-faults
 * its memory in again); they are freed when the thread exits.
 */
#ifndef RC_REPORT_JALLOC_H
#define RC_REPORT_JALLOC_H

/* Install the tagging allocator in jansson (idempotent). Returns 0, or -1
 * when jansson does not report it installed afterwards: then begin/end do
 * nothing. */
int rc_jalloc_install(void);

/* Start a region on the calling thread (no-op when not installed). */
void rc_jalloc_begin(void);

/* Pause / resume the calling thread's region: allocations in between come
 * from the heap (values that must outlive the region). */
void rc_jalloc_pause(void);
void rc_jalloc_resume(void);

/* End the calling thread's region, releasing every block allocated in it. */
void rc_jalloc_end(void);

#endif
