/*
 * arena.h - region allocator. Everything a document owns (its strings, token
 * and sentence arrays) comes from one arena, freed in one call; this is what
 * keeps memory per document bounded and ownership simple.
 *
 * Ownership: rc_arena_new() / rc_arena_free(). Pointers returned by the
 * allocation functions stay valid until rc_arena_reset() or rc_arena_free().
 */
#ifndef RC_ARENA_H
#define RC_ARENA_H
#include <stddef.h>

typedef struct rc_arena rc_arena;

rc_arena *rc_arena_new(void);
void rc_arena_free(rc_arena *a);
/* Release all allocations at once, keeping the first block for reuse. */
void rc_arena_reset(rc_arena *a);
/* Release all allocations at once, keeping every block for the allocations
 * that follow (they fill kept blocks, in the order they were first used,
 * before asking malloc for more), unless the blocks hold more than
 * keep_bytes in all, in which case all are freed. For scratch memory reused
 * call after call: its pages stay touched. */
void rc_arena_rewind(rc_arena *a, size_t keep_bytes);
/* n bytes aligned for any type; never NULL (aborts on exhaustion). */
void *rc_arena_alloc(rc_arena *a, size_t n);
/* Zeroed array of count elements of size bytes; aborts on overflow. */
void *rc_arena_calloc(rc_arena *a, size_t count, size_t size);
/* Copy n bytes of s as a NUL-terminated string. */
char *rc_arena_strndup(rc_arena *a, const char *s, size_t n);
char *rc_arena_strdup(rc_arena *a, const char *s);
/* Make room for element n of an arena array holding n elements of size
 * bytes and return the array (possibly moved; the new tail is zeroed). The
 * capacity is implicit: the next power of two >= n, at least 8, so the
 * array is copied only when n reaches a power of two and appends stay
 * amortised O(1); the old block stays in the arena (at most the size of the
 * new one). Use: arr = rc_arena_grow(a, arr, n, sizeof *arr); arr[n++] = x; */
void *rc_arena_grow(rc_arena *a, void *arr, size_t n, size_t size);

/* Total bytes handed out since creation or the last reset or rewind. */
size_t rc_arena_used(const rc_arena *a);

#endif
