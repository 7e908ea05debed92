/*
 * jalloc.h - jansson's allocations in a per-thread region while a report
 * part's tree is built, serialised and dropped: a part's tree holds
 * millions of small values, and freeing them one by one (json_decref's
 * walk, then free per block) cost as much as serialising them.
 *
 * rc_jalloc_install sets jansson's allocator once (json_set_alloc_funcs,
 * process-wide; call it before any jansson value exists or while none
 * allocated before it is still to be freed by jansson... in practice: at
 * the start of `report`, after which every block carries a one-word tag
 * saying where it came from, so blocks made before or outside a region are
 * still freed with free()). Between rc_jalloc_begin and rc_jalloc_end on
 * a thread, jansson's allocations of that thread come from the thread's
 * region and json_decref frees nothing; rc_jalloc_end releases the whole
 * region at once: no value allocated in it may be used afterwards (the
 * caller copies out what must outlive it, with the region paused).
 * Regions nest neither across threads nor within one.
 */
#ifndef RC_REPORT_JALLOC_H
#define RC_REPORT_JALLOC_H

/* Install the tagging allocator in jansson (idempotent; returns 0, or -1
 * when jansson refused because values already exist: then nothing changes
 * and begin/end do nothing). */
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
