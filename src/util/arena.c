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
    block *head;
    size_t total;
};

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
    block *b = a->head;
    while (b) {
        block *n = b->next;
        free(b);
        b = n;
    }
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
    a->total = 0;
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
        size_t sz = n > BLOCK_MIN ? n : BLOCK_MIN;
        if (b && b->size * 2 > sz && b->size < (1u << 20))
            sz = b->size * 2;
        block *nb = rc_malloc(sizeof(block) + sz);
        nb->size = sz;
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
