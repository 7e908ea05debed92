/*
 * jalloc.c - region allocation for jansson; see jalloc.h.
 */
#include "report/jalloc.h"
#include "util/mem.h"
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>

enum { TAG_HEAP = 0x6a48, TAG_REGION = 0x6a52, ALIGN = 16, CHUNK = 1 << 20 };

typedef struct chunk {
    struct chunk *next;
    size_t used, cap;
    _Alignas(ALIGN) unsigned char data[];
} chunk;

typedef struct region {
    chunk *head;
    int active, paused;
} region;

static _Thread_local region R;
static int installed;

/* A block: a header of ALIGN bytes (its tag), then the caller's bytes. */
static void *tag(unsigned char *p, unsigned t)
{
    *(unsigned *)p = t;
    return p + ALIGN;
}

/* jansson's malloc: from the thread's region when one is active. */
static void *jmalloc(size_t n)
{
    size_t need = (n + ALIGN + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    if (!R.active || R.paused) {
        unsigned char *p = malloc(n + ALIGN);
        return p ? tag(p, TAG_HEAP) : NULL;
    }
    if (need > CHUNK / 4) {
        /* a big block: a chunk of its own, behind the current one */
        chunk *c = malloc(sizeof *c + need);
        if (!c)
            return NULL;
        c->used = c->cap = need;
        if (R.head) {
            c->next = R.head->next;
            R.head->next = c;
        } else {
            c->next = NULL;
            R.head = c;
        }
        return tag(c->data, TAG_REGION);
    }
    if (!R.head || R.head->used + need > R.head->cap) {
        chunk *c = malloc(sizeof *c + CHUNK);
        if (!c)
            return NULL;
        c->next = R.head;
        c->used = 0;
        c->cap = CHUNK;
        R.head = c;
    }
    unsigned char *p = R.head->data + R.head->used;
    R.head->used += need;
    return tag(p, TAG_REGION);
}

/* jansson's free: heap blocks freed, region blocks left to the region. */
static void jfree(void *q)
{
    if (!q)
        return;
    unsigned char *p = (unsigned char *)q - ALIGN;
    if (*(unsigned *)p == TAG_HEAP)
        free(p);
}

/* See jalloc.h. */
int rc_jalloc_install(void)
{
    if (installed)
        return 0;
    json_set_alloc_funcs(jmalloc, jfree);
    json_malloc_t m;
    json_free_t f;
    json_get_alloc_funcs(&m, &f);
    installed = m == jmalloc;
    return installed ? 0 : -1;
}

/* See jalloc.h. */
void rc_jalloc_begin(void)
{
    R.active = installed;
    R.paused = 0;
}

/* See jalloc.h. */
void rc_jalloc_pause(void)
{
    R.paused = 1;
}

/* See jalloc.h. */
void rc_jalloc_resume(void)
{
    R.paused = 0;
}

/* See jalloc.h. */
void rc_jalloc_end(void)
{
    while (R.head) {
        chunk *c = R.head;
        R.head = c->next;
        free(c);
    }
    R.active = 0;
    R.paused = 0;
}
