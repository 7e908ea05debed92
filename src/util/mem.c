#include "util/mem.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void oom(void)
{
    fputs("recoupe: out of memory\n", stderr);
    exit(70);
}

/* Allocate n bytes (at least 1); never returns NULL. */
void *rc_malloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        oom();
    return p;
}

/* Allocate n bytes (at least 1) at a multiple of align (a power of two,
 * a multiple of sizeof(void *)); never returns NULL. */
void *rc_aligned_alloc(size_t align, size_t n)
{
    void *p = NULL;
    if (posix_memalign(&p, align, n ? n : 1) != 0)
        oom();
    return p;
}

/* Allocate zeroed count*size bytes; never returns NULL. */
void *rc_calloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p)
        oom();
    return p;
}

/* Resize p to n bytes; never returns NULL. */
void *rc_realloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        oom();
    return q;
}

/* Resize p to count*size bytes, aborting on multiplication overflow. */
void *rc_reallocarray(void *p, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size)
        oom();
    return rc_realloc(p, count * size);
}

/* Duplicate the NUL-terminated string s. */
char *rc_strdup(const char *s)
{
    return rc_strndup(s, strlen(s));
}

/* Duplicate n bytes of s into a new NUL-terminated string. */
char *rc_strndup(const char *s, size_t n)
{
    char *d = rc_malloc(n + 1);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}
