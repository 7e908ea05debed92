#include "util/arena.h"
#include "util/mem.h"
#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK_MIN 16384

typedef struct block {
    struct block *next;
    size_t size;
    size_t used;
    alignas(max_align_t) unsigned char data[];
} block;

struct rc_arena {
    block *head;  /* the block allocations come from, then older ones */
    block *spare; /* rewound blocks, in first-use order (rc_arena_rewind) */
    size_t total;
};

/* Free the blocks of list b. */
static void free_blocks(block *b)
{
    while (b) {
        block *n = b->next;
        free(b);
        b = n;
    }
}

/* Create an empty arena. */
rc_arena *rc_arena_new(void)
{
    return rc_calloc(1, sizeof(rc_arena));
}

/* Free every block and the arena itself. NULL is a no-op. */
void rc_arena_free(rc_arena *a)
{
    if (!a)
        return;
    free_blocks(a->head);
    free_blocks(a->spare);
    free(a);
}

/* Drop all allocations; keep the last (first-made) block for reuse. */
void rc_arena_reset(rc_arena *a)
{
    block *b = a->head;
    while (b && b->next) {
        block *n = b->next;
        free(b);
        b = n;
    }
    a->head = b;
    if (b)
        b->used = 0;
    free_blocks(a->spare);
    a->spare = NULL;
    a->total = 0;
}

/* Move every block to the spare list, oldest first, emptied; free them all
 * when they hold more than keep_bytes. */
void rc_arena_rewind(rc_arena *a, size_t keep_bytes)
{
    size_t held = 0;
    block *list = a->spare; /* blocks never reused since the last rewind */
    for (block *b = list; b; b = b->next)
        held += b->size;
    /* head is newest first: pushing each in front of the list puts the
     * oldest first, ahead of the still-unused spares */
    for (block *b = a->head; b;) {
        block *n = b->next;
        b->used = 0;
        held += b->size;
        b->next = list;
        list = b;
        b = n;
    }
    a->head = NULL;
    a->total = 0;
    if (held > keep_bytes) {
        free_blocks(list);
        list = NULL;
    }
    a->spare = list;
}

/* Unlink and return the smallest spare block with at least n bytes (the
 * first of equals), or NULL. Best fit puts each request of a call like
 * the last one back in the block it had then. */
static block *take_spare(rc_arena *a, size_t n)
{
    block **best = NULL;
    for (block **pp = &a->spare; *pp; pp = &(*pp)->next)
        if ((*pp)->size >= n && (!best || (*pp)->size < (*best)->size))
            best = pp;
    if (!best)
        return NULL;
    block *b = *best;
    *best = b->next;
    return b;
}

/* n bytes aligned to max_align_t. */
void *rc_arena_alloc(rc_arena *a, size_t n)
{
    const size_t al = alignof(max_align_t);
    if (n > SIZE_MAX - al)
        n = SIZE_MAX - al; /* forces the allocation below to fail cleanly */
    n = (n + al - 1) & ~(al - 1);
    block *b = a->head;
    if (!b || b->size - b->used < n) {
        block *nb = a->spare ? take_spare(a, n) : NULL;
        if (!nb) {
            size_t sz = n > BLOCK_MIN ? n : BLOCK_MIN;
            if (b && b->size * 2 > sz && b->size < (1u << 20))
                sz = b->size * 2;
            nb = rc_malloc(sizeof(block) + sz);
            nb->size = sz;
        }
        nb->used = 0;
        /* big one-off allocations go behind the current block so the
         * current block's free space is not wasted */
        if (b && n > BLOCK_MIN && b->size - b->used > 256) {
            nb->next = b->next;
            b->next = nb;
        } else {
            nb->next = b;
            a->head = nb;
        }
        b = nb;
    }
    void *p = b->data + b->used;
    b->used += n;
    a->total += n;
    return p;
}

/* Zeroed array; aborts on count*size overflow. */
void *rc_arena_calloc(rc_arena *a, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size)
        return rc_malloc(SIZE_MAX); /* aborts with the OOM message */
    void *p = rc_arena_alloc(a, count * size);
    memset(p, 0, count * size);
    return p;
}

/* Copy n bytes of s, NUL-terminated. */
char *rc_arena_strndup(rc_arena *a, const char *s, size_t n)
{
    char *d = rc_arena_alloc(a, n + 1);
    if (n)
        memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

/* Copy the NUL-terminated string s. */
char *rc_arena_strdup(rc_arena *a, const char *s)
{
    return rc_arena_strndup(a, s, strlen(s));
}

/* Room for element n of an arena array; see arena.h. */
void *rc_arena_grow(rc_arena *a, void *arr, size_t n, size_t size)
{
    if (n > 0 && (n < 8 || (n & (n - 1)) != 0))
        return arr;
    size_t cap = n < 8 ? 8 : n * 2;
    void *nw = rc_arena_calloc(a, cap, size);
    if (n)
        memcpy(nw, arr, n * size);
    return nw;
}

/* Bytes handed out since creation or reset. */
size_t rc_arena_used(const rc_arena *a)
{
    return a->total;
}
