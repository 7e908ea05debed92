/*
 * jalloc.c - region allocation for jansson; see jalloc.h.
 */
#include "report/jalloc.h"
#include "util/mem.h"
#include <jansson.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>

enum { TAG_HEAP = 0x6a48, TAG_REGION = 0x6a52, ALIGN = 16, CHUNK = 1 << 20, SPARE_MAX = 32 };

typedef struct chunk {
    struct chunk *next;
    size_t used, cap;
    _Alignas(ALIGN) unsigned char data[];
} chunk;

typedef struct region {
    chunk *head;
    chunk *spare; /* standard chunks of ended regions, reused first */
    size_t nspare;
    int active, paused;
} region;

static _Thread_local region R;
static int installed;
/* Set once by rc_jalloc_install (start-up, one thread), read-only after:
 * the key whose destructor frees a thread's spare chunks at its exit. */
static pthread_key_t spare_key;
static int have_key;

/* Free a list of chunks (a thread's spares, at the thread's exit). */
static void free_chunks(void *p)
{
    chunk *c = p;
    while (c) {
        chunk *next = c->next;
        free(c);
        c = next;
    }
}

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
        chunk *c = R.spare;
        if (c) {
            R.spare = c->next;
            R.nspare--;
        } else if (!(c = malloc(sizeof *c + CHUNK))) {
            return NULL;
        }
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
    if (!have_key)
        have_key = pthread_key_create(&spare_key, free_chunks) == 0;
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
    /* standard chunks kept for the thread's next region (up to SPARE_MAX:
     * the pages stay mapped instead of being returned and faulted in
     * again), big ones and the rest freed */
    while (R.head) {
        chunk *c = R.head;
        R.head = c->next;
        if (have_key && c->cap == CHUNK && R.nspare < SPARE_MAX) {
            c->next = R.spare;
            R.spare = c;
            R.nspare++;
        } else {
            free(c);
        }
    }
    if (have_key)
        pthread_setspecific(spare_key, R.spare);
    R.active = 0;
    R.paused = 0;
}
