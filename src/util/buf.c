#include "util/buf.h"
#include "util/mem.h"
#include "util/rc.h"
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Prepare b, empty, with a cap of max bytes (0 means SIZE_MAX/2). */
void rc_buf_init(rc_buf *b, size_t max)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
    b->max = max ? max : SIZE_MAX / 2;
}

/* Release b's memory. */
void rc_buf_cleanup(rc_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

/* Forget the content but keep the allocation. */
void rc_buf_reset(rc_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

/* See buf.h. */
void rc_buf_truncate(rc_buf *b, size_t len)
{
    if (len >= b->len)
        return;
    b->len = len;
    b->data[len] = '\0';
}

/* Make room for n more bytes plus the NUL; RC_TOOBIG past the cap. */
static int grow(rc_buf *b, size_t n)
{
    if (n > b->max - b->len)
        return RC_TOOBIG;
    size_t need = b->len + n + 1;
    if (need <= b->cap)
        return RC_OK;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    b->data = rc_realloc(b->data, cap);
    b->cap = cap;
    return RC_OK;
}

/* See buf.h. */
int rc_buf_reserve(rc_buf *b, size_t n)
{
    return grow(b, n);
}

/* Append n bytes of p; RC_TOOBIG leaves the content unchanged. */
int rc_buf_append(rc_buf *b, const void *p, size_t n)
{
    int rc = grow(b, n);
    if (rc)
        return rc;
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    return RC_OK;
}

/* Append a NUL-terminated string. */
int rc_buf_puts(rc_buf *b, const char *s)
{
    return rc_buf_append(b, s, strlen(s));
}

/* Append one byte. */
int rc_buf_putc(rc_buf *b, char c)
{
    return rc_buf_append(b, &c, 1);
}

/* Append vprintf-formatted text. */
int rc_buf_vprintf(rc_buf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        return RC_ERR;
    int rc = grow(b, (size_t)n);
    if (rc)
        return rc;
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
    return RC_OK;
}

/* Append printf-formatted text. */
int rc_buf_printf(rc_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = rc_buf_vprintf(b, fmt, ap);
    va_end(ap);
    return rc;
}

/* Content as a C string; "" when empty. */
const char *rc_buf_str(const rc_buf *b)
{
    return b->data ? b->data : "";
}

/* Hand the content to the caller; b is left empty. */
char *rc_buf_detach(rc_buf *b, size_t *len)
{
    char *d = b->data ? b->data : rc_strdup("");
    if (len)
        *len = b->len;
    b->data = NULL;
    b->len = b->cap = 0;
    return d;
}
