/*
 * mem.h - allocation that never returns NULL.
 *
 * On exhaustion these print "recoupe: out of memory" and exit with status 70.
 * Every pointer returned is owned by the caller and released with free().
 */
#ifndef RC_MEM_H
#define RC_MEM_H
#include <stddef.h>
#include <stdlib.h>

void *rc_malloc(size_t n);
void *rc_calloc(size_t count, size_t size);
/* n bytes at a multiple of align (a power of two, a multiple of
 * sizeof(void *): O_DIRECT buffers); released with free(). */
void *rc_aligned_alloc(size_t align, size_t n);
/* Resize p (may be NULL) to n bytes; the old pointer is invalid afterwards. */
void *rc_realloc(void *p, size_t n);
/* Resize an array of count elements of size bytes; aborts on overflow. */
void *rc_reallocarray(void *p, size_t count, size_t size);
char *rc_strdup(const char *s);
/* Copy n bytes of s and NUL-terminate; s need not be NUL-terminated. */
char *rc_strndup(const char *s, size_t n);

#endif
