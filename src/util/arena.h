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
/* n bytes aligned for any type; never NULL (aborts on exhaustion). */
void *rc_arena_alloc(rc_arena *a, size_t n);
/* Zeroed array of count elements of size bytes; aborts on overflow. */
void *rc_arena_calloc(rc_arena *a, size_t count, size_t size);
/* Copy n bytes of s as a NUL-terminated string. */
char *rc_arena_strndup(rc_arena *a, const char *s, size_t n);
char *rc_arena_strdup(rc_arena *a, const char *s);
/* Total bytes handed out since creation or the last reset. */
size_t rc_arena_used(const rc_arena *a);

#endif
